"""广告: an ad block → positioned items.

In:  an ``AdBlock`` and the page's ``LayoutContext``.
Out: ``Placed``: the 广告 label (when the block or the house style asks for it) in a strip
     at the top right of the slot (``LABEL_AIR`` below its top; for a placeholder it goes inside the
     ``PreviewOnly`` group too, so an empty slot prints nothing), and in the rest of the slot: the advertiser's PDF page
     (a ``PlacedPdf``, scaled to fit whole and centred), or the image prepared for the press
     (CMYK, ink limit, ppi; fitted whole, never cropped), or a placeholder inside a
     ``PreviewOnly`` group: a tinted box with a cross and its text, which previews draw
     and no PDF prints (a warning says the slot has no artwork yet).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout.flow.article import Placed
from layout.flow.blocks import _image
from layout.flow.heads import head_lines, one_line
from layout.flow.setting import Setting
from layout.frame import Box, Item, PlacedPdf, PreviewOnly, TextLine
from layout.issue.model import HeadText
from layout.logger import LOGGER
from layout.report import BlockReport

if TYPE_CHECKING:
    from layout.blocks.ad import AdBlock
    from layout.blocks.context import LayoutContext

PLACEHOLDER_FILL = (0.3, 0.0, 0.0, 0.05)
PLACEHOLDER_STROKE = (0.6, 0.0, 0.0, 0.3)
PLACEHOLDER_TEXT = (0.7, 0.2, 0.0, 0.3)
LABEL = "广告"
LABEL_AIR = 1.5  # pt between the slot's top (a hairline may run there) and the label's em box
NAMES = {"tonglan": "通栏", "ban_tonglan": "半通栏", "baoyan": "报眼", "banban": "半版", "zhengban": "整版"}
ASPECT_TOLERANCE = 0.02  # an ad file whose proportions differ more from the slot's is a warning


def layout_ad(block: AdBlock, ctx: LayoutContext) -> Placed:
    """The ad (see the module docstring)."""
    grid, style = ctx.grid, ctx.style.ads
    report = BlockReport(page=ctx.number, block=block.id, kind="ad")
    report.lines_available = report.lines_used = block.at.lines
    placed = Placed(report=report)
    rect = grid.rect(block.at)
    top = rect.y
    label: list[Item] = []
    if block.label:
        fitted = one_line(LABEL, style.label_size, style.label_font, "right", rect.w, Setting.of(ctx))
        if fitted is None:
            report.add_overset(1, LABEL)
        else:
            line, size, missing = fitted
            report.add_missing(missing)
            label.append(TextLine(rect.x, top + LABEL_AIR + grid.ascent_em * size, line.glyphs, block.id,
                                  "adlabel"))
            top += LABEL_AIR + size * 1.3
    x, y, w, h = rect.x, top, rect.w, rect.y + rect.h - top
    if block.file is not None:
        placed.items.extend(label)
    if block.file is not None and block.pdf:
        placed.items.append(_pdf(block, x, y, w, h, ctx.number))
    elif block.file is not None:
        placed.items.append(_image(block.file, x, y, w, h, ctx.press, report))
    else:
        LOGGER.warning("ad: page %d, block %r: no artwork yet: a placeholder shows in previews, the slot prints "
                       "empty", ctx.number, block.id)
        holder = _placeholder(block, x, y, w, h, ctx, report)
        placed.items.append(PreviewOnly((*label, *holder.items)))
    return placed


def _pdf(block: AdBlock, x: float, y: float, w: float, h: float, page: int) -> PlacedPdf:
    """The ad PDF's first page, turned by its /Rotate, scaled to fit the area whole, centred; a warning when its
    proportions are not the slot's (white bands would show)."""
    assert block.file is not None
    x0, y0, x1, y1 = block.bbox
    bw, bh = (y1 - y0, x1 - x0) if block.rotate in (90, 270) else (x1 - x0, y1 - y0)  # as displayed
    scale = min(w / bw, h / bh)
    if abs((bw / bh) / (w / h) - 1) > ASPECT_TOLERANCE:
        LOGGER.warning("ad: page %d, block %r: %s is %.0f × %.0f mm, the slot %.0f × %.0f mm: scaled to fit, "
                       "with white bands", page, block.id, block.file.name, bw / 72 * 25.4, bh / 72 * 25.4,
                       w / 72 * 25.4, h / 72 * 25.4)
    dw, dh = bw * scale, bh * scale
    return PlacedPdf(x + (w - dw) / 2, y + (h - dh) / 2, dw, dh, block.file, block.file.read_bytes(), block.bbox,
                     rotate=block.rotate)


def _placeholder(block: AdBlock, x: float, y: float, w: float, h: float, ctx: LayoutContext,
                 report: BlockReport) -> PreviewOnly:
    """A tinted, crossed box with the ad's size and placeholder text: drawn by previews only."""
    items: list[Item] = [Box(x, y, w, h, PLACEHOLDER_FILL, PLACEHOLDER_STROKE, 0.75, cross=True)]
    size = f"（{NAMES[block.size]}）" if block.size in NAMES else ""
    words = "　".join(part for part in (f"{LABEL}{size}", block.placeholder) if part)
    label = ctx.style.photo.label
    lines, height, missing = head_lines([HeadText(words, label.size, label.font, "center")], w, Setting.of(ctx))
    report.add_missing(missing)
    y0 = y + (h - height) / 2
    items.extend(TextLine(x, y0 + dy + ctx.grid.ascent_em * s, line.glyphs, block.id, "label", PLACEHOLDER_TEXT)
                 for line, dy, s in lines if y0 + dy >= y and y0 + dy + s <= y + h and line.width <= w + 0.01)
    return PreviewOnly(tuple(items))
