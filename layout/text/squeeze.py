"""The house cap on squeezed marks per line (``style.squeeze.marks_per_line``).

In:  a paragraph's ``Measurer`` (or a set line's atoms) and the cap.
Out: for the breaker, how much of a line's compressible mark blank lies beyond the cap
     (``excess``) and what a candidate line then needs or costs (``within_cap``); for the
     line setter, which marks may give up blank (``allowed``) and how many did (``squeezed``).

A justified line that must tighten takes blank from its word spaces, its marks (clreq's
order: middle dots, brackets and quotes, 、，；：, then 。？！), its Han–Latin gaps and its
letters. A line with many marks squeezed reads cramped — mark after mark touches the next
ideograph — so a house limits how many marks one line may set narrower than full width.
Here a line may squeeze at most ``cap`` marks, chosen as the ones with the most blank to
give (clreq's order between equals, then the first on the line); the breaker counts only
their blank as the line's mark room, so it prefers other breaks, and narrowing the line's
Latin (``narrow``) comes before a mark past the cap. A line that can only be set with more
marks squeezed is set so and reported (``SetLine.squeezed``), like a loose line.
A cap of 0 is no cap; a line with no more compressible marks than the cap is set exactly
as without one.
"""

from __future__ import annotations

from itertools import accumulate, compress, repeat
from operator import attrgetter, lt
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from layout.text.prepare import Atom
from layout.text.punct import Punct

if TYPE_CHECKING:
    from layout.text.linebreak import Measurer

EPS = 1e-6
#: the classes of marks a line squeezes, in clreq's reduction order (``line._MARK_STEPS``, then 。？！)
ORDER = {Punct.MIDDLE: 0, Punct.OPEN: 1, Punct.CLOSE: 1, Punct.PAUSE: 2, Punct.STOP: 3}
OVER_CAP = 1e12  # demerits of a line set with more marks squeezed than the cap: as a loose line (``linebreak.LOOSE``²)

_ROOMS: WeakKeyDictionary[Measurer, tuple[list[float], list[int]]] = WeakKeyDictionary()


def room(a: Atom) -> float:
    """The blank (pt) a mid-line mark can still give up; 0 for anything else and for a mark
    whose blank carries a typed word space (as ``line._room`` reads it)."""
    if a.punct not in ORDER or a.keep_blank:
        return 0.0
    return (a.trim_left_max - a.left) + (a.trim_right_max - a.right)


def _rooms(m: Measurer) -> tuple[list[float], list[int]]:
    """Each atom's mark room and the prefix counts of atoms that have some, built once per paragraph."""
    kept = _ROOMS.get(m)
    if kept is None:
        rooms = rooms_of(m.p.atoms)
        kept = rooms, list(accumulate(map(lt, repeat(EPS), rooms), initial=0))
        _ROOMS[m] = kept
    return kept


def rooms_of(atoms: list[Atom]) -> list[float]:
    """``room`` of each atom: asked only of the marks of a class a line squeezes (``ORDER``, found
    in C), 0.0 for the rest, as ``room`` gives them."""
    rooms = [0.0] * len(atoms)
    for i in compress(range(len(atoms)), map(ORDER.__contains__, map(_PUNCT, atoms))):
        rooms[i] = room(atoms[i])
    return rooms


_PUNCT = attrgetter("punct")


def excess(m: Measurer, start: int, end: int, cap: int) -> float:
    """The mark blank (pt) of the line [start, end) beyond the ``cap`` marks with the most
    (its last atom excluded, as the line's own end trim takes that one; its first atom only
    by its right side, as a line start is never squeezed): 0 if it has at most ``cap``."""
    rooms, counts = _rooms(m)
    if end - 1 <= start or counts[end - 1] - counts[start] <= cap:
        return 0.0
    first = m.p.atoms[start]
    line = [max(0.0, first.trim_right_max - first.right) if rooms[start] > EPS else 0.0, *rooms[start + 1:end - 1]]
    line = sorted((r for r in line if r > EPS), reverse=True)
    return sum(line[cap:]) if len(line) > cap else 0.0


def within_cap(m: Measurer, start: int, end: int, cap: int, short: float, narrowed: float,
               latin: list[float] | None) -> tuple[float, float]:
    """A candidate line [start, end) that must compress, with marks capped: the pt its Latin
    must narrow (``narrowed``, what it needed uncapped, or more) and the extra demerits of
    setting it past the cap (0 or ``OVER_CAP``). ``short``: how far the line, fully
    compressed without a cap, is still wider than its measure (negative: it fits)."""
    over = excess(m, start, end, cap)
    if over <= EPS:
        return narrowed, 0.0
    need = short + over
    if need <= narrowed + EPS:
        return narrowed, 0.0
    give = latin[end] - latin[start] if latin is not None else 0.0
    return (need, 0.0) if need <= give + EPS else (narrowed, OVER_CAP)


def allowed(marks: list[Atom], cap: int, rooms: list[float] | None = None) -> set[int] | None:
    """The indices of the marks among ``marks`` (a line's atoms but its last) that may give up
    blank: all (None) when at most ``cap`` have any, else the ``cap`` with the most blank (in
    clreq's order between equals, then the first). ``rooms``: ``rooms_of(marks)`` if the caller has it."""
    rooms = rooms_of(marks) if rooms is None else rooms
    have = [(-r, ORDER[marks[i].punct], i) for i, r in enumerate(rooms) if r > EPS]
    if cap <= 0 or len(have) <= cap:
        return None
    return {i for _, _, i in sorted(have)[:cap]}


def squeezed(before: list[float], marks: list[Atom]) -> int:
    """How many of ``marks`` gave up blank, given each one's ``room`` before the line was compressed."""
    return sum(1 for r, a in zip(before, marks) if r > EPS and room(a) < r - EPS)
