"""The cut along fixed blocks prices a side holding a masthead, a 报眼 or an ad from below
(``fixedcut._floor``): by each story's least cost as a rectangle no wider and no deeper than the side's
free cells reach (``fixedcut._free_box``, ``Tables.least``). Before, such a side was
priced at nought, so on a page under a band of masthead and 报眼 every way of putting the page's
stories in the well between them was searched: a 3 × 9 well, eleven stories, 2 048 ways at each cut.
The floor is under the search's own best layouts of such sides on a band page (checked here; not a
strict bound: an L-shaped leaf or the lead's photo beside it can come in under a rectangle's least
cost), so the search prunes layouts that could win by that little at most. The shares of a set of
stories are worked out from their places (``fixedcut._places``): the same shares, in the same order, as
``search._shares``."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from layout.issue.model import Placement
from layout.makeup import fixedcut
from layout.makeup.measure import Measurer
from layout.makeup.plan import read_plan
from layout.makeup.search import FEW_SHARES, Search, _shares
from layout.makeup.solution import Solution
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
        assert tuple((pick(ids), rest(ids)) for pick, rest, _ in fixedcut._places(len(ids))) == plain
        assert [n for _, _, n in fixedcut._places(len(ids))] == [len(p) for p, _ in plain]


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
def test_the_floor_of_a_side_with_fixed_blocks_is_under_its_best_layouts(book: FontBook, tmp_path: Path) -> None:
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


class _Fake:
    """A search for ``fixedcut._cut`` alone: each share's layout costs what ``costs`` says (by the first
    side's stories), and the shares it is asked for are kept, in order."""

    def __init__(self, costs: dict[tuple[int, ...], float]) -> None:
        self.costs, self.asked, self.lead = costs, [], -1
        self.limits = SimpleNamespace(collide=0.0)

    def solve(self, part: Placement, ids: tuple[int, ...], nohead: bool, budget: float = float("inf")) -> Solution:
        if part == A:
            self.asked.append(ids)
            return Solution(self.costs.get(ids, 100.0), ((0, part, False),))
        return Solution(0.0)


A, B = Placement(1, 3, 1, 9), Placement(4, 5, 1, 9)  # a cut's fixed side and its free side


def test_a_size_of_share_is_passed_only_when_none_of_it_is_under_the_best_on_its_fixed_side(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Stories 0 and 1 each cost 4 on the fixed side, story 2 costs 20; the free side costs 10 with story
    0 or 1 in it, nought with story 2 alone. Every share of one story is then priced past the best (10)
    in all, but not on its fixed side alone, so the shares of two are looked at: (0, 1), with story 2 on
    the free side, is the page's best (9)."""
    each = {0: 4.0, 1: 4.0, 2: 20.0}
    fixed = fixedcut.Floor(lambda ids: sum(each[i] for i in ids), each.__getitem__)
    free = fixedcut.Floor(lambda ids: 0.0 if ids == (2,) else 10.0, None)
    monkeypatch.setattr(fixedcut, "_floor", lambda search, part: fixed if part == A else free)
    search = _Fake({(0, 1): 9.0})
    found = fixedcut._cut(search, A, B, (0, 1, 2), False, Solution(10.0))  # type: ignore[arg-type]
    assert found.cost == 9.0 and search.asked == [(0, 1)]
    search = _Fake({})
    each[0] = each[1] = 12.0  # now every share of one story is past the best on its fixed side alone
    assert fixedcut._cut(search, A, B, (0, 1, 2), False, Solution(10.0)).cost == 10.0  # type: ignore[arg-type]
    assert search.asked == []


def test_the_shares_come_fewest_first_up_to_the_searchs_limit() -> None:
    for n in (3, FEW_SHARES, FEW_SHARES + 1):
        sizes = [size for _, _, size in fixedcut._places(n)]
        assert (sizes == sorted(sizes)) is fixedcut._fewest_first(n) is (n <= FEW_SHARES)
