"""An article block → positioned lines: headline group across the block, body in its columns.

In:  an ``ArticleBlock`` (with its own typography and house style) and the page's ``LayoutContext``.
Out: ``Placed`` items (text lines) and a ``BlockReport`` with the copy-fit: body lines available and
     used, and any overset (lines and characters that did not fit, with their text), which is never
     dropped silently.

The headline group (引题, 主题, 副题, byline) takes a whole number of body lines. Body paragraphs are
set once at the column width (all columns of a block are equal) and their lines are then placed in
columns planned together (``distribute.plan``: no hole, widow or orphan where the grid allows);
cross-heads keep with the two lines that follow them. A body that overruns its block by a few lines
is pulled back where that makes it fit (缩行, ``pullback``). A paragraph's jump line (转版) is set
unbroken, flush right, on its last line or a line of its own (``_with_jump``).

A photo placed inside the article with ``wrap`` is an ``Obstacle`` (图文互斥): in every body column it
touches, its lines and ``WRAP_GAP_LINES`` above and below it are left empty, so the text runs above,
below and beside it and stays on the baseline grid. Lines are never narrowed to squeeze in next to a
photo: in a 破栏 article the photo's sides move to the body columns' edges (``wrapped_rect``), and a
column it still cuts into only partly gives up those lines too. A run of one line between the photo's
white and a column's head or foot is left empty (no stub). A headline group the photo reaches into is
set in the widest free stretch beside it, or, with less than ``MIN_HEAD_ROOM_CHARS`` there, the
article's text starts below the photo.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from layout.flow import display, pullback
from layout.flow.boxes import frame_box
from layout.flow.copyfit import column_fit, head_clear_of_corner, holes_above_heads, lines_used
from layout.flow.distribute import (
    Area,
    Obstacle,
    Unit,
    blocked_lines,
    distribute,
    stranded,
    stubs,
    widest_beside,
    with_stubs,
)
from layout.flow.grid import PageGrid, Rect
from layout.flow.heads import (
    HeadSet,
    fit_heads,
    group_gaps,
    line_items,
    place_extras,
    place_head,
    with_bars,
)
from layout.flow.plans import plan  # remembered by the lines' shape
from layout.flow.rules import beside_corner, body_column_rules
from layout.flow.setting import Setting
from layout.flow.vhead import VerticalHead, place_vertical, strip_span, vertical_head
from layout.frame import Dot, Item, TextLine
from layout.issue.model import ArticleBlock, Block, CrossHead, HeadText, Paragraph
from layout.issue.style import HOUSE, HouseStyle
from layout.logger import LOGGER
from layout.report import UNDERSET_LINES, ArticleFit, BlockReport
from layout.text import restyle
from layout.text.grid_justify import grid_report
from layout.text.line import SetLine, copy_of
from layout.text.paragraph import SetParagraph
from layout.text.prepare import TextStyle
from layout.text.rules import rules
from layout.text.wordbreak import forced_what

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext

#: Inline style → face role (body paragraphs; sizes are the body size).
INLINE_ROLES = {"kai": "kai", "bold": "hei_bold"}  # inline markup {kai:…} {hei:…}; body, dateline, jump
                                                  # and emphasis ({em:…}, in the body face) from the house style
DOT_DROP_EM = 0.36  # 着重号: dot centre below the baseline (clear of the descent, above the next line)
DOT_RADIUS_EM = 0.075
BOX_PAD_CHARS = 1  # a boxed article's text stands this many characters inside the frame
BOX_PAD_LINES = 1  # and this many body lines
MAX_HEAD_AIR = 3  # body lines a balanced article may add around its headline group
CLOSING = "。，、；：？！）》」』”’〕】"  # marks whose glyph sits in the left half of the em
JUMP_GAP_EM = 1.0  # white (body ems) at least between a story's last words and its jump line on that line
MIN_HEAD_ROOM_CHARS = 4  # narrower room beside a photo than this many body characters: the head goes below it
CROSSHEAD_STYLES = tuple((t.font, t.size) for t in (HOUSE.crosshead.first, HOUSE.crosshead.second))  # default


@dataclass
class Placed:
    """What a block puts on the page."""

    report: BlockReport
    items: list[Item] = field(default_factory=list)


def _area(block: ArticleBlock, grid: PageGrid) -> Area:
    """The text area of an article block."""
    rect = grid.rect(block.at)
    if block.box is None:
        return Area(rect.x, rect.w, block.at.line, block.at.lines, grid.body_columns(block.at, block.columns))
    pad = grid.body_size * BOX_PAD_CHARS
    return Area(rect.x + pad, rect.w - 2 * pad, block.at.line + BOX_PAD_LINES, block.at.lines - 2 * BOX_PAD_LINES,
                grid.body_columns(block.at, block.columns, inset=BOX_PAD_CHARS))


def wrapped_rect(photo: Block, blocks: tuple[Block, ...], grid: PageGrid) -> Rect:
    """Where a wrapped photo (``wrap``) is drawn: its grid rectangle, with its sides moved to
    the nearest edges of the body columns of the article it sits in, so that in a 破栏
    article (body columns ≠ base columns) it lines up with the text beside it and leaves
    no sliver of white between it and a column (its lines above and below stay)."""
    rect = grid.rect(photo.at)
    article = next((b for b in blocks if isinstance(b, ArticleBlock) and photo.at.within(b.at)
                    and not (b.corner and photo.at.within(b.corner))), None)  # (not in an L's corner)
    if article is None:
        return rect
    columns = _area(article, grid).columns
    left = min((x for x, _ in columns), key=lambda x: abs(x - rect.x))
    rights = [x + w for x, w in columns if x + w > left]
    right = min(rights, key=lambda x: abs(x - rect.x - rect.w)) if rights else rect.x + rect.w
    return Rect(left, rect.y, right - left, rect.h)


@dataclass
class _Setting:
    """What every step of one article's layout reads: the block, the page grid, the text
    setting (the fonts and the article's own typography, resolved by the loader) and the
    report it fills."""

    block: ArticleBlock
    grid: PageGrid
    text: Setting
    report: BlockReport
    extras: HeadSet = field(default_factory=HeadSet)  # the head group's bars and 题花 (set by _head_group)
    plain: list[pullback.Plain] = field(default_factory=list)  # its running-text paragraphs (_body_units: one call)


def _head_group(s: _Setting, width: float,
                record: bool = True) -> tuple[list[tuple[SetLine, float, float]], float, int]:
    """The headline group's lines [(line, y, size)], its height (pt) and the whole number of body lines it occupies
    (with half a line of air above and below); with ``record``, the characters no font has go to the report."""
    block, grid = s.block, s.grid
    heads = [h for h in (block.kicker, block.headline, block.subhead) if h]
    if block.byline:
        align = block.headline.align if block.headline else "left"
        heads.append(HeadText(block.byline, block.style.byline.size, block.style.byline.font, align, credit=True))
    if not heads:
        return [], 0.0, 0
    found = fit_heads(heads, width, s.text, head_gaps(heads, block), [s.block.style.fit.lines if h is block.headline
                                                                    else None for h in heads],
                      block.style.fit, (block.style.display_punct.marks, block.style.display_punct.ratio))
    if record:
        s.report.add_missing(found.missing)
        restyle.warn(found.restyled)
    s.report.display_fit[:] = [step.to_json() for step in found.steps]  # (set again beside a photo: the last)
    s.extras = found
    air = block.style.head_spacing.above + block.style.head_spacing.below
    return found.lines, found.height, math.ceil((found.height + air * grid.pitch) / grid.pitch - 1e-6)


def head_gaps(heads: list[HeadText], block: ArticleBlock) -> list[float]:
    """The space above each head of a group (pt; the first: 0), from the house's
    ``head_spacing`` in em of the larger of the two neighbours."""
    roles = [(h, kind) for h, kind in ((block.kicker, "kicker"), (block.headline, "headline"),
                                        (block.subhead, "subhead")) if h]
    kinds = [kind for _, kind in roles] + ["byline"] * (len(heads) - len(roles))
    return group_gaps(kinds, [h.size_pt for h in heads], block.style.head_spacing)


def _body_units(s: _Setting, width: float) -> list[Unit]:
    """Body items set ``width`` pt wide → flow units; records missing glyphs and forced breaks in the report."""
    block, grid, typo, report = s.block, s.grid, s.text.typo, s.report
    size = block.body_size or grid.body_size  # (an article's own body_size)
    units: list[Unit] = []
    for number, item in enumerate(block.body, 1):
        if isinstance(item, CrossHead):
            units.append(_crosshead(s, item, width))
            continue
        assert isinstance(item, Paragraph)
        copy = [run for run in item.runs if run.style != "jump"]
        runs = [(run.text, TextStyle(_role(run.style, block.style), size, run.style == "emphasis"))
                for run in copy]
        indent = typo.indent_chars * size if item.indent else 0.0
        para = display.set_body(runs, [run.style for run in copy], block.box is not None, s.text, width,
                                indent, item.align) if copy else SetParagraph((), ())
        jump = "".join(run.text for run in item.runs if run.style == "jump")  # display copy (导读, datelines)
        if jump:                                                                # breaks between words
            para = replace(para, lines=_with_jump(s, para.lines, jump, width, item.align if not copy else "right",
                                                  number))
        report.add_missing(para.missing)
        report.forced_breaks += sum(1 for line in para.lines if line.forced)
        for line, said in para.loose_lines():
            LOGGER.warning("loose line: page %d, block %r, body item %d: '%s' spreads its characters by %.2f em "
                           "(limit %.2f)", report.page, block.id, number, said, line.spread_em,
                           typo.loose_limit_em)
        if para.off_grid:
            LOGGER.warning("off the grid: page %d, block %r, body item %d: '%s…' is set as running text, not on the "
                           "character grid (an English paragraph, or a run wider than its line)", report.page, block.id,
                           number, para.lines[0].shown[:12])
        for line, said in para.short_lines():  # a char_grid line left short, or justified off the grid
            fmt, args = grid_report(line, size, said, line is para.lines[-1])
            LOGGER.warning(fmt, report.page, block.id, number, *args)
        for k, line in enumerate(para.lines):
            if line.forced:
                after = para.lines[k + 1].shown if k + 1 < len(para.lines) else ""
                LOGGER.warning("forced break: page %d, block %r, body item %d: %s", report.page, block.id, number,
                               forced_what(line.copy, after, rules(typo).prohibition))
        offset = grid.baseline(1, size) - grid.line_top(1)
        up = bool(block.continues and number == 1 and jump and not copy)  # （上接）: keeps with the text after it
        if copy and not jump and not block.box:  # (``pullback``; a dateline's names kept whole)
            s.plain.append(pullback.Plain(len(units), len(para.lines), tuple(runs), width, indent, item.align, offset,
                                          tuple(r.style == "dateline" for r in copy)))
        units.extend(pullback.line_units(para.lines, offset, up))
    return units


def _with_jump(s: _Setting, lines: tuple[SetLine, ...], jump: str, width: float, align: str,
               number: int) -> tuple[SetLine, ...]:
    """A paragraph's ``lines`` with its jump line (转版, unbreakable): set at the end of the last line, flush right,
    where at least ``JUMP_GAP_EM`` body characters of white stay before it; else on a line of its own (flush right,
    or ``align`` for a paragraph that is only a jump line, the （上接） line). A jump line wider than the column is
    broken between words, with a warning."""
    size = s.grid.body_size
    found = display.set_display(jump, TextStyle(s.block.style.jump.font, size), s.text, width,
                                align if align in ("left", "center") else "right")
    if found is None or len(found[0]) != 1:
        LOGGER.warning("jump line too wide: page %d, block %r, body item %d: %r is wider than the column and is "
                       "broken", s.report.page, s.block.id, number, jump)
    if found is None:
        para = display.set_body([(jump, TextStyle(s.block.style.jump.font, size))], ["jump"], False, s.text,
                                width, 0.0, "right")
        s.report.add_missing(para.missing)
        return (*lines, *para.lines)
    if len(found[0]) != 1:
        s.report.add_missing(found[1])
        return (*lines, *found[0])
    line, missing = found[0][0], found[1]
    s.report.add_missing(missing)
    natural = display.set_display(jump, TextStyle(s.block.style.jump.font, size), s.text, width, "left")
    start = width - (natural[0][0].width if natural and natural[0] else 0.0)  # where its first box begins
    if lines and not lines[-1].justified and align == "right" and _ink_end(lines[-1]) + JUMP_GAP_EM * size <= start:
        last = lines[-1]
        merged = replace(last, glyphs=last.glyphs + line.glyphs, width=line.width)
        return (*lines[:-1], merged)
    return (*lines, line)


def _ink_end(line: SetLine) -> float:
    """Where a line's last character ends as the eye sees it: its box, less the blank right
    half of a closing mark set full width (a paragraph's last 。 or ）)."""
    last = line.glyphs[-1] if line.glyphs else None
    if last is not None and last.ch in CLOSING and line.width - last.x > 0.75 * last.size:
        return line.width - last.size / 2
    return line.width


def _role(run: str, style: HouseStyle) -> str:
    """The font role of a body run's style (``layout.issue.model.Run``)."""
    if run in INLINE_ROLES:
        return INLINE_ROLES[run]
    if run == "jump":
        return style.jump.font
    return (style.dateline if run == "dateline" else style.body).font


def _crosshead(s: _Setting, item: CrossHead, width: float) -> Unit:
    """A cross-head: its lines centred in a column ``width`` pt wide, a whole number of body lines tall."""
    grid, style = s.grid, s.block.style
    types = (style.crosshead.first, style.crosshead.second)
    look = style.crosshead
    heads = [HeadText(text, t.size, t.font, "center", look.color, reverse=look.reverse)
             for text, t in zip(item.lines, types)]
    gap = style.head_spacing.crosshead * max((h.size_pt for h in heads), default=0.0)
    found = fit_heads(heads, width, s.text, [0.0, gap], [1, 2][:len(heads)], style.fit,
                      (style.display_punct.marks, style.display_punct.ratio), least=grid.body_size)
    lines, height = with_bars(found), found.height
    s.report.add_missing(found.missing)
    restyle.warn(found.restyled)
    s.report.display_fit.extend(step.to_json() for step in found.steps)
    n_lines = math.ceil(height / grid.pitch + 0.3)
    top = (n_lines * grid.pitch - height) / 2
    return Unit([(line, top + y + grid.ascent_em * size) for line, y, size in lines], n_lines, crosshead=True)


HeadGroup = tuple[list[tuple[SetLine, float, float]], float, int]


def _head_clear_of_photos(s: _Setting, area: Area, obstacles: tuple[Obstacle, ...], clearance: float,
                          group: HeadGroup) -> tuple[Area, tuple[float, float], HeadGroup]:
    """Keep the headline group off wrapped photos: set it in the widest stretch beside the
    photos that reach into its lines (or their gap line); where that is narrower than
    ``MIN_HEAD_ROOM_CHARS`` body characters, the article's text starts below those
    photos. A head set beside a photo with lines free above it (the head too deep for them) is warned of: the
    lines over the photo stay empty. Returns the (possibly lowered) area, the head's (x, width) and the group."""
    room, full, in_way = (area.x, area.width), group[2], []
    for _ in range(2 * len(obstacles) + 2):
        head_clear_of_corner(s.block.corner, area.line, head_n := group[2])  # (below a photo too)
        in_way = [ob for ob in obstacles if ob.line - ob.gap < area.line + head_n and ob.end_line + ob.gap > area.line]
        wanted = widest_beside(area.x, area.width, in_way, clearance)
        if in_way and wanted[1] < MIN_HEAD_ROOM_CHARS * s.grid.body_size:
            below = max(ob.end_line + ob.gap for ob in in_way)
            area = replace(area, line=below, lines=max(0, area.line + area.lines - below))
            wanted = (area.x, area.width)
        elif wanted == room:
            break
        room = wanted
        group = _head_group(s, room[1], record=False)  # (the first setting reported what is missing)
    if room[1] < area.width - 1.0 and (above := min(ob.line - ob.gap for ob in in_way) - area.line) > 0:
        LOGGER.warning("head beside a photo: page %d, block %r: the headline group takes %d lines across the article, "
                       "more than the %d above the wrapped photo, so it is set beside the photo (%.0f of %.0f pt) and "
                       "those lines over the photo stay empty (move the photo to line %d or lower, or a shorter head)",
                       s.report.page, s.block.id, full, above, room[1], area.width, area.line + full + in_way[0].gap)
    return area, room, group


def layout_article(block: ArticleBlock, ctx: LayoutContext, balance: bool = True,
                   obstacles: tuple[Obstacle, ...] = ()) -> Placed:
    """Lay out one article block on the page of ``ctx`` (see module docstring), set by its
    own typography; ``obstacles`` are the wrapped photos inside it."""
    grid, page = ctx.grid, ctx.number
    report = BlockReport(page=page, block=block.id, kind="article")
    s = _Setting(block, grid, Setting.of(ctx, block.typography, block.style), report)
    placed = Placed(report=report)
    area = _area(block, grid)
    clearance = grid.gutter * 0.99
    heads: list[tuple[SetLine, float, float]] = []
    head_height, head_n = 0.0, 0
    head_x, head_width = area.x, area.width
    vhead: VerticalHead | None = None
    if block.head_vertical:
        vhead, area = vertical_head(block, ctx, area, report)
    else:
        heads, head_height, head_n = _head_group(s, head_width)
    if heads and obstacles:
        area, (head_x, head_width), (heads, head_height, head_n) = _head_clear_of_photos(
            s, area, obstacles, clearance, (heads, head_height, head_n))
    columns = area.columns
    units = _body_units(s, columns[0][1])
    height = max(0, area.lines - head_n)
    blocked = blocked_lines(columns, area.line + head_n, height, obstacles, clearance)
    report.lines_available = height * len(columns) - sum(len(b) for b in blocked)
    fit = report.fit = ArticleFit(len(columns), line_chars=int(columns[0][1] / grid.body_size + 1e-6))
    full, head_0 = height, head_n
    air = MAX_HEAD_AIR if heads and not obstacles and not block.box else 0  # (a box's free lines stay at its foot)
    chosen = plan(units, len(columns), height, blocked, air) if balance and units else None
    if chosen is None and balance and units and s.plain and (most := block.style.squeeze.pull_back) > 0:
        units, chosen = pullback.fitted(units, s.plain, s.text, (len(columns), height, blocked, air), most, report)
    if chosen is not None:
        if air:  # lines the balanced body leaves free give the headline group air
            head_n += min(MAX_HEAD_AIR, height - chosen.height)
        height, blocked = chosen.height, chosen.taken  # (and the one-line stubs beside a photo)
    else:
        blocked = with_stubs(blocked, height)
    top = grid.line_top(area.line) + _head_air(block, grid.pitch, min(head_n, area.lines), head_height)
    bottom = grid.line_top(area.line + area.lines)
    placed.items.extend(place_extras(s.extras, head_x, top, bottom, _ornament(ctx)))
    placed.items.extend(place_head(heads, head_x, top, bottom, grid, block.id, "head", report, head_width))
    if vhead is not None:
        start, end = strip_span(vhead, area, obstacles, clearance, grid.pitch)
        strip = replace(area, line=start, lines=end - start)
        placed.items.extend(place_vertical(vhead, grid, strip, height if units else area.lines, block.id, report))
    if block.box:
        placed.items[:0] = frame_box(grid.rect(block.at), block.box, block.style.boxes)
    first = area.line + head_n
    spots, stop = (chosen.spots, len(units)) if chosen else distribute(units, len(columns), height, blocked)
    fit.stranded = stranded(units, spots, blocked, height)
    lone = [line for line in stubs(units, spots, blocked, height) if line not in fit.stranded]  # (no other way)
    for line in fit.stranded + lone:
        LOGGER.warning("%s: page %d, block %r: %r stands alone in its column (no line could move on the grid)",
                       "one-line stub beside a wrapped block" if line in lone else "widow or orphan", page, block.id,
                       line)
    fit.stranded += lone
    for index, column, offset in spots:
        unit = units[index]
        x = columns[column][0]
        top = grid.line_top(first + offset)
        kind = "crosshead" if unit.crosshead else "body"
        for set_line, baseline in unit.lines:
            placed.items.extend(line_items(x, top + baseline, set_line, block.id, kind, grid.ascent_em)
                                if unit.crosshead else [TextLine(x, top + baseline, set_line.glyphs, block.id, kind,
                                                                 justified=set_line.justified)])
            placed.items.extend(emphasis_dots(x, top + baseline, set_line))
            report.chars_set += set_line.chars
    if block.style.rule.column_rules and len(columns) > 1:  # 栏线 (layout/flow/rules.py)
        placed.items.extend(body_column_rules(columns, spots, [u.height for u in units], beside_corner(
            blocked, columns, first, obstacles, clearance + grid.gutter), grid, first, block.style.rule.column))
    report.lines_used = lines_used(spots, units, height, blocked)
    fit.lines_set = sum(units[i].height for i, _, _ in spots)
    walls = blocked_lines(columns, first, full - (head_n - head_0), obstacles, clearance)  # (below ``height`` too)
    fit.column_fit = column_fit(grid, columns, spots, units, first, full - (head_n - head_0), tuple(
        w | b for w, b in zip(walls, blocked, strict=True)), grid.line_top(area.line + area.lines))
    for n, hole in ((n, c.hole) for n, c in enumerate(fit.column_fit, 1) if c.hole >= UNDERSET_LINES):
        LOGGER.warning("hole in a column: page %d, block %r: column %d has %d empty lines above its %s (no lines could "
                       "fill them)", page, block.id, n, hole, "corner" if block.corner else "text or a wrapped block")
    for column in holes_above_heads(units, spots, fit.column_fit):
        LOGGER.warning("hole above a cross-head: page %d, block %r: column %d ends %d lines short before the "
                       "cross-head at the head of the next (no lines could come up)", page, block.id, column,
                       fit.column_fit[column - 1].empty)
    if stop < len(units):
        _overset(report, units[stop:])
    return placed


def _head_air(block: ArticleBlock, pitch: float, lines: int, height: float) -> float:
    """The space (pt) above a head group ``height`` pt tall in its ``lines`` body lines: their room beyond the
    group shared as the house's ``head_spacing.above`` to ``below``. (In a box the lines a balanced body leaves
    free are not given to the head: the body follows it and the free lines stay at the box's foot, reported empty.)"""
    room = max(0.0, lines * pitch - height)
    above, below = block.style.head_spacing.above, block.style.head_spacing.below
    return room * (above / (above + below) if above + below > 0 else 0.5)


def _ornament(ctx: LayoutContext) -> Callable[[Path, float, float, float, float], Item]:
    """Draws a 题花: the image prepared for the issue's press, fitted into its box."""
    from layout.flow.blocks import _image  # (blocks imports this module)

    def draw(path: Path, x: float, y: float, w: float, h: float) -> Item:
        return _image(path, x, y, w, h, ctx.press, BlockReport(ctx.number, "ornament"))

    return draw


def emphasis_dots(x: float, baseline: float, line: SetLine) -> list[Item]:
    """着重号 under the emphasised ideographs of a line (clreq: centred under each character in horizontal text, never
    under punctuation), about ½ the size of a full stop."""
    return [Dot(x + g.x + g.size / 2, baseline + DOT_DROP_EM * g.size, DOT_RADIUS_EM * g.size)
            for g in line.glyphs if g.emphasis]


def _overset(report: BlockReport, rest: list[Unit]) -> None:
    """Record the units that did not fit (added to any headline overset)."""
    report.add_overset(sum(u.height for u in rest), copy_of([line for u in rest for line, _ in u.lines]),
                       sum(line.chars for u in rest for line, _ in u.lines))


def measure_article(block: ArticleBlock, grid: PageGrid, text: Setting,
                    cache: dict[float, list[Unit]]) -> tuple[int, list[tuple[float, float]], list[Unit]]:
    """For make-up: the grid lines of the headline group, the body columns [(x, width)] in pt and the body
    set at their width as flow units (whose heights are the lines it needs; set once per width in ``cache``,
    one per article's copy). Nothing is reported."""
    s, area = _Setting(block, grid, text, BlockReport(page=0, block=block.id, kind="article")), _area(block, grid)
    if (width := round(area.columns[0][1], 3)) not in cache:
        cache[width] = _body_units(s, area.columns[0][1])
    return _head_group(s, area.width, record=False)[2], area.columns, cache[width]


def measure_vertical(block: ArticleBlock, ctx: LayoutContext, text: Setting, cache: dict[float, list[Unit]]
                     ) -> tuple[VerticalHead | None, list[tuple[float, float]], list[Unit]]:
    """For make-up, ``measure_article`` of a block with ``head_vertical``: its set head (None: the strip
    leaves the body no room), the body columns beside its strip and the body set at their width."""
    s = _Setting(block, ctx.grid, text, BlockReport(page=0, block=block.id, kind="article"))
    vhead, body = vertical_head(block, ctx, _area(block, ctx.grid), s.report)
    if (width := round(body.columns[0][1], 3)) not in cache:
        cache[width] = _body_units(s, body.columns[0][1])
    return vhead, body.columns, cache[width]
