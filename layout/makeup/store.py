"""The make-up's cache across runs: variants measured and pages searched before.

In:  what a variant's measure or a page's search depends on, written out as a key (``key``).
Out: ``get``/``put`` on one table kept in a sealed pickle (``layout.cache``, ``layout.sealed``)
     under ``$BANMIAN_CACHE`` (default ~/.cache/banmian), ``makeup.s2.pickle`` (``sealed.place``): the numbers of a
     variant (``layout.makeup.measure``) and the layouts of a page, as leaves (``layout.makeup.pages``),
     found by the same code for the same inputs before. ``save`` writes the new entries back.

A night desk makes a page up again and again as copy comes in and is cut: a story whose copy did
not change is not set again at any width, and a page none of whose stories, fixed blocks or wishes
changed is not searched again. Every key holds, besides the value's own inputs (the story's
article as it will be written, the page's grid and style, the stories and their wishes, and the
files they name — a head's 题花 image, a ``latin_font`` face — by their contents), the
``code_key``: a digest of every file of the ``layout`` package and of the fonts' contents
(``layout.cache.font_key``). So a changed engine, rule or font never reads an old entry: the table
is started afresh when the code key changes. The table keeps the newest ``MAX_ENTRIES`` entries (by
when they were first made). What it gives back is what the same code computed from the same inputs (the make-up is
deterministic), so the output is the same with or without the cache; ``banmian makeup --no-cache``
(``use(False)``) neither reads nor writes it.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from layout import cache, sealed

MAX_ENTRIES = 50_000  # entries the file keeps (the newest): some hundreds of pages' variants and layouts
MISSING = object()  # ``get``'s answer for a key not in the table
_state: dict[str, Any] = {"on": True, "table": None, "new": {}}


def use(on: bool) -> None:
    """Read and write the cache (``True``, the default) or neither (``False``)."""
    _state["on"] = on


def enabled() -> bool:
    """Whether the cache is read and written."""
    return bool(_state["on"])


def key(*parts: object) -> str:
    """The key of a value computed from ``parts`` (their ``repr``, which names every field of the
    model's dataclasses) by this code and these fonts. Files the parts name by path or face name
    enter by their contents only if the caller adds ``named_files`` of them (``measure``: once a story)."""
    return hashlib.sha256(repr((code_key(), parts)).encode()).hexdigest()


def digest(text: str) -> str:
    """SHA-256 of ``text`` (a part of a key that is long and shared by many keys)."""
    return hashlib.sha256(text.encode()).hexdigest()


def named_files(value: object) -> tuple[str, ...]:
    """What the files a value names are now: every ``Path`` in it (a head's 题花 image) by its
    size and a digest of its bytes, every ``latin_font`` face name by its font file's key —
    a measure reads them, and a file changed under the same name must not give the old answer."""
    found: list[str] = []
    _walk(value, found, set())
    return tuple(sorted(found))  # (the same whatever order a set gives them in)


def _walk(value: object, found: list[str], seen: set[int]) -> None:
    """``named_files``'s walk over dataclasses, mappings and sequences (each object once)."""
    if isinstance(value, (str, int, float, bool, type(None))) or id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Path):
        found.append(f"{value}:{_file_key(value)}")
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            item = getattr(value, f.name, None)
            if f.name == "latin_font" and isinstance(item, str):
                found.append(f"latin_font {item}:{_font_key(item)}")
            _walk(item, found, seen)
    elif isinstance(value, dict):
        for item in value.values():
            _walk(item, found, seen)
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            _walk(item, found, seen)


def _file_key(path: Path) -> str:
    """A file's size and SHA-256, or "-" when it cannot be read (read again only when its
    size or modification time changed)."""
    try:
        st = path.stat()
    except OSError:
        return "-"
    return _digest(path, st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=256)
def _digest(path: Path, size: int, mtime_ns: int) -> str:
    """``_file_key`` for one state of the file."""
    try:
        data = path.read_bytes()
    except OSError:
        return "-"
    return f"{len(data)}:{hashlib.sha256(data).hexdigest()}"


def _font_key(stem: str) -> str:
    """The key of the font file a face name finds on the search path, or "-"."""
    from layout.text.font import find_font

    font = find_font(stem)
    try:
        return cache.font_key(font) if font else "-"
    except OSError:
        return "-"


def get(k: str) -> Any:
    """The value stored under ``k`` or ``MISSING`` (also when the cache is off)."""
    if not _state["on"]:
        return MISSING
    return _table().get(k, MISSING)


def put(k: str, value: Any) -> None:
    """Keep ``value`` under ``k`` (written by ``save``); nothing when the cache is off."""
    if _state["on"]:
        _table()[k] = value
        _state["new"][k] = value


def forget() -> None:
    """Drop the table read (the next ``get`` reads the file again, from the ``$BANMIAN_CACHE`` of then)."""
    _state["table"], _state["new"] = None, {}


def taken() -> dict[str, Any]:
    """The entries made in this process since the last call (a worker hands them to its parent)."""
    new, _state["new"] = _state["new"], {}
    return dict(new)


def save() -> None:
    """Write the table back when entries were made (keeping the newest ``MAX_ENTRIES``); a
    read-only or full disk is not an error (``layout.cache.save``)."""
    if not _state["on"] or not _state["new"]:
        return
    table = {**_stored(), **_table()}  # (what another run saved meanwhile is kept)
    entries = list(table.items())[-MAX_ENTRIES:]
    cache.save(_path(), {"code": code_key(), "entries": dict(entries)})
    _state["new"] = {}


def _table() -> dict[str, Any]:
    """The table read from the file (once a process), empty when there is none or it is another
    code's."""
    if _state["table"] is None:
        _state["table"] = _stored()
    table: dict[str, Any] = _state["table"]
    return table


def _stored() -> dict[str, Any]:
    """The entries in the file now, empty when there is none or it is another code's."""
    stored = cache.load(_path())
    ok = isinstance(stored, dict) and stored.get("code") == code_key() and isinstance(stored.get("entries"), dict)
    return dict(stored["entries"]) if ok else {}


def _path() -> Path:
    """The cache file."""
    return sealed.place("makeup.pickle")


@lru_cache(maxsize=1)
def code_key() -> str:
    """A digest of the ``layout`` package's files (code and data), the interpreter's version and
    the contents of the fonts the roles name (see module docstring)."""
    from layout.text.font import ROLES, find_font

    digest = hashlib.sha256(sys.version.encode())
    root = Path(__file__).resolve().parents[1]
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    for name in sorted({n for names in ROLES.values() for n in names}):
        font = find_font(name)
        digest.update(f"{name}:{cache.font_key(font) if font else '-'}".encode())
    return digest.hexdigest()
