"""A quote block (引语) → positioned lines and rules.

In:  a ``QuoteBlock`` and the page's ``LayoutContext``.
Out: ``Placed`` items and a ``BlockReport``.

A rule of ``style.quote.above`` along the block's top edge and one of ``style.quote.below``
along its foot (as ``rules`` asks), each stroke inside the block; between them, half a body
line clear of each rule, the quote in ``style.quote`` (face, size, alignment), broken between
words as a headline is, and under it, ⅓ em of the quote's size lower, the attribution flush
right after ——. The group is centred between the rules. Lines that would pass the lower
clearance are overset and reported (``place_head``). Inside an article the block is an
obstacle of its text (``BlockType.wraps``): the article leaves the lines the quote covers
and one line above and below it empty, so the body never runs into it. A wrapped quote is
drawn where the text leaves room: its sides on the nearest edges of its article's body
columns (``wrapped_rect``), which in a 破栏 or boxed article are not the base columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout.flow.article import Placed, wrapped_rect
from layout.flow.heads import head_lines, place_head
from layout.flow.setting import Setting
from layout.frame import Rule
from layout.issue.model import HeadText
from layout.report import BlockReport

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.blocks.quote import QuoteBlock

DASH = "——"
ATTRIBUTION_GAP_EM = 0.33  # between the quote's last line and the attribution, in em of the quote


def layout_quote(block: QuoteBlock, ctx: LayoutContext) -> Placed:
    """The quote on the page of ``ctx`` (see module docstring)."""
    grid, style = ctx.grid, block.style.quote
    setting = Setting.of(ctx)
    report = BlockReport(page=ctx.number, block=block.id, kind="quote")
    placed = Placed(report=report)
    rect = wrapped_rect(block, ctx.page.blocks, grid) if block.wrap else grid.rect(block.at)  # 破栏/boxed
    above = block.rules in ("both", "above")
    below = block.rules in ("both", "below")
    if above:
        y = rect.y + style.above / 2
        placed.items.append(Rule(rect.x, y, rect.x + rect.w, y, style.above))
    if below:
        y = rect.y + rect.h - style.below / 2
        placed.items.append(Rule(rect.x, y, rect.x + rect.w, y, style.below))
    size = block.size_pt or style.size
    heads = [HeadText(block.text, size, style.font, style.align)]
    if block.attribution:
        credit = block.attribution if block.attribution.startswith("—") else DASH + block.attribution
        heads.append(HeadText(credit, style.attribution.size, style.attribution.font, "right", credit=True))
    lines, height, missing = head_lines(heads, rect.w, setting, gap_em=ATTRIBUTION_GAP_EM)
    report.add_missing(missing)
    clear = grid.pitch / 2
    top = rect.y + (style.above if above else 0.0) + clear
    bottom = rect.y + rect.h - (style.below if below else 0.0) - clear
    y0 = top + max(0.0, (bottom - top - height) / 2)
    placed.items.extend(place_head(lines, rect.x, y0, bottom, grid, block.id, "quote", report, rect.w))
    report.lines_available = report.lines_used = block.at.lines
    return placed
