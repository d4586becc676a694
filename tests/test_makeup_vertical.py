"""Make-up with vertical headlines (竖排标题): a story the plan allows one may get it, no other does.

Checked on the written issue and its render (the frame's vertical columns and overset report),
not on the search's own numbers: a narrow story whose horizontal head would be capped below its
priority's size and whose copy would be overset gets a vertical head, set in one column of glyphs
at its priority's size; the lead never gets one; a story without ``head_vertical`` never does.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from layout import cli
from layout.frame import VerticalLine
from layout.issue.model import Placement
from layout.makeup.checks import collisions
from layout.makeup.measure import VERTICAL_SPANS, Measurer, ladder
from layout.makeup.plan import read_plan
from layout.makeup.search import Piece
from layout.page import typeset_file
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]
TABLOID = ROOT / "tests" / "data" / "makeup" / "plan-tabloid.yaml"


def _plan(tmp_path: Path, wishes: dict[str, dict[str, Any]], name: str = "plan.yaml") -> Path:
    """The tabloid test plan with each story's keys updated by ``wishes`` (by story id)."""
    data = yaml.safe_load(TABLOID.read_text(encoding="utf-8"))
    for story in data["stories"]:
        story.update(wishes.get(story["id"], {}))
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _made(plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any], Path]:
    """``banmian makeup`` on ``plan``: exit code, the written issue's article blocks by id, its file."""
    target = tmp_path / "made.yaml"
    code = cli.main(["makeup", str(plan), "-o", str(target), "--jobs", "1", "--quiet"])
    capsys.readouterr()
    data = yaml.safe_load(target.read_text(encoding="utf-8")) if target.exists() else {"pages": []}
    blocks = {b["id"]: b for page in data["pages"] for b in page.get("blocks") or [] if b.get("type") == "article"}
    return code, blocks, target


@pytest.mark.expect_warnings
def test_a_narrow_story_allowed_a_vertical_head_gets_one_set_in_a_column_nothing_overset(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], book: FontBook) -> None:
    # s3 (priority 3) may run one column only: a horizontal head there is capped at the span's size
    # and its copy does not fit beside the others; a vertical head keeps its size and fits.
    plan = _plan(tmp_path, {"s3": {"head_vertical": "allowed", "max_span": 1}})
    code, blocks, issue = _made(plan, tmp_path, capsys)
    assert code == 0
    s3 = blocks["s3"]
    assert s3["head_vertical"] == "right" and s3["at"]["span"] == 1
    assert all("head_vertical" not in b for sid, b in blocks.items() if sid != "s3")
    sizes = sorted({s for _, s in read_plan(plan).issue.style.headline.sizes}, reverse=True)
    assert s3["headline"]["size"] == "二号" and sizes[2] == 22.0  # its priority's step, not the 1-column size
    assert cli.main(["render", str(issue), "-o", str(tmp_path / "made.pdf"), "--strict", "--quiet"]) == 0
    _, document, report = typeset_file(issue, book)
    assert not report.overset
    columns = [i for i in document.pages[0].items if isinstance(i, VerticalLine) and i.block == "s3"]
    assert "".join(c.text for c in columns) == "（占位）第三条稿件标题"
    head = columns[0]
    assert len(columns) == 1 and len(head.glyphs) == len("（占位）第三条稿件标题")
    assert len({round(g.x, 1) for g in head.glyphs if not g.rotated}) == 1  # one column: the same x …
    tops = [g.y for g in head.glyphs]
    assert tops == sorted(tops) and tops[-1] - tops[0] >= 8 * 22.0  # … going down, a 二号 em a character
    rect = next(r for r in document.pages[0].regions if r.block == "s3")
    assert rect.x + rect.w - 22.0 - 1 <= head.x <= rect.x + rect.w  # at the story's right edge
    body = [i for i in document.pages[0].items if getattr(i, "block", "") == "s3" and getattr(i, "kind", "") == "body"]
    assert body and max(line.x for line in body) < head.x  # the body beside it, to its left


@pytest.mark.expect_warnings
def test_a_story_that_does_not_allow_it_never_gets_a_vertical_head(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = _plan(tmp_path, {"s3": {"max_span": 1}})
    _, blocks, _ = _made(plan, tmp_path, capsys)
    assert set(blocks) >= {"s1", "s2", "s3", "s4", "s5", "s6"}
    assert not any("head_vertical" in b for b in blocks.values())


@pytest.mark.expect_warnings
def test_the_lead_never_gets_a_vertical_head(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    everyone = {sid: {"head_vertical": "allowed"} for sid in ("s2", "s3", "s4", "s5", "s6")}
    _, blocks, _ = _made(_plan(tmp_path, everyone), tmp_path, capsys)
    assert "head_vertical" not in blocks["s1"]
    for value in ("allowed", "right"):
        plan = _plan(tmp_path, {"s1": {"head_vertical": value}}, f"lead-{value}.yaml")
        target = tmp_path / f"lead-{value}-made.yaml"
        assert cli.main(["makeup", str(plan), "-o", str(target), "--jobs", "1"]) == 2
        err = capsys.readouterr().err
        assert f"{plan.name}:" in err and "stories[0].head_vertical" in err and "lead" in err
        assert not target.exists()


def test_vertical_variants_only_narrow_and_deep_at_their_priority_size(tmp_path: Path, book: FontBook) -> None:
    plan_path = _plan(tmp_path, {"s3": {"head_vertical": "allowed"}, "s6": {"head_vertical": "allowed"}})
    plan = read_plan(plan_path)
    page = plan.issue.pages[0]
    measurer = Measurer(plan.doc, plan.issue, page, plan_path.parent, book)
    seen = 0
    for story in (s for s in plan.stories if s.head_vertical):
        for span in range(1, page.grid.columns + 1):
            for v in (v for v in measurer.variants(story, span) if v.vertical):
                seen += 1
                assert span <= VERTICAL_SPANS and v.head_lines == 0
                assert v.body_lines >= max(12, v.vhead_lines)  # the text runs as deep as the head, and deep
                assert v.line_chars >= 8
                head = v.block.headline
                assert head is not None
                sizes = ladder(v.block)
                assert head.size_pt == sizes[min(story.priority, len(sizes)) - 1]  # its priority's size, at any span
                assert v.block.head_vertical == "right"
    assert seen


def test_a_vertical_heads_extent_is_its_strip_for_the_collision_check(tmp_path: Path, book: FontBook) -> None:
    plan_path = _plan(tmp_path, {"s3": {"head_vertical": "allowed"}})
    plan = read_plan(plan_path)
    page = plan.issue.pages[0]
    measurer = Measurer(plan.doc, plan.issue, page, plan_path.parent, book)
    s3, s4 = (next(s for s in plan.stories if s.id == i) for i in ("s3", "s4"))
    vert = next(v for v in measurer.variants(s3, 1) if v.vertical)
    flat = measurer.variants(s4, 1)[0]
    tall = vert.lines + 2
    left, right = Placement(1, 1, 10, 40), Placement(2, 1, 10, 40)
    # the strip on s3's right stands beside s4's head to its right: 撞题
    assert collisions((Piece(s3, left, vert), Piece(s4, right, flat))) == [("s3", "s4")]
    # s4's head to s3's left faces s3's body, not its head: no 撞题
    assert collisions((Piece(s4, left, flat), Piece(s3, right, vert))) == []
    # s4 starting below the foot of s3's head column: no 撞题
    below = Placement(2, 1, 10 + vert.vhead_lines, tall)
    assert collisions((Piece(s3, left, vert), Piece(s4, below, flat))) == []


@pytest.mark.expect_warnings
def test_vertical_variants_measured_in_two_processes_give_the_same_issue(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = _plan(tmp_path, {"s3": {"head_vertical": "allowed", "max_span": 1}, "s6": {"head_vertical": "allowed"}})
    texts = []
    for jobs in ("1", "2"):
        target = tmp_path / f"made-{jobs}.yaml"
        cli.main(["makeup", str(plan), "-o", str(target), "--jobs", jobs, "--quiet"])
        texts.append(target.read_text(encoding="utf-8"))
    capsys.readouterr()
    assert "head_vertical: right" in texts[0] and texts[0] == texts[1]


@pytest.mark.parametrize(("value", "headless", "said"), [
    ("sometimes", False, "'sometimes' is not one of allowed, right, left"),
    ("allowed", True, "needs a headline")])
def test_a_bad_head_vertical_is_refused_naming_its_line_and_key(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, headless: bool, said: str) -> None:
    plan = _plan(tmp_path, {"s6": {"head_vertical": value}})
    if headless:
        data = yaml.safe_load(plan.read_text(encoding="utf-8"))
        data["stories"][5].pop("headline")
        plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    target = tmp_path / "made.yaml"
    assert cli.main(["makeup", str(plan), "-o", str(target), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert re.search(r"plan\.yaml:\d+ stories\[5\]\.head_vertical: ", err) and said in err
    assert "Traceback" not in err and not target.exists()


@pytest.mark.expect_warnings
def test_a_required_vertical_head_on_a_short_page_is_made_and_drawn_whole(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], book: FontBook) -> None:
    """A forced vertical head was given a slot shorter than it (the render dropped it: a story without
    its headline, review M finding 3); then, held to its one column's length, this page, which the
    render sets with the head in two columns, was refused (review L). Now: made, the head drawn whole."""
    plan = tmp_path / "plan.yaml"
    plan.write_text((ROOT / "tests" / "data" / "makeup" / "plan-vshort.yaml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    code, blocks, target = _made(plan, tmp_path, capsys)
    assert code in (0, 1) and set(blocks) == {"v1"} and blocks["v1"]["head_vertical"] == "right"
    _, doc, _ = typeset_file(target, book)
    drawn = "".join(g.ch for i in doc.pages[0].items if isinstance(i, VerticalLine) and i.block == "v1"
                    for g in i.glyphs)
    assert drawn == "昆明推进滇池保护治理工作取得新进展"
