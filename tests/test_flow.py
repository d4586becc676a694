"""Column flow: distribution, balancing, cross-heads, overset and the baseline grid."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.frame import TextLine
from layout.issue.load import load_issue
from layout.page import typeset
from layout.text.clean import clean_issue
from layout.text.font import FontBook
from layout.units import mm
from tests.onepage import head

HEAD = head()


def render(tmp_path: Path, book: FontBook, blocks: str):  # type: ignore[no-untyped-def]
    """Typeset an issue made of ``blocks`` with ``book``."""
    path = tmp_path / "f.yaml"
    path.write_text(HEAD + blocks, encoding="utf-8")
    return typeset(load_issue(path), book)


def body_lines(doc, block: str) -> list[TextLine]:  # type: ignore[no-untyped-def]
    """The body text lines of a block."""
    return [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == block and i.kind == "body"]


PARA = "中文字版面报纸新闻日讯记者排印测试一二三四五六七八九十本市年月区" * 3


@pytest.mark.expect_warnings
def test_overset_is_reported_not_dropped(tmp_path: Path, box_book: FontBook,
                                         caplog: pytest.LogCaptureFixture) -> None:
    doc, report = render(tmp_path, box_book, f"""      - type: article
        id: a
        at: {{column: 1, span: 2, line: 1, lines: 4}}
        body: ["{PARA}", "{PARA}"]
""")
    block = next(b for b in report.blocks if b.block == "a")
    set_chars = sum(len(line.glyphs) for line in body_lines(doc, "a"))
    assert block.overset_lines > 0
    assert set_chars + block.overset_chars == 2 * len(PARA)
    assert block.overset_text.endswith(PARA[-10:])
    assert [r.getMessage()[:30] for r in caplog.records] == ["overset: page 1, block 'a': 10"]


def test_columns_are_balanced(tmp_path: Path, box_book: FontBook) -> None:
    doc, report = render(tmp_path, box_book, f"""      - type: article
        id: a
        at: {{column: 1, span: 3, line: 1, lines: 40}}
        body: ["{PARA}"]
""")
    lines = body_lines(doc, "a")
    per_column: dict[float, int] = {}
    for line in lines:
        per_column[line.x] = per_column.get(line.x, 0) + 1
    counts = sorted(per_column.values())
    assert len(counts) == 3 and counts[-1] - counts[0] <= 1
    assert all(b.overset_lines == 0 for b in report.blocks)


def test_body_lines_share_one_baseline_grid(tmp_path: Path, box_book: FontBook) -> None:
    doc, _ = render(tmp_path, box_book, f"""      - type: article
        id: a
        at: {{column: 1, span: 3, line: 1, lines: 30}}
        headline: 标题中文
        body: ["{PARA}", {{crosshead: [小标题, 中文字版]}}, "{PARA}"]
      - type: article
        id: b
        at: {{column: 4, span: 3, line: 1, lines: 30}}
        kicker: 引题中文
        headline: 标题中文字
        subhead: 副题
        body: ["{PARA}"]
""")
    baselines = [line.baseline for line in body_lines(doc, "a") + body_lines(doc, "b")]
    first = min(baselines)
    assert all(((b - first) / 15.0) == pytest.approx(round((b - first) / 15.0), abs=1e-6) for b in baselines)


@pytest.mark.expect_warnings  # column 1 ends 3 lines short above the cross-head: it cannot come up with 2 lines
def test_crosshead_keeps_with_following_lines(tmp_path: Path, box_book: FontBook) -> None:
    doc, _ = render(tmp_path, box_book, f"""      - type: article
        id: a
        at: {{column: 1, span: 2, line: 1, lines: 12}}
        body: ["{PARA[:100]}", {{crosshead: [小标题]}}, "{PARA}"]
""")
    items = [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == "a"]
    head = next(i for i in items if i.kind == "crosshead")
    below = [i for i in items if i.kind == "body" and i.x == head.x and i.baseline > head.baseline]
    assert len(below) >= 2


def test_jump_line_ends_the_section(tmp_path: Path, box_book: FontBook) -> None:
    doc, _ = render(tmp_path, box_book, """      - type: article
        id: a
        at: {column: 1, span: 2, line: 1, lines: 12}
        body: ["中文字版面报纸新闻", {jump: 2}]
""")
    text = "".join(line.text for line in body_lines(doc, "a"))
    assert text.endswith("（下转第2版）")


@pytest.mark.expect_warnings
def test_headline_taller_than_its_block_is_overset(tmp_path: Path, box_book: FontBook) -> None:
    doc, report = render(tmp_path, box_book, """      - type: article
        id: a
        at: {column: 1, span: 1, line: 1, lines: 2}
        headline: {text: 中文字版面报纸新闻日讯记者排印测试, size: 30pt}
        body: ["中文字版面"]
""")
    block = next(b for b in report.blocks if b.block == "a")
    assert block.overset_lines > 2 and block.overset_text.endswith("中文字版面")
    drawn = [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == "a"]
    assert drawn and all(i.baseline <= mm(20) + 2 * 15.0 for i in drawn)  # nothing below the 2 lines


@pytest.mark.expect_warnings
def test_missing_glyph_in_a_headline_is_reported(tmp_path: Path, box_book: FontBook) -> None:
    _, report = render(tmp_path, box_book, """      - type: article
        id: a
        at: {column: 1, span: 3, line: 1, lines: 20}
        headline: 中文𠮷字
        body: ["中文字版面"]
""")
    assert report.missing == ["𠮷"]


@pytest.mark.expect_warnings
def test_loose_line_is_reported_with_its_paragraph(tmp_path: Path, box_book: FontBook,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    render(tmp_path, box_book, """      - type: article
        id: a
        at: {column: 1, span: 1, line: 1, lines: 20}
        typography: {breaking: greedy, loose_limit_em: 0.1, indent_chars: 0}
        body: ["中文", "中文字版面报纸新闻日讯，记者"]
""")
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1 and "block 'a', body item 2: '中文字版面报纸新闻日'" in messages[0]


def test_pages_laid_out_in_parallel_match_one_process(tmp_path: Path, box_book: FontBook) -> None:
    page = HEAD.split("pages:\n", 1)[1] + f"""      - type: article
        id: a
        at: {{column: 1, span: 3, line: 1, lines: 20}}
        headline: 标题中文
        body: ["{PARA}"]
"""
    text = HEAD.split("pages:\n", 1)[0] + "pages:\n" + "".join(
        page.replace("number: 1", f"number: {n}", 1).replace("id: a", f"id: a{n}") for n in range(1, 5))
    path = tmp_path / "four.yaml"
    path.write_text(text, encoding="utf-8")
    issue = load_issue(path)
    serial, serial_report = typeset(issue, box_book, jobs=1)
    parallel, parallel_report = typeset(issue, box_book, jobs=2)
    assert parallel == serial and [p.number for p in parallel.pages] == [1, 2, 3, 4]
    assert parallel_report.to_json() == serial_report.to_json()


def test_three_broken_into_two_columns_of_whole_characters(tmp_path: Path, box_book: FontBook) -> None:
    # tabloid grid: 11 characters of 10 pt, 1-character gutter; 3 base columns = 35 characters
    doc, _ = render(tmp_path, box_book, f"""      - type: article
        id: a
        at: {{column: 1, span: 3, line: 1, lines: 12}}
        columns: 2
        body: ["{PARA}"]
""")
    lines = body_lines(doc, "a")
    lefts = sorted({round(line.x, 2) for line in lines})
    assert len(lefts) == 2 and lefts[1] - lefts[0] == pytest.approx(18 * 10.0)  # 17-character columns, 1 gutter
    assert all(line.glyphs[-1].x <= 160.0 + 1e-6 for line in lines)
    full = [line for line in lines if line.justified]
    solid = [line for line in full if line.glyphs[0].x == 0 and all(ord(g.ch) > 0x2E80 for g in line.glyphs)]
    assert solid and all(len(line.glyphs) == 17 for line in solid)


JUMP = head() + """      - type: article
        id: lead
        at: {column: 1, span: 2, line: 1, lines: 12}
        headline: 标题中文
        body: ["中文字版面报纸新闻", {jump: lead-2}]
  - number: 3
    paper: tabloid
    grid: {columns: 6, chars: 11, body_size: 10pt, leading: 15pt}
    blocks:
      - type: article
        id: lead-2
        at: {column: 1, span: 2, line: 1, lines: 12}
        continues: lead
        body: ["日讯记者排印测试"]
"""


def test_jump_lines_get_the_pages_they_point_to(tmp_path: Path, box_book: FontBook) -> None:
    path = tmp_path / "j.yaml"
    path.write_text(JUMP, encoding="utf-8")
    doc, _ = typeset(load_issue(path), box_book)
    first = "".join(i.text for i in doc.pages[0].items if isinstance(i, TextLine) and i.kind == "body")
    second = [i for i in doc.pages[1].items if isinstance(i, TextLine) and i.block == "lead-2"]
    assert first.endswith("（下转第3版）")
    assert [i.text for i in second if i.kind == "head"] == ["标题中文"]  # the headline repeated
    assert [i.text for i in second if i.kind == "body"][:2] == ["（上接第1版）", "日讯记者排印测试"]


def test_jump_to_a_block_that_is_not_on_a_later_page(tmp_path: Path) -> None:
    from layout.errors import IssueError

    path = tmp_path / "j.yaml"
    path.write_text(JUMP.replace("{jump: lead-2}", "{jump: nowhere}"), encoding="utf-8")
    with pytest.raises(IssueError, match="no block 'nowhere' on a later page"):
        load_issue(path)
    path.write_text(JUMP.replace("continues: lead", "continues: lead-9"), encoding="utf-8")
    with pytest.raises(IssueError, match=r"pages\[1\].blocks\[0\].continues: no article 'lead-9'"):
        load_issue(path)


def test_boxed_article_keeps_its_text_inside_the_frame(tmp_path: Path, box_book: FontBook) -> None:
    from layout.frame import Box, Rule

    doc, _ = render(tmp_path, box_book, f"""      - type: article
        id: a
        at: {{column: 1, span: 2, line: 1, lines: 14}}
        box: {{style: double, tint: [0, 0, 0, 0.1]}}
        headline: 标题中文
        body: ["{PARA[:60]}"]
      - type: article
        id: b
        at: {{column: 3, span: 2, line: 1, lines: 14}}
        body: ["中文"]
""")
    page = doc.pages[0]
    region = next(r for r in page.regions if r.block == "a")
    text = [i for i in page.items if isinstance(i, TextLine) and i.block == "a"]
    assert all(line.x + line.glyphs[0].x >= region.x + 10.0 - 1e-6 for line in text)  # one character in
    assert all(region.y + 15.0 < line.baseline < region.y + region.h - 15.0 for line in text)  # one line in
    frame = [i for i in page.items if isinstance(i, Rule) and region.x <= i.x0 <= region.x + region.w
             and region.y <= i.y0 <= region.y + region.h]
    assert len(frame) == 8  # double: two outlines of four rules
    tint = [i for i in page.items if isinstance(i, Box) and i.fill == (0, 0, 0, 0.1)]
    assert len(tint) == 1 and page.items.index(tint[0]) < page.items.index(text[0])  # behind the text
    gutter_rules = [i for i in page.items if isinstance(i, Rule) and i.x0 == i.x1 and i.x0 > region.x + region.w]
    assert not gutter_rules  # no hairline between a boxed article and its neighbour


MASTHEAD = """      - type: masthead
        id: mast
        at: {column: 1, span: 6, line: 1, lines: 8}
        lunar: 农历腊月初二
        notes: ["本市,新闻日报"]
      - type: article
        id: a
        at: {column: 1, span: 6, line: 9, lines: 10}
        body: ["中文字版面"]
"""


def test_masthead_sets_the_name_in_red_and_small_print_on_the_grid(tmp_path: Path, box_book: FontBook) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(HEAD + MASTHEAD, encoding="utf-8")
    issue, changes = clean_issue(load_issue(path))  # copy cleaning knows every block type
    doc, report = typeset(issue, box_book)
    page = doc.pages[0]
    items = sorted((i for i in page.items if isinstance(i, TextLine) and i.block == "mast"), key=lambda i: i.baseline)
    name, *small = items
    assert name.text == "测试报" and name.color == (0.0, 1.0, 1.0, 0.0)
    assert [i.text for i in small] == ["2026年1月20日 星期二 农历腊月初二", "本市，新闻日报"]
    assert all(i.color == (0.0, 0.0, 0.0, 1.0) for i in small)
    grid = page.grid
    assert grid is not None
    pitch = grid.pitch
    first_baseline = body_lines(doc, "a")[0].baseline
    # the small print sits on the page's baseline grid, on the last lines of the block
    assert [round((first_baseline - i.baseline) / pitch, 6) for i in small] == [2.0, 1.0]
    assert name.baseline < small[0].baseline
    # centred in the block
    mid = (grid.columns[0] + grid.columns[-1] + grid.column_width) / 2
    ink = (name.glyphs[0].x, name.glyphs[-1].x + name.glyphs[-1].size)  # box ideographs are 1 em wide
    assert abs(name.x + sum(ink) / 2 - mid) < 1.0
    # a page with a masthead has no running head
    assert not [i for i in page.items if isinstance(i, TextLine) and i.kind == "folio"]
    assert report.blocks[0].overset_lines == 0
    assert sum(changes.values()) == 1  # the half-width comma of the note


def test_running_head_names_the_editors(tmp_path: Path, box_book: FontBook) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(HEAD.replace("    paper: tabloid", "    paper: tabloid\n    editor: 王五\n    designer: 李四")
                    .replace("王五", "排印").replace("李四", "版面")
                    + '      - {type: article, id: a, at: {column: 1, span: 6, line: 1, lines: 4}, body: ["中文"]}\n',
                    encoding="utf-8")
    doc, _ = typeset(load_issue(path), box_book)
    folio = [i.text for i in doc.pages[0].items if isinstance(i, TextLine) and i.kind == "folio"]
    assert any(t.endswith("责任编辑：排印 美术编辑：版面") for t in folio), folio


def test_copy_fit_numbers_agree_with_the_page(tmp_path: Path, box_book: FontBook) -> None:
    doc, report = render(tmp_path, box_book, f"""      - type: article
        id: a
        at: {{column: 1, span: 3, line: 1, lines: 40}}
        body: ["{PARA}", "{PARA[:20]}"]
""")
    (fit,) = report.copy_fit()
    lines = body_lines(doc, "a")
    columns = sorted({line.x for line in lines})
    assert fit["columns"] == len(columns) == 3 and fit["chars_per_line"] == 11
    assert fit["lines_set"] == len(lines)
    assert fit["lines_available"] == 3 * 40  # no headline: every line of the block takes body text
    assert fit["underset_lines"] == 120 - len(lines) and fit["underset_chars"] == 11 * fit["underset_lines"]
    assert fit["verdict"] == "underset" and fit["overset_lines"] == 0


def wrapped(tmp_path: Path, book: FontBook, photo_at: str, columns: str = ""):  # type: ignore[no-untyped-def]
    """A 4-column article of 30 lines with a wrapped photo at ``photo_at``."""
    return render(tmp_path, book, f"""      - type: article
        id: a
        at: {{column: 1, span: 4, line: 1, lines: 30}}
        {columns}
        headline: 标题中文
        body: [{", ".join(['"' + PARA + '"'] * 8)}]
      - type: photo
        id: p
        at: {photo_at}
        wrap: true
        caption: 中文
""")


def _photo_rect(doc):  # type: ignore[no-untyped-def]
    region = next(r for r in doc.pages[0].regions if r.block == "p")
    return region.x, region.y, region.x + region.w, region.y + region.h


def test_text_flows_around_a_wrapped_photo(tmp_path: Path, box_book: FontBook) -> None:
    doc, report = wrapped(tmp_path, box_book, "{column: 2, span: 2, line: 10, lines: 8}")
    x0, y0, x1, y1 = _photo_rect(doc)
    lines = body_lines(doc, "a")
    pitch = 15.0
    for line in lines:
        left, right = line.x, line.x + line.glyphs[-1].x + line.glyphs[-1].size
        top, bottom = line.baseline - 10.0, line.baseline + 2.0
        beside = right <= x0 or left >= x1
        clear = bottom <= y0 - pitch or top >= y1 + pitch  # a whole empty line above and below
        assert beside or clear, (line.text, line.baseline)
    columns_of = {round(line.x) for line in lines if x0 <= line.x < x1}
    assert len(columns_of) == 2
    above = [line for line in lines if x0 <= line.x < x1 and line.baseline < y0]
    below = [line for line in lines if x0 <= line.x < x1 and line.baseline > y1]
    level = [line for line in lines if not x0 <= line.x < x1 and y0 < line.baseline < y1]
    assert above and below and level  # above, below and on both sides
    first = min(line.baseline for line in lines)
    assert all((b.baseline - first) / pitch == pytest.approx(round((b.baseline - first) / pitch)) for b in lines)
    (fit,) = report.copy_fit()
    assert fit["lines_set"] == len(lines) and fit["overset_lines"] == 0
    # capacity: 4 columns of (30 - headline) lines, less the photo's 8 lines and a gap line above
    # and below it in its 2 columns
    grid = doc.pages[0].grid
    head = int((first - grid.top) // pitch)  # lines the headline group takes (no air added when wrapping)
    assert 1 <= head < 10
    assert fit["lines_available"] == 4 * (30 - head) - 2 * (8 + 2)


def test_headline_beside_a_photo_at_the_top(tmp_path: Path, box_book: FontBook) -> None:
    doc, _ = wrapped(tmp_path, box_book, "{column: 3, span: 2, line: 1, lines: 8}")
    x0, _, _, y1 = _photo_rect(doc)
    (head,) = [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == "a" and i.kind == "head"]
    assert head.x + head.glyphs[-1].x + head.glyphs[-1].size <= x0
    for line in body_lines(doc, "a"):
        assert line.x + line.glyphs[-1].x + line.glyphs[-1].size <= x0 or line.baseline > y1


def test_broken_columns_give_up_lines_beside_a_photo(tmp_path: Path, box_book: FontBook) -> None:
    # 四破三: the middle body column is partly over the photo's column: its lines there are skipped
    doc, _ = wrapped(tmp_path, box_book, "{column: 2, span: 1, line: 10, lines: 8}", "columns: 3")
    x0, y0, x1, y1 = _photo_rect(doc)
    for line in body_lines(doc, "a"):
        right = line.x + line.glyphs[-1].x + line.glyphs[-1].size
        assert right <= x0 or line.x >= x1 or not y0 - 15.0 < line.baseline < y1 + 15.0


def test_headline_lines_are_balanced_never_a_lone_character(tmp_path: Path, box_book: FontBook) -> None:
    doc, _ = render(tmp_path, box_book, """      - type: article
        id: a
        at: {column: 1, span: 1, line: 1, lines: 30}
        headline: 中文字版面报纸新闻日讯记者
        body: ["中文字版面"]
""")
    heads = [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == "a" and i.kind == "head"]
    # 13 characters of 18 pt in 110 pt fit 6 to a line: 6 + 6 + 1 unbalanced; balanced at words 5 + 4 + 4
    assert [h.text for h in heads] == ["中文字版面", "报纸新闻", "日讯记者"]
    assert "".join(h.text for h in heads) == "中文字版面报纸新闻日讯记者"
    assert len({round(h.x + h.glyphs[0].x, 3) for h in heads}) == 1  # a narrow story's headline: flush left


def test_balanced_centred_headline_stays_centred(tmp_path: Path, box_book: FontBook) -> None:
    doc, _ = render(tmp_path, box_book, """      - type: article
        id: a
        at: {column: 1, span: 1, line: 1, lines: 30}
        headline: {text: 中文字版面报纸新闻日讯记者, align: center}
        body: ["中文字版面"]
""")
    heads = [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == "a" and i.kind == "head"]
    assert [len(h.text) for h in heads] == [5, 4, 4]  # 中文字版面 / 报纸新闻 / 日讯记者: at words
    centres = [h.x + (h.glyphs[0].x + h.glyphs[-1].x + h.glyphs[-1].size) / 2 for h in heads]
    assert max(centres) - min(centres) < 0.5 and abs(centres[0] - (heads[0].x + 55.0)) < 0.5


def _paragraph_units(lengths: list[int]) -> list:
    """One-line flow units for paragraphs of the given line counts (flags as _body_units sets them)."""
    from layout.flow.distribute import Unit
    units = []
    for n in lengths:
        units.extend(Unit([], 1, first=n > 1 and k == 0, last=n > 1 and k == n - 1) for k in range(n))
    return units


@pytest.mark.parametrize("lengths", [[6], [3, 3], [4, 2], [5, 4, 3], [2, 4, 4], [1, 5, 2, 3]])
@pytest.mark.parametrize("height", [4, 5, 6])
def test_no_widow_or_orphan_across_columns(lengths: list[int], height: int) -> None:
    from layout.flow.distribute import distribute
    units = _paragraph_units(lengths)
    placed, stop = distribute(units, 3, height)
    assert stop >= len(units) - 1  # the rules cost at most a line here (overset, reported by the caller)
    units = units[:stop]
    where = {index: (column, line) for index, column, line in placed}
    lines = [line for _, _, line in placed]
    assert len(set(zip([c for _, c, _ in placed], lines))) == len(placed)  # one line per grid line
    for index, unit in enumerate(units):
        column, line = where[index]
        if unit.last:  # never alone at the head of a column
            assert not (line == 0 and column > 0 and where[index - 1][0] != column), (lengths, height)
        if unit.first and index + 1 < stop:  # never alone at the foot of a column
            assert where[index + 1][0] == column, (lengths, height)


def test_a_widow_that_cannot_move_is_reported() -> None:
    from layout.flow.distribute import distribute, stranded
    units = _paragraph_units([3])
    placed, stop = distribute(units, 2, 2)  # two lines a column: the third line must stand alone
    assert stop == 3
    assert len(stranded(units, placed, (), 2)) == 1
    placed, stop = distribute(units, 2, 3)
    assert stranded(units, placed, (), 3) == []
