"""char_grid (字格) on copy written for this test and never used to tune the grid (issue 12, item 5):
placeholder news paragraphs with a URL with a query string, an e-mail address, long English words,
grouped numbers with units, codes, names with hyphens and an English paragraph, each set in one
column of 9, 11, 13 and 17 characters. Asserted, from the set glyphs and the fonts' outlines:

- every ideograph starts a whole number of cells from the column's left edge, or ½ em off it
  between two marks set ½ em, or its line is reported (``SetParagraph.short``);
- no white between two inks on a line is wider than one cell;
- nothing is lost or added (the hyphens drawn at line ends aside);
- no word, number or URL is split between two letters or digits without a drawn hyphen.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.grid_justify import OffGridLine
from layout.text.paragraph import SetParagraph, set_paragraph
from layout.text.prepare import TextStyle
from layout.text.script import is_ideograph
from tests.test_grid_ink import ink, on_grid_or_balanced

SIZE = 9.0
COPY = [
    "（占位稿）某区智能网联测试道路全长约18.6公里，车辆可通过https://its.placeholder-road.example/apply/"
    "2026/form.html提交申请，审核周期一般为5个工作日。",
    "（占位稿）项目一期总投资约1,250,000万元，规划用地3,800亩，预计年产动力电池60GWh、储能电池20GWh，"
    "新增就业岗位约12,000个。",
    "（占位稿）交流活动的嘉宾有Dr. Margaret Thornbury-Lewis与Prof. Hans-Joachim Oberländer，"
    "他们围绕electrochemical impedance spectroscopy作了报告。",
    "（占位稿）意见可在2026年3月31日前发送至planning-feedback@placeholder-city.example，或登录"
    "www.placeholder-gov.example/zxft?id=20260318&lang=zh留言。",
    "（占位稿）Officials said the new plant would be powered largely by hydroelectricity and solar energy, "
    "according to a placeholder statement released on Tuesday.",
    "（占位稿）推介会展示了型号为KM-EV2026-X7的试验车型，电池包容量为85.5kWh，续航里程约620km，"
    "招标编号为YN-KM-2026-ZB-000731，截止时间为4月15日09:30。",
]
WIDTHS = [9, 11, 13, 17]
URL_BREAKS = "/.-_?&=@"


def _para(book: FontBook, text: str, chars: int) -> SetParagraph:
    return set_paragraph([(text, TextStyle("song", SIZE))], book, Typography(char_grid=True), chars * SIZE,
                         2 * SIZE)


def _shown(chars: list[str]) -> str:
    return "".join(ch for ch in chars if ch not in " \u00ad")


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", WIDTHS)
def test_ideographs_on_the_grid_or_reported(book: FontBook, chars: int) -> None:
    checked = 0
    for text in COPY:
        para = _para(book, text, chars)
        if para.off_grid:  # an English paragraph: set as running text, reported once as a whole
            assert sum(g.ch.isascii() and g.ch.isalpha() for line in para.lines for g in line.glyphs) > 100
            continue
        for line in para.lines[:-1]:
            if isinstance(line, OffGridLine):
                assert line in para.short, line.shown  # justified off the grid: reported
            elif not on_grid_or_balanced(line, SIZE):
                assert line in para.short, line.shown
            else:
                checked += sum(1 for g in line.glyphs if is_ideograph(g.ch))
    assert checked > 50  # (the test sees ideographs)


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", WIDTHS)
def test_no_white_wider_than_a_cell(book: FontBook, chars: int) -> None:
    for text in COPY:
        for line in _para(book, text, chars).lines:
            inks = [ink(book, g) for g in line.glyphs if g.ch not in " \u00ad"]
            for (_, right), (left, _) in pairwise(inks):
                assert left - right <= SIZE * 1.02, (line.shown, (left - right) / SIZE)


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", WIDTHS)
def test_nothing_lost_and_no_split_without_a_hyphen(book: FontBook, chars: int) -> None:
    for text in COPY:
        lines = _para(book, text, chars).lines
        shown = [[g.ch for g in line.glyphs] for line in lines]
        assert "".join(_shown(s) for s in shown) == text.replace(" ", "")
        at = 0
        for here, after in pairwise(shown):
            at += len(_shown(here))
            end, start = _shown(here)[-1], _shown(after)[0]
            if end.isascii() and end.isalnum() and start.isascii() and start.isalnum():
                spaced = text[:_pos(text, at)].endswith(" ")  # a word space typed there
                assert spaced or here[-1] == "\u00ad", (_shown(here), _shown(after))
            if end in URL_BREAKS and start.isascii() and start.isalnum():
                assert here[-1] != "\u00ad", _shown(here)  # a URL breaks after / . - without an added hyphen


def _pos(text: str, shown: int) -> int:
    """The index in ``text`` after its first ``shown`` characters that are not spaces, with the
    spaces typed right after them."""
    k = n = 0
    while n < shown:
        n += text[k] != " "
        k += 1
    while k < len(text) and text[k] == " ":
        k += 1
    return k
