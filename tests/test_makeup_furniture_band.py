"""A front page whose top is a band of furniture, masthead at the left and 报眼 at the right with no
banner, and a well between them narrower than the lead: the lead's place is under the band
(``lead.free_top``), and 撞题 across a cut along the fixed blocks is priced as across any cut down
(``Search._around_fixed``), so the made page has neither (before: the lead under the band was reported
"neither at the top left nor across the top", since the well's three columns start the free area on
line 1, and the search, blind to a 撞题 across the cut beside the 报眼, set the 二条 beside the lead's
headline). A well no story fits is left empty, and the checks say so (``checks.holes``)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from layout.issue.model import Placement
from layout.makeup import lead
from layout.makeup.checks import holes
from layout.text.font import FontBook
from tests.madeup import heldout_bench, made_afresh

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "tests" / "data" / "makeup" / "plan-lead-photo.yaml"  # masthead 1-3, 报眼 7-8, a banner between
LINES = 106


def _first_free(fixed: list[Placement], columns: int = 8) -> list[int]:
    """Each column's first line free of ``fixed`` (as ``Search.first_free``)."""
    return [min((ln for ln in range(1, LINES + 1)
                 if not any(f.column <= c <= f.last_column and f.line <= ln < f.end_line for f in fixed)), default=1)
            for c in range(1, columns + 1)]


def _in_place(fixed: list[Placement], width: int, slot: tuple[int, int], line: int) -> bool:
    """Whether a lead at least ``width`` columns wide, its slot over columns ``slot`` from ``line``, is in
    place on a page of 8 columns whose fixed blocks are ``fixed``."""
    first = _first_free(fixed)
    top, free = lead.free_top(first, fixed, LINES, width)
    return not lead.misplaced(top, first, free, slot, line)


MAST, EAR = Placement(1, 3, 1, 9), Placement(7, 2, 1, 9)  # a well of columns 4-6 over lines 1-9


def test_a_well_narrower_than_the_lead_does_not_hold_its_place() -> None:
    assert lead.free_top(_first_free([MAST, EAR]), [MAST, EAR], LINES, 4) == (10, (1, 8))
    assert _in_place([MAST, EAR], 4, (1, 6), 10)  # under the band, at its left
    assert _in_place([MAST, EAR], 4, (1, 8), 10)  # across the page under the band
    assert not _in_place([MAST, EAR], 4, (3, 8), 10)  # not from the left
    assert not _in_place([MAST, EAR], 4, (1, 6), 20)  # lower down


def test_a_well_as_wide_as_the_lead_holds_its_place() -> None:
    mast = Placement(1, 2, 1, 9)  # the well: columns 3-6
    assert lead.free_top(_first_free([mast, EAR]), [mast, EAR], LINES, 4)[0] == 1
    assert _in_place([mast, EAR], 4, (3, 6), 1)
    assert not _in_place([mast, EAR], 4, (1, 6), 10)


def test_a_well_at_the_left_leaves_the_lead_its_left_column() -> None:
    mast = Placement(3, 6, 1, 9)  # columns 1-2 free from line 1, the masthead over the rest
    assert lead.free_top(_first_free([mast]), [mast], LINES, 3)[0] == 10
    assert _in_place([mast], 3, (1, 5), 10)
    assert not _in_place([mast], 3, (3, 8), 10)


def test_a_lead_of_one_column_keeps_the_free_areas_first_line() -> None:
    assert lead.free_top(_first_free([MAST, EAR]), [MAST, EAR], LINES) == (1, (1, 8))
    assert lead.free_top(_first_free([MAST, EAR]), [MAST, EAR], LINES, 3)[0] == 1  # the well takes it


def test_a_column_covered_top_to_foot_is_free_on_no_line() -> None:
    column = Placement(4, 1, 1, LINES)  # a 简讯 column fixed top to foot between masthead and the rest
    mast = Placement(1, 3, 1, 9)
    assert lead.free_top(_first_free([mast, column]), [mast, column], LINES, 4)[0] == 1  # columns 5-8
    assert lead.free_top(_first_free([mast, column]), [mast, column], LINES, 5) == (1, (1, 8))  # none: the first
    assert lead.free_top(_first_free([MAST, EAR]), [MAST, EAR], LINES, 9) == (10, (1, 8))  # wider than the page


def _blocks(data: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Each block's place in a made issue, by id."""
    return {b["id"]: b["at"] for b in data["pages"][0]["blocks"]}


@pytest.mark.usefixtures("no_makeup_cache")
@pytest.mark.expect_warnings  # placeholder copy in narrow columns sets loose lines
def test_a_page_under_a_band_of_masthead_and_ear_has_its_lead_in_place_and_no_clash(
        book: FontBook, tmp_path: Path) -> None:
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    page = data["pages"][0]
    page["blocks"] = [b for b in page["blocks"] if b["type"] != "banner"]  # masthead and 报眼 only
    plan = tmp_path / PLAN.name
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result, document, _ = made_afresh(plan, tmp_path / "made.yaml", book)
    assert not [f.text for f in result.findings if f.rule in ("collision", "lead")]
    bench = heldout_bench()
    items = document.pages[0].items
    rects = {r.block: (r.x, r.y, r.x + r.w, r.y + r.h) for r in document.pages[0].regions}
    assert bench.clashes(bench.head_groups(items), bench.vertical_heads(items), rects) == 0  # the render's
    lead_id = next(s["id"] for s in data["stories"] if s["priority"] == 1)
    at = _blocks(yaml.safe_load(result.text))
    own = [a for k, a in at.items() if k in (lead_id, f"{lead_id}-photo")]
    assert min(a["line"] for a in own) == 10 and min(a["column"] for a in own) == 1  # under the band, at its left
    assert all(a["line"] >= 10 for k, a in at.items() if k not in ("masthead", "baoyan"))  # nothing above it
    assert [f.text for f in result.findings if f.rule == "hole"] == [  # … so the well is empty, and said so
        "第1版: columns 4–6, lines 1–9 hold no story (3 × 9 cells of the free area left empty): give them a story, "
        "a photo or a 导读 that fits, or widen a fixed block beside them"]


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
