"""Make-up and render agree on boxes and on the lead's headline (review P's plans).

A boxed story (评论) is written with the body columns the search measured and the render sets the
same; a box's spare lines are empty lines at its foot, as the render leaves them, not air around its
headline; a vertical head beside the lead on the lead's first line does not stand above the lead's
headline when the lead's photo is wrapped under it (the render gives that headline no air). Checked
on the made issue's render (its copy-fit report) where the render is the oracle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from layout.issue.model import Placement
from layout.makeup import make_up
from layout.makeup.checks import above_lead
from layout.makeup.cost import DEEP, EMPTY, GAP, fill
from layout.makeup.measure import Variant
from layout.makeup.search import Piece
from layout.page import typeset_file
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]
EIGHT = ROOT / "tests" / "data" / "makeup" / "plan-eight.yaml"


def _variant(columns: int, head: int, body: int, pad: int = 0, block: Any = None, story: Any = None) -> Variant:
    return Variant(story, columns, columns, block, head, body, 0, pad, 12)


def test_a_box_s_spare_lines_are_empty_lines_not_headline_air() -> None:
    """The render keeps a box's free lines at its foot (its headline gets no air), so in a slot three
    lines taller than it needs a box has three empty lines a column, where an open story has none."""
    open_story, box = _variant(2, 4, 30), _variant(2, 4, 30, pad=2)
    assert fill(open_story, 34 + 3) == 0.0  # three lines of air around its headline
    assert fill(box, 36 + 3) == EMPTY * 3 * 2 + DEEP * (3 - GAP) * 2
    assert box.fit(36 + 3) == (0, 6) and open_story.fit(34 + 3) == (0, 0)
    assert fill(box, 36) == 0.0 and box.fit(36) == (0, 0)


@pytest.mark.expect_warnings  # (the render's loose lines on the test copy)
def test_a_boxed_story_is_set_in_the_body_columns_the_search_measured(tmp_path: Path, book: FontBook) -> None:
    """The eight-story plan's 评论 (boxed, 2 base columns): the reader sets a box without ``columns`` in one
    column per two base columns, so the made issue says its columns, and the render's copy-fit of it has
    those columns and the empty lines the search counted (before: measured in 2 columns, set in 1)."""
    target = tmp_path / "made.yaml"
    made = make_up(EIGHT, target, book)
    target.write_text(made.text, encoding="utf-8")
    box = next(p for p in made.solutions[1].pieces if p.variant is not None and p.variant.block.box is not None)
    written = next(b for page in yaml.safe_load(made.text)["pages"] for b in page["blocks"] if b["id"] == box.story.id)
    assert written.get("box") and written["at"]["span"] == box.at.span
    _, _, report = typeset_file(target, book)
    fit = next(b for b in report.blocks if b.block == box.story.id).copy_fit()
    assert box.variant is not None and fit["columns"] == box.variant.columns
    assert fit["overset_lines"] == 0 and sum(fit["column_empty"]) == box.variant.fit(box.at.lines)[1]


def test_a_vertical_head_beside_a_lead_with_its_photo_wrapped_is_not_above_its_headline(
        tmp_path: Path, book: FontBook) -> None:
    """Review P's section: the lead across six columns with its photo wrapped under its headline, a
    story with a vertical head in the two columns beside it from the same first line. The render sets
    the lead's headline on its slot's first line (no air: it has a wrapped photo), the vertical head
    from the same line: the check finds no headline above the lead's (it had counted the lead's air,
    1.5 lines, and named the vertical head on 13 of 16 pages)."""
    target = tmp_path / "made.yaml"
    made = make_up(EIGHT, target, book)
    pieces = made.solutions[1].pieces
    lead = next(p for p in pieces if p.variant is not None and p.story.priority == 1)
    other = next(p for p in pieces if p.variant is not None and p.story.priority != 1)
    wrapped = Piece(lead.story, Placement(lead.at.column, 2, lead.at.line + 5, 10), None, False, True)
    v = other.variant
    assert v is not None
    vertical = Piece(other.story, Placement(lead.at.last_column + 1, 2, lead.at.line, 40),
                     Variant(other.story, 2, 1, v.block, 0, 36, 0, 0, 12, "right", 20, 1))
    tall = Piece(lead.story, Placement(lead.at.column, lead.at.span, lead.at.line, lead.variant.lines + 3),  # type: ignore[union-attr]
                 lead.variant)
    assert above_lead(tall, [tall, vertical], (tall, wrapped, vertical)) == []
    # without its wrapped photo the render gives the lead's headline its air, 1.5 lines down: the
    # vertical head beside it then starts above it, a finding
    assert above_lead(tall, [tall, vertical], (tall, vertical)) == [other.story.id]
