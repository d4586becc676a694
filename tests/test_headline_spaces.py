"""A space an editor types between two phrases of a headline is where it breaks, when it breaks in two,
each phrase fits a line and the phrases are near enough in length (稳住外贸基本盘 激发消费新活力); a
space beside Latin or a figure marks nothing, nor does a phrase space leave a line of two characters.
Headlines written for this test, each with its phrase split marked here by hand (``|``: set as a
space, or a full-width space where ``　|``); read from the set lines."""

from __future__ import annotations

import pytest

from layout.flow.heads import balanced_head
from layout.flow.setting import Setting
from layout.flow.words import phrase_spaces
from layout.issue.model import HeadText, Typography
from layout.text.font import FontBook

PHRASED = ["稳住外贸基本盘|激发消费新活力", "昆明至大理动车组列车今起加密|周末再增开两趟",
           "全市新建改建公办幼儿园四十所|新增学位一万个", "高原特色农产品出口创新高|咖啡鲜花领跑",
           "暴雨过后滇池沿岸|湿地迎来候鸟越冬高峰", "iPhone 17系列发布|国产手机加快冲击高端",
           "三问城市更新　|老街区如何留住烟火气"]
SIZES = [28.0, 36.0, 42.0]


def _lines(book: FontBook, text: str, size: float, width: float) -> list[str]:
    lines, _ = balanced_head(text, HeadText(text, size, "hei_bold", "left"), Setting(book, Typography()), width)
    return [line.text.strip() for line in lines]


def _split(marked: str) -> tuple[str, str, str]:
    """The headline as typed (the mark a space, or gone after a full-width one) and its two phrases."""
    first, second = marked.split("|")
    return (first + second if first.endswith("　") else f"{first} {second}"), first.strip("　"), second


@pytest.mark.parametrize("marked", PHRASED)
def test_a_headline_in_two_lines_breaks_at_its_phrase_space(book: FontBook, marked: str) -> None:
    text, first, second = _split(marked)
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


@pytest.mark.parametrize("text", ["专访 云南省农业农村厅负责人谈高原特色农业",
                                  "推动文旅融合发展走出高原特色新路径 专访",
                                  "聚焦 全省重点项目建设加快推进",
                                  "热点 新能源汽车下乡活动启动"])
def test_a_phrase_space_leaves_no_two_character_line(book: FontBook, text: str) -> None:
    """A space beside a two-character label (专访, 聚焦) is no reason for a line of two characters, in
    two lines or three, where the headline sets without one."""
    seen = 0
    for size in [*SIZES, 48.0]:
        for width in range(150, 800, 25):
            lines = _lines(book, text, size, float(width))
            if len(lines) in (2, 3) and min(len(line) for line in _lines(book, text.replace(" ", ""), size,
                                                                        float(width))) > 2:
                seen += 1
                assert min(len(line.replace(" ", "")) for line in lines) > 2, (size, width, lines)
    assert seen >= 4


@pytest.mark.parametrize("text", ["苹果发布iPhone 17 Pro", "新款iPhone 17 Pro Max今日开售", "5G 基站",
                                  "COVID-19 疫苗", "小米SU7 Ultra上市首日订单破万", "用好AI 赋能千行百业加快转型升级",
                                  "增长5.0% AI产业成新引擎"])
def test_a_space_beside_latin_or_a_figure_is_no_phrase_space(text: str) -> None:
    """A space with Latin, a figure or a mark right beside it parts words (or Chinese from Latin), not
    phrases that a rule of the text can tell."""
    assert not phrase_spaces(text)


def test_a_phrase_space_gives_no_headline_an_extra_line(book: FontBook) -> None:
    """Where the whole headline fits a line it stays one line, space and all."""
    text = _split(PHRASED[0])[0]
    assert _lines(book, text, 28.0, 800.0) == [text]
