"""A page's second searches started ahead in forked processes (``layout.makeup.ahead``, with two or
more processes) give the made issue one process gives: the same text, byte for byte, for a page left
overset (``fallback.wider``'s search, two plans) and one past the fill goal (``fallback.goal``'s);
and a search started ahead that nobody asks for leaves no process behind. Speed is measured by
bench/run.py --makeup, never here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from layout.makeup import ahead, make_up, step
from layout.text.font import FontBook

PLANS = Path(__file__).resolve().parent / "data" / "makeup"


pytestmark = pytest.mark.usefixtures("no_makeup_cache")  # measured and searched afresh


@pytest.mark.expect_warnings  # placeholder copy in narrow columns sets loose lines
@pytest.mark.parametrize(("name", "kind"), [("plan-wider.yaml", "wide"), ("plan-goal.yaml", "bands"),
                                            ("plan-overfill.yaml", "wide")])
def test_second_searches_forked_ahead_make_the_issue_one_process_makes(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch, name: str, kind: str) -> None:
    started: list[tuple[str, bool]] = []
    fork = ahead._fork
    # (plan-wider's lead has the page's only photo: with it heading a side column (``step``) the page fits
    # and asks for no second search; made as before, it does)
    monkeypatch.setattr(step, "wanted", lambda search: False)

    def counted(search: object, which: ahead.Kind) -> tuple[int, int]:
        started.append((which[0], which[2]))
        return fork(search, which)  # type: ignore[arg-type]

    monkeypatch.setattr(ahead, "_fork", counted)
    alone = make_up(PLANS / name, tmp_path / "one.yaml", book, jobs=1).text
    assert not started  # one process: nothing forked
    forked = make_up(PLANS / name, tmp_path / "one.yaml", book, jobs=2).text
    assert (kind, False) in started
    assert forked == alone
    assert not any(ahead.PENDING.values())  # every process started was waited for or ended


@pytest.mark.expect_warnings
@pytest.mark.parametrize("shift", [0, 1])
def test_the_page_made_again_with_its_wraps_forked_ahead_makes_the_issue_one_process_makes(
        tmp_path: Path, book: FontBook, monkeypatch: pytest.MonkeyPatch, shift: int) -> None:
    """Held-out plan 3 (its lead's narrow photo needs the wrapped search, ``test_makeup_wrapped``), its
    priorities as drawn and raised by one: the search made again with ``wrap_all`` is started ahead,
    taken, and the issue is the one a single process makes."""
    import yaml

    from tests.madeup import heldout_bench

    plan = heldout_bench().make_plan(3, tmp_path)
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    for story in data["stories"]:
        story["priority"] += shift
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    started, taken, take = [], [], ahead.take

    def took(search: object, which: ahead.Kind) -> object:
        found = take(search, which)  # type: ignore[arg-type]
        taken.append((which[0], found is not None))
        return found

    monkeypatch.setattr(ahead, "take", took)
    alone = make_up(plan, tmp_path / "one.yaml", book, jobs=1).text
    assert not taken or not any(t for _, t in taken)  # one process: nothing forked, so nothing found ahead
    fork = ahead._fork
    monkeypatch.setattr(ahead, "_fork", lambda search, which: started.append(which[0]) or fork(search, which))
    forked = make_up(plan, tmp_path / "one.yaml", book, jobs=2).text
    assert "wrapped" in started and ("wrapped", True) in taken
    assert forked == alone
    assert not any(ahead.PENDING.values())  # every process started was waited for or ended


def test_a_search_started_ahead_that_nobody_asks_for_is_ended(book: FontBook) -> None:
    from layout.makeup.cost import PLAIN
    from layout.makeup.measure import Measurer
    from layout.makeup.plan import read_plan
    from layout.makeup.search import Search

    plan = read_plan(PLANS / "plan-goal.yaml", False)
    page = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == page.number]
    search = Search(Measurer(plan.doc, plan.issue, page, PLANS, book), stories, [b.at for b in page.blocks])
    search.run()
    pid, pipe = ahead.PENDING.setdefault(search, {})[("wide", PLAIN, False)] = ahead._fork(
        search, ("wide", PLAIN, False))  # (as ``start`` does when the passes' layout is overset)
    ahead.stop(search)  # the retry mended it: not asked for
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # (ended and reaped: no such child any more)
    with pytest.raises(OSError):
        os.fstat(pipe)  # (its pipe closed)
    assert search not in ahead.PENDING


@pytest.mark.parametrize("how", ["cut short", "failed"])
def test_a_layout_half_written_or_from_a_failed_process_is_searched_here(how: str) -> None:
    import pickle

    from layout.makeup.cost import PLAIN

    class Page:  # (stands for the page's search: only a key here)
        pass

    search, kind = Page(), ("wide", PLAIN, False)
    whole = pickle.dumps(("a layout", False))
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # (the child: a layout cut short by its end, or whole from a process that then failed)
        os.write(write, whole[:len(whole) // 2] if how == "cut short" else whole)
        os._exit(0 if how == "cut short" else 1)
    os.close(write)
    ahead.PENDING.setdefault(search, {})[kind] = (pid, read)  # type: ignore[index]
    assert ahead.take(search, kind) is None  # type: ignore[arg-type]  # (the caller searches here)
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # (reaped)
