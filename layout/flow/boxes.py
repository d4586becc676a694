"""Boxes and rule styles: the frame of a boxed article, and how page rules are drawn.

In:  a rectangle (pt) and a ``BoxStyle`` (or a rule style name).
Out: frame items: an optional CMYK tint behind the text, and the frame's rules.
     Styles: ``single`` (正线, a hairline), ``thick`` (反线), ``double`` (双线, thick
     outside, thin inside), ``dotted`` (点线), ``pattern`` (花边框: a dashed heavy
     border with a thin line inside).
"""

from __future__ import annotations

from layout.flow.grid import Rect
from layout.frame import Box, Item, Rule
from layout.issue.model import BoxStyle
from layout.issue.style import HOUSE, Boxes


def frame_box(rect: Rect, style: BoxStyle, weights: Boxes = HOUSE.boxes) -> list[Item]:
    """Tint, then frame, of a box around ``rect`` (drawn before the text); ``weights``
    (the house style's) gives the stroke weights and the frame's inset."""
    items: list[Item] = []
    edge, inner = weights.edge, weights.inner
    x, y, w, h = rect.x + edge, rect.y + edge, rect.w - 2 * edge, rect.h - 2 * edge
    if style.tint:
        items.append(Box(x, y, w, h, fill=style.tint))
    kind = style.style
    if kind in ("single", "thick"):
        items.extend(_outline(x, y, w, h, weights.single if kind == "single" else weights.thick))
    elif kind == "double":
        items.extend(_outline(x, y, w, h, weights.double) + _outline(x + 2.5, y + 2.5, w - 5, h - 5, inner))
    elif kind == "dotted":
        items.extend(_outline(x, y, w, h, weights.dotted, (0.01, 2.5)))
    else:  # pattern
        items.extend(_outline(x, y, w, h, weights.pattern, (4.0, 2.0))
                     + _outline(x + 3.0, y + 3.0, w - 6, h - 6, inner))
    return items


def _outline(x: float, y: float, w: float, h: float, width: float, dash: tuple[float, ...] = ()) -> list[Item]:
    """Four rules around a rectangle, their strokes inside it."""
    half = width / 2
    x0, y0, x1, y1 = x + half, y + half, x + w - half, y + h - half
    return [Rule(x0, y0, x1, y0, width, dash=dash), Rule(x1, y0, x1, y1, width, dash=dash),
            Rule(x1, y1, x0, y1, width, dash=dash), Rule(x0, y1, x0, y0, width, dash=dash)]
