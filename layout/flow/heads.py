"""Headline text set on lines: stacked head groups, one-line furniture, balanced heads.

In:  ``HeadText`` items (text, size, face role, alignment), a width in pt, fonts and typography.
Out: set lines with the y of each em-box top and the group's height (pt); placed ``TextLine``s.
"""

from __future__ import annotations

from layout.flow import display, words
from layout.flow.grid import PageGrid
from layout.flow.setting import Setting
from layout.frame import Item, TextLine
from layout.issue.model import HeadText
from layout.report import BlockReport
from layout.text.line import SetLine
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle

HEAD_LEADING = 1.2  # line advance of headline text, in em of its size


def head_lines(heads: list[HeadText], width: float, setting: Setting,
               gap_em: float = 0.35) -> tuple[list[tuple[SetLine, float, float]], float, tuple[str, ...]]:
    """Set headline texts stacked: [(line, y of its em-box top, size)], total height (pt)
    and the characters no font has (each once, in order)."""
    out: list[tuple[SetLine, float, float]] = []
    missing: list[str] = []
    y = 0.0
    for k, head in enumerate(heads):
        if k:
            y += gap_em * head.size_pt
        for part in head.text.split("\n"):
            lines, lacking = balanced_head(part, head, setting, width)
            missing.extend(ch for ch in lacking if ch not in missing)
            for line in lines:
                out.append((line, y, head.size_pt))
                y += head.size_pt * HEAD_LEADING
        y -= head.size_pt * (HEAD_LEADING - 1.0)
    return out, y, tuple(missing)


MIN_PRINT_PT = 6.0  # small print is never shrunk below this size


def one_line(text: str, size: float, role: str, align: str, width: float,
             setting: Setting) -> tuple[SetLine, float, tuple[str, ...]] | None:
    """``text`` as one line ``width`` pt wide: at ``size``, or at the largest size (in ½-pt
    steps, down to ``MIN_PRINT_PT``) at which it fits without a break, with the characters
    no font has; None if it does not fit even then. For small print that must stay on one
    line (running head, masthead)."""
    target = size
    while target >= MIN_PRINT_PT - 1e-9:
        para = set_paragraph([(text, TextStyle(role, target))], setting.book, setting.typo, width, 0.0, align)
        if len(para.lines) == 1:
            return para.lines[0], target, tuple(dict.fromkeys(para.missing))
        target -= 0.5
    return None


def balanced_head(text: str, head: HeadText, setting: Setting,
                  width: float) -> tuple[list[SetLine], tuple[str, ...]]:
    """A headline text set ``width`` pt wide in head.align: on one line if it fits, else
    broken between words into lines of even length (``layout/flow/display.py``: 新能源产业集群蓄势崛起
    in two lines is 新能源产业集群 / 蓄势崛起, never 集|群). Only a run wider than the
    width by itself is broken inside, as body text would be. Returns the lines and the
    characters no font has."""
    style = TextStyle(head.role, head.size_pt)
    shown = display.set_display(text, style, setting, width, head.align)
    if shown is not None:
        return shown
    clean = words.strip_marks(text)[0]
    full = set_paragraph([(clean, style)], setting.book, setting.typo, width, 0.0, head.align)
    return list(full.lines), tuple(full.missing)


def place_head(heads: list[tuple[SetLine, float, float]], x: float, top: float, bottom: float,
               grid: PageGrid, block: str, kind: str, report: BlockReport, width: float | None = None) -> list[Item]:
    """Headline lines from ``top``; a line whose em box would pass ``bottom`` (or that is
    wider than ``width``: one character wider than the block) is not drawn but reported
    as overset (its lines and characters), so nothing is lost silently. A ragged line
    ending in a closing mark keeps the mark's blank right half (GB/T 15834: set half at
    a line end), which may pass ``width`` with nothing drawn there: such a line fits."""
    items: list[Item] = []
    for line, y, size in heads:
        if top + y + size > bottom + 0.01 or (width is not None and _too_wide(line, width)):
            report.add_overset(1, line.copy, line.chars)
            continue
        items.append(TextLine(x, top + y + grid.ascent_em * size, line.glyphs, block, kind))
        report.chars_set += line.chars
    return items


def _too_wide(line: SetLine, width: float) -> bool:
    """Whether ``line`` draws past ``width`` pt: a lone character wider than it, or a last
    glyph more than half outside (a closing mark's ink is in its left half)."""
    if line.width <= width + 0.01 or not line.glyphs:
        return False
    last = line.glyphs[-1]
    return len(line.glyphs) == 1 or last.x + 0.5 * last.size * last.scale > width + 0.01
