"""Display type (headlines, cross-heads, banners) → lines broken between words, balanced.

In:  one part of a head text (no ``\\n``; it may hold the editor's break mark ¦),
     its ``TextStyle``, the fonts, the typography, a width (pt) and an alignment.
Out: the set lines (``SetLine``, glyph x from the left of ``width``) and the
     characters no font has; None when no set of breaks fits the width (an
     unbreakable run wider than it: the caller breaks it by force).

Breaking: a text that fits on one line is set on one line, and the word
dictionary is not consulted. Otherwise every legal break (GB/T 15834 prohibition
rules, from ``layout/text``) is graded by ``layout/flow/words.py`` and a dynamic
programme picks the lines, comparing in this order: fewest breaks inside a word,
fewest of those anywhere but where the word's own shorter words meet (可望而|不可及, not 可望而不|可及:
``Fit.NEAR``; as breaks inside words, before the count of lines), fewest breaks beside an affix or inside
a compound other than between its two words,
fewest breaks inside a 《》/“” group, fewest lines, fewest breaks between the two
words of a compound (工程|进度: no extra line is taken to avoid one), most of the
editor's marked breaks (the break mark ¦), then evenness (the least sum of squared line widths,
so no line is much shorter than the others; a line of one character costs as much as a whole extra
line's unevenness, a break beside a one-character word, such as 写在|高原, a twentieth of
that, and a break at a space typed between two phrases, 稳增长 促改革, gains ``PHRASE_GAIN``).

``set_words`` sets small display copy (captions, the 导读, datelines' names) as
justified lines that do not break inside words (a dateline's date may break between
its units, 11月|28日, where its whole words would leave a gappy line).

Display punctuation (W3C clreq "punctuation width adjustment"; GB/T 15834 §5.1):
a mark at the start or end of the text or of a line, and every mark next to
another mark, is set half width (its blank half removed); a colon between two
digits is a ratio colon and is set tight, its ink plus ``RATIO_SIDE_EM`` each side
(3∶2).
"""

from __future__ import annotations

from functools import lru_cache

from layout.flow.credits import credit_labels, label_spaces
from layout.flow.setting import Setting
from layout.flow.words import Fit, breaks, joints, phrase_spaces, strip_marks
from layout.issue.model import Typography
from layout.text import restyle
from layout.text.font import FontBook
from layout.text.line import SetLine, set_line
from layout.text.linebreak import Break, Measurer, break_optimal
from layout.text.paragraph import (
    SetParagraph,
    ladders,
    pulled_setting,
    said,
    set_paragraph,
    set_unsaid,
    typed,
)
from layout.text.prepare import FULL, RIGHT_BLANK, Prepared, TextStyle, prepare
from layout.text.punct import Punct
from layout.text.rules import rules
from layout.text.script import is_space

DIGITS = frozenset("0123456789０１２３４５６７８９")  # (ASCII and full-width)
DATE_UNITS = "年月"  # a date's units a line may end on, inside a dateline (``_date_joint``)
EPS = 1e-6
RATIO = "∶:："
RATIO_SIDE_EM = 0.08  # side bearing of a ratio colon's ink, em
ONE_CHAR_COST = 1.0  # a one-character line costs this many squared measures
WEAK_COST = 0.05  # a break beside a one-character word (写在|高原) costs this much evenness
PHRASE_GAIN = 0.07  # a break at a space typed between two phrases (``words.phrase_spaces``) is worth this much
# evenness: two lines a, b of the measure sum a² + b², so it is taken over an even break while |a - b| is under
# √(2 × 0.07), about 0.37 of the measure (全面推进乡村振兴 / 加快建设农业强省取得新成效). At 0.05 three of the tests'
# headlines lost their phrase break


def set_display(text: str, style: TextStyle, setting: Setting, width: float,
                align: str, punct: tuple[str, str] = ("half", "tight"),
                credit: bool = False) -> tuple[list[SetLine], tuple[str, ...]] | None:
    """``text`` set as display lines ``width`` pt wide (see module docstring); ``punct`` is
    the house's display punctuation (``style.display_punct``: marks ``half`` or ``full``,
    ratio colons ``tight`` or ``full``); ``credit``: a byline (its roles kept with their names:
    ``credits.label_spaces``). Results are cached, as ``set_paragraph``'s are, so
    a re-render sets only what changed."""
    found = _display_cached(text, style, setting.book, setting.typo, width, align, punct, credit)
    return None if found is None else (list(found[0]), found[1])


def inside_breaks(text: str, style: TextStyle, setting: Setting, width: float, align: str,
                  punct: tuple[str, str] = ("half", "tight"), credit: bool = False) -> tuple[str, ...]:
    """The breaks ``set_display`` (same arguments) takes inside a word or between a number
    and its unit (graded ``Fit.NEAR`` or ``Fit.INSIDE``), each as the text around it with a bar at the
    break (``2026|年``); () when it takes none or sets no lines."""
    found = _display_cached(text, style, setting.book, setting.typo, width, align, punct, credit)
    return () if found is None else found[2]


@lru_cache(maxsize=4096)
def _display_cached(text: str, style: TextStyle, book: FontBook, typo: Typography, width: float,
                    align: str, punct: tuple[str, str], credit: bool = False,
                    ) -> tuple[tuple[SetLine, ...], tuple[str, ...], tuple[str, ...]] | None:
    """``set_display`` itself, with the ``inside_breaks`` it took."""
    clean, marks = strip_marks(text)
    p = prepare([(clean, style)], book, typo)
    if not p.atoms:
        return (), (), ()
    display_punctuation(p, punct[0] == "half", punct[1] == "tight")
    m = Measurer(p, True, frozenset(RIGHT_BLANK))
    n = len(p.atoms)
    if m.natural(0, n) - m.max_shrink(0, n) <= width + EPS:
        return (set_line(p, m, Break(0, n, True), width, align),), tuple(p.missing), ()
    grades = _grades(clean, p, marks, credit)
    ends = _choose(p, m, grades, width)
    if ends is None:
        return None
    starts = [0, *ends[:-1]]
    lines = tuple(set_line(p, m, Break(s, e, e == n), width, align) for s, e in zip(starts, ends))
    pos = [i for i, ch in enumerate(clean) if not is_space(ch)]
    inside = tuple(f"{clean[max(0, pos[e] - 4):pos[e]]}|{clean[pos[e]:pos[e] + 4]}"
                   for e in ends[:-1] if (grade := grades[e][0]) is not None and grade >= Fit.NEAR)
    return lines, tuple(p.missing), inside


def set_words(runs: list[tuple[str, TextStyle]], setting: Setting, measure: float,
              indent: float = 0.0, align: str = "justify", protect: tuple[bool, ...] | None = None) -> SetParagraph:
    """See ``_words_cached`` (results are cached, keyed by the fonts and typography of ``setting``;
    what a setting warns of is logged on every call, ``paragraph.said``)."""
    return said(_words_cached(tuple(runs), setting.book, setting.typo, measure, indent, align, protect)[0])


@lru_cache(maxsize=4096)
def _words_cached(runs_in: tuple[tuple[str, TextStyle], ...], book: FontBook, typo: Typography, measure: float,
                  indent: float, align: str, protect: tuple[bool, ...] | None) -> tuple[SetParagraph, bool]:
    """Small display copy set like a paragraph (captions, the 导读 in a box, a dateline's
    reporter names): justified lines ``measure`` pt wide (the first ``indent`` shorter),
    broken by the text engine's optimal breaker, but never inside a word or compound
    (``Fit.SUB``, ``Fit.INSIDE``) of the runs ``protect`` names (all by default); a word
    wider than the measure is still broken. Where whole words would leave a line spread
    beyond the typography's limit, text protected as a whole (``protect`` None) is
    broken as body text is; in named runs (a dateline) a date may then break between its
    units (11月|28日, ``_date_joint``) where that leaves them less gappy (``_less_gappy``), and the
    names stay whole all the same. The editor's break marks are removed. On a character grid
    the grid paragraph setter is used as it is. Logs nothing: what it warns of is in the value
    (``paragraph.said``). Returned with whether a date was let break (``words_pulled_back``
    keeps the same words whole)."""
    runs = [(strip_marks(text)[0], style) for text, style in runs_in]
    if typo.char_grid:
        return set_unsaid(runs, book, typo, measure, indent, align), False
    p = prepare(runs, book, typo)
    if not p.atoms:
        return SetParagraph((), ()), False
    m = Measurer(p, typo.line_start_open_half, rules(typo).half_at_end)
    if m.natural(0, len(p.atoms)) <= measure - indent + EPS:
        return set_unsaid(runs, book, typo, measure, indent, align), False
    dates = protect is not None and _has_joint(runs, protect)  # (a date a line may break in: ``_date_joint``)
    free = list(p.breakable)  # (the breaks before any word is kept whole)
    _protect(runs, p, protect)
    lines, loose = _justified(p, m, typo, measure, indent, align)
    credits = any(credit_labels(text) for text, _ in runs)  # (a credit's roles and names: ``credits``)
    if credits and any(line.forced for line in lines):  # (a role and its name too wide for a line together)
        lines, loose = _again(p, free, runs, protect, typo, measure, indent, align, words=True)
    dated = False
    if loose and protect is None:  # whole words would leave a gappy line: break as body text does …
        plain = set_unsaid(runs, book, typo, measure, indent, align)
        if len(plain.loose) < len(loose) and not credits:
            return plain, False
        if len(plain.loose) < len(loose):  # … but for a credit's roles and names, kept whole still
            kept = _again(p, free, runs, protect, typo, measure, indent, align, words=False)
            lines, loose = kept if len(kept[1]) < len(loose) else (lines, loose)
    else:
        plain = SetParagraph((), ())  # (a setting tried and not kept still warns, as it always has)
        if loose and dates:  # a dateline's words whole leave a gappy line: its date may break between its units
            p.breakable[:] = free
            _protect(runs, p, protect, dates=True)
            m = Measurer(p, typo.line_start_open_half, rules(typo).half_at_end)  # (its breaks read afresh)
            again = _justified(p, m, typo, measure, indent, align)
            dated = _less_gappy(again[1], loose, typo)
            if dated:
                lines, loose = again  # (else ``p`` is read for its atoms and hyphens only: its breaks do not matter)
    found = restyle.in_runs(lines, runs, book)  # (as set_paragraph finds them)
    return SetParagraph(tuple(lines), tuple(p.missing), loose, loose_typed=tuple(typed(p, line) for line in loose),
                        variants=plain.variants, restyled=plain.restyled + tuple(found),
                        ladders=ladders(p, lines, typo.hyphen_ladder)), dated


def _again(p: Prepared, free: list[bool], runs: list[tuple[str, TextStyle]], protect: tuple[bool, ...] | None,
           typo: Typography, measure: float, indent: float, align: str,
           words: bool) -> tuple[list[SetLine], tuple[SetLine, ...]]:
    """``p`` set again (``_justified``) from its breaks ``free``, a credit's role and name now free to part (a line
    may end on 本报记者 when it and the name after it are too wide for a line together) and its names and roles
    still whole; ``words``: the other words of the ``protect``-ed runs whole too."""
    p.breakable[:] = free
    _protect(runs, p, protect, roles=False, words=words)
    return _justified(p, Measurer(p, typo.line_start_open_half, rules(typo).half_at_end), typo, measure, indent, align)


def _justified(p: Prepared, m: Measurer, typo: Typography, measure: float, indent: float,
               align: str) -> tuple[list[SetLine], tuple[SetLine, ...]]:
    """``p`` broken by the optimal breaker at ``measure`` pt (the first line ``indent`` shorter) and set,
    and those of its lines spread past the typography's limit."""
    widths = lambda k: measure - (indent if k == 0 else 0.0)  # noqa: E731 - line k's measure
    breaks = break_optimal(p, widths, m, typo.loose_limit_em, ladder=typo.hyphen_ladder)  # (the house's ladder limit)
    lines = []
    for k, brk in enumerate(breaks):
        shift = indent if k == 0 else 0.0
        line = set_line(p, m, brk, measure - shift, align)
        lines.append(line.shifted(shift) if shift else line)
    return lines, tuple(line for line in lines if line.spread_em > typo.loose_limit_em + 1e-9)


def _less_gappy(new: tuple[SetLine, ...], old: tuple[SetLine, ...], typo: Typography) -> bool:
    """Whether loose lines ``new`` are less gappy than ``old``: their spread past the typography's limit less in
    all (em, summed: one line at 1.5 em is worse than two at 0.4 and 0.8, two at 0.5 worse than one at 0.6)
    and no line of them spread more than the widest of ``old``."""
    def excess(loose: tuple[SetLine, ...]) -> float:
        return sum(line.spread_em - typo.loose_limit_em for line in loose)

    widest = max((line.spread_em for line in old), default=0.0)
    return excess(new) < excess(old) - EPS and all(line.spread_em <= widest + EPS for line in new)


def _has_joint(runs: list[tuple[str, TextStyle]], protect: tuple[bool, ...]) -> bool:
    """Whether a run ``protect`` names holds a date's joint (``_date_joint``)."""
    return any(keep and any(_date_joint(text, b) for b in range(1, len(text)))
               for (text, _), keep in zip(runs, protect))


def set_body(runs: list[tuple[str, TextStyle]], styles: list[str], boxed: bool, setting: Setting,
             measure: float, indent: float, align: str) -> SetParagraph:
    """A body paragraph: with ``set_words`` where it is display copy (every paragraph of
    a boxed article such as the 导读, a right-aligned sign-off such as a ``byline_end``, and the
    dateline run 本报讯（记者 王琼梅） of any paragraph), else with the text engine's ``set_paragraph``
    as it is."""
    if boxed or align == "right":  # (a right-aligned line is a sign-off, ``byline_end``: its names whole)
        return set_words(runs, setting, measure, indent, align)
    if "dateline" in styles:
        return set_words(runs, setting, measure, indent, align, tuple(s == "dateline" for s in styles))
    return set_paragraph(runs, setting.book, setting.typo, measure, indent, align)


def words_pulled_back(runs: list[tuple[str, TextStyle]], setting: Setting, measure: float, indent: float,
                      align: str, protect: tuple[bool, ...]) -> SetParagraph | None:
    """``set_words`` of a body paragraph opening with a dateline (``protect`` names its runs kept whole),
    pulled back (缩行) as ``paragraph.set_pulled_back`` pulls running text: fewer lines, the names still
    whole, within the house's limits (``paragraph.pulled_setting``: at most ``style.squeeze.marks_per_line``
    marks squeezed a line, and so on); None when not so, or on the character grid."""
    return _words_pulled(tuple(runs), setting.book, setting.typo, measure, indent, align, protect)


@lru_cache(maxsize=1024)
def _words_pulled(runs_in: tuple[tuple[str, TextStyle], ...], book: FontBook, typo: Typography, measure: float,
                  indent: float, align: str, protect: tuple[bool, ...]) -> SetParagraph | None:
    """``words_pulled_back`` itself."""
    plain, dated = _words_cached(runs_in, book, typo, measure, indent, align, protect)
    if typo.char_grid or len(plain.lines) < 2:
        return None
    runs = [(strip_marks(text)[0], style) for text, style in runs_in]
    p = prepare(runs, book, typo)
    m = Measurer(p, typo.line_start_open_half, rules(typo).half_at_end)
    _protect(runs, p, protect, dated)
    return pulled_setting(p, m, plain, typo, measure, indent, align)


def _protect(runs: list[tuple[str, TextStyle]], p: Prepared, protect: tuple[bool, ...] | None,
             dates: bool = False, roles: bool = True, words: bool = True) -> None:
    """Forbid breaks inside the words of the runs ``protect`` names (all when None) in ``p``, their preparation;
    ``dates``, ``roles``, ``words``: as ``_keep_words`` reads them."""
    offset = 0
    for k, (text, _) in enumerate(runs):
        pos = _atom_chars(text, p, offset)  # the run's atoms (a cluster's tail is not one)
        if len(pos) > 1 and (protect is None or protect[k]):
            _keep_words(text, pos, p, offset, dates, roles, words)
        offset += len(pos)


def _keep_words(text: str, pos: list[int], p: Prepared, offset: int, dates: bool = False, roles: bool = True,
                words: bool = True) -> None:
    """Forbid breaks inside the words of ``text``, a run whose atoms start at ``offset`` (``pos``: the
    index in ``text`` of each of its atoms, ``_atom_chars``), and inside a credit's role and its names
    (``credits.credit_labels``: 本报记者 龙舟 摄 breaks only between two names; with ``roles`` False, also
    between a role and its name; with ``words`` False, the credit's alone); ``dates``: not between a date's
    units."""
    fits, labels = breaks(text), credit_labels(text)
    for j in range(len(pos) - 1):
        a, b = pos[j], pos[j + 1]
        if words and b - a == 1 and fits[b - 1] >= Fit.SUB and not (dates and _date_joint(text, b)):
            p.breakable[offset + j] = False
        elif labels and (k := a + 1 if b - a > 1 else b) in labels and (roles or labels[k] is not Fit.SUB):
            p.breakable[offset + j] = False  # (a credit's role and name: ``credits``)


def _date_joint(text: str, b: int) -> bool:
    """Whether a break before ``text[b]`` falls between two units of a date: after 年 or 月 and before a digit
    (2026年|11月|28日). A figure stays with its unit (28|日 is not one), 第 with its figure (第19届), a time whole."""
    return text[b - 1] in DATE_UNITS and text[b] in DIGITS


def _atom_chars(text: str, p: Prepared, offset: int) -> list[int]:
    """The index in ``text`` of the first character of each atom from ``offset`` that ``text``
    holds: spaces are gaps, not atoms, and a cluster's tail (a variation selector, a joiner and
    what it joins) belongs to its atom, so the two do not count alike."""
    out: list[int] = []
    i, k = 0, offset
    while k < len(p.atoms):
        while i < len(text) and (is_space(text[i]) or text[i] == "\u00ad"):  # (a typed soft hyphen: no atom)
            i += 1
        if i >= len(text):
            break
        out.append(i)
        i += len(p.atoms[k].cluster)
        k += 1
    return out


def _grades(clean: str, p: Prepared, marks: frozenset[int],
            credit: bool = False) -> dict[int, tuple[Fit | None, bool, bool]]:
    """For each legal line end ``e`` (a break after atom e - 1): its word grade (``None``
    for a break between the two words of a compound, ``words.joints``), whether the
    editor marked it with the break mark ¦, and whether it is at a space typed between two
    phrases (``words.phrase_spaces``: 稳增长 促改革, not iPhone 17 Pro)."""
    pos = _atom_chars(clean, p, 0)  # atom → character index
    fits, joint, phrases = breaks(clean), joints(clean), phrase_spaces(clean)
    labels = label_spaces(clean) if credit else {}  # (a byline's roles and names: ``credits``)
    out: dict[int, tuple[Fit | None, bool, bool]] = {}
    for j, ok in enumerate(p.breakable):
        if not ok:
            continue
        a, b = pos[j], pos[j + 1]
        grade = Fit.WORD if b - a > 1 else None if b in joint else fits[b - 1]  # a space: a word boundary
        if labels and (k := a + 1 if b - a > 1 else b) in labels:  # (a role and its name: ``credits``)
            grade = labels[k]
        if b - a == 1 and numeral_glued(clean, b):
            grade = Fit.INSIDE
        out[j + 1] = (grade, any(k in marks for k in range(a + 1, b + 1)), any(k in phrases for k in range(a + 1, b)))
    return out


NUMERALS = "〇零一二两三四五六七八九十百千万亿"
NUMERAL_TENS = "十百千万亿两"  # a numeral with one of these is a number, not a word's 一 or 三
NUMERAL_UNITS = "年月日时周届次期个岁号名项所位家座条元米倍天轮批层人级"


def numeral_glued(text: str, i: int) -> bool:
    """Whether a break before ``text[i]`` parts a number in Chinese numerals from its unit,
    its 第 or itself (十二|周年, 三十|年, 第|十二届, 十|二): it must not break, as 2026|年 must
    not. A run counts as a number when it has two numerals or one of ``NUMERAL_TENS``, or
    follows 第; a single 一 or 三 is left to the word dictionary (一带一路, 三峡)."""
    start = i
    while start > 0 and text[start - 1] in NUMERALS:
        start -= 1
    end = i
    while end < len(text) and text[end] in NUMERALS:
        end += 1
    run = text[start:end]
    if not run:
        return False
    ordinal = start > 0 and text[start - 1] == "第"
    number = ordinal or len(run) >= 2 or any(ch in NUMERAL_TENS for ch in run)
    if not number:
        return False
    if start < i < end:
        return True  # 十|二
    if i == start:
        return ordinal and i > 0 and text[i - 1] == "第"  # 第|十二
    return text[i] in NUMERAL_UNITS  # 十二|周年, 三十|年


Cost = tuple[int, int, int, int, int, int, int, float]
LEAD = 7  # the counted terms of a Cost before evenness


def _choose(p: Prepared, m: Measurer, grades: dict[int, tuple[Fit | None, bool, bool]],
            width: float) -> list[int] | None:
    """Line ends (atom indices, the last ``len(p.atoms)``) by the module's order of
    preference, or None if no breaks fit."""
    n = len(p.atoms)
    points = [0, *sorted(grades), n]
    best: dict[int, tuple[Cost, int]] = {0: ((0, 0, 0, 0, 0, 0, 0, 0.0), -1)}
    for e in points[1:]:
        grade, marked, phrase = grades.get(e, (Fit.WORD, False, False))
        inside = grade is not None and grade >= Fit.NEAR  # (inside a word: ``NEAR`` where its own words meet)
        step = (int(inside), int(grade is Fit.INSIDE), int(grade is Fit.SUB), int(grade is Fit.GROUP), 1,
                int(grade is None), -int(marked))
        for s in points:
            if s >= e:
                break
            if s not in best or m.natural(s, e) - m.max_shrink(s, e) > width + EPS:
                continue
            w = m.natural(s, e) / width
            even = w * w + (ONE_CHAR_COST if e - s == 1 else 0.0) + (WEAK_COST if grade is Fit.WEAK else 0.0) - (
                PHRASE_GAIN if phrase else 0.0)
            prior = best[s][0]
            cost: Cost = (*(c + d for c, d in zip(prior[:LEAD], step)), prior[LEAD] + even)  # type: ignore[assignment]
            if e not in best or cost < best[e][0]:
                best[e] = (cost, s)
    if n not in best:
        return None
    ends, e = [], n
    while e > 0:
        ends.append(e)
        e = best[e][1]
    return ends[::-1]


def display_punctuation(p: Prepared, half: bool = True, tight: bool = True) -> None:
    """Set marks half width at the text's start and end and next to other marks (with
    ``half``), and ratio colons tight (with ``tight``), in place; see module docstring."""
    atoms = p.atoms
    for i, a in enumerate(atoms if half else ()):
        if a.punct not in FULL:
            continue
        near = [i + d for d in (-1, 1) if 0 <= i + d < len(atoms) and p.kinds[min(i, i + d)] != "space"]
        if i in (0, len(atoms) - 1) or any(atoms[k].punct in FULL for k in near):
            a.left, a.right = a.trim_left_max, a.trim_right_max
    for i in range(1, len(atoms) - 1 if tight else 1):
        if atoms[i].ch in RATIO and atoms[i - 1].ch.isdigit() and atoms[i + 1].ch.isdigit():
            _tight_colon(p, i)


def _tight_colon(p: Prepared, i: int) -> None:
    """The colon at atom ``i`` as a ratio sign: its ink plus a small side bearing, no
    gaps beside it and no break."""
    a = p.atoms[i]
    ink = a.face.ink_em(a.ch) if not a.missing else None
    left, right = ink if ink else (0.4, 0.6)
    side = RATIO_SIDE_EM
    if a.punct is Punct.OPEN or a.ink_off:
        return
    a.box = (right - left + 2 * side) * a.size
    a.ink_off = (side - left) * a.size
    a.left = a.right = a.trim_left_max = a.trim_right_max = 0.0
    a.punct = Punct.NONE
    for k in (i - 1, i):
        p.gaps[k], p.kinds[k], p.breakable[k] = 0.0, "none", False
