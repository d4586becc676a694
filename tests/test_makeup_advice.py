"""The make-up's copy-fit advice (layout.makeup.checks.advice) in the desk's words: cut, drop or
move, could run longer; computed from a story's measured lines and its slot."""

from __future__ import annotations

from typing import Any

from layout.issue.model import CrossHead, Paragraph, Placement, Run
from layout.makeup.checks import advice
from layout.makeup.measure import Variant
from layout.makeup.search import Layout, Piece


class _Story:
    def __init__(self, ident: str) -> None:
        self.id = ident


class _Block:  # advice reads the numbers, and the body's characters when all of it must go
    body = (Paragraph((Run("（占位）" * 140 + "稿 件 末 尾。"),)), CrossHead(("小标题",)))  # 560 + 5 + 3


def _advice(lines: int, columns: int = 3, head: int = 3, body: int = 12, slack: int = 2) -> list[str]:
    block: Any = _Block()
    story: Any = _Story("s8")
    v = Variant(story, columns, columns, block, head, body, slack, 0, 18)
    return advice({1: Layout(0.0, (Piece(story, Placement(1, columns, 10, lines), v),))})


def test_a_slot_that_holds_only_the_headline_says_drop_or_move_not_cut() -> None:
    """A slot of the headline's 3 lines holds none of the 3 × 12 − 2 body lines: cutting 36 lines
    of 18 characters (648, more than the story's 612) cannot save it (review M 10f); the advice
    gives the body's own characters, spaces not counted, not its lines × 18 (review K 5)."""
    words = _advice(3)
    assert words == ["第1版 s8: cut about 568 characters, all of its body (its slot holds none of it): "
                     "drop it or move it to another page"]


def test_a_slot_a_few_lines_short_says_cut_and_a_deep_one_run_longer() -> None:
    assert _advice(13) == ["第1版 s8: cut about 108 characters (6 lines of 18)"]  # 2 lines short in 3 columns
    assert _advice(15) == []  # exactly filled (2 empty cells of balancing slack)
    # 5 spare lines: 3 become air around the headline, 2 × 3 columns + 2 of slack stay empty
    assert _advice(20) == ["第1版 s8: could run about 144 characters longer (8 lines empty)"]
