"""A process ``layout.workers.fork_task`` makes while ``layout.errands.spared`` lasts stays after its task
for one errand: the errand runs there (not here), its outcome or its error comes back, and every process
kept is ended and reaped however it goes (unasked when ``spared`` ends or the next one is kept, ended by
``end_task``, dead before its result or its errand, killed during it, asked and never read), with no pipe
left open; tasks forked together are each read; a process forked meanwhile holding copies of the pipes
does not keep an outcome from coming back; another thread keeps nothing."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator

import pytest

from layout import errands
from layout.errands import errand, kept, release, spared
from layout.workers import end_task, fork_task, task_result
from tests.test_workers_task import _gone


def _none_kept() -> bool:
    """Whether no process is noted as running, kept or asked."""
    return not errands._RUNNING and not errands._KEPT and not errands._ASKED


def _sum(*numbers: int) -> tuple[int, int]:
    """The sum of ``numbers`` and the id of the process that added them."""
    return sum(numbers), os.getpid()


def _fail(text: str) -> None:
    raise ValueError(text)


@pytest.fixture(autouse=True)
def no_fd_left() -> Iterator[None]:
    """Every test leaves as many files open as it found (its pipes all closed)."""
    before = len(os.listdir("/proc/self/fd"))
    yield
    release()
    assert len(os.listdir("/proc/self/fd")) == before


def test_the_process_kept_does_the_errand_and_is_reaped() -> None:
    with spared():
        started = fork_task(lambda: "头条")
        assert task_result(started) == "头条"
        assert kept() and not _gone(started[0])  # (it waits for an errand)
        outcome = errand(_sum, 1, 2, 3)
        assert outcome is not None and not kept()
        assert outcome() == (6, started[0])  # (done there)
        assert started[0] in errands._ENDING and _none_kept()  # (ending by itself: reaped when ``spared`` ends)
        with pytest.raises(ChildProcessError):
            outcome()  # (read once)
    assert _gone(started[0]) and not errands._ENDING


def _unreaped(pid: int) -> bool:
    """Whether ``pid`` is a child of this process not reaped yet (running, or exited): looked at, not reaped."""
    try:
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return False
    return True


def test_a_process_that_wrote_its_outcome_is_reaped_when_spared_ends_or_at_once_in_another_thread() -> None:
    """The process an errand's whole outcome came from exits by itself: its exit is not waited for where the
    outcome is read (the page is drawn meanwhile) but when ``spared`` ends, killed first should it still run;
    one whose outcome another thread reads is reaped there and then (no ``spared`` of that thread's ends)."""
    with spared():
        started = fork_task(lambda: 1)
        task_result(started)
        outcome = errand(_sum, 2)
        assert outcome is not None and outcome() == (2, started[0])
        assert started[0] in errands._ENDING and _unreaped(started[0])  # (a zombie, or exiting)
        other = fork_task(lambda: 2)  # (the next task forked and kept: the ending one is left as it is)
        assert task_result(other) == 2 and kept() and started[0] in errands._ENDING
        read: list[object] = []
        outcome = errand(_sum, 3)
        assert outcome is not None
        reader = threading.Thread(target=lambda: read.append(outcome()))
        reader.start()
        reader.join(30)
        assert read == [(3, other[0])] and other[0] not in errands._ENDING and _gone(other[0])
    assert _gone(started[0]) and not errands._ENDING and _none_kept()
    with spared():  # (one that has not exited by then is ended)
        started = fork_task(lambda: 1)
        task_result(started)
        outcome = errand(_sum, 4)
        assert outcome is not None and outcome()[0] == 4
        slow = fork_task(lambda: _slow(60, 1))  # (a process that would run a minute more, noted as ending only)
        errands.close_fds(slow[1], *errands._RUNNING.pop(slow[0])[1:])
        errands._ENDING.append(slow[0])
        begun = time.perf_counter()
    assert time.perf_counter() - begun < 10 and _gone(slow[0]) and not errands._ENDING and _none_kept()


def test_an_outcome_read_before_its_tasks_result_or_ended_after_is_reaped_once() -> None:
    """An errand asked ahead whose outcome is read before its task's result: ``task_result`` leaves the process to
    ``release`` (it waits for it only once, there); one ended by ``end_task`` once its outcome was read is no longer
    noted as ending, so ``release`` sends nothing to its number, which may be another process's by then."""
    with spared():
        started = fork_task(lambda: "头条")  # (a result its pipe takes at once: the errand follows it there)
        outcome = errands.ahead(started[0], _with_value, 1)
        assert outcome is not None and outcome() == ("头条", 1, started[0])
        assert task_result(started) == "头条"
        assert started[0] in errands._ENDING and _unreaped(started[0])
        second = fork_task(lambda: 2)
        outcome = errands.ahead(second[0], _with_value)
        assert outcome is not None and outcome() == (2, 0, second[0])
        end_task(second)
        assert second[0] not in errands._ENDING and _gone(second[0])
    assert _gone(started[0]) and not errands._ENDING and _none_kept()


def test_an_errand_raises_what_it_raised_there() -> None:
    with spared():
        started = fork_task(lambda: None)
        task_result(started)
        outcome = errand(_fail, "（占位）no program")
        assert outcome is not None
        with pytest.raises(ValueError, match="no program"):
            outcome()
        assert started[0] in errands._ENDING
    assert _gone(started[0]) and not errands._ENDING


def test_without_spared_no_process_is_kept() -> None:
    started = fork_task(lambda: 1)
    assert task_result(started) == 1
    assert _gone(started[0]) and not kept()
    assert errand(_sum, 1) is None


def test_a_process_kept_is_ended_when_the_next_is_kept_or_spared_ends() -> None:
    with spared():
        first = fork_task(lambda: 1)
        task_result(first)
        second = fork_task(lambda: 2)  # (the first, waiting, is ended before the fork)
        assert _gone(first[0])
        assert task_result(second) == 2 and not _gone(second[0])
        asked = fork_task(lambda: 3)
        assert _gone(second[0])
        task_result(asked)
        assert errand(time.sleep, 30) is not None  # (asked, never read)
    assert _gone(asked[0]) and _none_kept()


def test_tasks_forked_together_are_each_read_and_the_last_read_is_kept() -> None:
    with spared():
        slow = fork_task(lambda: time.sleep(0.3) or "slow")
        quick = fork_task(lambda: "quick")
        assert task_result(slow) == "slow"
        assert task_result(quick) == "quick"  # (the slow one, read first and kept, ended)
        assert _gone(slow[0]) and kept()
        outcome = errand(_sum, 2)
        assert outcome is not None and outcome() == (2, quick[0])


def test_a_process_that_dies_before_its_result_or_its_errand_gives_none() -> None:
    with spared():
        dead = fork_task(lambda: os._exit(3))
        with pytest.raises(ChildProcessError, match="exit 3"):
            task_result(dead)
        assert _gone(dead[0]) and not kept() and dead[0] not in errands._RUNNING  # (its pipes closed)
        started = fork_task(lambda: 1)
        task_result(started)
        os.kill(started[0], signal.SIGKILL)
        os.waitid(os.P_PID, started[0], os.WEXITED | os.WNOWAIT)  # (dead, its pipes closed; not reaped yet: a
        # pause of 0.1 s was not always enough on a loaded machine)
        assert errand(_sum, 1) is None
        assert _gone(started[0]) and _none_kept()  # (not left to ``release``: its pid and pipe are not ours now)


def test_a_process_killed_during_its_errand_is_a_child_process_error() -> None:
    with spared():
        started = fork_task(lambda: 1)
        task_result(started)
        outcome = errand(time.sleep, 30)
        assert outcome is not None
        os.kill(started[0], signal.SIGKILL)
        begun = time.perf_counter()
        with pytest.raises(ChildProcessError):
            outcome()
        assert time.perf_counter() - begun < 5 and _gone(started[0])


def test_a_task_ended_early_is_not_kept() -> None:
    with spared():
        started = fork_task(lambda: time.sleep(30))
        end_task(started)
        assert _gone(started[0]) and not kept() and started[0] not in errands._RUNNING  # (its pipes closed)


def test_an_outcome_comes_back_while_a_process_forked_meanwhile_holds_its_pipes() -> None:
    with spared():
        started = fork_task(lambda: 1)
        task_result(started)
        holder = os.fork()  # (holds copies of the errand's pipes, as a process forked by hand would)
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


def test_no_pipe_is_left_when_one_cannot_be_made(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[int] = []
    real = os.pipe

    def third_fails() -> tuple[int, int]:
        if len(made) == 2:
            raise OSError(24, "Too many open files")
        made.append(1)
        return real()

    with spared():
        monkeypatch.setattr(os, "pipe", third_fails)
        with pytest.raises(OSError):
            fork_task(lambda: 1)
        assert not kept()


def test_a_thread_keeps_nothing_while_another_threads_spared_lasts() -> None:
    seen: list[bool] = []

    def other() -> None:
        with spared():
            started = fork_task(lambda: 2)
            task_result(started)
            seen.append(kept() or not _gone(started[0]))

    with spared():
        started = fork_task(lambda: 1)
        task_result(started)
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
        assert seen == [False] and kept()  # (the other thread kept nothing, nor ended this one's)
    assert _gone(started[0]) and _none_kept()


def test_a_message_cut_short_reads_as_none() -> None:
    read, write = os.pipe()
    os.write(write, (100).to_bytes(8, "little") + b"ten bytes.")
    os.close(write)
    assert errands._receive(read) == b""
    read, write = os.pipe()
    errands._send(write, b"whole")
    assert errands._receive(read) == b"whole"


def test_a_task_never_read_is_ended_and_a_nested_spared_ends_nothing() -> None:
    with spared():
        first = fork_task(lambda: 1)
        task_result(first)
        with spared():
            pass
        assert kept() and not _gone(first[0])  # (the inner one ended nothing)
        unread = fork_task(lambda: time.sleep(30))
    assert _gone(first[0]) and _gone(unread[0]) and _none_kept()
    os.close(unread[1])  # (its result's pipe: the caller's, as a task's)


def test_a_process_forked_otherwise_keeps_nothing_of_this_ones() -> None:
    with spared():
        started = fork_task(lambda: 1)
        task_result(started)
        errands._ENDING.append(started[0])  # (as if an errand's outcome had been read: noted as ending)
        child = os.fork()  # (as a pool's worker or a make-up's search is forked)
        if child == 0:
            os._exit(0 if _none_kept() and not kept() and not errands._ENDING else 1)
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        errands._ENDING.remove(started[0])
        assert kept() and not _gone(started[0])


def _with_value(value: object, *numbers: int) -> tuple[object, int, int]:
    """What the task returned there, the sum of ``numbers`` and the id of the process that added them."""
    return value, sum(numbers), os.getpid()


def _slow(seconds: float, value: object) -> object:
    time.sleep(seconds)
    return value


def test_an_errand_asked_ahead_gets_the_task_value_there_and_the_process_is_reaped() -> None:
    with spared(hook=_sum):
        assert errands.hook() is _sum
        started = fork_task(lambda: _slow(0.2, "头条"))
        outcome = errands.ahead(started[0], _with_value, 1, 2)  # (while its task still runs)
        assert outcome is not None and errands.ahead(started[0], _with_value) is None  # (asked once)
        assert task_result(started) == "头条"
        assert not kept()  # (asked already: not kept for another errand)
        assert outcome() == ("头条", 3, started[0])
        assert started[0] in errands._ENDING and _none_kept()
    assert errands.hook() is None
    assert _gone(started[0]) and not errands._ENDING


def test_an_errand_asked_ahead_of_a_process_that_dies_is_a_child_process_error() -> None:
    with spared():
        started = fork_task(lambda: _slow(0.2, 1))
        outcome = errands.ahead(started[0], _with_value)
        assert outcome is not None
        os.kill(started[0], signal.SIGKILL)
        with pytest.raises(ChildProcessError):
            task_result(started)
        assert _gone(started[0]) and _none_kept()
        with pytest.raises(ChildProcessError):
            outcome()  # (forgotten with its process)


def test_an_errand_asked_ahead_is_ended_with_spared_or_its_task() -> None:
    with spared():
        started = fork_task(lambda: 1)
        assert errands.ahead(started[0], _slow, 30) is not None
        assert task_result(started) == 1 and not _gone(started[0])  # (its errand runs)
    assert _gone(started[0]) and _none_kept()  # (never read: ended)
    with spared():
        started = fork_task(lambda: _slow(30, 1))
        assert errands.ahead(started[0], _with_value) is not None
        end_task(started)
        assert _gone(started[0]) and _none_kept()


def test_nothing_is_asked_ahead_that_the_pipe_would_not_take_at_once_or_of_no_such_process(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert errands.ahead(os.getpid(), _with_value) is None  # (no spared: no process of its)
    with spared():
        started = fork_task(lambda: 2)
        assert errands.ahead(started[0] + 1_000_000, _with_value) is None
        monkeypatch.setattr(errands, "_room", lambda fd: 100)
        assert errands.ahead(started[0], _with_value, "长" * 200) is None  # (its request over 100 bytes)
        assert task_result(started) == 2 and kept()  # (kept as before, for an errand)
        outcome = errand(_sum, 4)
        assert outcome is not None and outcome() == (4, started[0])


def test_a_pipes_room_is_told_or_the_least_every_pipe_holds() -> None:
    import select

    assert errands.PIPE_LEAST <= select.PIPE_BUF
    read, write = os.pipe()
    try:
        assert errands._room(write) >= select.PIPE_BUF
    finally:
        errands.close_fds(read, write)
    assert errands._room(-1) == errands.PIPE_LEAST  # (a pipe the system tells nothing of)


def _exit(code: int) -> None:
    raise SystemExit(code)


def test_a_process_dead_after_writing_its_result_is_neither_asked_ahead_nor_kept() -> None:
    import select

    with spared():
        started = fork_task(lambda: 1)  # (a result the pipe holds at once: written, then it waits for an errand)
        assert select.select([started[1]], [], [], 10)[0]  # (its result written)
        os.kill(started[0], signal.SIGKILL)
        os.waitid(os.P_PID, started[0], os.WEXITED | os.WNOWAIT)  # (dead, its pipes closed; not reaped yet)
        assert errands.ahead(started[0], _with_value) is None  # (a broken pipe)
        assert task_result(started) == 1  # (its whole result, read)
        assert not kept() and errand(_sum, 4) is None  # (not kept with a closed request pipe)
        assert _gone(started[0]) and _none_kept()


def test_an_errand_that_exits_there_is_a_child_process_error_here() -> None:
    with spared():
        started = fork_task(lambda: 1)
        task_result(started)
        outcome = errand(_exit, 3)
        assert outcome is not None
        with pytest.raises(ChildProcessError, match="SystemExit"):
            outcome()
        started = fork_task(lambda: 1)
        outcome = errands.ahead(started[0], _drop_first, _interrupted)
        assert outcome is not None and task_result(started) == 1
        with pytest.raises(ChildProcessError, match="KeyboardInterrupt") as raised:
            outcome()
        assert isinstance(raised.value.__cause__, KeyboardInterrupt)  # (what ended it there, as its cause)
        assert _none_kept()


def _interrupted() -> None:
    raise KeyboardInterrupt


def test_a_request_that_just_fits_the_pipe_is_asked_ahead_and_one_byte_more_is_not(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from layout.workers import dumps

    size = len(dumps((_with_value, (7,), True))) + 8  # (the request as ``ahead`` writes it, after its length)
    with spared():
        started = fork_task(lambda: 3)
        monkeypatch.setattr(errands, "_room", lambda fd: size - 1)
        assert errands.ahead(started[0], _with_value, 7) is None
        monkeypatch.setattr(errands, "_room", lambda fd: size)
        outcome = errands.ahead(started[0], _with_value, 7)
        assert outcome is not None and task_result(started) == 3 and outcome() == (3, 7, started[0])


def _drop_first(value: object, job: object, *args: object) -> object:
    """``job(*args)``, the task's value left out (an errand asked ahead)."""
    assert callable(job)
    return job(*args)


def test_the_hook_and_errands_ahead_are_the_owning_threads_and_nested_spared_keep_their_hooks() -> None:
    def first() -> None: ...

    def second() -> None: ...

    with spared(first):
        with spared():
            assert errands.hook() is first  # (no hook given: the outer one's)
        with spared(second):
            assert errands.hook() is second
        assert errands.hook() is first
        started = fork_task(lambda: _slow(0.3, 5))
        seen: list[object] = []
        other = threading.Thread(target=lambda: seen.extend([errands.hook(), errands.ahead(started[0], _with_value)]))
        other.start()
        other.join()
        assert seen == [None, None]  # (another thread: no hook, nothing asked of this thread's process)
        assert task_result(started) == 5 and kept()
    with spared():
        assert errands.hook() is None  # (the hook ended with its spared)


def test_a_request_over_the_pipes_room_is_not_asked_ahead() -> None:
    with spared():
        started = fork_task(lambda: 6)
        read, write = os.pipe()
        try:
            room = errands._room(write)
        finally:
            errands.close_fds(read, write)
        assert errands.ahead(started[0], _with_value, b"x" * room) is None  # (it would wait for the other)
        assert task_result(started) == 6 and kept()
