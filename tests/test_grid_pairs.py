"""On the character grid a closing mark before an opening quote or bracket stays against
its own text (。“ ，“ ：（ ；（ 。《): the pair's white stands between the two marks.

The paragraphs are new copy for this test (placeholders on the seed's themes, not news).
Property, on the set glyphs with the fonts' own advances: the gap between an ideograph and
the closing mark after it is at most 0.05 em, in every punctuation style, at 9, 11 and 13
characters (and the copy holds such pairs on one line).
"""

from __future__ import annotations

import itertools

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle

SIZE = 9.0
TEXTS = [
    "记者走访了滇池沿岸的三个村庄。“以前不敢下水，现在水清了。”村民李红梅说。",
    "方案分两步实施：（一）完成截污管网改造；（二）建设湿地公园。",
    "新书名为《春城故事》，出版社称：“首印两万册。”读者反响热烈，《晚报》也作了报道。",
    "他说，“先把路修好”；又说：“再把树种上”。第二天，（本报记者随行）队伍就出发了。",
]
CLOSING = "。，、；：？！"
OPENING = "“‘《（〈【"


@pytest.mark.parametrize("punct", ["quanjiao", "line_end_half", "kaiming", "banjiao"])
@pytest.mark.parametrize("chars", [9, 11, 13])
def test_a_closing_mark_before_an_opening_one_stays_against_its_text(book: FontBook, punct: str,
                                                                     chars: int) -> None:
    typo = Typography(char_grid=True, punctuation=punct)
    pairs = 0
    for text in TEXTS:
        lines = set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE).lines
        for line in lines:
            drawn = [g for g in line.glyphs if g.ch.strip()]
            for a, b, c in itertools.zip_longest(drawn, drawn[1:], drawn[2:]):
                if b is None or b.ch not in CLOSING or a.ch in CLOSING + OPENING + "”’》）〉】":
                    continue
                end = a.x + book.face(a.face).advance_em(a.ch) * a.size * a.scale
                assert b.x - end <= 0.05 * SIZE + 1e-6, (punct, chars, a.ch + b.ch, (b.x - end) / SIZE)
                if c is not None and c.ch in OPENING:
                    pairs += 1
    assert pairs >= 3  # the copy has pairs that stayed on one line
