"""A paragraph's last line on the character grid is flush left and needs no justification: a
Latin word or number on it sits ⅛ em from the ideograph before it, its cells' leftover white after
it (and after a mark set against it), not as a hole before it (issue #12, review U4: ``度达到  42kW。``
left 0.68 em between 到 and 4).

New copy for this test (placeholders on everyday themes, not news), each paragraph ending in a
number, code or word with its closing mark, at every width from 9 to 17 characters. Properties on
the set glyphs (the fonts' advances): on each paragraph's last line that ends in such a group (and
its mark), the ideograph before the group leaves at most 0.2 em between its box and the group's
first glyph, and stands on the grid. (A group between two ideographs keeps the next one on the grid.)
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle
from layout.text.script import is_ideograph

SIZE = 9.0
COPY = [
    "（占位稿）新建的社区图书室已经开放，首批上架图书共计3,200册。",
    "（占位稿）这台移动实验车的续航里程约为45km。",
    "（占位稿）乐队的第二张专辑定名为Aurora。",
    "（占位稿）活动当天的气温预计在25℃左右，天气晴朗，适合户外运动，主办方建议穿着轻便的Sneakers。",
    "（占位稿）工作人员提醒，请把应用升级到版本v2.1再登录。",
    "（占位稿）今年报名参加长跑比赛的人数达到了1286人。",
    "（占位稿）本次活动的报名办法将另行公布，咨询电话为0871-6598。",
    "（占位稿）这款地图软件的英文名称叫作OpenMap。",
    "（占位稿）这条步道全长约12.5公里，沿途设有7个补给点，终点在湖边的Lakeside Park。",
]


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", list(range(9, 18)))
def test_a_last_line_keeps_its_latin_against_the_ideograph_before(book: FontBook, chars: int) -> None:
    typo = Typography(char_grid=True)
    seen = 0
    for text in COPY:
        last = set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE).lines[-1]
        glyphs = [g for g in last.glyphs if g.ch != " "]
        for k, (a, b) in enumerate(pairwise(glyphs)):
            ends = all(not is_ideograph(g.ch) for g in glyphs[k + 1:])  # the group and its mark end the line
            if ends and is_ideograph(a.ch) and b.ch.isascii() and b.ch.isalnum():
                white = (b.x - (a.x + book.face(a.face).advance_em(a.ch) * a.size)) / SIZE
                assert white <= 0.2, (chars, last.shown, a.ch + b.ch, white)
                assert a.x / SIZE == pytest.approx(round(a.x / SIZE), abs=0.01), (chars, last.shown, a.ch)
                seen += 1
    assert seen >= 2, seen  # the copy's last lines end in a group at this width
