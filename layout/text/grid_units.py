"""Units of the character grid (字格): a paragraph cut into cells and Latin pieces, for ``grid``.

In:  a ``Prepared`` paragraph and the cell (pt).
Out: ``Unit``s: CJK units of whole cells with their glyph offsets, Latin pieces
     with their natural widths; and how many cells a Latin group takes.

How the text is fitted to cells:

- An ideograph or a full-width mark takes one cell (with its combining marks, if
  any). Two adjacent closing marks take two cells, each in its own: the white of the pair
  balanced, ½ em inside it and ½ em after it, as after any mark (a pair drawn tight
  would leave ¾ em before the next ideograph), which is on the grid; on a line a cell too
  long they may share one (``Unit.squeeze``). An opening mark after a mark (：“ 。“ ”（
  “‘ 《〈) is a unit of its own, so a line may break before it where the rules allow
  (说：|“); on one line with that mark it shares its cell, each ink in one half
  (``Unit.nests``), so that no white of a cell opens between their inks.
- Latin words, numbers and URLs are cut into pieces at their break points (word
  spaces, hyphenation points, URL and number breaks: ``wordbreak``). The pieces
  that share a line form one group, which takes the fewest whole cells that hold
  it with ⅛ em (at the least 1/16 em, where that saves a cell) beside an ideograph;
  against a mark it sits tight, as in running text (《Scratch》, ，2026: the mark's
  own blank half is the space), and flush with the column's edge. The remainder of
  its last cell is spread inside the group (word spaces up to ½ em wider, then up to
  0.1 em between letters, as a loose line of running text) and the rest beside it: on its ideograph sides (parted
  between them), else on a mark's blank side, and parted between both sides where
  one side alone would open ¾ em or more, so the group ends on the grid. A closing,
  pause or stop mark right after a group on its line is set against it in half an em
  and shares its cells (``hug``): the group's white then comes after the mark. A number
  (digits and . , : % - and the ratio sign ∶, drawn in half an em) takes the cells its
  figures fill at half width, narrowed (not
  below NUMBER_SCALE_MIN) where that saves a cell, with no side but its own: two digits
  in one cell, as 纵中横 sets them across a vertical line. A piece
  wider than the column is cut where it overflows (a forced break, reported).
- A line holds exactly its cells. A line that would be short gets its missing cells
  inside its Latin groups (word spaces, then at most 0.1 em per letter gap; digits of
  a number are never spaced apart) and beside them where they meet an ideograph, as
  long as no side opens ¾ em of white (``side_room``);
  no blank cell is added after a mark (its blank
  half and the cell would leave a hole of 1½ em), so a line still short is left short
  (ragged, every ideograph still on the grid; reported as not justified). A line a cell
  too long is fitted by its marks (``grid_marks.half_pair``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from layout.text.grid_latin import (
    CODE_SCALE_MIN,
    HOLE_EM,
    LETTER_SPACE_EM,
    MIN_SIDE_EM,
    WORD_SPACE_EM,
    advance,
    overhang,
)
from layout.text.prepare import FULL, Atom, Prepared, is_cjk_atom
from layout.text.punct import Punct
from layout.text.script import is_cjk

_SPOTS = (Punct.CLOSE, Punct.PAUSE, Punct.STOP)
TIGHT_SIDE_EM = 0.0625  # ... which may close to this rather than take one more cell (a hole of nearly 1 em)
PAIR_SHIFT_EM = 0.5  # the second mark of a pair (。” ”，) sits this much after the first: each in its cell,
# the white balanced (½ em inside the pair, ½ em after it, as after any mark), never ¾ em before the next ideograph
PAIR_INK_EM = 0.78  # ... but never more than this between the two marks' inks (the README's bound: 0.8 em)
NUMBER_SCALE_MIN = 0.86  # a number may be narrowed to this to take one cell fewer (12 in one cell, as 纵中横)
NUMBER_CHARS = frozenset("0123456789.,:%-∶")  # ∶ (U+2236): the ratio sign of a score, 3∶1 (GB/T 15834)
NUMBER_SIDE_EM = 0.5  # the most white beside a number (from an ideograph's box) when it takes a cell more
# to fill a line (``fill_room``)
LATIN_FILL_EM = LETTER_SPACE_EM  # the most a missing cell may add per gap inside a Latin group
SPACE_WEIGHT = round(WORD_SPACE_EM / LATIN_FILL_EM)  # a word space takes as much fill as this many letter gaps


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
    digits: bool = False  # the piece is (part of) a number: digits and . , : % - only
    code: bool = False  # the piece is a word or code of letters and digits (LNBSCU3H8PR123456, A20-7): narrowed
    # to CODE_SCALE_MIN at most where that saves a cell
    nests: bool = False  # an opening mark right after another mark (：“ 。“ ”（ “‘ 《〈): on one line the two
    # share a cell, each ink in its half (both blanks gone, as 开明 sets a pause mark before a quote)
    squeeze: int = 0  # cells a pair of marks (。” ？！ ”，) may give up on a line that needs it: set in one cell


def units_of(p: Prepared, cell: float, max_cells: int) -> list[Unit]:
    """Cut a paragraph into CJK units and Latin pieces (see module docstring)."""
    out: list[Unit] = []
    i, n, run = 0, len(p.atoms), 0
    while i < n:
        a = p.atoms[i]
        if not is_cjk_atom(a):
            j = i
            while j + 1 < n and not is_cjk_atom(p.atoms[j + 1]) and p.kinds[j] in ("none", "space"):
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
                # two units of a cell each, placed as the pair when they share a line: a line may break
                # between them where the rules allow it (说：|“), as running text does
                out.extend((Unit(i, i + 1, 1, (a.ink_off + shift,), False), Unit(i + 1, i + 2, 1, (b.ink_off,), False)))
            else:  # the first as in running text (。 and ” stay against what they close), the second
                # in its own cell: ½ em of white inside the pair and ½ em after it, never ¾ em
                out.append(Unit(i, i + 2, 2, (-a.left + a.ink_off, _second(a, b, cell)), False))
            i += 2
        else:
            end = _cluster_end(p, i)
            cells = max(1, round(a.box / cell)) + space_after(p, end - 1, cell)
            centre = (cells * cell - a.box) / 2 if cells == 1 else (cell - a.box) / 2
            marks = tuple(a.box + sum(b.box for b in p.atoms[i + 1:k]) for k in range(i + 1, end))
            offsets = tuple(o + a.ink_off + centre for o in (0.0, *marks))
            if out and a.punct in _SPOTS and end == i + 1 and _after_pair(p, out[-1], i):  # ’，” ），”: the third
                offsets = (offsets[0] - _third_white(p, out[-1], i, offsets[0], cell),)  # closing mark in a row
            out.append(Unit(i, end, cells, offsets, a.punct in _SPOTS))
            i = end
    return _marked(p, out)


def _second(a: Atom, b: Atom, cell: float) -> float:
    """Where the second of two closing marks (。” ，” ”，) is drawn, from the pair's left (pt):
    ``PAIR_SHIFT_EM`` after the first's ink half, moved left where the fonts' outlines would
    leave more than ``PAIR_INK_EM`` of white between the two inks (，” in a Song face: 0.85 em)."""
    first = -a.left + a.ink_off
    second = a.box - a.right - b.left + b.ink_off + PAIR_SHIFT_EM * cell
    ink_a, ink_b = a.face.ink_em(a.ch), b.face.ink_em(b.ch)
    if ink_a is None or ink_b is None:
        return second
    white = second + ink_b[0] * b.size * b.scale - (first + ink_a[1] * a.size * a.scale)
    return second - max(0.0, white - PAIR_INK_EM * cell)


def _after_pair(p: Prepared, before: Unit, i: int) -> bool:
    """Whether atom ``i`` (a closing mark) follows the pair of closing marks ``before`` (its unit
    of two, ``_second``) with no space between: the third closing mark of a run (’，” ），”)."""
    return (before.run < 0 and before.end == i and before.end - before.start == 2 and before.cells == 2
            and p.atoms[i - 1].punct in _SPOTS and p.kinds[i - 1] != "space")


def _third_white(p: Prepared, before: Unit, i: int, offset: float, cell: float) -> float:
    """How far (pt) the third closing mark of a run, drawn ``offset`` pt into its own cell, moves
    left so that no more than ``PAIR_INK_EM`` of white stands between its ink and that of the
    pair's second mark before it, as ``_second`` keeps inside a pair (，” after ’ in a Song face
    left 0.85 em, in a Kai face 0.90 em)."""
    b, c = p.atoms[i - 1], p.atoms[i]
    ink_b, ink_c = b.face.ink_em(b.ch), c.face.ink_em(c.ch)
    if ink_b is None or ink_c is None:
        return 0.0
    white = 2 * cell + offset + ink_c[0] * c.size * c.scale - (before.offsets[1] + ink_b[1] * b.size * b.scale)
    return max(0.0, white - PAIR_INK_EM * cell)


def _marked(p: Prepared, units: list[Unit]) -> list[Unit]:
    """The units with ``nests`` and ``squeeze`` set (see ``Unit``), for mainland marks only:
    their ink stands in one half of the em and the other half is a blank that may go
    (``Atom.trim_left_max``/``trim_right_max`` of ½ em), never one that carries a typed space.
    In a run of marks (。“‘ ”“《〈) the opening marks share cells from the text they open
    backwards, two by two (。 “‘ and ”“ 《〈), so no mark's ink meets another's; a pair of
    marks followed by one that nests in its cell is not squeezed as well."""
    out = list(units)
    for k in range(len(out) - 1, 0, -1):
        if _may_nest(p, out[k - 1], out[k]) and not (k + 1 < len(out) and out[k + 1].nests):
            out[k] = replace(out[k], nests=True)
    for k, u in enumerate(out):
        if u.run < 0 and u.cells == 2 and u.end - u.start == 2 and not (k + 1 < len(out) and out[k + 1].nests):
            a, b = p.atoms[u.start], p.atoms[u.start + 1]  # a pair of marks: 。” ？！ ”，
            if all(m.punct in _SPOTS and m.trim_right_max >= 0.45 * m.size and not m.keep_blank for m in (a, b)):
                out[k] = replace(u, squeeze=1)
    return out


def _may_nest(p: Prepared, before: Unit, u: Unit) -> bool:
    """May the single opening mark ``u`` share the last cell of the mark unit ``before`` it?"""
    if u.run >= 0 or before.run >= 0 or u.end - u.start != 1 or before.end != u.start:
        return False
    a, b = p.atoms[u.start - 1], p.atoms[u.start]
    if b.punct is not Punct.OPEN or b.trim_left_max < 0.45 * b.size or a.keep_blank or b.keep_blank:
        return False
    ink_left = a.punct in _SPOTS and a.trim_right_max >= 0.45 * a.size
    ink_right = a.punct is Punct.OPEN and a.trim_left_max >= 0.45 * a.size and before.end - before.start == 1
    return p.kinds[u.start - 1] != "space" and (ink_left or ink_right)


def _cluster_end(p: Prepared, i: int) -> int:
    """End of the grapheme cluster that starts at atom i (its combining marks, the rest of
    an emoji sequence): one unit, never split between lines."""
    end = i + 1
    while end < len(p.atoms) and p.joins[end - 1]:
        end += 1
    return end


def space_after(p: Prepared, i: int, cell: float) -> int:
    """A typed word space between two Chinese characters (记者 王琼梅) takes a cell of its own."""
    return int(i + 1 < len(p.atoms) and p.kinds[i] == "space" and p.gaps[i] > 0.25 * cell
               and is_cjk(p.atoms[i + 1].ch))


def _code_char(ch: str) -> bool:
    """May ``ch`` stand in a word or code that is narrowed to take a cell fewer (``Unit.code``)?"""
    return ch.isalpha() or (ch.isascii() and (ch.isalnum() or ch in "-_./"))


def _pieces(p: Prepared, start: int, end: int, run: int, widest: float) -> list[Unit]:
    """A Latin run cut at its break points; a piece wider than ``widest`` pt is cut where
    it overflows, a word or code narrowed to CODE_SCALE_MIN (the cut is no legal break: the breaker takes it
    only when forced)."""
    out: list[Unit] = []
    i = start
    codes = all(_code_char(p.atoms[k].ch) for k in range(start, end))
    fits = widest / CODE_SCALE_MIN if codes else widest  # a word or code narrowed (``grid_latin._code``)
    while i < end:
        width, j = advance(p.atoms[i]), i + 1
        while j < end and not (p.breakable[j - 1] and j - 1 >= i):
            step = p.gaps[j - 1] + advance(p.atoms[j])
            if width + step > fits - 2 * MIN_SIDE_EM * p.atoms[i].size and not p.joins[j - 1]:
                break
            width += step
            j += 1
        gap = p.gaps[j - 1] if j < end else 0.0
        digits = all(p.atoms[k].ch in NUMBER_CHARS for k in range(i, j)) and any(
            p.atoms[k].ch.isdigit() for k in range(i, j))
        inner = sum(spreads(p, k) for k in range(i, j - 1))
        chs = [p.atoms[k].ch for k in range(i, j)]
        code = not digits and all(_code_char(c) for c in chs)
        out.append(Unit(i, j, run=run, width=width, gap=gap, inner=inner, digits=digits, code=code))
        i = j
    return out


def spreads(p: Prepared, k: int) -> bool:
    """Is the gap after atom k one a short line may letter-space (between two letters of a
    word, not digits)? As ``grid_latin.latin_glyphs`` spreads it."""
    return not p.joins[k] and p.letters[k] and not p.atoms[k].ch.isdigit()


def group_inner(p: Prepared, units: list[Unit], group: list[int]) -> int:
    """Fill weights of a Latin group's gaps (units ``group`` of ``units``): SPACE_WEIGHT a word
    space, 1 a letter gap (``spreads``), as ``spare_cells`` counts them."""
    return sum(units[m].inner for m in group) + sum(SPACE_WEIGHT if units[m].gap > 0 else
                                                    int(spreads(p, units[m].end - 1)) for m in group[:-1])


def group_cells(width: float, sides: int, cell: float, digits: bool = False, mark: float = 0.0,
                code: bool = False) -> int:
    """Cells a Latin group of ``width`` pt takes with ``sides`` sides of ⅛ em (or, where
    that saves a cell, of at least TIGHT_SIDE_EM); a number (``digits``) narrowed to no
    less than NUMBER_SCALE_MIN where that saves a cell (two digits in one cell, 2026 in
    two: half-width figures, as a 字格 sets them), with no side but the digits' own; with
    ``mark`` pt more for a mark that hugs it (``hug``), never narrowed."""
    cells = max(1, math.ceil((width + mark) / cell + sides * TIGHT_SIDE_EM - 1e-6))
    if digits:
        cells = min(cells, max(1, math.ceil((width * NUMBER_SCALE_MIN + mark) / cell - 1e-6)))
    elif code:  # (``code``: a code of letters and digits, narrowed to CODE_SCALE_MIN at most)
        cells = min(cells, max(1, math.ceil((width * CODE_SCALE_MIN + mark) / cell + sides * TIGHT_SIDE_EM - 1e-6)))
    return cells


def hug(p: Prepared, units: list[Unit], k: int) -> float:
    """The width (pt) unit k takes when it is a closing, pause or stop mark right after a Latin
    group on its line (350km/h，, zh。, Blender 4.1）): set against the group's last glyph, as
    running text sets it, in half an em (its ink half; the blank half after it gives way, as
    GB/T 15834 lets a mark's blank go), sharing the group's cells, so the group and the mark
    take the fewest whole cells that hold both and the white left over comes after the mark
    (never ½–1 em between a word and its comma). 0.0 for any other unit."""
    u = units[k]
    if k == 0 or units[k - 1].run < 0 or u.run >= 0 or u.end - u.start != 1 or u.cells != 1:
        return 0.0
    if k + 1 < len(units) and units[k + 1].nests:
        return 0.0  # ”（ after a word: the opening mark shares this mark's cell instead
    a = p.atoms[u.start]
    if a.punct not in _SPOTS or a.keep_blank or a.trim_right_max < 0.45 * a.size:
        return 0.0
    return a.box - a.trim_right_max


def side_room(p: Prepared, unit: Unit | None, before: bool) -> float:
    """White (pt) a Latin group may take on one side beyond its ⅛ em when it takes more
    cells than it needs, so that no white of ¾ em (HOLE_EM) opens there: beside an
    ideograph up to ¾ em in all; none beside a mark (a word sits tight against it, as in
    running text) or the column's edge. ``unit`` and ``before`` as for ``side``."""
    if unit is None or side(p, unit, before) != "ideo":
        return 0.0
    return (HOLE_EM - MIN_SIDE_EM) * p.atoms[unit.start].size


def fill_room(room: float, width: float, sides: int, cell: float, digits: bool) -> float:
    """The white (pt) a Latin group of ``width`` pt may take beside it (``room``, from
    ``side_room``) to fill a short line: a number's too (its figures stay tight, the white goes
    beside it, NUMBER_SIDE_EM at most a side: 2026 at its own width in 3 cells rather than a line
    justified off the grid), but none for a number one cell holds (4, or 10 as 纵中横 sets two digits)."""
    if not digits:
        return room
    if group_cells(width, sides, cell, True) == 1:
        return 0.0
    return min(room, sides * (NUMBER_SIDE_EM - MIN_SIDE_EM) * cell)


def spare_cells(width: float, cells: int, inner: int, ideo_sides: int, room: float, cell: float, size: float) -> int:
    """Whole cells more than ``cells`` a Latin group of ``width`` pt can take (a short line's
    missing cells): its gaps (``inner``, LATIN_FILL_EM each) and ``room`` pt beside it
    (``side_room``), less the white its ``cells`` leave already."""
    white = cells * cell - width - ideo_sides * MIN_SIDE_EM * size  # below 0: a narrowed number (a credit)
    return max(0, int((inner * LATIN_FILL_EM * size + room - white) / cell + 1e-6))


def u_size(p: Prepared, u: Unit) -> float:
    """The type size (pt) of a unit."""
    return p.atoms[u.start].size


def side(p: Prepared, unit: Unit | None, before: bool) -> str:
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


def allot(total: int, spares: list[int]) -> list[int]:
    """``total`` whole cells given out one at a time to the group with the most spare
    cells left (the first of equals), none past its ``spares``."""
    out = [0] * len(spares)
    for _ in range(total):
        k = max(range(len(spares)), key=lambda k: (spares[k] - out[k], -k))
        if spares[k] <= out[k]:
            break
        out[k] += 1
    return out


def measure_group(p: Prepared, units: list[Unit], group: list[int], sides: tuple[str, str], rooms: tuple[float, float],
             cell: float, hyphen: Atom | None, mark: float) -> tuple[int, int]:
    """Cells of one group of a line, and the cells more it can take (Latin groups only,
    ``spare_cells``); ``sides`` what it meets left and right (``side``), ``rooms`` the white it
    may take there (``side_room``), ``hyphen`` the hyphen that ends it, if any, ``mark`` the
    width of a mark set against it (``hug``), in its cells."""
    first = units[group[0]]
    if first.run < 0:
        return first.cells, 0
    width = sum(units[m].width for m in group) + sum(units[m].gap for m in group[:-1])
    if hyphen is not None:
        width += hyphen.width
    width += 0.0 if mark else sum(overhang(p, [first.start, units[group[-1]].end - 1], sides, hyphen))
    inner = group_inner(p, units, group)
    digits = hyphen is None and all(units[m].digits for m in group) and all(units[m].gap <= 0 for m in group[:-1])
    code = hyphen is None and all(units[m].code for m in group) and all(units[m].gap <= 0 for m in group[:-1])
    cells = group_cells(width, sides.count("ideo"), cell, digits, mark, code)
    room = fill_room(sum(rooms), width + mark, sides.count("ideo"), cell, digits)
    return cells, spare_cells(width + mark, cells, inner, sides.count("ideo"), room, cell, p.atoms[first.start].size)
