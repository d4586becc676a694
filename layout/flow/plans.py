"""Column plans remembered by the shape of an article's lines.

In:  the arguments of ``layout.flow.distribute.plan``.
Out: its answer. A plan depends only on each unit's height and flags (cross-head, a
     paragraph's first or last line), the columns, the height, the blocked lines and the
     air, never on the text: ``plan`` here remembers answers by those (``PLAN_MEMO`` of
     them), so an article whose lines did not change shape is not planned again (the live
     preview after an edit elsewhere on the page, the pages of a long issue that repeat a
     layout). Each answer comes with a ``spots`` list of its own.
"""

from __future__ import annotations

from dataclasses import replace

from layout.flow import distribute
from layout.flow.distribute import Plan, Unit

PLAN_MEMO = 4096  # plans remembered (then forgotten all at once)

_Key = tuple[tuple[tuple[int, bool, bool, bool], ...], int, int, tuple[frozenset[int], ...], int]
_plans: dict[_Key, Plan | None] = {}


def plan(units: list[Unit], columns: int, height: int, blocked: tuple[frozenset[int], ...] = (),
         air: int = 0) -> Plan | None:
    """``distribute.plan(units, columns, height, blocked, air)``, remembered (see the module docstring)."""
    key = (tuple([(u.height, u.crosshead, u.first, u.last) for u in units]), columns, height, blocked, air)
    if key in _plans:
        found = _plans[key]
    else:
        if len(_plans) >= PLAN_MEMO:
            _plans.clear()
        found = _plans[key] = distribute.plan(units, columns, height, blocked, air)
    return None if found is None else replace(found, spots=list(found.spots))
