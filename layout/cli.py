"""The ``banmian`` command: render an issue to PDF, build fonts.

Exit codes:
  0  success
  1  --strict and text was overset or glyphs were missing
  2  bad input: YAML syntax, unknown key, wrong type or unit, block outside the
     grid or overlapping another, missing image, bad command line
  3  a font is missing or unreadable (run the install command in README.md)
  4  the output file could not be written
No output file is written unless the whole render succeeded.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from layout.errors import EXIT_OK, BanmianError, OutputError, StrictError
from layout.logger import configure


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror})") from None


def cmd_render(args: argparse.Namespace) -> int:
    """Render one issue file to one PDF."""
    from layout.issue.load import load_issue
    from layout.page import typeset
    from layout.render.pdf import write_pdf
    from layout.text.clean import clean_issue
    from layout.text.font import default_book

    started = time.perf_counter()
    issue, changes = clean_issue(load_issue(Path(args.issue)))
    book = default_book()
    document, report = typeset(issue, book)
    report.changes.update(changes)
    if args.strict and (report.overset or report.missing):
        raise StrictError(f"{args.issue}: --strict: {len(report.overset)} blocks overset, "
                          f"{len(report.missing)} characters without a glyph; no PDF written")
    pdf = write_pdf(document, book)
    _write_atomic(Path(args.output), pdf)
    if args.summary:
        _write_atomic(Path(args.summary), json.dumps(report.to_json(), ensure_ascii=False, indent=1).encode())
    elapsed = time.perf_counter() - started
    overset = sum(b.overset_lines for b in report.overset)
    line = (f"{args.output}: {report.pages} page{'s' if report.pages != 1 else ''}, "
            f"{report.chars_set} characters set, {overset} lines overset, {elapsed:.2f} s")
    if not args.quiet:
        print(line)
    return EXIT_OK


def cmd_fonts(args: argparse.Namespace) -> int:
    """Build the TrueType fonts from Debian's Noto CJK collections."""
    from layout.fontbuild import build_all
    from layout.text.font import REPO_FONTS, USER_FONTS

    started = time.perf_counter()
    out = Path(args.out) if args.out else REPO_FONTS if REPO_FONTS.is_dir() else USER_FONTS
    paths = build_all(out, workers=args.jobs)
    for path in paths:
        print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")
    print(f"fonts ready in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    """The command-line parser."""
    ap = argparse.ArgumentParser(prog="banmian", description="Lay out Chinese newspaper pages from YAML.",
                                 epilog=(__doc__ or "").split("\n", 2)[2],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    render = sub.add_parser("render", help="render an issue to PDF")
    render.add_argument("issue", help="the issue file (YAML)")
    render.add_argument("-o", "--output", required=True, help="the PDF to write")
    render.add_argument("--strict", action="store_true", help="fail (exit 1) on overset text or missing glyphs")
    render.add_argument("--quiet", action="store_true", help="print warnings only")
    render.add_argument("--summary", metavar="FILE.json", help="write the render report as JSON")
    render.set_defaults(func=cmd_render)
    fonts = sub.add_parser("fonts", help="build the TrueType CJK fonts into fonts/")
    fonts.add_argument("--out", help="folder for the fonts (default: the checkout's fonts/, "
                                     "else ~/.local/share/banmian/fonts)")
    fonts.add_argument("--jobs", type=int, default=2, help="parallel processes (default 2)")
    fonts.set_defaults(func=cmd_fonts)
    return ap


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``banmian`` and ``python -m layout``."""
    args = parser().parse_args(argv)
    configure(quiet=getattr(args, "quiet", False))
    try:
        return int(args.func(args))
    except BanmianError as exc:
        print(f"banmian: error: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
