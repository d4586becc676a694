"""Character scripts as the text engine needs them: Han-like, Latin-like, space."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def is_cjk(ch: str) -> bool:
    """Whether ``ch`` is set as a full-width CJK character (ideograph, kana, CJK symbol,
    full-width form, or a full-width letterlike symbol such as Ⅱ or ①).

    >>> is_cjk("字"), is_cjk("A"), is_cjk("，"), is_cjk("Ⅱ")
    (True, False, True, True)
    """
    cp = ord(ch)
    return (
        0x2E80 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0xFE10 <= cp <= 0xFE6F
        or 0xFF01 <= cp <= 0xFF60 or 0xFFE0 <= cp <= 0xFFE6 or 0x20000 <= cp <= 0x3FFFF
        or 0x2150 <= cp <= 0x218F or 0x2460 <= cp <= 0x24FF or 0x3200 <= cp <= 0x33FF
        or ch in "“”‘’—…·"
    )


@lru_cache(maxsize=4096)
def is_ideograph(ch: str) -> bool:
    """Han ideographs only (the characters a character grid counts)."""
    cp = ord(ch)
    return 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF


@lru_cache(maxsize=4096)
def is_word_char(ch: str) -> bool:
    """Letters, digits and marks that form unbreakable Latin words and numbers."""
    if is_cjk(ch) or ch.isspace():
        return False
    return unicodedata.category(ch)[0] in "LNM" or ch in ".,%‰‰°℃'’-+/:_&@#$"


def is_space(ch: str) -> bool:
    """Whitespace (folded into one word space between Latin words)."""
    return ch.isspace() or ch == "\u3000"
