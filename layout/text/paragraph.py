"""One call for the text stages: runs → prepared → breaks → set lines.

In:  styled runs, a measure (pt), a first-line indent (pt) and an alignment.
Out: ``Paragraph``: the set lines and what the preparation reported (missing
     glyphs). Set lines have glyph x offsets from the column's left edge.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from layout.issue.model import Typography
from layout.logger import LOGGER, where
from layout.text import restyle
from layout.text.candidates import is_orphan
from layout.text.font import FontBook
from layout.text.grid import set_grid_paragraph
from layout.text.grid_justify import HalfLine, OffGridLine, WhiteLine
from layout.text.ladder import hyphen_end
from layout.text.line import SetLine, set_line
from layout.text.linebreak import Measurer, break_greedy, break_optimal
from layout.text.prepare import Prepared, TextStyle, prepare
from layout.text.rules import Breaking, rules


@dataclass(frozen=True)
class SetParagraph:
    """A paragraph's lines plus the characters no font could draw."""

    lines: tuple[SetLine, ...]
    missing: tuple[str, ...]
    loose: tuple[SetLine, ...] = ()  # justified lines spread beyond the typography's limit
    short: tuple[SetLine, ...] = ()  # char_grid lines (not a paragraph's last) left short of the column or
    # justified off the grid (``OffGridLine``), and any with two marks set ½ em (``HalfLine``) or ½ em of white
    # beside a Latin group (``WhiteLine``): all reported
    off_grid: bool = False  # char_grid asked, but no grid setting fits: set as running text (reported)
    loose_typed: tuple[str, ...] = ()  # each loose line's text with the copy's typed spaces (``typed``)
    short_typed: tuple[str, ...] = ()  # ... and each ``short`` line's
    # What ``said`` warns of each time the paragraph is used (a cached setting included):
    variants: tuple[tuple[str, str], ...] = ()  # (variation sequence, face) drawn in the standard form
    restyled: tuple[tuple[str, str, str], ...] = ()  # (ideograph, face, line shown) in another style's face
    ladders: tuple[tuple[str, int, int], ...] = ()  # hyphen ladders past the house limit the breaker kept (every
    # layout without them was worse): (the first line past the limit as typed, the run's length, the limit)

    def loose_lines(self) -> list[tuple[SetLine, str]]:
        """Each loose line with its text for a message: as typed (word spaces included, even
        where none is drawn, as on the character grid), a hyphen the breaker added as "-"."""
        said = self.loose_typed if len(self.loose_typed) == len(self.loose) else [line.shown for line in self.loose]
        return list(zip(self.loose, said))

    def short_lines(self) -> list[tuple[SetLine, str]]:
        """Each ``short`` line with its text for a message, as ``loose_lines`` gives it."""
        said = self.short_typed if len(self.short_typed) == len(self.short) else [line.shown for line in self.short]
        return list(zip(self.short, said))


def typed(p: Prepared, line: SetLine) -> str:
    """The characters of ``line`` (atoms ``line.start`` to ``line.end`` of ``p``) with a space
    wherever the copy typed one between them (a word space, 记者 王琼梅, also one a mark's blank
    carries), and "-" for a hyphen the breaker added."""
    atoms, kinds = p.atoms, p.kinds
    out = []
    for i in range(line.start, line.end):
        out.append(atoms[i].cluster)
        if i < line.end - 1 and kinds[i] == "space":
            out.append(" ")
    return "".join(out) + ("-" if line.hyphenated else "")


def set_paragraph(runs: list[tuple[str, TextStyle]], book: FontBook, typo: Typography,
                  measure: float, indent: float = 0.0, align: str = "justify") -> SetParagraph:
    """Typeset one paragraph into lines of width ``measure`` (the first ``indent`` shorter).

    Results are cached (paragraphs are immutable values), so re-rendering an edited
    issue sets again only the paragraphs that changed; what a setting warns of is logged on
    every call, a cached one included (``said``)."""
    return said(_set_cached(tuple(runs), book, typo, measure, indent, align))


def set_unsaid(runs: list[tuple[str, TextStyle]], book: FontBook, typo: Typography,
               measure: float, indent: float = 0.0, align: str = "justify") -> SetParagraph:
    """``set_paragraph`` logging nothing: for a cached caller that keeps the findings in its own
    value (``display.set_words``) and has ``said`` log them on each use."""
    return _set_cached(tuple(runs), book, typo, measure, indent, align)


def said(sp: SetParagraph) -> SetParagraph:
    """Log what ``sp`` warns of (variation sequences drawn in the standard form, then ideographs
    in a face of another style, hyphen ladders past the house limit and lines set with more marks
    squeezed than the house cap, naming
    the block being laid out) and return it: called by the
    uncached callers, so a cached setting warns on every use."""
    for pair, face in sp.variants:
        LOGGER.warning("variation sequence %s (%s) has no glyph of its own in %s: drawn in the standard form, "
                       "copied out with its selector", pair, " ".join(f"U+{ord(c):04X}" for c in pair), face)
    restyle.warn(sp.restyled)
    for said_line, run, limit in sp.ladders:  # kept by ``ladder.unladder``: every layout without it was worse
        LOGGER.warning("hyphen ladder: %s'%s' is hyphenated line %d of %d in a row, more than the house allows (%d, "
                       "style.hyphenation.max_consecutive): every break sequence without it sets a loose line or "
                       "worse", f"{where()}: " if where() else "", said_line, limit + 1, run, limit)
    for line in sp.lines:  # a line only more marks squeezed than the house allows could fit (``squeeze``)
        if line.squeezed:
            LOGGER.warning("tight line: %s'%s' squeezes %d marks narrower than full width, more than the house "
                           "allows (style.squeeze.marks_per_line)", f"{where()}: " if where() else "", line.shown,
                           line.squeezed)
    return sp


@lru_cache(maxsize=8192)
def _set_cached(runs: tuple[tuple[str, TextStyle], ...], book: FontBook, typo: Typography,
                measure: float, indent: float, align: str) -> SetParagraph:
    """``set_paragraph`` itself, logging nothing (its findings are in the value, ``said``)."""
    entry = _entry(runs, book, typo)
    p: Prepared = entry[0]
    variants = tuple((pair, next(a.face.name for a in p.atoms if a.ch == pair[0])) for pair in p.variants)
    if not p.atoms:
        return SetParagraph((), ())
    off_grid = typo.char_grid and align == "justify"
    if off_grid:
        grid_lines = set_grid_paragraph(p, measure, indent, align, typo.hyphen_ladder)
        if grid_lines is not None:
            short = tuple(line for k, line in enumerate(grid_lines) if isinstance(line, (HalfLine, WhiteLine)) or (
                k < len(grid_lines) - 1 and (not line.justified or isinstance(line, OffGridLine))))
            loose = tuple(line for line in grid_lines if line.spread_em > typo.loose_limit_em + 1e-9)
            return SetParagraph(grid_lines, tuple(p.missing), loose, short=short,
                                loose_typed=tuple(typed(p, line) for line in loose),
                                short_typed=tuple(typed(p, line) for line in short),
                                variants=variants, restyled=_restyled(p.restyled, grid_lines),
                                ladders=ladders(p, grid_lines, typo.hyphen_ladder))
    resolved = rules(typo)
    m = _measurer(entry, typo)
    widths = lambda k: measure - (indent if k == 0 else 0.0)  # noqa: E731 - line k's measure
    if resolved.breaking is Breaking.GREEDY:
        breaks = break_greedy(p, widths, m, typo.loose_limit_em)
    else:
        breaks = break_optimal(p, widths, m, typo.loose_limit_em, typo.latin_narrowest, typo.squeeze_marks,
                               typo.hyphen_ladder)
    lines = []
    for k, brk in enumerate(breaks):
        shift = indent if k == 0 else 0.0
        lines.append(set_line(p, m, brk, measure - shift, align, typo.loose_limit_em, typo.latin_gap_em, shift,
                              typo.latin_narrowest, typo.squeeze_marks))
    loose = tuple(line for line in lines if line.spread_em > typo.loose_limit_em + 1e-9)
    return SetParagraph(tuple(lines), tuple(p.missing), loose, off_grid=off_grid,
                        loose_typed=tuple(typed(p, line) for line in loose),
                        variants=variants, restyled=_restyled(p.restyled, lines),
                        ladders=ladders(p, lines, typo.hyphen_ladder))


PULL_BACK = 1e10  # demerits of every line in a paragraph pulled back (``set_pulled_back``): more than a 孤字 (1e7),
# a hyphen or Latin narrowed within the house's limit cost, less than a loose line (1e12), a line past the marks
# cap (``squeeze.OVER_CAP``) or a code's last-resort break (1e11): the fewest lines by what a line may do anyway


def set_pulled_back(runs: list[tuple[str, TextStyle]], book: FontBook, typo: Typography,
                    measure: float, indent: float = 0.0, align: str = "justify") -> SetParagraph | None:
    """The paragraph ``set_paragraph`` sets, pulled back (缩行): set in fewer lines by tightening
    lines within the house's limits (punctuation squeezed, at most ``style.squeeze.marks_per_line``
    marks a line; word spaces and Han–Latin gaps to their least; Latin narrowed no further than
    ``style.glyph_scaling``), or None when no such setting is shorter, or the shorter one sets a
    line loose, past the marks cap, broken inside a run, with a hyphen ladder or with a 孤字 last
    line. Logs nothing: what it could warn of, it refuses (its missing glyphs are the paragraph's
    own, which ``set_paragraph`` reports). Running text only (not the character grid, not greedy)."""
    return _pulled(tuple(runs), book, typo, measure, indent, align)


@lru_cache(maxsize=1024)
def _pulled(runs: tuple[tuple[str, TextStyle], ...], book: FontBook, typo: Typography,
            measure: float, indent: float, align: str) -> SetParagraph | None:
    """``set_pulled_back`` itself."""
    plain = _set_cached(runs, book, typo, measure, indent, align)
    if len(plain.lines) < 2 or (typo.char_grid and align == "justify") \
            or rules(typo).breaking is Breaking.GREEDY:
        return None
    entry = _entry(runs, book, typo)
    p: Prepared = entry[0]
    m = _measurer(entry, typo)
    return pulled_setting(p, m, plain, typo, measure, indent, align)


def pulled_setting(p: Prepared, m: Measurer, plain: SetParagraph, typo: Typography, measure: float, indent: float,
                   align: str) -> SetParagraph | None:
    """The paragraph ``p`` (``m``: its ``Measurer``) set in the fewest lines the breaker finds at ``PULL_BACK``
    a line, ``measure`` pt wide (the first ``indent`` shorter), when that is fewer lines than ``plain`` (its
    setting as it is) and keeps the house's limits: no more forced breaks, no 孤字 last line, no loose line,
    none past the marks cap, no more or longer hyphen ladders; else None (``set_pulled_back``,
    ``display.words_pulled_back``)."""
    widths = lambda k: measure - (indent if k == 0 else 0.0)  # noqa: E731 - line k's measure
    breaks = break_optimal(p, widths, m, typo.loose_limit_em, typo.latin_narrowest, typo.squeeze_marks,
                           typo.hyphen_ladder, PULL_BACK)
    if len(breaks) >= len(plain.lines) or sum(b.forced for b in breaks) > sum(line.forced for line in plain.lines) \
            or is_orphan(p, breaks[-1]):
        return None
    lines = tuple(set_line(p, m, brk, widths(k), align, typo.loose_limit_em, typo.latin_gap_em,
                           indent if k == 0 else 0.0, typo.latin_narrowest, typo.squeeze_marks)
                  for k, brk in enumerate(breaks))
    found = ladders(p, lines, typo.hyphen_ladder)
    if any(line.spread_em > typo.loose_limit_em + 1e-9 or line.squeezed for line in lines) \
            or len(found) > len(plain.ladders) or max((run for _, run, _ in found), default=0) > max(
                (run for _, run, _ in plain.ladders), default=0):
        return None
    return SetParagraph(lines, plain.missing, variants=plain.variants, restyled=_restyled(p.restyled, lines),
                        ladders=found)


#: Prepared paragraphs (and their Measurers) kept for setting the same runs at another measure
#: (make-up measures each story at many widths, one story after another). A paragraph's
#: ``Prepared`` holds an object per character (about 1 KB each), so one is kept only once its
#: runs are prepared a second time (a paragraph set at one measure, as in a render, is never
#: kept), and only the ``PREPARED_CACHE`` most recent (a story's worth and more).
PREPARED_CACHE = 16
ASKED_CACHE = 8192  # runs prepared once, remembered (as keys) to tell a second time
_Key = tuple[tuple[tuple[str, TextStyle], ...], FontBook, Typography]
_kept: OrderedDict[_Key, list[Any]] = OrderedDict()  # key → [Prepared, Measurer or None]
_asked: OrderedDict[_Key, None] = OrderedDict()
_lock = threading.Lock()


def least_width(runs: list[tuple[str, TextStyle]], book: FontBook, typo: Typography) -> float:
    """The narrowest measure (pt) ``runs`` are set in without a break inside what the rules keep whole
    (a word, a number, a mark and what it may not be parted from): the widest stretch between two legal
    line ends, at its natural width with a line's trims. A narrower measure breaks one by force."""
    entry = _entry(tuple(runs), book, typo)
    p: Prepared = entry[0]
    m, start, widest = _measurer(entry, typo), 0, 0.0
    for end in range(1, len(p.atoms) + 1):
        if end == len(p.atoms) or p.breakable[end - 1]:
            widest, start = max(widest, m.natural(start, end)), end
    return widest


def _entry(runs: tuple[tuple[str, TextStyle], ...], book: FontBook, typo: Typography) -> list[Any]:
    """[``prepare`` of the runs, its ``Measurer`` (``None`` until ``_measurer`` builds it)]: kept
    when the runs are prepared a second time (see ``PREPARED_CACHE``). The preparation does not
    depend on the measure, and nothing downstream changes a ``Prepared`` or its atoms
    (``set_line`` and the grid setting copy an atom before trimming or refitting it), so every
    setting of the runs may share it."""
    key = (runs, book, typo)
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
    entry = [prepare(list(runs), book, typo), None]
    with _lock:
        if key in _asked:
            _kept[key] = entry
            while len(_kept) > PREPARED_CACHE:
                _kept.popitem(last=False)
        else:
            _asked[key] = None
            while len(_asked) > ASKED_CACHE:
                _asked.popitem(last=False)
    return entry


def _measurer(entry: list[Any], typo: Typography) -> Measurer:
    """The ``Measurer`` of an ``_entry``'s paragraph, built once: its prefix sums and trims (and
    what it builds on first use) depend on the paragraph and the typography only, never on the
    measure."""
    if entry[1] is None:
        entry[1] = Measurer(entry[0], typo.line_start_open_half, rules(typo).half_at_end)
    return entry[1]


def ladders(p: Prepared, lines: list[SetLine] | tuple[SetLine, ...],
             limit: int) -> tuple[tuple[str, int, int], ...]:
    """Each run of more than ``limit`` (0: no limit) consecutive hyphenated lines in ``lines``
    (a hyphen ladder the breaker kept, ``ladder.unladder``): the first line past the limit as
    typed (``typed``), the run's length and the limit, for ``said`` to warn of once per ladder."""
    if limit <= 0:
        return ()
    out, run = [], 0
    for k, line in enumerate([*lines, None]):  # (a line ending at a compound's own hyphen counts too)
        if line is not None and (line.hyphenated or (k + 1 < len(lines) and hyphen_end(p, line.end - 1) is not None)):
            run += 1
            continue
        if run > limit:
            out.append((typed(p, lines[k - run + limit]), run, limit))
        run = 0
    return tuple(out)


def _restyled(found: list[tuple[str, str]],
              lines: list[SetLine] | tuple[SetLine, ...]) -> tuple[tuple[str, str, str], ...]:
    """Each ideograph drawn in a face of another style (𰻞 in 宋体 from the 楷 face) with its
    face and the line that holds it, for ``said`` to warn of."""
    return tuple((ch, face, next((line.shown for line in lines if ch in line.text), "")) for ch, face in found)
