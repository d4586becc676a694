"""A front page whose top is a band of furniture, masthead at the left and 报眼 at the right with no
banner, and a well between them: a lead as narrow as the well stands in it, beside the masthead, and a
wider one under the band (``lead.tops``, ``lead.misplaced``); a plan's lead with no ``min_span`` may be
as narrow as a well of three columns or more (``lead.default_span``); a story over a lead set under the
band is priced as a broken rule (``solution.above_lead``); 撞题 across a cut along the fixed blocks is
priced as across any cut down (``fixedcut.around``). A well no story fits is left empty, and the
checks say so (``checks.holes``). Before: the lead's place was the line of its least span only, so a
lead of four columns on an eight-column page never stood in a three-column well, which stayed empty
(ten of eleven held-out band pages), and a lead wider than a four-column well was off its place under
the band."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from layout.issue.model import Placement
from layout.makeup import lead
from layout.makeup.checks import holes
from layout.makeup.solution import Solution, above_lead
from layout.text.font import FontBook
from tests.madeup import heldout_bench, made_afresh

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "tests" / "data" / "makeup" / "plan-lead-photo.yaml"  # masthead 1-3, 报眼 7-8, a banner between
LINES = 106


def _in_place(fixed: list[Placement], slot: tuple[int, int], line: int) -> bool:
    """Whether a lead whose slot runs over columns ``slot`` from ``line`` is in place on a page of 8
    columns whose fixed blocks are ``fixed``."""
    first = lead.first_lines(fixed, 8, LINES)
    return not lead.misplaced(lead.tops(first, fixed, LINES), first, lead.free_top(first, fixed, LINES)[1], slot, line)


MAST, EAR = Placement(1, 3, 1, 9), Placement(7, 2, 1, 9)  # a well of columns 4-6 over lines 1-9


def test_a_lead_wider_than_the_well_stands_under_the_band() -> None:
    first = lead.first_lines([MAST, EAR], 8, LINES)
    assert lead.free_top(first, [MAST, EAR], LINES, 4) == (10, (1, 8))
    assert _in_place([MAST, EAR], (1, 6), 10)  # under the band, at its left
    assert _in_place([MAST, EAR], (1, 8), 10)  # across the page under the band
    assert not _in_place([MAST, EAR], (3, 8), 10)  # not from the left
    assert not _in_place([MAST, EAR], (1, 6), 20)  # lower down


def test_a_lead_as_narrow_as_the_well_stands_in_it() -> None:
    assert _in_place([MAST, EAR], (4, 6), 1)  # in the well, beside the masthead
    assert not _in_place([MAST, EAR], (1, 3), 10)  # under the masthead, beside the well: not the top
    assert not _in_place([MAST, EAR], (4, 6), 10)
    mast = Placement(1, 2, 1, 9)  # a well of columns 3-6
    assert _in_place([mast, EAR], (3, 6), 1)
    assert _in_place([mast, EAR], (3, 5), 1)
    assert not _in_place([mast, EAR], (1, 4), 10)  # as wide as the well: its place is the well
    assert _in_place([mast, EAR], (1, 6), 10)  # wider: under the band (before: off its place)


def test_a_well_at_the_left_leaves_the_lead_its_left_column() -> None:
    mast = Placement(3, 6, 1, 9)  # columns 1-2 free from line 1, the masthead over the rest
    assert lead.free_top(lead.first_lines([mast], 8, LINES), [mast], LINES, 3)[0] == 10
    assert _in_place([mast], (1, 5), 10)
    assert not _in_place([mast], (3, 8), 10)


def test_the_leads_place_for_each_width() -> None:
    first = lead.first_lines([MAST, EAR], 8, LINES)
    assert lead.tops(first, [MAST, EAR], LINES) == (1, 1, 1, 1, 10, 10, 10, 10, 10)  # (item 0 as item 1)
    banner = Placement(1, 8, 1, 5)
    assert set(lead.tops(lead.first_lines([banner], 8, LINES), [banner], LINES)) == {6}  # no well: one line


def test_a_lead_of_one_column_keeps_the_free_areas_first_line() -> None:
    first = lead.first_lines([MAST, EAR], 8, LINES)
    assert lead.free_top(first, [MAST, EAR], LINES) == (1, (1, 8))
    assert lead.free_top(first, [MAST, EAR], LINES, 3)[0] == 1  # the well takes it


def test_a_column_covered_top_to_foot_is_free_on_no_line() -> None:
    column = Placement(4, 1, 1, LINES)  # a 简讯 column fixed top to foot between masthead and the rest
    mast = Placement(1, 3, 1, 9)
    first = lead.first_lines([mast, column], 8, LINES)
    assert lead.free_top(first, [mast, column], LINES, 4)[0] == 1  # columns 5-8
    assert lead.free_top(first, [mast, column], LINES, 5) == (1, (1, 8))  # none: the first
    assert lead.free_top(lead.first_lines([MAST, EAR], 8, LINES), [MAST, EAR], LINES, 9) == (10, (1, 8))  # too wide


def test_a_leads_least_span_is_the_wells_when_the_plan_gives_none() -> None:
    assert lead.default_span(8, [MAST, EAR], LINES) == 3  # the well of columns 4-6
    assert lead.default_span(8, [Placement(1, 2, 1, 9), EAR], LINES) == 4  # a well as wide as half the page
    assert lead.default_span(8, [Placement(1, 4, 1, 9), EAR], LINES) == 4  # a well of two: no lead fits it
    assert lead.default_span(8, [Placement(1, 8, 1, 5)], LINES) == 4  # a banner across the top
    seven = [Placement(1, 3, 1, 9), Placement(6, 2, 1, 9)]  # a well of two on seven columns
    assert lead.default_span(7, seven, LINES) == 4
    column = Placement(4, 1, 1, LINES)  # a column fixed top to foot splits the top: 1-3 and 5-8 free
    assert lead.default_span(8, [column], LINES) == 4
    assert lead.default_span(8, [Placement(1, 5, 1, LINES)], LINES) == 3  # a free area of three columns


def _leaves(*leaves: tuple[int, Placement]) -> Solution:
    """A part's solution holding ``leaves`` (story index, rectangle), at no cost."""
    return Solution(0.0, tuple((sid, rect, False) for sid, rect in leaves))


def test_a_story_over_the_lead_across_a_cut_along_the_band_is_counted() -> None:
    well = _leaves((3, Placement(4, 3, 1, 9)))
    under = _leaves((0, Placement(1, 8, 10, 40)), (2, Placement(1, 4, 50, 57)))
    assert above_lead(well, under, 0) == 1 and above_lead(under, well, 0) == 1
    assert above_lead(well, under, -1) == 0  # a page without a lead
    beside = _leaves((4, Placement(7, 2, 10, 40)))
    assert above_lead(beside, under, 0) == 0  # on the lead's line: not above it
    in_well = _leaves((0, Placement(4, 3, 1, 40)))
    assert above_lead(in_well, _leaves((1, Placement(1, 3, 10, 40))), 0) == 0  # the lead in the well: highest


def _blocks(data: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Each block's place in a made issue, by id."""
    return {b["id"]: b["at"] for b in data["pages"][0]["blocks"]}


def _band_plan(tmp_path: Path, **lead_keys: Any) -> tuple[Path, dict[str, Any]]:
    """The lead-photo test plan with its masthead and 报眼 only (no banner between them: a well of
    columns 4-6 over lines 1-9), its lead given ``lead_keys``; (the plan's path, its data)."""
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    page = data["pages"][0]
    page["blocks"] = [b for b in page["blocks"] if b["type"] != "banner"]
    next(s for s in data["stories"] if s["priority"] == 1).update(lead_keys)
    plan = tmp_path / PLAN.name
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return plan, data


def _render_clashes(document: Any) -> int:
    """撞题 in a rendered page, as the held-out evaluator reads them."""
    bench = heldout_bench()
    items = document.pages[0].items
    rects = {r.block: (r.x, r.y, r.x + r.w, r.y + r.h) for r in document.pages[0].regions}
    return int(bench.clashes(bench.head_groups(items), bench.vertical_heads(items), rects))


def _lead_slot(data: dict[str, Any], made: str) -> tuple[int, int]:
    """The first line and column of the lead's slot (the story with its photo) in a made issue."""
    lead_id = next(s["id"] for s in data["stories"] if s["priority"] == 1)
    own = [a for k, a in _blocks(yaml.safe_load(made)).items() if k in (lead_id, f"{lead_id}-photo")]
    return min(a["line"] for a in own), min(a["column"] for a in own)


@pytest.mark.usefixtures("no_makeup_cache")
@pytest.mark.expect_warnings  # placeholder copy in narrow columns sets loose lines
def test_a_lead_as_narrow_as_the_well_is_set_in_it_beside_the_masthead(book: FontBook, tmp_path: Path) -> None:
    plan, data = _band_plan(tmp_path)  # the lead's least span: the well's three columns
    result, document, _ = made_afresh(plan, tmp_path / "made.yaml", book)
    assert not [f.text for f in result.findings if f.rule in ("collision", "lead", "hole")]
    assert _render_clashes(document) == 0
    assert _lead_slot(data, result.text) == (1, 4)  # in the well, its headline the page's highest


@pytest.mark.usefixtures("no_makeup_cache")
@pytest.mark.expect_warnings  # placeholder copy in narrow columns sets loose lines
def test_a_lead_wider_than_the_well_is_set_under_the_band_with_nothing_over_it(
        book: FontBook, tmp_path: Path) -> None:
    plan, data = _band_plan(tmp_path, min_span=4)
    result, document, _ = made_afresh(plan, tmp_path / "made.yaml", book)
    assert not [f.text for f in result.findings if f.rule in ("collision", "lead")]
    assert _render_clashes(document) == 0
    assert _lead_slot(data, result.text) == (10, 1)  # under the band, at its left
    at = _blocks(yaml.safe_load(result.text))
    assert all(a["line"] >= 10 for k, a in at.items() if k not in ("masthead", "baoyan"))  # nothing above it
    assert not [f.text for f in result.findings if f.rule == "hole"]  # … so no story takes the well: the 报眼
    assert at["baoyan"] == {"column": 4, "span": 5, "line": 1, "lines": 9}  # is widened across it (``widen``)
    assert result.widened == ["第1版 baoyan: widened to columns 4–8 (lines 1–9) over the well beside it, which no "
                              "story fits"]


def _held_band(tmp_path: Path, seed: int, masthead: int) -> tuple[Path, dict[str, Any]]:
    """Held-out plan ``seed`` (the customer's sentences recombined) with a masthead ``masthead`` columns
    wide at the top left and a boxed 报眼 of two at the top right, over lines 1-9, in place of its banner."""
    plan = heldout_bench().make_plan(seed, tmp_path)
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    columns = data["pages"][0]["grid"]["columns"]
    data["pages"][0]["blocks"] = [
        {"type": "masthead", "id": "masthead", "at": {"column": 1, "span": masthead, "line": 1, "lines": 9}},
        {"type": "article", "id": "baoyan", "at": {"column": columns - 1, "span": 2, "line": 1, "lines": 9},
         "box": "single", "body": ["（占位）报眼测试文字。"]}]
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return plan, data


@pytest.mark.usefixtures("no_makeup_cache")
@pytest.mark.expect_warnings  # placeholder copy in narrow columns sets loose lines
def test_a_held_out_page_under_a_band_fills_its_well_with_the_lead(book: FontBook, tmp_path: Path) -> None:
    plan, data = _held_band(tmp_path, 0, 3)  # eight columns: a well of columns 4-6
    result, document, report = made_afresh(plan, tmp_path / "made.yaml", book)
    assert data["pages"][0]["grid"]["columns"] == 8
    assert _lead_slot(data, result.text) == (1, 4)
    assert not [f.text for f in result.findings if f.rule in ("collision", "lead", "hole")]
    assert _render_clashes(document) == 0
    ids = {s["id"] for s in data["stories"]}
    fits = [b for b in report.blocks if b.kind == "article" and b.block in ids]
    assert not any(b.overset_lines for b in fits)
    assert sum(b.underset_lines for b in fits) <= sum(max(1, b.fit.columns if b.fit else 1) for b in fits)


@pytest.mark.usefixtures("no_makeup_cache")
@pytest.mark.expect_warnings  # placeholder copy in narrow columns sets loose lines
def test_no_story_is_set_in_a_narrow_well_over_the_lead(book: FontBook, tmp_path: Path) -> None:
    plan, data = _held_band(tmp_path, 1, 4)  # seven columns: a well of one, column 5
    result, document, _ = made_afresh(plan, tmp_path / "made.yaml", book)
    assert data["pages"][0]["grid"]["columns"] == 7
    assert not [f.text for f in result.findings if f.rule in ("collision", "lead")]  # before: a story over it
    assert _lead_slot(data, result.text) == (10, 1)
    assert _render_clashes(document) == 0


def _piece(at: Placement, corner: Placement | None = None) -> Any:
    """A stand-in for a made page's piece: what ``checks.holes`` reads of one."""
    return SimpleNamespace(at=at, corner=corner)


def test_holes_are_the_free_cells_no_piece_covers() -> None:
    pieces = (_piece(Placement(1, 8, 10, 97)),)
    assert holes(pieces, [MAST, EAR], 8, LINES) == [Placement(4, 3, 1, 9)]  # the well
    ell = _piece(Placement(1, 8, 10, 97), corner=Placement(7, 2, 10, 30))  # an L leaving its corner to others
    assert holes((ell,), [MAST, EAR], 8, LINES) == [Placement(4, 3, 1, 9), Placement(7, 2, 10, 30)]
    assert holes((ell, _piece(Placement(7, 2, 10, 30)), _piece(Placement(4, 3, 1, 9))), [MAST, EAR], 8, LINES) == []
    assert holes((_piece(Placement(1, 8, 10, 90)),), [MAST], 8, LINES) == [
        Placement(4, 5, 1, 9), Placement(1, 8, 100, 7)]  # beside the masthead, and at the foot


def _two_pages(tmp_path: Path, band_first: bool) -> Any:
    """A plan of two eight-column pages, one under a band of masthead and 报眼 (a well of columns 4-6),
    the other under a banner (``band_first``: the band on page 1), and two leads with no ``page`` and
    no ``min_span``, which the plan shares one to a page: read."""
    from layout.makeup.plan import read_plan

    band = [{"type": "masthead", "id": "masthead", "at": {"column": 1, "span": 3, "line": 1, "lines": 9}},
            {"type": "article", "id": "baoyan", "at": {"column": 7, "span": 2, "line": 1, "lines": 9},
             "box": "single", "body": ["（占位）报眼测试文字。"]}]
    banner = [{"type": "banner", "id": "banner", "at": {"column": 1, "span": 8, "line": 1, "lines": 5},
               "text": "（占位）测试通栏标题"}]
    grid = {"columns": 8, "chars": 13, "gutter": 1, "body_size": "小五", "leading": "13.5pt"}
    pages = [{"number": n, "name": f"测试{n}", "paper": "broadsheet", "grid": dict(grid), "blocks": blocks}
             for n, blocks in ((1, band if band_first else banner), (2, banner if band_first else band))]
    stories = [{"id": f"t{k}", "priority": 1, "headline": f"（占位）第{k}版头条测试标题",
                "body": ["（占位稿）本段为版式测试文字，不是新闻。" * 20]} for k in (1, 2)]
    plan = tmp_path / "two.yaml"
    plan.write_text(yaml.safe_dump({"banmian": 1, "issue": {"paper": "测试日报", "date": "2026-03-02", "number": 1},
                                    "pages": pages, "stories": stories}, allow_unicode=True), encoding="utf-8")
    return read_plan(plan)


@pytest.mark.parametrize("band_first", [True, False])
def test_each_leads_least_span_is_its_own_pages(tmp_path: Path, band_first: bool) -> None:
    plan = _two_pages(tmp_path, band_first)
    leads = {s.page: s.min_span for s in plan.stories if s.lead}
    well, banner = (1, 2) if band_first else (2, 1)
    assert leads == {well: 3, banner: 4}  # (before: both had the span read for page 1's blocks)
