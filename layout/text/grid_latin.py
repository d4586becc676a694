"""A Latin group's glyphs on the character grid (字格), for ``grid``.

In:  a ``Prepared`` paragraph, the atoms of one Latin group of a grid line, the room
     its whole cells give it (pt) and what it meets on each side.
Out: its glyphs and the white left before and after it.

The group sits ⅛ em from an ideograph, tight against a mark, flush with the column's
edge; word spaces then letters take the rest of its cells (up to ``WORD_SPACE_EM`` and
``LETTER_SPACE_EM`` per gap; digits are never spaced apart), and what they leave goes
beside it (``rest_left``). A number set in fewer cells than its natural width (see
``grid._group_cells``) is narrowed to fill them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from layout.frame import Glyph
from layout.issue.style import HOUSE
from layout.text import stretch
from layout.text.prepare import Atom, Prepared, is_cjk_atom
from layout.text.punct import Punct
from layout.text.wordbreak import tokens

if TYPE_CHECKING:
    from layout.text.grid_units import Unit

MIN_SIDE_EM = 0.125  # least blank between a Latin group and an ideograph
CODE_SCALE_MIN = HOUSE.glyph_scaling.latin_narrowest / 100  # a word or code with no space inside may be narrowed
# to this (the house's glyph scaling, as running text narrows Latin: ``narrow``) to take one cell fewer
# (``grid_units.group_cells``): a line of whole cells rather than one left short or off the grid
HOLE_EM = 0.75  # white on one side of a Latin group past this is parted between both its sides
LETTER_SPACE_EM = stretch.LETTER_SPACE_EM / 2  # the most a Latin group is letter-spaced (0.05 em, half what a
# loose line of running text may: a designer lets a word take whole cells with the rest beside it, at its word
# spaces or in the line's CJK gaps, rather than space its letters); the rest of its cells goes beside it
TAIL_LETTER_EM = stretch.LETTER_SPACE_EM  # ... but 0.1 em where the rest would be a ragged tail at the line's
# end (a line of a URL or word only: its white has no other place inside the column)
RATIO = "\u2236"  # ∶, GB/T 15834's ratio sign
WORD_SPACE_EM = 0.5  # the most a word space inside a Latin group is widened (before its letters are spaced)
LATIN_PARAGRAPH_SHARE = 0.1  # a paragraph whose ideographs are at most this share of its ideographs and Latin
# letters is an English paragraph (（占位稿）Kunming has…): set as running text, not on the grid (``latin_paragraph``)
LATIN_PARAGRAPH_WORDS = 4  # ... if it has this many word spaces at least (a sentence, not a code or a name)


WORD_CHARS = "-\u2010'\u2019"  # what a plain word holds besides letters (Jean-Luc, O’Connor)
EDGE_PUNCT = ".,;:!?'\"()[]\u2018\u2019\u201c\u201d"  # what may stand before or after a plain word


def tight_letters(p: Prepared) -> list[bool]:
    """Which gaps (after atom k) a grid line justified off the grid may open (``grid_justify``):
    every gap not inside a grapheme cluster, but none inside a URL, e-mail address, number or
    code, a token (``wordbreak.tokens``) holding anything but letters, hyphens and apostrophes
    (media-partner@example.org, v3.12.0, 75kWh, SO-2027-000458713): a designer keeps those
    tight and puts the white into word spaces and beside them instead."""
    free = [not j for j in p.joins]
    chars = [a.ch for a in p.atoms]
    for start, end in tokens(chars, p.kinds):
        core = "".join(chars[start:end]).strip(EDGE_PUNCT)  # a word's own , . ( ) do not make it a code
        if any(not (ch.isalpha() or ch in WORD_CHARS) for ch in core):
            free[start:end - 1] = [False] * (end - 1 - start)
    return free


def latin_paragraph(p: Prepared) -> bool:
    """Is the paragraph English (Latin) text, its ideographs at most ``LATIN_PARAGRAPH_SHARE`` of its
    ideographs and letters, with ``LATIN_PARAGRAPH_WORDS`` word spaces at least? On a 字格 page such a
    paragraph cannot fill whole cells with good word spacing (¾-em word spaces, ragged lines): a
    designer sets it as running text off the grid, and ``grid.set_grid_paragraph`` leaves it to the
    running-text breaker, reported once as a whole."""
    han = sum(1 for a in p.atoms if is_cjk_atom(a) and a.punct is Punct.NONE)
    letters = sum(1 for a in p.atoms if not is_cjk_atom(a) and a.ch.isalpha())
    words = sum(1 for k, a in enumerate(p.atoms[:-1]) if p.kinds[k] == "space" and not is_cjk_atom(a))
    return words >= LATIN_PARAGRAPH_WORDS and han <= LATIN_PARAGRAPH_SHARE * (han + letters)


def inside_gaps(units: Sequence[Unit], group: Sequence[int], tight: Sequence[bool]) -> int:
    """The gaps between the atoms of a Latin group (``group``: its units' indices in ``units``)
    that open on a loose grid line: those ``tight`` (``tight_letters``) lets open."""
    end = units[group[-1]].end
    return sum(1 for m in group for a in range(units[m].start, units[m].end) if a + 1 < end and tight[a])


def advance(a: Atom) -> float:
    """The width (pt) an atom takes in a Latin group: its own, but the ratio sign ∶ (U+2236, a
    full-width glyph with its two dots centred) half an em, so a score 3∶1 reads as one number."""
    return 0.5 * a.size if a.ch == RATIO else a.width


def _within(rest: float, share_left: float, room_left: float, room_right: float) -> float:
    """``share_left`` of ``rest`` pt moved so that neither side takes more than its room,
    where the other side has room to spare."""
    if rest <= 1e-9:
        return share_left
    before, after = rest * share_left, rest * (1.0 - share_left)
    if before > room_left:
        before -= min(before - room_left, max(0.0, room_right - after))
    elif after > room_right:
        before += min(after - room_right, max(0.0, room_left - before))
    return before / rest


def rest_left(sides: tuple[str, str]) -> float:
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


def latin_glyphs(p: Prepared, atoms: list[int], digits: bool, x: float, room: float, sides: tuple[str, str],
                 rooms: tuple[float, float], hyphen: Atom | None,
                 loosen: float = 0.0, tight: Sequence[bool] = (),
                 air: float = 0.0, ends: bool = False,
                 tail: bool = False) -> tuple[list[Glyph], float, float, float, float]:
    """A Latin group's glyphs in ``room`` pt from ``x``: ⅛ em beside an ideograph, tight
    against a mark, flush with the column's edge; the rest of its cells spread over the
    gaps inside it, and what they do not take beside it (``rest_left``). Returns the
    glyphs, the white left before and after the group (its ⅛-em sides not counted), how
    far (em) its word spaces or letters were spread apart (a grid line's looseness) and
    where its last glyph's box ends (pt, a hyphen not counted);
    ``rooms`` the white (pt) each side may take (``grid._side_room``): what passes it goes
    to the other side, where that one has room (a line's end has all it needs); ``loosen`` pt
    more in every gap inside it that ``tight`` lets open (``tight``: a grid line justified off the
    grid, taking more than its cells: ``grid_justify``), over ``room``; ``air`` pt of its white
    kept after it where it has that much (for a mark set against it: ``grid_units.hug``); ``ends``:
    it ends the line (its letters may then take TAIL_LETTER_EM rather than leave a ragged tail);
    ``tail``: it ends a line set ragged (a paragraph's last), whose white after it is natural: its
    word spaces and letters stay as typed and the rest of its last cell is left after it."""
    size = p.atoms[atoms[0]].size
    natural = sum(advance(p.atoms[k]) for k in atoms) + sum(p.gaps[k] for k in atoms[:-1])
    natural += hyphen.width if hyphen is not None else 0.0
    lead = overhang(p, atoms, sides, hyphen)
    room -= sum(lead)  # a glyph's ink past its box at the column's edge (J, w: 0.015 em) stays inside
    x += lead[0]
    narrow = room / natural if natural > room + 1e-6 and digits else 1.0  # a number in
    ideo = sides.count("ideo") * MIN_SIDE_EM / 2 * p.atoms[atoms[0]].size  # (a code: TIGHT_SIDE_EM a side)
    if not digits and hyphen is None and natural > room - ideo + 1e-6 and _code(p, atoms):
        narrow = max(CODE_SCALE_MIN, (room - ideo) / natural)
    natural *= narrow  # fewer cells (_group_cells), narrowed to fill them
    left, right = (side == "ideo" for side in sides)
    side = min(MIN_SIDE_EM * size, (room - natural) / (left + right)) if left or right else 0.0
    margins = side * (left + right)
    inner = [k for k in atoms[:-1] if not p.joins[k] and p.letters[k] and not p.atoms[k].ch.isdigit()]
    slack = max(0.0, room - natural - margins)
    free = tail and sides[1] == "edge"  # a ragged line's end: the white stays after the group
    spaces = [k for k in atoms[:-1] if p.kinds[k] == "space"]
    widen = min(slack / len(spaces), WORD_SPACE_EM * size) if spaces and not free else 0.0  # word spaces first
    slack -= widen * len(spaces)
    cap = TAIL_LETTER_EM if ends and sides[0] not in ("ideo", "ink") else LETTER_SPACE_EM
    share = min(slack / len(inner), cap * size) if inner and not free else 0.0
    rest = slack - share * len(inner)  # what the letters do not take goes beside the group
    share_left = rest_left(sides)
    parted = digits and sorted(sides) == ["ideo", "ink"]  # a number between an ideograph and a mark's ink
    share_left = 0.5 if parted else share_left  # (长3.9%）): its white parted, as 年1月 sets a lone digit
    if share_left in (0.0, 1.0) and "edge" not in sides and rest + MIN_SIDE_EM * size > HOLE_EM * size:
        share_left = 0.5  # one side would open a hole: the white is parted between both sides
    elif share_left == 1.0 and sides[1] == "edge" and rest + side > HOLE_EM * size:
        share_left = (HOLE_EM * size - side) / rest  # at a line's end, what passes ¾ em goes after the group
    elif share_left == 0.0 and sides == ("edge", "ideo") and rest + side > HOLE_EM * size:
        # at a line's start the group stays flush with the edge: what passes ¾ em goes into its letters
        # (to TAIL_LETTER_EM), then after it up to a cell; only past a cell before it (85℃之: no hole)
        word = inner and all(p.atoms[k].ch.isalpha() or p.kinds[k] == "space" or p.atoms[k].ch in WORD_CHARS
                             for k in atoms)  # (a URL, number or code is never spaced: ``tight_letters``)
        more = min((rest + side - HOLE_EM * size) / len(inner), TAIL_LETTER_EM * size - share) if word else 0.0
        share, rest = share + max(0.0, more), rest - max(0.0, more) * len(inner)
        share_left = max(0.0, rest + side - (1.0 - MIN_SIDE_EM) * size) / rest if rest > 1e-9 else 0.0
    if not parted:
        share_left = _within(rest, share_left, rooms[0], rooms[1] if sides[1] != "edge" else math.inf)
    share_left = 0.0 if free else share_left
    if air and rest > 1e-9:  # a mark set against it (``grid_units.hug``) keeps ``air`` after it, from the white before
        share_left -= min(rest * share_left, max(0.0, air - rest * (1.0 - share_left))) / rest
    pos = x + (side if left else 0.0) + rest * share_left
    glyphs: list[Glyph] = []
    for k in atoms:
        a = p.atoms[k]
        inset = (advance(a) - a.width) / 2  # ∶ drawn in half its em, ink centred
        glyphs.append(Glyph(a.cluster, a.face.name, a.size, pos + (a.ink_off - a.left + inset) * narrow,
                            a.scale * narrow, a.missing, a.emphasis, 0 if a.missing else a.face.gid(a.cluster)))
        pos += advance(a) * narrow
        if k != atoms[-1]:
            if p.kinds[k] == "space" and p.gaps[k] > 0 and a.face.has(" "):
                # keeps the word space in copied text
                glyphs.append(Glyph(" ", a.face.name, a.size, pos, gid=a.face.gid(" ")))
            pos += p.gaps[k] * narrow + (share if k in inner else widen if k in spaces else 0.0)
            pos += loosen if loosen and tight[k] else 0.0
    if hyphen is not None:
        glyphs.append(Glyph(hyphen.ch, hyphen.face.name, hyphen.size, pos, hyphen.scale,
                            gid=0 if hyphen.missing else hyphen.face.gid(hyphen.ch)))
    after = rest * (1.0 - share_left) + lead[1] * ends  # (a glyph's ink kept inside the edge: white after its box)
    return glyphs, rest * share_left, after, (max(widen, share) + loosen) / size, pos


def overhang(p: Prepared, atoms: list[int], sides: tuple[str, str], hyphen: Atom | None) -> tuple[float, float]:
    """The ink (pt) of a Latin group's first and last glyph past its box where that side is
    the column's edge (``Atom.over_left``, ``over_right``: J and w of the Serif face, 0.015 em):
    kept inside the column, as running text keeps it (``linebreak``)."""
    first = p.atoms[atoms[0]].over_left if sides[0] == "edge" else 0.0
    last = p.atoms[atoms[-1]].over_right if sides[1] == "edge" and hyphen is None else 0.0
    return first, last


def inner_room(p: Prepared, atoms: list[int], digits: bool, room: float, sides: tuple[str, str],
               hyphen: Atom | None, tight: Sequence[bool], letter_em: float = LETTER_SPACE_EM) -> float:
    """How many pt more than ``room`` a Latin group (as for ``latin_glyphs``) can take inside
    it before its word spaces pass ``WORD_SPACE_EM`` and its letters ``letter_em``: a
    line justified off the grid (``grid_justify``) gives it that first. A number takes none,
    nor the letters of a URL or code (``tight`` as ``tight_letters`` gives it)."""
    size = p.atoms[atoms[0]].size
    natural = sum(advance(p.atoms[k]) for k in atoms) + sum(p.gaps[k] for k in atoms[:-1])
    natural += hyphen.width if hyphen is not None else 0.0
    if digits:
        return 0.0
    left, right = (side == "ideo" for side in sides)
    margin = min(MIN_SIDE_EM * size, (room - natural) / (left + right)) if left or right else 0.0
    slack = max(0.0, room - natural - margin * (left + right))
    spaces = sum(1 for k in atoms[:-1] if p.kinds[k] == "space")
    inner = sum(1 for k in atoms[:-1] if tight[k] and p.letters[k] and not p.atoms[k].ch.isdigit())
    return max(0.0, spaces * WORD_SPACE_EM * size + inner * letter_em * size - slack)


def _code(p: Prepared, atoms: list[int]) -> bool:
    """Are the atoms one word or code of letters, digits and ``-_./`` (``grid_units.Unit.code``), no word
    space inside?"""
    chs = [p.atoms[k].ch for k in atoms]
    return all(c.isalpha() or (c.isascii() and (c.isalnum() or c in "-_./")) for c in chs) \
        and not any(p.kinds[k] == "space" for k in atoms[:-1])
