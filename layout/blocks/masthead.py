"""The masthead block type (报头): the paper's name or logo above the small print.

In:  a YAML ``type: masthead`` mapping; later the model and a ``LayoutContext``.
Out: a ``MastheadBlock``; its texts cleaned by the page's typography; its frame items
     (the date with the weekday, 农历, issue number, CN number, notes and the page's
     editors under the name). A page with a masthead has no running head.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.blocks import BlockType, Format
from layout.issue import model as m
from layout.issue.reader import Doc, Reader, choice, empty_item, image
from layout.issue.vocab import FONT_ROLES
from layout.text.clean import clean_text
from layout.units import parse_size

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.flow.article import Placed


def read(doc: Doc, r: Reader, common: dict[str, Any], page: m.PageSpec, base: Path) -> m.MastheadBlock:
    """报头: the name (default: the issue's paper), or a logo image, and the small print."""
    path = image(doc, r, base)
    font = choice(doc, r, "font", page.style.masthead.font, FONT_ROLES) or page.style.masthead.font
    notes = r.raw("notes", [])
    if isinstance(notes, list) and None in notes:
        raise empty_item(doc, f"{r.sub('notes')}[{notes.index(None)}]", "line")
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise doc.error(r.sub("notes"), "notes are a list of lines of small print")
    return m.MastheadBlock(**common, name=r.text("name", "") or "", role=font, image=path,
                           size_pt=r.convert("size", parse_size, page.style.masthead.size, low=12.0, high=300.0),
                           lunar=r.copy("lunar", "") or "", cn=r.copy("cn", "") or "", notes=tuple(notes))


def clean(b: m.MastheadBlock, typo: m.Typography, counts: Counter[str], page: int) -> m.MastheadBlock:
    """Name, 农历 date and notes cleaned by the page's typography."""
    return replace(b, name=clean_text(b.name, typo, counts), lunar=clean_text(b.lunar, typo, counts),
                   notes=tuple(clean_text(n, typo, counts) for n in b.notes))


def layout(block: m.MastheadBlock, ctx: LayoutContext) -> Placed:
    """Name or logo, and the small print; the page's editors go here (it has no running head)."""
    from layout.flow.blocks import layout_masthead
    from layout.flow.folio import dated, editors

    meta = ctx.issue.meta
    small = [f"{dated(meta.date)}  {block.lunar}".strip(),
             "  ".join(x for x in (f"第{meta.number}期" if meta.number is not None else "", block.cn) if x),
             *block.notes, editors(ctx.page)]
    return layout_masthead(block, ctx, small)


#: The keys of its YAML mappings: value kind and one line for the key reference.
FORMAT = Format(
    keys={
        "masthead": {
            "name": ("text", "the paper's name (default: issue.paper), set large in red"),
            "size": ("size", "the name's size: a 号 name or pt"),
            "font": ("font", "the name's font role (default song_bold)"),
            "image": ("text", "the paper's logo instead of the set name, relative to the issue file"),
            "lunar": ("text", 'the 农历 date, after the date on the first small-print line'),
            "cn": ("text", '国内统一刊号, after 第N期'),
            "notes": ("lines", 'more small-print lines (address, telephone) at the foot of the block'),
        },
    },
    mappings={
        "masthead": '`blocks[]` with `type: masthead`',
    },
)


TYPE = BlockType("masthead", m.MastheadBlock, read, clean, layout, folio=False,
                 format=FORMAT)
