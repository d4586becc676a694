"""The search: guillotine layouts of a page's free area over the stories' measured variants.

In:  a ``Measurer`` (the page, its grid, the variants), the page's fixed blocks and its stories.
Out: ``Solution``: every story's (and photo's) rectangle on the grid, with its variant, and the
     cost: empty body lines + weighted overset lines + weighted rule violations.

The free area (the page less its fixed blocks) is cut like a guillotine, edge to edge, the
way pages were made up in hot metal and still are on the grid (the idea of Gange, Marriott
and Stuckey, "Optimal guillotine layout", DocEng 2012, searched here by memoised branch and
bound rather than their solver). A rectangle holding fixed blocks is cut only along their
edges. A free rectangle holding one story is a leaf: the story fills it, with its photo above
or beside it. A free rectangle holding several is cut across (its first story, the lead
before the rest, then by priority, across the top; or any other story across the foot) or down
(its first story goes left), and its stories are shared between the two parts. Rules of Chinese make-up are
built in where they are structural (a photo touches its story; the lead's photo goes above it
only across the whole free area, else beside it or under its headline, ``layout.makeup.lead``)
and are costs where they are not (the lead off the free area's first line, dearer than any other
layout; 撞题, a column from the top of the page to its foot, the fold).
A part's area is checked against what its stories can fill before it is searched (an estimated
lower bound), so most ways of sharing stories are never tried. The search is memoised and
bounded by a number of rectangles (``cost.Limits``), not by time: it runs three passes, first trying
cuts in their plain order (``FIRST_NODES``), then the most promising first, by their bound and by how
well their parts' areas match what their stories fill at about their least cost, each of these two
from what the first left, the second under the first layout's cost, the third under the lower of the
first's and the second's (``passes``: side by side on two cores); past the limit a rectangle's
stories are stacked across it (``layout.makeup.fallback``), and the ``Layout`` says the search was cut
short. So it is deterministic (ties keep the first found), but on pages of many stories not always
optimal. A page whose stories cannot all be placed raises ``Unplaceable``. Costs beyond the rules:
columns shallower than ``MIN_DEPTH`` lines, a headline below its priority's size, important stories low
on the page, a photo's slot off its aspect."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from itertools import chain, combinations, islice
from operator import itemgetter

from layout.issue.model import Placement
from layout.makeup import (
    ahead,
    avoid,
    ell,
    fallback,
    fixedcut,
    lastresort,
    lead,
    leaves,
    passes,
    ranks,
    retry,
    rules,
    shapes,
    wrapped,
)
from layout.makeup import cost as cost_
from layout.makeup import step as step_
from layout.makeup.cost import EMPTY, HEIGHTS, LEAD, ORDER, PLAIN, RULE, head_band, over_price
from layout.makeup.fallback import Unplaceable  # noqa: F401 (raised from here)
from layout.makeup.measure import Measurer, Variant
from layout.makeup.plan import Story
from layout.makeup.solution import NONE, Solution, better, join, make
from layout.makeup.tables import Tables, place

HOLE = 1.5  # per grid cell (line × base column) of a rectangle left without a story
FIRST_NODES = 500  # rectangles the first pass searches in full, which only finds a budget for the second
INF = float("inf")


@dataclass(frozen=True)
class Piece:
    """A story's article or its photo on the grid."""

    story: Story
    at: Placement
    variant: Variant | None = None  # None: the story's photo
    forced: bool = False  # a photo that fits only badly or nowhere as the plan asks, placed where it fits best
    wrap: bool = False  # a photo inside its story, under its headline (``layout.makeup.lead``)
    corner: Placement | None = None  # 拐弯: the corner of ``at`` the story leaves to others (``layout.makeup.ell``)


@dataclass(frozen=True)
class Layout:
    """A page's best layout: its cost and its pieces (every story placed), and whether the search
    was cut short at its limit of rectangles (the layout is then the best found, not proven best)."""

    cost: float
    pieces: tuple[Piece, ...]
    cut_short: bool = False


Option = tuple[Variant, int, int]  # a leaf's variant, photo lines above it (< 0: under its head), columns beside it


class Search:
    """Memoised branch and bound over guillotine cuts of one page (see module docstring)."""

    def __init__(self, measurer: Measurer, stories: list[Story], fixed: list[Placement],
                 banned: frozenset[tuple[int, int]] = frozenset(), wraps: bool = False, shapes: bool = False) -> None:
        self.m, self.fixed = measurer, fixed
        self.wrap_all = wraps  # a narrow photo wraps in every variant of its own (``wrapped``), not ``choices``' only
        self.shapes = shapes  # stamps and ribbons priced (``layout.makeup.shapes``)
        self.banned = banned  # (first column, span) the first story (with its photo) may not take
        self.page = measurer.page
        self.lines, self.columns = self.page.lines, self.page.grid.columns
        self.stories = sorted(stories, key=lambda s: (not s.lead, s.priority, s.index))
        self.prices = [over_price(s.priority) for s in self.stories]  # a line overset, by story (``_free_bound``)
        self.runs = cost_.free_runs(fixed, self.columns, self.lines)  # each column's free top and foot
        self.first_free = [top for top, _ in self.runs]  # (``lead.first_lines``)
        self.limits = PLAIN  # what it may spend, what a 撞题 costs (``cost.Limits``)
        self.nodes, self.limit, self.ordered, self.matching, self.clash_ok = 0, PLAIN.nodes, False, False, False
        self.solution = NONE  # the best layout ``run`` found, as leaves (``layout.makeup.store`` keeps them)
        self.stacks, self.stack_limit = 0, 4 * fallback.STACK_CALLS  # stacked layouts made, and at most
        self.move_key = MOVE_KEYS[1]
        self.open_spans = tuple(s.min_span if s.photo is not None or s.head_vertical else self.columns + 1
                                for s in self.stories)  # the least span a story may open a side at (``rules.may_open``)
        self.free_columns = lead.free_top(self.first_free, fixed, self.lines)[1]
        self.tops = lead.tops(self.first_free, fixed, self.lines)  # the lead's place by its width
        self.top = lead.top_for(self.tops, next((s.min_span for s in self.stories if s.lead), 1))
        self.lead = 0 if self.stories and self.stories[0].lead else -1  # its index (``solution.above_lead``)
        self.memo: dict[tuple[int, int, int, int, tuple[int, ...], bool], Solution | float] = {}  # float: none below
        tables = Tables(self)  # leaves and stacked layouts, by their rectangles' numbers
        pure = tables.pure  # what depends on the page and its stories alone, shared by its searches of them
        self.leaf_table, self.ranges, self.free_bound, self.bounds = (pure.leaf_table, pure.ranges, pure.free_bound,
                                                                      pure.bounds)  # (``tables.Pure``)
        self.leaf, self.leaf_at, self._stacked, self.tables = tables.leaf, tables.leaf_at, tables.stacked, tables
        self.fitting, self.span_costs, self.bound_row, self.splits = tables.fitting, tables.span_costs, pure.row, \
            pure.splits
        self.heights, self.choices, self.inside, self.nowhere = pure.heights, pure.choices, pure.inside, pure.nowhere
        self.filled, self.insides = pure.filled, pure.insides  # (``leaves.filled``; ``inside`` by numbers)
        self.wraps, self.guess = pure.wraps, pure.guess  # (``leaves.wraps``: the variants a narrow photo wraps in)
        self._leaf = partial(leaves.leaf, self)  # ``layout.makeup.leaves``
        self._photo_heights = partial(leaves.photo_heights, self)
        self.ideals, self.slots = pure.ideals, pure.slots  # (``leaves.ideal_lines``, ``leaves.photo_heights``)
        self.avoid = avoid.State()  # a side of a cut down searched again round its neighbour's heads (``avoid``)
        self.steps = step_.wanted(self)  # the lead's photo may head a side column (``step``)
        self.ceiling = INF  # a layout of the page costs less, or none is taken (``shapes``: its search's)
        self.seed: float | None = None  # the ceiling of the page's search weighing shapes (``shapes.seed``) …
        self.seeded = False  # … once the page's first search has passed the steps that set it
        self.paused: wrapped.Paused | None = None  # this search made again with its wraps, stopped (``wrapped``)

    def warm(self, measured: list[Story]) -> None:
        """Work out ahead what the search will ask of each story of ``measured`` (all its variants
        measured): its leaf tables across the page's spans and the areas it fills (``bounds``). Values
        worked out once whenever asked for (pure of the search's state), so the layouts are the
        same; ``Measurer.prefetch`` calls it while forked processes measure the other stories."""
        index = {id(s): i for i, s in enumerate(self.stories)}
        for story in measured:
            if id(story) in index:
                self.bounds(index[id(story)], self.columns)

    def run(self) -> Layout:
        """The best layout of the whole page; none (cost INF) when its passes find none under ``ceiling``."""
        started = self.start()
        return Layout(INF, ()) if started is None else self.finish(*started)

    def start(self) -> tuple[Solution, bool] | None:
        """``run`` to its retry: the layout its passes and retry found, and whether they were cut short at their
        limit; None when the passes find none under ``ceiling``. (``wrapped._here`` stops there, and may go on.)"""
        everything, page = tuple(range(len(self.stories))), Placement(1, self.columns, 1, self.lines)
        self.tables.adopt()  # (its leaves shared with the page's searches that price them alike)
        self.ordered, self.limit = False, FIRST_NODES  # first a quick layout, the cuts in their plain order …
        best = self.solve(page, everything, False, self.ceiling)
        self.memo.clear()  # … then the most promising first, to beat it: by bound, then by area match (``passes``)
        best, cut_short = passes.ordered(self, page, everything, best)
        if best.cost == INF and self.ceiling < INF:  # (none cheaper than the layout it is to beat: ``shapes``)
            return None
        shapes.seed(self, best)
        again = cut_short and best.cost < INF and retry.poor(self, best)  # the first cuts afresh (``retry``)
        ahead.start(self, best, again)  # the second searches its layout asks for, forked (``ahead``: 2 cores)
        if again:
            best = retry.retry(self, best)
            shapes.seed(self, best)
            ahead.start(self, best)  # (those the retry's layout asks for)
        return best, cut_short

    def finish(self, best: Solution, cut_short: bool) -> Layout:
        """``run`` from ``start``'s layout ``best`` (``cut_short``: as ``start`` says) to the page's layout."""
        found = wrapped.early(self, best)  # poor, and settled made again with the photos' wraps (``wrapped``)
        best = found if found is not None else fallback.later(self, best)  # (wider, open, … ``fallback``)
        if best.cost == INF:  # nothing found within the limit: stacked, then with 撞题 (``lastresort``)
            everything, page = tuple(range(len(self.stories))), Placement(1, self.columns, 1, self.lines)
            best, cut_short = lastresort.last(self, page, everything), True
        if best.cost == INF:  # no other shape for an alternative layout, or no layout at all
            return Layout(INF, ()) if self.banned else lastresort.refuse(self)
        self.solution = best
        return Layout(best.cost, self.pieces(best), cut_short)

    # -- cutting -------------------------------------------------------------------------------
    def solve(self, rect: Placement, ids: tuple[int, ...], nohead: bool, budget: float = INF) -> Solution:
        """The best layout of ``ids`` (story indices, in priority order) filling ``rect`` if one costs
        less than ``budget`` (else ``NONE``); ``nohead``: no headline may start on the rectangle's
        first line (its neighbour's does). Memoised: an exact best, or that nothing is under a budget."""
        key = (rect.column, rect.span, rect.line, rect.lines, ids, nohead)  # (numbers hash faster)
        if self.avoid.on:  # (``avoid``: a side searched again has its own memo)
            memo, known = self.avoid.memo, avoid.recall(self, key, rect)
        else:
            memo = self.memo
            known = memo.get(key, 0.0)  # (a float, not a pair)
        if not isinstance(known, float):
            return known if known.cost < budget else NONE
        if budget <= known:
            return NONE
        sentinel = make((budget, (), ()))  # (``Solution(budget)``)
        best = self._solve(rect, ids, nohead, sentinel)
        if best is sentinel:
            memo[key] = float(budget)
            return NONE
        memo[key] = best
        return best

    def _solve(self, rect: Placement, ids: tuple[int, ...], nohead: bool, best: Solution) -> Solution:
        """``solve`` itself: better than ``best`` or ``best``."""
        inside = self.insides.get((rect.column, rect.span, rect.line, rect.lines))  # (``inside``, by numbers)
        if inside is None:
            inside = self.insides[rect.column, rect.span, rect.line, rect.lines] = self.inside(rect)
        if inside:
            return fixedcut.around(self, rect, ids, inside, nohead, best)
        if not ids:
            return better(best, make((HOLE * rect.span * rect.lines, (), ())))
        if len(ids) == 1:
            return better(best, self.leaf(ids[0], rect, nohead))
        if nohead and self.ordered and not rules.may_open(self, ids, rect):  # no layout (``rules.may_open``)
            return best
        self.nodes += 1
        if self.nodes > self.limit:  # searched enough: the stories stacked across, if that is better
            return better(best, self._stacked(rect, ids, nohead, best.cost))
        best = step_.better(self, rect, ids, nohead, best) if self.steps and self.ordered else best  # (first)
        return self._down(rect, ids, nohead, self._across(rect, ids, nohead, best))

    def _across(self, rect: Placement, ids: tuple[int, ...], nohead: bool, best: Solution) -> Solution:
        """Cuts across: the first story across the top, or another across the foot (better than
        ``best``); the most promising cuts (least bound) are tried first."""
        moves: list[tuple[float, float, int, Solution, tuple[Placement, tuple[int, ...], bool]]] = []
        column, span, line, lines, ordered = rect.column, rect.span, rect.line, rect.lines, self.ordered
        foot, cap, leaf_at, bound = line + lines, best.cost, self.leaf_at, self.free_bound
        known = self.avoid.leaves.get if self.avoid.on else self.tables._leaves.get  # (``avoid``: leaves charged)
        fitting, solve, matching, guess, gate = self.fitting, self.solve, self.matching, self.guess, ranks.GATE
        for k, sid, top in self.tables.openers(rect, ids, nohead):  # (``rules.openers``)
            rest, price = ids[:k] + ids[k + 1:], -1.0  # (``ranks.inverted``'s price, once looked up)
            for h in fitting(sid, rect, nohead if top else False, rest):  # (a leaf looked up as ``leaf_at``)
                if top:
                    one = known((sid, column, span, line, h, nohead)) or leaf_at(sid, column, span, line, h, nohead)
                else:  # (``ranks.inverted``: a leaf at the budget dropped unpriced, one under it priced)
                    one = known((sid, column, span, foot - h, h, False)) or leaf_at(sid, column, span, foot - h, h,
                                                                                  False)
                    if gate and one.cost >= cap:
                        ranks.SKIPPED[0] += 1
                        continue
                    price = ranks.priced(self, sid, rest) if price < 0.0 else price
                    one = make((one.cost + price, one.leaves, one.heads)) if price and one.cost < INF else one
                if one.cost >= cap or (low := one.cost + bound(rest, span, lines - h)) >= cap:
                    continue
                many = (place(column, span, line + h, lines - h), rest, False) if top else (
                    place(column, span, line, lines - h), rest, nohead)
                if not ordered:  # (in the plain order each cut is tried as it comes)
                    best = better(best, join(one, solve(*many, cap - one.cost)))
                    cap = best.cost
                    continue
                moves.append((low, one.cost + guess(rest, span, lines - h) if matching else 0,
                              len(moves), one, many))
            moves += ell.cuts(self, rect, sid, rest, nohead, cap, len(moves)) if top and ordered else []
        for low, _, _, one, many in sorted(moves, key=self.move_key):
            if low < best.cost:
                best = better(best, join(one, solve(*many, best.cost - one.cost)))
        return best

    def _down(self, rect: Placement, ids: tuple[int, ...], nohead: bool, best: Solution) -> Solution:
        """Cuts down: the first story (and others) left, the rest right; one side's top has no headline.
        The shares whose areas fit their parts best are tried first (in the plain order, each as it comes)."""
        span, lines, row, ordered, cap, cut = rect.span, rect.lines, self.bound_row, self.ordered, best.cost, \
            self._cut_down
        moves: list[tuple[float, float, int, tuple[int, ...], tuple[int, ...], int, float]] = []
        for left, right in self.splits(ids, _shares):  # (the first and ``_shares`` of the others left)
            lefts, rights = row(left, lines, span), row(right, lines, span)  # (``free_bound`` by span)
            for k in range(1, span):  # (no bound is negative: a side's alone at the best prunes the cut)
                if (low := lefts[k]) >= cap or (low := low + rights[span - k]) >= cap:
                    continue
                if not ordered:
                    best = cut(rect, k, left, right, nohead, best, rights[span - k])
                    cap = best.cost
                    continue
                match = self.guess(left, k, lines) + self.guess(right, span - k, lines) if self.matching else 0.0
                moves.append((low, match, len(moves), left, right, k, rights[span - k]))  # (the match is not a bound)
        for low, _, _, left, right, k, right_low in sorted(moves, key=self.move_key):
            if low < best.cost:
                best = cut(rect, k, left, right, nohead, best, right_low)
        return best

    def _cut_down(self, rect: Placement, k: int, left: tuple[int, ...], right: tuple[int, ...], nohead: bool,
                  best: Solution, right_low: float) -> Solution:
        """``left`` in ``rect``'s first ``k`` columns, ``right`` (bound: ``right_low``) in the rest, if better."""
        a = place(rect.column, k, rect.line, rect.lines)  # (made once: ``tables.place``)
        b = place(rect.column + k, rect.span - k, rect.line, rect.lines)
        for na, nb in fallback.sides(self, nohead):  # (which side opens without a headline)
            one = self.solve(a, left, na, best.cost - right_low)
            if one.cost + right_low >= best.cost:
                continue
            two = self.solve(b, right, nb, best.cost - one.cost)
            best = better(best, avoid.better_join(self, one, two, (a, left, na), (b, right, nb), best.cost))
        return best

    def _inside(self, rect: Placement) -> list[Placement]:
        """The fixed blocks ``rect`` overlaps."""
        return [f for f in self.fixed if overlap(f, rect)]

    def _covered(self, rect: Placement) -> bool:
        """Whether fixed blocks cover the whole of ``rect``."""
        return self._free_cells(rect) <= 0

    def _free_cells(self, rect: Placement, inside: list[Placement] | None = None) -> int:
        """The grid cells of ``rect`` no fixed block covers (``inside``: those it overlaps, when known)."""
        return _area(rect) - sum(_area(_clip(f, rect)) for f in (self.inside(rect) if inside is None else inside))

    # -- bounds --------------------------------------------------------------------------------
    def _guess(self, ids: tuple[int, ...], span: int, lines: int) -> float:
        """``guess``: how far the area ``ids`` fill at about their least cost (the middle of ``_ranges``) is from
        that of a rectangle ``span`` × ``lines`` free of fixed blocks: what orders the cuts, not a bound."""
        if not ids:
            return HOLE * span * lines
        low, high = self.ranges(ids, span)
        return abs((low + high) / 2 - span * lines) if low < INF else INF

    def _free_bound(self, ids: tuple[int, ...], span: int, lines: int) -> float:
        """``bound`` of a free rectangle ``span`` × ``lines`` (overset at the least important one's price)."""
        area = span * lines
        if not ids:
            return HOLE * area
        low, high = self.ranges(ids, span)
        if low == INF:
            return INF
        over, empty = low - area, area - high  # (``max(0.0, …)`` of each, as a test: the same floats)
        return (over if over > 0.0 else 0.0) * self.prices[max(ids)] + (empty if empty > 0.0 else 0.0) * EMPTY

    def _ranges(self, ids: tuple[int, ...], width: int) -> tuple[float, float]:
        """The summed areas ``bounds`` gives for the stories ``ids``."""
        pairs = [self.bounds(i, width) for i in ids]
        return sum(p[0] for p in pairs), sum(p[1] for p in pairs)

    # -- leaves --------------------------------------------------------------------------------
    def _heights(self, sid: int, span: int, nohead: bool, above: bool = True, count: int = HEIGHTS) -> list[int]:
        """The ``count`` heights at which story ``sid`` across ``span`` columns costs least (best first)."""
        table = self.leaf_table(sid, span, nohead, above)
        order = sorted((c[0], h) for h, c in enumerate(table) if c[0] < INF and h > 0)
        return [h for _, h in order[:count]]

    def _leaf_table(self, sid: int, span: int, nohead: bool,
                    above: bool = True) -> tuple[tuple[float, Option | None], ...]:
        """Cost and best option of story ``sid`` filling a rectangle ``span`` wide, by height (index = lines);
        ``above``: its photo may go above it (not for a lead whose headline would then stand below another)."""
        return leaves.table(self, sid, span, nohead, above)

    def _above_ok(self, sid: int, rect: Placement) -> bool:
        """Whether story ``sid`` in ``rect`` may have its photo above it: any story but the lead; the lead
        only across the whole free area (no other story beside it, so no headline above the lead's)."""
        first, last = self.free_columns
        return not self.stories[sid].lead or (rect.column <= first and rect.last_column >= last)

    def _leaf_at(self, sid: int, rect: Placement, nohead: bool) -> Solution:
        """Story ``sid`` (and its photo) filling ``rect``, with the position rules' costs."""
        column, span, line, lines = rect.column, rect.span, rect.line, rect.lines  # (read once: ``last_column`` …
        last, end = column + span - 1, line + lines  # … and ``end_line`` are properties)
        story, (first, final) = self.stories[sid], self.free_columns  # (``_above_ok``, read here)
        cost, option = self.leaf_table(sid, span, nohead, not story.lead or (column <= first and last >= final))[lines]
        if option is None or (sid == 0 and (column, span) in self.banned):
            return NONE
        top_free = self.first_free[column - 1]
        penalty = cost_.order_price(story.priority, story.second, line, top_free, ORDER)  # important stories high
        v, above, beside = option
        if story.lead and lead.misplaced(self.tops, self.first_free, self.free_columns, (column, last), line):
            penalty += LEAD  # the lead (头条) at the top left or across the top: no headline above it
        if story.above_fold and line > self.lines // 2:
            penalty += RULE
        penalty += cost_.column_price(*option, line, end, self.lines, top_free,
                                      self.runs[column - 1])  # body columns from the top to the foot
        penalty += cost_.search_band(self, story.lead, span, v, lines - max(0, above))
        heads: tuple[tuple[int, int, float, float], ...] = (
            (v.vertical_extent(column + beside, last, line + above),) if v.vertical else ())
        if (has_head := v.has_head) and above < 0:  # the photo under the head (its spare line goes below the head)
            heads = ((column, last, *head_band(v, line)),)
        elif has_head:
            air = min(3, max(0, lines - above - v.lines))
            heads = ((column + beside, last, *head_band(v, line + above, air)),)
        return make((cost + penalty, ((sid, rect, nohead),), heads))

    def reset(self, wraps: bool, shapes: bool | None = None, keep: bool = False) -> None:
        """This search made afresh for the same page and stories, its narrow photos wrapping in every
        variant (``wraps``) or in ``choices``' only, weighing shapes (``shapes``; None: as it did): its
        tables, memo and counts anew (``wrapped``, ``layout.makeup.shapes``); the ceiling its first search
        set for a search weighing shapes kept (``shapes.seed``). Its old tables are let go of (``keep``: not,
        for ``wrapped._here``, which puts the old search back)."""
        if not keep:
            self.tables.release()
        seed = self.seed, self.seeded  # (the page's, from its first search: ``shapes.seed``)
        Search.__init__(self, self.m, self.stories, self.fixed, self.banned, wraps,
                        self.shapes if shapes is None else shapes)
        self.seed, self.seeded = seed

    def pieces(self, solution: Solution) -> tuple[Piece, ...]:
        """A solution's pieces: for each leaf, the photo (above the story or left of it) and the article."""
        out = [p for sid, r, _ in solution.leaves if isinstance(r, ell.Ell) for p in ell.pieces(self, sid, r)]
        for sid, rect, nohead in [leaf for leaf in solution.leaves if not isinstance(leaf[1], ell.Ell)]:
            _, option = self.leaf_table(sid, rect.span, nohead, self._above_ok(sid, rect))[rect.lines]
            assert option is not None
            v, above, beside = option
            story = v.story
            forced = self._leaf(sid, rect.span, rect.lines, nohead, self._above_ok(sid, rect), False)[1] != option
            if above < 0:  # the photo under the story's headline, inside its rectangle (``beside``: as wide)
                out.append(Piece(story, rect, v))
                air = lead.narrow_air(v, rect.lines, -above, beside) if beside else lead.air(v, rect.lines, -above)
                line = rect.line + v.pad // 2 + v.head_lines + 1 + air
                out.append(Piece(story, Placement(rect.column, beside or rect.span, line, -above), None, forced, True))
                continue
            if above:
                out.append(Piece(story, Placement(rect.column, rect.span, rect.line, above), None, forced))
            if beside:
                out.append(Piece(story, Placement(rect.column, beside, rect.line, rect.lines), None, forced))
            out.append(Piece(story, Placement(rect.column + beside, rect.span - beside, rect.line + above,
                                              rect.lines - above), v))
        return tuple(out)


MOVE_KEYS = {1: itemgetter(0, 2), 2: itemgetter(1, 2)}  # a move's sort key: its bound (1) or area match (2),
# then its order


SHARES = 4096  # ways of sharing a rectangle's stories between its two parts tried at one cut, at most
FEW_SHARES = 12  # stories whose shares are all tried (2^12 = SHARES)


def _shares(ids: tuple[int, ...], most: int) -> Iterator[tuple[int, ...]]:
    """The sub-tuples of ``ids`` with at most ``most`` members: all of them, fewest first (as
    ``combinations`` gives them), for ``FEW_SHARES`` stories or fewer; on a crowded page the first
    ``SHARES`` of them taken from both ends (none and all, one and all but one, …), so that the
    search stays bounded (2^25 ways for 26 stories took minutes) and still tries putting few
    stories, or all, on one side."""
    if len(ids) <= FEW_SHARES:
        return chain.from_iterable(combinations(ids, n) for n in range(most + 1))
    sizes = [n for k in range(most // 2 + 1) for n in dict.fromkeys((k, most - k))]
    return islice(chain.from_iterable(combinations(ids, n) for n in sizes), SHARES)


def overlap(a: Placement, b: Placement) -> bool:
    """Whether two placements share a grid cell."""
    return a.column <= b.last_column and b.column <= a.last_column and a.line < b.end_line and b.line < a.end_line


def _clip(a: Placement, b: Placement) -> Placement:
    """``a`` cut to ``b`` (they overlap)."""
    c0, c1 = max(a.column, b.column), min(a.last_column, b.last_column)
    l0, l1 = max(a.line, b.line), min(a.end_line, b.end_line)
    return Placement(c0, c1 - c0 + 1, l0, l1 - l0)


def _area(a: Placement) -> int:
    """Grid cells (base columns × lines) of a placement."""
    return a.span * a.lines
