"""The body flow of an article: units of lines distributed over its columns.

In:  flow ``Unit``s (body lines, cross-heads), the columns' height in lines, lines blocked
     by wrapped photos (``Obstacle``s, 图文互斥).
Out: the (column, line) spot of every unit that fits; widows, orphans and stranded
     cross-heads kept off column ends; a balanced height for columns of equal length.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.text.line import SetLine

WRAP_GAP_LINES = 1  # empty body lines between a wrapped photo and the text above and below it


@dataclass
class Unit:
    """A piece of the body flow: one body line, or a cross-head of several lines."""

    lines: list[tuple[SetLine, float]]  # line and its baseline offset from the unit's top
    height: int  # in body lines
    crosshead: bool = False
    first: bool = False  # the first line of a paragraph of several lines (not alone at a column foot)
    last: bool = False  # the last line of a paragraph of several lines (not alone at a column head)

    @property
    def text(self) -> str:
        """The unit's characters of the copy (no added hyphens)."""
        return "".join(line.copy for line, _ in self.lines)


@dataclass(frozen=True)
class Obstacle:
    """A rectangle inside an article that its text flows around: x extent in pt, grid
    lines ``line`` to ``end_line`` (exclusive, page grid lines, 1-based)."""

    x0: float
    x1: float
    line: int
    end_line: int


@dataclass(frozen=True)
class Area:
    """Where an article's text goes: the block, or inside its box (one character and one
    line of padding, on the grid)."""

    x: float
    width: float
    line: int
    lines: int
    columns: list[tuple[float, float]]


def distribute(units: list[Unit], columns: int, height: int,
               blocked: tuple[frozenset[int], ...] = ()) -> tuple[list[tuple[int, int, int]], int]:
    """Fill ``columns`` columns of ``height`` lines in order, leaving out the line
    offsets ``blocked[column]`` (a wrapped photo and its gap).

    Returns ([(unit index, column, line offset)], index of the first unit that
    did not fit, ``len(units)`` if all did). A cross-head takes a blank line
    above it (not at a column top or under a photo) and keeps with the two lines
    below it, except at the top of a column with nothing in its way that is too
    short for those lines. A unit taller than every free stretch of every column
    is never placed: it and everything after it are overset, so no line is drawn
    past the block's bottom.
    On the baseline grid, lines move and the leading never changes: a paragraph's
    first line alone at the foot of a column (orphan) moves to the next column, and
    its last line alone at the head of a column (widow) takes the line before it
    along (clreq; the usual newspaper rule).
    """
    placed: list[tuple[int, int, int]] = []
    if height <= 0:
        return placed, 0
    free = [blocked[c] if c < len(blocked) else frozenset() for c in range(columns)]
    column, line = 0, 0
    for index, unit in enumerate(units):
        while True:
            if column >= columns:
                return placed, index
            while line < height and line in free[column]:
                line += 1
            end = next((k for k in range(line, height) if k in free[column]), height) if free[column] else height
            lead = 1 if unit.crosshead and line > 0 and line - 1 not in free[column] else 0
            keep = unit.height + lead + (2 if unit.crosshead else 0)
            whole = line == 0 and end == height
            orphan = unit.first and line + keep == end and end - _top(free[column], height) > 2
            if line < height and not orphan and (line + keep <= end or (whole and keep > height >= unit.height)):
                break
            line = end
            if line >= height:
                column, line = column + 1, 0
        line += lead
        moved = _widow(units, placed, index, column, line, free[column], height) if unit.last else 0
        for k in range(moved):  # the lines before come along: no widow, and no orphan left behind
            placed[-moved + k] = (index - moved + k, column, line)
            line += 1
        placed.append((index, column, line))
        line += unit.height
    return placed, len(units)


def stranded(units: list[Unit], placed: list[tuple[int, int, int]], blocked: tuple[frozenset[int], ...],
             height: int) -> list[str]:
    """The text of each paragraph line ``distribute`` had to leave alone in a column: a last
    line at the head of a column, a first line at its foot (the exceptions to report)."""
    where = {index: (column, line) for index, column, line in placed}
    out = []
    for index, (column, line) in where.items():
        unit = units[index]
        free = blocked[column] if column < len(blocked) else frozenset()
        before, after = where.get(index - 1), where.get(index + 1)
        widow = unit.last and before is not None and before[0] != column and line == _top(free, height)
        orphan = unit.first and after is not None and after[0] != column
        if widow or orphan:
            out.append(unit.text)
    return out


def _top(free: frozenset[int], height: int) -> int:
    """The first line of a column that is not blocked."""
    return next((k for k in range(height) if k not in free), height)


def _widow(units: list[Unit], placed: list[tuple[int, int, int]], index: int, column: int, line: int,
           free: frozenset[int], height: int) -> int:
    """How many lines must move down with a paragraph's last line that would stand alone
    at the head of ``column``: the line before it, and the one before that too when it is
    the paragraph's first line (it would be left alone at the foot). 0 when none can
    (cross-heads, lines not at the foot of the column before, too short a column)."""
    if not placed or placed[-1][0] != index - 1 or placed[-1][1] == column or line != _top(free, height):
        return 0
    moved = 1 if units[index - 1].first else 2 if index >= 2 and units[index - 2].first else 1
    if moved == 2 and (len(placed) < 2 or placed[-2][0] != index - 2 or placed[-2][1] != placed[-1][1]):
        moved = 1
    lines = range(line, line + moved + 1)
    if any(u.height != 1 or u.crosshead for u in units[index - moved:index]) or any(
            k >= height or k in free for k in lines):
        return 0
    return moved


def balanced_height(units: list[Unit], columns: int, height: int, blocked: tuple[frozenset[int], ...] = ()) -> int:
    """The smallest column height (≤ ``height``) that still takes every unit, so the
    columns end level (±1 line), or up to 3 lines more where that leaves no paragraph
    line alone in a column; ``height`` itself when even that overflows."""
    low, high = 1, height
    if distribute(units, columns, height, blocked)[1] < len(units):
        return height
    while low < high:
        mid = (low + high) // 2
        if distribute(units, columns, mid, blocked)[1] == len(units):
            high = mid
        else:
            low = mid + 1
    for taller in range(low, min(height, low + 3) + 1):  # up to 3 lines more if that spares a widow or orphan
        placed, stop = distribute(units, columns, taller, blocked)
        if stop == len(units) and not stranded(units, placed, blocked, taller):
            return taller
    return low


def blocked_lines(columns: list[tuple[float, float]], first: int, height: int, obstacles: tuple[Obstacle, ...],
                  clearance: float) -> tuple[frozenset[int], ...]:
    """Per body column, the line offsets (from grid line ``first``) the obstacles take:
    their own lines and ``WRAP_GAP_LINES`` above and below, in every column that comes
    nearer to them than ``clearance`` pt (a gutter)."""
    out = []
    for x, w in columns:
        taken: set[int] = set()
        for ob in obstacles:
            if x < ob.x1 + clearance and ob.x0 - clearance < x + w:
                start, stop = ob.line - WRAP_GAP_LINES - first, ob.end_line + WRAP_GAP_LINES - first
                taken.update(range(max(0, start), min(height, stop)))
        out.append(frozenset(taken))
    return tuple(out)
