"""The L-shaped story's (拐弯) checks against hand-made corners: a 破栏 (``columns``) L is set only
where the corner's edge meets a gutter of its body columns, and refused otherwise; a corner that
leaves less than the head group above it is refused (the head would meet the corner's heads);
a wrapped photo is never wrapped by the corner it stands in; the summary's ``lines_used`` of an
L counts the L's lines only. Copy from the customer's page (tests/data), via test_corner."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout import cli
from layout.errors import IssueError
from layout.issue.load import load_issue
from layout.text.font import FontBook
from tests.test_corner import PITCH, _corner_box, _issue, _lines, _paragraphs, _render


def _refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> str:
    """Render ``text`` through the command line: exit 2, no PDF left; returns the message."""
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "bad.pdf"
    assert cli.main(["render", str(path), "-o", str(out)]) == 2
    assert not out.exists() and not list(tmp_path.glob("*.pdf*"))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(("columns", "span", "fits"), [(4, 4, "make the corner 3 columns wide"),
                                                       (5, 4, "or leave out columns"),
                                                       (3, 3, "make the corner 2 or 4 columns wide")])
def test_a_pocai_corner_that_cuts_a_body_column_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           columns: int, span: int, fits: str) -> None:
    paras = _paragraphs()
    text = _issue("right", paras[:8], paras[8:13], extra=f"\n        columns: {columns}",
                  corner=f"{{side: right, span: {span}, lines: 24}}",
                  b_at=f"{{column: {7 - span}, span: {span}, line: 17, lines: 24}}")
    err = _refused(tmp_path, capsys, text)
    assert "bad.yaml:12 pages[0].blocks[0].corner.span" in err and f"columns: {columns}" in err and fits in err


def test_a_pocai_corner_on_a_gutter_sets_whole_body_columns_beside_it(tmp_path: Path, book: FontBook) -> None:
    """六破三 (two base columns a body column), the corner four base columns: one body column
    runs beside the corner to the foot, two end above it; none is blank, none enters it."""
    paras = _paragraphs()
    doc, report = _render(tmp_path, book, _issue("right", paras[:8], paras[8:13], extra="\n        columns: 3"))
    x0, y0, x1, _ = _corner_box(doc)
    a_lines = _lines(doc, "a")
    for line in a_lines:
        right = line.x + line.glyphs[-1].x + line.glyphs[-1].size
        assert right <= x0 or line.x >= x1 or line.baseline + 2.0 <= y0, (line.text, line.x, line.baseline)
    columns = sorted({round(line.x, 1) for line in a_lines})
    assert len(columns) == 3
    deepest = {x: max(line.baseline for line in a_lines if round(line.x, 1) == x) for x in columns}
    assert deepest[columns[0]] > y0 + 20 * PITCH  # the side column runs on beside the corner, nearly to the foot
    for x in columns[1:]:
        assert x >= x0 and deepest[x] <= y0
    assert max(line.x + line.glyphs[-1].x + line.glyphs[-1].size for line in a_lines
               if round(line.x, 1) == columns[0]) <= x0  # the side column is whole beside the corner
    (fit,) = [f for f in report.copy_fit() if f["block"] == "a"]
    assert fit["overset_lines"] == 0


def test_a_corner_that_leaves_less_than_the_head_is_refused(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    paras = _paragraphs()
    text = _issue("right", paras[:8], paras[8:13], corner="{side: right, span: 4, lines: 38}",
                  b_at="{column: 3, span: 4, line: 3, lines: 38}")
    err = _refused(tmp_path, capsys, text)
    assert "bad.yaml:12 pages[0].blocks[0].corner.lines" in err
    assert "head group of article 'a'" in err and "leaves 2 above it" in err and "撞题" in err


def test_a_head_lowered_by_a_wrapped_photo_into_the_corner_is_refused(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """A wrapped photo across the L's top sets its head below it; that head would reach the corner."""
    paras = _paragraphs()
    text = _issue("right", paras[:8], paras[8:13]) + _photo(tmp_path, "{column: 1, span: 6, line: 1, lines: 14}")
    err = _refused(tmp_path, capsys, text)
    assert "bad.yaml:12 pages[0].blocks[0].corner.lines" in err and "leaves 1 above it" in err
    assert "at most 21 lines tall" in err  # the corner's top then falls below the head (line 16 + 4)


@pytest.mark.expect_warnings  # (its copy is overset: two columns beside a corner this tall)
def test_a_corner_leaving_just_the_head_sets_it_across(tmp_path: Path, book: FontBook) -> None:
    """The boundary the refusal names: a corner as tall as it allows keeps the head across the top."""
    paras = _paragraphs()
    path = tmp_path / "bad.yaml"
    path.write_text(_issue("right", paras[:8], paras[8:13], corner="{side: right, span: 4, lines: 38}",
                           b_at="{column: 3, span: 4, line: 3, lines: 38}"), encoding="utf-8")
    with pytest.raises(IssueError) as info:
        from layout.page import typeset
        typeset(load_issue(path), book)
    most = int(str(info.value).rsplit("at most ", 1)[1].split()[0])
    doc, _ = _render(tmp_path, book, _issue("right", paras[:8], paras[8:13],
                                            corner=f"{{side: right, span: 4, lines: {most}}}",
                                            b_at=f"{{column: 3, span: 4, line: {41 - most}, lines: {most}}}"))
    x0, y0, _, _ = _corner_box(doc)
    heads = _lines(doc, "a", "head")
    assert heads and max(h.baseline for h in heads) <= y0 and min(h.x for h in heads) < x0
    assert max(h.x + h.glyphs[-1].x + h.glyphs[-1].size for h in heads) > x0  # across, over the corner


def _photo(tmp_path: Path, at: str) -> str:
    from PIL import Image

    Image.new("L", (40, 30), 128).save(tmp_path / "p.png")
    return f"""      - type: photo
        id: ph
        at: {at}
        image: p.png
        wrap: true
"""


def test_a_wrapped_photo_alone_in_a_corner_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paras = _paragraphs()
    text = _issue("right", paras[:8], paras[8:10], b_at="{column: 3, span: 4, line: 17, lines: 12}")
    err = _refused(tmp_path, capsys, text + _photo(tmp_path, "{column: 3, span: 2, line: 29, lines: 12}"))
    assert "pages[0].blocks[2].wrap" in err and "inside no article" in err
    assert "the corner 'a' leaves to other blocks is columns 3-6, lines 17-40" in err


def test_a_wrapped_photo_across_the_corners_edge_names_the_l(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    paras = _paragraphs()
    text = _issue("right", paras[:8], paras[8:13])
    err = _refused(tmp_path, capsys, text + _photo(tmp_path, "{column: 2, span: 2, line: 10, lines: 12}"))
    assert "pages[0].blocks[2].at" in err and "wraps into article 'a' but reaches into its corner" in err
    assert "'b'" not in err


def test_the_summary_counts_an_ls_own_lines(tmp_path: Path, book: FontBook) -> None:
    paras = _paragraphs()
    _, report = _render(tmp_path, book, _issue("right", paras[:8], paras[8:13]))
    (a,) = [b for b in report.to_json()["blocks"] if b["block"] == "a"]
    assert a["overset_lines"] == 0 and 0 < a["lines_used"] <= a["lines_available"]
    (fit,) = [f for f in report.copy_fit() if f["block"] == "a"]
    assert a["lines_used"] >= fit["lines_set"]  # its text's lines and the white between its paragraphs only


def test_the_refusal_survives_a_worker_process() -> None:
    """Pages of a long issue are laid out in worker processes: the error comes back whole."""
    import pickle

    said = pickle.loads(pickle.dumps(IssueError("i.yaml", 12, "pages[3].blocks[0].corner.lines", "撞题")))
    assert isinstance(said, IssueError) and str(said) == "i.yaml:12 pages[3].blocks[0].corner.lines: 撞题"
