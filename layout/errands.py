"""A forked task's process kept after its task for one errand, while a command asks for it.

In:  ``layout.workers.fork_task`` and ``task_result`` (which call the hooks below: ``pipes``,
     ``forked``, ``in_child``, ``serve``, ``keep``, ``forget``), and ``spared`` around a command's work.
Out: while ``spared`` lasts, in the thread that entered it, the process of the task ``fork_task``
     forked last stays, once ``task_result`` has read its result, waiting for one ``errand``: work handed
     to it pickled (a module's function, by reference, and its arguments), done there while this process
     goes on; the function ``errand`` returns waits for its outcome. An errand may also be asked ``ahead``,
     while the task still runs: done there as soon as the result is written, handed what the task returned.
     Every process kept or asked is ended and reaped: one waiting, when the next task is forked or read;
     any, by ``release``, when ``spared`` ends, however it ends (``end_task`` forgets its own); one that wrote
     an errand's whole outcome exits by itself, and is reaped by ``release`` too (its exit, about a millisecond
     of a page's render, is not waited for where the outcome is read, in the thread ``spared`` lasts in). ``hook``:
     what ``spared`` was given, for the work that asks (the render command's ``render.programs.Early``).

Why: the process ``layout.blockfork`` forks to set some of a page's stories has finished them by the
time the page is drawn; kept (or asked ahead, as soon as this process has set its own), it makes the body
face's font program meanwhile (``layout.render.programs``), where a process forked for that alone cost more
than it saved (its fork and the pages it copies).

Messages are framed by their length, so no reader waits for a pipe another process holds open (and every
forked process closes its copies of the kept processes' pipes). Not for threads at once: ``spared`` in a
thread while another thread's lasts keeps nothing for it. A Ctrl-C at some lines may leave a process kept
out of these lists: the kernel ends it with this process (``workers.start_worker``).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from typing import Any

Kept = list[int]  # a process: its id, its errand pipe's writing end (-1 once sent), its answer pipe's reading end
_OWNER = [0]  # the thread ``spared`` lasts in (0: none)
_RUNNING: dict[int, Kept] = {}  # processes forked while ``spared`` lasts, their task's result not read yet
_KEPT: list[Kept] = []  # the process kept, waiting for an errand
_ASKED: list[Kept] = []  # processes given an errand whose outcome is not read yet
_ENDING: list[int] = []  # processes that wrote their errand's outcome, ending by themselves: reaped by ``release``
_HOOK: list[Callable[..., object] | None] = [None]  # what ``spared`` was given (``hook``)


@contextlib.contextmanager
def spared(hook: Callable[..., object] | None = None) -> Iterator[None]:
    """While it lasts (in this thread), the process ``fork_task`` forked last is kept for one errand once its
    result is read; when it ends, every process kept or forked meanwhile is ended and reaped (``release``).
    ``hook``, if given, is what ``hook()`` returns meanwhile (the render command's: a font program asked for
    ``ahead``, ``layout.render.programs.Early``)."""
    if _OWNER[0] not in (0, threading.get_ident()):  # (another thread's lasts: nothing kept for this one)
        yield
        return
    was, had = _OWNER[0], _HOOK[0]
    try:
        _OWNER[0], _HOOK[0] = threading.get_ident(), hook if hook is not None else had
        yield
    finally:
        _OWNER[0], _HOOK[0] = was, had
        if not was:  # (the outermost: every process kept or forked meanwhile ended)
            release()


def hook() -> Callable[..., object] | None:
    """The ``hook`` the ``spared`` lasting in this thread was given (None: none, or none lasts here)."""
    return _HOOK[0] if _OWNER[0] == threading.get_ident() else None


def pipes() -> tuple[int, ...]:
    """For ``fork_task``, before it forks: the errand's pipes (request: read, write; answer: read, write) when
    ``spared`` lasts in this thread, else (); the process kept before is ended first. When a pipe cannot be
    made (``OSError``), none stays open."""
    if _OWNER[0] != threading.get_ident():
        return ()
    _end_all(_KEPT)
    made: list[int] = []
    try:
        made += os.pipe()
        made += os.pipe()
    except OSError:
        close_fds(*made)
        raise
    return tuple(made)


def forked(pid: int, pipes: tuple[int, ...]) -> None:
    """In this process, after forking ``pid`` with ``pipes``: the child's ends closed, the process noted."""
    if pipes:
        close_fds(pipes[0], pipes[3])
        _RUNNING[pid] = [pid, pipes[1], pipes[2]]


def in_child(pipes: tuple[int, ...]) -> None:
    """In the process ``fork_task`` forked, first: the parent's ends of its own pipes closed (the other
    processes' pipes were closed as it was forked: ``_forgotten``)."""
    close_fds(*pipes[1:3])


def _forgotten() -> None:
    """In any process just forked (``os.register_at_fork``: a pool's worker, a make-up's search, a task): its
    copies of the kept processes' pipes closed and nothing kept by it; ``spared`` lasts in none of its threads."""
    close_fds(*(fd for kept in [*_RUNNING.values(), *_KEPT, *_ASKED] for fd in kept[1:]))
    _RUNNING.clear()
    _KEPT.clear()
    _ASKED.clear()
    _ENDING.clear()
    _OWNER[0], _HOOK[0] = 0, None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forgotten)


def serve(pipes: tuple[int, ...], value: Any = None) -> None:
    """In the forked process, after it wrote its result (its task returned ``value``): the errand read from its
    pipe (none when the pipe closes with none: it was released), done (an errand asked ``ahead`` is handed
    ``value`` first), and its outcome or error written back."""
    if not pipes:
        return
    from layout.workers import dumps, loads  # (pickle's C part: imported with the fork)

    data = _receive(pipes[0])
    if not data:
        return
    try:
        job, args, given = loads(data)
        outcome: tuple[bool, Any] = (True, job(value, *args) if given else job(*args))
    except BaseException as e:  # (the parent raises it, or does the work itself)
        outcome = (False, e)
    try:
        data = dumps(outcome)
    except Exception as e:
        data = dumps((False, RuntimeError(f"an errand's outcome does not pickle: {e}")))
    _send(pipes[3], data)


def keep(pid: int) -> bool:
    """For ``task_result``, its result read: whether process ``pid`` (forked while ``spared`` lasts) was asked
    an errand ``ahead`` (its outcome read already or not) or is now kept, waiting for one (not to be waited for
    either way); when it is kept, the process kept before is ended."""
    if pid in _ENDING or any(k[0] == pid for k in _ASKED):  # (asked ``ahead``: reaped once its errand's outcome
        return True  # is read, or, read in the thread ``spared`` lasts in (``_ENDING``), by ``release``)
    kept = _RUNNING.pop(pid, None)
    if kept is None:
        return False
    _end_all(_KEPT)
    _KEPT.append(kept)
    return True


def forget(pid: int) -> None:
    """Process ``pid`` neither kept, asked nor running any more (it ended, or is ended by the caller): its errand
    pipes closed (an errand's outcome asked of it then raises ``ChildProcessError``)."""
    found = [_RUNNING.pop(pid)] if pid in _RUNNING else []
    if pid in _ENDING:  # (reaped by the caller: ``release`` must not kill its number again)
        _ENDING.remove(pid)
    for listed in (_KEPT, _ASKED):
        found += [k for k in listed if k[0] == pid]
        listed[:] = [k for k in listed if k[0] != pid]
    for gone in found:
        close_fds(*gone[1:])


def kept() -> bool:
    """Whether a process is kept, waiting for an errand of this thread's."""
    return bool(_KEPT) and _OWNER[0] == threading.get_ident()


def errand(job: Callable[..., Any], *args: Any) -> Callable[[], Any] | None:
    """``job(*args)`` handed to the process kept, done there while this one goes on: a function that waits
    for its outcome and returns it (raising the exception it raised there; ``ChildProcessError`` when the
    process died, when the errand ended there otherwise (an exit, an interruption), or when it is called
    again). None when no process is kept: the caller does the work itself."""
    if not kept():
        return None
    from layout.workers import dumps  # (pickle's C part: imported with the fork)

    data = dumps((job, args, False))  # (one that does not pickle raises here, the process still kept)
    return _ask(_KEPT.pop(), data)


def ahead(pid: int, job: Callable[..., Any], *args: Any) -> Callable[[], Any] | None:
    """``job(value, *args)`` handed to process ``pid``, forked while ``spared`` lasts in this thread and its task's
    result not read yet, done there once it has written that result (``value``: what its task returned) while
    this process goes on: the function that waits for its outcome, as ``errand``'s (the process is then not
    kept). None when ``pid`` is not such a process, when the request does not pickle, or when it would not fit in
    its pipe at once (this process writes it before reading the result the other writes: neither may wait for
    the other; the size of a pipe is read on Linux only, elsewhere ``PIPE_LEAST`` bytes, which few requests
    fit). Read the task's result (``task_result``) before waiting for the outcome: the other process writes
    its result first, and waits while its pipe is full."""
    kept = _RUNNING.get(pid)
    if kept is None or _OWNER[0] != threading.get_ident():
        return None
    from layout.workers import dumps  # (pickle's C part: imported with the fork)

    try:
        data = dumps((job, args, True))
    except Exception:  # (one that does not pickle: not asked, the process as it was)
        return None
    if len(data) + _HEAD > _room(kept[1]):
        return None
    del _RUNNING[pid]
    return _ask(kept, data, running=True)


#: Bytes every pipe takes at once (POSIX's least ``PIPE_BUF``): where the system tells no pipe's size.
PIPE_LEAST = 512


def _room(fd: int) -> int:
    """Bytes the pipe ``fd`` (empty) takes without its writer waiting: its size where the system tells it
    (Linux), else ``PIPE_LEAST``."""
    try:
        import fcntl

        return int(fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ))
    except (ImportError, AttributeError, OSError, ValueError):
        return PIPE_LEAST


def _ask(asked: Kept, data: bytes, running: bool = False) -> Callable[[], Any] | None:
    """The request ``data`` sent to the process ``asked``, which now counts as asked (``release`` ends it): the
    function that waits for its outcome; None when it died (then ended, or, ``running`` its task, left to
    ``task_result`` to reap, as a process neither kept nor asked)."""
    from layout.workers import UnpicklingError, loads  # (pickle's C part: imported with the fork)

    request, asked[1] = asked[1], -1
    _ASKED.append(asked)  # (from now on ``release`` ends it, whatever happens)
    try:
        _send(request, data)  # (the pipe closed, sent or not)
    except OSError:  # (it died: a broken pipe)
        _unask(asked)
        if running:  # (in no list: ``task_result`` reaps it as a process not kept)
            close_fds(asked[2])
        else:
            _end_all([asked])
        return None

    def outcome() -> Any:
        if not any(k is asked for k in _ASKED):
            raise ChildProcessError("an errand's outcome was read already, or its process was ended")
        data = b""
        try:
            data = _receive(asked[2])
        finally:
            _unask(asked)
            if data and _OWNER[0] == threading.get_ident():  # (its whole outcome read: it is ending by itself,
                _ENDING.append(asked[0])  # its exit is not waited for here but when ``spared`` ends: ``release``)
            else:
                if not data:
                    _kill(asked[0])
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(asked[0], 0)
        try:
            ok, value = loads(data)
        except (EOFError, UnpicklingError, ValueError) as e:
            raise ChildProcessError("a kept process ended without its errand's outcome") from e
        if not ok:  # (what it raised there; an exit or other interruption there, as a process that died)
            if isinstance(value, Exception):
                raise value
            raise ChildProcessError(f"an errand ended there: {value!r}") from value
        return value

    return outcome


def _unask(asked: Kept) -> None:
    """``asked`` out of the list of processes asked (its outcome read, or it died)."""
    _ASKED[:] = [k for k in _ASKED if k is not asked]


def release() -> None:
    """End and reap every process kept, asked or forked while ``spared`` lasted, and those that wrote their
    errand's outcome (``_ENDING``: ended first too, should one not have exited)."""
    _end_all(list(_RUNNING.values()))
    _RUNNING.clear()
    _end_all(_KEPT)
    _end_all(_ASKED)
    _end_all([[pid, -1, -1] for pid in _ENDING])  # (its pipes closed already)
    _ENDING.clear()


def _end_all(processes: list[Kept]) -> None:
    """Each of ``processes`` killed, its pipes closed, reaped; the list emptied."""
    while processes:
        pid, request, answer = processes.pop()
        _kill(pid)
        close_fds(request, answer)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


_HEAD = 8  # bytes of a message's length, before it (``_send``)


def _send(fd: int, data: bytes) -> None:
    """``data`` written to the pipe ``fd`` after its length (``_HEAD`` bytes, little-endian), and the pipe
    closed."""
    with os.fdopen(fd, "wb") as stream:
        stream.write(len(data).to_bytes(_HEAD, "little") + data)


def _receive(fd: int) -> bytes:
    """What ``_send`` wrote to the pipe ``fd`` (b"" when it closed first, or sent less), the pipe closed."""
    with os.fdopen(fd, "rb") as stream:
        head = stream.read(_HEAD)
        size = int.from_bytes(head, "little") if len(head) == _HEAD else -1
        data = stream.read(size) if size >= 0 else b""
    return data if len(data) == size else b""


def _kill(pid: int) -> None:
    """Send SIGKILL to process ``pid`` (gone already: nothing)."""
    from layout.workers import _kill as kill  # (imported with the fork that made it)

    kill(pid)


def close_fds(*fds: int) -> None:
    """Close each of ``fds`` (one closed already, or -1: nothing)."""
    for fd in fds:
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)
