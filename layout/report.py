"""What layout reports besides the frame: overset text, missing glyphs, copy changes.

In:  filled in by the flow stages.
Out: ``BlockReport`` per block and ``RenderReport`` for the issue, printed by the
     CLI and written as JSON with ``--summary``; the articles' copy-fit alone with
     ``--report``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

#: Empty body lines from which a column is short (a hole at its foot), and, on
#: average per column, from which an article is underset. The one measure of fit:
#: the render line, ``--report``, the overlays, the contact sheet and the serve
#: page all read ``BlockReport.copy_fit``.
UNDERSET_LINES = 2


@dataclass
class ColumnFit:
    """One body column of an article as laid out: where its text ends and how many of its
    lines are empty (lines a wrapped photo takes and the headline's air do not count). pt."""

    x: float
    width: float
    foot: float  # top of the first grid line below the column's last text line
    bottom: float  # the article's bottom
    empty: int  # empty body lines in the column
    hole: int = 0  # the most empty lines in one run above text or a wrapped block (not at the foot)


@dataclass
class ArticleFit:
    """How an article's body sits in its columns: the record an article's report carries."""

    columns: int = 0  # body columns
    lines_set: int = 0  # body lines on the page (cross-heads count their lines)
    line_chars: int = 0  # characters of body size one body line holds
    column_fit: list[ColumnFit] = field(default_factory=list)  # the body columns, left to right
    stranded: list[str] = field(default_factory=list)  # paragraph lines left alone at a column's head or foot


@dataclass(frozen=True)
class PhotoReport:
    """An image as placed (a photo, or a masthead's logo): the record its block's report carries."""

    file: str  # the image's file name
    ppi: float  # effective resolution as placed
    ink: tuple[float, float]  # max ink %: before the limit, and measured as embedded
    plates: str  # the plates it prints on: CMYK, or K for a greyscale photo


@dataclass
class BlockReport:
    """What every block reports (where it is, lines it holds and sets, what did not fit,
    characters no font has), with a record of its kind: an article's ``fit``, an image's ``photo``."""

    page: int
    block: str
    lines_available: int = 0
    lines_used: int = 0
    chars_set: int = 0
    overset_lines: int = 0
    overset_chars: int = 0
    overset_text: str = ""
    overset_notes: list[str] = field(default_factory=list)  # what did not fit that is no copy (a picture, a logo)
    missing_glyphs: list[str] = field(default_factory=list)
    missing_lines: dict[str, str] = field(default_factory=dict)  # each missing glyph: the first line that shows it
    forced_breaks: int = 0
    rect: tuple[float, float, float, float] | None = None  # the block's x, y, w, h in pt from the trim's top left
    kind: str = ""  # article, photo, banner, masthead, furniture
    fit: ArticleFit | None = None  # an article's body columns
    photo: PhotoReport | None = None  # a photo's or logo's image
    display_fit: list[dict[str, Any]] = field(default_factory=list)  # heads fitted (长体, size steps, lines)

    def to_json(self) -> dict[str, Any]:
        """The block as one flat JSON mapping (``--summary``'s ``blocks``): the common fields
        with the article and image records' fields under their long-standing names."""
        fit, photo = self.fit or ArticleFit(), self.photo
        return {"page": self.page, "block": self.block, "lines_available": self.lines_available,
                "lines_used": self.lines_used, "chars_set": self.chars_set, "overset_lines": self.overset_lines,
                "overset_chars": self.overset_chars, "overset_text": self.overset_text,
                "overset_notes": list(self.overset_notes),
                "missing_glyphs": list(self.missing_glyphs), "forced_breaks": self.forced_breaks,
                "image_ppi": photo.ppi if photo else None, "image_ink": photo.ink if photo else None,
                "image_file": photo.file if photo else "", "image_inks": photo.plates if photo else "",
                "rect": self.rect, "kind": self.kind, "columns": fit.columns, "lines_set": fit.lines_set,
                "line_chars": fit.line_chars, "column_fit": [asdict(c) for c in fit.column_fit],
                "display_fit": list(self.display_fit)}

    def add_missing(self, chars: tuple[str, ...] | list[str]) -> None:
        """Record characters no font has (each once, in the order first met)."""
        self.missing_glyphs.extend(ch for ch in chars if ch not in self.missing_glyphs)

    def add_overset_note(self, lines: int, note: str) -> None:
        """Record ``lines`` lines of what is no copy that did not fit, and why (``note``: "no room for
        the picture above its caption"), apart from the copy's text that the warning quotes."""
        self.overset_lines += lines
        self.overset_notes.append(note)

    def add_overset(self, lines: int, text: str, chars: int | None = None) -> None:
        """Record copy that was not placed: ``lines`` lines of ``text``, ``chars`` characters
        (default: the text's characters less spaces and line breaks). Each call's text is a piece of its
        own (a headline, the body, a table, a note): it starts a line of ``overset_text``."""
        self.overset_lines += lines
        self.overset_chars += len(text) - text.count(" ") - text.count("\n") if chars is None else chars
        self.overset_text += "\n" + text if self.overset_text and text else text

    @property
    def underset_lines(self) -> int:
        """Body lines left empty, summed over the columns (0 when the article is overset)."""
        if self.overset_lines or self.kind != "article":
            return 0
        fit = self.fit or ArticleFit()
        if fit.column_fit:
            return sum(c.empty for c in fit.column_fit)
        return max(0, self.lines_available - fit.lines_set)

    @property
    def short_columns(self) -> list[int]:
        """Body columns (1-based) with ``UNDERSET_LINES`` or more empty lines, at the foot or in a
        hole anywhere in the column (above text or a wrapped block): holes on the page."""
        if self.overset_lines or self.fit is None:
            return []
        return [n for n, c in enumerate(self.fit.column_fit, 1)
                if c.empty >= UNDERSET_LINES or c.hole >= UNDERSET_LINES]

    @property
    def underset_chars(self) -> int:
        """About how many characters of body copy the empty slots would still take."""
        return self.underset_lines * (self.fit.line_chars if self.fit else 0)

    def copy_fit(self) -> dict[str, Any]:
        """An article's copy-fit: capacity, what is set, and how much to cut or add.

        ``verdict`` is ``overset`` when copy did not fit; ``underset`` when on average
        ``UNDERSET_LINES`` or more lines per body column are empty; ``short`` when the
        average is less but one or more columns end ``UNDERSET_LINES`` or more lines
        short (holes the desk fills or closes); else ``fits`` (a column one line short
        is what balancing leaves). ``column_empty`` is each column's empty lines, ``column_holes``
        the most of them in one run above text or a wrapped block (a hole in mid-column), ``stranded``
        the text of each paragraph line left alone at a column's head or foot (widow, orphan)."""
        fit = self.fit or ArticleFit()
        empty_enough = self.underset_lines >= UNDERSET_LINES * max(1, fit.columns)
        verdict = ("overset" if self.overset_lines else "underset" if empty_enough
                   else "short" if self.short_columns else "fits")
        return {"page": self.page, "block": self.block, "verdict": verdict, "columns": fit.columns,
                "chars_per_line": fit.line_chars, "lines_available": self.lines_available,
                "lines_set": fit.lines_set, "overset_lines": self.overset_lines,
                "overset_chars": self.overset_chars, "underset_lines": self.underset_lines,
                "underset_chars": self.underset_chars,
                "column_empty": [0 if self.overset_lines else c.empty for c in fit.column_fit],
                "short_columns": self.short_columns, "stranded": list(fit.stranded),
                "column_holes": [0 if self.overset_lines else c.hole for c in fit.column_fit],
                "display_fit": list(self.display_fit)}


@dataclass
class RenderReport:
    """The whole issue's report."""

    pages: int = 0
    blocks: list[BlockReport] = field(default_factory=list)
    changes: Counter[str] = field(default_factory=Counter)
    press: dict[str, Any] = field(default_factory=dict)  # output condition, profile, ink limit

    @property
    def chars_set(self) -> int:
        """Glyphs placed on the pages."""
        return sum(b.chars_set for b in self.blocks)

    @property
    def overset(self) -> list[BlockReport]:
        """Blocks with text that did not fit."""
        return [b for b in self.blocks if b.overset_lines]

    @property
    def missing(self) -> list[str]:
        """Characters that no installed font could draw."""
        return sorted({ch for b in self.blocks for ch in b.missing_glyphs})

    def copy_fit(self) -> list[dict[str, Any]]:
        """The copy-fit of every article, in page order (``--report``)."""
        return [b.copy_fit() for b in self.blocks if b.kind == "article"]

    def fit(self, page: int, block: str) -> dict[str, Any] | None:
        """The copy-fit of one article (``None`` if there is no such article)."""
        return next((b.copy_fit() for b in self.blocks if b.kind == "article" and b.page == page
                     and b.block == block), None)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (sorted, stable)."""
        return {
            "pages": self.pages,
            "chars_set": self.chars_set,
            "overset": [{"page": b.page, "block": b.block, "lines": b.overset_lines, "chars": b.overset_chars}
                        for b in self.overset],
            "missing_glyphs": [f"{c} U+{ord(c):04X}" for c in self.missing],
            "copy_changes": dict(sorted(self.changes.items())),
            "copy_fit": self.copy_fit(),
            "blocks": [b.to_json() for b in self.blocks],
            "print": self.press,
            "photos": [{"page": b.page, "block": b.block, "file": b.photo.file, "ppi": b.photo.ppi,
                        "ink_before": b.photo.ink[0], "ink_measured": b.photo.ink[1], "inks": b.photo.plates}
                       for b in self.blocks if b.photo and b.photo.file],
        }


def fit_text(fit: dict[str, Any]) -> str:
    """An article's copy-fit in words, for the render line, the overlays' findings and the serve page:
    ``lead: overset 12 lines, cut about 150 characters``; ``lead-2c: underset, 16 lines empty
    (columns 1, 2 end 8, 8 lines short), room for about 192 more characters``; ``fits``.

    >>> fit_text({"block": "a", "verdict": "short", "underset_lines": 5, "underset_chars": 60,
    ...           "column_empty": [0, 1, 4], "short_columns": [3]})
    'a: short column, 5 lines empty (column 3 ends 4 lines short), room for about 60 more characters'
    """
    where = f"{fit['block']}: "
    if fit["verdict"] == "overset":
        return where + f"overset {fit['overset_lines']} lines, cut about {fit['overset_chars']} characters"
    if fit["verdict"] == "fits":
        return where + "fits"
    short = fit["short_columns"]
    kind = "underset" if fit["verdict"] == "underset" else "short column" if len(short) == 1 else "short columns"
    holes = ""
    if short:
        lines = ", ".join(str(fit["column_empty"][n - 1]) for n in short)
        columns = "column" if len(short) == 1 else "columns"
        verb = "ends" if len(short) == 1 else "end"
        holes = f" ({columns} {', '.join(map(str, short))} {verb} {lines} lines short)"
    return where + (f"{kind}, {fit['underset_lines']} lines empty{holes}, "
                    f"room for about {fit['underset_chars']} more characters")


def page_fit(report: RenderReport, page: int) -> str:
    """How a page's articles fit, for the contact sheet's label: ``2 underset, 1 short`` (``all fit``).

    >>> page_fit(RenderReport(1, [BlockReport(1, "a", kind="article", overset_lines=2)]), 1)
    '1 overset'
    """
    verdicts = [b.copy_fit()["verdict"] for b in report.blocks if b.kind == "article" and b.page == page]
    counts = [f"{verdicts.count(v)} {v}" for v in ("overset", "underset", "short") if v in verdicts]
    return ", ".join(counts) if counts else "all fit"


def display_fit_lines(report: RenderReport) -> list[str]:
    """One line per fitted head for the render summary: ``  第1版 banner: 长体 88 %, 36 → 33 pt,
    2 lines (1 wanted): 开创昆明发展新局面``.

    >>> b = BlockReport(1, "banner", display_fit=[{"text": "开创", "size": 36, "fitted_size": 33,
    ...     "scale": 100.0, "fitted_scale": 88.0, "lines_wanted": 1, "lines": 2, "fits": True}])
    >>> display_fit_lines(RenderReport(1, [b]))
    ['  第1版 banner: fitted 长体 88 %, 36 → 33 pt, 2 lines (1 wanted): 开创']
    """
    out = []
    for b in report.blocks:
        for step in b.display_fit:
            parts = []
            if step["fitted_scale"] != step["scale"]:
                parts.append(f"{'长体' if step['fitted_scale'] < 100 else '扁体'} {step['fitted_scale']:g} %")
            if step["fitted_size"] != step["size"]:
                parts.append(f"{step['size']:g} → {step['fitted_size']:g} pt")
            if step["lines"] > step["lines_wanted"]:
                parts.append(f"{step['lines']} lines ({step['lines_wanted']} wanted)")
            verdict = "fitted" if step["fits"] else "too long even at the house's limits"
            if step.get("broken_inside"):
                parts.append(f"broken inside {', '.join(step['broken_inside'])}")
            out.append(f"  第{b.page}版 {b.block}: {verdict} {', '.join(parts)}: {step['text']}")
    return out
