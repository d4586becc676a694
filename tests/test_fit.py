"""One measure of fit: the render line, --report, the underset overlay and the serve findings say the same,
and each column's empty lines agree with where the page's text lines really end."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from layout import cli
from layout.frame import Document, TextLine
from layout.preview.overlay import underset
from layout.report import RenderReport, fit_text
from layout.text.font import FontBook
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def sample(book: FontBook) -> tuple[Document, RenderReport]:
    """The sample issue, typeset once for the module."""
    from layout.page import typeset_file

    _, document, report = typeset_file(SAMPLE, book)
    return document, report


def test_each_columns_empty_lines_are_where_its_text_ends(sample: tuple[Document, RenderReport]) -> None:
    document, report = sample
    frames = {f.number: f for f in document.pages}
    checked = 0
    for block in report.blocks:
        if block.kind != "article" or block.overset_lines:
            continue
        frame = frames[block.page]
        grid = frame.grid
        assert grid is not None
        assert block.fit is not None
        for column in block.fit.column_fit:
            lines = [i for i in frame.items if isinstance(i, TextLine) and i.block == block.block
                     and abs(i.x - column.x) < 0.5 and i.kind in ("body", "crosshead")]
            if not lines:
                continue
            last = max(math.floor((line.baseline - grid.top) / grid.pitch) for line in lines)
            foot = grid.top + (last + 1) * grid.pitch
            assert column.foot == pytest.approx(foot, abs=0.01), (block.block, column)
            assert column.empty == round((column.bottom - foot) / grid.pitch), (block.block, column)
            checked += 1
    assert checked > 20


def test_the_sample_leads_holes_are_not_called_a_fit(sample: tuple[Document, RenderReport]) -> None:
    fit = next(f for f in sample[1].copy_fit() if f["block"] == "lead")
    assert fit["verdict"] != "fits" and fit["short_columns"]  # it ends columns short, with visible holes
    assert fit["underset_lines"] == sum(fit["column_empty"])


def test_cli_report_and_overlay_agree(sample: tuple[Document, RenderReport], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    document, report = sample
    assert cli.main(["render", str(SAMPLE), "-o", str(tmp_path / "s.pdf"), "--report", str(tmp_path / "r.json")]) == 0
    out = capsys.readouterr().out
    written = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["articles"]
    assert written == report.copy_fit()
    for fit in written:
        line = f"  第{fit['page']}版 {fit_text(fit)}"
        assert (line in out.splitlines()) == (fit["verdict"] != "fits")
        frame = next(f for f in document.pages if f.number == fit["page"])
        bands = [b.lines for b in underset(frame, report) if b.block == fit["block"]]
        assert sum(bands) == (fit["underset_lines"] if fit["verdict"] != "fits" else 0)


def test_the_contact_sheet_labels_count_the_same_verdicts(sample: tuple[Document, RenderReport]) -> None:
    from layout.report import page_fit

    document, report = sample
    for frame in document.pages:
        fits = [f for f in report.copy_fit() if f["page"] == frame.number]
        label = page_fit(report, frame.number)
        for verdict in ("overset", "underset", "short"):
            n = sum(1 for f in fits if f["verdict"] == verdict)
            assert (f"{n} {verdict}" in label) == (n > 0)
    assert page_fit(report, 1) == "2 short"  # the lead (its last section) and 五华区 end columns short
