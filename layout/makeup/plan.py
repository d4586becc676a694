"""A make-up plan (组版计划): the pages with what is fixed on them, and the stories to place.

In:  a plan file (YAML): an issue without article positions: ``pages`` as in an issue (paper,
     grid, fixed blocks with ``at``: masthead, 报眼, banners, ads, photos) and ``stories``, each
     an article block without ``at`` plus its make-up wishes (priority, photo, constraints).
Out: a ``Plan``: the issue of the fixed blocks (read and checked by the issue loader) and the
     ``Story`` records, each checked as an article would be; bad input is an ``IssueError``
     naming the file, line and key.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from layout.issue import model as m
from layout.issue.load import compose, issue_of  # the issue loader reads the pages of a plan
from layout.issue.reader import Doc, Reader, choice, image, kind_of
from layout.issue.spec import KEYS
from layout.issue.vocab import FITS

#: The keys a story has besides an article's (``at`` is what make-up decides).
STORY_KEYS = ("priority", "page", "above_fold", "min_span", "max_span", "boxed", "photo", "head_vertical")
#: ``head_vertical`` of a story: ``allowed`` (make-up may set the heads vertically, on the right, where
#: that fills the page better), or ``right`` / ``left`` (always vertical, on that side, as in an article).
HEAD_VERTICAL = ("allowed", "right", "left")
PHOTO_KEYS = ("id", "image", "aspect", "label", "caption", "credit", "fit", "focus", "place")
PHOTO_PLACES = ("above", "beside", "any")


@dataclass(frozen=True)
class PhotoWish:
    """A story's photo: an image file (its aspect read from it) or a slot of ``aspect`` (width ÷ height)."""

    id: str
    aspect: float
    image: Path | None = None
    image_text: str = ""  # the file as the plan names it
    label: str = ""
    caption: str = ""
    credit: str = ""
    fit: str = "cover"
    focus: tuple[float, float] = (0.5, 0.5)
    place: str = "any"  # above (the story), beside (to its left), any


@dataclass(frozen=True)
class Story:
    """One story of the plan: its article data (as the YAML gives it, without ``at``), where it
    came from, and the make-up wishes."""

    id: str
    index: int  # its place in the plan's list (ties between equal priorities keep this order)
    path: str  # its key path in the plan, for messages (``stories[3]``)
    data: dict[str, Any]  # the article's keys, as in an issue
    priority: int  # 1 = 头条, 2 = 二条, …
    page: int
    above_fold: bool = False
    min_span: int = 1
    max_span: int = 99
    boxed: bool = False
    photo: PhotoWish | None = None
    page_given: bool = True  # False: no ``page`` in the plan (``spread`` chooses one)
    head_vertical: str = ""  # 竖排标题: "" (horizontal), allowed (make-up chooses), right or left (always)
    lead: bool = False  # the page's 头条: its priority 1 story, or its first in priority as ``crown`` says
    second: bool = False  # the page's 二条: its stories after the lead of the highest priority (``crown``)

    @property
    def explicit_size(self) -> bool:
        """Whether the plan gives the headline's size itself (make-up then keeps it)."""
        head = self.data.get("headline")
        return isinstance(head, dict) and "size" in head


@dataclass
class Plan:
    """A read plan: the issue of its fixed blocks, its stories and the document (for messages)."""

    source: Path
    issue: m.Issue
    stories: list[Story]
    doc: Doc
    data: dict[str, Any] = field(default_factory=dict)  # the plan's plain data, without ``stories``


def read_plan(path: Path, safe: bool = False) -> Plan:
    """Read and check a plan file (see module docstring); raises ``IssueError``."""
    doc, data = compose(path, path.resolve().parent if safe else None)
    if not isinstance(data, dict):
        raise doc.error("", f"a plan is a mapping (banmian, issue, pages, stories), got {kind_of(data)}")
    rest = {k: v for k, v in data.items() if k != "stories"}
    issue = issue_of(doc, copy.deepcopy(rest), path)
    items = data.get("stories")
    if not isinstance(items, list) or not items:
        raise doc.error("stories" if "stories" in data else "",
                        "a plan needs a list of stories (articles without `at`, each with a priority)")
    stories = [_story(doc, item, i, issue, path.parent) for i, item in enumerate(items)]
    taken = {b.id for page in issue.pages for b in page.blocks}
    for story in stories:
        for ident, key in ((story.id, f"{story.path}.id"),
                           (story.photo.id if story.photo else "", f"{story.path}.photo.id")):
            if ident and ident in taken:
                raise doc.error(key, f"id {ident!r} is used twice in the plan")
            taken.add(ident)
    placed = spread(stories, issue)
    leads: dict[int, Story] = {}
    for story in placed:
        number = story.page or issue.pages[0].number
        if story.priority == 1 and (first := leads.setdefault(number, story)) is not story:
            raise doc.error(f"{story.path}.priority", f"a second lead (priority 1) on 第{number}版, after "
                            f"{first.id}: a page has one 头条; give {story.id} priority 2 or more, or another page")
    return Plan(path, issue, crown(placed, items, issue), doc, rest)


def crown(stories: list[Story], items: list[Any], issue: m.Issue) -> list[Story]:
    """``stories`` (placed on their pages) with each page's lead (头条) and 二条 marked. The lead: its
    priority 1 story, or on a page without one its first story in priority (ties: the first in the
    plan) that may take a horizontal headline (no ``head_vertical: right | left``) and is not boxed (a
    评论 box is not a 头条). A daily's 头条 stands at the top left or across the top, whatever number
    the plan gave it (before, the rules of the lead read priority 1 only, and a page whose stories
    start at 2 was made up as a list of strips under a photo). A story made lead this way keeps its
    priority (its headline's size) and takes the lead's defaults: at least half the page's columns
    (unless its ``min_span`` is given) and a horizontal headline (``head_vertical: allowed`` is
    dropped). Every lead without a ``min_span`` of its own has that of the page it was placed on
    (``lead_span``: a well between masthead and 报眼 counts), not of the page its span was read for.
    A page whose stories are all vertical-headed or boxed has no lead. The 二条: the page's stories,
    other than its lead, of the highest priority among them (ties all count, as they did when the rule
    read priority 2). ``items``: the plan's raw story mappings, by index."""
    out = {s.index: s for s in stories}
    for page in issue.pages:
        mine = [s for s in stories if (s.page or issue.pages[0].number) == page.number]
        leads = [s for s in mine if s.priority == 1]
        ready = [s for s in mine if s.head_vertical in ("", "allowed") and not s.boxed]
        if leads or ready:
            top = leads[0] if leads else min(ready, key=lambda s: (s.priority, s.index))
            low = top.min_span if "min_span" in items[top.index] else min(top.max_span, lead_span(page))
            out[top.index] = replace(top, lead=True, min_span=low, head_vertical="")  # (a priority 1 has none)
        rest = [s for s in mine if not out[s.index].lead]
        rank = min((s.priority for s in rest), default=0)
        for s in rest:
            if s.priority == rank:
                out[s.index] = replace(s, second=True)
    return [out[s.index] for s in stories]


def spread(stories: list[Story], issue: m.Issue) -> list[Story]:
    """Stories without a ``page`` shared among the plan's pages (those with the first page's number
    of columns, which their span limits were read for): in priority order, a lead (priority 1) to
    the first page without one, every other story to the first page still short of its share of
    all the stories by at least half the story (``_page_for``), by an estimate of the area a story
    fills (its characters, a headline and its photo): the most important stories on the earlier
    pages, each page filled about as full as the others; when every page has a lead, each in turn
    to the page with the largest share unfilled. One page: all go on it."""
    pages = [p for p in issue.pages if p.grid.columns == issue.pages[0].grid.columns]
    if len(pages) < 2:
        return stories
    free = {p.number: max(1, p.lines * p.grid.columns - sum(_cells(b.at, p) for b in p.blocks)) for p in pages}
    load = dict.fromkeys(free, 0.0)
    leads: set[int] = set()
    for story in stories:
        if story.page_given and story.page in load:
            load[story.page] += _estimate(story, issue.pages[0])
            leads |= {story.page} if story.priority == 1 else set()
    estimates = {s.index: _estimate(s, issue.pages[0]) for s in stories}
    total = sum(estimates[s.index] for s in stories if not s.page_given or s.page in load)
    target = {n: total * f / sum(free.values()) for n, f in free.items()}
    out = {s.index: s for s in stories}
    for story in sorted((s for s in stories if not s.page_given), key=lambda s: (s.priority, s.index)):
        open_leads = [n for n in free if n not in leads]
        if story.priority == 1 and open_leads:
            number = open_leads[0]
            leads.add(number)
        else:
            number = _page_for(estimates[story.index], load, target if len(leads) < len(free) else {}, free)
        load[number] += estimates[story.index]
        out[story.index] = replace(story, page=number)
    return [out[s.index] for s in stories]


def _page_for(estimate: float, load: dict[int, float], target: dict[int, float], free: dict[int, int]) -> int:
    """The page a story without a ``page`` goes on, the stories coming in priority order: the first
    page (in the plan's order) with room left for at least half its estimate ``estimate`` below its
    ``target`` (its share of all the stories' estimates, by its free area), as a desk fills page 1
    with the most important stories before it turns to page 2; when none has, or no ``target`` is
    given (every page has its own lead, each a front whose 二条 and 三条 are shared in turn), the
    page with the largest share of its free area unfilled (ties: the earlier page)."""
    for n in target:
        if load[n] + estimate / 2 <= target[n]:
            return n
    return min(free, key=lambda n: (load[n] / free[n], list(free).index(n)))


def _cells(at: m.Placement, page: m.PageSpec) -> int:
    """Grid cells (base columns × lines) of a block, inside the page's grid."""
    return max(0, min(at.last_column, page.grid.columns) - at.column + 1) * max(0, min(at.end_line - 1, page.lines)
                                                                                 - at.line + 1)


def _estimate(story: Story, page: m.PageSpec) -> float:
    """Grid cells a story about fills: its body characters in lines of one column (and a fifth
    more for paragraph ends and air), a headline of four lines across a third of the page, and its
    photo (if any) across a third of the page at its aspect."""
    body = story.data.get("body")
    chars = sum(len(str(p)) for p in body) if isinstance(body, list) else len(str(body or ""))
    g, third = page.grid, max(1, page.grid.columns // 3)
    cells = 1.2 * chars / max(1, g.chars) + 4 * third
    if story.photo is not None:
        width = third * g.column_width_pt + (third - 1) * g.gutter_pt
        cells += third * width / story.photo.aspect / g.pitch_pt
    return cells


def _story(doc: Doc, data: Any, index: int, issue: m.Issue, base: Path) -> Story:
    """One story: the make-up keys read here, the article keys checked by the article reader."""
    path = f"stories[{index}]"
    if not isinstance(data, dict):
        raise doc.error(path, f"expected a story mapping (an article without `at`), got {kind_of(data)}")
    if "at" in data:
        raise doc.error(f"{path}.at", "a story has no `at`: make-up decides where it goes (fixed blocks go in "
                                      "the page's blocks)")
    if "columns" in data:
        raise doc.error(f"{path}.columns", "make-up chooses a story's body columns (破栏 too); leave columns out, "
                                           "or limit the span with min_span and max_span")
    if "corner" in data:
        raise doc.error(f"{path}.corner", "make-up chooses where a story turns a corner (拐弯); leave corner out")
    if data.get("type", "article") != "article":
        raise doc.error(f"{path}.type", "a story is an article (type: article, or leave type out)")
    article = {k: v for k, v in data.items() if k not in STORY_KEYS}
    r = Reader(doc, data, path, (*KEYS["article"], *STORY_KEYS))
    ident = r.text("id", required=True) or ""
    if not ident or any(ch.isspace() or ch == ":" for ch in ident):
        raise doc.error(r.sub("id"), f"id {ident!r}: a story's id is one word, without spaces or ':' "
                                     "(the made issue's warnings and advice name the story by it)")
    numbers = [p.number for p in issue.pages]
    page = r.integer("page", numbers[0], False, 1, 999) or numbers[0]
    if page not in numbers:
        raise doc.error(r.sub("page"), f"page {page} is not in the plan (pages: {', '.join(map(str, numbers))})")
    columns = issue.pages[numbers.index(page)].grid.columns
    lead = (r.integer("priority", None, True, 1, 99) or 1) == 1
    low = r.integer("min_span", (columns + 1) // 2 if lead else 1, False, 1, columns) or 1  # a lead is wide
    # (the page's lead, once the stories are on their pages, takes its page's own: ``crown``, ``lead_span``)
    high = r.integer("max_span", columns, False, 1, columns) or columns
    if low > high and not r.has("min_span"):
        low = high
    if low > high:
        raise doc.error(r.sub("min_span"), f"min_span {low} is more than max_span {high}")
    story = Story(ident, index, path, article, r.integer("priority", None, True, 1, 99) or 1, page,
                  r.boolean("above_fold", False), low, high, r.boolean("boxed", False),
                  _photo(doc, r, ident, base) if r.has("photo") else None, r.has("page"),
                  _head_vertical(doc, r, lead))
    block = check_article(doc, story, issue.pages[numbers.index(page)], base, 1)
    _check_text(doc, r, block)
    return story


def _check_text(doc: Doc, r: Reader, block: m.ArticleBlock) -> None:
    """A story has text to place: its heads, when given, are not blank (the made issue would not
    read back), and it has a body. A headline alone is no story for make-up: 标题新闻 (headline-only
    items) are set together in a fixed block of the page (简讯, ``briefs``), not each in a slot the
    search fills as if it had copy (it would be a headline strip across the page)."""
    for key in ("kicker", "headline", "subhead"):
        value = r.raw(key)
        text = value.get("text") if isinstance(value, dict) else value
        if value is not None and isinstance(text, str) and not text.strip():
            where = r.sub(key) if isinstance(value, str) else f"{r.sub(key)}.text"
            raise doc.error(where, f"needs a value (an empty {key}: leave the key out, or give its text)")
    if not any(isinstance(item, m.Paragraph) and any(run.text.strip() for run in item.runs) for item in block.body):
        raise doc.error(r.sub("body") if r.has("body") else r.path,
                        "a story needs body text (a list of paragraphs); a headline alone (标题新闻) goes in a "
                        "fixed block on the page (简讯, type: briefs), not among the stories")


def _head_vertical(doc: Doc, r: Reader, lead: bool) -> str:
    """``head_vertical: allowed | right | left`` of a story (see ``HEAD_VERTICAL``); the lead (头条)
    always takes a horizontal headline, across the top of its story."""
    value = choice(doc, r, "head_vertical", None, HEAD_VERTICAL) or ""
    if value and lead:
        raise doc.error(r.sub("head_vertical"), "the lead (头条, priority 1) takes a horizontal headline across "
                                                "its story; leave head_vertical out")
    if value and all(r.raw(key) is None for key in ("headline", "kicker", "subhead")):
        raise doc.error(r.sub("head_vertical"), "a vertical head (竖排标题) needs a headline")
    return value


def _photo(doc: Doc, story: Reader, ident: str, base: Path) -> PhotoWish:
    """``photo: {image | aspect, caption, credit, label, fit, focus, place, id}``."""
    r = Reader(doc, story.raw("photo"), story.sub("photo"), PHOTO_KEYS)
    path = image(doc, r, base)
    if path is not None and r.has("aspect"):
        raise doc.error(r.sub("aspect"), "a photo takes its aspect from its image file: give image or aspect, "
                                         "not both")
    if path is not None:
        from PIL import Image

        try:
            with Image.open(path) as im:
                aspect = im.width / im.height
        except OSError as exc:
            raise doc.error(r.sub("image"), f"cannot read the image: {exc}") from None
    elif r.has("aspect"):
        aspect = r.number("aspect", 1.5, 0.2, 5.0)
    else:
        raise doc.error(r.path, "a photo needs an image file or an aspect (width ÷ height, e.g. 1.5)")
    focus = r.raw("focus", [0.5, 0.5])
    if (not isinstance(focus, list) or len(focus) != 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1 for v in focus)):
        raise doc.error(r.sub("focus"), "focus is [x, y] with fractions from 0 to 1, e.g. [0.5, 0.3]")
    return PhotoWish(r.text("id", f"{ident}-photo") or f"{ident}-photo", aspect, path, r.text("image", "") or "",
                     r.text("label", "") or "", r.text("caption", "") or "", r.text("credit", "") or "",
                     choice(doc, r, "fit", "cover", FITS) or "cover", (float(focus[0]), float(focus[1])),
                     choice(doc, r, "place", "any", PHOTO_PLACES) or "any")


def check_article(doc: Doc, story: Story, page: m.PageSpec, base: Path, span: int,
                  columns: int | None = None) -> m.ArticleBlock:
    """The story read as an article ``span`` base columns wide (with ``columns`` body columns)
    by the article reader: its messages name the plan's file, line and key."""
    from layout.blocks import block_type

    data = dict(story.data)
    if columns is not None and columns != span:
        data["columns"] = columns
    at = m.Placement(1, span, 1, page.lines)
    common = {"id": story.id, "at": at, "yaml_path": story.path, "yaml_line": doc.lines.get(story.path)}
    reader = Reader(doc, data, story.path, KEYS["article"])
    block = block_type("article").read(doc, reader, common, page, base)
    assert isinstance(block, m.ArticleBlock)
    return block


def lead_span(page: m.PageSpec) -> int:
    """The least span of ``page``'s lead when the plan gives none (``lead.default_span``: half the
    page's columns, or the well between masthead and 报眼 it may stand in)."""
    from layout.makeup.lead import default_span

    return default_span(page.grid.columns, [b.at for b in page.blocks], page.lines)
