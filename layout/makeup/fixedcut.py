"""The make-up search's cut along fixed blocks: a rectangle holding a masthead, a 报眼, an ad.

In:  a ``Search`` (``layout.makeup.search``), a rectangle, the stories to share in it, the fixed blocks
     it overlaps (``inside``), whether a side may open with a headline (``nohead``) and the best layout
     found so far.
Out: the best layout of the rectangle better than that one (``around``), or that one.

A rectangle wholly covered holds no story. Else it is cut along the fixed blocks' edges (between
columns, or between lines), its stories shared between the two sides every way (``search._shares``).
A share is not searched when its sides' floors (``_floor``) reach the best layout so far.
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
from itertools import accumulate
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from layout.issue.model import Placement
from layout.makeup import lastresort
from layout.makeup.cost import RULE
from layout.makeup.solution import Solution, above_lead, better, clashes, join

if TYPE_CHECKING:
    from layout.makeup.search import Search

INF = float("inf")
SAFE = 1e-9  # a share's least floor must pass the best by this share of it to be passed over unmade


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
        best = _cut(search, a, b, ids, nohead, best)
    return best


def _cut(search: Search, a: Placement, b: Placement, ids: tuple[int, ...], nohead: bool,
         best: Solution) -> Solution:
    """``best``, or a better layout of stories ``ids`` shared between the two sides ``a`` and ``b`` of a cut
    (``around``). A share whose first side's floor alone reaches the best is not searched; where that floor
    is a sum over the side's stories (``Floor.each``), a share is passed over unmade when the least such
    sum of as many stories reaches it, and, with every share of a size given (``_fewest_first``), the
    larger ones are not looked at once none of a size is under the best."""
    (floor_a, each), (floor_b, _) = _floor(search, a), _floor(search, b)
    parts = tuple(map(each, ids)) if each is not None else None  # (each story's floor, by its place in ids)
    least = [0.0, *accumulate(sorted(parts))] if parts is not None else None
    rising = parts is not None and _fewest_first(len(ids))
    size, open_ = 0, True  # (the size of the shares' first side, and whether one of it is under the best)
    for pick, leave, n in _places(len(ids)):
        if rising and n > size:  # every share one story smaller priced past the best on its first side
            if not open_:  # alone: every larger one is too (its floor never falls as stories are added)
                break
            size, open_ = n, False
        if least is not None and least[n] >= best.cost + SAFE * (1.0 + abs(best.cost)):
            continue  # (so is this one's own floor, summed in another order: a margin for the rounding)
        if parts is None:
            picked = pick(ids)
            high = floor_a(picked)
        else:  # (its stories' parts summed in their order: ``Tables.least_sum``'s very sum, not made)
            picked, high = None, sum(pick(parts))
        if high >= best.cost:
            continue
        picked, rest = picked if picked is not None else pick(ids), leave(ids)
        open_ = True
        if high + (low := floor_b(rest)) >= best.cost:
            continue
        one = search.solve(a, picked, nohead, best.cost - low)
        if one.cost + low >= best.cost:
            continue
        two = search.solve(b, rest, nohead, best.cost - one.cost)
        extra = search.limits.collide * clashes(one, two) + RULE * above_lead(one, two, search.lead)
        best = better(best, join(one, two, extra))
    return best


Take = Callable[[tuple[Any, ...]], tuple[Any, ...]]  # (stories, or their floors, by place)


@lru_cache(maxsize=32)
def _places(n: int) -> tuple[tuple[Take, Take, int], ...]:
    """``_shares`` of the places 0 to ``n`` - 1, each as two functions taking a side's members out of a
    tuple of ``n`` (the shares of a set depend on its members' places only), and the first side's size."""
    from layout.makeup.search import _shares

    places = tuple(range(n))
    return tuple((_taker(picked), _taker(tuple(i for i in places if i not in picked)), len(picked))
                 for picked in _shares(places, n))


def _taker(places: tuple[int, ...]) -> Take:
    """A function giving the members of a tuple at ``places``, as a tuple."""
    if len(places) > 1:
        return itemgetter(*places)
    if places:
        k = places[0]
        return lambda ids: (ids[k],)
    return lambda ids: ()


def _fewest_first(n: int) -> bool:
    """Whether ``search._shares`` gives a set of ``n`` stories every share, the fewest on the first side
    first (not on a crowded page, whose shares are taken from both ends)."""
    from layout.makeup.search import FEW_SHARES  # (here: the search imports this module)

    return n <= FEW_SHARES


class Floor(NamedTuple):
    """A floor under the cost of stories filling a side (``of``), and, when it is a sum over the stories
    (so it never falls as stories are added), each story's part of it (``each``), else None."""

    of: Callable[[tuple[int, ...]], float]
    each: Callable[[int], float] | None


def _floor(search: Search, part: Placement) -> Floor:
    """A floor under the cost of stories ``ids`` filling ``part``, as a function of ``ids``, the part's
    fixed blocks looked up once (not once for each of a cut's shares: on a page of nine stories under a
    band, 4.5 million lookups): for a part free of fixed blocks, ``search.free_bound`` (from areas, an
    estimate); for a part holding some, each story's least cost as a rectangular leaf no wider and no
    deeper than the smallest rectangle round the part's free cells (``_free_box``, ``Tables.least_sum``:
    a layout's cost is its leaves' and 撞题's, none negative, and every leaf of the part lies in that
    rectangle; before, nought, so every way of putting a page's stories in a well between masthead and
    报眼 was searched); none for stories where fixed blocks cover the part, in ``lastresort.SEALED``
    searches. Not a strict lower bound: an L-shaped leaf (``ell``) fits its copy without the slack a
    rectangle leaves empty, and the lead's photo beside it (``step``) fits where no rectangle does, so
    either can cost less (an independent review found an L pair at 0.1 under a floor of 1.0); like the
    free part's estimate, it can prune a layout that would have won by so little."""
    if not search.inside(part):
        free_bound, span, lines = search.free_bound, part.span, part.lines
        return Floor(lambda ids: free_bound(ids, span, lines), None)  # (it prices empty lines: no sum)
    if search in lastresort.SEALED and search._covered(part):
        return Floor(lambda ids: INF if ids else 0.0, lambda i: INF)
    box = _free_box((part.column, part.span, part.line, part.lines), tuple(search.inside(part)))
    if box is None:
        return Floor(lambda ids: 0.0, lambda i: 0.0)
    tables, (span, lines) = search.tables, box
    return Floor(lambda ids: tables.least_sum(ids, span, lines), lambda i: tables.least(i, span, lines))


@lru_cache(maxsize=4096)
def _free_box(part: tuple[int, int, int, int], inside: tuple[Placement, ...]) -> tuple[int, int] | None:
    """The span and depth of the smallest rectangle holding every free cell of the part ``part`` (column,
    span, line, lines) whose fixed blocks are ``inside`` (which do not overlap); None when none is free."""
    column, span, line, lines = part
    end, last = line + lines, column + span - 1
    columns = [c for c in range(column, last + 1) if sum(
        min(f.end_line, end) - max(f.line, line) for f in inside if f.column <= c <= f.last_column) < lines]
    rows = [ln for ln in range(line, end) if sum(
        min(f.last_column, last) - max(f.column, column) + 1 for f in inside if f.line <= ln < f.end_line) < span]
    if not columns or not rows:
        return None
    return columns[-1] - columns[0] + 1, rows[-1] - rows[0] + 1


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
