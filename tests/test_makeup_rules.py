"""Automatic make-up keeps its promises on hard plans: nothing is lost, the lead stays on top.

Every story of a plan appears in the written issue (overset, with cut advice naming it and the
characters to cut), or the command refuses with the stories named, exit 2 and nothing written;
a photo that fits nowhere as the plan asks is placed anyway and reported; the lead's headline is
the highest on its page. Checked on the written issue and its render (the frame's head lines and
block rectangles), not on the search's own numbers. A folder render skips a make-up plan.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from layout import cli
from layout.frame import TextLine
from layout.makeup import make_up
from layout.makeup.plan import read_plan
from layout.page import typeset_file
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "makeup"
TABLOID, EIGHT, SAMPLE_PLAN = DATA / "plan-tabloid.yaml", DATA / "plan-eight.yaml", ROOT / "issue" / "plan-sample.yaml"


def _plan(source: Path, tmp_path: Path, change: Any = None, name: str = "plan.yaml") -> Path:
    """A copy of the plan ``source`` in tmp_path, changed by ``change(data)`` (house file kept beside it)."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    if isinstance(data.get("house"), str):
        data["house"] = str((source.parent / data["house"]).resolve())
    if change:
        change(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _makeup(plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, Path, str]:
    """Run ``banmian makeup`` on ``plan``: exit code, the issue it names, stderr."""
    target = tmp_path / "made.yaml"
    code = cli.main(["makeup", str(plan), "-o", str(target), "--jobs", "1"])
    return code, target, capsys.readouterr().err


def _ids(issue: Path) -> set[str]:
    """The ids of every block on the written issue's pages."""
    data = yaml.safe_load(issue.read_text(encoding="utf-8"))
    return {b["id"] for page in data["pages"] for b in page.get("blocks") or []}


def _story_ids(plan: Path) -> set[str]:
    return {s["id"] for s in yaml.safe_load(plan.read_text(encoding="utf-8"))["stories"]}


def _times(n: int) -> Any:
    """A change giving every story's body ``n`` times over."""
    def change(data: dict[str, Any]) -> None:
        for story in data["stories"]:
            story["body"] = story["body"] * n
    return change


@pytest.mark.expect_warnings
def test_copy_four_times_the_page_places_every_story_overset_and_says_what_to_cut(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], book: FontBook) -> None:
    plan = _plan(EIGHT, tmp_path, _times(4))
    code, issue, err = _makeup(plan, tmp_path, capsys)
    assert code == 1  # the made issue still has overset text
    assert _ids(issue) >= _story_ids(plan)
    _, _, report = typeset_file(issue, book)
    overset = {b.block for b in report.overset}
    assert overset
    for story in overset:  # each overset story is named with the characters to cut
        assert re.search(rf"copy-fit: 第1版 {story}: cut about \d+ characters", err), story


@pytest.mark.expect_warnings
def test_one_story_longer_than_the_page_is_placed_overset(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    def giant(data: dict[str, Any]) -> None:
        data["stories"] = data["stories"][:1]
        data["stories"][0]["body"] = data["stories"][0]["body"] * 30
    plan = _plan(TABLOID, tmp_path, giant)
    code, issue, err = _makeup(plan, tmp_path, capsys)
    assert code == 1 and _ids(issue) >= {"s1"}
    assert re.search(r"copy-fit: 第1版 s1: cut about \d{4,} characters", err)


@pytest.mark.expect_warnings
@pytest.mark.parametrize("source, aspect", [(TABLOID, 0.2), (EIGHT, 0.25)], ids=["tabloid-0.2", "eight-0.25"])
def test_a_photo_that_fits_nowhere_as_asked_loses_no_story(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           book: FontBook, source: Path, aspect: float) -> None:
    def tall(data: dict[str, Any]) -> None:
        data["stories"][0]["photo"] = {"id": "tall", "aspect": aspect, "place": "above",
                                       "caption": "（占位）图片说明。"}
    plan = _plan(source, tmp_path, tall)
    code, issue, err = _makeup(plan, tmp_path, capsys)
    assert code in (0, 1)
    assert _ids(issue) >= _story_ids(plan) | {"tall"}
    assert "s1: its photo (aspect" in err and "does not fit as asked" in err
    _, document, _ = typeset_file(issue, book)
    rects = {r.block: (r.x, r.y, r.x + r.w, r.y + r.h) for r in document.pages[0].regions}
    p, s = rects["tall"], rects["s1"]
    above = abs(p[3] - s[1]) < 1 and p[0] < s[2] and s[0] < p[2]
    beside = 0 <= s[0] - p[2] < 30 and p[1] < s[3] and s[1] < p[3]
    assert above or beside  # it still touches its story


@pytest.mark.expect_warnings
def test_a_page_with_no_room_for_the_stories_is_refused_naming_them(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    lines = read_plan(TABLOID, False).issue.pages[0].lines

    def full(data: dict[str, Any]) -> None:
        data["pages"][0]["blocks"][0]["at"]["lines"] = lines - 1  # the banner leaves one line free
    plan = _plan(TABLOID, tmp_path, full)
    code, issue, err = _makeup(plan, tmp_path, capsys)
    assert code == 2 and not issue.exists()
    assert "cannot make up the page" in err and "nothing written" in err
    for story in _story_ids(plan):
        assert story in err


def _lead_photo(place: str, aspect: float) -> Any:
    """The 二条's photo given to the lead instead (the review's case: the lead with a photo)."""
    def change(data: dict[str, Any]) -> None:
        photo = data["stories"][1].pop("photo")
        data["stories"][0]["photo"] = {**photo, "id": "lead-photo", "place": place, "aspect": aspect}
    return change


@pytest.mark.expect_warnings
@pytest.mark.parametrize("source, change", [
    (TABLOID, _lead_photo("any", 1.5)), (TABLOID, _lead_photo("above", 0.5)), (EIGHT, _lead_photo("any", 1.4)),
    (EIGHT, None), (SAMPLE_PLAN, None)], ids=["tabloid-any", "tabloid-above-0.5", "eight-any", "eight", "sample"])
def test_the_lead_s_headline_is_the_highest_on_its_page(tmp_path: Path, book: FontBook, source: Path,
                                                        change: Any) -> None:
    plan = _plan(source, tmp_path, change) if change else source
    lead = next(s["id"] for s in yaml.safe_load(plan.read_text(encoding="utf-8"))["stories"] if s["priority"] == 1)
    target = tmp_path / "made.yaml"
    made = make_up(plan, target, book)
    target.write_text(made.text, encoding="utf-8")
    _, document, _ = typeset_file(target, book)
    page = document.pages[0]
    stories = {s.id for s in made.plan.stories}
    tops = {r.block: r.y for r in page.regions if r.block in stories}
    heads: dict[str, float] = {}
    for line in page.items:
        if isinstance(line, TextLine) and line.kind == "head" and line.block in stories:
            top = line.baseline - max(g.size for g in line.glyphs)
            heads[line.block] = min(heads.get(line.block, top), top)
    assert lead in heads
    for story, top in tops.items():
        assert top >= tops[lead] - 0.5, f"{story} starts above the lead {lead}"
    for story, top in heads.items():
        assert top >= heads[lead] - 0.5, f"{story}'s headline starts above the lead's"
    assert not [f for f in made.findings if f.rule == "lead"]


@pytest.mark.expect_warnings
def test_a_folder_render_skips_a_make_up_plan_with_a_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.test_cli_batch import tiny

    tiny(tmp_path / "in" / "x.yaml", "一份报纸。")
    _plan(TABLOID, tmp_path / "in", name="plan.yaml")
    out = tmp_path / "out"
    assert cli.main(["render", str(tmp_path / "in"), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "plan.yaml: skipped, a make-up plan" in captured.err
    assert captured.out.splitlines()[-1] == "1 issues: 1 rendered, 0 failed"
    assert (out / "x.pdf").exists() and not (out / "plan.pdf").exists()
    assert cli.main(["render", str(tmp_path / "in" / "plan.yaml"), "-o", str(tmp_path / "p.pdf")]) == 2
    assert "a make-up plan" in capsys.readouterr().err and not (tmp_path / "p.pdf").exists()


@pytest.mark.expect_warnings
@pytest.mark.parametrize("aspect", [1.5, 2.0])
def test_the_lead_s_photo_under_its_headline_is_set_between_head_and_body(tmp_path: Path, book: FontBook,
                                                                           aspect: float) -> None:
    from layout.issue.model import Placement
    from layout.makeup.lead import under
    from layout.makeup.measure import Measurer
    from layout.makeup.search import Layout, Search, Solution
    from layout.makeup.write import issue_text

    def one(data: dict[str, Any]) -> None:
        _lead_photo("above", aspect)(data)
        data["stories"] = data["stories"][:1]
        data["stories"][0].update(min_span=4, max_span=4)
    plan_path = _plan(TABLOID, tmp_path, one)
    plan = read_plan(plan_path, False)
    page = plan.issue.pages[0]
    search = Search(Measurer(plan.doc, plan.issue, page, plan_path.parent, book), plan.stories,
                    [b.at for b in page.blocks])
    span, free = 4, page.lines - 5  # under the banner
    cost, option = min((under(search, 0, span, h), h) for h in range(10, free + 1))[0]
    assert option is not None and option[1] < 0  # a photo under the head: no beside or above in 4 columns
    lines = option[0].lines - option[1] + 2  # head and body, the photo, its two empty lines
    rect = Placement(1, span, 6, lines)
    assert search.leaf(0, rect, False).cost < 200
    target = tmp_path / "made.yaml"
    target.write_text(issue_text(plan, {1: Layout(cost, search.pieces(Solution(cost, ((0, rect, False),))))},
                                 target, []), encoding="utf-8")
    photo = next(b for b in yaml.safe_load(target.read_text(encoding="utf-8"))["pages"][0]["blocks"]
                 if b["id"] == "lead-photo")
    assert photo["wrap"] is True
    _, document, report = typeset_file(target, book)
    assert not report.overset
    page_frame = document.pages[0]
    box = next(r for r in page_frame.regions if r.block == "lead-photo")
    lines_of = [i for i in page_frame.items if isinstance(i, TextLine) and i.block == "s1"]
    heads = [i.baseline for i in lines_of if i.kind == "head"]
    body = [i.baseline for i in lines_of if i.kind != "head"]
    assert heads and body
    assert max(heads) < box.y  # the whole headline above the photo
    assert min(body) > box.y + box.h  # every body line under it


@pytest.mark.expect_warnings
def test_a_search_cut_short_still_places_every_story_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import layout.makeup.search as search
    from layout.makeup.cost import PLAIN

    monkeypatch.setattr(search, "FIRST_NODES", 3)
    monkeypatch.setattr(search, "PLAIN", PLAIN._replace(nodes=3))
    target = tmp_path / "made.yaml"
    assert cli.main(["makeup", str(EIGHT), "-o", str(target), "--jobs", "1"]) in (0, 1)
    out = capsys.readouterr().out
    assert "第1版: the search was cut short at its limit of rectangles" in out
    assert _ids(target) >= _story_ids(EIGHT)
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    placed = [b["at"] for b in data["pages"][0]["blocks"]]
    for i, a in enumerate(placed):  # stacked or not, no two blocks share a grid cell
        for b in placed[i + 1:]:
            assert not (a["column"] < b["column"] + b["span"] and b["column"] < a["column"] + a["span"]
                        and a["line"] < b["line"] + b["lines"] and b["line"] < a["line"] + a["lines"]), (a, b)
    assert cli.main(["makeup", str(EIGHT), "-o", str(target), "--jobs", "1", "--quiet"]) in (0, 1)
    assert "cut short" not in capsys.readouterr().out


@pytest.mark.expect_warnings
def test_a_story_left_a_headline_without_text_is_a_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           book: FontBook) -> None:
    """Stories given two or three lines under their headline, their text all overset, were written
    with 'every story placed' and 0 findings (review M, finding 1)."""
    plan = _plan(DATA / "plan-starved.yaml", tmp_path)
    code, issue, err = _makeup(plan, tmp_path, capsys)
    _, doc, report = typeset_file(issue, book)
    body = {b.block: 0 for b in report.blocks}
    for item in doc.pages[0].items:
        if getattr(item, "kind", "") == "body":
            body[item.block] += 1
    starved = {b.block for b in report.overset if body[b.block] < 4}
    for story in starved:  # measured on the render, named by the make-up
        assert re.search(rf"make-up: 第1版 {story}: \d+ body lines of the \d+ a column its copy needs", err), story
    if starved:
        assert code == 1 and "with text that does not fit" in issue.read_text(encoding="utf-8").splitlines()[0]


def test_two_leads_on_one_page_and_a_bad_jobs_count_are_refused(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Both were accepted (review M, 10a and 10c): a second 头条 on a page became a broken-rule
    finding, --jobs 0 and -2 ran."""
    def two(data: dict[str, Any]) -> None:
        data["stories"][1]["priority"] = 1
    plan = _plan(TABLOID, tmp_path, two)
    code, issue, err = _makeup(plan, tmp_path, capsys)
    assert code == 2 and not issue.exists()
    assert re.search(r"plan\.yaml:\d+ stories\[1\]\.priority: a second lead \(priority 1\) on 第1版", err)
    for jobs in ("0", "-2"):
        assert cli.main(["makeup", str(_plan(TABLOID, tmp_path)), "-o", str(issue), "--jobs", jobs]) == 2
        assert f"--jobs {jobs}: give 1 or more" in capsys.readouterr().err and not issue.exists()


@pytest.mark.parametrize("key", ["stories:", "'stories':", '"stories" :'])
def test_a_plan_is_known_by_its_stories_key_plain_or_quoted(tmp_path: Path, key: str) -> None:
    from layout.batch import is_plan

    path = tmp_path / "p.yaml"
    path.write_text(f"banmian: 1\n{key}\n  - id: a\n", encoding="utf-8")
    assert is_plan(path)
    path.write_text("banmian: 1\npages:\n  - stories: 1\n", encoding="utf-8")  # not top level
    assert not is_plan(path)


@pytest.mark.expect_warnings
def test_a_story_wider_than_the_free_area_is_the_one_named(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """An ad covering columns 1–2 from the banner to the foot leaves 4 free columns: a story that must
    span 5 is named alone, with the free width (review M 8), not every story of the page."""
    lines = read_plan(TABLOID, False).issue.pages[0].lines

    def narrow(data: dict[str, Any]) -> None:
        data["pages"][0]["blocks"].append({"type": "ad", "id": "ad",
                                           "at": {"column": 1, "span": 2, "line": 6, "lines": lines - 5}})
        data["stories"][1]["min_span"] = 5
    plan = _plan(TABLOID, tmp_path, narrow)
    code, issue, err = _makeup(plan, tmp_path, capsys)
    assert code == 2 and not issue.exists(), err
    assert "s2: fits nowhere on the page (its span 5–6" in err and "4 columns wide and" in err, err
    assert not re.search(r"\bs[13456]\b", err.split("cannot make up the page")[1]), err



@pytest.mark.expect_warnings
def test_a_lead_whose_photo_fits_only_badly_leaves_the_other_stories_room(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], book: FontBook) -> None:
    """The lead's photo asked beside it fits only badly: its cheapest slots (88–94 lines deep, the
    photo above) left the four other stories 2–3 lines each, bare headlines over 291 overset lines
    (review M, finding 1 MX1b). Each story now prints at least ``MIN_DEPTH`` lines of its body."""
    from layout.makeup.cost import MIN_DEPTH

    plan = _plan(DATA / "plan-starved.yaml", tmp_path)
    _, issue, err = _makeup(plan, tmp_path, capsys)
    assert "body lines of the" not in err  # no story left a headline with almost no text
    _, doc, report = typeset_file(issue, book)
    body = dict.fromkeys(_story_ids(plan), 0)
    for item in doc.pages[0].items:
        if isinstance(item, TextLine) and item.kind == "body" and item.block in body:
            body[item.block] += 1
    assert min(body.values()) >= MIN_DEPTH, body
    assert sum(b.overset_lines for b in report.blocks) < 100, report.overset


@pytest.mark.expect_warnings
def test_a_shallow_strip_across_the_page_is_a_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       book: FontBook) -> None:
    """Body text fewer than 8 lines deep across three or more columns, nothing overset (review M 5,
    review B 8: eight-column strips 4–5 lines deep reported as '0 make-up findings') is named, and a
    story other than the lead across the page whose text runs fewer than 12 lines (review V F4); the
    depth is read from the render (the body lines of its deepest column)."""
    from layout.makeup.checks import ACROSS_TEXT
    from layout.makeup.cost import MIN_DEPTH

    for source in (EIGHT, SAMPLE_PLAN):
        plan = _plan(source, tmp_path)
        _, issue, err = _makeup(plan, tmp_path, capsys)
        _, doc, report = typeset_file(issue, book)
        over = {b.block for b in report.overset}
        columns: dict[str, dict[float, int]] = {}
        for item in doc.pages[0].items:
            if isinstance(item, TextLine) and item.kind == "body" and item.block in _story_ids(plan):
                by_x = columns.setdefault(item.block, {})
                by_x[round(item.x)] = by_x.get(round(item.x), 0) + 1
        strips = {s for s, by_x in columns.items()
                  if len(by_x) >= 3 and max(by_x.values()) < MIN_DEPTH and s not in over}
        page = yaml.safe_load(issue.read_text(encoding="utf-8"))["pages"][0]
        lead = {s["id"] for s in yaml.safe_load(plan.read_text(encoding="utf-8"))["stories"] if s["priority"] == 1}
        across = {b["id"] for b in page["blocks"] if b["id"] in columns and b["id"] not in lead | over
                  and b["at"]["span"] >= page["grid"]["columns"] - 1 and "corner" not in b
                  and max(columns[b["id"]].values()) < ACROSS_TEXT}  # (a band of a few lines across the page)
        named = set(re.findall(r"make-up: 第1版 (\S+): body text \d+ lines deep across \d+ columns: a strip", err))
        assert named - over == strips | across, (source.name, named, strips, across)
        if source is EIGHT:
            assert strips  # the eight-story plan has them (s3, s5), the sample none
