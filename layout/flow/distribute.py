"""The body flow of an article: units of lines distributed over its columns.

In:  flow ``Unit``s (body lines, cross-heads), the columns' height in lines, lines blocked
     by wrapped photos (``Obstacle``s, 图文互斥).
Out: the (column, line) spot of every unit that fits; widows, orphans and stranded
     cross-heads kept off column ends; a balanced height for columns of equal length.

``plan`` chooses the column height and every column break at once (a shortest path over
(column, first unit) states), weighing each column's empty lines (one line short is what
balancing leaves; two or more are a hole, and holes cost more the deeper they are, so
white is spread rather than gathered), a paragraph line left alone at a column's head or
foot, and a cross-head at a column's foot. ``distribute`` is the greedy fill that
``plan`` falls back to when the copy does not fit (the rest is overset).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from layout.text.line import SetLine

WRAP_GAP_LINES = 1  # empty body lines between a wrapped photo and the text above and below it
STRANDED_COST = 40  # a paragraph's last line alone at a column's head, or its first alone at a foot
HEAD_AT_FOOT_COST = 400  # a cross-head with no line of its section under it in the column
HEAD_ONE_LINE_COST = 60  # a cross-head with only one line of its section under it
TIGHT_HEAD_COST = 3  # a cross-head set without its blank line above (at a column's foot)
STUB_COST = 100_000  # a run of one text line beside a wrapped block: only when no other arrangement exists
MID_HOLE_COST = 200  # per line of white (two or more) between text and a wrapped block, on top of its hole cost
TALLER_LINES = 4  # columns taller than the balanced height that ``plan`` tries
TIE = 1 << 20  # costs are counted in these units; below them, ties are broken


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

    @property
    def shown(self) -> str:
        """The unit's lines as drawn, for a warning (an added hyphen as "-": ``SetLine.shown``)."""
        return "".join(line.shown for line, _ in self.lines)


@dataclass(frozen=True)
class Obstacle:
    """A rectangle inside an article that its text flows around: x extent in pt, grid
    lines ``line`` to ``end_line`` (exclusive, page grid lines, 1-based), with ``gap`` lines of
    white above and below it (a block in the article's corner touches its text as blocks do)."""

    x0: float
    x1: float
    line: int
    end_line: int
    gap: int = WRAP_GAP_LINES  # empty lines left above and below it (0: a block in the article's corner, 拐弯)


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
    """The text of each paragraph line left alone in a column (as drawn, ``Unit.shown``): a last line at the head of a
    column or just below a wrapped photo, a first line at a column's foot or just above a
    photo (the exceptions to report). ``blocked`` are the lines a photo, its white and its
    stubs take."""
    where = {index: (column, line) for index, column, line in placed}
    out = []
    for index, (column, line) in where.items():
        unit = units[index]
        taken = blocked[column] if column < len(blocked) else frozenset()
        before, after = where.get(index - 1), where.get(index + 1)
        widow = unit.last and before is not None and ((before[0] != column and line == _top(taken, height))
                                                      or (before[0] == column and line - 1 in taken))
        orphan = unit.first and after is not None and (after[0] != column or after[1] - 1 in taken)
        if widow or orphan:
            out.append(unit.shown)
    return out


def stubs(units: list[Unit], placed: list[tuple[int, int, int]], taken: tuple[frozenset[int], ...],
          height: int) -> list[str]:
    """The text (as drawn) of each run of one text line beside a wrapped block (between the block and the
    column's head or foot, or a column's last line just under it, a mid-paragraph line too):
    in a column with ``taken`` lines (a wrapped block, its white and the stubs left empty), each
    stretch of lines between taken ones that holds exactly one line of text."""
    lines: dict[int, dict[int, int]] = {}
    for index, column, offset in placed:
        for k in range(units[index].height):
            lines.setdefault(column, {})[offset + k] = index
    out = []
    for column, rows in sorted(lines.items()):
        walls = taken[column] if column < len(taken) else frozenset()
        if not walls & set(range(height)):
            continue
        for a, b in _runs(walls, height):
            inside = [rows[k] for k in range(a, b) if k in rows]
            if len(inside) == 1:
                out.append(units[inside[0]].shown)
    return out


def _runs(walls: frozenset[int], height: int) -> list[tuple[int, int]]:
    """The stretches [start, end) of lines 0…``height`` not in ``walls``."""
    runs, start = [], None
    for k in range(height + 1):
        if k < height and k not in walls:
            start = k if start is None else start
        elif start is not None:
            runs.append((start, k))
            start = None
    return runs


def holes(used: set[int], taken: frozenset[int], height: int, end: int | None = None) -> list[tuple[int, int]]:
    """A column's holes: (first line, lines) of each run of two or more empty lines (neither
    ``used`` by text nor ``taken`` by a wrapped block) with text or a block below it, i.e.
    white at the column's head, between paragraphs' lines, or between text and a block;
    white that runs to the column's foot is not a hole here (it is the column's foot), nor is
    white from line ``end`` on (after the story's last line, in its last column)."""
    out, start = [], None
    for k in range(height if end is None else min(end, height)):
        empty = k not in used and k not in taken
        if empty and start is None:
            start = k
        elif not empty and start is not None:
            if k - start >= 2:
                out.append((start, k - start))
            start = None
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
    their own lines and their ``gap`` lines above and below, in every column that comes
    nearer to them than ``clearance`` pt (a gutter)."""
    out = []
    for x, w in columns:
        taken: set[int] = set()
        for ob in obstacles:
            if x < ob.x1 + clearance and ob.x0 - clearance < x + w:
                start, stop = ob.line - ob.gap - first, ob.end_line + ob.gap - first
                taken.update(range(max(0, start), min(height, stop)))
        out.append(frozenset(taken))
    return tuple(out)


@dataclass(frozen=True)
class Plan:
    """The columns as ``plan`` chose them: the height, each unit's (index, column, line),
    per column the line offsets taken besides text (a wrapped photo, its gap, and a
    one-line stub beside it left empty), and the cost (0: no hole, widow or orphan)."""

    height: int
    spots: list[tuple[int, int, int]]
    taken: tuple[frozenset[int], ...]
    cost: int


def widest_beside(x: float, width: float, in_way: list[Obstacle], clearance: float) -> tuple[float, float]:
    """(x, width): the widest stretch of ``width`` pt from ``x`` beside the obstacles ``in_way`` (each kept
    ``clearance`` pt off)."""
    spans, left = [], x
    for x0, x1 in sorted((ob.x0 - clearance, ob.x1 + clearance) for ob in in_way):
        spans.append((left, x0 - left))
        left = max(left, x1)
    spans.append((left, x + width - left))
    return max(spans, key=lambda s: s[1])


def stretches(blocked: frozenset[int], height: int) -> tuple[tuple[int, int], ...]:
    """The free runs [start, end) of a column ``height`` lines tall with ``blocked`` lines;
    a run of one line between a wrapped photo's white and the column's head or foot (or
    another photo) is no run: a one-line stub beside a photo reads as a caption, or, in
    several columns side by side, as one line across them (the text goes below it)."""
    runs = _runs(blocked, height)
    if blocked & set(range(height)):
        runs = [(a, b) for a, b in runs if b - a > 1]
    return tuple(runs)


def with_stubs(blocked: tuple[frozenset[int], ...], height: int) -> tuple[frozenset[int], ...]:
    """``blocked`` with each one-line stub beside a photo (see ``stretches``) taken too."""
    return tuple(frozenset(range(height)) - {k for a, b in stretches(taken, height) for k in range(a, b)}
                 for taken in blocked)


def _fill(units: list[Unit], i: int, runs: tuple[tuple[int, int], ...],
          height: int) -> Iterator[tuple[int, list[int], int, int, int]]:
    """One column filled greedily from unit ``i``: after each unit placed, (the next unit's
    index, the line offsets of units ``i``… so far, lines used with cross-heads' blank
    lines, the cost of the column if it ended here besides its empty lines, and the part of it
    for the white between its last line and a block below, not counted in the article's last
    column, where that white is the story's end). A
    cross-head takes a blank line above it (not at the top of a run), or none where that line
    would keep it from the foot of a run, and room for two lines below it; a paragraph's first
    line alone at the end of a run above a photo goes below the photo. The cost counts
    cross-heads set without their blank line, a paragraph's last line alone below a photo, and
    the shape beside wrapped blocks (``_shape_cost``)."""
    offsets: list[int] = []
    line, used, r, extra, n_runs = (runs[0][0] if runs else height), 0, 0, 0, len(runs)
    text, spent = [0] * n_runs, [0] * n_runs  # per run: text lines, lines used
    whole_column = sum(b - a for a, b in runs) >= height  # no wrapped block: ``_shape_cost`` is 0
    for k in range(i, len(units)):
        unit = units[k]
        crosshead, tall = unit.crosshead, unit.height
        while r < n_runs:
            top, end = runs[r]
            line = max(line, top)
            lead = 1 if crosshead and line > top else 0
            keep = tall + lead + (2 if crosshead else 0)
            if lead and line + keep == end + 1:  # the blank line above gives way to the lines below
                lead, keep, extra = 0, keep - 1, extra + TIGHT_HEAD_COST
            whole = line == 0 and end == height and n_runs == 1
            orphan = unit.first and line + keep == end and r < n_runs - 1 and end - top > 2
            if not orphan and (line + keep <= end or (whole and keep > height >= tall)):
                break
            r += 1
        if r >= n_runs:
            return
        if unit.last and offsets and r > 0 and line == runs[r][0] and offsets[-1] < runs[r - 1][1]:
            extra += STRANDED_COST  # a paragraph's last line alone below a photo
        offsets.append(line + lead)
        line += lead + tall
        used += lead + tall
        text[r] += tall
        spent[r] += lead + tall
        shape, tail = (0, 0) if whole_column else _shape_cost(runs, text, spent, r, height)
        yield k + 1, offsets, used, extra + shape, tail


def _shape_cost(runs: tuple[tuple[int, int], ...], text: list[int], spent: list[int], last: int,
                height: int) -> tuple[int, int]:
    """The cost, besides its empty lines (costed with the column's), of a column beside a
    wrapped block whose text ends in run ``last`` (``text`` and ``spent``: each run's text lines
    and lines used). A run of one text line (between the block and the column's head or foot,
    or the foot of a column ending just under it) costs ``STUB_COST``; white between text and
    a block below (the rest of a run the text left for the next run or column) is a hole in
    mid-column: two lines or more cost ``MID_HOLE_COST`` a line more, so the room above a block
    is filled before the next column (one line, two with the block's own white, costs as a
    widow). White after the text in the column's last run, and runs below the text, are the
    column's foot. Returns (cost, the part of it for the white after the text in run ``last``)."""
    if sum(b - a for a, b in runs) >= height:
        return 0, 0
    cost, tail = 0, 0
    for q in range(last + 1):
        a, b = runs[q]
        white = (b - a) - spent[q]
        cost += STUB_COST * (text[q] == 1)
        if white and (q < last or b < height):
            cost += MID_HOLE_COST * white if white >= 2 else STRANDED_COST
            tail = (MID_HOLE_COST * white if white >= 2 else STRANDED_COST) if q == last else 0
    return cost, tail


def _break_costs(units: list[Unit]) -> list[int]:
    """For each j, the cost of a column break before unit ``j`` (a widow, an orphan, a cross-head
    at the foot); 0 before the first unit and after the last."""
    out = [0] * (len(units) + 1)
    for j in range(1, len(units)):
        before, after = units[j - 1], units[j]
        out[j] = STRANDED_COST * (int(after.last) + int(before.first))
        if before.crosshead:
            out[j] += HEAD_AT_FOOT_COST
        elif j >= 2 and units[j - 2].crosshead and before.height == 1 and not after.crosshead:
            out[j] += HEAD_ONE_LINE_COST
    return out


Fills = dict[tuple[tuple[tuple[int, int], ...], int, int], list[tuple[int, int, int, int]]]


def _columns(units: list[Unit], columns: int, height: int, report: int, blocked: tuple[frozenset[int], ...],
             breaks: list[int], fills: Fills) -> Plan | None:
    """The least-cost column breaks at ``height`` (empty lines counted to ``report`` lines), or
    None when not every unit can be placed. ``breaks`` are ``_break_costs``; ``fills`` caches
    ``_fill`` by a column's runs and first unit."""
    n = len(units)
    runs = [stretches(blocked[c] if c < len(blocked) else frozenset(), height) for c in range(columns)]
    room = [sum(b - a for a, b in rc) for rc in runs]
    rest = [0] * (n + 1)  # lines the units from k on need at least
    for k in range(n - 1, -1, -1):
        rest[k] = rest[k + 1] + units[k].height
    best: list[dict[int, tuple[int, int]]] = [{} for _ in range(columns + 1)]
    best[0][0] = (0, -1)
    for c in range(columns):
        ahead, nxt, last, weight = sum(room[c:]), best[c + 1], c == columns - 1, columns - c
        counted = report - (height - room[c])  # the lines whose white is counted, less those used
        nothing = _shape_cost(runs[c], [0] * len(runs[c]), [0] * len(runs[c]), len(runs[c]) - 1, height)
        for i, (cost, _) in sorted(best[c].items()):
            if rest[i] > ahead:
                continue
            key = (runs[c], i, height)  # (the same runs in a taller column may have a block below)
            if key not in fills:
                fills[key] = [(j, used, extra, tail) for j, _, used, extra, tail in _fill(units, i, runs[c], height)]
            for j, used, extra, tail in [(i, 0, *nothing), *fills[key]]:
                if last and j != n:
                    continue
                if j == n:  # the story ends in this column: the white after it is its end, no hole
                    extra -= tail
                empty = counted - used if counted > used else 0  # ties: the plan whose white is further on
                hole = empty if empty <= 1 else 8 * empty * empty  # one empty line costs little, more their square
                total = cost + TIE * (extra + hole + breaks[j]) + weight * empty
                found = nxt.get(j)
                if found is None or total < found[0]:
                    nxt[j] = (total, i)
    if n not in best[columns]:
        return None
    spots: list[tuple[int, int, int]] = []
    j = n
    for c in range(columns, 0, -1):
        i = best[c][j][1]
        offsets: list[int] = []
        for k, placed, _, _, _ in _fill(units, i, runs[c - 1], height) if j > i else ():
            offsets = placed
            if k == j:
                break
        spots[:0] = [(i + k, c - 1, line) for k, line in enumerate(offsets)]
        j = i
    free = [frozenset(k for a, b in rc for k in range(a, b)) for rc in runs]
    gone = tuple(frozenset(range(height)) - f for f in free)
    return Plan(height, spots, gone, best[columns][n][0] // TIE)


def plan(units: list[Unit], columns: int, height: int, blocked: tuple[frozenset[int], ...] = (),
         air: int = 0) -> Plan | None:
    """The column height (from the balanced height to ``TALLER_LINES`` more, at most
    ``height``) and column breaks of least cost (see module docstring): empty lines are
    counted to ``height`` less the headline air a shorter height gives (up to ``air``
    lines). None when the copy does not fit ``height`` (``distribute`` sets what fits)."""
    if not units or height <= 0:
        return None
    breaks, fills = _break_costs(units), {}  # type: tuple[list[int], Fills]
    if distribute(units, columns, height, blocked)[1] < len(units):  # only a cross-head's blank line
        return _columns(units, columns, height, height, blocked, breaks, fills)  # given up may make it fit
    low = balanced_height(units, columns, height, blocked)
    best: Plan | None = None
    for h in range(low, min(height, low + TALLER_LINES) + 1):
        found = _columns(units, columns, h, height - min(air, height - h), blocked, breaks, fills)
        if found is not None and (best is None or found.cost < best.cost):
            best = found
        if best is not None and best.cost == 0:
            break
    if best is None:  # no plan at these heights (the rules cost lines): the full height
        best = _columns(units, columns, height, height, blocked, breaks, fills)
    return best
