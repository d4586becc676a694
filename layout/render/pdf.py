"""PDF back end: reads a ``Document`` of frames and writes PDF bytes with reportlab.

In:  ``Document`` (frames in pt, top-left origin) and the ``FontBook`` that
     knows where each face's file is.
Out: PDF bytes: fonts embedded and subset (reportlab's TrueType subsets with
     ToUnicode, so text extracts), colours in DeviceCMYK, fixed dates and IDs
     (``invariant``) so the same issue gives the same bytes.

Each glyph is placed where the frame says: a text line becomes one text
object, with one ``TJ`` array per run of glyphs in the same face, size and
scale, whose kerning numbers move each glyph from its font advance to its set
position. No layout decision is made here.
"""

from __future__ import annotations

import io

from reportlab import rl_config
from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfgen.canvas import Canvas

from layout.frame import CMYK, Box, Document, ImageItem, PageFrame, Rule, TextLine
from layout.render.rlfont import rl_font
from layout.text.font import FontBook
from layout.text.line import Glyph


def fp_str(*values: float) -> str:
    """Numbers for the content stream: at most 3 decimals, no trailing zeros, no -0."""
    out = []
    for v in values:
        text = f"{v:.3f}".rstrip("0").rstrip(".")
        out.append("0" if text in ("-0", "") else text)
    return " ".join(out)


def _cmyk(color: CMYK, stroke: bool = False) -> str:
    """A DeviceCMYK colour operator."""
    return f"{fp_str(*color)} {'K' if stroke else 'k'}"


def _segments(glyphs: tuple[Glyph, ...]) -> list[list[Glyph]]:
    """Consecutive glyphs sharing face, size and scale (a missing glyph stands alone)."""
    out: list[list[Glyph]] = []
    for g in glyphs:
        last = out[-1][-1] if out else None
        if last and (last.face, last.size, last.scale) == (g.face, g.size, g.scale) and not (g.missing or last.missing):
            out[-1].append(g)
        else:
            out.append([g])
    return out


class _PdfPage:
    """Draws one frame onto the canvas."""

    def __init__(self, canvas: Canvas, frame: PageFrame, book: FontBook) -> None:
        self.c, self.frame, self.book = canvas, frame, book
        self.code = canvas._code  # raw content stream operators

    def y(self, y: float) -> float:
        """Frame y (down from the top) → PDF y (up from the bottom)."""
        return self.frame.height - y

    def text(self, line: TextLine) -> None:
        """One text line as BT … ET with positioned TJ runs."""
        out = [_cmyk(line.color), "BT"]
        doc = self.c._doc
        for seg in _segments(line.glyphs):
            face = self.book.face(seg[0].face)
            assert face is not None
            font = rl_font(face.name, face.path)
            size, scale = seg[0].size, seg[0].scale
            out.append(f"{fp_str(scale * 100)} Tz")
            pos = 0
            for subset, chunk in font.splitString("".join(g.ch for g in seg), doc):
                glyphs = seg[pos:pos + len(chunk)]
                pos += len(chunk)
                out.append(f"{font.getSubsetInternalName(subset, doc)} {fp_str(size)} Tf")
                out.append(f"1 0 0 1 {fp_str(line.x + glyphs[0].x, self.y(line.baseline))} Tm")
                out.append(self._tj(face, glyphs, chunk, size, scale))
        out.append("100 Tz ET")
        self.code.append(" ".join(out))

    @staticmethod
    def _tj(face: object, glyphs: list[Glyph], chunk: bytes, size: float, scale: float) -> str:
        """A TJ array: each glyph byte, then the kern that moves the pen to the next glyph's x."""
        parts: list[str] = []
        for k, g in enumerate(glyphs):
            parts.append(f"({escapePDF(chunk[k:k + 1])})")
            if k + 1 < len(glyphs):
                advance = face.advance_em(g.ch) if not g.missing else 0.0  # type: ignore[attr-defined]
                kern = (advance - (glyphs[k + 1].x - g.x) / (size * scale)) * 1000
                if abs(kern) > 0.05:
                    parts.append(fp_str(kern))
        return f"[{' '.join(parts)}] TJ"

    def rule(self, r: Rule) -> None:
        """A stroked line."""
        self.code.append(f"q {_cmyk(r.color, True)} {fp_str(r.width)} w 0 J "
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
        self.code.append(" ".join(ops))

    def image(self, item: ImageItem) -> None:
        """An image scaled to cover its box, cropped by a clip path."""
        from PIL import Image

        with Image.open(item.path) as im:
            iw, ih = im.size
        scale = max(item.w / iw, item.h / ih)
        w, h = iw * scale, ih * scale
        self.c.saveState()
        path = self.c.beginPath()
        path.rect(item.x, self.y(item.y + item.h), item.w, item.h)
        self.c.clipPath(path, stroke=0, fill=0)
        self.c.drawImage(str(item.path), item.x - (w - item.w) / 2, self.y(item.y + item.h) - (h - item.h) / 2, w, h)
        self.c.restoreState()

    def draw(self) -> None:
        """All items in frame order."""
        for item in self.frame.items:
            if isinstance(item, TextLine):
                self.text(item)
            elif isinstance(item, Rule):
                self.rule(item)
            elif isinstance(item, Box):
                self.box(item)
            elif isinstance(item, ImageItem):
                self.image(item)


def write_pdf(document: Document, book: FontBook) -> bytes:
    """The whole document as deterministic PDF bytes."""
    rl_config.useA85 = 0
    buffer = io.BytesIO()
    first = document.pages[0]
    canvas = Canvas(buffer, pagesize=(first.width, first.height), invariant=1, pageCompression=1,
                    pdfVersion=(1, 6))
    canvas.setTitle(document.title)
    canvas.setAuthor(document.meta.get("paper", ""))
    canvas.setCreator("Banmian")
    canvas.setSubject(f"第{document.meta.get('number', '')}期" if document.meta.get("number") else "")
    for frame in document.pages:
        canvas.setPageSize((frame.width, frame.height))
        _PdfPage(canvas, frame, book).draw()
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
