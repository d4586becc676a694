"""A process ``layout.workers.fork_task`` makes while ``spared`` lasts stays after its task for one errand:
the errand runs there (not here), its outcome or its error comes back, and every process kept is ended
and reaped however it goes: unasked when ``spared`` ends, when the next task is forked, when it died
before the errand, or asked and never read; a process forked meanwhile holding copies of its pipes does
not keep an outcome from coming back."""

from __future__ import annotations

import os
import signal
import time

import pytest

from layout import workers
from layout.workers import errand, fork_task, kept, release, spared, task_result


def _gone(pid: int) -> bool:
    """Whether ``pid`` was reaped (no child of this process by that id is left)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _sum(*numbers: int) -> tuple[int, int]:
    """The sum of ``numbers`` and the id of the process that added them."""
    return sum(numbers), os.getpid()


def _fail(text: str) -> None:
    raise ValueError(text)


def test_the_process_kept_does_the_errand_and_is_reaped() -> None:
    with spared():
        started = fork_task(lambda: "头条")
        assert task_result(started) == "头条"
        assert kept() and not _gone(started[0])  # (it waits for an errand)
        outcome = errand(_sum, 1, 2, 3)
        assert outcome is not None and not kept()
        assert outcome() == (6, started[0])  # (done there)
        assert _gone(started[0])
        with pytest.raises(ChildProcessError):
            outcome()  # (read once)


def test_an_errand_raises_what_it_raised_there() -> None:
    with spared():
        started = fork_task(lambda: None)
        task_result(started)
        outcome = errand(_fail, "（占位）no program")
        assert outcome is not None
        with pytest.raises(ValueError, match="no program"):
            outcome()
        assert _gone(started[0])


def test_without_spared_no_process_is_kept() -> None:
    started = fork_task(lambda: 1)
    assert task_result(started) == 1
    assert _gone(started[0]) and not kept()
    assert errand(_sum, 1) is None


def test_a_process_kept_is_ended_when_spared_ends_or_the_next_task_is_forked() -> None:
    with spared():
        first = fork_task(lambda: 1)
        task_result(first)
        second = fork_task(lambda: 2)  # (the first is ended before the fork)
        assert _gone(first[0])
        assert task_result(second) == 2 and not _gone(second[0])
        asked = fork_task(lambda: 3)
        assert _gone(second[0])
        task_result(asked)
        assert errand(time.sleep, 30) is not None  # (asked, never read)
    assert _gone(asked[0]) and not kept()


def test_a_process_kept_that_died_gives_no_errand() -> None:
    with spared():
        started = fork_task(lambda: 1)
        task_result(started)
        os.kill(started[0], signal.SIGKILL)
        time.sleep(0.1)
        assert errand(_sum, 1) is None
        assert _gone(started[0]) and not kept()


def test_an_outcome_comes_back_while_a_process_forked_meanwhile_holds_its_pipes() -> None:
    with spared():
        started = fork_task(lambda: 1)
        task_result(started)
        holder = os.fork()  # (holds copies of the errand's pipes, as a pool's worker forked then would)
        if holder == 0:
            time.sleep(5)
            os._exit(0)
        try:
            outcome = errand(_sum, 4, 5)
            assert outcome is not None
            begun = time.perf_counter()
            assert outcome()[0] == 9
            assert time.perf_counter() - begun < 3
        finally:
            os.kill(holder, signal.SIGKILL)
            os.waitpid(holder, 0)


def test_release_leaves_nothing_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_KEEP", [True])
    started = fork_task(lambda: 1)
    task_result(started)
    assert kept()
    release()
    assert _gone(started[0]) and not kept()
