"""A page's second searches started ahead in forked processes (``layout.makeup.ahead``, with two or
more processes) give the made issue one process gives: the same text, byte for byte, for a page left
overset (``fallback.wider``'s search, two plans) and one past the fill goal (``fallback.goal``'s);
and a search started ahead that nobody asks for leaves no process behind. A process forked while this one
only waits for it forks its passes' third pass, the searches it makes there too (``ahead.may_fork``), with
the same made issue. Speed is measured by bench/run.py --makeup, never here."""

from __future__ import annotations

import os
import struct
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from layout.makeup import ahead, make_up, step
from layout.text.font import FontBook

UNSETTLED = b"U" + struct.pack("<d", float("inf"))  # (the verdict a process forked for a search but the page made
# again writes first: ``ahead.tell``)

PLANS = Path(__file__).resolve().parent / "data" / "makeup"


pytestmark = pytest.mark.usefixtures("no_makeup_cache")  # measured and searched afresh


def _logged_forks(monkeypatch: pytest.MonkeyPatch, log: Path) -> Callable[[], list[tuple[int, str, int]]]:
    """``ahead._fork`` made to note each fork in ``log`` (a file: a process forked would write there too)
    as (process id that forks, which search, how many ran ahead already, ``ahead.running``: not those that
    have written their layout whole); the notes so far, read back."""
    fork = ahead._fork

    def counted(search: object, which: ahead.Kind, waited: bool = False) -> tuple[int, int] | None:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {which[0]} {ahead.running(search)}\n")  # type: ignore[arg-type]
        return fork(search, which, waited)  # type: ignore[arg-type]

    monkeypatch.setattr(ahead, "_fork", counted)
    return lambda: [(int(pid), which, int(running)) for pid, which, running in
                    (line.split() for line in log.read_text(encoding="utf-8").splitlines())] if log.exists() else []


def _third_passes(monkeypatch: pytest.MonkeyPatch, log: Path) -> Callable[[], list[int]]:
    """``passes._started`` made to note in ``log`` the process id of each process that forks a third pass
    (a forked process writes there too); the ids so far, read back."""
    from layout.makeup import passes

    started = passes._started

    def noted(*args: object) -> object:
        task = started(*args)  # type: ignore[arg-type]
        if task is not None:
            with log.open("a", encoding="utf-8") as out:
                out.write(f"{os.getpid()}\n")
        return task

    monkeypatch.setattr(passes, "_started", noted)
    return lambda: [int(pid) for pid in log.read_text(encoding="utf-8").split()] if log.exists() else []


def _taken(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """``ahead.take`` made to note each search asked for and whether a forked process had found it."""
    taken: list[tuple[str, bool]] = []
    take = ahead.take

    def took(search: object, which: ahead.Kind, keep: bool = False) -> object:
        found = take(search, which, keep)  # type: ignore[arg-type]
        taken.append((which[0], found is not None))
        return found

    monkeypatch.setattr(ahead, "take", took)
    return taken


@pytest.mark.expect_warnings  # placeholder copy in narrow columns sets loose lines
@pytest.mark.parametrize(("name", "kind"), [("plan-wider.yaml", "wide"), ("plan-goal.yaml", "bands"),
                                            ("plan-overfill.yaml", "wide")])
def test_second_searches_forked_ahead_make_the_issue_one_process_makes(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch, name: str, kind: str) -> None:
    started: list[tuple[str, bool]] = []
    fork = ahead._fork
    # (plan-wider's lead has the page's only photo: with it heading a side column (``step``) the page fits
    # and asks for no second search; made as before, it does)
    monkeypatch.setattr(step, "wanted", lambda search: False)

    def counted(search: object, which: ahead.Kind, waited: bool = False) -> tuple[int, int] | None:
        started.append((which[0], which[2]))
        return fork(search, which, waited)  # type: ignore[arg-type]

    monkeypatch.setattr(ahead, "_fork", counted)
    alone = make_up(PLANS / name, tmp_path / "one.yaml", book, jobs=1).text
    assert not started  # one process: nothing forked
    forked = make_up(PLANS / name, tmp_path / "one.yaml", book, jobs=2).text
    assert (kind, False) in started
    assert forked == alone
    assert not any(ahead.PENDING.values())  # every process started was waited for or ended


@pytest.mark.expect_warnings
@pytest.mark.parametrize("shift", [0, 1])
def test_the_page_made_again_with_its_wraps_forked_ahead_makes_the_issue_one_process_makes(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch, shift: int) -> None:
    """Held-out plan 3 (its lead's narrow photo needs the wrapped search, ``test_makeup_wrapped``), its
    priorities as drawn and raised by one: the search made again with ``wrap_all`` is started ahead,
    taken, and the issue is the one a single process makes. With two processes no more than one runs
    ahead when another is forked (this process searches too), and only this process forks: a process
    forked starts none of its own."""
    import yaml

    from tests.madeup import heldout_bench

    plan = heldout_bench().make_plan(3, tmp_path)
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    for story in data["stories"]:
        story["priority"] += shift
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    taken = _taken(monkeypatch)
    alone = make_up(plan, tmp_path / "one.yaml", book, jobs=1).text
    assert not taken or not any(t for _, t in taken)  # one process: nothing forked, so nothing found ahead
    forks = _logged_forks(monkeypatch, tmp_path / "forks.log")
    forked = make_up(plan, tmp_path / "one.yaml", book, jobs=2).text
    assert "wrapped" in [which for _, which, _ in forks()] and ("wrapped", True) in taken
    assert all(pid == os.getpid() and running < 2 for pid, _, running in forks())
    assert forked == alone
    assert not any(ahead.PENDING.values())  # every process started was waited for or ended


def test_a_search_started_ahead_that_nobody_asks_for_is_ended(book: FontBook) -> None:
    from layout.makeup.cost import PLAIN
    from layout.makeup.measure import Measurer
    from layout.makeup.plan import read_plan
    from layout.makeup.search import Search

    plan = read_plan(PLANS / "plan-goal.yaml", False)
    page = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == page.number]
    search = Search(Measurer(plan.doc, plan.issue, page, PLANS, book), stories, [b.at for b in page.blocks])
    search.run()
    forked = ahead._fork(search, ("wide", PLAIN, False))  # (as ``start`` does when the passes' layout is overset)
    assert forked is not None
    pid, pipe = ahead.PENDING.setdefault(search, {})[("wide", PLAIN, False)] = forked
    ahead.stop(search)  # the retry mended it: not asked for
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # (ended and reaped: no such child any more)
    with pytest.raises(OSError):
        os.fstat(pipe)  # (its pipe closed)
    assert search not in ahead.PENDING


@pytest.mark.expect_warnings
def test_a_search_that_finds_no_process_to_run_in_is_searched_here(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """The system gives no process (``fork`` fails, as at a process limit): plan-wider's second search
    is run in this one, with no error, and the issue is the one a single process makes."""
    monkeypatch.setattr(step, "wanted", lambda search: False)  # (as in the first test: a second search)
    alone = make_up(PLANS / "plan-wider.yaml", tmp_path / "one.yaml", book, jobs=1).text
    tried, fork = [], os.fork

    def refused() -> int:  # (to ``ahead`` only: the measuring processes are forked as ever)
        if sys._getframe(1).f_code is not ahead._fork.__code__:
            return fork()
        tried.append(1)
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    assert make_up(PLANS / "plan-wider.yaml", tmp_path / "one.yaml", book, jobs=2).text == alone
    assert tried and not any(ahead.PENDING.values())


@pytest.mark.parametrize("how", ["cut short", "failed"])
def test_a_layout_half_written_or_from_a_failed_process_is_searched_here(how: str) -> None:
    import pickle

    from layout.makeup.cost import PLAIN

    class Page:  # (stands for the page's search: only a key here)
        pass

    search, kind = Page(), ("wide", PLAIN, False)
    whole = UNSETTLED + pickle.dumps(("a layout", False))  # (``ahead.tell``'s verdict first)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # (the child: a layout cut short by its end, or whole from a process that then failed)
        os.write(write, whole[:len(whole) // 2] if how == "cut short" else whole)
        os._exit(0 if how == "cut short" else 1)
    os.close(write)
    ahead.PENDING.setdefault(search, {})[kind] = (pid, read)  # type: ignore[index]
    assert ahead.take(search, kind) is None  # type: ignore[arg-type]  # (the caller searches here)
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # (reaped)


@pytest.mark.expect_warnings
def test_no_more_searches_run_ahead_at_once_than_the_command_may_use(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out plan 16 (eight stories, narrow photos; the passes' layout past the fill goal, fitting with a
    postage stamp, and retried): three second searches guessed, the search weighing shapes, the page made
    again with its wraps and the one without the band price. With two processes, one runs ahead beside the retry
    (the search weighing shapes, whose reason the retry does not price, first), never two; the retry mends
    the page's fill, so the others are never started and the bound that would have decided whether to start
    the band-less one (``reach``) is worked out no more often than with one process; the search weighing
    shapes is taken from its process; the made issue is the one a single process makes. The forked process
    forks no third pass of its own while no processor is free (``workers.idle_core``, made to say none is
    here: once this process waits for it, the machine's load may say one is, and it may fork one then)."""
    from layout import workers
    from layout.makeup import reach, retry
    from tests.madeup import heldout_bench

    plan = heldout_bench().make_plan(16, tmp_path)
    during: list[tuple[str, ...]] = []  # searches running ahead while the retry searches a cut
    bounds = [0]
    fresh, hopeless = retry._fresh, reach._hopeless
    forks = _logged_forks(monkeypatch, tmp_path / "forks.log")
    thirds = _third_passes(monkeypatch, tmp_path / "thirds.log")

    def watched(search: object, *args: object) -> object:
        during.append(tuple(kind[0] for kind in ahead.PENDING.get(search, {})))  # type: ignore[call-overload]
        return fresh(search, *args)  # type: ignore[arg-type]

    def bound(search: object) -> bool:
        bounds[0] += 1
        return hopeless(search)  # type: ignore[arg-type]

    monkeypatch.setattr(retry, "_fresh", watched)
    monkeypatch.setattr(reach, "_hopeless", bound)
    monkeypatch.setattr(workers, "idle_core", lambda most=0: False)
    taken = _taken(monkeypatch)
    alone = make_up(plan, tmp_path / "one.yaml", book, jobs=1).text
    assert not forks() and during  # (one process: nothing forked; the page is retried)
    alone_bounds, bounds[0], during[:] = bounds[0], 0, []
    forked = make_up(plan, tmp_path / "one.yaml", book, jobs=2).text
    made = forks()
    assert all(pid == os.getpid() for pid, _, _ in made)  # (none forked by a forked process,
    assert set(thirds()) <= {os.getpid()}  # nor a third pass: this one ran the retry beside it)
    assert during and max(map(len, during)) == 1  # one beside the retry, all along: the search weighing shapes
    assert set(during) == {("shapes",)} and ("shapes", True) in taken  # (taken from its process)
    assert bounds[0] <= alone_bounds
    assert forked == alone
    assert not any(ahead.PENDING.values()) and not any(ahead.QUEUED.values())


@pytest.mark.expect_warnings
def test_the_search_weighing_shapes_outlives_the_page_made_again_with_its_wraps(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out plan 47: its passes' layout fits with a stamp or a ribbon and is past the fill goal, and its
    final layout comes from the page made again with its wraps. Both searches start ahead; the search
    weighing shapes, made afresh whichever way the page was searched, is not ended when the page is made
    again, but taken from its process; the made issue is the one a single process makes."""
    from tests.madeup import heldout_bench

    plan = heldout_bench().make_plan(47, tmp_path)
    alone = make_up(plan, tmp_path / "one.yaml", book, jobs=1).text
    taken = _taken(monkeypatch)
    forked = make_up(plan, tmp_path / "one.yaml", book, jobs=2).text
    assert ("wrapped", True) in taken and ("shapes", True) in taken  # (both found by their processes)
    assert forked == alone
    assert not any(ahead.PENDING.values()) and not any(ahead.QUEUED.values())


def test_a_process_forked_ahead_starts_none_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a forked process sees of ``ahead``'s tables, sent back as its "layout": no search it may start
    second searches for, none started or queued (they are the parent's), so it forks none of its own."""
    from layout import workers
    from layout.makeup.cost import PLAIN

    class Measurer:  # (stand for the page's measurer and search: keys only)
        pass

    class Page:
        m = Measurer()

    search, other = Page(), Page()
    ahead.AHEAD[search] = ahead.AHEAD[other] = 2  # type: ignore[index]
    ahead.QUEUED[other] = [("wide", PLAIN, False)]  # type: ignore[index]
    monkeypatch.setattr(ahead, "SPARE", True)  # (never so in this process: set, to see it dropped)
    monkeypatch.setattr(workers, "idle_core", lambda most=0: False)  # (no processor free as a pass starts: ``FORKED``)
    monkeypatch.setitem(ahead.READ, 1000, bytearray(b"x"))  # (a pipe of the parent's, read in part,
    monkeypatch.setattr(ahead, "ENDED", {1001})  # and one read to its end: not this process's)
    monkeypatch.setattr(ahead, "remade", lambda s: (len(ahead.AHEAD), len(ahead.PENDING), len(ahead.QUEUED),
                                                     len(ahead.READ) + len(ahead.ENDED),
                                                     ahead.may_fork(s), ahead.may_fork(other)))
    for alone in (False, True):  # (alone: this process only waits for it, so its passes may fork their third)
        forked = ahead._fork(search, ahead.WRAPPED, alone)  # type: ignore[arg-type]
        assert forked is not None
        ahead.PENDING.setdefault(search, {})[ahead.WRAPPED] = forked  # type: ignore[index]
        assert ahead.take(search, ahead.WRAPPED) == (0, 0, 0, 0, alone, alone)  # type: ignore[arg-type]


@pytest.mark.parametrize("idle", [False, True])
def test_a_process_forked_ahead_forks_its_third_pass_when_a_processor_is_free(
        monkeypatch: pytest.MonkeyPatch, idle: bool) -> None:
    """A process forked ahead while this one works (not ``SPARE``) may fork its passes' third pass when the
    machine has a processor free as the pass starts (``workers.idle_core``), and only then; this process, not
    forked ahead, never on that alone (it forks its own search's third pass: ``AHEAD``)."""
    from layout import workers

    class Page:  # (stands for a page's search, its measurer its own: keys only)
        def __init__(self) -> None:
            self.m = object()

    search, other = Page(), Page()
    ahead.AHEAD[search] = 2  # type: ignore[index]
    monkeypatch.setattr(workers, "idle_core", lambda most=0: idle and most == 2)  # (within the command's two)
    monkeypatch.setattr(ahead, "remade", lambda s: (ahead.may_fork(s), ahead.may_fork(other), ahead.SPARE))
    forked = ahead._fork(search, ahead.WRAPPED, False)  # type: ignore[arg-type]
    assert forked is not None
    ahead.PENDING.setdefault(search, {})[ahead.WRAPPED] = forked  # type: ignore[index]
    assert ahead.take(search, ahead.WRAPPED) == (idle, idle, False)  # type: ignore[arg-type]
    assert not ahead.may_fork(other) and ahead.may_fork(search)  # type: ignore[arg-type]


@pytest.mark.expect_warnings
def test_a_process_forked_while_this_one_only_waits_forks_its_third_pass(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out plan 1 (eight stories): its passes' layout fits with a ribbon, needs no retry and asks for no
    other second search, so this process only waits for the search weighing shapes, forked ahead. That
    process's passes fork their third pass (``ahead.may_fork``), as the page's own passes do here with two
    processes (and with one, none); the made issue is the one a single process makes."""
    from tests.madeup import heldout_bench

    plan = heldout_bench().make_plan(1, tmp_path)
    thirds = _third_passes(monkeypatch, tmp_path / "thirds.log")
    alone = make_up(plan, tmp_path / "one.yaml", book, jobs=1).text
    assert not thirds()
    taken = _taken(monkeypatch)
    forked = make_up(plan, tmp_path / "one.yaml", book, jobs=2).text
    assert ("shapes", True) in taken and set(thirds()) - {os.getpid()}  # (a third pass from its process)
    assert forked == alone
    assert not any(ahead.PENDING.values()) and not any(ahead.QUEUED.values())


@pytest.mark.parametrize("spare", [False, True])
def test_a_search_made_in_a_process_with_a_spare_core_has_it_too(
        book: FontBook, monkeypatch: pytest.MonkeyPatch, spare: bool) -> None:
    """A second search made in a process forked ahead while the command's process only waits for it (a wider
    one, ``ahead.SPARE``) may fork its passes' third pass too; one made in any other process may not (it is
    not the page's own search, ``ahead.AHEAD``)."""
    from layout.makeup import fallback
    from layout.makeup.measure import Measurer
    from layout.makeup.plan import read_plan
    from layout.makeup.search import Search

    plan = read_plan(PLANS / "plan-wider.yaml")
    page = plan.issue.pages[0]
    search = Search(Measurer(plan.doc, plan.issue, page, PLANS, book),
                    [s for s in plan.stories if s.page == page.number], [b.at for b in page.blocks])
    monkeypatch.setattr(ahead, "SPARE", spare)
    ran: list[bool] = []
    monkeypatch.setattr(Search, "run", lambda self: ran.append(self is not search and ahead.may_fork(self)))
    fallback.search_again(search, fallback.WIDE)
    assert ran == [spare]


def _child(result: object, size: int = 0, go: tuple[int, int] | None = None, first: int = 0,
           told: bytes | None = None) -> tuple[int, int]:
    """A forked process that writes ``told`` (``ahead.tell``'s verdict, not settled if None; none if empty) and
    ``result`` pickled, with ``size`` bytes of padding (more than a pipe holds: it can end only once this process
    reads it): its ``first`` bytes at once, the rest once ``go`` (a pipe: its reading end is waited on, its writing
    end closed there) is closed here, or after 20 s; (process id, the reading end of its pipe)."""
    import pickle
    import select

    whole = (UNSETTLED if told is None else told) + pickle.dumps(((result, b"x" * size), False))
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read)
            os.write(write, whole[:first])
            if go is not None:
                os.close(go[1])
                select.select([go[0]], [], [], 20)
            with os.fdopen(write, "wb") as stream:
                stream.write(whole[first:])
        finally:
            os._exit(0)
    os.close(write)
    return pid, read


class _Page:  # (stands for the page's search: only a key here)
    pass


def test_a_process_that_ends_while_this_one_waits_for_another_frees_its_core(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process waits for the open search (held back until the test says so) while the page made again with
    its wraps writes its layout, larger than a pipe holds, and ends: its core is free, so the next search queued
    (the search weighing shapes, asked for after the one waited for) is forked then, while the one waited for is
    still at work; the wider search, queued but asked for before the one waited for, never is. Each layout comes
    back whole."""
    from layout.makeup.cost import PLAIN
    from layout.makeup.opened import OPEN

    search: Any = _Page()
    wide, opened = ("wide", PLAIN, False), ("wide", OPEN, True)
    go = os.pipe()
    forked: list[tuple[str, bool]] = []

    def fork(page: object, kind: ahead.Kind, alone: bool = False) -> tuple[int, int]:
        waited = ahead.PENDING[search][opened]
        forked.append((kind[0], waited[1] not in ahead.ENDED))  # (which, the one waited for still at work)
        os.close(go[1])  # (the one waited for may end now)
        return _child("shapes")

    ahead.AHEAD[search] = 2
    ahead.PENDING[search] = {opened: _child("open", go=go),
                             ahead.WRAPPED: _child("wrapped", size=1 << 20)}
    os.close(go[0])
    ahead.QUEUED[search] = [wide, ahead.SHAPES]
    monkeypatch.setattr(ahead, "_fork", fork)
    take: Any = ahead.take  # (the "layouts" here: pairs of a name and its padding)
    try:
        assert take(search, opened)[0] == "open"
        assert forked == [("shapes", True)]  # forked while the one waited for was still at work; the wider, never
        assert take(search, ahead.WRAPPED) == ("wrapped", b"x" * (1 << 20))
        assert take(search, ahead.SHAPES) == ("shapes", b"")
    finally:
        ahead.stop(search)
    assert not ahead.PENDING.get(search) and not ahead.READ and not ahead.ENDED


def test_a_search_started_ahead_that_a_later_step_passed_is_ended_when_the_next_is_asked_for() -> None:
    """The wider search still at work when the page made again with its wraps is asked for (a later step: the
    wider one was never asked for, so never will be) is ended and reaped then, not left holding a core."""
    from layout.makeup.cost import PLAIN

    search: Any = _Page()
    wide = ("wide", PLAIN, False)
    go = os.pipe()
    ahead.PENDING[search] = {wide: _child("wide", go=go), ahead.WRAPPED: _child("wrapped")}
    os.close(go[0])
    pid = ahead.PENDING[search][wide][0]
    try:
        assert ahead.take(search, ahead.WRAPPED) == ("wrapped", b"")
        assert wide not in ahead.PENDING[search]
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # (ended and reaped)
    finally:
        os.close(go[1])
        ahead.stop(search)
    assert not ahead.READ and not ahead.ENDED


def test_a_process_ended_frees_its_core_for_the_next_queued_and_is_forgotten_when_stopped(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that has written its layout and ended before anything waits for it does not count as running
    when the next queued search is to be forked (``_more`` reads the pipes first); ended unasked (``stop``), its
    pipe is closed and what was read of it forgotten."""
    search: Any = _Page()
    pid, pipe = ahead.PENDING.setdefault(search, {})[ahead.WRAPPED] = _child("wrapped")
    os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)  # (ended, not reaped yet)
    ahead.QUEUED[search] = [ahead.SHAPES]
    forked: list[ahead.Kind] = []
    monkeypatch.setattr(ahead, "_fork", lambda page, kind, alone=False: forked.append(kind))
    ahead._more(search, 1)
    assert forked == [ahead.SHAPES] and pipe in ahead.ENDED and ahead.READ[pipe]
    ahead.stop(search)
    assert not ahead.READ and not ahead.ENDED and search not in ahead.PENDING
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # (reaped)


def test_a_layout_still_being_written_is_read_as_far_as_it_is_and_whole_when_asked_for() -> None:
    """Of a process that has written part of its layout and not ended, reading what is there (``_read`` without
    waiting) takes that part and does not wait for the rest; asked for, the layout comes back whole."""
    import pickle
    import select

    go = os.pipe()
    pid, read = _child("wrapped", 1000, go, first=500)  # (half its layout, the rest once ``go`` is closed)
    os.close(go[0])
    search: Any = _Page()
    ahead.PENDING[search] = {ahead.WRAPPED: (pid, read)}
    try:
        select.select([read], [], [], 20)  # (the first part written: one write, under a pipe's atomic size)
        ahead._read(search, False)
        whole = UNSETTLED + pickle.dumps((("wrapped", b"x" * 1000), False))
        assert ahead.READ[read] == whole[:500] and read not in ahead.ENDED and ahead.running(search) == 1
        os.close(go[1])
        take: Any = ahead.take
        assert take(search, ahead.WRAPPED) == ("wrapped", b"x" * 1000)
    finally:
        ahead.stop(search)
    assert not ahead.READ and not ahead.ENDED


@pytest.mark.expect_warnings
def test_searches_forked_as_the_processes_ahead_end_make_the_issue_one_process_makes(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out band plan 1045 of eight stories, left overset by its passes, whose page made again with its
    wraps does not fit after its own retry (so it is not taken early, ``wrapped.early``, and, no cheaper than the
    page's own layout there, is then let go of): the page made again,
    the wider search and the open search run ahead (the open one forked while the page made again is still at
    work) and the issue is the one a single process makes. (The fork while waiting itself: the test above. Here
    the page made again holds its verdict, ``wrapped.tell``, until the open search is forked or a minute has
    passed, so that which process ends first does not depend on the machine's load: the page made again is
    still at work when the open search is forked, provided it is forked while this process waits for that
    verdict.)"""
    from layout.makeup import wrapped
    from layout.makeup.opened import OPEN
    from tests.madeup import heldout_bench

    bench = heldout_bench()
    plan = bench.band_plan(bench.make_plan(1045, tmp_path, count=8), 1045)
    alone = make_up(plan, tmp_path / "one.yaml", book, jobs=1).text
    forks: list[tuple[ahead.Kind, tuple[ahead.Kind, ...]]] = []
    fork = ahead._fork
    wide, opened = ("wide", ahead.PLAIN, False), ("wide", OPEN, True)

    def noted(search: Any, kind: ahead.Kind, alone: bool = False) -> tuple[int, int] | None:
        forks.append((kind, tuple(k for k, (_, pipe) in ahead.PENDING.get(search, {}).items()
                                  if pipe not in ahead.ENDED)))  # (those still at work: pipes not read to the end)
        forked = fork(search, kind, alone)
        if kind == opened:
            (tmp_path / "opened").touch()
        return forked

    def held(search: Any, best: Any) -> None:
        told = os.getpid() != parent and ahead.VERDICT is not None and search.wrap_all and wrapped.own(search)
        for _ in range(600 if told else 0):  # (the process of the page made again, as it tells: not before the
            if (tmp_path / "opened").exists():  # open search is forked)
                break
            time.sleep(0.1)
        tell(search, best)

    parent, tell = os.getpid(), wrapped.tell
    monkeypatch.setattr(ahead, "_fork", noted)
    monkeypatch.setattr(wrapped, "tell", held)
    assert make_up(plan, tmp_path / "one.yaml", book, jobs=2).text == alone
    assert any(kind == opened and ahead.WRAPPED in at_work for kind, at_work in forks)  # (beside the page made
    # again, still at work: the wider one started ahead too)
    assert any(kind == wide for kind, _ in forks)
    assert not any(ahead.PENDING.values()) and not ahead.READ and not ahead.ENDED
