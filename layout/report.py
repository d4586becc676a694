"""What layout reports besides the frame: overset text, missing glyphs, copy changes.

In:  filled in by the flow stages.
Out: ``BlockReport`` per block and ``RenderReport`` for the issue, printed by the
     CLI and written as JSON with ``--summary``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class BlockReport:
    """Copy-fit of one block: lines it holds, lines set, what did not fit."""

    page: int
    block: str
    lines_available: int = 0
    lines_used: int = 0
    chars_set: int = 0
    overset_lines: int = 0
    overset_chars: int = 0
    overset_text: str = ""
    missing_glyphs: list[str] = field(default_factory=list)
    forced_breaks: int = 0
    image_ppi: float | None = None  # a photo's effective resolution as placed
    image_ink: tuple[float, float] | None = None  # a photo's maximum ink (%) before and after the limit


@dataclass
class RenderReport:
    """The whole issue's report."""

    pages: int = 0
    blocks: list[BlockReport] = field(default_factory=list)
    changes: Counter[str] = field(default_factory=Counter)

    @property
    def chars_set(self) -> int:
        """Glyphs placed on the pages."""
        return sum(b.chars_set for b in self.blocks)

    @property
    def overset(self) -> list[BlockReport]:
        """Blocks with text that did not fit."""
        return [b for b in self.blocks if b.overset_lines]

    @property
    def missing(self) -> list[str]:
        """Characters that no installed font could draw."""
        return sorted({ch for b in self.blocks for ch in b.missing_glyphs})

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (sorted, stable)."""
        return {
            "pages": self.pages,
            "chars_set": self.chars_set,
            "overset": [{"page": b.page, "block": b.block, "lines": b.overset_lines, "chars": b.overset_chars}
                        for b in self.overset],
            "missing_glyphs": [f"U+{ord(c):04X} {c}" for c in self.missing],
            "copy_changes": dict(sorted(self.changes.items())),
            "blocks": [asdict(b) for b in self.blocks],
        }
