"""A cached setting still warns on every use (review W F2): what the text engine finds worth a
warning (an ideograph drawn in a face of another style, a variation sequence drawn in its
standard form) is part of the cached value and logged by the uncached caller each time, so a
second block with the same copy, a second render in one process and the live preview's
re-layout of a page all report it. Placeholder copy written for the tests (not news)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from layout.flow import display
from layout.flow.setting import Setting
from layout.issue.model import Typography
from layout.text import paragraph
from layout.text.font import FontBook
from layout.text.prepare import TextStyle

RARE = "（占位稿）老街𪜀字招牌与𫝀字碑刻"  # 𪜀 U+2A700, 𫝀 U+2B740: no 黑体 glyph, drawn from a Ming face


def _said(caplog: pytest.LogCaptureFixture, what: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if what in r.getMessage()]


@pytest.mark.expect_warnings
def test_a_paragraph_set_twice_warns_twice(book: FontBook, caplog: pytest.LogCaptureFixture) -> None:
    paragraph._set_cached.cache_clear()
    runs = [(RARE, TextStyle("hei", 10.0))]
    with caplog.at_level(logging.WARNING, logger="banmian"):
        first = paragraph.set_paragraph(runs, book, Typography(), 60.0)
        once = _said(caplog, "another style")
        again = paragraph.set_paragraph(runs, book, Typography(), 60.0)
    assert again is first  # (the second setting is the cached one)
    assert any("U+2A700" in m for m in once) and any("U+2B740" in m for m in once), once
    assert _said(caplog, "another style") == once + once


@pytest.mark.expect_warnings
def test_display_copy_set_twice_warns_twice(book: FontBook, caplog: pytest.LogCaptureFixture) -> None:
    display._words_cached.cache_clear()
    paragraph._set_cached.cache_clear()
    setting = Setting(book, Typography())
    for size, measure in ((10.0, 60.0), (10.0, 300.0)):  # broken into words, and on one line
        runs = [(RARE, TextStyle("hei_bold", size))]
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="banmian"):
            first = display.set_words(runs, setting, measure)
            once = _said(caplog, "another style")
            again = display.set_words(runs, setting, measure)
        assert again is first
        assert any("U+2A700" in m for m in once) and any("U+2B740" in m for m in once), once
        assert _said(caplog, "another style") == once + once


@pytest.mark.expect_warnings
def test_a_variation_sequence_set_twice_warns_twice(book: FontBook, caplog: pytest.LogCaptureFixture) -> None:
    paragraph._set_cached.cache_clear()
    runs = [("葛\U000E0100先生在会上说", TextStyle("song", 10.0))]
    if not paragraph._entry(tuple(runs), book, Typography())[0].variants:
        pytest.skip("the face has this variation sequence")
    with caplog.at_level(logging.WARNING, logger="banmian"):
        for _ in range(2):
            paragraph.set_paragraph(runs, book, Typography(), 50.0)
    said = _said(caplog, "variation sequence")
    assert len(said) == 2 and said[0] == said[1], said


HEAD = "banmian: 1\nissue:\n  paper: 测试报\n  date: 2026-03-18\npages:\n- number: 1\n  name: 测试\n" \
       "  grid:\n    columns: 4\n    chars: 13\n  blocks:\n"
PAGE = HEAD + ("  - type: article\n    id: a1\n    at: {column: 1, span: 2, line: 1, lines: 30}\n"
               "    headline: 测试\n    body_font: hei\n    body:\n    - " + RARE + "。\n"
               "  - type: article\n    id: a2\n    at: {column: 3, span: 2, line: 1, lines: 30}\n"
               "    headline: 测试二\n    body:\n    - （占位稿）第二篇正文EDIT。\n")


@pytest.mark.expect_warnings
def test_the_preview_s_relayout_keeps_the_warning(tmp_path: Path, book: FontBook,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    """An edit to a2 lays the page out again; a1's paragraph comes from the cache and still warns."""
    from layout.preview.serve import PreviewState

    source = tmp_path / "pv.yaml"
    source.write_text(PAGE, encoding="utf-8")
    state = PreviewState(source, book, dpi=20)
    with caplog.at_level(logging.WARNING, logger="banmian"):
        state.refresh()
        first = _said(caplog, "another style")
        caplog.clear()
        source.write_text(PAGE.replace("EDIT", "改动"), encoding="utf-8")
        state.refresh()
        after = _said(caplog, "another style")
    assert state.error is None and state.memory.laid_out == [0]  # the page was laid out again
    assert first and all("page 1, block 'a1'" in m for m in first), first
    assert after == first
