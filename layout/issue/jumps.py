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
    （上接第M版） as its first line and, without a headline of its own, the headline of the
    chain's first part (or that part's ``jump_head``) at ``style.headline.continued``, on
    every leg of a chain (a three-page jump heads its third part too). The wording is
    the house style's (``style.jump``)."""
    where = {(block.id, k): (page, block) for k, page in enumerate(pages) for block in page.blocks}

    def later(ident: str, *, k: int, key: str) -> int:
        for j in range(k + 1, len(pages)):
            if (ident, j) in where:
                return where[ident, j][0].number
        raise doc.error(key, f"no block {ident!r} on a later page to jump to")

    def earlier(ident: str, k: int, key: str) -> tuple[int, m.PageSpec, m.ArticleBlock]:
        for j in range(k - 1, -1, -1):
            page, block = where.get((ident, j), (None, None))
            if page is not None and isinstance(block, m.ArticleBlock):
                return j, page, block
        raise doc.error(key, f"no article {ident!r} on an earlier page to continue")

    def root(block: m.ArticleBlock, k: int) -> m.ArticleBlock:
        """The first part of the chain ``block`` (on page index ``k``) continues."""
        for _ in range(len(pages)):
            if not block.continues:
                break
            k, _page, block = earlier(block.continues, k, f"{block.yaml_path}.continues")
        return block

    out = []
    for k, page in enumerate(pages):
        blocks: list[m.PageBlock] = []
        for block in page.blocks:
            if isinstance(block, m.ArticleBlock):
                block = _resolve_jumps(block, partial(later, k=k, key=f"{block.yaml_path}.body"))
                if block.continues:
                    _, first_page, _first = earlier(block.continues, k, f"{block.yaml_path}.continues")
                    block = _continuation(block, first_page.number, root(block, k))
            link = of(block).link
            blocks.append(link(doc, block, k, pages) if link is not None else block)
        out.append(replace(page, blocks=tuple(blocks)))
    return tuple(out)


def _resolve_jumps(block: m.ArticleBlock, page_of: Callable[[str], int]) -> m.ArticleBlock:
    """The article with every ``{jump: id}`` run given its page number."""
    wording = block.style.jump.down

    def fix(item: m.BodyItem) -> m.BodyItem:
        if not isinstance(item, m.Paragraph) or not any(run.target for run in item.runs):
            return item
        runs = tuple(m.Run(wording.format(page=page_of(run.target)), "jump") if run.target else run
                     for run in item.runs)
        return replace(item, runs=runs)
    return replace(block, body=tuple(fix(item) for item in block.body))


def _continuation(block: m.ArticleBlock, page: int, first: m.ArticleBlock) -> m.ArticleBlock:
    """（上接第M版） on its own first line (``page`` the page of the part before); with no
    headline of its own, the chain's first part's ``jump_head`` or headline repeated at
    the continued size."""
    jump = block.style.jump
    back = m.Paragraph(runs=(m.Run(jump.up.format(page=page), "jump"),), indent=False, align=jump.up_align)
    headline = block.headline
    text = first.jump_head or (first.headline.text if first.headline else None)
    if headline is None and text:
        role = first.headline.role if first.headline else block.style.headline.font
        headline = m.HeadText(text, block.style.headline.continued, role, "left")
    return replace(block, headline=headline, body=(back, *block.body))
