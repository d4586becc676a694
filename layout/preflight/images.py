"""Images and forms for the preflight walker.

In:  ``Do`` of an image or form XObject, inline images.
Out: findings: RGB images (error), device-independent ones (warning), effective
     resolution at the placement (``LOW_RESOLUTION``: warning under
     ``MIN_PPI_WARNING``, error under ``MIN_PPI_ERROR``), soft masks (transparency),
     and the total ink of CMYK images measured on **every decoded pixel** (in strips,
     so memory stays bounded): ``INK_LIMIT`` when any pixel is over the limit. The
     place is given in mm and, with the render summary, as the block and photo file.
"""

from __future__ import annotations

import math
from typing import Any

import pikepdf

from layout.photo.prepare import total_ink
from layout.preflight.pdfobj import CMYK, ICC_CMYK, colour_severity, dict_get, mm, resource, space_kind
from layout.preflight.text import TextOps

#: Effective image resolution (ppi) below which a warning is given: 2 × a 100 lpi
#: newspaper screen (the usual quality factor 1.5–2 × lpi). Source: project brief.
MIN_PPI_WARNING = 200.0
#: Below this an image is an error: 1.5 × 100 lpi, where halftone dots show pixels. Source: project brief.
MIN_PPI_ERROR = 150.0
#: Pixels measured at a time when reading an image's ink (bounds the memory used).
INK_STRIP_PIXELS = 1_000_000


def image_ink(xobject: Any, limit: float) -> tuple[float, float] | str | None:
    """(max ink %, share of the pixels over ``limit``) of a CMYK image over all its
    decoded pixels; ``None`` if it is not CMYK or its kind cannot be decoded here (JBIG2,
    JPX); the decoder's complaint as text when its data is damaged (truncated, corrupt)."""
    try:
        im = pikepdf.PdfImage(xobject).as_pil_image()
        im.load()  # Pillow decodes lazily: damage shows only when every pixel is read
    except (pikepdf.UnsupportedImageTypeError, NotImplementedError):
        return None
    except Exception as exc:  # any decoder's failure on the data itself
        return f"{exc.__class__.__name__}: {str(exc)[:160]}"
    if im.mode != "CMYK":
        return None
    rows = max(1, INK_STRIP_PIXELS // max(im.width, 1))
    peak, over = 0, 0
    threshold = math.floor(limit / 100 * 255 + 1e-9)  # a pixel is over when its sum exceeds this
    for top in range(0, im.height, rows):
        ink = total_ink(im.crop((0, top, im.width, min(im.height, top + rows))))
        peak = max(peak, int(ink.getextrema()[1]))  # type: ignore[arg-type]
        shifted = ink.point(lambda v: v - threshold).convert("L")  # ≤ threshold clips to 0
        over += ink.width * ink.height - shifted.histogram()[0]
    return round(peak / 255 * 100, 1), over / max(1, im.width * im.height)


class ImageOps(TextOps):
    """Image and form XObjects."""

    def op_Do(self, ops: list[Any]) -> None:
        """An XObject: an image is checked, a form is scanned with its matrix."""
        xobject = resource(self.resources, "/XObject", ops[0])
        if xobject is None:
            self.missing("image or form", ops[0])
            return
        subtype = str(dict_get(xobject, "/Subtype") or "")
        if subtype == "/Image":
            self.image(xobject, f"image {ops[0]}")
        elif subtype == "/Form":
            self.form(xobject, ops[0])

    def placement(self, what: str) -> str:
        """Where an image drawn at the current matrix is: size, position, block and photo file."""
        m = self.state.ctm
        width, height = math.hypot(m[0], m[1]), math.hypot(m[2], m[3])
        x0, y1 = m[4], m[5] + m[3]
        tx, ty = self.trim_point(x0, y1)
        block = self.ctx.locator.name_area(self.ctx.index, (tx, ty, width, height))
        place = f"at x {mm(tx)} mm, y {mm(ty)} mm from the trim's top left"
        return f"{self.where}, {what} {mm(width)}×{mm(height)} mm {place}" + (f", {block}" if block else "")

    def image(self, xobject: Any, what: str) -> None:
        """An image XObject placed with the current matrix."""
        if bool(dict_get(xobject, "/ImageMask")):
            return
        kind = space_kind(dict_get(xobject, "/ColorSpace"), self.resources)
        bits = int(dict_get(xobject, "/BitsPerComponent") or 8)
        size = (int(dict_get(xobject, "/Width") or 0), int(dict_get(xobject, "/Height") or 0))
        where = self.placement(what)
        self.placed_image(what, kind, size, bits, where)
        if dict_get(xobject, "/SMask") is not None:
            self.report("warning", "TRANSPARENCY", f"{what} has a soft mask (not PDF/X-1a)", key=("smask", what),
                        where=where)
        self.ink(xobject, what, where, kind in (CMYK, ICC_CMYK))

    def inline_image(self, iimage: Any) -> None:
        """An inline image (BI … ID … EI)."""
        if iimage.image_mask:
            return
        kind = space_kind(dict_get(iimage.obj, "/ColorSpace"), self.resources)
        self.placed_image("inline image", kind, (int(iimage.width), int(iimage.height)),
                          int(iimage.bits_per_component or 8), self.placement("inline image"))

    def placed_image(self, what: str, kind: str, size: tuple[int, int], bits: int, where: str) -> None:
        """Colour space and effective resolution of an image at the current matrix."""
        m = self.state.ctm
        width, height = math.hypot(m[0], m[1]), math.hypot(m[2], m[3])
        severity = colour_severity(kind)
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

    def ink(self, xobject: Any, what: str, where: str, cmyk: bool) -> None:
        """Every image decoded once per document (damaged data is an error naming its object);
        the total ink of a CMYK one, every pixel measured."""
        key = xobject.objgen
        if key not in self.cache:
            self.cache[key] = image_ink(xobject, self.ctx.ink_limit)
        result = self.cache[key]
        if isinstance(result, str):
            self.report("error", "IMAGE_DAMAGED", f"{what} (object {key[0]} {key[1]} R): its data is damaged and "
                        f"cannot be decoded ({result}); the RIP may stop or print garbage", key=what, where=where)
        elif not cmyk:
            return
        elif result is None:
            self.report("info", "INK_UNCHECKED", f"{what}: cannot decode it to measure the ink", key=what, where=where)
        elif result[0] > self.ctx.ink_limit:
            self.report("error", "INK_LIMIT", f"{what}: up to {result[0]:.1f} % ink, over {self.ctx.ink_limit:g} % "
                        f"on {result[1] * 100:.2f} % of its pixels", key=what, where=where)
