"""A short grid line is reported with the white it really leaves, and as it is drawn.

New copy for this test (placeholders: an address, a long English word, a figure; not
news). Properties on the set glyphs with the fonts' own advances: every grid line's
``width`` (what the "grid line short" warning measures from) is where its last glyph's
box ends, also when a Latin group's white is left after it; a line ending in an added
soft hyphen is shown with "-" (``SetLine.shown``), never as an escape.
"""

from __future__ import annotations

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle

SIZE = 9.0
TEXTS = [
    "详情见官网www.example-placeholder.org.cn/news/2026/0117/notice_042.html，欢迎查阅。",
    "研究者把这种现象称为Pneu\u00admono\u00adultra\u00admicro\u00adscopic，并称其影响有限。",
    "全年接待游客12,345,678人次，同比增长百分之八。",
]


@pytest.mark.parametrize("punct", ["quanjiao", "line_end_half", "kaiming", "banjiao"])
@pytest.mark.parametrize("chars", [9, 13, 17])
def test_a_grid_lines_width_is_where_its_last_glyph_ends(book: FontBook, punct: str, chars: int) -> None:
    typo = Typography(char_grid=True, punctuation=punct)
    for text in TEXTS:
        para = set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE)
        for line in para.lines:
            last = [g for g in line.glyphs if g.ch != " "][-1]
            ch = "-" if last.ch == "\u00ad" else last.ch
            end = last.x + book.face(last.face).advance_em(ch) * last.size * last.scale
            if last.ch in "，。、）" and line.glyphs[-2].ch.isascii():  # a mark set against a word ending the
                end -= book.face(last.face).advance_em(ch) * last.size / 2  # line: in its ink half (grid_units.hug)
            assert line.width == pytest.approx(end, abs=0.01), (line.shown, line.width, end)
            assert "\u00ad" not in line.shown
            if line.text.endswith("\u00ad"):
                assert line.shown.endswith("-")
