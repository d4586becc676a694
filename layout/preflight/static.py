"""Preflight checks of PDF objects that are not page content: fonts, page boxes,
annotations, actions and JavaScript, the PDF/X entries, and the renderer's record.

In:  pikepdf objects (a font dictionary, a page, the document) or the renderer's
     JSON summary.
Out: lists of ``Finding`` (or (severity, code, message) for a font).
"""

from __future__ import annotations

import io
import logging
import math
from typing import Any

import pikepdf

from layout.preflight.findings import Finding
from layout.preflight.pdfobj import dict_get, mm, num
from layout.render.pdfx import verify_pdfx

#: Box comparisons allow this much rounding (pt).
BOX_TOLERANCE_PT = 0.01
#: Annotations a PDF/X file may carry inside the page (ISO 15930-1, 6.6).
ALLOWED_ANNOTATIONS = {"/PrinterMark", "/TrapNet"}
Box = tuple[float, float, float, float]


# ---------------------------------------------------------------- fonts


def font_program(font: Any) -> tuple[str, bool, str]:
    """(BaseFont, embedded, subtype) of a font, looking through Type0 to its descendant."""
    subtype = str(dict_get(font, "/Subtype") or "")
    target = font
    if subtype == "/Type0":
        descendants = dict_get(font, "/DescendantFonts")
        target = descendants[0] if descendants is not None and len(descendants) else None
    descriptor = dict_get(target, "/FontDescriptor")
    embedded = any(dict_get(descriptor, key) is not None for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    base = str(dict_get(target, "/BaseFont") or dict_get(font, "/BaseFont") or "?").lstrip("/")
    return base, embedded, subtype


def check_font(font: Any, name: str, cache: dict[Any, Any] | None = None) -> list[tuple[str, str, str]]:
    """(severity, code, message) for one font dictionary: Type 3, not embedded, an embedded
    TrueType program that does not parse, not subset. ``cache`` keeps the parse verdict of
    each program object across pages."""
    base, embedded, subtype = font_program(font)
    label = f"font {name} ({base}, {subtype.lstrip('/') or '?'})"
    if subtype == "/Type3":
        return [("error", "FONT_TYPE3", f"{label}: Type 3 fonts are bitmap or procedure fonts a RIP may not render")]
    if not embedded:
        return [("error", "FONT_NOT_EMBEDDED", f"{label} is not embedded")]
    program = _truetype_program(font)
    if program is not None:
        key = ("fontfile", program.objgen) if program.is_indirect else None
        problem = cache[key] if cache is not None and key in cache else truetype_problem(program)
        if cache is not None and key is not None:
            cache[key] = problem
        if problem:
            return [("error", "FONT_DAMAGED", f"{label}: the embedded font program (FontFile2) is damaged: "
                     f"{problem}; the RIP may stop or set wrong glyphs")]
    if not (len(base) > 7 and base[6] == "+" and base[:6].isupper() and base[:6].isalpha()):
        return [("warning", "FONT_NOT_SUBSET", f"{label} is embedded whole, not as a subset")]
    return []


def _truetype_program(font: Any) -> Any:
    """The /FontFile2 stream of a font (through Type0 to its descendant), or ``None``."""
    target = font
    if str(dict_get(font, "/Subtype") or "") == "/Type0":
        descendants = dict_get(font, "/DescendantFonts")
        target = descendants[0] if descendants is not None and len(descendants) else None
    program = dict_get(dict_get(target, "/FontDescriptor"), "/FontFile2")
    return program if isinstance(program, pikepdf.Stream) else None


def truetype_problem(program: Any) -> str:
    """What is wrong with an embedded TrueType program, or ``""`` when fontTools reads every
    table of it (a damaged table raises as it is decompiled)."""
    from fontTools.ttLib import TTFont

    chatter = logging.getLogger("fontTools")
    level = chatter.level
    chatter.setLevel(logging.CRITICAL)  # its notes on odd values are not our findings
    try:
        TTFont(io.BytesIO(program.read_bytes()), lazy=False).ensureDecompiled()  # every table, every glyph
    except Exception as exc:  # fontTools raises many kinds (struct, assertion, index) on damaged data
        return f"{exc.__class__.__name__}: {str(exc)[:160]}"
    finally:
        chatter.setLevel(level)
    return ""


# ---------------------------------------------------------------- boxes


def box(page: Any, key: str) -> Box | None:
    """A page box, normalised (x0 < x1, y0 < y1), or ``None``."""
    value = dict_get(page.obj, key)
    if value is None and key == "/MediaBox":
        value = page.mediabox
    try:
        x0, y0, x1, y1 = (num(v) for v in value)
    except (TypeError, ValueError):
        return None
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _inside(inner: Box, outer: Box) -> bool:
    """Whether box ``inner`` lies within ``outer`` (with ``BOX_TOLERANCE_PT``)."""
    t = BOX_TOLERANCE_PT
    return (inner[0] >= outer[0] - t and inner[1] >= outer[1] - t and inner[2] <= outer[2] + t
            and inner[3] <= outer[3] + t)


def _size(b: Box, unit: float = 1.0) -> str:
    """A box's size in mm, in units of ``unit``/72 inch (the page's /UserUnit)."""
    return f"{mm((b[2] - b[0]) * unit)}×{mm((b[3] - b[1]) * unit)} mm"


def check_boxes(page: Any, page_no: int, pdfx: bool = False) -> list[Finding]:
    """MediaBox, TrimBox and BleedBox: present, of positive size, nested; sizes as info.
    ``pdfx``: the file claims PDF/X, so a missing TrimBox (and ArtBox) is an error."""
    media, trim, bleed = box(page, "/MediaBox"), box(page, "/TrimBox"), box(page, "/BleedBox")
    if media is None or media[2] - media[0] <= 0 or media[3] - media[1] <= 0:
        return [Finding("error", "BOX_INVALID", "the MediaBox is missing or empty", page_no)]
    out = []
    unit, rotate = _user_unit(page), _rotation(page)
    sizes = [f"MediaBox {_size(media, unit)}"]
    if trim is None and box(page, "/ArtBox") is None:
        out.append(Finding("error" if pdfx else "warning", "BOX_MISSING",
                           "no TrimBox: the trimmed page size is not stated (PDF/X needs a TrimBox or ArtBox)",
                           page_no))
    for name, b in (("TrimBox", trim), ("BleedBox", bleed)):
        if b is not None:
            sizes.append(f"{name} {_size(b, unit)}")
            if b[2] - b[0] <= 0 or b[3] - b[1] <= 0:
                out.append(Finding("error", "BOX_INVALID", f"the {name} is empty", page_no))
    nesting = [("TrimBox", trim, "BleedBox", bleed), ("TrimBox", trim, "MediaBox", media),
               ("BleedBox", bleed, "MediaBox", media)]
    for inner_name, inner, outer_name, outer in nesting:
        if inner is not None and outer is not None and not _inside(inner, outer):
            out.append(Finding("error", "BOX_NESTING", f"the {inner_name} is not inside the {outer_name}", page_no))
    if trim is not None and bleed is not None:
        margin = min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3])
        sizes.append(f"bleed {mm(margin * unit)} mm")
    if unit != 1:
        sizes.append(f"UserUnit {unit:g} (sizes above are scaled by it)")
        out.append(Finding("error" if pdfx else "warning", "USER_UNIT", f"the page sets /UserUnit {unit:g}: a "
                           f"unit is {unit:g}/72 inch, not 1/72 (PDF 1.6; PDF/X-1a does not allow it, and a RIP "
                           "that ignores it prints the page at the wrong size)", page_no))
    if rotate:
        sizes.append(f"shown rotated {rotate}°")
        out.append(Finding("warning", "PAGE_ROTATED", f"the page sets /Rotate {rotate}: it is shown and imposed "
                           f"turned by {rotate}°, so its width and height as seen are "
                           f"{'swapped' if rotate in (90, 270) else 'unchanged but upside down'}; check the "
                           "imposition with the print shop", page_no))
    out.append(Finding("info", "PAGE_SIZE", "; ".join(sizes), page_no))
    return out


def _user_unit(page: Any) -> float:
    """The page's /UserUnit (1 when absent or not a positive number)."""
    try:
        unit = float(num(dict_get(page.obj, "/UserUnit") or 1))
    except (TypeError, ValueError):
        return 1.0
    return unit if math.isfinite(unit) and unit > 0 else 1.0


def _rotation(page: Any) -> int:
    """The page's /Rotate in degrees, 0–270 (inherited through the page tree)."""
    node: Any = page.obj
    for _ in range(64):  # the page tree is shallow; a loop in it is not followed forever
        value = dict_get(node, "/Rotate")
        if value is not None:
            try:
                return int(num(value)) % 360
            except (TypeError, ValueError):
                return 0
        node = dict_get(node, "/Parent")
        if node is None:
            break
    return 0


# ---------------------------------------------------------------- annotations and actions


def _action_kind(action: Any) -> str:
    """The /S of an action dictionary (``JavaScript``, ``Launch``, …) or ``""``."""
    return str(dict_get(action, "/S") or "").lstrip("/")


def check_annotations(page: Any, page_no: int) -> list[Finding]:
    """Annotations (PDF/X-1a allows none but printer's marks and trap networks inside the
    page) and the actions they or the page carry."""
    out = []
    annots = dict_get(page.obj, "/Annots")
    for annot in annots if isinstance(annots, pikepdf.Array) else []:
        subtype = str(dict_get(annot, "/Subtype") or "?")
        if subtype not in ALLOWED_ANNOTATIONS:
            out.append(Finding("error", "ANNOTATION", f"a {subtype.lstrip('/')} annotation (PDF/X-1a allows "
                               "none on the page; it may print or stop the RIP)", page_no))
        action = dict_get(annot, "/A")
        if action is not None:
            out.append(Finding("error", "ACTION", f"a {subtype.lstrip('/')} annotation runs a "
                               f"{_action_kind(action) or 'an'} action", page_no))
    if dict_get(page.obj, "/AA") is not None:
        out.append(Finding("error", "ACTION", "the page has actions (/AA) that run when it is opened", page_no))
    return out


def check_document_actions(pdf: pikepdf.Pdf) -> list[Finding]:
    """JavaScript and actions at document level: /OpenAction, /AA, /Names /JavaScript."""
    root, out = pdf.Root, []
    names = dict_get(root, "/Names")
    if dict_get(names, "/JavaScript") is not None:
        out.append(Finding("error", "JAVASCRIPT", "the document carries JavaScript (/Names /JavaScript)"))
    opening = dict_get(root, "/OpenAction")
    if isinstance(opening, pikepdf.Dictionary) and _action_kind(opening) != "GoTo":  # GoTo only opens a page
        kind = _action_kind(opening)
        code = "JAVASCRIPT" if kind == "JavaScript" else "ACTION"
        out.append(Finding("error", code, f"the document runs a {kind or 'an'} action when opened (/OpenAction)"))
    if dict_get(root, "/AA") is not None:
        out.append(Finding("error", "ACTION", "the document has additional actions (/AA)"))
    if dict_get(dict_get(root, "/AcroForm"), "/Fields"):
        out.append(Finding("error", "ANNOTATION", "the document has form fields (/AcroForm)"))
    return out


# ---------------------------------------------------------------- PDF/X and the renderer


def claimed_pdfx(pdf: pikepdf.Pdf) -> str:
    """The PDF/X version the file claims (Info or XMP), or ``""``."""
    version = str(dict_get(pdf.trailer.get("/Info"), "/GTS_PDFXVersion") or "")
    if version:
        return version
    metadata = dict_get(pdf.Root, "/Metadata")
    try:
        xmp = metadata.read_bytes().decode("utf-8", "replace") if metadata is not None else ""
    except (pikepdf.PdfError, AttributeError):
        xmp = ""
    for marker in ("GTS_PDFXVersion>", 'GTS_PDFXVersion="'):
        at = xmp.find(marker)
        if at >= 0:
            return xmp[at + len(marker):].split("<")[0].split('"')[0]
    return ""


def document_findings(pdf: pikepdf.Pdf, data: bytes | Any) -> list[Finding]:
    """PDF/X status: errors if the file claims PDF/X but lacks its entries, else a note."""
    version = claimed_pdfx(pdf)
    if "/OutputIntents" not in pdf.Root and not version:
        return [Finding("info", "PDFX_NONE", "no PDF/X output intent yet (run the PDF/X step before hand-off)")]
    problems = verify_pdfx(data)
    return [Finding("error", "PDFX_INVALID", p) for p in problems] or [
        Finding("info", "PDFX_OK", f"PDF/X entries present ({version or 'version in XMP'})")]


def renderer_findings(summary: dict[str, Any] | None) -> list[Finding]:
    """Overset text, missing glyphs and placeholders from the renderer's JSON summary."""
    if not summary:
        return []
    out = [Finding("error", "OVERSET", f"block {o.get('block', '?')}: {o.get('lines', '?')} lines "
                   f"({o.get('chars', '?')} characters) did not fit", o.get("page"), str(o.get("block", "")))
           for o in summary.get("overset") or []]
    out += [Finding("warning", "PLACEHOLDER", f"{slot}: an empty photo or ad slot, left blank on the plates "
                    "(--allow-placeholders)") for slot in summary.get("placeholders") or []]
    missing = summary.get("missing_glyphs") or []
    if missing:
        out.append(Finding("error", "MISSING_GLYPH", f"{len(missing)} characters have no glyph: "
                           + ", ".join(str(m) for m in missing[:10])))
    return out
