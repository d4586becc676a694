"""The page scanner: the content-stream walker with every operator wired to its check.

In:  a page, its ``PageContext`` and a cache shared by the pages of one document.
Out: the page's findings (``scan_page``).
"""

from __future__ import annotations

from typing import Any

from layout.preflight.findings import Collector, Finding
from layout.preflight.images import ImageOps
from layout.preflight.walk import PageContext


class PageScanner(ImageOps):
    """Graphics state, colour, paths, text and images of one page."""

    def __init__(self, ctx: PageContext, out: Collector, cache: dict[Any, Any]) -> None:
        super().__init__(ctx, out, cache)
        self.path = []
        self.ops = {
            "q": self.op_q, "Q": self.op_Q, "cm": self.op_cm, "w": self.op_w, "gs": self.op_gs,
            "cs": self.op_cs, "CS": self.op_CS, "sc": self.op_sc, "scn": self.op_sc, "SC": self.op_SC,
            "SCN": self.op_SC, "g": self.op_g, "G": self.op_G, "rg": self.op_rg, "RG": self.op_RG,
            "k": self.op_k, "K": self.op_K,
            "BT": self.op_BT, "Tf": self.op_Tf, "Tm": self.op_Tm, "Td": self.op_Td, "TD": self.op_TD,
            "T*": self.op_Tstar, "TL": self.op_TL, "Tc": self.op_Tc, "Tw": self.op_Tw, "Tz": self.op_Tz,
            "Ts": self.op_Ts, "Tr": self.op_Tr, "Tj": self.op_Tj, "TJ": self.op_TJ, "'": self.op_quote,
            '"': self.op_dquote,
            "m": self.op_m, "l": self.op_m, "c": self.op_c, "v": self.op_c, "y": self.op_c, "re": self.op_re,
            "S": self.op_stroke, "s": self.op_stroke, "B": self.op_stroke_fill, "B*": self.op_stroke_fill,
            "b": self.op_stroke_fill, "b*": self.op_stroke_fill, "f": self.op_fill, "F": self.op_fill,
            "f*": self.op_fill, "n": self.op_endpath, "sh": self.op_sh, "Do": self.op_Do,
        }


def scan_page(page: Any, ctx: PageContext, cache: dict[Any, Any]) -> list[Finding]:
    """The content findings of one page."""
    collector = Collector()
    PageScanner(ctx, collector, cache).scan(page, page.obj.get("/Resources"), "page")
    return collector.findings()
