"""The issues the benchmark times (``bench/run.py``) are issues the loader takes: the 8- and 32-page
copies of the customer's page 1 (each copy's block ids its own) and the fresh-copy page 1."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from layout.issue.load import load_issue
from tests.conftest import ROOT, SAMPLE


def _bench() -> ModuleType:
    """``bench/run.py`` as a module (it is a script, not a package module)."""
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("copies", [1, 3])
def test_the_copies_of_page_one_load_with_their_own_ids(copies: int, tmp_path: Path) -> None:
    issue = load_issue(_bench().issue_copies(SAMPLE, copies, tmp_path))
    assert [page.number for page in issue.pages] == list(range(1, copies + 1))
    ids = [block.id for page in issue.pages for block in page.blocks]
    assert len(ids) == len(set(ids)) == copies * len(issue.pages[0].blocks)
    assert "lead" in ids and (copies == 1 or "lead-p3" in ids)


def test_the_fresh_page_loads_and_differs_from_seed_to_seed(tmp_path: Path) -> None:
    bench = _bench()
    one, two = (bench.fresh_page(SAMPLE, tmp_path / f"fresh-{k}.yaml", k) for k in (1, 2))
    assert len(load_issue(one).pages) == 1
    assert one.read_text(encoding="utf-8") != two.read_text(encoding="utf-8")


def test_the_section_plan_reads_as_a_plan(tmp_path: Path) -> None:
    from layout.makeup.plan import read_plan

    plan = read_plan(_bench().section_plan(tmp_path))
    assert len(plan.issue.pages) == 16 and len(plan.stories) == 96
    assert len({story.id for story in plan.stories}) == 96
