"""A page's second searches started ahead, in forked processes, while its first search goes on.

In:  a page's own first ``Search`` (``layout.makeup.search``; in ``AHEAD``, put there by
     ``pages.search_page`` when the command may use more than one process and the page is searched in
     this one), and the best layout of its three passes.
Out: ``start`` forks a process for each second search that layout says the page will likely need
     (``fallback.wider``'s and ``opened.open_search``'s for a page left overset, ``fallback.goal``'s for
     one past the fill goal, and for either the page's search made again with its narrow photos' wraps,
     ``wrapped.again``'s, when that gives it more variants: ``likely``); ``take`` gives
     ``fallback.search_again`` (and ``wrapped.again``) the layout such a process found,
     waiting for it; ``stop`` ends those nobody asked for (the retry mended the page, or the guess was
     wrong) once the page is laid out.

Why: on an unseen page that the copy only just fills, the first search's retry (``retry``) and the
second searches that follow it are most of the time (held-out near-full eight-story pages: 8–15 s of
CPU, some two fifths of it the second searches), one after another in one process while the
other core of the two the goal is set for waits. A second search is a function of the page and its
stories alone, never of the first search's layout (``fallback.search_again`` makes a new ``Search`` of
the same measurer, stories, fixed blocks and banned places; the tables it shares, ``tables.Pure``, are
values worked out the same whichever search asks first): only whether it runs, and whether its layout
is taken (``fallback.taken``), depend on the first. So a forked process finds the very layout the
search would find here afterwards, and the made issue is the same. What a second search changes that
a later step reads (``fallback.CLASHED``: the page's own layout came from ``clashing``) comes back with
its layout. A guess is the passes' layout's fill (``fallback.page_fill``); the retry may mend it, and
then the process is ended unasked, its processor time spent for nothing (the wall time is not longer).
The search made again with ``wrap_all`` (``wrapped``) is the page's own search reset (``Search.reset``):
a function of the page and its stories too (its tables are ``tables.Pure``'s, its other state made
afresh), so it runs ahead the same way (``remade``), beside the retry and the band search, where it ran
after them (the poor test plan with a lead photo: some 5 s of its 9.5).
"""

from __future__ import annotations

import os
import pickle
import signal
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary, WeakSet

from layout.makeup import reach
from layout.makeup.cost import PLAIN, Limits

if TYPE_CHECKING:
    from layout.makeup.search import Search, Solution

Kind = tuple[str, Limits, bool]  # which second search: "wide", "bands" or "wrapped", its limits, ``clash_ok``
WRAPPED: Kind = ("wrapped", PLAIN, False)  # the search itself made again with ``wrap_all`` (``wrapped.again``)
AHEAD: WeakSet[Search] = WeakSet()  # the searches whose second searches may be started ahead
PENDING: WeakKeyDictionary[Search, dict[Kind, tuple[int, int]]] = WeakKeyDictionary()  # (process id, pipe)


def start(search: Search, best: Solution) -> None:
    """Fork the second searches ``best`` (the passes' layout of ``search``) says the page will likely need
    (module docstring); nothing for a search not in ``AHEAD``."""
    from layout.makeup.fallback import GOAL, page_fill
    from layout.makeup.opened import OPEN, could_fit

    if search not in AHEAD or best.cost == float("inf") or not hasattr(os, "fork"):
        return
    over, empty, columns = page_fill(search, best)
    kinds: list[Kind] = [("wide", PLAIN, False)] if over else [("bands", PLAIN, False)] if \
        empty > GOAL * max(1, columns) and not reach.hopeless(search) else []  # (``reach``: none could be taken)
    if over and could_fit(search, best):
        kinds.append(("wide", OPEN, True))
    if likely(search, over, empty, columns):  # the page made again with its narrow photos' wraps (``wrapped``)
        kinds.append(WRAPPED)
    pending = PENDING.setdefault(search, {})  # (a search run again, ``lastresort``, keeps those it started)
    for kind in kinds:
        if kind not in pending:
            pending[kind] = _fork(search, kind)


def take(search: Search, kind: Kind) -> Solution | None:
    """The layout the process started for ``kind`` found (waiting for it), or None when none was started
    (or it failed: the caller searches here)."""
    from layout.makeup.fallback import CLASHED

    started = PENDING.get(search, {}).pop(kind, None)
    if started is None:
        return None
    pid, pipe = started
    with os.fdopen(pipe, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    if not data or os.waitstatus_to_exitcode(status):  # (it failed or was killed: a layout half written)
        return None
    try:
        found, clashed = pickle.loads(data)
    except Exception:  # (whatever a truncated or foreign pickle raises: the caller searches here)
        return None
    if clashed:
        CLASHED.add(search.m)
    return found


def stop(search: Search, kind: Kind | None = None) -> None:
    """End the processes started for ``search`` that nobody asked for (``kind``: that one only, once it is
    known that nobody will, so that it takes no processor from the others)."""
    pending = PENDING.get(search, {})
    for which in [kind] if kind is not None else list(pending):
        if which in pending:
            pid, pipe = pending.pop(which)
            os.kill(pid, signal.SIGKILL)
            os.close(pipe)
            os.waitpid(pid, 0)
    if not pending:
        PENDING.pop(search, None)


def likely(search: Search, over: int, empty: int, columns: int) -> bool:
    """Whether ``wrapped.again`` will likely search the page again with its narrow photos' wraps, by the
    passes' layout's fill (``over`` lines overset, ``empty`` lines in ``columns`` body columns): what it
    asks of the page's final layout, and of the search."""
    from layout.makeup.wrapped import searched_again, wanted

    return searched_again(search) and wanted(search, over, empty, columns)


def remade(search: Search) -> Solution:
    """``search`` made again with ``wrap_all`` and run (``wrapped.again``'s second search): its best leaves.
    In a forked process only (``search`` is left so); a run that had to seal the fixed blocks
    (``lastresort.SEALED``, which the page's later steps read) ends the process unfinished, so the
    parent searches it itself."""
    from layout.makeup.lastresort import SEALED
    from layout.makeup.wrapped import _remade

    _remade(search, True)
    search.run()
    if search in SEALED:
        os._exit(1)
    return search.solution


def _fork(search: Search, kind: Kind) -> tuple[int, int]:
    """A forked process that runs the second search ``kind`` of ``search`` and writes its layout (and
    whether it came from ``fallback.clashing``) to a pipe: (process id, the pipe's reading end)."""
    from layout.logger import LOGGER
    from layout.makeup.cost import NO_BANDS
    from layout.makeup.fallback import CLASHED, WIDE, search_again
    from layout.workers import start_worker

    parent = os.getpid()
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    code = 1
    try:  # the child: never returns (exits 0 once its layout is written whole)
        os.close(read)
        start_worker(parent)
        LOGGER.disabled = True  # (a search logs nothing; nor may a guess the parent never asks for)
        PENDING.clear()  # (the parent's other processes are not this one's to wait for)
        name, limits, clash_ok = kind
        was = search.m in CLASHED
        found = remade(search) if name == "wrapped" else search_again(search, WIDE if name == "wide" else NO_BANDS,
                                                                      limits, clash_ok)
        with os.fdopen(write, "wb") as stream:
            stream.write(pickle.dumps((found, not was and search.m in CLASHED)))
        code = 0
    finally:
        os._exit(code)
