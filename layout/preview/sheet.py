"""The issue overview: every page as a thumbnail on one contact sheet.

In:  page preview images with their labels (for example ``第1版 要闻``), a title
     and a font file for the text.
Out: one RGB image: the title on top, then the thumbnails in rows of
     ``columns``, each with its label underneath.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw

from layout.render.png import RENDER_LOCK, pil_font

BACKGROUND = (228, 228, 228)
THUMB_WIDTH = 320  # px per page thumbnail
MARGIN = 24  # px around and between thumbnails
LABEL_PX = 18.0
TITLE_PX = 24.0


def thumbnail(image: Image.Image, width: int = THUMB_WIDTH) -> Image.Image:
    """A page image scaled to ``width`` px wide (area-averaged, so text reads as grey)."""
    height = max(1, round(image.height * width / image.width))
    return image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS, reducing_gap=2.0)


def contact_sheet(pages: Sequence[tuple[Image.Image, str]], title: str, font: Path,
                  columns: int = 4, width: int = THUMB_WIDTH) -> Image.Image:
    """Thumbnails of ``pages`` ((image, label) in order) on one sheet, ``columns`` per row."""
    thumbs = [(thumbnail(im, width), label) for im, label in pages]
    cols = max(1, min(columns, len(thumbs)))
    rows = max(1, -(-len(thumbs) // cols))
    cell_h = max((t.height for t, _ in thumbs), default=width) + round(LABEL_PX * 2)
    head = round(TITLE_PX * 2.5)
    sheet = Image.new("RGB", (MARGIN + cols * (width + MARGIN), head + rows * (cell_h + MARGIN)), BACKGROUND)
    with RENDER_LOCK:
        draw = ImageDraw.Draw(sheet)
        draw.text((MARGIN, head / 2), title, font=pil_font(str(font), TITLE_PX), fill=(0, 0, 0), anchor="lm")
        label_font = pil_font(str(font), LABEL_PX)
        for n, (thumb, label) in enumerate(thumbs):
            x = MARGIN + (n % cols) * (width + MARGIN)
            y = head + (n // cols) * (cell_h + MARGIN)
            draw.rectangle([x - 1, y - 1, x + thumb.width, y + thumb.height], outline=(120, 120, 120))
            sheet.paste(thumb, (x, y))
            draw.text((x + width / 2, y + thumb.height + LABEL_PX / 2), label, font=label_font,
                      fill=(0, 0, 0), anchor="ma")
    return sheet
