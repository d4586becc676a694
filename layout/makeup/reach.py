"""Whether a page's fill goal is within reach at all: a bound that spares ``fallback.goal`` its second search.

In:  a page's ``Search`` (``layout.makeup.search``), its leaf tables and L shapes (``tables.Pure``, ``ell``).
Out: ``hopeless``: True when no layout of the page's stories meets the fill goal (``fallback.within_goal``:
     nothing overset, at most ``GOAL`` empty body lines a body column), proved without searching.

Why: a page past the fill goal is searched again without the band price (``fallback.goal``), and that
layout is taken only when it meets the goal. On the bench's 16-page section 8 pages were searched again
(a third of the section's processor time) and 2 took the layout found: on most of the others the copy is
too short for the page whatever its layout, and no search can change that.

The bound (a Lagrangian one, the free area's cells as the constraint): where the free area is one
rectangle of ``F`` cells, every layout tiles it with its stories (the search leaves no hole there), each
story once, as a plain leaf (a rectangle ``span`` × ``lines`` with its photo, as its leaf table sets it)
or as an L (``ell``). A layout meeting the goal has, summed over its stories, empty lines less ``GOAL``
times body columns at most 0; so for any ``k`` ≥ 0, ``k·F + Σ min(empty − GOAL·columns − k·cells)``
over each story's ways to be set is at most 0. When for some ``k`` it is more, no layout meets the goal.
A plain leaf's empty lines and columns are counted as the goal counts them (``fallback.page_fill`` of
that leaf alone, at every span, height and ``nohead``, overset ones left out: they miss the goal
anyway); an L, whose shapes are many, by a floor: with one body column per base column and no air
(``ell.fit``), its empty lines are its cells less what its text needs, so for ``k`` ≤ 1 its term is at
least ``−k`` times the cells its text and tallest photo across its top (``ell.photos``) take, less
``GOAL`` a column. Pages whose free area is not one rectangle are searched as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from layout.issue.model import Placement

if TYPE_CHECKING:
    from layout.makeup.search import Search
    from layout.makeup.tables import Pure

KS = (0.5, 0.75, 0.9, 1.0)  # the multipliers ``k`` tried (at most 1: the L's floor needs it)
GATE = True  # the bound used (a switch for the tests)
SKIPPED = [0]  # second searches it spared (a counter for the tests)
_KNOWN: WeakKeyDictionary[Pure, bool] = WeakKeyDictionary()  # a page's answer (its stories and fixed blocks)


def hopeless(search: Search) -> bool:
    """Whether no layout of ``search``'s page meets the fill goal (module docstring); worked out once for
    the page's stories (the places banned for an alternative's lead only take layouts away)."""
    if not GATE:
        return False
    pure = search.tables.pure
    known = _KNOWN.get(pure)
    if known is None:
        known = _KNOWN[pure] = _hopeless(search)
    return known


def spared(search: Search) -> bool:
    """``hopeless``, counted in ``SKIPPED`` when it is (``fallback.goal`` asks it before a second search)."""
    out = hopeless(search)
    SKIPPED[0] += out
    return out


def _hopeless(search: Search) -> bool:
    """The bound itself (module docstring)."""
    from layout.makeup.retry import free_rect

    rect = free_rect(search)
    if rect is None:
        return False
    terms = [_ways(search, sid, rect) for sid in range(len(search.stories))]
    if any(not t for t in terms):  # a story set nowhere without text overset: every layout misses the goal
        return True
    cells = rect.span * rect.lines
    return any(k * cells + sum(min(e - k * c for e, c in t) for t in terms) > 1e-9 for k in KS)


def _ways(search: Search, sid: int, rect: Placement) -> set[tuple[float, int]]:
    """(empty lines less ``GOAL`` a body column, cells) of each way story ``sid`` can be set in ``rect``
    without text overset: its plain leaves, and for its Ls a floor of the same form (module docstring)."""
    from layout.makeup.ell import photos, usable
    from layout.makeup.fallback import GOAL, page_fill
    from layout.makeup.search import Solution

    out: set[tuple[float, int]] = set()
    story = search.stories[sid]
    for span in range(1, rect.span + 1):
        for lines in range(1, rect.lines + 1):
            at = Placement(rect.column, span, rect.line, lines)  # (the lead's photo above it only across)
            above = search._above_ok(sid, at)
            for nohead in (False, True):
                if search.leaf_table(sid, span, nohead, above)[lines][1] is None:
                    continue
                over, empty, columns = page_fill(search, Solution(0.0, ((sid, at, nohead),)))
                if not over:
                    out.add((empty - GOAL * columns, span * lines))
        tallest = max((p for p, _ in photos(search, sid, span)), default=None)
        if tallest is None or not story.min_span <= span <= story.max_span:  # (``ell``: an L within its spans)
            continue
        for v in search.m.variants(story, span):
            if usable(v):
                out.add((-GOAL * span, span * (v.head_lines + v.body_lines + tallest) - v.slack))
    return out
