"""Helpers of headline fitting (``heads.fit_part``): a head text set at a size and scale,
whether a setting fits its lines and room, the largest scale that fits, the breaks it takes
inside a word or number, and a run too long for any line broken as body text is.

In:  the head's text and ``HeadText``, the fonts and typography (``Setting``), a width (pt,
     after scaling), a size (pt) and a horizontal scale (%).
Out: set lines (``SetLine``), the characters no font has, percentages, break lists.
"""

from __future__ import annotations

from layout.flow import display, words
from layout.flow.setting import Setting
from layout.issue.model import HeadText
from layout.text.line import SetLine
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle

EPS = 1e-6
HEAD_LEADING = 1.2  # line advance of headline text, in em of its size (as ``heads``)


def forced(text: str, head: HeadText, setting: Setting, width: float, size: float,
            pct: float) -> tuple[list[SetLine], tuple[str, ...]]:
    """``text`` broken as body text would be (inside a run too long for a line), ``width`` pt
    wide once scaled to ``pct`` %."""
    para = set_paragraph([(words.strip_marks(text)[0], TextStyle(head.role, size))], setting.book, setting.typo,
                         width * 100.0 / pct, 0.0, head.align)
    return list(para.lines), tuple(para.missing)


def sizes(size: float, floor: float, step: float) -> list[float]:
    """``size``, then ``step`` pt smaller down to ``floor`` (the floor itself last)."""
    out = [size]
    while out[-1] - step > floor + EPS:
        out.append(round(out[-1] - step, 3))
    if out[-1] > floor + EPS:
        out.append(round(floor, 3))
    return out


def set_at(text: str, head: HeadText, setting: Setting, width: float, size: float, pct: float,
         punct: tuple[str, str]) -> tuple[list[SetLine] | None, tuple[str, ...]]:
    """``text`` broken between words at ``size``, set ``width`` pt wide once scaled to
    ``pct`` % (so ``width`` × 100 / ``pct`` before scaling); None if a run is too long."""
    found = display.set_display(text, TextStyle(head.role, size), setting, width * 100.0 / pct, head.align, punct,
                                head.credit)
    return (None, ()) if found is None else found


def inside_at(text: str, head: HeadText, setting: Setting, width: float, size: float, pct: float,
            punct: tuple[str, str]) -> tuple[str, ...]:
    """The breaks inside a word or number (``display.inside_breaks``) of ``_set`` with the
    same arguments."""
    style = TextStyle(head.role, size)
    return display.inside_breaks(text, style, setting, width * 100.0 / pct, head.align, punct, head.credit)


def fits(lines: list[SetLine] | None, allowed: int, size: float, room: float) -> bool:
    """Whether the lines are no more than ``allowed`` and their em boxes fit in ``room`` pt."""
    return lines is not None and len(lines) <= allowed and size * (HEAD_LEADING * len(lines) - 0.2) <= room + 0.01


def largest(text: str, head: HeadText, setting: Setting, width: float, size: float, low: float, high: float,
             allowed: int, punct: tuple[str, str], room: float, clean: bool = False) -> float | None:
    """The largest whole percentage from ``low`` to ``high`` at which the text fits ``allowed``
    lines at ``size`` (with ``clean``: with no break inside a word or number); None if it
    does not even at ``low``."""
    def ok(pct: float) -> bool:
        return fits(set_at(text, head, setting, width, size, pct, punct)[0], allowed, size, room) and not (
            clean and inside_at(text, head, setting, width, size, pct, punct))

    if ok(high):
        return high
    lo, hi = int(low), int(high) - (1 if high == int(high) else 0)
    if lo > hi or not ok(lo):
        return None
    while lo < hi:  # ok(lo) holds; find the largest
        mid = (lo + hi + 1) // 2
        if ok(mid):
            lo = mid
        else:
            hi = mid - 1
    return float(lo)
