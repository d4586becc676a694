"""A fixed article beside a well no story takes is widened across it (``layout.makeup.widen``).

Held-out band page 5 (seven columns: a masthead of four at the left, a boxed 报眼 of two at the right,
over lines 1–9) leaves the one-column well between them empty: no story's headline and text fit one
column. The made issue's 报眼 then covers the well: read back from the written YAML, masthead and 报眼
cover every cell of the band's lines and the masthead keeps its place; the page renders (the loader
refuses blocks that share a cell) with nothing overset, and the 报眼's text starts a column further
left than as planned. Where the block beside the well is a photo slot, or an article whose body columns
the plan gives (its measure chosen), nothing is widened and the hole is still reported.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

from layout.frame import TextLine
from layout.issue.model import Placement
from layout.page import typeset_file
from layout.text.font import FontBook
from tests.madeup import heldout_bench, made_afresh

SEED, BAND = 5, 9  # the held-out band page, and the band's depth in lines


def _plan(folder: Path, ear: str = "article") -> tuple[Path, dict[str, Any]]:
    """Held-out band page ``SEED``'s plan (its 报眼 made a photo slot when ``ear`` is "photo", given its
    body columns when "columns") and its data."""
    bench = heldout_bench()
    path = Path(bench.band_plan(bench.make_plan(SEED, folder), SEED))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if ear == "photo":
        block = data["pages"][0]["blocks"][1]
        data["pages"][0]["blocks"][1] = {"type": "photo", "id": block["id"], "at": block["at"],
                                         "caption": "（占位）报眼图片。"}
    elif ear == "columns":
        data["pages"][0]["blocks"][1]["columns"] = 2  # (a box of two sets one by default)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, data


def _cells(block: dict[str, Any]) -> set[tuple[int, int]]:
    """The grid cells (column, line) of a written block's ``at``."""
    at = block["at"]
    return {(c, ln) for c in range(at["column"], at["column"] + at.get("span", 1))
            for ln in range(at["line"], at["line"] + at["lines"])}


@pytest.mark.expect_warnings  # placeholder copy in narrow columns sets loose lines
def test_the_ear_beside_an_empty_well_is_widened_across_it(tmp_path: Path, book: FontBook) -> None:
    plan, data = _plan(tmp_path)
    columns = data["pages"][0]["grid"]["columns"]
    mast, ear = data["pages"][0]["blocks"]
    assert mast["type"] == "masthead" and ear.get("box")
    well = {c for c in range(1, columns + 1)} - {c for c, _ in _cells(mast) | _cells(ear)}
    assert len(well) == 1  # (the page this test is about: one column between the two)
    result, document, report = made_afresh(plan, tmp_path / "made.yaml", book)
    made = yaml.safe_load((tmp_path / "made.yaml").read_text(encoding="utf-8"))
    written = {b["id"]: b for b in made["pages"][0]["blocks"]}
    assert written["masthead"]["at"] == mast["at"]
    assert {c for c, _ in _cells(written[ear["id"]])} == {c for c, _ in _cells(ear)} | well
    assert written[ear["id"]]["at"]["line"] == ear["at"]["line"] and written[ear["id"]]["at"]["lines"] == BAND
    band = _cells(written["masthead"]) | _cells(written[ear["id"]])  # (the render refuses blocks that overlap)
    assert {(c, ln) for c in range(1, columns + 1) for ln in range(1, BAND + 1)} == band
    assert not any(f.rule == "hole" for f in result.findings)
    assert [line for line in result.widened if ear["id"] in line] == result.widened and len(result.widened) == 1
    assert f"make-up: {result.widened[0]}" in (tmp_path / "made.yaml").read_text(encoding="utf-8")
    assert not report.overset
    made["pages"][0]["blocks"][1]["at"] = ear["at"]  # (the same issue with the 报眼 as the plan had it)
    (tmp_path / "as-planned.yaml").write_text(yaml.safe_dump(made, allow_unicode=True), encoding="utf-8")
    _, planned, _ = typeset_file(tmp_path / "as-planned.yaml", book)
    assert _left(document, ear["id"]) < _left(planned, ear["id"]) - 100  # (its text starts a column further left)


def _left(document: Any, block: str) -> float:
    """Where the leftmost text line of ``block`` starts on the first page, pt."""
    return min(item.x for item in document.pages[0].items if isinstance(item, TextLine) and item.block == block)


@pytest.mark.expect_warnings
@pytest.mark.parametrize("ear", ["photo", "columns"])
def test_a_photo_slot_or_an_article_of_given_columns_beside_the_well_keeps_its_size_and_the_hole_is_reported(
        tmp_path: Path, book: FontBook, ear: str) -> None:
    plan, data = _plan(tmp_path, ear)
    result, _, _ = made_afresh(plan, tmp_path / "made.yaml", book)
    made = yaml.safe_load((tmp_path / "made.yaml").read_text(encoding="utf-8"))
    assert [b["at"] for b in made["pages"][0]["blocks"][:2]] == [b["at"] for b in data["pages"][0]["blocks"]]
    assert not result.widened and any(f.rule == "hole" for f in result.findings)


class _Cover(NamedTuple):
    """A stand-in for a placed piece: what ``checks.holes`` and ``widen`` read of it."""

    at: Placement
    corner: Placement | None = None


def _around(lines: int, deep: int = BAND) -> list[_Cover]:
    """Pieces covering held-out band page 5's free area (seven columns, ``lines`` deep) but column 5 from
    line 1 to ``deep``: the well between masthead and 报眼, as deep as they are, deeper or shorter."""
    under = max(deep, BAND)  # (the first line under the band and the well, less one)
    pieces = [_Cover(Placement(1, 7, under + 1, lines - under))]
    if deep > BAND:  # (beside the well's foot, under the band)
        pieces += [_Cover(Placement(1, 4, BAND + 1, deep - BAND)), _Cover(Placement(6, 2, BAND + 1, deep - BAND))]
    if deep < BAND:  # (a story in the well's foot)
        pieces.append(_Cover(Placement(5, 1, deep + 1, BAND - deep)))
    return pieces


@pytest.mark.parametrize(("case", "expected"), [
    ("well", {"baoyan": Placement(5, 3, 1, BAND)}),
    ("deeper well", {"baoyan": Placement(5, 3, 1, BAND)}),  # (over the 报眼's lines; the rest stays a hole)
    ("shorter well", {}),  # (a rectangle over part of the 报眼's lines only: it would not stay one)
    ("wells both sides", {"baoyan": Placement(4, 4, 1, BAND)}),
    ("not beside", {}),
    ("columns given", {}),
    ("its own corner", {}),
    ("a story's corner", {}),
    ("a rule on its edge", {}),
])
def test_which_articles_are_widened_across_which_wells(tmp_path: Path, case: str,
                                                       expected: dict[str, Placement]) -> None:
    from layout.issue.model import Block
    from layout.makeup.plan import read_plan
    from layout.makeup.widen import _grown

    page = read_plan(_plan(tmp_path)[0]).issue.pages[0]
    mast, ear = page.blocks
    lines, measured = page.lines, set()
    pieces = _around(lines, BAND + 3 if case == "deeper well" else BAND - 4 if case == "shorter well" else BAND)
    if case == "wells both sides":  # (masthead 1–3, 报眼 5, wells at 4 and 6–7)
        page = replace(page, blocks=(replace(mast, at=Placement(1, 3, 1, BAND)),
                                     replace(ear, at=Placement(5, 1, 1, BAND))))
    elif case == "not beside":  # (the 报眼 at 7, a story at 6: the well at 5 meets the masthead only)
        page = replace(page, blocks=(mast, replace(ear, at=Placement(7, 1, 1, BAND))))
        pieces.append(_Cover(Placement(6, 1, 1, BAND)))
    elif case == "columns given":
        measured = {ear.id}
    elif case == "its own corner":  # (an L: what its corner holds would come inside it)
        page = replace(page, blocks=(mast, replace(ear, corner=Placement(7, 1, 6, 4))))
    elif case == "a story's corner":  # (the well is an L's corner, left to others)
        pieces = [_Cover(Placement(1, 7, BAND + 4, lines - BAND - 3)), _Cover(Placement(1, 4, BAND + 1, 3)),
                  _Cover(Placement(6, 2, BAND + 1, 3)), _Cover(Placement(5, 1, 1, BAND + 3), Placement(5, 1, 1, BAND))]
    elif case == "a rule on its edge":  # (a fixed block drawn over the 报眼's left column)
        page = replace(page, blocks=(*page.blocks, Block("rule", Placement(6, 1, 1, BAND), "pages[0].blocks[2]", None)))
    assert _grown(page, pieces, measured) == expected  # type: ignore[arg-type]


def test_a_widened_plan_the_loader_refuses_is_left_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan's pages read again from the widened data (``issue_of``) and refused: the plan comes back as
    it was, nothing said widened (its hole is then reported by the checks)."""
    from layout.errors import IssueError
    from layout.makeup import widen
    from layout.makeup.plan import read_plan
    from layout.makeup.search import Layout

    plan = read_plan(_plan(tmp_path)[0])
    layout = Layout(0.0, tuple(_around(plan.issue.pages[0].lines)), False)  # type: ignore[arg-type]
    grown, _ = widen.widened(plan, {1: layout})
    assert grown.issue.pages[0].blocks[1].at == Placement(5, 3, 1, BAND)  # (read again: the box's new place)

    def refused(*_: object) -> None:
        raise IssueError("plan.yaml", 12, "pages[0].blocks[1].at", "overlaps")

    monkeypatch.setattr(widen, "issue_of", refused)
    assert widen.widened(plan, {1: layout}) == (plan, [])
