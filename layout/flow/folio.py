"""The running head (报眉) above the type area, and the date and editor lines it shares with the masthead.

In:  the page's ``LayoutContext`` (issue, page, grid, fonts) and the report it fills.
Out: frame items (a rule and up to three one-line parts); a part that cannot fit is reported as overset.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from layout.blocks import of
from layout.flow.heads import one_line
from layout.flow.setting import Setting
from layout.frame import Item, Rule, TextLine
from layout.issue.model import PageSpec
from layout.logger import LOGGER
from layout.report import BlockReport

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext

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
    not fit even then is reported as overset. A page with a masthead (报头) has none."""
    issue, page, grid = ctx.issue, ctx.page, ctx.grid
    if not all(of(b).folio for b in page.blocks):
        return []
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
    for text, align, x in ((dated(issue.meta.date), "left", grid.left), (right, "right", grid.left + width - side)):
        part = _folio_part(text, align, x, side, y_rule, setting, page, report)
        if part is not None:
            items.append(part)
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
