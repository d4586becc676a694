"""Preview overlays: the grid and copy-fit problems, drawn over a page preview.

In:  a ``PageFrame`` (its items, ``grid`` and ``regions``), the ``RenderReport``
     and the ``FontBook``, at the preview's dpi.
Out: one transparent RGBA layer per overlay (``layer``), composited onto the
     page by ``compose``; the checks behind them (``underset``, ``loose_lines``,
     ``photo_slots``, ``overset``) as plain data, for tests and the web page.

Overlays, in stacking order (the block ids stay readable on top):
  grid      column edges and numbers, the character grid (body-size em cells in each column)
  baseline  the baseline of every grid line, with line numbers in the margin
  loose     justified body lines with a gap between ideographs over ``LOOSE_EM``
  underset  the empty foot of each column of articles that are underset or have short columns
            (``RenderReport`` copy-fit: the numbers of the render line and ``--report``)
  overset   articles whose text did not fit, with the lines and characters over
  missing   glyphs drawn for characters no font has (缺字), framed in red
  photos    each photo slot with its image's effective ppi
  blocks    each block's rectangle and id
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from PIL import Image, ImageDraw

from layout.blocks import NAMES, block_type
from layout.frame import GridInfo, ImageItem, PageFrame, Region, TextLine, VerticalLine
from layout.render.png import RENDER_LOCK, page_size, pil_font
from layout.report import BlockReport, RenderReport
from layout.text.font import FontBook
from layout.text.script import is_ideograph

OVERLAYS = ("grid", "baseline", "loose", "underset", "overset", "missing", "photos", "blocks")  # bottom to top
#: Overlays too fine to read on a contact-sheet thumbnail.
FINE = ("grid", "baseline")
LOOSE_EM = 0.25  # widest allowed gap between two ideographs of a justified line, in em
SPACE_EM = 0.1  # a gap this much wider than the line's typical gap is a typed space, not looseness
PPI_GOOD, PPI_POOR = 200.0, 150.0  # newsprint at 85–100 lpi wants about 2 × the screen
RGBA = tuple[int, int, int, int]
RED: RGBA = (220, 0, 0, 255)


def parse_overlays(text: str) -> tuple[str, ...]:
    """``"all"`` or a comma list of overlay names → the names, in ``OVERLAYS`` order.

    >>> parse_overlays("blocks,grid"), len(parse_overlays("all"))
    (('grid', 'blocks'), 8)
    >>> parse_overlays("gird")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: unknown overlay gird (choose from grid, baseline, loose, underset, overset, missing, photos, ...
    """
    names = {n.strip() for n in text.split(",") if n.strip()}
    if "all" in names:
        return OVERLAYS
    unknown = sorted(names - set(OVERLAYS))
    if unknown:
        raise ValueError(f"unknown overlay {', '.join(unknown)} (choose from {', '.join(OVERLAYS)} or all)")
    return tuple(n for n in OVERLAYS if n in names)


@dataclass(frozen=True)
class Underset:
    """The empty band at a block's foot: from its last text line's cell to its bottom."""

    block: str
    x: float
    y: float
    w: float
    h: float
    lines: int


@dataclass(frozen=True)
class LooseLine:
    """A justified body line and its widest gap between ideographs (pt from the page's left, em)."""

    line: TextLine
    gap_x: float
    gap_w: float
    gap_em: float


@dataclass(frozen=True)
class PhotoSlot:
    """A photo block and its image's effective resolution (``None`` for an empty slot)."""

    region: Region
    image: ImageItem | None
    ppi: float | None


def _lines_of(frame: PageFrame, block: str) -> list[TextLine]:
    """The text lines of one block."""
    return [i for i in frame.items if isinstance(i, TextLine) and i.block == block]


def _columns_of(frame: PageFrame, block: str) -> list[VerticalLine]:
    """The vertical head columns of a block."""
    return [i for i in frame.items if isinstance(i, VerticalLine) and i.block == block and i.glyphs]


def underset(frame: PageFrame, report: RenderReport | None) -> list[Underset]:
    """The empty foot of every column of this page's underset or short articles, as the report
    measured it (``ArticleFit.column_fit``: the same numbers as ``--report`` and the render line)."""
    if report is None:
        return []
    out = []
    for block in report.blocks:
        if block.page != frame.number or block.fit is None or block.copy_fit()["verdict"] == "fits":
            continue
        out += [Underset(block.block, c.x, c.foot, c.width, c.bottom - c.foot, c.empty)
                for c in block.fit.column_fit if c.empty and c.bottom > c.foot]
    return out


def missing_glyphs(frame: PageFrame, report: RenderReport | None) -> list[tuple[float, float, float, str]]:
    """Every glyph drawn for a character no font has: (x, baseline, size in pt, the character)."""
    if report is None:
        return []
    missing = {ch for b in report.blocks if b.page == frame.number for ch in b.missing_glyphs}
    out = []
    for item in frame.items:
        if isinstance(item, TextLine):
            out += [(item.x + g.x, item.baseline, g.size, g.ch) for g in item.drawn() if g.ch in missing]
        elif isinstance(item, VerticalLine):
            out += [(item.x + g.x, item.top + g.y, g.size, g.ch) for g in item.glyphs
                    if g.ch in missing]
    return out


def _advance(book: FontBook, face: str, ch: str, size: float, scale: float) -> float:
    """A glyph's advance in pt (1 em if the face does not know it)."""
    f = book.face(face)
    return (f.advance_em(ch) if f is not None and f.has(ch) else 1.0) * size * scale


def ideograph_gaps(line: TextLine, book: FontBook) -> list[tuple[float, float, float]]:
    """(x, width in pt, width in em) of each gap between two consecutive ideographs of a line."""
    out = []
    for a, b in zip(line.glyphs, line.glyphs[1:]):
        if is_ideograph(a.ch) and is_ideograph(b.ch):
            end = a.x + _advance(book, a.face, a.ch, a.size, a.scale)
            out.append((line.x + end, b.x - end, (b.x - end) / a.size))
    return out


def widest_gap(line: TextLine, book: FontBook) -> tuple[float, float, float]:
    """The widest justification gap between consecutive ideographs of a line: (x, pt, em).

    Justification spreads every gap of a line alike, so a gap more than
    ``SPACE_EM`` wider than the line's typical (low median) gap is a space the
    copy typed (本报讯（记者 龙舟）), which the frame does not mark, and is skipped.
    """
    gaps = ideograph_gaps(line, book)
    if not gaps:
        return 0.0, 0.0, 0.0
    typical = statistics.median_low(em for _, _, em in gaps)
    return max((g for g in gaps if g[2] <= typical + SPACE_EM), key=lambda g: g[2])


def loose_lines(frame: PageFrame, book: FontBook, limit_em: float = LOOSE_EM) -> list[LooseLine]:
    """Justified body lines whose widest gap between ideographs is over ``limit_em``."""
    out = []
    for item in frame.items:
        if isinstance(item, TextLine) and item.kind == "body" and item.justified:
            x, w, em = widest_gap(item, book)
            if em > limit_em + 1e-9:
                out.append(LooseLine(item, x, w, em))
    return out


def effective_ppi(item: ImageItem) -> float:
    """The image's pixels per inch on the page, scaled to cover its box (as the back ends draw it)."""
    if item.ppi:
        return item.ppi
    with Image.open(item.path) as im:
        iw, ih = im.size
    return 72.0 * min(iw / item.w, ih / item.h)


def photo_slots(frame: PageFrame) -> list[PhotoSlot]:
    """Every photo block, with the image placed inside it, if any, and its effective ppi."""
    images = [i for i in frame.items if isinstance(i, ImageItem)]
    out = []
    for region in (r for r in frame.regions if r.kind == "photo"):
        inside = [i for i in images if region.x - 0.5 <= i.x <= region.x + region.w
                  and region.y - 0.5 <= i.y <= region.y + region.h]
        image = inside[0] if inside else None
        out.append(PhotoSlot(region, image, effective_ppi(image) if image else None))
    return out


def overset(frame: PageFrame, report: RenderReport | None) -> list[tuple[Region, BlockReport]]:
    """The blocks of this page that the report lists as overset, with their regions."""
    if report is None:
        return []
    regions = {r.block: r for r in frame.regions}
    return [(regions[b.block], b) for b in report.overset if b.page == frame.number and b.block in regions]


def body_ascent(frame: PageFrame) -> float:
    """Baseline offset below a grid line's top, read from the page's body lines (the most common)."""
    grid = frame.grid
    assert grid is not None
    offsets = Counter(round((i.baseline - grid.top) % grid.pitch, 2) for i in frame.items
                      if isinstance(i, TextLine) and i.kind == "body")
    if offsets:
        return offsets.most_common(1)[0][0]
    return (grid.pitch - grid.body_size) / 2 + grid.ascent_em * grid.body_size


class _Layer:
    """A transparent layer the size of the page, with pt → px drawing helpers."""

    def __init__(self, frame: PageFrame, book: FontBook, dpi: float) -> None:
        self.frame, self.book, self.k = frame, book, dpi / 72.0
        self.image = Image.new("RGBA", page_size(frame, dpi), (0, 0, 0, 0))
        self.draw = ImageDraw.Draw(self.image)
        self.label_px = max(10.0, 7.0 * self.k)

    def rect(self, x: float, y: float, w: float, h: float, outline: RGBA | None = None,
             fill: RGBA | None = None, width: int = 1) -> None:
        """A rectangle given in pt."""
        k = self.k
        self.draw.rectangle([round(x * k), round(y * k), round((x + w) * k), round((y + h) * k)],
                            fill=fill, outline=outline, width=width)

    def hline(self, x0: float, x1: float, y: float, colour: RGBA) -> None:
        """A one-pixel horizontal line in pt."""
        k = self.k
        self.draw.line([(round(x0 * k), round(y * k)), (round(x1 * k), round(y * k))], fill=colour, width=1)

    def vline(self, x: float, y0: float, y1: float, colour: RGBA, width: int = 1) -> None:
        """A vertical line in pt."""
        k = self.k
        self.draw.line([(round(x * k), round(y0 * k)), (round(x * k), round(y1 * k))], fill=colour, width=width)

    def tag(self, x: float, y: float, text: str, colour: RGBA, anchor: str = "la") -> None:
        """A label: white text on a filled tag whose corner ``anchor`` (la, lb, ra, mm…) is at (x, y) pt."""
        face = self.book.chain("hei").first
        font = pil_font(str(face.path), round(self.label_px, 1))
        pad = round(self.label_px / 4)
        left, top, right, bottom = self.draw.textbbox((x * self.k, y * self.k), text, font=font, anchor=anchor)
        dx = {"l": pad, "r": -pad}.get(anchor[0], 0)
        dy = {"a": pad, "b": -pad}.get(anchor[1], 0)
        self.draw.rectangle([left - pad + dx, top - pad + dy, right + pad + dx, bottom + pad + dy], fill=colour)
        self.draw.text((x * self.k + dx, y * self.k + dy), text, font=font, anchor=anchor, fill=(255, 255, 255, 255))


def _type_area(grid: GridInfo) -> tuple[float, float, float, float]:
    """Left, top, right and bottom of the grid's type area, in pt."""
    return grid.columns[0], grid.top, grid.columns[-1] + grid.column_width, grid.top + grid.lines * grid.pitch


def _draw_grid(layer: _Layer, frame: PageFrame, report: RenderReport | None) -> None:
    """Character cells in every column on every line, column outlines and numbers."""
    grid = frame.grid
    if grid is None:
        return
    size, inset = grid.body_size, (grid.pitch - grid.body_size) / 2
    cells = max(1, round(grid.column_width / size))
    cell_colour, column_colour = (0, 150, 220, 70), (0, 110, 220, 200)
    _, top, _, bottom = _type_area(grid)
    for number, x in enumerate(grid.columns, start=1):
        for line in range(grid.lines):
            y = grid.top + line * grid.pitch + inset
            for c in range(cells):
                layer.rect(x + c * size, y, size, size, outline=cell_colour)
        layer.rect(x, top, grid.column_width, bottom - top, outline=column_colour)
        layer.tag(x + grid.column_width / 2, bottom + 2.0, str(number), column_colour, "ma")


def _draw_baseline(layer: _Layer, frame: PageFrame, report: RenderReport | None) -> None:
    """Every grid baseline across the type area; every fifth line numbered in the left margin."""
    grid = frame.grid
    if grid is None:
        return
    left, _, right, _ = _type_area(grid)
    ascent, colour = body_ascent(frame), (230, 0, 140, 150)
    for line in range(grid.lines):
        y = grid.top + line * grid.pitch + ascent
        layer.hline(left, right, y, colour)
        if line == 0 or (line + 1) % 5 == 0:
            layer.tag(left - 3.0, y, str(line + 1), (230, 0, 140, 220), "rs")


def _draw_blocks(layer: _Layer, frame: PageFrame, report: RenderReport | None) -> None:
    """Each block's rectangle in its kind's colour, with its id."""
    for region in frame.regions:
        colour = block_type(region.kind).colour if region.kind in NAMES else (80, 80, 80, 255)
        layer.rect(region.x, region.y, region.w, region.h, outline=colour, width=2)
        layer.tag(region.x, region.y, f"{region.block} ({region.kind})", colour)


def _draw_photos(layer: _Layer, frame: PageFrame, report: RenderReport | None) -> None:
    """Each photo slot: its image's effective ppi (green, orange below 200, red below 150) or "empty"."""
    for slot in photo_slots(frame):
        r = slot.region
        if slot.image is None or slot.ppi is None:
            layer.rect(r.x, r.y, r.w, r.h, outline=(120, 120, 120, 255), width=2)
            layer.tag(r.x + r.w / 2, r.y + 2.0, "empty photo slot", (120, 120, 120, 230), "ma")
            continue
        colour = (0, 140, 60, 255) if slot.ppi >= PPI_GOOD else (230, 120, 0, 255) if slot.ppi >= PPI_POOR else RED
        i = slot.image
        layer.rect(i.x, i.y, i.w, i.h, outline=colour, width=3)
        layer.tag(i.x + i.w / 2, i.y + i.h / 2, f"{slot.ppi:.0f} ppi", colour, "mm")


def _draw_overset(layer: _Layer, frame: PageFrame, report: RenderReport | None) -> None:
    """Overset blocks tinted red, with the lines and characters that did not fit."""
    for region, block in overset(frame, report):
        layer.rect(region.x, region.y, region.w, region.h, outline=RED, fill=(255, 0, 0, 40), width=4)
        said = f"{block.overset_chars} chars" if block.overset_chars or not block.overset_notes else \
            block.overset_notes[0]  # (what is no copy: no room for the picture above its caption)
        layer.tag(region.x + region.w, region.y + region.h, f"overset +{block.overset_lines} lines ({said})", RED,
                  "rb")


def _draw_underset(layer: _Layer, frame: PageFrame, report: RenderReport | None) -> None:
    """The empty foot of each column of underset or short articles, tinted amber, with its lines;
    the article's verdict and empty lines (as the render line and ``--report`` count them) at its corner."""
    bands = underset(frame, report)
    for band in bands:
        layer.rect(band.x, band.y, band.w, band.h, outline=(230, 150, 0, 255), fill=(255, 190, 0, 70), width=2)
        if band.h >= layer.label_px / layer.k:
            layer.tag(band.x + band.w / 2, band.y + band.h / 2, f"{band.lines} empty", (200, 120, 0, 255), "mm")
    regions = {r.block: r for r in frame.regions}
    for block in dict.fromkeys(b.block for b in bands):
        fit = report.fit(frame.number, block) if report else None
        if fit and block in regions:
            r = regions[block]
            layer.tag(r.x + r.w, r.y + r.h, f"{fit['verdict']}: {fit['underset_lines']} lines empty",
                      (200, 120, 0, 255), "rb")


def _draw_missing(layer: _Layer, frame: PageFrame, report: RenderReport | None) -> None:
    """A red frame round every glyph drawn for a character no font has, tagged with its code point
    (the page's own fonts cannot draw the character; the serve page and the warnings show it)."""
    for x, baseline, size, ch in missing_glyphs(frame, report):
        layer.rect(x - 1.0, baseline - size * 0.88 - 1.0, size + 2.0, size + 2.0, outline=RED, width=3)
        layer.tag(x + size / 2, baseline + size * 0.2, f"缺字 U+{ord(ch):04X}", RED, "ma")


def _draw_loose(layer: _Layer, frame: PageFrame, report: RenderReport | None) -> None:
    """Loose lines tinted orange over their em band; the widest gap in red."""
    for loose in loose_lines(frame, layer.book):
        line = loose.line
        size = max(g.size for g in line.glyphs)
        face = layer.book.face(line.glyphs[0].face)
        top = line.baseline - (face.ascender / face.upem if face else 0.88) * size
        width = max(g.x + g.size for g in line.glyphs)
        layer.rect(line.x, top, width, size, fill=(255, 140, 0, 60))
        layer.rect(loose.gap_x, top, loose.gap_w, size, fill=(255, 0, 0, 130))


_DRAW = {"grid": _draw_grid, "baseline": _draw_baseline, "blocks": _draw_blocks, "photos": _draw_photos,
         "overset": _draw_overset, "underset": _draw_underset, "loose": _draw_loose, "missing": _draw_missing}


def layer(name: str, frame: PageFrame, report: RenderReport | None, book: FontBook, dpi: float) -> Image.Image:
    """One overlay as a transparent RGBA image the size of the page preview."""
    with RENDER_LOCK:
        drawing = _Layer(frame, book, dpi)
        _DRAW[name](drawing, frame, report)
        return drawing.image


def compose(base: Image.Image, layers: Iterable[Image.Image]) -> Image.Image:
    """The page preview with the layers on top, as RGB."""
    out = base.convert("RGBA")
    for over in layers:
        out.alpha_composite(over)
    return out.convert("RGB")


def with_overlays(base: Image.Image, names: Iterable[str], frame: PageFrame, report: RenderReport | None,
                  book: FontBook, dpi: float) -> Image.Image:
    """The page preview with the named overlays drawn on top (the base itself if there are none)."""
    names = tuple(names)
    if not names:
        return base
    return compose(base, (layer(n, frame, report, book, dpi) for n in names))
