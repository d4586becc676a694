"""``banmian makeup``: bad plans are refused with the file, line and key (exit 2, no traceback,
nothing written); the command writes the issue and says how it fits."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout import cli

ROOT = Path(__file__).resolve().parents[1]

PLAN = """banmian: 1
issue: {paper: 测试报, date: 2026-03-02}
pages:
  - number: 1
    paper: tabloid
    grid: {columns: 6, chars: 12, gutter: 1, body_size: 小五, leading: 13.5pt}
stories:
  - id: one
    priority: 1
    headline: （占位）测试标题
    body: [（占位稿）本段为版式测试文字，不是新闻。]
"""


def _run(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    code = cli.main(["makeup", str(plan), "-o", str(tmp_path / "out.yaml")])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("change, line, key, words", [
    ("    priority: 1\n", 10, "stories[0].at", "make-up decides"),  # a story with a position
    ("    priority: 1\n", 8, "stories[0]", "missing required key 'priority'"),
    ("    priority: 1\n", 9, "stories[0].prority", "did you mean 'priority'"),
    ("    priority: 1\n", 10, "stories[0].photo", "an image file or an aspect"),
    ("    priority: 1\n", 10, "stories[0].page", "page 3 is not in the plan"),
    ("    priority: 1\n", 10, "stories[0].min_span", "more than max_span"),
    ("    priority: 1\n", 10, "stories[0].headline.txt", "did you mean 'text'"),  # checked as an article's
    ("    priority: 1\n", 10, "stories[0].photo.aspect", "outside 0.2..5.0"),
    ("  - id: one\n", 8, "stories[0].id", "one word, without spaces"),  # the advice names stories by id
])
def test_a_bad_plan_is_refused_with_file_line_and_key(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      change: str, line: int, key: str, words: str) -> None:
    replacement = {
        "stories[0].at": "    priority: 1\n    at: {column: 1, span: 2, line: 1, lines: 9}\n",
        "stories[0]": "",
        "stories[0].prority": "    prority: 1\n",
        "stories[0].photo": "    priority: 1\n    photo: {caption: 无图}\n",
        "stories[0].page": "    priority: 1\n    page: 3\n",
        "stories[0].min_span": "    priority: 1\n    min_span: 4\n    max_span: 2\n",
        "stories[0].headline.txt": "    priority: 1\n    headline: {txt: 标题}\n",
        "stories[0].photo.aspect": "    priority: 1\n    photo: {aspect: 9}\n",
        "stories[0].id": "  - id: 'a: b'\n",
    }[key]
    text = PLAN.replace(change, replacement)
    if key == "stories[0].headline.txt":
        text = text.replace("    headline: （占位）测试标题\n", "")
    code, err = _run(tmp_path, text, capsys)
    assert code == 2, err
    assert "Traceback" not in err
    assert f"plan.yaml:{line} {key}" in err and words in err, err
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("second, line, key, words", [
    ("    headline: 只有标题\n", 12, "stories[1]", "a story needs body text"),  # no body: its own line
    ("    headline: 只有标题\n    body: []\n", 15, "stories[1].body", "a story needs body text"),
    ("    headline: 只有标题\n    body: ['  ']\n", 15, "stories[1].body", "a story needs body text"),
    ("    headline: ''\n    body: [（占位稿）第二段。]\n", 14, "stories[1].headline", "needs a value"),
    ("    headline: {text: ' '}\n    body: [（占位稿）第二段。]\n", 14, "stories[1].headline.text", "needs a value"),
])
def test_a_story_without_text_is_refused_at_its_own_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         second: str, line: int, key: str, words: str) -> None:
    """A headline-only story (no body, or an empty one) and a blank headline are refused with the
    plan's own file, line and key, before anything is made: not set as a headline strip, and not
    left for the checking render to find in the made file."""
    code, err = _run(tmp_path, PLAN + "  - id: two\n    priority: 2\n" + second, capsys)
    assert code == 2 and "Traceback" not in err, err
    assert f"plan.yaml:{line} {key}: " in err and words in err, err
    assert not (tmp_path / "out.yaml").exists()


def test_a_plan_without_stories_or_with_a_duplicate_id_is_refused(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(tmp_path, PLAN.split("stories:")[0], capsys)
    assert code == 2 and "a plan needs a list of stories" in err
    twice = PLAN + "  - id: one\n    priority: 2\n    body: [（占位稿）第二段。]\n"
    code, err = _run(tmp_path, twice, capsys)
    assert code == 2 and "plan.yaml:12 stories[1].id: id 'one' is used twice" in err, err
    code, err = _run(tmp_path, PLAN.replace("stories:", "stories: [\n"), capsys)
    assert code == 2 and "YAML syntax error" in err and "Traceback" not in err


def test_makeup_writes_the_issue_and_says_how_it_fits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = _run(tmp_path, PLAN, capsys)
    assert code == 0
    out = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    assert "id: one" in out and "at: {column: 1" in out
    assert cli.main(["render", str(tmp_path / "out.yaml"), "-o", str(tmp_path / "out.pdf"), "--strict"]) == 0
    code = cli.main(["makeup", str(tmp_path / "plan.yaml"), "-o", str(tmp_path / "plan.yaml")])
    assert code == 2 and "the plan itself" in capsys.readouterr().err


def test_makeup_of_the_sample_plan_prints_its_fit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = ROOT / "issue" / ".made-test.yaml"
    try:
        assert cli.main(["makeup", str(ROOT / "issue" / "plan-sample.yaml"), "-o", str(out)]) == 0
        line = capsys.readouterr().out
        assert "5 stories on 1 page(s)" in line and "0 lines overset" in line, line
    finally:
        out.unlink(missing_ok=True)


@pytest.mark.expect_warnings  # placeholder copy with Latin in narrow columns sets loose lines
def test_alternatives_are_different_layouts_with_a_contact_sheet(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import yaml
    from PIL import Image

    plan = ROOT / "tests" / "data" / "makeup" / "plan-tabloid.yaml"
    out = tmp_path / "made.yaml"
    assert cli.main(["makeup", str(plan), "-o", str(out), "--alternatives", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and "0 lines overset" in lines[0] and "0 lines overset" in lines[1], lines
    second = tmp_path / "made-2.yaml"

    def places(path: Path) -> dict[str, tuple[int, ...]]:
        blocks = yaml.safe_load(path.read_text(encoding="utf-8"))["pages"][0]["blocks"]
        return {b["id"]: tuple(b["at"].values()) for b in blocks}

    def lead_shape(path: Path) -> tuple[int, int]:  # the lead with its photo: first column, last column
        mine = [at for name, at in places(path).items() if name == "s1" or name.startswith("s1-")]
        return min(at[0] for at in mine), max(at[0] + at[1] - 1 for at in mine)

    assert lead_shape(out) != lead_shape(second)  # the lead takes another shape, not just another height
    with Image.open(tmp_path / "made-alternatives.png") as sheet:
        assert sheet.width > 2 * 200  # two thumbnails side by side
    for path in (out, second):
        assert cli.main(["render", str(path), "-o", str(path.with_suffix(".pdf")), "--strict", "--quiet"]) == 0


def test_stories_without_a_page_are_spread_over_the_plan_s_pages(tmp_path: Path) -> None:
    import copy

    import yaml

    from layout.makeup.plan import read_plan

    data = yaml.safe_load((ROOT / "tests" / "data" / "makeup" / "plan-eight.yaml").read_text(encoding="utf-8"))
    second = copy.deepcopy(data["pages"][0]) | {"number": 2, "blocks": []}
    data["pages"].append(second)
    data["stories"][3]["priority"] = 1  # a second lead (s4)
    data["stories"][7]["page"] = 1  # s8 stays where the plan puts it
    path = tmp_path / "two.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    plan = read_plan(path)
    pages = {s.id: s.page for s in plan.stories}
    assert pages["s1"] == 1 and pages["s4"] == 2 and pages["s8"] == 1  # one lead a page, the first first
    assert set(pages.values()) == {1, 2}
    # page 2 has no masthead: more free area, so it takes more of the others
    assert sum(1 for p in pages.values() if p == 2) >= sum(1 for p in pages.values() if p == 1) - 1
    # one page: nothing moves
    data["pages"].pop()
    data["stories"][3]["priority"] = 4
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert {s.page for s in read_plan(path).stories} == {1}


def test_a_photo_with_both_an_image_and_an_aspect_is_refused(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The image's own aspect and a different ``aspect`` cannot both hold (review M 10b)."""
    from PIL import Image

    Image.new("RGB", (150, 100), "gray").save(tmp_path / "pic.png")
    text = PLAN.replace("    priority: 1\n", "    priority: 1\n    photo: {image: pic.png, aspect: 2}\n")
    code, err = _run(tmp_path, text, capsys)
    assert code == 2 and "plan.yaml:10 stories[0].photo.aspect" in err and "not both" in err, err
    assert not (tmp_path / "out.yaml").exists()
    code, err = _run(tmp_path, text.replace(", aspect: 2", ""), capsys)
    assert code == 0, err


@pytest.mark.expect_warnings
def test_a_heads_ornament_is_named_from_the_made_issues_folder(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """A 题花 image the plan names beside it is named relative to the made issue written into another
    folder (as photos are), so the checking render and a later render find it (review K finding 7)."""
    from PIL import Image

    Image.new("L", (60, 60), 0).save(tmp_path / "orn.png")
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.replace("    headline: （占位）测试标题\n",
                                 "    headline: {text: （占位）测试标题, ornament: orn.png}\n"), encoding="utf-8")
    (tmp_path / "made").mkdir()
    made = tmp_path / "made" / "out.yaml"
    assert cli.main(["makeup", str(plan), "-o", str(made)]) == 0, capsys.readouterr().err
    assert "ornament: ../orn.png" in made.read_text(encoding="utf-8")
    assert cli.main(["render", str(made), "-o", str(tmp_path / "made" / "out.pdf"), "--strict"]) == 0


def test_stories_without_a_page_go_to_the_earlier_page_by_priority(tmp_path: Path) -> None:
    """One lead and two pages (review F10): the desk fills page 1 with the most important stories, so
    二条 is not sent to page 2 while lower stories stay on page 1; page 2 still gets its share."""
    import copy

    import yaml

    from layout.makeup.plan import read_plan

    data = yaml.safe_load((ROOT / "tests" / "data" / "makeup" / "plan-eight.yaml").read_text(encoding="utf-8"))
    data["pages"].append(copy.deepcopy(data["pages"][0]) | {"number": 2, "blocks": []})
    more = copy.deepcopy(data["stories"][1:])  # as many stories again, lower in priority
    for k, story in enumerate(more):
        story["id"], story["priority"] = f"{story['id']}b", 20 + k
        story.pop("page", None)
    data["stories"] += more
    path = tmp_path / "two.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    stories = read_plan(path).stories
    on = {n: sorted(s.priority for s in stories if s.page == n) for n in (1, 2)}
    assert on[1] and on[2]  # both pages filled
    assert 1 in on[1] and 2 in on[1]  # the lead and 二条 on page 1
    # no story on page 2 ranks above every story page 1 has besides a few small ones that fill its room
    assert sum(on[1]) / len(on[1]) < sum(on[2]) / len(on[2])
    assert min(on[2]) > sorted(on[1])[len(on[1]) // 2]  # page 2's best ranks below page 1's middle


@pytest.mark.expect_warnings  # the warning under test
def test_fewer_alternatives_than_asked_are_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A plan whose lead has one shape only (review Y7: `--alternatives 4` wrote one layout, silently)."""
    plan = ROOT / "tests" / "data" / "makeup" / "plan-ribbon.yaml"
    out = tmp_path / "made.yaml"
    assert cli.main(["makeup", str(plan), "-o", str(out), "--alternatives", "3"]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "asked for" in line]
    assert len(said) == 1 and "1 layout of the 3 asked for" in said[0], said
    assert str(tmp_path / "made-2.yaml") in said[0] and str(tmp_path / "made-3.yaml") in said[0]
    assert out.exists() and not (tmp_path / "made-2.yaml").exists()


def test_every_page_has_one_lead_its_first_story_in_priority(tmp_path: Path) -> None:
    """A page without a priority 1 story still has its 头条 (``plan.crown``): its first story in
    priority that may take a horizontal headline, with the lead's span of half the page at least
    unless the plan gives one. Before, only priority 1 was the lead, and page 2 of a plan with one
    lead had none."""
    import copy

    import yaml

    from layout.makeup.plan import read_plan

    data = yaml.safe_load((ROOT / "tests" / "data" / "makeup" / "plan-eight.yaml").read_text(encoding="utf-8"))
    data["pages"].append(copy.deepcopy(data["pages"][0]) | {"number": 2, "blocks": []})
    more = copy.deepcopy(data["stories"][1:5])
    for story in data["stories"]:
        story["page"] = 1
    for k, story in enumerate(more):
        story["id"], story["priority"], story["page"] = f"{story['id']}b", 3 + k, 2
    more[0]["head_vertical"] = "right"  # a vertical head is never the lead: the next story is
    more[2]["priority"] = more[1]["priority"]  # a tie: the first in the plan
    more[2]["min_span"] = 2
    data["stories"] += more
    path = tmp_path / "two.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    stories = read_plan(path).stories
    leads = {n: [s.id for s in stories if s.page == n and s.lead] for n in (1, 2)}
    assert leads == {1: ["s1"], 2: ["s3b"]}, leads
    by_id = {s.id: s for s in stories}
    assert by_id["s3b"].min_span == 4 and by_id["s3b"].priority == 4  # half of 8 columns; its own priority
    assert by_id["s2b"].head_vertical == "right" and not by_id["s2b"].lead
    # the plan's own min_span is kept for a story made lead; a story that is not lead is untouched
    more[1]["min_span"], more[2]["min_span"] = 3, 1
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    by_id = {s.id: s for s in read_plan(path).stories}
    assert by_id["s3b"].lead and by_id["s3b"].min_span == 3 and by_id["s4b"].min_span == 1
    seconds = {n: [s.id for s in read_plan(path).stories if s.page == n and s.second] for n in (1, 2)}
    assert seconds == {1: ["s2"], 2: ["s2b"]}, seconds  # the first after the lead, a vertical head or not


def test_a_box_is_not_made_the_lead_and_the_second_follows_the_lead(tmp_path: Path) -> None:
    """A boxed story (评论) first in priority on a page without a priority 1 story is not made its
    头条: the next horizontal story is, and the box keeps its own span limits. The 二条 mark goes to
    the stories after the lead of the highest priority (ties both), whatever their number; a page
    of boxes and vertical heads only has no lead at all."""
    import yaml

    from layout.makeup.plan import read_plan

    data = yaml.safe_load((ROOT / "tests" / "data" / "makeup" / "plan-eight.yaml").read_text(encoding="utf-8"))
    for k, story in enumerate(data["stories"]):
        story["priority"] = 2 + k
        story.pop("boxed", None), story.pop("head_vertical", None), story.pop("min_span", None)
    data["stories"][0]["boxed"] = True
    data["stories"][1]["priority"] = data["stories"][2]["priority"] = 2  # ties with the box: the first leads
    path = tmp_path / "boxed.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    stories = read_plan(path).stories
    ids = [s["id"] for s in data["stories"]]
    assert [s.id for s in stories if s.lead] == [ids[1]]
    assert [s.id for s in stories if s.second] == [ids[0], ids[2]]  # after the lead, the highest priority: both
    assert next(s for s in stories if s.id == ids[0]).min_span == 1
    for story in data["stories"][1:]:
        story["head_vertical"] = "right"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    stories = read_plan(path).stories
    assert not any(s.lead for s in stories)
    assert [s.id for s in stories if s.second] == ids[:3]  # no lead: the three of priority 2 stand high
