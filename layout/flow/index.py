"""An index block (导读) → positioned lines: heading, item text, dot leaders, page references.

In:  an ``IndexBlock`` (its page references already filled in) and the page's ``LayoutContext``.
Out: ``Placed`` items and a ``BlockReport``.

Every line sits on the page's baseline grid. The page references are set in one column at
the block's right edge (inside the frame of a boxed index), each flush right; the item texts
are set flush left, broken between words into lines of even length as a headline is, to the
measure that leaves that column and ``LEADER_MIN_EM`` of leader free, so a text that wraps
never runs under a reference. Where that leaves less than ``MIN_TEXT_EM`` characters, the
texts take the whole width and each reference a line of its own under its text, its leader
running from the line's start. After an item's last line a dot leader runs to
``REF_GAP_EM`` before its own reference; all dots stand on one lattice
(``style.contents.leader`` apart) counted back from the reference column's left edge, so the
dots of all items line up, centred on the em box as …… is. An item that does not fit below
the lines already set is overset with every item after it (lines, text and characters
reported), never cut or drawn outside the block.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, NamedTuple

from layout.flow import display
from layout.flow.article import BOX_PAD_CHARS, BOX_PAD_LINES, Placed
from layout.flow.boxes import frame_box
from layout.flow.heads import head_lines, place_head
from layout.flow.setting import Setting
from layout.flow.words import strip_marks
from layout.frame import Dot, Item, TextLine
from layout.issue.model import BoxStyle, HeadText
from layout.issue.style import Type
from layout.report import BlockReport
from layout.text.line import SetLine
from layout.text.paragraph import SetParagraph, set_paragraph
from layout.text.prepare import TextStyle

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.blocks.index import IndexBlock
    from layout.flow.grid import PageGrid

LEADER_MIN_EM = 1.5  # room kept after an item's text for its leader and the gaps beside it
REF_GAP_EM = 0.25  # between a leader's last dot and the reference column (and between text and first dot)
MIN_TEXT_EM = 4  # narrower room for an item's text beside the references: the reference takes a line of its own
HEAD_AIR_LINES = 0.5  # air a heading keeps above and below, in body lines (rounded up to whole lines)


def inner(grid: PageGrid, block_at: object, box: BoxStyle | None) -> tuple[float, float, int, int]:
    """(x, width, first line, lines) of a block's text: the block, or inside its frame (one
    body character and one line of padding, as a boxed article's)."""
    from layout.issue.model import Placement

    assert isinstance(block_at, Placement)
    rect = grid.rect(block_at)
    if box is None:
        return rect.x, rect.w, block_at.line, block_at.lines
    pad = grid.body_size * BOX_PAD_CHARS
    return rect.x + pad, rect.w - 2 * pad, block_at.line + BOX_PAD_LINES, max(0, block_at.lines - 2 * BOX_PAD_LINES)


def heading(text: str, face: Type, align: str, x: float, width: float, line: int, lines: int, grid: PageGrid,
            block: str, setting: Setting, report: BlockReport) -> tuple[list[Item], int]:
    """A heading set in ``face`` at the top of ``lines`` grid lines from ``line``: its items
    and the whole number of grid lines it takes (with ``HEAD_AIR_LINES`` of air); lines
    that do not fit are reported overset by ``place_head``."""
    if not text:
        return [], 0
    heads, height, missing = head_lines([HeadText(text, face.size, face.font, align)], width, setting)
    report.add_missing(missing)
    n = min(lines, math.ceil((height + 2 * HEAD_AIR_LINES * grid.pitch) / grid.pitch - 1e-6))
    top = grid.line_top(line) + max(0.0, (n * grid.pitch - height) / 2)
    return place_head(heads, x, top, grid.line_top(line + lines), grid, block, "head", report, width), n


class Opened(NamedTuple):
    """A framed-or-plain text block begun: its ``Placed`` (frame and heading drawn), the
    text's x and width (pt), and its first line and number of lines below the heading."""

    placed: Placed
    x: float
    width: float
    line: int
    lines: int


def open_block(block: Any, kind: str, face: Type, ctx: LayoutContext, setting: Setting) -> Opened:
    """The start every headed text block (index, briefs) shares: its report, its frame when
    boxed, and its heading (``block.heading`` in ``face``, centred) at the top of its text area."""
    grid = ctx.grid
    report = BlockReport(page=ctx.number, block=block.id, kind=kind)
    placed = Placed(report=report)
    if block.box is not None:
        placed.items.extend(frame_box(grid.rect(block.at), block.box, block.style.boxes))
    x, width, line, lines = inner(grid, block.at, block.box)
    head, n_head = heading(block.heading, face, "center", x, width, line, lines, grid, block.id, setting, report)
    placed.items.extend(head)
    return Opened(placed, x, width, line + n_head, lines - n_head)


def layout_index(block: IndexBlock, ctx: LayoutContext) -> Placed:
    """The index on the page of ``ctx`` (see module docstring)."""
    grid, style = ctx.grid, block.style.contents
    setting = Setting.of(ctx)
    placed, x, width, line, lines = open_block(block, "index", style.heading, ctx, setting)
    report = placed.report
    size = grid.body_size
    refs = [_ref(item.page, style.ref.font, size, width, setting, report) for item in block.items]
    column = max((r.width for r in refs if r is not None), default=0.0)
    measure = width - (column + LEADER_MIN_EM * size if column else 0.0)
    apart = measure < MIN_TEXT_EM * size  # too narrow beside the references: each goes on a line of its own
    measure = width if apart else measure
    leader_end = x + width - column - REF_GAP_EM * size
    offset = grid.baseline(1) - grid.line_top(1)
    row, end = line, line + lines
    report.lines_available = lines
    paras = [_item_lines(item.text, TextStyle(style.text.font, size), setting, max(measure, size))
             for item in block.items]
    for k, (ref, para) in enumerate(zip(refs, paras)):
        report.add_missing(para.missing)
        need = len(para.lines) + (1 if apart and ref is not None else 0)
        if row + need > end:
            rest = range(k, len(block.items))
            report.add_overset(sum(len(paras[j].lines) + (1 if apart and refs[j] else 0) for j in rest),
                               "\n".join(f"{strip_marks(block.items[j].text)[0]} {block.items[j].page}".strip()
                                         for j in rest),
                               sum(sum(ln.chars for ln in paras[j].lines) + len(block.items[j].page) for j in rest))
            break
        baseline = grid.line_top(row) + offset
        for text_line in para.lines:
            baseline = grid.line_top(row) + offset
            placed.items.append(TextLine(x, baseline, text_line.glyphs, block.id, "body",
                                         justified=text_line.justified))
            report.chars_set += text_line.chars
            row += 1
        row += 0 if para.lines or apart else 1  # (an empty text still takes its reference's line)
        if ref is not None:
            last = para.lines[-1] if para.lines and not apart else None
            if apart:
                baseline = grid.line_top(row) + offset
                row += 1
            start = x + (last.width + REF_GAP_EM * size if last else 0.0)
            stop = x + width - ref.width - REF_GAP_EM * size
            placed.items.extend(leader_dots(start, stop, leader_end, baseline - (grid.ascent_em - 0.5) * size,
                                            style.leader, style.dot))
            placed.items.append(TextLine(x + width - ref.width, baseline, ref.glyphs, block.id, "ref"))
            report.chars_set += ref.chars
    report.lines_used = row - line
    return placed


def _item_lines(text: str, style: TextStyle, setting: Setting, measure: float) -> SetParagraph:
    """An item's text as display lines, flush left: on one line if it fits, else broken between
    words into lines of even length (never one word left alone on the last line where words
    allow, ``display.set_display``); a text with no such breaks is set as a caption is."""
    found = display.set_display(text, style, setting, measure, "left")
    if found is None:
        return display.set_words([(text, style)], setting, measure)
    return SetParagraph(tuple(found[0]), found[1])


def _ref(text: str, font: str, size: float, width: float, setting: Setting, report: BlockReport) -> SetLine | None:
    """A page reference set as one unjustified line; None for an item without one, or for one
    wider than the block (reported overset)."""
    if not text:
        return None
    para = set_paragraph([(text, TextStyle(font, size))], setting.book, setting.typo, width, 0.0, "left")
    report.add_missing(para.missing)
    if len(para.lines) != 1:
        report.add_overset(1, text)
        return None
    return para.lines[0]


def leader_dots(start: float, stop: float, anchor: float, y: float, pitch: float, dot: float) -> list[Item]:
    """Leader dots ``dot`` pt wide, ``pitch`` pt apart, from ``start`` to ``stop`` (x of the first
    dot's left and the last dot's right edge at the most), on the lattice of dots one of which
    ends at ``anchor``: leaders sharing an anchor line up, dot under dot."""
    if pitch <= 0:
        return []
    r = dot / 2
    first = anchor - r - math.floor((anchor - r - (start + r)) / pitch + 1e-9) * pitch
    out: list[Item] = []
    cx = first
    while cx + r <= stop + 1e-6:
        out.append(Dot(cx, y, r))
        cx += pitch
    return out
