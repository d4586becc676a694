"""Column flow around wrapped blocks (photos, quotes, sidebars with ``wrap: true``): no text on
a block, nothing lost, no one-line run beside a block and no hole of two lines or more in a
column unless the copy-fit reports it. The planner is checked on random columns
(hypothesis); whole pages (copy from the seed's 宁德时代 report, rewritten for these tests)
are read back from the frame."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.flow.distribute import STUB_COST, Unit, plan, stubs
from layout.frame import TextLine
from layout.page import typeset_file
from layout.text.font import FontBook


def _units(paragraphs: list[int]) -> list[Unit]:
    """Paragraphs of n body lines each."""
    return [Unit([], 1, first=k == 0 and n > 1, last=k == n - 1 and n > 1) for n in paragraphs for k in range(n)]


@settings(max_examples=150, deadline=None)
@given(paragraphs=st.lists(st.integers(1, 9), min_size=1, max_size=7), columns=st.integers(2, 4),
       height=st.integers(8, 18), column=st.integers(0, 3), top=st.integers(0, 12), lines=st.integers(3, 8))
def test_plan_keeps_text_off_the_block_and_loses_nothing(paragraphs: list[int], columns: int, height: int,
                                                         column: int, top: int, lines: int) -> None:
    units = _units(paragraphs)
    block = frozenset(range(top, min(height, top + lines)))
    blocked = tuple(block if c == column % columns else frozenset() for c in range(columns))
    found = plan(units, columns, height, blocked)
    if found is None:
        return
    assert [i for i, _, _ in found.spots] == list(range(len(units)))  # every unit once, in order
    order = [(c, line) for _, c, line in found.spots]
    assert order == sorted(order)
    for _, c, line in found.spots:
        assert 0 <= line < found.height and line not in found.taken[c] and line not in blocked[c]
    left = stubs(units, found.spots, found.taken, found.height)
    assert not left or found.cost >= STUB_COST  # a stub only as the last resort, and then it is known


def test_no_line_stands_alone_under_the_block_at_a_column_foot() -> None:
    # a block on lines 2-6 of column 1 (its white: 1-7): the column's last line must not be one alone under it
    units = _units([7, 4])
    found = plan(units, 2, 13, (frozenset(range(2, 7)), frozenset()))
    assert found is not None
    under = [line for _, c, line in found.spots if c == 0 and line > 6]
    assert len(under) != 1 and stubs(units, found.spots, found.taken, found.height) == []


def test_the_room_above_a_block_is_filled_before_the_next_column() -> None:
    # the block stands at the foot of column 2 of 3: its 6 lines above are filled, not left white
    units = _units([6, 6, 5])
    blocked = (frozenset(), frozenset(range(6, 14)), frozenset())
    found = plan(units, 3, 14, blocked)
    assert found is not None
    above = [line for _, c, line in found.spots if c == 1]
    assert len(above) >= 5 and max(above) >= 4  # at most one line of white above the block's own gap


COPY = [
    "近日，全球动力电池行业领军企业与昆明市签署深度合作协议，在滇中新区投资建设锂电池绿色智造基地，"
    "项目计划于2026年一季度开工建设。",
    "双方将围绕新能源电池、绿色能源、绿色交通、低空经济4大领域，开展从技术研发、智能制造到应用场景的"
    "全方位合作，详见www.example.cn/ev。",
    "业内人士认为，“链主”企业落地将带动上下游配套企业集聚，预计形成千亿元级产业集群，并吸引约3,000名"
    "技术人才。",
    "昆明市有关负责人表示，将以“一个项目、一个专班”的机制做好服务，让企业少跑腿、数据多跑路。",
]


def _issue(blocks: str) -> str:
    return f"""banmian: 1
issue: {{paper: 测试报, date: 2026-03-05, number: 1}}
pages:
  - number: 1
    name: 测试
    paper: tabloid
    grid: {{columns: 5, chars: 11, gutter: 1, body_size: 小五, leading: 13.5pt}}
    blocks:
{blocks}"""


def _article(span: int, lines: int, paragraphs: list[str]) -> str:
    body = ", ".join(f'"{p}"' for p in paragraphs)
    return f"""      - type: article
        id: a
        at: {{column: 1, span: {span}, line: 1, lines: {lines}}}
        headline: 新能源产业集群蓄势崛起
        body: [{body}]
"""


CASES = {
    "photo-mid": _article(3, 30, COPY * 2) + """      - type: photo
        id: ph
        at: {column: 2, span: 2, line: 12, lines: 8}
        wrap: true
        label: 图片占位
""",
    "photo-foot": _article(5, 18, COPY[:3]) + """      - type: photo
        id: ph
        at: {column: 2, span: 2, line: 11, lines: 8}
        wrap: true
        label: 图片占位
""",
    "quote-and-sidebar": _article(3, 30, COPY + COPY[:1]) + """      - type: quote
        id: q
        at: {column: 2, span: 2, line: 9, lines: 7}
        text: 让企业少跑腿、数据多跑路。
      - type: sidebar
        id: s
        of: a
        wrap: true
        at: {column: 1, span: 2, line: 19, lines: 8}
        body: [相关链接：滇中新区2026年重点项目清单。]
""",
}


def _lines_by_column(frame: Any) -> dict[float, list[TextLine]]:
    out: dict[float, list[TextLine]] = {}
    for item in frame.items:
        if isinstance(item, TextLine) and item.block == "a" and item.kind in ("body", "crosshead"):
            out.setdefault(round(item.x), []).append(item)
    return {x: sorted(v, key=lambda t: t.baseline) for x, v in sorted(out.items())}


@pytest.mark.expect_warnings  # placeholders, and whatever the copy-fit reports
@pytest.mark.parametrize("case", sorted(CASES))
def test_wrapped_blocks_leave_no_stub_or_hole_unreported(case: str, tmp_path: Path, book: FontBook) -> None:
    path = tmp_path / f"{case}.yaml"
    path.write_text(_issue(CASES[case]), encoding="utf-8")
    _, document, report = typeset_file(path, book)
    frame = document.pages[0]
    assert frame.grid is not None
    pitch = frame.grid.pitch
    fit = report.fit(1, "a")
    assert fit is not None and fit["overset_lines"] == 0
    # nothing lost: every character of the copy is set, in order
    columns = _lines_by_column(frame)
    body = "".join(t.text for x in columns for t in columns[x] if t.kind == "body").replace(" ", "")
    copy = {"photo-mid": COPY * 2, "photo-foot": COPY[:3], "quote-and-sidebar": COPY + COPY[:1]}[case]
    assert body == "".join(copy).replace(" ", "")
    walls = [b.rect for b in report.blocks if b.block in ("ph", "q", "s") and b.rect]
    for n, (x, lines) in enumerate(columns.items(), 1):
        width = max(t.glyphs[-1].x + t.glyphs[-1].size for t in lines) if lines else 0.0
        mine = [w for w in walls if w[0] < x + width - 0.5 and x + 0.5 < w[0] + w[2]]
        for t in lines:  # text never on a block
            size = t.glyphs[0].size
            for _, wy, _, wh in mine:
                assert t.baseline <= wy + 0.01 or t.baseline - size >= wy + wh - 0.01, (case, t.text)
        # runs of lines between the blocks and the column's head and foot
        cuts = sorted({w[1] for w in mine} | {w[1] + w[3] for w in mine})
        runs: dict[int, list[TextLine]] = {}
        for t in lines:
            runs.setdefault(sum(1 for c in cuts if c < t.baseline), []).append(t)
        for run in runs.values():
            if mine and len(run) == 1:
                assert run[0].text.replace(" ", "") in [s.replace(" ", "") for s in fit["stranded"]], (case, n)
            for above, below in pairwise(run):  # white between lines of one run
                if round((below.baseline - above.baseline) / pitch) - 1 >= 2 and below.kind != "crosshead":
                    assert n in fit["short_columns"] and fit["column_holes"][n - 1] >= 2, (case, n)
        for _, wy, _, _ in mine:  # white between text and a block below it (past the block's own line)
            over = [t for t in lines if t.baseline <= wy + 0.01]
            later = [t for t in lines if t.baseline > wy]
            if over and later:
                white = round((wy - over[-1].baseline) / pitch) - 1
                if white >= 2 + 1:
                    assert n in fit["short_columns"] and fit["column_holes"][n - 1] >= 2, (case, n, white)


_HEAD_OVER_PHOTO = """banmian: 1
issue: {{paper: 测试报, date: 2026-03-18}}
pages:
  - number: 1
    paper: broadsheet
    grid: {{columns: 8, chars: 13, gutter: 1, body_size: 小五}}
    blocks:
      - type: article
        id: lead
        at: {{column: 1, span: 6, line: 1, lines: 40}}
        columns: 3
        headline: {{text: （测试）沿线多国青年代表齐聚昆明共话合作发展, size: 小初}}
        subhead: （测试）副题文字共设三个主论坛
        body:
          - {body}
          - {body}
      - type: photo
        id: ph
        at: {{column: 3, span: 4, line: {line}, lines: 14}}
        wrap: true
        caption: （测试）图片说明
"""


@pytest.mark.expect_warnings
@pytest.mark.parametrize("line", [4, 6, 12, 1])
def test_a_head_too_deep_for_the_lines_above_a_wrapped_photo_is_warned_of(
        tmp_path: Path, book: FontBook, caplog: pytest.LogCaptureFixture, line: int) -> None:
    """A head group set beside a wrapped photo because it is deeper than the lines above the photo leaves those
    lines empty over the photo (an audit: 4 columns × 10 lines of white on a lead): said, with the line the photo
    would have to move to; a photo low enough for the head, or at the article's top (the head beside it, nothing
    above it), is not warned of. Test copy, not news."""
    body = "（测试）这是一段用来填充版面的测试正文，用于观察标题与绕排图片的关系。" * 3
    (tmp_path / "t.yaml").write_text(_HEAD_OVER_PHOTO.format(body=body, line=line), encoding="utf-8")
    _, doc, _ = typeset_file(tmp_path / "t.yaml", book)
    said = [r.getMessage() for r in caplog.records if "head beside a photo" in r.getMessage()]
    heads = [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == "lead" and i.kind == "head"]
    assert heads
    if line in (4, 6):  # (the head set beside the photo, narrower than the article: lines over the photo empty)
        assert len(said) == 1 and "move the photo to line" in said[0], said
        wanted = int(said[0].split("move the photo to line ")[1].split()[0])
        caplog.clear()
        (tmp_path / "t.yaml").write_text(_HEAD_OVER_PHOTO.format(body=body, line=wanted), encoding="utf-8")
        _, doc, _ = typeset_file(tmp_path / "t.yaml", book)  # (the photo where the warning says: the head over it)
        assert not [r for r in caplog.records if "head beside a photo" in r.getMessage()]
        moved = [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == "lead" and i.kind == "head"]
        assert max(i.x for i in moved) <= min(i.x for i in moved) + 250  # (centred across the article, not beside)
    else:
        assert not said, said
