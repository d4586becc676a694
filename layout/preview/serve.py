"""A local web preview: the pages as images, overlay switches, reload after each re-render.

In:  an issue file, the ``FontBook``, host and port (loopback by default), dpi.
Out: an HTTP server (standard library ``http.server``, one thread per request)
     and a watcher thread that re-renders when the YAML or an image changes.

Routes:
  /                        the page: one figure per page, a checkbox per overlay (remembered in
                           the browser; ``/#overlays=grid,blocks`` switches those on)
  /version                 JSON {"version": n, "error": text or null}; the page polls it
                           every 500 ms and reloads itself when n changes
  /page/<k>.png            page k (1-based position in the issue)
  /page/<k>/<overlay>.png  one overlay as a transparent layer over page k

The server answers only requests whose ``Host`` header names the address it
serves (its address or name, ``localhost`` on loopback, any IP literal; with the
port it listens on), so a web page elsewhere cannot read the preview through DNS
rebinding (403). It serves at most ``MAX_THREADS`` connections at once (more are
closed at once), and a connection that sends nothing for ``TIMEOUT_S`` seconds is
dropped. Page numbers are checked as numbers before use (404). With ``safe``,
image and profile paths outside the issue file's folder are refused.

A ``BanmianError`` (bad YAML, a missing image, a missing font) is shown on the
page, as ``file:line key: message``, above the last good render; the server
keeps running. Any other exception of a render (say, a half-copied JPEG) is
shown the same way, as an internal error with its type. Overlay layers and PNG bytes are made on first request and
cached until the next render.
"""

from __future__ import annotations

import contextlib
import html
import ipaddress
import json
import re
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, cast

from PIL import Image

from layout.errors import BanmianError
from layout.preview.build import Preview, page_label, typeset_file
from layout.preview.overlay import OVERLAYS, PPI_GOOD, layer, loose_lines, overset, photo_slots, underset
from layout.preview.watch import POLL_SECONDS, Watcher
from layout.render.png import DEFAULT_DPI, page_size, png_bytes, render_page
from layout.text.font import FontBook

HOST, PORT = "127.0.0.1", 8765
_PNG = re.compile(r"^/page/(\d{1,6})(?:/([a-z]+))?\.png$")  # a page position, never thousands of digits
MAX_THREADS = 16  # connections served at once
TIMEOUT_S = 10.0  # a connection silent this long is dropped


class PreviewState:
    """The latest render of one issue, shared by the watcher thread and the request threads."""

    def __init__(self, source: Path, book: FontBook, dpi: float = DEFAULT_DPI,
                 announce: Callable[[str], None] | None = None, safe: bool = False) -> None:
        self.source, self.book, self.dpi, self.safe = source, book, dpi, safe
        self.announce = announce or (lambda _: None)
        self.lock = threading.Lock()
        self.version = 0
        self.error: str | None = None
        self.preview: Preview | None = None
        self.pages: list[Image.Image] = []
        self.cache: dict[tuple[int, str], bytes] = {}

    def refresh(self) -> tuple[Path, ...]:
        """Re-render; the files to watch next. Errors are kept for the page, never raised."""
        started = time.perf_counter()
        files = self.preview.files if self.preview else (self.source,)
        try:
            preview = typeset_file(self.source, self.book, self.safe)
            pages = [render_page(frame, self.book, self.dpi, keep=True) for frame in preview.document.pages]
        except Exception as exc:  # the server outlives any input: show the error, keep the last good render
            message = str(exc) if isinstance(exc, BanmianError) else f"internal error: {type(exc).__name__}: {exc}"
            with self.lock:
                self.error, self.version = message, self.version + 1
            self.announce(f"error: {message}")
            return (*files, self.source)
        with self.lock:
            self.preview, self.pages, self.error = preview, pages, None
            self.cache, self.version = {}, self.version + 1
        self.announce(f"version {self.version}: {len(pages)} page{'s' if len(pages) != 1 else ''} "
                      f"in {time.perf_counter() - started:.2f} s")
        return preview.files

    def png(self, page: int, name: str) -> bytes | None:
        """PNG bytes of page ``page`` (1-based) or of one of its overlays (``name``); None if there is none."""
        with self.lock:
            preview, pages, cache = self.preview, self.pages, self.cache
        if preview is None or not 1 <= page <= len(pages) or name not in ("page", *OVERLAYS):
            return None
        key = (page, name)
        if key not in cache:
            frame = preview.document.pages[page - 1]
            image = pages[page - 1] if name == "page" else layer(name, frame, preview.report, self.book, self.dpi)
            cache[key] = png_bytes(image)
        return cache[key]

    def status(self) -> dict[str, object]:
        """What ``/version`` answers."""
        with self.lock:
            return {"version": self.version, "error": self.error}


def _findings(preview: Preview, state: PreviewState) -> list[str]:
    """One line per problem the overlays show: overset, underset, loose lines, low-resolution photos."""
    out = []
    for frame in preview.document.pages:
        label = page_label(frame)
        out += [f"{label}: {b.block} overset by {b.overset_lines} lines" for _, b in overset(frame, preview.report)]
        out += [f"{label}: {u.block} underset, {u.lines} lines empty" for u in underset(frame)]
        loose = loose_lines(frame, state.book)
        if loose:
            out.append(f"{label}: {len(loose)} loose lines (gap over ¼ em)")
        out += [f"{label}: {s.region.block} image at {s.ppi:.0f} ppi" for s in photo_slots(frame)
                if s.ppi is not None and s.ppi < PPI_GOOD]
    return out


def _figure(k: int, preview: Preview, v: int, dpi: float) -> str:
    """Page ``k`` of render ``v``: the image, its overlay layers (loaded when first switched on), its label."""
    frame = preview.document.pages[k - 1]
    width = page_size(frame, dpi)[0]
    layers = "".join(f'<img class="ov ov-{n}" data-src="/page/{k}/{n}.png?v={v}" alt="" hidden>' for n in OVERLAYS)
    return (f'<figure><div class="sheet" style="max-width:{width}px">'
            f'<img class="base" src="/page/{k}.png?v={v}" alt="page {k}">{layers}</div>'
            f"<figcaption>{html.escape(page_label(frame))}</figcaption></figure>")


_SCRIPT = """
const VERSION = %d;
const KEY = "banmian-overlays";
const boxes = [...document.querySelectorAll("input[data-overlay]")];
const hash = location.hash.match(/^#overlays=([a-z,]*)$/);  // a link can choose the overlays
const on = new Set(hash ? hash[1].split(",") : JSON.parse(localStorage.getItem(KEY) || "[]"));
function apply() {
  for (const box of boxes) {
    for (const img of document.querySelectorAll("img.ov-" + box.dataset.overlay)) {
      if (box.checked && !img.src) img.src = img.dataset.src;
      img.hidden = !box.checked;
    }
  }
}
for (const box of boxes) {
  box.checked = on.has(box.dataset.overlay);
  box.addEventListener("change", () => {
    if (box.checked) on.add(box.dataset.overlay); else on.delete(box.dataset.overlay);
    localStorage.setItem(KEY, JSON.stringify([...on]));
    history.replaceState(null, "", "#overlays=" + [...on].join(","));
    apply();
  });
}
apply();
async function poll() {
  try {
    const status = await (await fetch("/version", {cache: "no-store"})).json();
    if (status.version !== VERSION) { location.reload(); return; }
  } catch (e) { /* server restarting: keep polling */ }
  setTimeout(poll, 500);
}
setTimeout(poll, 500);
"""

_STYLE = """
body { font: 14px sans-serif; margin: 0; background: #ddd; }
header { position: sticky; top: 0; background: #333; color: #fff; padding: 6px 12px; z-index: 2; }
header label { margin-right: 12px; }
.error { background: #b00; color: #fff; padding: 8px 12px; margin: 0; white-space: pre-wrap; }
.stale img.base { opacity: 0.5; }
ul.findings { margin: 6px 12px; }
figure { margin: 12px; }
.sheet { position: relative; background: #fff; box-shadow: 0 1px 4px #888; }
.sheet img { display: block; width: 100%; }
.sheet img.ov { position: absolute; top: 0; left: 0; }
.sheet img[hidden] { display: none; }
"""


def page_html(state: PreviewState) -> str:
    """The whole web page for the current state."""
    with state.lock:
        preview, error, version = state.preview, state.error, state.version
    title = html.escape(preview.document.title if preview else state.source.name)
    boxes = "".join(f'<label><input type="checkbox" data-overlay="{n}"> {n}</label>' for n in OVERLAYS)
    parts = [f"<!DOCTYPE html><html lang=zh><head><meta charset=utf-8><title>{title} — Banmian preview</title>",
             f"<style>{_STYLE}</style></head><body><header><b>{title}</b> v{version} &nbsp; {boxes}</header>"]
    if error:
        parts.append(f'<pre class="error" id="error">{html.escape(error)}</pre>')
    if preview:
        findings = "".join(f"<li>{html.escape(f)}</li>" for f in _findings(preview, state))
        parts.append(f'<ul class="findings">{findings}</ul>' if findings else "")
        figures = "".join(_figure(k, preview, version, state.dpi) for k in range(1, len(preview.document.pages) + 1))
        parts.append(f'<main class="{"stale" if error else ""}">{figures}</main>')
    parts.append(f"<script>{_SCRIPT % version}</script></body></html>")
    return "".join(parts)


class _Server(ThreadingHTTPServer):
    """The HTTP server, holding the preview state for its handlers: at most
    ``MAX_THREADS`` connections at once, a connection over that closed at once."""

    daemon_threads = True
    request_queue_size = 128  # listen backlog: a burst of connections waits, not the clients' SYN retries
    state: PreviewState
    hosts: frozenset[str] = frozenset()  # Host header values served (lower case, with the port)

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self.slots = threading.BoundedSemaphore(MAX_THREADS)
        self.hosts = served_hosts(address[0], self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        """A thread for the connection if one is free, else close it (no unbounded threads)."""
        if not self.slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """Serve one connection in its thread, then free its slot."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


def served_hosts(host: str, port: int) -> frozenset[str]:
    """The names (``name:port``, lower case) a browser may send as ``Host`` to this server:
    the address it listens on; on loopback also ``localhost``; on every address (0.0.0.0,
    ::) or a non-loopback one also this machine's names. IP literals are checked apart
    (``host_allowed``): DNS rebinding needs a name."""
    names = {host.strip("[]").lower()}
    loopback = host in ("127.0.0.1", "::1", "localhost") or host.startswith("127.")
    names.update({"localhost", "localhost.", "127.0.0.1", "::1"} if loopback else
                 {socket.gethostname().lower(), socket.getfqdn().lower()})
    return frozenset(f"[{n}]:{port}" if ":" in n else f"{n}:{port}" for n in names if n)


def host_allowed(header: str | None, server: _Server) -> bool:
    """Whether a request's ``Host`` header names this server (see ``served_hosts``); an IP
    literal with the right port is always allowed."""
    if not header:
        return False
    value = header.strip().lower()
    if value in server.hosts:
        return True
    name, _, port = value.rpartition(":")
    if port != str(server.server_address[1]):
        return False
    with contextlib.suppress(ValueError):
        ipaddress.ip_address(name.strip("[]"))
        return True
    return False


class _Handler(BaseHTTPRequestHandler):
    """GET routes of the preview (see the module docstring)."""

    server_version = "BanmianPreview"
    timeout = TIMEOUT_S  # socket timeout: a silent or half-open connection is dropped

    def do_GET(self) -> None:
        """Answer one GET request (only for this server's own Host: no DNS rebinding)."""
        server = cast(_Server, self.server)
        if not host_allowed(self.headers.get("Host"), server):
            self._send(403, "text/plain", b"this server does not serve that host name\n")
            return
        state = server.state
        path = self.path.split("?", 1)[0]
        if path == "/":
            self._send(200, "text/html; charset=utf-8", page_html(state).encode())
        elif path == "/version":
            self._send(200, "application/json", json.dumps(state.status()).encode())
        elif match := _PNG.match(path):
            data = state.png(int(match.group(1)), match.group(2) or "page")
            if data is None:
                self._send(404, "text/plain", b"no such image\n")
            else:
                self._send(200, "image/png", data)
        else:
            self._send(404, "text/plain", b"not found\n")

    def _send(self, code: int, kind: str, body: bytes) -> None:
        """One response, never cached (the page reloads on every render)."""
        try:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
        except (ConnectionError, TimeoutError):  # the browser went away (a reload) or stalled: nothing to do
            pass

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: no line per request."""


class PreviewServer:
    """The web preview of one issue: HTTP server and watcher, each in a thread (``start``/``close``)."""

    def __init__(self, source: Path, book: FontBook, host: str = HOST, port: int = PORT,
                 dpi: float = DEFAULT_DPI, interval: float = POLL_SECONDS,
                 announce: Callable[[str], None] | None = None, safe: bool = False) -> None:
        self.httpd = _Server((host, port), _Handler)  # bind first: a busy port fails before any work
        self.state = self.httpd.state = PreviewState(source, book, dpi, announce, safe)
        self.watcher = Watcher(self.state.refresh(), self.state.refresh, interval)
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        """Where the page is served."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}/"

    def start(self) -> PreviewServer:
        """Serve and watch in background threads."""
        self.threads = [threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                         name="banmian-http", daemon=True),
                        threading.Thread(target=self.watcher.run, args=(self.stop,), name="banmian-watch",
                                         daemon=True)]
        for thread in self.threads:
            thread.start()
        return self

    def close(self) -> None:
        """Stop both threads and close the socket."""
        self.stop.set()
        if self.threads:
            self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self.threads:
            thread.join()

    def __enter__(self) -> PreviewServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
