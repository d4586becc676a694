"""Nothing outside its block: random articles (heads, cross-heads, boxes, 破栏, vertical heads,
wrapped photos, narrow columns) never draw text past their block or off the page, never count
more lines set than they have, and every body and cross-head character is set or overset.

Text drawn outside the block or off the page counts as lost. The CI run is bounded; set
BANMIAN_LONG=5000 to run thousands of cases once.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from layout.errors import IssueError
from layout.frame import TextLine, VerticalLine
from layout.issue.model import ArticleBlock, CrossHead, Paragraph
from layout.page import typeset
from layout.text.font import FontBook
from tests.test_nothing_lost import _ink_boxes, _load, wrapped_photo
from tests.test_properties import TEXT, WORD

EXAMPLES = int(os.environ.get("BANMIAN_LONG", "30"))
HEAD = st.lists(WORD, min_size=1, max_size=5).map("".join)
ITEM = st.one_of(TEXT, TEXT, st.lists(HEAD, min_size=1, max_size=2).map(lambda lines: {"crosshead": lines}))
ARTICLE = st.fixed_dictionaries({
    "chars": st.integers(min_value=3, max_value=16),
    "span": st.integers(min_value=1, max_value=4),
    "lines": st.integers(min_value=1, max_value=30),
    "body": st.lists(ITEM, min_size=1, max_size=6),
    "columns": st.one_of(st.none(), st.integers(min_value=1, max_value=5)),
    "head": st.sampled_from(["none", "horizontal", "horizontal", "right", "left"]),
    "heads": st.tuples(st.one_of(st.none(), HEAD), HEAD, st.one_of(st.none(), HEAD), st.one_of(st.none(), HEAD)),
    "size": st.sampled_from(["10pt", "小初", "一号", "初号", "72pt"]),
    "box": st.booleans(),
    "photo": st.one_of(st.none(), st.tuples(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1), st.floats(0, 1))),
})


def _yaml(article: dict) -> str:
    """The article (and its wrapped photo) as YAML blocks."""
    span, lines = article["span"], article["lines"]
    extra = f"        columns: {article['columns']}\n" if article["columns"] else ""
    if article["box"]:
        extra += "        box: {style: single}\n"
    if article["head"] != "none":
        kicker, headline, subhead, byline = article["heads"]
        extra += f"        headline: {{text: {headline}, size: {article['size']}}}\n"
        extra += "".join(f"        {key}: {value}\n" for key, value in
                         (("kicker", kicker), ("subhead", subhead), ("byline", byline)) if value)
    if article["head"] in ("right", "left"):
        extra += f"        head_vertical: {article['head']}\n"
    photo = wrapped_photo(article["photo"], span, lines, "图")
    return f"""      - type: article
        id: a
        at: {{column: 1, span: {span}, line: 1, lines: {lines}}}
{extra}        body: {json.dumps(article["body"], ensure_ascii=False)}
{photo}"""


@pytest.mark.expect_warnings  # random copy is overset and has unbalanced quotes: reported, as it should be
@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(article=ARTICLE)
def test_no_text_outside_its_block_or_off_the_page(tmp_path_factory, box_book: FontBook,  # type: ignore[no-untyped-def]
                                                   article: dict) -> None:
    _check(tmp_path_factory, box_book, article)


@pytest.mark.expect_warnings  # as above
@settings(max_examples=max(1, EXAMPLES // 3), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(article=ARTICLE)
def test_no_text_outside_its_block_with_the_real_fonts(tmp_path_factory, book: FontBook,  # type: ignore[no-untyped-def]
                                                       article: dict) -> None:
    """The same with the installed faces (their metrics, cross-head and headline sizes)."""
    _check(tmp_path_factory, book, article)


def _check(tmp_path_factory, box_book: FontBook, article: dict) -> None:  # type: ignore[no-untyped-def]
    """Lay out ``article`` with ``box_book``; assert nothing is outside, lost or over-counted."""
    try:
        issue = _load(tmp_path_factory.mktemp("outside"), article["chars"], _yaml(article))
    except IssueError as exc:  # more broken columns than the span allows, or no room for a box: refused
        assume(False)
        raise AssertionError(exc) from None
    doc, report = typeset(issue, box_book)
    page = doc.pages[0]
    region = next(r for r in page.regions if r.block == "a")
    for x0, y0, x1, y1 in _boxes(page, box_book):  # text drawn outside counts as lost
        assert region.x - 0.01 <= x0 and x1 <= region.x + region.w + 0.01, ("outside the block", x0, x1, region)
        assert region.y - 0.01 <= y0 and y1 <= region.y + region.h + 0.01, ("outside the block", y0, y1, region)
        assert x0 >= 0 and x1 <= page.width and y0 >= 0 and y1 <= page.height, "off the page"
    block = next(b for b in report.blocks if b.block == "a")
    assert block.fit is not None and block.fit.lines_set <= block.lines_available, (block.fit, block.lines_available)
    source = next(b for b in issue.pages[0].blocks if b.id == "a")
    assert isinstance(source, ArticleBlock)
    wanted = "".join("".join(run.text for run in item.runs) if isinstance(item, Paragraph) else
                     "".join(item.lines) if isinstance(item, CrossHead) else "" for item in source.body)
    wanted = wanted.replace(" ", "")
    set_text = "".join(item.text for item in page.items if isinstance(item, TextLine) and item.block == "a"
                       and item.kind in ("body", "crosshead")).replace(" ", "").replace("\u00ad", "")  # added hyphens
    overset = block.overset_text.replace(" ", "").replace("\n", "")  # (word spaces, paragraph breaks: ``copy_of``)
    assert set_text + overset[len(overset) - (len(wanted) - len(set_text)):] == wanted
    assert not any(isinstance(item, VerticalLine) and item.block == "a" and item.kind != "head"
                   for item in page.items)


def _boxes(page, book: FontBook) -> list[tuple[float, float, float, float]]:  # type: ignore[no-untyped-def]
    """Ink boxes of article ``a``'s text: a horizontal line ends at its last glyph's ink (a
    mark set half width at the line end) or advance; vertical columns as drawn."""
    boxes = []
    for (x0, y0, x1, y1), item in zip(_ink_boxes(page, "a"), [i for i in page.items if isinstance(
            i, (TextLine, VerticalLine)) and i.block == "a" and i.glyphs]):
        if isinstance(item, TextLine):
            left, right = [], []
            for g in item.drawn():  # as drawn: a fitted line is scaled (长体)
                face = book.face(g.face)
                ink = face.ink_em(g.ch) if face else None
                em = ink or (0.0, face.advance_em(g.ch) if face and face.has(g.ch) else 1.0)
                left.append(item.x + g.x + em[0] * g.size * g.scale)
                right.append(item.x + g.x + em[1] * g.size * g.scale)
            x0, x1 = min(left), max(right)
        boxes.append((x0, y0, x1, y1))
    return boxes


@pytest.mark.expect_warnings  # the cross-head is overset
def test_a_cross_head_taller_than_the_column_is_overset_not_drawn_below(tmp_path, box_book: FontBook) -> None:
    """The audit's case: a two-line cross-head in a one-line article was drawn past the
    block's bottom and counted as set (2 lines set of 1 available)."""
    issue = _load(tmp_path, 4, _yaml({"chars": 4, "span": 2, "lines": 1, "columns": None, "head": "none",
                                      "box": False, "photo": None, "body": ["一", {"crosshead": ["二二", "三三"]}]}))
    doc, report = typeset(issue, box_book)
    block = next(b for b in report.blocks if b.block == "a")
    assert block.fit is not None and (block.fit.lines_set, block.lines_available) == (1, 2)
    assert block.overset_text == "二二\n三三" and block.overset_chars == 4  # (each cross-head line its own)
    region = next(r for r in doc.pages[0].regions if r.block == "a")
    assert all(y1 <= region.y + region.h + 0.01 for _, _, _, y1 in _boxes(doc.pages[0], box_book))


@pytest.mark.expect_warnings  # the headline is overset
def test_a_headline_character_wider_than_the_block_is_overset(tmp_path, box_book: FontBook) -> None:
    """One 初号 (42 pt) character in a 40 pt wide article was drawn across its right edge (an 80 pt one:
    a 42 pt one is now fitted, 长体 and smaller, to the house's limits)."""
    issue = _load(tmp_path, 4, _yaml({"chars": 4, "span": 1, "lines": 6, "columns": None, "head": "horizontal",
                                      "heads": (None, "标", None, None), "size": "80pt", "box": False,
                                      "photo": None, "body": ["一二"]}))
    doc, report = typeset(issue, box_book)
    block = next(b for b in report.blocks if b.block == "a")
    assert block.overset_text.startswith("标")
    assert not [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.kind == "head"]


@pytest.mark.expect_warnings  # the banner and the masthead name are overset
def test_banner_and_masthead_characters_wider_than_their_block_are_overset(tmp_path, box_book: FontBook) -> None:
    """A 72 pt banner or masthead name in a 40 pt wide block ran across its right edge."""
    issue = _load(tmp_path, 4, (
        "      - {type: banner, id: b, at: {column: 1, span: 1, line: 1, lines: 8}, text: 一一, size: 72pt}\n"
        "      - {type: masthead, id: m, at: {column: 2, span: 1, line: 1, lines: 12}, name: 一一, size: 72pt}\n"))
    doc, report = typeset(issue, box_book)
    for block in ("b", "m"):
        region = next(r for r in doc.pages[0].regions if r.block == block)
        assert all(item.x + g.x + g.size <= region.x + region.w + 0.01 for item in doc.pages[0].items
                   if isinstance(item, TextLine) and item.block == block for g in item.glyphs)
    assert next(b for b in report.blocks if b.block == "b").overset_text == "一一"
    assert next(b for b in report.blocks if b.block == "m").overset_text.endswith("一一")
