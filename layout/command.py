"""The ``banmian`` console command (the script ``pyproject.toml`` names) and the collector
setting it shares with ``python -m layout``.

A command's page data are acyclic values freed by reference counting, so the
young-generation collector runs every ``YOUNG`` allocations instead of the interpreter's 700 (a
one-page render then runs none; make-up about five instead of some thirty; the long-lived
``serve`` and ``preview --watch`` too, whose memory is the pages they hold). Set only when a
command starts, never on importing ``layout`` as a library.
"""

from __future__ import annotations

import gc

#: Allocations between two young-generation collections in a command (older generations as usual).
YOUNG = 50000


def run() -> int:
    """``banmian``: the collector set for a command, then ``layout.cli.main`` (its exit code)."""
    gc.set_threshold(YOUNG, 20, 20)
    from layout.deferred import defer_rare

    defer_rare()  # before layout.cli imports logging, which imports traceback
    from layout.cli import main  # after the collector is set: imports allocate too

    return main()
