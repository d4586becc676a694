"""PNG preview back end: draws a ``PageFrame`` onto a Pillow image.

In:  one ``PageFrame`` (pt, top-left origin), the ``FontTable`` giving each face
     name's font file, and a resolution in dpi.
Out: an RGB ``PIL.Image`` of the whole page, or PNG bytes.

It reads the same frame as the PDF back end and makes no layout decision: each
glyph is drawn at its frame position (origin on the baseline, horizontal scale
applied about the origin), rules, boxes and dots as given, a photo as its
prepared bytes scaled to the box. CMYK is turned into RGB with the naive formula
(a preview, not a proof). Glyph origins snap to whole pixels: every glyph
bitmap is rasterised once per (font file, pixel size, character, scale) and
cached, which makes a warm broadsheet page a few times faster than one
``ImageDraw.text`` call per glyph.
"""

from __future__ import annotations

import io
import math
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from layout.frame import (
    CMYK,
    Box,
    Dot,
    FontTable,
    Glyph,
    ImageItem,
    Item,
    PageFrame,
    PlacedPdf,
    PreviewOnly,
    Rule,
    TextLine,
    VerticalLine,
    paint,
)
from layout.render.pngenc import png_bytes as png_bytes  # re-exported: the PNG encoder of this back end

DEFAULT_DPI = 100.0
RGB = tuple[int, int, int]
_MASK_LIMIT = 50_000  # cached glyph bitmaps (a broadsheet page uses about 1 100)
_masks: dict[tuple[str, float, str, float], tuple[Image.Image, int, int]] = {}
#: FreeType faces are not safe to use from two threads at once; every raster takes this lock.
RENDER_LOCK = threading.RLock()


def cmyk_to_rgb(color: CMYK) -> RGB:
    """Naive CMYK → RGB (no profile).

    >>> cmyk_to_rgb((0.0, 0.0, 0.0, 1.0)), cmyk_to_rgb((0.0, 1.0, 1.0, 0.0))
    ((0, 0, 0), (255, 0, 0))
    """
    c, m, y, k = color
    return (round(255 * (1 - c) * (1 - k)), round(255 * (1 - m) * (1 - k)), round(255 * (1 - y) * (1 - k)))


@lru_cache(maxsize=32)
def _font_bytes(path: str) -> bytes:
    """A font file's bytes, read once. Given a path, FreeType would memory-map the file,
    and a file truncated meanwhile would kill the process (SIGBUS)."""
    return Path(path).read_bytes()


@lru_cache(maxsize=256)
def pil_font(path: str, px: float) -> ImageFont.FreeTypeFont:
    """A Pillow font for a file at a pixel size (basic layout: one glyph at a time, no shaping)."""
    return ImageFont.truetype(io.BytesIO(_font_bytes(path)), px, layout_engine=ImageFont.Layout.BASIC)


def _rasterise(font: ImageFont.FreeTypeFont, ch: str, scale: float) -> tuple[Image.Image, int, int]:
    """A glyph as an L mask and the offset of its top-left from the pen origin on the baseline."""
    left, top, right, bottom = (int(v) for v in font.getbbox(ch, anchor="ls"))
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)))
    ImageDraw.Draw(mask).text((-left, -top), ch, font=font, fill=255, anchor="ls")
    if abs(scale - 1.0) > 1e-6:
        mask = mask.resize((max(1, round(mask.width * scale)), mask.height), Image.Resampling.BILINEAR)
        left = round(left * scale)
    return mask, left, top


def glyph_mask(path: str, px: float, ch: str, scale: float) -> tuple[Image.Image, int, int]:
    """The cached mask of one glyph (see ``_rasterise``)."""
    key = (path, px, ch, round(scale, 4))
    hit = _masks.get(key)
    if hit is None:
        if len(_masks) >= _MASK_LIMIT:
            _masks.clear()
        hit = _masks[key] = _rasterise(pil_font(path, px), ch, scale)
    return hit


def page_size(frame: PageFrame, dpi: float) -> tuple[int, int]:
    """The pixel size of a page at ``dpi``: partial pixels count, as pdfium renders.

    >>> from layout.frame import PageFrame
    >>> page_size(PageFrame(1, "", 1105.5118, 1544.8819, ()), 100)
    (1536, 2146)
    """
    k = dpi / 72.0
    return math.ceil(frame.width * k - 1e-6), math.ceil(frame.height * k - 1e-6)


class _Raster:
    """Draws one frame's items onto an image at ``dpi``: the whole page, or the pixel box
    ``box`` (x0, y0, x1, y1) of it, with x0 and y0 even (see ``layout.render.pngkeep``)."""

    def __init__(self, frame: PageFrame, fonts: FontTable, dpi: float,
                 box: tuple[int, int, int, int] | None = None) -> None:
        self.frame, self.fonts, self.k = frame, fonts, dpi / 72.0
        self.ox, self.oy = (box[0], box[1]) if box else (0, 0)
        size = (box[2] - box[0], box[3] - box[1]) if box else page_size(frame, dpi)
        self.image = Image.new("RGB", size, "white")
        self.draw = ImageDraw.Draw(self.image)
        self.paths: dict[str, str] = {}

    def px(self, v: float) -> float:
        """pt → px (a length)."""
        return v * self.k

    def pxx(self, x: float) -> float:
        """A page x in pt → px in this image."""
        return x * self.k - self.ox

    def pxy(self, y: float) -> float:
        """A page y in pt → px in this image."""
        return y * self.k - self.oy

    def ix(self, x: float) -> int:
        """A page x in pt → the whole px in this image Pillow draws a line or rectangle corner at:
        the page's pixel, truncated as Pillow truncates (a box's origin left of it gives the same
        pixel, not the one nearer zero that Pillow would truncate a negative coordinate to)."""
        return int(x * self.k) - self.ox

    def iy(self, y: float) -> int:
        """A page y in pt → whole px in this image (see ``ix``)."""
        return int(y * self.k) - self.oy

    def face_path(self, name: str) -> str:
        """The font file of a face name."""
        if name not in self.paths:
            self.paths[name] = str(self.fonts[name].path)
        return self.paths[name]

    def text(self, line: TextLine) -> None:
        """Each glyph's cached mask at its origin, rounded to the pixel (drawn by Pillow's core
        ``draw_bitmap`` with the line's ink, as ``ImageDraw.bitmap`` draws it, without working
        out the ink again for every glyph; by ``ImageDraw.bitmap`` itself where a Pillow lacks
        those private names)."""
        fill, base = cmyk_to_rgb(line.color), round(self.px(line.baseline)) - self.oy
        k, x, ox = self.k, line.x, self.ox
        ink, core = _core_bitmap(self.draw, fill)
        for g in line.drawn():  # a scaled line (长体/扁体): narrower or wider glyph masks
            if g.ch.isspace():
                continue
            mask, dx, dy = self._mask(g)
            xy = (round((x + g.x) * k) - ox + dx, base + dy)
            if core is not None:
                core(xy, mask.im, ink)
            else:
                self.draw.bitmap(xy, mask, fill=fill)

    def vertical(self, line: VerticalLine) -> None:
        """A vertical column. Pillow draws by character, not by glyph id: a glyph drawn by
        its vertical form is drawn as its ``form`` says (the character, offset and turn the
        flow chose); turned glyphs are rotated 90° clockwise about their origin."""
        fill = cmyk_to_rgb(line.color)
        for g in line.glyphs:
            ch, turned = g.ch, g.rotated
            x, y = self.px(line.x + g.x), self.px(line.top + g.y)
            if g.form is not None:
                ch, turned = g.form.ch, g.form.rotated
                x, y = x + self.px(g.form.dx), y + self.px(g.form.dy)
            mask, dx, dy = glyph_mask(self.face_path(g.face), round(self.px(g.size), 2), ch, g.scale)
            if turned:  # (u, v) from the origin → (−v, u): the mask turns clockwise
                mask, dx, dy = mask.rotate(-90, expand=True), -(dy + mask.height), dx
            self.draw.bitmap((round(x) - self.ox + dx, round(y) - self.oy + dy), mask, fill=fill)

    def _mask(self, g: Glyph) -> tuple[Image.Image, int, int]:
        """The mask of glyph ``g`` at this resolution (a cluster is drawn by its base, as in the PDF)."""
        return glyph_mask(self.face_path(g.face), round(self.px(g.size), 2), g.ch[:1], g.scale)

    def rule(self, r: Rule) -> None:
        """A line at least one pixel wide; dashed in on/off segments when it has a dash."""
        width = max(1, round(self.px(r.width)))
        for (x0, y0), (x1, y1) in _segments_of(r):
            self.draw.line([(self.ix(x0), self.iy(y0)), (self.ix(x1), self.iy(y1))],
                           fill=cmyk_to_rgb(r.color), width=width)

    def box(self, b: Box) -> None:
        """A filled and/or stroked rectangle, with diagonals for placeholders."""
        x0, y0, x1, y1 = self.ix(b.x), self.iy(b.y), self.ix(b.x + b.w), self.iy(b.y + b.h)
        width = max(1, round(self.px(b.stroke_width)))
        if b.fill:
            self.draw.rectangle([x0, y0, x1, y1], fill=cmyk_to_rgb(b.fill))
        if b.stroke:
            stroke = cmyk_to_rgb(b.stroke)
            self.draw.rectangle([x0, y0, x1, y1], outline=stroke, width=width)
            if b.cross:
                self.draw.line([(x0, y0), (x1, y1)], fill=stroke, width=width)
                self.draw.line([(x1, y0), (x0, y1)], fill=stroke, width=width)

    def dot(self, d: Dot) -> None:
        """A circle: filled (an emphasis dot) or stroked (a registration mark)."""
        x, y, r = self.pxx(d.x), self.pxy(d.y), self.px(d.r)
        if d.stroke_width:
            self.draw.ellipse([x - r, y - r, x + r, y + r], outline=cmyk_to_rgb(d.color),
                              width=max(1, round(self.px(d.stroke_width))))
        else:
            self.draw.ellipse([x - r, y - r, x + r, y + r], fill=cmyk_to_rgb(d.color))

    def photo(self, item: ImageItem) -> None:
        """The prepared photo scaled to its box (CMYK shown with the naive conversion: a preview)."""
        x0, y0 = round(self.px(item.x)), round(self.px(item.y))
        size = (max(1, round(self.px(item.x + item.w)) - x0), max(1, round(self.px(item.y + item.h)) - y0))
        with Image.open(io.BytesIO(item.data)) as prepared:
            self.image.paste(prepared.convert("RGB").resize(size, Image.Resampling.BILINEAR),
                             (x0 - self.ox, y0 - self.oy))

    def placed(self, item: PlacedPdf) -> None:
        """A page of another PDF, rendered by pdfium to the box's pixels (its ``bbox`` part);
        a grey box with a cross if the page cannot be rendered."""
        x0, y0 = round(self.px(item.x)), round(self.px(item.y))
        size = (max(1, round(self.px(item.x + item.w)) - x0), max(1, round(self.px(item.y + item.h)) - y0))
        try:
            picture = _pdf_page_image(item.data, item.page, item.bbox, item.rotate, size)
        except Exception:  # any failure of pdfium: the preview shows a placeholder instead
            self.box(Box(item.x, item.y, item.w, item.h, (0.0, 0.0, 0.0, 0.1), (0.0, 0.0, 0.0, 0.5), 0.5, cross=True))
            return
        self.image.paste(picture, (x0 - self.ox, y0 - self.oy))

    def preview(self, item: PreviewOnly) -> None:
        """A non-printing group: drawn in the preview like any items."""
        paint(item.items, self)

    def run(self, items: tuple[Item, ...] | None = None) -> Image.Image:
        """All items (or ``items``) in frame order; the finished image."""
        paint(self.frame.items if items is None else items, self)
        return self.image


@lru_cache(maxsize=16)
def _pdf_page_image(data: bytes, page: int, bbox: tuple[float, float, float, float], rotate: int,
                    size: tuple[int, int]) -> Image.Image:
    """Page ``page`` of a PDF file's bytes, its ``bbox`` (pt, y up, unrotated) rendered to
    ``size`` pixels (RGB), turned clockwise by ``rotate`` (its /Rotate) as viewers show it."""
    import pypdfium2 as pdfium  # only for pages that place another PDF

    document = pdfium.PdfDocument(data)
    try:
        sheet = document[page]
        sheet.set_rotation(0)  # rendered unrotated, cropped to bbox, then turned below
        left, bottom, right, top = sheet.get_mediabox()
        across = size[1] if rotate in (90, 270) else size[0]
        scale = across / (bbox[2] - bbox[0])
        crop = (bbox[0] - left, bbox[1] - bottom, right - bbox[2], top - bbox[3])
        picture = sheet.render(scale=scale, crop=tuple(max(0.0, c) for c in crop)).to_pil().convert("RGB")
    finally:
        document.close()
    if rotate:
        picture = picture.rotate(-rotate, expand=True)  # PIL turns counter-clockwise
    return picture.resize(size, Image.Resampling.BILINEAR)


def _segments_of(r: Rule) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The drawn pieces of a rule (pt): the whole line, or its dashes."""
    if not r.dash:
        return [((r.x0, r.y0), (r.x1, r.y1))]
    length = math.hypot(r.x1 - r.x0, r.y1 - r.y0)
    if length == 0:
        return []
    ux, uy = (r.x1 - r.x0) / length, (r.y1 - r.y0) / length
    pieces, pos, k = [], 0.0, 0
    while pos < length:
        step = r.dash[k % len(r.dash)]
        if k % 2 == 0:
            end = min(pos + max(step, 0.01), length)
            pieces.append(((r.x0 + ux * pos, r.y0 + uy * pos), (r.x0 + ux * end, r.y0 + uy * end)))
        pos += max(step, 0.01)
        k += 1
    return pieces


def _core_bitmap(draw: ImageDraw.ImageDraw, fill: Any) -> tuple[Any, Any]:
    """The ink of ``fill`` and Pillow's core ``draw_bitmap`` (private names: ``ImageDraw.bitmap``
    works the ink out again for every glyph), or (None, None) where this Pillow lacks them."""
    try:
        return draw._getink(fill)[0], draw.draw.draw_bitmap
    except AttributeError:
        return None, None


def render_page(frame: PageFrame, fonts: FontTable, dpi: float = DEFAULT_DPI) -> Image.Image:
    """One page as an RGB image, ``dpi`` pixels per inch (100 dpi: a broadsheet is 1536 × 2146 px)."""
    with RENDER_LOCK:
        return _Raster(frame, fonts, dpi).run()
