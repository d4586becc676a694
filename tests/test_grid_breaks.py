"""char_grid line ends at codes and compounds (issue 12 item 5, review X1 and X3): a code with hard
hyphens or a grouped number is broken after its hyphen or separator (reported) rather than leave a
hole of more than three cells mid-paragraph, and a compound with a hard hyphen is never hyphenated
again inside one of its parts where a line can do without it. Copy written for this test."""

from __future__ import annotations

import re

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.paragraph import SetParagraph, set_paragraph
from layout.text.prepare import TextStyle

SIZE = 9.0
CODES = [
    "（占位稿）售后人员核对了工单号WO-2026-1130-40877，设备编号为HX-3300-B2，维修热线0871-6543-2100全天开通。",
    "（占位稿）本次抽检的批次号为LOT-2027-0412-9951，对应的出厂编号是SN-88-4410-27，均已登记在册。",
    "（占位稿）管理处统计，去年园区用水约12,480,000吨，比前年减少了1,905,300吨，节水成效明显。",
]
COMPOUNDS = [
    "（占位稿）来访的Jean-Baptiste Delacroix-Montgomery先生与当地的Marie-Thérèse Vandenbroucke女士交流了经验。",
    "（占位稿）论文作者之一Anne-Sophie Oberkirchner-Whitfield表示，这项研究的数据全部公开在网上。",
]
WIDTHS = [11, 12, 13, 15, 17]
MAX_HOLE = 3  # cells a line may end short of the column mid-paragraph where a code could break instead


def _set(book: FontBook, text: str, chars: int) -> SetParagraph:
    return set_paragraph([(text, TextStyle("song", SIZE))], book, Typography(char_grid=True), chars * SIZE,
                         2 * SIZE)


def _right(book: FontBook, glyphs: list) -> float:
    g = max((g for g in glyphs if g.ch != " "), key=lambda g: g.x)
    return g.x + book.face(g.face).advance_em(g.ch) * g.size * g.scale


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", WIDTHS)
def test_no_hole_of_more_than_three_cells_before_a_code(book: FontBook, chars: int) -> None:
    for text in CODES:
        lines = _set(book, text, chars).lines
        assert "".join(line.text for line in lines).replace("\u00ad", "") == text
        for line in lines[:-1]:
            short = (chars * SIZE - _right(book, list(line.glyphs))) / SIZE
            assert short <= MAX_HOLE + 0.01, (chars, line.text, short)


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", WIDTHS)
def test_a_compound_is_not_hyphenated_inside_its_parts(book: FontBook, chars: int) -> None:
    for text in COMPOUNDS:
        lines = _set(book, text, chars).lines
        for line in lines[:-1]:
            if line.text.endswith("\u00ad"):  # a drawn hyphen: the word it cuts has no hard hyphen
                word = re.search(r"[\w\-]*\u00ad$", line.text)
                assert word is not None and "-" not in word.group(), (chars, line.text)
