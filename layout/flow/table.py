"""数据表: a table block → positioned items on the baseline grid.

In:  a ``TableBlock`` and the page's ``LayoutContext``.
Out: ``Placed``: text lines and rules, and a report (rows that do not fit are overset).

From the top of the block: the title (centred, in ``style.table.title_font``), a thick
rule, the header row (``head_font``, centred), a thin rule, the rows (optional
``row`` rules between them), a thick rule, and the source line (``source_font``,
left). Every text line sits on a body line of the grid at the body size; rules lie on
the boundaries between grid lines. Column widths: each column gets what its widest
cell and its head on one line need (a figure column: its figures aligned on their points,
``_aligned``, and its head's widest word, ``_head_words``; where that leaves no room for the table, its
figures are set right-aligned, each whole, instead; plus ``pad`` characters on each side; no column under
``MIN_CHARS`` characters); room left over is shared out in proportion. When the columns
need more than the block is wide, text cells wrap first (figure columns keep their width,
text columns narrow down to their heads' width and their widest word: ``least_width``, a word
wider than the column would be broken by force; where the columns cannot all keep their words,
they narrow as far as their heads allow, ``_floors``, a forced break then reported); only when the
heads themselves do not fit does a head wrap (a figure column's to its figures' width, see ``_widths``).
Cells align left, centre or right, or, in a ``decimal`` column (``auto``: every cell
a figure), on the decimal point (a figure without a point on the end of its digits), the
figures centred in the column as one block under its centred head.
Rows that do not fit in the block are reported as overset, with their text; a table
whose columns cannot fit the block's width even at ``MIN_CHARS`` is not set at all and is
reported (a warning and its whole text overset), never drawn outside its block.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from layout.flow.article import Placed
from layout.flow.heads import head_lines
from layout.flow.setting import Setting
from layout.flow.words import Fit, breaks
from layout.frame import Rule, TextLine
from layout.issue.model import HeadText
from layout.logger import LOGGER
from layout.report import BlockReport
from layout.text.line import SetLine
from layout.text.paragraph import least_width, set_paragraph
from layout.text.prepare import TextStyle
from layout.text.rules import rules
from layout.text.wordbreak import forced_what

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.blocks.table import TableBlock
    from layout.issue.style_blocks import TableStyle

FIGURE = re.compile(r"^[+\-−±]?[¥$€£]?\s?\d[\d,，]*(\.\d+)?\s?[%‰亿万元]*$")
POINT = "."
WIDE = 10_000.0  # pt: the measure a cell is set on to find its natural width
MIN_CHARS = 3  # no column narrower than this many characters (plus its padding)


def is_figure(text: str) -> bool:
    """A cell holding a figure: digits with an optional sign, thousands commas, decimal
    point, currency sign, % or unit character (12.5, -3,400.25, 45%, ¥8.00)."""
    return bool(FIGURE.match(text.strip()))


@dataclass
class _Cell:
    """A cell set in its column: its lines and, in a decimal column, where its point stands."""

    lines: list[SetLine] = field(default_factory=list)
    point: float = 0.0  # x of the decimal point (or of the end of the digits) within the line
    text: str = ""
    figure: bool = False  # aligned on its decimal point


def _set(text: str, role: str, size: float, width: float, setting: Setting, align: str = "left"
         ) -> tuple[list[SetLine], tuple[str, ...]]:
    """``text`` set ``width`` pt wide: its lines and the characters no font has."""
    if not text:
        return [], ()
    para = set_paragraph([(text, TextStyle(role, size))], setting.book, setting.typo, width, 0.0, align)
    return list(para.lines), tuple(para.missing)


def _point(line: SetLine) -> float:
    """Where a figure's decimal point starts within its line (the end of its digits when it has none)."""
    for g in line.glyphs:
        if g.ch == POINT:
            return g.x
    digits = [k for k, g in enumerate(line.glyphs) if g.ch.isdigit()]
    if not digits:
        return line.width
    k = digits[-1]
    return line.glyphs[k + 1].x if k + 1 < len(line.glyphs) else line.width


def _column_widths(block: TableBlock, aligns: list[str], figures: list[bool], total: float, size: float,
                   pad: float, style: TableStyle, setting: Setting) -> tuple[list[float], list[float]]:
    """The columns' widths (``_widths``, ``total`` pt in all when they fit) and their heads' on one line, from
    their natural widths (``_naturals``)."""
    natural, heads = _naturals(block, aligns, figures, style.font, style.head_font, size, pad, setting)
    return _widths(natural, heads, figures, total, MIN_CHARS * size + 2 * pad,
                   lambda: _words(block, aligns, TextStyle(style.font, size), pad, setting)), heads


def _naturals(block: TableBlock, aligns: list[str], figures: list[bool], font: str, head_font: str, size: float,
              pad: float, setting: Setting) -> tuple[list[float], list[float]]:
    """Each column's natural width (pt: its widest cell, a text column's head on one line included; a column of
    figures on their points, ``decimal``, its figures so aligned and its head's widest word) and its head's on
    one line, padded."""
    natural, heads = [], []
    for k, col in enumerate(block.columns):
        texts = [(row[k], font) for row in block.rows]
        if not figures[k] or not any(row[k] for row in block.rows):
            texts.append((col.head, head_font))  # a figure column's head may wrap to its figures' width
        widest = max((line.width for text, role in texts for line in _set(text, role, size, WIDE, setting)[0]),
                     default=size)
        if aligns[k] == "decimal":  # (its figures side by side on their points, its head's words whole)
            widest = max(widest, _aligned([row[k] for row in block.rows], font, size, setting),
                         _head_words(col.head, head_font, size, setting))
        natural.append(max(widest, MIN_CHARS * size) + 2 * pad)
        heads.append(max((ln.width for ln in _set(col.head, head_font, size, WIDE, setting)[0]),
                         default=0.0) + 2 * pad)
    return natural, heads


def _aligned(texts: list[str], role: str, size: float, setting: Setting) -> float:
    """The width the figures among ``texts`` take aligned on their decimal points (``_point``): the widest
    part before a point and the widest from it on, which may be two figures' (18,000 and 97.5%: wider
    than either; a column as wide as its widest figure set 97.5% into the next column's +12.3)."""
    before = after = 0.0
    for text in texts:
        lines = _set(text, role, size, WIDE, setting)[0] if is_figure(text) else []
        if lines:
            point = _point(lines[0])
            before, after = max(before, point), max(after, lines[0].width - point)
    return before + after


def _head_words(text: str, role: str, size: float, setting: Setting) -> float:
    """The widest word of a figure column's head as a headline breaks it (``words.breaks``: 2025年 and （目标）
    are words, 2025|年 is not a break): the least the column is wide, so that its head wraps only between
    words (a head 2025年 over figures 97.5% was set 2025 / 年)."""
    if not text:
        return 0.0
    fits = breaks(text)
    cuts = [0, *(i for i in range(1, len(text)) if fits[i - 1] < Fit.NEAR or text[i].isspace()), len(text)]
    parts = (text[a:b].strip() for a, b in pairwise(cuts))
    return max((line.width for part in parts if part for line in _set(part, role, size, WIDE, setting)[0]),
               default=0.0)


def _aligns(block: TableBlock) -> list[str]:
    """Each column's alignment, ``auto`` resolved: decimal when every non-empty cell is a figure."""
    out = []
    for k, col in enumerate(block.columns):
        cells = [row[k] for row in block.rows if row[k]]
        out.append(col.align if col.align != "auto" else "decimal" if cells and all(map(is_figure, cells))
                   else "left")
    return out


def _widths(natural: list[float], heads: list[float], figures: list[bool], total: float,
            least: float, words: Callable[[], list[float]] | None = None) -> list[float]:
    """Column widths (pt) that add up to ``total``, from each column's ``natural`` width (its
    widest cell, a text column's head included), the width of its head on one line and of its
    widest word (``words``: asked only when the text cells must wrap; ``_words``).

    With room for every head on one line (and every cell unwrapped) the columns take
    that and share what is left in proportion. Without it, text cells wrap first: figure
    columns keep their width and the text columns give up room, down to their heads'
    width and widest word (or ``least``), the ones with the most to spare giving most (past their
    words only when the columns cannot all keep them). Only when even the
    heads do not fit does a head wrap (between words): with room for every cell the room
    left goes to the columns whose heads are wider than their cells, in proportion to what
    they lack; else the figure columns keep their figures' width and the text columns
    share the rest (each at least ``least``)."""
    want = [max(w, h) for w, h in zip(natural, heads, strict=True)]
    need = sum(want)
    if need <= total:
        return [w + (total - need) * w / need for w in want] if need > 0 else [total / len(want)] * len(want)
    floor = _floors(want, heads, figures, least, words() if words else [0.0] * len(want), total)
    if sum(floor) <= total:  # text cells wrap, every head stays on one line
        spare = [0.0 if f else w - lo for w, lo, f in zip(want, floor, figures, strict=True)]
        cut = need - total
        return [w - cut * sp / sum(spare) for w, sp in zip(want, spare, strict=True)]
    left = total - sum(natural)
    if left >= 0:  # the cells fit but not every head: the room goes to the heads that need it most
        short = [max(0.0, h - w) for w, h in zip(natural, heads, strict=True)]
        return [w + left * d / sum(short) for w, d in zip(natural, short, strict=True)]
    fixed = sum(w for w, f in zip(natural, figures, strict=True) if f)
    text = sum(w for w, f in zip(natural, figures, strict=True) if not f)
    room = max(total - fixed, least * sum(1 for f in figures if not f))
    return [w if f else max(least, room * w / text) for w, f in zip(natural, figures, strict=True)]


def _floors(want: list[float], heads: list[float], figures: list[bool], least: float, words: list[float],
            total: float) -> list[float]:
    """How far each column may narrow: a figure column not at all, a text column to its head's width, ``least``
    and its widest word; where the columns cannot all keep their words, to their heads and ``least`` only, as
    before words were kept (a word then broken by force, and reported). (Giving up the widest word's floor alone,
    column by column, left that column the whole cut: on 300 tables of codes, URLs and Chinese, 1 102 forced
    breaks became 1 254 and 3 014 lines 3 248.)"""
    base = [w if f else max(h, least) for w, h, f in zip(want, heads, figures, strict=True)]
    floor = [b if f else max(b, r) for b, f, r in zip(base, figures, words, strict=True)]
    return floor if sum(floor) <= total else base


def layout_table(block: TableBlock, ctx: LayoutContext) -> Placed:
    """The table (see the module docstring)."""
    grid, style, setting = ctx.grid, ctx.style.table, Setting.of(ctx)
    report = BlockReport(page=ctx.number, block=block.id, kind="table")
    placed = Placed(report=report)
    rect = grid.rect(block.at)
    size = grid.body_size
    pad = style.pad * size
    aligns = _aligns(block)
    n = len(block.columns)
    figures = [a == "decimal" for a in aligns]
    widths, heads = _column_widths(block, aligns, figures, rect.w, size, pad, style, setting)
    if sum(widths) > rect.w + 0.01 and any(figures):  # no room for the figures on their points: set right, each
        aligns = ["right" if f else a for a, f in zip(aligns, figures)]  # whole, none on another (a review)
        widths, heads = _column_widths(block, aligns, figures, rect.w, size, pad, style, setting)
    report.lines_available = block.at.lines
    if sum(widths) > rect.w + 0.01:  # even at their narrowest the columns are wider than the block
        LOGGER.warning("table: page %d, block %r: %d columns need %.0f pt, the block is %.0f pt wide: not set",
                       ctx.number, block.id, n, sum(widths), rect.w)
        report.add_overset(len(block.rows) + 1, _all_text(block))
        return placed
    lefts = [rect.x + sum(widths[:k]) for k in range(n)]
    offset = grid.baseline(1) - grid.line_top(1)
    line = block.at.line
    end = block.at.end_line

    def put(lines: list[SetLine], x: float, at: int) -> None:
        for k, set_line in enumerate(lines):
            placed.items.append(TextLine(x, grid.line_top(at + k) + offset, set_line.glyphs, block.id, "table"))
            report.chars_set += set_line.chars

    def rule(at: int, weight: float) -> None:
        y = grid.line_top(at)
        placed.items.append(Rule(rect.x, y, rect.x + rect.w, y, weight))

    # title
    title, missing = _set(block.title, style.title_font, size, rect.w, setting, "center")
    report.add_missing(missing)
    source, missing = _set(block.source, style.source_font, size, rect.w, setting, "left")
    report.add_missing(missing)
    head_cells = [_head_cell(col.head, style.head_font, size, widths[k] - 2 * pad, heads[k] - 2 * pad, setting,
                             report) for k, col in enumerate(block.columns)]
    rows = [[_cells_of(text, style.font, size, widths[k] - 2 * pad, aligns[k], setting, report)
             for k, text in enumerate(row)] for row in block.rows]
    _forced(rows, report, setting)
    tails = [max((c.lines[0].width - c.point for row in rows for c in (row[k],) if c.figure), default=0.0)
             for k in range(n)]  # the widest decimal part (point and digits after it) of each column
    heads = [max((c.point for row in rows for c in (row[k],) if c.figure), default=0.0) for k in range(n)]
    points = [lefts[k] + pad + heads[k] + max(0.0, (widths[k] - 2 * pad - heads[k] - tails[k]) / 2)
              for k in range(n)]  # a figure column's decimal point: its figures centred as one block
    head_lines = max((len(c.lines) for c in head_cells), default=1) or 1
    fixed = len(title) + head_lines + len(source)
    if line + fixed > end:
        report.add_overset(fixed + len(block.rows), _all_text(block))
        return placed
    put(title, rect.x, line)
    line += len(title)
    rule(line, style.thick)
    for k, cell in enumerate(head_cells):
        put(cell.lines, lefts[k] + pad, line)
    line += head_lines
    rule(line, style.thin)
    last = end - len(source)
    for r, cells in enumerate(rows):
        height = max((len(c.lines) for c in cells), default=1) or 1
        if line + height > last:
            rest = block.rows[r:]
            report.add_overset(sum(max(1, len(c.lines)) for row in rows[r:] for c in row[:1]),
                               "\n".join(" ".join(cells_) for cells_ in rest))
            break
        if r and block.row_rules:
            rule(line, style.row)
        for k, cell in enumerate(cells):
            x = lefts[k] + pad
            if cell.figure:  # the point at the same x in every cell of the column
                x = points[k] - cell.point
            put(cell.lines, x, line)
        line += height
    rule(line, style.thick)
    put(source, rect.x, line)
    report.lines_used = line + len(source) - block.at.line
    return placed


def _words(block: TableBlock, aligns: list[str], cell: TextStyle, pad: float, setting: Setting) -> list[float]:
    """Each column's widest word (``least_width`` of its cells, set in ``cell``) and its padding; 0 for a
    figure column, which keeps its width."""
    return [0.0 if align == "decimal" else max((least_width([(row[k], cell)], setting.book, setting.typo)
                                                for row in block.rows if row[k]), default=0.0) + 2 * pad
            for k, align in enumerate(aligns)]


def _forced(rows: list[list[_Cell]], report: BlockReport, setting: Setting) -> None:
    """Count and warn of each cell line broken by force (a word wider than its column)."""
    for r, cells in enumerate(rows, 1):
        for k, cell in enumerate(cells, 1):
            for j, line in enumerate(cell.lines):
                if line.forced:
                    report.forced_breaks += 1
                    after = cell.lines[j + 1].shown if j + 1 < len(cell.lines) else ""
                    LOGGER.warning("forced break: page %d, block %r, row %d, column %d: %s", report.page, report.block,
                                   r, k, forced_what(line.copy, after, rules(setting.typo).prohibition))


def _all_text(block: TableBlock) -> str:
    """Every text of the table, for an overset report: title, heads, rows and source each on a line of its own,
    cells apart by a space."""
    return "\n".join(part for part in (block.title, " ".join(c.head for c in block.columns),
                                        *(" ".join(r) for r in block.rows), block.source) if part)


def _head_cell(text: str, role: str, size: float, width: float, one_line: float, setting: Setting,
               report: BlockReport) -> _Cell:
    """A column head set ``width`` pt wide, centred: as a cell when it fits on one line
    (``one_line`` pt), else broken between words as a headline is (增长 and （%） kept whole)."""
    if one_line <= width + 0.01 or not text:
        return _cells_of(text, role, size, width, "center", setting, report)
    found, _, missing = head_lines([HeadText(text, size, role, "center")], max(width, size), setting, gap_em=0.0)
    report.add_missing(missing)
    return _Cell([line for line, _, _ in found], 0.0, text)


def _cells_of(text: str, role: str, size: float, width: float, align: str, setting: Setting,
              report: BlockReport) -> _Cell:
    """A cell's text set in its column (``width`` pt inside the padding): a figure of a
    decimal column on one line (it never wraps), other text wrapped in ``align``."""
    if align == "decimal" and is_figure(text):
        lines, missing = _set(text, role, size, WIDE, setting)
        report.add_missing(missing)
        return _Cell(lines, _point(lines[0]) if lines else 0.0, text, figure=bool(lines))
    lines, missing = _set(text, role, size, max(width, size), setting, "left" if align == "decimal" else align)
    report.add_missing(missing)
    return _Cell(lines, 0.0, text)
