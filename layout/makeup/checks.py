"""The rules of Chinese make-up checked on a made page (the copy-fit advice: ``layout.makeup.advice``).

In:  the plan and each page's ``Layout``.
Out: ``Finding``s (a rule the layout breaks: 撞题, a photo away from its story, a column from
     the top of the page to its foot (or over most of its free depth to the foot), headline sizes
     not falling with priority, the lead not at the top left, a story below the fold that should
     be above it, a photo that fits nowhere as the plan asks, a story left a headline with almost
     no text, a postage-stamp photo (``cost.stamp_price``), a one-column story running more than
     ``cost.RIBBON`` lines deep (a ribbon, ``cost.ribbon_price``), body text running fewer than
     ``MIN_DEPTH`` lines deep across three or more
     columns, a story other than the lead across the page whose text runs fewer than ``ACROSS_TEXT``
     lines, ``LIST`` or more stories across the page one under another, a story under a less
     important one in the same columns, cells of the free area no story covers; and what the page says of
     its stories' rank, ``layout.makeup.rank_checks``: two stories' photos touching, a photo larger than a
     more important story's, the 二条 low).
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.issue.model import PageSpec, Placement
from layout.makeup import ell, lead
from layout.makeup.cost import (
    BAND_COLUMNS,
    MIN_DEPTH,
    bare,
    free_runs,
    head_band,
    ribbon_price,
    slot_depth,
    stamp_price,
    tall_column,
)
from layout.makeup.plan import Plan, Story
from layout.makeup.search import Layout, Piece


@dataclass(frozen=True)
class Finding:
    """A make-up rule the layout breaks, in words."""

    page: int
    rule: str  # collision, photo, stamp, column, sizes, lead, fold, strip, ribbon, starved, list, bands, order, hole,
    # photos, photo sizes, second (``rank_checks``)
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
    air = 0 if wrapped or piece.corner else min(3, max(0, piece.at.lines - v.lines))  # (no air beside a corner)
    top, end = head_band(v, piece.at.line, air)
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


def above_lead(lead: Piece, articles: list[Piece], pieces: tuple[Piece, ...] = ()) -> list[str]:
    """The stories whose article starts above the lead's (``lead``), or whose headline starts above
    the lead's headline: none when the lead's headline is the highest on its page. The lead's band is
    the one the render prints (``head_extent`` with ``pieces``: a lead with its photo wrapped under its
    headline gives the headline no air, so it stands on the slot's first line; counted with the air of
    a lead without one, 1.5 lines lower, a vertical head beside it starting on the same line was
    taken to stand above it, on 13 of the 16 pages of review P's section, where the render prints both
    from the same line and the search, which keeps the lead on the free area's first line, rightly
    paid nothing)."""
    mine = head_extent(lead, pieces)
    top = mine[2] if mine else lead.at.line
    out = []
    for p in articles:
        if p is lead:
            continue
        head = head_extent(p)
        if p.at.line < lead.at.line or (head is not None and head[2] < top):
            out.append(p.story.id)
    return out


def lead_off(mine: Piece, pieces: tuple[Piece, ...], fixed: list[Placement], runs: list[tuple[int, int]],
             lines: int) -> str:
    """Where the lead (``mine``, its article) stands, in words, when it is off its place (``lead.misplaced``,
    the test the search prices: on the first line on which its slot's width is free, its slot, with its
    photo, from the leftmost column free there or across the free area); "" when in place. ``fixed``: the page's
    fixed blocks, ``runs`` each column's free run (``cost.free_runs``), ``lines`` the page's."""
    firsts = [r[0] for r in runs]
    free, tops = lead.free_top(firsts, fixed, lines)[1], lead.tops(firsts, fixed, lines)
    own = [q.at for q in pieces if q.story is mine.story and not q.wrap]
    slot = (min(a.column for a in own), max(a.last_column for a in own))
    line = min(a.line for a in own)
    if not lead.misplaced(tops, firsts, free, slot, line):
        return ""
    top = lead.top_for(tops, slot[1] - slot[0] + 1)
    return (f"columns {slot[0]}–{slot[1]} from line {line}, its headline from column {mine.at.column}; the free "
            f"area runs over columns {free[0]}–{free[1]} from line {top}")


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
    pages = {p.number: p for p in plan.issue.pages}
    return [f for number, sol in sorted(solutions.items()) for f in page_findings(number, pages[number], sol)]


def page_findings(number: int, page: PageSpec, sol: Layout, ranks: bool = True) -> list[Finding]:
    """Every broken rule on made page ``number`` (``page``, its layout ``sol``); ``ranks``: with what the page says
    of its stories' rank (``rank_checks``: told to the desk, not weighed by the search's steps, ``shapes``)."""
    out: list[Finding] = []
    fixed = [b.at for b in page.blocks]
    runs = free_runs(fixed, page.grid.columns, page.lines)
    articles = [p for p in sol.pieces if p.variant is not None]
    hint = _stagger_hint([p.story for p in articles])
    for a, b in collisions(sol.pieces):
        out.append(Finding(number, "collision", f"第{number}版 {a} and {b}: headlines side by side (撞题){hint}; "
                                                "the search found no layout without one (it prices one above "
                                                "any overset)" + (", within its limits" if sol.cut_short else "")))
    out += _photo_findings(number, page, sol, articles)
    out += _story_findings(number, page, sol, articles, fixed, runs)
    out += _arrangement_findings(number, page, sol, articles, fixed, runs)
    if not ranks:
        return out
    from layout.makeup.rank_checks import rank_findings  # (it reads ``Finding`` from here: imported when asked)

    return out + rank_findings(number, sol.pieces)


def _photo_findings(number: int, page: PageSpec, sol: Layout, articles: list[Piece]) -> list[Finding]:
    """The rules page ``number``'s photos break: placed not as asked, a stamp, away from their story."""
    out: list[Finding] = []
    for photo in (p for p in sol.pieces if p.variant is None):
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
                                                "under its headline, across its span and over its text (题下图)"
                                                + (": the lead's headline stands highest, over its own photo too"
                                                   if photo.story.lead else "")))
        if photo.story.photo is not None and stamp_price(page.grid.columns, photo.at.span,
                                                         photo.story.photo.aspect):
            out.append(Finding(number, "stamp", f"第{number}版 {photo.story.id}: its photo is one column wide "
                                                f"({photo.at.lines} lines): a postage stamp on a page of "
                                                f"{page.grid.columns} columns (give the story two columns or "
                                                "more, or the photo a portrait's shape)"))
        if not touching(photo.at, own.at) and not (photo.wrap and _within(photo.at, own.at)):
            out.append(Finding(number, "photo", f"第{number}版 {photo.story.id}: its photo does not touch it"))
    return out


def _story_findings(number: int, page: PageSpec, sol: Layout, articles: list[Piece], fixed: list[Placement],
                    runs: list[tuple[int, int]]) -> list[Finding]:
    """The rules page ``number``'s stories break one by one: a column top to foot, the lead off its place or
    under another headline, the fold, a strip, a ribbon, a bare headline."""
    out: list[Finding] = []
    for p in articles:
        if tall_body(p, sol.pieces, runs[p.at.column - 1]):
            out.append(Finding(number, "column", f"第{number}版 {p.story.id}: body runs from the top of the "
                                                 f"page to its foot (lines {p.at.line}–{p.at.end_line - 1} of "
                                                 f"the free {runs[p.at.column - 1][0]}–"
                                                 f"{runs[p.at.column - 1][1] - 1})"))
        if p.story.lead and (off := lead_off(p, sol.pieces, fixed, runs, page.lines)):
            out.append(Finding(number, "lead", f"第{number}版 {p.story.id}: the lead (头条) is neither at the "
                                               f"top left nor across the top ({off})"))
        if p.story.lead and (higher := above_lead(p, articles, sol.pieces)):
            out.append(Finding(number, "lead", f"第{number}版 {p.story.id}: the lead's headline is not the "
                                               f"highest on the page ({', '.join(higher)} above it)"))
        if p.story.above_fold and p.at.line > page.lines // 2:
            out.append(Finding(number, "fold", f"第{number}版 {p.story.id}: starts below the fold"))
        if (strip := _strip(p, sol.pieces) or _band(p, runs)) is not None:
            out.append(Finding(number, "strip", f"第{number}版 {p.story.id}: body text {strip[0]} lines deep "
                                                f"across {strip[1]} columns: a strip (give it fewer columns)"))
        if p.variant is not None and ribbon_price(p.variant, depth := slot_depth(p.variant, p.at.lines)):
            out.append(Finding(number, "ribbon", f"第{number}版 {p.story.id}: body text {depth} lines deep one "
                                                 "column wide: a ribbon down the page (give it two columns or more)"))
        if (starved := starved_body(p, sol.pieces)) is not None:
            out.append(Finding(number, "starved", f"第{number}版 {p.story.id}: {starved[0]} body lines of the "
                                                  f"{starved[1]} a column its copy needs: a headline with almost "
                                                  "no text under it (give it room, or cut the story)"))
    return out


def _arrangement_findings(number: int, page: PageSpec, sol: Layout, articles: list[Piece], fixed: list[Placement],
                   runs: list[tuple[int, int]]) -> list[Finding]:
    """The rules page ``number`` breaks in how its stories stand together: 千层饼 or a list, a story under a
    less important one, a hole, headline sizes not falling with priority."""
    out: list[Finding] = []
    if len(stack := list_of_strips(sol.pieces, runs)) < LIST and len(
            stack := list_of_strips(sol.pieces, runs, deep=True)) >= LIST:  # (a list of shallow ones said below)
        out.append(Finding(number, "bands", f"第{number}版 {', '.join(stack)}: {len(stack)} stories one under "
                                            "another, each across the page (千层饼): stories side by side or "
                                            "a story turning a corner (拐弯) read as a page"))
    elif len(stack) >= LIST:
        out.append(Finding(number, "list", f"第{number}版 {', '.join(stack)}: {len(stack)} stories one under "
                                           f"another, each across the page and shallow (at most "
                                           f"{SHALLOW_TEXT} lines of text, or {SHALLOW_ROW} in all): "
                                           "a list, not a page (give some fewer columns, side by side)"))
    for p, q in out_of_order(articles):
        low, high = max(p.at.column, q.at.column), min(p.at.last_column, q.at.last_column)
        out.append(Finding(number, "order", f"第{number}版 {p.story.id} (priority {p.story.priority}) starts "
                                            f"under {q.story.id} (priority {q.story.priority}) in columns "
                                            f"{low}–{high}: the page reads the less important first (move it "
                                            "up, or swap them)"))
    for hole in holes(sol.pieces, fixed, page.grid.columns, page.lines):
        out.append(Finding(number, "hole", f"第{number}版: columns {hole.column}–{hole.last_column}, lines "
                                           f"{hole.line}–{hole.end_line - 1} hold no story ({hole.span} × "
                                           f"{hole.lines} cells of the free area left empty): give them a story, "
                                           "a photo or a 导读 that fits, or widen a fixed block beside them"))
    for p in articles:
        for q in articles:
            hp, hq = p.variant.block.headline, q.variant.block.headline  # type: ignore[union-attr]
            if hp and hq and p.story.priority < q.story.priority and hp.size_pt < hq.size_pt - 0.01:
                out.append(Finding(number, "sizes", f"第{number}版 {q.story.id}'s headline is larger than "
                                                    f"{p.story.id}'s, which comes first"))
    return out


def holes(pieces: tuple[Piece, ...], fixed: list[Placement], columns: int, lines: int) -> list[Placement]:
    """The rectangles of a page's free area (``columns`` × ``lines`` less the ``fixed`` blocks) that no
    piece covers (an L's corner, ``Piece.corner``, left to others, not its own), in reading order: each
    the widest run of empty cells from the first empty cell not yet reported, as deep as that run stays
    empty (a well between masthead and 报眼 that no story fits, which the search prices as a hole)."""
    taken = [[False] * (columns + 2) for _ in range(lines + 2)]  # [line][column], from 1
    for a, corner in [(f, None) for f in fixed] + [(p.at, p.corner) for p in pieces]:
        for ln in range(max(1, a.line), min(lines, a.end_line - 1) + 1):
            for c in range(max(1, a.column), min(columns, a.last_column) + 1):
                if corner is None or not (corner.line <= ln < corner.end_line
                                          and corner.column <= c <= corner.last_column):
                    taken[ln][c] = True
    out = []
    for ln in range(1, lines + 1):
        for c in range(1, columns + 1):
            if taken[ln][c]:
                continue
            end = c
            while end < columns and not taken[ln][end + 1]:
                end += 1
            foot = ln
            while foot < lines and not any(taken[foot + 1][c:end + 1]):
                foot += 1
            for row in taken[ln:foot + 1]:
                row[c:end + 1] = [True] * (end + 1 - c)
            out.append(Placement(c, end - c + 1, ln, foot - ln + 1))
    return out


def _stagger_hint(stories: list[Story]) -> str:
    """What a page's 撞题 finding adds when no story but the lead may open a side of the page without a
    headline on its first line (``rules.can_open``: a photo that may go above it, or a vertical head
    allowed): the search then has no way to set a story beside the lead's headline but with its own
    headline beside it, so every layout whose lead is narrower than the page has a 撞题 (review Y's y1:
    allowed a vertical head, its 二条 took one and the page fit with none). Names the highest story
    that could take a vertical head; "" when some story can open so."""
    others = sorted((s for s in stories if not s.lead), key=lambda s: (s.priority, s.index))
    if not others or any(s.head_vertical or (s.photo is not None and s.photo.place in ("above", "any"))
                         for s in others):
        return ""
    pick = next((s for s in others if not s.boxed), others[0])
    return (": no story but the lead can open beside another headline without its own (none has a photo to go "
            f"above it or a vertical headline allowed); `head_vertical: allowed` on {pick.id} lets the make-up "
            "set it beside another headline without 撞题")


def out_of_order(articles: list[Piece]) -> list[tuple[Piece, Piece]]:
    """Each story (``p``) whose headline starts ``ORDER_LINES`` or more lines under that of a less
    important one (``q``, a larger priority number) standing above it in some of its columns: read top
    to bottom, the page gives the less important first (review Y: a 二条 across the foot under the
    三条). A boxed story (评论) is left out, its place chosen for its own sake."""
    out = []
    for p in articles:
        for q in articles:
            if p.story.priority < q.story.priority and not (p.story.boxed or q.story.boxed) \
                    and q.at.line + ORDER_LINES <= p.at.line and q.at.column <= p.at.last_column \
                    and p.at.column <= q.at.last_column:
                out.append((p, q))
    return out


def _strip(p: Piece, pieces: tuple[Piece, ...]) -> tuple[int, int] | None:
    """(depth, body columns) of a story's body text (its balanced lines, not its slot's; overset, the
    slot's room) when it runs fewer than ``MIN_DEPTH`` lines across three or more body columns: a strip
    across the page that reads badly (a search cut short stacks them; review V's v4, overset, left one
    5 lines deep across 6 columns unreported); None otherwise (a story left almost no text is
    ``starved_body``'s, one with a photo wrapped inside it the advice's)."""
    v = p.variant
    if v is None or v.columns < 3 or any(q.wrap and q.story is p.story for q in pieces):
        return None
    if p.corner is not None:  # 拐弯: its lines across, over the corner (its other columns run on down)
        across = p.corner.line - p.at.line - v.head_lines
        return (across, p.corner.span) if across < MIN_DEPTH and p.corner.span >= 3 and \
            ell.fit(v, p.at.lines, p.corner)[0] == 0 else None
    depth = min(v.body_lines, p.at.lines - v.head_lines - v.pad)  # (overset: the slot's room)
    return (depth, v.columns) if depth < MIN_DEPTH and starved_body(p, pieces) is None else None


LIST = 3  # stories stacked across the page, each shallow, that read as a list
SHALLOW_ROW = 12  # grid lines (headline, text and photo) a story across the page runs at most to count as one …
SHALLOW_TEXT = 10  # … or body lines its text runs at most (a headline and its air over a few lines), in 24 at most


ACROSS_TEXT = 12  # body lines a story across the page (not the lead) runs at least not to be a strip
ORDER_LINES = 2  # lines a less important story starts above a more important one in its columns to be out of order


def _band(p: Piece, runs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """(depth, body columns) of a story other than the lead set across the free area's width (or all
    but one of its columns, ``cost.BAND_COLUMNS`` or more) whose body runs fewer than ``ACROSS_TEXT``
    lines (its balanced lines, or its slot's room when overset): a strip across the page of a few
    lines (the search prices such bands, ``cost.band_price``, under 10 lines more); None otherwise."""
    v = p.variant
    width = sum(1 for top, end in runs if end > top)
    if v is None or p.story.lead or p.corner is not None or width < BAND_COLUMNS \
            or p.at.span < width - 1:
        return None
    depth = min(v.body_lines, p.at.lines - v.head_lines - v.pad)
    return (max(0, depth), v.columns) if depth < ACROSS_TEXT else None


def list_of_strips(pieces: tuple[Piece, ...], runs: list[tuple[int, int]], deep: bool = False) -> list[str]:
    """The longest run of stories standing one directly under another, each (with its photo) across
    the free area's width or all but one of its columns and at most ``SHALLOW_ROW`` lines deep (or
    its text at most ``SHALLOW_TEXT``, in twice that): a
    stack of full-width strips, each a headline over a few lines of text, reads as a list, where a
    designer staggers stories in blocks of a few columns side by side (the review's 16-page section:
    five such strips under one lead). ``deep``: stories across the page of any depth (a page of bands
    one under another, 千层饼, every headline in the same place). The stories' ids, top to bottom; fewer
    than ``LIST`` is no finding."""
    width = sum(1 for top, end in runs if end > top)
    boxes: dict[str, list[int]] = {}
    for p in pieces:
        box = boxes.setdefault(p.story.id, [p.at.column, p.at.last_column, p.at.line, p.at.end_line])
        box[:] = [min(box[0], p.at.column), max(box[1], p.at.last_column), min(box[2], p.at.line),
                  max(box[3], p.at.end_line)]
    text = {p.story.id: min(p.variant.body_lines, p.at.lines - p.variant.head_lines - p.variant.pad)
            for p in pieces if p.variant is not None}
    rows = sorted((b[2], b[3], sid) for sid, b in boxes.items() if b[1] - b[0] + 1 >= max(2, width - 1)
                  and (deep or b[3] - b[2] <= SHALLOW_ROW
                       or (text.get(sid, 99) <= SHALLOW_TEXT and b[3] - b[2] <= 2 * SHALLOW_ROW)))
    best: list[str] = []
    run: list[str] = []
    end = -1
    for line, stop, sid in rows:
        run = [*run, sid] if line == end else [sid]
        end = stop
        best = run if len(run) > len(best) else best
    return best


def tall_body(p: Piece, pieces: tuple[Piece, ...], run: tuple[int, int]) -> bool:
    """Whether a story's body runs down its column's free run ``run`` to the foot over most of its
    depth (``cost.tall_column``, as the search prices it); a photo across its span under its
    headline (题下图) breaks the column by its lines and the empty line around it."""
    v = p.variant
    if v is None:
        return False
    under = sum(q.at.lines + 2 for q in pieces if q.wrap and q.story is p.story and q.at.span == p.at.span)
    return tall_column(v, p.at.line, p.at.end_line, run, under)


def starved_body(p: Piece, pieces: tuple[Piece, ...]) -> tuple[int, int] | None:
    """(body lines its slot gives, body lines its copy needs) of a story left with fewer than
    ``MIN_DEPTH`` body lines (or a quarter of what it needs) while its copy is overset: a headline
    printed with almost no text, which no designer sends to press; None otherwise (a story with a
    photo wrapped inside it is judged by the advice's count)."""
    v = p.variant
    if v is None or any(q.wrap and q.story is p.story for q in pieces):
        return None
    if p.corner is not None:  # 拐弯: overset only where the L holds little of its text
        over, _ = ell.fit(v, p.at.lines, p.corner)
        need = v.columns * v.body_lines - v.slack
        return (max(0, (need - over) // v.columns), v.body_lines) if ell.bare(v, over) else None
    room = p.at.lines - v.head_lines - v.pad
    if v.fit(p.at.lines)[0] > 0 and bare(v, room):
        return max(0, room), v.body_lines
    return None
