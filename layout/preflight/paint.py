"""Colours and paths for the preflight walker: what is painted, in which inks, where.

In:  colour and path operators (``k``, ``cs``, ``scn``, ``m``, ``re``, ``S``, ``f``, …).
Out: findings for every painted object, checked against the trim:

- total ink of a colour over the limit (``INK_LIMIT``);
- registration colour (all four inks at 100 %, or the /All separation) inside the
  trim (``REGISTRATION_IN_TRIM``, an error: it belongs only to marks outside it);
- spot colours (``SPOT_COLOR``: a newspaper prints four process plates);
- 0 pt and near-0 hairlines (``HAIRLINE``, an error: the thinnest line a 2400 dpi
  setter can draw vanishes on newsprint) and rules in two or more inks thinner than
  ``MULTI_INK_RULE_PT`` (``THIN_RULE``, a warning: WAN-IFRA asks for 1.5 pt so that
  misregistration on a web press does not show);
- overprint: white set to overprint disappears (``OVERPRINT_WHITE``, an error);
  other overprint is noted (``OVERPRINT``, a warning) except 100 % black, which
  newspapers overprint on purpose.
"""

from __future__ import annotations

from typing import Any

import pikepdf

from layout.preflight.pdfobj import (
    CMYK,
    COMPONENTS,
    GRAY,
    INITIAL_COLOUR,
    PROCESS_NAMES,
    RGB,
    SPOT,
    apply,
    colour_severity,
    dict_get,
    inks,
    is_white,
    matrix,
    num,
    resource,
    scale,
    space_kind,
    spot_names,
)
from layout.preflight.walk import ScanBase

#: Rules in two or more inks thinner than this (pt) risk visible misregistration
#: (WAN-IFRA newspaper advice: multi-colour lines at least 1.5 pt).
MULTI_INK_RULE_PT = 1.5
#: Lines thinner than this (pt, as placed; 0 included) do not print reliably on newsprint.
HAIRLINE_PT = 0.1
Area = tuple[float, float, float, float]  # x0, y0, x1, y1 on the page, pt


class PaintOps(ScanBase):
    """Colour operators, paths and painting."""

    path: list[tuple[float, float]]

    # -- colour

    def set_space(self, ops: list[Any], stroke: bool) -> None:
        """cs / CS: the colour space for fill or stroke."""
        kind = space_kind(ops[0], self.resources)
        if kind == "unknown" and isinstance(ops[0], pikepdf.Name) and str(ops[0]) not in ("/Indexed",):
            self.missing("colour space", ops[0])
        self.colour_space_finding(kind, f"{'stroke' if stroke else 'fill'} colour space {ops[0]}")
        initial = INITIAL_COLOUR.get(kind, (0.0,) * max(COMPONENTS.get(kind, 1), 1))
        names = tuple(spot_names(ops[0], self.resources))
        if stroke:
            self.state.stroke_kind, self.state.stroke, self.state.stroke_names = kind, initial, names
        else:
            self.state.fill_kind, self.state.fill, self.state.fill_names = kind, initial, names

    def op_cs(self, ops: list[Any]) -> None:
        self.set_space(ops, False)

    def op_CS(self, ops: list[Any]) -> None:
        self.set_space(ops, True)

    def colour_space_finding(self, kind: str, what: str) -> None:
        """Report an RGB or device-independent colour space."""
        severity = colour_severity(kind)
        if severity == "error":
            self.report("error", "RGB_COLOR", f"{what} is RGB", key=what)
        elif severity:
            self.report("warning", "COLOR_NOT_DEVICE", f"{what} is {kind} (not allowed in PDF/X-1a)", key=what)

    def set_values(self, ops: list[Any], stroke: bool) -> None:
        """sc / scn / SC / SCN: colour values, or a pattern name."""
        if ops and isinstance(ops[-1], pikepdf.Name):
            self.pattern(ops[-1])
            ops = ops[:-1]
        values = tuple(num(v) for v in ops)
        if stroke:
            self.state.stroke = values
        else:
            self.state.fill = values

    def op_sc(self, ops: list[Any]) -> None:
        self.set_values(ops, False)

    def op_SC(self, ops: list[Any]) -> None:
        self.set_values(ops, True)

    def op_g(self, ops: list[Any]) -> None:
        self.state.fill_kind, self.state.fill, self.state.fill_names = GRAY, (num(ops[0]),), ()

    def op_G(self, ops: list[Any]) -> None:
        self.state.stroke_kind, self.state.stroke, self.state.stroke_names = GRAY, (num(ops[0]),), ()

    def rgb(self, ops: list[Any], operator: str) -> tuple[float, ...]:
        """Report an RGB colour operator."""
        values = tuple(num(v) for v in ops)
        text = " ".join(f"{v:g}" for v in values)
        self.report("error", "RGB_COLOR", f"RGB colour {text} {operator}", key=(operator, values))
        return values

    def op_rg(self, ops: list[Any]) -> None:
        self.state.fill_kind, self.state.fill, self.state.fill_names = RGB, self.rgb(ops, "rg"), ()

    def op_RG(self, ops: list[Any]) -> None:
        self.state.stroke_kind, self.state.stroke, self.state.stroke_names = RGB, self.rgb(ops, "RG"), ()

    def op_k(self, ops: list[Any]) -> None:
        self.state.fill_kind, self.state.fill, self.state.fill_names = CMYK, tuple(num(v) for v in ops), ()

    def op_K(self, ops: list[Any]) -> None:
        self.state.stroke_kind, self.state.stroke, self.state.stroke_names = CMYK, tuple(num(v) for v in ops), ()

    def pattern(self, name: Any) -> None:
        """A pattern used as a colour: shading patterns are checked, tiling patterns scanned."""
        pattern = resource(self.resources, "/Pattern", name)
        if pattern is None:
            self.missing("pattern", name)
            return
        if int(dict_get(pattern, "/PatternType") or 0) == 2:
            self.shading(dict_get(pattern, "/Shading"), f"shading pattern {name}")
        elif isinstance(pattern, pikepdf.Stream):
            saved = self.state
            self.state = type(saved)(**vars(saved))
            self.state.ctm = matrix(dict_get(pattern, "/Matrix") or (1, 0, 0, 1, 0, 0))
            self.scan(pattern, dict_get(pattern, "/Resources") or self.resources, f"{self.where} > pattern {name}")
            self.state = saved

    def shading(self, shading: Any, what: str) -> None:
        """A shading's colour space."""
        if shading is not None:
            self.colour_space_finding(space_kind(dict_get(shading, "/ColorSpace"), self.resources), what)

    def op_sh(self, ops: list[Any]) -> None:
        found = resource(self.resources, "/Shading", ops[0])
        if found is None:
            self.missing("shading", ops[0])
        self.shading(found, f"shading {ops[0]}")

    # -- what is painted

    def check_paint(self, stroke: bool, area: Area, what: str) -> None:
        """Ink, registration, spot and overprint checks of one painted object covering ``area``."""
        kind = self.state.stroke_kind if stroke else self.state.fill_kind
        values = self.state.stroke if stroke else self.state.fill
        names = self.state.stroke_names if stroke else self.state.fill_names
        inside = self.inside_trim(*area)
        where = f"{self.where}, {what} {self.position(area[0], area[3])}"
        registration = (kind == CMYK and len(values) == 4 and all(v >= 0.99 for v in values)) or (
            "/All" in names and any(v > 0.5 for v in values))
        if registration:
            if inside:
                self.report("error", "REGISTRATION_IN_TRIM", f"{what} in registration colour (all inks at 100 %) "
                            "inside the trim: it belongs only to printer's marks", key=("reg", what), where=where)
            return
        if kind == CMYK and len(values) == 4 and sum(values) * 100 > self.ctx.ink_limit + 0.05:
            text = "/".join(f"{v * 100:.0f}" for v in values)
            self.report("error", "INK_LIMIT", f"CMYK colour {text} has {sum(values) * 100:.0f} % ink, over "
                        f"{self.ctx.ink_limit:g} %", key=("colour", values), where=where)
        if kind == SPOT:
            spots = [n for n in names if n not in PROCESS_NAMES and n not in ("/All", "/None")]
            if spots:
                self.report("warning", "SPOT_COLOR", f"{what} in spot colour {', '.join(n.lstrip('/') for n in spots)}"
                            ": a newspaper prints four process plates only", key=("spot", tuple(spots)), where=where)
        overprint = self.state.overprint_stroke if stroke else self.state.overprint_fill
        if overprint and inside:
            if is_white(kind, values):
                self.report("error", "OVERPRINT_WHITE", f"white {what} set to overprint: it will vanish on the "
                            "plates", key=("opw", what), where=where)
            elif not (kind == CMYK and values[:3] == (0.0, 0.0, 0.0) and values[3] >= 0.99):
                self.report("warning", "OVERPRINT", f"{what} overprints (the colours under it show through)",
                            key=("op", what), where=where)

    # -- paths

    def add_points(self, *points: tuple[float, float]) -> None:
        """Path points, in page space."""
        self.path.extend(apply(self.state.ctm, x, y) for x, y in points)

    def op_m(self, ops: list[Any]) -> None:
        self.add_points((num(ops[0]), num(ops[1])))

    def op_c(self, ops: list[Any]) -> None:
        values = [num(v) for v in ops]
        self.add_points(*zip(values[0::2], values[1::2], strict=False))

    def op_re(self, ops: list[Any]) -> None:
        x, y, w, h = (num(v) for v in ops[:4])
        self.add_points((x, y), (x + w, y), (x, y + h), (x + w, y + h))

    def path_area(self) -> Area | None:
        """The bounding box of the current path, or ``None`` for an empty path."""
        if not self.path:
            return None
        xs, ys = [p[0] for p in self.path], [p[1] for p in self.path]
        return (min(xs), min(ys), max(xs), max(ys))

    def op_fill(self, _: list[Any]) -> None:
        area = self.path_area()
        if area is not None:
            self.check_paint(False, area, "fill")
        self.path = []

    def op_endpath(self, _: list[Any]) -> None:
        self.path = []

    def op_stroke_fill(self, ops: list[Any]) -> None:
        area = self.path_area()
        if area is not None:
            self.check_paint(False, area, "fill")
        self.op_stroke(ops)

    def op_stroke(self, _: list[Any]) -> None:
        """A stroke: hairlines, thin rules in several inks, and the paint checks."""
        area = self.path_area()
        self.path = []
        if area is None:
            return
        width = self.state.line_width * scale(self.state.ctm)
        half = width / 2
        self.check_paint(True, (area[0] - half, area[1] - half, area[2] + half, area[3] + half), "line")
        if not self.inside_trim(area[0] - half, area[1] - half, area[2] + half, area[3] + half):
            return  # printer's marks and the slug, outside the trim
        where = f"{self.where}, line {self.position(area[0], area[3])}"
        plates = inks(self.state.stroke_kind, self.state.stroke)
        if width < HAIRLINE_PT and plates:
            self.report("error", "HAIRLINE", f"{width:.2f} pt line: too thin to print on newsprint "
                        f"(at least {HAIRLINE_PT:g} pt)", key=("hair", round(width, 3)), where=where)
        elif width < MULTI_INK_RULE_PT - 0.005 and plates > 1:
            colour = "/".join(f"{v * 100:.0f}" for v in self.state.stroke)
            self.report("warning", "THIN_RULE", f"{width:.2f} pt line in {plates} inks ({self.state.stroke_kind} "
                        f"{colour}): misregistration shows below {MULTI_INK_RULE_PT:g} pt",
                        key=(round(width, 3), self.state.stroke), where=where)
