"""Furniture and the table and ad blocks, read back from the rendered PDF (pdfplumber, pikepdf, pdfium).

The oracles are the page grid (column edges, line tops), the house style's weights and
the test issues' own text, never the code that draws the rules.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen.canvas import Canvas

from layout.errors import IssueError
from layout.frame import Document, GridInfo
from layout.issue.load import load_issue
from layout.issue.style import HOUSE
from layout.page import typeset
from layout.render.pdf import write_pdf
from layout.render.png import render_page
from layout.report import RenderReport
from layout.text.clean import clean_issue
from layout.text.font import FontBook
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "furniture"
TOL = 0.05


def render(path: Path, book: FontBook) -> tuple[Document, RenderReport, bytes]:
    """An issue typeset and written as PDF."""
    issue, _ = clean_issue(load_issue(path))
    doc, report = typeset(issue, book)
    return doc, report, write_pdf(doc, book.resources(doc.faces()))


@pytest.fixture(scope="module")
def furniture(book: FontBook) -> tuple[Document, RenderReport, bytes]:
    """The furniture test issue (rules, 栏线, boxes, a table, a footer) on an even page."""
    return render(DATA / "furniture.yaml", book)


@pytest.fixture(scope="module")
def ads(book: FontBook, tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, RenderReport, bytes]:
    """The ad test issue with a one-page ad PDF written beside it."""
    folder = tmp_path_factory.mktemp("ads")
    shutil.copy(DATA / "ads.yaml", folder / "ads.yaml")
    canvas = Canvas(str(folder / "ad.pdf"), pagesize=(576.0, 179.25))
    canvas.setFillColorCMYK(0, 0.2, 0.9, 0)
    canvas.rect(0, 0, 576.0, 179.25, fill=1, stroke=0)
    canvas.save()
    return render(folder / "ads.yaml", book)


def grid(doc: Document) -> GridInfo:
    """The first page's grid."""
    assert doc.pages[0].grid is not None
    return doc.pages[0].grid


def page_lines(pdf: bytes) -> list[dict[str, Any]]:
    """The stroked straight lines of page 1, as pdfplumber reads them."""
    with pdfplumber.open(io.BytesIO(pdf)) as reader:
        return list(reader.pages[0].lines)


def horizontal(lines: list[dict[str, Any]], top: float, bottom: float) -> list[dict[str, Any]]:
    """Horizontal lines between two y values, top to bottom."""
    return sorted((ln for ln in lines if abs(ln["top"] - ln["bottom"]) < 0.01 and top <= ln["top"] <= bottom),
                  key=lambda ln: ln["top"])


def middle(g: GridInfo, line: int) -> float:
    """The y of the middle of grid line ``line``."""
    return g.top + (line - 0.5) * g.pitch


def right_edge(g: GridInfo) -> float:
    """The right edge of the type area."""
    return g.columns[-1] + g.column_width


def test_a_thin_rule_spans_its_columns_through_the_middle_of_its_line(furniture: Any) -> None:
    doc, _, pdf = furniture
    g = grid(doc)
    rule = horizontal(page_lines(pdf), middle(g, 1) - 2, middle(g, 1) + 2)
    assert len(rule) == 1
    assert rule[0]["x0"] == pytest.approx(g.columns[0], abs=TOL)
    assert rule[0]["x1"] == pytest.approx(right_edge(g), abs=TOL)
    assert rule[0]["top"] == pytest.approx(middle(g, 1), abs=TOL)
    assert rule[0]["linewidth"] == pytest.approx(HOUSE.rule.thin)


def test_a_double_rule_is_two_thin_lines_centred_on_its_line(furniture: Any) -> None:
    doc, _, pdf = furniture
    g = grid(doc)
    pair = horizontal(page_lines(pdf), middle(g, 2) - 5, middle(g, 2) + 5)
    assert [ln["linewidth"] for ln in pair] == [HOUSE.rule.thin, HOUSE.rule.thin]
    assert pair[1]["top"] - pair[0]["top"] == pytest.approx(HOUSE.rule.gap + HOUSE.rule.thin, abs=TOL)
    assert (pair[0]["top"] + pair[1]["top"]) / 2 == pytest.approx(middle(g, 2), abs=TOL)


def test_wenwu_is_a_thick_and_a_thin_line_in_the_colour_named(furniture: Any) -> None:
    doc, _, pdf = furniture
    g = grid(doc)
    pair = horizontal(page_lines(pdf), middle(g, 3) - 5, middle(g, 3) + 5)
    assert [ln["linewidth"] for ln in pair] == [HOUSE.rule.thick, HOUSE.rule.thin]
    assert all(tuple(ln["stroking_color"]) == (0.0, 1.0, 1.0, 0.0) for ln in pair)  # red: M100 Y100
    ink_top = pair[0]["top"] - HOUSE.rule.thick / 2
    ink_bottom = pair[1]["top"] + HOUSE.rule.thin / 2
    assert ink_bottom - ink_top == pytest.approx(HOUSE.rule.thick + HOUSE.rule.gap + HOUSE.rule.thin, abs=TOL)


def test_a_vertical_rule_runs_down_the_gutter_left_of_its_column(furniture: Any) -> None:
    doc, _, pdf = furniture
    g = grid(doc)
    x = g.columns[3] - (g.columns[1] - g.columns[0] - g.column_width) / 2
    down = [ln for ln in page_lines(pdf) if abs(ln["x0"] - x) < TOL and abs(ln["x1"] - x) < TOL]
    assert len(down) == 1
    assert down[0]["top"] == pytest.approx(g.top + 5 * g.pitch, abs=TOL)  # lines 6 to 25
    assert down[0]["bottom"] == pytest.approx(g.top + 25 * g.pitch, abs=TOL)
    assert down[0]["linewidth"] == pytest.approx(HOUSE.rule.thick)


def body_chars(pdf: bytes, x0: float, x1: float) -> list[dict[str, Any]]:
    """Body-size characters of page 1 between two x values."""
    with pdfplumber.open(io.BytesIO(pdf)) as reader:
        return [c for c in reader.pages[0].chars if x0 <= c["x0"] < x1 and abs(c["size"] - 9.0) < 0.01]


def test_column_rules_lie_in_the_gutters_and_no_taller_than_the_text(furniture: Any) -> None:
    doc, _, pdf = furniture
    g = grid(doc)
    gutter = g.columns[1] - g.columns[0] - g.column_width
    article = (g.top + 5 * g.pitch, g.top + 25 * g.pitch)  # lines 6 to 25 of columns 1–3
    for k in range(2):  # the gutters after columns 1 and 2
        x = g.columns[k] + g.column_width + gutter / 2
        rules = [ln for ln in page_lines(pdf) if abs(ln["x0"] - x) < TOL and abs(ln["x1"] - x) < TOL
                 and article[0] <= ln["top"] <= article[1]]
        assert len(rules) == 1, k
        rule = rules[0]
        assert rule["linewidth"] == pytest.approx(HOUSE.rule.column)
        beside = [c for c in body_chars(pdf, g.columns[k], g.columns[k + 2])
                  if article[0] <= c["top"] <= article[1]]
        assert beside
        assert rule["top"] >= min(c["top"] for c in beside) - 0.5  # not above the first line's em box
        assert rule["bottom"] <= max(c["bottom"] for c in beside) + 0.5  # nor below the last line's
        assert rule["bottom"] - rule["top"] > 2 * g.pitch


def test_stacked_boxes_stand_apart_by_the_house_air_and_double_is_two_thin_lines(furniture: Any) -> None:
    doc, _, pdf = furniture
    g = grid(doc)
    x0, x1 = g.columns[3], right_edge(g)
    frames = [ln for ln in horizontal(page_lines(pdf), g.top + 5 * g.pitch, g.top + 25 * g.pitch)
              if ln["x0"] >= x0 - TOL and ln["x1"] <= x1 + TOL and ln["x1"] - ln["x0"] > 100]
    a = [ln for ln in frames if ln["top"] < g.top + 15 * g.pitch]  # box-a: lines 6–15; box-b: 16–25
    b = [ln for ln in frames if ln["top"] > g.top + 15 * g.pitch]
    assert [ln["linewidth"] for ln in a] == [HOUSE.boxes.inner] * 4  # double: two thin lines above and below
    bottom_of_a = a[-1]["top"] + a[-1]["linewidth"] / 2
    top_of_b = b[0]["top"] - b[0]["linewidth"] / 2
    air = 2 * (HOUSE.boxes.edge + HOUSE.boxes.air)
    assert top_of_b - bottom_of_a >= air - TOL
    assert air >= 5 * 72 / 25.4  # at least 5 mm between stacked boxes
    assert a[0]["top"] - a[0]["linewidth"] / 2 == pytest.approx(g.top + 5 * g.pitch + air / 2, abs=TOL)


def chars(pdf: bytes) -> list[dict[str, Any]]:
    """Every character of page 1."""
    with pdfplumber.open(io.BytesIO(pdf)) as reader:
        return list(reader.pages[0].chars)


def test_an_even_page_has_its_folio_on_the_left_and_its_footer_mirrored(furniture: Any) -> None:
    doc, _, pdf = furniture
    g = grid(doc)
    mid = (g.columns[0] + right_edge(g)) / 2
    head = [c for c in chars(pdf) if c["bottom"] < g.top]
    page_number = next(c for c in head if c["text"] == "版")
    weekday = next(c for c in head if c["text"] == "星")
    assert page_number["x0"] < mid < weekday["x0"]
    assert min(c["x0"] for c in head) == pytest.approx(g.columns[0], abs=0.5)  # 第2版 at the left edge
    foot = [c for c in chars(pdf) if c["top"] > g.top + g.lines * g.pitch]
    price = "".join(c["text"] for c in foot if c["x0"] < g.columns[0] + 150)
    address = "".join(c["text"] for c in foot if c["x0"] > right_edge(g) - 150)
    assert price.startswith("零售价") and address.startswith("测试报社地址")  # right ↔ left on an even page


@pytest.mark.expect_warnings
def test_an_odd_page_keeps_its_folio_on_the_right(ads: Any) -> None:
    doc, _, pdf = ads
    g = grid(doc)
    head = [c for c in chars(pdf) if c["bottom"] < g.top]
    assert next(c for c in head if c["text"] == "版")["x0"] > (g.columns[0] + right_edge(g)) / 2


def table_rows(pdf: bytes, x0: float, x1: float, y0: float, y1: float) -> list[list[dict[str, Any]]]:
    """The characters inside a rectangle, grouped by baseline, top to bottom, left to right."""
    inside = [c for c in chars(pdf) if x0 - 0.5 <= c["x0"] < x1 and y0 <= c["top"] < y1]
    rows: dict[float, list[dict[str, Any]]] = {}
    for c in inside:
        rows.setdefault(round(c["bottom"], 1), []).append(c)
    return [sorted(row, key=lambda c: c["x0"]) for _, row in sorted(rows.items())]


TABLE = [["项目", "数量", "金额（元）", "备注"], ["甲类测试项目", "12", "1,234.5", "无"], ["乙", "3.75", "0.25", "有"],
         ["丙类", "100.125", "-8", "无"], ["丁类样本", "7", "45.00", "有"]]


def test_the_table_reads_back_as_its_input_with_a_bold_header(furniture: Any) -> None:
    doc, _, pdf = furniture
    g = grid(doc)
    rows = table_rows(pdf, g.columns[0], g.columns[3], g.top + 26 * g.pitch, g.top + 40 * g.pitch)
    texts = ["".join(c["text"] for c in row) for row in rows]
    assert texts == ["表一 测试数据（虚构）", *("".join(r) for r in TABLE), "资料来源：测试数据，纯属虚构"]
    header, body = rows[1], rows[2]
    assert {c["fontname"].split("+")[-1] for c in header} == {"BanmianSansSC-Bold"}
    assert all("Bold" not in c["fontname"] for c in body)


def test_figures_align_on_the_decimal_point(furniture: Any) -> None:
    doc, _, pdf = furniture
    g = grid(doc)
    rows = table_rows(pdf, g.columns[0], g.columns[3], g.top + 28 * g.pitch, g.top + 32 * g.pitch)
    assert len(rows) == 4
    for column in (1, 2):
        points = []
        for row, cells in zip(rows, TABLE[1:], strict=True):
            figure = cells[column]
            start = "".join(c["text"] for c in row).index(figure)
            glyphs = row[start:start + len(figure)]
            dot = next((c for c in glyphs if c["text"] == "."), None)
            points.append(dot["x0"] if dot else glyphs[-1]["x1"])  # no point: the end of the digits
        assert max(points) - min(points) <= 0.5, (column, points)


def test_the_table_rules_are_thick_outside_and_thin_under_the_header(furniture: Any) -> None:
    doc, _, pdf = furniture
    g = grid(doc)
    rules = [ln for ln in horizontal(page_lines(pdf), g.top + 26 * g.pitch - 1, g.top + 40 * g.pitch)
             if ln["x1"] <= g.columns[3] + TOL]
    widths = [ln["linewidth"] for ln in rules]
    t = HOUSE.table
    assert widths == [t.thick, t.thin, t.row, t.row, t.row, t.thick]
    assert all((ln["top"] - g.top) / g.pitch == pytest.approx(round((ln["top"] - g.top) / g.pitch), abs=0.01 / g.pitch)
               for ln in rules)  # on the boundaries of grid lines


@pytest.mark.expect_warnings
def test_rows_that_do_not_fit_are_overset_not_lost(ads: Any) -> None:
    _, report, pdf = ads
    table = next(b for b in report.blocks if b.block == "long")
    assert table.overset_lines == 1 and table.overset_text == "六号 66.0"  # (a row: its cells apart by a space)
    on_page = "".join(c["text"] for c in chars(pdf))
    assert "五号0.5" in on_page and "六号" not in on_page


def pixels(pdf: bytes, scale: float = 2.0) -> Any:
    """Page 1 of a PDF rendered by pdfium (RGB, ``scale`` px per pt)."""
    document = pdfium.PdfDocument(pdf)
    try:
        return document[0].render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()


@pytest.mark.expect_warnings
def test_an_ad_placeholder_never_prints_but_shows_in_the_preview(ads: Any, book: FontBook) -> None:
    doc, _, pdf = ads
    g = grid(doc)
    # the whole slot, label strip included: an empty slot prints nothing at all (no 广告 either)
    inside = (g.columns[0] + 1, g.top + 14 * g.pitch + 1, right_edge(g) - 1, g.top + 21 * g.pitch - 1)
    printed = pixels(pdf).crop(tuple(round(2 * v) for v in inside))
    assert printed.getextrema() == ((255, 255), (255, 255), (255, 255))  # no ink at all
    assert not [c for c in chars(pdf) if inside[1] < c["top"] < inside[3]]
    preview = render_page(doc.pages[0], book.resources(doc.faces()), dpi=144).crop(tuple(round(2 * v) for v in inside))
    assert preview.getextrema() != ((255, 255), (255, 255), (255, 255))


@pytest.mark.expect_warnings
def test_the_advertisers_pdf_is_placed_as_a_form(ads: Any) -> None:
    doc, _, pdf = ads
    g = grid(doc)
    with pikepdf.open(io.BytesIO(pdf)) as reader:
        forms = reader.pages[0].obj.Resources.XObject
        assert [str(k) for k in forms] == ["/BmPdf1"] and forms["/BmPdf1"].Subtype == "/Form"
    centre = ((g.columns[0] + right_edge(g)) / 2, g.top + 7 * g.pitch)
    r, gr, b = pixels(pdf).getpixel((round(2 * centre[0]), round(2 * centre[1])))
    assert r > 200 and 150 < gr < 230 and b < 80  # the ad's yellow (C0 M20 Y90 K0)
    label = [c for c in chars(pdf) if c["text"] in "广告" and c["top"] > g.top]
    assert len(label) == 2  # 广告 over the one ad with artwork (the placeholder's label is preview-only)


@pytest.mark.expect_warnings
def test_a_page_with_a_placed_pdf_gives_the_same_bytes_every_time(ads: Any, book: FontBook) -> None:
    doc, _, pdf = ads
    assert write_pdf(doc, book.resources(doc.faces())) == pdf


def test_an_ad_of_a_standard_size_must_match_it(tmp_path: Path) -> None:
    text = (DATA / "ads.yaml").read_text(encoding="utf-8").replace("line: 1, lines: 14", "line: 1, lines: 13")
    (tmp_path / "ads.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(IssueError, match=r"通栏 ad is 5 columns × 14 lines on this page \(house style ads.tonglan\)"):
        load_issue(tmp_path / "ads.yaml")


def test_an_image_ad_is_prepared_for_the_press_like_a_photo(tmp_path: Path, book: FontBook) -> None:
    from PIL import Image

    Image.new("RGB", (1200, 800), (20, 60, 200)).save(tmp_path / "ad.png")
    (tmp_path / "ad.yaml").write_text(
        "banmian: 1\nissue: {paper: 测试日报, date: 2026-03-03}\npages:\n  - number: 1\n    paper: tabloid\n"
        "    grid: {columns: 5, chars: 12, body_size: 小五}\n    blocks:\n      - type: ad\n        id: img\n"
        "        at: {column: 1, span: 2, line: 1, lines: 12}\n        file: ad.png\n", encoding="utf-8")
    doc, _, pdf = render(tmp_path / "ad.yaml", book)
    images = [i for i in doc.pages[0].items if type(i).__name__ == "ImageItem"]
    assert len(images) == 1
    g = grid(doc)
    assert images[0].x >= g.columns[0] - TOL and images[0].x + images[0].w <= g.columns[1] + g.column_width + TOL
    with pikepdf.open(io.BytesIO(pdf)) as reader:
        xobjects = [x for x in reader.pages[0].obj.Resources.XObject.values() if x.Subtype == "/Image"]
        assert len(xobjects) == 1 and xobjects[0].ColorSpace == "/DeviceCMYK"


@pytest.mark.expect_warnings
def test_a_table_too_wide_for_its_block_is_reported_not_drawn_outside(tmp_path: Path, book: FontBook) -> None:
    cells = ", ".join(f"列{k}" for k in range(8))
    doc, table = _table(tmp_path, book, f"[[{cells}]]", columns=f"[{cells}]", chars=12, lines=12)
    assert table.overset_lines == 2 and table.overset_text.count("列7") == 2
    assert not [i for i in doc.pages[0].items if getattr(i, "block", "") == "t"]


def _table(tmp_path: Path, book: FontBook, rows: str, columns: str = "[终端, 官方网址]", chars: int = 11,
           lines: int = 20) -> tuple[Document, Any]:
    """A table ``t`` on a one-column-wide block of a tabloid (columns of ``chars`` characters), typeset; its report."""
    (tmp_path / "t.yaml").write_text(
        "banmian: 1\nissue: {paper: 测试日报, date: 2026-03-03}\npages:\n  - number: 1\n    paper: tabloid\n"
        f"    grid: {{columns: 5, chars: {chars}, body_size: 小五}}\n    blocks:\n      - type: table\n        id: t\n"
        f"        at: {{column: 1, span: 1, line: 1, lines: {lines}}}\n        columns: {columns}\n"
        f"        rows: {rows}\n", encoding="utf-8")
    doc, report, _ = render(tmp_path / "t.yaml", book)
    return doc, next(b for b in report.blocks if b.block == "t")


def _cell_lines(doc: Document) -> list[str]:
    return ["".join(g.ch for g in i.glyphs) for i in doc.pages[0].items if getattr(i, "block", "") == "t"
            and getattr(i, "kind", "") == "table"]


def test_a_text_column_keeps_its_widest_word_where_the_others_can_give_room(tmp_path: Path, book: FontBook) -> None:
    """The URL column wraps at its URL's break points and gives the first column room for （iPhone）: no cell
    is broken inside a word (it was （iPh / one）手 / 机, unreported)."""
    doc, table = _table(tmp_path, book, "[[（iPhone）手机, 'https://apple.com/cn/iphone']]")
    lines = _cell_lines(doc)
    assert any("（iPhone）" in line for line in lines), lines
    assert table.forced_breaks == 0 and table.overset_lines == 0


@pytest.mark.expect_warnings  # forced break
def test_a_word_wider_than_any_column_can_be_is_broken_by_force_and_reported(
        tmp_path: Path, book: FontBook, caplog: pytest.LogCaptureFixture) -> None:
    _doc, table = _table(tmp_path, book, "[[X9QZ7K2M4P8R6T3V5W1Y手机, 终端]]")
    assert table.forced_breaks >= 1
    said = [r.getMessage() for r in caplog.records if "forced break" in r.getMessage()]
    assert said and "row 1, column" in said[0] and "broken inside a word" in said[0]


def test_a_house_may_give_an_ad_size_in_mm(tmp_path: Path) -> None:
    text = (DATA / "ads.yaml").read_text(encoding="utf-8").replace(
        "banmian: 1\n", "banmian: 1\nstyle: {ads: {tonglan: {height: 100mm}}}\n")
    (tmp_path / "ads.yaml").write_text(text, encoding="utf-8")
    lines = round(100 / 25.4 * 72 / 13.5)  # 100 mm on the 13.5 pt baseline grid of 小五
    with pytest.raises(IssueError, match=rf"通栏 ad is 5 columns × {lines} lines"):
        load_issue(tmp_path / "ads.yaml")


def test_column_rules_stop_at_a_wrapped_photo(tmp_path: Path, book: FontBook) -> None:
    text = "测试用的正文段落，没有新闻内容，只用来填满栏位，检验栏线在图片处断开。" * 6
    (tmp_path / "w.yaml").write_text(
        "banmian: 1\nissue: {paper: 测试日报, date: 2026-03-03}\npages:\n  - number: 1\n    paper: tabloid\n"
        "    grid: {columns: 5, chars: 12, body_size: 小五}\n    blocks:\n"
        "      - type: article\n        id: a\n        at: {column: 1, span: 3, line: 1, lines: 30}\n"
        f"        column_rules: true\n        body: ['{text}', '{text}']\n"
        "      - type: photo\n        id: p\n        at: {column: 1, span: 2, line: 10, lines: 8}\n"
        "        wrap: true\n",
        encoding="utf-8")
    doc, _, pdf = render(tmp_path / "w.yaml", book)
    g = grid(doc)
    photo_top, photo_bottom = g.top + 9 * g.pitch, g.top + 17 * g.pitch
    half = (g.columns[1] - g.columns[0] - g.column_width) / 2

    def rules(column: int) -> list[dict[str, Any]]:
        x = g.columns[column] + g.column_width + half
        return [ln for ln in page_lines(pdf) if abs(ln["x0"] - x) < TOL and ln["linewidth"] == HOUSE.rule.column]

    crossed = rules(0)  # the photo (columns 1–2) crosses the first gutter: the rule stops above and goes on below
    assert len(crossed) == 2
    assert all(ln["bottom"] <= photo_top + TOL or ln["top"] >= photo_bottom - TOL for ln in crossed)
    beside = rules(1)  # the photo ends at the second gutter: the rule runs on beside it
    assert len(beside) == 1 and beside[0]["top"] < photo_top and beside[0]["bottom"] > photo_bottom


@pytest.mark.expect_warnings
def test_the_press_pdf_refuses_an_ad_slot_without_artwork(ads: Any, book: FontBook, tmp_path: Path) -> None:
    from layout.handoff import PlaceholderError, press_pdf

    doc, _, _ = ads
    shutil.copy(DATA / "ads.yaml", tmp_path / "ads.yaml")
    (tmp_path / "ad.pdf").write_bytes(ad_pdf())
    issue, _ = clean_issue(load_issue(tmp_path / "ads.yaml"))
    with pytest.raises(PlaceholderError, match=r"第3版 ad-none \(广告：客户待定（测试）\).*第3版 ad-free"):
        press_pdf(doc, issue, book)


def ad_pdf() -> bytes:
    """A one-page PDF of the ad-pdf slot's size."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(576.0, 179.25))
    canvas.rect(0, 0, 576.0, 179.25, fill=1, stroke=0)
    canvas.save()
    return out.getvalue()
