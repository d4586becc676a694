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
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

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
from layout.render.pngenc import derived
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
    ``box`` (x0, y0, x1, y1) of it, with x0 and y0 even (see ``_update``)."""

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

    def face_path(self, name: str) -> str:
        """The font file of a face name."""
        if name not in self.paths:
            self.paths[name] = str(self.fonts[name].path)
        return self.paths[name]

    def text(self, line: TextLine) -> None:
        """Each glyph's cached mask at its origin, rounded to the pixel."""
        fill, base = cmyk_to_rgb(line.color), round(self.px(line.baseline)) - self.oy
        for g in line.drawn():  # a scaled line (长体/扁体): narrower or wider glyph masks
            if g.ch.isspace():
                continue
            mask, dx, dy = self._mask(g)
            self.draw.bitmap((round(self.px(line.x + g.x)) - self.ox + dx, base + dy), mask, fill=fill)

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
            self.draw.line([(self.pxx(x0), self.pxy(y0)), (self.pxx(x1), self.pxy(y1))],
                           fill=cmyk_to_rgb(r.color), width=width)

    def box(self, b: Box) -> None:
        """A filled and/or stroked rectangle, with diagonals for placeholders."""
        x0, y0, x1, y1 = self.pxx(b.x), self.pxy(b.y), self.pxx(b.x + b.w), self.pxy(b.y + b.h)
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


Box4 = tuple[int, int, int, int]


def _bounds(item: Item, k: float) -> Box4:
    """Page pixels (at ``k`` px per pt) an item can touch (x0, y0, x1, y1), never short:
    a glyph from 1 em left of its origin to 2 em right, 1½ em above the baseline to ¾ em
    below; strokes, antialiasing and vertical lines generously."""
    pad = 3
    if isinstance(item, TextLine):
        if not item.glyphs:
            return (0, 0, 0, 0)
        glyphs = item.drawn()
        em = max([g.size * g.scale if g.scale > 1.0 else g.size for g in glyphs])
        xs = [g.x for g in glyphs]
        x0, x1 = item.x + min(xs), item.x + max(xs)
        return _int_box(k * (x0 - em) - pad, k * (item.baseline - 1.5 * em) - pad, k * (x1 + 2 * em) + pad,
                        k * (item.baseline + 0.75 * em) + pad)
    if isinstance(item, Rule):
        w = k * item.width + pad
        return _int_box(k * min(item.x0, item.x1) - w, k * min(item.y0, item.y1) - w,
                        k * max(item.x0, item.x1) + w, k * max(item.y0, item.y1) + w)
    if isinstance(item, Box):
        w = k * item.stroke_width + pad
        return _int_box(k * item.x - w, k * item.y - w, k * (item.x + item.w) + w, k * (item.y + item.h) + w)
    if isinstance(item, Dot):
        r = k * (item.r + item.stroke_width) + pad
        return _int_box(k * item.x - r, k * item.y - r, k * item.x + r, k * item.y + r)
    if isinstance(item, PreviewOnly):
        boxes = [_bounds(i, k) for i in item.items] or [(0, 0, 0, 0)]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                max(b[3] for b in boxes))
    if isinstance(item, (ImageItem, PlacedPdf)):
        x0, y0, x1, y1 = item.x, item.y, item.x + item.w, item.y + item.h
        return _int_box(k * x0 - pad, k * y0 - pad, k * x1 + pad, k * y1 + pad)
    s = 2 * max((g.size for g in item.glyphs), default=0.0)  # a vertical line: two ems around its glyphs
    gx, gy = [g.x for g in item.glyphs] or [0.0], [g.y for g in item.glyphs] or [0.0]
    return _int_box(k * (item.x + min(gx) - s) - pad, k * (item.top + min(gy) - s) - pad,
                    k * (item.x + max(item.width, max(gx)) + s) + pad, k * (item.top + max(gy) + s) + pad)


def _stroke_meets(b: Box, region: Box4, k: float) -> bool:
    """Whether the outline (and cross) of a stroked box can touch the pixel box ``region``:
    its interior far from the strokes is left alone."""
    outer = _bounds(b, k)
    if not _meets(outer, region):
        return False
    w = k * b.stroke_width + 3
    inner = _int_box(k * b.x + w, k * b.y + w, k * (b.x + b.w) - w, k * (b.y + b.h) - w)
    if not _within(region, inner):
        return True  # the region reaches the edge bands
    return b.cross  # inside: only the diagonals could pass through it




def _int_box(x0: float, y0: float, x1: float, y1: float) -> Box4:
    """Whole pixels around a box of fractional ones."""
    return math.floor(x0), math.floor(y0), math.ceil(x1), math.ceil(y1)


def _meets(a: Box4, b: Box4) -> bool:
    """Whether two pixel boxes overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _within(a: Box4, b: Box4) -> bool:
    """Whether box ``a`` lies inside box ``b``."""
    return b[0] <= a[0] and b[1] <= a[1] and a[2] <= b[2] and a[3] <= b[3]


def _union(a: Box4, b: Box4) -> Box4:
    """The smallest box around both."""
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


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


#: the last raster of each page (number, name, dpi, fonts), for redrawing only what an edit changed
_PAGES: OrderedDict[tuple[int, str, float, frozenset[object]], tuple[PageFrame, Image.Image, list[Box4] | None]] = (
    OrderedDict())  # (frame, raster, each item's ``_bounds`` when an update worked them out)
_PAGES_KEPT = 8  # pages remembered (a broadsheet page at 100 dpi is about 13 MB)


def render_page(frame: PageFrame, fonts: FontTable, dpi: float = DEFAULT_DPI, keep: bool = False) -> Image.Image:
    """One page as an RGB image, ``dpi`` pixels per inch (100 dpi: a broadsheet is 1536 × 2146 px).

    With ``keep`` (a live preview) the raster is remembered, per page, and must not be
    drawn on: the same page again is the same image, and a page whose only changes
    are text lines (an edited paragraph) is a copy of the last raster with the boxes
    around the changed lines drawn again (``_update``): the same pixels as drawing the
    whole page, in a fraction of the time. An image once returned is never changed."""
    with RENDER_LOCK:
        if not keep:
            return _Raster(frame, fonts, dpi).run()
        key = (frame.number, frame.name, dpi, frozenset(fonts.items()))
        last = _PAGES.pop(key, None)
        updated = _update(*last, frame, fonts, dpi) if last else None
        image, bounds = updated or (_Raster(frame, fonts, dpi).run(), None)
        _PAGES[key] = (frame, image, bounds)
        while len(_PAGES) > _PAGES_KEPT:
            _PAGES.popitem(last=False)
        return image


def _moves_exactly(item: Item) -> bool:
    """Whether an item drawn into a box moved by an even number of pixels gives the same
    pixels as drawn on the page, cut or not by the box's edge: glyph bitmaps and images
    (placed at whole pixels), fills and axis-parallel rules (Pillow rounds their
    coordinates); not outlines, circles or slanted lines."""
    if isinstance(item, Rule):
        return item.x0 == item.x1 or item.y0 == item.y1
    if isinstance(item, Box):
        return not item.stroke
    return not isinstance(item, (Dot, PreviewOnly, PlacedPdf))


def _same_ends(old: tuple[Item, ...], new: tuple[Item, ...]) -> tuple[int, int]:
    """How many items ``old`` and ``new`` share at their start and, after those, at their end."""
    start, end = 0, 0
    limit = min(len(old), len(new))
    while start < limit and (old[start] is new[start] or old[start] == new[start]):
        start += 1
    while end < limit - start and (old[-1 - end] is new[-1 - end] or old[-1 - end] == new[-1 - end]):
        end += 1
    return start, end


def _changes(old: tuple[Item, ...], new: tuple[Item, ...],
             ends: tuple[int, int] | None = None) -> tuple[list[Item], list[Item]] | None:
    """The items only ``old`` has and those only ``new`` has, if both keep the items they
    share in the same order (None otherwise); ``ends``: their ``_same_ends``, if known."""
    start, end = ends or _same_ends(old, new)
    old_mid, new_mid = old[start:len(old) - end], new[start:len(new) - end]
    old_set, new_set = set(old_mid), set(new_mid)
    if [i for i in old_mid if i in new_set] != [i for i in new_mid if i in old_set]:
        return None
    return [i for i in old_mid if i not in new_set], [i for i in new_mid if i not in old_set]


def _regions(boxes: list[Box4]) -> list[Box4]:
    """The boxes, those that overlap merged into one."""
    out: list[Box4] = []
    for box in boxes:
        merged = True
        while merged:
            merged = False
            for other in out:
                if _meets(other, box):
                    out.remove(other)
                    box, merged = _union(box, other), True
                    break
        out.append(box)
    return out


def _grown(box: Box4, others: list[tuple[Box4, Item]], k: float, size: tuple[int, int]) -> Box4:
    """The box grown to hold whole every item it meets that would not land on the same
    pixels when cut by its edge (see ``_moves_exactly``), its corner moved to even pixels,
    and cut to the page."""
    grown = True
    while grown:
        grown = False
        for bounds, item in others:
            if _moves_exactly(item) or _within(bounds, box) or not _meets(bounds, box):
                continue
            if isinstance(item, Box) and not _stroke_meets(item, box, k):
                continue
            box, grown = _union(box, bounds), True
    return max(0, box[0] - box[0] % 2), max(0, box[1] - box[1] % 2), min(size[0], box[2]), min(size[1], box[3])


def _update(old: PageFrame, image: Image.Image, old_bounds: list[Box4] | None, new: PageFrame, fonts: FontTable,
            dpi: float) -> tuple[Image.Image, list[Box4] | None] | None:
    """A copy of ``image`` (the raster of ``old``) made the raster of ``new``, with each of
    ``new``'s items' ``_bounds`` (those of the items ``old`` shares at its start and end are
    ``old_bounds``' when given: the same item, the same pixels), or None when more than text
    lines changed. Around the changed lines (each group of overlapping ones)
    a pixel box is drawn again: every item that can touch it, in frame order, moved by an
    even number of pixels (rounding is unchanged); the box first grows to hold whole every
    item it meets that would not land on the same pixels when cut by its edge."""
    if (old.width, old.height) != (new.width, new.height) or image.size != page_size(new, dpi):
        return None
    ends = _same_ends(old.items, new.items)
    changes = _changes(old.items, new.items, ends)
    if changes is None or not all(isinstance(i, TextLine) for i in changes[0] + changes[1]):
        return None
    if not changes[0] and not changes[1]:
        return image, old_bounds
    k = dpi / 72.0
    start, end = ends
    if old_bounds is None:
        bounds = [_bounds(i, k) for i in new.items]
    else:
        bounds = [*old_bounds[:start], *(_bounds(i, k) for i in new.items[start:len(new.items) - end]),
                  *old_bounds[len(old_bounds) - end:]]
    others = list(zip(bounds, new.items))
    last, image, rows = image, image.copy(), []  # the last raster may still be in use (a request)
    for box in _regions([_bounds(i, k) for i in changes[0] + changes[1]]):
        box = _grown(box, others, k, image.size)
        if box[0] < box[2] and box[1] < box[3]:
            drawn = tuple(i for bounds, i in others if _meets(bounds, box) and not (
                isinstance(i, Box) and not i.fill and not _moves_exactly(i) and not _stroke_meets(i, box, k)))
            image.paste(_Raster(new, fonts, dpi, box).run(drawn), box[:2])
            rows.append((box[1], box[3]))
    derived(image, last, rows)  # its PNG re-encodes only those rows
    return image, bounds

