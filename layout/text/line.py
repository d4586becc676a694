"""Breaks → set lines: glyph x positions after justification.

In:  a ``Prepared`` paragraph, its ``Break``s, each line's measure and the alignment.
Out: ``SetLine``s whose glyphs carry x offsets in pt from the line's left edge.

Justified lines (all but a paragraph's last) end exactly at the measure.
Extra space is shared as ``stretch.plan`` says (the breaker's own model), in clreq's
order: word spaces (to ½ em), Han–Latin gaps (to 0.3 em), the gaps between
characters (to the loose limit), the letters of Latin words (to 0.1 em), then the
gaps between characters again (inside a Latin run by half as much) — never inside —— / ……, never a word space past ½ em
while a line has gaps between characters; such a line is loose and reported. A line that must shrink (after push-in)
compresses, in order: word spaces, middle dots, brackets, 、，；：, Han–Latin
gaps, then 。？！ (clreq "inter-character spacing reduction"), the letters of Latin
words by 0.02 em, and last of all its Latin and digit glyphs narrow (``narrow``, to
``style.glyph_scaling``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from layout.frame import Glyph, moved, new_glyph
from layout.text import squeeze
from layout.text.linebreak import MIN_LATIN_GAP_EM, MIN_SPACE_EM, Break, Measurer
from layout.text.narrow import narrow
from layout.text.prepare import Atom, Prepared
from layout.text.punct import Punct
from layout.text.stretch import LETTER_SQUEEZE_EM, GapRoom, plan, total

EPS = 1e-6
FULL_LAST_EM = 0.5  # a last line this close to the measure is set flush
SPACE_GLYPH_EM = 0.15  # a word space at least this wide is drawn as a space glyph


@dataclass(frozen=True)
class SetLine:
    """One typeset line; ``width`` is where its last glyph's box ends."""

    glyphs: tuple[Glyph, ...]
    width: float
    measure: float
    justified: bool
    start: int
    end: int
    forced: bool = False
    spread_em: float = 0.0  # the most any gap between characters was widened, in em
    hyphenated: bool = False  # ends with a hyphen the breaker added (not a character of the copy)
    squeezed: int = 0  # marks set narrower than full to fit it, when more than the house cap (reported)
    after: str = ""  # the copy after it that no glyph draws: " " (the word space it broke at), "\n" (paragraph end)

    @property
    def text(self) -> str:
        """The line's characters as drawn (an added hyphen included)."""
        return "".join([g.ch for g in self.glyphs])

    @property
    def shown(self) -> str:
        """``text`` as a reader sees it, for messages: a soft hyphen drawn at the end as "-"."""
        return self.text.replace("\u00ad", "-")

    @property
    def copy(self) -> str:
        """The characters of the copy the line sets: ``text`` without an added hyphen."""
        return self.text[:-1] if self.hyphenated else self.text

    @property
    def chars(self) -> int:
        """How many characters of the copy the line sets (space glyphs and an added hyphen
        not counted)."""
        return len(self.glyphs) - [g.ch for g in self.glyphs].count(" ") - (1 if self.hyphenated else 0)

    def shifted(self, dx: float) -> SetLine:
        """The same line with every glyph moved ``dx`` pt to the right."""
        glyphs = tuple(moved(g, dx) for g in self.glyphs)
        return replace(self, glyphs=glyphs, width=self.width + dx)


def _expand(line: list[float], rooms: list[GapRoom], size: float, extra: float, limit_em: float = 0.25) -> float:
    """Add ``extra`` pt to the gaps of one line (``line``, in place) as ``stretch.plan``
    shares it — the model the breaker priced the line with — and return the line's
    looseness in em. Only the gaps of the copy take part (not one before an added hyphen):
    ``rooms`` is their ``stretch.gap_rooms``, ``size`` the line's first atom's."""
    shares = plan(extra, total(rooms, size), limit_em)
    space_fill, latin_fill, mark_fill = shares.space_fill, shares.latin_fill, shares.mark_fill
    inter, letter, rest, letter_rest = shares.inter, shares.letter, shares.rest, shares.letter_rest
    if space_fill == latin_fill == mark_fill == letter == rest == letter_rest == 0.0:  # stage C alone (most
        # lines): the same sums without the terms that add 0.0 (``g + 0.0`` kept where nothing else is added)
        line[:] = [g + inter if r.inter else g + 0.0 for g, r in zip(line, rooms)]
        return shares.spread
    for i, r in enumerate(rooms):  # (the same three additions to each gap, in turn)
        width = line[i] + (space_fill * r.space + latin_fill * r.latin + mark_fill * r.mark)
        width += inter if r.inter else letter if r.letter else 0.0
        line[i] = width + ((letter_rest if r.letter else rest) if r.rest else 0.0)
    return shares.spread


def _room(a: Atom) -> float:
    """How much of a mark's blank is still compressible (0 when it carries a word space)."""
    return 0.0 if a.keep_blank else (a.trim_left_max - a.left) + (a.trim_right_max - a.right)


def _squeeze(a: Atom, cut: float) -> None:
    """Remove ``cut`` pt of a mark's blank: from its blank side first (left for an
    opening mark, right for the others), then from the other side (centred marks)."""
    first, second = ("left", "right") if a.punct is Punct.OPEN else ("right", "left")
    for side in (first, second):
        room = getattr(a, f"trim_{side}_max") - getattr(a, side)
        step = min(cut, room)
        setattr(a, side, getattr(a, side) + step)
        cut -= step


#: clreq reduction order for marks (after word spaces, before Han–Latin gaps: see _shrink).
_MARK_STEPS = ((Punct.MIDDLE,), (Punct.OPEN, Punct.CLOSE), (Punct.PAUSE,))


def _shrink(gaps: list[float], kinds: list[str], atoms: list[Atom], need: float, letters: list[bool],
            keep: set[int] | None = None) -> float:
    """Take ``need`` pt out of one line in clreq's reduction order (gaps and atoms in place);
    last of all, the letters of Latin words (``letters``: gap i is inside a word) close up
    by up to LETTER_SQUEEZE_EM each; only the marks ``keep`` (``squeeze.allowed``; None: all)
    give up blank. Returns the pt still to take (0 when it all fitted)."""
    if need <= EPS:
        return need
    for step in _steps(gaps, kinds, atoms, letters, keep):
        total = sum(room for _, _, room in step)
        if total <= EPS:
            continue
        take = min(need, total)
        for what, i, room in step:
            cut = take * room / total
            if what == "gap":
                gaps[i] -= cut
            else:
                _squeeze(atoms[i], cut)
        need -= take
        if need <= EPS:
            break
    return need


def _steps(gaps: list[float], kinds: list[str], atoms: list[Atom],
           letters: list[bool], keep: set[int] | None = None) -> Iterator[list[tuple[str, int, float]]]:
    """``_shrink``'s steps in turn, each made when reached (a step reads only gaps or atoms no
    step before it changes: word spaces; the marks of each group; Han–Latin gaps; 。？！;
    letter gaps), so most lines, done after the first steps, never make the rest."""
    marks = atoms[:-1]  # the line-end mark is already set half width
    index = range(len(marks)) if keep is None else sorted(keep)  # the marks the house cap lets give (``squeeze``)
    yield [("gap", i, max(0.0, gaps[i] - MIN_SPACE_EM * atoms[i].size)) for i, k in enumerate(kinds) if k == "space"]
    for group in _MARK_STEPS:
        yield [("atom", i, _room(marks[i])) for i in index if marks[i].punct in group]
    yield [("gap", i, max(0.0, gaps[i] - MIN_LATIN_GAP_EM * atoms[i].size))
           for i, k in enumerate(kinds) if k == "latin"]
    yield [("atom", i, _room(marks[i])) for i in index if marks[i].punct is Punct.STOP]
    yield [("gap", i, LETTER_SQUEEZE_EM * atoms[i].size) for i, flag in enumerate(letters[:len(kinds)]) if flag]


def _full_last(p: Prepared, m: Measurer, brk: Break, measure: float) -> bool:
    """A paragraph's last line that comes within ½ em of the measure once its final mark
    is set half width is set flush (justified) rather than left a half-em short."""
    width = m.natural(brk.start, brk.end) - m.end_trim(brk.end - 1, False)
    return measure - width <= FULL_LAST_EM * p.atoms[brk.end - 1].size + EPS


def set_line(p: Prepared, m: Measurer, brk: Break, measure: float, align: str, limit_em: float = 0.25,
             latin_gap: float = 0.25, shift: float = 0.0, narrowest: float = 1.0, cap: int = 0) -> SetLine:
    """Position the glyphs of one line (align: justify, left, center, right); ``shift``: the
    line then moved that many pt right, as ``SetLine.shifted`` moves it (an indent). A line
    that must tighten squeezes at most ``cap`` marks (``squeeze``; 0: any); one still too long
    narrows its Latin, down to ``narrowest`` (``narrow``), and only then squeezes more marks."""
    atoms = p.atoms[brk.start:brk.end]  # a new list; the atoms are the paragraph's: copied before a trim
    atoms[0] = _copy(atoms[0])
    if len(atoms) > 1:
        atoms[-1] = _copy(atoms[-1])
    gaps = p.gaps[brk.start:brk.end - 1]  # (slices: new lists)
    kinds = p.kinds[brk.start:brk.end - 1]
    atoms[0].left += m.start_trim(brk.start, brk.start == 0)
    atoms[0].trim_left_max = atoms[0].left  # a line start is never squeezed: nothing pulled out past the edge
    justify = align == "justify" and (not brk.last or _full_last(p, m, brk, measure))
    atoms[-1].right += m.end_trim(brk.end - 1, not justify)
    hyphen = None if brk.last else p.hyphens.get(brk.end - 1)
    if hyphen is not None:  # broken at a hyphenation point: the hyphen ends the line
        atoms.append(_copy(hyphen))
        gaps.append(0.0)
        kinds.append("none")
    fit_dash(atoms[0], True, len(atoms) == 1)
    fit_dash(atoms[-1], len(atoms) == 1, True)
    natural = sum([a.box - a.left - a.right for a in atoms]) + sum(gaps)  # (Atom.width)
    spread, tight = 0.0, 0
    if natural > measure + EPS:
        atoms[1:-1] = [_copy(a) for a in atoms[1:-1]]  # marks give up blank space
        letters = p.letters[brk.start:brk.end - 1]
        rooms = squeeze.rooms_of(atoms[:-1]) if cap else None  # (each mark's blank, asked once)
        keep = squeeze.allowed(atoms[:-1], cap, rooms) if cap else None
        before = None if keep is None else rooms
        left = _shrink(gaps, kinds, atoms, natural - measure, letters, keep)
        if left > EPS and narrowest < 1.0:
            left = narrow(atoms, left, narrowest)
        if left > EPS and before is not None:  # only more marks fit it: set so, and reported
            _shrink(gaps, kinds, atoms, left, letters)
            tight = squeezed if (squeezed := squeeze.squeezed(before, atoms[:-1])) > cap else 0
    elif justify and natural < measure - EPS:
        own = brk.end - 1 - brk.start  # the copy's gaps: a hyphen's never opens
        opened = gaps[:own]
        # the rooms of the paragraph's gaps are the line's: they read no trim a line start or end
        # makes (a gap's room reads its left atom's right blank, its right atom's left blank)
        if not m.gap_rooms:
            m.rooms()
        spread = _expand(opened, m.gap_rooms[brk.start:brk.end - 1], atoms[0].size, measure - natural, limit_em)
        gaps[:own] = opened
    offset, x, glyphs = _place(atoms, gaps, kinds, measure, align)
    for dx in (offset, shift):  # each as ``SetLine.shifted`` adds it (the same sums, in turn)
        if dx:
            glyphs = [moved(g, dx) for g in glyphs]
            x += dx
    return SetLine(tuple(glyphs), x, measure, justify, brk.start, brk.end, brk.forced, spread, hyphen is not None,
                   tight, after(p, brk.end))


def after(p: Prepared, end: int) -> str:
    """``SetLine.after`` of a line of ``p`` that ends before atom ``end`` (a space a mark's blank carries, as in
    ``：“``, is none, as no glyph draws it inside a line)."""
    if end >= len(p.atoms):
        return "\n"
    return " " if p.kinds[end - 1] == "space" and p.gaps[end - 1] > 0 else ""


def copy_of(lines: Iterable[SetLine]) -> str:
    """The copy ``lines`` set, as it was typed, for an overset report: the word spaces they broke at kept, a paragraph
    ended by a line break (none after the last)."""
    return "".join([line.copy + line.after for line in lines]).rstrip("\n")


_tnew = tuple.__new__
_new = object.__new__
_dict_get = dict.get


def _place(atoms: list[Atom], gaps: list[float], kinds: list[str], measure: float,
           align: str) -> tuple[float, float, list[Glyph]]:
    """The glyphs of a line, x from the line's left edge; the width they take and the shift
    that aligns them (center, right; 0 otherwise), which the caller adds as
    ``SetLine.shifted`` would (the same sums). Each glyph is made in the loop (``new_glyph``
    written out), not from a row of its fields made first."""
    glyphs: list[Glyph] = []
    add = glyphs.append
    x = 0.0
    n_gaps = len(gaps)
    face = atoms[0].face  # the face of the atom before, its name and glyph ids (a line's atoms share one)
    name, gids = face.name, face.gids
    for i, a in enumerate(atoms):
        if a.face is not face:
            face = a.face
            name, gids = face.name, face.gids
        size, tail, missing = a.size, a.tail, a.missing
        cluster = a.ch + tail if tail else a.ch
        gid = 0
        if not missing:  # ``face.gid``, the table's own dict first (a glyph id looked up before on the page)
            found = _dict_get(gids, ord(cluster)) if len(cluster) == 1 else None
            gid = face.gid(cluster) if found is None else found
        left = a.left
        add(_tnew(Glyph, (cluster, name, size, x - left + a.ink_off, a.scale, missing, a.emphasis, gid)))
        x += a.box - left - a.right
        if i < n_gaps:
            gap = gaps[i]
            if kinds[i] == "space" and gap >= SPACE_GLYPH_EM * size and face.has(" "):
                # invisible; keeps the word space in copied text
                add(new_glyph(" ", name, size, x, 1.0, False, False, face.gid(" ")))
            x += gap
    offset = (measure - x) / 2 if align == "center" else measure - x if align == "right" else 0.0
    return offset, x, glyphs


def fit_dash(a: Atom, at_start: bool, at_end: bool) -> None:
    """Draw a dash at a line's edge inside its box (in place, on a per-line copy).

    A dash is scaled so that its ink fills its em(s) and —— joins up; its side bearings
    scale with it, so its advance box reaches past the em on both sides (— in the Serif
    face by 0.055 em). At a line's end the ink keeps its left end and the scale is cut so
    the advance box ends at the edge (at a line's start, mirrored); a dash alone on a
    line is drawn with its advance box filling its em(s)."""
    ink = a.face.ink_em(a.ch) if a.punct is Punct.DASH and a.scale != 1.0 else None
    if ink is None or not (at_start or at_end):
        return
    units, adv = a.box / a.size, a.face.advance_em(a.ch)
    if at_start and at_end:
        scale, off = units / adv, 0.0
    elif at_end:
        scale = units / (adv - ink[0])
        off = -ink[0] * scale
    else:
        scale = units / ink[1]
        off = units - ink[1] * scale
    if scale < a.scale:
        a.scale, a.ink_off = scale, off * a.size


def _copy(a: Atom) -> Atom:
    """A per-line copy of an atom, so line-level trims do not leak into the paragraph (its
    fields are plain values: a copy of its ``__dict__`` is what ``Atom(**a.__dict__)`` makes)."""
    out = _new(Atom)
    out.__dict__ = a.__dict__.copy()
    return out
