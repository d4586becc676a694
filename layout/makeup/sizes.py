"""Headline sizes falling with priority on a finished page.

In:  a ``Search`` (its ``Measurer``) and one of its page's layouts (``Layout``).
Out: the same layout, each story's headline no larger than that of any more important story on the
     page where that leaves the story as the search placed it.

A story's headline takes its priority's step on the house ladder, capped by the house's size for its
span (``measure.headline_size``): so a 二条 set two columns wide takes the two-column size (小二) while
a 三条 across three columns keeps its own (二号), and the page reads the 三条 as the more important —
the held-out band pages had it on 11 of 30. The search prices each story's leaf by itself and cannot
see that rule, which binds stories in different rectangles; so it is kept here, on the layout found:
stories in priority order, each capped at the smallest headline of the stories before it. A capped
headline is taken only where its head group keeps the grid lines the search measured it at (a
smaller size never needs more), so every rectangle, photo, corner and fit stays as found; or where
the lines it frees become air around the group and the body stays where it was set: a story alone in
its slot (no photo, corner or box in it) whose render gives up to ``MAX_HEAD_AIR`` spare lines to its
head as air, when the balanced plan of its body (``layout.flow.distribute.plan``, as the render makes
it) is the same under the smaller group and starts on the same line, and the make-up's own count of
the slot (``Variant.fit``) is the same (the 撞题 band of a group with more air and fewer lines lies
within its old one, ``cost.head_band``). Else the story keeps its size
and the check reports the pair (``checks``: "sizes"). Headlines the plan sizes itself, and vertical
heads, are left as they are (a vertical head keeps its priority's size by rule).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from layout.flow.article import MAX_HEAD_AIR
from layout.flow.distribute import Unit, plan
from layout.makeup.search import overlap

if TYPE_CHECKING:
    from layout.makeup.measure import Variant
    from layout.makeup.search import Layout, Piece, Search

EPS = 0.01  # pt: sizes this close are the same size


def fall(search: Search, layout: Layout) -> Layout:
    """``layout`` with headlines capped at the smallest of the more important stories' (see the
    module's docstring); the layout itself when none changes."""
    heads = sorted((i for i, p in enumerate(layout.pieces) if p.variant is not None and p.variant.block.headline),
                   key=lambda i: (layout.pieces[i].story.priority, i))
    pieces, changed = list(layout.pieces), False
    done: list[tuple[int, float]] = []  # (priority, headline size) of the stories before
    for i in heads:
        piece = pieces[i]
        v = piece.variant
        assert v is not None and v.block.headline is not None
        size = v.block.headline.size_pt
        cap = min((s for pr, s in done if pr < piece.story.priority), default=size)
        if size > cap + EPS and not v.vertical and not piece.story.explicit_size:
            smaller = search.m.capped(v, cap)
            if smaller.head_lines == v.head_lines or _freed_to_air(search, layout.pieces, piece, smaller):
                pieces[i], size, changed = replace(piece, variant=smaller), cap, True
        done.append((piece.story.priority, size))
    return replace(layout, pieces=tuple(pieces)) if changed else layout


def _freed_to_air(search: Search, pieces: tuple[Piece, ...], piece: Piece, smaller: Variant) -> bool:
    """Whether ``piece``'s story, its head group set as ``smaller`` (fewer lines), keeps its body as set:
    nothing in its slot but itself (no other piece on its cells, no corner, no box: the render gives
    spare lines to the head as air only then), the body's balanced plan and first line the same, and
    the make-up's own count of its slot (``Variant.fit``: overset and empty lines) the same."""
    v, at = piece.variant, piece.at
    assert v is not None
    alone = v.block.box is None and piece.corner is None and not any(
        q is not piece and overlap(q.at, at) for q in pieces)
    if smaller.head_lines >= v.head_lines or not alone or smaller.fit(at.lines) != v.fit(at.lines):
        return False
    units = search.m.body_units(v)
    before = _body_set(units, v.columns, at.lines, v.head_lines)
    return before is not None and before == _body_set(units, v.columns, at.lines, smaller.head_lines)


Body = tuple[int, int, list[tuple[int, int, int]], tuple[frozenset[int], ...]]


def _body_set(units: list[Unit], columns: int, lines: int, head: int) -> Body | None:
    """Where the render (``layout.flow.article``) sets a body of ``units`` in ``columns`` columns of a
    slot ``lines`` grid lines tall under a head group of ``head`` lines, with nothing beside it: its
    first line (the group's lines and its air), its column height, each unit's (index, column, line)
    and the lines taken besides text; None when its plan does not fit."""
    height = lines - head
    chosen = plan(units, columns, height, tuple(frozenset() for _ in range(columns)), MAX_HEAD_AIR) if units else None
    if chosen is None:
        return None
    return head + min(MAX_HEAD_AIR, height - chosen.height), chosen.height, chosen.spots, chosen.taken
