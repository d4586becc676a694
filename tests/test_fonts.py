"""The installed fonts: TrueType outlines, GBK coverage per role, renamed builds."""

from __future__ import annotations

import json

import pytest
from fontTools.ttLib import TTFont

from layout.fontbuild import EXT_JOBS, JOBS
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
    for job in (*JOBS, *EXT_JOBS):
        with TTFont(str(REPO_FONTS / f"{job.out_name}.ttf"), lazy=True) as font:
            assert "glyf" in font and "CFF " not in font
            assert font["name"].getDebugName(6) == job.out_name
            assert "Noto" not in (font["name"].getDebugName(1) or "")
            if job.part == "main":  # (the extension faces' ideographs have no vertical forms)
                assert "vert" in {r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord}


def test_extension_faces_hold_what_their_main_face_lacks() -> None:
    """Each extension face maps only ideographs, radicals and strokes its main face (same source,
    same weight) has no glyph for, Extension A whole; the main faces' stamps stay as they were."""
    for job, ext in zip(JOBS, EXT_JOBS, strict=True):
        with TTFont(str(REPO_FONTS / f"{job.out_name}.ttf"), lazy=True) as main, \
                TTFont(str(REPO_FONTS / f"{ext.out_name}.ttf"), lazy=True) as extension:
            main_cmap, ext_cmap = set(main.getBestCmap()), set(extension.getBestCmap())
        assert not main_cmap & ext_cmap
        assert set(range(0x3400, 0x4DB6)) <= main_cmap | ext_cmap  # (Extension A of Unicode 3.0, whole)
        assert {0x20BB7, 0x4DAE} <= ext_cmap
        assert all(0x2E80 <= cp < 0x3000 or 0x31C0 <= cp < 0xA000 or 0xF900 <= cp < 0xFB00 or cp >= 0x20000
                   for cp in ext_cmap)
        assert "part" not in json.loads((REPO_FONTS / f"{job.out_name}.json").read_text())
        assert json.loads((REPO_FONTS / f"{ext.out_name}.json").read_text())["part"] == "ext"


def test_ming_roles_fall_back_to_the_serif_extension_face_then_to_hanamin(book: FontBook) -> None:
    """𠮷 䶮 come from the Noto Serif extension face of the role's weight; 𪜀 (Extension C, which
    Noto lacks) from HanaMin, still a Ming face."""
    from layout.issue.model import Typography
    from layout.text.prepare import TextStyle, prepare

    for role, ext in (("song", "BanmianSerifSCExt-Regular"), ("song_bold", "BanmianSerifSCExt-Bold")):
        p = prepare([("𠮷䶮𪜀好", TextStyle(role, 9.0))], book, Typography())
        assert not p.missing
        assert [a.face.name for a in p.atoms[:2]] == [ext, ext]
        assert p.atoms[2].face.name.startswith("HanaMin"), p.atoms[2].face.name


def test_emoji_fall_back_to_a_monochrome_face(book: FontBook) -> None:
    from layout.issue.model import Typography
    from layout.text.prepare import TextStyle, prepare

    p = prepare([("赞👍🎉", TextStyle("song", 9.0))], book, Typography())
    assert not p.missing


def test_missing_glyph_is_described_with_character_code_point_and_block() -> None:
    from layout.text.script import describe

    assert describe("\U00030EDE") == "\U00030EDE U+30EDE (CJK Unified Ideographs Extension G)"


@pytest.mark.expect_warnings
def test_fallback_in_another_style_is_reported(book: FontBook, caplog: pytest.LogCaptureFixture) -> None:
    from layout.issue.model import Typography
    from layout.text.paragraph import set_paragraph
    from layout.text.prepare import TextStyle

    set_paragraph([("标题𪜀字", TextStyle("hei_bold", 20.0))], book, Typography(), 200.0)
    messages = [r.getMessage() for r in caplog.records]
    assert any("𪜀 U+2A700 (CJK Unified Ideographs Extension C)" in m and "another style" in m for m in messages)


@pytest.mark.expect_warnings
def test_fallback_in_another_style_names_block_and_line(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    """𰀁 (Extension G) has no Ming glyph (neither Noto Serif nor HanaMin has it; LXGW WenKai
    does): the render's warning names the page, the block and
    the line that holds it, not the code point alone."""
    from layout.cli import main

    issue = tmp_path / "rare.yaml"
    issue.write_text("banmian: 1\nissue:\n  paper: 测试报\n  date: 2026-03-18\npages:\n- number: 1\n  name: 测试\n"
                     "  grid:\n    columns: 4\n    chars: 13\n  blocks:\n  - type: article\n    id: noodles\n"
                     "    at:\n      column: 2\n      span: 1\n      line: 1\n      lines: 30\n    body:\n"
                     "    - 店里的招牌上写着𰀁字，老板说这个字笔画很多。\n", encoding="utf-8")
    assert main(["render", str(issue), "-o", str(tmp_path / "rare.pdf")]) == 0
    err = [line for line in capsys.readouterr().err.splitlines() if "another style" in line]
    assert err and "page 1, block 'noodles'" in err[0] and "U+30001" in err[0], err
    assert "(line '" in err[0] and "𰀁" in err[0].split("(line '")[1], err


@pytest.mark.expect_warnings
def test_missing_glyph_warning_names_its_line(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    """A character no face has (a private-use code point) is reported with its code point,
    its block and the line that shows it as a box."""
    from layout.cli import main

    issue = tmp_path / "pua.yaml"
    issue.write_text("banmian: 1\nissue:\n  paper: 测试报\n  date: 2026-03-18\npages:\n- number: 1\n  name: 测试\n"
                     "  grid:\n    columns: 4\n    chars: 13\n  blocks:\n  - type: article\n    id: logo\n"
                     "    at:\n      column: 3\n      span: 1\n      line: 1\n      lines: 30\n    body:\n"
                     "    - 稿件里混进了一个私用区字符\ue000，排版时应当报告出来。\n", encoding="utf-8")
    main(["render", str(issue), "-o", str(tmp_path / "pua.pdf")])
    err = [line for line in capsys.readouterr().err.splitlines() if "missing glyphs" in line]
    assert err and "block 'logo'" in err[0] and "U+E000" in err[0], err
    assert "in line '" in err[0] and "\ue000" in err[0].split("in line '")[1], err
