"""Headline sizes fall with priority on a made page (``layout.makeup.sizes``).

A 二条 two columns wide takes the two-column size (小二) while a 三条 across three keeps its own
(二号): the page then reads the 三条 as the more important. Made with the pass and without it (the
same search), each plan must have had such a pair without it, have none with it, keep every block
where it was, and set every body glyph where it was: only headline glyphs move.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from layout.frame import TextLine
from layout.makeup import sizes
from layout.makeup.plan import read_plan
from layout.text.font import FontBook
from layout.units import parse_size
from tests.madeup import ROOT, heldout_bench, made_afresh


def _band_plan(seed: int, folder: Path) -> Path:
    """A held-out plan under a band of masthead and 报眼 (the benchmark's generator)."""
    bench = heldout_bench()
    return Path(bench.band_plan(bench.make_plan(seed, folder), seed))


def _inversions(made: dict[str, Any], priority: dict[str, int], fixed: set[str]) -> list[tuple[str, str]]:
    """(more important, less important) story pairs whose horizontal headlines grow down the order;
    headlines the plan sizes itself (``fixed``) left out."""
    heads = [(priority[b["id"]], b["id"], parse_size(str(b["headline"]["size"])))
             for page in made["pages"] for b in page["blocks"]
             if b.get("type") == "article" and b.get("headline") and not b.get("head_vertical")
             and b["id"] not in fixed]
    return [(p, q) for pp, p, ps in heads for qp, q, qs in heads if pp < qp and ps < qs - 0.01]


def _body_glyphs(document: Any) -> set[tuple[str, str, float, float, float]]:
    """Every body line's glyphs as (block, character, x, baseline, size), rounded to 0.01 pt."""
    return {(item.block, g.ch, round(item.x + g.x, 2), round(item.baseline, 2), round(g.size, 2))
            for page in document.pages for item in page.items
            if isinstance(item, TextLine) and item.kind == "body" for g in item.glyphs}


@dataclass
class _Made:
    data: dict[str, Any]
    report: Any
    document: Any


def _make(plan: Path, target: Path, book: FontBook) -> _Made:
    result, document, report = made_afresh(plan, target, book)
    return _Made(yaml.safe_load(result.text), report, document)


@pytest.mark.expect_warnings  # (underset stories, copy-fit advice)
@pytest.mark.parametrize("which", ["plan-lead-beside", "band-8", "band-22"])
def test_sizes_fall_with_priority_and_nothing_else_moves(which: str, tmp_path: Path, book: FontBook,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    plan = (ROOT / "tests" / "data" / "makeup" / f"{which}.yaml" if which.startswith("plan")
            else _band_plan(int(which.split("-")[1]), tmp_path))
    stories = read_plan(plan).stories
    priority = {s.id: s.priority for s in stories}
    fixed = {s.id for s in stories if s.explicit_size}
    made = _make(plan, tmp_path / "with.yaml", book)
    monkeypatch.setattr(sizes, "fall", lambda search, layout: layout)
    plain = _make(plan, tmp_path / "without.yaml", book)
    assert _inversions(plain.data, priority, fixed)  # (the case the pass is for: else the test proves nothing)
    assert not _inversions(made.data, priority, fixed)
    strip = [{k: v for k, v in b.items() if k != "headline"} for page in made.data["pages"] for b in page["blocks"]]
    kept = [{k: v for k, v in b.items() if k != "headline"} for page in plain.data["pages"] for b in page["blocks"]]
    assert strip == kept  # every block where it was, as it was, but for its headline's size
    assert _body_glyphs(made.document) == _body_glyphs(plain.document)  # every body glyph where it was
    assert [(b.block, b.lines_used, b.chars_set, b.overset_lines) for b in made.report.blocks] == \
        [(b.block, b.lines_used, b.chars_set, b.overset_lines) for b in plain.report.blocks]


@dataclass(frozen=True)
class _Story:
    id: str
    priority: int
    explicit_size: bool = False


@dataclass(frozen=True)
class _Head:
    size_pt: float


@dataclass(frozen=True)
class _Block:
    headline: _Head | None


@dataclass(frozen=True)
class _Variant:
    block: _Block
    head_lines: int
    vertical: str = ""


@dataclass(frozen=True)
class _Piece:
    story: _Story
    variant: _Variant | None


@dataclass(frozen=True)
class _Layout:
    pieces: tuple[_Piece, ...]


class _Measurer:
    """Head lines by size: 3 at 26 pt and over, else 2 (a smaller size never needs more)."""

    def capped(self, v: _Variant, size: float) -> _Variant:
        assert not v.vertical  # (as ``Measurer.capped``: horizontal heads only)
        return replace(v, block=_Block(_Head(size)), head_lines=3 if size >= 26 else 2)


class _Search:
    m = _Measurer()


def _piece(sid: str, priority: int, size: float, lines: int, **story: Any) -> _Piece:
    return _Piece(_Story(sid, priority, **story), _Variant(_Block(_Head(size)), lines))


def _sizes(layout: Any) -> dict[str, float]:
    return {p.story.id: p.variant.block.headline.size_pt for p in layout.pieces if p.variant}


def test_a_cap_is_taken_only_where_the_head_keeps_its_lines() -> None:
    pieces = (_piece("s3", 3, 22.0, 2), _piece("s2", 2, 18.0, 2), _piece("s4", 4, 28.0, 3),
              _piece("s1", 1, 42.0, 4), _Piece(_Story("s2", 2), None))
    out = sizes.fall(_Search(), _Layout(pieces))  # type: ignore[arg-type]
    # s3 capped at s2's 18 (2 lines kept); s4 at 18 would lose a line (3 → 2): it keeps its 28
    assert _sizes(out) == {"s1": 42.0, "s2": 18.0, "s3": 18.0, "s4": 28.0}
    assert out.pieces[4] is pieces[4]  # (a photo piece untouched)


def test_the_plan_s_own_sizes_and_vertical_heads_are_kept() -> None:
    vertical = _Piece(_Story("s3", 3), _Variant(_Block(_Head(22.0)), 0, "right"))
    own = _piece("s4", 4, 22.0, 2, explicit_size=True)
    layout = _Layout((_piece("s2", 2, 18.0, 2), vertical, own))
    assert sizes.fall(_Search(), layout) is layout  # type: ignore[arg-type]


def test_a_story_is_capped_at_the_smallest_before_it_and_equals_bind_nothing() -> None:
    pieces = (_piece("a", 2, 20.0, 2), _piece("b", 3, 18.0, 2), _piece("c", 4, 22.0, 2), _piece("d", 4, 24.0, 2))
    assert _sizes(sizes.fall(_Search(), _Layout(pieces))) == {  # type: ignore[arg-type]
        "a": 20.0, "b": 18.0, "c": 18.0, "d": 18.0}
    same = (_piece("x", 3, 18.0, 2), _piece("y", 3, 22.0, 2))
    assert _sizes(sizes.fall(_Search(), _Layout(same))) == {"x": 18.0, "y": 22.0}  # type: ignore[arg-type]
