"""A side searched again round its neighbour's heads (``layout.makeup.avoid``) charges each leaf's 撞题 once
and keeps the charged leaf for the rest of that side's search (``State.leaves``, which ``Search._across`` looks
in first). The layouts must be those found by charging every lookup afresh, as before the leaves were kept, and
with fewer charges. Checked on the vertical-heads test plan and on held-out plan 1007 (eight stories), whose
searches search sides again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from layout.makeup import avoid
from layout.makeup.measure import Measurer
from layout.makeup.plan import read_plan
from layout.makeup.search import Search, Solution
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]
HEADS = ROOT / "tests" / "data" / "makeup" / "plan-vheads.yaml"


class _Forgetful(dict):  # type: ignore[type-arg]
    """A dict that keeps nothing: every leaf of a side looked up in it is charged afresh."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


class _Uncached(avoid.State):
    """``avoid.State`` whose side keeps none of its charged leaves (whatever ``_side`` gives it)."""

    @property  # type: ignore[override]
    def leaves(self) -> dict[Any, Solution]:
        return self._forgetful

    @leaves.setter
    def leaves(self, value: dict[Any, Solution]) -> None:
        self._forgetful = _Forgetful()


def _search(book: FontBook, path: Path) -> Search:
    """The search of the first page of the plan at ``path`` (not run)."""
    plan = read_plan(path)
    page = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == page.number]
    return Search(Measurer(plan.doc, plan.issue, page, path.parent, book), stories, [b.at for b in page.blocks])


def _run(book: FontBook, path: Path, monkeypatch: pytest.MonkeyPatch, kept: bool) -> tuple[Any, list[Any], int]:
    """``path``'s page searched (its leaves kept by each side searched again, or not: ``kept``): its layout, each
    side's result, the leaves charged, and the sides searched."""
    charges = [0]
    charged, side = avoid.charged, avoid._side
    sides: list[Solution] = []

    def counted(state: avoid.State, collide: float, found: Solution) -> Solution:
        charges[0] += 1
        return charged(state, collide, found)

    def watched(*args: Any) -> Solution:
        sides.append(side(*args))
        return sides[-1]

    with monkeypatch.context() as patched:
        patched.setattr(avoid, "charged", counted)
        patched.setattr(avoid, "_side", watched)
        if not kept:
            patched.setattr(avoid, "State", _Uncached)
        search = _search(book, path)
        layout = search.run()
    return (layout, search.solution), sides, charges[0]


@pytest.mark.parametrize("plan", ["vheads", "held-1007"])
def test_a_side_searched_again_finds_the_same_layouts_with_its_leaves_charged_once(
        book: FontBook, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, plan: str) -> None:
    if plan == "vheads":
        path = HEADS
    else:
        from tests.madeup import heldout_bench

        path = heldout_bench().make_plan(1007, tmp_path, count=8)
    found, sides, charges = _run(book, path, monkeypatch, kept=True)
    again, sides_again, charges_again = _run(book, path, monkeypatch, kept=False)
    assert sides and any(s.cost < float("inf") for s in sides)  # (sides searched again, some found a layout)
    assert sides == sides_again  # each side's layout, leaf for leaf, as when every lookup is charged afresh …
    assert found == again  # … and the page's
    assert charges < charges_again  # (fewer charges: the leaves kept were looked up again)


def test_a_side_leaves_nothing_kept_behind(book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """After each side searched again, its charged leaves are let go (the next side charges against other heads)
    and the search's own leaf functions are put back."""
    side = avoid._side
    after: list[tuple[int, bool]] = []

    def watched(search: Search, *args: Any) -> Solution:
        plain = (search.leaf, search.leaf_at)
        out = side(search, *args)
        after.append((len(search.avoid.leaves), (search.leaf, search.leaf_at) == plain))
        return out

    monkeypatch.setattr(avoid, "_side", watched)
    _search(book, HEADS).run()
    assert after and all(kept == 0 and put_back for kept, put_back in after)
