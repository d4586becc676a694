"""A disk cache of the functions ``dataclasses`` and ``namedtuple`` write at import.

In:  nothing (``install`` is called once by the ``banmian`` command, before it imports the
     modules a command needs).
Out: ``dataclasses`` and ``collections`` compile the source text of each generated method
     (``__init__``, ``__repr__``, ``__eq__``, ``__setattr__``, a named tuple's ``__new__``)
     through a cache: the code object compiled before for the same text, read with
     ``marshal`` from ``$BANMIAN_CACHE`` (default ~/.cache/banmian). Compiling those
     texts is most of the cost of creating a dataclass: about 30 ms of a render's imports.

The generated functions are exactly what the modules' own ``exec``/``eval`` of the text
would make (the same text compiled with the same file name, ``<string>``); only where the
code object comes from changes. The file is keyed by the interpreter's version (marshal's
format is the interpreter's own); a missing, unreadable or foreign file is ignored and
rewritten, and the cache is written (atomically) only when a text was not in it.
"""

from __future__ import annotations

import atexit
import builtins
import collections
import dataclasses
import marshal
import os
import sys
from pathlib import Path
from types import CodeType
from typing import Any

#: More texts than this: the file is started afresh (old versions' texts pile up).
MAX_ENTRIES = 4000

_codes: dict[str, CodeType] = {}
_state = {"installed": False, "new": False}


def cache_path() -> Path:
    """The cache file of this interpreter version."""
    root = Path(os.environ.get("BANMIAN_CACHE", Path.home() / ".cache" / "banmian"))
    return root / f"code-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal"


def _compiled(source: str, mode: str) -> CodeType:
    """The code object of ``source`` compiled as ``exec``/``eval`` would compile it."""
    key = mode + source
    code = _codes.get(key)
    if code is None:
        code = _codes[key] = compile(source, "<string>", mode)
        _state["new"] = True
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    """``exec`` for ``dataclasses``: a text's code comes from the cache."""
    builtins.exec(_compiled(source, "exec") if isinstance(source, str) else source, globals, locals)


def _eval(source: Any, globals: Any = None, locals: Any = None) -> Any:
    """``eval`` for ``collections.namedtuple``: a text's code comes from the cache."""
    return builtins.eval(_compiled(source, "eval") if isinstance(source, str) else source, globals, locals)


def _load(path: Path) -> None:
    """Read the cache file into ``_codes`` (nothing if it is missing or unreadable)."""
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return
    if isinstance(data, dict) and len(data) <= MAX_ENTRIES:
        _codes.update((k, v) for k, v in data.items() if isinstance(k, str) and isinstance(v, CodeType))


def save() -> None:
    """Write the cache file if texts were compiled that it lacked (temporary file, then
    rename); a read-only or full disk is not an error."""
    if not _state["new"]:
        return
    path = cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            tmp.write_bytes(marshal.dumps(_codes))
            tmp.replace(path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError:
        pass
    _state["new"] = False


def install() -> None:
    """Route the compiling of ``dataclasses`` and ``namedtuple`` through the cache (once a
    process) and save the cache at exit."""
    if _state["installed"]:
        return
    _state["installed"] = True
    _load(cache_path())
    # a module-level name shadows the built-in inside that module's functions
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    collections.eval = _eval  # type: ignore[attr-defined]
    atexit.register(save)
