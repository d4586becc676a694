"""The issue loader: valid files become models; bad ones name file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.errors import IssueError
from layout.issue.load import load_issue
from layout.issue.model import ArticleBlock, CrossHead, PhotoBlock
from layout.units import mm
from tests.conftest import SAMPLE

HEAD = """banmian: 1
issue: {paper: 测试报, date: 2026-01-20, number: 3}
pages:
  - number: 1
    name: 要闻
    paper: broadsheet
    blocks:
"""


def write(tmp_path: Path, blocks: str, head: str = HEAD) -> Path:
    """An issue file with the given block lines."""
    path = tmp_path / "x.yaml"
    path.write_text(head + blocks, encoding="utf-8")
    return path


def error(tmp_path: Path, blocks: str, head: str = HEAD) -> IssueError:
    """The IssueError loading such a file raises."""
    with pytest.raises(IssueError) as info:
        load_issue(write(tmp_path, blocks, head))
    return info.value


def test_sample_issue_loads() -> None:
    issue = load_issue(SAMPLE)
    page = issue.pages[0]
    assert (round(page.width_pt / mm(1)), round(page.height_pt / mm(1))) == (390, 545)
    assert page.grid.width_pt == pytest.approx(999.0)  # 8 × 13 + 7 characters of 9 pt
    lead = next(b for b in page.blocks if b.id == "lead")
    assert isinstance(lead, ArticleBlock)
    assert lead.kicker and lead.kicker.text.endswith("——")
    assert sum(isinstance(item, CrossHead) for item in lead.body) == 3
    assert [run.text for run in lead.body[4].runs][-1] == "（下转第2版）"
    photo = next(b for b in page.blocks if isinstance(b, PhotoBlock))
    assert photo.image is None and photo.credit.endswith("摄")


def test_dateline_is_split_into_a_bold_run(tmp_path: Path) -> None:
    issue = load_issue(write(tmp_path, """      - type: article
        id: a
        at: {column: 1, span: 2, line: 1, lines: 20}
        headline: 标题
        body:
          - 本报讯(记者 龙舟) 围绕打造世界级休闲度假旅游目的地
"""))
    block = issue.pages[0].blocks[0]
    assert isinstance(block, ArticleBlock)
    para = block.body[0]
    assert (para.runs[0].style, para.runs[0].text) == ("dateline", "本报讯(记者 龙舟)")


def test_span_beyond_the_grid_names_line_and_key(tmp_path: Path) -> None:
    err = error(tmp_path, """      - type: article
        id: a
        at: {column: 1, span: 9, line: 1, lines: 20}
""")
    assert str(err) == f"{tmp_path / 'x.yaml'}:10 pages[0].blocks[0].at.span: 9 is more than the 8 columns"


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    err = error(tmp_path, """      - type: article
        id: a
        at: {column: 1, span: 2, line: 1, lines: 20}
        headlin: 标题
""")
    assert err.line == 11 and err.path == "pages[0].blocks[0].headlin"
    assert "did you mean 'headline'" in err.message


def test_length_without_unit(tmp_path: Path) -> None:
    head = HEAD.replace("paper: broadsheet", "paper: broadsheet\n    margins: {top: 20}")
    err = error(tmp_path, "", head)
    assert err.path == "pages[0].margins.top" and "no unit" in err.message and err.line == 7


def test_wrong_unit(tmp_path: Path) -> None:
    head = HEAD.replace("paper: broadsheet", "paper: broadsheet\n    margins: {top: 20px}")
    err = error(tmp_path, "", head)
    assert "not a length" in err.message


def test_overlapping_blocks(tmp_path: Path) -> None:
    err = error(tmp_path, """      - type: article
        id: a
        at: {column: 1, span: 3, line: 1, lines: 20}
      - type: photo
        id: b
        at: {column: 3, span: 2, line: 10, lines: 5}
""")
    assert err.path == "pages[0].blocks[1].at" and "overlaps block 'a'" in err.message


def test_block_below_the_page(tmp_path: Path) -> None:
    err = error(tmp_path, """      - type: article
        id: a
        at: {column: 1, span: 3, line: 100, lines: 20}
""")
    assert err.path == "pages[0].blocks[0].at.lines" and "below the" in err.message


def test_missing_image(tmp_path: Path) -> None:
    err = error(tmp_path, """      - type: photo
        id: p
        at: {column: 1, span: 3, line: 1, lines: 20}
        image: nowhere.jpg
""")
    assert err.line == 11 and err.path == "pages[0].blocks[0].image" and "not found" in err.message


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    err = error(tmp_path, """      - type: article
        id: [a
""")
    assert err.line is not None and "YAML syntax error" in err.message


def test_duplicate_key(tmp_path: Path) -> None:
    err = error(tmp_path, """      - type: article
        id: a
        id: b
""")
    assert err.path == "pages[0].blocks[0].id" and "twice" in err.message


def test_aliases_are_refused(tmp_path: Path) -> None:
    err = error(tmp_path, """      - &x {type: photo, id: p, at: {column: 1, span: 1, line: 1, lines: 5}}
      - *x
""")
    assert "aliases" in err.message


def test_wrong_type(tmp_path: Path) -> None:
    err = error(tmp_path, """      - type: article
        id: a
        at: {column: one, span: 2, line: 1, lines: 5}
""")
    assert err.path == "pages[0].blocks[0].at.column" and "whole number" in err.message


def test_hao_sizes(tmp_path: Path) -> None:
    issue = load_issue(write(tmp_path, """      - type: article
        id: a
        at: {column: 1, span: 8, line: 1, lines: 20}
        headline: {text: 标题, size: 小初}
        kicker: {text: 引题, size: 14pt}
"""))
    block = issue.pages[0].blocks[0]
    assert isinstance(block, ArticleBlock) and block.headline and block.kicker
    assert (block.headline.size_pt, block.kicker.size_pt) == (36.0, 14.0)


def test_unreadable_image(tmp_path: Path) -> None:
    (tmp_path / "fake.jpg").write_bytes(b"not a jpeg")
    err = error(tmp_path, """      - type: photo
        id: p
        at: {column: 1, span: 3, line: 1, lines: 20}
        image: fake.jpg
""")
    assert err.path == "pages[0].blocks[0].image" and "not a readable image" in err.message


def test_block_type_that_is_not_text(tmp_path: Path) -> None:
    err = error(tmp_path, """      - type: [banner]
        id: a
""")
    assert err.path == "pages[0].blocks[0].type" and "unknown block type" in err.message


def test_unknown_yaml_tag(tmp_path: Path) -> None:
    err = error(tmp_path, """      - type: photo
        id: p
        at: {column: 1, span: 3, line: 1, lines: 20}
        label: !foo bar
""")
    assert err.path == "pages[0].blocks[0].label" and "tag" in err.message


def test_required_key_without_a_value(tmp_path: Path) -> None:
    err = error(tmp_path, "", HEAD.replace("paper: 测试报", "paper: "))
    assert (err.line, err.path, err.message) == (2, "issue.paper", "needs a value")


def test_margins_wider_than_the_page(tmp_path: Path) -> None:
    err = error(tmp_path, "", HEAD.replace("paper: broadsheet", "paper: broadsheet\n    margins: {left: 200mm}"))
    assert err.path == "pages[0].margins.left" and "exceed" in err.message


def test_truncated_image(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (400, 300), (10, 200, 30)).save(tmp_path / "full.jpg")
    data = (tmp_path / "full.jpg").read_bytes()
    (tmp_path / "cut.jpg").write_bytes(data[: len(data) // 2])
    err = error(tmp_path, """      - type: photo
        id: p
        at: {column: 1, span: 3, line: 1, lines: 20}
        image: cut.jpg
""")
    assert "not a readable image" in err.message


def test_inline_markup(tmp_path: Path) -> None:
    issue = load_issue(write(tmp_path, """      - type: article
        id: a
        at: {column: 1, span: 2, line: 1, lines: 20}
        body: ["甲{hei:乙}丙{em:丁}戊{kai:己}"]
"""))
    block = issue.pages[0].blocks[0]
    assert isinstance(block, ArticleBlock)
    assert [(r.text, r.style) for r in block.body[0].runs] == [
        ("甲", "body"), ("乙", "bold"), ("丙", "body"), ("丁", "emphasis"), ("戊", "body"), ("己", "kai")]
    err = error(tmp_path, """      - type: article
        id: a
        at: {column: 1, span: 2, line: 1, lines: 20}
        body: ["甲{bold:乙}"]
""")
    assert err.path == "pages[0].blocks[0].body[0]" and "unknown inline style" in err.message


def test_typography_per_page_and_article(tmp_path: Path) -> None:
    issue = load_issue(write(tmp_path, """      - type: article
        id: a
        at: {column: 1, span: 2, line: 1, lines: 20}
        typography: {punctuation: kaiming}
""", HEAD.replace("issue: {", "typography: {breaking: greedy}\nissue: {").replace(
        "paper: broadsheet", "paper: broadsheet\n    typography: {prohibition: strict}")))
    page = issue.pages[0]
    block = page.blocks[0]
    assert isinstance(block, ArticleBlock)
    assert (page.typography.breaking, page.typography.prohibition, page.typography.punctuation) == (
        "greedy", "strict", "line_end_half")
    assert (block.typography.breaking, block.typography.prohibition, block.typography.punctuation) == (
        "greedy", "strict", "kaiming")
    err = error(tmp_path, "", HEAD.replace("paper: broadsheet", "paper: broadsheet\n    typography: {breaking: fast}"))
    assert err.path == "pages[0].typography.breaking" and "optimal" in err.message


def test_masthead_notes_are_lines_of_text(tmp_path: Path) -> None:
    err = error(tmp_path, """      - type: masthead
        id: m
        at: {column: 1, span: 8, line: 1, lines: 10}
        notes: 主办单位
""")
    assert err.path == "pages[0].blocks[0].notes" and err.line == 11 and "list of lines" in err.message


def test_masthead_font_must_be_a_role(tmp_path: Path) -> None:
    err = error(tmp_path, """      - type: masthead
        id: m
        at: {column: 1, span: 8, line: 1, lines: 10}
        font: 华文行楷
""")
    assert err.path == "pages[0].blocks[0].font" and "song_bold" in err.message


def test_wrapped_photo_must_lie_inside_its_article(tmp_path: Path) -> None:
    article = """      - type: article
        id: a
        at: {column: 1, span: 3, line: 1, lines: 20}
      - type: photo
        id: p
        at: {column: 3, span: 2, line: 5, lines: 5}
"""
    err = error(tmp_path, article)
    assert err.path == "pages[0].blocks[1].at" and "give it wrap: true" in err.message
    err = error(tmp_path, article + "        wrap: true\n")
    assert "does not lie wholly inside it" in err.message
    load_issue(write(tmp_path, article.replace("column: 3, span: 2", "column: 2, span: 2") + "        wrap: true\n"))


def test_wrapped_photo_outside_every_article_is_refused(tmp_path: Path) -> None:
    err = error(tmp_path, """      - type: article
        id: a
        at: {column: 1, span: 3, line: 10, lines: 20}
      - type: photo
        id: p
        at: {column: 1, span: 2, line: 1, lines: 5}
        wrap: true
""")
    assert err.path == "pages[0].blocks[1].wrap" and err.line == 14 and "inside no article" in err.message


def test_typography_choice_without_a_value(tmp_path: Path) -> None:
    head = HEAD.replace("pages:", "typography: {punctuation: null}\npages:")
    err = error(tmp_path, "", head)
    assert err.path == "typography.punctuation" and "is not one of quanjiao" in err.message


def test_numbers_in_yaml_1_1_forms_are_read_as_the_text_typed(tmp_path: Path) -> None:
    """A time in a timetable (12:30) is no base-60 number (750), 007 no octal 7, 0x1F and 1_000 no numbers:
    text fields keep them as typed."""
    from layout.blocks.table import TableBlock
    from layout.issue.model import BannerBlock

    issue = load_issue(write(tmp_path, """      - type: banner
        id: b
        at: {column: 1, span: 8, line: 1, lines: 5}
        text: 12:30
      - type: table
        id: t
        at: {column: 1, span: 4, line: 6, lines: 20}
        columns: [车次, 发车, 到达, 历时, 编号, 码, 数]
        rows:
          - [D887, 08:05, 12:30, 4:25, 007, 0x1F, 1_000]
          - [G12, 1:30.5, 12.5, -3, +4, 0b101, 1.5e+3]
"""))
    blocks = {b.id: b for b in issue.pages[0].blocks}
    banner, table = blocks["b"], blocks["t"]
    assert isinstance(banner, BannerBlock) and isinstance(table, TableBlock)
    assert banner.text == "12:30"
    assert table.rows == (("D887", "08:05", "12:30", "4:25", "007", "0x1F", "1_000"),
                          ("G12", "1:30.5", "12.5", "-3", "+4", "0b101", "1.5e+3"))


@pytest.mark.parametrize("plainly", [True, False], ids=["plain reader", "PyYAML"])
def test_a_number_or_true_false_where_text_is_taken_is_the_text_typed(tmp_path: Path, plainly: bool) -> None:
    """Where a key or a cell takes text, a number or a true/false word is the text as typed: a price 12.50 (not
    12.5), a change +4 (not 4), a country's code NO (not False, nor an error), 10.0 (not 10)."""
    from layout.blocks.table import TableBlock
    from layout.issue.model import ArticleBlock
    from layout.issue.plainyaml import read

    plus, half = ("-4", "-0.5") if plainly else ("+4", "+.5")  # (a + sign is left to PyYAML)
    path = write(tmp_path, f"""      - type: article
        {"id" if plainly else "'id'"}: a
        at: {{column: 5, span: 4, line: 6, lines: 20}}
        kicker: 12.50
        headline: {{text: NO}}
        subhead: 2026
        body: [正文]
      - type: table
        id: t
        at: {{column: 1, span: 4, line: 6, lines: 20}}
        title: 10.0
        columns: [国家, 价格, 变化, 有, NO]
        rows:
          - [NO, 12.50, {plus}, yes, -0.50]
          - [1.10, 2, Off, true, {half}]
""")
    assert (read(path.read_text(encoding="utf-8")) is not None) == plainly  # (a quoted key: left to PyYAML)
    blocks = {b.id: b for b in load_issue(path).pages[0].blocks}
    article, table = blocks["a"], blocks["t"]
    assert isinstance(article, ArticleBlock) and isinstance(table, TableBlock)
    assert article.kicker and article.headline and article.subhead
    assert (article.kicker.text, article.headline.text, article.subhead.text) == ("12.50", "NO", "2026")
    assert table.title == "10.0" and table.columns[-1].head == "NO"
    assert table.rows == (("NO", "12.50", plus, "yes", "-0.50"), ("1.10", "2", "Off", "true", half))


def test_a_whole_number_with_leading_zeros_is_that_number_and_a_time_is_refused(tmp_path: Path) -> None:
    head = HEAD.replace("number: 3", "number: 0012")
    banner = "      - {type: banner, id: b, at: {column: 1, span: 8, line: 1, lines: 5}, text: 标题}\n"
    assert load_issue(write(tmp_path, banner, head)).meta.number == 12  # (YAML 1.1 read 0012 as octal 10)
    err = error(tmp_path, """      - type: article
        id: a
        at: {column: 1, span: 2, line: 1, lines: 1:30}
        body: [正文]
""")
    assert err.line == 10 and "lines" in str(err) and "'1:30'" in str(err)  # not 90 lines


def test_a_comma_that_split_a_text_inside_braces_gets_a_hint(tmp_path: Path) -> None:
    err = error(tmp_path, """      - type: briefs
        id: b
        at: {column: 1, span: 2, line: 1, lines: 20}
        items:
          - {lead: 量子通信, text: 全市量子通信网络累计传输逾2,000次。}
""")
    assert err.line == 12 and "unknown key '000次。'" in str(err) and "put the text in quotes" in str(err)
    plain = error(tmp_path, """      - type: article
        id: a
        at: {column: 1, span: 2, line: 1, lines: 20}
        headlin: 标题
""")
    assert "did you mean 'headline'" in str(plain) and "quotes" not in str(plain)  # a misspelt key: no such hint


def test_leading_zeros_in_an_index_page_and_past_int_s_limit(tmp_path: Path) -> None:
    from layout.blocks.index import IndexBlock

    index = ("      - type: index\n        id: i\n        at: {column: 1, span: 2, line: 1, lines: 6}\n"
             "        items:\n          - {text: 要闻, page: 05}\n")
    block = load_issue(write(tmp_path, index)).pages[0].blocks[0]
    assert isinstance(block, IndexBlock) and block.items[0].page == "第5版"  # (05 as YAML 1.1's octal was 第5版 too)
    err = error(tmp_path, "", HEAD.replace("number: 3", "number: 0" + "9" * 5000))  # an error, not int()'s ValueError
    assert err.line == 2 and "issue.number" in str(err) and "expected a whole number" in str(err)


def test_a_table_row_a_comma_split_gets_a_hint(tmp_path: Path) -> None:
    err = error(tmp_path, """      - type: table
        id: t
        at: {column: 1, span: 4, line: 1, lines: 20}
        columns: [指标, 数值]
        rows:
          - [千兆用户, 1,860]
""")
    assert "this row has 3 cells for 2 columns" in str(err) and "quote the text" in str(err)


def test_a_value_changed_since_it_was_read_is_not_given_its_old_text() -> None:
    """``Doc.as_typed`` gives the text typed only while the value is still what it read as (make-up widens a
    block: its ``at.span`` 2 becomes 5, and must be written 5, not the 2 the plan had)."""
    from layout.issue.reader import Doc

    doc = Doc("x.yaml")
    doc.typed.update({"a": "2", "b": "+4", "c": "NO", "d": "12.50", "e": ".inf"})
    assert [doc.as_typed("a", 5), doc.as_typed("a", 2), doc.as_typed("b", 4), doc.as_typed("c", False)] == [
        "5", "2", "+4", "NO"]
    assert [doc.as_typed("c", True), doc.as_typed("d", 12.5), doc.as_typed("d", 12.0), doc.as_typed("e", 1e308)] == [
        "True", "12.50", "12.0", "1e+308"]
    assert doc.as_typed("e", float("inf")) == ".inf" and doc.as_typed("z", 3) == "3"


def test_not_a_number_typed_in_a_text_key_is_its_text() -> None:
    """A byline ``.NaN`` (YAML 1.1's not-a-number) is the text typed, as any other number is."""
    from layout.issue.reader import Doc

    doc = Doc("x.yaml")
    doc.typed.update({"a": ".NaN", "b": "12.50"})
    assert doc.as_typed("a", float("nan")) == ".NaN" and doc.as_typed("b", float("nan")) == "nan"
