"""The live preview lays out again only the pages an edit can change (``layout.preview.relayout``).

Each case edits a copy of the sample issue on disk, re-renders it as the preview does
(``PreviewState.refresh``) and checks which page frames are the last render's objects,
and that everything the preview shows is what a fresh render of the edited file gives:
the frames, the block reports (findings), the warnings, each page's PNG bytes and every
overlay layer.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from layout.preview.build import typeset_file
from layout.preview.overlay import OVERLAYS, layer
from layout.preview.serve import PreviewState
from layout.render.png import png_bytes, render_page
from layout.text.font import FontBook
from tests.conftest import HOUSE, SAMPLE

DPI = 30
PAGE2_TEXT = "（续稿占位）此处接排第1版“产业布局新突破”一节的下文。"  # lead-2b's body, page 2
LEAD_TEXT = "近日,全球动力电池行业领军企业"  # the jump source (lead, page 1): its body


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    """A copy of the sample beside its house file and photos (page 2's photo slot given a photo)."""
    text = SAMPLE.read_text(encoding="utf-8").replace("label: 配图待定", "image: photos/demo-lake.jpg", 1)
    assert "photos/demo-lake.jpg" in text
    shutil.copy(HOUSE, tmp_path / HOUSE.name)
    shutil.copytree(SAMPLE.parent / "photos", tmp_path / "photos")
    path = tmp_path / "issue.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the file, with a new modification time."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The banmian warnings logged since the last clear."""
    return [r.getMessage() for r in caplog.records if r.name.startswith("banmian") and r.levelno >= logging.WARNING]


def _refreshed(state: PreviewState, caplog: pytest.LogCaptureFixture) -> tuple[list[object], list[str]]:
    """Re-render; the previous frames (to compare with) and the warnings it logged."""
    assert state.preview is not None
    before = list(state.preview.document.pages)
    caplog.clear()
    state.refresh()
    assert state.error is None, state.error
    return before, _warnings(caplog)


def _as_fresh(state: PreviewState, book: FontBook, said: list[str], caplog: pytest.LogCaptureFixture) -> None:
    """What the preview now shows is a fresh render's: frames, reports, warnings, PNG bytes, overlays."""
    caplog.clear()
    fresh = typeset_file(state.source, book)
    assert _warnings(caplog) == said
    preview = state.preview
    assert preview is not None
    assert preview.document == fresh.document
    assert preview.report.blocks == fresh.report.blocks
    fonts = book.resources(fresh.document.faces())
    for k, frame in enumerate(fresh.document.pages, 1):
        assert state.png(k, "page") == png_bytes(render_page(frame, fonts, DPI)), k
        for name in OVERLAYS:
            assert state.png(k, name) == png_bytes(layer(name, frame, fresh.report, book, DPI)), (k, name)


def _relaid(state: PreviewState, book: FontBook, caplog: pytest.LogCaptureFixture, laid: list[int]) -> list[object]:
    """Re-render after an edit: the pages laid out again are ``laid``, and what the preview shows is
    a fresh render's (``_as_fresh``); the previous frames, to compare with."""
    before, said = _refreshed(state, caplog)
    assert state.memory.laid_out == laid
    _as_fresh(state, book, said, caplog)
    return before


@pytest.mark.expect_warnings  # (the edits may leave a widow)
def test_an_edit_to_page_2_reuses_page_1(issue: Path, book: FontBook, caplog: pytest.LogCaptureFixture) -> None:
    state = PreviewState(issue, book, DPI)
    state.refresh()
    assert state.memory.laid_out == [0, 1]  # the first render lays out every page
    _edit(issue, PAGE2_TEXT, PAGE2_TEXT + "增补一句，含数字2026与Latin词。")
    before = _relaid(state, book, caplog, [1])
    assert state.preview is not None
    pages = state.preview.document.pages
    assert pages[0] is before[0] and pages[1] is not before[1] and pages[1] != before[1]


@pytest.mark.expect_warnings
def test_lines_moved_by_an_edit_above_do_not_count(issue: Path, book: FontBook,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    """Comment lines added on page 1 move the blocks below them down the file: no page changed."""
    state = PreviewState(issue, book, DPI)
    state.refresh()
    _edit(issue, "      - type: article\n        id: lead\n",
          "      # a note of the desk\n      # over two lines\n      - type: article\n        id: lead\n")
    before = _relaid(state, book, caplog, [])
    assert state.preview is not None and list(state.preview.document.pages) == before
    assert all(a is b for a, b in zip(state.preview.document.pages, before))


@pytest.mark.expect_warnings
def test_jumps(issue: Path, book: FontBook, caplog: pytest.LogCaptureFixture) -> None:
    """The jump source's headline is repeated on its continuations: an edit to it lays out
    page 2 again; an edit to the source's text alone changes nothing page 2 shows; moving
    a continuation to page 1 changes the source's （下转） line and page 2."""
    state = PreviewState(issue, book, DPI)
    state.refresh()
    _edit(issue, "headline: {text: 新能源产业集群蓄势崛起, size: 初号}",
          "headline: {text: 新能源产业集群崛起, size: 初号}")
    before = _relaid(state, book, caplog, [0, 1])
    assert state.preview is not None
    assert all(a is not b for a, b in zip(state.preview.document.pages, before))

    _edit(issue, LEAD_TEXT, LEAD_TEXT + "（新增文字）")
    before = _relaid(state, book, caplog, [0])
    assert state.preview.document.pages[1] is before[1]


@pytest.mark.expect_warnings
def test_house_style_and_issue_keys_lay_out_every_page(issue: Path, book: FontBook,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    state = PreviewState(issue, book, DPI)
    state.refresh()
    _edit(issue, "  number: 21876", "  number: 21877")  # issue: shown in the masthead
    _relaid(state, book, caplog, [0, 1])
    house = issue.parent / HOUSE.name
    text = house.read_text(encoding="utf-8")
    assert "running_head:" in text or "rules:" in text
    house.write_text(text + "\n# edited\n", encoding="utf-8")  # a comment: the style is the same
    _refreshed(state, caplog)
    assert state.memory.laid_out == []
    _edit(issue, "\nhouse: kunming.house.yaml", "\nstyle: {rules: {between: 0.3pt}}\nhouse: kunming.house.yaml")
    _relaid(state, book, caplog, [0, 1])


@pytest.mark.expect_warnings
def test_a_photo_changed_on_disk_lays_out_its_page(issue: Path, book: FontBook,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    state = PreviewState(issue, book, DPI)
    state.refresh()
    photo = issue.parent / "photos" / "demo-lake.jpg"
    shutil.copy(issue.parent / "photos" / "demo-lake-mono.jpg", photo)
    stat = photo.stat()
    os.utime(photo, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    before = _relaid(state, book, caplog, [1])
    assert state.preview is not None and state.preview.document.pages[0] is before[0]


@pytest.mark.expect_warnings  # (the edits may leave a widow)
def test_a_face_new_to_page_2_keeps_page_1s_raster(issue: Path, book: FontBook,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    state = PreviewState(issue, book, DPI)
    state.refresh()
    first = list(state.pages)
    assert state.preview is not None
    faces = set().union(*(page.faces() for page in state.preview.document.pages))
    _edit(issue, PAGE2_TEXT, PAGE2_TEXT + "（占位）球迷举起⚽与𪜀。")  # drawn in faces no page drew before
    _relaid(state, book, caplog, [1])
    assert state.preview is not None and state.preview.document.pages[1].faces() - faces  # a face new to the issue
    assert state.pages[0] is first[0]  # page 1's raster kept, not drawn again (review W F9)
