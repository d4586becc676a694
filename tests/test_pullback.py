"""Pulling lines back (缩行): a paragraph set a line shorter within the house's limits, and an
article that overruns its block by a few lines made to fit that way (``paragraph.set_pulled_back``,
``layout/flow/pullback.py``, ``style.squeeze.pull_back``).

Read from the glyphs: a mark inside a line is squeezed when the glyph after it starts closer than in
the same paragraph set on one unjustified line (its natural advance)."""

from __future__ import annotations

import logging
from itertools import pairwise
from pathlib import Path

import pytest

from layout.frame import TextLine
from layout.issue.load import load_issue
from layout.issue.model import Typography
from layout.page import typeset
from layout.text.font import FontBook
from layout.text.line import SetLine
from layout.text.paragraph import set_paragraph, set_pulled_back
from layout.text.prepare import TextStyle
from layout.text.script import is_ideograph
from tests.onepage import head

SIZE = 9.0
MARKS = "、，；：。？！“”‘’（）《》·"
COPY = (  # copy written for this test: lists, quotes, numbers and Latin among the marks
    "会上，区里通报了三件事：一是老旧小区改造，涉及楼栋86栋、住户2300余户；二是背街小巷整治，"
    "共清理“蜘蛛网”线缆12公里；三是便民服务点建设，新增早餐点、修鞋摊、配钥匙铺等40余处。",
    "“以前下雨，门口就是一片泥塘；现在，路平了、灯亮了，孩子上学也放心了。”家住西坝的老李说，"
    "他最盼的是加装电梯，“腿脚不好，爬六楼太难。”社区回应：今年先试点两栋，明年再推开。",
    "据统计，1至10月，全市接待游客1.2亿人次，同比增长9.6%；旅游收入1580亿元，增长11.3%。"
    "其中，入境游客增幅最大，来自东南亚（泰国、越南、老挝等）的客源占比超过四成。",
)
PLAIN = "人工智能大模型与新型工业化深度融合推动制造业数字化转型取得明显成效一批重点企业" * 3  # no marks at all


def _natural(book: FontBook, text: str, typo: Typography) -> list[float]:
    """The advance of each glyph to the next, set on one unjustified line."""
    glyphs = [g for g in set_paragraph([(text, TextStyle("song", SIZE))], book, typo, 400 * SIZE).lines[0].glyphs
              if g.ch != " "]
    return [b.x - a.x for a, b in pairwise(glyphs)]


def _check(lines: tuple[SetLine, ...], text: str, advance: list[float], measure: float, cap: int) -> None:
    """The properties every pulled-back setting keeps: nothing lost, every glyph inside the measure, at
    most ``cap`` marks squeezed a line, no two ideographs spread past the loose limit, no 孤字 last line."""
    k = 0
    for line in lines:
        glyphs = [g for g in line.glyphs if g.ch != " "]
        assert "".join(g.ch for g in glyphs) == "".join(text.split())[k:k + len(glyphs)]  # nothing lost
        assert all(g.x + (0.5 if g.ch in MARKS else 1.0) * SIZE * g.scale <= measure + 1e-6 or (
            not is_ideograph(g.ch) and g.x + 0.4 * SIZE <= measure) for g in glyphs), line.shown
        squeezed = sum(1 for i, (a, b) in enumerate(pairwise(glyphs)) if i > 0 and a.ch in MARKS
                       and b.x - a.x < advance[k + i] - 0.05 * SIZE)
        assert squeezed <= cap, (line.shown, squeezed)
        assert max([(b.x - a.x - SIZE) / SIZE for a, b in pairwise(glyphs)
                    if is_ideograph(a.ch) and is_ideograph(b.ch)], default=0.0) <= 0.25 + 1e-6, line.shown
        k += len(glyphs)
    assert k == len("".join(text.split()))
    assert sum(is_ideograph(g.ch) or g.ch.isalnum() for g in lines[-1].glyphs) >= 2, lines[-1].shown


@pytest.mark.parametrize("cap", [1, 2])
def test_a_paragraph_pulled_back_is_a_line_shorter_within_the_house_limits(book: FontBook, cap: int) -> None:
    """In 8- to 24-character columns, each pulled-back setting has fewer lines than the plain one and
    keeps the house's limits (``_check``); it is found where the plain setting's last line is short and
    its lines have marks to squeeze (some widths of each text), and a lower cap finds it less often."""
    found: dict[int, int] = {}
    for c in (1, 2):
        typo = Typography(squeeze_marks=c)
        for text in COPY:
            advance = _natural(book, text, typo)
            for chars in range(8, 25):
                runs, measure = [(text, TextStyle("song", SIZE))], chars * SIZE
                plain = set_paragraph(runs, book, typo, measure, 2 * SIZE)
                pulled = set_pulled_back(runs, book, typo, measure, 2 * SIZE)
                if pulled is None:
                    continue
                found[c] = found.get(c, 0) + 1
                assert len(pulled.lines) < len(plain.lines)
                if c == cap:
                    _check(pulled.lines, text, advance, measure, c)
    assert found.get(2, 0) >= 6 and found.get(1, 0) < found[2], found


def test_copy_with_nothing_to_squeeze_is_not_pulled_back(book: FontBook) -> None:
    """Ideographs with no mark, space or Latin between them cannot tighten: no width pulls them back."""
    typo = Typography()
    assert all(set_pulled_back([(PLAIN, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE) is None
               for chars in range(8, 25))


def _issue(tmp_path: Path, lines: int, pull_back: bool) -> Path:
    """One article of ``COPY`` in a column ``lines`` deep, 10 characters wide (two of its paragraphs end in
    a short line there), under a house style that
    pulls back or not."""
    style = "" if pull_back else "style: {squeeze: {pull_back: false}}\n"
    path = tmp_path / f"pull-{lines}-{pull_back}.yaml"
    body = ", ".join(f'"{text}"' for text in COPY)
    block = f"      - type: article\n        id: a\n        at: {{column: 1, span: 1, line: 10, lines: {lines}}}\n"
    path.write_text(style + head("broadsheet", "columns: 8, chars: 10, body_size: 9pt, leading: 13.5pt") + block +
                    f"        body: [{body}]\n", encoding="utf-8")
    return path


def _body(book: FontBook, path: Path):  # type: ignore[no-untyped-def]
    doc, report = typeset(load_issue(path), book)
    lines = [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == "a" and i.kind == "body"]
    return lines, next(b for b in report.blocks if b.block == "a")


def _chars(lines: list[TextLine]) -> str:
    """The characters of ``lines`` in order, spaces left out."""
    return "".join(g.ch for line in lines for g in line.glyphs if g.ch != " ")


def _placed(lines: list[TextLine]) -> list[tuple[float, float, list[tuple[str, float]]]]:
    """Where each line and each of its glyphs is drawn."""
    return [(line.x, line.baseline, [(g.ch, g.x) for g in line.glyphs]) for line in lines]


@pytest.mark.expect_warnings
def test_an_article_a_line_over_is_pulled_back_to_fit(tmp_path: Path, book: FontBook,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    """The article in the depth its copy needs, less one and less two lines: with ``pull_back`` off it is
    overset by those lines; with it on, where any of its paragraphs can lose a line, it fits, every
    character set in order, its lines on the block's baselines, and it says so; the depth it needs
    anyway is set the same either way."""
    full, report = _body(book, _issue(tmp_path, 60, False))
    need = len(full)
    text = "".join("".join(t.split()) for t in COPY)
    assert report.overset_lines == 0 and _chars(full) == text
    assert _placed(_body(book, _issue(tmp_path, need, True))[0]) == _placed(_body(book, _issue(tmp_path, need,
                                                                                             False))[0])
    for short in (1, 2):
        _, off = _body(book, _issue(tmp_path, need - short, False))
        assert off.overset_lines == short
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="banmian"):
            lines, on = _body(book, _issue(tmp_path, need - short, True))
        assert on.overset_lines == 0, short
        assert _chars(lines) == text
        assert len(lines) == need - short and lines[-1].baseline == max(line.baseline for line in lines)
        assert any("pulled back: page 1, block 'a'" in r.getMessage() for r in caplog.records)


@pytest.mark.expect_warnings
def test_an_article_that_cannot_fit_keeps_its_plain_setting(tmp_path: Path, book: FontBook) -> None:
    """Ten lines short, more than its paragraphs can give: the article is set as with ``pull_back`` off,
    line for line, and overset by as much."""
    need = len(_body(book, _issue(tmp_path, 60, False))[0])
    off_lines, off = _body(book, _issue(tmp_path, need - 10, False))
    on_lines, on = _body(book, _issue(tmp_path, need - 10, True))
    assert on.overset_lines == off.overset_lines == 10
    assert _placed(on_lines) == _placed(off_lines)
