"""A page whose lead has the page's only photo (``plan-lead-photo.yaml``: plan-eight's copy, the photo
story s2 the lead, the boxed s1 the 二条): no other story can open a side of a cut down without a
headline on its first line (no photo to go first, no vertical head), so every side beside a
neighbour's headline has no layout. The search says so at once (``rules.may_open``) and does not
spend its limit of rectangles finding nothing; and the made page, read from the written issue and
its render (``bench/makeup_heldout.py``'s evaluator), keeps the rules it can keep. The lead's photo
heads a side column (``layout.makeup.step``): beside the lead's headline, the 评论 under it, no story
but the lead across the page; held-out pages whose lead has the only photo are good pages, and the
plan whose every layout had a 撞题 (``plan-stagger.yaml``) has none. The page is not yet good by the
evaluator's measure (a test expected to fail): set side by side its copy leaves nearly a third of the
page empty, and one story takes most of it.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from layout.issue.model import Placement
from layout.makeup import make_up, rules, step
from layout.makeup.measure import Measurer
from layout.makeup.plan import read_plan
from layout.makeup.search import Search
from layout.makeup.solution import make
from layout.text.font import FontBook
from tests.madeup import heldout_bench, made_afresh, made_and_read

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "tests" / "data" / "makeup" / "plan-lead-photo.yaml"
INF = float("inf")


def _search(book: FontBook, path: Path = PLAN) -> Search:
    """A fresh search of the plan's page (``path``: the plan, by default ``PLAN``)."""
    plan = read_plan(path, False)
    page = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == page.number]
    return Search(Measurer(plan.doc, plan.issue, page, path.parent, book), stories, [b.at for b in page.blocks])


@pytest.mark.usefixtures("no_makeup_cache")
@pytest.mark.expect_warnings  # placeholder copy in narrow columns sets loose lines
def test_a_side_none_of_whose_stories_may_open_it_has_no_layout_and_is_not_searched(
        book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    search = _search(book)
    plain = {s["id"] for s in yaml.safe_load(PLAN.read_text(encoding="utf-8"))["stories"]
             if "photo" not in s and "head_vertical" not in s}  # (read from the plan, not the search)
    ids = tuple(i for i, s in enumerate(search.stories) if s.id in plain)[:3]
    assert len(ids) == 3
    side = Placement(5, 4, 40, 50)  # a side of a cut down beside a neighbour's headline, free of fixed blocks
    search.ordered, search.limit = True, 10 ** 6
    found = search.solve(side, ids, True)
    assert found.cost == INF and search.nodes == 0  # no layout, said at once
    monkeypatch.setattr(rules, "may_open", lambda *_: True)  # searched in full, as before
    search.memo.clear()
    found = search.solve(side, ids, True)
    assert found.cost == INF and search.nodes > 0  # the same answer, found the long way


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, book: FontBook) -> tuple[dict[str, Any], dict[str, Any]]:
    """The plan made up (afresh) and evaluated from its render; (the evaluation, the made issue's data)."""
    from layout.makeup import store

    plan = tmp_path_factory.mktemp("lead-photo") / PLAN.name
    shutil.copy(PLAN, plan)
    was = store.enabled()
    store.use(False)
    try:
        found = heldout_bench().evaluate(plan, book)
    finally:
        store.use(was)
    return found, yaml.safe_load(plan.with_name(plan.stem + "-made.yaml").read_text(encoding="utf-8"))


def _blocks(issue: dict[str, Any]) -> dict[str, dict[str, int]]:
    """The made page's blocks' places (``at``), by id."""
    return {b["id"]: b["at"] for b in issue["pages"][0]["blocks"]}


@pytest.mark.expect_warnings
def test_the_page_keeps_the_rules_it_can(made: tuple[dict[str, Any], dict[str, Any]]) -> None:
    found, issue = made
    at = _blocks(issue)
    assert set(found["placed"]) == {f"s{i}" for i in range(1, 9)}
    assert found["overset"] == 0 and found["clash"] == 0 and found["apart"] == 0
    lead = [at["s2"], at["s2-photo"]]  # the lead with its photo: from the free area's first line (10) ...
    assert min(a["line"] for a in lead) == 10
    assert min(a["column"] for a in lead) == 1  # ... at its left (or across it)
    assert all(a["line"] >= 10 for key, a in at.items() if key.startswith("s"))


@pytest.mark.expect_warnings
@pytest.mark.xfail(strict=True, reason="its copy set side by side fills about two thirds of the page: "
                   "193 empty lines in 27 body columns, most in one story; the search is cut short")
def test_the_page_is_good(made: tuple[dict[str, Any], dict[str, Any]]) -> None:
    found, issue = made
    at = _blocks(issue)
    columns = issue["pages"][0]["grid"]["columns"]
    assert at["s1"]["span"] <= 3 and at["s7"]["span"] <= 3  # the boxes (评论) at most boxes.max_span
    bands = [k for k, a in at.items() if k in found["placed"] and k != "s2" and a["span"] * 4 >= columns * 3]
    assert len(bands) <= 1  # no stack of stories across the page (千层饼)
    assert found["per_col"] <= 1.0 and found["strips"] == 0 and not found["cut_short"]


@pytest.mark.expect_warnings
def test_the_leads_photo_heads_a_side_column(made: tuple[dict[str, Any], dict[str, Any]]) -> None:
    found, issue = made
    at = _blocks(issue)
    columns = issue["pages"][0]["grid"]["columns"]
    photo, lead = at["s2-photo"], at["s2"]
    assert photo["line"] == lead["line"] == 10 and photo["column"] == 1  # both from the free area's top
    assert lead["column"] == photo["column"] + photo["span"]  # the photo beside the lead, on its left
    under = [k for k, a in at.items() if k in found["placed"] and a["line"] == photo["line"] + photo["lines"]
             and photo["column"] <= a["column"] <= photo["column"] + photo["span"] - 1]
    assert under, at  # a story opens right under the photo, beside the lead's body (not its headline)
    assert at["s1"]["span"] * 2 <= columns  # the 评论 at most half the page (3: test_the_page_is_good)
    assert not [k for k, a in at.items() if k in found["placed"] and k != "s2" and a["span"] * 4 >= columns * 3]
    assert found["clash"] == 0 and found["overset"] == 0  # (``strips`` reads its 3-column banner as the page)



def _lead_only(bench: Any, seed: int, folder: Path) -> Path:
    """Held-out plan ``seed`` with every photo taken off but the lead's (given the first one's when it had none)."""
    plan = bench.make_plan(seed, folder)
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    photos = [s.pop("photo") for s in data["stories"] if "photo" in s]
    data["stories"][0]["photo"] = photos[0]
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return plan


@pytest.mark.usefixtures("no_makeup_cache")
@pytest.mark.expect_warnings
@pytest.mark.parametrize("seed", [14, 23])  # (before the step: 14 and 12 lines overset)
def test_a_held_out_page_whose_lead_has_the_only_photo_is_good(seed: int, book: FontBook, tmp_path: Path) -> None:
    bench = heldout_bench()
    plan = _lead_only(bench, seed, tmp_path)
    found = bench.evaluate(plan, book)  # (read from the render)
    assert found["overset"] == 0 and found["clash"] == 0 and found["strips"] == 0
    assert found["lead_top"] and found["apart"] == 0  # the lead's head the highest, its photo touching it
    assert found["per_col"] <= 1.0
    lead = yaml.safe_load(plan.read_text(encoding="utf-8"))["stories"][0]["id"]
    at = _blocks(yaml.safe_load(plan.with_name(plan.stem + "-made.yaml").read_text(encoding="utf-8")))
    photo, article = at[f"{lead}-photo"], at[lead]
    assert photo["line"] == article["line"] and photo["column"] + photo["span"] == article["column"]  # beside
    assert photo["lines"] != article["lines"]  # a Step: not a photo as deep as its story (``place: beside``)


@pytest.mark.usefixtures("no_makeup_cache")
@pytest.mark.expect_warnings
def test_a_page_none_of_whose_stories_may_open_beside_the_lead_has_no_clash(book: FontBook, tmp_path: Path) -> None:
    plan = ROOT / "tests" / "data" / "makeup" / "plan-stagger.yaml"  # (before the step: s2 and s1 撞题)
    result, document, _ = made_afresh(plan, tmp_path / "made.yaml", book)
    assert not [f.text for f in result.findings if f.rule == "collision"]
    bench = heldout_bench()
    page = document.pages[0]
    rects = {r.block: (r.x, r.y, r.x + r.w, r.y + r.h) for r in page.regions}
    assert bench.clashes(bench.head_groups(page.items), bench.vertical_heads(page.items), rects) == 0  # the render's


@pytest.mark.expect_warnings
@pytest.mark.parametrize("change", [{}, {"head_vertical": "allowed"}, {"photo": {"aspect": 1.5, "caption": "图"}}])
def test_the_step_is_wanted_only_where_no_other_story_may_open_a_side(
        change: dict[str, Any], book: FontBook, tmp_path: Path) -> None:
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    next(s for s in data["stories"] if s["id"] == "s3").update(change)  # (the 三条: no photo, no vertical head)
    plan = tmp_path / PLAN.name
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert _search(book, plan).steps == (not change)  # another story may open a side: no step wanted
    box, picture = (s := step.Step(1, 8, 10, 30, "left", 3, 30, 0, 20)).box, s.picture
    assert picture.last_column + 1 == box.column and picture.line == box.line  # the photo beside the article's top
    assert picture.span + box.span == 8 and (picture.lines, box.lines) == (20, 30)


@pytest.mark.expect_warnings
def test_a_tall_photo_heading_a_side_column_stays_on_the_page(book: FontBook, tmp_path: Path) -> None:
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    data["stories"] = [s for s in data["stories"] if s["id"] in ("s2", "s3", "s8")]
    data["stories"][[s["id"] for s in data["stories"]].index("s2")]["photo"]["aspect"] = 0.35  # (a tall photo)
    plan = tmp_path / PLAN.name
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    lines, columns = (search := _search(book, plan)).lines, search.columns
    assert search.steps
    _, made, _ = made_and_read(plan, tmp_path / "made.yaml", book)  # (rendered: no error)
    at = {b["id"]: b["at"] for b in made["pages"][0]["blocks"]}
    assert all(a["line"] >= 1 and a["line"] + a["lines"] - 1 <= lines for a in at.values()), at
    assert all(a["column"] >= 1 and a["column"] + a["span"] - 1 <= columns for a in at.values()), at
    assert {"s2", "s2-photo", "s3", "s8"} <= set(at)


@pytest.mark.expect_warnings
def test_alternatives_with_the_leads_photo_heading_a_side_column_are_different_layouts(tmp_path: Path) -> None:
    from layout import cli

    plan = ROOT / "tests" / "data" / "makeup" / "plan-stagger.yaml"  # (its every layout without the step: 撞题)
    out = tmp_path / "made.yaml"
    cli.main(["makeup", str(plan), "-o", str(out), "--alternatives", "3", "--no-cache"])  # (1: one overset)
    made = [out, tmp_path / "made-2.yaml", tmp_path / "made-3.yaml"]
    assert all(path.exists() for path in made)  # (before: one layout, every step banned with the first)
    places = [_blocks(yaml.safe_load(path.read_text(encoding="utf-8"))) for path in made]
    leads = [(at["s1"]["column"], at["s1"]["span"]) for at in places]
    assert len(set(leads)) == 3, leads  # the lead's article in a different place in each
    for at in places:
        photo, lead = at["s1-photo"], at["s1"]
        assert photo["line"] == lead["line"] and photo["column"] + photo["span"] == lead["column"]  # a step


@pytest.mark.expect_warnings
def test_the_step_is_offered_beside_a_masthead_with_no_banner(book: FontBook, tmp_path: Path) -> None:
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    page = data["pages"][0]
    page["blocks"] = [b for b in page["blocks"] if b["type"] == "masthead"]  # (columns 1-3, lines 1-9)
    masthead = page["blocks"][0]["at"]
    plan = tmp_path / PLAN.name
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    search = _search(book, plan)
    search.ordered, search.limit = True, 10 ** 6
    left = masthead["column"] + masthead["span"]  # the leftmost column free on the page's first line
    rect = Placement(left, search.columns - left + 1, 1, search.lines)  # beside the masthead, to the foot
    found = step.better(search, rect, (0, 1, 2), False, make((INF, (), ())))
    assert found.cost < INF
    lead = next(r for sid, r, _ in found.leaves if sid == 0)
    assert isinstance(lead, step.Step) and lead.line == 1 and lead.picture.column == left  # the photo on the left
    assert all(rect.column <= r.column and r.last_column <= rect.last_column and rect.line <= r.line
               and r.end_line <= rect.end_line for _, r, _ in found.leaves)  # all inside the rectangle


def _crowded(folder: Path, more: int) -> Path:
    """The plan's 8 stories and ``more`` copies of its 三条 (no photo, no vertical head: none may open a
    side), written in ``folder``."""
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    third = next(s for s in data["stories"] if s["id"] == "s3")
    data["stories"] += [{**copy.deepcopy(third), "id": f"x{k}", "priority": 5} for k in range(more)]
    plan = folder / PLAN.name
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return plan


@pytest.mark.expect_warnings
@pytest.mark.parametrize("more", [step.CROWDED - 8, step.CROWDED - 7])
def test_the_step_is_not_wanted_on_a_crowded_page(more: int, book: FontBook, tmp_path: Path) -> None:
    plan = _crowded(tmp_path, more)
    search = _search(book, plan)
    assert len(search.stories) == 8 + more
    assert search.steps == (len(search.stories) <= 12)  # (past 12 the page is made as before the step)


@pytest.mark.usefixtures("no_makeup_cache")
@pytest.mark.expect_warnings
def test_a_crowded_page_with_the_step_tried_is_made_and_written(book: FontBook, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # 20 stories, the step tried (``CROWDED`` raised): its sub-searches spend the stacked layouts' limit, and
    # the last tries, on an allowance of their own (``fallback.allow``), make the page (it was refused: "more
    # than the search can place", nothing written), overset, every story on it
    plan = _crowded(tmp_path, 12)
    monkeypatch.setattr(step, "CROWDED", 20)
    assert _search(book, plan).steps
    result = make_up(plan, tmp_path / "made.yaml", book)
    made = yaml.safe_load(result.text)
    placed = {b["id"] for page in made["pages"] for b in page["blocks"]}
    assert {s["id"] for s in yaml.safe_load(plan.read_text(encoding="utf-8"))["stories"]} <= placed
