"""Chinese word boundaries for display type, from a word-segmentation dictionary.

In:  a line of display text (headline, cross-head, banner, caption …).
Out: ``breaks(text)``: for each position ``i`` (a break between ``text[i-1]`` and
     ``text[i]``) how acceptable a line break there is: ``WORD`` between words,
     ``GROUP`` between words inside a 《》 or “” group (or a number and its unit),
     ``INSIDE`` inside a word. Position 0 and ``len(text)`` are not listed.

Words come from rjieba (Python binding of jieba-rs, the Rust port of jieba: the
jieba dictionary of about 350 000 words with frequencies, and an HMM for words
not in it, such as most names). It is imported only when a display line must
break, and what it says about a string is kept in the on-disk cache beside the
font metrics (``words-*.pickle`` under ``$BANMIAN_CACHE``), so a page set before
never loads it. On top of the dictionary's words:

- a number is never parted from the word after it or from a 第 before it
  (5号线, 127所, 2026年, 第12届), nor from 3∶2's colon;
- a 《》, “”, ‘’, 「」 or 『』 group is one unit while it is short enough to be
  (``GROUP`` inside it), and so is a word joined by · (翠湖·老街).
"""

from __future__ import annotations

import os
from enum import IntEnum
from functools import lru_cache
from pathlib import Path

from layout.cache import load, save
from layout.text.script import is_ideograph

#: The editor's preferred break in display text (U+00A6 BROKEN BAR): never printed,
#: not a character of Chinese copy; it marks where a headline should break if it must.
BREAK_MARK = "¦"
GROUPS = {"《": "》", "“": "”", "‘": "’", "「": "」", "『": "』"}
GROUP_MAX = 12  # a quoted group longer than this many characters may break between its words
CACHE_NAME = "words-1.pickle"


class Fit(IntEnum):
    """How acceptable a line break at a position is (lower is better)."""

    WORD = 0
    WEAK = 1
    GROUP = 2
    INSIDE = 3


_memo: dict[str, tuple[int, ...]] = {}
_loaded = False
_dirty = False


def _cache_path() -> Path:
    """The segmentation cache file, beside the font metrics."""
    return Path(os.environ.get("BANMIAN_CACHE", Path.home() / ".cache" / "banmian")) / CACHE_NAME


def word_lengths(text: str) -> tuple[int, ...]:
    """The dictionary's words of ``text`` as their lengths (from the cache, or rjieba)."""
    global _loaded, _dirty
    if not _loaded:
        _loaded = True
        stored = load(_cache_path())
        if isinstance(stored, dict):
            _memo.update(stored)
    cached = _memo.get(text)
    if cached is not None:
        return cached
    import rjieba  # the dictionary loads here: only a page whose display type must break pays for it

    lengths = tuple(len(word) for word in rjieba.cut(text, True))
    _memo[text] = lengths
    _dirty = True
    flush()
    return lengths


def flush() -> None:
    """Write new segmentations to the cache file (merged with what is there)."""
    global _dirty
    if not _dirty:
        return
    stored = load(_cache_path())
    merged = {**stored, **_memo} if isinstance(stored, dict) else dict(_memo)
    save(_cache_path(), merged)
    _dirty = False


def _is_digit(ch: str) -> bool:
    """Digits, ASCII or full width."""
    return ch.isdigit()


def _glued(text: str, i: int) -> bool:
    """Whether a break before ``text[i]`` would part a number from its unit, its 第, its
    ratio colon, or a ·-joined word."""
    a, b = text[i - 1], text[i]
    if "·" in (a, b) or "・" in (a, b):
        return True
    if _is_digit(b) and (a == "第" or a in "∶:：" or _is_digit(a)):
        return True
    return _is_digit(a) and not b.isspace()  # 5号线, 2026年, 5%, 3∶2


@lru_cache(maxsize=4096)
def breaks(text: str) -> tuple[Fit, ...]:
    """Per position 1 … len(text) - 1: how acceptable a break before ``text[i]`` is
    (index ``i - 1`` of the result).

    >>> [int(f) for f in breaks("地铁5号线开通")]
    [3, 0, 3, 3, 0, 3]
    """
    fits = [Fit.INSIDE] * (len(text) + 1)
    pos, before = 0, 0
    for length in word_lengths(text):
        if pos and before != 1 and length != 1:
            fits[pos] = Fit.WORD
        elif pos:
            fits[pos] = Fit.WEAK if is_ideograph(text[pos - 1]) and is_ideograph(text[pos]) else Fit.WORD
        pos, before = pos + length, length
    for i in range(1, len(text)):
        if fits[i] < Fit.GROUP and _glued(text, i):
            fits[i] = Fit.INSIDE
    for start, end in _groups(text):
        for i in range(start + 1, end):
            if fits[i] < Fit.GROUP:
                fits[i] = Fit.GROUP
    return tuple(fits[1:len(text)])


def _groups(text: str) -> list[tuple[int, int]]:
    """(start, end) of each short quoted or 《》 group, end after its closing mark."""
    out: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in GROUPS:
            stack.append((GROUPS[ch], i))
        elif stack and ch == stack[-1][0]:
            _, start = stack.pop()
            if i + 1 - start <= GROUP_MAX + 2:
                out.append((start, i + 1))
    return out


def strip_marks(text: str) -> tuple[str, frozenset[int]]:
    """``text`` without the editor's break marks, and the positions (in the stripped
    text) of the breaks they ask for.

    >>> strip_marks("新能源产业集群¦蓄势崛起")
    ('新能源产业集群蓄势崛起', frozenset({7}))
    """
    out: list[str] = []
    marks: set[int] = set()
    for ch in text:
        if ch == BREAK_MARK:
            marks.add(len(out))
        else:
            out.append(ch)
    return "".join(out), frozenset(marks)
