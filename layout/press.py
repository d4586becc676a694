"""Printer's marks: bleed, crop marks, registration marks and the slug line.

In:  a ``Document`` (frames in trim coordinates) and ``PressOptions``.
Out: the same pages with ``bleed`` and ``slug`` set and the marks added as frame
     items outside the trim (negative coordinates or beyond the page size). The PDF
     back end then widens the MediaBox by bleed + slug and writes TrimBox and
     BleedBox. Crop and registration marks are drawn in registration colour (all
     four inks at 100 %), starting outside the bleed so that they never print on the
     page; the slug text (paper, date, page) is in black only.

``marks`` chooses the furniture (``--marks``): ``full`` (the default: 3 mm bleed,
crop and registration marks, the slug line), ``crop`` (bleed and crop marks only)
or ``none`` (a trim-size page: no bleed, marks or slug; the PDF/X step makes
TrimBox = BleedBox = MediaBox), for plants that impose and mark pages themselves.

``for_plates`` takes the photo and ad placeholders off the page: an allowed
placeholder (``--allow-placeholders``) leaves its slot blank on every plate, with no
grey box, cross, label or keyline, so that nothing meant for the make-up desk can
print in the paper. The previews still show them.

Reportlab's own ``cropMarks`` option is not used: it rescales the page content.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from layout.flow.heads import head_lines
from layout.flow.setting import Setting
from layout.frame import CMYK, Box, Document, Dot, Item, PageFrame, Rule, TextLine
from layout.issue.model import HeadText, Typography
from layout.text.font import FontBook
from layout.units import mm

REGISTRATION: CMYK = (1.0, 1.0, 1.0, 1.0)
MARK_WIDTH = 0.25  # pt
MARKS = ("full", "crop", "none")


@dataclass(frozen=True)
class PressOptions:
    """Sizes of the print furniture, in mm."""

    bleed_mm: float = 3.0
    slug_mm: float = 12.0  # room outside the bleed for marks and the slug line
    mark_mm: float = 5.0  # length of a crop mark
    marks: str = "full"  # full, crop or none (see module docstring)


def with_marks(document: Document, book: FontBook, options: PressOptions | None = None) -> Document:
    """Every page with bleed, slug and marks (see module docstring)."""
    options = options or PressOptions()
    if options.marks not in MARKS:
        raise ValueError(f"marks must be one of {', '.join(MARKS)}, not {options.marks!r}")
    if options.marks == "none":
        return document
    pages = tuple(_page(page, document, book, options) for page in document.pages)
    return replace(document, pages=pages)


def _page(page: PageFrame, document: Document, book: FontBook, options: PressOptions) -> PageFrame:
    """One page with its marks."""
    bleed, mark = mm(options.bleed_mm), mm(options.mark_mm)
    items: list[Item] = [*page.items, *crop_marks(page.width, page.height, bleed, mark)]
    if options.marks == "crop":
        return replace(page, items=tuple(items), bleed=bleed, slug=mark + mm(1))
    slug = mm(options.slug_mm)
    items.extend(registration_marks(page.width, page.height, bleed + mark / 2 + mm(1)))
    items.extend(_slug_line(page, document, book, bleed + slug * 0.6))
    return replace(page, items=tuple(items), bleed=bleed, slug=slug)


def is_placeholder(item: Item) -> bool:
    """A photo or ad placeholder's box (with its cross) or its label."""
    return (isinstance(item, Box) and item.cross) or (isinstance(item, TextLine) and item.kind == "label")


def for_plates(document: Document) -> Document:
    """The document without its placeholders (see module docstring)."""
    pages = tuple(replace(page, items=tuple(i for i in page.items if not is_placeholder(i)))
                  for page in document.pages)
    return replace(document, pages=pages)


def crop_marks(width: float, height: float, bleed: float, length: float) -> list[Rule]:
    """Eight lines on the trim lines' extensions, from the bleed edge outwards."""
    marks: list[Rule] = []
    for x in (0.0, width):
        for y, direction in ((0.0, -1.0), (height, 1.0)):
            marks.append(Rule(x, y + direction * bleed, x, y + direction * (bleed + length), MARK_WIDTH, REGISTRATION))
    for y in (0.0, height):
        for x, direction in ((0.0, -1.0), (width, 1.0)):
            marks.append(Rule(x + direction * bleed, y, x + direction * (bleed + length), y, MARK_WIDTH, REGISTRATION))
    return marks


def registration_marks(width: float, height: float, distance: float) -> list[Item]:
    """A ring with a cross at the middle of each side, ``distance`` outside the trim."""
    r = mm(1.5)
    centres = ((width / 2, -distance), (width / 2, height + distance), (-distance, height / 2),
               (width + distance, height / 2))
    out: list[Item] = []
    for x, y in centres:
        out.append(Dot(x, y, r, REGISTRATION, stroke_width=MARK_WIDTH))
        out.append(Rule(x - 1.6 * r, y, x + 1.6 * r, y, MARK_WIDTH, REGISTRATION))
        out.append(Rule(x, y - 1.6 * r, x, y + 1.6 * r, MARK_WIDTH, REGISTRATION))
    return out


def _slug_line(page: PageFrame, document: Document, book: FontBook, below: float) -> list[TextLine]:
    """Paper, date and page in the slug under the bottom-left corner (black, 6 pt)."""
    meta = document.meta
    text = f"{meta.get('paper', '')}  {meta.get('date', '')}  第{page.number}版 {page.name}  Banmian"
    lines, _, _ = head_lines([HeadText(text.strip(), 6.0, "hei", "left")], page.width / 2, Setting(book, Typography()))
    return [TextLine(0.0, page.height + below, line.glyphs, "slug", "slug") for line, _, _ in lines[:1]]
