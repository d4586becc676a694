"""A briefs block (简讯) → positioned lines: heading, items flowed through the columns.

In:  a ``BriefsBlock`` (its own typography and house style) and the page's ``LayoutContext``.
Out: ``Placed`` items and a ``BlockReport``.

Each item is one paragraph set by the text engine (``set_paragraph``: prohibition rules,
compression, justification) at the body size without a first-line indent: a ■ (with
``bullet``), the lead-in in ``style.briefs.lead`` followed by an em space (none after a
lead-in ending in a mark), then the text in ``style.briefs.text``. The heading spans the
block; below it the items fill the body columns (the base columns, or inside a frame one
column per two base columns, as a boxed article's) top to bottom on the baseline grid, balanced:
each column as long as the fewest lines that hold every item (the last no longer). An
item that does not fit the rest of a column is split so that at least two of its lines
stay and two go (clreq: no widow or orphan), or moves whole to the next column. With
``rules`` a hairline centred on a grid line of its own stands between two items in a column,
never at a column's head or foot. What does not fit the last column is overset and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from layout.flow.article import Placed
from layout.flow.index import open_block
from layout.flow.setting import Setting
from layout.frame import Rule, TextLine
from layout.logger import LOGGER
from layout.text.line import SetLine, copy_of
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle

if TYPE_CHECKING:
    from layout.blocks.briefs import Brief, BriefsBlock
    from layout.blocks.context import LayoutContext
    from layout.issue.style import BriefsStyle

BULLET = "■"
LEAD_SPACE = "\u3000"  # between a lead-in and its text
LEAD_ENDS = "：:，,。．.）)】」』”！？!?—…、；;"  # a lead-in ending in one of these takes no space after it
MIN_SPLIT = 2  # lines an item keeps on each side of a column break


@dataclass
class _Flow:
    """Where the next line goes: column index and line offset within the columns' height."""

    column: int = 0
    row: int = 0


def runs(item: Brief, style: BriefsStyle, size: float, bullet: bool) -> list[tuple[str, TextStyle]]:
    """An item's runs: bullet, lead-in (with its space) and text."""
    out = [(BULLET, TextStyle(style.bullet.font, size))] if bullet else []
    if item.lead:
        space = "" if item.lead[-1] in LEAD_ENDS else LEAD_SPACE
        out.append((item.lead + space, TextStyle(style.lead.font, size)))
    out.append((item.text, TextStyle(style.text.font, size)))
    return out


def layout_briefs(block: BriefsBlock, ctx: LayoutContext) -> Placed:
    """The briefs on the page of ``ctx`` (see module docstring)."""
    grid, style = ctx.grid, block.style.briefs
    setting = Setting.of(ctx, block.typography, block.style)
    placed, _, _, first, height = open_block(block, "briefs", style.heading, ctx, setting)
    report = placed.report
    boxed = block.box is not None
    columns = grid.body_columns(block.at, max(1, (block.at.span + 1) // 2) if boxed else None,
                                inset=1 if boxed else 0)
    size = grid.body_size
    paras = [set_paragraph(runs(item, style, size, block.bullet), setting.book, setting.typo, columns[0][1])
             for item in block.items]
    report.lines_available = height * len(columns)
    for number, para in enumerate(paras, 1):
        report.add_missing(para.missing)
        for loose, said in para.loose_lines():  # (as an article's body lines are reported)
            LOGGER.warning("loose line: page %d, block %r, item %d: '%s' spreads its characters by %.2f em "
                           "(limit %.2f)", report.page, block.id, number, said, loose.spread_em,
                           setting.typo.loose_limit_em)
    lines_of = [list(para.lines) for para in paras]
    flow = _fill(lines_of, block.rules, _balanced(lines_of, block.rules, height, len(columns)), len(columns))
    offset = grid.baseline(1) - grid.line_top(1)
    for column, row in flow.rules:
        y = grid.line_top(first + row) + grid.pitch / 2
        x0, w = columns[column]
        placed.items.append(Rule(x0, y, x0 + w, y, style.rule))
    for set_line, column, row in flow.placed:
        placed.items.append(TextLine(columns[column][0], grid.line_top(first + row) + offset, set_line.glyphs,
                                     block.id, "body", justified=set_line.justified))
        report.chars_set += set_line.chars
    if flow.left:
        report.add_overset(len(flow.left), copy_of(flow.left), sum(ln.chars for ln in flow.left))
    report.lines_used = sum(1 for _ in flow.placed) + len(flow.rules)
    return placed


@dataclass
class _Filled:
    """The lines placed [(line, column, row)], the rules between items [(column, row)], the lines left over."""

    placed: list[tuple[SetLine, int, int]] = field(default_factory=list)
    rules: list[tuple[int, int]] = field(default_factory=list)
    left: list[SetLine] = field(default_factory=list)


def _fill(items: list[list[SetLine]], rules: bool, height: int, columns: int) -> _Filled:
    """The items' lines filled into ``columns`` columns of ``height`` lines, top to bottom; with
    ``rules`` a rule line between two items in a column, committed only when the next item's
    first lines stay under it in that column (so never at a column's head or foot)."""
    out, at = _Filled(), _Flow()
    for k, lines in enumerate(items):
        if k and rules and at.row:
            ruled = _Flow(at.column, at.row + 1)  # the item under a rule: kept only if it starts in this column
            placed, left = _place(list(lines), ruled, height, columns)
            if placed and placed[0][1] == at.column:
                out.rules.append((at.column, at.row))
                at = ruled
            else:  # no room for the rule and the item's first lines: the item opens the next column, no rule
                at.column, at.row = at.column + 1, 0
                placed, left = _place(list(lines), at, height, columns)
        else:
            placed, left = _place(list(lines), at, height, columns)
        out.placed.extend(placed)
        if left:
            out.left = left + [ln for rest in items[k + 1:] for ln in rest]
            break
    return out


def _balanced(items: list[list[SetLine]], rules: bool, height: int, columns: int) -> int:
    """The fewest lines a column needs to hold every item (columns of even length, the last
    no longer than the others); ``height`` when even that does not hold them all."""
    total = sum(len(lines) for lines in items)
    for h in range(max(1, -(-total // columns)), height):
        if not _fill(items, rules, h, columns).left:
            return h
    return height


def _place(lines: list[SetLine], at: _Flow, height: int,
           columns: int) -> tuple[list[tuple[SetLine, int, int]], list[SetLine]]:
    """One item's lines from ``at`` on (advanced): [(line, column, row)] placed and the lines
    left over when the columns are full. A column break inside the item leaves at least
    ``MIN_SPLIT`` lines on each side, or the whole item goes to the next column."""
    out: list[tuple[SetLine, int, int]] = []
    while lines:
        if at.column >= columns:
            return out, lines
        room = height - at.row
        take = min(room, len(lines))
        if take < len(lines) and at.row > 0:  # the item breaks here: no line alone on either side
            if len(lines) - take < MIN_SPLIT:
                take = len(lines) - MIN_SPLIT
            if take < MIN_SPLIT:
                take = 0  # the whole rest moves on
        out.extend((ln, at.column, at.row + j) for j, ln in enumerate(lines[:take]))
        lines = lines[take:]
        at.row += take
        if lines:
            at.column, at.row = at.column + 1, 0
    return out, lines
