"""Image files read and decoded once per render: bounded, checked before decoding, content-hashed.

In:  the path of a photo or logo (already resolved by the issue loader) and, with
     ``--safe``, the folder it must stay in.
Out: ``Source``: the file's bytes, their SHA-256 and the pixel size read from the
     header. ``read_source`` keeps what it read in a small per-process store, so a
     render reads each file once (the loader reads it; page layout, forked workers
     included, reuses the same bytes): a file replaced while pages are laid out
     cannot give a PDF whose pages mix the old and the new picture.
     ``open_image``: the decoded, upright, 8-bit picture of those bytes, decoded once
     (the loader's check decodes it, photo preparation reuses it; kept per content
     hash, up to ``DECODED_BYTES`` of pixels).

Why each guard:

- the size on disk is checked before reading (``MAX_FILE_BYTES``), and only regular
  files are read (a FIFO or a device would hang or never end);
- with a jail (``--safe``) the file is opened without following a final symlink and
  the path of the file *actually opened* (``/proc/self/fd``) must lie in the jail,
  so a photo swapped for a symlink to a file outside the folder is refused;
- the pixel count is read from the header and refused above ``MAX_PIXELS`` before
  any pixel is decoded (a 144-megapixel PNG of 450 KB is refused in a few KB of
  memory, and Pillow's own warning never reaches the terminal).
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import struct
import warnings
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from layout.errors import BanmianError

#: Largest image file read (bytes): a 300 ppi broadsheet-wide photo is far smaller.
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Most pixels decoded: 80 megapixels (a full-page 390 × 545 mm photo at 300 ppi is
#: 4606 × 6437 = 29.6 MP, so there is room for any camera). Below Pillow's own limit.
MAX_PIXELS = 80_000_000
#: File formats we open (camera MPO files open as JPEG).
FORMATS = ("JPEG", "PNG", "TIFF")
#: Files and bytes kept in the store (the most recently read ones; the newest always stays).
#: An issue whose pictures exceed these is read again at layout for the evicted ones.
STORE_SIZE = 4096
STORE_BYTES = 1024 * 1024 * 1024
#: Pixel bytes of decoded pictures kept (the most recently decoded ones; the newest always
#: stays): a full-page 300 ppi photo is about 90 MB. Evicted ones are decoded again at layout.
DECODED_BYTES = 256 * 1024 * 1024


class ImageError(BanmianError, ValueError):
    """An image file cannot be used: unreadable, truncated, too large, or of an unknown kind."""


@dataclass(frozen=True)
class Source:
    """An image file's content as read once: bytes, SHA-256 (hex) and pixel size."""

    path: Path
    data: bytes
    sha256: str
    size: tuple[int, int]


_STORE: OrderedDict[Path, Source] = OrderedDict()
_DECODED: OrderedDict[str, Image.Image] = OrderedDict()  # content SHA-256 → upright 8-bit picture


def _open_fd(path: Path, jail: Path | None) -> int:
    """An open file descriptor on ``path``; with a jail, no final symlink and the real path inside it."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)  # a FIFO must not block the open
    if jail is not None:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ImageError(f"{path}: no such file") from None
    except OSError as exc:
        raise ImageError(f"{path}: cannot open the image ({exc.strerror})") from None
    if jail is not None:
        proc = Path(f"/proc/self/fd/{fd}")
        real = Path(os.readlink(proc)) if proc.exists() else path.resolve()
        if not real.is_relative_to(jail.resolve()):
            os.close(fd)
            raise ImageError(f"{path}: the file read is {real}, outside the issue's folder (not allowed with --safe)")
    return fd


def _read_fd(fd: int, path: Path) -> bytes:
    """The whole regular file behind ``fd``, after checking its size."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        raise ImageError(f"{path}: not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise ImageError(f"{path}: {info.st_size:,} bytes, more than the {MAX_FILE_BYTES:,} an image may have")
    chunks, total = [], 0
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
        total += len(chunk)
        if total > MAX_FILE_BYTES:
            raise ImageError(f"{path}: grew past {MAX_FILE_BYTES:,} bytes while it was read")
    return b"".join(chunks)


def probe(data: bytes, name: Path | str) -> tuple[int, int]:
    """The pixel size of an image from its header, without decoding; ``ImageError`` if it
    is not a JPEG, PNG or TIFF or has more than ``MAX_PIXELS`` pixels."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own limit is lower
            with Image.open(io.BytesIO(data), formats=FORMATS) as im:
                size = im.size
    except UnidentifiedImageError:
        raise ImageError(f"{name}: not a JPEG, PNG or TIFF image") from None
    except Image.DecompressionBombError as exc:
        raise ImageError(f"{name}: too many pixels, refused before decoding ({exc})") from None
    except (OSError, SyntaxError, EOFError, ValueError) as exc:
        raise ImageError(f"{name}: cannot read the image ({exc})") from None
    limit = min(MAX_PIXELS, Image.MAX_IMAGE_PIXELS or MAX_PIXELS)
    if size[0] * size[1] > limit:
        raise ImageError(f"{name}: too many pixels ({size[0]}×{size[1]}, more than the {limit:,} a photo may have; "
                         "refused before decoding)")
    if min(size) <= 0:
        raise ImageError(f"{name}: the image has no pixels")
    return size


def read_source(path: Path | str, jail: Path | None = None) -> Source:
    """Read an image file once (see module docstring) and keep it in the store; raises ``ImageError``."""
    path = Path(path)
    fd = _open_fd(path, jail)
    try:
        data = _read_fd(fd, path)
    finally:
        os.close(fd)
    source = Source(path, data, hashlib.sha256(data).hexdigest(), probe(data, path))
    _STORE[path] = source
    _STORE.move_to_end(path)
    while len(_STORE) > 1 and (len(_STORE) > STORE_SIZE or sum(len(s.data) for s in _STORE.values()) > STORE_BYTES):
        _STORE.popitem(last=False)
    return source


def source(path: Path | str) -> Source:
    """The content of ``path`` as read earlier in this render, or read now."""
    found = _STORE.get(Path(path))
    return found if found is not None else read_source(path)


def open_image(path: Path | str) -> Image.Image:
    """A decoded, upright, 8-bit image (mode ``RGB``, ``L`` or ``CMYK``) from a file.

    The bytes come from ``source`` (read once per render, size and pixel count
    checked before decoding) and are decoded once per content: the picture is shared,
    so callers must not draw on it. The embedded ICC profile, if any, stays in
    ``info["icc_profile"]``. Raises ``ImageError`` naming the file.
    """
    path = Path(path)
    found = source(path)
    picture = _DECODED.get(found.sha256)
    if picture is None:
        picture = _DECODED[found.sha256] = _decode(found.data, path)
        while len(_DECODED) > 1 and sum(_pixel_bytes(p) for p in _DECODED.values()) > DECODED_BYTES:
            _DECODED.popitem(last=False)
    _DECODED.move_to_end(found.sha256)
    return picture


def _pixel_bytes(im: Image.Image) -> int:
    """Memory a decoded picture's pixels take (bytes)."""
    return im.width * im.height * len(im.getbands())


def _decode(data: bytes, path: Path) -> Image.Image:
    """``data`` decoded to the end, turned upright (EXIF orientation) and made 8-bit."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as im:
                im.load()
                upright = ImageOps.exif_transpose(im)
                upright.info.setdefault("icc_profile", im.info.get("icc_profile"))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageError(f"{path}: too many pixels: {exc}") from None
    except (OSError, SyntaxError, EOFError, ValueError, struct.error) as exc:
        raise ImageError(f"{path}: cannot read the image ({exc})") from None
    return to_8bit(upright, path)


def to_8bit(im: Image.Image, name: Path | str = "image") -> Image.Image:
    """``im`` as ``RGB``, ``L`` or ``CMYK`` with 8 bits per channel.

    16-bit greyscale (``I;16*``, ``I``) is scaled by 1/257, so 65535 → 255 and
    nothing clips; transparency is flattened on white. Keeps ``info["icc_profile"]``.
    """
    info = dict(im.info)
    if im.mode.startswith("I;16") or im.mode == "I":
        out = im.convert("I").point(lambda v: v / 257).convert("L")
    elif im.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        out = Image.new("RGB", rgba.size, (255, 255, 255))
        out.paste(rgba, mask=rgba.getchannel("A"))
    elif im.mode in ("P", "RGBX", "YCbCr"):
        out = im.convert("RGB")
    elif im.mode == "1":
        out = im.convert("L")
    elif im.mode in ("RGB", "L", "CMYK"):
        return im
    else:
        raise ImageError(f"{name}: unsupported pixel mode {im.mode}")
    out.info["icc_profile"] = info.get("icc_profile")  # used only if it matches the new mode
    return out
