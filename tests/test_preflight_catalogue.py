"""A catalogue of planted defects: a clean PDF/X-1a page plus one defect each, caught at
the right level; damaged, truncated and encrypted files exit 2 without a traceback."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from layout.photo.prepare import default_cmyk_profile
from layout.preflight import main, preflight
from layout.render.pdfx import to_pdfx
from tests.test_preflight import MM, add_to_page, make_pdf

TRIM = (10 * MM, 10 * MM, 190 * MM, 190 * MM)  # the text of make_pdf sits 7 mm inside it
BLEED = (7 * MM, 7 * MM, 193 * MM, 193 * MM)
Draw = Callable[[Canvas], None]



@pytest.fixture(scope="module")
def clean(font: str) -> bytes:
    """The clean page: 9 pt K text well inside a 180 mm trim, PDF/X-1a with the newsprint intent."""
    return to_pdfx(make_pdf(font, trimBox=TRIM, bleedBox=BLEED), default_cmyk_profile())


def planted(font: str, *draws: Draw) -> bytes:
    """The clean page with ``draws`` added, as PDF/X-1a."""
    return to_pdfx(make_pdf(font, *draws, trimBox=TRIM, bleedBox=BLEED), default_cmyk_profile())


def found(data: bytes, **options: object) -> dict[str, str]:
    """code → severity of every error and warning."""
    report = preflight(data, **options)  # type: ignore[arg-type]
    return {f.code: f.severity for f in report.findings if f.severity != "info"}


def test_the_clean_page_passes(clean: bytes) -> None:
    report = preflight(clean)
    assert report.ok and not report.warnings, report.summary()
    assert "PDFX_OK" in report.codes("info")
    compatible = add_to_page(clean, b"BX /Vendor 1 xyzop EX")  # unknown operators inside BX … EX are allowed
    assert preflight(compatible).ok and not preflight(compatible).warnings


def rich_black_text(c: Canvas) -> None:
    c.setFillColorCMYK(0.6, 0.4, 0.4, 1)
    c.setFont(c._fontname, 8)
    c.drawString(30 * MM, 100 * MM, "Rich black 8 pt")


def registration_rule(c: Canvas) -> None:
    c.setStrokeColorCMYK(1, 1, 1, 1)
    c.setLineWidth(0.5)
    c.line(30 * MM, 60 * MM, 150 * MM, 60 * MM)


def four_colour_rule(c: Canvas) -> None:
    c.setStrokeColorCMYK(0.1, 1, 1, 0.2)
    c.setLineWidth(0.5)
    c.line(30 * MM, 70 * MM, 150 * MM, 70 * MM)


def hairline(c: Canvas) -> None:
    c.setStrokeColorCMYK(0, 0, 0, 1)
    c.setLineWidth(0)
    c.line(30 * MM, 80 * MM, 150 * MM, 80 * MM)


def heavy_fill(c: Canvas) -> None:
    c.setFillColorCMYK(1, 1, 0.9, 0.5)
    c.rect(40 * MM, 40 * MM, 20 * MM, 20 * MM, fill=1, stroke=0)


def text_near_the_trim(c: Canvas) -> None:
    c.setFillColorCMYK(0, 0, 0, 1)
    c.drawString(12 * MM, 120 * MM, "2 mm from the trim")


def transparency(c: Canvas) -> None:
    c.setFillAlpha(0.5)
    c.rect(40 * MM, 40 * MM, 30 * MM, 30 * MM, fill=1, stroke=0)


def photo(ppi: float, colour: tuple[int, ...] = (60, 40, 40, 20)) -> Draw:
    def draw(c: Canvas) -> None:
        pixels = round(ppi)
        c.drawImage(ImageReader(Image.new("CMYK", (pixels, pixels), colour)), 40 * MM, 40 * MM, 72, 72)
    return draw


@pytest.mark.parametrize(("name", "draw", "code", "severity"), [
    ("rich black small text", rich_black_text, "TEXT_MULTI_INK", "warning"),
    ("registration colour in the trim", registration_rule, "REGISTRATION_IN_TRIM", "error"),
    ("four-colour thin rule", four_colour_rule, "THIN_RULE", "warning"),
    ("0 pt hairline", hairline, "HAIRLINE", "error"),
    ("ink over the limit", heavy_fill, "INK_LIMIT", "error"),
    ("text in the safe area", text_near_the_trim, "SAFE_AREA", "error"),
    ("transparency in PDF/X-1a", transparency, "TRANSPARENCY", "error"),
    ("photo at 100 ppi", photo(100), "LOW_RESOLUTION", "error"),
    ("photo at 180 ppi", photo(180), "LOW_RESOLUTION", "warning"),
    ("photo over the ink limit", photo(300, (255, 230, 230, 255)), "INK_LIMIT", "error"),
])
def test_drawn_defects(font: str, name: str, draw: Draw, code: str, severity: str) -> None:
    result = found(planted(font, draw))
    assert result.get(code) == severity, (name, result)


def rgb_fill(pdf: pikepdf.Pdf) -> bytes:
    return b"q 1 0 0 rg 100 100 50 50 re f Q"


# content, resources, expected code, severity
RESOURCE_DEFECTS: list[tuple[str, bytes, dict, str, str]] = [
    ("RGB colour", b"q 1 0 0 rg 100 100 50 50 re f Q", {}, "RGB_COLOR", "error"),
    ("Lab colour in PDF/X-1a", b"q /Lab0 cs 50 20 20 sc 100 100 50 50 re f Q",
     {"ColorSpace": {"Lab0": pikepdf.Array([pikepdf.Name.Lab, pikepdf.Dictionary(WhitePoint=[0.9505, 1, 1.089])])}},
     "COLOR_NOT_DEVICE", "error"),
    ("spot colour", b"q /Spot cs 1 sc 100 100 50 50 re f Q",
     {"ColorSpace": {"Spot": lambda pdf: pikepdf.Array([
         pikepdf.Name.Separation, pikepdf.Name("/PANTONE 185 C"), pikepdf.Name.DeviceCMYK,
         pdf.make_stream(b"{0 exch dup 0.9 mul exch 0}", FunctionType=4, Domain=[0, 1],
                         Range=[0, 1, 0, 1, 0, 1, 0, 1])])}},
     "SPOT_COLOR", "warning"),
    ("white overprint", b"q /OP1 gs 0 0 0 0 k 100 100 50 50 re f Q",
     {"ExtGState": {"OP1": pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, OP=True, op=True, OPM=1)}},
     "OVERPRINT_WHITE", "error"),
    ("colour overprint", b"q /OP1 gs 0 1 1 0 k 100 100 50 50 re f Q",
     {"ExtGState": {"OP1": pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, OP=True, op=True, OPM=1)}},
     "OVERPRINT", "warning"),
    ("missing image", b"q 100 0 0 100 100 100 cm /Im9 Do Q", {}, "RESOURCE_MISSING", "error"),
    ("unterminated string", b"BT 100 100 Td (never closed Tj ET", {}, "CONTENT_UNREADABLE", "error"),
    ("stray tokens", b"q Q ] >> } 12 k", {}, "CONTENT_UNREADABLE", "error"),
    ("binary junk", b"\x00\x01\x02\xff\xfe junk", {}, "CONTENT_MALFORMED", "error"),
    ("missing font", b"BT /F99 9 Tf 100 100 Td (x) Tj ET", {}, "RESOURCE_MISSING", "error"),
    ("font not embedded", b"BT /Hv 9 Tf 100 300 Td (Helvetica) Tj ET",
     {"Font": {"Hv": pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                        BaseFont=pikepdf.Name.Helvetica)}}, "FONT_NOT_EMBEDDED", "error"),
]


@pytest.mark.parametrize(("name", "content", "resources", "code", "severity"), RESOURCE_DEFECTS,
                         ids=[d[0] for d in RESOURCE_DEFECTS])
def test_content_defects(clean: bytes, name: str, content: bytes, resources: dict, code: str,
                         severity: str) -> None:
    result = found(add_to_page(clean, content, **resources))
    assert result.get(code) == severity, (name, result)


def edit(data: bytes, change: Callable[[pikepdf.Pdf], None], **save: object) -> bytes:
    """``data`` with ``change`` applied to the open document."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out, **save)  # type: ignore[arg-type]
    return out.getvalue()


def annotate(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[100, 100, 200, 120],
        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.org")))]))


def javascript(pdf: pikepdf.Pdf) -> None:
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))


def page_action(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].obj.AA = pikepdf.Dictionary(O=pikepdf.Dictionary(S=pikepdf.Name.Launch,
                                                                   F=pikepdf.String("calc.exe")))


def no_trim(pdf: pikepdf.Pdf) -> None:
    del pdf.pages[0].obj["/TrimBox"]


def damaged_stream(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[0]
    page.obj.Contents = pdf.make_stream(b"\x78\x9c garbage that is not deflate", Filter=pikepdf.Name.FlateDecode)


@pytest.mark.parametrize(("change", "code", "severity"), [
    (annotate, "ANNOTATION", "error"), (javascript, "JAVASCRIPT", "error"), (page_action, "ACTION", "error"),
    (no_trim, "BOX_MISSING", "error"), (damaged_stream, "CONTENT_UNREADABLE", "error"),
])
def test_document_defects(clean: bytes, change: Callable[[pikepdf.Pdf], None], code: str, severity: str) -> None:
    result = found(edit(clean, change))
    assert result.get(code) == severity, result


def run_cli(path: Path) -> subprocess.CompletedProcess[str]:
    """``python3 -m layout.preflight PATH`` in a new process."""
    return subprocess.run([sys.executable, "-m", "layout.preflight", str(path)], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1], timeout=120)


@pytest.mark.parametrize("kind", ["truncated", "encrypted", "garbage", "empty"])
def test_unreadable_files_exit_2_without_a_traceback(clean: bytes, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.pdf"
    if kind == "truncated":
        path.write_bytes(clean[: len(clean) * 2 // 3])
    elif kind == "encrypted":
        path.write_bytes(edit(clean, lambda _: None, encryption=pikepdf.Encryption(user="secret", owner="o")))
    elif kind == "garbage":
        path.write_bytes(b"%PDF-1.3\n" + bytes(range(256)) * 40)
    else:
        path.write_bytes(b"")
    result = run_cli(path)
    assert result.returncode == 2 and "Traceback" not in result.stderr, (result.stdout, result.stderr)
    if kind == "encrypted":
        assert "ENCRYPTED" in result.stdout
    assert main([str(path)]) == result.returncode


def test_truncated_file_does_not_pass(clean: bytes, tmp_path: Path) -> None:
    """A file cut short anywhere cannot be checked: qpdf's repairs make it PDF_DAMAGED."""
    for cut in (len(clean) // 3, len(clean) // 2, len(clean) - 200, len(clean) - 20):
        path = tmp_path / f"cut{cut}.pdf"
        path.write_bytes(clean[:cut])
        report = preflight(path)
        assert report.unreadable and not report.ok, report.summary()


def test_a_closed_pipe_is_quiet(clean: bytes, tmp_path: Path) -> None:
    path = tmp_path / "many.pdf"
    path.write_bytes(add_to_page(clean, b" ".join(b"q 0.%d 0 0 0 rg 10 10 5 5 re f Q" % k for k in range(10)) * 40))
    command = f"{sys.executable} -m layout.preflight {path} | head -1"
    result = subprocess.run(command, shell=True, capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[1], timeout=120)
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr
    assert result.stdout.count("\n") == 1


def test_messages_name_block_and_photo_file(tmp_path: Path) -> None:
    """Given the render summary, a finding on a photo names its block and file, in mm from the trim."""
    from layout import cli

    demo = Path(__file__).resolve().parents[1] / "issue" / "handoff-demo.yaml"
    out, summary = tmp_path / "demo.pdf", tmp_path / "summary.json"
    assert cli.main(["render", str(demo), "-o", str(out), "--pdfx", "--quiet", "--summary", str(summary)]) == 0
    import json

    report = preflight(out, 150.0, json.loads(summary.read_text()))
    ink = [f for f in report.errors if f.code == "INK_LIMIT" and f.page == 1 and f.message.startswith("image")]
    assert ink and "block cuihu-photo, photo demo-lake.jpg" in ink[0].where
    assert "mm from the trim's top left" in ink[0].where
