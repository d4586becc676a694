"""The make-up search's shortcuts must not change what it finds (``layout.makeup.tables``,
``Search.warm``, ``Measurer.block``): the heights a story tries across a rectangle are kept by how
many other stories share it and the least area they fill, not by which they are, and must be what
``fallback.fitting`` gives for every rectangle and share the search asks about; tables worked out
ahead (while forked processes measure) give the same layouts as tables worked out when asked; and
measuring a story warns about nothing, whichever process measures it (its copy's faults are the
checking render's to report, once). Speed is measured by bench/run.py --makeup, never here."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.makeup import fallback
from layout.makeup.measure import Measurer
from layout.makeup.plan import read_plan
from layout.makeup.search import Search
from layout.makeup.tables import Tables
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "tests" / "data" / "makeup"


pytestmark = pytest.mark.usefixtures("no_makeup_cache")  # measured and searched afresh


def _search(path: Path, book: FontBook) -> Search:
    """A fresh search of the plan's first page."""
    plan = read_plan(path, False)
    page = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == page.number]
    return Search(Measurer(plan.doc, plan.issue, page, path.parent, book), stories, [b.at for b in page.blocks])


@pytest.mark.expect_warnings  # placeholder copy in narrow columns sets loose lines
@pytest.mark.parametrize("path", [PLANS / "plan-eight.yaml", PLANS / "plan-tabloid.yaml",
                                  ROOT / "issue" / "plan-sample.yaml"])
def test_heights_kept_by_count_and_area_are_those_of_the_stories_themselves(book: FontBook, path: Path) -> None:
    search = _search(path, book)
    asked: list[tuple[int, object, bool, tuple[int, ...]]] = []
    tables = search.fitting.__self__
    assert isinstance(tables, Tables)
    kept = tables.fitting

    def fitting(sid: int, rect: object, nohead: bool, rest: tuple[int, ...]) -> list[int]:
        asked.append((sid, rect, nohead, rest))
        return kept(sid, rect, nohead, rest)  # type: ignore[arg-type]

    search.fitting = tables.fitting = fitting  # type: ignore[method-assign]
    search.run()
    assert len(asked) > 100
    by_stories = {(sid, rect.span, rect.lines, nohead, search._above_ok(sid, rect), rest)  # type: ignore[attr-defined]
                  for sid, rect, nohead, rest in asked}
    assert len(tables._heights) <= len(by_stories)  # no more lists kept than the stories' own keys would keep
    for sid, rect, nohead, rest in dict.fromkeys(asked):  # every distinct call (one in seven missed a lead's)
        assert kept(sid, rect, nohead, rest) == fallback.fitting(search, sid, rect, nohead, rest)  # type: ignore[arg-type]


@pytest.mark.expect_warnings
@pytest.mark.parametrize("name", ["plan-eight.yaml", "plan-tabloid.yaml", "plan-starved.yaml"])
def test_tables_worked_out_ahead_give_the_same_layout(book: FontBook, name: str) -> None:
    plain = _search(PLANS / name, book)
    one = plain.run()
    ahead = Search(plain.m, plain.stories, plain.fixed)
    ahead.warm(list(reversed(ahead.stories)))
    two = ahead.run()
    assert ahead.bounds.cache_info().hits > 0
    assert (one.cost, one.cut_short) == (two.cost, two.cut_short)
    assert [(p.story.id, p.at, p.variant and (p.variant.span, p.variant.columns)) for p in one.pieces] == \
        [(p.story.id, p.at, p.variant and (p.variant.span, p.variant.columns)) for p in two.pieces]


def test_measuring_a_story_with_unbalanced_marks_warns_about_nothing(book: FontBook, caplog: object) -> None:
    """The starved plan's story s3 opens a 《 it never closes: the render says so, not the measure
    (a forked measuring process warned only when it, not this one, took the story first)."""
    plan = read_plan(PLANS / "plan-starved.yaml", False)
    page = plan.issue.pages[0]
    story = next(s for s in plan.stories if s.id == "s3")
    assert "《" in str(story.data.get("body"))
    measurer = Measurer(plan.doc, plan.issue, page, PLANS, book)
    block = measurer.block(story, 2, 2)
    assert block.body  # cleaned, set nowhere, and no warning (the autouse check fails on one)
