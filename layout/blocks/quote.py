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

PAIRS = {"“": "”", "「": "」", "『": "』", "《": "》", "（": "）"}  # a quote wholly in one of these keeps its own marks
ENDS = "。！？…，；："  # sentence marks a quote wholly in its own marks may end with after them
NESTED = str.maketrans("“”‘’", "‘’“”")  # a level down: double quotes to single, single to double (GB/T 15834 4.1.3.3)
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
    added: bool = False  # the “ ” round it are the block's own (the copy opened with no mark): ``nested``


def marked(text: str) -> tuple[str, bool]:
    """The quote in “ ” unless it is wholly in marks of its own (“…”, 「…」, 『…』, 《…》, （…）: the mark it opens
    with closes at its end), and whether they were added (“链主”企业要留下 is not: it gets them)."""
    text = text.strip()
    return (text, False) if not text or _enclosed(text) else (f"“{text}”", True)


def _enclosed(text: str) -> bool:
    """Whether the mark ``text`` opens with (``PAIRS``) closes at its end and not before (the end: its last
    character, or one before sentence marks only, “…留下”。)."""
    close = PAIRS.get(text[0])
    depth = 0
    for k, ch in enumerate(text):
        depth += (ch == text[0]) - (ch == close)
        if depth == 0:
            return all(c in ENDS for c in text[k + 1:])
    return False


def nested(text: str) -> str:
    """A quote in the “ ” the block added (``marked``), its own quotation marks a level down when it has
    double ones: 要把“链主”企业 → “要把‘链主’企业”, and single ones inside those double again (GB/T 15834
    4.1.3.3: 引号里面还要用引号时，外面一层用双引号，里面一层用单引号); an apostrophe (China’s, ’90s:
    ``_apostrophe``) stays one. A quotation of the copy's that opens with single marks is written a level
    down already (for the marks the block adds) and is left as typed, the double marks in it too: ‘更好’
    beside “测试” (“‘测试’不是目的，要的是‘更好’”: raised, it would stand double in the double the block
    added) and ‘要把“链主”留下’. Copy that has single marks only is left as it is."""
    inner = text[1:-1]
    if "“" not in inner and "”" not in inner:
        return text
    out, lower = [], True  # (lower: the copy's quotation opened double)
    opened: list[str] = []  # (the copy's marks open here)
    for k, ch in enumerate(inner):
        if ch not in "“”‘’" or (ch == "’" and _apostrophe(inner, k, opened)):
            out.append(ch)
            continue
        if not opened and ch in "“‘":  # (a quotation of the copy's own opens: double, a level down; single, as typed)
            lower = ch == "“"
        if ch in "“‘":
            opened.append(ch)
        elif opened:
            opened.pop()
        out.append(ch.translate(NESTED) if lower else ch)
    return f"“{''.join(out)}”"


def _apostrophe(text: str, k: int, opened: list[str]) -> bool:
    """Whether the ’ at ``text[k]`` is an apostrophe, ``opened`` the marks open before it: between Latin letters
    (China’s, ‘China’s plan’), or with no ‘ open to close (’90年代, Jones’); one after a ‘ closes it (‘双11’1小时,
    ‘iPhone’卖得最好)."""
    before, after = text[k - 1:k], text[k + 1:k + 2]
    letters = before.isascii() and before.isalpha() and after.isascii() and after.isalpha()
    return letters or not opened or opened[-1] != "‘"


def read(doc: Doc, r: Reader, common: dict[str, Any], page: m.PageSpec, base: Path) -> QuoteBlock:
    """The quote, its attribution, rules, size and wrap."""
    size = r.convert("size", parse_size, 0.0, low=5.0, high=200.0) if r.has("size") else None
    text, added = marked(" ".join((r.text("text", required=True) or "").split()))
    return QuoteBlock(**common, text=text, added=added,
                      attribution=(r.copy("attribution", "") or "").strip(),
                      rules=choice(doc, r, "rules", "both", RULES) or "both", wrap=r.boolean("wrap", True),
                      size_pt=size, style=read_style(doc, r, page.style))


def clean(b: QuoteBlock, typo: m.Typography, counts: Counter[str], page: int) -> QuoteBlock:
    """Quote and attribution cleaned by the page's typography; the quote's own marks a level down inside
    the “ ” the block added (``nested``: after cleaning, which curls typed straight quotes)."""
    text = clean_text(b.text, typo, counts)
    return replace(b, text=nested(text) if b.added else text, attribution=clean_text(b.attribution, typo, counts))


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
