"""The one logging setup. Library code logs to ``LOGGER``; the CLI decides what is shown.

Levels: WARNING for things an editor must act on (overset, missing glyphs,
loose lines); INFO for the render summary; DEBUG for timings.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

LOGGER = logging.getLogger("banmian")
_WHERE: contextvars.ContextVar[str] = contextvars.ContextVar("banmian_where", default="")


@contextlib.contextmanager
def placing(page: int, block: str) -> Iterator[None]:
    """While a block is laid out, ``where()`` names it, for warnings raised below the flow
    (the text engine does not know which block it sets)."""
    token = _WHERE.set(f"page {page}, block {block!r}")
    try:
        yield
    finally:
        _WHERE.reset(token)


def where() -> str:
    """``page N, block 'id'`` of the block being laid out, or "" outside one."""
    return _WHERE.get()


def configure(quiet: bool = False) -> None:
    """Send banmian's log records to stderr as plain lines (warnings only if quiet); a warning given
    once a process (``ONCE``) is written once however many processes gave it."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    handler.addFilter(_Once())
    LOGGER.handlers[:] = [handler]
    LOGGER.setLevel(logging.WARNING if quiet else logging.INFO)
    LOGGER.propagate = False


@contextlib.contextmanager
def naming(source: Path) -> Iterator[None]:
    """While an issue is read and laid out, its warnings name its file (``WARNING: x.yaml: …``)."""
    formats = [(h, h.formatter) for h in LOGGER.handlers]
    name = str(source).replace("%", "%%")
    for handler, _ in formats:
        handler.setFormatter(logging.Formatter(f"%(levelname)s: {name}: %(message)s"))
    try:
        yield
    finally:
        for handler, formatter in formats:
            handler.setFormatter(formatter)


#: A record's attribute naming a warning given once a process (``LOGGER.warning(…, extra={ONCE: key})``:
#: an optional font not installed), so that the command writes it once when the worker processes that
#: lay out a long issue's pages each gave it.
ONCE = "once"
Said = tuple[int, str, str]  # a kept record: its level, its message and its ``ONCE`` key ("" if none)


class _Once(logging.Filter):
    """A handler's filter: a record with a ``ONCE`` key passes the first time only."""

    def __init__(self) -> None:
        super().__init__()
        self.passed: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        key = getattr(record, ONCE, "")
        if key in self.passed:
            return False
        if key:
            self.passed.add(key)
        return True


class Keep(logging.Handler):
    """A handler that appends each record's (level, message, ``ONCE`` key) to the list it is given."""

    def __init__(self, said: list[Said]) -> None:
        super().__init__()
        self.said = said

    def emit(self, record: logging.LogRecord) -> None:
        self.said.append((record.levelno, record.getMessage(), getattr(record, ONCE, "")))


@contextlib.contextmanager
def kept() -> Iterator[list[Said]]:
    """While it lasts, banmian's log records are kept, not written: the list it gives fills with
    each record's (level, message, ``ONCE`` key), for a worker process to hand its parent, which
    writes them with ``replay`` where one process would have written them."""
    said: list[Said] = []
    handlers, propagate = LOGGER.handlers, LOGGER.propagate
    LOGGER.handlers, LOGGER.propagate = [Keep(said)], False
    try:
        yield said
    finally:
        LOGGER.handlers, LOGGER.propagate = handlers, propagate


def replay(said: list[Said]) -> None:
    """Write kept records (``kept``) as they would have been written when they were given."""
    for level, message, key in said:
        LOGGER.log(level, "%s", message, extra={ONCE: key})
