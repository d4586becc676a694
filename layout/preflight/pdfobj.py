"""Reading PDF objects for preflight: numbers, matrices, resources and colour spaces.

In:  pikepdf objects (possibly malformed: every accessor tolerates the wrong type).
Out: plain Python values: floats, 6-tuples (matrices), colour-space kinds
     (``RGB``, ``CMYK``, ``gray``, ``spot``, ``pattern``, ``Lab``, ``ICC gray``,
     ``ICC CMYK``, ``unknown``) and the number of plates a colour prints on.
"""

from __future__ import annotations

import math
from typing import Any

import pikepdf

MM_PER_PT = 25.4 / 72
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
#: Inks below this tint (0…1) do not count as printing.
INK_PRESENT = 0.005
#: The colour of printer's marks: all four process inks at 100 %.
REGISTRATION = (1.0, 1.0, 1.0, 1.0)


def num(value: Any) -> float:
    """A PDF number as float."""
    return float(value)


def mul(m: Matrix, n: Matrix) -> Matrix:
    """The matrix product m × n (apply m, then n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """A point transformed by m."""
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def matrix(values: Any) -> Matrix:
    """Six PDF numbers as a matrix (identity if malformed)."""
    try:
        a, b, c, d, e, f = (num(v) for v in values)
    except (TypeError, ValueError):
        return IDENTITY
    return (a, b, c, d, e, f)


def scale(m: Matrix) -> float:
    """The mean linear scale of m (square root of the determinant's magnitude)."""
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


def mm(value: float) -> str:
    """A length in pt as mm text."""
    return f"{value * MM_PER_PT:.1f}"


def dict_get(obj: Any, key: str) -> Any:
    """``obj[key]`` for a PDF dictionary or stream, ``None`` if absent or not a dictionary."""
    try:
        return obj.get(key)
    except (AttributeError, TypeError, ValueError, pikepdf.PdfError):
        return None


def resource(resources: Any, kind: str, name: Any) -> Any:
    """A named resource (``/Font``, ``/XObject``, …) or ``None``."""
    return dict_get(dict_get(resources, kind), str(name))


# ---------------------------------------------------------------- colour spaces

RGB, CMYK, GRAY, SPOT, PATTERN, LAB, ICC_GRAY, ICC_CMYK, UNKNOWN = (
    "RGB", "CMYK", "gray", "spot", "pattern", "Lab", "ICC gray", "ICC CMYK", "unknown")
_DEVICE = {"/DeviceRGB": RGB, "/RGB": RGB, "/CalRGB": RGB, "/DeviceCMYK": CMYK, "/CMYK": CMYK,
           "/DeviceGray": GRAY, "/G": GRAY, "/CalGray": ICC_GRAY, "/Pattern": PATTERN, "/Lab": LAB}
_ICC_N = {1: ICC_GRAY, 3: RGB, 4: ICC_CMYK}
COMPONENTS = {RGB: 3, CMYK: 4, GRAY: 1, ICC_GRAY: 1, ICC_CMYK: 4, LAB: 3, SPOT: 1, PATTERN: 0}
#: The colour a ``cs``/``CS`` sets (PDF 32000-1, 8.6.8): black, or full tint for a spot colour.
INITIAL_COLOUR = {CMYK: (0.0, 0.0, 0.0, 1.0), ICC_CMYK: (0.0, 0.0, 0.0, 1.0), SPOT: (1.0,)}
#: Separation names that are not a spot ink: /All is registration (every plate), /None no plate.
PROCESS_NAMES = {"/Cyan", "/Magenta", "/Yellow", "/Black"}


def space_kind(space: Any, resources: Any = None, depth: int = 0) -> str:
    """What a colour space is, for print: ``RGB``, ``CMYK``, ``gray``, ``spot``, ``pattern``,
    ``Lab``, ``ICC gray``, ``ICC CMYK`` or ``unknown``. Names are looked up in
    ``resources``; Indexed spaces are their base; Separation and DeviceN are
    ``spot`` unless their alternate is RGB."""
    if depth > 4 or space is None:
        return UNKNOWN
    if isinstance(space, pikepdf.Name):
        name = str(space)
        if name in _DEVICE:
            return _DEVICE[name]
        return space_kind(resource(resources, "/ColorSpace", name), resources, depth + 1)
    if not isinstance(space, pikepdf.Array) or len(space) == 0:
        return UNKNOWN
    family = str(space[0])
    if family == "/ICCBased" and len(space) > 1:
        return _ICC_N.get(int(dict_get(space[1], "/N") or 0), UNKNOWN)
    if family in ("/Indexed", "/I") and len(space) > 1:
        return space_kind(space[1], resources, depth + 1)
    if family in ("/Separation", "/DeviceN") and len(space) > 2:
        return RGB if space_kind(space[2], resources, depth + 1) == RGB else SPOT
    if family == "/Pattern":
        return PATTERN
    return _DEVICE.get(family, UNKNOWN)


def spot_names(space: Any, resources: Any = None, depth: int = 0) -> list[str]:
    """The colorant names of a Separation or DeviceN space (looked up by name), else ``[]``."""
    if depth > 4:
        return []
    if isinstance(space, pikepdf.Name):
        return spot_names(resource(resources, "/ColorSpace", space), resources, depth + 1)
    if not isinstance(space, pikepdf.Array) or len(space) < 2:
        return []
    family = str(space[0])
    if family == "/Separation":
        return [str(space[1])]
    if family == "/DeviceN" and isinstance(space[1], pikepdf.Array):
        return [str(n) for n in space[1]]
    if family in ("/Indexed", "/I"):
        return spot_names(space[1], resources, depth + 1)
    return []


def colour_severity(kind: str) -> str | None:
    """``error`` for RGB, ``warning`` for device-independent spaces (not PDF/X-1a), else ``None``."""
    if kind == RGB:
        return "error"
    if kind in (LAB, ICC_GRAY, ICC_CMYK):
        return "warning"
    return None


def inks(kind: str, values: tuple[float, ...]) -> int:
    """How many printing plates a colour uses."""
    if kind in (CMYK, ICC_CMYK, SPOT):
        return sum(1 for v in values if v > INK_PRESENT)
    if kind in (GRAY, ICC_GRAY):
        return 1 if values and values[0] < 1 - INK_PRESENT else 0
    return 4 if kind in (RGB, LAB) else 1  # converted to process colour: assume all four


def is_white(kind: str, values: tuple[float, ...]) -> bool:
    """Whether a colour prints nothing (paper white): no ink on any plate."""
    return inks(kind, values) == 0 and kind in (CMYK, ICC_CMYK, GRAY, ICC_GRAY, SPOT)
