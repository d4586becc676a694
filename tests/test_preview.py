"""PNG previews: the Pillow back end, the overlays, the contact sheet, the preview command,
and the preview against the PDF rasterised by pdfium."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageStat

from layout import cli
from layout.frame import (
    Box,
    CharForm,
    Document,
    Dot,
    Glyph,
    GridInfo,
    ImageItem,
    PageFrame,
    Region,
    Rule,
    TextLine,
    VerticalLine,
    VGlyph,
)
from layout.issue.load import load_issue
from layout.page import typeset
from layout.preview.build import typeset_file, write_preview
from layout.preview.overlay import (
    compose,
    layer,
    loose_lines,
    overset,
    parse_overlays,
    photo_slots,
    underset,
    with_overlays,
)
from layout.preview.sheet import contact_sheet
from layout.render.pdf import write_pdf
from layout.render.png import render_page
from layout.report import ArticleFit, BlockReport, ColumnFit, RenderReport
from layout.text.clean import clean_issue
from layout.text.font import FontBook
from tests.conftest import SAMPLE
from tests.test_cli import OVERSET

WHITE, BLACK = (255, 255, 255), (0, 0, 0)
# A 200 × 200 pt page at 72 dpi (1 pt = 1 px): two 48 pt columns of 6 cells of 8 pt,
# 10 lines of 12 pt from y = 20; one article block over column 1, lines 1–10.
GRID = GridInfo(columns=(20.0, 100.0), column_width=48.0, top=20.0, pitch=12.0, lines=10, body_size=8.0)
REGION = Region("story", "article", 20.0, 20.0, 48.0, 120.0)


def frame(*items: object, regions: tuple[Region, ...] = (REGION,)) -> PageFrame:
    """A small test page with the grid above."""
    return PageFrame(1, "测试", 200.0, 200.0, tuple(items), GRID, regions)  # type: ignore[arg-type]


def body(x: float, baseline: float, text: str, xs: list[float], justified: bool = True) -> TextLine:
    """A body line of the box font at 8 pt, glyph origins at ``xs``."""
    glyphs = tuple(Glyph(ch, "BoxTest", 8.0, gx) for ch, gx in zip(text, xs))
    return TextLine(x, baseline, glyphs, "story", "body", justified=justified)


@pytest.fixture(scope="module")
def sample(book: FontBook) -> tuple[Document, RenderReport]:
    """The sample issue, typeset once for the module."""
    issue, _ = clean_issue(load_issue(SAMPLE))
    return typeset(issue, book)


# --- the back end -----------------------------------------------------------------------------


def test_glyphs_rules_and_boxes_are_drawn_where_the_frame_puts_them(box_book: FontBook) -> None:
    # box-font ideograph: ink 0.9 em wide, y −0.07…0.83 em around the baseline; 72 pt = 72 px. Its hmtx
    # left side bearing is 0, so FreeType (here as in pdfium) sets the ink from the origin: x 0–0.9 em.
    line = TextLine(10.0, 100.0, (Glyph("中", "BoxTest", 72.0, 0.0), Glyph("—", "BoxTest", 36.0, 80.0, 2.0)), "b")
    page = frame(line, Rule(0.0, 150.5, 200.0, 150.5, 1.0),
                 Box(150.0, 10.0, 40.0, 30.0, fill=(0.0, 1.0, 1.0, 0.0), stroke=(0.0, 0.0, 0.0, 1.0)),
                 Dot(20.0, 180.0, 4.0))
    image = render_page(page, box_book.resources(["BoxTest"]), dpi=72)
    assert image.size == (200, 200) and image.mode == "RGB"
    assert image.getpixel((10 + 36, 60)) == BLACK  # inside 中
    assert image.getpixel((10 - 1, 60)) == WHITE and image.getpixel((10 + 67, 60)) == WHITE  # left, right
    assert image.getpixel((46, 100 - 62)) == WHITE and image.getpixel((46, 100 + 8)) == WHITE  # above / below
    # the dash, 36 pt at scale 2: ink 0–1 em × 2 = 72 px wide, 0.30–0.36 em above the baseline
    assert image.getpixel((80 + 10 + 2, 100 - 12)) == BLACK and image.getpixel((80 + 10 + 69, 100 - 12)) == BLACK
    assert image.getpixel((80 + 10 + 76, 100 - 12)) == WHITE
    assert image.getpixel((100, 150)) == BLACK and image.getpixel((100, 147)) == WHITE
    assert image.getpixel((170, 25)) == (255, 0, 0)  # CMYK 0 1 1 0 → red fill
    assert image.getpixel((150, 25)) == BLACK and image.getpixel((148, 25)) == WHITE  # the stroke
    assert image.getpixel((20, 180)) == BLACK and image.getpixel((25, 180)) == WHITE  # the dot, r = 4


def test_a_vertical_form_is_drawn_as_the_frame_says(box_book: FontBook) -> None:
    # the preview draws by character: it shows a vertical form as the glyph's CharForm says
    # (character, offset, turn), never looking the face up itself
    def ink(form: CharForm) -> tuple[int, int, int, int]:
        glyph = VGlyph("，", "BoxTest", 36.0, 0.0, 100.0, gid=99, form=form)
        page = frame(VerticalLine(50.0, 0.0, 36.0, (glyph,), "v"))
        image = render_page(page, box_book.resources(["BoxTest"]), dpi=72).convert("L")
        box = image.point(lambda v: 255 if v < 128 else 0).getbbox()
        assert box is not None
        return box

    x0, y0, x1, y1 = ink(CharForm("中"))
    assert ink(CharForm("中", 18.0, -18.0)) == (x0 + 18, y0 - 18, x1 + 18, y1 - 18)  # moved ½ em up and right
    tx0, ty0, tx1, ty1 = ink(CharForm("中", rotated=True))  # turned 90° clockwise about the origin (50, 100):
    assert (tx1 - tx0, ty1 - ty0) == (y1 - y0, x1 - x0)  # what stood above the baseline now lies right of
    # the box ideograph: ink x 0…0.9 em from the origin, 0.07 em below to 0.83 em above the baseline
    assert x0 >= 49 and y1 <= 100 + 4 and tx0 >= 50 - 4 and ty0 >= 99  # the origin, what ran right now runs down


def test_the_preview_shows_the_prepared_photo_in_its_box(box_book: FontBook, tmp_path: Path) -> None:
    # a 300 × 100 image: left third red, middle green, right blue; the photo stage crops it
    # centrally for a 50 × 50 box, and the back end only shows those bytes → only green shows
    from layout.photo.prepare import prepare_image

    path = tmp_path / "stripes.png"
    stripes = Image.new("RGB", (300, 100), (255, 0, 0))
    stripes.paste((0, 255, 0), (100, 0, 200, 100))
    stripes.paste((0, 0, 255), (200, 0, 300, 100))
    stripes.save(path)
    prepared = prepare_image(path, 50.0, 50.0, ppi=72.0)
    image = render_page(frame(ImageItem(100.0, 100.0, 50.0, 50.0, path, prepared.data)), box_book.resources(), 72)
    for at in ((102, 102), (147, 147), (125, 125)):
        r, g, b = image.getpixel(at)  # type: ignore[misc]
        assert g > r + 60 and g > b + 60, (at, (r, g, b))  # green, through CMYK and back
    assert image.getpixel((98, 125)) == WHITE and image.getpixel((152, 125)) == WHITE


def test_dpi_scales_the_page(box_book: FontBook) -> None:
    page = frame(Rule(0.0, 100.0, 200.0, 100.0, 2.0))
    image = render_page(page, box_book.resources(["BoxTest"]), dpi=144)
    assert image.size == (400, 400)
    assert image.getpixel((200, 200)) == BLACK and image.getpixel((200, 196)) == WHITE


# --- the preview against the PDF ----------------------------------------------------------------

# Pillow (FreeType, hinted) and pdfium (unhinted) antialias glyph edges differently, so
# at full resolution about 7 % of the pixels of the sample page differ by more than 64
# grey levels even though every glyph is in the same place (mean |difference| 11).
# Reduced 4 × (4 × 4 pixel averages, 25 dpi) the edge noise averages out and position
# does not: the same page differs in 0.3 % of the pixels, while a page with one article
# missing, or with every line 1.5 pt lower, differs in 1.3 %, and one shifted 2 px in 1.7 %.
# The bounds sit between: at most 0.8 % after the reduction, and 9 % / mean 14 at full size.
FULL_MEAN, FULL_FRACTION, REDUCED_FRACTION = 14.0, 0.09, 0.008


def difference(a: Image.Image, b: Image.Image, factor: int = 1) -> tuple[float, float]:
    """Mean absolute grey difference and the fraction of pixels differing by more than 64."""
    a, b = a.convert("L"), b.convert("L")
    if factor > 1:
        a, b = a.reduce(factor), b.reduce(factor)
    diff = ImageChops.difference(a, b)
    histogram = diff.histogram()
    return ImageStat.Stat(diff).mean[0], sum(histogram[65:]) / sum(histogram)


def pdfium_page(pdf: bytes, dpi: float) -> Image.Image:
    """Page 1 of a PDF rasterised by pdfium."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        try:
            return page.render(scale=dpi / 72).to_pil().convert("RGB")
        finally:
            page.close()
    finally:
        document.close()


def test_the_preview_matches_the_pdf(sample: tuple[Document, RenderReport], book: FontBook) -> None:
    doc, _ = sample
    reference = pdfium_page(write_pdf(doc, book.resources()), 100)
    preview = render_page(doc.pages[0], book.resources(), 100)
    assert preview.size == reference.size
    mean, fraction = difference(reference, preview)
    assert mean < FULL_MEAN and fraction < FULL_FRACTION, (mean, fraction)
    assert difference(reference, preview, 4)[1] < REDUCED_FRACTION
    # the tolerance has teeth: a missing article or lowered lines fail it
    page = doc.pages[0]
    block = page.regions[-1].block  # the last article (panlong), 3 columns × 29 lines
    without = dataclasses.replace(page, items=tuple(i for i in page.items if getattr(i, "block", "") != block))
    lowered = dataclasses.replace(page, items=tuple(dataclasses.replace(i, baseline=i.baseline + 1.5)
                                                    if isinstance(i, TextLine) else i for i in page.items))
    for wrong in (without, lowered):
        assert difference(reference, render_page(wrong, book.resources(), 100), 4)[1] > REDUCED_FRACTION


# --- overlays --------------------------------------------------------------------------------


def test_parse_overlays() -> None:
    assert parse_overlays("all") == ("grid", "baseline", "loose", "underset", "overset", "missing", "photos", "blocks")
    assert parse_overlays(" loose, grid ,") == ("grid", "loose")
    with pytest.raises(ValueError, match="unknown overlay gird"):
        parse_overlays("gird")


def test_grid_overlay_marks_columns_and_character_cells(box_book: FontBook) -> None:
    grid = layer("grid", frame(), None, box_book, 72)
    alpha = grid.getchannel("A")
    # column 1 spans x 20–68, the type area y 20–140; cells are 8 pt from x = 20, inset 2 pt in each line
    assert alpha.getpixel((20, 80)) > 150 and alpha.getpixel((68, 80)) > 150  # column edges (strong)
    assert alpha.getpixel((100, 80)) > 150 and alpha.getpixel((148, 80)) > 150
    assert 0 < alpha.getpixel((28, 26)) < 150  # a cell edge between characters 1 and 2 (light)
    assert alpha.getpixel((32, 26)) == 0 and alpha.getpixel((84, 80)) == 0  # inside a cell; in the gutter
    assert alpha.getpixel((24, 22)) > 0 and alpha.getpixel((24, 21)) == 0  # a cell top; the line's inset


def test_baseline_overlay_follows_the_body_lines(box_book: FontBook) -> None:
    # body lines with baselines 8.5 pt below each line top → the overlay's lines there
    page = frame(body(20.0, 28.5, "中文", [0.0, 8.0]), body(20.0, 40.5, "中文", [0.0, 8.0]))
    alpha = layer("baseline", page, None, box_book, 72).getchannel("A")
    for y in (28, 40, 124):  # round(20 + 12k + 8.5)
        assert alpha.getpixel((60, y)) > 0, y
    assert alpha.getpixel((60, 33)) == 0


def test_blocks_overlay_outlines_each_block_with_its_id(box_book: FontBook) -> None:
    image = layer("blocks", frame(), None, box_book, 72)
    alpha = image.getchannel("A")
    for x, y in ((20, 80), (68, 80), (44, 140), (67, 139)):  # the outline, 2 px wide
        assert alpha.getpixel((x, y)) == 255, (x, y)
    assert alpha.getpixel((44, 100)) == 0  # inside
    tag = image.crop((20, 20, 68, 34))  # the id tag, top left: filled, with white text in it
    assert tag.getchannel("A").getextrema() == (255, 255)
    assert (255, 255, 255, 255) in {tag.getpixel((x, y)) for x in range(tag.width) for y in range(tag.height)}


def test_overset_overlay_marks_the_block_in_red(box_book: FontBook) -> None:
    report = RenderReport(pages=1, blocks=[BlockReport(page=1, block="story", overset_lines=3, overset_chars=40)])
    assert overset(frame(), report)[0][1].overset_lines == 3
    red = layer("overset", frame(), report, box_book, 72)
    r, g, b, a = red.getpixel((44, 80))
    assert r == 255 and g == b == 0 and 0 < a < 100  # tint inside
    assert red.getpixel((20, 80))[:3] == (220, 0, 0)  # outline
    empty = layer("overset", frame(), RenderReport(pages=1, blocks=[BlockReport(page=1, block="story")]),
                  box_book, 72)
    assert empty.getchannel("A").getextrema() == (0, 0)


def test_underset_is_the_empty_foot_of_each_short_column(box_book: FontBook) -> None:
    # column 1 set down to line 6 of 10 → 4 empty lines, y 92–140; column 2 one line short; column 3 full
    fits = [ColumnFit(20.0, 48.0, 92.0, 140.0, 4), ColumnFit(100.0, 48.0, 128.0, 140.0, 1),
            ColumnFit(150.0, 48.0, 140.0, 140.0, 0)]
    report = RenderReport(1, [BlockReport(1, "story", kind="article", fit=ArticleFit(3, column_fit=fits))])
    bands = underset(frame(), report)
    assert [(b.block, b.lines, b.x, b.y, b.h) for b in bands] == [("story", 4, 20.0, 92.0, 48.0),
                                                                  ("story", 1, 100.0, 128.0, 12.0)]
    assert report.copy_fit()[0]["verdict"] == "short" and report.copy_fit()[0]["short_columns"] == [1]
    fits[0] = ColumnFit(20.0, 48.0, 128.0, 140.0, 1)
    assert underset(frame(), report) == []  # one line short in each column: what balancing leaves
    one = BlockReport(1, "story", kind="article", fit=ArticleFit(2, column_fit=[ColumnFit(20.0, 48.0, 92.0, 140.0, 4)]))
    alpha = layer("underset", frame(), RenderReport(1, [one]), box_book, 72).getchannel("A")
    assert alpha.getpixel((25, 100)) > 0 and alpha.getpixel((25, 85)) == 0


def test_loose_lines_have_a_gap_over_a_quarter_em(box_book: FontBook) -> None:
    tight = body(20.0, 28.5, "中文字", [0.0, 9.0, 18.0])  # gaps of 1 pt = 0.125 em
    loose = body(20.0, 40.5, "中文字", [0.0, 10.5, 21.0])  # gaps of 2.5 pt = 0.3125 em
    ragged = body(20.0, 52.5, "中文字", [0.0, 8.0, 18.5], justified=False)  # a last line: not checked
    latin = body(20.0, 64.5, "中AB", [0.0, 12.0, 16.0])  # a Han–Latin gap is not an ideograph gap
    # 记者 龙舟: a typed space (0.5 em) among tight gaps is not looseness …
    spaced = body(20.0, 76.5, "中文字版面", [0.0, 8.2, 16.4, 28.6, 36.8])
    (found,) = loose_lines(frame(tight, loose, ragged, latin, spaced), box_book)
    assert found.line is loose and found.gap_em == pytest.approx(0.3125) and found.gap_x == pytest.approx(28.0)
    # … but a loose line is loose whatever spaces it has: gaps of 0.3 em and one of 0.8 em
    spread = body(20.0, 88.5, "中文字版面", [0.0, 10.4, 20.8, 35.2, 45.6])
    (found,) = loose_lines(frame(spread), box_book)
    assert found.gap_em == pytest.approx(0.3)
    image = layer("loose", frame(tight, loose), None, box_book, 72)
    assert image.getpixel((29, 36))[0] == 255 and image.getpixel((29, 36))[3] > 100  # the widest gap, strong red
    assert 0 < image.getpixel((34, 36))[3] < 100  # the rest of the line, tinted
    assert image.getpixel((30, 24))[3] == 0  # the tight line


def test_photo_slots_show_the_effective_ppi(box_book: FontBook, tmp_path: Path) -> None:
    path = tmp_path / "p.png"
    Image.new("RGB", (400, 300), (90, 90, 90)).save(path)
    slot = Region("pic", "photo", 100.0, 20.0, 72.0, 72.0)
    # 400 × 300 px covering 1 × 1 inch: the short side decides, 300 ppi
    page = frame(ImageItem(100.0, 20.0, 72.0, 72.0, path, b""), regions=(REGION, slot))
    (found,) = photo_slots(page)
    assert found.region is slot and found.ppi == pytest.approx(300.0)
    assert photo_slots(frame(regions=(slot,)))[0].ppi is None
    image = layer("photos", page, None, box_book, 72)
    assert image.getpixel((100, 50))[:3] == (0, 140, 60)  # 300 ppi: a green frame


def test_overlays_are_composited_over_the_page(box_book: FontBook) -> None:
    page = frame(Rule(0.0, 170.0, 200.0, 170.0, 1.0))
    base = render_page(page, box_book.resources(["BoxTest"]), 72)
    assert with_overlays(base, (), page, None, box_book, 72) is base
    shown = with_overlays(base, ("blocks",), page, None, box_book, 72)
    assert shown.mode == "RGB" and shown.getpixel((20, 80)) == (0, 90, 200) and shown.getpixel((100, 170)) == BLACK
    assert compose(base, []).getpixel((100, 170)) == BLACK


def test_sample_overlays_draw_on_the_real_page(sample: tuple[Document, RenderReport], book: FontBook) -> None:
    doc, report = sample
    page = doc.pages[0]
    assert loose_lines(page, book) == []  # as the engine, which warns of loose lines (none here)
    for name in parse_overlays("all"):
        image = layer(name, page, report, book, 50)
        assert image.size == render_page(page, book.resources(), 50).size and image.mode == "RGBA"


# --- contact sheet and the command ------------------------------------------------------------


def test_contact_sheet_puts_thumbnails_in_rows(book: FontBook) -> None:
    pages = [(Image.new("RGB", (1536, 2146), "white"), f"第{n}版 要闻") for n in range(1, 6)]
    sheet = contact_sheet(pages, "昆明日报 2026-01-20", book.chain("hei").first.path, columns=4, width=100)
    assert sheet.width == 24 + 4 * (100 + 24)
    assert sheet.height > 2 * 140  # two rows of 100 × 140 thumbnails
    assert sheet.getpixel((24 + 50, 80)) == WHITE  # page 1, row 1
    assert sheet.getpixel((24 + 50, sheet.height - 120)) == WHITE  # page 5, row 2
    assert sheet.getpixel((24 + 124 + 50, sheet.height - 120)) != WHITE  # nothing beside it


def test_preview_command_writes_pages_and_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "prev"
    assert cli.main(["preview", str(SAMPLE), "-o", str(out), "--overlay", "all", "--contact-sheet",
                     "--dpi", "50"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["contact-sheet.png", "page-1.png", "page-2.png"]
    with Image.open(out / "page-1.png") as im:
        assert im.size == (768, 1073)
    assert "page-1.png, page-2.png, contact-sheet.png" in capsys.readouterr().out


def test_preview_command_rejects_bad_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["preview", str(SAMPLE), "-o", str(tmp_path), "--overlay", "grid,gird"])
    assert exit_info.value.code == 2 and "unknown overlay gird" in capsys.readouterr().err
    assert cli.main(["preview", str(SAMPLE), "-o", str(tmp_path), "--page", "7"]) == 2
    assert "no page 7 in this issue (pages: 1, 2)" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.expect_warnings
def test_overset_issue_shows_the_red_mark(tmp_path: Path, book: FontBook) -> None:
    issue = tmp_path / "o.yaml"
    issue.write_text(OVERSET, encoding="utf-8")
    preview = typeset_file(issue, book)
    (path,) = write_preview(preview, book, tmp_path / "out", 72, ("overset",))
    (region, block), = overset(preview.document.pages[0], preview.report)
    assert block.overset_lines > 0
    with Image.open(path) as im:
        assert im.convert("RGB").getpixel((round(region.x), round(region.y + region.h / 2)))[:3] == (220, 0, 0)


def test_a_pillow_without_the_core_bitmap_call_draws_the_same_pixels(sample: tuple[Document, RenderReport],
                                                                     book: FontBook,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The raster draws glyphs by Pillow's private ``_getink`` and core ``draw_bitmap``; a Pillow
    without them gets the public ``ImageDraw.bitmap``: the same pixels (review 27 L1)."""
    from layout.render import png

    page = sample[0].pages[0]
    fonts = book.resources(sample[0].faces())
    fast = render_page(page, fonts, dpi=40)
    monkeypatch.setattr(png, "_core_bitmap", lambda draw, fill: (None, None))
    assert ImageChops.difference(fast, render_page(page, fonts, dpi=40)).getbbox() is None
