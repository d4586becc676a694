"""The sample page as a PDF, read back glyph by glyph (pdfplumber, pikepdf)."""

from __future__ import annotations

import io
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from layout.frame import Document, TextLine, VerticalLine
from layout.issue.load import load_issue
from layout.page import typeset
from layout.render.dump import dump
from layout.render.pdf import write_pdf
from layout.report import RenderReport
from layout.text.clean import clean_issue
from layout.text.font import FontBook
from layout.text.punct import NO_END, NO_START
from tests.conftest import ROOT, SAMPLE, SEED


@pytest.fixture(scope="module")
def sample(book: FontBook) -> tuple[Document, RenderReport, bytes]:
    """The sample issue typeset and written once for this module."""
    issue, _ = clean_issue(load_issue(SAMPLE))
    doc, report = typeset(issue, book)
    return doc, report, write_pdf(doc, book.resources())


def lines(doc: Document, kind: str = "body") -> list[TextLine]:
    """Text lines of a kind on page 1."""
    return [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.kind == kind]


def counted(text: str) -> Counter[str]:
    """Ideographs, letters and digits (NFKC), as the completeness check counts them."""
    return Counter(c for c in unicodedata.normalize("NFKC", text) if c.isalnum())


def test_every_character_of_the_seed_is_on_the_page(sample: tuple[Document, RenderReport, bytes]) -> None:
    _, report, pdf = sample
    with pdfplumber.open(io.BytesIO(pdf)) as reader:
        on_page = "".join(ch["text"] for ch in reader.pages[0].chars)
    source = "".join(line.lstrip("#").strip() for line in SEED.read_text(encoding="utf-8").splitlines())
    missing = counted(source) - counted(on_page)
    assert not missing, missing
    assert not report.overset and not report.missing


def test_no_line_starts_or_ends_with_a_forbidden_mark(sample: tuple[Document, RenderReport, bytes]) -> None:
    doc, _, _ = sample
    for line in lines(doc) + lines(doc, "caption"):
        assert line.text[0] not in NO_START, line.text
        assert line.text[-1] not in NO_END, line.text


def test_justified_lines_end_at_the_column_edge_in_the_pdf(sample: tuple[Document, RenderReport, bytes]) -> None:
    doc, _, pdf = sample
    height = doc.pages[0].height
    with pdfplumber.open(io.BytesIO(pdf)) as reader:
        chars = reader.pages[0].chars
    rows: dict[float, list[dict]] = {}
    for ch in chars:
        rows.setdefault(round(ch["matrix"][5], 2), []).append(ch)
    justified = [line for line in lines(doc) if line.justified]
    assert len(justified) > 250
    for line in justified:
        # 13 characters of 9 pt; the boxed 报眼 sets one column of 2 × 13 + 1 − 2 characters
        width = (25 if line.block == "baoyan" else 13) * 9.0
        row = rows[round(height - line.baseline, 2)]
        glyphs = sorted((c for c in row if line.x - 5 <= c["x0"] < line.x + width), key=lambda c: c["x0"])
        assert "".join(c["text"] for c in glyphs) == line.text
        last, edge = glyphs[-1], line.x + width
        if last["text"] in "，。、；：？！）》”’—":  # half width, or a dash drawn to fill its em
            assert last["x0"] < edge <= last["x1"] + 0.01
        else:
            assert last["x1"] == pytest.approx(edge, abs=0.02 * 9.0), line.text


def test_glyphs_sit_where_the_frame_says(sample: tuple[Document, RenderReport, bytes]) -> None:
    doc, _, pdf = sample
    height = doc.pages[0].height
    expected = [(round(line.x + g.x, 1), round(height - line.baseline, 1))
                for line in doc.pages[0].items if isinstance(line, TextLine) for g in line.glyphs]
    with pdfplumber.open(io.BytesIO(pdf)) as reader:
        origins = [(round(c["matrix"][4], 1), round(c["matrix"][5], 1)) for c in reader.pages[0].chars]
    assert len(origins) == len(expected)
    assert all(abs(a[0] - b[0]) <= 0.11 and a[1] == b[1] for a, b in zip(origins, expected))


def test_text_extracts_in_reading_order(sample: tuple[Document, RenderReport, bytes]) -> None:
    doc, _, pdf = sample
    with pdfplumber.open(io.BytesIO(pdf)) as reader:
        stream = "".join(ch["text"] for page in reader.pages for ch in page.chars)
    framed = "".join(i.text for page in doc.pages for i in page.items if isinstance(i, (TextLine, VerticalLine)))
    assert stream == framed
    assert "此次合作是一次立足长远、谋划全局的“双向奔赴”与战略耦合。" in stream


def test_pdftotext_reads_the_articles_in_order(sample: tuple[Document, RenderReport, bytes], tmp_path: Path) -> None:
    doc, _, pdf = sample
    path = tmp_path / "p.pdf"
    path.write_bytes(pdf)
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    framed = "".join(i.text for page in doc.pages for i in page.items if isinstance(i, (TextLine, VerticalLine)))
    assert "".join(raw.split()) == "".join(framed.split())
    first_section = ("此次合作是一次立足长远、谋划全局的“双向奔赴”与战略耦合。"
                     "根据协议，双方将围绕新能源电池、绿色能源、绿色交通、低空经济四大核心领域")
    assert first_section in "".join(raw.split())


def test_fonts_are_embedded_subset_cid_fonts(sample: tuple[Document, RenderReport, bytes]) -> None:
    from fontTools.ttLib import TTFont

    _, _, pdf = sample
    with pikepdf.open(io.BytesIO(pdf)) as reader:
        fonts = reader.pages[0].Resources.Font
        used = [fonts[name] for name in fonts if str(fonts[name].Subtype) == "/Type0"]
        assert len(used) == 5
        for font in used:
            assert str(font.Encoding) == "/Identity-H" and "/ToUnicode" in font
            assert str(font.BaseFont)[7] == "+"
            cid_font = font.DescendantFonts[0]
            assert str(cid_font.Subtype) == "/CIDFontType2"
            program = TTFont(io.BytesIO(cid_font.FontDescriptor.FontFile2.read_bytes()))
            glyf = program["glyf"]
            assert 1 < len(program.getGlyphOrder()) < 3000  # a subset, not the 23,000-glyph face
            for name in program.getGlyphOrder():
                glyf[name].recalcBounds(glyf)  # every glyph decodes


def test_output_is_deterministic(sample: tuple[Document, RenderReport, bytes], book: FontBook) -> None:
    doc, _, pdf = sample
    assert write_pdf(doc, book.resources()) == pdf


def test_baselines_of_all_body_columns_share_one_grid(sample: tuple[Document, RenderReport, bytes]) -> None:
    doc, _, _ = sample
    baselines = [line.baseline for line in lines(doc)]
    first = min(baselines)
    assert all(abs((b - first) / 13.5 - round((b - first) / 13.5)) < 1e-6 for b in baselines)


def test_golden_dump(sample: tuple[Document, RenderReport, bytes], request: pytest.FixtureRequest) -> None:
    doc, _, _ = sample
    golden = ROOT / "tests" / "golden" / "sample-broadsheet.dump"
    text = dump(doc)
    if request.config.getoption("--update-golden") or not golden.exists():
        golden.write_text(text, encoding="utf-8")
        if not request.config.getoption("--update-golden"):
            pytest.fail("golden dump was missing and has been written; run again")
    expected = golden.read_text(encoding="utf-8")
    if text != expected:
        import difflib

        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), "expected", "got", n=1))
        pytest.fail(f"frame dump differs (run pytest --update-golden if intended):\n{diff[:4000]}")


@pytest.mark.expect_warnings  # a small test photo: low resolution
def test_photo_slot_with_an_image(tmp_path: Path, book: FontBook) -> None:
    from PIL import Image

    Image.new("RGB", (300, 200), (200, 30, 30)).save(tmp_path / "p.jpg")
    (tmp_path / "i.yaml").write_text("""banmian: 1
issue: {paper: 测试报, date: 2026-01-20}
pages:
  - number: 1
    blocks:
      - type: photo
        id: p
        at: {column: 1, span: 3, line: 1, lines: 20}
        image: p.jpg
        caption: 图片说明。
        credit: 记者 摄
""", encoding="utf-8")
    doc, report = typeset(load_issue(tmp_path / "i.yaml"), book)
    pdf = write_pdf(doc, book.resources())
    with pikepdf.open(io.BytesIO(pdf)) as reader:
        images = [o for o in reader.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        assert len(images) == 1
        filters = images[0].Filter if isinstance(images[0].Filter, pikepdf.Array) else [images[0].Filter]
        assert str(images[0].ColorSpace) == "/DeviceCMYK" and [str(f) for f in filters] == ["/DCTDecode"]
    photo = next(b for b in report.blocks if b.block == "p")
    assert photo.photo is not None and 0 < photo.photo.ppi < 100  # a 300-px photo stretched over 5 inches
    with pdfplumber.open(io.BytesIO(pdf)) as reader:
        assert "图片说明。" in "".join(c["text"] for c in reader.pages[0].chars)


@pytest.mark.expect_warnings
def test_missing_character_still_copies_out(tmp_path: Path, box_book: FontBook) -> None:
    (tmp_path / "m.yaml").write_text("""banmian: 1
issue: {paper: 中文, date: 2026-01-20}
pages:
  - number: 1
    blocks:
      - type: article
        id: a
        at: {column: 1, span: 3, line: 1, lines: 20}
        body: ["中𠮷文字"]
""", encoding="utf-8")
    doc, report = typeset(load_issue(tmp_path / "m.yaml"), box_book)
    assert report.missing == ["𠮷"]
    with pdfplumber.open(io.BytesIO(write_pdf(doc, box_book.resources()))) as reader:
        assert "中𠮷文字" in "".join(c["text"] for c in reader.pages[0].chars)


def test_no_font_is_declared_that_is_not_embedded(sample: tuple[Document, RenderReport, bytes]) -> None:
    _, _, pdf = sample
    assert b"Helvetica" not in pdf
    with pikepdf.open(io.BytesIO(pdf)) as reader:
        fonts = reader.pages[0].Resources.Font
        assert all(str(fonts[name].Subtype) == "/Type0" for name in fonts)


def test_pages_laid_out_in_worker_processes_write_the_same_pdf(book: FontBook) -> None:
    # the faces a worker loaded are not in the parent's book: the font table comes from the
    # faces the frames name (Document.faces), loaded in the parent when it writes the PDF
    issue, _ = clean_issue(load_issue(SAMPLE))
    fresh = FontBook(book.roles)
    parallel, _ = typeset(issue, fresh, jobs=2)
    serial, _ = typeset(issue, book, jobs=1)
    assert parallel.faces() == serial.faces() and len(parallel.faces()) >= 3
    assert write_pdf(parallel, fresh.resources(parallel.faces())) == write_pdf(serial, book.resources(serial.faces()))


def test_a_plain_render_is_dated_the_edition_like_the_press_pdf(tmp_path: Path) -> None:
    """Plain render wrote CreationDate D:20000101000000 (reportlab's invariant date)."""
    from layout import cli
    from tests.conftest import SAMPLE

    plain, press = tmp_path / "plain.pdf", tmp_path / "press.pdf"
    assert cli.main(["render", str(SAMPLE), "-o", str(plain), "--quiet"]) == 0
    assert cli.main(["render", str(SAMPLE), "-o", str(press), "--quiet", "--pdfx", "--allow-placeholders"]) == 0
    with pikepdf.open(plain) as a, pikepdf.open(press) as b:
        assert str(a.docinfo["/CreationDate"]) == str(a.docinfo["/ModDate"]) == "D:20260120000000+08'00'"
        assert str(b.docinfo["/CreationDate"]).startswith("D:20260120000000+08")
    first = plain.read_bytes()
    assert cli.main(["render", str(SAMPLE), "-o", str(plain), "--quiet"]) == 0
    assert plain.read_bytes() == first  # still deterministic


def test_hex_table_is_each_cids_four_digits() -> None:
    """The writer's table of CIDs in hex, made from byte pairs, is each CID's own format."""
    from layout.render import pdftext

    assert [f"{cid:04X}" for cid in range(4096)] == pdftext.HEX
