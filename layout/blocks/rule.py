"""The rule block type (线): a rule a designer places, across a span or down a gutter.

In:  a YAML ``type: rule`` mapping; later the model and a ``LayoutContext``.
Out: a ``RuleBlock`` (direction, style, colour, side); its frame items (``layout.flow.rules``).

A horizontal rule takes the lines of its ``at`` (usually one) over its span and is drawn
through their middle. A vertical rule runs down the gutter on the ``left`` of its first
column (or the ``right`` of its last) from the top of its first line to the bottom of its
last; it draws only in that gutter, so it may lie over the blocks beside it. Where another
block's ink crosses the gutter (a headline or banner over several columns, a table, a
photo) the rule stops, half a body character clear above and below it, and goes on under it
(``stop_at_ink``, applied when the page is put together).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.blocks import BlockType, Format
from layout.frame import BLACK, CMYK, Item
from layout.issue import model as m
from layout.issue.reader import Doc, Reader, choice

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.flow.article import Placed

STYLES = ("thin", "thick", "wenwu", "double", "dotted", "dashed", "flower")
#: The Chinese names a designer may write instead.
STYLE_NAMES = {"细线": "thin", "粗线": "thick", "文武线": "wenwu", "双线": "double", "点线": "dotted", "虚线": "dashed",
               "花线": "flower"}
DIRECTIONS = ("horizontal", "vertical")
SIDES = ("left", "right")


@dataclass(frozen=True)
class RuleBlock(m.Block):
    """A placed rule: ``direction``, ``style`` (one of ``STYLES``), its CMYK ``color`` and,
    for a vertical rule, the ``side`` of the block whose gutter it runs down."""

    direction: str = "horizontal"
    style: str = "thin"
    color: CMYK = BLACK
    side: str = "left"


def read_colour(doc: Doc, r: Reader, key: str, style: Any, default: CMYK = BLACK) -> CMYK:
    """``colour``: ``[c, m, y, k]`` fractions, or the name of a colour of the house style
    (``layout.flow.rules.named_colour``: its ``colors``, then black and red)."""
    from layout.flow.rules import named_colour

    value = r.raw(key)
    if value is None:
        return default
    if isinstance(value, str):
        found = named_colour(value.strip(), style)
        if found is None:
            raise doc.error(r.sub(key), f"{value!r} is not a colour name of the house style: give one of its "
                                        "named colours, black, red, or [c, m, y, k] fractions")
        return found
    if (not isinstance(value, list) or len(value) != 4
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1 for v in value)):
        raise doc.error(r.sub(key), "a colour is a name or [c, m, y, k] with fractions from 0 to 1, e.g. [0, 1, 1, 0]")
    return (float(value[0]), float(value[1]), float(value[2]), float(value[3]))


def read(doc: Doc, r: Reader, common: dict[str, Any], page: m.PageSpec, base: Path) -> RuleBlock:
    """A rule: direction, style and colour; a vertical rule's gutter must lie inside the type area."""
    at: m.Placement = common["at"]
    direction = choice(doc, r, "direction", "horizontal", DIRECTIONS) or "horizontal"
    side = choice(doc, r, "side", "left", SIDES) or "left"
    if direction == "vertical" and ((side == "left" and at.column == 1)
                                    or (side == "right" and at.last_column == page.grid.columns)):
        raise doc.error(r.sub("side"), f"a vertical rule on the {side} of column "
                                       f"{at.column if side == 'left' else at.last_column} lies outside the type "
                                       "area: there is no gutter there")
    style = choice(doc, r, "style", "thin", (*STYLES, *STYLE_NAMES)) or "thin"
    return RuleBlock(**common, direction=direction, style=STYLE_NAMES.get(style, style),
                     color=read_colour(doc, r, "colour", page.style), side=side)


def clean(b: RuleBlock, typo: m.Typography, counts: Counter[str], page: int) -> RuleBlock:
    """A rule has no copy."""
    return b


def layout(block: RuleBlock, ctx: LayoutContext) -> Placed:
    """The rule's items on the page grid, weights from the page's house style."""
    from layout.flow.article import Placed
    from layout.flow.rules import rule_items
    from layout.report import BlockReport

    grid = ctx.grid
    report = BlockReport(page=ctx.number, block=block.id, kind="rule")
    report.lines_available = report.lines_used = block.at.lines
    rect = grid.rect(block.at)
    if block.direction == "horizontal":
        y = rect.y + rect.h / 2
        points = (rect.x, y, rect.x + rect.w, y)
    else:
        x = rect.x - grid.gutter / 2 if block.side == "left" else rect.x + rect.w + grid.gutter / 2
        points = (x, rect.y, x, rect.y + rect.h)
    return Placed(report=report, items=rule_items(*points, block.style, ctx.style.rule, block.color))


def stop_at_ink(block: RuleBlock, own: list[Item], others: list[Item], ctx: LayoutContext) -> list[Item]:
    """A vertical rule's items (``own``, as ``layout`` made them) with a gap where another
    block's ink (a headline, a banner, a table's line, a photo: ``ink_boxes`` of ``others``)
    crosses its gutter, half a body character of air above and below it, as 栏线 stop beside
    a headline; the rule unchanged when nothing crosses it (and always a horizontal one)."""
    from layout.flow.rules import clear_runs, ink_boxes, rule_items
    from layout.frame import Dot

    if block.direction != "vertical" or not own:
        return own
    grid = ctx.grid
    x = grid.rect(block.at).x - grid.gutter / 2 if block.side == "left" else \
        grid.rect(block.at).x + grid.rect(block.at).w + grid.gutter / 2
    half = max(abs(v - x) + w / 2 for item in own for v, w in _ink_x(item))
    rect = grid.rect(block.at)
    runs = clear_runs(rect.y, rect.y + rect.h, x - half, x + half, ink_boxes(others, grid.ascent_em),
                      grid.body_size / 2, grid.body_size)
    if runs == [(rect.y, rect.y + rect.h)]:
        return own
    cap = max((item.r for item in own if isinstance(item, Dot)), default=0.0)  # a dot's ink past its run's end
    end = rect.y + rect.h
    return [item for top, bottom in runs
            for item in rule_items(x, top + (cap if top > rect.y else 0.0), x, bottom - (cap if bottom < end else 0.0),
                                   block.style, ctx.style.rule, block.color)]


def _ink_x(item: Item) -> list[tuple[float, float]]:
    """(x, width) of the ink of one of a rule's items: a stroke's ends, or a dot."""
    from layout.frame import Dot, Rule

    if isinstance(item, Rule):
        return [(item.x0, item.width), (item.x1, item.width)]
    if isinstance(item, Dot):
        return [(item.x, 2 * item.r)]
    return []


def _overlays(block: RuleBlock) -> bool:
    """A vertical rule draws only in its gutter (and stops where another block's ink crosses
    it: ``stop_at_ink``)."""
    return block.direction == "vertical"


#: The keys of its YAML mappings: value kind and one line for the key reference.
FORMAT = Format(
    keys={
        "rule": {
            "direction": ("choice", 'horizontal (through the middle of its lines, over its span) or vertical '
                                    '(down a gutter; may lie over the blocks beside it)'),
            "style": ("choice", 'thin 细线, thick 粗线, wenwu 文武线 (thick and thin), double 双线 (two thin '
                                'lines), dotted 点线, dashed 虚线, flower 花线 (the English or the Chinese name); '
                                'weights from style.rule'),
            "colour": ("colour", 'a colour name of the house style (black, red …) or [c, m, y, k] fractions'),
            "side": ("choice", 'a vertical rule: the gutter on the left of its first column or the right of '
                               'its last'),
        },
    },
    mappings={"rule": '`blocks[]` with `type: rule`'},
    choices={"rule.direction": DIRECTIONS, "rule.style": (*STYLES, *STYLE_NAMES), "rule.side": SIDES},
)


TYPE = BlockType("rule", RuleBlock, read, clean, layout, colour=(200, 0, 0, 255), ruled=lambda b: False,
                 format=FORMAT, overlays=_overlays)
