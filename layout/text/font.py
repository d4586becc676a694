"""Font faces and role chains: metrics only, no drawing.

In:  font files (TrueType outlines) found in the font search path.
Out: ``Face`` (advances and punctuation ink boxes in font units) and
     ``FontBook.chain(role)`` → the faces to try, in order, for a role such as
     ``song`` (body), ``hei_bold`` (headlines) or ``kai`` (bylines, captions).

Metrics are read with fontTools once and cached as a pickle keyed by the file's
path, size and modification time, so a warm start does not parse the cmap.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from layout.cache import cache_file, load, save
from layout.errors import FontError
from layout.text.punct import ALL as PUNCT_CHARS

REPO_FONTS = Path(__file__).resolve().parents[2] / "fonts"
#: Where ``banmian fonts`` builds when the package is not run from a checkout.
USER_FONTS = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "banmian" / "fonts"
SYSTEM_DIRS = (
    Path("/usr/share/fonts/truetype/lxgw-wenkai"),
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/hanazono"),  # fonts-hanazono: Ming fallback with Extensions A–F
    Path("/usr/share/fonts/truetype/ancient-scripts"),  # fonts-symbola: monochrome emoji
)

#: Role → face file stems, first choice first. The later faces are fallbacks
#: for characters the first lacks.
#: A character the role's own faces lack comes, where possible, from a face of the
#: same style: Ming (宋) roles from HanaMin (Extensions A–F), sans roles from the other
#: sans weight; the emoji face (Symbola, monochrome) is the last resort of every role.
_MING = ("HanaMinA", "HanaMinB")
_EMOJI = "Symbola_hint"
ROLES: dict[str, tuple[str, ...]] = {
    "song": ("BanmianSerifSC-Regular", *_MING, "BanmianSansSC-Regular", "LXGWWenKai-Regular", "DejaVuSans",
             _EMOJI),
    "song_bold": ("BanmianSerifSC-Bold", "BanmianSerifSC-Regular", *_MING, "BanmianSansSC-Bold", "DejaVuSans-Bold",
                  _EMOJI),
    "hei": ("BanmianSansSC-Regular", "BanmianSansSC-Bold", "DejaVuSans", "BanmianSerifSC-Regular", "LXGWWenKai-Regular",
            *_MING, _EMOJI),
    "hei_bold": ("BanmianSansSC-Bold", "BanmianSansSC-Regular", "DejaVuSans-Bold", "BanmianSerifSC-Bold", *_MING,
                 _EMOJI),
    "kai": ("LXGWWenKai-Regular", "BanmianSerifSC-Regular", "BanmianSansSC-Regular", *_MING, "DejaVuSans", _EMOJI),
}
#: The faces a role cannot do without (the rest are optional fallbacks).
REQUIRED = ("BanmianSerifSC-Regular", "BanmianSerifSC-Bold", "BanmianSansSC-Regular",
            "BanmianSansSC-Bold", "LXGWWenKai-Regular")


@dataclass(frozen=True)
class Face:
    """One font file's metrics. Units are font units (``upem`` per em)."""

    name: str
    path: Path
    upem: int
    advances: dict[int, int]  # code point → horizontal advance
    gids: dict[int, int]  # code point → glyph id
    ink: dict[int, tuple[int, int]]  # punctuation code point → (xMin, xMax)
    ascender: int  # OS/2 typo ascender: top of the ideographic em box
    descender: int
    notdef: int = 1000  # advance of glyph 0, drawn for a character no face has
    vert: dict[int, int] = field(default_factory=dict)  # code point → glyph id of its vertical form (vert/vrt2)
    uvs: dict[tuple[int, int], int] = field(default_factory=dict)  # (base, selector) → glyph id (cmap format 14)

    def has(self, ch: str) -> bool:
        """Whether the face maps ``ch`` to a glyph."""
        return ord(ch) in self.advances

    def gid(self, ch: str) -> int:
        """Glyph id of ``ch`` (0, .notdef, if the face lacks it). A cluster (a character
        followed by a variation selector, joiner or modifier) is drawn by the face's
        variant glyph when it has one, else by its first character's glyph."""
        if len(ch) > 1:
            variant = getattr(self, "uvs", {}).get((ord(ch[0]), ord(ch[1])))
            return variant if variant is not None else self.gids.get(ord(ch[0]), 0)
        return self.gids.get(ord(ch), 0)

    def has_variant(self, pair: str) -> bool:
        """Whether the face has a glyph of its own for a variation sequence (base + selector)."""
        return (ord(pair[0]), ord(pair[1])) in getattr(self, "uvs", {})

    def vert_gid(self, ch: str) -> int | None:
        """Glyph id of the vertical form of ``ch`` (from GSUB vert/vrt2), or None if it has none."""
        return self.vert.get(ord(ch))

    def advance_em(self, ch: str) -> float:
        """Advance of ``ch`` in em."""
        return self.advances[ord(ch)] / self.upem

    def ink_em(self, ch: str) -> tuple[float, float] | None:
        """Ink extent (left, right) of a punctuation mark in em, if known."""
        box = self.ink.get(ord(ch))
        return None if box is None else (box[0] / self.upem, box[1] / self.upem)


def search_path() -> list[Path]:
    """Directories searched for fonts: $BANMIAN_FONT_PATH, the checkout's fonts/, the
    user's data folder (~/.local/share/banmian/fonts), then the system font dirs."""
    extra = [Path(p) for p in os.environ.get("BANMIAN_FONT_PATH", "").split(os.pathsep) if p]
    return [*extra, REPO_FONTS, USER_FONTS, *SYSTEM_DIRS]


def find_font(stem: str) -> Path | None:
    """The first ``<stem>.ttf`` in the search path."""
    for folder in search_path():
        candidate = folder / f"{stem}.ttf"
        if candidate.is_file():
            return candidate
    return None


def _read_metrics(name: str, path: Path) -> Face:
    """Parse a font's cmap, advances and punctuation ink with fontTools."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with path.open("rb") as handle, TTFont(handle, lazy=True) as font:
            return _extract(name, path, font)
    except (TTLibError, KeyError, OSError, AssertionError, ValueError) as exc:
        raise FontError(f"{path}: cannot read the font ({exc.__class__.__name__}: {exc})") from None


def _extract(name: str, path: Path, font: Any) -> Face:
    """Metrics out of an open fontTools font."""
    cmap = font.getBestCmap()
    hmtx = font["hmtx"].metrics
    glyf = font.get("glyf")
    if glyf is None:
        raise FontError(f"{path}: PostScript (CFF) outlines cannot be embedded; run 'banmian fonts build'")
    advances = {cp: hmtx[g][0] for cp, g in cmap.items()}
    gids = {cp: font.getGlyphID(g) for cp, g in cmap.items()}
    ink: dict[int, tuple[int, int]] = {}
    for ch in PUNCT_CHARS:
        glyph_name = cmap.get(ord(ch))
        if glyph_name is None:
            continue
        glyph = glyf[glyph_name]
        if getattr(glyph, "numberOfContours", 0):
            ink[ord(ch)] = (glyph.xMin, glyph.xMax)
    os2 = font["OS/2"]
    return Face(name=name, path=path, upem=font["head"].unitsPerEm, advances=advances, gids=gids, ink=ink,
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


def load_face(name: str, path: Path) -> Face:
    """Metrics of a font file, from the cache when it is current."""
    cache = cache_file(path, "metrics")
    face = load(cache)
    if isinstance(face, Face) and face.path == path:
        return face
    face = _read_metrics(name, path)
    save(cache, face)
    return face


class FontBook:
    """Faces by name and role chains; faces load on first use."""

    def __init__(self, roles: dict[str, tuple[str, ...]] | None = None) -> None:
        self.roles = roles or ROLES
        self._faces: dict[str, Face | None] = {}

    def face(self, name: str) -> Face | None:
        """The face ``name`` (``None`` if no file of that name is installed)."""
        if name not in self._faces:
            path = find_font(name)
            self._faces[name] = load_face(name, path) if path else None
        return self._faces[name]

    def chain(self, role: str) -> FaceChain:
        """The faces of a role; FontError if its first face is not installed."""
        names = self.roles[role]
        first = self.face(names[0])
        if first is None:
            raise FontError(f"font {names[0]}.ttf for role {role!r} not found in "
                            f"{', '.join(map(str, search_path()))}; run the install command in README.md")
        return FaceChain(self, first, names[1:])

    def used_faces(self) -> list[Face]:
        """Faces loaded so far, sorted by name."""
        return sorted((f for f in self._faces.values() if f), key=lambda f: f.name)


class FaceChain:
    """A role's first face plus fallbacks, which load only when a character needs one."""

    def __init__(self, book: FontBook, first: Face, fallbacks: tuple[str, ...]) -> None:
        self.book, self.first, self.fallbacks = book, first, fallbacks

    def pick(self, ch: str) -> Face | None:
        """The first face of the chain that has ``ch`` (None if none has)."""
        if self.first.has(ch):
            return self.first
        for name in self.fallbacks:
            face = self.book.face(name)
            if face is not None and face.has(ch):
                return face
        return None

    def covers(self, ch: str) -> bool:
        """Whether some face of the chain has ``ch``."""
        return self.pick(ch) is not None


@lru_cache(maxsize=1)
def default_book() -> FontBook:
    """The process-wide font book (metrics are immutable, so sharing is safe)."""
    return FontBook()
