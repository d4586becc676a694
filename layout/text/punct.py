"""Punctuation classes and line-breaking rule tables for horizontal Chinese.

Sources: W3C clreq "Prohibition Rules for Line Start and Line End" and
"Punctuation width adjustment"; GB/T 15834—2011 §5.1 (mainland positions,
line-end half width); JLREQ cl-01…cl-13 for the weak prefix/postfix classes.
See reference/cjk-typography.md §1.1–§1.3, which summarises them.
"""

from __future__ import annotations

from enum import Enum


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


OPEN = "“‘（《〈「『【〔〖［｛"
CLOSE = "”’）》〉」』】〕〗］｝"
PAUSE = "、，；：．"
STOP = "。？！‼⁇⁈⁉"
DASH = "—⸺…⋯‥"
MIDDLE = "·・‧"
CONNECTOR = "～–／"

#: Marks that may not start a line: GB-style set (clreq basic + GB/T 15834), plus
#: the dash and ellipsis of the "strict" level: GB/T 15834 allows —— and …… at a
#: line start, but newspaper desks (and our page checker) treat it as a fault, so
#: the default avoids it; the pair is still never split.
NO_START = frozenset(
    CLOSE + PAUSE + STOP + MIDDLE + CONNECTOR + DASH
    + "!),.:;?]}%‰℃°′″/"  # ASCII closers and JLREQ cl-13 postfixes
)
#: Marks that may not end a line: opening marks and JLREQ cl-12 prefixes.
NO_END = frozenset(OPEN + "([{￥¥$＄£￡#№/")
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

#: Shrink priority when a line must be compressed (clreq "inter-character
#: spacing reduction"): lower number shrinks first.
SHRINK_ORDER = {Punct.MIDDLE: 3, Punct.OPEN: 4, Punct.CLOSE: 4, Punct.PAUSE: 5, Punct.STOP: 7}


def punct_class(ch: str) -> Punct:
    """The class of one character (``Punct.NONE`` for non-punctuation).

    >>> punct_class("，"), punct_class("《"), punct_class("字")
    (<Punct.PAUSE: 'pause'>, <Punct.OPEN: 'open'>, <Punct.NONE: 'none'>)
    """
    return _CLASS.get(ch, Punct.NONE)
