"""The make-up search's fallbacks: what it does when the plain search finds nothing good.

In:  a ``Search`` (``layout.makeup.search``) and a rectangle or story.
Out: a layout found without searching (stories stacked, each at its best height or its share of
     the rectangle when the copy is longer than the page); a leaf for a story whose photo fits
     nowhere as the plan asks (placed beside or above at any size, at a rule's cost); and, when
     no layout places every story, the words naming them (``Unplaceable``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

from layout.issue.model import Placement
from layout.makeup.cost import fill

if TYPE_CHECKING:
    from layout.makeup.search import Option, Search, Solution

INF = float("inf")
STACK_CALLS = 50_000  # stacked layouts a search makes with side-by-side tries; past it, stacked across only,
# and past four times as many none (a crowded page of 16 stories made two million of them, 40 s, before it was
# refused; the test plans make at most about 20 000)


class Unplaceable(Exception):
    """No layout places every story of a page: the message names them and what to change."""


def refuse(search: Search) -> NoReturn:
    """Raise ``Unplaceable``: no layout places every story (the message says why)."""
    raise Unplaceable(unplaceable(search))


def unplaceable(search: Search) -> str:
    """Why no layout places every story: the stories that fit nowhere, or that there are too many."""
    lost = [s for i, s in enumerate(search.stories)
            if all(c[0] == INF for span in range(1, search.columns + 1) for c in search.leaf_table(i, span, False))]
    if lost:
        return "; ".join(f"{s.id}: fits nowhere on the page (its span {s.min_span}–{s.max_span}"
                         + (", its photo" if s.photo else "") + "): change its span or photo, or move it"
                         for s in lost)
    if search.stacks > 4 * STACK_CALLS:
        return (f"{len(search.stories)} stories are more than the search can place on one page within its limit "
                f"(no layout found; the lowest in priority: {', '.join(s.id for s in search.stories[-3:])}): "
                "move some to another page or drop them")
    return (f"{len(search.stories)} stories ({', '.join(s.id for s in search.stories)}) do not all fit the free "
            "area as separate stories: move some to another page or drop them")


def stack(search: Search, rect: Placement, ids: tuple[int, ...], nohead: bool) -> Solution:
    """A layout found without searching: the stories one under another across ``rect`` in
    priority order (each at its best height, or at its share of ``rect`` when the copy is longer
    than it, the last taking what is left), or side by side (the first story left, as wide as its
    share of the area, the rest to its right, its top starting with a photo), whichever costs less."""
    from layout.makeup.search import COLLIDE, NONE, _better, _clashes, _join

    if len(ids) == 1:
        return search.leaf(ids[0], rect, nohead)
    search.stacks += 1
    if search.stacks > 4 * STACK_CALLS:
        return NONE
    best = NONE
    for h in fitting(search, ids[0], rect, nohead, ids[1:]):
        rest = search._stacked(Placement(rect.column, rect.span, rect.line + h, rect.lines - h), ids[1:], False)
        one = _join(search.leaf(ids[0], Placement(rect.column, rect.span, rect.line, h), nohead), rest)
        if one.cost < INF:
            best = one
            break
    areas = [sum(search.bounds(i, rect.span)) / 2 for i in ids]
    if rect.span > 1 and INF not in areas and search.stacks <= STACK_CALLS:
        k = min(rect.span - 1, max(1, round(rect.span * areas[0] / sum(areas))))
        for left_head in (False, True):
            one = search.leaf(ids[0], Placement(rect.column, k, rect.line, rect.lines), nohead or left_head)
            two = search._stacked(Placement(rect.column + k, rect.span - k, rect.line, rect.lines), ids[1:],
                                nohead or not left_head)
            best = _better(best, _join(one, two, COLLIDE * _clashes(one, two)))
    return best


def fitting(search: Search, sid: int, rect: Placement, nohead: bool, rest: tuple[int, ...]) -> list[int]:
    """The heights to try for story ``sid`` across the top or foot of ``rect``, leaving room below:
    its cheapest heights that are shorter than ``rect``, or, when none is (the stories are too long for it),
    its share of ``rect`` by the areas the stories fill (so an overset page still places them all)."""
    from layout.makeup.search import FEW, FEW_HEIGHTS, HEIGHTS

    count = FEW_HEIGHTS if len(rest) < FEW else HEIGHTS  # more heights where few stories share the rectangle
    out = [h for h in search.heights(sid, rect.span, nohead, search._above_ok(sid, rect), count) if h < rect.lines]
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
    lead, (first, last) = search.stories[sid].priority == 1, search.free_columns
    return all(search._leaf(sid, span, h, False, not lead or span >= last - first + 1, False)[0] == INF
               for span in range(1, search.columns + 1) for h in range(search.lines + 1))


def forced_leaf(search: Search, sid: int, span: int, lines: int, nohead: bool, may_above: bool,
                crop_any: bool) -> tuple[float, Option | None]:
    """``_leaf`` for a story whose photo fits only badly (costing more than a rule) or nowhere as the
    plan asks: the photo beside the story (as tall as it, any width) or above it (up to half the
    slot) in its own shape (within ``PHOTO_STRETCH``), or, when it fits nowhere (``crop_any``), in
    any shape, cropped by ``fit: cover``: at a rule's cost, more by the share of the picture cropped
    away and its distance from its picture's aspect; the checks report it."""
    from layout.makeup import leaves
    from layout.makeup.search import PHOTO, PHOTO_STRETCH, RULE

    story = search.stories[sid]
    best: tuple[float, Option | None] = (INF, None)
    spans = range(story.min_span, story.max_span + 1)
    tries = [(0, w) for w in range(1, span) if span - w in spans and not nohead]
    if may_above and span in spans:
        tries += [(p, 0) for p in range(4, lines // 2 + 1)]
    for p, w in tries:
        if (p or lines) < 4:  # a photo slot of 4 lines at least
            continue
        ideal = leaves.ideal_lines(search, story, w or span)
        for v, drop in search.choices(sid, span - w):
            slot = p or lines
            crop = 1 - min(slot / ideal, ideal / slot)  # the share of the picture cropped away
            if crop > PHOTO_STRETCH and not crop_any:
                break
            total = RULE * (1 + crop) + fill(v, lines - p) + drop + PHOTO * abs(slot - ideal)
            if total < best[0]:
                best = (total, (v, p, w))
    return best
