"""The house limit on hyphen ladders (issue 12 review: "no limit on consecutive hyphenated
lines"; ``style.hyphenation.max_consecutive``, ``layout/text/ladder.py``), read from the glyphs:
a line ending in a drawn soft hyphen (U+00AD, a hyphen the breaker added) is hyphenated."""

from __future__ import annotations

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle

SIZE = 9.0
COPY = (  # copy written for this test: long English words, and an English phrase inside Chinese
    "Conservation scientists catalogued approximately four thousand manuscripts, photographing "
    "deteriorating parchment under ultraviolet illumination before transcription commenced.",
    "报告指出，所谓“responsible innovation”强调institutional accountability与environmental sustainability"
    "并重，并建议地方政府建立interdepartmental coordination机制。",
)


def _excess(book: FontBook, text: str, chars: int, typo: Typography) -> tuple[int, int, int]:
    """(hyphenated lines past a run of two, hyphenated lines, loose lines) of ``text`` in a
    ``chars``-em column."""
    para = set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE)
    run = over = total = 0
    for line in para.lines[:-1]:
        hyphen = line.glyphs[-1].ch == "\u00ad"
        run = run + 1 if hyphen else 0
        total += hyphen
        over += run > 2
    return over, total, len(para.loose)


@pytest.mark.expect_warnings  # (a ladder kept is reported: ``test_ladder_report``)
@pytest.mark.parametrize("grid", [False, True])
def test_no_more_than_two_hyphenated_lines_in_a_row(book: FontBook, grid: bool) -> None:
    """In 9- to 20-character columns, in the four punctuation styles (and on the character
    grid): with the default house limit (2), a run of three hyphenated lines is rarer than
    without a limit (running text: at most half as frequent), in no setting more frequent, and
    never bought with a loose line. On the grid an English paragraph is loose or short on most
    lines whatever its breaks, and a ladder is kept rather than one more such line."""
    assert Typography().hyphen_ladder == 2
    styles = ("line_end_half",) if grid else ("line_end_half", "quanjiao", "kaiming", "banjiao")
    limited = unlimited = 0
    for style in styles:
        for text in COPY:
            for chars in range(9, 21):
                over, _, loose = _excess(book, text, chars, Typography(punctuation=style, char_grid=grid))
                free, _, free_loose = _excess(book, text, chars, Typography(punctuation=style, char_grid=grid,
                                                                           hyphen_ladder=0))
                assert over <= free and loose <= free_loose, (style, chars, text[:12])
                limited, unlimited = limited + over, unlimited + free
    assert unlimited > 0 and limited < (unlimited if grid else unlimited // 2 + 1), (limited, unlimited)
