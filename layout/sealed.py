"""Sealed cache files: a payload with a header that says what it is and a CRC-32 of it.

In:  a path (``place``: in the cache folder, a name that carries the seal's version), a format
     tag (bytes naming the payload's format: ``marshal`` of this interpreter, ``pickle``) and,
     to write, the payload bytes.
Out: ``read`` gives the payload back only when the file is what ``write`` wrote for
     the same tag and nothing changed since: the magic, the tag and the CRC-32 of the
     payload must match, and (on POSIX) the file must belong to the current user and be
     writable by no one else. Anything else raises ``Refused`` (the caller rebuilds the
     cache and writes it again); a missing file raises ``FileNotFoundError``.

The caches hold code (marshal'd code objects, pickles) and are trusted as a ``.pyc`` is:
the folder must be the user's own. The checksum catches damage (a disk error, a copy cut
short, a sync tool) before ``marshal``/``pickle`` see a byte; the owner and mode check keeps
a file another user could have written from being run. A CRC-32 (``zlib``'s, as PNG and zip
files carry) finds such damage for all practical purposes (every burst of up to 32 bits; other
damage goes unseen once in 2³²), and security is the owner check's, not the checksum's: a SHA-256,
as before, cost about half a millisecond a megabyte with OpenSSL's code, and loading OpenSSL
(``hashlib``) 2–3 ms of every command's start-up; a render reads some 2.5–4 MB of caches. Stdlib
only: the code cache reads its file before the rest of the program is imported.
"""

from __future__ import annotations

import _thread
import os
import zlib
from pathlib import Path

SEAL = 2  # the seal's version (2: CRC-32; before it, unnumbered: SHA-256), in the magic and in every sealed file's name
MAGIC = b"BANMIAN-CACHE%d\n" % SEAL
DIGEST = 4  # bytes of the CRC-32 (little-endian)


def folder() -> Path:
    """The cache folder: ``$BANMIAN_CACHE``, else ``~/.cache/banmian`` (every cache file lives under it)."""
    return Path(os.environ.get("BANMIAN_CACHE", Path.home() / ".cache" / "banmian"))


def place(name: str, under: str = "") -> Path:
    """Where the sealed file ``name`` (``stem.suffix``) lives: in the cache folder (its subfolder
    ``under``), named with the seal's version before its suffix (``makeup.s2.pickle``). A new seal
    thus renames every sealed cache at once, and checkouts with different seals never read (and
    refuse, and rewrite) each other's files (the font subsets' folder still keeps the files used last
    of all seals: ``subsets._prune``); a cache's own format version stays in its stem."""
    stem, dot, suffix = name.rpartition(".")
    return folder() / under / (f"{stem}.s{SEAL}.{suffix}" if dot else f"{name}.s{SEAL}")


class Refused(Exception):
    """A cache file that is not to be used (damaged, of another format, or not the user's own)."""


def _header(tag: bytes) -> bytes:
    """The bytes before the digest: the magic and the length-prefixed tag."""
    return MAGIC + bytes((len(tag),)) + tag


def _crc(payload: bytes | memoryview) -> bytes:
    """The seal of ``payload``: its CRC-32, four bytes little-endian."""
    return zlib.crc32(payload).to_bytes(DIGEST, "little")


def read(path: Path, tag: bytes) -> memoryview:
    """The payload of the sealed file ``path`` written with ``tag`` (a view of the bytes read, as
    ``marshal.loads`` and ``pickle.loads`` take it, not a copy). Raises FileNotFoundError
    (no file), OSError (unreadable) or Refused (see the module docstring)."""
    with path.open("rb") as handle:
        if os.name == "posix":
            info = os.fstat(handle.fileno())
            if info.st_uid != os.getuid():
                raise Refused("owned by another user")
            if info.st_mode & 0o022:
                raise Refused("writable by group or others")
        data = handle.read()
    head = _header(tag)
    start = len(head) + DIGEST
    if not data.startswith(head) or len(data) < start:
        raise Refused("another format or version")
    payload = memoryview(data)[start:]
    if _crc(payload) != data[len(head):start]:
        raise Refused("checksum mismatch")
    return payload


def write(path: Path, tag: bytes, payload: bytes) -> None:
    """Write ``payload`` sealed with ``tag`` to ``path`` atomically (a temporary file readable by
    all, writable by the owner only, then a rename); creates the folder. Raises OSError. The
    temporary file is named by the process and the thread, so two threads (or processes) writing
    the same file at once each write their own and the last rename wins whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}-{_thread.get_ident()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        with os.fdopen(fd, "wb") as handle:
            if os.name == "posix":
                os.fchmod(handle.fileno(), 0o644)  # a left-over temporary file keeps its mode otherwise
            handle.write(_header(tag) + _crc(payload))
            handle.write(payload)
        tmp.replace(path)
    except BaseException:  # a full disk, Ctrl-C, SIGTERM: no half-written file stays behind
        tmp.unlink(missing_ok=True)
        raise
