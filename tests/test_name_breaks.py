"""A transliterated name is not broken inside a middle part (马丁·路|德·金) where a break elsewhere sets the
paragraph as well (``candidates.name_insides``, ``NAME_BREAK``). The interpunct may neither start nor end a
line, so before this such a name broke inside a part as readily as anywhere. Copy written for this test;
read from the set lines."""

from __future__ import annotations

from itertools import pairwise

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.paragraph import SetParagraph, set_paragraph
from layout.text.prepare import TextStyle
from tests.test_url_breaks import with_price

SIZE = 9.0
MIDDLES = ["路德", "菲茨杰拉德", "沃克", "斯科特", "阿马德乌斯"]  # the middle parts of the names below
COPY = ["纪念馆的讲解员说，马丁·路德·金当年的演讲稿原件只展出三天，观众需提前在网上预约参观时段。",
        "展厅另一侧陈列着约翰·菲茨杰拉德·肯尼迪访问欧洲时的新闻照片，以及乔治·沃克·布什签署的多份文件复印件。",
        "读书会本月共读弗朗西斯·斯科特·菲茨杰拉德的长篇小说，主持人建议大家先读译者序言，再读第一章。",
        "音乐厅下周上演沃尔夫冈·阿马德乌斯·莫扎特的三首协奏曲，票价从八十元到四百八十元不等。"]
STYLES = {"line_end_half": Typography(), "quanjiao": Typography(punctuation="quanjiao")}


def _set(book: FontBook, text: str, style: str, chars: int) -> SetParagraph:
    return set_paragraph([(text, TextStyle("song", SIZE))], book, STYLES[style], chars * SIZE, 2 * SIZE)


def _inside(para: SetParagraph) -> int:
    """Line breaks inside a name's middle part (an interpunct before it and after it)."""
    return sum(1 for a, b in pairwise(para.lines) for part in MIDDLES for k in range(1, len(part))
               if a.copy.rstrip().endswith("·" + part[:k]) and b.copy.lstrip().startswith(part[k:] + "·"))


def _priced(book: FontBook, text: str, style: str, chars: int, price: float,
            monkeypatch: pytest.MonkeyPatch) -> SetParagraph:
    """The paragraph set with a break inside a middle part at ``price``."""
    return with_price(monkeypatch, "NAME_BREAK", price, lambda: _set(book, text, style, chars))


def _looseness(para: SetParagraph) -> tuple[int, int, float]:
    """Lines past the house's limit, whether the last line is a 孤字, the loose lines' spread summed (em)."""
    last = para.lines[-1].copy.rstrip("，。、；：？！”’）》")
    return len(para.loose), int(len(last) == 1), sum(line.spread_em for line in para.loose)


@pytest.mark.expect_warnings  # (narrow columns leave loose lines whatever the breaks)
@pytest.mark.parametrize("style", list(STYLES))
def test_a_name_breaks_inside_a_middle_part_only_where_nothing_else_sets_as_well(
        book: FontBook, style: str, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = before = 0
    for text in COPY:
        for chars in range(8, 22):
            para = _set(book, text, style, chars)
            assert "".join(line.copy for line in para.lines) == text  # nothing lost, nothing added
            before += _inside(_priced(book, text, style, chars, 0.0, monkeypatch))
            if not _inside(para):
                continue
            kept += 1
            spared = _priced(book, text, style, chars, 1e15, monkeypatch)  # (only where nothing else sets)
            assert _looseness(spared) > _looseness(para) or _inside(spared), (style, chars, text[:12])
    assert before >= 8 and kept < before, (before, kept)  # (most kept are forced: a long name in a narrow column)
