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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from layout.blocks import block_type
from layout.blocks.context import LayoutContext
from layout.flow.article import BOX_PAD_LINES, MAX_HEAD_AIR, measure_article
from layout.flow.distribute import Unit, balanced_height
from layout.flow.grid import PageGrid
from layout.flow.setting import Setting
from layout.issue import model as m
from layout.issue.reader import Doc
from layout.logger import LOGGER
from layout.makeup.plan import Story, check_article
from layout.text.clean import clean_text
from layout.text.wordbreak import hyphen_points

#: 破栏 offered at each span: body columns besides one per base column (三破二, 四破三, 五破四, 六破五).
BROKEN = {3: (2,), 4: (3,), 5: (4,)}
Numbers = tuple[int, int, int, int, int]  # body columns, head lines, body lines, slack, characters a line
_WORK: tuple[Measurer, list[Story], Any] | None = None  # forked measuring workers read it: stories, turn counter


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
        layout gives them."""
        extra = lines - self.lines
        if extra < 0:
            return -extra * self.columns, 0
        air = min(MAX_HEAD_AIR, extra) if self.has_head else 0
        return 0, (extra - air) * self.columns + self.slack


class Measurer:
    """Measures story variants on one page, caching set bodies per story and column width."""

    def __init__(self, doc: Doc, issue: m.Issue, page: m.PageSpec, base: Path, ctx_book: object) -> None:
        self.doc, self.page, self.base = doc, page, base
        self.grid = PageGrid.of(page, _ascent(ctx_book))
        self.ctx = LayoutContext(issue, page, self.grid, ctx_book)  # type: ignore[arg-type]
        self._units: dict[str, dict[float, list[Unit]]] = {}  # set bodies by story and column width
        self._cleaned: dict[str, m.ArticleBlock] = {}
        self._variants: dict[tuple[str, int, int], Variant | None] = {}

    def prefetch(self, stories: list[Story], jobs: int) -> None:
        """Measure every variant of ``stories`` (spans within their limits) ahead, in ``jobs``
        processes when there are several stories: this process and ``jobs - 1`` forked ones take
        whole stories in turn, the longest first, each the next not yet taken (so each story's
        widths are set in one process, its base width once, and the processes finish together).
        This process's own set paragraphs are then at hand for the checking render; the others'
        numbers come back and their blocks are made again here (reading, not setting). The numbers
        are the same whoever measures them. Without ``jobs`` of 2 or more, variants are measured
        when first asked for."""
        if jobs < 2 or len(stories) < 2 or not hasattr(os, "fork"):
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from layout.workers import start_worker, stop_pool

        global _WORK
        if any(re.search(r"[A-Za-z]{5}", str(s.data.get("body"))) for s in stories):
            hyphen_points("newspaper")  # the hyphenation dictionary, loaded once before the fork, not in each process
        order = sorted(stories, key=lambda s: (-len(str(s.data.get("body"))), s.index))
        context = multiprocessing.get_context("fork")
        _WORK = (self, order, context.Value("i", 0))
        try:
            pool = ProcessPoolExecutor(max_workers=min(jobs, len(stories)) - 1, mp_context=context,
                                       initializer=start_worker, initargs=(os.getpid(),))
            try:
                futures = [pool.submit(_measure_taken) for _ in range(min(jobs, len(stories)) - 1)]
                while keys := _take_one():  # this process's turns, meanwhile
                    for story, span, columns in keys:
                        self.variant(story, span, columns)
                results = [f.result() for f in futures]
            except BaseException:
                stop_pool(pool)
                raise
            pool.shutdown()
        finally:
            _WORK = None
        by_id = {s.id: s for s in stories}
        for found in results:
            for (sid, span, columns), n in found:
                self._variants[(sid, span, columns)] = self._variant(by_id[sid], span, columns, n)

    def keys(self, story: Story) -> list[tuple[Story, int, int]]:
        """(story, span, body columns) of every variant of ``story`` within its span limits."""
        return [(story, span, c) for span in range(story.min_span, min(story.max_span, self.page.grid.columns) + 1)
                for c in (span, *BROKEN.get(span, ()))]

    def variants(self, story: Story, span: int) -> list[Variant]:
        """The story's variants at ``span``: one body column per base column, and 破栏."""
        out = []
        for columns in (span, *BROKEN.get(span, ())):
            v = self.variant(story, span, columns)
            if v is not None:
                out.append(v)
        return out

    def variant(self, story: Story, span: int, columns: int) -> Variant | None:
        """One measured variant (None when the columns would be narrower than 4 characters)."""
        key = (story.id, span, columns)
        if key not in self._variants:
            self._variants[key] = self._measure(story, span, columns)
        return self._variants[key]

    def block(self, story: Story, span: int, columns: int) -> m.ArticleBlock:
        """The story as an article ``span`` wide: read by the article reader, its body cleaned once,
        its headline sized by priority (unless the plan sizes it), boxed when asked."""
        if story.id not in self._cleaned:
            one = check_article(self.doc, story, self.page, self.base, 1)
            cleaned = block_type("article").clean(one, one.typography, Counter(), self.page.number)
            assert isinstance(cleaned, m.ArticleBlock)
            self._cleaned[story.id] = cleaned
        clean = self._cleaned[story.id]
        block = check_article(self.doc, story, self.page, self.base, span, columns)
        counts: Counter[str] = Counter()

        def head(h: m.HeadText | None) -> m.HeadText | None:
            return replace(h, text=clean_text(h.text, block.typography, counts)) if h else None

        block = replace(block, kicker=head(block.kicker), headline=head(block.headline), subhead=head(block.subhead),
                        byline=clean.byline, body=clean.body)
        if block.headline and not story.explicit_size:
            block = replace(block, headline=replace(block.headline, size_pt=headline_size(block, story, span)))
        if story.boxed and block.box is None:
            block = replace(block, box=m.BoxStyle())
        return block

    def _measure(self, story: Story, span: int, columns: int) -> Variant | None:
        """The variant measured here."""
        return self._variant(story, span, columns, self.numbers(story, span, columns))

    def _variant(self, story: Story, span: int, columns: int, n: Numbers | None) -> Variant | None:
        """A variant from its measured numbers (None: not possible)."""
        if n is None:
            return None
        block = self.block(story, span, columns)
        pad = 2 * BOX_PAD_LINES if block.box else 0
        return Variant(story, span, n[0], block, n[1], n[2], n[3], pad, n[4])

    def numbers(self, story: Story, span: int, columns: int) -> Numbers | None:
        """Set the story's head and body at the variant's measure: its body columns, head lines,
        balanced body lines, slack and characters a line (None when a column would be narrower
        than 4 characters)."""
        g = self.page.grid
        total = span * g.chars + (span - 1) * g.gutter_chars - (2 if story.boxed or "box" in story.data else 0)
        if (total - (columns - 1) * g.gutter_chars) / columns < 4:
            return None
        disabled, LOGGER.disabled = LOGGER.disabled, True  # a trial measure's loose lines are not the page's
        try:
            return self._numbers(story, span, columns)
        finally:
            LOGGER.disabled = disabled

    def _numbers(self, story: Story, span: int, columns: int) -> Numbers:
        """``numbers`` itself."""
        block = self.block(story, span, columns)
        big = self.page.lines * 4
        block = replace(block, at=m.Placement(1, span, 1, big))
        head_n, cols, units = measure_article(block, self.grid, Setting.of(self.ctx, block.typography),
                                              self._units.setdefault(story.id, {}))
        width, n = cols[0][1], len(cols)
        body = balanced_height(units, n, big) if units else 0
        slack = n * body - sum(u.height for u in units)
        return n, head_n, body, max(0, slack), int(width / self.grid.body_size + 1e-6)


def _take_one() -> list[tuple[Story, int, int]]:
    """The variants of the next story of ``_WORK`` no process has taken yet, taken (none: all are)."""
    assert _WORK is not None
    measurer, order, turn = _WORK
    with turn.get_lock():
        k, turn.value = turn.value, turn.value + 1
    return measurer.keys(order[k]) if k < len(order) else []


def _measure_taken() -> list[tuple[tuple[str, int, int], Numbers | None]]:
    """Worker: the numbers of the variants of the stories it takes in turn from ``_WORK``."""
    assert _WORK is not None
    measurer = _WORK[0]
    out = []
    while keys := _take_one():
        out += [((story.id, span, columns), measurer.numbers(story, span, columns)) for story, span, columns in keys]
    return out


def headline_size(block: m.ArticleBlock, story: Story, span: int) -> float:
    """The headline size of a story: its priority's step on the house ladder (the sizes of
    ``style.headline.sizes``, largest first: priority 1 the largest, 2 the next…), so sizes fall
    with priority; below the lead, no larger than the house's size for the span."""
    sizes = ladder(block)
    own = sizes[min(story.priority, len(sizes)) - 1]
    return own if story.priority == 1 else min(own, block.style.headline.size(span))


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
