"""Headline sizes fall with priority on a made page (``layout.makeup.sizes``).

A 二条 two columns wide takes the two-column size (小二) while a 三条 across three keeps its own
(二号): the page then reads the 三条 as the more important. Made with the pass and without it (the
same search), each plan must have had such a pair without it, have none with it, keep every block
where it was, and set every body glyph where it was: only headline glyphs move (on a held-out page
near its capacity, band-hi-88, the capped head group is two lines shorter and they become its air).
Where the freed lines would move the body (band-hi-28: a photo in the story's slot), the pass leaves
the page as the search made it. The measurer's capped head is checked against the measurer's own
variant of the story planned at that size.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from layout.frame import TextLine
from layout.issue.model import Placement
from layout.makeup import sizes
from layout.makeup.plan import read_plan
from layout.text.font import FontBook
from layout.units import parse_size
from tests.madeup import ROOT, heldout_bench, made_afresh

NEAR_FULL = (0.88, 1.12)  # the benchmark's ``--fill`` for pages near or over their capacity
SLOT = Placement(1, 2, 1, 20)  # the fake pieces' slot, every one on the same cells


def _band_plan(which: str, folder: Path) -> Path:
    """A held-out plan under a band of masthead and 报眼 (the benchmark's generator): ``band-8`` its
    seed 8, ``band-hi-88`` seed 88 with copy near the page's capacity."""
    bench, seed = heldout_bench(), int(which.split("-")[-1])
    fill = NEAR_FULL if "-hi-" in which else bench.FILL
    return Path(bench.band_plan(bench.make_plan(seed, folder, fill), seed))


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
@pytest.mark.parametrize("which", ["plan-lead-beside", "band-8", "band-22", "band-hi-88"])
def test_sizes_fall_with_priority_and_nothing_else_moves(which: str, tmp_path: Path, book: FontBook,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    plan = (ROOT / "tests" / "data" / "makeup" / f"{which}.yaml" if which.startswith("plan")
            else _band_plan(which, tmp_path))
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


@pytest.mark.expect_warnings  # (overset stories, copy-fit advice)
def test_a_cap_that_would_move_the_body_is_not_taken(tmp_path: Path, book: FontBook,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """band-hi-28: its 三条 (s3) keeps 二号 beside a 二条 at 小二: at 小二 its head group is two lines
    shorter, and the render would give them to the body, not to air (its slot holds its photo, and 17
    lines more than the story needs, past the air a head group takes)."""
    plan = _band_plan("band-hi-28", tmp_path)
    made = _make(plan, tmp_path / "with.yaml", book)
    monkeypatch.setattr(sizes, "fall", lambda search, layout: layout)
    plain = _make(plan, tmp_path / "without.yaml", book)
    stories = read_plan(plan).stories
    assert ("s2", "s3") in _inversions(plain.data, {s.id: s.priority for s in stories}, set())
    assert made.data == plain.data


def test_a_capped_head_has_the_lines_of_the_story_planned_at_that_size(book: FontBook) -> None:
    """``Measurer.capped`` on the customer's stories at every span: at its own size the variant as it
    was; at a smaller size the head lines the measurer finds for the same story whose plan gives that
    size (set afresh, not capped), never more than before, and fewer for some long headline; the
    body untouched."""
    from layout.makeup.measure import Measurer

    plan_path = ROOT / "issue" / "plan-sample.yaml"
    plan = read_plan(plan_path)
    measurer = Measurer(plan.doc, plan.issue, plan.issue.pages[0], plan_path.parent, book)
    fewer = 0
    for story in (s for s in plan.stories if s.data.get("headline") and not s.explicit_size):
        for span in (1, 2, 3, 4):
            v = measurer.variant(story, span, span)
            if v is None or v.block.headline is None:
                continue
            assert measurer.capped(v, v.block.headline.size_pt) == v
            for size in ("小二", "四号"):
                head = story.data["headline"]
                head = {**head, "size": size} if isinstance(head, dict) else {"text": head, "size": size}
                given = replace(story, id=f"{story.id}-{size}", data={**story.data, "headline": head})
                sized = measurer.variant(given, span, span)
                assert sized is not None and sized.block.headline is not None
                if sized.block.headline.size_pt >= v.block.headline.size_pt:
                    continue
                capped = measurer.capped(v, sized.block.headline.size_pt)
                assert capped.head_lines == sized.head_lines <= v.head_lines
                assert (capped.body_lines, capped.slack, capped.columns) == (v.body_lines, v.slack, v.columns)
                fewer += capped.head_lines < v.head_lines
    assert fewer  # (a smaller size that saves no line anywhere would prove nothing)


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
    box: None = None


@dataclass(frozen=True)
class _Variant:
    block: _Block
    head_lines: int
    vertical: str = ""
    pad: int = 0


@dataclass(frozen=True)
class _Piece:
    story: _Story
    variant: _Variant | None
    at: Placement = SLOT  # (every piece here on the same cells: freed lines are never air)
    corner: None = None


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


def test_a_cap_is_taken_where_the_head_keeps_its_lines_not_where_others_share_its_slot() -> None:
    pieces = (_piece("s3", 3, 22.0, 2), _piece("s2", 2, 18.0, 2), _piece("s4", 4, 28.0, 3),
              _piece("s1", 1, 42.0, 4), _Piece(_Story("s2", 2), None))
    out = sizes.fall(_Search(), _Layout(pieces))  # type: ignore[arg-type]
    # s3 capped at s2's 18 (2 lines kept); s4 at 18 would lose a line (3 → 2) with other pieces in its
    # slot (the render would give the line to its body, not its head's air): it keeps its 28
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


def _sample_measure(book: FontBook) -> tuple[Any, Any, list[Any]]:
    """A measurer of the customer's page (the sample plan), a search around it (all ``sizes`` asks of
    one) and the plan's stories with a horizontal headline the make-up sizes, not boxed."""
    from types import SimpleNamespace

    from layout.makeup.measure import Measurer

    plan_path = ROOT / "issue" / "plan-sample.yaml"
    plan = read_plan(plan_path)
    measurer = Measurer(plan.doc, plan.issue, plan.issue.pages[0], plan_path.parent, book)
    stories = [s for s in plan.stories if s.data.get("headline") and not s.explicit_size and not s.boxed]
    return measurer, SimpleNamespace(m=measurer), stories


def _body(measurer: Any, block: Any, obstacles: tuple[Any, ...] = ()) -> list[tuple[str, float, float]]:
    """The body glyphs (character, x, baseline) of ``block`` as the render sets it (``layout_article``)."""
    from layout.flow.article import layout_article

    items = layout_article(block, measurer.ctx, obstacles=obstacles).items
    return [(g.ch, round(i.x + g.x, 2), round(i.baseline, 2))
            for i in items if isinstance(i, TextLine) and i.kind == "body" for g in i.glyphs]


def _caps(measurer: Any, stories: list[Any]) -> list[tuple[Any, Any, Any]]:
    """(story, variant, capped variant) for the stories at spans 2–4 capped at smaller sizes (小二, 三号,
    四号) that save head lines."""
    out = []
    for story in stories:
        for span in (2, 3, 4):
            v = measurer.variant(story, span, span)
            if v is None or v.block.headline is None:
                continue
            for size in (parse_size("小二"), parse_size("三号"), parse_size("四号")):
                smaller = measurer.capped(v, size)
                if smaller.head_lines < v.head_lines:
                    out.append((story, v, smaller))
    return out


@pytest.mark.expect_warnings  # (slots deeper than the copy: underset lines)
def test_freed_lines_are_taken_exactly_where_the_render_keeps_the_body(book: FontBook) -> None:
    """``sizes._freed_to_air`` against the render itself (``layout_article``): the customer's stories
    at spans 2–4, each head group capped at smaller sizes that save lines, in slots from the story's own
    depth to four lines deeper: freed lines are taken where the article's body glyphs come out the same
    under the smaller head group, and refused where they move, both seen."""
    from layout.makeup.search import Piece

    measurer, search, stories = _sample_measure(book)
    seen = {True: 0, False: 0}
    for story, v, smaller in _caps(measurer, stories):
        for extra in range(5):
            at = Placement(1, v.span, 10, v.lines + extra)
            piece = Piece(story, at, v)
            taken = sizes._freed_to_air(search, (piece,), piece, smaller)
            same = _body(measurer, replace(v.block, at=at)) == _body(measurer, replace(smaller.block, at=at))
            assert taken == same, (story.id, v.span, smaller.block.headline.size_pt, extra)
            seen[taken] += 1
    assert seen[True] and seen[False]


@pytest.mark.expect_warnings  # (underset lines)
def test_freed_lines_are_refused_where_the_slot_holds_more_than_the_story(book: FontBook) -> None:
    """A cap the story's bare slot takes is refused, each reason alone, where the slot holds a photo
    wrapped in it, a corner it leaves to other blocks (拐弯) or a box: the render then gives spare lines
    to the body, not to the head's air, so the smaller head group would move the body (seen here)."""
    from layout.flow.article import BOX_PAD_LINES
    from layout.flow.distribute import Obstacle
    from layout.issue.model import BoxStyle
    from layout.makeup.search import Piece

    measurer, search, stories = _sample_measure(book)

    def taken(piece: Piece, smaller: Any, *others: Piece) -> bool:
        return sizes._freed_to_air(search, (piece, *others), piece, smaller)

    piece, smaller = next((p, sm) for st, v, sm in _caps(measurer, stories) for extra in range(4)
                          if taken(p := Piece(st, Placement(1, v.span, 10, v.lines + extra), v), sm))
    story, v, at = piece.story, piece.variant, piece.at
    assert v is not None
    corner = photo = Placement(at.last_column, 1, at.end_line - 6, 6)  # its last column's foot
    rect = measurer.grid.rect(photo)

    wrapped = (Obstacle(rect.x, rect.x + rect.w, photo.line, photo.end_line),)
    assert not taken(piece, smaller, Piece(story, photo))
    assert _body(measurer, replace(v.block, at=at), wrapped) != _body(measurer, replace(smaller.block, at=at), wrapped)

    ell = (Obstacle(rect.x, rect.x + rect.w, corner.line, corner.end_line, gap=0),)
    assert not taken(replace(piece, corner=corner), smaller)
    assert _body(measurer, replace(v.block, at=at, corner=corner), ell) != \
        _body(measurer, replace(smaller.block, at=at, corner=corner), ell)

    boxed, boxed_smaller = (replace(x, block=replace(x.block, box=BoxStyle()), pad=2 * BOX_PAD_LINES)
                            for x in (v, smaller))
    slot = replace(at, lines=at.lines + 2 * BOX_PAD_LINES)
    assert not taken(Piece(story, slot, boxed), boxed_smaller)
    assert _body(measurer, replace(boxed.block, at=slot)) != _body(measurer, replace(boxed_smaller.block, at=slot))
