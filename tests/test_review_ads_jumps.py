"""Ad PDFs that are encrypted, damaged or rotated; jumps whose ``jump:`` and ``continues:`` disagree.

The oracles: pdfium showing the advertiser's own file (as every viewer does, its /Rotate
applied), the page grid, and the error text the README promises — never the code that places.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen.canvas import Canvas

from layout.errors import IssueError
from layout.issue.load import load_issue
from layout.page import typeset
from layout.render.pdf import write_pdf
from layout.render.png import render_page
from layout.text.clean import clean_issue
from layout.text.font import FontBook

ISSUE = (
    "banmian: 1\nissue: {paper: 测试日报, date: 2026-03-03}\npages:\n  - number: 1\n    paper: tabloid\n"
    "    grid: {columns: 5, chars: 12, body_size: 小五}\n    blocks:\n      - type: ad\n        id: ad\n"
    "        at: {column: 1, span: 5, line: 1, lines: 14}\n        label: false\n        file: ad.pdf\n")


def _shown(image: Any) -> tuple[tuple[int, int, int, int], str]:
    """The bounding box of the non-white pixels of an RGB image, and which quarter (of
    "tl", "tr", "bl", "br") holds the red mark."""
    from PIL import ImageChops

    white = image.point(lambda v: 255 if v > 245 else 0).convert("L").point(lambda v: 0 if v == 255 else 255)
    box = white.getbbox()
    red = ImageChops.subtract(image.getchannel("R"), image.getchannel("G")).point(lambda v: 255 if v > 120 else 0)
    rx0, ry0, rx1, ry1 = red.getbbox()
    cx, cy = (rx0 + rx1) / 2, (ry0 + ry1) / 2
    x0, y0, x1, y1 = box
    corner = ("t" if cy < (y0 + y1) / 2 else "b") + ("l" if cx < (x0 + x1) / 2 else "r")
    return box, corner


def _rotated_ad(path: Path, rotate: int) -> str:
    """A page (stored portrait when ``rotate`` turns it landscape) with /Rotate ``rotate``: a grey field with a
    red mark in one corner of the stored page; the corner where a viewer shows it (pdfium)."""
    size = (190.5, 576.0) if rotate in (90, 270) else (576.0, 190.5)
    canvas = Canvas(str(path), pagesize=size)
    canvas.setFillColorRGB(0.6, 0.6, 0.6)
    canvas.rect(0, 0, *size, fill=1, stroke=0)
    canvas.setFillColorRGB(1, 0, 0)
    canvas.rect(0, 0, 40, 40, fill=1, stroke=0)  # the stored page's bottom left
    canvas.save()
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.pages[0].obj.Rotate = rotate
        pdf.save(path)
    document = pdfium.PdfDocument(str(path))
    try:
        image = document[0].render(scale=1).to_pil().convert("RGB")
    finally:
        document.close()
    assert image.width > image.height  # the viewer shows it landscape, as the slot is
    return _shown(image)[1]


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_rotated_ad_pdf_is_placed_as_viewers_show_it(tmp_path: Path, book: FontBook, rotate: int) -> None:
    corner = _rotated_ad(tmp_path / "ad.pdf", rotate)
    (tmp_path / "ad.yaml").write_text(ISSUE, encoding="utf-8")
    issue, _ = clean_issue(load_issue(tmp_path / "ad.yaml"))
    doc, _ = typeset(issue, book)
    frame = doc.pages[0]
    slot = next(r for r in frame.regions if r.block == "ad")
    pdf = write_pdf(doc, book.resources(doc.faces()))
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0].render(scale=2).to_pil().convert("RGB")
    finally:
        document.close()
    x, y, w, h = slot.x, slot.y, slot.w, slot.h
    printed = page.crop((round(2 * x) - 4, round(2 * y) - 4, round(2 * (x + w)) + 4, round(2 * (y + h)) + 4))
    box, placed = _shown(printed)
    assert placed == corner
    assert box[2] - box[0] >= 2 * w - 12 and box[3] - box[1] >= 2 * h - 12  # the artwork fills the slot
    assert box[2] - box[0] <= 2 * w + 4 and box[3] - box[1] <= 2 * h + 4
    preview = render_page(frame, book.resources(doc.faces()), dpi=144)
    shown = preview.crop((round(2 * x) - 4, round(2 * y) - 4, round(2 * (x + w)) + 4, round(2 * (y + h)) + 4))
    box2, corner2 = _shown(shown)
    assert corner2 == corner
    assert abs((box2[2] - box2[0]) - (box[2] - box[0])) <= 4 and abs((box2[3] - box2[1]) - (box[3] - box[1])) <= 4


def _issue_with(tmp_path: Path, make: Any) -> Path:
    make(tmp_path / "ad.pdf")
    (tmp_path / "ad.yaml").write_text(ISSUE, encoding="utf-8")
    return tmp_path / "ad.yaml"


def _plain(path: Path) -> None:
    canvas = Canvas(str(path), pagesize=(576.0, 179.25))
    canvas.rect(10, 10, 100, 100, fill=1, stroke=0)
    canvas.save()


def _encrypted(path: Path) -> None:
    _plain(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="owner"))


def _no_page(path: Path) -> None:
    pdf = pikepdf.new()
    pdf.save(path)


def _damaged(path: Path) -> None:
    buffer = io.BytesIO()
    Canvas(buffer, pagesize=(576.0, 179.25)).save()
    path.write_bytes(buffer.getvalue()[:200])


def _no_area(path: Path) -> None:
    _plain(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.pages[0].obj.MediaBox = [0, 0, 0, 0]
        pdf.save(path)


@pytest.mark.parametrize(("make", "words"), [
    (_encrypted, r"ad\.pdf is encrypted \(a password is needed\)"),
    (_no_page, r"ad\.pdf (has no page|is not a readable PDF)"),
    (_damaged, r"ad\.pdf is not a readable PDF"),
    (_no_area, r"ad\.pdf: its page has no area"),
])
def test_an_unusable_ad_pdf_is_an_error_naming_file_line_and_key(tmp_path: Path, make: Any, words: str) -> None:
    path = _issue_with(tmp_path, make)
    with pytest.raises(IssueError, match=r"ad\.yaml:12 pages\[0\]\.blocks\[0\]\.file: " + words):
        load_issue(path)


def _legs(third: str, second_jump: str = "story-3", extra: str = "") -> str:
    """Three tabloid pages: ``story`` jumps to ``story-2``, which jumps to ``second_jump``;
    page 3 holds ``story-3`` with ``continues: third`` (and ``extra`` blocks)."""
    head = "banmian: 1\nissue: {paper: 测试日报, date: 2026-03-03}\npages:\n"

    def page(number: int, blocks: str) -> str:
        return (f"  - number: {number}\n    paper: tabloid\n    grid: {{columns: 5, chars: 12, body_size: 小五}}\n"
                f"    blocks:\n{blocks}")

    def article(ident: str, lines: str, more: str = "") -> str:
        return (f"      - type: article\n        id: {ident}\n        at: {{column: 1, span: 2, line: 1, lines: 20}}\n"
                f"{more}        body:\n{lines}")
    return head + page(1, article("story", "          - 首段文字，测试用稿件第1版。\n          - jump: story-2\n",
                                  "        headline: 测试标题\n") + extra.replace("@", "1")) + \
        page(2, article("story-2", f"          - 续稿文字，第2版。\n          - jump: {second_jump}\n",
                        "        continues: story\n")) + \
        page(3, article("story-3", "          - 再续文字，第3版。\n", f"        continues: {third}\n"))


def _ups(tmp_path: Path, book: FontBook, text: str) -> list[str]:
    """The （上接第M版） lines of every page, as printed (the frames' glyphs)."""
    (tmp_path / "j.yaml").write_text(text, encoding="utf-8")
    issue, _ = clean_issue(load_issue(tmp_path / "j.yaml"))
    doc, _ = typeset(issue, book)
    lines = ["".join(g.ch for g in i.glyphs) for frame in doc.pages for i in frame.items if hasattr(i, "glyphs")]
    return [line for line in lines if "上接" in line]


@pytest.mark.parametrize("third", ["story-2", "story"])
def test_the_up_jump_names_the_page_whose_jump_leads_to_the_leg(tmp_path: Path, book: FontBook, third: str) -> None:
    # story-3 `continues: story` (the chain's first part, as editors write it) or story-2: either
    # way story-2 on page 2 sends its readers here with （下转第3版）, so page 3 answers 第2版
    assert _ups(tmp_path, book, _legs(third)) == ["（上接第1版）", "（上接第2版）"]


def test_a_jump_from_another_story_into_a_leg_is_an_error(tmp_path: Path) -> None:
    other = ("      - type: article\n        id: other\n        at: {column: 3, span: 2, line: 1, lines: 20}\n"
             "        headline: 另一标题\n        body:\n          - 另一稿件。\n")
    (tmp_path / "j.yaml").write_text(_legs("other", extra=other), encoding="utf-8")
    with pytest.raises(IssueError, match=r"j\.yaml:\d+ pages\[2\]\.blocks\[0\]\.continues: continues 'other' "
                                         r"\(page 1\), but the jump that leads here comes from 'story-2'"):
        load_issue(tmp_path / "j.yaml")


@pytest.mark.expect_warnings
def test_a_leg_no_jump_leads_to_is_a_warning(tmp_path: Path, book: FontBook,
                                             caplog: pytest.LogCaptureFixture) -> None:
    extra = ("      - type: article\n        id: story-4\n        at: {column: 3, span: 2, line: 1, lines: 20}\n"
             "        continues: story\n        body:\n          - 又一续稿。\n")
    text = _legs("story-2") + extra  # story-4 on page 3 continues story, whose jump leads to story-2 only
    (tmp_path / "j.yaml").write_text(text, encoding="utf-8")
    load_issue(tmp_path / "j.yaml")
    warned = [r.getMessage() for r in caplog.records if "story-4" in r.getMessage()]
    assert warned and "pages[2].blocks[1].continues" in warned[0] and "{jump: story-4}" in warned[0]


COPY = ("续稿占位文字，此处接排第1版稿件的下文，项目总投资约135.6亿元，规划产能60GWh，首批设备进场调试，"
        "预计2026年第二季度试产，Zhang Wei介绍。")


@pytest.mark.expect_warnings
@pytest.mark.parametrize(("first", "second"), [(20, 20), (30, 30), (12, 40), (45, 10), (8, 8), (60, 25)])
def test_the_up_jump_line_keeps_with_the_text_after_it(tmp_path: Path, book: FontBook, caplog: pytest.LogCaptureFixture,
                                                       first: int, second: int) -> None:
    # a short continuation over three columns: （上接第1版） never stands alone in a column, or is reported
    body = f"          - {COPY[:first]}\n          - {COPY[-second:]}\n"
    text = _legs("story").replace("          - 续稿文字，第2版。\n          - jump: story-3\n", body).replace(
        "        continues: story\n        body:", "        continues: story\n        column_rules: true\n        body:"
    ).replace("at: {column: 1, span: 2, line: 1, lines: 20}\n        continues: story\n        column_rules",
              "at: {column: 1, span: 3, line: 1, lines: 20}\n        continues: story\n        column_rules")
    text = text.split("  - number: 3")[0]
    (tmp_path / "j.yaml").write_text(text, encoding="utf-8")
    issue, _ = clean_issue(load_issue(tmp_path / "j.yaml"))
    doc, _ = typeset(issue, book)
    lines = [i for i in doc.pages[1].items if hasattr(i, "glyphs") and i.block == "story-2" and i.kind == "body"]
    assert len({round(i.x, 1) for i in lines}) > 1  # the copy does run over several columns
    up = next(i for i in lines if "上接" in "".join(g.ch for g in i.glyphs))
    below = [i for i in lines if abs(i.x - up.x) < 0.5 and i.baseline > up.baseline]
    alone = not below
    warned = any("上接" in r.getMessage() and "stands alone" in r.getMessage() for r in caplog.records)
    assert not alone or warned
    assert not alone  # and here there is always room to keep it with the text
