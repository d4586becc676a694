"""PDF pages drawn while later pages are still being laid out (pages laid out in parallel).

In:  the frames of a document in page order, each as soon as the worker that laid it out
     returns it (``layout.page.typeset``'s ``on_frame``), and the ``FontBook`` that measured them.
Out: at write time (``layout.render.pdf.write_pdf``'s ``ahead``), those pages drawn and their
     content streams compressed, with the document's font table as it stood after them: the
     writer draws the pages left, if any, and the fonts. The bytes are those of a PDF written
     after the layout (the same pages in the same order with the same table: every glyph's CID
     is given in the same order), so this only moves work into the time the parent process
     would spend waiting for its workers.

Nothing is drawn ahead for a document with a photo (written through reportlab's canvas); a
page that cannot be drawn (a font file changed meanwhile) stops the drawing ahead, and the
writer then draws every page itself, raising what it raises. The drawing is used only when its
frames are the document's first pages (the same objects) and every face it used has the font
file the writer is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Protocol

from layout.frame import Document, FontFile, FontTable, ImageItem, PageFrame

if TYPE_CHECKING:
    from layout.render.pdf import PageWriter


class FontSource(Protocol):
    """What gives the font files of faces by name (a ``FontBook``: its ``resources``)."""

    def resources(self, names: Iterable[str] = ()) -> Mapping[str, FontFile]: ...


class _BookFonts(Mapping[str, FontFile]):
    """A face's font file by name, from the book (a face a worker loaded is loaded here on first use)."""

    def __init__(self, book: FontSource) -> None:
        self.book = book
        self.known: dict[str, FontFile] = {}

    def __getitem__(self, name: str) -> FontFile:
        found = self.known.get(name)
        if found is None:
            found = self.known[name] = self.book.resources((name,))[name]
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.known)

    def __len__(self) -> int:
        return len(self.known)


class DrawAhead:
    """The pages of one document drawn for its PDF as they come (see the module docstring)."""

    def __init__(self, book: FontSource) -> None:
        from layout.render.pdf import PageWriter, _Fonts

        self.fonts = _BookFonts(book)
        self.pages: PageWriter | None = PageWriter(_Fonts(self.fonts))

    def __call__(self, frame: PageFrame) -> None:
        """Draw the next page (``frame``) now, its content stream compressed."""
        if self.pages is None:
            return
        if any(type(item) is ImageItem for item in frame.items):  # written through the canvas
            self.pages = None
            return
        try:
            self.pages.add((frame,), pack=True)
        except Exception:  # the writer meets it again, and says so
            self.pages = None

    def writer(self, document: Document, fonts: FontTable) -> PageWriter | None:
        """The pages drawn so far when they are ``document``'s first pages drawn with ``fonts``' files."""
        pages = self.pages
        if pages is None or len(pages.frames) > len(document.pages):
            return None
        if not all(a is b for a, b in zip(pages.frames, document.pages)):
            return None
        if any(fonts.get(name) != self.fonts.known.get(name) for name in pages.table.fonts):
            return None
        self.pages = None  # used once
        return pages
