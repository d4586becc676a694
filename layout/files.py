"""Reading input files with a bound, and writing output files so that a reader never
sees half a file.

In:  a path (and bytes to write).
Out: ``read_input``: the bytes of a regular file no larger than a limit, with
     ``InputRefused`` for a FIFO, a device, a folder or a file over the limit,
     found before a byte is read (a FIFO is opened without blocking, so it cannot
     hang the process; ``/dev/zero`` cannot fill its memory).
     ``write_atomic``: the file, written to a temporary file in the same folder
     and renamed; an ``OutputError`` naming the path if the folder is missing or
     not writable.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import stat
from pathlib import Path
from types import FrameType
from typing import Any

from layout.errors import OutputError

# The signal module's C part: ``signal`` itself adds three enum classes (about 3 M instructions at
# import) around the same calls; handlers set and read here are the same either way.
_signal: Any = __import__("_signal")


class InputRefused(Exception):
    """An input path that is not a regular file, or is larger than allowed (the message says which)."""


def _kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def read_input(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them: ``InputRefused``
    for anything else or anything larger (checked on the path, then on the opened file,
    then while reading, so a file swapped or grown meanwhile is refused too). OSError
    when it cannot be opened."""
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise InputRefused(f"{_kind(mode)}, not a file; give a regular file")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputRefused(f"{_kind(info.st_mode)}, not a file; give a regular file")
        if info.st_size > limit:
            raise InputRefused(f"the file is {info.st_size} bytes; the limit is {limit}")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputRefused(f"the file is over {limit} bytes (it grew while being read); the limit is {limit}")
    return data


#: Temporary files this process is writing: path → pid of the process that created it
#: (a forked worker inherits the table but must never remove its parent's files).
_PENDING: dict[str, int] = {}
_SUFFIX = ".part"
_LEAVING: list[int] = []  # the signal that is ending the process, once one is


def remove_pending() -> None:
    """Remove the temporary files this process has not finished (on exit, on SIGTERM)."""
    for tmp, owner in list(_PENDING.items()):
        if owner == os.getpid():
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            _PENDING.pop(tmp, None)


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    """SIGTERM: remove unfinished temporary files, then leave through SystemExit so every
    ``finally`` runs (exit status 128 + 15, as the signal's own would be); a second
    SIGTERM while leaving ends the process at once."""
    remove_pending()
    if _LEAVING:
        os._exit(128 + signum)
    _LEAVING.append(signum)
    raise SystemExit(128 + signum)


def exit_cleanly_on_sigterm() -> None:
    """Make SIGTERM an orderly exit of the command (main thread only): unfinished
    temporary files are removed and worker processes stopped; also remove them at exit."""
    if _signal.getsignal(_signal.SIGTERM) is not _on_sigterm:
        _signal.signal(_signal.SIGTERM, _on_sigterm)
        atexit.register(remove_pending)
        if hasattr(os, "register_at_fork"):  # a forked process dies of SIGTERM once this hook has run, even
            os.register_at_fork(after_in_child=_default_sigterm)  # before its initializer (one sent earlier can
            # be lost in this handler, copied by the fork: ``workers.stop_pool`` kills its workers)


def _default_sigterm() -> None:
    """In a forked child: SIGTERM back to its default action (the parent's orderly exit is not
    the child's: a worker sent SIGTERM from outside, ``kill`` on the process group or a service
    manager, dies without a traceback)."""
    _signal.signal(_signal.SIGTERM, _signal.SIG_DFL)


def _sweep(folder: Path, name: str) -> None:
    """Remove temporary files for ``name`` left in ``folder`` by a process that no longer
    runs (one killed with SIGKILL, which can run no code to remove its own)."""
    escaped = "".join(f"[{c}]" if c in "*?[" else c for c in name)  # as glob.escape (no glob import)
    for old in folder.glob(f".{escaped}.*{_SUFFIX}"):
        pid = old.name[len(name) + 2:].split(".", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                old.unlink()
        except OSError:
            pass  # alive, another user's


def current_umask() -> int:
    """The process's file-creation mask (read by setting and restoring it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder
    (``.NAME.PID.RANDOM.part``, removed on failure, on SIGTERM and at exit, and by the
    next write to ``path`` if a killed process left it)."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    try:
        _sweep(folder, path.name)
        tmp = str(folder / f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{_SUFFIX}")
        _PENDING[tmp] = os.getpid()  # before the file exists: no moment where it is untracked
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                         0o666)  # as an ordinary new file (the umask applies)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        finally:
            _PENDING.pop(tmp, None)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror})") from None
