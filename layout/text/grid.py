"""Strict character grid (字格): every ideograph of a body line on the column's em grid.

In:  a ``Prepared`` paragraph, the column measure and the first-line indent (pt).
Out: ``SetLine``s in which every glyph cell starts at a whole number of ems from
     the column edge, as in a Founder or InDesign frame grid.

How the text is fitted to cells:

- An ideograph or a full-width mark takes one cell.
- Two adjacent marks are drawn tight (1.5 em, as in running text) and followed
  by ½ em of blank. The pair takes two cells, and the next ideograph is back on
  the grid.
- A Latin word or a number, with the spaces between its words, is centred in
  the fewest whole cells that leave at least ⅛ em on each side. A run wider than
  the column is cut into column-wide pieces.
- Lines are not stretched. A line holds exactly its cells. A mark (or a tight
  pair of marks) that may not start the next line hangs past the column edge
  (clreq's hanging punctuation, extended in grid mode to every line-start mark).
  A line left short, because an opening mark had to move down, gets its missing
  cells as blank cells after the marks it holds, last first. A line with no mark
  stays short.

Line breaks are chosen by dynamic programming over cell units: exact lines cost
nothing, a hanging mark a little, a short line a lot, and a 孤字 last line most.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from layout.text.line import Glyph, SetLine
from layout.text.prepare import FULL, Prepared
from layout.text.punct import Punct
from layout.text.script import is_cjk

_HANGABLE = (Punct.CLOSE, Punct.PAUSE, Punct.STOP)
MIN_SIDE_EM = 0.125  # least blank on each side of a Latin run in its cells
HANG = False  # hanging marks into a one-character gutter reads as joining the columns; see docstring
HANG_COST = 20.0
SHORT_COST = 1000.0  # per missing cell, filled with blank cells after the line's marks
RAGGED_COST = 4000.0  # per missing cell of a line with no mark to take it (the line stays short)
FORCED_COST = 1e7
ORPHAN_COST = 2500.0  # a 孤字 last line costs as much as two and a half missing cells


@dataclass(frozen=True)
class Unit:
    """Atoms [start, end) that fill ``cells`` whole cells; glyph offsets in pt from the unit's left."""

    start: int
    end: int
    cells: int
    offsets: tuple[float, ...]
    marks_only: bool  # only punctuation: may hang past the edge


def units_of(p: Prepared, cell: float, max_cells: int) -> list[Unit]:
    """Cut a paragraph into cell units (see module docstring)."""
    out: list[Unit] = []
    i, n = 0, len(p.atoms)
    while i < n:
        a = p.atoms[i]
        if not is_cjk(a.ch):
            j = i
            while j + 1 < n and not is_cjk(p.atoms[j + 1].ch) and p.kinds[j] in ("none", "space"):
                j += 1
            out.extend(_latin_units(p, i, j + 1, cell, max_cells))
            i = j + 1
        elif a.punct in FULL and i + 1 < n and p.atoms[i + 1].punct in FULL and p.kinds[i] != "space":
            b = p.atoms[i + 1]
            first = -a.left + a.ink_off
            second = a.box - a.right - b.left + b.ink_off  # the pair drawn tight, ½ em left after it
            out.append(Unit(i, i + 2, 2, (first, second), True))
            i += 2
        else:
            end = _cluster_end(p, i)
            cells = max(1, round(a.box / cell)) + _space_after(p, end - 1, cell)
            centre = (cells * cell - a.box) / 2  # a ½-em interpunct sits in the middle of its cell
            marks = tuple(a.box + sum(b.box for b in p.atoms[i + 1:k]) + p.atoms[k].ink_off for k in range(i + 1, end))
            out.append(Unit(i, end, cells, tuple(o + a.ink_off + centre for o in (0.0, *marks)),
                            a.punct in _HANGABLE))
            i = end
    return out


def _cluster_end(p: Prepared, i: int) -> int:
    """End of the grapheme cluster that starts at atom i (its combining marks, the rest of
    an emoji sequence): one unit, never split between lines."""
    end = i + 1
    while end < len(p.atoms) and p.joins[end - 1]:
        end += 1
    return end


def _space_after(p: Prepared, i: int, cell: float) -> int:
    """A typed word space between two Chinese characters (记者 王琼梅) takes a cell of its own."""
    return int(i + 1 < len(p.atoms) and p.kinds[i] == "space" and p.gaps[i] > 0.25 * cell
               and is_cjk(p.atoms[i + 1].ch))


def _latin_units(p: Prepared, start: int, end: int, cell: float, max_cells: int) -> list[Unit]:
    """A Latin run centred in whole cells; split into column-wide pieces if too wide."""
    pieces: list[Unit] = []
    i = start
    while i < end:
        offsets: list[float] = []
        x, j = 0.0, i
        while j < end:
            width = p.atoms[j].box + (p.gaps[j] if j + 1 < end else 0.0)
            if offsets and not p.joins[j - 1] and math.ceil((x + p.atoms[j].box) / cell + 2 * MIN_SIDE_EM) > max_cells:
                break
            offsets.append(x + p.atoms[j].ink_off)
            x += width
            j += 1
        used = x - (p.gaps[j - 1] if j < end else 0.0)
        cells = max(1, math.ceil(used / cell + 2 * MIN_SIDE_EM - 1e-9))
        pad = (cells * cell - used) / 2
        pieces.append(Unit(i, j, cells, tuple(o + pad for o in offsets), False))
        i = j
    return pieces


def break_grid(p: Prepared, units: list[Unit], capacity: list[int]) -> list[tuple[int, int, bool, bool]]:
    """Lines as unit ranges [i, j) with flags: hanging last unit, forced break; ``capacity[k]``
    is the number of cells of line k (the first line is shorter by the indent). A break
    the rules forbid, or a unit wider than its line, is taken only when nothing else fits."""
    n = len(units)
    best: dict[int, tuple[float, int, bool, int, bool]] = {0: (0.0, -1, False, 0, False)}  # cost, i, hang, line, forced
    for i in range(n):
        if i not in best:
            continue
        cost0, _, _, line, _ = best[i]
        cap = capacity[min(line, len(capacity) - 1)]
        used = 0
        for j in range(i + 1, n + 1):
            used += units[j - 1].cells
            hang = HANG and used > cap and j - 1 > i and units[j - 1].marks_only and used - units[j - 1].cells == cap
            if used > cap and not hang and j - 1 > i:
                break
            forced = (j < n and not _legal_after(p, units[j - 1])) or (used > cap and not hang)
            cost = cost0 + _line_cost(p, units, i, j, cap, used, hang) + (FORCED_COST if forced else 0.0)
            if j not in best or cost < best[j][0]:
                best[j] = (cost, i, hang, line + 1, forced)
    lines, j = [], n
    while j > 0:
        _, i, hang, _, forced = best[j]
        lines.append((i, j, hang, forced))
        j = i
    return lines[::-1]


def _legal_after(p: Prepared, unit: Unit) -> bool:
    """May a line break after this unit?"""
    return unit.end >= len(p.atoms) or p.breakable[unit.end - 1]


def _line_cost(p: Prepared, units: list[Unit], i: int, j: int, cap: int, used: int, hang: bool) -> float:
    """Cost of a line of units [i, j)."""
    if j == len(units):
        ideographs = sum(1 for u in units[i:j] if not u.marks_only)
        return ORPHAN_COST if ideographs == 1 and j - i > 0 and i > 0 else 0.0
    if hang:
        return HANG_COST
    spots = any(p.atoms[u.end - 1].punct in _HANGABLE for u in units[i:j - 1])
    return (SHORT_COST if spots else RAGGED_COST) * (cap - used)


def set_grid_paragraph(p: Prepared, measure: float, indent: float, align: str) -> tuple[SetLine, ...] | None:
    """The lines of a paragraph on the grid; None if no break sequence fits (the caller
    then sets it normally)."""
    if not p.atoms:
        return ()
    cell = max(a.size for a in p.atoms)
    cells = int(measure / cell + 1e-6)
    lead = round(indent / cell)
    units = units_of(p, cell, cells)
    plan = break_grid(p, units, [cells - lead, cells])
    if not plan:
        return None
    out = []
    for k, (i, j, hang, forced) in enumerate(plan):
        start = lead if k == 0 else 0
        last = j == len(units)
        line = _set(p, units[i:j], cell, start, cells, hang, last or align != "justify")
        out.append(replace(line, forced=forced) if forced else line)
    return tuple(out)


def _set(p: Prepared, units: list[Unit], cell: float, start: int, cells: int, hang: bool, ragged: bool) -> SetLine:
    """Glyphs of one grid line; a short line gets blank cells after its marks."""
    body = units[:-1] if hang else units
    used = start + sum(u.cells for u in body)
    extra = {} if ragged else _blank_cells(p, body, cells - used)
    glyphs: list[Glyph] = []
    x = start * cell
    flush = 0.0 if ragged or hang else _end_shift(p, units[-1], cell)
    lead_in = _latin_pad(p, units[0], cell, left=True)
    for index, unit in enumerate(units):
        shift = flush if index == len(units) - 1 else -lead_in if index == 0 else 0.0
        for atom_index, offset in zip(range(unit.start, unit.end), unit.offsets):
            a = p.atoms[atom_index]
            glyphs.append(Glyph(a.cluster, a.face.name, a.size, x + offset + shift, a.scale, a.missing, a.emphasis))
        x += (unit.cells + extra.get(index, 0)) * cell
    width = min(x, cells * cell) if hang else x
    first, last = units[0].start, units[-1].end
    return SetLine(tuple(glyphs), width, cells * cell, not ragged and used + sum(extra.values()) == cells,
                   first, last)


def _end_shift(p: Prepared, unit: Unit, cell: float) -> float:
    """How far the last unit of a full line moves right to end flush with the column: a
    Latin run by the padding on its right. (A mark keeps its cell: moved to the edge it
    would stand apart from the character it follows.)"""
    return _latin_pad(p, unit, cell, left=False)


def _latin_pad(p: Prepared, unit: Unit, cell: float, left: bool) -> float:
    """The blank a Latin run leaves on its left or right inside its cells (0 for other units)."""
    if is_cjk(p.atoms[unit.start].ch):
        return 0.0
    if left:
        return unit.offsets[0] - p.atoms[unit.start].ink_off
    return unit.cells * cell - (unit.offsets[-1] + p.atoms[unit.end - 1].box)


def _blank_cells(p: Prepared, units: list[Unit], missing: int) -> dict[int, int]:
    """Where a short line's missing cells go: after the closing and pause marks, last first."""
    if missing <= 0:
        return {}
    spots = [k for k, u in enumerate(units[:-1]) if p.atoms[u.end - 1].punct in _HANGABLE]
    extra: dict[int, int] = {}
    for n in range(missing):
        if not spots:
            break
        spot = spots[-1 - n % len(spots)]
        extra[spot] = extra.get(spot, 0) + 1
    return extra
