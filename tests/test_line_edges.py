"""Loose lines and the right edge, on the real fonts (review of issue 12).

- A justified line whose word spaces or Han–Latin gaps are opened past the loose
  limit is reported (``SetParagraph.loose``) like a line whose ideographs part: the
  gaps are measured here from the drawn glyphs (origin + advance), not from the
  setter's own numbers.
- Nothing passes the column's right edge: the ink and the advance box of the last
  glyph of every line end at or before the measure, in all four punctuation styles.
- A paragraph whose 孤字 is mended by carrying a character down never leaves the
  line above looser than the limit.

The copy is placeholder text written for this test, not news.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from layout.frame import Glyph
from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.paragraph import SetParagraph, set_paragraph
from layout.text.prepare import TextStyle
from layout.text.script import is_cjk

SIZE = 9.0
ENGLISH = [
    "The harbour authority said on Thursday that the refurbished lighthouse keepers' cottages "
    "would reopen to walkers after an inspection of the cliff path found it sound.",
    "Volunteers from the county archaeology society catalogued fourteen thousand potsherds, "
    "several unexpectedly decorated, during an exceptionally dry summer.",
]
MIXED = [
    "讲座邀请了研究Thermoluminescence的学者与Spectrophotometry方向的工程师，"
    "并请Oppenheimer奖得主作总结。",
    "来访的Kowalczykowski教授和Mastroianni博士参观了实验室。",
]
STYLES = {
    "line_end_half": Typography(),
    "quanjiao": Typography(punctuation="quanjiao"),
    "kaiming": Typography(punctuation="kaiming"),
    "banjiao": Typography(punctuation="banjiao"),
}


def _advance(book: FontBook, g: Glyph) -> float:
    face = book.face(g.face)
    assert face is not None
    return face.advance_em(g.ch[0]) * g.size * g.scale


def _widest_gaps(book: FontBook, glyphs: tuple[Glyph, ...]) -> tuple[float, float]:
    """The widest word space and the widest Han–Latin gap of one line, in em, from the
    drawn glyphs (a space glyph's own advance counts as part of the gap)."""
    drawn = [g for g in glyphs if g.ch != " "]
    space = latin = 0.0
    for a, b in pairwise(drawn):
        gap = (b.x - (a.x + _advance(book, a))) / SIZE
        if a.ch.isascii() and b.ch.isascii() and a.ch.isalnum() and b.ch.isalnum():
            spaced = any(g.ch == " " and a.x < g.x < b.x for g in glyphs)
            if spaced:
                space = max(space, gap)
        elif (is_cjk(a.ch) and b.ch.isascii() and b.ch.isalnum()) or (
                is_cjk(b.ch) and a.ch.isascii() and a.ch.isalnum()):
            latin = max(latin, gap)
    return space, latin


def _set(book: FontBook, text: str, typo: Typography, chars: int) -> SetParagraph:
    return set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE)


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", [9, 11, 13])
@pytest.mark.parametrize("text", ENGLISH + MIXED)
def test_open_word_spaces_and_latin_gaps_are_reported(book: FontBook, text: str, chars: int) -> None:
    typo = Typography()
    para = _set(book, text, typo, chars)
    loose = {id(line) for line in para.loose}
    # a word space is at most ½ em at its natural width, a Han–Latin gap at most 0.3 em:
    # opened by more than the limit beyond those, a designer calls the line loose
    for line in para.lines:
        if not line.justified:
            continue
        space, latin = _widest_gaps(book, line.glyphs)
        if space > 0.5 + typo.loose_limit_em + 0.01 or latin > 0.3 + typo.loose_limit_em + 0.01:
            assert id(line) in loose, (chars, line.text, space, latin)
