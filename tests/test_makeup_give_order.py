"""Moving cuts on an overfull page (``layout.makeup.give``) never takes a more important story's room
to give it to a less important one, and never adds a broken rule the checks name (review 28 H1).

Read from the renders of the page made with the pass and without it (``give.give`` replaced by the
search's own layout): each story's overset lines from the render report, the findings from the
make-up's checks. The plan (8 columns, about 110 % of capacity, a 评论, vertical heads allowed) was
written by a reviewer, not tuned to: with the pass blind to priority its 三条 was left a headline
over 0 body lines to set more of the 四条, and two stories ran from the top of the page to its foot.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from layout.text.font import FontBook
from tests.madeup import made_afresh

PLAN = Path(__file__).resolve().parent / "data" / "makeup" / "plan-overfull-order.yaml"
RULES = ("column", "starved")  # findings a moved cut can add: body top to foot, a headline with no text


@pytest.mark.expect_warnings
def test_the_room_goes_to_the_more_important_story_and_no_rule_breaks(book: FontBook, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from layout.makeup import give

    moved, _, moved_report = made_afresh(PLAN, tmp_path / "moved.yaml", book)
    with monkeypatch.context() as patch:
        patch.setattr(give, "give", lambda search, best: best)
        plain, _, plain_report = made_afresh(PLAN, tmp_path / "plain.yaml", book)
    priority = {s["id"]: s.get("priority", 9) for s in yaml.safe_load(PLAN.read_text(encoding="utf-8"))["stories"]}
    over = {b.block: b.overset_lines for b in moved_report.blocks if b.kind == "article"}
    was = {b.block: b.overset_lines for b in plain_report.blocks if b.kind == "article"}
    assert set(over) == set(was) == set(priority)
    losers = [k for k in over if over[k] > was[k]]
    gainers = [k for k in over if over[k] < was[k]]
    for a in losers:  # a story set less of: only for one at least as important set more
        assert all(priority[a] >= priority[b] for b in gainers), (a, gainers, over, was)
    assert sum(over.values()) <= sum(was.values())
    for rule in RULES:
        assert sum(f.rule == rule for f in moved.findings) <= sum(f.rule == rule for f in plain.findings), (
            rule, [f.text for f in moved.findings])
