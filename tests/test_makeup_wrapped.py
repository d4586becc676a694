"""A lead whose narrow photo needs a variant ``choices`` leaves out still gets it (``layout.makeup.wrapped``).

Held-out plan 3 (``bench/makeup_heldout.py``: a tabloid of five columns, four stories, two photos, the
customer's sentences recombined, a seed the make-up was not tuned on): the lead's narrow photo (two
columns in its three, the text beside and under it) needs its variant of one body column a base column,
which ``leaves.choices`` dropped for the 三破二 one. Without it the page came out 7 lines overset, and,
with its priorities raised by one (its lead crowned, ``plan.crown``), with 4.08 empty lines a body column:
a one-column story 20 lines short and an L 22. Read from the render of the made issue, not from the
search's numbers: nothing overset, at most ``GOAL`` empty lines a body column (the fill goal, issue 18,
with half a line's slack for the render's own balancing), no 撞题, the lead's headline the highest.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from layout.text.font import FontBook
from tests.madeup import heldout_bench

GOAL = 1.5  # empty lines a body column at most (the make-up's goal is 1; before, 4.08)


@pytest.mark.expect_warnings
@pytest.mark.parametrize("shift", [0, 1])
def test_a_lead_with_a_narrow_photo_fits_the_page(book: FontBook, tmp_path: Path, shift: int) -> None:
    bench = heldout_bench()
    plan = bench.make_plan(3, tmp_path)
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    for story in data["stories"]:
        story["priority"] += shift
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    r = bench.evaluate(plan, book)
    assert r["overset"] == 0, r
    assert r["per_col"] <= GOAL, r
    assert r["clash"] == 0 and r["apart"] == 0 and r["lead_top"], r
    made = yaml.safe_load(plan.with_name(plan.stem + "-made.yaml").read_text(encoding="utf-8"))
    blocks = {b["id"]: b for b in made["pages"][0]["blocks"]}
    lead = data["stories"][0]["id"]
    photo, article = blocks[f"{lead}-photo"], blocks[lead]
    assert photo.get("wrap")  # the lead's photo inside it, under its head …
    assert photo["at"]["span"] < article["at"]["span"]  # … narrower than the lead, its text beside it


def test_a_page_within_the_goal_is_not_searched_again(book: FontBook, tmp_path: Path) -> None:
    """Held-out plan 10 fits (nothing overset, no empty line): its search is never made again, so its
    layout is the one it always had (the narrow variants change the search's paths)."""
    from layout.logger import LOGGER
    from layout.makeup import wrapped
    from layout.makeup.measure import Measurer
    from layout.makeup.plan import read_plan
    from layout.makeup.search import Search

    plan_path = heldout_bench().make_plan(10, tmp_path)
    plan = read_plan(plan_path)
    page = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == page.number]
    LOGGER.disabled = True
    try:
        search = Search(Measurer(plan.doc, plan.issue, page, plan_path.parent, book), stories,
                        [b.at for b in page.blocks])
        calls: list[bool] = []
        real = wrapped.differs
        wrapped.differs = lambda s: calls.append(True) or real(s)  # type: ignore[assignment]
        try:
            search.run()
        finally:
            wrapped.differs = real  # type: ignore[assignment]
    finally:
        LOGGER.disabled = False
    assert not search.wrap_all and not calls
