"""A page left with 撞题 searched once more at a 撞题's old price, and the layout with fewer taken.

In:  a page's own first ``Search`` (``layout.makeup.search``) and its finished layout (``Solution``,
     after the second searches; ``give`` moves its cuts afterwards, in ``pages.search_page``).
Out: that layout, or the one a second search finds with a 撞题 priced as 3 overset lines
     (``CHEAP``), when that one has fewer 撞题 (``checks.collisions``, read from the pieces).

Every search prices a 撞题 above any overset (``cost.COLLIDE``), so a layout without one wins
wherever the search reaches one. A search cut short at its limit of rectangles does not reach
every layout, and the price changes what it prunes: review 28's r4 (7 columns, an ad fixed in the
foot, vertical heads allowed) ended with two 撞题, one beside the lead's headline, where the old
price had found a layout with one. So a page still left with a 撞题 is searched again at the old
price (``fallback.search_again``, marked ``fallback.WIDE``: more heights a story, no search after
it), and that layout is taken when it has fewer 撞题, whatever else it costs (a 撞题 is the rule a
desk never breaks; overset copy is cut). Pages without a 撞题 are never searched twice, nor is a
page's alternative layout (``--alternatives``) or a second search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout.makeup.cost import PLAIN

if TYPE_CHECKING:
    from layout.makeup.search import Search, Solution

CHEAP = PLAIN._replace(collide=120.0)  # a 撞题 as dear as 3 overset lines: the price before the twelfth round


def fewer(search: Search, best: Solution) -> Solution:
    """``best``, or the layout searched again at ``CHEAP`` when it has fewer 撞题 (module docstring)."""
    from layout.makeup.checks import collisions
    from layout.makeup.cost import NO_BANDS
    from layout.makeup.fallback import WIDE, search_again

    if best.cost == float("inf") or search in WIDE or search in NO_BANDS or search.banned:
        return best
    clashes = len(collisions(search.pieces(best)))
    if not clashes:
        return best
    again = search_again(search, WIDE, CHEAP)
    if again.cost == float("inf") or len(collisions(search.pieces(again))) >= clashes:
        return best
    return again
