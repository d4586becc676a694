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
    """Send banmian's log records to stderr as plain lines (warnings only if quiet)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
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
