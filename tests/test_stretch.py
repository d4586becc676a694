"""One justification model (issue 12 review, findings 3 and 4): what a justified line
opens is measured on the glyphs the line setter placed, never taken from the code that
placed them, and every line past a limit must be among the paragraph's reported loose
lines. Limits: a gap between two ideographs opens by at most ``loose_limit_em``; a word
space is at most ½ em wide; the letters of a Latin word part by at most 0.1 em.

The copy is placeholder text written for these tests (sports, tech, culture), not news.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.line import SetLine
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle
from layout.text.script import is_ideograph

SIZE = 9.0
COPY = [
    "第三节比赛还剩 4 分 12 秒时，来自 Vancouver 的中锋 Oluwaseun Adebayo-Richardson 连续两次封盖，"
    "主队以 98:91 反超，全场命中率达到 47.3%。",
    "赛事组委会提醒，观众须提前在 https://tickets.citysports.example.com/2027/finals/seat-map 查询座位，"
    "现场不再出售纸质票，咨询邮箱 help-desk@citysports.example.com。",
    "研究团队在 arXiv 上公开了论文《Scalable Photonic Interconnects for Heterogeneous Computing》，"
    "代码托管于 github.com/photonics-lab/interconnect-sim，采用 Apache-2.0 许可。",
    "用户可以通过 API 接口 /v2/accounts/{id}/transactions?from=2026-01-01&limit=500 批量导出记录，"
    "单次请求的响应时间通常低于 120 ms。",
    "乐团今年的巡演将途经 Edinburgh、Reykjavík 与 Montréal，演出曲目包括 Shostakovich 第五交响曲，"
    "门票可在 www.philharmonic-tour.example.org 预订。",
    "导演在映后交流中提到，影片的英文片名 The Unbearable Lightness of Rivers 取自一首诗，拍摄周期长达 14 个月，"
    "剪辑版本多达 23 个。",
    "博物馆馆长表示，修复工作使用了 X-ray fluorescence 与 hyperspectral imaging 技术，确认画作底层还有一幅"
    "被覆盖的草图，年代约为 1650 年前后。",
    "The festival's artistic director said the programme was deliberately international, pairing "
    "contemporary choreography with traditional storytelling from twelve countries.",
]
PUNCTUATION = ["quanjiao", "line_end_half", "kaiming", "banjiao"]


def _openings(book: FontBook, line: SetLine) -> tuple[float, float, float]:
    """The widest ideograph gap (em, 0 when set solid), word space (em) and letter gap (em)
    of a line, from its glyph positions and the fonts' advances."""
    def advance(g: object) -> float:
        face = book.face(g.face)  # type: ignore[attr-defined]
        assert face is not None
        return face.advance_em(g.ch) * g.size * g.scale  # type: ignore[attr-defined]

    glyphs = line.glyphs
    han = space = letter = 0.0
    for k, (a, b) in enumerate(pairwise(glyphs)):
        if is_ideograph(a.ch) and is_ideograph(b.ch):
            han = max(han, (b.x - a.x - SIZE) / SIZE)
        elif a.ch.isalpha() and b.ch.isalpha() and not is_ideograph(a.ch) and not is_ideograph(b.ch):
            letter = max(letter, (b.x - a.x - advance(a)) / SIZE)
        if b.ch == " " and 0 < k + 2 < len(glyphs):
            space = max(space, (glyphs[k + 2].x - a.x - advance(a)) / SIZE)
    return han, space, letter


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", [11, 13, 17, 21])
@pytest.mark.parametrize("punctuation", PUNCTUATION)
def test_every_loose_line_is_reported(book: FontBook, punctuation: str, chars: int) -> None:
    typo = Typography(punctuation=punctuation)
    for text in COPY:
        para = set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE)
        for line in para.lines:
            if not line.justified:
                continue
            han, space, letter = _openings(book, line)
            if han > typo.loose_limit_em + 1e-6 or space > 0.5 + 1e-6 or letter > 0.1 + 1e-6:
                assert line in para.loose, (line.text, han, space, letter)


@pytest.mark.parametrize("chars", [13, 17, 21])
def test_word_spaces_stay_within_half_an_em_where_letters_can_take_the_rest(book: FontBook, chars: int) -> None:
    """An English line opens its word spaces to ½ em, then spaces its letters (clreq's
    inter-character spacing), before a space goes wider (and the line is reported)."""
    typo = Typography()
    para = set_paragraph([(COPY[-1], TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE)
    for line in para.lines:
        if line.justified and line not in para.loose:
            _, space, letter = _openings(book, line)
            assert space <= 0.5 + 1e-6 and letter <= 0.1 + 1e-6, line.text


def test_a_path_breaks_like_a_url(book: FontBook) -> None:
    """/v2/accounts/{id}/… is an address: broken after / & =, or before . - _ ? & =, never hyphenated."""
    para = set_paragraph([(COPY[3], TextStyle("song", SIZE))], book, Typography(), 11 * SIZE, 2 * SIZE)
    for a, b in pairwise(para.lines):
        assert not a.hyphenated and not a.forced, a.text
        if a.text[-1].isascii() and b.text[:1].isalnum() and a.text[-1] + b.text[0] in COPY[3]:  # inside a run
            assert a.text[-1] in "/@&=" or b.text[0] in ".-_?&=", (a.text, b.text)


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", [11, 13, 17, 21])
@pytest.mark.parametrize("punctuation", ["kaiming", "banjiao"])
def test_half_set_marks_take_their_blank_back_before_ideographs_part(book: FontBook, punctuation: str,
                                                                      chars: int) -> None:
    """开明 and 半角 set 、，；： half inside a line; a line that must stretch past the limit
    gives those marks their blank back first (a full-width comma reads better than
    characters parted by ⅓ em), so no such line keeps a half mark while its ideographs part."""
    typo = Typography(punctuation=punctuation)
    for text in COPY:
        para = set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE)
        for line in para.lines:
            han, _, _ = _openings(book, line)
            if not line.justified or han <= typo.loose_limit_em + 1e-6:
                continue
            for a, b in pairwise(line.glyphs):
                if a.ch in "、，；：" and b.ch != " ":
                    assert b.x - a.x >= SIZE - 1e-6, (line.text, a.ch, (b.x - a.x) / SIZE)


def test_kaiming_is_no_looser_than_line_end_half(book: FontBook) -> None:
    """With the same copy and measure, 开明 sets no more loose lines than 全角 with half
    line ends: its half marks are room to stretch, not a reason to part characters."""
    counts = {}
    for style in ("line_end_half", "kaiming", "banjiao"):
        typo = Typography(punctuation=style)
        counts[style] = sum(len(set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE,
                                              2 * SIZE).loose) for text in COPY for chars in (11, 13, 17, 21))
    assert counts["kaiming"] <= counts["line_end_half"] and counts["banjiao"] <= counts["line_end_half"], counts


@pytest.mark.expect_warnings
@pytest.mark.parametrize("punctuation", PUNCTUATION)
def test_breaker_prices_the_stretch_the_line_gets(book: FontBook, punctuation: str) -> None:
    """The breaker's looseness of every chosen line is the looseness the set line reports
    (one model: finding 3), on every line of new copy at four measures."""
    from layout.text.line import set_line
    from layout.text.linebreak import Measurer, break_optimal
    from layout.text.prepare import prepare
    from layout.text.rules import rules

    typo = Typography(punctuation=punctuation)
    for text in COPY:
        p = prepare([(text, TextStyle("song", SIZE))], book, typo)
        m = Measurer(p, typo.line_start_open_half, rules(typo).half_at_end)
        for chars in (11, 13, 17, 21):
            width = chars * SIZE
            for brk in break_optimal(p, lambda _k, w=width: w, m, typo.loose_limit_em):
                line = set_line(p, m, brk, width, "justify", typo.loose_limit_em)
                if line.justified and not brk.last:
                    assert m.spread(brk.start, brk.end, width, typo.loose_limit_em) == pytest.approx(
                        line.spread_em, abs=1e-6), line.text
