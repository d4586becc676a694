"""The largest face's subset program made by another process while this one draws the pages.

In:  a document's frames and its fonts (``layout.render.pdf._Fonts``), before the pages are drawn.
Out: the face that draws the most glyphs, when no subset of those glyphs is kept (``subsets``), asked
     of the process ``layout.blockfork`` forked to set some of the page's stories, which the render
     command keeps waiting for one errand (``layout.errands``); the font's
     ``CIDFont.made`` takes that program when the pages drew the very glyphs asked for, else makes it
     here. Nothing is asked when no process is kept (a render in one process, a page set in one).

Why: on a fresh page the body face's program (its glyphs read, renumbered and compressed with zlib:
about 15 ms of the PDF stage's 27) depends only on the glyph ids the pages draw, which the frames hold
before anything is drawn, and the forked process has finished its stories and waits: it makes the
program while this one draws the pages (about 10 ms) and makes the other faces' programs. The bytes
are the same: the same function (``CIDFont._program``) on the same glyph ids of the same file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.errors import FontError
from layout.frame import PageFrame, TextLine, VerticalLine
from layout.render.cidfont import CIDFont, Elsewhere, TrueTypeFile

if TYPE_CHECKING:
    from layout.frame import FontFile

_FACE, _GID, _FACE_GID = attrgetter("face"), attrgetter("gid"), attrgetter("face", "gid")


def ask(frames: Iterable[PageFrame], table: Mapping[str, FontFile],
        asked: dict[str, tuple[list[int], Callable[[], Elsewhere]]]) -> None:
    """Ask the process kept (if any) for the program of the face of ``table`` that draws the most glyphs in
    ``frames``, unless a subset of those glyphs is kept already; ``asked[face]`` gets the glyph ids
    asked for and the function that waits for the program (``layout.errands.errand``)."""
    errands: Any = sys.modules.get("layout.errands")  # (not imported: no process could be kept)
    if errands is None or not errands.kept():
        return
    from layout.render import subsets

    drawn = glyph_sets(frames)
    if not drawn:
        return
    face = min(drawn, key=lambda name: (-len(drawn[name]), name))
    gids, resource = sorted(drawn[face]), table.get(face)
    if resource is None or subsets.get(resource.key, gids) is not None:
        return
    answer = errands.errand(made_elsewhere, str(resource.path), resource.key, gids)
    if answer is not None:
        asked[face] = (gids, answer)


def glyph_sets(frames: Iterable[PageFrame]) -> dict[str, set[int]]:
    """The glyph ids each face draws in ``frames`` (the lines the PDF writer draws), .notdef (0) with
    each: the ids ``CIDFont.made`` will read from the CIDs the drawing hands out."""
    out: dict[str, set[int]] = {}
    for frame in frames:
        for item in frame.items:
            if type(item) is TextLine or type(item) is VerticalLine:
                glyphs = item.glyphs
                faces = set(map(_FACE, glyphs))
                if len(faces) == 1:  # (most lines: one face, its ids read in one go)
                    out.setdefault(faces.pop(), {0}).update(map(_GID, glyphs))
                else:
                    for face, gid in map(_FACE_GID, glyphs):
                        out.setdefault(face, {0}).add(gid)
    return out


def made_elsewhere(path: str, key: str, gids: list[int]) -> Elsewhere:
    """In the process asked: the subset program of the font file ``path`` holding ``gids`` (its glyphs
    kept and its stream object), as ``CIDFont._program`` makes it, and the file it read (``identity``: the
    asking process takes it only from the file it reads itself); ``FontError`` when the file is not the one
    with ``key`` (the font the page was laid out with)."""
    font = TrueTypeFile(Path(path))
    if font.key != key:
        raise FontError(f"{path}: the font file changed while rendering")
    return CIDFont("", "", font)._program(gids), font.identity()
