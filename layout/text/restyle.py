"""Ideographs set in a fallback face of another style than their role's (𰻞 in 宋体 from the
Kai face), for the preparation's report (``prepare.Prepared.restyled``).

In:  a paragraph's runs, its atoms and the font book. Out: (ideograph, face name) pairs.
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from layout.text.script import is_ideograph

if TYPE_CHECKING:
    from layout.text.font import FontBook
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
