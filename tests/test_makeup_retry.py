"""The retry of a poor page (``layout.makeup.retry``) is bounded where it cannot share the stories
afresh: a page whose only fault is a strip, with no first cut down left to try, has only its most
promising cut (the lead across the top) searched again.

Checked on the search's own layout of the eight-story test plan, whose copy is too short to fill
its page in blocks ``MIN_DEPTH`` lines deep (its strips are the copy's, not the search limit's).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.issue.model import Placement
from layout.makeup import retry
from layout.makeup.checks import _strip
from layout.makeup.measure import Measurer
from layout.makeup.plan import read_plan
from layout.makeup.search import Search, Solution
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]
EIGHT = ROOT / "tests" / "data" / "makeup" / "plan-eight.yaml"


def test_a_page_of_strips_only_with_no_cut_down_left_searches_one_cut_again(book: FontBook) -> None:
    plan = read_plan(EIGHT)
    page = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == page.number]
    search = Search(Measurer(plan.doc, plan.issue, page, EIGHT.parent, book), stories, [b.at for b in page.blocks])
    calls: list[tuple[Placement, tuple[int, ...], bool]] = []
    fresh = retry._fresh

    def counted(s: Search, part: tuple[Placement, tuple[int, ...], bool], budget: float,
                limit: int) -> tuple[Solution, int]:
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
    plan = read_plan(EIGHT)
    page = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == page.number]
    search = Search(Measurer(plan.doc, plan.issue, page, EIGHT.parent, book), stories, [b.at for b in page.blocks])
    search.run()
    search.stacks, search.stack_limit = 1234, 5678  # (the page's, as the passes before left them)

    def stop(s: Search, part: tuple[Placement, tuple[int, ...], bool], budget: float,
             limit: int) -> tuple[Solution, int]:
        s.stacks += 7  # (stacked layouts the pass made before it ended)
        raise _Stop

    monkeypatch.setattr(retry, "_fresh", stop)
    with pytest.raises(_Stop):
        retry.retry(search, search.solution)
    assert (search.stacks, search.stack_limit) == (1234 + 7, 5678)


def _retried(search: Search, monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], list[tuple[int, bool]]]:
    """``search`` run, its first retry watched: the rectangles each of its parts used, in turn, and for each
    better layout it found (as the rectangles used by then) whether that was poor."""
    spent: list[int] = []
    found: list[tuple[int, bool]] = []
    fresh, poor, retried = retry._fresh, retry.poor, retry.retry
    watching = [False]

    def counted(s: Search, part: tuple[Placement, tuple[int, ...], bool], budget: float,
                limit: int) -> tuple[Solution, int]:
        out = fresh(s, part, budget, limit)
        if watching[0]:
            spent.append(out[1])
        return out

    def judged(s: Search, solution: Solution) -> bool:
        verdict = poor(s, solution)
        if watching[0]:
            found.append((sum(spent), verdict))
        return verdict

    def first(s: Search, best: Solution) -> Solution:
        watching[0] = not spent
        try:
            return retried(s, best)
        finally:
            watching[0] = False

    monkeypatch.setattr(retry, "_fresh", counted)
    monkeypatch.setattr(retry, "poor", judged)
    monkeypatch.setattr(retry, "retry", first)
    search.run()
    return spent, found


def _search(plan_path: Path, book: FontBook) -> Search:
    plan = read_plan(plan_path)
    page = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == page.number]
    return Search(Measurer(plan.doc, plan.issue, page, plan_path.parent, book), stories, [b.at for b in page.blocks])


def test_a_retry_that_found_a_sound_page_stops_once_calm(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out plan 16 (eight stories whose copy fits): the passes leave it overset, the retry mends it within
    its first cuts, then searches ``CALM`` rectangles more (and the part under way) and stops, far short of
    ``TOTAL``; its layout is sound (no overset, 撞题, holes or strips) and costs what searching on finds."""
    from tests.madeup import heldout_bench

    plan = heldout_bench().make_plan(16, tmp_path)
    search = _search(plan, book)
    spent, found = _retried(search, monkeypatch)
    sound = [used for used, verdict in found if not verdict]
    assert sound and retry.faults(search, search.solution) == (False, False)
    assert sum(spent) <= sound[-1] + retry.CALM + max(spent) < retry.TOTAL // 2
    assert sum(spent) > sound[-1] + retry.CALM  # (stopped by the calm, not by running out of cuts)
    monkeypatch.setattr(retry, "CALM", retry.TOTAL * 10)  # (searched on to the end: no better layout)
    on = _search(plan, book)
    more, _ = _retried(on, monkeypatch)
    assert sum(more) > retry.TOTAL and on.solution.cost == search.solution.cost


def test_a_retry_whose_page_stays_overset_is_not_cut_short(book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page whose copy cannot all fit (the over-full order plan): every better layout the retry finds is
    still poor, so the calm never starts and the retry searches its whole ``TOTAL``."""
    search = _search(ROOT / "tests" / "data" / "makeup" / "plan-overfull-order.yaml", book)
    spent, found = _retried(search, monkeypatch)
    assert found and all(verdict for _, verdict in found)
    assert sum(spent) > retry.TOTAL
