"""Re-render when the issue file or one of its images changes (polling, standard library only).

In:  the files to watch and a callback that re-renders and returns the files to
     watch next (an edit can add or drop an image).
Out: the callback runs exactly once per change. A change is a new
     (modification time, size) of any file, or a file appearing or vanishing. It
     is acted on once the files have stayed the same for one poll (0.1 s), so
     an editor that writes a file in several steps causes one render, not one
     per step, and never a render of a half-written file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from layout.errors import BanmianError

POLL_SECONDS = 0.1
Stamp = tuple[int, int] | None  # (mtime in ns, size), None for a missing file
Snapshot = dict[Path, Stamp]


def stamp(path: Path) -> Stamp:
    """A file's modification time and size (None if it does not exist)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def snapshot(files: Iterable[Path]) -> Snapshot:
    """The stamps of several files."""
    return {f: stamp(f) for f in files}


class Watcher:
    """Polls ``files``; calls ``on_change`` once per settled change (see the module docstring).

    ``on_change`` returns the files to watch from then on, or None to keep the current ones.
    """

    def __init__(self, files: Iterable[Path], on_change: Callable[[], Iterable[Path] | None],
                 interval: float = POLL_SECONDS) -> None:
        self.files = tuple(dict.fromkeys(files))
        self.on_change, self.interval = on_change, interval
        self.seen = snapshot(self.files)
        self.pending: Snapshot | None = None
        self.changes = 0

    def poll(self) -> bool:
        """One look at the files; True if it ran ``on_change``."""
        now = snapshot(self.files)
        if now == self.seen:
            self.pending = None
            return False
        if now != self.pending:  # still changing: wait one more poll
            self.pending = now
            return False
        self.seen, self.pending = now, None
        self.changes += 1
        files = self.on_change()
        if files is not None:
            self.files = tuple(dict.fromkeys(files))
            self.seen = {f: self.seen[f] if f in self.seen else stamp(f) for f in self.files}
        return True

    def run(self, stop: threading.Event) -> None:
        """Poll every ``interval`` seconds until ``stop`` is set."""
        while not stop.wait(self.interval):
            self.poll()


def render_and_watch(source: Path, render: Callable[[], Iterable[Path]], on_error: Callable[[Exception], None],
                     stop: threading.Event, interval: float = POLL_SECONDS) -> None:
    """Run ``render`` now and after every change of the files it returned, until ``stop`` is set.

    ``render`` returns the files to watch (the issue and its images). When it
    raises (a ``BanmianError`` for a YAML mistake or a missing image; an
    ``OSError`` for an image that cannot be decoded), ``on_error`` gets the
    exception and the files watched so far, plus ``source``, stay watched.
    """
    watched: list[Path] = [source]

    def attempt() -> Iterable[Path]:
        """One render; the files to watch next."""
        nonlocal watched
        try:
            watched = [source, *render()]
        except (BanmianError, OSError, ValueError) as exc:
            on_error(exc)
        return watched

    Watcher(attempt(), attempt, interval).run(stop)
