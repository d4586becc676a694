"""Vertical headlines (竖排标题): positions, vertical forms in the PDF, reading order, overset."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from fontTools.ttLib import TTFont

from layout.errors import IssueError
from layout.frame import CharForm, Document, TextLine, VerticalLine
from layout.issue.load import load_issue
from layout.page import typeset
from layout.render.dump import dump
from layout.render.pdf import write_pdf
from layout.render.png import render_page
from layout.report import RenderReport
from layout.text.font import FontBook
from tests.onepage import head

HEAD = head()
PARA = "中文字版面报纸新闻日讯记者排印测试一二三四五六七八九十本市年月区" * 3
LAST = "本市新闻，日报。"
HEADLINE = "新闻版面，日报。"
KICKER = "《本市》测试（一）"


@pytest.fixture
def vert_book(box_font_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FontBook:
    """A FontBook whose every role is the box font with vertical forms (GSUB vert)."""
    monkeypatch.setenv("BANMIAN_FONT_PATH", str(box_font_dir))
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    return FontBook({role: ("BoxVert",) for role in ("song", "song_bold", "hei", "hei_bold", "kai")})


def render(tmp_path: Path, book: FontBook, article: str, lines: int = 20) -> tuple[Document, RenderReport]:
    """Typeset one article at columns 1–2 (``article``: its extra YAML keys, 8 spaces in)."""
    path = tmp_path / "v.yaml"
    path.write_text(HEAD + f"""      - type: article
        id: a
        at: {{column: 1, span: 2, line: 1, lines: {lines}}}
{article}        body: ["{PARA}", "{PARA}", "{LAST}"]
""", encoding="utf-8")
    return typeset(load_issue(path), book)


def columns(doc: Document) -> list[VerticalLine]:
    """The vertical columns of page 1, in drawing order."""
    return [i for i in doc.pages[0].items if isinstance(i, VerticalLine)]


def body(doc: Document) -> list[TextLine]:
    """The body lines of page 1."""
    return [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.kind == "body"]


RIGHT = f"""        head_vertical: right
        kicker: {KICKER}
        headline: {{text: {HEADLINE}, size: 20pt}}
"""


def test_each_character_steps_one_em_down_in_one_column(tmp_path: Path, vert_book: FontBook) -> None:
    doc, report = render(tmp_path, vert_book, RIGHT)
    kicker, headline = columns(doc)
    assert (kicker.text, headline.text) == (KICKER, HEADLINE)
    assert headline.width == 20.0 and {g.x for g in headline.glyphs} == {0.0}  # all ideographs/forms full width
    baselines = [g.y for g in headline.glyphs]
    assert [round(b - a, 6) for a, b in itertools.pairwise(baselines)] == [20.0] * (len(HEADLINE) - 1)
    assert kicker.x > headline.x  # the kicker reads first: it stands to the right
    grid_right = 2 * 11 * 10.0 + 10.0  # two columns of 11 characters and a gutter
    assert kicker.x + kicker.width <= doc.pages[0].grid.columns[0] + grid_right + 0.01  # type: ignore[union-attr]
    assert not next(b for b in report.blocks if b.block == "a").overset_lines


def test_body_stays_left_of_the_strip_in_whole_characters(tmp_path: Path, vert_book: FontBook) -> None:
    doc, report = render(tmp_path, vert_book, RIGHT)
    strip_left = min(c.x for c in columns(doc))
    lines = body(doc)
    assert lines
    for line in lines:
        right = line.x + line.glyphs[-1].x + line.glyphs[-1].size
        assert right <= strip_left - 10.0 + 0.01, (line.text, right, strip_left)  # a body character of air
    widths = {round(line.glyphs[-1].x + line.glyphs[-1].size, 3) for line in lines if line.justified}
    assert all(abs(w / 10.0 - round(w / 10.0)) < 1e-6 for w in widths), widths
    block = next(b for b in report.blocks if b.block == "a")
    assert block.chars_set == len(KICKER) + len(HEADLINE) + 2 * len(PARA) + len(LAST) and not block.overset_lines


def test_left_strip_puts_the_body_to_its_right(tmp_path: Path, vert_book: FontBook) -> None:
    doc, _ = render(tmp_path, vert_book, RIGHT.replace("right", "left"))
    left = doc.pages[0].grid.columns[0]  # type: ignore[union-attr]
    kicker, headline = columns(doc)
    assert headline.x >= left - 0.01 and kicker.x > headline.x
    strip_right = kicker.x + kicker.width
    assert min(line.x for line in body(doc)) >= strip_right + 10.0 - 0.01


def test_vertical_forms_come_from_the_vert_feature(tmp_path: Path, vert_book: FontBook) -> None:
    doc, _ = render(tmp_path, vert_book, RIGHT)
    face = vert_book.face("BoxVert")
    assert face is not None
    glyphs = {g.ch: g for c in columns(doc) for g in c.glyphs}
    for ch in "，。《》（）":
        assert glyphs[ch].gid == face.vert_gid(ch) and glyphs[ch].gid != face.gid(ch), ch
    assert glyphs["新"].form is None and glyphs["新"].gid == face.gid("新")
    for ch in "，。":  # drawn by character (the preview): the horizontal mark moved ½ em to the upper right
        assert glyphs[ch].form == CharForm(ch, glyphs[ch].size / 2, -glyphs[ch].size / 2), ch
    for ch in "《》（）":  # no presentation form in this face: the horizontal mark turned
        form, size = glyphs[ch].form, glyphs[ch].size
        assert form is not None and form.ch == ch and form.rotated and (form.dx, form.dy) == (0.12 * size, -0.88 * size)
    assert " vtext head a " in dump(doc) and "新闻版面，日报。 ....v..v" in dump(doc)


def test_pdf_draws_the_vertical_glyph_and_copies_out_the_character(tmp_path: Path, vert_book: FontBook) -> None:
    doc, _ = render(tmp_path, vert_book, RIGHT)
    pdf = write_pdf(doc, vert_book.resources())
    drawn = _drawn_glyphs(pdf)  # (text, upright?, glyph ink box) in content-stream order
    in_columns = [d for d in drawn if d[1] == "vertical"]
    assert "".join(t for t, _, _ in in_columns) == KICKER + HEADLINE
    for text, _, (x_min, y_min, _, _) in in_columns:
        if text in "，。":
            assert x_min >= 500 and y_min >= 500, (text, x_min, y_min)  # the upper right of the cell
    body_stops = [box for text, where, box in drawn if text == "，" and where == "horizontal"]
    assert body_stops and all(box[3] <= 300 for box in body_stops)  # body text keeps the horizontal form


def test_extracted_text_reads_top_to_bottom_right_to_left(tmp_path: Path, vert_book: FontBook) -> None:
    doc, _ = render(tmp_path, vert_book, RIGHT)
    _, headline = columns(doc)
    pdf = write_pdf(doc, vert_book.resources())
    with pdfplumber.open(io.BytesIO(pdf)) as reader:
        page = reader.pages[0]
        strip = [c["text"] for c in page.chars if c["x0"] >= headline.x - 0.5 and c["top"] >= headline.top - 1]
        assert "".join(strip) == KICKER + HEADLINE  # content-stream order: kicker, then headline
        cropped = page.crop((headline.x - 0.5, 0, headline.x + headline.width + 0.5, page.height))
        assert cropped.extract_text().replace("\n", "") == HEADLINE


def test_fallback_without_vertical_forms(tmp_path: Path, box_book: FontBook) -> None:
    doc, _ = render(tmp_path, box_book, RIGHT)
    _, headline = columns(doc)
    stop, first = headline.glyphs[-1], headline.glyphs[0]
    face = box_book.face(stop.face)
    assert face is not None
    assert stop.ch == "。" and stop.form is None and stop.gid == face.gid("。") and not stop.rotated
    assert (stop.x, round(first.y + 7 * 20.0 - stop.y, 6)) == (10.0, 10.0)  # moved ½ em right and ½ em up
    kicker, _ = columns(doc)
    assert [g.rotated for g in kicker.glyphs] == [ch in "《》（）" for ch in KICKER]


def test_digits_upright_or_rotated(tmp_path: Path, vert_book: FontBook) -> None:
    auto = columns(render(tmp_path, vert_book, "        head_vertical: right\n        headline: 第12版2026年\n")[0])
    (line,) = auto
    turned = [g.rotated for g in line.glyphs]
    assert turned == [False, False, False, False, True, True, True, True, False]
    di, ban = line.glyphs[0], line.glyphs[3]
    one, two = line.glyphs[1], line.glyphs[2]
    # 纵中横: the two digits (½ em each in the box font) share one cell, side by side, centred
    # and narrowed to 0.96 em together
    w = line.width
    assert one.y == two.y and one.scale == two.scale == pytest.approx(0.96)
    assert (one.x, two.x) == (pytest.approx(0.02 * w), pytest.approx(0.02 * w + 0.48 * w))
    assert ban.y - di.y == 2 * line.width
    years = line.glyphs[4:8]
    assert [round(b.y - a.y, 6) for a, b in itertools.pairwise(years)] == [line.width / 2] * 3  # Latin advance ½ em
    rotated = columns(render(tmp_path, vert_book, "        head_vertical: right\n        head_digits: rotated\n"
                                                  "        headline: 第12版\n")[0])
    assert [g.rotated for g in rotated[0].glyphs] == [False, True, True, False]
    upright = columns(render(tmp_path, vert_book, "        head_vertical: right\n        head_digits: upright\n"
                                                  "        headline: 2026年\n")[0])
    assert not any(g.rotated for g in upright[0].glyphs)


@pytest.mark.expect_warnings
def test_a_head_taller_than_the_block_flows_into_more_columns(tmp_path: Path, vert_book: FontBook) -> None:
    doc, report = render(tmp_path, vert_book, "        head_vertical: right\n"
                                              "        headline: {text: 中文字版面报纸新闻日讯记者, size: 20pt}\n",
                         lines=8)
    block = next(b for b in report.blocks if b.block == "a")
    heads = columns(doc)
    room = 8 * 15.0 - 5.0  # 8 lines, less half the leading above and below
    assert len(heads) == 3 and all(len(c.glyphs) <= room // 20 for c in heads)
    assert "".join(c.text for c in heads) == "中文字版面报纸新闻日讯记者"  # read right to left, nothing lost
    assert [c.text for c in heads] == ["中文字版面", "报纸新闻", "日讯记者"]  # between words, even
    assert heads[0].x > heads[1].x > heads[2].x
    assert not block.overset_text.startswith("中文字")  # only body lines are overset, the head is set whole


@pytest.mark.expect_warnings
def test_a_head_that_fits_no_strip_is_overset(tmp_path: Path, vert_book: FontBook) -> None:
    doc, report = render(tmp_path, vert_book, "        head_vertical: right\n"
                                              "        headline: {text: 中文字版面报纸新闻日讯记者, size: 30pt}\n",
                         lines=8)
    block = next(b for b in report.blocks if b.block == "a")
    assert not columns(doc)  # five columns of 30 pt would leave the body no room: never drawn outside
    assert block.overset_lines >= 1 and block.overset_text.startswith("中文字版面报纸新闻日讯记者")  # head first


def test_short_digit_runs_and_percentages_are_set_across_one_cell(book: FontBook) -> None:
    from layout.flow.vertical import set_column
    from layout.issue.model import HeadText

    column = set_column("增长5%与12%和127所2026年", HeadText("", 20.0, "hei_bold", "left"), book, "auto", 0.0)
    rows: dict[float, str] = {}
    for g in column.glyphs:
        if not g.rotated:
            rows[round(g.y, 2)] = rows.get(round(g.y, 2), "") + g.ch
    assert list(rows.values())[:8] == ["增", "长", "5%", "与", "12%", "和", "127", "所"]
    assert [g.ch for g in column.glyphs if g.rotated] == list("2026")  # four digits are turned
    across = [g for g in column.glyphs if g.ch in "0123456789%" and not g.rotated]
    for g in across:  # within the column's width
        face = book.chain("hei_bold").pick(g.ch)
        assert face is not None
        assert g.x >= -0.01 and g.x + face.advance_em(g.ch) * g.size * g.scale <= column.width + 0.01


@pytest.mark.parametrize("role", ["song", "song_bold", "hei", "hei_bold", "kai"])
def test_a_colon_is_upright_in_every_face(tmp_path: Path, role: str, book: FontBook) -> None:
    from layout.flow.vertical import set_column
    from layout.issue.model import HeadText

    column = set_column("专家：增长", HeadText("", 20.0, role, "left"), book, "auto", 0.0)
    colon = next(g for g in column.glyphs if g.ch == "：")
    assert not colon.rotated  # GB/T 15834 §5.2: upright, to the right of the column
    face = book.chain(role).pick("：")
    assert face is not None
    if colon.form is None:
        assert colon.x >= 0.45 * 20.0


def test_png_preview_draws_the_columns(tmp_path: Path, vert_book: FontBook) -> None:
    doc, _ = render(tmp_path, vert_book, RIGHT)
    image = render_page(doc.pages[0], vert_book.resources(), dpi=72)
    _, headline = columns(doc)
    x0, x1 = round(headline.x), round(headline.x + headline.width)
    strip = image.crop((x0, round(headline.top), x1, round(headline.top + 20 * len(HEADLINE))))
    assert strip.convert("L").getextrema()[0] < 100  # ink in the headline column


def test_head_vertical_takes_right_or_left(tmp_path: Path, vert_book: FontBook) -> None:
    with pytest.raises(IssueError, match=r"head_vertical: 'top' is not one of right, left"):
        render(tmp_path, vert_book, "        head_vertical: top\n        headline: 标题\n")


def _drawn_glyphs(pdf: bytes) -> list[tuple[str, str, tuple[int, int, int, int]]]:
    """Every glyph shown on page 1: its text (ToUnicode), whether it was placed in a
    vertical column (one glyph per Tm) or a horizontal line, and the ink box of the
    glyph the embedded font draws for it (xMin, yMin, xMax, yMax in font units)."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        fonts: dict[str, tuple[dict[int, str], bytes, TTFont]] = {}
        for name, font in page.Resources.Font.items():
            cid_font = font.DescendantFonts[0]
            unicode = {int(c, 16): bytes.fromhex(t.decode()).decode("utf-16-be")
                       for c, t in re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]+)>", font.ToUnicode.read_bytes())}
            program = TTFont(io.BytesIO(cid_font.FontDescriptor.FontFile2.read_bytes()))
            fonts[name] = (unicode, cid_font.CIDToGIDMap.read_bytes(), program)
        out: list[tuple[str, str, tuple[int, int, int, int]]] = []
        current = ""
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)  # a vertical column shows one glyph per Tj, a text line a TJ array per run
            if op == "Tf":
                current = str(operands[0])
            if op in ("Tj", "TJ"):
                strings = [operands[0]] if op == "Tj" else [s for s in operands[0] if isinstance(s, pikepdf.String)]
                unicode, gid_map, program = fonts[current]
                glyf, order = program["glyf"], program.getGlyphOrder()
                for s in strings:
                    raw = bytes(s)
                    for k in range(0, len(raw), 2):
                        cid = int.from_bytes(raw[k:k + 2], "big")
                        gid = int.from_bytes(gid_map[2 * cid:2 * cid + 2], "big")
                        g = glyf[order[gid]]
                        box = (g.xMin, g.yMin, g.xMax, g.yMax) if g.numberOfContours else (0, 0, 0, 0)
                        out.append((unicode.get(cid, ""), "vertical" if op == "Tj" else "horizontal", box))
        return out


def test_underset_overlay_counts_a_head_that_runs_lower_than_the_body(tmp_path: Path, vert_book: FontBook) -> None:
    from layout.preview.overlay import underset

    head = "        head_vertical: right\n        headline: {text: 中文字版面报纸新闻日讯记者排印测试, size: 20pt}\n"
    doc, report = render(tmp_path, vert_book, head, lines=40)
    (column,) = columns(doc)
    head_end = column.top + 17 * 20.0
    assert max(line.baseline for line in body(doc)) < head_end  # the body ends above the head
    bands = underset(doc.pages[0], report)
    assert bands  # the body columns beside the head end short: their empty feet are shown …
    for empty in bands:  # … in the body columns only, never over the head strip
        assert empty.x + empty.w <= column.x + 0.01 or empty.x >= column.x + column.width - 0.01
        assert empty.y >= max(line.baseline for line in body(doc) if line.x == empty.x)


def test_real_fonts_give_vertical_forms_and_join_the_dash(tmp_path: Path, book: FontBook) -> None:
    doc, _ = render(tmp_path, book, "        head_vertical: right\n        headline: 春城——新闻《日报》。\n")
    (column,) = columns(doc)
    face = book.face(column.glyphs[0].face)
    assert face is not None and face.vert  # the project fonts have vert/vrt2
    by_char = {g.ch: g for g in column.glyphs}
    assert by_char["—"].gid == face.gid("︱") and not by_char["—"].rotated  # the vertical em dash joins up
    assert by_char["—"].form == CharForm("︱")  # the preview draws the presentation form
    assert all(by_char[ch].gid == face.vert_gid(ch) is not None for ch in "《》。")
    with pdfplumber.open(io.BytesIO(write_pdf(doc, book.resources()))) as reader:
        chars = [c["text"] for c in reader.pages[0].chars if c["x0"] >= column.x - 0.5 and c["top"] >= column.top - 1]
    assert "".join(chars) == "春城——新闻《日报》。"


def test_centred_head_is_centred_along_the_body(tmp_path: Path, vert_book: FontBook) -> None:
    doc, _ = render(tmp_path, vert_book, "        head_vertical: right\n"
                                         "        headline: {text: 新闻日报, size: 20pt, align: center}\n", lines=40)
    (column,) = columns(doc)
    lines = body(doc)
    body_top = min(line.baseline for line in lines) - 0.88 * 10.0
    body_bottom = max(line.baseline for line in lines) + 0.12 * 10.0
    middle = column.top + 2 * 20.0
    assert abs(middle - (body_top + body_bottom) / 2) < 0.01, (middle, body_top, body_bottom)


@pytest.mark.expect_warnings
def test_a_vertical_head_takes_its_colour_and_warns_of_horizontal_treatments(
        tmp_path: Path, vert_book: FontBook, caplog: pytest.LogCaptureFixture) -> None:
    doc, _ = render(tmp_path, vert_book, f"""        head_vertical: right
        kicker: {KICKER}
        headline: {{text: {HEADLINE}, size: 20pt, color: 报红, reverse: true}}
""")
    kicker, headline = columns(doc)
    assert kicker.color == (0.0, 0.0, 0.0, 1.0)
    assert headline.color[1] > 0.9 and headline.color[2] > 0.9 and headline.color[3] == 0.0  # 报红: M+Y, no K
    assert any("reverse" in r.getMessage() and "vertical strip" in r.getMessage() for r in caplog.records)
    pdf = pikepdf.open(io.BytesIO(write_pdf(doc, vert_book.resources())))
    content = pdf.pages[0].Contents.read_bytes()
    colours = re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) k BT[^E]*?Tm <", content)
    assert any(float(m) > 0.9 and float(y) > 0.9 and float(k) == 0 for _, m, y, k in colours), colours
