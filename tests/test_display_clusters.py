"""Word-keeping in boxed copy (导读, boxed articles) counts atoms, not characters: a cluster's
tail (a joiner and what it joins, a variation selector) belongs to its atom (review S, F5: a ZWJ
emoji in a boxed article raised IndexError; a variation selector shifted the kept words)."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.issue.load import load_issue
from layout.page import typeset
from layout.text.font import FontBook
from tests.onepage import head

BLOCK = """      - type: article
        id: a
        at: {{column: 1, span: 2, line: 1, lines: 30}}
        box: single
        headline: 测试
        body: ['{text}']
"""


@pytest.mark.expect_warnings  # an emoji the fonts draw by its parts, or not at all
@pytest.mark.parametrize("insert", ["👨\u200d👩\u200d👧", "\u8fbb\U000e0100", "🇨🇳", "e\u0301"])
def test_clusters_in_boxed_copy_keep_the_words_where_they_are(tmp_path: Path, book: FontBook, insert: str) -> None:
    text = (f"近日，全球动力电池行业领{insert}军企业宁德时代与云南省昆明市签署深度合作协议，"
            "宣布在云南滇中新区投资建设锂电池绿色智造基地。")
    path = tmp_path / "i.yaml"
    path.write_text(head() + BLOCK.format(text=text), encoding="utf-8")
    doc, _ = typeset(load_issue(path), book)
    lines = [i.text for i in doc.pages[0].items if getattr(i, "kind", "") == "body"]
    assert "".join(lines).replace("-", "").replace("\u00ad", "").startswith("近日，全球")
    for word in ("宁德时代", "昆明市", "滇中新区"):  # words after the cluster are still kept whole
        assert not any(line.endswith(word[:k]) and lines[n + 1].startswith(word[k:])
                       for n, line in enumerate(lines[:-1]) for k in range(1, len(word)))
