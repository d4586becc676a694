"""A headline that must break inside a saying or a long name breaks where its own words meet.

The sayings and names below are dictionary entries with no inner parts of their own (a saying
is one word to the dictionary, a transliterated name too), set in headline templates written
for this test (placeholders, not news) at widths too narrow for them: every setting has to
break inside the entry. Where it breaks is checked against the places a reader parts it,
listed here by hand (可望而|不可及 or 可望|而不可及, never 可望而不|可及), not taken from the
code; and the break is still reported as a break inside a word.
"""

from __future__ import annotations

import pytest

from layout.flow.display import inside_breaks
from layout.flow.heads import balanced_head
from layout.flow.setting import Setting
from layout.issue.model import HeadText, Typography
from layout.text.font import FontBook
from layout.text.prepare import TextStyle
from layout.units import HAO_SIZES_PT

#: Each entry and where a reader may part it (the characters before each acceptable break).
NATURAL = {
    "可望而不可及": {"可望", "可望而"},
    "心有余而力不足": {"心有余"},
    "风马牛不相及": {"风马牛"},
    "醉翁之意不在酒": {"醉翁", "醉翁之意"},
    "反其道而行之": {"反其道"},
    "冒天下之大不韪": {"冒天下"},
    "三寸不烂之舌": {"三寸", "三寸不烂"},
    "王顾左右而言他": {"王顾", "王顾左右"},
    "齐奥尔科夫斯基": {"齐奥尔", "齐奥尔科"},  # (-kovsky, -vsky)
}
TEMPLATES = ["{}再添新动能", "聚焦{}", "走进{}看变化"]


def _inner_breaks(lines: list[str], text: str, entry: str) -> list[str]:
    """The text of ``entry`` before each line break that falls inside it."""
    start = text.index(entry)
    out, pos = [], 0
    for line in lines[:-1]:
        pos += len(line)
        if start < pos < start + len(entry):
            out.append(entry[:pos - start])
    return out


@pytest.mark.expect_warnings
@pytest.mark.parametrize("entry", sorted(NATURAL))
@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("size", ["小初", "一号", "二号"])
def test_a_saying_broken_inside_breaks_where_a_reader_parts_it(book: FontBook, entry: str, template: str,
                                                               size: str) -> None:
    text = template.format(entry)
    pt = HAO_SIZES_PT[size]
    width = (len(entry) - 1) * pt  # (the entry cannot stand on one line)
    head = HeadText(text, pt, "hei_bold", "left")
    lines, _ = balanced_head(text, head, Setting(book, Typography()), width)
    drawn = [line.text for line in lines]
    assert "".join(drawn) == text
    inner = _inner_breaks(drawn, text, entry)
    assert inner and set(inner) <= NATURAL[entry], drawn
    said = inside_breaks(text, TextStyle("hei_bold", pt), Setting(book, Typography()).display(), width, "left")
    assert said, drawn  # (still a break inside a word: reported)
