"""The ``banmian`` command line: the parser of each command (``layout.cli`` runs them).

In:  the command's name (the first argument), or nothing.
Out: an ``argparse`` parser. For a command named, only that command's parser is made (each costs
     about 0.3 ms, most of it argparse looking for translations of its messages, and the make-up
     command's module imports the whole make-up engine, about 10 ms); for anything else (``-h``,
     ``--version``, a misspelt command, nothing) all of them, so that help and errors list every
     command. The commands' functions are looked up in ``layout.cli`` when their parser is made.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from importlib import import_module
from typing import Any


def _ink_limit(text: str) -> float:
    """``preflight --ink-limit`` (argparse type; preflight is imported only when it is given)."""
    from layout.preflight.args import ink_limit

    return ink_limit(text)


def _safe_area(text: str) -> float:
    """``preflight --safe-area`` (argparse type)."""
    from layout.preflight.args import safe_area

    return safe_area(text)


def _press_options(command: argparse.ArgumentParser) -> None:
    """--marks and --allow-placeholders, for the press version (render --pdfx, handoff)."""
    command.add_argument("--marks", choices=("full", "crop", "none"), default="full",
                         help="printer's furniture: full (3 mm bleed, crop and registration marks, slug; default), "
                              "crop (bleed and crop marks), none (trim-size page)")
    command.add_argument("--allow-placeholders", action="store_true",
                         help="press version with empty photo or ad slots: they stay blank on the plates")


def parser(command: str = "") -> argparse.ArgumentParser:
    """The command-line parser. ``command`` (the first argument): when it names a command, only
    that command's parser is made (each costs about 0.3 ms, most of it argparse looking for
    translations of its messages; the make-up command's module imports the whole make-up
    engine, about 10 ms); anything else (``-h``, ``--version``, a misspelt command, nothing) makes
    them all, so that help and errors list every command."""
    from layout import cli

    ap = argparse.ArgumentParser(prog="banmian", description="Lay out Chinese newspaper pages from YAML.",
                                 epilog=(cli.__doc__ or "").split("\n", 2)[2], formatter_class=_RawDescription)
    ap.add_argument("--version", action=_VersionAction)
    sub = ap.add_subparsers(dest="command", required=True, parser_class=_Parser)
    makers = _COMMANDS.get(command) or tuple(dict.fromkeys(m for ms in _COMMANDS.values() for m in ms))
    for make in makers:
        make(sub)
    return ap


def _render_command(sub: Any) -> None:
    """The ``render`` command."""
    from layout.cli import cmd_render
    from layout.page import PARALLEL_FROM

    render = sub.add_parser("render", help="render an issue to PDF")
    render.add_argument("issue", nargs="+", help="the issue file (YAML); or several files and folders")
    render.add_argument("-o", "--output",
                        help="the PDF to write (default: beside the issue, x.yaml → x.pdf); with several "
                             "issues, the folder their PDFs go into, mirroring the folders they came from")
    render.add_argument("--strict", action="store_true", help="fail (exit 1) on overset text or missing glyphs")
    render.add_argument("--quiet", action="store_true", help="print warnings only")
    render.add_argument("--summary", metavar="FILE.json", help="write the render report as JSON")
    render.add_argument("--report", metavar="FILE.json",
                        help="write each article's copy-fit (lines available and set, overset, underset) as JSON")
    render.add_argument("--jobs", type=int, default=None, metavar="N",
                        help=f"processes to use (default: one per core): {PARALLEL_FROM}+ pages are laid out in N "
                        "processes, a shorter issue's page shares its stories with a second process (when a "
                        "processor is free); 1: one process")
    render.add_argument("--safe", action="store_true",
                        help="refuse image and profile paths outside the issue file's folder (for servers)")
    render.add_argument("--pdfx", action="store_true",
                        help="write PDF/X-1a with 3 mm bleed, crop and registration marks, then preflight it")
    _press_options(render)
    render.set_defaults(func=cmd_render)


def _handoff_command(sub: Any) -> None:
    """The ``handoff`` command."""
    from layout.cli import cmd_handoff

    handoff = sub.add_parser("handoff", help="write the print-shop package: PDF/X, previews, preflight, manifest")
    handoff.add_argument("issue", help="the issue file (YAML)")
    handoff.add_argument("-o", "--output", metavar="DIR",
                         help="folder for the package (default: beside the issue, x-handoff/)")
    handoff.add_argument("--strict", action="store_true", help="fail (exit 1) on overset text or missing glyphs")
    handoff.add_argument("--quiet", action="store_true", help="print warnings only")
    _press_options(handoff)
    handoff.set_defaults(func=cmd_handoff)


def _preflight_command(sub: Any) -> None:
    """The ``preflight`` command."""
    from layout.cli import cmd_preflight

    check = sub.add_parser("preflight", help="check a finished PDF for the press")
    check.add_argument("pdf", help="the PDF to check")
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.add_argument("--ink-limit", type=_ink_limit, default=240.0,
                       help="total ink limit of photos in %% (240; above 0, at most 400)")
    check.add_argument("--render-summary", metavar="FILE.json", help="the renderer's --summary (overset)")
    check.add_argument("--safe-area", type=_safe_area, default=5.0, metavar="MM",
                       help="text keeps this far inside the trim (default 5 mm; 0: not checked)")
    check.set_defaults(func=cmd_preflight)


def _fonts_command(sub: Any) -> None:
    """The ``fonts`` command."""
    from layout.cli import cmd_fonts

    fonts = sub.add_parser("fonts", help="build the TrueType CJK fonts into fonts/")
    fonts.add_argument("--out", help="folder for the fonts (default: the checkout's fonts/, "
                                     "else ~/.local/share/banmian/fonts)")
    fonts.add_argument("--jobs", type=int, default=2, help="parallel processes (default 2)")
    fonts.set_defaults(func=cmd_fonts)


def _elsewhere(module: str, name: str) -> Callable[[Any], None]:
    """What adds the parsers ``module.name`` adds (the module imported only when they are made)."""
    return lambda sub: getattr(import_module(module), name)(sub)


_PREVIEW = _elsewhere("layout.cli_preview", "preview_commands")  # preview, serve
_STARTING = _elsewhere("layout.cli_start", "starting_commands")  # init, schema
#: Each command's name → what adds its parser, in the order ``banmian -h`` lists them.
_COMMANDS: dict[str, tuple[Callable[[Any], None], ...]] = {
    "render": (_render_command,), "handoff": (_handoff_command,), "preflight": (_preflight_command,),
    "fonts": (_fonts_command,), "preview": (_PREVIEW,), "serve": (_PREVIEW,), "init": (_STARTING,),
    "schema": (_STARTING,), "makeup": (_elsewhere("layout.makeup.cli", "makeup_commands"),),
}
COMMANDS = frozenset(_COMMANDS)  # the commands' names


def _columns() -> int:
    """The terminal's width in columns, as ``shutil.get_terminal_size`` tells it (``$COLUMNS``, else
    the terminal of standard output, else 80), without importing ``shutil`` (with ``bz2`` and
    ``lzma``, about 2.5 ms a command), which argparse's help formatter would import to ask it."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    stdout: Any = sys.__stdout__  # (None without one: AttributeError, as shutil takes it)
    try:
        return os.get_terminal_size(stdout.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


class _Help(argparse.HelpFormatter):
    """argparse's help formatter, the width it would take (the terminal's, less 2) worked out here."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class _RawDescription(_Help, argparse.RawDescriptionHelpFormatter):
    """``argparse.RawDescriptionHelpFormatter`` with the width of ``_Help``."""


class _Parser(argparse.ArgumentParser):
    """A command's parser: argparse's, its help formatted by ``_Help`` unless told otherwise."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(**kwargs)


class _VersionAction(argparse.Action):
    """``--version``: prints ``banmian VERSION`` and exits, like argparse's own version action,
    but looks the version up only when asked (the package metadata costs about 10 ms)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **_: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show program's version number and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        print(f"banmian {_version()}")
        parser.exit()


def _version() -> str:
    """The installed package's version (the checkout's pyproject.toml when not installed)."""
    from importlib import metadata

    try:
        return metadata.version("banmian")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a bare checkout
        return "(not installed)"
