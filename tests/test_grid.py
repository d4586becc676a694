"""Strict character grid: every ideograph on a whole-em cell of its column."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.grid_justify import HalfLine, OffGridLine, grid_report
from layout.text.line import SetLine
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle
from layout.text.punct import CLOSE, OPEN, PAUSE, STOP, prohibition
from layout.text.script import is_ideograph
from tests.test_properties import TEXT

SIZE = 10.0
GRID = Typography(char_grid=True, fullwidth_punct=False)
PUNCT = OPEN + CLOSE + PAUSE + STOP


def grid_lines(book: FontBook, text: str, chars: int = 10, indent: int = 2) -> list[SetLine]:
    """Set ``text`` on the grid in a column ``chars`` cells wide."""
    return list(set_paragraph([(text, TextStyle("song", SIZE))], book, GRID, chars * SIZE, indent * SIZE).lines)


def off_grid(line: SetLine) -> list[tuple[str, float]]:
    """Ideographs whose origin is not on a whole cell."""
    return [(g.ch, g.x) for g in line.glyphs if is_ideograph(g.ch) and abs(g.x / SIZE - round(g.x / SIZE)) > 1e-6]


def test_pure_chinese_lines_sit_on_the_grid(box_book: FontBook) -> None:
    text = "中文字版面报纸新闻日讯，记者排印测试。一二三四五六七八九十本市年月区。" * 2
    para = set_paragraph([(text, TextStyle("song", SIZE))], box_book, GRID, 10 * SIZE, 2 * SIZE)
    assert all(not off_grid(line) for line in para.lines if line not in para.short)
    # a line the prohibitions leave a cell short is justified off the grid and reported, never left short
    assert all(line.width == pytest.approx(100.0) for line in para.lines[:-1])
    assert len(para.short) <= 1


def test_latin_run_fills_whole_cells(box_book: FontBook) -> None:
    lines = grid_lines(box_book, "中文ABC字版面2026年新闻日讯记者排印测试一二三")
    assert all(not off_grid(line) for line in lines)
    first = lines[0]
    xs = {g.ch: g.x for g in first.glyphs}
    cells = (xs["字"] - xs["文"]) / SIZE - 1
    assert cells == round(cells) and cells >= 2  # ABC (1.5 em) in whole cells (a third one: the line is full)
    assert first.justified and first.width == pytest.approx(10 * SIZE)
    assert 5.0 <= xs["B"] - xs["A"] <= 5.0 + 1.0 and xs["C"] - xs["B"] == pytest.approx(xs["B"] - xs["A"])
    before, after = xs["A"] - xs["文"] - SIZE, xs["字"] - (xs["C"] + 5.0)
    assert before == pytest.approx(after) and 0.125 * SIZE <= before < 0.75 * SIZE  # the rest beside it, evenly


def test_compressed_pair_returns_to_the_grid(box_book: FontBook) -> None:
    line = grid_lines(box_book, "中文。”字版面报纸", indent=0)[0]
    xs = [(g.ch, g.x) for g in line.glyphs]
    # 。 against its text, ” in its own cell: the pair's white balanced, ½ em inside it and ½ em after it
    # (never ¾ em before the next ideograph), then the grid
    assert xs[2:5] == [("。", 20.0), ("”", 30.0), ("字", 40.0)]


def test_a_line_a_cell_over_sets_two_marks_half_and_returns_to_the_grid(box_book: FontBook) -> None:
    # "“" may not end line 1, and "中文，字版面报纸新“闻" is a cell too long: the comma and the
    # opening quote give up their blank halves (½ em each), the ideographs between them stand
    # ½ em off the grid, and the ideograph after the quote is on it again; the line is whole,
    # and reported (its six ideographs left the lattice) with its two marks.
    text = "中文，字版面报纸新“闻日讯”记者排印测试一二三四五六七"
    para = set_paragraph([(text, TextStyle("song", SIZE))], box_book, GRID, 10 * SIZE, 0.0)
    first = para.lines[0]
    assert first.text == "中文，字版面报纸新“闻" and first.justified and first in para.short
    assert isinstance(first, HalfLine) and (first.marks, first.displaced) == ("，“", 6)
    fmt, args = grid_report(first, SIZE)
    assert "½ em off the grid" in fmt % (1, "b", 1, *args) and "the 6 characters" in fmt % (1, "b", 1, *args)
    xs = [g.x for g in first.glyphs]
    assert xs[:3] == [0.0, 10.0, 20.0] and xs[3:9] == [25.0 + 10.0 * k for k in range(6)]
    assert xs[9] == 80.0 and xs[10] == 90.0  # the quote's box from its ink half; 闻 on the grid, flush


def test_a_short_line_is_never_the_indented_first_one_when_a_later_one_can_be(box_book: FontBook) -> None:
    # One line of this paragraph must be a cell short ("“" may not end a line); the first line
    # is where it reads worst (an indented short line looks like a head or a paragraph of its own).
    text = "中文字版面报纸新闻日讯记者排印测试一二三四五六七八九十“本市”年月区"
    para = set_paragraph([(text, TextStyle("song", SIZE))], box_book, GRID, 10 * SIZE, 2 * SIZE)
    assert para.lines[0].justified and para.lines[0].width == pytest.approx(100.0)


@pytest.mark.parametrize(("text", "chars"), [("000000000000A", 8), ("0" * 40, 9), ("110101199003078515", 9),
                                             ("Pneumonoultramicroscopicsilicovolcanoconiosis，排版", 11),
                                             ("“" + "7" * 30 + "”说", 13)])
def test_a_run_wider_than_the_first_line_never_passes_the_column_edge(box_book: FontBook, text: str,
                                                                       chars: int) -> None:
    """An unbreakable run opening a paragraph was cut to a whole line's width, but the first line is
    the indent shorter: it ran up to 2 em into the gutter (found by this file's random test)."""
    lines = grid_lines(box_book, text, chars)
    assert "".join(line.text.replace(" ", "").replace("-", "") for line in lines) == text
    assert all(line.width <= chars * SIZE + 1e-6 for line in lines), [(x.text, x.width) for x in lines]


def test_a_paragraph_that_cannot_stay_on_the_grid_says_so(box_book: FontBook) -> None:
    para = set_paragraph([("0000000000000000000A", TextStyle("song", SIZE))], box_book, GRID, 8 * SIZE, 2 * SIZE)
    assert para.off_grid and all(line.width <= 8 * SIZE + 1e-6 for line in para.lines)  # reported, not past the edge
    ok = set_paragraph([("中文字版面报纸新闻日讯", TextStyle("song", SIZE))], box_book, GRID, 8 * SIZE, 2 * SIZE)
    assert not ok.off_grid


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, chars=st.integers(min_value=8, max_value=20))
def test_random_copy_on_the_grid(box_book: FontBook, text: str, chars: int) -> None:
    lines = grid_lines(box_book, text, chars)
    assert "".join(line.text.replace(" ", "") for line in lines) == text
    rules = prohibition()
    for k, line in enumerate(lines):
        assert line.width <= chars * SIZE + 1e-6
        halves = [] if isinstance(line, OffGridLine) else off_grid(line)  # (test_grid_justify)
        # off the grid only by ½ em, and only between two marks of the line (set ½ em each)
        assert all(abs(x / SIZE % 1 - 0.5) < 1e-6 for _, x in halves), (line.text, halves)
        marks = [g.x for g in line.glyphs if g.ch in PUNCT]
        assert all(any(m < x for m in marks) and any(m > x for m in marks) for _, x in halves), line.text
        if k and not lines[k - 1].forced:  # the break before this line was not a forced one
            assert line.text[0] not in rules.no_start, [x.text for x in lines]
