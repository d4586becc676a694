"""A local web preview: the pages as images, overlay switches, reload after each re-render.

In:  an issue file, the ``FontBook``, host and port (loopback by default), dpi.
Out: an HTTP server (standard library ``http.server``, one thread per request)
     and a watcher thread that re-renders when the YAML or an image changes.

Routes:
  /                        the page: one figure per page, a checkbox per overlay (remembered in
                           the browser; ``/#overlays=grid,blocks`` switches those on)
  /version                 JSON {"version": n, "error": text or null}; the page polls it
                           every 500 ms and reloads itself when n changes
  /page/<k>.png?v=<n>      page k (1-based position in the issue) of render n; the last
                           ``KEEP`` renders are kept, an older one is 404 (the page then reloads),
                           so an image never comes from another render than its page
  /page/<k>/<overlay>.png?v=<n>  one overlay as a transparent layer over page k of render n
                           (a query other than ``v=<digits>``, e.g. ``?v=abc``, is 404)

The page: a header with the overlay switches and zoom (−, +, fit; keys - + 0), a
fixed banner at the foot of the window with the error (visible however far the
editor has scrolled), and the findings (copy-fit as ``--report`` measures it,
overset, 缺字 with the character itself, loose lines, low-resolution photos),
each a link to its block on the page image.

The server answers only requests whose ``Host`` header names the address it
serves (its address or name, ``localhost`` on loopback, any IP literal; with the
port it listens on), so a web page elsewhere cannot read the preview through DNS
rebinding (403). It serves at most ``MAX_THREADS`` connections at once (more are
answered 503 with ``Retry-After`` at once and closed), and a connection that sends nothing for ``TIMEOUT_S`` seconds is
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
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, cast

from layout.errors import BanmianError
from layout.frame import PageFrame
from layout.preview.assets import SCRIPT, STYLE
from layout.preview.build import Preview, page_label, typeset_file
from layout.preview.overlay import OVERLAYS, PPI_GOOD, layer, loose_lines, photo_slots
from layout.preview.relayout import PageMemory
from layout.preview.watch import POLL_SECONDS, Watcher
from layout.render.bands import Banded
from layout.render.png import DEFAULT_DPI, page_size, png_bytes
from layout.render.pngkeep import render_kept
from layout.report import fit_text
from layout.text.font import FontBook

HOST, PORT = "127.0.0.1", 8765
KEEP = 4  # renders whose images are still served (a page loaded just before a re-render finds its own)
_PNG = re.compile(r"^/page/(\d{1,6})(?:/([a-z]+))?\.png$")  # a page position, never thousands of digits
MAX_THREADS = 16  # connections served at once
TIMEOUT_S = 10.0  # a connection silent this long is dropped
#: The answer to a connection over MAX_THREADS: busy, try again in a second.
BUSY_RESPONSE = (b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: text/plain\r\n"
                 b"Content-Length: 37\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
                 b"busy: too many connections, retry 1s\n")


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
        self.pages: list[Banded] = []
        self.memory = PageMemory()  # the pages of the last render, reused where an edit left them
        self.page_faces: dict[int, tuple[PageFrame, set[str]]] = {}  # by id of a frame of the last render
        self.cache: dict[tuple[int, str], bytes] = {}
        self.rendered = 0  # the version the current preview and pages were made at
        self.older: dict[int, tuple[Preview, list[Banded], dict[tuple[int, str], bytes]]] = {}

    def refresh(self) -> tuple[Path, ...]:
        """Re-render; the files to watch next. Errors are kept for the page, never raised."""
        started = time.perf_counter()
        files = self.preview.files if self.preview else (self.source,)
        try:
            preview = typeset_file(self.source, self.book, self.safe, compose=self.memory.compose)
            fonts = self.book.resources(self._faces(preview.document.pages))
            pages = [render_kept(frame, {name: fonts[name] for name in sorted(self.page_faces[id(frame)][1])},
                                 self.dpi) for frame in preview.document.pages]  # (a page's own faces: a face new
            # to another page leaves its kept raster valid)
        except Exception as exc:  # the server outlives any input: show the error, keep the last good render
            message = str(exc) if isinstance(exc, BanmianError) else f"internal error: {type(exc).__name__}: {exc}"
            with self.lock:
                self.error, self.version = message, self.version + 1
            self.announce(f"error: {message}")
            return (*files, self.source)
        with self.lock:
            if self.preview is not None:
                self.older[self.rendered] = (self.preview, self.pages, self.cache)
                for old in sorted(self.older)[:-(KEEP - 1)]:
                    del self.older[old]
            self.preview, self.pages, self.error = preview, pages, None
            self.cache, self.version = {}, self.version + 1
            self.rendered = self.version
        self.announce(f"version {self.version}: {len(pages)} page{'s' if len(pages) != 1 else ''} "
                      f"in {time.perf_counter() - started:.2f} s")
        return preview.files

    def _faces(self, pages: tuple[PageFrame, ...]) -> set[str]:
        """The face names the pages draw in; a page the last render had too is not read again."""
        known, self.page_faces = self.page_faces, {}
        faces: set[str] = set()
        for frame in pages:
            hit = known.get(id(frame))
            names = hit[1] if hit is not None and hit[0] is frame else frame.faces()
            self.page_faces[id(frame)] = (frame, names)
            faces |= names
        return faces

    def png(self, page: int, name: str, version: int | None = None) -> bytes | None:
        """PNG bytes of page ``page`` (1-based) or of one of its overlays (``name``) as render ``version``
        made it (default: the latest); None if there is none, or that render is no longer kept."""
        with self.lock:
            if version is None or version == self.rendered:
                preview, pages, cache = self.preview, self.pages, self.cache
            elif version in self.older:
                preview, pages, cache = self.older[version]
            else:
                return None
        if preview is None or not 1 <= page <= len(pages) or name not in ("page", *OVERLAYS):
            return None
        key = (page, name)
        if key not in cache:
            frame = preview.document.pages[page - 1]
            if name == "page":
                cache[key] = pages[page - 1].png()
            else:
                cache[key] = png_bytes(layer(name, frame, preview.report, self.book, self.dpi))
        return cache[key]

    def status(self) -> dict[str, object]:
        """What ``/version`` answers."""
        with self.lock:
            return {"version": self.version, "error": self.error}


def block_anchor(k: int, block: str) -> str:
    """The id of block ``block``'s link target on page ``k`` of the web page."""
    return f"b{k}-" + re.sub(r"[^\w-]", "_", block)


def _findings(preview: Preview, state: PreviewState) -> list[tuple[str, str]]:
    """(text, anchor) per problem: each article that does not fit (the copy-fit of ``--report``
    and the render line), missing glyphs with the character itself, loose lines, low-resolution photos."""
    out: list[tuple[str, str]] = []
    report = preview.report
    for k, frame in enumerate(preview.document.pages, 1):
        label = page_label(frame)
        for block in report.blocks:
            if block.page != frame.number:
                continue
            fit = block.copy_fit() if block.kind == "article" else None
            if fit and fit["verdict"] != "fits":
                out.append((f"{label}: {fit_text(fit)}", block_anchor(k, block.block)))
            elif block.overset_lines:
                notes = "".join(f" ({note})" for note in block.overset_notes)  # (no room for the picture …)
                out.append((f"{label}: {block.block}: overset {block.overset_lines} lines, "
                            f"{block.overset_chars} characters{notes}", block_anchor(k, block.block)))
            if block.missing_glyphs:
                chars = " ".join(f"{c} (U+{ord(c):04X})" for c in block.missing_glyphs)
                out.append((f"{label}: {block.block}: 缺字, no font has {chars}", block_anchor(k, block.block)))
        loose = loose_lines(frame, state.book)
        for name in dict.fromkeys(line.line.block for line in loose):
            count = sum(1 for line in loose if line.line.block == name)
            out.append((f"{label}: {name}: {count} loose line{'s' if count != 1 else ''} (gap over ¼ em)",
                        block_anchor(k, name)))
        out += [(f"{label}: {s.region.block}: image at {s.ppi:.0f} ppi", block_anchor(k, s.region.block))
                for s in photo_slots(frame) if s.ppi is not None and s.ppi < PPI_GOOD]
    return out


def _figure(k: int, preview: Preview, v: int, dpi: float) -> str:
    """Page ``k`` of render ``v``: the image, its overlay layers (loaded when first switched on), a link
    target over each block, its label."""
    frame = preview.document.pages[k - 1]
    width = page_size(frame, dpi)[0]
    layers = "".join(f'<img class="ov ov-{n}" data-src="/page/{k}/{n}.png?v={v}" alt="" hidden>' for n in OVERLAYS)
    blocks = "".join(
        f'<a class="blk" id="{block_anchor(k, r.block)}" title="{html.escape(r.block)}" style="left:'
        f'{100 * r.x / frame.width:.3f}%;top:{100 * r.y / frame.height:.3f}%;width:{100 * r.w / frame.width:.3f}%;'
        f'height:{100 * r.h / frame.height:.3f}%"></a>' for r in frame.regions)
    return (f'<figure><div class="sheet" style="--w:{width}px">'
            f'<img class="base" src="/page/{k}.png?v={v}" alt="page {k}">{layers}{blocks}</div>'
            f"<figcaption>{html.escape(page_label(frame))}</figcaption></figure>")


def page_html(state: PreviewState) -> str:
    """The whole web page for the current state."""
    with state.lock:
        preview, error, version = state.preview, state.error, state.version
        rendered = state.rendered
    title = html.escape(preview.document.title if preview else state.source.name)
    boxes = "".join(f'<label><input type="checkbox" data-overlay="{n}"> {n}</label>' for n in OVERLAYS)
    zoom = ('<button id="zoom-out" title="smaller (-)">−</button><span id="zoom">fit</span>'
            '<button id="zoom-in" title="larger (+)">+</button> <button id="zoom-fit" title="fit (0)">fit</button>')
    parts = [f"<!DOCTYPE html><html lang=zh><head><meta charset=utf-8><title>{title} — Banmian preview</title>",
             f"<style>{STYLE}</style></head><body><header><b>{title}</b> v{version} &nbsp; {boxes} {zoom}</header>"]
    if error:
        parts.append(f'<pre class="error" id="error" role="alert">{html.escape(error)}'
                     f"{chr(10) + '(the pages show the last good render)' if preview else ''}</pre>")
    if preview:
        findings = "".join(f'<li><a href="#{anchor}">{html.escape(text)}</a></li>'
                           for text, anchor in _findings(preview, state))
        parts.append(f'<ul class="findings">{findings}</ul>' if findings else "")
        figures = "".join(_figure(k, preview, rendered, state.dpi)
                          for k in range(1, len(preview.document.pages) + 1))
        parts.append(f'<main class="{"stale" if error else ""}">{figures}</main>')
    parts.append(f"<script>{SCRIPT % version}</script></body></html>")
    return "".join(parts)


def _version(query: str) -> int | None:
    """The ``v`` of an image URL's query (``None`` without one)."""
    value = urllib.parse.parse_qs(query).get("v", [""])[0]
    return int(value) if value.isdigit() and len(value) < 10 else None


class _Server(ThreadingHTTPServer):
    """The HTTP server, holding the preview state for its handlers: at most
    ``MAX_THREADS`` connections at once, a connection over that answered 503 and closed at once."""

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
            self.refuse(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def refuse(self, request: Any) -> None:
        """Answer a connection over ``MAX_THREADS`` with 503 and ``Retry-After`` and close it, in this
        thread and without waiting: what the client sent so far is read without blocking (so closing
        does not reset the connection before it reads the answer), the short answer fits the empty
        send buffer."""
        try:
            request.setblocking(False)
            with contextlib.suppress(BlockingIOError, InterruptedError):
                request.recv(65536)
            request.send(BUSY_RESPONSE)
        except OSError:  # the client went away: nothing to answer
            pass
        self.shutdown_request(request)

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
        path, _, query = self.path.partition("?")
        if path == "/":
            self._send(200, "text/html; charset=utf-8", page_html(state).encode())
        elif path == "/version":
            self._send(200, "application/json", json.dumps(state.status()).encode())
        elif (match := _PNG.match(path)) and not (query and _version(query) is None):
            data = state.png(int(match.group(1)), match.group(2) or "page", _version(query))
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
