"""Vertical headlines (竖排标题): head texts → columns set top to bottom, right to left.

In:  the head texts of an article (kicker, headline, subhead, byline, in reading
     order), the fonts, the digits setting and the column's top and bottom (pt).
Out: one ``VerticalColumn`` per head text (per part, when the text has ``\\n``) with
     its glyphs' positions relative to the column's left edge and top, and the
     strip width they need; ``place_columns`` turns them into ``VerticalLine`` frame
     items at the right (or left) edge of the article, reporting whatever passes
     the bottom as overset (never cut silently).

Rules (GB/T 15834-2011 §5.2, W3C clreq, JIS X 4051, UAX #50):

- every character takes one em-box step down, at its head's size;
- a character with a vertical form in the font's GSUB ``vert``/``vrt2`` is drawn
  by that glyph (。，、 in the upper right of the cell, brackets and quotes turned,
  「」-style quotes), and copies out as the original character;
- without one, Unicode's vertical presentation form (︱ for —, ︙ for …, ︵ for （ …)
  is drawn when the font maps it;
- without either, 。，、． are moved from the lower left to the upper right of the
  cell, and brackets, quotes, dashes and connectors are turned 90° clockwise;
- without either, ：and ； stay upright and move to the right half of the cell, as the
  fonts' own vertical forms put them (GB/T 15834 §5.2: below the character, to the
  right), so a colon looks the same in every face;
- digits and Latin: ``upright`` stacks each character in its own cell, ``rotated``
  turns the run 90° clockwise (GB/T 15835), ``auto`` sets a single digit upright, a
  run of two or three digits, or of one or two digits and %, side by side across one
  cell (纵中横: 12月 takes two cells, not three; 5% and 12% one), narrowed to fit, and
  turns longer runs and Latin words.

A head text longer than the room its column has (``room``, pt) flows into further
columns of the same text, broken between words (``layout/flow/words.py``) into
columns of even length; only what is still too long is overset.

Columns start at the top of the article's first body line (``align: left``), or are
centred (``center``) or lowered (``right``) along the lines the body uses: a head's
``align`` is read down the column.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from pathlib import Path

from layout.flow.credits import label_spaces
from layout.flow.words import Fit, breaks, strip_marks
from layout.frame import BLACK, CMYK, CharForm, VerticalLine, VGlyph
from layout.issue.model import HeadText
from layout.report import BlockReport
from layout.text.font import Face, FaceChain, FontBook
from layout.text.punct import CLOSE, CONNECTOR, DASH, OPEN

#: Marks set in the upper right of the cell when the font has no vertical form.
SHIFT_UP_RIGHT = "。，、．"
#: Marks kept upright and moved to the right half of the cell when the font has no vertical form.
SHIFT_RIGHT = "：；"
#: Marks turned 90° clockwise when the font has no vertical form (clreq's table).
TURN = OPEN + CLOSE + DASH + CONNECTOR + "-~/()[]{}<>_﹏"
#: Unicode's vertical presentation forms, used when the font's vert feature has no form
#: for a mark but its cmap has the presentation form (—— then joins up as one rule).
PRESENTATION = {"—": "︱", "–": "︲", "…": "︙", "‥": "︰", "（": "︵", "）": "︶", "《": "︽", "》": "︾",
                "「": "﹁", "」": "﹂", "『": "﹃", "』": "﹄", "“": "﹃", "”": "﹄", "‘": "﹁", "’": "﹂"}
#: Where a vertical form shown by its turned horizontal character has its origin, from
#: the upright glyph's origin (x right, y down), in em of the text size.
TURNED_FORM_EM = (0.12, -0.88)
PAIR_WIDTH_EM = 0.96  # 纵中横: the run takes at most this much of the cell's width
GAP_EM = 0.35  # between the columns of two head texts, in em of the later one
PART_GAP_EM = 0.2  # between the columns of one head text broken by \n
_LATIN_RUN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,%]*")
_ACROSS = re.compile(r"[0-9]{2,3}|[0-9]{1,2}%")  # 纵中横 runs


@dataclass(frozen=True)
class VerticalColumn:
    """One set column: glyphs relative to (left edge, top), its width and length (pt)."""

    glyphs: tuple[VGlyph, ...]
    ends: tuple[float, ...]  # where each glyph's cell ends down the column, from its top (pt)
    width: float
    length: float
    align: str
    gap_before: float  # space to the column before it (to its right), pt
    color: CMYK = BLACK  # the head text's ``color:`` (house colour), black by default

    @property
    def missing(self) -> tuple[str, ...]:
        """The characters no font has, drawn as .notdef (each once, in order)."""
        return tuple(dict.fromkeys(g.ch for g in self.glyphs if g.missing))


def orientation(text: str, digits: str) -> list[bool]:
    """For each character of ``text``: True if it is turned 90° clockwise as part of a
    run of Latin letters or digits (``digits``: upright, rotated or auto).

    >>> orientation("第12版", "auto"), orientation("2026年", "auto"), orientation("12%", "auto")
    ([False, False, False, False], [True, True, True, True, False], [False, False, False])
    """
    out = [False] * len(text)
    if digits == "upright":
        return out
    for match in _LATIN_RUN.finditer(text):
        run = match.group()
        if digits == "auto" and ((run.isdigit() and len(run) == 1) or _ACROSS.fullmatch(run)):
            continue
        out[match.start():match.end()] = [True] * len(run)
    return out


def set_column(text: str, head: HeadText, book: FontBook, digits: str, gap_before: float) -> VerticalColumn:
    """One line of head text as a vertical column (see module docstring); characters no
    font has are drawn as .notdef, marked ``missing`` (``VerticalColumn.missing``)."""
    chain = book.chain(head.role)
    size = head.size_pt
    glyphs: list[VGlyph] = []
    ends: list[float] = []
    y = 0.0
    runs = _side_by_side(text) if digits == "auto" else {}
    skip = 0
    for i, (ch, turned) in enumerate(zip(text, orientation(text, digits))):
        if skip:
            skip -= 1
            continue  # the rest of a 纵中横 run, set with its first character
        if i in runs:
            y = _across(text[i:i + runs[i]], chain, size, y, glyphs, ends)
            skip = runs[i] - 1
            continue
        face = chain.pick(ch)
        lacking = face is None
        if face is None:
            face = chain.first
        advance = (face.notdef / face.upem if lacking else face.advance_em(ch)) * size
        gid = None if lacking or turned else face.vert_gid(ch)
        if gid is None and not lacking and not turned and face.has(PRESENTATION.get(ch, "\0")):
            gid = face.gid(PRESENTATION[ch])
        drawn = 0 if lacking else face.gid(ch)
        if turned or (gid is None and ch in TURN):
            glyphs.append(VGlyph(ch, face.name, size, _turned_x(face) * size, y, drawn, rotated=True, missing=lacking))
            y += advance
            ends.append(y)
            continue
        x = (size - advance) / 2  # a narrow upright glyph is centred in the column
        baseline = y + _ascent(face) * size
        if gid is None and ch in SHIFT_UP_RIGHT:
            x, baseline = x + size / 2, baseline - size / 2
        elif gid is None and ch in SHIFT_RIGHT:
            x += size / 2
        form = None if gid is None else char_form(face, ch, gid, size)
        glyphs.append(VGlyph(ch, face.name, size, x, baseline, drawn if gid is None else gid, missing=lacking,
                             form=form))
        y += size
        ends.append(y)
    return VerticalColumn(tuple(glyphs), tuple(ends), size, y, head.align, gap_before, head.color or BLACK)


def _side_by_side(text: str) -> dict[int, int]:
    """Start index → length of the runs of ``text`` set across one cell (纵中横): two or
    three digits, or one or two digits and %.

    >>> sorted(_side_by_side("第12版2026年3月增长5%与127所").items())
    [(1, 2), (13, 2), (16, 3)]
    """
    return {m.start(): len(m.group()) for m in _LATIN_RUN.finditer(text) if _ACROSS.fullmatch(m.group())}


def _across(two: str, chain: FaceChain, size: float, y: float, glyphs: list[VGlyph], ends: list[float]) -> float:
    """A short run of digits (and %) side by side in one cell, centred across the column
    and narrowed if it is wider than ``PAIR_WIDTH_EM`` (纵中横, clreq §3.2.3; JLREQ
    tate-chu-yoko); returns the y of the next cell."""
    faces = [chain.pick(ch) or chain.first for ch in two]
    widths = [(f.advance_em(ch) if f.has(ch) else f.notdef / f.upem) * size for ch, f in zip(two, faces)]
    scale = min(1.0, PAIR_WIDTH_EM * size / sum(widths))  # narrowed to fit the cell if they are wider
    x = (size - scale * sum(widths)) / 2
    for ch, face, width in zip(two, faces, widths):
        has = face.has(ch)
        glyphs.append(VGlyph(ch, face.name, size, x, y + _ascent(face) * size, face.gid(ch) if has else 0,
                             missing=not has, scale=scale))
        ends.append(y + size)
        x += scale * width
    return y + size


def char_form(face: Face, ch: str, gid: int, size: float) -> CharForm:
    """How a back end that draws by character shows ``ch`` drawn by the vertical-form glyph
    ``gid`` of ``face`` at ``size`` pt: the Unicode presentation form the face maps to that
    glyph; else 。，、． moved half an em to the upper right of the cell; else the
    horizontal character turned 90° clockwise, its origin moved ``TURNED_FORM_EM`` so its
    em box stays in the cell."""
    presented = _presentation_forms(face).get(gid)
    if presented is not None:
        return CharForm(presented)
    if ch in SHIFT_UP_RIGHT:
        return CharForm(ch, size / 2, -size / 2)
    return CharForm(ch, TURNED_FORM_EM[0] * size, TURNED_FORM_EM[1] * size, rotated=True)


_forms: dict[Path, dict[int, str]] = {}


def _presentation_forms(face: Face) -> dict[int, str]:
    """Glyph id → the vertical presentation form character (U+FE10…FE19, U+FE30…FE4F) a
    face maps to it (cached per font file)."""
    if face.path not in _forms:
        _forms[face.path] = {gid: chr(cp) for cp, gid in face.gids.items()
                             if 0xFE10 <= cp <= 0xFE19 or 0xFE30 <= cp <= 0xFE4F}
    return _forms[face.path]


def _ascent(face: Face) -> float:
    """Em-box top to baseline, in em (the ideographic em box between ascender and descender)."""
    return face.ascender / (face.ascender - face.descender)


def _turned_x(face: Face) -> float:
    """Origin of a glyph turned 90° clockwise, from the column's left edge, in em: its
    descender side is on the left, so its em box fills the column."""
    return -face.descender / (face.ascender - face.descender)


def set_columns(heads: list[HeadText], book: FontBook, digits: str,
                room: float | None = None) -> tuple[list[VerticalColumn], tuple[str, ...]]:
    """The head texts as columns in reading order (right to left), a text longer than
    ``room`` pt flowed into further columns (see module docstring), and the characters
    no font has (each once, in order)."""
    columns: list[VerticalColumn] = []
    missing: list[str] = []
    for head in heads:
        for j, part in enumerate(p for p in head.text.split("\n") if strip_marks(p)[0]):
            text, marks = strip_marks(part)
            column = set_column(text, head, book, digits, 0.0)
            missing.extend(ch for ch in column.missing if ch not in missing)
            pieces = [text] if room is None or column.length <= room + 0.01 else _flow(text, marks, column, room,
                                                                                       head.credit)
            for k, piece in enumerate(pieces):
                gap = 0.0 if not columns else (PART_GAP_EM if j or k else GAP_EM) * head.size_pt
                columns.append(column if len(pieces) == 1 and not gap else
                               set_column(piece, head, book, digits, gap))
    return columns, tuple(missing)


def _flow(text: str, marks: frozenset[int], column: VerticalColumn, room: float, credit: bool = False) -> list[str]:
    """``text`` (set as ``column``) cut into pieces no longer than ``room`` pt: the fewest
    breaks inside words first, then the fewest columns, the editor's marks, and even
    lengths; ``credit``: a byline, its roles kept with their names (``credits.label_spaces``).
    A piece that cannot be made short enough (a 纵中横 or Latin run) is left
    long, to be reported overset."""
    if len(column.ends) != len(text):
        return [text]
    fits = list(breaks(text))
    for i, grade in (label_spaces(text) if credit else {}).items():  # (a space's grade on both its sides; a role
        for k in (i - 1, i) if text[i].isspace() else (i - 1,):  # parted from its name counted as a group is,
            if 0 <= k < len(fits):  # below a break inside a word: the role then heads its column, 新华社记者 / 李明远)
                fits[k] = max(fits[k], Fit.GROUP if grade is Fit.SUB else grade)
    ends = [0.0, *column.ends]
    cost: dict[int, tuple[tuple[int, int, int, int, float], int]] = {0: ((0, 0, 0, 0, 0.0), -1)}
    for e in range(1, len(text) + 1):
        if e < len(text) and not _may_split(text, e, ends):
            continue
        grade = fits[e - 1] if e < len(text) else Fit.WORD
        for s, (prior, _) in list(cost.items()):
            if s >= e or ends[e] - ends[s] > room + 0.01:
                continue
            share = (ends[e] - ends[s]) / room
            c = (prior[0] + (grade >= Fit.SUB), prior[1] + (grade is Fit.GROUP),
                 prior[2] + 1, prior[3] - (e in marks), prior[4] + share * share)
            if e not in cost or c < cost[e][0]:
                cost[e] = (c, s)
    if len(text) not in cost:
        return [text]
    cuts, e = [], len(text)
    while e > 0:
        cuts.append(e)
        e = cost[e][1]
    starts = [0, *cuts[::-1]]
    return [text[a:b] for a, b in itertools.pairwise(starts)]


def _may_split(text: str, i: int, ends: list[float]) -> bool:
    """Whether a column may end before ``text[i]``: not inside a 纵中横 run (its
    characters end together), not before a closing or pause mark, not after an opening one."""
    return ends[i] != ends[i + 1] and text[i] not in CLOSE + "。，、；：？！" and text[i - 1] not in OPEN


def heads_width(columns: list[VerticalColumn]) -> float:
    """Width of the columns side by side with their gaps (pt)."""
    return sum(c.width + c.gap_before for c in columns)


def strip_chars(columns: list[VerticalColumn], body_size: float) -> int:
    """Body characters the strip takes from the article: the columns and a gap of one
    body character, rounded up to whole characters (so the body keeps whole characters)."""
    if not columns:
        return 0
    return math.ceil((heads_width(columns) + body_size) / body_size - 1e-6)


def place_columns(columns: list[VerticalColumn], right: float, top: float, bottom: float, block: str,
                  report: BlockReport, align_bottom: float | None = None) -> list[VerticalLine]:
    """Columns from ``right`` leftwards (the first in reading order rightmost), from
    ``top`` down; ``center`` and ``right`` columns are centred or lowered between ``top``
    and ``align_bottom`` (default ``bottom``; a longer column reaches further, up to
    ``bottom``). Glyphs whose em box passes ``bottom`` are not drawn and are reported as
    overset (one line per column that overflows)."""
    items: list[VerticalLine] = []
    x = right
    room = bottom - top
    aligned = min(room, (bottom if align_bottom is None else align_bottom) - top)
    over: list[str] = []  # the glyphs of each column that do not fit: one overset piece
    for column in columns:
        x -= column.gap_before + column.width
        reach = max(aligned, column.length)
        shift = 0.0
        if column.length <= room + 0.01:
            shift = {"center": (reach - column.length) / 2, "right": reach - column.length}.get(column.align, 0.0)
        fits = tuple(g for g, end in zip(column.glyphs, column.ends) if end <= room + 0.01)
        rest = column.glyphs[len(fits):]
        if rest:
            over.append("".join(g.ch for g in rest))
        report.chars_set += len(fits)
        if fits:
            items.append(VerticalLine(x, top + shift, column.width, fits, block, color=column.color))
    if over:
        report.add_overset(len(over), "".join(over), sum(len(text.replace(" ", "")) for text in over))
    return items



def beside_strip(columns: list[tuple[float, float]], chars: int, side: str, body_size: float,
                 gutter: float, least: int = 4) -> list[tuple[float, float]]:
    """Body columns (x, width) in what is left of the article's columns when a strip
    ``chars`` body characters wide is taken on ``side`` (right or left).

    As ``PageGrid.body_columns``: every column is a whole number of characters, the
    same for all, and what is left over widens the gutters (at least ``gutter`` pt).
    Columns are dropped while one would hold fewer than ``least`` characters.

    >>> beside_strip([(0.0, 117.0), (126.0, 117.0)], 5, "right", 9.0, 9.0)
    [(0.0, 90.0), (108.0, 90.0)]
    >>> beside_strip([(0.0, 117.0)], 5, "left", 9.0, 9.0)
    [(45.0, 72.0)]
    """
    if not chars or not columns:
        return columns
    left, right = columns[0][0], columns[-1][0] + columns[-1][1]
    total = (right - left) / body_size - chars
    gutter_chars = gutter / body_size
    count = len(columns)
    per = int((total - (count - 1) * gutter_chars + 1e-9) // count)
    while count > 1 and per < least:
        count -= 1
        per = int((total - (count - 1) * gutter_chars + 1e-9) // count)
    per = max(per, 1)
    space = (total - count * per) / (count - 1) if count > 1 else 0.0
    start = left + (chars * body_size if side == "left" else 0.0)
    return [(start + k * (per + space) * body_size, per * body_size) for k in range(count)]
