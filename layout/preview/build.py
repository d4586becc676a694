"""An issue file → preview images: the one path that ``preview``, ``--watch`` and ``serve`` share.

In:  the issue's YAML path, the ``FontBook``, a dpi and the overlay names.
Out: ``Preview`` (frames, report, and the files the issue was made from, for
     watching), page images (``page_image``), and PNG files written atomically
     into a folder (``write_preview``: ``page-<number>.png`` and, if asked,
     ``contact-sheet.png``; the old ``page-<number>.png`` of a page no longer in the issue removed).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from layout.errors import IssueError, OutputError
from layout.files import write_atomic
from layout.frame import Document, PageFrame
from layout.logger import LOGGER
from layout.outputs import check_file, issue_inputs
from layout.page import Compose
from layout.page import typeset_file as lay_out
from layout.preview.overlay import FINE, with_overlays
from layout.preview.sheet import contact_sheet
from layout.render.png import DEFAULT_DPI, png_bytes, render_page
from layout.report import RenderReport, page_fit
from layout.text.font import FontBook

SHEET_NAME = "contact-sheet.png"
_PAGE_FILE = re.compile(r"page-([1-9][0-9]*)\.png")  # a page preview's name, as ``write_preview`` writes it


@dataclass(frozen=True)
class Preview:
    """A typeset issue: its frames and report, and the YAML (issue and house style) and image
    files it was made from."""

    source: Path
    document: Document
    report: RenderReport
    files: tuple[Path, ...]


def typeset_file(source: Path, book: FontBook, safe: bool = False, jobs: int = 1,
                 compose: Compose | None = None) -> Preview:
    """Load, clean and typeset an issue file (``safe``: no files outside its folder; a long
    issue's pages in ``jobs`` processes, or by ``compose``: see ``layout.page.typeset``;
    raises ``BanmianError`` on bad input)."""
    issue, document, report = lay_out(source, book, jobs, safe=safe, compose=compose)
    return Preview(source, document, report, tuple(dict.fromkeys(issue_inputs(issue))))


def page_label(frame: PageFrame) -> str:
    """``第1版 要闻``: how a page is named under its thumbnail and on the web page."""
    return f"第{frame.number}版 {frame.name}".strip()


def page_image(preview: Preview, index: int, book: FontBook, dpi: float = DEFAULT_DPI,
               overlays: Sequence[str] = ()) -> Image.Image:
    """Page ``index`` (0-based) as an RGB image with ``overlays`` drawn on top."""
    frame = preview.document.pages[index]
    image = render_page(frame, book.resources(frame.faces()), dpi)
    return with_overlays(image, overlays, frame, preview.report, book, dpi)


def select(document: Document, number: int | None) -> list[int]:
    """Indexes of the pages to write: all, or those whose 版 number is ``number``."""
    if number is None:
        return list(range(len(document.pages)))
    found = [i for i, p in enumerate(document.pages) if p.number == number]
    if not found:
        numbers = ", ".join(str(p.number) for p in document.pages)
        raise IssueError("--page", None, "", f"no page {number} in this issue (pages: {numbers})")
    return found


def write_preview(preview: Preview, book: FontBook, folder: Path, dpi: float = DEFAULT_DPI,
                  overlays: Sequence[str] = (), page: int | None = None, sheet: bool = False) -> list[Path]:
    """Write ``page-<number>.png`` for the selected pages; the paths. With ``sheet``, also the contact
    sheet of all pages, with the overlays that read at thumbnail size (not grid or baseline), each
    labelled with how its articles fit (``page_fit``: the verdicts of ``--report``). A file that is
    an input of the issue (``preview.files``), a link or not a regular file is refused before anything
    is written (``BanmianError``, exit 2)."""
    pages = select(preview.document, page)
    names = [f"page-{preview.document.pages[i].number}.png" for i in pages] + ([SHEET_NAME] if sheet else [])
    for name in names:
        check_file(folder / name, preview.files)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder ({exc.strerror})") from None
    written = []
    for i in pages:
        path = folder / f"page-{preview.document.pages[i].number}.png"
        write_atomic(path, png_bytes(page_image(preview, i, book, dpi, overlays)))
        written.append(path)
    if sheet:
        coarse = [n for n in overlays if n not in FINE]
        labelled = [(page_image(preview, i, book, dpi, coarse),
                     f"{page_label(frame)} · {page_fit(preview.report, frame.number)}")
                    for i, frame in enumerate(preview.document.pages)]
        font = book.chain("hei").first.path
        path = folder / SHEET_NAME
        write_atomic(path, png_bytes(contact_sheet(labelled, preview.document.title, font)))
        written.append(path)
    remove_stale(folder, preview)
    return written


def remove_stale(folder: Path, preview: Preview) -> list[Path]:
    """Remove the page previews in ``folder`` of pages no longer in the issue (``page-3.png`` once page 3 is
    taken out), each said; the paths removed. Only regular files named as ``write_preview`` names a page go,
    never an input of the issue; anything else in the folder is left as it is."""
    numbers = {str(page.number) for page in preview.document.pages}
    removed = []
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return []
    for entry in entries:
        match = _PAGE_FILE.fullmatch(entry.name)
        if match is None or match.group(1) in numbers or not entry.is_file(follow_symlinks=False):
            continue
        path = Path(entry.path)
        if any(path.exists() and source.exists() and path.samefile(source) for source in preview.files):
            continue
        try:
            path.unlink()
        except OSError as exc:
            LOGGER.warning("%s: page %s is no longer in the issue, but its old preview could not be removed (%s)",
                           path, match.group(1), exc.strerror)
            continue
        LOGGER.info("%s: removed (page %s is no longer in the issue)", path, match.group(1))
        removed.append(path)
    return removed
