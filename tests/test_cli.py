"""The banmian command: exit codes, the summary line, no partial output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from layout import cli
from layout.text import font
from tests.conftest import HOUSE, ROOT, SAMPLE

OVERSET = """banmian: 1
issue: {paper: 测试报, date: 2026-01-20}
pages:
  - number: 1
    blocks:
      - type: article
        id: tight
        at: {column: 1, span: 1, line: 1, lines: 2}
        body: ["此次合作是一次立足长远、谋划全局的“双向奔赴”与战略耦合。根据协议，双方将围绕新能源电池。"]
"""


def test_render_writes_pdf_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, summary = tmp_path / "page.pdf", tmp_path / "s.json"
    assert cli.main(["render", str(SAMPLE), "-o", str(out), "--summary", str(summary)]) == 0
    assert out.read_bytes().startswith(b"%PDF-1.6")
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"{out}: 2 pages, ") and " characters set, 0 lines overset, " in line
    report = json.loads(summary.read_text())
    assert report["overset"] == [] and report["copy_changes"][", → ，"] > 100


def test_bad_input_exits_2_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SAMPLE.read_text(encoding="utf-8").replace("span: 5", "span: 9", 1), encoding="utf-8")
    shutil.copy(HOUSE, tmp_path)
    out = tmp_path / "page.pdf"
    assert cli.main(["render", str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "span: 9 is more than the 8 columns" in err
    assert not out.exists() and sorted(tmp_path.iterdir()) == sorted([bad, tmp_path / HOUSE.name])


def test_overset_is_reported_and_strict_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    issue = tmp_path / "o.yaml"
    issue.write_text(OVERSET, encoding="utf-8")
    out = tmp_path / "o.pdf"
    assert cli.main(["render", str(issue), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "overset: page 1, block 'tight'" in captured.err
    assert out.exists()
    out.unlink()
    assert cli.main(["render", str(issue), "-o", str(out), "--strict"]) == 1
    assert "--strict" in capsys.readouterr().err and not out.exists()


def test_missing_font_exits_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(font, "REPO_FONTS", tmp_path / "none")
    monkeypatch.setattr(font, "USER_FONTS", tmp_path / "none")
    monkeypatch.setattr(font, "SYSTEM_DIRS", ())
    monkeypatch.delenv("BANMIAN_FONT_PATH", raising=False)
    font.default_book.cache_clear()
    try:
        assert cli.main(["render", str(SAMPLE), "-o", str(tmp_path / "x.pdf")]) == 3
    finally:
        font.default_book.cache_clear()
    err = capsys.readouterr().err
    assert "not found" in err and "run `bash install.sh`" in err and not (tmp_path / "x.pdf").exists()


def test_a_font_path_that_is_no_folder_is_warned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BANMIAN_FONT_PATH", str(tmp_path / "nonexistent"))
    assert cli.main(["render", str(SAMPLE), "-o", str(tmp_path / "x.pdf"), "--quiet"]) == 0
    assert f"BANMIAN_FONT_PATH names {tmp_path / 'nonexistent'}, which is not a folder" in capsys.readouterr().err


def test_unwritable_output_exits_4(tmp_path: Path) -> None:
    assert cli.main(["render", str(SAMPLE), "-o", str(tmp_path / "no" / "dir" / "x.pdf"), "--quiet"]) == 4


def test_python_dash_m_and_help() -> None:
    result = subprocess.run([sys.executable, "-m", "layout", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and "Exit codes" in result.stdout and "render" in result.stdout


def test_corrupt_font_exits_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "BanmianSerifSC-Regular.ttf").write_bytes(b"\x00\x01\x00\x00garbage")
    monkeypatch.setenv("BANMIAN_FONT_PATH", str(tmp_path))
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    font.default_book.cache_clear()
    try:
        assert cli.main(["render", str(SAMPLE), "-o", str(tmp_path / "x.pdf")]) == 3
    finally:
        font.default_book.cache_clear()
    err = capsys.readouterr().err
    assert "BanmianSerifSC-Regular.ttf: cannot read the font" in err and not (tmp_path / "x.pdf").exists()


def test_many_issues_go_on_past_a_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "issues"
    folder.mkdir()
    shutil.copy(HOUSE, folder)
    (folder / "a.yaml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.yaml").write_text("banmian: [", encoding="utf-8")
    (folder / "c.yaml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "pdf"
    assert cli.main(["render", str(folder), "-o", str(out)]) == 2
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].endswith("a.yaml: ok → " + str(out / "a.pdf"))
    assert lines[1].endswith("c.yaml: ok → " + str(out / "c.pdf"))
    assert lines[-1] == "3 issues: 2 rendered, 1 failed"
    (error,) = [line for line in captured.err.splitlines() if "error" in line]  # errors: stderr, naming the file
    assert error.startswith(f"banmian: error: {folder / 'b.yaml'}:") and "YAML syntax error" in error
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf", "c.pdf"]
    assert cli.main(["render", str(folder), "-o", str(out), "--quiet"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "b.yaml" in captured.err  # --quiet: errors and warnings only


@pytest.mark.expect_warnings  # the overset article is logged too
def test_copy_fit_report_tells_the_desk_what_to_cut(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    issue = tmp_path / "o.yaml"
    issue.write_text(OVERSET, encoding="utf-8")
    fit = tmp_path / "fit.json"
    assert cli.main(["render", str(issue), "-o", str(tmp_path / "o.pdf"), "--report", str(fit)]) == 0
    (article,) = json.loads(fit.read_text(encoding="utf-8"))["articles"]
    assert article["block"] == "tight" and article["verdict"] == "overset"
    assert article["lines_set"] == article["lines_available"] == 2 and article["overset_chars"] > 0
    out = capsys.readouterr().out
    lines, chars = article["overset_lines"], article["overset_chars"]
    assert f"第1版 tight: overset {lines} lines, cut about {chars} characters" in out


def test_copy_fit_report_is_not_written_when_input_is_bad(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("banmian: 1\npages: [", encoding="utf-8")
    assert cli.main(["render", str(bad), "-o", str(tmp_path / "x.pdf"), "--report", str(tmp_path / "f.json")]) == 2
    assert list(tmp_path.iterdir()) == [bad]


@pytest.mark.expect_warnings  # the overset article is logged too
def test_strict_still_writes_the_copy_fit_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    issue = tmp_path / "o.yaml"
    issue.write_text(OVERSET, encoding="utf-8")
    out, fit = tmp_path / "o.pdf", tmp_path / "fit.json"
    assert cli.main(["render", str(issue), "-o", str(out), "--strict", "--report", str(fit)]) == 1
    assert not out.exists() and json.loads(fit.read_text(encoding="utf-8"))["articles"][0]["verdict"] == "overset"
    assert "no PDF written (the reports are)" in capsys.readouterr().err


def test_reports_are_refused_for_many_issues(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["render", str(SAMPLE), str(SAMPLE), "-o", str(tmp_path / "out"), "--report",
                     str(tmp_path / "f.json")]) == 2
    assert "take one issue" in capsys.readouterr().err and list(tmp_path.iterdir()) == []


def _photo_issue(folder: Path, image: str) -> Path:
    """A one-page issue in ``folder`` with a photo ``image`` (a small grey PNG written there)."""
    from PIL import Image

    Image.new("L", (40, 30), 128).save(folder / image)
    issue = folder / "i.yaml"
    issue.write_text(f"""banmian: 1
issue: {{paper: 测试报, date: 2026-01-20}}
pages:
  - number: 1
    paper: tabloid
    grid: {{columns: 4, chars: 12, gutter: 1, body_size: 9pt, leading: 13pt}}
    blocks:
      - type: photo
        id: pic
        at: {{column: 1, span: 2, line: 1, lines: 10}}
        image: {image}
""", encoding="utf-8")
    return issue


@pytest.mark.expect_warnings
def test_summary_and_report_never_overwrite_a_photo_or_each_other(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    issue = _photo_issue(tmp_path, "grey.png")
    photo = (tmp_path / "grey.png").read_bytes()
    for option in ("--summary", "--report"):
        assert cli.main(["render", str(issue), "-o", str(tmp_path / "x.pdf"), option, str(tmp_path / "grey.png")]) == 2
        assert "name the output *.json" in capsys.readouterr().err  # (refused by its name before the photo is known)
        assert (tmp_path / "grey.png").read_bytes() == photo and not (tmp_path / "x.pdf").exists()
    both = tmp_path / "s.json"
    assert cli.main(["render", str(issue), "-o", str(tmp_path / "x.pdf"), "--summary", str(both),
                     "--report", str(both)]) == 2
    assert "named by both --summary and --report" in capsys.readouterr().err and not both.exists()
    assert cli.main(["render", str(issue), "-o", str(tmp_path / "x.pdf"), "--summary",
                     str(tmp_path / "." / "x.pdf")]) == 2
    assert "named by both -o and --summary" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()


@pytest.mark.expect_warnings
def test_preview_never_overwrites_an_input_photo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, extra in (("page-1.png", []), ("contact-sheet.png", ["--contact-sheet"])):
        issue = _photo_issue(tmp_path, name)
        photo = (tmp_path / name).read_bytes()
        assert cli.main(["preview", str(issue), "-o", str(tmp_path), "--quiet", *extra]) == 2
        assert "one of the issue's inputs" in capsys.readouterr().err
        assert (tmp_path / name).read_bytes() == photo
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["i.yaml", name]), "nothing half written"
        (tmp_path / name).unlink()
