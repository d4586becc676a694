"""The make-up search's cut along fixed blocks: a rectangle holding a masthead, a 报眼, an ad.

In:  a ``Search`` (``layout.makeup.search``), a rectangle, the stories to share in it, the fixed blocks
     it overlaps (``inside``), whether a side may open with a headline (``nohead``) and the best layout
     found so far.
Out: the best layout of the rectangle better than that one (``around``), or that one.

A rectangle wholly covered holds no story. Else it is cut along the fixed blocks' edges (between
columns, or between lines), its stories shared between the two sides every way (``search._shares``).
A cut that leaves one side wholly covered is the only one tried (it loses nothing); else first the one
whose smaller side has the fewest free cells (a band of masthead and 报眼 with its well: a search cut
short at its limit has searched the page under it). The two sides are joined as any cut's are, with
the 撞题 across the join priced (``solution.clashes``, as ``Search._down``) and each story of one side
that starts above the lead (头条) in the other priced as a broken rule (``solution.above_lead``: a
story in the well between masthead and 报眼 over a lead set under the band, its headline the higher).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from layout.issue.model import Placement
from layout.makeup import lastresort
from layout.makeup.cost import RULE
from layout.makeup.solution import Solution, above_lead, better, clashes, join

if TYPE_CHECKING:
    from layout.makeup.search import Search

INF = float("inf")
PAIRS_IDS = 9  # stories in the largest set whose shares ``_pairs`` keeps


def around(search: Search, rect: Placement, ids: tuple[int, ...], inside: list[Placement], nohead: bool,
           best: Solution) -> Solution:
    """``best``, or a better layout of ``rect`` (holding the fixed blocks ``inside``) with stories ``ids``,
    cut along the fixed blocks' edges (module docstring)."""
    if search._free_cells(rect, inside) <= 0:
        return better(best, Solution(0.0)) if not ids else best
    parts = _parts(rect, inside)
    free = [min(search._free_cells(a), search._free_cells(b)) for a, b in parts]  # (of the smaller side)
    covered = [part for part, cells in zip(parts, free) if cells <= 0]
    for a, b in covered[:1] or [parts[k] for k in sorted(range(len(parts)), key=free.__getitem__)]:
        floor_a, floor_b = _floor(search, a), _floor(search, b)
        for picked, rest in _pairs(ids) if len(ids) <= PAIRS_IDS else _pairs.__wrapped__(ids):
            low = floor_b(rest)
            if floor_a(picked) + low >= best.cost:
                continue
            one = search.solve(a, picked, nohead, best.cost - low)
            if one.cost + low >= best.cost:
                continue
            two = search.solve(b, rest, nohead, best.cost - one.cost)
            extra = search.limits.collide * clashes(one, two) + RULE * above_lead(one, two, search.lead)
            best = better(best, join(one, two, extra))
    return best


@lru_cache(maxsize=512)
def _pairs(ids: tuple[int, ...]) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
    """Each way of sharing stories ``ids`` between a cut's two sides (``search._shares``), as the stories
    on the first side and those on the second, in order: worked out once for each set of at most
    ``PAIRS_IDS`` stories, not at each of the rectangles and cuts it is shared at (a set of ``n`` has
    2^n ways; kept for at most 512 sets, some 60 MB at most: larger sets are worked out each time)."""
    from layout.makeup.search import _shares

    return tuple((picked, tuple(i for i in ids if i not in picked)) for picked in _shares(ids, len(ids)))


def _floor(search: Search, part: Placement) -> Callable[[tuple[int, ...]], float]:
    """``search.bound(ids, part, False)`` as a function of ``ids``, the part's fixed blocks looked up once
    (not once for each of a cut's shares: on a page of nine stories under a band, 4.5 million lookups of
    a rectangle's fixed blocks, a third of the search): the same values."""
    if not search.inside(part):
        free_bound, span, lines = search.free_bound, part.span, part.lines
        return lambda ids: free_bound(ids, span, lines)
    if search in lastresort.SEALED and search._covered(part):
        return lambda ids: INF if ids else 0.0
    return lambda ids: 0.0


def _parts(rect: Placement, inside: list[Placement]) -> list[tuple[Placement, Placement]]:
    """The two sides of each cut of ``rect`` along the edges of the fixed blocks ``inside`` that crosses
    none of them: between columns (left, right) first, then between lines (top, foot)."""
    cuts = sorted({c for f in inside for c in (f.column, f.last_column + 1) if rect.column < c <= rect.last_column
                   and not any(g.column < c <= g.last_column for g in inside)})
    rows = sorted({ln for f in inside for ln in (f.line, f.end_line) if rect.line < ln < rect.end_line
                   and not any(g.line < ln < g.end_line for g in inside)})
    parts = [(Placement(rect.column, c - rect.column, rect.line, rect.lines),
              Placement(c, rect.last_column + 1 - c, rect.line, rect.lines)) for c in cuts]
    return parts + [(Placement(rect.column, rect.span, rect.line, ln - rect.line),
                     Placement(rect.column, rect.span, ln, rect.end_line - ln)) for ln in rows]
