"""A figure column as wide as its figures aligned on their points, its head's words whole (an audit's H1, M2).

A decimal column was as wide as its widest figure; aligned on their points, 18,000 and 97.5% take more
(six digits before the point, ``.5%`` after it), so 97.5% ran into the next column's +12.3, the two
drawn over each other (and 16.0 touching -14.0 with no white between); and its head wrapped to the
figures' width, 2025 / 年. The tables below are written for this test (made-up figures). Read from the
PDF's characters and the frame's lines, not from the code's widths.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from layout.issue.load import load_issue
from layout.page import typeset
from layout.render.pdf import write_pdf
from layout.text.clean import clean_issue
from layout.text.font import FontBook

COLUMNS = "[指标, {head: 2025年, align: decimal}, {head: 2026年（目标）, align: decimal}, 同比增长（%）]"
ROWS = [["覆盖率", "85.2%", "97.5%", "+12.3"], ["数据量（TB/年）", "620", "1,024", "+65.2"],
        ["Open-source下载量", "—", "18,000", "—"], ["COD均值（mg/L）", "18.6", "16.0", "-14.0"]]


def _set(tmp_path: Path, book: FontBook, span: int, chars: int) -> tuple[list[str], list[dict[str, float]]]:
    """The table in a block ``span`` columns of ``chars`` characters wide: its frame lines' texts and the
    PDF's words (characters closer than 1.5 pt read as one word)."""
    rows = ", ".join("[" + ", ".join(f"'{c}'" for c in row) + "]" for row in ROWS)
    (tmp_path / "t.yaml").write_text(
        "banmian: 1\nissue: {paper: 测试日报, date: 2026-03-18}\npages:\n  - number: 1\n    paper: tabloid\n"
        f"    grid: {{columns: 5, chars: {chars}, gutter: 1, body_size: 小五}}\n    blocks:\n      - type: table\n"
        f"        id: t\n        at: {{column: 1, span: {span}, line: 1, lines: 20}}\n        columns: {COLUMNS}\n"
        f"        rows: [{rows}]\n", encoding="utf-8")
    issue, _ = clean_issue(load_issue(tmp_path / "t.yaml"))
    doc, report = typeset(issue, book)
    table = next(b for b in report.blocks if b.block == "t")
    assert table.overset_lines == 0 and not table.forced_breaks
    lines = [i.text for i in doc.pages[0].items if getattr(i, "block", "") == "t"]
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(write_pdf(doc, book.resources(doc.faces())))
    with pdfplumber.open(pdf) as document:
        words = document.pages[0].extract_words(x_tolerance=1.5, y_tolerance=1.0)
    top = min((w["top"] for w in words if w["text"].startswith("指标")), default=0.0)
    return lines, [w for w in words if top - 0.5 <= w["top"] <= top + 14 * 13.5]  # (the table's lines)


@pytest.mark.parametrize(("span", "chars"), [(2, 11), (2, 12), (3, 9), (2, 14)])
def test_no_figure_runs_into_the_next_column(tmp_path: Path, book: FontBook, span: int, chars: int) -> None:
    _, words = _set(tmp_path, book, span, chars)
    cells = [cell for row in ROWS for cell in row] + ["指标", "2025年", "2026年（目标）", "同比增长（%）"]
    for word in words:  # (a word holding two cells' text: two columns drawn together, or over each other)
        assert any(word["text"] in cell for cell in cells), word["text"]
    for row in ROWS:
        for cell in row[1:3]:
            assert any(w["text"] == cell for w in words), (cell, [w["text"] for w in words])


@pytest.mark.parametrize(("span", "chars"), [(2, 11), (2, 12), (3, 9)])
def test_a_figure_columns_head_wraps_only_between_its_words(tmp_path: Path, book: FontBook, span: int,
                                                           chars: int) -> None:
    lines, _ = _set(tmp_path, book, span, chars)
    assert "2025年" in lines, lines
    assert any(line.startswith("2026年") for line in lines), lines
    assert not any(line in ("2025", "2026", "年") for line in lines), lines


def test_a_table_with_no_room_for_its_points_sets_its_figures_right_not_over_each_other(tmp_path: Path,
                                                                                      book: FontBook) -> None:
    """A review's table: five columns in a block two columns wide, with no room for its figures aligned on their
    points (−3.5 over 18,000 and 97.5%): before, drawn into each other; with the aligned width alone, not set at all.
    Its figure columns are set right-aligned instead, each figure whole: the table is set, no cell on another."""
    (tmp_path / "t.yaml").write_text(
        "banmian: 1\nissue: {paper: 测试日报, date: 2026-03-18}\npages:\n  - number: 1\n    paper: tabloid\n"
        "    grid: {columns: 6, chars: 11, body_size: 10pt, leading: 15pt}\n    blocks:\n      - type: table\n"
        "        id: t\n        at: {column: 1, span: 2, line: 1, lines: 30}\n"
        "        columns: [项目, 2025年（亿元）, 同比, 金额, 备注]\n        rows:\n"
        "          - [甲, '−3.5', '12.5万', '¥1,200', 无]\n          - [乙, '18,000', '—', '¥12', 有]\n"
        "          - [丙, '97.5%', '+0.25', '$3.75', 无]\n          - [丁, '-14.0', '1,234.5678', '€100', 无]\n",
        encoding="utf-8")
    issue, _ = clean_issue(load_issue(tmp_path / "t.yaml"))
    doc, report = typeset(issue, book)
    table = next(b for b in report.blocks if b.block == "t")
    assert table.overset_lines == 0
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(write_pdf(doc, book.resources(doc.faces())))
    with pdfplumber.open(pdf) as document:
        words = [w["text"] for w in document.pages[0].extract_words(x_tolerance=1.5, y_tolerance=1.0)]
    for figure in ("−3.5", "12.5", "¥1,200", "18,000", "97.5%", "+0.25", "$3.75", "-14.0", "1,234.5678", "€100"):
        assert figure in words, (figure, words)
