"""The total-fit breaker skips line starts that lie on no best break sequence (``prune``): its
breaks and cost are those of the search that tries every start (pruning switched off), on the
seed page's paragraphs and on mixed copy (numbers, Latin words, a URL, quotes), at several
column widths and punctuation styles, with squeezing capped and Latin narrowing; and it tries
fewer starts; the floor it prunes by at each start it reaches is ``prune.lines_left``'s (review 27
L8), on random paragraphs too."""

from __future__ import annotations

import math
import random
import re
import sys
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


def _random_paragraph(rng: random.Random) -> str:
    """Pieces of the seed page's paragraphs and the mixed copy, 2 to 6 of them, cut at random."""
    sources = _paragraphs()
    out = []
    for _ in range(rng.randint(2, 6)):
        text = rng.choice(sources)
        a = rng.randrange(len(text) - 20)
        out.append(text[a:a + rng.randint(20, 120)])
    return "".join(out)


def test_the_floor_the_breaker_prunes_by_is_lines_left_on_random_paragraphs(
        book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """At every start the pruned search reaches, the least number of lines the breaker counts on
    still to come (written out inline for speed) is ``prune.lines_left``'s, with the breaker's own
    ``Floor``: changing one without the other fails here; and that number never exceeds the lines
    the best sequence sets from a start on it."""
    floors: list[prune.Floor | None] = []
    counted: list[tuple[int, int]] = []
    make_floor = prune.floor

    def kept_floor(*args: Any) -> prune.Floor | None:
        floors.append(make_floor(*args))
        return floors[-1]

    def seen_ceil(x: float) -> int:  # the breaker's only ``ceil``: its floor at the start it looks at
        counted.append((sys._getframe(1).f_locals["start"], math.ceil(x)))
        return math.ceil(x)

    monkeypatch.setattr(prune, "floor", kept_floor)
    monkeypatch.setattr(linebreak, "ceil", seen_ceil)
    rng, starts = random.Random(27), 0
    for _ in range(40):
        text, chars = _random_paragraph(rng), rng.randint(7, 21)
        typo = rng.choice([Typography(), Typography(punctuation="quanjiao"),
                           Typography(squeeze_marks=1, latin_narrowest=0.9)])
        p = prepare([(text, TextStyle("song", SIZE))], book, typo)
        m = linebreak.Measurer(p, typo.line_start_open_half, rules(typo).half_at_end)
        floors.clear()
        counted.clear()
        _, breaks = linebreak._total_fit(p, _column(chars), m, typo.loose_limit_em, typo.latin_narrowest,
                                         typo.squeeze_marks, frozenset())
        bound = floors[0] if floors else None
        if bound is None:
            assert not counted  # (too short to prune: no floor worked out)
            continue
        for start, k in counted:
            assert max(1, k) == prune.lines_left(bound, m, start), (text[:12], chars, start)
        starts += len(counted)
        for k, b in enumerate(breaks):
            assert prune.lines_left(bound, m, b.start) <= len(breaks) - k, (text[:12], chars, k)
    assert starts > 500  # (the pruned search reached that many starts over the paragraphs)
