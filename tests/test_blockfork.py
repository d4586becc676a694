"""A page's stories shared by two processes (``layout.blockfork``) give the page one process gives:
the same frame, the same reports, the same warnings in the same order (a warning given once a
process once), and the same error when a block cannot be set (the first in page order, whichever
process met it, of its own type, even one that does not pickle); a fork that fails, or a forked
process that dies, leaves the page to this process; the words of display copy the forked process
looked up are kept for the word cache."""

from __future__ import annotations

import logging
import os
import random
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import layout.blockfork
import layout.text.font
import layout.workers
from layout.blockfork import EXACT, FIXED, OVERHEAD
from layout.blocks import of
from layout.flow import words
from layout.issue.load import load_issue
from layout.issue.model import ArticleBlock, Issue
from layout.logger import LOGGER, ONCE
from layout.page import PARALLEL_FROM, typeset
from layout.text.clean import clean_issue
from layout.text.font import FontBook
from tests.fresh import one_page_issue

REAL_FORK = layout.workers.fork_task
STORIES = ("lead", "cuihu", "liucheng", "yangzonghai", "panlong")  # page 1's articles, in page order


def _page_one(tmp_path: Path) -> Issue:
    """The customer's page 1 as an issue of its own, cleaned."""
    return clean_issue(load_issue(one_page_issue(tmp_path)))[0]


def _forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The process ids of the tasks forked from now on; a second processor is taken as free whatever
    the machine's load (``idle_core``)."""
    monkeypatch.setattr(layout.workers, "idle_core", lambda: True)
    forked: list[int] = []
    fork = layout.workers.fork_task

    def counting(task: Callable[[], Any]) -> tuple[int, int]:
        started = fork(task)
        forked.append(started[0])
        return started

    monkeypatch.setattr(layout.workers, "fork_task", counting)
    return forked


def _shared(issue: Issue) -> tuple[set[str], set[str]]:
    """The ids of page 1's stories the forked process sets, and of those this one sets."""
    blocks = issue.pages[0].blocks
    given = layout.blockfork._share(blocks)
    theirs = {blocks[k].id for k in given}
    return theirs, {b.id for b in blocks if isinstance(b, ArticleBlock)} - theirs


def _set(issue: Issue, book: FontBook, jobs: int, caplog: pytest.LogCaptureFixture) -> tuple[Any, ...]:
    """The page's frame, its block reports and the warnings given, in order."""
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="banmian"):
        document, report = typeset(issue, book, jobs)
    return document.pages, report.blocks, [r.getMessage() for r in caplog.records]


def _each_block(monkeypatch: pytest.MonkeyPatch, before: Callable[[Any], None]) -> None:
    """Every block's layout calls ``before(block)`` first (in whichever process lays it out)."""

    def wrapped(block: Any) -> Any:
        kind = of(block)

        def layout_it(block: Any, context: Any) -> Any:
            before(block)
            return kind.layout(block, context)

        return replace(kind, layout=layout_it)

    monkeypatch.setattr(layout.blockfork, "of", wrapped)


@pytest.fixture
def one_page(tmp_path: Path) -> Iterator[Issue]:
    """Page 1, the stories it shares checked to fall on both sides."""
    issue = _page_one(tmp_path)
    theirs, ours = _shared(issue)
    assert theirs and ours
    yield issue


@pytest.mark.expect_warnings  # the sample's widow
def test_the_page_set_in_two_processes_is_the_page_set_in_one(one_page: Issue, book: FontBook,
                                                             caplog: pytest.LogCaptureFixture,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    forked = _forks(monkeypatch)
    alone = _set(one_page, book, 1, caplog)
    assert not forked
    shared = _set(one_page, book, 2, caplog)
    assert len(forked) == 1 and forked[0] != os.getpid()
    assert shared == alone


@pytest.mark.expect_warnings
def test_warnings_of_both_processes_come_in_page_order_and_once_a_process_once(
        one_page: Issue, book: FontBook, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    said_once: set[int] = set()  # (the processes that gave the once-a-process warning: as the font book keeps)

    def say(block: Any) -> None:
        LOGGER.warning("setting %s", block.id)
        if block.id in STORIES and os.getpid() not in said_once:
            said_once.add(os.getpid())
            LOGGER.warning("an optional face is not installed", extra={ONCE: "absent test"})

    _each_block(monkeypatch, say)
    forked = _forks(monkeypatch)
    alone = _set(one_page, book, 1, caplog)
    said_once.clear()
    shared = _set(one_page, book, 2, caplog)
    assert len(forked) == 1
    setting = [m.split()[1] for m in shared[2] if m.startswith("setting ")]
    assert setting == [b.id for b in one_page.pages[0].blocks]
    assert shared[2].count("an optional face is not installed") == 1
    assert shared == alone


@pytest.mark.expect_warnings  # the one-page copy's jump lines (`jump: 2 #a`) are warned of as comments
@pytest.mark.parametrize("failing", [("lead",), ("panlong",), ("cuihu", "panlong"), ("liucheng", "lead"),
                                     ("liucheng", "jianxun"), ("jianxun", "panlong")])
def test_a_block_that_cannot_be_set_raises_as_in_one_process(one_page: Issue, book: FontBook, failing: tuple[str, ...],
                                                             caplog: pytest.LogCaptureFixture,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    class Unpicklable(Exception):
        """An error that holds a lock: it does not pickle (so it cannot come back from a process)."""

        def __init__(self, what: str) -> None:
            super().__init__(what)
            self.lock = threading.Lock()

    said_once: set[int] = set()  # (the processes that gave the once-a-process warning: as the font book keeps)

    def fail(block: Any) -> None:
        LOGGER.warning("setting %s", block.id)
        if block.id in failing:
            if os.getpid() not in said_once:
                said_once.add(os.getpid())
                LOGGER.warning("an optional face is not installed", extra={ONCE: "absent test"})
            raise Unpicklable(f"cannot set {block.id}")

    _each_block(monkeypatch, fail)
    forked = _forks(monkeypatch)
    raised, said = [], []
    for jobs in (1, 2):
        said_once.clear()
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="banmian"), pytest.raises(Unpicklable) as caught:
            typeset(one_page, book, jobs)
        raised.append(str(caught.value))
        said.append([r.getMessage() for r in caplog.records])
    assert len(forked) == 1
    first = next(b.id for b in one_page.pages[0].blocks if b.id in failing)
    assert raised == [f"cannot set {first}"] * 2
    assert said[1] == said[0] and said[0][-2:] == [f"setting {first}", "an optional face is not installed"]


@pytest.mark.expect_warnings
def test_a_failed_fork_or_a_dead_process_leaves_the_page_to_this_one(one_page: Issue, book: FontBook,
                                                                     caplog: pytest.LogCaptureFixture,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _set(one_page, book, 1, caplog)
    monkeypatch.setattr(layout.workers, "idle_core", lambda: True)

    def no_fork(task: Callable[[], Any]) -> tuple[int, int]:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(layout.workers, "fork_task", no_fork)
    assert _set(one_page, book, 2, caplog) == alone
    monkeypatch.setattr(layout.workers, "fork_task", REAL_FORK)
    theirs, _ = _shared(one_page)

    def die(block: Any) -> None:
        if block.id in theirs and os.getpid() != parent:
            os._exit(3)  # (the forked process dies without a word)

    parent = os.getpid()
    _each_block(monkeypatch, die)
    assert _set(one_page, book, 2, caplog) == alone


def _no_words(monkeypatch: pytest.MonkeyPatch, stored: dict[str, bytes] | None = None) -> None:
    """The word cache as a process starts with it: ``stored`` its file's answers (none by default)."""
    for name, value in (("_memo", {}), ("_used", set()), ("_fresh", set()), ("_dirty", False),
                        ("_stored", dict(stored or {})), ("_loaded", True)):
        monkeypatch.setattr(words, name, value)


@pytest.mark.expect_warnings
def test_the_words_the_forked_process_looked_up_are_kept(one_page: Issue, book: FontBook,
                                                        caplog: pytest.LogCaptureFixture,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(words, "flush", lambda: None)  # (no cache file written by the test)
    _each_block(monkeypatch, lambda block: words.words(f"（占位）版面分词{block.id}"))  # (in both processes)
    theirs, _ = _shared(one_page)
    asked = {f"（占位）版面分词{name}" for name in theirs}
    looked_up = []
    for jobs in (1, 2):
        _no_words(monkeypatch)
        _set(one_page, book, jobs, caplog)
        looked_up.append((set(words._memo), set(words._used), words._dirty))
    handed: list[set[str]] = []
    adopt = words.adopt
    monkeypatch.setattr(words, "adopt", lambda found, used: (handed.append(set(found)), adopt(found, used)))
    _no_words(monkeypatch)
    forked = _forks(monkeypatch)
    _set(one_page, book, 2, caplog)
    assert len(forked) == 1 and handed and asked <= handed[0]
    assert looked_up[1] == looked_up[0] == (set(words._memo), set(words._used), True)
    answers = {text: words.encode(words._memo[text]) for text in words._memo}
    _no_words(monkeypatch, answers)  # (a warm cache: every answer in the file)
    _set(one_page, book, 2, caplog)
    assert not words._dirty and len(forked) == 2  # (nothing new: the file is not written again)
    damaged = next(iter(sorted(asked)))
    _no_words(monkeypatch, {**answers, damaged: b"junk"})
    _set(one_page, book, 2, caplog)
    assert words._dirty and damaged not in words._stored and damaged in words._memo  # (written anew)


@pytest.mark.expect_warnings
def test_ctrl_c_while_this_process_sets_its_stories_ends_the_forked_one(one_page: Issue, book: FontBook,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _, ours = _shared(one_page)
    parent = os.getpid()

    def interrupt(block: Any) -> None:
        if block.id in ours and os.getpid() == parent:
            raise KeyboardInterrupt

    _each_block(monkeypatch, interrupt)
    forked = _forks(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        typeset(one_page, book, 2)
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):  # (reaped: no child of that id is left)
        os.waitpid(forked[0], os.WNOHANG)


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


def _system_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, system: str, text: bytes) -> None:
    """``open(system)`` reads ``text`` instead of the system's file."""
    fake = tmp_path / Path(system).name
    fake.write_bytes(text)
    real_open = open

    def opening(path: Any, *args: Any, **kwargs: Any) -> Any:
        return real_open(fake if path == system else path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", opening)


@pytest.mark.parametrize(("text", "free"), [(b"0.52 0.61 0.70 1/120 4242\n", True),
                                             (b"1.95 1.40 0.90 2/120 4242\n", False),
                                             (b"garbled", None)])
def test_a_processor_is_free_when_fewer_processes_are_ready_to_run_than_processors(
        text: bytes, free: bool | None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _system_file(monkeypatch, tmp_path, "/proc/loadavg", text)
    monkeypatch.setattr(layout.workers, "cores", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    assert layout.workers.idle_core() is (True if free is None else free)  # (garbled: the minute's load, 0.2)


@pytest.mark.parametrize(("ready", "most", "free"), [(b"2", 0, True), (b"3", 3, False), (b"1", 2, True),
                                                      (b"2", 2, False), (b"1", 1, False), (b"4", 8, False),
                                                      (b"", 2, True), (b"", 1, False), (b"", 0, True)])
def test_a_processor_is_free_within_the_processors_a_command_may_use(
        ready: bytes, most: int, free: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """On a machine of four processors, a command that may use ``most`` (``--jobs``; 0: all) has one free when
    fewer processes are ready to run than the fewer of the two; where that is not to be read (``ready``
    empty), when the minute's load (1.2) leaves one of them idle; a command of one process, never."""
    _system_file(monkeypatch, tmp_path, "/proc/loadavg", b"0.52 0.61 0.70 " + ready + b"/120 4242\n" if ready
                 else b"garbled")
    monkeypatch.setattr(layout.workers, "cores", lambda: 4)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.2, 1.0, 1.0))
    assert layout.workers.idle_core(most) is free


@pytest.mark.parametrize(("text", "count"), [(b"150000 100000\n", 1), (b"max 100000\n", 2), (b"400000 100000\n", 2),
                                              (b"", 2)])
def test_a_containers_quota_caps_the_processors(text: bytes, count: int, monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    _system_file(monkeypatch, tmp_path, "/sys/fs/cgroup/cpu.max", text)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    assert layout.workers.cores() == count


@pytest.mark.expect_warnings
def test_a_warning_the_book_gives_once_is_given_once_on_later_pages_too(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the library (no command's filter): an optional face found missing in the forked process on
    page 1 is not warned of again when this process needs it on page 2 (its font book heard of it)."""
    issue = _page_one(tmp_path)
    theirs, ours = _shared(issue)
    rare = "\U00020bb7"  # (CJK Extension B: in the extension face only, then the Ming fallback)

    def with_rare(block: Any, page: int, story: str) -> Any:
        """``block`` on page ``page`` (its id made the page's own), a rare character in the body text of
        its first paragraph when it is ``story``."""
        named = replace(block, id=f"{block.id}-p{page}") if page > 1 else block
        if block.id != story:
            return named
        first = block.body[0]
        k = next(k for k, run in enumerate(first.runs) if run.style == "body")
        runs = (*first.runs[:k], replace(first.runs[k], text=rare + first.runs[k].text), *first.runs[k + 1:])
        return replace(named, body=(replace(first, runs=runs), *block.body[1:]))

    page = issue.pages[0]
    stories = ((1, min(theirs)), (2, min(ours)))  # (set in the forked process, then in this one)
    two = replace(issue, pages=tuple(replace(page, number=n, blocks=tuple(with_rare(b, n, story) for b in page.blocks))
                                     for n, story in stories))
    assert [_shared(replace(two, pages=(p,)))[0] for p in two.pages] == [theirs, {f"{i}-p2" for i in theirs}]
    found = layout.text.font.find_font
    monkeypatch.setattr(layout.text.font, "find_font",
                        lambda stem: None if stem == "BanmianSerifSCExt-Regular" else found(stem))
    forked = _forks(monkeypatch)
    with caplog.at_level(logging.WARNING, logger="banmian"):
        typeset(two, FontBook(), 2, parallel_from=PARALLEL_FROM)  # (as ``typeset_file``: each page shared)
    said = [r.getMessage() for r in caplog.records if "not installed" in r.getMessage()]
    assert len(forked) == 2
    assert len(said) == 1 and "U+20BB7" in said[0]


@pytest.mark.parametrize("seed", range(8))
def test_more_stories_than_are_all_weighed_are_shared_within_one_story_of_even(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past ``EXACT`` stories the share is made greedily (not every way weighed): its slower side is still
    within one story's work (the forked side's counted ``OVERHEAD`` times) of the even share; blocks that
    set no text stay here."""
    rng = random.Random(seed)
    work = [rng.randrange(100, 3000) for _ in range(rng.randrange(EXACT + 1, 16))] + [0] * rng.randrange(4)
    rng.shuffle(work)
    blocks = [SimpleNamespace(id=f"b{k}", work=w) for k, w in enumerate(work)]
    monkeypatch.setattr(layout.blockfork, "of", lambda block: SimpleNamespace(work=lambda b: b.work))
    given = layout.blockfork._share(blocks)  # type: ignore[arg-type]
    fixed = FIXED * work.count(0)
    theirs = sum(work[k] for k in given)
    slower = max(theirs * OVERHEAD, sum(work) - theirs + fixed)
    even = (sum(work) + fixed) * OVERHEAD / (1 + OVERHEAD)  # (both sides done at once: no share is quicker)
    assert given and all(work[k] for k in given)
    assert even <= slower <= even + max(work) * OVERHEAD


@pytest.mark.expect_warnings
def test_a_book_told_of_another_books_warnings_does_not_give_them(caplog: pytest.LogCaptureFixture) -> None:
    roles = {"latin": ("DejaVuSans", "BanmianSerifSC-Regular")}  # (a first face without Chinese: warned of)
    warned, told = FontBook(roles), FontBook(roles)
    with caplog.at_level(logging.WARNING, logger="banmian"):
        warned.chain("latin")
        assert any("has no Chinese" in r.getMessage() for r in caplog.records)
        caplog.clear()
        told.heard(warned.told())
        told.chain("latin")
    assert not caplog.records
