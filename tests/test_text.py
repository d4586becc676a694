"""The text engine's rules, one test per rule, on the box font (exact metrics)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.line import SetLine
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle, prepare
from layout.text.punct import NO_END, NO_START

SIZE = 10.0
BODY = TextStyle("song", SIZE)


def lines_of(book: FontBook, text: str, chars: int = 10, indent: float = 0.0,
             typo: Typography | None = None, align: str = "justify") -> list[SetLine]:
    """Set ``text`` in a column ``chars`` em wide."""
    para = set_paragraph([(text, BODY)], book, typo or Typography(), chars * SIZE, indent * SIZE, align)
    return list(para.lines)


def right_edge(line: SetLine) -> float:
    """Where the last glyph's box ends (its origin + what the engine gave it)."""
    return line.width


def test_ideographs_fill_a_whole_em_grid(box_book: FontBook) -> None:
    lines = lines_of(box_book, "中文字版面报纸新闻日讯记者排印测试一二三四五六七八九十")
    assert [line.text for line in lines] == ["中文字版面报纸新闻日", "讯记者排印测试一二三", "四五六七八九十"]
    assert [g.x for g in lines[0].glyphs] == [10.0 * k for k in range(10)]


def test_no_forbidden_mark_starts_a_line_push_in(box_book: FontBook) -> None:
    # "。" may not start line 2. Pushing it out leaves "中，文" spread by ½ em per gap
    # (looser than the 0.25 em limit), so line 1 takes "。" (½ em at the line end) by
    # compressing the mid-line "，" (push-in).
    lines = lines_of(box_book, "中，文字。面报纸新闻日讯", chars=4)
    assert lines[0].text == "中，文字。"
    comma, after = lines[0].glyphs[1], lines[0].glyphs[2]
    assert after.x - comma.x == pytest.approx(5.0)
    assert right_edge(lines[0]) == pytest.approx(40.0)


def test_mid_line_mark_stays_full_when_stretching_stays_tight(box_book: FontBook) -> None:
    # Pushing "记" out spreads 11 gaps by 0.09 em (under 0.1 em): the "，" keeps its em.
    lines = lines_of(box_book, "中文字版，面报纸新闻日讯记。者排印", chars=13)
    assert lines[0].text == "中文字版，面报纸新闻日讯"
    assert lines[0].glyphs[5].x - lines[0].glyphs[4].x > 10.0
    assert right_edge(lines[0]) == pytest.approx(130.0)


def test_push_out_when_nothing_can_be_compressed(box_book: FontBook) -> None:
    lines = lines_of(box_book, "中文字版面报纸新闻日，讯记者排印")
    assert [line.text for line in lines] == ["中文字版面报纸新闻", "日，讯记者排印"]
    assert right_edge(lines[0]) == pytest.approx(100.0)


def test_push_out_when_push_in_cannot_absorb(box_book: FontBook) -> None:
    # Only one compressible mark on the line, and two marks must come in: push out.
    lines = lines_of(box_book, "中文字版面报纸新闻日）。讯记者排印测试")
    for line in lines:
        assert line.text[0] not in NO_START
        assert line.text[-1] not in NO_END
    assert lines[0].text.endswith("日）。") or lines[0].text.endswith("闻")
    assert right_edge(lines[0]) == pytest.approx(100.0)


def test_no_opening_mark_ends_a_line(box_book: FontBook) -> None:
    lines = lines_of(box_book, "中文字版面报纸新闻《日讯》记者排印测试")
    assert all(line.text[-1] not in NO_END for line in lines)
    assert lines[1].text.startswith("《")


def test_dash_and_ellipsis_never_split(box_book: FontBook) -> None:
    for mark in ("——", "……"):
        for k in range(6, 12):
            text = "中" * k + mark + "文字版面报纸新闻日讯记者"
            lines = lines_of(box_book, text)
            for a, b in pairwise(lines):
                assert not (a.text.endswith(mark[0]) and b.text.startswith(mark[0])), (mark, k)


def test_latin_words_and_numbers_stay_whole(box_book: FontBook) -> None:
    lines = lines_of(box_book, "中文字版面报纸新闻 2026 年 ABCDEF 字版面报纸新闻日讯记者")
    joined = [line.text for line in lines]
    assert any("2026" in t for t in joined)
    assert any("ABCDEF" in t for t in joined)


def test_overlong_latin_word_breaks_inside_the_column(box_book: FontBook) -> None:
    word = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ"  # 36 × ½ em: wider than the column
    lines = lines_of(box_book, "中文" + word + "字")
    assert "".join(line.text for line in lines) == "中文" + word + "字"
    assert all(line.width <= 100.0 + 1e-6 for line in lines)


def test_adjacent_punctuation_is_compressed_to_one_and_a_half_em(box_book: FontBook, typo: Typography) -> None:
    for pair in ("。”", "，“", "）。", "（“"):
        p = prepare([("中" + pair + "文", BODY)], box_book, typo)
        widths = [a.width for a in p.atoms]
        assert widths[1] + widths[2] == pytest.approx(15.0), pair


def test_opening_pair_keeps_bracket_hugging_text(box_book: FontBook, typo: Typography) -> None:
    p = prepare([("中（“文", BODY)], box_book, typo)
    assert (p.atoms[1].width, p.atoms[2].left) == (10.0, 5.0)


def test_line_end_mark_is_half_width(box_book: FontBook) -> None:
    # 9 ideographs + "，" + more: the comma ends line 1 at ½ em, so the line is
    # justified over the 9 gaps with ½ em to spread.
    lines = lines_of(box_book, "中文字版面报纸新闻，日讯记者排印测试")
    first = lines[0]
    assert first.text == "中文字版面报纸新闻，"
    gaps = [b.x - a.x for a, b in pairwise(first.glyphs)]
    assert gaps[:-1] == pytest.approx([10.0 + 5.0 / 9] * 8)
    assert right_edge(first) == pytest.approx(100.0)


def test_every_justified_line_ends_at_the_column_edge(box_book: FontBook) -> None:
    text = "中文字版面报纸，新闻日讯“记者”排印测试ABC一二三四五六七、八九十本市年月区。" * 4
    lines = lines_of(box_book, text, chars=13)
    for line in lines[:-1]:
        assert line.justified
        assert right_edge(line) == pytest.approx(130.0, abs=0.02 * SIZE)
    assert right_edge(lines[-1]) < 130.0


def test_quarter_em_between_han_and_latin(box_book: FontBook, typo: Typography) -> None:
    p = prepare([("中文ABC字", BODY)], box_book, typo)
    assert p.kinds == ["cjk", "latin", "none", "none", "latin"]
    assert p.gaps[1] == pytest.approx(2.5) and p.gaps[4] == pytest.approx(2.5)


def test_first_line_indent_is_two_characters(box_book: FontBook) -> None:
    lines = lines_of(box_book, "中文字版面报纸新闻日讯记者排印测试一二三", indent=2)
    assert lines[0].glyphs[0].x == pytest.approx(20.0)
    assert lines[0].text == "中文字版面报纸新"
    assert lines[1].glyphs[0].x == pytest.approx(0.0)


def test_orphan_last_line_is_avoided(box_book: FontBook) -> None:
    # 10 + 1 ideographs + "。": greedy would leave "讯。" alone on the last line.
    lines = lines_of(box_book, "中文字版面报纸新闻日讯。")
    assert len(lines[-1].glyphs) >= 3 or len(lines) == 1


def test_centred_and_right_alignment(box_book: FontBook) -> None:
    centred = lines_of(box_book, "中文", align="center")[0]
    right = lines_of(box_book, "中文", align="right")[0]
    assert centred.glyphs[0].x == pytest.approx(40.0)
    assert right.glyphs[-1].x == pytest.approx(90.0)


def test_missing_character_is_reported(box_book: FontBook) -> None:
    para = set_paragraph([("中𠮷文", BODY)], box_book, Typography(), 100.0)
    assert para.missing == ("𠮷",)
    assert [g.missing for g in para.lines[0].glyphs] == [False, True, False]


def test_real_fonts_cover_gbk_sample_and_fallback(book: FontBook, typo: Typography) -> None:
    p = prepare([("昆明翠湖AAAAA级Ⅱ类4334.16万人次，“双向奔赴”——", TextStyle("song", 9.0))], book, typo)
    assert p.missing == []
    assert all(a.face.name == "BanmianSerifSC-Regular" for a in p.atoms)
    kai = prepare([("龙舟摄", TextStyle("kai", 9.0))], book, typo)
    assert kai.atoms[0].face.name == "LXGWWenKai-Regular"


def test_space_after_a_closing_mark_is_kept(box_book: FontBook, typo: Typography) -> None:
    # "）记": the typed space is the bracket's own blank half, which may not be squeezed away.
    p = prepare([("讯（记者）", TextStyle("hei_bold", SIZE)), (" 记者", BODY)], box_book, typo)
    closing = p.atoms[4]
    assert closing.ch == "）" and p.kinds[4] == "space"
    assert closing.keep_blank and closing.right == 0.0 and closing.trim_right_max == 5.0
    assert not p.atoms[1].keep_blank  # the opening bracket after 讯 may still be compressed


def test_dash_and_ellipsis_do_not_start_a_line(box_book: FontBook) -> None:
    for mark in ("——", "……"):
        lines = lines_of(box_book, "中文字版面报纸新闻日" + mark + "讯记者排印测试")
        assert all(not line.text.startswith(mark[0]) for line in lines), mark
        assert lines[0].text.endswith(mark) or lines[0].text.endswith("闻")


def test_last_line_within_half_an_em_is_set_flush(box_book: FontBook) -> None:
    # 19 ideographs + "。" in a 10-em column: the last line is 9 ideographs and a full
    # 。, which would end ½ em short; it is set flush with the 。 half width instead.
    lines = lines_of(box_book, "中文字版面报纸新闻日讯记者排印测试一二。")
    last = lines[-1]
    assert last.text == "讯记者排印测试一二。" and last.justified
    assert last.width == pytest.approx(100.0)
    short = lines_of(box_book, "中文字版面报纸新闻日讯记者排印测试一。")[-1]
    assert not short.justified and short.width == pytest.approx(90.0)


def test_forced_break_in_a_long_word_keeps_punctuation_rules(box_book: FontBook) -> None:
    url = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGH"  # 17 em: wider than any line
    for tail in ("，中文字版面", "——中文字版面"):
        lines = lines_of(box_book, "中文" + url + tail)
        for line in lines[1:]:
            assert line.text[0] not in "，—", [x.text for x in lines]
        assert "".join(x.text for x in lines) == "中文" + url + tail


def test_no_lone_character_before_an_overlong_word(box_book: FontBook) -> None:
    lines = lines_of(box_book, "中文字版面报纸新闻日讯记者见ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGH。")
    assert all(len(line.text) > 1 for line in lines[:-1]), [x.text for x in lines]
    assert all(line.width == pytest.approx(100.0) for line in lines[:-1])


def test_orphan_with_brackets_is_mended(box_book: FontBook) -> None:
    lines = lines_of(box_book, "中文字版面报纸新闻日讯记者排印测试一二三《四》。")
    assert lines[-1].text != "《四》。", [x.text for x in lines]


def test_space_between_two_marks_leaves_one_blank(box_book: FontBook, typo: Typography) -> None:
    p = prepare([("他说： “好”", BODY)], box_book, typo)
    colon, quote = p.atoms[2], p.atoms[3]
    assert colon.width + p.gaps[2] + quote.width == pytest.approx(15.0)  # ：“ with a typed space: 1.5 em


def test_typed_space_between_han_and_latin_is_the_quarter_em_gap(box_book: FontBook, typo: Typography) -> None:
    p = prepare([("中 ABC 文", BODY)], box_book, typo)
    assert (p.kinds[0], p.gaps[0], p.kinds[-1], p.gaps[-1]) == ("latin", 2.5, "latin", 2.5)
    spaced = prepare([("记者 王", BODY)], box_book, typo)
    assert (spaced.kinds[1], spaced.gaps[1]) == ("space", 5.0)


def test_missing_character_takes_the_notdef_width(box_book: FontBook, typo: Typography) -> None:
    p = prepare([("中😀文", BODY)], box_book, typo)
    assert p.atoms[1].missing and p.atoms[1].width == pytest.approx(5.0)  # the box font's .notdef is ½ em


@pytest.mark.parametrize("breaking", ["optimal", "greedy"])
def test_measure_narrower_than_a_glyph_sets_one_a_line(box_book: FontBook, breaking: str) -> None:
    para = set_paragraph([("中文字。", TextStyle("song", 20.0))], box_book, Typography(breaking=breaking), 5.0, 0.0,
                         "left")
    assert "".join(line.text for line in para.lines) == "中文字。"
    assert all(line.forced for line in para.lines[:-1])


@pytest.mark.parametrize("style", ["quanjiao", "line_end_half", "kaiming", "banjiao"])
def test_opening_mark_at_line_start_keeps_its_em_in_every_style(box_book: FontBook, style: str) -> None:
    typo = Typography(punctuation=style, line_start_open_half=False)
    lines = lines_of(box_book, "中文字版面报纸新闻日（讯记者）排印", typo=typo)
    assert lines[1].text.startswith("（")
    assert lines[1].glyphs[0].x == pytest.approx(0.0)  # not pulled out into the gutter
    assert lines[1].glyphs[1].x == pytest.approx(10.0)  # the character after it on the grid
