"""What the column planner's shortcuts assume (``layout.flow.distribute``): ``_fill`` skips the
shape cost of a column with no wrapped block, so that cost must be nothing whenever a column's
runs cover its whole height, whatever its text; and a column beside a block still pays it."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from layout.flow.distribute import STUB_COST, Unit, _fill, _shape_cost


@settings(max_examples=200, deadline=None)
@given(height=st.integers(1, 40), data=st.data())
def test_a_whole_column_has_no_shape_cost(height: int, data: st.DataObject) -> None:
    # runs that cover the height: the whole column, or it cut into pieces with no line taken
    cuts = sorted(data.draw(st.sets(st.integers(1, height - 1), max_size=3))) if height > 1 else []
    edges = [0, *cuts, height]
    runs = tuple(pairwise(edges))
    text = [data.draw(st.integers(0, b - a)) for a, b in runs]
    spent = [data.draw(st.integers(t, b - a)) for t, (a, b) in zip(text, runs)]
    last = data.draw(st.integers(0, len(runs) - 1))
    assert _shape_cost(runs, text, spent, last, height) == (0, 0)


def test_a_column_beside_a_block_pays_its_shape() -> None:
    # a block on lines 5-9 of a 12-line column: one text line in the run under it is a stub
    units = [Unit([], 1) for _ in range(6)]
    runs = ((0, 5), (10, 12))
    costs = [cost for _, _, _, cost, _ in _fill(units, 0, runs, 12)]
    assert costs[5] >= STUB_COST  # the sixth line alone in the run below the block
    assert costs[4] < STUB_COST  # five lines fill the run above it
