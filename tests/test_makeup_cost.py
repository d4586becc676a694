"""The cost of a story variant in a slot (layout.makeup.cost): shallow strips and dominated variants."""

from __future__ import annotations

from itertools import pairwise
from types import SimpleNamespace
from typing import Any

from layout.makeup.cost import DEEP, EMPTY, GAP, MIN_DEPTH, OVER, SHALLOW, dominates, fill
from layout.makeup.measure import Variant


def variant(columns: int, head: int, body: int, slack: int = 0, priority: int = 9) -> Variant:
    none: Any = None  # the cost reads only the numbers, and the story's priority
    story: Any = SimpleNamespace(priority=priority)
    return Variant(story, columns, columns, none, head, body, slack, 0, 12)


def test_a_line_overset_costs_more_the_more_important_its_story() -> None:
    # 2 columns of 30 body lines under a 3-line head in a slot of 23 lines: 10 lines short a column
    prices = [fill(variant(2, 3, 30, priority=p), 23) for p in range(1, 9)]
    assert prices[-1] == 20 * OVER  # the least important: 40 a line
    assert all(a > 1.4 * b for a, b in pairwise(prices[:7]))  # each rank up to the 七条 dearer than the next


def test_a_strip_is_shallow_however_much_air_its_headline_takes() -> None:
    strip = variant(8, 3, 5)  # 5 body lines across 8 columns
    # a slot of 11 lines: 3 of headline, 3 of air around it, 5 of text; the slot's depth below the
    # headline is 8 lines, the text's own is 5: a strip, costed as one
    assert fill(strip, 11) == SHALLOW * (MIN_DEPTH - 5) * 8
    # a slot with room to spare: the empty lines under the text make it no deeper
    assert fill(strip, 14) == SHALLOW * (MIN_DEPTH - 5) * 8 + EMPTY * 3 * 8 + DEEP * (3 - GAP) * 8
    deep = variant(3, 3, 12)
    assert fill(deep, 15) == 0.0 and fill(deep, 14) > 0  # filled exactly; a line short is overset


def test_a_hole_at_a_columns_foot_costs_more_than_its_lines() -> None:
    """Empty lines at the foot of a column beyond ``GAP`` are a hole a designer would not leave: each
    costs more than an empty line within ``GAP`` (so a short story in a tall slot is not cheaper than
    a shallow strip that fills its slot)."""
    two = variant(2, 3, 10)
    assert fill(two, 16) == 0.0  # filled, its headline taking 3 lines of air
    assert fill(two, 16 + GAP) == EMPTY * GAP * 2
    deep = fill(two, 16 + GAP + 10)
    assert deep == EMPTY * (GAP + 10) * 2 + DEEP * 10 * 2 and deep > EMPTY * (GAP + 10) * 2


def test_a_variant_never_better_than_another_is_dominated() -> None:
    three, two = variant(3, 3, 10, slack=1), variant(2, 3, 10, slack=1)
    assert dominates((two, 0.0), (three, 0.0)) and not dominates((three, 0.0), (two, 0.0))
    assert not dominates((two, 0.0), (two, 0.0))  # not itself
    assert not dominates((two, 8.0), (three, 0.0))  # a smaller headline costs more
    shorter = variant(2, 3, 9)  # fewer lines: more empty ones in a tall slot, so not dominated
    assert not dominates((shorter, 0.0), (two, 0.0)) and not dominates((two, 0.0), (shorter, 0.0))
    for lines in range(10, 30):
        assert fill(two, lines) <= fill(three, lines)


def test_a_column_running_most_of_the_free_depth_to_its_foot_is_tall() -> None:
    """The house rule "no column of body text from the top of the page to its foot", read as a
    designer reads it: a column under a photo a few lines deep still runs top to foot."""
    from layout.issue.model import Placement
    from layout.makeup.cost import TALL, free_runs, tall_column

    # a masthead over columns 1-2 (lines 1-9), a banner over 3-8, briefs across the foot (103-106)
    fixed = [Placement(1, 2, 1, 9), Placement(3, 6, 1, 9), Placement(1, 8, 103, 4)]
    runs = free_runs(fixed, 8, 106)
    assert runs == [(10, 103)] * 8  # the free area ends over the briefs, not at the page's foot
    one = variant(1, 4, 80)
    assert tall_column(one, 17, 103, runs[6])  # under a 7-line photo, down to the briefs: 82 of 93 lines
    assert not tall_column(one, 17, 90, runs[6])  # stopping 13 lines short of the foot: broken below
    deep = int(TALL * 93)  # the body's slot just under three quarters of the free depth
    assert not tall_column(one, 103 - deep - 4 + 1, 103, runs[6]) and tall_column(one, 103 - deep - 5, 103, runs[6])
    # a photo across the story under its headline breaks the column by its lines
    assert not tall_column(one, 10, 103, runs[0], under=40)
    # a column beside a fixed block at mid-page: its run ends at the block
    assert free_runs([Placement(8, 1, 50, 10)], 8, 100)[7] == (1, 50)
    # the search's price: from the very top to the page's foot a broken rule; most of the depth, less
    from layout.makeup.cost import TALL_COST, TOP_TO_FOOT, column_price
    assert column_price(one, 0, 0, 10, 107, 106, 10, (10, 107)) == TOP_TO_FOOT
    assert column_price(one, 7, 0, 10, 103, 106, 10, runs[6]) == TALL_COST  # under a 7-line photo, to the briefs
    assert column_price(one, 7, 0, 10, 90, 106, 10, runs[6]) == 0.0 < TALL_COST < TOP_TO_FOOT
