"""What a made page says of its stories' rank that a designer would send back, beyond the search's rules.

In:  a made page's number and its layout's pieces (``layout.makeup.search.Piece``).
Out: ``Finding``s (``layout.makeup.checks``): the photos of two stories touching, a less important story's
     photo much larger than a more important one's, the 二条's headline in the lower half of the page's
     stories.

A page is read by its pictures and headlines: the largest picture and the highest headlines tell the
reader what matters. An audit of new plans found pages the search had priced well that a designer
would not pass: two stories' photos set edge to edge (a reader cannot tell whose picture is whose, nor
which caption is which), the least important story's picture four times the lead's, and a 二条 under
its own photo at four fifths of the page's depth. The search does not price these (they bind stories
in different rectangles); they are told to the desk as findings, as the search's own rules are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout.makeup.checks import Finding, touching

if TYPE_CHECKING:
    from layout.makeup.search import Piece

#: A less important story's photo this many times the area of a more important story's (grid cells) is
#: larger out of rank: a designer sizes pictures by the story's weight, the lead's largest.
PHOTO_RANK = 1.5
#: Lines under the lead's foot a 二条 may start and still stand under the lead (its photo or a rule between).
UNDER_LEAD = 2


def rank_findings(number: int, pieces: tuple[Piece, ...]) -> list[Finding]:
    """The findings of made page ``number`` (its ``pieces``): see the module docstring."""
    photos = [p for p in pieces if p.variant is None]
    out: list[Finding] = []
    for k, a in enumerate(photos):
        for b in photos[k + 1:]:
            if a.story.id != b.story.id and touching(a.at, b.at):
                out.append(Finding(number, "photos", f"第{number}版 {a.story.id} and {b.story.id}: their photos "
                                                     "touch, edge to edge: whose picture and caption is whose does "
                                                     "not read (set text or another story between them)"))
    out += _photo_rank(number, photos)
    out += _second_low(number, [p for p in pieces if p.variant is not None])
    return out


def _photo_rank(number: int, photos: list[Piece]) -> list[Finding]:
    """A story's photo ``PHOTO_RANK`` times the area of a more important story's photo or more, and wider (a
    photo as wide as another and taller is so by its picture's aspect, not by the make-up's choice)."""
    area: dict[str, int] = {}
    wide: dict[str, int] = {}  # (a story's widest photo)
    rank = {}
    for p in photos:
        area[p.story.id] = area.get(p.story.id, 0) + p.at.span * p.at.lines
        wide[p.story.id] = max(wide.get(p.story.id, 0), p.at.span)
        rank[p.story.id] = (not p.story.lead, p.story.priority)
    out = []
    for big, cells in area.items():  # (larger and wider: one as wide but taller is its picture's own aspect)
        above = [s for s in area if rank[s] < rank[big] and cells >= PHOTO_RANK * area[s] and wide[big] > wide[s]]
        if above:
            out.append(Finding(number, "photo sizes", f"第{number}版 {big}: its photo ({cells} cells) is larger than "
                                                      f"that of {', '.join(above)}, more important (its "
                                                      f"{min(area[s] for s in above)} cells): the page reads the "
                                                      "lesser story first (give the larger picture to the "
                                                      "more important story)"))
    return out


def _by_lead(p: Piece, lead: Piece) -> bool:
    """Whether ``p`` stands beside the lead (it starts before the lead's foot) or under it (in columns it shares
    with the lead, within ``UNDER_LEAD`` lines of its foot)."""
    shared = p.at.column <= lead.at.last_column and lead.at.column <= p.at.last_column
    return p.at.line < lead.at.end_line or (shared and p.at.line <= lead.at.end_line + UNDER_LEAD)


def _second_low(number: int, articles: list[Piece]) -> list[Finding]:
    """The 二条 (``Story.second``) whose headline (its article's slot) starts in the lower half of the stories'
    depth (from the highest story's top to the lowest one's foot), neither beside the lead nor within
    ``UNDER_LEAD`` lines under its foot: a designer sets it high, beside or under the lead (a 二条 under a
    lead that runs most of the page is where it should be)."""
    if len(articles) < 3:
        return []
    top, foot = min(p.at.line for p in articles), max(p.at.end_line for p in articles)
    lead = next((p for p in articles if p.story.lead), None)
    out = []
    for p in articles:
        if p.story.second and p.at.line - top >= (foot - top) / 2 and not (lead and _by_lead(p, lead)):
            out.append(Finding(number, "second", f"第{number}版 {p.story.id}: the 二条 starts at line {p.at.line}, "
                                                 f"in the lower half of the stories (lines {top}–{foot - 1}): a "
                                                 "designer sets it high, beside or under the lead"))
    return out
