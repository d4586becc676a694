"""A compound with a hard hyphen (issue 12, review U5) breaks at its own hyphen, with nothing added,
and is not hyphenated again inside a part (``heat-re-|covery``) where another break serves (Chicago
Manual of Style 7.42). Properties measured on the glyphs of placeholder copy written for this test
(not news), one column of 8–18 characters, in all four punctuation styles. The oracle for "no other
break serves" is the same copy set with no hyphenation point at all: it has more lines looser than the
limit (0.25 em) or forced."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from layout.text import paragraph, wordbreak
from layout.text.font import FontBook
from layout.text.line import SetLine
from tests.column import STYLES, WIDTHS, set_column

COPY = [
    "（占位稿）这家工厂引进了water-purification设备，又在车间试行energy-management方案，效果良好。",
    "（占位稿）展览介绍了一种self-administered检测方法，以及配套的temperature-controlled运输箱。",
    "（占位稿）报告认为，pollution-monitoring网络已覆盖全市，下一步将推广rainwater-harvesting技术。",
]


def _compound_at_end(line: str) -> str:
    """The hard-hyphenated compound (or its first part) the line ends in, '' if none."""
    found = re.search(r"[A-Za-z]+(?:-[A-Za-z]+)*-?$", line)
    return found.group() if found else ""


def _bad(lines: list[SetLine]) -> int:
    return sum(line.forced or line.spread_em > 0.25 + 1e-6 for line in lines[:-1])


def _forget() -> None:
    """Drop the paragraphs set and prepared so far (their breaks were found with the dictionary)."""
    paragraph._set_cached.cache_clear()
    with paragraph._lock:
        paragraph._kept.clear()


def _unhyphenated(book: FontBook, text: str, chars: int, style: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Loose or forced lines of the copy set with no hyphenation points (only the hard hyphens)."""
    with monkeypatch.context() as patch:
        patch.setattr(wordbreak, "hyphen_points", lambda word: ())
        _forget()
        bad = _bad(set_column(book, text, chars, style))
    _forget()
    return bad


def test_a_compound_breaks_at_its_own_hyphen_not_inside_a_part(book: FontBook,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    at_own = inside = 0
    for text in COPY:
        for chars in WIDTHS:
            for style in STYLES:
                lines = set_column(book, text, chars, style)
                assert "".join(line.copy for line in lines) == text  # nothing lost
                for a, b in pairwise(lines):
                    word = _compound_at_end(a.copy)
                    if not word or not re.match(r"[A-Za-z]", b.copy):
                        continue  # (the line ends between a word and an ideograph)
                    whole = word + re.match(r"[A-Za-z-]*", b.copy).group()
                    if "-" not in whole:
                        continue
                    if a.hyphenated:  # a second hyphen: only where every other break leaves a worse line
                        assert _unhyphenated(book, text, chars, style, monkeypatch) > _bad(lines), (
                            chars, style, a.copy, b.copy)
                        inside += 1
                        continue
                    assert a.copy.endswith("-") and not a.forced, (chars, style, a.copy, b.copy)
                    at_own += 1
    assert at_own > 2 * inside, (at_own, inside)  # (the copy does break its compounds: exercised)
