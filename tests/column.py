"""One paragraph set in one column, for the tests that read its lines' glyphs (codes, numbers and
compounds at the line ends of issue 12): its lines, and the white between two ideographs on a line."""

from __future__ import annotations

from itertools import pairwise

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.line import SetLine
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle
from layout.text.script import is_ideograph

SIZE = 9.0  # pt, the body size of every setting here; a column is ``chars`` of it wide
WIDTHS = range(8, 19)  # columns, in characters, narrow to wide
STYLES = ("line_end_half", "quanjiao", "kaiming", "banjiao")  # the four punctuation styles


def set_column(book: FontBook, text: str, chars: int, style: str) -> list[SetLine]:
    """``text`` in 宋体 at ``SIZE`` in a column ``chars`` ems wide, in punctuation style ``style``."""
    return list(set_paragraph([(text, TextStyle("song", SIZE))], book, Typography(punctuation=style),
                              chars * SIZE, 2 * SIZE).lines)


def widest_han_gap(line: SetLine) -> float:
    """The widest white between two ideographs on the line, in em, from the glyphs' positions."""
    glyphs = [g for g in line.glyphs if g.ch != " "]
    return max([(b.x - a.x - SIZE) / SIZE for a, b in pairwise(glyphs)
                if is_ideograph(a.ch) and is_ideograph(b.ch)], default=0.0)
