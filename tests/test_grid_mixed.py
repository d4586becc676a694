"""char_grid on mixed copy (issue 12 review, finding 5), on the real fonts: every
ideograph on the cell grid, no white of a whole cell or more inside a line (a mark's
blank half counts as white), and a Latin group tight against a mark beside it, as in
running text (，2026 and （Blender 4.1） with no padding; less than ¼ em where a word
that starts a line leaves more white than its mark can take), at widths 9 to 21.

The copy is placeholder text written for these tests, not news.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from layout.frame import Glyph
from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.line import SetLine
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle
from layout.text.script import is_ideograph
from tests.test_grid_ink import ink, on_grid_or_balanced
from tests.test_stretch import COPY as STRETCH_COPY

SIZE = 9.0
GRID = Typography(char_grid=True)
COPY = [
    *STRETCH_COPY,
    "这款开源软件（Blender 4.1）的新版本已于上周发布，下载量在 48 小时内突破 2,000,000 次，"
    "开发者在 https://blog.example.org/release-notes 说明了改动。",
    "决赛定在 2027 年 6 月，届时 32 支球队将在 12 座城市比赛，揭幕战安排在 Estadio Azteca，票价 95 美元起。",
    "这名 19 岁的门将本赛季共完成 112 次扑救，被评为“Breakthrough Goalkeeper of the Year”，"
    "俱乐部随即与他续约至 2031 年。",
]
CLOSING = "，。、；：？！）】》」』”’"
OPENING = "（【《「『“‘"


def _lines(book: FontBook, text: str, chars: int) -> list[SetLine]:
    return list(set_paragraph([(text, TextStyle("song", SIZE))], book, GRID, chars * SIZE, 2 * SIZE).lines)


def _advance(book: FontBook, g: Glyph) -> float:
    face = book.face(g.face)
    assert face is not None
    return face.advance_em(g.ch) * g.size * g.scale


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", [9, 11, 13, 17, 21])
def test_no_hole_of_a_cell_and_every_ideograph_on_the_grid(book: FontBook, chars: int) -> None:
    for text in COPY:
        for line in _lines(book, text, chars):
            glyphs = [g for g in line.glyphs if g.ch != " "]
            for a, b in pairwise(glyphs):
                white = ink(book, b)[0] - ink(book, a)[1]
                assert white < SIZE - 1e-6, (line.text, a.ch, b.ch, white / SIZE)
            assert on_grid_or_balanced(line, SIZE), line.text


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", [9, 11, 13, 17, 21])
def test_latin_sits_tight_against_a_mark(book: FontBook, chars: int) -> None:
    for text in COPY:
        for line in _lines(book, text, chars):
            glyphs = [g for g in line.glyphs if g.ch != " "]
            for a, b in pairwise(glyphs):
                if a.ch in CLOSING + OPENING and b.ch.isascii() and b.ch.isalnum():
                    assert b.x - (a.x + _advance(book, a)) < 0.05 * SIZE, (line.text, a.ch, b.ch)
                if b.ch in CLOSING + OPENING and a.ch.isascii() and a.ch.isalnum() and not _pair(glyphs, b):
                    # (a word that starts a line may leave up to ½ em of white before its mark: the
                    # mark moves into it only as far as leaves no hole after it, review T F4b)
                    gap = b.x - (a.x + _advance(book, a))
                    starts = not any(is_ideograph(g.ch) or g.ch in CLOSING + OPENING for g in glyphs[:glyphs.index(a)])
                    assert gap < (0.5 if starts else 0.25) * SIZE, (line.text, a.ch, b.ch, gap / SIZE)


def _pair(glyphs: list[Glyph], g: Glyph) -> bool:
    """``g`` opens a tight pair of marks (》，): with 1 em of white of its own around it, it
    may stand off a word (the hole test above bounds it)."""
    k = glyphs.index(g)
    return k + 1 < len(glyphs) and glyphs[k + 1].ch in CLOSING + OPENING


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", [9, 11, 13, 17, 21])
def test_no_grid_line_is_left_gaping(book: FontBook, chars: int) -> None:
    """Cells a line must leave empty are spread over lines rather than heaped on one: no
    line but a paragraph's last is short by more than half the column (a lone 赛
    on an indented first line read as a paragraph of its own)."""
    for text in COPY:
        para = set_paragraph([(text, TextStyle("song", SIZE))], book, GRID, chars * SIZE, 2 * SIZE)
        for line in para.lines[:-1]:
            assert line.measure - line.width <= chars * SIZE / 2 + 1e-6, (line.text, chars)


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", [9, 11, 13, 17])
def test_a_grid_line_with_word_spaces_past_the_limit_is_loose(book: FontBook, chars: int) -> None:
    """Review T, F3: a grid line's missing cells go into its Latin words first; a word space
    widened past the loose limit (measured between the glyphs, against the face's own space)
    makes the line a reported loose line, as in running text; a line none widens so far is not."""
    limit = GRID.loose_limit_em * SIZE
    seen = 0
    for text in COPY:
        para = set_paragraph([(text, TextStyle("song", SIZE))], book, GRID, chars * SIZE, 2 * SIZE)
        for line in para.lines:
            widest = 0.0
            for a, space, b in zip(line.glyphs, line.glyphs[1:], line.glyphs[2:]):
                if space.ch == " " and a.ch.isascii() and b.ch.isascii():
                    widest = max(widest, b.x - (a.x + _advance(book, a)) - _advance(book, space))
            if widest > limit + 0.01:
                assert line in para.loose, (line.text, widest / SIZE)
                seen += 1
            if line in para.loose:
                assert line.spread_em * SIZE >= widest - 0.01 and line.spread_em > GRID.loose_limit_em
    assert seen >= 1 or chars == 17  # the copy has such lines
