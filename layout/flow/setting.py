"""What head, furniture and display text is set with: one value made from the layout context.

In:  a ``LayoutContext`` (fonts, the page's typography), or an article's own typography.
Out: ``Setting``, passed to the flow's text setters instead of the font book and the
     typography threaded one by one; the text engine (``layout.text``) still takes them as
     its own inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.issue.model import Typography
    from layout.issue.style import HouseStyle
    from layout.text.font import FontBook


@dataclass(frozen=True)
class Setting:
    """What head, furniture and display text is set with: the fonts and the typography in force
    (the page's, from its ``LayoutContext``, or an article's own, resolved by the loader)."""

    book: FontBook
    typo: Typography

    @classmethod
    def of(cls, ctx: LayoutContext, typo: Typography | None = None, style: HouseStyle | None = None) -> Setting:
        """The setting of ``ctx``'s page, or with ``typo`` (an article's own typography) and
        ``style`` (its own house style: ``glyph_scaling`` reaches the text engine in the typography)."""
        typo = ctx.typography if typo is None else typo
        house = ctx.style if style is None else style
        narrowest = min(100, house.glyph_scaling.latin_narrowest) / 100
        marks, ladder = house.squeeze.marks_per_line, house.hyphenation.max_consecutive
        if (typo.latin_narrowest, typo.squeeze_marks, typo.hyphen_ladder) != (narrowest, marks, ladder):
            typo = replace(typo, latin_narrowest=narrowest, squeeze_marks=marks, hyphen_ladder=ladder)
        return cls(ctx.book, typo)

    def display(self) -> Setting:
        """This setting for display type (headlines, kickers, subheads, bylines, small print on
        one line): no glyph scaling of its Latin (``latin_narrowest`` 1.0). A head is fitted as a
        whole by the display fit (``style.fit``: its size and 长体 scale, reported), so its Latin
        is never narrowed further, below the house's condense limit and narrower than its ideographs."""
        return self if self.typo.latin_narrowest >= 1.0 else Setting(self.book, replace(self.typo, latin_narrowest=1.0))
