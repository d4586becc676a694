"""TrueType fonts embedded as CID-keyed fonts (Type 0 / CIDFontType2, Identity-H).

In:  a TrueType font file and, per document, the glyphs drawn with it, each as a
     (glyph id, text) pair.
Out: PDF objects (formatted by ``layout.render.pdfobjects``): a subset font program with
     only those glyphs (plus .notdef and the parts of composite glyphs), the
     widths array, a CIDToGIDMap and a ToUnicode CMap, so text extracts.

Why not reportlab's own TrueType embedding: it re-parses the whole 23,000-glyph
font on every run (about 0.08 s per face), splits a CJK font into simple fonts
of 256 glyphs each, and can only address glyphs through Unicode. Here a
character id (CID) is given to every distinct (glyph, text) pair, so a glyph
with no Unicode of its own (a vertical form) and a character no font has (drawn
as .notdef) still copy out as the right text.

Only what subsetting needs is read, with bounded reads (``os.pread``) from a file
descriptor opened once: the table directory, the small tables, ``loca`` and ``hmtx``
when the file is first used, then the glyphs a document draws, in a few reads of
neighbouring glyphs. A replaced font (a new file renamed over the old one) leaves
the open file readable; no memory map is used, so a file cut short cannot kill the
process (SIGBUS). ``key`` (``layout.cache.font_key`` of the header and directory
read) tells the writer whether the file is the font the layout measured, and after
the glyphs are read the writer checks that the file's size and directory are still
the same (``unchanged``): a font truncated or rewritten in place meanwhile is a
clear error, never a PDF with missing or wrong glyphs. Damaged tables raise
``ValueError``. Subset names are derived from the glyph set, so the same document
always gives the same same bytes.
"""

from __future__ import annotations

import os
import struct
import sys
from array import array
from collections.abc import Callable
from functools import partial
from itertools import accumulate, chain, compress, repeat
from operator import add, and_, itemgetter, mul, neg
from pathlib import Path
from typing import cast

from layout import digests
from layout.cache import MAX_TABLES, sfnt_key
from layout.errors import FontError
from layout.render import pdfobjects as pdf
from layout.render import subsets
from layout.render.pdftext import HEX

Made = tuple[list[int], bytes]  # the glyphs a subset program keeps (sorted), and its stream object
Elsewhere = tuple[Made, tuple[int, int]]  # a program made by another process, and the file it read (device, inode)
#: Tables a CIDFontType2 font program needs (PDF 32000-1 §9.9); hinting tables are
#: kept when present.
_KEEP = (b"cvt ", b"fpgm", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"prep")
# composite glyph flags (OpenType glyf table)
_ARGS_ARE_WORDS, _HAVE_SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO = 0x1, 0x8, 0x20, 0x40, 0x80


class TrueTypeFile:
    """The parts of a TrueType file that subsetting needs, read from it as they are needed."""

    #: Glyphs closer than this many bytes in the file are read in one go, up to SPAN bytes a read.
    GAP = 4096
    SPAN = 1 << 18

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd = os.open(path, os.O_RDONLY)  # stays open: a file renamed over it leaves it readable
        try:
            self.size = os.fstat(self._fd).st_size
            head = self.read(0, 12)
            if head[:4] not in (b"\x00\x01\x00\x00", b"true"):
                raise ValueError(f"{path}: not a TrueType-outline font")
            count = min(struct.unpack_from(">H", head, 4)[0], MAX_TABLES)
            self._header = head + self.read(12, 16 * count)
            self.key = sfnt_key(self._header, self.size)
            self._glyphs: dict[int, bytes] = {}
            try:
                self._parse()
            except (struct.error, KeyError, IndexError) as exc:
                raise ValueError(f"damaged font tables ({exc.__class__.__name__}: {exc})") from None
        except BaseException:
            os.close(self._fd)
            raise

    def __del__(self) -> None:
        fd = getattr(self, "_fd", None)
        if fd is not None:
            os.close(fd)

    def read(self, offset: int, length: int) -> bytes:
        """``length`` bytes of the file from ``offset``, fewer where the file ends first (as a
        slice of its bytes would give); never more than the file holds."""
        length = max(0, min(length, self.size - offset))
        return os.pread(self._fd, length, offset) if length and offset >= 0 else b""

    def identity(self) -> tuple[int, int]:
        """The device and inode of the file it reads (a file renamed over its path since is another)."""
        stat = os.fstat(self._fd)
        return stat.st_dev, stat.st_ino

    def unchanged(self) -> bool:
        """Whether the file still has the size and table directory it had when opened."""
        return os.fstat(self._fd).st_size == self.size and self.read(0, len(self._header)) == self._header

    def _parse(self) -> None:
        """Table directory, head, maxp, hhea, loca, hmtx and OS/2 values."""
        self.tables: dict[bytes, tuple[int, int]] = {}
        for i in range((len(self._header) - 12) // 16):
            tag, _, offset, length = struct.unpack_from(">4sLLL", self._header, 12 + 16 * i)
            self.tables[tag] = (offset, length)
        head = self.table(b"head")
        self.upem = struct.unpack_from(">H", head, 18)[0]
        self.bbox = struct.unpack_from(">hhhh", head, 36)
        long_loca = struct.unpack_from(">h", head, 50)[0] == 1
        self.num_glyphs = struct.unpack_from(">H", self.table(b"maxp"), 4)[0]
        self.num_hmetrics = struct.unpack_from(">H", self.table(b"hhea"), 34)[0]
        loca = array("I" if long_loca else "H")
        offset, length = self.tables[b"loca"]
        loca.frombytes(self.read(offset, min(length, (self.num_glyphs + 1) * loca.itemsize)))
        if loca.itemsize > 1 and struct.pack("=H", 1) != struct.pack(">H", 1):
            loca.byteswap()
        self.loca = loca if long_loca else array("I", (2 * v for v in loca))
        self.glyf = self.tables[b"glyf"][0]
        os2 = self.table(b"OS/2") if b"OS/2" in self.tables else b""
        self.ascent, self.descent = struct.unpack_from(">hh", os2, 68) if len(os2) >= 72 else (880, -120)
        self.cap_height = struct.unpack_from(">h", os2, 88)[0] if len(os2) >= 90 else self.ascent
        # the (advance, side bearing) pairs as 16-bit numbers, read now: drawing asks for advances
        self._hmtx = array("H", self.read(self.tables[b"hmtx"][0], 4 * self.num_hmetrics))
        if sys.byteorder == "little":
            self._hmtx.byteswap()

    def table(self, tag: bytes) -> bytes:
        """The bytes of one table."""
        offset, length = self.tables[tag]
        return self.read(offset, length)

    def glyph(self, gid: int) -> bytes:
        """The glyf data of one glyph (empty for blank glyphs)."""
        data = self._glyphs.get(gid)
        if data is None:
            data = self._glyphs[gid] = self.read(self.glyf + self.loca[gid], self.loca[gid + 1] - self.loca[gid])
        return data

    def read_glyphs(self, gids: set[int]) -> None:
        """Read the glyf data of ``gids`` (ids past the font's glyphs are left out), glyphs
        near one another in the file in one read."""
        todo = sorted(g for g in gids if 0 <= g < self.num_glyphs and g not in self._glyphs)
        spans: list[list[int]] = []
        for gid in todo:
            start, end = self.loca[gid], self.loca[gid + 1]
            if spans and 0 <= start - spans[-1][1] <= self.GAP and end >= start and end - spans[-1][0] <= self.SPAN:
                spans[-1][1] = max(spans[-1][1], end)
                spans[-1].append(gid)
            else:
                spans.append([start, max(start, end), gid])
        for span in spans:
            first, data = span[0], self.read(self.glyf + span[0], span[1] - span[0])
            for gid in span[2:]:
                self._glyphs[gid] = data[self.loca[gid] - first:self.loca[gid + 1] - first]

    def advance(self, gid: int) -> int:
        """Horizontal advance of a glyph, in font units."""
        return self._hmtx[2 * min(gid, self.num_hmetrics - 1)]

    def components(self, data: bytes) -> list[tuple[int, int]]:
        """(byte offset of the glyph-index field, component glyph id) of a composite glyph."""
        if len(data) < 10 or struct.unpack_from(">h", data, 0)[0] >= 0:
            return []
        out, pos = [], 10
        while True:
            flags, gid = struct.unpack_from(">HH", data, pos)
            out.append((pos + 2, gid))
            pos += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
            pos += 2 if flags & _HAVE_SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
            if not flags & _MORE:
                return out

    def closure(self, gids: set[int]) -> list[int]:
        """The glyphs to keep, sorted: .notdef, ``gids`` and every component they use (the
        components of .notdef itself are not followed)."""
        self.read_glyphs(gids | {0})
        keep = set(filter(range(self.num_glyphs).__contains__, gids))
        keep.add(0)
        glyphs = self._glyphs
        todo = [part for gid in keep if gid and _composite(glyphs[gid]) for _, part in self.components(glyphs[gid])]
        while todo:  # the parts of composite glyphs, and theirs (few: most glyphs are simple)
            gid = todo.pop()
            if gid in keep or not 0 <= gid < self.num_glyphs:
                continue
            keep.add(gid)
            data = self.glyph(gid)
            if _composite(data):
                todo.extend(part for _, part in self.components(data))
        return sorted(keep)

    def subset(self, keep: list[int]) -> bytes:
        """A TrueType font holding the glyphs ``keep`` (sorted, with 0), renumbered 0…n-1. Each
        glyph's step is a ``map`` (no Python code a glyph, but for composite glyphs): its data,
        padded to 4 bytes; its advance from ``hmtx``; its left side bearing, the glyph's xMin."""
        found = list(map(self._glyphs.get, keep))
        pieces = list(map(self.glyph, keep)) if None in found else cast(list[bytes], found)
        new_id: dict[int, int] = {}
        for at in compress(range(len(pieces)), map(_composite, pieces)):  # parts renumbered
            new_id = new_id or {old: new for new, old in enumerate(keep)}
            changed = bytearray(pieces[at])
            for field, part in self.components(pieces[at]):
                struct.pack_into(">H", changed, field, new_id[part])
            pieces[at] = bytes(changed)
        lengths = list(map(len, pieces))
        if not _NO_XMIN.isdisjoint(lengths):
            raise struct.error("glyph data too short for its bounding box")
        pads = list(map(and_, map(neg, lengths), repeat(3)))
        loca = array("I", [0])
        loca.extend(accumulate(map(add, lengths, pads)))
        glyf = b"".join(chain.from_iterable(zip(pieces, map(_PADS.__getitem__, pads))))
        advances = map(self._hmtx.__getitem__, map(mul, map(min, keep, repeat(self.num_hmetrics - 1)), repeat(2)))
        bearings = map(_XMIN, map(_XMIN_BYTES, pieces))  # b"" (a blank glyph) gives 0
        hmtx = struct.pack(f">{'Hh' * len(keep)}", *chain.from_iterable(zip(advances, bearings)))
        if struct.pack("=H", 1) != struct.pack(">H", 1):
            loca.byteswap()
        head = bytearray(self.table(b"head"))
        struct.pack_into(">L", head, 8, 0)  # checkSumAdjustment: not used by PDF readers
        struct.pack_into(">h", head, 50, 1)  # long loca
        hhea = bytearray(self.table(b"hhea"))
        struct.pack_into(">H", hhea, 34, len(keep))
        maxp = bytearray(self.table(b"maxp"))
        struct.pack_into(">H", maxp, 4, len(keep))
        tables = {b"head": bytes(head), b"hhea": bytes(hhea), b"maxp": bytes(maxp), b"loca": loca.tobytes(),
                  b"glyf": glyf, b"hmtx": hmtx}
        for tag in (b"cvt ", b"fpgm", b"prep"):
            if tag in self.tables:
                tables[tag] = self.table(tag)
        return _sfnt(tables)


def _composite(data: bytes) -> bool:
    """Whether glyf data is a composite glyph's (numberOfContours < 0; at least its header)."""
    return len(data) >= 10 and data[0] >= 0x80


_PADS = (b"", b"\0", b"\0\0", b"\0\0\0")
_NO_XMIN = frozenset((1, 2, 3))  # lengths of glyph data cut inside its xMin
_XMIN_BYTES = itemgetter(slice(2, 4))  # a glyph's xMin, its left side bearing
_XMIN = partial(int.from_bytes, byteorder="big", signed=True)


def _big_endian(values: array) -> bytes:
    """The bytes of an array of numbers, most significant byte first."""
    if sys.byteorder == "little":
        values.byteswap()
    return values.tobytes()


def _checksum(data: bytes) -> int:
    """The OpenType table checksum (sum of big-endian uint32, padded)."""
    padded = data + b"\0" * (-len(data) % 4)
    words = array("I")
    words.frombytes(padded)
    if struct.pack("=H", 1) != struct.pack(">H", 1):
        words.byteswap()
    return sum(words) & 0xFFFFFFFF


def _sfnt(tables: dict[bytes, bytes]) -> bytes:
    """Assemble an sfnt file from tables (sorted by tag, 4-byte aligned)."""
    tags = sorted(t for t in tables if t in _KEEP)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">LHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16)
    offset = 12 + 16 * count
    directory, body = bytearray(), bytearray()
    for tag in tags:
        data = tables[tag]
        directory += struct.pack(">4sLLL", tag, _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    return header + bytes(directory) + bytes(body)


class Cids(dict[tuple[int, str], int]):
    """A face's CIDs by (glyph id, text), handed out in order of first use: looking up a pair
    not seen before gives it the next CID and appends its advance to ``widths`` (so the writer
    maps a whole run of glyphs to CIDs with one ``map``, no call a glyph)."""

    def __init__(self, font: TrueTypeFile) -> None:
        super().__init__({(0, ""): 0})
        self.font = font
        self.widths: list[int] = [self.width(0)]

    def width(self, gid: int) -> int:
        """Advance of a glyph in thousandths of an em (the PDF glyph space)."""
        return round(self.font.advance(gid) * 1000 / self.font.upem)

    def __missing__(self, key: tuple[int, str]) -> int:
        cid = self[key] = len(self)
        font = self.font  # (``width``, without its two calls)
        self.widths.append(round(font._hmtx[2 * min(key[0], font.num_hmetrics - 1)] * 1000 / font.upem))
        return cid

    def by_cid(self) -> list[tuple[int, int, str]]:
        """(CID, glyph id, text) of every CID, in CID order (the order they were handed out)."""
        keys = list(self)
        by_cid = list(zip(self.values(), map(itemgetter(0), keys), map(itemgetter(1), keys)))
        return by_cid if list(self.values()) == list(range(len(self))) else sorted(by_cid)


class CIDFont:
    """One face in one document: CIDs handed out as glyphs are drawn, objects written at save."""

    def __init__(self, name: str, internal: str, font: TrueTypeFile) -> None:
        self.name, self.internal, self.font = name, internal, font
        self.cids = Cids(font)
        self.widths = self.cids.widths
        self.asked: Callable[[list[int]], Elsewhere] | None = None  # (``layout.render.programs``)
        self._made: Made | None = None

    def made(self) -> Made:
        """The glyphs its program keeps and the program's stream object, for the glyphs drawn (call it once
        all are drawn): the one kept for those glyphs (``subsets``), the one another process made for these
        very glyphs (``asked``: ``layout.render.programs``), else one made here; the same bytes each way."""
        if self._made is None:
            gids = sorted(set(map(itemgetter(0), self.cids)))
            made = subsets.get(self.font.key, gids)  # the same glyphs of the same font drawn before
            if made is None:
                made = self._given(gids) or self._program(gids)
                subsets.put(self.font.key, gids, *made)
            elif not self.font.unchanged():
                raise self._changed()
            self._made = made
        return self._made

    def _given(self, gids: list[int]) -> Made | None:
        """The program another process was asked to make for ``gids`` (``asked(gids)``), or None: asked for
        other glyphs (it raises), made from another file than the one this process reads (a font renamed over
        its path), or failed there (then made here, meeting the error, if any, here)."""
        if self.asked is None:
            return None
        try:
            made, read = self.asked(gids)
        except Exception:  # (other glyphs, a damaged or changed file, a process that died: made here)
            return None
        if read != self.font.identity():
            return None
        if not self.font.unchanged():
            raise self._changed()
        return made

    def cid(self, gid: int, text: str) -> int:
        """The CID that draws glyph ``gid`` and copies out as ``text``."""
        return self.cids[gid, text]

    def width(self, cid: int) -> int:
        """Advance of a CID in thousandths of an em."""
        return self.widths[cid]

    def _program(self, gids: list[int]) -> Made:
        """The glyphs kept (``gids``, .notdef and composite parts, sorted) and the stream object
        of the subset font program holding them. ``FontError`` when the file changed since it was
        opened or its glyph data is damaged."""
        try:
            keep = self.font.closure(set(gids))
            subset = self.font.subset(keep)
        except (struct.error, KeyError, IndexError) as exc:
            if not self.font.unchanged():
                raise self._changed() from None
            raise FontError(f"{self.font.path}: cannot embed this font (damaged glyph data: "
                            f"{exc.__class__.__name__})") from None
        if not self.font.unchanged():  # cut short or rewritten in place since it was opened
            raise self._changed()
        return keep, pdf.stream(subset, {"Length1": pdf.number(len(subset)).encode()})

    def _changed(self) -> FontError:
        """The error of a font file cut short or rewritten in place since it was opened."""
        return FontError(f"{self.font.path}: the font file changed while rendering (not the font the page "
                         "was laid out with); render again")

    def objects(self, first: int) -> list[bytes]:
        """The font's six PDF objects, numbered ``first`` … ``first + 5``: the subset program,
        its descriptor, the CID-to-glyph map, the CID font, the ToUnicode map, the Type 0 font."""
        keep, program_object = self.made()
        new_id = {old: new for new, old in enumerate(keep)}
        by_cid = self.cids.by_cid()
        listed = "[" + ", ".join(map("(%r, %r, %r)".__mod__, by_cid)) + "]"  # repr(by_cid), without a
        tag = "".join(chr(65 + b % 26) for b in digests.sha1(listed.encode()).digest()[:6])  # guard a tuple
        base = pdf_name(f"{tag}+{self.name}").encode()
        scale = 1000 / self.font.upem
        program, descriptor, gid_map, descendant, unicode_map = (str(first + k).encode() + b" 0 R" for k in range(5))
        return [
            program_object,
            pdf.dictionary({
                "Type": b"/FontDescriptor", "FontName": base, "Flags": b"4",
                "FontBBox": pdf.numbers([round(v * scale) for v in self.font.bbox]), "ItalicAngle": b"0",
                "Ascent": pdf.number(round(self.font.ascent * scale)).encode(),
                "Descent": pdf.number(round(self.font.descent * scale)).encode(),
                "CapHeight": pdf.number(round(self.font.cap_height * scale)).encode(), "StemV": b"80",
                "FontFile2": program}),
            pdf.stream(_big_endian(array("H", [new_id[gid] for _, gid, _ in by_cid]))),
            pdf.dictionary({
                "Type": b"/Font", "Subtype": b"/CIDFontType2", "BaseFont": base,
                "CIDSystemInfo": pdf.dictionary({"Registry": b"(Adobe)", "Ordering": b"(Identity)",
                                                 "Supplement": b"0"}),
                "FontDescriptor": descriptor, "DW": b"1000",
                "W": b"[ 0 " + pdf.array([str(w).encode() for w in self.widths]) + b" ]", "CIDToGIDMap": gid_map}),
            pdf.stream(_to_unicode(by_cid).encode("ascii")),
            pdf.dictionary({
                "Type": b"/Font", "Subtype": b"/Type0", "BaseFont": base, "Encoding": b"/Identity-H",
                "DescendantFonts": b"[ " + descendant + b" ]", "ToUnicode": unicode_map}),
        ]


def pdf_name(text: str) -> str:
    """``text`` as a PDF name object (PDF 32000-1 §7.3.5): UTF-8, with every byte outside
    ``!``…``~`` and every delimiter or ``#`` written ``#xx``, so no name can end early
    and add keys or objects (``Injected (yes)`` → ``/Injected#20#28yes#29``).

    >>> pdf_name("ABCDEF+Serif/Type (x)")
    '/ABCDEF+Serif#2FType#20#28x#29'
    """
    return "/" + "".join(chr(b) if 0x21 <= b <= 0x7E and chr(b) not in "()<>[]{}/%#" else f"#{b:02X}"
                         for b in text.encode("utf-8"))


def _to_unicode(by_cid: list[tuple[int, int, str]]) -> str:
    """A ToUnicode CMap mapping every CID that has text to that text."""
    pairs = [(cid, text) for cid, _, text in by_cid if text]
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    cids = [cid for cid, _ in pairs]
    digits = list(map(HEX.__getitem__, cids)) if not cids or max(cids) < len(HEX) else list(map("%04X".__mod__, cids))
    entries = [f"<{cid}> <{text}>" for cid, text in zip(digits, _utf16_hex([t for _, t in pairs]))]  # UTF-16BE hex
    for start in range(0, len(entries), 100):
        chunk = entries[start:start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(chunk)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines) + "\n"


def _utf16_hex(texts: list[str]) -> list[str]:
    """Each text in UTF-16BE, in upper-case hex. Encoded all at once and cut at the texts' ends
    when no text has a character outside the BMP (four digits a character): each ``encode`` to
    UTF-16BE looks its codec up and calls it in Python (about 9 000 instructions a text).

    >>> _utf16_hex(["报", "ab", ""]), _utf16_hex(["𠀀", "x"])
    (['62A5', '00610062', ''], ['D840DC00', '0078'])
    """
    joined = "".join(texts)
    digits = joined.encode("utf-16-be").hex().upper()
    if len(digits) != 4 * len(joined):  # a pair of surrogates somewhere: text by text
        return [text.encode("utf-16-be").hex().upper() for text in texts]
    ends = list(accumulate(map(mul, map(len, texts), repeat(4))))
    return list(map(digits.__getitem__, map(slice, [0, *ends], ends)))
