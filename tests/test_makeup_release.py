"""A search made afresh (``Search.reset``: ``wrapped`` searches a page again with every narrow photo's wrap)
lets go of what its old tables alone worked out (``Tables.release``); the page's ``Pure`` keeps those
tables for their ``bounds`` only. Nothing it finds may change: the same layout before and after."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.issue.model import Placement
from layout.makeup.measure import Measurer
from layout.makeup.plan import read_plan
from layout.makeup.search import Search
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "tests" / "data" / "makeup" / "plan-lead-photo.yaml"


def _search(book: FontBook) -> Search:
    plan = read_plan(PLAN, False)
    spec = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == spec.number]
    return Search(Measurer(plan.doc, plan.issue, spec, PLAN.parent, book), stories, [b.at for b in spec.blocks])


def _solve(search: Search) -> object:
    """The search's first pass over the whole page (``Search.run``'s, without its second searches): its
    best solution, as (cost, leaves)."""
    search.tables.adopt()
    search.ordered, search.limit = False, 2000
    best = search.solve(Placement(1, search.columns, 1, search.lines), tuple(range(len(search.stories))), False)
    return best.cost, best.leaves


@pytest.mark.usefixtures("no_makeup_cache")
@pytest.mark.expect_warnings  # placeholder copy in narrow columns sets loose lines
def test_a_search_made_afresh_lets_go_of_its_old_tables_and_finds_the_same(book: FontBook) -> None:
    search = _search(book)
    first = _solve(search)
    old = search.tables
    bounds = [old.pure.bounds(i, search.columns) for i in range(len(search.stories))]
    assert old._stacks and old._heights and old._fits  # (what the release is for: else the test proves nothing)
    search.reset(False)
    assert search.tables is not old and old.pure is search.tables.pure  # (the page's Pure kept)
    for name in ("_stacks", "_fits", "_partial", "_fits_partial", "unproven", "_heights", "_spans", "_needs",
                 "_quick", "_opens"):
        assert getattr(old, name) == {}, name
    assert [old.pure.bounds(i, search.columns) for i in range(len(search.stories))] == bounds
    assert _solve(search) == first  # (the search made afresh finds the same)
    assert _solve(_search(book)) == first  # (and so does one of its own)
