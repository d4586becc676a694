"""Breaks → set lines: glyph x positions after justification.

In:  a ``Prepared`` paragraph, its ``Break``s, each line's measure and the alignment.
Out: ``SetLine``s whose glyphs carry x offsets in pt from the line's left edge.

Justified lines (all but a paragraph's last) end exactly at the measure.
Extra space goes, in clreq's order, first to word spaces (up to ½ em), then to
Han–Latin gaps (up to ⅓ em), then equally to every gap between characters,
never inside —— / …… or a Latin word. A line that must shrink (after push-in)
compresses, in order: word spaces, middle dots, brackets, 、，；：, Han–Latin
gaps, then 。？！ (clreq "inter-character spacing reduction").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from layout.frame import Glyph
from layout.text.linebreak import LATIN_GAP_MAX_EM, LETTER_SPACE_EM, MIN_LATIN_GAP_EM, MIN_SPACE_EM, Break, Measurer
from layout.text.prepare import Atom, Prepared
from layout.text.punct import Punct

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

    @property
    def text(self) -> str:
        """The line's characters as drawn (an added hyphen included)."""
        return "".join(g.ch for g in self.glyphs)

    @property
    def copy(self) -> str:
        """The characters of the copy the line sets: ``text`` without an added hyphen."""
        return self.text[:-1] if self.hyphenated else self.text

    @property
    def chars(self) -> int:
        """How many characters of the copy the line sets (space glyphs and an added hyphen
        not counted)."""
        return sum(1 for g in self.glyphs if g.ch != " ") - (1 if self.hyphenated else 0)

    def shifted(self, dx: float) -> SetLine:
        """The same line with every glyph moved ``dx`` pt to the right."""
        glyphs = tuple(replace(g, x=g.x + dx) for g in self.glyphs)
        return replace(self, glyphs=glyphs, width=self.width + dx)


def _expand(line: list[float], kinds: list[str], atoms: list[Atom], extra: float,
            letters: list[bool] | None = None, limit_em: float = 0.25) -> None:
    """Add ``extra`` pt to the gaps of one line in clreq's expansion order. Where the gaps
    between characters would open by more than ``limit_em``, the letters of Latin words
    are spaced (up to LETTER_SPACE_EM each) before they open further."""
    order = (("space", 0.5), ("latin", LATIN_GAP_MAX_EM))
    for kind, cap_em in order:
        idx = [i for i, k in enumerate(kinds) if k == kind]
        if not idx or extra <= EPS:
            continue
        room = [max(0.0, cap_em * atoms[i].size - line[i]) for i in idx]
        total = sum(room)
        take = min(extra, total)
        for i, r in zip(idx, room):
            line[i] += take * r / total if total > EPS else 0.0
        extra -= take
    if extra <= EPS:
        return
    idx = [i for i, k in enumerate(kinds) if k != "none" and not _beside_connector(atoms, i)]
    between = [i for i in idx if kinds[i] == "cjk"]
    idx = between or idx  # Han–Latin gaps and word spaces are full: the gaps between characters open
    spaced = [i for i, flag in enumerate(letters or []) if flag]
    if idx and spaced and extra / len(idx) > limit_em * atoms[0].size:
        for i in idx:
            line[i] += limit_em * atoms[i].size
        extra -= sum(limit_em * atoms[i].size for i in idx)
        take = min(extra, LETTER_SPACE_EM * sum(atoms[i].size for i in spaced))
        for i in spaced:
            line[i] += take / len(spaced)
        extra -= take
    if not idx:
        idx = list(range(len(kinds)))  # a lone long word: letter-space it rather than leave a gap
    if idx and extra > EPS:
        share = extra / len(idx)
        for i in idx:
            line[i] += share


def _beside_connector(atoms: list[Atom], i: int) -> bool:
    """Gaps next to connectors and solidi do not stretch (clreq)."""
    return atoms[i].punct is Punct.CONNECTOR or atoms[i + 1].punct is Punct.CONNECTOR


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


def _shrink(gaps: list[float], kinds: list[str], atoms: list[Atom], need: float) -> None:
    """Take ``need`` pt out of one line in clreq's reduction order (gaps and atoms in place)."""
    marks = atoms[:-1]  # the line-end mark is already set half width
    steps: list[list[tuple[str, int, float]]] = [
        [("gap", i, max(0.0, gaps[i] - MIN_SPACE_EM * atoms[i].size)) for i, k in enumerate(kinds) if k == "space"],
        *([("atom", i, _room(a)) for i, a in enumerate(marks) if a.punct in group] for group in _MARK_STEPS),
        [("gap", i, max(0.0, gaps[i] - MIN_LATIN_GAP_EM * atoms[i].size)) for i, k in enumerate(kinds) if k == "latin"],
        [("atom", i, _room(a)) for i, a in enumerate(marks) if a.punct is Punct.STOP],
    ]
    for step in steps:
        total = sum(room for _, _, room in step)
        if need <= EPS or total <= EPS:
            continue
        take = min(need, total)
        for what, i, room in step:
            cut = take * room / total
            if what == "gap":
                gaps[i] -= cut
            else:
                _squeeze(atoms[i], cut)
        need -= take


def _full_last(p: Prepared, m: Measurer, brk: Break, measure: float) -> bool:
    """A paragraph's last line that comes within ½ em of the measure once its final mark
    is set half width is set flush (justified) rather than left a half-em short."""
    width = m.natural(brk.start, brk.end) - m.end_trim(brk.end - 1, False)
    return measure - width <= FULL_LAST_EM * p.atoms[brk.end - 1].size + EPS


def set_line(p: Prepared, m: Measurer, brk: Break, measure: float, align: str, limit_em: float = 0.25,
             latin_gap: float = 0.25) -> SetLine:
    """Position the glyphs of one line (align: justify, left, center, right)."""
    atoms = list(p.atoms[brk.start:brk.end])  # shared with the paragraph: copied before a trim changes one
    atoms[0] = _copy(atoms[0])
    if len(atoms) > 1:
        atoms[-1] = _copy(atoms[-1])
    gaps = list(p.gaps[brk.start:brk.end - 1])
    kinds = list(p.kinds[brk.start:brk.end - 1])
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
    natural = sum(a.width for a in atoms) + sum(gaps)
    spread = 0.0
    if natural > measure + EPS:
        atoms[1:-1] = [_copy(a) for a in atoms[1:-1]]  # marks give up blank space
        _shrink(gaps, kinds, atoms, natural - measure)
    elif justify and natural < measure - EPS:
        before = list(gaps)
        _expand(gaps, kinds, atoms, measure - natural, [*p.letters[brk.start:brk.end - 1], False], limit_em)
        spread = max(_opened(gaps, before, kinds, atoms, latin_gap), default=0.0)
    glyphs = []
    x = 0.0
    for i, a in enumerate(atoms):
        glyphs.append(Glyph(a.cluster, a.face.name, a.size, x - a.left + a.ink_off, a.scale, a.missing, a.emphasis,
                            0 if a.missing else a.face.gid(a.cluster)))
        x += a.width
        if i < len(gaps):
            if kinds[i] == "space" and gaps[i] >= SPACE_GLYPH_EM * a.size and a.face.has(" "):
                # invisible; keeps the word space in copied text
                glyphs.append(Glyph(" ", a.face.name, a.size, x, gid=a.face.gid(" ")))
            x += gaps[i]
    line = SetLine(tuple(glyphs), x, measure, justify, brk.start, brk.end, brk.forced, spread, hyphen is not None)
    offset = {"center": (measure - x) / 2, "right": measure - x}.get(align, 0.0)
    return line.shifted(offset) if offset else line


def _opened(gaps: list[float], before: list[float], kinds: list[str], atoms: list[Atom],
            latin_gap: float) -> list[float]:
    """How far justification opened each gap of a line, in em: a gap between ideographs
    by what it gained; a word space by what it gained over its natural width or over
    MIN_SPACE_EM, whichever is wider (a space that is only a mark's blank may open to
    ¼ em first); a Han–Latin gap by how far it now exceeds the nominal ``latin_gap`` em
    (its band's top, latin_gap + 0.05 em, counts 0.05). So a line whose only stretch is
    its word spaces or one Han–Latin gap is judged loose like one whose ideographs part."""
    out = []
    for g, b, k, a in zip(gaps, before, kinds, atoms):
        if k == "cjk":
            out.append((g - b) / a.size)
        elif k == "space":
            out.append(max(0.0, g - max(b, MIN_SPACE_EM * a.size)) / a.size)
        elif k == "latin":
            out.append(max(0.0, g / a.size - latin_gap))
    return out


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
    """A per-line copy of an atom, so line-level trims do not leak into the paragraph."""
    return Atom(**a.__dict__)
