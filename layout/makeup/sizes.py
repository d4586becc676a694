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
smaller size never needs more), so every rectangle, photo, corner and fit stays as found; else the
story keeps its size and the check reports the pair (``checks``: "sizes"). Headlines the plan sizes
itself, and vertical heads, are left as they are (a vertical head keeps its priority's size by rule).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from layout.makeup.search import Layout, Search

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
            if smaller.head_lines == v.head_lines:
                pieces[i], size, changed = replace(piece, variant=smaller), cap, True
        done.append((piece.story.priority, size))
    return replace(layout, pieces=tuple(pieces)) if changed else layout
