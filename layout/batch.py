"""Which issue files a command names, and where each one's PDF goes.

In:  the names on the command line (issue files and folders) and ``-o`` (or none).
Out: (issue file, PDF) pairs, and ``batch_words``: how one rendered issue did, in its batch line.
     A folder stands for every ``*.yaml`` and ``*.yml`` under
     it, subfolders included (hidden ones, house-style files ``*.house.yaml`` and make-up plans,
     files with a top-level ``stories:`` key, skipped with a note).
     With ``-o`` the PDFs mirror the input tree under that folder (relative to the deepest folder holding every
     issue), so ``a/x.yaml`` and ``b/x.yaml`` become ``OUT/a/x.pdf`` and ``OUT/b/x.pdf``;
     without it each PDF is written beside its issue. Two issues that would still
     write one PDF (``a.yaml`` and ``a.yml``) refuse the batch before anything is
     written, and so does a batch with no issue at all.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from layout.errors import BanmianError

if TYPE_CHECKING:
    from layout.report import RenderReport

SUFFIXES = (".yaml", ".yml")
HOUSE_SUFFIXES = (".house.yaml", ".house.yml")  # a paper's house style, which issues reference: not an issue
#: A make-up plan's own top-level key (not an issue's), plain or quoted.
PLAN_KEY = re.compile(rb"^(?:stories|'stories'|\"stories\")[ \t]*:", re.MULTILINE)


def is_plan(path: Path) -> bool:
    """Whether ``path`` is a make-up plan (``banmian makeup``'s input), by its top-level ``stories:`` key."""
    try:
        with path.open("rb") as f:
            return PLAN_KEY.search(f.read(5 << 20)) is not None
    except OSError:
        return False


def find_issues(names: list[str], notes: list[str] | None = None) -> list[Path]:
    """The issue files named: files as given, folders by the issue files anywhere under them (sorted);
    a make-up plan found in a folder is left out, with a line for it in ``notes``.

    A file named twice (``x.yaml ../here/x.yaml``, a link to it) is kept once, where first named.
    Raises ``BanmianError`` when a folder holds no issue file, or a plan is named as an issue."""
    out: list[Path] = []
    for name in names:
        path = Path(name)
        if not path.is_dir():
            if path.is_file() and is_plan(path):
                raise BanmianError(f"{path}: a make-up plan (it has `stories:`), not an issue: make it up with "
                                   f"`banmian makeup {path}` and render the issue that writes; nothing rendered")
            out.append(path)
            continue
        found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
                       and not p.name.lower().endswith(HOUSE_SUFFIXES)
                       and not any(part.startswith(".") for part in p.relative_to(path).parts))
        plans = [p for p in found if is_plan(p)]
        found = [p for p in found if p not in plans]
        if notes is not None:
            notes += [f"{p}: skipped, a make-up plan (`banmian makeup {p}` makes an issue of it)" for p in plans]
        if not found:
            raise BanmianError(f"{path}: no issue file (*.yaml, *.yml) in this folder or below it; nothing rendered")
        out.extend(found)
    first: dict[str, Path] = {}
    for path in out:
        first.setdefault(os.path.realpath(path), path)
    return list(first.values())


def plan(sources: list[Path], output: Path | None, suffix: str = ".pdf") -> list[tuple[Path, Path]]:
    """Each issue file with the file it writes (see the module docstring); refuses collisions.

    >>> [str(o) for _, o in plan([Path("a/x.yaml"), Path("b/x.yaml")], Path("out"))]
    ['out/a/x.pdf', 'out/b/x.pdf']
    >>> plan([Path("a.yaml"), Path("a.yml")], None)
    Traceback (most recent call last):
    layout.errors.BanmianError: a.yaml and a.yml would both write a.pdf: rename one of them (nothing rendered)
    """
    if output is None:
        pairs = [(s, s.with_name(s.stem + suffix)) for s in sources]
    else:
        parents = [os.path.abspath(s.parent) for s in sources]
        root = os.path.commonpath(parents) if parents else "."
        pairs = [(s, output / Path(os.path.relpath(os.path.abspath(s), root)).with_suffix(suffix)) for s in sources]
    seen: dict[str, Path] = {}
    for source, target in pairs:
        key = os.path.normcase(os.path.abspath(target))
        if key in seen:
            raise BanmianError(f"{seen[key]} and {source} would both write {target}: rename one of them "
                               "(nothing rendered)")
        seen[key] = source
    return pairs


def batch_words(report: RenderReport) -> str:
    """How a rendered issue did, in a batch's line: ``ok`` only when nothing is overset or missing.

    >>> from layout.report import BlockReport, RenderReport
    >>> batch_words(RenderReport(1, [BlockReport(1, "a", overset_lines=3, overset_chars=40)]))
    'rendered with overset: 3 lines (40 characters) in 1 block'
    """
    problems = []
    if report.overset:
        lines, chars = sum(b.overset_lines for b in report.overset), sum(b.overset_chars for b in report.overset)
        problems.append(f"overset: {lines} lines ({chars} characters) in {len(report.overset)} "
                        f"block{'s' if len(report.overset) != 1 else ''}")
    if report.missing:
        problems.append(f"missing glyphs: {' '.join(report.missing)}")
    return "rendered with " + "; ".join(problems) if problems else "ok"
