"""The block registry: every block type of a page, one module each.

In:  a block type's name (the ``type:`` of a YAML block) or a block.
Out: its ``BlockType``: the reader (YAML mapping → model), the copy cleaning, the
     layout (model + ``LayoutContext`` → frame items and a report) and its hints
     to the page (hairlines, running head, text wrap) and to the preview overlays.

Adding a block type: write ``layout/blocks/<name>.py`` defining ``TYPE = BlockType(...)``
(with its ``Format``: keys, value kinds, documentation), add its name to ``NAMES`` below,
document it in the README and regenerate the schema and the README key reference. The modules
are imported on first use, so reading the registry's names costs nothing.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.flow.article import Placed
    from layout.issue.model import Block, PageSpec, Typography
    from layout.issue.reader import Doc, Reader

#: The block types, one line each (the module ``layout.blocks.<name>``).
NAMES: tuple[str, ...] = (
    "article",
    "photo",
    "banner",
    "masthead",
    "rule",
    "table",
    "ad",
    "index",
    "briefs",
    "quote",
    "sidebar",
)

RGBA = tuple[int, int, int, int]
COMMON = ("type", "id", "at")  # the keys of every block (read by the loader before the type's reader)


class Format(NamedTuple):
    """A block type's part of the issue format: its mappings (the block's own, named as the
    type, and any nested ones), each key's value kind (see ``layout.issue.spec.FIELDS``) and
    its line in the key reference; where each mapping appears; required keys besides
    ``COMMON``; ranges of numeric keys; the words of ``choice`` keys (by key, or by
    ``mapping.key`` for words that hold in that mapping only, as ``rule.style``)."""

    # (a Format is read, never changed: the empty defaults are shared safely)
    keys: dict[str, dict[str, tuple[str, str]]] = {}  # noqa: RUF012
    mappings: dict[str, str] = {}  # noqa: RUF012
    required: dict[str, tuple[str, ...]] = {}  # noqa: RUF012
    ranges: dict[tuple[str, str], tuple[float, float]] = {}  # noqa: RUF012
    choices: dict[str, tuple[str, ...]] = {}  # noqa: RUF012


def _always(block: Any) -> bool:
    """A hint that holds for every block of a type."""
    return True


def _never(block: Any) -> bool:
    """A hint that holds for no block of a type."""
    return False


def _no_work(block: Any) -> int:
    """A block type set where the page is set (not shared with another process)."""
    return 0


def _no_texts(block: Any) -> list[str]:
    """A block type without display text."""
    return []


@dataclass(frozen=True)
class BlockType:
    """What the pipeline needs to know about one kind of block.

    ``read(doc, mapping, common, page, folder)`` builds the model from the block's
    YAML mapping (``common`` holds the id, placement and YAML path every block has);
    ``clean(block, typography, counts, page number)`` returns the block with its copy
    cleaned (changes counted); ``layout(block, context)`` sets it on the page grid.
    ``ruled``: hairlines join it to the blocks it touches; ``folio``: a page holding
    it keeps its running head; ``wraps``: text of an enclosing article flows around
    it; ``holds_wraps``: blocks with text wrap may lie inside it; ``display_texts``: its
    texts set as display type (broken between words: the word dictionary is read for them); ``colour``: its outline
    in the preview's block overlay; ``format``: its keys
    (merged into ``layout.issue.spec`` and the key reference); ``overlays``: it draws
    only in gutters, so it may share grid cells with other blocks (a vertical rule);
    ``work``: about how many characters of text it sets, for sharing a page's blocks between two
    processes (``layout.blockfork``; 0: set in the page's own process);
    ``link(doc, block, page index, pages)``,
    when given, resolves what the block names on other pages (an index's page references) once
    every page is read, or raises the ``IssueError`` naming its key.
    """

    name: str
    model: type[Block]
    read: Callable[[Doc, Reader, dict[str, Any], PageSpec, Path], Block]
    clean: Callable[[Any, Typography, Counter[str], int], Block]
    layout: Callable[[Any, LayoutContext], Placed]
    colour: RGBA = (80, 80, 80, 255)
    ruled: Callable[[Any], bool] = _always
    folio: bool = True
    wraps: Callable[[Any], bool] = _never
    holds_wraps: bool = False
    display_texts: Callable[[Any], list[str]] = _no_texts
    format: Format = Format()  # noqa: RUF009 - an immutable value
    overlays: Callable[[Any], bool] = _never
    link: Callable[[Doc, Any, int, tuple[PageSpec, ...]], Block] | None = None
    work: Callable[[Any], int] = _no_work


@cache
def block_type(name: str) -> BlockType:
    """The registered type called ``name`` (one of ``NAMES``)."""
    if name not in NAMES:
        raise KeyError(f"no block type {name!r}")
    module = importlib.import_module(f"layout.blocks.{name}")
    kind: BlockType = module.TYPE
    return kind


@cache
def _by_model() -> dict[type, BlockType]:
    """Model class → its block type."""
    return {kind.model: kind for kind in map(block_type, NAMES)}


def of(block: Block) -> BlockType:
    """The block type of a model instance."""
    return _by_model()[type(block)]
