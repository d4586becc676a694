"""A vertical head (竖排标题) beside an article's body: its strip and its placement.

In:  the article, the grid, fonts and the article's text ``Area``.
Out: the head's set columns (``VerticalHead``) and the narrower area the body keeps; then
     its placed items at the chosen side of the body.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from layout.flow import vertical
from layout.flow.distribute import WRAP_GAP_LINES, Area, Obstacle
from layout.flow.grid import PageGrid
from layout.flow.words import strip_marks
from layout.frame import Item
from layout.issue.model import ArticleBlock, HeadText
from layout.logger import LOGGER
from layout.report import BlockReport

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext

MIN_BODY_CHARS = 4  # a vertical head's strip must leave the body at least this many characters a line


@dataclass(frozen=True)
class VerticalHead:
    """A vertical head set but not yet placed: its columns and the x their first
    (rightmost) column ends at."""

    columns: list[vertical.VerticalColumn]
    right: float


def vertical_head(block: ArticleBlock, ctx: LayoutContext, area: Area,
                  report: BlockReport) -> tuple[VerticalHead | None, Area]:
    """A vertical head (竖排标题): its columns, set with the fonts of ``ctx`` for a strip on
    the ``head_vertical`` side of the text area, and the area the body keeps (narrower,
    whole body characters per column); characters no font has go to ``report``."""
    grid = ctx.grid
    heads = [h for h in (block.kicker, block.headline, block.subhead) if h]
    if block.byline:
        heads.append(HeadText(block.byline, block.style.byline.size, block.style.byline.font, "left", credit=True))
    _warn_horizontal_only(heads, block.id, report.page)
    room = area.lines * grid.pitch - (grid.pitch - grid.body_size)  # as _place_vertical: within the body lines
    columns, missing = vertical.set_columns(heads, ctx.book, block.head_digits, room)
    report.add_missing(missing)
    if not columns:
        return None, area
    chars = vertical.strip_chars(columns, grid.body_size)
    if area.width / grid.body_size - chars < MIN_BODY_CHARS:  # no room: the head is overset, never drawn outside
        lost = sum(1 for column in columns for g in column.glyphs if not g.ch.isspace())
        LOGGER.warning("vertical head: page %d, block %r: the head's %d-character strip leaves fewer than %d "
                       "characters for the body; the head is not set", report.page, block.id, chars, MIN_BODY_CHARS)
        report.add_overset(len(columns), "\n".join(strip_marks(h.text)[0] for h in heads), lost)  # (each as typed)
        return None, area
    side = block.head_vertical or "right"
    right = area.x + area.width if side == "right" else area.x + vertical.heads_width(columns)
    body = vertical.beside_strip(area.columns, chars, side, grid.body_size, grid.gutter)
    return VerticalHead(columns, right), Area(area.x + (chars * grid.body_size if side == "left" else 0.0),
                                              area.width - chars * grid.body_size, area.line, area.lines, body)


def _warn_horizontal_only(heads: list[HeadText], block: str, page: int) -> None:
    """Warn of the treatments a vertical head does not take (反白 bar, 题花, a set scale):
    its columns are one em wide at the head's size, so they draw without them."""
    for head in heads:
        kept = [name for name, value in (("reverse", head.reverse), ("ornament", head.ornament),
                                         ("scale", head.scale)) if value is not None]
        if kept:
            LOGGER.warning("vertical head: page %d, block %r: %s of %r apply to horizontal heads only and are "
                           "not drawn in the vertical strip", page, block, ", ".join(kept), head.text[:12])


def strip_span(head: VerticalHead, area: Area, obstacles: tuple[Obstacle, ...], clearance: float,
                pitch: float) -> tuple[int, int]:
    """The grid lines [start, end) a vertical head may use: from the area's first line,
    or from below a wrapped photo in its strip that would be in the way of its columns
    (and its gap line), down to the next such photo (less its gap line) or the area's end.
    What does not fit there is overset, never drawn over a photo."""
    left = head.right - vertical.heads_width(head.columns)
    needed = math.ceil(max(c.length for c in head.columns) / pitch - 1e-6)
    in_strip = sorted((ob for ob in obstacles if ob.x0 - clearance < head.right and left < ob.x1 + clearance),
                      key=lambda o: o.line)
    start = area.line
    for ob in in_strip:
        if ob.line - WRAP_GAP_LINES < start + needed and ob.end_line + WRAP_GAP_LINES > start:
            start = ob.end_line + WRAP_GAP_LINES
    end = min([area.line + area.lines, *(ob.line - WRAP_GAP_LINES for ob in in_strip if ob.line >= start)])
    return start, max(start, end)


def place_vertical(head: VerticalHead, grid: PageGrid, area: Area, body_lines: int, block: str,
                   report: BlockReport) -> list[Item]:
    """The vertical head's columns over the area's lines, within the em boxes of the
    first and last body line; ``align: center``/``right`` centre or lower a column
    within the ``body_lines`` the body uses (or its own length, if longer)."""
    inset = (grid.pitch - grid.body_size) / 2
    top, bottom = grid.line_top(area.line) + inset, grid.line_top(area.line + area.lines) - inset
    used = grid.line_top(area.line + max(1, min(body_lines, area.lines))) - inset
    return list(vertical.place_columns(head.columns, head.right, top, bottom, block, report, used))
