"""The content-stream walker: graphics state, resources, forms and where things are.

In:  one page (its content streams, resources and boxes) and a ``PageContext``.
Out: findings in a ``Collector``. ``ScanBase`` parses a content stream (pikepdf),
     keeps the graphics state (CTM, line width, colours, text state, overprint)
     and dispatches operators to ``op_*`` methods that the mixins in
     ``layout.preflight.paint``, ``.text`` and ``.images`` define; missing resources
     and unreadable streams are errors. Positions are given in mm from the trim's
     top left (the MediaBox's without a TrimBox), with the block and photo file when
     the renderer's summary is known.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pikepdf

from layout.preflight.findings import Collector, Finding
from layout.preflight.locate import Locator
from layout.preflight.pdfobj import GRAY, IDENTITY, Matrix, dict_get, matrix, mm, mul, num, resource
from layout.preflight.static import check_font

#: Form XObjects nested deeper than this are not followed (a loop guard).
MAX_FORM_DEPTH = 12
#: Every content-stream operator of PDF 32000-1 (Annex A); anything else outside a
#: BX … EX compatibility section is a damaged stream.
OPERATORS = frozenset({
    'b', 'B', 'b*', 'B*', 'BDC', 'BI', 'BMC', 'BT', 'BX', 'c', 'cm', 'CS', 'cs', 'd', 'd0', 'd1', 'Do', 'DP', 'EI',
    'EMC', 'ET', 'EX', 'f', 'F', 'f*', 'G', 'g', 'gs', 'h', 'i', 'ID', 'j', 'J', 'K', 'k', 'l', 'm', 'M', 'MP', 'n',
    'q', 'Q', 're', 'RG', 'rg', 'ri', 's', 'S', 'SC', 'sc', 'SCN', 'scn', 'sh', 'T*', 'Tc', 'Td', 'TD', 'Tf', 'Tj',
    'TJ', 'TL', 'Tm', 'Tr', 'Ts', 'Tw', 'Tz', 'v', 'w', 'W', 'W*', 'y', "'", '"', 'INLINE IMAGE'
})
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class PageContext:
    """What the scanner needs to know about the page and the file."""

    index: int  # 0-based
    trim: Box  # TrimBox (or MediaBox), normalised, in pt
    ink_limit: float
    pdfx: bool  # the file claims PDF/X
    locator: Locator = field(default_factory=lambda: Locator(None))
    safe_mm: float = 0.0  # house distance of text from the trim (0: not checked)


@dataclass
class State:
    """The parts of the graphics state that preflight needs."""

    ctm: Matrix = IDENTITY
    line_width: float = 1.0
    fill_kind: str = GRAY
    stroke_kind: str = GRAY
    fill: tuple[float, ...] = (0.0,)
    stroke: tuple[float, ...] = (0.0,)
    fill_names: tuple[str, ...] = ()  # spot colorants of the fill space
    stroke_names: tuple[str, ...] = ()
    overprint_fill: bool = False
    overprint_stroke: bool = False
    font: str = ""
    font_size: float = 0.0
    render_mode: int = 0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    h_scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0
    tm: Matrix = IDENTITY
    tlm: Matrix = IDENTITY


class ScanBase:
    """Walks one page's content (and the forms it draws) with the graphics state."""

    def __init__(self, ctx: PageContext, out: Collector, cache: dict[Any, Any]) -> None:
        self.ctx, self.out, self.cache = ctx, out, cache
        self.page = ctx.index + 1
        self.state = State()
        self.stack: list[State] = []
        self.resources: Any = None
        self.where = "page"
        self.depth = 0  # forms and patterns entered
        self.seen_fonts: set[Any] = set()
        self.compat = 0  # BX … EX depth: unknown operators allowed
        self.ops: dict[str, Callable[[list[Any]], None]] = {}

    # -- reporting and places

    def report(self, severity: str, code: str, message: str, key: Any = None, where: str | None = None) -> None:
        """Add a finding on this page."""
        self.out.add(Finding(severity, code, message, self.page, where if where is not None else self.where), key)

    def trim_point(self, x: float, y: float) -> tuple[float, float]:
        """A page point (pt) in pt from the trim's top left."""
        return x - self.ctx.trim[0], self.ctx.trim[3] - y

    def position(self, x: float, y: float) -> str:
        """``at x 12.0 mm, y 30.5 mm from the trim's top left`` (and the block there, if known)."""
        tx, ty = self.trim_point(x, y)
        block = self.ctx.locator.name(self.ctx.index, tx, ty)
        return f"at x {mm(tx)} mm, y {mm(ty)} mm from the trim's top left" + (f", {block}" if block else "")

    def inside_trim(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        """Whether the page rectangle reaches inside the trim (a line of no width counts as 0.2 pt wide)."""
        t, pad = self.ctx.trim, 0.1
        return min(x1 + pad, t[2]) - max(x0 - pad, t[0]) > 0.05 and min(y1 + pad, t[3]) - max(y0 - pad, t[1]) > 0.05

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
        except (pikepdf.PdfError, ValueError, TypeError) as exc:
            self.report("error", "CONTENT_UNREADABLE", f"the content stream cannot be read ({exc})")
            instructions = []
        for instruction in instructions:
            self.step(instruction)
        self.resources, self.where = saved
        self.depth -= 1

    def step(self, instruction: Any) -> None:
        """Dispatch one instruction."""
        operator = instruction.operator.unparse().decode("latin-1")  # junk bytes are not UTF-8
        if operator == "BX":
            self.compat += 1
        elif operator == "EX":
            self.compat = max(0, self.compat - 1)
        elif operator not in OPERATORS and not self.compat:
            self.report("error", "CONTENT_MALFORMED", f"unknown operator {operator[:20]!r}: the content stream is "
                        "damaged", key=("unknown", operator[:20]))
        if operator == "INLINE IMAGE":
            self.inline_image(instruction.iimage)
        elif operator in self.ops:
            try:
                self.ops[operator](list(instruction.operands))
            except (IndexError, TypeError, ValueError, AttributeError, pikepdf.PdfError):
                self.report("error", "CONTENT_MALFORMED", f"operator {operator} with unexpected operands",
                            key=operator)

    def inline_image(self, iimage: Any) -> None:
        """An inline image (defined by the image mixin)."""

    def missing(self, kind: str, name: Any) -> None:
        """A content stream names a resource its resources do not have."""
        self.report("error", "RESOURCE_MISSING", f"the content uses {kind} {name}, which is not in its resources "
                    "(the RIP stops or leaves it out)", key=(kind, str(name)))

    def check_resources(self, resources: Any) -> None:
        """Fonts declared in a resource dictionary."""
        fonts = dict_get(resources, "/Font")
        if fonts is None:
            return
        for name, font in fonts.items():
            key = font.objgen if font.is_indirect else (name, id(resources))
            if key in self.seen_fonts:
                continue
            self.seen_fonts.add(key)
            for severity, code, message in check_font(font, name, self.cache):
                self.report(severity, code, message, key=("font", key))

    # -- graphics state

    def op_q(self, _: list[Any]) -> None:
        self.stack.append(dataclasses.replace(self.state))

    def op_Q(self, _: list[Any]) -> None:
        if self.stack:
            self.state = self.stack.pop()

    def op_cm(self, ops: list[Any]) -> None:
        self.state.ctm = mul(matrix(ops), self.state.ctm)

    def op_w(self, ops: list[Any]) -> None:
        self.state.line_width = num(ops[0])

    def op_gs(self, ops: list[Any]) -> None:
        """ExtGState: line width, overprint, and transparency (not allowed in PDF/X-1a)."""
        gs = resource(self.resources, "/ExtGState", ops[0])
        if gs is None:
            self.missing("graphics state", ops[0])
            return
        if dict_get(gs, "/LW") is not None:
            self.state.line_width = num(gs.LW)
        if dict_get(gs, "/OP") is not None:
            self.state.overprint_stroke = self.state.overprint_fill = bool(gs.OP)
        if dict_get(gs, "/op") is not None:
            self.state.overprint_fill = bool(gs.op)
        smask = dict_get(gs, "/SMask")
        blend = dict_get(gs, "/BM")
        alpha = [num(v) for v in (dict_get(gs, "/CA"), dict_get(gs, "/ca")) if v is not None]
        if (smask is not None and smask != pikepdf.Name("/None")) or any(a < 1 for a in alpha) or (
                blend is not None and str(blend) not in ("/Normal", "/Compatible")):
            self.report("warning", "TRANSPARENCY", f"graphics state {ops[0]} uses transparency (not PDF/X-1a)",
                        key=str(ops[0]))

    def form(self, xobject: Any, name: Any) -> None:
        """A Form XObject, scanned with its matrix and resources."""
        saved, self.state = self.state, dataclasses.replace(self.state)
        self.state.ctm = mul(matrix(dict_get(xobject, "/Matrix") or IDENTITY), self.state.ctm)
        if dict_get(xobject, "/Group") is not None:
            self.report("warning", "TRANSPARENCY", f"form {name} is a transparency group (not PDF/X-1a)",
                        key=("group", str(name)))
        self.scan(xobject, dict_get(xobject, "/Resources") or self.resources, f"{self.where} > form {name}")
        self.state = saved
