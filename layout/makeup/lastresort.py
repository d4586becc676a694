"""The make-up search's last resort: a page no pass found a layout for is searched once more with
its fixed blocks sealed, and a page still refused is told the truth about its copy.

In:  a ``Search`` (``layout.makeup.search``) whose passes and ``fallback.last`` found no layout.
Out: ``last``: the best layout ``fallback.last`` finds, or else the one the whole search finds with
     stories kept out of rectangles fixed blocks cover (``SEALED``; its last tries allow 撞题 at its
     cost, as ``fallback.last``'s do); ``message``: why a page is refused, not saying the copy fits
     where it may be more than the free area holds.

Why a page came here (review AA1: an 8-column page between a banner and a 半通栏 ad, seven stories
about 105 % of the page, a 评论 box at most 2 columns wide): a rectangle holding fixed blocks is cut
along their edges and its stories shared between the two parts (``fixedcut.around``), fewest
first; when one part is wholly covered (the ad's band), every share but "all in the free part"
searches a subset of the stories over the free area before it fails on the covered part, and those
searches spend the search's limit of rectangles (``cost.Limits``) before the one share that can succeed
is tried. Past the limit the stories are stacked, which cannot stand a box of 2 columns beside
the rest, so the page had no layout at all and was refused, its copy said to fit. A covered
rectangle holds no story, so a bound of infinity there (``Search.bound`` of a search in ``SEALED``)
prunes those shares and loses no layout; the passes then have their limit for the shares that can work.
It is done only here, after every other try found nothing, so pages that had a layout keep it
(the node counts, and so the layouts of searches cut short, would change on other pages).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn
from weakref import WeakSet

from layout.makeup import fallback
from layout.makeup.fallback import Unplaceable

if TYPE_CHECKING:
    from layout.issue.model import Placement
    from layout.makeup.search import Search, Solution

INF = float("inf")
SEALED: WeakSet[Search] = WeakSet()  # searches whose ``bound`` puts no story where fixed blocks cover a rectangle


def last(search: Search, page: Placement, ids: tuple[int, ...]) -> Solution:
    """``fallback.last`` (stacked, then with 撞题), or, when that finds nothing for the page itself
    (not an alternative layout, ``Search.banned``), the whole search run again with the fixed blocks
    sealed (``SEALED``, see module docstring; its own last tries are ``fallback.last``'s): the best
    layout found, overset or not, which the checks and the copy-fit advice then report as on any
    overfull page."""
    best = fallback.last(search, page, ids)
    if best.cost < INF or search.banned or search in SEALED:
        return best
    SEALED.add(search)
    search.memo.clear()
    search.run()
    return search.solution


def refuse(search: Search) -> NoReturn:
    """Raise ``Unplaceable`` with ``message``: no layout places every story."""
    raise Unplaceable(message(search))


def message(search: Search) -> str:
    """Why no layout places every story (``fallback.unplaceable``), its claim that the stories fit the
    free area by their copy kept only when it holds: when the areas the stories fill at about their
    least cost (``Search.bounds``), each at the widest span it may take, come to more than the free
    area's grid cells, the words say the copy is (or, when only at their narrowest spans they fit, may
    be) more than the free area holds, with both sums (review AA1: a page some 1 100 characters over
    was told its copy fitted)."""
    words = fallback.unplaceable(search)
    claim = "fit the free area by their copy, but no layout found places them all"
    least, most = copy_areas(search)
    room = fallback.free_cells(search)
    if claim not in words or most <= room:
        return words
    verdict = "are" if least > room else "may be"
    return words.replace(claim, f"{verdict} more than the free area holds by their copy (the areas they fill "
                         f"come to {least}–{most} grid cells at their narrowest and widest spans, the free area "
                         f"has {room}), and no layout found places them all")


def copy_areas(search: Search) -> tuple[int, int]:
    """The grid cells (lines × base columns) the stories fill at about their least cost
    (``Search.bounds``, the least of each), summed at each story's narrowest and at its widest span
    that the page's widest run of free columns allows (a photo or headline takes more of a wider
    slot); (0, 0) when a story has no such span (``unplaceable`` names it)."""
    width = fallback.widest_free(search)[0]
    least = most = 0
    for i, story in enumerate(search.stories):
        spans = range(story.min_span, min(story.max_span, width) + 1)
        areas = [search.bounds(i, span)[0] for span in spans]
        if not areas or INF in areas:
            return 0, 0
        least, most = least + int(min(areas)), most + int(areas[-1])
    return least, most
