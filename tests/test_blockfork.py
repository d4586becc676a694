"""A page's stories shared by two processes (``layout.blockfork``) give the page one process gives:
the same frame, the same reports, the same warnings in the same order, and the same error when a
block cannot be set (the first in page order, whichever process met it)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import layout.blockfork
import layout.workers
from layout.blocks import of
from layout.issue.load import load_issue
from layout.issue.model import ArticleBlock, Issue
from layout.page import typeset
from layout.text.clean import clean_issue
from layout.text.font import FontBook
from tests.fresh import one_page_issue

pytestmark = pytest.mark.skipif(layout.workers.cores() < 2, reason="one processor: nothing is shared")


def _page_one(tmp_path: Path) -> Issue:
    """The customer's page 1 as an issue of its own, cleaned."""
    return clean_issue(load_issue(one_page_issue(tmp_path)))[0]


def _forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the tasks forked from now on (one entry each); a second processor is taken as free
    whatever the machine's load (``idle_core``)."""
    monkeypatch.setattr(layout.blockfork, "idle_core", lambda: True)
    forked: list[int] = []
    fork = layout.blockfork.fork_task

    def counting(task: Callable[[], Any]) -> tuple[int, int]:
        forked.append(1)
        return fork(task)

    monkeypatch.setattr(layout.blockfork, "fork_task", counting)
    return forked


def _set(issue: Issue, book: FontBook, jobs: int, caplog: pytest.LogCaptureFixture) -> tuple[Any, ...]:
    """The page's frame, its block reports and the warnings given, in order."""
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="banmian"):
        document, report = typeset(issue, book, jobs)
    return document.pages, report.blocks, [r.getMessage() for r in caplog.records]


@pytest.mark.expect_warnings  # the sample's widow, and the oversets below
def test_the_page_set_in_two_processes_is_the_page_set_in_one(tmp_path: Path, book: FontBook,
                                                             caplog: pytest.LogCaptureFixture,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    issue = _page_one(tmp_path)
    forked = _forks(monkeypatch)
    alone = _set(issue, book, 1, caplog)
    assert not forked
    shared = _set(issue, book, 2, caplog)
    assert forked == [1]
    assert shared == alone
    assert sum(isinstance(item, ArticleBlock) for item in issue.pages[0].blocks) >= 4


@pytest.mark.expect_warnings
def test_warnings_of_both_processes_come_in_page_order(tmp_path: Path, book: FontBook,
                                                      caplog: pytest.LogCaptureFixture,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    issue = _page_one(tmp_path)
    page = issue.pages[0]
    short = tuple(replace(b, at=replace(b.at, lines=max(8, b.at.lines // 2))) if isinstance(b, ArticleBlock) else b
                  for b in page.blocks)  # every story overset
    issue = replace(issue, pages=(replace(page, blocks=short),))
    forked = _forks(monkeypatch)
    alone = _set(issue, book, 1, caplog)
    shared = _set(issue, book, 2, caplog)
    assert forked == [1]
    overset = [message for message in alone[2] if "overset" in message]
    stories = [b.id for b in short if isinstance(b, ArticleBlock)]
    assert [s for s in stories if any(repr(s) in message for message in overset)] == stories
    assert shared == alone


@pytest.mark.expect_warnings  # the one-page copy's jump lines (`jump: 2 #a`) are warned of as comments
@pytest.mark.parametrize("failing", [("lead",), ("panlong",), ("cuihu", "panlong"), ("liucheng", "lead"),
                                     ("liucheng", "jianxun"), ("jianxun", "panlong")])
def test_a_block_that_cannot_be_set_raises_as_in_one_process(tmp_path: Path, book: FontBook, failing: tuple[str, ...],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    issue = _page_one(tmp_path)

    def failing_type(block: Any) -> Any:
        kind = of(block)
        if block.id not in failing:
            return kind

        def fail(block: Any, context: Any) -> Any:
            raise ValueError(f"cannot set {block.id}")

        return replace(kind, layout=fail)

    monkeypatch.setattr(layout.blockfork, "of", failing_type)
    forked = _forks(monkeypatch)
    raised = []
    for jobs in (1, 2):
        with pytest.raises(ValueError) as caught:
            typeset(issue, book, jobs)
        raised.append(str(caught.value))
    assert forked == [1]
    first = next(b.id for b in issue.pages[0].blocks if b.id in failing)
    assert raised == [f"cannot set {first}"] * 2


def test_a_page_of_little_text_is_set_in_one_process(book: FontBook, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "short.yaml"
    path.write_text("banmian: 1\nissue: {paper: 测试报, date: 2026-01-20}\npages:\n  - number: 1\n    blocks:\n"
                    + "".join(f"      - {{type: article, id: a{k}, at: {{column: {2 * k + 1}, span: 2, line: 1, "
                              f"lines: 20}}, body: ['（占位）短稿第{k}篇。']}}\n" for k in range(3)),
                    encoding="utf-8")
    forked = _forks(monkeypatch)
    document, _ = typeset(clean_issue(load_issue(path))[0], book, 2)
    assert not forked
    assert sum(1 for item in document.pages[0].items if getattr(item, "block", "") in {"a0", "a1", "a2"}) >= 3
