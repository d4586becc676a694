"""The char_grid warnings quote a line as typed, and say what really happens on it.

New copy for this test (placeholders, not news): a dateline with typed spaces (本报讯（记者
王琼梅） 过去), a name typed with spaces, a Latin word and figures. Properties on the set
lines: every line reported short or off the grid is quoted as a piece of the copy itself (its
typed spaces kept, though a grid line draws none between ideographs: the space is a cell), as
loose lines are; a ½-em line that ends its paragraph is not said to return to the grid on a
next line that does not exist.
"""

from __future__ import annotations

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.grid_justify import HalfLine, grid_report
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle

SIZE = 9.0
GRID = Typography(char_grid=True)
COPY = [
    "本报讯（记者 王琼梅） 过去一周，全市新增5G基站1,204个，覆盖率达到97.5%。",
    "会议由主办方主持，发言人 李 明 介绍了Wi-Fi热点的布设情况与后续安排。",
]


@pytest.mark.expect_warnings
def test_short_and_off_grid_lines_are_quoted_with_their_typed_spaces(book: FontBook) -> None:
    spaced = 0
    for text in COPY:
        for chars in range(9, 18):
            para = set_paragraph([(text, TextStyle("song", SIZE))], book, GRID, chars * SIZE, 2 * SIZE)
            for line, said in para.short_lines():
                assert said.rstrip("-") in text, (chars, said)  # a piece of the copy, as typed
                fmt, args = grid_report(line, SIZE, said, line is para.lines[-1])
                assert f"'{said}'" in fmt % (1, "b", 1, *args)
                spaced += said != line.shown and said.replace(" ", "") == line.shown.replace(" ", "")
    assert spaced >= 2  # lines such as 本报讯（记者 王琼梅） 过去一: their spaces are not glyphs, yet quoted


def test_a_half_em_last_line_is_not_said_to_return_to_the_grid() -> None:
    line = HalfLine((), 9 * SIZE, 10 * SIZE, True, 0, 10, marks="，“", displaced=3)
    middle = grid_report(line, SIZE, "中文，字版面报纸新“闻")
    last = grid_report(line, SIZE, "中文，字版面报纸新“闻", last=True)
    assert "the next is on it again" in middle[0] % (1, "b", 1, *middle[1])
    text = last[0] % (1, "b", 1, *last[1])
    assert "next" not in text and "last line" in text and "中文，字版面报纸新“闻" in text
