"""A page left poor searched once more with a narrow photo free to wrap in every variant of its story.

In:  a ``Search`` (``layout.makeup.search``) that has run its passes and second searches, and its best
     layout.
Out: that layout, or the one the same search finds made again with ``Search.wrap_all`` set, when the
     page was overset or past the fill goal and the second one is better (below); the search is then
     left so, its tables those that place the layout's leaves.

Why: a story may have its photo inside it under its headline, narrower than the story, the text running
beside and under it (``lead.narrow``), only in a variant that sets one body column per base column. The
search reads a story's variants from ``leaves.choices``, which leaves out every variant a cheaper one
beats at every height as a plain leaf: a 破栏 variant (three body columns on four base columns) of as
many body lines beats the four-column one, so at that span the narrow photo had no variant at all, and a
lead four columns wide took its photo across its whole width. On held-out plan 33 (a broadsheet of seven
columns, nine stories, two photos) the lead so needed 56 lines where, with its photo two columns wide,
38 hold it, and the page came out with 59 lines overset; on plan 3 with its priorities from 2, the lead
three columns wide was as tall, and the page had 4 empty lines a column. With every such variant
(``leaves.wraps``) the lead takes its narrow photo there; its photo is then tried at every height within
``cost.PHOTO_STRETCH`` of its own shape, not at that shape's alone (held-out 33: 29 lines overset, 16 so).

Only for a page the search left poor (copy overset, or more empty lines than ``fallback.GOAL`` a body
column) where some story's narrow photo gains a variant (``differs``): a page within the goal keeps its
layout as it was (offered always, the narrow variants changed the search's paths on pages already good,
and some came out with more empty lines). The layouts are judged as found, and, when that does not take
the new one, as the page will print them, their overset given room by ``give`` (as ``pages.given`` does
with the one taken). The one found again is taken when it costs less; leaves no more lines overset (as
many: no more empty lines); has no more 撞题 nor bare headlines (held-out 909 at 88-112 %: 26 lines fewer
overset, one story a headline over 100 lines overset); and puts fewer lines out of order (overset in a
story more important than one set whole, ``out_of_order``) than it saves (906 at 88-112 %: 3 lines fewer
overset, 32 more in its 四条 with its 五条 whole; 904: 42 fewer, none more once given room). Else the search
is made again as it was, and its layout kept. Deterministic: the same search twice over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout.makeup import ahead, give, lead
from layout.makeup.cost import MIN_DEPTH

if TYPE_CHECKING:
    from layout.makeup.search import Search
    from layout.makeup.solution import Solution

INF = float("inf")


def searched_again(search: Search) -> bool:
    """Whether ``search`` is one ``again`` may search again (``own``, and not made again with wraps)."""
    return not search.wrap_all and own(search)


def own(search: Search) -> bool:
    """Whether ``search`` is the page's own search, made again with wraps or not: not an alternative, a wider,
    band-less or sealed search, nor one weighing shapes (``layout.makeup.shapes``)."""
    from layout.makeup.cost import NO_BANDS
    from layout.makeup.fallback import WIDE
    from layout.makeup.lastresort import SEALED

    return not (search.shapes or search.banned or search in WIDE or search in NO_BANDS or search in SEALED)


def wanted(search: Search, over: int, empty: int, columns: int) -> bool:
    """Whether a layout of ``search`` with ``over`` lines overset and ``empty`` lines in ``columns`` body
    columns is poor enough to search again, and a search with ``wrap_all`` would differ (``differs``)."""
    from layout.makeup.fallback import GOAL

    return bool(over or empty > GOAL * max(1, columns)) and differs(search)


def differs(search: Search) -> bool:
    """Whether the variants ``leaves.wraps`` gives a story that may have a narrow photo (``lead.narrow``:
    its photo's place ``any``, unboxed, a head) include one ``leaves.choices`` leaves out, at a span it
    may take: only then does a search with ``Search.wrap_all`` differ from the plain one."""
    for sid, story in enumerate(search.stories):
        if story.photo is None or story.photo.place != "any":
            continue
        for span in range(story.min_span, min(story.max_span, search.columns) + 1):
            if lead.may_wrap(story, span):
                kept = {id(v) for v, _ in search.choices(sid, span)}
                if any(id(v) not in kept and v.has_head for v, _ in search.wraps(sid, span)):
                    return True
    return False


def out_of_order(search: Search, solution: Solution) -> int:
    """The body lines ``solution`` leaves overset in stories more important (a smaller priority) than a
    story it sets whole with room to give (its body more than ``MIN_DEPTH`` lines a column deep): a
    designer cuts the least important copy first (the search prices overset by priority, but a layout a
    little cheaper may still move the overset up the page's order)."""
    from layout.makeup.advice import piece_fit

    pieces = search.pieces(solution)
    fits = [(p.story.priority, piece_fit(p, pieces)[0], p.variant.body_lines) for p in pieces if p.variant is not None]
    whole = [rank for rank, over, depth in fits if not over and depth > MIN_DEPTH]
    return sum(over for rank, over, _ in fits if over and any(r > rank for r in whole))


def rules_broken(search: Search, solution: Solution) -> tuple[int, int]:
    """(撞题, bare headlines: ``checks.starved_body``) of ``solution``: the layout found again may add none."""
    from layout.makeup.checks import collisions, starved_body

    pieces = search.pieces(solution)
    return len(collisions(pieces)), sum(starved_body(p, pieces) is not None for p in pieces)


Judged = tuple[int, int, tuple[int, int], int]  # overset lines, empty lines, ``rules_broken``, ``out_of_order``


def judged(search: Search, solution: Solution, printed: bool) -> Judged:
    """What ``again`` compares of ``solution``: as found, or (``printed``) as the page will print it, its
    overset given room (``give``)."""
    from layout.makeup.fallback import page_fill

    solution = give.give(search, solution) if printed else solution
    over, empty, _ = page_fill(search, solution)
    return over, empty, rules_broken(search, solution), out_of_order(search, solution)


def better(new: Judged, old: Judged) -> bool:
    """Whether a layout judged ``new`` is taken over one judged ``old`` (module docstring)."""
    now, left, broken, order = new
    over, empty, was, before = old
    moved = order - before  # (lines it puts out of order: fewer than it saves)
    return all(a <= b for a, b in zip(broken, was)) and (
        (now < over and moved < over - now) or (now == over and left <= empty and moved <= 0))


def again(search: Search, best: Solution) -> Solution:
    """``best``, or the layout of ``search`` made again with ``wrap_all`` (module docstring). The layouts
    are judged as found, and only when that does not take the new one, as printed (``give`` worked out
    only then: a page's cuts are moved once, on the layout it takes, where that decides)."""
    from layout.makeup.fallback import page_fill

    if best.cost == INF or not searched_again(search):
        return best
    if not wanted(search, *page_fill(search, best)):
        ahead.stop(search, ahead.WRAPPED)  # (started ahead for a guess the later steps proved wrong)
        return best
    old = judged(search, best, False)
    found = ahead.take(search, ahead.WRAPPED)  # (found ahead, in a forked process, by the same search: ``ahead``)
    _remade(search, True)
    if found is None:
        search.run()
        found = search.solution
    if found.cost < best.cost:
        if better(judged(search, found, False), old):
            return found
        new = judged(search, found, True)
        _remade(search, False)
        if better(new, judged(search, best, True)):
            _remade(search, True)  # (its tables again those that place ``found``'s leaves)
            return found
    _remade(search, False)  # (its tables again those that place ``best``'s leaves)
    return best


def _remade(search: Search, wraps: bool) -> None:
    """``search`` made afresh with ``wrap_all`` set to ``wraps``, the second searches started ahead for it
    as it was ended (not this one's), but its search weighing shapes (``shapes``: made afresh whichever way
    the search was made, so the same search)."""
    ahead.stop(search, keep=ahead.SHAPES)
    if search.wrap_all != wraps:
        search.reset(wraps)
