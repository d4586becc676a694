"""Glyph scaling of Latin and digit runs (英文/数字压缩): the last room a tight line has.

In:  a ``Prepared`` paragraph's atoms and the narrowest horizontal scale the house style
     allows them (``style.glyph_scaling.latin_narrowest``, a fraction here: 0.92).
Out: per line, how many pt its letters and digits can give up (``sums``: prefix sums the
     breaker reads), what that costs (``cost``), and the narrowed atoms of a set line
     (``narrow``).

A professional compositor lets justification scale glyphs a few per cent (InDesign's
"Glyph Scaling", e.g. 97–103 %; 方正飞腾's 英文/数字压缩) so that a code, an address or a
number that cannot be broken still fits the line it belongs on, rather than leaving the
line before it loose. Here only letters, digits and the Latin punctuation inside such runs
are narrowed — never an ideograph, kana or a Chinese mark — all on a line by the same
factor, and only after every normal compression (word spaces, marks, Han–Latin gaps,
letters closed up) has given its room: the breaker prices a narrowed line above every
line that justifies within the loose limit (``NARROWED``), below any loose line, so a
paragraph that sets well without it is set exactly as before.
"""

from __future__ import annotations

from itertools import accumulate, compress
from operator import attrgetter, not_
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from layout.text.prepare import Atom
from layout.text.punct import Punct
from layout.text.script import is_cjk

if TYPE_CHECKING:
    from layout.text.linebreak import Measurer

EPS = 1e-6
NARROWED = 1e6  # demerits of a line whose Latin is narrowed: more than any line within the loose limit (at
# most (10 + 100)² = 12 100), less than a 孤字 last line (1e7) and far less than a loose line (about 1e12)
NARROW_PER_EM = 1e6  # and per em given up by narrowing: the least narrowing first

_SUMS: WeakKeyDictionary[Measurer, dict[float, list[float] | None]] = WeakKeyDictionary()


def narrowable(a: Atom) -> bool:
    """A glyph the scaling may narrow: a letter, a digit or a Latin mark (- . / @ _ …) at its
    natural scale; never a CJK character or mark, a dash drawn to fill its em, a space or a
    glyph no face has."""
    ch = a.ch
    if a.punct is not Punct.NONE or a.scale != 1.0 or a.missing or is_cjk(ch) or ch.isspace():
        return False
    return ch.isalnum() or (ch.isascii() and ch.isprintable())


def sums(m: Measurer, narrowest: float) -> list[float] | None:
    """Prefix sums (pt) of what each atom of ``m``'s paragraph gives up at scale ``narrowest``: the line of
    atoms [start, end) can narrow by ``s[end] - s[start]``. None when nothing can be narrowed
    (``narrowest`` ≥ 1, or a paragraph without Latin): the breaker then prices as before.
    Kept with the paragraph's ``Measurer`` (a paragraph is set at many measures in make-up)."""
    if narrowest >= 1.0 - EPS:
        return None
    kept = _SUMS.setdefault(m, {})
    if narrowest not in kept:
        atoms = m.p.atoms
        give = [0.0] * len(atoms)  # (a CJK character is never narrowable: ``narrowable`` asks only of the rest)
        for i in compress(range(len(atoms)), map(not_, map(is_cjk, map(_CH, atoms)))):
            if narrowable(atoms[i]):
                give[i] = atoms[i].box * (1.0 - narrowest)
        kept[narrowest] = list(accumulate(give, initial=0.0)) if any(give) else None
    return kept[narrowest]


_CH = attrgetter("ch")


def cost(over: float, size: float) -> float:
    """Demerits of a line that must narrow its Latin by ``over`` pt (``size`` pt type)."""
    return NARROWED + NARROW_PER_EM * over / size


def narrow(atoms: list[Atom], need: float, narrowest: float) -> float:
    """Narrow the narrowable ``atoms`` of one line (per-line copies, in place) by one factor
    so that the line is ``need`` pt shorter, never below ``narrowest``; return the pt still
    missing (0 when the scaling absorbed it all). The glyph's box, its ink offset and its
    ink overhangs scale with it, so positions and advances stay consistent."""
    chosen = [a for a in atoms if narrowable(a)]
    width = sum(a.box for a in chosen)
    if need <= EPS or width <= EPS:
        return max(need, 0.0)
    factor = max(narrowest, 1.0 - need / width)
    for a in chosen:
        a.box *= factor
        a.scale = factor
        a.ink_off *= factor
        a.over_left *= factor
        a.over_right *= factor
    return max(0.0, need - width * (1.0 - factor))
