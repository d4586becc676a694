"""Pages drawn for the PDF while the workers lay out the pages after them (layout.render.ahead)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest

from layout.frame import Document, ImageItem, PageFrame
from layout.issue.load import load_issue
from layout.page import typeset
from layout.render import pdf
from layout.render.ahead import DrawAhead
from layout.text.clean import clean_issue
from layout.text.font import FontBook
from tests.conftest import SAMPLE


def _drawn_ahead(book: FontBook, monkeypatch: pytest.MonkeyPatch) -> tuple[Document, DrawAhead, list[int]]:
    """The sample laid out by two workers, each page drawn ahead as it came (the page numbers in
    the order drawn)."""
    issue, _ = clean_issue(load_issue(SAMPLE))
    drawn: list[int] = []
    add = pdf.PageWriter.add

    def counting(self: pdf.PageWriter, frames: Iterable[PageFrame], pack: bool = False) -> None:
        frames = list(frames)
        drawn.extend(frame.number for frame in frames)
        add(self, frames, pack)

    monkeypatch.setattr(pdf.PageWriter, "add", counting)
    ahead = DrawAhead(book)
    document, _ = typeset(issue, book, jobs=2, on_frame=ahead)
    return document, ahead, drawn


@pytest.mark.expect_warnings  # the sample's placeholder ad
def test_pages_drawn_ahead_write_the_bytes_of_pages_drawn_after(book: FontBook,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    document, ahead, drawn = _drawn_ahead(book, monkeypatch)
    assert drawn == [frame.number for frame in document.pages]  # every page, in page order, during layout
    fonts = book.resources(document.faces())
    data = pdf.write_pdf(document, fonts, ahead)
    assert drawn == [frame.number for frame in document.pages]  # none drawn again
    assert data == pdf.write_pdf(document, fonts)
    serial, _ = typeset(clean_issue(load_issue(SAMPLE))[0], book)
    assert data == pdf.write_pdf(serial, book.resources(serial.faces()))


@pytest.mark.expect_warnings
def test_pages_drawn_ahead_of_another_document_are_not_used(book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    document, ahead, drawn = _drawn_ahead(book, monkeypatch)
    other = replace(document, pages=tuple(replace(frame) for frame in document.pages))  # equal, not the same
    fonts = book.resources(document.faces())
    assert pdf.write_pdf(other, fonts, ahead) == pdf.write_pdf(document, fonts)
    assert len(drawn) == 3 * len(document.pages)  # ahead, then each document drawn in full


@pytest.mark.expect_warnings
def test_a_photo_stops_the_drawing_ahead(book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    document, _, _ = _drawn_ahead(book, monkeypatch)
    ahead = DrawAhead(book)
    photo = ImageItem(10, 10, 20, 20, Path("photo.jpg"), b"")
    ahead(document.pages[0])
    ahead(replace(document.pages[1], items=(*document.pages[1].items, photo)))
    assert ahead.pages is None
    assert ahead.writer(document, book.resources(document.faces())) is None
