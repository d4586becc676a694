"""The head of a one-page test issue, for tests that write their own blocks.

In:  the page's paper (a size name or a YAML mapping) and the grid's keys as YAML flow text.
Out: the issue's YAML up to and including the page's ``blocks:`` line; each block follows
     as a list item indented six spaces (``      - type: article``)."""

from __future__ import annotations

TABLOID_GRID = "columns: 6, chars: 11, body_size: 10pt, leading: 15pt"


def head(paper: str = "tabloid", grid: str = TABLOID_GRID, typography: str = "") -> str:
    """The YAML of a one-page issue of 测试报 up to its page's ``blocks:`` key; ``typography``
    (YAML flow text, e.g. ``char_grid: true``) is set on the page when given."""
    page_typography = f"    typography: {{{typography}}}\n" if typography else ""
    return ("banmian: 1\n"
            "issue: {paper: 测试报, date: 2026-01-20}\n"
            "pages:\n"
            "  - number: 1\n"
            f"    paper: {paper}\n"
            f"{page_typography}"
            f"    grid: {{{grid}}}\n"
            "    blocks:\n")
