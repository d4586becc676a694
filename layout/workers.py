"""Worker processes that never outlive the command that started them.

In:  a ``ProcessPoolExecutor`` made with ``initializer=start_worker,
     initargs=(os.getpid(),)``.
Out: workers that die with their parent however it ends (SIGKILL included), that
     leave Ctrl-C and SIGTERM to it, and ``stop_pool`` to stop them at once when the
     parent leaves early; ``forked_pool``: such a pool of forked workers as a ``with`` block;
     ``fork_task``: one task in one such forked process, without a pool (``task_result`` waits
     for what it gives back, ``end_task`` ends it early; while ``layout.errands.spared`` lasts, the
     process stays after its task for one errand); ``cores`` and ``idle_core``: how many processors
     this process may use, and whether a second one is free now.

A pool (``concurrent.futures``, imported only when one is made) starts a thread and queues in
the parent and a process that waits for work; a page of a few stories measured in two
processes needs one task forked and its result read from a pipe, which takes a few
milliseconds less to start and to end (the make-up of one page has a one-second goal).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from layout import errands

try:  # pickle's and signal's C parts: a one-page render that forks a task imports neither module (their
    from _pickle import UnpicklingError, dumps, loads  # Python parts, and ctypes, cost about 3 ms to import)
except ImportError:  # an interpreter without pickle's C part
    from pickle import UnpicklingError, dumps, loads
_signal: Any = __import__("_signal")

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

Task = tuple[int, int]  # a forked task: its process id and the reading end of its pipe

IDLE = 0.5  # of a processor: the load over a minute under which another is taken as free (no /proc)
PR_SET_PDEATHSIG = 1  # Linux prctl(2): the signal a process gets when its parent dies


def cores() -> int:
    """Processors this process may run on (Linux: its affinity), fewer when its control group's
    quota gives it less time than that (cgroup v2 ``cpu.max`` of a container: 150000 of 100000 µs
    is one processor, the half a second one gets being no free processor)."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # (not Linux)
        count = os.cpu_count() or 1
    try:
        with open("/sys/fs/cgroup/cpu.max", "rb") as stream:
            quota, period = stream.read().split()[:2]
        if quota != b"max":
            count = min(count, max(1, int(quota) // int(period)))
    except (OSError, ValueError, ZeroDivisionError):  # (no such limit, or not to be read)
        pass
    return count


def idle_core(most: int = 0) -> bool:
    """Whether a second processor is free now: fewer processes are ready to run on this machine
    than it has processors (this one among them; Linux's ``/proc/loadavg``), else, where that is
    not to be read, a load over the last minute that leaves one idle. On a busy machine the forked
    process would wait for a processor, and the page take longer than in one process. ``most``: the
    processors a command may use (``--jobs``), when fewer than the machine's (0: all the machine's; 1: none
    is free)."""
    if most == 1:
        return False
    free = min(cores(), most) if most > 0 else cores()
    try:
        with open("/proc/loadavg", "rb") as stream:
            return int(stream.read().split()[3].split(b"/")[0]) < free
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.getloadavg()[0] < free - IDLE
    except OSError:  # (no load average)
        return False


def start_worker(parent: int) -> None:
    """First thing in every worker: die with the parent (Linux: the kernel sends SIGKILL
    when it dies, even by SIGKILL; elsewhere a thread watches the parent id), and leave
    SIGINT and SIGTERM to the parent, which stops the workers itself. Where the kernel does
    it, no thread is started: a make-up's forked search may fork a process of its own
    (``layout.makeup.ahead.may_fork``), and forking a process that runs threads is unsafe
    (Python 3.12 warns of it)."""
    import ctypes  # (in the worker)

    _signal.signal(_signal.SIGINT, _signal.SIG_IGN)
    _signal.signal(_signal.SIGTERM, _signal.SIG_DFL)
    armed = False
    with contextlib.suppress(OSError, AttributeError):
        armed = ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, _signal.SIGKILL) == 0
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    if armed:
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="banmian-parent-watch", daemon=True).start()


@contextlib.contextmanager
def forked_pool(workers: int, context: BaseContext | None = None) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` forked processes (``context``: a fork context of the caller's, or a new
    one) started with ``start_worker``: stopped at once (``stop_pool``) when the body raises (an
    error, Ctrl-C, SIGTERM), shut down in order when it ends."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context or multiprocessing.get_context("fork"),
                               initializer=start_worker, initargs=(os.getpid(),))
    try:
        yield pool
    except BaseException:
        stop_pool(pool)
        raise
    pool.shutdown()


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool's workers now (the parent is leaving: an error, Ctrl-C or SIGTERM) and
    wait up to 5 s for them to be gone, so the parent may remove what they were writing. Killed
    (SIGKILL): a worker dies of SIGTERM's default action as well (``start_worker``), but one sent
    SIGTERM before it ran at all took it in the parent's handler copied by the fork, where the
    signal was lost or its SystemExit swallowed (a loaded machine: the worker lived on)."""
    processes = list(getattr(pool, "_processes", {}).values())
    for process in processes:
        process.kill()
    for process in processes:
        process.join(5.0)
    manager = getattr(pool, "_executor_manager_thread", None)  # (read first: ``shutdown`` forgets it)
    pool.shutdown(wait=False)
    if manager is not None:  # its wakeup pipe closed before the exit handler writes to it (Python 3.11's pool
        manager.join(5.0)  # races there: "Bad file descriptor" printed at SIGTERM; CPython gh-109917, gh-125451)


def fork_task(task: Callable[[], Any]) -> Task:
    """``task`` called in a forked process (started with ``start_worker``), which writes what it returns,
    or the exception it raised, pickled to a pipe and exits: its process id and the pipe's reading end.
    While ``layout.errands.spared`` lasts, the process stays after writing it, for one errand. ``OSError``
    when no process could be made (its pipes closed, the signal mask as it was)."""
    parent = os.getpid()
    read, write = os.pipe()
    try:
        pipes = errands.pipes()
    except OSError:
        errands.close_fds(read, write)
        raise
    blocked = _signal.pthread_sigmask(_signal.SIG_BLOCK, {_signal.SIGINT})  # (until the child ignores it)
    try:
        pid = os.fork()
    except BaseException:  # (no process made: EAGAIN, ENOMEM; nothing left open or blocked)
        errands.close_fds(read, write, *pipes)
        _signal.pthread_sigmask(_signal.SIG_SETMASK, blocked)
        raise
    if pid:
        os.close(write)
        errands.forked(pid, pipes)
        try:
            _signal.pthread_sigmask(_signal.SIG_SETMASK, blocked)  # (a Ctrl-C held back is raised here …)
        except BaseException:
            end_task((pid, read))  # (… the process ended first: no one would have its task)
            raise
        return pid, read
    code = 1
    try:  # the child: never returns
        os.close(read)
        errands.in_child(pipes)
        start_worker(parent)
        _signal.pthread_sigmask(_signal.SIG_SETMASK, blocked)  # (SIGINT ignored now: ``start_worker``)
        try:
            outcome: tuple[bool, Any] = (True, task())
        except BaseException as e:  # (the parent raises it)
            outcome = (False, e)
        try:
            data = dumps(outcome)
        except Exception as e:  # (an exception or value that does not pickle: said in one that does)
            data = dumps((False, RuntimeError(f"a worker's result does not pickle: {e}")))
        with os.fdopen(write, "wb") as stream:
            stream.write(data)
        errands.serve(pipes, outcome[1] if outcome[0] else None)
        code = 0
    finally:
        os._exit(code)


def task_result(started: Task) -> Any:
    """What the task ``fork_task`` started returned, once its process has ended (waiting for it) or, one kept
    (``layout.errands.spared``), has written it; the exception it raised is raised here. The process is
    reaped whatever happens (killed first when reading its result was interrupted; one kept, once released
    or its errand done, or when ``spared`` ends: ``errands.release``); one that ended without writing its whole
    result (killed, out of memory) raises ``ChildProcessError`` with its exit status."""
    pid, pipe, data, status, kept = *started, b"", 0, False
    try:
        with os.fdopen(pipe, "rb") as stream:
            data = stream.read()
    finally:  # (interrupted, Ctrl-C: the process ended and reaped all the same, none left behind)
        kept = bool(data) and errands.keep(pid)
        if not kept:
            errands.forget(pid)
            if not data:
                _kill(pid)
            _, status = os.waitpid(pid, 0)
    try:
        ok, value = loads(data)
    except (EOFError, UnpicklingError, ValueError) as e:  # (nothing, or a pickle cut short)
        if kept:  # (one kept that wrote a pickle cut short: not kept)
            errands.forget(pid)
            _kill(pid)
            _, status = os.waitpid(pid, 0)
        raise ChildProcessError(f"a worker process ended without its result "
                                f"(exit {os.waitstatus_to_exitcode(status)})") from e
    if not ok:
        raise value
    return value


def end_task(started: Task) -> None:
    """End the task ``fork_task`` started, unread (the parent is leaving early)."""
    pid, pipe = started
    errands.forget(pid)
    _kill(pid)
    errands.close_fds(pipe)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _kill(pid: int) -> None:
    """Send SIGKILL to process ``pid`` (gone already: nothing)."""
    with contextlib.suppress(OSError):
        os.kill(pid, _signal.SIGKILL)
