"""撞题 beside vertical heads and the lead's place, read from the made issue's render (review AA3).

The search prices a 撞题 above any overset (``cost.COLLIDE``) and the lead off the top left or the
top's width as a broken rule dearer than any layout (``lead.misplaced``, the test the checks read too).
Checked here on the render's glyphs and regions, not on the make-up's numbers: every head group's box
(horizontal lines' glyphs, a vertical head's columns) against every other, and where the lead's
headline stands against the page's free area.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from layout.frame import TextLine, VerticalLine
from layout.text.font import FontBook
from tests.madeup import made_afresh

DATA = Path(__file__).resolve().parent / "data" / "makeup"


def _head_boxes(document: Any) -> dict[str, tuple[float, float, float, float]]:
    """Each story's head group's box (left, right, top, bottom) in pt, from the render's glyphs: its
    horizontal head lines (em boxes) and its vertical head's columns."""
    out: dict[str, tuple[float, float, float, float]] = {}
    for item in document.pages[0].items:
        if isinstance(item, TextLine) and item.kind == "head" and item.glyphs:
            size = max(g.size for g in item.glyphs)
            box = (item.x + min(g.x for g in item.glyphs), item.x + max(g.x + g.size for g in item.glyphs),
                   item.baseline - size, item.baseline + 0.2 * size)
        elif isinstance(item, VerticalLine) and item.glyphs:
            box = (item.x, item.x + item.width, item.top,
                   item.top + max(g.y + (g.size if g.rotated else 0.2 * g.size) for g in item.glyphs))
        else:
            continue
        old = out.get(item.block, box)
        out[item.block] = (min(old[0], box[0]), max(old[1], box[1]), min(old[2], box[2]), max(old[3], box[3]))
    out.pop("banner", None)
    return out


@pytest.mark.expect_warnings
def test_no_headlines_side_by_side_beside_vertical_heads(tmp_path: Path, book: FontBook) -> None:
    # seven columns, four stories that may take vertical heads, copy about 85 % of the page: made with a
    # 撞题 at 3 overset lines' price, s7's and s8's heads stood side by side, written with exit 0
    result, document, _ = made_afresh(DATA / "plan-vheads.yaml", tmp_path / "made.yaml", book)
    assert not [f.text for f in result.findings if f.rule == "collision"]
    heads = _head_boxes(document)
    assert len(heads) == 8
    column = 14 * 9.0  # pt: a base column of 14 小五 characters: two heads closer than that have no text between
    for a, p in heads.items():
        for b, q in heads.items():
            gap = max(q[0] - p[1], p[0] - q[1])
            assert a == b or not (0 <= gap < column and p[2] < q[3] and q[2] < p[3]), (a, b, heads)


@pytest.mark.expect_warnings
def test_the_lead_stands_at_the_top_left_or_across_the_top_or_is_reported(tmp_path: Path, book: FontBook) -> None:
    # a lead held to 3 of 8 columns whose portrait photo goes beside it: the lead with its photo at the top
    # left (the photo first, in the leftmost columns), across the top, or a finding says where it stands
    result, document, _ = made_afresh(DATA / "plan-lead-beside.yaml", tmp_path / "made.yaml", book)
    page = document.pages[0]
    regions = {r.block: r for r in page.regions}
    mine = [r for r in page.regions if r.block in ("s1", "s1-photo")]
    others = [r for r in page.regions if r.kind == "article" and r.block not in ("s1",) and r.y > 100]
    left = min(r.x for r in others + mine)
    right = max(r.x + r.w for r in others + mine)
    head = [i for i in page.items if isinstance(i, TextLine) and i.kind == "head" and i.block == "s1"]
    head_left = min(i.x + min(g.x for g in i.glyphs) for i in head)
    top_left = abs(min(r.x for r in mine) - left) < 1 and head_left < regions["s1"].x + 30
    across = min(r.x for r in mine) - left < 1 and right - max(r.x + r.w for r in mine) < 1
    reported = [f.text for f in result.findings if f.rule == "lead" and "top left" in f.text]
    assert top_left or across or reported, (regions["s1"], [(r.block, r.x, r.x + r.w) for r in mine], left, right)
    assert not (top_left or across) or not reported
