"""Which line starts the total-fit breaker (``linebreak._total_fit``) may skip: a bound on the lines left.

In:  the breaker's ``Measurer`` (prefix sums), the prefix sums of what its Latin may narrow
     (``narrow.sums``, or None) and the widest measure a line has (pt).
Out: ``Floor``, three numbers from which the breaker reads, for any line start ``s``, a lower
     bound on how many lines the paragraph still needs from ``s`` (``lines_left``). Every line
     costs at least ``LINE_PENALTY``², so a start whose best cost so far plus that many lines'
     worth is dearer than a whole break sequence already found lies on no best sequence, and
     is not tried. That sequence comes from a greedy pass (each line the cheapest from where
     the one before ended; every break tried in the last ``PROBE_END`` lines). Every start on a
     best sequence is tried, so the same breaks and costs come out (between equal sequences the
     same one: each of them is tried, in the same order), with fewer candidate lines priced.
     Where the greedy sequence is dear (a loose line, a 孤字), the search first prunes by
     ``GUESS`` times the floor of the whole paragraph and keeps what it finds only if that is
     within the guess; else it searches again, pruning by the greedy sequence.

The bound: every candidate line [s, e) the breaker prices, compressed as far as it may be
(its marks' and gaps' room, its Latin narrowed), is at most its measure wide; written in
prefix sums that width is ``A[e] - B[s]``, so k lines from ``s`` to the paragraph's end, with
breaks e₁ … e_{k-1}, have ``A[n] - B[s] - Σ (B[eᵢ] - A[eᵢ]) ≤ k · widest``; with ``d`` at least
every ``B[e] - A[e]``, ``k ≥ (A[n] - B[s] + d) / (widest + d)``. (A finer floor, the natural
widths' compression priced too, pruned a tenth more starts but cost more than it saved: this
test runs for every start the search reaches, and must be a few operations.)
"""

from __future__ import annotations

from math import ceil
from operator import sub
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from layout.text.linebreak import Measurer

SLACK_PT = 1e-3  # added to the widest measure: far above the rounding of the sums (and the breaker's EPS)
PROBE_LINES = 3.0  # a paragraph longer than this many measures is first broken greedily, to prune by,
PROBE_END = 1.5  # but for its last lines, where every break is tried (a 孤字 or a loose last line avoided)
GUESS = 1.5  # a greedy pass dearer than this many times the floor (lines left from the start): pruned by this first


class Floor(NamedTuple):
    """``A[n] + d`` (pt), ``widest + d`` (pt, positive) and the narrowing sums (zeros without Latin)."""

    top: float
    span: float
    latin: list[float]


def floor(m: Measurer, latin: list[float] | None, widest: float) -> Floor | None:
    """The terms of ``lines_left`` for ``m``'s paragraph; None when the bound would be void."""
    n = len(m.p.atoms)
    lat = latin if latin is not None else [0.0] * (n + 1)
    w, g, shrink, starts, ends, lead = m.w, m.g, m.shrink, m.starts, m.ends, m.lead
    if n < 2 or len(g) < n:
        return None
    # B[e] - A[e] = gap(e-1) - room(e-1) + starts[e] - lead[e] + ends[e-1]: each part at its largest
    d = (max(map(sub, g[1:n], g[:n - 1])) - min(map(sub, shrink[1:n], shrink[:n - 1]))
         + max(starts) - min(lead) + max(ends))
    span = widest + SLACK_PT + d
    if span <= SLACK_PT:
        return None
    top = w[n] + g[n - 1] - shrink[n - 1] - lat[n] - ends[n - 1] + d
    return Floor(top, span, lat)


def lines_left(f: Floor, m: Measurer, s: int) -> int:
    """At least how many lines the paragraph needs from atom ``s`` on (``linebreak`` writes this out)."""
    b = m.w[s] + m.g[s] - m.shrink[s] - f.latin[s] + m.starts[s] - m.lead[s]
    return max(1, ceil((f.top - b) / f.span - 1e-9))
