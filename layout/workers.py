"""Worker processes that never outlive the command that started them.

In:  a ``ProcessPoolExecutor`` made with ``initializer=start_worker,
     initargs=(os.getpid(),)``.
Out: workers that die with their parent however it ends (SIGKILL included), that
     leave Ctrl-C and SIGTERM to it, and ``stop_pool`` to stop them at once when the
     parent leaves early.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor

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


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool's workers now (the parent is leaving: an error, Ctrl-C or SIGTERM) and
    wait up to 5 s for them to be gone, so the parent may remove what they were writing."""
    processes = list(getattr(pool, "_processes", {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(5.0)
    pool.shutdown(wait=False)
