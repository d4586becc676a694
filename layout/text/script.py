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


def is_space(ch: str) -> bool:
    """Whitespace (folded into one word space between Latin words)."""
    return ch.isspace() or ch == "\u3000"


#: Code points that attach to the character before them without a glyph of their own
#: in this engine: variation selectors (standard and ideographic, UAX #37), the
#: zero-width joiner of emoji sequences, emoji skin-tone modifiers and emoji tag
#: characters (UTS #51). They travel with their base (copied out, never split off).
def is_cluster_tail(ch: str) -> bool:
    """Whether ``ch`` is folded into the preceding character's cluster (see above).

    >>> is_cluster_tail("\ufe0f"), is_cluster_tail("\U000e0100"), is_cluster_tail("\u200d"), is_cluster_tail("a")
    (True, True, True, False)
    """
    cp = ord(ch)
    return (0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF or cp == 0x200D
            or 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F)


def is_variation_selector(ch: str) -> bool:
    """Standard (U+FE00–FE0F) or ideographic (U+E0100–E01EF) variation selector."""
    cp = ord(ch)
    return 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF


@lru_cache(maxsize=4096)
def is_combining(ch: str) -> bool:
    """A combining mark (Unicode categories Mn, Mc, Me) that is drawn over or beside its
    base as a glyph of its own, and must stay on the base's line (UAX #29 extend)."""
    return unicodedata.category(ch) in ("Mn", "Mc", "Me") and not is_cluster_tail(ch)


def is_regional_indicator(ch: str) -> bool:
    """A regional indicator letter: two of them make one flag (UAX #29 GB12/13)."""
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


#: Unicode blocks a missing glyph is reported with (Unicode Blocks.txt, the ones copy
#: meets; anything else is named by its general category).
_BLOCKS = (
    (0x0000, 0x024F, "Latin"), (0x0300, 0x036F, "Combining Diacritical Marks"),
    (0x0370, 0x052F, "Greek and Cyrillic"), (0x2000, 0x206F, "General Punctuation"),
    (0x2100, 0x214F, "Letterlike Symbols"), (0x2190, 0x2BFF, "Arrows and Symbols"),
    (0x2E80, 0x2FDF, "CJK Radicals"), (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0x3040, 0x30FF, "Hiragana and Katakana"), (0x3100, 0x31BF, "Bopomofo"),
    (0x3200, 0x33FF, "Enclosed CJK and Compatibility"), (0x3400, 0x4DBF, "CJK Unified Ideographs Extension A"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs"), (0xAC00, 0xD7AF, "Hangul Syllables"),
    (0xE000, 0xF8FF, "Private Use Area"), (0xF900, 0xFAFF, "CJK Compatibility Ideographs"),
    (0xFE00, 0xFE0F, "Variation Selectors"), (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
    (0x1F000, 0x1FAFF, "Emoji and Pictographs"), (0x20000, 0x2A6DF, "CJK Unified Ideographs Extension B"),
    (0x2A700, 0x2B73F, "CJK Unified Ideographs Extension C"), (0x2B740, 0x2B81F, "CJK Unified Ideographs Extension D"),
    (0x2B820, 0x2CEAF, "CJK Unified Ideographs Extension E"), (0x2CEB0, 0x2EBEF, "CJK Unified Ideographs Extension F"),
    (0x2F800, 0x2FA1F, "CJK Compatibility Ideographs Supplement"),
    (0x30000, 0x3134F, "CJK Unified Ideographs Extension G"), (0x31350, 0x323AF, "CJK Unified Ideographs Extension H"),
    (0xE0100, 0xE01EF, "Variation Selectors Supplement"),
)


def describe(ch: str) -> str:
    """A character for a report: itself, its code point and its Unicode block.

    >>> describe("𠮷"), describe("a")
    ('𠮷 U+20BB7 (CJK Unified Ideographs Extension B)', 'a U+0061 (Latin)')
    """
    cp = ord(ch[0])
    block = next((name for lo, hi, name in _BLOCKS if lo <= cp <= hi), f"category {unicodedata.category(ch[0])}")
    shown = ch if unicodedata.category(ch[0])[0] not in "CZ" else ""
    return f"{shown} U+{cp:04X} ({block})".strip()
