"""Bands across the page in make-up (review V F4, ``cost.band_price``, ``checks``): an L whose body
runs down one column beside a wide corner is a ribbon the search avoids; a story other than the lead
left across the page with a few lines of text, and three or more stories stacked across the page, are
reported. Read from the made issue's geometry and its render's body lines, not the make-up's numbers."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from layout.frame import TextLine
from layout.text.font import FontBook
from tests.madeup import made_afresh

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "makeup"
SHALLOW = 12  # body lines under which a story across the page is a strip (``checks.ACROSS_TEXT``, said here)


@pytest.fixture(scope="module")
def ribbon(book: FontBook, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, Any], Any]:
    result, document, _ = made_afresh(DATA / "plan-ribbon.yaml", tmp_path_factory.mktemp("ribbon") / "made.yaml", book)
    return result, yaml.safe_load(result.text), document


@pytest.fixture(scope="module")
def bands(book: FontBook, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, Any], Any]:
    result, document, _ = made_afresh(DATA / "plan-bands.yaml", tmp_path_factory.mktemp("bands") / "made.yaml", book)
    return result, yaml.safe_load(result.text), document


def _depths(document: Any, block: str) -> list[int]:
    """The body lines of ``block`` in each of its body columns, from the render (lines by their x)."""
    columns: dict[int, set[int]] = defaultdict(set)
    for item in document.pages[0].items:
        if isinstance(item, TextLine) and item.block == block and item.kind == "body":
            columns[round(item.x)].add(round(item.baseline * 10))
    return [len(ys) for _, ys in sorted(columns.items())]


@pytest.mark.expect_warnings
def test_an_ell_runs_down_two_columns_or_more_beside_its_corner(ribbon: tuple[Any, dict[str, Any], Any]) -> None:
    _, issue, document = ribbon
    page = issue["pages"][0]
    ells = [b for b in page["blocks"] if "corner" in b]
    assert ells  # the short lead turns a corner (the page's three stories without photos)
    for b in ells:
        side = b["at"]["span"] - b["corner"]["span"]
        assert side >= 2, f"{b['id']}: its body runs down {side} column beside a corner {b['corner']['span']} wide"
        depths = _depths(document, b["id"])
        assert len(depths) == b["at"]["span"] and max(depths) > b["corner"]["lines"]  # the side's text is set


@pytest.mark.expect_warnings
def test_strips_and_stacks_across_the_page_are_reported(bands: tuple[Any, dict[str, Any], Any]) -> None:
    result, issue, document = bands
    page = issue["pages"][0]
    width = page["grid"]["columns"]
    stories = {b["id"]: b for b in page["blocks"] if b.get("type") == "article"}
    lead = min(stories, key=lambda s: next(p["priority"] for p in yaml.safe_load(
        (DATA / "plan-bands.yaml").read_text(encoding="utf-8"))["stories"] if p["id"] == s))
    across = {sid: b for sid, b in stories.items() if b["at"]["span"] >= width - 1 and "corner" not in b}
    strips = {sid for sid, b in across.items() if sid != lead and max(_depths(document, sid)) < SHALLOW}
    named = {f.text.split()[1].rstrip(":") for f in result.findings if f.rule == "strip"}
    assert strips <= named, f"strips across the page not reported: {sorted(strips - named)}"
    rows = sorted((b["at"]["line"], b["at"]["line"] + b["at"]["lines"], sid) for sid, b in across.items())
    run, longest, end = [], [], -1
    for line, stop, sid in rows:
        run = [*run, sid] if line == end else [sid]
        end, longest = stop, max(longest, run, key=len)
    if len(longest) >= 3:  # stacked across the page, one under another: reported (a list when shallow)
        lists = [f.text for f in result.findings if f.rule in ("list", "bands")]
        assert any(sum(f"{sid}," in text or f"{sid}:" in text for sid in longest) >= 3 for text in lists), \
            (longest, lists)


@pytest.mark.expect_warnings
def test_stories_stacked_across_the_page_stand_in_priority_order(bands: tuple[Any, dict[str, Any], Any]) -> None:
    # the search left the 四条 under the 五条 and 六条 (each band as dear either way); ``ranks`` swaps them
    _, issue, _ = bands
    priority = {s["id"]: s["priority"] for s in yaml.safe_load(
        (DATA / "plan-bands.yaml").read_text(encoding="utf-8"))["stories"]}
    tops = {b["id"]: b["at"]["line"] for b in issue["pages"][0]["blocks"] if b["id"] in priority}
    late = [(a, b) for a in tops for b in tops if priority[a] < priority[b] and tops[a] > tops[b] + 1]
    assert not late, late  # (more important, less important) pairs, the more important lower
