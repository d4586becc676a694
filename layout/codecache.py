"""A disk cache of what the interpreter compiles again in every process: the functions
``dataclasses`` and ``namedtuple`` write at import, the forward references of ``typing``
and the regular expressions.

In:  nothing (``install`` is called once by the ``banmian`` command, before it imports the
     modules a command needs).
Out: ``dataclasses``, ``collections`` and ``typing`` compile the source text of each generated
     method (``__init__``, ``__repr__``, ``__eq__``, ``__setattr__``, a named tuple's ``__new__``)
     and of each string annotation a ``typing.NamedTuple`` wraps in a ``ForwardRef`` through a
     cache: the code object compiled before for the same text, read with ``marshal`` from
     ``$BANMIAN_CACHE`` (default ~/.cache/banmian). Compiling those texts is most of the cost of
     creating a dataclass: about 30 ms of a render's imports. ``re`` parses a pattern (its
     ``str`` text and flags) into the program its matcher runs through the same cache: the
     program parsed before, handed to the matcher as ``re`` would hand it (some 50 patterns a
     render, about 7 ms; a pattern ``fnmatch`` made from a file name is compiled as before,
     since a new name would make a new entry each time).

The generated functions are exactly what the modules' own ``exec``/``eval``/``compile`` of the
text would make (the same text compiled with the same file name, ``<string>``, and no
``__future__`` flags: as those modules compile it); a pattern's program is what
``re._compiler.compile`` would give the matcher. Only where they come from changes. The file
is keyed by the interpreter's version (marshal's format and ``re``'s programs are the
interpreter's own) and by the command (``cache_path``: a render's file holds a render's texts, not
the make-up's or the tests'), and sealed (``layout.sealed``): a header with the interpreter's tag and a
CRC-32 of the marshal bytes, checked before ``marshal.loads`` sees them. The file maps each
text to its value, marshal'd on its own: a process unmarshals and checks only the entries it
uses (a render uses some 600 of the texts, and the file keeps those of other pages and
versions too, up to ``MAX_ENTRIES``, the writer's own first, so that texts of old versions
fall off rather than pile up), which makes reading it about 10 ms cheaper than unmarshalling
and checking every entry. A missing, unreadable, damaged or foreign file, or one whose loading
raises anything, is ignored as a whole and rewritten; an entry that does not fit its text
(``_fits``: not a code object, or not one of the functions the text defines; a pattern's
entry not naming that pattern, or one the matcher refuses) is not used, nor is any entry of
that file after it (the file is rewritten from the entries that did fit); the cache is
written (atomically) when a text was not in it.

The file holds code that every command runs, as a ``.pyc`` does: the cache folder must be
the user's own. On POSIX a file owned by another user or writable by group or others is
ignored; ``BANMIAN_CACHE`` should not name a folder other people can write to.
"""

from __future__ import annotations
import __future__

import atexit
import builtins
import collections
import contextlib
import itertools
import marshal
import re
import sys
import typing
from pathlib import Path
from types import CodeType
from typing import Any

from layout import sealed

#: The most texts the file keeps: a command that writes it puts its own texts first and drops the
#: texts past this (those no command wrote for longest: other versions'); a file of more is not read.
MAX_ENTRIES = 1500
#: The format of the file's entries (a new one, a new file name: old files are left to old checkouts); 3: its
#: seal a CRC-32 (``layout.sealed``).
FORMAT = 3

_raw: dict[str, bytes] = {}  # the file's entries: each text's value, marshal'd, read when first asked for
_codes: dict[str, Any] = {}  # the values this process has used: code objects, and patterns' programs
_state: dict[str, Any] = {"installed": False, "new": False, "re": False,  # "re": the probe says ``re`` is as
                          "command": ""}  # ``_parse`` knows; "command": whose file (``cache_path``)
_PATTERN = "re "  # a pattern's key: this, its flags, a space, the pattern ("exec…"/"eval…" for code)
_DYNAMIC = frozenset({"fnmatch", "glob", "pathlib"})  # patterns made from file names (these packages, their
# submodules too: pathlib._local on 3.13): not kept
_COMPILER: Any = getattr(re, "_compiler", None)  # re's own compiler (3.11+): parser, program writer, matcher
_RE_COMPILE: Any = getattr(_COMPILER, "compile", None)  # its compile, as it was before ``install``
_FUTURE = __future__.annotations.compiler_flag  # what ``from __future__ import annotations`` adds to code
#: The pattern (and text) that tells whether ``re``'s internals are those ``_parse`` knows (``_re_fits``),
#: and the key under which the file keeps a yes (``_re_verdict``): not a text's key ("exec…", "eval…", "re …").
_RE_PROBE = (r"(?P<head>[\u4e00-\u9fff]+)\s*(\d{1,3})|x", "中文 12")
_RE_PROBE_KEY = f"re-fits {_RE_PROBE[0]} {_RE_PROBE[1]}"
_YES = marshal.dumps(True)


def cache_path(command: str = "") -> Path:
    """The cache file of this interpreter version, and of ``command`` (a word of letters: ``render``), if given:
    each command keeps the texts it compiles in a file of its own, so a render reads the some 600 it uses, not
    also those of the make-up, the preview or the tests (a file of 1 500 texts costs about 2 ms more to read)."""
    own = f"-{command}" if command.isascii() and command.isalpha() else ""
    return sealed.place(f"code-entries{FORMAT}{own}-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal")


def _compiled(source: str, mode: str) -> CodeType:
    """The code object of ``source`` compiled as ``exec``/``eval`` in ``dataclasses``,
    ``collections`` and ``typing`` would compile it (no ``__future__`` flags)."""
    key = mode + source
    code = _codes.get(key)
    if code is None:
        raw = _raw.get(key)
        code = None if raw is None else _decode(key, raw)
        if code is None:
            code = compile(source, "<string>", mode, dont_inherit=True)
            _state["new"] = True
        _codes[key] = code
    return code


def _decode(key: str, raw: bytes) -> Any:
    """The value of one entry of the file; None, and the file's other entries dropped (the
    file is rewritten at exit), if it does not fit its text."""
    try:
        value = marshal.loads(raw)
    except Exception:  # whatever damaged bytes make marshal raise
        value = None
    if not (_program_fits(key, value) if key.startswith(_PATTERN) else _fits(key, value)):
        _raw.clear()
        _state["new"] = True
        return None
    return value


def _exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    """``exec`` for ``dataclasses``: a text's code comes from the cache."""
    builtins.exec(_compiled(source, "exec") if isinstance(source, str) else source, globals, locals)


def _eval(source: Any, globals: Any = None, locals: Any = None) -> Any:
    """``eval`` for ``collections.namedtuple``: a text's code comes from the cache."""
    return builtins.eval(_compiled(source, "eval") if isinstance(source, str) else source, globals, locals)


def _compile(source: Any, filename: Any, mode: str, flags: int = 0, dont_inherit: bool = False,
             optimize: int = -1) -> Any:
    """``compile`` for ``typing`` (a ``ForwardRef``'s expression): the code comes from the cache
    (``typing`` has no ``__future__`` import, so none is inherited either way)."""
    if type(source) is str and filename == "<string>" and mode == "eval" and not flags and optimize == -1:
        return _compiled(source, mode)
    return builtins.compile(source, filename, mode, flags, dont_inherit, optimize)


def _program(pattern: Any, flags: int = 0) -> Any:
    """``re._compiler.compile`` with the program of a ``str`` pattern from the cache: the
    matcher gets what ``re._compiler.compile`` gives it (flags, program, group count, group
    names both ways). Bytes patterns, ``re.DEBUG`` and file-name patterns as before."""
    if type(pattern) is not str or type(flags) is not int or flags & re.DEBUG or _from_file_names():
        return _RE_COMPILE(pattern, flags)
    try:
        return _cached_program(pattern, flags)
    except re.error:
        raise
    except Exception:  # ``re``'s internals not as this module knows them: compiled as ``re`` does
        return _RE_COMPILE(pattern, flags)


def _cached_program(pattern: str, flags: int) -> Any:
    """``_program`` of a ``str`` pattern the cache may keep: from the cache, or parsed and kept."""
    key = f"{_PATTERN}{flags} {pattern}"
    value = _codes.get(key)
    if value is None:
        raw = _raw.get(key)
        value = None if raw is None else _decode(key, raw)
        if value is not None:
            try:
                made = _COMPILER._sre.compile(pattern, *value[2:])
            except Exception:  # a program the matcher refuses: no entry of the file is used after it
                _raw.clear()
            else:
                _codes[key] = value
                return made
        value = _parse(pattern, flags)
        _state["new"] = True
        _codes[key] = value
    return _COMPILER._sre.compile(pattern, *value[2:])


def _parse(pattern: str, flags: int) -> tuple[Any, ...]:
    """A pattern's entry: the pattern, its flags, then the matcher's arguments after the pattern
    (all flags, program, last group number, group names → numbers, numbers → names), as
    ``re._compiler.compile`` works them out. Raises ``re.error`` as it does."""
    parsed = _COMPILER._parser.parse(pattern, flags)
    program = [int(op) for op in _COMPILER._code(parsed, flags)]  # (its opcodes are int subclasses)
    names = dict(parsed.state.groupdict)
    numbers: list[str | None] = [None] * parsed.state.groups
    for name, number in names.items():
        numbers[number] = name
    return pattern, flags, flags | parsed.state.flags, program, parsed.state.groups - 1, names, tuple(numbers)


def _from_file_names() -> bool:
    """Whether the pattern being compiled comes from ``fnmatch`` (through ``glob``, ``pathlib``):
    made from a file name, not kept."""
    try:
        frame: Any = sys._getframe(3)  # _from_file_names, _program, re._compile: then re.compile and who asked
    except ValueError:  # called from near the stack's bottom
        return False
    for _ in range(3):
        if frame is None:
            return False
        if str(frame.f_globals.get("__name__", "")).partition(".")[0] in _DYNAMIC:
            return True
        frame = frame.f_back
    return False


def _program_fits(key: str, value: Any) -> bool:
    """Whether ``value`` can be the entry of the pattern key ``key`` (see ``_parse``): it names
    that pattern and flags, and its parts have the matcher's types (the matcher checks the
    program itself: its words, and that it is a program it can run)."""
    return (type(value) is tuple and len(value) == 7 and type(value[0]) is str and type(value[1]) is int
            and key == f"{_PATTERN}{value[1]} {value[0]}" and type(value[2]) is int and type(value[3]) is list
            and type(value[4]) is int and type(value[5]) is dict and type(value[6]) is tuple)


def _tag() -> bytes:
    """The format tag of the file: marshal of this interpreter (its cache tag, version and
    marshal format) and the entries' format."""
    return (f"marshal entries {sys.implementation.cache_tag} {sys.hexversion:x} {marshal.version} "
            f"format {FORMAT}").encode()


def _fits(key: Any, code: Any) -> bool:
    """Whether ``code`` can be what ``compile`` made of the text ``key`` (mode + source): a
    code object of ``<string>`` at module level without ``__future__`` flags, whose global names
    and every function defined inside it (``def NAME(``) are in the text. (A cheap check over a
    few hundred entries; the checksum already rules out damage.)"""
    if not (isinstance(key, str) and isinstance(code, CodeType) and key[:4] in ("exec", "eval")
            and code.co_filename == "<string>" and code.co_name == "<module>" and not code.co_flags & _FUTURE):
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
    mine = {key: _raw.get(key) or marshal.dumps(value) for key, value in _codes.items()}
    if _state["re"]:
        mine[_RE_PROBE_KEY] = _YES  # (after this process's texts: kept while they are)
    entries = {**mine, **{key: raw for key, raw in _raw.items() if key not in mine}}
    entries = dict(itertools.islice(entries.items(), MAX_ENTRIES))  # this process's texts first: old ones fall off
    with contextlib.suppress(OSError):
        sealed.write(cache_path(_state["command"]), _tag(), marshal.dumps(entries))
    _state["new"] = False


def _re_verdict() -> bool:
    """``_re_fits``, asked once for each interpreter version: a yes is kept in the file as the
    entry of the probe's key (the file is this interpreter's; a changed probe, a new key), so a
    process that finds it does not parse and compile the probe twice (about 2 ms). A no is not
    kept: it is asked again, as it was before."""
    _state["re"] = _raw.get(_RE_PROBE_KEY) == _YES or _re_fits()
    if _state["re"] and _RE_PROBE_KEY not in _raw:
        _state["new"] = True
    return _state["re"]


def _re_fits() -> bool:
    """Whether ``re``'s internals are those ``_parse`` knows (another Python's may differ): a probe
    pattern made the cache's way matches as the one ``re`` compiles itself."""
    probe, text = _RE_PROBE
    try:
        made = _COMPILER._sre.compile(probe, *_parse(probe, 0)[2:])
        own = _RE_COMPILE(probe, 0)
        return bool(made.groupindex == own.groupindex and made.match(text).groups() == own.match(text).groups())
    except Exception:  # (no such names, other arguments, other results)
        return False


def install(command: str = "") -> None:
    """Route the compiling of ``dataclasses``, ``namedtuple``, ``typing``'s forward references and
    ``re``'s patterns through the cache (once a process) and save the cache at exit; ``command``: the one
    whose file is read and written (``cache_path``)."""
    if _state["installed"]:
        return
    _state["installed"], _state["command"] = True, command
    import dataclasses  # here: a command defers ``inspect`` (``layout.deferred``) before this first import

    from layout import fieldkinds

    fieldkinds.install()
    _load(cache_path(command))
    # a module-level name shadows the built-in inside that module's functions
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    collections.eval = _eval  # type: ignore[attr-defined]
    typing.compile = _compile  # type: ignore[attr-defined]
    if _re_verdict():
        _COMPILER.compile = _program
    atexit.register(save)

