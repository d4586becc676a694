"""The search's leaves and stacked layouts, kept by their rectangles' numbers.

In:  a ``Search`` (``layout.makeup.search``): its ``_leaf_at`` (a story filling a rectangle, with
     the position rules' costs) and ``fallback.stack`` (stories stacked without searching).
Out: the same values, each worked out once a search: ``leaf`` and ``stacked`` take a rectangle,
     ``leaf_at`` its numbers (column, span, line, lines), so that the search's inner loop, which
     asks for far more leaves than it keeps, makes a ``Placement`` only for a leaf not yet known.

The tables are keyed by tuples of numbers: a ``Placement`` (a frozen dataclass) hashes and
compares in Python, a tuple of integers in C, and the search looks up some hundred thousand
leaves on a page of eight stories. What they give back is exactly what the functions give.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout.issue.model import Placement
from layout.makeup import fallback

if TYPE_CHECKING:
    from layout.makeup.search import Search, Solution


class Tables:
    """A search's leaves and stacked layouts (see module docstring)."""

    def __init__(self, search: Search) -> None:
        self.search = search
        self._leaves: dict[tuple[int, int, int, int, int, bool], Solution] = {}
        self._stacks: dict[tuple[int, int, int, int, tuple[int, ...], bool], Solution] = {}

    def leaf(self, sid: int, rect: Placement, nohead: bool) -> Solution:
        """Story ``sid`` (and its photo) filling ``rect``: ``Search._leaf_at``, worked out once."""
        return self.leaf_at(sid, rect.column, rect.span, rect.line, rect.lines, nohead, rect)

    def leaf_at(self, sid: int, column: int, span: int, line: int, lines: int, nohead: bool,
                rect: Placement | None = None) -> Solution:
        """``leaf`` of the rectangle ``span`` × ``lines`` at ``column``, ``line`` (``rect``, when the
        caller has it made)."""
        key = (sid, column, span, line, lines, nohead)
        known = self._leaves.get(key)
        if known is None:
            known = self._leaves[key] = self.search._leaf_at(sid, rect or Placement(column, span, line, lines), nohead)
        return known

    def stacked(self, rect: Placement, ids: tuple[int, ...], nohead: bool) -> Solution:
        """``fallback.stack`` of ``ids`` in ``rect``, worked out once."""
        key = (rect.column, rect.span, rect.line, rect.lines, ids, nohead)
        known = self._stacks.get(key)
        if known is None:
            known = self._stacks[key] = fallback.stack(self.search, rect, ids, nohead)
        return known
