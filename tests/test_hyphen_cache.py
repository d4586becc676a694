"""The hyphenation patterns kept parsed in the cache folder (``layout.text.wordbreak._dictionary``):
read back, they hyphenate every word as pyphen's own parse of the pattern file does; a damaged
cache file is parsed again, not used."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyphen
import pytest

from layout.text import wordbreak

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder, and no dictionary loaded in this process (restored afterwards)."""
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path))
    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    kept = pyphen.hdcache.pop(path, None)
    wordbreak._dictionary.cache_clear()
    yield tmp_path
    wordbreak._dictionary.cache_clear()
    pyphen.hdcache.pop(path, None)
    if kept is not None:
        pyphen.hdcache[path] = kept


def _load_again() -> object:
    """The dictionary as a new process loads it (nothing parsed in memory)."""
    pyphen.hdcache.pop(pyphen.LANGUAGES[pyphen.language_fallback("en_US")], None)
    wordbreak._dictionary.cache_clear()
    return wordbreak._dictionary()


def _words() -> list[str]:
    """Lower-case words of six letters or more from the README (text not written for this test)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return sorted(set(re.findall(r"\b[a-z]{6,}\b", text)))


def test_the_cached_patterns_hyphenate_as_pyphen_parses_them(fresh: Path) -> None:
    first = wordbreak._dictionary()
    files = list(fresh.glob("hyphen-*.pickle"))
    assert len(files) == 1  # parsed once and kept
    again = _load_again()
    assert again.hd is not first.hd  # type: ignore[attr-defined]  # read back from the file, not this process's
    own = pyphen.Pyphen(lang="en_US", left=wordbreak.LEFT_MIN, right=wordbreak.RIGHT_MIN, cache=False)
    words = _words()
    assert len(words) > 500
    for word in words:
        assert again.positions(word) == own.positions(word), word  # type: ignore[attr-defined]
    assert wordbreak.hyphen_points("newspaper") == (4, 6)


def test_a_damaged_cache_file_is_parsed_again(fresh: Path) -> None:
    wordbreak._dictionary()
    (kept,) = fresh.glob("hyphen-*.pickle")
    kept.write_bytes(kept.read_bytes()[:1000])  # cut short
    again = _load_again()
    own = pyphen.Pyphen(lang="en_US", left=wordbreak.LEFT_MIN, right=wordbreak.RIGHT_MIN, cache=False)
    for word in ("newspaper", "hyphenation", "typesetting", "information"):
        assert again.positions(word) == own.positions(word)  # type: ignore[attr-defined]
    assert len(kept.read_bytes()) > 1000  # written again whole
