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

With its photo: a story whose photo may go above it has it across the L's top (``photos``), the L
under it (``Ell.photo``), where the corner holds one narrow story (``fitted``); the lead only across
the whole free area. Bounded: an L is tried only in the
ordered passes of the search, for a story whose variant sets one body column per base column, with a
horizontal head, unboxed; a corner at least ``MIN_CORNER_SPAN`` columns wide (or one, ``ONE_COLUMN``,
for one narrow story: a 边栏) and ``MIN_CORNER_LINES`` deep; the top at least ``MIN_ACROSS`` body
lines under the head (a shallower top is a strip across the page); for each corner width only the
top's height whose copy-fit is best (the shallowest allowed for a short story); and at most ``MOVES``
L moves a rectangle and story, the cheapest whose corner the other stories can fill by their spans,
and one more whose corner is as deep as the one story it holds needs (``fitted``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar
from weakref import WeakKeyDictionary, ref

from layout.issue.model import Placement
from layout.makeup import cost as cost_
from layout.makeup import lead
from layout.makeup.cost import DEEP, EMPTY, GAP, MIN_DEPTH, STEP, column_price, head_band, order_price, over_price
from layout.makeup.measure import size_drop
from layout.makeup.rules import spans_fill
from layout.makeup.solution import NONE, make

if TYPE_CHECKING:
    from layout.makeup.measure import Variant
    from layout.makeup.search import Piece, Search
    from layout.makeup.solution import Solution

MIN_ACROSS = MIN_DEPTH  # body lines at least across the full width under the L's head (fewer: a strip across)
MIN_CORNER_SPAN = 2  # base columns at least of a corner holding several stories (each gets a horizontal head)
ONE_COLUMN = 1  # a corner holding one story may be a single column (竖条, 边栏: a one-column story or box)
MIN_SPAN = 3  # base columns at least of an L (its body down one or two beside its corner)
MIN_CORNER_LINES = 12  # lines at least of the corner (a head and some body)
RIBBON = cost_.BAND  # an L of ``cost.BAND_COLUMNS`` or more whose body runs down one column beside its corner: a
# ribbon the corner's depth, and, nested, a staircase of such Ls (review V's v1, v2, v7: the corner filled
# with the next story turning its own corner one column narrower), priced as a band across the page
MOVES = 2  # L moves tried at most for a rectangle and its opening story (the cheapest by their bound)
INF = float("inf")
Shape = tuple[float, int, int, "Variant", int, int]  # an L: (cost, corner span, corner lines, variant, photo
# lines, the variant's index in ``Measurer.variants``)
_SHAPES: WeakKeyDictionary[Search, dict[tuple[int, int, int], tuple[Shape, ...]]] = \
    WeakKeyDictionary()  # ``shapes`` of each search
_MOVES: WeakKeyDictionary[Search, dict[tuple[Any, ...], list[tuple[Solution, Placement]]]] = WeakKeyDictionary()
_LAST: list[Any] = [None]  # (a weak reference to the search ``moves`` was last asked by and its table, one pair)
_ELLS: dict[tuple[int, int, int, int, str, int, int, int, int], tuple[Ell, Placement]] = {}  # (``_placed``)
ELLS = 50_000  # the most Ls ``_ELLS`` keeps (past it, made anew each time: equal values; ~450 bytes each)
_FITTED: WeakKeyDictionary[Search, dict[tuple[Any, ...], tuple[Shape, ...]]] = WeakKeyDictionary()


@dataclass(frozen=True)
class Ell(Placement):
    """An L-shaped story's rectangle (its bounding box, with its photo) and the lower corner it leaves
    to other stories: ``side`` (left, right), ``corner_span`` base columns wide, ``corner_lines`` deep;
    ``shape``: which of the story's ``every`` L shapes it is (the variant the search priced);
    ``photo``: its own photo's lines across the rectangle's top (0: none), the L under it."""

    side: str = "right"
    corner_span: int = 0
    corner_lines: int = 0
    shape: int = 0
    photo: int = 0  # lines of the story's own photo across the top of the rectangle, over its headline
    turns: ClassVar[bool] = True  # the article leaves ``corner`` to others (``step.Step``: a plain rectangle)

    @property
    def corner(self) -> Placement:
        """The corner, on the page grid."""
        column = self.column if self.side == "left" else self.last_column - self.corner_span + 1
        return Placement(column, self.corner_span, self.end_line - self.corner_lines, self.corner_lines)

    @property
    def box(self) -> Placement:
        """The article's rectangle (the L's bounding box under its photo) as a plain placement."""
        return Placement(self.column, self.span, self.line + self.photo, self.lines - self.photo)

    @property
    def picture(self) -> Placement:
        """Its photo's slot across the rectangle's top (``photo`` > 0)."""
        return Placement(self.column, self.span, self.line, self.photo)


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
    across are ``MIN_ACROSS`` at least: ``shapes`` tries no shallower top.) An L that holds under a quarter
    of its text, the rest overset, is a bare headline (``checks.starved_body``): ``STARVED`` more."""
    over, empty = fit(v, lines, corner)
    cost = over * over_price(v.story.priority) + empty * EMPTY + max(0, empty - GAP * v.columns) * DEEP
    return cost + cost_.STARVED if bare(v, over) else cost


def bare(v: Variant, over: int) -> bool:
    """Whether variant ``v`` in an L with ``over`` lines overset holds under a quarter of its text (the
    rest overset): a bare headline (``price`` prices it, ``checks.starved_body`` names it)."""
    need = v.columns * v.body_lines - v.slack
    return over > 0 and need - over < need // 4


def usable(v: Variant) -> bool:
    """Whether a variant can turn a corner: one body column per base column, a horizontal head, no box."""
    return v.columns == v.span and v.has_head and not v.vertical and not v.pad and v.block.box is None


def shapes(search: Search, sid: int, span: int, lines: int) -> tuple[Shape, ...]:
    """Story ``sid``'s best L for each corner width in a rectangle ``span`` × ``lines``: (cost with its
    headline's size drop, corner span, corner lines, variant), cheapest first; worked out once a search."""
    return every(search, sid, span, lines)[:2 * MOVES]


def every(search: Search, sid: int, span: int, lines: int) -> tuple[Shape, ...]:
    """``shapes``, not only the cheapest: each variant's best L for each corner width (worked out once)."""
    table = _SHAPES.setdefault(search, {})
    key = (sid, span, lines)
    if key not in table:
        table[key] = _shapes(search, sid, span, lines)
    return table[key]


def _shapes(search: Search, sid: int, span: int, lines: int) -> tuple[Shape, ...]:
    """``shapes`` itself, for a story without a photo (one with a photo turns a corner only round one
    narrow story, ``fitted``: offered everywhere, the photo's L was taken on no held-out page and made the
    eight-story page's search a fifth slower)."""
    story = search.stories[sid]
    if story.photo is not None or span < MIN_SPAN or not story.min_span <= span <= story.max_span:
        return ()
    out = []
    for index, v in enumerate(search.m.variants(story, span)):  # (all of them: ``choices`` leaves out one
        if not usable(v):  # beaten at every height by a variant of fewer body columns, which cannot turn a corner)
            continue
        drop = STEP * size_drop(v) + v.penalty
        for p, extra in photos(search, sid, span):
            for c in range(MIN_CORNER_SPAN, span):
                best = _best_top(v, span, lines - p, c)
                if best is not None:
                    out.append((best[0] + drop + extra, c, best[1], v, p, index))
    out.sort(key=lambda s: (s[0], s[1], s[2], s[4]))
    return tuple(out)


def fitted(search: Search, sid: int, span: int, lines: int, other: int) -> tuple[Shape, ...]:
    """Story ``sid``'s L shapes in a rectangle ``span`` × ``lines`` whose corner is sized by the one
    story ``other`` set in it, not by the L's own copy: for each of ``other``'s spans that leaves the
    L a column at least (one column only for a ``narrow`` story: a 竖条 or 边栏), the corner as deep as
    ``other``'s two cheapest heights at that span, and the L's variant and photo that fit it best;
    cheapest first, worked out once a search."""
    table = _FITTED.setdefault(search, {})
    key = (sid, span, lines, other, *_prices(search))
    if key not in table:
        table[key] = _fitted(search, sid, span, lines, other)
    return table[key]


def _fitted(search: Search, sid: int, span: int, lines: int, other: int) -> tuple[Shape, ...]:
    """``fitted`` itself."""
    story, corner = search.stories[sid], search.stories[other]
    if span < MIN_SPAN or not story.min_span <= span <= story.max_span:
        return ()
    low = ONE_COLUMN if narrow(search, (other,)) else MIN_CORNER_SPAN
    out: list[Shape] = []
    for c in range(max(low, corner.min_span), min(span - 1, corner.max_span) + 1):
        for deep in search.heights(other, c, False)[:2]:
            if deep < MIN_CORNER_LINES:
                continue
            best: Shape | None = None
            for index, v in enumerate(search.m.variants(story, span)):
                if not usable(v):
                    continue
                for p, extra in photos(search, sid, span):
                    if lines - p - deep - v.head_lines < MIN_ACROSS:
                        continue
                    cost = price(v, lines - p, Placement(1, c, lines - p - deep + 1, deep))
                    cost += STEP * size_drop(v) + v.penalty + extra
                    if best is None or cost < best[0]:
                        best = (cost, c, deep, v, p, index)
            if best is not None:
                out.append(best)
    out.sort(key=lambda s: (s[0], s[1], s[2], s[4]))
    return tuple(out)


def _best_top(v: Variant, span: int, lines: int, c: int) -> tuple[float, int] | None:
    """Variant ``v``'s best L ``span`` × ``lines`` leaving a corner ``c`` columns wide: (its copy-fit
    cost, the corner's depth), of the two tops' heights nearest the one that holds its text exactly
    (the shallowest allowed for a short story); None when none leaves a top and a corner deep enough."""
    k = span - c  # columns the body runs down beside the corner
    exact = (v.columns * v.body_lines - v.slack + v.head_lines * span - lines * k) / c
    best: tuple[float, int] | None = None
    low = v.head_lines + MIN_ACROSS  # the shallowest top: a short story's L runs under-set (empty
    for h in {max(low, int(exact)), max(low, int(exact) + 1)}:  # lines), not refused (review V F1)
        deep = lines - h
        if h - v.head_lines < MIN_ACROSS or deep < MIN_CORNER_LINES:
            continue
        cost = price(v, lines, Placement(1, c, lines - deep + 1, deep))
        if best is None or cost < best[0]:
            best = (cost, deep)
    return best


def photos(search: Search, sid: int, span: int) -> list[tuple[int, float]]:
    """The heights story ``sid``'s photo may take across the top of its L ``span`` columns wide, with
    what each costs (``leaves.photo_heights``: off its picture's aspect, a stamp): ``[(0, 0)]`` for a story
    without a photo, none for one whose photo goes beside it (``place: beside``) or that is boxed (a
    box holds its photo)."""
    story = search.stories[sid]
    if story.photo is None:
        return [(0, 0.0)]
    if story.photo.place not in ("above", "any") or story.boxed:
        return []
    return search._photo_heights(story, span)


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


def pieces(search: Search, sid: int, ell: Ell) -> tuple[Piece, ...]:
    """The pieces of story ``sid`` set as the L ``ell`` (``Search.pieces``): its photo across the top
    (if it has one there), then the article."""
    from layout.makeup.search import Piece

    v = search.m.variants(search.stories[sid], ell.box.span)[ell.shape]  # (not found again by its corner:
    article = Piece(v.story, ell.box, v, corner=ell.corner if ell.turns else None)  # two may leave the same)
    return (Piece(v.story, ell.picture), article) if ell.photo else (article,)


def moves(search: Search, rect: Placement, sid: int, nohead: bool, rest: tuple[int, ...] = ()
          ) -> list[tuple[Solution, Placement]]:
    """The L moves of story ``sid`` across the top of ``rect``: (its leaf, the corner left to the
    rest), at most ``MOVES``, the cheapest whose corner ``rest`` can fill by their spans
    (``rules.spans_fill``: a 2-column 评论 beside a short lead gets the 2-column corner, not only the
    4-column one the lead's copy fits best, which it cannot take: review V F1); and one more whose
    corner is a single column when ``rest`` is one narrow story (``narrow``: a 竖条 or 边栏 down the
    side of the L's body, its head beside that body, not beside a headline); none under ``nohead``
    (its head would stand beside a neighbour's)."""
    if nohead:
        return []
    last = _LAST[0]
    if last is None or last[0]() is not search:  # (the table of the search asked last, held: ``_MOVES``' own)
        last = _LAST[0] = (ref(search), _MOVES.setdefault(search, {}))
    table = last[1]
    key = (rect.column, rect.span, rect.line, rect.lines, sid, rest, search in cost_.NO_BANDS,
           _prices(search) if narrow(search, rest) else None)
    known = table.get(key)
    if known is None:  # (pure of the search's state but its band price, and its prices where ``fitted``
        known = table[key] = _moves(search, rect, sid, rest)  # adds a move: worked out once)
    return known


def _prices(search: Search) -> tuple[bool, bool]:
    """What of ``search``'s state its leaf tables' prices depend on (``Search.wrap_all``, ``Search.shapes``,
    which ``Search.reset`` changes; the search object, and so these tables, outlive it): ``fitted`` reads
    those tables (the heights a corner's story takes, a photo's stamp price), so its shapes, and the L
    moves it adds, are kept by them; the rest of ``moves`` reads no price."""
    return search.wrap_all, search.shapes


def _moves(search: Search, rect: Placement, sid: int, rest: tuple[int, ...]) -> list[tuple[Solution, Placement]]:
    """``moves`` itself (not under ``nohead``)."""
    kept = [s for s in every(search, sid, rect.span, rect.lines) if not rest or spans_fill(search, rest, s[1])]
    out = _placed(search, rect, sid, kept[:2 * MOVES])[:MOVES]
    if narrow(search, rest):  # (an extra move: the corners the search weighed before stay as they were)
        out += [m for m in _placed(search, rect, sid, list(fitted(search, sid, rect.span, rect.lines, rest[0])[:2]))
                if m[1] not in [n[1] for n in out]][:1]
    return out


def narrow(search: Search, rest: tuple[int, ...]) -> bool:
    """Whether ``rest`` is one story a designer sets a single column wide down the side of another (竖条,
    边栏): one that may run one column and is boxed (评论), at most 2 columns wide by the plan, or may
    set its head vertically."""
    if len(rest) != 1:
        return False
    story = search.stories[rest[0]]
    return story.min_span <= ONE_COLUMN <= story.max_span and (
        story.boxed or story.max_span <= 2 or story.head_vertical != "")


def _placed(search: Search, rect: Placement, sid: int, kept: list[Shape]) -> list[tuple[Solution, Placement]]:
    """The shapes ``kept`` set in ``rect`` on either side, as leaves with the corners they leave,
    cheapest first."""
    out = []
    above, column, span, line, lines = search._above_ok(sid, rect), rect.column, rect.span, rect.line, rect.lines
    for cost, c, deep, v, p, k in kept:
        if p and not above:  # the lead's photo over it only across the free area
            continue
        for side in ("right", "left"):
            key = (column, span, line, lines, side, c, deep, k, p)
            made = _ELLS.get(key)
            if made is None:  # (an L and its corner made once a process: equal values, as ``tables.place``)
                ell = Ell(*key)
                made = (ell, ell.corner)
                if len(_ELLS) < ELLS:
                    _ELLS[key] = made
            one = leaf(search, sid, made[0], v, cost)
            if one.cost < INF:
                out.append((one, made[1]))
    out.sort(key=lambda m: m[0].cost)
    return out


def leaf(search: Search, sid: int, ell: Ell, v: Variant, cost: float) -> Solution:
    """Story ``sid`` set as the L ``ell`` in variant ``v`` whose copy-fit costs ``cost``: the position
    rules' costs added as ``Search._leaf_at`` adds them (its long columns' run for the column rule; its
    lines across, when it is not the lead, as a band across the page: ``cost.band_price``), and ``RIBBON``
    for one column down beside a wide corner."""
    story, line = search.stories[sid], ell.line
    if sid == 0 and (ell.column, ell.span) in search.banned:
        return NONE
    top_free = search.first_free[ell.column - 1]
    penalty = order_price(story.priority, story.second, line, top_free, cost_.ORDER)
    if story.lead and lead.misplaced(search.tops, search.first_free, search.free_columns,
                                              (ell.column, ell.last_column), line):
        penalty += cost_.LEAD
    if story.above_fold and line > search.lines // 2:
        penalty += cost_.RULE
    long = ell.column if ell.side == "right" else ell.last_column  # a column the body runs down to the foot
    penalty += column_price(v, ell.photo, 0, line, ell.end_line, search.lines, top_free, search.runs[long - 1])
    penalty += cost_.search_band(search, story.lead, ell.span, v, ell.lines - ell.photo - ell.corner_lines)
    if ell.span - ell.corner_span == 1 and ell.span >= cost_.BAND_COLUMNS and search not in cost_.NO_BANDS:
        penalty += RIBBON
    heads = ((ell.column, ell.last_column, *head_band(v, line + ell.photo)),)
    return make((cost + penalty, ((sid, ell, False),), heads))
