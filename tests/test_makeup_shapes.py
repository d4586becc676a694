"""Shapes of the L in make-up (``layout.makeup.ell``): a single-column corner holding one narrow story
(a 边栏: the 评论 box down the side of the lead's body), its depth sized by that story, and an L under
its own photo. Read from the made issue and its render: where the blocks stand, which text lines stand
beside which, what is overset; and the geometry of an L with a photo on its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from layout.frame import TextLine
from layout.issue.model import Placement
from layout.makeup.ell import Ell
from layout.text.font import FontBook
from tests.madeup import made_afresh

ROOT = Path(__file__).resolve().parents[1]
SIDEBAR = ROOT / "tests" / "data" / "makeup" / "plan-sidebar.yaml"
PHOTO = ROOT / "tests" / "data" / "makeup" / "plan-ell-photo.yaml"


def test_an_ell_under_its_photo_leaves_the_article_the_rest() -> None:
    ell = Ell(1, 6, 6, 68, "right", 1, 34, 0, 18)
    assert ell.picture == Placement(1, 6, 6, 18)  # the photo across the top
    assert ell.box == Placement(1, 6, 24, 50)  # the article under it, down to the rectangle's foot
    assert ell.corner == Placement(6, 1, 40, 34)  # the corner still at the foot, one column wide
    assert ell.picture.end_line == ell.box.line and ell.box.end_line == ell.end_line


def _made(plan: Path, book: FontBook, tmp: Path) -> tuple[Any, dict[str, Any], Any, Any]:
    result, document, report = made_afresh(plan, tmp / f"{plan.stem}-made.yaml", book)
    return result, yaml.safe_load(result.text), document, report


def _blocks(issue: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["id"]: b for b in issue["pages"][0]["blocks"]}


def _lines(page: Any, block: str, kind: str) -> list[TextLine]:
    return [i for i in page.items if isinstance(i, TextLine) and i.block == block and i.kind == kind]


@pytest.fixture(scope="module")
def sidebar(book: FontBook, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, Any], Any, Any]:
    return _made(SIDEBAR, book, tmp_path_factory.mktemp("sidebar"))


@pytest.fixture(scope="module")
def photo(book: FontBook, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, Any], Any, Any]:
    return _made(PHOTO, book, tmp_path_factory.mktemp("ellphoto"))


@pytest.mark.expect_warnings
def test_a_one_column_box_stands_in_the_leads_corner_not_beside_its_head(
        sidebar: tuple[Any, dict[str, Any], Any, Any]) -> None:
    result, issue, document, report = sidebar
    blocks = _blocks(issue)
    lead, box = blocks["s1"], blocks["s2"]
    assert lead["corner"]["span"] == 1 and box["at"]["span"] == 1  # a 边栏 one column wide
    top = lead["at"]["line"] + lead["at"]["lines"] - lead["corner"]["lines"]
    assert box["at"]["line"] == top and box["at"]["lines"] == lead["corner"]["lines"]  # the corner, all of it
    assert not [f for f in result.findings if f.rule == "collision"]  # no 撞题 (before: the box's head by the lead's)
    assert sum(b.overset_lines for b in report.blocks) == 0  # nothing overset (before: the lead 27 lines)
    page = document.pages[0]
    regions = {r.block: r for r in page.regions}
    head = _lines(page, "s2", "head")
    x0, x1 = regions["s2"].x, regions["s2"].x + regions["s2"].w
    body = _lines(page, "s1", "body")
    beside = [ln for ln in body if ln.x < x0 and min(h.baseline for h in head) - 14 <= ln.baseline
              <= max(h.baseline for h in head) + 14]
    assert beside  # the box's headline stands beside the lead's body text
    assert not [h for h in _lines(page, "s1", "head") if h.baseline >= regions["s2"].y]  # not beside its head
    for ln in body:  # none of the lead's text in the box's column under the corner's top
        right = ln.x + ln.glyphs[-1].x + ln.glyphs[-1].size
        assert right <= x0 or ln.x >= x1 or ln.baseline <= regions["s2"].y, ln.text
    (fit,) = [b for b in report.blocks if b.block == "s2"]
    assert fit.underset_lines <= 2  # the corner as deep as the box's text (sized by it, not by the lead)


@pytest.mark.expect_warnings
def test_the_lead_turns_a_corner_under_its_own_photo(photo: tuple[Any, dict[str, Any], Any, Any]) -> None:
    result, issue, document, report = photo
    blocks = _blocks(issue)
    lead, picture, box = blocks["s1"], blocks["s1-photo"], blocks["s2"]
    assert "corner" in lead and lead["at"]["span"] == picture["at"]["span"] == 6  # across the page
    assert picture["at"]["column"] == lead["at"]["column"]
    assert picture["at"]["line"] + picture["at"]["lines"] == lead["at"]["line"]  # right over its story: touching
    assert picture["at"]["line"] == blocks["banner"]["at"]["line"] + blocks["banner"]["at"]["lines"]  # at the top
    assert box["at"]["span"] == 1 and box["at"]["line"] > lead["at"]["line"]  # the 评论 in the L's corner
    assert not result.findings  # no 撞题, no column top to foot (the photo breaks it), no strip
    assert sum(b.overset_lines for b in report.blocks) == 0
    page = document.pages[0]
    regions = {r.block: r for r in page.regions}
    heads = _lines(page, "s1", "head")
    assert heads and min(h.baseline for h in heads) > regions["s1-photo"].y + regions["s1-photo"].h - 1  # under it
    body = _lines(page, "s1", "body")
    assert {round(ln.x) for ln in body if ln.baseline < regions["s2"].y} >= {  # its text across all six columns
        round(ln.x) for ln in body}
    assert len({round(ln.x) for ln in body if ln.baseline > regions["s2"].y + 20}) == 5  # then down five


@pytest.mark.usefixtures("no_makeup_cache")
def test_a_search_made_again_at_other_prices_works_its_corners_out_at_its_own(
        book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """A corner sized by the one story set in it (``ell.fitted``: the 评论 down the side of the lead's body)
    and the L move it adds read the search's leaf tables, whose prices ``Search.reset`` changes (``wrap_all``,
    ``shapes``: a corner story's heights, a photo's stamp price), while the search object, and what ``ell``
    keeps for it, outlive the reset. Made again weighing shapes, the search works its corner out at its own
    prices, not reading the one worked out at the plain prices (so a search forked before the reset and one
    made here work out the same), and finds what a new search weighing shapes finds."""
    from layout.makeup import ell
    from layout.makeup.measure import Measurer
    from layout.makeup.plan import read_plan
    from layout.makeup.search import Search

    plan = read_plan(SIDEBAR, False)
    page = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == page.number]
    search = Search(Measurer(plan.doc, plan.issue, page, SIDEBAR.parent, book), stories, [b.at for b in page.blocks])
    asked: set[tuple[bool, tuple[int, ...]]] = set()  # (weighing shapes, the corner's sizes) asked for
    worked: set[tuple[bool, tuple[int, ...]]] = set()  # and worked out
    fitted, fitted_now = ell.fitted, ell._fitted

    def ask(on: Search, *args: int) -> object:
        if on is search:  # (the page's own search, not a second one it makes)
            asked.add((on.shapes, args))
        return fitted(on, *args)

    def work(on: Search, *args: int) -> object:
        if on is search:
            worked.add((on.shapes, args))
        return fitted_now(on, *args)

    monkeypatch.setattr(ell, "fitted", ask)
    monkeypatch.setattr(ell, "_fitted", work)
    search.run()
    plain = {args for _, args in worked}
    assert plain  # (the sidebar's corner, at the plain prices)
    search.reset(search.wrap_all, True)
    layout = search.run()
    again = {args for shapes, args in asked if shapes}
    assert again & plain  # (the same corners asked for again, weighing shapes, not read as they were) …
    assert again <= {args for shapes, args in worked if shapes}  # … each worked out at those prices
    assert layout == Search(search.m, search.stories, search.fixed, search.banned, search.wrap_all, True).run()
