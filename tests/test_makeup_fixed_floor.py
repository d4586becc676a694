"""The cut along fixed blocks prices a side holding a masthead, a 报眼 or an ad from below
(``fixedcut._floor``): each story there costs at least its least cost in a slot no wider and no deeper
than the side's free cells reach (``fixedcut._free_box``, ``Tables.least``). Before, such a side was
priced at nought, so on a page under a band of masthead and 报眼 every way of putting the page's
stories in the well between them was searched: a 3 × 9 well, eleven stories, 2 048 ways at each cut.
The floor is a lower bound (checked here against the search's own best layouts of the side), so the
search prunes only layouts that cannot win. The shares of a set of stories are worked out from their
places (``fixedcut._places``): the same shares, in the same order, as ``search._shares``."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
import yaml

from layout.issue.model import Placement
from layout.makeup import fixedcut
from layout.makeup.measure import Measurer
from layout.makeup.plan import read_plan
from layout.makeup.search import Search, _shares
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "tests" / "data" / "makeup" / "plan-lead-photo.yaml"  # masthead 1-3, 报眼 7-8, a banner between
MAST, EAR = Placement(1, 3, 1, 9), Placement(7, 2, 1, 9)  # a well of columns 4-6 over lines 1-9


def _box(part: Placement, *fixed: Placement) -> tuple[int, int] | None:
    return fixedcut._free_box((part.column, part.span, part.line, part.lines), fixed)


def test_the_free_box_is_the_smallest_rectangle_round_the_free_cells() -> None:
    assert _box(Placement(1, 8, 1, 9), MAST, EAR) == (3, 9)  # the well
    assert _box(Placement(1, 8, 1, 20), MAST, EAR) == (8, 20)  # the well and the page under the band
    assert _box(Placement(1, 3, 1, 20), MAST) == (3, 11)  # under the masthead only
    assert _box(Placement(2, 2, 1, 9), MAST) is None  # wholly covered
    tall = Placement(4, 1, 1, 40)  # a column fixed from the top, beside the masthead
    assert _box(Placement(1, 5, 1, 30), MAST, tall) == (5, 30)  # column 5 is free from line 1
    assert _box(Placement(1, 4, 1, 30), MAST, tall) == (3, 21)  # columns 1-3 from line 10: column 4 covered
    assert _box(Placement(1, 8, 5, 10), Placement(1, 8, 1, 5)) == (8, 9)  # a banner reaching into the part


def test_the_shares_from_places_are_the_searchs_shares() -> None:
    for ids in [(), (3,), (0, 2), (1, 4, 7, 9), tuple(range(5, 17)), tuple(range(0, 26, 2))]:  # 12 and 13
        plain = tuple((p, tuple(i for i in ids if i not in p)) for p in _shares(ids, len(ids)))
        assert fixedcut._pairs(ids) == plain
        assert tuple(fixedcut._each_pair(ids)) == plain  # (a set too large to keep)


def _band_search(book: FontBook, tmp_path: Path, limit: int = 10 ** 6) -> Search:
    """A fresh search of the lead-photo plan with its masthead and 报眼 only (a well of columns 4-6 over
    lines 1-9), searching ``limit`` rectangles in full (by default every one)."""
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    page = data["pages"][0]
    page["blocks"] = [b for b in page["blocks"] if b["type"] != "banner"]
    path = tmp_path / PLAN.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    plan = read_plan(path, False)
    spec = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == spec.number]
    search = Search(Measurer(plan.doc, plan.issue, spec, path.parent, book), stories, [b.at for b in spec.blocks])
    search.ordered, search.limit = True, limit
    return search


@pytest.mark.usefixtures("no_makeup_cache")
@pytest.mark.expect_warnings  # placeholder copy in narrow columns sets loose lines
def test_the_floor_of_a_side_with_fixed_blocks_is_a_lower_bound(book: FontBook, tmp_path: Path) -> None:
    search = _band_search(book, tmp_path)
    ids = tuple(range(len(search.stories)))
    checked = priced = 0
    for part in (Placement(1, 8, 1, 9), Placement(1, 8, 1, 30), Placement(1, 4, 1, 30)):
        floor, each = fixedcut._floor(search, part)
        assert each is not None
        for n in (1, 2, 3):
            for picked in combinations(ids, n):
                low = floor(picked)
                best = search.solve(part, picked, False)
                assert low <= best.cost + 1e-9, (part, picked, low, best.cost)
                checked += 1
                priced += low > 0
    assert checked > 100
    assert priced > checked // 2  # a floor, not nought: most sets cannot fill such sides cheaply
    assert fixedcut._floor(search, Placement(1, 8, 1, 9))[0](()) == 0.0  # an empty well costs its cells, not less


@pytest.mark.usefixtures("no_makeup_cache")
@pytest.mark.expect_warnings  # placeholder copy in narrow columns sets loose lines
def test_shares_past_the_best_by_their_fixed_side_alone_are_not_made(
        book: FontBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A share whose fixed side's floor, a sum over its stories, must reach the best (the least sum of as
    many stories does) is passed over unmade, and once none of a size is under the best the larger ones
    are not looked at: the same layouts, the same rectangles searched, fewer shares looked at."""
    looked: list[int] = []
    floor = fixedcut._floor

    def counted(search: Search, part: Placement, summed: bool) -> fixedcut.Floor:
        of, each = floor(search, part)

        def counting(ids: tuple[int, ...]) -> float:
            looked.append(1)
            return of(ids)
        return fixedcut.Floor(counting, each if summed else None)

    found = []
    for summed in (True, False):  # (without ``each``: every share looked at, as before)
        monkeypatch.setattr(fixedcut, "_floor", lambda search, part, summed=summed: counted(search, part, summed))
        search = _band_search(book, tmp_path, 500)  # (the shares not made never reach the limit's count)
        looked.clear()
        page = Placement(1, 8, 1, search.lines)
        found.append((search.solve(page, tuple(range(len(search.stories))), False), len(looked), search.nodes))
    (quick, fewer, nodes), (plain, every, plain_nodes) = found
    assert quick == plain and quick.cost < float("inf") and nodes == plain_nodes
    assert fewer < every, (fewer, every)
