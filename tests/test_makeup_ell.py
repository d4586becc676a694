"""The L-shaped story in make-up (拐弯, ``layout.makeup.ell``): on a page of short stories without
photos the search turns the lead a corner instead of stacking strips; the made issue says so with
``corner:``, renders with nothing overset, no text of the L in its corner, the corner's headline beside
the L's body (not beside a headline), and the L's copy-fit as the make-up counted it. The geometry
and copy-fit of an L on their own too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from layout.frame import TextLine
from layout.issue.model import Placement
from layout.makeup.ell import Ell
from layout.makeup.ell import fit as ell_fit
from layout.text.font import FontBook
from tests.madeup import made_afresh

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "tests" / "data" / "makeup" / "plan-ell.yaml"


def test_an_ell_leaves_its_lower_corner() -> None:
    right = Ell(1, 6, 10, 40, "right", 4, 24)
    assert right.corner == Placement(3, 4, 26, 24) and right.box == Placement(1, 6, 10, 40)
    left = Ell(2, 5, 1, 30, "left", 3, 12)
    assert left.corner == Placement(2, 3, 19, 12)
    assert left.corner.end_line == left.end_line  # the corner reaches the foot


class _V:
    """The numbers of a variant ``ell.fit`` reads."""

    def __init__(self, columns: int, head: int, body: int, slack: int) -> None:
        self.columns, self.head_lines, self.body_lines, self.slack, self.pad = columns, head, body, slack, 0


@pytest.mark.parametrize(("across", "deep", "span"), [(5, 20, 4), (8, 30, 3), (3, 12, 2)])
def test_the_copy_fit_of_an_ell_is_additive(across: int, deep: int, span: int) -> None:
    # a 6-column story needing 100 lines (17 a column, 2 short): its lines across, then down the rest
    v = _V(6, 4, 17, 2)
    lines = 4 + across + deep
    corner = Placement(7 - span, span, 1 + 4 + across, deep)
    holds = 6 * across + (6 - span) * deep
    assert ell_fit(v, lines, corner) == ((100 - holds, 0) if holds < 100 else (0, holds - 100))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def made(book: FontBook, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, Any], Any, Any]:
    result, document, report = made_afresh(PLAN, tmp_path_factory.mktemp("ell") / "ell-made.yaml", book)
    return result, yaml.safe_load(result.text), document, report


@pytest.mark.expect_warnings
def test_the_lead_turns_a_corner_instead_of_stacking_strips(made: tuple[Any, dict[str, Any], Any, Any]) -> None:
    result, issue, _, report = made
    blocks = {b["id"]: b for b in issue["pages"][0]["blocks"]}
    ells = [b for b in blocks.values() if "corner" in b]
    assert [b["id"] for b in ells] == ["s1"]  # the lead, across the page, its body turning down one side
    lead = blocks["s1"]
    assert lead["at"]["span"] == 6 and lead["corner"]["side"] in ("left", "right")
    assert not [f for f in result.findings if f.rule in ("collision", "strip", "list")]
    assert sum(b.overset_lines for b in report.blocks) == 0  # renders --strict
    corner = lead["corner"]
    inside = [b for b in blocks.values() if b["id"] != "s1" and b.get("type") == "article"
              and b["at"]["line"] >= lead["at"]["line"] + lead["at"]["lines"] - corner["lines"]
              and b["at"]["line"] < lead["at"]["line"] + lead["at"]["lines"]]
    assert inside  # a story set in the corner


@pytest.mark.expect_warnings
def test_the_made_ell_is_set_as_the_make_up_counted(made: tuple[Any, dict[str, Any], Any, Any]) -> None:
    _, issue, document, report = made
    page = document.pages[0]
    regions = {r.block: r for r in page.regions}
    lead = next(b for b in issue["pages"][0]["blocks"] if b.get("corner"))
    body = [i for i in page.items if isinstance(i, TextLine) and i.block == lead["id"] and i.kind == "body"]
    others = [b["id"] for b in issue["pages"][0]["blocks"] if b.get("type") == "article" and b["id"] != lead["id"]]
    in_corner = [regions[i] for i in others if regions[i].y > regions[lead["id"]].y]
    heads = {i: [t for t in page.items if isinstance(t, TextLine) and t.block == i and t.kind == "head"]
             for i in others}
    corner_story = min((r for r in in_corner if r.y < regions[lead["id"]].y + regions[lead["id"]].h),
                       key=lambda r: r.y)
    x0, y0 = corner_story.x, corner_story.y
    x1 = x0 + corner_story.w
    for line in body:  # none of the L's text on the corner's story
        right = line.x + line.glyphs[-1].x + line.glyphs[-1].size
        assert right <= x0 or line.x >= x1 or line.baseline <= y0, (line.text, line.x, line.baseline)
    head = heads[corner_story.block]
    beside = [line for line in body if not x0 <= line.x < x1
              and min(h.baseline for h in head) - 14 <= line.baseline <= max(h.baseline for h in head) + 14]
    assert beside  # the corner story's headline stands beside the L's body text
    (fit,) = [b.fit for b in report.blocks if b.block == lead["id"]]
    assert fit is not None and fit.lines_set > 0
    (block,) = [b for b in report.blocks if b.block == lead["id"]]
    assert block.overset_lines == 0 and block.underset_lines <= fit.columns  # filled: a line a column at most


def test_a_plan_may_not_turn_a_story_a_corner(tmp_path: Path) -> None:
    from layout.errors import IssueError
    from layout.makeup.plan import read_plan

    text = PLAN.read_text(encoding="utf-8").replace("  - id: s2\n", "  - id: s2\n    corner: {side: left, span: 2, "
                                                                  "lines: 10}\n", 1)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IssueError) as info:
        read_plan(path)
    assert "stories[1].corner" in str(info.value) and "leave corner out" in str(info.value)
