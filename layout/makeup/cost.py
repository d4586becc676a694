"""The cost of a story variant in a slot, for the search (``layout.makeup.search``).

In:  a measured ``Variant`` and a slot height in grid lines (or two variants with their headline
     size-drop costs).
Out: the slot's cost: overset and empty body lines, and body columns shallower than
     ``MIN_DEPTH`` lines; whether one variant is never worse than another (so the search drops it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple
from weakref import WeakSet

from layout.flow.article import MAX_HEAD_AIR
from layout.issue.model import Placement
from layout.makeup.measure import Variant

if TYPE_CHECKING:
    from layout.makeup.search import Search



class Limits(NamedTuple):
    """What one search may spend, and what a 撞题 costs in it (``Search.limits``; ``PLAIN`` for a page's
    own search, dearer and wider for ``layout.makeup.opened``'s)."""

    collide: float = 192000.0  # a 撞题: two headlines side by side on overlapping lines (``COLLIDE``)
    nodes: int = 2000  # rectangles searched in full in the second pass: past it, stories are stacked (the search
    # stays deterministic)
    guess: int = 2000  # the same for the third pass, the cuts ordered by how well areas match


PLAIN = Limits()
#: A 撞题's price: dearer than any page's overset and empty lines (as 400 lines overset in the 头条, ``over_price``;
#: at 5 000, before overset was priced by priority, a page fitted with a 撞题 rather than leave 8 lines of its lead
#: overset: held-out plan 903 at 88-112 %, a lead's line at 1 538), so the search takes a
#: layout with one only where it finds none without (the lead off its place costs more, ``LEAD``). At 120
#: (3 overset lines) a page traded a 撞题 for a few lines (review AA3: plans with vertical heads allowed, copy
#: about 85 % of the page, made with 撞题 beside a vertical head's strip, exit 0, where a layout without existed).
COLLIDE = PLAIN.collide

#: The search's own prices and limits (``layout.makeup.search``), here so that the modules round it import them
#: at their top (not from the search, in each of a million calls)
RULE = 200.0  # a broken rule of make-up (column top to foot, story below the fold, a photo not as the plan asks)
LEAD = 1e7  # the lead off its place (``lead.misplaced``): dearer than any other layout's whole cost
PHOTO = 0.4  # per grid line a photo's slot is off its picture's own aspect
ORDER = 0.05  # per line a story starts below the top of the free area, divided by its priority
PHOTO_STRETCH = 0.15  # a photo slot may be this much taller or shorter than its picture (cropped by fit: cover)
CHEAP = 2.0  # a story's heights costing at most this more than its best bound the area it fills
HEIGHTS = 4  # candidate heights tried for a story across a rectangle
FEW_HEIGHTS = 6  # the same across a rectangle of a few stories (``FEW`` or fewer), where branching costs little
FEW = 3

EMPTY = 1.0  # per empty body line, summed over columns
OVER = 40.0  # per overset body line, summed over columns, of the least important stories (``over_price``)
SHALLOW = 1.5  # per body line a story's columns are shallower than MIN_DEPTH, summed over its columns
MIN_DEPTH = 8  # body lines a column should run at least (strips of 4-line columns across the page read badly)
RANK = 1.5  # … a line overset costs this many times as much a rank its story stands above ``RANKS``: 40 a line
# (priority 7 and after), 60 the 六条, 135 the 四条, 304 the 二条, 456 the 头条. Priced linearly (40 + 20 a rank, to
# 220 the 头条; or + 80 a rank), full held-out pages 900-911 kept 62 (105) lines overset in a story more important
# than one set whole, review 28's r3 83 (43); at 1.5 from priority 10 (1 538 the 头条), the same layouts
RANKS = 7
RIBBON = 40  # body lines a story one base column wide may run before it reads as a ribbon down the page …
RIBBON_LINE = 3.0  # … costing this much a line past them (``ribbon_price``)
INF = float("inf")
GAP = 2  # empty lines at a column's foot a designer lets pass; past them it is a hole …
DEEP = 1.0  # … costing this much more per line (so a hole is not cheaper than a shallow strip)
STEP = 8.0  # per step a headline is set below its priority's size on the house ladder
TOP_TO_FOOT = 200.0  # body columns from the free area's top to the page's foot: a broken rule (``RULE``)
TALL = 0.75  # share of a column's free depth a story's body may not run down to the free area's foot
TALL_COST = 100.0  # such a column (not from the free area's very top to the page's foot, which the search
# prices as a broken rule, 200): as dear as 2.5 overset lines or 100 empty ones, so it gives way to a layout
# about as full, not to one with copy left over (held-out plan 19 at 200: 4 lines more overset and a strip)
SECOND = 0.5  # per line the 二条 (``Story.second``) starts below the top of its column's free area, besides the
# search's ``ORDER``: a designer sets the 二条 high; 0.05 / 2 a line alone let an L's corner lift the 五条
# and 六条 above it for a few empty lines saved (review V, F3) and set it at the page's foot (F5)
BAND = 6.0  # a story (not the lead) across the free area's width, or all but one of its columns, on a page
# of ``BAND_COLUMNS`` or more: stacked, such bands make a list (千层饼), not a page (review V, F4: pages of
# short stories without photos came out as three or four bands one under another) … (at 24, held-out pages
# 0-23 ran 0.36 empty lines a column for 0.27, one page fewer good; 8, with 4 a line under 12 lines, set
# the customer's sample page's 二条 (a band 10 lines deep) as an L and left it 20 empty lines for 10) …
BAND_SHALLOW = 2.0  # … and this much more per line its body runs less than ``BAND_DEPTH`` (a strip of a few lines)
BAND_DEPTH = 10
BAND_COLUMNS = 5
NO_BANDS: WeakSet[Search] = WeakSet()  # searches run without ``band_price`` (``fallback.goal``)
STARVED = 1000.0  # a story whose slot, its copy overset, holds less body than ``MIN_DEPTH`` lines or a quarter
# of what its copy needs (``checks.starved_body``): a headline printed with almost no text, which no designer
# sends to press. Five broken rules: on over-full held-out pages 900-911 (88-112 %) the search left 7 such at no
# price, 7 at 200 (``RULE``), 2 at 500 and none at 1 000 (overset 783 -> 746 lines)
STAMP = 40.0  # a landscape photo one base column wide on a page of ``STAMP_COLUMNS`` or more (``stamp_price``)
STAMP_COLUMNS = 6  # on a page this wide a landscape photo one column wide is a stamp (a portrait so is a head shot)
BOX_WIDE = 100.0  # per base column a boxed story (评论 …) runs wider than the house's ``boxes.max_span``
# (as dear as 100 empty lines or 2.5 overset ones: a wider box only where no narrower one is found)


def over_price(priority: int) -> float:
    """What the search charges a line of body text left overset in a story of ``priority`` (1 = 头条):
    ``OVER`` for the least important (priority ``RANKS`` and after), ``RANK`` times as much for each
    rank a story stands above, so the search puts the overset in the least important stories that
    can take it: it sets a line of a story whole rather than 1.5 lines of the next in priority."""
    return OVER * RANK ** max(0, RANKS - priority)


def free_runs(fixed: list[Placement], columns: int, lines: int) -> list[tuple[int, int]]:
    """For each base column, (first line, end line) of its first run of lines free of the fixed
    blocks ``fixed``: the top and foot of the free area in that column (a 简讯 fixed at the foot of
    the page ends it above the page's foot)."""
    out = []
    for c in range(1, columns + 1):
        taken = [f for f in fixed if f.column <= c <= f.last_column]
        top = min((ln for ln in range(1, lines + 1) if not any(f.line <= ln < f.end_line for f in taken)), default=1)
        end = min((f.line for f in taken if f.line >= top), default=lines + 1)
        out.append((top, end))
    return out


def order_price(priority: int, second: bool, line: int, top_free: int, order: float) -> float:
    """What the search charges a story of ``priority`` (``second``: the page's 二条, ``Story.second``)
    for starting on ``line`` when its column's free area starts on ``top_free`` (grid lines):
    ``order`` (the search's ``ORDER``) a line below ``top_free``, divided by the priority (important
    stories high), and ``SECOND`` a line more for the 二条: a designer places it high (top right or right under the
    lead). Swapping the 二条 at line 54 with the 六条 at line 22 now costs about 16 (was 0.5). (A
    fixed price for a 二条 in the lower half of the page cost held-out plan 3, whose lead runs 50 of
    68 lines, 23 empty lines to lift the 二条 from right under the lead; ``SECOND`` × 2 / priority for
    every story cut the search short at its limit of rectangles on the eight-story plan.)"""
    down = line - top_free
    cost = order * down / priority
    if second:
        cost += SECOND * down
    return cost


def band_price(lead: bool, span: int, free: tuple[int, int], v: Variant, lines: int) -> float:
    """What the search charges a story (``lead``: the page's 头条) set ``span`` base columns wide with variant ``v``
    in a slot ``lines`` deep (its photo above not included; its body runs the lesser of its balanced
    depth and the slot's room), on a page whose free area runs over base columns ``free`` (first,
    last): ``BAND`` when it runs across that width or all but one of its columns (5 or more), and
    ``BAND_SHALLOW`` a line its body runs less than ``BAND_DEPTH``; nothing for the lead (头条),
    which may run across the top. (A story set beside another opens under a headline only where one
    side opens with a photo, a vertical head or an L's body: photo-less pages may still stack.)"""
    if not banded(lead, span, free):
        return 0.0
    depth = min(v.body_lines, lines - v.head_lines - v.pad)
    return BAND + BAND_SHALLOW * max(0, BAND_DEPTH - depth)


def search_band(search: Search, lead: bool, span: int, v: Variant, lines: int) -> float:
    """``band_price`` on ``search``'s page (its free columns), or nothing in a search run without it
    (``NO_BANDS``: ``fallback.goal`` searches again so when the band price cost the fill goal)."""
    free = search.free_columns
    if not banded(lead, span, free):  # (``band_price``'s own test first: cheaper than the weak set's)
        return 0.0
    return 0.0 if search in NO_BANDS else band_price(lead, span, free, v, lines)


def banded(lead: bool, span: int, free: tuple[int, int]) -> bool:
    """Whether a story ``span`` base columns wide may pay ``band_price`` on a page whose free area runs over
    base columns ``free``: not the lead, on a free area ``BAND_COLUMNS`` wide or more, across all of it or all
    but one of its columns."""
    width = free[1] - free[0] + 1
    return not lead and width >= BAND_COLUMNS and span >= width - 1


def stamp_price(columns: int, width: int, aspect: float) -> float:
    """What a search weighing shapes (``Search.shapes``) charges a photo of ``aspect`` (width ÷ height) set
    ``width`` base columns wide on a page of ``columns``: ``STAMP`` for a landscape one (aspect 1 or more)
    one column wide on a page of ``STAMP_COLUMNS`` or more, a postage stamp a designer sends back (an audit
    of 78 new plans: 29 pages with one, the lead's own photo on 11), as dear as a line overset in the least
    important story; a portrait one column wide is a head shot, and on a narrow page a column is a fair
    share of it."""
    return STAMP if width == 1 and columns >= STAMP_COLUMNS and aspect >= 1 else 0.0


def box_price(v: Variant) -> float:
    """``BOX_WIDE`` for each base column a boxed variant ``v`` spans past its house style's
    ``boxes.max_span`` (a 评论 box runs 1–3 columns; one across the page is no 评论 slot); 0 unboxed."""
    if v.block.box is None:
        return 0.0
    return BOX_WIDE * max(0, v.span - v.block.style.boxes.max_span)


def column_price(v: Variant, above: int, beside: int, line: int, end: int, lines: int, top_free: int,
                 run: tuple[int, int]) -> float:
    """What the search (``Search._leaf_at``) charges a story's slot from ``line`` to ``end`` (grid lines;
    a page of ``lines``) with variant ``v``, its photo ``above`` lines over it (< 0: under its headline,
    ``beside`` columns wide or, 0, across its span) or ``beside`` columns to its left, its column's
    first free line ``top_free`` and free run ``run``: ``TOP_TO_FOOT`` when its body columns run
    from the free area's very top to the page's foot (no photo over them), ``TALL_COST`` when they
    run most of the free depth down to its foot (``tall_column``), else nothing."""
    if end > lines and line <= top_free and (not above or above < 0 < beside):
        return TOP_TO_FOOT
    under = -above + 2 if above < 0 and not beside else 0
    return TALL_COST if tall_column(v, line + max(0, above), end, run, under) else 0.0


def tall_column(v: Variant, line: int, end: int, run: tuple[int, int], under: int = 0) -> bool:
    """Whether variant ``v``'s body text, its article set from ``line`` to ``end`` (grid lines; a photo
    above it not included; ``under`` lines of a photo across its span under its headline taken from its
    columns), runs down to the foot of its column's free run ``run`` (``free_runs``) over at least
    ``TALL`` of that run's depth: the house rule "no column of body text unbroken from the top of the
    page to the foot". A designer sees a column broken only in its top quarter (by a headline or a
    photo a few lines deep) as running from top to foot: the eye reads it as one grey band down the
    page, as in the review's page of eight stories, whose two one-column stories ran 80 and 86 lines
    of 93 under photos 7 and 13 lines deep (their body slots 82 and 74 lines). Under three quarters,
    a story or photo of a quarter of the page stands over it, and the page is broken across. The
    depth is the body's slot, not its text: empty lines at a column's foot are still the column."""
    top, foot = run
    depth = end - line - v.head_lines - v.pad - under  # the slot's, empty lines at its foot too
    return end >= foot and depth >= TALL * (foot - top)


def fill(v: Variant, lines: int, shapes: bool = False) -> float:
    """The cost of variant ``v`` in a slot ``lines`` tall: overset and empty body lines (``Variant.fit``,
    inlined: this is the search's innermost loop), and its body columns running shallower than
    ``MIN_DEPTH`` lines, and ``STARVED`` for a bare headline (its copy overset, its slot holding less
    body than ``MIN_DEPTH`` lines or a quarter of what it needs a column). The depth is the body's own
    (the lines its text runs), not the slot's: the air a headline takes and empty lines under the text
    do not make a 4-line strip deeper. A box (``v.pad``)
    gives its headline no air: the render keeps a box's spare lines at its foot, so they are empty lines
    (counted as the air, a 评论 box 3 lines longer than its text cost nothing and printed 3 empty lines a
    column). A slot less
    than half as tall as a vertical head's longest column does not take the variant (infinite): the
    head would flow into more than twice its columns, a strip the render may not set (the story would
    print without its headline); within that, the head flows into a second column, as the render sets it.
    ``shapes``: a ribbon's price too (``ribbon_price``)."""
    if 2 * (lines - v.pad) < v.vhead_lines:
        return INF
    extra, air = lines - v.head_lines - v.body_lines - v.pad, 0
    if extra < 0:
        cost = -extra * v.columns * over_price(v.story.priority)
        if bare(v, extra + v.body_lines):
            cost += STARVED
    else:
        air = min(MAX_HEAD_AIR, extra) if v.head_lines and not v.pad else 0  # (a box: its spare lines at its foot)
        cost = ((extra - air) * v.columns + v.slack) * EMPTY + max(0, extra - air - GAP) * v.columns * DEEP
    depth = min(v.body_lines, lines - v.head_lines - v.pad - air)  # the depth the body's text runs
    if depth < MIN_DEPTH:
        cost += SHALLOW * (MIN_DEPTH - depth) * v.columns
    elif shapes:
        cost += ribbon_price(v, depth)
    return cost


def ribbon_price(v: Variant, depth: int) -> float:
    """What a search weighing shapes (``Search.shapes``) charges variant ``v`` for its body running ``depth``
    lines deep: ``RIBBON_LINE`` a line past ``RIBBON`` when it is one base column wide, a ribbon down the page
    (an audit of 78 new plans: one-column stories 40–100 lines deep on 30 pages)."""
    return RIBBON_LINE * (depth - RIBBON) if v.span == 1 and depth > RIBBON else 0.0


def slot_depth(v: Variant, lines: int) -> int:
    """The lines variant ``v``'s body runs in a slot ``lines`` tall, its headline and padding taken out and
    no air (the depth the checks read a ribbon at, and ``shapes.ceiling`` prices it at)."""
    return min(v.body_lines, lines - v.head_lines - v.pad)


def bare(v: Variant, room: int) -> bool:
    """Whether variant ``v``, its copy overset, with ``room`` body lines a column under its headline, is a
    bare headline: fewer than ``MIN_DEPTH`` lines or a quarter of what its copy needs a column
    (``fill`` prices it ``STARVED``, ``checks.starved_body`` names it)."""
    return room < min(MIN_DEPTH, max(1, v.body_lines // 4))


def head_band(v: Variant, line: int, air: int = 0) -> tuple[float, float]:
    """(first line, end line), in grid lines, possibly fractional, of the band variant ``v``'s horizontal
    headline group is printed in when its slot starts on ``line`` and ``air`` spare lines go around the
    group: the render (``layout.flow.article``) shares the spare room above and below the group as the
    house's ``head_spacing.above`` to ``below`` (half and half by default), so the group moves down by
    that share of the air and the air itself is no part of it. The band holds the group's own spacing
    (its ``head_lines``), so it holds the printed head. The search's 撞题 test (``Search._leaf_at``)
    and the check on the made page (``layout.makeup.checks.head_extent``) both read it: a 撞题 the
    search counted only because one head's air reached beside another's (held-out plan 304) no
    longer costs a layout, and the render then shows none."""
    spacing = v.block.style.head_spacing
    share = spacing.above / (spacing.above + spacing.below) if spacing.above + spacing.below > 0 else 0.5
    top = line + v.pad // 2 + (0 if v.block.box else share * air)  # (a box keeps its spare lines at its foot)
    return top, top + v.head_lines


def dominates(a: tuple[Variant, float], b: tuple[Variant, float]) -> bool:
    """Whether variant ``a`` costs no more than ``b`` in a slot of any height (the same headline,
    body and padding lines, so the same air; no more body columns, slack or size drop)."""
    va, vb = a[0], b[0]
    return (va.head_lines == vb.head_lines and va.pad == vb.pad and va.body_lines == vb.body_lines
            and va.columns <= vb.columns and va.slack <= vb.slack and a[1] <= b[1]
            and (va.columns, va.slack, a[1]) != (vb.columns, vb.slack, b[1]))
