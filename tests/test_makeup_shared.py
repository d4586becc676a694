"""A page's searches of the same stories share the tables that depend on the page and its stories
alone (``layout.makeup.tables.Pure``: leaf tables, variants, bounds), and sharing them must not change
what a search finds: a second search (``fallback.wider``'s, ``fallback.goal``'s, an alternative's with
a banned place for the lead) on the same ``Measurer`` finds the layout a search with tables of its own
finds, and its leaves are shared only with searches that price them alike (``Tables.adopt``); a cut
down's bounds looked up by span (``Pure.row``) are ``Search.free_bound`` at each span.
Speed is measured by bench/run.py --makeup, never here."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from layout.makeup import step
from layout.makeup.measure import Measurer
from layout.makeup.plan import read_plan
from layout.makeup.search import Layout, Search
from layout.text.font import FontBook

PLANS = Path(__file__).resolve().parent / "data" / "makeup"


pytestmark = pytest.mark.usefixtures("no_makeup_cache")  # measured and searched afresh


def _searches(path: Path, book: FontBook, measurer: Measurer | None = None,
              banned: frozenset[tuple[int, int]] = frozenset()) -> Search:
    """A search of the plan's first page, on ``measurer`` (a new one when None)."""
    plan = read_plan(path, False)
    page = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == page.number]
    measurer = measurer or Measurer(plan.doc, plan.issue, page, path.parent, book)
    return Search(measurer, stories, [b.at for b in page.blocks], banned)


def _placed(layout: Layout) -> list[tuple[str, object, object]]:
    """Each piece's story, place and variant shape."""
    return [(p.story.id, p.at, p.variant and (p.variant.span, p.variant.columns, p.variant.vertical))
            for p in layout.pieces]


@pytest.mark.expect_warnings  # placeholder copy in narrow columns sets loose lines
@pytest.mark.parametrize("name", ["plan-tabloid.yaml", "plan-wider.yaml"])
def test_a_second_search_of_a_page_shares_the_first_ones_tables_and_finds_its_own_layout(
        book: FontBook, name: str) -> None:
    first = _searches(PLANS / name, book)
    one = first.run()
    place = step.first_place(first, one, first.solution.leaves)  # (as ``pages`` asks it)
    assert place is not None
    banned = frozenset({(place.column, place.span)})
    again = Search(first.m, first.stories, first.fixed, banned)  # an alternative: the lead elsewhere
    assert again.leaf_table is first.leaf_table and again.bounds is first.bounds
    filled = first.leaf_table.cache_info().currsize
    two = again.run()
    alone = _searches(PLANS / name, book, banned=banned)  # its own measurer: tables of its own
    assert alone.leaf_table is not first.leaf_table
    three = alone.run()
    assert (two.cost, two.cut_short) == (three.cost, three.cut_short)
    assert _placed(two) == _placed(three)
    assert _placed(two) != _placed(one)  # (the lead took another place: a search of its own)
    assert first.leaf_table.cache_info().hits > filled  # the second search read what the first worked out
    assert again.tables._leaves is not first.tables._leaves  # (its leaves priced with the lead banned)
    same = Search(first.m, first.stories, first.fixed)  # (``fallback.wider``'s: priced as the first)
    same.tables.adopt()
    assert same.tables._leaves is first.tables._leaves and len(same.tables._leaves) > 100


@pytest.mark.expect_warnings
@pytest.mark.expect_warnings  # placeholder copy in narrow columns sets loose lines
def test_tables_kept_under_the_ids_of_stories_gone_are_not_taken_by_new_stories_with_those_ids(
        book: FontBook) -> None:
    """The page keeps its shared tables under the ``id()``s of the stories they were worked out for; a
    new story object may take an id once the old one is gone: as if that happened, the tables of the
    first search are filed under the ids of new stories (other objects with the same copy), and a
    search of those must work out tables of its own (and still find the layout the first found)."""
    first = _searches(PLANS / "plan-tabloid.yaml", book)
    one = first.run()
    stories = [replace(s) for s in first.stories]
    first.m.searched[tuple(map(id, stories)), tuple(first.fixed)] = first.tables.pure
    again = Search(first.m, stories, first.fixed)
    assert again.leaf_table is not first.leaf_table and again.tables.pure is not first.tables.pure
    two = again.run()
    assert (two.cost, two.cut_short) == (one.cost, one.cut_short) and _placed(two) == _placed(one)


def test_a_cut_downs_bounds_by_span_are_the_free_bound_at_each_span(book: FontBook) -> None:
    search = _searches(PLANS / "plan-eight.yaml", book)
    search.run()
    kept = dict(search.bound_row.__self__.rows)  # type: ignore[attr-defined]  # (``Pure.rows``)
    assert len(kept) > 100
    for (ids, lines), row in kept.items():
        assert row[0] == float("inf")
        assert row[1:] == [search.free_bound(ids, k, lines) for k in range(1, len(row))]
