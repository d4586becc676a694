"""Benchmark: render time and peak memory of the sample issue.

Measures, with public tools only (subprocess, time, resource):
  cold   whole process, ``python -m layout render ISSUE -o OUT`` in a new process
         each run (font caches warm on disk, as after the first run on a machine);
  fonts cold  the same with an empty font cache each run (the first run on a machine);
  warm   in-process re-render (typeset + PDF) of the already-loaded issue, unchanged
         and with one paragraph edited (what a live preview or a desk re-run does);
  batch  whole-process time per page of an issue of 8 and of 32 copies of the sample
         page, laid out in one process and in one process per core;
  fresh  the customer's page (page 1) as a one-page issue with fresh copy each run (a
         few ideographs inserted at random, so nothing set before can serve it), whole
         process, in turn with Typst setting the same page on the same grid
         (bench/typst_page.py; the ``typst`` wheel from PyPI), with the ratio of each pair, and
         the same page of other fresh copy set in one process (``--jobs 1``);
  floor  with each pair, a process that only starts and imports what the stages' import step
         imports (no page), beside Typst's start and import, and its ratio to Typst's whole page;
  stages where a fresh-copy run's time goes: interpreter start, imports, load and
         clean, typeset, PDF (each timed in a new process);
  preview  the live preview's re-render after one paragraph of the file is edited
         (load, typeset, raster of every page) and the PNG of the edited page.

    python bench/run.py [--runs 7] [--issue issue/sample-broadsheet.yaml] [--compare "CMD"] [--no-typst] [--seed N]

The fresh copy's seed is new each run (printed; ``--seed`` repeats one): a seed set before would find
its font subsets and its words in the cache, and the "fresh" page would not be fresh.

``--compare`` times another command the same way (cold), for a side-by-side row,
e.g. ``--compare "typst compile other.typ o.pdf"``.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import logging
import os
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def byte_code() -> bool:
    """Compile the package's modules to byte code (``__pycache__``, as installing a package does)
    before anything is timed; True when some were missing or stale. A checkout run with
    ``PYTHONDONTWRITEBYTECODE`` set never writes them, and every process then compiles each
    module it imports anew: about 0.1 s more CPU on a one-page render's imports."""
    import compileall
    import io
    from contextlib import redirect_stdout

    with redirect_stdout(io.StringIO()) as said:
        compileall.compile_dir(ROOT / "layout", quiet=0)
    return "Compiling" in said.getvalue()


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one process running ``command`` (output discarded)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, command)
    return wall, usage.ru_maxrss / 1024


def cold(command: list[str], runs: int, fresh_cache: bool = False) -> tuple[list[float], float]:
    """Wall times of ``runs`` fresh processes and the largest peak RSS (MiB) among them;
    with ``fresh_cache`` each run gets an empty BANMIAN_CACHE."""
    times, peaks = [], []
    for _ in range(runs + 1):  # the first run warms the page cache and is dropped
        env = dict(os.environ)
        with tempfile.TemporaryDirectory() as cache:
            if fresh_cache:
                env["BANMIAN_CACHE"] = cache
            wall, peak = timed(command, env)
            times.append(wall)
            peaks.append(peak)
    return times[1:], max(peaks)


def warm(issue_path: Path, runs: int) -> tuple[list[float], list[float]]:
    """In-process render times of the issue: unchanged, and with its first paragraph edited."""
    from layout import clean_issue, default_book, load_issue, typeset, write_pdf
    from layout.issue.model import ArticleBlock, Paragraph, Run

    book = default_book()
    issue, _ = clean_issue(load_issue(issue_path))

    def render(one: object) -> float:
        start = time.perf_counter()
        doc, _ = typeset(one, book)  # type: ignore[arg-type]
        write_pdf(doc, book.resources(doc.faces()))
        return time.perf_counter() - start

    same = [render(issue) for _ in range(runs + 1)][1:]
    edited = []
    for k in range(runs):
        page = issue.pages[0]
        article = next(b for b in page.blocks if isinstance(b, ArticleBlock))
        first = article.body[0]
        assert isinstance(first, Paragraph)
        changed = replace(first, runs=(*first.runs, Run("改" * (k + 1), "body")))
        blocks = tuple(replace(b, body=(changed, *b.body[1:])) if b is article else b for b in page.blocks)
        edited.append(render(replace(issue, pages=(replace(page, blocks=blocks), *issue.pages[1:]))))
    return same, edited


def issue_copies(issue_path: Path, copies: int, folder: Path) -> Path:
    """An issue file with ``copies`` copies of the sample's first page, numbered 1…N; each
    copy's paragraphs start with its page number, so every page is set anew (no cache hits), and
    the block ids of copy N (N > 1) and the index's references to them end in ``-pN`` (an id names
    one block in the issue)."""
    text = issue_path.read_text(encoding="utf-8")
    head, pages = text.split("pages:\n", 1)
    pages = re.split(r"\n  - number: (?!1\n)", pages)[0] + "\n"  # page 1 only
    pages = re.sub(r"jump: [\w-]+", "jump: 2", pages)  # its jumps point at pages not copied
    # (not an item that is all markup, {text: …}: a digit before it would not be YAML)
    paragraph = re.compile(r"^(          - )(?!crosshead|jump|byline_end|\{)", re.MULTILINE)
    ids = re.compile(r"(\bid: |\bref: )([\w-]+)")  # a block id names one block in the issue: copy n's are -pN
    copied = [pages if n == 1 else ids.sub(rf"\g<1>\g<2>-p{n}", pages) for n in range(1, copies + 1)]
    body = "".join(paragraph.sub(rf"\g<1>{n}", page.replace("  - number: 1\n", f"  - number: {n}\n", 1))
                   for n, page in enumerate(copied, 1))
    path = folder / f"issue-{copies}.yaml"
    path.write_text(head + "pages:\n" + body, encoding="utf-8")
    for name in re.findall(r"^house:\s*([^\s#]+)", head, flags=re.MULTILINE):  # the house-style file beside it
        shutil.copy(issue_path.parent / name, folder / name)
    return path


def fresh_page(issue_path: Path, path: Path, seed: int) -> Path:
    """The issue's page 1 as a one-page issue with fresh copy: an ideograph inserted at a random
    place in every body paragraph, so no paragraph was ever set before in any cache. The
    ideographs are drawn from the 3 755 common characters of GB 2312 (level 1), most of them
    not on the page: each run draws glyphs no run drew before, as a new page does, so no font
    subset made for an earlier run can serve it either. Jumps point at page 2, which the issue
    lacks."""
    rng = random.Random(seed)
    text = issue_copies(issue_path, 1, path.parent).read_text(encoding="utf-8")
    pool = [bytes((row, cell)).decode("gb2312") for row in range(0xB0, 0xD8) for cell in range(0xA1, 0xFF)
            if (row, cell) < (0xD7, 0xFA)]

    def insert(match: re.Match[str]) -> str:
        body = match.group(2)
        for _ in range(1):
            spots = [k for k in range(1, len(body)) if body[:k].count("{") == body[:k].count("}")]
            if not spots:  # a paragraph that is all markup ({text: …, ref: …}): left as it is
                break
            k = rng.choice(spots)
            body = body[:k] + rng.choice(pool) + body[k:]
        return match.group(1) + body

    text = re.sub(r"^(          - )1(?!crosshead|jump|byline_end)(\S.*)$", insert, text, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    return path


# What the stages' import step imports (the render's start-up; the modules a page loads as it is laid out
# count to its stages): also the floor's whole program. STAGES appends to it and is ``str.format``-ed, so
# neither may hold a brace but its fields.
IMPORTS = """
import gc, time
gc.set_threshold(50_000, 20, 20)  # as python -m layout does (layout.command.YOUNG)
t0 = time.process_time()
import layout.deferred
layout.deferred.defer_rare()  # as the command does
import layout.codecache
layout.codecache.install("render")  # as the render command does (its own cache file)
import layout.cli, layout.page, layout.issue.load, layout.text.clean, layout.render.pdf, layout.text.font
t1 = time.process_time()
"""
STAGES = IMPORTS + """from pathlib import Path
from layout.files import write_atomic
book = layout.text.font.default_book()
issue, _ = layout.text.clean.clean_issue(layout.issue.load.load_issue(Path({issue!r})))
t2 = time.process_time()
document, report = layout.page.typeset(issue, book)
t3 = time.process_time()
write_atomic(Path({out!r}), layout.render.pdf.write_pdf(document, book.resources(document.faces())))
t4 = time.process_time()
print(t0, t1 - t0, t2 - t1, t3 - t2, t4 - t3)
"""


def cpu_seconds(command: list[str]) -> float:
    """Processor seconds (user + system) of one process running ``command``."""
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), command)
    return usage.ru_utime + usage.ru_stime


def stages(issue_path: Path, folder: Path, runs: int, seed: int = 0) -> dict[str, list[float]]:
    """Per-stage processor seconds of fresh-copy renders, each in a new process: interpreter
    start (an empty ``python -c pass``), imports of what a render uses (as ``python -m
    layout`` makes them), fonts + load + clean, typeset, PDF (written to a file)."""
    out: dict[str, list[float]] = {k: [] for k in ("interpreter", "imports", "load", "typeset", "pdf")}
    for k in range(runs + 1):
        path = fresh_page(issue_path, folder / f"stage-{k}.yaml", seed + 1000 + k)
        empty = cpu_seconds([sys.executable, "-c", "pass"])
        code = STAGES.format(issue=str(path), out=str(folder / "stage.pdf"))
        done = subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True, text=True)
        if k:  # the first run warms the page cache and is dropped
            _, *figures = map(float, done.stdout.split())
            for key, value in zip(out, (empty, *figures)):
                out[key].append(value)
    return out


def side_by_side(issue_path: Path, folder: Path, runs: int, typst: bool, seed: int = 0) -> dict[str, list[float]]:
    """Whole-process seconds of fresh-copy one-page renders by Banmian and, in turn, by Typst
    on the same fresh copy; each run gets copy never set before. With each pair, the floor of
    each side: a process that starts and imports what the stages' import step imports and sets
    no page (ours, ``IMPORTS``), one that starts as Typst's driver does and imports the ``typst``
    wheel (theirs), and the ratio of our floor to Typst's whole page; and a render of other fresh copy
    with ``--jobs 1`` (the page's stories set in one process: ``layout.blockfork`` shares them with a
    forked one when a processor is free)."""
    times: dict[str, list[float]] = {"banmian": [], "typst": [], "ratio": [], "banmian peak": [], "typst peak": [],
                                     "floor": [], "typst floor": [], "floor ratio": [], "one process": [],
                                     "one process ratio": []}
    fonts = None
    if typst:
        from typst_page import link_fonts, typst_source
        fonts = link_fonts(folder / "typst-fonts")
    for k in range(runs + 1):
        path = fresh_page(issue_path, folder / f"fresh-{k}.yaml", seed + k)
        command = [sys.executable, "-m", "layout", "render", str(path), "-o", str(folder / "fresh.pdf"), "--quiet"]
        ours, our_peak = timed(command)
        theirs = their_peak = None
        if fonts is not None:
            source = folder / f"fresh-{k}.typ"
            source.write_text(typst_source(path), encoding="utf-8")
            command = [sys.executable, "-I", str(ROOT / "bench" / "typst_page.py"), "--compile", str(source),
                       str(folder / "typst.pdf"), str(fonts)]
            theirs, their_peak = timed(command)
        alone = fresh_page(issue_path, folder / f"alone-{k}.yaml", seed + 500_000 + k)  # (its own copy)
        one, _ = timed([sys.executable, "-m", "layout", "render", str(alone), "-o", str(folder / "alone.pdf"),
                        "--quiet", "--jobs", "1"])
        floor, _ = timed([sys.executable, "-c", IMPORTS])
        their_floor = timed([sys.executable, "-I", "-c", "import typst"])[0] if fonts is not None else None
        if k:  # the first pair warms the page cache and is dropped
            times["floor"].append(floor)
            times["one process"].append(one)
            times["banmian"].append(ours)
            times["banmian peak"].append(our_peak)
            if theirs is not None and their_peak is not None:
                times["typst"].append(theirs)
                times["typst peak"].append(their_peak)
                times["ratio"].append(ours / theirs)
                times["one process ratio"].append(one / theirs)
                times["floor ratio"].append(floor / theirs)
            if their_floor is not None:
                times["typst floor"].append(their_floor)
    return times


def preview_edit(issue_path: Path, folder: Path, runs: int) -> dict[str, list[float]]:
    """The live preview after a save that edits one paragraph: seconds of the re-render
    (load, clean, typeset, raster of every page: ``PreviewState.refresh``) and of the
    edited page's PNG (what the browser then fetches), wall and processor time."""
    from layout.preview.serve import PreviewState
    from layout.text.font import default_book

    path = folder / "preview.yaml"
    text = issue_path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    for name in re.findall(r"^house:\s*([^\s#]+)", text, flags=re.MULTILINE):  # (else every refresh is an error)
        shutil.copy(issue_path.parent / name, folder / name)
    state = PreviewState(path, default_book())
    state.refresh()
    times: dict[str, list[float]] = {"refresh": [], "png": [], "refresh cpu": [], "png cpu": []}
    for k in range(runs):
        path.write_text(text.replace("近日,全球", f"近日,{'新' * (k + 1)}全球", 1), encoding="utf-8")
        for name, step in (("refresh", state.refresh), ("png", lambda: state.png(1, "page"))):
            start, cpu = time.perf_counter(), time.process_time()
            step()
            times[name].append(time.perf_counter() - start)
            times[f"{name} cpu"].append(time.process_time() - cpu)
    return times


def quiet() -> None:
    """The in-process rows' warnings given but not written (the sample's, its ad's missing artwork, would be
    written at every render timed, between the rows): handled by a handler that drops them."""
    log = logging.getLogger("banmian")
    log.handlers[:] = [logging.NullHandler()]
    log.propagate = False


def bound_line(pair: dict[str, list[float]], split: dict[str, list[float]]) -> str:
    """The least a fresh page could take on two cores as the stages stand: the floor (start and imports,
    whole process, median) plus half the processor time of load, typeset and PDF (medians), as if those
    three were shared between two processes perfectly and for nothing; beside Typst's whole page."""
    work = sum(statistics.median(split[name]) for name in ("load", "typeset", "pdf"))
    least = statistics.median(pair["floor"]) + work / 2
    text = f"bound on 2 cores: floor + (load + typeset + pdf) / 2 = {least:.3f} s"
    if pair["typst"]:
        text += f"; Typst's page {statistics.median(pair['typst']):.3f} s, bound / Typst " \
                f"{least / statistics.median(pair['typst']):.2f}"
    return text


def row(name: str, values: list[float]) -> str:
    """min / median / max in seconds."""
    return f"{name:<36} {min(values):7.3f} {statistics.median(values):7.3f} {max(values):7.3f}"


def makeup_rows(folder: Path, runs: int) -> None:
    """``banmian makeup`` (自动组版): in process (measure + search + write, fonts loaded) with 1 and
    2 measuring processes, and the whole command (with its checking render), for the customer's
    page (5 stories) and an 8-story broadsheet page of placeholder copy; then a 16-page section
    (``section_plan``) with 2 processes. Whole commands print wall and processor time (user +
    system, their worker processes included): on a loaded machine the wall time says little. The
    in-process rows and the "no cache" rows measure and search afresh (``--no-cache``); the "cached"
    rows run again on an unchanged plan, its variants and pages in the make-up cache
    (``layout.makeup.store``), as a desk re-running make-up after an edit elsewhere does."""
    from layout import default_book
    from layout.makeup import make_up, store

    book = default_book()
    store.use(False)
    goals = []  # (name, seconds at most, wall times, processor times): issue 18's speed goals, on 2 cores
    for name, plan in (("sample plan, 5 stories", ROOT / "issue" / "plan-sample.yaml"),
                       ("8-story broadsheet", ROOT / "tests" / "data" / "makeup" / "plan-eight.yaml")):
        target = plan.parent / f".bench-made-{os.getpid()}.yaml"
        for jobs in (1, 2):
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                make_up(plan, target, book, jobs=jobs)
                times.append(time.perf_counter() - start)
            print(row(f"makeup {name}, {jobs} proc (in process)", times))
        command = [sys.executable, "-m", "layout", "makeup", str(plan), "-o", str(target), "--quiet", "--jobs", "2"]
        try:
            whole, cpu = cold_cpu([*command, "--no-cache"], max(2, runs // 2))
            warm_whole, warm_cpu = cold_cpu(command, max(2, runs // 2))
        finally:
            target.unlink(missing_ok=True)
        print(row(f"makeup {name} (whole process, no cache)", whole))
        print(row(f"makeup {name} (whole, CPU, no cache)", cpu))
        print(row(f"makeup {name} (whole process, cached)", warm_whole))
        print(row(f"makeup {name} (whole, CPU, cached)", warm_cpu))
        goals += [("8-story page, 1 s", 1.0, whole, cpu)] if "8-story" in name else []
    plan = section_plan(folder)  # 16 pages, 96 stories spread by make-up
    target = folder / "section-made.yaml"
    times = []
    for _ in range(max(1, runs // 3)):
        start = time.perf_counter()
        make_up(plan, target, book, jobs=2)
        times.append(time.perf_counter() - start)
    print(row("makeup 16-page section, 2 proc (in process)", times))
    command = [sys.executable, "-m", "layout", "makeup", str(plan), "-o", str(target), "--quiet", "--jobs", "2"]
    whole, cpu = cold_cpu([*command, "--no-cache"], max(1, runs // 3))
    print(row("makeup 16-page section (whole, no cache)", whole))
    print(row("makeup 16-page section (CPU, no cache)", cpu))
    goals.append(("16-page section, 10 s", 10.0, whole, cpu))
    whole, cpu = cold_cpu(command, max(1, runs // 3))
    print(row("makeup 16-page section (whole, cached)", whole))
    print(row("makeup 16-page section (CPU, cached)", cpu))
    goals += heldout_rows(folder, runs)
    for name, most, whole, cpu in goals:  # (a page's wall time on two idle cores is at least half its CPU)
        verdict = "met" if statistics.median(whole) <= most else "not met here, CPU/2 within" if \
            statistics.median(cpu) / 2 <= most else "NOT met"
        print(row(f"goal: {name} (wall, no cache)", whole) + f"  {verdict}; CPU/2 {statistics.median(cpu) / 2:.2f}")


def heldout_rows(folder: Path, runs: int) -> list[tuple[str, float, list[float], list[float]]]:
    """``banmian makeup`` as whole commands (``--no-cache``, ``--jobs 2``) on plans of the customer's
    sentences (``bench/makeup_heldout.py``): a 16-page section of held-out pages (seeds 920 on, the
    broadsheet ones: grids 8×13 and 7×14, 4–9 stories a page, each story given its page) and two
    eight-story pages whose copy nearly fills or overfills them (seeds 905 and 913 at 100 % of the
    free area's capacity: their second searches run, ``fallback.wider``). Wall and processor time; returned
    as issue 18's goals (name, seconds at most, wall times, processor times)."""
    spec = importlib.util.spec_from_file_location("makeup_heldout", ROOT / "bench" / "makeup_heldout.py")
    assert spec and spec.loader
    held = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(held)
    plans = [("held-out 16-page section", held.section_plan(920, 16, folder), max(1, runs // 3)),
             *((f"held-out 8 stories, 100 % ({seed})", held.make_plan(seed, folder, (1.0, 1.0), count=8),
                max(2, runs // 2)) for seed in (905, 913))]
    goals = []
    for name, plan, times in plans:
        target = folder / f"{plan.stem}-made.yaml"
        command = [sys.executable, "-m", "layout", "makeup", str(plan), "-o", str(target), "--quiet",
                   "--jobs", "2", "--no-cache"]
        whole, cpu = cold_cpu(command, times, (0, 1))  # (1: a page left overset, as the copy asks)
        print(row(f"makeup {name} (whole)", whole))
        print(row(f"makeup {name} (CPU)", cpu))
        most = 10.0 if "section" in name else 1.0
        goals.append((f"{name}, {most:g} s", most, whole, cpu))
    return goals


def cold_cpu(command: list[str], runs: int, fine: tuple[int, ...] = (0,)) -> tuple[list[float], list[float]]:
    """Wall and processor seconds (user + system of the process and the workers it waited for) of
    ``runs`` fresh processes running ``command``, after one that warms the page cache; an exit status
    not in ``fine`` raises."""
    walls, cpus = [], []
    for _ in range(runs + 1):
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        if os.waitstatus_to_exitcode(status) not in fine:
            raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), command)
    return walls[1:], cpus[1:]


def section_plan(folder: Path, pages: int = 16, per_page: int = 6) -> Path:
    """A plan of a ``pages``-page broadsheet section (write it in ``folder``): page 1 with the
    masthead, banner and 报眼 of ``tests/data/makeup/plan-eight.yaml``, every third page a 半通栏
    ad across the foot, and ``pages × per_page`` stories without a page (make-up spreads them),
    priorities 1…per_page, their copy the placeholder copy (占位稿) of the eight-story plan, some
    paragraphs repeated (varied lengths); the second story of each page with a photo slot."""
    import yaml

    eight = yaml.safe_load((ROOT / "tests" / "data" / "makeup" / "plan-eight.yaml").read_text(encoding="utf-8"))
    first = eight["pages"][0]
    sheets = []
    for n in range(1, pages + 1):
        page = copy.deepcopy({k: v for k, v in first.items() if k != "blocks"}) | {"number": n, "name": f"测试{n}"}
        if n == 1:
            page["blocks"] = first["blocks"]
        elif n % 3 == 0:
            page["blocks"] = [{"type": "ad", "id": f"ad{n}", "size": "半通栏",
                               "at": {"column": 1, "span": 8, "line": 97, "lines": 10}}]
        sheets.append(page)
    stories = []
    for k in range(pages * per_page):
        base = eight["stories"][k % len(eight["stories"])]
        body = base["body"]
        body = body + body[:(k * 7) % len(body)]  # lengths vary from story to story
        story = {"id": f"t{k + 1}", "priority": k % per_page + 1,
                 "headline": f"（占位）第{k + 1}篇测试标题", "body": list(body)}
        if k % per_page == 1:
            story["photo"] = {"aspect": 1.5, "caption": "（占位）测试图片说明。"}
        stories.append(story)
    plan = {"banmian": 1, "issue": eight["issue"], "pages": sheets, "stories": stories}
    path = folder / "plan-section.yaml"
    path.write_text("# (占位) a 16-page test section: placeholder copy, not news\n"
                    + yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def main() -> None:
    """Run the benchmark and print a table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--issue", default=str(ROOT / "issue" / "sample-broadsheet.yaml"))
    ap.add_argument("--compare", help="another command to time cold, side by side")
    ap.add_argument("--no-typst", action="store_true", help="leave out the Typst row (no typst wheel here)")
    ap.add_argument("--makeup", action="store_true", help="only the make-up rows (banmian makeup)")
    ap.add_argument("--seed", type=int, default=None,
                    help="the fresh copy's seed (default: a new one each run, printed: a seed run before would find "
                         "its font subsets and words in the cache)")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(3), "big") * 1_000_000
    if byte_code():
        print("(compiled the package's byte code first: some modules had none or a stale one)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.makeup:
            quiet()
            print(f"{'seconds':<36} {'min':>7} {'median':>7} {'max':>7}")
            makeup_rows(folder, args.runs)
            return
        typst = not args.no_typst and importlib.util.find_spec("typst") is not None
        if not typst and not args.no_typst:
            print("(no Typst row: the typst wheel is not installed; pip install typst, or bash install.sh)")
        print(f"(fresh copy: --seed {seed})")
        pair = side_by_side(Path(args.issue), folder, args.runs, typst, seed)
        print(f"{'seconds':<36} {'min':>7} {'median':>7} {'max':>7}")
        print(row("fresh page 1 (whole process)", pair["banmian"]))
        if pair["typst"]:
            print(row("Typst, same page (whole process)", pair["typst"]))
            print(row("ratio Banmian / Typst, pair by pair", pair["ratio"]))
        print(row("fresh page 1, one process (--jobs 1)", pair["one process"]))
        if pair["typst"]:
            print(row("ratio, one process / Typst", pair["one process ratio"]))
        print(row("floor: start + imports, no page", pair["floor"]))
        if pair["typst"]:
            print(row("Typst floor: start + import typst", pair["typst floor"]))
            print(row("our floor / Typst page, pair by pair", pair["floor ratio"]))
        print(f"peak RSS, fresh page 1: Banmian {max(pair['banmian peak']):.0f} MiB"
              + (f", Typst {max(pair['typst peak']):.0f} MiB" if pair["typst"] else ""))
        split = stages(Path(args.issue), folder, args.runs, seed)
        for name, values in split.items():
            print(row(f"  stage (CPU): {name}", values))
        print(bound_line(pair, split))
        out = str(folder / "bench.pdf")
        command = [sys.executable, "-m", "layout", "render", args.issue, "-o", out, "--quiet"]
        cold_times, peak = cold(command, args.runs)
        fresh_times, _ = cold(command, max(2, args.runs // 3), fresh_cache=True)
        print(row("cold, sample issue (whole process)", cold_times))
        print(row("fonts cold (empty cache)", fresh_times))
        if args.compare:
            other, _ = cold(shlex.split(args.compare), args.runs)
            print(row("compare (whole process)", other))
        print(f"peak RSS of a render of the sample issue: {peak:.0f} MiB")
        for copies in (8, 32):
            path = issue_copies(Path(args.issue), copies, folder)
            for jobs in (1, os.cpu_count() or 1):
                many = [sys.executable, "-m", "layout", "render", str(path), "-o", out, "--quiet", "--jobs", str(jobs)]
                times, peak = cold(many, max(2, args.runs // 3))
                print(f"{copies} pages, {jobs} process{'es' if jobs > 1 else ''}: "
                      f"{statistics.median(times) / copies:.3f} s per page, whole process "
                      f"{statistics.median(times):.2f} s, peak {peak:.0f} MiB")
        # in process last: a child forked from a grown benchmark would report its peak
        quiet()
        same, edited = warm(Path(args.issue), args.runs)
        print(row("warm re-render (in process)", same))
        print(row("warm, one paragraph edited", edited))
        edit = preview_edit(Path(args.issue), folder, args.runs)
        print(row("preview re-render, one paragraph edited", edit["refresh"]))
        print(row("  the same, CPU", edit["refresh cpu"]))
        print(row("  PNG of the edited page", edit["png"]))
        print(row("  the same, CPU", edit["png cpu"]))


if __name__ == "__main__":
    main()
