"""The make-up's copy-fit advice (layout.makeup.advice) in the desk's words: cut, drop or
move, could run longer; computed from a story's measured lines and its slot."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from layout.issue.model import CrossHead, Paragraph, Placement, Run
from layout.makeup.advice import advice
from layout.makeup.measure import Variant
from layout.makeup.search import Layout, Piece
from layout.text.font import FontBook
from tests.madeup import heldout_bench


class _Story:
    def __init__(self, ident: str, priority: int = 2, index: int = 0) -> None:
        self.id, self.priority, self.index, self.lead = ident, priority, index, priority == 1


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
    # 2 lines short in 3 columns (6 lines of 18), and a line a column and one more for the page made up again
    assert _advice(13) == ["第1版 s8: cut about 180 characters (10 lines of 18 characters)"]
    assert _advice(15) == []  # exactly filled (2 empty cells of balancing slack)
    # 5 spare lines: 3 become air around the headline, 2 × 3 columns + 2 of slack stay empty
    assert _advice(20) == ["第1版 s8: could run about 144 characters longer (8 lines empty)"]


def test_a_story_cut_for_the_others_too_says_how_much_is_its_own() -> None:
    """A 二条 30 lines overset (a line a column short of 10 in 3 columns: 540 characters) beside a 五条 one
    line a column short (3 lines, 54 characters): the desk cuts the 五条 first, by half its body, most of it
    for the 二条; its line says which part is its own overset (an audit read "cut about 511 characters" of a
    story the render left 24 characters overset as a wrong count)."""
    block: Any = _Block()
    second, fifth = _Story("s2", 2, 0), _Story("s5", 5, 1)
    v2 = Variant(second, 3, 3, block, 3, 30, 0, 0, 18)
    v5 = Variant(fifth, 3, 3, block, 3, 12, 0, 0, 18)
    pieces = (Piece(second, Placement(1, 3, 10, 23), v2), Piece(fifth, Placement(4, 3, 10, 14), v5))
    lines = advice({1: Layout(0.0, pieces)})
    told = {line.split(":")[0]: line for line in lines}
    assert "54 overset here, the rest for the others" in told["第1版 s5"], lines
    assert int(told["第1版 s5"].split()[4]) > 54 + 18  # (more than its own overset: for the 二条)
    assert "overset here" not in told.get("第1版 s2", "")


def _cut(plan: dict[str, Any], advice: list[str]) -> dict[str, Any]:
    """The plan with the advice applied as a desk applies it: each story named cut shortened by
    the characters named, from its end (spaces not counted); one told to drop taken out."""
    told = {m.group(1): (int(m.group(2)), "drop it" in line) for line in advice
            if (m := re.match(r"第\d+版 (\S+): cut about (\d+) characters", line))}
    kept = []
    for story in plan["stories"]:
        cut, drop = told.get(story["id"], (0, False))
        if drop:
            continue
        left, body = sum(len(p.replace(" ", "")) for p in story["body"]) - cut, []
        for para in story["body"]:
            if left > 0:
                body.append(para[:left])
            left -= len(para.replace(" ", ""))
        kept.append({**story, "body": body})
    return {**plan, "stories": kept}


@pytest.mark.expect_warnings
@pytest.mark.parametrize(("seed", "rounds"), [(202, 1), (207, 2)])  # 1-3 lines overset when cut by the overset alone
def test_the_advice_applied_makes_an_over_full_page_fit_and_spares_the_lead(book: FontBook, tmp_path: Path,
                                                                            seed: int, rounds: int) -> None:
    """A held-out plan (``bench/makeup_heldout.py``) with half as much copy again in every story:
    overset. The desk cuts the lowest stories in priority, not the lead; made up again from the
    cut copy (``rounds`` times at most: seed 207's page made up again takes 3 lines overset and a
    strip rather than a column from top to foot, and the second round's cuts fit it), the page
    renders with nothing overset (the render's own count)."""
    from layout.makeup import make_up
    from layout.page import typeset_file

    bench = heldout_bench()
    path = bench.make_plan(seed, tmp_path)
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    for story in plan["stories"]:
        story["body"] = story["body"] + story["body"][:max(1, len(story["body"]) // 2)]
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    made = make_up(path, tmp_path / "made.yaml", book)
    assert any(" cut about " in line for line in made.advice), made.advice
    for _ in range(rounds):
        assert not any(line.startswith("第1版 s1: cut") for line in made.advice), made.advice  # the lead keeps its copy
        plan = _cut(plan, made.advice)
        path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
        made = make_up(path, tmp_path / "made.yaml", book)
        (tmp_path / "made.yaml").write_text(made.text, encoding="utf-8")
        _, _, report = typeset_file(tmp_path / "made.yaml", book)
        if not sum(b.overset_lines for b in report.blocks):
            break
    assert sum(b.overset_lines for b in report.blocks) == 0, made.advice


@pytest.mark.expect_warnings
@pytest.mark.parametrize("seed", [202, 207])
def test_a_photo_wanted_above_is_above_its_story_or_said(book: FontBook, tmp_path: Path, seed: int) -> None:
    """A lead's photo with ``place: above`` is set over the story (its foot on the story's first line,
    not wrapped inside it), or the make-up says where it went instead (review P: a tabloid's lead
    had its photo wrapped under its headline with no word of it)."""
    from layout.makeup import make_up

    path = heldout_bench().make_plan(seed, tmp_path)
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    plan["stories"][0]["photo"] = {"aspect": 1.8, "caption": "（占位）图片说明。", "place": "above"}
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    made = make_up(path, tmp_path / "made.yaml", book)
    pieces = [p for layout in made.solutions.values() for p in layout.pieces if p.story.id == "s1"]
    photo = next(p for p in pieces if p.variant is None)
    story = next(p for p in pieces if p.variant is not None)
    said = [f.text for f in made.findings if f.text.startswith("第1版 s1: its photo")]
    assert (not photo.wrap and photo.at.end_line == story.at.line) or said, (photo, story)
    assert not photo.wrap or "under its headline" in " ".join(said), said
