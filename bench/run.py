"""Benchmark: render time and peak memory of the sample issue.

Measures, with public tools only (subprocess, time, resource):
  cold   whole process, ``python -m layout render ISSUE -o OUT`` in a new process
         each run (font caches warm on disk, as after the first run on a machine);
  fonts cold  the same with an empty font cache each run (the first run on a machine);
  warm   in-process re-render (typeset + PDF) of the already-loaded issue, unchanged
         and with one paragraph edited (what a live preview or a desk re-run does);
  batch  whole-process time per page of an issue of 8 and of 32 copies of the sample
         page, laid out in one process and in one process per core.

    python bench/run.py [--runs 7] [--issue issue/sample-broadsheet.yaml] [--compare "CMD"]

``--compare`` times another command the same way (cold), for a side-by-side row,
e.g. ``--compare "typst compile other.typ /tmp/o.pdf"``.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def cold(command: list[str], runs: int, fresh_cache: bool = False) -> tuple[list[float], float]:
    """Wall times of ``runs`` fresh processes and the largest child peak RSS (MiB);
    with ``fresh_cache`` each run gets an empty BANMIAN_CACHE."""
    times = []
    for _ in range(runs + 1):  # the first run warms the page cache and is dropped
        env = dict(os.environ)
        with tempfile.TemporaryDirectory() as cache:
            if fresh_cache:
                env["BANMIAN_CACHE"] = cache
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
            times.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return times[1:], peak


def warm(issue_path: Path, runs: int) -> tuple[list[float], list[float]]:
    """In-process render times of the issue: unchanged, and with its first paragraph edited."""
    from layout import clean_issue, default_book, load_issue, typeset, write_pdf
    from layout.issue.model import ArticleBlock, Paragraph, Run

    book = default_book()
    issue, _ = clean_issue(load_issue(issue_path))

    def render(one: object) -> float:
        start = time.perf_counter()
        doc, _ = typeset(one, book)  # type: ignore[arg-type]
        write_pdf(doc, book)
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
    copy's paragraphs start with its page number, so every page is set anew (no cache hits)."""
    text = issue_path.read_text(encoding="utf-8")
    head, pages = text.split("pages:\n", 1)
    pages = re.split(r"\n  - number: (?!1\n)", pages)[0] + "\n"  # page 1 only
    pages = re.sub(r"jump: [\w-]+", "jump: 2", pages)  # its jumps point at pages not copied
    paragraph = re.compile(r"^(          - )(?!crosshead|jump|byline_end)", re.MULTILINE)
    body = "".join(paragraph.sub(rf"\g<1>{n}", pages.replace("  - number: 1\n", f"  - number: {n}\n", 1))
                   for n in range(1, copies + 1))
    path = folder / f"issue-{copies}.yaml"
    path.write_text(head + "pages:\n" + body, encoding="utf-8")
    return path


def row(name: str, values: list[float]) -> str:
    """min / median / max in seconds."""
    return f"{name:<36} {min(values):7.3f} {statistics.median(values):7.3f} {max(values):7.3f}"


def main() -> None:
    """Run the benchmark and print a table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--issue", default=str(ROOT / "issue" / "sample-broadsheet.yaml"))
    ap.add_argument("--compare", help="another command to time cold, side by side")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "bench.pdf")
        command = [sys.executable, "-m", "layout", "render", args.issue, "-o", out, "--quiet"]
        cold_times, peak = cold(command, args.runs)
        fresh_times, _ = cold(command, max(2, args.runs // 3), fresh_cache=True)
        same, edited = warm(Path(args.issue), args.runs)
        print(f"{'seconds':<36} {'min':>7} {'median':>7} {'max':>7}")
        print(row("cold (whole process)", cold_times))
        print(row("fonts cold (empty cache)", fresh_times))
        print(row("warm re-render (in process)", same))
        print(row("warm, one paragraph edited", edited))
        if args.compare:
            other, _ = cold(shlex.split(args.compare), args.runs)
            print(row("compare (whole process)", other))
        print(f"peak RSS of a one-page render process: {peak:.0f} MiB")
        for copies in (8, 32):
            path = issue_copies(Path(args.issue), copies, Path(tmp))
            for jobs in (1, os.cpu_count() or 1):
                many = [sys.executable, "-m", "layout", "render", str(path), "-o", out, "--quiet", "--jobs", str(jobs)]
                times, peak = cold(many, max(2, args.runs // 3))
                print(f"{copies} pages, {jobs} process{'es' if jobs > 1 else ''}: "
                      f"{statistics.median(times) / copies:.3f} s per page, whole process "
                      f"{statistics.median(times):.2f} s, peak {peak:.0f} MiB")


if __name__ == "__main__":
    main()
