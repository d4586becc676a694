"""A layout of a rectangle as the make-up search keeps it (``Solution``), and two of them joined.

In:  the leaves the search (``layout.makeup.search``) prices, or two parts' layouts across a cut.
Out: ``Solution`` (its cost, leaves and headline groups), ``NONE`` (no layout), the cheaper of two
     (``better``), two parts as one (``join``) and their 撞题 across a cut down (``clashes``).

Its own module, with nothing of the search's, so that the modules round the search import it at their
top rather than from the search inside each call (a million calls on a page of eight stories).
``make`` builds a ``Solution`` from a tuple of its fields without the named tuple's ``__new__`` (a
function in Python): the same value, for the search's innermost loops.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from layout.issue.model import Placement

INF = float("inf")


class Solution(NamedTuple):
    """A layout of a rectangle: its leaves (a story in a rectangle; ``Search.pieces`` places
    them), their cost, and the headline groups' extents (first column, last column, first line,
    end line) for the 撞题 check. (A named tuple: the search makes some hundred thousand.)"""

    cost: float
    leaves: tuple[tuple[int, Placement, bool], ...] = ()  # (story index, rectangle, nohead) of each leaf
    heads: tuple[tuple[int, int, float, float], ...] = ()  # (lines: ``cost.head_band``)


NONE = Solution(INF)
make = partial(tuple.__new__, Solution)  # ``make((cost, leaves, heads))``: ``Solution(cost, leaves, heads)``


def better(a: Solution, b: Solution) -> Solution:
    """The cheaper solution (the first on a tie: deterministic)."""
    return b if b.cost < a.cost - 1e-9 else a


def join(a: Solution, b: Solution, extra: float = 0.0) -> Solution:
    """Two parts' solutions as one."""
    if a.cost == INF or b.cost == INF:
        return NONE
    return make((a.cost + b.cost + extra, a.leaves + b.leaves, a.heads + b.heads))


def clashes(left: Solution, right: Solution) -> int:
    """撞题 across a cut down: headline groups of the two sides next to each other on overlapping lines."""
    theirs = right.heads
    if not theirs or not left.heads:
        return 0
    n = 0
    for _, last, top, end in left.heads:
        for q in theirs:
            if last + 1 == q[0] and top < q[3] and q[2] < end:
                n += 1
    return n


def above_lead(a: Solution, b: Solution, lead: int) -> int:
    """The stories of one part whose slot starts above the slot of story ``lead`` (the page's lead,
    头条; -1: none) in the other, two parts joined along fixed blocks (``fixedcut.around``): a story
    in the well between masthead and 报眼 over a lead set under the band, its headline the higher."""
    if lead < 0:
        return 0
    for mine, other in ((a, b), (b, a)):
        line = next((r.line for sid, r, _ in mine.leaves if sid == lead), None)
        if line is not None:
            return sum(1 for _, r, _ in other.leaves if r.line < line)
    return 0
