"""The make-up search's fallbacks: what it does when the plain search finds nothing good.

In:  a ``Search`` (``layout.makeup.search``) and a rectangle or story.
Out: a layout found without searching (stories stacked, each at its best height or its share of
     the rectangle when the copy is longer than the page); a leaf for a story whose photo fits
     nowhere as the plan asks (placed beside or above at any size, at a rule's cost); and, when
     no layout places every story, the words naming them (``Unplaceable``).
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING
from weakref import WeakSet

from layout.issue.model import Placement
from layout.makeup import ahead, leaves, opened, reach
from layout.makeup.cost import FEW, FEW_HEIGHTS, HEIGHTS, PHOTO, PHOTO_STRETCH, PLAIN, RULE, Limits
from layout.makeup.room import BETWEEN, between, leave_room
from layout.makeup.rules import can_open
from layout.makeup.solution import NONE, better, clashes, join

if TYPE_CHECKING:
    from layout.makeup.measure import Measurer
    from layout.makeup.search import Option, Search
    from layout.makeup.solution import Solution
    from layout.makeup.tables import Tables

INF = float("inf")
STACK_CALLS = 50_000  # stacked layouts a search makes with side-by-side tries; past it, stacked across only,
# and past four times as many none (a crowded page of 16 stories made two million of them, 40 s, before it was
# refused; the test plans make at most about 20 000)
LAST_STACKS = 20_000  # stacked layouts each of ``last``'s tries may make past those the search has made (across
# only, past ``STACK_CALLS``): a crowded page's passes spend the limit, and its last tries then stacked nothing


class Unplaceable(Exception):
    """No layout places every story of a page: the message names them and what to change."""


def unplaceable(search: Search) -> str:
    """Why no layout places every story: the stories that fit nowhere in the free area (at their spans,
    no wider than its widest run of free columns), or, when each fits alone, the stories to move or drop
    (the lowest in priority, as many as the free area's cells fall short of the stories' least areas,
    at least one). When their least areas do fit, the message says so (not that the copy is too long:
    review V F1 told a desk to cut copy from a 60 %-empty page)."""
    width, tall = widest_free(search)
    lost = [s for i, s in enumerate(search.stories) if not least_area(search, i, width, tall)]
    if lost:
        return "; ".join(f"{s.id}: fits nowhere on the page (its span {s.min_span}–{s.max_span}"
                         + (", its photo" if s.photo else "") + f"; the free area is {width} columns wide and "
                         f"{tall} lines deep at most): change its span or photo, or move it" for s in lost)
    least = [least_area(search, i, width, tall) for i in range(len(search.stories))]
    room, kept = free_cells(search), 0
    while kept < len(least) and sum(least[:kept + 1]) <= room:
        kept += 1
    drop = search.stories[min(kept, len(least) - 1):][::-1]
    why = ("are more than the search can place on one page within its limit"
           if search.stacks > 4 * STACK_CALLS else "do not all fit the free area as separate stories"
           if kept < len(least) else "fit the free area by their copy, but no layout found places them all by "
           "their spans and photos (a narrow story has no side to stand on)")
    return (f"{len(search.stories)} stories {why}: move to another page or drop "
            + (f"{drop[0].id}" if len(drop) == 1 else f"{len(drop)} of them, the lowest in priority: "
               + ", ".join(s.id for s in drop)))


CLASHED: WeakSet[Measurer] = WeakSet()  # pages (by their measurer) whose own layout came from ``clashing``


def last(search: Search, page: Placement, ids: tuple[int, ...]) -> Solution:
    """The search's last tries when its passes found no layout within their limits: every rectangle
    of stories stacked (no limit of rectangles: ``stack``), then ``clashing``: for the page itself, and
    for an alternative (``Search.banned``) only when the page's own layout came from it (``CLASHED``):
    a page whose every layout has a 撞题 (review Y's y1) had no alternative at all, and ``--alternatives``
    said no other shape of the lead made a page where one did; a page laid out without 撞题 is offered
    no alternative with one. Each try may stack ``LAST_STACKS`` more layouts than the search has made
    (``allow``), so a page whose passes spent the limit is made (overset, the checks say so), not refused
    for it; the limit is put back after."""
    limit = search.stack_limit
    try:
        allow(search)
        search.memo.clear()
        search.nodes, search.limit = 0, 0
        best = search.solve(page, ids, False)
        return clashing(search, page, ids) if best.cost == INF and (not search.banned or search.m in CLASHED) else best
    finally:
        search.stack_limit = limit


def allow(search: Search) -> None:
    """Let ``search`` stack ``LAST_STACKS`` layouts more than it has (its limit raised to that, never
    lowered: a page whose last tries stay within the limit is made as before)."""
    search.stack_limit = max(search.stack_limit, search.stacks + LAST_STACKS)


def sides(search: Search, nohead: bool) -> tuple[tuple[bool, bool], ...]:
    """The (left, right) ``nohead`` pairs a cut down tries (``Search._cut_down``): under ``nohead`` both
    sides stand beside a neighbour's headline; else one side opens without a headline, whichever, and,
    in ``clashing``'s pass only, both with one (撞题, priced where the sides are joined)."""
    if nohead:
        return ((True, True),)
    return ((False, True), (True, False), (False, False)) if search.clash_ok else ((False, True), (True, False))


def clashing(search: Search, page: Placement, ids: tuple[int, ...]) -> Solution:
    """The last pass of a search that found no layout at all: the same search once more (its plain
    and ordered passes' limits of rectangles, the stories stacked past them) with cuts down whose two
    sides both open with a headline (``Search.clash_ok``), each 撞题 at ``Limits.collide``'s cost. A story
    narrower than the page's other stories can take (``max_span`` 1–3: a 评论 box) and no other
    that can open a side without a headline has nowhere else: across any rectangle it is too narrow,
    beside the lead (or any story) only with both headlines at the top. So such a page is made, the
    narrow story beside the others, and the checks report the 撞题 (review V F1: a 60 %-empty page was
    refused as overfull). Pages with a layout without it never come here, so they are unchanged."""
    from layout.makeup.search import FIRST_NODES

    search.clash_ok, best = True, NONE
    CLASHED.add(search.m)
    for ordered, limit in ((False, FIRST_NODES), (True, search.limits.nodes)):
        allow(search)  # (each pass its own stacked layouts past the limit: ``last``)
        search.memo.clear()
        search.nodes, search.ordered, search.limit = 0, ordered, limit
        found = search.solve(page, ids, False, best.cost)
        best = found if found.cost < best.cost else best
    search.memo.clear()
    return best


def _free(search: Search, c: int, ln: int) -> bool:
    """Whether the grid cell at base column ``c``, line ``ln`` is outside every fixed block."""
    return not any(f.column <= c <= f.last_column and f.line <= ln < f.end_line for f in search.fixed)


def widest_free(search: Search) -> tuple[int, int]:
    """The widest run of base columns that fixed blocks do not cover from top to foot, and the
    deepest run of free lines in any column."""
    wide = deep = run = 0
    for c in range(1, search.columns + 1):
        run = run + 1 if any(_free(search, c, ln) for ln in range(1, search.lines + 1)) else 0
        wide, down = max(wide, run), 0
        for ln in range(1, search.lines + 1):
            down = down + 1 if _free(search, c, ln) else 0
            deep = max(deep, down)
    return wide, deep


def free_cells(search: Search) -> int:
    """Grid cells (lines × base columns) of the page no fixed block covers."""
    return sum(1 for c in range(1, search.columns + 1) for ln in range(1, search.lines + 1) if _free(search, c, ln))


def least_area(search: Search, sid: int, width: int, tall: int) -> int:
    """The fewest grid cells story ``sid`` takes in any slot it can fill (overset or not), at spans up
    to ``width`` and heights up to ``tall``; 0 where it can fill none."""
    return min((h * span for span in range(1, width + 1)
                for h, c in enumerate(search.leaf_table(sid, span, False, True)[:tall + 1]) if c[0] < INF), default=0)


def stack(tables: Tables, rect: Placement, ids: tuple[int, ...], nohead: bool, budget: float = INF) -> Solution:
    """A layout found without searching: the stories one under another across ``rect`` in
    priority order (each at its best height, or at its share of ``rect`` when the copy is longer
    than it, the last taking what is left), or side by side (the first story left, as wide as its
    share of the area, the rest to its right, its top starting with a photo), whichever costs less;
    ``NONE`` when that costs ``budget`` or more (the parts are then stacked only under what is left of
    it: the same layout, found with fewer parts made). Under ``nohead`` the first is the first story
    that can open ``rect`` without a headline (``opening``). ``tables``: the search's
    (``layout.makeup.tables``), where the parts' layouts are kept."""
    search = tables.search
    if len(ids) == 1:
        return search.leaf(ids[0], rect, nohead)
    search.stacks += 1
    if search.stacks > search.stack_limit:
        return NONE
    column, span, line, lines = rect.column, rect.span, rect.line, rect.lines
    ids = tables.opening(ids, span, nohead)
    best, first, others, known = NONE, ids[0], ids[1:], tables._leaves.get  # (``tables.leaf_at``, looked up)
    for h in tables.fitting(first, rect, nohead, others):  # across: the first height whose rest fits
        one = known((first, column, span, line, h, nohead)) or tables.leaf_at(first, column, span, line, h, nohead)
        if one.cost == INF:
            continue
        rest = tables.stacked_at(column, span, line + h, lines - h, others, False, budget - one.cost)
        if rest.cost < INF:
            best = join(one, rest)
            break
        if tables.fits(column, span, line + h, lines - h, others, False):
            break  # (it fits, at the budget or more)
    k = tables.left_span(ids, span)
    if k and search.stacks <= STACK_CALLS:
        for left_head in (False,) if nohead else (False, True):  # (under ``nohead`` both tries are the same)
            one = tables.leaf_at(first, column, k, line, lines, nohead or left_head)
            if one.cost >= min(budget, best.cost):
                continue
            two = tables.stacked_at(column + k, span - k, line, lines, others, nohead or not left_head,
                                    min(budget, best.cost) - one.cost)
            best = better(best, join(one, two, search.limits.collide * clashes(one, two)))
    return best if best.cost < budget else NONE


def opening(search: Search, ids: tuple[int, ...], span: int, nohead: bool) -> tuple[int, ...]:
    """``ids`` in the order ``stack`` takes them: under ``nohead``, when the first in priority cannot open
    a rectangle ``span`` columns wide without a headline (``rules.can_open``), the first story that can
    is put first (the others keep their order); otherwise ``ids`` as given."""
    if nohead and not can_open(search, ids[0], span):
        return next(((i, *(j for j in ids if j != i)) for i in ids if can_open(search, i, span)), ids)
    return ids


def fits(tables: Tables, rect: Placement, ids: tuple[int, ...], nohead: bool) -> bool:
    """Whether ``stack`` finds a layout of ``ids`` in ``rect`` at any cost (the ways it tries, without
    costing them)."""
    search = tables.search
    column, span, line, lines = rect.column, rect.span, rect.line, rect.lines
    first, others = (ids := tables.opening(ids, span, nohead))[0], ids[1:]
    if search.stacks > search.stack_limit:
        return False
    known = tables._leaves.get  # (``tables.leaf_at``, looked up)
    for h in tables.fitting(first, rect, nohead, others):
        if (known((first, column, span, line, h, nohead)) or tables.leaf_at(first, column, span, line, h, nohead)
                ).cost < INF and tables.fits(column, span, line + h, lines - h, others, False):
            return True
    k = tables.left_span(ids, span)
    return bool(k) and search.stacks <= STACK_CALLS and any(
        tables.leaf_at(first, column, k, line, lines, nohead or left_head).cost < INF
        and tables.fits(column + k, span - k, line, lines, others, nohead or not left_head)
        for left_head in ((False,) if nohead else (False, True)))


def stack_floor(tables: Tables, rect: Placement, ids: tuple[int, ...], nohead: bool) -> float:
    """A lower bound of ``stack``'s cost, cheap to work out (so that a search past its limit stacks only
    the rectangles whose stacked layout could beat its budget): the least the first story costs in the
    slots ``stack`` tries for it (across at its ``fitting`` heights, or left at ``left_span``), plus each
    other story's least cost in any slot within ``rect`` (``Tables.least``). A layout's cost is its
    leaves' costs and 撞题's, none negative; a leaf's position rules add to its table's cost, and a
    leaf under ``nohead`` or without its photo above has fewer ways to fill its slot, so none costs less."""
    ids = tables.opening(ids, rect.span, nohead)  # (the first ``stack`` takes)
    first, others = ids[0], ids[1:]
    column, span, line, lines = rect.column, rect.span, rect.line, rect.lines
    low, known = INF, tables._leaves.get  # (``tables.leaf_at``, looked up: the least, as ``min`` gives it)
    for h in tables.fitting(first, rect, nohead, others):
        cost = (known((first, column, span, line, h, nohead)) or tables.leaf_at(first, column, span, line, h,
                                                                                nohead)).cost
        if cost < low:
            low = cost
    k = tables.left_span(ids, span)
    if k:
        low = min(low, tables.leaf_at(first, column, k, line, lines, nohead).cost)
    return low + tables.least_sum(others, span, lines)


def left_span(search: Search, ids: tuple[int, ...], span: int) -> int:
    """The span ``stack`` gives the first of ``ids`` side by side with the rest across ``span``
    columns (its share by the areas the stories fill at about their least cost), 0 for none."""
    areas = [sum(search.bounds(i, span)) / 2 for i in ids]
    if span < 2 or INF in areas:
        return 0
    return min(span - 1, max(1, round(span * areas[0] / sum(areas))))


def fitting(search: Search, sid: int, rect: Placement, nohead: bool, rest: tuple[int, ...]) -> list[int]:
    """The heights to try for story ``sid`` across the top or foot of ``rect``, leaving room below:
    its cheapest heights that are shorter than ``rect`` (for the lead, also its cheapest height that
    leaves the others their least area, when none of those does: ``room.leave_room``, and
    ``room.BETWEEN`` heights between that one and its cheapest: ``room.between``), or, when none is
    (the stories are too long for it), its share of ``rect`` by the areas the stories fill (so an
    overset page still places them all)."""
    count = WIDE_HEIGHTS if search in WIDE else FEW_HEIGHTS if len(rest) < FEW else HEIGHTS  # more heights where few
    # stories share the rectangle, or in ``wider``'s second search
    out = [h for h in search.heights(sid, rect.span, nohead, search._above_ok(sid, rect), count) if h < rect.lines]
    if rest and search.stories[sid].lead and (room := leave_room(search, sid, rect, nohead, rest, out)) \
            and room not in out:
        out.extend([room, *(h for h in between(room, min(out, default=rect.lines), BETWEEN) if h not in out)])
    if out:
        return out
    areas = [search.bounds(i, rect.span)[0] for i in (sid, *rest)]
    if INF not in areas and sum(areas) > 0:
        share = max(2, min(rect.lines - 2 * len(rest), round(rect.lines * areas[0] / sum(areas))))
        if 2 <= share < rect.lines and share not in out:
            out.append(share)
    return out


def nowhere(search: Search, sid: int) -> bool:
    """Whether story ``sid``'s photo fits nowhere as the plan asks (too tall above, too far off its
    aspect beside, at every span and height of the page)."""
    lead, (first, last) = search.stories[sid].lead, search.free_columns
    return all(search._leaf(sid, span, h, False, not lead or span >= last - first + 1, False)[0] == INF
               for span in range(1, search.columns + 1) for h in range(search.lines + 1))


def forced_leaf(search: Search, sid: int, span: int, lines: int, nohead: bool, may_above: bool,
                crop_any: bool) -> tuple[float, Option | None]:
    """``_leaf`` for a story whose photo fits only badly (costing more than a rule) or nowhere as the
    plan asks: the photo beside the story (as tall as it, any width) or above it (up to half the
    slot) in its own shape (within ``PHOTO_STRETCH``), or, when it fits nowhere (``crop_any``), in
    any shape, cropped by ``fit: cover``: at a rule's cost, more by the share of the picture cropped
    away and its distance from its picture's aspect; the checks report it."""
    story = search.stories[sid]
    best: tuple[float, Option | None] = (INF, None)
    spans = range(story.min_span, story.max_span + 1)
    tries = [(0, w) for w in range(1, span) if span - w in spans and not nohead]
    if may_above and span in spans:
        tries += [(p, 0) for p in range(4, lines // 2 + 1)]
    for p, w in tries:
        if (p or lines) < 4:  # a photo slot of 4 lines at least
            continue
        ideal, stamped = leaves.ideal_lines(search, story, w or span), leaves.stamp(search, story, w or span)
        for v, drop, fills in search.filled(sid, span - w):  # (``leaves.filled``: ``fill`` by height)
            slot = p or lines
            crop = 1 - min(slot / ideal, ideal / slot)  # the share of the picture cropped away
            if crop > PHOTO_STRETCH and not crop_any:
                break
            total = RULE * (1 + crop) + fills[lines - p] + drop + PHOTO * abs(slot - ideal) + stamped
            if total < best[0]:
                best = (total, (v, p, w))
    return best


GOAL = 1.0  # the fill goal (issue 18): at most this many empty body lines a column on average, nothing overset


def page_fill(search: Search, solution: Solution) -> tuple[int, int, int]:
    """(overset lines, empty lines, body columns) of ``solution``'s stories as the render sets them, an
    estimate from their variants: a plain slot less its head, body and padding, the head's air
    (``MAX_HEAD_AIR`` at most) not counted; a photo under its head taking its lines and two empty
    ones from the columns it covers (the head then one line of air at most); an L's cells less its
    corner's (``ell.fit``)."""
    from layout.flow.article import MAX_HEAD_AIR
    from layout.makeup.ell import fit

    pieces = search.pieces(solution)
    over = empty = columns = 0
    for p in pieces:
        v = p.variant
        if v is None:
            continue
        columns += v.columns
        if p.corner is not None:
            o, e = fit(v, p.at.lines, p.corner)
            over, empty = over + o, empty + e
            continue
        room, most = v.columns * (p.at.lines - v.head_lines - v.pad), MAX_HEAD_AIR
        for w in (q.at for q in pieces if q.story is p.story and q.wrap):  # a photo under its head
            room -= -(-v.columns * w.span // p.at.span) * (w.lines + 2)
            most = 1  # (one spare line over the photo at most: ``lead.air``, ``lead.narrow_air``)
        extra = room - (v.columns * v.body_lines - v.slack)
        if extra < 0:
            over -= extra
            continue
        air = min(most, extra // v.columns) if v.head_lines and not v.pad else 0
        empty += extra - air * v.columns
    return over, empty, columns


def within_goal(search: Search, solution: Solution) -> bool:
    """Whether ``solution`` meets the fill goal: nothing overset, at most ``GOAL`` empty lines a column."""
    over, empty, columns = page_fill(search, solution)
    return not over and empty <= GOAL * max(1, columns)


def goal(search: Search, best: Solution) -> Solution:
    """``best``, or, when it is past the fill goal (``within_goal``), the best layout the search finds
    without the band price (``cost.band_price`` and ``ell.RIBBON``) if that one meets the goal: the
    band price orders layouts within the goal (a page of stacked bands against one broken up), never
    trades a full page for one with holes (review V's v6: three bands at 0.61 empty lines a column
    lost to an L at 1.20). The second search runs only for pages past the goal and not overset; its leaves are the
    first search's own (the band price is in neither's tables), so ``search.pieces`` places them."""
    from layout.makeup.cost import NO_BANDS

    if best.cost == INF or search in NO_BANDS or search in WIDE:  # (one second search at most)
        return best
    over, empty, columns = page_fill(search, best)
    if over or empty <= GOAL * max(1, columns):  # within the goal, or overset: the copy, not the bands, is
        return best  # at fault there (an overset line costs far more than a band), so no second search
    if reach.spared(search):  # no layout of the page meets the goal: none to search for (``reach``)
        return best
    again = search_again(search, NO_BANDS)
    if again.cost == INF or not within_goal(search, again):
        return best
    return again


WIDE_HEIGHTS = 8  # candidate heights a story across a rectangle in ``wider``'s second search
WIDE: WeakSet[Search] = WeakSet()  # those searches


def wider(search: Search, best: Solution) -> Solution:
    """``best``, or, when it leaves copy overset, the layout a second search trying ``WIDE_HEIGHTS``
    heights for each story across a rectangle finds, if that one costs less. The search tries a
    story's few cheapest heights (``cost.HEIGHTS``): on a page the copy only just fills, the
    layout that fits may need a story at a height none of those is (review Y1: with its 评论 free
    to take 3 columns, a page that fits when the box is held to 2 came out 40 lines overset, and
    the search ran to its end at 16 times its node limit: not a cut-short search). Pages within
    their copy are not searched twice, and the second is not taken with more 撞题; the leaves are
    placed by ``search.pieces`` as its own. A page still overset is then searched with both sides of a
    cut free to open with a headline (``layout.makeup.opened``)."""
    from layout.makeup.cost import NO_BANDS

    if best.cost == INF or search in WIDE or search in NO_BANDS or search.banned:  # (one second search at most;
        return best  # none for the alternatives' searches)
    if not page_fill(search, best)[0]:
        return best
    best = taken(search, best, search_again(search, WIDE))
    return opened.open_search(search, best)  # still overset: both sides of a cut may open with a head


def later(search: Search, best: Solution) -> Solution:
    """The steps of ``Search.finish`` (after the retry), on its layout ``best`` (unless ``wrapped.early`` took the
    page made again first): the wider search, then the open one (``wider``), the fill goal's search without
    the band price (``goal``), the stories' order (``ranks``), a 撞题 searched at its old price
    (``clashes``), the page made again with its narrow photos' wraps (``wrapped.again``)."""
    from layout.makeup import clashes, ranks, shapes, wrapped

    best = wider(search, best)
    shapes.seed(search, best, True)
    best = ranks.reorder(search, goal(search, best))
    best = clashes.fewer(search, best)  # a 撞题 left: searched at its old price too
    return wrapped.again(search, best)  # still poor: searched again with more of the photo's wraps


def search_again(search: Search, kind: WeakSet[Search], limits: Limits = PLAIN, clash_ok: bool = False) -> Solution:
    """The page searched again as ``search`` was, marked as one of ``kind`` (``cost.NO_BANDS``: no band
    price; ``WIDE``: more heights a story, no search after it), with ``Search``'s ``limits`` and
    ``clash_ok``: its best leaves (``search.pieces`` places them), cost INF when it finds none."""
    from layout.makeup.search import Search

    if (found := ahead.take(search, ("wide" if kind is WIDE else "bands", limits, clash_ok))) is not None:
        return found  # (found ahead, in a forked process: ``ahead``)
    other = Search(search.m, search.stories, search.fixed, search.banned, search.wrap_all, search.shapes)
    kind.add(other)
    other.limits, other.clash_ok = limits, clash_ok
    with suppress(Unplaceable):  # (a page the first search laid out is never refused by a second)
        other.run()
    return other.solution


def taken(search: Search, best: Solution, again: Solution) -> Solution:
    """``again`` when it costs less than ``best`` and has no more 撞题 (fewer lines overset, or a
    cheaper page, never bought with a 撞题); else ``best``."""
    from layout.makeup.checks import collisions

    if again.cost >= best.cost:
        return best
    return again if len(collisions(search.pieces(again))) <= len(collisions(search.pieces(best))) else best
