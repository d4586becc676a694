"""Nothing hung, nothing left behind: workers die with their parent, temporary files are removed
on every exit path that can run code, and a killed process's leftovers go with the next write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from layout.files import write_atomic

ROOT = Path(__file__).resolve().parents[1]
WORKERS = """
import sys, time
from pathlib import Path
import layout.page
import layout.files
from layout.issue.load import load_issue
from layout.text.font import FontBook

def slow(index):
    time.sleep(60)

getattr(layout.files, "exit_cleanly_on_sigterm", lambda: None)()  # as the command does
layout.page._compose_one = slow
book = FontBook({role: ("BoxTest",) for role in ("song", "song_bold", "hei", "hei_bold", "kai")})
path = Path(sys.argv[1]) / "i.yaml"
page = "\\n  - number: %d\\n    blocks: [{type: article, id: a%d, at: {column: 1, span: 2, line: 1, lines: 9}, "
pages = "".join(page % (n, n) + "body: [x]}]" for n in range(1, 5))
path.write_text("banmian: 1\\nissue: {paper: p, date: 2026-01-20}\\npages:" + pages)
layout.page.typeset(load_issue(path), book, jobs=2)
"""


def _reap(child: subprocess.Popen[str]) -> None:
    """Kill ``child`` if it still runs, wait for it and close its pipe."""
    child.kill()
    child.wait()
    if child.stderr:
        child.stderr.close()


def _children(pid: int) -> list[int]:
    """Process ids of the children of ``pid`` (Linux /proc)."""
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (and is not a zombie waiting for its parent)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _wait(condition, seconds: float = 20.0) -> bool:  # type: ignore[no-untyped-def]
    """Poll ``condition`` until it holds or ``seconds`` pass."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_layout_workers_exit_with_their_parent(tmp_path: Path, box_font_dir: Path, sig: int) -> None:
    """Killing the main process during parallel layout left its workers blocked forever."""
    env = {**os.environ, "PYTHONPATH": ".", "BANMIAN_FONT_PATH": str(box_font_dir),
           "BANMIAN_CACHE": str(tmp_path / "cache")}
    child = subprocess.Popen([sys.executable, "-c", WORKERS, str(tmp_path)], cwd=ROOT, env=env,
                             stderr=subprocess.PIPE, text=True)
    workers: list[int] = []
    try:
        assert _wait(lambda: len(_children(child.pid)) >= 2), "no workers started"
        workers = _children(child.pid)
        time.sleep(0.3)  # the workers are inside their (slow) page
        child.send_signal(sig)
        child.wait(20)
        assert _wait(lambda: not any(_alive(w) for w in workers), 5.0), "workers outlived their parent"
        if sig == signal.SIGTERM:
            assert child.returncode == 143
            assert "Traceback" not in (child.stderr.read() if child.stderr else "")
    finally:
        for w in workers:
            if _alive(w):
                os.kill(w, signal.SIGKILL)
        _reap(child)


WRITER = """
import sys, time
from pathlib import Path
import layout.files
from layout.files import write_atomic
getattr(layout.files, "exit_cleanly_on_sigterm", lambda: None)()  # as the command does
layout.files.os.replace = lambda *args: time.sleep(60)  # the rename never comes: stopped in between
write_atomic(Path(sys.argv[1]), b"%PDF-" + b"x" * 100000)
"""


def test_sigterm_between_writing_and_renaming_leaves_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(out)], cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": "."}, stderr=subprocess.PIPE, text=True)
    try:
        assert _wait(lambda: any(tmp_path.glob(".out.pdf.*"))), "the temporary file never appeared"
        child.send_signal(signal.SIGTERM)
        assert child.wait(20) == 143
        assert list(tmp_path.iterdir()) == []
        assert "Traceback" not in (child.stderr.read() if child.stderr else "")
    finally:
        _reap(child)


def test_the_next_write_removes_what_a_killed_process_left(tmp_path: Path) -> None:
    """SIGKILL runs no code: its temporary file stays until the next write to the same path."""
    dead = tmp_path / ".out.pdf.4194305.0a1b2c3d.part"  # beyond Linux's largest process id
    live = tmp_path / f".out.pdf.{os.getpid()}.0a1b2c3d.part"  # a write in progress elsewhere
    other = tmp_path / ".other.pdf.4194305.0a1b2c3d.part"
    for path in (dead, live, other):
        path.write_bytes(b"half")
    write_atomic(tmp_path / "out.pdf", b"whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, other.name, "out.pdf"])


SMALL = """banmian: 1
issue: {paper: 测试报, date: 2026-01-20}
pages:
  - number: 1
    blocks:
      - type: article
        id: a
        at: {column: 1, span: 2, line: 1, lines: 12}
        headline: 昆明至磨憨铁路货运量同比增长三成
        body: ["据海关统计，今年前三季度经中老铁路进出口货物同比增长。"]
"""


def _command(tmp_path: Path, stdout: int | object, *pre: str) -> subprocess.CompletedProcess[str]:
    """``python -m layout render`` of a small issue, standard output as given."""
    (tmp_path / "i.yaml").write_text(SMALL, encoding="utf-8")
    env = {**os.environ, "BANMIAN_CACHE": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, *pre, "-m", "layout", "render", str(tmp_path / "i.yaml"), "-o",
                           str(tmp_path / "i.pdf")], cwd=ROOT, env=env, stdout=stdout, stderr=subprocess.PIPE,
                          text=True, timeout=120)


def test_a_closed_pipe_on_stdout_is_quiet_and_the_pdf_is_written(tmp_path: Path) -> None:
    read, write = os.pipe()
    os.close(read)  # as `banmian render … | true` once true has exited
    try:
        result = _command(tmp_path, write)
    finally:
        os.close(write)
    assert "Traceback" not in result.stderr and "Error" not in result.stderr, result.stderr
    assert result.returncode == 0 and (tmp_path / "i.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_on_stdout_is_one_line_and_exit_4(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        result = _command(tmp_path, full)
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert errors == ["banmian: error: cannot write to standard output (No space left on device)"]
    assert result.returncode == 4 and (tmp_path / "i.pdf").exists()


def test_the_fast_exit_runs_the_exit_handlers_first(tmp_path: Path) -> None:
    (tmp_path / "i.yaml").write_text(SMALL, encoding="utf-8")
    script = ("import atexit, runpy, sys\n"
              "atexit.register(lambda: print('handler ran', file=sys.stderr))\n"
              f"sys.argv = ['banmian', 'render', {str(tmp_path / 'i.yaml')!r}, '-o', {str(tmp_path / 'i.pdf')!r}]\n"
              "runpy.run_module('layout', run_name='__main__')\n")
    env = {**os.environ, "BANMIAN_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0 and "handler ran" in result.stderr, result.stderr
    assert list((tmp_path / "cache").glob("words-*.pickle")), "the segmentation prefetch finished its cache"


def test_a_profiler_gets_its_report(tmp_path: Path) -> None:
    result = _command(tmp_path, subprocess.PIPE, "-m", "cProfile", "-s", "tottime")
    assert result.returncode == 0 and "function calls" in result.stdout


def test_a_source_date_epoch_that_is_no_whole_number_is_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH stamps the PDF (reproducible builds); set to something else, the render
    stops with a message naming it (not a traceback) and leaves no PDF."""
    out = tmp_path / "p.pdf"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "12.5"}
    run = subprocess.run([sys.executable, "-m", "layout", "render", "issue/sample-broadsheet.yaml", "-o", str(out)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode != 0
    assert "SOURCE_DATE_EPOCH" in run.stderr and "'12.5'" in run.stderr
    assert "Traceback" not in run.stderr
    assert not out.exists()
