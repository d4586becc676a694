"""Nothing is lost: random articles on random grids; every character is set, in order, or reported overset.

The CI run is bounded; set BANMIAN_LONG=5000 to run thousands of cases once.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.frame import TextLine
from layout.issue.load import load_issue
from layout.page import typeset
from layout.text.clean import clean_issue
from layout.text.font import FontBook
from tests.test_properties import TEXT

EXAMPLES = int(os.environ.get("BANMIAN_LONG", "40"))
ARTICLE = st.fixed_dictionaries({
    "chars": st.integers(min_value=5, max_value=20),
    "span": st.integers(min_value=1, max_value=4),
    "lines": st.integers(min_value=3, max_value=40),
    "body": st.lists(TEXT, min_size=1, max_size=4),
})


@pytest.mark.expect_warnings  # random copy is overset and has unbalanced quotes: reported, as it should be
@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(article=ARTICLE)
def test_every_character_is_set_or_overset(tmp_path_factory, box_book: FontBook,  # type: ignore[no-untyped-def]
                                           article: dict) -> None:
    folder = tmp_path_factory.mktemp("lost")
    text = f"""banmian: 1
issue: {{paper: 测试报, date: 2026-01-20}}
pages:
  - number: 1
    paper: {{width: 500mm, height: 700mm}}
    grid: {{columns: 4, chars: {article["chars"]}, body_size: 10pt, leading: 15pt}}
    blocks:
      - type: article
        id: a
        at: {{column: 1, span: {article["span"]}, line: 1, lines: {article["lines"]}}}
        body: {json.dumps(article["body"], ensure_ascii=False)}
"""
    path = Path(folder) / "i.yaml"
    path.write_text(text, encoding="utf-8")
    issue, _ = clean_issue(load_issue(path))
    doc, report = typeset(issue, box_book)
    block = next(b for b in report.blocks if b.block == "a")
    body = [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == "a" and i.kind == "body"]
    set_text = "".join(line.text for line in body).replace(" ", "")
    wanted = "".join(run.text for p in issue.pages[0].blocks[0].body for run in p.runs).replace(" ", "")  # type: ignore[union-attr]
    assert set_text + block.overset_text.replace(" ", "") == wanted
    assert block.overset_chars == len(block.overset_text.replace(" ", ""))
