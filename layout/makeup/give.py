"""The room goes to the overset story: a page's guillotine cuts moved after the search (issue 18).

In:  a ``Search`` (``layout.makeup.search``) and its best layout (``Solution``).
Out: the same layout with cuts moved where that costs the search less: on a page with copy overset,
     a story that does not fit takes lines (or columns) from its neighbours across a cut, down to
     what their copy needs, so no white is left on the page while copy is overset.

The search tries a story across a rectangle at its few cheapest heights, and a story whose copy is
longer than its rectangle at its share by area only: on a page near or over its capacity the
lead could run 15 lines deep with 66 lines overset while every story beside and under it had 6–11
empty lines (review AA2). A designer gives the overset story the room: its rectangle grows, a
neighbour's shrinks to what its copy needs. So after the search, on a page whose layout leaves copy
overset (``fallback.page_fill``), each cut between rectangles (a segment of a grid line, across or
down, with rectangles touching it on both sides and covering it edge to edge on each) is tried a
line (or a base column) at a time in either direction, and so are two cuts along the same axis
with the same stories between them (those shift as a whole: room taken from a story one away). A
move is priced by the leaves it changes, as the search prices them (``Search.leaf``: their copy-fit
from the measured variants, the real engine's lines, and the position rules: a column from top to
foot, the fold, headline sizes, bands), and ``WHITE`` more for each empty body line it leaves (a
line the overset copy could have had); a move that sets fewer lines of copy (by the variants) is
never made. The cheapest move that lowers that price and adds no 撞题 is made, and so on until none
does, the page has nothing overset, or ``ROUNDS`` moves. The guillotine structure is kept (a cut
moves, none is added), the L-shaped stories (``ell.Ell``) and fixed blocks are left where they
are, and what still does not fit stays overset and is named in the copy-fit advice. A page with
nothing overset is left as the search made it. It runs once a page layout, on the layout its searches
chose (``pages.given``), not at the end of every ``Search.run``: the second searches (``fallback``) are
compared as they found their layouts, and the moves are worked out once. Deterministic: segments and
moves in a fixed order, ties keep the first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout.issue.model import Placement

if TYPE_CHECKING:
    from layout.makeup.search import Search, Solution

INF = float("inf")
ROUNDS = 60  # moves made at most (each lowers the cost; a page needs a few)
REACH = 40  # lines (or columns) a cut is tried away from where it stands, at most
EPS = 1e-6
END = 1 << 30  # past every grid line and column

Leaf = tuple[int, Placement, bool]  # (story index, rectangle, nohead): a ``Solution``'s leaf
Move = tuple[float, int, tuple[tuple[int, Leaf], ...], float]  # (price change, order found, the leaves it
# changes, cost change)
WHITE = 40.0  # per empty body line while copy is overset on the page: a line the overset copy could have had,
# as dear as an overset line (``cost.OVER``; the search's own cost counts an empty line as 1). At 20, a move
# that set 17 more lines of a 1-column story by widening it next to a photo left it 40 empty lines (a plan like
# review AA2: 109 lines overset and 40 empty, against 122 and 32 at 40; at 60, 171 and none, a worse path)


def give(search: Search, best: Solution) -> Solution:
    """``best`` with its cuts moved to give overset copy the room on its page (see module docstring);
    ``best`` itself when nothing is overset or no move lowers its price."""
    from layout.makeup.checks import collisions
    from layout.makeup.fallback import page_fill

    if best.cost == INF or len(best.leaves) < 2 or not page_fill(search, best)[0]:
        return best
    solution, clashes, fill = best, len(collisions(search.pieces(best))), _Fill(search)
    faults = _faults(search, best)
    for _ in range(ROUNDS):
        if not page_fill(search, solution)[0]:  # (nothing overset: the room is given)
            break
        for _, _, changed, delta in sorted(_moves(search, list(solution.leaves), fill)):
            trial = _apply(solution, changed, delta)
            if len(collisions(search.pieces(trial))) <= clashes and _faults(search, trial) <= faults:
                solution = trial
                break
        else:
            break
    return solution


def _apply(solution: Solution, changed: tuple[tuple[int, Leaf], ...], delta: float) -> Solution:
    """``solution`` with the leaves at the indices of ``changed`` replaced, its cost by ``delta``; its
    ``heads`` as they were (read only where the search joins two sides, which a page's finished layout
    never reaches again; the 撞题 of a moved layout are counted on its pieces, ``checks.collisions``)."""
    leaves = list(solution.leaves)
    for k, leaf in changed:
        leaves[k] = leaf
    return type(solution)(solution.cost + delta, tuple(leaves), solution.heads)


class _Fill:
    """The overset and empty body lines of a leaf (``fallback.page_fill`` of the leaf alone), each
    worked out once."""

    def __init__(self, search: Search) -> None:
        self.search = search
        self.known: dict[Leaf, tuple[int, int]] = {}

    def __call__(self, leaf: Leaf) -> tuple[int, int]:
        from layout.makeup.fallback import page_fill
        from layout.makeup.search import Solution

        found = self.known.get(leaf)
        if found is None:
            found = self.known[leaf] = page_fill(self.search, Solution(0.0, (leaf,)))[:2]
        return found

    def change(self, old: list[Leaf], new: list[Leaf]) -> tuple[int, int]:
        """(overset, empty) lines of the leaves ``new`` less those of ``old``."""
        before, after = [self(leaf) for leaf in old], [self(leaf) for leaf in new]
        return (sum(f[0] for f in after) - sum(f[0] for f in before),
                sum(f[1] for f in after) - sum(f[1] for f in before))


def _moves(search: Search, leaves: list[Leaf], fill: _Fill) -> list[Move]:
    """Every move of a cut that sets no fewer lines of copy and lowers the layout's price, its cost and
    ``WHITE`` an empty line (the page has copy overset): (price change, order, changed leaves, cost change)."""
    from layout.makeup.ell import Ell

    out: list[Move] = []
    plain = [not isinstance(r, Ell) for _, r, _ in leaves]
    for across in (True, False):
        for before, middle, after in _shifts(_segments(leaves, across)):
            if not all(plain[k] for k in before + middle + after):
                continue
            for step in (1, -1):
                for d in range(step, step * (REACH + 1), step):
                    changed = _moved(leaves, (before, middle, after), d, across)
                    if changed is None:
                        break
                    delta = sum(search.leaf(s, r, n).cost for _, (s, r, n) in changed) - sum(
                        search.leaf(*leaves[k]).cost for k, _ in changed)
                    if delta == INF or delta != delta:  # (a height or span no variant takes here)
                        continue
                    over, empty = fill.change([leaves[k] for k, _ in changed], [leaf for _, leaf in changed])
                    price = delta + WHITE * empty
                    if over <= 0 and price < -EPS and not _against_priority(search, leaves, changed, fill):
                        out.append((price, len(out), changed, delta))
    return out


def _against_priority(search: Search, leaves: list[Leaf], changed: tuple[tuple[int, Leaf], ...], fill: _Fill) -> bool:
    """Whether a move takes room from a story more important than one it gives room to: a story left
    more lines overset whose priority comes before that of a story the move sets more of. The desk
    keeps the more important copy and cuts the stories lower in priority (``advice``), so the room
    flows to the more important story, never from it (review 28 H1: a 三条 was left a bare headline
    to set more of the 四条). The moves' price already charges a more important story's overset more
    (``cost.over_price``), so this now refuses few moves (1 of 9 on four full held-out pages), those
    that buy empty lines with it."""
    losers = [search.stories[leaf[0]].priority for k, leaf in changed if fill(leaf)[0] > fill(leaves[k])[0]]
    gainers = [search.stories[leaf[0]].priority for k, leaf in changed if fill(leaf)[0] < fill(leaves[k])[0]]
    return bool(losers and gainers) and min(losers) < max(gainers)


def _faults(search: Search, solution: Solution) -> int:
    """The made page's findings a moved cut could add, counted on ``solution``'s pieces as the checks
    count them: body columns from the free top to the foot (``checks.tall_body``) and a headline left with
    almost no text (``checks.starved_body``). A move may not add one (review 28 H1: a move that set five
    more lines bought two columns running from top to foot)."""
    from layout.makeup.checks import starved_body, tall_body

    pieces = search.pieces(solution)
    articles = [p for p in pieces if p.variant is not None]
    return sum(tall_body(p, pieces, search.runs[p.at.column - 1]) + (starved_body(p, pieces) is not None)
               for p in articles)


def _shifts(segments: list[tuple[list[int], list[int]]]) -> list[tuple[list[int], list[int], list[int]]]:
    """What moves together: each cut alone (before, no leaves between, after), and two cuts along the
    same axis with the same leaves between them (the after side of one, the before side of the other),
    moved as one: the leaves between keep their depth (or span) and shift, so an overset story takes
    room from a neighbour one story away (its own neighbour exactly full)."""
    out: list[tuple[list[int], list[int], list[int]]] = [(b, [], a) for b, a in segments]
    for b1, a1 in segments:
        out += [(b1, a1, a2) for b2, a2 in segments if sorted(b2) == sorted(a1)]
    return out


def _moved(leaves: list[Leaf], sides: tuple[list[int], list[int], list[int]], d: int,
           across: bool) -> tuple[tuple[int, Leaf], ...] | None:
    """The leaves before the cut (above it, or left of it) grown by ``d`` lines (``across``) or base
    columns, those after it shrunk by as much (``d`` < 0: the other way), those between two cuts
    moved as a whole by ``d`` (``sides``: before, between, after, leaf indices); None when a
    rectangle would vanish."""
    before, middle, after = sides
    out = []
    for k in before:
        s, r, n = leaves[k]
        grown = Placement(r.column, r.span, r.line, r.lines + d) if across else \
            Placement(r.column, r.span + d, r.line, r.lines)
        out.append((k, (s, grown, n)))
    for k in middle:
        s, r, n = leaves[k]
        shifted = Placement(r.column, r.span, r.line + d, r.lines) if across else \
            Placement(r.column + d, r.span, r.line, r.lines)
        out.append((k, (s, shifted, n)))
    for k in after:
        s, r, n = leaves[k]
        shrunk = Placement(r.column, r.span, r.line + d, r.lines - d) if across else \
            Placement(r.column + d, r.span - d, r.line, r.lines)
        out.append((k, (s, shrunk, n)))
    if any((r.lines if across else r.span) < 1 for _, (_, r, _) in out):
        return None
    return tuple(out)


def _segments(leaves: list[Leaf], across: bool) -> list[tuple[list[int], list[int]]]:
    """The cuts between leaves that can move: for each grid line (``across``) or column edge, the
    groups of leaves ending on it (``before``) and starting on it (``after``) whose extents along it
    join up, where each side covers the group's whole extent (no fixed block and no leaf across the
    cut in it): (before, after) as leaf indices, in a fixed order."""
    def ends(r: Placement) -> tuple[int, int, int, int]:  # (end, start, first, last) along the cut's axis
        return (r.end_line, r.line, r.column, r.last_column) if across else \
            (r.last_column + 1, r.column, r.line, r.end_line - 1)

    edges = sorted({ends(r)[0] for _, r, _ in leaves})
    out: list[tuple[list[int], list[int]]] = []
    for at in edges:
        sides = [(ends(r)[2], ends(r)[3], k, ends(r)[0] == at) for k, (_, r, _) in enumerate(leaves)
                 if at in (ends(r)[0], ends(r)[1])]
        sides.sort()
        group: list[tuple[int, int, int, bool]] = []
        reach = -1
        for item in [*sides, (END, END, -1, False)]:
            if group and item[0] > reach:
                _take(group, out)
                group = []
            if item[2] < 0:
                break
            group.append(item)
            reach = max(reach, item[1])
    return out


def _take(group: list[tuple[int, int, int, bool]], out: list[tuple[list[int], list[int]]]) -> None:
    """Add ``group`` (leaves along one stretch of a cut: first, last, index, before) to ``out`` when
    both sides cover its whole stretch."""
    first, last = min(g[0] for g in group), max(g[1] for g in group)
    before = [g for g in group if g[3]]
    after = [g for g in group if not g[3]]
    width = last - first + 1
    if before and after and sum(g[1] - g[0] + 1 for g in before) == width == sum(g[1] - g[0] + 1 for g in after):
        out.append(([g[2] for g in before], [g[2] for g in after]))
