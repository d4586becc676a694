"""``preflight``: open a PDF safely and run every check, page by page.

In:  PDF bytes or a path; the ink limit in %; optionally the renderer's JSON
     summary; the house safe distance of text from the trim in mm.
Out: a ``PreflightReport``. A file that cannot be opened, is encrypted, or breaks
     while it is read gives a report with one error (``PDF_UNREADABLE``,
     ``ENCRYPTED``, ``PDF_DAMAGED``), never an exception.

Severity follows the file's claim: in a file that claims PDF/X-1a, transparency
and device-independent colour (Lab, ICC-based) are errors, as ISO 15930-1 forbids
them; in any other PDF they are warnings. A missing TrimBox likewise.
"""

from __future__ import annotations

import dataclasses
import io
import math
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf

from layout.photo.prepare import DEFAULT_INK_LIMIT
from layout.preflight.args import MAX_INK, summary_problem
from layout.preflight.findings import Finding, PreflightReport
from layout.preflight.locate import Locator
from layout.preflight.scanner import scan_page
from layout.preflight.static import (
    box,
    check_annotations,
    check_boxes,
    check_document_actions,
    claimed_pdfx,
    document_findings,
    renderer_findings,
)
from layout.preflight.walk import PageContext

#: House safe distance (mm): text keeps at least this far inside the trim. Newspaper
#: web presses cut with a tolerance of a few mm; 5 mm is the common house rule.
SAFE_AREA_MM = 5.0
#: Codes that become errors in a file claiming PDF/X-1a (ISO 15930-1 forbids them).
X1A_FORBIDDEN = {"TRANSPARENCY", "COLOR_NOT_DEVICE"}
#: What a damaged or truncated file raises from qpdf, pikepdf, zlib or Pillow; anything
#: else is a fault of the check itself and is reported as such (``PREFLIGHT_FAILED``).
DAMAGE = (pikepdf.PdfError, OSError, EOFError, zlib.error, struct.error, ValueError, KeyError, IndexError,
          SyntaxError)


def _pages(pdf: pikepdf.Pdf, ink_limit: float, pdfx: bool, locator: Locator, safe_mm: float) -> Iterator[Finding]:
    """Box, annotation and content findings, page by page."""
    cache: dict[Any, Any] = {}
    for index, page in enumerate(pdf.pages):
        yield from check_boxes(page, index + 1, pdfx)
        yield from check_annotations(page, index + 1)
        trim = box(page, "/TrimBox") or box(page, "/MediaBox") or (0.0, 0.0, 0.0, 0.0)
        yield from scan_page(page, PageContext(index, trim, ink_limit, pdfx, locator, safe_mm), cache)
        yield from _repairs(pdf, index + 1)


def _repairs(pdf: pikepdf.Pdf, page: int | None) -> list[Finding]:
    """qpdf's warnings since the last call: content-stream syntax errors on the page, or damage."""
    warnings = [str(w) for w in pdf.get_warnings()]
    content = [w for w in warnings if "(content" in w]
    other = [w for w in warnings if "(content" not in w]
    out = []
    if content:
        first = content[0].split("(content", 1)[1].lstrip(", ").rstrip(")")
        out.append(Finding("error", "CONTENT_UNREADABLE", f"the content stream is damaged: {len(content)} "
                           f"syntax errors (first: {first[:160]})", page))
    if other:
        first = other[0].split(": ", 1)[-1]
        out.append(Finding("error", "PDF_DAMAGED", f"the file is damaged: {len(other)} repairs were needed to "
                           f"read it (first: {first[:160]})", page))
    return out


def _open(data: bytes | Path, source: str, ink_limit: float) -> pikepdf.Pdf | PreflightReport:
    """The opened PDF, or a report saying why it cannot be checked."""
    def fail(code: str, message: str) -> PreflightReport:
        return PreflightReport(source, 0, ink_limit, [Finding("error", code, message)])

    try:
        return pikepdf.open(io.BytesIO(data) if isinstance(data, bytes) else data)
    except pikepdf.PasswordError:
        return fail("ENCRYPTED", "the PDF is encrypted with a password: a RIP cannot open it")
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        return fail("PDF_UNREADABLE", f"cannot open: {exc}")


def preflight(pdf: bytes | Path | str, ink_limit: float = DEFAULT_INK_LIMIT,
              renderer_report: dict[str, Any] | None = None, safe_mm: float = SAFE_AREA_MM) -> PreflightReport:
    """Check a PDF (bytes or a path). ``renderer_report`` is the renderer's ``--summary``
    JSON: its ``overset`` and ``missing_glyphs`` become errors and its blocks name the
    places of findings. ``safe_mm`` 0 turns the safe-area check off. An ink limit outside
    0–400 %, a negative or infinite ``safe_mm`` or a summary of the wrong shape raise
    ``ValueError`` (the caller's mistake, not the PDF's)."""
    if not (math.isfinite(ink_limit) and 0 < ink_limit <= MAX_INK):
        raise ValueError(f"ink limit {ink_limit}: not a total ink above 0 and at most {MAX_INK:g} %")
    if not (math.isfinite(safe_mm) and safe_mm >= 0):
        raise ValueError(f"safe area {safe_mm}: not a distance of 0 mm or more")
    problem = summary_problem(renderer_report) if renderer_report is not None else ""
    if problem:
        raise ValueError(f"the render summary is not one: {problem}")
    data = pdf if isinstance(pdf, bytes) else Path(pdf)
    source = "PDF bytes" if isinstance(pdf, bytes) else str(pdf)
    opened = _open(data, source, ink_limit)
    if isinstance(opened, PreflightReport):
        return opened
    try:
        with opened as doc:
            report = PreflightReport(source, len(doc.pages), ink_limit)
            if doc.is_encrypted:
                report.findings.append(Finding("error", "ENCRYPTED", "the PDF is encrypted (PDF/X forbids it)"))
            report.findings += _repairs(doc, None)  # the file's structure, repaired on opening
            if not len(doc.pages):
                report.findings.append(Finding("error", "NO_PAGES", "the PDF has no pages: nothing to print"))
            version = claimed_pdfx(doc)
            pdfx = bool(version) or "/OutputIntents" in doc.Root
            report.findings += list(_pages(doc, ink_limit, pdfx, Locator(renderer_report), safe_mm))
            report.findings += check_document_actions(doc)
            report.findings += document_findings(doc, data)
            report.findings += _repairs(doc, None)
    except DAMAGE as exc:  # a damaged or truncated file can break anywhere in qpdf or pikepdf
        return PreflightReport(source, 0, ink_limit, [
            Finding("error", "PDF_DAMAGED", f"the PDF is damaged and cannot be checked ({exc.__class__.__name__}: "
                    f"{str(exc)[:200]})")])
    except Exception as exc:  # the check's own fault: said so, never blamed on the PDF
        return PreflightReport(source, 0, ink_limit, [
            Finding("error", "PREFLIGHT_FAILED", f"preflight itself failed on this file, so it is not checked "
                    f"({exc.__class__.__name__}: {str(exc)[:200]}); this is a fault of banmian, not a verdict "
                    "on the PDF")])
    if version.startswith("PDF/X-1"):
        report.findings = [dataclasses.replace(f, severity="error", message=f.message + " — forbidden in PDF/X-1a")
                           if f.code in X1A_FORBIDDEN else f for f in report.findings]
    report.findings += renderer_findings(renderer_report)
    order = {s: k for k, s in enumerate(("error", "warning", "info"))}
    report.findings.sort(key=lambda f: (order[f.severity], f.page or 0))
    return report
