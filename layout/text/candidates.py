"""Where the candidate ends of a line begin, and which carry a price, for the total-fit breaker (``linebreak``).

In:  the breaker's ``Measurer`` (prefix sums), its legal line ends and a line's start; a paragraph.
Out: the index in ``ends`` of the first end the breaker tries for that line; the breaks inside
     a short 《书名》, between a number and its unit or after an address's . - _ (``mild_breaks``); whether a
     last line is a 孤字 (``is_orphan``); the forced ends inside a run too wide for any line (``split_ends``);
     a paragraph's lines with a number's unit kept with it where they are no more (``units_kept``).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

from layout.text.punct import MIDDLE, Punct
from layout.text.script import is_ideograph
from layout.text.stretch import EPS
from layout.text.wordbreak import address_marks

if TYPE_CHECKING:
    from layout.text.linebreak import Break, Measurer
    from layout.text.prepare import Prepared

TITLE_MAX = 12  # titles up to this many characters are kept on one line where possible …
TITLE_BREAK = 3000.0  # … at this price a break inside one (demerits: a hyphen's, TeX's \hyphenpenalty 50 squared)
NAME_PART = 6  # ideographs at most in a part of a transliterated name between two interpuncts (路德 of 马丁·路德·金) …
NAME_BREAK = 1e5  # … a break inside which costs more than any line within the loose limit ((10 + 100)² at most), less
# than a line whose Latin is narrowed (1e6), a 孤字 (1e7) or a loose line (``name_insides``; at a title's 3 000 a column
# of 14 broke 马丁·路|德·金 to spare a line tighter within the limit)
NUMBER_BREAK = 1000.0  # a break between a number and the unit or measure word after it (2026|年, 1.2|万亿元, 30|多人),
# or between 第 and its number (第|3版) (``number_ends``): what a line spread 0.15 em costs ((10 + 100 · 0.6³)²), so a
# unit stays with its number where lines a little looser (a character's white shared out) do it, not where a line
# opens further (at 3 000, on new copy at 7 widths, lines past 0.15 em rose from 24 to 32); and never at a line
# more or less (``units_kept``)
DIGITS = frozenset("0123456789０１２３４５６７８９")  # (ASCII and full-width)
NUMBER_INSIDE = frozenset(".,-．")  # what a number's run holds between or before its digits (1.2, 12,000, -3, ５．５)
UNIT_SIGNS = frozenset("%％‰‱℃℉°")  # signs read as a unit after a number where they are not joined to it already
MAGNITUDES = frozenset("十百千万亿多余")  # after a number's digits, part of the number (3.7万, 1.2万亿, 30多, 50余)
ADDRESS_BREAK = 5e6  # a break after an address's . , - _ ? (``wordbreak.address_marks``): dearer than any line
# within the loose limit ((10 + 100)² at most) or a line whose Latin is narrowed (``narrow.NARROWED``, 1e6), less than
# a 孤字 last line (1e7) or a loose line (about 1e12): taken only to spare one of those
SPLIT = 1e12 * (1 + ((1.0 - 0.25) / 0.2) ** 2) + 1e9  # a run with no break point is broken (reported) rather than
# leave a line parting ideographs past 1 em: priced as that line (``linebreak``: LOOSE² (1 + (over / 0.2)²) …)
SPLIT_INSIDE = 1e12 * (1 + ((1.5 - 0.25) / 0.2) ** 2) + 1e9  # ... between two digits or letters of a code: 1.5 em
CODE_SIDE = 3  # characters of the run kept on either side of such a break


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


def mild_breaks(p: Prepared, numbers: bool = False) -> dict[int, float]:
    """Indices i such that a break after atom i has a price of its own, with that price: inside a short
    《…》 title (``TITLE_BREAK``) or a middle part of a transliterated name (``NAME_BREAK``, ``name_insides``),
    or after the . , - _ ? of a URL or address, where Chicago breaks before them (``ADDRESS_BREAK``,
    ``address_ends``); with ``numbers``, also between a number and its unit (``NUMBER_BREAK``, ``number_ends``:
    the breaker asks so only where it keeps the paragraph's lines, ``units_kept``)."""
    worked = _worked_out(p)
    return worked[2] if numbers else worked[1]


def units_kept(p: Prepared, fit: Callable[[bool], list[Break]]) -> list[Break]:
    """``p``'s lines as ``fit(numbers)`` breaks them (``numbers``: with a break between a number and its unit
    priced, ``mild_breaks``). A line that ends with a number whose unit starts the next (2026|年, ``number_ends``)
    is a fault only where the paragraph has another setting as good: where the setting found unpriced has one,
    the paragraph is broken again with such breaks priced, and that setting is kept if it takes as many lines:
    a unit never lengthens a story, nor shortens it (a paragraph's lines are what copy is fitted by: the make-up's
    measures, the pull-back's, a designer's; priced, a paragraph that then took a line less moved the make-up's
    search on held-out pages, 13 of 138 made otherwise, more lines overset in a story more important than one set
    whole on three)."""
    plain = fit(False)
    units = _worked_out(p)[3]
    if not units or not any(not brk.last and brk.end - 1 in units for brk in plain):
        return plain
    kept = fit(True)
    return kept if len(kept) == len(plain) else plain


def address_ends(p: Prepared) -> frozenset[int]:
    """Indices i such that a line may end after atom i only at a price: the . , - _ ? of a URL or
    address (``wordbreak.address_marks``)."""
    return _worked_out(p)[0]


_Answers = tuple[frozenset[int], dict[int, float], dict[int, float], dict[int, float]]
_LAST: list[tuple[Prepared, _Answers]] = []  # the last paragraph asked and its answers


def _worked_out(p: Prepared) -> _Answers:
    """(``address_ends``, ``mild_breaks`` without and with numbers, ``number_breaks``) of ``p``, worked out once
    for the last paragraph asked (a strong reference, compared by identity: the breaker and the grid ask again
    and again of one paragraph, whose atoms and gap kinds nothing changes once it is broken)."""
    last = _LAST[0] if _LAST else None
    if last is not None and last[0] is p:
        return last[1]
    chars = [atom.ch for atom in p.atoms]
    marks = frozenset(address_marks(chars, p.kinds) if "/" in chars or "@" in chars or "." in chars else ())
    inside = dict.fromkeys(marks, ADDRESS_BREAK)
    if "《" in chars:
        opened: int | None = None
        for i, atom in enumerate(p.atoms):
            if atom.ch == "《":
                opened = i
            elif atom.ch == "》" and opened is not None:
                if i - opened - 1 <= TITLE_MAX:
                    inside.update(dict.fromkeys(range(opened, i), TITLE_BREAK))
                opened = None
    if any(dot in chars for dot in MIDDLE):
        for i in name_insides(chars):
            inside.setdefault(i, NAME_BREAK)
    numbers = dict.fromkeys(number_ends(chars), NUMBER_BREAK) if not DIGITS.isdisjoint(chars) else {}
    both = {**inside, **{i: max(price, inside.get(i, 0.0)) for i, price in numbers.items()}} if numbers else inside
    answers = (marks, inside, both, numbers)
    _LAST[:] = [(p, answers)]  # (one list item replaced at once: a thread reads one paragraph's or another's)
    return answers


def name_insides(chars: list[str]) -> list[int]:
    """Indices i of ``chars`` such that a break after i falls inside a part of a transliterated name that
    stands between two interpuncts (GB/T 15834-2011 4.15: 间隔号 between the parts of a foreign name) and
    runs two to ``NAME_PART`` ideographs: 路|德 of 马丁·路德·金. The interpunct neither starts nor ends a line
    (``punct.prohibition``), so such a name breaks only inside a part; the first and last parts' outer ends
    are not in the text (领袖马丁·路德·金发表: a break 金|发 is where the name ends), so only a middle part's
    insides are known, and priced.

    >>> name_insides(list("领袖马丁·路德·金发表演讲"))
    [5]
    """
    dots = [i for i, ch in enumerate(chars) if ch in MIDDLE]
    return [i for a, b in pairwise(dots) if 2 <= b - a - 1 <= NAME_PART
            and all(is_ideograph(ch) for ch in chars[a + 1:b]) for i in range(a + 1, b - 1)]


def number_ends(chars: list[str]) -> list[int]:
    """Indices i of ``chars`` such that a break after i parts a number from its unit or measure word: a digit
    (ASCII or full width) followed by an ideograph or a unit sign (``UNIT_SIGNS``), and 第 followed by a
    digit. Nearly every ideograph after a number is a unit, a measure word or a part of the number
    (年 月 日 时 万 亿 元 人 个 岁 米 倍, 多 余 of 30多人), which newspaper practice keeps with its number
    where the line allows, as style guides keep 15 kg together. An ideograph before a number is
    most often a word of its own (在|2026年, 共|30人, 约|5%), which may end a line; of these only
    the ordinal prefix 第 makes one word with its number. A magnitude or an approximation after the digits
    (``MAGNITUDES``: 3.7万次, 1.2万亿元, 30多人) is the number's: a break after it is priced too. A number
    that ends a code of letters (G20|峰会, COVID-19|疫情) is a name, after which a break is a break between
    words: not priced.

    >>> number_ends(list("在2026年第3版共1.2万亿元，G20峰会"))
    [4, 6, 7, 12, 13, 14]
    >>> number_ends(list("3.7万次，30多人"))
    [2, 3, 7, 8]
    """
    out = []
    for i, (ch, nxt) in enumerate(pairwise(chars)):
        if ch == "第" and nxt in DIGITS:
            out.append(i)
        elif ch in DIGITS and (is_ideograph(nxt) or nxt in UNIT_SIGNS):
            k = i
            while k > 0 and (chars[k - 1] in DIGITS or chars[k - 1] in NUMBER_INSIDE):
                k -= 1
            if k == 0 or not chars[k - 1].isalpha() or is_ideograph(chars[k - 1]):
                out.append(i)
                j = i + 1
                while j + 1 < len(chars) and chars[j] in MAGNITUDES and (is_ideograph(chars[j + 1])
                                                                       or chars[j + 1] in UNIT_SIGNS):
                    out.append(j)  # (3.7万|次, 1.2万|亿|元, 30多|人: the magnitude is the number's)
                    j += 1
    return out


def is_orphan(p: Prepared, brk: Break) -> bool:
    """A last line of one character with only punctuation around it (孤字: 业。 场”。 《报》。)."""
    atoms = p.atoms[brk.start:brk.end]
    return sum(a.punct is Punct.NONE for a in atoms) == 1


def split_ends(m: Measurer, ends: list[int], full: float) -> dict[int, float]:
    """Line ends inside a run with no legal break (``ends`` are the legal ones), with their
    price: after an atom a forced break may follow (``Prepared.soft``: no prohibition broken, no
    cluster split) with at least ``CODE_SIDE`` atoms of the run either side, in a run wider than
    a whole line (``full`` pt: a 40-digit number, broken no more often than its lines need) at
    ``SPLIT``, or in a code of letters and digits (DZ2026QX0041) that fits a line: between a
    letter and a digit at ``SPLIT``, between two letters or two digits at ``SPLIT_INSIDE``, so
    only where keeping it whole leaves a line gaping past 1 em (1.5 em). All are reported."""
    atoms, soft, start = m.p.atoms, m.p.soft, 0
    out: dict[int, float] = {}
    for end in ends:
        if end - start > 2 * CODE_SIDE:
            code = "".join(a.ch for a in atoms[start:end]).rstrip("，。、；：？！”’）》」』")
            wide = m.natural(start, end) > full + EPS
            if wide or (code.isascii() and code.isalnum() and not code.isalpha() and not code.isdigit()):
                out.update((start + k, SPLIT if wide or code[k - 1].isdigit() != code[k].isdigit() else SPLIT_INSIDE)
                           for k in range(CODE_SIDE, len(code) - CODE_SIDE + 1) if soft[start + k - 1])
        start = end
    return out
