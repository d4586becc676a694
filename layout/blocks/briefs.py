"""The briefs block type (简讯/短讯): short items, each opening with a bold lead-in or a ■.

In:  a YAML ``type: briefs`` mapping; later the model and a ``LayoutContext``.
Out: a ``BriefsBlock`` (heading, items of lead-in and text); its copy cleaned by its own
     typography; its frame items (``layout.flow.briefs``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.blocks import BlockType, Format
from layout.issue import model as m
from layout.issue.house import read_style
from layout.issue.reader import Doc, Reader, empty_item, read_typography
from layout.issue.style import HOUSE, HouseStyle
from layout.text.clean import clean_text

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.flow.article import Placed


@dataclass(frozen=True)
class Brief:
    """One item: its bold lead-in (may be empty) and its text."""

    lead: str
    text: str


@dataclass(frozen=True)
class BriefsBlock(m.Block):
    """简讯: an optional heading and items set without a first-line indent, each opening with
    its bold lead-in (and a ■ with ``bullet``), with rules between them if ``rules``."""

    heading: str = ""
    items: tuple[Brief, ...] = ()
    bullet: bool = False
    rules: bool = False
    box: m.BoxStyle | None = None
    typography: m.Typography = m.Typography()  # noqa: RUF009 - an immutable value
    style: HouseStyle = HOUSE


def _item(doc: Doc, item: Any, path: str) -> Brief:
    """Plain text (no lead-in), or {lead, text}."""
    if isinstance(item, str):
        return Brief("", " ".join(item.split()))
    if item is None:
        raise empty_item(doc, path, "item")
    r = Reader(doc, item, path, tuple(FORMAT.keys["briefs_item"]))
    return Brief(" ".join((r.copy("lead", "") or "").split()), " ".join((r.text("text", required=True) or "").split()))


def read(doc: Doc, r: Reader, common: dict[str, Any], page: m.PageSpec, base: Path) -> BriefsBlock:
    """Heading, items, bullet and rules."""
    from layout.blocks.article import _box

    items = tuple(_item(doc, item, f"{r.sub('items')}[{i}]") for i, item in enumerate(r.items("items")))
    if not items:
        raise doc.error(r.sub("items"), "briefs need at least one item")
    return BriefsBlock(**common, heading=(r.copy("heading", "") or "").strip(), items=items,
                       bullet=r.boolean("bullet", False), rules=r.boolean("rules", False), box=_box(doc, r),
                       typography=read_typography(doc, r, page.typography), style=read_style(doc, r, page.style))


def clean(b: BriefsBlock, typo: m.Typography, counts: Counter[str], page: int) -> BriefsBlock:
    """Heading, lead-ins and texts cleaned by the block's own typography."""
    t = b.typography
    items = tuple(Brief(clean_text(i.lead, t, counts), clean_text(i.text, t, counts, True)) for i in b.items)
    return replace(b, heading=clean_text(b.heading, t, counts), items=items)


def layout(block: BriefsBlock, ctx: LayoutContext) -> Placed:
    """The items flowed through the block's columns (``layout.flow.briefs``)."""
    from layout.flow.briefs import layout_briefs

    return layout_briefs(block, ctx)


def _ruled(block: BriefsBlock) -> bool:
    """Boxed briefs have their frame instead of hairlines."""
    return block.box is None


def _texts(block: BriefsBlock) -> list[str]:
    """The heading (display type)."""
    return [block.heading]


#: The keys of its YAML mappings: value kind and one line for the key reference.
FORMAT = Format(
    keys={
        "briefs": {
            "heading": ("text", 'the heading over the items, e.g. 简讯 or 短讯 (optional)'),
            "items": ("items:briefs_item", 'the items: text, or {lead, text} (the lead-in set bold)'),
            "bullet": ("bool", 'true: every item opens with a ■ (`style.briefs.bullet`)'),
            "rules": ("bool", 'true: a hairline between items (`style.briefs.rule`), on a grid line of its own'),
            "box": ("box", 'boxed briefs: true, a box style (as an article'"'"'s box:) or {style, tint}'),
            "typography": ("map:typography", "typesetting rules for this block (override the page's)"),
            "style": ("map:style", "house-style changes for this block (over the page's)"),
        },
        "briefs_item": {
            "lead": ("text", "the lead-in, set bold (`style.briefs.lead`), e.g. 本报讯 or a place name; an em "
                             "space follows unless it ends in a mark (：，。）"),
            "text": ("text", "the item's text"),
        },
    },
    mappings={
        "briefs": '`blocks[]` with `type: briefs`',
        "briefs_item": '`items[]` of briefs, when given as a mapping',
    },
    required={"briefs": ("items",), "briefs_item": ("text",)},
)

TYPE = BlockType("briefs", BriefsBlock, read, clean, layout, colour=(160, 100, 40, 255), ruled=_ruled,
                 display_texts=_texts, format=FORMAT)
