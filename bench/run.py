"""Benchmark: render time and peak memory of the sample issue.

Measures, with public tools only (subprocess, time, resource):
  cold   whole process, ``python -m layout render ISSUE -o OUT`` in a new process
         each run (font caches warm on disk, as after the first run on a machine);
  fonts cold  the same with an empty font cache each run (the first run on a machine);
  warm   in-process re-render (typeset + PDF) of the already-loaded issue;
  batch  pages per second over an issue of N copies of the sample page, in one process.

    python bench/run.py [--runs 7] [--issue issue/sample-broadsheet.yaml] [--compare "CMD"]

``--compare`` times another command the same way (cold), for a side-by-side row,
e.g. ``--compare "typst compile other.typ /tmp/o.pdf"``.
"""

from __future__ import annotations

import argparse
import os
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


def warm(issue_path: Path, runs: int, copies: int) -> tuple[list[float], float]:
    """In-process render times of the issue, and pages per second for ``copies`` pages."""
    from layout import clean_issue, default_book, load_issue, typeset, write_pdf

    book = default_book()
    issue, _ = clean_issue(load_issue(issue_path))
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        doc, _ = typeset(issue, book)
        write_pdf(doc, book)
        times.append(time.perf_counter() - start)
    pages = tuple(replace(issue.pages[0], number=k + 1) for k in range(copies))
    start = time.perf_counter()
    doc, _ = typeset(replace(issue, pages=pages), book)
    write_pdf(doc, book)
    return times[1:], copies / (time.perf_counter() - start)


def row(name: str, values: list[float]) -> str:
    """min / median / max in seconds."""
    return f"{name:<28} {min(values):7.3f} {statistics.median(values):7.3f} {max(values):7.3f}"


def main() -> None:
    """Run the benchmark and print a table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--issue", default=str(ROOT / "issue" / "sample-broadsheet.yaml"))
    ap.add_argument("--batch", type=int, default=8, help="pages in the batch run")
    ap.add_argument("--compare", help="another command to time cold, side by side")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "bench.pdf")
        command = [sys.executable, "-m", "layout", "render", args.issue, "-o", out, "--quiet"]
        cold_times, peak = cold(command, args.runs)
        fresh_times, _ = cold(command, max(2, args.runs // 3), fresh_cache=True)
        warm_times, pps = warm(Path(args.issue), args.runs, args.batch)
        print(f"{'seconds':<28} {'min':>7} {'median':>7} {'max':>7}")
        print(row("cold (whole process)", cold_times))
        print(row("fonts cold (empty cache)", fresh_times))
        print(row("warm (in-process render)", warm_times))
        if args.compare:
            other, _ = cold(shlex.split(args.compare), args.runs)
            print(row("compare (whole process)", other))
        print(f"peak RSS of a render process: {peak:.0f} MiB")
        print(f"batch: {args.batch} pages at {pps:.1f} pages/s in one process")


if __name__ == "__main__":
    main()
