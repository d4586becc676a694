"""Strict character grid (字格): every body line made of whole cells of one em.

In:  a ``Prepared`` paragraph, the column measure and the first-line indent (pt).
Out: ``SetLine``s in which every ideograph and full-width mark starts at a whole
     number of cells from the column edge, as in a Founder or InDesign frame grid.

How the text is fitted to cells:

- An ideograph or a full-width mark takes one cell (with its combining marks, if
  any). Two adjacent marks take two cells: drawn tight (1.5 em, as in running text)
  with ¼ em of the ½ em they give up between them and ¼ em after them (so no white of
  a whole cell is left after the pair, and 。” still closes on its text), and the next
  ideograph is back on the grid — unless the second opens (；（ ，《 ”（ 。“): that one is drawn in its own cell,
  so that no blank is left inside the bracket, and a closing first mark stays against the
  text it closes (the pair's white between the two marks); any other first mark is moved
  ¼ em towards the second, so the blanks before and between them are balanced.
- Latin words, numbers and URLs are cut into pieces at their break points (word
  spaces, hyphenation points, URL and number breaks: ``wordbreak``). The pieces
  that share a line form one group, which takes the fewest whole cells that hold
  it with ⅛ em (at the least 1/16 em, where that saves a cell) beside an ideograph;
  against a mark it sits tight, as in running text (《Scratch》, ，2026: the mark's
  own blank half is the space), and flush with the column's edge. The remainder of
  its last cell is spread inside the group (word spaces up to ½ em wider, then up to
  0.05 em between letters) and the rest beside it: on its ideograph sides (parted
  between them), else on a mark's blank side, and parted between both sides where
  one side alone would open ¾ em or more, so the group ends on the grid. A piece
  wider than the column is cut where it overflows (a forced break, reported).
- A line holds exactly its cells. A line that would be short gets its missing cells
  inside its Latin groups (word spaces, then at most 0.05 em per letter gap; digits of
  a number are never spaced apart); no blank cell is added after a mark (its blank
  half and the cell would leave a hole of 1½ em), so a line still short is left short
  (ragged, every ideograph still on the grid; reported as not justified).

Line breaks are chosen by dynamic programming over the pieces: exact lines cost
nothing, spreading a group a little, a short line a lot (by the square of its missing
cells, so that cells a paragraph cannot fill are spread over lines, not heaped on one),
a hyphen a little and a 孤字 last line most.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from layout.frame import Glyph
from layout.text.line import SetLine, fit_dash
from layout.text.prepare import FULL, Atom, Prepared
from layout.text.punct import Punct
from layout.text.script import is_cjk

_SPOTS = (Punct.CLOSE, Punct.PAUSE, Punct.STOP)
MIN_SIDE_EM = 0.125  # least blank between a Latin group and an ideograph
TIGHT_SIDE_EM = 0.0625  # ... which may close to this rather than take one more cell (a hole of nearly 1 em)
PAIR_SHIFT_EM = 0.25  # the second mark of a tight pair (。” ”，) sits this much after the first
MARK_MOVE_EM = 0.45  # a mark whose ink faces a Latin group moves this far at most into the group's white
PAIR_MOVE_EM = 0.2  # ... a tight pair of marks (》，), which already has ¾ em of white after it, this far
HOLE_EM = 0.75  # white on one side of a Latin group past this is parted between both its sides
LATIN_FILL_EM = 0.05  # the most a missing cell may add per gap inside a Latin group
LETTER_SPACE_EM = 0.05  # the most a Latin group is letter-spaced; the rest of its cells goes beside it
WORD_SPACE_EM = 0.5  # the most a word space inside a Latin group is widened (before its letters are spaced)
SPACE_WEIGHT = round(WORD_SPACE_EM / LATIN_FILL_EM)  # a word space takes as much fill as this many letter gaps
LATIN_COST = 150.0  # per cell spread into Latin groups
BLANK_COST = 400.0  # per blank cell after a mark
SHORT_COST = 4000.0  # per missing cell of a short line
HYPHEN_COST = 150.0
FORCED_COST = 1e7
ORPHAN_COST = 20000.0  # a 孤字 last line: worse than a line two cells short (4 x SHORT_COST), not three


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
            if b.punct is Punct.OPEN:  # each in its cell: the opening mark's ink meets what it opens,
                # a closing mark (。“ ，《 ；（) stays against its own text, the pair's white between them
                closes = a.punct in _SPOTS or a.keep_blank
                shift = 0.0 if closes else a.trim_right_max / 2  # （“: ¼ em, the blank balanced
                out.append(Unit(i, i + 2, 2, (a.ink_off + shift, cell + b.ink_off), False))
            else:  # the first as in running text (。 and ” stay against what they close), the second
                # ¼ em into the ½ em the pair gives up, so the white after the pair stays under one cell
                second = a.box - a.right - b.left + b.ink_off + PAIR_SHIFT_EM * cell
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
    """Cells a Latin group of ``width`` pt takes with ``sides`` sides of ⅛ em (or, where
    that saves a cell, of at least TIGHT_SIDE_EM)."""
    return max(1, math.ceil(width / cell + sides * TIGHT_SIDE_EM - 1e-6))


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
            fit.group_left = prev is not None and _side(p, prev, True) == "ideo"
            fit.groups += 1
        fit.group += u.width
        fit.inner += u.inner
    else:
        if fit.group > 0:
            fit.cells += _group_cells(fit.group, fit.group_left + (_side(p, u, False) == "ideo"), cell)
            fit.group = 0.0
        fit.cells += u.cells
        fit.spots += u.spot
    hyphen = p.hyphens.get(u.end - 1)
    extra = hyphen.width if hyphen is not None and u.run >= 0 else 0.0
    open_cells = _group_cells(fit.group + extra, int(fit.group_left), cell) if fit.group > 0 else 0
    return fit.cells + open_cells


def _side(p: Prepared, unit: Unit | None, before: bool) -> str:
    """What a Latin group meets on one side: the neighbouring CJK ``unit`` (None: the
    line's edge), which comes ``before`` the group or after it. "ideo" an ideograph
    (⅛ em between, clreq); "blank" a mark whose blank half faces the group (，2026 or
    2026（: that blank is the space); "ink" a mark whose ink faces it (（Scratch）: set
    tight, as in running text); "edge" the column's edge."""
    if unit is None:
        return "edge"
    a = p.atoms[unit.end - 1] if before else p.atoms[unit.start]
    if a.punct is Punct.NONE:
        return "ideo"
    faces = (Punct.CLOSE, Punct.PAUSE, Punct.STOP) if before else (Punct.OPEN,)
    return "blank" if a.punct in faces else "ink"


def _legal_after(p: Prepared, unit: Unit) -> bool:
    """May a line break after this unit?"""
    return unit.end >= len(p.atoms) or p.breakable[unit.end - 1]


def _fill(fit: _Fit, missing: int, cell: float, size: float, last_spot: bool) -> tuple[int, int, int]:
    """How a line's missing cells are made up: (into Latin groups, as blank cells after
    marks, left short)."""
    latin = min(missing, int(fit.inner * LATIN_FILL_EM * size / cell + 1e-6)) if fit.groups else 0
    return latin, 0, missing - latin  # a blank cell after a mark would leave a hole of 1½ em


def _line_cost(p: Prepared, units: list[Unit], i: int, j: int, cap: int, used: int, fit: _Fit,
               cell: float) -> float:
    """Cost of a line of units [i, j)."""
    if j == len(units):
        ideographs = sum(1 for u in units[i:j] if u.run < 0 and not u.spot and p.atoms[u.start].punct is Punct.NONE)
        return ORPHAN_COST if ideographs == 1 and j - i <= 2 and i > 0 and fit.groups == 0 else 0.0
    latin, blanks, short = _fill(fit, max(0, cap - used), cell, p.atoms[units[i].start].size, units[j - 1].spot)
    hyphen = HYPHEN_COST if units[j - 1].end - 1 in p.hyphens else 0.0
    return LATIN_COST * latin + BLANK_COST * blanks + SHORT_COST * short * short + hyphen  # short: squared


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
    sides = [(_side(p, units[g[0] - 1] if k else None, True), _side(p, units[g[-1] + 1] if k < len(groups) - 1
                                                                     else None, False)) for k, g in enumerate(groups)]
    sizes = [_measure(p, units, g, sides[k], cell, hyphen if k == len(groups) - 1 else None)
             for k, g in enumerate(groups)]
    used = start + sum(c for c, _ in sizes)
    fit = _Fit(spots=sum(units[g[-1]].spot for g in groups), groups=sum(units[g[0]].run >= 0 for g in groups),
               inner=sum(inner for _, inner in sizes))
    latin, blanks, short = (0, 0, 0) if ragged else _fill(fit, max(0, cells - used), cell, size, units[-1].spot)
    extra_latin = _share(latin, [inner if units[g[0]].run >= 0 else 0 for g, (_, inner) in zip(groups, sizes)])
    blank_after = {k for k in [k for k, g in enumerate(groups[:-1]) if units[g[-1]].spot][::-1][:blanks]}
    glyphs: list[Glyph] = []
    x = start * cell
    pull = 0.0  # how far the next mark moves left, into the white a Latin group left before it
    tail = 0.0  # white a Latin group that ends the line leaves after its last glyph (pt)
    for k, g in enumerate(groups):
        width = sizes[k][0] + extra_latin[k]
        if units[g[0]].run >= 0:
            words, before, after = _latin_glyphs(p, [units[m] for m in g], x, width * cell, sides[k],
                                                 hyphen if k == len(groups) - 1 else None)
            if sides[k][0] == "ink" and glyphs:  # （ moves right to meet the word: the white goes outside
                moved = min(before, MARK_MOVE_EM * size)
                glyphs[-1] = replace(glyphs[-1], x=glyphs[-1].x + moved)
                if sides[k][1] == "edge":  # what the mark cannot take goes to the line's end
                    words = [replace(q, x=q.x - (before - moved)) for q in words]
            last_mark = k + 2 == len(groups)  # the mark ends the line: its white after is the margin
            pull = min(after, size if last_mark else MARK_MOVE_EM * size) if sides[k][1] == "ink" else 0.0
            tail = after if k == len(groups) - 1 else 0.0
            glyphs.extend(words)
        else:
            u = units[g[0]]
            pull = pull if u.end - u.start == 1 or k + 1 == len(groups) else min(pull, PAIR_MOVE_EM * size)
            for atom_index, offset in zip(range(u.start, u.end), u.offsets):
                a = p.atoms[atom_index]
                if a.scale != 1.0 and (k == len(groups) - 1 or (k == 0 and start == 0)):
                    a = Atom(**a.__dict__)  # a dash at the line's edge: drawn inside its cell
                    fit_dash(a, k == 0 and start == 0, k == len(groups) - 1)
                    offset += a.ink_off - p.atoms[atom_index].ink_off
                glyphs.append(Glyph(a.cluster, a.face.name, a.size, x + offset - pull, a.scale, a.missing,
                                    a.emphasis, 0 if a.missing else a.face.gid(a.cluster)))
            pull = 0.0
        x += (width + (k in blank_after)) * cell
    first, end = units[0].start, units[-1].end
    end_x = x - tail  # where the last glyph's box ends: a Latin group's white after it is not its box
    return SetLine(tuple(glyphs), end_x, cells * cell, not ragged and short == 0, first, end, forced)


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


def _measure(p: Prepared, units: list[Unit], group: list[int], sides: tuple[str, str], cell: float,
             hyphen: Atom | None) -> tuple[int, int]:
    """Cells of one group of a line, and its inner gaps (Latin groups only); ``sides`` what
    it meets left and right (``_side``), ``hyphen`` the hyphen that ends it, if any."""
    first = units[group[0]]
    if first.run < 0:
        return first.cells, 0
    width = sum(units[m].width for m in group) + sum(units[m].gap for m in group[:-1])
    if hyphen is not None:
        width += hyphen.width
    inner = sum(units[m].inner for m in group) + sum(SPACE_WEIGHT if units[m].gap > 0 else 1 for m in group[:-1])
    return _group_cells(width, sides.count("ideo"), cell), inner


def _rest_left(sides: tuple[str, str]) -> float:
    """The part of a Latin group's leftover white that goes before it: to the sides that
    meet an ideograph; failing that, to a mark whose ink faces it (the mark then moves
    into that white, so （Blender 4.1） hugs its word and the white is outside); failing
    that, after it at the line's end (a cell's tail, like a line-end comma's blank half);
    failing that, to a mark's blank side (、 before a word that starts a hyphenated line
    end); alone on a line, after it."""
    for wanted in ("ideo", "ink"):
        left, right = sides[0] == wanted, sides[1] == wanted
        if left or right:
            return 0.5 if left and right else float(left)
    if sides[1] == "edge":
        return 0.0
    return 1.0 if sides[0] == "blank" else 0.0


def _latin_glyphs(p: Prepared, pieces: list[Unit], x: float, room: float, sides: tuple[str, str],
                  hyphen: Atom | None) -> tuple[list[Glyph], float, float]:
    """A Latin group's glyphs in ``room`` pt from ``x``: ⅛ em beside an ideograph, tight
    against a mark, flush with the column's edge; the rest of its cells spread over the
    gaps inside it, and what they do not take beside it (``_rest_left``). Returns the
    glyphs and the white left before and after the group (its ⅛-em sides not counted)."""
    atoms = [k for u in pieces for k in range(u.start, u.end)]
    size = p.atoms[atoms[0]].size
    natural = sum(p.atoms[k].width for k in atoms) + sum(p.gaps[k] for k in atoms[:-1])
    natural += hyphen.width if hyphen is not None else 0.0
    left, right = (side == "ideo" for side in sides)
    side = min(MIN_SIDE_EM * size, (room - natural) / (left + right)) if left or right else 0.0
    margins = side * (left + right)
    inner = [k for k in atoms[:-1] if not p.joins[k] and p.letters[k] and not p.atoms[k].ch.isdigit()]
    slack = max(0.0, room - natural - margins)
    spaces = [k for k in atoms[:-1] if p.kinds[k] == "space"]
    widen = min(slack / len(spaces), WORD_SPACE_EM * size) if spaces else 0.0  # word spaces first
    slack -= widen * len(spaces)
    share = min(slack / len(inner), LETTER_SPACE_EM * size) if inner else 0.0
    rest = slack - share * len(inner)  # what the letters do not take goes beside the group
    share_left = _rest_left(sides)
    if share_left in (0.0, 1.0) and "edge" not in sides and rest + MIN_SIDE_EM * size > HOLE_EM * size:
        share_left = 0.5  # one side would open a hole: the white is parted between both sides
    elif share_left == 1.0 and sides[1] == "edge" and rest + side > HOLE_EM * size:
        share_left = (HOLE_EM * size - side) / rest  # at a line's end, what passes ¾ em goes after the group
    pos = x + (side if left else 0.0) + rest * share_left
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
    return glyphs, rest * share_left, rest * (1.0 - share_left)
