"""The one logging setup. Library code logs to ``LOGGER``; the CLI decides what is shown.

Levels: WARNING for things an editor must act on (overset, missing glyphs,
loose lines); INFO for the render summary; DEBUG for timings.
"""

from __future__ import annotations

import logging
import sys

LOGGER = logging.getLogger("banmian")


def configure(quiet: bool = False) -> None:
    """Send banmian's log records to stderr as plain lines (warnings only if quiet)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    LOGGER.handlers[:] = [handler]
    LOGGER.setLevel(logging.WARNING if quiet else logging.INFO)
    LOGGER.propagate = False
