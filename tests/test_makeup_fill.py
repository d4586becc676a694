"""Make-up on plans it was never tuned on (``bench/makeup_heldout.py``): the customer's sentences
recombined into 4–9 stories on broadsheet and tabloid grids, with photo slots of aspect 0.75–2.0
and copy that should fit. Properties read from the rendered made issue (its frame and its own
copy-fit report), not from the make-up's numbers: every story set; no 撞题 (two headlines side by
side across a gutter on overlapping lines); the lead's headline the highest; every photo touching
its story (beside, above, or wrapped inside it); text overset only where the make-up's copy-fit
advice says to cut; on average at most one empty line per body column over the plans.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from layout.text.font import FontBook
from tests.madeup import heldout_bench

ROOT = Path(__file__).resolve().parents[1]
SEEDS = (200, 201, 202, 203, 206)  # one of each grid, and more: plans generated once, not tuned to


@pytest.fixture(scope="module")
def results(book: FontBook, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    bench, folder = heldout_bench(), tmp_path_factory.mktemp("heldout")
    return [bench.evaluate(bench.make_plan(seed, folder), book) for seed in SEEDS]


@pytest.mark.expect_warnings
def test_every_story_is_set_the_lead_on_top_and_no_headlines_side_by_side(results: list[dict[str, Any]]) -> None:
    for r in results:
        assert len(r["placed"]) == r["stories"], r["plan"]
        assert r["clash"] == 0, f"{r['plan']}: 撞题"
        assert r["lead_top"], f"{r['plan']}: the lead's headline is not the highest"
        assert r["apart"] == 0, f"{r['plan']}: a photo does not touch its story"


@pytest.mark.expect_warnings
def test_overset_only_where_the_advice_says_cut_and_columns_filled(results: list[dict[str, Any]]) -> None:
    for r in results:
        assert set(r["overset_ids"]) <= set(r["cut_ids"]), r["plan"]
    empty, columns = sum(r["empty"] for r in results), sum(r["columns"] for r in results)
    assert empty <= columns, f"{empty} empty lines in {columns} body columns"
    assert sum(r["overset"] for r in results) <= sum(r["columns"] for r in results) // 10  # a few lines at most


def test_a_headline_ends_where_the_photo_wrapped_under_it_begins(book: FontBook) -> None:
    from layout.issue.model import Placement
    from layout.makeup.checks import collisions
    from layout.makeup.measure import Measurer
    from layout.makeup.plan import read_plan
    from layout.makeup.search import Piece

    plan_path = ROOT / "issue" / "plan-sample.yaml"
    plan = read_plan(plan_path)
    measurer = Measurer(plan.doc, plan.issue, plan.issue.pages[0], plan_path.parent, book)
    by_id = {s.id: s for s in plan.stories}
    lead, two = by_id["lead"], by_id["liucheng"]
    v, w = measurer.variant(lead, 4, 4), measurer.variant(two, 4, 4)
    assert v is not None and w is not None
    head_end = 10 + v.head_lines  # the lead's head group from line 10, three spare lines in its slot
    article = Piece(lead, Placement(1, 4, 10, v.lines + 3), v)
    photo = Piece(lead, Placement(1, 2, head_end + 1, 12), None, wrap=True)  # right under the head
    beside = Piece(two, Placement(5, 4, head_end + 1, w.lines), w)  # its head starts under the lead's
    assert collisions((article, beside)) == [("lead", "liucheng")]  # the spare lines as the head's air
    assert collisions((article, photo, beside)) == []  # the photo under the head takes them
