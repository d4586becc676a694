"""The ``banmian`` command: render, preview, hand off and preflight issues; build fonts.

Exit codes:
  0  success
  1  --strict and text was overset or glyphs were missing; or preflight found
     errors in the PDF (render --pdfx, handoff, preflight)
  2  bad input: YAML syntax, unknown key, wrong type or unit, block outside the
     grid or overlapping another, missing or unreadable image or profile, bad
     command line, unreadable PDF
  3  a font is missing or unreadable (run `bash install.sh` in the checkout)
  4  an output file could not be written (or the preview server cannot listen, or
     standard output: a full disk; a closed pipe is quietly not written to)
130  interrupted (Ctrl-C)
No output file is written unless the whole render succeeded. A PDF that fails
preflight is still written (to be inspected); the exit code says it failed.
Without -o, the output goes beside the issue: x.yaml → x.pdf, x-preview/, x-handoff/.
-o is refused when it names a symbolic link, a device, a FIFO or an input of the issue.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.cli_parser import COMMANDS, parser
from layout.errors import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_OVERSET,
    BanmianError,
    IssueError,
    OutputError,
    StrictError,
)
from layout.files import exit_cleanly_on_sigterm, write_atomic
from layout.logger import configure, naming

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_FAULT = 1  # a fault of Banmian's own on one issue of a batch: what Python exits with on an uncaught exception

if TYPE_CHECKING:
    from collections.abc import Callable

    from layout.frame import Document, PageFrame
    from layout.issue.model import Issue
    from layout.render.ahead import DrawAhead
    from layout.report import RenderReport
    from layout.text.font import FontBook


def _typeset(args: argparse.Namespace, watch: Callable[[FontBook], Callable[[PageFrame], None]] | None = None,
             ) -> tuple[Issue, Document, RenderReport, FontBook]:
    """Load, clean and lay out the issue of ``args.issue`` (``watch(book)``, if given, is handed each
    frame laid out in a worker as it comes); ``--strict`` stops on overset or missing glyphs."""
    from layout.page import typeset_file
    from layout.text.font import default_book

    book = default_book()
    jobs = getattr(args, "jobs", 1)
    if jobs is not None and jobs < 1:
        raise BanmianError(f"--jobs {jobs}: give 1 or more processes (nothing written)")
    if not jobs:
        from layout.workers import cores  # (the processors this process may use: affinity, a container's quota)

        jobs = cores()
    issue, document, report = typeset_file(Path(args.issue), book, jobs, getattr(args, "safe", False),
                                           on_frame=watch(book) if watch is not None and jobs > 1 else None)
    _write_reports(args, issue, report)
    if getattr(args, "strict", False) and (report.overset or report.missing):
        raise StrictError(f"{args.issue}: --strict: {len(report.overset)} blocks overset, "
                          f"{len(report.missing)} characters without a glyph; no PDF written"
                          + (" (the reports are)" if getattr(args, "summary", None) or getattr(args, "report", None)
                             else ""))
    return issue, document, report, book


def _write_reports(args: argparse.Namespace, issue: Issue, report: RenderReport) -> None:
    """``--summary`` and ``--report`` JSON files: written even when ``--strict`` then stops,
    since they say what to cut. Neither may be an input of the issue (its YAML, a photo, the profile)."""
    if not (getattr(args, "summary", None) or getattr(args, "report", None)):
        return
    import json  # only for these files (its import is about 1.5 ms)

    from layout.outputs import check_file, issue_inputs

    inputs = issue_inputs(issue)
    for option in ("summary", "report"):
        if getattr(args, option, None):
            check_file(Path(getattr(args, option)), inputs)
    if getattr(args, "summary", None):
        write_atomic(Path(args.summary), json.dumps(report.to_json(), ensure_ascii=False, indent=1).encode())
    if getattr(args, "report", None):
        fit = {"issue": str(args.issue), "articles": report.copy_fit(),
               "display_fit": [{"page": b.page, "block": b.block, **step} for b in report.blocks
                               for step in b.display_fit]}  # every fitted head: banners and cross-heads too
        write_atomic(Path(args.report), json.dumps(fit, ensure_ascii=False, indent=1).encode())


def cmd_render(args: argparse.Namespace) -> int:
    """Render one issue, or many (files and folders of issue files) into the folder -o names."""
    from layout.batch import find_issues, plan

    notes: list[str] = []
    sources = find_issues(args.issue, notes)
    for note in notes if not args.quiet else ():
        print(f"banmian: note: {note}", file=sys.stderr)
    output = Path(args.output) if args.output else None
    if len(args.issue) == 1 and not Path(args.issue[0]).is_dir():
        target = output or sources[0].with_suffix(".pdf")
        return _render_one(replace_args(args, issue=str(sources[0]), output=str(target)))
    if output is not None and (output.suffix.lower() == ".pdf" or (output.exists() and not output.is_dir())):
        raise BanmianError(f"{output}: with a folder or several issues, -o names the folder the PDFs go into, "
                           f"not {'a PDF' if output.suffix.lower() == '.pdf' else 'a file'} (nothing rendered)")
    return _render_many(args, plan(sources, output))


def replace_args(args: argparse.Namespace, **changes: object) -> argparse.Namespace:
    """A copy of parsed arguments with some values changed."""
    return argparse.Namespace(**{**vars(args), **changes})


def _render_many(args: argparse.Namespace, pairs: list[tuple[Path, Path]]) -> int:
    """Render every issue, going on past failures: one line per issue naming its file (done on stdout,
    errors and warnings on stderr), a progress bar on a terminal, a summary. ``--quiet``: errors and
    warnings only. The exit code is the largest of the issues' codes (0 when all succeeded)."""
    if args.summary or args.report:
        raise IssueError("--summary/--report", None, "", "these take one issue; render the issues one by one "
                         "to get them (nothing written)")
    from layout.batch import batch_words

    codes: list[int] = []
    for k, (source, target) in enumerate(pairs, 1):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{target.parent}: cannot create the folder ({exc.strerror})") from None
        try:
            code, report, _ = _render(replace_args(args, issue=str(source), output=str(target)))
            words = batch_words(report)
        except BanmianError as exc:
            code, words = exc.exit_code, ""
            print(f"banmian: error: {exc}" if str(source) in str(exc) else f"banmian: error: {source}: {exc}",
                  file=sys.stderr, flush=True)
        except Exception:  # a fault of Banmian's own on this issue: said with its traceback, the batch goes on
            code, words = EXIT_FAULT, ""
            print(f"banmian: internal error on {source} (please report it):\n"
                  f"{traceback.format_exc()}", file=sys.stderr, flush=True)
        codes.append(code)
        if sys.stderr.isatty() and not args.quiet:
            bar = "#" * round(20 * k / len(pairs))
            print(f"\r[{bar:<20}] {k}/{len(pairs)}", end="", file=sys.stderr, flush=True)
        if words and not args.quiet:
            print(f"{source}: {words} → {target}", flush=True)
    if sys.stderr.isatty() and not args.quiet:
        print(file=sys.stderr)
    failed = sum(1 for c in codes if c)
    if not args.quiet:
        print(f"{len(pairs)} issues: {len(pairs) - failed} rendered, {failed} failed")
    return max(codes, default=EXIT_OK)


def _render_one(args: argparse.Namespace) -> int:
    """Render one issue file to one PDF and print its line and the articles that do not fit."""
    verdict, report, line = _render(args)
    if not args.quiet:
        print(line)
        for fit in report.copy_fit():
            if fit["verdict"] != "fits":
                print(_copy_fit_line(fit))
        from layout.report import display_fit_lines

        for text in display_fit_lines(report):  # heads fitted by scaling, size steps or another line
            print(text)
    return verdict


def _render(args: argparse.Namespace) -> tuple[int, RenderReport, str]:
    """Render one issue file to one PDF (with --pdfx: the press version, then preflight): the exit
    code, the report and the render line. The output path is checked before anything is read
    (and again against the issue's photos and profile once they are known)."""
    from layout.errands import spared
    from layout.outputs import check_distinct, check_extension, check_file, issue_inputs
    from layout.render.pdf import write_pdf
    from layout.render.programs import Early

    output = Path(args.output)
    check_extension(output, ".pdf", "render writes a PDF (PNG previews: banmian preview)")
    check_file(output, [Path(args.issue)])
    check_distinct([("-o", output), *((f"--{option}", Path(getattr(args, option)) if getattr(args, option, None)
                                       else None) for option in ("summary", "report"))])
    for option in ("summary", "report"):
        if getattr(args, option, None):
            check_file(Path(getattr(args, option)), [Path(args.issue)])
            check_extension(Path(getattr(args, option)), ".json", f"--{option} writes JSON")
    started = time.perf_counter()
    ahead: list[DrawAhead] = []  # pages laid out in workers are drawn for the PDF as they come

    def draw_ahead(book: FontBook) -> DrawAhead:
        from layout.render.ahead import DrawAhead  # (only for pages laid out in workers)

        ahead.append(DrawAhead(book))
        return ahead[0]

    with spared(Early()):  # (a process that set stories of a page makes a font program: ``render.programs``)
        with naming(Path(args.issue)):
            issue, document, report, book = _typeset(args, None if args.pdfx else draw_ahead)
        check_file(output, issue_inputs(issue))
        if args.pdfx:
            from layout.handoff import check, press_pdf

            data = press_pdf(document, issue, book, args.marks, args.allow_placeholders)
        else:
            data = write_pdf(document, book.resources(document.faces()), ahead[0] if ahead else None)
    write_atomic(output, data)
    verdict = EXIT_OK
    if args.pdfx:
        result = check(output, issue, report)
        print(result.summary(), file=sys.stderr)
        verdict = EXIT_OK if result.ok else EXIT_OVERSET
    elapsed = time.perf_counter() - started
    overset = sum(b.overset_lines for b in report.overset)
    line = (f"{output}: {report.pages} page{'s' if report.pages != 1 else ''}, "
            f"{report.chars_set} characters set, {overset} lines overset, {elapsed:.2f} s")
    return verdict, report, line


def _copy_fit_line(fit: dict[str, Any]) -> str:
    """``  第1版 lead: overset 12 lines, cut about 150 characters`` for the desk (``fit_text``,
    the words the overlays and the serve page use too)."""
    from layout.report import fit_text

    return f"  第{fit['page']}版 {fit_text(fit)}"


def cmd_preflight(args: argparse.Namespace) -> int:
    """Check a finished PDF for the press; 1 if it has errors."""
    import json

    from layout.preflight import emit, preflight
    from layout.preflight.cli import load_summary, pdf_problem

    path = Path(args.pdf)
    if pdf_problem(path):
        raise IssueError(str(path), None, "", pdf_problem(path))
    try:
        summary = load_summary(Path(args.render_summary)) if args.render_summary else None
    except ValueError as exc:
        raise BanmianError(str(exc)) from None
    report = preflight(path, args.ink_limit, summary, args.safe_area)
    emit(json.dumps(report.to_json(), ensure_ascii=False, indent=1) if args.json else report.summary())
    if report.unreadable:
        return EXIT_INPUT
    return EXIT_OK if report.ok else EXIT_OVERSET


def cmd_handoff(args: argparse.Namespace) -> int:
    """Write the print-shop package of an issue into a folder."""
    from layout.handoff import hand_off
    from layout.outputs import beside, check_folder

    args.output = args.output or str(beside(Path(args.issue), "-handoff"))
    check_folder(Path(args.output))
    started = time.perf_counter()
    with naming(Path(args.issue)):
        issue, document, report, book = _typeset(args)
    result = hand_off(issue, document, report, book, Path(args.output), args.marks, args.allow_placeholders)
    if not args.quiet:
        print(result.preflight.summary())
        print(f"{args.output}: {len(result.files)} files (PDF/X, {len(document.pages)} previews, preflight, "
              f"manifest), preflight {'passed' if result.preflight.ok else 'FAILED'}, "
              f"{time.perf_counter() - started:.2f} s")
    return EXIT_OK if result.preflight.ok else EXIT_OVERSET


def cmd_fonts(args: argparse.Namespace) -> int:
    """Build the TrueType fonts from Debian's Noto CJK collections."""
    from layout.fontbuild import build_all
    from layout.text.font import REPO_FONTS, USER_FONTS

    if args.jobs < 1:
        raise BanmianError(f"--jobs {args.jobs}: give 1 or more processes (nothing written)")
    started = time.perf_counter()
    out = Path(args.out) if args.out else REPO_FONTS if REPO_FONTS.is_dir() else USER_FONTS
    paths = build_all(out, workers=args.jobs)
    for path in paths:
        print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")
    from layout.flow import lexicon  # the word dictionary of display type, built once beside the font metrics

    print(f"{lexicon.ensure()} (word dictionary)")
    print(f"fonts ready in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def _check_environment() -> None:
    """Warn about settings that would otherwise be ignored without a word."""
    for folder in os.environ.get("BANMIAN_FONT_PATH", "").split(os.pathsep):
        if folder and not Path(folder).is_dir():
            print(f"banmian: warning: BANMIAN_FONT_PATH names {folder}, which is not a folder; it is ignored",
                  file=sys.stderr)


class _Stdout:
    """Standard output that a closed pipe or a full disk cannot turn into a traceback: the first
    failed write or flush is kept in ``error``, the descriptor is pointed at the null device (so no
    later flush fails either) and the command's work goes on; everything else is the stream's."""

    def __init__(self, stream: Any) -> None:
        self.stream, self.error = stream, None  # type: Any, OSError | None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)

    def write(self, text: str) -> int:
        return self._guard(self.stream.write, text) or len(text)

    def flush(self) -> None:
        self._guard(self.stream.flush)

    def _guard(self, call: Any, *args: Any) -> Any:
        if self.error is not None:
            return None
        try:
            return call(*args)
        except OSError as exc:
            self.error = exc
            with contextlib.suppress(OSError, ValueError, AttributeError):
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, self.stream.fileno())
                os.close(null)
            return None


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``banmian`` and ``python -m layout``. Ctrl-C anywhere: one line, exit 130.
    Standard output that cannot be written: a closed pipe (``| head``) quietly, anything else
    (a full disk) one line and exit 4; the work (the PDF) is done either way."""
    from layout.codecache import install
    from layout.deferred import defer_rare

    defer_rare()  # inspect and traceback, unless imported already: a command never calls them
    command = next(iter(sys.argv[1:]), "") if argv is None else ""  # (a command's process; not a call in a test)
    install(command if command in COMMANDS else "")  # before the command imports the modules it needs: their
    # dataclasses compile from the cache (the command's own file: ``render``, ``makeup``)
    out = _Stdout(sys.stdout)
    sys.stdout = out
    try:
        code = _run(argv)
        out.flush()
    finally:
        sys.stdout = out.stream
    if out.error is not None and out.error.errno != errno.EPIPE:
        print(f"banmian: error: cannot write to standard output ({out.error.strerror or out.error})",
              file=sys.stderr)
        code = max(code, EXIT_OUTPUT)
    return code


def _run(argv: list[str] | None) -> int:
    """Parse the command line and run the command (see ``main``)."""
    try:
        args = parser(next(iter(sys.argv[1:] if argv is None else argv), "")).parse_args(argv)
        configure(quiet=getattr(args, "quiet", False))
        _check_environment()
        if threading.current_thread() is threading.main_thread():
            exit_cleanly_on_sigterm()  # temporary files removed, workers stopped
        return int(args.func(args))
    except BanmianError as exc:
        print(f"banmian: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("banmian: interrupted (Ctrl-C)", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
