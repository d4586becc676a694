"""The house style's building blocks: the table of every style class's keys and the two
one-face element types the other style classes are made of.

In:  nothing.
Out: ``KEYS`` (style class → its keys: YAML value kind and the key reference line), ``CMYK``,
     ``Type`` (font role and size) and ``Face`` (font role at the body size). ``layout.issue.style``
     and ``layout.issue.style_blocks`` register their classes in ``KEYS``.
"""

from __future__ import annotations

from typing import NamedTuple

CMYK = tuple[float, float, float, float]


#: Each style class's keys: the YAML value kind (``font``, ``size``, ``length``, ``cmyk``, ``spans``,
#: ``int``, ``percent``, ``em``, ``punct``, ``ratio``, ``colors``, ``color``, ``bool``, ``text``, ``count``,
#: ``number``, ``extent``, or ``map`` for a nested style) and the key's line in the key reference.
KEYS: dict[type, dict[str, tuple[str, str]]] = {}


class Type(NamedTuple):
    """A one-face element: its font role and size."""

    font: str = "kai"
    size: float = 10.5


KEYS[Type] = {
    "font": ("font", "font role"),
    "size": ("size", "type size (a 号 name or pt)"),
}


class Face(NamedTuple):
    """An element set at the body size: its font role."""

    font: str = "kai"


KEYS[Face] = {
    "font": ("font", "font role"),
}
