"""Strict character grid (字格): every body line made of whole cells of one em.

In:  a ``Prepared`` paragraph, the column measure and the first-line indent (pt).
Out: ``SetLine``s in which every ideograph and full-width mark starts at a whole
     number of cells from the column edge, as in a Founder or InDesign frame grid.

How the text is fitted to cells:

- An ideograph or a full-width mark takes one cell (with its combining marks, if
  any). Two adjacent marks take two cells: drawn tight (1.5 em, as in running text)
  with the ½ em they give up left after them, so the next ideograph is back on the
  grid — unless the second opens (；（ ，《 ”（): that one is drawn in its own cell, so
  that no blank is left inside the bracket, and the first moved ¼ em towards it, so
  the blanks before and between them are balanced. A blank cell is never added after a pair.
- Latin words, numbers and URLs are cut into pieces at their break points (word
  spaces, hyphenation points, URL and number breaks: ``wordbreak``). The pieces
  that share a line form one group, which takes the fewest whole cells that hold
  it with at least ⅛ em beside an ideograph on either side; the remainder of its
  last cell is spread inside the group (word spaces up to ½ em wider, then up to
  0.05 em between letters)
  and the rest beside it (split between its sides in mid-line, before it at a line
  end, after it at a line start), so the group ends on the grid. A piece wider than the column is cut where it
  overflows (a forced break, reported).
- A line holds exactly its cells. A line that would be short gets its missing cells
  first inside its Latin groups (word spaces, then at most 0.05 em per letter gap; digits of a
  number are never spaced apart), then as a
  blank cell after a closing or pause mark (one per mark, so no gap is wider than
  one cell), and only then is left short (ragged, reported as not justified).

Line breaks are chosen by dynamic programming over the pieces: exact lines cost
nothing, spreading a group a little, a blank cell more, a short line a lot, a
hyphen a little and a 孤字 last line most.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from layout.frame import Glyph
from layout.text.line import SetLine, fit_dash
from layout.text.prepare import FULL, Atom, Prepared
from layout.text.punct import Punct
from layout.text.script import is_cjk

_SPOTS = (Punct.CLOSE, Punct.PAUSE, Punct.STOP)
MIN_SIDE_EM = 0.125  # least blank between a Latin group and an ideograph
LATIN_FILL_EM = 0.05  # the most a missing cell may add per gap inside a Latin group
LETTER_SPACE_EM = 0.05  # the most a Latin group is letter-spaced; the rest of its cells goes beside it
WORD_SPACE_EM = 0.5  # the most a word space inside a Latin group is widened (before its letters are spaced)
SPACE_WEIGHT = round(WORD_SPACE_EM / LATIN_FILL_EM)  # a word space takes as much fill as this many letter gaps
LATIN_COST = 150.0  # per cell spread into Latin groups
BLANK_COST = 400.0  # per blank cell after a mark
SHORT_COST = 4000.0  # per missing cell of a short line
HYPHEN_COST = 150.0
FORCED_COST = 1e7
ORPHAN_COST = 5000.0  # a 孤字 last line: worse than one missing cell (SHORT_COST), not than two


@dataclass(frozen=True)
class Unit:
    """Atoms [start, end). A CJK unit takes ``cells`` cells (glyph offsets in pt from its
    left); a Latin piece (``run`` ≥ 0) has a natural ``width`` and the ``gap`` after it
    inside its run, and is fitted to cells with the other pieces of its line."""

    start: int
    end: int
    cells: int = 0
    offsets: tuple[float, ...] = ()
    spot: bool = False  # ends with a closing or pause mark: a blank cell may follow
    run: int = -1
    width: float = 0.0
    gap: float = 0.0
    inner: int = 0  # gaps between atoms inside the piece


def units_of(p: Prepared, cell: float, max_cells: int) -> list[Unit]:
    """Cut a paragraph into CJK units and Latin pieces (see module docstring)."""
    out: list[Unit] = []
    i, n, run = 0, len(p.atoms), 0
    while i < n:
        a = p.atoms[i]
        if not is_cjk(a.ch):
            j = i
            while j + 1 < n and not is_cjk(p.atoms[j + 1].ch) and p.kinds[j] in ("none", "space"):
                j += 1
            out.extend(_pieces(p, i, j + 1, run, cell * max_cells))
            run += 1
            i = j + 1
        elif a.punct in FULL and i + 1 < n and p.atoms[i + 1].punct in FULL and p.kinds[i] != "space":
            b = p.atoms[i + 1]
            if b.punct is Punct.OPEN:  # each in its cell: the opening mark's ink meets what it opens
                shift = 0.0 if a.keep_blank else a.trim_right_max / 2  # ¼ em: the blank balanced
                out.append(Unit(i, i + 2, 2, (a.ink_off + shift, cell + b.ink_off), False))
            else:  # drawn tight (1.5 em), ½ em after: already a blank, so no blank cell is added after it
                second = a.box - a.right - b.left + b.ink_off
                out.append(Unit(i, i + 2, 2, (-a.left + a.ink_off, second), False))
            i += 2
        else:
            end = _cluster_end(p, i)
            cells = max(1, round(a.box / cell)) + _space_after(p, end - 1, cell)
            centre = (cells * cell - a.box) / 2 if cells == 1 else (cell - a.box) / 2
            marks = tuple(a.box + sum(b.box for b in p.atoms[i + 1:k]) for k in range(i + 1, end))
            out.append(Unit(i, end, cells, tuple(o + a.ink_off + centre for o in (0.0, *marks)), a.punct in _SPOTS))
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


def _pieces(p: Prepared, start: int, end: int, run: int, widest: float) -> list[Unit]:
    """A Latin run cut at its break points; a piece wider than ``widest`` pt is cut where
    it overflows (the cut is no legal break: the breaker takes it only when forced)."""
    out: list[Unit] = []
    i = start
    while i < end:
        width, j = p.atoms[i].width, i + 1
        while j < end and not (p.breakable[j - 1] and j - 1 >= i):
            step = p.gaps[j - 1] + p.atoms[j].width
            if width + step > widest - 2 * MIN_SIDE_EM * p.atoms[i].size and not p.joins[j - 1]:
                break
            width += step
            j += 1
        gap = p.gaps[j - 1] if j < end else 0.0
        out.append(Unit(i, j, run=run, width=width, gap=gap, inner=j - 1 - i))
        i = j
    return out


@dataclass
class _Fit:
    """Cells of a line's units, measured as the line grows."""

    cells: int = 0  # cells of the CJK units and of closed Latin groups
    group: float = 0.0  # width of the open Latin group (pt)
    group_left: bool = False  # the open group follows an ideograph on this line
    inner: int = 0  # gaps inside the open and closed Latin groups
    spots: int = 0
    groups: int = 0


def _group_cells(width: float, sides: int, cell: float) -> int:
    """Cells a Latin group of ``width`` pt takes with ``sides`` ⅛-em sides."""
    return max(1, math.ceil(width / cell + sides * MIN_SIDE_EM - 1e-6))


def break_grid(p: Prepared, units: list[Unit], capacity: list[int], cell: float) -> list[tuple[int, int, bool]]:
    """Lines as unit ranges [i, j) with a flag for a forced break; ``capacity[k]`` is the
    number of cells of line k (the first is shorter by the indent)."""
    n = len(units)
    best: dict[int, tuple[float, int, int, bool]] = {0: (0.0, -1, 0, False)}  # cost, from, line, forced
    for i in range(n):
        if i not in best:
            continue
        cost0, _, line, _ = best[i]
        cap = capacity[min(line, len(capacity) - 1)]
        fit = _Fit()
        for j in range(i + 1, n + 1):
            used = _add(fit, p, units, j - 1, cell)
            if used > cap and j - 1 > i:
                break
            forced = j < n and not _legal_after(p, units[j - 1])
            cost = cost0 + _line_cost(p, units, i, j, cap, used, fit, cell) + (FORCED_COST if forced else 0.0)
            if used > cap:
                cost += FORCED_COST  # a single unit wider than the line
            if j not in best or cost < best[j][0]:
                best[j] = (cost, i, line + 1, forced or used > cap)
    lines, j = [], n
    while j > 0:
        _, i, _, forced = best[j]
        lines.append((i, j, forced))
        j = i
    return lines[::-1]


def _add(fit: _Fit, p: Prepared, units: list[Unit], k: int, cell: float) -> int:
    """Add unit k to a line being measured; the cells the line takes if it ends there."""
    u = units[k]
    prev = units[k - 1] if k > 0 and fit.cells + fit.group > 0 else None
    if u.run >= 0:
        if prev is not None and prev.run == u.run and fit.group > 0:
            fit.group += prev.gap
            fit.inner += SPACE_WEIGHT if prev.gap > 0 else 1
        elif fit.group <= 0:
            fit.group_left = prev is not None
            fit.groups += 1
        fit.group += u.width
        fit.inner += u.inner
    else:
        if fit.group > 0:
            fit.cells += _group_cells(fit.group, fit.group_left + 1, cell)
            fit.group = 0.0
        fit.cells += u.cells
        fit.spots += u.spot
    hyphen = p.hyphens.get(u.end - 1)
    extra = hyphen.width if hyphen is not None and u.run >= 0 else 0.0
    open_cells = _group_cells(fit.group + extra, int(fit.group_left), cell) if fit.group > 0 else 0
    return fit.cells + open_cells


def _legal_after(p: Prepared, unit: Unit) -> bool:
    """May a line break after this unit?"""
    return unit.end >= len(p.atoms) or p.breakable[unit.end - 1]


def _fill(fit: _Fit, missing: int, cell: float, size: float, last_spot: bool) -> tuple[int, int, int]:
    """How a line's missing cells are made up: (into Latin groups, as blank cells after
    marks, left short)."""
    latin = min(missing, int(fit.inner * LATIN_FILL_EM * size / cell + 1e-6)) if fit.groups else 0
    blanks = min(missing - latin, fit.spots - int(last_spot))
    return latin, blanks, missing - latin - blanks


def _line_cost(p: Prepared, units: list[Unit], i: int, j: int, cap: int, used: int, fit: _Fit,
               cell: float) -> float:
    """Cost of a line of units [i, j)."""
    if j == len(units):
        ideographs = sum(1 for u in units[i:j] if u.run < 0 and not u.spot and p.atoms[u.start].punct is Punct.NONE)
        return ORPHAN_COST if ideographs == 1 and j - i <= 2 and i > 0 and fit.groups == 0 else 0.0
    latin, blanks, short = _fill(fit, max(0, cap - used), cell, p.atoms[units[i].start].size, units[j - 1].spot)
    hyphen = HYPHEN_COST if units[j - 1].end - 1 in p.hyphens else 0.0
    return LATIN_COST * latin + BLANK_COST * blanks + SHORT_COST * short + hyphen


def set_grid_paragraph(p: Prepared, measure: float, indent: float, align: str) -> tuple[SetLine, ...] | None:
    """The lines of a paragraph on the grid; None if no break sequence fits (the caller
    then sets it normally)."""
    if not p.atoms:
        return ()
    cell = max(a.size for a in p.atoms)
    cells = int(measure / cell + 1e-6)
    if cells < 1:
        return None
    lead = min(round(indent / cell), cells - 1)
    units = units_of(p, cell, cells)
    plan = break_grid(p, units, [cells - lead, cells], cell)
    if not plan:
        return None
    out = []
    for k, (i, j, forced) in enumerate(plan):
        start = lead if k == 0 else 0
        last = j == len(units)
        out.append(_set(p, units[i:j], cell, start, cells, last or align != "justify", forced))
    return tuple(out)


def _groups(units: list[Unit]) -> list[list[int]]:
    """Indices of the line's units, grouped: each Latin group together, each CJK unit alone."""
    out: list[list[int]] = []
    for k, u in enumerate(units):
        if u.run >= 0 and out and units[out[-1][-1]].run == u.run:
            out[-1].append(k)
        else:
            out.append([k])
    return out


def _set(p: Prepared, units: list[Unit], cell: float, start: int, cells: int, ragged: bool,
         forced: bool) -> SetLine:
    """Glyphs of one grid line (see module docstring)."""
    groups = _groups(units)
    size = p.atoms[units[0].start].size
    hyphen = None if units[-1].end >= len(p.atoms) else p.hyphens.get(units[-1].end - 1)
    hyphen = hyphen if units[-1].run >= 0 else None
    sizes = [_measure(p, units, g, k, len(groups), cell, hyphen) for k, g in enumerate(groups)]
    used = start + sum(c for c, _ in sizes)
    fit = _Fit(spots=sum(units[g[-1]].spot for g in groups), groups=sum(units[g[0]].run >= 0 for g in groups),
               inner=sum(inner for _, inner in sizes))
    latin, blanks, short = (0, 0, 0) if ragged else _fill(fit, max(0, cells - used), cell, size, units[-1].spot)
    extra_latin = _share(latin, [inner if units[g[0]].run >= 0 else 0 for g, (_, inner) in zip(groups, sizes)])
    blank_after = {k for k in [k for k, g in enumerate(groups[:-1]) if units[g[-1]].spot][::-1][:blanks]}
    glyphs: list[Glyph] = []
    x = start * cell
    for k, g in enumerate(groups):
        width = sizes[k][0] + extra_latin[k]
        if units[g[0]].run >= 0:
            glyphs.extend(_latin_glyphs(p, [units[m] for m in g], x, width * cell, k > 0, k < len(groups) - 1,
                                        hyphen if k == len(groups) - 1 else None))
        else:
            u = units[g[0]]
            for atom_index, offset in zip(range(u.start, u.end), u.offsets):
                a = p.atoms[atom_index]
                if a.scale != 1.0 and (k == len(groups) - 1 or (k == 0 and start == 0)):
                    a = Atom(**a.__dict__)  # a dash at the line's edge: drawn inside its cell
                    fit_dash(a, k == 0 and start == 0, k == len(groups) - 1)
                    offset += a.ink_off - p.atoms[atom_index].ink_off
                glyphs.append(Glyph(a.cluster, a.face.name, a.size, x + offset, a.scale, a.missing, a.emphasis,
                                    0 if a.missing else a.face.gid(a.cluster)))
        x += (width + (k in blank_after)) * cell
    first, end = units[0].start, units[-1].end
    return SetLine(tuple(glyphs), x, cells * cell, not ragged and short == 0, first, end, forced)


def _share(total: int, weights: list[int]) -> list[int]:
    """``total`` whole cells shared in proportion to ``weights`` (largest remainders first)."""
    whole = sum(weights)
    if not total or not whole:
        return [0] * len(weights)
    exact = [total * w / whole for w in weights]
    out = [math.floor(e) for e in exact]
    for k in sorted(range(len(weights)), key=lambda k: out[k] - exact[k])[:total - sum(out)]:
        out[k] += 1
    return out


def _measure(p: Prepared, units: list[Unit], group: list[int], k: int, count: int, cell: float,
             hyphen: Atom | None) -> tuple[int, int]:
    """Cells of one group of a line, and its inner gaps (Latin groups only)."""
    first = units[group[0]]
    if first.run < 0:
        return first.cells, 0
    width = sum(units[m].width for m in group) + sum(units[m].gap for m in group[:-1])
    if k == count - 1 and hyphen is not None:
        width += hyphen.width
    inner = sum(units[m].inner for m in group) + sum(SPACE_WEIGHT if units[m].gap > 0 else 1 for m in group[:-1])
    return _group_cells(width, (k > 0) + (k < count - 1), cell), inner


def _latin_glyphs(p: Prepared, pieces: list[Unit], x: float, room: float, left: bool, right: bool,
                  hyphen: Atom | None) -> list[Glyph]:
    """A Latin group's glyphs in ``room`` pt from ``x``: ⅛ em beside an ideograph, the rest
    of its cells spread over the gaps inside it (centred when it has none)."""
    atoms = [k for u in pieces for k in range(u.start, u.end)]
    size = p.atoms[atoms[0]].size
    natural = sum(p.atoms[k].width for k in atoms) + sum(p.gaps[k] for k in atoms[:-1])
    natural += hyphen.width if hyphen is not None else 0.0
    sides = MIN_SIDE_EM * size * (left + right)
    inner = [k for k in atoms[:-1] if not p.joins[k] and p.letters[k] and not p.atoms[k].ch.isdigit()]
    slack = max(0.0, room - natural - sides)
    spaces = [k for k in atoms[:-1] if p.kinds[k] == "space"]
    widen = min(slack / len(spaces), WORD_SPACE_EM * size) if spaces else 0.0  # word spaces first
    slack -= widen * len(spaces)
    share = min(slack / len(inner), LETTER_SPACE_EM * size) if inner else 0.0
    rest = slack - share * len(inner)  # what the letters do not take goes beside the group
    pos = x + (MIN_SIDE_EM * size if left else 0.0) + (rest / 2 if left and right else rest if left else 0.0)
    glyphs: list[Glyph] = []
    for k in atoms:
        a = p.atoms[k]
        glyphs.append(Glyph(a.cluster, a.face.name, a.size, pos - a.left + a.ink_off, a.scale, a.missing, a.emphasis,
                            0 if a.missing else a.face.gid(a.cluster)))
        pos += a.width
        if k != atoms[-1]:
            if p.kinds[k] == "space" and p.gaps[k] > 0 and a.face.has(" "):
                # keeps the word space in copied text
                glyphs.append(Glyph(" ", a.face.name, a.size, pos, gid=a.face.gid(" ")))
            pos += p.gaps[k] + (share if k in inner else widen if k in spaces else 0.0)
    if hyphen is not None:
        glyphs.append(Glyph(hyphen.ch, hyphen.face.name, hyphen.size, pos, hyphen.scale,
                            gid=0 if hyphen.missing else hyphen.face.gid(hyphen.ch)))
    return glyphs
