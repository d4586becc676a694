"""The on-disk cache of data derived from font files (metrics, parsed tables).

In:  a font path and a kind ("metrics", "rlface").
Out: a pickle file under $BANMIAN_CACHE (default ~/.cache/banmian) whose name
     changes when the font file's content does (``font_key``: its size and table
     directory, which holds every table's checksum; the modification time plays no
     part, so a file copied back from another version is still told apart), and
     safe load/save helpers: a missing, stale or unreadable cache is rebuilt (an
     unreadable one with a note), and a read-only cache folder is not an error.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import struct
from pathlib import Path
from typing import Any

from layout.logger import LOGGER

CACHE_VERSION = 9


MAX_TABLES = 4096  # an sfnt header claiming more tables is damaged (fonts have ~20)


def sfnt_key(head: bytes, size: int) -> str:
    """The content key of a font file from its first bytes (header and table directory:
    tag, checksum, offset and length of every table) and its size in bytes."""
    count = min(struct.unpack_from(">H", head, 4)[0], MAX_TABLES) if len(head) >= 6 else 0
    return hashlib.sha256(head[:12 + 16 * count] + f"|{size}".encode()).hexdigest()[:24]


def font_key(path: Path) -> str:
    """``sfnt_key`` of the font file ``path``, reading only its header and directory.
    Raises OSError if it cannot be read."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        head = handle.read(12)
        count = min(struct.unpack_from(">H", head, 4)[0], MAX_TABLES) if len(head) >= 6 else 0
        return sfnt_key(head + handle.read(16 * count), size)


def cache_file(path: Path, kind: str, key: str) -> Path:
    """Where data of ``kind`` derived from the font ``path`` with content ``key`` is cached."""
    key = hashlib.sha1(f"{path}|{key}|{CACHE_VERSION}".encode()).hexdigest()[:16]
    root = Path(os.environ.get("BANMIAN_CACHE", Path.home() / ".cache" / "banmian"))
    return root / f"{kind}-{path.stem}-{key}.pickle"


def load(path: Path) -> Any:
    """The unpickled object, or None when there is no usable cache file."""
    gc.disable()  # big containers of small ints: the cyclic collector only adds time here
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:  # any damage (truncated, garbage, classes of an old version): rebuild
        LOGGER.info("font cache %s is unreadable (%s); rebuilding it", path.name, exc.__class__.__name__)
        return None
    finally:
        gc.enable()


def save(path: Path, value: Any) -> None:
    """Pickle ``value`` to ``path`` atomically (temporary file, then rename)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            with tmp.open("wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except BaseException:  # a full disk, Ctrl-C, SIGTERM: no half-written file stays behind
            tmp.unlink(missing_ok=True)
            raise
    except OSError:
        pass
