"""Setters return what no font has with their result, and block reports carry per-kind records.

Heads, one-line furniture and vertical heads give back the characters no font has (each once,
in reading order) instead of filling a list passed in; a block's report holds what every block
reports, an article's ``ArticleFit`` and an image's ``PhotoReport``, and ``--summary`` writes each
block as the one flat mapping it always was."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.flow.heads import head_lines, one_line
from layout.flow.setting import Setting
from layout.flow.vertical import set_columns
from layout.issue.model import HeadText, Typography
from layout.text.font import FontBook
from tests.test_flow import render

NONE_HAS = "\ue000\ue001"  # private-use characters: no font of the book draws them

#: The keys of a block in ``--summary`` (README), in their order.
SUMMARY_KEYS = ["page", "block", "lines_available", "lines_used", "chars_set", "overset_lines", "overset_chars",
                "overset_text", "overset_notes", "missing_glyphs", "forced_breaks", "image_ppi", "image_ink",
                "image_file", "image_inks", "rect", "kind", "columns", "lines_set", "line_chars", "column_fit",
                "display_fit"]


def test_head_lines_return_the_missing_characters_once_in_order(book: FontBook, typo: Typography) -> None:
    heads = [HeadText("云南\ue001日报\ue001新闻", 24.0, "hei_bold", "left"),
             HeadText(f"副题{NONE_HAS}与2026年", 14.0, "kai", "left")]
    lines, height, missing = head_lines(heads, 300.0, Setting(book, typo))
    assert missing == ("\ue001", "\ue000")
    assert height > 0 and "".join(line.copy for line, _, _ in lines).startswith("云南")


def test_one_line_returns_its_missing_characters(book: FontBook, typo: Typography) -> None:
    fitted = one_line(f"2026年1月20日 星期二{NONE_HAS[1]}", 9.0, "song", "left", 400.0, Setting(book, typo))
    assert fitted is not None and fitted[2] == ("\ue001",)
    plain = one_line("责任编辑：张三", 9.0, "song", "left", 400.0, Setting(book, typo))
    assert plain is not None and plain[2] == ()


def test_vertical_columns_return_their_missing_characters(book: FontBook) -> None:
    heads = [HeadText(f"竖排\ue001标题{NONE_HAS}", 20.0, "hei_bold", "left"), HeadText("增长12%", 14.0, "kai", "left")]
    columns, missing = set_columns(heads, book, "auto", room=60.0)  # flowed into several columns
    assert len(columns) > 2 and missing == ("\ue001", "\ue000")
    assert [g.ch for c in columns for g in c.glyphs if g.missing] == ["\ue001", "\ue000", "\ue001"]


@pytest.mark.expect_warnings  # missing glyphs are logged
def test_reports_are_per_kind_records(tmp_path: Path, box_book: FontBook) -> None:
    _, report = render(tmp_path, box_book, f"""      - type: article
        id: a
        at: {{column: 1, span: 4, line: 1, lines: 30}}
        headline: 标题{NONE_HAS[1]}中文
        body: ["中文字版面{NONE_HAS[0]}报纸", "中文字版面报纸新闻"]
      - type: photo
        id: p
        at: {{column: 5, span: 2, line: 1, lines: 12}}
        caption: 中文{NONE_HAS[0]}
      - type: banner
        id: b
        at: {{column: 1, span: 6, line: 31, lines: 4}}
        text: 中文版面
""")
    article, photo, banner = (next(b for b in report.blocks if b.block == k) for k in "apb")
    assert article.fit is not None and article.photo is None
    assert article.fit.columns == 4 and article.fit.lines_set == 2 and len(article.fit.column_fit) == 4
    assert article.missing_glyphs == ["\ue001", "\ue000"]  # the head's first, then the body's
    assert photo.fit is None and photo.photo is None  # a placeholder: no image placed
    assert photo.missing_glyphs == ["\ue000"] and banner.fit is None and banner.photo is None
    blocks = report.to_json()["blocks"]
    assert all(list(b) == SUMMARY_KEYS for b in blocks)
    flat = next(b for b in blocks if b["block"] == "a")
    assert (flat["columns"], flat["lines_set"], flat["image_file"], flat["image_ppi"]) == (4, 2, "", None)
    assert report.to_json()["photos"] == []
    assert report.fit(1, "a") == article.copy_fit() and article.copy_fit()["lines_set"] == 2
