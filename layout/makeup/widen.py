"""A fixed article beside a well no story took, widened across it (the 报眼's box meeting the masthead).

In:  a ``Plan`` (``layout.makeup.plan``) and each page's ``Layout`` (``layout.makeup.search``).
Out: the plan with such blocks' ``at`` widened in its plain data (what ``write`` writes) and its issue
     read again from that (what ``checks`` reads), and a line for each block saying so; the same plan
     when nothing is widened.

Why: under a band of masthead and 报眼 the well between them is often one or two columns wide, too
narrow for any story's headline and text, and the search leaves it empty (it prices the cells as a
hole, ``checks.holes`` reports them): on held-out front pages with such a band, 11 of 15 had a well of
nine lines left blank at the top of the page. A page designer does not send that to press: the 报眼's
box is widened to meet the masthead. So a fixed article (boxed or not: its text flows in whatever width
it is given) is widened across empty columns beside it (cells no story, photo or fixed block covers)
over all of its lines, so that it stays a rectangle and covers nothing; its body columns follow its
new span (one per two base columns in a box), so an article whose ``columns`` the plan gives is left
as it is (its measure was chosen), and so is an L-shaped one (``corner``: what its corner holds would
come inside it), one a fixed block would lie over once widened (a vertical rule drawn on its edge) and
one whose well is part of a story's corner (an L's, left to others). The plan's pages are then read
again from the widened data (``issue_of``), so the issue the checks read is the one written, and a
plan that reading refuses is left as it was (its hole reported). A masthead is artwork drawn for
its width, an ad is sold by its size and a photo is cropped to its slot: those keep theirs, and a hole
beside them stays reported. A well that is deeper than the article is filled over the article's lines
only; the rest is still reported. The search is not told: it still avoids the hole where a story can
fill it, and an article widened is the page's last resort, not a layout it aims for.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

from layout.errors import IssueError
from layout.issue.load import issue_of
from layout.issue.model import ArticleBlock, PageSpec, Placement
from layout.makeup.checks import holes
from layout.makeup.plan import Plan
from layout.makeup.search import Layout, Piece, overlap


def widened(plan: Plan, solutions: dict[int, Layout]) -> tuple[Plan, list[str]]:
    """``plan`` with each fixed article beside an empty well widened across it on the pages of
    ``solutions`` (module docstring), and a line for each such article: (plan, lines)."""
    grown: dict[int, dict[str, Placement]] = {}
    for page in plan.issue.pages:
        if (solution := solutions.get(page.number)) is not None and (
                wider := _grown(page, solution.pieces, _measured(plan.data, page.number))):
            grown[page.number] = wider
    if not grown:
        return plan, []
    data = _data(plan.data, grown)
    try:
        issue = issue_of(plan.doc, copy.deepcopy(data), plan.source)  # (as ``read_plan`` reads the plan's pages)
    except IssueError:
        return plan, []
    lines = [f"第{number}版 {bid}: widened to columns {at.column}–{at.last_column} (lines {at.line}–"
             f"{at.end_line - 1}) over the well beside it, which no story fits"
             for number, wider in sorted(grown.items()) for bid, at in wider.items()]
    return replace(plan, issue=issue, data=data), lines


def _grown(page: PageSpec, pieces: tuple[Piece, ...], measured: set[str]) -> dict[str, Placement]:
    """The fixed articles of ``page`` (but those whose ids are in ``measured``) widened across the empty
    wells beside them, by block id: for each of the page's holes (``checks.holes``: rectangles of free
    cells no piece covers, in reading order) the first article whose lines it spans and whose left or
    right edge it meets, when no story's corner takes part of the hole, the article has no corner of
    its own and no other fixed block lies on the widened article."""
    at = {b.id: b.at for b in page.blocks}
    corners = [p.corner for p in pieces if p.corner is not None]
    out: dict[str, Placement] = {}
    for hole in holes(pieces, [b.at for b in page.blocks], page.grid.columns, page.lines):
        if any(overlap(hole, corner) for corner in corners):
            continue
        for block in page.blocks:
            if not isinstance(block, ArticleBlock) or block.id in measured or block.corner is not None:
                continue
            now = at[block.id]
            beside = hole.last_column + 1 == now.column or now.last_column + 1 == hole.column
            if not beside or not (hole.line <= now.line and now.end_line <= hole.end_line):
                continue
            wide = Placement(min(now.column, hole.column), now.span + hole.span, now.line, now.lines)
            if not any(other.id != block.id and overlap(at[other.id], wide) for other in page.blocks):
                at[block.id] = out[block.id] = wide
            break
    return out


def _measured(data: dict[str, Any], number: int) -> set[str]:
    """The ids of page ``number``'s fixed blocks whose ``columns`` the plan gives."""
    return {str(block.get("id")) for page in data.get("pages", []) if int(page.get("number", 1)) == number
            for block in page.get("blocks") or [] if isinstance(block, dict) and "columns" in block}


def _data(data: dict[str, Any], grown: dict[int, dict[str, Placement]]) -> dict[str, Any]:
    """The plan's plain data with the widened blocks' ``at`` written in (a copy)."""
    out = copy.deepcopy(data)
    for page in out.get("pages", []):
        wider = grown.get(int(page.get("number", 1)), {})
        for block in page.get("blocks") or []:
            if isinstance(block, dict) and block.get("id") in wider:
                at = wider[block["id"]]
                block["at"] = {**block["at"], "column": at.column, "span": at.span}
    return out
