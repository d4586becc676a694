"""A real headless Chromium driven over the DevTools protocol (``--remote-debugging-pipe``:
JSON messages separated by NUL bytes on file descriptors 3 and 4; standard library only).

In:  a URL; JavaScript to evaluate in the page; a viewport size.
Out: values the page computes (``evaluate``) and viewport screenshots (``screenshot``) that,
     unlike ``chromium --screenshot``, show a scrolled page as a reader sees it.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import io
import json
import os
import select
import subprocess
import time
from pathlib import Path
from typing import Any

from PIL import Image

CHROMIUM = Path("/usr/bin/chromium")


class Browser:
    """One headless Chromium with one page (use as a context manager)."""

    def __init__(self, profile: Path, width: int = 900, height: int = 900) -> None:
        to_chrome, self._write = os.pipe()
        self._read, from_chrome = os.pipe()

        def fds() -> None:  # in the child: the pipe ends onto 3 and 4, inheritable (our pipes may be 3 or 4)
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_chrome, from_chrome)]
            for target, fd in zip((3, 4), high):
                os.dup2(fd, target)
                os.set_inheritable(target, True)

        self.process = subprocess.Popen(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--remote-debugging-pipe", f"--user-data-dir={profile}", f"--window-size={width},{height}",
             "about:blank"], close_fds=False, preexec_fn=fds,  # our pipes close on exec; the dup2 copies stay
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome)
        os.close(from_chrome)
        self._buffer, self._id = b"", 0
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=False)

    def send(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        """One protocol command and its result (events in between are skipped)."""
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                reply = json.loads(raw)
                if reply.get("id") == self._id:
                    if "error" in reply:
                        raise RuntimeError(f"{method}: {reply['error']}")
                    return dict(reply.get("result", {}))
            if select.select([self._read], [], [], 1.0)[0]:
                chunk = os.read(self._read, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium went away")
                self._buffer += chunk
        raise TimeoutError(method)

    def open(self, url: str, settle: float = 1.5) -> None:
        """Load ``url`` and wait until it and its images have loaded."""
        self.send("Page.navigate", session=True, url=url)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.evaluate("document.readyState === 'complete' && "
                             "[...document.images].every(i => i.hidden || i.complete)"):
                break
            time.sleep(0.1)
        time.sleep(settle)

    def evaluate(self, script: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = self.send("Runtime.evaluate", session=True, expression=script, returnByValue=True)
        return result["result"].get("value")

    def screenshot(self) -> Image.Image:
        """What the viewport shows now, as RGB."""
        data = self.send("Page.captureScreenshot", session=True, format="png")["data"]
        return Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._write)
        os.close(self._read)
