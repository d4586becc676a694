"""Bad and hostile input: every case gets one clear message, a documented exit code, no output."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from layout import cli

GOOD = """banmian: 1
issue: {paper: 测试报, date: 2026-01-20}
pages:
  - number: 1
    blocks:
      - type: article
        id: a
        at: {column: 1, span: 3, line: 1, lines: 30}
        headline: 标题
        body: ["正文第一段。"]
"""
PHOTO = """      - type: photo
        id: p
        at: {column: 4, span: 3, line: 1, lines: 30}
        image: IMAGE
"""


def run(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    """Render ``text`` as an issue; the exit code and stderr. No PDF may be left on failure."""
    issue = tmp_path / "i.yaml"
    issue.write_text(text, encoding="utf-8")
    out = tmp_path / "out.pdf"
    code = cli.main(["render", str(issue), "-o", str(out), "--quiet", *extra])
    err = capsys.readouterr().err
    if code:
        assert not out.exists()
    return code, err


def huge_png(path: Path, side: int) -> None:
    """A small file that claims ``side`` × ``side`` pixels (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
                     + chunk(b"IEND", b""))


@pytest.mark.parametrize(("change", "needle"), [
    (("leading: 13.5pt", "leading: -5pt"), "pages[0].grid.leading"),
    (("body: [", "body: !!int ["), "the tag tag:yaml.org,2002:int cannot be used here"),
    (("span: 3", "span: 0"), "pages[0].blocks[0].at.span: 0 is less than 1"),
    (("headline: 标题", "headline: [标题]"), "pages[0].blocks[0].headline"),
    (("date: 2026-01-20", "date: "), "issue.date: needs a value"),
])
def test_bad_values(tmp_path: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], needle: str) -> None:
    text = GOOD.replace("    blocks:", "    grid: {leading: 13.5pt}\n    blocks:").replace(*change)
    code, err = run(tmp_path, text, capsys)
    assert code == 2 and needle in err and err.count("\n") == 1, err


def test_billion_laughs_and_deep_nesting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    laughs = "banmian: 1\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    code, err = run(tmp_path, laughs, capsys)
    assert code == 2 and "aliases" in err
    code, err = run(tmp_path, "banmian: 1\nx: " + "[" * 5000 + "]" * 5000 + "\n", capsys)
    assert code == 2 and "i.yaml" in err


def test_huge_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(tmp_path, GOOD + "# " + "x" * 5_100_000 + "\n", capsys)
    assert code == 2 and "limit" in err


def test_decompression_bomb(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge_png(tmp_path / "bomb.png", 60000)
    code, err = run(tmp_path, GOOD + PHOTO.replace("IMAGE", "bomb.png"), capsys)
    assert code == 2 and "bomb.png is not a readable image (too many pixels" in err and "Warning" not in err


def test_safe_mode_keeps_images_in_the_issue_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    Image.new("RGB", (30, 20)).save(tmp_path.parent / "outside.png")
    text = GOOD + PHOTO.replace("IMAGE", "../outside.png")
    code, err = run(tmp_path, text, capsys, "--safe")
    assert code == 2 and "outside the issue's folder" in err
    assert run(tmp_path, text, capsys)[0] == 0  # allowed without --safe


def test_unpaired_surrogate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(tmp_path, GOOD.replace('body: ["正文第一段。"]', 'body: ["正文\\ud800。"]'), capsys)
    assert code == 2 and "i.yaml:10" in err  # libyaml refuses the escape; the pure-Python parser gets our check
    assert "invalid Unicode character escape" in err or "unpaired surrogate" in err


def test_odd_characters_are_set_and_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD.replace('body: ["正文第一段。"]',
                        'body: ["控制\\x07字符\\u200b、组合e\\u0301、表情😀、私用\ue000、希伯来עברית。"]')
    issue = tmp_path / "i.yaml"
    issue.write_text(text, encoding="utf-8")
    assert cli.main(["render", str(issue), "-o", str(tmp_path / "o.pdf"), "--summary", str(tmp_path / "s.json")]) == 0
    err = capsys.readouterr().err
    assert "U+0007 removed" in err and "U+200B removed" in err and "NFC" in err
    assert "right-to-left" in err and "missing glyphs" in err and "U+E000" in err
    assert cli.main(["render", str(issue), "-o", str(tmp_path / "o2.pdf"), "--strict"]) == 1
