"""Held-out make-up plans and an evaluator that reads the made issue's render.

Plans the make-up was never tuned on: pages (broadsheet 8×13 and 7×14, tabloid 6×12 and 5×13)
with a banner fixed across the top, 4–9 stories whose copy is the customer's sentences (the
bodies of ``issue/sample-broadsheet.yaml``) shuffled and recombined by a seeded generator,
2–3 photo slots of aspect 0.75–2.0, total copy 55–80 % of the free area's body capacity (less
the photos' estimated area): copy that should fit; ``--fill 0.88-1.12`` draws the share from
another range (pages near or over their capacity, where some copy is overset).

The evaluator makes the plan up (``layout.makeup.make_up``), renders the written issue
(``layout.page.typeset_file``) and reads the render, not the make-up's numbers: overset lines,
empty lines per body column (``column_fit``), 撞题 (``clashes``: two head groups side by side
across a gutter whose vertical extents overlap, a vertical head's strip among them), strips (a
story across three quarters of the page's width or more whose body runs fewer than ``STRIP`` lines
deep), whether the lead's headline is the highest, whether every photo touches its story, the
make-up's wall time, headlines level across one narrow column (``level``: what a designer still
reads as 撞题, though no gutter parts them), a 二条 whose headline is in the lower half of the stories'
area (``low2``), landscape photos one base column wide on a page of ``STAMP_COLUMNS`` or more (``stamp``: a
postage stamp), stories one base column wide whose body runs more than ``RIBBON`` lines (``ribbon``), and
the white left while copy is overset (``white``: the empty lines in the
page's stories when any story on it has lines overset; a designer gives that room to the overset
story, so on a page that fits or is full it is 0), and the
order faults in the overset (``order``: the lines overset in a story A when a story B on the page that is
less important than A (a larger ``priority``) is set whole, none of its lines overset, with room it could
give: its body runs more than ``STRIP`` lines a column, so cutting it to give A room still leaves a story,
not a strip; a designer cuts the least important copy first, so on a page whose overset sits only in
stories less important than every story set whole, or that fits, it is 0).

``--band`` gives each page of six columns or more a band of furniture instead of its banner, the
commonest front page (``band_plan``): a masthead at the top left (3 columns on even seeds, 4 on odd)
and a boxed 报眼 of 2 at the top right (at the left on seeds 2 and 3 of every 4, the masthead then at the
right), over lines 1–9, and a well between them; narrower pages are skipped. The evaluator then also
counts the free area's cells no story covers (``hole``: the make-up's hole findings, cells), and the
报眼 is not a story (its headline not the lead's rival).

    python3 bench/makeup_heldout.py [--count 24] [--first 0] [--fill LO-HI] [--band] [--out DIR] [--cache]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's ``layout``, not an installed one
PAGES = [("broadsheet", 8, 13), ("broadsheet", 7, 14), ("tabloid", 6, 12), ("tabloid", 5, 13)]
PITCH, BODY = 13.5, 9.0  # pt: the grid's leading and body size (小五)
STRIP = 8  # a story across three quarters of the page or more whose body runs fewer lines deep is a strip
RIBBON = 40  # a story one base column wide whose body runs more lines deep is a ribbon (一栏到底 in all but name)
STAMP_COLUMNS = 6  # on a page this wide a landscape photo one column wide is a postage stamp


def _sources() -> tuple[list[str], list[str]]:
    """The customer's sentences (bodies) and display lines (headlines, crossheads, kickers)."""
    data = yaml.safe_load((ROOT / "issue" / "sample-broadsheet.yaml").read_text(encoding="utf-8"))
    sentences, heads = [], []
    for page in data["pages"]:
        for block in page.get("blocks", []):
            if block.get("type") != "article":
                continue
            head = block.get("headline")
            heads.append(head.get("text") if isinstance(head, dict) else head)
            for item in block.get("body", []):
                if isinstance(item, str):
                    sentences += [s + "。" for s in re.split(r"。", item) if len(s) > 8]
                elif isinstance(item, dict) and "crosshead" in item:
                    ch = item["crosshead"]
                    heads += [x for x in (ch if isinstance(ch, list) else [ch]) if isinstance(x, str)]
    return sentences, [h for h in heads if isinstance(h, str) and 6 <= len(h) <= 20]


def _body(rng: random.Random, sentences: list[str], chars: int) -> list[str]:
    """Paragraphs of about ``chars`` characters in all, 60–260 characters each."""
    out, total = [], 0
    while total < chars:
        want, para = min(rng.randint(60, 260), chars - total), ""
        while len(para) < want:
            para += rng.choice(sentences)
        out.append(para)
        total += len(para)
    return out


FILL = (0.55, 0.80)  # the copy's share of the free area's capacity: copy that should fit


def make_plan(seed: int, folder: Path, fill: tuple[float, float] = FILL, count: int | None = None) -> Path:
    """Held-out plan number ``seed`` written in ``folder`` (the same seed, ``fill`` and ``count``, the
    same plan), its copy a share in ``fill`` (low, high) of the free area's capacity (``(1.0, 1.0)``: a
    full page), ``count`` stories instead of the seed's own draw (4–9) when given: near-full or
    overset pages."""
    rng = random.Random(seed * 7919 + 17)
    paper, columns, chars = PAGES[seed % len(PAGES)]
    stories = _stories(rng, paper, columns, chars, folder, fill, count)
    plan = _skeleton(paper, columns, chars) | {"stories": stories}
    share = "" if fill == FILL else "-" + "-".join(dict.fromkeys(str(round(f * 100)) for f in fill))
    name = f"held{seed:02d}{share}" + (f"-n{count}" if count else "")
    path = folder / f"{name}.yaml"
    path.write_text("# A held-out make-up plan: the customer's sentences recombined (placeholder stories).\n"
                    + yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def band_plan(path: Path, seed: int) -> Path | None:
    """Held-out plan ``path`` (of seed ``seed``) with a band of masthead and 报眼 over lines 1–9 in place
    of its banner (module docstring), written back; None for a page of fewer than six columns."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    page = data["pages"][0]
    columns = page["grid"]["columns"]
    if columns < 6:
        return None
    mast, left = 3 + seed % 2, seed % 4 < 2  # the masthead's span; whether it stands at the left
    page["blocks"] = [
        {"type": "masthead", "id": "masthead",
         "at": {"column": 1 if left else columns - mast + 1, "span": mast, "line": 1, "lines": 9}},
        {"type": "article", "id": "baoyan", "at": {"column": columns - 1 if left else 1, "span": 2, "line": 1,
                                                    "lines": 9},
         "box": "single", "body": ["（占位）报眼测试文字。"]}]
    path.write_text("# A held-out make-up plan under a band of masthead and 报眼 (placeholder stories).\n"
                    + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def section_plan(first: int, pages: int, folder: Path) -> Path:
    """A ``pages``-page broadsheet section made of held-out pages: page k is held-out seed
    ``first + k``'s page (grid 8×13 or 7×14 by the seed, 4–9 stories, 55–80 % of capacity, its
    photo slots) with its stories given that page (ids ``p<k>s<i>``); tabloid seeds are skipped."""
    sheets, stories, seed = [], [], first
    while len(sheets) < pages:
        paper, columns, chars = PAGES[seed % len(PAGES)]
        if paper == "broadsheet":
            number = len(sheets) + 1
            page = _skeleton(paper, columns, chars)["pages"][0] | {"number": number, "name": f"测试{number}"}
            page["blocks"] = [dict(page["blocks"][0], id=f"banner{number}")]
            sheets.append(page)
            rng = random.Random(seed * 7919 + 17)
            for story in _stories(rng, paper, columns, chars, folder):
                story["id"] = f"p{number}{story['id']}"
                stories.append({"id": story.pop("id"), "page": number, **story})
        seed += 1
    plan = _skeleton("broadsheet", 8, 13) | {"pages": sheets, "stories": stories}
    path = folder / f"section{first:03d}-{pages}.yaml"
    path.write_text("# A held-out make-up section: the customer's sentences recombined (placeholder stories).\n"
                    + yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _stories(rng: random.Random, paper: str, columns: int, chars: int, folder: Path,
             fill: tuple[float, float] = FILL, count: int | None = None) -> list[dict[str, Any]]:
    """A held-out page's stories drawn from ``rng`` (see ``make_plan``)."""
    sentences, heads = _sources()
    n = rng.randint(4, 9) if columns >= 7 else rng.randint(4, 7)
    n = count or n
    frac = rng.uniform(*fill)
    lines = _page_lines(paper, columns, chars, folder)
    free = (lines - 5) * columns
    photos = sorted(rng.sample(range(n), min(n, rng.randint(2, 3))))
    cells, wishes = 0.0, {}
    for i in photos:
        aspect = round(rng.uniform(0.75, 2.0), 2)
        span = max(2, columns // 3)
        width = span * chars * BODY + (span - 1) * BODY
        cells += span * (width / aspect / PITCH + 2)
        wishes[i] = {"aspect": aspect, "caption": "（占位）图片说明。"}
    copy = frac * (free - cells) * chars
    weights = [rng.uniform(0.6, 1.8) for _ in range(n)]
    weights[0] = max(weights) * 1.2  # the lead is the longest story
    stories: list[dict[str, Any]] = []
    for i in range(n):
        story: dict[str, Any] = {"id": f"s{i + 1}", "priority": min(i + 1, 6),
                                 "headline": rng.choice(heads),
                                 "body": _body(rng, sentences, int(copy * weights[i] / sum(weights)))}
        if i == 0 and rng.random() < 0.5:
            story["kicker"] = rng.choice(heads) + "——"
        if i in wishes:
            story["photo"] = wishes[i]
        stories.append(story)
    return stories


def _skeleton(paper: str, columns: int, chars: int) -> dict[str, Any]:
    """A plan's pages: one page, the banner fixed across the top."""
    return {"banmian": 1, "issue": {"paper": "测试日报", "date": "2026-03-02", "number": 1},
            "pages": [{"number": 1, "name": "测试", "paper": paper,
                       "grid": {"columns": columns, "chars": chars, "gutter": 1, "body_size": "小五",
                                "leading": "13.5pt"},
                       "blocks": [{"type": "banner", "id": "banner", "at": {"column": 1, "span": columns,
                                                                             "line": 1, "lines": 5},
                                   "text": "（占位）测试通栏标题"}]}]}


def _page_lines(paper: str, columns: int, chars: int, folder: Path) -> int:
    """The page's grid lines (read by the issue loader)."""
    from layout.issue.load import load_issue

    path = folder / f".skeleton-{paper}-{columns}.yaml"
    path.write_text(yaml.safe_dump(_skeleton(paper, columns, chars), allow_unicode=True), encoding="utf-8")
    return int(load_issue(path).pages[0].lines)


def evaluate(plan: Path, book: Any, jobs: int = 1) -> dict[str, Any]:
    """The made issue's qualities, read from its render (see module docstring)."""
    from layout.makeup import make_up
    from layout.page import typeset_file

    target = plan.with_name(plan.stem + "-made.yaml")
    start = time.perf_counter()
    made = make_up(plan, target, book, jobs=jobs)
    seconds = time.perf_counter() - start
    target.write_text(made.text, encoding="utf-8")
    _, document, report = typeset_file(target, book)
    page = document.pages[0]
    rects = {r.block: (r.x, r.y, r.x + r.w, r.y + r.h) for r in page.regions}
    heads = head_groups(page.items)
    heads.pop("baoyan", None)  # (``band_plan``'s 报眼: furniture, not a story)
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    lead = data["stories"][0]["id"]
    lead_top = lead in heads and all(heads[lead][0] <= h[0] + 0.5 for h in heads.values())
    apart = 0
    for s in data["stories"]:
        if "photo" in s:
            p, q = rects[f"{s['id']}-photo"], rects[s["id"]]
            inside = q[0] - 0.5 <= p[0] and p[2] <= q[2] + 0.5 and q[1] - 0.5 <= p[1] and p[3] <= q[3] + 0.5
            above = abs(p[3] - q[1]) < 1 and p[0] < q[2] and q[0] < p[2]
            beside = 0 <= q[0] - p[2] < 30 and p[1] < q[3] and q[1] < p[3]
            apart += not (inside or above or beside)
    ids = {s["id"] for s in data["stories"]}
    fits = [b for b in report.blocks if b.kind == "article" and b.block in ids]
    cols = sum(max(1, b.fit.columns if b.fit else 1) for b in fits)
    empty = sum(b.underset_lines for b in fits)
    width = max(r[2] for r in rects.values()) - min(r[0] for r in rects.values())  # (the page's columns)
    columns = data["pages"][0]["grid"]["columns"]
    strips = sum(1 for b in fits if b.fit and b.fit.columns and rects[b.block][2] - rects[b.block][0] >= 0.74 * width
                 and -(-b.fit.lines_set // b.fit.columns) < STRIP)
    return {"plan": plan.stem, "stories": len(ids), "overset": sum(b.overset_lines for b in report.blocks),
            "chars": sum(b.overset_chars for b in report.blocks),
            "order": order_faults(fits, {s["id"]: s["priority"] for s in data["stories"]}),
            "strips": strips, "starved": starved_heads(fits),
            "top_foot": sum(1 for f in made.findings if f.rule == "column"),
            "empty": empty, "columns": cols,
            "white": empty if any(b.overset_lines for b in fits) else 0,
            "per_col": empty / max(1, cols), "clash": clashes(heads, vertical_heads(page.items), rects),
            "lead_top": lead_top, "apart": apart, "seconds": seconds, "cost": made.cost,
            "level": level_heads(heads, rects, (width + BODY) / columns),
            "low2": second_low(heads, rects, [s["id"] for s in data["stories"] if s["priority"] == 2]),
            "stamp": stamps(data, rects, (width + BODY) / columns, columns),
            "ribbon": sum(1 for b in fits if b.fit and b.fit.columns == 1 and b.fit.lines_set > RIBBON
                          and rects[b.block][2] - rects[b.block][0] < (width + BODY) / columns),
            "findings": len(made.findings), "cut_short": any(s.cut_short for s in made.solutions.values()),
            "overset_ids": sorted({b.block for b in report.blocks if b.overset_lines}),
            "cut_ids": sorted(s for s in ids if any(f" {s}: cut about" in a for a in made.advice)),
            "placed": sorted(b.block for b in fits),
            "hole": sum(int(a) * int(b) for f in made.findings if f.rule == "hole"
                        for a, b in re.findall(r"\((\d+) × (\d+) cells", f.text))}


def head_groups(items: Any) -> dict[str, tuple[float, float]]:
    """Each story's horizontal head group among a page's ``items`` (the banner's left out): its
    vertical extent (pt: from the top of its first line's tallest glyph to a fifth of that size under
    its last baseline)."""
    from layout.frame import TextLine

    heads: dict[str, tuple[float, float]] = {}
    for line in items:
        if isinstance(line, TextLine) and line.kind == "head":
            size = max(g.size for g in line.glyphs)
            top, bottom = line.baseline - size, line.baseline + 0.2 * size
            low, high = heads.get(line.block, (top, bottom))
            heads[line.block] = (min(low, top), max(high, bottom))
    heads.pop("banner", None)
    return heads


def vertical_heads(items: Any) -> dict[str, tuple[float, float, float, float]]:
    """Each story's vertical head (竖排标题) among a page's ``items``: its strip (pt: left, right, top,
    bottom), the columns' em boxes from the first column's top to the last glyph's foot (an upright
    glyph's baseline and a fifth of its size, a turned one's top and its size)."""
    from layout.frame import VerticalLine

    strips: dict[str, tuple[float, float, float, float]] = {}
    for line in items:
        if isinstance(line, VerticalLine) and line.kind == "head" and line.glyphs:
            foot = line.top + max(g.y + (g.size if g.rotated else 0.2 * g.size) for g in line.glyphs)
            box = (line.x, line.x + line.width, line.top, foot)
            old = strips.get(line.block, box)
            strips[line.block] = (min(old[0], box[0]), max(old[1], box[1]), min(old[2], box[2]), max(old[3], box[3]))
    return strips


def clashes(heads: dict[str, tuple[float, float]], strips: dict[str, tuple[float, float, float, float]],
            rects: dict[str, tuple[float, float, float, float]]) -> int:
    """撞题 on a page: pairs of head groups of two stories standing side by side across a gutter (the
    right one's left edge 0–30 pt right of the left one's right edge) whose vertical extents overlap.
    A horizontal group (``heads``: top, bottom) reaches across its story's region (``rects``: left,
    top, right, bottom); a vertical head (``strips``) across its own strip only, so a vertical head
    on the far side of its story from a neighbour's headline, its body between, is no 撞题, and one
    at the gutter, beside the neighbour's headline or vertical head on overlapping lines, is one."""
    groups = [(rects[b][0], rects[b][2], top, bottom) for b, (top, bottom) in heads.items()]
    return _level_pairs([*groups, *strips.values()], lambda gap: 0 < gap < 30)


def _level_pairs(groups: list[tuple[float, float, float, float]], apart: Callable[[float], bool]) -> int:
    """Pairs of head groups (left, right, top, bottom; pt) whose vertical extents overlap and the second of
    which stands right of the first by a distance ``apart`` takes (from the first's right edge to its left)."""
    return sum(1 for p in groups for q in groups if apart(q[0] - p[1]) and p[2] < q[3] and q[2] < p[3])


def level_heads(heads: dict[str, tuple[float, float]], rects: dict[str, tuple[float, float, float, float]],
                pitch: float) -> int:
    """Pairs of horizontal head groups level with each other across one narrow column (the right one's
    left edge 30 pt to a base column ``pitch`` and 30 pt right of the left one's right edge, vertical
    extents overlapping): what ``clashes`` leaves out, two headlines a column of text apart on the same
    lines, which a designer still reads as side by side (an audit of new plans: 21 pages of 78)."""
    groups = [(rects[b][0], rects[b][2], top, bottom) for b, (top, bottom) in heads.items()]
    return _level_pairs(groups, lambda gap: 30 <= gap <= pitch + 30)


def second_low(heads: dict[str, tuple[float, float]], rects: dict[str, tuple[float, float, float, float]],
               seconds: list[str]) -> int:
    """Whether a 二条 (a story of priority 2: ``seconds``) has its headline in the lower half of the
    stories' area (from the highest story's top to the lowest story's foot): a designer sets it high."""
    stories = [rects[b] for b in heads if b in rects]
    if not stories:
        return 0
    top, foot = min(r[1] for r in stories), max(r[3] for r in stories)
    return int(any(s in heads and heads[s][0] - top >= (foot - top) / 2 for s in seconds))


def stamps(data: dict[str, Any], rects: dict[str, tuple[float, float, float, float]], pitch: float,
           columns: int) -> int:
    """The plan's (``data``) landscape photos (aspect 1 or more) set one base column wide (narrower than a
    column ``pitch``, pt) on a page of ``STAMP_COLUMNS`` columns or more: postage stamps."""
    if columns < STAMP_COLUMNS:
        return 0
    return sum(1 for s in data["stories"] if "photo" in s and s["photo"].get("aspect", 1.0) >= 1
               and rects[f"{s['id']}-photo"][2] - rects[f"{s['id']}-photo"][0] < pitch)


def starved_heads(fits: list[Any]) -> int:
    """The stories of the render's article fits ``fits`` printed as a headline over almost no body: lines
    overset and fewer body lines a column set than ``STRIP`` or a quarter of what its copy needs
    (``layout.makeup.checks.starved_body``'s rule, read from the render)."""
    return sum(1 for b in fits if b.overset_lines and b.fit and b.fit.columns
               and -(-b.fit.lines_set // b.fit.columns)
               < min(STRIP, max(1, (b.fit.lines_set + b.overset_lines) // b.fit.columns // 4)))


def order_faults(fits: list[Any], priority: dict[str, int]) -> int:
    """The lines overset in stories more important than a story set whole with room it could give (a
    body more than ``STRIP`` lines a column deep), of the render's article fits ``fits`` (see module
    docstring)."""
    whole = [priority[b.block] for b in fits if not b.overset_lines and b.fit and b.fit.columns
             and -(-b.fit.lines_set // b.fit.columns) > STRIP]
    return sum(b.overset_lines for b in fits if b.overset_lines and any(p > priority[b.block] for p in whole))


def main() -> None:
    """Generate and evaluate held-out plans; print a table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=24)
    ap.add_argument("--first", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--fill", default="", metavar="LO-HI",
                    help="the copy's share of the page's capacity, e.g. 0.88-1.12 (default 0.55-0.80)")
    ap.add_argument("--band", action="store_true",
                    help="a masthead and a 报眼 over each page of six columns or more instead of its banner")
    ap.add_argument("--out", default="")
    ap.add_argument("--cache", action="store_true",
                    help="read and write the make-up cache (default: measure and search afresh, as timed)")
    args = ap.parse_args()
    from layout.logger import LOGGER
    from layout.makeup import store
    from layout.text.font import default_book

    LOGGER.disabled = True
    store.use(args.cache)
    folder = Path(args.out or tempfile.mkdtemp(prefix="heldout-"))
    folder.mkdir(parents=True, exist_ok=True)
    book = default_book()
    fill = tuple(float(x) for x in args.fill.split("-")) if args.fill else FILL
    if len(fill) != 2 or not 0 < fill[0] <= fill[1]:
        ap.error(f"--fill: two shares LO-HI, LO at most HI, e.g. 0.88-1.12 (not {args.fill!r})")
    print("plan      n  over empty cols /col clash lead apart strip white order starv t2f  sec hole lvl low2 "
          "stp rib cut")
    rows = []
    for seed in range(args.first, args.first + args.count):
        plan: Path | None = make_plan(seed, folder, (fill[0], fill[1]))
        if args.band and plan is not None:
            plan = band_plan(plan, seed)
        if plan is None:
            continue
        r = evaluate(plan, book, args.jobs)
        rows.append(r)
        print(f"{r['plan']:8} {r['stories']:2} {r['overset']:5} {r['empty']:5} {r['columns']:4} {r['per_col']:4.2f}"
              f" {r['clash']:5} {'ok' if r['lead_top'] else 'NO':>4} {r['apart']:5} {r['strips']:5} {r['white']:5}"
              f" {r['order']:5} {r['starved']:5} {r['top_foot']:3} {r['seconds']:4.1f} {r['hole']:4}"
              f" {r['level']:3} {r['low2']:4} {r['stamp']:3} {r['ribbon']:3} {'cut' if r['cut_short'] else ''}",
              flush=True)
    good = sum(1 for r in rows if not r["overset"] and r["per_col"] <= 1 and not r["clash"] and r["lead_top"]
               and not r["apart"])
    print(f"all good: {good}/{len(rows)}; overset {sum(r['overset'] for r in rows)} "
          f"({sum(r['chars'] for r in rows)} characters); "
          f"mean /col {sum(r['per_col'] for r in rows) / max(1, len(rows)):.2f}; "
          f"clashes {sum(r['clash'] for r in rows)}; "
          f"strips {sum(r['strips'] for r in rows)}; white while overset {sum(r['white'] for r in rows)} "
          f"on {sum(1 for r in rows if r['white'])} pages; order faults {sum(r['order'] for r in rows)} lines "
          f"on {sum(1 for r in rows if r['order'])} pages; "
          f"starved headlines {sum(r['starved'] for r in rows)}; top-to-foot columns "
          f"{sum(r['top_foot'] for r in rows)}; holes {sum(r['hole'] for r in rows)} cells "
          f"on {sum(1 for r in rows if r['hole'])} pages; findings {sum(r['findings'] for r in rows)}; "
          f"headlines level across a column {sum(r['level'] for r in rows)} on {sum(1 for r in rows if r['level'])} "
          f"pages; 二条 in the lower half {sum(r['low2'] for r in rows)}; "
          f"stamps {sum(r['stamp'] for r in rows)} on {sum(1 for r in rows if r['stamp'])} pages; "
          f"ribbons {sum(r['ribbon'] for r in rows)} on {sum(1 for r in rows if r['ribbon'])} pages; "
          f"mean s {sum(r['seconds'] for r in rows) / max(1, len(rows)):.2f}")


if __name__ == "__main__":
    main()
