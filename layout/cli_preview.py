"""The ``banmian`` commands that show pages while they are made: ``preview`` (PNG files,
optionally again on every change) and ``serve`` (the live web page). Registered on the
main parser by ``layout.cli``.

In:  parsed arguments.
Out: PNG files written, or a server running until Ctrl-C; the exit code.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from layout.errors import EXIT_OK, OutputError
from layout.logger import naming


def _overlay_names(text: str) -> tuple[str, ...]:
    """``--overlay`` value → overlay names (argparse type)."""
    from layout.preview.overlay import parse_overlays

    try:
        return parse_overlays(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _ranged(text: str, kind: type[int] | type[float], low: float, high: float, what: str) -> Any:
    """An argparse value of ``kind`` from ``low`` to ``high`` (``what``: its words in the refusal)."""
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a {'whole ' if kind is int else ''}number") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{text}{what} is outside {low:g}–{high:g}")
    return value


def _port(text: str) -> int:
    """``--port`` value: a TCP port, 0 to 65 535 (argparse type; 0 picks a free one)."""
    return int(_ranged(text, int, 0, 65535, " (a TCP port; 0 picks a free one)"))


def _dpi(text: str) -> float:
    """``--dpi`` value: a resolution from 10 to 600 (argparse type)."""
    return float(_ranged(text, float, 10, 600, " dpi"))


def cmd_preview(args: argparse.Namespace) -> int:
    """Write PNG previews (and the contact sheet); with --watch, again after every change."""
    import threading

    from layout.outputs import beside, check_folder
    from layout.preview.build import typeset_file, write_preview
    from layout.preview.watch import render_and_watch
    from layout.render import load_deferred
    from layout.text.font import default_book

    load_deferred()  # before any thread starts

    source = Path(args.issue)
    folder = Path(args.output) if args.output else beside(source, "-preview")
    check_folder(folder)
    book = default_book()

    def once() -> tuple[Path, ...]:
        """One preview render; the files it was made from."""
        started = time.perf_counter()
        with naming(source):
            preview = typeset_file(source, book)
        written = write_preview(preview, book, folder, args.dpi, args.overlay, args.page, args.contact_sheet)
        if not args.quiet:
            print(f"{folder}: {len(written)} PNG file{'s' if len(written) != 1 else ''} "
                  f"({', '.join(p.name for p in written)}), {time.perf_counter() - started:.2f} s", flush=True)
        return preview.files

    if not args.watch:
        once()
        return EXIT_OK
    print(f"watching {source} and its images (Ctrl-C to stop)", flush=True)
    render_and_watch(source, once, lambda exc: print(f"banmian: error: {exc}", file=sys.stderr, flush=True),
                     threading.Event())  # until Ctrl-C: main says "interrupted", exit 130
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the live web preview until Ctrl-C."""
    from layout.preview.serve import PreviewServer
    from layout.render import load_deferred
    from layout.text.font import default_book

    load_deferred()  # before the server's threads start

    try:
        server = PreviewServer(Path(args.issue), default_book(), args.host, args.port, args.dpi,
                               announce=lambda line: print(line, flush=True), safe=args.safe)
    except OSError as exc:
        raise OutputError(f"{args.host}:{args.port}: cannot listen ({exc.strerror})") from None
    with server:  # Ctrl-C closes the server on the way out; main says "interrupted", exit 130
        print(f"serving {args.issue} at {server.url} (Ctrl-C to stop)", flush=True)
        while not server.stop.wait(3600):
            pass
    return EXIT_OK


def preview_commands(sub: Any) -> None:
    """Add ``preview`` and ``serve`` to the main parser's subcommands."""
    preview = sub.add_parser("preview", help="render PNG previews, with overlays, optionally on every change")
    preview.add_argument("issue", help="the issue file (YAML)")
    preview.add_argument("-o", "--output", metavar="DIR",
                         help="folder for page-<n>.png (default: beside the issue, x-preview/)")
    preview.add_argument("--dpi", type=_dpi, default=100.0, help="resolution (default 100)")
    preview.add_argument("--page", type=int, metavar="N", help="only page (版) N")
    preview.add_argument("--overlay", type=_overlay_names, default=(), metavar="LIST",
                         help="comma list of grid, baseline, blocks, photos, overset, underset, loose, or all")
    preview.add_argument("--contact-sheet", action="store_true", help="also write contact-sheet.png (all pages)")
    preview.add_argument("--watch", action="store_true", help="render again when the YAML or an image changes")
    preview.add_argument("--quiet", action="store_true", help="print warnings only")
    preview.set_defaults(func=cmd_preview)
    serve = sub.add_parser("serve", help="serve a live preview page on this machine")
    serve.add_argument("issue", help="the issue file (YAML)")
    serve.add_argument("--port", type=_port, default=8765, help="TCP port (default 8765; 0 picks a free one)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine)")
    serve.add_argument("--dpi", type=_dpi, default=100.0, help="resolution of the page images (default 100)")
    serve.add_argument("--safe", action="store_true",
                       help="refuse image and profile paths outside the issue file's folder")
    serve.set_defaults(func=cmd_serve)
