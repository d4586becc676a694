"""Grapheme clusters (UAX #29) stay whole across line breaks, in running text and on the
character grid: combining marks, variation selectors (ideographic IVS too), emoji
modifier and ZWJ sequences. Copy that was not written for the engine: names with
accents, a transliteration, emoji from social-media quotes, an IVS surname."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.issue.model import Typography
from layout.text.clean import sanitize
from layout.text.font import FontBook
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle, prepare
from layout.text.script import is_cluster_tail, is_combining

SIZE = 10.0
CLUSTERS = ["q\u0308", "n\u0303", "a\u0323\u0302", "\u845b\U000E0100", "\u8fbb\U000E0101", "\u2764\ufe0f",
            "\U0001F44D\U0001F3FD", "\U0001F468\u200d\U0001F469\u200d\U0001F467", "1\ufe0f\u20e3",
            "\U0001F1E8\U0001F1F3", "Ko\u0304be\u0304", "Dvor\u030ca\u0301k"]
FILLER = ["据新华社报道", "市民", "，", "。", "表示", "“", "”", " ", "Vinh ", "2026"]
TEXT = st.lists(st.sampled_from(CLUSTERS + FILLER), min_size=1, max_size=30).map("".join)
STYLES = st.sampled_from([Typography(), Typography(punctuation="quanjiao"), Typography(char_grid=True),
                          Typography(breaking="greedy"), Typography(punctuation="banjiao")])


def _starts_badly(text: str) -> bool:
    """Whether a line begins with something that belongs to the character before it."""
    return bool(text) and (is_combining(text[0]) or is_cluster_tail(text[0]))


@pytest.mark.expect_warnings
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, typo=STYLES, chars=st.integers(min_value=3, max_value=13))
def test_no_line_starts_inside_a_cluster(book: FontBook, text: str, typo: Typography, chars: int) -> None:
    text = text.strip()
    if not text:
        return
    lines = set_paragraph([(text, TextStyle("song", SIZE))], book, typo, chars * SIZE, 0.0).lines
    copied = "".join(line.text.replace(" ", "").removesuffix("\u00ad") for line in lines)  # hyphens are soft
    assert copied == text.replace(" ", "")  # nothing lost
    for before, line in pairwise(lines):
        assert not _starts_badly(line.text), (before.text, line.text)
        assert not before.text.endswith("\u200d")  # a joined emoji is never split after its joiner
        # the two letters of a flag stay together
        flags = [c for c in before.text if 0x1F1E6 <= ord(c) <= 0x1F1FF]
        assert len(flags) % 2 == 0, (before.text, line.text)


def test_marks_are_drawn_right_after_their_base(book: FontBook, typo: Typography) -> None:
    lines = set_paragraph([("Dvor\u030ca\u0301k说", TextStyle("song", SIZE))], book, typo, 20 * SIZE).lines
    glyphs = lines[0].glyphs
    ring = next(k for k, g in enumerate(glyphs) if g.ch == "\u030c")
    assert glyphs[ring - 1].ch == "r" and glyphs[ring].x >= glyphs[ring - 1].x  # never left of its base


@pytest.mark.expect_warnings
def test_ideographic_variation_sequence_is_one_glyph_and_reported(book: FontBook, typo: Typography,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    text = "葛\U000E0100飾区"
    p = prepare([(text, TextStyle("song", SIZE))], book, typo)
    assert [a.cluster for a in p.atoms] == ["葛\U000E0100", "飾", "区"]  # the selector is no glyph of its own
    assert not p.missing  # never drawn as a box
    face = p.atoms[0].face
    lines = set_paragraph([(text, TextStyle("song", SIZE))], book, typo, 10 * SIZE).lines
    assert lines[0].glyphs[0].ch == "葛\U000E0100"  # copies out with its selector
    if face.has_variant("葛\U000E0100"):
        assert face.gid("葛\U000E0100") != 0
    else:
        assert face.gid("葛\U000E0100") == face.gid("葛")  # the standard form, and said so
        assert any("U+845B U+E0100" in r.getMessage() for r in caplog.records)


def test_sanitize_keeps_emoji_joiners_and_drops_stray_ones() -> None:
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    cleaned, counts = sanitize(f"中\u200d文 {family}")
    assert cleaned == f"中文 {family}"
    assert counts == {"U+200D removed": 1}
