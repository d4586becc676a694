"""A page left poor by its retry takes the page made again with its narrow photos' wraps before the wider and
open searches when that one is settled and breaks no more rules (``wrapped.early``), and the verdict a process
forked for it writes first (``ahead.tell``, ``ahead.told``): read without waiting for its layout, which the page
asks for only when it takes it. Speed is measured by bench/run.py --makeup, never here."""

from __future__ import annotations

import os
import pickle
import select
from pathlib import Path
from typing import Any

import pytest

from layout.makeup import ahead, fallback, make_up, wrapped
from layout.makeup.cost import PLAIN
from layout.text.font import FontBook

pytestmark = pytest.mark.usefixtures("no_makeup_cache")  # measured and searched afresh


class _Page:  # (stands for the page's search: only a key here)
    pass


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


@pytest.mark.parametrize(("told", "heard"), [(b"S", True), (b"U", False), (b"", None)])
def test_the_verdict_is_read_before_the_layout_and_the_searches_asked_for_before_are_kept(
        told: bytes, heard: bool | None) -> None:
    """``told`` comes back as soon as the process has written its first byte, while it is still at work (the
    layout not yet written); a process that wrote none reads as None. Taken with ``keep`` (as ``wrapped.early``
    takes it), the layout comes back without that byte and the wider search started ahead, asked for before it,
    is still at work; taken without, it is ended."""
    search: Any = _Page()
    wide = ("wide", PLAIN, False)
    go = os.pipe()
    ahead.PENDING[search] = {wide: _child(b"U", "wide", go), ahead.WRAPPED: _child(told, "wrapped", go)}
    os.close(go[0])
    try:
        if told:
            assert ahead.told(search, ahead.WRAPPED) is heard
            assert ahead.running(search) == 2  # (both still at work: the layout is not waited for)
        os.close(go[1])
        take: Any = ahead.take
        found = take(search, ahead.WRAPPED, keep=True)
        assert found == ("wrapped" if told else None)  # (no verdict: the first byte of the layout taken for it)
        assert wide in ahead.PENDING[search]
        assert take(search, wide) == "wide"
    finally:
        ahead.stop(search)
    assert not ahead.READ and not ahead.ENDED
    assert ahead.told(search, ahead.WRAPPED) is None  # (none started)


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


def _noted(monkeypatch: pytest.MonkeyPatch) -> tuple[list[tuple[bool | None, bool]], list[tuple[bool, bool]]]:
    """``wrapped.early`` and ``fallback.wider`` made to note, in this process, (the verdict heard, whether the
    page made again was taken early) and (the search's ``wrap_all``, whether it is the page's own)."""
    early, wider, told = wrapped.early, fallback.wider, ahead.told
    heard: list[bool | None] = []
    taken: list[tuple[bool | None, bool]] = []
    widened: list[tuple[bool, bool]] = []
    parent = os.getpid()

    def listened(search: Any, kind: ahead.Kind) -> bool | None:
        heard.append(told(search, kind))
        return heard[-1]

    def noted_early(search: Any, best: Any) -> Any:
        start = len(heard)  # (the page made again, searched here, asks it too: of itself, heard nothing)
        found = early(search, best)
        if os.getpid() == parent and heard[start:]:
            taken.append((heard[start], found is not None))
        return found

    def noted_wider(search: Any, best: Any) -> Any:
        if os.getpid() == parent:
            widened.append((search.wrap_all, wrapped.own(search)))
        return wider(search, best)

    monkeypatch.setattr(ahead, "told", listened)
    monkeypatch.setattr(wrapped, "early", noted_early)
    monkeypatch.setattr(fallback, "wider", noted_wider)
    return taken, widened


@pytest.mark.expect_warnings
def test_a_page_left_poor_takes_the_page_made_again_before_the_wider_search(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out plan 1007 of eight stories, left overset by its retry: the page made again with its wraps fits
    after its own retry (told so), breaks fewer of the make-up's rules, and is taken; the page's own search runs
    no wider search (nor open); the issue one process makes is the one two make."""
    from tests.madeup import heldout_bench

    plan = heldout_bench().make_plan(1007, tmp_path, count=8)
    taken, widened = _noted(monkeypatch)
    alone = make_up(plan, tmp_path / "one.yaml", book, jobs=1)
    assert taken == [(None, True)] and (False, True) not in widened  # (one process: searched here)
    taken.clear()
    widened.clear()
    forked = make_up(plan, tmp_path / "two.yaml", book, jobs=2)
    assert taken == [(True, True)] and (False, True) not in widened
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
    taken, widened = _noted(monkeypatch)
    alone = make_up(plan, tmp_path / "one.yaml", book, jobs=1)
    assert taken == [(None, False)] and (False, True) in widened
    taken.clear()
    forked = make_up(plan, tmp_path / "two.yaml", book, jobs=2)
    assert taken == [(True, False)]
    assert forked.text == alone.text
    assert not any(ahead.PENDING.values()) and not ahead.READ and not ahead.ENDED


@pytest.mark.expect_warnings
def test_a_page_made_again_here_that_is_not_settled_after_its_retry_is_ended_there(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Held-out band plan 1045, one process: its page made again with its wraps, searched here by
    ``wrapped.early``, is still overset after its own retry, so it is ended there, before its own wider
    search (``wrapped.HALT``); the page's wider search runs, and once it has mended the page the page made
    again is never asked for again."""
    from tests.madeup import heldout_bench

    bench = heldout_bench()
    plan = bench.band_plan(bench.make_plan(1045, tmp_path, count=8), 1045)
    taken, widened = _noted(monkeypatch)
    make_up(plan, tmp_path / "one.yaml", book, jobs=1)
    assert taken == [(None, False)]
    assert (False, True) in widened and (True, True) not in widened
    assert not wrapped.HALT
