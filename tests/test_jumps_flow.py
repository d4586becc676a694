"""Jumps over three pages and the column flow, as properties of the laid-out pages.

The issue (tests/data/jump-three-pages.yaml) was written for these tests: new copy with
numbers, Latin words, a URL and names, three grids of different column widths, a 四破三
continuation with a wrapped photo. Every check reads the page frames (glyph positions,
line texts), not the flow's own bookkeeping, except where it checks that the report
tells what the frames show.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.flow.distribute import Unit, plan, stretches
from layout.frame import Box, Document, PageFrame, TextLine
from layout.page import typeset_file
from layout.report import RenderReport
from layout.text.font import FontBook
from layout.units import HAO_SIZES_PT
from tests.conftest import ROOT

ISSUE = ROOT / "tests" / "data" / "jump-three-pages.yaml"
JUMP = re.compile(r"（[下上][转接]第\d+版）")
BLOCKS = {1: "fair", 2: "fair-2", 3: "fair-3"}


@pytest.fixture(scope="module")
def pages(book: FontBook) -> tuple[Document, RenderReport]:
    """The three-page issue, typeset once."""
    _, document, report = typeset_file(ISSUE, book)
    return document, report


def _body(frame: PageFrame, block: str) -> list[TextLine]:
    """The block's body lines in reading order (columns left to right, lines top down)."""
    lines = [i for i in frame.items if isinstance(i, TextLine) and i.block == block and i.kind == "body"]
    return sorted(lines, key=lambda line: (round(line.x, 1), line.baseline))


def _columns(lines: list[TextLine]) -> list[list[TextLine]]:
    """The lines grouped by column (same x), left to right."""
    out: dict[float, list[TextLine]] = {}
    for line in lines:
        out.setdefault(round(line.x, 1), []).append(line)
    return [out[x] for x in sorted(out)]


def _right_edge(column: list[TextLine]) -> float:
    """The column's right edge as its justified lines end: the box of their last ideograph."""
    ends = [line.x + line.glyphs[-1].x + line.glyphs[-1].size for line in column
            if line.justified and "\u4e00" <= line.glyphs[-1].ch <= "\u9fff"]
    assert ends, "a column with no justified line ending in an ideograph"
    return max(ends)


def test_every_jump_line_is_on_one_line_flush_right(pages: tuple[Document, RenderReport]) -> None:
    document, _ = pages
    found = 0
    for frame in document.pages:
        lines = _body(frame, BLOCKS[frame.number])
        text = "".join(line.text for line in lines)
        whole = [m for line in lines for m in JUMP.findall(line.text)]
        assert whole == JUMP.findall(text), frame.number  # no jump line broken across lines or columns
        for column in _columns(lines):
            edge = _right_edge(column)
            for line in column:
                if JUMP.search(line.text):
                    assert JUMP.search(line.text).end() == len(line.text)  # type: ignore[union-attr]
                    close = line.glyphs[-1]
                    assert close.ch == "）"
                    # a closing bracket at the line end is set half width: its box ends at the edge
                    assert abs(line.x + close.x + close.size / 2 - edge) < 0.5, (frame.number, line.text)
                    found += 1
    # page 1: 下转; page 2: 上接 and 下转; page 3: 上接
    assert found == 4


def test_the_down_jump_shares_the_last_line_where_it_fits(book: FontBook, tmp_path: Path) -> None:
    text = ISSUE.read_text(encoding="utf-8").replace("两者的读者群正在互相转化，并不存在简单的此消彼长。",
                                                     "两者可以互补共存。")
    path = tmp_path / "short.yaml"
    path.write_text(text, encoding="utf-8")
    _, document, _ = typeset_file(path, book)
    lines = _body(document.pages[0], "fair")
    last = next(line for line in lines if "下转" in line.text)
    assert last.text == "补共存。（下转第2版）"  # the paragraph's last line ends with it, flush right
    size = last.glyphs[0].size
    stop = next(g for g in last.glyphs if g.ch == "。")
    bracket = next(g for g in last.glyphs if g.ch == "（")
    assert bracket.x + size / 2 - (stop.x + size / 2) >= size - 0.01  # one em of white at least between
    edge = _right_edge(_columns(lines)[-1])
    assert abs(last.x + last.glyphs[-1].x + size / 2 - edge) < 0.5


def test_every_leg_repeats_the_short_head(pages: tuple[Document, RenderReport]) -> None:
    document, _ = pages
    for frame in document.pages[1:]:
        heads = [i for i in frame.items if isinstance(i, TextLine) and i.kind == "head"
                 and i.block == BLOCKS[frame.number]]
        assert [i.text for i in heads] == ["书博会续闻"], frame.number
        assert {g.size for g in heads[0].glyphs} == {HAO_SIZES_PT["小二"]}  # style.headline.continued
    first = [i.text for i in document.pages[0].items if isinstance(i, TextLine) and i.kind == "head"]
    assert "3.2万种新书与读者见面" in "".join(first).replace(" ", "")


def test_no_column_ends_two_lines_short_unless_reported(pages: tuple[Document, RenderReport]) -> None:
    document, report = pages
    from layout.issue.load import load_issue

    issue = load_issue(ISSUE)
    for frame, page in zip(document.pages, issue.pages):
        block = BLOCKS[frame.number]
        at = next(b.at for b in page.blocks if b.id == block)
        assert frame.grid is not None
        bottom = frame.grid.top + (at.end_line - 1) * frame.grid.pitch
        fit = report.fit(frame.number, block)
        assert fit is not None
        for n, column in enumerate(_columns(_body(frame, block)), 1):
            foot = frame.grid.top + (round((column[-1].baseline - frame.grid.top) / frame.grid.pitch - 0.5) + 1) \
                * frame.grid.pitch
            short = round((bottom - foot) / frame.grid.pitch)
            if short >= 2:
                assert n in fit["short_columns"] and fit["verdict"] != "fits", (block, n, short)


def _paragraph_start(line: TextLine) -> bool:
    """A line that starts a paragraph: indented two characters, or the （上接） line."""
    if line.text.startswith("（上接"):
        return True
    return not JUMP.fullmatch(line.text) and line.glyphs[0].x > 1.5 * line.glyphs[0].size


def test_no_widow_at_a_column_head(pages: tuple[Document, RenderReport]) -> None:
    document, _ = pages
    for frame in document.pages:
        lines = _body(frame, BLOCKS[frame.number])
        tops = {id(column[0]) for column in _columns(lines)[1:]}
        for k, line in enumerate(lines):
            if id(line) not in tops or _paragraph_start(line):
                continue
            ends_paragraph = k + 1 == len(lines) or _paragraph_start(lines[k + 1])
            assert not ends_paragraph, (frame.number, line.text)


def _photo_box(frame: PageFrame) -> Box:
    """The page's one placeholder photo (drawn with its cross)."""
    boxes = [i for i in frame.items if isinstance(i, Box) and i.cross]
    assert len(boxes) == 1
    return boxes[0]


def test_no_one_line_stub_beside_a_wrapped_photo(pages: tuple[Document, RenderReport]) -> None:
    document, _ = pages
    for frame in document.pages[:2]:
        _assert_no_stub(frame, BLOCKS[frame.number])


def _assert_no_stub(frame: PageFrame, block: str) -> None:
    """In each column beside the photo, the text right above it and right below it is not one line."""
    photo = _photo_box(frame)
    assert frame.grid is not None
    pitch = frame.grid.pitch
    for column in _columns(_body(frame, block)):
        left = column[0].x
        if not (photo.x - 1 < left < photo.x + photo.w):
            continue
        above = [line for line in column if line.baseline < photo.y]
        below = [line for line in column if line.baseline > photo.y + photo.h]
        for run in (_last_run(above, pitch), _last_run(below[::-1], pitch)):
            assert len(run) != 1, (frame.number, run[0].text if run else "")


def _last_run(lines: list[TextLine], pitch: float) -> list[TextLine]:
    """The run of lines on consecutive grid lines that ends ``lines`` (nearest the photo)."""
    run: list[TextLine] = []
    for line in reversed(lines):
        if run and abs(abs(run[-1].baseline - line.baseline) - pitch) > 0.1:
            break
        run.append(line)
    return run


@pytest.mark.expect_warnings  # moving the photo may overset the story's end (reported, not lost)
@pytest.mark.parametrize("where", ["one line above", "two lines above", "one line below"])
def test_a_photo_that_would_leave_a_one_line_stub(pages: tuple[Document, RenderReport], book: FontBook,
                                                  tmp_path: Path, where: str) -> None:
    frame = pages[0].pages[0]
    assert frame.grid is not None
    first = 1 + round((_body(frame, "fair")[0].baseline - frame.grid.top) / frame.grid.pitch - 0.5)  # grid line
    line = {"one line above": first + 2, "two lines above": first + 3, "one line below": 33 - 2 - 9}[where]
    text = ISSUE.read_text(encoding="utf-8").replace("at: {column: 2, span: 2, line: 15, lines: 9}",
                                                     f"at: {{column: 2, span: 2, line: {line}, lines: 9}}")
    path = tmp_path / "stub.yaml"
    path.write_text(text, encoding="utf-8")
    _, document, report = typeset_file(path, book)
    _assert_no_stub(document.pages[0], "fair")
    block = next(b for b in report.blocks if b.block == "fair")

    def text(lines: list[TextLine]) -> str:
        return "".join(line.text for line in lines).replace(" ", "")

    before = text(_body(frame, "fair"))
    assert text(_body(document.pages[0], "fair")) + block.overset_text.replace(" ", "").replace("\n", "") == before


def test_a_wrapped_photo_in_a_broken_column_story_sits_on_its_body_columns(
        pages: tuple[Document, RenderReport]) -> None:
    document, _ = pages
    frame = document.pages[1]  # 四破三
    columns = _columns(_body(frame, "fair-2"))
    assert len(columns) == 3
    lefts = [column[0].x for column in columns]
    rights = [_right_edge(column) for column in columns]
    photo = _photo_box(frame)
    assert min(abs(photo.x - x) for x in lefts) < 0.01
    assert min(abs(photo.x + photo.w - x) for x in rights) < 0.01
    assert frame.grid is not None
    base = frame.grid.columns  # the base grid's columns do not line up with the photo's left edge
    assert min(abs(photo.x - x) for x in base) > 1.0


def test_the_sample_leads_sections_leave_no_hole_before_a_crosshead(book: FontBook) -> None:
    from tests.conftest import SAMPLE

    _, document, report = typeset_file(SAMPLE, book)
    fit = report.fit(1, "lead")
    assert fit is not None
    frame = document.pages[0]
    assert frame.grid is not None
    columns = _columns(_body(frame, "lead"))
    heads = [i for i in frame.items if isinstance(i, TextLine) and i.block == "lead" and i.kind == "crosshead"]
    assert len(heads) >= 3  # three cross-heads, each of two lines (a long second line wraps)
    for head in heads:
        column = next(c for c in columns if abs(c[0].x - head.x) < 0.5)
        assert len([line for line in column if line.baseline > head.baseline]) >= 2  # kept with two lines
    # the three sections' cross-heads left columns 1, 4 and 6 short (5, 4, 1 lines); the story's
    # last section is short of copy, and only its columns may end short now
    assert all(empty <= 1 for empty in fit["column_empty"][:6]), fit["column_empty"]


# -- the column planner on flow units (box metrics: one unit, one line) ------------------------------


def _units(spec: list[int | str]) -> list[Unit]:
    """Paragraphs of n lines (ints) and cross-heads of 3 lines ("H")."""
    out: list[Unit] = []
    for item in spec:
        if item == "H":
            out.append(Unit([], 3, crosshead=True))
            continue
        assert isinstance(item, int)
        out.extend(Unit([], 1, first=item > 1 and k == 0, last=item > 1 and k == item - 1) for k in range(item))
    return out


def test_a_crosshead_comes_up_to_the_foot_rather_than_leave_a_hole() -> None:
    units = _units([11, "H", 19, 11])  # 11 lines, then a cross-head: the column of 16 takes it and 2 lines
    found = plan(units, 3, 16)
    assert found is not None
    ends = [max((line + units[i].height for i, c, line in found.spots if c == col), default=0) for col in range(3)]
    assert ends[0] == 16
    head = next(spot for spot in found.spots if units[spot[0]].crosshead)
    assert head[1] == 0 and head[2] == 11  # its blank line above gives way at the foot


def test_columns_end_within_a_line_of_each_other() -> None:
    units = _units([9, 7, 12, 5, 8])  # 41 lines in 3 columns of up to 20
    found = plan(units, 3, 20)
    assert found is not None
    ends = [max(line + 1 for i, c, line in found.spots if c == col) for col in range(3)]
    assert max(ends) - min(ends) <= 1 and max(ends) == found.height


def test_a_one_line_run_beside_a_photo_is_no_run() -> None:
    blocked = frozenset(range(2, 8))  # a photo and its white on lines 2–7 of 12
    assert stretches(blocked, 12) == ((0, 2), (8, 12))
    assert stretches(frozenset(range(1, 8)), 12) == ((8, 12),)  # line 0 alone above it: left empty
    assert stretches(frozenset(range(2, 11)), 12) == ((0, 2),)  # line 11 alone below it
    assert stretches(frozenset(), 1) == ((0, 1),)  # a column of one line, nothing in its way


def test_a_widow_that_cannot_be_helped_is_planned_and_reported() -> None:
    from layout.flow.distribute import stranded

    units = _units([3])  # two lines a column, three lines: one must stand alone
    found = plan(units, 2, 2)
    assert found is not None and found.cost > 0
    assert len(stranded(units, found.spots, found.taken, found.height)) == 1
    units = _units([4, 4])  # two columns of 4: each paragraph whole in its column, nothing stranded
    found = plan(units, 2, 4)
    assert found is not None and found.cost == 0
    assert stranded(units, found.spots, found.taken, found.height) == []


def test_jump_wording_comes_from_the_house_style(book: FontBook, tmp_path: Path) -> None:
    house = 'style: {jump: {down: "（转第{page}版）", up: "（接第{page}版）", up_align: left, font: hei}}\n'
    text = ISSUE.read_text(encoding="utf-8").replace("pages:\n", house + "pages:\n", 1)
    path = tmp_path / "house.yaml"
    path.write_text(text, encoding="utf-8")
    _, document, _ = typeset_file(path, book)
    second = _body(document.pages[1], "fair-2")
    up = next(line for line in second if "接第" in line.text)
    down = next(line for line in second if "转第" in line.text)
    assert up.text == "（接第1版）" and up.glyphs[0].x <= 0.5 * up.glyphs[0].size  # flush left, on its own
    assert down.text.endswith("（转第3版）") and "Sans" in down.glyphs[-1].face


def test_a_jump_wording_without_its_page_is_refused(tmp_path: Path) -> None:
    from layout.errors import IssueError
    from layout.issue.load import load_issue

    text = ISSUE.read_text(encoding="utf-8").replace("pages:\n", 'style: {jump: {down: "（下转）"}}\npages:\n', 1)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IssueError, match=r"style\.jump\.down: a jump line holds \{page\} once") as caught:
        load_issue(path)
    assert caught.value.line == text.splitlines().index('style: {jump: {down: "（下转）"}}') + 1


@pytest.mark.expect_warnings
def test_a_line_left_alone_is_in_the_copy_fit_and_warned_about(tmp_path: Path, box_book: FontBook,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    from tests.test_flow import render

    # two lines a column, one paragraph of three lines (11 characters a line): one line must stand alone
    _, report = render(tmp_path, box_book, """      - type: article
        id: a
        at: {column: 1, span: 2, line: 1, lines: 2}
        typography: {indent_chars: 0}
        body: ["中文字版面报纸新闻日讯记者排印测试一二三四五六七八九十本市年月区"]
""")
    fit = report.fit(1, "a")
    assert fit is not None and fit["overset_lines"] == 0
    assert len(fit["stranded"]) == 1
    warned = [r.getMessage() for r in caplog.records if "widow or orphan" in r.getMessage()]
    assert len(warned) == 1 and repr(fit["stranded"][0]) in warned[0]


@settings(max_examples=60, deadline=None)
@given(spec=st.lists(st.one_of(st.integers(1, 9), st.just("H")), min_size=1, max_size=14),
       columns=st.integers(1, 5), height=st.integers(3, 24),
       photo=st.one_of(st.none(), st.tuples(st.integers(0, 4), st.integers(0, 20), st.integers(1, 8))))
def test_planned_columns_keep_order_the_grid_and_the_photo(spec: list[int | str], columns: int, height: int,
                                                          photo: tuple[int, int, int] | None) -> None:
    units = _units(spec)
    blocked = tuple(frozenset(range(photo[1], photo[1] + photo[2])) if photo and c == photo[0] else frozenset()
                    for c in range(columns))
    found = plan(units, columns, height, blocked)
    if found is None:
        return  # does not fit: the caller's greedy fill sets what fits and oversets the rest
    assert [i for i, _, _ in found.spots] == list(range(len(units)))  # every unit, in order
    where = [(c, line) for _, c, line in found.spots]
    assert where == sorted(where)  # reading order: column by column, top down
    taken: set[tuple[int, int]] = set()
    for index, c, line in found.spots:
        cells = {(c, k) for k in range(line, line + units[index].height)}
        assert not cells & taken and all(0 <= k < found.height for _, k in cells)  # no overlap, inside
        assert not any(k in found.taken[c] for _, k in cells)  # never on the photo, its white or a stub
        taken |= cells
    for c in range(columns):
        if not blocked[c] & set(range(found.height)):
            continue
        free = {k for k in range(found.height) if k not in blocked[c]}
        stubs = [k for k in free if k - 1 not in free and k + 1 not in free]  # one line beside the photo
        assert all((c, k) not in taken for k in stubs), (c, stubs)


def test_a_last_line_alone_below_a_photo_is_a_widow() -> None:
    from layout.flow.distribute import stranded

    blocked = (frozenset({3, 4, 5}),)  # a photo with its white on lines 3–5 of a column of 10
    units = _units([4])  # three lines above it, the fourth alone below it: the only way in one column
    found = plan(units, 1, 10, blocked)
    assert found is not None and found.cost > 0
    assert [line for _, _, line in found.spots] == [0, 1, 2, 6]
    assert len(stranded(units, found.spots, found.taken, found.height)) == 1
    units = _units([2, 4])  # the second paragraph goes below the photo whole: nothing alone
    found = plan(units, 1, 10, blocked)
    assert found is not None
    assert [line for _, _, line in found.spots] == [0, 1, 6, 7, 8, 9]
    assert stranded(units, found.spots, found.taken, found.height) == []
