"""The page grid: column x positions and the baseline grid, in pt.

In:  a ``PageSpec`` and the body face's ascender.
Out: ``PageGrid``, which answers where column c starts, how wide a span of
     columns is, and where line l's top and baseline are. Every body line of
     every column sits on the same baselines, so lines align across columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.issue.model import PageSpec, Placement


@dataclass(frozen=True)
class Rect:
    """A rectangle in pt (top-left origin)."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class PageGrid:
    """Grid geometry of one page (columns 1-based, lines 1-based)."""

    left: float
    top: float
    column_width: float
    gutter: float
    pitch: float
    body_size: float
    ascent_em: float  # ideographic em-box top above the baseline, in em
    columns: int
    lines: int

    @classmethod
    def of(cls, page: PageSpec, ascent_em: float = 0.88) -> PageGrid:
        """The grid of a page."""
        g = page.grid
        return cls(left=page.margins.left, top=page.margins.top, column_width=g.column_width_pt,
                   gutter=g.gutter_pt, pitch=g.pitch_pt, body_size=g.body_size_pt,
                   ascent_em=ascent_em, columns=g.columns, lines=page.lines)

    def column_x(self, column: int) -> float:
        """Left edge of a base column."""
        return self.left + (column - 1) * (self.column_width + self.gutter)

    def span_width(self, span: int) -> float:
        """Width of ``span`` adjacent columns and the gutters between them."""
        return span * self.column_width + (span - 1) * self.gutter

    def line_top(self, line: int) -> float:
        """Top of the cell of body line ``line``."""
        return self.top + (line - 1) * self.pitch

    def baseline(self, line: int, size: float | None = None) -> float:
        """Baseline of line ``line`` for text of ``size`` centred in the cell (em box centred)."""
        size = self.body_size if size is None else size
        return self.line_top(line) + (self.pitch - size) / 2 + self.ascent_em * size

    def body_columns(self, at: Placement, columns: int | None, inset: int = 0) -> list[tuple[float, float]]:
        """(x, width) of the body columns of a block: its base columns, or ``columns``
        columns over its span (变栏/破栏, newspaper make-up on the layout grid that W3C clreq describes).

        Widths are whole characters: each column gets ⌊(span width − gutters) ÷ m⌋
        characters and what is left over widens the gutters equally. 三破二 over 3 ×
        13 + 2 = 41 characters gives 20 + 20 with a 1-character gutter; 五破三 over 69
        gives 22 × 3 with gutters of 1½ characters. ``inset`` characters are kept free on
        each side (a boxed article).
        """
        if (columns is None or columns == at.span) and not inset:
            return [(self.column_x(at.column + k), self.column_width) for k in range(at.span)]
        columns = columns or at.span
        size, gutter_chars = self.body_size, self.gutter / self.body_size
        total = at.span * self.column_width / size + (at.span - 1) * gutter_chars - 2 * inset
        chars = int((total - (columns - 1) * gutter_chars + 1e-9) // columns)
        gutter = (total - columns * chars) / (columns - 1) if columns > 1 else 0.0
        left = self.column_x(at.column) + inset * size
        return [(left + k * (chars + gutter) * size, chars * size) for k in range(columns)]

    def rect(self, at: Placement) -> Rect:
        """The rectangle a placement covers."""
        return Rect(self.column_x(at.column), self.line_top(at.line), self.span_width(at.span), at.lines * self.pitch)
