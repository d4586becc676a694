"""Copy cleaning's quick exits: copy with nothing to change comes back as it is, with no
counts, and copy with a single thing to change (one mark, one full-width digit, one
invisible character) is still changed, wherever in the text it stands."""

from collections import Counter

import pytest

from layout.issue.model import Typography
from layout.text.clean import (
    clean_text,
    fix_dashes,
    fullwidth_punct,
    halfwidth_alnum,
    right_to_left,
    sanitize,
    smart_quotes,
)

PLAIN = "昆明市五华区围绕“城市更新”，推出《实施方案》：新建口袋公园１２个？不，是12个！"  # no ASCII marks


@pytest.mark.parametrize("step", [sanitize, halfwidth_alnum, fix_dashes, smart_quotes, fullwidth_punct])
def test_plain_copy_unchanged(step) -> None:
    text = PLAIN.replace("１２", "十二")
    assert step(text) == (text, Counter())


@pytest.mark.parametrize("where", [0, 5, -1])
def test_one_change_still_made(where: int) -> None:
    def at(piece: str) -> str:
        base = "五华区推出实施方案新建公园"
        k = len(base) if where == -1 else where
        return base[:k] + piece + base[k:]

    assert halfwidth_alnum(at("７"))[0] == at("7")
    assert halfwidth_alnum(at("Ａ"))[1] == Counter({"full-width letters and digits → half width": 1})
    assert fix_dashes("公园--新建")[0] == "公园——新建"
    assert fix_dashes(at("…"))[0] == at("……")
    assert smart_quotes('他说"好"。')[0] == "他说“好”。"
    assert fullwidth_punct(at(","))[0] == at("，")
    assert sanitize(at("\u200b"))[0] == at("")
    assert sanitize(at("e\u0301"))[0] == at("é")
    assert sanitize(at("e\u0301"))[1] == Counter({"NFC: 1 character composed": 1})
    assert right_to_left(at("שלום")) and not right_to_left(at("abc"))


def test_clean_text_counts_each_kind() -> None:
    counts: Counter[str] = Counter()
    out = clean_text('新建公园１２个,"好"...了\u200b', Typography(), counts)
    assert out == "新建公园12个，“好”……了"
    assert counts["full-width letters and digits → half width"] == 2
    assert counts["U+200B removed"] == 1
    assert counts[", → ，"] == 1


def test_every_right_to_left_character_is_looked_at() -> None:
    """``right_to_left`` looks only at text with a character of a right-to-left script's blocks:
    every character of bidirectional class R or AL in this Python's Unicode must be in them."""
    import unicodedata

    from layout.text.clean import _RTL_BLOCKS

    missed = [f"U+{c:04X}" for c in range(0x110000)
              if unicodedata.bidirectional(chr(c)) in ("R", "AL") and not _RTL_BLOCKS.match(chr(c))]
    assert missed == []
    assert right_to_left("中文\u200f") and right_to_left("中文ߊ") and right_to_left("中文\U0001e900")


def test_unbalanced_marks_found_after_plain_copy() -> None:
    from layout.text.clean import unbalanced

    assert unbalanced([("五华区（记者）推出" * 3 + "《实施方案", False)]) == ["《 not closed: …者）推出《实施方案"]
    assert unbalanced([("公园」新建", False)]) == ["」 without 「 : …公园」"]
