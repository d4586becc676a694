"""PNG preview back end: draws a ``PageFrame`` onto a Pillow image.

In:  one ``PageFrame`` (pt, top-left origin), the ``FontBook`` that knows each
     face's file, and a resolution in dpi.
Out: an RGB ``PIL.Image`` of the whole page, or PNG bytes.

It reads the same frame as the PDF back end and makes no layout decision: each
glyph is drawn at its frame position (origin on the baseline, horizontal scale
applied about the origin), rules, boxes and dots as given, images scaled to cover
their box and cropped centrally. CMYK is turned into RGB with the naive formula
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

from PIL import Image, ImageDraw, ImageFont

from layout.frame import CMYK, Box, Dot, ImageItem, PageFrame, Rule, TextLine, VerticalLine, paint
from layout.text.font import Face, FontBook
from layout.text.line import Glyph

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


@lru_cache(maxsize=256)
def pil_font(path: str, px: float) -> ImageFont.FreeTypeFont:
    """A Pillow font for a file at a pixel size (basic layout: one glyph at a time, no shaping)."""
    return ImageFont.truetype(path, px, layout_engine=ImageFont.Layout.BASIC)


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


@lru_cache(maxsize=16)
def _cover(path: Path, mtime_ns: int, size: tuple[int, int]) -> Image.Image:
    """An image file scaled to cover ``size`` px and cropped centrally (as the PDF clips it)."""
    with Image.open(path) as im:
        im.draft("RGB", size)  # JPEG: decode at a reduced scale when that is enough
        rgb = im.convert("RGB")
    iw, ih = rgb.size
    scale = max(size[0] / iw, size[1] / ih)
    cw, ch = size[0] / scale, size[1] / scale
    box = ((iw - cw) / 2, (ih - ch) / 2, (iw + cw) / 2, (ih + ch) / 2)
    return rgb.resize(size, Image.Resampling.BILINEAR, box=box)


def page_size(frame: PageFrame, dpi: float) -> tuple[int, int]:
    """The pixel size of a page at ``dpi``: partial pixels count, as pdfium renders.

    >>> from layout.frame import PageFrame
    >>> page_size(PageFrame(1, "", 1105.5118, 1544.8819, ()), 100)
    (1536, 2146)
    """
    k = dpi / 72.0
    return math.ceil(frame.width * k - 1e-6), math.ceil(frame.height * k - 1e-6)


class _Raster:
    """Draws one frame's items onto an image at ``dpi``."""

    def __init__(self, frame: PageFrame, book: FontBook, dpi: float) -> None:
        self.frame, self.book, self.k = frame, book, dpi / 72.0
        self.image = Image.new("RGB", page_size(frame, dpi), "white")
        self.draw = ImageDraw.Draw(self.image)
        self.paths: dict[str, str] = {}

    def px(self, v: float) -> float:
        """pt → px."""
        return v * self.k

    def face_path(self, name: str) -> str:
        """The font file of a face name."""
        if name not in self.paths:
            face = self.book.face(name)
            assert face is not None, name
            self.paths[name] = str(face.path)
        return self.paths[name]

    def text(self, line: TextLine) -> None:
        """Each glyph's cached mask at its origin, rounded to the pixel."""
        fill, base = cmyk_to_rgb(line.color), round(self.px(line.baseline))
        for g in line.glyphs:
            if g.ch.isspace():
                continue
            mask, dx, dy = self._mask(g)
            self.draw.bitmap((round(self.px(line.x + g.x)) + dx, base + dy), mask, fill=fill)

    def vertical(self, line: VerticalLine) -> None:
        """A vertical column: a glyph drawn by its vertical form is drawn as the Unicode
        presentation form (U+FE10…FE4F) the face maps to that glyph, or else as the
        horizontal character (turned, or moved to the upper right for 。，、．); turned
        glyphs are rotated 90° clockwise about their origin."""
        fill = cmyk_to_rgb(line.color)
        for g in line.glyphs:
            ch = g.ch
            x, y = self.px(line.x + g.x), self.px(line.top + g.y)
            turned = g.rotated
            if g.gid is not None:
                form = _presentation_forms(self.book.face(g.face)).get(g.gid)
                if form is not None:
                    ch = form
                elif g.ch in "。，、．":
                    x, y = x + self.px(g.size) / 2, y - self.px(g.size) / 2
                else:
                    turned = True
                    x, y = x + self.px(g.size) * 0.12, y - self.px(g.size) * 0.88  # origin of the turned glyph
            mask, dx, dy = glyph_mask(self.face_path(g.face), round(self.px(g.size), 2), ch, g.scale)
            if turned:  # (u, v) from the origin → (−v, u): the mask turns clockwise
                mask, dx, dy = mask.rotate(-90, expand=True), -(dy + mask.height), dx
            self.draw.bitmap((round(x) + dx, round(y) + dy), mask, fill=fill)

    def _mask(self, g: Glyph) -> tuple[Image.Image, int, int]:
        """The mask of glyph ``g`` at this resolution (a cluster is drawn by its base, as in the PDF)."""
        return glyph_mask(self.face_path(g.face), round(self.px(g.size), 2), g.ch[:1], g.scale)

    def rule(self, r: Rule) -> None:
        """A line at least one pixel wide; dashed in on/off segments when it has a dash."""
        width = max(1, round(self.px(r.width)))
        for (x0, y0), (x1, y1) in _segments_of(r):
            self.draw.line([(self.px(x0), self.px(y0)), (self.px(x1), self.px(y1))],
                           fill=cmyk_to_rgb(r.color), width=width)

    def box(self, b: Box) -> None:
        """A filled and/or stroked rectangle, with diagonals for placeholders."""
        x0, y0, x1, y1 = self.px(b.x), self.px(b.y), self.px(b.x + b.w), self.px(b.y + b.h)
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
        x, y, r = self.px(d.x), self.px(d.y), self.px(d.r)
        if d.stroke_width:
            self.draw.ellipse([x - r, y - r, x + r, y + r], outline=cmyk_to_rgb(d.color),
                              width=max(1, round(self.px(d.stroke_width))))
        else:
            self.draw.ellipse([x - r, y - r, x + r, y + r], fill=cmyk_to_rgb(d.color))

    def photo(self, item: ImageItem) -> None:
        """An image covering its box."""
        x0, y0 = round(self.px(item.x)), round(self.px(item.y))
        size = (max(1, round(self.px(item.x + item.w)) - x0), max(1, round(self.px(item.y + item.h)) - y0))
        if item.data:
            with Image.open(io.BytesIO(item.data)) as prepared:  # CMYK: a naive conversion is fine for a preview
                self.image.paste(prepared.convert("RGB").resize(size, Image.Resampling.BILINEAR), (x0, y0))
            return
        self.image.paste(_cover(item.path, item.path.stat().st_mtime_ns, size), (x0, y0))

    def run(self) -> Image.Image:
        """All items in frame order; the finished image."""
        paint(self.frame.items, self)
        return self.image


_forms: dict[Path, dict[int, str]] = {}


def _presentation_forms(face: Face | None) -> dict[int, str]:
    """Glyph id → the vertical presentation form character (U+FE10…FE19, U+FE30…FE4F) a
    face maps to it, for drawing a vertical form by character (cached per font file)."""
    if face is None:
        return {}
    if face.path not in _forms:
        _forms[face.path] = {gid: chr(cp) for cp, gid in face.gids.items()
                             if 0xFE10 <= cp <= 0xFE19 or 0xFE30 <= cp <= 0xFE4F}
    return _forms[face.path]


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


def render_page(frame: PageFrame, book: FontBook, dpi: float = DEFAULT_DPI) -> Image.Image:
    """One page as an RGB image, ``dpi`` pixels per inch (100 dpi: a broadsheet is 1536 × 2146 px)."""
    with RENDER_LOCK:
        return _Raster(frame, book, dpi).run()


def png_bytes(image: Image.Image) -> bytes:
    """An image as PNG bytes (fast compression: previews are rewritten on every change)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()
