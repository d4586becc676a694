"""Runs with no break point (issue 12 review, U8 and the loose line before a code): a number
wider than the column is broken no more often than its lines need and never leaves a digit or
two alone; a code of letters and digits that leaves the line before it gaping past 1 em (between
a letter and a digit) or 1.5 em (between two digits) is split instead, reported, with three of its
characters either side (``candidates.split_ends``). Read from the set lines' glyphs."""

from __future__ import annotations

import math
from itertools import pairwise

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.line import SetLine
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle
from layout.text.script import is_ideograph

SIZE = 9.0
ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STYLES = ("line_end_half", "quanjiao", "kaiming", "banjiao")
NUMBER = "9876543210987654321098765432109876543210"  # copy written for these tests
LONG = f"（占位稿）抽奖活动已结束，请核对回执，回执号{NUMBER}，兑奖时需出示。"
CODES = ("快递员说，寄往外地的包裹单号是JD0098765432101，他已经核对过两遍。",
         "工作人员登记的设备序列号为XK2027MT55810Q，并拍照存档，以备查验。",
         "订货单号RK20270930000417已经生成，请在付款页面核对金额后再提交。")


def _set(book: FontBook, text: str, chars: int, style: str) -> list[SetLine]:
    return list(set_paragraph([(text, TextStyle("song", SIZE))], book, Typography(punctuation=style),
                              chars * SIZE, 2 * SIZE).lines)


def _gap(line: SetLine) -> float:
    glyphs = [g for g in line.glyphs if g.ch != " "]
    return max([(b.x - a.x - SIZE) / SIZE for a, b in pairwise(glyphs) if is_ideograph(a.ch) and is_ideograph(b.ch)],
               default=0.0)


@pytest.mark.parametrize("style", STYLES)
def test_a_number_wider_than_the_column_is_broken_as_few_times_as_its_lines_need(book: FontBook, style: str) -> None:
    for chars in range(9, 19):
        lines = _set(book, LONG, chars, style)
        assert "".join(line.copy for line in lines) == LONG  # nothing lost
        pieces = [piece for line in lines if (piece := "".join(ch for ch in line.copy if ch.isdigit()))]
        width = sum(g.size * g.scale for line in lines for g in line.glyphs if g.ch.isdigit()) / SIZE  # em
        assert "".join(pieces) == NUMBER
        assert len(pieces) <= math.ceil(width / chars), (chars, pieces)  # (each line holds `chars` em)
        assert min(len(p) for p in pieces) >= 3, (chars, pieces)  # no digit or two carried alone
        assert all(line.forced for line in lines if line.copy[-1:].isdigit())  # every break reported


@pytest.mark.parametrize("style", STYLES)
def test_a_code_is_split_rather_than_leave_a_line_gaping(book: FontBook, style: str) -> None:
    splits = 0
    for text in CODES:
        for chars in range(8, 19):
            lines = _set(book, text, chars, style)
            assert "".join(line.copy for line in lines) == text
            for line, after in pairwise(lines):
                if line.justified:
                    assert _gap(line) <= 1.5 + 1e-6, (chars, line.shown)
                end, start = line.copy[-1:], after.copy[:1]
                if end.isascii() and end.isalnum() and start.isascii() and start.isalnum():
                    splits += 1
                    assert line.forced, (chars, line.shown)  # reported
                    tail = len(line.copy) - len(line.copy.rstrip(ALNUM))
                    head = len(after.copy) - len(after.copy.lstrip(ALNUM))
                    assert tail >= 3 and head >= 3, (line.shown, after.shown)  # 3 characters of it either side
    assert splits  # (this copy does need it somewhere)
