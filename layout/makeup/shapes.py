"""A page that fits with a postage-stamp photo or a ribbon searched once more, weighing them.

In:  a ``Search`` (``layout.makeup.search``) that has run its passes and second searches, and its best
     layout.
Out: that layout, or the one the same search finds made again weighing shapes (``Search.shapes``): a
     landscape photo one base column wide on a page of ``cost.STAMP_COLUMNS`` or more (``cost.stamp_price``)
     and a one-column story whose body runs more than ``cost.RIBBON`` lines (``cost.ribbon_price``); the
     search is then left so, its tables those that place the layout's leaves.

Why: an audit of 78 new plans found a designer would send back pages with a postage stamp (29; the lead's
own photo on 11) or a one-column story 40–100 lines deep (30). Priced in every search, the two took most
stamps and ribbons off pages that fit, but the bounded search found other paths on full pages (held-out
900–935 at 88–112 % of their capacity: 2 112 → 2 200 lines overset, three pages that fit or nearly came
out overset, stamps 33 → 34), and on pages that fit it traded some for strips and a 千层饼. So the page's own
search is left as it was, and a page is searched again weighing shapes only when its layout (found by its
own search, with its narrow photos' wraps or not: ``wrapped.own``) fits (nothing overset: on a page with
copy overset the desk's first need is room) and has a stamp or a ribbon. The
search made again also lets narrow photos wrap in every variant of their story where that differs
(``wrapped.differs``: a lead four columns wide with its photo two columns wide in it, where the plain
search set the lead six columns wide and its 二条 a ribbon under a stamp, held-out plan 21).

The layout found again is taken when, as the make-up's own checks read the made page
(``checks.page_findings``, its headline sizes fallen with priority as they will be written: ``sizes.fall``),
it has fewer stamps and ribbons and no more of any other broken rule (撞题, strips, 千层饼, the lead off its
place …) but a story under a less important one (``SOFT``), of which it may have one more for each rule it
mends, leaves nothing overset (``fallback.page_fill``), and at most ``fallback.GOAL`` empty lines a body
column of its own (or the first's, when more). Else the search is made again as it was, and its layout kept.
Deterministic: the same search twice. Why ``SOFT``: on new eight-story pages the layout found again took the
postage stamps, ribbons and strips off the page and set one story a rank out of order, and was refused for
it (two stamps kept; a stamp, a ribbon and two strips kept), where a designer would take it.
Asked of the page's first search once it has run (``finish``, from ``pages.search_page``), not inside
``Search.run``: no second search of the page (the wraps', a wider one, one weighing shapes) asks it. Where the
passes' layout already fits with a stamp or a ribbon, the search made again starts ahead in a forked process
beside the retry (``ahead.SHAPES``, ``remade``): the same search, so the same layout.

The search made again has a ceiling (``Search.ceiling``): a layout of the page's own first search priced as
it prices, its stamps and ribbons charged (``ceiling``). That is the budget of its first pass and caps its
other passes, and when they find no layout under it the search ends there, none found (refused): no retry,
no wider search. The layout priced is the first of the first search's passes', retry's and wider search's
layouts that fits with a stamp or a ribbon (``seed``): the first two are where ``ahead`` forks the search
weighing shapes, and the first search always runs in this process, so the ceiling, and the layout found, do
not depend on ``--jobs``; a page none of them asks it of is searched so without a ceiling. Those three are
priced as the search made again prices but for stamps and ribbons (not the band-less or cheap-撞题 prices of
``fallback.goal`` and ``clashes.fewer``), and the ribbons are read at their body's depth in the slot (no less
than ``cost.fill`` reads), so it bounds the price of that layout made of the same variants and slots; it does
change what the passes explore within their limits, and a layout the checks would take that costs more than
the ceiling is no longer found (``taken`` reads the findings, not the costs). Why: held-out plan 19 fits
with a ribbon that no layout of the page avoids; searched again without a ceiling its passes found only
layouts with copy overset, so it ran its retry and a wider search (1.6 s of 2.7) to come back with the ribbon
and be refused. With it, 2.6 → 1.2 s; 120 held-out pages (plain, near-full and banded) came out the same
issues, with one process and with two.
"""

from __future__ import annotations

import os
from collections import Counter
from contextlib import suppress
from dataclasses import replace
from typing import TYPE_CHECKING

from layout.makeup import ahead, wrapped
from layout.makeup.fallback import CLASHED, GOAL, Unplaceable, page_fill
from layout.makeup.lastresort import SEALED

if TYPE_CHECKING:
    from layout.makeup.search import Layout, Search
    from layout.makeup.solution import Solution

INF = float("inf")
SHAPES = ("stamp", "ribbon")  # the findings (``checks.page_findings``) a search weighing shapes prices
SOFT = "order"  # a story under a less important one: may come with the layout weighing shapes, one for each
# rule it mends (a designer sends back a postage stamp, a ribbon or a strip before a story a rank out of order)


def wanted(search: Search, best: Solution) -> bool:
    """Whether the page is to be searched again weighing shapes, ``best`` its layout (``_poor``).
    ``ahead.start`` asks it of the passes' layout, to search the page so ahead, beside the retry."""
    return _poor(search, best) is not None


def _poor(search: Search, best: Solution) -> tuple[Counter[str], int] | None:
    """The rules ``best`` (a layout of ``search``) breaks (``broken``) and its empty lines, when the page is
    to be searched again weighing shapes: the page's own search (``wrapped.own``: its layout found with its
    narrow photos' wraps or not), and its layout fits and has a stamp or a ribbon; else None."""
    if best.cost == INF or not wrapped.own(search):
        return None
    over, empty, _ = page_fill(search, best)
    if over:
        return None
    old = broken(search, best)
    return (old, empty) if any(old[rule] for rule in SHAPES) else None


def finish(search: Search, layout: Layout) -> Layout:
    """``layout``, the page's own search's (``Search.run``: its leaves ``search.solution``), or the one
    found again weighing shapes (``again``), placed: asked of the page's first search once it has run
    (``pages.search_page``), not inside a run, so that no second search of the page asks it."""
    first = search.solution
    best = search.solution = again(search, first)  # (a search made again and refused is reset: its best as it was)
    return layout if best is first else replace(layout, cost=best.cost, pieces=search.pieces(best))


def again(search: Search, best: Solution) -> Solution:
    """``best``, or the layout of ``search`` made again weighing shapes (module docstring); found ahead in a
    forked process when one was started (``ahead``: the same search)."""
    if (poor := _poor(search, best)) is None:
        ahead.stop(search, ahead.SHAPES)  # (started ahead for a guess the later steps proved wrong)
        return best
    old, empty = poor
    wraps, clashed = search.wrap_all, search.m in CLASHED
    found = ahead.take(search, ahead.SHAPES)
    _remade(search)
    if found is None:
        with suppress(Unplaceable):  # (a page the first search laid out is never refused by a second)
            search.run()
        found = search.solution
    if found.cost < INF and taken(search, found, old, empty):
        return found
    ahead.stop(search)
    search.reset(wraps, False)  # (its tables again those that place ``best``'s leaves) …
    SEALED.discard(search)  # … and what the later steps read of how it was found as it was (``own``: not sealed)
    if not clashed:
        CLASHED.discard(search.m)
    return best


def remade(search: Search) -> Solution:
    """``search`` made again weighing shapes and run (``again``'s second search): its best leaves. In a
    forked process only (``ahead``; ``search`` is left so); a run that had to seal the fixed blocks
    (``lastresort.SEALED``) ends the process unfinished, so the parent searches it itself."""
    _remade(search)
    search.run()
    if search in SEALED:
        os._exit(1)
    return search.solution


def seed(search: Search, best: Solution, last: bool = False) -> None:
    """Keep the ``ceiling`` of ``best`` as that of the page's search weighing shapes when it is the first
    layout of the page's first search to ask for one (``wanted``): its passes', its retry's (where ``ahead``
    may fork that search) or its wider search's (``last``: the first search then has ``seeded``). Kept across
    ``Search.reset``; a search made again with its wraps, in this process or a forked one, sets none."""
    if search.seed is None and not search.seeded and not search.shapes and wanted(search, best):
        search.seed = ceiling(search, best)
    search.seeded = search.seeded or last


def ceiling(search: Search, best: Solution) -> float:
    """What ``best`` (a layout of ``search``, which does not weigh shapes) costs at most in a search weighing
    them: its cost, its photos' ``cost.stamp_price`` and its articles' ``cost.ribbon_price`` at their body's
    depth in their slot (as ``checks`` reads a ribbon: no less than ``cost.fill`` charges), and a hair more,
    so that a layout costing the same is still found, as it was without a ceiling."""
    from layout.makeup.cost import ribbon_price, slot_depth, stamp_price

    extra = 0.0
    for p in search.pieces(best):
        if p.variant is None:
            photo = p.story.photo
            if photo is not None:
                extra += stamp_price(search.columns, p.at.span, photo.aspect)
        else:
            extra += ribbon_price(p.variant, slot_depth(p.variant, p.at.lines))
    return best.cost + extra + 1e-6


def _remade(search: Search) -> None:
    """``search`` made afresh weighing shapes, its narrow photos wrapping in every variant of their story
    where that differs (``wrapped.differs``: a function of the page and its stories, so the same here and
    ahead), under the ceiling ``seed`` kept (none when it kept none), the second searches started ahead for
    it as it was ended."""
    ahead.stop(search)
    top = INF if search.seed is None else search.seed
    search.reset(wrapped.differs(search), True)
    search.ceiling = top


def broken(search: Search, solution: Solution) -> Counter[str]:
    """The rules ``solution`` of ``search``'s page breaks, by rule, as the make-up's checks read the made
    page (``checks.page_findings``, not what it says of the stories' rank), its headline sizes falling with
    priority as it will be written (``sizes.fall``: a 三条 left larger than the 二条 beside it is mended there,
    not a rule it breaks)."""
    from layout.makeup import sizes
    from layout.makeup.checks import page_findings
    from layout.makeup.search import Layout

    layout: Layout = sizes.fall(search, Layout(solution.cost, search.pieces(solution)))
    return Counter(f.rule for f in page_findings(search.page.number, search.page, layout, ranks=False))


def taken(search: Search, found: Solution, old: Counter[str], empty: int) -> bool:
    """Whether ``found`` (``search``'s layout weighing shapes) is taken over the one whose broken rules are
    ``old`` and which leaves ``empty`` lines: fewer stamps and ribbons, no more of any other rule but
    ``SOFT`` (a story under a less important one), which may rise by as many as the rules mended (stamps,
    ribbons, strips …, net of any the layout breaks anew), nothing overset and at most ``fallback.GOAL`` empty
    lines a body column of its own, or ``empty`` when more (module docstring)."""
    new = broken(search, found)
    over, left, columns = page_fill(search, found)
    fewer = sum(new[rule] for rule in SHAPES) < sum(old[rule] for rule in SHAPES)
    mended = sum(old[rule] - new[rule] for rule in old.keys() | new.keys() if rule != SOFT)  # (net: a ribbon
    # for a stamp mends nothing)
    return fewer and not over and left <= max(empty, GOAL * max(1, columns)) and all(
        new[rule] <= old[rule] for rule in new if rule not in SHAPES and rule != SOFT) and (
        new[SOFT] - old[SOFT] <= mended)
