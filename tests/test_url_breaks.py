"""A URL or e-mail address breaks where the Chicago Manual of Style (15th ed., 7.44, 17.11) breaks one:
after a scheme's colon, a slash or an @, before . , - _ ? ~ # %, before or after = and &; after . , - _ ?
only where breaking before them would leave a line looser than the house's limit or a 孤字
(``candidates.ADDRESS_BREAK``). Copy written for this test; read from the set lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import pairwise

import pytest

from layout.issue.model import Typography
from layout.text import candidates
from layout.text.font import FontBook
from layout.text.paragraph import SetParagraph, _set_cached, set_paragraph
from layout.text.prepare import TextStyle
from layout.text.script import is_cjk

SIZE = 9.0
ADDRESSES = ["https://service.kunming-gov.example.cn/apply/form_2026?type=renew&lang=zh",
             "help_desk@city-service.example.org", "www.expo-yunnan.example.com/news/detail.html",
             "bm.office@expo.example.net", "https://data.example.edu/lake/dian_chi/2025-q3.csv",
             "https://live.example.cn:8443/replay?start=10:30&ch=2", "doi:10.1016/j.watres.2025.123456"]
COPY = [f"市民可登录{ADDRESSES[0]}在线预约，也可发送邮件至{ADDRESSES[1]}咨询有关事项。",
        f"活动详情见{ADDRESSES[2]}，报名截止前可通过{ADDRESSES[3]}修改报名信息。",
        f"课题组公开了全部观测数据，存放于{ADDRESSES[4]}供同行下载核对。",
        f"错过直播的观众可在{ADDRESSES[5]}回看，相关论文（{ADDRESSES[6]}）已在线发表。"]
STYLES = {"line_end_half": Typography(), "quanjiao": Typography(punctuation="quanjiao")}
CHICAGO_AFTER, CHICAGO_BEFORE, MARKS = ":/@=&", ".,-_?~#%=&", ".,-_?"


def _set(book: FontBook, text: str, style: str, chars: int) -> SetParagraph:
    return set_paragraph([(text, TextStyle("song", SIZE))], book, STYLES[style], chars * SIZE, 2 * SIZE)


def _address_breaks(para: SetParagraph) -> Iterator[tuple[str, str]]:
    """(the character before, the one after) each line break inside an address."""
    for a, b in pairwise(para.lines):
        last, first = a.copy.rstrip()[-1:], b.copy.lstrip()[:1]
        if last and first and not is_cjk(last) and not is_cjk(first) and any(
                a.copy.rstrip()[-3:] + b.copy.lstrip()[:3] in address for address in ADDRESSES):
            yield last, first


def _chicago_only(book: FontBook, text: str, style: str, chars: int, monkeypatch: pytest.MonkeyPatch) -> SetParagraph:
    """The paragraph set with a break after an address's marks only where nothing else sets it (priced
    above a loose line: a column narrower than a part of the address must break there)."""
    return with_price(monkeypatch, "ADDRESS_BREAK", 1e15, lambda: _set(book, text, style, chars))


def with_price(monkeypatch: pytest.MonkeyPatch, name: str, price: float,
               setting: Callable[[], SetParagraph]) -> SetParagraph:
    """``setting()`` run with the breaker's price ``candidates.<name>`` at ``price``, the paragraphs set
    before and the breaker's last answers forgotten round it. Read by the tests of other priced breaks."""
    with monkeypatch.context() as patch:
        patch.setattr(candidates, name, price)
        patch.setattr(candidates, "_LAST", [])
        _set_cached.cache_clear()
        try:
            return setting()
        finally:
            _set_cached.cache_clear()
            candidates._LAST.clear()


@pytest.mark.expect_warnings  # (a 9-character column leaves loose lines whatever the breaks)
@pytest.mark.parametrize("style", list(STYLES))
def test_an_address_breaks_where_chicago_breaks_it(book: FontBook, style: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    chicago = marks = 0
    for text in COPY:
        for chars in range(9, 22):
            para = _set(book, text, style, chars)
            assert "".join(line.copy for line in para.lines) == text  # nothing lost, nothing added
            for last, first in _address_breaks(para):
                assert last != first, (chars, last, first)  # (not inside // or a doubled mark)
                ends = [line.copy for line in para.lines if line.copy.rstrip().endswith(":")]
                assert last != ":" or all(e.rstrip().endswith(("doi:", "mailto:")) for e in ends), (chars, ends)
                if last in CHICAGO_AFTER or first in CHICAGO_BEFORE:
                    chicago += 1
                    continue
                assert last in MARKS, (style, chars, last, first)
                marks += 1
                plain = _chicago_only(book, text, style, chars, monkeypatch)  # (a break it spares is looser)
                if [line.copy for line in plain.lines] != [line.copy for line in para.lines]:
                    assert _looseness(plain) > _looseness(para), (style, chars, text[:12])
    assert chicago >= 4 * marks and chicago > 30, (chicago, marks)


def _looseness(para: SetParagraph) -> tuple[int, int, float]:
    """How loose a setting is: its lines past the house's limit, whether its last line is a 孤字, then
    the loose lines' spread summed (em)."""
    last = para.lines[-1].copy.rstrip("，。、；：？！”’）》")
    return len(para.loose), int(len(last) == 1), sum(line.spread_em for line in para.loose)


@pytest.mark.expect_warnings
def test_where_chicagos_breaks_set_within_the_limit_no_line_ends_on_an_addresss_period(
        book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where breaking an address only as Chicago does sets every line within the house's limit, no
    line of it ends on . , - _ or ? (the breaker takes Chicago's breaks, not merely tighter lines)."""
    clean = 0
    for text in COPY:
        for chars in range(9, 22):
            if _chicago_only(book, text, "line_end_half", chars, monkeypatch).loose:
                continue
            clean += 1
            para = _set(book, text, "line_end_half", chars)
            assert not [pair for pair in _address_breaks(para) if pair[0] in MARKS and pair[1] not in CHICAGO_BEFORE], (
                chars, [line.copy for line in para.lines])
    assert clean >= 15, clean


@pytest.mark.expect_warnings
def test_the_character_grid_breaks_addresses_before_their_marks_too(book: FontBook) -> None:
    """On the character grid (its own breaker, which prices a break after an address's . , - _ ? as a
    line left short), the breaks before those marks are the rule and those after them the exception."""
    grid = Typography(char_grid=True)
    chicago = marks = 0
    for text in COPY:
        for chars in range(9, 22):
            para = set_paragraph([(text, TextStyle("song", SIZE))], book, grid, chars * SIZE, 2 * SIZE)
            assert "".join(line.copy for line in para.lines) == text
            for last, first in _address_breaks(para):
                chicago += last in CHICAGO_AFTER or first in CHICAGO_BEFORE
                marks += last in MARKS and first not in CHICAGO_BEFORE
    assert chicago >= 4 * marks and chicago > 30, (chicago, marks)


def inside_address(text: str, at: int) -> bool:
    """Whether a line break before ``text[at]`` (the lines' text, joined, soft hyphens taken out)
    falls inside one URL or e-mail address: the solid run of ASCII around it holds @, :// or a slash,
    or starts www. (Chicago breaks such a run before its . , - _ ?; a number's separator, 130|,000, is
    no such break). Read by the tests of which characters may start a line."""
    text = text.replace(" ", "\n")
    left, right = re.search(r"[!-~]*$", text[:at]), re.match(r"[!-~]*", text[at:])
    run = (left.group() if left else "") + (right.group() if right else "")
    return bool(left and left.group() and right and right.group()) and (
        "@" in run or "://" in run or "/" in run or run.lower().startswith("www."))
