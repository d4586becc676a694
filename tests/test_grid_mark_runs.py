"""Three closing marks in a row on the character grid keep the README's bound on the white
between their inks (issue #12, review U6: ``，”`` 0.85 em apart; a pair keeps 0.78 em since, but
the third mark of a run — ’，” ），” ’。” — stood in its own cell untouched: 0.85–0.91 em after
its comma in the Song and Kai faces).

New copy for this test (placeholders on everyday themes, not news): nested quotes and brackets
closing together, at 6 to 24 characters, in Song, bold Song, Hei and Kai. Properties on the set
glyphs, measured on the fonts' outlines (``tests.test_grid_ink.ink``): at most 0.8 em of white
between the inks of two closing marks side by side; before the next ideograph less than a cell;
every ideograph of a line on the grid on the lattice (or balanced ½ em off it, reported).
"""

from __future__ import annotations

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle
from layout.text.script import is_ideograph
from tests.test_grid_ink import ink, on_grid_or_balanced

SIZE = 9.0
COPY = [
    "主办方说：“大家都称这里为‘春城’，”她补充说，“欢迎来访。”",
    "通知写道：“请携带证件（身份证或护照），”并提前到场。",
    "他说：“详见附件（第三页）。”随后离开。",
    "她回忆：“老师总说‘慢慢来’。”如今她也这样教学生。",
    "站长提醒：“雨季要注意‘三查’（查堤、查坝、查渠），”大家纷纷点头。",
]
CLOSING = "，。、；：？！）】》」』”’"


@pytest.mark.expect_warnings  # (narrow columns: short or off-grid lines, reported)
@pytest.mark.parametrize("role", ["song", "song_bold", "hei", "kai"])
def test_three_closing_marks_keep_their_white_within_bounds(book: FontBook, role: str) -> None:
    typo = Typography(char_grid=True)
    runs = 0
    for text in COPY:
        for chars in range(6, 25):
            for line in set_paragraph([(text, TextStyle(role, SIZE))], book, typo, chars * SIZE, 2 * SIZE).lines:
                glyphs = [g for g in line.glyphs if g.ch != " "]
                for k in range(len(glyphs) - 1):
                    a, b = glyphs[k], glyphs[k + 1]
                    if a.ch not in CLOSING or b.ch not in CLOSING:
                        continue
                    inside = (ink(book, b)[0] - ink(book, a)[1]) / SIZE
                    assert inside <= 0.8, (chars, line.shown, a.ch + b.ch, inside)
                    runs += k > 0 and glyphs[k - 1].ch in CLOSING
                    if k + 2 < len(glyphs) and is_ideograph(glyphs[k + 2].ch):
                        after = (ink(book, glyphs[k + 2])[0] - ink(book, b)[1]) / SIZE
                        assert after < 1.0, (chars, line.shown, a.ch + b.ch, after)
                assert on_grid_or_balanced(line, SIZE), (chars, line.shown)
    assert runs >= 40, runs  # the copy's runs of three on one line
