"""The house limit on hyphen ladders (``style.hyphenation.max_consecutive``).

In:  a breaker as a function of the hyphenation points it may not end a line at (``banned``)
     giving (its total cost, its lines), a function naming the word whose hyphen a line ends
     at (``word_at``; None if it ends otherwise), and the limit.
Out: the lines, with no more than ``limit`` hyphenated lines in a row where the breaker can
     find such a sequence at a bearable price.

Three or more lines in a row ending in a hyphen (a ladder, 梯子) catch the eye down the
right edge of a column; houses cap them, commonly at two or three (TeX prices a pair with
\\doublehyphendemerits). A dynamic-programming breaker would need the run's length in its
state; instead the breaker is run again with the hyphens of one of the ladders' words
forbidden, each in turn, and the sequence cheapest with ``PRICE`` added for each hyphen past
the limit is kept, for a few rounds (each from the cheapest of the round before) or until no
ladder is left. A hyphen too many is less of a fault than a loose line or a 孤字, so a
ladder is kept rather than one of those made. A line ending at a compound's own hard hyphen
(sound-|proofed) stands in the run like one ending at an added hyphen, and the breaker may be run
with that one break forbidden too (review Z2: a run of `long-`, `low-`, `hand-` was never broken up).
Both the total-fit breaker (``linebreak``) and the character-grid breaker (``grid``) use it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from layout.text.grid_units import Unit
    from layout.text.prepare import Prepared

Line = TypeVar("Line")
PRICE = 5e6  # a hyphen past the limit is worth this many demerits: a few narrowed lines (``narrow``: 1e6 each),
# below a 孤字 last line (1e7) and a loose line (about 1e12)
ROUNDS = 4  # at most this many words' hyphens are forbidden in one paragraph
HARD = "-\u2010"  # hard hyphens: a line ending at one between letters counts in a ladder


def unladder(fit: Callable[[frozenset[int]], tuple[float, Sequence[Line]]], hyphen_at: Callable[[Line], int | None],
             limit: int, price: float = PRICE) -> list[Line]:
    """``fit``'s lines with hyphen ladders longer than ``limit`` (0: no limit) broken up where
    that costs at most ``price`` per hyphen (see the module docstring)."""
    cost, lines = fit(frozenset())
    if limit <= 0 or not excess(lines, hyphen_at, limit):
        return list(lines)
    best = current = (cost + price * excess(lines, hyphen_at, limit), lines, frozenset[int]())
    for _ in range(ROUNDS):  # each round from the cheapest of the last (even if dearer than the best: a
        banned = current[2]  # word's hyphen forbidden may move the ladder before it is broken up)
        tries = []
        for word in [w for run in ladders(current[1], hyphen_at, limit) for w in run]:
            c, found = fit(banned | {word})
            if c < math.inf:
                tries.append((c + price * excess(found, hyphen_at, limit), found, banned | {word}))
        if not tries:
            break
        current = min(tries, key=lambda t: t[0])
        best = min(best, current, key=lambda t: t[0])
        if not excess(best[1], hyphen_at, limit):
            break
    return list(best[1])


def word_at(p: Prepared, i: int) -> int:
    """The first atom of the Latin word that holds atom ``i`` (a hyphenation point's word: the
    breakers forbid a word's hyphens together, so that a hyphen does not move within it)."""
    letters = p.letters
    while i > 0 and letters[i - 1]:
        i -= 1
    return i


def hyphen_end(p: Prepared, end: int) -> int | None:
    """What a line ending after atom ``end`` (not a paragraph's last) counts as in a ladder: the
    word (``word_at``) whose hyphenation point it ends at; ``-1 - end`` for a hard hyphen between
    letters (sound-|proofed: a hyphen down the column's edge all the same, and the breakers forbid
    that one break, not the word's); else None."""
    if end in p.hyphens:
        return word_at(p, end)
    atoms = p.atoms
    if 0 < end < len(atoms) - 1 and atoms[end].ch in HARD and atoms[end - 1].ch.isalpha() \
            and atoms[end + 1].ch.isalpha():
        return -1 - end
    return None


def unit_word(p: Prepared, units: Sequence[Unit], j: int) -> int | None:
    """``hyphen_end`` of a grid line ending before unit ``j`` (``grid``: a Latin unit, ``run`` ≥ 0,
    not the paragraph's last), else None."""
    return hyphen_end(p, units[j - 1].end - 1) if j < len(units) and units[j - 1].run >= 0 else None


def ladders(lines: Sequence[Line], hyphen_at: Callable[[Line], int | None], limit: int) -> list[list[int]]:
    """The hyphenation points of each run of more than ``limit`` consecutive hyphenated lines."""
    runs: list[list[int]] = [[]]
    for line in lines:
        point = hyphen_at(line)
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if len(run) > limit]


def excess(lines: Sequence[Line], hyphen_at: Callable[[Line], int | None], limit: int) -> int:
    """How many hyphenated lines stand past ``limit`` in a run (a run of 4 with a limit of 2: 2)."""
    return sum(len(run) - limit for run in ladders(lines, hyphen_at, limit))
