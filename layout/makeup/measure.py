"""Story variants measured by the real engine: how many grid lines a story needs at a span.

In:  a plan's ``Story``, its page, the fonts (``LayoutContext``) and a span and body-column count.
Out: ``Variant``: the article block as it will be written (headline size from its priority and
     the house style), the lines its headline group takes and the body lines it needs to set
     with nothing overset, the empty body lines it leaves at that height, and what a slot of any
     height costs it (``Variant.fit``).

The measure is the article layout's own: the headline group and body paragraphs are set by
``layout.flow.article`` at the block's column width, and the body's height is the balanced
height ``layout.flow.distribute`` gives; so a slot of ``Variant.lines`` lines sets the story
with nothing overset. Set paragraphs are cached per story and column width (a span's base
columns all share one width, so most variants reuse one setting).
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from layout.blocks import block_type
from layout.blocks.context import LayoutContext
from layout.flow.article import BOX_PAD_LINES, MAX_HEAD_AIR, measure_article, measure_vertical
from layout.flow.distribute import Unit, balanced_height
from layout.flow.grid import PageGrid
from layout.flow.setting import Setting
from layout.flow.vertical import strip_chars
from layout.issue import model as m
from layout.issue.reader import Doc
from layout.logger import LOGGER
from layout.makeup import store
from layout.makeup.plan import Story, check_article
from layout.text.clean import clean_text
from layout.text.wordbreak import hyphen_points

#: 破栏 offered at each span: body columns besides one per base column (三破二, 四破三, 五破四, 六破五).
BROKEN = {3: (2,), 4: (3,), 5: (4,)}
#: 竖排标题 offered (``head_vertical: allowed``) on stories this many base columns wide at most …
VERTICAL_SPANS = 3
#: … whose body text runs at least this many lines deep (and as deep as the head's longest column) …
VERTICAL_LINES = 12
#: … and whose body beside the strip keeps at least this many characters a line …
VERTICAL_CHARS = 8
#: … at a small cost each, so that at an equal fill the horizontal head is kept (a designer uses them sparingly).
VERTICAL = 3.0
# body columns, head lines, body lines, slack, characters a line, and for a vertical head: the lines
# its longest column needs and the base columns its strip touches (0, 0: a horizontal head)
Numbers = tuple[int, int, int, int, int, int, int]
Key = tuple[str, int, int, str]  # story id, span, body columns, head side ("" horizontal, right or left vertical)
_WORK: tuple[Measurer, list[Story], int] | None = None  # forked measuring workers read it: stories, turns (a pipe)
TURNS = 2048  # stories measured in several processes at most: their turns, two bytes each, fill no more than a
# pipe holds at its least (one 4 KiB page, past the user's soft limit of pipe pages); more are measured when asked


@dataclass(frozen=True)
class Variant:
    """A story set ``span`` base columns wide in ``columns`` body columns."""

    story: Story
    span: int
    columns: int
    block: m.ArticleBlock  # as it will be written (``at`` still a placeholder)
    head_lines: int  # grid lines of the headline group (without air)
    body_lines: int  # balanced body height, in grid lines
    slack: int  # empty body cells at that height (balancing leaves some), summed over the columns
    pad: int  # grid lines of a box's padding (top and bottom)
    line_chars: int  # characters per body line
    vertical: str = ""  # 竖排标题: the strip's side (right, left); "" for a horizontal head group
    vhead_lines: int = 0  # grid lines the vertical head's longest column takes, from the story's first line
    vhead_span: int = 0  # base columns the vertical head's strip reaches into, from its side

    @property
    def penalty(self) -> float:
        """The cost of the variant's kind of head, besides its fill: ``VERTICAL`` for a vertical head
        the plan allows rather than asks for (so it is chosen only where it does better)."""
        return VERTICAL if self.vertical and self.story.head_vertical == "allowed" else 0.0

    def vertical_extent(self, column: int, last_column: int, line: int) -> tuple[int, int, int, int]:
        """(first column, last column, first line, end line) of the vertical head of the variant placed
        over base columns ``column``–``last_column`` from ``line``, for the 撞题 check: the base columns
        its strip reaches into, down the lines of its longest column. The body stands between the strip
        and the story's far side, so the strip is never beside the story there: on a story one column
        wide its extent across is empty (first > last), beside only the neighbour on its own side."""
        top = line + self.pad // 2
        if self.vertical == "left":
            return column, min(last_column - 1, column + self.vhead_span - 1), top, top + self.vhead_lines
        return max(column + 1, last_column - self.vhead_span + 1), last_column, top, top + self.vhead_lines

    @property
    def lines(self) -> int:
        """Grid lines the story needs: nothing overset, columns balanced."""
        return self.head_lines + self.body_lines + self.pad

    @property
    def has_head(self) -> bool:
        """Whether the story has a horizontal headline group."""
        return self.head_lines > 0

    def fit(self, lines: int) -> tuple[int, int]:
        """(overset lines, empty body lines summed over the columns) in a slot ``lines`` tall:
        up to ``MAX_HEAD_AIR`` spare lines become air around the headline, as the article
        layout gives them (not in a box, which keeps them at its foot)."""
        extra = lines - self.lines
        if extra < 0:
            return -extra * self.columns, 0
        air = min(MAX_HEAD_AIR, extra) if self.has_head and not self.pad else 0  # (a box: at its foot)
        return 0, (extra - air) * self.columns + self.slack


class Measurer:
    """Measures story variants on one page, caching set bodies per story and column width."""

    def __init__(self, doc: Doc, issue: m.Issue, page: m.PageSpec, base: Path, ctx_book: object) -> None:
        self.doc, self.page, self.base = doc, page, base
        self.grid = PageGrid.of(page, _ascent(ctx_book))
        self.ctx = LayoutContext(issue, page, self.grid, ctx_book)  # type: ignore[arg-type]
        self._units: dict[str, dict[float, list[Unit]]] = {}  # set bodies by story and column width
        self._cleaned: dict[str, m.ArticleBlock] = {}
        self._blocks: dict[Key, m.ArticleBlock] = {}
        self._variants: dict[Key, Variant | None] = {}
        # what a variant's numbers depend on besides its block (``store``): the grid, the page's
        # settings (not its fixed blocks, so pages of one section share their stories' measures), the fonts
        settings = replace(page, number=0, name="", blocks=(), editor="", designer="")
        roles = getattr(ctx_book, "roles", None)  # and a page's latin_font face, by its contents
        self._inputs = (self.grid, settings, roles, store.named_files((self.grid, settings, roles)))
        self._keys: dict[Key, str] = {}  # variant → its key in the cache across runs
        self._story_keys: dict[str, str] = {}  # story → digest of its cleaned body and the files it names
        self.searched: dict[object, object] = {}  # what its searches share (``layout.makeup.tables.Pure``)

    def prefetch(self, stories: list[Story], jobs: int,
                 meanwhile: Callable[[list[Story]], object] | None = None) -> None:
        """Measure every variant of ``stories`` (spans within their limits) ahead, in ``jobs``
        processes when there are several stories: this process and ``jobs - 1`` forked ones take
        whole stories in turn, the longest first, each the next not yet taken (so each story's
        widths are set in one process, its base width once, and the processes finish together).
        This process's own set paragraphs are then at hand for the checking render; the others'
        numbers come back and their blocks are made again here (reading, not setting). The numbers
        are the same whoever measures them. Without ``jobs`` of 2 or more, variants are measured
        when first asked for. ``meanwhile`` is given the stories this process measured (all their
        variants), when there are no more to take, while the others finish theirs. The others are
        forked tasks (``workers.fork_task``), the turns numbers in a pipe (``_turns``): no pool, no
        shared memory to start (a few milliseconds of a one-page make-up's second)."""
        stories = [s for s in stories if any(self._stored(*k) is store.MISSING for k in self.keys(s))]
        if jobs < 2 or not 2 <= len(stories) <= TURNS or not hasattr(os, "fork"):
            return
        from layout.workers import end_task, fork_task, task_result

        global _WORK
        if any(re.search(r"[A-Za-z]{5}", str(s.data.get("body"))) for s in stories):
            hyphen_points("newspaper")  # the hyphenation dictionary, loaded once before the fork, not in each process
        order = sorted(stories, key=lambda s: (-len(str(s.data.get("body"))), s.index))
        _WORK, started, results = (self, order, _turns(len(order))), [], []
        try:
            started = [fork_task(_measure_taken) for _ in range(min(jobs, len(stories)) - 1)]
            mine = []
            while keys := _take_one():  # this process's turns, meanwhile
                for story, span, columns, side in keys:
                    self.variant(story, span, columns, side)
                mine.append(keys[0][0])
            if meanwhile is not None:
                meanwhile(mine)
            while started:
                results.append(task_result(started.pop(0)))  # (ended and reaped by it, whatever happens)
        finally:
            for task in started:  # (left early: an error, Ctrl-C)
                end_task(task)
            os.close(_WORK[2])
            _WORK = None
        by_id = {s.id: s for s in stories}
        for found in results:
            for (sid, span, columns, side), n in found:
                self._variants[(sid, span, columns, side)] = self._variant(by_id[sid], span, columns, n, side)
                if store.enabled():
                    store.put(self._store_key(by_id[sid], span, columns, side), n)

    def keys(self, story: Story) -> list[tuple[Story, int, int, str]]:
        """(story, span, body columns, head side) of every variant of ``story`` within its span limits."""
        spans = range(story.min_span, min(story.max_span, self.page.grid.columns) + 1)
        return [(story, span, c, side) for span in spans for side in head_sides(story, span)
                for c in (span, *BROKEN.get(span, ()))]

    def variants(self, story: Story, span: int) -> list[Variant]:
        """The story's variants at ``span``: one body column per base column, and 破栏; with a
        horizontal head group, and with a vertical head where the plan allows or asks for one."""
        out = []
        for side in head_sides(story, span):
            for columns in (span, *BROKEN.get(span, ())):
                v = self.variant(story, span, columns, side)
                if v is not None:
                    out.append(v)
        return out

    def variant(self, story: Story, span: int, columns: int, side: str = "") -> Variant | None:
        """One measured variant (None when the columns would be narrower than 4 characters, or a
        vertical head is not possible: see ``_numbers``); ``side``: the vertical head's, "" horizontal."""
        key = (story.id, span, columns, side)
        if key not in self._variants:
            self._variants[key] = self._measure(story, span, columns, side)
        return self._variants[key]

    def block(self, story: Story, span: int, columns: int, side: str = "") -> m.ArticleBlock:
        """The story as an article ``span`` wide: read by the article reader, its body cleaned once,
        its headline sized by priority (unless the plan sizes it), boxed when asked; with its heads
        vertical on ``side`` (right, left) when given."""
        key = (story.id, span, columns, side)
        if key not in self._blocks:
            self._blocks[key] = self._block(story, span, columns, side)
        return self._blocks[key]

    def _block(self, story: Story, span: int, columns: int, side: str) -> m.ArticleBlock:
        """``block`` itself."""
        disabled, LOGGER.disabled = LOGGER.disabled, True  # what the reader and the cleaning warn of is said once:
        try:  # by the plan's reading (read_plan) and the checking render, not by each variant of each process
            if story.id not in self._cleaned:
                one = check_article(self.doc, story, self.page, self.base, 1)
                cleaned = block_type("article").clean(one, one.typography, Counter(), self.page.number)
                assert isinstance(cleaned, m.ArticleBlock)
                self._cleaned[story.id] = cleaned
            block = check_article(self.doc, story, self.page, self.base, span, columns)
        finally:
            LOGGER.disabled = disabled
        clean = self._cleaned[story.id]
        counts: Counter[str] = Counter()

        def head(h: m.HeadText | None) -> m.HeadText | None:
            return replace(h, text=clean_text(h.text, block.typography, counts)) if h else None

        block = replace(block, kicker=head(block.kicker), headline=head(block.headline), subhead=head(block.subhead),
                        byline=clean.byline, body=clean.body)
        if block.headline and not story.explicit_size:
            size = headline_size(block, story, span, bool(side))
            block = replace(block, headline=replace(block.headline, size_pt=size))
        if side:
            block = replace(block, head_vertical=side)
        if story.boxed and block.box is None:
            block = replace(block, box=m.BoxStyle())
        return block

    def _measure(self, story: Story, span: int, columns: int, side: str = "") -> Variant | None:
        """The variant measured here."""
        return self._variant(story, span, columns, self.numbers(story, span, columns, side), side)

    def _variant(self, story: Story, span: int, columns: int, n: Numbers | None, side: str = "") -> Variant | None:
        """A variant from its measured numbers (None: not possible)."""
        if n is None:
            return None
        block = self.block(story, span, columns, side)
        pad = 2 * BOX_PAD_LINES if block.box else 0
        return Variant(story, span, n[0], block, n[1], n[2], n[3], pad, n[4], side, n[5], n[6])

    def capped(self, v: Variant, size: float) -> Variant:
        """``v`` (a horizontal head group's variant) with its headline set at ``size`` pt: its block and
        the grid lines of its head group measured again; its body, as set, unchanged."""
        assert v.block.headline is not None and not v.vertical
        block = replace(v.block, headline=replace(v.block.headline, size_pt=size))
        return replace(v, block=block, head_lines=self._trial(v, block)[0])

    def body_units(self, v: Variant) -> list[Unit]:
        """The body of ``v`` (a horizontal head group's variant) set at its column width as flow
        units: the set paragraphs ``numbers`` measured it with (cached by width)."""
        return self._trial(v, v.block)[2]

    def _trial(self, v: Variant, block: m.ArticleBlock) -> tuple[int, list[tuple[float, float]], list[Unit]]:
        """``measure_article`` of ``block`` (``v``'s, perhaps with another headline) at ``v``'s span,
        its set body cached by width with the story's other variants."""
        trial = replace(block, at=m.Placement(1, v.span, 1, self.page.lines * 4))
        disabled, LOGGER.disabled = LOGGER.disabled, True  # (a trial measure: nothing is the page's to report)
        try:
            return measure_article(trial, self.grid, Setting.of(self.ctx, block.typography, block.style),
                                   self._units.setdefault(v.story.id, {}))
        finally:
            LOGGER.disabled = disabled

    def numbers(self, story: Story, span: int, columns: int, side: str = "") -> Numbers | None:
        """Set the story's head and body at the variant's measure: its body columns, head lines,
        balanced body lines, slack and characters a line (None when a column would be narrower
        than 4 characters)."""
        g = self.page.grid
        total = span * g.chars + (span - 1) * g.gutter_chars - (2 if story.boxed or "box" in story.data else 0)
        if (total - (columns - 1) * g.gutter_chars) / columns < 4:
            return None
        known = self._stored(story, span, columns, side)
        if known is not store.MISSING:
            return known
        disabled, LOGGER.disabled = LOGGER.disabled, True  # a trial measure's loose lines are not the page's
        try:
            n = self._vertical(story, span, columns, side) if side else self._numbers(story, span, columns)
        finally:
            LOGGER.disabled = disabled
        if store.enabled():  # (the key is a digest of the block: not worked out for a cache that is off)
            store.put(self._store_key(story, span, columns, side), n)
        return n

    def _store_key(self, story: Story, span: int, columns: int, side: str) -> str:
        """The variant's key in the cache across runs (``layout.makeup.store``): its block as
        measured (its body by ``story_key``), the grid, the page's settings and the fonts."""
        key = (story.id, span, columns, side)
        if key not in self._keys:
            block = replace(self.block(story, span, columns, side), at=m.Placement(1, span, 1, self.page.lines * 4),
                            body=(), yaml_path="", yaml_line=None)  # (where the plan has it: messages only)
            self._keys[key] = store.key("variant", block, self.story_key(story), side, story.head_vertical,
                                        self._inputs)
        return self._keys[key]

    def story_key(self, story: Story) -> str:
        """A digest of what every variant of the story shares: its cleaned body and heads' texts (as typed: a
        headline 1.00 is not 1.000, though the plan's data holds the same number), and the files its
        block names (a head's 题花 image, a ``latin_font`` face) by their contents — a file
        changed under the same name must not give an earlier run's measure."""
        if story.id not in self._story_keys:
            self.block(story, 1, 1)
            clean = self._cleaned[story.id]
            heads = [h.text if h else None for h in (clean.kicker, clean.headline, clean.subhead)]
            self._story_keys[story.id] = store.digest(repr((clean.body, heads, clean.byline,
                                                            store.named_files(clean))))
        return self._story_keys[story.id]

    def _stored(self, story: Story, span: int, columns: int, side: str = "") -> Any:
        """The variant's numbers measured in an earlier run, or ``store.MISSING``."""
        if not store.enabled():
            return store.MISSING
        return store.get(self._store_key(story, span, columns, side))

    def _numbers(self, story: Story, span: int, columns: int) -> Numbers:
        """``numbers`` itself."""
        block = self.block(story, span, columns)
        big = self.page.lines * 4
        block = replace(block, at=m.Placement(1, span, 1, big))
        head_n, cols, units = measure_article(block, self.grid, Setting.of(self.ctx, block.typography, block.style),
                                              self._units.setdefault(story.id, {}))
        width, n = cols[0][1], len(cols)
        body = balanced_height(units, n, big) if units else 0
        slack = n * body - sum(u.height for u in units)
        return n, head_n, body, max(0, slack), int(width / self.grid.body_size + 1e-6), 0, 0

    def _vertical(self, story: Story, span: int, columns: int, side: str) -> Numbers | None:
        """``numbers`` of a variant with a vertical head on ``side``: no head lines across the
        story; the body set beside the strip; the lines the head's longest column needs and the base
        columns the strip reaches into. None where the strip leaves no room, and, for a head the plan
        only allows, where the body runs shallower than ``VERTICAL_LINES`` or than the head's column
        (a vertical head stands beside the text, never below it) or its lines are narrower than
        ``VERTICAL_CHARS``. A head the plan asks for sets the
        story at least as deep as its column (the lines under the text then count as empty)."""
        g = self.page.grid
        block = self.block(story, span, columns, side)
        big = self.page.lines * 4
        block = replace(block, at=m.Placement(1, span, 1, big))
        vhead, cols, units = measure_vertical(block, self.ctx, Setting.of(self.ctx, block.typography, block.style),
                                              self._units.setdefault(story.id, {}))
        if vhead is None:
            return None
        length = max(c.length for c in vhead.columns)  # placed within the em boxes of its first and last lines
        head = math.ceil((length + self.grid.pitch - self.grid.body_size) / self.grid.pitch - 1e-6)
        strip = strip_chars(vhead.columns, self.grid.body_size)
        n = len(cols)
        body = balanced_height(units, n, big) if units else 0
        chars = int(cols[0][1] / self.grid.body_size + 1e-6)
        if story.head_vertical == "allowed" and (body < max(VERTICAL_LINES, head) or chars < VERTICAL_CHARS):
            return None
        slack = n * max(body, head) - sum(u.height for u in units)
        edge = strip + (1 if block.box else 0)  # body characters from the story's side to the strip's inner edge
        reach = min(span, 1 + int((edge - 1e-6) // (g.chars + g.gutter_chars)))
        return n, 0, max(body, head), max(0, slack), chars, head, reach


def head_sides(story: Story, span: int) -> tuple[str, ...]:
    """The heads a story's variants ``span`` wide take: "" (horizontal), "right" or "left" (vertical).
    A head the plan asks to be vertical always is; one it allows is also tried on the right (the
    usual side) on stories of up to ``VERTICAL_SPANS`` base columns."""
    if story.head_vertical in ("right", "left"):
        return (story.head_vertical,)
    if story.head_vertical == "allowed" and span <= VERTICAL_SPANS:
        return ("", "right")
    return ("",)


def _turns(count: int) -> int:
    """A pipe holding the turns ``0 … count - 1`` in order, two bytes each, its writing end closed: its
    reading end. Whichever process reads next takes the next turn (a read of a pipe is whole: no two
    processes get one turn), none once they are all taken (at most ``TURNS``: 4 096 bytes, which a pipe always holds and
    writes whole, ``PIPE_BUF``)."""
    read, write = os.pipe()
    try:
        os.write(write, b"".join(k.to_bytes(2, "little") for k in range(count)))
    finally:
        os.close(write)
    return read


def _take_one() -> list[tuple[Story, int, int, str]]:
    """The variants of the next story of ``_WORK`` no process has taken yet, taken (none: all are)."""
    assert _WORK is not None
    measurer, order, turns = _WORK
    turn = os.read(turns, 2)
    k = int.from_bytes(turn, "little") if len(turn) == 2 else len(order)
    return measurer.keys(order[k]) if k < len(order) else []


def _measure_taken() -> list[tuple[Key, Numbers | None]]:
    """Worker: the numbers of the variants of the stories it takes in turn from ``_WORK``."""
    assert _WORK is not None
    measurer = _WORK[0]
    out = []
    while keys := _take_one():
        out += [((story.id, span, columns, side), measurer.numbers(story, span, columns, side))
                for story, span, columns, side in keys]
    return out


def headline_size(block: m.ArticleBlock, story: Story, span: int, vertical: bool = False) -> float:
    """The headline size of a story: its priority's step on the house ladder (the sizes of
    ``style.headline.sizes``, largest first: priority 1 the largest, 2 the next…), so sizes fall
    with priority; below the lead, no larger than the house's size for the span. A vertical head
    runs down its story, not across it: it keeps its priority's size at any span."""
    sizes = ladder(block)
    own = sizes[min(story.priority, len(sizes)) - 1]
    return own if story.lead or vertical else min(own, block.style.headline.size(span))


def ladder(block: m.ArticleBlock) -> list[float]:
    """The house's headline sizes, largest first."""
    return sorted({size for _, size in block.style.headline.sizes}, reverse=True) or [block.style.headline.size(1)]


def size_drop(v: Variant) -> int:
    """Steps a variant's headline is set below its priority's size (a narrow span caps it)."""
    head = v.block.headline
    if head is None or v.story.explicit_size:
        return 0
    sizes = ladder(v.block)
    own = sizes[min(v.story.priority, len(sizes)) - 1]
    return sum(1 for size in sizes if head.size_pt < size <= own)


def photo_lines(grid: PageGrid, width: float, aspect: float, caption_chars: int) -> float:
    """Grid lines a photo slot ``width`` pt wide needs for its aspect (the image's width ÷ height):
    the half line above it, the image, the quarter line under it and the caption's lines."""
    per_line = max(1, int(width / grid.body_size))
    caption = math.ceil(caption_chars / per_line) if caption_chars else 0
    return (width / aspect + 0.75 * grid.pitch) / grid.pitch + caption


def _ascent(book: object) -> float:
    """The body face's ascender in em (as ``layout.page.compose_page`` reads it)."""
    body = book.chain("song").first  # type: ignore[attr-defined]
    return float(body.ascender / body.upem)
