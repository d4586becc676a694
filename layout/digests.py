"""SHA-1, SHA-256 and MD5 as ``hashlib`` gives them, from the interpreter's own C modules.

In:  bytes (``update``d in parts or given whole).
Out: hash objects with ``hashlib``'s interface (``update``, ``copy``, ``digest``, ``hexdigest``)
     that give the same digests.

Why: importing ``hashlib`` loads OpenSSL's library (``_hashlib``), some 2–4 ms of a command's
start-up and 5 MiB of its memory, for the few short digests a render takes (the caches' and a
font subset's names, a subset's tag, the PDF's file identifier). CPython builds SHA-1, SHA-256
and MD5 in (``_sha1``, ``_sha256``, ``_sha2`` from Python 3.12, ``_md5``); an interpreter built
without one gets ``hashlib``'s. Long inputs (a photo, the files of a hand-off) stay with
``hashlib``: OpenSSL's SHA-256 is several times faster on megabytes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _built_in(modules: tuple[str, ...], name: str) -> Callable[..., Any]:
    """The hash constructor ``name`` of the first of ``modules`` the interpreter has, else ``hashlib``'s."""
    for module in modules:
        try:
            return getattr(__import__(module), name)
        except (ImportError, AttributeError):
            continue
    import hashlib

    return getattr(hashlib, name)


sha1 = _built_in(("_sha1",), "sha1")
sha256 = _built_in(("_sha2", "_sha256"), "sha256")
md5 = _built_in(("_md5",), "md5")
