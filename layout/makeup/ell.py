"""The L-shaped story (拐弯) in the search: a story across the top of a rectangle whose body then
turns down some of its columns, the other stories set in the corner it leaves.

In:  a ``Search`` (``layout.makeup.search``), a rectangle and the story that opens it across the top.
Out: the story's L (``Ell``: its rectangle with the corner it leaves, priced as a leaf) and the
     corner, for the search to fill with the rest of the rectangle's stories (``moves``); the
     copy-fit of an L (``fit``), as the render sets it (``layout.flow.article``: the corner is an
     obstacle its columns end above, ``corner:`` in the issue).

A designer (美术编辑) turns a story a corner where stacking the page would leave full-width
shallow strips (a list, not a page) or where the cut down gives only one side a headline: story
A's head group and the top of its body run across the rectangle (its head covers all its text,
题要盖文), its body then goes on down ``k`` of the columns (left or right) to the rectangle's foot,
and the other stories sit in the corner under A's full width, their headlines beside A's body
text, not beside a headline (no 撞题). The copy-fit is additive: A's body set at its column width
needs the same lines whatever the columns' depths, so its lines across (``h`` less the head's,
times the span) plus its lines down the ``k`` columns (the corner's depth, times ``k``) hold it.

Bounded: an L is tried only in the ordered passes of the search, for a story without a photo
whose variant sets one body column per base column, with a horizontal head, unboxed; a corner
at least ``MIN_CORNER_SPAN`` columns wide and ``MIN_CORNER_LINES`` deep; the top at least
``MIN_ACROSS`` body lines under the head (a shallower top is a strip across the page); for each
corner width only the top's height whose copy-fit is best (the shallowest allowed for a short
story); and at most ``MOVES`` L moves a rectangle and story, the cheapest whose corner the other
stories can fill by their spans.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from layout.issue.model import Placement
from layout.makeup import cost as cost_
from layout.makeup.cost import DEEP, EMPTY, GAP, MIN_DEPTH, OVER, STEP, column_price, head_band, order_price
from layout.makeup.measure import size_drop
from layout.makeup.rules import spans_fill

if TYPE_CHECKING:
    from layout.makeup.measure import Variant
    from layout.makeup.search import Piece, Search, Solution

MIN_ACROSS = MIN_DEPTH  # body lines at least across the full width under the L's head (fewer: a strip across)
MIN_CORNER_SPAN = 2  # base columns at least of the corner (a story there gets a horizontal head)
MIN_CORNER_LINES = 12  # lines at least of the corner (a head and some body)
RIBBON = cost_.BAND  # an L of ``cost.BAND_COLUMNS`` or more whose body runs down one column beside its corner: a
# ribbon the corner's depth, and, nested, a staircase of such Ls (review V's v1, v2, v7: the corner filled
# with the next story turning its own corner one column narrower), priced as a band across the page
MOVES = 2  # L moves tried at most for a rectangle and its opening story (the cheapest by their bound)
INF = float("inf")
_SHAPES: WeakKeyDictionary[Search, dict[tuple[int, int, int], tuple[tuple[float, int, int, Variant], ...]]] = \
    WeakKeyDictionary()  # ``shapes`` of each search


@dataclass(frozen=True)
class Ell(Placement):
    """An L-shaped story's rectangle (its bounding box) and the lower corner it leaves to other
    stories: ``side`` (left, right), ``corner_span`` base columns wide, ``corner_lines`` deep;
    ``shape``: which of the story's ``every`` L shapes it is (the variant the search priced)."""

    side: str = "right"
    corner_span: int = 0
    corner_lines: int = 0
    shape: int = 0

    @property
    def corner(self) -> Placement:
        """The corner, on the page grid."""
        column = self.column if self.side == "left" else self.last_column - self.corner_span + 1
        return Placement(column, self.corner_span, self.end_line - self.corner_lines, self.corner_lines)

    @property
    def box(self) -> Placement:
        """The rectangle as a plain placement."""
        return Placement(self.column, self.span, self.line, self.lines)


def fit(v: Variant, lines: int, corner: Placement) -> tuple[int, int]:
    """(overset lines, empty lines) summed over the body columns of variant ``v`` (one body column
    per base column) set in an L ``lines`` tall that leaves ``corner``: its cells less the corner's,
    less what its text needs (no air around its head: the render gives none beside an obstacle)."""
    room = v.columns * (lines - v.pad - v.head_lines) - corner.span * corner.lines
    room -= v.columns * v.body_lines - v.slack
    return (-room, 0) if room < 0 else (0, room)


def price(v: Variant, lines: int, corner: Placement) -> float:
    """The copy-fit cost of ``v`` in the L (as ``cost.fill``): overset and empty lines, empty lines past
    ``GAP`` a column costing ``DEEP`` more (they gather at the foot of its last column). (Its lines
    across are ``MIN_ACROSS`` at least: ``shapes`` tries no shallower top.)"""
    over, empty = fit(v, lines, corner)
    return over * OVER + empty * EMPTY + max(0, empty - GAP * v.columns) * DEEP


def usable(v: Variant) -> bool:
    """Whether a variant can turn a corner: one body column per base column, a horizontal head, no box."""
    return v.columns == v.span and v.has_head and not v.vertical and not v.pad and v.block.box is None


def shapes(search: Search, sid: int, span: int, lines: int) -> tuple[tuple[float, int, int, Variant], ...]:
    """Story ``sid``'s best L for each corner width in a rectangle ``span`` × ``lines``: (cost with its
    headline's size drop, corner span, corner lines, variant), cheapest first; worked out once a search."""
    return every(search, sid, span, lines)[:2 * MOVES]


def every(search: Search, sid: int, span: int, lines: int) -> tuple[tuple[float, int, int, Variant], ...]:
    """``shapes``, not only the cheapest: each variant's best L for each corner width (worked out once)."""
    table = _SHAPES.setdefault(search, {})
    key = (sid, span, lines)
    if key not in table:
        table[key] = _shapes(search, sid, span, lines)
    return table[key]


def _shapes(search: Search, sid: int, span: int, lines: int) -> tuple[tuple[float, int, int, Variant], ...]:
    """``shapes`` itself."""
    story = search.stories[sid]
    if story.photo is not None or span < MIN_CORNER_SPAN + 1 or not story.min_span <= span <= story.max_span:
        return ()
    out = []
    for v in search.m.variants(story, span):  # (all of them: ``choices`` leaves out one beaten at every
        if not usable(v):  # height by a variant of fewer body columns, which cannot turn a corner)
            continue
        drop = STEP * size_drop(v) + v.penalty
        need = v.columns * v.body_lines - v.slack
        for c in range(MIN_CORNER_SPAN, span):
            k = span - c  # columns the body runs down beside the corner
            exact = (need + v.head_lines * span - lines * k) / c  # the top's height that holds it all
            best: tuple[float, int] | None = None
            low = v.head_lines + MIN_ACROSS  # the shallowest top: a short story's L runs under-set (empty
            for h in {max(low, int(exact)), max(low, int(exact) + 1)}:  # lines), not refused (review V F1)
                deep = lines - h
                if h - v.head_lines < MIN_ACROSS or deep < MIN_CORNER_LINES:
                    continue
                cost = price(v, lines, Placement(1, c, lines - deep + 1, deep)) + drop
                if best is None or cost < best[0]:
                    best = (cost, deep)
            if best is not None:
                out.append((best[0], c, best[1], v))
    out.sort(key=lambda s: (s[0], s[1], s[2]))
    return tuple(out)


def cuts(search: Search, rect: Placement, sid: int, rest: tuple[int, ...], nohead: bool, budget: float,
         order: int) -> list[tuple[float, float, int, Solution, tuple[Placement, tuple[int, ...], bool]]]:
    """``Search._across``'s moves for story ``sid`` turning a corner across the top of ``rect``, the
    stories ``rest`` in the corner (a move: bound, area match, order found, the L's leaf, the corner's
    part), those whose bound is under ``budget``; ``order``: the moves found before them."""
    out: list[tuple[float, float, int, Solution, tuple[Placement, tuple[int, ...], bool]]] = []
    for one, corner in moves(search, rect, sid, nohead, rest) if rest else []:
        if (low := one.cost + search.free_bound(rest, corner.span, corner.lines)) < budget:
            match = one.cost + search.guess(rest, corner.span, corner.lines) if search.matching else 0.0
            out.append((low, match, order + len(out), one, (corner, rest, False)))
    return out


def piece(search: Search, sid: int, ell: Ell) -> Piece:
    """The article piece of story ``sid`` set as the L ``ell`` (``Search.pieces``)."""
    from layout.makeup.search import Piece

    v = every(search, sid, ell.span, ell.lines)[ell.shape][3]  # (not found again by its corner: two
    return Piece(v.story, ell.box, v, corner=ell.corner)  # variants may leave the same one)


def moves(search: Search, rect: Placement, sid: int, nohead: bool, rest: tuple[int, ...] = ()
          ) -> list[tuple[Solution, Placement]]:
    """The L moves of story ``sid`` across the top of ``rect``: (its leaf, the corner left to the
    rest), at most ``MOVES``, the cheapest whose corner ``rest`` can fill by their spans
    (``rules.spans_fill``: a 2-column 评论 beside a short lead gets the 2-column corner, not only the
    4-column one the lead's copy fits best, which it cannot take: review V F1); none under ``nohead``
    (its head would stand beside a neighbour's)."""
    if nohead:
        return []
    out, kept = [], [(k, s) for k, s in enumerate(every(search, sid, rect.span, rect.lines))
                     if not rest or spans_fill(search, rest, s[1])]
    for k, (cost, c, deep, v) in kept[:2 * MOVES]:
        for side in ("right", "left"):
            ell = Ell(rect.column, rect.span, rect.line, rect.lines, side, c, deep, k)
            one = leaf(search, sid, ell, v, cost)
            if one.cost < INF:
                out.append((one, ell.corner))
    out.sort(key=lambda m: m[0].cost)
    return out[:MOVES]


def leaf(search: Search, sid: int, ell: Ell, v: Variant, cost: float) -> Solution:
    """Story ``sid`` set as the L ``ell`` in variant ``v`` whose copy-fit costs ``cost``: the position
    rules' costs added as ``Search._leaf_at`` adds them (its long columns' run for the column rule; its
    lines across, when it is not the lead, as a band across the page: ``cost.band_price``), and ``RIBBON``
    for one column down beside a wide corner."""
    from layout.makeup.search import LEAD, NONE, ORDER, RULE, Solution

    story, line = search.stories[sid], ell.line
    if sid == 0 and (ell.column, ell.span) in search.banned:
        return NONE
    top_free = search.first_free[ell.column - 1]
    penalty = order_price(story.priority, line, top_free, ORDER)
    if story.priority == 1 and line != search.top:
        penalty += LEAD
    if story.above_fold and line > search.lines // 2:
        penalty += RULE
    long = ell.column if ell.side == "right" else ell.last_column  # a column the body runs down to the foot
    penalty += column_price(v, 0, 0, line, ell.end_line, search.lines, top_free, search.runs[long - 1])
    penalty += cost_.search_band(search, story.priority, ell.span, v, ell.lines - ell.corner_lines)
    if ell.span - ell.corner_span == 1 and ell.span >= cost_.BAND_COLUMNS and search not in cost_.NO_BANDS:
        penalty += RIBBON
    heads = ((ell.column, ell.last_column, *head_band(v, line)),)
    return Solution(cost + penalty, ((sid, ell, False),), heads)
