"""Banmian (版面): Chinese newspaper pages from YAML.

Pipeline (each stage a function from one typed value to the next):
YAML → ``load_issue`` → ``Issue`` → ``clean_issue`` → ``typeset`` (fonts, grids,
text preparation, line breaking, justification, column flow) → ``Document`` of
``PageFrame``s → ``write_pdf(document, book.resources(document.faces()))``
(reportlab; the back ends read the frames and that plain font table only) or
``dump`` (text trace).

The names below are imported on first use, so that ``python -m layout`` and
``import layout.x`` load only the modules a command needs (reportlab only to
write a PDF, for instance).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from layout.issue.load import load_issue
    from layout.page import typeset
    from layout.render.dump import dump
    from layout.render.pdf import write_pdf
    from layout.text.clean import clean_issue
    from layout.text.font import FontBook, default_book

#: public name → the module that defines it
_HOMES = {"load_issue": "layout.issue.load", "typeset": "layout.page", "dump": "layout.render.dump",
          "write_pdf": "layout.render.pdf", "clean_issue": "layout.text.clean", "FontBook": "layout.text.font",
          "default_book": "layout.text.font"}

__all__ = ["FontBook", "clean_issue", "default_book", "dump", "load_issue", "typeset", "write_pdf"]


def __getattr__(name: str) -> Any:
    """``layout.typeset`` and the other public names, imported when first asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'layout' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value
