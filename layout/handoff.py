"""The print-shop hand-off: PDF/X with bleed and marks, previews, preflight, manifest.

In:  an issue, its typeset document and report, and an output folder.
Out: in the folder, ``<issue>.pdf`` (PDF/X-1a with TrimBox, BleedBox, the marks
     chosen by ``--marks`` and the output intent), ``page-<N>.png`` previews,
     ``preflight.json`` and ``preflight.txt`` (the checks of the finished PDF),
     ``render.json`` (the renderer's report: copy-fit, photos with their measured
     ink, the output condition, copy changes) and ``manifest.json`` (every file
     with its size and SHA-256).

The package is written whole into a temporary folder beside the target and then
swapped in for it, so a run that fails half way leaves the earlier package as it
was, never a mix of new and old files whose manifest no longer matches. The target
must be new, empty, or an earlier hand-off package (its ``manifest.json`` lists every
file there, and no input of the issue is inside); anything else is refused (exit 2).

Photo and ad placeholders are refused (``PlaceholderError``) unless allowed; an
allowed placeholder is blank on the plates (``layout.press.for_plates``). The PDF's
dates are the edition's date (``layout.render.pdfx.edition_date``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from layout.errors import BanmianError, OutputError
from layout.files import current_umask, write_atomic
from layout.frame import Document
from layout.issue.model import Issue, PhotoBlock
from layout.outputs import issue_inputs
from layout.preflight import PreflightReport, preflight
from layout.press import PressOptions, for_plates, with_marks
from layout.render.pdf import write_pdf
from layout.render.pdfx import edition_date, to_pdfx
from layout.report import RenderReport
from layout.text.font import FontBook

PREVIEW_DPI = 100


class PlaceholderError(BanmianError):
    """The press version was asked for while photo or ad slots are still placeholders."""


def placeholders(issue: Issue) -> list[str]:
    """Every photo or ad slot without an image: ``第2版 ad (广告)``; an ad block without its file."""
    from layout.blocks.ad import AdBlock

    photos = [f"第{page.number}版 {block.id}" + (f" ({block.label})" if block.label else "")
              for page in issue.pages for block in page.blocks if isinstance(block, PhotoBlock) and not block.image]
    ads = [f"第{page.number}版 {block.id} (广告{'：' + block.placeholder if block.placeholder else ''})"
           for page in issue.pages for block in page.blocks if isinstance(block, AdBlock) and block.file is None]
    return photos + ads


def press_pdf(document: Document, issue: Issue, book: FontBook, marks: str = "full",
              allow_placeholders: bool = False) -> bytes:
    """The document as a PDF/X-1a file with bleed, ``marks`` (full, crop or none), the
    issue's output profile and the edition's date. Placeholders raise ``PlaceholderError``
    unless ``allow_placeholders``; allowed ones are left off the plates."""
    empty = placeholders(issue)
    if empty and not allow_placeholders:
        raise PlaceholderError(
            f"{issue.source}: {len(empty)} photo or ad slot{'s are' if len(empty) > 1 else ' is'} still a "
            f"placeholder and would print in the paper: {', '.join(empty)}. Give each its image, or pass "
            "--allow-placeholders to leave the slots blank on the plates")
    marked = with_marks(for_plates(document), book, PressOptions(marks=marks))
    pdf = write_pdf(marked, book.resources(marked.faces()))
    return to_pdfx(pdf, issue.press.profile, title=document.title, created=edition_date(issue.meta.date))


def summary(issue: Issue, report: RenderReport) -> dict[str, Any]:
    """The render report (with its output condition and photos) and the placeholders left."""
    return {**report.to_json(), "placeholders": placeholders(issue)}


def check(pdf: bytes | Path, issue: Issue, report: RenderReport) -> PreflightReport:
    """Preflight of a finished PDF, with the renderer's summary (overset, block and photo names)."""
    return preflight(pdf, issue.press.ink_limit, summary(issue, report))


@dataclass(frozen=True)
class Handoff:
    """What ``hand_off`` wrote and what preflight found."""

    files: tuple[Path, ...]
    preflight: PreflightReport


def _target(folder: Path, inputs: list[Path]) -> None:
    """The folder must be new, empty, or an earlier package: it holds no input of the issue, and
    its ``manifest.json`` lists every other file there (else we would delete someone's files).
    A refusal is a ``BanmianError`` (exit 2); nothing is written."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise OutputError(f"{folder}: not a folder")
    if not folder.is_dir():
        return
    home = folder.resolve()
    for source in inputs:
        if home in source.resolve().parents:
            raise BanmianError(f"{folder}: the folder holds {source}, an input of the issue; a hand-off "
                               "package replaces its folder whole, so give a new or empty folder (nothing written)")
    present = sorted(p.name for p in folder.iterdir())
    if present and not set(present) <= set(_package_files(folder)):
        raise BanmianError(f"{folder}: the folder has files but is not an earlier hand-off package (its "
                           "manifest.json does not list every file there); give a new or empty folder "
                           "(nothing written)")


def _package_files(folder: Path) -> list[str]:
    """The files an earlier package in ``folder`` wrote, by its manifest (with ``manifest.json``
    itself); [] when there is no readable manifest."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        names = [entry["file"] for entry in manifest["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    if not all(isinstance(n, str) and n and "/" not in n and n not in (".", "..") for n in names):
        return []
    return [*names, "manifest.json"]


def _swap(staging: Path, folder: Path) -> None:
    """Put the finished package ``staging`` in the place of ``folder``."""
    old = None
    if folder.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old-", dir=folder.parent))
        folder.rename(old / "package")
    staging.rename(folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def hand_off(issue: Issue, document: Document, report: RenderReport, book: FontBook, folder: Path,
             marks: str = "full", allow_placeholders: bool = False) -> Handoff:
    """Write the hand-off package into ``folder`` (see module docstring)."""
    from layout.preview.build import Preview, write_preview

    pdf = press_pdf(document, issue, book, marks, allow_placeholders)
    _target(folder, issue_inputs(issue))
    parent = folder.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=parent))
        staging.chmod(0o777 & ~current_umask())  # as an ordinary new folder, not mkdtemp's 0700
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder ({exc.strerror})") from None
    try:
        pdf_path = staging / f"{issue.source.stem}.pdf"
        write_atomic(pdf_path, pdf)
        result = check(pdf_path, issue, report)
        result.source = str(folder / pdf_path.name)  # where it will be, not the staging folder
        pngs = write_preview(Preview(issue.source, document, report, (issue.source,)), book, staging, PREVIEW_DPI)
        texts = {
            "preflight.json": json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n",
            "preflight.txt": result.summary() + "\n",
            "render.json": json.dumps(summary(issue, report), ensure_ascii=False, indent=1) + "\n",
        }
        for name, text in texts.items():
            write_atomic(staging / name, text.encode("utf-8"))
        names = [pdf_path.name, *(p.name for p in pngs), *texts]
        write_atomic(staging / "manifest.json", _manifest(issue, staging, names, result).encode("utf-8"))
        _swap(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Handoff(tuple(folder / name for name in (*names, "manifest.json")), result)


def _manifest(issue: Issue, folder: Path, names: list[str], result: PreflightReport) -> str:
    """A JSON list of the files with sizes and SHA-256, and the preflight verdict."""
    entries = [{"file": name, "bytes": (folder / name).stat().st_size,
                "sha256": hashlib.sha256((folder / name).read_bytes()).hexdigest()} for name in names]
    manifest = {"paper": issue.meta.paper, "date": issue.meta.date, "issue": issue.meta.number,
                "pages": [p.number for p in issue.pages], "preflight": "pass" if result.ok else "fail",
                "errors": len(result.errors), "warnings": len(result.warnings), "files": entries}
    return json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
