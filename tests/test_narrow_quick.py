"""``narrow.sums`` asks ``narrowable`` only of the atoms that are not CJK characters: the prefix
sums must still be those of every narrowable atom's give (its box times what the scale takes),
on copy that mixes ideographs, marks, full-width forms, letters, digits, codes and URLs."""

from __future__ import annotations

from itertools import accumulate

import pytest

from layout.issue.model import Typography
from layout.text import narrow
from layout.text.font import FontBook
from layout.text.linebreak import Measurer
from layout.text.prepare import TextStyle, prepare
from layout.text.script import is_cjk

COPY = [
    "昆明市2026年第一季度GDP同比增长5.2%，高于全国0.4个百分点。",
    "编号DZ2026QX0041的文件见https://example.org/a_b，联系人O’Brien。",
    "全角ＡＢＣ１２３与半角ABC123、罗马数字Ⅱ和①并列——“引号”……",
    "纯中文段落没有任何拉丁字母或数字，只有标点：逗号、句号。",
    "Latin only: fi fl café naïve, 4.05 and 1,284 (SO-2027).",
]


@pytest.mark.parametrize("text", COPY)
@pytest.mark.parametrize("narrowest", [0.92, 0.8])
def test_sums_are_those_of_every_narrowable_atom(book: FontBook, text: str, narrowest: float) -> None:
    p = prepare([(text, TextStyle("song", 9.0))], book, Typography())
    give = [a.box * (1.0 - narrowest) if narrowable else 0.0
            for a, narrowable in zip(p.atoms, map(narrow.narrowable, p.atoms))]
    expected = list(accumulate(give, initial=0.0)) if any(give) else None
    assert narrow.sums(Measurer(p, True), narrowest) == expected
    assert not any(narrow.narrowable(a) for a in p.atoms if is_cjk(a.ch))  # what ``sums`` relies on
