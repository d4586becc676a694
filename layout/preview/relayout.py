"""The live preview's layout after an edit: only the pages the edit can change are laid out again.

In:  the cleaned ``Issue`` of the new render, the ``FontBook``, the ``RenderReport`` being
     filled, and what the last render of the same file left (``Laid``).
Out: the page frames in page order (``PageMemory.compose``, the ``compose`` hook of
     ``layout.page.typeset``): each page's frame, block reports and warnings are those
     of the last render when nothing it is made from changed, else laid out now.

A page is made from the issue's own settings (meta, typography, print, house style: an edit
to any of them, or to the print profile's file, lays out every page), its ``PageSpec``
(every key of the page and its blocks; the YAML line numbers of its blocks are not used by
the layout and do not count) and the files its blocks read (photos, ad artwork, 题花: their
modification and change times, size and inode). What a page takes from other pages is in its ``PageSpec``
already: the loader fills in the jump lines (（下转第N版）, （上接第M版）), a continuation's
repeated headline and a 导读's page numbers (``layout.issue.jumps``, the block types'
``link``), and no block's layout reads another page. So an edit to a jump's source page
lays out its target page again exactly when the target's lines or headline change (the
jump's page, the source's headline), and an edit to the source's text alone does not.
A reused page's warnings are logged again, in page order, as a fresh render logs them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from layout.frame import PageFrame
from layout.issue.model import CrossHead, Issue, PageSpec, Paragraph, Placement, Typography
from layout.issue.style import HouseStyle
from layout.logger import LOGGER, Keep, Said
from layout.page import compose_page
from layout.report import BlockReport, RenderReport
from layout.text.font import FontBook

#: values that hold no file name (passed over when looking for the files a page reads)
_NO_PATHS = (str, int, float, HouseStyle, Typography, Placement, Paragraph, CrossHead)


@dataclass(frozen=True)
class Laid:
    """One page as the last render laid it out, with what it was made from."""

    spec: PageSpec
    stamps: tuple[tuple[Path, tuple[int, ...] | None], ...]
    frame: PageFrame
    blocks: tuple[BlockReport, ...]
    said: tuple[Said, ...]  # what was logged while it was laid out


class PageMemory:
    """The pages of the last render of one issue file (one per preview)."""

    def __init__(self) -> None:
        self.settings: tuple[Issue, tuple[int, ...] | None] | None = None  # the last issue without its pages
        self.pages: list[Laid] = []
        self.laid_out: list[int] = []  # indexes of the pages the last ``compose`` laid out (not reused)

    def compose(self, issue: Issue, book: FontBook, report: RenderReport) -> tuple[PageFrame, ...]:
        """The frames of ``issue``'s pages; their block reports go into ``report`` (see module docstring)."""
        settings = (replace(issue, pages=()), _stamp(issue.press.profile) if issue.press.profile else None)
        old = self.pages if settings == self.settings else []
        stamps = [_stamps(page) for page in issue.pages]
        changed = {k for k, page in enumerate(issue.pages)
                   if k >= len(old) or stamps[k] != old[k].stamps or not _same_page(page, old[k].spec)}
        pages: list[Laid] = []
        for k, page in enumerate(issue.pages):
            if k in changed:
                laid = _lay_out(issue, page, book, stamps[k])
            else:
                laid = replace(old[k], spec=page)
                for level, message, _ in laid.said:  # (each time: a page reused warns as one laid out)
                    LOGGER.log(level, "%s", message)
            report.blocks.extend(laid.blocks)
            pages.append(laid)
        self.settings, self.pages, self.laid_out = settings, pages, sorted(changed)
        return tuple(laid.frame for laid in pages)


def _lay_out(issue: Issue, page: PageSpec, book: FontBook,
             stamps: tuple[tuple[Path, tuple[int, ...] | None], ...]) -> Laid:
    """One page laid out now; its warnings are logged as they come and kept for the next render."""
    said: list[Said] = []
    keep = Keep(said)
    LOGGER.addHandler(keep)
    try:
        report = RenderReport()
        frame = compose_page(issue, page, book, report)
    finally:
        LOGGER.removeHandler(keep)
    return Laid(page, stamps, frame, tuple(report.blocks), tuple(said))


def _same_page(new: PageSpec, old: PageSpec) -> bool:
    """Whether two pages lay out alike: equal but for their blocks' YAML line numbers."""
    if new == old:
        return True
    if len(new.blocks) != len(old.blocks) or replace(new, blocks=()) != replace(old, blocks=()):
        return False
    return all(a == b or replace(a, yaml_line=b.yaml_line) == b for a, b in zip(new.blocks, old.blocks))


def _stamps(page: PageSpec) -> tuple[tuple[Path, tuple[int, ...] | None], ...]:
    """(file, (modification time in ns, size) or None if unreadable) of every file the page's
    blocks name: photos, artwork, ornaments."""
    files: list[Path] = []
    for block in page.blocks:
        _paths(block, files)
    return tuple((path, _stamp(path)) for path in dict.fromkeys(files))


def _paths(value: object, out: list[Path], depth: int = 0) -> None:
    """Every ``Path`` in a block's fields and nested values (not in its house style,
    typography, placement or paragraphs: they hold none)."""
    if isinstance(value, Path):
        out.append(value)
    elif value is None or depth > 4 or isinstance(value, _NO_PATHS):
        return
    elif isinstance(value, tuple):
        for item in value:
            _paths(item, out, depth + 1)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            _paths(getattr(value, name), out, depth + 1)


def _stamp(path: Path) -> tuple[int, ...] | None:
    """A file's modification and change times, size and inode: a photo replaced by a copy that keeps
    the old one's time and size (``cp -p``) still changes its change time, or its inode when moved in."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino
