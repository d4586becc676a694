"""Photo slots, page banners and the masthead → positioned items.

In:  a ``PhotoBlock``, ``BannerBlock`` or ``MastheadBlock`` and the page grid.
Out: items and a ``BlockReport``. A photo's caption sits on the baseline grid
     in the block's last lines; the image (or a neutral placeholder with its
     label) fills the space above. A picture fitted whole (``fit: contain``) shorter
     than that space stands at its top, its caption on the grid line right under it
     (the white left under the caption is warned of). A banner is centred above a thick–thin rule.
     A masthead sets the paper's name (or logo) above its small print.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from layout.flow import display
from layout.flow.article import Placed, wrapped_rect
from layout.flow.grid import PageGrid
from layout.flow.heads import fit_heads, head_lines, one_line, place_extras, place_head
from layout.flow.setting import Setting
from layout.frame import BLACK, Box, ImageItem, Rule, TextLine
from layout.issue.model import BannerBlock, HeadText, MastheadBlock, PhotoBlock, PrintSpec
from layout.logger import LOGGER
from layout.report import BlockReport, PhotoReport
from layout.text import restyle
from layout.text.line import copy_of
from layout.text.prepare import TextStyle

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext

PLACEHOLDER_FILL = (0.0, 0.0, 0.0, 0.08)
PLACEHOLDER_STROKE = (0.0, 0.0, 0.0, 0.45)
LABEL_COLOR = (0.0, 0.0, 0.0, 0.6)


def _image(path: Path, x: float, y: float, w: float, h: float, press: PrintSpec, report: BlockReport,
           fit: str = "contain", focus: tuple[float, float] = (0.5, 0.5), top: bool = False) -> ImageItem:
    """An image (photo or logo) prepared for its slot: cropped or fitted, resampled to the
    print ppi, in CMYK, within the ink limit; ``contain`` centres it in the slot (``top``: at its top,
    centred across). The effective ppi and ink go into the report."""
    from layout.photo.prepare import prepare_image  # Pillow's colour management: only for pages with images

    image = prepare_image(path, w, h, fit=fit, focus=focus, ppi=press.ppi, profile=press.profile,
                          ink_limit=press.ink_limit, mono=press.mono)
    report.photo = PhotoReport(path.name, round(image.ppi, 1), (round(image.ink_before, 1), round(image.ink_after, 1)),
                               image.inks)
    dw, dh = image.drawn
    return ImageItem(x + (w - dw) / 2, y + (0.0 if top else (h - dh) / 2), dw, dh, path, image.data, image.ppi)


def layout_photo(block: PhotoBlock, ctx: LayoutContext) -> Placed:
    """Image (prepared for the press of ``ctx``) or placeholder plus caption and credit (see module docstring)."""
    grid, style, setting = ctx.grid, ctx.style, Setting.of(ctx)
    report = BlockReport(page=ctx.number, block=block.id, kind="photo")
    placed = Placed(report=report)
    rect = wrapped_rect(block, ctx.page.blocks, grid) if block.wrap else grid.rect(block.at)  # on 破栏 columns
    size = grid.body_size
    runs = [(block.caption, TextStyle(style.photo.caption.font, size))]
    if block.credit:
        runs.append(("\u3000" + block.credit, TextStyle(style.photo.credit.font, size)))
    caption = display.set_words(runs, setting, rect.w) if block.caption or block.credit else None
    # a caption taller than the slot: the lines beyond it are overset
    caption_lines = list(caption.lines) if caption else []
    shown, rest = caption_lines[:block.at.lines], caption_lines[block.at.lines:]
    n_caption = len(shown)
    first_caption = block.at.end_line - n_caption
    offset = grid.baseline(1) - grid.line_top(1)
    pad = grid.pitch / 2 if block.at.line > 1 else 0.0
    top, gap = rect.y + pad, grid.pitch / 4 if n_caption else 0.0
    picture = None
    if block.image and block.fit == "contain" and n_caption and grid.line_top(first_caption) - gap - top >= grid.pitch:
        picture = _image(block.image, rect.x, top, rect.w, grid.line_top(first_caption) - gap - top, ctx.press,
                         report, block.fit, block.focus, top=True)
        first_caption = _under(block, picture, grid, first_caption, gap, report)
    if caption:
        report.add_missing(caption.missing)
        for k, line in enumerate(shown):
            placed.items.append(TextLine(rect.x, grid.line_top(first_caption + k) + offset, line.glyphs,
                                         block.id, "caption"))
            report.chars_set += line.chars
    if rest:
        report.add_overset(len(rest), copy_of(rest), sum(line.chars for line in rest))
    bottom = grid.line_top(first_caption) - gap
    report.lines_available = report.lines_used = block.at.lines
    if picture is not None:
        placed.items.insert(0, picture)
    elif bottom - top < grid.pitch:
        report.add_overset_note(1, "no room for the picture above its caption")
        return placed
    elif block.image:
        placed.items.insert(0, _image(block.image, rect.x, top, rect.w, bottom - top, ctx.press, report, block.fit,
                                      block.focus))
    else:
        placed.items.insert(0, Box(rect.x, top, rect.w, bottom - top, PLACEHOLDER_FILL, PLACEHOLDER_STROKE,
                                   0.5, cross=True))
        label = f"图片：{block.label}" if block.label else "图片"
        mark = style.photo.label
        lines, height, missing = head_lines([HeadText(label, mark.size, mark.font, "center")], rect.w, setting)
        report.add_missing(missing)
        y0 = top + (bottom - top - height) / 2
        placed.items.extend(TextLine(rect.x, y0 + y + grid.ascent_em * s, line.glyphs, block.id, "label", LABEL_COLOR)
                            for line, y, s in lines  # a placeholder's label, not copy: what does not fit is left out
                            if y0 + y >= top - 0.01 and y0 + y + s <= bottom + 0.01 and line.width <= rect.w + 0.01)
    return placed


def _under(block: PhotoBlock, picture: ImageItem, grid: PageGrid, first: int, gap: float, report: BlockReport) -> int:
    """The grid line a caption starts on right under its ``picture`` (fitted whole, ``fit: contain``, at the
    top of its slot), not at the slot's foot ``first`` with the white between the two; a slot a line or more
    deeper than picture and caption is warned of (the white under the caption is the designer's to give back)."""
    line = first
    while line > block.at.line and grid.line_top(line - 1) - gap >= picture.y + picture.h - 0.01:
        line -= 1
    if line < first:
        LOGGER.warning("photo: page %d, block %r: its picture (fit: contain) and caption fill %d of the slot's %d "
                       "lines: %d stay white under the caption (make the slot shorter, or fit: cover)", report.page,
                       block.id, block.at.lines - (first - line), block.at.lines, first - line)
    return line


def layout_banner(block: BannerBlock, ctx: LayoutContext) -> Placed:
    """A centred banner above a thick and a thin rule, in the page's style: on one line,
    fitted if it must be (长体, smaller, then on two lines balanced at words, within the
    block's height; ``layout.flow.heads``), in its colour or knocked out of its bar; the
    rule in ``rule_color``. Every fitting step goes into the report."""
    grid, style = ctx.grid, ctx.style
    report = BlockReport(page=ctx.number, block=block.id, kind="banner")
    placed = Placed(report=report)
    rect = grid.rect(block.at)
    rule_room = 6.0
    head = HeadText(block.text, block.size_pt, block.role, "center", block.color, block.scale, block.reverse)
    found = fit_heads([head], rect.w, Setting.of(ctx), [0.0], [1], style.fit,
                      (style.display_punct.marks, style.display_punct.ratio), rect.h - rule_room)
    report.add_missing(found.missing)
    restyle.warn(found.restyled)
    report.display_fit.extend(step.to_json() for step in found.steps)
    y0 = rect.y + max(0.0, (rect.h - rule_room - found.height) / 2)
    bottom = rect.y + rect.h
    placed.items.extend(place_extras(found, rect.x, y0, bottom - rule_room))
    placed.items.extend(place_head(found.lines, rect.x, y0, bottom - rule_room, grid, block.id, "banner", report,
                                   rect.w))
    rule = block.rule_color or BLACK
    placed.items.append(Rule(rect.x, bottom - 4.0, rect.x + rect.w, bottom - 4.0, style.banner.thick, rule))
    placed.items.append(Rule(rect.x, bottom - 1.0, rect.x + rect.w, bottom - 1.0, style.banner.thin, rule))
    report.lines_available = report.lines_used = block.at.lines
    return placed


def layout_masthead(block: MastheadBlock, ctx: LayoutContext, small_print: list[str]) -> Placed:
    """报头: the name (or logo) large in the upper part of the block, the small print lines
    (date and weekday, 农历, issue number, 刊号, notes, editors) on the baseline grid at its
    foot, each on one line (shrunk to fit if it must be). Small print that does not fit in
    the block, and a name or logo with no room left above it, are reported as overset.
    The logo is prepared for the issue's press (in colour on a ``mono`` page too)."""
    grid, style, setting = ctx.grid, ctx.style, Setting.of(ctx)
    report = BlockReport(page=ctx.number, block=block.id, kind="masthead")
    placed = Placed(report=report)
    rect = grid.rect(block.at)
    texts = [text for text in small_print if text.strip()]
    shown = texts[:block.at.lines]
    first = block.at.end_line - len(shown)
    offset = grid.baseline(1) - grid.line_top(1)
    for k, text in enumerate(shown):
        fitted = one_line(text, grid.body_size, style.masthead.small_print, "center", rect.w, setting)
        if fitted is None:
            report.add_overset(1, text)
            continue
        line, _, missing = fitted  # on the baseline grid, whatever size it fitted at
        report.add_missing(missing)
        placed.items.append(TextLine(rect.x, grid.line_top(first + k) + offset, line.glyphs, block.id, "masthead"))
        report.chars_set += line.chars
    for text in texts[len(shown):]:
        report.add_overset(1, text)
    top, bottom = rect.y, grid.line_top(first) - grid.pitch / 2
    report.lines_available = report.lines_used = block.at.lines
    if block.image:
        if bottom - top < grid.pitch:
            report.add_overset_note(1, f"no room for the logo {block.image.name} above the small print")
            return placed
        placed.items.insert(0, _image(block.image, rect.x, top, rect.w, bottom - top, ctx.issue.press, report))
    else:
        name = block.name or ctx.issue.meta.paper
        heads, height, missing = head_lines([HeadText(name, block.size_pt, block.role, "center")], rect.w, setting)
        report.add_missing(missing)
        y0 = top + max(0.0, (bottom - top - height) / 2)
        for item in place_head(heads, rect.x, y0, bottom, grid, block.id, "masthead", report, rect.w):
            placed.items.append(replace(item, color=style.masthead.colour) if isinstance(item, TextLine) else item)
    return placed
