"""Units: every length in a frame is in points (pt); em only inside glyph metrics.

In:  length strings from the YAML ("20mm", "9pt", "1.5cm", "0.5in") and Chinese
     type sizes in 号 ("小五", "一号").
Out: floats in points.
"""

from __future__ import annotations

import re

PT_PER_MM = 72.0 / 25.4
PT_PER_UNIT = {"pt": 1.0, "mm": PT_PER_MM, "cm": 10 * PT_PER_MM, "in": 72.0}

#: 号数 → pt, the conversion used by Word, WPS, CTeX and Adobe (the 号 sizes of
#: Chinese typesetting that W3C clreq describes).
HAO_SIZES_PT = {
    "初号": 42.0, "小初": 36.0, "一号": 26.0, "小一": 24.0, "二号": 22.0, "小二": 18.0,
    "三号": 16.0, "小三": 15.0, "四号": 14.0, "小四": 12.0, "五号": 10.5, "小五": 9.0,
    "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5.0,
}

_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)\s*$")


def mm(value: float) -> float:
    """Millimetres → points."""
    return value * PT_PER_MM


def to_mm(value_pt: float) -> float:
    """Points → millimetres."""
    return value_pt / PT_PER_MM


def parse_length(text: str) -> float:
    """Parse "20mm", "9pt", "1.5cm" or "0.5in" into points.

    >>> round(parse_length("25.4mm"), 6)
    72.0
    >>> parse_length("9pt")
    9.0
    """
    match = _LENGTH.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a length: write a number with pt, mm, cm or in, e.g. 20mm")
    return float(match.group(1)) * PT_PER_UNIT[match.group(2)]


def parse_size(text: str) -> float:
    """A type size: a 号 name ("小五") or a length ("9pt") → points.

    >>> parse_size("小初"), parse_size("10.5pt")
    (36.0, 10.5)
    """
    if text.strip() in HAO_SIZES_PT:
        return HAO_SIZES_PT[text.strip()]
    try:
        return parse_length(text)
    except ValueError:
        names = "、".join(HAO_SIZES_PT)
        raise ValueError(f"{text!r} is not a type size: use pt (e.g. 9pt) or a 号 name ({names})") from None
