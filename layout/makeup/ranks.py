"""Stories in priority order down the page: priced in the search, and swapped after it (review V F3, Y3).

In:  a ``Search`` (``layout.makeup.search``) and a story set across a rectangle's foot (``inverted``), or its
     best layout (``Solution``, ``reorder``).
Out: that story's leaf with the price of the stories it puts out of order (``inverted``); the same
     layout with pairs of stories swapped between their rectangles where a more important story stood
     lower than a less important one and the swap costs little more (``reorder``).

The search prices a story's start by its depth below the free area's top divided by its priority
(``cost.order_price``): too little to order the 三条 and lower (a swap of the 三条 at line 90 and the
五条 at line 43 cost about one empty line), and a dearer price per story slowed the search by about
30 % on the eight-story plan (its bound knows no order). A designer reads a page from the top down: so
after the search each pair of plain rectangles (not an L, not the lead's) whose stories stand out of
order (the more important one starting 2 or more lines lower) is swapped when both stories fit each
other's rectangle (with its photo, as the search sets a leaf; one directly over the other across the
same columns, each keeps its depth) at most ``SWAP`` a line of the
inversion and a priority step dearer, and no new 撞题 follows. Deterministic: pairs in a fixed order,
a few rounds at most.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import ReferenceType, ref

from layout.issue.model import Placement
from layout.makeup.solution import Solution, make

if TYPE_CHECKING:
    from layout.makeup.search import Search

INVERT = 6.0  # a story set across a rectangle's foot under a less important one, per such pair (``inverted``;
# at 3 the review's y6 kept its 二条 at the foot; 4.5 and 6 gave the same held-out pages but one)
INVERT_STEP = 2.0  # … and this much more per priority step between the two past the first
_PRICES: dict[tuple[int, tuple[int, ...]], float] = {}  # ``inverted``'s prices for the search ``_OF`` names
_OF: list[ReferenceType[Search] | None] = [None]  # (one entry, read by identity: a search asks for a million)
SWAP = 0.5  # cost a swap may add per line the two stories stand apart and per priority step between them (at 0.2
# held-out plans 0-23 had 47 pairs out of order for 48, at 0.5 46 and 0.33 empty lines a column for 0.34)
ROUNDS = 3
INF = float("inf")


GATE = True  # ``inverted`` leaves a leaf at its caller's budget unpriced (a switch for the tests)
SKIPPED = [0]  # leaves it so left (a counter for the tests)


def inverted(search: Search, sid: int, rest: tuple[int, ...], one: Solution, budget: float = INF) -> Solution:
    """``one`` (story ``sid`` set across a rectangle's foot, the stories ``rest`` in the rest of it, in
    the same columns) with the price of the pairs it puts out of priority order: ``INVERT`` (and
    ``INVERT_STEP`` a priority step past the first) for each story of ``rest`` less important than
    ``sid``, all of which stand above it. The search's order price (``cost.order_price``) charges each
    story its own depth alone, a line at a time: too little to keep the 二条 from the foot of a
    photo-less page under the 三条 and the 评论 (review Y3, y6) for an empty line or two saved. Boxed
    stories pay nothing either way (a 评论's place is chosen for its own sake). The search prices a story
    across the foot only (``Search._across`` does what this does inline, the price looked up once for all
    the heights it tries: ``priced``): across the top nothing is charged, as a story opening a side with its
    photo (or a vertical head) beside the lead over more important ones is how a page avoids 撞题, and
    charged so (held-out plan 300) the page took 15 empty lines more for one pair fewer out of order. A leaf
    costing ``budget`` or more is given back unpriced: the price is never negative, so priced it costs the
    budget or more too, and the search (``Search._across``) drops it either way (on the 16-page section
    most leaves across a foot are so; the price's lookup was a tenth of the search's time)."""
    if one.cost >= budget and GATE:
        SKIPPED[0] += 1
        return one
    if one.cost == INF:
        return one
    price = priced(search, sid, rest)
    return make((one.cost + price, one.leaves, one.heads)) if price else one


def priced(search: Search, sid: int, rest: tuple[int, ...]) -> float:
    """``inverted``'s price of story ``sid`` across the foot under ``rest`` (``_price``), kept for the search
    ``_OF`` names (``Search._across`` looks it up once for all the heights it tries the story at)."""
    of = _OF[0]
    if of is None or of() is not search:  # (another search's: its prices are worked out again, the same)
        _OF[0] = ref(search)
        _PRICES.clear()
    price = _PRICES.get((sid, rest))
    if price is None:
        price = _PRICES[sid, rest] = _price(search, sid, rest)
    return price


def _price(search: Search, sid: int, rest: tuple[int, ...]) -> float:
    """``inverted``'s price of story ``sid`` across the foot under ``rest``, worked out once for each."""
    stories = search.stories
    mine = stories[sid]
    if mine.boxed:
        return 0.0
    price = 0.0
    for other in rest:
        theirs = stories[other]
        step = theirs.priority - mine.priority
        if step > 0 and not theirs.boxed:
            price += INVERT + INVERT_STEP * (step - 1)
    return price


def reorder(search: Search, best: Solution) -> Solution:
    """``best`` with out-of-order pairs of stories swapped (see module docstring)."""
    from layout.makeup.checks import collisions
    from layout.makeup.ell import Ell

    if best.cost == INF or len(best.leaves) < 3:
        return best
    leaves, cost = list(best.leaves), best.cost
    clashes = len(collisions(search.pieces(best)))
    for _ in range(ROUNDS):
        swapped = False
        for a in range(len(leaves)):
            for b in range(len(leaves)):
                (sa, ra, na), (sb, rb, nb) = leaves[a], leaves[b]
                first, second = search.stories[sa], search.stories[sb]
                pa, pb = first.priority, second.priority
                if isinstance(ra, Ell) or isinstance(rb, Ell) or first.lead or second.lead or not pa < pb \
                        or ra.line <= rb.line + 1:
                    continue
                old = search.leaf(sa, ra, na).cost + search.leaf(sb, rb, nb).cost
                to_a, to_b = _places(ra, rb)
                new = search.leaf(sa, to_a, nb).cost + search.leaf(sb, to_b, na).cost
                if new == INF or new - old > SWAP * (ra.line - rb.line) * (pb - pa):
                    continue
                trial = list(leaves)
                trial[a], trial[b] = (sa, to_a, nb), (sb, to_b, na)
                made = Solution(cost + new - old, tuple(trial), best.heads)
                if len(collisions(search.pieces(made))) > clashes:
                    continue
                leaves, cost, swapped = trial, made.cost, True
        if not swapped:
            break
    return best if leaves == list(best.leaves) else Solution(cost, tuple(leaves), best.heads)


def _places(low: Placement, high: Placement) -> tuple[Placement, Placement]:
    """Where the stories of rectangles ``low`` (the more important story's, lower) and ``high`` go
    when swapped: one directly on top of the other over the same columns, each keeps its own depth
    (the more important now on top); else each takes the other's rectangle."""
    if (low.column, low.span) == (high.column, high.span) and high.end_line == low.line:
        return (Placement(high.column, high.span, high.line, low.lines),
                Placement(high.column, high.span, high.line + low.lines, high.lines))
    return high, low
