"""The layout context: what a block's layout reads besides the block itself.

In:  the issue, the page, its grid and the font book.
Out: one frozen value passed to ``BlockType.layout`` instead of fonts, typography,
     page number and print settings threaded one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from layout.flow.grid import PageGrid
    from layout.issue.model import Issue, PageSpec, PrintSpec, Typography
    from layout.issue.style import HouseStyle
    from layout.text.font import FontBook


@dataclass(frozen=True)
class LayoutContext:
    """Fonts, grid and settings of the page a block is laid out on."""

    issue: Issue
    page: PageSpec
    grid: PageGrid
    book: FontBook

    @property
    def typography(self) -> Typography:
        """The page's typography (an article has its own, resolved by the loader)."""
        return self.page.typography

    @property
    def style(self) -> HouseStyle:
        """The page's house style (an article has its own, resolved by the loader)."""
        return self.page.style

    @property
    def number(self) -> int:
        """The page number, for reports."""
        return self.page.number

    @property
    def press(self) -> PrintSpec:
        """How photos are prepared: the issue's press settings, black only on a ``mono`` page."""
        return replace(self.issue.press, mono=True) if self.page.mono else self.issue.press
