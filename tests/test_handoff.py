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
    assert cli.main(["render", str(SAMPLE), "-o", str(out), "--pdfx", "--quiet"]) == 2  # placeholders
    assert "would print in the paper" in capsys.readouterr().err and not out.exists()
    assert cli.main(["render", str(SAMPLE), "-o", str(out), "--pdfx", "--quiet", "--allow-placeholders"]) == 0
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
    assert cli.main(["handoff", str(SAMPLE), "-o", str(folder), "--quiet"]) == 2  # refuses its placeholders
    assert not folder.exists()
    assert cli.main(["handoff", str(SAMPLE), "-o", str(folder), "--quiet", "--allow-placeholders"]) == 0
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
    blank = [f["message"] for f in report["findings"] if f["code"] == "PLACEHOLDER"]
    assert len(blank) == 3 and blank[0].startswith("第1版 cuihu-photo (翠湖): an empty photo or ad slot")


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
        images = images_of(pdf.pages[0])
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


def images_of(page: pikepdf.Page) -> list[pikepdf.Stream]:
    """The image XObjects a page's resources hold."""
    xobjects = page.obj.Resources.get("/XObject", {})
    return [x for x in xobjects.values() if x.get("/Subtype") == "/Image"]


def page_content(page: pikepdf.Page) -> bytes:
    """A page's content streams, joined."""
    contents = page.Contents
    return b"".join(c.read_bytes() for c in ([contents] if isinstance(contents, pikepdf.Stream) else contents))


def test_allowed_placeholders_leave_nothing_on_the_plates(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    assert cli.main(["render", str(SAMPLE), "-o", str(out), "--pdfx", "--quiet", "--allow-placeholders"]) == 0
    plain = tmp_path / "plain.pdf"
    assert cli.main(["render", str(SAMPLE), "-o", str(plain), "--quiet"]) == 0
    with pikepdf.open(plain) as pdf:
        assert b"0 0 0 0.08 k" in page_content(pdf.pages[1])  # the screen version shows the grey box
    with pikepdf.open(out) as pdf:
        for page in pdf.pages:
            content = page_content(page)
            assert b"0 0 0 0.08 k" not in content and b"0 0 0 0.45 K" not in content  # no box, no cross
    import subprocess

    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "图片：" not in text and "配图待定" not in text  # no label (广告 also occurs in the copy)


@pytest.mark.parametrize(("marks", "media", "trim"), [
    ("full", (0.0, 0.0, 420.0, 575.0), (15.0, 15.0, 405.0, 560.0)),
    ("crop", (0.0, 0.0, 408.0, 563.0), (9.0, 9.0, 399.0, 554.0)),
    ("none", (0.0, 0.0, 390.0, 545.0), (0.0, 0.0, 390.0, 545.0)),
])
def test_marks_option(tmp_path: Path, marks: str, media: tuple[float, ...], trim: tuple[float, ...]) -> None:
    demo = SAMPLE.parent / "handoff-demo.yaml"
    out = tmp_path / "x.pdf"
    assert cli.main(["render", str(demo), "-o", str(out), "--pdfx", "--quiet", "--marks", marks]) == 0
    with pikepdf.open(out) as pdf:
        page = pdf.pages[0]
        found = boxes_mm(page)
        assert found["/MediaBox"] == media and found["/TrimBox"] == trim
        content = page_content(page)
    assert (b"1 1 1 1 K" in content) == (marks != "none")  # crop marks in registration colour


def test_handoff_demo_ink_holds_and_the_mono_photo_is_black_only(tmp_path: Path) -> None:
    """Every embedded photo's ink, measured on every decoded pixel, is within the limit;
    the greyscale photo has nothing on C, M or Y; the summary names the condition."""
    from layout.photo.prepare import max_ink

    demo = SAMPLE.parent / "handoff-demo.yaml"
    assert cli.main(["handoff", str(demo), "-o", str(tmp_path), "--quiet"]) == 0
    summary = json.loads((tmp_path / "render.json").read_text())
    assert summary["print"]["output_condition"] == "CGATS TR 002" and summary["print"]["ink_limit"] == 240
    measured = {p["block"]: p for p in summary["photos"]}
    assert measured["lead-2a-photo"]["inks"] == "K" and measured["cuihu-photo"]["inks"] == "CMYK"
    with pikepdf.open(tmp_path / "handoff-demo.pdf") as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "CGATS TR 002" and "newsprint" in str(intent.Info)
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20260120")
        inks = []
        for page in pdf.pages:
            for xobject in images_of(page):
                im = pikepdf.PdfImage(xobject).as_pil_image()
                inks.append(max_ink(im))
                assert inks[-1] <= 240
                if all(band.getextrema() == (0, 0) for band in im.split()[:3]):
                    inks[-1] = -inks[-1]  # the black-only photo
    assert len(inks) == 3 and sum(1 for v in inks if v < 0) == 1
    assert sorted(abs(v) for v in inks) == sorted(p["ink_measured"] for p in summary["photos"])


def test_a_failed_rerun_keeps_the_earlier_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib

    demo = SAMPLE.parent / "handoff-demo.yaml"
    folder = tmp_path / "press"
    assert cli.main(["handoff", str(demo), "-o", str(folder), "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def broken(*_: object, **__: object) -> list[Path]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("layout.preview.build.write_preview", broken)
    with pytest.raises(OSError):
        cli.main(["handoff", str(demo), "-o", str(folder), "--quiet", "--marks", "none"])
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert after == before  # the earlier package, whole
    manifest = json.loads(after["manifest.json"])
    assert all(hashlib.sha256(after[e["file"]]).hexdigest() == e["sha256"] for e in manifest["files"])
    assert [p.name for p in tmp_path.iterdir()] == ["press"]  # no staging folder left behind
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "keep.txt").write_text("not ours")
    assert cli.main(["handoff", str(demo), "-o", str(tmp_path / "other"), "--quiet"]) == 2
    assert (tmp_path / "other" / "keep.txt").read_text() == "not ours"


def test_handoff_never_replaces_a_folder_of_the_users_files(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    demo = SAMPLE.parent / "handoff-demo.yaml"
    folder = tmp_path / "pk"
    shutil.copytree(SAMPLE.parent, folder)
    issue = folder / demo.name
    (folder / "manifest.json").write_text("{}")  # a manifest alone does not make a package
    assert cli.main(["handoff", str(issue), "-o", str(folder), "--quiet"]) == 2
    assert "an input of the issue" in capsys.readouterr().err and issue.is_file()
    press = tmp_path / "press"
    assert cli.main(["handoff", str(issue), "-o", str(press), "--quiet"]) == 0
    (press / "notes.txt").write_text("the desk's notes")  # a file the package never wrote
    assert cli.main(["handoff", str(issue), "-o", str(press), "--quiet"]) == 2
    assert "not an earlier hand-off package" in capsys.readouterr().err
    assert (press / "notes.txt").read_text() == "the desk's notes"
    (press / "notes.txt").unlink()
    (press / "page-1.png").unlink()  # a file the manifest lists may be gone
    assert cli.main(["handoff", str(issue), "-o", str(press), "--quiet"]) == 0
    (press / "manifest.json").write_text('{"files": [{"file": "../x"}]}')
    assert cli.main(["handoff", str(issue), "-o", str(press), "--quiet"]) == 2


@pytest.mark.expect_warnings
def test_plain_render_warns_about_a_low_resolution_photo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    Image.new("RGB", (120, 80), (90, 120, 160)).save(tmp_path / "small.jpg")
    issue = tmp_path / "i.yaml"
    issue.write_text("""banmian: 1
issue: {paper: 测试报, date: 2026-01-20}
pages:
  - number: 1
    paper: tabloid
    grid: {columns: 4, chars: 12, gutter: 1, body_size: 9pt, leading: 13pt}
    blocks:
      - type: photo
        id: pic
        at: {column: 1, span: 2, line: 1, lines: 10}
        image: small.jpg
""", encoding="utf-8")
    assert cli.main(["render", str(issue), "-o", str(tmp_path / "o.pdf"), "--quiet"]) == 0
    low = [line for line in capsys.readouterr().err.splitlines() if "low resolution" in line]
    assert len(low) == 1 and "block 'pic': image small.jpg at" in low[0] and "under 200 ppi" in low[0]


def test_a_photo_downsampled_to_the_target_reads_the_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Rounding the target pixel count down made every downsampled photo read 299 ppi, 'under the 300 ppi target'."""
    from PIL import Image

    issue = tmp_path / "i.yaml"
    for k, (width, height, lines) in enumerate(((1200, 1600, 3), (2000, 1400, 5), (1801, 2403, 7), (3000, 2000, 11))):
        Image.new("L", (width, height), 100 + k).save(tmp_path / f"p{k}.png")
        issue.write_text(f"""banmian: 1
issue: {{paper: 测试报, date: 2026-03-05}}
pages:
  - number: 1
    paper: tabloid
    margins: {{top: 24mm, bottom: 16mm}}
    grid: {{columns: 5, chars: 14, gutter: 1, body_size: 小五, leading: 13.5pt}}
    blocks:
      - {{type: photo, id: p, at: {{column: 1, span: 2, line: 1, lines: {lines}}}, image: p{k}.png}}
""", encoding="utf-8")
        summary = tmp_path / "s.json"
        assert cli.main(["render", str(issue), "-o", str(tmp_path / "o.pdf"), "--summary", str(summary)]) == 0
        assert "ppi target" not in capsys.readouterr().err
        photo = json.loads(summary.read_text())["photos"][0]
        assert 300 <= photo["ppi"] < 305, photo
