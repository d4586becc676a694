"""``python3 -m layout.preflight FILE.pdf``: the preflight command line.

In:  argv. Out: the report on stdout; exit 1 when there is an error, 0 otherwise,
2 for a file that cannot be checked (damaged, truncated, encrypted) or bad usage.
A closed pipe (``… | head``) ends quietly.
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from layout.files import InputRefused, read_input
from layout.photo.prepare import DEFAULT_INK_LIMIT
from layout.preflight.args import ink_limit, safe_area, summary_problem
from layout.preflight.check import SAFE_AREA_MM, preflight
from layout.preflight.findings import PreflightReport


def emit(text: str) -> None:
    """Print ``text``; if the reader has gone (a closed pipe), stop writing without a traceback."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python's final flush must not fail again


def render(report: PreflightReport, as_json: bool) -> str:
    """The report as text or JSON."""
    return json.dumps(report.to_json(), ensure_ascii=False, indent=1) if as_json else report.summary()


#: A render summary of a whole edition is a few hundred KB.
SUMMARY_LIMIT = 50_000_000


def load_summary(path: Path) -> dict[str, Any]:
    """The render summary JSON at ``path``; ``ValueError`` naming the file when it cannot be
    read or is not shaped like one (``summary_problem``)."""
    try:
        summary = json.loads(read_input(path, SUMMARY_LIMIT).decode("utf-8"))
    except (OSError, ValueError, InputRefused) as exc:
        raise ValueError(f"{path}: cannot read the render summary ({exc})") from None
    problem = summary_problem(summary)
    if problem:
        raise ValueError(f"{path}: not a render summary: {problem} (nothing checked)")
    return dict(summary)


def pdf_problem(path: Path) -> str:
    """Why ``path`` cannot be the PDF to check (missing, a folder, a device, a FIFO), or ``""``."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "no such PDF file"
    except OSError as exc:
        return f"cannot read it ({exc.strerror})"
    if stat.S_ISDIR(info.st_mode):
        return "a folder, not a PDF file"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a device, FIFO or socket); give the PDF itself"
    return ""


def main(argv: Sequence[str] | None = None) -> int:
    """Run preflight on one file (see module docstring)."""
    about = "Check a finished PDF for the problems a newspaper print shop rejects."
    parser = argparse.ArgumentParser(prog="python3 -m layout.preflight", description=about)
    parser.add_argument("pdf", help="the PDF to check")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--ink-limit", type=ink_limit, default=DEFAULT_INK_LIMIT, help="total ink limit in %% (240)")
    parser.add_argument("--safe-area", type=safe_area, default=SAFE_AREA_MM, metavar="MM",
                        help=f"text keeps this far inside the trim (default {SAFE_AREA_MM:g} mm; 0: off)")
    parser.add_argument("--render-summary", metavar="FILE.json", help="the renderer's --summary file (overset)")
    args = parser.parse_args(argv)
    try:
        summary = load_summary(Path(args.render_summary)) if args.render_summary else None
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    problem = pdf_problem(Path(args.pdf))
    if problem:
        print(f"{args.pdf}: {problem}", file=sys.stderr)
        return 2
    report = preflight(Path(args.pdf), args.ink_limit, summary, args.safe_area)
    emit(render(report, args.json))
    if report.unreadable:
        return 2
    return 0 if report.ok else 1
