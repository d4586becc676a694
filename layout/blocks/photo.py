"""The photo block type (图片): an image or a placeholder, with caption and credit.

In:  a YAML ``type: photo`` mapping; later the model and a ``LayoutContext``.
Out: a ``PhotoBlock`` (its image checked to decode); caption and credit cleaned by the
     page's typography; its frame items (the image prepared for the press).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.blocks import BlockType, Format
from layout.issue import model as m
from layout.issue.reader import Doc, Reader, choice, image
from layout.issue.vocab import FITS
from layout.text.clean import clean_text

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.flow.article import Placed


def read(doc: Doc, r: Reader, common: dict[str, Any], page: m.PageSpec, base: Path) -> m.PhotoBlock:
    """A photo slot; a given image path must exist."""
    path = image(doc, r, base)
    fit = choice(doc, r, "fit", m.PhotoBlock.fit, FITS) or m.PhotoBlock.fit
    focus = r.raw("focus", [0.5, 0.5])
    if (not isinstance(focus, list) or len(focus) != 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1 for v in focus)):
        raise doc.error(r.sub("focus"), "focus is [x, y] with fractions from 0 to 1, e.g. [0.5, 0.3]")
    return m.PhotoBlock(**common, image=path, label=r.copy("label", "") or "",
                        caption=r.copy("caption", "") or "", credit=r.copy("credit", "") or "",
                        fit=fit, focus=(float(focus[0]), float(focus[1])), wrap=r.boolean("wrap", False))


def clean(b: m.PhotoBlock, typo: m.Typography, counts: Counter[str], page: int) -> m.PhotoBlock:
    """Caption and credit cleaned by the page's typography."""
    return replace(b, caption=clean_text(b.caption, typo, counts), credit=clean_text(b.credit, typo, counts))


def layout(block: m.PhotoBlock, ctx: LayoutContext) -> Placed:
    """Image (prepared for the page's press) or placeholder, caption and credit."""
    from layout.flow.blocks import layout_photo

    return layout_photo(block, ctx)


def _ruled(block: m.PhotoBlock) -> bool:
    """A wrapped photo lies inside its article: no hairlines of its own."""
    return not block.wrap


def _wraps(block: m.PhotoBlock) -> bool:
    """The text of the article around a ``wrap`` photo flows around it."""
    return block.wrap


#: The keys of its YAML mappings: value kind and one line for the key reference.
FORMAT = Format(
    keys={
        "photo": {
            "image": ("text", 'JPEG, PNG or TIFF, relative to the issue file; without it the slot shows a placeholder'),
            "label": ("text", "the placeholder's label when there is no image"),
            "caption": ("text", 'the caption under the photo'),
            "credit": ("text", "the photographer's credit, after the caption"),
            "fit": ("fit", 'cover (crop to fill the slot) or contain (fit inside; with a caption, at the top and '
                           'the caption under it, else centred)'),
            "focus": ("focus", 'cover: the point of the photo to keep in view, as fractions [x, y]'),
            "wrap": ("bool", 'true: the photo sits inside an article, whose text flows around it (图文互斥)'),
        },
    },
    mappings={
        "photo": '`blocks[]` with `type: photo`',
    },
)


def _texts(block: m.PhotoBlock) -> list[str]:
    """Caption and credit (broken between words)."""
    return [block.caption, block.credit]


TYPE = BlockType("photo", m.PhotoBlock, read, clean, layout, colour=(0, 140, 60, 255), ruled=_ruled, wraps=_wraps,
                 display_texts=_texts, format=FORMAT)
