"""A page whose stories start at priority 2 still has its 头条 at the top (issue 18, ``plan.crown``).

Every page of a daily has a lead, at the top left or across the top, whatever numbers the desk gave
its stories (page 2 of a plan with one priority 1 story; a section whose pages are numbered from
二条). The plans: held-out pages (the customer's sentences recombined by ``bench/makeup_heldout.py``,
seeds the make-up was not tuned on) with every priority raised by one, so no story has priority 1.
Read from the render of the made issue: the first story's headline is the highest on the page, its
article starts on the free area's first line, and the make-up names no lead fault. Before, the lead
rules read priority 1 only, and on these plans the first story stood under a photo or beside another
story's headline, lower on the page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from layout.text.font import FontBook
from tests.madeup import heldout_bench

SEEDS = (5, 10, 27, 30)


@pytest.mark.expect_warnings
@pytest.mark.parametrize("seed", SEEDS)
def test_the_first_story_in_priority_leads_a_page_without_a_priority_1(book: FontBook, tmp_path: Path,
                                                                       seed: int) -> None:
    from layout.makeup.plan import read_plan

    bench = heldout_bench()
    plan = bench.make_plan(seed, tmp_path)
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    for story in data["stories"]:
        story["priority"] += 1
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    first = data["stories"][0]["id"]
    assert [s.id for s in read_plan(plan).stories if s.lead] == [first]
    r = bench.evaluate(plan, book)
    assert r["lead_top"], f"seed {seed}: {first}'s headline is not the highest on the page"
    made = yaml.safe_load(plan.with_name(plan.stem + "-made.yaml").read_text(encoding="utf-8"))
    blocks = made["pages"][0]["blocks"]
    top = min(b["at"]["line"] for b in blocks if b["id"] != "banner")  # the free area's first line
    assert next(b for b in blocks if b["id"] == first)["at"]["line"] == top
    assert r["overset"] == 0 and r["clash"] == 0 and r["apart"] == 0, r
