"""Punctuation classes and line-breaking rule tables for horizontal Chinese.

Sources: W3C clreq "Prohibition Rules for Line Start and Line End" and
"Punctuation width adjustment"; GB/T 15834—2011 §5.1 (mainland positions,
line-end half width); JIS X 4051 / JLREQ cl-01…cl-13 for the weak prefix/postfix classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache


class Punct(Enum):
    """Punctuation class (clreq/GB/T 15834 terms)."""

    OPEN = "open"  # 开引号、开括号: ink in the right half
    CLOSE = "close"  # 闭引号、闭括号: ink in the left half
    PAUSE = "pause"  # 、，；： (mainland: ink left/bottom-left)
    STOP = "stop"  # 。？！ (compressed last, clreq step 7)
    DASH = "dash"  # —— and …… halves: 1 em each, never split
    MIDDLE = "middle"  # interpunct · ・ ‧: ½ em, centred
    CONNECTOR = "connector"  # ～ – and the solidus: not at line start
    NONE = "none"

    # A member is hashed by identity, in C (``Enum.__hash__`` hashes its name in Python: about 5 600
    # calls on a page, the classes looked up in sets and dicts). Equality is identity either way, and
    # no output depends on a hash (string hashes change from process to process).
    __hash__ = object.__hash__


OPEN = "“‘（《〈「『【〔〖［｛"
CLOSE = "”’）》〉」』】〕〗］｝"
PAUSE = "、，；：．"
STOP = "。？！‼⁇⁈⁉"
DASH = "—⸺…⋯‥"
MIDDLE = "·・‧"
CONNECTOR = "～–／"

_ASCII_CLOSERS = "!),.:;?]}"
_POSTFIX = "%‰℃°′″"  # JLREQ cl-13 postfixed abbreviations
_PREFIX = "￥¥$＄£￡#№"  # JLREQ cl-12 prefixed abbreviations
_SOLIDUS = "／/"
_QUESTION_EXCLAMATION = "？！‼⁇⁈⁉?!"

#: Prohibition levels (W3C clreq "Prohibition Rules for Line Start and Line End";
#: GB/T 15834-2011 §5.1; JIS X 4051): marks that may not start / end a line.
#: basic: pause/stop marks, closing brackets, connectors and interpuncts may not
#: start a line; opening brackets may not end one. gb (GB/T 15834, the default)
#: adds the solidus at both ends and the prefix signs at the end. strict adds ——
#: and …… at a line start (GB/T 15834 itself allows them there).
_NO_START = {
    "none": "",
    "basic": CLOSE + PAUSE + STOP + MIDDLE + "～–" + _ASCII_CLOSERS + _POSTFIX,
}
_NO_START["gb"] = _NO_START["basic"] + _SOLIDUS
_NO_START["strict"] = _NO_START["gb"] + DASH
_NO_END = {"none": "", "basic": OPEN + "([{" + MIDDLE}  # · joins the parts of a name: 翠湖·老街
_NO_END["gb"] = _NO_END["basic"] + _PREFIX + _SOLIDUS
_NO_END["strict"] = _NO_END["gb"]


@dataclass(frozen=True)
class Prohibition:
    """The line-start and line-end sets of one level and its options."""

    no_start: frozenset[str]
    no_end: frozenset[str]


@lru_cache(maxsize=64)
def prohibition(level: str = "gb", dash_at_line_start: bool = False, relax_start: bool = False) -> Prohibition:
    """The rule sets of a level. ``dash_at_line_start`` False also keeps —— and ……
    off a line start below the strict level (a house rule of most newspaper desks,
    which the page checker counts as a fault); ``relax_start`` lets ？ and ！ start
    a line in very short columns (the newspaper relaxation JLREQ describes).

    >>> "—" in prohibition("gb").no_start, "—" in prohibition("gb", dash_at_line_start=True).no_start
    (True, False)
    >>> "？" in prohibition("gb", relax_start=True).no_start, prohibition("none").no_start
    (False, frozenset())
    """
    start = set(_NO_START[level])
    if level != "none" and not dash_at_line_start:
        start.update(DASH)
    if level == "strict":
        start.update(DASH)
    if relax_start:
        start.difference_update(_QUESTION_EXCLAMATION)
    return Prohibition(frozenset(start), frozenset(_NO_END[level]))


#: The default rule sets (the gb level with the dash house rule).
NO_START = prohibition().no_start
NO_END = prohibition().no_end
#: Characters whose doubled form is one unit (—— …… ⋯⋯ ‥‥): never split.
NO_SPLIT_PAIRS = frozenset("—…⋯‥⸺")

#: Every character the engine treats as punctuation (ink boxes are read for these).
ALL = OPEN + CLOSE + PAUSE + STOP + DASH + MIDDLE + CONNECTOR

_CLASS = {**{c: Punct.OPEN for c in OPEN}, **{c: Punct.CLOSE for c in CLOSE},
          **{c: Punct.PAUSE for c in PAUSE}, **{c: Punct.STOP for c in STOP},
          **{c: Punct.DASH for c in DASH}, **{c: Punct.MIDDLE for c in MIDDLE},
          **{c: Punct.CONNECTOR for c in CONNECTOR}}

#: Half-width marks that GB/T 15834 sets full width inside Chinese text.
FULLWIDTH_OF = {",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "?": "？", "!": "！"}

def punct_class(ch: str) -> Punct:
    """The class of one character (``Punct.NONE`` for non-punctuation).

    >>> punct_class("，"), punct_class("《"), punct_class("字")
    (<Punct.PAUSE: 'pause'>, <Punct.OPEN: 'open'>, <Punct.NONE: 'none'>)
    """
    return _CLASS.get(ch, Punct.NONE)
