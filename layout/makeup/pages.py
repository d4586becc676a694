"""Each page of a plan measured and searched, the pages in parallel worker processes.

In:  the read plan, its folder, the pages that have stories (each with its stories), the fonts,
     how many layouts each page needs (``--alternatives``) and how many processes may work.
Out: for every page number, its layouts, best first (``layout.makeup.search.Layout``): the
     best, then the best whose lead takes a shape none before it took, and so on.

A page's layouts depend on that page alone, so pages are independent work: with ``jobs`` of 2
or more and several pages, each page is measured and searched whole in a forked worker (its set
paragraphs stay there, where its search needs them), the largest pages first so the workers
finish together. The layouts come back in page order whatever order the workers finish in, and
each is the one the same search finds in one process: the output does not depend on ``jobs``.
A single page is measured in ``jobs`` processes (``Measurer.prefetch``) and searched here.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.issue import model as m
from layout.makeup import ahead, give, shapes, sizes, step, store
from layout.makeup.measure import Measurer
from layout.makeup.plan import Plan, Story
from layout.makeup.search import Layout, Search, Solution

if TYPE_CHECKING:
    from layout.text.font import FontBook

PageWork = tuple[m.PageSpec, list[Story]]
_WORK: tuple[Plan, Path, list[PageWork], FontBook, int] | None = None  # what forked workers read


def page_layouts(plan: Plan, base: Path, pages: list[PageWork], book: FontBook, count: int,
                 jobs: int) -> dict[int, list[Layout]]:
    """``count`` layouts of every page in ``pages``, best first, keyed by page number (see module
    docstring); ``base`` is the plan's folder (its file names are relative to it)."""
    if jobs < 2 or len(pages) < 2 or not hasattr(os, "fork"):
        return {page.number: search_page(plan, base, page, stories, book, count, jobs)
                for page, stories in pages}
    from layout.workers import forked_pool

    global _WORK
    load = [sum(len(str(s.data.get("body"))) for s in stories) for _, stories in pages]
    order = sorted(range(len(pages)), key=lambda i: (-load[i], i))  # the largest pages first
    _WORK = (plan, base, pages, book, count)
    try:
        with forked_pool(min(jobs, len(pages))) as pool:
            futures = {i: pool.submit(_page_task, i) for i in order}
            done: dict[int, list[Layout]] = {}
            for i in range(len(pages)):
                done[i], made = futures[i].result()
                for key, value in made.items():  # the worker's new cache entries (``store``)
                    store.put(key, value)
    finally:
        _WORK = None
    return {page.number: [_rebind(layout, stories) for layout in done[i]]
            for i, (page, stories) in enumerate(pages)}


def search_page(plan: Plan, base: Path, page: m.PageSpec, stories: list[Story], book: FontBook, count: int,
                jobs: int = 1) -> list[Layout]:
    """``count`` layouts of one page, best first: each next one the best in which the page's first
    story (its lead, else its first in priority, with its photo) takes a place (first column, span)
    none before it took, its headline sizes then falling with priority (``sizes``). The variants are
    measured once, in ``jobs`` processes. A page searched
    before with the same inputs by the same code (``layout.makeup.store``) is not searched again:
    its layouts are made from the leaves kept."""
    measurer = Measurer(plan.doc, plan.issue, page, base, book)
    fixed = [b.at for b in page.blocks]
    key = store.key("page", page, stories, [measurer.story_key(s) for s in stories], store.named_files(page),
                    count, measurer._inputs) if store.enabled() else ""
    kept: Any = store.get(key) if key else store.MISSING
    banned: frozenset[tuple[int, int]] = frozenset()
    out, leaves = [], []
    first = Search(measurer, stories, fixed, banned)
    if jobs > 1:  # (its second searches may start ahead in forked processes: ``ahead``)
        ahead.AHEAD[first] = jobs
    if kept is store.MISSING:  # (while forked processes measure, this one works out the search's tables)
        measurer.prefetch(stories, jobs, first.warm)
    for k in range(count):
        search = first if k == 0 else Search(measurer, stories, fixed, banned)
        if kept is store.MISSING:
            try:
                found = shapes.finish(search, search.run())  # (a stamp or a ribbon: ``shapes``)
            finally:
                ahead.stop(search)
            out.append(given(search, found))
            leaves.append((out[-1].cost, search.solution.leaves, out[-1].cut_short, search.wrap_all,
                           search.shapes))
        else:
            cost, found, cut_short, wraps, shaped = kept[k]
            if wraps or shaped:  # (its leaves found by the search made again: ``wrapped``, ``shapes``)
                search.reset(wraps, shaped)
            out.append(Layout(cost, search.pieces(Solution(cost, found)) if found else (), cut_short))
        out[-1] = sizes.fall(search, out[-1])  # (headline sizes falling with priority: ``sizes``)
        place = step.first_place(search, out[-1], leaves[-1][1] if kept is store.MISSING else kept[k][1])
        banned = banned | ({(place.column, place.span)} if place else set())
    if key and kept is store.MISSING:
        store.put(key, leaves)
    return out


def given(search: Search, layout: Layout) -> Layout:
    """``layout`` (``search``'s best, ``search.solution``) with its cuts moved to give overset copy the room
    (``layout.makeup.give``), once, on the page's finished layout: not in each of its second searches, so
    which search's layout a page takes (``fallback.taken``, ``clashes.fewer``) is decided by the layouts as
    the searches found them. ``search.solution`` becomes the layout given (what ``store`` keeps)."""
    if layout.cost == float("inf"):
        return layout
    best = give.give(search, search.solution)
    if best is search.solution:
        return layout
    search.solution = best
    return Layout(best.cost, search.pieces(best), layout.cut_short)


def _page_task(index: int) -> tuple[list[Layout], dict[str, object]]:
    """Worker: the layouts of page ``index`` of ``_WORK``, measured here in one process, and the
    cache entries made for it (``store``: the parent keeps them)."""
    assert _WORK is not None
    plan, base, pages, book, count = _WORK
    page, stories = pages[index]
    store.taken()  # entries the parent made before the fork are the parent's to write
    return search_page(plan, base, page, stories, book, count), store.taken()


def _rebind(layout: Layout, stories: list[Story]) -> Layout:
    """A layout come back from a worker, its pieces pointing at the parent's own stories (equal
    values; later steps tell a story's pieces apart by identity)."""
    by_id = {s.id: s for s in stories}
    pieces = tuple(replace(p, story=by_id[p.story.id],
                           variant=replace(p.variant, story=by_id[p.story.id]) if p.variant else None)
                   for p in layout.pieces)
    return replace(layout, pieces=pieces)
