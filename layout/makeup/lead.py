"""The lead's photo under its headline (题下图): the variant that keeps the lead's head on top.

In:  a ``Search`` (``layout.makeup.search``), the lead's index, a slot's span and height in lines.
Out: the cost and option of the lead set with its photo inside its rectangle, across its span,
     under its headline group and above its body (a wrapped photo, ``wrap: true``, which the
     article's text flows under): head lines, an empty line, the photo, an empty line, the body.
     Where a photo above the lead would put another story's headline higher than the lead's,
     this puts the lead's headline first and the picture still over the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from layout.makeup.cost import EMPTY, MIN_DEPTH, SHALLOW, free_runs, over_price

if TYPE_CHECKING:
    from layout.issue.model import Placement
    from layout.makeup.measure import Variant
    from layout.makeup.plan import Story
    from layout.makeup.search import Option, Search

MIN_WELL = 3  # the narrowest well across the top a lead stands in by default (``default_span``)
GAP = 2  # the empty line above the photo (under the head) and the one below it (over the body)
INF = float("inf")


def under(search: Search, sid: int, span: int, lines: int) -> tuple[float, Option | None]:
    """The best way for story ``sid`` (the lead: unboxed, with a photo) to fill ``span`` × ``lines``
    with its photo under its headline; the option's photo lines are negative (``(v, -p, 0)``)."""
    story = search.stories[sid]
    best: tuple[float, Option | None] = (INF, None)
    if not may_wrap(story, span):
        return best
    for p, price in search._photo_heights(story, span):
        for v, drop in search.choices(sid, span):
            if not v.has_head or lines - p - GAP - v.head_lines < 2:  # two body lines at least under the photo
                continue
            total = cost(v, lines - p - GAP) + drop + price
            if total < best[0]:
                best = (total, (v, -p, 0))
    return best


def narrow(search: Search, sid: int, span: int, lines: int) -> tuple[float, Option | None]:
    """The best way for story ``sid`` (unboxed, with a headline and a photo) to fill ``span`` ×
    ``lines`` with its photo inside it under its headline, narrower than the story (``w`` of its
    base columns, at the left) and the text running beside and under it: option ``(v, -p, w)``.
    The slot's height no longer follows the photo's: a portrait photo two columns wide in a lead of
    four, its text beside it."""
    story = search.stories[sid]
    best: tuple[float, Option | None] = (INF, None)
    if not may_wrap(story, span):
        return best
    for w in (w for w in range(1, span) if span <= 3 * w <= 2 * span):  # a third to two thirds of the story
        heights = search._photo_heights(story, w)
        mid = len(heights) // 2  # its own shape; with every variant (``wrapped``), every height within the stretch
        for p, price in heights if search.wrap_all else heights[mid:mid + 1]:
            for v, drop in (search.wraps if search.wrap_all else search.choices)(sid, span):  # (``wrapped``)
                if v.has_head and v.columns == span:
                    total = narrow_cost(v, lines, p, w) + drop + price
                    if total < best[0]:
                        best = (total, (v, -p, w))
    return best


def may_wrap(story: Story, span: int) -> bool:
    """Whether ``story`` may have its photo wrapped inside it ``span`` base columns wide: it has a
    photo, is not boxed, and may take that span."""
    return (story.photo is not None and not story.boxed and "box" not in story.data
            and story.min_span <= span <= story.max_span)


def narrow_cost(v: Variant, lines: int, photo: int, width: int) -> float:
    """Variant ``v`` in a slot ``lines`` tall with a wrapped photo ``photo`` lines tall across
    ``width`` of its columns under the head (with its empty line above and below): its body text
    (``v``'s lines less its slack) in the cells the photo leaves; overset and empty cells."""
    body = lines - v.pad - v.head_lines - narrow_air(v, lines, photo, width)
    if body - photo - GAP < 2:  # two lines of text under the photo at least
        return INF
    room = v.columns * body - width * (photo + GAP) - (v.columns * v.body_lines - v.slack)
    out = -room * over_price(v.story.priority) if room < 0 else room * EMPTY
    if body < MIN_DEPTH:
        out += SHALLOW * (MIN_DEPTH - body) * v.columns
    return out


def narrow_air(v: Variant, lines: int, photo: int, width: int) -> int:
    """The spare line (0 or 1) between the head and the body of ``narrow_cost``: one when the text
    leaves a whole line in every column spare."""
    body = lines - v.pad - v.head_lines
    room = v.columns * body - width * (photo + GAP) - (v.columns * v.body_lines - v.slack)
    return 1 if room >= v.columns else 0


def cost(v: Variant, lines: int) -> float:
    """Variant ``v``'s head and body in ``lines`` (the slot less the photo and its two empty lines):
    overset and empty body lines, one spare line taken as air between head and photo."""
    extra = lines - v.lines
    if extra < 0:
        out = -extra * v.columns * over_price(v.story.priority)
    else:
        out = ((extra - min(1, extra)) * v.columns + v.slack) * EMPTY
    if v.body_lines < MIN_DEPTH:
        out += SHALLOW * (MIN_DEPTH - v.body_lines) * v.columns
    return out


def air(v: Variant, lines: int, photo: int) -> int:
    """The spare line (0 or 1) between the lead's head and its photo in a slot ``lines`` tall."""
    return min(1, max(0, lines - photo - GAP - v.lines))


def misplaced(tops: Sequence[int], first_free: list[int], free: tuple[int, int], slot: tuple[int, int],
              line: int) -> bool:
    """Whether the lead (头条) is off its place, the house rule "the lead at the top left or across the
    top": its slot (the story with its photo: a photo beside it stands to its left, the story's own
    picture read first) over base columns ``slot`` (first, last) from ``line``, on a page whose free area
    starts, for a slot ``w`` columns wide, on line ``tops[w]`` (``tops``) over columns ``free`` (first,
    last), each column's first free line ``first_free``. In place: on the first line on which its own
    width is free, and either from the leftmost column free on that line or across the free area's width.
    So on a page whose masthead and 报眼 leave a well between them, a lead as narrow as the well stands in
    it, beside the masthead, and a wider one under the band (before, only the line of the lead's least
    span counted, and a lead wider than a well it could stand in was off its place under the band). The
    search (``Search._leaf_at``, ``ell.leaf``, ``step``) prices a lead off its place at ``cost.LEAD`` and
    the made page's check (``checks.findings``) names it, both by this test (before, only the line was
    priced, and an 8-column plan's lead stood in columns 3-6 of the top, unreported: review AA3)."""
    top = top_for(tops, slot[1] - slot[0] + 1)
    if line != top:
        return True
    return slot[0] != left_column(top, first_free, free) and not (slot[0] <= free[0] and slot[1] >= free[1])


def left_column(top: int, first_free: list[int], free: tuple[int, int]) -> int:
    """The leftmost of the free area's columns ``free`` (first, last) free on line ``top``: each column's
    first free line ``first_free`` on or above it (a column of a well between masthead and 报眼 is free
    above it too)."""
    return next((c for c in range(free[0], free[1] + 1) if first_free[c - 1] <= top), free[0])


def free_top(first_free: list[int], fixed: list[Placement], lines: int, width: int = 1) -> tuple[int, tuple[int, int]]:
    """The free area's first line for a lead at least ``width`` base columns wide (where its headline
    starts: the first line on which ``width`` adjacent columns are free, each column's first free line
    ``first_free``) and the free area's first and last columns, from the fixed blocks; columns the fixed
    blocks cover from top to foot are not part of it. A well narrower than the lead above that line (a
    masthead at the top left, a 报眼 at the top right and three columns between them, with no banner)
    does not hold the lead's place: the lead stands under the band of furniture, at its left or across
    the page, as a designer sets it (with ``width`` 1, or where no ``width`` columns side by side are free
    on any line, the free area's own first line)."""
    free = free_columns(fixed, len(first_free), lines)
    if not free:
        return 1, (1, len(first_free))
    return _first_line(first_free, free, lines, width), (min(free), max(free))


def _first_line(first_free: list[int], free: list[int], lines: int, width: int) -> int:
    """``free_top``'s line for the free area's columns ``free`` (each column's first free line
    ``first_free``) and a lead at least ``width`` wide."""
    span, firsts = (min(free), max(free)), {c: first_free[c - 1] for c in free}
    width = max(1, min(width, span[1] - span[0] + 1))
    top = min(max(firsts.get(c, lines + 1) for c in range(left, left + width))  # (a column covered top to
              for left in range(span[0], span[1] - width + 2))  # foot is free on no line)
    return top if top <= lines else min(firsts.values())  # (no ``width`` free side by side: the first)


def tops(first_free: list[int], fixed: list[Placement], lines: int) -> tuple[int, ...]:
    """``free_top``'s line for a lead of each width: item ``w`` for ``w`` base columns (item 0 as
    item 1), up to the page's columns; the same line for every width on a page without a well."""
    free = free_columns(fixed, len(first_free), lines)
    if not free:
        return (1,) * (len(first_free) + 1)
    out = tuple(_first_line(first_free, free, lines, w) for w in range(1, len(first_free) + 1))
    return out[:1] + out


def top_for(tops: Sequence[int], width: int) -> int:
    """The lead's first line (``tops``, by width) for a slot ``width`` base columns wide (a slot wider
    than the page: the page's width)."""
    return tops[min(width, len(tops) - 1)]


def first_lines(fixed: list[Placement], columns: int, lines: int) -> list[int]:
    """Each of the page's ``columns``' first line no fixed block covers (1 for a column covered top to
    foot, which ``free_top`` leaves out of the free area): the tops of ``cost.free_runs``."""
    return [top for top, _ in free_runs(fixed, columns, lines)]


def default_span(columns: int, fixed: list[Placement], lines: int) -> int:
    """The least span of a page's lead when its plan gives none (in base columns). A lead is wide: half
    the page's columns, rounded up. But where the fixed blocks leave a well across the free area's first
    line narrower than that and at least ``MIN_WELL`` columns wide (a masthead at the top left and a 报眼
    at the right, no banner), the well's width: the lead may stand in the well beside the masthead, its
    headline the page's highest, as a daily sets it, or wider under the band (``misplaced``). Before, a
    three-column well on an eight-column page held no lead and no story's copy fitted it: it was left
    empty on ten of eleven such held-out pages."""
    half, free = (columns + 1) // 2, free_columns(fixed, columns, lines)
    firsts = first_lines(fixed, columns, lines)
    top = _first_line(firsts, free, lines, 1) if free else 1
    well = run = 0
    for c in range(1, columns + 1):
        run = run + 1 if c in free and firsts[c - 1] == top else 0
        well = max(well, run)
    return well if MIN_WELL <= well < half else half


def free_columns(fixed: list[Placement], columns: int, lines: int) -> list[int]:
    """The page's columns (1-based) on which some line is free of the fixed blocks: the free area's."""
    return [c for c in range(1, columns + 1) if any(
        not any(f.column <= c <= f.last_column and f.line <= ln < f.end_line for f in fixed)
        for ln in range(1, lines + 1))]
