"""``banmian init``: a starter issue for a chosen paper and grid, ready to render.

In:  the paper (broadsheet, tabloid or WIDTHxHEIGHT in mm), the grid (columns,
     characters per column, gutter, body size, leading), the margins, a date.
Out: YAML text for one page whose header comments give the grid's size (lines per
     page, columns, characters per line), with the blocks a designer places first: a
     banner, a lead article with kicker, headline, byline and body, a photo slot,
     and a second article. Every text is a marked placeholder (占位), never news.
     The text is loaded by the loader before it is handed out, so it always renders.
"""

from __future__ import annotations

import datetime
import tempfile
from dataclasses import dataclass
from pathlib import Path

from layout.errors import BanmianError
from layout.issue.spec import PAPER_SIZES_MM
from layout.units import HAO_SIZES_PT, mm, parse_size

SIDE_MARGIN_MM = 15.0  # the narrowest side margin the default characters per column leave
PLACEHOLDER = "（占位正文：请换成稿件。）这里是正文占位文字，用来看栏宽、行距和版面的灰度，不是新闻。"


@dataclass(frozen=True)
class StarterGrid:
    """What ``banmian init`` was asked for (lengths as the YAML writes them)."""

    paper: str = "broadsheet"
    columns: int = 8
    chars: int | None = None  # None: as many as the paper takes with SIDE_MARGIN_MM each side
    gutter: int = 1
    body_size: str = "小五"
    leading: str | None = None  # None: 1.5 × the body size
    top: str = "24mm"
    bottom: str = "16mm"


def _paper_mm(paper: str) -> tuple[float, float]:
    """A paper name or ``WIDTHxHEIGHT`` (mm) → (width, height) in mm."""
    if paper in PAPER_SIZES_MM:
        return PAPER_SIZES_MM[paper]
    try:
        width, height = (float(v) for v in paper.lower().replace("mm", "").split("x"))
    except ValueError:
        raise BanmianError(f"--paper {paper}: use broadsheet, tabloid or WIDTHxHEIGHT in mm (e.g. 300x450)") from None
    return width, height


def default_chars(grid: StarterGrid) -> int:
    """Characters per column that fill the paper's width less ``SIDE_MARGIN_MM`` each side.

    >>> default_chars(StarterGrid()), default_chars(StarterGrid(paper="tabloid", columns=5))
    (13, 14)
    """
    width = mm(_paper_mm(grid.paper)[0] - 2 * SIDE_MARGIN_MM)
    body = parse_size(grid.body_size)
    return max(4, int((width / body + grid.gutter) / grid.columns - grid.gutter))


def starter_text(grid: StarterGrid, date: datetime.date) -> str:
    """The starter issue's YAML (see the module docstring); refuses a grid the paper cannot take."""
    _check(grid)
    chars = grid.chars or default_chars(grid)
    width, height = _paper_mm(grid.paper)
    paper = grid.paper if grid.paper in PAPER_SIZES_MM else f"{{width: {width:g}mm, height: {height:g}mm}}"
    leading = grid.leading or f"{1.5 * parse_size(grid.body_size):g}pt"
    head = _head(grid, chars, paper, leading, date)
    lines = _lines(head + "    blocks: []\n")
    text = _with_size(head, grid, chars, lines) + _blocks(grid.columns, lines)
    _lines(text)  # the whole starter, blocks included, loads as it is handed out
    return text


def _check(grid: StarterGrid) -> None:
    """Refuse what no grid is made of (the loader checks the rest, ``_lines``): fewer than one column, a body
    size that is no size or none at all."""
    if grid.columns < 1:
        raise BanmianError(f"--columns {grid.columns}: a page has one column at least (nothing written)")
    if grid.chars is not None and grid.chars < 1:
        raise BanmianError(f"--chars {grid.chars}: a column holds one character at least (nothing written)")
    try:
        body = parse_size(grid.body_size)
    except ValueError as exc:
        raise BanmianError(f"--body-size {grid.body_size}: {exc} (nothing written)") from None
    if not body > 0:
        raise BanmianError(f"--body-size {grid.body_size}: a body size is more than 0 pt (nothing written)")


def _head(grid: StarterGrid, chars: int, paper: str, leading: str, date: datetime.date) -> str:
    """The issue, page and grid part of the starter."""
    return (f"banmian: 1\nissue:\n  paper: 报名（占位）\n  date: {date.isoformat()}\n  number: 1\n"
            f"pages:\n  - number: 1\n    name: 要闻\n    paper: {paper}\n"
            f"    margins: {{top: {grid.top}, bottom: {grid.bottom}}}   # left/right: the grid is centred\n"
            f"    grid: {{columns: {grid.columns}, chars: {chars}, gutter: {grid.gutter}, "
            f"body_size: {grid.body_size}, leading: {leading}}}\n")


def _lines(text: str) -> int:
    """The page's body lines, as the loader measures them (it also checks the grid fits the paper)."""
    from layout.issue.load import load_issue

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "starter.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            return load_issue(path).pages[0].lines
        except BanmianError as exc:
            raise BanmianError(f"this paper and grid do not make a page: {str(exc).split(': ', 1)[-1]} "
                               "(nothing written)") from None


def _with_size(head: str, grid: StarterGrid, chars: int, lines: int) -> str:
    """The header comment: what the page holds, for placing blocks."""
    hao = f" ({HAO_SIZES_PT[grid.body_size]:g} pt)" if grid.body_size in HAO_SIZES_PT else ""
    plural = "s" if grid.columns != 1 else ""
    return (f"# A starter issue made by `banmian init`. The page's grid: {grid.columns} column{plural} of {chars}\n"
            f"# characters at {grid.body_size}{hao}, {lines} lines (line 1 at the top, line {lines} at the foot).\n"
            f"# Blocks are placed with at: {{column, span, line, lines}} on that grid, 1-based;\n"
            f"# every text below is a placeholder (占位). Render: banmian render THIS.yaml\n" + head)


def _blocks(columns: int, lines: int) -> str:
    """A banner, a lead article with a photo slot beside it (under it on a one-column page), and a
    second article, filling the page."""
    banner = 5
    lead = max(8, (lines - banner) * 3 // 5)
    second = lines - banner - lead
    photo_span = max(1, round(columns * 0.4)) if columns > 1 else 0
    photo_at = f"column: {columns - photo_span + 1}, span: {photo_span}, line: {banner + 1}, lines: {lead}"
    text_lines = lead
    if columns == 1:  # no room beside the article: the photo takes the foot of its lines
        photo_lines = max(3, lead // 3)
        text_lines = lead - photo_lines
        photo_at = f"column: 1, span: 1, line: {banner + text_lines + 1}, lines: {photo_lines}"
    body = "\n".join(f'          - "{PLACEHOLDER}"' for _ in range(4))
    out = (f"    blocks:\n"
           f"      - type: banner\n        id: banner\n"
           f"        at: {{column: 1, span: {columns}, line: 1, lines: {banner}}}\n"
           f"        text: 通栏标题（占位）\n"
           f"      - type: article\n        id: lead\n"
           f"        at: {{column: 1, span: {columns - photo_span}, line: {banner + 1}, lines: {text_lines}}}\n"
           f"        kicker: 引题（占位）\n        headline: 主标题（占位）\n        byline: 本报记者 某某（占位）\n"
           f"        body:\n{body}\n"
           f"      - type: photo\n        id: photo\n"
           f"        at: {{{photo_at}}}\n        label: 图片（占位）\n        caption: 图片说明（占位）\n")
    if second >= 6:
        out += (f"      - type: article\n        id: second\n"
                f"        at: {{column: 1, span: {columns}, line: {banner + lead + 1}, lines: {second}}}\n"
                f"        headline: 二条标题（占位）\n        body:\n{body}\n")
    return out
