"""Embedded font programs kept for the next document that draws the same glyphs.

In:  a font file's content key (``layout.cache.sfnt_key``), the glyph ids a document draws
     with it, and (to keep) the glyphs its subset holds and the subset's PDF stream object.
Out: that (glyphs kept, stream object) pair when the same font drew the same glyphs before,
     in this process or in an earlier one (``$BANMIAN_CACHE``), else None.

Subsetting a face and compressing its program is most of a one-page PDF's writing time
(a broadsheet page's body face: about 250 KB of outlines, zlib at its default level); both
depend only on the font and the set of glyphs drawn, never on where they are drawn. So the
compressed object is kept, sealed (``layout.sealed``: checked before use, rebuilt when
damaged), in the cache's ``subsets`` folder, in a file named by a digest of the font key and
the glyph ids: a page re-rendered after an edit that brings no new character, or the same page
set again, writes the same bytes without subsetting. A new character makes a new set (and a
new file). At most ``KEEP`` such files stay: the oldest are removed when one is written. A
read-only or full cache folder is not an error (the subset is then made each time).
"""

from __future__ import annotations

import contextlib
import os
import struct
from array import array
from functools import lru_cache
from pathlib import Path

from layout import digests, sealed

TAG = b"font-subset-2"  # the files' format: keep count, keep ids (uint32, little-endian), the object
KEEP = 64  # subset files kept in the cache folder
_MEMO: dict[str, tuple[list[int], bytes]] = {}  # this process's, by digest
_MEMO_LIMIT = 32


@lru_cache(maxsize=1)
def _makers() -> bytes:
    """What else makes a subset's bytes: the files' format (``TAG``), the source of the subsetter
    and of the stream writer that compresses it (``cidfont``, ``pdfobjects``) and zlib's version:
    a file made by other code or another zlib is not served (review 27 M2)."""
    import zlib

    from layout.render import cidfont, pdfobjects

    code = digests.sha1()
    for module in (cidfont, pdfobjects):
        code.update(Path(str(module.__file__)).read_bytes())
    return b"%s %s %s " % (TAG, code.hexdigest().encode(), zlib.ZLIB_RUNTIME_VERSION.encode())


def _digest(font_key: str, gids: list[int]) -> str:
    """The name of a glyph set of one font: a digest of its makers (``_makers``), the font's key and
    the sorted ids."""
    return digests.sha1(_makers() + font_key.encode() + array("I", gids).tobytes()).hexdigest()[:24]


def _path(digest: str) -> Path:
    """The cache file of a digest."""
    return sealed.place(f"{digest}.bin", "subsets")  # a folder of their own: pruning lists only them


def get(font_key: str, gids: list[int]) -> tuple[list[int], bytes] | None:
    """The glyphs kept and the stream object made before for these sorted ``gids`` of the font
    with ``font_key``, or None."""
    digest = _digest(font_key, gids)
    found = _MEMO.get(digest)
    if found is not None:
        return found
    path = _path(digest)
    try:
        data = sealed.read(path, TAG)
    except (OSError, sealed.Refused):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used now: the last to be pruned
    try:
        count = struct.unpack_from("<I", data, 0)[0]
        keep = array("I")
        keep.frombytes(data[4:4 + 4 * count])
        if len(keep) != count:
            return None
        if struct.pack("=H", 1) == struct.pack(">H", 1):
            keep.byteswap()
        found = (keep.tolist(), bytes(data[4 + 4 * count:]))
    except (struct.error, ValueError):
        return None
    _remember(digest, found)
    return found


def put(font_key: str, gids: list[int], keep: list[int], program: bytes) -> None:
    """Keep the subset of these ``gids`` (its glyphs ``keep`` and stream object ``program``)."""
    digest = _digest(font_key, gids)
    _remember(digest, (keep, program))
    ids = array("I", keep)
    if struct.pack("=H", 1) == struct.pack(">H", 1):
        ids.byteswap()
    path = _path(digest)
    with contextlib.suppress(OSError):
        sealed.write(path, TAG, struct.pack("<I", len(keep)) + ids.tobytes() + program)
        _prune(path.parent)


def _remember(digest: str, found: tuple[list[int], bytes]) -> None:
    """Keep a subset in this process (a preview or batch writes the same fonts again)."""
    if len(_MEMO) >= _MEMO_LIMIT:
        _MEMO.pop(next(iter(_MEMO)))
    _MEMO[digest] = found


def _prune(folder: Path) -> None:
    """Remove the oldest subset files past ``KEEP``."""
    files = []
    for entry in os.scandir(folder):
        if entry.name.endswith(".bin"):
            with contextlib.suppress(OSError):
                files.append((entry.stat().st_mtime, entry.path))
    for _, path in sorted(files)[:max(0, len(files) - KEEP)]:
        with contextlib.suppress(OSError):
            os.unlink(path)
