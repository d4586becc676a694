"""A code or number with hard hyphens before which a line would gape (issue 12): the breaker breaks
it after a hyphen, with no hyphen added, rather than part a line's ideographs by more than
``wordbreak.CODE_LIMIT_EM``; such a break is reported. Properties measured on the glyphs of
placeholder copy written for this test (not news), one column of 10–18 characters, in
``line_end_half`` and ``quanjiao``."""

from __future__ import annotations

from itertools import pairwise

import pytest

from layout.text.font import FontBook
from layout.text.punct import prohibition
from layout.text.script import is_cjk
from layout.text.wordbreak import CODE_LIMIT_EM, forced_what
from tests.column import set_column, widest_han_gap

WIDTHS = range(10, 19)
STYLES = ("line_end_half", "quanjiao")
COPY = [
    "警方提示，嫌疑人使用的车辆号牌为云A-7K3M9，事发后驶离现场，其间曾在收费站更换为伪造号牌云A-2P8X6-B。",
    "检测报告显示，这批产品的批次号为LOT-2026-11-0083-KM，生产日期为2026年11月3日，已全部召回并封存。",
    "据悉，本次招标项目编号为ZB-KM-2027-000317，投标人须于4月8日前递交纸质文件，逾期不予受理。",
    "办事群众可拨打政务服务热线0871-12345-6789咨询，也可前往市民中心一楼综合窗口现场办理相关手续。",
    "该批次疫苗的追溯码为TR-88-2027-5531-0092-AX，接种者可凭此码在线查询生产企业、流通环节等信息。",
    "工作人员介绍，新发放的电子社保卡卡号为EC-5301-2027-7788，持卡人可在二百余家定点医院直接结算。",
]


def _settings(book: FontBook):  # type: ignore[no-untyped-def]
    for text in COPY:
        for chars in WIDTHS:
            for style in STYLES:
                yield text, chars, style, set_column(book, text, chars, style)


def test_no_line_before_a_code_gapes_past_the_limit(book: FontBook) -> None:
    broken = 0
    for text, chars, style, lines in _settings(book):
        assert "".join(line.copy for line in lines) == text  # nothing lost
        for line in lines[:-1]:
            assert widest_han_gap(line) <= CODE_LIMIT_EM + 1e-6, (chars, style, line.copy)
        broken += sum(line.forced for line in lines)
    assert broken  # (the copy does break codes: the property is exercised)


def test_a_code_breaks_only_after_a_hard_hyphen_and_a_number_s_break_is_reported(book: FontBook) -> None:
    rules = prohibition()
    for _text, chars, style, lines in _settings(book):
        for a, b in pairwise(lines):
            last, first = a.copy[-1], b.copy[0]
            assert first not in rules.no_start, (chars, style, a.copy, b.copy)
            if is_cjk(last) or is_cjk(first):
                continue
            assert last == "-" and not a.hyphenated, (chars, style, a.copy, b.copy)
            if not (a.copy[-2].isdigit() or first.isdigit()):
                continue  # (between letters, ZB-|KM, a hard hyphen breaks as in a compound word)
            assert a.forced, (chars, style, a.copy, b.copy)
            said = forced_what(a.copy, b.text, rules)
            assert "after a hard hyphen" in said and "inside a word" not in said, said


@pytest.mark.parametrize("style", STYLES)
def test_a_line_within_the_limit_keeps_the_code_whole(book: FontBook, style: str) -> None:
    """Where the ideographs can take the white within the limit, the code stays on one line."""
    kept = 0
    for text in COPY:
        for chars in WIDTHS:
            lines = set_column(book, text, chars, style)
            if not any(line.forced for line in lines):
                kept += 1
    assert kept >= len(COPY) * len(WIDTHS) // 2, kept


def test_a_doi_breaks_as_a_url(book: FontBook) -> None:
    """A DOI (placeholder) breaks after : or / or before . - with nothing added and unreported (no line
    ends on its . or -), never between two digits, never before its last character alone."""
    doi = "DOI:10.1038/s41467-027-01234-5"
    text = f"研究团队介绍，这项成果已发表于国际期刊，论文编号为{doi}，团队还公开了全部代码。"
    seen = 0
    for chars in range(8, 19):
        lines = set_column(book, text, chars, "line_end_half")
        assert "".join(line.copy for line in lines) == text
        for a, b in pairwise(lines):
            last, first = a.copy[-1], b.copy[0]
            if is_cjk(last) or is_cjk(first):
                continue
            seen += 1
            assert (last in ":/" or first in ".-") and not a.forced and not a.hyphenated, (chars, a.copy, b.copy)
            assert not (first == "." and last.isdigit() and b.copy[1:2].isdigit()), (chars, a.copy, b.copy)
            assert b.copy[1:2] not in ("，", ""), (chars, b.copy)  # (not the 5 alone)
    assert seen
