"""char_grid on mixed copy (issue 12, item 5, a fourth review): a plain word's letters are not
letter-spaced, and a mark set against a word keeps a full mark's em before an ideograph.

New copy for this test (placeholders, not news: product names, an English sentence, a
title, figures with units). Properties on the set glyphs with the fonts' own advances, at
9 to 17 characters:
- between two letters of a plain word (a token of letters only) that does not end its line,
  at most 0.05 em more than the font sets them (its white goes to its word spaces, its edges
  or the line's CJK gaps; a word alone at a line's end may take 0.1 em rather than a ragged tail);
- a closing or pause mark set against a word that follows an ideograph on its line, with an
  ideograph after it, is drawn a full em before that ideograph (never as a half-width mark);
- nothing lost.
"""

from __future__ import annotations

import itertools
from itertools import pairwise

import pytest

from layout.frame import Glyph
from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle
from layout.text.script import is_ideograph

SIZE = 9.0
GRID = Typography(char_grid=True)
COPY = [
    "样机装的是 Android 15，屏幕一角写着 Battery Saver 字样，旁边另有一台 iPhone 16 Pro，两台都已开机。",
    "扉页上印着一句“Less is more, but enough is better.”，下面是作者的签名和日期。",
    "展柜里的模型名为 Northern Lights，长约 42.5cm，配套说明卡上写着 Handle with care，请勿触摸。",
    "这套教材的书名是《Everyday English Grammar》，第二版共有 24 个单元，每单元配有 Listening 练习。",
]
CLOSING = "，、）》”"


def _advance(book: FontBook, g: Glyph) -> float:
    face = book.face(g.face)
    assert face is not None
    return face.advance_em(g.ch) * g.size * g.scale


def _plain_words(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Runs of ASCII letters on a line that make a whole token (no digit, dot or slash in it)."""
    words: list[list[Glyph]] = []
    run: list[Glyph] = []
    for g in [*glyphs, Glyph("\u3000", "", SIZE, 0.0)]:
        if g.ch.isascii() and g.ch not in " ,.;:!?\"'":
            run.append(g)
            continue
        if run and all(q.ch.isalpha() for q in run):
            words.append(run)
        run = []
    return words


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", [9, 11, 13, 15, 17])
def test_plain_words_are_not_letter_spaced(book: FontBook, chars: int) -> None:
    for text in COPY:
        para = set_paragraph([(text, TextStyle("song", SIZE))], book, GRID, chars * SIZE, 2 * SIZE)
        got = "".join(line.copy for line in para.lines).replace(" ", "").replace("\u00ad", "")
        assert got == text.replace(" ", "")
        for line in para.lines:
            for word in _plain_words(list(line.glyphs)):
                if word[-1] is line.glyphs[-1]:
                    continue  # a word ending its line (alone there, 0.1 em rather than a ragged tail)
                for a, b in pairwise(word):
                    spread = b.x - (a.x + _advance(book, a))
                    assert spread <= 0.05 * SIZE + 1e-6, (chars, line.text, a.ch + b.ch, spread / SIZE)


@pytest.mark.expect_warnings
def test_a_mark_against_a_word_keeps_a_full_em_before_an_ideograph(book: FontBook) -> None:
    seen = 0
    for chars, text in itertools.product([9, 11, 13, 15, 17], COPY):
        para = set_paragraph([(text, TextStyle("song", SIZE))], book, GRID, chars * SIZE, 2 * SIZE)
        for line in para.lines:
            glyphs = [g for g in line.glyphs if g.ch != " "]
            for k in range(1, len(glyphs) - 1):
                mark, after = glyphs[k], glyphs[k + 1]
                if mark.ch not in CLOSING or not glyphs[k - 1].ch.isascii() or not is_ideograph(after.ch):
                    continue
                start = k - 1
                while start > 0 and glyphs[start - 1].ch.isascii():
                    start -= 1
                if start == 0 or not is_ideograph(glyphs[start - 1].ch):
                    continue  # a word starting the line: the fewest cells (README)
                assert after.x - mark.x >= 0.95 * SIZE, (chars, line.text, mark.ch, (after.x - mark.x) / SIZE)
                seen += 1
    assert seen >= 3
