"""A narrow story (``max_span`` 1–2, a 评论 box) on a page its copy does not fill (review V F1).

Before: the search found no layout at all (a story narrower than the page cannot go across any
rectangle, and beside the lead only with both headlines at the top, a cut it never made; the lead's
L offered only the corner its own copy fits, 4 columns wide), so make-up refused a 60 %-empty page
as "do not all fit". Now the lead turns a corner the 评论 can take, or, when no L is possible (the
lead has a photo), the 评论 stands beside the lead at 撞题's cost, reported. Checked on the made
issue and its render (overset, spans, the written YAML), with placeholder copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from layout.cli import main
from layout.makeup import make_up, step
from layout.makeup.fallback import unplaceable
from layout.makeup.measure import Measurer
from layout.makeup.plan import read_plan
from layout.makeup.rules import spans_fill
from layout.makeup.search import Search
from layout.page import typeset_file
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]
NARROW = ROOT / "tests" / "data" / "makeup" / "plan-narrow.yaml"


def _blocks(text: str) -> dict[str, dict]:
    return {b["id"]: b for page in yaml.safe_load(text)["pages"] for b in page["blocks"]}


def _variant_plan(tmp_path: Path, change: dict[str, dict]) -> Path:
    data = yaml.safe_load(NARROW.read_text(encoding="utf-8"))
    for story in data["stories"]:
        story.update(change.get(story["id"], {}))
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.expect_warnings  # (copy-fit: the page is under-filled; loose lines of the test copy)
def test_a_narrow_comment_beside_a_short_lead_is_made_in_the_lead_s_corner(tmp_path: Path, book: FontBook) -> None:
    target = tmp_path / "made.yaml"
    made = make_up(NARROW, target, book)
    target.write_text(made.text, encoding="utf-8")
    blocks = _blocks(made.text)
    lead, box = blocks["s1"], blocks["s4"]
    assert 1 <= box["at"]["span"] <= 2 and box.get("box")  # within its spans, still boxed
    corner = lead["corner"]  # the lead turns a corner; the 评论 is in it, under the lead's full width
    assert corner["span"] == box["at"]["span"] and corner["lines"] == box["at"]["lines"]
    assert box["at"]["column"] == lead["at"]["column"] + lead["at"]["span"] - corner["span"]
    assert box["at"]["line"] > lead["at"]["line"] and box["at"]["line"] + box["at"]["lines"] == \
        lead["at"]["line"] + lead["at"]["lines"]
    assert not [f for f in made.findings if f.rule in ("collision", "lead")]
    _, _, report = typeset_file(target, book)
    assert not report.overset
    assert main(["render", str(target), "-o", str(tmp_path / "made.pdf"), "--strict"]) == 0
    assert (tmp_path / "made.pdf").stat().st_size > 0


@pytest.mark.usefixtures("no_makeup_cache")  # (made without the step: not a layout to keep for the plan)
@pytest.mark.expect_warnings
def test_a_narrow_story_beside_a_lead_that_cannot_turn_a_corner_is_made_with_its_clash_reported(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lead with a portrait photo (no L: across the lead's top it leaves the L too little of the
    page): without its photo heading a side column (``step``), the only layout is the 评论 beside the
    lead, both headlines at the top; the page is made (not refused), the 撞题 is a finding."""
    monkeypatch.setattr(step, "wanted", lambda search: False)
    plan = _variant_plan(tmp_path, {"s1": {"photo": {"aspect": 0.75, "caption": "（占位）测试图片说明。"}}})
    target = tmp_path / "made.yaml"
    made = make_up(plan, target, book)
    target.write_text(made.text, encoding="utf-8")
    blocks = _blocks(made.text)
    assert 1 <= blocks["s4"]["at"]["span"] <= 2 and blocks["s4"].get("box")
    assert "corner" not in blocks["s1"]
    assert [f.rule for f in made.findings].count("collision") == 1
    _, _, report = typeset_file(target, book)
    assert not report.overset


@pytest.mark.usefixtures("no_makeup_cache")
@pytest.mark.expect_warnings
def test_a_narrow_story_beside_a_lead_whose_photo_heads_a_side_column_has_no_clash(
        tmp_path: Path, book: FontBook) -> None:
    """The same page with the lead's photo heading a side column (``step``): the photo beside the lead's
    headline, on its left, from the lead's first line; no 撞题, nothing overset."""
    plan = _variant_plan(tmp_path, {"s1": {"photo": {"aspect": 0.75, "caption": "（占位）测试图片说明。"}}})
    target = tmp_path / "made.yaml"
    made = make_up(plan, target, book)
    target.write_text(made.text, encoding="utf-8")
    blocks = _blocks(made.text)
    lead, photo = blocks["s1"]["at"], blocks["s1-photo"]["at"]
    assert photo["line"] == lead["line"] and photo["column"] + photo["span"] == lead["column"]
    assert 1 <= blocks["s4"]["at"]["span"] <= 2 and blocks["s4"].get("box")
    assert not [f for f in made.findings if f.rule == "collision"]
    _, _, report = typeset_file(target, book)
    assert not report.overset



@pytest.mark.expect_warnings  # (copy-fit: the page is under-filled)
def test_a_lead_with_a_landscape_photo_turns_a_corner_under_it_round_the_narrow_comment(
        tmp_path: Path, book: FontBook) -> None:
    """The lead with a landscape photo (aspect 1.5): its photo across the top of the page, the lead
    under it turning a corner, the 评论 in the corner; no 撞题 (before the L took a photo: the 评论's
    head beside the lead's, reported)."""
    plan = _variant_plan(tmp_path, {"s1": {"photo": {"aspect": 1.5, "caption": "（占位）测试图片说明。"}}})
    target = tmp_path / "made.yaml"
    made = make_up(plan, target, book)
    target.write_text(made.text, encoding="utf-8")
    blocks = _blocks(made.text)
    lead, picture, box = blocks["s1"], blocks["s1-photo"], blocks["s4"]
    assert picture["at"]["span"] == lead["at"]["span"] == 5 and picture["at"]["line"] + picture["at"]["lines"] == \
        lead["at"]["line"]  # the photo right over its story, across it
    assert lead["corner"]["span"] == box["at"]["span"] and box["at"]["line"] > lead["at"]["line"]
    assert not [f for f in made.findings if f.rule in ("collision", "lead")]
    _, _, report = typeset_file(target, book)
    assert not report.overset

def test_spans_fill(tmp_path: Path, book: FontBook) -> None:
    plan = read_plan(NARROW)
    page = plan.issue.pages[0]
    search = Search(Measurer(plan.doc, plan.issue, page, NARROW.parent, book), list(plan.stories),
                    [b.at for b in page.blocks])
    ids = {s.id: i for i, s in enumerate(search.stories)}
    assert [w for w in range(1, 6) if spans_fill(search, (ids["s4"],), w)] == [1, 2]
    assert [w for w in range(1, 6) if spans_fill(search, (ids["s1"],), w)] == [3, 4, 5]  # (a lead: 3 at least)
    assert spans_fill(search, (ids["s1"], ids["s4"]), 5)
    # a page whose stories' copy fits its area is not refused as too long (the message, were it refused)
    assert "fit the free area by their copy" in unplaceable(search)
