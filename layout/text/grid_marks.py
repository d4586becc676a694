"""Two marks of a character-grid (字格) line set ½ em each, so that the line holds one cell more,
for ``grid``.

In:  a ``Prepared`` paragraph and the units (``grid_units.Unit``) of one line.
Out: the cheapest such pair and its price, or None: the compression balanced within the line, so
     the ideograph after the second mark is on the grid again (GB/T 15834 lets a mark's blank half
     go; W3C clreq on punctuation adjustment).
"""

from __future__ import annotations

import itertools

from layout.text.grid_units import Unit
from layout.text.prepare import Prepared
from layout.text.punct import Punct

HALF_COST = 250.0  # per mark set ½ em inside a line (two of them free a cell)
END_HALF_COST = 50.0  # a closing mark set ½ em at the line's end (GB/T 15834 line-end practice)
MAX_DISPLACED = 8  # the most units between the two marks (½ em off the grid until the second one)
DISPLACE_COST = 150.0  # per unit between two marks set ½ em


def half_pair(p: Prepared, line: list[Unit]) -> tuple[float, int, int] | None:
    """Two marks of a line set ½ em each, so that it holds one cell more: the cheapest pair
    (cost, index of the first, of the second) of marks next to each other in the line's order;
    the units between them stand ½ em off the grid (the next ideograph after the second is on
    it again: the compression balanced within the line). A mark may give up the blank half
    that faces away from its text (a closing or pause mark's right one, an opening mark's left
    one; never a blank that carries a typed space or faces a Latin group, never a mark that
    shares its cell, nor an opening mark that starts the line, nor 。？！ inside the line, which
    keep their white as 开明 keeps them full width); a closing mark that ends the line at less
    cost, as GB/T 15834 sets a line-end mark half width."""
    picks: list[tuple[int, float]] = []
    for t, u in enumerate(line):
        if u.run >= 0 or u.end - u.start != 1 or u.nests or (t + 1 < len(line) and line[t + 1].nests):
            continue
        if (t and line[t - 1].run >= 0) or (t + 1 < len(line) and line[t + 1].run >= 0):
            continue
        a = p.atoms[u.start]
        if a.keep_blank or (a.punct is Punct.OPEN and (t == 0 or a.trim_left_max < 0.45 * a.size)):
            continue
        end = t == len(line) - 1
        if a.punct in (Punct.CLOSE, Punct.PAUSE) or (a.punct is Punct.STOP and end):  # 。？！ keep their white
            if a.trim_right_max >= 0.45 * a.size:  # inside a line (开明 sets them full width too)
                picks.append((t, END_HALF_COST if end else HALF_COST))
        elif a.punct is Punct.OPEN:
            picks.append((t, HALF_COST))
    pairs = [(c1 + c2 + DISPLACE_COST * (t2 - t1 - 1), t1, t2) for (t1, c1), (t2, c2) in itertools.pairwise(picks)
             if t2 - t1 - 1 <= MAX_DISPLACED]
    return min(pairs) if pairs else None
