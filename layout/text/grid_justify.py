"""A character-grid line the grid cannot fill, justified off the grid, for ``grid``.

In:  a grid line's units and groups as ``grid._set`` lays them, the white its Latin
     groups left beside them and the width (pt) the line lacks to reach the column's edge.
Out: a ``Plan``: pt more room for each Latin group and pt of white before each group.

A line that no break sequence fills with whole cells (a prohibition pushes a character to
the next line: 研究中|心，; a URL too long for the rest of the line) is not left short —
mid-paragraph a short line reads as a paragraph's end. Its missing width is shared out
over its gaps as the other punctuation styles share it (``stretch``, W3C clreq "Line
adjustment"): first the word spaces and letters of its Latin groups (to ½ em and 0.1 em,
``grid_latin``; never the letters of a URL, e-mail address, number or code:
``grid_latin.tight_letters``) and its Han–Latin gaps (to ``stretch.LATIN_GAP_MAX_EM``), in proportion;
then the gaps between its CJK cells, evenly (``_kind``: not between a mark's ink and what
it closes or opens, never inside —— or ……, never between two marks that share a cell),
or, on a line with none, its gaps beside Latin groups; then every gap alike, and as the very
last resort a URL's letters too, within 0.1 em (``_url_letters``). Its ideographs leave the
lattice on that line only: the next line starts on the grid again. The line is an
``OffGridLine`` and is reported; so is a ``HalfLine`` (two marks set ½ em, ``grid_marks.half_pair``)
and a ``WhiteLine`` (½ em of white or more beside a Latin group, ``widest_white``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from layout.frame import Glyph
from layout.text.grid_latin import LETTER_SPACE_EM, MIN_SIDE_EM, TAIL_LETTER_EM, inner_room, inside_gaps
from layout.text.grid_units import Unit, side
from layout.text.line import SetLine
from layout.text.prepare import Atom, Prepared
from layout.text.punct import NO_SPLIT_PAIRS, Punct
from layout.text.stretch import LATIN_GAP_MAX_EM

MAX_GAP_EM = 0.75  # the widest a gap opens (white added, and a mark's blank half): with the
# ideographs' own side bearings, no white between two inks passes one cell
WHITE_REPORT_EM = 0.5  # white beside a Latin group on a grid line from this on is reported (``WhiteLine``):
# 0.45–0.75 em there reads as a hole at 200 dpi (review U4), though it keeps the ideographs on the grid
WORD_GAP_EM = 0.08  # the most a word space opens past the ½ em its group's cells give it (no cell of white)
MARK_WHITE_EM = 0.75  # the white a full-width mark on the grid leaves on its blank side, from its ink (a
# comma's ink fills about a quarter of its cell): such a gap opens only once the others are as wide


@dataclass(frozen=True)
class OffGridLine(SetLine):
    """A grid line justified off the lattice; ``off_em`` is the width (em) it lacked."""

    off_em: float = 0.0


@dataclass(frozen=True)
class HalfLine(SetLine):
    """A grid line one cell too long that holds it by setting two ``marks`` ½ em each
    (``grid_marks.half_pair``): the ``displaced`` characters between them stand ½ em off the grid."""

    marks: str = ""
    displaced: int = 0


@dataclass(frozen=True)
class WhiteLine(SetLine):
    """A grid line on the lattice where a Latin group, ``word``, leaves ``white_em`` of white
    beside it (its whole cells' rest, at least ``WHITE_REPORT_EM``): reported, not silent."""

    word: str = ""
    white_em: float = 0.0


def widest_white(p: Prepared, units: Sequence[Unit], groups: Sequence[Sequence[int]],
                 sides: Sequence[tuple[str, str]], whites: Sequence[tuple[float, float]],
                 hyphen: bool = False) -> tuple[float, str]:
    """The widest white (em) a grid line's Latin groups (``groups``: indices into ``units``) leave
    beside them inside the line, and that group's text, if it is ``WHITE_REPORT_EM`` or more (else
    0.0); ``sides`` what each group meets (``grid_units.side``), ``whites`` the white (pt) before and
    after it past its ⅛-em sides (``Laid.whites``). Only white between a group and an ideograph or a
    mark counts (the column's edge is margin). ``hyphen``: the line's last group ends in a drawn
    hyphen, quoted as "-" (Trans-)."""
    widest, word = 0.0, ""
    for group, (left, right), (before, after) in zip(groups, sides, whites, strict=True):
        if units[group[0]].run < 0:
            continue
        size = p.atoms[units[group[0]].start].size
        for where, white in ((left, before), (right, after)):
            if where != "edge" and white > 0.0:
                em = (white + MIN_SIDE_EM * size * (where == "ideo")) / size
                if em > widest:
                    atoms = [a for m in group for a in range(units[m].start, units[m].end)]
                    widest, word = em, "".join(p.atoms[a].ch + " " * (p.kinds[a] == "space") for a in atoms)
                    word = word.strip() + ("-" if hyphen and group is groups[-1] else "")
    return (widest, word.strip()) if widest >= WHITE_REPORT_EM - 1e-9 else (0.0, "")


class Laid(NamedTuple):
    """One grid line laid out: its glyphs, where its last glyph's box ends (pt), the white
    a Latin group that ends it leaves after it (pt), its Latin looseness (em), the white
    (pt) before and after each group beyond its ⅛-em sides, and each group's first glyph."""

    glyphs: list[Glyph]
    end: float
    tail: float
    loose: float
    whites: list[tuple[float, float]]
    starts: list[int]


class Plan(NamedTuple):
    """pt more room for each group (Latin groups only), pt of white before each group, and
    how far (em) the gaps between CJK cells were opened."""

    takes: list[float]
    opens: list[float]
    spread_em: float
    loosen: list[float] | None = None  # pt more for each gap inside each Latin group (the last resort)
    spaced: Sequence[bool] | None = None  # the letter gaps ``loosen`` opens (None: the ``tight`` ones)


def justify(p: Prepared, units: list[Unit], groups: list[list[int]], nest: list[bool],
            whites: list[tuple[float, float]], rooms: list[float], missing: float,
            hyphen: Atom | None, tight: Sequence[bool]) -> Plan | None:
    """How ``missing`` pt are shared over a grid line's gaps (module docstring); ``rooms``
    the pt each group's cells give it, ``hyphen`` the hyphen that ends the line, if any,
    ``tight`` the letter gaps that may open (``grid_latin.tight_letters``: never inside a URL,
    e-mail address, number or code). None if the line has no gap to open."""
    n = len(groups)
    size = p.atoms[units[0].start].size
    takes, opens, spare = [0.0] * n, [0.0] * n, [0.0] * n
    latin = [k for k, g in enumerate(groups) if units[g[0]].run >= 0]
    free = [not j for j in p.joins]  # every letter (the very last resort: ``_url_letters``)
    for k in latin:  # word spaces and letters, within their caps
        g = groups[k]
        atoms = [a for m in g for a in range(units[m].start, units[m].end)]
        around = (side(p, units[g[0] - 1] if k else None, True),
                  side(p, units[g[-1] + 1] if k < n - 1 else None, False))
        digits, end = all(units[m].digits for m in g), hyphen if k == n - 1 else None
        takes[k] = inner_room(p, atoms, digits, rooms[k], around, end, tight)
        code = any(free[a] and not tight[a] for a in atoms[:-1])  # a URL's or code's letters: to 0.1 em
        spare[k] = max(0.0, inner_room(p, atoms, digits, rooms[k], around, end, free,
                                       TAIL_LETTER_EM if code else LETTER_SPACE_EM) - takes[k])
    gap_cap = (LATIN_GAP_MAX_EM - MIN_SIDE_EM) * size
    for k in latin:  # Han–Latin gaps, to the top of their band
        g = groups[k]
        if k and side(p, units[g[0] - 1], True) == "ideo":
            opens[k] += max(0.0, gap_cap - whites[k][0])
        if k < n - 1 and side(p, units[g[-1] + 1], False) == "ideo":
            opens[k + 1] += max(0.0, gap_cap - whites[k][1])
    first = sum(takes) + sum(opens)
    fill = min(1.0, missing / first) if first > 1e-9 else 0.0
    takes, opens = [t * fill for t in takes], [o * fill for o in opens]
    rest = missing - first * fill
    if rest <= 1e-9:
        return Plan(takes, opens, 0.0)
    kinds = [_kind(p, units, groups, nest, b) for b in range(n)]
    white = [kinds[b][1] * size + opens[b] for b in range(n)]  # white each gap has already (pt)
    for b in range(1, n):
        if units[groups[b][0]].run >= 0:
            white[b] += MIN_SIDE_EM * size + whites[b][0]
        elif units[groups[b - 1][0]].run >= 0:
            white[b] += MIN_SIDE_EM * size + whites[b - 1][1]
        else:  # a mark set against a word (``grid_units.hug``): the white its cells leave after it
            white[b] += whites[b - 1][1]
    for wanted in ((0,), (0, 1)):
        gaps = [b for b in range(1, n) if kinds[b][0] in wanted]
        level = _level(rest, [white[b] for b in gaps])
        if gaps and level <= MAX_GAP_EM * size:
            break
    else:  # no gap can take it within MAX_GAP_EM: every gap between two characters takes an equal share,
        return _evenly(p, units, groups, kinds, white, Plan(takes, opens, 0.0), rest, tight, spare)  # letters too
    for b in gaps:
        opens[b] += max(0.0, level - white[b])
    return Plan(takes, opens, max(level - kinds[b][1] * size for b in gaps if kinds[b][0] == 0) / size
                if any(kinds[b][0] == 0 for b in gaps) else 0.0)


def _evenly(p: Prepared, units: list[Unit], groups: list[list[int]], kinds: list[tuple[int, float]],
            white: list[float], plan: Plan, rest: float, tight: Sequence[bool], spare: list[float]) -> Plan | None:
    """``rest`` pt more for the line of ``plan``, poured into every gap of kind 0 or 1 (``_kind``,
    with ``white`` pt already; the narrowest first, none past MAX_GAP_EM: no white of a cell)
    and every word space of a Latin group (none more than WORD_GAP_EM) to one level (stage E
    of ``stretch``, but a word's letters stay as its cells set them: a designer opens the word
    spaces and the CJK gaps rather than letter-space a word); where they cannot take it all,
    ``_url_letters``."""
    takes, opens = plan.takes, plan.opens
    size = p.atoms[units[0].start].size
    words = [t and p.kinds[a] == "space" for a, t in enumerate(tight)]
    inside = [0 if units[g[0]].run < 0 or all(units[m].digits for m in g) else inside_gaps(units, g, words)
              for g in groups]
    gaps = [b for b in range(1, len(groups)) if kinds[b][0] < 2 and kinds[b][1] < MARK_WHITE_EM]
    cap, word_cap = MAX_GAP_EM * size, WORD_GAP_EM * size
    room = sum(max(0.0, cap - white[b]) for b in gaps) + sum(inside) * word_cap
    if room < rest - 1e-6 or not room:
        return _url_letters(p, units, groups, gaps, white, plan, rest, spare)

    def poured(level: float) -> float:
        return sum(min(max(0.0, level - white[b]), max(0.0, cap - white[b])) for b in gaps) + sum(
            inside) * min(level, word_cap)

    low, high = 0.0, cap + rest
    for _ in range(60):  # the level at which the gaps take ``rest`` (bisection: ``poured`` only grows)
        low, high = ((low + high) / 2, high) if poured((low + high) / 2) < rest else (low, (low + high) / 2)
    adds = {b: min(max(0.0, high - white[b]), max(0.0, cap - white[b])) for b in gaps}
    for b in gaps:
        opens[b] += adds[b]
    word = min(high, word_cap)
    return Plan(takes, opens, max([*adds.values(), word if any(inside) else 0.0]) / size,
                [word if c else 0.0 for c in inside], words)


def _url_letters(p: Prepared, units: list[Unit], groups: list[list[int]], gaps: list[int], white: list[float],
                 plan: Plan, rest: float, spare: list[float]) -> Plan | None:
    """The very last resort for ``rest`` pt the gaps of kind 0 and 1 (``gaps``, with ``white``
    pt already) cannot take within MAX_GAP_EM: they open to it, and what is left goes inside the
    line's Latin groups, a URL's or code's too, each taking no more than its ``spare`` pt (its
    letters up to ``LETTER_SPACE_EM`` in all, as the grid's own cells space them: ``inner_room``),
    in proportion; None if even that is too little."""
    size = p.atoms[units[0].start].size
    room = sum(max(0.0, MAX_GAP_EM * size - white[b]) for b in gaps)
    inside = [0 if units[g[0]].run < 0 or all(units[m].digits for m in g) else
              sum(1 for m in g for a in range(units[m].start, units[m].end)
                  if a + 1 < units[g[-1]].end and not p.joins[a]) for g in groups]
    can = [spare[k] if inside[k] else 0.0 for k in range(len(groups))]
    left = rest - room
    if left <= 0 or left > sum(can) + 1e-6:
        return None
    opens = list(plan.opens)
    for b in gaps:
        opens[b] += max(0.0, MAX_GAP_EM * size - white[b])
    loosen = [left * can[k] / sum(can) / inside[k] if can[k] else 0.0 for k in range(len(groups))]
    spread = max([max(0.0, MAX_GAP_EM * size - white[b]) for b in gaps] + loosen)
    return Plan(plan.takes, opens, spread / size, loosen, [not j for j in p.joins])


def _level(rest: float, whites: list[float]) -> float:
    """The white (pt) every gap is opened to when ``rest`` pt are poured into gaps that have
    ``whites`` pt already, the narrowest first (a mark's blank half opens only when the gaps
    between ideographs are as wide): inf if there is no gap."""
    if not whites:
        return math.inf
    ordered = sorted(whites)
    for k in range(len(ordered), 0, -1):
        level = (rest + sum(ordered[:k])) / k
        if level >= ordered[k - 1] - 1e-9:
            return level
    return rest + ordered[0]


def _kind(p: Prepared, units: list[Unit], groups: list[list[int]], nest: list[bool], b: int) -> tuple[int, float]:
    """Which gaps open for the rest (after the Latin groups' own room): 0 one between two CJK
    cells (of ideographs, or on a mark's blank side: 说，|他 or 他|“说), which open evenly;
    1 one beside a Latin group where it meets an ideograph, which open
    only on a line with no gap of kind 0; 2 none: a mark's ink against what it closes or
    opens (中|。 “|说 《|Scratch), two marks sharing a cell, inside —— or ……, beside a
    connector, the line's start, after a typed space's cell. With it, the white (em) the gap has
    already: on a
    mark's blank side (MARK_WHITE_EM), else none."""
    if b == 0 or nest[b]:
        return 2, 0.0
    a, c = p.atoms[units[groups[b - 1][-1]].end - 1], p.atoms[units[groups[b][0]].start]
    if (a.ch == c.ch and a.ch in NO_SPLIT_PAIRS) or Punct.CONNECTOR in (a.punct, c.punct):
        return 2, 0.0
    if a.punct is Punct.OPEN or c.punct in (Punct.CLOSE, Punct.PAUSE, Punct.STOP):
        return 2, 0.0
    latin = units[groups[b - 1][0]].run >= 0 or units[groups[b][0]].run >= 0
    if latin and any(x.punct is not Punct.NONE and not x.ch.isascii() for x in (a, c)):
        return 2, 0.0  # a word against a mark: tight, the mark's blank half is its space (，2026)
    if units[groups[b - 1][-1]].run < 0 and units[groups[b - 1][-1]].cells > 1:
        return 2, 0.0  # after a typed space's cell (记者 王琼梅): a cell of white already
    blank = a.punct in (Punct.CLOSE, Punct.PAUSE, Punct.STOP) or c.punct is Punct.OPEN
    return int(latin), MARK_WHITE_EM if blank else 0.0


def grid_report(line: SetLine, size: float, said: str = "", last: bool = False) -> tuple[str, tuple[object, ...]]:
    """The warning for a char_grid line that left the grid (its ideographs off the lattice:
    justified off the grid, or two marks set ½ em) or was left short (not a paragraph's last):
    a format whose first three fields are the page, block and body item, and the rest of its
    arguments (the line as typed, ``said``: its word spaces and 记者 王琼梅's included, as a
    loose line is quoted; ``line.shown`` if empty; the cells it lacked and how far its gaps
    were opened, em; the marks set ½ em and the characters between them, ``last`` when the
    line ends its paragraph, so no next line comes back to the grid; or the white after it,
    in cells of ``size`` pt)."""
    said = said or line.shown
    if isinstance(line, OffGridLine) and line.spread_em > 0.005:
        return ("grid line off the grid: page %d, block %r, body item %d: '%s' lacked %.2f cells of its column: "
                "justified, its gaps opened by up to %.2f em (the next line is on the grid again)",
                (said, line.off_em, line.spread_em))
    if isinstance(line, HalfLine):
        return ("grid line off the grid: page %d, block %r, body item %d: '%s' holds one cell more by setting "
                "%s and %s ½ em each: %s between them ½ em off the grid (%s)",
                (said, line.marks[0], line.marks[-1],
                 f"the {line.displaced} characters" if line.displaced != 1 else "the character",
                 "the paragraph's last line: the rest of it ends ½ em early" if last else "the next is on it again"))
    if isinstance(line, WhiteLine):
        return ("grid line with white: page %d, block %r, body item %d: '%s' leaves %.2f em of white beside '%s' "
                "(the rest of its whole cells, so the ideographs stay on the grid)", (said, line.white_em, line.word))
    if isinstance(line, OffGridLine):  # (the width went into word spaces and Han–Latin gaps, within their caps)
        return ("grid line off the grid: page %d, block %r, body item %d: '%s' lacked %.2f cells of its column: "
                "justified in its word spaces and Han–Latin gaps (the next line is on the grid again)",
                (said, line.off_em))
    return ("grid line short: page %d, block %r, body item %d: '%s' ends %.2f cells before the column edge "
            "(nothing else could fill it)", (said, (line.measure - line.width) / size))
