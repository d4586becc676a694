"""Colours the plates cannot print as the issue says: over the ink limit, or colour on a black-only page."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout import cli

ISSUE = """banmian: 1
issue: {paper: 测试报, date: 2026-01-20, number: 7}
print: {ink_limit: 240}
pages:
  - number: 1
    name: 要闻
    mono: %s
    paper: tabloid
    grid: {columns: 5, chars: 14, gutter: 1, body_size: 小五, leading: 13.5pt}
    blocks:
      - {type: masthead, id: flag, at: {column: 1, span: 2, line: 1, lines: 9}}
      - type: article
        id: boxed
        box: {style: single, tint: %s}
        at: {column: 3, span: 3, line: 1, lines: 20}
        headline: 标题（占位）
        body: ["正文占位文字，不是新闻。"]
"""


def _render(tmp_path: Path, mono: str, tint: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    issue = tmp_path / "i.yaml"
    issue.write_text(ISSUE % (mono, tint), encoding="utf-8")
    assert cli.main(["render", str(issue), "-o", str(tmp_path / "i.pdf"), "--quiet"]) == 0
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("WARNING")]


@pytest.mark.expect_warnings
def test_colour_on_a_mono_page_is_named_by_page_and_block(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warnings = _render(tmp_path, "true", "[0.3, 0, 0, 0]", capsys)
    assert any("colour on a black-only page: page 1, block 'boxed': box fill (tint) CMYK 30/0/0/0" in w
               for w in warnings), warnings
    assert any("colour on a black-only page: page 1, block 'flag': text CMYK" in w for w in warnings), warnings
    assert not any("ink over the limit" in w for w in warnings)


@pytest.mark.expect_warnings
def test_a_tint_over_the_ink_limit_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warnings = _render(tmp_path, "false", "[1, 1, 1, 1]", capsys)
    assert warnings == ["WARNING: " + str(tmp_path / "i.yaml") + ": ink over the limit: page 1, block 'boxed': box "
                        "fill (tint) CMYK 100/100/100/100 is 400 % ink, over print.ink_limit 240 %"]


def test_k_tints_and_colour_within_the_limit_are_quiet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _render(tmp_path, "false", "[0.2, 0.6, 0.6, 0.2]", capsys) == []  # 160 %: colour page, under 240 %


def test_each_page_and_block_named_in_frame_order() -> None:
    """The same colours on a colour page and on a mono page, in several blocks: a fault is named
    once for each page, block and colour, in the order the items come; colours that print as
    asked say nothing, however often they come."""
    from types import SimpleNamespace

    from layout.frame import Box, PageFrame, Region, TextLine
    from layout.inks import colour_problems

    red, black, heavy = (0.0, 1.0, 1.0, 0.0), (0.0, 0.0, 0.0, 1.0), (1.0, 1.0, 1.0, 0.5)
    items = (*(TextLine(0, 10 * k, (), "a", color=black) for k in range(50)),
             TextLine(0, 600, (), "b", color=red), Box(5, 5, 10, 10, fill=heavy), TextLine(0, 610, (), "b", color=red),
             TextLine(0, 620, (), "a", color=red), Box(105, 5, 10, 10, stroke=red))
    regions = (Region("a", "article", 0, 0, 100, 100), Region("c", "article", 100, 0, 100, 100))
    pages = [PageFrame(n, "", 200, 800, items, regions=regions) for n in (1, 2)]
    issue = SimpleNamespace(press=SimpleNamespace(ink_limit=240), pages=[SimpleNamespace(mono=False),
                                                                         SimpleNamespace(mono=True)])
    found = colour_problems(issue, pages)  # type: ignore[arg-type]
    assert [line.split(": ", 1)[0] + ": " + line.split(": ")[1] for line in found] == [
        "ink over the limit: page 1, block 'a'",
        "colour on a black-only page: page 2, block 'b'", "ink over the limit: page 2, block 'a'",
        "colour on a black-only page: page 2, block 'a'", "colour on a black-only page: page 2, block 'a'",
        "colour on a black-only page: page 2, block 'c'"]
