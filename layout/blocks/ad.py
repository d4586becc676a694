"""The ad block type (广告): an ad slot of a standard size, with the advertiser's PDF or image.

In:  a YAML ``type: ad`` mapping; later the model and a ``LayoutContext``.
Out: an ``AdBlock`` (its size checked against the house style's standard sizes, its file
     checked to open); its frame items (``layout.flow.ad``): the advertiser's PDF page
     placed as it is, or the image prepared for the press, or a placeholder that only
     previews draw (it never prints), under the 广告 label.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.blocks import BlockType, Format
from layout.issue import model as m
from layout.issue.reader import Doc, Reader, choice
from layout.text.clean import clean_text

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.flow.article import Placed
    from layout.issue.style import Ads

#: The standard sizes: the word an issue writes (the Chinese name or its pinyin key) → the ``style.ads`` key.
SIZES = {"通栏": "tonglan", "半通栏": "ban_tonglan", "报眼": "baoyan", "半版": "banban", "整版": "zhengban"}
SIZE_WORDS = (*SIZES, *SIZES.values())


@dataclass(frozen=True)
class AdBlock(m.Block):
    """An ad slot: its standard ``size`` (a ``style.ads`` key, or "" for a free size), the
    advertiser's ``file`` (a PDF, whose first page is placed, or an image), the
    ``placeholder`` text a preview shows while there is no file, and whether the 广告 label
    is printed above it (``label``); ``bbox`` is the placed PDF page's TrimBox (else MediaBox), in
    the file's own unrotated pt, and ``rotate`` its /Rotate (0, 90, 180, 270: clockwise, as shown)."""

    size: str = ""
    file: Path | None = None
    pdf: bool = False
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    rotate: int = 0
    placeholder: str = ""
    label: bool = True


def standard(ads: Ads, key: str, grid: m.Grid, lines: int) -> tuple[int, int]:
    """The (span, lines) of the standard size ``key`` on a page ``grid`` of ``lines`` lines:
    its lines, else its height to the nearest line, else its share of the lines (rounded down)."""
    size = getattr(ads, key)
    span = size.span or grid.columns
    tall = size.lines or (max(1, round(size.height / grid.pitch_pt)) if size.height else int(size.share * lines + 1e-9))
    return min(span, grid.columns), min(tall, lines)


def _pdf_box(doc: Doc, key: str, path: Path) -> tuple[tuple[float, float, float, float], int]:
    """The first page's TrimBox (else MediaBox) of an ad PDF and its /Rotate (0, 90, 180 or 270,
    clockwise as viewers show it); an error naming the file if it does not open (damaged,
    encrypted, no page, a box without area)."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            if not pdf.pages:
                raise doc.error(key, f"{path.name} has no page")
            page = pdf.pages[0]
            box = page.obj.get("/TrimBox") or page.mediabox
            x0, y0, x1, y1 = (float(v) for v in box)
            rotate = int(page.rotation) % 360
    except pikepdf.PasswordError:
        raise doc.error(key, f"{path.name} is encrypted (a password is needed)") from None
    except (pikepdf.PdfError, ValueError, TypeError, AttributeError, RuntimeError) as exc:
        raise doc.error(key, f"{path.name} is not a readable PDF ({exc})") from None
    if not all(math.isfinite(v) for v in (x0, y0, x1, y1)) or abs(x1 - x0) < 1 or abs(y1 - y0) < 1:
        raise doc.error(key, f"{path.name}: its page has no area")
    if rotate % 90:
        raise doc.error(key, f"{path.name}: its page's /Rotate {rotate} is not a multiple of 90")
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), rotate


def read(doc: Doc, r: Reader, common: dict[str, Any], page: m.PageSpec, base: Path) -> AdBlock:
    """An ad slot: a standard size must match its ``at``; a file must open (PDF) or decode (image)."""
    from layout.issue.reader import _checkimage

    at: m.Placement = common["at"]
    word = choice(doc, r, "size", None, SIZE_WORDS)
    key = SIZES.get(word or "", word or "")
    if key:
        span, lines = standard(page.style.ads, key, page.grid, page.lines)
        if (at.span, at.lines) != (span, lines):
            raise doc.error(f"{common['yaml_path']}.at", f"a {word} ad is {span} columns × {lines} lines on this page "
                            f"(house style ads.{key}): give at: {{span: {span}, lines: {lines}}} (now {at.span} × "
                            f"{at.lines})")
    name = r.text("file")
    path, pdf, bbox, rotate = None, False, (0.0, 0.0, 0.0, 0.0), 0
    if name:
        path = doc.local_file(r.sub("file"), base, name, "ad file")
        pdf = path.suffix.lower() == ".pdf"
        if pdf:
            bbox, rotate = _pdf_box(doc, r.sub("file"), path)
        else:
            _checkimage(doc, r.sub("file"), path)
    return AdBlock(**common, size=key, file=path, pdf=pdf, bbox=bbox, rotate=rotate,
                   placeholder=r.text("placeholder", "") or "", label=r.boolean("label", page.style.ads.label))


def clean(b: AdBlock, typo: m.Typography, counts: Counter[str], page: int) -> AdBlock:
    """The placeholder text cleaned by the page's typography."""
    return replace(b, placeholder=clean_text(b.placeholder, typo, counts)) if b.placeholder else b


def layout(block: AdBlock, ctx: LayoutContext) -> Placed:
    """The ad on the page grid (``layout.flow.ad``)."""
    from layout.flow.ad import layout_ad

    return layout_ad(block, ctx)


#: The keys of its YAML mappings: value kind and one line for the key reference.
FORMAT = Format(
    keys={
        "ad": {
            "size": ("choice", 'a standard size: 通栏, 半通栏, 报眼, 半版, 整版 (or tonglan, ban_tonglan, baoyan, '
                               'banban, zhengban); its span and lines come from the house style (style.ads) and `at` '
                               'must match them'),
            "file": ("text", "the advertiser's PDF (its first page is placed as it is, scaled to fit the slot) or "
                             "image (JPEG, PNG, TIFF; prepared for the press like a photo), relative to the issue"),
            "placeholder": ("text", 'without a file: the text of the placeholder, which previews show and no PDF '
                                    'prints'),
            "label": ("bool", 'print 广告 above the ad (default: the house style\'s ads.label)'),
        },
    },
    mappings={"ad": '`blocks[]` with `type: ad`'},
    choices={"ad.size": SIZE_WORDS},
)


TYPE = BlockType("ad", AdBlock, read, clean, layout, colour=(220, 0, 120, 255), format=FORMAT)
