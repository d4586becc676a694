"""The live preview's kept page rasters: an edit redraws only the boxes around the lines it changed.

In:  a ``PageFrame``, its ``FontTable`` and a dpi, page after page of the same issue as it is edited.
Out: the page as ``render_page`` draws it, kept in bands (``layout.render.bands.Banded``):
     the last raster of each page with the changed lines' boxes drawn again into copies of
     the bands they reach (``render_kept``).
"""

from __future__ import annotations

import math
from collections import OrderedDict

from layout.frame import Box, Dot, FontTable, ImageItem, Item, PageFrame, PlacedPdf, PreviewOnly, Rule, TextLine
from layout.render.bands import Banded
from layout.render.png import DEFAULT_DPI, RENDER_LOCK, _Raster, page_size

Box4 = tuple[int, int, int, int]


def _bounds(item: Item, k: float) -> Box4:
    """Page pixels (at ``k`` px per pt) an item can touch (x0, y0, x1, y1), never short:
    a glyph from 1 em left of its origin to 2 em right, 1½ em above the baseline to ¾ em
    below; strokes, antialiasing and vertical lines generously."""
    pad = 3
    if isinstance(item, TextLine):
        if not item.glyphs:
            return (0, 0, 0, 0)
        glyphs = item.drawn()
        em = max([g.size * g.scale if g.scale > 1.0 else g.size for g in glyphs])
        xs = [g.x for g in glyphs]
        x0, x1 = item.x + min(xs), item.x + max(xs)
        return _int_box(k * (x0 - em) - pad, k * (item.baseline - 1.5 * em) - pad, k * (x1 + 2 * em) + pad,
                        k * (item.baseline + 0.75 * em) + pad)
    if isinstance(item, Rule):
        w = k * item.width + pad
        return _int_box(k * min(item.x0, item.x1) - w, k * min(item.y0, item.y1) - w,
                        k * max(item.x0, item.x1) + w, k * max(item.y0, item.y1) + w)
    if isinstance(item, Box):
        w = k * item.stroke_width + pad
        return _int_box(k * item.x - w, k * item.y - w, k * (item.x + item.w) + w, k * (item.y + item.h) + w)
    if isinstance(item, Dot):
        r = k * (item.r + item.stroke_width) + pad
        return _int_box(k * item.x - r, k * item.y - r, k * item.x + r, k * item.y + r)
    if isinstance(item, PreviewOnly):
        boxes = [_bounds(i, k) for i in item.items] or [(0, 0, 0, 0)]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                max(b[3] for b in boxes))
    if isinstance(item, (ImageItem, PlacedPdf)):
        x0, y0, x1, y1 = item.x, item.y, item.x + item.w, item.y + item.h
        return _int_box(k * x0 - pad, k * y0 - pad, k * x1 + pad, k * y1 + pad)
    s = 2 * max((g.size for g in item.glyphs), default=0.0)  # a vertical line: two ems around its glyphs
    gx, gy = [g.x for g in item.glyphs] or [0.0], [g.y for g in item.glyphs] or [0.0]
    return _int_box(k * (item.x + min(gx) - s) - pad, k * (item.top + min(gy) - s) - pad,
                    k * (item.x + max(item.width, max(gx)) + s) + pad, k * (item.top + max(gy) + s) + pad)


def _stroke_meets(b: Box, region: Box4, k: float) -> bool:
    """Whether the outline (and cross) of a stroked box can touch the pixel box ``region``:
    its interior far from the strokes is left alone."""
    outer = _bounds(b, k)
    if not _meets(outer, region):
        return False
    w = k * b.stroke_width + 3
    inner = _int_box(k * b.x + w, k * b.y + w, k * (b.x + b.w) - w, k * (b.y + b.h) - w)
    if not _within(region, inner):
        return True  # the region reaches the edge bands
    return b.cross  # inside: only the diagonals could pass through it




def _int_box(x0: float, y0: float, x1: float, y1: float) -> Box4:
    """Whole pixels around a box of fractional ones."""
    return math.floor(x0), math.floor(y0), math.ceil(x1), math.ceil(y1)


def _meets(a: Box4, b: Box4) -> bool:
    """Whether two pixel boxes overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _within(a: Box4, b: Box4) -> bool:
    """Whether box ``a`` lies inside box ``b``."""
    return b[0] <= a[0] and b[1] <= a[1] and a[2] <= b[2] and a[3] <= b[3]


def _union(a: Box4, b: Box4) -> Box4:
    """The smallest box around both."""
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


#: the last raster of each page (number, name, dpi, fonts), for redrawing only what an edit changed
_PAGES: OrderedDict[tuple[int, str, float, frozenset[object]], tuple[PageFrame, Banded, list[Box4] | None]] = (
    OrderedDict())  # (frame, raster, each item's ``_bounds`` when an update worked them out)
_PAGES_KEPT = 8  # pages remembered (a broadsheet page at 100 dpi is about 10 MB, less what rasters share)


def render_kept(frame: PageFrame, fonts: FontTable, dpi: float = DEFAULT_DPI) -> Banded:
    """One page as ``render_page`` draws it, kept in bands (``layout.render.bands``) for a live
    preview: the raster is remembered, per page; the same frame again is the same raster,
    and a page whose only changes are text lines (an edited paragraph) is the last raster
    with the boxes around the changed lines drawn again (``_update``) into copies of the
    bands they reach: the same pixels as drawing the whole page, in a fraction of the time.
    A raster once returned is never changed."""
    with RENDER_LOCK:
        key = (frame.number, frame.name, dpi, frozenset(fonts.items()))
        last = _PAGES.pop(key, None)
        updated = _update(*last, frame, fonts, dpi) if last else None
        raster, bounds = updated or (Banded.of(_Raster(frame, fonts, dpi).run()), None)
        _keep(key, (frame, raster, bounds))
        return raster


def _keep(key: tuple[int, str, float, frozenset[object]],
          value: tuple[PageFrame, Banded, list[Box4] | None]) -> None:
    """Remember ``value`` as the page's last raster: a raster of the same page at another dpi or
    with other fonts goes first; when ``_PAGES_KEPT`` pages are kept, the most recently drawn other
    page gives way, not the least: a preview draws every page in turn, and over a section longer
    than the limit, dropping the least recent would drop each page just before it is asked for
    again (a 10-page issue would keep none; this way it keeps 7 from one save to the next)."""
    for other in [k for k in _PAGES if k[:2] == key[:2]]:
        del _PAGES[other]
    if len(_PAGES) >= _PAGES_KEPT:
        _PAGES.popitem(last=True)
    _PAGES[key] = value


def _moves_exactly(item: Item) -> bool:
    """Whether an item drawn into a box moved by an even number of pixels gives the same
    pixels as drawn on the page, cut or not by the box's edge: glyph bitmaps and images
    (placed at whole pixels), fills and axis-parallel rules (Pillow rounds their
    coordinates); not outlines, circles or slanted lines."""
    if isinstance(item, Rule):
        return item.x0 == item.x1 or item.y0 == item.y1
    if isinstance(item, Box):
        return not item.stroke
    return not isinstance(item, (Dot, PreviewOnly, PlacedPdf))


def _same_ends(old: tuple[Item, ...], new: tuple[Item, ...]) -> tuple[int, int]:
    """How many items ``old`` and ``new`` share at their start and, after those, at their end."""
    start, end = 0, 0
    limit = min(len(old), len(new))
    while start < limit and (old[start] is new[start] or old[start] == new[start]):
        start += 1
    while end < limit - start and (old[-1 - end] is new[-1 - end] or old[-1 - end] == new[-1 - end]):
        end += 1
    return start, end


def _changes(old: tuple[Item, ...], new: tuple[Item, ...],
             ends: tuple[int, int] | None = None) -> tuple[list[Item], list[Item]] | None:
    """The items only ``old`` has and those only ``new`` has, if both keep the items they
    share in the same order (None otherwise); ``ends``: their ``_same_ends``, if known."""
    start, end = ends or _same_ends(old, new)
    old_mid, new_mid = old[start:len(old) - end], new[start:len(new) - end]
    old_set, new_set = set(old_mid), set(new_mid)
    if [i for i in old_mid if i in new_set] != [i for i in new_mid if i in old_set]:
        return None
    return [i for i in old_mid if i not in new_set], [i for i in new_mid if i not in old_set]


def _regions(boxes: list[Box4]) -> list[Box4]:
    """The boxes, those that overlap merged into one."""
    out: list[Box4] = []
    for box in boxes:
        merged = True
        while merged:
            merged = False
            for other in out:
                if _meets(other, box):
                    out.remove(other)
                    box, merged = _union(box, other), True
                    break
        out.append(box)
    return out


def _grown(box: Box4, others: list[tuple[Box4, Item]], k: float, size: tuple[int, int]) -> Box4:
    """The box grown to hold whole every item it meets that would not land on the same
    pixels when cut by its edge (see ``_moves_exactly``), its corner moved to even pixels,
    and cut to the page."""
    grown = True
    while grown:
        grown = False
        for bounds, item in others:
            if _moves_exactly(item) or _within(bounds, box) or not _meets(bounds, box):
                continue
            if isinstance(item, Box) and not _stroke_meets(item, box, k):
                continue
            box, grown = _union(box, bounds), True
    return max(0, box[0] - box[0] % 2), max(0, box[1] - box[1] % 2), min(size[0], box[2]), min(size[1], box[3])


def _update(old: PageFrame, raster: Banded, old_bounds: list[Box4] | None, new: PageFrame, fonts: FontTable,
            dpi: float) -> tuple[Banded, list[Box4] | None] | None:
    """``raster`` (that of ``old``) made the raster of ``new``, with each of ``new``'s items'
    ``_bounds`` (those of the items ``old`` shares at its start and end are ``old_bounds``'
    when given: the same item, the same pixels), or None when more than text lines changed.
    Around the changed lines (each group of overlapping ones) a pixel box is drawn again:
    every item that can touch it, in frame order, moved by an even number of pixels
    (rounding is unchanged); the box first grows to hold whole every item it meets that
    would not land on the same pixels when cut by its edge."""
    if old is new:
        return raster, old_bounds
    if (old.width, old.height) != (new.width, new.height) or raster.size != page_size(new, dpi):
        return None
    ends = _same_ends(old.items, new.items)
    changes = _changes(old.items, new.items, ends)
    if changes is None or not all(isinstance(i, TextLine) for i in changes[0] + changes[1]):
        return None
    if not changes[0] and not changes[1]:
        return raster, old_bounds
    k = dpi / 72.0
    start, end = ends
    if old_bounds is None:
        bounds = [_bounds(i, k) for i in new.items]
    else:
        bounds = [*old_bounds[:start], *(_bounds(i, k) for i in new.items[start:len(new.items) - end]),
                  *old_bounds[len(old_bounds) - end:]]
    others = list(zip(bounds, new.items))
    inexact = [(b, i) for b, i in others if not _moves_exactly(i)]  # all that can grow a box (few: no text)
    patches = []
    for box in _regions([_bounds(i, k) for i in changes[0] + changes[1]]):
        box = _grown(box, inexact, k, raster.size)
        if box[0] < box[2] and box[1] < box[3]:
            drawn = tuple(i for bounds, i in others if _meets(bounds, box) and not (
                isinstance(i, Box) and not i.fill and not _moves_exactly(i) and not _stroke_meets(i, box, k)))
            patches.append((box, _Raster(new, fonts, dpi, box).run(drawn)))
    return raster.patched(patches), bounds
