"""The audit's faults outside the corpus: font names that are paths, names injected into the
PDF, broken and changing fonts, unbounded reads. Each a clear message, a documented exit
code, no traceback, no output."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pikepdf
import pytest

from layout.page import typeset
from layout.render.pdf import write_pdf
from layout.text.font import FontBook
from tests.test_hostile import GOOD, run
from tests.test_nothing_lost import _load

ROLES = ("song", "song_bold", "hei", "hei_bold", "kai")


@pytest.mark.parametrize("name", ["/usr/share/fonts/truetype/dejavu/DejaVuSerif", "../fonts/DejaVuSerif",
                                  "a/b", "x/Injected (yes)", "..", " lead"])
@pytest.mark.parametrize("safe", [False, True])
def test_a_font_name_that_is_a_path_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
                                               safe: bool) -> None:
    text = GOOD.replace("pages:", f"typography: {{latin_font: '{name}'}}\npages:")
    code, err = run(tmp_path, text, capsys, *(["--safe"] if safe else []))
    assert code == 2
    assert f"i.yaml:3 typography.latin_font: {name!r} is not a font name" in err
    assert "Traceback" not in err


def test_every_font_name_in_the_pdf_is_escaped(tmp_path: Path, box_font_dir: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A face whose name has a space and a ``+`` is written as one PDF name: /BaseFont was
    written raw, so a space ended the name and the rest became new keys."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(box_font_dir / "BoxTest.ttf", fonts / "Box Test+1.ttf")
    monkeypatch.setenv("BANMIAN_FONT_PATH", str(fonts))
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    book = FontBook({role: ("Box Test+1",) for role in ROLES})
    issue = _load(tmp_path, 8, """      - type: article
        id: a
        at: {column: 1, span: 2, line: 1, lines: 10}
        body: ["一一一"]
""")
    doc, _ = typeset(issue, book)
    with pikepdf.open(io.BytesIO(write_pdf(doc, book))) as pdf:
        fonts_seen = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/Font"]
        assert fonts_seen
        for font in fonts_seen:
            assert str(font.BaseFont).endswith("+Box Test+1")
            assert set(font.keys()) <= {"/Type", "/Subtype", "/BaseFont", "/Encoding", "/DescendantFonts",
                                        "/ToUnicode", "/CIDSystemInfo", "/FontDescriptor", "/DW", "/W",
                                        "/CIDToGIDMap"}
