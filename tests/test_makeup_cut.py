"""Make-up cuts: 撞题 across a cut down stepped round, and a story across the foot tried first.

Review P's over-full page (``plan-overfill.yaml``, its p6) had two heads side by side 9 pt over each
other: the two sides of a cut down were searched each alone, and the side that tied kept the layout
whose head stood beside the other side's (``layout.makeup.avoid``). Its six-story page
(``plan-six-box.yaml``, p10) left a 评论 box 16 lines longer than its text, 2.59 empty lines a body
column, where its last story across the foot fills the page (``retry._feet``). Both are checked on
the made issue's render: the heads' glyphs where they are printed, the render's own copy-fit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.frame import TextLine
from layout.makeup import make_up
from layout.page import typeset_file
from layout.text.font import FontBook

DATA = Path(__file__).resolve().parent / "data" / "makeup"


def _head_boxes(target: Path, book: FontBook) -> dict[str, tuple[float, float, float, float]]:
    """Each story's printed headline group (its ``head`` lines' glyphs) as (left, right, top, bottom) in pt,
    y down the page."""
    _, doc, _ = typeset_file(target, book)
    boxes: dict[str, tuple[float, float, float, float]] = {}
    for item in doc.pages[0].items:
        if not isinstance(item, TextLine) or item.kind != "head" or not item.glyphs:
            continue
        size = max(g.size for g in item.glyphs)
        left, right = item.x + item.glyphs[0].x, item.x + item.glyphs[-1].x + item.glyphs[-1].size
        top, bottom = item.baseline - size, item.baseline
        if item.block in boxes:
            a, b, c, d = boxes[item.block]
            left, right, top, bottom = min(a, left), max(b, right), min(c, top), max(d, bottom)
        boxes[item.block] = (left, right, top, bottom)
    return boxes


@pytest.mark.expect_warnings  # (its copy is 130 % of the page: overset and cut advice on purpose)
def test_no_two_heads_side_by_side_overlap_on_the_overfull_page(tmp_path: Path, book: FontBook) -> None:
    """On the over-full page no two printed headline groups stand side by side (apart across the page,
    nothing between them) on overlapping heights: before, s7's head at lines 60–64 stood beside s4's at
    59–62 (9 pt of overlap), where s6 three lines longer and s7 three shorter cost the same."""
    target = tmp_path / "made.yaml"
    made = make_up(DATA / "plan-overfill.yaml", target, book)
    target.write_text(made.text, encoding="utf-8")
    boxes = _head_boxes(target, book)
    assert len(boxes) >= 6
    pairs = [(a, b) for a in boxes for b in boxes if boxes[a][1] <= boxes[b][0]]  # a left of b
    for a, b in pairs:
        (_, ar, at, ab), (bl, _, bt, bb) = boxes[a], boxes[b]
        between = any(boxes[c][0] >= ar - 1 and boxes[c][1] <= bl + 1 and boxes[c][2] < min(ab, bb)
                      and boxes[c][3] > max(at, bt) for c in boxes if c not in (a, b))
        assert between or not (at < bb - 0.5 and bt < ab - 0.5), f"撞题: {a} {boxes[a]} beside {b} {boxes[b]}"


def test_the_six_story_page_fills_without_a_hole(tmp_path: Path, book: FontBook) -> None:
    """The six-story page with a boxed 评论 has at most one empty body line a column (its render's own
    copy-fit), nothing overset, and no column of a story more than a few lines short of its slot's foot
    (before: the 评论's two columns 16 lines short, 2.59 empty lines a column)."""
    target = tmp_path / "made.yaml"
    made = make_up(DATA / "plan-six-box.yaml", target, book)
    target.write_text(made.text, encoding="utf-8")
    _, _, report = typeset_file(target, book)
    fits = [b.copy_fit() for b in report.blocks]
    fits = [f for f in fits if f.get("columns")]
    columns = sum(f["columns"] for f in fits)
    empty = sum(sum(f["column_empty"]) for f in fits)
    assert columns >= 12 and sum(f["overset_lines"] for f in fits) == 0
    assert empty <= columns, f"{empty} empty lines in {columns} body columns"
    assert max(max(f["column_empty"]) for f in fits) <= 8
