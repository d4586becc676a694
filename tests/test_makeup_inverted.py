"""Priority order down the page priced in the search (review Y3, ``ranks.inverted``): on a tabloid page
of four stories without photos and a boxed 评论, the make-up had run the 二条 across the page's foot
under the 三条's L and the 评论 (reported after the search, never priced in it). The made page: the
二条 opens above the 三条 and in the upper half of the free area, nothing overset, at most one empty
line a body column; read from the made issue's geometry and its render, not the make-up's numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml

from layout.makeup import ranks, step
from layout.text.font import FontBook
from tests.madeup import made_afresh, made_and_read

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "tests" / "data" / "makeup" / "plan-foot.yaml"


@pytest.fixture(scope="module")
def made(book: FontBook, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, Any], Any]:
    return made_and_read(PLAN, tmp_path_factory.mktemp("foot") / "foot-made.yaml", book)


@pytest.mark.expect_warnings
def test_the_second_story_opens_above_the_third_not_at_the_foot(made: tuple[Any, dict[str, Any], Any]) -> None:
    result, issue, report = made
    priority = {s["id"]: s["priority"] for s in yaml.safe_load(PLAN.read_text(encoding="utf-8"))["stories"]}
    page = issue["pages"][0]
    at = {b["id"]: b["at"] for b in page["blocks"] if b["id"] in priority}
    by = {p: i for i, p in priority.items()}
    assert at[by[2]]["line"] + 1 < at[by[3]]["line"], at  # the 二条 opens above the 三条
    top = min(a["line"] for a in at.values())
    foot = max(a["line"] + a["lines"] for a in at.values())
    assert at[by[2]]["line"] - top < (foot - top) / 2, at  # in the upper half of the free area
    assert not [f.text for f in result.findings if f.rule == "order"]
    assert sum(b.overset_lines for b in report.blocks) == 0
    columns = [c for b in report.blocks if b.block in priority and b.fit for c in b.fit.column_fit]
    assert columns and sum(c.empty for c in columns) <= len(columns)  # the fill goal still holds


def test_a_story_across_the_foot_pays_for_each_less_important_one_above_it() -> None:
    class _S:
        def __init__(self, priority: int, boxed: bool = False) -> None:
            self.priority, self.boxed = priority, boxed

    class _Search:
        stories: ClassVar[list[_S]] = [_S(1), _S(2), _S(3), _S(4, True), _S(5)]

    from layout.makeup.search import Solution
    one = Solution(10.0)
    search: Any = _Search()
    # the 二条 across the foot under the 三条 and 五条 (the boxed 四条 pays nothing): two pairs, one two steps apart
    assert ranks.inverted(search, 1, (0, 2, 3, 4), one).cost == 10.0 + 2 * ranks.INVERT + 2 * ranks.INVERT_STEP
    # the 三条 across the foot under the 二条 (in order) and the 五条 (two steps): one pair
    assert ranks.inverted(search, 2, (1, 4), one).cost == 10.0 + ranks.INVERT + ranks.INVERT_STEP
    assert ranks.inverted(search, 3, (1, 2), one).cost == 10.0  # a boxed story across the foot: free
    assert ranks.inverted(search, 1, (2, 3, 4), Solution(float("inf"))).cost == float("inf")  # (no such leaf)


STAGGER = ROOT / "tests" / "data" / "makeup" / "plan-stagger.yaml"


@pytest.mark.expect_warnings
def test_a_forced_clash_names_the_story_a_vertical_head_would_free(book: FontBook, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # no story but the lead may open beside a headline without its own: every layout with the lead
    # narrower than the page has a 撞题 (review Y2); the finding says which story a vertical head frees.
    # (Without the lead's photo heading a side column, ``step``, which frees it too: test_makeup_lead_photo.)
    monkeypatch.setattr(step, "wanted", lambda search: False)
    result, _, _ = made_afresh(STAGGER, tmp_path / "made.yaml", book)
    clashes = [f.text for f in result.findings if f.rule == "collision"]
    assert clashes and all("`head_vertical: allowed` on s2" in text for text in clashes), clashes
    # … and it does: allowed one, the 二条 takes it and the page fits without 撞题
    plan = yaml.safe_load(STAGGER.read_text(encoding="utf-8"))
    next(s for s in plan["stories"] if s["id"] == "s2")["head_vertical"] = "allowed"
    freed = tmp_path / "plan-freed.yaml"
    freed.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    result, document, report = made_afresh(freed, tmp_path / "freed.yaml", book)
    assert not [f.text for f in result.findings if f.rule == "collision"]
    assert sum(b.overset_lines for b in report.blocks) == 0
    heads = _head_bands(document)
    assert len(heads) == 5  # no two heads side by side on overlapping heights, by the render's glyphs
    column = plan["pages"][0]["grid"]["chars"] * 9.0  # pt: a base column of 小五 (9 pt) body characters
    for a, (_, right, top, foot) in heads.items():
        for b, (left2, _, top2, foot2) in heads.items():
            beside = 0 <= left2 - right < column  # b starts less than a column right of a's end: nothing between
            assert not (beside and top < foot2 and top2 < foot), (a, b, heads)


def _head_bands(document: Any) -> dict[str, tuple[float, float, float, float]]:
    """Each article's headline glyphs' extent (left, right, top, baseline of the lowest) in pt, from the render."""
    from layout.frame import TextLine, VerticalLine
    out: dict[str, tuple[float, float, float, float]] = {}
    for item in document.pages[0].items:
        if isinstance(item, TextLine) and item.kind == "head" and item.glyphs:
            box = (item.x + min(g.x for g in item.glyphs), item.x + max(g.x + g.size for g in item.glyphs),
                   item.baseline - max(g.size for g in item.glyphs), item.baseline)
        elif isinstance(item, VerticalLine) and item.glyphs:  # (a vertical head: its column's em boxes)
            box = (item.x, item.x + item.width, item.top,
                   item.top + max(g.y + (g.size if g.rotated else 0) for g in item.glyphs))
        else:
            continue
        old = out.get(item.block, box)
        out[item.block] = (min(old[0], box[0]), max(old[1], box[1]), min(old[2], box[2]), max(old[3], box[3]))
    return out


@pytest.mark.expect_warnings  # (``--no-cache``: made without the step, not a layout to keep for the plan)
def test_a_page_made_with_a_clash_still_has_alternatives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # review Y7: its every layout has a 撞题, so the alternatives' searches (which never tried one) found
    # none and `--alternatives` said no other shape of the lead made a page; each is a page, its lead elsewhere
    # (made without the lead's photo heading a side column, ``step``, which has layouts without 撞题)
    monkeypatch.setattr(step, "wanted", lambda search: False)
    from layout import cli
    out = tmp_path / "made.yaml"
    cli.main(["makeup", str(STAGGER), "-o", str(out), "--alternatives", "2", "--no-cache"])
    second = tmp_path / "made-2.yaml"
    assert second.exists()
    leads = [next((b["at"]["column"], b["at"]["span"]) for b in yaml.safe_load(path.read_text(encoding="utf-8"))
                  ["pages"][0]["blocks"] if b["id"] == "s1") for path in (out, second)]
    assert leads[0] != leads[1], leads
