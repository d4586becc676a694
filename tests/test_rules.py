"""Typography resolved into tables: each punctuation style's widths are what the engine sets."""

from __future__ import annotations

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle, prepare
from layout.text.punct import Punct
from layout.text.rules import PUNCT_WIDTHS, Breaking, PunctStyle, rules

SIZE = 10.0
BODY = TextStyle("song", SIZE)
MARKS = {Punct.OPEN: "（", Punct.CLOSE: "）", Punct.PAUSE: "，", Punct.STOP: "。"}


@pytest.mark.parametrize("style", list(PunctStyle))
def test_each_class_inside_a_line_is_as_wide_as_the_table_says(box_book: FontBook, style: PunctStyle) -> None:
    typo = Typography(punctuation=style.value)
    for kind, mark in MARKS.items():
        atoms = prepare([(f"中{mark}文", BODY)], box_book, typo).atoms
        assert atoms[1].width == pytest.approx(PUNCT_WIDTHS[style][kind].middle * SIZE), (style, kind)


@pytest.mark.parametrize("style", list(PunctStyle))
def test_a_line_ending_in_a_comma_gives_up_what_the_table_says(box_book: FontBook, style: PunctStyle) -> None:
    text = "中文字版面报纸新闻，日讯记者排印测试"  # the comma ends the first 100 pt line
    line = set_paragraph([(text, BODY)], box_book, Typography(punctuation=style.value), 100.0).lines[0]
    assert line.text.endswith("，")
    end = PUNCT_WIDTHS[style][Punct.PAUSE].end  # the comma's set width at the line end, flush with the edge
    assert line.glyphs[-1].x + end * SIZE == pytest.approx(100.0)


def test_words_resolve_to_enums_once() -> None:
    typo = Typography(punctuation="kaiming", breaking="greedy", prohibition="strict")
    resolved = rules(typo)
    assert resolved is rules(Typography(punctuation="kaiming", breaking="greedy", prohibition="strict"))
    assert resolved.punctuation is PunctStyle.KAIMING and resolved.breaking is Breaking.GREEDY
    assert "—" in resolved.prohibition.no_start and Punct.STOP not in resolved.half_inside
