"""The desk's copy-fit advice (稿件增删) on a made page: which stories to cut, drop or run longer.

In:  each page's ``Layout`` (``layout.makeup.search``): its pieces, each article with the variant
     it is set in and its slot, and any photo wrapped inside a story.
Out: advice lines in the desk's words, one a story, ``第N版 ID: cut about K characters (…)``,
     ``… all of its body (…): drop it or move it to another page`` or ``… could run about K
     characters longer (L lines empty)``.

A page whose text is overset as a whole (more overset than empty by its layout's own count) is
cut as a night desk cuts it: the lowest stories in priority first, each by up to half of its body
(``SHARE``, in whole lines), then the lowest dropped, the page's lead (头条) last, so the lead
keeps its copy and its space; the characters cut add up to what the page has overset and a line
a body column and a line a story more (a page made up again does not pack its stories
as tight as they measure: its columns are balanced and its heights come in whole lines; with a
line a column alone, held-out plans cut as told still ran 1-3 lines overset), so the page made up
again from the cut copy has room for every story. A story cut by more than it leaves overset itself, for the others
overset on its page, says how much of the cut is its own overset (a desk read "m4: cut about 511
characters" of a story the render left 24 characters overset as a wrong count). A page with room
that a story still overruns (its layout, not its copy, is short) names that story and what it
overruns by, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.issue.model import ArticleBlock, CrossHead
from layout.makeup import ell
from layout.makeup.measure import Variant
from layout.makeup.search import Layout, Piece

SHARE = 0.5  # of a story's body the desk cuts before it drops the story instead


@dataclass(frozen=True)
class _Fit:
    """One story's copy-fit on its page: its piece, overset and empty cells (lines summed over its
    body columns), and its body's characters."""

    piece: Piece
    over: int
    empty: int
    chars: int

    @property
    def v(self) -> Variant:
        """The variant the story is set in."""
        assert self.piece.variant is not None
        return self.piece.variant

    @property
    def over_chars(self) -> int:
        """The characters its slot leaves overset (at most its body)."""
        return min(self.chars, self.over * self.v.line_chars)

    @property
    def starved(self) -> bool:
        """Whether its slot holds none of its body (cutting cannot save it)."""
        return self.over > 0 and self.over >= self.v.columns * self.v.body_lines - self.v.slack


def piece_fit(p: Piece, pieces: tuple[Piece, ...]) -> tuple[int, int]:
    """(overset lines, empty lines), both summed over its body columns (as ``Variant.fit``), of
    article piece ``p`` in its slot; a photo wrapped inside it (in ``pieces``) takes its lines and
    an empty line above and below from the columns it covers. The overset is the cells the text
    lacks, not the lines of one column: a lead of three body columns whose wrapped photo leaves
    5 lines of 38 was told to cut 29 lines (464 characters) where the render left 87 (1318)."""
    v = p.variant
    assert v is not None
    if p.corner is not None:  # 拐弯: the L's cells, less the corner it leaves (``layout.makeup.ell``)
        return ell.fit(v, p.at.lines, p.corner)
    inner = [q for q in pieces if q.wrap and q.story is p.story]
    if not inner:
        return v.fit(p.at.lines)
    room = v.columns * (p.at.lines - v.pad - v.head_lines)
    room -= sum((v.columns if q.at.span == p.at.span else q.at.span) * (q.at.lines + 2) for q in inner)
    room -= v.columns * v.body_lines - v.slack
    return (-room, 0) if room < 0 else (0, room)


def advice(solutions: dict[int, Layout]) -> list[str]:
    """The copy-fit of every placed story, page by page (see module docstring)."""
    out: list[str] = []
    for number, sol in sorted(solutions.items()):
        fits = [_Fit(p, *piece_fit(p, sol.pieces), _body_chars(p.variant.block))
                for p in sol.pieces if p.variant is not None]
        over = sum(f.over_chars for f in fits)
        room = sum(f.empty * f.v.line_chars for f in fits)
        air = sum((f.v.columns + 1) * f.v.line_chars for f in fits)  # a made page's loose fit (module docstring)
        cuts = _desk_cuts(fits, over + air) if over > room else {id(f): f.over_chars for f in fits if f.over}
        for f in fits:
            out.extend(_line(number, f, cuts.get(id(f), 0), over))
    return out


def _desk_cuts(fits: list[_Fit], need: int) -> dict[int, int]:
    """The characters to cut from each story (by ``id`` of its ``_Fit``) so that ``need`` are cut
    in all: the lowest in priority first (ties: the later in the plan), each by up to ``SHARE`` of
    its body; then, still short, the lowest dropped whole; the lead last."""
    order = sorted(fits, key=lambda f: (f.piece.story.lead, -f.piece.story.priority, -f.piece.story.index))
    cuts: dict[int, int] = {}
    for whole in (False, True):
        for f in order:
            if need <= 0:
                return cuts
            if f.piece.story.lead and not whole:
                continue
            done = cuts.get(id(f), 0)
            limit = f.chars if whole else int(f.chars * SHARE)
            take = min(need, limit - done)  # past its share: cut further, or drop it when all of it goes
            take = min(limit - done, -(-take // f.v.line_chars) * f.v.line_chars)  # whole lines
            if take > 0:
                cuts[id(f)] = done + take
                need -= take
    return cuts


def _line(number: int, f: _Fit, cut: int, over: int) -> list[str]:
    """The advice line of one story: cut (or drop) ``cut`` characters, or run longer; ``over``
    is what the page has overset in all."""
    v, name = f.v, f"第{number}版 {f.piece.story.id}"
    if cut >= f.chars or (cut and f.starved and cut >= f.over_chars):
        return [f"{name}: cut about {f.chars} characters, all of its body ("
                + ("its slot holds none of it" if f.starved else f"the page is about {over} characters over")
                + "): drop it or move it to another page"]
    if cut:
        why = f"{-(-cut // v.line_chars)} lines of {v.line_chars} characters"
        if not f.over:  # cut for the others' sake
            why += f"; the page is about {over} characters over: the lowest in priority are cut first"
        elif cut >= f.over_chars + v.line_chars and over > f.over_chars:  # its own and more, for the others
            why += (f"; {f.over_chars} overset here, the rest for the others: the page is about {over} characters "
                    "over, the lowest in priority are cut first")
        return [f"{name}: cut about {cut} characters ({why})"]
    if f.over:  # the page is cut elsewhere for it
        return [f"{name}: keeps its copy ({f.over_chars} characters overset here): the stories lower in priority "
                "are cut to make its room"]
    if not f.over and f.empty >= 2 * v.columns:
        return [f"{name}: could run about {f.empty * v.line_chars} characters longer ({f.empty} lines empty)"]
    return []


def rendered(lines: list[str], overset: dict[tuple[int, str], tuple[int, int]]) -> list[str]:
    """The copy-fit advice ``lines`` made true by the checking render's own count: ``overset`` maps
    (page, story) to the (lines, characters) the render left overset. A story the render finds
    overset is told to cut what the render counts when that is more than the layout's estimate (a
    photo wrapped inside a story takes more than its cells: lines beside it that no paragraph can
    use; held-out plan 14 was told to cut 12 characters where 35 were overset, and cutting 35 makes
    its page fit), or told to cut it at all when the estimate saw room; other lines are kept. A page
    the desk cuts as a whole (one of its lines says a story keeps its copy, or is cut for the
    others' sake) keeps all its lines: its cuts follow priority, and a story cut for the page that
    is overset itself was told enough (review R: the 132 % page's s3 was retold 1665 characters
    where the desk's 1012 already make the page fit)."""
    keys = [_key(line) for line in lines]
    desk = {key[0] for key, line in zip(keys, lines) if _desk(line.split(": ", 1)[1])}
    out = []
    for key, line in zip(keys, lines):
        rest = line.split(": ", 1)[1]
        if key in overset and key[0] not in desk and "all of its body" not in rest:
            count, chars = overset[key]
            estimate = int(rest.split()[2]) if rest.startswith("cut about") else 0
            if chars > estimate:
                line = f"第{key[0]}版 {key[1]}: cut about {chars} characters ({count} lines overset as set)"
        out.append(line)
    for (number, sid), (count, chars) in sorted(overset.items()):
        if (number, sid) not in keys:
            out.append(f"第{number}版 {sid}: cut about {chars} characters ({count} lines overset as set)")
    return out


def _key(line: str) -> tuple[int, str]:
    """(page number, story id) of an advice line ``第N版 ID: …`` (ids hold no spaces)."""
    page, story = line.split(": ", 1)[0].split(" ", 1)
    return int(page.strip("第版")), story


def _desk(rest: str) -> bool:
    """Whether an advice line's text (after ``第N版 ID: ``) is one of the desk's page-wide cuts."""
    return rest.startswith("keeps its copy") or rest.endswith("are cut first)")


def _body_chars(block: ArticleBlock) -> int:
    """The characters of a story's body (spaces not counted, as the render counts overset text):
    what cutting all of it takes, not its lines times a line's characters."""
    texts = [line for item in block.body if isinstance(item, CrossHead) for line in item.lines]
    texts += [run.text for item in block.body if not isinstance(item, CrossHead) for run in item.runs]
    return sum(len(text.replace(" ", "")) for text in texts)
