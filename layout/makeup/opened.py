"""A page left overset searched once more with both sides of every cut down free to open with a headline.

In:  a ``Search`` (``layout.makeup.search``) whose best layout (``fallback.wider``'s) still leaves copy
     overset, and that layout.
Out: the layout the open search finds, when it costs less and has no more 撞题; else the same.

Why: the plain search lets only one side of a cut down open with a headline, and a side that may not
(``nohead``: its neighbour's headline stands against it) passes that on to both parts of every cut
inside it, though only the part next to the neighbour stands beside its headline. So a side of two
columns whose left column opens with a photo and whose right column opens with a story's headline,
beside the photo, not beside the lead, is never made (held-out plan 19: a tabloid of 7 stories,
4 lines overset at a cost of 293, where such a side fits the page at 127.6 with no 撞题). The search
with ``Search.clash_ok`` set (the one ``fallback.clashing`` runs when nothing else is found) lets
both sides open with a headline and prices the 撞题 where they are joined, by the headline groups'
own lines, which is exact; here, as in every search, each 撞题 is priced at ``cost.COLLIDE`` (dearer than any page's
overset), so what it finds first is a layout without one, and a layout with more 撞题 than the page
had is never taken. It runs only on a page still overset whose copy could fit (its overset lines no
more than its empty lines and a line a body column: ``could_fit``; a page whose copy is longer than
the page stays as it is, and costs no more time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout.makeup.cost import PLAIN

if TYPE_CHECKING:
    from layout.makeup.search import Search, Solution

#: The open search's limits: the plain search's (a 撞题 dearer than any overset a page has, ``cost.COLLIDE``, so
#: that a layout without one is found first; as many rectangles a pass: 20 000 a pass found the same layouts on
#: the held-out plans 0-23 and 300-309 and took review AA's a8, overset with room to spare, from 6 to 12 s of CPU).
OPEN = PLAIN


def could_fit(search: Search, solution: Solution) -> bool:
    """Whether ``solution`` leaves copy overset that the page's empty lines could hold: its overset
    lines (by ``fallback.page_fill``) are at least one and at most its empty lines and a line a body
    column."""
    from layout.makeup.fallback import page_fill

    over, empty, columns = page_fill(search, solution)
    return 0 < over <= empty + columns


def open_search(search: Search, best: Solution) -> Solution:
    """``best``, or the layout of the page searched again with both sides of a cut down free to open
    with a headline (module docstring), when that costs less and has no more 撞题; only for a page
    that ``could_fit``. The search is marked as ``fallback.wider``'s (no search after it)."""
    from layout.makeup.fallback import WIDE, search_again, taken

    if best.cost == float("inf") or not could_fit(search, best):
        return best
    return taken(search, best, search_again(search, WIDE, OPEN, clash_ok=True))
