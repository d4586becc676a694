"""Stacked layouts worked out after the search's limit of them is spent (``Search.stack_limit``:
``fallback.stack`` then makes none) are not facts about their rectangles (``layout.makeup.tables``): a
search whose limit is tiny (``avoid``'s, ``retry``'s, or one that has spent its own) must not leave a
"none" that a later caller with stacked layouts to spend trusts; and the make-up's last tries
(``fallback.last``) stack with an allowance of their own, so a page whose passes spent the limit is
made, not refused for it. Past ``fallback.STACK_CALLS`` stacking tries stories across only: what it
works out then is no fact for a caller counting afresh either. Checked on the tabloid test plan's
rectangles and shares of its stories."""

from __future__ import annotations

from itertools import combinations

import pytest

from layout.issue.model import Placement
from layout.makeup import fallback
from layout.makeup.search import Search
from layout.makeup.solution import NONE
from layout.makeup.tables import Tables
from layout.text.font import FontBook
from tests.test_makeup_stack import tabloid_search

INF = float("inf")
LIMIT = 4 * fallback.STACK_CALLS  # (a search's own limit)


@pytest.fixture(scope="module")
def search(book: FontBook) -> Search:
    """``tabloid_search``, shared by the tests that only ask its tables (each a fresh ``Tables``)."""
    return tabloid_search(book)


def _cases(search: Search) -> list[tuple[Placement, tuple[int, ...], bool]]:
    """Rectangles under the fixed banner with shares of two to four stories that stacking places."""
    top = max(search.first_free)
    out = []
    for column, span in ((1, search.columns), (1, 4), (3, 4)):
        for line, lines in ((top, search.lines - top + 1), (top + 20, search.lines - top - 19)):
            for n in (2, 3, 4):
                for ids in list(combinations(range(len(search.stories)), n))[:2]:
                    rect = Placement(column, span, line, lines)
                    out += [(rect, ids, nohead) for nohead in (False, True)
                            if Tables(search).stacked(rect, ids, nohead).cost < INF]
    return out


def _fits(tables: Tables, rect: Placement, ids: tuple[int, ...], nohead: bool) -> bool:
    """``Tables.fits`` of ``rect``."""
    return tables.fits(rect.column, rect.span, rect.line, rect.lines, ids, nohead)


def test_a_stack_past_a_tiny_limit_leaves_no_none_that_a_later_stack_trusts(search: Search) -> None:
    cases = _cases(search)
    assert len(cases) >= 10
    try:
        for rect, ids, nohead in cases:
            full = Tables(search).stacked(rect, ids, nohead)
            tables = Tables(search)
            search.stacks, search.stack_limit = 0, 0  # (spent at once: no stacked layout made)
            assert tables.stacked(rect, ids, nohead) is NONE and not _fits(tables, rect, ids, nohead)
            search.stacks, search.stack_limit = 0, LIMIT  # a later caller with stacked layouts to spend
            again = tables.stacked(rect, ids, nohead)
            assert (again.cost, again.leaves) == (full.cost, full.leaves), (rect, ids, nohead)
            assert _fits(tables, rect, ids, nohead)
    finally:
        search.stacks, search.stack_limit = 0, LIMIT


@pytest.mark.parametrize("limit", [1, 2, 5])
def test_a_stack_cut_short_by_the_limit_is_kept_only_as_what_was_found(search: Search, limit: int) -> None:
    try:
        for rect, ids, nohead in _cases(search):
            full = Tables(search).stacked(rect, ids, nohead)
            tables = Tables(search)
            search.stacks, search.stack_limit = 0, limit
            short = tables.stacked(rect, ids, nohead)
            assert short.cost >= full.cost  # (a layout found past the limit, or none: never cheaper than the best)
            if search.stacks > limit:  # cut short: a caller still past the limit gets what was found
                kept = tables.stacked(rect, ids, nohead)
                assert (kept.cost, kept.leaves) == (short.cost, short.leaves)
            search.stacks, search.stack_limit = 0, LIMIT
            again = tables.stacked(rect, ids, nohead)
            assert (again.cost, again.leaves) == (full.cost, full.leaves), (rect, ids, nohead, limit)
    finally:
        search.stacks, search.stack_limit = 0, LIMIT


@pytest.mark.usefixtures("no_makeup_cache")
def test_the_last_tries_stack_a_page_whose_passes_spent_the_limit(book: FontBook,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    search = tabloid_search(book)
    page, ids = Placement(1, search.columns, 1, search.lines), tuple(range(len(search.stories)))
    search.tables.adopt()
    search.stacks = search.stack_limit + 1  # the passes spent the limit
    monkeypatch.setattr(fallback, "clashing", lambda *_: NONE)  # (the stacked try alone)
    best = fallback.last(search, page, ids)
    assert best.cost < INF and {sid for sid, _, _ in best.leaves} == set(ids)  # every story stacked
    assert search.stack_limit == LIMIT  # (the allowance given back)


def test_a_stack_past_the_side_by_side_count_is_no_fact_for_a_caller_counting_afresh(search: Search) -> None:
    cases, worse = _cases(search), 0
    try:
        for rect, ids, nohead in cases:
            search.stacks = 0
            full = Tables(search).stacked(rect, ids, nohead)
            tables = Tables(search)
            search.stacks, search.stack_limit = fallback.STACK_CALLS + 1, LIMIT  # (across only, not side by side)
            partial = tables.stacked(rect, ids, nohead)
            fits = _fits(tables, rect, ids, nohead)
            worse += partial.cost > full.cost or not fits
            assert partial.cost >= full.cost
            search.stacks = 0  # ``retry``'s pass, a side searched again: counting afresh, side by side again
            again = tables.stacked(rect, ids, nohead)
            assert (again.cost, again.leaves) == (full.cost, full.leaves), (rect, ids, nohead)
            assert _fits(tables, rect, ids, nohead)
            search.stacks = fallback.STACK_CALLS + 1  # past the count again: what was worked out so
            kept = tables.stacked(rect, ids, nohead)
            assert kept.cost <= partial.cost
    finally:
        search.stacks, search.stack_limit = 0, LIMIT
    assert worse  # (some rectangles are stacked worse across only: the test can tell)
