"""Make-up done faster must make up the same: measurements shared among processes agree with
those made in one, pages searched in parallel workers give the same issues as pages searched one
after another, and the checking render's set paragraphs are the measurement's own. (Speed itself
is measured by bench/run.py --makeup, never asserted here.)"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from layout.makeup import alternatives, store
from layout.makeup.measure import BROKEN, Measurer
from layout.makeup.plan import read_plan
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]
TABLOID = ROOT / "tests" / "data" / "makeup" / "plan-tabloid.yaml"
EIGHT = ROOT / "tests" / "data" / "makeup" / "plan-eight.yaml"


@pytest.fixture(autouse=True)
def _no_makeup_cache() -> object:
    """These tests compare measures and searches made afresh: the cache across runs is off (the
    tests of the cache turn it on in a folder of their own)."""
    store.forget()
    store.use(False)
    yield
    store.use(True)
    store.forget()


def _pages_plan(tmp_path: Path, pages: int) -> Path:
    """The tabloid plan as ``pages`` pages: its stories on every page (new ids, every copy's
    paragraphs in another order so no two pages set the same copy), none with a page given."""
    data = yaml.safe_load(TABLOID.read_text(encoding="utf-8"))
    first = data["pages"][0]
    data["pages"] = [copy.deepcopy(first) | {"number": n, "blocks": first["blocks"] if n == 1 else []}
                     for n in range(1, pages + 1)]
    stories = []
    for n in range(pages):
        for story in data["stories"]:
            one = copy.deepcopy(story) | {"id": f"p{n}{story['id']}"}
            one.pop("page", None)
            if isinstance(one.get("body"), list) and n:
                one["body"] = one["body"][n % len(one["body"]):] + one["body"][:n % len(one["body"])]
            stories.append(one)
    data["stories"] = stories
    path = tmp_path / "pages.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.expect_warnings  # placeholder copy in narrow columns sets loose lines
def test_pages_searched_in_workers_give_the_same_issues(book: FontBook, tmp_path: Path) -> None:
    plan = _pages_plan(tmp_path, 3)
    targets = [tmp_path / "made.yaml", tmp_path / "made-2.yaml"]
    serial = alternatives(plan, targets, book, jobs=1)
    parallel = alternatives(plan, targets, book, jobs=2)
    assert len(serial) == len(parallel) == 2
    for one, two in zip(serial, parallel):
        assert set(one.solutions) == {1, 2, 3}
        assert one.text == two.text
        assert [f.text for f in one.findings] == [f.text for f in two.findings]
        assert one.advice == two.advice
    # the pieces that came back from a worker point at the plan's own stories
    stories = {id(s) for s in parallel[0].plan.stories}
    pieces = [p for s in parallel[0].solutions.values() for p in s.pieces]
    assert pieces and all(id(p.story) in stories for p in pieces)
    assert all(id(p.variant.story) in stories for p in pieces if p.variant)


@pytest.mark.expect_warnings
def test_variants_measured_in_two_processes_agree_with_one(book: FontBook) -> None:
    plan = read_plan(EIGHT)
    page = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == page.number]
    shared = Measurer(plan.doc, plan.issue, page, EIGHT.parent, book)
    shared.prefetch(stories, 2)
    alone = Measurer(plan.doc, plan.issue, page, EIGHT.parent, book)
    seen = 0
    for story in stories:
        for span in range(story.min_span, min(story.max_span, page.grid.columns) + 1):
            for columns in (span, *BROKEN.get(span, ())):
                a, b = shared.variant(story, span, columns), alone.variant(story, span, columns)
                assert (a is None) == (b is None)
                if a is not None and b is not None:
                    seen += 1
                    assert (a.columns, a.head_lines, a.body_lines, a.slack, a.pad, a.line_chars) == (
                        b.columns, b.head_lines, b.body_lines, b.slack, b.pad, b.line_chars), (story.id, span, columns)
                    assert a.block == b.block
    assert seen > 8 * 3


@pytest.mark.expect_warnings
def test_the_checking_render_of_a_long_issue_says_the_same_in_two_processes(
        book: FontBook, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The same fit, and the same warnings in the same order (page order: the workers' warnings
    are written by this process, not as each worker finishes)."""
    from layout.makeup.cli import _check
    from layout.page import PARALLEL_FROM

    plan = _pages_plan(tmp_path, PARALLEL_FROM)
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    for story in data["stories"]:  # an opening quote never closed: a warning on every page, whatever sets loose
        if isinstance(story.get("body"), list) and isinstance(story["body"][0], str):
            story["body"][0] = "「" + story["body"][0]
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    target = tmp_path / "made.yaml"
    made = alternatives(plan, [target], book, jobs=2)[0]
    target.write_text(made.text, encoding="utf-8")
    caplog.clear()
    one = _check(made, target, book, False, False, 1)
    said = [r.getMessage() for r in caplog.records if r.levelno >= 30]
    caplog.clear()
    two = _check(made, target, book, False, False, 2)
    assert one[:2] == two[:2]
    assert len(said) >= PARALLEL_FROM and [r.getMessage() for r in caplog.records if r.levelno >= 30] == said
    assert f"stories on {PARALLEL_FROM} page(s)" in one[1]


def test_the_shares_of_a_crowded_rectangle_are_bounded_and_keep_both_ends() -> None:
    """2^(n-1) ways of sharing n stories between two parts were all tried: a 20-story plan ran for
    minutes (review M, finding 4). Up to 12 stories nothing changes; beyond, SHARES at most, from
    both ends (nothing or everything on one side first)."""
    from itertools import combinations

    from layout.makeup.search import FEW_SHARES, SHARES, _shares

    ids = tuple(range(FEW_SHARES))
    assert list(_shares(ids, len(ids) - 1)) == [c for n in range(len(ids)) for c in combinations(ids, n)]
    crowd = tuple(range(20))
    shares = list(_shares(crowd, 19))
    assert len(shares) == SHARES == len(set(shares))
    assert shares[0] == () and all(len(s) <= 19 for s in shares)
    assert sum(len(s) == 19 for s in shares) == 20  # every story alone on the other side is tried


@pytest.mark.expect_warnings
def test_a_second_run_measures_and_searches_nothing_and_makes_the_same_issue(
        book: FontBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from layout.makeup.search import Search

    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    plan, target = _pages_plan(tmp_path, 2), tmp_path / "made.yaml"
    fresh = alternatives(plan, [target], book, jobs=2)[0]
    store.use(True)
    first = alternatives(plan, [target], book, jobs=2)[0]
    assert [p.name for p in (tmp_path / "cache").glob("makeup.*")] == [store._path().name]
    store.forget()  # as a new process: the table read from the file

    def refused(*args: object, **kw: object) -> None:
        raise AssertionError("measured or searched again")

    monkeypatch.setattr(Measurer, "_numbers", refused)
    monkeypatch.setattr(Measurer, "_vertical", refused)
    monkeypatch.setattr(Search, "run", refused)
    second = alternatives(plan, [target], book, jobs=2)[0]
    assert fresh.text == first.text == second.text
    assert [f.text for f in fresh.findings] == [f.text for f in second.findings]
    assert [p.at for s in second.solutions.values() for p in s.pieces] == [
        p.at for s in fresh.solutions.values() for p in s.pieces]


@pytest.mark.expect_warnings
def test_a_story_whose_copy_changed_is_measured_again_and_only_it(
        book: FontBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    store.use(True)
    plan = read_plan(EIGHT)
    page = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == page.number]
    for story in stories:
        Measurer(plan.doc, plan.issue, page, EIGHT.parent, book).variant(story, 2, 2)
    store.save()
    store.forget()
    changed = copy.deepcopy(stories[3].data)
    changed["body"] = ["（占位）改过的稿子：" + str(changed["body"][0]), *changed["body"][1:]]
    stories[3] = type(stories[3])(**{**stories[3].__dict__, "data": changed})
    measured = _count_measures(monkeypatch)
    again = Measurer(plan.doc, plan.issue, page, EIGHT.parent, book)
    got = [again.variant(story, 2, 2) for story in stories]
    assert measured == [stories[3].id]
    store.use(False)
    alone = Measurer(plan.doc, plan.issue, page, EIGHT.parent, book)
    for story, v in zip(stories, got):
        w = alone.variant(story, 2, 2)
        assert v is not None and w is not None
        assert (v.head_lines, v.body_lines, v.slack, v.line_chars) == (w.head_lines, w.body_lines, w.slack,
                                                                        w.line_chars)


def test_a_cache_of_other_code_or_damaged_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from layout import cache

    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path))
    store.use(True)
    k = store.key("variant", "x")
    path = store._path()
    assert path.parent == tmp_path
    cache.save(path, {"code": "another version", "entries": {k: (1, 2, 3)}})
    assert store.get(k) is store.MISSING
    store.put(k, (4, 5, 6))
    store.save()
    store.forget()
    assert store.get(k) == (4, 5, 6)
    data = path.read_bytes()
    path.write_bytes(data[:-3] + bytes(b ^ 1 for b in data[-3:]))
    store.forget()
    assert store.get(k) is store.MISSING  # the checksum no longer fits: rebuilt, not read
    store.use(False)
    store.forget()
    assert store.get(k) is store.MISSING


@pytest.mark.expect_warnings
def test_a_file_changed_under_its_name_is_measured_again(
        book: FontBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A head's 题花 image replaced by a wider one of the same name sets the head in less width:
    the story must be measured again, not given the earlier run's numbers (review K finding 1)."""
    from PIL import Image

    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    store.use(True)
    ornament = tmp_path / "orn.png"
    Image.new("L", (100, 100), 0).save(ornament)
    plan = read_plan(EIGHT)
    page = plan.issue.pages[0]
    story = next(s for s in plan.stories if s.page == page.number and isinstance(s.data.get("headline"), str))
    data = copy.deepcopy(story.data)
    data["headline"] = {"text": data["headline"], "ornament": str(ornament)}
    story = type(story)(**{**story.__dict__, "data": data})
    Measurer(plan.doc, plan.issue, page, EIGHT.parent, book).variant(story, 2, 2)
    store.save()
    store.forget()
    Image.new("L", (300, 100), 0).save(ornament)
    measured = _count_measures(monkeypatch)
    Measurer(plan.doc, plan.issue, page, EIGHT.parent, book).variant(story, 2, 2)
    assert measured == [story.id]
    measured.clear()
    store.forget()  # the same file again: read from the table, not measured
    Measurer(plan.doc, plan.issue, page, EIGHT.parent, book).variant(story, 2, 2)
    store.save()
    store.forget()
    Measurer(plan.doc, plan.issue, page, EIGHT.parent, book).variant(story, 2, 2)
    assert measured == [story.id]


def _count_measures(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A list that gets the id of every story measured afresh (not read from the cache) from now on."""
    measured: list[str] = []
    numbers = Measurer._numbers

    def counted(self: Measurer, story: object, span: int, columns: int) -> object:
        measured.append(story.id)  # type: ignore[attr-defined]
        return numbers(self, story, span, columns)  # type: ignore[arg-type]

    monkeypatch.setattr(Measurer, "_numbers", counted)
    return measured
