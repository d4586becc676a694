"""The PDF/X step: output intent, XMP, Info keys, ID, boxes untouched, deterministic bytes."""

from __future__ import annotations

import io
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from PIL import ImageCms
from reportlab.pdfgen.canvas import Canvas

from layout import FontBook, clean_issue, load_issue, typeset, write_pdf
from layout.photo.prepare import default_cmyk_profile, profile_description
from layout.render import pdfx
from layout.render.pdfx import PDFX_1A, PDFX_4, PdfxError, to_pdfx, verify_pdfx
from tests.conftest import SAMPLE

MM = 72 / 25.4
NS = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "pdfxid": "http://www.npes.org/pdfx/ns/id/", "pdf": "http://ns.adobe.com/pdf/1.3/",
      "dc": "http://purl.org/dc/elements/1.1/", "pdfx": "http://ns.adobe.com/pdfx/1.3/"}


@pytest.fixture(scope="module")
def profile() -> Path:
    """The CMYK output profile (the package ships FOGRA39L, so there always is one)."""
    return default_cmyk_profile()


def small_pdf(boxes: bool = False) -> bytes:
    """A one-page CMYK PDF, with trim and bleed boxes if asked."""
    buffer = io.BytesIO()
    extra = {}
    if boxes:
        extra = {"trimBox": (15 * MM, 15 * MM, 105 * MM, 145 * MM), "bleedBox": (12 * MM, 12 * MM, 108 * MM, 148 * MM)}
    canvas = Canvas(buffer, pagesize=(120 * MM, 160 * MM), invariant=1, **extra)  # type: ignore[arg-type]
    canvas.setTitle("测试版")
    canvas.setAuthor("Banmian tests")
    canvas.setFillColorCMYK(0, 0, 0, 1)
    canvas.rect(20 * MM, 20 * MM, 50 * MM, 50 * MM, fill=1, stroke=0)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.fixture
def opened() -> Iterator[list[pikepdf.Pdf]]:
    """Opened PDFs, closed after the test."""
    docs: list[pikepdf.Pdf] = []
    yield docs
    for doc in docs:
        doc.close()


def open_pdf(data: bytes, docs: list[pikepdf.Pdf]) -> pikepdf.Pdf:
    """Open PDF bytes, to be closed by the ``opened`` fixture."""
    docs.append(pikepdf.open(io.BytesIO(data)))
    return docs[-1]


def xmp(doc: pikepdf.Pdf) -> ET.Element:
    """The XMP packet, parsed."""
    text = doc.Root.Metadata.read_bytes().decode("utf-8")
    return ET.fromstring(text[text.index("<x:xmpmeta"):text.index("</x:xmpmeta>") + len("</x:xmpmeta>")])


def test_pdfx_1a_has_every_formal_entry(profile: Path, opened: list[pikepdf.Pdf]) -> None:
    out = to_pdfx(small_pdf(), profile)  # the default flavour
    assert out == to_pdfx(small_pdf(), profile, version=PDFX_1A)
    assert out.startswith(b"%PDF-1.3")
    assert verify_pdfx(out) == []
    doc = open_pdf(out, opened)
    intent = doc.Root.OutputIntents[0]
    assert intent.S == pikepdf.Name.GTS_PDFX and intent.RegistryName == "http://www.color.org"
    assert intent.DestOutputProfile.N == 4
    assert intent.DestOutputProfile.read_bytes() == profile.read_bytes()
    assert str(intent.OutputConditionIdentifier) == pdfx.output_condition(profile.read_bytes()).identifier
    info = doc.docinfo
    assert info.Trapped == pikepdf.Name("/False")
    assert str(info.GTS_PDFXVersion) == "PDF/X-1:2001" and str(info.GTS_PDFXConformance) == "PDF/X-1a:2001"
    assert str(info.Title) == "测试版"
    assert str(info.CreationDate) == str(info.ModDate) == "D:20000101000000+00'00'"  # reportlab's invariant date
    assert len(doc.trailer.ID) == 2
    meta = xmp(doc)
    assert meta.findtext(".//pdfxid:GTS_PDFXVersion", namespaces=NS) == "PDF/X-1:2001"
    assert meta.findtext(".//pdfx:GTS_PDFXConformance", namespaces=NS) == "PDF/X-1a:2001"
    assert meta.findtext(".//pdf:Trapped", namespaces=NS) == "False"
    assert meta.findtext(".//dc:title/rdf:Alt/rdf:li", namespaces=NS) == "测试版"


def test_pdfx_4(profile: Path, opened: list[pikepdf.Pdf]) -> None:
    out = to_pdfx(small_pdf(), profile, version=PDFX_4, title="A & B <page>")
    assert out.startswith(b"%PDF-1.6")
    assert verify_pdfx(out) == []
    doc = open_pdf(out, opened)
    assert "/GTS_PDFXConformance" not in doc.docinfo
    assert xmp(doc).findtext(".//pdfxid:GTS_PDFXVersion", namespaces=NS) == "PDF/X-4"
    assert xmp(doc).findtext(".//dc:title/rdf:Alt/rdf:li", namespaces=NS) == "A & B <page>"


def test_output_is_deterministic_and_dates_come_from_the_caller(profile: Path, opened: list[pikepdf.Pdf]) -> None:
    source = small_pdf()
    first = to_pdfx(source, profile)
    assert to_pdfx(source, profile) == first
    issue_day = datetime(2026, 1, 20, 5, 30, tzinfo=timezone(timedelta(hours=8)))
    dated = to_pdfx(source, profile, created=issue_day)
    assert dated != first
    doc = open_pdf(dated, opened)
    assert str(doc.docinfo.CreationDate) == "D:20260120053000+08'00'"
    assert pdfx.parse_pdf_date(str(doc.docinfo.ModDate)) == issue_day
    assert b"2026-01-20T05:30:00+08:00" in doc.Root.Metadata.read_bytes()


def test_trim_and_bleed_boxes_are_untouched(profile: Path, opened: list[pikepdf.Pdf]) -> None:
    source = small_pdf(boxes=True)
    before = open_pdf(source, opened).pages[0]
    after = open_pdf(to_pdfx(source, profile), opened).pages[0]
    for key in ("/MediaBox", "/TrimBox", "/BleedBox"):
        assert [float(v) for v in after.obj[key]] == [float(v) for v in before.obj[key]]
    assert verify_pdfx(to_pdfx(source, profile), require_trim=True) == []
    assert verify_pdfx(small_pdf(), require_trim=True)[-1] == "page 1: no TrimBox or ArtBox"
    trim_size = open_pdf(to_pdfx(small_pdf(), profile), opened).pages[0]  # --marks none: TrimBox = MediaBox
    assert [float(v) for v in trim_size.obj["/TrimBox"]] == [float(v) for v in trim_size.mediabox]
    assert [float(v) for v in trim_size.obj["/BleedBox"]] == [float(v) for v in trim_size.mediabox]


def test_dates_from_the_edition_and_document_id_from_the_trailer(profile: Path, opened: list[pikepdf.Pdf]) -> None:
    from layout.render.pdfx import edition_date

    data = to_pdfx(small_pdf(), profile, created=edition_date("2026-01-20"))
    pdf = open_pdf(data, opened)
    assert str(pdf.docinfo["/CreationDate"]) == "D:20260120000000+08'00'" == str(pdf.docinfo["/ModDate"])
    xmp = pdf.Root.Metadata.read_bytes().decode()
    assert "<xmp:CreateDate>2026-01-20T00:00:00+08:00</xmp:CreateDate>" in xmp
    permanent = bytes(pdf.trailer.ID[0]).hex()
    assert f"uuid:{permanent[:8]}-{permanent[8:12]}-{permanent[12:16]}-{permanent[16:20]}-{permanent[20:]}" in xmp
    assert verify_pdfx(data) == []
    with pikepdf.open(io.BytesIO(data)) as other:  # an ID that no longer matches the XMP is a problem
        other.trailer.ID = pikepdf.Array([pikepdf.String(b"x" * 16), pikepdf.String(b"x" * 16)])
        out = io.BytesIO()
        other.save(out, static_id=True)
    assert any("DocumentID" in p for p in verify_pdfx(out.getvalue()))


def test_verify_lists_what_a_plain_pdf_lacks() -> None:
    problems = verify_pdfx(small_pdf())
    assert "expected one /GTS_PDFX output intent, found 0" in problems
    assert "no GTS_PDFXVersion (Info or XMP pdfxid)" in problems
    assert verify_pdfx(b"not a pdf")[0].startswith("not a readable PDF")


def test_bad_inputs_are_refused(profile: Path, tmp_path: Path) -> None:
    srgb = tmp_path / "srgb.icc"
    srgb.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    with pytest.raises(PdfxError, match="CMYK output"):
        to_pdfx(small_pdf(), srgb)
    junk = tmp_path / "junk.icc"
    junk.write_bytes(b"\0" * 200)
    with pytest.raises(PdfxError, match="not an ICC profile"):
        to_pdfx(small_pdf(), junk)
    with pytest.raises(PdfxError, match="not a readable PDF"):
        to_pdfx(b"%PDF-1.4 garbage", profile)
    with pytest.raises(PdfxError, match="unknown PDF/X version"):
        to_pdfx(small_pdf(), profile, version="PDF/X-3")


def test_profile_description_is_read_from_the_icc_tags(profile: Path) -> None:
    assert pdfx.icc_description(profile.read_bytes()) == profile_description(profile)


def test_pdf_dates_round_trip() -> None:
    when = datetime(2026, 1, 20, 23, 59, 58, tzinfo=timezone(timedelta(hours=-3, minutes=-30)))
    assert pdfx.pdf_date(when) == "D:20260120235958-03'30'"
    assert pdfx.parse_pdf_date(pdfx.pdf_date(when)) == when
    assert pdfx.parse_pdf_date("D:2026") == datetime(2026, 1, 1, tzinfo=pdfx.UTC)
    assert pdfx.parse_pdf_date("yesterday") is None


def test_sample_page_keeps_its_text(profile: Path, book: FontBook) -> None:
    issue, _ = clean_issue(load_issue(SAMPLE))
    document, _ = typeset(issue, book)
    source = write_pdf(document, book.resources())
    out = to_pdfx(source, profile)
    assert verify_pdfx(out) == []
    texts = []
    for data in (source, out):
        with pdfplumber.open(io.BytesIO(data)) as reader:
            texts.append("".join(ch["text"] for ch in reader.pages[0].chars))
    assert texts[0] == texts[1] and len(texts[0]) > 4000


def test_named_output_conditions(tmp_path: Path) -> None:
    """print.profile: fogra39 keeps the coated condition; the default is newsprint."""
    from layout import cli
    from tests.conftest import HOUSE, SAMPLE

    text = SAMPLE.read_text(encoding="utf-8")
    shutil.copy(HOUSE, tmp_path)
    for name, identifier in (("fogra39", "FOGRA39"), ("newsprint", "CGATS TR 002")):
        issue = tmp_path / f"{name}.yaml"
        issue.write_text(text.replace("issue:\n", f"print: {{profile: {name}}}\nissue:\n", 1), encoding="utf-8")
        out = tmp_path / f"{name}.pdf"
        assert cli.main(["render", str(issue), "-o", str(out), "--pdfx", "--quiet", "--allow-placeholders"]) == 0
        with pikepdf.open(out) as pdf:
            assert str(pdf.Root.OutputIntents[0].OutputConditionIdentifier) == identifier
