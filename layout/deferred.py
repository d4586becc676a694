"""Standard-library modules a command binds at start-up but seldom calls, run on first use.

In:  a module's name (``defer``), before anything imports it.
Out: ``sys.modules[name]`` holds the module, created from its spec (``__name__``,
     ``__spec__``, ``__file__``… as an import sets them) but not yet run: its code runs, in
     that same module object, the first time an attribute it lacks is read (``inspect.signature``,
     ``from inspect import …``), and from then on it is the module an import would have made.

A command defers two (``defer_rare``, before anything imports them): ``dataclasses`` imports
``inspect`` (with ``ast``, ``dis`` and ``opcode``: about 17 M instructions, some 3 ms) but calls
it only for a class without a docstring, which the project does not define; ``logging``
imports ``traceback`` (with ``linecache``, ``tokenize`` and ``textwrap``: about 10 M) but calls it
only to print an exception it was handed. A render calls neither, so neither runs.

The standard library's ``LazyLoader`` cannot serve: its module runs on any attribute read,
and on 3.11 the ``import`` statement itself reads ``__spec__``. Here only a missing attribute
loads, so ``import inspect`` binds the name and reads ``__spec__`` without running it. Loading
holds a lock: two threads reading at once load it once (the second waits). A module already
imported, or one not found, is left alone.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
import types
from typing import Any

_LOCK = threading.RLock()


class _Deferred(types.ModuleType):
    """A module whose code has not run yet: reading an attribute it lacks runs it (``load``)."""

    def __getattr__(self, name: str) -> Any:
        load(self)
        if type(self) is _Deferred:  # read while its own code runs (an import cycle): as any partly run module
            raise AttributeError(f"partially initialized module {self.__name__!r} has no attribute {name!r}")
        return getattr(self, name)


_RUNNING: set[int] = set()  # the deferred modules whose code is running (by the thread holding the lock)


def _after_fork() -> None:
    """In a child just forked: a new lock, nothing running (a thread of the parent that held the lock,
    loading a module, does not exist in the child, which would wait for it for ever: review 28 L1).
    A module the parent was loading at that moment is still deferred in the child and runs again
    there, from its start, on its next use."""
    global _LOCK
    _LOCK = threading.RLock()
    _RUNNING.clear()


os.register_at_fork(after_in_child=_after_fork)


def load(module: types.ModuleType) -> None:
    """Run a deferred module's code now, in the module itself (nothing if it has run or is
    running). Other threads wait until it has run; a module whose code raises is taken out
    of ``sys.modules``, as a failed import is."""
    with _LOCK:
        if type(module) is not _Deferred or id(module) in _RUNNING:
            return
        _RUNNING.add(id(module))
        spec: Any = module.__spec__
        try:
            spec.loader.exec_module(module)
        except BaseException:
            sys.modules.pop(spec.name, None)
            raise
        finally:
            _RUNNING.discard(id(module))
            module.__class__ = types.ModuleType  # type: ignore[assignment]


def defer(name: str) -> bool:
    """Put the top-level module ``name`` in ``sys.modules`` unrun (see the module docstring).
    True when deferred; False when it was already imported or cannot be found."""
    if name in sys.modules or "." in name:
        return False
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
        return False
    module = importlib.util.module_from_spec(spec)
    module.__class__ = _Deferred
    sys.modules[name] = module
    return True


#: The modules a command defers (see the module docstring).
RARE = ("inspect", "traceback")


def defer_rare() -> None:
    """Defer ``RARE`` (those not yet imported): called by a command before its imports."""
    for name in RARE:
        defer(name)


def deferred(name: str) -> bool:
    """Whether module ``name`` is in ``sys.modules`` and has not run yet."""
    return type(sys.modules.get(name)) is _Deferred
