"""Font faces and role chains: metrics only, no drawing.

In:  font files (TrueType outlines) found in the font search path.
Out: ``Face`` (advances and punctuation ink boxes in font units) and
     ``FontBook.chain(role)`` → the faces to try, in order, for a role such as
     ``song`` (body), ``hei_bold`` (headlines) or ``kai`` (bylines, captions);
     the chains themselves are ``layout.text.roles``.

Metrics are read with fontTools once and cached as a pickle keyed by the file's
path and content (``layout.cache.font_key``), so a warm start does not parse the cmap.
"""

from __future__ import annotations

import logging
import os
import re
import struct
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from layout.cache import cache_file, font_facts, load, save
from layout.errors import FontError
from layout.frame import FontFile
from layout.logger import LOGGER, ONCE
from layout.text.codetable import CodeTable
from layout.text.punct import ALL as PUNCT_CHARS
from layout.text.roles import EMOJI, EXTENSION, ROLES, is_emoji
from layout.text.roles import REQUIRED as REQUIRED  # (re-exported)
from layout.text.script import describe, is_ideograph
from layout.text.sound import sound_metrics

#: Latin characters whose ink is read too (printable ASCII): a glyph's ink past its advance
#: box (the f of the Serif face, an underscore) is kept inside the column at a line's ends
#: (``prepare.make_atom``).
LATIN_INK = "".join(chr(cp) for cp in range(0x21, 0x7F))

REPO_FONTS = Path(__file__).resolve().parents[2] / "fonts"
#: Where ``banmian fonts`` builds when the package is not run from a checkout.
USER_FONTS = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "banmian" / "fonts"
SYSTEM_DIRS = (
    Path("/usr/share/fonts/truetype/lxgw-wenkai"),
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/hanazono"),  # fonts-hanazono: Ming fallback with Extensions A–F
    Path("/usr/share/fonts/truetype/ancient-scripts"),  # fonts-symbola: monochrome emoji
)

#: An advance wider than this many em is a damaged hmtx table, not a glyph (the widest real
#: ones, ⸻ and a few ligatures, are about 3 em): such a font is refused, never set.
MAX_ADVANCE_EM = 8


_dict_has, _dict_get = dict.__contains__, dict.get


@dataclass(frozen=True)
class Face:
    """One font file's metrics. Units are font units (``upem`` per em)."""

    name: str
    path: Path
    upem: int
    advances: dict[int, int]  # code point → horizontal advance
    gids: dict[int, int]  # code point → glyph id
    ink: dict[int, tuple[int, int]]  # punctuation, ASCII letter and digit code point → (xMin, xMax)
    ascender: int  # OS/2 typo ascender: top of the ideographic em box
    descender: int
    notdef: int = 1000  # advance of glyph 0, drawn for a character no face has
    vert: dict[int, int] = field(default_factory=dict)  # code point → glyph id of its vertical form (vert/vrt2)
    key: str = ""  # content key of the file the metrics come from (layout.cache.font_key)
    uvs: dict[tuple[int, int], int] = field(default_factory=dict)  # (base, selector) → glyph id (cmap format 14)

    def has(self, ch: str) -> bool:
        """Whether the face maps ``ch`` to a glyph."""
        cp = ord(ch)
        return _dict_has(self.advances, cp) or cp in self.advances  # a CodeTable: the dict first

    def gid(self, ch: str) -> int:
        """Glyph id of ``ch`` (0, .notdef, if the face lacks it). A cluster (a character
        followed by a variation selector, joiner or modifier) is drawn by the face's
        variant glyph when it has one, else by its first character's glyph."""
        if len(ch) > 1:
            variant = self.uvs.get((ord(ch[0]), ord(ch[1])))
            return variant if variant is not None else self.gid(ch[0])
        cp = ord(ch)
        gid = _dict_get(self.gids, cp)
        return self.gids.get(cp, 0) if gid is None else gid

    def has_variant(self, pair: str) -> bool:
        """Whether the face has a glyph of its own for a variation sequence (base + selector)."""
        return (ord(pair[0]), ord(pair[1])) in self.uvs

    def vert_gid(self, ch: str) -> int | None:
        """Glyph id of the vertical form of ``ch`` (from GSUB vert/vrt2), or None if it has none."""
        return self.vert.get(ord(ch))

    def advance_em(self, ch: str) -> float:
        """Advance of ``ch`` in em."""
        return self.advances[ord(ch)] / self.upem

    def ink_em(self, ch: str) -> tuple[float, float] | None:
        """Ink extent (left, right) of a punctuation mark or an ASCII letter or digit in em, if known."""
        box = self.ink.get(ord(ch))
        return None if box is None else (box[0] / self.upem, box[1] / self.upem)


def search_path() -> list[Path]:
    """Directories searched for fonts: $BANMIAN_FONT_PATH, the checkout's fonts/, the
    user's data folder (~/.local/share/banmian/fonts), then the system font dirs."""
    extra = [Path(p) for p in os.environ.get("BANMIAN_FONT_PATH", "").split(os.pathsep) if p]
    return [*extra, REPO_FONTS, USER_FONTS, *SYSTEM_DIRS]


#: A font is named by its file stem: letters, digits, space, ``- _ . +``; never a path.
FONT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.+-]{0,99}")


def is_font_name(stem: str) -> bool:
    """Whether ``stem`` is a font name (DejaVuSerif), not a path (/etc/x, ../x, a/b) or empty."""
    return bool(FONT_NAME.fullmatch(stem)) and ".." not in stem


def find_font(stem: str) -> Path | None:
    """The first ``<stem>.ttf`` in the search path (None for a stem that is not a font name)."""
    if not is_font_name(stem):
        return None
    for folder in search_path():
        candidate = folder / f"{stem}.ttf"
        if candidate.is_file():
            return candidate
    return None


def _read_metrics(name: str, path: Path) -> Face:
    """Parse a font's cmap, advances and punctuation ink with fontTools."""
    from fontTools.ttLib import TTFont, TTLibError

    quiet = logging.getLogger("fontTools")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # a damaged table's warnings become the one FontError below, not raw lines
    try:
        with path.open("rb") as handle, TTFont(handle, lazy=True) as font:
            return _extract(name, path, font)
    except (TTLibError, KeyError, OSError, AssertionError, ValueError, struct.error, IndexError, TypeError,
            AttributeError, EOFError, RecursionError) as exc:  # what fontTools raises on damaged tables
        kind = "damaged table data" if isinstance(exc, struct.error) else exc.__class__.__name__
        raise FontError(f"{path}: cannot read the font ({kind}: {exc})") from None
    finally:
        quiet.setLevel(level)


def _extract(name: str, path: Path, font: Any) -> Face:
    """Metrics out of an open fontTools font."""
    cmap = font.getBestCmap()
    hmtx = font["hmtx"].metrics
    glyf = font.get("glyf")
    if glyf is None:
        raise FontError(f"{path}: PostScript (CFF) outlines cannot be embedded; run 'banmian fonts build'")
    advances = {cp: hmtx[g][0] for cp, g in cmap.items()}
    upem = font["head"].unitsPerEm
    widest = max(advances.items(), key=lambda item: item[1], default=(0, 0))
    if not 16 <= upem <= 16384 or widest[1] > MAX_ADVANCE_EM * upem:
        raise FontError(f"{path}: cannot read the font (damaged metrics: U+{widest[0]:04X} is "
                        f"{widest[1] / max(upem, 1):.0f} em wide, units per em {upem})")
    gids = {cp: font.getGlyphID(g) for cp, g in cmap.items()}
    ink: dict[int, tuple[int, int]] = {}
    for ch in PUNCT_CHARS + LATIN_INK:
        glyph_name = cmap.get(ord(ch))
        if glyph_name is None:
            continue
        glyph = glyf[glyph_name]
        if getattr(glyph, "numberOfContours", 0):
            ink[ord(ch)] = (glyph.xMin, glyph.xMax)
    os2 = font["OS/2"]
    return Face(name=name, path=path, upem=upem, advances=advances, gids=gids, ink=ink,
                ascender=os2.sTypoAscender, descender=os2.sTypoDescender, notdef=hmtx[font.getGlyphOrder()[0]][0],
                vert=_vertical_forms(font, cmap), uvs=_variation_sequences(font))


def _variation_sequences(font: Any) -> dict[tuple[int, int], int]:
    """(base, selector) → glyph id from the cmap's format 14 subtable (Unicode variation
    sequences, e.g. ideographic IVS); a sequence mapped to the default glyph maps to it."""
    out: dict[tuple[int, int], int] = {}
    cmap = font.getBestCmap()
    for sub in font["cmap"].tables:
        if sub.format != 14:
            continue
        for selector, pairs in sub.uvsDict.items():
            for base, name in pairs:
                glyph = name if name is not None else cmap.get(base)
                if glyph is not None:
                    out[(base, selector)] = font.getGlyphID(glyph)
    return out


def _vertical_forms(font: Any, cmap: dict[int, str]) -> dict[int, int]:
    """Code point → glyph id of its vertical form: the single substitutions of the GSUB
    features ``vert`` and ``vrt2`` of the Han script's default language (Simplified
    Chinese forms; DFLT when the font has no ``hani`` script). Empty without GSUB."""
    if "GSUB" not in font:
        return {}
    table = font["GSUB"].table
    if not table.ScriptList or not table.FeatureList or not table.LookupList:
        return {}
    scripts = {rec.ScriptTag: rec.Script for rec in table.ScriptList.ScriptRecord}
    script = scripts.get("hani") or scripts.get("DFLT")
    langsys = script.DefaultLangSys if script is not None else None
    records = table.FeatureList.FeatureRecord
    indices = list(langsys.FeatureIndex) if langsys is not None else range(len(records))
    lookups: list[int] = []
    for tag in ("vert", "vrt2"):
        for i in indices:
            if records[i].FeatureTag == tag:
                lookups.extend(k for k in records[i].Feature.LookupListIndex if k not in lookups)
    mapping: dict[str, str] = {}
    for k in lookups:
        lookup = table.LookupList.Lookup[k]
        for sub in lookup.SubTable:
            if lookup.LookupType == 7:  # extension: the real subtable is inside
                sub = sub.ExtSubTable
            for source, target in getattr(sub, "mapping", {}).items():
                mapping.setdefault(source, target)
    return {cp: font.getGlyphID(mapping[g]) for cp, g in cmap.items() if g in mapping}


def _pack(face: Face) -> tuple[Any, ...]:
    """A face as the cache stores it: code points (sorted), advances and glyph ids as three
    arrays of machine integers, read back into ``CodeTable``s without building dicts."""
    points = array("I", sorted(face.advances))
    advances = array("I", (face.advances[p] for p in points))
    gids = array("I", (face.gids[p] for p in points))
    return (face.name, str(face.path), face.upem, points.tobytes(), advances.tobytes(), gids.tobytes(), face.ink,
            face.ascender, face.descender, face.notdef, face.vert, face.key, face.uvs)


def _unpack(data: Any, path: Path, key: str, glyphs: int) -> Face | None:
    """The face of a cached tuple (``_pack``); None when it is not one for ``path`` with
    content ``key`` or its values are not a font's with ``glyphs`` glyphs (``layout.text.sound``)."""
    if not isinstance(data, tuple) or len(data) != 13 or data[1] != str(path) or data[11] != key:
        return None
    name, _, upem, points, advances, gids, ink, ascender, descender, notdef, vert, _, uvs = data
    if not (type(points) is type(advances) is type(gids) is bytes and array("I").itemsize == 4 and sound_metrics(
            upem, (points, advances, gids), (ink, vert, uvs), (ascender, descender, notdef), glyphs, MAX_ADVANCE_EM)):
        return None
    points, advances, gids = array("I", points), array("I", advances), array("I", gids)
    widths, glyph_ids = CodeTable(points, advances), CodeTable(points, gids)
    widths.sibling, glyph_ids.sibling = glyph_ids, widths
    return Face(name=name, path=path, upem=upem, advances=widths, gids=glyph_ids,
                ink=ink, ascender=ascender, descender=descender, notdef=notdef, vert=vert, key=key, uvs=uvs)


def load_face(name: str, path: Path) -> Face:
    """Metrics of a font file, from the cache when it is current and sound."""
    try:
        key, glyphs = font_facts(path)
    except OSError as exc:
        raise FontError(f"{path}: cannot read the font ({exc.strerror})") from None
    cache = cache_file(path, "metrics", key)
    face = _unpack(load(cache), path, key, glyphs)
    if face is not None:
        return face
    face = replace(_read_metrics(name, path), key=key)
    save(cache, _pack(face))
    return face


#: The most entries ``FontBook.memo`` keeps.
MEMO_LIMIT = 100_000


class FontBook:
    """Faces by name and role chains; faces load on first use."""

    def __init__(self, roles: dict[str, tuple[str, ...]] | None = None) -> None:
        self.roles = roles or ROLES
        self._faces: dict[str, Face | None] = {}
        self._checked: set[str] = set()  # roles whose first face was checked for Chinese
        self._absent: set[str] = set()  # optional faces found missing when a character needed one
        self._memo: dict[Any, dict[Any, Any]] = {}

    def memo(self, key: Any) -> dict[Any, Any]:
        """A dictionary kept with the book under ``key``, for values computed from its faces
        alone (the text engine keeps measured characters here); all are dropped when they
        hold more than ``MEMO_LIMIT`` entries together, so a long-running preview stays small."""
        table = self._memo.get(key)
        if table is None:
            if sum(map(len, self._memo.values())) > MEMO_LIMIT:
                self._memo.clear()
            table = self._memo[key] = {}
        return table

    def face(self, name: str) -> Face | None:
        """The face ``name`` (``None`` if no file of that name is installed)."""
        if name not in self._faces:
            path = find_font(name)
            self._faces[name] = load_face(name, path) if path else None
        return self._faces[name]

    def absent(self, name: str, ch: str) -> None:
        """Warn, once per face, that the optional face ``name`` is not installed although ``ch``
        (the first character that needed it) would have come from it."""
        if name not in self._absent:
            self._absent.add(name)
            LOGGER.warning("font %s.ttf not installed: %s and other characters the main faces lack are drawn "
                           "from a later fallback (run `banmian fonts`)", name, describe(ch),
                           extra={ONCE: f"absent {name}"})

    def told(self) -> tuple[set[str], set[str]]:
        """What this book will not warn of again: the optional faces found missing (``absent``) and the roles
        whose first face was checked for Chinese, warned of or not (``chain``); a forked process hands them back."""
        return set(self._absent), set(self._checked)

    def heard(self, told: tuple[set[str], set[str]]) -> None:
        """Another process's ``told`` as this book's own: it does not warn of those again."""
        self._absent.update(told[0])
        self._checked.update(told[1])

    def chain(self, role: str) -> FaceChain:
        """The faces of a role; FontError if its first face is not installed."""
        names = self.roles[role]
        first = self.face(names[0])
        if first is None:
            raise FontError(f"font {names[0]}.ttf for role {role!r} not found in "
                            f"{', '.join(map(str, search_path()))}; run `bash install.sh` in the checkout "
                            "(or `banmian fonts` to build the fonts alone)")
        if role not in self._checked:
            self._checked.add(role)
            _warn_without_han(role, first, names[1:])
        return FaceChain(self, first, names[1:])

    def resources(self, names: Iterable[str] = ()) -> dict[str, FontFile]:
        """The font resource of every face loaded so far and of the faces ``names`` (loaded
        now if need be), by name: the plain-data table the back ends draw a document with
        (call it after layout, or name the faces of a frame built by hand)."""
        for name in names:
            self.face(name)
        return {f.name: FontFile(f.name, f.path, f.key) for f in self._faces.values() if f}

    def used_faces(self) -> list[Face]:
        """Faces loaded so far, sorted by name."""
        return sorted((f for f in self._faces.values() if f), key=lambda f: f.name)


def _warn_without_han(role: str, first: Face, fallbacks: tuple[str, ...]) -> None:
    """Warn when a role's first face has no Chinese characters at all (a Latin-only font
    installed under a Chinese face's name): every Han character then comes from a fallback
    face of another style, a substitution the editor must hear about."""
    table = first.advances
    if table.any_in(0x4E00, 0x9FFF) if isinstance(table, CodeTable) else any(0x4E00 <= cp <= 0x9FFF for cp in table):
        return
    LOGGER.warning("font %s for role %r has no Chinese characters; Chinese text falls back to %s",
                   first.path, role, " or ".join(f"{n}.ttf" for n in fallbacks) or "nothing (drawn as boxes)",
                   extra={ONCE: f"no Chinese {role} {first.path}"})


class FaceChain:
    """A role's first face plus fallbacks, which load only when a character needs one."""

    def __init__(self, book: FontBook, first: Face, fallbacks: tuple[str, ...]) -> None:
        self.book, self.first, self.fallbacks = book, first, fallbacks

    def pick(self, ch: str) -> Face | None:
        """The first face of the chain that has ``ch`` (None if none has); an emoji comes from the
        chain's emoji face (``roles.EMOJI``) when that has it, so all are drawn in one design."""
        if is_emoji(ch) and EMOJI in self.fallbacks:
            face = self.book.face(EMOJI)
            if face is not None and face.has(ch):
                return face
        if self.first.has(ch):
            return self.first
        for name in self.fallbacks:
            face = self.book.face(name)
            if face is not None and face.has(ch):
                return face
            if face is None and name in EXTENSION and is_ideograph(ch):
                self.book.absent(name, ch)
        return None

    def covers(self, ch: str) -> bool:
        """Whether some face of the chain has ``ch``."""
        return self.pick(ch) is not None


@lru_cache(maxsize=1)
def default_book() -> FontBook:
    """The process-wide font book (metrics are immutable, so sharing is safe)."""
    return FontBook()
