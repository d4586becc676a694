"""A sidebar block (相关链接) → its frame, heading and body lines in smaller type.

In:  a ``SidebarBlock`` (its own typography and house style) and the page's ``LayoutContext``.
Out: ``Placed`` items and a ``BlockReport``.

The frame is a boxed article's (``frame_box``, the house style's weights); inside it, one
body character and one line in, the heading (``style.sidebar.heading``) takes whole grid
lines with a rule of ``style.sidebar.rule`` under it. The paragraphs are set by the text
engine in ``style.sidebar.text`` (smaller than the body, with the typography's first-line
indent) and stacked at ``style.sidebar.leading`` from the top of the next grid line, in one
column per two base columns (as a boxed article's). A wrapped sidebar is drawn where the
text leaves room: its frame's sides on the nearest edges of its article's body columns
(``wrapped_rect``), which in a 破栏 or boxed article are not the base columns. Lines that do not fit above the frame's
lower padding are overset and reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout.flow.article import BOX_PAD_CHARS, Placed, wrapped_rect
from layout.flow.boxes import frame_box
from layout.flow.grid import PageGrid, Rect
from layout.flow.index import heading, inner
from layout.flow.setting import Setting
from layout.frame import Rule, TextLine
from layout.report import BlockReport
from layout.text.line import SetLine, copy_of
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.blocks.sidebar import SidebarBlock

RULE_GAP = 2.0  # pt between the heading's rule and the foot of the heading's lines


def _columns(grid: PageGrid, block: SidebarBlock, rect: Rect) -> list[tuple[float, float]]:
    """(x, width) in pt of the sidebar's text columns, one per two base columns, whole
    characters wide, ``BOX_PAD_CHARS`` in from the frame ``rect`` (its grid rectangle, or the
    one its article's body columns give it when wrapped); leftover widens the gutters."""
    count = max(1, (block.at.span + 1) // 2)
    if rect == grid.rect(block.at):
        return grid.body_columns(block.at, count, inset=BOX_PAD_CHARS)
    size, gutter_chars = grid.body_size, grid.gutter / grid.body_size
    total = rect.w / size - 2 * BOX_PAD_CHARS
    chars = max(1, int((total - (count - 1) * gutter_chars + 1e-9) // count))
    gutter = (total - count * chars) / (count - 1) if count > 1 else 0.0
    left = rect.x + BOX_PAD_CHARS * size
    return [(left + k * (chars + gutter) * size, chars * size) for k in range(count)]


def layout_sidebar(block: SidebarBlock, ctx: LayoutContext) -> Placed:
    """The sidebar on the page of ``ctx`` (see module docstring)."""
    grid, style = ctx.grid, block.style.sidebar
    setting = Setting.of(ctx, block.typography, block.style)
    report = BlockReport(page=ctx.number, block=block.id, kind="sidebar")
    placed = Placed(report=report)
    rect = wrapped_rect(block, ctx.page.blocks, grid) if block.wrap else grid.rect(block.at)  # 破栏/boxed
    placed.items.extend(frame_box(rect, block.box, block.style.boxes))
    x, width, line, lines = inner(grid, block.at, block.box)
    shift, grow = rect.x - grid.rect(block.at).x, rect.w - grid.rect(block.at).w
    x, width = x + shift, width + grow
    head, n_head = heading(block.heading, style.heading, "left", x, width, line, lines, grid, block.id, setting,
                           report)
    placed.items.extend(head)
    if n_head:
        y = grid.line_top(line + n_head) - RULE_GAP
        placed.items.append(Rule(x, y, x + width, y, style.rule))
    columns = _columns(grid, block, rect)
    size, pitch = style.text.size, max(style.leading, style.text.size)
    top, bottom = grid.line_top(line + n_head), grid.line_top(line + lines)
    per_column = max(0, int((bottom - top) / pitch + 1e-6))
    report.lines_available = per_column * len(columns)
    text_lines: list[SetLine] = []
    for para in block.body:
        set_ = set_paragraph([(para, TextStyle(style.text.font, size))], setting.book, setting.typo, columns[0][1],
                             setting.typo.indent_chars * size)
        report.add_missing(set_.missing)
        text_lines.extend(set_.lines)
    shown = text_lines[:report.lines_available]
    for k, set_line in enumerate(shown):
        column, row = divmod(k, per_column) if per_column else (0, 0)
        baseline = top + row * pitch + (pitch - size) / 2 + grid.ascent_em * size
        placed.items.append(TextLine(columns[column][0], baseline, set_line.glyphs, block.id, "sidebar",
                                     justified=set_line.justified))
        report.chars_set += set_line.chars
    rest = text_lines[len(shown):]
    if rest:
        report.add_overset(len(rest), copy_of(rest), sum(ln.chars for ln in rest))
    report.lines_used = len(shown)
    return placed
