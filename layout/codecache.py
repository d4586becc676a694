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
format is the interpreter's own) and sealed (``layout.sealed``): a header with the
interpreter's tag and a SHA-256 of the marshal bytes, checked before ``marshal.loads`` sees
them. The file maps each text to its code, marshal'd on its own: a process unmarshals and
checks only the entries it uses (a render uses some 500 of the texts, and the file keeps
those of other commands and versions too, up to ``MAX_ENTRIES``, the writer's own first, so
that texts of old versions fall off rather than pile up), which makes reading it about 10 ms
cheaper than unmarshalling and checking every entry. A missing, unreadable,
damaged or foreign file, or one whose loading raises anything, is ignored as a whole and
rewritten; an entry that does not fit its text (``_fits``: not a code object, or not one of
the functions the text defines) is not used, nor is any entry of that file after it (the
file is rewritten from the entries that did fit); the cache is written (atomically) when a
text was not in it.

The file holds code that every command runs, as a ``.pyc`` does: the cache folder must be
the user's own. On POSIX a file owned by another user or writable by group or others is
ignored; ``BANMIAN_CACHE`` should not name a folder other people can write to.
"""

from __future__ import annotations

import atexit
import builtins
import collections
import contextlib
import dataclasses
import itertools
import marshal
import os
import sys
from pathlib import Path
from types import CodeType
from typing import Any

from layout import sealed

#: The most texts the file keeps: a command that writes it puts its own texts first and drops the
#: texts past this (those no command wrote for longest: other versions'); a file of more is not read.
MAX_ENTRIES = 1500

_raw: dict[str, bytes] = {}  # the file's entries: each text's code, marshal'd, read when first asked for
_codes: dict[str, CodeType] = {}  # the code objects this process has used
_state = {"installed": False, "new": False}


def cache_path() -> Path:
    """The cache file of this interpreter version."""
    root = Path(os.environ.get("BANMIAN_CACHE", Path.home() / ".cache" / "banmian"))
    return root / f"code-entries-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal"


def _compiled(source: str, mode: str) -> CodeType:
    """The code object of ``source`` compiled as ``exec``/``eval`` would compile it."""
    key = mode + source
    code = _codes.get(key)
    if code is None:
        raw = _raw.get(key)
        code = None if raw is None else _decode(key, raw)
        if code is None:
            code = compile(source, "<string>", mode)
            _state["new"] = True
        _codes[key] = code
    return code


def _decode(key: str, raw: bytes) -> CodeType | None:
    """The code object of one entry of the file; None, and the file's other entries dropped
    (the file is rewritten at exit), if it does not fit its text."""
    try:
        code = marshal.loads(raw)
    except Exception:  # whatever damaged bytes make marshal raise
        code = None
    if not _fits(key, code):
        _raw.clear()
        _state["new"] = True
        return None
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    """``exec`` for ``dataclasses``: a text's code comes from the cache."""
    builtins.exec(_compiled(source, "exec") if isinstance(source, str) else source, globals, locals)


def _eval(source: Any, globals: Any = None, locals: Any = None) -> Any:
    """``eval`` for ``collections.namedtuple``: a text's code comes from the cache."""
    return builtins.eval(_compiled(source, "eval") if isinstance(source, str) else source, globals, locals)


def _tag() -> bytes:
    """The format tag of the file: marshal of this interpreter (its cache tag, version and
    marshal format)."""
    return f"marshal entries {sys.implementation.cache_tag} {sys.hexversion:x} {marshal.version}".encode()


def _fits(key: Any, code: Any) -> bool:
    """Whether ``code`` can be what ``compile`` made of the text ``key`` (mode + source): a
    code object of ``<string>`` at module level, whose global names and every function
    defined inside it (``def NAME(``) are in the text. (A cheap check over a few hundred
    entries; the checksum already rules out damage.)"""
    if not (isinstance(key, str) and isinstance(code, CodeType) and key[:4] in ("exec", "eval")
            and code.co_filename == "<string>" and code.co_name == "<module>"):
        return False
    for name in code.co_names:
        if name not in key:
            return False
    todo = [code]
    for one in todo:  # (the list grows as nested code is found; a code object's type has no subclasses)
        if one.co_name[0] != "<" and f"def {one.co_name}(" not in key:
            return False
        for const in one.co_consts:
            if type(const) is CodeType:
                todo.append(const)
    return True


def _load(path: Path) -> None:
    """Read the cache file's entries into ``_raw`` (nothing if it is missing, damaged, foreign or
    not the user's own, see the module docstring); each is unmarshalled and checked when first used."""
    try:
        data = marshal.loads(sealed.read(path, _tag()))
    except Exception:  # whatever a damaged file makes marshal raise: ignore it, rewrite it
        return
    if (isinstance(data, dict) and len(data) <= MAX_ENTRIES
            and all(type(k) is str and type(v) is bytes for k, v in data.items())):
        _raw.update(data)


def save() -> None:
    """Write the cache file if texts were compiled that it lacked (temporary file, then
    rename); a read-only or full disk is not an error."""
    if not _state["new"]:
        return
    mine = {key: _raw.get(key) or marshal.dumps(code) for key, code in _codes.items()}
    entries = {**mine, **{key: raw for key, raw in _raw.items() if key not in mine}}
    entries = dict(itertools.islice(entries.items(), MAX_ENTRIES))  # this process's texts first: old ones fall off
    with contextlib.suppress(OSError):
        sealed.write(cache_path(), _tag(), marshal.dumps(entries))
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
