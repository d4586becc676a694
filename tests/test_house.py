"""The house style (a paper's house file, ``style:`` overrides) and the block registry."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from layout.blocks import NAMES, block_type, of
from layout.errors import IssueError
from layout.frame import Rule, TextLine
from layout.issue.load import load_issue
from layout.issue.model import ArticleBlock
from layout.issue.spec import KEYS
from layout.issue.style import HOUSE
from layout.page import typeset
from layout.text.clean import clean_issue
from layout.text.font import FontBook
from tests.conftest import SAMPLE

ISSUE = """banmian: 1
{top}issue: {{paper: 测试报, date: 2026-01-20}}
pages:
  - number: 1
    name: 要闻
{page}    blocks:
      - type: article
        id: story
        at: {{column: 1, span: {span}, line: 1, lines: 30}}
        headline: 滇池湿地修复工程年内完成第二期
        byline: 本报记者 李明
{article}        body:
          - 本报讯 市生态环境局20日通报，滇池东岸3.2公里湖滨带的植被恢复已经完成。
      - type: article
        id: next
        at: {{column: 1, span: {span}, line: 31, lines: 20}}
        headline: 地铁5号线试运行
        body:
          - 试运行期间每日发车120班。
"""


def issue_file(tmp_path: Path, top: str = "", page: str = "", article: str = "", span: int = 4) -> Path:
    """An issue with two stacked articles; ``top``, ``page``, ``article``: extra YAML lines at each level."""
    path = tmp_path / "issue.yaml"
    path.write_text(ISSUE.format(top=top, page=page, article=article, span=span), encoding="utf-8")
    return path


def test_the_sample_house_file_is_the_default_style() -> None:
    issue = load_issue(SAMPLE)
    assert issue.style == HOUSE
    assert all(page.style == HOUSE for page in issue.pages)


def test_house_file_and_overrides_resolve_innermost_wins(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text("headline: {sizes: {1: 小二, 4: 一号}}\nbyline: {size: 小四}\n",
                                         encoding="utf-8")
    path = issue_file(tmp_path, top="house: house.yaml\nstyle: {byline: {font: hei}}\n",
                      page="    style: {running_head: {size: 六号}}\n",
                      article="        style: {headline: {font: song_bold}}\n")
    issue = load_issue(path)
    story, other = issue.pages[0].blocks
    assert isinstance(story, ArticleBlock) and isinstance(other, ArticleBlock)
    assert story.headline is not None and story.headline.size_pt == 26.0  # 一号 from the house file, span 4
    assert story.headline.role == "song_bold"  # the article's own change
    assert other.headline is not None and other.headline.role == "hei_bold"  # not the neighbour's
    assert issue.style.byline.size == 12.0 and issue.style.byline.font == "hei"  # house file, then the issue
    assert issue.pages[0].style.running_head.size == 7.5 and issue.style.running_head.size == 9.0


def test_house_style_reaches_the_page(tmp_path: Path, book: FontBook) -> None:
    path = issue_file(tmp_path, top="style: {byline: {size: 小四}, rules: {between: 1pt}, "
                                    "running_head: {rule: 2pt}}\n")
    issue, _ = clean_issue(load_issue(path))
    frame = typeset(issue, book)[0].pages[0]
    byline = [i for i in frame.items if isinstance(i, TextLine) and i.block == "story"
              and "".join(g.ch for g in i.glyphs).startswith("本报记者")]
    assert byline and {g.size for g in byline[0].glyphs} == {12.0}
    weights = sorted({i.width for i in frame.items if isinstance(i, Rule)})
    assert weights == [1.0, 2.0]  # the hairline between the two stories, the running head's rule


@pytest.mark.parametrize(("top", "key", "words"), [
    ("style: {headline: {font: comic}}\n", "style.headline.font", "not one of"),
    ("style: {bylin: {size: 五号}}\n", "style.bylin", "did you mean 'byline'"),
    ("style: {headline: {sizes: {3: 二号}}}\n", "style.headline.sizes", "span 1"),
    ("style: {masthead: {colour: [0, 2, 1, 0]}}\n", "style.masthead.colour", "fractions"),
    ("style: {rules: {between: 30pt}}\n", "style.rules.between", "range"),
    ("style: {fit: {step: 0pt}}\n", "style.fit.step", "range"),  # (0: a head's fitting never ended)
    ("style: {fit: {step: 0.001pt}}\n", "style.fit.step", "range"),
    ("style: {rule: {dotted: 0pt}}\n", "style.rule.dotted", "range"),  # (0: divided by zero)
    ("style: {rule: {flower: 0pt}}\n", "style.rule.flower", "range"),
])
def test_bad_style_names_line_and_key(tmp_path: Path, top: str, key: str, words: str) -> None:
    with pytest.raises(IssueError) as info:
        load_issue(issue_file(tmp_path, top=top))
    assert info.value.path == key and info.value.line == 2 and words in str(info.value)


def test_bad_house_file_names_its_own_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text("# house\nbyline:\n  size: 5\n", encoding="utf-8")
    with pytest.raises(IssueError) as info:
        load_issue(issue_file(tmp_path, top="house: house.yaml\n"))
    assert info.value.file.endswith("house.yaml") and info.value.line == 3 and info.value.path == "byline.size"


def test_house_file_outside_the_folder_is_refused_with_safe(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text("byline: {size: 五号}\n", encoding="utf-8")
    inner = tmp_path / "in"
    inner.mkdir()
    path = issue_file(inner, top="house: ../house.yaml\n")
    assert load_issue(path).style == HOUSE  # allowed without --safe
    with pytest.raises(IssueError, match="outside the issue's folder"):
        load_issue(path, safe=True)


def test_every_registered_block_type_is_one_module_the_format_knows() -> None:
    for name in NAMES:
        kind = block_type(name)
        assert kind.name == name and importlib.import_module(f"layout.blocks.{name}").TYPE is kind
        assert {"type", "id", "at"} <= set(KEYS[name])
    for page in load_issue(SAMPLE).pages:
        assert {of(b).name for b in page.blocks} <= set(NAMES)


@pytest.mark.parametrize(("at", "key", "words"), [
    ("{column: 2, span: 3, line: 25, lines: 10}", "at", "photo 'pic' wraps into article 'story' but does not lie "
                                                        "wholly inside it"),
    ("{column: 5, span: 2, line: 5, lines: 10}", "wrap", "photo 'pic' has wrap: true but lies inside no article"),
])
def test_wrap_rules_name_the_block_types(tmp_path: Path, at: str, key: str, words: str) -> None:
    text = ISSUE.format(top="", page="", article="", span=4) + f"""      - type: photo
        id: pic
        at: {at}
        wrap: true
"""
    path = tmp_path / "issue.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IssueError) as info:
        load_issue(path)
    assert info.value.path == f"pages[0].blocks[2].{key}" and words in info.value.message


def test_previews_watch_the_house_file(tmp_path: Path, book: FontBook) -> None:
    from layout.preview.build import typeset_file

    (tmp_path / "paper.house.yaml").write_text("byline: {size: 小四}\n", encoding="utf-8")
    path = issue_file(tmp_path, top="house: paper.house.yaml\n")
    assert (tmp_path / "paper.house.yaml").resolve() in typeset_file(path, book).files
