"""A paragraph's preparation is shared by its settings at several measures (make-up measures
each story at many widths): a setting never changes what a later one starts from, a paragraph
set at one measure only is not kept, and the warnings of a setting are the same each time.

Copy not written for the engine: a quote with nested marks, a dash pair, a URL, a product
code, a Latin name and an IVS surname, set at many measures and in every punctuation style
and on the character grid, where line ends trim, hyphens, dashes and squeezed marks fall on
different atoms at each measure."""

from __future__ import annotations

import logging

import pytest

from layout.issue.model import Typography
from layout.text import paragraph
from layout.text.font import FontBook
from layout.text.prepare import TextStyle

SIZE = 9.0
COPY = ("“他说：‘这件事（指昆明市盘龙区的改革）——我们早在2026年就开始做了。’”据悉，"
        "详情见https://www.km.gov.cn/zwgk/2026-03/index.html，产品编号GB/T 15834-2011；"
        "Jean-Baptiste Dvořák表示：“internationalisation……”葛\U000E0100先生说，！？")
TYPOS = [Typography(), Typography(punctuation="quanjiao"), Typography(punctuation="kaiming"),
         Typography(punctuation="banjiao"), Typography(char_grid=True), Typography(breaking="greedy")]
MEASURES = [chars * SIZE + extra for chars in (5, 7, 9, 11, 13, 17, 23) for extra in (0.0, 3.7)]


def _lines(book: FontBook, typo: Typography, measure: float, fresh: bool) -> list[tuple[str, tuple[float, ...]]]:
    """Each line's text and glyph x positions; ``fresh``: with no preparation kept before."""
    paragraph._set_cached.cache_clear()
    if fresh:
        paragraph._kept.clear()
        paragraph._asked.clear()
    para = paragraph.set_paragraph([(COPY, TextStyle("song", SIZE))], book, typo, measure, 2 * SIZE)
    return [(line.text, tuple(g.x for g in line.glyphs)) for line in para.lines]


@pytest.mark.expect_warnings
@pytest.mark.parametrize("typo", TYPOS)
def test_settings_at_other_measures_do_not_change_a_setting(book: FontBook, typo: Typography) -> None:
    alone = {measure: _lines(book, typo, measure, fresh=True) for measure in MEASURES}
    paragraph._kept.clear()
    paragraph._asked.clear()
    for measure in [*MEASURES, *reversed(MEASURES)]:  # one shared preparation, set at every measure in turn
        assert _lines(book, typo, measure, fresh=False) == alone[measure], measure
    assert any(key[0][0][0] == COPY for key in paragraph._kept)  # it was shared


def test_a_paragraph_set_at_one_measure_is_not_kept(book: FontBook) -> None:
    paragraph._kept.clear()
    paragraph._asked.clear()
    for k in range(20):
        paragraph.set_paragraph([(f"第{k}段：市民表示，新开的公交线路方便了出行。", TextStyle("song", SIZE))], book,
                                Typography(), 11 * SIZE)
    assert not paragraph._kept
    assert len(paragraph._asked) == 20


def test_the_kept_preparations_are_bounded(book: FontBook) -> None:
    paragraph._kept.clear()
    paragraph._asked.clear()
    for k in range(paragraph.PREPARED_CACHE + 10):
        for chars in (9, 13):
            paragraph.set_paragraph([(f"第{k}段：市民表示方便了出行。", TextStyle("song", SIZE))], book,
                                    Typography(), chars * SIZE)
    assert len(paragraph._kept) == paragraph.PREPARED_CACHE
    assert not any("第0段" in key[0][0][0] for key in paragraph._kept)  # the oldest went first


@pytest.mark.expect_warnings
def test_each_setting_warns_as_before(book: FontBook, caplog: pytest.LogCaptureFixture) -> None:
    """The variation-sequence warning (a face without the IVS glyph) comes with every setting
    of the paragraph, kept preparation or not: once per measure."""
    paragraph._kept.clear()
    paragraph._asked.clear()
    paragraph._set_cached.cache_clear()
    runs = [("葛\U000E0100先生在会上说", TextStyle("song", SIZE))]
    found = paragraph._entry(tuple(runs), book, Typography())[0]
    if not found.variants:
        pytest.skip("the face has this variation sequence")
    with caplog.at_level(logging.WARNING, logger="banmian"):
        for chars in (5, 7, 9, 5):
            paragraph._set_cached.cache_clear()
            paragraph.set_paragraph(runs, book, Typography(), chars * SIZE)
    said = [r for r in caplog.records if "variation sequence" in r.getMessage()]
    assert len(said) == 4
    assert len({r.getMessage() for r in said}) == 1
