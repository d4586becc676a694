"""A warning given once a process (an optional font not installed) is written once by the command,
however many of the worker processes that lay out a long issue's pages gave it, where one process
writes it."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest

from layout import logger
from layout.page import PARALLEL_FROM
from tests.fresh import ROOT, one_page_issue

#: ``banmian ARGS…`` with the optional extension faces not installed (their files not found).
NO_EXT = """
import sys
import layout.text.font as font
find = font.find_font
font.find_font = lambda stem: None if "Ext" in stem else find(stem)
from layout.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _pages_issue(folder: Path, pages: int) -> Path:
    """The customer's first page repeated on ``pages`` pages (ids made unique), each with 㑇 (U+3447,
    CJK Extension A: only the extension faces have it) at the head of its lead's body."""
    head, page = one_page_issue(folder).read_text(encoding="utf-8").split("pages:\n", 1)
    page = page.replace("本报讯", "㑇本报讯", 1)
    assert "㑇" in page
    copies = [page] + [re.sub(r"\b(id|ref): ([\w-]+)", rf"\1: \2-{n}", page.replace("- number: 1", f"- number: {n}", 1))
                       for n in range(2, pages + 1)]
    path = folder / "pages.yaml"
    path.write_text(head + "pages:\n" + "\n".join(p.rstrip("\n") for p in copies) + "\n", encoding="utf-8")
    return path


def _render(issue: Path, out: Path, jobs: int) -> str:
    """The command's standard error, rendering ``issue`` with ``--jobs`` and no extension faces."""
    done = subprocess.run([sys.executable, "-c", NO_EXT, "render", str(issue), "-o", str(out), "--quiet", "--jobs",
                           str(jobs)], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stderr


def test_a_missing_optional_font_is_written_once_by_a_render_in_workers(tmp_path: Path) -> None:
    issue = _pages_issue(tmp_path, PARALLEL_FROM)
    alone = _render(issue, tmp_path / "alone.pdf", 1)
    workers = _render(issue, tmp_path / "workers.pdf", 2)
    assert alone.count("not installed") == 1 and "U+3447" in alone
    assert workers == alone
    assert (tmp_path / "workers.pdf").read_bytes() == (tmp_path / "alone.pdf").read_bytes()


def test_the_command_writes_a_once_warning_once_and_others_each_time(capsys: pytest.CaptureFixture[str],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logger.LOGGER, "handlers", [])
    monkeypatch.setattr(logger.LOGGER, "propagate", logger.LOGGER.propagate)
    monkeypatch.setattr(logger.LOGGER, "level", logger.LOGGER.level)
    logger.configure()
    with logger.kept() as said:  # as a worker keeps them
        logger.LOGGER.warning("font X.ttf not installed", extra={logger.ONCE: "absent X"})
        logger.LOGGER.warning("loose line")
    assert said == [(logging.WARNING, "font X.ttf not installed", "absent X"), (logging.WARNING, "loose line", "")]
    logger.replay(said)
    logger.replay(said)  # another worker's
    logger.LOGGER.warning("font X.ttf not installed", extra={logger.ONCE: "absent X"})  # this process's own
    err = capsys.readouterr().err
    assert err.count("not installed") == 1 and err.count("loose line") == 2
