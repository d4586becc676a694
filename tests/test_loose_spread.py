"""Loose lines before an unbreakable run (issue 12): the deficit is spread, not gathered.

Where no break sequence keeps every gap between ideographs within ¼ em (an e-mail address,
a code or a number that cannot be broken comes up against a line end), the breaker leaves no
line parting ideographs far wider than it must: the widest such gap, measured on the set
glyphs, is within 0.1 em of the least any legal break sequence can have (found here by a
search of its own over every legal break, minimising the widest gap). The loose-line warning
prints the line with the spaces typed in the copy, on the character grid too.

The copy is placeholder text written for this test (the Chinese from the seed's phrasing,
the addresses and codes invented placeholders), not news, and not the copy of any harness.
"""

from __future__ import annotations

import math
from itertools import pairwise
from pathlib import Path

import pytest

from layout.issue.model import Typography
from layout.text.font import FontBook
from layout.text.linebreak import EPS, Measurer
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle, prepare
from layout.text.punct import NO_START
from layout.text.rules import rules
from layout.text.script import is_ideograph
from tests.test_grid_justify import ISSUE
from tests.test_url_breaks import inside_address

SIZE = 9.0
COPY = [
    "项目签约后，有意入驻的配套企业请将申请材料发送至investment.office2026@dianzhong-example.cn，"
    "咨询请致信help_desk@example.org或拨打0871-63001234。",
    "基地一期工程编号为DZ2026QX00417，二期编号为DZ2027QX00593，两期合计投资约130,000万元，"
    "预计年产能达到40GWh，可带动上下游配套企业落地。",
    "宁德时代与昆明市签署协议，双方将围绕新能源电池、绿色交通、低空经济等领域合作，"
    "项目代码为CATL-KM-2026-0001，详情见www.example-catl-kunming.cn/notice/2026/index.html。",
    "截至目前，园区已累计引进企业215家，其中规上工业企业68家，完成固定资产投资Q2026B000318号备案，"
    "实现工业总产值约1,580,000万元，同比增长18.6%。",
]
WIDTHS = (9, 11, 13, 17)
STYLES = ("line_end_half", "quanjiao")
CASES = [pytest.param(k, chars, style, id=f"copy{k}-{chars}-{style}")
         for k in range(len(COPY)) for chars in WIDTHS for style in STYLES]


def _typo(style: str) -> Typography:
    return Typography(punctuation=style)


def _widest_han_gap(lines: list[list[tuple[str, float, float]]]) -> float:
    """The widest white between two ideographs next to each other on one line, in em, from
    the glyphs' x and advance (``(char, x, advance)`` per glyph, spaces left out)."""
    widest = 0.0
    for glyphs in lines:
        for (a, xa, wa), (b, xb, _) in pairwise(glyphs):
            if is_ideograph(a) and is_ideograph(b):
                widest = max(widest, (xb - xa - wa) / SIZE)
    return widest


def _least_widest(book: FontBook, text: str, chars: int, style: str) -> float:
    """The least possible widest opening (em) over every legal break sequence: a minimax search
    over all legal line ends (codes and numbers never broken), each line priced by how far its
    justification opens its gaps (``Measurer.spread``: between ideographs by what they gain,
    letters and word spaces at their caps as the limit, past them by the share of every gap)."""
    typo = _typo(style)
    p = prepare([(text, TextStyle("song", SIZE))], book, typo)
    m = Measurer(p, typo.line_start_open_half, rules(typo).half_at_end)
    n = len(p.atoms)
    ends = [e for e in range(1, n) if p.breakable[e - 1] and (e - 1 not in p.last_resort or e - 1 in p.hyphens)]
    ends.append(n)
    best = {0: 0.0}
    for start in [0, *ends]:
        if start not in best or start == n:
            continue
        avail = (chars - (2 if start == 0 else 0)) * SIZE
        for end in (e for e in ends if e > start):
            natural = m.natural(start, end)
            if natural - m.max_shrink(start, end) > avail + EPS:
                break
            spread = 0.0 if end == n or natural >= avail else m.spread(start, end, avail, 0.25)
            best[end] = min(best.get(end, math.inf), max(best[start], spread))
    return best[n]


@pytest.mark.parametrize(("k", "chars", "style"), CASES)
def test_the_widest_gap_is_near_the_least_possible(book: FontBook, k: int, chars: int, style: str) -> None:
    para = set_paragraph([(COPY[k], TextStyle("song", SIZE))], book, _typo(style), chars * SIZE, 2 * SIZE)
    lines = []
    for line in para.lines:
        if not line.justified:
            continue
        glyphs = [g for g in line.glyphs if g.ch != " "]
        lines.append([(g.ch, g.x, book.face(g.face).advance_em(g.ch[0]) * g.size * g.scale)  # type: ignore[union-attr]
                      for g in glyphs])
    widest = _widest_han_gap(lines)
    least = _least_widest(book, COPY[k], chars, style)
    assert widest <= max(least, 0.25) + 0.1 + 1e-6, ([line.text for line in para.lines], widest, least)


@pytest.mark.parametrize(("k", "chars", "style"), CASES)
def test_han_latin_gaps_stay_in_their_band(book: FontBook, k: int, chars: int, style: str) -> None:
    """Between an ideograph and a Latin letter or digit the white stays within 0.2–0.3 em on
    every line, a loose one included (its other gaps open instead), measured on the glyphs."""
    para = set_paragraph([(COPY[k], TextStyle("song", SIZE))], book, _typo(style), chars * SIZE, 2 * SIZE)
    found = 0
    for line in para.lines:
        glyphs = [g for g in line.glyphs if g.ch != " "]
        for a, b in pairwise(glyphs):
            if (is_ideograph(a.ch) and b.ch.isascii() and b.ch.isalnum()) or \
                    (a.ch.isascii() and a.ch.isalnum() and is_ideograph(b.ch)):
                gap = (b.x - a.x - book.face(a.face).advance_em(a.ch[0]) * a.size * a.scale) / SIZE  # type: ignore[union-attr]
                assert 0.2 - 1e-6 <= gap <= 0.3 + 1e-6, (line.text, a.ch + b.ch, gap)
                found += 1
    assert found  # (each copy has Latin beside Chinese)


@pytest.mark.parametrize(("k", "chars", "style"), CASES)
def test_lines_start_legally_and_codes_stay_whole(book: FontBook, k: int, chars: int, style: str) -> None:
    """Which characters start lines: never a mark the rules keep off a line start (but an address's
    . - _ ? where it breaks before them, as Chicago breaks a URL), never a digit
    continuing a code or number from the line before (all these fit a line whole), a letter or
    digit only where the break was reported between a letter and a digit of a code (DZ2026|QX…:
    the last resort before a line gaping past 1 em, ``candidates.split_ends``), and nothing lost."""
    para = set_paragraph([(COPY[k], TextStyle("song", SIZE))], book, _typo(style), chars * SIZE, 2 * SIZE)
    texts = [line.copy for line in para.lines]
    assert "".join(texts).replace(" ", "") == COPY[k].replace(" ", "")
    plain = [text.replace("\u00ad", "") for text in texts]
    for j, (line, (before, after)) in enumerate(zip(para.lines, pairwise(texts))):
        address = after[0] in ".,-_?~#%=&" and inside_address("".join(plain), len("".join(plain[:j + 1])))
        assert after[0] not in NO_START or address, texts
        assert not (before[-1].isdigit() and after[0].isdigit()), texts  # no number split
        assert not (before[-1].isascii() and before[-1].isalnum() and after[0].isascii() and after[0].isalnum()
                    and not before.endswith("-") and not (line.forced and before[-1].isalpha() != after[0].isalpha())
                    ), texts


DATELINE = "本报北京3月18日电（记者 欧阳明远 实习生 诸葛亮亮） 双方将围绕新能源电池等领域合作。"


@pytest.mark.expect_warnings
@pytest.mark.parametrize(("grid", "chars"), [("true", 11), ("false", 9)])
def test_a_loose_line_is_warned_with_its_typed_spaces(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                     grid: str, chars: int) -> None:
    issue = tmp_path / "dated.yaml"
    issue.write_text(ISSUE.format(grid=grid, chars=chars, text=DATELINE), encoding="utf-8")
    from layout.cli import main
    assert main(["render", str(issue), "-o", str(tmp_path / "dated.pdf"), "--quiet"]) == 0
    warned = [w.split(": '", 1)[1].split("' spreads")[0] for w in capsys.readouterr().err.splitlines()
              if "loose line:" in w]
    assert warned, "the dateline sets a loose line at this width"
    names = ("记者 欧阳明远", "欧阳明远 实习生", "实习生 诸葛亮亮")
    for said in warned:
        for a, b in (n.split(" ") for n in names):
            assert a + b not in said, said  # a typed space is never dropped from the message
    assert any(" " in said for said in warned), warned
