"""A full page between fixed bands with a narrow 评论 box is made up, not refused (review AA1).

The plan (``plan-sealed.yaml``): 8 columns between a banner and a 半通栏 ad at the foot, seven
stories about 105 % of the free area, a 评论 at most 2 columns wide. Before: the search spent its
limit of rectangles sharing the stories between the free area and the ad's covered band, then
stacked them (a 2-column box cannot be stacked across), and the page was refused, the message
saying the stories fitted by their copy; nothing was written. Now the page is searched once more
with covered rectangles holding no story (``layout.makeup.lastresort``): the issue is written, every
story placed within its spans, the overset reported and the copy-fit advice says what to cut.
Checked on the written YAML and its render.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from layout.cli import main
from layout.issue.model import Placement
from layout.makeup import lastresort
from layout.makeup.fallback import unplaceable
from layout.makeup.measure import Measurer
from layout.makeup.plan import read_plan
from layout.makeup.search import Search
from layout.page import typeset_file
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "tests" / "data" / "makeup" / "plan-sealed.yaml"


def _cells(block: dict) -> set[tuple[int, int]]:
    """The grid cells (base column, line) a written block takes: its ``at`` less an L's corner (at its
    foot, on the side named)."""
    at = Placement(**block["at"])
    cells = {(c, ln) for c in range(at.column, at.last_column + 1) for ln in range(at.line, at.end_line)}
    if corner := block.get("corner"):
        first = at.last_column + 1 - corner["span"] if corner["side"] == "right" else at.column
        cells -= {(c, ln) for c in range(first, first + corner["span"]) for ln in range(at.end_line - corner["lines"],
                                                                                      at.end_line)}
    return cells


@pytest.mark.expect_warnings  # (the copy is over the page: overset and copy-fit advice)
def test_a_full_page_with_a_narrow_box_between_fixed_bands_is_written(tmp_path: Path, book: FontBook,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "made.yaml"
    code = main(["makeup", str(PLAN), "-o", str(target), "--no-cache"])
    err = capsys.readouterr().err
    assert code == 1 and target.exists()  # overset: written, exit 1 as any overset page
    assert "cannot make up" not in err and "copy-fit: 第1版" in err and "cut about" in err
    page = yaml.safe_load(target.read_text(encoding="utf-8"))["pages"][0]
    blocks = {b["id"]: b for b in page["blocks"]}
    stories = {i for i, b in blocks.items() if b["type"] == "article"}
    assert stories == {f"s{k}" for k in range(1, 8)}  # every story placed
    assert blocks["s7"]["at"]["span"] <= 2 and blocks["s7"].get("box")  # the 评论 within its max_span, boxed
    free = {(c, ln) for c in range(1, 9) for ln in range(7, 97)}  # under the banner, over the ad
    taken: set[tuple[int, int]] = set()
    for i, b in blocks.items():
        if i in ("banner", "ad-foot"):
            assert not _cells(b) & free
            continue
        assert _cells(b) <= free and not _cells(b) & taken, i  # inside the free area, no two blocks overlap
        taken |= _cells(b)
    _, _, report = typeset_file(target, book)
    assert {b.block for b in report.blocks} >= set(stories)
    assert report.overset and all(b.block in stories for b in report.overset)  # the over copy is reported
    assert main(["render", str(target), "-o", str(tmp_path / "made.pdf")]) == 0  # renders (overset: said)
    assert (tmp_path / "made.pdf").stat().st_size > 0


def test_a_refusal_does_not_say_the_copy_fits_when_it_is_over(book: FontBook) -> None:
    """Were the page refused, the words say its copy may be more than the free area holds (the old
    message said the stories fitted it by their copy)."""
    plan = read_plan(PLAN)
    page = plan.issue.pages[0]
    search = Search(Measurer(plan.doc, plan.issue, page, PLAN.parent, book), list(plan.stories),
                    [b.at for b in page.blocks])
    least, most = lastresort.copy_areas(search)
    assert least < most and most > 8 * 90  # the free area: 8 columns × 90 lines
    assert "fit the free area by their copy" in unplaceable(search)  # (fallback's own words)
    words = lastresort.message(search)
    assert "fit the free area by their copy" not in words
    assert "more than the free area holds by their copy" in words and f"has {8 * 90})" in words
