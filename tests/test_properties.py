"""Property tests: random Chinese copy never breaks a rule, never leaves its column, loses nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle
from layout.text.punct import prohibition
from tests.fontmaker import IDEOGRAPHS, LATIN

SIZE = 10.0
WORD = st.text(alphabet=IDEOGRAPHS, min_size=1, max_size=6)
LATIN_WORD = st.text(alphabet=LATIN[:62], min_size=1, max_size=5)
AFTER = st.sampled_from(["", "，", "。", "、", "；", "：", "？", "！", "”", "）", "》", "。”", "——", "……"])
BEFORE = st.sampled_from(["", "", "“", "（", "《"])
TOKEN = st.tuples(BEFORE, st.one_of(WORD, WORD, WORD, LATIN_WORD), AFTER).map("".join)
TEXT = st.lists(TOKEN, min_size=1, max_size=40).map("".join)
SETTINGS = st.sampled_from([
    Typography(),
    Typography(breaking="greedy"),
    Typography(punctuation="kaiming"),
    Typography(punctuation="quanjiao", line_start_open_half=True),
    Typography(punctuation="banjiao", prohibition="strict"),
])


@pytest.mark.expect_warnings  # (a line of random copy dense in marks may fit only squeezing more than the
# house allows, style.squeeze: set so, and warned as a tight line)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, typo=SETTINGS, chars=st.integers(min_value=6, max_value=20))
def test_random_copy_keeps_every_rule(box_book: FontBook, text: str, typo: Typography, chars: int) -> None:
    typo = replace(typo, fullwidth_punct=False)
    measure = chars * SIZE
    para = set_paragraph([(text, TextStyle("song", SIZE))], box_book, typo, measure, 2 * SIZE)
    lines = para.lines
    assert "".join(line.text.replace(" ", "") for line in lines) == text  # nothing lost, order kept
    rules = prohibition(typo.prohibition, typo.dash_at_line_start, typo.relax_start)
    for k, line in enumerate(lines):
        assert line.width <= measure + 1e-6, (line.text, line.width)
        if k and not lines[k - 1].forced:  # the break before this line was not a forced one
            assert line.text[0] not in rules.no_start, [x.text for x in lines]
        if k + 1 < len(lines) and not line.forced:
            assert line.text[-1] not in rules.no_end, [x.text for x in lines]
            assert not (line.text[-1] == lines[k + 1].text[0] and line.text[-1] in "—…"), "split —— or ……"
