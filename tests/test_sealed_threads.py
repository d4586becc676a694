"""Two threads of one process writing the same sealed cache file at once (the preview's server
and its watcher both render, each may store a font subset or a cache entry): each must write
its own temporary file, so neither fails nor leaves a file mixed from both payloads."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest

from layout import sealed

TAG = b"test"


def test_two_threads_write_one_file_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both threads open their temporary file before either writes (a barrier holds them), then
    write payloads of different lengths: both calls return, the file reads back sealed as one
    of the two payloads, the two temporary files had different names and none is left."""
    target = tmp_path / "cache" / "entry.bin"
    barrier = threading.Barrier(2, timeout=10)
    opened: list[str] = []
    real_open = os.open

    def open_then_wait(name: Any, flags: int, mode: int = 0o777) -> int:
        fd = real_open(name, flags, mode)
        opened.append(os.fspath(name))
        barrier.wait()
        return fd

    monkeypatch.setattr(sealed.os, "open", open_then_wait)
    payloads = [b"a" * 100_000, b"b" * 10]
    failed: list[BaseException] = []

    def write(payload: bytes) -> None:
        try:
            sealed.write(target, TAG, payload)
        except BaseException as error:  # (reported by the test below)
            failed.append(error)

    threads = [threading.Thread(target=write, args=(p,)) for p in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    monkeypatch.undo()
    assert not failed, failed
    assert len(set(opened)) == 2, opened
    assert bytes(sealed.read(target, TAG)) in payloads
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_one_thread_writes_again(tmp_path: Path) -> None:
    """The same thread writing the same file twice: the second payload is the one read back."""
    target = tmp_path / "entry.bin"
    sealed.write(target, TAG, b"first")
    sealed.write(target, TAG, b"second")
    assert bytes(sealed.read(target, TAG)) == b"second"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
