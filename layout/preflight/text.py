"""Text for the preflight walker: the text state, where each string lands, and its checks.

In:  text operators (``BT``, ``Tf``, ``Tm``, ``Td``, ``TD``, ``T*``, ``TL``, ``Tc``,
     ``Tw``, ``Tz``, ``Ts``, ``Tr``, ``Tj``, ``TJ``, ``'``, ``"``).
Out: for every string shown, its box on the page (from the font's glyph widths:
     ``/Widths`` of simple fonts, ``/W`` and ``/DW`` of CID fonts, two-byte codes for
     Identity-H/V), then findings:

- ``TEXT_TOO_SMALL`` (warning): under ``MIN_TEXT_PT`` as placed;
- ``TEXT_MULTI_INK`` (warning): under ``MULTI_INK_TEXT_PT`` in two or more inks
  (rich black or a tint build): WAN-IFRA's newspaper advice is one ink below 10 pt,
  since register on a web press is not that fine;
- ``SAFE_AREA`` (error): text inside the page but closer than the house safe
  distance to the trim, or across it (cut off by the knife's tolerance);
- the paint checks of ``layout.preflight.paint`` (ink, registration, spot, overprint).
"""

from __future__ import annotations

from typing import Any

import pikepdf

from layout.preflight.paint import PaintOps
from layout.preflight.pdfobj import IDENTITY, MM_PER_PT, Matrix, apply, dict_get, inks, matrix, mul, num, resource
from layout.preflight.static import font_program

#: Text smaller than this (pt, as placed) breaks up on newsprint. Source: project brief.
MIN_TEXT_PT = 5.0
#: Text under this size (pt) should print in one ink (WAN-IFRA newspaper advice).
MULTI_INK_TEXT_PT = 10.0
_FILL_MODES, _STROKE_MODES = {0, 2, 4, 6}, {1, 2, 5, 6}


def _translate(tx: float, ty: float) -> Matrix:
    return (1.0, 0.0, 0.0, 1.0, tx, ty)


class FontWidths:
    """Glyph advance widths (1/1000 em) of one font dictionary, by character code."""

    def __init__(self, font: Any) -> None:
        self.two_byte = str(dict_get(font, "/Subtype") or "") == "/Type0"
        self.vertical = str(dict_get(font, "/Encoding") or "").endswith("-V")
        self.widths: dict[int, float] = {}
        self.default = 1000.0
        if self.two_byte:
            descendants = dict_get(font, "/DescendantFonts")
            cid = descendants[0] if descendants is not None and len(descendants) else None
            self.default = float(dict_get(cid, "/DW") or 1000)
            self._cid_widths(dict_get(cid, "/W"))
        else:
            first = int(dict_get(font, "/FirstChar") or 0)
            for k, w in enumerate(dict_get(font, "/Widths") or []):
                self.widths[first + k] = float(w)
            self.default = float(dict_get(dict_get(font, "/FontDescriptor"), "/MissingWidth") or 500)

    def _cid_widths(self, w: Any) -> None:
        """A CID font's /W array: ``c [w1 w2 …]`` and ``c_first c_last w`` entries."""
        items = list(w) if isinstance(w, pikepdf.Array) else []
        k = 0
        while k + 1 < len(items):
            start = int(items[k])
            if isinstance(items[k + 1], pikepdf.Array):
                for j, width in enumerate(items[k + 1]):
                    self.widths[start + j] = float(width)
                k += 2
            elif k + 2 < len(items):
                for code in range(start, min(int(items[k + 1]), start + 65536) + 1):
                    self.widths[code] = float(items[k + 2])
                k += 3
            else:
                break

    def codes(self, data: bytes) -> list[int]:
        """The character codes in a string."""
        if self.two_byte:
            return [int.from_bytes(data[k:k + 2], "big") for k in range(0, len(data) - 1, 2)]
        return list(data)

    def width(self, code: int) -> float:
        return 1000.0 if self.vertical else self.widths.get(code, self.default)


class TextOps(PaintOps):
    """Text state and shown strings."""

    def widths(self) -> FontWidths | None:
        """The widths of the current font, or ``None`` (a missing font is reported at Tf)."""
        font = resource(self.resources, "/Font", self.state.font)
        if font is None:
            return None
        key = ("widths", font.objgen if font.is_indirect else id(font))
        if key not in self.cache:
            self.cache[key] = FontWidths(font)
        return self.cache[key]

    def op_BT(self, _: list[Any]) -> None:
        self.state.tm = self.state.tlm = IDENTITY

    def op_Tf(self, ops: list[Any]) -> None:
        self.state.font, self.state.font_size = str(ops[0]), num(ops[1])
        if resource(self.resources, "/Font", ops[0]) is None:
            self.missing("font", ops[0])

    def op_Tm(self, ops: list[Any]) -> None:
        self.state.tm = self.state.tlm = matrix(ops)

    def op_Td(self, ops: list[Any]) -> None:
        self.state.tm = self.state.tlm = mul(_translate(num(ops[0]), num(ops[1])), self.state.tlm)

    def op_TD(self, ops: list[Any]) -> None:
        self.state.leading = -num(ops[1])
        self.op_Td(ops)

    def op_Tstar(self, _: list[Any]) -> None:
        self.op_Td([0.0, -self.state.leading])

    def op_TL(self, ops: list[Any]) -> None:
        self.state.leading = num(ops[0])

    def op_Tc(self, ops: list[Any]) -> None:
        self.state.char_spacing = num(ops[0])

    def op_Tw(self, ops: list[Any]) -> None:
        self.state.word_spacing = num(ops[0])

    def op_Tz(self, ops: list[Any]) -> None:
        self.state.h_scale = num(ops[0]) / 100

    def op_Ts(self, ops: list[Any]) -> None:
        self.state.rise = num(ops[0])

    def op_Tr(self, ops: list[Any]) -> None:
        self.state.render_mode = int(ops[0])

    def op_quote(self, ops: list[Any]) -> None:
        self.op_Tstar([])
        self.show([ops[-1]])

    def op_dquote(self, ops: list[Any]) -> None:
        self.state.word_spacing, self.state.char_spacing = num(ops[0]), num(ops[1])
        self.op_quote(ops[2:])

    def op_Tj(self, ops: list[Any]) -> None:
        self.show([ops[0]])

    def op_TJ(self, ops: list[Any]) -> None:
        self.show(list(ops[0]))

    def show(self, parts: list[Any]) -> None:
        """Strings and adjustments: advance the text matrix and check the text's box."""
        s = self.state
        widths = self.widths()
        start = s.tm
        advance = 0.0
        for part in parts:
            if not isinstance(part, (pikepdf.String, bytes)):
                advance -= num(part) / 1000 * s.font_size * s.h_scale
                continue
            data = bytes(part)
            codes = widths.codes(data) if widths else list(data)
            for code in codes:
                w = widths.width(code) if widths else 1000.0
                spacing = s.char_spacing + (s.word_spacing if code == 32 and not (widths and widths.two_byte) else 0)
                advance += (w / 1000 * s.font_size + spacing) * s.h_scale
        vertical = bool(widths and widths.vertical)
        s.tm = mul(_translate(0.0, -advance) if vertical else _translate(advance, 0.0), s.tm)
        if s.render_mode in (3, 7) or not parts:
            return
        self.check_text(start, advance, vertical)

    def check_text(self, start: Matrix, advance: float, vertical: bool) -> None:
        """Size, inks, safe area and paint checks of a string from ``start`` over ``advance``."""
        s = self.state
        m = mul(start, s.ctm)
        size = abs(s.font_size)
        if vertical:
            corners = [(-size / 2, 0.0), (size / 2, 0.0), (-size / 2, -advance), (size / 2, -advance)]
        else:
            corners = [(0.0, s.rise - 0.2 * size), (advance, s.rise - 0.2 * size), (0.0, s.rise + 0.9 * size),
                       (advance, s.rise + 0.9 * size)]
        points = [apply(m, x, y) for x, y in corners]
        area = (min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points),
                max(p[1] for p in points))
        placed = size * (abs(m[3]) if abs(m[1]) < 1e-9 else (m[2] ** 2 + m[3] ** 2) ** 0.5)
        where = f"{self.where}, text {self.position(m[4], m[5])}"
        font = resource(self.resources, "/Font", s.font)
        base = font_program(font)[0] if font is not None else "?"
        if 0 < placed < MIN_TEXT_PT - 0.005:
            self.report("warning", "TEXT_TOO_SMALL", f"text set at {placed:.2f} pt in {base}, below {MIN_TEXT_PT:g} pt",
                        key=(s.font, round(placed, 2)), where=where)
        if s.render_mode in _FILL_MODES:
            self.check_paint(False, area, "text")
        if s.render_mode in _STROKE_MODES:
            self.check_paint(True, area, "outlined text")
        plates = inks(s.fill_kind, s.fill)
        if 0 < placed < MULTI_INK_TEXT_PT and plates > 1 and self.inside_trim(*area):
            colour = "/".join(f"{v * 100:.0f}" for v in s.fill)
            self.report("warning", "TEXT_MULTI_INK", f"{placed:.1f} pt text in {plates} inks ({s.fill_kind} {colour}): "
                        f"below {MULTI_INK_TEXT_PT:g} pt text should print in one ink", key=(s.font, s.fill),
                        where=where)
        self.check_safe_area(area, where)

    def check_safe_area(self, area: tuple[float, float, float, float], where: str) -> None:
        """Text inside the trim must keep the house distance from its edges."""
        if self.ctx.safe_mm <= 0 or not self.inside_trim(*area):
            return
        t = self.ctx.trim
        gap = min(area[0] - t[0], area[1] - t[1], t[2] - area[2], t[3] - area[3])
        if gap < self.ctx.safe_mm / MM_PER_PT - 0.01:
            self.report("error", "SAFE_AREA", f"text {gap * MM_PER_PT:.1f} mm from the trim, closer than the "
                        f"{self.ctx.safe_mm:g} mm safe distance (the knife may cut it)",
                        key=("safe", round(area[0]), round(area[1])), where=where)
