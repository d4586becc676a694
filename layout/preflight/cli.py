"""``python3 -m layout.preflight FILE.pdf``: the preflight command line.

In:  argv. Out: the report on stdout; exit 1 when there is an error, 0 otherwise,
2 for a file that cannot be checked (damaged, truncated, encrypted) or bad usage.
A closed pipe (``… | head``) ends quietly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from layout.photo.prepare import DEFAULT_INK_LIMIT
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run preflight on one file (see module docstring)."""
    about = "Check a finished PDF for the problems a newspaper print shop rejects."
    parser = argparse.ArgumentParser(prog="python3 -m layout.preflight", description=about)
    parser.add_argument("pdf", help="the PDF to check")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--ink-limit", type=float, default=DEFAULT_INK_LIMIT, help="total ink limit in %% (240)")
    parser.add_argument("--safe-area", type=float, default=SAFE_AREA_MM, metavar="MM",
                        help=f"text keeps this far inside the trim (default {SAFE_AREA_MM:g} mm; 0: off)")
    parser.add_argument("--render-summary", metavar="FILE.json", help="the renderer's --summary file (overset)")
    args = parser.parse_args(argv)
    summary = None
    if args.render_summary:
        try:
            summary = json.loads(Path(args.render_summary).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"{args.render_summary}: cannot read the render summary ({exc})", file=sys.stderr)
            return 2
    if not Path(args.pdf).is_file():
        print(f"{args.pdf}: no such PDF file", file=sys.stderr)
        return 2
    report = preflight(Path(args.pdf), args.ink_limit, summary, args.safe_area)
    emit(render(report, args.json))
    if report.unreadable:
        return 2
    return 0 if report.ok else 1
