"""The house cap on squeezed marks per line (issue 12, build item 3: "no more marks per line
than the house style allows"; ``style.squeeze.marks_per_line``, ``layout/text/squeeze.py``).

Read from the glyphs: a mark inside a justified line is squeezed when the glyph after it starts
closer than in the same paragraph set on one unjustified line (its natural advance)."""

from __future__ import annotations

import logging
from itertools import pairwise

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.line import SetLine, set_line
from layout.text.linebreak import Break, Measurer
from layout.text.paragraph import SetParagraph, said, set_paragraph
from layout.text.prepare import TextStyle, prepare
from layout.text.rules import rules
from layout.text.script import is_ideograph

SIZE = 9.0
MARKS = "、，；：。？！“”‘’（）《》·"
COPY = (  # copy written for this test: runs of pause marks, quotes in pairs, a list
    "据介绍，该馆藏有青铜器、陶器、漆器、石刻、碑帖等文物；其中，一级文物（含孤品）四十余件。“我们的原则是：先保护，"
    "后利用；能不动，就不动。”馆长说。",
    "记者：“为什么选在这里？”村支书：“一是地势平，二是水源近，三是离公路不远；再说，乡亲们也愿意。”",
    "他列出清单：米、面、油、盐、酱、醋、茶；又补了一句：“别忘了火柴，还有蜡烛。”她点点头：“记下了，明早去买。”",
)


def _lines(book: FontBook, text: str, chars: float, typo: Typography) -> list[SetLine]:
    return list(set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE).lines)


def _squeezed(book: FontBook, text: str, chars: int, typo: Typography) -> list[tuple[SetLine, int]]:
    """Each justified line of ``text`` in a ``chars``-em column with how many of its mid-line
    marks are set narrower than their natural advance (by more than 0.05 em)."""
    natural = [g for g in _lines(book, text, 400, typo)[0].glyphs if g.ch != " "]
    advance = [b.x - a.x for a, b in pairwise(natural)]
    out, k = [], 0
    for line in _lines(book, text, chars, typo):
        glyphs = [g for g in line.glyphs if g.ch != " "]
        assert "".join(g.ch for g in glyphs) == "".join(g.ch for g in natural[k:k + len(glyphs)])  # nothing lost
        count = sum(1 for i, (a, b) in enumerate(pairwise(glyphs)) if i > 0 and a.ch in MARKS
                    and b.x - a.x < advance[k + i] - 0.05 * SIZE)
        if line.justified:
            out.append((line, count))
        k += len(glyphs)
    return out


@pytest.mark.parametrize("style", ["line_end_half", "quanjiao"])
@pytest.mark.parametrize("cap", [1, 2])
def test_no_line_squeezes_more_marks_than_the_house_allows(book: FontBook, style: str, cap: int) -> None:
    """With the cap at 1 or 2 (the default), in 8- to 19-character columns, no justified line
    squeezes more marks than that unless it says so (``SetLine.squeezed``, warned as a tight line),
    and no line is left looser than the limit for it."""
    typo = Typography(punctuation=style, squeeze_marks=cap)
    for text in COPY:
        for chars in range(8, 20):
            for line, count in _squeezed(book, text, chars, typo):
                assert count <= cap or line.squeezed == count, (chars, line.shown, count)
                glyphs = [g for g in line.glyphs if g.ch != " "]
                assert max([(b.x - a.x - SIZE) / SIZE for a, b in pairwise(glyphs)
                            if is_ideograph(a.ch) and is_ideograph(b.ch)], default=0.0) <= 0.25 + 1e-6, line.shown


def test_the_default_allows_two(book: FontBook) -> None:
    """The default house style squeezes at most two marks a line on this copy (unlimited, some
    lines squeeze three or more), and the default is 2."""
    assert Typography().squeeze_marks == 2
    worst = {cap: max(count for text in COPY for chars in range(8, 20) for style in ("line_end_half", "quanjiao")
                      for _, count in _squeezed(book, text, chars, Typography(punctuation=style, squeeze_marks=cap)))
             for cap in (0, 2)}
    assert worst[0] >= 3 and worst[2] == 2, worst


@pytest.mark.expect_warnings
def test_a_line_that_fits_only_past_the_cap_is_set_and_reported(book: FontBook,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    """One line that must lose about 1 em, holding three commas and no other room: with a cap of
    1 it still fits its measure (all three squeezed), says so, and its paragraph warns of it on
    use; a line that needs only one comma's blank squeezes one."""
    text = "甲乙，丙丁，戊己，庚辛"
    typo = Typography(squeeze_marks=1)
    p = prepare([(text, TextStyle("song", SIZE))], book, typo)
    m = Measurer(p, typo.line_start_open_half, rules(typo).half_at_end)
    n = len(p.atoms)
    measure = m.natural(0, n) - 0.9 * SIZE
    line = set_line(p, m, Break(0, n, False), measure, "justify", cap=1)
    assert line.width <= measure + 1e-6 and line.squeezed == 3
    assert set_line(p, m, Break(0, n, False), m.natural(0, n) - 0.4 * SIZE, "justify", cap=1).squeezed == 0
    with caplog.at_level(logging.WARNING):
        said(SetParagraph((line,), ()))
    assert "tight line" in caplog.text and "squeezes 3 marks" in caplog.text
