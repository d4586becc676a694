"""The search's second and third passes (``layout.makeup.passes``) each start from what the first pass
left, under the first pass's cost: the third's work is dropped after it, the second's kept; so the
third may run in a forked process beside the second, and the layouts are the same in one process and
in two (checked on the six-story order test plan, whose second and third passes both stack layouts
past their limit, the second finding a cheaper layout than the first, and on the over-full test plan,
whose second finds none: its third pass is the forked process's). A page whose first pass is small
(the issue's sample plan) forks no process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from layout.makeup import ahead, passes
from layout.makeup.measure import Measurer
from layout.makeup.plan import read_plan
from layout.makeup.search import Search, Solution
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "tests" / "data" / "makeup" / "plan-order.yaml"
ALIKE = ROOT / "tests" / "data" / "makeup" / "plan-overfill.yaml"  # (its second pass finds nothing cheaper)
SMALL = ROOT / "issue" / "plan-sample.yaml"  # (its first pass stacks some 60 layouts past its limit)

Seen = tuple[int, int, tuple[int, ...], tuple[int, ...]]  # stacked layouts, sides searched again, the
# TABLES' sizes and their objects' ids


def _search(book: FontBook, path: Path = PLAN) -> Search:
    """The search of the page of the plan at ``path`` (not run), on a measurer of its own."""
    plan = read_plan(path)
    page = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == page.number]
    return Search(Measurer(plan.doc, plan.issue, page, path.parent, book), stories, [b.at for b in page.blocks])


def _seen(search: Search) -> Seen:
    """What ``passes.kept`` keeps of ``search``, as numbers: its counts, its tables' sizes and ids."""
    tables = [getattr(search.tables, name) for name in passes.TABLES]
    return search.stacks, search.avoid.times, tuple(map(len, tables)), tuple(map(id, tables))


def _watched(search: Search, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """``search`` run, its passes watched: each pass's (order, budget, state at its start, at its end) in
    turn, the state ``passes.ordered`` left, and its layout and whether it was cut short."""
    out: dict[str, Any] = {"passes": []}
    one, ordered = passes.one_pass, passes.ordered

    def watched_pass(s: Search, order: int, page: Any, ids: tuple[int, ...],
                     budget: float) -> tuple[Solution, bool, int]:
        start = _seen(s)
        found = one(s, order, page, ids, budget)
        if s is search and "after" not in out:  # (its first passes: not a second search's, which a command
            out["passes"].append((order, budget, start, _seen(s), found[0].cost))  # of two processes forks)
        return found

    def watched(s: Search, page: Any, ids: tuple[int, ...], first: Solution) -> tuple[Solution, bool]:
        found = ordered(s, page, ids, first)
        if s is search and "after" not in out:
            out["first"], out["after"], out["found"] = first.cost, _seen(s), found
            out["set"] = (s.ordered, s.matching, s._key, s.limit, s.nodes)  # (what the retry's searches read)
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
    (o2, b2, start2, end2, cost2), (o3, b3, start3, end3, _) = seen["passes"]
    assert (o2, o3) == (1, 2)
    assert cost2 < seen["first"]  # (the second finds a cheaper layout than the first …)
    assert b2 == seen["first"] + 1e-6 and b3 == cost2 + 1e-6  # (… and its cost is the third's budget)
    assert start3[:3] == start2[:3]  # the third from what the first left: its counts and its tables' sizes
    assert start3[3] != start2[3]  # (on copies of them)
    assert end3[0] > start3[0] and end2[0] > start2[0]  # both stacked layouts of their own (not a test of nothing)
    assert seen["after"] == end2  # what the second worked out kept, the very tables it wrote in; the third's dropped


@pytest.mark.parametrize(("path", "used"), [(ALIKE, True), (PLAN, False)])
def test_the_passes_find_the_same_layouts_in_one_process_and_in_two(
        book: FontBook, monkeypatch: pytest.MonkeyPatch, path: Path, used: bool) -> None:
    alone = _watched(_search(book, path), monkeypatch)
    search = _search(book, path)
    forks: list[object] = []
    forked, taken = passes._fork, passes._taken

    def counted(*args: Any) -> Any:
        child = forked(*args)
        forks.append(child)
        return child

    def collected(child: tuple[int, int]) -> Any:
        found = taken(child)
        forks.append(found)
        return found

    monkeypatch.setattr(passes, "_fork", counted)
    monkeypatch.setattr(passes, "_taken", collected)
    monkeypatch.setattr(passes, "LARGE", 100)  # (the order plan's first pass stacks 253 layouts)
    ahead.AHEAD[search] = 2  # (the page searched here by a command that may use two processes)
    try:
        beside = _watched(search, monkeypatch)
    finally:
        ahead.AHEAD.pop(search, None)
    if used:  # the second found nothing cheaper: the third pass ran in the forked process, and only the second here
        assert len(forks) == 2 and None not in forks and [p[0] for p in beside["passes"]] == [1]
    else:  # the second found a cheaper layout: the forked process ended unasked, the third run here under its cost
        assert len(forks) == 1 and forks[0] is not None and [p[0] for p in beside["passes"]] == [1, 2]
        assert beside["passes"][1][1] == beside["passes"][0][4] + 1e-6
    assert beside["found"][0].cost == alone["found"][0].cost
    assert beside["found"][0].leaves == alone["found"][0].leaves and beside["found"][1] == alone["found"][1]
    assert beside["after"][:3] == alone["after"][:3]  # the same state for the steps after the passes …
    assert beside["set"] == alone["set"]  # … and the same order and count, as the third pass left them
    assert beside["layout"] == alone["layout"]


def test_a_forked_pass_that_fails_is_run_here_with_the_same_layout(
        book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _watched(_search(book, ALIKE), monkeypatch)
    search = _search(book, ALIKE)
    monkeypatch.setattr(passes, "_taken", lambda child: (passes._end(child), None)[1])  # (it died: nothing back)
    ahead.AHEAD[search] = 2
    try:
        again = _watched(search, monkeypatch)
    finally:
        ahead.AHEAD.pop(search, None)
    assert [p[0] for p in again["passes"]] == [1, 2]  # the third run here after all
    assert again["found"][0].leaves == alone["found"][0].leaves and again["after"][:3] == alone["after"][:3]
    assert again["set"] == alone["set"]
    assert again["layout"] == alone["layout"]


def test_a_small_page_forks_no_process(book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    search = _search(book, SMALL)
    forks: list[object] = []
    monkeypatch.setattr(passes, "_fork", lambda *a: forks.append(a))
    ahead.AHEAD[search] = 2
    try:
        seen = _watched(search, monkeypatch)
    finally:
        ahead.AHEAD.pop(search, None)
    assert 0 < seen["passes"][0][2][0] < passes.LARGE  # (its first pass past its limit, by a few stacked layouts)
    assert [p[0] for p in seen["passes"]] == [1, 2] and not forks  # both passes here, no process started
