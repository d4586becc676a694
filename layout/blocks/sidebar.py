"""The sidebar block type (相关链接): a boxed companion of a story, with its own heading.

In:  a YAML ``type: sidebar`` mapping (``of:`` names the article it belongs to, on the same
     page, checked once every page is read); later the model and a ``LayoutContext``.
Out: a ``SidebarBlock``; its copy cleaned by its own typography; its frame items
     (``layout.flow.sidebar``). With ``wrap`` it lies inside its article, whose text flows
     around it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.blocks import BlockType, Format, _never
from layout.issue import model as m
from layout.issue.house import read_style
from layout.issue.reader import Doc, Reader, empty_item, read_typography
from layout.issue.style import HOUSE, HouseStyle
from layout.text.clean import clean_text

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.flow.article import Placed

HEADING = "相关链接"


@dataclass(frozen=True)
class SidebarBlock(m.Block):
    """相关链接: a framed box attached to the article ``of``: heading, paragraphs in smaller type."""

    of: str = ""
    heading: str = HEADING
    body: tuple[str, ...] = ()
    box: m.BoxStyle = m.BoxStyle()  # noqa: RUF009 - an immutable value
    wrap: bool = False
    typography: m.Typography = m.Typography()  # noqa: RUF009 - an immutable value
    style: HouseStyle = HOUSE


def read(doc: Doc, r: Reader, common: dict[str, Any], page: m.PageSpec, base: Path) -> SidebarBlock:
    """The story it belongs to, heading, paragraphs, frame and wrap."""
    from layout.blocks.article import _box

    body = r.items("body", required=True)
    for i, item in enumerate(body):
        if item is None:
            raise empty_item(doc, f"{r.sub('body')}[{i}]", "paragraph")
        if not isinstance(item, str) or not item.strip():
            raise doc.error(f"{r.sub('body')}[{i}]", "a sidebar's paragraph is text")
    return SidebarBlock(**common, of=r.text("of", required=True) or "",
                        heading=(r.copy("heading", HEADING) or "").strip(),
                        body=tuple(" ".join(item.split()) for item in body), box=_box(doc, r) or m.BoxStyle(),
                        wrap=r.boolean("wrap", False), typography=read_typography(doc, r, page.typography),
                        style=read_style(doc, r, page.style))


def link(doc: Doc, block: SidebarBlock, k: int, pages: tuple[m.PageSpec, ...]) -> SidebarBlock:
    """``of`` must name an article on the sidebar's page."""
    if not any(isinstance(b, m.ArticleBlock) and b.id == block.of for b in pages[k].blocks):
        raise doc.error(f"{block.yaml_path}.of", f"no article {block.of!r} on this page for the sidebar to go with")
    return block


def clean(b: SidebarBlock, typo: m.Typography, counts: Counter[str], page: int) -> SidebarBlock:
    """Heading and paragraphs cleaned by the block's own typography."""
    t = b.typography
    return replace(b, heading=clean_text(b.heading, t, counts),
                   body=tuple(clean_text(p, t, counts, True) for p in b.body))


def layout(block: SidebarBlock, ctx: LayoutContext) -> Placed:
    """The framed sidebar (``layout.flow.sidebar``)."""
    from layout.flow.sidebar import layout_sidebar

    return layout_sidebar(block, ctx)


def _wraps(block: SidebarBlock) -> bool:
    """Inside its article with ``wrap``: the article's text flows around it."""
    return block.wrap


def _texts(block: SidebarBlock) -> list[str]:
    """The heading (display type)."""
    return [block.heading]


#: The keys of its YAML mappings: value kind and one line for the key reference.
FORMAT = Format(
    keys={
        "sidebar": {
            "of": ("text", 'the id of the article it goes with, on the same page'),
            "heading": ("text", 'its heading (default 相关链接), style.sidebar.heading'),
            "body": ("lines", 'its paragraphs, in style.sidebar.text (smaller than the body)'),
            "box": ("box", 'its frame: true (single, the default), a box style (as an article\'s box:) or '
                           '{style, tint}'),
            "wrap": ("bool", 'true: it lies inside its article, whose text flows around it; false (default): '
                             'a block of its own beside the story'),
            "typography": ("map:typography", "typesetting rules for this block (override the page's)"),
            "style": ("map:style", "house-style changes for this block (over the page's)"),
        },
    },
    mappings={
        "sidebar": '`blocks[]` with `type: sidebar`',
    },
    required={"sidebar": ("of", "body")},
)

TYPE = BlockType("sidebar", SidebarBlock, read, clean, layout, colour=(0, 150, 150, 255), ruled=_never,
                 wraps=_wraps, display_texts=_texts, format=FORMAT, link=link)
