"""The print-shop hand-off: PDF/X with bleed and marks, previews, preflight, manifest.

In:  an issue file and an output folder.
Out: in the folder, ``<issue>.pdf`` (PDF/X-1a with TrimBox, BleedBox, crop and
     registration marks and the output intent), ``page-<N>.png`` previews,
     ``preflight.json`` and ``preflight.txt`` (the checks of the finished PDF),
     ``render.json`` (the renderer's report: copy-fit, photos, copy changes) and
     ``manifest.json`` (every file with its size and SHA-256). Files are written
     through temporary files; a failed run leaves no partial file behind.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from layout.errors import OutputError
from layout.files import write_atomic
from layout.frame import Document
from layout.issue.model import Issue
from layout.preflight import PreflightReport, preflight
from layout.press import with_marks
from layout.render.pdf import write_pdf
from layout.render.pdfx import to_pdfx
from layout.report import RenderReport
from layout.text.font import FontBook

PREVIEW_DPI = 100


def press_pdf(document: Document, issue: Issue, book: FontBook) -> bytes:
    """The document as a PDF/X-1a file with bleed, marks and the issue's output profile."""
    pdf = write_pdf(with_marks(document, book), book)
    return to_pdfx(pdf, issue.press.profile, title=document.title)


def check(pdf: bytes | Path, issue: Issue, report: RenderReport) -> PreflightReport:
    """Preflight of a finished PDF, with the renderer's overset record."""
    return preflight(pdf, issue.press.ink_limit, report.to_json())


@dataclass(frozen=True)
class Handoff:
    """What ``hand_off`` wrote and what preflight found."""

    files: tuple[Path, ...]
    preflight: PreflightReport


def hand_off(issue: Issue, document: Document, report: RenderReport, book: FontBook, folder: Path) -> Handoff:
    """Write the hand-off package into ``folder`` (see module docstring)."""
    from layout.preview.build import Preview, write_preview

    pdf = press_pdf(document, issue, book)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder ({exc.strerror})") from None
    pdf_path = folder / f"{issue.source.stem}.pdf"
    write_atomic(pdf_path, pdf)
    result = check(pdf_path, issue, report)
    pngs = write_preview(Preview(issue.source, document, report, (issue.source,)), book, folder, PREVIEW_DPI)
    texts = {
        "preflight.json": json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n",
        "preflight.txt": result.summary() + "\n",
        "render.json": json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n",
    }
    for name, text in texts.items():
        write_atomic(folder / name, text.encode("utf-8"))
    files = [pdf_path, *pngs, *(folder / name for name in texts)]
    write_atomic(folder / "manifest.json", _manifest(issue, files, result).encode("utf-8"))
    return Handoff((*files, folder / "manifest.json"), result)


def _manifest(issue: Issue, files: list[Path], result: PreflightReport) -> str:
    """A JSON list of the files with sizes and SHA-256, and the preflight verdict."""
    entries = [{"file": path.name, "bytes": path.stat().st_size,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest()} for path in files]
    manifest = {"paper": issue.meta.paper, "date": issue.meta.date, "issue": issue.meta.number,
                "pages": [p.number for p in issue.pages], "preflight": "pass" if result.ok else "fail",
                "errors": len(result.errors), "warnings": len(result.warnings), "files": entries}
    return json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
