"""``python -m layout`` runs the ``banmian`` command.

A command is one short process, so two of the interpreter's costs are skipped: the
young-generation collector runs every 10 000 allocations instead of every 700 (the
page's data are acyclic values freed by reference counting), and on a normal return
the process ends once its output is flushed, without freeing every object one by one
(about 20 ms after a broadsheet page). An error still ends it the ordinary way.
"""

import contextlib
import gc
import logging
import os
import sys

gc.set_threshold(10_000, 20, 20)

from layout.cli import main  # noqa: E402 (after the collector is set: imports allocate too)

code = main()
logging.shutdown()
for stream in (sys.stdout, sys.stderr):
    with contextlib.suppress(OSError, ValueError):  # a closed pipe or full disk: cli.main has said so
        stream.flush()
os._exit(code)
