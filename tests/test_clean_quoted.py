"""A half-width mark beside a quote takes the width of the text the quote stands for, not of the quote.

“ ” ‘ ’ are shared by Chinese and English copy, so they tell nothing of a mark's script: an audit's English
sentence in a Chinese paper, “We will win,” said the coach,“and we will…, printed both commas full width
(，) because a curly quote counted as Chinese. The copy below is written for this test (placeholders); the
expected forms follow GB/T 15834 (a mark inside a quotation in another language keeps that language's form;
one outside it belongs to the sentence around the quotation).
"""

import pytest

from layout.text.clean import fullwidth_punct

CASES = [
    ("“We will win,” said the coach,“and we will.”", "“We will win,” said the coach,“and we will.”"),
    ("他说：“Yes, we can,”随后离开。", "他说：“Yes, we can,”随后离开。"),
    ("The players’, coaches’ and fans’ voices", "The players’, coaches’ and fans’ voices"),
    ("“Hello,” 他笑着说", "“Hello,” 他笑着说"),
    ("“甲方”,“乙方”均已签字", "“甲方”，“乙方”均已签字"),  # between Chinese quotations: full width
    ("他说,“好的”", "他说，“好的”"),
    ("“好的”,他说", "“好的”，他说"),
    ("本报讯(记者 龙舟) 围绕,五华区", "本报讯（记者 龙舟） 围绕，五华区"),
    # between two quotations the sentence around them decides, whatever they quote (a review's cases)
    ("包括“Apple”,“Google”,“Microsoft”等企业", "包括“Apple”，“Google”，“Microsoft”等企业"),
    ("反对“996”,“007”工作制", "反对“996”，“007”工作制"),
    ("“5G”,“6G”等技术", "“5G”，“6G”等技术"),
    ("比分“3”:“2”", "比分“3”：“2”"),
    ("He said “yes”, then left.", "He said “yes”, then left."),
    # a run of quotations: each mark of it goes by the sentence around the run, or at the text's edge by the
    # nearest quotation's own text (a second review's cases); an apostrophe is no quotation's end
    ("包括“甲”,“乙”,“丙”,“丁”等", "包括“甲”，“乙”，“丙”，“丁”等"),
    ("“甲方”,“乙方”,“丙方”均已签字", "“甲方”，“乙方”，“丙方”均已签字"),
    ("“两会”,“双碳”", "“两会”，“双碳”"),
    ("(“双减”)政策", "（“双减”）政策"),
    ("“Apple”,“Google”", "“Apple”,“Google”"),
    ("他称之为‘奇迹’。The players’, fans’ hopes", "他称之为‘奇迹’。The players’, fans’ hopes"),
    ("in English,‘it’s fine’是说", "in English,‘it’s fine’是说"),
]


@pytest.mark.parametrize(("typed", "set_as"), CASES)
def test_a_mark_beside_a_quote_takes_the_quoted_texts_width(typed: str, set_as: str) -> None:
    assert fullwidth_punct(typed)[0] == set_as


#: (paragraph, the faults ``unbalanced`` must report): an apostrophe after a Latin letter is no quotation's end
APOSTROPHES = [
    ("McDonald’s和Starbucks的经验值得借鉴", []),
    ("他说it’s a long way to go。", []),
    ("The players’ and fans’ hopes都落空了", []),
    ("他用英文说‘it’s fine’，意思是没关系", []),
    ("英文‘Hello’他说了三遍", []),
    ("他说‘好的。", ["‘ not closed: …他说‘好的。"]),
    ("好的’他说", ["’ without ‘ : …好的’"]),
    ("rock’n’roll（摇滚乐）", []),
]


@pytest.mark.parametrize(("text", "faults"), APOSTROPHES)
def test_an_apostrophe_is_not_an_unbalanced_quote(text: str, faults: list[str]) -> None:
    from layout.text.clean import unbalanced

    assert unbalanced([(text, False)]) == faults
