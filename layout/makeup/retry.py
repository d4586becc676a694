"""A last search pass for a page the bounded search left poor: the first cuts, each searched afresh.

In:  a ``Search`` (``layout.makeup.search``) whose passes were cut short at their limit of
     rectangles, and the best layout they found.
Out: a better layout, when one is found, else the same.

Why: the search's limit of rectangles is shared by the whole page, so the first cuts it tries (the
lead across the top, then eight stories in the rest) use it up, and every later way of sharing the
stories between the two sides of the first cut down is only stacked. On a crowded page that gives a
column of full-width strips, or overset copy, where a page of the same stories that fits exists
(held-out plans 301 and 308: a lead of half the page over three stories, the others beside it,
costing 19 and 8 where the passes' layouts cost 258 and 120; plan 300 250 instead of 382). So when
the page the passes found has text overset, 撞题, or more than one empty line a body column, this pass
takes the first cut of the free area once more, every way (the lead across the top at its cheapest
heights; each other story across the foot at its own, the others above it, ``_feet``; each share
of the stories between the sides of a cut down, in order of how well their areas match the sides',
but not one whose side beside the lead's headline has no story that can open it),
and searches each cut's parts afresh with a small limit of their own (``PER_CUT``; the stories under
the lead across the top ``PER_CUT`` for each past three), up to ``TOTAL`` rectangles and
``STACKS`` stacked layouts in all (a part stops stacking at that limit too, and both limits are
looked at before each part, so a crowded page's retry stays bounded). Deterministic: the same order,
the same limits. It runs only where the free area is one rectangle (fixed blocks across its top or
foot). A page whose only fault is a strip, with no first cut down left to try (on every side beside
the lead's headline no story can open it, or the areas' bound rules the cut out), has only the lead
across the top left, at other heights, which shares no story afresh: its strips are then its short
copy's, not the limit's, and only the most promising of those cuts is searched (``faults``; the
eight-story test plan: the same layout as with all four, a quarter of the retry's search). A page
whose only fault is a strip is searched with ``TOTAL // STRIPS_SHARE`` rectangles in all.
While the best layout the pass has found is not poor (no overset, 撞题 or strip, at most one empty
line a column), it starts a next cut only until it has searched ``CALM`` rectangles past the cut
that found that layout (the cut under way is finished, both its parts): on a page whose copy fits,
the layouts found after it is mended are a few empty lines apart, and searching to the limit cost
more than the rest of the page's make-up (held-out plan 16, eight stories: mended within its first
301 rectangles, its best by 1,820, nothing better in the 10,400 after them, 0.5 s of processor
time). While its best is poor (copy overset) it searches to its limit, where late cuts still take
whole stories' lines out of the overset (held-out near-full pages: better layouts found past 7,000
rectangles).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout.issue.model import Placement

if TYPE_CHECKING:
    from layout.makeup.search import Search, Solution

Part = tuple[Placement, tuple[int, ...], bool]  # a part of a first cut: rectangle, stories, nohead

PER_CUT = 300  # rectangles each part of a first cut is searched in, afresh
TOTAL = 12_000  # rectangles the pass searches at most over all its cuts (about as many as the passes before it)
STACKS = 20_000  # stacked layouts the pass makes at most (``fallback.STACK_CALLS``: side by side all along)
CALM = 2000  # while the best layout is not poor: rectangles past the cut that found it, then no next cut
STRIPS_SHARE = 4  # a page whose only fault is a strip is searched again with a quarter of TOTAL: a 16-page
# section spent half its time there (11 of 16 pages), for layouts a few strips better at most


def poor(search: Search, solution: Solution) -> bool:
    """Whether the layout has body text overset, 撞题, more than one empty body line a column on
    average (by the variants' own numbers), or a strip (``checks._strip``: body text fewer than
    ``MIN_DEPTH`` lines deep across three or more columns; held-out plan 704 stacked five stories
    across six columns, two of them strips, and searched again has none): a page the issue's checks
    would not pass, or a designer would not draw."""
    other, strips = faults(search, solution)
    return other or strips


def faults(search: Search, solution: Solution) -> tuple[bool, bool]:
    """(whether the layout has body text overset, 撞题 or more than one empty body line a column,
    whether it has a strip): ``poor``'s two halves."""
    from layout.makeup.advice import piece_fit
    from layout.makeup.checks import _strip, collisions

    pieces = search.pieces(solution)
    over = empty = columns = 0
    for p in pieces:
        if p.variant is not None:  # (a story with its photo wrapped inside it counted too: held-out eight, 1.5)
            o, e = piece_fit(p, pieces)
            over, empty, columns = over + o, empty + e, columns + p.variant.columns
    strips = any(_strip(p, pieces) for p in pieces if p.variant is not None)
    return over > 0 or empty > columns or bool(collisions(pieces)), strips


def free_rect(search: Search) -> Placement | None:
    """The free area (the page less its fixed blocks) when it is one rectangle, else None."""
    from layout.makeup.fallback import free_cells

    first, last = search.free_columns
    end = search.top
    while end <= search.lines and not search.inside(Placement(first, last - first + 1, end, 1)):
        end += 1
    rect = Placement(first, last - first + 1, search.top, end - search.top)
    return rect if rect.lines > 0 and rect.span * rect.lines == free_cells(search) else None


def retry(search: Search, best: Solution) -> Solution:
    """The best of ``best`` and the layouts found by searching each first cut afresh (module docstring)."""
    from layout.makeup.rules import can_open
    from layout.makeup.search import _shares

    rect = free_rect(search)
    if rect is None or len(search.stories) < 3:
        return best
    ids = tuple(range(len(search.stories)))

    first, others = ids[0], ids[1:]
    cuts: list[tuple[float, int, tuple[Placement, tuple[int, ...], bool], tuple[Placement, tuple[int, ...], bool]]] = []
    for h in search.fitting(first, rect, False, others):  # the lead across the top
        top = Placement(rect.column, rect.span, rect.line, h)
        below = Placement(rect.column, rect.span, rect.line + h, rect.lines - h)
        order = search.guess((first,), rect.span, h) + search.guess(others, rect.span, rect.lines - h)
        cuts.append((order, len(cuts), (top, (first,), False), (below, others, False)))
    strips_only = not faults(search, best)[0]
    if not strips_only:  # a story across the foot (``_feet``): for a hole or overset, not for strips
        cuts += _feet(search, rect, ids, best.cost, len(cuts))
    for picked in _shares(others, len(others) - 1):  # the first cut down, each share of the stories
        left = (first, *picked)
        right = tuple(i for i in others if i not in picked)
        for k in range(1, rect.span):
            if not any(can_open(search, i, rect.span - k) for i in right):
                continue  # the right side, beside the lead's headline, has no story to open it: no layout
            a = Placement(rect.column, k, rect.line, rect.lines)
            b = Placement(rect.column + k, rect.span - k, rect.line, rect.lines)
            if search.free_bound(left, k, rect.lines) + search.free_bound(right, rect.span - k, rect.lines) < best.cost:
                order = search.guess(left, k, rect.lines) + search.guess(right, rect.span - k, rect.lines)
                cuts.append((order, len(cuts), (a, left, False),
                             (b, right, True)))  # (the lead's headline at the top left: none beside it)
    if strips_only and not any(two[2] for *_, two in cuts):
        cuts = sorted(cuts)[:1]  # strips only, and no cut down to share the stories afresh: one cut (module docstring)
    total = TOTAL // STRIPS_SHARE if strips_only else TOTAL
    made, limit = search.stacks, search.stack_limit
    search.stacks, search.stack_limit = 0, STACKS  # (its own stacked layouts, counted afresh)
    try:
        return _searched(search, sorted(cuts), best, total, rect.span, len(others))
    finally:  # (the page's count and limit put back however the pass ends)
        search.memo.clear()
        search.stacks, search.stack_limit = search.stacks + made, limit


def _searched(search: Search, cuts: list[tuple[float, int, Part, Part]], best: Solution, total: int,
              span: int, others: int) -> Solution:
    """``best``, or a better layout: each of ``cuts`` (in order) searched afresh, both its parts, until ``total``
    rectangles or ``STACKS`` stacked layouts are spent, or, while the best layout is not poor, ``CALM``
    rectangles past the cut that found it (looked at before each cut); ``span``: the free area's, ``others``:
    its stories but the first (a cut whose first part is one story across the free area searches the rest,
    all the other stories, with ``PER_CUT`` for each past three)."""
    from layout.makeup import avoid
    from layout.makeup.solution import better

    used, sound_at = 0, -1  # sound_at: rectangles used when a better layout not poor was found (-1: none)
    for _, _, one_part, two_part in cuts:
        if used > total or search.stacks > STACKS or 0 <= sound_at < used - CALM:
            break
        one, spent = _fresh(search, one_part, best.cost, PER_CUT)
        used += spent
        if one.cost >= best.cost or used > total or search.stacks > STACKS:
            continue
        wide = len(one_part[1]) == 1 and one_part[0].span == span  # one story across (the lead over the
        # others, or one at the foot under them): all the other stories in the rest, a larger limit
        two, spent = _fresh(search, two_part, best.cost - one.cost, PER_CUT * max(1, others - 3) if wide else PER_CUT)
        used += spent
        found = better(best, avoid.better_join(search, one, two, one_part, two_part,
                                               best.cost))  # (撞题 stepped round)
        if found is not best:
            sound_at = -1 if poor(search, found) else used  # (``CALM``)
        best = found
    return best


def _feet(search: Search, rect: Placement, ids: tuple[int, ...], budget: float,
          start: int) -> list[tuple[float, int, Part, Part]]:
    """The first cuts across the foot of the free area ``rect``: each story but the lead across the foot at
    its cheapest heights (``Search.fitting``), the others above it, each cut under ``budget`` by the areas'
    bound, with ``retry``'s order (how well the areas match) and its number from ``start``. The passes
    before reach these only past their limit: on review P's six-story page (p10) the 评论 stood in a
    2-column slot 16 lines longer than its text where its last story across the foot fills the page.
    Only for a page with a hole or overset (not strips only: on the review's 16-page section, pages 4
    and 7 whose only fault was a strip then stacked six shallow stories one under another, not four
    and five)."""
    out: list[tuple[float, int, Part, Part]] = []
    for sid in ids[1:]:
        rest = tuple(i for i in ids if i != sid)
        for h in search.fitting(sid, rect, False, rest):
            foot = Placement(rect.column, rect.span, rect.end_line - h, h)
            above = Placement(rect.column, rect.span, rect.line, rect.lines - h)
            if search.free_bound((sid,), rect.span, h) + search.free_bound(rest, rect.span, rect.lines - h) >= budget:
                continue
            order = search.guess((sid,), rect.span, h) + search.guess(rest, rect.span, rect.lines - h)
            out.append((order, start + len(out), (foot, (sid,), False), (above, rest, False)))
    return out


def _fresh(search: Search, part: tuple[Placement, tuple[int, ...], bool], budget: float,
           limit: int) -> tuple[Solution, int]:
    """``part`` (rectangle, stories, nohead) searched with a limit of its own (``limit`` rectangles) and an
    empty memo (a part stacked past an earlier limit is not taken as its best), and the rectangles it
    searched."""
    search.memo.clear()
    search.nodes, search.limit = 0, limit
    found = search.solve(*part, budget)
    return found, min(search.nodes, search.limit)
