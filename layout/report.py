"""What layout reports besides the frame: overset text, missing glyphs, copy changes.

In:  filled in by the flow stages.
Out: ``BlockReport`` per block and ``RenderReport`` for the issue, printed by the
     CLI and written as JSON with ``--summary``; the articles' copy-fit alone with
     ``--report``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

#: Empty body lines per column from which an article counts as underset (the
#: preview's underset overlay uses the same number for an empty foot).
UNDERSET_LINES = 2


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
    image_ink: tuple[float, float] | None = None  # max ink %: before the limit, and measured as embedded
    image_file: str = ""  # a photo's or logo's file name
    image_inks: str = ""  # the plates it prints on: CMYK, or K for a greyscale photo
    rect: tuple[float, float, float, float] | None = None  # the block's x, y, w, h in pt from the trim's top left
    kind: str = ""  # article, photo, banner, masthead, furniture
    columns: int = 0  # an article's body columns
    lines_set: int = 0  # an article's body lines on the page (cross-heads count their lines)
    line_chars: int = 0  # characters of body size one body line holds

    def add_overset(self, lines: int, text: str, chars: int | None = None) -> None:
        """Record copy that was not placed: ``lines`` lines of ``text``, ``chars`` characters
        (default: the text's characters less spaces; 0 for a note like "(no room …)")."""
        self.overset_lines += lines
        self.overset_chars += len(text.replace(" ", "")) if chars is None else chars
        self.overset_text += text

    @property
    def underset_lines(self) -> int:
        """Body line slots left empty (0 when the article is overset)."""
        return 0 if self.overset_lines or self.kind != "article" else max(0, self.lines_available - self.lines_set)

    @property
    def underset_chars(self) -> int:
        """About how many characters of body copy the empty slots would still take."""
        return self.underset_lines * self.line_chars

    def copy_fit(self) -> dict[str, Any]:
        """An article's copy-fit: capacity, what is set, and how much to cut or add.

        ``verdict`` is ``overset`` when copy did not fit, ``underset`` when on average
        ``UNDERSET_LINES`` or more lines per body column are empty, else ``fits``
        (balanced columns, cross-heads and headline air rarely fill every slot)."""
        empty_enough = self.underset_lines >= UNDERSET_LINES * max(1, self.columns)
        verdict = "overset" if self.overset_lines else "underset" if empty_enough else "fits"
        return {"page": self.page, "block": self.block, "verdict": verdict, "columns": self.columns,
                "chars_per_line": self.line_chars, "lines_available": self.lines_available,
                "lines_set": self.lines_set, "overset_lines": self.overset_lines,
                "overset_chars": self.overset_chars, "underset_lines": self.underset_lines,
                "underset_chars": self.underset_chars}


@dataclass
class RenderReport:
    """The whole issue's report."""

    pages: int = 0
    blocks: list[BlockReport] = field(default_factory=list)
    changes: Counter[str] = field(default_factory=Counter)
    press: dict[str, Any] = field(default_factory=dict)  # output condition, profile, ink limit

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

    def copy_fit(self) -> list[dict[str, Any]]:
        """The copy-fit of every article, in page order (``--report``)."""
        return [b.copy_fit() for b in self.blocks if b.kind == "article"]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (sorted, stable)."""
        return {
            "pages": self.pages,
            "chars_set": self.chars_set,
            "overset": [{"page": b.page, "block": b.block, "lines": b.overset_lines, "chars": b.overset_chars}
                        for b in self.overset],
            "missing_glyphs": [f"U+{ord(c):04X} {c}" for c in self.missing],
            "copy_changes": dict(sorted(self.changes.items())),
            "copy_fit": self.copy_fit(),
            "blocks": [asdict(b) for b in self.blocks],
            "print": self.press,
            "photos": [{"page": b.page, "block": b.block, "file": b.image_file, "ppi": b.image_ppi,
                        "ink_before": b.image_ink[0] if b.image_ink else None,
                        "ink_measured": b.image_ink[1] if b.image_ink else None, "inks": b.image_inks}
                       for b in self.blocks if b.image_file],
        }
