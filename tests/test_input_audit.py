"""Bad input an audit found taken without a word: each is now read as the editor meant it, or said
with its file, line and key. Placeholder copy written for the tests (not news)."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.issue.load import load_issue
from tests.test_hostile import run

HEAD = """banmian: 1
issue: {paper: 测试报, date: 2026-01-20}
pages:
  - number: 1
    blocks:
"""
TABLE = """      - type: table
        id: t
        at: {column: 1, span: 3, line: 1, lines: 30}
        columns: [项目, =]
        rows:
          - [甲, =]
          - - 乙
            - =
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "i.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_equals_sign_in_a_cell_is_the_text_typed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A lone ``=`` (YAML 1.1's "value" type, which the reader could not build: a jargon error naming a tag)
    is text, as typed, in a table's heads and cells and wherever text is taken."""
    table = load_issue(_write(tmp_path, HEAD + TABLE)).pages[0].blocks[0]
    assert [c.head for c in table.columns] == ["项目", "="]  # type: ignore[attr-defined]
    assert table.rows == (("甲", "="), ("乙", "="))  # type: ignore[attr-defined]
    code, err = run(tmp_path, HEAD + TABLE, capsys)
    assert code == 0 and "tag" not in err, err
