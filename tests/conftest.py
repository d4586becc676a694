"""Shared fixtures: a box font with trivial metrics, the real font book, log checks."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from layout.issue.model import Typography
from layout.logger import LOGGER
from layout.makeup import store
from layout.text.font import FontBook, default_book
from tests.fontmaker import build_box_font

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "issue" / "sample-broadsheet.yaml"
HOUSE = ROOT / "issue" / "kunming.house.yaml"  # the house-style file the sample references
SEED = ROOT / "tests" / "data" / "seed-page.txt"  # copy of the customer page text


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden`` rewrites the golden dumps instead of comparing."""
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden files")


@pytest.fixture(scope="session")
def box_font_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding BoxTest.ttf."""
    folder = tmp_path_factory.mktemp("fonts")
    build_box_font(folder / "BoxTest.ttf")
    build_box_font(folder / "BoxCentred.ttf", "BoxCentred", centred=True)
    build_box_font(folder / "BoxLatin.ttf", "BoxLatin", latin_advance=600)
    build_box_font(folder / "BoxVert.ttf", "BoxVert", vertical=True)
    return folder


@pytest.fixture
def box_book(box_font_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FontBook:
    """A FontBook whose every role is the box font (exact, integer metrics)."""
    monkeypatch.setenv("BANMIAN_FONT_PATH", str(box_font_dir))
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    return FontBook({role: ("BoxTest",) for role in ("song", "song_bold", "hei", "hei_bold", "kai")})


@pytest.fixture(scope="session")
def book() -> FontBook:
    """The real fonts that the README's install command provides."""
    return default_book()


@pytest.fixture
def no_makeup_cache() -> Iterator[None]:
    """The make-up's cache across runs off for the test (measured and searched afresh), then as it was."""
    before = store.enabled()
    store.use(False)
    try:
        yield
    finally:
        store.use(before)


@pytest.fixture
def typo() -> Typography:
    """Default typography settings."""
    return Typography()


# The sample's page-2 ad slot has no artwork on purpose (a placeholder that never prints); the
# warning that says so is the one a test rendering the sample expects.
SAMPLE_AD_WARNING = "ad: page 2, block 'ad': no artwork yet"


@pytest.fixture(autouse=True)
def no_unexpected_warnings(caplog: pytest.LogCaptureFixture, request: pytest.FixtureRequest,
                           monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that logs a banmian warning unless it is marked ``expect_warnings``."""
    monkeypatch.setattr(LOGGER, "propagate", True)  # undo what an earlier CLI test configured
    monkeypatch.setattr(LOGGER, "handlers", [])
    caplog.set_level(logging.WARNING, logger="banmian")
    yield
    if request.node.get_closest_marker("expect_warnings"):
        return
    records = caplog.get_records("setup") + caplog.get_records("call")
    warnings = [r.getMessage() for r in records if r.name.startswith("banmian") and r.levelno >= logging.WARNING
                and not r.getMessage().startswith(SAMPLE_AD_WARNING)]
    assert not warnings, f"unexpected warnings: {warnings}"


def pytest_configure(config: pytest.Config) -> None:
    """Register markers."""
    config.addinivalue_line("markers", "expect_warnings: the test expects banmian warnings")


PDF_FONT = "PreflightBox"  # the box font as reportlab registers it for hand-made test PDFs


@pytest.fixture(scope="module")
def font(box_font_dir: Path) -> str:
    """The embeddable box font registered with reportlab (it embeds a subset), for PDFs the
    preflight tests build."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(PDF_FONT, str(box_font_dir / "BoxTest.ttf")))
    return PDF_FONT
