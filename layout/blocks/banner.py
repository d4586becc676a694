"""The banner block type (通栏标题): a page-wide title above a thick–thin rule.

In:  a YAML ``type: banner`` mapping; later the model and a ``LayoutContext``.
Out: a ``BannerBlock``; its text cleaned by the page's typography; its frame items.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.blocks import BlockType, Format, _never
from layout.blocks.display_keys import DISPLAY_KEYS, display_look
from layout.issue import model as m
from layout.issue.house import read_color
from layout.issue.reader import Doc, Reader
from layout.text.clean import clean_text
from layout.units import parse_size

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.flow.article import Placed


def read(doc: Doc, r: Reader, common: dict[str, Any], page: m.PageSpec, base: Path) -> m.BannerBlock:
    """The banner's text, size, colour (and its rule's), scale and 反白 bar."""
    look = display_look(doc, r, page.style, base, ornament=False)
    house = page.style.banner
    if r.raw("reverse") is True and look["color"] is None and house.color is not None:
        look["reverse"] = house.color  # knocked out of a bar in the house's banner colour
    look["color"] = look["color"] or house.color
    return m.BannerBlock(**common, text=r.text("text", required=True) or "",
                         size_pt=r.convert("size", parse_size, house.size, low=6.0, high=200.0),
                         role=house.font, rule_color=read_color(doc, r, "rule_color", page.style) or house.rule_color,
                         style=page.style, **look)


def clean(b: m.BannerBlock, typo: m.Typography, counts: Counter[str], page: int) -> m.BannerBlock:
    """The text cleaned by the page's typography."""
    return replace(b, text=clean_text(b.text, typo, counts))


def layout(block: m.BannerBlock, ctx: LayoutContext) -> Placed:
    """The banner centred above its rules."""
    from layout.flow.blocks import layout_banner

    return layout_banner(block, ctx)


#: The keys of its YAML mappings: value kind and one line for the key reference.
FORMAT = Format(
    keys={
        "banner": {
            "text": ("text", 'the banner headline across the page'),
            "size": ("size", 'its size: a 号 name or pt'),
            **{key: kind for key, kind in DISPLAY_KEYS.items() if key != "ornament"},
            "rule_color": ("color", "the thick–thin rule's colour: a house colour's name (报红) or [c, m, y, k]"),
        },
    },
    mappings={
        "banner": '`blocks[]` with `type: banner`',
    },
    required={'banner': ('text',)},
)


def _texts(block: m.BannerBlock) -> list[str]:
    """The banner line (display type)."""
    return [block.text]


TYPE = BlockType("banner", m.BannerBlock, read, clean, layout, colour=(130, 40, 160, 255), ruled=_never,
                 display_texts=_texts, format=FORMAT)
