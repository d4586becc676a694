"""Line breaking scales linearly with a paragraph's length, even where one unbreakable run
(a long digit string, a hash) spans many lines: counted in the work the breaker does (calls
of its legal-break test and of its search for each line start's candidates), not timed
(speed is measured by bench/run.py)."""

from __future__ import annotations

import random
from typing import Any

import pytest

from layout.issue.model import Typography
from layout.text import linebreak
from layout.text.font import FontBook
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle

SIZE = 9.0


def _work(book: FontBook, text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """Calls of the legal-break test and of the total-fit breaker's search for a line's first
    candidate end (once for each line start it tries) while setting ``text`` in an
    11-character column, and the text of the lines set."""
    calls = [0]
    legal, first = linebreak._legal, linebreak.first_full

    def counted(p: linebreak.Prepared, end: int) -> bool:
        calls[0] += 1
        return legal(p, end)

    def counted_first(*args: Any) -> int:
        calls[0] += 1
        return first(*args)

    monkeypatch.setattr(linebreak, "_legal", counted)
    monkeypatch.setattr(linebreak, "first_full", counted_first)
    lines = set_paragraph([(text, TextStyle("song", SIZE))], book, Typography(), 11 * SIZE, 2 * SIZE).lines
    return calls[0], "".join(line.text for line in lines)


def test_a_long_digit_run_costs_work_in_proportion_to_its_length(book: FontBook,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)
    short = "".join(rng.choice("0123456789") for _ in range(2000))
    long = "".join(rng.choice("0123456789") for _ in range(8000))
    small, set_small = _work(book, short, monkeypatch)
    large, set_large = _work(book, long, monkeypatch)
    assert set_small == short and set_large == long  # nothing lost
    assert large < 5 * small, (small, large)  # four times the copy, at most about four times the work
