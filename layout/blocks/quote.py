"""The quote block type (引语): a pull quote in display type, inside an article's columns.

In:  a YAML ``type: quote`` mapping; later the model and a ``LayoutContext``.
Out: a ``QuoteBlock`` (its text in quote marks, attribution); its copy cleaned by the page's
     typography; its frame items (``layout.flow.quote``). With ``wrap`` (the default) it lies
     inside an article whose text flows around it, as a wrapped photo does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.blocks import BlockType, Format, _never
from layout.issue import model as m
from layout.issue.house import read_style
from layout.issue.reader import Doc, Reader, choice
from layout.issue.style import HOUSE, HouseStyle
from layout.text.clean import clean_text
from layout.units import parse_size

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.flow.article import Placed

OPENING = "“「『《（"  # a quote that starts with one of these keeps its own marks
RULES = ("both", "above", "below", "none")


@dataclass(frozen=True)
class QuoteBlock(m.Block):
    """引语: a pull quote, its attribution, the rules above and below it."""

    text: str = ""
    attribution: str = ""
    rules: str = "both"
    wrap: bool = True
    size_pt: float | None = None  # None: style.quote.size
    style: HouseStyle = HOUSE


def marked(text: str) -> str:
    """The quote in “ ” unless it opens with a mark of its own (“「『《（)."""
    text = text.strip()
    return text if not text or text[0] in OPENING else f"“{text}”"


def read(doc: Doc, r: Reader, common: dict[str, Any], page: m.PageSpec, base: Path) -> QuoteBlock:
    """The quote, its attribution, rules, size and wrap."""
    size = r.convert("size", parse_size, 0.0, low=5.0, high=200.0) if r.has("size") else None
    return QuoteBlock(**common, text=marked(" ".join((r.text("text", required=True) or "").split())),
                      attribution=(r.text("attribution", "") or "").strip(),
                      rules=choice(doc, r, "rules", "both", RULES) or "both", wrap=r.boolean("wrap", True),
                      size_pt=size, style=read_style(doc, r, page.style))


def clean(b: QuoteBlock, typo: m.Typography, counts: Counter[str], page: int) -> QuoteBlock:
    """Quote and attribution cleaned by the page's typography."""
    return replace(b, text=clean_text(b.text, typo, counts), attribution=clean_text(b.attribution, typo, counts))


def layout(block: QuoteBlock, ctx: LayoutContext) -> Placed:
    """The quote between its rules (``layout.flow.quote``)."""
    from layout.flow.quote import layout_quote

    return layout_quote(block, ctx)


def _wraps(block: QuoteBlock) -> bool:
    """The text of the article around a quote flows around it (图文互斥, as for a photo)."""
    return block.wrap


def _texts(block: QuoteBlock) -> list[str]:
    """The quote and its attribution (display type, broken between words)."""
    return [block.text, block.attribution]


#: The keys of its YAML mappings: value kind and one line for the key reference.
FORMAT = Format(
    keys={
        "quote": {
            "text": ("text", 'the quote; set in “ ” unless it opens with a mark of its own (“「『《（)'),
            "attribution": ("text", 'who said it, set right under the quote after ——'),
            "size": ("size", 'the quote\'s size (default style.quote.size, 小三)'),
            "rules": ("choice", 'rules of style.quote.above and .below: both (default), above, below or none'),
            "wrap": ("bool", 'true (default): the quote lies inside an article, whose text flows around it; '
                             'false: a block of its own'),
            "style": ("map:style", "house-style changes for this block (over the page's)"),
        },
    },
    mappings={
        "quote": '`blocks[]` with `type: quote`',
    },
    required={"quote": ("text",)},
    choices={"rules": RULES},
)

TYPE = BlockType("quote", QuoteBlock, read, clean, layout, colour=(200, 0, 120, 255), ruled=_never, wraps=_wraps,
                 display_texts=_texts, format=FORMAT)
