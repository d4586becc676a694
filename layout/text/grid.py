"""Strict character grid (字格): every body line made of whole cells of one em.

In:  a ``Prepared`` paragraph, the column measure and the first-line indent (pt).
Out: ``SetLine``s in which every ideograph and full-width mark starts at a whole
     number of cells from the column edge, as in a Founder or InDesign frame grid.

How the text is fitted to cells: ``grid_units``.

Line breaks are chosen by dynamic programming over the pieces: exact lines cost
nothing, spreading a group a little, a line a cell too long set whole by its marks a
little more (a pair of closing marks in one cell, or two marks ½ em each with the units
between them ½ em off the grid: ``grid_marks.half_pair``), a short line a lot (a price per line, so
that lines left short are few, more for a paragraph's first line, and the square of its
missing cells, so that no line is left gaping: two lines a cell short cost as much as one
two cells short), a hyphen a little and a 孤字 last line most. A line still short (not a
paragraph's last) is justified off the grid on that line only (``grid_justify``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from layout.frame import Glyph
from layout.text.candidates import address_ends
from layout.text.grid_justify import HalfLine, Laid, OffGridLine, WhiteLine, justify, widest_white
from layout.text.grid_latin import LETTER_SPACE_EM, inside_gaps, latin_glyphs, latin_paragraph, tight_letters
from layout.text.grid_marks import half_pair
from layout.text.grid_units import (
    SPACE_WEIGHT,
    Unit,
    allot,
    fill_room,
    group_cells,
    group_inner,
    hug,
    measure_group,
    side,
    side_room,
    space_after,
    spare_cells,
    spreads,
    u_size,
    units_of,
)
from layout.text.ladder import unit_word, unladder
from layout.text.line import SetLine, after, fit_dash
from layout.text.prepare import Atom, Prepared
from layout.text.punct import Punct
from layout.text.wordbreak import URL_MARK_AFTER

MARK_MOVE_EM = 0.45  # an opening mark that starts a line moves this far at most into the white of the Latin
# group its ink faces (a closing mark that ends a line: a full em, its white after is the margin)
HUG_WHITE_EM = 0.55  # a mark set against a word (``hug``) leaves at most this after its half em: no cell of white
HUG_AIR_EM = 0.25  # ... and at least this, where its word's cells leave it that much (a full mark's white)
HUG_MIN_EM = 0.5  # ... before a CJK cell, its cells hold this after its half (a full mark's em, not a half one)
# where the word follows an ideograph, whose side takes the white that leaves, or has word spaces (letter gaps)
# that take ½ em; else (2026，at a line's start) as before
PAIR_MOVE_EM = 0.15  # ... a mark inside a line this far: the white it leaves on its other side grows as much
LATIN_COST = 150.0  # per cell spread into Latin groups
BLANK_COST = 400.0  # per blank cell after a mark
SHORT_COST = 4000.0  # per missing cell of a line justified off the grid; squared for one left short or gaping
SHORT_LINE_COST = 16000.0  # per short line: one line two cells short rather than two a cell short each
HYPHEN_COST = 150.0
LAST_HYPHEN_COST = 2 * SHORT_LINE_COST  # a short word's last-resort hyphen (Na-|ture): dearer than a line 2 cells short
COMPOUND_COST = 1e6  # a hyphen in a compound's part after its hard hyphen (Albuquerque-Ro-|drigues reads as a
# typo, ``wordbreak``): past any short or loose line, short of a forced break; one in its first part (Albu-|querque-)
# is priced as a short word's: tried dearer, it cost two loose lines of 0.43 and 0.60 em on a review's copy
CODE_COST = SHORT_LINE_COST + 9 * SHORT_COST  # a code's or number's break (after its hyphen or separator, reported):
# where keeping it whole leaves a hole of more than 3 cells (a gaping short line's price is by its square)
FORCED_COST = 1e7
LADDER_COST = SHORT_COST  # a hyphen past the house's ladder limit: a missing cell's price, less than a short line
ORPHAN_COST = 2 * SHORT_LINE_COST + 5 * SHORT_COST  # a 孤字 last line: worse than two lines a cell short
SQUEEZE_COST = 500.0  # per pair of marks set in one cell (。”他): far less than a short line

SPREAD_COST = 200000.0  # per em² a short line's gaps open past LOOSE_EM when it is justified off the grid
LOOSE_EM = 0.25  # (the default loose limit)
MAX_SPREAD_EM = 0.75  # ... and past this (grid_justify.MAX_GAP_EM) it is left short:
STUCK_COST = SHORT_LINE_COST

FIRST_SHORT_COST = 1000.0  # a paragraph's indented first line left short reads as a head or a one-line paragraph
LATE_SHORT_COST = 1e-3  # per unit a short line ends before the paragraph's end: of equal sequences, the
# one whose short line comes last


@dataclass
class _Fit:
    """Cells of a line's units, measured as the line grows."""

    cells: int = 0  # cells of the CJK units and of closed Latin groups
    group: float = 0.0  # width of the open Latin group (pt)
    group_left: bool = False  # the open group follows an ideograph on this line
    group_digits: bool = True  # the open group is a number
    group_code: bool = False  # ... a code of letters and digits (``Unit.code``)
    inner: int = 0  # gaps inside the open and closed Latin groups
    spots: int = 0
    groups: int = 0
    group_inner: int = 0  # gaps inside the open group
    group_room: float = 0.0  # white (pt) the open group may take before it (``side_room``)
    spare: int = 0  # cells more the closed groups can take (``spare_cells``)
    open_spare: int = 0  # ... and the open group, if the line ends with it
    squeeze: int = 0  # cells its pairs of marks may give up (``Unit.squeeze``)
    cjk: int = 0  # CJK units (cells of ideographs and marks; two sharing a cell count once)
    word_spaces: int = 0  # word spaces inside its Latin groups
    ideo_sides: int = 0  # sides of its closed Latin groups that meet an ideograph
    hug_air: int = 0  # cells a mark set against a word (``hug``) added for HUG_MIN_EM: none if it ends the line


def break_grid(p: Prepared, units: list[Unit], capacity: list[int], cell: float,
               banned: frozenset[int] = frozenset()) -> tuple[float, list[tuple[int, int, bool]]]:
    """Lines as unit ranges [i, j) with a flag for a forced break, and their total cost;
    ``capacity[k]`` is the number of cells of line k (the first is shorter by the indent).
    No line ends at a hyphen of a word in ``banned`` (``ladder``)."""
    n = len(units)
    best: dict[int, tuple[float, int, int, bool]] = {0: (0.0, -1, 0, False)}  # cost, from, line, forced
    for i in range(n):
        if i not in best:
            continue
        cost0, _, line, _ = best[i]
        cap = capacity[min(line, len(capacity) - 1)]
        fit = _Fit()
        for j in range(i + 1, n + 1):
            used = _add(fit, p, units, j - 1, cell) - _trailing(p, units, j, cell)  # a typed space ending it
            over = used - fit.squeeze > cap + 1  # a cell more: two marks set ½ em (``grid_marks.half_pair``)
            if over and j - 1 > i:
                break
            forced = j < n and not _legal_after(p, units[j - 1])
            if banned and unit_word(p, units, j) in banned:
                continue
            own = _line_cost(p, units, i, j, cap, used, fit, line == 0)
            if math.isinf(own) and j - 1 > i:
                continue
            over = over or math.isinf(own)
            cost = cost0 + (0.0 if over else own) + (FORCED_COST if forced else 0.0)
            if over:
                cost += FORCED_COST  # a single unit wider than the line
            if j not in best or cost < best[j][0]:
                best[j] = (cost, i, line + 1, forced or over)
    if n not in best:
        return math.inf, []
    lines, j = [], n
    while j > 0:
        _, i, _, forced = best[j]
        lines.append((i, j, forced))
        j = i
    return best[n][0], lines[::-1]


def _add(fit: _Fit, p: Prepared, units: list[Unit], k: int, cell: float) -> int:
    """Add unit k to a line being measured; the cells the line takes if it ends there."""
    u = units[k]
    prev = units[k - 1] if k > 0 and fit.cells + fit.group > 0 else None
    if u.run >= 0:
        if prev is not None and prev.run == u.run and fit.group > 0:
            fit.group += prev.gap
            between = SPACE_WEIGHT if prev.gap > 0 else int(spreads(p, prev.end - 1))
            fit.word_spaces += prev.gap > 0
            fit.inner += between
            fit.group_inner += between
            fit.group_digits = fit.group_digits and u.digits and prev.gap <= 0
            fit.group_code = fit.group_code and u.code and prev.gap <= 0
        elif fit.group <= 0:
            fit.group = p.atoms[u.start].over_left if prev is None else 0.0  # ink past the edge stays inside
            fit.group_left = prev is not None and side(p, prev, True) == "ideo"
            fit.group_room = side_room(p, prev, True)
            fit.group_digits = u.digits
            fit.group_code = u.code
            fit.group_inner = 0
            fit.groups += 1
        fit.group += u.width
        fit.inner += u.inner
        fit.group_inner += u.inner
    else:
        mark = hug(p, units, k) if fit.group > 0 else 0.0  # 350km/h，: the mark shares the group's cells
        if fit.group > 0:
            sides = fit.group_left + (side(p, u, False) == "ideo")
            roomy = fit.group_left or fit.group_inner >= SPACE_WEIGHT  # (HUG_MIN_EM)
            air = HUG_MIN_EM * u_size(p, u) if mark and roomy and k + 1 < len(units) and units[k + 1].run < 0 else 0.0
            cells = group_cells(fit.group, sides, cell, fit.group_digits, mark + air, fit.group_code)
            fit.hug_air = cells - group_cells(fit.group, sides, cell, fit.group_digits, mark, fit.group_code)
            fit.cells += cells
            room = fill_room(fit.group_room + side_room(p, u, False), fit.group + mark + air, sides, cell,
                         fit.group_digits)
            fit.spare += spare_cells(fit.group + mark, cells - fit.hug_air, fit.group_inner, sides, room, cell,
                                     u_size(p, u))
            fit.ideo_sides += sides
            fit.group = 0.0
        fit.cells += 0 if mark else u.cells - (u.nests and prev is not None)  # ：“ on one line share a cell
        fit.cjk += not (u.nests and prev is not None)
        fit.squeeze += u.squeeze
        fit.spots += u.spot
    hyphen = p.hyphens.get(u.end - 1)
    extra = hyphen.width if hyphen is not None and u.run >= 0 else 0.0
    over = p.atoms[u.end - 1].over_right if not extra else 0.0  # ink past the edge stays inside
    open_cells = group_cells(fit.group + extra + over, int(fit.group_left), cell, fit.group_digits and not extra,
                             code=fit.group_code and not extra) \
        if fit.group > 0 else 0
    room = fill_room(fit.group_room, fit.group + extra + over, int(fit.group_left), cell,
                     fit.group_digits and not extra)
    fit.open_spare = spare_cells(fit.group + extra, open_cells, fit.group_inner, int(fit.group_left), room,
                            cell, u_size(p, u)) if fit.group > 0 else 0
    return fit.cells + open_cells - (fit.hug_air if u.run < 0 and fit.group <= 0 and hug(p, units, k) else 0)


def _trailing(p: Prepared, units: list[Unit], j: int, cell: float) -> int:
    """The cell of a typed space (``space_after``) after the last unit of a line [.., j) that
    is not the paragraph's last: a space at a break is dropped, as in running text."""
    return int(0 < j < len(units) and units[j - 1].run < 0 and bool(space_after(p, units[j - 1].end - 1, cell)))


def _legal_after(p: Prepared, unit: Unit) -> bool:
    """May a line break after this unit?"""
    return unit.end >= len(p.atoms) or p.breakable[unit.end - 1]


def _fill(fit: _Fit, missing: int) -> tuple[int, int, int]:
    """How a line's missing cells are made up: (into Latin groups, as blank cells after
    marks, left short)."""
    latin = min(missing, fit.spare + fit.open_spare) if fit.groups else 0
    return latin, 0, missing - latin  # a blank cell after a mark would leave a hole of 1½ em


def _line_cost(p: Prepared, units: list[Unit], i: int, j: int, cap: int, used: int, fit: _Fit,
               first: bool) -> float:
    """Cost of a line of units [i, j) (``first``: the paragraph's first line)."""
    squeezed = SQUEEZE_COST * min(fit.squeeze, max(0, used - cap))
    if used - cap > fit.squeeze:  # one cell more: two marks set ½ em each
        halves = half_pair(p, units[i:j]) if used - cap == fit.squeeze + 1 else None
        if halves is None:
            return math.inf
        squeezed += halves[0]
    if j == len(units):
        ideographs = sum(1 for u in units[i:j] if u.run < 0 and not u.spot and p.atoms[u.start].punct is Punct.NONE)
        return squeezed + (ORPHAN_COST if ideographs == 1 and i > 0 and fit.groups == 0 else 0.0)
    latin, blanks, short = _fill(fit, max(0, cap - used))
    hyphen = _break_price(p, units[j - 1].end - 1)
    ragged = 0.0
    if short:  # justified off the grid: by the line, so that few lines leave the grid; left short or gaping:
        # squared, no line left gaping; never first where another sequence as good puts it later
        spread = _spread_cost(fit, short)
        gaping = spread >= STUCK_COST or fit.cjk == 0  # left short, gaps past ~½ em, or a line of Latin only
        ragged = SHORT_LINE_COST + SHORT_COST * short * (short if gaping else 1) + FIRST_SHORT_COST * first
        ragged += LATE_SHORT_COST * (len(units) - j) + spread
    return LATIN_COST * latin + BLANK_COST * blanks + ragged + hyphen + squeezed


def _break_price(p: Prepared, end: int) -> float:
    """The price of a line ending after atom ``end``: a hyphen's, a last-resort hyphen's (a part of a
    compound, a short word: ``wordbreak``), a code's or grouped number's (after its hard hyphen or
    separator: ``CODE_COST``), after an address's . - _ (``candidates.address_ends``: a short line's), or nothing."""
    if p.atoms[end].ch in URL_MARK_AFTER and end in address_ends(p):
        return SHORT_LINE_COST
    if end in p.last_resort:
        if end not in p.hyphens:
            return CODE_COST
        return COMPOUND_COST if _in_compound(p, end) else LAST_HYPHEN_COST
    return HYPHEN_COST if end in p.hyphens else 0.0


def _in_compound(p: Prepared, end: int) -> bool:
    """Whether the letters up to atom ``end`` follow a hard hyphen after letters (Delacroix-Mont|gomery)."""
    k = end
    while k >= 0 and p.atoms[k].ch.isalpha():
        k -= 1
    return k > 0 and p.atoms[k].ch in "-\u2010" and p.atoms[k - 1].ch.isalpha()


def _spread_cost(fit: _Fit, short: int) -> float:
    """What justifying a line ``short`` cells short off the grid costs (``grid_justify``):
    its white shared by its gaps between CJK cells, beside its Latin groups and at its word
    spaces (never between the letters of a URL or number), by the square of each one's share
    past the loose limit; a line with too few gaps to take it within ¾ em each is left short."""
    if fit.cjk == 0:
        return 0.0  # a line of Latin words only: as before
    gaps = max(0, fit.cjk - 1) + fit.ideo_sides + fit.group_left * (fit.group > 0) + fit.word_spaces
    letters = max(0, fit.inner - SPACE_WEIGHT * fit.word_spaces)  # 0.1 em each at most (grid_latin)
    if short > gaps * MAX_SPREAD_EM + letters * LETTER_SPACE_EM:
        return STUCK_COST
    spread = short / (gaps + letters * LETTER_SPACE_EM / MAX_SPREAD_EM)
    return SPREAD_COST * max(0.0, spread - LOOSE_EM) ** 2


def set_grid_paragraph(p: Prepared, measure: float, indent: float, align: str,
                       ladder: int = 0) -> tuple[SetLine, ...] | None:
    """The lines of a paragraph on the grid, at most ``ladder`` hyphenated in a row (0: any;
    ``ladder.unladder``); None if no break sequence fits, or for an English paragraph
    (``latin_paragraph``): the caller then sets it as running text and reports it."""
    if not p.atoms:
        return ()
    if latin_paragraph(p):
        return None
    cell = max(a.size for a in p.atoms)
    cells = int(measure / cell + 1e-6)
    if cells < 1:
        return None
    lead = min(round(indent / cell), cells - 1)
    units = units_of(p, cell, cells)
    plan = unladder(lambda banned: break_grid(p, units, [cells - lead, cells], cell, banned),
                    lambda ln: unit_word(p, units, ln[1]), ladder, LADDER_COST)
    if not plan:
        return None
    out = []
    tight = tight_letters(p)  # off the grid, a URL, number or code is never letter-spaced
    hugged = [hug(p, units, k) for k in range(len(units))]
    for k, (i, j, forced) in enumerate(plan):
        start = lead if k == 0 else 0
        last = j == len(units)
        line = units[i:j]
        if _trailing(p, units, j, cell):  # the typed space's cell at the break goes
            line[-1] = replace(line[-1], cells=line[-1].cells - 1)
        out.append(_set(p, line, cell, start, cells, last or align != "justify", forced, tight, hugged[i:j]))
    if any(line.width > cells * cell + 1e-6 for line in out):
        return None  # a forced piece wider than its line (a long number opening the paragraph, beside the
        # indent): set off the grid, where a forced break cuts at the line's own measure, never past the edge
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
         forced: bool, tight: list[bool], hugged: list[float]) -> SetLine:
    """Glyphs of one grid line (see module docstring); ``tight`` the letter gaps a line
    justified off the grid may open (``grid_latin.tight_letters``), ``hugged`` the width of
    each unit that is a mark set against the Latin word before it (``hug``)."""
    groups = _groups(units)
    size = p.atoms[units[0].start].size
    hyphen = None if units[-1].end >= len(p.atoms) else p.hyphens.get(units[-1].end - 1)
    hyphen = hyphen if units[-1].run >= 0 else None
    sides = [(side(p, units[g[0] - 1] if k else None, True), side(p, units[g[-1] + 1] if k < len(groups) - 1
                                                                     else None, False)) for k, g in enumerate(groups)]
    rooms = [(side_room(p, units[g[0] - 1], True) if k else 0.0,
              side_room(p, units[g[-1] + 1], False) if k < len(groups) - 1 else 0.0) for k, g in enumerate(groups)]
    hugs = [hugged[g[0]] if k and units[groups[k - 1][0]].run >= 0 and units[g[0]].run < 0 else 0.0
            for k, g in enumerate(groups)] + [0.0]  # a mark set against the word before it (``hug``)
    hold = [h + HUG_MIN_EM * size if h and k < len(groups) - 1 and units[groups[k + 1][0]].run < 0
            and (sides[k - 1][0] == "ideo" or group_inner(p, units, groups[k - 1]) >= SPACE_WEIGHT) else h
            for k, h in enumerate(hugs)]  # its cells (HUG_MIN_EM)
    sides = [(left, "edge" if hugs[k + 1] else right) for k, (left, right) in enumerate(sides)]
    sizes = [(0, 0) if hugs[k] else measure_group(p, units, g, sides[k], rooms[k], cell,
                                             hyphen if k == len(groups) - 1 else None, hold[k + 1])
             for k, g in enumerate(groups)]
    nest = [k > 0 and units[g[0]].nests for k, g in enumerate(groups)]  # ：“ share a cell
    used = start + sum(c for c, _ in sizes) - sum(nest)
    over = max(0, used - cells)  # pairs of marks set in one cell (the last ones first)
    squeezed = set([k for k, g in enumerate(groups) if units[g[0]].squeeze][::-1][:over])
    halves = half_pair(p, units) if over > len(squeezed) else None
    half_at = {units[t].start for t in halves[1:]} if halves else set()
    fit = _Fit(spots=sum(units[g[-1]].spot for g in groups), groups=sum(units[g[0]].run >= 0 for g in groups),
               spare=sum(spare for _, spare in sizes))
    latin, blanks, short = (0, 0, 0) if ragged else _fill(fit, max(0, cells - used))
    extra_latin = allot(latin, [spare for _, spare in sizes])
    blank_after = {k for k in [k for k, g in enumerate(groups[:-1]) if units[g[-1]].spot][::-1][:blanks]}
    widths = [sizes[k][0] + extra_latin[k] - (k in squeezed) for k in range(len(groups))]  # cells

    def lay(takes: list[float], opens: list[float], loosen: list[float], spaced: Sequence[bool]) -> Laid:
        """The line's glyphs with ``takes[k]`` pt more room for Latin group k, ``opens[k]``
        pt of white before group k and ``loosen[k]`` pt more in each gap inside Latin group k
        (a line justified off the grid: ``grid_justify``)."""
        shift = 0.0  # ½ em from the first mark set ½ em to the second
        glyphs: list[Glyph] = []
        whites: list[tuple[float, float]] = []
        starts: list[int] = []
        x = start * cell
        pull = 0.0  # how far the next mark moves left, into the white a Latin group left before it
        tail = 0.0  # white a Latin group that ends the line leaves after its last glyph (pt)
        loose = 0.0  # the most a word space or letter gap was spread (em): looser than the limit is reported
        for k, g in enumerate(groups):
            x += opens[k]
            starts.append(len(glyphs))
            width = widths[k]
            before = after = 0.0
            if units[g[0]].run >= 0:
                words, before, after, spread, hug_x = latin_glyphs(
                    p, [a for m in g for a in range(units[m].start, units[m].end)], all(units[m].digits for m in g),
                    x + shift, width * cell + takes[k] - hold[k + 1], sides[k], rooms[k],
                    hyphen if k == len(groups) - 1 else None, loosen[k], spaced,
                    HUG_AIR_EM * size if hugs[k + 1] and k + 2 < len(groups) else 0.0, k == len(groups) - 1,
                    ragged and (k == len(groups) - 1 or (bool(hugs[k + 1]) and k + 2 == len(groups))))
                if sides[k][0] == "ink" and glyphs:  # （ moves right to meet the word: the white goes outside
                    paired = units[groups[k - 1][0]].end - units[groups[k - 1][0]].start == 2
                    # ：“ has its cell of white; a mark moved off its cell leaves that much more white on its
                    # other side: only one that starts the line moves far (its white before is the margin)
                    moved = 0.0 if paired else min(before, (MARK_MOVE_EM if k == 1 else PAIR_MOVE_EM) * size)
                    glyphs[-1] = glyphs[-1]._replace(x=glyphs[-1].x + moved)
                    if sides[k][1] == "edge":  # what the mark cannot take goes to the line's end
                        words = [q._replace(x=q.x - (before - moved)) for q in words]
                        hug_x -= before - moved
                last_mark = k + 2 == len(groups)  # the mark ends the line: its white after is the margin
                pull = min(after, size if last_mark else PAIR_MOVE_EM * size) if sides[k][1] == "ink" else 0.0
                tail = after if k == len(groups) - 1 else 0.0
                glyphs.extend(words)
                loose = max(loose, spread)
            elif hugs[k]:  # 350km/h，: the mark against the word's last glyph, in half an em of its cells
                a = p.atoms[units[g[0]].start]
                after = x + shift - hug_x - hugs[k]  # the white left after it, to the word's last cell's end
                away = max(0.0, after - HUG_WHITE_EM * size) if k + 1 < len(groups) else 0.0
                after -= away  # past a mark's own white, it stays between word and mark: no white of a cell
                glyphs.append(Glyph(a.cluster, a.face.name, a.size, hug_x + away + a.ink_off - a.left, a.scale,
                                    a.missing, a.emphasis, 0 if a.missing else a.face.gid(a.cluster)))
                # (at the line's end its blank, as a mark's there: its box ends at the edge)
            else:
                u = units[g[0]]
                if nest[k]:  # the opening mark's ink in the right half of the last cell of the mark before it
                    x -= cell
                    if p.atoms[u.start - 1].punct is Punct.OPEN:  # “‘ 《〈: the first one's ink to the left half
                        glyphs[-1] = glyphs[-1]._replace(x=glyphs[-1].x - cell / 2)
                pull = pull if u.end - u.start == 1 or k + 1 == len(groups) else min(pull, PAIR_MOVE_EM * size)
                offsets = (u.offsets[0], u.offsets[1] - cell / 2) if k in squeezed else u.offsets  # 。”: tight
                opening = p.atoms[u.start].punct is Punct.OPEN
                shift -= cell / 2 if u.start in half_at and opening else 0.0  # its blank half before it goes
                for atom_index, offset in zip(range(u.start, u.end), offsets):
                    a = p.atoms[atom_index]
                    if a.scale != 1.0 and (k == len(groups) - 1 or (k == 0 and start == 0)):
                        a = Atom(**a.__dict__)  # a dash at the line's edge: drawn inside its cell
                        fit_dash(a, k == 0 and start == 0, k == len(groups) - 1)
                        offset += a.ink_off - p.atoms[atom_index].ink_off
                    glyphs.append(Glyph(a.cluster, a.face.name, a.size, x + offset - pull + shift, a.scale, a.missing,
                                        a.emphasis, 0 if a.missing else a.face.gid(a.cluster)))
                shift -= cell / 2 if u.start in half_at and not opening else 0.0  # ... or after it
                pull = 0.0
            whites.append((before, after))
            x += (width + (k in blank_after)) * cell + takes[k]
            x += loosen[k] * inside_gaps(units, g, spaced) if loosen[k] else 0.0
        return Laid(glyphs, x + shift - tail, tail, loose, whites, starts)

    none = [0.0] * len(groups)
    laid = lay(none, none, none, tight)
    first, end = units[0].start, units[-1].end
    if short:  # a line the grid cannot fill: justified off the grid (this line only)
        plan = justify(p, units, groups, nest, laid.whites, [w * cell - hold[k + 1] for k, w in enumerate(widths)],
                       cells * cell - laid.end, hyphen, tight)
        if plan is not None:
            off, laid = laid.end, lay(plan.takes, plan.opens, plan.loosen or none, plan.spaced or tight)
            return OffGridLine(tuple(laid.glyphs), laid.end, cells * cell, True, first, end, forced,
                               max(laid.loose, plan.spread_em), hyphen is not None, after=after(p, end),
                               off_em=(cells * cell - off) / size)
    # where the last glyph's box ends (a Latin group's white after it is not its box; a typed space's cell
    # at the break was taken off its unit: ``_trailing``)
    a = p.atoms[units[-1].start]  # a mark set against a word ending a short line: to its half's end
    ends = min(laid.glyphs[-1].x - a.ink_off + a.left + hugs[-2], cells * cell) if hugs[-2] else 0.0
    line = SetLine(tuple(laid.glyphs), ends or laid.end, cells * cell,
                   not ragged and not short, first, end, forced, laid.loose, hyphen is not None, after=after(p, end))
    white, word = widest_white(p, units, groups, sides, laid.whites, hyphen is not None)
    if white and not halves:  # white of ½ em or more beside a Latin group: reported
        return WhiteLine(**line.__dict__, word=word, white_em=white)
    if halves:  # two marks set ½ em, the units between them ½ em off the grid: reported
        marks = "".join(p.atoms[units[t].start].ch for t in halves[1:])
        between = sum(units[t].end - units[t].start for t in range(halves[1] + 1, halves[2]))
        return HalfLine(**line.__dict__, marks=marks, displaced=between)
    return line
