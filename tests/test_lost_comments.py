"""Copy that YAML reads as a comment is told, with its line (an audit: a Weibo topic typed in copy,
``网友在微博发起 #春城花开# 话题``, printed as 网友在微博发起 and nothing was said, even under --strict).

The copy below is written for this test (placeholders). Properties: every value followed by ``#`` and
more than a space is named with its line; comments for the file's reader (``# note``, a line of its
own, after a key with no value), a ``#`` in quotes, in a URL or in a block scalar are not.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from layout.issue.comments import lost_comments
from layout.issue.load import load_issue

TEXT = """banmian: 1   # the format
# a whole line of notes #todo
issue: {paper: 测试报, date: 2026-01-20}
pages:
  - number: 1
    blocks:           # the page's blocks
      - type: article
        id: a
        at: {column: 1, span: 4, line: 1, lines: 30}
        headline: 春城花开 #昆明# 话题刷屏
        kicker: "引题 #不是注释# 照印"
        body:
          - 网友在微博发起 #春城花开# 话题，阅读量超过一亿次。
          - 详见 https://example.cn/page#part2 的说明。 # a note for the desk
          - '第二段 #话题# 在引号里'
          - 第三段 #12 期。
      - type: photo
        id: p
        at: {column: 5, span: 4, line: 1, lines: 30}
        caption: |
          图说 #照片# 在块里
        credit: 本报记者 摄
"""


def test_values_cut_by_a_comment_are_named_with_their_lines() -> None:
    found = lost_comments(TEXT)
    assert [line for line, _ in found] == [10, 13, 16]
    assert found[0][1].startswith("#昆明#") and found[2][1] == "#12 期。"


def test_a_file_without_such_a_comment_is_not_read_twice() -> None:
    assert lost_comments("a: 1  # note\n# #heading\nb: x#y\nc: 'p #q'\n") == []


@pytest.mark.parametrize(("text", "lines"), [
    ("headline: #春城花开# 话题刷屏\nbody: x\n", [1]),  # the whole value a comment: read as none (a review)
    ("kicker: #两会#\n", [1]),
    ("body:\n  - #话题# 开头的段落\n  - 第二段\n", [2]),
    ("blocks:  #todo\n  - a\n", []),  # a key with its value under it: a note
    ("a: 'Xi''an #1 新区'\n", []),  # (a quote inside a single-quoted value)
    ("a: '网友' #x\n", []),  # (quoted already: a note after it)
    ("c: | #note\n  text #x\n", []),  # (a block scalar's header and text)
    ("--- #x\na: 1\n", []),
    ("- body: |\n    text #x\n  credit: 摄影 #某某\n", [3]),  # (the key after a block opened on a dash line)
    ('"body": 网友 #春城花开# 话题\n', [1]),  # (a quoted key: a second review)
    ("body:  |\n  网友 #春城花开# 话题\n", []),  # (a block header after two spaces)
    ("pages: #第1版\n- a\n", []),  # (a list at its key's own column is its value)
    ("- k: #x\n  j: 1\n", [1]),
    ("- k: #x\n  - 1\n", []),
])
def test_a_review_s_cases(text: str, lines: list[int]) -> None:
    assert [line for line, _ in lost_comments(text)] == lines


@pytest.mark.expect_warnings
def test_the_loader_warns_and_the_copy_is_as_yaml_reads_it(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "hash.yaml"
    path.write_text(TEXT, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        issue = load_issue(path)
    said = [r.getMessage() for r in caplog.records if "YAML comment" in r.getMessage()]
    assert [m.split(": ")[0] for m in said] == ["hash.yaml:10", "hash.yaml:13", "hash.yaml:16"], said
    article = issue.pages[0].blocks[0]
    assert article.headline.text == "春城花开"  # type: ignore[union-attr]  # (what YAML reads: hence the warning)
