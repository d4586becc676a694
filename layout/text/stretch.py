"""The one justification model: how a line's extra width is shared, and how loose that is.

In:  a line's ``Room`` (what each kind of gap can take) and the extra width in pt.
Out: a ``Plan``: pt per gap for each stage, and ``spread``, the line's looseness in em.

The line breaker (``linebreak``) prices candidate lines with ``plan`` from prefix sums,
and ``line._expand`` spreads the chosen lines with the same ``plan``, so the breaker
picks breaks knowing the stretch that will really be set and reported.

Stages, in clreq's order (W3C clreq, "Line adjustment": word spaces and the spaces
between Han and Western text first, then inter-character spacing):

A. word spaces open to ½ em;
B. Han–Latin gaps open to ``LATIN_GAP_MAX_EM`` (the top of their band);
C. the gaps between characters (not beside a connector) open, equally, to the limit;
C′. a mark that gave up a blank half inside the line (开明 and 半角 set 、，；： half; an
   adjacent pair gives up ½ em) takes it back, in proportion — the space after a mark
   is the first place JIS X 4051 stretches, and a comma set full reads better than
   characters parted past the limit;
D. the letters of Latin words are spaced, up to ``LETTER_SPACE_EM`` each;
E. what is left goes to every gap between two characters (clreq's inter-character
   spacing), but never inside —— and ……, and never a Han–Latin gap, which stays within
   its 0.2–0.3 em band even here (issue 12) — and the line is loose. A gap inside a Latin
   or digit run takes ``LETTER_SHARE`` of what a gap between ideographs or a word space
   takes (the whole share only on a line with no other gap, a code alone on its line):
   white in proportion to the glyphs it parts (a letter is about ½ em), so neither are the
   letters of a word or the digits of a number spaced like ideographs (a word's shape
   breaks, 0871-6300 reads as emphasis), nor is the deficit of a line of digits put into
   its one or two gaps between ideographs (传 真 parted 0.9–1.1 em, measured).

``spread`` is the widest opening in units of the limit: a gap between characters by
what it gained (em); a stage A or D gap at its cap counts as the limit (a word space
at ½ em or letters spaced ``LETTER_SPACE_EM`` are as loose as allowed, never more); stage B
stays inside its band and counts nothing; stage E adds its share to the limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from layout.text.prepare import Atom
from layout.text.punct import NO_SPLIT_PAIRS, Punct

EPS = 1e-6
SPACE_MAX_EM = 0.5  # a word space opens to ½ em at most before the line is loose
LATIN_GAP_MAX_EM = 0.3  # a Han–Latin gap opens to 0.3 em (the band around the nominal ¼ em)
LETTER_SPACE_EM = 0.1  # the most a line spaces the letters of a Latin word before it is loose
LETTER_SHARE = 0.5  # a letter gap's part of stage E, against a gap between ideographs
LETTER_SQUEEZE_EM = 0.02  # the most a tight line closes them up, after every mark and gap has given
# its room (about what a newspaper's H&J allows a Latin word: -5 % letter-spacing, 97 % glyph scaling)


class Room(NamedTuple):
    """What one line's gaps can take: ``space``/``latin`` in pt (to their caps), and the
    number of gaps between characters (``inter``), of letter gaps (``letters``) and of
    gaps that open once all else is full (``rest``); ``size`` pt."""

    space: float
    latin: float
    inter: int
    letters: int
    rest: int
    size: float
    marks: float = 0.0  # pt the marks can take back (stage C′)


class Plan(NamedTuple):
    """How ``extra`` pt are shared: the fraction of the space and Han–Latin room taken,
    pt per gap between characters (stage C), pt per letter gap (D), pt per ``rest``
    gap (E: every gap that may open); ``spread`` in em."""

    space_fill: float
    latin_fill: float
    inter: float
    letter: float
    rest: float
    spread: float
    mark_fill: float = 0.0
    letter_rest: float = 0.0  # stage E's share of a letter gap (``rest`` on a line of letters alone)


def looseness(extra: float, room: Room, limit_em: float) -> float:
    """``plan(extra, room, limit_em).spread`` without the shares, for the breaker's inner
    loop: the same stages, short-cut where a stage absorbs what is left."""
    if extra <= EPS:
        return 0.0
    size = room.size
    if extra <= room.space:  # stage A: spaces, each by its share of the fill
        return extra / room.space * limit_em
    space_part = limit_em if room.space > EPS else 0.0
    extra -= room.space + room.latin
    if extra <= EPS:  # stage B counts nothing
        return space_part
    full = room.inter * limit_em * size
    if extra <= full:  # stage C
        return max(space_part, extra / room.inter / size)
    extra -= full + room.marks
    if extra <= EPS:  # stage C′ counts nothing
        return limit_em if room.inter else space_part
    letters = room.letters * LETTER_SPACE_EM * size
    if extra <= letters:  # stage D
        return max(space_part, limit_em if room.inter else 0.0, extra / letters * limit_em)
    extra -= letters
    if extra <= EPS:
        return limit_em
    return limit_em + extra / (opening(room.rest, room.letters) or 1) / size


def plan(extra: float, room: Room, limit_em: float) -> Plan:
    """Share ``extra`` pt of one justified line over its gaps (module docstring)."""
    size = room.size
    take_space = min(max(extra, 0.0), room.space)
    extra -= take_space
    take_latin = min(max(extra, 0.0), room.latin)
    extra -= take_latin
    inter = min(max(extra, 0.0), room.inter * limit_em * size)
    extra -= inter
    take_marks = min(max(extra, 0.0), room.marks)
    extra -= take_marks
    letter = min(max(extra, 0.0), room.letters * LETTER_SPACE_EM * size)
    extra -= letter
    space_fill = take_space / room.space if room.space > EPS else 0.0
    mark_fill = take_marks / room.marks if room.marks > EPS else 0.0
    latin_fill = take_latin / room.latin if room.latin > EPS else 0.0
    letter_fill = letter / (room.letters * LETTER_SPACE_EM * size) if room.letters else 0.0
    per_inter = inter / room.inter if room.inter else 0.0
    per_letter = letter / room.letters if room.letters else 0.0
    spread = max(per_inter / size if size else 0.0, space_fill * limit_em, letter_fill * limit_em)
    rest = letter_rest = 0.0
    if extra > EPS:  # every gap between characters takes a share (a letter gap ``LETTER_SHARE`` of one)
        gaps = opening(room.rest, room.letters)
        rest = extra / gaps if gaps else 0.0
        spread = limit_em + (rest if gaps else extra) / size  # (nothing to open: the line stays short)
        letter_rest = rest if room.rest <= room.letters else rest * LETTER_SHARE
    return Plan(space_fill, latin_fill, per_inter, per_letter, rest, spread, mark_fill, letter_rest)


def opening(rest: int, letters: int) -> float:
    """How many full shares stage E gives on a line of ``rest`` gaps that may open, ``letters``
    of them inside Latin runs: ``LETTER_SHARE`` each, or a whole one when they are all."""
    return rest - letters + letters * LETTER_SHARE if rest > letters else rest


@dataclass(frozen=True)
class GapRoom:
    """What one gap contributes to its line's ``Room``."""

    space: float = 0.0
    latin: float = 0.0
    inter: bool = False
    letter: bool = False
    rest: bool = False
    mark: float = 0.0


def gap_room(kind: str, width: float, size: float, connector: bool, unit: bool, letter: bool) -> GapRoom:
    """One gap's room: ``kind`` as in ``Prepared.kinds``, ``width`` its natural pt, ``size``
    pt; ``connector`` beside a connector (does not open, clreq); ``unit`` inside —— or ……
    (never opens); ``letter`` between two letters of a Latin word."""
    if unit:
        return GapRoom()
    if kind == "space":
        return GapRoom(space=max(0.0, SPACE_MAX_EM * size - width), rest=True)
    if kind == "latin":  # never past the top of its band, even on a loose line (issue 12: 0.2–0.3 em)
        return GapRoom(latin=max(0.0, LATIN_GAP_MAX_EM * size - width))
    if kind == "cjk" and not connector:
        return GapRoom(inter=True, rest=True)
    return GapRoom(letter=letter, rest=True)


def total(rooms: list[GapRoom], size: float) -> Room:
    """The ``Room`` of a line from the rooms of its gaps (each field summed in turn, as
    ``sum(r.space for r in rooms)`` sums it, without a generator per field)."""
    return Room(sum(map(_SPACE, rooms)), sum(map(_LATIN, rooms)), sum(map(_INTER, rooms)),
                sum(map(_LETTER, rooms)), sum(map(_REST, rooms)), size, sum(map(_MARK, rooms)))


_SPACE, _LATIN, _INTER, _LETTER, _REST, _MARK = map(attrgetter, ("space", "latin", "inter", "letter", "rest", "mark"))


_NO_ROOM = GapRoom()
_CJK_ROOM = GapRoom(inter=True, rest=True)
_LETTER_ROOM = GapRoom(letter=True, rest=True)
_REST_ROOM = GapRoom(rest=True)


def gap_rooms(atoms: list[Atom], kinds: list[str], gaps: list[float], letters: list[bool]) -> list[GapRoom]:
    """The room of each gap after ``atoms[i]`` (``len(kinds)`` of them): ``gap_room`` of
    each, with what its marks give back (``mark``). Runs for every paragraph and set line,
    so the common rooms (between ideographs, inside a word) are shared values, not built
    again for each gap."""
    out = []
    open_, connector, no_split = Punct.OPEN, Punct.CONNECTOR, NO_SPLIT_PAIRS
    n_letters = len(letters)
    for i, kind in enumerate(kinds):
        a, b = atoms[i], atoms[i + 1]
        if a.ch == b.ch in no_split:
            room = _NO_ROOM
        elif kind == "space" or kind == "latin":
            room = gap_room(kind, gaps[i], max(a.size, b.size), False, False, False)
        elif kind == "cjk" and a.punct is not connector and b.punct is not connector:
            room = _CJK_ROOM
        else:  # inside a Latin or digit run (4.05, 1,284, SO-2027) as between its letters: stages D and E
            room = _LETTER_ROOM if kind == "none" or (i < n_letters and letters[i]) else _REST_ROOM
        given = (0.0 if a.keep_blank else a.right) + (0.0 if b.keep_blank or b.punct is not open_ else b.left)
        # (the room with ``mark`` set, made field by field: ``dataclasses.replace`` costs several times more)
        out.append(GapRoom(room.space, room.latin, room.inter, room.letter, room.rest, given)
                   if given > EPS and kind != "space" else room)
    return out


def loose(extra: float, space: float, latin: float, inter: int, letters: int, rest: int, size: float,
           marks: float, limit_em: float) -> float:
    """``stretch.looseness`` of a ``Room`` given field by field (no tuple built per candidate
    line); the same steps in the same order. ``extra`` > EPS."""
    if extra <= space:
        return extra / space * limit_em
    space_part = limit_em if space > EPS else 0.0
    extra -= space + latin
    if extra <= EPS:
        return space_part
    full = inter * limit_em * size
    if extra <= full:
        return max(space_part, extra / inter / size)
    extra -= full + marks
    if extra <= EPS:
        return limit_em if inter else space_part
    room = letters * LETTER_SPACE_EM * size
    if extra <= room:
        return max(space_part, limit_em if inter else 0.0, extra / room * limit_em)
    extra -= room
    if extra <= EPS:
        return limit_em
    return limit_em + extra / (opening(rest, letters) or 1) / size
