"""A page's text lines as content-stream operators, worked out for the whole page at once.

In:  a frame's items in drawing order, the document's fonts (``layout.render.pdf._Fonts``:
     a face's CIDs handed out in order of use) and the page's height (pt).
Out: each text line's ``BT … ET`` operators, in drawing order: per run of glyphs in one face,
     size and scale, a Tm and a TJ array (a line's own horizontal scale, 长体/扁体, is a ``Tz``
     on its glyphs); the CIDs in hex, each run of them followed by the kern (1/1000 em) that
     moves the pen from the last one's advance to where the next glyph is set, runs broken
     only where that kern is more than 0.05.

Each step over the glyphs (their CIDs, advances, kerns, which kerns break a run, hex) is one
``map`` over every glyph of the page, not one a run: a page has some 400 lines of about a
dozen glyphs, and setting up the steps a run cost more than the steps. The text is the same,
character for character, as a line written by itself (the same float operations, in the same
order); CIDs are handed out in drawing order, a vertical line's among the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress, groupby, islice, repeat
from operator import attrgetter, lt, mul, sub, truediv
from typing import TYPE_CHECKING

from layout.frame import CMYK, Glyph, TextLine, VerticalLine

if TYPE_CHECKING:
    from layout.render.pdf import _Fonts

_NUMBERS: dict[float, str] = {}


def number(v: float) -> str:
    """One number for the content stream: at most 3 decimals, no trailing zeros, no -0;
    remembered, since a page repeats its kerns, baselines and column edges."""
    text = _NUMBERS.get(v)
    if text is None:
        if len(_NUMBERS) > 100_000:
            _NUMBERS.clear()
        text = f"{v:.3f}".rstrip("0").rstrip(".")
        text = _NUMBERS[v] = "0" if text in ("-0", "") else text
    return text


def fp_str(*values: float) -> str:
    """Numbers for the content stream (``number`` each), separated by spaces."""
    return " ".join(map(number, values))


_COLOURS: dict[tuple[CMYK, bool], str] = {}


def cmyk(color: CMYK, stroke: bool = False) -> str:
    """A DeviceCMYK colour operator (remembered: a page has a few colours and many items)."""
    if type(color) is not tuple:  # (a colour given as a list: not a key)
        return f"{fp_str(*color)} {'K' if stroke else 'k'}"
    text = _COLOURS.get((color, stroke))
    if text is None:
        if len(_COLOURS) > 10_000:
            _COLOURS.clear()
        text = _COLOURS[color, stroke] = f"{fp_str(*color)} {'K' if stroke else 'k'}"
    return text


#: ``f"{cid:04X}"`` of each CID under 4 096, made by joining two-digit pairs: 4 096 joins cost a third
#: of 4 096 formats (about 7 M instructions less at import).
_HEX2 = [f"{b:02X}" for b in range(256)]
HEX = [high + low for high in _HEX2[:16] for low in _HEX2]
_GLYPH_KEY = attrgetter("gid", "ch")  # a glyph's key in its face's CIDs
_X = attrgetter("x")
_STYLE = attrgetter("face", "size", "scale")


class _Page:
    """The glyphs of a page's text lines, one after another, with what the steps over them need:
    each glyph's CID, advance (1/1000 em) and its run's size × scale (a run's last glyph: 0 and
    infinity, so that the kern to the next run's first glyph is 0 and breaks nothing); each run's
    first and last glyph and the operators before its TJ; each line's glyphs and the operators
    after its last TJ."""

    def __init__(self, fonts: _Fonts, height: float) -> None:
        self.fonts, self.height = fonts, height
        self.glyphs: list[Glyph] = []
        self.cids: list[int] = []
        self.widths: list[int] = []
        self.sizes: list[float] = []
        self.runs: list[tuple[int, int, str]] = []  # (first glyph, last glyph, operators before the TJ)
        self.lines: list[tuple[int, int, str]] = []  # (first glyph, end, operators after the last TJ)

    def vertical(self, line: VerticalLine) -> None:
        """A vertical line's CIDs, handed out in drawing order (it writes its own operators)."""
        for g in line.glyphs:
            self.fonts.get(g.face).cid(g.gid, g.ch)

    def line(self, line: TextLine) -> None:
        """A text line's glyphs, its runs (one a face, size and scale) and the operators around them."""
        drawn = line.drawn()
        styles = list(map(_STYLE, drawn))
        if not styles or styles.count(styles[0]) == len(styles):
            runs = [(styles[0], len(styles))] if styles else []
        else:
            runs = [(style, len(list(run))) for style, run in groupby(styles)]
        before = f"{cmyk(line.color)} BT "
        current = 1.0  # horizontal scale in force (Tz 100)
        start, k, y = len(self.glyphs), 0, number(self.height - line.baseline)
        self.glyphs.extend(drawn)
        for (face, size, scale), count in runs:
            font = self.fonts.get(face)
            cids = list(map(font.cids.__getitem__, map(_GLYPH_KEY, drawn[k:k + count] if runs[1:] else drawn)))
            self.cids.extend(cids)  # (a new glyph: the next CID, its advance appended to the font's widths)
            self.widths.extend(map(font.widths.__getitem__, islice(cids, count - 1)))
            self.widths.append(0)
            self.sizes.extend(repeat(size * scale, count - 1))
            self.sizes.append(_INFINITY)
            if scale != current:
                before += f"{number(scale * 100)} Tz "
                current = scale
            origin = f"{number(line.x + drawn[k].x)} {y}"
            self.runs.append((start + k, start + k + count - 1, f"{before}/{font.internal} {number(size)} Tf "
                                                                 f"1 0 0 1 {origin} Tm [<"))
            before, k = " ", k + count
        self.lines.append((start, start + k, f"{before}ET" if current == 1.0 else f"{before}100 Tz ET"))

    def texts(self) -> list[str]:
        """Each line's operators: the kerns ``widths[cid] - (after - x) / size * 1000`` of every glyph
        in that order of operations, the breaks where ``abs(kern) > 0.05``, the CIDs in hex."""
        xs = list(map(_X, self.glyphs))
        kerns = list(map(sub, self.widths, map(mul, map(truediv, map(sub, islice(xs, 1, None), xs), self.sizes),
                                               repeat(1000))))
        breaks = list(compress(range(len(kerns)), map(lt, repeat(0.05), map(abs, kerns))))
        moves = list(map(kerns.__getitem__, breaks))
        texts = list(map(_NUMBERS.get, moves))  # (most kerns were formatted before: no call a glyph)
        if None in texts:
            texts = list(map(number, moves))
        cids = self.cids
        hexes = list(map(HEX.__getitem__, cids)) if not cids or max(cids) < 4096 else list(map("%04X".__mod__, cids))
        for at, text in zip(breaks, texts):
            hexes[at] = f"{hexes[at]}> {text} <"
        for first, last, before in self.runs:
            hexes[first] = before + hexes[first]
            hexes[last] += ">] TJ"
        out = []
        for first, end, after in self.lines:
            if first == end:  # a line without glyphs
                out.append(after)
                continue
            hexes[end - 1] += after
            out.append("".join(hexes[first:end]))
        return out


_INFINITY = float("inf")


def page_texts(items: Iterable[object], fonts: _Fonts, height: float) -> list[str]:
    """The operators of each text line among ``items`` (a frame's, in drawing order) on a page
    ``height`` pt high; a vertical line's CIDs are handed out in their turn."""
    page = _Page(fonts, height)
    for item in items:
        kind = type(item)
        if kind is TextLine:
            page.line(item)  # type: ignore[arg-type]
        elif kind is VerticalLine:
            page.vertical(item)  # type: ignore[arg-type]
    return page.texts()
