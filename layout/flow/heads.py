"""Headline text set on lines: stacked head groups, fitted heads, one-line furniture.

In:  ``HeadText`` items (text, size, face role, alignment, colour, scale, 反白, 题花), a
     width in pt, fonts and typography, and the house's fitting limits (``style.fit``),
     head-group spacing (``style.head_spacing``) and display punctuation.
Out: set lines with the y of each em-box top and the size (pt), the group's height,
     the fitting steps taken (``FitStep``, for the render report), bars and ornaments;
     placed ``TextLine``s, ``Box`` bars and ``ImageItem`` ornaments.

Fitting (``fit_part``): a head with a line budget (a headline ``style.fit.lines``, a
banner or a cross-head line 1) that its words do not fill within the budget is fitted,
in this order: (1) condensed (长体) by horizontal scaling, to the largest whole
percentage down to ``fit.condense`` at which it fits; (2) stepped down in ``fit.step``
pt sizes to ``fit.floor`` % of its size, condensed at each size as needed; (3) the same
on one more line. A setting that breaks inside a word or between a number and its unit
(``Fit.INSIDE``: 2026|年, 十二|周年) does not count as fitting while a step remains: the steps
are tried first for a setting broken only between words, then for any setting; a break
inside that no step avoids is recorded on the ``FitStep`` (``inside``) and reported with
the head's text. Only when nothing fits is it set at the floor, condensed, on the lines
it needs: what then passes its block is reported overset by ``place_head``. A designer's
own ``scale:`` is where fitting starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from layout.flow import display, words
from layout.flow import headfit as hf
from layout.flow.grid import PageGrid
from layout.flow.setting import Setting
from layout.frame import BLACK, CMYK, Box, Item, TextLine
from layout.issue.model import HeadText
from layout.issue.style import Fit, HeadSpacing
from layout.logger import LOGGER
from layout.report import BlockReport
from layout.text import restyle
from layout.text.line import SetLine, copy_of
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle

HEAD_LEADING = 1.2  # line advance of headline text, in em of its size
WHITE: CMYK = (0.0, 0.0, 0.0, 0.0)
BAR_PAD_EM = 0.25  # a 反白 bar reaches this far above and below the em boxes of its lines
BAR_INSET_EM = 0.5  # and its text stands this far inside the bar's ends
ORNAMENT_GAP_EM = 0.25  # between a 题花 and its head
ORNAMENT_MAX_ASPECT = 2.0  # a 题花 is at most twice as wide as it is tall
EPS = 1e-6
DEFAULT_FIT = Fit()


@dataclass(frozen=True)
class Extra:
    """What a head group draws besides its lines, relative to the group's top left (pt):
    a 反白 bar (``color``) or a 题花 (``path``)."""

    x: float
    y: float
    w: float
    h: float
    color: CMYK | None = None
    path: Path | None = None


@dataclass(frozen=True)
class DisplayLine(SetLine):
    """A head line as set, with how it is drawn: its horizontal scale (%: the glyph x
    values and ``width`` are before scaling) and colour (None: black)."""

    scale: float = 100.0
    color: CMYK | None = None
    bar: Extra | None = None  # a 反白 bar drawn before the line: x from the line's x, y from its em-box top

    @property
    def drawn_width(self) -> float:
        """Where the last glyph's box ends once scaled, pt."""
        return self.width * self.scale / 100.0


@dataclass(frozen=True)
class FitStep:
    """How one head text was fitted: its size and scale as asked and as set, the lines it
    was to take and took, and whether it fits (False: set as small and narrow as allowed,
    and still too long)."""

    text: str
    size: float
    fitted_size: float
    scale: float
    fitted_scale: float
    budget: int
    lines: int
    fits: bool = True
    inside: tuple[str, ...] = ()  # breaks inside a word or number no setting within the limits avoids (2026|年)

    def to_json(self) -> dict[str, object]:
        """The record of ``--summary`` and ``--report`` (``display_fit``)."""
        return {"text": self.text, "size": round(self.size, 2), "fitted_size": round(self.fitted_size, 2),
                "scale": self.scale, "fitted_scale": self.fitted_scale, "lines_wanted": self.budget,
                "lines": self.lines, "fits": self.fits, "broken_inside": list(self.inside)}


HeadLines = list[tuple[SetLine, float, float]]


@dataclass
class HeadSet:
    """A set head group: [(line, y of its em-box top, size)], its height (pt), the
    characters no font has, the fitting steps, the bars and ornaments, and the ideographs drawn
    in a face of another style (``restyle.in_lines``), which the caller reports with ``missing``."""

    lines: HeadLines = field(default_factory=list)
    height: float = 0.0
    missing: tuple[str, ...] = ()
    steps: list[FitStep] = field(default_factory=list)
    restyled: list[tuple[str, str, str]] = field(default_factory=list)  # ``restyle.in_lines``: to report
    extras: list[Extra] = field(default_factory=list)


def head_lines(heads: list[HeadText], width: float, setting: Setting,
               gap_em: float = 0.35) -> tuple[HeadLines, float, tuple[str, ...]]:
    """Set headline texts stacked, ``gap_em`` of each text's size apart, without fitting:
    [(line, y of its em-box top, size)], total height (pt) and the characters no font has
    (each once, in order). For labels and furniture; head groups use ``fit_heads``."""
    found = fit_heads(heads, width, setting, [gap_em * h.size_pt for h in heads])
    return found.lines, found.height, found.missing


def fit_heads(heads: list[HeadText], width: float, setting: Setting, gaps: list[float],
              budgets: Sequence[int | None] | None = None, fit: Fit = DEFAULT_FIT,
              punct: tuple[str, str] = ("half", "tight"), room: float = float("inf"), least: float = 0.0) -> HeadSet:
    """Set a head group stacked: head k ``gaps[k]`` pt below the one before it, fitted to
    ``budgets[k]`` lines per part (None: not fitted), within ``room`` pt of height for each
    head, never smaller than ``least`` pt (a cross-head: the body size); bars under 反白
    heads, 题花 left of theirs."""
    setting = setting.display()  # display type: no glyph scaling (``Setting.display``)
    out = HeadSet()
    missing: list[str] = []
    y = 0.0
    for k, head in enumerate(heads):
        if k:
            y += gaps[k]
        budget = budgets[k] if budgets else None
        top = y
        pad = BAR_PAD_EM * head.size_pt if head.reverse else 0.0
        y += pad
        inset = BAR_INSET_EM * head.size_pt if head.reverse else 0.0
        aspect = _ornament_aspect(head)
        reserved, first, y0 = 0.0, len(out.lines), y
        for _ in range(2 if aspect else 1):  # with a 题花: set again in the room its final height leaves
            reserved = aspect * _ornament_height(out, first, head.size_pt) + ORNAMENT_GAP_EM * head.size_pt \
                if aspect else 0.0
            del out.lines[first:]
            y = _set_parts(out, head, setting, width - 2 * inset - reserved, budget, fit, punct, room, y0, missing,
                           least)
        y += pad
        out.restyled += restyle.in_lines((line for line, _, _ in out.lines[first:]), [head.role], setting.book)
        _shift(out, first, inset + reserved)
        if head.reverse:
            _bar(out, Extra(0.0, top, width, y - top, color=head.reverse), gaps[k] if k else 0.0)
        if aspect and head.ornament is not None and len(out.lines) > first:
            _ornament(out, head, first, aspect, reserved, top + pad, y - pad - top - pad)
    out.height, out.missing = y, tuple(missing)
    return out


def _bar(out: HeadSet, bar: Extra, gap: float) -> None:
    """Add a 反白 bar, or lengthen the bar of the head just above (same colour, ``gap`` pt
    above this one) down to its foot: the lines of a cross-head share one bar."""
    last = out.extras[-1] if out.extras else None
    if last is not None and last.color == bar.color and abs(bar.y - gap - (last.y + last.h)) < 0.01:
        out.extras[-1] = replace(last, h=bar.y + bar.h - last.y)
    else:
        out.extras.append(bar)


def _shift(out: HeadSet, first: int, dx: float) -> None:
    """Move the lines from ``first`` on ``dx`` pt right."""
    if dx:
        out.lines[first:] = [(line.shifted(dx * 100.0 / _pct(line)), y, size) for line, y, size in out.lines[first:]]


def _pct(line: SetLine) -> float:
    """A line's horizontal scale, % (100 unless it is a scaled ``DisplayLine``)."""
    return line.scale if isinstance(line, DisplayLine) else 100.0


def _set_parts(out: HeadSet, head: HeadText, setting: Setting, width: float, budget: int | None, fit: Fit,
               punct: tuple[str, str], room: float, y: float, missing: list[str], least: float = 0.0) -> float:
    """The parts of one head (its ``\n``-separated texts) fitted ``width`` pt wide, appended to
    ``out`` from ``y`` (pt); the y of the head's last em-box bottom. The steps of the last
    setting replace those of an earlier one."""
    parts = head.text.split("\n")
    size = head.size_pt
    out.steps = [step for step in out.steps if step.text not in parts]
    for part in parts:
        part_budget = None if budget is None else (budget if len(parts) == 1 else 1)
        lines, size, lacking, step = fit_part(part, head, setting, width, part_budget, fit, punct, room, least)
        if step is not None:
            out.steps.append(step)
        missing.extend(ch for ch in lacking if ch not in missing)
        for line in lines:
            out.lines.append((line, y, size))
            y += size * HEAD_LEADING
    return y - size * (HEAD_LEADING - 1.0)


def _ornament_aspect(head: HeadText) -> float:
    """A head's 题花: its width over its height (at most ``ORNAMENT_MAX_ASPECT``; 0: none)."""
    if head.ornament is None:
        return 0.0
    from PIL import Image  # only for heads with an ornament

    with Image.open(head.ornament) as im:
        return min(ORNAMENT_MAX_ASPECT, im.width / max(1, im.height))


def _ornament_height(out: HeadSet, first: int, size: float) -> float:
    """The height of a head's lines from ``first`` on (one em before they are set)."""
    lines = out.lines[first:]
    if not lines:
        return size
    return lines[-1][1] + lines[-1][2] - lines[0][1]


def _ornament(out: HeadSet, head: HeadText, first: int, aspect: float, reserved: float, top: float,
              height: float) -> None:
    """The 题花 as tall as the head's lines (``height`` pt from ``top``; narrower if the
    lines took fewer than the room was reserved for), just left of the leftmost line's
    first glyph."""
    gap = ORNAMENT_GAP_EM * head.size_pt
    w = min(aspect * height, reserved - gap)
    h = w / aspect
    ink = min(line.glyphs[0].x * _pct(line) / 100.0 for line, _, _ in out.lines[first:] if line.glyphs)
    x = max(0.0, ink - gap - w)
    out.extras.append(Extra(x, top + (height - h) / 2, w, h, path=head.ornament))


def fit_part(text: str, head: HeadText, setting: Setting, width: float, budget: int | None, fit: Fit,
             punct: tuple[str, str], room: float = float("inf"), least: float = 0.0,
             ) -> tuple[list[SetLine], float, tuple[str, ...], FitStep | None]:
    """One part of a head (no ``\\n``) set ``width`` pt wide: its lines (``DisplayLine``s
    when scaled or coloured), size, the characters no font has and the fitting step taken
    (None when it was set as asked). See the module docstring."""
    start = min(fit.expand, max(fit.condense, head.scale)) if head.scale else 100.0
    lines, missing = hf.set_at(text, head, setting, width, head.size_pt, start, punct)
    if lines is None and budget is None:  # a run too long for a line, not to be fitted: broken inside it
        lines, missing = hf.forced(text, head, setting, width, head.size_pt, start)
    if budget is None or (hf.fits(lines, budget, head.size_pt, room) and not hf.inside_at(
            text, head, setting, width, head.size_pt, start, punct)):
        assert lines is not None
        return _looked(lines, head, start), head.size_pt, missing, None
    floor = min(head.size_pt, max(head.size_pt * fit.floor / 100.0, least))
    low = min(start, float(fit.condense))
    for clean in (True, False):  # first with every break between words, then any that fits
        for allowed in (budget, budget + 1):
            for size in hf.sizes(head.size_pt, floor, fit.step):
                pct = hf.largest(text, head, setting, width, size, low, start, allowed, punct, room, clean)
                if pct is not None:
                    found, lacking = hf.set_at(text, head, setting, width, size, pct, punct)
                    assert found is not None
                    inside = hf.inside_at(text, head, setting, width, size, pct, punct)
                    step = FitStep(text, head.size_pt, size, start, pct, budget, len(found), inside=inside)
                    _warn_inside(step)
                    return _looked(found, head, pct), size, lacking, step
    found, lacking = hf.set_at(text, head, setting, width, floor, low, punct)
    inside = hf.inside_at(text, head, setting, width, floor, low, punct)
    if found is None:  # a run too long for any line: broken inside, as body text would be
        found, lacking = hf.forced(text, head, setting, width, floor, low)
        inside = ("forced",)
    step = FitStep(text, head.size_pt, floor, start, low, budget, len(found), fits=False, inside=inside)
    _warn_inside(step)
    return _looked(found, head, low), floor, lacking, step


def _warn_inside(step: FitStep) -> None:
    """Warn of a head broken inside a word or number that no step within the limits avoids."""
    if step.inside:
        LOGGER.warning("head broken inside a word: %s at %s (no size, 长体 or line within the house's limits "
                       "breaks it between words; shorten it or mark a break with ¦)", step.text,
                       ", ".join(step.inside))


def _looked(lines: list[SetLine], head: HeadText, pct: float, force: bool = False) -> list[SetLine]:
    """The lines as ``DisplayLine``s when scaled, coloured or knocked out (or ``force``), else as they are."""
    color = WHITE if head.reverse else head.color
    if pct == 100.0 and color is None and not force:
        return lines
    return [DisplayLine(**{f: getattr(line, f) for f in SetLine.__dataclass_fields__}, scale=pct, color=color)
            for line in lines]


MIN_PRINT_PT = 6.0  # small print is never shrunk below this size


def one_line(text: str, size: float, role: str, align: str, width: float,
             setting: Setting) -> tuple[SetLine, float, tuple[str, ...]] | None:
    """``text`` as one line ``width`` pt wide: at ``size``, or at the largest size (in ½-pt
    steps, down to ``MIN_PRINT_PT``) at which it fits without a break, with the characters
    no font has; None if it does not fit even then. For small print that must stay on one
    line (running head, masthead)."""
    setting = setting.display()  # display type: no glyph scaling (``Setting.display``)
    target = size
    while target >= MIN_PRINT_PT - 1e-9:
        para = set_paragraph([(text, TextStyle(role, target))], setting.book, setting.typo, width, 0.0, align)
        if len(para.lines) == 1:
            return para.lines[0], target, tuple(dict.fromkeys(para.missing))
        target -= 0.5
    return None


def balanced_head(text: str, head: HeadText, setting: Setting,
                  width: float) -> tuple[list[SetLine], tuple[str, ...]]:
    """A headline text set ``width`` pt wide in head.align: on one line if it fits, else
    broken between words into lines of even length (``layout/flow/display.py``: 新能源产业集群蓄势崛起
    in two lines is 新能源产业集群 / 蓄势崛起, never 集|群). Only a run wider than the
    width by itself is broken inside, as body text would be. Returns the lines and the
    characters no font has."""
    setting = setting.display()  # display type: no glyph scaling (``Setting.display``)
    style = TextStyle(head.role, head.size_pt)
    shown = display.set_display(text, style, setting, width, head.align, credit=head.credit)
    if shown is not None:
        return shown
    clean = words.strip_marks(text)[0]
    full = set_paragraph([(clean, style)], setting.book, setting.typo, width, 0.0, head.align)
    return list(full.lines), tuple(full.missing)


def with_bars(found: HeadSet) -> HeadLines:
    """The group's lines with each 反白 bar attached to the first line it holds (for lines
    placed one by one, as cross-heads are: ``line_items`` draws the bar)."""
    out = list(found.lines)
    for bar in found.extras:
        if bar.color is None:
            continue
        k = next((k for k, (_, y, _) in enumerate(out) if y >= bar.y - 0.01), None)
        if k is None:
            continue
        line, y, size = out[k]
        look = line if isinstance(line, DisplayLine) else _looked([line], HeadText("", size, ""), 100.0, force=True)[0]
        assert isinstance(look, DisplayLine)
        out[k] = (replace(look, bar=replace(bar, y=bar.y - y)), y, size)
    return out


def line_items(x: float, baseline: float, line: SetLine, block: str, kind: str, ascent_em: float) -> list[Item]:
    """A set line's frame items: its 反白 bar (if one starts at it) and its ``TextLine``."""
    items: list[Item] = []
    if isinstance(line, DisplayLine) and line.bar is not None and line.bar.color is not None:
        top = baseline - ascent_em * max((g.size for g in line.glyphs), default=0.0)
        items.append(Box(x + line.bar.x, top + line.bar.y, line.bar.w, line.bar.h, fill=line.bar.color))
    items.append(text_line(x, baseline, line, block, kind))
    return items


def text_line(x: float, baseline: float, line: SetLine, block: str, kind: str, color: CMYK = BLACK) -> TextLine:
    """The frame line of a set line: a ``DisplayLine``'s scale and colour go with it."""
    if isinstance(line, DisplayLine):
        return TextLine(x, baseline, line.glyphs, block, kind, line.color or color, scale=line.scale)
    return TextLine(x, baseline, line.glyphs, block, kind, color)


def place_head(heads: HeadLines, x: float, top: float, bottom: float,
               grid: PageGrid, block: str, kind: str, report: BlockReport, width: float | None = None) -> list[Item]:
    """Headline lines from ``top``; a line whose em box would pass ``bottom`` (or that is
    wider than ``width``: one character wider than the block) is not drawn but reported
    as overset (its lines and characters), so nothing is lost silently. A ragged line
    ending in a closing mark keeps the mark's blank right half (GB/T 15834: set half at
    a line end), which may pass ``width`` with nothing drawn there: such a line fits."""
    items: list[Item] = []
    over: list[SetLine] = []
    for line, y, size in heads:
        if top + y + size > bottom + 0.01 or (width is not None and _too_wide(line, width)):
            over.append(line)
            continue
        items.append(text_line(x, top + y + grid.ascent_em * size, line, block, kind))
        report.chars_set += line.chars
    if over:
        report.add_overset(len(over), copy_of(over), sum(line.chars for line in over))
    return items


def place_extras(found: HeadSet, x: float, top: float, bottom: float, ornament: object = None) -> list[Item]:
    """The group's 反白 bars (``Box``es, drawn before its lines) and 题花 (images made by
    ``ornament(path, x, y, w, h)``), from ``x``, ``top``; none past ``bottom``."""
    items: list[Item] = []
    for e in found.extras:
        if top + e.y + e.h > bottom + 0.01:
            continue
        if e.color is not None:
            items.append(Box(x + e.x, top + e.y, e.w, e.h, fill=e.color))
        elif e.path is not None and callable(ornament):
            items.append(ornament(e.path, x + e.x, top + e.y, e.w, e.h))
    return items


def _too_wide(line: SetLine, width: float) -> bool:
    """Whether ``line`` draws past ``width`` pt: a lone character wider than it, or a last
    glyph more than half outside (a closing mark's ink is in its left half)."""
    k = _pct(line) / 100.0
    if line.width * k <= width + 0.01 or not line.glyphs:
        return False
    last = line.glyphs[-1]
    return len(line.glyphs) == 1 or (last.x + 0.5 * last.size * last.scale) * k > width + 0.01


def with_color(line: SetLine, color: CMYK) -> SetLine:
    """``line`` drawn in ``color`` (keeping a scale it has)."""
    if isinstance(line, DisplayLine):
        return replace(line, color=line.color or color)
    return DisplayLine(**{f: getattr(line, f) for f in SetLine.__dataclass_fields__}, color=color)


def group_gaps(kinds: list[str], sizes: list[float], spacing: HeadSpacing) -> list[float]:
    """The space (pt) above each head of a group of the ``kinds`` (kicker, headline, subhead,
    byline) and ``sizes``: the house's ``head_spacing`` for the pair, in em of the larger
    of the two sizes (the first head: 0).

    >>> group_gaps(["kicker", "headline", "subhead", "byline"], [16.0, 36.0, 16.0, 10.5], HeadSpacing())
    [0.0, 9.0, 10.8, 4.8]
    """
    out = [0.0]
    for k in range(1, len(kinds)):
        pair = kinds[k - 1], kinds[k]
        em = (spacing.byline if pair[1] == "byline" else spacing.kicker if pair[0] == "kicker"
              else spacing.subhead)
        out.append(round(em * max(sizes[k - 1], sizes[k]), 3))
    return out
