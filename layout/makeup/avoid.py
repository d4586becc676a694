"""撞题 across a cut down: a side searched again knowing its neighbour's headlines.

In:  a ``Search`` (``layout.makeup.search``), a cut down's two sides (rectangle, stories, nohead)
     and their layouts, each the best of its side searched alone, which collide (``solution.clashes``).
Out: the best joined layout of the two sides found by searching one side again with the 撞题
     against the other side's headline groups charged inside it (``Limits.collide`` a clash), or the
     plain join when none is better.

Why: the search memoises each side of a cut down alone and prices 撞题 only where the sides are
joined. A side with two layouts of equal (or near equal) cost keeps the first found, even when it
is the one whose head stands beside the other side's on the same lines; the other is never seen
at the join. The review's over-full page (p6) kept s7's head at lines 60–64 beside s4's at 59–62
(9 pt of overlap in the render) where s6 three lines longer and s7 three shorter cost the same.
Here the side is searched once more with every headline that lands against the cut charged as the
join would charge it, so the search itself steps round the other head. Bounded: only where the
plain join would beat the best layout so far, not inside another such search, each with a limit of
its own (``NODES`` rectangles) and a memo of its own for the rectangles that touch the cut (those
that do not read the search's memo, as their layouts do not change); at most ``TIMES`` a page.
Deterministic: the right side first, then the left, the first found kept on a tie.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from layout.issue.model import Placement
from layout.makeup.solution import better, clashes, join, make

if TYPE_CHECKING:
    from layout.makeup.search import Search
    from layout.makeup.solution import Solution

NODES = 60  # rectangles one side is searched again in, at most
STACKS = 200  # stacked layouts it makes at most
NEAR = 1.5  # a side's layout searched again may cost this much less than its plain one (``_near``)
TIMES = 150  # such searches a page's search makes at most (the eight-story page has a 1 s goal)
STEPS = (-3, 3, -2, 2, -4, 4, -1, 1)  # lines a cut across is moved to step a headline off another's (``_stepped``)

Part = tuple[Placement, tuple[int, ...], bool]
Heads = tuple[tuple[int, int, float, float], ...]  # (``Solution.heads``)
Key = tuple[int, int, int, int, tuple[int, ...], bool]  # (``Search.solve``'s memo key)
Key6 = tuple[int, int, int, int, int, bool]  # a leaf's key: story, column, span, line, lines, nohead (``tables``)


@dataclass
class State:
    """A ``Search``'s side searched again: whether one is (``on``), the other side's headline groups
    (``heads``), the column against the cut (``column``) and whether the other side is on the ``left``;
    the memo of the rectangles against the cut (``memo``) and how many sides were searched (``times``);
    the other side's groups by the column a head must touch (``against``: ``facing``) and the leaves the
    side has looked up, their 撞题 charged (``leaves``: ``_side``, read first by ``Search._across``)."""

    on: bool = False
    heads: Heads = ()
    column: int = 0
    left: bool = True
    memo: dict[Key, Solution | float] = field(default_factory=dict)
    times: int = 0
    against: dict[int, list[tuple[float, float]]] = field(default_factory=dict)  # (``facing``)
    leaves: dict[Key6, Solution] = field(default_factory=dict)  # (``_side``)


def recall(search: Search, key: Key, rect: Placement) -> Solution | float:
    """What the side searched again knows of ``rect`` (``Search.solve``'s memo entry, ``0.0`` for
    nothing): its own memo's, or, for a rectangle away from the cut (whose layouts do not change), the
    search's."""
    state = search.avoid
    if key in state.memo:
        return state.memo[key]
    return 0.0 if touches(state, rect) else search.memo.get(key, 0.0)


def touches(state: State, rect: Placement) -> bool:
    """Whether ``rect`` stands against the cut (a headline in it may stand beside the other side's)."""
    return rect.column == state.column if state.left else rect.last_column == state.column


def charged(state: State, collide: float, found: Solution) -> Solution:
    """``found`` with its 撞题 against the other side's headline groups charged (``collide`` each): as
    many as ``solution.clashes`` counts, each of ``found``'s heads looked up in ``State.against``."""
    if found.cost == float("inf") or not found.heads:
        return found
    n, against, left = 0, state.against, state.left
    for first, last, top, end in found.heads:
        for a, b in against.get(first if left else last, ()):
            if a < end and top < b:
                n += 1
    return make((found.cost + collide * n, found.leaves, found.heads)) if n else found


def facing(heads: Heads, left: bool) -> dict[int, list[tuple[float, float]]]:
    """The other side's headline groups ``heads`` (on the ``left`` or right) by the column a head of this
    side must end or start in to stand next to one (``solution.clashes``: the left one's last column + 1
    is the right one's first): that column → the groups' (first line, end line), in ``heads``' order."""
    out: dict[int, list[tuple[float, float]]] = {}
    for first, last, top, end in heads:
        out.setdefault(last + 1 if left else first - 1, []).append((top, end))
    return out


def better_join(search: Search, one: Solution, two: Solution, a: Part, b: Part, budget: float) -> Solution:
    """The cheapest of ``one`` joined with ``two`` (their 撞题 charged), ``one`` with ``b`` searched
    again knowing ``one``'s heads, and ``a`` searched again knowing ``two``'s heads with ``two``, a
    side searched again taken only when it costs (without 撞题) about what its plain layout costs
    (``_near``) (module docstring); ``budget``: the best layout's cost so far."""
    collide = search.limits.collide
    best = join(one, two, collide * clashes(one, two))
    state = search.avoid
    if state.on or state.times >= TIMES or one.cost + two.cost >= min(budget, best.cost):
        return best
    again = _side(search, b, one.heads, b[0].column, True, min(budget, best.cost) - one.cost)
    if _near(again.cost - collide * clashes(one, again), two.cost):
        best = better(best, join(one, again))  # (its 撞题 against one charged in it)
    if state.times < TIMES and one.cost + two.cost < min(budget, best.cost):
        again = _side(search, a, two.heads, a[0].last_column, False, min(budget, best.cost) - two.cost)
        if _near(again.cost - collide * clashes(again, two), one.cost):
            best = better(best, join(again, two))
    return best


def _near(cost: float, plain: float) -> bool:
    """Whether a side's layout searched again costs (without 撞题) about what its plain layout costs:
    within ``NEAR``, not much cheaper (the side searched again has a limit of its own, so it may find a
    layout the bounded plain search did not: taken, it changed held-out pages beyond the 撞题 stepped
    round, and plan 300 lost the retry that made it fit, 9.9 → 46)."""
    return cost >= plain - NEAR


def _side(search: Search, part: Part, heads: Heads, column: int, left: bool, budget: float) -> Solution:
    """``part`` searched again (under ``budget``) with 撞题 against ``heads`` (the other side's, on its
    ``left`` or right; ``column``: the part's column against the cut) charged in its leaves and
    stacked layouts, across heights stepped round them (``_stepped``); the search's state put back after."""
    state, collide = search.avoid, search.limits.collide
    state.times += 1
    state.on, state.heads, state.column, state.left, state.memo = True, heads, column, left, {}
    state.against, state.leaves = facing(heads, left), {}
    saved = search.nodes, search.limit, search.leaf, search.leaf_at, search._stacked, search.fitting
    leaf_at, stacked, fitting, known = saved[3], saved[4], saved[5], state.leaves

    def charged_at(sid: int, column: int, span: int, line: int, lines: int, nohead: bool,
                   rect: Placement | None = None) -> Solution:
        """``leaf_at``'s leaf with its 撞题 charged, worked out once a side (``state.leaves``: ``_across`` looks it up
        there first)."""
        key = (sid, column, span, line, lines, nohead)
        found = known.get(key)
        if found is None:
            found = known[key] = charged(state, collide, leaf_at(sid, column, span, line, lines, nohead, rect))
        return found

    stacks = search.stacks, search.stack_limit  # (its own stacked layouts, not the page's)
    search.stacks, search.stack_limit = 0, STACKS
    search.nodes, search.limit = 0, NODES
    search.leaf = lambda sid, rect, nohead: charged_at(sid, rect.column, rect.span, rect.line, rect.lines, nohead, rect)
    search.leaf_at = charged_at
    search._stacked = lambda *a, **k: charged(state, collide, stacked(*a, **k))
    search.fitting = lambda sid, rect, nohead, rest: _stepped(state, fitting(sid, rect, nohead, rest), rect)
    try:
        return search.solve(*part, budget)
    finally:
        search.nodes, search.limit, search.leaf, search.leaf_at, search._stacked, search.fitting = saved
        search.stacks, search.stack_limit = stacks
        state.on, state.heads, state.memo, state.against, state.leaves = False, (), {}, {}, {}


def _stepped(state: State, heights: list[int], rect: Placement) -> list[int]:
    """``heights`` (a story's across ``rect``, best first) and, where ``rect`` stands against the cut,
    each of them up to ``STEPS`` lines shorter or longer: a cut across a few lines higher or lower moves
    the next headline off the other side's (a tie the plain search settled the other way)."""
    if not touches(state, rect):
        return heights
    more = [h + d for d in STEPS for h in heights if 0 < h + d < rect.lines]
    return list(dict.fromkeys(heights + more))
