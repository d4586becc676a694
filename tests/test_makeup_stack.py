"""Stacked layouts made under a budget (``layout.makeup.fallback.stack``, kept by
``layout.makeup.tables``): the search past its limit of rectangles asks only for a stacked layout
cheaper than its budget, so the stacking is itself a branch and bound. It must give the layout that
stacking without a budget gives whenever that one costs less than the budget, and nothing
otherwise; and the floor it prunes by must never be above the stacked layout's cost. Checked on the
tabloid test plan over rectangles of the free area and shares of its stories, each asked with
budgets below, at and above its cost, in a fresh table and in one shared with earlier asks."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from layout.issue.model import Placement
from layout.makeup import fallback, store
from layout.makeup.measure import Measurer
from layout.makeup.plan import read_plan
from layout.makeup.search import Search
from layout.makeup.tables import Tables
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]
TABLOID = ROOT / "tests" / "data" / "makeup" / "plan-tabloid.yaml"
INF = float("inf")


@pytest.fixture(scope="module")
def search(book: FontBook) -> Search:
    """``tabloid_search``, shared by the module's tests."""
    return tabloid_search(book)


def tabloid_search(book: FontBook) -> Search:
    """A search of the tabloid test plan's page (measured afresh, not from the make-up cache)."""
    store.use(False)
    try:
        plan = read_plan(TABLOID, False)
        page = plan.issue.pages[0]
        stories = [s for s in plan.stories if s.page == page.number]
        return Search(Measurer(plan.doc, plan.issue, page, TABLOID.parent, book), stories,
                      [b.at for b in page.blocks])
    finally:
        store.use(True)


def _cases(search: Search) -> list[tuple[Placement, tuple[int, ...], bool]]:
    """Rectangles under the fixed banner (several widths, depths and places) with shares of two to
    four stories, with and without a headline allowed on their first line."""
    top = max(search.first_free)
    out = []
    for column, span in ((1, search.columns), (1, 4), (3, 4), (2, 3)):
        for line, lines in ((top, search.lines - top + 1), (top + 20, search.lines - top - 19), (top, 40)):
            for n in (2, 3, 4):
                for ids in list(combinations(range(len(search.stories)), n))[:3]:
                    out += [(Placement(column, span, line, lines), ids, nohead) for nohead in (False, True)]
    return out


def test_a_budgeted_stack_is_the_unbudgeted_one_or_nothing(search: Search) -> None:
    shared = Tables(search)
    checked = found = 0
    for rect, ids, nohead in _cases(search):
        full = Tables(search).stacked(rect, ids, nohead)  # no budget: the whole stacking
        if full.cost == INF:
            continue
        found += 1
        floor = fallback.stack_floor(Tables(search), rect, ids, nohead)
        assert floor <= full.cost + 1e-9, (rect, ids, nohead, floor, full.cost)
        for budget in (full.cost / 2, full.cost, full.cost + 1e-3, full.cost + 50, INF):
            for tables in (Tables(search), shared):
                got = tables.stacked(rect, ids, nohead, budget)
                if full.cost < budget:
                    assert (got.cost, got.leaves, got.heads) == (full.cost, full.leaves, full.heads), \
                        (rect, ids, nohead, budget)
                else:
                    assert got.cost == INF, (rect, ids, nohead, budget, got.cost)
                checked += 1
    assert found >= 40 and checked >= 400  # the cases do reach stacked layouts
