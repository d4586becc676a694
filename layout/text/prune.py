"""Which line starts the total-fit breaker (``linebreak._total_fit``) may skip: a bound on the lines left.

In:  the breaker's ``Measurer`` (prefix sums), the prefix sums of what its Latin may narrow
     (``narrow.sums``, or None) and the widest measure a line has (pt).
Out: ``Floor``, three numbers from which the breaker reads, for any line start ``s``, a lower
     bound on how many lines the paragraph still needs from ``s`` (``lines_left``). Every line
     costs at least ``LINE_PENALTY``², so a start whose best cost so far plus that many lines'
     worth is dearer than a whole break sequence already found (``linebreak``'s first, greedy
     pass) lies on no best sequence, and is not tried: the same breaks and costs come out,
     with fewer candidate lines priced.

The bound: every candidate line [s, e) the breaker prices, compressed as far as it may be
(its marks' and gaps' room, its Latin narrowed), is at most its measure wide; written in
prefix sums that width is ``A[e] - B[s]``, so k lines from ``s`` to the paragraph's end, with
breaks e₁ … e_{k-1}, have ``A[n] - B[s] - Σ (B[eᵢ] - A[eᵢ]) ≤ k · widest``; with ``d`` at least
every ``B[e] - A[e]``, ``k ≥ (A[n] - B[s] + d) / (widest + d)``.
"""

from __future__ import annotations

from math import ceil
from operator import sub
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from layout.text.linebreak import Measurer

SLACK_PT = 1e-3  # added to the widest measure: far above the rounding of the sums (and the breaker's EPS)


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
