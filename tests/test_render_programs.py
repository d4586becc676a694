"""The body face's subset program made by the process that set some of the page's stories
(``layout.render.programs``), while this one draws the page: the PDF is the same byte for byte as one
process writes it, whether that process made the program, was asked for other glyphs than the page drew,
or failed at it; and a render in one process asks nothing."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import layout.workers
from layout import cli, errands
from layout.errors import FontError
from layout.frame import ImageItem, VerticalLine
from layout.render import programs, subsets
from layout.render.cidfont import CIDFont, TrueTypeFile
from tests.fresh import one_page_issue


@pytest.fixture
def given(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Each face whose program the PDF writer made or was given (no subset kept from before: every page
    makes its programs anew), with whether another process made it; a second processor taken as free."""
    monkeypatch.setattr(subsets, "get", lambda key, gids: None)
    monkeypatch.setattr(subsets, "put", lambda key, gids, keep, made: None)
    monkeypatch.setattr(layout.workers, "idle_core", lambda: True)
    seen: list[tuple[str, bool]] = []
    mine = CIDFont._given

    def recording(self: CIDFont, gids: list[int]) -> Any:
        made = mine(self, gids)
        seen.append((self.name, made is not None))
        return made

    monkeypatch.setattr(CIDFont, "_given", recording)
    return seen


def _failed(issue: Path, out: Path, jobs: int, capsys: pytest.CaptureFixture[str]) -> str:
    """The error the render command gives (it fails, writing nothing)."""
    capsys.readouterr()
    assert cli.main(["render", str(issue), "-o", str(out), "--quiet", "--jobs", str(jobs)]) != 0
    assert not out.exists()
    return capsys.readouterr().err.splitlines()[-1]


def _render(issue: Path, out: Path, jobs: int) -> bytes:
    assert cli.main(["render", str(issue), "-o", str(out), "--quiet", "--jobs", str(jobs)]) == 0
    return out.read_bytes()


@pytest.mark.expect_warnings  # the one-page copy's jump lines (`jump: 2 #a`) are warned of as comments
def test_the_body_faces_program_made_by_the_other_process_is_the_same_pdf(
        tmp_path: Path, given: list[tuple[str, bool]]) -> None:
    issue = one_page_issue(tmp_path)
    alone = _render(issue, tmp_path / "one.pdf", 1)
    assert given and not any(elsewhere for _, elsewhere in given)
    given.clear()
    assert _render(issue, tmp_path / "two.pdf", 2) == alone
    assert [name for name, elsewhere in given if elsewhere] == ["BanmianSerifSC-Regular"]  # (the body face)
    assert not errands._RUNNING and not errands._KEPT and not errands._ASKED


@pytest.mark.expect_warnings
def test_a_program_asked_for_other_glyphs_or_failed_there_is_made_here(
        tmp_path: Path, given: list[tuple[str, bool]], monkeypatch: pytest.MonkeyPatch) -> None:
    issue = one_page_issue(tmp_path)
    alone = _render(issue, tmp_path / "one.pdf", 1)
    drawn = programs.glyph_sets

    def one_less(frames: Any) -> dict[str, set[int]]:
        sets = drawn(frames)
        for gids in sets.values():
            gids.discard(max(gids))
        return sets

    monkeypatch.setattr(programs, "glyph_sets", one_less)
    given.clear()
    assert _render(issue, tmp_path / "other.pdf", 2) == alone
    assert given and not any(elsewhere for _, elsewhere in given)
    monkeypatch.setattr(programs, "glyph_sets", drawn)
    parent, program = os.getpid(), CIDFont._program

    def fails_there(self: CIDFont, gids: list[int]) -> Any:
        if os.getpid() != parent:
            raise ValueError("（占位）damaged there")
        return program(self, gids)

    monkeypatch.setattr(CIDFont, "_program", fails_there)
    given.clear()
    assert _render(issue, tmp_path / "failed.pdf", 2) == alone
    assert given and not any(elsewhere for _, elsewhere in given)


@pytest.mark.expect_warnings
def test_a_render_in_one_process_asks_nothing(tmp_path: Path, given: list[tuple[str, bool]],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[Any] = []
    monkeypatch.setattr(errands, "errand", lambda *args: asked.append(args))
    monkeypatch.setattr(errands, "ahead", lambda *args: asked.append(args))
    _render(one_page_issue(tmp_path), tmp_path / "one.pdf", 1)
    assert given and not asked


@pytest.mark.expect_warnings  # (the hand-off demo's placeholders)
def test_the_glyphs_read_from_the_frames_are_those_the_writer_hands_cids_for() -> None:
    """``glyph_sets`` on the hand-off demo (horizontal lines of several faces, a vertical headline) gives
    each face the glyph ids its CIDs draw once the PDF is written (.notdef with each)."""
    from layout.page import typeset_file
    from layout.render import pdf
    from layout.text.font import default_book
    from tests.fresh import ROOT

    book = default_book()
    _, document, _ = typeset_file(ROOT / "issue" / "handoff-demo.yaml", book)
    pages = [replace(page, items=tuple(i for i in page.items if not isinstance(i, ImageItem)))  # (no canvas)
             for page in document.pages]
    assert any(isinstance(item, VerticalLine) for page in pages for item in page.items)
    table = pdf._Fonts(book.resources(document.faces()))
    pdf.draw_pages(pages, table, lambda frame: [].append, lambda frame: None)
    drawn = {name: {gid for gid, _ in font.cids} for name, font in table.fonts.items()}
    assert programs.glyph_sets(page.items for page in pages) == drawn and len(drawn) >= 3


@pytest.mark.expect_warnings
def test_a_font_changed_or_replaced_meanwhile_is_met_as_in_one_process(
        tmp_path: Path, given: list[tuple[str, bool]], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The program made there is not taken from another file than this process reads (a font renamed over
    its path), nor when this process's file changed since it was opened (the error one process gives);
    with two faces damaged, the error names the first in the fonts' order, as in one process."""
    issue = one_page_issue(tmp_path)
    alone = _render(issue, tmp_path / "one.pdf", 1)
    monkeypatch.setattr(TrueTypeFile, "identity", lambda self: (os.getpid(), 0))  # (each process another file)
    given.clear()
    assert _render(issue, tmp_path / "renamed.pdf", 2) == alone
    assert given and not any(elsewhere for _, elsewhere in given)
    monkeypatch.undo()
    monkeypatch.setattr(layout.workers, "idle_core", lambda: True)
    parent = os.getpid()
    monkeypatch.setattr(TrueTypeFile, "unchanged",  # (the body face's file changed, here only)
                        lambda self: os.getpid() != parent or self.path.name != "BanmianSerifSC-Regular.ttf")
    said = [_failed(issue, tmp_path / "changed.pdf", jobs, capsys) for jobs in (1, 2)]
    assert said[0] == said[1] and "BanmianSerifSC-Regular.ttf: the font file changed while rendering" in said[0]
    monkeypatch.undo()
    monkeypatch.setattr(layout.workers, "idle_core", lambda: True)
    monkeypatch.setattr(subsets, "get", lambda key, gids: None)

    def damaged(self: CIDFont, gids: list[int]) -> Any:  # (the body face, drawn fourth, and the Kai, fifth)
        if self.font.path.name in ("BanmianSerifSC-Regular.ttf", "LXGWWenKai-Regular.ttf"):
            raise FontError(f"{self.font.path.name}: cannot embed this font (damaged glyph data)")
        return program(self, gids)

    program = CIDFont._program

    monkeypatch.setattr(CIDFont, "_program", damaged)
    said = [_failed(issue, tmp_path / "damaged.pdf", jobs, capsys) for jobs in (1, 2)]
    assert said[0] == said[1] and "BanmianSerifSC-Regular.ttf: cannot embed" in said[0]


def test_the_program_is_made_there_only_from_the_font_laid_out_with() -> None:
    from layout.text.font import default_book

    resource = default_book().resources(["BanmianSerifSC-Regular"])["BanmianSerifSC-Regular"]
    (keep, made), read = programs.made_elsewhere(str(resource.path), resource.key, [0, 5, 7])
    assert keep[:1] == [0] and made.startswith(b"<<") and read == TrueTypeFile(resource.path).identity()
    with pytest.raises(FontError, match="changed while rendering"):
        programs.made_elsewhere(str(resource.path), "another font", [0, 5, 7])


@pytest.mark.expect_warnings
def test_a_page_whose_subsets_are_kept_has_no_program_made_elsewhere(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Its subsets kept, a page asked ahead has no program made there, and one whose process is kept asks
    nothing of it."""
    monkeypatch.setattr(layout.workers, "idle_core", lambda: True)
    issue = one_page_issue(tmp_path)
    first = _render(issue, tmp_path / "first.pdf", 2)  # (its subsets kept: ``subsets``)
    made = tmp_path / "made"
    making = programs.made_elsewhere

    def noted(*args: Any) -> Any:  # (in the other process: a line in a file)
        with made.open("a") as out:
            out.write("made\n")
        return making(*args)

    monkeypatch.setattr(programs, "made_elsewhere", noted)
    assert _render(issue, tmp_path / "again.pdf", 2) == first
    assert not made.exists()
    asked: list[Any] = []
    monkeypatch.setattr(errands, "errand", lambda *args: asked.append(args))
    monkeypatch.setattr(errands, "_room", lambda fd: 0)  # (nothing asked ahead: the process kept)
    assert _render(issue, tmp_path / "kept.pdf", 2) == first
    assert not asked and not made.exists()


@pytest.mark.expect_warnings
def test_a_one_page_issue_asks_ahead_and_else_asks_the_process_kept(
        tmp_path: Path, given: list[tuple[str, bool]], monkeypatch: pytest.MonkeyPatch) -> None:
    """A one-page issue's body program is asked ahead (``Early``), not of the process kept; when it cannot be
    (its request would not fit the pipe at once) it is asked of the process kept: the same PDF each way."""
    issue = one_page_issue(tmp_path)
    alone = _render(issue, tmp_path / "one.pdf", 1)
    errand, ahead = errands.errand, errands.ahead
    calls: list[str] = []
    monkeypatch.setattr(errands, "errand", lambda *args: calls.append("errand") or errand(*args))
    monkeypatch.setattr(errands, "ahead", lambda *args: calls.append("ahead") or ahead(*args))
    given.clear()
    assert _render(issue, tmp_path / "ahead.pdf", 2) == alone
    assert calls == ["ahead"] and [name for name, there in given if there] == ["BanmianSerifSC-Regular"]
    monkeypatch.setattr(errands, "_room", lambda fd: 0)
    calls.clear()
    given.clear()
    assert _render(issue, tmp_path / "kept.pdf", 2) == alone
    assert calls == ["ahead", "errand"] and [name for name, there in given if there] == ["BanmianSerifSC-Regular"]
    assert not errands._RUNNING and not errands._KEPT and not errands._ASKED


_MADE_FOR_PAGE = programs.made_for_page


def _one_more(there: Any, here: Any, table: Any) -> Any:
    """``made_for_page`` saying it made the program for one glyph more than the page draws."""
    face, gids, program = _MADE_FOR_PAGE(there, here, table)
    return face, [*gids, 65535], program


@pytest.mark.expect_warnings
def test_a_program_made_ahead_for_another_face_is_made_here(
        tmp_path: Path, given: list[tuple[str, bool]], monkeypatch: pytest.MonkeyPatch) -> None:
    """When the other process finds another face drawing the most glyphs than this one expects, or another
    set of glyphs, its program is not taken: the program is made here, the same PDF."""
    issue = one_page_issue(tmp_path)
    alone = _render(issue, tmp_path / "one.pdf", 1)
    ahead, answers = errands.ahead, []
    monkeypatch.setattr(errands, "ahead", lambda *args: answers.append(ahead(*args)) or answers[-1])
    parent, largest = os.getpid(), programs._largest
    monkeypatch.setattr(programs, "_largest", lambda drawn: max(drawn) if os.getpid() != parent else largest(drawn))
    given.clear()
    assert _render(issue, tmp_path / "other-face.pdf", 2) == alone
    assert given and not any(there for _, there in given)
    monkeypatch.setattr(programs, "_largest", largest)
    monkeypatch.setattr(programs, "made_for_page", _one_more)
    given.clear()
    assert _render(issue, tmp_path / "other-glyphs.pdf", 2) == alone
    assert given and not any(there for _, there in given)
    assert len(answers) == 2 and all(answers)  # (asked ahead both times)


@pytest.mark.expect_warnings
def test_what_is_asked_ahead_counts_the_running_head_and_a_longer_issue_asks_the_process_kept(
        tmp_path: Path, given: list[tuple[str, bool]], monkeypatch: pytest.MonkeyPatch) -> None:
    """The items this process hands the hook include the page's running head (drawn before the stories); an
    issue of two pages (each shared, ``PARALLEL_FROM``) asks nothing ahead, its glyphs being two pages', and
    asks the process kept, the PDF as one process writes it."""
    import layout.page
    from layout.frame import TextLine

    call, blocks = programs.Early.__call__, []

    def noting(self: programs.Early, here: Any, table: Any, send: Any) -> None:
        blocks.extend(getattr(item, "block", "") for item in here)
        call(self, here, table, send)

    head = layout.page.running_head
    monkeypatch.setattr(programs.Early, "__call__", noting)
    monkeypatch.setattr(layout.page, "running_head", lambda context, folio: [TextLine(0.0, 9.0, (), "（占位）眉")])
    _render(one_page_issue(tmp_path), tmp_path / "one.pdf", 2)
    assert "（占位）眉" in blocks  # (the page's head: drawn before the stories, by this process)
    monkeypatch.setattr(programs.Early, "__call__", call)
    monkeypatch.setattr(layout.page, "running_head", head)
    from tests.fresh import ROOT

    errand, ahead = errands.errand, errands.ahead
    calls: list[str] = []
    monkeypatch.setattr(errands, "errand", lambda *args: calls.append("errand") or errand(*args))
    monkeypatch.setattr(errands, "ahead", lambda *args: calls.append("ahead") or ahead(*args))
    two = ROOT / "issue" / "sample-broadsheet.yaml"
    alone = _render(two, tmp_path / "two-alone.pdf", 1)
    given.clear()
    assert _render(two, tmp_path / "two.pdf", 2) == alone
    assert calls == ["errand"] and [name for name, there in given if there] == ["BanmianSerifSC-Regular"]


@pytest.mark.expect_warnings
def test_a_page_with_a_photo_asks_nothing_ahead(tmp_path: Path, given: list[tuple[str, bool]],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A document with a photo is written through the canvas, which takes no program made elsewhere: nothing is
    asked ahead (the other process would make a program for nothing); the PDF as one process writes it."""
    import shutil

    from tests.fresh import ROOT

    text = (ROOT / "issue" / "handoff-demo.yaml").read_text(encoding="utf-8").split("\n  - number: 2\n")[0]
    issue = tmp_path / "photo.yaml"
    issue.write_text(text.replace("jump: lead-2", "jump: 2 #"), encoding="utf-8")
    shutil.copy(ROOT / "issue" / "kunming.house.yaml", tmp_path)
    shutil.copytree(ROOT / "issue" / "photos", tmp_path / "photos")
    asked: list[Any] = []
    ahead = errands.ahead
    monkeypatch.setattr(errands, "ahead", lambda *args: asked.append(args) or ahead(*args))
    alone = _render(issue, tmp_path / "one.pdf", 1)
    assert _render(issue, tmp_path / "two.pdf", 2) == alone
    assert not asked


@pytest.mark.expect_warnings
def test_a_hook_that_fails_fails_nothing_and_a_picture_drawn_there_has_no_program_made(
        tmp_path: Path, given: list[tuple[str, bool]], monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook raising (an error in work only done sooner) leaves the page as one process makes it, the program
    asked of the process kept; the other process, finding a picture among what it drew (a headline's 题花: the
    canvas writes the document), makes no program."""
    issue = one_page_issue(tmp_path)
    alone = _render(issue, tmp_path / "one.pdf", 1)

    def failing(self: programs.Early, here: Any, table: Any, send: Any) -> None:
        raise RuntimeError("（占位）hook failed")

    monkeypatch.setattr(programs.Early, "__call__", failing)
    given.clear()
    assert _render(issue, tmp_path / "failed.pdf", 2) == alone
    assert [name for name, there in given if there] == ["BanmianSerifSC-Regular"]  # (asked of the kept process)
    assert not errands._RUNNING and not errands._KEPT and not errands._ASKED
    from layout.frame import ImageItem, TextLine
    from layout.text.font import default_book

    table = default_book().resources(["BanmianSerifSC-Regular"])
    drawn = {"BanmianSerifSC-Regular": {0, 5, 7}}
    line = TextLine(0.0, 9.0, (), "lead")
    picture = ImageItem(0.0, 0.0, 9.0, 9.0, tmp_path / "flower.png", b"")
    assert programs.made_for_page([line, picture], drawn, table) is None
    assert programs.made_for_page([line], drawn, table) is not None
