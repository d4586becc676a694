"""The command line as a desk uses it: batches that never overwrite, default and refused outputs,
messages that name their issue, --version, Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from layout import cli
from tests.conftest import ROOT, SAMPLE
from tests.test_cli import OVERSET

TINY = """banmian: 1
issue: {paper: 测试报, date: 2026-01-20}
pages:
  - number: 1
    blocks:
      - type: article
        id: story
        at: {column: 1, span: 2, line: 1, lines: 10}
        body: ["%s"]
"""


def tiny(path: Path, text: str) -> Path:
    """An issue file with one short article whose body is ``text``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TINY % text, encoding="utf-8")
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["--version"])
    assert stop.value.code == 0 and capsys.readouterr().out.startswith("banmian 0.")


def test_a_fault_on_one_issue_of_a_batch_does_not_stop_the_others(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """An audit's batch stopped at a division by zero in its first issue (a house value since refused): the
    issues after it were never rendered and no count was printed. A fault of the code on one issue is said
    with its traceback, counted as failed, and the batch goes on."""
    tiny(tmp_path / "in" / "a.yaml", "第一份报纸。")
    tiny(tmp_path / "in" / "b.yaml", "第二份报纸。")
    real = cli._render

    def faulty(args: Any) -> Any:
        if args.issue.endswith("a.yaml"):
            raise ZeroDivisionError("float division by zero")
        return real(args)

    monkeypatch.setattr(cli, "_render", faulty)
    assert cli.main(["render", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 1
    said = capsys.readouterr()
    assert said.out.splitlines()[-1] == "2 issues: 1 rendered, 1 failed"
    assert "internal error on" in said.err and "ZeroDivisionError" in said.err
    assert (tmp_path / "out" / "b.pdf").is_file() and not (tmp_path / "out" / "a.pdf").exists()


def test_same_named_issues_in_two_folders_never_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tiny(tmp_path / "in" / "c1" / "x.yaml", "第一份报纸。")
    tiny(tmp_path / "in" / "c2" / "x.yaml", "第二份报纸。")
    out = tmp_path / "out"
    assert cli.main(["render", str(tmp_path / "in"), "-o", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "2 issues: 2 rendered, 0 failed"
    first, second = (out / "c1" / "x.pdf").read_bytes(), (out / "c2" / "x.pdf").read_bytes()
    assert first != second  # two different PDFs, each in its mirrored folder
    # two folders named on the command line mirror from their common parent
    folders = [str(tmp_path / "in" / "c1"), str(tmp_path / "in" / "c2")]
    assert cli.main(["render", *folders, "-o", str(tmp_path / "o2")]) == 0
    assert sorted(str(p.relative_to(tmp_path / "o2")) for p in (tmp_path / "o2").rglob("*.pdf")) == \
        ["c1/x.pdf", "c2/x.pdf"]


def test_a_yaml_and_a_yml_refuse_the_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tiny(tmp_path / "in" / "a.yaml", "甲。")
    tiny(tmp_path / "in" / "a.yml", "乙。")
    assert cli.main(["render", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "a.yaml and " in err and "a.yml would both write" in err
    assert not (tmp_path / "out").exists()


def test_a_batch_without_issues_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    assert cli.main(["render", str(tmp_path / "empty"), "-o", str(tmp_path / "out")]) == 2
    assert "no issue file" in capsys.readouterr().err
    tiny(tmp_path / "empty" / "sub" / "deep.yaml", "深处的一期。")  # issues in subfolders are found
    assert cli.main(["render", str(tmp_path / "empty"), "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "deep.pdf").is_file()


def test_several_issues_into_one_pdf_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tiny(tmp_path / "a.yaml", "甲。"), tiny(tmp_path / "b.yaml", "乙。")
    assert cli.main(["render", str(a), str(b), "-o", str(tmp_path / "x.pdf")]) == 2
    assert "not a PDF" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()


def test_default_output_beside_the_issue_and_the_extension_checked(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    issue = tiny(tmp_path / "day.yaml", "今天的报纸。")
    assert cli.main(["render", str(issue)]) == 0
    assert (tmp_path / "day.pdf").read_bytes()[:5] == b"%PDF-"
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'day.pdf'}: 1 page")
    assert cli.main(["render", str(issue), "-o", str(tmp_path / "day.png")]) == 2
    assert "name the output *.pdf" in capsys.readouterr().err and not (tmp_path / "day.png").exists()


@pytest.mark.parametrize("kind", ["fifo", "symlink", "hardlink-to-issue", "folder"])
def test_output_that_is_not_a_new_or_regular_file_is_refused(tmp_path: Path, kind: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    issue = tiny(tmp_path / "day.yaml", "今天的报纸。")
    before = issue.read_bytes()
    out = tmp_path / "out.pdf"
    if kind == "fifo":
        os.mkfifo(out)
    elif kind == "symlink":
        out.symlink_to(tmp_path / "elsewhere.pdf")
    elif kind == "hardlink-to-issue":
        os.link(issue, out)
    else:
        out.mkdir()
    assert cli.main(["render", str(issue), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "refused" in err and str(out) in err
    assert issue.read_bytes() == before and not (tmp_path / "elsewhere.pdf").exists()
    assert out.is_symlink() or not out.is_file() or out.read_bytes() == before


def test_reports_naming_an_input_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    issue = tiny(tmp_path / "day.yaml", "今天的报纸。")
    before = issue.read_bytes()
    assert cli.main(["render", str(issue), "-o", str(tmp_path / "d.pdf"), "--summary", str(issue)]) == 2
    assert "one of the issue's inputs" in capsys.readouterr().err and issue.read_bytes() == before


def test_output_naming_a_photo_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    Image.new("RGB", (40, 30), (200, 100, 50)).save(tmp_path / "photo.pdf.jpg", "JPEG")
    os.link(tmp_path / "photo.pdf.jpg", tmp_path / "photo.pdf")  # the same file under a .pdf name
    before = (tmp_path / "photo.pdf.jpg").read_bytes()
    issue = tmp_path / "p.yaml"
    issue.write_text(TINY % "图。" + """      - type: photo
        id: pic
        at: {column: 3, span: 2, line: 1, lines: 10}
        image: photo.pdf.jpg
""", encoding="utf-8")
    assert cli.main(["render", str(issue), "-o", str(tmp_path / "photo.pdf")]) == 2
    assert "one of the issue's inputs" in capsys.readouterr().err
    assert (tmp_path / "photo.pdf.jpg").read_bytes() == before


@pytest.mark.expect_warnings  # the overset article is logged
def test_an_overset_issue_is_not_listed_ok_and_its_warnings_name_it(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tight.yaml").write_text(OVERSET, encoding="utf-8")
    tiny(tmp_path / "in" / "fine.yaml", "好。")
    assert cli.main(["render", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    tight = next(line for line in captured.out.splitlines() if "tight.yaml" in line)
    assert ": ok" not in tight and "overset" in tight
    warning = next(line for line in captured.err.splitlines() if "overset:" in line)
    assert f"{tmp_path / 'in' / 'tight.yaml'}: overset" in warning


def test_ctrl_c_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_render", interrupted)
    assert cli.main(["render", str(SAMPLE)]) == 130
    assert capsys.readouterr().err == "banmian: interrupted (Ctrl-C)\n"


def _as_from_a_terminal() -> None:
    """In the child, before it runs: SIGINT at its default action and unblocked, as a terminal's Ctrl-C
    finds a command (a test run started in the background by a shell has SIGINT ignored, and a child
    inherits that: it would not stop)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def test_ctrl_c_in_a_real_process(tmp_path: Path) -> None:
    """SIGINT while ``preview --watch`` runs: a clean stop, no traceback, the README's line and exit 130."""
    issue = tiny(tmp_path / "w.yaml", "观察。")
    process = subprocess.Popen([sys.executable, "-m", "layout", "preview", str(issue), "--watch", "--dpi", "20"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=_as_from_a_terminal)
    deadline = time.monotonic() + 60
    while not (tmp_path / "w-preview" / "page-1.png").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and "Traceback" not in err, err
    assert err.strip().splitlines()[-1] == "banmian: interrupted (Ctrl-C)"
    assert (tmp_path / "w-preview" / "page-1.png").is_file()


def test_ctrl_c_stops_serve_with_the_readme_line(tmp_path: Path) -> None:
    issue = tiny(tmp_path / "s.yaml", "服务。")
    process = subprocess.Popen([sys.executable, "-m", "layout", "serve", str(issue), "--port", "0", "--dpi", "20"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=_as_from_a_terminal)
    assert process.stdout is not None
    lines = [process.stdout.readline() for _ in range(2)]  # the first render's line, then the address
    assert any(line.startswith("serving ") for line in lines), lines
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and "Traceback" not in err, err
    assert err.strip().splitlines()[-1] == "banmian: interrupted (Ctrl-C)"


def test_a_photo_that_is_a_fifo_or_a_device_is_not_called_missing(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(tmp_path / "pipe.jpg")
    for name, kind in (("pipe.jpg", "a device, FIFO or socket"), ("/dev/zero", "a device, FIFO or socket"),
                       (str(tmp_path), "a folder")):
        issue = tmp_path / "p.yaml"
        issue.write_text(f"""banmian: 1
issue: {{paper: 测试报, date: 2026-01-20}}
pages:
  - number: 1
    blocks:
      - {{type: photo, id: pic, at: {{column: 1, span: 2, line: 1, lines: 10}}, image: "{name}"}}
""", encoding="utf-8")
        assert cli.main(["render", str(issue), "-o", str(tmp_path / "p.pdf")]) == 2
        err = capsys.readouterr().err
        assert f"image file {name!r} is not a regular file ({kind})" in err and "not found" not in err
        assert f"{issue}:6 " in err


def test_a_batch_into_an_existing_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tiny(tmp_path / "a.yaml", "甲。"), tiny(tmp_path / "b.yaml", "乙。")
    before = a.read_bytes()
    assert cli.main(["render", str(a), str(b), "-o", str(a)]) == 2
    assert "-o names the folder the PDFs go into, not a file" in capsys.readouterr().err
    assert a.read_bytes() == before and not (tmp_path / "a.pdf").exists()


def test_the_same_issue_named_twice_is_rendered_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = tiny(tmp_path / "in" / "a.yaml", "甲。")
    (tmp_path / "link.yaml").symlink_to(a)
    spellings = [str(a), str(tmp_path / "in" / ".." / "in" / "a.yaml"), str(tmp_path / "link.yaml")]
    assert cli.main(["render", *spellings]) == 0
    out = capsys.readouterr().out
    assert "1 issues: 1 rendered, 0 failed" in out and (tmp_path / "in" / "a.pdf").is_file()


@pytest.mark.parametrize(("paper", "columns", "lines"), [("broadsheet", 8, 106), ("tabloid", 5, 73),
                                                         ("300x450", 6, 86), ("broadsheet", 1, 106),
                                                         ("tabloid", 1, 73), ("tabloid", 2, 73),
                                                         ("broadsheet", 3, 106), ("broadsheet", 12, 106)])
def test_init_writes_a_starter_that_renders(tmp_path: Path, capsys: pytest.CaptureFixture[str], paper: str,
                                            columns: int, lines: int) -> None:
    from layout.issue.load import load_issue

    issue = tmp_path / "new.yaml"
    assert cli.main(["init", str(issue), "--paper", paper, "--columns", str(columns), "--date", "2026-01-20"]) == 0
    said = capsys.readouterr().out
    page = load_issue(issue).pages[0]
    # the line count it announces: (height − 24 − 16 mm) / 13.5 pt, e.g. (545 − 40) mm = 1431.5 pt → 106 lines
    assert page.lines == lines and f"{lines} lines" in said and f"{lines} lines" in issue.read_text(encoding="utf-8")
    assert page.grid.columns == columns
    kinds = {type(b).__name__ for b in page.blocks}
    assert {"PhotoBlock", "ArticleBlock"} <= kinds  # the photo slot is kept on every grid
    assert cli.main(["render", str(issue)]) == 0
    assert (tmp_path / "new.pdf").is_file()
    before = issue.read_bytes()
    assert cli.main(["init", str(issue)]) == 2 and issue.read_bytes() == before  # never overwrites


@pytest.mark.parametrize(("option", "words"), [
    (["--columns", "0"], "--columns 0: a page has one column at least"),
    (["--columns", "-2"], "--columns -2"),
    (["--chars", "0"], "--chars 0"),
    (["--body-size", "9"], "--body-size 9: '9' is not a type size"),
    (["--body-size", "0pt"], "--body-size 0pt"),
])
def test_init_refuses_a_grid_it_cannot_make_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           option: list[str], words: str) -> None:
    """An audit's `init --columns 0` and `--body-size 9` ended in a traceback (a division by zero, a ValueError)."""
    issue = tmp_path / "new.yaml"
    assert cli.main(["init", str(issue), *option]) == 2
    err = capsys.readouterr().err
    assert words in err and "nothing written" in err and "Traceback" not in err and not issue.exists()


def test_serve_refuses_a_port_outside_the_range(capsys: pytest.CaptureFixture[str]) -> None:
    for port in ("99999", "-1", "http"):
        with pytest.raises(SystemExit) as stop:
            cli.main(["serve", str(SAMPLE), "--port", port])
        assert stop.value.code == 2 and "--port" in capsys.readouterr().err


def test_summary_and_report_are_json_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    picture = tmp_path / "lake.jpg"
    picture.write_bytes(b"\xff\xd8 a photo")
    for option in ("--summary", "--report"):
        assert cli.main(["render", str(SAMPLE), "-o", str(tmp_path / "x.pdf"), option, str(picture)]) == 2
        assert "name the output *.json" in capsys.readouterr().err
    assert picture.read_bytes() == b"\xff\xd8 a photo" and not (tmp_path / "x.pdf").exists()


def test_ctrl_c_stops_the_font_build_and_its_workers(tmp_path: Path) -> None:
    """The workers ignore SIGINT (it reaches the whole process group) and the parent ends them."""
    script = f"""
import sys, time
from pathlib import Path
from layout import cli, fontbuild
source = Path({str(tmp_path / "noto")!r})
source.mkdir()
for job in fontbuild.JOBS:
    (source / job.source).write_bytes(b"")
def slow(job, out_dir, source_dir):
    time.sleep(60)
fontbuild.build_one = slow
fontbuild.NOTO_DIR = source
build_all = fontbuild.build_all
fontbuild.build_all = lambda out, workers=2: build_all(out, source, workers)
sys.exit(cli.main(["fonts", "--out", {str(tmp_path / "out")!r}]))
"""
    process = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=_as_from_a_terminal)
    time.sleep(3)
    os.killpg(process.pid, signal.SIGINT)
    started = time.monotonic()
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130 and err == "banmian: interrupted (Ctrl-C)\n", err
    assert time.monotonic() - started < 10  # not after the queued faces
