"""Ideographs (and Hangul and kana, which show a face's style as much) set in a fallback face of another
style than their role's (𰻞 in 宋体 from the Kai face), for the preparation's report (``prepare.Prepared.restyled``).

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


def _styled(ch: str) -> bool:
    """Whether a face's style shows in ``ch``: a Han ideograph, a Hangul syllable or jamo, or kana."""
    cp = ord(ch)
    return is_ideograph(ch) or 0xAC00 <= cp <= 0xD7A3 or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F \
        or 0x3040 <= cp <= 0x30FF


def _style(face_name: str) -> str:
    """The style family of a face by its name: Ming (宋: Banmian Serif SC and its extension
    face, HanaMin), sans (黑: Banmian Sans SC and its extension face), Kai (楷) or other."""
    if face_name.startswith(("BanmianSerif", "HanaMin")):
        return "ming"
    if face_name.startswith("BanmianSans"):
        return "sans"
    return "kai" if face_name.startswith("LXGWWenKai") else "other"


def _drawn_restyled(ch: str, face: str, runs: Iterable[tuple[str, TextStyle]], book: FontBook) -> bool:
    """Whether some run holding ``ch`` draws it from the face named ``face`` (its role's chain
    picks that face) and that face is of another style than the run's first face."""
    for text, style in runs:
        if ch in text:
            chain = book.chain(style.role)
            picked = chain.pick(ch)
            if picked is not None and picked.name == face and _style(face) != _style(chain.first.name):
                return True
    return False


def restyled(runs: list[tuple[str, TextStyle]], atoms: list[Atom], book: FontBook) -> list[tuple[str, str]]:
    """Ideographs drawn from a fallback face of another style than the first face of the run
    that holds them (𰀁 in 宋体 from the Kai face; in a 黑体 dateline of a 宋体 paragraph, a
    character only the Ming fallback has): reported, since the change of style shows in print."""
    firsts = {book.chain(style.role).first.name for _, style in runs}
    if firsts.issuperset(map(_face_name_of, atoms)):  # (most paragraphs: every glyph from a first face)
        return []
    out: list[tuple[str, str]] = []
    for a in atoms:
        if not (a.missing or not _styled(a.ch) or (a.ch, a.face.name) in out) and _drawn_restyled(
                a.ch, a.face.name, runs, book):
            out.append((a.ch, a.face.name))
    return out


def in_runs(lines: Iterable[SetLine], runs: list[tuple[str, TextStyle]],
            book: FontBook) -> list[tuple[str, str, str]]:
    """``in_lines`` for lines set from ``runs`` of several roles (a dateline in 粗黑 opening a
    宋体 paragraph): each ideograph is checked against the role of the run that holds it."""
    out: list[tuple[str, str, str]] = []
    for line in lines:
        for g in line.glyphs:
            if g.missing or not g.ch or not _styled(g.ch[0]) or any(ch == g.ch for ch, _, _ in out):
                continue
            if _drawn_restyled(g.ch[0], g.face, runs, book):
                out.append((g.ch, g.face, line.shown))
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
            if g.face in firsts or g.missing or not g.ch or not _styled(g.ch[0]) or _style(g.face) in wanted:
                continue
            if all(ch != g.ch for ch, _, _ in out):
                out.append((g.ch, g.face, line.shown))
    return out


def warn(found: Iterable[tuple[str, str, str]]) -> None:
    """Warn of the characters (ideograph, face, line) drawn in a face of another style, once for each face
    and line, naming the block being laid out (``fallback in another style: page 1, block 'a': 𠮷 U+20BB7 …``;
    a Korean word's syllables in one warning, not one each)."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for ch, face, line in found:
        grouped.setdefault((face, line), []).append(ch)
    for (face, line), chars in grouped.items():
        verb = "has no glyph in a face of its style" if len(chars) == 1 else "have no glyph in a face of their style"
        LOGGER.warning("fallback in another style: %s%s %s; drawn in %s (line '%s')", f"{where()}: " if where() else "",
                       ", ".join(map(describe, chars)), verb, face, line)
