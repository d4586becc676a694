"""A page's blocks laid out in two processes, as one process would lay them out.

In:  the blocks of one page, its ``LayoutContext`` and how many processes may work.
Out: each block's ``Placed``, in the blocks' order, with its warnings written in that order.

A one-page render spends most of its time setting the stories' text, and each block is set on
its own (the page's grid and style, its own copy), so on two cores the stories are shared:
a forked process (``layout.workers.fork_task``) sets the stories given to it while this one sets
the rest, and hands back what it placed, pickled. Only block types that say how much text
they set (``BlockType.work``) move; photos, rules and furniture are set here. A page whose text
is too little to pay for the fork (``FORK_FROM`` characters), or a machine with no processor free
(``layout.workers.idle_core``), sets the page in one process. The bytes of the PDF are the same either way. Warnings are
kept on both sides and written in block order; a block that raises stops the page as it would
in one process (the first such block in page order), and the forked process is reaped however
this one leaves.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from itertools import combinations
from typing import TYPE_CHECKING

from layout.blocks import of
from layout.logger import Said, kept, placing, replay
from layout.workers import end_task, fork_task, idle_core, task_result

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.flow.article import Placed
    from layout.issue.model import Block

FORK_FROM = 2000  # characters of text on the page: fewer are set in one process (forking costs ~2 ms)
FIXED = 170  # characters' worth of setting time of a block that is not shared (furniture, photos)
OVERHEAD = 1.2  # the forked process's time per character set, against this one's (it pickles its blocks)
EXACT = 12  # stories on a page up to which every way of sharing them is weighed (4 096 ways)

Outcome = tuple[list["Placed"], list[list[Said]], BaseException | None]  # placed, warnings per block, the error


def lay_out(blocks: Sequence[Block], context: LayoutContext, jobs: int = 1) -> list[Placed]:
    """Each of ``blocks`` laid out in ``context``, in order; with ``jobs`` > 1, enough text
    (``FORK_FROM``) and a processor free (``idle_core``), shared between this process and a
    forked one."""
    given = _share(blocks) if jobs > 1 and hasattr(os, "fork") and idle_core() else set()
    if not given:
        return [_one(block, context) for block in blocks]
    theirs = [block for k, block in enumerate(blocks) if k in given]
    ours = [block for k, block in enumerate(blocks) if k not in given]
    task = fork_task(lambda: _set(theirs, context))
    try:
        mine = _set(ours, context)
    except BaseException:  # (Ctrl-C, SIGTERM: the forked process is ended, not left running)
        end_task(task)
        raise
    other: Outcome = task_result(task)
    return _merged(len(blocks), given, mine, other)


def _one(block: Block, context: LayoutContext) -> Placed:
    """One block laid out (``where()`` names it meanwhile)."""
    with placing(context.number, block.id):
        return of(block).layout(block, context)


def _share(blocks: Sequence[Block]) -> set[int]:
    """The indices of the blocks the forked process sets: of the ways to share the stories, the
    one whose slower side is quickest (a block that stays here counts ``FIXED`` characters; the
    forked process's work counts ``OVERHEAD`` times its characters); every way is weighed for up
    to ``EXACT`` stories, else the largest first each go to the side with less work. None when
    the page has too little text to pay for the fork."""
    work = [of(block).work(block) for block in blocks]
    if sum(work) < FORK_FROM:
        return set()
    stories = [k for k in range(len(blocks)) if work[k]]
    fixed = FIXED * (len(blocks) - len(stories))
    if len(stories) <= EXACT:
        return set(min(_subsets(stories), key=lambda given: _slower(given, work, fixed)))
    given: set[int] = set()
    ours, theirs = float(fixed), 0.0
    for k in sorted(stories, key=lambda k: (-work[k], k)):
        if theirs + work[k] * OVERHEAD < ours + work[k]:
            given.add(k)
            theirs += work[k] * OVERHEAD
        else:
            ours += work[k]
    return given


def _subsets(stories: list[int]) -> Iterator[tuple[int, ...]]:
    """Every subset of ``stories``, the empty one first, then by size."""
    for size in range(len(stories) + 1):
        yield from combinations(stories, size)


def _slower(given: Iterable[int], work: list[int], fixed: int) -> float:
    """The work of the slower process when the forked one sets ``given``."""
    theirs = sum(work[k] for k in given)
    return max(theirs * OVERHEAD, sum(work) - theirs + fixed)


def _set(blocks: Sequence[Block], context: LayoutContext) -> Outcome:
    """``blocks`` laid out in order, each one's warnings kept apart, up to the first that raises."""
    placed: list[Placed] = []
    said: list[list[Said]] = []
    for block in blocks:
        with kept() as words:
            try:
                placed.append(_one(block, context))
            except Exception as e:  # (raised by ``_merged`` where one process would have raised it)
                said.append(words)
                return placed, said, e
        said.append(words)
    return placed, said, None


def _merged(count: int, given: set[int], mine: Outcome, theirs: Outcome) -> list[Placed]:
    """The two processes' blocks back in page order, their warnings written in that order; the
    error of the first block in page order that raised, raised after the warnings before it."""
    sides = {False: (iter(mine[0]), iter(mine[1]), mine[2]), True: (iter(theirs[0]), iter(theirs[1]), theirs[2])}
    out: list[Placed] = []
    for k in range(count):
        placed, said, error = sides[k in given]
        replay(next(said, []))
        block = next(placed, None)
        if block is None:  # that side stopped at this block
            assert error is not None
            raise error
        out.append(block)
    return out
