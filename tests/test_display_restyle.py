"""Display text (a headline, a display block) whose ideographs come from a face of another style
than its role's (issue 12, review U3: Extension A/B characters in a 黑体 headline drawn from the
Ming fallback) is reported as body paragraphs are: page, block, the character, its code point and
block, and the line. Placeholder copy written for this test (not news); the fonts the glyphs are
drawn in are read back from the PDF."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

HEAD = "banmian: 1\nissue:\n  paper: 测试报\n  date: 2026-03-18\npages:\n- number: 1\n  name: 测试\n" \
       "  grid:\n    columns: 4\n    chars: 13\n  blocks:\n"
ARTICLE = ("  - type: article\n    id: sign\n    at: {column: 1, span: 3, line: 1, lines: 30}\n"
           "    headline: {text: 老街㐂字招牌与𡈽字碑刻, font: hei_bold, size: 小二}\n"
           "    body:\n    - （占位稿）正文一段，用来测试标题里的罕用字。\n")


@pytest.mark.expect_warnings
def test_a_headline_s_ideograph_from_a_ming_face_is_reported(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from layout.cli import main

    issue = tmp_path / "head.yaml"
    issue.write_text(HEAD + ARTICLE, encoding="utf-8")
    assert main(["render", str(issue), "-o", str(tmp_path / "head.pdf")]) == 0
    err = [line for line in capsys.readouterr().err.splitlines() if "another style" in line]
    with pdfplumber.open(tmp_path / "head.pdf") as pdf:
        drawn = {c["text"]: c["fontname"].split("+")[-1] for c in pdf.pages[0].chars if c["size"] > 12}
    sans = {ch for ch, face in drawn.items() if face.startswith("BanmianSans")}
    other = {ch: face for ch, face in drawn.items() if not face.startswith("BanmianSans")}
    assert "老" in sans and "碑" in sans  # (the headline is 黑体)
    for ch, code in (("㐂", "U+3402"), ("𡈽", "U+2123D")):
        if ch not in other:
            continue  # (a sans face of the same weight drew it: nothing to report)
        said = [line for line in err if f"{ch} {code}" in line]
        assert said, (ch, other[ch], err)
        assert "page 1, block 'sign'" in said[0] and other[ch] in said[0], said
        assert "(line '" in said[0] and ch in said[0].split("(line '")[1], said
    assert len(err) == len(other), err  # once each, and nothing else reported
