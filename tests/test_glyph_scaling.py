"""Glyph scaling of Latin and digit runs (英文/数字压缩, ``style.glyph_scaling``), and how far
running text letter-spaces Latin: properties of the set glyphs and of the written PDF.

- only letters, digits and Latin marks are ever narrowed, never an ideograph or a Chinese
  mark; all narrowed glyphs of a line share one scale, never below ``latin_narrowest``;
- a narrowed line is flush at the column edge, its glyphs follow one another without
  overlap (the PDF's advances, read back, agree with the frame), and nothing is lost;
- narrowing takes away loose lines where a code does not fit its line unnarrowed, and
  changes nothing in a paragraph that sets well without it (pure Chinese above all);
- a line that has gaps between ideographs to open spaces the letters or digits of a Latin
  run by ``LETTER_SPACE_EM`` at most, and past it (a loose line) by ``LETTER_SHARE`` of what
  its ideographs are parted past the limit, never as much.

The copy is placeholder text written for this test (codes, addresses and numbers invented),
not news.
"""

from __future__ import annotations

import io
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest

from layout.frame import Glyph, TextLine
from layout.issue.load import load_issue
from layout.issue.model import Typography
from layout.page import typeset
from layout.render.pdf import write_pdf
from layout.text.clean import clean_issue
from layout.text.font import FontBook
from layout.text.line import SetLine
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle
from layout.text.script import is_cjk, is_ideograph
from layout.text.stretch import LETTER_SHARE, LETTER_SPACE_EM

SIZE = 9.0
COPY = [
    "报名编号为KM20270611的参赛者，请在开赛前一天到体育中心领取号码布和计时芯片。",
    "工作人员提醒，货运单号为YT-8807-3321-0456的包裹已经到达昆明转运中心，请耐心等待。",
    "新款无人机的最大起飞重量为249g，图传距离约12km，续航时间可达46min，售价6988元起。",
    "读者来信请寄往editor.letters@paper-example.com.cn，来信请注明姓名和联系电话。",
    "他在笔记本上写下wǒmen和xuéxí两个词，又补充了一句英文：Learning never ends.",
    "预约成功后，系统会发送编号为RSV-2027-00089134的确认短信，请在就诊当天出示。",
    "这款相机的型号为EOS-R8X，有效像素约4500万，机身重量约461g，支持8K视频录制。",
]
CHINESE = ("春节前后，老街的商户陆续挂起红灯笼，游客沿着青石板路一路走来，"
           "在百年老店门前排起长队，等着品尝刚出锅的糕点和米线。")
STYLES = ("line_end_half", "quanjiao", "kaiming", "banjiao")
WIDTHS = (9, 11, 13, 17)


def _set(book: FontBook, text: str, style: str, chars: int, narrowest: float = 0.92) -> list[SetLine]:
    typo = Typography(punctuation=style, latin_narrowest=narrowest)
    return list(set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE).lines)


def _advance(book: FontBook, g: Glyph) -> float:
    """The pt a glyph's drawn advance takes: its face's advance at its size and scale."""
    face = book.face(g.face)
    assert face is not None
    return face.advance_em(g.ch[0]) * g.size * g.scale


def _narrowed(lines: list[SetLine]) -> list[Glyph]:
    return [g for line in lines for g in line.glyphs if g.scale < 1.0 and g.ch.strip() and g.ch not in "—…"]


@pytest.mark.parametrize("style", STYLES)
def test_only_latin_is_narrowed_by_one_scale_a_line_within_the_band(book: FontBook, style: str) -> None:
    used = 0
    for text in COPY:
        for chars in WIDTHS:
            for line in _set(book, text, style, chars):
                scales = {g.scale for g in _narrowed([line])}
                assert len(scales) <= 1, line.text
                for g in _narrowed([line]):
                    assert not is_cjk(g.ch) and g.scale >= 0.92 - 1e-9, (g.ch, g.scale, line.text)
                used += bool(scales)
    assert used >= 2  # (the copy has codes that need it: the test sees narrowed lines)


@pytest.mark.parametrize("style", STYLES)
def test_narrowed_lines_are_flush_without_overlap(book: FontBook, style: str) -> None:
    for text in COPY:
        for chars in WIDTHS:
            lines = _set(book, text, style, chars)
            for line in lines:
                if not _narrowed([line]):
                    continue
                assert line.justified and line.width == pytest.approx(chars * SIZE, abs=0.01), line.text
                drawn = [g for g in line.glyphs if g.ch != " "]
                for a, b in pairwise(drawn):
                    if not (is_cjk(a.ch) or is_cjk(b.ch)):  # letters close up by 0.02 em at most
                        assert b.x >= a.x + _advance(book, a) - 0.021 * SIZE, (a.ch, b.ch, line.text)
            assert "".join(line.copy for line in lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("style", STYLES)
def test_narrowing_removes_loose_lines_and_leaves_good_ones(book: FontBook, style: str) -> None:
    fewer = 0
    for text in COPY:
        for chars in WIDTHS:
            before = _set(book, text, style, chars, 1.0)
            after = _set(book, text, style, chars)
            loose_before = sum(line.spread_em > 0.25 + 1e-9 for line in before)
            loose_after = sum(line.spread_em > 0.25 + 1e-9 for line in after)
            if not _narrowed(after):
                assert [(line.text, [g.x for g in line.glyphs]) for line in after] == \
                       [(line.text, [g.x for g in line.glyphs]) for line in before]
            fewer += loose_before - loose_after
    assert fewer >= 2


def test_pure_chinese_is_never_touched(book: FontBook) -> None:
    for style in STYLES:
        for chars in WIDTHS:
            after, before = _set(book, CHINESE, style, chars), _set(book, CHINESE, style, chars, 1.0)
            assert [[(g.ch, g.x, g.scale) for g in line.glyphs] for line in after] == \
                   [[(g.ch, g.x, g.scale) for g in line.glyphs] for line in before]


def _gaps(book: FontBook, line: SetLine, kind: str) -> list[float]:
    """The white (em) between neighbours of one kind on a line: ``han`` two ideographs,
    ``latin`` two Latin glyphs (letters, digits, marks of a code; not across a word space)."""
    test = (lambda a, b: is_ideograph(a) and is_ideograph(b)) if kind == "han" else \
        (lambda a, b: a.isascii() and b.isascii() and bool(a.strip()) and bool(b.strip()))
    return [(b.x - a.x - _advance(book, a)) / SIZE for a, b in pairwise(line.glyphs) if test(a.ch, b.ch)]


@pytest.mark.parametrize("style", STYLES)
def test_letters_are_spaced_less_than_ideographs(book: FontBook, style: str) -> None:
    seen = 0
    for text in COPY:
        for chars in WIDTHS:
            for line in _set(book, text, style, chars):
                han, latin = _gaps(book, line, "han"), _gaps(book, line, "latin")
                if not line.justified or not han or not latin:
                    continue
                past = max(0.0, max(han) - 0.25)  # how far the ideographs are parted past the limit
                assert max(latin) <= LETTER_SPACE_EM + LETTER_SHARE * past + 1e-6, (max(latin), max(han), line.text)
                seen += past > 0 and max(latin) > 0
    assert seen  # (loose lines with letters were seen)


ISSUE = """banmian: 1
issue: {{paper: 测试, date: 2026-01-20}}
style: {{glyph_scaling: {{latin_narrowest: {narrowest}}}}}
pages:
  - number: 1
    name: 测试
    paper: {{width: 90mm, height: 200mm}}
    margins: {{top: 10mm, bottom: 10mm}}
    grid: {{columns: 1, chars: 13, gutter: 1, body_size: 9pt, leading: 13.5pt}}
    blocks:
      - type: article
        id: a
        at: {{column: 1, span: 1, line: 1, lines: 30}}
        body: [{body}]
"""


def _pdf(book: FontBook, tmp_path: Path, narrowest: int) -> tuple[list[TextLine], bytes, float]:
    path = tmp_path / f"i{narrowest}.yaml"
    path.write_text(ISSUE.format(narrowest=narrowest, body=", ".join(COPY)), encoding="utf-8")
    issue, _ = clean_issue(load_issue(path))
    doc, _ = typeset(issue, book)
    body = [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.kind == "body"]
    return body, write_pdf(doc, book.resources()), doc.pages[0].height


@pytest.mark.expect_warnings  # (loose lines, and a running head that a 13-character page has no room for)
def test_the_pdf_draws_narrowed_glyphs_where_the_frame_says(book: FontBook, tmp_path: Path,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    plain, _, _ = _pdf(book, tmp_path, 100)
    loose_plain = sum("loose line" in r.getMessage() for r in caplog.records)
    caplog.clear()
    body, pdf, height = _pdf(book, tmp_path, 92)
    assert sum("loose line" in r.getMessage() for r in caplog.records) < loose_plain
    latin_scaled = lambda line: any(g.scale < 1.0 and not is_cjk(g.ch) for g in line.glyphs)  # noqa: E731
    assert not any(map(latin_scaled, plain))  # 100: never narrowed
    narrowed = [line for line in body if latin_scaled(line)]
    assert narrowed
    with pdfplumber.open(io.BytesIO(pdf)) as reader:
        chars = reader.pages[0].chars
    rows: dict[float, list[dict]] = {}
    for ch in chars:
        rows.setdefault(round(height - ch["matrix"][5], 1), []).append(ch)
    edge = 13 * SIZE
    for line in narrowed:
        row = sorted(rows[round(line.baseline, 1)], key=lambda c: c["x0"])
        drawn = [g for g in line.glyphs if g.ch != " "]
        assert "".join(c["text"] for c in row if c["text"] != " ") == "".join(g.ch for g in drawn)
        glyphs = [c for c in row if c["text"] != " "]
        for g, c in zip(drawn, glyphs):  # the PDF's advance is the frame's: scaled by Tz
            assert c["x0"] == pytest.approx(line.x + g.x, abs=0.02)
            assert c["x1"] - c["x0"] == pytest.approx(_advance(book, g), abs=0.02), g.ch
        for a, b in pairwise(glyphs):
            assert b["x0"] >= a["x1"] - 0.021 * SIZE - 0.01, (a["text"], b["text"])
        last = glyphs[-1]
        if last["text"] not in "，。、；：？！）》”’":
            assert last["x1"] == pytest.approx(line.x + edge, abs=0.02), line.text
