"""Preflight: check a finished PDF for the problems a newspaper print shop rejects.

In:  PDF bytes or a path; the total ink limit in %; optionally the renderer's
     JSON summary (``RenderReport.to_json()``: overset text, and the blocks and
     photo files that name the places of findings); the safe distance in mm.
Out: ``PreflightReport``: findings, each with severity (error, warning, info),
     code, message, page (1-based) and where (position in mm from the trim's top
     left, block id, photo file); ``summary()`` text and ``to_json()``.

The modules, along the seams of the work:

- ``check``: ``preflight()``, opening safely (damaged, truncated, encrypted files
  give one error, never an exception) and PDF/X-1a severities;
- ``static``: fonts (embedded, subset, no Type 3), page boxes, annotations,
  actions and JavaScript, the PDF/X entries, the renderer's overset record;
- ``walk``: the content-stream interpreter (graphics state, forms, missing
  resources, unreadable streams); ``paint``: colours and paths (ink limit,
  registration colour inside the trim, spot colours, hairlines, thin rules in
  several inks, overprint); ``text``: text positions from glyph widths (small
  text, small text in several inks, safe area); ``images``: colour space,
  resolution and per-pixel ink of images; ``scanner``: all of them wired together;
- ``locate``: block and photo names from the render summary;
- ``findings``: the report types; ``cli``: ``python3 -m layout.preflight``.
"""

from layout.preflight.check import SAFE_AREA_MM, preflight
from layout.preflight.cli import emit, main
from layout.preflight.findings import Finding, PreflightReport
from layout.preflight.images import MIN_PPI_ERROR, MIN_PPI_WARNING
from layout.preflight.pdfobj import space_kind
from layout.preflight.static import check_boxes, check_font
from layout.preflight.text import MIN_TEXT_PT

__all__ = ["MIN_PPI_ERROR", "MIN_PPI_WARNING", "MIN_TEXT_PT", "SAFE_AREA_MM", "Finding", "PreflightReport",
           "check_boxes", "check_font", "emit", "main", "preflight", "space_kind"]
