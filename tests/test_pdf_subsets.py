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
from layout.render.pdf import _tj, truetype, write_pdf
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


@pytest.mark.parametrize("seed", range(20))
def test_a_tj_array_puts_every_glyph_where_it_is_set(seed: int) -> None:
    rng = random.Random(seed)
    widths = [rng.choice((1000, 500, 556, 278, 920)) for _ in range(5000)]
    size = rng.choice((9.0, 9.5, 10.5, 36.0))
    count = rng.randrange(1, 40)
    cids = [rng.randrange(0 if seed % 2 else 4090, 5000) for _ in range(count)]
    xs = [0.0]
    for cid in cids[:-1]:  # the advance, sometimes with tracking or justification
        xs.append(xs[-1] + widths[cid] / 1000 * size + rng.choice((0.0, 0.0, 0.31, -0.12, 1e-6)))
    tj = _tj(widths, xs, cids, size)
    assert tj.startswith("[<") and tj.endswith("] TJ")
    pen = _pen(tj, widths, size)
    assert len(pen) == count
    for k, (at, want) in enumerate(zip(pen, xs)):
        assert abs(at - want) <= (k + 1) * 0.0501 / 1000 * size, (k, at, want)


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
