"""Rules of Chinese make-up the search applies where a rectangle is cut (not a story's own cost).

In:  a ``Search`` (``layout.makeup.search``), a story's index and a rectangle's span.
Out: whether the story can open a rectangle whose top has no headline (``can_open``): the side of
     a cut down whose neighbour's headline stands beside its top, where a headline would be 撞题;
     and the cuts across a rectangle tries (``openers``): which story goes across its top.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from layout.issue.model import Placement
    from layout.makeup.search import Search


def can_open(search: Search, sid: int, span: int) -> bool:
    """Whether story ``sid`` may open a rectangle ``span`` base columns wide without a headline on its
    first line: its photo may go above it (the picture first, the headline under it), or its head may
    be set vertically (a strip at its side, whose extent the 撞题 check reads). Structural only: the
    leaf itself (``layout.makeup.leaves.leaf``) still says whether it fits there, at what cost."""
    story = search.stories[sid]
    if story.lead or not story.min_span <= span <= story.max_span:
        return False
    return (story.photo is not None and story.photo.place in ("above", "any")) or bool(story.head_vertical)


def may_open(search: Search, ids: tuple[int, ...], rect: Placement) -> bool:
    """Whether any of stories ``ids`` might open ``rect`` without a headline on its first line (a
    necessary test, cheap): one with a photo (above it, or forced there: ``fallback.forced_leaf``) or
    a vertical head, no wider than ``rect`` at its least (``Search.open_spans``), and the lead only
    across the whole free area (its photo goes above it nowhere else: ``Search._above_ok``). A
    rectangle under ``nohead`` none of whose stories may open it has no layout: every way of filling it
    puts a headline on its first line. ``Search._solve`` says so at once in its ordered passes; searched,
    the sides of cuts down beside a headline whose stories have no photo spent half the page's limit of
    rectangles finding nothing (``plan-lead-photo.yaml``, whose lead has the only photo: 6 044 of the
    11 213 rectangles of its three passes). Not in the first pass, which only finds a budget: there the
    rectangles saved let it reach further and spend ``avoid.TIMES`` sooner (held-out plan 11, 0.50 empty
    lines a column for 0.79, where the ordered passes alone give the same page as before)."""
    first, last = search.free_columns
    across = rect.column <= first and rect.last_column >= last
    spans, stories = search.open_spans, search.stories
    return any(spans[i] <= rect.span and (across or not stories[i].lead) for i in ids)


def openers(search: Search, rect: Placement, ids: tuple[int, ...], nohead: bool) -> Iterator[tuple[int, int, bool]]:
    """The cuts across ``rect`` the search tries (``Search._across``), as (index in ``ids``, story,
    across the top): the first story (the lead, else the first in priority) across the top, any
    other but the lead across the foot; and under ``nohead`` (a neighbour's headline beside the
    top), when the first cannot open the rectangle without a headline, each story that can
    (``can_open``) across the top too.
    Without that, such a rectangle had no layout at all, and the page lost every way of sharing its
    stories that put one without a photo first beside the lead (held-out plan 300: 25 lines overset
    and a column of strips, where a page that fits exists)."""
    yield 0, ids[0], True
    alone = nohead and not can_open(search, ids[0], rect.span)
    for k, sid in enumerate(ids[1:], 1):
        if not search.stories[sid].lead:
            yield k, sid, False
            if alone and can_open(search, sid, rect.span):
                yield k, sid, True


def spans_fill(search: Search, ids: tuple[int, ...], span: int) -> bool:
    """Whether stories ``ids`` may fill a rectangle ``span`` base columns wide by their spans (a
    necessary test, cheap): one alone only within its ``min_span``–``max_span``; several no wider
    than their ``max_span`` side by side and no narrower than the narrowest ``min_span``."""
    stories = [search.stories[i] for i in ids]
    if len(stories) == 1:
        return stories[0].min_span <= span <= stories[0].max_span
    return min(s.min_span for s in stories) <= span <= sum(s.max_span for s in stories)
