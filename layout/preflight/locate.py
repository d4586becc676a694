"""Names for places on a page: which block (and which photo file) a position belongs to.

In:  the renderer's JSON summary (``RenderReport.to_json()``: every block with its
     page number, its rectangle ``rect`` in pt from the trim's top left, and for
     photos the ``image_file``), or nothing.
Out: ``Locator.name(page_index, x, y)`` and ``Locator.name_area(...)``: text such as
     ``block lead`` or ``block photo1, photo demo-lake.jpg``; ``""`` without a summary
     or when no block is there. PDF pages are matched to the summary's pages in order.
"""

from __future__ import annotations

from typing import Any

Rect = tuple[float, float, float, float]  # x, y, w, h in pt from the trim's top left


class Locator:
    """Block and photo names for trim positions, from a render summary."""

    def __init__(self, summary: dict[str, Any] | None) -> None:
        self.pages: list[list[tuple[str, str, Rect]]] = []
        numbers: list[Any] = []
        for block in (summary or {}).get("blocks") or []:
            rect = block.get("rect") if isinstance(block, dict) else None
            if not (isinstance(rect, (list, tuple)) and len(rect) == 4):
                continue
            if block.get("page") not in numbers:
                numbers.append(block.get("page"))
                self.pages.append([])
            entry = (str(block.get("block", "?")), str(block.get("image_file") or ""),
                     tuple(float(v) for v in rect))
            self.pages[numbers.index(block.get("page"))].append(entry)  # type: ignore[arg-type]

    def _blocks(self, page_index: int) -> list[tuple[str, str, Rect]]:
        return self.pages[page_index] if 0 <= page_index < len(self.pages) else []

    @staticmethod
    def _label(block: str, image: str) -> str:
        return f"block {block}" + (f", photo {image}" if image else "")

    def name(self, page_index: int, x: float, y: float) -> str:
        """The block containing the trim point (x, y) pt, as text, or ``""``."""
        for block, image, (bx, by, bw, bh) in self._blocks(page_index):
            if bx - 0.5 <= x <= bx + bw + 0.5 and by - 0.5 <= y <= by + bh + 0.5:
                return self._label(block, image)
        return ""

    def name_area(self, page_index: int, area: Rect) -> str:
        """The block overlapping the trim rectangle ``area`` most (photos first), or ``""``."""
        ax, ay, aw, ah = area
        best, best_overlap = "", 0.0
        for block, image, (bx, by, bw, bh) in self._blocks(page_index):
            w = min(ax + aw, bx + bw) - max(ax, bx)
            h = min(ay + ah, by + bh) - max(ay, by)
            overlap = max(w, 0.0) * max(h, 0.0) * (2.0 if image else 1.0)
            if overlap > best_overlap:
                best, best_overlap = self._label(block, image), overlap
        return best
