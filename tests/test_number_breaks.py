"""A number with thousands separators (issue 12, review U11) is kept on one line where keeping it
whole leaves no line parting ideographs past ``wordbreak.CODE_LIMIT_EM`` (GB/T 15835-2011: a number
written in digits is not split where it can be avoided); where it is broken at a separator, the break
is reported. Properties measured on the glyphs of placeholder copy written for this test (not news),
one column of 8–18 characters, in all four punctuation styles. The oracle for "needed" is the same copy
with each separator replaced by a full stop of the same width, which no rule breaks at."""

from __future__ import annotations

import re
from itertools import pairwise

from layout.text.font import FontBook
from layout.text.line import SetLine
from layout.text.punct import prohibition
from layout.text.wordbreak import forced_what
from tests.column import STYLES, WIDTHS, set_column, widest_han_gap

LOOSE_EM = 0.25  # Typography's default loose limit
COPY = [
    "（占位稿）某区统计部门称，去年全区粮食总产量为2,718,640吨，比上年增加3.1%，其中水稻占六成以上。",
    "（占位稿）据介绍，该工程总投资约4,930,000,000元，建成后每年可减少碳排放约158,000吨，惠及沿线群众。",
    "（占位稿）截至上月底，平台累计注册用户达到27,305,118人，日均访问量超过1,460,000次，同比明显增长。",
    "（占位稿）图书馆新馆共有阅览座位3,200个，馆藏纸质图书12,650,400册，另有电子资源若干，免费向公众开放。",
]
_SPLIT = re.compile(r"\d,$")


def _loose(lines: list[SetLine]) -> int:
    """How many lines part their ideographs past the loose limit (0.25 em), or are forced."""
    return sum(line.forced or widest_han_gap(line) > LOOSE_EM + 1e-6 for line in lines[:-1])


def test_a_grouped_number_is_split_only_where_whole_it_would_gape_and_then_reported(book: FontBook) -> None:
    rules = prohibition()
    split = kept = 0
    for text in COPY:
        solid = re.sub(r"(?<=\d),(?=\d{3})", ".", text)  # the same widths, the numbers unbreakable
        for chars in WIDTHS:
            for style in STYLES:
                lines = set_column(book, text, chars, style)
                assert "".join(line.copy for line in lines) == text  # nothing lost
                for a, b in pairwise(lines):
                    if not (_SPLIT.search(a.copy) and b.copy[:1].isdigit()):
                        continue
                    split += 1
                    assert a.forced and not a.hyphenated, (chars, style, a.copy, b.copy)
                    assert "thousands separator" in forced_what(a.copy, b.text, rules)
                    whole = set_column(book, solid, chars, style)
                    assert _loose(whole) > _loose(lines) - 1, (chars, style, a.copy, b.copy)  # (less its own)
                    assert max(map(widest_han_gap, whole[:-1])) > LOOSE_EM, (chars, style, a.copy, b.copy)
                kept += not any(_SPLIT.search(a.copy) and b.copy[:1].isdigit() for a, b in pairwise(lines))
    assert split and kept > split, (split, kept)  # (both sides of the rule are exercised)

