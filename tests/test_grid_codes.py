"""A code of letters and digits before a comma on the character grid (issue #12, review U1:
``LNBSCU3H8PR123456`` then ``，`` starting the next line at 11 characters, where the other styles
fit both on one line by narrowing the code 2 %).

New copy for this test (placeholder codes and sentences, not news), at every width from 9 to 17
characters. Properties on the set glyphs: no line starts with a closing or pause mark (a break the
rules forbid) unless the code alone is wider than the column; no letter drawn narrower than the house
glyph scaling allows (92 %) and no digit narrower than 86 % (a number's own limit); nothing lost.
"""

from __future__ import annotations

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle

SIZE = 9.0
COPY = [
    "（占位稿）快递单上的订单编号为QX7T2026ZB88041，请收件人当面核对后再签收。",
    "（占位稿）这台设备的出厂序列号是SN7Q9K2288KM01，维修时须出示保修卡。",
    "（占位稿）本批疫苗的批次号为A3B7C9D1E5F7G9H2，有效期至明年六月。",
    "（占位稿）登记表上的车牌识别码记作YN8K2027ZB0415；如有疑问请联系窗口。",
    "（占位稿）合同编号HT2027KM0093B，双方各执一份。",
    "（占位稿）新车的识别代码为LFV3A28K7P3012845，行驶证上也印有此号。",
    "（占位稿）样品编号WX42KD7731MN，送检日期为本月初。",
    "（占位稿）工单号ZD20270418QX，处理结果将短信告知。",
]
_CHARS = "KM7Q2ZB9X4LT8RN3PW6YD5HC1FJ0VG"
COPY.append("（占位稿）送检样品的编号依次为" + "，".join(
    "第" + _CHARS[n % 7:][:n] for n in range(10, 24)) + "。")  # codes of 10 to 23 characters, each with its comma
CLOSING = "，。、；：？！）】》”’"


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", list(range(9, 18)))
def test_a_code_keeps_its_comma(book: FontBook, chars: int) -> None:
    typo = Typography(char_grid=True)
    for text in COPY:
        lines = set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE).lines
        assert "".join(line.text for line in lines) == text, chars
        for k, line in enumerate(lines):
            glyphs = [g for g in line.glyphs if g.ch.strip()]
            if glyphs[0].ch in CLOSING:  # only after a code that alone, narrowed, leaves no ½ em for the mark
                code = [g for g in lines[k - 1].glyphs if g.ch.isascii() and g.ch.strip()]
                natural = sum(book.face(g.face).advance_em(g.ch) for g in code)
                assert natural * typo.latin_narrowest + 0.5 > chars, (chars, lines[k - 1].shown, line.shown)
            for g in glyphs:
                if g.ch.isascii() and g.ch.isalnum():
                    least = 0.86 if g.ch.isdigit() else typo.latin_narrowest
                    assert g.scale >= least - 1e-9, (chars, line.shown, g.ch, g.scale)
