"""Preflight catches each defect of deliberately broken PDFs, and passes the real sample page."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from reportlab import rl_config
from reportlab.lib.colors import CMYKColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from layout import FontBook, clean_issue, load_issue, typeset, write_pdf
from layout.photo.prepare import default_cmyk_profile
from layout.preflight import PreflightReport, main, preflight, space_kind
from layout.render.pdfx import to_pdfx
from tests.conftest import PDF_FONT, SAMPLE

MM = 72 / 25.4
FONT = PDF_FONT
Draw = Callable[[Canvas], None]



def make_pdf(font: str, *draws: Draw, **canvas_options: object) -> bytes:
    """A 200 × 200 mm page: 9 pt K text in an embedded subset font, then ``draws``."""
    rl_config.useA85 = 0
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200 * MM, 200 * MM), invariant=1, initialFontName=font,
                    **canvas_options)  # type: ignore[arg-type]
    canvas.setFillColorCMYK(0, 0, 0, 1)
    canvas.setFont(font, 9)
    canvas.drawString(20 * MM, 180 * MM, "Banmian 2026")
    for draw in draws:
        draw(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def image(canvas: Canvas, mode: str, pixels: int, inches: float = 1.0, colour: object = None) -> None:
    """Draw a flat image of ``pixels`` × ``pixels`` at ``inches`` × ``inches``."""
    fill = colour if colour is not None else ((60, 40, 40, 20) if mode == "CMYK" else (200, 80, 40))
    picture = Image.new(mode, (pixels, pixels), fill)  # type: ignore[arg-type]
    canvas.drawImage(ImageReader(picture), 20 * MM, 20 * MM, inches * 72, inches * 72)


def codes(report: PreflightReport, severity: str) -> set[str]:
    """The codes of one severity."""
    return report.codes(severity)


def test_a_clean_page_has_no_error_or_warning_but_the_boxes(font: str) -> None:
    def draw(c: Canvas) -> None:
        image(c, "CMYK", 300)  # 300 ppi
        c.setStrokeColorCMYK(0, 0, 0, 1)
        c.setLineWidth(0.1)  # thin, but one ink
        c.line(10 * MM, 10 * MM, 190 * MM, 10 * MM)
        c.setStrokeColorCMYK(0.6, 0.4, 0.4, 1)  # 240 %: at the limit
        c.setLineWidth(1.5)  # four inks: at WAN-IFRA's 1.5 pt
        c.line(10 * MM, 15 * MM, 190 * MM, 15 * MM)

    report = preflight(make_pdf(font, draw))
    assert report.ok, report.summary()
    assert codes(report, "warning") == {"BOX_MISSING"}
    assert {"PAGE_SIZE", "PDFX_NONE"} <= codes(report, "info")
    assert "MediaBox 200.0×200.0 mm" in report.summary()


def test_rgb_image_is_an_error(font: str) -> None:
    report = preflight(make_pdf(font, lambda c: image(c, "RGB", 300)))
    assert codes(report, "error") == {"RGB_IMAGE"}
    finding = report.errors[0]
    assert finding.page == 1 and "25.4×25.4 mm" in finding.where


@pytest.mark.parametrize("pixels, severity", [(96, "error"), (180, "warning")])
def test_low_resolution_photo(font: str, pixels: int, severity: str) -> None:
    report = preflight(make_pdf(font, lambda c: image(c, "CMYK", pixels)))
    found = [f for f in report.findings if f.code == "LOW_RESOLUTION"]
    assert [f.severity for f in found] == [severity]
    assert f"at {pixels} ppi" in found[0].message


def test_resolution_follows_the_placement_matrix(font: str) -> None:
    def draw(c: Canvas) -> None:
        c.saveState()
        c.scale(4, 4)  # a 300-pixel image drawn 1 inch wide in user space becomes 4 inches: 75 ppi
        image(c, "CMYK", 300)
        c.restoreState()

    report = preflight(make_pdf(font, draw))
    assert len(report.errors) == 1
    assert re.fullmatch(r"image /\S+ at 75 ppi, below 150 ppi", report.errors[0].message)


def test_non_embedded_standard_font(font: str) -> None:
    def draw(c: Canvas) -> None:
        c.setFont("Helvetica", 10)
        c.drawString(20 * MM, 100 * MM, "Helvetica is not embedded")

    report = preflight(make_pdf(font, draw))
    assert codes(report, "error") == {"FONT_NOT_EMBEDDED"}
    assert "Helvetica" in report.errors[0].message


def test_rgb_fill_colour(font: str) -> None:
    def draw(c: Canvas) -> None:
        c.setFillColorRGB(1, 0, 0)
        c.rect(20 * MM, 20 * MM, 30 * MM, 30 * MM, fill=1, stroke=0)

    report = preflight(make_pdf(font, draw))
    assert codes(report, "error") == {"RGB_COLOR"}
    assert report.errors[0].message == "RGB colour 1 0 0 rg"


def test_small_text(font: str) -> None:
    def draw(c: Canvas) -> None:
        c.setFont(font, 4)
        c.drawString(20 * MM, 100 * MM, "tiny 4 pt")
        c.saveState()
        c.scale(0.5, 0.5)  # 9 pt scaled to 4.5 pt
        c.setFont(font, 9)
        c.drawString(20 * MM, 100 * MM, "scaled")
        c.restoreState()

    report = preflight(make_pdf(font, draw))
    assert report.ok
    small = sorted(f.message for f in report.findings if f.code == "TEXT_TOO_SMALL")
    assert len(small) == 2
    assert small[0].startswith("text set at 4.00 pt") and small[1].startswith("text set at 4.50 pt")


def test_thin_rule_in_four_inks(font: str) -> None:
    def draw(c: Canvas) -> None:
        c.setStrokeColor(CMYKColor(0.2, 0.3, 0.4, 0.5))
        c.setLineWidth(0.1)
        c.line(10 * MM, 50 * MM, 190 * MM, 50 * MM)

    report = preflight(make_pdf(font, draw))
    assert report.ok
    thin = [f for f in report.warnings if f.code == "THIN_RULE"]
    assert len(thin) == 1
    assert thin[0].message.startswith("0.10 pt line in 4 inks")
    assert "x 10.0 mm, y 150.0 mm from the trim's top left" in thin[0].where


def test_ink_over_the_limit_in_a_colour_and_an_image(font: str) -> None:
    def draw(c: Canvas) -> None:
        c.setFillColorCMYK(1, 1, 0.9, 0.5)
        c.rect(100 * MM, 100 * MM, 10 * MM, 10 * MM, fill=1, stroke=0)
        image(c, "CMYK", 300, colour=(255, 230, 230, 255))

    report = preflight(make_pdf(font, draw))
    ink = sorted(f.message for f in report.errors if f.code == "INK_LIMIT")
    assert len(ink) == 2
    assert ink[0].startswith("CMYK colour 100/100/90/50 has 340 % ink")
    assert "up to 380.4 % ink" in ink[1] and "on 100.00 % of its pixels" in ink[1]  # 100 + 90 + 90 + 100
    assert preflight(make_pdf(font, draw), ink_limit=400).ok


def test_form_xobjects_are_scanned(font: str) -> None:
    def draw(c: Canvas) -> None:
        c.beginForm("logo")
        c.setFillColorRGB(0, 0, 1)
        c.rect(0, 0, 10, 10, fill=1)
        c.endForm()
        c.doForm("logo")

    report = preflight(make_pdf(font, draw))
    assert codes(report, "error") == {"RGB_COLOR"}
    assert "> form" in report.errors[0].where


def test_transparency_is_a_warning(font: str) -> None:
    def draw(c: Canvas) -> None:
        c.setFillAlpha(0.5)
        c.rect(20 * MM, 20 * MM, 30 * MM, 30 * MM, fill=1, stroke=0)

    assert "TRANSPARENCY" in codes(preflight(make_pdf(font, draw)), "warning")


def add_to_page(data: bytes, content: bytes, **resources: object) -> bytes:
    """Append ``content`` to page 1 and merge ``resources`` (category → {name: object}) into it."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        for category, entries in resources.items():
            holder = page.obj.Resources.get(f"/{category}") or pikepdf.Dictionary()
            for name, value in entries.items():  # type: ignore[attr-defined]
                holder[f"/{name}"] = value(pdf) if callable(value) else value
            page.obj.Resources[f"/{category}"] = holder
        page.contents_add(pdf.make_stream(content))
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def test_iccbased_rgb_shading_and_inline_image(font: str) -> None:
    def icc_rgb(pdf: pikepdf.Pdf) -> pikepdf.Array:
        return pikepdf.Array([pikepdf.Name.ICCBased, pdf.make_stream(b"fake", N=3)])

    shading = pikepdf.Dictionary(ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB, Coords=[0, 0, 1, 0],
                                 Function=pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 0, 0],
                                                             C1=[0, 0, 1], N=1))
    content = (b"q /CS0 cs 1 0 0 sc 0 0 10 10 re f Q q /Sh0 sh Q "
               b"q 72 0 0 72 0 0 cm BI /W 2 /H 1 /CS /RGB /BPC 8 ID \xff\x00\x00\x00\xff\x00 EI Q")
    data = add_to_page(make_pdf(font), content, ColorSpace={"CS0": icc_rgb}, Shading={"Sh0": shading})
    report = preflight(data)
    assert codes(report, "error") == {"RGB_COLOR", "RGB_IMAGE", "LOW_RESOLUTION"}
    messages = " | ".join(f.message for f in report.errors)
    assert "fill colour space /CS0 is RGB" in messages and "shading /Sh0 is RGB" in messages
    assert "inline image is RGB (2×1 px)" in messages


def test_type3_font_is_an_error(font: str) -> None:
    type3 = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type3,
                               FontMatrix=[0.001, 0, 0, 0.001, 0, 0], FontBBox=[0, 0, 1000, 1000],
                               CharProcs=pikepdf.Dictionary(), Encoding=pikepdf.Dictionary(),
                               FirstChar=65, LastChar=65, Widths=[1000])
    report = preflight(add_to_page(make_pdf(font), b"", Font={"T3": type3}))
    assert codes(report, "error") == {"FONT_TYPE3"}


def test_boxes_consistent_and_inconsistent(font: str) -> None:
    trim, bleed = (15 * MM, 15 * MM, 185 * MM, 185 * MM), (12 * MM, 12 * MM, 188 * MM, 188 * MM)
    good = preflight(make_pdf(font, trimBox=trim, bleedBox=bleed), safe_mm=0)
    assert good.ok and not good.warnings
    sizes = [f.message for f in good.findings if f.code == "PAGE_SIZE"]
    assert sizes == ["MediaBox 200.0×200.0 mm; TrimBox 170.0×170.0 mm; BleedBox 176.0×176.0 mm; bleed 3.0 mm"]
    bad = preflight(make_pdf(font, trimBox=(10 * MM, 10 * MM, 190 * MM, 190 * MM), bleedBox=bleed), safe_mm=0)
    assert codes(bad, "error") == {"BOX_NESTING"}
    assert bad.errors[0].message == "the TrimBox is not inside the BleedBox"


def test_overset_from_the_renderer_summary(font: str) -> None:
    summary = {"overset": [{"page": 1, "block": "lead", "lines": 3, "chars": 41}], "missing_glyphs": []}
    report = preflight(make_pdf(font), renderer_report=summary)
    assert [(f.code, f.page, f.where) for f in report.errors] == [("OVERSET", 1, "lead")]
    assert report.errors[0].message == "block lead: 3 lines (41 characters) did not fit"
    assert preflight(make_pdf(font), renderer_report={"overset": []}).ok


def test_unreadable_file() -> None:
    report = preflight(b"this is not a PDF")
    assert codes(report, "error") == {"PDF_UNREADABLE"} and report.pages == 0


def test_space_kinds() -> None:
    assert space_kind(pikepdf.Name.DeviceCMYK) == "CMYK"
    indexed = pikepdf.Array([pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 1, b"\0\0\0\xff\xff\xff"])
    assert space_kind(indexed) == "RGB"
    separation = pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name("/PANTONE 185 C"), pikepdf.Name.DeviceCMYK,
                                pikepdf.Dictionary()])
    assert space_kind(separation) == "spot"


def test_command_line(font: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean, broken = tmp_path / "clean.pdf", tmp_path / "broken.pdf"
    clean.write_bytes(make_pdf(font))
    broken.write_bytes(make_pdf(font, lambda c: c.setFillColorRGB(1, 0, 0)))
    assert main([str(clean)]) == 0
    assert capsys.readouterr().out.startswith(f"{clean}: 1 page, 0 errors, 1 warning, 2 notes")
    assert main([str(broken), "--json", "--ink-limit", "260"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] is False and result["ink_limit"] == 260 and result["counts"]["error"] == 1
    assert result["findings"][0]["code"] == "RGB_COLOR"
    summary = tmp_path / "summary.json"
    summary.write_text(json.dumps({"overset": [{"page": 1, "block": "b", "lines": 1, "chars": 2}]}))
    assert main([str(clean), "--render-summary", str(summary)]) == 1
    assert "ERROR OVERSET p1" in capsys.readouterr().out
    assert main([str(tmp_path / "absent.pdf")]) == 2


@pytest.mark.parametrize("argument", [["--ink-limit", "inf"], ["--ink-limit", "nan"], ["--ink-limit", "-5"],
                                      ["--ink-limit", "0"], ["--ink-limit", "401"], ["--safe-area", "-3"],
                                      ["--safe-area", "inf"], ["--safe-area", "nan"]])
def test_bad_arguments_are_usage_errors_naming_the_option(font: str, tmp_path: Path, argument: list[str],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from layout import cli

    clean = tmp_path / "clean.pdf"
    clean.write_bytes(make_pdf(font))
    for run in (main, lambda a: cli.main(["preflight", *a])):
        with pytest.raises(SystemExit) as stop:
            run([str(clean), *argument])
        assert stop.value.code == 2
        err = capsys.readouterr()
        assert f"argument {argument[0]}" in err.err and not err.out


@pytest.mark.parametrize(("content", "words"), [
    ("[1, 2]", "it is a JSON list"), ('{"photos": 5}', '"photos" is a number'), ("{}", "none of the keys"),
    ('{"overset": [3]}', '"overset"[0] is a number'), ('{"blocks": [{"rect": [1, 2]}]}', "rect is not four"),
    ('{"missing_glyphs": "x"}', '"missing_glyphs" is a text')])
def test_a_summary_of_the_wrong_shape_names_the_file(font: str, tmp_path: Path, content: str, words: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from layout import cli

    clean, summary = tmp_path / "clean.pdf", tmp_path / "s.json"
    clean.write_bytes(make_pdf(font))
    summary.write_text(content)
    for run in (main, lambda a: cli.main(["preflight", *a])):
        assert run([str(clean), "--render-summary", str(summary)]) == 2
        err = capsys.readouterr()
        assert f"{summary}: not a render summary: " in err.err and words in err.err
        assert "DAMAGED" not in err.out + err.err
    with pytest.raises(ValueError, match="not one"):
        preflight(make_pdf(font), renderer_report=[1, 2])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ink limit"):
        preflight(make_pdf(font), float("nan"))


def test_the_checks_own_fault_is_not_called_damage(font: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise AttributeError("'list' object has no attribute 'get'")

    monkeypatch.setattr("layout.preflight.check.check_document_actions", broken)
    report = preflight(make_pdf(font))
    assert codes(report, "error") == {"PREFLIGHT_FAILED"} and report.unreadable
    assert "fault of banmian, not a verdict on the PDF" in report.errors[0].message


def test_a_device_or_folder_is_named_for_what_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from layout import cli

    assert main([str(tmp_path)]) == 2 and "a folder, not a PDF file" in capsys.readouterr().err
    assert cli.main(["preflight", "/dev/null"]) == 2
    assert "not a regular file (a device" in capsys.readouterr().err


@pytest.fixture(scope="module")
def sample_pdf(book: FontBook) -> tuple[bytes, dict]:
    """The sample issue rendered, with the renderer's summary."""
    issue, _ = clean_issue(load_issue(SAMPLE))
    document, report = typeset(issue, book)
    return write_pdf(document, book.resources()), report.to_json()


def test_sample_issue_has_no_error(sample_pdf: tuple[bytes, dict]) -> None:
    data, summary = sample_pdf
    report = preflight(data, renderer_report=summary)
    assert report.ok, report.summary()
    assert codes(report, "warning") <= {"BOX_MISSING"}  # the renderer does not write boxes yet


def test_sample_issue_after_the_pdfx_step(sample_pdf: tuple[bytes, dict]) -> None:
    report = preflight(to_pdfx(sample_pdf[0], default_cmyk_profile()))
    assert report.ok, report.summary()  # the PDF/X step makes a page without boxes trim-size
    assert "PDFX_OK" in codes(report, "info")


def test_a_broken_pdfx_claim_is_an_error(font: str) -> None:
    data = add_to_page(make_pdf(font), b"")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(S=pikepdf.Name.GTS_PDFX)])
        out = io.BytesIO()
        pdf.save(out)
    report = preflight(out.getvalue())
    assert "PDFX_INVALID" in codes(report, "error")


def test_a_form_that_draws_itself_is_cut_off(font: str) -> None:
    def looping_form(pdf: pikepdf.Pdf) -> pikepdf.Stream:
        form = pdf.make_stream(b"/Me Do", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 10, 10])
        form = pdf.make_indirect(form)
        form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Me=form))
        return form

    report = preflight(add_to_page(make_pdf(font), b"/Loop Do", XObject={"Loop": looping_form}))
    assert report.ok and "NESTING" in codes(report, "warning")


def _edited(data: bytes, edit: Callable[[pikepdf.Pdf], None]) -> bytes:
    """``data`` with ``edit`` applied to the opened PDF, saved again."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        edit(pdf)
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def test_a_damaged_embedded_font_program_is_an_error(font: str) -> None:
    import random

    def damage(pdf: pikepdf.Pdf) -> None:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and "/FontFile2" in obj:
                program = bytearray(obj.FontFile2.read_bytes())
                program[12:312] = random.Random(7).randbytes(300)  # the table directory and what follows
                obj.FontFile2.write(bytes(program))

    clean = make_pdf(font)
    assert "FONT_DAMAGED" not in preflight(clean).codes()
    report = preflight(_edited(clean, damage))
    damaged = [f for f in report.errors if f.code == "FONT_DAMAGED"]
    assert len(damaged) == 1 and damaged[0].page == 1
    assert "+BoxTest, TrueType): the embedded font program (FontFile2) is damaged" in damaged[0].message


def test_a_damaged_embedded_image_names_its_page_and_object(font: str, tmp_path: Path) -> None:
    photo = tmp_path / "grey.jpg"
    Image.new("L", (300, 300), 128).save(photo, quality=90)  # greyscale: no ink is measured, yet it is decoded

    def truncate(pdf: pikepdf.Pdf) -> None:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Image:
                raw = obj.read_raw_bytes()
                obj.write(raw[: len(raw) // 2], filter=pikepdf.Name.DCTDecode)

    data = make_pdf(font, lambda c: c.drawImage(str(photo), 20 * MM, 20 * MM, 72, 72))
    assert preflight(data).ok
    report = preflight(_edited(data, truncate))
    assert report.pages == 1 and not report.unreadable
    damaged = [f for f in report.errors if f.code == "IMAGE_DAMAGED"]
    assert len(damaged) == 1 and damaged[0].page == 1
    assert re.search(r"image \S+ \(object \d+ 0 R\): its data is damaged", damaged[0].message)


def test_no_pages_rotate_and_user_unit(font: str) -> None:
    def empty(pdf: pikepdf.Pdf) -> None:
        del pdf.pages[0]

    assert codes(preflight(_edited(make_pdf(font), empty)), "error") == {"NO_PAGES"}

    def rotate(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].obj.Rotate = 90

    report = preflight(_edited(make_pdf(font), rotate))
    assert "PAGE_ROTATED" in codes(report, "warning")
    assert "shown rotated 90°" in next(f.message for f in report.findings if f.code == "PAGE_SIZE")

    def scale(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].obj.UserUnit = 10

    report = preflight(_edited(make_pdf(font), scale))
    assert "USER_UNIT" in codes(report, "warning")
    assert "MediaBox 2000.0×2000.0 mm" in next(f.message for f in report.findings if f.code == "PAGE_SIZE")
    pdfx = to_pdfx(make_pdf(font), default_cmyk_profile(), title="t")
    assert "USER_UNIT" in codes(preflight(_edited(pdfx, scale)), "error")  # PDF/X-1a has no UserUnit
