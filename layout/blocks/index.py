"""The index block type (导读): items with dot leaders and right-aligned page references.

In:  a YAML ``type: index`` mapping; once every page is read, the issue's pages (a
     reference ``ref: <block id>`` becomes the pages that story is on); later the model and
     a ``LayoutContext``.
Out: an ``IndexBlock`` (heading, items with their page references as printed); its copy
     cleaned by the page's typography; its frame items (``layout.flow.index``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.blocks import BlockType, Format
from layout.issue import model as m
from layout.issue.house import read_style
from layout.issue.reader import Doc, Reader, choice, empty_item, whole
from layout.issue.style import HOUSE, HouseStyle
from layout.text.clean import clean_text

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.flow.article import Placed

REF_FORMS = ("第N版", "N版", "N")  # how a page reference is printed: 第2版, 2版, 2 (several pages: 第1、2版)


@dataclass(frozen=True)
class IndexItem:
    """One 导读 item: its text, the block id it points to (``ref``) and the reference as
    printed (``page``: given, or filled from ``ref`` when the issue is linked)."""

    text: str
    ref: str = ""
    page: str = ""


@dataclass(frozen=True)
class IndexBlock(m.Block):
    """导读: an optional heading and items, each with its page reference at the right."""

    heading: str = ""
    items: tuple[IndexItem, ...] = ()
    ref_form: str = "第N版"
    box: m.BoxStyle | None = None
    style: HouseStyle = HOUSE


def _form(pages: tuple[int, ...], form: str) -> str:
    """Page numbers as printed: ``第N版`` → 第1、2版, ``N版`` → 1、2版, ``N`` → 1、2."""
    numbers = "、".join(str(p) for p in pages)
    return form.replace("N", numbers)


def _item(doc: Doc, item: Any, path: str, form: str) -> IndexItem:
    """A plain text (no reference), or {text, ref} / {text, page}."""
    if isinstance(item, str):
        return IndexItem(text=item.strip())
    if item is None:
        raise empty_item(doc, path, "item")
    r = Reader(doc, item, path, tuple(FORMAT.keys["index_item"]))
    text = (r.text("text", required=True) or "").strip()
    if r.has("ref") and r.has("page"):
        raise doc.error(r.sub("page"), "give either ref (a block id, its page filled in) or page, not both")
    page = whole(r.raw("page"))  # (05: page 5)
    if isinstance(page, int) and not isinstance(page, bool):
        if not 1 <= page <= 999:
            raise doc.error(r.sub("page"), f"{page} is not a page number from 1 to 999")
        return IndexItem(text=text, page=_form((page,), form))
    return IndexItem(text=text, ref=r.text("ref", "") or "", page=(r.text("page", "") or "").strip())


def read(doc: Doc, r: Reader, common: dict[str, Any], page: m.PageSpec, base: Path) -> IndexBlock:
    """Heading, items and how page references are printed."""
    from layout.blocks.article import _box

    form = choice(doc, r, "ref_form", "第N版") or "第N版"
    items = tuple(_item(doc, item, f"{r.sub('items')}[{i}]", form) for i, item in enumerate(r.items("items")))
    if not items:
        raise doc.error(r.sub("items"), "an index needs at least one item")
    return IndexBlock(**common, heading=(r.copy("heading", "") or "").strip(), items=items, ref_form=form,
                      box=_box(doc, r), style=read_style(doc, r, page.style))


def story_pages(ident: str, k: int, pages: tuple[m.PageSpec, ...]) -> tuple[int, ...]:
    """The page numbers of the block ``ident`` (on page index ``k`` if it is there, else on the
    first page holding it) and of the articles continuing it (转版), in page order; () if none."""
    home = [j for j, page in enumerate(pages) if any(b.id == ident for b in page.blocks)]
    if not home:
        return ()
    found = {pages[k if k in home else home[0]].number}
    chain = {ident}
    for page in pages:
        for b in page.blocks:
            if isinstance(b, m.ArticleBlock) and b.continues in chain:
                found.add(page.number)
                chain.add(b.id)
    return tuple(sorted(found))


def link(doc: Doc, block: IndexBlock, k: int, pages: tuple[m.PageSpec, ...]) -> IndexBlock:
    """Each ``ref`` item gets the pages its story is on (``story_pages``); an unknown id is an error."""
    items = []
    for i, item in enumerate(block.items):
        if item.ref:
            found = story_pages(item.ref, k, pages)
            if not found:
                raise doc.error(f"{block.yaml_path}.items[{i}].ref", f"no block {item.ref!r} in the issue to refer to")
            item = replace(item, page=_form(found, block.ref_form))
        items.append(item)
    return replace(block, items=tuple(items))


def clean(b: IndexBlock, typo: m.Typography, counts: Counter[str], page: int) -> IndexBlock:
    """Heading and item texts cleaned by the page's typography (page references are not copy)."""
    items = tuple(replace(item, text=clean_text(item.text, typo, counts)) for item in b.items)
    return replace(b, heading=clean_text(b.heading, typo, counts), items=items)


def layout(block: IndexBlock, ctx: LayoutContext) -> Placed:
    """The index set on the page grid (``layout.flow.index``)."""
    from layout.flow.index import layout_index

    return layout_index(block, ctx)


def _ruled(block: IndexBlock) -> bool:
    """A boxed index has its frame instead of hairlines."""
    return block.box is None


def _texts(block: IndexBlock) -> list[str]:
    """The heading and the items' texts (display copy, broken between words)."""
    return [block.heading, *(item.text for item in block.items)]


#: The keys of its YAML mappings: value kind and one line for the key reference.
FORMAT = Format(
    keys={
        "index": {
            "heading": ("text", 'the heading over the items, e.g. 导读 or 要闻导读 (optional)'),
            "items": ("items:index_item", 'the items: text, or {text, ref} (a block id: its pages are filled in) '
                                          'or {text, page}'),
            "ref_form": ("choice", 'how a page reference is printed: 第N版 (default), N版 or N; a story that '
                                   'continues on other pages gets them all (第1、2版)'),
            "box": ("box", 'a boxed index (the 报眼): true, a box style (as an article'"'"'s box:) or '
                           '{style, tint}'),
            "style": ("map:style", "house-style changes for this block (over the page's)"),
        },
        "index_item": {
            "text": ("text", "the item's text; it may wrap, the leader follows its last line"),
            "ref": ("text", "the id of the block (a story) it points to: the page it is on (and the pages of its "
                            "continuations) are filled in"),
            "page": ("text", "the page reference given: a page number (printed by ref_form) or the text to print"),
        },
    },
    mappings={
        "index": '`blocks[]` with `type: index`',
        "index_item": '`items[]` of an index, when given as a mapping',
    },
    required={"index": ("items",), "index_item": ("text",)},
    choices={"ref_form": REF_FORMS},
)

TYPE = BlockType("index", IndexBlock, read, clean, layout, colour=(200, 120, 0, 255), ruled=_ruled,
                 display_texts=_texts, format=FORMAT, link=link)
