"""The total-fit breaker skips line starts that lie on no best break sequence (``prune``): its
breaks and cost are those of the search that tries every start (pruning switched off), on the
seed page's paragraphs and on mixed copy (numbers, Latin words, a URL, quotes), at several
column widths and punctuation styles, with squeezing capped and Latin narrowing; and it tries
fewer starts."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import pytest

from layout.issue.model import Typography
from layout.text import linebreak, prune
from layout.text.font import FontBook
from layout.text.prepare import TextStyle, prepare
from layout.text.rules import rules
from tests.conftest import SEED

SIZE = 9.0
MIXED = ("据统计，2025年全市接待游客1.23亿人次、同比增长12.5%，旅游总收入突破1800亿元。"
         "Contemporary Amperex Technology Co., Limited（宁德时代）的项目网址为https://www.catl.com/news/2026，"
         "联系电话0871-63612345；“十四五”期间，园区累计引进企业430户，其中“专精特新”企业58户。")


def _paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    body = [line for line in text.splitlines() if len(line) > 60 and not line.startswith("#")]
    return [re.sub(r"\s+", "", line) for line in body[:6]] + [MIXED]


def _column(chars: int) -> Callable[[int], float]:
    """The width (pt) of line k of a ``chars``-character column whose first line is indented 2."""
    return lambda k: chars * SIZE - (2 * SIZE if k == 0 else 0.0)


def _fit(text: str, book: FontBook, typo: Typography, chars: int) -> tuple[float, list[tuple[int, int, bool]], int]:
    """Cost and breaks of ``text`` in a ``chars``-character column (first line indented 2), and
    how many line starts the search tried (calls of ``first_full``)."""
    p = prepare([(text, TextStyle("song", SIZE))], book, typo)
    m = linebreak.Measurer(p, typo.line_start_open_half, rules(typo).half_at_end)
    widths = _column(chars)
    calls = [0]
    first = linebreak.first_full

    def counted(*args: Any) -> int:
        calls[0] += 1
        return first(*args)

    linebreak.first_full = counted  # type: ignore[assignment]
    try:
        cost, breaks = linebreak._total_fit(p, widths, m, typo.loose_limit_em, typo.latin_narrowest,
                                            typo.squeeze_marks, frozenset())
    finally:
        linebreak.first_full = first
    return cost, [(b.start, b.end, b.forced) for b in breaks], calls[0]


@pytest.mark.parametrize(("style", "guess"), [("line_end_half", 1.5), ("quanjiao", 1.5), ("kaiming", 1.5),
                                              ("line_end_half", 1.0), ("quanjiao", 0.5)])
def test_pruned_search_breaks_as_the_full_search(book: FontBook, style: str, guess: float,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """(A guess of the floor's 0.5 or 1.0 times is too low for most paragraphs: searched again.)"""
    monkeypatch.setattr(prune, "GUESS", guess)
    tried = full_tried = 0
    for chars in (9, 11, 13, 17):
        for typo in (Typography(punctuation=style),
                     Typography(punctuation=style, squeeze_marks=1, latin_narrowest=0.9)):
            for text in _paragraphs():
                cost, breaks, n = _fit(text, book, typo, chars)
                with monkeypatch.context() as patch:
                    patch.setattr(prune, "PROBE_LINES", math.inf)  # no bound: every reachable start tried
                    full_cost, full_breaks, full_n = _fit(text, book, typo, chars)
                assert (cost, breaks) == (full_cost, full_breaks), (style, chars, text[:12])
                tried, full_tried = tried + n, full_tried + full_n
    assert tried < (0.7 if guess >= 1.5 else 1.2) * full_tried, (tried, full_tried)


def test_lines_left_never_exceeds_the_lines_a_best_sequence_sets(book: FontBook) -> None:
    for chars in (9, 13, 17):
        for text in _paragraphs():
            typo = Typography()
            p = prepare([(text, TextStyle("song", SIZE))], book, typo)
            m = linebreak.Measurer(p, typo.line_start_open_half, rules(typo).half_at_end)
            _, breaks = linebreak._total_fit(p, _column(chars), m, typo.loose_limit_em, 1.0, 0, frozenset())
            bound = prune.floor(m, None, chars * SIZE)
            assert bound is not None
            for k, b in enumerate(breaks):  # from each line's start, as many lines are left as the bound says, or more
                assert prune.lines_left(bound, m, b.start) <= len(breaks) - k, (chars, k, text[:12])
