"""Checks of font metrics read back from the cache (``layout.text.font``): the values a
damaged or foreign file could hold that no font gives.

In:  the cached arrays and tables, the font's number of glyphs (``maxp``) and the widest
     advance allowed. Out: True when every value is one a font could have.
Done with byte operations where tens of thousands of values are involved, so a warm start
pays a fraction of a millisecond for it.
"""

from __future__ import annotations

import sys
from array import array
from typing import Any


def sound_metrics(upem: Any, arrays: tuple[array[int], array[int], array[int]], tables: tuple[Any, ...],
                  numbers: tuple[Any, ...], glyphs: int, max_advance_em: int) -> bool:
    """Whether cached metrics are ones a font with ``glyphs`` glyphs could give: units per em
    in 16–16384; as many advances and glyph ids (``arrays``: code points, advances, glyph ids)
    as code points; every advance at most ``max_advance_em`` em; every glyph id below
    ``glyphs``; the small ``tables`` (ink, vertical forms, variation sequences) dicts whose
    glyph ids are below ``glyphs``; the vertical ``numbers`` integers."""
    points, advances, gids = arrays
    if not (type(upem) is int and 16 <= upem <= 16384 and len(points) == len(advances) == len(gids) and glyphs > 0
            and all(type(n) is int for n in numbers)):
        return False
    ink, vert, uvs = tables
    if not (isinstance(ink, dict) and isinstance(vert, dict) and isinstance(uvs, dict)):
        return False
    if any(type(v) is not int or not 0 <= v < glyphs for v in (*vert.values(), *uvs.values())):
        return False
    return all_below(advances, max_advance_em * upem + 1) and all_below(gids, glyphs)


def all_below(values: array[int], limit: int) -> bool:
    """Whether every value of an array of unsigned 32-bit integers is below ``limit``
    (1 ≤ limit ≤ 2**24) — by byte operations on the columns of its big-endian form, not by
    a loop over tens of thousands of values: the bytes above the limit's top byte must be
    zero, that byte at most the limit's, and the few values sharing it are checked whole."""
    top = limit - 1
    raw = values.tobytes() if sys.byteorder == "big" else swapped(values)
    shift = max(top.bit_length() - 1, 0) // 8  # the byte of ``top`` that is its top byte (0 = lowest)
    column = 3 - shift
    for k in range(column):
        if raw[k::4].strip(b"\0"):
            return False
    high = top >> (8 * shift)
    lane = raw[column::4]
    if lane.translate(None, bytes(range(high + 1))):
        return False  # a value whose top byte is above the limit's
    rest = top & ((1 << (8 * shift)) - 1)
    at = lane.find(high)
    while at >= 0:
        if int.from_bytes(raw[4 * at + column + 1:4 * at + 4], "big") > rest:
            return False
        at = lane.find(high, at + 1)
    return True


def swapped(values: array[int]) -> bytes:
    """The big-endian bytes of an array of 32-bit integers on a little-endian machine."""
    copy = array(values.typecode, values)
    copy.byteswap()
    return copy.tobytes()
