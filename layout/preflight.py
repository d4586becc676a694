"""Preflight: check a finished PDF for the problems a newspaper print shop rejects.

In:  PDF bytes or a path; the total ink limit in %; optionally the renderer's
     JSON summary (``RenderReport.to_json()``, for overset text).
Out: ``PreflightReport``: findings, each with severity (error, warning, info),
     code, message, page (1-based) and where; ``summary()`` text and ``to_json()``.

What is checked, from the PDF objects (pikepdf) and content streams (parsed
here, Form XObjects and tiling patterns included, with the graphics state):

- page boxes: TrimBox ⊆ BleedBox ⊆ MediaBox, sizes in mm (absent boxes: warning);
- fonts: embedded (Type0 → DescendantFonts → FontDescriptor too), subset, not Type 3;
- colour: any RGB (``rg``/``RG``, DeviceRGB, CalRGB, ICCBased N=3, an RGB
  alternate or Indexed base) in colours, images, inline images and shadings is
  an error; Lab and ICC-based grey or CMYK are warnings (not PDF/X-1a);
- vector colours and CMYK images over the ink limit (images are decoded and sampled);
- image resolution from the placement matrix at ``Do``;
- text smaller than ``MIN_TEXT_PT``; thin rules stroked in more than one ink;
- transparency (not allowed in PDF/X-1a), the PDF/X entries (``layout.render.pdfx``);
- overset text and missing glyphs from the renderer's summary.

``python3 -m layout.preflight FILE.pdf [--json] [--ink-limit 240] [--render-summary S.json]``
exits 1 when there is an error, 0 otherwise (2 for an unreadable file or bad usage).
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import math
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from layout.render.images import DEFAULT_INK_LIMIT, ink_over, max_ink
from layout.render.pdfx import verify_pdfx

#: Effective image resolution (ppi) below which a warning is given: 2 × a 100 lpi
#: newspaper screen (the usual quality factor 1.5–2 × lpi). Source: project brief.
MIN_PPI_WARNING = 200.0
#: Below this an image is an error: 1.5 × 100 lpi, where halftone dots show pixels. Source: project brief.
MIN_PPI_ERROR = 150.0
#: Text smaller than this (pt, as placed) breaks up on newsprint. Source: project brief.
MIN_TEXT_PT = 5.0
#: Strokes thinner than this (pt, as placed) in two or more inks risk visible
#: misregistration on a web press. Source: project brief.
THIN_RULE_PT = 0.25
#: Inks below this tint (0…1) do not count as printing for the thin-rule check.
INK_PRESENT = 0.005
#: Box comparisons allow this much rounding (pt).
BOX_TOLERANCE_PT = 0.01
#: Decoded images are averaged down to at most this many pixels before sampling the ink.
INK_SAMPLE_PIXELS = 1_000_000
#: Form XObjects nested deeper than this are not followed (a loop guard).
MAX_FORM_DEPTH = 12
#: Findings of one kind on one page are listed up to this many times, then counted.
MAX_REPEATS = 20

MM_PER_PT = 25.4 / 72
SEVERITIES = ("error", "warning", "info")
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class Finding:
    """One problem or note: ``severity`` is error, warning or info; ``page`` is 1-based or ``None``."""

    severity: str
    code: str
    message: str
    page: int | None = None
    where: str = ""


@dataclass
class PreflightReport:
    """Everything preflight found in one PDF."""

    source: str
    pages: int
    ink_limit: float
    findings: list[Finding] = field(default_factory=list)

    def of(self, severity: str) -> list[Finding]:
        """The findings of one severity, in page order."""
        return [f for f in self.findings if f.severity == severity]

    @property
    def errors(self) -> list[Finding]:
        """Findings that make the file unfit for print."""
        return self.of("error")

    @property
    def warnings(self) -> list[Finding]:
        """Findings a person should look at."""
        return self.of("warning")

    @property
    def ok(self) -> bool:
        """True when there is no error."""
        return not self.errors

    def codes(self, severity: str | None = None) -> set[str]:
        """The codes found (of one severity, or all)."""
        return {f.code for f in self.findings if severity is None or f.severity == severity}

    def summary(self) -> str:
        """Human-readable text: one headline, then one line per finding, errors first."""
        numbers = ((self.pages, "page"), (len(self.errors), "error"), (len(self.warnings), "warning"),
                   (len(self.of("info")), "note"))
        counts = ", ".join(_count(n, word) for n, word in numbers)
        lines = [f"{self.source}: {counts} (ink limit {self.ink_limit:g} %)"]
        for severity in SEVERITIES:
            for f in self.of(severity):
                page = f" p{f.page}" if f.page else ""
                where = f" [{f.where}]" if f.where else ""
                lines.append(f"{severity.upper()} {f.code}{page}: {f.message}{where}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (stable order)."""
        return {"source": self.source, "pages": self.pages, "ink_limit": self.ink_limit, "ok": self.ok,
                "counts": {s: len(self.of(s)) for s in SEVERITIES},
                "findings": [dataclasses.asdict(f) for f in self.findings]}


# ---------------------------------------------------------------- small helpers


REGISTRATION = (1.0, 1.0, 1.0, 1.0)  # the colour of printer's marks


def _count(n: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def _num(value: Any) -> float:
    """A PDF number as float."""
    return float(value)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """The matrix product m × n (apply m, then n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """A point transformed by m."""
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _matrix(values: Any) -> Matrix:
    """Six PDF numbers as a matrix (identity if malformed)."""
    try:
        a, b, c, d, e, f = (_num(v) for v in values)
    except (TypeError, ValueError):
        return IDENTITY
    return (a, b, c, d, e, f)


def _scale(m: Matrix) -> float:
    """The mean linear scale of m (square root of the determinant's magnitude)."""
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


def _mm(value: float) -> str:
    """A length in pt as mm text."""
    return f"{value * MM_PER_PT:.1f}"


def _dict_get(obj: Any, key: str) -> Any:
    """``obj[key]`` for a PDF dictionary or stream, ``None`` if absent or not a dictionary."""
    try:
        return obj.get(key)
    except (AttributeError, TypeError, ValueError):
        return None


def _resource(resources: Any, kind: str, name: Any) -> Any:
    """A named resource (``/Font``, ``/XObject``, …) or ``None``."""
    return _dict_get(_dict_get(resources, kind), str(name))


# ---------------------------------------------------------------- colour spaces

RGB, CMYK, GRAY, SPOT, PATTERN, LAB, ICC_GRAY, ICC_CMYK, UNKNOWN = (
    "RGB", "CMYK", "gray", "spot", "pattern", "Lab", "ICC gray", "ICC CMYK", "unknown")
_DEVICE = {"/DeviceRGB": RGB, "/RGB": RGB, "/CalRGB": RGB, "/DeviceCMYK": CMYK, "/CMYK": CMYK,
           "/DeviceGray": GRAY, "/G": GRAY, "/CalGray": ICC_GRAY, "/Pattern": PATTERN, "/Lab": LAB}
_ICC_N = {1: ICC_GRAY, 3: RGB, 4: ICC_CMYK}
_COMPONENTS = {RGB: 3, CMYK: 4, GRAY: 1, ICC_GRAY: 1, ICC_CMYK: 4, LAB: 3, SPOT: 1, PATTERN: 0}
#: The colour a ``cs``/``CS`` sets (PDF 32000-1, 8.6.8): black, or full tint for a spot colour.
_INITIAL_COLOUR = {CMYK: (0.0, 0.0, 0.0, 1.0), ICC_CMYK: (0.0, 0.0, 0.0, 1.0), SPOT: (1.0,)}


def space_kind(space: Any, resources: Any = None, depth: int = 0) -> str:
    """What a colour space is, for print: ``RGB``, ``CMYK``, ``gray``, ``spot``, ``pattern``,
    ``Lab``, ``ICC gray``, ``ICC CMYK`` or ``unknown``. Names are looked up in
    ``resources``; Indexed spaces are their base; Separation and DeviceN are
    ``spot`` unless their alternate is RGB."""
    if depth > 4 or space is None:
        return UNKNOWN
    if isinstance(space, pikepdf.Name):
        name = str(space)
        if name in _DEVICE:
            return _DEVICE[name]
        return space_kind(_resource(resources, "/ColorSpace", name), resources, depth + 1)
    if not isinstance(space, pikepdf.Array) or len(space) == 0:
        return UNKNOWN
    family = str(space[0])
    if family == "/ICCBased" and len(space) > 1:
        return _ICC_N.get(int(_dict_get(space[1], "/N") or 0), UNKNOWN)
    if family in ("/Indexed", "/I") and len(space) > 1:
        return space_kind(space[1], resources, depth + 1)
    if family in ("/Separation", "/DeviceN") and len(space) > 2:
        return RGB if space_kind(space[2], resources, depth + 1) == RGB else SPOT
    if family == "/Pattern":
        return PATTERN
    return _DEVICE.get(family, UNKNOWN)


def _colour_severity(kind: str) -> str | None:
    """``error`` for RGB, ``warning`` for device-independent spaces (not PDF/X-1a), else ``None``."""
    if kind == RGB:
        return "error"
    if kind in (LAB, ICC_GRAY, ICC_CMYK):
        return "warning"
    return None


# ---------------------------------------------------------------- fonts


def _font_program(font: Any) -> tuple[str, bool, str]:
    """(BaseFont, embedded, subtype) of a font, looking through Type0 to its descendant."""
    subtype = str(_dict_get(font, "/Subtype") or "")
    target = font
    if subtype == "/Type0":
        descendants = _dict_get(font, "/DescendantFonts")
        target = descendants[0] if descendants is not None and len(descendants) else None
    descriptor = _dict_get(target, "/FontDescriptor")
    embedded = any(_dict_get(descriptor, key) is not None for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    base = str(_dict_get(target, "/BaseFont") or _dict_get(font, "/BaseFont") or "?").lstrip("/")
    return base, embedded, subtype


def check_font(font: Any, name: str) -> list[tuple[str, str, str]]:
    """(severity, code, message) for one font dictionary: Type 3, not embedded, not subset."""
    base, embedded, subtype = _font_program(font)
    label = f"font {name} ({base}, {subtype.lstrip('/') or '?'})"
    if subtype == "/Type3":
        return [("error", "FONT_TYPE3", f"{label}: Type 3 fonts are bitmap or procedure fonts a RIP may not render")]
    if not embedded:
        return [("error", "FONT_NOT_EMBEDDED", f"{label} is not embedded")]
    if not (len(base) > 7 and base[6] == "+" and base[:6].isupper() and base[:6].isalpha()):
        return [("warning", "FONT_NOT_SUBSET", f"{label} is embedded whole, not as a subset")]
    return []


# ---------------------------------------------------------------- the content stream scanner


@dataclass
class _State:
    """The parts of the graphics state that preflight needs."""

    ctm: Matrix = IDENTITY
    line_width: float = 1.0
    fill_kind: str = GRAY
    stroke_kind: str = GRAY
    fill: tuple[float, ...] = (0.0,)
    stroke: tuple[float, ...] = (0.0,)
    font: str = ""
    font_size: float = 0.0
    render_mode: int = 0
    tm: Matrix = IDENTITY


def _inks(kind: str, values: tuple[float, ...]) -> int:
    """How many printing plates a colour uses."""
    if kind in (CMYK, ICC_CMYK, SPOT):
        return sum(1 for v in values if v > INK_PRESENT)
    if kind in (GRAY, ICC_GRAY):
        return 1 if values and values[0] < 1 - INK_PRESENT else 0
    return 4 if kind in (RGB, LAB) else 1  # converted to process colour: assume all four


class _Collector:
    """Findings with repeats of the same (page, code, key) folded into a count."""

    def __init__(self) -> None:
        self.items: dict[tuple[Any, ...], tuple[Finding, int]] = {}

    def add(self, finding: Finding, key: Any = None) -> None:
        """Record ``finding``; a repeat of the same key only counts."""
        k = (finding.page, finding.code, key if key is not None else (finding.message, finding.where))
        first, count = self.items.get(k, (finding, 0))
        self.items[k] = (first, count + 1)

    def findings(self) -> list[Finding]:
        """The findings, with "(N times)" on repeated ones."""
        out = []
        for first, count in self.items.values():
            note = f" ({count} times)" if count > 1 else ""
            out.append(dataclasses.replace(first, message=first.message + note))
        return out


class _PageScanner:
    """Walks one page's content (and the forms it draws) with the graphics state."""

    def __init__(self, page_no: int, page_top: float, ink_limit: float, out: _Collector,
                 cache: dict[tuple[int, int], Any]) -> None:
        self.page, self.top, self.ink_limit, self.out, self.cache = page_no, page_top, ink_limit, out, cache
        self.state = _State()
        self.stack: list[_State] = []
        self.path_start: tuple[float, float] | None = None
        self.resources: Any = None
        self.where = "page"
        self.depth = 0  # forms and patterns entered
        self.seen_fonts: set[Any] = set()
        self.ops: dict[str, Callable[[list[Any]], None]] = {
            "q": self.op_q, "Q": self.op_Q, "cm": self.op_cm, "w": self.op_w, "gs": self.op_gs,
            "cs": self.op_cs, "CS": self.op_CS, "sc": self.op_sc, "scn": self.op_sc, "SC": self.op_SC,
            "SCN": self.op_SC, "g": self.op_g, "G": self.op_G, "rg": self.op_rg, "RG": self.op_RG,
            "k": self.op_k, "K": self.op_K, "BT": self.op_BT, "Tf": self.op_Tf, "Tm": self.op_Tm,
            "Tr": self.op_Tr, "Tj": self.op_text, "TJ": self.op_text, "'": self.op_text, '"': self.op_text,
            "m": self.op_point, "re": self.op_point, "S": self.op_stroke, "s": self.op_stroke,
            "B": self.op_stroke, "B*": self.op_stroke, "b": self.op_stroke, "b*": self.op_stroke,
            "f": self.op_endpath, "F": self.op_endpath, "f*": self.op_endpath, "n": self.op_endpath,
            "sh": self.op_sh, "Do": self.op_Do,
        }

    # -- reporting

    def report(self, severity: str, code: str, message: str, key: Any = None, where: str | None = None) -> None:
        """Add a finding on this page."""
        self.out.add(Finding(severity, code, message, self.page, where if where is not None else self.where), key)

    def position(self, x: float, y: float) -> str:
        """A page position in mm from the top-left of the MediaBox."""
        return f"at x {_mm(x)} mm, y {_mm(self.top - y)} mm from top left"

    # -- walking

    def scan(self, owner: Any, resources: Any, where: str) -> None:
        """Scan the content of a page, form or pattern with its resources."""
        if self.depth > MAX_FORM_DEPTH:
            self.report("warning", "NESTING", "forms nested too deep; the inner ones were not checked")
            return
        saved = (self.resources, self.where)
        self.resources, self.where = resources, where
        self.depth += 1
        self.check_resources(resources)
        try:
            instructions = pikepdf.parse_content_stream(owner)
        except pikepdf.PdfError as exc:
            self.report("error", "CONTENT_UNREADABLE", f"content stream cannot be parsed ({exc})")
            instructions = []
        for instruction in instructions:
            self.step(instruction)
        self.resources, self.where = saved
        self.depth -= 1

    def step(self, instruction: Any) -> None:
        """Dispatch one instruction."""
        operator = str(instruction.operator)
        if operator == "INLINE IMAGE":
            self.inline_image(instruction.iimage)
        elif operator in self.ops:
            try:
                self.ops[operator](list(instruction.operands))
            except (IndexError, TypeError, ValueError):
                self.report("warning", "OPERATOR_MALFORMED", f"operator {operator} with unexpected operands",
                            key=operator)

    def check_resources(self, resources: Any) -> None:
        """Fonts declared in a resource dictionary."""
        fonts = _dict_get(resources, "/Font")
        if fonts is None:
            return
        for name, font in fonts.items():
            key = font.objgen if font.is_indirect else (name, id(resources))
            if key in self.seen_fonts:
                continue
            self.seen_fonts.add(key)
            for severity, code, message in check_font(font, name):
                self.report(severity, code, message, key=("font", key))

    # -- graphics state

    def op_q(self, _: list[Any]) -> None:
        self.stack.append(dataclasses.replace(self.state))

    def op_Q(self, _: list[Any]) -> None:
        if self.stack:
            self.state = self.stack.pop()

    def op_cm(self, ops: list[Any]) -> None:
        self.state.ctm = _mul(_matrix(ops), self.state.ctm)

    def op_w(self, ops: list[Any]) -> None:
        self.state.line_width = _num(ops[0])

    def op_gs(self, ops: list[Any]) -> None:
        """ExtGState: line width, and transparency (not allowed in PDF/X-1a)."""
        gs = _resource(self.resources, "/ExtGState", ops[0])
        if gs is None:
            return
        if _dict_get(gs, "/LW") is not None:
            self.state.line_width = _num(gs.LW)
        smask = _dict_get(gs, "/SMask")
        blend = _dict_get(gs, "/BM")
        alpha = [_num(v) for v in (_dict_get(gs, "/CA"), _dict_get(gs, "/ca")) if v is not None]
        if (smask is not None and smask != pikepdf.Name("/None")) or any(a < 1 for a in alpha) or (
                blend is not None and str(blend) not in ("/Normal", "/Compatible")):
            self.report("warning", "TRANSPARENCY", f"graphics state {ops[0]} uses transparency (not PDF/X-1a)",
                        key=str(ops[0]))

    # -- colour

    def set_space(self, ops: list[Any], stroke: bool) -> None:
        """cs / CS: the colour space for fill or stroke."""
        kind = space_kind(ops[0], self.resources)
        self.colour_space_finding(kind, f"{'stroke' if stroke else 'fill'} colour space {ops[0]}")
        initial = _INITIAL_COLOUR.get(kind, (0.0,) * max(_COMPONENTS.get(kind, 1), 1))
        if stroke:
            self.state.stroke_kind, self.state.stroke = kind, initial
        else:
            self.state.fill_kind, self.state.fill = kind, initial

    def op_cs(self, ops: list[Any]) -> None:
        self.set_space(ops, False)

    def op_CS(self, ops: list[Any]) -> None:
        self.set_space(ops, True)

    def colour_space_finding(self, kind: str, what: str) -> None:
        """Report an RGB or device-independent colour space."""
        severity = _colour_severity(kind)
        if severity == "error":
            self.report("error", "RGB_COLOR", f"{what} is RGB", key=what)
        elif severity:
            self.report("warning", "COLOR_NOT_DEVICE", f"{what} is {kind} (not allowed in PDF/X-1a)", key=what)

    def set_values(self, ops: list[Any], stroke: bool) -> None:
        """sc / scn / SC / SCN: colour values, or a pattern name."""
        if ops and isinstance(ops[-1], pikepdf.Name):
            self.pattern(ops[-1])
            ops = ops[:-1]
        values = tuple(_num(v) for v in ops)
        if stroke:
            self.state.stroke = values
        else:
            self.state.fill = values
        kind = self.state.stroke_kind if stroke else self.state.fill_kind
        if kind == CMYK:
            self.ink_of_colour(values)

    def op_sc(self, ops: list[Any]) -> None:
        self.set_values(ops, False)

    def op_SC(self, ops: list[Any]) -> None:
        self.set_values(ops, True)

    def op_g(self, ops: list[Any]) -> None:
        self.state.fill_kind, self.state.fill = GRAY, (_num(ops[0]),)

    def op_G(self, ops: list[Any]) -> None:
        self.state.stroke_kind, self.state.stroke = GRAY, (_num(ops[0]),)

    def rgb(self, ops: list[Any], operator: str) -> tuple[float, ...]:
        """Report an RGB colour operator."""
        values = tuple(_num(v) for v in ops)
        text = " ".join(f"{v:g}" for v in values)
        self.report("error", "RGB_COLOR", f"RGB colour {text} {operator}", key=(operator, values))
        return values

    def op_rg(self, ops: list[Any]) -> None:
        self.state.fill_kind, self.state.fill = RGB, self.rgb(ops, "rg")

    def op_RG(self, ops: list[Any]) -> None:
        self.state.stroke_kind, self.state.stroke = RGB, self.rgb(ops, "RG")

    def op_k(self, ops: list[Any]) -> None:
        self.state.fill_kind, self.state.fill = CMYK, tuple(_num(v) for v in ops)
        self.ink_of_colour(self.state.fill)

    def op_K(self, ops: list[Any]) -> None:
        self.state.stroke_kind, self.state.stroke = CMYK, tuple(_num(v) for v in ops)
        if self.state.stroke != REGISTRATION:  # stroked in all four inks: printer's marks, by convention
            self.ink_of_colour(self.state.stroke)

    def ink_of_colour(self, values: tuple[float, ...]) -> None:
        """A CMYK colour whose total ink is over the limit."""
        total = sum(values) * 100
        if total > self.ink_limit + 0.05:
            text = "/".join(f"{v * 100:.0f}" for v in values)
            self.report("error", "INK_LIMIT", f"CMYK colour {text} has {total:.0f} % ink, over {self.ink_limit:g} %",
                        key=("colour", values))

    def pattern(self, name: Any) -> None:
        """A pattern used as a colour: shading patterns are checked, tiling patterns scanned."""
        pattern = _resource(self.resources, "/Pattern", name)
        if pattern is None:
            return
        if int(_dict_get(pattern, "/PatternType") or 0) == 2:
            self.shading(_dict_get(pattern, "/Shading"), f"shading pattern {name}")
        elif isinstance(pattern, pikepdf.Stream):
            saved, self.state = self.state, dataclasses.replace(self.state)
            self.state.ctm = _mul(_matrix(_dict_get(pattern, "/Matrix") or IDENTITY), IDENTITY)
            self.scan(pattern, _dict_get(pattern, "/Resources") or self.resources, f"{self.where} > pattern {name}")
            self.state = saved

    def shading(self, shading: Any, what: str) -> None:
        """A shading's colour space."""
        if shading is not None:
            self.colour_space_finding(space_kind(_dict_get(shading, "/ColorSpace"), self.resources), what)

    def op_sh(self, ops: list[Any]) -> None:
        self.shading(_resource(self.resources, "/Shading", ops[0]), f"shading {ops[0]}")

    # -- text

    def op_BT(self, _: list[Any]) -> None:
        self.state.tm = IDENTITY

    def op_Tf(self, ops: list[Any]) -> None:
        self.state.font, self.state.font_size = str(ops[0]), _num(ops[1])

    def op_Tm(self, ops: list[Any]) -> None:
        self.state.tm = _matrix(ops)

    def op_Tr(self, ops: list[Any]) -> None:
        self.state.render_mode = int(ops[0])

    def op_text(self, _: list[Any]) -> None:
        """Text shown: its size as placed (font size × the vertical scale of Tm × CTM)."""
        if self.state.render_mode == 3:  # invisible
            return
        m = _mul(self.state.tm, self.state.ctm)
        size = abs(self.state.font_size) * math.hypot(m[2], m[3])
        if 0 < size < MIN_TEXT_PT - 0.005:
            font = _resource(self.resources, "/Font", self.state.font)
            base = _font_program(font)[0] if font is not None else "?"
            self.report("warning", "TEXT_TOO_SMALL",
                        f"text set at {size:.2f} pt in {base}, below {MIN_TEXT_PT:g} pt",
                        key=(self.state.font, round(size, 2)), where=f"{self.where}, {self.position(m[4], m[5])}")

    # -- paths

    def op_point(self, ops: list[Any]) -> None:
        """m / re: remember where the path starts (for the message)."""
        if self.path_start is None:
            self.path_start = _apply(self.state.ctm, _num(ops[0]), _num(ops[1]))

    def op_endpath(self, _: list[Any]) -> None:
        self.path_start = None

    def op_stroke(self, _: list[Any]) -> None:
        """A stroke: thin and in two or more inks is a misregistration risk."""
        width = self.state.line_width * _scale(self.state.ctm)
        inks = _inks(self.state.stroke_kind, self.state.stroke)
        if width < THIN_RULE_PT and inks > 1:
            colour = "/".join(f"{v * 100:.0f}" for v in self.state.stroke)
            where = self.where + (f", {self.position(*self.path_start)}" if self.path_start else "")
            self.report("warning", "THIN_RULE",
                        f"{width:.2f} pt line in {inks} inks ({self.state.stroke_kind} {colour}): "
                        f"misregistration risk below {THIN_RULE_PT:g} pt",
                        key=(round(width, 3), self.state.stroke), where=where)
        self.path_start = None

    # -- images and forms

    def op_Do(self, ops: list[Any]) -> None:
        """An XObject: an image is checked, a form is scanned with its matrix."""
        xobject = _resource(self.resources, "/XObject", ops[0])
        subtype = str(_dict_get(xobject, "/Subtype") or "")
        if subtype == "/Image":
            self.image(xobject, f"image {ops[0]}")
        elif subtype == "/Form":
            saved, self.state = self.state, dataclasses.replace(self.state)
            self.state.ctm = _mul(_matrix(_dict_get(xobject, "/Matrix") or IDENTITY), self.state.ctm)
            self.scan(xobject, _dict_get(xobject, "/Resources") or self.resources, f"{self.where} > form {ops[0]}")
            self.state = saved

    def image(self, xobject: Any, what: str) -> None:
        """An image XObject placed with the current matrix."""
        if bool(_dict_get(xobject, "/ImageMask")):
            return
        kind = space_kind(_dict_get(xobject, "/ColorSpace"), self.resources)
        bits = int(_dict_get(xobject, "/BitsPerComponent") or 8)
        size = (int(_dict_get(xobject, "/Width") or 0), int(_dict_get(xobject, "/Height") or 0))
        self.placed_image(what, kind, size, bits)
        if _dict_get(xobject, "/SMask") is not None:
            self.report("warning", "TRANSPARENCY", f"{what} has a soft mask (not PDF/X-1a)", key=("smask", what))
        if kind in (CMYK, ICC_CMYK):
            self.image_ink(xobject, what)

    def inline_image(self, iimage: Any) -> None:
        """An inline image (BI … ID … EI)."""
        if iimage.image_mask:
            return
        kind = space_kind(_dict_get(iimage.obj, "/ColorSpace"), self.resources)
        self.placed_image("inline image", kind, (int(iimage.width), int(iimage.height)),
                          int(iimage.bits_per_component or 8))

    def placed_image(self, what: str, kind: str, size: tuple[int, int], bits: int) -> None:
        """Colour space and effective resolution of an image at the current matrix."""
        m = self.state.ctm
        width, height = math.hypot(m[0], m[1]), math.hypot(m[2], m[3])
        where = f"{self.where}, {what} {_mm(width)}×{_mm(height)} mm {self.position(m[4], m[5] + m[3])}"
        severity = _colour_severity(kind)
        if severity == "error":
            self.report("error", "RGB_IMAGE", f"{what} is RGB ({size[0]}×{size[1]} px)", key=what, where=where)
        elif severity:
            self.report("warning", "COLOR_NOT_DEVICE", f"{what} is {kind} (not allowed in PDF/X-1a)",
                        key=what, where=where)
        if bits == 1 or width < 0.01 or height < 0.01 or min(size) <= 0:
            return  # line art and degenerate placements have no photo resolution
        ppi = min(size[0] / (width / 72), size[1] / (height / 72))
        if ppi < MIN_PPI_ERROR:
            self.report("error", "LOW_RESOLUTION", f"{what} at {ppi:.0f} ppi, below {MIN_PPI_ERROR:g} ppi",
                        key=(what, round(ppi)), where=where)
        elif ppi < MIN_PPI_WARNING:
            self.report("warning", "LOW_RESOLUTION", f"{what} at {ppi:.0f} ppi, below {MIN_PPI_WARNING:g} ppi",
                        key=(what, round(ppi)), where=where)

    def image_ink(self, xobject: Any, what: str) -> None:
        """Total ink of a CMYK image, decoded once per document and sampled."""
        key = xobject.objgen
        if key not in self.cache:
            self.cache[key] = _image_ink(xobject, self.ink_limit)
        result = self.cache[key]
        if result is None:
            self.report("info", "INK_UNCHECKED", f"{what}: cannot decode it to measure the ink", key=what)
        elif result[0] > self.ink_limit + 0.5:
            self.report("error", "INK_LIMIT", f"{what}: up to {result[0]:.0f} % ink, over {self.ink_limit:g} % "
                        f"on {result[1] * 100:.1f} % of its area", key=what)


def _image_ink(xobject: Any, limit: float) -> tuple[float, float] | None:
    """(max ink %, share of the area over ``limit``) of a CMYK image, or ``None`` if it cannot be decoded."""
    try:
        im = pikepdf.PdfImage(xobject).as_pil_image()
    except Exception:  # any decoder failure (JBIG2, JPX, broken data) means "unchecked"
        return None
    if im.mode != "CMYK":
        return None
    factor = math.ceil(math.sqrt(im.width * im.height / INK_SAMPLE_PIXELS))
    if factor > 1:
        im = im.reduce(factor)
    return max_ink(im), ink_over(im, limit)


# ---------------------------------------------------------------- pages, boxes, document


def _box(page: Any, key: str) -> tuple[float, float, float, float] | None:
    """A page box, normalised (x0 < x1, y0 < y1), or ``None``."""
    value = page.obj.get(key)
    if value is None and key == "/MediaBox":
        value = page.mediabox
    if value is None or len(value) != 4:
        return None
    x0, y0, x1, y1 = (_num(v) for v in value)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    """Whether box ``inner`` lies within ``outer`` (with ``BOX_TOLERANCE_PT``)."""
    t = BOX_TOLERANCE_PT
    return (inner[0] >= outer[0] - t and inner[1] >= outer[1] - t and inner[2] <= outer[2] + t
            and inner[3] <= outer[3] + t)


def _size(box: tuple[float, float, float, float]) -> str:
    """A box's size in mm."""
    return f"{_mm(box[2] - box[0])}×{_mm(box[3] - box[1])} mm"


def check_boxes(page: Any, page_no: int) -> list[Finding]:
    """MediaBox, TrimBox and BleedBox: present, of positive size, nested; sizes as info."""
    media, trim, bleed = _box(page, "/MediaBox"), _box(page, "/TrimBox"), _box(page, "/BleedBox")
    if media is None or media[2] - media[0] <= 0 or media[3] - media[1] <= 0:
        return [Finding("error", "BOX_INVALID", "the MediaBox is missing or empty", page_no)]
    out = []
    sizes = [f"MediaBox {_size(media)}"]
    if trim is None and _box(page, "/ArtBox") is None:
        out.append(Finding("warning", "BOX_MISSING", "no TrimBox: the trimmed page size is not stated "
                           "(PDF/X needs a TrimBox or ArtBox)", page_no))
    for name, box in (("TrimBox", trim), ("BleedBox", bleed)):
        if box is not None:
            sizes.append(f"{name} {_size(box)}")
            if box[2] - box[0] <= 0 or box[3] - box[1] <= 0:
                out.append(Finding("error", "BOX_INVALID", f"the {name} is empty", page_no))
    nesting = [("TrimBox", trim, "BleedBox", bleed), ("TrimBox", trim, "MediaBox", media),
               ("BleedBox", bleed, "MediaBox", media)]
    for inner_name, inner, outer_name, outer in nesting:
        if inner is not None and outer is not None and not _inside(inner, outer):
            out.append(Finding("error", "BOX_NESTING", f"the {inner_name} is not inside the {outer_name}", page_no))
    if trim is not None and bleed is not None:
        margin = min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3])
        sizes.append(f"bleed {_mm(margin)} mm")
    out.append(Finding("info", "PAGE_SIZE", "; ".join(sizes), page_no))
    return out


def _renderer_findings(summary: dict[str, Any] | None) -> list[Finding]:
    """Overset text and missing glyphs from the renderer's JSON summary."""
    if not summary:
        return []
    out = [Finding("error", "OVERSET", f"block {o.get('block', '?')}: {o.get('lines', '?')} lines "
                   f"({o.get('chars', '?')} characters) did not fit", o.get("page"), str(o.get("block", "")))
           for o in summary.get("overset") or []]
    missing = summary.get("missing_glyphs") or []
    if missing:
        out.append(Finding("error", "MISSING_GLYPH", f"{len(missing)} characters have no glyph: "
                           + ", ".join(str(m) for m in missing[:10])))
    return out


def _document_findings(pdf: pikepdf.Pdf, data: bytes | Path) -> list[Finding]:
    """PDF/X status: errors if the file claims PDF/X but lacks its entries, else a note."""
    info = pdf.trailer.get("/Info")
    version = _dict_get(info, "/GTS_PDFXVersion")
    if "/OutputIntents" not in pdf.Root and version is None:
        return [Finding("info", "PDFX_NONE", "no PDF/X output intent yet (run the PDF/X step before hand-off)")]
    problems = verify_pdfx(data)
    return [Finding("error", "PDFX_INVALID", p) for p in problems] or [
        Finding("info", "PDFX_OK", f"PDF/X entries present ({version or 'version in XMP'})")]


def _pages(pdf: pikepdf.Pdf, ink_limit: float) -> Iterator[Finding]:
    """Box and content findings, page by page."""
    cache: dict[tuple[int, int], Any] = {}
    for number, page in enumerate(pdf.pages, 1):
        yield from check_boxes(page, number)
        media = _box(page, "/MediaBox") or (0.0, 0.0, 0.0, 0.0)
        collector = _Collector()
        scanner = _PageScanner(number, media[3], ink_limit, collector, cache)
        scanner.scan(page, page.obj.get("/Resources"), "page")
        yield from collector.findings()


def preflight(pdf: bytes | Path | str, ink_limit: float = DEFAULT_INK_LIMIT,
              renderer_report: dict[str, Any] | None = None) -> PreflightReport:
    """Check a PDF (bytes or a path). ``renderer_report`` is the renderer's
    ``--summary`` JSON (its ``overset`` and ``missing_glyphs`` become errors).
    An unreadable or encrypted file gives a report with one error."""
    data = pdf if isinstance(pdf, bytes) else Path(pdf)
    source = "PDF bytes" if isinstance(pdf, bytes) else str(pdf)
    try:
        opened = pikepdf.open(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (pikepdf.PdfError, OSError) as exc:
        return PreflightReport(source, 0, ink_limit, [Finding("error", "PDF_UNREADABLE", f"cannot open: {exc}")])
    with opened as doc:
        report = PreflightReport(source, len(doc.pages), ink_limit)
        if doc.is_encrypted:
            report.findings.append(Finding("error", "ENCRYPTED", "the PDF is encrypted"))
        report.findings += list(_pages(doc, ink_limit))
        report.findings += _document_findings(doc, data)
    report.findings += _renderer_findings(renderer_report)
    order = {s: k for k, s in enumerate(SEVERITIES)}
    report.findings.sort(key=lambda f: (order[f.severity], f.page or 0))
    return report


# ---------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    """``python3 -m layout.preflight FILE.pdf``: print the report; 1 on errors, 0 otherwise, 2 if unreadable."""
    parser = argparse.ArgumentParser(prog="python3 -m layout.preflight", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("pdf", help="the PDF to check")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--ink-limit", type=float, default=DEFAULT_INK_LIMIT, help="total ink limit in %% (240)")
    parser.add_argument("--render-summary", metavar="FILE.json", help="the renderer's --summary file (overset)")
    args = parser.parse_args(argv)
    summary = None
    if args.render_summary:
        try:
            summary = json.loads(Path(args.render_summary).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"{args.render_summary}: cannot read the render summary ({exc})", file=sys.stderr)
            return 2
    report = preflight(Path(args.pdf), args.ink_limit, summary)
    print(json.dumps(report.to_json(), ensure_ascii=False, indent=1) if args.json else report.summary())
    if report.codes() & {"PDF_UNREADABLE"}:
        return 2
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
