"""Fallbacks that keep the style (issue 12 item 7, review U3): an ideograph outside GBK comes
from the extension face of the role's own design and weight (Noto Sans CJK for 黑体, Noto Serif
CJK for 宋体), silently; what Noto lacks comes in 宋体 from HanaMin (Ming, silently) and in 黑体
from HanaMin with a warning naming the character; an emoji comes from the one monochrome emoji
face. The faces are read back from the rendered PDF. Placeholder copy written for this test
(not news)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from layout.text import font
from layout.text.font import FontBook
from layout.text.roles import EXTENSION

HEAD = "banmian: 1\nissue:\n  paper: 测试报\n  date: 2026-03-18\npages:\n- number: 1\n  name: 测试\n" \
       "  grid:\n    columns: 4\n    chars: 13\n  blocks:\n"
#: 𪜀 U+2A700 (Extension C): HanaMin B has it, Noto CJK does not.
HANA_ONLY = "\U0002A700"


def _render(tmp_path: Path, capsys: pytest.CaptureFixture[str], article: str) -> tuple[dict[str, set[str]], list[str]]:
    """Render one article on a page: the faces (PDF font names without the subset tag) each
    character is drawn in, and the lines of warnings about a fallback in another style."""
    from layout.cli import main

    issue = tmp_path / "rare.yaml"
    issue.write_text(HEAD + "  - type: article\n    id: rare\n    at: {column: 1, span: 3, line: 1, lines: 40}\n"
                     + article, encoding="utf-8")
    assert main(["render", str(issue), "-o", str(tmp_path / "rare.pdf")]) == 0
    err = [line for line in capsys.readouterr().err.splitlines() if "another style" in line]
    drawn: dict[str, set[str]] = {}
    with pdfplumber.open(tmp_path / "rare.pdf") as pdf:
        for c in pdf.pages[0].chars:
            drawn.setdefault(c["text"], set()).add(c["fontname"].split("+")[-1])
    return drawn, err


def test_a_bold_sans_headline_and_dateline_draw_extension_ideographs_in_bold_sans(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drawn, err = _render(tmp_path, capsys, "    headline: {text: 户籍窗口为𠮷䶮两字建档, font: hei_bold, size: 小二}\n"
                                           "    body:\n"
                                           "    - 本报讯（记者 𠮷䶮） （占位稿）正文一段，测试电头里的罕用字。\n")
    assert drawn["户"] == {"BanmianSansSC-Bold"}  # (the headline is 粗黑)
    assert drawn["𠮷"] == drawn["䶮"] == {"BanmianSansSCExt-Bold"}  # headline and dateline alike
    assert drawn["正"] == {"BanmianSerifSC-Regular"}  # (the body after the dateline is 宋体)
    assert err == []


def test_hei_body_draws_extension_ideographs_in_regular_sans(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    drawn, err = _render(tmp_path, capsys, "    body_font: hei\n    body:\n"
                                           "    - （占位稿）黑体正文里有𠮷字，也有䶮字，两字都在扩展区。\n")
    assert drawn["黑"] == {"BanmianSansSC-Regular"}
    assert drawn["𠮷"] == drawn["䶮"] == {"BanmianSansSCExt-Regular"}
    assert err == []


def test_song_body_draws_extension_ideographs_in_serif_and_what_noto_lacks_in_hanamin(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drawn, err = _render(tmp_path, capsys, "    body:\n"
                                           f"    - （占位稿）宋体正文里有𠮷字、䶮字和{HANA_ONLY}字，前两字在扩展区。\n")
    assert drawn["宋"] == {"BanmianSerifSC-Regular"}
    assert drawn["𠮷"] == drawn["䶮"] == {"BanmianSerifSCExt-Regular"}
    assert drawn[HANA_ONLY] == {"HanaMinB"}  # a Ming face: no change of style, nothing to report
    assert err == []


@pytest.mark.expect_warnings
def test_hei_body_draws_what_no_sans_face_has_from_hanamin_and_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drawn, err = _render(tmp_path, capsys, "    body_font: hei\n    body:\n"
                                           f"    - （占位稿）黑体正文里有{HANA_ONLY}字，无黑体字形。\n")
    assert drawn[HANA_ONLY] == {"HanaMinB"}
    assert len(err) == 1 and f"{HANA_ONLY} U+2A700" in err[0] and "HanaMinB" in err[0], err


def test_emoji_come_from_the_monochrome_emoji_face(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """👍 is also in HanaMin A and 😀 in DejaVu Sans: both come from Symbola, in 宋体 and in 黑体."""
    drawn, _ = _render(tmp_path, capsys, "    headline: {text: 点赞👍😀, font: hei_bold, size: 小二}\n"
                                         "    body:\n    - （占位稿）读者留言点赞👍😀⚽。\n")
    assert drawn["👍"] == drawn["😀"] == drawn["⚽"] == {"Symbola_hint"}


@pytest.mark.expect_warnings
def test_without_the_extension_faces_the_roles_fall_back_as_before_and_say_so(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from layout.issue.model import Typography
    from layout.text.prepare import TextStyle, prepare

    found = font.find_font
    monkeypatch.setattr(font, "find_font", lambda stem: None if stem in EXTENSION else found(stem))
    book = FontBook()
    p = prepare([("好𠮷䶮", TextStyle("song", 9.0))], book, Typography())
    assert [a.face.name[:7] for a in p.atoms] == ["Banmian", "HanaMin", "HanaMin"]
    said = [r.getMessage() for r in caplog.records if "not installed" in r.getMessage()]
    assert len(said) == 1 and "BanmianSerifSCExt-Regular.ttf" in said[0] and "𠮷 U+20BB7" in said[0], said


@pytest.mark.expect_warnings
def test_a_bold_sans_dateline_in_song_body_reports_a_ming_fallback(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The dateline is 粗黑 inside a 宋体 paragraph: a character of it only HanaMin has is a change
    of style there (the same character in the 宋体 text after it is not)."""
    drawn, err = _render(tmp_path, capsys, "    body:\n"
                                           f"    - 本报讯（记者 吉{HANA_ONLY}） （占位稿）正文里也有{HANA_ONLY}字。\n")
    assert drawn[HANA_ONLY] == {"HanaMinB"}
    assert len(err) == 1 and f"{HANA_ONLY} U+2A700" in err[0] and "HanaMinB" in err[0], err


def test_hangul_drawn_from_a_face_of_another_style_is_reported(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Hangul shows a face's style as ideographs do: in 宋体 body copy, 한국어 comes from the one face that has
    it (楷体), and its syllables are named in one warning, as an ideograph would be (it was drawn in 楷体
    silently)."""
    drawn, err = _render(tmp_path, capsys, "    body:\n    - （占位稿）韩文한국어一词。\n")
    faces = drawn["한"] | drawn["국"] | drawn["어"]
    assert not any(name.startswith("BanmianSerif") for name in faces)  # (no Ming face has Hangul)
    assert len(err) == 1 and all(code in err[0] for code in ("U+D55C", "U+AD6D", "U+C5B4")), err
