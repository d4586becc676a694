"""The on-disk cache of data derived from font files (metrics, parsed tables).

In:  a font path and a kind ("metrics", "rlface").
Out: a pickle file under $BANMIAN_CACHE (default ~/.cache/banmian) whose name
     changes when the font file's content does (``font_key``: its size and table
     directory, which holds every table's checksum; the modification time plays no
     part, so a file copied back from another version is still told apart), and
     safe load/save helpers: a missing, stale or unreadable cache is rebuilt (an
     unreadable one with a note), and a read-only cache folder is not an error.

Every file is sealed (``layout.sealed``): a header naming the format and a CRC-32 of the
pickle bytes, checked before ``pickle`` reads them, so a damaged file (a disk error, a copy
cut short) is rebuilt instead of being used. A pickle can run code when it is read: as with
the code cache, on POSIX a file owned by another user or writable by group or others is
ignored, and the cache folder must be the user's own. The metrics also check their values
on load (``layout.text.font``).
"""

from __future__ import annotations

import contextlib
import gc
import os
import struct
from pathlib import Path
from typing import Any

from layout import digests, sealed
from layout.logger import LOGGER

CACHE_VERSION = 13  # 13: sealed with CRC-32 (``sealed``); 12: font metrics carry the ink of printable ASCII
PICKLE_TAG = b"pickle"  # the sealed files' format tag

try:  # ``pickle.loads`` itself, without the pickle module around it (about 4 M instructions at import),
    from _pickle import loads as unpickle  # which only writing needs (``pickled``)
except ImportError:  # an interpreter without pickle's C part
    from pickle import loads as unpickle


MAX_TABLES = 4096  # an sfnt header claiming more tables is damaged (fonts have ~20)


def sfnt_key(head: bytes, size: int) -> str:
    """The content key of a font file from its first bytes (header and table directory:
    tag, checksum, offset and length of every table) and its size in bytes."""
    count = min(struct.unpack_from(">H", head, 4)[0], MAX_TABLES) if len(head) >= 6 else 0
    return digests.sha256(head[:12 + 16 * count] + f"|{size}".encode()).hexdigest()[:24]


def font_key(path: Path) -> str:
    """``sfnt_key`` of the font file ``path``, reading only its header and directory.
    Raises OSError if it cannot be read."""
    return font_facts(path)[0]


def font_facts(path: Path) -> tuple[str, int]:
    """``font_key`` of the font file ``path`` and its number of glyphs (``maxp``; 0 when
    it has none or the table is cut short), reading only the header, the directory and
    ``maxp``'s first bytes. Raises OSError if it cannot be read."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        head = handle.read(12)
        count = min(struct.unpack_from(">H", head, 4)[0], MAX_TABLES) if len(head) >= 6 else 0
        head += handle.read(16 * count)
        glyphs = 0
        for at in range(12, len(head) - 15, 16):
            if head[at:at + 4] == b"maxp":
                handle.seek(struct.unpack_from(">I", head, at + 8)[0] + 4)
                raw = handle.read(2)
                glyphs = struct.unpack(">H", raw)[0] if len(raw) == 2 else 0
                break
        return sfnt_key(head, size), glyphs


def cache_file(path: Path, kind: str, key: str) -> Path:
    """Where data of ``kind`` derived from the font ``path`` with content ``key`` is cached."""
    key = digests.sha1(f"{path}|{key}|{CACHE_VERSION}".encode()).hexdigest()[:16]
    return sealed.place(f"{kind}-{path.stem}-{key}.pickle")


def load(path: Path) -> Any:
    """The unpickled object, or None when there is no usable cache file (missing, damaged,
    of another version, or not the user's own: see the module docstring)."""
    try:
        data = sealed.read(path, PICKLE_TAG)
    except FileNotFoundError:
        return None
    except (OSError, sealed.Refused) as exc:
        LOGGER.info("cache %s is unreadable (%s); rebuilding it", path.name, exc)
        return None
    gc.disable()  # big containers of small ints: the cyclic collector only adds time here
    try:
        return unpickle(data)
    except Exception as exc:  # classes of an old version, a module gone: rebuild
        LOGGER.info("cache %s is unreadable (%s); rebuilding it", path.name, exc.__class__.__name__)
        return None
    finally:
        gc.enable()


def save(path: Path, value: Any) -> None:
    """Pickle ``value`` to ``path``, sealed, atomically (temporary file, then rename); a
    read-only or full disk is not an error."""
    with contextlib.suppress(OSError):
        sealed.write(path, PICKLE_TAG, pickled(value))


def pickled(value: Any) -> bytes:
    """``pickle.dumps`` at the highest protocol (``pickle`` imported here: a command that only reads
    the caches never imports it)."""
    import pickle

    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
