"""An article block → positioned lines: headline group across the block, body in its columns.

In:  an ``ArticleBlock``, the page grid, fonts and typography settings.
Out: ``Placed`` items (text lines) and a ``BlockReport`` with the copy-fit:
     body lines available and used, and any overset (lines and characters that
     did not fit, with their text), which is never dropped silently.

The headline group (引题, 主题, 副题, byline) takes a whole number of body lines.
Body paragraphs are set once at the column width (all columns of a block are
equal) and their lines are then distributed column after column; cross-heads
keep with the two lines that follow them.

A photo placed inside the article with ``wrap`` is an ``Obstacle`` (图文互斥):
in every body column it touches, its lines and ``WRAP_GAP_LINES`` above and
below it are left empty, so the text runs above, below and beside it and stays
on the baseline grid. Lines are never narrowed to squeeze in next to a photo: a
column the photo cuts into only partly (破栏 columns) gives up those lines too.
A headline group the photo reaches into is set in the widest free stretch
beside it, or, with less than ``MIN_HEAD_ROOM_CHARS`` there, the article's text
starts below the photo.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from layout.flow import display, vertical, words
from layout.flow.boxes import frame_box
from layout.flow.grid import PageGrid
from layout.frame import Dot, Item, TextLine
from layout.issue.model import ArticleBlock, CrossHead, HeadText, Paragraph, Typography
from layout.issue.style import HOUSE, HouseStyle
from layout.logger import LOGGER
from layout.report import BlockReport, ColumnFit
from layout.text.font import FontBook
from layout.text.line import SetLine
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle

#: Inline style → face role (body paragraphs). Sizes are the body size.
INLINE_ROLES = {"kai": "kai", "bold": "hei_bold"}  # inline markup {kai:…} {hei:…}; body, dateline, jump
                                                  # and emphasis ({em:…}, in the body face) from the house style
DOT_DROP_EM = 0.36  # 着重号: dot centre below the baseline (clear of the descent, above the next line)
DOT_RADIUS_EM = 0.075
HEAD_LEADING = 1.2  # line advance of headline text, in em of its size
BOX_PAD_CHARS = 1  # a boxed article's text stands this many characters inside the frame
BOX_PAD_LINES = 1  # and this many body lines
MAX_HEAD_AIR = 3  # body lines a balanced article may add around its headline group
WRAP_GAP_LINES = 1  # empty body lines between a wrapped photo and the text above and below it
MIN_BODY_CHARS = 4  # a vertical head's strip must leave the body at least this many characters a line
MIN_HEAD_ROOM_CHARS = 4  # narrower room beside a photo than this many body characters: the head goes below it
CROSSHEAD_STYLES = tuple((t.font, t.size) for t in (HOUSE.crosshead.first, HOUSE.crosshead.second))  # default


@dataclass
class Unit:
    """A piece of the body flow: one body line, or a cross-head of several lines."""

    lines: list[tuple[SetLine, float]]  # line and its baseline offset from the unit's top
    height: int  # in body lines
    crosshead: bool = False
    first: bool = False  # the first line of a paragraph of several lines (not alone at a column foot)
    last: bool = False  # the last line of a paragraph of several lines (not alone at a column head)

    @property
    def text(self) -> str:
        """The unit's characters of the copy (no added hyphens)."""
        return "".join(line.copy for line, _ in self.lines)


@dataclass(frozen=True)
class Obstacle:
    """A rectangle inside an article that its text flows around: x extent in pt, grid
    lines ``line`` to ``end_line`` (exclusive, page grid lines, 1-based)."""

    x0: float
    x1: float
    line: int
    end_line: int


@dataclass
class Placed:
    """What a block puts on the page."""

    report: BlockReport
    items: list[Item] = field(default_factory=list)


def head_lines(heads: list[HeadText], width: float, book: FontBook, typo: Typography, missing: list[str],
               gap_em: float = 0.35) -> tuple[list[tuple[SetLine, float, float]], float]:
    """Set headline texts stacked: [(line, y of its em-box top, size)], total height (pt).
    Characters no font has are added to ``missing``."""
    out: list[tuple[SetLine, float, float]] = []
    y = 0.0
    for k, head in enumerate(heads):
        if k:
            y += gap_em * head.size_pt
        for part in head.text.split("\n"):
            lines, lacking = balanced_head(part, head, book, typo, width)
            missing.extend(ch for ch in lacking if ch not in missing)
            for line in lines:
                out.append((line, y, head.size_pt))
                y += head.size_pt * HEAD_LEADING
        y -= head.size_pt * (HEAD_LEADING - 1.0)
    return out, y


MIN_PRINT_PT = 6.0  # small print is never shrunk below this size


def one_line(text: str, size: float, role: str, align: str, width: float, book: FontBook, typo: Typography,
             missing: list[str]) -> tuple[SetLine, float] | None:
    """``text`` as one line ``width`` pt wide: at ``size``, or at the largest size (in ½-pt
    steps, down to ``MIN_PRINT_PT``) at which it fits without a break; None if it does not
    fit even then. For small print that must stay on one line (running head, masthead)."""
    target = size
    while target >= MIN_PRINT_PT - 1e-9:
        para = set_paragraph([(text, TextStyle(role, target))], book, typo, width, 0.0, align)
        if len(para.lines) == 1:
            missing.extend(ch for ch in para.missing if ch not in missing)
            return para.lines[0], target
        target -= 0.5
    return None


def balanced_head(text: str, head: HeadText, book: FontBook, typo: Typography,
                  width: float) -> tuple[list[SetLine], tuple[str, ...]]:
    """A headline text set ``width`` pt wide in head.align: on one line if it fits, else
    broken between words into lines of even length (``layout/flow/display.py``: 新能源产业集群蓄势崛起
    in two lines is 新能源产业集群 / 蓄势崛起, never 集|群). Only a run wider than the
    width by itself is broken inside, as body text would be. Returns the lines and the
    characters no font has."""
    style = TextStyle(head.role, head.size_pt)
    shown = display.set_display(text, style, book, typo, width, head.align)
    if shown is not None:
        return shown
    clean = words.strip_marks(text)[0]
    full = set_paragraph([(clean, style)], book, typo, width, 0.0, head.align)
    return list(full.lines), tuple(full.missing)


def place_head(heads: list[tuple[SetLine, float, float]], x: float, top: float, bottom: float,
               grid: PageGrid, block: str, kind: str, report: BlockReport, width: float | None = None) -> list[Item]:
    """Headline lines from ``top``; a line whose em box would pass ``bottom`` (or end more
    than ``width`` pt right of ``x``: one character wider than the block) is not drawn but
    reported as overset (its lines and characters), so nothing is lost silently."""
    items: list[Item] = []
    for line, y, size in heads:
        if top + y + size > bottom + 0.01 or (width is not None and line.width > width + 0.01):
            report.add_overset(1, line.copy, line.chars)
            continue
        items.append(TextLine(x, top + y + grid.ascent_em * size, line.glyphs, block, kind))
        report.chars_set += line.chars
    return items


@dataclass(frozen=True)
class Area:
    """Where an article's text goes: the block, or inside its box (one character and one
    line of padding, on the grid)."""

    x: float
    width: float
    line: int
    lines: int
    columns: list[tuple[float, float]]


def _area(block: ArticleBlock, grid: PageGrid) -> Area:
    """The text area of an article block."""
    rect = grid.rect(block.at)
    if block.box is None:
        return Area(rect.x, rect.w, block.at.line, block.at.lines, grid.body_columns(block.at, block.columns))
    pad = grid.body_size * BOX_PAD_CHARS
    return Area(rect.x + pad, rect.w - 2 * pad, block.at.line + BOX_PAD_LINES, block.at.lines - 2 * BOX_PAD_LINES,
                grid.body_columns(block.at, block.columns, inset=BOX_PAD_CHARS))


def _head_group(block: ArticleBlock, grid: PageGrid, book: FontBook, typo: Typography,
                report: BlockReport, width: float) -> tuple[list[tuple[SetLine, float, float]], float, int]:
    """The headline group's lines [(line, y, size)], its height (pt) and the whole
    number of body lines it occupies (with half a line of air above and below)."""
    heads = [h for h in (block.kicker, block.headline, block.subhead) if h]
    if block.byline:
        align = block.headline.align if block.headline else "left"
        heads.append(HeadText(block.byline, block.style.byline.size, block.style.byline.font, align))
    if not heads:
        return [], 0.0, 0
    lines, height = head_lines(heads, width, book, typo, report.missing_glyphs)
    return lines, height, math.ceil((height + grid.pitch) / grid.pitch - 1e-6)


def _body_units(block: ArticleBlock, grid: PageGrid, book: FontBook, typo: Typography,
                report: BlockReport, width: float) -> list[Unit]:
    """Body items set ``width`` pt wide → flow units; records missing glyphs and forced breaks in ``report``."""
    size = grid.body_size
    units: list[Unit] = []
    for number, item in enumerate(block.body, 1):
        if isinstance(item, CrossHead):
            units.append(_crosshead(item, grid, book, typo, report, width, block.style))
            continue
        assert isinstance(item, Paragraph)
        runs = [(run.text, TextStyle(_role(run.style, block.style), size, run.style == "emphasis"))
                for run in item.runs]
        indent = typo.indent_chars * size if item.indent else 0.0
        para = display.set_body(runs, [run.style for run in item.runs], block.box is not None, book, typo, width,
                                indent, item.align)  # display copy (导读, datelines) breaks between words
        report.missing_glyphs.extend(ch for ch in para.missing if ch not in report.missing_glyphs)
        report.forced_breaks += sum(1 for line in para.lines if line.forced)
        for line in para.loose:
            LOGGER.warning("loose line: page %d, block %r, body item %d: %r spreads its characters by %.2f em "
                           "(limit %.2f)", report.page, block.id, number, line.text, line.spread_em,
                           typo.loose_limit_em)
        for line in para.short:
            LOGGER.warning("grid line short: page %d, block %r, body item %d: %r ends %.0f cells before the column "
                           "edge (nothing else could fill it)", report.page, block.id, number, line.text,
                           (line.measure - line.width) / size)
        for line in para.lines:
            if line.forced:
                LOGGER.warning("forced break: page %d, block %r, body item %d: %r is broken where no break is "
                               "allowed (no word, URL or number break fits the column)", report.page, block.id,
                               number, line.text)
        offset = grid.baseline(1) - grid.line_top(1)
        many = len(para.lines) > 1
        units.extend(Unit([(line, offset)], 1, first=many and k == 0, last=many and k == len(para.lines) - 1)
                     for k, line in enumerate(para.lines))
    return units


def _role(run: str, style: HouseStyle) -> str:
    """The font role of a body run's style (``layout.issue.model.Run``)."""
    if run in INLINE_ROLES:
        return INLINE_ROLES[run]
    return {"dateline": style.dateline, "jump": style.jump}.get(run, style.body).font


def _crosshead(item: CrossHead, grid: PageGrid, book: FontBook, typo: Typography, report: BlockReport,
               width: float, style: HouseStyle) -> Unit:
    """A cross-head: its lines centred in a column ``width`` pt wide, a whole number of body lines tall."""
    types = (style.crosshead.first, style.crosshead.second)
    heads = [HeadText(text, t.size, t.font, "center") for text, t in zip(item.lines, types)]
    lines, height = head_lines(heads, width, book, typo, report.missing_glyphs, gap_em=0.2)
    n_lines = math.ceil(height / grid.pitch + 0.3)
    top = (n_lines * grid.pitch - height) / 2
    return Unit([(line, top + y + grid.ascent_em * size) for line, y, size in lines], n_lines, crosshead=True)


def distribute(units: list[Unit], columns: int, height: int,
               blocked: tuple[frozenset[int], ...] = ()) -> tuple[list[tuple[int, int, int]], int]:
    """Fill ``columns`` columns of ``height`` lines in order, leaving out the line
    offsets ``blocked[column]`` (a wrapped photo and its gap).

    Returns ([(unit index, column, line offset)], index of the first unit that
    did not fit, ``len(units)`` if all did). A cross-head takes a blank line
    above it (not at a column top or under a photo) and keeps with the two lines
    below it, except at the top of a column with nothing in its way that is too
    short for those lines. A unit taller than every free stretch of every column
    is never placed: it and everything after it are overset, so no line is drawn
    past the block's bottom.
    On the baseline grid, lines move and the leading never changes: a paragraph's
    first line alone at the foot of a column (orphan) moves to the next column, and
    its last line alone at the head of a column (widow) takes the line before it
    along (clreq; the usual newspaper rule).
    """
    placed: list[tuple[int, int, int]] = []
    if height <= 0:
        return placed, 0
    free = [blocked[c] if c < len(blocked) else frozenset() for c in range(columns)]
    column, line = 0, 0
    for index, unit in enumerate(units):
        while True:
            if column >= columns:
                return placed, index
            while line < height and line in free[column]:
                line += 1
            end = next((k for k in range(line, height) if k in free[column]), height) if free[column] else height
            lead = 1 if unit.crosshead and line > 0 and line - 1 not in free[column] else 0
            keep = unit.height + lead + (2 if unit.crosshead else 0)
            whole = line == 0 and end == height
            orphan = unit.first and line + keep == end and end - _top(free[column], height) > 2
            if line < height and not orphan and (line + keep <= end or (whole and keep > height >= unit.height)):
                break
            line = end
            if line >= height:
                column, line = column + 1, 0
        line += lead
        moved = _widow(units, placed, index, column, line, free[column], height) if unit.last else 0
        for k in range(moved):  # the lines before come along: no widow, and no orphan left behind
            placed[-moved + k] = (index - moved + k, column, line)
            line += 1
        placed.append((index, column, line))
        line += unit.height
    return placed, len(units)


def stranded(units: list[Unit], placed: list[tuple[int, int, int]], blocked: tuple[frozenset[int], ...],
             height: int) -> list[str]:
    """The text of each paragraph line ``distribute`` had to leave alone in a column: a last
    line at the head of a column, a first line at its foot (the exceptions to report)."""
    where = {index: (column, line) for index, column, line in placed}
    out = []
    for index, (column, line) in where.items():
        unit = units[index]
        free = blocked[column] if column < len(blocked) else frozenset()
        before, after = where.get(index - 1), where.get(index + 1)
        widow = unit.last and before is not None and before[0] != column and line == _top(free, height)
        orphan = unit.first and after is not None and after[0] != column
        if widow or orphan:
            out.append(unit.text)
    return out


def _top(free: frozenset[int], height: int) -> int:
    """The first line of a column that is not blocked."""
    return next((k for k in range(height) if k not in free), height)


def _widow(units: list[Unit], placed: list[tuple[int, int, int]], index: int, column: int, line: int,
           free: frozenset[int], height: int) -> int:
    """How many lines must move down with a paragraph's last line that would stand alone
    at the head of ``column``: the line before it, and the one before that too when it is
    the paragraph's first line (it would be left alone at the foot). 0 when none can
    (cross-heads, lines not at the foot of the column before, too short a column)."""
    if not placed or placed[-1][0] != index - 1 or placed[-1][1] == column or line != _top(free, height):
        return 0
    moved = 1 if units[index - 1].first else 2 if index >= 2 and units[index - 2].first else 1
    if moved == 2 and (len(placed) < 2 or placed[-2][0] != index - 2 or placed[-2][1] != placed[-1][1]):
        moved = 1
    lines = range(line, line + moved + 1)
    if any(u.height != 1 or u.crosshead for u in units[index - moved:index]) or any(
            k >= height or k in free for k in lines):
        return 0
    return moved


def balanced_height(units: list[Unit], columns: int, height: int, blocked: tuple[frozenset[int], ...] = ()) -> int:
    """The smallest column height (≤ ``height``) that still takes every unit, so the
    columns end level (±1 line), or up to 3 lines more where that leaves no paragraph
    line alone in a column; ``height`` itself when even that overflows."""
    low, high = 1, height
    if distribute(units, columns, height, blocked)[1] < len(units):
        return height
    while low < high:
        mid = (low + high) // 2
        if distribute(units, columns, mid, blocked)[1] == len(units):
            high = mid
        else:
            low = mid + 1
    for taller in range(low, min(height, low + 3) + 1):  # up to 3 lines more if that spares a widow or orphan
        placed, stop = distribute(units, columns, taller, blocked)
        if stop == len(units) and not stranded(units, placed, blocked, taller):
            return taller
    return low


def blocked_lines(columns: list[tuple[float, float]], first: int, height: int, obstacles: tuple[Obstacle, ...],
                  clearance: float) -> tuple[frozenset[int], ...]:
    """Per body column, the line offsets (from grid line ``first``) the obstacles take:
    their own lines and ``WRAP_GAP_LINES`` above and below, in every column that comes
    nearer to them than ``clearance`` pt (a gutter)."""
    out = []
    for x, w in columns:
        taken: set[int] = set()
        for ob in obstacles:
            if x < ob.x1 + clearance and ob.x0 - clearance < x + w:
                start, stop = ob.line - WRAP_GAP_LINES - first, ob.end_line + WRAP_GAP_LINES - first
                taken.update(range(max(0, start), min(height, stop)))
        out.append(frozenset(taken))
    return tuple(out)


def _head_room(area: Area, in_way: list[Obstacle], clearance: float) -> tuple[float, float]:
    """(x, width): the widest stretch of the area beside the photos ``in_way``."""
    stretches, left = [], area.x
    for x0, x1 in sorted((ob.x0 - clearance, ob.x1 + clearance) for ob in in_way):
        stretches.append((left, x0 - left))
        left = max(left, x1)
    stretches.append((left, area.x + area.width - left))
    return max(stretches, key=lambda s: s[1])


HeadGroup = tuple[list[tuple[SetLine, float, float]], float, int]


def _head_clear_of_photos(block: ArticleBlock, grid: PageGrid, book: FontBook, typo: Typography, area: Area,
                          obstacles: tuple[Obstacle, ...], clearance: float,
                          group: HeadGroup) -> tuple[Area, tuple[float, float], HeadGroup]:
    """Keep the headline group off wrapped photos: set it in the widest stretch beside the
    photos that reach into its lines (or their gap line); where that is narrower than
    ``MIN_HEAD_ROOM_CHARS`` body characters, the article's text starts below those
    photos. Returns the (possibly lowered) area, the head's (x, width) and the group."""
    room = (area.x, area.width)
    for _ in range(2 * len(obstacles) + 2):
        head_n = group[2]
        in_way = [ob for ob in obstacles
                  if ob.line - WRAP_GAP_LINES < area.line + head_n and ob.end_line + WRAP_GAP_LINES > area.line]
        wanted = _head_room(area, in_way, clearance)
        if in_way and wanted[1] < MIN_HEAD_ROOM_CHARS * grid.body_size:
            below = max(ob.end_line for ob in in_way) + WRAP_GAP_LINES
            area = replace(area, line=below, lines=max(0, area.line + area.lines - below))
            wanted = (area.x, area.width)
        elif wanted == room:
            break
        room = wanted
        group = _head_group(block, grid, book, typo, BlockReport(0, block.id), room[1])
    return area, room, group


def layout_article(block: ArticleBlock, grid: PageGrid, book: FontBook, typo: Typography, page: int,
                   balance: bool = True, obstacles: tuple[Obstacle, ...] = ()) -> Placed:
    """Lay out one article block (see module docstring); ``obstacles`` are the wrapped
    photos inside it."""
    report = BlockReport(page=page, block=block.id, kind="article")
    placed = Placed(report=report)
    area = _area(block, grid)
    clearance = grid.gutter * 0.99
    heads: list[tuple[SetLine, float, float]] = []
    head_height, head_n = 0.0, 0
    head_x, head_width = area.x, area.width
    vhead: VerticalHead | None = None
    if block.head_vertical:
        vhead, area = _vertical_head(block, grid, book, area, report)
    else:
        heads, head_height, head_n = _head_group(block, grid, book, typo, report, head_width)
    if heads and obstacles:
        area, (head_x, head_width), (heads, head_height, head_n) = _head_clear_of_photos(
            block, grid, book, typo, area, obstacles, clearance, (heads, head_height, head_n))
    columns = area.columns
    units = _body_units(block, grid, book, typo, report, columns[0][1])
    height = max(0, area.lines - head_n)
    blocked = blocked_lines(columns, area.line + head_n, height, obstacles, clearance)
    report.lines_available = height * len(columns) - sum(len(b) for b in blocked)
    report.columns, report.line_chars = len(columns), int(columns[0][1] / grid.body_size + 1e-6)
    full, head_0 = height, head_n
    if balance and units:
        balanced = balanced_height(units, len(columns), height, blocked)
        if heads and not obstacles:  # lines the balanced body leaves free give the headline group air
            head_n += min(MAX_HEAD_AIR, height - balanced)
        height = balanced
    top = grid.line_top(area.line) + max(0.0, (min(head_n, area.lines) * grid.pitch - head_height) / 2)
    bottom = grid.line_top(area.line + area.lines)
    placed.items.extend(place_head(heads, head_x, top, bottom, grid, block.id, "head", report, head_width))
    if vhead is not None:
        start, end = _strip_span(vhead, area, obstacles, clearance, grid.pitch)
        strip = replace(area, line=start, lines=end - start)
        placed.items.extend(_place_vertical(vhead, grid, strip, height if units else area.lines, block.id, report))
    if block.box:
        placed.items[:0] = frame_box(grid.rect(block.at), block.box, block.style.boxes)
    first = area.line + head_n
    spots, stop = distribute(units, len(columns), height, blocked)
    for line in stranded(units, spots, blocked, height):
        LOGGER.warning("widow or orphan: page %d, block %r: %r stands alone in its column (no line could move "
                       "on the grid)", page, block.id, line)
    for index, column, offset in spots:
        unit = units[index]
        x = columns[column][0]
        top = grid.line_top(first + offset)
        kind = "crosshead" if unit.crosshead else "body"
        for set_line, baseline in unit.lines:
            placed.items.append(TextLine(x, top + baseline, set_line.glyphs, block.id, kind,
                                         justified=set_line.justified))
            placed.items.extend(emphasis_dots(x, top + baseline, set_line))
            report.chars_set += set_line.chars
    report.lines_used = max((column * height + offset + units[i].height for i, column, offset in spots), default=0)
    report.lines_set = sum(units[i].height for i, _, _ in spots)
    report.column_fit = _column_fit(grid, columns, spots, units, first, full - (head_n - head_0), blocked,
                                    grid.line_top(area.line + area.lines))
    if stop < len(units):
        _overset(report, units[stop:])
    return placed


def _column_fit(grid: PageGrid, columns: list[tuple[float, float]], spots: list[tuple[int, int, int]],
                units: list[Unit], first: int, height: int, blocked: tuple[frozenset[int], ...],
                bottom: float) -> list[ColumnFit]:
    """Each body column's foot and empty lines: ``height`` lines from grid line ``first`` (the
    headline's air excluded) less the lines set and those a wrapped photo takes (``blocked``)."""
    ends, used = [0] * len(columns), [0] * len(columns)
    for index, column, offset in spots:
        ends[column] = max(ends[column], offset + units[index].height)
        used[column] += units[index].height
    taken = [len(blocked[c]) if c < len(blocked) else 0 for c in range(len(columns))]
    return [ColumnFit(x, w, grid.line_top(first + ends[c]), bottom, max(0, height - taken[c] - used[c]))
            for c, (x, w) in enumerate(columns)]


@dataclass(frozen=True)
class VerticalHead:
    """A vertical head set but not yet placed: its columns and the x their first
    (rightmost) column ends at."""

    columns: list[vertical.VerticalColumn]
    right: float


def _vertical_head(block: ArticleBlock, grid: PageGrid, book: FontBook, area: Area,
                   report: BlockReport) -> tuple[VerticalHead | None, Area]:
    """A vertical head (竖排标题): its columns, set for a strip on the ``head_vertical``
    side of the text area, and the area the body keeps (narrower, whole body characters
    per column)."""
    heads = [h for h in (block.kicker, block.headline, block.subhead) if h]
    if block.byline:
        heads.append(HeadText(block.byline, block.style.byline.size, block.style.byline.font, "left"))
    room = area.lines * grid.pitch - (grid.pitch - grid.body_size)  # as _place_vertical: within the body lines
    columns = vertical.set_columns(heads, book, block.head_digits, report.missing_glyphs, room)
    if not columns:
        return None, area
    chars = vertical.strip_chars(columns, grid.body_size)
    if area.width / grid.body_size - chars < MIN_BODY_CHARS:  # no room: the head is overset, never drawn outside
        text = "".join(g.ch for column in columns for g in column.glyphs)
        LOGGER.warning("vertical head: page %d, block %r: the head's %d-character strip leaves fewer than %d "
                       "characters for the body; the head is not set", report.page, block.id, chars, MIN_BODY_CHARS)
        report.add_overset(len(columns), text, len(text))
        return None, area
    side = block.head_vertical or "right"
    right = area.x + area.width if side == "right" else area.x + vertical.heads_width(columns)
    body = vertical.beside_strip(area.columns, chars, side, grid.body_size, grid.gutter)
    return VerticalHead(columns, right), Area(area.x + (chars * grid.body_size if side == "left" else 0.0),
                                              area.width - chars * grid.body_size, area.line, area.lines, body)


def _strip_span(head: VerticalHead, area: Area, obstacles: tuple[Obstacle, ...], clearance: float,
                pitch: float) -> tuple[int, int]:
    """The grid lines [start, end) a vertical head may use: from the area's first line,
    or from below a wrapped photo in its strip that would be in the way of its columns
    (and its gap line), down to the next such photo (less its gap line) or the area's end.
    What does not fit there is overset, never drawn over a photo."""
    left = head.right - vertical.heads_width(head.columns)
    needed = math.ceil(max(c.length for c in head.columns) / pitch - 1e-6)
    in_strip = sorted((ob for ob in obstacles if ob.x0 - clearance < head.right and left < ob.x1 + clearance),
                      key=lambda o: o.line)
    start = area.line
    for ob in in_strip:
        if ob.line - WRAP_GAP_LINES < start + needed and ob.end_line + WRAP_GAP_LINES > start:
            start = ob.end_line + WRAP_GAP_LINES
    end = min([area.line + area.lines, *(ob.line - WRAP_GAP_LINES for ob in in_strip if ob.line >= start)])
    return start, max(start, end)


def _place_vertical(head: VerticalHead, grid: PageGrid, area: Area, body_lines: int, block: str,
                    report: BlockReport) -> list[Item]:
    """The vertical head's columns over the area's lines, within the em boxes of the
    first and last body line; ``align: center``/``right`` centre or lower a column
    within the ``body_lines`` the body uses (or its own length, if longer)."""
    inset = (grid.pitch - grid.body_size) / 2
    top, bottom = grid.line_top(area.line) + inset, grid.line_top(area.line + area.lines) - inset
    used = grid.line_top(area.line + max(1, min(body_lines, area.lines))) - inset
    return list(vertical.place_columns(head.columns, head.right, top, bottom, block, report, used))


def emphasis_dots(x: float, baseline: float, line: SetLine) -> list[Item]:
    """着重号 under the emphasised ideographs of a line (clreq: centred under each
    character in horizontal text, never under punctuation), about ½ the size of a
    full stop."""
    return [Dot(x + g.x + g.size / 2, baseline + DOT_DROP_EM * g.size, DOT_RADIUS_EM * g.size)
            for g in line.glyphs if g.emphasis]


def _overset(report: BlockReport, rest: list[Unit]) -> None:
    """Record the units that did not fit (added to any headline overset)."""
    report.add_overset(sum(u.height for u in rest), "".join(u.text for u in rest),
                       sum(line.chars for u in rest for line, _ in u.lines))
