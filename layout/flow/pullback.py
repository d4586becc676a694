"""An article's body pulled back (缩行) when it overruns its block by a few lines.

In:  an article's body as flow units (one a body line, or a cross-head), its plain paragraphs
     (``Plain``: where their units start, how they were set), the text setting, and the article's
     column plan as a function of the units (``distribute.plan`` with the block's columns, height,
     photos' lines and headline air: a ``Plan``, or None when they do not fit).
Out: ``pull_back``: the units with the fewest paragraphs set shorter (``paragraph.set_pulled_back``)
     whose plan fits, that plan and how many paragraphs were pulled back; None when no choice fits.
     ``fitted``: that for an article's block (how far its body overruns it worked out, what was done
     logged), or the units as they were.

Why: when a story runs a line or two over its space, the compositor of a Chinese daily pulls lines
back (缩行, 挤行) rather than leave copy overset: a paragraph whose last line holds a few characters
loses that line when the lines above take them up by squeezing their punctuation. Every house limit
still holds (``set_pulled_back``: at most ``style.squeeze.marks_per_line`` marks squeezed a line, word
spaces and Han–Latin gaps no tighter than their least, Latin narrowed no further than
``style.glyph_scaling``, no loose line, no 孤字); a paragraph that could only lose a line past them is
left as it is (one may lose two where its lines can take them up). Paragraphs are tried in the order
of their last line's length (fewest characters first: the least copy moved up, the lightest
squeeze), then in reading order; the first ``k`` of them are pulled back for the least ``k`` whose
plan fits, by ``style.squeeze.pull_back`` lines at most in all (3 by default: a story further over is
cut by the desk, not squeezed). An article that fits is never touched, and one that no choice makes
fit keeps its plain setting, its overset reported as before: tightening copy that must be cut anyway
only hides how much to cut.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from layout.flow.display import words_pulled_back
from layout.flow.distribute import Plan, Unit, distribute, with_stubs
from layout.flow.plans import plan
from layout.flow.setting import Setting
from layout.logger import LOGGER
from layout.report import BlockReport
from layout.text.line import SetLine
from layout.text.paragraph import set_pulled_back
from layout.text.prepare import TextStyle


class Plain(NamedTuple):
    """A body paragraph set as running text, or opening with a dateline (no jump line, not a box's display
    copy), as ``pull_back`` needs it."""

    start: int  # the index of its first unit (one unit a line)
    lines: int  # its lines as set
    runs: tuple[tuple[str, TextStyle], ...]  # its copy, styled, as it was set
    measure: float  # pt
    indent: float  # pt: its first line's indent
    align: str
    offset: float  # pt: the baseline's offset from the top of its line (``Unit.lines``)
    dateline: tuple[bool, ...] = ()  # which runs are a dateline (本报讯…), kept whole (``display.set_words``)


def line_units(lines: tuple[SetLine, ...] | list[SetLine], offset: float, up: bool = False) -> list[Unit]:
    """A paragraph's set lines as flow units, one a line: the first and last of several keep with
    their neighbours (no widow or orphan at a column's head or foot); ``up``: a first line that keeps
    with the text after it however many lines there are (the （上接） line)."""
    many = len(lines) > 1
    return [Unit([(line, offset)], 1, first=(many or up) and k == 0, last=many and k == len(lines) - 1)
            for k, line in enumerate(lines)]


def fitted(units: list[Unit], plain: list[Plain], setting: Setting, shape: tuple[int, int, tuple[frozenset[int], ...],
           int], most: int, report: BlockReport) -> tuple[list[Unit], Plan | None]:
    """An article's body ``units`` and their plan, with paragraphs of ``plain`` pulled back by at most ``most``
    lines when the body overruns its block and that makes it fit (``pull_back``; logged with the block of
    ``report``), else as they are and no plan. ``shape``: the block's body columns, height in lines, each
    column's lines taken (its photos') and headline air, as ``distribute.plan`` takes them."""
    columns, height, blocked, air = shape
    if distribute(units, columns, height, with_stubs(blocked, height))[1] == len(units):
        return units, None  # (set whole without a balanced plan: nothing overset, nothing to pull back)
    room = columns * height - sum(len(taken) for taken in blocked)  # no plan holds more lines
    found = pull_back(units, plain, setting, lambda body: plan(body, columns, height, blocked, air), room, most)
    if found is None:
        return units, None
    pulled = sum(u.height for u in units) - sum(u.height for u in found[0])
    LOGGER.info("pulled back: page %d, block %r: %d of its paragraphs set %d line%s shorter in all, their lines "
                "tightened within the house's limits (style.squeeze), so that its copy fits", report.page,
                report.block, found[2], pulled, "" if pulled == 1 else "s")
    return found[0], found[1]


def pull_back(units: list[Unit], plain: list[Plain], setting: Setting, fits: Callable[[list[Unit]], Plan | None],
              room: int, most: int) -> tuple[list[Unit], Plan, int] | None:
    """The fewest of ``plain`` pulled back (module docstring), by ``most`` lines at most in all, so that
    ``fits`` finds a plan for the body (which holds ``room`` lines at most): (the units, the plan, how many
    paragraphs), or None when no such choice fits. A body more than ``most`` lines over ``room`` is not
    tried, and the paragraphs are set again one by one, in their order, only until a plan fits."""
    lines = sum(u.height for u in units)
    if lines - most > room:
        return None
    order = sorted(range(len(plain)), key=lambda k: (units[plain[k].start + plain[k].lines - 1].lines[0][0].chars, k))
    taken: list[tuple[Plain, list[Unit]]] = []  # the paragraphs pulled back so far, with their shorter units
    saved = 0
    for k in order:
        para = plain[k]
        found = words_pulled_back(list(para.runs), setting, para.measure, para.indent, para.align, para.dateline) \
            if any(para.dateline) else set_pulled_back(list(para.runs), setting.book, setting.typo, para.measure,
                                                       para.indent, para.align)
        if found is None:
            continue
        taken.append((para, line_units(found.lines, para.offset)))
        saved += para.lines - len(found.lines)
        if saved > most:
            break
        if lines - saved > room:
            continue
        body = list(units)
        for p, shorter in sorted(taken, key=lambda c: -c[0].start):  # (from the end: starts stay put)
            body[p.start:p.start + p.lines] = shorter
        chosen = fits(body)
        if chosen is not None:
            return body, chosen, len(taken)
    return None
