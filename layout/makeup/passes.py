"""The search's second and third passes, each from what its first pass left: side by side on two cores.

In:  a ``Search`` (``layout.makeup.search``) whose first pass (the cuts in their plain order, up to
     ``FIRST_NODES`` rectangles) has run, the page's rectangle and stories, and that pass's layout.
Out: the best of that layout, the second pass's (the cuts ordered by their bound) and the third's (by
     how well the areas match), ties kept by the earlier; and whether either was cut short at its limit.

The second pass is given the first pass's cost as its budget (the search's ``ceiling`` when lower:
``shapes``), the third the lower of that and the second's (as when they ran one after the other), and both
start from the state the first left: its count of stacked layouts, of sides searched again round a
neighbour's heads (``avoid``), and the stacked layouts it worked out (``tables.Tables``: those a count of
them decides, ``TABLES``). What the third works out is dropped after it, what the second works out kept for
the steps after them (the retry and the searches after it); the stacked layouts and sides the third made are
counted to the page after both (as they were), so the steps after the passes see the same counts whichever
process ran it. So the third depends on the second only through its cost, and where the command may use two
processes and the page is searched in this one (``ahead.AHEAD``), or the search is one a process forked
ahead runs while the process that forked it only waits for it (``ahead.may_fork``), the third runs in a forked
process (``workers.fork_task``), under the first's cost, while this one runs the second; when the second
finds a cheaper layout that process is ended and the third runs here after the second, under its cost. A
page whose first pass counted fewer than ``LARGE`` rectangles is not forked. With one process the third runs
after the second, on a copy of what the first left: the same layouts either way, so the made issue does not
depend on ``--jobs``. What the passes also work out, the values of the page and its stories (leaf tables,
bounds, heights: pure of the search's counts and budgets), is kept where it is worked out, which changes
what a later step finds out again, not what it finds.

Why: on a page whose copy fits, the three passes are most of the make-up (held-out pages of eight and
nine stories at ``--jobs 2``: 0.34–1.1 s of 0.48–1.56 s), one after another on one core while the second
waits. On 12 of 20 such pages the second finds no layout cheaper than the first's, so the third's budget
is known before the second has run. A forked process that fails, or a system without ``fork``, gives the
third pass back to this process: the same layout, later. One cost: the third no longer starts from the
second's counts, so on a crowded page whose passes stack more than ``fallback.STACK_CALLS`` layouts it
stacks side by side where it stacked across only, more work for the same layout (a 12-story page: 4.7 →
5.1 s of processor time to the end of its passes, in one process).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from layout.issue.model import Placement
    from layout.makeup.search import Search, Solution
    from layout.workers import Task

#: Rectangles the first pass counts (past its limit of ``FIRST_NODES``) from which the third pass is worth a
#: process of its own: the issue's sample plan counted 539, its third pass some 12 ms, less than a forked
#: process costs; held-out pages of eight stories whose copy fits 1 100–3 600, their third 50–640 ms.
LARGE = 650

#: What a pass changes of a search's tables that its counts of stacked layouts decide (whether one is
#: worked out again, and how: ``tables.Tables.stacked_at``, ``fits``, ``partial``, ``spent``).
TABLES = ("_stacks", "_fits", "_partial", "_fits_partial", "unproven")

State = tuple[int, int, dict[str, dict[Any, Any]]]  # stacked layouts made, sides searched again, TABLES
Third = tuple["Solution", bool, int, int, int]  # layout, cut short, rectangles, stacked layouts and sides made


def ordered(search: Search, page: Placement, ids: tuple[int, ...], first: Solution) -> tuple[Solution, bool]:
    """The best of ``first`` (the first pass's layout of ``ids`` on ``page``) and the second and third
    passes', and whether either was cut short (module docstring)."""
    from layout.makeup.ahead import may_fork
    from layout.makeup.solution import better
    from layout.workers import end_task, task_result

    budget = min(first.cost + 1e-6, search.ceiling)
    left = kept(search, copy=True)  # what the first pass left (the third's start)
    child = _started(search, page, ids, budget) if search.nodes >= LARGE and may_fork(search) else None
    third: Third | None = None
    try:
        second, short, _ = one_pass(search, 1, page, ids, budget)
        so_far = better(first, second)
        lower = min(so_far.cost + 1e-6, budget)  # (the second's cost, when that is lower: the third's budget)
        if child is not None and lower == budget:
            started, child = child, None
            try:
                third = task_result(started)  # (reaped whatever happens)
            except Exception:  # (it failed or was killed: the pass is run here)
                third = None
    finally:
        if child is not None:  # (its budget was not the third's, or this one was stopped: it is ended)
            end_task(child)
    if third is None:  # (one process, the second cheaper, or the forked one failed: the third here)
        after = kept(search, copy=False)
        put_back(search, left)
        third = third_pass(search, page, ids, lower)
        put_back(search, after)
    found, third_short, nodes, stacks, sides = third
    search.stacks, search.avoid.times = search.stacks + stacks, search.avoid.times + sides  # (counted to the page)
    _in_order(search, 2)  # (as the third pass leaves it, whichever process ran it, for the steps after)
    search.nodes = nodes
    return better(so_far, found), short or third_short


def third_pass(search: Search, page: Placement, ids: tuple[int, ...], budget: float) -> Third:
    """The third pass (``one_pass`` 2) and the stacked layouts and sides searched again it made."""
    stacks, sides = search.stacks, search.avoid.times
    found, short, nodes = one_pass(search, 2, page, ids, budget)
    return found, short, nodes, search.stacks - stacks, search.avoid.times - sides


def one_pass(search: Search, order: int, page: Placement, ids: tuple[int, ...],
             budget: float) -> tuple[Solution, bool, int]:
    """Pass ``order`` (1: the cuts by their bound, 2: by how well the areas match) of ``ids`` on ``page``
    under ``budget``: its layout (``NONE`` when none costs less), whether it passed its limit, and the
    rectangles it counted."""
    _in_order(search, order)
    search.nodes = 0
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


def _in_order(search: Search, order: int) -> None:
    """``search`` set for pass ``order`` (1: the cuts by their bound, 2: by how well the areas match): its
    limit of rectangles and how it orders the cuts."""
    from layout.makeup.search import MOVE_KEYS

    search.ordered, search.limit = True, search.limits.nodes if order == 1 else search.limits.guess
    search.move_key, search.matching = MOVE_KEYS[order], order == 2  # (``guess`` only orders the third pass)


def _started(search: Search, page: Placement, ids: tuple[int, ...], budget: float) -> Task | None:
    """The third pass under ``budget`` in a forked process (``workers.fork_task``), or None when the system
    gives no pipe or process, or has no ``fork`` (the pass is then run here)."""
    from layout.workers import fork_task

    try:
        return fork_task(partial(third_pass, search, page, ids, budget))
    except (OSError, AttributeError):  # (no pipe or process to be had; ``os.fork`` missing)
        return None
