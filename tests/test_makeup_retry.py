"""The retry of a poor page (``layout.makeup.retry``) is skipped where it cannot share the stories
afresh: a page whose only fault is a strip, with no first cut down left to try.

Checked on the search's own layout of the eight-story test plan, whose copy is too short to fill
its page in blocks ``MIN_DEPTH`` lines deep (its strips are the copy's, not the search limit's).
"""

from __future__ import annotations

from pathlib import Path

from layout.makeup import retry
from layout.makeup.checks import _strip
from layout.makeup.measure import Measurer
from layout.makeup.plan import read_plan
from layout.makeup.search import Search
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]
EIGHT = ROOT / "tests" / "data" / "makeup" / "plan-eight.yaml"


def test_a_page_of_strips_only_with_no_cut_down_left_is_not_searched_again(book: FontBook) -> None:
    plan = read_plan(EIGHT)
    page = plan.issue.pages[0]
    stories = [s for s in plan.stories if s.page == page.number]
    search = Search(Measurer(plan.doc, plan.issue, page, EIGHT.parent, book), stories, [b.at for b in page.blocks])
    layout = search.run()
    best = search.solution
    pieces = search.pieces(best)
    assert [p.story.id for p in pieces if _strip(p, pieces)]  # strips …
    assert retry.faults(search, best) == (False, True)  # … and nothing else: no overset, 撞题 or holes
    assert retry.poor(search, best)  # (so the page is poor, and only the gate keeps it)
    assert retry.free_rect(search) is not None and len(search.stories) >= 3
    stacks, nodes = search.stacks, search.nodes
    assert retry.retry(search, best) is best
    assert (search.stacks, search.nodes) == (stacks, nodes)  # nothing searched
    assert layout.cost == best.cost
