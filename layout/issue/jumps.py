"""Jumps between pages (转版), resolved once every page is read.

In:  the pages of an issue as read (articles may hold ``{jump: id}`` runs and ``continues``).
Out: the pages with （下转第N版） and （上接第M版） lines filled in; or an ``IssueError``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from layout.blocks import of
from layout.issue import model as m
from layout.issue.reader import Doc


def link_jumps(doc: Doc, pages: tuple[m.PageSpec, ...]) -> tuple[m.PageSpec, ...]:
    """Fill in page numbers of jumps (转版): a ``{jump: id}`` gets （下转第N版） with the page
    of the block ``id`` on a later page; an article that ``continues`` another gets
    （上接第M版） as its first line and, without a headline of its own, the first part's
    headline repeated short."""
    where = {(block.id, k): (page, block) for k, page in enumerate(pages) for block in page.blocks}

    def later(ident: str, *, k: int, key: str) -> int:
        for j in range(k + 1, len(pages)):
            if (ident, j) in where:
                return where[ident, j][0].number
        raise doc.error(key, f"no block {ident!r} on a later page to jump to")

    def earlier(ident: str, k: int, key: str) -> tuple[m.PageSpec, m.ArticleBlock]:
        for j in range(k - 1, -1, -1):
            page, block = where.get((ident, j), (None, None))
            if page is not None and isinstance(block, m.ArticleBlock):
                return page, block
        raise doc.error(key, f"no article {ident!r} on an earlier page to continue")

    out = []
    for k, page in enumerate(pages):
        blocks: list[m.PageBlock] = []
        for block in page.blocks:
            if isinstance(block, m.ArticleBlock):
                block = _resolve_jumps(block, partial(later, k=k, key=f"{block.yaml_path}.body"))
                if block.continues:
                    first_page, first = earlier(block.continues, k, f"{block.yaml_path}.continues")
                    block = _continuation(block, first_page.number, first)
            link = of(block).link
            blocks.append(link(doc, block, k, pages) if link is not None else block)
        out.append(replace(page, blocks=tuple(blocks)))
    return tuple(out)


def _resolve_jumps(block: m.ArticleBlock, page_of: Callable[[str], int]) -> m.ArticleBlock:
    """The article with every ``{jump: id}`` run given its page number."""
    def fix(item: m.BodyItem) -> m.BodyItem:
        if not isinstance(item, m.Paragraph) or not any(run.target for run in item.runs):
            return item
        runs = tuple(m.Run(f"（下转第{page_of(run.target)}版）", "jump") if run.target else run for run in item.runs)
        return replace(item, runs=runs)
    return replace(block, body=tuple(fix(item) for item in block.body))


def _continuation(block: m.ArticleBlock, page: int, first: m.ArticleBlock) -> m.ArticleBlock:
    """（上接第M版） on its own first line; the first part's headline repeated if there is none."""
    back = m.Paragraph(runs=(m.Run(f"（上接第{page}版）", "jump"),), indent=False, align="left")
    headline = block.headline
    if headline is None and first.headline is not None:
        headline = m.HeadText(first.headline.text, block.style.headline.continued, first.headline.role, "left")
    return replace(block, headline=headline, body=(back, *block.body))
