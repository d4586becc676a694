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
from layout.logger import LOGGER


def link_jumps(doc: Doc, pages: tuple[m.PageSpec, ...]) -> tuple[m.PageSpec, ...]:
    """Fill in page numbers of jumps (转版): a ``{jump: id}`` gets （下转第N版） with the page
    of the block ``id`` on a later page; an article that ``continues`` another gets
    （上接第M版） as its first line and, without a headline of its own, its own ``jump_head`` or else the
    headline of the chain's first part (or that part's ``jump_head``) at ``style.headline.continued``, on
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

    inbound = _inbound(pages, where)

    def back_page(block: m.ArticleBlock, k: int) -> int:
        """The page （上接第M版） names: that of the article whose ``{jump: id}`` leads to this
        leg, else that of the article it ``continues`` (see ``_check_chain``)."""
        key = f"{block.yaml_path}.continues"
        _, before, article = earlier(block.continues or "", k, key)
        source = inbound.get((block.id, k))
        if source is None:
            _check_unlinked(block, before, article, key, doc)
            return before.number
        src_k, src = source
        if root(src, src_k) is not root(block, k):
            raise doc.error(key, f"continues {block.continues!r} (page {before.number}), but the jump that leads "
                                 f"here comes from {src.id!r} (page {pages[src_k].number}), a different story: "
                                 f"make them agree")
        return pages[src_k].number

    out = []
    for k, page in enumerate(pages):
        blocks: list[m.PageBlock] = []
        for block in page.blocks:
            if isinstance(block, m.ArticleBlock):
                block = _resolve_jumps(block, partial(later, k=k, key=f"{block.yaml_path}.body"))
                if block.continues:
                    _check_jump_head(doc, block)
                    block = _continuation(block, back_page(block, k), root(block, k))
            link = of(block).link
            blocks.append(link(doc, block, k, pages) if link is not None else block)
        out.append(replace(page, blocks=tuple(blocks)))
    return tuple(out)


def _targets(block: m.PageBlock) -> list[str]:
    """The ids a block's ``{jump: id}`` runs name (none for a block that is not an article)."""
    if not isinstance(block, m.ArticleBlock):
        return []
    return [run.target for item in block.body if isinstance(item, m.Paragraph) for run in item.runs if run.target]


def _inbound(pages: tuple[m.PageSpec, ...], where: dict[tuple[str, int], tuple[m.PageSpec, m.PageBlock]]
             ) -> dict[tuple[str, int], tuple[int, m.ArticleBlock]]:
    """(target id, its page index) → (page index, article) of the article whose ``{jump: id}``
    leads there (the first later page holding that id, as （下转第N版） reads it)."""
    found: dict[tuple[str, int], tuple[int, m.ArticleBlock]] = {}
    for k, page in enumerate(pages):
        for block in page.blocks:
            for target in _targets(block):
                j = next((j for j in range(k + 1, len(pages)) if (target, j) in where), None)
                if j is not None and isinstance(block, m.ArticleBlock):
                    found.setdefault((target, j), (k, block))
    return found


def _check_unlinked(block: m.ArticleBlock, before: m.PageSpec, article: m.PageBlock, key: str, doc: Doc) -> None:
    """A warning when the article a leg ``continues`` jumps elsewhere but not to it: its
    readers are sent to another page and never told of this one."""
    elsewhere = _targets(article)
    if elsewhere:
        targets = ", ".join(map(repr, elsewhere))
        LOGGER.warning("%s", doc.error(key, f"continues {article.id!r} (page {before.number}), whose jump leads to "
                                            f"{targets}, not here: no （下转） sends readers to this leg; give "
                                            f"{article.id!r} a {{jump: {block.id}}}"))


def _check_jump_head(doc: Doc, block: m.ArticleBlock) -> None:
    """A warning when a continuation has both a headline and a ``jump_head``: the headline is set, the short
    head is not printed."""
    if block.headline is not None and block.jump_head:
        LOGGER.warning("%s", doc.error(f"{block.yaml_path}.jump_head", (
            f"{block.jump_head!r} is not printed: this continuation has its own headline, which is set instead; "
            "leave out one of the two")))


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
    headline of its own, its own ``jump_head``, else the chain's first part's ``jump_head`` or
    headline repeated, at the continued size."""
    jump = block.style.jump
    back = m.Paragraph(runs=(m.Run(jump.up.format(page=page), "jump"),), indent=False, align=jump.up_align)
    headline = block.headline
    text = block.jump_head or first.jump_head or (first.headline.text if first.headline else None)
    if headline is None and text:
        role = first.headline.role if first.headline else block.style.headline.font
        headline = m.HeadText(text, block.style.headline.continued, role, "left")
    return replace(block, headline=headline, body=(back, *block.body))
