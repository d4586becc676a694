"""A made issue written to another folder than its plan's still finds every file the plan's
fixed blocks name: an ad's artwork (``file``), a photo's or logo's ``image``, a head's 题花
(review AA: an ad's ``file`` was copied as written, and the made issue failed to load)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from layout.blocks.ad import AdBlock
from layout.issue.load import load_issue
from layout.issue.model import ArticleBlock
from layout.makeup.plan import read_plan
from layout.makeup.write import issue_text

PLAN = """banmian: 1
issue: {paper: 测试晚报, date: 2026-03-02, number: 1}
pages:
  - number: 1
    paper: tabloid
    grid: {columns: 6, chars: 12, gutter: 1, body_size: 小五, leading: 13.5pt}
    blocks:
      - type: banner
        id: banner
        at: {column: 1, span: 6, line: 1, lines: 5}
        text: （占位）测试通栏标题
      - type: article
        id: fixed
        at: {column: 1, span: 2, line: 6, lines: 20}
        headline: {text: （占位）固定稿件𡒄, ornament: art/flower.png}
        body: [（占位稿）文字只用于检查排版的换行、标点与栏高。]
      - type: ad
        id: ad
        at: {column: 1, span: 6, line: 30, lines: 8}
        file: art/ad.png
stories:
  - id: s1
    priority: 1
    headline: （占位）头条稿件的测试标题
    body: [（占位稿）文字只用于检查排版的换行、标点与栏高。]
"""


def test_fixed_blocks_files_follow_the_made_issue(tmp_path: Path) -> None:
    (tmp_path / "plan" / "art").mkdir(parents=True)
    for name in ("ad.png", "flower.png"):
        Image.new("RGB", (60, 40), (200, 40, 40)).save(tmp_path / "plan" / "art" / name)
    source = tmp_path / "plan" / "plan.yaml"
    source.write_text(PLAN, encoding="utf-8")
    target = tmp_path / "made" / "deeper" / "issue.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(issue_text(read_plan(source), {}, target, []), encoding="utf-8")
    issue = load_issue(target)
    ad = next(b for b in issue.pages[0].blocks if b.id == "ad")
    assert isinstance(ad, AdBlock) and ad.file is not None
    assert ad.file.resolve() == (tmp_path / "plan" / "art" / "ad.png").resolve()
    fixed = next(b for b in issue.pages[0].blocks if b.id == "fixed")
    assert isinstance(fixed, ArticleBlock) and fixed.headline is not None
    assert fixed.headline.ornament is not None
    assert fixed.headline.ornament.resolve() == (tmp_path / "plan" / "art" / "flower.png").resolve()


def test_the_made_issue_writes_extension_b_ideographs_as_themselves(tmp_path: Path) -> None:
    """An ideograph past U+FFFF (a name's 𡒄) stays itself in the file a desk edits, not an escape."""
    (tmp_path / "art").mkdir()
    for name in ("ad.png", "flower.png"):
        Image.new("RGB", (60, 40), (200, 40, 40)).save(tmp_path / "art" / name)
    source = tmp_path / "plan.yaml"
    source.write_text(PLAN, encoding="utf-8")
    text = issue_text(read_plan(source), {}, tmp_path / "made.yaml", [])
    assert "固定稿件\U00021484" in text and "\\U" not in text


def test_numbers_and_true_false_words_stay_as_typed_in_the_made_issue(tmp_path: Path) -> None:
    """A plan's 12.50, NO, 10.0 where text is taken (a fixed table's cells, a story's kicker and headline) come back
    in the made issue as typed: the issue reads them as the plan did (not 12.5, false, 10)."""
    from layout import cli
    from layout.blocks.table import TableBlock

    plan = tmp_path / "plan.yaml"
    plan.write_text("""banmian: 1
issue: {paper: 测试报, date: 2026-03-02}
pages:
  - number: 1
    paper: tabloid
    grid: {columns: 6, chars: 12, gutter: 1, body_size: 小五, leading: 13.5pt}
    blocks:
      - type: table
        id: t
        at: {column: 1, span: 6, line: 50, lines: 12}
        columns: [国家, 价格, 有]
        rows:
          - [NO, 12.50, yes]
          - [10.0, +4, Off]
stories:
  - id: one
    priority: 1
    kicker: 12.50
    headline: NO
    subhead: {text: 2026.10}
    body: [（占位稿）本段为版式测试文字，不是新闻。]
  - id: two
    priority: 2
    headline: 2026
    byline: 12.50
    body: [（占位稿）本段为版式测试文字，不是新闻。]
""", encoding="utf-8")
    out = tmp_path / "out.yaml"
    assert cli.main(["makeup", str(plan), "-o", str(out)]) == 0
    blocks = {b.id: b for b in load_issue(out).pages[0].blocks}
    table, story, two = blocks["t"], blocks["one"], blocks["two"]
    assert isinstance(table, TableBlock) and isinstance(story, ArticleBlock) and isinstance(two, ArticleBlock)
    assert two.headline and (two.headline.text, two.byline) == ("2026", "12.50")  # (a number: no crash writing it)
    assert table.rows == (("NO", "12.50", "yes"), ("10.0", "+4", "Off"))
    assert story.kicker and story.headline and story.subhead
    assert (story.kicker.text, story.headline.text, story.subhead.text) == ("12.50", "NO", "2026.10")


def test_a_story_key_tells_heads_typed_apart(tmp_path: Path) -> None:
    """Two plans whose headlines read as the same number (1.00, 1.000) but print differently are different stories
    to the make-up's cache across runs: the page searched for one is not the other's."""
    from layout import default_book
    from layout.makeup.measure import Measurer

    (tmp_path / "art").mkdir()
    for name in ("ad.png", "flower.png"):
        Image.new("RGB", (60, 40), (200, 40, 40)).save(tmp_path / "art" / name)
    keys = []
    for head in ("1.00", "1.000"):
        source = tmp_path / f"plan-{head}.yaml"
        source.write_text(PLAN.replace("headline: （占位）头条稿件的测试标题", f"headline: {head}"), encoding="utf-8")
        plan = read_plan(source)
        measurer = Measurer(plan.doc, plan.issue, plan.issue.pages[0], tmp_path, default_book())
        keys.append(measurer.story_key(plan.stories[0]))
    assert keys[0] != keys[1]
