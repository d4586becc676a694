"""Build the TrueType-outline CJK fonts Banmian embeds.

In:  the Noto CJK ``.ttc`` collections of Debian's ``fonts-noto-cjk`` package
     (CFF outlines, which reportlab cannot embed).
Out: ``fonts/<Name>.ttf`` per role, TrueType outlines, cut to the GBK
     repertoire plus the punctuation and symbol blocks a newspaper uses, with
     the OpenType features the engine and later vertical setting need; and per
     role an extension face (``<Name>Ext``, e.g. ``BanmianSansSCExt-Bold``) with
     the CJK ideographs, compatibility ideographs, radicals and strokes of the
     same source that the main face leaves out (Extension A, B…), which the role
     chains try before any face of another style.

Each face is selected by its family name (the SC face), subset with fontTools,
converted from cubic CFF to quadratic ``glyf`` outlines with cu2qu (the method
of fontTools' ``Snippets/otf2ttf.py``), renamed (an OFL Modified Version) and
saved deterministically. A JSON stamp beside each file records the source
checksum and build parameters, so a second run with the same inputs is a no-op.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from layout.workers import start_worker, stop_pool

#: Where Debian's fonts-noto-cjk puts the collections and their licence.
NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
LICENSE = Path("/usr/share/doc/fonts-noto-cjk/copyright")

#: OpenType features kept (stack notes §2: vertical forms, halving, kerning, fwid).
FEATURES = ["vert", "vrt2", "halt", "vhal", "palt", "vpal", "kern", "vkrn", "ccmp", "fwid"]

#: Unicode blocks kept besides GBK: Latin, general punctuation, letterlike and
#: number forms, enclosed alphanumerics, CJK symbols, kana, enclosed CJK,
#: vertical and small forms, full-width forms, two-em dash.
EXTRA_RANGES = [
    (0x0020, 0x024F), (0x2000, 0x2BFF), (0x2E00, 0x2E7F), (0x3000, 0x30FF),
    (0x3200, 0x33FF), (0xFE10, 0xFE6F), (0xFF00, 0xFFEF),
]

#: Blocks an extension face takes from its source (what the main face lacks of them): CJK
#: radicals (supplement, Kangxi), ideographic description characters, strokes, Extension A,
#: the unified ideographs, compatibility ideographs, Extensions B–F and the compatibility
#: supplement (plane 2), Extensions G–H (plane 3).
EXT_RANGES = [
    (0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0x2FF0, 0x2FFF), (0x31C0, 0x31EF), (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F), (0x30000, 0x323AF),
]

BUILD_VERSION = 1


@dataclass(frozen=True)
class FontJob:
    """One face to build: source collection, family to pick, output name."""

    source: str
    family: str
    out_name: str
    style: str
    part: str = "main"  # "main": GBK and the EXTRA_RANGES; "ext": what the main face lacks of EXT_RANGES


JOBS = [
    FontJob("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "BanmianSerifSC-Regular", "Regular"),
    FontJob("NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC", "BanmianSerifSC-Bold", "Bold"),
    FontJob("NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "BanmianSansSC-Regular", "Regular"),
    FontJob("NotoSansCJK-Bold.ttc", "Noto Sans CJK SC", "BanmianSansSC-Bold", "Bold"),
]
#: The extension faces: same sources and conversion, the ideographs the main faces leave out.
EXT_JOBS = [FontJob(job.source, job.family, job.out_name.replace("SC-", "SCExt-"), job.style, "ext")
            for job in JOBS]


def repertoire() -> list[int]:
    """Code points to keep: every BMP character GBK encodes, plus EXTRA_RANGES."""
    keep: set[int] = set()
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp < 0xF900:  # surrogates and private use
            continue
        try:
            chr(cp).encode("gbk")
        except UnicodeEncodeError:
            continue
        keep.add(cp)
    for lo, hi in EXTRA_RANGES:
        keep.update(range(lo, hi + 1))
    return sorted(keep)


def ext_repertoire(cmap: Iterable[int]) -> list[int]:
    """Code points of an extension face: those of the source ``cmap`` in EXT_RANGES that the
    main face's ``repertoire`` leaves out."""
    main = set(repertoire())
    return sorted(cp for cp in cmap if cp not in main and any(lo <= cp <= hi for lo, hi in EXT_RANGES))


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def face_index(collection: Path, family: str) -> int:
    """Index of the face whose family name (nameID 1) is ``family``."""
    from fontTools.ttLib import TTCollection

    ttc = TTCollection(str(collection), lazy=True)
    for index, font in enumerate(ttc.fonts):
        if font["name"].getDebugName(1) == family:
            return index
    raise ValueError(f"{collection}: no face named {family!r}")


def _to_quadratic(font: object) -> None:
    """Replace the CFF table of ``font`` by glyf/loca (cu2qu, max_err 1 unit)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()  # type: ignore[attr-defined]
    glyph_set = font.getGlyphSet()  # type: ignore[attr-defined]
    vorg = font.get("VORG")  # type: ignore[attr-defined]
    quad = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        quad[name] = pen.glyph()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = quad
    font["loca"] = newTable("loca")  # type: ignore[index]
    font["glyf"] = glyf  # type: ignore[index]
    del font["CFF "]  # type: ignore[attr-defined]
    glyf.compile(font)
    hmtx = font["hmtx"]  # type: ignore[index]
    for name, glyph in quad.items():
        advance, _ = hmtx[name]
        hmtx[name] = (advance, glyph.xMin if glyph.numberOfContours else 0)
    if vorg is not None and "vmtx" in font:  # type: ignore[operator]
        vmtx = font["vmtx"]  # type: ignore[index]
        for name, glyph in quad.items():
            vadv, _ = vmtx[name]
            origin = vorg.VOriginRecords.get(name, vorg.defaultVertOriginY)
            vmtx[name] = (vadv, origin - glyph.yMax if glyph.numberOfContours else 0)
        del font["VORG"]  # type: ignore[attr-defined]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    font["maxp"] = maxp  # type: ignore[index]
    post = font["post"]  # type: ignore[index]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font["head"].glyphDataFormat = 0  # type: ignore[index]
    font.sfntVersion = "\x00\x01\x00\x00"  # type: ignore[attr-defined]


def _rename(font: object, job: FontJob) -> None:
    """Give the modified font its own names (OFL: a Modified Version is renamed)."""
    family = job.out_name.split("-")[0].replace("Banmian", "Banmian ")
    full = f"{family} {job.style}"
    postscript = job.out_name
    name = font["name"]  # type: ignore[index]
    keep = {0, 7, 8, 9, 11, 12, 13, 14}  # copyright, trademark, vendor, licence
    name.names = [rec for rec in name.names if rec.nameID in keep]
    for name_id, value in ((1, family), (2, job.style), (3, f"{postscript};{BUILD_VERSION}"),
                           (4, full), (5, f"Version {BUILD_VERSION}; converted from {job.family}"),
                           (6, postscript)):
        name.setName(value, name_id, 3, 1, 0x409)


def build_one(job: FontJob, out_dir: Path, source_dir: Path = NOTO_DIR) -> Path:
    """Build one face unless its stamp says it is current; return the TTF path."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    source = source_dir / job.source
    out = out_dir / f"{job.out_name}.ttf"
    stamp_path = out.with_suffix(".json")
    source_sum = sha256(source)
    stamp = {"source": job.source, "source_sha256": source_sum, "family": job.family,
             "features": FEATURES, "build_version": BUILD_VERSION}
    if job.part != "main":  # (the main faces' stamps stay as they were, so they are not rebuilt)
        stamp["part"] = job.part
    if out.exists() and stamp_path.exists():
        old = json.loads(stamp_path.read_text())
        if {k: old.get(k) for k in stamp} == stamp:
            return out
    font = TTFont(str(source), fontNumber=face_index(source, job.family), recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = FEATURES
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=repertoire() if job.part == "main" else ext_repertoire(font.getBestCmap()))
    subsetter.subset(font)
    _to_quadratic(font)
    _rename(font, job)
    tmp = out.with_suffix(".tmp")
    try:
        font.save(str(tmp), reorderTables=True)
        tmp.replace(out)
    except BaseException:  # an error, Ctrl-C or SIGTERM: no half-written font stays behind
        tmp.unlink(missing_ok=True)
        raise
    stamp["sha256"] = sha256(out)
    stamp["glyphs"] = len(font.getGlyphOrder())
    stamp["code_points"] = len(font.getBestCmap())
    stamp_path.write_text(json.dumps(stamp, indent=1, sort_keys=True) + "\n")
    return out


def build_all(out_dir: Path, source_dir: Path = NOTO_DIR, workers: int = 2) -> list[Path]:
    """Build every face of JOBS and EXT_JOBS into ``out_dir`` with ``workers`` processes."""
    missing = [job.source for job in JOBS if not (source_dir / job.source).exists()]
    if missing:
        raise FileNotFoundError(
            f"{source_dir}: missing {', '.join(missing)} (install Debian's fonts-noto-cjk)")
    out_dir.mkdir(parents=True, exist_ok=True)
    if LICENSE.exists():  # OFL: the licence travels with the Modified Versions
        shutil.copyfile(LICENSE, out_dir / "NotoCJK-LICENSE.txt")
    pool = ProcessPoolExecutor(max_workers=workers, initializer=start_worker, initargs=(os.getpid(),))
    try:
        futures = [pool.submit(build_one, job, out_dir, source_dir) for job in (*JOBS, *EXT_JOBS)]
        paths = [f.result() for f in futures]
    except BaseException:  # an error, Ctrl-C or SIGTERM: the other builds stop too, and leave nothing half-written
        stop_pool(pool)
        for job in (*JOBS, *EXT_JOBS):
            (out_dir / f"{job.out_name}.tmp").unlink(missing_ok=True)
        raise
    pool.shutdown()
    return paths
