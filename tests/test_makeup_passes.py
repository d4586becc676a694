"""The search's second and third passes (``layout.makeup.passes``) each start from what the first pass
left: the third's work is dropped after it (its counts charged to the page), the second's kept; so the
third may run in a forked process beside the second, and the layouts are the same in one process and
in two. Checked on the six-story order test plan (its second pass finds a cheaper layout than the first:
the third runs here under its cost), the over-full plan (its second finds none: the third is the forked
process's) and the vertical-heads plan (sides searched again round a neighbour's heads; with a low
``fallback.STACK_CALLS``, the tables kept past it fill too). A small page (the issue's sample plan) forks
no process."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from layout.issue.model import Placement
from layout.makeup import ahead, fallback, passes
from layout.makeup.measure import Measurer
from layout.makeup.plan import read_plan
from layout.makeup.search import Search, Solution
from layout.makeup.solution import NONE
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "makeup"
PLAN = DATA / "plan-order.yaml"
ALIKE = DATA / "plan-overfill.yaml"  # (its second pass finds nothing cheaper than its first)
HEADS = DATA / "plan-vheads.yaml"  # (the same, and its passes search sides again round a neighbour's heads)
SMALL = ROOT / "issue" / "plan-sample.yaml"  # (its first pass counts 539 rectangles)
#: A search's tables of values that depend on the page and its stories alone (the same whichever pass
#: works them out): every other table of ``Tables`` is one a pass's counts decide, compared here.
PURE = {"_leaves", "_heights", "_spans", "_least", "_costs", "_sums", "_needs", "_quick", "_opens"}

Seen = tuple[int, int, tuple[int, ...], tuple[int, ...]]  # stacked layouts, sides searched again, the
# counted tables' sizes and their objects' ids


def _search(book: FontBook, path: Path = PLAN) -> Search:
    """The search of the page of the plan at ``path`` (not run), on a measurer of its own."""
    plan = read_plan(path)
    page = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == page.number]
    return Search(Measurer(plan.doc, plan.issue, page, path.parent, book), stories, [b.at for b in page.blocks])


def _seen(search: Search) -> Seen:
    """What a pass changes that the next reads, as numbers: the search's counts, and the sizes and ids of
    its tables but the ``PURE`` ones."""
    names = sorted(k for k, v in vars(search.tables).items() if isinstance(v, dict) and k not in PURE)
    tables = [getattr(search.tables, name) for name in names]
    return search.stacks, search.avoid.times, tuple(map(len, tables)), tuple(map(id, tables))


def _watched(search: Search, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """``search`` run, its own passes watched (not a second search's): each pass run here as (order, budget,
    state at its start, at its end, its cost, whether it was cut short), the state ``passes.ordered`` left,
    its layout and whether it was cut short, the search's order and count after it, and the page's layout."""
    out: dict[str, Any] = {"passes": []}
    one, ordered = passes.one_pass, passes.ordered

    def watched_pass(s: Search, order: int, page: Any, ids: tuple[int, ...],
                     budget: float) -> tuple[Solution, bool, int]:
        start = _seen(s)
        found = one(s, order, page, ids, budget)
        if s is search and "after" not in out:
            out["passes"].append((order, budget, start, _seen(s), found[0].cost, found[1]))
        return found

    def watched(s: Search, page: Any, ids: tuple[int, ...], first: Solution) -> tuple[Solution, bool]:
        found = ordered(s, page, ids, first)
        if s is search and "after" not in out:
            out["first"], out["after"], out["found"] = first.cost, _seen(s), found
            out["set"] = (s.ordered, s.matching, s.move_key, s.limit, s.nodes)  # (what the retry's searches read)
        return found

    with monkeypatch.context() as patched:
        patched.setattr(passes, "one_pass", watched_pass)
        patched.setattr(passes, "ordered", watched)
        out["layout"] = search.run()
    return out


def test_the_third_pass_starts_where_the_first_left_off_and_what_it_works_out_is_dropped(
        book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    search = _search(book)
    seen = _watched(search, monkeypatch)
    (o2, b2, start2, end2, cost2, short2), (o3, b3, start3, end3, _, short3) = seen["passes"]
    assert (o2, o3) == (1, 2)
    assert cost2 < seen["first"]  # (the second finds a cheaper layout than the first …)
    assert b2 == seen["first"] + 1e-6 and b3 == cost2 + 1e-6  # (… and its cost is the third's budget)
    assert start3[:3] == start2[:3] and start3[3] != start2[3]  # the third from (a copy of) what the first left
    assert end3[0] > start3[0] and end2[0] > start2[0]  # both stacked layouts of their own (not a test of nothing)
    after = seen["after"]
    assert after[2:] == end2[2:]  # what the second worked out kept, the very tables it wrote in; the third's dropped,
    assert after[:2] == (end2[0] + end3[0] - start3[0], end2[1] + end3[1] - start3[1])  # its counts the page's
    assert seen["found"][1] == (short2 or short3)


@pytest.mark.parametrize(("path", "used", "calls"), [(ALIKE, True, None), (PLAN, False, None), (HEADS, True, 400)])
def test_the_passes_find_the_same_layouts_in_one_process_and_in_two(
        book: FontBook, monkeypatch: pytest.MonkeyPatch, path: Path, used: bool, calls: int | None) -> None:
    monkeypatch.setattr(passes, "LARGE", 100)  # (each plan here forked, whatever ``LARGE`` is set to)
    if calls is not None:
        monkeypatch.setattr(fallback, "STACK_CALLS", calls)  # (the tables kept past it, ``partial``, fill too)
    forks: list[object] = []
    forked = passes._started

    def counted(*args: Any) -> Any:
        child = forked(*args)
        forks.append(child)
        return child

    monkeypatch.setattr(passes, "_started", counted)
    alone = _watched(_search(book, path), monkeypatch)
    assert not forks  # (a search a command of one process runs forks nothing)
    search = _search(book, path)
    ahead.AHEAD[search] = 2  # (the page searched here by a command that may use two processes)
    try:
        beside = _watched(search, monkeypatch)
    finally:
        ahead.AHEAD.pop(search, None)
    assert len(forks) == 1 and forks[0] is not None  # a forked process started for the third pass …
    if used:  # … the second found nothing cheaper: the third is the forked process's, only the second run here
        assert [p[0] for p in beside["passes"]] == [1]
    else:  # … the second found a cheaper layout: the forked process ended unasked, the third run here under its cost
        assert [p[0] for p in beside["passes"]] == [1, 2] and beside["passes"][1][1] == beside["passes"][0][4] + 1e-6
    assert beside["found"][0].cost == alone["found"][0].cost
    assert beside["found"][0].leaves == alone["found"][0].leaves and beside["found"][1] == alone["found"][1]
    assert alone["found"][1] == any(p[5] for p in alone["passes"])  # (cut short: either pass past its limit)
    assert beside["after"][:3] == alone["after"][:3]  # the same state for the steps after the passes …
    assert beside["set"] == alone["set"]  # … and the same order and count, as the third pass left them
    assert beside["layout"] == alone["layout"]
    if path is HEADS:  # (the state compared is not a test of nothing there)
        assert alone["after"][1] > 0 and any(alone["after"][2][k] for k in (1, 2))  # sides, and ``partial``'s tables


def test_a_forked_pass_that_fails_is_run_here_with_the_same_layout(
        book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _watched(_search(book, ALIKE), monkeypatch)
    search, parent = _search(book, ALIKE), os.getpid()
    one = passes.one_pass

    def failing(s: Search, order: int, *args: Any) -> Any:
        if os.getpid() != parent:  # (in the forked process: it fails)
            raise RuntimeError("the forked pass failed")
        return one(s, order, *args)

    pids: list[int] = []
    started = passes._started

    def watched(*args: Any) -> Any:
        child = started(*args)
        pids.append(child[0])
        return child

    monkeypatch.setattr(passes, "one_pass", failing)
    monkeypatch.setattr(passes, "_started", watched)
    ahead.AHEAD[search] = 2
    files = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0
    try:
        again = _watched(search, monkeypatch)
    finally:
        ahead.AHEAD.pop(search, None)
    assert [p[0] for p in again["passes"]] == [1, 2]  # the third run here after all
    assert again["found"][0].leaves == alone["found"][0].leaves and again["after"][:3] == alone["after"][:3]
    assert again["set"] == alone["set"]
    assert again["layout"] == alone["layout"]
    assert (len(os.listdir("/proc/self/fd")) if files else 0) == files  # (its pipe closed)
    assert pids  # (one a run of the page's search: it is made again with its photos' wraps, ``wrapped``)
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # (and every process reaped)


def test_a_small_page_forks_no_process(book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    search = _search(book, SMALL)
    forks: list[object] = []
    monkeypatch.setattr(passes, "_started", lambda *a: forks.append(a))
    ahead.AHEAD[search] = 2
    try:
        seen = _watched(search, monkeypatch)
    finally:
        ahead.AHEAD.pop(search, None)
    assert [p[0] for p in seen["passes"]] == [1, 2] and not forks  # both passes here, no process started


@pytest.mark.parametrize("flags", [(False, True), (True, False), (False, False), (True, True)])
def test_the_page_is_cut_short_when_either_pass_is(
        book: FontBook, monkeypatch: pytest.MonkeyPatch, flags: tuple[bool, bool]) -> None:
    search = _search(book, SMALL)
    monkeypatch.setattr(passes, "one_pass", lambda s, order, page, ids, budget: (NONE, flags[order - 1], 0))
    page = Placement(1, search.columns, 1, search.lines)
    assert passes.ordered(search, page, tuple(range(len(search.stories))), NONE)[1] == any(flags)
