"""Search work that cannot change the layout, skipped (issue 18): ``ranks.inverted`` leaves a leaf across a
rectangle's foot that already costs the search's budget unpriced (the search drops it either way), and
``fallback.goal`` does not search a page again without the band price when ``reach`` proves no layout of it
meets the fill goal. The made issue is the same with each skip on and off; and the skips are taken."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest

from layout.makeup import make_up, ranks, reach, store
from layout.makeup.search import Solution
from layout.text.font import FontBook
from tests.madeup import heldout_bench

ROOT = Path(__file__).resolve().parents[1]


def _made(plan: Path, target: Path, book: FontBook, gate: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[str, int]:
    """The made issue's text of ``plan`` (nothing from the cache) with the skip on or off, and the leaves skipped."""
    monkeypatch.setattr(ranks, "GATE", gate)
    monkeypatch.setattr(ranks, "SKIPPED", [0])
    was = store.enabled()
    store.use(False)
    try:
        text = make_up(plan, target, book).text
    finally:
        store.use(was)
    return text, ranks.SKIPPED[0]


@pytest.mark.expect_warnings
@pytest.mark.parametrize("which", ["foot", "held 3", "held 901 full"])
def test_the_skip_changes_no_made_issue_and_is_taken(which: str, book: FontBook, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    if which == "foot":
        plan = ROOT / "tests" / "data" / "makeup" / "plan-foot.yaml"
    else:
        seed = int(which.split()[1])
        plan = heldout_bench().make_plan(seed, tmp_path, (0.88, 1.12) if seed >= 900 else (0.55, 0.80))
    target = tmp_path / "made.yaml"
    off, none = _made(plan, target, book, False, monkeypatch)
    on, skipped = _made(plan, target, book, True, monkeypatch)
    assert none == 0 and skipped > 0  # the switch works, and the search does skip pricing leaves
    assert on == off  # the same made issue, byte for byte


def test_a_leaf_at_the_budget_is_left_unpriced_below_it_priced(monkeypatch: pytest.MonkeyPatch) -> None:
    class _S:
        def __init__(self, priority: int) -> None:
            self.priority, self.boxed = priority, False

    class _Search:
        stories: ClassVar[list[_S]] = [_S(1), _S(2), _S(3)]

    monkeypatch.setattr(ranks, "SKIPPED", [0])
    search: Any = _Search()
    one = Solution(10.0)
    assert ranks.inverted(search, 1, (0, 2), one, 10.0) is one  # at the budget: dropped by the search anyway
    assert ranks.SKIPPED[0] == 1
    assert ranks.inverted(search, 1, (0, 2), one, 10.5).cost == 10.0 + ranks.INVERT  # below it: priced
    assert ranks.SKIPPED[0] == 1


@pytest.mark.expect_warnings
def test_a_page_whose_copy_cannot_fill_it_is_not_searched_again_and_is_made_the_same(
        book: FontBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = ROOT / "tests" / "data" / "makeup" / "plan-hopeless.yaml"  # (one page of the bench's test section)
    target = tmp_path / "made.yaml"
    made: dict[bool, str] = {}
    for gate in (False, True):
        monkeypatch.setattr(reach, "GATE", gate)
        monkeypatch.setattr(reach, "SKIPPED", [0])
        made[gate] = _made(plan, target, book, True, monkeypatch)[0]
        assert reach.SKIPPED[0] == gate  # the second search spared once with the bound, never without it
    assert made[True] == made[False]  # the same made issue, byte for byte
