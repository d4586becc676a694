"""Runs of styled text → atoms (one per glyph) with widths, gaps and break rules.

In:  ``[(text, TextStyle), ...]`` and a ``FontBook``.
Out: ``Prepared``: per glyph its face, box width and compressible blanks; per
     gap between glyphs its natural width, kind and whether a line may break
     there. Adjacent punctuation is compressed here, before line breaking, as
     clreq asks (punctuation width adjustment precedes prohibition processing).

All widths are pt. Em values from the font are multiplied by the run's size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter

from layout.issue.model import Typography
from layout.text.font import Face, FaceChain, FontBook
from layout.text.punct import ALL, NO_SPLIT_PAIRS, Punct, punct_class
from layout.text.restyle import restyled
from layout.text.rules import rules as type_rules
from layout.text.script import (
    is_cjk,
    is_cluster_tail,
    is_combining,
    is_ideograph,
    is_regional_indicator,
    is_space,
    is_variation_selector,
)
from layout.text.wordbreak import HYPHEN, LAST_RESORT, LAST_RESORT_PLAIN, SOFT_HYPHEN, typed_breaks, word_breaks

FULL = (Punct.OPEN, Punct.CLOSE, Punct.PAUSE, Punct.STOP)
RIGHT_BLANK = (Punct.CLOSE, Punct.PAUSE, Punct.STOP)


@dataclass(frozen=True)
class TextStyle:
    """A face role and a size in pt."""

    role: str
    size_pt: float
    emphasis: bool = False  # 着重号: dots under the ideographs of this run


@dataclass
class Atom:
    """One glyph. ``box`` is its nominal width; ``left``/``right`` what compression removed."""

    ch: str
    face: Face
    size: float
    box: float
    ink_off: float = 0.0  # glyph origin offset inside the box
    scale: float = 1.0  # horizontal glyph scale (dashes drawn to fill their em)
    punct: Punct = Punct.NONE
    left: float = 0.0
    right: float = 0.0
    trim_left_max: float = 0.0
    trim_right_max: float = 0.0
    missing: bool = False  # no installed face has this character
    keep_blank: bool = False  # its blank half is a typed word space: not squeezed mid-line
    emphasis: bool = False  # 着重号 under this character
    tail: str = ""  # variation selector, joiner or modifier drawn with this glyph (see script.is_cluster_tail)
    over_left: float = 0.0  # ink of a Latin glyph left of its box (pt): kept inside at a line's start
    over_right: float = 0.0  # ink right of its box (the f of the Serif face): kept inside at a line's end

    @property
    def cluster(self) -> str:
        """The character with what travels with it: the text its glyph copies out as."""
        return self.ch + self.tail

    @property
    def width(self) -> float:
        """Width after compression."""
        return self.box - self.left - self.right


#: Gap kinds (``Prepared.kinds``): "none" (solid: inside a word, number, —— or
#: ……), "cjk" (between Chinese characters), "latin" (Han–Latin gap), "space" (a
#: word space).


@dataclass
class Prepared:
    """A paragraph ready for line breaking."""

    atoms: list[Atom]
    gaps: list[float]  # natural width after atom i (len = len(atoms) - 1)
    kinds: list[str]
    breakable: list[bool]  # may a line break after atom i
    soft: list[bool] = field(default_factory=list)  # may a forced break (inside a word) fall after atom i
    missing: list[str] = field(default_factory=list)
    joins: list[bool] = field(default_factory=list)  # atoms i and i+1 are one grapheme cluster: never apart
    variants: list[str] = field(default_factory=list)  # variation sequences no face has: drawn in the base form
    hyphens: dict[int, Atom] = field(default_factory=dict)  # a line ending after atom i ends with this hyphen
    last_resort: frozenset[int] = frozenset()  # breaks taken only as a last resort (wordbreak.LAST_RESORT)
    letters: list[bool] = field(default_factory=list)  # gap i is between two letters of a Latin word
    restyled: list[tuple[str, str]] = field(default_factory=list)  # (ideograph, face) drawn in another style

    @property
    def text(self) -> str:
        """The characters of the paragraph (spaces dropped)."""
        return "".join(a.cluster for a in self.atoms)


def _quantise(blank_em: float) -> float:
    """How much of a blank side may be removed: ½ em, ¼ em (centred marks) or nothing."""
    if blank_em >= 0.45:
        return 0.5
    if blank_em >= 0.22:
        return 0.25
    return 0.0


def make_atom(ch: str, chain: FaceChain, size: float, half: frozenset[Punct] = frozenset(),
              latin: Face | None = None, base: Face | None = None) -> Atom:
    """Measure one character: box, ink offset and compressible blanks (in pt).

    ``half``: the punctuation classes the punctuation style sets half width inside a line
    (``layout.text.rules``: none for ``quanjiao``/``line_end_half``, all but 。？！ for
    ``kaiming``, all for ``banjiao``).
    ``latin`` is the Latin face of a composite font, used for letters and digits;
    ``base`` the face of the character a combining mark attaches to (kept if it has the mark).
    Pure: the atom depends on the arguments alone (``_read_atoms`` keeps each style's atoms
    with the font book and copies them), so anything else it should depend on must be one.
    """
    if base is not None and base.has(ch):
        picked: Face | None = base
    elif latin is not None and ch.isalnum() and not is_cjk(ch) and latin.has(ch):
        picked = latin
    else:
        picked = chain.pick(ch)
    face, missing = (picked, False) if picked else (chain.first, True)
    kind = punct_class(ch)
    adv = face.advance_em(ch) if not missing else face.notdef / face.upem  # drawn as .notdef
    atom = Atom(ch=ch, face=face, size=size, box=adv * size, punct=kind, missing=missing)
    ink = face.ink_em(ch) if not missing else None
    if kind in FULL:
        atom.box = size
        if adv < 0.9:  # proportional mark in a full-width slot: keep ink on its side
            atom.ink_off = (1.0 - adv) * size if kind is Punct.OPEN else 0.0
        if ink:
            _blanks(atom, ink[0] + atom.ink_off / size, 1.0 - (ink[1] + atom.ink_off / size))
        if kind in half:
            atom.left, atom.right = atom.trim_left_max, atom.trim_right_max  # set half width for good
    elif kind is Punct.DASH and ch in "—⸺" and ink and ink[1] > ink[0]:
        units = 2.0 if ch == "⸺" else 1.0  # the dash fills its em(s) so —— joins up
        atom.box = units * size
        atom.scale = units / (ink[1] - ink[0])
        atom.ink_off = -ink[0] * atom.scale * size
    elif kind is Punct.MIDDLE:
        atom.box = 0.5 * size
        centre = (ink[0] + ink[1]) / 2 if ink else adv / 2
        atom.ink_off = 0.25 * size - centre * size
    elif ink and kind is Punct.NONE:  # a Latin glyph whose ink passes its advance box
        atom.over_left, atom.over_right = max(0.0, -ink[0]) * size, max(0.0, ink[1] - adv) * size
    return atom


#: An apostrophe inside a Latin word (One’s, doesn’t, O’Brien) is set as a letter of the word.
APOSTROPHES = "’"
APOSTROPHE_SIDE_EM = 0.05  # white each side of its ink (about a Latin face's own apostrophe)


def is_cjk_atom(a: Atom) -> bool:
    """Whether an atom is set as a full-width CJK character (``script.is_cjk``), an apostrophe
    inside a Latin word excepted (``word_apostrophes``)."""
    return is_cjk(a.ch) and not (a.punct is Punct.NONE and a.ch in APOSTROPHES)


def word_apostrophes(atoms: list[Atom], spaces: list[str]) -> set[int]:
    """Indices of the apostrophes between two Latin letters with no space on either side:
    set proportional, as a letter of the word (never a full-width closing quote, never a
    break), each in place in ``atoms``. Its box is its ink and the face's side bearing each
    side, at least the face's straight apostrophe (the glyph itself is kept: the copy is
    copied out as typed)."""
    found = set()
    for i in range(1, len(atoms) - 1):
        a = atoms[i]
        if (a.ch in APOSTROPHES and not spaces[i] and not spaces[i + 1] and _latin_letter(atoms[i - 1].ch)
                and _latin_letter(atoms[i + 1].ch)):
            ink = a.face.ink_em(a.ch) if not a.missing else None
            atom = _copy(a)
            atom.punct, atom.left, atom.right, atom.trim_left_max, atom.trim_right_max = Punct.NONE, 0.0, 0.0, 0.0, 0.0
            if ink is not None and a.face.advance_em(a.ch) > 0.6:  # a full-width glyph: narrowed to its ink
                straight = a.face.advance_em("'") if a.face.has("'") else 0.0
                width = max(ink[1] - ink[0] + 2 * APOSTROPHE_SIDE_EM, straight)
                atom.box, atom.ink_off = width * a.size, ((width - (ink[1] - ink[0])) / 2 - ink[0]) * a.size
            atoms[i] = atom
            found.add(i)
    return found


def _latin_letter(ch: str) -> bool:
    return ch.isalpha() and not is_cjk(ch)


def _blanks(atom: Atom, left: float, right: float) -> None:
    """Compressible blanks from the glyph's ink (em): the blank side of a mainland mark
    gives up ½ em; a centred mark (Taiwan/Hong Kong fonts) ¼ em on each side."""
    size = atom.size
    if min(left, right) >= 0.15 and abs(left - right) < 0.25:  # centred ink
        atom.trim_left_max = atom.trim_right_max = min(_quantise(min(left, right)), 0.25) * size
    elif atom.punct is Punct.OPEN:
        atom.trim_left_max = _quantise(left) * size
    else:
        atom.trim_right_max = _quantise(right) * size


def _gap(a: Atom, b: Atom, spaced: str, typo: Typography) -> tuple[float, str]:
    """Natural width and kind of the gap between two atoms (``spaced``: the space typed, or '')."""
    size = max(a.size, b.size)
    a_cjk, b_cjk = is_cjk(a.ch), is_cjk(b.ch)
    if spaced:
        if spaced == "\u3000":
            return size, "space"
        if a.punct in RIGHT_BLANK or b.punct is Punct.OPEN:
            return 0.0, "space"  # the mark's own blank is the space
        if (a_cjk and not b_cjk and _takes_gap(b.ch)) or (b_cjk and not a_cjk and _takes_gap(a.ch)):
            return typo.latin_gap_em * size, "latin"  # a typed space between Han and Latin is the ¼ em gap
        if a_cjk or b_cjk:
            return 0.5 * size, "space"
        return min(a.face.advance_em(" ") if a.face.has(" ") else 0.25, 0.5) * a.size, "space"
    if a.ch == b.ch and a.ch in NO_SPLIT_PAIRS:
        return 0.0, "none"
    if a_cjk and b_cjk:
        return 0.0, "cjk"
    if (a_cjk and a.punct is Punct.NONE and _takes_gap(b.ch)) or (
            b_cjk and b.punct is Punct.NONE and _takes_gap(a.ch)):
        return typo.latin_gap_em * size, "latin"
    if a_cjk or b_cjk:
        return 0.0, "cjk"
    return 0.0, "none"


def _takes_gap(ch: str) -> bool:
    """Latin letters, digits and unit signs get the Han–Latin gap; +, -, / and the like do not."""
    return ch.isalnum() or ch in "%‰℃°"


#: Two full-width marks side by side (a mark's class is its character's, ``punct_class``): the
#: pairs ``_compress_adjacent`` looks at, found in the paragraph's text in one scan.
_FULL_PAIR = re.compile("(?=[{0}][{0}])".format(re.escape("".join(ch for ch in ALL if punct_class(ch) in FULL))))


def _compress_adjacent(atoms: list[Atom], kinds: list[str], pairs: Iterable[int]) -> None:
    """Adjacent full-width marks give up the blank between them (2 em → 1.5 em); ``pairs``:
    the indices i where atoms i and i+1 may both be such marks (every i before the last).

    The mark whose blank faces the other gives it up, so brackets keep hugging
    the text they enclose: ）。 and 。” drop the first mark's right half, （“
    drops the second's left half (clreq "adjustment of adjacent punctuation").
    With centred marks both give up ¼ em.
    """
    for i in pairs:
        a, b = atoms[i], atoms[i + 1]
        if kinds[i] == "space" or a.punct not in FULL or b.punct not in FULL or a.keep_blank or b.keep_blank:
            continue
        need = 0.5 * max(a.size, b.size) - (a.right + b.left)  # what must go of the blank between them
        from_a = max(0.0, min(need, a.trim_right_max - a.right))
        a.right += from_a
        b.left += max(0.0, min(need - from_a, b.trim_left_max - b.left))


def _keep_word_space(atoms: list[Atom], gaps: list[float], kinds: list[str]) -> None:
    """Where a typed space is carried by a mark's blank half (``）记``, ``者 （``), that
    blank is the word space: it may not be squeezed away inside a line (a line end
    still drops it, as it drops any space)."""
    for i, kind in enumerate(kinds):
        if kind != "space" or gaps[i]:
            continue
        a, b = atoms[i], atoms[i + 1]
        if a.punct in RIGHT_BLANK:
            a.keep_blank = True
            if b.punct is Punct.OPEN:  # ：“ with a space: one blank is the space, the other goes
                b.left = b.trim_left_max
        elif b.punct is Punct.OPEN:
            b.keep_blank = True


def _read_atoms(runs: list[tuple[str, TextStyle]], book: FontBook, typo: Typography,
                soft: set[int]) -> tuple[list[Atom], list[str], list[bool]]:
    """The atoms of the runs, the space typed before each ('' if none) and whether each
    joins the atom before it in one grapheme cluster (UAX #29: a combining mark, the
    character after a zero-width joiner, the second regional indicator of a flag).
    Variation selectors, joiners and emoji modifiers become the ``tail`` of their atom.
    A typed soft hyphen (U+00AD) is no atom: the index of the atom before it goes in ``soft``."""
    atoms: list[Atom] = []
    spaces: list[str] = []
    joined: list[bool] = []
    add_atom, add_space, add_joined = atoms.append, spaces.append, joined.append
    pending, after_joiner, open_flag = "", False, False
    latin = book.face(typo.latin_font) if typo.latin_font else None
    half = type_rules(typo).half_inside
    for text, style in runs:
        chain = book.chain(style.role)
        # plain characters (no space, cluster tail, combining mark or flag letter) measured
        # before in this style: copied, not measured again (make_atom is pure)
        measured = book.memo(("atoms", style.role, style.size_pt, half, latin.name if latin else ""))
        emphasis, known = style.emphasis, measured.get
        for ch in text:
            template = known(ch)
            if template is not None:  # what the steps below do for a plain character
                atom = _new_atom(Atom)
                atom.__dict__ = template.__dict__.copy()
                if emphasis:
                    atom.emphasis = is_ideograph(ch)
                if atoms:
                    add_space(pending)
                    add_joined(not pending and after_joiner)
                else:
                    add_space("")
                    add_joined(False)
                add_atom(atom)
                pending, after_joiner, open_flag = "", False, False
                continue
            if ch == SOFT_HYPHEN:  # typed: the word may break here (``typed_breaks``), drawn only at a line end
                if atoms and not pending:
                    soft.add(len(atoms) - 1)
                continue
            if is_space(ch):
                pending = "\u3000" if "\u3000" in (pending + ch) else " "
                after_joiner = open_flag = False
                continue
            attached = bool(atoms) and not pending
            if attached and is_cluster_tail(ch):
                atoms[-1].tail += ch
                after_joiner = ch == "\u200d"
                continue
            flag = is_regional_indicator(ch)
            join = attached and (is_combining(ch) or after_joiner or (flag and open_flag))
            base = atoms[-1].face if join and is_combining(ch) else None
            atoms.append(make_atom(ch, chain, style.size_pt, half, latin, base))
            if not (flag or is_combining(ch) or is_cluster_tail(ch)):
                measured[ch] = _copy(atoms[-1])
            atoms[-1].emphasis = emphasis and is_ideograph(ch)
            spaces.append(pending if len(atoms) > 1 else "")
            joined.append(join)
            pending, after_joiner = "", False
            open_flag = flag and not (join and open_flag)
    return atoms, spaces, joined


_new_atom = object.__new__
_missing_of, _tail_of = attrgetter("missing"), attrgetter("tail")


def _copy(atom: Atom) -> Atom:
    """A copy of an atom (its fields are plain values)."""
    out = _new_atom(Atom)
    out.__dict__ = atom.__dict__.copy()
    return out


def _variants(atoms: list[Atom]) -> list[str]:
    """Variation sequences (base + selector) the atom's face has no glyph for; they are
    drawn in the base's standard form and copied out with their selector."""
    out = []
    for a in atoms:
        if not a.tail:  # (most atoms: nothing follows the character)
            continue
        pair = a.ch + a.tail[:1]
        if (is_variation_selector(a.tail[0]) and a.tail[0] not in "\ufe0e\ufe0f" and not a.missing
                and not a.face.has_variant(pair) and pair not in out):  # (text/emoji presentation: a style)
            out.append(pair)
    return out


def prepare(runs: list[tuple[str, TextStyle]], book: FontBook, typo: Typography) -> Prepared:
    """Measure and classify a paragraph's runs (see module docstring)."""
    typed: set[int] = set()  # atoms a soft hyphen was typed after
    atoms, spaces, joined = _read_atoms(runs, book, typo, typed)
    chars = [a.ch for a in atoms]
    apostrophes = word_apostrophes(atoms, spaces) if "’" in chars else set()
    cjk = list(map(is_cjk, chars))
    gaps: list[float] = []
    kinds: list[str] = []
    add_gap, add_kind = gaps.append, kinds.append
    for i, (a_cjk, b_cjk, spaced, join) in enumerate(zip(cjk, cjk[1:], spaces[1:], joined[1:])):
        if join or (apostrophes and (i in apostrophes or i + 1 in apostrophes)):
            add_gap(0.0)
            add_kind("none")
        elif a_cjk and b_cjk and not spaced:  # what _gap gives two Han characters
            add_gap(0.0)
            add_kind("none" if chars[i] == chars[i + 1] and chars[i] in NO_SPLIT_PAIRS else "cjk")
        else:
            width, kind = _gap(atoms[i], atoms[i + 1], spaced, typo)
            add_gap(width)
            add_kind(kind)
    if "space" in kinds:
        _keep_word_space(atoms, gaps, kinds)
    _compress_adjacent(atoms, kinds, [m.start() for m in _FULL_PAIR.finditer("".join(chars))])
    rules = type_rules(typo).prohibition
    joins = joined[1:]
    no_end, no_start = rules.no_end, rules.no_start  # _may_break, for every gap at once
    after = chars[1:]  # (each gap's two characters, zipped: no index arithmetic per gap)
    allowed = [not (a in no_end or b in no_start or j) for a, b, j in zip(chars, after, joins)]
    breakable = [ok and kind != "none" for ok, kind in zip(allowed, kinds)]
    soft = [ok and not (a == b in NO_SPLIT_PAIRS) for ok, a, b in zip(allowed, chars, after)]
    last_resort: set[int] = set()
    # (copy all in Chinese has no word, number or URL to open)
    hyphens = {} if all(cjk) else _word_breaks(atoms, kinds, joins, breakable, apostrophes, last_resort, cjk, typed)
    _keep_names(atoms, kinds, breakable)
    missing = sorted({a.ch for a in atoms if a.missing}) if any(map(_missing_of, atoms)) else []
    letter = [ch.isalnum() and not c for ch, c in zip(chars, cjk)]  # a Latin letter or digit (may be letter-spaced)
    for i in apostrophes:
        letter[i] = True
    letters = [kind == "none" and not j and a and b for kind, j, a, b in zip(kinds, joins, letter, letter[1:])]
    return Prepared(atoms=atoms, gaps=gaps, kinds=kinds, breakable=breakable, soft=soft, missing=missing,
                    joins=joins, variants=_variants(atoms) if any(map(_tail_of, atoms)) else [],
                    hyphens=hyphens, letters=letters,
                    last_resort=frozenset(i for i in last_resort if breakable[i]),
                    restyled=restyled(runs, atoms, book))


_DATELINE = re.compile(r"（[^（）]{0,6}?(?:记者|通讯员|实习生|摄影)[^（）]{1,30}）")


def _keep_names(atoms: list[Atom], kinds: list[str], breakable: list[bool]) -> None:
    """A dateline's reporters stay whole: inside （记者 李明远 王芳） a line may break only at a
    space or 、 between names, never inside a name (looked for in the first 40 characters)."""
    head = "".join(a.ch for a in atoms[:40])
    for match in _DATELINE.finditer(head):
        for k in range(match.start(), match.end() - 1):
            if kinds[k] != "space" and atoms[k].ch != "、":
                breakable[k] = False


def _word_breaks(atoms: list[Atom], kinds: list[str], joins: list[bool], breakable: list[bool],
                 apostrophes: set[int], last_resort: set[int], cjk: list[bool],
                 typed: set[int] | None = None) -> dict[int, Atom]:
    """Open the break opportunities inside Latin words, numbers and URLs (``wordbreak``) in
    ``breakable``; the hyphen atom to draw at the end of a line broken after atom i.
    (The GB solidus rule is for 和/或 in Chinese: a URL still breaks after its /.)
    An apostrophe inside a word is read as the straight one, a character of the word; the
    last-resort breaks (a short word's hyphenation points, after a hyphen in a code) are added
    to ``last_resort``; ``cjk``: ``is_cjk`` of each atom's character; ``typed``: the atoms a
    soft hyphen was typed after (a word holding one breaks only there, ``typed_breaks``)."""
    chars = [("'" if i in apostrophes else a.ch) for i, a in enumerate(atoms)]
    hyphens: dict[int, Atom] = {}
    found = word_breaks(chars, kinds, None if apostrophes else cjk)
    if typed:
        found = typed_breaks(found, typed, chars, kinds, joins, cjk)
    last_resort.update(i for i, kind in found.items() if kind in (LAST_RESORT, LAST_RESORT_PLAIN))
    for i, kind in found.items():
        hyphenate = kind in (HYPHEN, LAST_RESORT)
        a = atoms[i]
        mark = next((m for m in "\u00ad-" if a.face.has(m)), "")  # a soft hyphen: drawn, copied out as U+00AD
        if joins[i] or (hyphenate and not mark):
            continue
        breakable[i] = True
        if hyphenate:
            hyphens[i] = Atom(ch=mark, face=a.face, size=a.size, box=a.face.advance_em(mark) * a.size)
    return hyphens
