"""A story filling one rectangle of the search (a leaf): its variants, its photo's places.

In:  a ``Search`` (``layout.makeup.search``), a story's index, a rectangle's span and height.
Out: the cost and the best option ``(variant, photo lines, photo columns)`` of the story filling
     the rectangle: alone; under its photo (``photo lines`` above it, across its span); beside it
     (``photo columns`` to its left, as tall as the story); or, for a story that has a headline,
     its photo inside it under the headline (negative ``photo lines``: a wrapped photo, ``wrap:
     true``, across ``photo columns`` of the story's base columns or all of them, the text
     running beside and under it, ``layout.makeup.lead``), so the slot's height does not follow
     the photo's. Variants a cheaper one beats at every height are dropped (``choices``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from layout.makeup import fallback, lead
from layout.makeup.cost import PHOTO, PHOTO_STRETCH, RULE, STEP, box_price, dominates, fill, stamp_price
from layout.makeup.measure import photo_lines, size_drop

if TYPE_CHECKING:
    from layout.makeup.measure import Variant
    from layout.makeup.plan import Story
    from layout.makeup.search import Option, Search

INF = float("inf")


def leaf(search: Search, sid: int, span: int, lines: int, nohead: bool, may_above: bool = True,
         forced: bool = True) -> tuple[float, Option | None]:
    """The cost and best way for one story to fill ``span`` × ``lines`` (see module docstring).
    ``forced``: where the photo fits only badly as asked (or not at all), it may go above or beside
    at any size, at a rule's cost (``fallback.forced_leaf``)."""
    return filler(search, sid, span, nohead, may_above, forced)(lines)


def table(search: Search, sid: int, span: int, nohead: bool, may_above: bool = True) -> tuple[
        tuple[float, Option | None], ...]:
    """``leaf`` at every height of the page (index = lines), what it reads of the story worked out
    once for all of them (``filler``), the story under its photo (or alone) at every height at once
    (``stacked``)."""
    first = stacked(search, sid, span, nohead, may_above, range(search.lines + 1))
    return tuple(map(filler(search, sid, span, nohead, may_above, True, first), range(search.lines + 1)))


def stacked(search: Search, sid: int, span: int, nohead: bool, may_above: bool,
            heights: range) -> list[tuple[float, Option | None]]:
    """``filler``'s first way to fill a slot (the story alone, or under its photo across its span) at each
    of ``heights`` (index = lines - ``heights.start``): the photo's heights, then the variants, tried in that
    order at each height, the first of equal costs kept, a height at a time in the innermost loop (a leaf
    table asks for every height at once)."""
    story = search.stories[sid]
    photo = story.photo
    low, top = heights.start, heights.stop
    best: list[tuple[float, Option | None]] = [(INF, None)] * len(heights)
    if not (photo is None or (photo.place in ("above", "any") and may_above)) or \
            not story.min_span <= span <= story.max_span:
        return best
    costs = [INF] * len(heights)
    options = [(0, 0.0)] if photo is None else photo_heights(search, story, span)
    for p, cost in options:
        for v, drop, fills in search.filled(sid, span):
            if not (p or not nohead or v.vertical):  # (a vertical head's extent: 撞题)
                continue
            option = (v, p, 0)
            for lines in range(max(p + 2, low), top):
                total = fills[lines - p] + drop + cost
                if total < costs[lines - low]:
                    costs[lines - low], best[lines - low] = total, (total, option)
    return best


def filler(search: Search, sid: int, span: int, nohead: bool, may_above: bool = True, forced: bool = True,
           first: list[tuple[float, Option | None]] | None = None) -> Callable[[int], tuple[float, Option | None]]:
    """``leaf`` as a function of the height alone: the story, its photo's slots and ideal heights and
    which ways it may fill a slot, looked up once (a leaf table asks for every height); ``first``: its
    first way's at every height (index = lines), when worked out already (``stacked``)."""
    story = search.stories[sid]
    spans = range(story.min_span, story.max_span + 1)
    photo = story.photo
    under = photo is not None and story.lead and photo.place in ("above", "any") and not nohead
    narrow = photo is not None and photo.place == "any" and not nohead
    beside = [(w, ideal_lines(search, story, w), stamp(search, story, w)) for w in range(1, span)
              if span - w in spans] if photo is not None and photo.place in ("beside", "any") and not nohead else []
    forcing = photo is not None and forced

    def fill_lines(lines: int) -> tuple[float, Option | None]:
        best = first[lines] if first is not None else \
            stacked(search, sid, span, nohead, may_above, range(lines, lines + 1))[0]
        if under:
            wrapped = lead.under(search, sid, span, lines)
            best = wrapped if wrapped[0] < best[0] else best
        if narrow:
            wrapped = lead.narrow(search, sid, span, lines)
            best = wrapped if wrapped[0] < best[0] else best
        for w, ideal, stamped in beside:
            if abs(lines - ideal) > PHOTO_STRETCH * ideal:
                continue
            for v, drop, fills in search.filled(sid, span - w):
                total = fills[lines] + drop + PHOTO * abs(lines - ideal) + stamped
                if total < best[0]:
                    best = (total, (v, 0, w))
        if forcing and best[0] > RULE:
            other = fallback.forced_leaf(search, sid, span, lines, nohead, may_above, search.nowhere(sid))
            best = other if other[0] < best[0] else best
        return best

    return fill_lines


def choices(search: Search, sid: int, span: int) -> tuple[tuple[Variant, float], ...]:
    """Story ``sid``'s variants at ``span`` with the cost of their headline's size drop; a
    variant another one beats at every height (as many body columns or fewer, no more lines,
    no more slack, no larger drop) is left out: it is never chosen. A box wider than its house
    style's ``boxes.max_span`` costs ``cost.box_price`` more (with the drop)."""
    out = [(v, STEP * size_drop(v) + v.penalty + box_price(v)) for v in search.m.variants(search.stories[sid], span)]
    return tuple(a for a in out if not any(b is not a and dominates(b, a) for b in out))


def filled(search: Search, sid: int, span: int) -> tuple[tuple[Variant, float, list[float]], ...]:
    """``choices`` of story ``sid`` at ``span``, each with its ``cost.fill`` at every height of the page
    (index = lines): a story's leaf tables ask for each height several times (a photo's heights above
    it, four tables a span), so each is worked out once a search (``tables.Pure``)."""
    heights = range(search.lines + 1)
    shapes = search.shapes
    return tuple((v, drop, [fill(v, h, shapes) for h in heights]) for v, drop in search.choices(sid, span))


def wraps(search: Search, sid: int, span: int) -> tuple[tuple[Variant, float], ...]:
    """Story ``sid``'s variants at ``span`` that set one body column per base column, with the cost of
    their headline's size drop: the ones a photo narrower than the story may wrap in (``lead.narrow``).
    Read from all the variants, not from ``choices``: there a 破栏 variant of as many body lines beats
    such a one at every height as a plain leaf, and a lead four columns wide lost its narrow photo
    (held-out plan 33: the lead 56 lines deep with its photo across its four columns, where one two
    columns wide leaves it 38)."""
    return tuple((v, STEP * size_drop(v) + v.penalty + box_price(v))
                 for v in search.m.variants(search.stories[sid], span) if v.columns == span)


def ideal_lines(search: Search, story: Story, span: int) -> float:
    """The grid lines story's photo needs ``span`` base columns wide, at its own aspect, with its
    caption and credit (``measure.photo_lines``), worked out once a search."""
    known = search.ideals.get((story.index, span))
    if known is None:
        photo = story.photo
        assert photo is not None
        known = search.ideals[(story.index, span)] = photo_lines(
            search.m.grid, search.m.grid.span_width(span), photo.aspect, len(photo.caption) + len(photo.credit))
    return known


def photo_heights(search: Search, story: Story, span: int) -> list[tuple[int, float]]:
    """The photo's slot heights ``span`` columns wide, each with its price: (lines, ``PHOTO`` a line off
    its picture's own shape and ``stamp``), worked out once a search."""
    known = search.slots.get((story.index, span))
    if known is None:
        ideal, stamped = ideal_lines(search, story, span), stamp(search, story, span)
        low, high = max(4, int(ideal * (1 - PHOTO_STRETCH))), int(ideal * (1 + PHOTO_STRETCH)) + 1
        known = search.slots[(story.index, span)] = [(p, PHOTO * abs(p - ideal) + stamped)
                                                     for p in range(low, high + 1)]
    return known


def stamp(search: Search, story: Story, width: int) -> float:
    """``cost.stamp_price`` of story's photo set ``width`` base columns wide on ``search``'s page, in a search
    weighing shapes (``Search.shapes``); else nothing."""
    assert story.photo is not None
    return stamp_price(search.columns, width, story.photo.aspect) if search.shapes else 0.0
