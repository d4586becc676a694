"""Prepared paragraph + measure → line breaks: optimal (total fit) or greedy.

In:  ``Prepared`` and the available width of each line in pt.
Out: ``list[Break]``: the atom range of each line. No positions are made here.

Optimal (``break_optimal``, the default): Knuth–Plass style dynamic programming over every legal
break of the paragraph, minimising the sum of line demerits. Chinese costs: compressing punctuation
is cheaper than stretching the same amount; a line looser than the limit is heavily penalised; a 孤字
last line is nearly forbidden; a break inside a short 《书名》 costs extra; one inside a run with no
break point (``candidates.split_ends``) as a gaping line. Greedy, below, is kept as an option and as
the fallback when no break sequence fits.

Per line: take as many glyphs as fit at natural width (a closing mark at the line end counted half
width, GB/T 15834 §5.1.10). If a line may not break there (the next glyph may not start a line, or
the last may not end one), first try to *push in* up to the next legal break by compressing
punctuation, word spaces and Han–Latin gaps; only if that cannot absorb the overflow, *push out* to
the previous legal break (clreq: push-in before push-out). A run that has no legal break at all (an
over-long Latin word) is broken where it overflows, so text never leaves the column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from math import ceil, inf

from layout.text import narrow, prune, squeeze, wordbreak
from layout.text.candidates import first_full, is_orphan, keep_shorter, mild_breaks, split_ends, units_kept
from layout.text.ladder import hyphen_end, unladder, word_at
from layout.text.prepare import RIGHT_BLANK, Prepared
from layout.text.punct import Punct
from layout.text.stretch import (
    LATIN_GAP_MAX_EM,
    LETTER_SPACE_EM,
    LETTER_SQUEEZE_EM,
    GapRoom,
    Room,
    gap_rooms,
    loose,
    looseness,
)

__all__ = ["LATIN_GAP_MAX_EM", "LETTER_SPACE_EM", "Break", "Measurer", "break_greedy", "break_optimal"]

EPS = 1e-6
MIN_SPACE_EM = 0.25  # a word space never shrinks below ¼ em (clreq)
MIN_LATIN_GAP_EM = 0.2  # nor a Han–Latin gap below 0.2 em (the band around the nominal ¼ em)


@dataclass(frozen=True)
class Break:
    """One line: atoms [start, end); ``last`` for a paragraph's last line."""

    start: int
    end: int
    last: bool
    forced: bool = False  # broken inside an unbreakable run (nothing else fitted)


class Measurer:
    """Line widths over a Prepared paragraph in O(1) per query (prefix sums)."""

    def __init__(self, p: Prepared, open_half_at_start: bool,
                 half_at_end: frozenset[Punct] = frozenset(RIGHT_BLANK)) -> None:
        self.p = p
        self.open_half = open_half_at_start
        self.end_half = half_at_end  # the classes a line end sets half (the punctuation style's table)
        # prefix sums and per-atom trims, in one pass over the atoms (``start_trim`` and
        # ``end_trim`` written out: the same arithmetic). ``shrink``: the compressible width
        # of each atom plus of the gap after it (a word space to ¼ em, a Han–Latin gap to
        # 0.2 em, a letter gap by LETTER_SQUEEZE_EM)
        atoms, gaps, kinds, letters = p.atoms, p.gaps, p.kinds, p.letters
        n, n_gaps, n_letters = len(atoms), len(gaps), len(letters)
        end_half, open_, plain = self.end_half, Punct.OPEN, Punct.NONE
        plain_half = plain in end_half  # (a plain character is looked up once, not hashed for each)
        w, shrink, starts, lead, ends = [0.0], [0.0], [0.0] * n, [0.0] * n, [0.0] * n
        acc_w = acc_s = 0.0
        for i, a in enumerate(atoms):
            left, right = a.left, a.right
            acc_w = acc_w + (a.box - left - right)
            w.append(acc_w)
            room = 0.0 if a.keep_blank else (a.trim_right_max - right) + (a.trim_left_max - left)
            if i < n_gaps:
                kind, gap = kinds[i], gaps[i]
                if kind == "space":
                    room += max(0.0, gap - MIN_SPACE_EM * a.size)
                elif kind == "latin":
                    room += max(0.0, gap - MIN_LATIN_GAP_EM * a.size)
                elif i < n_letters and letters[i]:
                    room += LETTER_SQUEEZE_EM * a.size
            acc_s = acc_s + room
            shrink.append(acc_s)
            punct = a.punct
            if punct is open_:
                # the trims of a line starting at each atom (none at the paragraph's own start)
                if open_half_at_start:
                    starts[i] = 0.0 if i == 0 else a.trim_left_max - left
                else:
                    starts[i] = -left
                # the left blank of an opening mark that starts a line is never squeezed
                if not a.keep_blank:
                    lead[i] = a.trim_left_max - left
            # the trim of a line ending at it (none at the paragraph's end)
            if (plain_half if punct is plain else punct in end_half) and i != n - 1:
                ends[i] = a.trim_right_max - right
            if a.over_right or a.over_left:  # a Latin glyph's ink past its box stays inside the column
                ends[i] -= 0.0 if i in p.hyphens else a.over_right
                starts[i] -= a.over_left
        g = list(accumulate(gaps, initial=0.0))  # (the running sum of the gaps, in C)
        self.w, self.g, self.shrink, self.starts, self.lead, self.ends = w, g, shrink, starts, lead, ends
        for i, hyphen in p.hyphens.items():  # a line ending at a hyphenation point is a hyphen wider
            self.ends[i] -= hyphen.width
        self._next_legal: list[int] = []
        self._room: tuple[list[float], list[float], list[int], list[int], list[int], list[float]] | None = None
        self.gap_rooms: list[GapRoom] = []  # the room of each gap of the paragraph (``rooms`` fills it)

    def rooms(self) -> tuple[list[float], list[float], list[int], list[int], list[int], list[float]]:
        """Prefix sums of the gaps' rooms: space, latin, inter, letters, rest, marks (one list
        each, ``[0] + running sums``), built on first use."""
        if self._room is None:
            # each field's running sums (``accumulate``), the rooms read once and transposed
            self.gap_rooms = gap_rooms(self.p.atoms, self.p.kinds, self.p.gaps, self.p.letters)
            rows = [(r.space, r.latin, r.inter, r.letter, r.rest, r.mark) for r in self.gap_rooms]
            space, latin, inter, letters, rest, marks = zip(*rows) if rows else ((),) * 6
            self._room = (list(accumulate(space, initial=0.0)), list(accumulate(latin, initial=0.0)),
                          list(accumulate(inter, initial=0)), list(accumulate(letters, initial=0)),
                          list(accumulate(rest, initial=0)), list(accumulate(marks, initial=0.0)))
        return self._room

    def room(self, start: int, end: int) -> Room:
        """The stretch ``Room`` of the line [start, end) (``stretch``; prefix sums built on first use)."""
        space, latin, inter, letters, rest, marks = self.rooms()
        a, b = start, end - 1
        return Room(space[b] - space[a], latin[b] - latin[a], inter[b] - inter[a], letters[b] - letters[a],
                    rest[b] - rest[a], self.p.atoms[start].size, marks[b] - marks[a])

    def spread(self, start: int, end: int, avail: float, limit_em: float) -> float:
        """How loose the justified line [start, end) is set in ``avail`` pt (``stretch.plan``)."""
        extra = avail - self.natural(start, end)
        return looseness(extra, self.room(start, end), limit_em) if extra > EPS else 0.0

    def next_legal(self, end: int) -> int:
        """The first legal line end at or after ``end`` (``len(atoms)`` at the latest): where the
        unbreakable run through ``end`` ends. Built once per paragraph, on first use, in one pass
        from the end, so that a run spanning many lines is not walked again for every line."""
        if not self._next_legal:
            n = len(self.p.atoms)
            nxt = [n] * (n + 1)
            for i in range(n - 1, -1, -1):
                nxt[i] = i if i and self.p.breakable[i - 1] else nxt[i + 1]
            self._next_legal = nxt
        return self._next_legal[end]

    def start_trim(self, start: int, paragraph_start: bool) -> float:
        """Blank removed from an opening mark that starts a (non-first) line; negative when
        ``line_start_open_half`` is off and the mark had lost its left blank (开明 and 半角
        set it half, or it followed another mark): a line start gives it back, so the mark
        stays a full em in every punctuation style."""
        a = self.p.atoms[start]
        if a.punct is not Punct.OPEN:
            return -a.over_left  # a Latin glyph's ink left of its box moves inside the column
        if self.open_half:  # a paragraph's own start keeps the mark as prepared (display type sets it half)
            return 0.0 if paragraph_start else a.trim_left_max - a.left
        return -a.left

    def end_trim(self, last: int, paragraph_end: bool) -> float:
        """Blank removed from a closing or pause mark that ends a line (GB: set half); negative
        by a Latin glyph's ink past its box (the f of the Serif face), which stays inside the
        column (not before a hyphen, which then ends the line)."""
        a = self.p.atoms[last]
        over = 0.0 if last in self.p.hyphens else a.over_right
        if not paragraph_end and a.punct in self.end_half:
            return a.trim_right_max - a.right - over
        return -over

    def natural(self, start: int, end: int) -> float:
        """Width of atoms [start, end) on one line, with line-start and line-end trims."""
        return (self.w[end] - self.w[start] + self.g[end - 1] - self.g[start]
                - self.starts[start] - self.ends[end - 1])

    def max_shrink(self, start: int, end: int) -> float:
        """How much the line [start, end) can still be compressed (its last atom excluded,
        and its first atom's left blank if the line start already removed it)."""
        return self.shrink[end - 1] - self.shrink[start] - self.lead[start]


def break_greedy(p: Prepared, measure: Callable[[int], float], m: Measurer,
                 loose_limit_em: float = 0.25) -> list[Break]:
    """Break a paragraph into lines; ``measure(k)`` is the width of line k (see module docstring)."""
    n = len(p.atoms)
    if n == 0:
        return []
    breaks: list[Break] = []
    start = 0
    while start < n:
        avail = measure(len(breaks))
        end = start + 1
        while end < n and m.natural(start, end + 1) <= avail + EPS:
            end += 1
        if end == n and m.natural(start, end) <= avail + EPS:
            breaks.append(Break(start, n, True))
            break
        brk = _choose(p, m, start, end, avail, max(avail, measure(1)))
        breaks.append(brk)
        start = brk.end
    return _avoid_orphan(p, m, breaks, measure, loose_limit_em)


LINE_PENALTY = 10.0  # per line, so that fewer lines win between equals (TeX's \linepenalty)
STRETCH_UNIT_EM = 0.25  # a gap spread by this much costs a badness of 100
SQUEEZE_ABOVE_EM = 0.1  # a mid-line mark gives up ½ em only where the line would otherwise open this much
SHRINK_COST = 100.0 * (SQUEEZE_ABOVE_EM / 0.25) ** 3 / 0.5  # badness per em of compression (12.8): squeezing
# ½ em costs what stretching every gap by SQUEEZE_ABOVE_EM does
LOOSE = 1e6  # demerits of a line looser than the limit
OVERAGE = 1e7  # and per em it is looser: fewest loose lines first, then the least loose (below a 孤字's price)
OVER_UNIT_EM = 0.2  # a loose line parting ideographs costs (1 + (em past the limit / this)²) loose lines: one
# gaping 1.6 em is worse than many 0.1 em past it, so the deficit is spread over the lines before it
LOOSE_HAN = 1e9  # and if its spread parts two ideographs (not only letters, spaces and Han–Latin gaps),
# or it has no word space to take it (one character, or letters of a word or code, spaced past the limit)
ORPHAN = 1e7  # demerits of a 孤字 last line
HYPHEN = 3000.0  # demerits of a hyphenated line end (TeX's \hyphenpenalty 50, squared as demerits)
LAST_RESORT = 1e11  # a short word's hyphen (wordbreak.LAST_RESORT): worse than all but one more loose line
CODE_BREAK = LOOSE ** 2 * (1 + ((wordbreak.CODE_LIMIT_EM - 0.25) / OVER_UNIT_EM) ** 2) + LOOSE_HAN  # (wordbreak)
LOOSE_WINDOW_EM = 3.0  # lines shorter than the measure by more are not tried (but a paragraph's last)
LINE_FLOOR = LINE_PENALTY ** 2  # the least a line costs (``prune``)


def break_optimal(p: Prepared, measure: Callable[[int], float], m: Measurer, loose_limit_em: float = 0.25,
                  narrowest: float = 1.0, cap: int = 0, ladder: int = 0, extra: float = 0.0) -> list[Break]:
    """Total-fit line breaking (``_total_fit``), at most ``cap`` marks squeezed a line (``squeeze``), at most
    ``ladder`` hyphenated lines in a row (0: no limit), ``extra`` demerits more a line; units: ``units_kept``."""
    return units_kept(p, lambda numbers: unladder(
        lambda banned: _total_fit(p, measure, m, loose_limit_em, narrowest, cap, banned, extra, numbers),
        lambda brk: None if brk.last else hyphen_end(p, brk.end - 1), ladder))


def _total_fit(p: Prepared, measure: Callable[[int], float], m: Measurer, loose_limit_em: float,
               narrowest: float, cap: int, banned: frozenset[int], extra: float = 0.0,
               numbers: bool = False) -> tuple[float, list[Break]]:
    """Total-fit line breaking (see module docstring); greedy (at an infinite cost) if nothing fits.

    Demerits of a line: compressing costs ``SHRINK_COST`` per em; stretching is priced by the
    looseness ``line._expand`` will set (``stretch.plan``, here ``loose``), cubed, plus ``LOOSE``
    past the limit; a paragraph's last line costs nothing to leave short. The candidate lines
    after a break are the legal ends from the first at most ``LOOSE_WINDOW_EM`` short of the
    measure, up to the first that cannot be compressed enough; the prefix sums are read inline
    (the same sums in the same order: the same floats). A line that compresses no further may
    still narrow its Latin to ``narrowest`` (``narrow``, at ``narrow.cost``); one must when its
    marks are capped (``squeeze.within_cap``). No line ends at a hyphen of a word in ``banned``
    (``word_at``). Starts that cannot beat a greedy pass's cost are skipped (``prune``). Every line
    costs ``extra`` more (added to its start's cost, and to a line's floor: the same floats at 0.0)."""
    n = len(p.atoms)
    if n == 0:
        return 0.0, []
    latin = narrow.sums(m, narrowest)
    ends = [e for e in range(1, n) if p.breakable[e - 1]] + [n]  # the legal line ends (``_legal``)
    forced = split_ends(m, ends, measure(1))  # and inside a run too wide for a line, or a code: priced
    ends = sorted({*ends, *forced}) if forced else ends
    priced = mild_breaks(p, numbers)  # (a 《书名》's inside, a name's middle part, an address's . - _, a unit)
    hyphens, last_resort = p.hyphens, p.last_resort
    resort = last_resort | {e - 1 for e in forced} if forced else last_resort  # (never shadowing a looser line)
    atoms = p.atoms
    w, g, s_trim, e_trim, shrink, lead = m.w, m.g, m.starts, m.ends, m.shrink, m.lead
    r_space, r_latin, r_inter, r_letters, r_rest, r_marks = m.rooms()
    n_ends = len(ends)
    widths = (measure(0), measure(1))  # the first line's measure and every other line's
    loose_cut = loose_limit_em + EPS  # a line spread more is loose
    marked = bool(priced or hyphens or last_resort or forced or banned)  # breaks with a price of their own
    bound = prune.floor(m, latin, max(widths)) if w[n] - w[0] > prune.PROBE_LINES * widths[1] else None
    top, span, lat = bound if bound is not None else (0.0, 1.0, [])
    cut, pick, best, late, known_cut, floor = inf, 0, inf, False, inf, LINE_FLOOR + extra  # (floor: a line's least)
    passes = [True, False] if bound is not None else [False]  # a greedy pass, then the pruned search
    while passes:
        probing = passes.pop(0)
        cost_at: list[float | None] = [None] * (n + 1)
        prev_at = [-1] * (n + 1)
        cost_at[0], first = 0.0, 0
        for j, start in enumerate([0, *ends]):  # ends[j] is the first end after ``start``
            base = cost_at[start]
            if base is None or start == n:
                continue
            base += extra  # (every line from this start costs ``extra`` more)
            if probing:  # the cheapest line from the start the line before chose, in turn; in the last lines, all
                if start != pick and not late:
                    continue
                late = late or w[n] - w[start] <= prune.PROBE_END * widths[1]
                best = inf
            elif cut < inf and base - extra + floor * max(1, ceil(
                    (top - (w[start] + g[start] - shrink[start] - lat[start] + s_trim[start] - lead[start])) / span
                    - 1e-9)) > cut:
                continue  # on no best sequence: ``prune.lines_left`` lines at least are still to come
            avail = widths[0 if start == 0 else 1]
            size = atoms[start].size
            first = first_full(m, ends, start, avail - LOOSE_WINDOW_EM * size, j, first)
            limit = avail + EPS
            w0, g0, s0, k0, lead0 = w[start], g[start], s_trim[start], shrink[start], lead[start]
            space0, latin0, inter0 = r_space[start], r_latin[start], r_inter[start]
            if first < n_ends:  # ``keep_shorter``'s test, inline: its line compresses enough and is no last resort
                end = ends[first]
                if end - 1 in resort or (w[end] - w0 + g[end - 1] - g0 - s0 - e_trim[end - 1]
                                         - (shrink[end - 1] - k0 - lead0) > limit):
                    first = keep_shorter(m, ends, first, start, j, avail, resort)
            tail = (first >= n_ends or ends[-1] != n) and m.natural(start, n) <= limit
            for k in range(first, n_ends + 1 if tail else n_ends):  # _candidates, without copying ``ends``
                end = ends[k] if k < n_ends else n
                b = end - 1
                natural = w[end] - w0 + g[b] - g0 - s0 - e_trim[b]
                squeezed, narrowed, over_cap = natural - (shrink[b] - k0 - lead0), 0.0, 0.0
                if squeezed > limit:  # only narrowing its Latin (pt: ``narrowed``) can fit it
                    narrowed = squeezed - avail
                    if latin is None or narrowed > latin[end] - latin[start] + EPS:
                        break
                if cap and natural > limit:  # at most ``cap`` marks squeezed (``squeeze``)
                    narrowed, over_cap = squeeze.within_cap(m, start, end, cap, squeezed - avail, narrowed, latin)
                last = end == n
                diff = avail - natural
                if diff < -EPS:  # compress punctuation and gaps: cheaper than stretching the same amount
                    badness = SHRINK_COST * -diff / size
                elif last:
                    badness = 0.0
                else:
                    spread = 0.0
                    if diff > EPS:
                        inter = r_inter[b] - inter0
                        if r_space[b] == space0 and r_latin[b] == latin0 and \
                                diff <= inter * loose_limit_em * size:  # ``loose`` in its common case: stage C
                            spread = diff / inter / size
                        else:
                            spread = loose(diff, r_space[b] - space0, r_latin[b] - latin0, inter,
                                           r_letters[b] - r_letters[start], r_rest[b] - r_rest[start], size,
                                           r_marks[b] - r_marks[start], loose_limit_em)
                    badness = 100.0 * (spread / STRETCH_UNIT_EM) ** 3 + (LOOSE if spread > loose_cut else 0.0)
                if badness < LOOSE:  # (a term that would be 0.0 is not added: the same floats, every cost positive)
                    cost = (LINE_PENALTY + badness) ** 2
                else:
                    cost = (LINE_PENALTY + (LOOSE if badness > LOOSE else badness)) ** 2 + LOOSE
                    if not last and diff > EPS:  # among loose lines: one that parts ideographs past the limit
                        # first, then by how much it is loose (the square: spread, not gathered)
                        over = spread - loose_limit_em
                        cost += OVERAGE * over
                        if r_inter[b] > inter0 or r_space[b] == space0:  # (or no word space takes it: letters)
                            cost += cost * (over / OVER_UNIT_EM) ** 2 + LOOSE_HAN
                if narrowed or over_cap:
                    cost += (narrow.cost(narrowed, size) if narrowed else 0.0) + over_cap
                if last and end - start <= 6 and is_orphan(p, Break(start, end, True)):
                    cost += ORPHAN
                if marked:  # (adding 0.0 otherwise changes nothing)
                    if priced and end - 1 in priced:
                        cost += priced[end - 1]
                    if banned and (word_at(p, end - 1) if end - 1 in hyphens else -end) in banned:
                        continue  # a word's hyphens, or a compound's own hyphen, forbidden (``ladder.hyphen_end``)
                    if hyphens and end - 1 in hyphens:
                        cost += HYPHEN
                    if last_resort and end - 1 in last_resort:
                        cost += LAST_RESORT if end - 1 in hyphens else CODE_BREAK
                    if forced and end in forced:
                        cost += forced[end]
                total = base + cost
                known = cost_at[end]
                if known is None or total < known:
                    cost_at[end] = total
                    prev_at[end] = start
                if probing and cost < best:
                    best, pick = cost, end
        found = cost_at[n]
        if probing and bound is not None:  # a whole sequence's cost, or GUESS times the floor if less
            known_cut = inf if found is None else found * (1.0 + 1e-9) + EPS
            cut = min(known_cut, prune.GUESS * floor * prune.lines_left(bound, m, 0))
        elif cut < known_cut and (found is None or found * (1.0 + 1e-9) + EPS > cut):  # a guess too low: again
            cut = known_cut
            passes.append(False)
    total_cost = cost_at[n]
    if total_cost is None:
        return float("inf"), break_greedy(p, measure, m, loose_limit_em)
    breaks, end = [], n
    while end > 0:
        start = prev_at[end]  # a code broken after its hyphen (0871-|6598) to spare lines past its limit: reported
        breaks.append(Break(start, end, end == n, end in forced or (end < n and end - 1 in last_resort
                                                                     and end - 1 not in hyphens)))
        end = start
    return total_cost, breaks[::-1]


def _avoid_orphan(p: Prepared, m: Measurer, breaks: list[Break], measure: Callable[[int], float],
                  loose_em: float = 0.25) -> list[Break]:
    """Mend a 孤字 last line (clreq widows/orphans): first try to pull it into the line
    above by compressing that line; otherwise carry one more character down, which
    the line above absorbs by spreading (clreq; xeCJK ``CheckSingle``) — only as far
    as the loose limit ``loose_em``: a line looser than that is worse than the 孤字,
    which is kept (and reported)."""
    if len(breaks) < 2 or breaks[-1].end - breaks[-1].start > 6 or not is_orphan(p, breaks[-1]):
        return breaks
    prev, last = breaks[-2], breaks[-1]
    avail = measure(len(breaks) - 2)
    n = len(p.atoms)
    if m.natural(prev.start, n) - m.max_shrink(prev.start, n) <= avail + EPS:
        return [*breaks[:-2], Break(prev.start, n, True)]
    cut = last.start - 1
    while cut > prev.start + 1 and not _legal(p, cut):
        cut -= 1
    if cut <= prev.start + 1 or m.natural(cut, n) > measure(len(breaks) - 1) + EPS:
        return breaks
    if m.spread(prev.start, cut, avail, loose_em) > loose_em + EPS:
        return breaks
    return [*breaks[:-2], Break(prev.start, cut, False), Break(cut, n, True)]


def _legal(p: Prepared, end: int) -> bool:
    """May a line end after atom end-1?"""
    return end == len(p.atoms) or p.breakable[end - 1]


def _push_in(p: Prepared, m: Measurer, start: int, end: int, avail: float) -> Break | None:
    """Taking the glyphs up to the next legal break by compression, when that needs
    less adjustment than spreading the line as it is (a tighter, more even line)."""
    stretch = avail - m.natural(start, end)
    further = end + 1
    while further < len(p.atoms) and not _legal(p, further) and further - end < 4:
        further += 1
    if not _legal(p, further):
        return None
    squeeze = m.natural(start, further) - avail
    if squeeze < stretch - EPS and squeeze <= m.max_shrink(start, further) + EPS:
        return Break(start, further, further == len(p.atoms))
    return None


def _choose(p: Prepared, m: Measurer, start: int, end: int, avail: float, full: float) -> Break:
    """The break for a line whose natural fit is atoms [start, end); ``full`` is the
    widest measure any later line has."""
    n = len(p.atoms)
    if end > start and _legal(p, end) and m.natural(start, end) <= avail + EPS:
        tighter = _push_in(p, m, start, end, avail)
        return tighter or Break(start, end, end == n)
    further = end + 1 if m.natural(start, end) <= avail + EPS else end
    while further < n and not _legal(p, further) and further - end < 4:
        further += 1
    if _legal(p, further) and m.natural(start, further) - m.max_shrink(start, further) <= avail + EPS:
        return Break(start, further, further == n)  # push in
    back = end
    while back > start and not _legal(p, back):
        back -= 1
    run_end = m.next_legal(end)
    if start < back < end and m.natural(back, run_end) <= full + EPS:
        return Break(start, back, back == n)  # push out
    return _forced(p, m, start, end, avail)


def _forced(p: Prepared, m: Measurer, start: int, end: int, avail: float) -> Break:
    """A break inside a run too wide for any line (a long Latin word or URL): fill this
    line, cutting where no prohibition is broken and no —— or …… is split if possible."""
    n = len(p.atoms)
    cut = max(start + 1, end if m.natural(start, end) <= avail + EPS else end - 1)
    for soft in range(min(cut, n - 1), start, -1):
        if p.soft[soft - 1]:
            return Break(start, soft, False, forced=True)
    while start + 1 < cut < n and p.joins[cut - 1]:  # never inside a grapheme cluster
        cut -= 1
    return Break(start, cut, cut == n, forced=True)
