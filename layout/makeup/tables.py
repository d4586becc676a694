"""The search's leaves and stacked layouts, kept by their rectangles' numbers.

In:  a ``Search`` (``layout.makeup.search``): its ``_leaf_at`` (a story filling a rectangle, with
     the position rules' costs) and ``fallback.stack`` (stories stacked without searching).
Out: the same values, each worked out once a search: ``leaf``, ``stacked`` and ``fitting`` (the heights
     a stacked or cut-across story tries) take a rectangle,
     ``leaf_at`` its numbers (column, span, line, lines), so that the search's inner loop, which
     asks for far more leaves than it keeps, makes a ``Placement`` only for a leaf not yet known.

The tables are keyed by tuples of numbers: a ``Placement`` (a frozen dataclass) hashes and
compares in Python, a tuple of integers in C, and the search looks up some hundred thousand
leaves on a page of eight stories. What they give back is exactly what the functions give.
A stacked layout is asked for under a budget (the search past its limit wants only one cheaper
than the best it has) and kept as the search keeps its rectangles: the layout, or that none costs
less than a budget; ``fits`` says whether stacking finds any layout, ``least`` a story's least cost
in a slot, for the floor that spares stacking a rectangle (``fallback.stack_floor``); ``bounds`` the
areas a story fills at about its least cost (``Search.bounds``, from each span's costs sorted once).
What stacking works out after the search's limit of stacked layouts is spent (``Search.stack_limit``:
``fallback.stack`` then makes none) is not a fact about the rectangle: it is not kept as one (a later
caller with stacked layouts to spend, ``fallback.last``'s, ``retry``'s, stacks it again), only as what was
found then (``unproven``), which a caller still past the limit gets, as it did before it was told apart.
Past ``fallback.STACK_CALLS`` stacking tries stories across only, not side by side: what it works out then
is kept for callers past that count too (``partial``), not for one counting afresh (``retry``, ``avoid``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, partial
from itertools import accumulate
from typing import TYPE_CHECKING

from layout.issue.model import Placement
from layout.makeup import fallback, room, rules
from layout.makeup.cost import CHEAP
from layout.makeup.solution import NONE

if TYPE_CHECKING:
    from layout.makeup.search import Search
    from layout.makeup.solution import Solution

INF = float("inf")
QUICK = 100_000  # answers of ``fitting`` and ``least_sum`` kept by the stories themselves, at most (memory)
PLACES: dict[tuple[int, int, int, int], Placement] = {}  # ``place``'s, by their numbers


def place(column: int, span: int, line: int, lines: int) -> Placement:
    """``Placement(column, span, line, lines)``, made once a process (an equal value: a frozen
    dataclass's ``__init__`` sets each field through ``object.__setattr__``, and a search makes 60 000)."""
    key = (column, span, line, lines)
    known = PLACES.get(key)
    if known is None:
        known = PLACES[key] = Placement(column, span, line, lines)
    return known


class Tables:
    """A search's leaves and stacked layouts (see module docstring)."""

    def __init__(self, search: Search) -> None:
        self.search, self.none = search, NONE
        key = (tuple(map(id, search.stories)), tuple(search.fixed), search.wrap_all,
               search.shapes)  # (``wrapped``, ``shapes``: their own)
        home = search.m.searched.get(key)  # the page's first search of these stories (``Pure``)
        if not (isinstance(home, Pure) and home.serves(search)):  # (none yet, or an id of a story gone)
            home = search.m.searched[key] = Pure(search, self)
        self.pure = home
        self._leaves: dict[tuple[int, int, int, int, int, bool], Solution] = {}
        self._stacks: dict[tuple[int, int, int, int, tuple[int, ...], bool], Solution | float] = {}  # float: none below
        self._fits: dict[tuple[int, int, int, int, tuple[int, ...], bool], bool] = {}
        self._partial: dict[tuple[int, int, int, int, tuple[int, ...], bool], Solution | float] = {}  # ``partial``
        self._fits_partial: dict[tuple[int, int, int, int, tuple[int, ...], bool], bool] = {}  # its noes
        self.unproven: dict[tuple[int, int, int, int, tuple[int, ...], bool], Solution] = {}  # found past the limit
        self._heights: dict[tuple[int, int, int, bool, bool, int, float, float], list[int]] = {}
        self._spans: dict[tuple[tuple[int, ...], int], int] = {}
        self._least, self._costs, self._sums = self.pure.least, self.pure.costs, self.pure.sums
        self._needs: dict[tuple[tuple[int, ...], int], float] = {}
        self._quick: dict[tuple[int, int, int, int, bool, tuple[int, ...]], list[int]] = {}  # ``fitting``
        self._leads = tuple(s.lead for s in search.stories)  # (``fitting``: the lead's place matters, no other's)
        self._opens: dict[tuple[tuple[int, ...], bool, int], tuple[tuple[int, int, bool], ...]] = {}  # ``openers``

    def release(self) -> None:
        """Let go of what this search alone worked out (its stacked layouts, fits, heights, spans …): for a
        search made afresh (``Search.reset``), whose first ``Tables`` the page's ``Pure`` still holds for its
        ``bounds``, which read none of it (a 13-story page kept two such, some 200 MB each). The leaves,
        shared with the page's other searches (``adopt``), and ``Pure``'s own are kept."""
        self._stacks, self._fits, self._partial, self._fits_partial, self.unproven = {}, {}, {}, {}, {}
        self._heights, self._spans, self._needs, self._quick, self._opens = {}, {}, {}, {}, {}

    def leaf(self, sid: int, rect: Placement, nohead: bool) -> Solution:
        """Story ``sid`` (and its photo) filling ``rect``: ``Search._leaf_at``, worked out once (as ``leaf_at``)."""
        key = (sid, rect.column, rect.span, rect.line, rect.lines, nohead)
        known = self._leaves.get(key)
        if known is None:
            known = self._leaves[key] = self.search._leaf_at(sid, rect, nohead)
        return known

    def leaf_at(self, sid: int, column: int, span: int, line: int, lines: int, nohead: bool,
                rect: Placement | None = None) -> Solution:
        """``leaf`` of the rectangle ``span`` × ``lines`` at ``column``, ``line`` (``rect``, when the
        caller has it made)."""
        key = (sid, column, span, line, lines, nohead)
        known = self._leaves.get(key)
        if known is None:
            known = self._leaves[key] = self.search._leaf_at(sid, rect or place(column, span, line, lines), nohead)
        return known

    def adopt(self) -> None:
        """Take the leaves (``leaf_at``) the page's searches that price them alike have worked out, or
        share this one's with them: those with the same places banned for the lead, run with or
        without the band price (``cost.NO_BANDS``: known only once the search runs). A leaf's cost
        depends on nothing else of a search (its 撞题 against a neighbour, ``avoid``, is charged on top)."""
        from layout.makeup.cost import NO_BANDS

        kind = (self.search.banned, self.search in NO_BANDS)
        self._leaves = self.pure.leaves.setdefault(kind, self._leaves)

    def stacked(self, rect: Placement, ids: tuple[int, ...], nohead: bool, budget: float = INF) -> Solution:
        """``fallback.stack`` of ``ids`` in ``rect``, worked out once (``NONE`` when it costs ``budget``
        or more)."""
        return self.stacked_at(rect.column, rect.span, rect.line, rect.lines, ids, nohead, budget, rect)

    def stacked_at(self, column: int, span: int, line: int, lines: int, ids: tuple[int, ...], nohead: bool,
                   budget: float = INF, rect: Placement | None = None) -> Solution:
        """``stacked`` in the rectangle ``span`` × ``lines`` at ``column``, ``line`` (``rect``, when the
        caller has it made). Kept as the search's memo keeps its rectangles: the layout, or that none
        costs less than a budget; a rectangle whose ``stack_floor`` is the budget or more is not stacked
        (and none costs less than that floor: a lower bound of what stacking gives, so it is kept). Past the
        search's limit of stacked layouts (``spent``) neither is kept: what was found is (``keep``), and a
        caller past the limit gets it (``found``); one with stacked layouts to spend stacks it again."""
        key = (column, span, line, lines, ids, nohead)
        known = self._stacks.get(key, 0.0)  # (a float: none costs less than it; not a pair, on a crowded page's many)
        if known == 0.0 and self.partial():  # (past ``STACK_CALLS``: what was worked out so too)
            known = self._partial.get(key, 0.0)
        if not isinstance(known, float):
            return known if known.cost < budget else self.none
        if budget <= known:
            return self.none
        if len(ids) > 1 and self.spent():  # not stacked (``fallback.stack`` makes none): what was found before
            return self.found(key, budget)
        rect = rect or place(column, span, line, lines)
        floor = fallback.stack_floor(self, rect, ids, nohead) if budget < INF and len(ids) > 1 else 0.0
        if floor >= budget:  # none costs less than the floor: kept, so a budget under it is not worked out again
            self._stacks[key] = float(floor)
            return self.none
        found = fallback.stack(self, rect, ids, nohead, budget)
        if self.spent():  # the limit ran out while it was stacked: the parts past it were not (not a fact)
            return self.keep(key, found, budget)
        table = self._partial if self.partial() else self._stacks  # (side by side not all tried: not a fact)
        if found.cost < budget:
            table[key] = found
            return found
        table[key] = float(budget)
        return self.none

    def partial(self) -> bool:
        """Whether the search has made more than ``fallback.STACK_CALLS`` stacked layouts, past which
        ``fallback.stack`` and ``fallback.fits`` try stories across only, not side by side: what they work
        out then is kept apart (``_partial``), for callers past it too, not as a fact that a caller counting
        afresh (``retry``'s pass, a side searched again, ``avoid``) would trust."""
        return self.search.stacks > fallback.STACK_CALLS

    def spent(self) -> bool:
        """Whether the search's limit of stacked layouts is spent (``fallback.stack`` makes none)."""
        return self.search.stacks > self.search.stack_limit

    def found(self, key: tuple[int, int, int, int, tuple[int, ...], bool], budget: float) -> Solution:
        """The layout of ``key``'s rectangle and stories found while the limit was spent (``unproven``) if it
        costs less than ``budget``, else ``NONE``: what ``stacked`` gives a caller past the limit."""
        known = self.unproven.get(key)
        return known if known is not None and known.cost < budget else self.none

    def keep(self, key: tuple[int, int, int, int, tuple[int, ...], bool], found: Solution, budget: float) -> Solution:
        """``found`` (stacked while the limit ran out: a layout, not the best, or ``NONE`` for none made) kept
        as ``unproven`` when it is a layout cheaper than the one kept; ``found`` if it costs less than ``budget``
        (what was found before, ``found``, when it does not)."""
        if found.cost < INF and found.cost < self.unproven.get(key, self.none).cost:
            self.unproven[key] = found
        return found if found.cost < budget else self.found(key, budget)

    def fits(self, column: int, span: int, line: int, lines: int, ids: tuple[int, ...], nohead: bool) -> bool:
        """Whether ``stacked`` finds a layout at any cost (``fallback.fits``), worked out once; a no worked
        out past the limit (``fallback.fits`` then says no) is not kept, one past ``STACK_CALLS`` only for
        callers past it too (``partial``)."""
        key = (column, span, line, lines, ids, nohead)
        known = self._fits.get(key)
        if known is None and self.partial():
            known = self._fits_partial.get(key)
        if known is None:
            exact = not isinstance(self._stacks.get(key, 0.0), float) or key in self.unproven or (
                not isinstance(self._partial.get(key, 0.0), float))  # (a layout found, however: it fits)
            rect = place(column, span, line, lines)
            known = exact or (
                self.search.leaf(ids[0], rect, nohead).cost < INF if len(ids) == 1 else
                fallback.fits(self, rect, ids, nohead))
            if known or len(ids) == 1:
                self._fits[key] = known
            elif not self.spent():  # (a no past ``STACK_CALLS``: not tried side by side, kept apart)
                (self._fits_partial if self.partial() else self._fits)[key] = known
        return known

    def least(self, sid: int, span: int, lines: int) -> float:
        """The least cost of story ``sid`` filling any slot of at most ``span`` columns and ``lines``
        lines (its leaf table's, without the position rules' costs, which are never negative)."""
        floors = self.floors(sid, span)
        return floors[min(lines, len(floors) - 1)]

    def least_sum(self, ids: tuple[int, ...], span: int, lines: int) -> float:
        """``least`` of each story of ``ids`` summed (in their order), worked out once for each stories,
        span and height (up to ``QUICK`` of them): the part of ``fallback.stack_floor`` that does not
        depend on the rectangle's place."""
        key = (ids, span, lines)
        known = self._sums.get(key)
        if known is None:
            known = sum(self.least(i, span, lines) for i in ids)
            if len(self._sums) < QUICK:
                self._sums[key] = known
        return known

    def floors(self, sid: int, span: int) -> list[float]:
        """``least`` of story ``sid`` at ``span`` at every height (index = lines), worked out once a
        story and span: the running minimum of its leaf table, and of the span under it."""
        known = self._least.get((sid, span))
        if known is None:
            known = list(accumulate((c[0] for c in self.search.leaf_table(sid, span, False, True)), min))
            if span > 1:
                known = [min(a, b) for a, b in zip(known, self.floors(sid, span - 1))]
            self._least[(sid, span)] = known
        return known

    def bounds(self, sid: int, width: int) -> tuple[float, float]:
        """``Search.bounds``: the least and most area (grid cells) story ``sid`` fills at about its least
        cost (at most ``cost.CHEAP`` more), at spans up to ``width`` (an estimate: it prunes shares of
        stories that cannot fill a part); from each span's costs, sorted once (``span_costs``)."""
        costs = [self.span_costs(sid, span) for span in range(1, width + 1)]
        if not any(costs):
            return INF, INF
        cheap = min(c[0][0] for c in costs if c) + CHEAP
        areas = [a for c in costs for a in areas_upto(c, cheap)]
        return min(areas) - 1, max(areas) + width

    def span_costs(self, sid: int, span: int) -> list[tuple[float, int]]:
        """(cost, area) of story ``sid`` ``span`` wide at every height it can take, cheapest first,
        worked out once."""
        key = (sid, span)
        known = self._costs.get(key)
        if known is None:
            table = self.search.leaf_table(sid, span, False, True)
            known = self._costs[key] = sorted((c[0], h * span) for h, c in enumerate(table) if c[0] < INF)
        return known

    def left_span(self, ids: tuple[int, ...], span: int) -> int:
        """``fallback.left_span``, worked out once."""
        known = self._spans.get((ids, span))
        if known is None:
            known = self._spans[(ids, span)] = fallback.left_span(self.search, ids, span)
        return known

    def fitting(self, sid: int, rect: Placement, nohead: bool, rest: tuple[int, ...]) -> list[int]:
        """``fallback.fitting``, worked out once for each of what it reads: the story, the rectangle's
        size (not its place, but whether the story's photo may go above it there), and of the other
        stories only how many they are and the least area they fill together (the sum of their
        ``Search.bounds``, whole numbers or infinite: ``Search.ranges``), not which they are; for the
        lead also the area they need under it (``room.room_need``: it reads whether any of them
        can open a side). Keyed by the stories themselves, a crowded page of 15 stories kept 450 000
        lists, most of them alike. Looked up first by the story, the rectangle's place and size and the
        other stories themselves (what the key is worked out from; the place only for the lead, whose photo
        alone it limits), up to ``QUICK`` of them: the same lists, without working out the key again."""
        quick = (sid, rect.column if self._leads[sid] else 0, rect.span, rect.lines, nohead, rest)
        known = self._quick.get(quick)
        if known is not None:
            return known
        lead = bool(rest) and self.search.stories[sid].lead
        key = (sid, rect.span, rect.lines, nohead, self.search._above_ok(sid, rect), len(rest),
               self.search.ranges(rest, rect.span)[0] if rest else 0.0,
               self.room_need(rest, rect.span) if lead else 0.0)
        known = self._heights.get(key)
        if known is None:
            known = self._heights[key] = fallback.fitting(self.search, sid, rect, nohead, rest)
        if len(self._quick) < QUICK:
            self._quick[quick] = known
        return known

    def openers(self, rect: Placement, ids: tuple[int, ...], nohead: bool) -> tuple[tuple[int, int, bool], ...]:
        """``rules.openers``, worked out once for each stories, ``nohead`` and span (all it reads of ``rect``)."""
        key = (ids, nohead, rect.span)
        known = self._opens.get(key)
        if known is None:
            known = self._opens[key] = tuple(rules.openers(self.search, rect, ids, nohead))
        return known

    def opening(self, ids: tuple[int, ...], span: int, nohead: bool) -> tuple[int, ...]:
        """``fallback.opening``, worked out once for each stories and span under ``nohead`` (else ``ids``)."""
        if not nohead:
            return ids
        known = self.pure.openings.get((ids, span))
        if known is None:
            known = self.pure.openings[ids, span] = fallback.opening(self.search, ids, span, True)
        return known

    def room_need(self, rest: tuple[int, ...], span: int) -> float:
        """``room.room_need``, worked out once for each set of stories and span."""
        key = (rest, span)
        known = self._needs.get(key)
        if known is None:
            known = self._needs[key] = room.room_need(self.search, rest, span)
        return known


class Pure:
    """What a page's searches of the same stories share (``fallback.wider``'s and ``fallback.goal``'s
    second searches, the alternatives'): the values that depend on the page, its fixed blocks and the
    stories alone, not on a search's passes, budgets, limits, banned places or prices; worked out by
    the first of them (``search``, its ``tables``) and kept by the page's ``Measurer``
    (``Measurer.searched``). Each is what its search's own would give: a story's leaf table
    (``leaves.table``), variants (``leaves.choices``), the photo's heights, the areas it fills
    (``Tables.bounds``) and least costs (``Tables.floors``), the rectangles' bounds, area matches (``guess``) and
    fixed blocks."""

    def __init__(self, search: Search, tables: Tables) -> None:
        from layout.makeup import leaves

        self.stories = tuple(search.stories)  # held, so that the ids keying it stay theirs (``serves``)
        self.owner, self.flags = search, (search.wrap_all, search.shapes)  # (``serves``)
        self.leaf_table = lru_cache(maxsize=None)(search._leaf_table)
        self.ranges = lru_cache(maxsize=None)(search._ranges)
        self.free_bound = lru_cache(maxsize=None)(search._free_bound)
        self.guess = lru_cache(maxsize=None)(search._guess)  # (``Search.guess``: how cuts' areas match)
        self.bounds = lru_cache(maxsize=None)(tables.bounds)
        self.heights = lru_cache(maxsize=None)(search._heights)
        self.choices = lru_cache(maxsize=None)(partial(leaves.choices, search))
        self.filled = lru_cache(maxsize=None)(partial(leaves.filled, search))
        self.wraps = lru_cache(maxsize=None)(partial(leaves.wraps, search))
        self.inside = lru_cache(maxsize=None)(search._inside)
        self.nowhere = lru_cache(maxsize=None)(partial(fallback.nowhere, search))
        self.ideals: dict[tuple[int, int], float] = {}  # (story index, span): ``leaves.ideal_lines``
        self.slots: dict[tuple[int, int], list[tuple[int, float]]] = {}  # the same: ``leaves.photo_heights``
        self.least: dict[tuple[int, int], list[float]] = {}  # (story, span): ``Tables.least`` by height
        self.costs: dict[tuple[int, int], list[tuple[float, int]]] = {}  # ``Tables.span_costs``
        self.sums: dict[tuple[tuple[int, ...], int, int], float] = {}  # ``Tables.least_sum``
        self.rows: dict[tuple[tuple[int, ...], int], list[float]] = {}  # ``row``
        self.openings: dict[tuple[tuple[int, ...], int], tuple[int, ...]] = {}  # ``Tables.opening``
        self.shared: dict[tuple[int, ...], list[tuple[tuple[int, ...], tuple[int, ...]]]] = {}  # ``splits``
        self.ways = 0  # (the ways ``shared`` keeps)
        self.insides: dict[tuple[int, int, int, int], list[Placement]] = {}  # ``inside`` by the rectangle's numbers
        self.leaves: dict[tuple[frozenset[tuple[int, int]], bool], dict[tuple[int, int, int, int, int, bool],
                                                                       Solution]] = {}  # ``Tables.adopt``

    def serves(self, search: Search) -> bool:
        """Whether ``search``'s stories are the very objects this was worked out for (the page's
        ``searched`` keys it by their ``id()``s, which a new object may take once an old one is gone), and
        the search it was worked out by still prices as it did: its functions read that search's flags
        (``wrap_all``, ``shapes``) as they are when called, and ``Search.reset`` changes them in place (made
        again weighing shapes, a page's first search left its tables to the alternatives, which then read the
        prices it weighed: a cached make-up's alternative differed from one searched afresh, band plan 624)."""
        return (self.owner.wrap_all, self.owner.shapes) == self.flags and len(self.stories) == len(
            search.stories) and all(a is b for a, b in zip(self.stories, search.stories))

    def row(self, ids: tuple[int, ...], lines: int, span: int) -> list[float]:
        """``Search.free_bound`` of stories ``ids`` in a rectangle ``lines`` deep at each span under
        ``span`` (index = span; 0 unused), looked up once for all the spans a cut down tries."""
        key = (ids, lines)
        known = self.rows.get(key)
        if known is None or len(known) < span:
            bound = self.free_bound
            known = self.rows[key] = [INF, *(bound(ids, k, lines) for k in range(1, span))]
        return known

    def splits(self, ids: tuple[int, ...], shares: Callable[[tuple[int, ...], int], Iterable[tuple[int, ...]]]
               ) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        """The ways ``Search._down`` shares stories ``ids`` between a cut's left side (the first and the
        others of each of ``shares``) and its right (the rest), in that order, worked out once for each
        (up to ``QUICK`` ways in all: a crowded page's many)."""
        known = self.shared.get(ids)
        if known is None:
            first, others = ids[0], ids[1:]
            known = [((first, *picked), tuple(i for i in others if i not in picked))
                     for picked in shares(others, len(others) - 1)]
            if self.ways < QUICK:
                self.shared[ids], self.ways = known, self.ways + len(known)
        return known


def areas_upto(costs: list[tuple[float, int]], cheap: float) -> Iterator[int]:
    """The areas of ``costs`` (cheapest first) that cost ``cheap`` or less."""
    for c, a in costs:
        if c > cheap:
            return
        yield a
