"""A character-grid line the grid cannot fill is justified off the grid and reported.

Copy: paragraphs of the seed story (its ASCII , ; ( ) as the full-width marks the copy desk
sets), and placeholder paragraphs with an e-mail address, a URL and numbers (not news).
Properties on the set glyphs with the fonts' own advances and outlines, at 9 to 17 cells:
every line but a paragraph's last ends flush with the column's edge; a line on the grid
has every ideograph on a whole cell (or ½ em off between two marks set ½ em each);
a line that left the grid is an ``OffGridLine`` in ``SetParagraph.short`` and the line after
it is on the grid again; no white between two inks passes one cell; nothing is lost and
nothing passes the column's edge; a line opened past the loose limit is a loose line.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.grid_justify import HalfLine, OffGridLine
from layout.text.line import SetLine
from layout.text.paragraph import SetParagraph, set_paragraph
from layout.text.prepare import TextStyle
from tests.test_grid_ink import ink, on_grid_or_balanced

SIZE = 9.0
SEED = [
    "近日，全球动力电池行业领军企业宁德时代与云南省昆明市签署深度合作协议，宣布在云南滇中新区投资建设锂电池"
    "绿色智造基地。该项目计划于2026年一季度正式开工建设，标志着昆明在抢占新能源产业制高点、构建面向南亚东南亚"
    "辐射中心现代产业体系的战略布局上，取得了突破性进展。",
    "此次合作是一次立足长远、谋划全局的“双向奔赴”与战略耦合。根据协议，双方将围绕新能源电池、绿色能源、绿色"
    "交通、低空经济四大核心领域，开展从技术研发、智能制造到应用场景、市场开拓的全方位、全生态链深度合作。",
    "吸引宁德时代这样的世界级行业巨头落户绝非偶然，其背后是昆明市近年来坚持产业强市战略，以系统性思维和创新性"
    "举措，精心打出的招商引资“组合拳”。这套“组合拳”从顶层设计、机制创新、政策供给到环境优化，形成了环环相扣、"
    "高效协同的工作闭环，成功构筑了吸引高端要素集聚的“强磁场”。",
    "近年来，昆明市瞄准新能源赛道，前瞻性提出了资源、材料、电芯、电池、应用、梯次综合利用的全产业链发展思路，"
    "并持之以恒加以推进。在宁德时代落地之前，昆明市已在产业链上游关键材料环节取得了世界级的突破；全球单体规模"
    "最大、技术最先进的锂电池负极材料工厂已建成投产。",
]
PLACEHOLDER = [
    "读者如有意见或建议，可来信至占位邮箱reader.letters@example-placeholder.cn，编辑部将在五个工作日内答复。",
    "活动报名入口为https://www.example-placeholder.org/apply/2026，截止日期为三月十五日，名额共120个。",
    "项目总投资约45.6亿元，一期工程年产能为12GWh，预计带动就业3000人以上（占位数字，非新闻）。",
]
WIDTHS = [9, 11, 13, 17]
TYPO = Typography(char_grid=True)
MARKS = "，、。；：？！”’）》"


def _para(book: FontBook, text: str, chars: int) -> SetParagraph:
    return set_paragraph([(text, TextStyle("song", SIZE))], book, TYPO, chars * SIZE, 2 * SIZE)


def _drawn(line: SetLine) -> list:
    return [g for g in line.glyphs if g.ch != " "]


def _box_end(book: FontBook, line: SetLine) -> float:
    """Where the line's last glyph's box ends (pt)."""
    last = _drawn(line)[-1]
    ch = "-" if last.ch == "\u00ad" else last.ch
    face = book.face(last.face)
    assert face is not None
    return last.x + face.advance_em(ch) * last.size * last.scale


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", WIDTHS)
def test_every_line_but_the_last_is_flush_and_off_grid_lines_are_reported(book: FontBook, chars: int) -> None:
    off = 0
    for text in SEED + PLACEHOLDER:
        para = _para(book, text, chars)
        lines = para.lines
        assert "".join(line.copy.replace(" ", "").replace("\u00ad", "") for line in lines) == text.replace(" ", "")
        for k, line in enumerate(lines):
            end, last = _box_end(book, line), _drawn(line)[-1]
            assert all(ink(book, g)[1] <= chars * SIZE + 1e-6 for g in _drawn(line)), line.shown
            left_short = line in para.short and not line.justified  # reported short: a URL's letters stay tight
            if k < len(lines) - 1 and not left_short:  # flush right, on the grid or off it: the last glyph's box
                # at the edge (a mark at the line's end: its ink in the last cell)
                assert line.width == pytest.approx(chars * SIZE, abs=0.01), (line.shown, line.width / SIZE)
                if last.ch in MARKS:
                    assert ink(book, last)[1] > (chars - 1) * SIZE, line.shown  # in the last cell
                else:
                    assert end == pytest.approx(chars * SIZE, abs=0.01), (line.shown, (chars * SIZE - end) / SIZE)
            if isinstance(line, OffGridLine):
                off += 1
                assert line in para.short and k < len(lines) - 1 and line.off_em > 0.0
                assert (line in para.loose) == (line.spread_em > TYPO.loose_limit_em + 1e-9)
            else:
                assert on_grid_or_balanced(line, SIZE), line.shown  # the line after one off the grid too
            for a, b in pairwise(_drawn(line)):  # no white of more than a cell
                assert ink(book, b)[0] - ink(book, a)[1] <= SIZE + 1e-6, (line.shown, a.ch + b.ch)
        assert all(isinstance(line, (OffGridLine, HalfLine)) or not line.justified for line in para.short)
    assert off >= 1  # the copy has lines the grid cannot fill at this width


@pytest.mark.parametrize("chars", WIDTHS)
def test_the_gaps_open_evenly_and_a_mark_stays_against_its_text(book: FontBook, chars: int) -> None:
    """On a line off the grid, the gaps between ideographs open alike (the cells' origins
    step by one and the same width) and a closing or pause mark keeps its place after its
    ideograph (its cell's offset as on the grid)."""
    for text in SEED:
        for line in (line for line in _para(book, text, chars).lines if isinstance(line, OffGridLine)):
            glyphs = _drawn(line)
            steps = [b.x - a.x for a, b in pairwise(glyphs) if _ideo(a.ch) and _ideo(b.ch)]
            assert steps and max(steps) - min(steps) < 1e-6, line.shown
            assert SIZE < steps[0] <= SIZE * 1.75 + 1e-6
            for a, b in pairwise(glyphs):
                if _ideo(a.ch) and b.ch in "，、。；：”":
                    assert b.x - a.x < SIZE + 1e-6, (line.shown, a.ch + b.ch)  # never parted from its text


def _ideo(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


ISSUE = """banmian: 1
issue: {{paper: 测试报, date: '2026-01-20'}}
typography: {{char_grid: {grid}}}
pages:
- number: 1
  paper: broadsheet
  grid: {{columns: 6, chars: {chars}, gutter: 2, body_size: 9pt, leading: 13.5pt}}
  blocks:
  - type: article
    id: grid
    at: {{column: 1, span: 1, line: 1, lines: 60}}
    headline: 占位
    body:
    - "{text}"
"""


def test_the_render_warns_each_line_off_the_grid(book: FontBook, capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    text, chars = next((t, c) for c in WIDTHS for t in SEED if any(isinstance(line, OffGridLine)
                                                                    for line in _para(book, t, c).lines))
    para = _para(book, text, chars)
    issue = tmp_path / "grid.yaml"
    issue.write_text(ISSUE.format(grid="true", chars=chars, text=text), encoding="utf-8")
    from layout.cli import main
    assert main(["render", str(issue), "-o", str(tmp_path / "grid.pdf"), "--quiet"]) == 0
    warned = [w for w in capsys.readouterr().err.splitlines() if "grid line off the grid:" in w]
    off = [line for line in para.lines if isinstance(line, OffGridLine)]
    assert len(warned) == len(off) and all(line.shown in w and "'grid'" in w for line, w in zip(off, warned))
