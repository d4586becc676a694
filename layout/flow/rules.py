"""Rules a designer places (``type: rule``) and the 栏线 between a story's body columns.

In:  a rule's line (two points, pt), its style name, colour and the house style's
     ``RuleStyle`` weights; or an article's body columns and where its text stands.
Out: frame items (``Rule`` and ``Dot``), in pt.

Styles (weights from ``style.rule``): ``thin`` (细线), ``thick`` (粗线), ``wenwu``
(文武线: a thick and a thin line ``gap`` apart, the thick one above or left),
``double`` (双细线: two thin lines ``gap`` apart), ``dotted`` (点线: round dots),
``dashed`` (虚线), ``flower`` (花线: a wave of short strokes ``flower`` high between two
thin lines). A multi-line style is centred on the given line.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from layout.flow.grid import PageGrid
from layout.frame import BLACK, CMYK, Dot, ImageItem, Item, PlacedPdf, Rule, TextLine, VerticalLine
from layout.issue.style import RuleStyle, color_named

if TYPE_CHECKING:
    from layout.flow.distribute import Obstacle

RULE_STYLES = ("thin", "thick", "wenwu", "double", "dotted", "dashed", "flower")
#: Colour names every house has; a house style's own named colours (``style.colors``) come first.
BUILTIN_COLOURS: dict[str, CMYK] = {"black": BLACK, "red": (0.0, 1.0, 1.0, 0.0)}


def named_colour(name: str, style: Any) -> CMYK | None:
    """The CMYK of a colour name: the house style's named colours (``style.colors``: the
    (name, cmyk) pairs of ``HouseStyle``, or a mapping), then ``BUILTIN_COLOURS``;
    None for a name neither knows."""
    table = getattr(style, "colors", None)
    found = None
    if isinstance(table, Mapping):
        found = table.get(name)
    elif table:
        found = color_named(tuple(table), name)
    if found is not None:
        return tuple(float(v) for v in found)  # type: ignore[return-value]
    return BUILTIN_COLOURS.get(name)


def rule_items(x0: float, y0: float, x1: float, y1: float, style: str, weights: RuleStyle,
               color: CMYK = BLACK) -> list[Item]:
    """The items of one rule from (x0, y0) to (x1, y1) (horizontal or vertical) in ``style``."""
    length = math.hypot(x1 - x0, y1 - y0)
    if length <= 0:
        return []
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    nx, ny = -uy, ux  # across the rule (down for a horizontal one, left for a vertical one)
    if ny < 0 or (ny == 0 and nx > 0):
        nx, ny = -nx, -ny  # always down, or right

    def line(offset: float, width: float, dash: tuple[float, ...] = ()) -> Rule:
        return Rule(x0 + nx * offset, y0 + ny * offset, x1 + nx * offset, y1 + ny * offset, width, color, dash)

    thin, thick, gap = weights.thin, weights.thick, weights.gap
    if style == "thick":
        return [line(0.0, thick)]
    if style == "double":
        half = (gap + thin) / 2
        return [line(-half, thin), line(half, thin)]
    if style == "wenwu":
        total = thick + gap + thin
        return [line(-total / 2 + thick / 2, thick), line(total / 2 - thin / 2, thin)]
    if style == "dotted":
        return _dots(x0, y0, ux, uy, length, weights.dotted, color)
    if style == "dashed":
        return [line(0.0, weights.dashed, (4 * weights.dashed + 1.0, 2 * weights.dashed + 1.0))]
    if style == "flower":
        return _flower(x0, y0, (ux, uy), (nx, ny), length, weights, color)
    return [line(0.0, thin)]


def _dots(x0: float, y0: float, ux: float, uy: float, length: float, size: float, color: CMYK) -> list[Item]:
    """Round dots ``size`` wide, two diameters apart centre to centre, the first and last at the ends."""
    n = max(1, round(length / (2 * size)))
    step = length / n
    return [Dot(x0 + ux * step * k, y0 + uy * step * k, size / 2, color) for k in range(n + 1)]


def _flower(x0: float, y0: float, u: tuple[float, float], n: tuple[float, float], length: float,
            weights: RuleStyle, color: CMYK) -> list[Item]:
    """花线: a zigzag band ``flower`` pt high between two thin lines, a whole number of
    teeth along the rule, centred on it."""
    (ux, uy), (nx, ny) = u, n
    band, thin = weights.flower, weights.thin
    half = band / 2
    items: list[Item] = [Rule(x0 + nx * s, y0 + ny * s, x0 + ux * length + nx * s, y0 + uy * length + ny * s, thin,
                              color) for s in (-half, half)]
    teeth = max(1, round(length / band))
    step = length / teeth
    amp = half - thin
    for k in range(teeth):
        a, b = step * k, step * (k + 1)
        s0, s1 = (-amp, amp) if k % 2 == 0 else (amp, -amp)
        items.append(Rule(x0 + ux * a + nx * s0, y0 + uy * a + ny * s0, x0 + ux * b + nx * s1, y0 + uy * b + ny * s1,
                          thin, color))
    return items


def ink_boxes(items: list[Item], ascent_em: float) -> list[tuple[float, float, float, float]]:
    """(x0, y0, x1, y1) pt of the ink of the text lines (their glyphs' em boxes), vertical
    heads, photos and placed PDFs among ``items`` (rules, boxes and dots are left out: a
    rule may meet them)."""
    out: list[tuple[float, float, float, float]] = []
    for item in items:
        if isinstance(item, TextLine) and item.glyphs:
            glyphs = item.drawn()
            size = max(g.size for g in glyphs)
            out.append((item.x + min(g.x for g in glyphs), item.baseline - ascent_em * size,
                        item.x + max(g.x + g.size * g.scale for g in glyphs), item.baseline + (1 - ascent_em) * size))
        elif isinstance(item, VerticalLine) and item.glyphs:
            bottom = max(g.y + g.size for g in item.glyphs)
            out.append((item.x, item.top, item.x + item.width, item.top + bottom))
        elif isinstance(item, (ImageItem, PlacedPdf)):
            out.append((item.x, item.y, item.x + item.w, item.y + item.h))
    return out


def clear_runs(y0: float, y1: float, x0: float, x1: float, boxes: list[tuple[float, float, float, float]],
               air: float, least: float) -> list[tuple[float, float]]:
    """The runs [(top, bottom)] of a vertical rule from ``y0`` to ``y1`` whose ink spans x0–x1
    (pt) that stay ``air`` pt clear (above and below) of every box reaching into that band; runs shorter
    than ``least`` pt are dropped (a stub of rule reads as a mark, not a rule)."""
    cuts = sorted((top - air, bottom + air) for bx0, top, bx1, bottom in boxes
                  if bx0 < x1 and bx1 > x0 and top - air < y1 and bottom + air > y0)
    runs: list[tuple[float, float]] = []
    at = y0
    for top, bottom in cuts:
        if top > at:
            runs.append((at, min(top, y1)))
        at = max(at, bottom)
    if at < y1:
        runs.append((at, y1))
    return [(a, b) for a, b in runs if b - a >= least]


def body_column_rules(columns: list[tuple[float, float]], spots: list[tuple[int, int, int]], heights: list[int],
                      blocked: tuple[frozenset[int], ...], grid: PageGrid, first: int, weight: float) -> list[Item]:
    """栏线 of an article: a hairline ``weight`` pt in the middle of each gutter between its
    body columns, as tall as the text beside it (from the em-box top of its first body line
    to the em-box bottom of the last line of the longer of the two columns), broken where
    a wrapped photo crosses the gutter. ``spots`` (unit index, column, line offset from grid
    line ``first``) and ``heights`` (lines of each unit) say where the text stands."""
    spans: list[list[tuple[int, int]]] = [[] for _ in columns]
    for index, column, offset in spots:
        spans[column].append((offset, heights[index]))
    inset = (grid.pitch - grid.body_size) / 2  # the em box of a body line inside its cell
    out: list[Item] = []
    for i, runs in enumerate(gutter_runs(len(columns), spans, blocked)):
        (xa, wa), (xb, _) = columns[i], columns[i + 1]
        x = (xa + wa + xb) / 2
        out.extend(Rule(x, grid.line_top(first + start) + inset, x, grid.line_top(first + stop) - inset, weight)
                   for start, stop in runs)
    return out


def beside_corner(blocked: tuple[frozenset[int], ...], columns: list[tuple[float, float]], first: int,
                  obstacles: tuple[Obstacle, ...], reach: float) -> tuple[frozenset[int], ...]:
    """``blocked`` (per body column, line offsets from grid line ``first``) with the lines of the corner
    an L-shaped article leaves to other blocks (拐弯: an obstacle with no white, ``gap`` 0) taken also
    in the columns within ``reach`` pt of it: no 栏线 runs in the gutter beside the corner, where the
    page's rule between blocks stands (``layout.page``)."""
    corners = [ob for ob in obstacles if ob.gap == 0]
    if not corners:
        return blocked
    return tuple(taken | {k for ob in corners if x < ob.x1 + reach and ob.x0 - reach < x + w
                          for k in range(ob.line - first, ob.end_line - first)}
                 for taken, (x, w) in zip(blocked, columns, strict=True))


def gutter_runs(columns: int, spans: list[list[tuple[int, int]]], blocked: tuple[frozenset[int], ...]
                ) -> list[list[tuple[int, int]]]:
    """Per gutter (between body columns i and i + 1), the runs of line offsets
    [start, stop) from the first body line to the end of the longer column's text beside
    it, broken where a wrapped photo takes the lines of both columns (it crosses the
    gutter); beside a photo that ends at the gutter the rule goes on. ``spans[i]``:
    the (offset, lines) of the text units set in column i."""
    out: list[list[tuple[int, int]]] = []
    for i in range(columns - 1):
        ends = [o + h for o, h in spans[i] + spans[i + 1]]
        starts = [o for o, _ in spans[i] + spans[i + 1]]
        if not ends:
            out.append([])
            continue
        lines = [k for k in range(min(starts), max(ends)) if not (k in blocked[i] and k in blocked[i + 1])]
        runs: list[tuple[int, int]] = []
        for k in lines:
            if runs and runs[-1][1] == k:
                runs[-1] = (runs[-1][0], k + 1)
            else:
                runs.append((k, k + 1))
        out.append(runs)
    return out
