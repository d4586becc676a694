"""A typed space at a grid line's break is dropped, as in running text (issue #12, review U2).

New copy for this test (placeholder characters, not news): runs of ideographs separated by typed
word spaces (as between two reporters' names), cut so that a space falls exactly where a line of
the column is full, at every width from 9 to 17 cells, and a second kind with a space one cell
before that. Properties on the set glyphs: a line that a typed space follows holds all its cells
(the space costs no cell at the break and does not reappear as a blank cell on the next line);
every glyph on the lattice; a space inside a line keeps a cell of its own.
"""

from __future__ import annotations

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle

SIZE = 9.0
POOL = "春风拂过山岗田野里麦苗青青溪水潺潺流向远方村口老槐树下孩子们追逐嬉戏笑声传得很远很远"


def _copy(chars: int, shift: int) -> tuple[str, list[str]]:
    """Three full lines of ideographs (the first two cells shorter, the indent), a typed space at
    each line's end, ``shift`` cells before it where ``shift`` > 0; and the lines expected."""
    pool = iter(POOL * 3)
    lines = ["".join(next(pool) for _ in range(n)) for n in (chars - 2, chars, chars)]
    if shift:  # a space inside each line, ``shift`` cells before its end: a cell of its own
        lines = [line[: len(line) - shift - 1] + " " + line[len(line) - shift:] for line in lines]
    tail = "".join(next(pool) for _ in range(5))
    return " ".join([*lines, tail]), [line.replace(" ", "") for line in lines] + [tail]


@pytest.mark.parametrize("shift", [0, 2])
@pytest.mark.parametrize("chars", list(range(9, 18)))
def test_a_typed_space_at_a_full_lines_end_takes_no_cell(book: FontBook, chars: int, shift: int) -> None:
    text, expected = _copy(chars, shift)
    typo = Typography(char_grid=True, punctuation="line_end_half")
    lines = set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE).lines
    assert [line.text for line in lines] == expected, (chars, [line.shown for line in lines])
    for k, line in enumerate(lines):
        xs = [g.x / SIZE for g in line.glyphs if g.ch.strip()]
        lead = 2 if k == 0 else 0
        cells = list(range(lead, lead + len(xs) + (shift > 0 and k < 3)))
        if shift and k < 3:  # the typed space inside the line: a blank cell
            del cells[len(cells) - shift - 1]
        assert xs == pytest.approx(cells, abs=0.01), (chars, line.shown, xs)
        if k < 3:
            assert line.justified and line.width == pytest.approx(chars * SIZE, abs=0.01), (chars, line.shown)
