"""The PDF file around the pages' content: objects, cross-reference table and trailer.

In:  each page's size, trim and bleed boxes and content-stream text (``layout.render.pdf``
     builds it), the document's fonts in order of first use (``layout.render.cidfont``
     formats their objects with the helpers here) and the document information (title,
     author, subject, creator, the date stamp).
Out: the PDF bytes, as reportlab 4's ``pdfdoc`` and canvas (``invariant=1``, page
     compression, PDF 1.6, no ASCII-85) laid out the file before: the same object numbers
     in the same order (the fonts dictionary, the pages, each font's six objects, catalog,
     information, page tree, the pages' content streams), dictionaries with their keys
     sorted and a line break every six entries, arrays with one every ten, numbers with at
     most six significant decimals (``number``), strings in PDFDocEncoding where they fit
     and UTF-16BE otherwise, streams compressed with zlib at its default level, and the
     file identifier the MD5 digest reportlab made (its fixed seed, the invariant time
     stamp or ``SOURCE_DATE_EPOCH``, then title, author, subject and keywords). So a page
     writes the same bytes as before without importing reportlab (about a fifth of a
     render's imports); a page with a photo still goes through reportlab's canvas
     (``layout.render.pdf``), which draws JPEGs. ``tests/test_pdfobjects.py`` compares the two.
"""

from __future__ import annotations

import math
import os
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from layout import digests

PRODUCER = "ReportLab PDF Library - (opensource)"  # what reportlab wrote; kept so the bytes stay the same
_HEADER = b"\n%\223\214\213\236 ReportLab Generated PDF document (opensource)\n"
_ID_NOTE = b"% ReportLab generated PDF document -- digest (opensource)\n"
_PROCSET = b"[ /PDF /Text /ImageB /ImageC /ImageI ]"
_FORMATS = ("%.0f", "%.1f", "%.2f", "%.3f", "%.4f", "%.5f", "%.6f")
_LN10 = math.log(10.0)

# PDFDocEncoding (PDF 32000-1, annex D): code points that are not their own byte
_PDFDOC = {0x2D8: 0x18, 0x2C7: 0x19, 0x2C6: 0x1A, 0x2D9: 0x1B, 0x2DD: 0x1C, 0x2DB: 0x1D, 0x2DA: 0x1E, 0x2DC: 0x1F,
           0x2022: 0x80, 0x2020: 0x81, 0x2021: 0x82, 0x2026: 0x83, 0x2014: 0x84, 0x2013: 0x85, 0x192: 0x86,
           0x2044: 0x87, 0x2039: 0x88, 0x203A: 0x89, 0x2212: 0x8A, 0x2030: 0x8B, 0x201E: 0x8C, 0x201C: 0x8D,
           0x201D: 0x8E, 0x2018: 0x8F, 0x2019: 0x90, 0x201A: 0x91, 0x2122: 0x92, 0xFB01: 0x93, 0xFB02: 0x94,
           0x141: 0x95, 0x152: 0x96, 0x160: 0x97, 0x178: 0x98, 0x17D: 0x99, 0x131: 0x9A, 0x142: 0x9B, 0x153: 0x9C,
           0x161: 0x9D, 0x17E: 0x9E, 0x20AC: 0xA0}
_ESCAPES = [f"\\{b:03o}" if b < 32 or b >= 127 else "\\" + chr(b) if chr(b) in "\\()" else chr(b) for b in range(256)]


def number(v: float) -> str:
    """A number as reportlab's ``fp_str`` writes it: at most six decimals, fewer the larger
    the number (six significant digits), no trailing zeros, no leading zero before the point.

    >>> [number(v) for v in (0, 12, 1105.5118110236, 0.5, -0.25, 1e-9)]
    ['0', '12', '1105.512', '.5', '-0.25', '0']
    """
    size = abs(v)
    if size <= 1e-7:
        return "0"
    places = 6 if size <= 1 else min(max(0, 6 - int(math.log(size) / _LN10)), 6)
    text = _FORMATS[places] % v
    if places:
        text = text.rstrip("0")
        if text.endswith("."):
            text = text[:-1]
    return text if text[0] != "0" or len(text) == 1 else text[1:]


def string(text: str) -> bytes:
    """A PDF text string: PDFDocEncoding if every character has a byte there, else UTF-16BE
    with its byte order mark; bytes outside printable ASCII written as octal escapes.

    >>> print(string("Banmian (x)").decode(), string("报").decode())
    (Banmian \\(x\\)) (\\376\\377b\\245)
    """
    codes = []
    for ch in text:
        cp = ord(ch)
        if cp <= 0x17 or 0x20 <= cp <= 0x7F or cp == 0x9F or 0xA1 <= cp <= 0xFF:
            codes.append(cp)
        elif cp in _PDFDOC:
            codes.append(_PDFDOC[cp])
        else:
            codes = list(b"\xfe\xff" + text.encode("utf-16-be"))
            break
    return f"({''.join(_ESCAPES[b] for b in codes)})".encode("latin-1")


def ref(n: int) -> bytes:
    """An indirect reference to object ``n``."""
    return b"%d 0 R" % n


def dictionary(entries: dict[str, bytes]) -> bytes:
    """A dictionary of formatted values, keys sorted, a line break before every sixth entry."""
    parts = [b"/" + key.encode() + b" " + entries[key] for key in sorted(entries)]
    for k in reversed(range(6, len(parts), 6)):
        parts.insert(k, b"\n ")
    return b"<<\n" + b" ".join(parts) + b"\n>>"


def array(items: Sequence[bytes]) -> bytes:
    """An array of formatted values, a line break before every tenth after the first ten."""
    parts = list(items)
    for k in reversed(range(10, len(parts), 10)):
        parts.insert(k, b"\n ")
    return b"[ " + b" ".join(parts) + b" ]"


def numbers(values: Sequence[float]) -> bytes:
    """An array of numbers."""
    return array([number(v).encode() for v in values])


def stream(data: bytes, entries: dict[str, bytes] | None = None) -> bytes:
    """A stream object's body: ``data`` compressed (zlib, default level), its dictionary with
    ``/Filter``, ``/Length`` and ``entries``."""
    packed = zlib.compress(data)
    head = dictionary({**(entries or {}), "Filter": b"[ /FlateDecode ]", "Length": number(len(packed)).encode()})
    return head + b"\nstream\n" + packed + b"endstream\n"


class Font(Protocol):
    """A font of the document: its resource name and its six objects (program, descriptor,
    CID-to-glyph map, CID font, ToUnicode map, Type 0 font), numbered from ``first``."""

    internal: str

    def objects(self, first: int) -> list[bytes]: ...


@dataclass(frozen=True)
class Page:
    """One page: media box size (pt), trim and bleed boxes in force (as the canvas kept them:
    set once, they stay for the pages after), content-stream text, and that content's stream
    object when made already (``stream`` of its UTF-8 bytes), else None."""

    width: float
    height: float
    trim: tuple[float, ...] | None
    bleed: tuple[float, ...] | None
    content: str
    packed: bytes | None = None


@dataclass(frozen=True)
class Info:
    """The document information dictionary's values."""

    title: str
    author: str
    subject: str
    creator: str
    stamp: str = ""  # CreationDate and ModDate; "" for the invariant date
    keywords: str = ""


def _stamp() -> tuple[float | int, str]:
    """The invariant time (or ``SOURCE_DATE_EPOCH``) as reportlab took it, and its PDF date."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds: float | int = int(given) if given else 946684800.0
    return seconds, time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(seconds))


def assemble(pages: list[Page], fonts: Sequence[Font], info: Info) -> bytes:
    """The whole file (see the module docstring for its layout)."""
    n_pages = len(pages)
    first_font = 2 + n_pages
    catalog = first_font + 6 * len(fonts)
    tree, content = catalog + 2, catalog + 3
    bodies: list[bytes] = [dictionary({font.internal: ref(first_font + 6 * k + 5) for k, font in enumerate(fonts)})]
    for k, page in enumerate(pages):
        entries = {"Contents": ref(content + k), "MediaBox": numbers((0, 0, page.width, page.height)),
                   "Parent": ref(tree), "Resources": dictionary({"Font": ref(1), "ProcSet": _PROCSET}),
                   "Rotate": b"0", "Trans": b"<<\n\n>>", "Type": b"/Page"}
        if page.trim:
            entries["TrimBox"] = numbers(page.trim)
        if page.bleed:
            entries["BleedBox"] = numbers(page.bleed)
        bodies.append(dictionary(entries))
    for k, font in enumerate(fonts):
        bodies.extend(font.objects(first_font + 6 * k))
    seconds, invariant = _stamp()
    date = string(info.stamp or invariant)
    bodies.append(dictionary({"PageMode": b"/UseNone", "Pages": ref(tree), "Type": b"/Catalog"}))
    bodies.append(dictionary({"Author": string(info.author), "CreationDate": date, "Creator": string(info.creator),
                              "Keywords": string(info.keywords), "ModDate": date, "Producer": string(PRODUCER),
                              "Subject": string(info.subject), "Title": string(info.title), "Trapped": b"/False"}))
    bodies.append(dictionary({"Count": number(n_pages).encode(), "Kids": array([ref(2 + k) for k in range(n_pages)]),
                              "Type": b"/Pages"}))
    bodies.extend(stream(page.content.encode("utf-8")) if page.packed is None else page.packed for page in pages)
    out, offsets, at = [b"%PDF-1.6" + _HEADER], [], len(b"%PDF-1.6" + _HEADER)
    for n, body in enumerate(bodies, 1):
        chunk = b"%d 0 obj\n" % n + body + (b"" if body.endswith(b"\n") else b"\n") + b"endobj\n"
        offsets.append(at)
        out.append(chunk)
        at += len(chunk)
    signature = digests.md5(b"a reportlab document", usedforsecurity=False)
    signature.update(ascii(seconds).encode())
    for text in (info.title, info.author, info.subject, info.keywords):
        signature.update(text.encode("utf-8"))
    digest = signature.hexdigest().encode()
    out.append(b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
               + b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.append(b"trailer\n<<\n/ID \n[<" + digest + b"><" + digest + b">]\n" + _ID_NOTE
               + b"\n/Info %d 0 R\n/Root %d 0 R\n/Size %d\n>>\nstartxref\n%d\n%%%%EOF\n"
               % (catalog + 1, catalog, len(bodies) + 1, at))
    return b"".join(out)
