"""Two closing marks in a row on the character grid keep the README's bound on their white
(issue #12, review U6: ``1.18，”项目`` left 0.85 em between the comma's ink and the quote's).

New copy for this test (placeholders on everyday themes, not news) with ，” ；” ！” ？” 、” ”，
》， after ideographs, numbers and Latin words, at 9, 11, 13 and 17 characters. Properties on the
set glyphs, measured on the fonts' outlines (``tests.test_grid_ink.ink``): inside such a pair at
most 0.8 em of white between the two inks; after it, before an ideograph, no more than a lone
comma leaves after its ink (0.85 em); every ideograph of a line on the grid on the lattice.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle
from layout.text.script import is_ideograph
from tests.test_grid_ink import ink, on_grid_or_balanced

SIZE = 9.0
COPY = [
    "“水位比去年同期低了0.75米，”站长说，“今年得早做准备；”他又补充，“节水要从每户做起！”",
    "“你们问为什么要种这片树？”老人笑了，“为了孩子、”他顿了顿，“也为了我们自己。”",
    "展厅里陈列着《河流志》，《山川图》，还有英文版“Rivers of Yunnan”，都是首次公开展出。",
    "“下周三开始报名，”通知写道，“截止日期为3月15日；”名额有限，“先到先得！”",
    "她说“这台机器叫Model X，”又说“一天能处理2400件，”大家都很惊讶。",
]
CLOSING = "，。、；：？！）】》」』”’"


@pytest.mark.expect_warnings
@pytest.mark.parametrize("punct", ["line_end_half", "quanjiao"])
@pytest.mark.parametrize("chars", [9, 11, 13, 17])
def test_two_closing_marks_keep_their_white_within_bounds(book: FontBook, chars: int, punct: str) -> None:
    typo = Typography(char_grid=True, punctuation=punct)
    seen = 0
    for text in COPY:
        for line in set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE).lines:
            glyphs = [g for g in line.glyphs if g.ch != " "]
            for k, (a, b) in enumerate(pairwise(glyphs)):
                if a.ch not in CLOSING or b.ch not in CLOSING:
                    continue
                inside = (ink(book, b)[0] - ink(book, a)[1]) / SIZE
                assert inside <= 0.8, (chars, line.shown, a.ch + b.ch, inside)
                seen += 1
                if k + 2 < len(glyphs) and is_ideograph(glyphs[k + 2].ch):
                    after = (ink(book, glyphs[k + 2])[0] - ink(book, b)[1]) / SIZE
                    assert after <= 0.85, (chars, line.shown, a.ch + b.ch, after)
            assert on_grid_or_balanced(line, SIZE), (chars, line.shown)
    assert seen >= 8, seen  # the copy's pairs on one line
