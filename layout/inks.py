"""The colours a laid-out page asks of the plates, against what the issue says they print.

In:  the issue (each page's ``mono`` flag, ``print.ink_limit``) and its ``PageFrame``s.
Out: warning lines naming page and block (``colour_problems``): a colour of text, a rule,
     a box's fill or stroke or a dot whose total ink (C+M+Y+K) is over ``print.ink_limit``
     (the press smears and sets off; preflight makes it an error in the press PDF), and on
     a page with ``mono: true`` ("printed in black only") any colour with cyan, magenta or
     yellow in it (it would need plates the page does not get). Photos are measured apart
     (``layout.photo.prepare``); a mono page's photos already go on the black plate alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from layout.frame import CMYK, Box, Dot, Item, PageFrame, PreviewOnly, Rule, TextLine, VerticalLine
from layout.issue.model import Issue

#: Rounding allowed over the limit, in % (a tint typed as 0.6 is not 60.0000001 %).
TOLERANCE = 0.05


#: the last answers by page (``id`` of the frame → frame, mono, ink limit, lines): the live
#: preview asks again after each edit about pages it did not lay out again
_KNOWN: dict[int, tuple[PageFrame, bool, float, list[str]]] = {}


def colour_problems(issue: Issue, pages: Sequence[PageFrame]) -> list[str]:
    """One line per block and colour that the page's plates cannot print as asked (see module docstring)."""
    limit = issue.press.ink_limit
    out: list[str] = []
    known: dict[int, tuple[PageFrame, bool, float, list[str]]] = {}
    for spec, frame in zip(issue.pages, pages, strict=False):
        hit = _KNOWN.get(id(frame))
        if hit is not None and hit[0] is frame and hit[1] == spec.mono and hit[2] == limit:
            lines = hit[3]
        else:
            lines = _page_problems(frame, spec.mono, limit)
        known[id(frame)] = (frame, spec.mono, limit, lines)
        out += lines
    _KNOWN.clear()
    _KNOWN.update(known)
    return out


def _page_problems(frame: PageFrame, mono: bool, limit: float) -> list[str]:
    """The lines of ``colour_problems`` for one page (``mono``: printed in black only)."""
    out: list[str] = []
    seen: set[tuple[str, str, CMYK]] = set()
    fine: dict[CMYK, bool] = {}  # colour → prints as asked on this page (most items: the same few colours)
    for item in frame.items:
        for what, colour in (("text", item.color),) if isinstance(item, TextLine) else _colours(item):
            ok = fine.get(colour)
            if ok is None:
                ok = fine[colour] = (sum(colour) * 100 <= limit + TOLERANCE
                                     and not (mono and any(v > 0 for v in colour[:3])))
            if ok:
                continue
            block = _block(item, frame)
            if (block, what, colour) in seen:
                continue
            seen.add((block, what, colour))
            where = f"page {frame.number}, block {block!r}: {what} CMYK {_percent(colour)}"
            total = sum(colour) * 100
            if total > limit + TOLERANCE:
                out.append(f"ink over the limit: {where} is {total:.0f} % ink, over print.ink_limit {limit:g} %")
            if mono and any(v > 0 for v in colour[:3]):
                out.append(f"colour on a black-only page: {where} needs the cyan, magenta or yellow plate, "
                           "but the page has mono: true (use a tint of K only)")
    return out


def _colours(item: Item) -> Iterator[tuple[str, CMYK]]:
    """(what, colour) of every colour an item paints."""
    if isinstance(item, (TextLine, VerticalLine)):
        yield "text", item.color
    elif isinstance(item, Rule):
        yield "rule", item.color
    elif isinstance(item, Dot):
        yield "dot", item.color
    elif isinstance(item, Box):
        if item.fill is not None:
            yield "box fill (tint)", item.fill
        if item.stroke is not None:
            yield "box rule", item.stroke


def _block(item: Item, frame: PageFrame) -> str:
    """The block an item belongs to: its own for text, else the block region its middle lies in."""
    if isinstance(item, (TextLine, VerticalLine)):
        return item.block
    if isinstance(item, PreviewOnly):
        return "preview only"
    if isinstance(item, Rule):
        x, y = (item.x0 + item.x1) / 2, (item.y0 + item.y1) / 2
    elif isinstance(item, Box):
        x, y = item.x + item.w / 2, item.y + item.h / 2
    else:
        x, y = item.x, item.y
    for region in frame.regions:
        if region.x <= x <= region.x + region.w and region.y <= y <= region.y + region.h:
            return region.block
    return "page furniture"


def _percent(colour: CMYK) -> str:
    """``30/0/0/0`` (each ink in %)."""
    return "/".join(f"{v * 100:.0f}" for v in colour)
