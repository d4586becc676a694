"""Banmian (版面): Chinese newspaper pages from YAML.

Pipeline (each stage a function from one typed value to the next):
YAML → ``load_issue`` → ``Issue`` → ``clean_issue`` → ``typeset`` (fonts, grids,
text preparation, line breaking, justification, column flow) → ``Document`` of
``PageFrame``s → ``write_pdf`` (reportlab) or ``dump`` (text trace).
"""

from layout.issue.load import load_issue
from layout.page import typeset
from layout.render.dump import dump
from layout.render.pdf import write_pdf
from layout.text.clean import clean_issue
from layout.text.font import FontBook, default_book

__all__ = ["FontBook", "clean_issue", "default_book", "dump", "load_issue", "typeset", "write_pdf"]
