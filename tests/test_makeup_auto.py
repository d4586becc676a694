"""Automatic make-up (自动组版, ``banmian makeup``): the made issue is checked by rendering it.

Properties, read from the rendered pages (the frame and the render's own copy-fit report), not
from the make-up's own numbers: nothing overset; on average at most one empty line per body
column where the copy allows; no two headlines side by side on overlapping lines (撞题); every
photo touching its story; the same plan gives the same issue text; the customer's page made up
is at least as well filled as the hand-made sample. Plans: the sample's page 1 (the customer's
copy) and plans with placeholder copy (tests/data/makeup) on other grids.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.frame import TextLine
from layout.makeup import make_up
from layout.page import typeset_file
from layout.report import RenderReport
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PLAN = ROOT / "issue" / "plan-sample.yaml"
PLANS = [SAMPLE_PLAN, ROOT / "tests" / "data" / "makeup" / "plan-tabloid.yaml",
         ROOT / "tests" / "data" / "makeup" / "plan-eight.yaml"]


def _made(plan: Path, book: FontBook, tmp_path: Path) -> tuple[str, RenderReport, list[TextLine], dict]:  # type: ignore[type-arg]
    """Make up ``plan`` into tmp_path and render it: the issue text, the report, page 1's text lines
    and each block's rectangle (pt) by id."""
    target = tmp_path / "made.yaml"
    made = make_up(plan, target, book)
    target.write_text(made.text, encoding="utf-8")
    _, document, report = typeset_file(target, book)
    page = document.pages[0]
    lines = [i for i in page.items if isinstance(i, TextLine)]
    rects = {r.block: (r.x, r.y, r.x + r.w, r.y + r.h) for r in page.regions}
    return made.text, report, lines, rects


@pytest.mark.expect_warnings  # placeholder copy with Latin and URLs in 13-character columns sets loose lines
@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_the_made_issue_renders_with_nothing_overset_and_full_columns(plan: Path, book: FontBook,
                                                                      tmp_path: Path) -> None:
    _, report, _, _ = _made(plan, book, tmp_path)
    assert not report.overset, [(b.block, b.overset_lines) for b in report.overset]
    fits = [b for b in report.blocks if b.kind == "article" and b.block != "baoyan"]
    columns = sum(b.fit.columns for b in fits if b.fit)
    empty = sum(b.underset_lines for b in fits)
    assert columns and empty <= columns, f"{empty} empty lines in {columns} body columns"


@pytest.mark.expect_warnings
@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_no_headlines_side_by_side_and_every_photo_touches_its_story(plan: Path, book: FontBook,
                                                                     tmp_path: Path) -> None:
    import yaml

    text, _, lines, rects = _made(plan, book, tmp_path)
    heads: dict[str, tuple[float, float]] = {}
    for line in lines:
        if line.kind == "head":
            size = max(g.size for g in line.glyphs)
            top, bottom = line.baseline - size, line.baseline + 0.2 * size
            low, high = heads.get(line.block, (top, bottom))
            heads[line.block] = (min(low, top), max(high, bottom))
    for a, (a0, a1) in heads.items():
        for b, (b0, b1) in heads.items():
            ra, rb = rects[a], rects[b]
            beside = 0 < rb[0] - ra[2] < 30  # b starts a gutter to the right of a
            assert not (beside and a0 < b1 and b0 < a1), f"撞题: {a} and {b}"
    data = yaml.safe_load(text)
    photos = [b for b in data["pages"][0]["blocks"] if b["type"] == "photo"]
    plan_data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    owners = {s.get("photo", {}).get("id", f"{s['id']}-photo"): s["id"] for s in plan_data["stories"]
              if "photo" in s}
    assert {p["id"] for p in photos} >= set(owners)
    for photo_id, story in owners.items():
        p, s = rects[photo_id], rects[story]
        above = abs(p[3] - s[1]) < 1 and p[0] < s[2] and s[0] < p[2]
        beside = abs(s[0] - p[2]) < 30 and p[1] < s[3] and s[1] < p[3] and s[0] > p[2]
        assert above or beside, f"photo {photo_id} does not touch {story}"


def test_the_customers_page_is_filled_better_than_the_hand_made_sample(book: FontBook, tmp_path: Path) -> None:
    _, report, _, _ = _made(SAMPLE_PLAN, book, tmp_path)
    _, _, hand = typeset_file(ROOT / "issue" / "sample-broadsheet.yaml", book)
    stories = {"lead", "liucheng", "yangzonghai", "panlong", "cuihu"}

    def empty(r: RenderReport) -> int:
        return sum(b.underset_lines for b in r.blocks if b.page == 1 and b.block in stories)

    assert not report.overset
    assert {b.block for b in report.blocks if b.kind == "article"} >= stories
    assert empty(report) < empty(hand), (empty(report), empty(hand))
    chars = sum(b.chars_set for b in report.blocks if b.block in stories)
    assert chars == sum(b.chars_set for b in hand.blocks if b.page == 1 and b.block in stories)  # same copy


@pytest.mark.expect_warnings
def test_the_same_plan_gives_the_same_issue(book: FontBook, tmp_path: Path) -> None:
    plan = PLANS[1]
    one = make_up(plan, tmp_path / "a.yaml", book).text
    two = make_up(plan, tmp_path / "a.yaml", book, jobs=2).text
    assert one == two
    assert "at: {column:" in one  # positions written on one line, for a person to edit


def test_the_lead_is_at_the_top_left_and_headlines_fall_with_priority(book: FontBook, tmp_path: Path) -> None:
    import yaml

    text, _, _, _ = _made(SAMPLE_PLAN, book, tmp_path)
    blocks = {b["id"]: b for b in yaml.safe_load(text)["pages"][0]["blocks"]}
    lead = blocks["lead"]["at"]
    assert lead["column"] == 1 and lead["line"] == 10  # under the masthead band, at the left
    from layout.units import HAO_SIZES_PT, parse_size

    order = ["lead", "liucheng", "yangzonghai", "panlong", "cuihu"]  # the plan's priorities 1–5
    sizes = [parse_size(str(blocks[k]["headline"]["size"])) for k in order]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] == HAO_SIZES_PT["初号"]  # the size the plan gives its lead is kept


def test_the_checks_name_headlines_side_by_side_and_a_photo_away_from_its_story(book: FontBook) -> None:
    from layout.issue.model import Placement
    from layout.makeup.checks import findings
    from layout.makeup.measure import Measurer
    from layout.makeup.plan import read_plan
    from layout.makeup.search import Layout, Piece

    plan = read_plan(SAMPLE_PLAN)
    page = plan.issue.pages[0]
    measurer = Measurer(plan.doc, plan.issue, page, SAMPLE_PLAN.parent, book)
    by_id = {s.id: s for s in plan.stories}
    lead, two, photo = by_id["lead"], by_id["liucheng"], by_id["cuihu"]
    pieces = (Piece(lead, Placement(1, 4, 10, 60), measurer.variant(lead, 4, 4)),
              Piece(two, Placement(5, 4, 10, 97), measurer.variant(two, 4, 4)),  # level with the lead's head
              Piece(photo, Placement(1, 4, 70, 15)),  # the 翠湖 photo, five lines above its story
              Piece(photo, Placement(1, 4, 90, 17), measurer.variant(photo, 4, 4)))
    rules = {f.rule: f.text for f in findings(plan, {1: Layout(0.0, pieces)})}
    assert "lead and liucheng" in rules["collision"]
    assert "cuihu" in rules["photo"]
    assert "liucheng" in rules["column"]  # from the top of the free area to the foot of the page
    assert rules["hole"].startswith("第1版: columns 1–4, lines 85–89 hold no story")  # between the photo and its story
    assert set(rules) == {"collision", "photo", "column", "hole"}


def test_the_checks_name_a_tall_column_under_a_photo_and_a_stack_of_strips(book: FontBook) -> None:
    """A one-column story under its photo, down to the briefs at the foot, runs top to foot (F6 of the
    review: it starts a few lines below the free area's top); three shallow stories across the page
    one under another read as a list (F7). Not when the stack is broken."""
    from layout.issue.model import Placement
    from layout.makeup.checks import findings
    from layout.makeup.measure import Measurer
    from layout.makeup.plan import read_plan
    from layout.makeup.search import Layout, Piece

    plan = read_plan(SAMPLE_PLAN)
    page = plan.issue.pages[0]
    measurer = Measurer(plan.doc, plan.issue, page, SAMPLE_PLAN.parent, book)
    s = {x.id: x for x in plan.stories}

    def made(third: int) -> dict[str, list[str]]:
        pieces = (Piece(s["lead"], Placement(1, 7, 10, 40), measurer.variant(s["lead"], 7, 7)),
                  Piece(s["cuihu"], Placement(8, 1, 10, 7)),  # its photo, 7 lines, over a column to the briefs
                  Piece(s["cuihu"], Placement(8, 1, 17, 86), measurer.variant(s["cuihu"], 1, 1)),
                  Piece(s["liucheng"], Placement(1, 7, 50, 10), measurer.variant(s["liucheng"], 7, 7)),
                  Piece(s["yangzonghai"], Placement(1, 7, 60, 12), measurer.variant(s["yangzonghai"], 7, 7)),
                  Piece(s["panlong"], Placement(1, 7, third, 11), measurer.variant(s["panlong"], 7, 7)))
        out: dict[str, list[str]] = {}
        for f in findings(plan, {1: Layout(0.0, pieces)}):
            out.setdefault(f.rule, []).append(f.text)
        return out

    rules = made(72)
    assert len(rules["column"]) == 1 and "cuihu" in rules["column"][0] and "lines 17–102" in rules["column"][0]
    assert len(rules["list"]) == 1 and "liucheng, yangzonghai, panlong: 3 stories" in rules["list"][0]
    assert "list" not in made(73)  # a line between the second and the third: two strips, no list
