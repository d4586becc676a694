"""The display-type keys heads and banners share: colour, horizontal scale, 反白, 题花.

In:  the YAML mapping of a kicker, headline, subhead or banner (a ``Reader``), the house
     style in force (its colours and fitting limits) and the issue's folder.
Out: the ``HeadText``/``BannerBlock`` fields they set (``color``, ``scale``, ``reverse``,
     ``ornament``), or an ``IssueError`` naming file, line and key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from layout.issue.house import CMYK_HINT, cmyk_value, read_color
from layout.issue.reader import Doc, Reader, _checkimage
from layout.issue.style import HouseStyle

#: The keys (value kind, one line of the key reference) of a head mapping and a banner.
DISPLAY_KEYS: dict[str, tuple[str, str]] = {
    "color": ("color", "its colour: a house colour's name (报红) or [c, m, y, k] (% or fractions)"),
    "scale": ("percent", "horizontal scale, %: below 100 长体 (condensed), above 扁体 (expanded), within the "
                         "house's `fit.condense`–`fit.expand`; without it a head that does not fit is fitted"),
    "reverse": ("reverse", "反白: the text knocked out of a solid bar: true (a black bar, or the `color` given) "
                           "or the bar's colour (a house colour's name or [c, m, y, k])"),
    "ornament": ("text", "题花: a small image (PNG, JPEG) left of the head, as tall as its lines; relative to "
                         "the issue file"),
}


def display_look(doc: Doc, r: Reader, style: HouseStyle, base: Path, ornament: bool = True) -> dict[str, Any]:
    """The colour, scale, 反白 bar and 题花 of a head mapping ``r`` (absent keys: None)."""
    color = read_color(doc, r, "color", style)
    scale = r.integer("scale", None, False, style.fit.condense, style.fit.expand)
    out: dict[str, Any] = {"color": color, "scale": float(scale) if scale is not None else None,
                           "reverse": _reverse(doc, r, style, color)}
    if ornament:
        name = r.text("ornament")
        path = None
        if name:
            path = doc.local_file(r.sub("ornament"), base, name, "ornament image")
            _checkimage(doc, r.sub("ornament"), path)
        out["ornament"] = path
    return out


def _reverse(doc: Doc, r: Reader, style: HouseStyle,
             color: tuple[float, float, float, float] | None) -> tuple[float, float, float, float] | None:
    """``reverse:``: false/absent → None; true → the text's colour as the bar (black without
    one); a colour name or [c, m, y, k] → that bar."""
    value = r.raw("reverse")
    if value is None or value is False:
        return None
    if value is True:
        return color or (0.0, 0.0, 0.0, 1.0)
    if isinstance(value, str):
        return read_color(doc, r, "reverse", style)
    bar = cmyk_value(value)
    if bar is None:
        raise doc.error(r.sub("reverse"), f"reverse is true or a bar colour: {CMYK_HINT}")
    return bar
