"""reportlab TrueType fonts with their parsed tables cached between runs.

In:  a face name and a TrueType file.
Out: a registered ``reportlab.pdfbase.ttfonts.TTFont``.

reportlab parses a whole CJK font (cmap, hmtx, loca: 23,000 glyphs) every time
it is loaded, about 0.08 s per face. The parsed state does not depend on the
document, so after the first parse it is pickled (without the raw file bytes)
under the same cache folder as the metrics, keyed by path, size and
modification time; later runs read the file bytes and restore the state.
"""

from __future__ import annotations

import mmap
from functools import partial
from operator import mul
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFError, TTFont, TTFontFace, TTFontFile

from layout.cache import cache_file, load, save
from layout.errors import FontError

_REGISTERED: dict[str, TTFont] = {}
#: Face fields not cached: the file bytes (mapped per run), a lambda, and tables used only while parsing.
_SKIP = ("_ttf_data", "filename", "_pos", "_pdfScale", "glyphToChar", "glyphNames", "glyphWidths")


class _CachedFace(TTFontFace):
    """A TTFontFace whose parsed tables come from the cache when current."""

    def __init__(self, filename: str) -> None:
        pdfmetrics.TypeFace.__init__(self, None)
        cache = cache_file(Path(filename), "rlface")
        state = load(cache)
        if isinstance(state, dict):
            self.__dict__.update(state)
            with open(filename, "rb") as handle:  # mapped, not read: a subset touches few pages
                self._ttf_data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            self.filename, self._pos = filename, 0
            self._pdfScale = partial(mul, 1000 / self.unitsPerEm)
            return
        TTFontFile.__init__(self, filename, validate=0, subfontIndex=0)
        save(cache, {k: v for k, v in self.__dict__.items() if k not in _SKIP})


class _CachedFont(TTFont):
    """``TTFont`` on a ``_CachedFace``; the other fields as reportlab's constructor sets them."""

    def __init__(self, name: str, filename: str) -> None:
        self.fontName = name
        self.face = _CachedFace(filename)
        self.encoding = TTEncoding()
        self.state: WeakKeyDictionary[Any, Any] = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = False  # we position every glyph ourselves


def rl_font(name: str, path: Path) -> TTFont:
    """The registered reportlab font of a face (parsed once per process, cached across runs)."""
    font = _REGISTERED.get(name)
    if font is None:
        try:
            font = _CachedFont(name, str(path))
        except (TTFError, OSError) as exc:
            raise FontError(f"{path}: reportlab cannot embed this font ({exc})") from None
        pdfmetrics.registerFont(font)
        _REGISTERED[name] = font
    return font
