"""Checks of font metrics read back from the cache (``layout.text.font``): the values a
damaged or foreign file could hold that no font gives.

In:  the cached arrays and tables, the font's number of glyphs (``maxp``) and the widest
     advance allowed. Out: True when every value is one a font could have.
Done with byte operations where tens of thousands of values are involved, so a warm start
pays a fraction of a millisecond for it.
"""

from __future__ import annotations

import sys
from typing import Any


def sound_metrics(upem: Any, arrays: tuple[bytes, bytes, bytes], tables: tuple[Any, ...],
                  numbers: tuple[Any, ...], glyphs: int, max_advance_em: int) -> bool:
    """Whether cached metrics are ones a font with ``glyphs`` glyphs could give: units per em
    in 16–16384; as many advances and glyph ids (``arrays``: the bytes of the code points',
    advances' and glyph ids' arrays of unsigned 32-bit integers) as code points; every
    advance at most ``max_advance_em`` em; every glyph id below ``glyphs``; the small
    ``tables`` (ink, vertical forms, variation sequences) dicts whose glyph ids are below
    ``glyphs``; the vertical ``numbers`` integers."""
    points, advances, gids = arrays
    if not (type(upem) is int and 16 <= upem <= 16384 and len(points) == len(advances) == len(gids)
            and len(points) % 4 == 0 and glyphs > 0 and all(type(n) is int for n in numbers)):
        return False
    ink, vert, uvs = tables
    if not (isinstance(ink, dict) and isinstance(vert, dict) and isinstance(uvs, dict)):
        return False
    try:
        if any(table and not 0 <= min(table.values()) <= max(table.values()) < glyphs for table in (vert, uvs)):
            return False
    except TypeError:  # a value that is not a number
        return False
    return all_below(advances, max_advance_em * upem + 1) and all_below(gids, glyphs)


def all_below(raw: bytes, limit: int) -> bool:
    """Whether every value of ``raw``, the bytes of an array of unsigned 32-bit integers in
    the machine's order, is below ``limit`` (1 ≤ limit ≤ 2**24) — by byte operations on the
    columns of those bytes, not by a loop over tens of thousands of values: the bytes above
    the limit's top byte must be zero, that byte at most the limit's, and the few values
    that share it are checked whole."""
    top = limit - 1
    shift = max(top.bit_length() - 1, 0) // 8  # which byte of ``top`` is its top one (0: the lowest)
    lane = (lambda k: k) if sys.byteorder == "little" else (lambda k: 3 - k)  # offset of byte k (0: lowest)
    zero = bytes(len(raw) // 4)
    if any(raw[lane(k)::4] != zero for k in range(shift + 1, 4)):
        return False
    high = top >> (8 * shift)
    column = raw[lane(shift)::4]
    if column.translate(None, bytes(range(high + 1))):
        return False  # a value whose top byte is above the limit's
    rest = top & ((1 << (8 * shift)) - 1)
    at = column.find(high)
    while at >= 0:
        if int.from_bytes(raw[4 * at:4 * at + 4], sys.byteorder) & ((1 << (8 * shift)) - 1) > rest:
            return False
        at = column.find(high, at + 1)
    return True
