"""The installed fonts: TrueType outlines, GBK coverage per role, renamed builds."""

from __future__ import annotations

from fontTools.ttLib import TTFont

from layout.fontbuild import JOBS
from layout.text.font import REPO_FONTS, ROLES, FontBook


def gbk_code_points() -> list[int]:
    """Every BMP character the gbk codec encodes, private use excluded."""
    out = []
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp < 0xF900:
            continue
        try:
            chr(cp).encode("gbk")
        except UnicodeEncodeError:
            continue
        out.append(cp)
    return out


def test_every_gbk_character_has_a_glyph_in_every_role(book: FontBook) -> None:
    gbk = gbk_code_points()
    assert len(gbk) > 21000
    for role in ROLES:
        chain = book.chain(role)
        missing = [cp for cp in gbk if not chain.covers(chr(cp))]
        assert not missing, (role, [chr(c) for c in missing[:10]])


def test_built_fonts_are_truetype_and_renamed() -> None:
    for job in JOBS:
        with TTFont(str(REPO_FONTS / f"{job.out_name}.ttf"), lazy=True) as font:
            assert "glyf" in font and "CFF " not in font
            assert font["name"].getDebugName(6) == job.out_name
            assert "Noto" not in (font["name"].getDebugName(1) or "")
            assert "vert" in {r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord}
