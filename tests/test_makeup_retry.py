"""The retry of a poor page (``layout.makeup.retry``) is bounded where it cannot share the stories
afresh: a page whose only fault is a strip, with no first cut down left to try, has only its most
promising cut (the lead across the top) searched again.

Checked on the search's own layout of the eight-story test plan, whose copy is too short to fill
its page in blocks ``MIN_DEPTH`` lines deep (its strips are the copy's, not the search limit's).

And it stops once the page is mended (``retry.CALM``): checked on held-out plan 16, whose copy fits, and
on an over-full test plan, whose every better layout stays poor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.makeup import retry, solution
from layout.makeup.checks import _strip
from layout.makeup.measure import Measurer
from layout.makeup.plan import read_plan
from layout.makeup.search import Search, Solution
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]
EIGHT = ROOT / "tests" / "data" / "makeup" / "plan-eight.yaml"


def test_a_page_of_strips_only_with_no_cut_down_left_searches_one_cut_again(book: FontBook) -> None:
    search = _search(EIGHT, book)
    calls: list[retry.Part] = []
    fresh = retry._fresh

    def counted(s: Search, part: retry.Part, budget: float, limit: int) -> tuple[Solution, int]:
        calls.append(part)
        return fresh(s, part, budget, limit)

    retry._fresh = counted  # type: ignore[assignment]
    try:
        layout = search.run()
    finally:
        retry._fresh = fresh  # type: ignore[assignment]
    best = search.solution
    pieces = search.pieces(best)
    assert [p.story.id for p in pieces if _strip(p, pieces)]  # strips …
    assert retry.faults(search, best) == (False, True)  # … and nothing else: no overset, 撞题 or holes
    rect = retry.free_rect(search)
    assert rect is not None
    lead, below = calls  # one cut searched again: the lead across the top, all the others under it
    assert lead[1] == (0,) and below[1] == tuple(range(1, len(search.stories)))
    assert (lead[0].column, lead[0].span, lead[0].line) == (rect.column, rect.span, rect.line)
    assert below[0].line == lead[0].end_line and below[0].end_line == rect.end_line
    assert layout.cost == best.cost


class _Stop(Exception):
    """Raised from inside the retry's pass (as Ctrl-C or an error would)."""


def test_a_retry_ended_by_an_exception_puts_the_pages_stacked_layouts_back(
        book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    search = _search(EIGHT, book)
    search.run()
    search.stacks, search.stack_limit = 1234, 5678  # (the page's, as the passes before left them)

    def stop(s: Search, part: retry.Part, budget: float, limit: int) -> tuple[Solution, int]:
        s.stacks += 7  # (stacked layouts the pass made before it ended)
        raise _Stop

    monkeypatch.setattr(retry, "_fresh", stop)
    with pytest.raises(_Stop):
        retry.retry(search, search.solution)
    assert (search.stacks, search.stack_limit) == (1234 + 7, 5678)


POOR = retry.poor  # (the verdict itself, whatever a test puts in its place)


def _search(plan_path: Path, book: FontBook) -> Search:
    """The search of the first page of the plan at ``plan_path`` (not run)."""
    plan = read_plan(plan_path)
    page = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == page.number]
    return Search(Measurer(plan.doc, plan.issue, page, plan_path.parent, book), stories, [b.at for b in page.blocks])


def _retried(search: Search, monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], list[tuple[int, bool]]]:
    """``search`` run, its first retry watched: the rectangles each part of its cuts used, in turn, and each
    better layout it found, as the rectangles used by then and whether that layout is poor (judged here, on
    the layouts the retry compares, not on what the retry itself asks)."""
    spent: list[int] = []
    found: list[tuple[int, bool]] = []
    watching = [False]
    fresh, retried, better = retry._fresh, retry.retry, solution.better

    def counted(s: Search, part: retry.Part, budget: float, limit: int) -> tuple[Solution, int]:
        out = fresh(s, part, budget, limit)
        if watching[0]:
            spent.append(out[1])
        return out

    def compared(old: Solution, new: Solution) -> Solution:
        out = better(old, new)
        if watching[0] and out is not old:
            found.append((sum(spent), POOR(search, out)))
        return out

    def first(s: Search, best: Solution) -> Solution:
        watching[0] = not spent
        try:
            return retried(s, best)
        finally:
            watching[0] = False

    with monkeypatch.context() as patched:  # (undone on return: a second search is watched afresh)
        patched.setattr(retry, "_fresh", counted)
        patched.setattr(retry, "retry", first)
        patched.setattr(solution, "better", compared)  # (the retry's own: imported where it compares)
        search.run()
    return spent, found


@pytest.mark.expect_warnings
def test_a_retry_that_found_a_sound_page_stops_once_calm(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out plan 16 (eight stories whose copy fits): the passes leave it overset, the retry mends it within
    its first cuts, then searches ``CALM`` rectangles past the cut that found its best (and the cut under way,
    two parts at most) and stops, far short of its limit, at the cost searching on to the limit finds; the
    made issue renders with nothing overset."""
    from tests.madeup import heldout_bench, made_afresh

    plan = heldout_bench().make_plan(16, tmp_path)
    search = _search(plan, book)
    spent, found = _retried(search, monkeypatch)
    assert found and not found[-1][1]  # (its best is sound)
    last = found[-1][0]  # (the rectangles used by the cut that found it)
    assert last + retry.CALM < sum(spent) <= last + retry.CALM + 2 * max(spent) < retry.TOTAL // 2
    monkeypatch.setattr(retry, "CALM", retry.TOTAL * 10)  # (searched on to the limit: nothing better)
    on = _search(plan, book)
    more, _ = _retried(on, monkeypatch)
    assert sum(more) > retry.TOTAL and on.solution.cost == search.solution.cost
    monkeypatch.undo()
    _, _, report = made_afresh(plan, tmp_path / "made.yaml", book)
    assert not report.overset


def test_a_retry_whose_page_stays_overset_is_not_cut_short(book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page whose copy cannot all fit (the over-full order plan): every better layout the retry finds is
    poor (text overset), so the calm never starts and the retry searches to its limit."""
    search = _search(ROOT / "tests" / "data" / "makeup" / "plan-overfull-order.yaml", book)
    spent, found = _retried(search, monkeypatch)
    assert found and all(poor for _, poor in found)
    assert sum(spent) > retry.TOTAL
