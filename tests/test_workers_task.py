"""A task forked by ``layout.workers.fork_task``: what it returns or raises reaches the parent, and a
process that ends without its whole result (nothing written, or a pickle cut short) is reported as
``ChildProcessError`` with its exit status, never as an unpickling error, and is reaped."""

from __future__ import annotations

import os
import pickle
import sys

import pytest

from layout.workers import fork_task, task_result


def _gone(pid: int) -> bool:
    """Whether ``pid`` was reaped (no child of this process by that id is left)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _writer(data: bytes, code: int) -> tuple[int, int]:
    """A process forked by hand that writes ``data`` to a pipe and exits with ``code``: a ``Task``."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        try:
            os.close(read)
            os.write(write, data)
        finally:
            os._exit(code)
    os.close(write)
    return pid, read


def test_a_task_gives_back_what_it_returns() -> None:
    started = fork_task(lambda: {"lines": [1, 2, 3], "name": "头条"})
    assert task_result(started) == {"lines": [1, 2, 3], "name": "头条"}
    assert _gone(started[0])


def test_a_task_raises_what_it_raised() -> None:
    def fail() -> None:
        raise ValueError("（占位）measured nothing")

    started = fork_task(fail)
    with pytest.raises(ValueError, match="measured nothing"):
        task_result(started)
    assert _gone(started[0])


def test_a_process_that_wrote_nothing_is_a_child_process_error() -> None:
    started = _writer(b"", 3)
    with pytest.raises(ChildProcessError, match="exit 3"):
        task_result(started)
    assert _gone(started[0])


def test_a_result_cut_short_is_a_child_process_error() -> None:
    whole = pickle.dumps((True, list(range(5000))))
    started = _writer(whole[: len(whole) // 2], 0)
    with pytest.raises(ChildProcessError, match="without its result"):
        task_result(started)
    assert _gone(started[0])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel ends a worker with its parent on Linux")
def test_a_task_runs_no_thread_where_the_kernel_ends_it_with_its_parent() -> None:
    """On Linux a worker dies with its parent by the kernel's signal, so it starts no thread to watch for it:
    a task may fork a task of its own (a make-up's forked search forks its passes' third pass), and a process
    running threads is not to be forked. The task's own task runs too."""
    import threading

    def nested() -> tuple[int, int]:
        return threading.active_count(), task_result(fork_task(threading.active_count))

    assert task_result(fork_task(nested)) == (1, 1)


def test_a_fork_that_fails_leaves_no_pipe_open_and_the_signal_mask_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    before = (sorted(os.listdir("/proc/self/fd")), signal.pthread_sigmask(signal.SIG_BLOCK, []))
    monkeypatch.setattr(os, "fork", no_fork)
    with pytest.raises(BlockingIOError):
        fork_task(lambda: 1)
    assert (sorted(os.listdir("/proc/self/fd")), signal.pthread_sigmask(signal.SIG_BLOCK, [])) == before


def test_a_pool_stopped_has_its_manager_thread_ended_before_the_exit_handler_runs() -> None:
    """``stop_pool`` (an error, Ctrl-C or SIGTERM) returns with the pool's manager thread ended, its wakeup pipe
    closed: Python 3.11's exit handler then writes nothing to that pipe (written to as the thread closes it, it
    printed "Bad file descriptor" as a Ctrl-C ended the font build). A worker that takes no SIGTERM
    (one sent it before it had run at all, when the parent's handler was its own: the signal lost) is
    ended all the same."""
    import signal
    import time
    from concurrent.futures import ProcessPoolExecutor

    from layout.workers import stop_pool

    pool = ProcessPoolExecutor(max_workers=1, initializer=signal.signal, initargs=(signal.SIGTERM, signal.SIG_IGN))
    assert pool.submit(os.getpid).result() != os.getpid()  # (its initializer has run)
    pool.submit(time.sleep, 30)
    manager = pool._executor_manager_thread  # type: ignore[attr-defined]
    assert manager is not None and manager.is_alive()
    stop_pool(pool)
    assert not manager.is_alive()
