"""Where the candidate ends of a line begin, and which carry a price, for the total-fit breaker (``linebreak``).

In:  the breaker's ``Measurer`` (prefix sums), its legal line ends and a line's start; a paragraph.
Out: the index in ``ends`` of the first end the breaker tries for that line; the breaks inside
     a short 《书名》 (``title_breaks``); whether a last line is a 孤字 (``is_orphan``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout.text.punct import Punct
from layout.text.stretch import EPS

if TYPE_CHECKING:
    from layout.text.linebreak import Break, Measurer
    from layout.text.prepare import Prepared

TITLE_MAX = 12  # titles up to this many characters are kept on one line where possible


def first_full(m: Measurer, ends: list[int], start: int, width: float, lo: int, near: int) -> int:
    """Index of the first break in ``ends`` from ``lo`` (the first after ``start``) whose line
    is at least ``width`` wide: a line only grows as it takes more atoms, so it is found by
    stepping from ``near`` (the answer for the start before), fewer steps than a bisection."""
    w, g, trims, s0, hi = m.w, m.g, m.ends, m.starts[start], len(ends)  # m.natural inline (its sums, in order)
    w0, g0 = w[start], g[start]
    k = near if lo < near < hi else lo
    if k >= hi:
        return hi
    end = ends[k]
    if w[end] - w0 + g[end - 1] - g0 - s0 - trims[end - 1] >= width:
        while k > lo:  # wide enough: back while the line before is too
            end = ends[k - 1]
            if w[end] - w0 + g[end - 1] - g0 - s0 - trims[end - 1] < width:
                break
            k -= 1
        return k
    k += 1
    while k < hi:
        end = ends[k]
        if w[end] - w0 + g[end - 1] - g0 - s0 - trims[end - 1] >= width:
            break
        k += 1
    return k


def keep_shorter(m: Measurer, ends: list[int], first: int, start: int, lo: int, avail: float,
                 last_resort: frozenset[int]) -> int:
    """``first``, the first candidate end of a line from ``start``, moved back to the legal end
    before it (past last resorts, not before ``lo``) when it is a last resort or too long: that
    shorter, looser line stays a candidate, priced as such, so a code is not broken for want of
    another break nor the paragraph sent to the greedy fallback."""
    if first >= len(ends) or (ends[first] - 1 not in last_resort
                              and m.natural(start, ends[first]) - m.max_shrink(start, ends[first]) <= avail + EPS):
        return first
    k = first - 1
    while k > lo and ends[k] - 1 in last_resort:
        k -= 1
    return max(lo, k)


def title_breaks(p: Prepared) -> set[int]:
    """Indices i such that a break after atom i falls inside a short 《…》 title."""
    inside: set[int] = set()
    if "《" not in [atom.ch for atom in p.atoms]:
        return inside
    opened: int | None = None
    for i, atom in enumerate(p.atoms):
        if atom.ch == "《":
            opened = i
        elif atom.ch == "》" and opened is not None:
            if i - opened - 1 <= TITLE_MAX:
                inside.update(range(opened, i))
            opened = None
    return inside


def is_orphan(p: Prepared, brk: Break) -> bool:
    """A last line of one character with only punctuation around it (孤字: 业。 场”。 《报》。)."""
    atoms = p.atoms[brk.start:brk.end]
    return sum(a.punct is Punct.NONE for a in atoms) == 1
