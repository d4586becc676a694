"""Worker processes that never outlive the command that started them.

In:  a ``ProcessPoolExecutor`` made with ``initializer=start_worker,
     initargs=(os.getpid(),)``.
Out: workers that die with their parent however it ends (SIGKILL included), that
     leave Ctrl-C and SIGTERM to it, and ``stop_pool`` to stop them at once when the
     parent leaves early; ``forked_pool``: such a pool of forked workers as a ``with`` block.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

PR_SET_PDEATHSIG = 1  # Linux prctl(2): the signal a process gets when its parent dies


def start_worker(parent: int) -> None:
    """First thing in every worker: die with the parent (Linux: the kernel sends SIGKILL
    when it dies, even by SIGKILL; elsewhere a thread watches the parent id), and leave
    SIGINT and SIGTERM to the parent, which stops the workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="banmian-parent-watch", daemon=True).start()


@contextlib.contextmanager
def forked_pool(workers: int, context: BaseContext | None = None) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` forked processes (``context``: a fork context of the caller's, or a new
    one) started with ``start_worker``: stopped at once (``stop_pool``) when the body raises (an
    error, Ctrl-C, SIGTERM), shut down in order when it ends."""
    import multiprocessing

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context or multiprocessing.get_context("fork"),
                               initializer=start_worker, initargs=(os.getpid(),))
    try:
        yield pool
    except BaseException:
        stop_pool(pool)
        raise
    pool.shutdown()


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool's workers now (the parent is leaving: an error, Ctrl-C or SIGTERM) and
    wait up to 5 s for them to be gone, so the parent may remove what they were writing."""
    processes = list(getattr(pool, "_processes", {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(5.0)
    pool.shutdown(wait=False)
