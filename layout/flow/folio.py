"""The running head (报眉) above the type area, and the date and editor lines it shares with the masthead.

In:  the page's ``LayoutContext`` (issue, page, grid, fonts) and the report it fills.
Out: frame items (a rule and up to three one-line parts); a part that cannot fit is reported as overset.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout.blocks import of
from layout.flow.heads import one_line
from layout.flow.setting import Setting
from layout.frame import Item, Rule, TextLine
from layout.issue.model import PageSpec
from layout.logger import LOGGER
from layout.report import BlockReport

if TYPE_CHECKING:
    import datetime

    from layout.blocks.context import LayoutContext
else:  # the C part ``datetime`` re-exports: the same classes, without the module's pure-Python
    try:  # fallback it defines first and then replaces (about 4 M instructions at import)
        import _datetime as datetime
    except ImportError:  # an interpreter without it
        import datetime

WEEKDAYS = "一二三四五六日"


def dated(date: str) -> str:
    """2026-01-20 → 2026年1月20日 星期二 (other forms are kept as written)."""
    try:
        d = datetime.date.fromisoformat(date)
    except ValueError:
        return date
    return f"{d.year}年{d.month}月{d.day}日 星期{WEEKDAYS[d.weekday()]}"


def running_head(ctx: LayoutContext, report: BlockReport) -> list[Item]:
    """The running head (报眉) above the type area: date on the left, the paper in the
    middle, page, page name and editors on the right, over a rule. Each part stays on one
    line, an em clear of the next, shrunk if it must be (down to 6 pt); a part that does
    not fit even then is reported as overset. A page with a masthead (报头) has none. On an
    even page (``running_head.mirror``) the page part is on the left and the date on the
    right. The 地脚 (``footer``) follows, on every page."""
    issue, page, grid = ctx.issue, ctx.page, ctx.grid
    if not all(of(b).folio for b in page.blocks):
        return footer(ctx, report)
    width = grid.span_width(grid.columns)
    y_rule = grid.top - 4.0
    style = page.style.running_head
    items: list[Item] = [Rule(grid.left, y_rule, grid.left + width, y_rule, style.rule)]
    right = f"第{page.number}版  {page.name}".strip() + (f"    {editors(page)}" if editors(page) else "")
    setting = Setting.of(ctx)
    centre = _folio_part(issue.meta.paper, "center", grid.left + width / 3, width / 3, y_rule, setting, page, report)
    centre_width = 0.0
    if centre is not None:
        items.append(centre)
        centre_width = centre.glyphs[-1].x + centre.glyphs[-1].size - centre.glyphs[0].x
    side = (width - centre_width) / 2 - style.size
    outer, inner = dated(issue.meta.date), right
    if mirrored(page):  # an even (left-hand) page: the page number goes to the outer, left edge
        outer, inner = inner, outer
    for text, align, x in ((outer, "left", grid.left), (inner, "right", grid.left + width - side)):
        part = _folio_part(text, align, x, side, y_rule, setting, page, report)
        if part is not None:
            items.append(part)
    return items + footer(ctx, report)


def mirrored(page: PageSpec) -> bool:
    """An even page (a left-hand page) with the house style's ``running_head.mirror``."""
    return page.style.running_head.mirror and page.number % 2 == 0


def footer(ctx: LayoutContext, report: BlockReport) -> list[Item]:
    """地脚: a rule just under the type area and under it the house style's footer parts
    (left, centre, right; left and right swapped on an even page), each on one line in
    its third of the width (shrunk to 6 pt at least; else reported overset). Nothing when
    every part is empty; a footer that would run off the page is reported, not drawn."""
    page, grid = ctx.page, ctx.grid
    style = page.style.footer
    parts = [style.left, style.center, style.right]
    if not any(part.strip() for part in parts):
        return []
    if mirrored(page):
        parts.reverse()
    width = grid.span_width(grid.columns)
    y_rule = grid.top + grid.lines * grid.pitch + 3.0
    baseline = y_rule + 3.0 + 0.88 * style.size
    if baseline + 0.12 * style.size > page.height_pt:
        report.add_overset(1, " ".join(part for part in parts if part))
        return []
    items: list[Item] = [Rule(grid.left, y_rule, grid.left + width, y_rule, style.rule)] if style.rule else []
    setting = Setting.of(ctx)
    third = width / 3
    for text, align, x in zip(parts, ("left", "center", "right"), (0.0, third, 2 * third), strict=True):
        if not text.strip():
            continue
        fitted = one_line(text, style.size, style.font, align, third - style.size, setting)
        if fitted is None:
            LOGGER.warning("footer: page %d: %r does not fit in %.0f pt", page.number, text, third)
            report.add_overset(1, text)
            continue
        line, _, missing = fitted
        report.add_missing(missing)
        shift = {"left": 0.0, "center": style.size / 2, "right": style.size}[align]
        items.append(TextLine(grid.left + x + shift, baseline, line.glyphs, "footer", "folio"))
    return items


def editors(page: PageSpec) -> str:
    """``责任编辑：张三  美术编辑：李四`` (the names given)."""
    return "  ".join(f"{title}：{name}" for title, name in (("责任编辑", page.editor), ("美术编辑", page.designer))
                     if name)


def _folio_part(text: str, align: str, x: float, width: float, y_rule: float, setting: Setting, page: PageSpec,
                report: BlockReport) -> TextLine | None:
    """One part of the running head on one line ``width`` pt wide at ``x``, or None (reported) if it cannot fit."""
    style = page.style.running_head
    fitted = one_line(text, style.size, style.font, align, max(width, 0.0), setting)
    if fitted is None:
        LOGGER.warning("running head: page %d: %r does not fit in %.0f pt", page.number, text, width)
        report.add_overset(1, text)
        return None
    line, size, missing = fitted
    report.add_missing(missing)
    return TextLine(x, y_rule - 4.0 - 0.12 * size, line.glyphs, "folio", "folio")
