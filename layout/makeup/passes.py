"""The search's second and third passes, each from what its first pass left: side by side on two cores.

In:  a ``Search`` (``layout.makeup.search``) whose first pass (the cuts in their plain order, up to
     ``FIRST_NODES`` rectangles) has run, the page's rectangle and stories, and that pass's layout.
Out: the best of that layout, the second pass's (the cuts ordered by their bound) and the third's (by
     how well the areas match), ties kept by the earlier; and whether either was cut short at its limit.

The second pass is given the first pass's cost as its budget, the third the lower of the first's and
the second's (as when they ran one after the other), and both start from the state the first left: its
count of stacked layouts, of sides searched again round a neighbour's heads (``avoid``), and the stacked
layouts it worked out (``tables.Tables``: what a count of them decides, ``TABLES``). What the third works
out is dropped after it; what the second works out is kept for the steps after them (the retry and the
searches after it). So the third does not depend on what the second worked out, only on its cost, and
where the command may use two processes and the page is searched in this one (``ahead.AHEAD``) the third
runs in a forked process, under the first's cost, while this one runs the second (when the first pass
stacked ``LARGE`` layouts or more past its limit of rectangles: a page whose first did not is searched in
a few milliseconds). When the second finds a cheaper layout than the first that process is ended and the
third runs here after the second, under its cost. With one process the third runs after the second, on a
copy of what the first left: the same layouts either way, so the made issue does not depend on
``--jobs``. What the passes also work out, the values of the page and its stories (leaf tables, bounds,
heights: pure of the search's counts and budgets), is kept where it is worked out, which changes what a
later step finds out again, not what it finds.

Why: on a page whose copy fits, the three passes are most of the make-up (held-out pages of eight and
nine stories at ``--jobs 2``: 0.34–1.1 s of 0.48–1.56 s), one after another on one core while the second
waits. The second seldom finds a layout cheaper than the first's (on one of five of those pages), so the
third's budget is known, most of the time, before the second has run. A forked process that fails, or a
system without ``fork``, gives the third pass back to this process: the same layout, later.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from typing import TYPE_CHECKING, Any

from layout.issue.model import Placement

if TYPE_CHECKING:
    from layout.makeup.search import Search, Solution

#: What a pass changes of a search's tables that its counts of stacked layouts decide (whether one is
#: worked out again, and how: ``tables.Tables.stacked_at``, ``fits``, ``partial``, ``spent``).
TABLES = ("_stacks", "_fits", "_partial", "_fits_partial", "unproven")

#: Stacked layouts the first pass made past its limit from which the third pass is worth a process of its
#: own: the issue's sample plan made 59 (its passes a few milliseconds, a forked process some 70 ms of
#: processor time, 2 % more wall time), held-out pages of eight stories whose copy fits 2 000–12 000.
LARGE = 1000

State = tuple[int, int, dict[str, dict[Any, Any]]]  # stacked layouts made, sides searched again, TABLES


def ordered(search: Search, page: Placement, ids: tuple[int, ...], first: Solution) -> tuple[Solution, bool]:
    """The best of ``first`` (the first pass's layout of ``ids`` on ``page``) and the second and third
    passes', and whether either was cut short (module docstring)."""
    from layout.makeup.ahead import AHEAD
    from layout.makeup.solution import better

    budget = first.cost + 1e-6
    left = kept(search, copy=True)  # what the first pass left (the third's start)
    large = search.stacks >= LARGE  # (the first pass far past its limit: the others take a while too)
    child = _fork(search, page, ids, budget) if large and search in AHEAD and hasattr(os, "fork") else None
    third = None
    try:
        second, short, _ = one_pass(search, 1, page, ids, budget)
        lower = min(budget, second.cost + 1e-6)  # (the second's cost, when that is lower: the third's budget)
        if child is not None and lower == budget:
            third, child = _taken(child), None
    finally:
        if child is not None:  # (its budget was not the third's, or this one was stopped: it is ended)
            _end(child)
    if third is None:  # (one process, the second cheaper, or the forked one failed: the third here)
        after = kept(search, copy=False)
        put_back(search, left)
        third = one_pass(search, 2, page, ids, lower)
        put_back(search, after)
    found, third_short, nodes = third
    _as_after(search, nodes)
    return better(better(first, second), found), short or third_short


def one_pass(search: Search, order: int, page: Placement, ids: tuple[int, ...],
             budget: float) -> tuple[Solution, bool, int]:
    """Pass ``order`` (1: the cuts by their bound, 2: by how well the areas match) of ``ids`` on ``page``
    under ``budget``: its layout (``NONE`` when none costs less), whether it passed its limit, and the
    rectangles it counted."""
    from layout.makeup.search import _BY

    search.nodes, search.ordered = 0, True
    search.limit = search.limits.nodes if order == 1 else search.limits.guess
    search._key, search.matching = _BY[order], order == 2  # (``guess`` only orders the third pass)
    found = search.solve(page, ids, False, budget)
    nodes = search.nodes
    search.memo.clear()
    return found, nodes > search.limit, nodes


def kept(search: Search, copy: bool) -> State:
    """What a pass changes that the next pass reads (module docstring): copied (``copy``), or the search's
    own tables themselves."""
    tables = search.tables
    return search.stacks, search.avoid.times, {name: dict(getattr(tables, name)) if copy else getattr(tables, name)
                                               for name in TABLES}


def put_back(search: Search, state: State) -> None:
    """Give ``search`` the ``state`` ``kept`` took."""
    search.stacks, search.avoid.times, tables = state
    for name, table in tables.items():
        setattr(search.tables, name, table)


def _as_after(search: Search, nodes: int) -> None:
    """``search`` set as the third pass leaves it (the rectangles it counted, its limit and order), for
    the steps after the passes, whichever process ran it."""
    from layout.makeup.search import _BY

    search.nodes, search.ordered, search.limit = nodes, True, search.limits.guess
    search._key, search.matching = _BY[2], True


def _fork(search: Search, page: Placement, ids: tuple[int, ...], budget: float) -> tuple[int, int] | None:
    """A forked process running the third pass and writing (layout, cut short, rectangles) to a pipe:
    (its id, the pipe's reading end), or None when the system gives no pipe or process."""
    from layout.logger import LOGGER
    from layout.workers import start_worker

    parent = os.getpid()
    try:
        read, write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid:
        os.close(write)
        return pid, read
    code = 1
    try:  # the child: never returns (exits 0 once its layout is written whole)
        os.close(read)
        start_worker(parent)
        LOGGER.disabled = True
        found = one_pass(search, 2, page, ids, budget)
        with os.fdopen(write, "wb") as stream:
            stream.write(pickle.dumps(found))
        code = 0
    finally:
        os._exit(code)


def _taken(child: tuple[int, int]) -> tuple[Solution, bool, int] | None:
    """What the forked process found, waiting for it; None when it failed (the pass is then run here)."""
    pid, pipe = child
    with os.fdopen(pipe, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    if not data or os.waitstatus_to_exitcode(status):
        return None
    try:
        found: tuple[Solution, bool, int] = pickle.loads(data)
    except Exception:  # (whatever a truncated pickle raises: the pass is run here)
        return None
    return found


def _end(child: tuple[int, int]) -> None:
    """End the forked process not yet collected (this one was stopped while it ran), and its pipe."""
    pid, pipe = child
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.close(pipe)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)
