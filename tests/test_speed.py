"""What the speed work must not change: metrics read back from the cache answer as the
font file does, a one-page render imports no more than it needs (Pillow and the code
cache behave as without the shortcuts), the preview's redraw of an edited page gives the
pixels of a whole new raster, atoms copied from the book are the atoms measured afresh,
the inline line search agrees with the measurer, and the PDF reads only the font data it
embeds."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from layout import clean_issue, load_issue, typeset
from layout.issue.model import ArticleBlock, Issue, Paragraph, Run
from layout.render.png import png_bytes, render_page
from layout.render.pngkeep import render_kept
from layout.text.font import REQUIRED, Face, FontBook, _read_metrics, find_font, load_face
from tests.fresh import one_page_issue, python

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("stem", [REQUIRED[0], REQUIRED[-1]])
def test_cached_metrics_answer_as_the_font_file(stem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = find_font(stem)
    assert path is not None
    parsed = _read_metrics(stem, path)  # straight from fontTools
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path))
    load_face(stem, path)  # writes the cache
    cached = load_face(stem, path)  # reads it back
    assert isinstance(cached, Face) and cached.path == path
    probes = [*range(0x20, 0x3100), *range(0x4E00, 0x9FA6, 7), 0xFF0C, 0x1F600, 0x10FFFF]
    for cp in probes:  # asked one by one, before the tables were ever read whole
        ch = chr(cp)
        assert cached.has(ch) == parsed.has(ch), hex(cp)
        assert cached.gid(ch) == parsed.gid(ch), hex(cp)
        if parsed.has(ch):
            assert cached.advance_em(ch) == parsed.advance_em(ch), hex(cp)
        else:
            with pytest.raises(KeyError):
                cached.advance_em(ch)
    assert dict(cached.gids.items()) == parsed.gids and len(cached.advances) == len(parsed.advances)
    assert cached.advances == parsed.advances and cached.vert == parsed.vert and cached.ink == parsed.ink


def test_a_one_page_render_imports_no_pool_and_no_preview(tmp_path: Path) -> None:
    one = one_page_issue(tmp_path)
    code = ("import sys, layout.cli; layout.cli.main(['render', sys.argv[1], '-o', sys.argv[2], '--quiet']);"
            "print(' '.join(sorted(sys.modules)))")
    for _ in range(2):  # the first run may build the caches (and import fontTools to read the fonts)
        printed = python(code, one, tmp_path / "one.pdf")
    modules = set(printed.split())
    assert "layout.render.pdf" in modules and (tmp_path / "one.pdf").stat().st_size > 10_000
    for name in ("multiprocessing", "concurrent.futures", "layout.preview.serve", "layout.render.png",
                 "layout.photo.prepare", "pikepdf", "layout.preflight", "fontTools", "importlib.metadata",
                 "PIL", "reportlab",  # no photo: no reportlab, and no Pillow (registered lazily only for reportlab)
                 "layout.cli_preview", "layout.cli_start", "layout.makeup", "layout.makeup.cli",  # other commands'
                 "layout.handoff", "layout.issue.schema", "layout.issue.yamlhint", "yaml", "json",
                 "ast", "dis",  # inspect is deferred (layout.deferred) and never run: it imports both
                 "signal",  # layout.files sets the SIGTERM handler with the C part, _signal
                 "pickle",  # the caches are read with pickle's C part (layout.cache.unpickle), written with pickle
                 "datetime",  # the issue's date is read and written with datetime's C part, _datetime
                 "hashlib", "_hashlib"):  # digests from the interpreter's own C modules (layout.digests), no OpenSSL
        assert name not in modules, name


def test_pillow_loads_when_a_photo_is_drawn_and_then_works_as_usual(tmp_path: Path) -> None:
    code = ("import sys, layout.render.pdfcanvas; from PIL import Image; print('PIL.ExifTags' in sys.modules);"
            "im = Image.new('RGB', (3, 2), (255, 0, 0)); print('PIL.ExifTags' in sys.modules, im.size,"
            " isinstance(im, Image.Image))")
    assert python(code).split("\n")[:2] == ["False", "True (3, 2) True"]
    code = ("import sys, layout.render.pdfcanvas, layout.render as r; r.load_deferred();"
            "print('PIL.ExifTags' in sys.modules)")
    assert python(code) == "True\n"  # what the threaded commands call before their threads start
    code = "import sys, layout.render as r; r.load_deferred(); print('PIL.ExifTags' in sys.modules)"
    assert python(code) == "True\n"  # (the PDF writer not imported yet: Pillow loaded all the same)


def test_the_code_cache_gives_the_functions_compile_gives(tmp_path: Path) -> None:
    """Dataclasses and named tuples made with the cache installed, once writing it and once
    reading it back: the same code as without it, and they behave as dataclasses do."""
    code = """
import dataclasses, sys, typing
import layout.codecache as c
c.install()
@dataclasses.dataclass(frozen=True)
class P:
    x: int
    y: str = "a"
N = typing.NamedTuple("N", [("a", int), ("b", int)])
p = P(1)
try:
    p.x = 2
except dataclasses.FrozenInstanceError:
    print("frozen")
print(p == P(1, "a"), repr(p).endswith("P(x=1, y='a')"), N(1, 2).b)
print(all(code == compile(key[4:], "<string>", key[:4]) for key, code in c._codes.items()))
print(len(c._codes) > 0, c._state["new"])
"""
    env = {"BANMIAN_CACHE": str(tmp_path)}
    first = python(code, env=env)
    assert first.split("\n")[:2] == ["frozen", "True True 2"]
    (cache,) = tmp_path.glob("code-*.marshal")
    assert python(code, env=env) == first.replace("True True\n", "True False\n")  # all read back, none compiled
    cache.write_bytes(b"garbage")
    assert python(code, env=env) == first


def _edited(issue: Issue, k: int) -> Issue:
    """The issue with text added to paragraph k of article k of page 1 (both modulo their count)."""
    page = issue.pages[0]
    articles = [b for b in page.blocks if isinstance(b, ArticleBlock)]
    article = articles[k % len(articles)]
    paragraphs = [j for j, p in enumerate(article.body) if isinstance(p, Paragraph)]
    j = paragraphs[k % len(paragraphs)]
    paragraph = article.body[j]
    assert isinstance(paragraph, Paragraph)
    changed = replace(paragraph, runs=(*paragraph.runs, Run("改版" * (k % 3 + 1), "body")))
    body = tuple(changed if i == j else b for i, b in enumerate(article.body))
    blocks = tuple(replace(b, body=body) if b is article else b for b in page.blocks)
    return replace(issue, pages=(replace(page, blocks=blocks), *issue.pages[1:]))


@pytest.mark.expect_warnings  # the edits add copy: a widow or an overset line in the edited page is no fault
def test_preview_redraws_only_what_an_edit_changed_with_the_same_pixels(book: FontBook) -> None:
    issue, _ = clean_issue(load_issue(ROOT / "issue" / "sample-broadsheet.yaml"))
    document, _ = typeset(issue, book)
    first = [render_kept(p, book.resources(), 50) for p in document.pages]
    before = first[0].tobytes()
    for k in (0, 1, 1, 2, 3, 4, 2, 5):  # edits in every article of page 1, some twice in a row
        document, _ = typeset(_edited(issue, k), book)
        kept = [render_kept(p, book.resources(), 50) for p in document.pages]
        for page, raster in zip(document.pages, kept):
            whole = render_page(page, book.resources(), 50)
            assert raster.tobytes() == whole.tobytes() == raster.image().tobytes(), (k, page.number)
            assert raster.png() == png_bytes(whole), (k, page.number)  # the same PNG file, byte for byte
        assert kept[1] is first[1]  # page 2 did not change: the same raster
        shared = [a is b for a, b in zip(kept[0].bands, first[0].bands)]
        assert any(shared) and not all(shared)  # page 1: the bands the edit reached are new, the rest shared
    assert first[0].tobytes() == before  # a raster once handed out is never drawn on


@pytest.mark.expect_warnings  # (the edits leave a widow on page 1)
def test_preview_keeps_the_bounds_of_the_items_an_edit_left(book: FontBook) -> None:
    """After each edit the kept page's item bounds (those of unchanged items carried over from
    the edit before) are what ``_bounds`` gives the new page's items, one for one."""
    from layout.render import pngkeep

    issue, _ = clean_issue(load_issue(ROOT / "issue" / "sample-broadsheet.yaml"))
    document, _ = typeset(issue, book)
    render_kept(document.pages[0], book.resources(), 50)
    for k in (0, 1, 1, 3, 0):
        page = typeset(_edited(issue, k), book)[0].pages[0]
        render_kept(page, book.resources(), 50)
        kept = [v for v in pngkeep._PAGES.values() if v[0] is page]
        assert len(kept) == 1 and kept[0][2] is not None
        assert kept[0][2] == [pngkeep._bounds(item, 50 / 72.0) for item in page.items], k


def test_preview_keeps_most_pages_of_a_section_longer_than_its_limit(book: FontBook) -> None:
    """A preview draws every page in turn at each save: on an issue of more pages than it keeps,
    the second pass over unchanged pages gets back all but a few of the first pass's rasters
    (dropping the least recent page would drop each one just before it is asked for again)."""
    from layout.render import pngkeep

    issue, _ = clean_issue(load_issue(ROOT / "issue" / "sample-broadsheet.yaml"))
    pages = typeset(issue, book)[0].pages
    section = [replace(pages[k % len(pages)], number=k + 1) for k in range(pngkeep._PAGES_KEPT + 2)]
    pngkeep._PAGES.clear()
    first = [render_kept(p, book.resources(), 20) for p in section]
    again = [render_kept(p, book.resources(), 20) for p in section]
    assert sum(a is b for a, b in zip(first, again)) >= pngkeep._PAGES_KEPT - 1
    assert len(pngkeep._PAGES) == pngkeep._PAGES_KEPT


MIXED = ("据新华社北京3月5日电（记者 李明远 王芳）“一带一路”倡议——全长1,234.5公里，COVID-19 vaccines"
         " are distributed; 见 https://www.example.cn/path?q=1。葛\U000E0100 👍🏽 🇨🇳 café ｅ\u0301 Ⅱ ①。")


def _prepared_dicts(p: Any) -> tuple[Any, ...]:
    """A Prepared paragraph as plain values (atoms as their fields), for comparing two."""
    return ([a.__dict__ for a in p.atoms], p.gaps, p.kinds, p.breakable, p.soft, p.joins, p.letters, p.missing,
            p.variants, {k: v.__dict__ for k, v in p.hyphens.items()}, p.restyled)


def test_atoms_copied_from_the_book_are_the_atoms_measured_afresh(book: FontBook, typo: Any,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """prepare with the measured characters kept in the book (twice, so the second reads them
    all back) gives what it gives measuring every character anew."""
    from layout.text import prepare as prep

    runs = [(MIXED, prep.TextStyle("song", 9.5)), (MIXED[:40], prep.TextStyle("hei_bold", 12.0, emphasis=True)),
            (MIXED, prep.TextStyle("song", 9.5))]
    kept = [_prepared_dicts(prep.prepare(runs, book, typo)) for _ in range(2)]
    fresh_book = FontBook()
    monkeypatch.setattr(fresh_book, "memo", lambda key: {})  # nothing kept: every character measured
    fresh = _prepared_dicts(prep.prepare(runs, fresh_book, typo))
    assert kept[0] == fresh and kept[1] == fresh
    assert any(a["emphasis"] for a in fresh[0]) and any(a["tail"] for a in fresh[0])


def test_first_full_line_search_agrees_with_the_measurer(book: FontBook, typo: Any) -> None:
    """_first_full (which sums the line inline) finds the first line end whose line, as
    Measurer.natural measures it, is at least the width asked for, whichever break it
    starts stepping from."""
    from bisect import bisect_right

    from layout.text.candidates import first_full as _first_full
    from layout.text.linebreak import Measurer, _legal
    from layout.text.prepare import TextStyle, prepare

    p = prepare([(MIXED * 3, TextStyle("song", 9.5))], book, typo)
    m = Measurer(p, True)
    ends = [e for e in range(1, len(p.atoms) + 1) if _legal(p, e)]
    for start in (0, *ends[:-1:7]):
        for width in (30.0, 95.5, 180.0, 10_000.0):
            want = next((k for k, e in enumerate(ends) if e > start and m.natural(start, e) >= width), len(ends))
            lo = bisect_right(ends, start)
            for near in {0, lo, want - 2, want - 1, want, want + 1, want + 3, len(ends), len(ends) + 5}:
                assert _first_full(m, ends, start, width, lo, near) == want, (start, width, near)


def test_the_pdf_reads_only_the_font_data_it_embeds(book: FontBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Embedding a page's glyphs reads a small part of each font file (the directory, the
    small tables, loca, hmtx and the glyphs drawn), never the whole file."""
    from layout.render import cidfont
    from layout.render.pdf import truetype, write_pdf

    read: dict[str, int] = {}
    original = cidfont.TrueTypeFile.read

    def counting(self: Any, offset: int, length: int) -> bytes:
        data = original(self, offset, length)
        read[self.path.name] = read.get(self.path.name, 0) + len(data)
        return data

    monkeypatch.setattr(cidfont.TrueTypeFile, "read", counting)
    truetype.cache_clear()
    issue, _ = clean_issue(load_issue(ROOT / "issue" / "sample-broadsheet.yaml"))
    document, _ = typeset(issue, book)
    pdf = write_pdf(document, book.resources(document.faces()))
    truetype.cache_clear()
    assert pdf.startswith(b"%PDF") and len(read) >= 3
    for face in book.used_faces():
        if face.path.name in read and face.path.stat().st_size > 1_000_000:
            assert read[face.path.name] < face.path.stat().st_size / 4, (face.path.name, read[face.path.name])


def test_glyphs_come_back_from_a_worker_as_the_glyphs_sent() -> None:
    """Pages laid out in worker processes are pickled back; a line and its glyphs unpickle (through the
    fast constructors, each glyph as a plain tuple of its fields) equal to the originals, field by field, with the
    same types: glyphs of several characters or none, an int size, -0.0, an empty line."""
    import pickle

    from layout.frame import Glyph, TextLine

    glyphs = (Glyph("昆", "BanmianSerifSC-Regular", 9.0, 0.0, 1.0, False, False, 1234),
              Glyph("—", "BanmianSansSC-Bold", 10.5, 9.25, 0.92, False, True, 77),
              Glyph("\u9fff", "BanmianSerifSC-Regular", 9.0, 18.5, 1.0, True, False, 0))
    several = (Glyph("ﬁ", "Latin", 9, 0.0, 1.0, False, False, 5), Glyph("12", "Latin", 9, 4.5, 0.5, False, False, 6),
               Glyph("", "Latin", 9.0, 9.0, 1.0, False, False, 0), Glyph("x", "Latin", 9.0, -0.0, 1.0, False, False, 7))
    lines = (TextLine(12.0, 30.0, glyphs, "lead"),  # (one character a glyph: read as one string)
             TextLine(3.5, 7.0, several, "brief", "caption", (0.0, 1.0, 1.0, 0.0), True, 92.0),  # (not so)
             TextLine(0.0, 0.0, (), "empty"))
    for line in lines:
        data = pickle.dumps(line, protocol=pickle.HIGHEST_PROTOCOL)
        assert b"Glyph" not in data  # (each glyph a plain tuple: made again without a call a glyph)
        back = pickle.loads(data)
        assert type(back) is TextLine and back == line
        assert [(type(v), v) for v in vars(back).values() if type(v) is not tuple] == \
            [(type(v), v) for v in vars(line).values() if type(v) is not tuple]
        for sent, got in zip(line.glyphs, back.glyphs, strict=True):
            assert type(got) is Glyph and got._asdict() == sent._asdict()
            assert [type(v) for v in got] == [type(v) for v in sent]
            assert str(got.x) == str(sent.x)  # (-0.0 stays -0.0)
            with pytest.raises(AttributeError):  # still frozen
                got.x = 1.0  # type: ignore[misc]
        with pytest.raises(AttributeError):
            back.x = 1.0  # type: ignore[misc]


def test_a_glyph_made_as_a_tuple_is_the_glyph_its_constructor_makes() -> None:
    """``new_glyph`` (the text engine's constructor) gives the ``Glyph`` that ``Glyph(…)`` gives, field for field;
    ``moved`` adds to x alone, the float ``x + dx`` gives (-0.0 and a sum that rounds included)."""
    from layout.frame import Glyph, moved, new_glyph

    for fields in (("昆", "BanmianSerifSC-Regular", 9.0, 0.1, 1.0, False, False, 1234),
                   ("12", "Latin", 9, -0.0, 0.5, True, True, 0)):
        made = new_glyph(*fields)
        assert type(made) is Glyph and made == Glyph(*fields) and tuple(made) == fields
        assert [type(v) for v in made] == [type(v) for v in fields]
        for dx in (0.2, -0.1, 1e-17):
            shifted = moved(made, dx)
            assert type(shifted) is Glyph and shifted.x == fields[3] + dx
            assert shifted._replace(x=made.x) == made


def test_a_remembered_column_plan_is_the_plan_made_afresh() -> None:
    """``plan`` remembers its answers by the units' shapes: for articles of many shapes (cross-heads,
    paragraph first and last lines, a blocked stretch), asked twice, the answer is the plan made
    afresh, and each caller gets a ``spots`` list of its own."""
    import random

    from layout.flow import distribute as d
    from layout.flow import plans

    rng = random.Random(5)
    plans._plans.clear()
    for _ in range(60):
        units = []
        for _ in range(rng.randrange(1, 60)):
            head = rng.random() < 0.08
            units.append(d.Unit([], 2 if head else 1, head, not head and rng.random() < 0.3,
                                not head and rng.random() < 0.3))
        columns, height = rng.randrange(1, 5), rng.randrange(4, 30)
        blocked = tuple(frozenset(range(3, 7)) if rng.random() < 0.3 else frozenset() for _ in range(columns))
        air = rng.randrange(0, 3)
        fresh = d.plan(units, columns, height, blocked, air)
        first = plans.plan(units, columns, height, blocked, air)
        again = plans.plan(units, columns, height, blocked, air)
        assert first == again == fresh
        if first is not None and again is not None:
            assert first.spots is not again.spots


def test_the_digests_are_hashlibs_with_the_c_modules_and_without(tmp_path: Path) -> None:
    """``layout.digests`` gives ``hashlib``'s SHA-1, SHA-256 and MD5 digests, whole and fed in parts, of
    copies too, from the interpreter's own C modules; and, with those missing (an interpreter built
    without them), from ``hashlib`` itself: the same digests; and a sealed cache file is written and read
    back either way (its CRC-32 seal needs none of them)."""
    code = (
        "import sys, random\n"
        "if sys.argv[2] == 'without':\n"
        "    sys.modules['_sha1'] = sys.modules['_sha2'] = sys.modules['_sha256'] = sys.modules['_md5'] = None\n"
        "from pathlib import Path\n"
        "from layout import digests, sealed\n"
        "import hashlib\n"
        "rng = random.Random(7)\n"
        "for size in (0, 1, 63, 64, 65, 1000, 70000):\n"
        "    data = bytes(rng.randrange(256) for _ in range(size))\n"
        "    for name in ('sha1', 'sha256', 'md5'):\n"
        "        mine, theirs = getattr(digests, name)(data[:size // 3]), hashlib.new(name, data)\n"
        "        twin = mine.copy()\n"
        "        mine.update(data[size // 3:]); twin.update(data[size // 3:])\n"
        "        assert mine.hexdigest() == twin.hexdigest() == theirs.hexdigest(), (name, size)\n"
        "        assert getattr(digests, name)(data).digest() == theirs.digest(), (name, size)\n"
        "sealed.write(Path(sys.argv[1]), b'tag', b'payload')\n"
        "print(bytes(sealed.read(Path(sys.argv[1]), b'tag')), digests.sha256.__module__,\n"
        "      digests.md5(b'', usedforsecurity=False).hexdigest())\n"
    )
    empty = hashlib.md5(b"").hexdigest()
    assert python(code, tmp_path / "a.bin", "with").split() == ["b'payload'", _built_in_sha256(), empty]
    assert python(code, tmp_path / "b.bin", "without").split() == ["b'payload'", "_hashlib", empty]


def _built_in_sha256() -> str:
    """The module this interpreter's built-in SHA-256 lives in (``_sha2`` from Python 3.12, else ``_sha256``)."""
    return "_sha2" if sys.version_info >= (3, 12) else "_sha256"


def test_the_fallbacks_for_an_interpreter_without_the_c_parts(tmp_path: Path) -> None:
    """With ``_pickle`` and ``_datetime`` missing (as on an interpreter built without them), the
    cache reader takes ``pickle``'s own ``loads`` and the date readers the ``datetime`` module, and
    answer as with the C parts: a cache written and read back, a leap day and a day that is not."""
    code = (
        "import sys\n"
        "sys.modules['_pickle'] = sys.modules['_datetime'] = None\n"
        "import datetime, pickle\n"
        "from pathlib import Path\n"
        "from layout import cache\n"
        "from layout.flow import folio\n"
        "from layout.issue.dates import parse_date\n"
        "print(cache.unpickle is pickle._loads, folio.datetime is datetime, datetime.date.__module__)\n"
        "cache.save(Path(sys.argv[1]), {'k': (1, 2)})\n"
        "print(cache.load(Path(sys.argv[1])), parse_date('2024年2月29日 星期四'), folio.dated('2024-02-29'))\n"
        "try:\n"
        "    parse_date('2023年2月29日')\n"
        "except ValueError as exc:\n"
        "    print(exc)\n"
    )
    assert python(code, tmp_path / "c.pkl").splitlines() == [
        "True True datetime", "{'k': (1, 2)} 2024-02-29 2024年2月29日 星期四",
        "2023年2月29日 is not a date: February 2023 has 28 days"]
