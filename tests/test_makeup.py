"""Make-up edge cases: narrow blocks, stacked wrapped photos, over-wide vertical heads,
small print that does not fit. Nothing may crash, be drawn outside its block or over a
photo, or be lost without a report."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from PIL import Image

from layout.frame import ImageItem, TextLine, VerticalLine
from layout.issue.load import load_issue
from layout.page import typeset
from layout.text.font import FontBook
from tests.test_flow import HEAD, PARA, render


def _lines(doc, block: str, kind: str | None = None) -> list[TextLine]:  # type: ignore[no-untyped-def]
    return [i for i in doc.pages[0].items
            if isinstance(i, TextLine) and i.block == block and (kind is None or i.kind == kind)]


def _box(line: TextLine) -> tuple[float, float, float, float]:
    size = max(g.size for g in line.glyphs)
    right = line.x + max(g.x + g.size * g.scale for g in line.glyphs)
    return line.x + line.glyphs[0].x, line.baseline - 0.88 * size, right, line.baseline + 0.12 * size


@pytest.mark.expect_warnings  # the name is overset
def test_one_column_masthead_at_the_default_size(tmp_path: Path, box_book: FontBook) -> None:
    masthead = "{type: masthead, id: m, at: {column: 1, span: 1, line: 1, lines: 12}}"
    doc, report = render(tmp_path, box_book, f"      - {masthead}\n")
    names = [line.text for line in _lines(doc, "m") if line.color == (0.0, 1.0, 1.0, 0.0)]
    block = next(b for b in report.blocks if b.block == "m")
    # 60 pt in a 110 pt column: one character a line; 12 lines less 2 of small print hold two
    assert names == ["测", "试"]
    assert block.overset_chars == 1 and block.overset_text == "报"


def test_headline_one_character_a_line(tmp_path: Path, box_book: FontBook) -> None:
    doc, _ = render(tmp_path, box_book, """      - type: article
        id: a
        at: {column: 1, span: 1, line: 1, lines: 40}
        headline: {text: 中文字版, size: 60pt}
        body: ["中文"]
""")
    heads = _lines(doc, "a", "head")
    # one character a line would take 4 lines: the head is fitted (长体, smaller) into the 3 a headline may take
    assert "".join(h.text for h in heads) == "中文字版" and len(heads) <= 3


def test_balanced_headline_keeps_latin_words_whole(tmp_path: Path, box_book: FontBook) -> None:
    doc, _ = render(tmp_path, box_book, """      - type: article
        id: a
        at: {column: 1, span: 2, line: 1, lines: 40}
        headline: {text: 中文Mate70Pro版面报纸新闻, size: 42pt}
        body: ["中文"]
""")
    heads = [h.text for h in _lines(doc, "a", "head")]
    assert len(heads) > 1 and any("Mate70Pro" in h for h in heads), heads


def test_headline_stays_off_stacked_wrapped_photos(tmp_path: Path, box_book: FontBook) -> None:
    doc, _ = render(tmp_path, box_book, f"""      - type: article
        id: a
        at: {{column: 1, span: 4, line: 1, lines: 40}}
        headline: 标题中文
        body: ["{PARA}", "{PARA}"]
      - {{type: photo, id: p1, at: {{column: 1, span: 4, line: 1, lines: 10}}, wrap: true}}
      - {{type: photo, id: p2, at: {{column: 1, span: 2, line: 12, lines: 8}}, wrap: true}}
""")
    photos = [r for r in doc.pages[0].regions if r.kind == "photo"]
    heads = _lines(doc, "a", "head")
    assert heads
    for line in _lines(doc, "a"):
        x0, y0, x1, y1 = _box(line)
        for r in photos:
            assert x1 <= r.x + 0.01 or x0 >= r.x + r.w - 0.01 or y1 <= r.y + 0.01 or y0 >= r.y + r.h - 0.01


@pytest.mark.expect_warnings  # the vertical head cannot be set and says so
def test_vertical_head_wider_than_its_article_is_overset(tmp_path: Path, box_book: FontBook,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    doc, report = render(tmp_path, box_book, """      - type: article
        id: a
        at: {column: 1, span: 1, line: 1, lines: 30}
        head_vertical: right
        kicker: 引题中文
        headline: {text: "标题中文\\n字版面", size: 42pt}
        subhead: 副题中文
        body: ["中文字版面报纸"]
""")
    block = next(b for b in report.blocks if b.block == "a")
    assert not [i for i in doc.pages[0].items if isinstance(i, VerticalLine)]
    assert block.overset_text == "引题中文\n标题中文\n字版面\n副题中文" and block.overset_chars == 15  # (as typed)
    assert any("leaves fewer than 4 characters" in r.getMessage() for r in caplog.records)
    region = doc.pages[0].regions[0]
    assert all(region.x - 0.01 <= line.x and _box(line)[2] <= region.x + region.w + 0.01 for line in _lines(doc, "a"))


@pytest.mark.expect_warnings  # small print that does not fit is overset
def test_masthead_small_print_never_leaves_its_block(tmp_path: Path, box_book: FontBook) -> None:
    doc, report = render(tmp_path, box_book, """      - type: masthead
        id: m
        at: {column: 1, span: 3, line: 3, lines: 3}
        notes: [中文一, 中文二, 中文三]
""")
    region = doc.pages[0].regions[0]
    small = [line for line in _lines(doc, "m") if line.color != (0.0, 1.0, 1.0, 0.0)]
    assert [line.text for line in small] == ["2026年1月20日 星期二", "中文一", "中文二"]
    assert all(region.y <= line.baseline <= region.y + region.h for line in small)
    block = next(b for b in report.blocks if b.block == "m")
    assert block.overset_text.startswith("中文三")


def test_masthead_page_names_its_editors_in_the_small_print(tmp_path: Path, box_book: FontBook) -> None:
    path = tmp_path / "m.yaml"
    head = HEAD.replace("    paper: tabloid", "    paper: tabloid\n    editor: 排印")
    path.write_text(head + """      - type: masthead
        id: m
        at: {column: 1, span: 3, line: 1, lines: 10}
""", encoding="utf-8")
    doc, _ = typeset(load_issue(path), box_book)
    assert "责任编辑：排印" in [line.text for line in _lines(doc, "m")]


@pytest.mark.expect_warnings  # the right-hand part cannot fit beside the paper's name
def test_running_head_parts_never_collide(tmp_path: Path, box_book: FontBook) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(HEAD.replace("    paper: tabloid\n    grid: {columns: 6,",
                                 "    paper: tabloid\n    name: 中文版面新闻\n    editor: 排印测试\n"
                                 "    designer: 中文字版面报纸新闻日讯记者\n    grid: {columns: 2,")
                    + '      - {type: article, id: a, at: {column: 1, span: 2, line: 1, lines: 4}, body: ["中文"]}\n',
                    encoding="utf-8")
    doc, report = typeset(load_issue(path), box_book)
    parts = sorted((_box(line) for line in _lines(doc, "folio")), key=lambda b: b[0])
    assert all(a[2] <= b[0] for a, b in pairwise(parts))
    folio = next(b for b in report.blocks if b.block == "running head")
    assert folio.overset_text.startswith("第1版") and folio.overset_lines == 1


@pytest.mark.expect_warnings  # a small test logo: low resolution
def test_masthead_logo_is_prepared_for_the_press(tmp_path: Path, box_book: FontBook) -> None:
    Image.new("RGB", (400, 100), (10, 10, 10)).save(tmp_path / "logo.png")
    path = tmp_path / "m.yaml"
    path.write_text(HEAD.replace("pages:", "print: {ink_limit: 200}\npages:") + """      - type: masthead
        id: m
        at: {column: 1, span: 3, line: 1, lines: 10}
        image: logo.png
""", encoding="utf-8")
    doc, report = typeset(load_issue(path), box_book)
    (logo,) = [i for i in doc.pages[0].items if isinstance(i, ImageItem)]
    block = next(b for b in report.blocks if b.block == "m")
    assert block.photo is not None and block.photo.ppi == pytest.approx(logo.ppi, abs=0.1)
    assert block.photo.ink[1] <= 200.5
