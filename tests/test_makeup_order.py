"""Stories placed in priority order (review V, F3/F5): on a broadsheet page of six short stories
without photos the make-up had set the 二条 across the page's foot under the 三条, 四条, 五条 and
六条 (they rode down the lead's and each other's corners); a designer sets the 二条 high. The made
page: the 二条 starts above every lower-priority story, in the page's upper half, nothing overset.
And a boxed story wider than the house's ``boxes.max_span`` costs the search ``cost.BOX_WIDE`` a
column past it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from layout.issue.style import HOUSE, Boxes
from layout.makeup import cost
from layout.text.font import FontBook
from tests.madeup import made_and_read

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "tests" / "data" / "makeup" / "plan-order.yaml"


@pytest.fixture(scope="module")
def made(book: FontBook, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Any]:
    _, issue, report = made_and_read(PLAN, tmp_path_factory.mktemp("order") / "order-made.yaml", book)
    return issue, report


@pytest.mark.expect_warnings
def test_the_second_story_starts_above_the_lower_priority_ones(made: tuple[dict[str, Any], Any]) -> None:
    issue, report = made
    plan = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    priority = {s["id"]: s["priority"] for s in plan["stories"]}
    page = issue["pages"][0]
    at = {b["id"]: b["at"] for b in page["blocks"] if b["id"] in priority}
    second = next(i for i, p in priority.items() if p == 2)
    lower = [i for i, p in priority.items() if p > 2]
    assert all(at[second]["line"] < at[i]["line"] for i in lower), at
    banner = max(b["at"]["line"] + b["at"]["lines"] for b in page["blocks"] if b["id"] not in priority)
    foot = max(a["line"] + a["lines"] for a in at.values())
    assert at[second]["line"] - banner < (foot - banner) / 2  # in the upper half of the free area
    assert sum(b.overset_lines for b in report.blocks) == 0


class _Block:
    def __init__(self, box: object, boxes: Boxes) -> None:
        self.box, self.style = box, HOUSE._replace(boxes=boxes)


class _V:
    def __init__(self, span: int, box: object, boxes: Boxes) -> None:
        self.span, self.block = span, _Block(box, boxes)


@pytest.mark.parametrize(("span", "box", "limit", "columns_past"), [
    (3, "single", 3, 0), (5, "single", 3, 2), (7, "single", 3, 4), (7, None, 3, 0), (4, "single", 4, 0),
    (2, "single", 1, 1)])
def test_a_box_wider_than_the_house_allows_costs_a_column_past_it(span: int, box: object, limit: int,
                                                                    columns_past: int) -> None:
    v = _V(span, box, Boxes(max_span=limit))
    assert cost.box_price(v) == columns_past * cost.BOX_WIDE  # type: ignore[arg-type]


def test_the_house_caps_a_box_at_three_columns_by_default() -> None:
    assert HOUSE.boxes.max_span == 3


def _piece(sid: str, priority: int, column: int, span: int, line: int, boxed: bool = False) -> Any:
    from layout.issue.model import Placement
    from layout.makeup.plan import Story
    from layout.makeup.search import Piece
    return Piece(Story(sid, priority, f"stories[{priority}]", {}, priority, 1, boxed=boxed),
                 Placement(column, span, line, 20))


def test_a_story_under_a_less_important_one_is_reported() -> None:
    from layout.makeup.checks import out_of_order
    lead, second, third = _piece("a", 1, 1, 4, 1), _piece("b", 2, 3, 4, 60), _piece("c", 3, 5, 4, 21)
    assert [(p.story.id, q.story.id) for p, q in out_of_order([lead, second, third])] == [("b", "c")]
    beside = _piece("b", 2, 1, 2, 60)  # in columns the 三条 does not stand in: read in its own column
    assert out_of_order([lead, beside, third]) == []
    level = _piece("b", 2, 3, 4, 22)  # a line lower is the same height
    assert out_of_order([lead, level, third]) == []
    boxed = _piece("c", 3, 5, 4, 21, boxed=True)  # a commentary box goes where it reads best
    assert out_of_order([lead, second, boxed]) == []
