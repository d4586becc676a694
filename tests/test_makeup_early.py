"""A page left with copy overset by its retry takes the page made again with its narrow photos' wraps before
the wider and open searches when that one is settled and breaks no more rules (``wrapped.early``), and the verdict
a process forked for it writes first (``ahead.tell``, ``ahead.told``): read without waiting for its layout, which
the page asks for only when it takes it. In one process that search is stopped at its retry and gone on from;
not settled and no cheaper there than the page's own layout after its retry, it is let go of.
Speed is measured by bench/run.py --makeup, never here."""

from __future__ import annotations

import os
import pickle
import select
import struct
from pathlib import Path
from typing import Any

import pytest

from layout.makeup import ahead, fallback, make_up, wrapped
from layout.makeup.cost import PLAIN
from layout.text.font import FontBook

pytestmark = pytest.mark.usefixtures("no_makeup_cache")  # measured and searched afresh
INF = float("inf")


class _Page:  # (stands for the page's search: only a key here)
    pass


def _said(settled: bool, cost: float = INF) -> bytes:
    """The verdict ``ahead.tell`` writes first: settled or not, and the cost of the layout after the retry."""
    return (b"S" if settled else b"U") + struct.pack("<d", cost)


def _child(told: bytes, result: object, go: tuple[int, int]) -> tuple[int, int]:
    """A forked process that writes ``told`` at once, then ``result`` pickled once ``go`` (a pipe: its reading end
    waited on, its writing end closed there) is closed here, or after 20 s; (process id, its pipe's reading end)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read)
            os.close(go[1])
            os.write(write, told)
            select.select([go[0]], [], [], 20)
            os.write(write, pickle.dumps((result, False)))
        finally:
            os._exit(0)
    os.close(write)
    return pid, read


@pytest.mark.parametrize(("told", "heard"), [(_said(True, 40.0), (True, 40.0)), (_said(False, 60.5), (False, 60.5)),
                                            (b"", None)])
def test_the_verdict_is_read_before_the_layout_and_the_searches_asked_for_before_are_kept(
        told: bytes, heard: tuple[bool, float] | None) -> None:
    """``told`` comes back as soon as the process has written its verdict (settled or not, and its layout's
    cost), while it is still at work (the layout not yet written); a process that wrote none reads as None.
    Taken with ``keep`` (as ``wrapped.early`` takes it), the layout comes back without the verdict and the wider
    search started ahead, asked for before it, is still at work; taken without, it is ended."""
    search: Any = _Page()
    wide = ("wide", PLAIN, False)
    go = os.pipe()
    ahead.PENDING[search] = {wide: _child(_said(False), "wide", go), ahead.WRAPPED: _child(told, "wrapped", go)}
    os.close(go[0])
    try:
        if told:
            assert ahead.told(search, ahead.WRAPPED) == heard
            assert ahead.running(search) == 2  # (both still at work: the layout is not waited for)
        os.close(go[1])
        take: Any = ahead.take
        found = take(search, ahead.WRAPPED, keep=True)
        assert found == ("wrapped" if told else None)  # (no verdict: the layout's first bytes taken for it)
        assert wide in ahead.PENDING[search]
        assert take(search, wide) == "wide"
    finally:
        ahead.stop(search)
    assert not ahead.READ and not ahead.ENDED
    assert ahead.told(search, ahead.WRAPPED) is None  # (none started)


def test_a_verdict_written_in_two_pieces_is_read_whole() -> None:
    """A verdict whose first byte comes alone (a pipe read in pieces) is waited for to its end: ``told`` gives it
    whole, and the layout after it comes back without it."""
    import time

    search: Any = _Page()
    said = _said(False, 60.5)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read)
            os.write(write, said[:1])
            time.sleep(0.2)  # (the first byte read alone meanwhile)
            os.write(write, said[1:] + pickle.dumps(("wrapped", False)))
        finally:
            os._exit(0)
    os.close(write)
    ahead.PENDING[search] = {ahead.WRAPPED: (pid, read)}
    try:
        assert ahead.told(search, ahead.WRAPPED) == (False, 60.5)
        assert ahead.take(search, ahead.WRAPPED) == "wrapped"
    finally:
        ahead.stop(search)


def test_a_search_let_go_of_is_ended_and_its_core_given_to_the_next_queued(monkeypatch: pytest.MonkeyPatch) -> None:
    """``ahead.dropped``: the process of the page made again is ended (reaped, its pipe closed) and the next
    search queued is forked at once, as many running as the command's processes (two: this one only waits)."""
    search: Any = _Page()
    go = os.pipe()
    wide, opened = ("wide", PLAIN, False), ("wide", PLAIN, True)
    ahead.PENDING[search] = {wide: _child(_said(False), "wide", go), ahead.WRAPPED: _child(_said(False), "x", go)}
    os.close(go[0])
    ahead.QUEUED[search] = [opened]
    ahead.AHEAD[search] = 2
    forked: list[ahead.Kind] = []
    monkeypatch.setattr(ahead, "_fork", lambda page, kind, alone=False: forked.append(kind))
    pid = ahead.PENDING[search][ahead.WRAPPED][0]
    try:
        ahead.dropped(search, ahead.WRAPPED)
        assert forked == [opened] and ahead.WRAPPED not in ahead.PENDING[search] and wide in ahead.PENDING[search]
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # (reaped)
    finally:
        os.close(go[1])
        ahead.AHEAD.pop(search, None)
        ahead.stop(search)
    assert not ahead.READ and not ahead.ENDED


def test_a_process_that_dies_before_its_verdict_reads_as_none() -> None:
    search: Any = _Page()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os._exit(1)
    os.close(write)
    ahead.PENDING[search] = {ahead.WRAPPED: (pid, read)}
    try:
        assert ahead.told(search, ahead.WRAPPED) is None
        assert ahead.take(search, ahead.WRAPPED) is None
    finally:
        ahead.stop(search)


Noted = tuple[list[tuple[bool | None, bool]], list[tuple[bool, bool]], list[Any]]


def _noted(monkeypatch: pytest.MonkeyPatch) -> Noted:
    """``wrapped.early``, ``fallback.wider`` and ``Search.start`` made to note, in this process, (the verdict
    heard, whether the page made again was taken early, with the ceiling then kept for the search weighing
    shapes), (the search's ``wrap_all``, whether it is the page's own) and each start of the page made again."""
    from layout.makeup.search import Search

    early, wider, told, start = wrapped.early, fallback.wider, ahead.told, Search.start
    heard: list[bool | None] = []
    taken: list[tuple[bool | None, bool]] = []
    widened: list[tuple[bool, bool]] = []
    started: list[Any] = []
    parent = os.getpid()

    def noted_start(search: Any) -> Any:
        if os.getpid() == parent and search.wrap_all and wrapped.own(search):
            started.append("start")
        return start(search)

    def listened(search: Any, kind: ahead.Kind) -> tuple[bool, float] | None:
        said = told(search, kind)
        heard.append(None if said is None else said[0])
        return said

    def noted_early(search: Any, best: Any) -> Any:
        at = len(heard)  # (the page made again, searched here, asks it too: of itself, heard nothing)
        found = early(search, best)
        if os.getpid() == parent and heard[at:]:
            taken.append((heard[at], found is not None))
            started.append((search.seed, search.seeded))
        return found

    def noted_wider(search: Any, best: Any) -> Any:
        if os.getpid() == parent:
            widened.append((search.wrap_all, wrapped.own(search)))
        return wider(search, best)

    monkeypatch.setattr(ahead, "told", listened)
    monkeypatch.setattr(wrapped, "early", noted_early)
    monkeypatch.setattr(fallback, "wider", noted_wider)
    monkeypatch.setattr(Search, "start", noted_start)
    return taken, widened, started


@pytest.mark.expect_warnings
def test_a_page_left_overset_takes_the_page_made_again_before_the_wider_search(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out plan 1007 of eight stories, left overset by its retry: the page made again with its wraps fits
    after its own retry (told so), breaks fewer of the make-up's rules, and is taken; the page's own search runs
    no wider search (nor open); the issue one process makes is the one two make."""
    from tests.madeup import heldout_bench

    plan = heldout_bench().make_plan(1007, tmp_path, count=8)
    taken, widened, started = _noted(monkeypatch)
    alone = make_up(plan, tmp_path / "one.yaml", book, jobs=1)
    assert taken == [(None, True)] and (False, True) not in widened  # (one process: searched here)
    here = started[:]
    assert here[0] == "start" and here[1][1]  # (the ceiling of the search weighing shapes: the layout taken's)
    taken.clear()
    widened.clear()
    started.clear()
    forked = make_up(plan, tmp_path / "two.yaml", book, jobs=2)
    assert taken == [(True, True)] and (False, True) not in widened
    assert started == here[1:]  # (the same ceiling: that of the page's own search, not of the search made again)
    assert forked.text == alone.text
    assert not any(ahead.PENDING.values()) and not ahead.READ and not ahead.ENDED


@pytest.mark.expect_warnings
def test_a_page_made_again_that_breaks_more_rules_is_left_for_the_later_steps(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out band plan 1082 (masthead and 报眼 over the top), left overset by its passes: the page made again
    with its wraps fits after its own retry (told so) but has two postage stamps where the page as searched had
    one, so it is not taken early; the wider and open searches started ahead go on (taken with ``keep``), and the
    issue one process makes is the one two make."""
    from tests.madeup import heldout_bench

    bench = heldout_bench()
    plan = bench.band_plan(bench.make_plan(1082, tmp_path, count=8), 1082)
    taken, widened, _ = _noted(monkeypatch)
    alone = make_up(plan, tmp_path / "one.yaml", book, jobs=1)
    assert taken == [(None, False)] and (False, True) in widened
    taken.clear()
    forked = make_up(plan, tmp_path / "two.yaml", book, jobs=2)
    assert taken == [(True, False)]
    assert forked.text == alone.text
    assert not any(ahead.PENDING.values()) and not ahead.READ and not ahead.ENDED


@pytest.mark.expect_warnings
def test_a_page_made_again_here_that_is_not_settled_after_its_retry_is_stopped_there(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out plan 1026, one process: its page made again with its wraps, searched here by ``wrapped.early``,
    is still overset after its own retry (if cheaper than the page's own layout there), so it is stopped there,
    before its own wider search, the page's own search put back (``Search.paused``); the page's wider search
    runs, and once it has mended the page the page made again is never asked for, nor searched again, and its
    tables are let go of."""
    from layout.makeup.tables import Tables
    from tests.madeup import heldout_bench

    plan = heldout_bench().make_plan(1026, tmp_path, count=8)
    taken, widened, started = _noted(monkeypatch)
    paused, resumed, let_go = [], [], []
    again, resume, release = wrapped.again, wrapped._resumed, Tables.release

    def noted_again(search: Any, best: Any) -> Any:
        if wrapped.own(search) and search.paused is not None:
            paused.append(search.paused[0]["tables"])
        return again(search, best)

    monkeypatch.setattr(wrapped, "again", noted_again)
    monkeypatch.setattr(wrapped, "_resumed", lambda search, state: resumed.append(1) or resume(search, state))
    monkeypatch.setattr(Tables, "release", lambda tables: let_go.append(tables) or release(tables))
    make_up(plan, tmp_path / "one.yaml", book, jobs=1)
    assert taken == [(None, False)] and started[0] == "start" and "start" not in started[1:]
    assert (False, True) in widened and (True, True) not in widened
    assert len(paused) == 1 and resumed == [] and any(tables is paused[0] for tables in let_go)


@pytest.mark.expect_warnings
def test_a_page_made_again_stopped_at_its_retry_goes_on_from_there_when_asked_for(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out plan 1058, one process: its page made again, stopped at its retry (still overset, but cheaper
    than the page's own layout after its retry), is asked for by ``wrapped.again`` once the page's later steps
    have left it overset too: it goes on from its retry, its passes not run again, and the issue is the one two
    processes make (the search made again run whole in a process of its own)."""
    from tests.madeup import heldout_bench

    plan = heldout_bench().make_plan(1058, tmp_path, count=8)
    taken, widened, started = _noted(monkeypatch)
    alone = make_up(plan, tmp_path / "one.yaml", book, jobs=1)
    assert taken == [(None, False)] and started.count("start") == 1
    assert (True, True) in widened  # (its own wider search, after its retry: gone on from there)
    forked = make_up(plan, tmp_path / "two.yaml", book, jobs=2)
    assert forked.text == alone.text


@pytest.mark.expect_warnings
def test_a_page_made_again_no_cheaper_at_its_retry_is_let_go_of(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out plan 1002: its page made again with its wraps, searched to its retry here (one process) or in a
    process of its own (two), is still overset there and costs no less than the page's own layout after its
    retry, so it is let go of: its own wider search never runs (the page's own does), its process is ended as
    it tells, and the issue one process makes is the one two make."""
    from tests.madeup import heldout_bench

    plan = heldout_bench().make_plan(1002, tmp_path, count=8)
    taken, widened, started = _noted(monkeypatch)
    let_go: list[ahead.Kind] = []
    dropped = ahead.dropped
    monkeypatch.setattr(ahead, "dropped", lambda search, kind: let_go.append(kind) or dropped(search, kind))
    alone = make_up(plan, tmp_path / "one.yaml", book, jobs=1)
    assert taken == [(None, False)] and started.count("start") == 1 and let_go == []
    assert (True, True) not in widened and (False, True) in widened
    taken.clear()
    widened.clear()
    forked = make_up(plan, tmp_path / "two.yaml", book, jobs=2)
    assert taken == [(False, False)] and let_go == [ahead.WRAPPED] and (True, True) not in widened
    assert forked.text == alone.text
    assert not any(ahead.PENDING.values()) and not ahead.READ and not ahead.ENDED


class _Fake:
    """Stands for the page's own search in ``wrapped.early`` and ``wrapped.again``: notes how it is made again."""

    def __init__(self) -> None:
        self.wrap_all, self.shapes, self.banned, self.paused = False, False, frozenset(), None
        self.seed: float | None = None
        self.seeded = False
        self.made: list[bool] = []

    def reset(self, wraps: bool, shapes: bool | None = None, keep: bool = False) -> None:
        self.made.append(wraps)
        self.wrap_all = wraps


def _decided(monkeypatch: pytest.MonkeyPatch, found: Any, verdict: tuple[bool, float] | None, settled: bool = True,
             judged: tuple[int, int] = (0, 0), broken: int = 1, over: int = 3) -> tuple[_Fake, list[str]]:
    """``wrapped.early`` asked of a fake page whose retry's layout (cost 100, 3 lines overset, one rule broken)
    is poor (``over``: 0, past the fill goal only), the page made again told ``verdict`` (settled or not, the cost
    of its layout after its retry) and found ``found`` (its (overset, empty) ``judged``, breaking ``broken``
    rules, ``settled`` or not): the fake search and what was done (``told``, ``take``, ``stop``, ``dropped``,
    ``seed``)."""
    from layout.makeup.solution import make

    done: list[str] = []
    page = _Fake()
    best = make((100.0, (), ()))
    monkeypatch.setattr(fallback, "page_fill", lambda search, s: (over, 0 if over else 20, 4))
    monkeypatch.setattr(wrapped, "wanted", lambda search, *fill: True)
    monkeypatch.setattr(wrapped, "judged", lambda search, s, printed: (
        (3, 0, (0, 0), 0) if s is best else (*judged, (0, 0), 0)))
    monkeypatch.setattr(wrapped, "settled", lambda search, s: settled)
    monkeypatch.setattr(wrapped.shapes, "broken", lambda search, s: {"stamp": 1 if s is best else broken})
    monkeypatch.setattr(wrapped.shapes, "seed", lambda search, s, last=False: done.append("seed"))
    monkeypatch.setattr(ahead, "told", lambda search, kind: done.append("told") or verdict)
    monkeypatch.setattr(ahead, "stop", lambda search, kind=None, keep=None: done.append(f"stop {keep}"))
    monkeypatch.setattr(ahead, "dropped", lambda search, kind: done.append(f"dropped {kind[0]}"))

    def take(search: Any, kind: ahead.Kind, keep: bool = False) -> Any:
        done.append(f"take {keep}")
        return found

    monkeypatch.setattr(ahead, "take", take)
    page.found = wrapped.early(page, best)  # type: ignore[attr-defined]
    return page, done


@pytest.mark.parametrize(("cost", "settled", "judged", "broken", "taken"), [
    (90.0, True, (0, 0), 1, True),  # cheaper, settled, fits, no more rules broken: taken
    (110.0, True, (0, 0), 1, False),  # dearer
    (90.0, False, (0, 0), 1, False),  # not settled after all (its later steps)
    (90.0, True, (4, 0), 1, False),  # more lines overset as judged
    (90.0, True, (0, 0), 2, False),  # a rule more broken
])
def test_the_page_made_again_is_taken_early_only_by_the_rules(
        monkeypatch: pytest.MonkeyPatch, cost: float, settled: bool, judged: tuple[int, int], broken: int,
        taken: bool) -> None:
    """A layout told settled is taken early only when it costs less, is settled, better as ``again`` judges, and
    breaks no more rules; taken: the wider and open searches started ahead are ended (the search weighing
    shapes kept), its ceiling kept as that search's (``shapes.seed``) and the search left made again; not
    taken: kept for ``again`` (``EARLY``), the search made as it was, the searches started ahead still at work."""
    from layout.makeup.solution import make

    found = make((cost, (), ()))
    page, done = _decided(monkeypatch, found, (True, cost), settled, judged, broken)
    assert done[:2] == ["told", "take True"]  # (taken with ``keep``: the searches asked for before it kept)
    if taken:
        assert page.found is found and page.made == [True]  # type: ignore[attr-defined]
        assert done[2:] == [f"stop {ahead.SHAPES}", "seed"]
        assert page not in wrapped.EARLY
    else:
        assert page.found is None and page.made == [True, False]  # type: ignore[attr-defined]
        assert done[2:] == [] and wrapped.EARLY.pop(page) is found


def test_a_page_made_again_told_not_settled_is_not_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """Told not settled, at a cost under the retry's layout's (100), ``early`` takes nothing and waits for nothing
    (its layout is ``again``'s to ask for)."""
    page, done = _decided(monkeypatch, object(), (False, 99.5))
    assert page.found is None and done == ["told"] and page.made == []  # type: ignore[attr-defined]
    assert page not in wrapped.EARLY


@pytest.mark.parametrize("cost", [100.0, 130.0, INF])
def test_a_page_made_again_told_not_settled_and_no_cheaper_is_let_go_of(
        monkeypatch: pytest.MonkeyPatch, cost: float) -> None:
    """Told not settled at a cost no less than the retry's layout's (100; none found: infinite), the page made
    again is let go of: its process ended (``ahead.dropped``), nothing taken, and ``again`` told so (``DROPPED``)."""
    page, done = _decided(monkeypatch, object(), (False, cost))
    assert page.found is None and done == ["told", "dropped wrapped"] and page.made == []  # type: ignore[attr-defined]
    assert wrapped.EARLY.pop(page) is wrapped.DROPPED  # type: ignore[arg-type]


def test_a_page_with_nothing_overset_asks_for_nothing_early(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page past the fill goal with nothing overset runs no wider or open search, so ``early`` has none to
    spare it: it asks the page made again nothing (neither told nor taken, nor searched here)."""
    page, done = _decided(monkeypatch, object(), (True, 90.0), over=0)
    assert page.found is None and done == [] and page.made == []  # type: ignore[attr-defined]


class _Tables:
    """Stands for a search's tables: notes whether they were let go of."""

    released = False

    def release(self) -> None:
        self.released = True


class _Made(_Fake):
    """A fake page made again here by ``wrapped._here``: its start seeds a ceiling of its own (as
    ``shapes.seed`` may in a search made again before the page's own has set one) and ends with ``retried``."""

    def __init__(self, retried: Any) -> None:
        super().__init__()
        self.tables, self.retried, self.ended = _Tables(), retried, []
        self.remade: list[_Tables] = []

    def reset(self, wraps: bool, shapes: bool | None = None, keep: bool = False) -> None:
        super().reset(wraps, shapes, keep)
        self.tables = _Tables()
        self.remade.append(self.tables)  # (a list the page's own attributes share: kept when they are put back)

    def start(self) -> tuple[Any, bool]:
        self.seed, self.seeded = 1.0, True
        return self.retried, True

    def finish(self, best: Any, cut_short: bool) -> None:
        self.ended.append((best, cut_short))
        self.solution = best


@pytest.mark.parametrize(("settled", "ceiling"), [(True, 40.0), (False, 50.5), (False, 50.0)])
def test_a_page_made_again_here_is_run_on_or_stopped_and_the_page_put_back(
        monkeypatch: pytest.MonkeyPatch, settled: bool, ceiling: float) -> None:
    """Searched here, the page made again is run on from its retry when settled there (at any cost), and taken
    as it ends (the page's own tables let go of, its ceiling for the search weighing shapes kept: a forked
    process sets none); else stopped there, the page's own search put back as it was, attribute for attribute,
    and the one stopped kept (``Search.paused``) when it costs less than ``ceiling`` (the page's own layout
    after its retry), or let go of (its tables released, ``DROPPED``); ``_resumed`` goes on from there, the
    ceiling the page has by then kept."""
    from layout.makeup.solution import make

    retried = make((50.0, (), ()))
    page = _Made(retried)
    monkeypatch.setattr(wrapped, "settled", lambda search, s: settled)
    before = dict(vars(page))
    tables = page.tables
    found = wrapped._here(page, ceiling)  # type: ignore[arg-type]
    if settled:
        assert found is retried and page.wrap_all and page.ended == [(retried, True)]
        assert (page.seed, page.seeded) == (None, False) and tables.released and page.paused is None
        return
    assert found is None and not tables.released and page.ended == []
    if ceiling <= retried.cost:
        assert page.paused is None and vars(page) == before and page.made == [True]
        assert page.remade[0].released and page.tables is tables  # (never to be gone on from; below, kept)
        assert wrapped.EARLY.pop(page) is wrapped.DROPPED  # type: ignore[arg-type]
        return
    assert page not in wrapped.EARLY
    paused = page.paused
    assert paused is not None and paused[1:] == (retried, True) and paused[0]["wrap_all"]
    page.paused = None
    assert vars(page) == before
    page.seed, page.seeded = 9.0, True  # (set by the page's later steps)
    assert wrapped._resumed(page, paused) is retried  # type: ignore[arg-type]
    assert page.wrap_all and page.ended == [(retried, True)] and tables.released
    assert (page.seed, page.seeded) == (9.0, True) and page.tables is paused[0]["tables"]


@pytest.mark.parametrize("dropped", [False, True])
def test_again_takes_the_layout_early_kept_and_searches_nothing(monkeypatch: pytest.MonkeyPatch,
                                                                dropped: bool) -> None:
    """A layout ``early`` found and did not take is the one ``again`` weighs: no process is asked for it, and
    the page is not searched again; a page made again that ``early`` let go of (``DROPPED``) is not asked for
    either, and the page keeps its layout, its search as it was."""
    from layout.makeup.solution import make

    page, best, found = _Fake(), make((100.0, (), ())), make((90.0, (), ()))
    wrapped.EARLY[page] = wrapped.DROPPED if dropped else found  # type: ignore[index]
    asked: list[str] = []
    monkeypatch.setattr(wrapped, "searched_again", lambda search: True)
    monkeypatch.setattr(fallback, "page_fill", lambda search, s: (3, 0, 4))
    monkeypatch.setattr(wrapped, "wanted", lambda search, *fill: True)
    monkeypatch.setattr(wrapped, "judged", lambda search, s, printed: (3 if s is best else 0, 0, (0, 0), 0))
    monkeypatch.setattr(ahead, "take", lambda search, kind, keep=False: asked.append("take"))
    monkeypatch.setattr(ahead, "stop", lambda search, kind=None, keep=None: None)
    page.run = lambda: asked.append("run")  # type: ignore[attr-defined]
    assert wrapped.again(page, best) is (best if dropped else found)  # type: ignore[arg-type]
    assert asked == [] and page.made == ([] if dropped else [True])
    assert page not in wrapped.EARLY  # type: ignore[comparison-overlap]


@pytest.mark.parametrize(("settled", "wraps", "heard"), [(True, True, [(True, 50.0)]), (False, True, [(False, 50.0)]),
                                                         (True, False, [])])
def test_the_page_made_again_tells_whether_its_layout_is_settled(
        monkeypatch: pytest.MonkeyPatch, settled: bool, wraps: bool, heard: list[tuple[bool, float]]) -> None:
    """``wrapped.tell``: the page made again with its wraps tells, as its retry ends, whether its layout is
    settled (a layout found, nothing overset, within the goal, no 撞题), not merely found, and what it costs; the
    page's own search made without its wraps tells nothing."""
    from layout.makeup.solution import make

    told: list[tuple[bool, float]] = []
    page = _Fake()
    page.wrap_all = wraps
    monkeypatch.setattr(wrapped, "settled", lambda search, s: settled)
    monkeypatch.setattr(ahead, "tell", lambda settled, cost: told.append((settled, cost)))
    wrapped.tell(page, make((50.0, (), ())))  # type: ignore[arg-type]
    assert told == heard
