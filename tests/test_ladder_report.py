"""Faults that used to be silent in body copy (issue 12, polish round), read from the glyphs.

- A hyphen ladder past the house limit (``style.hyphenation.max_consecutive``) that the breaker
  keeps because every layout without it is worse is reported once per ladder, with the block and
  the first line past the limit as drawn (a line ends in a drawn hyphen when its last glyph is
  the soft hyphen U+00AD the breaker adds).
- Every warning that quotes a line quotes a hyphenated one with its hyphen (``Trans-``, never
  ``Trans``), on the character grid as in running text.

Copy written for this test (placeholders, not news): long English words in an English paragraph
and inside Chinese.
"""

from __future__ import annotations

import re

import pytest

from layout.issue.model import Typography
from layout.logger import placing
from layout.text.font import FontBook
from layout.text.grid_justify import grid_report
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle

SIZE = 9.0
SOFT = "\u00ad"
COPY = (
    "Archaeologists documented extraordinarily well-preserved Mesopotamian administrative correspondence, "
    "demonstrating sophisticated bureaucratic recordkeeping characteristic of contemporaneous civilizations.",
    "展览介绍了internationalization与telecommunications产业的interdependence，以及characteristically复杂的"
    "institutionalization进程。",
    "馆方表示，Transcontinental railway archives与manufacturing correspondence均已扫描，研究者可在线申请查阅。",
    "她说，interdisciplinary collaboration需要长期投入，而institutionalization往往滞后于实践。",
)


def _drawn(line_text: str) -> str:
    """A line's glyph text as a reader sees it: the drawn soft hyphen as "-"."""
    return line_text.replace(SOFT, "-")


def _runs(ends: list[bool], limit: int) -> list[int]:
    """The index of the first line past ``limit`` of each run of lines ending in a hyphen."""
    out, run = [], 0
    for k, hyphen in enumerate([*ends, False]):
        if hyphen:
            run += 1
        else:
            if run > limit:
                out.append(k - run + limit)
            run = 0
    return out


@pytest.mark.expect_warnings
@pytest.mark.parametrize("grid", [False, True])
def test_a_kept_ladder_is_reported_once_with_its_block_and_line(book: FontBook, grid: bool,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    typo = Typography(char_grid=grid)
    ladders = 0
    for text in COPY:
        for chars in range(8, 20):
            caplog.clear()
            with placing(3, "arts"):
                para = set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE)
            said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("hyphen ladder")]
            lines = [line.text for line in para.lines]
            past = _runs([t.endswith(SOFT) for t in lines[:-1]] + [False], typo.hyphen_ladder)
            assert len(said) == len(past), (chars, text[:10], said)
            for k, message in zip(past, said, strict=True):
                quoted = re.search(r": '(.*)' is hyphenated line", message)
                assert quoted and quoted.group(1).replace(" ", "") == _drawn(lines[k]).replace(" ", ""), message
                assert message.startswith("hyphen ladder: page 3, block 'arts': ")
            ladders += len(past)
    assert ladders >= 3  # the copy does make ladders the breaker has to keep


@pytest.mark.expect_warnings
@pytest.mark.parametrize("grid", [False, True])
def test_a_quoted_line_shows_its_drawn_hyphen(book: FontBook, grid: bool) -> None:
    typo = Typography(char_grid=grid)
    quoted = 0
    for text in COPY:
        for chars in range(8, 20):
            para = set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE)
            for line, said in para.short_lines() + para.loose_lines():
                drawn = _drawn(line.text)
                assert said.replace(" ", "") == drawn.replace(" ", ""), (chars, said, drawn)
                if grid:
                    fmt, args = grid_report(line, SIZE, said, line is para.lines[-1])
                    assert f"'{said}'" in fmt % (1, "b", 1, *args)
                quoted += drawn.endswith("-")
            for line in para.lines:  # the copy a line sets: no drawn hyphen in it
                assert SOFT not in line.copy and line.chars == len(line.copy.replace(" ", ""))
    assert quoted >= (3 if grid else 1)  # (running text is seldom loose beside a hyphenated word)


@pytest.mark.expect_warnings  # (a ladder in a narrow column: reported)
def test_a_line_left_alone_is_quoted_as_drawn(book: FontBook) -> None:
    """An orphan — a paragraph's first line alone at a column's foot — that ends in a drawn
    hyphen is reported (``distribute.stranded``, the 'widow or orphan' warning) with it."""
    from layout.flow.distribute import Unit, stranded
    text = "Archaeologists documented extraordinarily well-preserved administrative correspondence."
    for chars in range(8, 14):
        lines = set_paragraph([(text, TextStyle("song", SIZE))], book, Typography(), chars * SIZE).lines
        if not lines[0].text.endswith(SOFT):
            continue
        units = [Unit([(line, 0.0)], 1, first=k == 0, last=k == len(lines) - 1) for k, line in enumerate(lines)]
        placed = [(0, 0, 1)] + [(k, 1, k - 1) for k in range(1, len(units))]  # line 1 at column 0's foot
        found = stranded(units, placed, (), 2)
        assert found == [_drawn(lines[0].text)] and found[0].endswith("-"), found
        return
    raise AssertionError("no setting starts with a hyphenated line")


@pytest.mark.expect_warnings
def test_a_dateline_paragraph_keeps_the_ladder_limit_or_reports(book: FontBook) -> None:
    """A body paragraph opening with a dateline is set as display copy (``display.set_words``):
    it too breaks up ladders past the house limit, and reports the ones it keeps."""
    from layout.flow import display
    from layout.flow.setting import Setting
    runs = [("本报讯（记者 李明远）", TextStyle("hei", SIZE)), (COPY[0], TextStyle("song", SIZE))]
    past = {}
    for limit in (2, 0):
        past[limit] = 0
        for chars in range(8, 20):
            para = display.set_body(runs, ["dateline", "body"], False, Setting(book, Typography(hyphen_ladder=limit)),
                                    chars * SIZE, 2 * SIZE, "justify")
            ends = [line.text.endswith(SOFT) for line in para.lines[:-1]] + [False]
            assert len(para.ladders) == len(_runs(ends, limit if limit else 10**6))
            past[limit] += sum(max(0, k - 2) for k in _lengths(ends))
    assert past[2] < past[0], past


def _lengths(ends: list[bool]) -> list[int]:
    """The lengths of the runs of ``True`` in ``ends``."""
    out, run = [], 0
    for end in [*ends, False]:
        if end:
            run += 1
        elif run:
            out.append(run)
            run = 0
    return out
