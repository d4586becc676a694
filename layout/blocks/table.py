"""The table block type (数据表): a header row and rows of cells, with rules, on the baseline grid.

In:  a YAML ``type: table`` mapping; later the model and a ``LayoutContext``.
Out: a ``TableBlock`` (columns with their heads and alignment, rows of cell texts, title,
     source); its texts cleaned by the page's typography; its frame items (``layout.flow.table``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.blocks import BlockType, Format
from layout.issue import model as m
from layout.issue.reader import Doc, Reader, choice
from layout.text.clean import clean_text

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.flow.article import Placed

ALIGNS = ("auto", "left", "center", "right", "decimal")


@dataclass(frozen=True)
class TableColumn:
    """One column: its head and how its cells align (``decimal``: on the decimal point)."""

    head: str
    align: str = "auto"


@dataclass(frozen=True)
class TableBlock(m.Block):
    """A data table: columns, rows of cell texts (as many as columns), optional title
    above, source line below and rules between rows."""

    columns: tuple[TableColumn, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    title: str = ""
    source: str = ""
    row_rules: bool = False


def _cell(doc: Doc, path: str, value: Any) -> str | None:
    """A cell's (or a column head's) text: text, a number or a true/false word as it was typed (12.50, +4, NO:
    ``Doc.as_typed``), null as empty; None for a list or a mapping."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)):
        return doc.as_typed(path, value).strip()
    return None


def read(doc: Doc, r: Reader, common: dict[str, Any], page: m.PageSpec, base: Path) -> TableBlock:
    """Columns (text or {head, align}) and rows (lists of as many cells as columns)."""
    columns = []
    for i, item in enumerate(r.items("columns", required=True)):
        path = f"{r.sub('columns')}[{i}]"
        if isinstance(item, (str, int, float)):  # (true/false too: NO, a country's code)
            columns.append(TableColumn(_cell(doc, path, item) or ""))
            continue
        if not isinstance(item, dict):
            raise doc.error(path, "a column is its head (text) or {head, align}")
        c = Reader(doc, item, path, tuple(FORMAT.keys["table_column"]))
        columns.append(TableColumn(c.copy("head", "") or "", choice(doc, c, "align", "auto", ALIGNS) or "auto"))
    if not columns:
        raise doc.error(r.sub("columns"), "a table needs at least one column")
    rows = []
    for i, row in enumerate(r.items("rows")):
        path = f"{r.sub('rows')}[{i}]"
        cells = [_cell(doc, f"{path}[{k}]", v) for k, v in enumerate(row)] if isinstance(row, list) else None
        if cells is None or any(c is None for c in cells):
            raise doc.error(path, "a row is a list of cells (text or numbers, as typed), e.g. [甲, 12.50]")
        if len(cells) != len(columns):
            hint = "; a half-width comma inside [ ] ends a cell (2,000): quote the text" if len(cells) > len(
                columns) else ""
            raise doc.error(path, f"this row has {len(cells)} cells for {len(columns)} columns{hint}")
        rows.append(tuple(c or "" for c in cells))
    return TableBlock(**common, columns=tuple(columns), rows=tuple(rows), title=r.copy("title", "") or "",
                      source=r.copy("source", "") or "", row_rules=r.boolean("row_rules", False))


def clean(b: TableBlock, typo: m.Typography, counts: Counter[str], page: int) -> TableBlock:
    """Title, heads, cells and source cleaned by the page's typography."""
    def c(text: str) -> str:
        return clean_text(text, typo, counts) if text else text

    return replace(b, title=c(b.title), source=c(b.source),
                   columns=tuple(replace(col, head=c(col.head)) for col in b.columns),
                   rows=tuple(tuple(c(cell) for cell in row) for row in b.rows))


def layout(block: TableBlock, ctx: LayoutContext) -> Placed:
    """The table on the page grid (``layout.flow.table``)."""
    from layout.flow.table import layout_table

    return layout_table(block, ctx)


#: The keys of its YAML mappings: value kind and one line for the key reference.
FORMAT = Format(
    keys={
        "table": {
            "title": ("text", 'a title above the table (optional)'),
            "columns": ("table_columns", 'the columns: each its head (text) or {head, align}'),
            "rows": ("table_rows", 'the rows: lists of as many cells as columns (text; a figure or a yes/no word '
                                   'is the text typed: 12.50, +4, NO)'),
            "source": ("text", 'a source line under the table, e.g. 资料来源：…'),
            "row_rules": ("bool", 'thin rules between the rows'),
        },
        "table_column": {
            "head": ("text", 'the column head (the header row, bold)'),
            "align": ("choice", 'auto (decimal when every cell is a figure, else left), left, center, right, '
                                'or decimal (figures aligned on the decimal point)'),
        },
    },
    mappings={"table": '`blocks[]` with `type: table`', "table_column": '`columns[]` of a table, as a mapping'},
    required={"table": ("columns",)},
    choices={"table_column.align": ALIGNS},
)


def _texts(block: TableBlock) -> list[str]:
    """Title and heads are display type."""
    return [t for t in (block.title, *(c.head for c in block.columns)) if t]


TYPE = BlockType("table", TableBlock, read, clean, layout, colour=(200, 120, 0, 255), display_texts=_texts,
                 format=FORMAT)
