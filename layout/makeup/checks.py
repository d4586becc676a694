"""The rules of Chinese make-up checked on a made page (the copy-fit advice: ``layout.makeup.advice``).

In:  the plan and each page's ``Layout``.
Out: ``Finding``s (a rule the layout breaks: 撞题, a photo away from its story, a column from
     the top of the page to its foot, headline sizes not falling with priority, the lead not at
     the top left, a story below the fold that should be above it, a photo that fits nowhere as
     the plan asks, a story left a headline with almost no text, body text running fewer than
     ``MIN_DEPTH`` lines deep across three or more columns).
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.issue.model import Placement
from layout.makeup.cost import MIN_DEPTH, head_band
from layout.makeup.plan import Plan
from layout.makeup.search import Layout, Piece


@dataclass(frozen=True)
class Finding:
    """A make-up rule the layout breaks, in words."""

    page: int
    rule: str  # collision, photo, column, sizes, lead, fold, strip, starved
    text: str


def head_extent(piece: Piece, pieces: tuple[Piece, ...] = ()) -> tuple[int, int, float, float] | None:
    """(first column, last column, first line, end line) of the band an article's horizontal headline
    group is printed in (``cost.head_band``: moved down by its share of the air, the air not part of
    it; with a photo wrapped under it, when ``pieces`` holds one, at the slot's top), or of its
    vertical head's strip; None for a photo or an article without a headline. The search reads the
    same band, so a 撞题 it costs is one found here."""
    v = piece.variant
    if v is not None and v.vertical:  # 竖排标题: the base columns its strip reaches into, down its longest column
        return v.vertical_extent(piece.at.column, piece.at.last_column, piece.at.line)
    if v is None or not v.has_head:
        return None
    wrapped = any(q.wrap and q.story is piece.story for q in pieces)
    top, end = head_band(v, piece.at.line, 0 if wrapped else min(3, max(0, piece.at.lines - v.lines)))
    return piece.at.column, piece.at.last_column, top, end


def collisions(pieces: tuple[Piece, ...]) -> list[tuple[str, str]]:
    """撞题: pairs of stories whose headline groups stand side by side (next to each other
    across a gutter) on overlapping lines."""
    heads = [(p.story.id, e) for p in pieces if (e := head_extent(p, pieces)) is not None]
    out = []
    for i, (a, p) in enumerate(heads):
        for b, q in heads[i + 1:]:
            beside = p[1] + 1 == q[0] or q[1] + 1 == p[0]
            if beside and p[2] < q[3] and q[2] < p[3]:
                out.append((a, b))
    return out


def above_lead(lead: Piece, articles: list[Piece]) -> list[str]:
    """The stories whose article starts above the lead's (``lead``), or whose headline starts above
    the lead's headline: none when the lead's headline is the highest on its page."""
    mine = head_extent(lead)
    top = mine[2] if mine else lead.at.line
    out = []
    for p in articles:
        if p is lead:
            continue
        head = head_extent(p)
        if p.at.line < lead.at.line or (head is not None and head[2] < top):
            out.append(p.story.id)
    return out


def _within(a: Placement, b: Placement) -> bool:
    """Whether ``a`` lies wholly inside ``b``."""
    return b.column <= a.column and a.last_column <= b.last_column and b.line <= a.line and a.end_line <= b.end_line


def touching(a: Placement, b: Placement) -> bool:
    """Whether two placements share an edge (one above the other, or side by side)."""
    cols = a.column <= b.last_column and b.column <= a.last_column
    rows = a.line < b.end_line and b.line < a.end_line
    return (cols and (a.end_line == b.line or b.end_line == a.line)) or (
        rows and (a.last_column + 1 == b.column or b.last_column + 1 == a.column))


def findings(plan: Plan, solutions: dict[int, Layout]) -> list[Finding]:
    """Every broken rule on the made pages (see module docstring)."""
    out: list[Finding] = []
    pages = {p.number: p for p in plan.issue.pages}
    for number, sol in sorted(solutions.items()):
        page = pages[number]
        fixed = [b.at for b in page.blocks]
        first_free = [min((ln for ln in range(1, page.lines + 1) if not any(
            f.column <= c <= f.last_column and f.line <= ln < f.end_line for f in fixed)), default=1)
            for c in range(1, page.grid.columns + 1)]
        articles = [p for p in sol.pieces if p.variant is not None]
        photos = [p for p in sol.pieces if p.variant is None]
        for a, b in collisions(sol.pieces):
            out.append(Finding(number, "collision", f"第{number}版 {a} and {b}: headlines side by side (撞题)"))
        for photo in photos:
            own = next(p for p in articles if p.story is photo.story)
            if photo.forced:
                wish = photo.story.photo
                assert wish is not None
                where = "beside" if photo.at.line == own.at.line else "above"
                out.append(Finding(number, "photo", f"第{number}版 {photo.story.id}: its photo (aspect "
                                                    f"{wish.aspect:g}, place {wish.place}) does not fit as asked; "
                                                    f"placed {where} it, {photo.at.span} columns × {photo.at.lines} "
                                                    "lines (fit: cover crops what its shape leaves over)"))
            if photo.wrap and photo.story.photo is not None and photo.story.photo.place == "above":
                out.append(Finding(number, "photo", f"第{number}版 {photo.story.id}: its photo (place above) is set "
                                                    "under its headline, across its span and over its text (题下图): "
                                                    "the lead's headline stands highest, over its own photo too"))
            if not touching(photo.at, own.at) and not (photo.wrap and _within(photo.at, own.at)):
                out.append(Finding(number, "photo", f"第{number}版 {photo.story.id}: its photo does not touch it"))
        for p in articles:
            if p.at.end_line > page.lines and p.at.line <= first_free[p.at.column - 1]:
                out.append(Finding(number, "column", f"第{number}版 {p.story.id}: body runs from the top of the "
                                                     "page to its foot"))
            if p.story.priority == 1 and (higher := above_lead(p, articles)):
                out.append(Finding(number, "lead", f"第{number}版 {p.story.id}: the lead's headline is not the "
                                                   f"highest on the page ({', '.join(higher)} above it)"))
            if p.story.above_fold and p.at.line > page.lines // 2:
                out.append(Finding(number, "fold", f"第{number}版 {p.story.id}: starts below the fold"))
            if (strip := _strip(p, sol.pieces)) is not None:
                out.append(Finding(number, "strip", f"第{number}版 {p.story.id}: body text {strip[0]} lines deep "
                                                    f"across {strip[1]} columns: a strip (give it fewer columns)"))
            if (starved := _starved(p, sol.pieces)) is not None:
                out.append(Finding(number, "starved", f"第{number}版 {p.story.id}: {starved[0]} body lines of the "
                                                      f"{starved[1]} a column its copy needs: a headline with almost "
                                                      "no text under it (give it room, or cut the story)"))
        for p in articles:
            for q in articles:
                hp, hq = p.variant.block.headline, q.variant.block.headline  # type: ignore[union-attr]
                if hp and hq and p.story.priority < q.story.priority and hp.size_pt < hq.size_pt - 0.01:
                    out.append(Finding(number, "sizes", f"第{number}版 {q.story.id}'s headline is larger than "
                                                        f"{p.story.id}'s, which comes first"))
    return out


def _strip(p: Piece, pieces: tuple[Piece, ...]) -> tuple[int, int] | None:
    """(depth, body columns) of a story's body text (its balanced lines, not its slot's) when it runs fewer than
    ``MIN_DEPTH`` lines across three or more body columns with nothing overset: a strip across the
    page that reads badly (a search cut short stacks them); None otherwise (overset stories are
    judged by ``_starved``, one with a photo wrapped inside it by the advice)."""
    v = p.variant
    if v is None or v.columns < 3 or any(q.wrap and q.story is p.story for q in pieces):
        return None
    return (v.body_lines, v.columns) if v.body_lines < MIN_DEPTH and v.fit(p.at.lines)[0] == 0 else None


def _starved(p: Piece, pieces: tuple[Piece, ...]) -> tuple[int, int] | None:
    """(body lines its slot gives, body lines its copy needs) of a story left with fewer than
    ``MIN_DEPTH`` body lines (or a quarter of what it needs) while its copy is overset: a headline
    printed with almost no text, which no designer sends to press; None otherwise (a story with a
    photo wrapped inside it is judged by the advice's count)."""
    v = p.variant
    if v is None or any(q.wrap and q.story is p.story for q in pieces):
        return None
    room = p.at.lines - v.head_lines - v.pad
    if v.fit(p.at.lines)[0] > 0 and room < min(MIN_DEPTH, max(1, v.body_lines // 4)):
        return max(0, room), v.body_lines
    return None
