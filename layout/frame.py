"""Positioned page content: what every back end reads and nothing else.

Coordinates are pt with the origin at the top-left of the trimmed page and y
pointing down (as Typst frames). Colours are CMYK tuples in 0..1.

A frame is self-contained plain data: every glyph names its font resource (the
face name, a key of the ``FontTable`` the pipeline hands the back ends) and
carries the glyph id it is drawn by, resolved by the text engine; vertical
placement (turning, moved marks, how a vertical form is shown by character) is
resolved by the flow. This module imports nothing of the text engine, the issue
model or the flow, so a back end that reads frames loads none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, Protocol

CMYK = tuple[float, float, float, float]
BLACK: CMYK = (0.0, 0.0, 0.0, 1.0)


@dataclass(frozen=True)
class FontFile:
    """One font resource: the face ``name`` glyphs refer to, its file and the content key
    of the file the layout measured (``layout.cache.font_key``), so a back end can tell
    when the file changed between layout and drawing."""

    name: str
    path: Path
    key: str = ""


#: Font resources by face name: what a back end needs besides the frames (built by
#: ``FontBook.resources(document.faces())`` after layout; plain data).
FontTable = Mapping[str, FontFile]


class Glyph(NamedTuple):
    """A glyph to draw: character(s) it copies out as, the face (font resource) name,
    size (pt), x of its origin (pt), horizontal scale, and ``gid``, the glyph id in
    that face it is drawn by (0, .notdef, for a character no face has).

    A named tuple, not a frozen dataclass: a page has some ten thousand of them, most made by
    the tuple's own constructor (``new_glyph``, and the text engine's line setting: no ``__init__``
    run, no ``__dict__``; about half the time, 104 bytes instead of 192) and pickled as a plain
    tuple (``TextLine``)."""

    ch: str
    face: str
    size: float
    x: float
    scale: float = 1.0
    missing: bool = False
    emphasis: bool = False  # 着重号 under it
    gid: int = 0


_new = object.__new__
_tnew = tuple.__new__
_GLYPH_OF = partial(_tnew, Glyph)  # a Glyph of the tuple of its fields (``_text_line``)


def new_glyph(ch: str, face: str, size: float, x: float, scale: float, missing: bool, emphasis: bool,
              gid: int) -> Glyph:
    """``Glyph(ch, face, …)`` of all its fields in order, made as a tuple is (as the text engine's line
    setting makes most glyphs of a page)."""
    return _tnew(Glyph, (ch, face, size, x, scale, missing, emphasis, gid))


def moved(glyph: Glyph, dx: float) -> Glyph:
    """``glyph`` with ``dx`` pt added to its x (``x + dx``: the same float as ``replace`` would make)."""
    ch, face, size, x, scale, missing, emphasis, gid = glyph
    return _tnew(Glyph, (ch, face, size, x + dx, scale, missing, emphasis, gid))


@dataclass(frozen=True)
class TextLine:
    """Glyphs on one baseline; glyph x values are relative to ``x``."""

    x: float
    baseline: float
    glyphs: tuple[Glyph, ...]
    block: str
    kind: str = "body"  # body, head, crosshead, caption, banner, folio, label
    color: CMYK = BLACK
    justified: bool = False  # set to the full measure (not a paragraph's last line)
    scale: float = 100.0  # horizontal scale of the whole line, % (长体 below 100, 扁体 above)

    @property
    def text(self) -> str:
        """The characters of the line."""
        return "".join(g.ch for g in self.glyphs)

    def __reduce__(self) -> tuple[Callable[..., TextLine], tuple[Any, ...]]:
        """Pickle as its fields, each glyph as a plain tuple of its fields: a page's lines travel back from a
        forked process with no Python call a glyph either way (``_text_line`` makes each ``Glyph`` again, equal
        field for field)."""
        return _text_line, (self.x, self.baseline, tuple(map(tuple, self.glyphs)), self.block, self.kind,
                            self.color, self.justified, self.scale)

    def drawn(self) -> tuple[Glyph, ...]:
        """The glyphs as drawn: with the line's ``scale`` applied to every glyph's x (from
        the line's ``x``) and horizontal scale; the glyphs themselves at 100 %."""
        if self.scale == 100.0:
            return self.glyphs
        k = self.scale / 100.0
        return tuple([new_glyph(g.ch, g.face, g.size, g.x * k, g.scale * k, g.missing, g.emphasis, g.gid)
                      for g in self.glyphs])


def _text_line(x: float, baseline: float, glyphs: Iterable[tuple[Any, ...]], block: str, kind: str, color: CMYK,
               justified: bool, scale: float) -> TextLine:
    """``TextLine(…)`` for unpickling (``TextLine.__reduce__``): its glyphs made again from their fields, its own
    fields filled as its ``__init__`` fills them."""
    line = _new(TextLine)
    d = line.__dict__
    d["x"], d["baseline"], d["glyphs"], d["block"], d["kind"], d["color"], d["justified"], d["scale"] = (
        x, baseline, tuple(map(_GLYPH_OF, glyphs)), block, kind, color, justified, scale)
    return line


@dataclass(frozen=True)
class Rule:
    """A straight line from (x0, y0) to (x1, y1), ``width`` pt thick."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.5
    color: CMYK = BLACK
    dash: tuple[float, ...] = ()  # on, off lengths in pt (点线); empty: solid


@dataclass(frozen=True)
class Box:
    """A rectangle, filled and/or stroked; ``cross`` draws its diagonals (photo placeholder)."""

    x: float
    y: float
    w: float
    h: float
    fill: CMYK | None = None
    stroke: CMYK | None = None
    stroke_width: float = 0.5
    cross: bool = False


@dataclass(frozen=True)
class ImageItem:
    """A photo drawn to fill the box exactly: ``data`` is the prepared CMYK JPEG (the photo
    stage, ``layout.photo``, cropped and resampled it for this box), which back ends embed
    or show as it is; ``path`` names the source file (for reports and overlays)."""

    x: float
    y: float
    w: float
    h: float
    path: Path
    data: bytes
    ppi: float = 0.0  # effective resolution of ``data`` at this size


@dataclass(frozen=True)
class Dot:
    """A circle centred at (x, y): filled (an emphasis dot, 着重号), or stroked
    ``stroke_width`` pt wide (the ring of a registration mark)."""

    x: float
    y: float
    r: float
    color: CMYK = BLACK
    stroke_width: float = 0.0


@dataclass(frozen=True)
class CharForm:
    """How a back end that draws by character rather than by glyph id (the PNG preview)
    shows a vertical form: the character ``ch`` to draw (a Unicode vertical presentation
    form, or the horizontal mark itself), moved ``dx``, ``dy`` pt from the glyph's origin,
    and whether it is turned 90° clockwise about that point."""

    ch: str
    dx: float = 0.0
    dy: float = 0.0
    rotated: bool = False


@dataclass(frozen=True)
class VGlyph:
    """One glyph of a vertical column. ``x``, ``y``: its origin relative to the column's
    left edge and top (pt). Upright, the origin is the baseline start as usual; ``rotated``
    (turned 90° clockwise, for dashes, brackets without a vertical form, rotated Latin and
    digits), the origin is the glyph's start at the top and its baseline runs down.
    ``gid`` is the glyph id drawn (the font's vertical form, vert/vrt2, when ``form`` is
    set; 0 for a character no face has); the text it copies out as is always ``ch``.
    ``form`` says how to show a vertical form by character (None: draw ``ch`` as placed).
    ``scale`` narrows an upright glyph (纵中横 digits that would be wider than the column)."""

    ch: str
    face: str
    size: float
    x: float
    y: float
    gid: int = 0
    rotated: bool = False
    missing: bool = False
    scale: float = 1.0
    form: CharForm | None = None


@dataclass(frozen=True)
class VerticalLine:
    """A column of glyphs set top to bottom (竖排): ``x`` is its left edge, ``top`` the
    top of its first em box, ``width`` its width (the text size). Glyphs are in reading order."""

    x: float
    top: float
    width: float
    glyphs: tuple[VGlyph, ...]
    block: str
    kind: str = "head"  # head (kicker, headline, subhead, byline of a vertical head)
    color: CMYK = BLACK

    @property
    def text(self) -> str:
        """The characters of the column, top to bottom."""
        return "".join(g.ch for g in self.glyphs)


@dataclass(frozen=True)
class PlacedPdf:
    """A page of another PDF (an advertiser's file) drawn into the box (x, y, w, h): ``data``
    is the file's bytes, ``page`` the 0-based page placed, ``bbox`` (x0, y0, x1, y1, in
    the file's own pt, y up) the part of it that fills the box (its TrimBox, else its
    MediaBox); ``path`` names the source file for reports; ``rotate`` is the page's /Rotate
    (0, 90, 180, 270, clockwise): the box holds the page turned so, as viewers show it."""

    x: float
    y: float
    w: float
    h: float
    path: Path
    data: bytes
    bbox: tuple[float, float, float, float]
    page: int = 0
    rotate: int = 0


@dataclass(frozen=True)
class PreviewOnly:
    """Items that only a preview draws and no PDF ever prints (a placeholder for an ad
    still to come): the PDF back end skips the whole group."""

    items: tuple[Item, ...]


Item = TextLine | Rule | Box | ImageItem | Dot | VerticalLine | PlacedPdf | PreviewOnly


class Painter(Protocol):
    """What a back end implements: one method per item kind (the tiny back-end protocol)."""

    def text(self, item: TextLine) -> None:
        """Draw a line of glyphs."""

    def rule(self, item: Rule) -> None:
        """Draw a straight line."""

    def box(self, item: Box) -> None:
        """Draw a rectangle."""

    def photo(self, item: ImageItem) -> None:
        """Draw an image."""

    def dot(self, item: Dot) -> None:
        """Draw a circle."""

    def vertical(self, item: VerticalLine) -> None:
        """Draw a column of glyphs set top to bottom."""

    def placed(self, item: PlacedPdf) -> None:
        """Draw a page of another PDF."""

    def preview(self, item: PreviewOnly) -> None:
        """Draw (a preview) or skip (a PDF) a non-printing group."""


_PAINT = {TextLine: "text", Rule: "rule", Box: "box", ImageItem: "photo", Dot: "dot", VerticalLine: "vertical",
          PlacedPdf: "placed", PreviewOnly: "preview"}


def paint(items: Iterable[Item], painter: Painter) -> None:
    """Hand every item, in drawing order, to the painter's method for its kind."""
    for item in items:
        getattr(painter, _PAINT[type(item)])(item)


@dataclass(frozen=True)
class Region:
    """Where a block sits (for overlays and reports; back ends do not draw it)."""

    block: str
    kind: str  # article, photo, banner
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class GridInfo:
    """The page grid, for overlays: column left edges, column width, line tops and pitch."""

    columns: tuple[float, ...]
    column_width: float
    top: float
    pitch: float
    lines: int
    body_size: float
    ascent_em: float = 0.88  # em-box top above the baseline, as the layout used it


@dataclass(frozen=True)
class PageFrame:
    """One page: size in pt and its items in drawing order."""

    number: int
    name: str
    width: float
    height: float
    items: tuple[Item, ...]
    grid: GridInfo | None = None
    regions: tuple[Region, ...] = ()
    bleed: float = 0.0  # pt around the trim that the BleedBox adds (0: no hand-off furniture)
    slug: float = 0.0  # pt beyond the bleed for marks and the slug line

    def faces(self) -> set[str]:
        """The face names the page's glyphs are drawn in (the font resources it needs)."""
        items = [*self.items, *(i for group in self.items if isinstance(group, PreviewOnly) for i in group.items)]
        return {g.face for item in items if isinstance(item, (TextLine, VerticalLine)) for g in item.glyphs}


@dataclass(frozen=True)
class Document:
    """All pages of an issue, in order, plus metadata for the PDF."""

    title: str
    pages: tuple[PageFrame, ...]
    meta: dict[str, str] = field(default_factory=dict)

    def faces(self) -> set[str]:
        """The face names the document's glyphs are drawn in (the font resources it needs)."""
        return set().union(*(page.faces() for page in self.pages))
