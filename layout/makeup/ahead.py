"""A page's second searches started ahead, in forked processes, while its first search goes on.

In:  a page's own first ``Search`` (``layout.makeup.search``; in ``AHEAD``, put there by
     ``pages.search_page`` when the command may use more than one process and the page is searched in
     this one), and the best layout of its three passes.
Out: ``start`` asks for the second searches that layout says the page will likely need
     (``fallback.wider``'s and ``opened.open_search``'s for a page left overset, ``fallback.goal``'s for
     one past the fill goal, and for either the page's search made again with its narrow photos' wraps,
     ``wrapped.again``'s, when that gives it more variants: ``likely``; for a page that fits with a
     postage stamp or a ribbon, the search made again weighing them, ``shapes.again``'s), forking a process for as many
     as may run at once and queueing the others; ``take`` gives ``fallback.search_again`` (and
     ``wrapped.again``, ``shapes.again``) the layout such a process found, waiting for it; ``stop`` ends those nobody
     asked for and forgets those queued (the retry's layout no longer needs them, or the page is laid
     out).

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
then the process is ended unasked, its processor time spent for nothing.
The search made again with ``wrap_all`` (``wrapped``) is the page's own search reset (``Search.reset``):
a function of the page and its stories too (its tables are ``tables.Pure``'s, its other state made
afresh), so it runs ahead the same way (``remade``), beside the retry, where it ran after it and the
band search (the poor test plan with a lead photo: some 5 s of its 9.5).

No more run at once than the command's processes (``--jobs``): while this one runs the retry, one fewer.
They were all forked at once, two or three beside the retry on two cores, so the retry (the page's own
work, which decides whether they are needed at all) ran at half speed, and on a page the retry mends
(held-out plan 16, eight stories) two processor-hungry guesses were ended unasked: two processes were
slower than one. The others wait (``QUEUED``) and are forked as a process ends or is collected
(``take``), or once the retry's layout says they are still needed. A process counts as running until this
one has read its pipe to the end (``running``: it has written its layout whole, or died): while this one
only waits for one search (``take``), it reads every pipe as it is written to, and when another process
ends there, it forks the next queued search asked for after the one waited for in its core (``ASKED``:
those asked for before it never will be; they are dropped, or ended if started). They were forked only as
layouts were collected, so a core stood idle while a process that had ended long before waited to be
collected (held-out plan 1007, eight stories: the page made again with its wraps ended at 1.2 s; the open
search, queued, was forked only at 2.0 s, when the wider one was collected, and ran alone to 3.0 s; now it
runs beside the wider one: 3.3 → 2.5 s whole, the same issue). The search weighing shapes goes
first: the retry does not price a stamp or a ribbon (the page's own search prices neither), so a page
whose passes' layout fits with one mostly keeps it after the retry, while the other guesses are what the
retry mends (a page past the fill goal). Held-out plan 16 (eight stories): its search weighing shapes
waited behind two such guesses, was forked only once the retry had proved them wrong, and then ran alone
while this process waited: 1.68 → 1.42 s whole, the same issue. Then the page made again (a whole search
of the page and the steps after it, the longest of them). The search weighing shapes is the same whichever way
the page was searched (``shapes.remade`` makes it afresh), so the page made again with its wraps ends the
others but not it (``wrapped``; held-out plan 47, whose layout comes from that search: 0.74 → 0.61 s). A
forked process starts none of its own: it is one of the command's. But when this one only waits for it (no
retry to run, no other second search asked for: ``_fork``'s ``alone``), the core this one leaves idle is the
forked process's: the passes of the searches it runs fork their third pass (``SPARE``, ``may_fork``; the same
layouts either way). Held-out plan 1 and band plan 1, eight stories each, whose search weighing shapes ran
alone while this process waited: 1.09 → 1.04 s and 1.63 → 1.55 s wall, whole process, the same issues. A
process forked beside other work forks its third pass too when a processor is free, within the command's
processes, as the pass starts (``FORKED``, ``workers.idle_core``): the other work may have ended meanwhile
(held-out plan 1038, eight stories: the wider search ran on alone once the page made again with its wraps
had ended; 2.88 → 2.71 s with the change above). The page made again with its wraps writes first whether its
layout after its own retry is settled, and its cost (``tell``, ``told``): ``wrapped.early`` takes that layout
before the page's wider and open searches when it is, does not wait for that search's own second searches
when it is not, and ends the process when that layout, not settled, costs no less than the page's own after
its retry (``dropped``: its core goes to the next queued search). The retry's layout may say the page made
again is not needed when the page's final layout, after the later steps, asks for it after all; it is then
searched here (the same layout, later).
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from layout.makeup import reach, shapes
from layout.makeup.cost import PLAIN, Limits
from layout.makeup.opened import OPEN

if TYPE_CHECKING:
    from layout.makeup.search import Search, Solution

Kind = tuple[str, Limits, bool]  # the second search ("wide", "bands", "wrapped", "shapes"), limits, clash_ok
WRAPPED: Kind = ("wrapped", PLAIN, False)  # the search itself made again with ``wrap_all`` (``wrapped.again``)
BANDS: Kind = ("bands", PLAIN, False)  # the page searched again without the band price (``fallback.goal``)
SHAPES: Kind = ("shapes", PLAIN, False)  # the search made again weighing stamps and ribbons (``shapes``)
AHEAD: WeakKeyDictionary[Search, int] = WeakKeyDictionary()  # the searches whose second searches may be
# started ahead, and how many processes the command may use (``--jobs``)
PENDING: WeakKeyDictionary[Search, dict[Kind, tuple[int, int]]] = WeakKeyDictionary()  # (process id, pipe)
QUEUED: WeakKeyDictionary[Search, list[Kind]] = WeakKeyDictionary()  # wanted, not started: no process free
SPARE = False  # a forked process the process that forked it only waits for: a core spare (``_fork``, ``may_fork``)
FORKED = 0  # this process was forked here (``_fork``): one of the command's, which may use as many processes
VERDICT: int | None = None  # in a process forked here, the pipe its verdict is written to first (``tell``)
READ: dict[int, bytearray] = {}  # what this process has read so far of each pipe of ``PENDING`` (by its descriptor)
HEADER = 9  # the bytes of a verdict (``tell``): b"S" (settled) or b"U", then the layout's cost, a double
ENDED: set[int] = set()  # those pipes read to their end: their process has written its layout whole, or died
#: The order in which the steps of one ``Search.run`` ask for the second searches (``take``): once one is asked
#: for, those before it that were not never will be (a search run again, ``Search.reset``, queues its own afresh:
#: ``start``). But ``wrapped.early`` asks for the page made again before the others, keeping them (``keep``):
#: when it does not take that layout, the page asks for them in this order.
ASKED: tuple[Kind, ...] = (("wide", PLAIN, False), ("wide", OPEN, True), BANDS, WRAPPED, SHAPES)


def start(search: Search, best: Solution, busy: bool = False) -> None:
    """Fork the second searches ``best`` (the passes' layout of ``search``, or the retry's) says the page
    will likely need (module docstring), the search weighing shapes first (``SHAPES``: the retry does not
    price its reason), then the longest (the page made again, ``WRAPPED``), then in the order the page asks
    for them, no more at once than the processes the command may use, less the one this process takes while
    it is ``busy`` (the retry to run); the others wait in ``QUEUED`` for a process to end or be collected
    (``take``). Called again with the retry's layout, it ends those that layout no longer needs. Nothing for
    a search not in ``AHEAD``."""
    from layout.makeup.fallback import GOAL, page_fill
    from layout.makeup.opened import could_fit

    if search not in AHEAD or best.cost == float("inf") or not hasattr(os, "fork"):
        return
    over, empty, columns = page_fill(search, best)
    kinds: list[Kind] = [("wide", PLAIN, False)] if over else [BANDS] if empty > GOAL * max(1, columns) else []
    if over and could_fit(search, best):
        kinds.append(("wide", OPEN, True))
    if likely(search, over, empty, columns):  # the page made again with its narrow photos' wraps (``wrapped``),
        kinds.insert(0, WRAPPED)  # first: a whole search of the page with the steps after it, the longest
    if shapes.wanted(search, best):  # a page that fits, with a stamp or a ribbon (``shapes``): first, as the
        kinds.insert(0, SHAPES)  # retry does not price them
    for kind in [k for k in PENDING.get(search, {}) if k not in kinds]:
        stop(search, kind)  # (a guess the retry's layout proved wrong: its process takes no core from the others)
    started = PENDING.get(search, {})  # (the call after the retry: those still needed keep running)
    QUEUED[search] = [k for k in kinds if k not in started]
    _more(search, AHEAD[search] - int(busy), not busy and len(kinds) == 1 and not started)  # (alone: ``_fork``)


def may_fork(search: Search) -> bool:
    """Whether ``search``'s passes may fork their third pass (``passes``): the page's own search (``AHEAD``),
    or any search of a forked process the process that forked it only waits for (``SPARE``); else any search
    of a process forked here (``FORKED``) when a processor is free as the third pass starts, within the
    processes the command may use (``workers.idle_core``, ``--jobs``: looked at then; a search ``_wait`` forks
    later may run beside it, one process past them for a while)."""
    if SPARE or search in AHEAD:
        return True
    if not FORKED:
        return False
    from layout.workers import idle_core

    return idle_core(FORKED)


def _more(search: Search, room: int, alone: bool = False) -> None:
    """Fork ``search``'s queued second searches, in the order queued, while fewer than ``room`` run (a
    process that has written its layout whole runs no more, ``running``); ``alone``: the one asked for, and
    this process has nothing to run beside it (``_fork``)."""
    pending, queued = PENDING.setdefault(search, {}), QUEUED.get(search, [])
    _read(search, False)  # (those that have written their layout whole meanwhile)
    while queued and running(search) < room:
        kind = queued.pop(0)
        if kind == BANDS and reach.hopeless(search):  # (``reach``: its layout could never be taken; asked
            continue  # here, so that a guess the retry proves wrong costs no bound)
        if (forked := _fork(search, kind, alone)) is not None:  # (None: no process to be had; the caller searches)
            pending[kind] = forked


def take(search: Search, kind: Kind, keep: bool = False) -> Solution | None:
    """The layout the process started for ``kind`` found (waiting for it), or None when none was started
    (or it failed: the caller searches here). The searches asked for before ``kind`` (``ASKED``) never will
    be: those queued are dropped, those started ended; but ``keep``: ``wrapped.early`` asks for the page made
    again before them, and may not take its layout. While it waits, a process started for another search
    that ends frees its core for the next queued (module docstring)."""
    from layout.makeup.fallback import CLASHED

    if kind in ASKED and not keep:  # (those asked for before it never will be: ended, or not started)
        at = ASKED.index(kind)
        for early in [k for k in PENDING.get(search, {}) if k in ASKED[:at]]:
            stop(search, early)
        if search in QUEUED:  # (not started: asked for here first)
            QUEUED[search] = [k for k in QUEUED[search] if k in ASKED[at + 1:]]
    started = PENDING.get(search, {}).get(kind)
    if started is None:
        return None
    pid, pipe = started
    _wait(search, pipe)
    del PENDING[search][kind]
    data = _closed(pipe)[HEADER:]  # (its verdict first: ``told``)
    _, status = os.waitpid(pid, 0)
    if search in AHEAD and (keep or kind not in (WRAPPED, SHAPES)):  # (a process free: the next asked for,
        _more(search, AHEAD[search] - 1)  # beside this one's work; none after the last steps to ask, but the page
        # made again taken early, ``keep``: the wider and open searches may follow)
    if not data or os.waitstatus_to_exitcode(status):  # (it failed or was killed: a layout half written)
        return None
    try:
        found, clashed = pickle.loads(data)
    except Exception:  # (whatever a truncated or foreign pickle raises: the caller searches here)
        return None
    if clashed:
        CLASHED.add(search.m)
    return found


def told(search: Search, kind: Kind) -> tuple[bool, float] | None:
    """Whether the process started for ``kind`` (``WRAPPED``) found its layout settled after its retry, and
    that layout's cost (``tell``: the verdict it writes first), waiting only for that; None when none was
    started, or it died before telling."""
    started = PENDING.get(search, {}).get(kind)
    if started is None:
        return None
    _wait(search, started[1], True)
    heard = bytes(READ.get(started[1], b"")[:HEADER])
    return (heard[:1] == b"S", struct.unpack("<d", heard[1:])[0]) if len(heard) == HEADER else None


def tell(settled: bool, cost: float = float("inf")) -> None:
    """In a process forked here (``VERDICT``): write whether its search's layout is settled after its retry,
    and its ``cost`` (``told``), once, ahead of the layout. Only the page made again with its wraps tells
    (``wrapped.tell``); a process forked for another search writes not settled (at an infinite cost) as it
    writes its layout (``_fork``), so that every pipe starts with a verdict (``HEADER`` bytes: ``take`` strips
    them)."""
    global VERDICT
    if VERDICT is not None:
        os.write(VERDICT, (b"S" if settled else b"U") + struct.pack("<d", cost))
        VERDICT = None


def dropped(search: Search, kind: Kind) -> None:
    """End the process started for ``kind``, whose layout will never be asked for (``wrapped.early``), and fork
    the next queued searches in its core, as many running as the command's processes: this process goes on to
    wait for the searches it asks for next (the page's wider one)."""
    stop(search, kind)
    if search in AHEAD:
        _more(search, AHEAD[search])


def stop(search: Search, kind: Kind | None = None, keep: Kind | None = None) -> None:
    """End the processes started for ``search`` that nobody asked for (``kind``: that one only, once it is
    known that nobody will, so that it takes no processor from the others; else all but ``keep``), and
    forget those not started."""
    queued = QUEUED.get(search, [])
    queued[:] = [k for k in queued if kind is not None and k != kind]
    pending = PENDING.get(search, {})
    for which in [kind] if kind is not None else [k for k in pending if k != keep]:
        if which in pending:
            pid, pipe = pending.pop(which)
            os.kill(pid, signal.SIGKILL)
            _closed(pipe)
            os.waitpid(pid, 0)
    if not pending:
        PENDING.pop(search, None)


def running(search: Search) -> int:
    """How many of the processes started for ``search`` are still at work: not those whose pipe this process
    has read to its end (``_read``; they have written their layout whole, or died)."""
    return sum(pipe not in ENDED for _, pipe in PENDING.get(search, {}).values())


def _read(search: Search, wait: bool) -> None:
    """Read what the processes started for ``search`` have written to their pipes (``READ``) and note those read
    to their end (``ENDED``): waiting until one has written (``wait``), or only what is there. A process
    whose layout is larger than its pipe holds so writes it whole while this one waits for another."""
    pipes = [pipe for _, pipe in PENDING.get(search, {}).values() if pipe not in ENDED]
    if not pipes:
        return
    poll = select.poll()
    for pipe in pipes:
        poll.register(pipe, select.POLLIN)
    for pipe, event in poll.poll(None if wait else 0):  # (written to, or its writer gone: POLLIN, POLLHUP)
        while chunk := os.read(pipe, 1 << 16):
            READ.setdefault(pipe, bytearray()).extend(chunk)
            if not event & select.POLLHUP:  # (its writer still there: what more it writes is read later)
                break
        else:
            ENDED.add(pipe)


def _wait(search: Search, pipe: int, first: bool = False) -> None:
    """Read the pipes of ``search``'s processes (``_read``) until ``pipe`` is read to its end (``first``: until
    its verdict, ``HEADER`` bytes); when another process ends meanwhile, its core is free: the next search
    queued is forked there, as many running as the command's processes while this one only waits (``_more``)."""
    while pipe not in ENDED and not (first and len(READ.get(pipe, b"")) >= HEADER):
        was = running(search)
        _read(search, True)
        if pipe not in ENDED and search in AHEAD and running(search) < was:
            _more(search, AHEAD[search])


def _closed(pipe: int) -> bytes:
    """What was read of ``pipe`` (to its end, or as far as it was read when its process is ended), the pipe
    closed and forgotten."""
    ENDED.discard(pipe)
    os.close(pipe)
    return bytes(READ.pop(pipe, b""))


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


def _fork(search: Search, kind: Kind, alone: bool = False) -> tuple[int, int] | None:
    """A forked process that runs the second search ``kind`` of ``search`` and writes its layout (and
    whether it came from ``fallback.clashing``) to a pipe: (process id, the pipe's reading end), or None
    when the system gives no pipe or process (the search is then run here, when asked for). ``alone``: this
    process will only wait for it (no retry to run, no other second search asked for), so the one it frees
    is the forked process's to use (``SPARE``): the passes of every search it runs fork their third pass
    (``may_fork``; the same layouts either way); else they fork it when a processor is free within the
    command's processes as the pass starts (``FORKED``: how many it may use). (A later step of the page that
    searches here after all, a page made again with its wraps that the passes' layout did not ask for, or a 撞题
    searched again at its old price, ``clashes``, then runs beside the two for a while.)"""
    from layout.logger import LOGGER
    from layout.makeup.cost import NO_BANDS
    from layout.makeup.fallback import CLASHED, WIDE, search_again
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
        LOGGER.disabled = True  # (a search logs nothing; nor may a guess the parent never asks for)
        global SPARE, FORKED, VERDICT  # (but the one this process waits in, and one free within the command's
        SPARE, FORKED = alone, AHEAD.get(search, 0)  # processes as a pass starts: its passes' third pass; such a
        # pass's process, which holds ``write`` too, is reaped by ``passes.ordered`` before the layout is written)
        VERDICT = write  # (``tell``: the page made again with its wraps, as its retry ends; any other, as below)
        PENDING.clear()  # (the parent's other processes are not this one's to wait for,
        READ.clear()
        ENDED.clear()
        QUEUED.clear()  # nor to start,
        AHEAD.clear()  # and this one is one of the processes the command may use: it starts none)
        name, limits, clash_ok = kind
        was = search.m in CLASHED
        found = remade(search) if name == "wrapped" else shapes.remade(search) if name == "shapes" else \
            search_again(search, WIDE if name == "wide" else NO_BANDS, limits, clash_ok)
        tell(False)  # (a search that never told, forked for another kind: not settled, a verdict all the same)
        with os.fdopen(write, "wb") as stream:
            stream.write(pickle.dumps((found, not was and search.m in CLASHED)))
        code = 0
    finally:
        os._exit(code)
