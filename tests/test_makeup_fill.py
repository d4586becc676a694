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


def test_the_evaluator_counts_a_vertical_head_at_the_gutter_beside_a_headline_as_a_clash() -> None:
    """``bench/makeup_heldout.py``'s 撞题 on a made-up page: story ``a`` (x 0-200) with a 24 pt headline
    on a baseline at y 124 and story ``b`` right of it across a 9 pt gutter (x 209-400), whose vertical
    head is a column of five 24 pt characters; the pair is one 撞题 when the column stands at the gutter
    on the headline's lines, none on ``b``'s far side or below the headline (and, as ever, one for a
    horizontal headline of ``b`` beside ``a``'s)."""
    from layout.frame import Glyph, TextLine, VerticalLine, VGlyph

    bench = heldout_bench()
    head = TextLine(0.0, 124.0, tuple(Glyph("标", "song", 24.0, 24.0 * k) for k in range(8)), "a", kind="head")
    rects = {"a": (0.0, 90.0, 200.0, 400.0), "b": (209.0, 90.0, 400.0, 400.0)}

    def counted(x: float, top: float) -> int:
        column = VerticalLine(x, top, 24.0, tuple(VGlyph("竖", "song", 24.0, 0.0, 21.0 + 24.0 * k) for k in range(5)),
                              "b")
        items = [head, column]
        return bench.clashes(bench.head_groups(items), bench.vertical_heads(items), rects)

    assert counted(209.0, 90.0) == 1  # at the gutter, on the headline's lines
    assert counted(376.0, 90.0) == 0  # on the far side of its story, its body between
    assert counted(209.0, 160.0) == 0  # under the headline
    beside = TextLine(209.0, 124.0, head.glyphs, "b", kind="head")  # two headlines side by side: as before
    assert bench.clashes(bench.head_groups([head, beside]), {}, rects) == 1
