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
