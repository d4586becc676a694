"""The lead's photo heading a side column (错落): where no other story may open a side beside a headline.

In:  a ``Search`` (``layout.makeup.search``), a rectangle whose first story is the lead with a photo, on a
     page where no other story may open a side of a cut down without a headline (``wanted``).
Out: the best layout of the rectangle (``better``) with the lead's article at the top of ``k`` of its
     columns, ``d`` lines deep, its photo at the top of the other columns beside it (``Step``), and the
     other stories shared between the columns under the article and those under the photo.

Why: a side of a cut down beside the lead's headline may not start with a headline (撞题), and only a
photo or a vertical head may open it (``rules.may_open``). With the page's only photo on the lead, no
story can stand beside the lead, and the page came out as bands across it (``plan-lead-photo.yaml``:
1.93 empty lines a column, a story 83 lines underset). A designer sets the lead's photo at the head of
the side column instead: the photo stands beside the lead's headline, the stories under it open beside
the lead's body, and the stories under the lead's article open beside whatever the side column holds
there (their 撞题 across the two columns charged as at any cut down, ``solution.clashes``). The lead's
article is a plain rectangle (its text as any leaf's, ``Search.filled``), the photo touches it.
Not a cure for that page: with the step it is no longer a list of bands (7 make-up findings to 2), but
its copy set side by side leaves more white (141 empty lines in 25 body columns, 5.64 a column, for the
bands' 110 in 57, 1.93: a band counts its 8 columns). Held-out pages whose lead has the only photo
(0-35): 22 good to 35, 365 lines overset to 3.
Bounded: only the lead on the free area's first line, from the leftmost column free on it to the free
area's last (``_at_top``: the whole width, or beside a masthead with no banner), in the search's ordered
passes, at its ``HEIGHTS`` cheapest depths and its photo's ``PHOTOS`` slot heights (within the
rectangle) nearest its aspect; each rectangle it is tried in one more of the search's (``Search.nodes``,
tried before the rectangle's cuts, so that the limit does not leave it untried), the others shared as a cut
shares them (``search._shares``: a 20-story page took over 6 minutes sharing them every way).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from layout.issue.model import Placement
from layout.makeup import cost as cost_
from layout.makeup import lead, rules
from layout.makeup.cost import column_price, head_band, order_price
from layout.makeup.ell import Ell
from layout.makeup.leaves import photo_heights
from layout.makeup.solution import Solution, clashes, join, make
from layout.makeup.solution import better as cheaper

if TYPE_CHECKING:
    from layout.makeup.measure import Variant
    from layout.makeup.search import Layout, Search

HEIGHTS = 3  # the article's depths tried (its cheapest text fills)
PHOTOS = 2  # the photo's slot heights tried (nearest its picture's own aspect)
CROWDED = 12  # stories on a page past which it is not tried: tried first in each rectangle, its sub-searches
# spend the limits the cuts then lack (a 20-story page: 101 lines overset with it, 79 without; 16 stories: 145
# and 105; a page is made either way, its last tries stack on an allowance of their own, ``fallback.allow``);
# a daily's page has fewer, and every ``search._shares`` of 12 is tried (``FEW_SHARES``)
PLACES = ("beside", "any")  # a photo's ``place`` that lets it stand beside its story
INF = float("inf")


@dataclass(frozen=True)
class Step(Ell):
    """The lead's article with its photo beside its top: the bounding box (``column`` … ``lines``), the
    photo's ``side`` (always left: read first, as ``leaves`` sets a photo beside its story), its columns
    (``corner_span``) and lines (``photo``), the article's lines (``corner_lines``) and its variant at
    the article's span (``shape``). No corner is turned: the article is a plain rectangle (``turns``)."""

    turns: ClassVar[bool] = False

    @property
    def box(self) -> Placement:
        """The article's rectangle, right of its photo."""
        return Placement(self.column + self.corner_span, self.span - self.corner_span, self.line, self.corner_lines)

    @property
    def picture(self) -> Placement:
        """The photo's slot, beside the article's top, on its left."""
        return Placement(self.column, self.corner_span, self.line, self.photo)


def wanted(search: Search) -> bool:
    """Whether ``search``'s page wants the step: at most ``CROWDED`` stories, its lead has a photo that may
    stand beside it, and no other story may open a side of a cut down without a headline
    (``rules.can_open``: a photo above it or a vertical head; not a photo that only goes beside its story)."""
    leads = [s for s in search.stories if s.lead]
    if len(search.stories) > CROWDED or not leads or leads[0].photo is None or leads[0].photo.place not in PLACES:
        return False
    return not any(rules.can_open(search, i, s.min_span) for i, s in enumerate(search.stories))


def article(leaves: tuple[tuple[int, Placement, bool], ...]) -> Placement | None:
    """The lead's article's rectangle among ``leaves`` when it is set as a ``Step`` (else None): what an
    alternative layout is asked to change (``first_place``): every Step on a page stands where the
    lead does (``_at_top``), so its article's columns (its photo's width) are what tells one from another."""
    return next((r.box for sid, r, _ in leaves if sid == 0 and isinstance(r, Step)), None)


def first_place(search: Search, layout: Layout, leaves: tuple[tuple[int, Placement, bool], ...] = ()
                ) -> Placement | None:
    """The rectangle the page's first story (its lead, else its first in priority) takes with its photo in
    ``layout`` (a layout of ``search``, of ``leaves``), what an alternative is asked to change; a lead's ``Step``,
    its article's (``article``)."""
    mine = [p.at for p in layout.pieces if p.story is search.stories[0]]
    box = article(leaves) if mine else None
    if box or not mine:
        return box
    c0, l0 = min(a.column for a in mine), min(a.line for a in mine)
    c1, l1 = max(a.last_column for a in mine), max(a.end_line for a in mine)
    return Placement(c0, c1 - c0 + 1, l0, l1 - l0)


def better(search: Search, rect: Placement, ids: tuple[int, ...], nohead: bool, best: Solution) -> Solution:
    """The cheaper of ``best`` and the layouts of ``ids`` filling ``rect`` with its first story, the lead,
    as a ``Step`` at the top of a rectangle where the lead stands in place (``_at_top``), its photo on the
    left (a photo beside its story stands to its left, read first, as ``leaves`` sets it) (see module
    docstring); ``best`` when it may not be one there."""
    sid = ids[0]
    story = search.stories[sid]
    if nohead or len(ids) < 2 or not story.lead or not _at_top(search, rect):
        return best
    search.nodes += 1  # (one more rectangle of the search's limit, as ``Search._solve`` counts them)
    if search.nodes > search.limit:  # (searched enough: no steps)
        return best
    for k in range(story.min_span, min(story.max_span, rect.span - 1) + 1):
        slots = sorted(((price, p) for p, price in photo_heights(search, story, rect.span - k)
                        if p <= rect.lines), key=lambda s: (s[0], s[1]))[:PHOTOS]  # (within the rectangle)
        texts = _texts(search, sid, k, rect.lines)
        for price, p in slots:
            for d, cost, v in texts:
                step = Step(rect.column, rect.span, rect.line, max(d, p), "left", rect.span - k, d,
                            _index(search, sid, k, v), p)
                one = _leaf(search, sid, step, v, cost + price)
                if one.cost < best.cost:
                    best = _shared(search, rect, step, one, ids[1:], best)
    return best


def _at_top(search: Search, rect: Placement) -> bool:
    """Whether ``rect`` (free of fixed blocks) is where the lead stands in place (``lead.misplaced``) and
    reaches the free area's last column, as a Step must: from the first line on which its width is free
    (``Search.tops``), from the leftmost column free on it (the whole free area's first column, or the
    first beside a masthead with no banner). So no Step stands in a well between masthead and 报眼."""
    last, top = search.free_columns[1], lead.top_for(search.tops, rect.span)
    left = lead.left_column(top, search.first_free, search.free_columns)
    return rect.line == top and rect.column <= left and rect.last_column >= last


def _texts(search: Search, sid: int, span: int, lines: int) -> list[tuple[int, float, Variant]]:
    """Story ``sid``'s text alone (no photo) ``span`` columns wide at its ``HEIGHTS`` cheapest depths
    up to ``lines``: (depth, cost with its headline's size drop, variant), cheapest first."""
    out = []
    for d in range(2, lines + 1):
        found = min(((fills[d] + drop, i, v) for i, (v, drop, fills) in enumerate(search.filled(sid, span))),
                    default=None, key=lambda f: (f[0], f[1]))
        if found is not None and found[0] < INF:
            out.append((found[0], d, found[2]))
    out.sort(key=lambda t: (t[0], t[1]))
    return [(d, cost, v) for cost, d, v in out[:HEIGHTS]]


def _index(search: Search, sid: int, span: int, v: Variant) -> int:
    """Variant ``v``'s index among story ``sid``'s variants at ``span`` (``Measurer.variants``)."""
    return next(i for i, w in enumerate(search.m.variants(search.stories[sid], span)) if w is v)


def _leaf(search: Search, sid: int, step: Step, v: Variant, cost: float) -> Solution:
    """The lead set as ``step`` in variant ``v`` whose text and photo cost ``cost``: the position rules'
    costs ``Search._leaf_at`` adds (important stories high, the lead in place over the Step's columns,
    above the fold, body columns from the top to the foot, a band), each priced for the article's own
    rectangle (``box``: its first column's top free line and run, its span and lines, the photo beside
    it priced in ``cost``), and its headline group for the 撞题 check."""
    story, box, line = search.stories[sid], step.box, step.line
    if sid == 0 and (box.column, box.span) in search.banned:  # (its article's place: ``first_place``)
        return make((INF, (), ()))
    top_free = search.first_free[box.column - 1]
    penalty = order_price(story.priority, story.second, line, top_free, cost_.ORDER)
    if lead.misplaced(search.tops, search.first_free, search.free_columns, (step.column, step.last_column), line):
        penalty += cost_.LEAD
    if story.above_fold and line > search.lines // 2:
        penalty += cost_.RULE
    penalty += column_price(v, 0, 0, line, box.end_line, search.lines, top_free, search.runs[box.column - 1])
    penalty += cost_.search_band(search, story.lead, box.span, v, box.lines)
    air = min(3, max(0, box.lines - v.lines))
    heads = ((box.column, box.last_column, *head_band(v, line, air)),) if v.has_head else ()
    return make((cost + penalty, ((sid, step, False),), heads))


def _shared(search: Search, rect: Placement, step: Step, one: Solution, rest: tuple[int, ...],
            best: Solution) -> Solution:
    """The cheaper of ``best`` and ``one`` (the lead as ``step``) with stories ``rest`` shared between the
    columns under its article and those under its photo (their 撞题 across charged) in the ways a cut
    shares them (``search._shares``: all for a few stories, at most ``SHARES`` on a crowded page). The
    撞题 across is charged as ``solution.clashes`` charges it, not through ``avoid.better_join``: that one
    searches either side of a cut down again as a rectangle, and the lead's side here is not one."""
    from layout.makeup.search import _shares

    box, pic = step.box, step.picture
    under = Placement(box.column, box.span, box.end_line, rect.end_line - box.end_line)
    beside = Placement(pic.column, pic.span, pic.end_line, rect.end_line - pic.end_line)
    collide, bound = search.limits.collide, search.free_bound
    for low_ids in _shares(rest, len(rest)):
        side_ids = tuple(i for i in rest if i not in low_ids)
        if (low_ids and under.lines <= 0) or (side_ids and beside.lines <= 0):
            continue
        b_low = bound(side_ids, beside.span, beside.lines) if beside.lines > 0 else 0.0
        a_low = bound(low_ids, under.span, under.lines) if under.lines > 0 else 0.0
        if one.cost + a_low + b_low >= best.cost:
            continue
        a = search.solve(under, low_ids, False, best.cost - one.cost - b_low) if under.lines > 0 else Solution(0.0)
        if one.cost + a.cost + b_low >= best.cost:
            continue
        b = search.solve(beside, side_ids, False, best.cost - one.cost - a.cost) if beside.lines > 0 \
            else Solution(0.0)
        lead_side = join(one, a)
        best = cheaper(best, join(b, lead_side, collide * clashes(b, lead_side)))  # (the photo's side left)
    return best
