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

import os
import stat
import tempfile
from pathlib import Path

from layout.errors import OutputError


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


def _umask() -> int:
    """The process's file-creation mask."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary new file, not mkstemp's 0600
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror})") from None
