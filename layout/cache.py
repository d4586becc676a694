"""The on-disk cache of data derived from font files (metrics, parsed tables).

In:  a font path and a kind ("metrics", "rlface").
Out: a pickle file under $BANMIAN_CACHE (default ~/.cache/banmian) whose name
     changes when the font file does (path, size, modification time), and safe
     load/save helpers: a missing, stale or unreadable cache is simply rebuilt,
     and a read-only cache folder is not an error.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

CACHE_VERSION = 7


def cache_file(path: Path, kind: str) -> Path:
    """Where data of ``kind`` derived from the font ``path`` is cached."""
    stat = path.stat()
    key = hashlib.sha1(f"{path}|{stat.st_size}|{stat.st_mtime_ns}|{CACHE_VERSION}".encode()).hexdigest()[:16]
    root = Path(os.environ.get("BANMIAN_CACHE", Path.home() / ".cache" / "banmian"))
    return root / f"{kind}-{path.stem}-{key}.pickle"


def load(path: Path) -> Any:
    """The unpickled object, or None when there is no usable cache file."""
    gc.disable()  # big containers of small ints: the cyclic collector only adds time here
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        return None
    finally:
        gc.enable()


def save(path: Path, value: Any) -> None:
    """Pickle ``value`` to ``path`` atomically (temporary file, then rename)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass
