"""A page left poor searched once more with a narrow photo free to wrap in every variant of its story.

In:  a ``Search`` (``layout.makeup.search``) that has run its passes and second searches, and its best
     layout (``again``); or its passes and retry only, and the retry's layout (``early``, below).
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

Taken early (``early``): a page left with copy overset by its retry, whose search made again with the wraps
is settled after its own retry (nothing overset, within the goal, no 撞题: ``settled``, told as soon as it is
known, ``tell``), takes that layout before its wider and open searches when it costs less, is better as
``again`` judges it, and breaks no more of the make-up's rules, counted together (``shapes.broken``), than the
retry's layout. Those searches mend overset and 撞题, which that layout has none of; they cost as much as the
page's own search, and ran first (held-out eight-story plans 1006, 1007, 1038, 1059, 1075: the same issue made
in 0.54–0.65 of the time with two processes). It is weighed against the retry's layout, still overset, not
against what those searches would make of it: on 4 of 120 held-out pages the issue differs, within the
goal, better or worse (README). A page with nothing overset runs neither, so it is not asked (asked of pages
only past the fill goal too, the bench's 16-page section searched the page made again on five pages, never
settled). A layout breaking more rules is left to the later steps (band plan 1082: two postage stamps where
the retry's layout had one); so is one not settled after its own retry, which is not waited for. In one
process (``--jobs 1``, and every page of a plan of several, each made up in a worker process of its own) that
search runs here to its retry (``Search.start``): not settled there, it is stopped, the page's own search put
back as it was, and, when ``again`` asks for that search after all, it goes on from its retry
(``Search.finish``), so that no search runs twice; a search stopped and never asked for lets go of its own
tables (those it shares, ``tables.Pure``, stay with the page), its passes and retry spent for nothing
(held-out plan 19 takes 1.4 times as long with one process, where two run it beside the page's own).

Let go of (``DROPPED``): that search not settled after its own retry, whose layout there costs no less than
the retry's layout of the page's own search (its narrow photos' wraps have given the page nothing so far), is
searched no further: its own wider and open searches, each a whole search of the page and, with two
processes, the longest of the page's work, are not run, and ``again`` does not ask for it (its process is
ended once ``early`` has read its verdict, its core given to the next queued search, most often the page's
open one). Of 194 held-out eight-story pages (README) 26 so let it go; the issue differs on two near-full
pages, where its later steps would have found a layout a little cheaper (910 at 88-112 %: one empty line more
and a ribbon; 917: 99 lines overset where it had 93).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from layout.makeup import ahead, give, lead, shapes
from layout.makeup.cost import MIN_DEPTH
from layout.makeup.solution import NONE, Solution

if TYPE_CHECKING:
    from layout.makeup.search import Search

INF = float("inf")
DROPPED = Solution(INF)  # in ``EARLY``: the page made again, no cheaper than the page after its retry, let go of
EARLY: WeakKeyDictionary[Search, Solution] = WeakKeyDictionary()  # found again by ``early``, not taken there
Paused = tuple[dict[str, Any], "Solution", bool]  # a search's attributes, its ``Search.start``'s layout and cut short:
# the page made again here by ``early``, stopped at its retry (``Search.paused``, so that it goes with the search)


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
    """``best``, or the layout of ``search`` made again with ``wrap_all`` (module docstring); ``best`` when
    ``early`` let that search go (``DROPPED``). The layouts are judged as found, and only when that does not
    take the new one, as printed (``give`` worked out only then: a page's cuts are moved once, on the layout
    it takes, where that decides)."""
    from layout.makeup.fallback import page_fill

    kept, paused = EARLY.pop(search, None), search.paused  # (by ``early``, not taken there)
    search.paused = None
    if kept is DROPPED or best.cost == INF or not searched_again(search):
        return _dropped(best, paused)
    if not wanted(search, *page_fill(search, best)):
        ahead.stop(search, ahead.WRAPPED)  # (started ahead for a guess the later steps proved wrong)
        return _dropped(best, paused)
    old = judged(search, best, False)
    found = kept if kept is not None else ahead.take(search, ahead.WRAPPED)  # (or found ahead, in a forked
    # process, by the same search: ``ahead``)
    if found is None and paused is not None:  # (searched here by ``early`` to its retry: on from there)
        found = _resumed(search, paused)
    else:
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


def settled(search: Search, solution: Solution) -> bool:
    """Whether ``solution`` leaves nothing the second searches after a retry mend: nothing overset, at most
    ``fallback.GOAL`` empty lines a body column, no 撞题."""
    from layout.makeup.checks import collisions
    from layout.makeup.fallback import within_goal

    return within_goal(search, solution) and not collisions(search.pieces(solution))


def tell(search: Search, best: Solution) -> None:
    """For ``search`` made again with its wraps (the page's own), in a process forked for it: whether ``best``,
    its layout after its retry, is ``settled``, told at once to the process that forked it (``ahead.tell``).
    Nothing for any other search."""
    if search.wrap_all and own(search):
        ahead.tell(best.cost < INF and settled(search, best), best.cost)


def early(search: Search, best: Solution) -> Solution | None:
    """The layout of ``search`` made again with ``wrap_all``, taken before the wider and open searches when
    ``best`` (the retry's layout) is poor (``wanted``) with copy overset, that search's own layout after its
    retry was ``settled`` (told by its process, ``tell``, or searched here to there, ``_here``), and its final
    layout is settled, costs less, is better as ``again`` judges it, and breaks no more rules; the search is
    then left so. Else None, the search as it was (made again when that layout was settled), and what was
    found kept for ``again``: that layout (``EARLY``), or the search made again stopped at its retry
    (``Search.paused``); a search started ahead and not settled is left to its process. But one not settled
    whose layout after its retry costs no less than ``best`` is let go of (``DROPPED``: its process ended, its
    core given to the next search queued; ``again`` asks for it no more). Asked of every search as its retry
    ends: a search made again with the wraps tells there (``tell``)."""
    from layout.makeup.fallback import page_fill

    tell(search, best)  # (``search`` made again with its wraps: whether its layout so far is settled)
    if best.cost == INF or not searched_again(search):
        return None
    over, empty, columns = page_fill(search, best)
    if not over or not wanted(search, over, empty, columns):  # (no copy overset: no wider or open search to skip)
        return None
    heard = ahead.told(search, ahead.WRAPPED)
    verdict = heard[0] if heard is not None else None
    if heard is not None and not verdict:  # (its own second searches run: its layout asked for by ``again``, if
        if _let_go(search, heard[1], best.cost):  # at all)
            ahead.dropped(search, ahead.WRAPPED)
        return None
    old, rules = judged(search, best, False), shapes.broken(search, best)
    found = here = ahead.take(search, ahead.WRAPPED, keep=True) if verdict else None
    if found is None and (found := _here(search, best.cost)) is None:  # (not started, or died: searched here)
        return None
    if here is not None:
        search.reset(True)  # (its tables those that place ``found``'s leaves)
    if found.cost < best.cost and settled(search, found) and better(judged(search, found, False), old) \
            and sum(shapes.broken(search, found).values()) <= sum(rules.values()):
        ahead.stop(search, keep=ahead.SHAPES)
        shapes.seed(search, found, True)  # (the layout a search weighing shapes is to beat: its ceiling)
        return found
    EARLY[search] = found
    if here is None:
        _remade(search, False)
    else:  # (the wider and open searches started ahead kept: the page asks for them next)
        search.reset(False)
    return None


def _here(search: Search, ceiling: float) -> Solution | None:
    """``search`` made again with its wraps and run here to its retry (``Search.start``): when its layout is
    ``settled`` there, run on to its end and that layout, the search left so (the ceiling ``shapes.seed``
    keeps the page's own search's, as a run in a forked process leaves it); else None, ``search`` put back
    as it was, and the search made again kept (``Search.paused``) for ``again`` to go on from (``_resumed``), or,
    when its layout costs no less than ``ceiling`` (the page's own after its retry), let go of (``DROPPED``). It
    forks no second search (``ahead.AHEAD``): those started for ``search`` are its own, still wanted."""
    page, busy = dict(vars(search)), ahead.AHEAD.pop(search, None)
    ahead.stop(search, ahead.WRAPPED)  # (queued, or its process died: searched here)
    try:
        search.reset(True, keep=True)  # (the page's tables kept, in ``page``)
        best, cut_short = search.start() or (NONE, True)  # (None only under a ceiling: made afresh, it has none)
    finally:
        if busy is not None:
            ahead.AHEAD[search] = busy
    if best.cost == INF or not settled(search, best):
        made, paused = search.tables, (dict(vars(search)), best, cut_short)
        _put(search, page)
        if _let_go(search, best.cost, ceiling):
            made.release()
        else:
            search.paused = paused
        return None
    ahead.stop(search, keep=ahead.SHAPES)  # (the page's wider and open searches: not asked for now)
    page["tables"].release()
    search.finish(best, cut_short)
    search.seed, search.seeded = page["seed"], page["seeded"]
    return search.solution


def _let_go(search: Search, cost: float, ceiling: float) -> bool:
    """Whether ``search`` made again with its wraps, not settled after its retry at ``cost``, is let go of: no
    cheaper there than ``ceiling``, the page's own layout after its retry (``DROPPED`` put in ``EARLY`` for
    ``again``). The one rule of both ways of searching it, in a process of its own (``early``) and here
    (``_here``), so that the issue is the same with one process or more."""
    if cost < ceiling:
        return False
    EARLY[search] = DROPPED
    return True


def _resumed(search: Search, paused: Paused) -> Solution:
    """``search`` made again with its wraps from where ``_here`` stopped it (``paused``), run on to its end:
    its layout, the search left so (the ceiling ``shapes.seed`` keeps carried over, as ``Search.reset`` does)."""
    state, best, cut_short = paused
    ahead.stop(search, keep=ahead.SHAPES)
    seed = search.seed, search.seeded
    search.tables.release()
    _put(search, state)
    search.seed, search.seeded = seed
    search.finish(best, cut_short)
    return search.solution


def _put(search: Search, state: dict[str, Any]) -> None:
    """``search`` given the attributes ``state`` (``vars`` of it, kept earlier) back, in place of its own."""
    mine = vars(search)
    mine.clear()
    mine.update(state)


def _dropped(best: Solution, paused: Paused | None) -> Solution:
    """``best``, the search ``paused`` (never asked for now) let go of: its tables (``Tables.release``)."""
    if paused is not None:
        paused[0]["tables"].release()
    return best
