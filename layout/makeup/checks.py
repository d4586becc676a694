"""The rules of Chinese make-up checked on a made page, and the desk's copy-fit advice.

In:  the plan and each page's ``Layout``.
Out: ``Finding``s (a rule the layout breaks: 撞题, a photo away from its story, a column from
     the top of the page to its foot, headline sizes not falling with priority, the lead not at
     the top left, a story below the fold that should be above it, a photo that fits nowhere as
     the plan asks, a story left a headline with almost no text, body text running fewer than
     ``MIN_DEPTH`` lines deep across three or more columns) and advice lines: which stories to
     cut and by about how many characters, or which could run longer.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.issue.model import ArticleBlock, CrossHead, Placement
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


def advice(solutions: dict[int, Layout]) -> list[str]:
    """The copy-fit of every placed story, in the desk's words: cut (overset), drop or move (its
    slot holds none of its body: cutting cannot save it), or could run longer (2 or more empty lines
    per column on average)."""
    out = []
    for number, sol in sorted(solutions.items()):
        for p in sol.pieces:
            v = p.variant
            if v is None:
                continue
            over, empty = piece_fit(p, sol.pieces)
            if over and over >= v.columns * v.body_lines - v.slack:  # not one line of it printed
                out.append(f"第{number}版 {p.story.id}: cut about {_body_chars(v.block)} characters, all of its body "
                           "(its slot holds none of it): drop it or move it to another page")
            elif over:
                out.append(f"第{number}版 {p.story.id}: cut about {over * v.line_chars} characters "
                           f"({over} lines of {v.line_chars})")
            elif empty >= 2 * v.columns:
                out.append(f"第{number}版 {p.story.id}: could run about {empty * v.line_chars} characters longer "
                           f"({empty} lines empty)")
    return out


def rendered(lines: list[str], overset: dict[tuple[int, str], tuple[int, int]]) -> list[str]:
    """The copy-fit advice ``lines`` made true by the checking render's own count: ``overset`` maps
    (page, story) to the (lines, characters) the render left overset. A story the render finds
    overset is told to cut what the render counts when that is more than the layout's estimate (a
    photo wrapped inside a story takes more than its cells: lines beside it that no paragraph can
    use; held-out plan 14 was told to cut 12 characters where 35 were overset, and cutting 35 makes
    its page fit), or told to cut it at all when the estimate saw room; other lines are kept."""
    out, told = [], set()
    for line in lines:
        head, rest = line.split(": ", 1)
        page, story = head.split(" ", 1)
        key = (int(page.strip("第版")), story)
        told.add(key)
        if key in overset:
            count, chars = overset[key]
            estimate = int(rest.split()[2]) if rest.startswith("cut about") else 0
            if "all of its body" not in rest and chars > estimate:
                line = f"{head}: cut about {chars} characters ({count} lines overset as set)"
        out.append(line)
    for (number, sid), (count, chars) in sorted(overset.items()):
        if (number, sid) not in told:
            out.append(f"第{number}版 {sid}: cut about {chars} characters ({count} lines overset as set)")
    return out


def piece_fit(p: Piece, pieces: tuple[Piece, ...]) -> tuple[int, int]:
    """(overset lines, empty body lines summed over its columns) of article piece ``p`` in its slot;
    a photo wrapped inside it (in ``pieces``) takes its lines and an empty line above and below
    from the columns it covers."""
    v = p.variant
    assert v is not None
    inner = [q for q in pieces if q.wrap and q.story is p.story]
    if not inner:
        return v.fit(p.at.lines)
    room = v.columns * (p.at.lines - v.pad - v.head_lines)
    room -= sum((v.columns if q.at.span == p.at.span else q.at.span) * (q.at.lines + 2) for q in inner)
    room -= v.columns * v.body_lines - v.slack
    return (-(room // v.columns), 0) if room < 0 else (0, room)


def _body_chars(block: ArticleBlock) -> int:
    """The characters of a story's body (spaces not counted, as the render counts overset text):
    what cutting all of it takes, not its lines times a line's characters."""
    texts = [line for item in block.body if isinstance(item, CrossHead) for line in item.lines]
    texts += [run.text for item in block.body if not isinstance(item, CrossHead) for run in item.runs]
    return sum(len(text.replace(" ", "")) for text in texts)
