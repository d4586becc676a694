"""Compose pages: blocks laid out on the grid, rules between them, the running head.

In:  an ``Issue`` and a ``FontBook``.
Out: a ``Document`` (one ``PageFrame`` per page) and a ``RenderReport``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import astuple
from operator import attrgetter
from pathlib import Path

from layout.blockfork import lay_out
from layout.blocks import of
from layout.blocks.context import LayoutContext
from layout.blocks.rule import RuleBlock, stop_at_ink
from layout.flow import words
from layout.flow.article import wrapped_rect
from layout.flow.folio import running_head
from layout.flow.grid import PageGrid, Rect
from layout.frame import Document, GridInfo, Item, PageFrame, Region, Rule, TextLine
from layout.icc import press_summary
from layout.inks import colour_problems
from layout.issue.model import Block, Issue, PageSpec, Placement
from layout.logger import LOGGER, Said, kept, replay
from layout.report import BlockReport, PhotoReport, RenderReport
from layout.text.font import FontBook
from layout.text.script import describe

PARALLEL_FROM = 4  # pages: a shorter issue is laid out in one process (forking costs more)


def _rules(page: PageSpec, grid: PageGrid) -> list[Rule]:
    """Hairlines between blocks that touch: horizontal above, vertical in the shared gutter."""
    rules: list[Rule] = []
    weight = page.style.rules.between
    ruled = [b for b in page.blocks if of(b).ruled(b)]  # not a banner (its own rules), a boxed article
    parts = [(block, part) for block in ruled for part in _parts(block)]  # (its frame) or a wrapped photo
    for b, at_b in parts:                                                  # (its article's)
        for a, at_a in parts:
            if a is b:
                continue
            c0, c1 = max(at_a.column, at_b.column), min(at_a.last_column, at_b.last_column)
            if at_a.end_line == at_b.line and c0 <= c1:
                y = grid.line_top(at_b.line)
                rules.append(Rule(grid.column_x(c0), y, grid.column_x(c1) + grid.column_width, y, weight))
            l0, l1 = max(at_a.line, at_b.line), min(at_a.end_line, at_b.end_line)
            if at_a.last_column + 1 == at_b.column and l0 < l1:
                x = grid.column_x(at_b.column) - grid.gutter / 2
                rules.append(Rule(x, grid.line_top(l0) + grid.pitch / 4, x, grid.line_top(l1) - grid.pitch / 4,
                                  weight))
    return rules


def _parts(block: Block) -> tuple[Placement, ...]:
    """The rectangles a block covers: its placement; an L-shaped article (``corner``, 拐弯) two,
    its full width above the corner and its columns beside it, so that the blocks in its corner
    are ruled off as any touching blocks."""
    corner = getattr(block, "corner", None)
    if not isinstance(corner, Placement):
        return (block.at,)
    at = block.at
    side = at.column if corner.column > at.column else corner.last_column + 1
    return (Placement(at.column, at.span, at.line, corner.line - at.line),
            Placement(side, at.span - corner.span, corner.line, corner.lines))


def _warn_empty_corners(page: PageSpec) -> None:
    """Warn of each L-shaped article (``corner``, 拐弯) whose corner no other block on the page reaches
    into: an L exists to hold the stories in its corner, so a corner left wholly empty is blank paper
    (usually a slip in another block's ``at``), which the article's own copy-fit does not count."""
    for block in page.blocks:
        c = getattr(block, "corner", None)
        if isinstance(c, Placement) and not any(
                other is not block and other.at.column <= c.last_column and c.column <= other.at.last_column
                and other.at.line < c.end_line and c.line < other.at.end_line for other in page.blocks):
            LOGGER.warning("empty corner: page %d, block %r: its corner (columns %d-%d, lines %d-%d) holds no "
                           "block: blank paper on the page", page.number, block.id, c.column, c.last_column,
                           c.line, c.end_line - 1)


def _rect(block: Block, page: PageSpec, grid: PageGrid) -> Rect:
    """Where a block is drawn: its grid rectangle; a wrapped one's (photo, quote, sidebar) on
    its article's body columns."""
    return wrapped_rect(block, page.blocks, grid) if of(block).wraps(block) else grid.rect(block.at)


def compose_page(issue: Issue, page: PageSpec, book: FontBook, report: RenderReport, jobs: int = 1) -> PageFrame:
    """One page frame; block reports are appended to ``report``. With ``jobs`` > 1 its stories are
    shared by two processes (``layout.blockfork``)."""
    body = book.chain("song").first
    grid = PageGrid.of(page, body.ascender / body.upem)
    folio = BlockReport(page=page.number, block="running head", kind="furniture")
    context = LayoutContext(issue, page, grid, book)
    items: list[Item] = running_head(context, folio)
    if folio.missing_glyphs or folio.overset_lines:
        report.blocks.append(folio)
    items.extend(_rules(page, grid))
    _warn_empty_corners(page)
    laid = list(zip(page.blocks, lay_out(page.blocks, context, jobs, items)))
    for block, placed in laid:
        placed.report.rect = astuple(_rect(block, page, grid))
        placed.report.missing_lines = _missing_lines(placed.items)
        if isinstance(block, RuleBlock):  # a vertical rule stops where another block's ink crosses it
            others = [item for b, p in laid if b is not block for item in p.items]
            placed.items = stop_at_ink(block, placed.items, others, context)
        items.extend(placed.items)
        report.blocks.append(placed.report)
    info = GridInfo(tuple(grid.column_x(c) for c in range(1, grid.columns + 1)), grid.column_width, grid.top,
                    grid.pitch, grid.lines, grid.body_size, grid.ascent_em)
    regions = tuple(Region(b.id, of(b).name, *astuple(_rect(b, page, grid))) for b in page.blocks)
    return PageFrame(page.number, page.name, page.width_pt, page.height_pt, tuple(items), info, regions)


_WORK: tuple[Issue, FontBook] | None = None  # what forked workers lay out


def _compose_one(index: int) -> tuple[PageFrame, list[BlockReport], list[Said]]:
    """Worker: lay out page ``index`` of the issue in ``_WORK``; its warnings are returned (``kept``),
    not written, so that the parent writes them in page order, not as workers finish."""
    assert _WORK is not None
    issue, book = _WORK
    report = RenderReport()
    with kept() as said:
        frame = compose_page(issue, issue.pages[index], book, report)
    return frame, report.blocks, said


def _in_parallel(issue: Issue, book: FontBook, jobs: int, report: RenderReport,
                 on_frame: Callable[[PageFrame], None] | None = None) -> tuple[PageFrame, ...]:
    """The pages laid out by a pool of forked processes, in page order, each handed to
    ``on_frame`` as it comes (while the workers lay out the pages after it). The workers exit
    with this process, however it ends."""
    from layout.workers import forked_pool  # (a render of fewer pages imports it only to share a page: blockfork)

    global _WORK
    _WORK = (issue, book)
    try:
        with forked_pool(min(jobs, len(issue.pages))) as pool:
            futures = [pool.submit(_compose_one, index) for index in range(len(issue.pages))]
            results = []
            for future in futures:  # (not map: its clean-up races stop_pool)
                results.append(future.result())
                if on_frame is not None:
                    on_frame(results[-1][0])
    finally:
        _WORK = None
    for _, blocks, said in results:
        report.blocks.extend(blocks)
        replay(said)  # (a warning each worker gave once, as an optional font not installed, written once)
    return tuple(frame for frame, _, _ in results)


def _log(report: RenderReport) -> None:
    """Warn about every block with overset text or characters no font could draw."""
    for block in report.overset:
        said = [f"starting {block.overset_text[:20].replace(chr(10), ' ')!r}"] if block.overset_text else []
        LOGGER.warning("overset: page %d, block %r: %d lines, %d characters do not fit (%s)", block.page, block.block,
                       block.overset_lines, block.overset_chars, "; ".join(said + block.overset_notes))
    for block in report.blocks:
        if block.missing_glyphs:
            LOGGER.warning("missing glyphs: page %d, block %r: %s (drawn as .notdef boxes)", block.page,
                           block.block, ", ".join(_described(c, block.missing_lines) for c in block.missing_glyphs))
        if block.photo is not None:
            _log_resolution(block, block.photo)


_missing = attrgetter("missing")


def _missing_lines(items: list[Item]) -> dict[str, str]:
    """Each character drawn as a .notdef box in a block's text lines → the first line showing it."""
    found: dict[str, str] = {}
    for item in items:
        if isinstance(item, TextLine) and any(map(_missing, item.glyphs)):
            text = "".join(g.ch for g in item.glyphs)
            for g in item.glyphs:
                if g.missing:
                    found.setdefault(g.ch, text)
    return found


def _described(ch: str, lines: dict[str, str]) -> str:
    """A missing character for the warning: itself, its code point and block, and its line."""
    return f"{describe(ch)} in line '{lines[ch]}'" if ch in lines else describe(ch)


def _log_resolution(block: BlockReport, photo: PhotoReport) -> None:
    """A photo under preflight's thresholds is a warning; under the target ppi, a note."""
    from layout.photo.prepare import DEFAULT_PPI, MIN_PPI_ERROR, MIN_PPI_WARNING

    ppi = photo.ppi
    if ppi < MIN_PPI_WARNING:
        LOGGER.warning("low resolution: page %d, block %r: image %s at %.0f ppi (preflight: under %g ppi is a "
                       "warning, under %g an error)", block.page, block.block, photo.file, ppi,
                       MIN_PPI_WARNING, MIN_PPI_ERROR)
    elif ppi < DEFAULT_PPI - 0.5:
        LOGGER.info("note: page %d, block %r: image %s at %.0f ppi, under the %g ppi target", block.page,
                    block.block, photo.file, ppi, DEFAULT_PPI)
    if photo.ink:
        LOGGER.info("image: page %d, block %r: %s on %s, ink %.1f %% as embedded (%.1f %% from the colour conversion)",
                    block.page, block.block, photo.file, photo.plates or "CMYK", photo.ink[1], photo.ink[0])


Compose = Callable[[Issue, FontBook, RenderReport], tuple[PageFrame, ...]]


def typeset(issue: Issue, book: FontBook, jobs: int = 1, compose: Compose | None = None,
            on_frame: Callable[[PageFrame], None] | None = None,
            parallel_from: int = 2) -> tuple[Document, RenderReport]:
    """All pages of an issue, in order; with ``jobs`` > 1 and ``parallel_from`` pages or more, the
    pages are laid out in that many processes (forked, so fonts are loaded once), each frame handed
    to ``on_frame`` as it comes back (the PDF writer's ``DrawAhead``); with ``jobs`` > 1 and fewer
    pages, each page's stories are shared by two processes (``layout.blockfork``). ``compose``, if
    given, makes the frames instead (the live preview's, which reuses unchanged pages)."""
    report = RenderReport(pages=len(issue.pages))
    if compose is not None:
        pages = compose(issue, book, report)
    elif jobs > 1 and len(issue.pages) >= max(2, parallel_from) and hasattr(os, "fork"):
        pages = _in_parallel(issue, book, jobs, report, on_frame)
    else:
        pages = tuple(compose_page(issue, page, book, report, jobs) for page in issue.pages)
    _log(report)
    for problem in colour_problems(issue, pages):
        LOGGER.warning(problem)
    report.press = press_summary(issue.press.profile, issue.press.ink_limit)
    title = f"{issue.meta.paper} {issue.meta.date}"
    meta = {"paper": issue.meta.paper, "date": issue.meta.date,
            "number": str(issue.meta.number) if issue.meta.number is not None else ""}
    return Document(title=title, pages=pages, meta=meta), report


def typeset_file(source: Path, book: FontBook, jobs: int = 1, safe: bool = False,
                 compose: Compose | None = None,
                 on_frame: Callable[[PageFrame], None] | None = None) -> tuple[Issue, Document, RenderReport]:
    """The whole pipeline for one issue file: load and check it (``safe``: no files outside
    its folder), clean the copy, lay out every page (in ``jobs`` processes from
    ``PARALLEL_FROM`` pages on, with each page's stories shared by two processes below that, or by
    ``compose``); the copy changes go into the report. Raises
    ``BanmianError`` on bad input."""
    from layout.issue.load import load_issue
    from layout.text.clean import clean_issue

    issue, changes = clean_issue(load_issue(source, safe=safe))
    words.prefetch(words.issue_texts(issue))  # the word-segmentation cache, read once
    document, report = typeset(issue, book, jobs, compose, on_frame, PARALLEL_FROM)
    report.changes.update(changes)
    return issue, document, report
