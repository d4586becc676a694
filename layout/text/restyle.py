"""Ideographs set in a fallback face of another style than their role's (𰻞 in 宋体 from the
Kai face), for the preparation's report (``prepare.Prepared.restyled``).

In:  a paragraph's runs, its atoms and the font book. Out: (ideograph, face name) pairs; or the
set lines of display text (a headline, a cross-head) and their role: (ideograph, face, line shown)
triples, which ``warn`` reports as body paragraphs' are.
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from layout.logger import LOGGER, where
from layout.text.script import describe, is_ideograph

if TYPE_CHECKING:
    from collections.abc import Iterable

    from layout.text.font import FontBook
    from layout.text.line import SetLine
    from layout.text.prepare import Atom, TextStyle

_face_name_of = attrgetter("face.name")


def _style(face_name: str) -> str:
    """The style family of a face by its name: Ming (宋), sans (黑), Kai (楷) or other."""
    if face_name.startswith(("BanmianSerif", "HanaMin")):
        return "ming"
    if face_name.startswith("BanmianSans"):
        return "sans"
    return "kai" if face_name.startswith("LXGWWenKai") else "other"


def restyled(runs: list[tuple[str, TextStyle]], atoms: list[Atom], book: FontBook) -> list[tuple[str, str]]:
    """Ideographs drawn from a fallback face of another style than their role's first face
    (𰻞 in 宋体 from the Kai face): reported, since the change of style shows in print."""
    firsts = {book.chain(style.role).first.name for _, style in runs}
    if firsts.issuperset(map(_face_name_of, atoms)):  # (most paragraphs: every glyph from a first face)
        return []
    wanted = {_style(name) for name in firsts}
    out: list[tuple[str, str]] = []
    for a in atoms:
        if a.face.name in firsts or a.missing or not is_ideograph(a.ch):
            continue
        if _style(a.face.name) not in wanted and (a.ch, a.face.name) not in out:
            out.append((a.ch, a.face.name))
    return out


def in_lines(lines: Iterable[SetLine], roles: Iterable[str], book: FontBook) -> list[tuple[str, str, str]]:
    """Ideographs of set display lines (a headline in ``hei_bold``, a caption) drawn from a face
    of another style than the first faces of ``roles``: (ideograph, face name, the line shown),
    each once."""
    firsts = {book.chain(role).first.name for role in roles}
    wanted = {_style(name) for name in firsts}
    out: list[tuple[str, str, str]] = []
    for line in lines:
        for g in line.glyphs:
            if g.face in firsts or g.missing or not g.ch or not is_ideograph(g.ch[0]) or _style(g.face) in wanted:
                continue
            if all(ch != g.ch for ch, _, _ in out):
                out.append((g.ch, g.face, line.shown))
    return out


def warn(found: Iterable[tuple[str, str, str]]) -> None:
    """Warn of each (ideograph, face, line) drawn in a face of another style, naming the block
    being laid out (``fallback in another style: page 1, block 'a': 𠮷 U+20BB7 …``)."""
    for ch, face, line in found:
        LOGGER.warning("fallback in another style: %s%s has no glyph in a face of its style; drawn in %s "
                       "(line '%s')", f"{where()}: " if where() else "", describe(ch), face, line)
