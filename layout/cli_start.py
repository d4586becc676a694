"""The ``banmian`` commands that start work rather than render it: ``init`` (a starter issue) and
``schema`` (the issue format's JSON Schema). Registered on the main parser by ``layout.cli``.

In:  parsed arguments.
Out: files written (never over an existing issue) or text printed; the exit code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from layout.errors import EXIT_OK, BanmianError
from layout.files import write_atomic


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the issue format's JSON Schema, write it to a file, or print where the shipped copy is."""
    from layout.issue.schema import SCHEMA_FILE, schema_text
    from layout.outputs import check_extension, check_file

    if args.path:
        print(SCHEMA_FILE)
    elif args.output:
        check_extension(Path(args.output), ".json", "the schema is JSON")
        check_file(Path(args.output))
        write_atomic(Path(args.output), schema_text().encode())
    else:
        sys.stdout.write(schema_text())
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    """Write a starter issue for a paper and grid; never over an existing file."""
    import datetime

    from layout.issue.starter import StarterGrid, starter_text
    from layout.outputs import check_file

    path = Path(args.issue)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise BanmianError(f"{path}: an issue file is named *.yaml (nothing written)")
    if path.exists() or path.is_symlink():
        raise BanmianError(f"{path}: the file exists; init never overwrites (nothing written)")
    check_file(path)
    grid = StarterGrid(args.paper, args.columns, args.chars, args.gutter, args.body_size, args.leading)
    try:
        date = datetime.date.fromisoformat(args.date) if args.date else datetime.date.today()
    except ValueError:
        raise BanmianError(f"--date {args.date}: not a date; write it as YYYY-MM-DD (nothing written)") from None
    text = starter_text(grid, date)
    write_atomic(path, text.encode())
    if not args.quiet:
        print(f"{path}: {text.splitlines()[0].split('grid: ', 1)[1]} {text.splitlines()[1].lstrip('# ')}")
    return EXIT_OK


def starting_commands(sub: Any) -> None:
    """The ``init`` and ``schema`` commands."""
    init = sub.add_parser("init", help="write a starter issue for a paper and grid (never overwrites)")
    init.add_argument("issue", help="the issue file to write (*.yaml)")
    init.add_argument("--paper", default="broadsheet", help="broadsheet (default), tabloid or WIDTHxHEIGHT in mm")
    init.add_argument("--columns", type=int, default=8, help="base columns (default 8)")
    init.add_argument("--chars", type=int, help="characters per column (default: as many as the paper takes)")
    init.add_argument("--gutter", type=int, default=1, help="gutter in characters (default 1)")
    init.add_argument("--body-size", default="小五", help="body size: a 号 name or pt (default 小五)")
    init.add_argument("--leading", help="baseline pitch, e.g. 13.5pt (default 1.5 × the body size)")
    init.add_argument("--date", help="the issue's date, YYYY-MM-DD (default today)")
    init.add_argument("--quiet", action="store_true", help="print nothing")
    init.set_defaults(func=cmd_init)
    schema = sub.add_parser("schema", help="print the issue format's JSON Schema (for YAML editors)")
    schema.add_argument("-o", "--output", metavar="FILE.json", help="write it to a file instead")
    schema.add_argument("--path", action="store_true", help="print where the installed copy is")
    schema.set_defaults(func=cmd_schema)
