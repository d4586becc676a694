"""The largest face's subset program made by another process while this one draws the pages.

In:  a document's frames and its fonts (``layout.render.pdf._Fonts``), before the pages are drawn; for a
     one-page issue, earlier (``Early``): what this process drew once it has set its share of the stories.
Out: the face that draws the most glyphs, when no subset of those glyphs is kept (``subsets``), asked
     of the process ``layout.blockfork`` forked to set some of the page's stories: for a one-page issue as
     soon as that process has handed its stories back (``layout.errands.ahead``: it adds the glyphs it drew
     to those this process sends), else once the pages are laid out, of the process the render command
     keeps waiting for one errand (``layout.errands.errand``). The font's ``CIDFont.made`` takes that
     program when it is its face's for the very glyphs the pages drew, else makes it here. Nothing is asked
     when no process is kept (a render in one process, a page set in one), nor ahead for a page with a
     picture (the canvas writes it: ``layout.render.pdfcanvas``).

Why: on a fresh page the body face's program (its glyphs read, renumbered and compressed with zlib:
about 15 ms of the PDF stage's 27) depends only on the glyph ids the pages draw, and the forked process
has finished its stories: it makes the program while this one reads those stories back, finishes the
page and draws it (about 14 ms) and makes the other faces' programs. The bytes are the same: the same
function (``CIDFont._program``) on the same glyph ids of the same file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.errors import FontError
from layout.frame import ImageItem, PageFrame, TextLine, VerticalLine
from layout.render.cidfont import CIDFont, Elsewhere, TrueTypeFile

if TYPE_CHECKING:
    from layout.frame import FontFile

_FACE, _GID, _FACE_GID = attrgetter("face"), attrgetter("gid"), attrgetter("face", "gid")


class Early:
    """The render command's hook (``layout.errands.spared``): the largest face's program asked for as soon as
    the process that set some of a one-page issue's stories has handed them back, made there while this
    process reads them, finishes the page and draws it (``layout.blockfork`` calls it when this process has
    set its own stories: ``_foresee``). ``answer``: the function that waits for what the other process made
    (``made_for_page``), once asked; ``face``: the face this process drew the most glyphs in. Nothing is asked
    for a page with a picture (a photo, a 题花): the canvas that writes it takes no program made elsewhere."""

    def __init__(self) -> None:
        self.answer: Callable[[], tuple[str, list[int], Elsewhere] | None] | None = None
        self.face = ""

    def __call__(self, here: Sequence[object], table: Mapping[str, FontFile],
                 send: Callable[..., Callable[[], Any] | None]) -> None:
        """``here``: the items this process drew; ``table``: the fonts of the faces loaded; ``send(job, *args)``
        asks the other process (``layout.errands.ahead``), which calls ``job`` with the items it drew first."""
        if _pictured(here):  # (photos are set here)
            return
        drawn = glyph_sets([here])
        if drawn and self.answer is None:
            self.face = _largest(drawn)
            self.answer = send(made_for_page, drawn, {face: table[face] for face in drawn if face in table})


def ask(frames: Iterable[PageFrame], table: Mapping[str, FontFile],
        asked: dict[str, Callable[[list[int]], Elsewhere]]) -> None:
    """A program asked of another process, which ``asked[face]`` takes only if it is that face's for the very
    glyphs the pages draw (``_same``): the one asked for early (``Early``); else, when a process is kept, the
    program of the face of ``table`` that draws the most glyphs in ``frames`` (``made_for_page``, asked with
    those glyphs alone: ``layout.errands.errand``), unless a subset of those glyphs is kept already."""
    errands: Any = sys.modules.get("layout.errands")  # (not imported: no process could be kept)
    if errands is None:
        return
    early = errands.hook()
    if isinstance(early, Early) and early.answer is not None:
        asked[early.face], early.answer = partial(_same, early.answer, early.face), None
        return
    if not errands.kept():
        return
    from layout.render import subsets

    drawn = glyph_sets(frame.items for frame in frames)
    if not drawn:
        return
    face = _largest(drawn)
    resource = table.get(face)
    if resource is None or subsets.get(resource.key, sorted(drawn[face])) is not None:
        return
    answer = errands.errand(made_for_page, (), {face: drawn[face]}, {face: resource})
    if answer is not None:
        asked[face] = partial(_same, answer, face)


def _largest(drawn: Mapping[str, set[int]]) -> str:
    """The face that draws the most glyphs (of two as many, the first by name)."""
    return min(drawn, key=lambda name: (-len(drawn[name]), name))


def _same(answer: Callable[[], tuple[str, list[int], Elsewhere] | None], face: str, gids: list[int]) -> Elsewhere:
    """What the other process made (``made_for_page``), when it is ``face``'s program for ``gids``; else
    ``LookupError`` (``CIDFont.made`` then makes it here)."""
    made = answer()
    if made is None or made[0] != face or made[1] != gids:
        raise LookupError(f"the program made elsewhere is not {face}'s for the glyphs drawn")
    return made[2]


def _pictured(items: Sequence[object]) -> bool:
    """Whether ``items`` hold a picture (a photo, a headline's 题花): the document is then written through the
    canvas (``layout.render.pdfcanvas``), which takes no program made elsewhere."""
    return any(type(item) is ImageItem for item in items)


def glyph_sets(groups: Iterable[Iterable[object]]) -> dict[str, set[int]]:
    """The glyph ids each face draws in ``groups`` of items (a frame's, in the order the PDF writer draws
    them), .notdef (0) with each: the ids ``CIDFont.made`` will read from the CIDs the drawing hands out."""
    out: dict[str, set[int]] = {}
    for items in groups:
        for item in items:
            if type(item) is TextLine or type(item) is VerticalLine:
                glyphs = item.glyphs
                faces = set(map(_FACE, glyphs))
                if len(faces) == 1:  # (most lines: one face, its ids read in one go)
                    out.setdefault(faces.pop(), {0}).update(map(_GID, glyphs))
                else:
                    for face, gid in map(_FACE_GID, glyphs):
                        out.setdefault(face, {0}).add(gid)
    return out


def made_for_page(there: Sequence[object], here: Mapping[str, set[int]], table: Mapping[str, FontFile],
                  ) -> tuple[str, list[int], Elsewhere] | None:
    """In the process asked (early, ``Early``, or kept: ``ask``): the face that draws the most glyphs in the
    items it drew (``there``; none when kept) and those the asking process drew (``here``), its glyph ids, and
    its program (``made_elsewhere``); None when that face is not in ``table``, a subset of those glyphs is
    kept, or it drew a picture (a headline's 题花, ``_pictured``)."""
    from layout.render import subsets

    if _pictured(there):
        return None
    drawn = glyph_sets([there])
    for face, ids in here.items():
        drawn.setdefault(face, set()).update(ids)
    face = _largest(drawn)
    gids, resource = sorted(drawn[face]), table.get(face)
    if resource is None or subsets.get(resource.key, gids) is not None:
        return None
    return face, gids, made_elsewhere(str(resource.path), resource.key, gids)


def made_elsewhere(path: str, key: str, gids: list[int]) -> Elsewhere:
    """In the process asked: the subset program of the font file ``path`` holding ``gids`` (its glyphs
    kept and its stream object), as ``CIDFont._program`` makes it, and the file it read (``identity``: the
    asking process takes it only from the file it reads itself); ``FontError`` when the file is not the one
    with ``key`` (the font the page was laid out with)."""
    font = TrueTypeFile(Path(path))
    if font.key != key:
        raise FontError(f"{path}: the font file changed while rendering")
    return CIDFont("", "", font)._program(gids), font.identity()
