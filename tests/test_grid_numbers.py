"""char_grid with numbers and pairs of marks (issue 12, item 5), on the real fonts, on
copy written for this test (placeholders on everyday themes, not news), at 9, 11, 13
and 17 characters:

- a number of two digits between two ideographs takes one cell (half-width figures, as
  纵中横 sets them across a vertical line): the ideograph after it is two cells after the
  one before it; a number is never narrowed below 86 %;
- two marks in a row (。” ”， 》，) leave no more than 0.8 em of white (between the inks, from
  the font's outlines) inside the pair, and after it no more than a single comma leaves after
  its ink (its blank half and side bearings: 0.85 em); the next ideograph on the grid;
- every ideograph on the cell grid, no white of more than one cell inside a line.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import pytest

from layout.frame import Glyph
from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.grid_justify import OffGridLine
from layout.text.line import SetLine
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle
from layout.text.script import is_ideograph
from tests.test_grid_ink import ink, on_grid_or_balanced

SIZE = 9.0
GRID = Typography(char_grid=True)
COPY = [
    "记者从市统计局获悉，今年1至10月全市规模以上工业增加值同比增长6.8%，高于全省平均水平1.2个百分点。"
    "其中，电子信息产业增长21%，新能源汽车产量达到4.6万辆。",
    "“我们每天早上7点出发，晚上9点才回来。”护林员老周说，“这片林子有30多年了，一棵也不能少。”"
    "他指着山坡上的界碑，上面刻着“2003”。",
    "据介绍，新版App支持iOS 17和Android 14，用户可在 https://app.example.com/download 下载，"
    "或拨打客服热线400-800-1234咨询。",
    "11月28日，第15届国际茶博会在昆明开幕，来自26个国家和地区的800余家企业参展，现场签约金额超过12亿元。",
    "研究团队在《Nature》上发表论文指出，该材料在-40℃至85℃之间性能稳定，循环寿命可达5000次以上。",
    "“这不是终点。”她笑着说。随后，乐队演奏了《Yesterday》和《茉莉花》，全场观众起立鼓掌，掌声持续了约3分钟。",
    "2026年春运期间，铁路部门预计发送旅客5.1亿人次，日均1275万人次；民航预计运输旅客9000万人次，同比增长8%。",
    "比赛第12分钟，10号球员接队友传球后突入禁区，一脚低射破门；第30分钟，对方扳平比分。最终双方以1∶1握手言和。",
    "他说：“做科研要耐得住寂寞。”又补充道：“但也要有好奇心。”会后，不少学生围着他请教问题，直到晚上10点多才散去。",
    "该项目由GE Healthcare与本地医院合作，首批引进CT设备3台、MRI设备2台，预计年服务患者超过50000人次。",
]
CLOSING = "，。、；：？！）】》」』”’"
OPENING = "（【《「『“‘"
WIDTHS = [9, 11, 13, 17]


def _lines(book: FontBook, text: str, chars: int) -> list[SetLine]:
    return list(set_paragraph([(text, TextStyle("song", SIZE))], book, GRID, chars * SIZE, 2 * SIZE).lines)


def _drawn(line: SetLine) -> list[Glyph]:
    return [g for g in line.glyphs if g.ch != " "]


def _each_line(book: FontBook, chars: int) -> Iterator[tuple[SetLine, list[Glyph]]]:
    """Every line of the copy set ``chars`` cells wide, with its drawn glyphs."""
    for text in COPY:
        for line in _lines(book, text, chars):
            yield line, _drawn(line)


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", WIDTHS)
def test_two_digits_take_one_cell(book: FontBook, chars: int) -> None:
    seen = 0
    for line, glyphs in _each_line(book, chars):
        for k in range(len(glyphs) - 3):
            a, d1, d2, b = glyphs[k:k + 4]
            if is_ideograph(a.ch) and d1.ch.isdigit() and d2.ch.isdigit() and is_ideograph(b.ch) and \
                    not isinstance(line, OffGridLine):  # (a line justified off the grid: test_grid_justify)
                assert b.x - a.x == pytest.approx(2 * SIZE), (line.text, a.ch + d1.ch + d2.ch + b.ch)
                assert ink(book, d2)[1] <= b.x + 1e-6 and ink(book, d1)[0] >= a.x + SIZE - 1e-6
                seen += 1
        assert all(g.scale >= 0.86 - 1e-9 for g in glyphs), line.text
    assert seen >= 3  # the copy has such numbers (第15届, 有30多年, 第12分钟 ...)


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", WIDTHS)
def test_a_pair_of_marks_leaves_its_white_balanced(book: FontBook, chars: int) -> None:
    seen = 0
    for line, glyphs in _each_line(book, chars):
        for a, b, c in zip(glyphs, glyphs[1:], glyphs[2:]):
            if a.ch in CLOSING and b.ch in CLOSING and is_ideograph(c.ch):
                inside = ink(book, b)[0] - ink(book, a)[1]
                after = ink(book, c)[0] - ink(book, b)[1]
                assert inside <= 0.8 * SIZE and after <= 0.85 * SIZE, (line.text, a.ch + b.ch, inside, after)
                seen += 1
    assert seen >= 3  # 。”护 。”他 ”又 ...


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", WIDTHS)
def test_on_the_grid_and_no_hole(book: FontBook, chars: int) -> None:
    for text in COPY:
        lines = _lines(book, text, chars)
        assert "".join(line.text.replace(" ", "").replace("\u00ad", "") for line in lines) == text.replace(" ", "")
        for line in lines:
            glyphs = _drawn(line)
            for a, b in pairwise(glyphs):
                white = ink(book, b)[0] - ink(book, a)[1]
                assert white <= SIZE + 1e-6, (line.text, a.ch + b.ch, white / SIZE)
            assert on_grid_or_balanced(line, SIZE), line.text
            assert line.width <= chars * SIZE + 1e-6


def test_a_line_may_break_between_a_colon_and_an_opening_quote(book: FontBook) -> None:
    """说：“ was one unit of two cells, so the line could not break after the colon (review T, F5):
    the line before it was left three cells short."""
    lines = set_paragraph([("他对记者说：“好的，一二三。”以后再说吧这里", TextStyle("song", SIZE))], book,
                          GRID, 6 * SIZE, 0.0).lines
    assert lines[0].text.endswith("说：") and lines[1].text.startswith("“好")
    assert all(abs(g.x / SIZE - round(g.x / SIZE)) < 1e-6 for line in lines for g in line.glyphs
               if is_ideograph(g.ch))  # every ideograph on its cell


def test_a_score_is_one_number_and_a_lone_digit_sits_centred(book: FontBook) -> None:
    """Review T, F6: the ratio sign ∶ (U+2236) of a score is set with its digits (3∶1: less
    than ⅓ em of white between the inks, not a full-width cell of its own), a lone digit between
    two ideographs has its cell's white on both sides alike (年1月), and a number between an
    ideograph and a mark's ink (长3.9%）) keeps less than ½ em before it."""
    text = "全场比分为3∶1，2026年1月20日的比赛中，主队得分增长3.9%），客队为2∶2。"
    scores = lone = 0
    for line in (line for chars in (9, 11, 13, 17) for line in _lines(book, text, chars)):
        glyphs = _drawn(line)
        for a, b, c in zip(glyphs, glyphs[1:], glyphs[2:]):
            if b.ch == "∶" and a.ch.isdigit() and c.ch.isdigit():
                assert ink(book, b)[0] - ink(book, a)[1] < SIZE / 3 and ink(book, c)[0] - ink(book, b)[1] < SIZE / 3
                scores += 1
            if is_ideograph(a.ch) and b.ch.isdigit() and is_ideograph(c.ch):
                before, after = ink(book, b)[0] - ink(book, a)[1], ink(book, c)[0] - ink(book, b)[1]
                assert abs(before - after) < 0.1 * SIZE, (line.text, a.ch + b.ch + c.ch)
                lone += 1
            if a.ch == "长" and b.ch == "3":
                assert ink(book, b)[0] - ink(book, a)[1] < 0.5 * SIZE, line.text
    assert scores == 8 and lone >= 2  # (a digit that starts a line keeps its white after it)
