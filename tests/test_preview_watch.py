"""Watch mode: one re-render per change of the issue file or an image it references."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from layout.preview.build import typeset_file, write_preview
from layout.preview.watch import Watcher, render_and_watch
from layout.text.font import FontBook
from tests.test_flow import HEAD

POLL = 0.02
ISSUE = HEAD + """      - type: photo
        id: pic
        at: {column: 1, span: 3, line: 1, lines: 12}
        image: pic.png
        caption: 图片说明。
      - type: article
        id: story
        at: {column: 4, span: 3, line: 1, lines: 12}
        headline: 标题
        body: [新闻正文。]
"""


def touch(path: Path, step: int = 1) -> None:
    """Move a file's modification time ``step`` seconds on (as a save does, but certainly different)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + step * 1_000_000_000))


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Wait until ``condition()`` holds (fail after ``timeout`` seconds: a bound for a loaded machine,
    not a speed check)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(POLL)


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    """An issue with one photo (pic.png) and one article."""
    Image.new("RGB", (300, 200), (120, 160, 200)).save(tmp_path / "pic.png")
    path = tmp_path / "issue.yaml"
    path.write_text(ISSUE, encoding="utf-8")
    return path


def test_a_change_fires_once_after_it_settles(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    a.write_text("x", encoding="utf-8")
    calls: list[int] = []
    watcher = Watcher([a], lambda: calls.append(1) or None)
    assert not watcher.poll()
    touch(a)
    assert not watcher.poll()  # changed: wait one poll
    a.write_text("xy", encoding="utf-8")  # a second write before it settled
    assert not watcher.poll()
    assert watcher.poll() and calls == [1]  # settled: one call for both writes
    assert not watcher.poll() and not watcher.poll() and calls == [1]


def test_files_returned_by_the_render_are_watched_and_new_files_count(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.png"
    a.write_text("x", encoding="utf-8")
    calls: list[int] = []

    def render() -> list[Path]:
        calls.append(1)
        return [a, b]

    watcher = Watcher([a], render)
    touch(a)
    watcher.poll()
    assert watcher.poll() and watcher.files == (a, b)
    b.write_bytes(b"png")  # b appears
    watcher.poll()
    assert watcher.poll() and len(calls) == 2
    b.unlink()  # and vanishes
    watcher.poll()
    assert watcher.poll() and len(calls) == 3


def test_watcher_thread_renders_once_per_touch(issue: Path) -> None:
    calls: list[float] = []
    watcher = Watcher([issue], lambda: calls.append(time.monotonic()) or None, interval=POLL)
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,))
    thread.start()
    try:
        time.sleep(10 * POLL)
        assert calls == []
        touch(issue)
        wait_for(lambda: len(calls) == 1)
        time.sleep(10 * POLL)
        assert len(calls) == 1
        touch(issue, 2)
        wait_for(lambda: len(calls) == 2)
        time.sleep(10 * POLL)
        assert len(calls) == 2
    finally:
        stop.set()
        thread.join()


def save(path: Path, text: str) -> None:
    """Save as an editor does, by replacing the file: a truncated file seen half-written on a
    loaded machine would be a second error this test does not mean to make."""
    fresh = path.with_suffix(".tmp")
    fresh.write_text(text, encoding="utf-8")
    os.replace(fresh, path)


@pytest.mark.expect_warnings  # a small test photo: low resolution
def test_render_and_watch_follows_the_yaml_and_its_images(issue: Path, book: FontBook) -> None:
    out = issue.parent / "out"
    renders: list[Path] = []
    errors: list[str] = []

    def render() -> tuple[Path, ...]:
        preview = typeset_file(issue, book)
        write_preview(preview, book, out, 30)
        renders.append(issue)
        return preview.files

    stop = threading.Event()
    thread = threading.Thread(target=render_and_watch, args=(issue, render, lambda e: errors.append(str(e)), stop,
                                                             POLL))
    thread.start()
    try:
        wait_for(lambda: len(renders) == 1)
        assert (out / "page-1.png").is_file()
        touch(issue.parent / "pic.png")  # an image the YAML references
        wait_for(lambda: len(renders) == 2)
        save(issue, ISSUE.replace("span: 3, line: 1", "span: 9, line: 1", 1))
        touch(issue)  # the same size: make the new time certain even on a coarse clock
        wait_for(lambda: len(errors) == 1)
        assert "issue.yaml:" in errors[0] and "span: 9 is more than the 6 columns" in errors[0]
        save(issue, ISSUE)  # fixed: renders again
        touch(issue, 2)
        wait_for(lambda: len(renders) == 3)
        time.sleep(10 * POLL)
        assert len(renders) == 3 and len(errors) == 1
    finally:
        stop.set()
        thread.join()
