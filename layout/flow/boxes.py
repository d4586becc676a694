"""Boxes: the frame of a boxed article (花边框 and the plain frames).

In:  a block's grid rectangle (pt), a ``BoxStyle`` and the house style's ``Boxes`` weights.
Out: frame items: an optional CMYK tint behind the text, and the frame's rules and dots.

The frame stands inside the grid rectangle with the house style's air: ``edge`` on every
side and ``air`` more above and below, so two boxes stacked on the grid stand
2 × (edge + air) apart (15 pt, 5.3 mm, by default), about as far as two boxes side by side
(a gutter + 2 × edge: 12 pt on the default grid), while the frame stays clear of the
text, which stands one character and one line inside the grid rectangle.

Styles: ``single`` (正线, a hairline), ``thick`` (反线), ``double`` (双线:
two thin lines ``gap`` apart), ``wenwu`` (文武线: thick outside, thin inside), ``dotted``
(点线), ``dashed`` (虚线), and the 花边 patterns ``pattern`` (a dashed heavy border with a
thin line inside), ``beads`` (珠串: a row of dots between two thin lines), ``zigzag``
(锯齿: a zigzag between two thin lines) and ``checker`` (棋格: alternating short bars
between two thin lines).
"""

from __future__ import annotations

from layout.flow.grid import Rect
from layout.frame import Box, Dot, Item, Rule
from layout.issue.model import BoxStyle
from layout.issue.style import HOUSE, Boxes

BAND = 4.0  # pt: the width of a 花边 band (beads, zigzag, checker) between its two thin lines


def frame_rect(rect: Rect, weights: Boxes = HOUSE.boxes) -> Rect:
    """The outer edge of a frame drawn for the grid rectangle ``rect``: ``edge`` in on
    every side and ``air`` more at top and bottom."""
    side, end = weights.edge, weights.edge + weights.air
    return Rect(rect.x + side, rect.y + end, rect.w - 2 * side, rect.h - 2 * end)


def frame_box(rect: Rect, style: BoxStyle, weights: Boxes = HOUSE.boxes) -> list[Item]:
    """Tint, then frame, of a box around ``rect`` (drawn before the text); ``weights``
    (the house style's) gives the stroke weights and the frame's air."""
    items: list[Item] = []
    outer = frame_rect(rect, weights)
    x, y, w, h = outer.x, outer.y, outer.w, outer.h
    if style.tint:
        items.append(Box(x, y, w, h, fill=style.tint))
    kind, thin = style.style, weights.inner
    if kind in ("single", "thick"):
        items.extend(_outline(x, y, w, h, weights.single if kind == "single" else weights.thick))
    elif kind == "double":  # two thin lines
        inset = thin + weights.gap
        items.extend(_outline(x, y, w, h, thin) + _outline(x + inset, y + inset, w - 2 * inset, h - 2 * inset, thin))
    elif kind == "wenwu":  # thick outside, thin inside
        inset = weights.double + weights.gap
        items.extend(_outline(x, y, w, h, weights.double)
                     + _outline(x + inset, y + inset, w - 2 * inset, h - 2 * inset, thin))
    elif kind == "dotted":
        items.extend(_outline(x, y, w, h, weights.dotted, (0.01, 2.5)))
    elif kind == "dashed":
        items.extend(_outline(x, y, w, h, weights.single, (3.0, 2.0)))
    elif kind == "pattern":
        items.extend(_outline(x, y, w, h, weights.pattern, (4.0, 2.0))
                     + _outline(x + 3.0, y + 3.0, w - 6, h - 6, thin))
    else:  # beads, zigzag, checker: a band of pattern between two thin lines
        items.extend(_outline(x, y, w, h, thin) + _outline(x + BAND, y + BAND, w - 2 * BAND, h - 2 * BAND, thin))
        items.extend(_band(kind, x + BAND / 2, y + BAND / 2, w - BAND, h - BAND, thin))
    return items


def _outline(x: float, y: float, w: float, h: float, width: float, dash: tuple[float, ...] = ()) -> list[Item]:
    """Four rules around a rectangle, their strokes inside it."""
    half = width / 2
    x0, y0, x1, y1 = x + half, y + half, x + w - half, y + h - half
    return [Rule(x0, y0, x1, y0, width, dash=dash), Rule(x1, y0, x1, y1, width, dash=dash),
            Rule(x1, y1, x0, y1, width, dash=dash), Rule(x0, y1, x0, y0, width, dash=dash)]


def _band(kind: str, x: float, y: float, w: float, h: float, thin: float) -> list[Item]:
    """The pattern of a 花边 band centred on the rectangle (x, y, w, h): each side gets a
    whole number of repeats, so the corners match."""
    items: list[Item] = []
    corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    for (ax, ay), (bx, by) in zip(corners, corners[1:] + corners[:1], strict=True):
        length = abs(bx - ax) + abs(by - ay)
        n = max(1, round(length / BAND))
        ux, uy = (bx - ax) / length, (by - ay) / length  # along the side
        nx, ny = -uy, ux  # across it
        step = length / n
        for k in range(n):
            px, py = ax + ux * step * k, ay + uy * step * k
            if kind == "beads":
                items.append(Dot(px + ux * step / 2, py + uy * step / 2, BAND * 0.28))
            elif kind == "zigzag":
                amp = BAND * 0.3 * (1 if k % 2 == 0 else -1)
                qx, qy = px + ux * step + nx * -amp, py + uy * step + ny * -amp
                items.append(Rule(px + nx * amp, py + ny * amp, qx, qy, thin))
            elif k % 2 == 0:  # checker: a short bar across the band every other step
                cx, cy = px + ux * step / 2, py + uy * step / 2
                items.append(Rule(cx - ux * step / 2, cy - uy * step / 2, cx + ux * step / 2, cy + uy * step / 2,
                                  BAND * 0.6))
    return items
