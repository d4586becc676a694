"""Text dump back end: a stable, human-readable trace of frames for golden tests.

In:  a ``Document``.
Out: text, one line per item, coordinates rounded to 0.01 pt.
"""

from __future__ import annotations

from layout.frame import Box, Document, Dot, ImageItem, PlacedPdf, PreviewOnly, Rule, TextLine, VerticalLine


def _r(value: float) -> str:
    """A coordinate rounded for the dump."""
    return f"{value:.2f}"


def dump(document: Document) -> str:
    """Every item of every page, in drawing order."""
    out = []
    for page in document.pages:
        out.append(f"page {page.number} {page.name} {_r(page.width)}x{_r(page.height)}")
        for item in page.items:
            if isinstance(item, TextLine):
                out.append(f"  text {item.kind} {item.block} x={_r(item.x)} y={_r(item.baseline)} "
                           f"w={_r(item.glyphs[-1].x) if item.glyphs else 0} {item.text}"
                           + (f" scale={item.scale:g}" if item.scale != 100.0 else ""))
            elif isinstance(item, Rule):
                out.append(f"  rule {_r(item.x0)},{_r(item.y0)} {_r(item.x1)},{_r(item.y1)} w={_r(item.width)}")
            elif isinstance(item, Box):
                out.append(f"  box {_r(item.x)},{_r(item.y)} {_r(item.w)}x{_r(item.h)}")
            elif isinstance(item, Dot):
                out.append(f"  dot {_r(item.x)},{_r(item.y)} r={_r(item.r)}")
            elif isinstance(item, VerticalLine):
                marks = "".join("r" if g.rotated else "v" if g.form is not None else "." for g in item.glyphs)
                out.append(f"  vtext {item.kind} {item.block} x={_r(item.x)} top={_r(item.top)} "
                           f"end={_r(item.glyphs[-1].y) if item.glyphs else 0} {item.text} {marks}")
            elif isinstance(item, ImageItem):
                out.append(f"  image {_r(item.x)},{_r(item.y)} {_r(item.w)}x{_r(item.h)} {item.path.name}")
            elif isinstance(item, PlacedPdf):
                out.append(f"  pdf {_r(item.x)},{_r(item.y)} {_r(item.w)}x{_r(item.h)} {item.path.name} p{item.page}")
            elif isinstance(item, PreviewOnly):
                out.append(f"  preview-only {len(item.items)} items")
    return "\n".join(out) + "\n"
