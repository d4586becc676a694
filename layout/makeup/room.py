"""The room a story across the top of a rectangle leaves the stories under it, and the heights
the lead is tried at to leave it (``fallback.fitting``).

In:  a ``Search`` (``layout.makeup.search``), the story across the top, its rectangle and the
     stories to go under it.
Out: the least area those stories fill under it (``room_need``), the lead's cheapest height that
     leaves them that area (``leave_room``), and heights evenly spread between that one and the
     lead's cheapest (``between``), so the search can trade the lead's overset lines against theirs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout.issue.model import Placement
from layout.makeup.cost import CHEAP, MIN_DEPTH
from layout.makeup.lead import GAP
from layout.makeup.rules import can_open

if TYPE_CHECKING:
    from layout.makeup.search import Option, Search

INF = float("inf")
BETWEEN = 3  # the lead's heights tried between the one that leaves the others room and its cheapest


def between(low: int, high: int, count: int) -> list[int]:
    """``count`` heights evenly spaced strictly between ``low`` and ``high`` (grid lines), fewer where
    the gap is narrow: the lead's heights between the one that leaves the others their room
    (``leave_room``) and its cheapest, so that the search can trade the lead's overset lines against
    theirs at their prices (``cost.over_price``) rather than take one extreme or the other."""
    step = (high - low) / (count + 1)
    return sorted({round(low + step * i) for i in range(1, count + 1)} - {low, high}) if high - low > 1 else []


def leave_room(search: Search, sid: int, rect: Placement, nohead: bool, rest: tuple[int, ...],
               cheap: list[int]) -> int:
    """When each of the ``cheap`` heights of story ``sid`` across ``rect`` leaves the rest of the
    stories less than the least area they fill at about their least cost (a lead with its photo 88
    lines deep, four stories in 9 lines under it, each a bare headline), its cheapest height that
    leaves them that area and itself ``MIN_DEPTH`` body lines (or all it needs) under its headline
    and photo; 0 when there is none or a cheap height leaves room enough. When none of the rest can
    open a side of a cut down (``rules.can_open``: no photo to go first, no vertical head), they can
    only be stacked across ``rect``'s whole span, so their least area is counted at that span, not at
    narrower spans they could never take side by side (review P's under-filled page: the lead was
    tried only 68-71 lines deep, leaving 30 lines for 39 of strips: 59 lines overset)."""
    low = room_need(search, rest, rect.span)
    if low == INF or any((rect.lines - h) * rect.span >= low for h in cheap):
        return 0
    table = search.leaf_table(sid, rect.span, nohead, search._above_ok(sid, rect))
    fits = [(c[0], h) for h in range(2, rect.lines - -(-int(low) // rect.span) + 1) if (c := table[h])[0] < INF
            and c[1] is not None and _body_depth(c[1], h) >= min(MIN_DEPTH, c[1][0].body_lines)]
    return min(fits)[1] if fits else 0


def room_need(search: Search, rest: tuple[int, ...], span: int) -> float:
    """The least area (grid cells) stories ``rest`` fill under a story across ``span`` columns
    (``leave_room``): their ``Search.ranges`` when one of them can open a side of a cut down, else
    the sum of their least areas across the whole span (all they can do is stack across)."""
    if any(can_open(search, i, narrower) for i in rest for narrower in range(1, span)):
        return search.ranges(rest, span)[0]
    return sum(_least_across(search, i, span) for i in rest)


def _least_across(search: Search, sid: int, span: int) -> float:
    """The least area (grid cells) story ``sid`` fills ``span`` columns wide at about its least cost
    there (at most ``cost.CHEAP`` more; ``Tables.span_costs``); INF when it has no height there."""
    from layout.makeup.tables import areas_upto

    costs = search.span_costs(sid, span)
    return min(areas_upto(costs, costs[0][0] + CHEAP)) if costs else INF


def _body_depth(option: Option, lines: int) -> int:
    """The body lines a story's slot ``lines`` tall leaves under its headline and photo (``option``)."""
    v, above, _ = option
    return lines - v.pad - v.head_lines - (above if above >= 0 else -above + GAP)
