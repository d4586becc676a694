"""A space an editor types between two phrases of a headline is where it breaks, when it breaks in
two and each phrase fits a line (稳住外贸基本盘 激发消费新活力); a word space between Latin words or
figures (iPhone 17 Pro) is no such mark. Headlines written for this test; read from the set lines."""

from __future__ import annotations

import pytest

from layout.flow.heads import balanced_head
from layout.flow.setting import Setting
from layout.flow.words import phrase_spaces
from layout.issue.model import HeadText, Typography
from layout.text.font import FontBook

PHRASED = ["稳住外贸基本盘 激发消费新活力", "昆明至大理动车组列车今起加密 周末再增开两趟",
           "全市新建改建公办幼儿园四十所 新增学位一万个", "高原特色农产品出口创新高 咖啡鲜花领跑",
           "一季度全省规上工业增加值同比增长8.1% 增速居全国前列", "暴雨过后 滇池沿岸湿地迎来候鸟高峰",
           "iPhone 17系列发布 国产手机加快冲击高端", "三问城市更新　老街区如何留住烟火气"]
SIZES = [28.0, 36.0, 42.0]


def _lines(book: FontBook, text: str, size: float, width: float) -> list[str]:
    lines, _ = balanced_head(text, HeadText(text, size, "hei_bold", "left"), Setting(book, Typography()), width)
    return [line.text.strip() for line in lines]


@pytest.mark.parametrize("text", PHRASED)
def test_a_headline_in_two_lines_breaks_at_its_phrase_space(book: FontBook, text: str) -> None:
    at = sorted(phrase_spaces(text))
    assert at, text  # (one phrase space each; the iPhone headline's first space is a word space)
    first, second = text[:at[0]].strip(), text[at[-1] + 1:].strip()
    checked = 0
    for size in SIZES:
        for width in range(150, 800, 25):
            lines = _lines(book, text, size, float(width))
            if len(lines) != 2 or len(_lines(book, first, size, float(width))) != 1 \
                    or len(_lines(book, second, size, float(width))) != 1:
                continue
            checked += 1
            assert [line.replace(" ", "") for line in lines] == [first.replace(" ", ""), second.replace(" ", "")], (
                size, width, lines)
    assert checked >= 4, (text, checked)


@pytest.mark.parametrize("text", ["苹果发布iPhone 17 Pro", "新款iPhone 17 Pro Max今日开售",
                                  "5G 基站", "COVID-19 疫苗"])
def test_a_word_space_is_no_phrase_space(text: str) -> None:
    """A space with only Latin, figures or marks on one side parts words, not phrases."""
    assert not phrase_spaces(text)


def test_a_phrase_space_gives_no_headline_an_extra_line(book: FontBook) -> None:
    """A phrase space is taken only among settings of as few lines: where the whole headline fits a
    line it stays one line, space and all."""
    text = PHRASED[0]
    lines = _lines(book, text, 28.0, 800.0)
    assert lines == [text]
