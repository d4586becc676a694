"""The ``banmian makeup`` command: a plan in, a made-up issue out, checked by a real render.

In:  parsed arguments (the plan, ``-o``, ``--jobs``, ``--safe``, ``--quiet``).
Out: the issue file (written atomically; never over the plan or one of its inputs), one line
     saying how the made pages fit (by the render's own copy-fit), the rule findings and the
     copy-fit advice; exit 0, or 1 when text is still overset (the issue is written all the same).
     With ``--alternatives N``, the next best issues too and a contact sheet of their pages.
"""

from __future__ import annotations

import argparse
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.errors import EXIT_OK, EXIT_OVERSET, BanmianError
from layout.files import write_atomic
from layout.logger import LOGGER

if TYPE_CHECKING:
    from PIL import Image

    from layout.frame import Document
    from layout.makeup import Makeup
    from layout.report import RenderReport
    from layout.text.font import FontBook


def cmd_makeup(args: argparse.Namespace) -> int:
    """Make up the plan's pages and write the issue (see module docstring); with ``--alternatives N``
    also the next best issues (``x-2.yaml`` …) and a contact sheet of them all."""
    from layout.makeup import alternatives
    from layout.makeup.advice import rendered
    from layout.makeup.search import Unplaceable
    from layout.outputs import check_file, issue_inputs
    from layout.text.font import default_book

    start = time.perf_counter()
    plan = Path(args.plan)
    target = Path(args.output) if args.output else plan.with_name(plan.stem + "-made.yaml")
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise BanmianError(f"{target}: the made-up issue is a YAML file (*.yaml); nothing written")
    if args.alternatives < 1:
        raise BanmianError(f"--alternatives {args.alternatives}: give 1 or more (nothing written)")
    if args.jobs is not None and args.jobs < 1:
        raise BanmianError(f"--jobs {args.jobs}: give 1 or more processes (nothing written)")
    targets = [target] + [target.with_name(f"{target.stem}-{k}{target.suffix}")
                          for k in range(2, args.alternatives + 1)]
    sheet = target.with_name(f"{target.stem}-alternatives.png") if args.alternatives > 1 else None
    for path in [*targets, *([sheet] if sheet else [])]:
        if path.resolve() == plan.resolve():
            raise BanmianError(f"{path}: that is the plan itself; name another file (nothing written)")
        check_file(path)
    book = default_book()
    from layout.makeup import store

    store.use(not args.no_cache)
    try:
        made = alternatives(plan, targets, book, args.safe, args.jobs or (os.cpu_count() or 1))
    except Unplaceable as e:
        raise BanmianError(f"{plan}: cannot make up the page: {e}; nothing written") from None
    inputs = [plan, *issue_inputs(made[0].plan.issue),
              *(s.photo.image for s in made[0].plan.stories if s.photo and s.photo.image)]
    for path in [*targets, *([sheet] if sheet else [])]:
        check_file(path, inputs)
    if not args.quiet:
        for line in made[0].widened:  # (what the make-up changed of the plan: ``widen``)
            print(f"make-up: {line}")
    for finding in made[0].findings:
        LOGGER.warning("make-up: %s", finding.text)
    if len(made) < len(targets):  # (review Y7: one layout written for --alternatives 4, nothing said)
        LOGGER.warning("make-up: %d layout%s of the %d asked for: no other shape of the lead (another first "
                       "column or span, with its photo) makes a page; %s not written", len(made),
                       "" if len(made) == 1 else "s", len(targets), ", ".join(str(t) for t in targets[len(made):]))
    for number, layout in sorted(made[0].solutions.items()):
        if layout.cut_short and not args.quiet:
            print(f"第{number}版: the search was cut short at its limit of rectangles; the layout is the best "
                  "it found, not proven the best")
    worst, thumbs = EXIT_OK, []
    for k, (one, path) in enumerate(zip(made, targets), 1):
        write_atomic(path, one.text.encode())
        code, words, images, overset = _check(one, path, book, args.safe, sheet is not None,
                                              args.jobs or (os.cpu_count() or 1))
        if (told := rendered(one.advice, overset)) != one.advice:  # the render's own count of what to cut
            write_atomic(path, _retold(one.text, told).encode())
            one.advice = told
        if k == 1:
            for line in one.advice:
                LOGGER.warning("copy-fit: %s", line)
        worst = max(worst, code)
        short = words.split(", ", 1)[1].split(" in ")[0]  # "12 empty lines", and what is overset
        over = re.search(r"(\d+) lines overset", words)
        short += f", {over.group(1)} overset" if over and over.group(1) != "0" else ""
        thumbs += [(image, f"{k} · {label} · {short}") for image, label in images]
        if not args.quiet:
            print(f"{path}: {words}, {len(one.findings)} make-up findings"
                  + (f", {time.perf_counter() - start:.2f} s" if k == 1 else ""))
    if sheet is not None:
        from layout.preview.sheet import contact_sheet
        from layout.render.png import png_bytes

        font = book.chain("hei").first.path
        write_atomic(sheet, png_bytes(contact_sheet(thumbs, f"{plan.name}: {len(made)} layouts", font)))
        if not args.quiet:
            print(f"{sheet}: {len(made)} layout{'' if len(made) == 1 else 's'} side by side")
    return worst


def _check(made: Makeup, path: Path, book: FontBook, safe: bool, images: bool,
           jobs: int = 1) -> tuple[int, str, list[tuple[Image.Image, str]], dict[tuple[int, str], tuple[int, int]]]:
    """Render a written issue: its exit code (overset: 1), its fit in words (empty lines per body
    column of the placed stories, overset lines), with ``images`` its made pages as images (a
    long issue's pages are set in ``jobs`` processes), and the placed stories the render left
    overset: (page, id) → (lines, characters). The preview's drawing (Pillow, overlays) is imported
    only for the images: a page's check reads the render's report alone. A shorter issue is set
    in this process, stories and all: their paragraphs were set while they were measured, and are
    found again, so sharing a page with a forked process (``layout.blockfork``) would cost more
    than it saves."""
    from layout.page import PARALLEL_FROM, typeset_file

    try:
        _, document, report = typeset_file(path, book, jobs if len(made.solutions) >= PARALLEL_FROM else 1,
                                           safe=safe)
    except BanmianError:  # the made issue does not read back: nothing half-made is left on disk
        path.unlink(missing_ok=True)
        raise
    placed = {p.story.id for layout in made.solutions.values() for p in layout.pieces if p.variant}
    fits = [b for b in report.blocks if b.kind == "article" and b.block in placed]
    columns = sum(max(1, b.fit.columns if b.fit else 1) for b in fits)
    empty = sum(b.underset_lines for b in fits)
    overset = sum(b.overset_lines for b in report.blocks)
    words = (f"{len(placed)} stories on {len(made.solutions)} page(s), {empty} empty lines in {columns} body "
             f"columns ({empty / max(1, columns):.2f} a column), {overset} lines overset")
    shown = _images(path, document, report, book, set(made.solutions)) if images else []
    over = {(b.page, b.block): (b.overset_lines, b.overset_chars) for b in fits if b.overset_lines}
    return (EXIT_OVERSET if overset else EXIT_OK), words, shown, over


def _images(path: Path, document: Document, report: RenderReport, book: FontBook,
            numbers: set[int]) -> list[tuple[Image.Image, str]]:
    """The pages ``numbers`` of a typeset issue as images, each with its label (``第1版 要闻``)."""
    from layout.preview.build import Preview, page_image, page_label

    preview = Preview(path, document, report, ())
    return [(page_image(preview, i, book), page_label(frame)) for i, frame in enumerate(document.pages)
            if frame.number in numbers]


def _retold(text: str, new: list[str]) -> str:
    """The made issue's text with its copy-fit comments replaced by ``new`` (and the first
    line's count of stories with text that does not fit)."""
    cut = sum(a.split(": ", 1)[1].startswith("cut") for a in new)
    placed = f"every story placed, {cut} with text that does not fit (see copy-fit)" if cut else "every story placed"
    text = re.sub(r"every story placed[^;\n]*;", placed + ";", text, count=1)
    lines = text.split("\n")
    at = [i for i, line in enumerate(lines) if line.startswith("# copy-fit: ")]
    start = at[0] if at else next(i for i, line in enumerate(lines) if not line.startswith("#"))
    kept = [line for line in lines if not line.startswith("# copy-fit: ")]
    return "\n".join(kept[:start] + [f"# copy-fit: {a}" for a in new] + kept[start:])


def makeup_commands(sub: Any) -> None:
    """The ``makeup`` command, registered on the main parser by ``layout.cli``."""
    cmd = sub.add_parser("makeup", help="lay out a plan's stories on its pages (自动组版) and write the issue")
    cmd.add_argument("plan", help="the plan file (YAML): pages with their fixed blocks, and stories without `at`")
    cmd.add_argument("-o", "--output", metavar="ISSUE.yaml",
                     help="the issue to write (default: beside the plan, x.yaml → x-made.yaml)")
    cmd.add_argument("--alternatives", type=int, default=1, metavar="N",
                     help="write the N best layouts (x.yaml, x-2.yaml, …) and a contact sheet of them, "
                          "x-alternatives.png")
    cmd.add_argument("--jobs", type=int, default=None, metavar="N",
                     help="measure the stories in N processes (default: one per core)")
    cmd.add_argument("--no-cache", action="store_true",
                     help="measure every variant and search every page afresh, neither reading nor writing the "
                          "make-up cache (makeup.*.pickle under $BANMIAN_CACHE)")
    cmd.add_argument("--safe", action="store_true", help="refuse image and profile paths outside the plan's folder")
    cmd.add_argument("--quiet", action="store_true", help="print warnings only")
    cmd.set_defaults(func=cmd_makeup)
