"""The L-shaped story (拐弯, an article's ``corner``): its head across the whole width, its body
columns that meet the corner ending above it, the others running to its foot; another story in
the corner with its headline beside the L's body; the rules between them as between touching
blocks; bad corners named with file, line and key. Copy from the customer's page (tests/data)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from layout.errors import IssueError
from layout.frame import Rule, TextLine
from layout.issue.load import load_issue
from layout.page import typeset
from layout.text.font import FontBook
from tests.onepage import head

SEED = Path(__file__).parent / "data" / "seed-page.txt"
PITCH = 15.0


def _paragraphs() -> list[str]:
    """The seed page's body paragraphs whose brackets and quotes close within them."""
    out = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        pairs = (("《", "》"), ("“", "”"), ("(", ")"), ("（", "）"))
        if len(text) > 60 and not text.startswith("#") and all(text.count(a) == text.count(b) for a, b in pairs):
            out.append(text)
    return out


def _issue(side: str, a_copy: list[str], b_copy: list[str], extra: str = "", b_at: str = "",
           corner: str = "") -> str:
    """A 6-column page: article ``a`` (6 × 40 lines) turning a corner 4 columns × 24 lines on
    ``side``, article ``b`` in that corner."""
    column = 3 if side == "right" else 1
    where = b_at or f"{{column: {column}, span: 4, line: 17, lines: 24}}"

    def body(copy: list[str]) -> str:
        return "\n".join("          - " + json.dumps(p, ensure_ascii=False) for p in copy)

    return head() + f"""      - type: article
        id: a
        at: {{column: 1, span: 6, line: 1, lines: 40}}
        headline: 新能源产业集群蓄势崛起
        corner: {corner or f"{{side: {side}, span: 4, lines: 24}}"}{extra}
        body:
{body(a_copy)}
      - type: article
        id: b
        at: {where}
        headline: 招商引资组合拳
        body:
{body(b_copy)}
"""


def _render(tmp_path: Path, book: FontBook, text: str) -> Any:
    path = tmp_path / "l.yaml"
    path.write_text(text, encoding="utf-8")
    return typeset(load_issue(path), book)


def _lines(doc: Any, block: str, kind: str = "body") -> list[TextLine]:
    return [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == block and i.kind == kind]


def _corner_box(doc: Any) -> tuple[float, float, float, float]:
    region = next(r for r in doc.pages[0].regions if r.block == "b")
    return region.x, region.y, region.x + region.w, region.y + region.h


@pytest.mark.parametrize("side", ["right", "left"])
def test_the_body_turns_the_corner_and_no_text_stands_in_it(tmp_path: Path, book: FontBook, side: str) -> None:
    paras = _paragraphs()
    doc, report = _render(tmp_path, book, _issue(side, paras[:8], paras[8:13]))
    x0, y0, x1, _ = _corner_box(doc)
    a_lines = _lines(doc, "a")
    for line in a_lines:  # no line of a's body on b (its em box above the corner's top, or beside it)
        right = line.x + line.glyphs[-1].x + line.glyphs[-1].size
        assert right <= x0 or line.x >= x1 or line.baseline + 2.0 <= y0, (line.text, line.x, line.baseline)
    columns = sorted({round(line.x, 1) for line in a_lines})
    assert len(columns) == 6  # the head across six columns, the body in all six
    over = [x for x in columns if x0 <= x < x1]
    beside = [x for x in columns if not x0 <= x < x1]
    assert len(over) == 4 and len(beside) == 2
    deepest = {x: max(line.baseline for line in a_lines if round(line.x, 1) == x) for x in columns}
    for x in over[:-1] if side == "right" else over:  # filled to the line above the corner (not the story's end)
        assert y0 - 2 * PITCH < deepest[x] <= y0, (x, deepest[x], y0)  # (one line short at most)
    for x in beside:  # the others run on beside the corner, nearly to the foot
        assert deepest[x] > y0 + 10 * PITCH
    first = min(a_lines, key=lambda line: line.baseline)
    reading = sorted(a_lines, key=lambda line: (round(line.x, 1), line.baseline))
    assert round(reading[0].x, 1) == min(columns) and reading[0].baseline == first.baseline  # starts top left
    (fit_a,) = [f for f in report.copy_fit() if f["block"] == "a"]
    assert fit_a["overset_lines"] == 0
    head = int((first.baseline - doc.pages[0].grid.top) // PITCH)  # lines the head group takes
    assert fit_a["lines_available"] == 6 * (16 - head) + 2 * 24  # the L's lines only
    heads_b = _lines(doc, "b", "head")
    heads_a = _lines(doc, "a", "head")
    assert heads_b and min(h.baseline for h in heads_b) > y0  # b's headline in the corner, under a's
    assert max(h.baseline for h in heads_a) < min(line.baseline for line in a_lines)
    beside_b = [line for line in a_lines if not x0 <= line.x < x1
                and y0 <= line.baseline <= max(h.baseline for h in heads_b) + PITCH]
    assert beside_b  # b's headline stands beside a's body, not beside a headline


def test_the_corner_is_ruled_off_as_touching_blocks(tmp_path: Path, book: FontBook) -> None:
    paras = _paragraphs()
    doc, _ = _render(tmp_path, book, _issue("right", paras[:8], paras[8:13]))
    x0, y0, x1, y1 = _corner_box(doc)
    rules = [i for i in doc.pages[0].items if isinstance(i, Rule)]
    across = [r for r in rules if r.y0 == r.y1 == pytest.approx(y0)]
    assert across and min(r.x0 for r in across) == pytest.approx(x0) and max(r.x1 for r in across) == \
        pytest.approx(x1)  # over the corner only: none over a's own columns at that line
    down = [r for r in rules if r.x0 == r.x1 and r.x0 < x0 and x0 - r.x0 < 10 and r.y0 < y1 and r.y1 > y0]
    assert down and min(r.y0 for r in down) >= y0 and max(r.y1 for r in down) <= y1  # beside the corner only
    top = doc.pages[0].grid.top  # (the running head's rule is above it)
    assert not [r for r in rules if r.y0 == r.y1 and top <= r.y0 < y0]  # none across a's head or body


def test_a_page_without_a_corner_is_ruled_as_before(tmp_path: Path, book: FontBook) -> None:
    paras = _paragraphs()
    text = _issue("right", paras[:4], paras[8:13]).replace(
        "        corner: {side: right, span: 4, lines: 24}", "").replace("lines: 40}", "lines: 16}")
    doc, _ = _render(tmp_path, book, text)
    x0, y0, x1, _ = _corner_box(doc)
    rules = [i for i in doc.pages[0].items if isinstance(i, Rule)]
    assert [(r.x0, r.x1) for r in rules if r.y0 == r.y1 == pytest.approx(y0)] == [(pytest.approx(x0),
                                                                                 pytest.approx(x1))]


@pytest.mark.parametrize(("corner", "key", "words"), [
    ("{side: right, span: 6, lines: 24}", "corner.span", "leaves the article at least one column"),
    ("{side: top, span: 4, lines: 24}", "corner.side", "not one of left, right"),
    ("{side: left, span: 4, lines: 40}", "corner.lines", "at least its head"),
    ("{side: left, span: 4}", "corner", "missing required key 'lines'"),
])
def test_a_corner_that_leaves_no_l_is_refused(tmp_path: Path, corner: str, key: str, words: str) -> None:
    paras = _paragraphs()
    path = tmp_path / "bad.yaml"
    path.write_text(_issue("right", paras[:4], paras[4:6], corner=corner), encoding="utf-8")
    with pytest.raises(IssueError) as info:
        load_issue(path)
    said = str(info.value)
    assert f"bad.yaml:12 pages[0].blocks[0].{key}" in said and words in said


def test_a_boxed_article_cannot_turn_a_corner(tmp_path: Path) -> None:
    paras = _paragraphs()
    path = tmp_path / "bad.yaml"
    path.write_text(_issue("right", paras[:4], paras[4:6], extra="\n        box: true"), encoding="utf-8")
    with pytest.raises(IssueError) as info:
        load_issue(path)
    assert "pages[0].blocks[0].corner" in str(info.value) and "box" in str(info.value)


def test_a_block_reaching_out_of_the_corner_is_named_with_the_corner(tmp_path: Path) -> None:
    paras = _paragraphs()
    path = tmp_path / "bad.yaml"
    path.write_text(_issue("right", paras[:4], paras[4:6], b_at="{column: 3, span: 4, line: 16, lines: 25}"),
                    encoding="utf-8")
    with pytest.raises(IssueError) as info:
        load_issue(path)
    said = str(info.value)
    assert "pages[0].blocks[1].at" in said and "columns 3-6, lines 17-40" in said


@pytest.mark.parametrize("side", ["right", "left"])
def test_column_rules_stop_where_the_rule_beside_the_corner_begins(tmp_path: Path, book: FontBook,
                                                                   side: str) -> None:
    paras = _paragraphs()
    doc, _ = _render(tmp_path, book, _issue(side, paras[:8], paras[8:13], extra="\n        column_rules: true"))
    x0, y0, x1, y1 = _corner_box(doc)
    gutter = x0 if side == "right" else x1  # the gutter between the L's long columns and the corner
    down = sorted((r.y0, r.y1) for r in doc.pages[0].items if isinstance(r, Rule) and r.x0 == r.x1
                  and abs(r.x0 - gutter) < 10)
    assert len(down) == 2, down  # a 栏线 beside the L's text above the corner, the rule between blocks beside it
    (_, a1), (b0, b1) = down
    assert a1 <= y0 <= b0 and b1 <= y1 + 0.01  # one above the other, never both
    inner = [r for r in doc.pages[0].items if isinstance(r, Rule) and r.x0 == r.x1 and x0 + 10 < r.x0 < x1 - 10]
    assert inner and all(r.y1 <= y0 for r in inner)  # 栏线 over the corner's columns end above it


@pytest.mark.expect_warnings
def test_a_corner_no_block_reaches_into_is_named(tmp_path: Path, book: FontBook,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    """An L whose corner holds nothing (its story's ``at`` slipped below it) leaves blank paper
    the article's copy-fit does not count: the render names it; with the story in it, it does not."""
    paras = _paragraphs()
    _render(tmp_path, book, _issue("right", paras[:8], paras[8:10], b_at="{column: 1, span: 6, line: 41, lines: 12}"))
    said = [r.getMessage() for r in caplog.records if "empty corner" in r.getMessage()]
    assert said == ["empty corner: page 1, block 'a': its corner (columns 3-6, lines 17-40) holds no block: "
                    "blank paper on the page"], said
    caplog.clear()
    _render(tmp_path, book, _issue("right", paras[:8], paras[8:13]))
    assert not [r for r in caplog.records if "empty corner" in r.getMessage()]


@pytest.mark.expect_warnings
def test_white_above_a_short_ells_corner_is_named_as_the_corners(tmp_path: Path, book: FontBook,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    """A short L leaves white over its corner's columns: the render names the corner, not a wrapped
    block the page does not have (review W F5)."""
    paras = _paragraphs()
    _render(tmp_path, book, _issue("right", paras[:3], paras[3:4]))
    holes = [r.getMessage() for r in caplog.records if "hole in a column" in r.getMessage()]
    assert holes and all("above its corner" in h and "wrapped block" not in h for h in holes), holes
