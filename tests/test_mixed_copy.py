"""Mixed copy (issue 12): URLs, e-mail addresses, long English words, numbers with
separators and units, names and an English paragraph, set in one 13-character column
in line_end_half, quanjiao and char_grid. Properties, on the real fonts:

- no word or number is split without a hyphen; a URL or an address only after
  / . - _ ? & = @ (never between two digits); a number only after a thousands comma;
  a hyphenated word keeps at least two letters before the hyphen and three after;
- no justified gap between two ideographs wider than 0.25 em (char_grid: every
  ideograph on the cell grid, and no gap wider than one cell);
- nothing lost: the lines copy out as the source (soft hyphens at line ends dropped).

The copy is placeholder text written for this test, not news.
"""

from __future__ import annotations

import math
from itertools import pairwise

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.line import SetLine
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle
from layout.text.script import is_cjk, is_ideograph

SIZE = 9.0
CHARS = 13
COPY = [
    "报名者可登录 https://registration.example.org/events/2027/03/marathon?lang=zh&ref=news 填写表格，"
    "或致信 volunteer_coordination@runners-club.example.net 索取材料，截止日期为3月15日。",
    "参与研发的工程师马蒂亚斯·霍夫曼（Matthias Hoffmann）介绍，团队借助 Magnetoencephalography 与 "
    "Electroencephalography 两种技术比对数据，并参考了 Ludwig van Beethoven 晚期作品的节奏结构。",
    "据统计，该馆去年接待观众 1,284,736 人次，门票收入 45,210,000 元，较上年增长 12.7%，"
    "藏品编号已排到 0000000000123456789012345678901234567890 号。",
    "Researchers described the incomprehensibilities of counterrevolutionary historiography as "
    "characteristically uncharacteristic, while photosynthesis experiments continued uninterrupted.",
    "展览以“Thermodynamics、Electromagnetism 与 Superconductivity”为题，海报上印着 "
    "www.science-expo.example.cn/guide 和二维码，咨询电话 0871-6512-3456。",
    "这位来自 São Paulo 的球员 Gabriel Martinelli-Silva 在第 87 分钟破门，赛后他说：“Obrigado, Kunming!”",
]
STYLES = {
    "line_end_half": Typography(),
    "quanjiao": Typography(punctuation="quanjiao"),
    "char_grid": Typography(char_grid=True),
}
URL_AFTER = "/.-_?&=@"
SHY = "\u00ad"


def _set(book: FontBook, text: str, style: str) -> list[SetLine]:
    para = set_paragraph([(text, TextStyle("song", SIZE))], book, STYLES[style], CHARS * SIZE, 2 * SIZE)
    return list(para.lines)


def _source(text: str) -> tuple[str, set[int]]:
    """The text without spaces, and the indices that had a space typed before them."""
    chars, spaced = [], set()
    for ch in text:
        if ch.isspace():
            spaced.add(len(chars))
        else:
            chars.append(ch)
    return "".join(chars), spaced


def _solid(ch: str) -> bool:
    return not is_cjk(ch) and not ch.isspace()


def _token(src: str, k: int) -> str:
    """The run of solid (non-CJK) characters around the boundary before src[k]."""
    lo, hi = k, k
    while lo > 0 and _solid(src[lo - 1]):
        lo -= 1
    while hi < len(src) and _solid(src[hi]):
        hi += 1
    return src[lo:hi]


@pytest.mark.expect_warnings  # the 40-digit number must be forced, and says so
@pytest.mark.parametrize("style", list(STYLES))
@pytest.mark.parametrize("text", COPY, ids=[f"copy{k}" for k in range(len(COPY))])
def test_words_urls_and_numbers_break_only_where_allowed(book: FontBook, text: str, style: str) -> None:
    lines = _set(book, text, style)
    src, spaced = _source(text)
    copied = [line.text.replace(" ", "") for line in lines]
    assert "".join(c.removesuffix(SHY) for c in copied) == src  # nothing lost, order kept
    k = 0
    for line, words in zip(lines, copied):
        k += len(words.removesuffix(SHY))
        if k >= len(src) or k in spaced or not (_solid(src[k - 1]) and _solid(src[k])):
            continue
        before, after, token = src[k - 1], src[k], _token(src, k)
        if line.forced:
            assert token.strip("。，号").isdigit() and len(token) > CHARS, (style, words)  # only the 40-digit run
            continue
        if words.endswith(SHY):
            word_left = len(src[:k]) - len(src[:k].rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            assert word_left >= 2 and src[k:k + 3].isalpha(), (style, words)
        elif "@" in token or "/" in token:
            assert before in URL_AFTER and not (before == "." and src[k - 2].isdigit() and after.isdigit()), words
        elif before == ",":
            assert after.isdigit() and src[k - 2].isdigit(), words
        else:
            assert before in "-", (style, words)  # after a hard hyphen only


HARD = pytest.mark.xfail(strict=True, reason="three long words in a row then a URL at 13 characters: no break "
                                                "sequence is within the loose limit (test_copy4_has_no_break_"
                                                "sequence_within_the_limit: URL breaks only after / . - _ ? & = @, "
                                                "hyphens with 2 + 3 letters, letters spaced <= 0.1 em, marks and "
                                                "letters squeezed as the rules allow). The least loose sequence "
                                                "spaces the letters of 与Superconductivity” and of science-expo."
                                                "example. 0.02 em past 0.1 em, with no ideograph gap over 0.25 em; "
                                                "the breaker counts loose lines, not by how much, and takes one "
                                                "line, 题，海报上印着www., at 0.37 em (warned). Pricing looseness "
                                                "by its excess sets this paragraph well but, over the mixed copy "
                                                "at 9-17 characters, gives more loose lines (73 -> 77-80) and more "
                                                "ideograph gaps over 0.25 em (33 -> 35-38), so it is not taken")


def _least_loose(book: FontBook, text: str, chars: int) -> float:
    """The least possible looseness of the paragraph's loosest justified line (em), over
    every legal break sequence (lines at most 6 em short), with the breaker's own measure."""
    from layout.text.linebreak import EPS, Measurer, _legal
    from layout.text.prepare import prepare
    from layout.text.rules import rules

    typo = STYLES["line_end_half"]
    p = prepare([(text, TextStyle("song", SIZE))], book, typo)
    m = Measurer(p, typo.line_start_open_half, rules(typo).half_at_end)
    n = len(p.atoms)
    ends = [e for e in range(1, n) if _legal(p, e)] + [n]
    best = {0: 0.0}
    for start in [0, *ends]:
        if start not in best or start == n:
            continue
        avail = (CHARS - (2 if start == 0 else 0)) * SIZE
        for end in (e for e in ends if e > start):
            natural = m.natural(start, end)
            if natural - m.max_shrink(start, end) > avail + EPS:
                break
            if end != n and natural < avail - 6 * SIZE:
                continue
            spread = 0.0 if end == n or natural > avail else m.spread(start, end, avail, typo.loose_limit_em)
            best[end] = min(best.get(end, math.inf), max(best[start], spread))
    return best[n]


def test_copy4_has_no_break_sequence_within_the_limit(book: FontBook) -> None:
    least = _least_loose(book, COPY[4], CHARS)
    assert 0.25 < least < 0.3  # unavoidable, and only just (letters at 0.12 em rather than 0.1)
    assert _least_loose(book, COPY[1], CHARS) <= 0.25  # (the measure finds a good sequence where one exists)


GAP_CASES = [pytest.param(text, style, id=f"copy{k}-{style}",
                          marks=[HARD] if (k, style) == (4, "line_end_half") else [])
             for k, text in enumerate(COPY) for style in STYLES]


@pytest.mark.expect_warnings
@pytest.mark.parametrize(("text", "style"), GAP_CASES)
def test_no_wide_gap_between_ideographs(book: FontBook, text: str, style: str) -> None:
    cell = SIZE
    for line in _set(book, text, style):
        if not line.justified:
            continue
        for a, b in pairwise(line.glyphs):
            if not (is_ideograph(a.ch) and is_ideograph(b.ch)):
                continue
            gap = b.x - a.x - cell
            if style == "char_grid":
                assert gap <= cell + 1e-6, line.text
                assert abs(b.x / cell - round(b.x / cell)) < 1e-6, line.text  # on the grid
            else:
                assert gap <= 0.25 * cell + 1e-6, (line.text, gap / cell)


@pytest.mark.parametrize("chars", range(5, 14))
def test_dateline_keeps_each_reporters_name_whole(book: FontBook, chars: int) -> None:
    names = ["司马相宜", "欧阳晓峰", "李明远"]
    head = f"本报讯（记者 {names[0]} {names[1]} 通讯员 {names[2]}）"
    runs = [(head, TextStyle("hei_bold", SIZE)), ("市场监管部门昨日发布提示。", TextStyle("song", SIZE))]
    lines = set_paragraph(runs, book, Typography(), chars * SIZE, 2 * SIZE).lines
    for a, b in pairwise(lines):
        for name in names:
            for k in range(1, len(name)):
                assert not (a.text.endswith(name[:k]) and b.text.startswith(name[k:])), (a.text, b.text)


def test_fullwidth_digits_are_one_number(book: FontBook) -> None:
    from collections import Counter

    from layout.text.clean import clean_text
    counts: Counter[str] = Counter()
    text = clean_text("型号ＡＢＣ１２３，编号０１２３４５６７８９０１２３４５６７８９", Typography(), counts)
    assert text == "型号ABC123，编号01234567890123456789"
    assert counts["full-width letters and digits → half width"] == 26  # 6 + 20


EDGE_COPY = [*COPY, "巴西队前锋在比赛中表现出色（席尔瓦）打入两球。他说——这是我们应得的胜利——全队都很努力。",
             "“我们会继续努力。”她说，《城市交通》杂志（第12期）刊登了这份报告【全文】。"]


@pytest.mark.expect_warnings
@pytest.mark.parametrize("style", ["line_end_half", "quanjiao", "kaiming", "banjiao"])
@pytest.mark.parametrize("chars", [11, 13])
def test_nothing_pulled_out_or_past_the_column_edge(book: FontBook, style: str, chars: int) -> None:
    typo = Typography(punctuation=style)  # line_start_open_half is off
    for text in EDGE_COPY:
        for line in set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 0.0).lines:
            assert line.glyphs[0].x >= -1e-6, (style, line.text)  # an opening mark keeps its blank half
            assert line.width <= chars * SIZE + 1e-6, (style, line.text)


@pytest.mark.parametrize("source, expected, marks", [
    ("水库蓄水率为６７．３％，较上月提高２．１个百分点", "水库蓄水率为67.3%，较上月提高2.1个百分点", 3),
    ("全年接待游客３，８５６万人次，同比增长１２％", "全年接待游客3,856万人次，同比增长12%", 2),
    ("服务热线：０６９１－２１２３４５６，上午８：３０开始", "服务热线：0691-2123456，上午8:30开始", 2),
    ("支持ＵＳＢ－Ｃ接口和５Ｇ／４Ｇ网络", "支持USB-C接口和5G/4G网络", 2),
    ("三个班分别有４５，４８人", "三个班分别有45，48人", 0),  # a list, not a thousands separator
    ("（Ｃ＋＋）", "（C++）", 2),
])
def test_fullwidth_marks_go_half_width_with_their_number(source: str, expected: str, marks: int) -> None:
    from collections import Counter

    from layout.text.clean import clean_text
    counts: Counter[str] = Counter()
    assert clean_text(source, Typography(), counts) == expected
    assert counts["full-width marks in numbers and Latin → half width"] == marks


@pytest.mark.parametrize("chars", range(5, 12))
def test_a_number_with_a_fullwidth_thousands_comma_sets_as_one(book: FontBook, chars: int) -> None:
    from collections import Counter

    from layout.text.clean import clean_text
    text = clean_text("据统计，全省今年新增就业岗位１２，５６０个，其中高校毕业生就业占比达４２．６％。",
                      Typography(), Counter())
    assert "12,560" in text and "42.6%" in text
    lines = set_paragraph([(text, TextStyle("song", SIZE))], book, Typography(), chars * SIZE, 2 * SIZE).lines
    assert "".join(line.text for line in lines) == text
    for a, b in pairwise(lines):
        for number in ("12,560", "42.6%"):  # a number may break only after a thousands comma (see above)
            for k in (k for k in range(1, len(number)) if number[k - 1] != ","):
                assert not (a.text.endswith(number[:k]) and b.text.startswith(number[k:])), (a.text, b.text)
