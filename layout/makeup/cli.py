"""The ``banmian makeup`` command: a plan in, a made-up issue out, checked by a real render.

In:  parsed arguments (the plan, ``-o``, ``--jobs``, ``--safe``, ``--quiet``).
Out: the issue file (written atomically; never over the plan or one of its inputs), one line
     saying how the made pages fit (by the render's own copy-fit), the rule findings and the
     copy-fit advice; exit 0, or 1 when text is still overset (the issue is written all the same).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Any

from layout.errors import EXIT_OK, EXIT_OVERSET, BanmianError
from layout.files import write_atomic
from layout.logger import LOGGER


def cmd_makeup(args: argparse.Namespace) -> int:
    """Make up the plan's pages and write the issue (see module docstring)."""
    from layout.makeup import make_up
    from layout.outputs import check_file, issue_inputs
    from layout.page import typeset_file
    from layout.text.font import default_book

    start = time.perf_counter()
    plan = Path(args.plan)
    target = Path(args.output) if args.output else plan.with_name(plan.stem + "-made.yaml")
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise BanmianError(f"{target}: the made-up issue is a YAML file (*.yaml); nothing written")
    if target.resolve() == plan.resolve():
        raise BanmianError(f"{target}: that is the plan itself; name another file (nothing written)")
    check_file(target)
    book = default_book()
    made = make_up(plan, target, book, args.safe, args.jobs or (os.cpu_count() or 1))
    check_file(target, [plan, *issue_inputs(made.plan.issue),
                        *(s.photo.image for s in made.plan.stories if s.photo and s.photo.image)])
    for finding in made.findings:
        LOGGER.warning("make-up: %s", finding.text)
    for line in made.advice:
        LOGGER.warning("copy-fit: %s", line)
    write_atomic(target, made.text.encode())
    _, _, report = typeset_file(target, book, 1, args.safe)
    placed = {p.story.id for layout in made.solutions.values() for p in layout.pieces if p.variant}
    fits = [b for b in report.blocks if b.kind == "article" and b.block in placed]
    columns = sum(max(1, b.fit.columns if b.fit else 1) for b in fits)
    empty = sum(b.underset_lines for b in fits)
    overset = sum(b.overset_lines for b in report.blocks)
    if not args.quiet:
        print(f"{target}: {len(placed)} stories on {len(made.solutions)} page(s), {empty} empty lines in "
              f"{columns} body columns ({empty / max(1, columns):.2f} a column), {overset} lines overset, "
              f"{len(made.findings)} make-up findings, {time.perf_counter() - start:.2f} s")
    return EXIT_OVERSET if overset else EXIT_OK


def makeup_commands(sub: Any) -> None:
    """The ``makeup`` command, registered on the main parser by ``layout.cli``."""
    cmd = sub.add_parser("makeup", help="lay out a plan's stories on its pages (自动组版) and write the issue")
    cmd.add_argument("plan", help="the plan file (YAML): pages with their fixed blocks, and stories without `at`")
    cmd.add_argument("-o", "--output", metavar="ISSUE.yaml",
                     help="the issue to write (default: beside the plan, x.yaml → x-made.yaml)")
    cmd.add_argument("--jobs", type=int, default=0, metavar="N",
                     help="measure the stories in N processes (default: one per core)")
    cmd.add_argument("--safe", action="store_true", help="refuse image and profile paths outside the plan's folder")
    cmd.add_argument("--quiet", action="store_true", help="print warnings only")
    cmd.set_defaults(func=cmd_makeup)
