"""char_grid measured on ink (issue 12, item 5; review T, F2 and F4): the white a reader sees
between two glyphs of a line is taken from the font's own outlines (the glyf bounding box of
each glyph drawn, read with fontTools: not the layout's model of a mark as ink plus a ½-em
blank).

Properties, on copy written for these tests (placeholders, not news), at 9, 11, 13 and 17
characters:

- two opening marks together (“‘ “《 《〈) are not separated: their inks no further apart than
  running text (``quanjiao``) sets the same two;
- a closing or pause mark before an opening one on the same line (：“ 。“ ”（) leaves less
  white between their inks than a cell;
- no white of a cell or more between two glyphs of a line;
- every ideograph on the cell grid or, between two marks of its line set ½ em, exactly ½ em off.
"""

from __future__ import annotations

import io
from itertools import pairwise

import pytest
from fontTools.ttLib import TTFont

from layout.frame import Glyph
from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.grid_justify import OffGridLine
from layout.text.line import SetLine
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle
from layout.text.script import is_ideograph

SIZE = 9.0
GRID = Typography(char_grid=True)
OPENING = "（【《「『“‘〈"
CLOSING = "，。、；：？！）】》」』”’〉"
DIALOGUE = [
    "他问：“真的吗？！”她答：“《红楼梦》。”（原文如此。）大家笑了。“‘好’字怎么写？”“《〈论语〉注》”是书名。",
    "【注】“——”和“……”都算标点；他说：“走吧……”于是——“再见！”",
    "馆长介绍：“‘城南旧事’展览下周开幕。”又说：“《〈茶经〉校注》也会展出。”观众问：“几点开门？”",
    "老师说：“‘学而时习之’是《论语》的第一句。”学生们点头，（有人记笔记）“《〈诗经〉选读》明天讲。”",
]
_FONTS: dict[str, TTFont] = {}


def ink(book: FontBook, g: Glyph) -> tuple[float, float]:
    """The glyph's ink, left and right (pt), from its outline's bounding box in the font file;
    a glyph without outline (a space): its box."""
    face = book.face(g.face)
    assert face is not None
    font = _FONTS.get(str(face.path)) or _FONTS.setdefault(str(face.path), TTFont(io.BytesIO(face.path.read_bytes())))
    glyph = font["glyf"][font.getGlyphOrder()[g.gid]]
    if getattr(glyph, "numberOfContours", 0) == 0 or not hasattr(glyph, "xMin"):
        return g.x, g.x + face.advance_em(g.ch) * g.size * g.scale
    unit = g.size * g.scale / font["head"].unitsPerEm
    return g.x + glyph.xMin * unit, g.x + glyph.xMax * unit


def on_grid_or_balanced(line: SetLine, size: float) -> bool:
    """Every ideograph of ``line`` on a whole cell, or exactly ½ em off it with a full-width
    mark before it and one after it on the line (the two marks set ½ em each). A line the grid
    could not fill, justified off it (``OffGridLine``), is checked by ``test_grid_justify``."""
    if isinstance(line, OffGridLine):
        return True
    marks = [g.x for g in line.glyphs if g.ch in OPENING + CLOSING]
    for g in line.glyphs:
        off = g.x / size % 1.0
        if not is_ideograph(g.ch) or min(off, 1.0 - off) < 1e-6:
            continue
        if abs(off - 0.5) > 1e-6 or not (any(m < g.x for m in marks) and any(m > g.x for m in marks)):
            return False
    return True


def _running(book: FontBook, pair: str) -> float:
    """The white between the inks of two marks set in running text (``quanjiao``, off the grid)."""
    typo = Typography(punctuation="quanjiao")
    glyphs = _drawn(set_paragraph([(f"字{pair}字", TextStyle("song", SIZE))], book, typo, 20 * SIZE).lines[0])
    return ink(book, glyphs[2])[0] - ink(book, glyphs[1])[1]


def _lines(book: FontBook, text: str, chars: int) -> list[SetLine]:
    return list(set_paragraph([(text, TextStyle("song", SIZE))], book, GRID, chars * SIZE, 2 * SIZE).lines)


def _drawn(line: SetLine) -> list[Glyph]:
    return [g for g in line.glyphs if g.ch != " "]


@pytest.mark.parametrize("chars", [9, 11, 13, 17])
def test_marks_together_on_ink(book: FontBook, chars: int) -> None:
    nested = closing_open = 0
    for text in DIALOGUE:
        lines = _lines(book, text, chars)
        assert "".join(line.text for line in lines) == text
        for line in lines:
            glyphs = _drawn(line)
            for a, b in pairwise(glyphs):
                white = ink(book, b)[0] - ink(book, a)[1]
                assert white < SIZE, (line.text, a.ch + b.ch, white / SIZE)
                if a.ch in OPENING and b.ch in OPENING:  # as close as running text sets them
                    assert white <= _running(book, a.ch + b.ch) + 0.02 * SIZE, (line.text, a.ch + b.ch, white / SIZE)
                    nested += 1
                if a.ch in CLOSING and b.ch in OPENING:
                    closing_open += 1
            assert on_grid_or_balanced(line, SIZE), line.text
    assert nested >= 4 and closing_open >= 4  # the copy has such pairs on one line


def test_nested_opening_marks_share_a_cell(book: FontBook) -> None:
    """“‘ at 13 characters: each ink in one half of one cell, the ideograph after them on the grid."""
    line = _lines(book, "大家笑了。“‘好’字怎么写？”“《〈论语〉注》”是书名。", 13)[0]
    glyphs = _drawn(line)
    k = [g.ch for g in glyphs].index("‘")
    first, second, after = glyphs[k - 1], glyphs[k], glyphs[k + 1]
    assert first.ch == "“" and after.ch == "好"
    assert ink(book, first)[0] >= after.x - SIZE - 1e-6 and ink(book, second)[1] <= after.x + 1e-6
    assert after.x / SIZE == pytest.approx(round(after.x / SIZE))


def test_a_last_line_is_never_one_ideograph_with_its_marks(book: FontBook) -> None:
    """A paragraph's last line of one ideograph and its marks (吗？…… 吗？”) reads as a 孤字 as
    much as a lone ideograph does (a glyph-level checker counted 吗？…… as an orphan line): avoided at every
    width from 8 to 20 characters in these paragraphs."""
    texts = ["他说：“我12岁开始学琴，到今年整整30年了。”“真的吗？”“真的！”（笑）“‘慢慢来’是老师常说的话。”"
             "【编者按】「引号」『双引号』〔注〕——这也算数吗？……",
             "会议结束后，几位负责人又留下来，把方案的每一个细节都仔细地过了一遍，大家都问：“真的吗？”"]
    for text in texts:
        for chars in range(8, 21):
            last = _lines(book, text, chars)[-1]
            assert sum(map(is_ideograph, last.text)) >= 2, (chars, last.text)
