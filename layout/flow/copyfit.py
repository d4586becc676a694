"""The copy-fit of an article's body columns, read off where its units were placed.

In:  the page grid, the body columns, where each unit was set (``spots``: unit index,
     column, line offset), the units, and the lines taken by wrapped blocks.
Out: ``column_fit``: each column's foot, empty lines and largest hole (``ColumnFit``);
     ``holes_above_heads``: the columns ending short above a column that opens with a cross-head;
     ``lines_used``: the line slots up to the end of the text, less those ``blocked``;
     ``head_clear_of_corner``: ``HeadInCorner`` for an L whose head group would reach its corner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout.flow.distribute import Unit, holes
from layout.flow.grid import PageGrid
from layout.report import UNDERSET_LINES, ColumnFit

if TYPE_CHECKING:
    from layout.issue.model import Placement


class HeadInCorner(Exception):
    """An L (``corner``, 拐弯) whose head group needs more lines across its full width than the
    corner leaves above it: set beside the corner it would meet the heads there (撞题)."""

    def __init__(self, need: int, room: int) -> None:
        super().__init__(need, room)
        self.need, self.room = need, room


def head_clear_of_corner(corner: Placement | None, top: int, need: int) -> None:
    """Raise ``HeadInCorner`` when a head group ``need`` lines deep from grid line ``top`` would
    reach an L's ``corner`` (none: nothing to check)."""
    if corner is not None and need > corner.line - top:
        raise HeadInCorner(need, corner.line - top)


def column_fit(grid: PageGrid, columns: list[tuple[float, float]], spots: list[tuple[int, int, int]],
                units: list[Unit], first: int, height: int, blocked: tuple[frozenset[int], ...],
                bottom: float) -> list[ColumnFit]:
    """Each body column's foot and empty lines: of ``height`` lines from grid line ``first``
    (the headline's air excluded), those neither set (a cross-head's blank line above it
    counts as set) nor taken by a wrapped block, its white or a stub beside it (``blocked``); its largest hole."""
    ends, used = [0] * len(columns), [set[int]() for _ in columns]
    for index, column, offset in spots:
        unit = units[index]
        ends[column] = max(ends[column], offset + unit.height)
        used[column].update(range(offset - int(unit.crosshead and offset > 0), offset + unit.height))
    taken = [blocked[c] if c < len(blocked) else frozenset() for c in range(len(columns))]
    last = max((column for _, column, _ in spots), default=-1)  # (the white after the story's end is no hole)
    return [ColumnFit(x, w, grid.line_top(first + ends[c]), bottom,
                      sum(1 for k in range(height) if k not in used[c] and k not in taken[c]),
                      max((n for _, n in holes(used[c], taken[c], height, ends[c] if c == last else None)),
                          default=0))
            for c, (x, w) in enumerate(columns)]


def holes_above_heads(units: list[Unit], spots: list[tuple[int, int, int]], fit: list[ColumnFit]) -> list[int]:
    """Columns (1-based) that end two or more lines short while the next column opens with a cross-head."""
    tops: dict[int, int] = {}
    for index, column, _ in spots:
        tops.setdefault(column, index)
    return [c + 1 for c in range(len(fit) - 1)
            if fit[c].empty >= UNDERSET_LINES and c + 1 in tops and units[tops[c + 1]].crosshead]


def lines_used(spots: list[tuple[int, int, int]], units: list[Unit], height: int,
              blocked: tuple[frozenset[int], ...]) -> int:
    """The body's line slots (column by column, ``height`` lines each) up to the end of its last
    text, less the slots taken by wrapped blocks and an L's corner (``blocked``), as
    ``lines_available`` counts them."""
    end = max((column * height + offset + units[i].height for i, column, offset in spots), default=0)
    return end - sum(1 for column, taken in enumerate(blocked) for line in taken
                     if 0 <= line < height and column * height + line < end)
