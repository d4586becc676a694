"""A page's blocks laid out in two processes, as one process would lay them out.

In:  the blocks of one page, its ``LayoutContext`` and how many processes may work.
Out: each block's ``Placed``, in the blocks' order, with its warnings written in that order.

A one-page render spends most of its time setting the stories' text, and each block is set on
its own (the page's grid and style, its own copy), so on two cores the stories are shared:
a forked process (``layout.workers.fork_task``) sets the stories given to it while this one sets
the rest, and hands back what it placed, pickled, with the words of display copy it looked up
(``words.learned``: the word cache is written by this process) and what its font book warned of once
(``FontBook.told``: not warned of again on a later page). Only block types that say how much
text they set (``BlockType.work``) move; photos, rules and furniture are set here. A page whose text
is too little to pay for the fork (``FORK_FROM`` characters), a machine with no processor free
(``layout.workers.idle_core``), or no process to be had (``OSError``) sets the page in one process.
The bytes of the PDF are the same either way. Warnings are kept on both sides and written in block
order, a warning given once a process once. A block that raises stops the page where one process
would have stopped: this process's own error is raised after the warnings before it; at the forked
process's, the warnings it gave there are written and the block is laid out again here, meeting its
error again (raised as it was raised, even one that does not pickle). Every block of a forked process
that died, or whose result did not come back, is laid out here. The forked process is reaped however
this one leaves (while the render command's ``layout.errands.spared`` lasts, it stays after handing back its
blocks, to make a font program while this one draws the page: ``layout.render.programs``).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import combinations
from typing import TYPE_CHECKING, Any

from layout.blocks import of
from layout.flow import words
from layout.logger import Said, kept, placing, replay

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.flow.article import Placed
    from layout.flow.words import Words
    from layout.frame import Item
    from layout.issue.model import Block

FORK_FROM = 2000  # characters of text on the page: fewer are set in one process (forking costs ~2 ms)
FIXED = 170  # characters' worth of setting time of a block that is not shared (furniture, photos)
OVERHEAD = 1.2  # the forked process's time per character set, against this one's (it pickles its blocks)
EXACT = 8  # stories on a page up to which every way of sharing them is weighed (256 ways; 12: 3 ms)

Done = list[tuple["Placed", list[Said]]]  # the blocks one process laid out, each with the warnings it gave
Failed = tuple[list[Said], Exception]  # the block that raised: the warnings it gave first, and its error


def lay_out(blocks: Sequence[Block], context: LayoutContext, jobs: int = 1,
            before: Sequence[Item] = ()) -> list[Placed]:
    """Each of ``blocks`` laid out in ``context``, in order; with ``jobs`` > 1, enough text
    (``FORK_FROM``) and a processor free (``layout.workers.idle_core``), shared between this process
    and a forked one. ``before``: what the page holds already (its running head), drawn with this
    process's blocks (``_foresee``)."""
    given = _share(blocks) if jobs > 1 and hasattr(os, "fork") else set()
    if given:
        from layout import workers  # (only a page shared between processes imports it)

        given = given if workers.idle_core() else set()
    if not given:
        return [_one(block, context) for block in blocks]
    theirs = [block for k, block in enumerate(blocks) if k in given]
    ours = [block for k, block in enumerate(blocks) if k not in given]
    try:
        task = workers.fork_task(lambda: _forked(theirs, context))
    except OSError:  # (no process to be had: every block set here)
        return [_one(block, context) for block in blocks]
    try:
        mine = _set(ours, context)
        _foresee(task[0], before, mine[0], context)
    except BaseException:  # (Ctrl-C, SIGTERM: the forked process is ended, not left running)
        workers.end_task(task)
        raise
    try:
        other, failed, found, told = workers.task_result(task)
        words.adopt(*found)
        context.book.heard(told)  # (a warning its book gave once is not given here again)
    except Exception:  # (the forked process died, or what it set did not come back: its blocks are set here)
        other, failed = [], None
    return _merged(blocks, given, mine, (other, failed), context)


def _foresee(pid: int, before: Sequence[Item], mine: Done, context: LayoutContext) -> None:
    """For the render command (``layout.errands.hook``: ``layout.render.programs.Early``), once this process
    has set its blocks (``mine``) and the page is the issue's only one: what it drew (those blocks' items after
    ``before``: the page's every item but those the forked process ``pid`` sets) handed to the hook, with the
    book's fonts and a way to ask that process to work on what both drew as soon as it has handed its blocks
    back (``_drawn_there``)."""
    from layout import errands

    hook = errands.hook()
    if hook is not None and len(context.issue.pages) == 1:
        here = [*before, *(item for placed, _ in mine for item in placed.items)]
        with contextlib.suppress(Exception):  # (work done sooner, not other work: failing, it is done later)
            hook(here, context.book.resources(), partial(errands.ahead, pid, _drawn_there))


def _drawn_there(value: tuple[Done, object, object, object] | None, job: Callable[..., Any], *args: Any) -> Any:
    """In the forked process, asked ``ahead``: ``job`` called with the items it placed (``value``: what
    ``_forked`` returned; nothing when it raised) and ``args``."""
    done = value[0] if value is not None else []
    return job([item for placed, _ in done for item in placed.items], *args)


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
        whole = sum(work) + fixed
        return set(min(_subsets(stories), key=lambda given: _slower(given, work, whole)))
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


def _slower(given: Iterable[int], work: list[int], whole: int) -> float:
    """The work of the slower process when the forked one sets ``given`` (``whole``: the page's, the blocks
    set here counted ``FIXED`` each)."""
    theirs = sum(work[k] for k in given)
    return max(theirs * OVERHEAD, whole - theirs)


def _forked(blocks: Sequence[Block], context: LayoutContext,
            ) -> tuple[Done, list[Said] | None, tuple[dict[str, Words], set[str]], tuple[set[str], set[str]]]:
    """In the forked process: ``blocks`` laid out up to the first that raises (``_set``), the warnings that
    one gave (its error may not pickle: the parent meets it again), the words of display copy
    segmented here (``words.learned``: this process ends without writing the word cache), and what its font
    book warned of once (``FontBook.told``)."""
    done, failed = _set(blocks, context)
    return done, failed[0] if failed is not None else None, words.learned(), context.book.told()


def _set(blocks: Sequence[Block], context: LayoutContext) -> tuple[Done, Failed | None]:
    """``blocks`` laid out in order, each with the warnings it gave (kept, not written), up to the first
    that raises: its warnings and its error (``_merged`` writes and raises them in its turn)."""
    done: Done = []
    for block in blocks:
        with kept() as said:
            try:
                placed = _one(block, context)
            except Exception as error:
                return done, (said, error)
        done.append((placed, said))
    return done, None


def _merged(blocks: Sequence[Block], given: set[int], mine: tuple[Done, Failed | None],
            theirs: tuple[Done, list[Said] | None], context: LayoutContext) -> list[Placed]:
    """The blocks back in page order, each one's warnings written in that order (a warning given once a
    process, ``ONCE``, once); at a block that raised, its warnings and its error: this process's own, or,
    for the forked process's, the warnings it gave there and the error met again by laying it out here
    (its warnings then dropped: this process's state is not the one it had there). A block of the forked
    process it did not hand back otherwise (the process failed) is laid out here, in its turn."""
    sides = {False: iter(mine[0]), True: iter(theirs[0])}
    failed = theirs[1]  # the warnings of the forked process's block that raised, until it is met here
    once: set[str] = set()
    out: list[Placed] = []
    for k, block in enumerate(blocks):
        got = next(sides[k in given], None)
        if got is None and k in given:  # (and every later block of that side: its process stopped here)
            if failed is None:
                out.append(_one(block, context))
                continue
            _replay(failed, once)
            failed = None
            with kept():
                out.append(_one(block, context))  # (raises, as it raised there)
            continue
        if got is None:  # this process's block that raised
            assert mine[1] is not None
            _replay(mine[1][0], once)
            raise mine[1][1]
        _replay(got[1], once)
        out.append(got[0])
    return out


def _replay(said: list[Said], once: set[str]) -> None:
    """Write kept warnings, but one given once a process (``ONCE``) whose key is in ``once``; its key is
    added there."""
    replay([record for record in said if not record[2] or record[2] not in once])
    once.update(record[2] for record in said if record[2])
