"""The local web preview: pages, overlay layers, errors on the page, reload after a change, a real browser."""

from __future__ import annotations

import html
import io
import json
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.error import HTTPError

import pytest
from PIL import Image

from layout import cli
from layout.preview.overlay import OVERLAYS, underset
from layout.preview.serve import PreviewServer
from layout.report import fit_text
from layout.text.font import FontBook
from tests.conftest import HOUSE, SAMPLE
from tests.test_preview_watch import POLL, touch, wait_for

DPI = 40
CHROMIUM = Path("/usr/bin/chromium")
BROKEN = ("span: 5, line: 33", "span: 9, line: 33")


def get(url: str) -> tuple[int, str, bytes]:
    """Status, content type and body of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except HTTPError as exc:
        with exc:
            return exc.code, exc.headers["Content-Type"], exc.read()


def version(server: PreviewServer) -> dict[str, object]:
    """What /version says."""
    status, kind, body = get(server.url + "version")
    assert status == 200 and kind == "application/json"
    return dict(json.loads(body))


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    """A copy of the sample issue that the tests may break."""
    path = tmp_path / "sample.yaml"
    shutil.copy(SAMPLE, path)
    shutil.copy(HOUSE, tmp_path)
    return path


@pytest.fixture
def server(issue: Path, book: FontBook) -> Iterator[PreviewServer]:
    """The preview of ``issue`` on 127.0.0.1, an ephemeral port, polling fast."""
    with PreviewServer(issue, book, port=0, dpi=DPI, interval=POLL) as running:
        yield running


def break_issue(issue: Path, server: PreviewServer, fix: bool = False) -> dict[str, object]:
    """Break (or fix) the block span in the YAML; the status after the re-render."""
    before = version(server)["version"]
    old, new = BROKEN[::-1] if fix else BROKEN
    issue.write_text(issue.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    wait_for(lambda: version(server)["version"] != before)
    return version(server)


def test_the_page_lists_every_page_and_overlay_switch(server: PreviewServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    status, kind, body = get(server.url)
    text = body.decode()
    assert status == 200 and kind == "text/html; charset=utf-8"
    assert '<img class="base" src="/page/1.png?v=1"' in text and "第1版 要闻" in text
    for name in OVERLAYS:
        assert f'data-overlay="{name}"' in text and f'data-src="/page/1/{name}.png?v=1"' in text
    assert 'fetch("/version"' in text and "location.reload()" in text
    assert server.state.preview is not None
    report = server.state.preview.report
    for fit in report.copy_fit():  # the findings list: the render line's words, each a link to its block
        if fit["verdict"] != "fits":
            k = 1 if fit["page"] == 1 else 2
            assert f'<a href="#b{k}-{fit["block"]}">第{fit["page"]}版 ' in text
            assert html.escape(fit_text(fit)) in text
            assert f'id="b{k}-{fit["block"]}"' in text
    # the underset overlay shows the same empty lines per article as the report
    for k, frame in enumerate(server.state.preview.document.pages, 1):
        for fit in report.copy_fit():
            if fit["page"] == frame.number and fit["verdict"] != "fits":
                bands = [b.lines for b in underset(frame, report) if b.block == fit["block"]]
                assert sum(bands) == fit["underset_lines"], (k, fit)
    assert ".sheet img[hidden] { display: none; }" in text  # unchecked overlays really hide
    assert version(server) == {"version": 1, "error": None}


def test_page_and_overlay_images(server: PreviewServer) -> None:
    status, kind, body = get(server.url + "page/1.png?v=1")
    assert status == 200 and kind == "image/png"
    with Image.open(io.BytesIO(body)) as page:
        assert page.mode == "RGB" and page.size == (615, 859)  # 390 × 545 mm at 40 dpi
    status, _, body = get(server.url + "page/1/blocks.png")
    with Image.open(io.BytesIO(body)) as over:
        assert status == 200 and over.mode == "RGBA" and over.size == (615, 859)
        assert over.getchannel("A").getextrema() == (0, 255)  # transparent, with outlines
    assert get(server.url + "page/3.png")[0] == 404
    assert get(server.url + "page/1/nope.png")[0] == 404
    assert get(server.url + "nothing")[0] == 404


def test_a_yaml_error_shows_on_the_page_and_the_server_keeps_going(issue: Path, server: PreviewServer) -> None:
    line = 1 + issue.read_text(encoding="utf-8").split(BROKEN[0])[0].count("\n")
    status = break_issue(issue, server)
    assert status["version"] == 2
    assert status["error"] == f"{issue}:{line} pages[0].blocks[4].at.span: 9 is more than the 8 columns"
    text = get(server.url)[2].decode()
    assert f'<pre class="error" id="error" role="alert">{issue}:{line} pages[0].blocks[4].at.span: 9 is more' in text
    assert '<main class="stale">' in text and get(server.url + "page/1.png")[0] == 200  # the last good render
    status = break_issue(issue, server, fix=True)
    assert status == {"version": 3, "error": None}
    assert 'class="error"' not in get(server.url)[2].decode()


def test_a_change_gives_exactly_one_new_version(issue: Path, server: PreviewServer) -> None:
    touch(issue)
    wait_for(lambda: version(server)["version"] == 2)
    time.sleep(10 * POLL)
    assert version(server)["version"] == 2
    assert 'src="/page/1.png?v=2"' in get(server.url)[2].decode()


def test_serve_command_reports_a_busy_port(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert cli.main(["serve", str(SAMPLE), "--port", str(port)]) == 4
    assert f"127.0.0.1:{port}: cannot listen" in capsys.readouterr().err


def chromium(profile: Path, *args: str) -> str:
    """Headless Chromium's output for ``args`` (the URL last), with a throwaway profile."""
    result = subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                             f"--user-data-dir={profile}", "--virtual-time-budget=3000", *args],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install chromium)")
def test_in_a_real_browser(issue: Path, server: PreviewServer, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    dom = chromium(profile, "--dump-dom", server.url + "#overlays=grid,blocks")
    assert '<img class="base" src="/page/1.png?v=1"' in dom
    # the script ran: the chosen overlays are loaded and shown, the others not
    assert '<img class="ov ov-grid" data-src="/page/1/grid.png?v=1" alt="" src="/page/1/grid.png?v=1">' in dom
    assert '<img class="ov ov-loose" data-src="/page/1/loose.png?v=1" alt="" hidden="">' in dom
    shot = tmp_path / "shot.png"
    chromium(profile, f"--screenshot={shot}", "--window-size=800,1200", server.url)
    with Image.open(shot) as image:  # the page image arrived: dark text pixels below the header
        assert image.convert("L").crop((40, 200, 760, 1100)).getextrema()[0] < 80
    break_issue(issue, server)
    dom = chromium(profile, "--dump-dom", server.url)
    assert 'id="error"' in dom and "span: 9 is more than the 8 columns" in dom


def test_images_come_from_the_render_their_page_names(issue: Path, server: PreviewServer) -> None:
    first = get(server.url + "page/1.png?v=1")[2]
    touch(issue)
    wait_for(lambda: version(server)["version"] == 2)
    text = issue.read_text(encoding="utf-8")
    issue.write_text(text.replace("开创昆明发展新局面", "开创发展新局面"), encoding="utf-8")
    wait_for(lambda: version(server)["version"] == 3)
    assert 'src="/page/1.png?v=3"' in get(server.url)[2].decode()
    assert get(server.url + "page/1.png?v=1")[2] == first  # a page loaded before the edits still gets its own
    assert get(server.url + "page/1.png?v=3")[2] != first  # the banner changed
    assert get(server.url + "page/1.png?v=99")[0] == 404  # a render the server never made or no longer keeps


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install chromium)")
def test_scrolled_down_the_error_banner_is_in_view_and_findings_link_to_blocks(issue: Path, server: PreviewServer,
                                                                               tmp_path: Path) -> None:
    from tests.browser import Browser

    break_issue(issue, server)
    with Browser(tmp_path / "profile", 900, 700) as browser:
        browser.open(server.url)
        browser.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        time.sleep(0.3)
        assert browser.evaluate("scrollY") > 700  # really scrolled down, far past the top of the page
        box = browser.evaluate("(r => [r.top, r.bottom, r.height])(document.getElementById('error')"
                               ".getBoundingClientRect())")
        assert box[2] > 20 and 0 <= box[0] < box[1] <= 700  # the banner is inside the viewport
        shot = browser.screenshot()
        red = shot.getpixel((5, round((box[0] + box[1]) / 2)))
        assert red[0] > 150 and red[1] < 40 and red[2] < 40  # and drawn there, red
        assert "span: 9 is more than the 8 columns" in browser.evaluate("document.getElementById('error').textContent")
        # a finding links to its block: following it scrolls the block into view and outlines it
        link = browser.evaluate("[...document.querySelectorAll('ul.findings a')].map(a => a.hash)"
                                ".find(h => h.startsWith('#b2-'))")
        browser.evaluate(f"document.querySelector('ul.findings a[href=\"{link}\"]').click()")
        time.sleep(0.3)
        target = browser.evaluate(f"(r => [r.top, r.bottom])(document.getElementById('{link[1:]}')"
                                  ".getBoundingClientRect())")
        assert 0 <= target[0] < 700 and browser.evaluate("document.querySelector(':target').className") == "blk"
        # zoom: + makes the pages wider than fit, fit brings them back
        fit = browser.evaluate("document.querySelector('.sheet').getBoundingClientRect().width")
        browser.evaluate("document.getElementById('zoom-in').click()")
        wider = browser.evaluate("document.querySelector('.sheet').getBoundingClientRect().width")
        browser.evaluate("document.getElementById('zoom-fit').click()")
        assert wider > fit * 1.1 and browser.evaluate("document.querySelector('.sheet')"
                                                      ".getBoundingClientRect().width") == fit
        # every image on the page is of the render the page shows
        sources = browser.evaluate("[...document.querySelectorAll('main img')].map(i => i.getAttribute('src') || "
                                   "i.dataset.src)")
        assert sources and {s.split("?v=")[1] for s in sources} == {"1"}


@pytest.mark.expect_warnings  # the missing glyph is logged too
def test_missing_glyphs_are_findings_with_the_character(tmp_path: Path, book: FontBook) -> None:
    issue = tmp_path / "m.yaml"
    issue.write_text("""banmian: 1
issue: {paper: 测试报, date: 2026-01-20}
pages:
  - number: 1
    blocks:
      - type: article
        id: rare
        at: {column: 1, span: 2, line: 1, lines: 10}
        body: ["这个字𱍐很少见。"]  # CJK Extension H: no installed face has it
""", encoding="utf-8")
    with PreviewServer(issue, book, port=0, dpi=DPI, interval=POLL) as running:
        text = get(running.url)[2].decode()
        assert "rare: 缺字, no font has 𱍐 (U+31350)" in text and '<a href="#b1-rare">' in text
        status, _, body = get(running.url + "page/1/missing.png?v=1")
    with Image.open(io.BytesIO(body)) as over:
        assert status == 200 and over.getchannel("A").getextrema()[1] > 0  # the glyph is framed


@pytest.mark.expect_warnings  # the overset is logged too
def test_an_overset_note_is_a_finding_with_its_reason(tmp_path: Path, book: FontBook) -> None:
    """A caption that leaves no room for its picture: the finding says so, not only '1 lines, 0 characters'."""
    issue = tmp_path / "p.yaml"
    caption = "滇池东岸的观鸟栈道上，摄影爱好者正在拍摄越冬的红嘴鸥。" * 2
    issue.write_text(f"""banmian: 1
issue: {{paper: 测试报, date: 2026-01-20}}
pages:
  - number: 1
    blocks:
      - type: photo
        id: p
        at: {{column: 1, span: 1, line: 1, lines: 4}}
        caption: {caption}
""", encoding="utf-8")
    with PreviewServer(issue, book, port=0, dpi=DPI, interval=POLL) as running:
        text = get(running.url)[2].decode()
    assert "p: overset" in text and "(no room for the picture above its caption)" in text
