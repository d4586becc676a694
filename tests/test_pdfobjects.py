"""The PDF file assembled without reportlab (``layout.render.pdfobjects``) is the file reportlab's
canvas writes for the same pages: the oracle is reportlab itself (``pdfcanvas``, the path a
document with photos takes), its number and string formatting, on the sample and on variants
of it (bleed boxes on one page only, other metadata, ``SOURCE_DATE_EPOCH``)."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc

from layout.frame import Document
from layout.issue.load import load_issue
from layout.page import typeset
from layout.render import pdfobjects
from layout.render.pdf import _edition_stamp, _Fonts, write_pdf
from layout.render.pdfcanvas import write_with_canvas
from layout.text.clean import clean_issue
from layout.text.font import FontBook, default_book
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def book() -> FontBook:
    return default_book()


@pytest.fixture(scope="module")
def sample(book: FontBook) -> Document:
    issue, _ = clean_issue(load_issue(SAMPLE))
    return typeset(issue, book)[0]


def through_canvas(document: Document, book: FontBook) -> bytes:
    """What reportlab's canvas writes for the document (no placed PDFs in these)."""
    table = _Fonts(book.resources(document.faces()))
    data, forms = write_with_canvas(document, table, _edition_stamp(document.meta.get("date", "")))
    assert not any(forms)
    return data


def test_numbers_are_written_as_reportlab_writes_them() -> None:
    rng = random.Random(7)
    values = [0, 1, -1, 12, 1000, 1e-7, 2e-7, -2e-7, 0.5, 0.9999996, 9.9999996, 999999.5, 1e6 + 0.5, 123456789.5,
              1105.5118110236, 1544.88188976, -1000.123456, 0.00049, 1e-3, 100.0, 10.0]
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-8, 9) for _ in range(3000)]
    values += [rng.randint(-100000, 100000) for _ in range(300)]
    for v in values:
        assert pdfobjects.number(v) == fp_str(v), v


@pytest.mark.parametrize("text", ["", "Banmian", "昆明日报", "第2187期", "(a) \\ b", "tab\there\nline",
                                  "Café – “quoted” €", "ŁœŠ™ﬁ•…", "é" + "报",
                                  "emoji 😀", "\x7f\x9f\xa0\xad", "A\x18\x1fB"])
def test_strings_are_written_as_reportlab_writes_them(text: str) -> None:
    assert pdfobjects.string(text) == pdfdoc.PDFString(text).format(pdfdoc.DummyDoc())


def test_a_document_without_photos_is_the_file_the_canvas_writes(sample: Document, book: FontBook) -> None:
    data = write_pdf(sample, book.resources(sample.faces()))
    assert data == through_canvas(sample, book)
    assert b"/TrimBox" not in data and b"/CreationDate (D:20260120000000+08'00')" in data


def test_boxes_metadata_and_dates_as_the_canvas_writes_them(sample: Document, book: FontBook,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # bleed and slug on the first page only: the canvas keeps the boxes for the pages after it
    pages = (replace(sample.pages[0], bleed=8.504, slug=19.84), *sample.pages[1:])
    for title, meta in (("Café “Kunming” – 1/20 (test)", {"paper": "Ünïcode Times", "number": "7"}),
                        ("版面", {})):
        document = replace(sample, pages=pages, title=title, meta=meta)
        for epoch in ("", "1767225600"):
            monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
            data = write_pdf(document, book.resources(document.faces()))
            assert data == through_canvas(document, book), (title, epoch)
            assert data.count(b"/TrimBox") == data.count(b"/BleedBox") == len(pages)
