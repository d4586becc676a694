"""A tiny TrueType font with trivial metrics, built with fontTools' FontBuilder.

Every ideograph is a full 1000-unit em box; each full-width punctuation mark is
1000 wide with its ink in the half GB/T 15834 puts it in (closing and pause
marks left, opening marks right); Latin letters and digits are 500 wide; the
space is 250. Expected widths in tests are then whole numbers of half-ems.

With ``vertical``, the font also has vertical forms of 。，、（）《》“” (glyphs added
after all the others, so the other glyph ids do not change) and a GSUB ``vert``
feature that substitutes them, built with feaLib as a CJK font has it.
"""

from __future__ import annotations

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

IDEOGRAPHS = ("中文字版面报纸新闻日讯记者排印测试一二三四五六七八九十本市年月区星期第标题小引副下转上接图片"
              "责任编辑美术农历腊初刊号")
LEFT_INK = "，。、；：？！”’）》」』】"
RIGHT_INK = "“‘（《「『【"
LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.,%"
VERTICAL = "。，、（）《》“”"  # marks with a vertical form in the ``vertical`` font


def _box(x0: int, y0: int, x1: int, y1: int) -> object:
    """A glyph that is one filled rectangle."""
    pen = TTGlyphPen(None)
    pen.moveTo((x0, y0))
    pen.lineTo((x0, y1))
    pen.lineTo((x1, y1))
    pen.lineTo((x1, y0))
    pen.closePath()
    return pen.glyph()


def build_box_font(path: Path, family: str = "BoxTest", centred: bool = False, latin_advance: int = 500,
                   vertical: bool = False) -> Path:
    """Write the test font to ``path`` and return it. ``centred`` draws the pause and stop
    marks in the middle of their em, as Taiwan and Hong Kong fonts do; ``vertical`` adds
    vertical forms and a ``vert`` feature (marks in the upper right, brackets turned)."""
    glyphs: dict[str, tuple[object, int]] = {".notdef": (_box(50, 0, 450, 700), 500), "space": (_box(0, 0, 0, 0), 250)}
    cmap = {0x20: "space"}
    for ch in IDEOGRAPHS:
        glyphs[f"u{ord(ch):04X}"] = (_box(50, -70, 950, 830), 1000)
    for ch in LEFT_INK:
        middle = centred and ch in "，。、；：？！"
        glyphs[f"u{ord(ch):04X}"] = (_box(400, 250, 600, 500) if middle else _box(60, -50, 300, 200), 1000)
    for ch in RIGHT_INK:
        glyphs[f"u{ord(ch):04X}"] = (_box(700, 500, 940, 750), 1000)
    glyphs["u2014"] = (_box(0, 300, 1000, 360), 1000)
    glyphs["u2026"] = (_box(100, 300, 900, 360), 1000)
    glyphs["u00B7"] = (_box(200, 300, 300, 400), 500)
    for ch in LATIN:
        glyphs[f"u{ord(ch):04X}"] = (_box(40, 0, latin_advance - 40, 700), latin_advance)
    for name in glyphs:
        if name.startswith("u"):
            cmap[int(name[1:], 16)] = name
    if vertical:
        for ch in VERTICAL:
            stop = ch in "。，、"
            glyphs[f"vert{ord(ch):04X}"] = (_box(650, 530, 900, 780) if stop else _box(100, 600, 900, 800), 1000)
    order = list(glyphs)
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(cmap)
    fb.setupGlyf({name: glyph for name, (glyph, _) in glyphs.items()})
    fb.setupHorizontalMetrics({name: (adv, 0) for name, (_, adv) in glyphs.items()})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    if vertical:
        from fontTools.feaLib.builder import addOpenTypeFeaturesFromString

        subs = " ".join(f"sub u{ord(ch):04X} by vert{ord(ch):04X};" for ch in VERTICAL)
        addOpenTypeFeaturesFromString(fb.font, "languagesystem DFLT dflt; languagesystem hani dflt;\n"
                                               f"feature vert {{ {subs} }} vert;\n")
    fb.save(str(path))
    return path
