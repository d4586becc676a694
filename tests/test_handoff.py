"""The print-shop hand-off from the command line: PDF/X, boxes, marks, package, preflight."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pikepdf
import pytest

from layout import cli
from layout.units import to_mm
from tests.conftest import SAMPLE


def boxes_mm(page: pikepdf.Page) -> dict[str, tuple[float, ...]]:
    """MediaBox, TrimBox and BleedBox in mm."""
    return {name: tuple(round(to_mm(float(v)), 1) for v in page.obj[name])
            for name in ("/MediaBox", "/TrimBox", "/BleedBox")}


def test_render_pdfx_has_boxes_marks_and_output_intent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.pdf"
    assert cli.main(["render", str(SAMPLE), "-o", str(out), "--pdfx", "--quiet"]) == 0
    assert "0 errors" in capsys.readouterr().err
    with pikepdf.open(out) as pdf:
        page = pdf.pages[0]
        assert boxes_mm(page) == {"/MediaBox": (0.0, 0.0, 420.0, 575.0), "/TrimBox": (15.0, 15.0, 405.0, 560.0),
                                  "/BleedBox": (12.0, 12.0, 408.0, 563.0)}
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.S) == "/GTS_PDFX" and int(intent.DestOutputProfile.N) == 4
        content = b"".join(c.read_bytes() for c in ([page.Contents] if isinstance(page.Contents, pikepdf.Stream)
                                                      else page.Contents))
    assert b"1 1 1 1 K" in content  # crop and registration marks in all four inks
    assert b" rg" not in content and b" RG" not in content  # no RGB colour anywhere


def test_handoff_writes_the_package(tmp_path: Path) -> None:
    folder = tmp_path / "press"
    assert cli.main(["handoff", str(SAMPLE), "-o", str(folder), "--quiet"]) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["manifest.json", "page-1.png", "page-2.png", "preflight.json", "preflight.txt", "render.json",
                     "sample-broadsheet.pdf"]
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["preflight"] == "pass" and len(manifest["files"]) == 6
    import hashlib

    for entry in manifest["files"]:
        assert hashlib.sha256((folder / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]
    report = json.loads((folder / "preflight.json").read_text())
    assert report["ok"] and report["counts"]["error"] == 0


def test_preflight_command_fails_an_rgb_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200, 200))
    canvas.setFillColorRGB(1, 0, 0)
    canvas.rect(20, 20, 100, 100, fill=1)
    canvas.save()
    bad = tmp_path / "rgb.pdf"
    bad.write_bytes(buffer.getvalue())
    assert cli.main(["preflight", str(bad)]) == 1
    assert "RGB" in capsys.readouterr().out
    assert cli.main(["preflight", str(tmp_path / "none.pdf")]) == 2


def test_handoff_demo_photo_is_cmyk_at_its_reported_resolution(tmp_path: Path) -> None:
    demo = SAMPLE.parent / "handoff-demo.yaml"
    assert cli.main(["handoff", str(demo), "-o", str(tmp_path), "--quiet"]) == 0
    report = json.loads((tmp_path / "render.json").read_text())
    photo = next(b for b in report["blocks"] if b["block"] == "cuihu-photo")
    with pikepdf.open(tmp_path / "handoff-demo.pdf") as pdf:
        images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        assert len(images) == 1 and str(images[0].ColorSpace) == "/DeviceCMYK"
        ppi = images[0].Height / (photo_height_mm(pdf) / 25.4)
    assert abs(ppi - photo["image_ppi"]) < 1.0
    preflight = json.loads((tmp_path / "preflight.json").read_text())
    # 1600 pixels over the slot's 44 lines of 13.5 pt: about 202 ppi, just above the 200 ppi warning
    assert 200 <= photo["image_ppi"] < 210
    assert [f["code"] for f in preflight["findings"] if f["severity"] != "info"] == []


def photo_height_mm(pdf: pikepdf.Pdf) -> float:
    """The placed height of the page's one image, from the content stream's cm before Do."""
    height = 0.0
    for operands, operator in pikepdf.parse_content_stream(pdf.pages[0]):
        if str(operator) == "cm" and len(operands) == 6 and float(operands[3]) > 100:
            height = float(operands[3])
    return round(to_mm(height), 2)
