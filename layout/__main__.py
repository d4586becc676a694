"""``python -m layout`` runs the ``banmian`` command.

A command is one short process, so two of the interpreter's costs are skipped: the
young-generation collector runs every 50 000 allocations instead of every 700
(``layout.command.YOUNG``: the page's data are acyclic values freed by reference
counting), and on a normal return the process ends once its output is flushed,
without freeing every object one by one (about 20 ms after a broadsheet page). The
exit handlers still run first (``atexit``: writing the word-segmentation cache,
removing unfinished temporary files, closing logs), since ``os._exit`` would skip them. An error, or a profiler or
tracer watching (``python -m cProfile -m layout``, coverage), ends it the ordinary way.
"""

import atexit
import contextlib
import gc
import os
import sys

from layout.command import YOUNG
from layout.deferred import defer_rare

gc.set_threshold(YOUNG, 20, 20)
defer_rare()  # before logging imports traceback (layout.deferred)

import logging  # noqa: E402

from layout.cli import main  # noqa: E402 (after the collector is set: imports allocate too)

code = main()
if sys.getprofile() is not None or sys.gettrace() is not None:
    sys.exit(code)  # the profiler's report (or the tracer's) is written at interpreter exit
atexit._run_exitfuncs()  # what a normal exit runs first; os._exit below skips it
logging.shutdown()
for stream in (sys.stdout, sys.stderr):
    with contextlib.suppress(OSError, ValueError):  # a closed pipe or full disk: cli.main has said so
        stream.flush()
os._exit(code)
