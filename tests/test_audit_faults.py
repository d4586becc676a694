"""The audit's faults outside the corpus: font names that are paths, names injected into the
PDF, broken and changing fonts, unbounded reads. Each a clear message, a documented exit
code, no traceback, no output."""

from __future__ import annotations

import io
import logging
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from layout.errors import FontError
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
    with pikepdf.open(io.BytesIO(write_pdf(doc, book.resources()))) as pdf:
        fonts_seen = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/Font"]
        assert fonts_seen
        for font in fonts_seen:
            assert str(font.BaseFont).endswith("+Box Test+1")
            assert set(font.keys()) <= {"/Type", "/Subtype", "/BaseFont", "/Encoding", "/DescendantFonts",
                                        "/ToUnicode", "/CIDSystemInfo", "/FontDescriptor", "/DW", "/W",
                                        "/CIDToGIDMap"}


def _damaged_gsub(source: Path, target: Path) -> None:
    """``source`` with every byte of its GSUB table after the version overwritten."""
    data = bytearray(source.read_bytes())
    for i in range(struct.unpack_from(">H", data, 4)[0]):
        tag, _, offset, length = struct.unpack_from(">4sLLL", data, 12 + 16 * i)
        if tag == b"GSUB":
            data[offset + 4:offset + length] = b"\xff" * (length - 4)
    target.write_bytes(bytes(data))


def _one_font_book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, font: Path) -> FontBook:
    """A font book whose every role is ``font`` (copied to a folder of its own as Face.ttf)."""
    folder = tmp_path / "fonts"
    folder.mkdir(exist_ok=True)
    shutil.copy(font, folder / "Face.ttf")
    monkeypatch.setenv("BANMIAN_FONT_PATH", str(folder))
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    return FontBook({role: ("Face",) for role in ROLES})


ARTICLE = """      - type: article
        id: a
        at: {column: 1, span: 2, line: 1, lines: 10}
        body: ["一一一"]
"""


def test_a_font_with_a_damaged_gsub_table_is_a_font_error(tmp_path: Path, box_font_dir: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """fontTools' struct.error on the damaged table was a traceback."""
    _damaged_gsub(box_font_dir / "BoxVert.ttf", tmp_path / "bad.ttf")
    book = _one_font_book(tmp_path, monkeypatch, tmp_path / "bad.ttf")
    with pytest.raises(FontError, match=r"Face\.ttf: cannot read the font"):
        book.chain("song")



def _damaged_hmtx(source: Path, target: Path) -> None:
    """``source`` with the first 64 bytes of its hmtx table (the first advances) set to 0xFF."""
    data = bytearray(source.read_bytes())
    for i in range(struct.unpack_from(">H", data, 4)[0]):
        tag, _, offset, length = struct.unpack_from(">4sLLL", data, 12 + 16 * i)
        if tag == b"hmtx":
            data[offset:offset + min(64, length)] = b"\xff" * min(64, length)
    target.write_bytes(bytes(data))


def test_a_font_with_damaged_advances_is_a_font_error(tmp_path: Path, box_font_dir: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Advances of 65535 units set text far past its block and off the page, with raw
    fontTools warnings on stderr; such a font is refused, naming the file, and quietly."""
    _damaged_hmtx(box_font_dir / "BoxVert.ttf", tmp_path / "bad.ttf")
    book = _one_font_book(tmp_path, monkeypatch, tmp_path / "bad.ttf")
    with pytest.raises(FontError, match=r"Face\.ttf: cannot read the font \(damaged metrics"):
        book.chain("song")
    assert "advance" not in capsys.readouterr().err


SCRIPT = """
import sys, shutil
from pathlib import Path
from layout.errors import FontError
from layout.page import typeset
from layout.render.pdf import write_pdf, truetype
from layout.errors import FontError
from tests.test_nothing_lost import _load
from tests.test_audit_faults import ARTICLE
from layout.text.font import FontBook
book = FontBook({role: ("Face",) for role in ("song", "song_bold", "hei", "hei_bold", "kai")})
font = Path(sys.argv[1]) / "Face.ttf"
doc, _ = typeset(_load(Path(sys.argv[1]), 8, ARTICLE), book)
if sys.argv[2] == "truncate":
    truetype(font)  # opened for embedding, then cut short by another process
    with font.open("r+b") as handle:
        handle.truncate(1000)
else:
    shutil.copy(sys.argv[3], font)  # rewritten with another font before it is embedded
try:
    pdf = write_pdf(doc, book.resources())
except FontError as exc:
    print("FontError:", exc)
    sys.exit(3)
print("PDF", len(pdf))
"""


@pytest.mark.parametrize("change", ["truncate", "rewrite"])
def test_a_font_changed_while_the_pdf_is_written(tmp_path: Path, box_font_dir: Path,
                                                 monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    """Truncated after it was opened (its glyphs are read as the PDF needs them): a clear font
    error, no PDF with glyphs missing (was SIGBUS, exit 135, through the memory map).
    Rewritten in place with another font after the layout measured it: a clear font error
    (was a KeyError or a PDF with the wrong glyphs)."""
    _one_font_book(tmp_path, monkeypatch, box_font_dir / "BoxTest.ttf")
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "fonts"), change,
                             str(box_font_dir / "BoxVert.ttf")], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[1], env={**os.environ, "PYTHONPATH": "."})
    assert result.returncode == 3, result.stderr
    assert "Face.ttf: the font file changed while rendering" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.expect_warnings  # the substitution is reported: that is the point
def test_a_latin_only_body_font_is_reported(tmp_path: Path, box_font_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                            caplog: pytest.LogCaptureFixture) -> None:
    """A Latin-only font under the body face's name: the Chinese text fell back to another
    face with no word."""
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    if not latin.exists():
        pytest.skip("DejaVuSerif is installed by install.sh")
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.copy(latin, folder / "Body.ttf")
    shutil.copy(box_font_dir / "BoxTest.ttf", folder / "Han.ttf")
    monkeypatch.setenv("BANMIAN_FONT_PATH", str(folder))
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    book = FontBook({role: ("Body", "Han") for role in ROLES})
    assert book.chain("song").pick("一").name == "Han"  # type: ignore[union-attr]
    assert "Body.ttf for role 'song' has no Chinese characters; Chinese text falls back to Han.ttf" in caplog.text


def test_the_metrics_cache_is_keyed_by_content(tmp_path: Path, box_font_dir: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Another version of the font file, same path, same size, same modification time:
    its cached metrics were taken for the new file's."""
    from fontTools.ttLib import TTFont

    book = _one_font_book(tmp_path, monkeypatch, box_font_dir / "BoxTest.ttf")
    path = tmp_path / "fonts" / "Face.ttf"
    assert book.chain("song").first.advance_em("一") == 1.0
    stat = path.stat()
    font = TTFont(str(path))
    glyph = font.getBestCmap()[ord("一")]
    font["hmtx"][glyph] = (font["head"].unitsPerEm // 2, font["hmtx"][glyph][1])
    font.save(str(path))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    fresh = FontBook({role: ("Face",) for role in ROLES})
    assert fresh.chain("song").first.advance_em("一") == 0.5


def test_a_damaged_metrics_cache_is_rebuilt_with_a_note(tmp_path: Path, box_font_dir: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    book = _one_font_book(tmp_path, monkeypatch, box_font_dir / "BoxTest.ttf")
    book.chain("song")
    (cache,) = (tmp_path / "cache").glob("metrics-*.pickle")
    cache.write_bytes(b"\x80\x05garbage" * 10)
    caplog.set_level(logging.INFO, logger="banmian")
    assert FontBook({role: ("Face",) for role in ROLES}).chain("song").first.advance_em("一") == 1.0
    assert "is unreadable" in caplog.text and "rebuilding it" in caplog.text


def _render_in_child(issue: str, tmp_path: Path, memory_limit: int = 1 << 30) -> subprocess.CompletedProcess[str]:
    """``banmian render issue`` in a child process with at most ``memory_limit`` bytes of
    address space, killed after 60 s (a hang fails the test instead of hanging it)."""
    script = (f"import resource, sys; resource.setrlimit(resource.RLIMIT_AS, ({memory_limit}, {memory_limit})); "
              "from layout.cli import main; sys.exit(main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-c", script, "render", issue, "-o", str(tmp_path / "out.pdf")],
                          capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parents[1],
                          env={**os.environ, "PYTHONPATH": "."})


@pytest.mark.parametrize("kind", ["fifo", "device", "huge"])
def test_the_issue_must_be_a_regular_file_of_bounded_size(tmp_path: Path, kind: str) -> None:
    """A FIFO hung forever; /dev/zero and a 2 GB file were read whole before the 5 MB limit
    was checked (MemoryError under a 1 GB limit)."""
    if kind == "fifo":
        path = tmp_path / "issue.yaml"
        os.mkfifo(path)
        wanted = "a FIFO (named pipe), not a file"
    elif kind == "device":
        path, wanted = Path("/dev/zero"), "a character device, not a file"
    else:
        path = tmp_path / "issue.yaml"
        with path.open("wb") as handle:
            handle.truncate(2 << 30)  # sparse: no disk used
        wanted = f"the file is {2 << 30} bytes; the limit is 5000000"
    result = _render_in_child(str(path), tmp_path)
    assert result.returncode == 2, result.stderr
    assert f"{path}: {wanted}" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out.pdf").exists()


PNG_SCRIPT = """
import sys
from pathlib import Path
from layout.render.png import glyph_mask
font = Path(sys.argv[1])
glyph_mask(str(font), 20.0, "一", 1.0)
with font.open("r+b") as handle:
    handle.truncate(0)  # cut short by another process while the preview renders
glyph_mask(str(font), 20.0, "二", 1.0)
print("drawn")
"""


def test_a_font_truncated_while_previews_render(tmp_path: Path, box_font_dir: Path) -> None:
    """Pillow memory-mapped the font through FreeType: SIGBUS (exit -7) once it was cut short."""
    shutil.copy(box_font_dir / "BoxTest.ttf", tmp_path / "Face.ttf")
    result = subprocess.run([sys.executable, "-c", PNG_SCRIPT, str(tmp_path / "Face.ttf")], capture_output=True,
                            text=True, cwd=Path(__file__).resolve().parents[1], env={**os.environ, "PYTHONPATH": "."})
    assert (result.returncode, result.stdout) == (0, "drawn\n"), result.stderr
