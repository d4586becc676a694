"""A number is kept with the unit or measure word after it (2026|年, 1.2|万亿元, 30|多人) where the paragraph sets
as well otherwise in as many lines (``candidates.number_ends``, ``NUMBER_BREAK``, ``units_kept``: never a line
more or less for it), and a magnitude after its digits (3.7万|次, 30多|人) too. Before this, a line ended after a
number as readily as anywhere: on the copy below, at 11, 13, 15 and 19 characters in two punctuation styles, 43
lines in 41 of 96 settings ended with a number (or its magnitude) whose unit began the next line (28 in 28 now,
each where every setting without it opens a line further, past 0.15 em, spreads its lines more in all, or takes
another count of lines).

The copy is written for this test and is not news: the places, bodies and figures in it are made up. Read from the
set lines."""

from __future__ import annotations

from functools import partial
from itertools import pairwise

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.paragraph import SetParagraph, set_paragraph
from layout.text.prepare import TextStyle
from layout.text.script import is_ideograph
from tests.test_url_breaks import with_price

SIZE = 9.0
WIDTHS = (11, 13, 15, 19)  # columns, in characters
STYLES = {"line_end_half": Typography(), "quanjiao": Typography(punctuation="quanjiao")}
DIGITS = "0123456789"
UNIT_SIGNS = "%％‰℃"
MAGNITUDES = "十百千万亿多余"  # (after a number's digits, part of it: 3.7万, 1.2万亿, 30多)
OPEN_EM = 0.15  # a line spread past this is dearer than a unit on the next line (``candidates.NUMBER_BREAK``)
COPY = [  # test copy (see the module docstring)
    "据某市统计部门发布的测试数据，2025年全市常住人口为358.6万人，比上年末增加4.2万人，其中城镇人口占比达到71.3%，"
    "较2020年提高了5.8个百分点。",
    "这座示例水库始建于1958年，总库容1.26亿立方米，设计灌溉面积32万亩；2024年汛期最高水位出现在7月19日凌晨3时，"
    "超过警戒水位1.5米。",
    "活动自3月1日起持续到5月31日，共有来自12个省份的860多名选手报名，年龄最小的9岁，最大的73岁，决赛将于6月8日在"
    "市体育中心举行。",
    "报告显示，该行业去年实现营业收入2.35万亿元，同比增长8.7%，利润总额1860亿元，同比下降3.4%，出口交货值连续第3个"
    "季度回升。",
    "当天最高气温达到39℃，为有气象记录以来同期第2高值，全市用电负荷在下午4时左右突破1200万千瓦，较去年同期增加15%左右。",
    "示例公司计划在未来3年内投入45亿元，新建2条生产线和1个研发中心，预计到2028年年产能将达到50万台，带动就业约3000人。",
    "第十届读书节共设置了24个分会场，开展讲座、展览等活动180余场，线上参与人数累计超过260万人次，新书销量比上届增长了"
    "12.6%。",
    "这条线路全长46.8公里，设车站23座，其中换乘站7座，最高运行时速100公里，开通后从城东到机场的时间将由90分钟缩短到"
    "35分钟左右。",
    "调查共回收有效问卷5132份，受访者中有61.2%表示每周至少读书1次，有27%表示每天阅读时间超过30分钟，另有8.5%表示近1年"
    "没有读过一本书。",
    "截至11月底，该区已累计改造老旧小区87个、涉及居民2.4万户，加装电梯316部，新增停车位4500余个，计划明年再改造40个"
    "小区。",
    "比赛第3天，主队以2比1取胜，门将在第87分钟扑出点球；全场共有4.5万名观众到场，票房收入约1300万元，创下本赛季单场"
    "最高纪录。",
    "按照试行办法，家庭年收入低于6万元的学生每学年可申请2000元至5000元不等的补助，每年评审2次，分别在3月和9月进行。",
]
SETTINGS = [(style, chars, text) for style in STYLES for chars in WIDTHS for text in COPY]


def _set(book: FontBook, text: str, style: str, chars: int) -> SetParagraph:
    return set_paragraph([(text, TextStyle("song", SIZE))], book, STYLES[style], chars * SIZE, 2 * SIZE)


def _parted(para: SetParagraph) -> int:
    """Lines that end with a digit, or with a magnitude after digits (3.7万, 30多), while the next starts with an
    ideograph or a unit sign (2026|年, 5|%, 3.7万|次), or that end with 第 while the next starts with a digit
    (第|3版)."""
    count = 0
    for a, b in pairwise(para.lines):
        end, start = a.copy.rstrip(), b.copy.lstrip()
        number = end.rstrip(MAGNITUDES)
        if end and start and ((number and number[-1] in DIGITS and (is_ideograph(start[0]) or start[0] in UNIT_SIGNS))
                              or (end[-1] == "第" and start[0] in DIGITS)):
            count += 1
    return count


def _spread(para: SetParagraph) -> float:
    """How far a paragraph's lines but the last are spread in all (em): what else its setting pays."""
    return sum(line.spread_em for line in para.lines[:-1])


def _widest(para: SetParagraph) -> float:
    """The most a line but the last is spread (em)."""
    return max((line.spread_em for line in para.lines[:-1]), default=0.0)


def test_the_breaks_priced_are_a_number_and_its_unit() -> None:
    from layout.text.candidates import number_ends  # (here: the tests below run on a breaker without it)
    text = "在2026年第3版，共1.2万亿元、30多人、50％、G20峰会、-3.5℃"
    pairs = [text[i:i + 2] for i in number_ends(list(text))]
    assert pairs == ["6年", "第3", "3版", "2万", "万亿", "亿元", "0多", "多人", "0％",
                     "5℃"]  # (not 在|2026, nor G20|峰: a code's name;
    # 5℃ is listed, though the breaker never breaks there: a number and a sign after it are one run)


@pytest.mark.expect_warnings  # (narrow columns leave loose lines whatever the breaks)
def test_a_unit_stays_with_its_number_where_the_paragraph_allows(book: FontBook,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    kept = []
    for style, chars, text in SETTINGS:
        para = _set(book, text, style, chars)
        assert "".join(line.copy for line in para.lines) == text  # nothing lost, nothing added
        if _parted(para):
            kept.append((style, chars, text, para))
    assert len(kept) <= 30, len(kept)  # (41 before, a magnitude's break counted: 3.7万|次; 28 now)
    for style, chars, text, para in kept:  # each one left: every setting without it is worse
        spared = with_price(monkeypatch, "NUMBER_BREAK", 1e9, partial(_set, book, text, style, chars))
        assert _parted(spared) or len(spared.lines) > len(para.lines) or len(spared.loose) > len(para.loose) \
            or _widest(spared) > max(OPEN_EM, _widest(para)) or _spread(spared) > _spread(para) + 1e-9, \
            (style, chars, text[:12])


@pytest.mark.expect_warnings
def test_a_unit_kept_with_its_number_changes_no_line_count_and_opens_no_line(book: FontBook,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    open_now = open_before = parted_before = 0
    for style, chars, text in SETTINGS:
        para = _set(book, text, style, chars)
        before = with_price(monkeypatch, "NUMBER_BREAK", 0.0, partial(_set, book, text, style, chars))
        assert len(para.lines) == len(before.lines) and len(para.loose) <= len(before.loose), (style, chars, text[:12])
        open_now += sum(line.spread_em > OPEN_EM for line in para.lines[:-1])
        open_before += sum(line.spread_em > OPEN_EM for line in before.lines[:-1])
        parted_before += _parted(before)
    assert open_now <= open_before and parted_before >= 30, (open_now, open_before, parted_before)
