"""PDF back end: reads a ``Document`` of frames and writes PDF bytes.

In:  ``Document`` (frames in pt, top-left origin; every glyph with its face name and
     glyph id) and the ``FontTable`` giving each face name's font file.
Out: PDF bytes: fonts embedded as subset CID fonts with ToUnicode
     (``layout.render.cidfont``), so text extracts; colours in DeviceCMYK; fixed
     dates and IDs (``invariant``), so the same issue gives the same bytes.

Each glyph is placed where the frame says: a text line becomes one text
object, with one ``TJ`` array per run of glyphs in the same face, size and
scale, whose kerning numbers move each glyph from its font advance to its set
position. No layout decision is made here.

The file around the pages is assembled by ``layout.render.pdfobjects``, as reportlab
assembled it (the same bytes); a document with a photo is still written through
reportlab's canvas (``layout.render.pdfcanvas.write_with_canvas``), which embeds the
JPEGs, so only such a document imports reportlab.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import struct
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.errors import FontError, OutputError
from layout.frame import (
    Box,
    Document,
    Dot,
    FontTable,
    ImageItem,
    PageFrame,
    PlacedPdf,
    PreviewOnly,
    Rule,
    TextLine,
    VerticalLine,
    paint,
)
from layout.render import pdfobjects, programs
from layout.render.cidfont import CIDFont, Elsewhere, TrueTypeFile
from layout.render.pdftext import cmyk as _cmyk
from layout.render.pdftext import fp_str, page_texts

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from layout.render.ahead import DrawAhead

class _Fonts:
    """The CID fonts of one document, by face name, named /FB1, /FB2, … in order of use."""

    def __init__(self, table: FontTable) -> None:
        self.table = table
        self.fonts: dict[str, CIDFont] = {}  # in order of first use
        self.asked: dict[str, Callable[[list[int]], Elsewhere]] = {}  # programs asked of another process

    def get(self, name: str) -> CIDFont:
        """The document's font for a face (created on first use; ``fonts`` keeps them in that order)."""
        font = self.fonts.get(name)
        if font is None:
            resource = self.table[name]
            try:
                program = truetype(resource.path)
            except (OSError, ValueError, struct.error) as exc:
                raise FontError(f"{resource.path}: cannot embed this font ({exc})") from None
            if program.key != resource.key:
                raise FontError(f"{resource.path}: the font file changed while rendering (not the font the page "
                                "was laid out with); render again")
            font = self.fonts[name] = CIDFont(resource.name, f"FB{len(self.fonts) + 1}", program)
            font.asked = self.asked.get(name)
        return font


@lru_cache(maxsize=32)
def truetype(path: Path) -> TrueTypeFile:
    """A font file's subsetting data, parsed once per process."""
    return TrueTypeFile(path)


class _PdfPage:
    """Draws one frame: its content-stream operators go to ``code``; a photo goes to
    reportlab's ``canvas`` (None when the document has no photo)."""

    def __init__(self, code: Callable[[str], Any], frame: PageFrame, fonts: _Fonts, canvas: Canvas | None = None,
                 ) -> None:
        self.c, self.frame, self.fonts = canvas, frame, fonts
        self.code = code  # raw content-stream operators
        self.forms: list[tuple[str, PlacedPdf]] = []  # placed PDF pages, by their XObject name
        self.texts: Iterator[str] = iter(())  # the text lines' operators, in drawing order (``draw``)

    def y(self, y: float) -> float:
        """Frame y (down from the top) → PDF y (up from the bottom)."""
        return self.frame.height - y

    def text(self, line: TextLine) -> None:
        """One text line as BT … ET (its operators worked out with the page's other lines by
        ``draw``: ``layout.render.pdftext``)."""
        self.code(next(self.texts))

    def vertical(self, line: VerticalLine) -> None:
        """A vertical column as one BT … ET: each glyph placed by its own Tm, upright
        (``1 0 0 1``) or turned 90° clockwise (``0 -1 1 0``); a vertical form is drawn
        by its glyph id and copies out (ToUnicode) as the original character."""
        out = [_cmyk(line.color), "BT"]
        current = ""
        for g in line.glyphs:
            font = self.fonts.get(g.face)
            cid = font.cid(g.gid, g.ch)
            selected = f"/{font.internal} {fp_str(g.size)} Tf"
            if selected != current:
                out.append(selected)
                current = selected
            matrix = "0 -1 1 0" if g.rotated else f"{fp_str(g.scale)} 0 0 1"
            out.append(f"{matrix} {fp_str(line.x + g.x, self.y(line.top + g.y))} Tm <{cid:04X}> Tj")
        out.append("ET")
        self.code(" ".join(out))

    def dot(self, d: Dot) -> None:
        """A circle (four Bézier quarter arcs), filled or stroked."""
        k = 0.5523 * d.r
        x, y, r = d.x, self.y(d.y), d.r
        paint = f"{_cmyk(d.color, True)} {fp_str(d.stroke_width)} w" if d.stroke_width else _cmyk(d.color)
        self.code(
            f"q {paint} {fp_str(x + r, y)} m {fp_str(x + r, y + k, x + k, y + r, x, y + r)} c "
            f"{fp_str(x - k, y + r, x - r, y + k, x - r, y)} c {fp_str(x - r, y - k, x - k, y - r, x, y - r)} c "
            f"{fp_str(x + k, y - r, x + r, y - k, x + r, y)} c {'S' if d.stroke_width else 'f'} Q")

    def rule(self, r: Rule) -> None:
        """A stroked line."""
        dash = f"[{fp_str(*r.dash)}] 0 d 1 J " if r.dash else "0 J "
        self.code(f"q {_cmyk(r.color, True)} {fp_str(r.width)} w {dash}"
                         f"{fp_str(r.x0, self.y(r.y0))} m {fp_str(r.x1, self.y(r.y1))} l S Q")

    def box(self, b: Box) -> None:
        """A filled and/or stroked rectangle, with diagonals for placeholders."""
        rect = f"{fp_str(b.x, self.y(b.y + b.h), b.w, b.h)} re"
        ops = ["q"]
        if b.fill:
            ops += [_cmyk(b.fill), rect, "f"]
        if b.stroke:
            ops += [_cmyk(b.stroke, True), f"{fp_str(b.stroke_width)} w", rect, "S"]
            if b.cross:
                ops += [f"{fp_str(b.x, self.y(b.y))} m {fp_str(b.x + b.w, self.y(b.y + b.h))} l S",
                        f"{fp_str(b.x + b.w, self.y(b.y))} m {fp_str(b.x, self.y(b.y + b.h))} l S"]
        ops.append("Q")
        self.code(" ".join(ops))

    def photo(self, item: ImageItem) -> None:
        """A photo: the prepared CMYK JPEG drawn to its box (passed through as DCT)."""
        from reportlab.lib.utils import ImageReader

        assert self.c is not None, "a document with a photo is written through the canvas"
        self.c.drawImage(ImageReader(io.BytesIO(item.data)), item.x, self.y(item.y + item.h), item.w, item.h)

    def placed(self, item: PlacedPdf) -> None:
        """A page of another PDF: clipped to its box, its ``bbox`` scaled onto the box, drawn
        as a form XObject named /BmPdfN (the form itself is added after reportlab has
        written the file: ``_place_forms``); a page with /Rotate is turned as viewers show it."""
        name = f"BmPdf{len(self.forms) + 1}"
        self.forms.append((name, item))
        left, bottom = item.x, self.y(item.y + item.h)
        self.code(f"q {fp_str(left, bottom, item.w, item.h)} re W n "
                  f"{fp_str(*placement_matrix(item.bbox, item.rotate, left, bottom, item.w, item.h))} cm "
                  f"/{name} Do Q")

    def preview(self, item: PreviewOnly) -> None:
        """Nothing: a preview-only group never prints."""

    def draw(self) -> None:
        """All items in frame order (shifted by bleed + slug when the page has them)."""
        margin = self.frame.bleed + self.frame.slug
        self.texts = iter(page_texts(self.frame.items, self.fonts, self.frame.height))
        if margin:
            self.code(f"q 1 0 0 1 {fp_str(margin, margin)} cm")
        paint(self.frame.items, self)
        if margin:
            self.code("Q")



def draw_pages(frames: Iterable[PageFrame], table: _Fonts, begin: Callable[[PageFrame], Callable[[str], Any]],
               end: Callable[[PageFrame], None], canvas: Canvas | None = None) -> list[list[tuple[str, PlacedPdf]]]:
    """The pages ``frames`` drawn in turn (both writers' page loop: the canvas writer's, and the plain
    writer's, ``PageWriter``, which may be handed a page at a time so that pages can be drawn ahead):
    ``begin(frame)`` starts a page and gives the sink of its content-stream operators, ``end(frame)``
    closes it; ``canvas`` draws the photos. Returns each page's placed PDF pages."""
    forms = []
    for frame in frames:
        page = _PdfPage(begin(frame), frame, table, canvas)
        page.draw()
        forms.append(page.forms)
        end(frame)
    return forms


def page_boxes(frame: PageFrame) -> tuple[tuple[float, float], tuple[float, ...] | None, tuple[float, ...] | None]:
    """The media box's size (trim + bleed + slug on each side), and the TrimBox and BleedBox
    when there is a bleed (else None)."""
    margin = frame.bleed + frame.slug
    size = (frame.width + 2 * margin, frame.height + 2 * margin)
    if not frame.bleed:
        return size, None, None
    outer = margin - frame.bleed
    return (size, (margin, margin, margin + frame.width, margin + frame.height),
            (outer, outer, margin + frame.width + frame.bleed, margin + frame.height + frame.bleed))


def _edition_stamp(date: str) -> str:
    """A ``YYYY-MM-DD`` edition date as a PDF date at midnight China Standard Time, or ``""``
    (the same instant as ``layout.render.pdfx.edition_date``, without loading pikepdf).

    >>> _edition_stamp("2026-01-20"), _edition_stamp("")
    ("D:20260120000000+08'00'", '')
    """
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", date or "")
    return f"D:{match.group(1)}{int(match.group(2)):02d}{int(match.group(3)):02d}000000+08'00'" if match else ""


class PageWriter:
    """The plain writer's pages (no photo), drawn one at a time in page order with one font table:
    each page's content stream, its boxes (trim and bleed in force: as the canvas kept them, set
    once, they stay), its placed PDF pages and its frame."""

    def __init__(self, table: _Fonts) -> None:
        self.table = table
        self.pages: list[pdfobjects.Page] = []
        self.forms: list[list[tuple[str, PlacedPdf]]] = []
        self.frames: list[PageFrame] = []
        self.boxes: list[tuple[float, ...] | None] = [None, None]

    def add(self, frames: Iterable[PageFrame], pack: bool = False) -> None:
        """Draw the next pages (``draw_pages``); ``pack``: compress their content streams now (else
        when the file is assembled)."""
        code: list[str] = []

        def begin(frame: PageFrame) -> Callable[[str], Any]:
            code[:] = ["1 0 0 1 0 0 cm "]  # reportlab's page preamble
            return code.append

        def end(frame: PageFrame) -> None:
            size, trim, bleed = page_boxes(frame)
            self.boxes[:] = trim or self.boxes[0], bleed or self.boxes[1]
            content = "\n".join(code) + "\n \n"
            packed = pdfobjects.stream(content.encode("utf-8")) if pack else None
            self.pages.append(pdfobjects.Page(*size, self.boxes[0], self.boxes[1], content, packed))
            self.frames.append(frame)

        self.forms += draw_pages(frames, self.table, begin, end)


def write_pdf(document: Document, fonts: FontTable, ahead: DrawAhead | None = None) -> bytes:
    """The whole document as deterministic PDF bytes; ``fonts`` gives the file of every
    face the document's glyphs name (``book.resources(document.faces())`` after layout);
    ``ahead``: its first pages drawn while the rest were laid out (``layout.render.ahead``: the
    same bytes). ``OutputError`` when ``SOURCE_DATE_EPOCH`` is set but not a whole number of seconds."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given and not given.isdigit():
        raise OutputError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, not {given!r}")
    stamp = _edition_stamp(document.meta.get("date", ""))
    if any(type(item) is ImageItem for frame in document.pages for item in frame.items):
        from layout.render.pdfcanvas import write_with_canvas

        data, forms = write_with_canvas(document, _Fonts(fonts), stamp)
        return _place_forms(data, forms) if any(forms) else data
    writer = (ahead.writer(document, fonts) if ahead is not None else None) or PageWriter(_Fonts(fonts))
    if not writer.frames:  # the largest face's program made meanwhile by another process (``programs``)
        programs.ask(document.pages, fonts, writer.table.asked)
    writer.add(document.pages[len(writer.frames):], pack=bool(writer.table.asked))
    if writer.table.asked:  # this process's own programs first, the one asked for last (made meanwhile) …
        with contextlib.suppress(Exception):  # … but an error is met again below, in the fonts' order
            for font in sorted(writer.table.fonts.values(), key=lambda font: font.asked is not None):
                font.made()
    data = pdfobjects.assemble(writer.pages, list(writer.table.fonts.values()), document_info(document, stamp))
    return _place_forms(data, writer.forms) if any(writer.forms) else data


def document_info(document: Document, stamp: str) -> pdfobjects.Info:
    """The information dictionary's values for ``document``: its title, the paper as author, the
    issue number as subject (第N期), Banmian as creator, ``stamp`` as the dates."""
    number = document.meta.get("number")
    return pdfobjects.Info(title=_named(document.title), author=_named(document.meta.get("paper", "")),
                           subject=f"第{number}期" if number else "", creator="Banmian", stamp=stamp)


def _named(text: str | None) -> str:
    """A title or author as the canvas kept it (None: ``(anonymous)``)."""
    return "(anonymous)" if text is None else str(text)


def placement_matrix(bbox: tuple[float, float, float, float], rotate: int, left: float, bottom: float, w: float,
                     h: float) -> tuple[float, float, float, float, float, float]:
    """The matrix (a b c d e f) that maps a page's ``bbox`` (its own pt, y up, unrotated),
    turned clockwise by ``rotate`` (0, 90, 180, 270: the page's /Rotate), onto the box at
    (``left``, ``bottom``) of ``w`` × ``h`` pt (y up)."""
    x0, y0, x1, y1 = bbox
    if rotate in (90, 270):
        sx, sy = w / (y1 - y0), h / (x1 - x0)
    else:
        sx, sy = w / (x1 - x0), h / (y1 - y0)
    if rotate == 90:  # the page's top edge goes to the right
        return (0.0, -sy, sx, 0.0, left - sx * y0, bottom + sy * x1)
    if rotate == 180:
        return (-sx, 0.0, 0.0, -sy, left + sx * x1, bottom + sy * y1)
    if rotate == 270:  # the page's top edge goes to the left
        return (0.0, sy, -sx, 0.0, left + sx * y1, bottom - sy * x0)
    return (sx, 0.0, 0.0, sy, left - sx * x0, bottom - sy * y0)


def _place_forms(data: bytes, forms: list[list[tuple[str, PlacedPdf]]]) -> bytes:
    """The PDF with each placed page of another PDF added as the form XObject its page's
    content names (pikepdf: the foreign page copied in with its resources, unrotated: the
    placing matrix turns it); saved with a
    content-derived ID, so the same issue still gives the same bytes."""
    import pikepdf

    out = io.BytesIO()
    opened: list[pikepdf.Pdf] = []  # the foreign files stay open until the copy is saved
    with pikepdf.open(io.BytesIO(data)) as pdf:
        sources: dict[tuple[bytes, int], pikepdf.Object] = {}
        for page, placed in zip(pdf.pages, forms, strict=True):
            for name, item in placed:
                key = (item.data, item.page)
                if key not in sources:
                    opened.append(pikepdf.open(io.BytesIO(item.data)))
                    sources[key] = pdf.copy_foreign(opened[-1].pages[item.page].as_form_xobject(False))
                if pikepdf.Name.Resources not in page.obj:
                    page.obj[pikepdf.Name.Resources] = pikepdf.Dictionary()
                resources = page.obj[pikepdf.Name.Resources]
                if pikepdf.Name.XObject not in resources:
                    resources[pikepdf.Name.XObject] = pikepdf.Dictionary()
                resources[pikepdf.Name.XObject][pikepdf.Name("/" + name)] = sources[key]
        pdf.save(out, deterministic_id=True, compress_streams=True)
    for ad in opened:
        ad.close()
    return out.getvalue()
