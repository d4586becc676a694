"""clean_text's table of cleaned texts: a text cleaned again counts its changes again."""

from __future__ import annotations

from collections import Counter

from layout.issue.model import Typography
from layout.text.clean import clean_text


def test_second_cleaning_counts_again_and_follows_typography() -> None:
    text = '他说:"今天--明天..."'
    first: Counter[str] = Counter()
    once = clean_text(text, Typography(), first)
    again: Counter[str] = Counter()
    assert clean_text(text, Typography(), again) == once and again == first and sum(first.values()) >= 3
    assert "“" in once and "——" in once and "……" in once
    plain: Counter[str] = Counter()
    kept = clean_text(text, Typography(smart_quotes=False, fix_dashes=False), plain)
    assert '"' in kept and "--" in kept and plain != first
