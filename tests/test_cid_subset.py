"""The subset font program (``layout.render.cidfont.TrueTypeFile.subset``) read back by fontTools:
every kept glyph has the outline, advance and left side bearing it has in the full font, a
composite glyph's parts point at the renumbered glyphs that draw the same parts (parts of parts
followed too), a blank glyph stays blank, and every table's checksum is right. The font is built
here with fontTools (the project's fonts have no composite glyph)."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

from layout.render.cidfont import TrueTypeFile, _checksum


def _shape(points: list[tuple[int, int]]) -> object:
    pen = TTGlyphPen(None)
    pen.moveTo(points[0])
    for point in points[1:]:
        pen.lineTo(point)
    pen.closePath()
    return pen.glyph()


def _composite(parts: list[tuple[str, tuple[int, int]]], glyphs: dict[str, object]) -> object:
    pen = TTGlyphPen(glyphs)
    for name, (dx, dy) in parts:
        pen.addComponent(name, (1, 0, 0, 1, dx, dy))
    return pen.glyph()


def _font(path: Path) -> Path:
    """.notdef, a blank, a glyph not kept, three simple glyphs of odd sizes (so padding matters), a composite of two
    of them, and a composite that uses that composite."""
    glyphs: dict[str, object] = {".notdef": _shape([(50, 0), (50, 700), (450, 700), (450, 0)]),
                                 "space": TTGlyphPen(None).glyph()}
    glyphs["unused"] = _shape([(0, 0), (0, 10), (10, 10)])  # not kept: the glyphs after it are renumbered
    glyphs["bar"] = _shape([(100, 0), (100, 700), (180, 700)])
    glyphs["dot"] = _shape([(-30, 800), (-30, 880), (50, 880), (50, 800), (10, 790)])
    glyphs["box"] = _shape([(20, -100), (20, 600), (620, 600), (620, -100)])
    glyphs["bardot"] = _composite([("bar", (0, 0)), ("dot", (120, 0))], glyphs)
    glyphs["twice"] = _composite([("bardot", (0, 0)), ("box", (300, 50))], glyphs)
    order = list(glyphs)
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({0x20: "space", 0x41: "bar", 0x42: "bardot", 0x43: "twice", 0x44: "box"})
    fb.setupGlyf(glyphs)
    advances = {".notdef": 500, "space": 250, "unused": 10, "bar": 300, "dot": 90, "box": 700, "bardot": 333,
                "twice": 1001}
    fb.setupHorizontalMetrics({name: (advances[name], glyphs[name].xMin if hasattr(glyphs[name], "xMin") else 0)
                               for name in order})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "CompositeTest", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    fb.save(str(path))
    return path


def _drawn(font: TTFont, name: str) -> list[tuple[str, tuple[object, ...]]]:
    """A glyph's outline with every composite part drawn in place (point by point)."""
    pen = DecomposingRecordingPen(font.getGlyphSet())
    font.getGlyphSet()[name].draw(pen)
    return pen.value


def test_subset_keeps_outlines_metrics_and_composite_parts(tmp_path: Path) -> None:
    path = _font(tmp_path / "composite.ttf")
    full = TTFont(str(path))
    ids = {name: k for k, name in enumerate(full.getGlyphOrder())}
    source = TrueTypeFile(path)
    keep = source.closure({ids["twice"], ids["space"]})
    assert keep == sorted({0, ids["space"], ids["twice"], ids["bardot"], ids["bar"], ids["dot"], ids["box"]})
    keep = [0, ids["space"], ids["bar"], ids["dot"], ids["box"], ids["bardot"], ids["twice"]]
    data = source.subset(keep)
    sub = TTFont(io.BytesIO(data))
    order = sub.getGlyphOrder()
    assert len(order) == len(keep) and sub["maxp"].numGlyphs == len(keep)
    names = full.getGlyphOrder()
    for new, old in enumerate(keep):
        assert _drawn(sub, order[new]) == _drawn(full, names[old]), names[old]
        assert sub["hmtx"][order[new]][0] == full["hmtx"][names[old]][0]
        glyph = full["glyf"][names[old]]
        assert sub["hmtx"][order[new]][1] == (glyph.xMin if glyph.numberOfContours else 0)
    twice = sub["glyf"][order[keep.index(ids["twice"])]]
    assert [c.glyphName for c in twice.components] == [order[keep.index(ids["bardot"])], order[keep.index(ids["box"])]]
    assert sub["glyf"][order[1]].numberOfContours == 0  # the blank glyph
    header = data[:12 + 16 * int.from_bytes(data[4:6], "big")]
    for k in range(int.from_bytes(data[4:6], "big")):
        tag, checksum, offset, length = (header[12 + 16 * k:16 + 16 * k], *(int.from_bytes(
            header[16 + 16 * k + 4 * j:20 + 16 * k + 4 * j], "big") for j in range(3)))
        if tag != b"head":  # (checkSumAdjustment is left 0: PDF readers do not use it)
            words = data[offset:offset + length] + b"\0" * (-length % 4)
            assert checksum == sum(int.from_bytes(words[i:i + 4], "big") for i in range(0, len(words), 4)) % 2**32
    assert _checksum(b"\x01\x02\x03\x04\x05") == (0x01020304 + 0x05000000) % 2**32


@pytest.mark.parametrize("seed", range(30))
def test_texts_in_utf16_hex_at_once_are_each_texts_own(seed: int) -> None:
    """The ToUnicode map's texts encoded together and cut apart are each text encoded alone: BMP
    characters, empty texts, ligatures' several characters, and (in half the cases) characters
    beyond the BMP, written as surrogate pairs."""
    from layout.render.cidfont import _utf16_hex

    rng = random.Random(seed)
    pool = ["报", "a", "\u3000", "\uffff", "\u0000", "ﬁ", "\U00020000", "\U0002a6d6", "\U0010ffff"]
    pool = pool if seed % 2 else pool[:6]
    texts = ["".join(rng.choice(pool) for _ in range(rng.randrange(0, 4))) for _ in range(rng.randrange(0, 60))]
    assert _utf16_hex(texts) == [text.encode("utf-16-be").hex().upper() for text in texts]


@pytest.mark.parametrize("seed", range(10))
def test_a_tounicode_map_maps_each_cid_with_text_to_its_utf16(seed: int) -> None:
    """Every CID with text (below 4 096 and above, to 65 535) is mapped to its text's UTF-16BE, in
    CID order, a hundred to a block; a CID without text is left out."""
    from layout.render.cidfont import _to_unicode

    rng = random.Random(seed)
    count = rng.choice((3, 250, 5000, 65536))
    by_cid = [(cid, 0, rng.choice(("", "报", "ﬁ", "\U00020000", "a"))) for cid in range(count)]
    lines = _to_unicode(by_cid).splitlines()
    mapped = [line for line in lines if line.startswith("<") and line != "<0000> <FFFF>"]
    assert mapped == [f"<{cid:04X}> <{text.encode('utf-16-be').hex().upper()}>" for cid, _, text in by_cid if text]
    assert sum(line.endswith("beginbfchar") for line in lines) == -(-len(mapped) // 100)
