"""The PDF of a document with photos, written through reportlab's canvas.

In:  the ``Document``, its ``_Fonts`` table and page painter (``layout.render.pdf``), and the
     edition's date stamp.
Out: the PDF bytes (before any placed PDF pages are added) and each page's placed pages.

reportlab draws the photos (a CMYK JPEG passed through as DCT, named by its pixels); the
rest of each page is the same content-stream text ``layout.render.pdf`` writes for a page
without photos, and the fonts' objects are the ones ``layout.render.cidfont`` formats, handed
to the canvas's document as it saves. Only this path imports reportlab.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

# isort: off
import layout.render.lazypil  # noqa: F401 (before reportlab, which imports PIL.Image: run on first use)
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfgen.canvas import Canvas
# isort: on

if TYPE_CHECKING:
    from layout.frame import Document, PageFrame, PlacedPdf
    from layout.render.cidfont import CIDFont
    from layout.render.pdf import _Fonts

#: The names reportlab gave a font's six objects, in the order it numbered them.
_KINDS = ("FontFile2", "FontDescriptor", "CIDToGIDMap", "CIDFont", "ToUnicode")


class _Formatted(pdfdoc.PDFObject):
    """An object whose bytes are already formatted (filled in once its number is known)."""

    def __init__(self) -> None:
        self.body = b""

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        return self.body


class _DelayedFont:
    """A font's objects, added when the canvas saves the document (reportlab has no public call
    to queue objects with a document: its own dynamic fonts use ``delayedFonts``, as here)."""

    def __init__(self, font: CIDFont) -> None:
        self.font = font

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:
        """Number the six objects in a row and fill them in; name the font in the pages' resources."""
        internal = self.font.internal
        parts = [_Formatted() for _ in range(6)]
        for part, name in zip(parts, [f"{kind}:{internal}" for kind in _KINDS] + [internal]):
            doc.Reference(part, name)
        first = doc.idToObjectNumberAndVersion[f"{_KINDS[0]}:{internal}"][0]
        for part, body in zip(parts, self.font.objects(first)):
            part.body = body
        doc.idToObject[pdfdoc.BasicFonts].dict[internal] = pdfdoc.PDFObjectReference(internal)


class _NoInitialFont:
    """Stands in for the canvas's initial font. reportlab would otherwise declare a
    Helvetica on every page that no text of ours uses (a non-embedded font)."""

    fontName = "BanmianNoInitialFont"
    _dynamicFont = 1  # a "dynamic" font gets no initial Tf in the page preamble
    _multiByte = 0

    class face:
        name = b"BanmianNoInitialFont"

    @classmethod
    def register(cls) -> str:
        """Register once; the font name for ``Canvas(initialFontName=…)``."""
        if cls.fontName not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(cls)
        return cls.fontName


def _page_boxes(canvas: Canvas, frame: PageFrame) -> None:
    """MediaBox = trim + bleed + slug on each side; TrimBox and BleedBox when there is a bleed."""
    from layout.render.pdf import page_boxes

    size, trim, bleed = page_boxes(frame)
    canvas.setPageSize(size)
    if trim and bleed:
        canvas.setTrimBox(trim)
        canvas.setBleedBox(bleed)


def write_with_canvas(document: Document, table: _Fonts, stamp: str) -> tuple[bytes, list[list[tuple[str, PlacedPdf]]]]:
    """The document drawn on a reportlab canvas: the PDF bytes and each page's placed PDF pages."""
    from layout.render.pdf import document_info, draw_pages

    rl_config.useA85 = 0
    buffer = io.BytesIO()
    first = document.pages[0]
    canvas = Canvas(buffer, pagesize=(first.width, first.height), invariant=1, pageCompression=1,
                    pdfVersion=(1, 6), initialFontName=_NoInitialFont.register())
    info = document_info(document, stamp)
    canvas.setTitle(document.title)  # (as given: the canvas writes None as its own "(anonymous)")
    canvas.setAuthor(info.author)
    canvas.setCreator(info.creator)
    canvas.setSubject(info.subject)
    if stamp:  # CreationDate and ModDate: the edition's date, as --pdfx writes it (not invariant's 2000-01-01)
        canvas.setDateFormatter(lambda *_: stamp)

    def begin(frame: PageFrame) -> Callable[[str], Any]:
        _page_boxes(canvas, frame)
        return canvas.addLiteral

    forms = draw_pages(document.pages, table, begin, lambda frame: canvas.showPage(), canvas)
    canvas._doc.delayedFonts.extend(_DelayedFont(font) for font in table.fonts.values())
    canvas.save()
    return buffer.getvalue(), forms
