"""Nothing is lost: random articles on random grids; every character is set, in order, or reported overset.

The CI run is bounded; set BANMIAN_LONG=5000 to run thousands of cases once.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from layout.errors import IssueError
from layout.frame import Document, TextLine, VerticalLine
from layout.issue.load import load_issue
from layout.issue.model import ArticleBlock, Issue, Paragraph
from layout.page import typeset
from layout.report import BlockReport
from layout.text.clean import clean_issue
from layout.text.font import FontBook
from tests.onepage import head
from tests.test_properties import TEXT

EXAMPLES = int(os.environ.get("BANMIAN_LONG", "40"))
ARTICLE = st.fixed_dictionaries({
    "chars": st.integers(min_value=5, max_value=20),
    "span": st.integers(min_value=1, max_value=4),
    "lines": st.integers(min_value=3, max_value=40),
    "body": st.lists(TEXT, min_size=1, max_size=4),
})


@pytest.mark.expect_warnings  # random copy is overset and has unbalanced quotes: reported, as it should be
@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(article=ARTICLE)
def test_every_character_is_set_or_overset(tmp_path_factory, box_book: FontBook,  # type: ignore[no-untyped-def]
                                           article: dict) -> None:
    at = f"{{column: 1, span: {article['span']}, line: 1, lines: {article['lines']}}}"
    issue = _load(tmp_path_factory.mktemp("lost"), article["chars"], f"""      - type: article
        id: a
        at: {at}
        body: {json.dumps(article["body"], ensure_ascii=False)}
""")
    _, block, set_text, wanted = _lay_out(issue, box_book)
    assert set_text + _bare(block.overset_text) == wanted
    assert block.overset_chars == len(_bare(block.overset_text))


def _bare(overset: str) -> str:
    """An overset report's text without the word spaces and paragraph breaks it keeps (``copy_of``)."""
    return overset.replace(" ", "").replace("\n", "")


def _load(folder: Path, chars: int, blocks: str) -> Issue:
    """A one-page issue with ``blocks`` on a 4-column grid of ``chars`` characters, loaded and cleaned."""
    path = folder / "i.yaml"
    grid = f"columns: 4, chars: {chars}, body_size: 10pt, leading: 15pt"
    path.write_text(head("{width: 500mm, height: 700mm}", grid) + blocks, encoding="utf-8")
    return clean_issue(load_issue(path))[0]


def _lay_out(issue: Issue, book: FontBook) -> tuple[Document, BlockReport, str, str]:
    """The page, article ``a``'s report, its body text as set and as written (spaces dropped)."""
    doc, report = typeset(issue, book)
    block = next(b for b in report.blocks if b.block == "a")
    body = [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == "a" and i.kind == "body"]
    article = next(b for b in issue.pages[0].blocks if b.id == "a")
    assert isinstance(article, ArticleBlock)
    wanted = "".join(run.text for p in article.body if isinstance(p, Paragraph) for run in p.runs)
    return doc, block, "".join(line.text for line in body).replace(" ", ""), wanted.replace(" ", "")


MAKEUP = st.fixed_dictionaries({
    "chars": st.integers(min_value=6, max_value=16),
    "span": st.integers(min_value=1, max_value=4),
    "lines": st.integers(min_value=4, max_value=40),
    "body": st.lists(TEXT, min_size=1, max_size=4),
    "columns": st.one_of(st.none(), st.integers(min_value=1, max_value=5)),
    "head": st.sampled_from(["none", "horizontal", "right", "left"]),
    "align": st.sampled_from(["left", "center", "right"]),
    "photo": st.one_of(st.none(), st.tuples(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1), st.floats(0, 1))),
})


@pytest.mark.expect_warnings  # random copy is overset and has unbalanced quotes: reported, as it should be
@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(article=MAKEUP)
def test_make_up_loses_nothing_and_keeps_text_off_photos(tmp_path_factory, box_book: FontBook,  # type: ignore[no-untyped-def]
                                                         article: dict) -> None:
    """破栏, horizontal and vertical heads and a wrapped photo, in any combination."""
    span, lines = article["span"], article["lines"]
    extra = ""
    if article["columns"]:
        extra += f"        columns: {article['columns']}\n"
    if article["head"] != "none":
        extra += f"        headline: {{text: 标题中文字, align: {article['align']}}}\n"
    if article["head"] in ("right", "left"):
        extra += f"        head_vertical: {article['head']}\n"
    photo = wrapped_photo(article["photo"], span, lines, "中文")
    try:
        issue = _load(tmp_path_factory.mktemp("makeup"), article["chars"], f"""      - type: article
        id: a
        at: {{column: 1, span: {span}, line: 1, lines: {lines}}}
{extra}        body: {json.dumps(article["body"], ensure_ascii=False)}
{photo}""")
    except IssueError as exc:  # too many broken columns for the span: refused by the loader, as it should be
        assert exc.path == "pages[0].blocks[0].columns", exc
        assume(False)
    doc, block, set_text, wanted = _lay_out(issue, box_book)
    body_overset = _bare(block.overset_text)
    assert set_text + body_overset[len(body_overset) - (len(wanted) - len(set_text)):] == wanted
    if photo:
        region = next(r for r in doc.pages[0].regions if r.block == "p")
        for box in _ink_boxes(doc.pages[0], "a"):
            beside = box[2] <= region.x + 0.01 or box[0] >= region.x + region.w - 0.01
            clear = box[3] <= region.y + 0.01 or box[1] >= region.y + region.h - 0.01
            assert beside or clear, (box, region)


def _ink_boxes(page, block: str) -> list[tuple[float, float, float, float]]:  # type: ignore[no-untyped-def]
    """(x0, y0, x1, y1) em boxes of a block's text lines and vertical head columns."""
    boxes = []
    for item in page.items:
        if isinstance(item, TextLine) and item.block == block and item.glyphs:
            size = max(g.size for g in item.glyphs)
            right = item.x + max(g.x + g.size * g.scale for g in item.glyphs)
            boxes.append((item.x + item.glyphs[0].x, item.baseline - 0.88 * size, right, item.baseline + 0.12 * size))
        elif isinstance(item, VerticalLine) and item.block == block and item.glyphs:
            bottom = item.top + max(g.y + (g.size if g.rotated else 0.12 * g.size) for g in item.glyphs)
            boxes.append((item.x, item.top, item.x + item.width, bottom))
    return boxes


def wrapped_photo(place: tuple[float, float, float, float] | None, span: int, lines: int, label: str) -> str:
    """The YAML of a wrapped photo inside an article of ``span`` columns and ``lines`` lines,
    from four fractions (column, span, line, height) drawn by a strategy; "" for None."""
    if not place:
        return ""
    c, s, li, n = place
    column = 1 + int(c * (span - 1) + 0.5)
    width = 1 + int(s * (span - column) + 0.5)
    line = 1 + int(li * (lines - 1) + 0.5)
    height = 1 + int(n * (lines - line) + 0.5)
    return f"""      - type: photo
        id: p
        at: {{column: {column}, span: {width}, line: {line}, lines: {height}}}
        wrap: true
        label: {label}
"""


@pytest.mark.expect_warnings  # the copy is overset (and loose, hyphenated): reported
@pytest.mark.parametrize("chars", [7, 11, 16])
@pytest.mark.parametrize("lines, size", [(12, "16pt"), (3, "30pt")], ids=["body", "headline"])
def test_overset_copy_is_reported_as_typed(tmp_path: Path, book: FontBook, chars: int, lines: int, size: str) -> None:
    """Overset Latin copy is reported as typed: the word spaces its lines broke at kept (no two words run together),
    each paragraph on a line of its own, a headline's overset lines ahead of the body's on their own line: the
    report is the tail of the copy written so."""
    paragraphs = ["Officials from the Pacific Islands Forum met delegates in Suva on Tuesday to discuss the "
                  "regional fisheries agreement, according to a statement posted at www.forumsec.org/news.",
                  "Follow-up talks are scheduled for early March in Nuku'alofa, organisers said."]
    headline = "Pacific leaders weigh a new fisheries accord"
    issue = _load(tmp_path, chars, f"""      - type: article
        id: a
        at: {{column: 1, span: 1, line: 1, lines: {lines}}}
        headline: {{text: {json.dumps(headline)}, size: {size}}}
        body: {json.dumps(paragraphs)}
""")
    _, block, _, _ = _lay_out(issue, book)
    assert block.overset_text and block.overset_text == block.overset_text.strip()
    assert "\n".join([headline, *paragraphs]).endswith(block.overset_text)
    assert block.overset_chars == len(_bare(block.overset_text))
