"""A line ending at a compound's own hard hyphen (sound-|proofed) counts in a hyphen ladder like one
ending at an added hyphen (issue 12, review X4: ``sound-`` / ``wheelchair-`` / ``ex-`` stood three in
a row down a 17-character column, unreported): every run of more than the house limit of lines
ending in a hyphen between letters is reported (``SetParagraph.ladders``). Copy written for this
test (placeholders, not news), compounds and long words in English and inside Chinese."""

from __future__ import annotations

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle

SIZE = 9.0
HYPHENS = "-\u00ad\u2010"
COPY = (
    "The renovated gallery has climate-controlled display cases, user-friendly audio guides, "
    "state-of-the-art lighting and a well-stocked shop, while self-guided evening tours remain "
    "extraordinarily popular with out-of-town visitors.",
    "（占位稿）馆方介绍，新展厅采用了climate-controlled展柜与energy-efficient照明，配有"
    "wheelchair-accessible通道和child-friendly互动区，并提供self-service寄存柜。",
)
WIDTHS = range(9, 20)


def _ends_in_hyphen(text: str, after: str) -> bool:
    return len(text) > 1 and text[-1] in HYPHENS and text[-2].isalpha() and after[:1].isalpha()


@pytest.mark.expect_warnings
@pytest.mark.parametrize("style", ["line_end_half", "kaiming"])
@pytest.mark.parametrize("grid", [False, True])
def test_every_run_past_the_limit_is_reported(book: FontBook, style: str, grid: bool) -> None:
    runs_seen = 0
    for text in COPY:
        for chars in WIDTHS:
            typo = Typography(punctuation=style, char_grid=grid, hyphen_ladder=2)
            sp = set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE)
            lines = [line.text for line in sp.lines]
            flags = [_ends_in_hyphen(t, a) for t, a in zip(lines, [*lines[1:], ""])]
            runs, run = [], 0
            for flag in [*flags, False]:
                if flag:
                    run += 1
                    continue
                if run > 2:
                    runs.append(run)
                run = 0
            assert [r for _, r, _ in sp.ladders] == runs, (chars, lines)
            runs_seen += len(runs)
    assert runs_seen >= 1  # the copy makes some ladders the breaker keeps (else the test would not test)


@pytest.mark.parametrize("chars", [9, 10, 11, 12])
@pytest.mark.parametrize("text", [
    "（占位稿）The riverside plan pairs short-stay hostels, slow-cooked street food, hand-woven baskets, "
    "bike-friendly lanes, sun-bleached piers and toll-free ferries for day-trip visitors.",
    "（占位稿）The long-term plan pairs low-cost housing, hand-built timber frames, rain-fed gardens, sun-dried "
    "bricks, wind-powered pumps, well-lit lanes and car-free streets for first-time buyers.",  # (review Z2's)
])
def test_a_run_of_compounds_own_hyphens_is_broken_up(book: FontBook, chars: int, text: str) -> None:
    """Review Z2: a ladder made only of compounds' own hyphens (long-|low-|hand-) was never broken up
    (no break of it was ever forbidden) though a layout without it sets no loose line."""
    typo = Typography(hyphen_ladder=2)
    sp = set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE)
    lines = [line.text for line in sp.lines]
    flags = [_ends_in_hyphen(t, a) for t, a in zip(lines, [*lines[1:], ""])]
    assert not any(all(flags[k:k + 3]) for k in range(len(flags) - 2)), lines
