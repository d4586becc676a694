"""Typography settings resolved once into enums and rule tables for the text engine.

In:  a ``Typography`` (the words an issue, page or article gives: ``punctuation: kaiming`` …).
Out: ``TypeRules``: the punctuation style as an enum with its width table, the line-start
     and line-end sets of the prohibition level, and the breaking method; the engine reads
     these instead of comparing the words.

Punctuation width styles (widths in em of the four full-width classes, at a line's start,
inside it and at its end). Sources: GB/T 15834-2011 §5.1 (marks full width; a mark ending a
line may be set half, the mainland default), W3C clreq "Punctuation width adjustment"
(全角式, 开明式, 半角式), JIS X 4051 (half-width line-end closing marks).
An opening mark starting a line is full width in every style (``line_start_open_half``
sets it half); adjacent marks are compressed further by the engine (clreq).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from layout.issue.model import Typography
from layout.text.punct import Prohibition, Punct, prohibition


class PunctStyle(Enum):
    """``typography.punctuation``."""

    QUANJIAO = "quanjiao"  # 全角式: every mark a full em, also at a line end
    LINE_END_HALF = "line_end_half"  # GB/T 15834: full em, half at a line end (the default)
    KAIMING = "kaiming"  # 开明式: half width but for 。？！
    BANJIAO = "banjiao"  # 半角式: every mark half width


class Breaking(Enum):
    """``typography.breaking``."""

    OPTIMAL = "optimal"  # total fit over the paragraph
    GREEDY = "greedy"  # line by line


@dataclass(frozen=True)
class Widths:
    """A mark's width in em at a line's start, inside the line and at its end."""

    start: float
    middle: float
    end: float


H = 0.5
_FULL = Widths(1.0, 1.0, 1.0)
_END_HALF = Widths(1.0, 1.0, H)
_HALF = Widths(H, H, H)
_OPEN = Widths(1.0, H, H)  # half inside the line, full again at a line start

#: Each punctuation style: the width of each full-width class (OPEN 开, CLOSE 闭, PAUSE 顿/逗/分/冒,
#: STOP 句/问/叹) at line start, middle and end.
PUNCT_WIDTHS: dict[PunctStyle, dict[Punct, Widths]] = {
    PunctStyle.QUANJIAO: {Punct.OPEN: _FULL, Punct.CLOSE: _FULL, Punct.PAUSE: _FULL, Punct.STOP: _FULL},
    PunctStyle.LINE_END_HALF: {Punct.OPEN: _FULL, Punct.CLOSE: _END_HALF, Punct.PAUSE: _END_HALF,
                               Punct.STOP: _END_HALF},
    PunctStyle.KAIMING: {Punct.OPEN: _OPEN, Punct.CLOSE: _HALF, Punct.PAUSE: _HALF, Punct.STOP: _END_HALF},
    PunctStyle.BANJIAO: {Punct.OPEN: _OPEN, Punct.CLOSE: _HALF, Punct.PAUSE: _HALF, Punct.STOP: _HALF},
}


@dataclass(frozen=True)
class TypeRules:
    """One ``Typography`` resolved: its punctuation table, prohibition sets and breaking."""

    punctuation: PunctStyle
    widths: dict[Punct, Widths]
    half_inside: frozenset[Punct]  # classes set half width everywhere in the line
    half_at_end: frozenset[Punct]  # classes a line end sets half width
    prohibition: Prohibition
    breaking: Breaking


@lru_cache(maxsize=64)
def rules(typo: Typography) -> TypeRules:
    """The rules of one typography (cached: a typography is a frozen value)."""
    style = PunctStyle(typo.punctuation)
    widths = PUNCT_WIDTHS[style]
    return TypeRules(
        punctuation=style, widths=widths,
        half_inside=frozenset(k for k, w in widths.items() if w.middle == H),
        half_at_end=frozenset(k for k, w in widths.items() if w.end == H and k is not Punct.OPEN),
        prohibition=prohibition(typo.prohibition, typo.dash_at_line_start, typo.relax_start),
        breaking=Breaking(typo.breaking),
    )
