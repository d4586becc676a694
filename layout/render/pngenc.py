"""PNG bytes of a page raster, re-encoding only the rows a preview edit changed.

In:  a Pillow image (RGB: a page; other modes go through Pillow's own encoder).
Out: PNG bytes (RFC 2083 / ISO/IEC 15948): IHDR, one IDAT, IEND; 8 bits a channel,
     no interlace, row filter 0 ("None").

The zlib stream (RFC 1950) is made of bands of ``BAND`` rows, each compressed alone
as raw deflate (RFC 1951) ending with a full flush, so that it starts at a byte
boundary and refers to no earlier band: the bands of an image can be joined in any
combination. A band's compressed bytes and its Adler-32 are kept with the image
(weakly: they go when the image goes). The live preview keeps a page as band images
(``layout.render.bands``) that an edit shares with the raster before it: each is
compressed once, so a one-paragraph edit re-encodes a few bands instead of the whole
page; the stream's Adler-32 is combined from the bands'.
The pixels are the same as Pillow's encoding gives; the bytes are not (Pillow
chooses a filter per row).
"""

from __future__ import annotations

import io
import struct
import weakref
import zlib
from collections.abc import Sequence
from typing import Any

from PIL import Image

BAND = 32  # rows compressed together
LEVEL = 1  # zlib level: previews are rewritten on every change, on the same machine
_BASE = 65521  # the Adler-32 modulus (RFC 1950)
Bands = list[tuple[bytes, int, int]]
#: by ``id`` of an encoded image or band (an entry goes when its image goes): each band's
#: compressed bytes, Adler-32 and raw length
_BANDS: dict[int, Bands] = {}


def _keep(table: dict[int, Any], image: Image.Image, value: Any) -> None:
    """``table[id(image)] = value`` until the image is freed (Pillow images are not hashable)."""
    if id(image) not in table:
        weakref.finalize(image, table.pop, id(image), None)
    table[id(image)] = value


def adler_combine(first: int, second: int, length: int) -> int:
    """The Adler-32 of A + B from that of A, that of B and the length of B (zlib's
    ``adler32_combine``, from the checksum's definition in RFC 1950).

    >>> import zlib
    >>> adler_combine(zlib.adler32(b"abc"), zlib.adler32(b"defgh"), 5) == zlib.adler32(b"abcdefgh")
    True
    """
    rem = length % _BASE
    s1 = ((first & 0xFFFF) + (second & 0xFFFF) + _BASE - 1) % _BASE
    s2 = (rem * (first & 0xFFFF) + (first >> 16) + (second >> 16) + _BASE - rem) % _BASE
    return (s2 << 16) | s1


def _band(image: Image.Image, y0: int, y1: int, stride: int) -> tuple[bytes, int, int]:
    """Rows ``y0``..``y1`` as filtered scanlines (filter byte 0 before each), compressed."""
    pixels = image.crop((0, y0, image.width, y1)).tobytes()
    raw = b"".join(b"\0" + pixels[k:k + stride] for k in range(0, len(pixels), stride))
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return packer.compress(raw) + packer.flush(zlib.Z_FULL_FLUSH), zlib.adler32(raw), len(raw)


def _bands(image: Image.Image) -> Bands:
    """The image's compressed bands (kept with it)."""
    kept = _BANDS.get(id(image))
    if kept is None:
        stride = image.width * 3
        kept = [_band(image, y0, min(image.height, y0 + BAND), stride) for y0 in range(0, image.height, BAND)]
        _keep(_BANDS, image, kept)
    return kept


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC-32 of type and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))


def png_bytes(image: Image.Image) -> bytes:
    """An image as PNG bytes (fast compression: previews are rewritten on every change)."""
    if image.mode != "RGB" or not image.width or not image.height:
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=LEVEL)
        return buffer.getvalue()
    return _png(image.size, _bands(image))


def png_of_bands(size: tuple[int, int], bands: Sequence[Image.Image]) -> bytes:
    """PNG bytes of a page kept as RGB bands of ``BAND`` rows (``layout.render.bands``): the
    same bytes as ``png_bytes`` of the whole image; each band is compressed once, when first
    asked, and its bytes kept with it (a band shared by several rasters is compressed once)."""
    return _png(size, [_bands(band)[0] for band in bands])


def _png(size: tuple[int, int], bands: Bands) -> bytes:
    """A PNG file of an RGB image from its compressed bands."""
    adler = 1
    for _, check, length in bands:
        adler = adler_combine(adler, check, length)
    stream = b"".join([b"\x78\x01", *(data for data, _, _ in bands), b"\x03\x00", struct.pack(">I", adler)])
    header = struct.pack(">IIBBBBB", size[0], size[1], 8, 2, 0, 0, 0)
    return b"".join([b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", header), _chunk(b"IDAT", stream), _chunk(b"IEND", b"")])
