"""Font subsets kept between documents (layout.render.subsets) and the TJ arrays of the PDF writer."""

from __future__ import annotations

import io
import random
import re
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from layout.frame import Document, PageFrame, TextLine
from layout.issue.load import load_issue
from layout.page import typeset
from layout.render import cidfont, subsets
from layout.render.pdf import truetype, write_pdf
from layout.render.pdftext import page_texts
from layout.text.clean import clean_issue
from layout.text.font import FontBook
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def sample(book: FontBook) -> Document:
    issue, _ = clean_issue(load_issue(SAMPLE))
    return typeset(issue, book)[0]


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder, and no subset remembered in this process."""
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(subsets, "_MEMO", {})
    return tmp_path / "cache"


def _counting_subsets(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the subsets made (``TrueTypeFile.subset`` calls) from now on."""
    made: list[int] = []
    original = cidfont.TrueTypeFile.subset

    def counting(self: Any, keep: list[int]) -> bytes:
        made.append(len(keep))
        return original(self, keep)

    monkeypatch.setattr(cidfont.TrueTypeFile, "subset", counting)
    return made


def _page_one(document: Document) -> Document:
    return Document(document.title, document.pages[:1], document.meta)


def _fonts(pdf: bytes) -> dict[str, bytes]:
    """Each embedded font program (decoded), by its base font name."""
    out = {}
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for _, font in page.obj.Resources.Font.items():
                descendant = font.DescendantFonts[0]
                out[str(descendant.BaseFont)] = descendant.FontDescriptor.FontFile2.read_bytes()
    return out


def test_the_same_glyphs_again_reuse_the_subset_and_write_the_same_bytes(
        sample: Document, book: FontBook, fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = _counting_subsets(monkeypatch)
    first = write_pdf(sample, book.resources(sample.faces()))
    faces = len(made)
    assert faces >= 3 and len(list(fresh_cache.glob("subsets/*.bin"))) == faces
    monkeypatch.setattr(subsets, "_MEMO", {})  # as a new process: from the files
    truetype.cache_clear()
    again = write_pdf(sample, book.resources(sample.faces()))
    assert again == first and len(made) == faces  # no subset made the second time


def test_a_damaged_subset_file_is_made_again(sample: Document, book: FontBook, fresh_cache: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    first = write_pdf(sample, book.resources(sample.faces()))
    for path in fresh_cache.glob("subsets/*.bin"):
        data = bytearray(path.read_bytes())
        data[-100] ^= 0xFF  # a byte of the compressed program
        path.write_bytes(bytes(data))
    monkeypatch.setattr(subsets, "_MEMO", {})
    made = _counting_subsets(monkeypatch)
    assert write_pdf(sample, book.resources(sample.faces())) == first
    assert len(made) >= 3


def test_a_new_character_makes_a_new_subset_holding_it(sample: Document, book: FontBook, fresh_cache: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    one = _page_one(sample)
    before = _fonts(write_pdf(one, book.resources(one.faces())))
    frame = one.pages[0]
    body = book.chain("song").first
    line = next(i for i in frame.items if isinstance(i, TextLine) and i.glyphs[0].face == body.name)
    glyph = line.glyphs[0]
    new = next(ch for ch in "鑫氇彘" if ch not in "".join(i.text for i in frame.items if isinstance(i, TextLine)))
    assert body.gid(new)
    extra = TextLine(line.x, line.baseline + 400, (type(glyph)(new, glyph.face, glyph.size, 0.0, gid=body.gid(new)),),
                     line.block, kind=line.kind)
    edited = Document(one.title, (PageFrame(frame.number, frame.name, frame.width, frame.height,
                                            (*frame.items, extra), frame.grid, frame.regions),), one.meta)
    made = _counting_subsets(monkeypatch)
    after = _fonts(write_pdf(edited, book.resources(edited.faces())))
    assert len(made) == 1  # only the face that drew the new character
    changed = [name for name in after if name not in before]
    assert len(changed) == 1 and glyph.face in changed[0]
    assert len(after[changed[0]]) > len(before[next(n for n in before if glyph.face in n)])


def test_the_cache_keeps_at_most_keep_files(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(subsets, "KEEP", 3)
    for k in range(6):
        subsets.put("key", [0, k + 1], [0, k + 1], b"program %d" % k)
    files = list(fresh_cache.glob("subsets/*.bin"))
    assert len(files) == 3
    monkeypatch.setattr(subsets, "_MEMO", {})
    assert subsets.get("key", [0, 6]) == ([0, 6], b"program 5")
    assert subsets.get("key", [0, 1]) is None  # the oldest went


def _pen(tj: str, widths: list[int], size: float) -> list[float]:
    """Where a TJ array puts each glyph (pt from the first), read back from its text."""
    x, out = 0.0, []
    for hexes, kern in re.findall(r"<([0-9A-F]*)>\s*(-?[\d.]+)?", tj):
        for k in range(0, len(hexes), 4):
            out.append(x)
            x += widths[int(hexes[k:k + 4], 16)] / 1000 * size
        if kern:
            x -= float(kern) / 1000 * size
    return out


class _FakeCids(dict[tuple[int, str], int]):
    """CIDs handed out in order of first use, each glyph's width appended (as ``cidfont.Cids``)."""

    def __init__(self, widths: list[int], advance: dict[int, int]) -> None:
        super().__init__()
        self.widths, self.advance = widths, advance

    def __missing__(self, key: tuple[int, str]) -> int:
        cid = self[key] = len(self)
        self.widths.append(self.advance[key[0]])
        return cid


class _FakeFont:
    def __init__(self, internal: str, advance: dict[int, int]) -> None:
        self.internal, self.widths = internal, []
        self.cids = _FakeCids(self.widths, advance)

    def cid(self, gid: int, text: str) -> int:
        return self.cids[gid, text]


class _FakeFonts:
    def __init__(self, advance: dict[int, int]) -> None:
        self.fonts: dict[str, _FakeFont] = {}
        self.advance = advance

    def get(self, name: str) -> _FakeFont:
        if name not in self.fonts:
            self.fonts[name] = _FakeFont(f"FB{len(self.fonts) + 1}", self.advance)
        return self.fonts[name]


def _random_lines(rng: random.Random, advance: dict[int, int]) -> list[TextLine]:
    """Lines of glyphs in one to three faces, sizes and scales, with glyph ids from 0 to 65535,
    set at their advance or off it (tracking, justification, a nudge under the break)."""
    from layout.frame import Glyph

    lines = []
    for _ in range(rng.randrange(1, 12)):
        glyphs, x = [], rng.choice((0.0, 3.5))
        style = (rng.choice("ABC"), rng.choice((9.0, 10.5, 36.0)), rng.choice((1.0, 1.0, 0.8)))
        for _ in range(rng.randrange(0, 30)):
            if rng.random() < 0.1:
                style = (rng.choice("ABC"), rng.choice((9.0, 10.5, 36.0)), rng.choice((1.0, 1.0, 0.8)))
            gid = rng.choice((0, 65535, rng.randrange(65536)))
            advance.setdefault(gid, rng.choice((1000, 500, 556, 278, 920)))
            glyphs.append(Glyph(rng.choice("报纸x"), style[0], style[1], x, style[2], gid=gid))
            x += advance[gid] / 1000 * style[1] * style[2] + rng.choice((0.0, 0.0, 0.31, -0.12, 1e-6, 0.00004))
        lines.append(TextLine(rng.uniform(0, 600), rng.uniform(0, 900), tuple(glyphs), "b",
                              scale=rng.choice((100.0, 100.0, 90.0))))
    return lines


def _glyph_by_glyph(line: TextLine, fonts: _FakeFonts, height: float) -> str:
    """A line's operators written one glyph at a time: the reference the page's batch must equal."""
    from itertools import groupby

    from layout.render.pdftext import cmyk, number

    out, current = [cmyk(line.color), "BT"], 1.0
    for (face, size, scale), run in groupby(line.drawn(), key=lambda g: (g.face, g.size, g.scale)):
        glyphs = list(run)
        font = fonts.get(face)
        if scale != current:
            out.append(f"{number(scale * 100)} Tz")
            current = scale
        out.append(f"/{font.internal} {number(size)} Tf 1 0 0 1 {number(line.x + glyphs[0].x)} "
                   f"{number(height - line.baseline)} Tm")
        parts, hexes = [], ""
        for k, glyph in enumerate(glyphs):
            cid = font.cid(glyph.gid, glyph.ch)
            hexes += f"{cid:04X}"
            if k + 1 < len(glyphs):
                kern = font.widths[cid] - (glyphs[k + 1].x - glyph.x) / (size * scale) * 1000
                if abs(kern) > 0.05:
                    parts.append(f"<{hexes}> {number(kern)}")
                    hexes = ""
        out.append("[" + " ".join([*parts, f"<{hexes}>"]) + "] TJ")
    out.append("ET" if current == 1.0 else "100 Tz ET")
    return " ".join(out)


@pytest.mark.parametrize("seed", range(40))
def test_a_pages_text_lines_are_written_as_glyph_by_glyph(seed: int) -> None:
    """The page's lines worked out together (one ``map`` a step over all its glyphs) give each line's
    text as it is written a glyph at a time, CIDs handed out in the same order (ids 0 and 65535 too)."""
    rng = random.Random(seed)
    advance: dict[int, int] = {}
    lines = _random_lines(rng, advance)
    batch, plain = _FakeFonts(advance), _FakeFonts(advance)
    texts = page_texts(lines, batch, 1000.0)  # type: ignore[arg-type]
    assert texts == [_glyph_by_glyph(line, plain, 1000.0) for line in lines]
    assert {n: dict(f.cids) for n, f in batch.fonts.items()} == {n: dict(f.cids) for n, f in plain.fonts.items()}


@pytest.mark.parametrize("seed", range(20))
def test_a_tj_array_puts_every_glyph_where_it_is_set(seed: int) -> None:
    """Read back, each TJ array puts its glyphs where the line sets them (within its 0.05 breaks)."""
    rng = random.Random(seed)
    advance: dict[int, int] = {}
    lines = _random_lines(rng, advance)
    fonts = _FakeFonts(advance)
    for line, text in zip(lines, page_texts(lines, fonts, 1000.0), strict=True):  # type: ignore[arg-type]
        runs = re.findall(r"/(FB\d) ([\d.]+) Tf 1 0 0 1 (-?[\d.]+) \S+ Tm (\[.*?\] TJ)", text)
        drawn = line.drawn()
        assert sum(len(h) for *_, tj in runs for h in re.findall(r"<([0-9A-F]*)>", tj)) == 4 * len(drawn)
        k = 0
        for name, size, origin, tj in runs:
            font = next(f for f in fonts.fonts.values() if f.internal == name)
            step = float(size) * drawn[k].scale
            pen = _pen(tj, font.widths, step)
            for at in pen:
                assert abs(float(origin) + at - (line.x + drawn[k].x)) <= 0.001 + len(pen) * 0.0501 / 1000 * step
                k += 1
        assert k == len(drawn)


def test_a_subset_made_by_another_subsetter_or_zlib_is_not_served(fresh_cache: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The file's name holds what made it (format, the subsetter's source, zlib's version): a cache filled
    by an older checkout or library is not read back (review 27 M2)."""
    subsets.put("face-key", [0, 3, 5], [0, 3, 5], b"program")
    monkeypatch.setattr(subsets, "_MEMO", {})
    assert subsets.get("face-key", [0, 3, 5]) == ([0, 3, 5], b"program")
    monkeypatch.setattr(subsets, "_MEMO", {})
    monkeypatch.setattr(subsets, "_makers", lambda: b"font-subset-1 0123abcd 1.2.11 ")
    assert subsets.get("face-key", [0, 3, 5]) is None
