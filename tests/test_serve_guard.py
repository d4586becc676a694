"""The preview server against a hostile network: foreign Host names (DNS rebinding), absurd page
numbers, many silent connections, files outside the issue's folder with --safe."""

from __future__ import annotations

import http.client
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from layout.preview import serve
from layout.preview.serve import PreviewServer
from layout.text.font import FontBook

ISSUE = """banmian: 1
issue: {paper: 测试报, date: 2026-01-20}
pages:
  - number: 1
    paper: {width: 200mm, height: 200mm}
    grid: {columns: 3, chars: 8, body_size: 10pt, leading: 15pt}
    blocks:
      - {type: article, id: a, at: {column: 1, span: 2, line: 1, lines: 8}, body: [一一一一]}
"""


@pytest.fixture
def server(tmp_path: Path, box_book: FontBook) -> Iterator[PreviewServer]:
    """A small issue served on 127.0.0.1, an ephemeral port."""
    path = tmp_path / "i.yaml"
    path.write_text(ISSUE, encoding="utf-8")
    with PreviewServer(path, box_book, port=0, dpi=20) as running:
        yield running


def request(server: PreviewServer, path: str, host: str | None = None) -> tuple[int, bytes]:
    """Status and body of a GET of ``path`` with the ``Host`` header ``host`` (default: the real one)."""
    address, port = server.httpd.server_address[:2]
    connection = http.client.HTTPConnection(str(address), port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=host is not None)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_a_foreign_host_header_is_refused(server: PreviewServer) -> None:
    """A page on evil.example whose name now resolves to 127.0.0.1 (DNS rebinding) could read
    the preview: every Host was answered."""
    port = server.httpd.server_address[1]
    assert request(server, "/")[0] == 200
    assert request(server, "/", f"localhost:{port}")[0] == 200
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1:{port + 1}", f"localhost.evil.example:{port}"):
        status, body = request(server, "/version", host)
        assert status == 403 and b"version" not in body, host
    assert request(server, "/page/1.png", f"evil.example:{port}")[0] == 403


def test_page_numbers_are_checked_as_numbers(server: PreviewServer) -> None:
    """A 5000-digit page number raised an uncaught ValueError in the request thread."""
    assert request(server, "/page/1.png")[0] == 200
    for path in ("/page/" + "9" * 5000 + ".png", "/page/" + "9" * 5000 + "/grid.png", "/page/0.png",
                 "/page/2.png", "/page/1.png?v=abc", "/page/1/grid.png?v=", "/page/1.png?v=1e3"):
        assert request(server, path)[0] == 404, path


def answers_again(server: PreviewServer, within: float = 20.0) -> bool:
    """Whether ``/version`` is answered 200 within ``within`` seconds (freed slots come back as
    their handler threads end: quickly, but not at a fixed moment on a loaded machine)."""
    deadline = time.monotonic() + within
    while request(server, "/version")[0] != 200:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_a_full_server_answers_503_with_retry_after(server: PreviewServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """With every slot held by a half request, a real request got an empty reply (no status at all)."""
    monkeypatch.setattr(serve._Handler, "timeout", 3.0)
    address = server.httpd.server_address[:2]
    held = [socket.create_connection(address, timeout=5) for _ in range(serve.MAX_THREADS + 8)]
    try:
        for sock in held:
            sock.sendall(b"GET /version HTTP/1.1\r\nHo")  # half a request, then silence
        time.sleep(0.3)
        for _ in range(3):
            connection = http.client.HTTPConnection(*address, timeout=5)
            connection.request("GET", "/version")
            response = connection.getresponse()
            assert response.status == 503 and response.getheader("Retry-After") == "1"
            assert b"busy" in response.read()
            connection.close()
    finally:
        for sock in held:
            sock.close()
    assert answers_again(server)  # the slots are free again


def test_silent_connections_hold_neither_threads_nor_the_server(server: PreviewServer,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """200 half-open connections held 200 threads, with no timeout."""
    monkeypatch.setattr(serve._Handler, "timeout", 1.0)
    before = threading.active_count()
    address = server.httpd.server_address[:2]
    sockets = [socket.create_connection(address, timeout=5) for _ in range(200)]
    try:
        for sock in sockets[:20]:
            sock.sendall(b"GET / HT")  # half a request line, then silence
        time.sleep(0.5)
        assert threading.active_count() - before <= serve.MAX_THREADS
        time.sleep(1.0)  # the handlers' timeout: the slots are freed
        assert answers_again(server)
    finally:
        for sock in sockets:
            sock.close()


@pytest.mark.expect_warnings  # a small test photo: low resolution
def test_safe_refuses_images_outside_the_folder(tmp_path: Path, box_book: FontBook) -> None:
    """``serve --safe`` did not exist: a served issue could embed any image on the machine."""
    folder = tmp_path / "issue"
    folder.mkdir()
    photo = "      - {type: photo, id: p, at: {column: 1, span: 1, line: 9, lines: 6}, image: ../x.png}\n"
    (folder / "i.yaml").write_text(ISSUE + photo, encoding="utf-8")
    from PIL import Image
    Image.new("RGB", (40, 40)).save(tmp_path / "x.png")
    with PreviewServer(folder / "i.yaml", box_book, port=0, dpi=20, safe=True) as running:
        assert running.state.error and "outside" in running.state.error
    with PreviewServer(folder / "i.yaml", box_book, port=0, dpi=20) as running:
        assert running.state.error is None
