"""Punctuation width styles, centred marks, prohibition levels and the Latin face."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle, prepare

SIZE = 10.0
BODY = TextStyle("song", SIZE)


def widths(book: FontBook, text: str, typo: Typography) -> list[float]:
    """The width each character takes in running text."""
    return [a.width for a in prepare([(text, BODY)], book, typo).atoms]


def test_kaiming_keeps_full_stops_full_and_halves_the_rest(box_book: FontBook) -> None:
    assert widths(box_book, "中，文。字", Typography(punctuation="kaiming")) == [10, 5, 10, 10, 10]


def test_banjiao_halves_every_mark(box_book: FontBook) -> None:
    assert widths(box_book, "中，文。字（文）", Typography(punctuation="banjiao")) == [10, 5, 10, 5, 10, 5, 10, 5]


def test_quanjiao_keeps_the_line_end_mark_full(box_book: FontBook) -> None:
    text = "中文字版面报纸新闻，日讯记者排印测试"
    full = set_paragraph([(text, BODY)], box_book, Typography(punctuation="quanjiao"), 100.0).lines[0]
    half = set_paragraph([(text, BODY)], box_book, Typography(), 100.0).lines[0]
    assert full.text == half.text == "中文字版面报纸新闻，"
    assert full.glyphs[-1].x == pytest.approx(90.0)  # full width: the 9 ideographs set solid
    assert half.glyphs[-1].x > 90.0  # ½ em: the line is spread by the other half


@pytest.fixture
def centred_book(box_font_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FontBook:
    """A font whose pause and stop marks sit in the middle of the em (Taiwan/Hong Kong)."""
    monkeypatch.setenv("BANMIAN_FONT_PATH", str(box_font_dir))
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    return FontBook({role: ("BoxCentred",) for role in ("song", "song_bold", "hei", "hei_bold", "kai")})


def test_centred_marks_compress_on_both_sides(centred_book: FontBook) -> None:
    p = prepare([("中，“文", BODY)], centred_book, Typography())
    comma = p.atoms[1]
    assert (comma.trim_left_max, comma.trim_right_max) == (2.5, 2.5)  # ¼ em each side, read from the ink
    assert comma.width + p.atoms[2].width == pytest.approx(15.0)  # the pair still takes 1.5 em


def test_prohibition_levels(box_book: FontBook) -> None:
    text = "中文字版面报纸新闻日？讯记者"
    gb = set_paragraph([(text, BODY)], box_book, Typography(), 100.0).lines
    relaxed = set_paragraph([(text, BODY)], box_book, Typography(relax_start=True), 100.0).lines
    none = set_paragraph([(text, BODY)], box_book, Typography(prohibition="none"), 100.0).lines
    assert not gb[1].text.startswith("？")
    assert relaxed[1].text.startswith("？") and none[1].text.startswith("？")


def test_latin_face_for_letters_and_digits(box_font_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                           box_book: FontBook) -> None:
    p = prepare([("中AB12文", BODY)], box_book, Typography(latin_font="BoxLatin"))
    assert [a.face.name for a in p.atoms] == ["BoxTest", "BoxLatin", "BoxLatin", "BoxLatin", "BoxLatin", "BoxTest"]
    assert [a.width for a in p.atoms][1:5] == [6.0, 6.0, 6.0, 6.0]  # same size, the Latin face's advances
