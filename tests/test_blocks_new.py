"""The block types 导读 (index), 简讯 (briefs), 引语 (quote) and 相关链接 (sidebar), the per-article
body face and size, and the 报眼's one body column: properties read back from the rendered PDF
(pdfplumber) on copy written for these tests, at several widths."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from layout.errors import IssueError
from layout.issue.load import load_issue
from layout.page import typeset
from layout.render.pdf import write_pdf
from layout.text.clean import clean_issue
from layout.text.font import FontBook

PITCH, SIZE = 15.0, 10.0


def _head(chars: int, columns: int = 6) -> str:
    return f"""banmian: 1
issue: {{paper: 测试报, date: 2026-01-20}}
pages:
  - number: 1
    paper: broadsheet
    grid: {{columns: {columns}, chars: {chars}, body_size: 10pt, leading: 15pt}}
    blocks:
"""


def render(tmp_path: Path, book: FontBook, blocks: str, chars: int = 12, more: str = "") -> tuple[Any, Any, Any]:
    """Typeset an issue of ``blocks`` (page 1) and ``more`` (further pages); (document, report, pdf pages' chars
    and curves by page)."""
    path = tmp_path / "t.yaml"
    path.write_text(_head(chars) + blocks + more, encoding="utf-8")
    issue, _ = clean_issue(load_issue(path))
    doc, report = typeset(issue, book)
    with pdfplumber.open(io.BytesIO(write_pdf(doc, book.resources(doc.faces())))) as pdf:
        pages = [(list(p.chars), list(p.curves), list(p.lines)) for p in pdf.pages]
    return doc, report, pages


def region(doc: Any, block: str, page: int = 0) -> Any:
    return next(r for r in doc.pages[page].regions if r.block == block)


MARKS = "，。、；：？！）》”’"  # set half width at a line end: the glyph box passes the edge, the ink (left half) not
OPENING = "“‘（《「『"  # set half width at the start of a display line: the ink (right half) starts at the edge


def inside(chars: Iterable[dict[str, Any]], r: Any, slack: float = 0.5) -> list[dict[str, Any]]:
    """The characters drawn inside the rectangle (a line-end mark by its inked left half, a
    line-start opening mark of display type by its inked right half)."""
    def right(c: dict[str, Any]) -> float:
        return float(c["x0"] + (c["x1"] - c["x0"]) / 2 if c["text"] in MARKS else c["x1"])

    def left(c: dict[str, Any]) -> float:
        return float(c["x0"] + (c["x1"] - c["x0"]) / 2 if c["text"] in OPENING else c["x0"])
    return [c for c in chars if r.x - slack <= left(c) and right(c) <= r.x + r.w + slack
            and r.y - slack <= c["top"] and c["bottom"] <= r.y + r.h + slack]


def rows(chars: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped by baseline, top to bottom, each row left to right."""
    out: dict[float, list[dict[str, Any]]] = {}
    for c in chars:
        key = round(c["bottom"] - c["size"] * 0.12, 0)
        out.setdefault(key, []).append(c)
    return [sorted(row, key=lambda c: c["x0"]) for _, row in sorted(out.items())]


def text(chars: Iterable[dict[str, Any]]) -> str:
    return "".join(c["text"] for row in rows(chars) for c in row if c["text"].strip())


def block_report(report: Any, block: str) -> Any:
    return next(b for b in report.blocks if b.block == block)


# ---------------------------------------------------------------- index (导读)

INDEX_ITEMS = [
    ("滇中新区锂电池绿色智造基地2026年一季度开工，总投资约120亿元", "story"),
    ("“陪群众走流程”：12345热线接诉即办率达98.6%", "other"),
    ("阳宗海水质创十余年来最优", None),
]
MORE = """  - number: 2
    paper: broadsheet
    grid: {columns: 6, chars: 12, body_size: 10pt, leading: 15pt}
    blocks:
      - {type: article, id: story, at: {column: 1, span: 3, line: 1, lines: 10}, body: [第二版的正文。]}
  - number: 3
    paper: broadsheet
    grid: {columns: 6, chars: 12, body_size: 10pt, leading: 15pt}
    blocks:
      - {type: article, id: other, at: {column: 1, span: 3, line: 1, lines: 10}, body: [第三版的正文。]}
      - {type: article, id: story-3, continues: story, at: {column: 4, span: 3, line: 1, lines: 10}, body: [续文。]}
"""


def _index(span: int, lines: int = 20, form: str = "第N版", box: bool = False) -> str:
    items = "\n".join(f"          - {{text: {t}, ref: {r}}}" if r else f"          - {{text: {t}, page: 4}}"
                      for t, r in INDEX_ITEMS)
    return f"""      - type: index
        id: idx
        at: {{column: 1, span: {span}, line: 1, lines: {lines}}}
        heading: 要闻导读
        ref_form: {form}
        box: {str(box).lower()}
        items:
{items}
"""


@pytest.mark.parametrize(("span", "chars", "box"), [(2, 12, False), (3, 10, False), (2, 14, True), (4, 9, False)])
def test_index_refs_flush_right_leaders_aligned_nothing_lost(tmp_path: Path, book: FontBook, span: int, chars: int,
                                                             box: bool) -> None:
    doc, report, pages = render(tmp_path, book, _index(span, box=box), chars, MORE.replace("chars: 12",
                                                                                         f"chars: {chars}"))
    r = region(doc, "idx")
    chars_, curves, _ = pages[0]
    mine = inside(chars_, r)
    assert len(mine) == len([c for c in chars_ if c["top"] >= r.y - 1 and c["x0"] < r.x + r.w]), "text outside"
    # the extracted text is the copy: heading, then each item's text and its page reference
    refs = ["第2、3版", "第3版", "第4版"]
    copy = "要闻导读" + "".join(t + ref for (t, _), ref in zip(INDEX_ITEMS, refs))
    assert text(mine) == copy
    assert block_report(report, "idx").overset_lines == 0
    right = r.x + r.w - (SIZE if box else 0.0)  # inside a frame: one character in
    rws = rows(mine)
    ref_rows = [row for row in rws if row[-1]["text"] == "版"]
    assert len(ref_rows) == 3
    for row in ref_rows:
        assert abs(row[-1]["x1"] - right) <= 0.5, (row[-1]["x1"], right)  # flush right to the column edge
    # leaders: dots on each reference's line, ending a quarter em before its reference, on one lattice
    dots = [c for c in curves if c["x1"] - c["x0"] < 2 and r.x <= c["x0"] and c["x1"] <= r.x + r.w]
    assert dots
    ends = []
    for row in ref_rows:
        mid = (row[0]["top"] + row[0]["bottom"]) / 2
        line = sorted((d for d in dots if abs((d["top"] + d["bottom"]) / 2 - mid) < 2), key=lambda d: d["x0"])
        assert line, "a leader on the reference's line"
        ref_x0 = next(c["x0"] for c in reversed(row) if c["text"] == "第")
        text_x1 = max(c["x1"] for c in row if c["x1"] <= line[0]["x0"] + 0.01)
        assert line[-1]["x1"] <= ref_x0 - 0.2 * SIZE and line[-1]["x1"] > ref_x0 - 0.25 * SIZE - 4.5 - 0.1
        assert line[0]["x0"] >= text_x1 + 0.2 * SIZE  # clear of the text
        ends.append([round(d["x0"] % 4.5, 2) for d in line])
        assert abs((line[0]["top"] + line[0]["bottom"]) / 2 - mid) < 1.0  # centred on the em box, as ……
    lattice = {v for e in ends for v in e}
    assert max(lattice) - min(lattice) < 0.02 or max(lattice) - min(lattice) > 4.48  # dot under dot
    # item lines on the baseline grid, and no text line under the reference column
    base = [c["bottom"] for row in rws[1:] for c in row[:1]]
    assert all(abs(((b - base[0]) / PITCH) - round((b - base[0]) / PITCH)) < 0.02 for b in base)
    column = max(row[-1]["x1"] - next(c["x0"] for c in reversed(row) if c["text"] == "第") for row in ref_rows)
    for row in rws[1:]:
        if row not in ref_rows:
            assert row[-1]["x1"] <= right - column - SIZE + 0.5


@pytest.mark.expect_warnings  # overset
def test_index_ref_forms_and_overset(tmp_path: Path, book: FontBook) -> None:
    doc, report, pages = render(tmp_path, book, _index(2, lines=4, form="N"), more=MORE)
    block = block_report(report, "idx")
    mine = text(inside(pages[0][0], region(doc, "idx")))
    assert mine.startswith("要闻导读" + INDEX_ITEMS[0][0][:5])
    assert "2、3" in mine and "版" not in mine.replace("要闻导读", "")
    # what does not fit is reported, with its characters: set + overset = all
    total = sum(len(t) for t, _ in INDEX_ITEMS) + len("2、334")
    assert block.overset_lines > 0
    assert block.chars_set - 4 + block.overset_chars == total
    assert block.overset_text.split("\n")[-1] == f"{INDEX_ITEMS[-1][0]} 4"  # each item on a line, its page apart


def test_index_unknown_ref_names_its_key(tmp_path: Path, book: FontBook) -> None:
    blocks = _index(2).replace("ref: other", "ref: nowhere")
    with pytest.raises(IssueError) as err:
        render(tmp_path, book, blocks, more=MORE)
    assert "items[1].ref" in str(err.value) and "nowhere" in str(err.value)


# ---------------------------------------------------------------- briefs (简讯)

BRIEFS = [
    ("本报讯", "昆明市第12届“春城读书月”3月1日启动，全市156所公共图书馆延长开放至21:00，"
               "读者可在www.kmlib.cn预约座位。"),
    ("滇池：", "1月草海水质稳定在Ⅳ类，外海COD同比下降8.3%，监测点位由28个增至35个。"),
    ("", "五华区新增公共充电桩420个，“15分钟充电圈”覆盖全区。"),
    ("地铁5号线", "延长线工程形象进度达62.5%，计划2027年底通车，设站7座，全长约11.2公里。"),
]


def _briefs(span: int, lines: int, bullet: bool = False, rules: bool = True) -> str:
    items = "\n".join(f"          - {{lead: {lead}, text: \"{t}\"}}" if lead else f"          - \"{t}\""
                      for lead, t in BRIEFS)
    return f"""      - type: briefs
        id: br
        at: {{column: 1, span: {span}, line: 1, lines: {lines}}}
        heading: 简讯
        bullet: {str(bullet).lower()}
        rules: {str(rules).lower()}
        items:
{items}
"""


@pytest.mark.parametrize(("span", "chars", "bullet"), [(1, 13, False), (2, 11, True), (2, 14, False)])
def test_briefs_lead_in_bold_no_indent_nothing_lost(tmp_path: Path, book: FontBook, span: int, chars: int,
                                                   bullet: bool) -> None:
    doc, report, pages = render(tmp_path, book, _briefs(span, 40, bullet), chars)
    r = region(doc, "br")
    chars_, _, lines = pages[0]
    mine = inside(chars_, r)
    assert len(mine) == len([c for c in chars_ if c["top"] >= r.y - 1 and c["x0"] < r.x + r.w])
    mark = "■" if bullet else ""
    copy = "".join(mark + lead + t for lead, t in BRIEFS)
    x_cols = sorted(r.x + k * (chars + 1) * SIZE for k in range(span))
    body = [c for c in mine if c["size"] <= SIZE]
    col_rows = [rows(c for c in body if max(x for x in x_cols if x <= c["x0"] + 0.5) == x) for x in x_cols]
    assert text(c for c in mine if c["size"] > SIZE) == "简讯"
    assert "".join(text(c for row in col for c in row) for col in col_rows).replace("\u3000", "") == copy
    heights = [len(col) for col in col_rows]  # balanced: within a rule line and a split's two lines
    assert max(heights) - min(heights) <= 3, heights
    assert block_report(report, "br").overset_lines == 0
    song = next(c["fontname"] for c in mine if c["text"] == "昆")
    for lead, t in BRIEFS:
        first = next(row for col in col_rows for row in col
                     if text(row).replace("\u3000", "").startswith(mark + (lead or t)[:3]))
        assert min(abs(first[0]["x0"] - x) for x in x_cols) < 0.3  # no indent
        if lead:
            start = 1 if bullet else 0
            for c in first[start:start + len(lead.rstrip("：")) ]:
                assert "Bold" in c["fontname"] or "Hei" in c["fontname"] or c["fontname"] != song, c
            body = next(c for c in first if c["text"] == t[0] and c["x0"] > first[start]["x0"])
            assert body["fontname"] == song
    # rules between items: inside the block, one fewer than the items (or a column break instead)
    rules = [ln for ln in lines if r.x - 0.5 <= ln["x0"] and ln["x1"] <= r.x + r.w + 0.5 and r.y <= ln["top"]
             and abs(ln["top"] - ln["bottom"]) < 1]
    assert 1 <= len(rules) <= len(BRIEFS) - 1


@pytest.mark.expect_warnings  # overset
def test_briefs_overset_is_reported(tmp_path: Path, book: FontBook) -> None:
    _, report, _ = render(tmp_path, book, _briefs(1, 8, rules=False))
    block = block_report(report, "br")
    total = sum(len(lead) + len(t) for lead, t in BRIEFS)
    assert block.overset_lines > 0
    assert block.chars_set - 2 + block.overset_chars == total  # (the em space after a lead-in is no character)


# ---------------------------------------------------------------- body face and size, the 报眼

def test_body_font_from_the_house_faces_and_body_size(tmp_path: Path, book: FontBook) -> None:
    para = "评论员文章：2026年，昆明要把“营商环境”当作city brand来经营，让企业办事“只跑一次”。" * 2
    doc, _, pages = render(tmp_path, book, f"""      - type: article
        id: pl
        at: {{column: 1, span: 2, line: 1, lines: 20}}
        body_font: commentary
        body_size: 10.5pt
        body: ["本报讯（记者 王琼梅）{para}", "{para}"]
      - type: article
        id: plain
        at: {{column: 3, span: 2, line: 1, lines: 20}}
        body: ["{para}"]
""")
    chars_ = pages[0][0]
    commentary = inside(chars_, region(doc, "pl"))
    plain = inside(chars_, region(doc, "plain"))
    kai = {c["fontname"] for c in commentary if c["text"] == "员"}
    song = {c["fontname"] for c in plain if c["text"] == "员"}
    assert len(kai) == 1 and kai != song and "WenKai" in next(iter(kai)), (kai, song)
    assert {round(c["size"], 1) for c in commentary if c["text"] == "员"} == {10.5}
    assert all("WenKai" not in c["fontname"] for c in commentary if c["text"] == "讯")  # the dateline keeps its face
    # the body lines stay on the page's baseline grid
    tops = sorted({round(c["bottom"], 2) for c in commentary if c["text"] == "员"})
    assert all(abs((t - tops[0]) / PITCH - round((t - tops[0]) / PITCH)) < 0.01 for t in tops)


def test_a_boxed_article_sets_one_body_column_per_two_base_columns(tmp_path: Path, book: FontBook) -> None:
    text = "今日导读：全球动力电池巨头落子昆明，新能源产业集群蓄势崛起。（第1、2版）" * 3
    blocks = "".join(f"""      - type: article
        id: b{span}
        at: {{column: {column}, span: {span}, line: 1, lines: 30}}
        box: single
        body: ["{text}"]
""" for column, span in ((1, 2), (3, 3)))
    doc, _, _ = render(tmp_path, book, blocks)
    from layout.frame import TextLine
    for block, columns in (("b2", 1), ("b3", 2)):
        xs = {round(i.x, 1) for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == block}
        assert len(xs) == columns, (block, xs)


# ---------------------------------------------------------------- quote (引语)

STORY = ("昆明市2025年地区生产总值达8,200亿元，同比增长5.1%；规上工业增加值增长9.3%，"
         "其中新能源电池产业产值首次突破300亿元，“链主”企业带动上下游配套企业48家落户。")


def _article_with_quote(span: int, qcol: int, qspan: int, rules: str = "both") -> str:
    return f"""      - type: article
        id: a
        at: {{column: 1, span: {span}, line: 1, lines: 40}}
        headline: 产业强市
        body: ["{STORY}", "{STORY}", "{STORY}", "{STORY}"]
      - type: quote
        id: q
        at: {{column: {qcol}, span: {qspan}, line: 12, lines: 7}}
        text: 要把“链主”企业留在昆明，靠的是3个字：放管服。
        attribution: 市发展改革委负责人
        rules: {rules}
"""


@pytest.mark.parametrize(("span", "qcol", "qspan"), [(3, 2, 2), (4, 1, 2), (2, 1, 1)])
def test_quote_inside_the_article_body_flows_around_it(tmp_path: Path, book: FontBook, span: int, qcol: int,
                                                       qspan: int) -> None:
    doc, report, pages = render(tmp_path, book, _article_with_quote(span, qcol, qspan))
    chars_, _, lines = pages[0]
    q, a = region(doc, "q"), region(doc, "a")
    assert a.x <= q.x and q.x + q.w <= a.x + a.w + 0.01 and a.y <= q.y and q.y + q.h <= a.y + a.h
    mine = inside(chars_, q)
    assert text(mine) == "“要把‘链主’企业留在昆明，靠的是3个字：放管服。”——市发展改革委负责人"
    assert block_report(report, "q").overset_lines == 0 and block_report(report, "a").overset_lines == 0
    assert {c["fontname"] for c in mine if c["text"] == "链"} and all("WenKai" in c["fontname"] for c in mine)
    assert min(c["size"] for c in mine if c["text"] == "链") == 15.0
    # no body character of the article overlaps the quote (nor comes within half a line of it)
    for c in chars_:
        if c in mine:
            continue
        assert (c["x1"] <= q.x + 0.01 or c["x0"] >= q.x + q.w - 0.01 or c["bottom"] <= q.y - PITCH / 2
                or c["top"] >= q.y + q.h + PITCH / 2), c
    # the attribution ends flush right; the rules span the quote above and below
    last = rows(mine)[-1]
    assert abs(last[-1]["x1"] - (q.x + q.w)) < 0.6
    mine_rules = [ln for ln in lines if abs(ln["x0"] - q.x) < 0.01 and abs(ln["x1"] - (q.x + q.w)) < 0.01]
    assert len(mine_rules) == 2
    assert min(ln["top"] for ln in mine_rules) >= q.y - 0.01 and max(ln["bottom"] for ln in mine_rules) <= q.y + q.h
    # every character of the article's copy is set around the quote
    body = "".join(c["text"] for c in chars_ if c not in mine and c["top"] > a.y + 2 * PITCH)
    assert body.count("链主") == 4


@pytest.mark.expect_warnings  # overset
def test_a_quote_too_long_for_its_block_is_overset(tmp_path: Path, book: FontBook) -> None:
    blocks = _article_with_quote(3, 2, 1).replace("lines: 7}", "lines: 3}")
    _, report, _ = render(tmp_path, book, blocks)
    block = block_report(report, "q")
    assert block.overset_lines > 0 and block.chars_set + block.overset_chars == len(
        "“要把“链主”企业留在昆明，靠的是3个字：放管服。”——市发展改革委负责人")


# ---------------------------------------------------------------- sidebar (相关链接)

def test_sidebar_boxed_with_heading_in_smaller_type(tmp_path: Path, book: FontBook) -> None:
    blocks = f"""      - type: article
        id: a
        at: {{column: 1, span: 3, line: 1, lines: 30}}
        body: ["{STORY}"]
      - type: sidebar
        id: s
        of: a
        at: {{column: 4, span: 2, line: 1, lines: 14}}
        body: ["2024年，昆明新能源电池产业产值187亿元；2025年突破300亿元。", "详见www.km.gov.cn“产业地图”栏目。"]
"""
    doc, report, pages = render(tmp_path, book, blocks)
    chars_, _, lines = pages[0]
    s = region(doc, "s")
    mine = inside(chars_, s)
    assert text(mine) == ("相关链接2024年，昆明新能源电池产业产值187亿元；2025年突破300亿元。"
                          "详见www.km.gov.cn“产业地图”栏目。")
    assert block_report(report, "s").overset_lines == 0
    body = [c for c in mine if c["text"] == "昆"]
    assert body and all(c["size"] == 7.5 for c in body)
    heading = [c for c in mine if c["text"] == "链"]
    assert heading and heading[0]["size"] > 7.5
    # framed: a rule on each side of the block
    frame = [ln for ln in lines if s.x - 0.01 <= min(ln["x0"], ln["x1"]) and max(ln["x0"], ln["x1"]) <= s.x + s.w + 0.01
             and s.y - 0.01 <= ln["top"] and ln["bottom"] <= s.y + s.h + 0.01]
    assert len(frame) >= 5  # four sides and the rule under the heading


def test_sidebar_of_an_article_not_on_its_page_is_an_error(tmp_path: Path, book: FontBook) -> None:
    blocks = ("      - {type: sidebar, id: s, of: nowhere, at: {column: 1, span: 2, line: 1, lines: 10}, "
              "body: [文字。]}\n")
    with pytest.raises(IssueError) as err:
        render(tmp_path, book, blocks)
    assert "blocks[0].of" in str(err.value) and "nowhere" in str(err.value)


def test_sidebar_wrapped_inside_its_article(tmp_path: Path, book: FontBook) -> None:
    blocks = f"""      - type: article
        id: a
        at: {{column: 1, span: 3, line: 1, lines: 40}}
        body: ["{STORY}", "{STORY}", "{STORY}"]
      - type: sidebar
        id: s
        of: a
        wrap: true
        at: {{column: 3, span: 1, line: 8, lines: 12}}
        body: ["2025年产值突破300亿元。"]
"""
    doc, report, pages = render(tmp_path, book, blocks)
    s = region(doc, "s")
    mine = inside(pages[0][0], s)
    assert text(mine) == "相关链接2025年产值突破300亿元。"
    for c in pages[0][0]:
        if c not in mine:
            assert (c["x1"] <= s.x + 0.01 or c["x0"] >= s.x + s.w - 0.01 or c["bottom"] <= s.y
                    or c["top"] >= s.y + s.h), c
    assert all(b.overset_lines == 0 for b in report.blocks)


# ---------------------------------------------------------------- nothing lost, any copy, any width

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.test_properties import TEXT  # noqa: E402


@pytest.mark.expect_warnings  # overset
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(TEXT, min_size=1, max_size=5), chars=st.integers(min_value=6, max_value=16),
       span=st.integers(min_value=1, max_value=3), lines=st.integers(min_value=2, max_value=30),
       kind=st.sampled_from(["index", "briefs"]))
def test_index_and_briefs_set_or_overset_every_character(tmp_path: Path, book: FontBook, texts: list[str],
                                                         chars: int, span: int, lines: int, kind: str) -> None:
    import json

    if kind == "index":
        items = [{"text": t, "page": k + 1} for k, t in enumerate(texts)]
    else:
        items = [{"lead": "本报讯", "text": t} for t in texts]
    blocks = f"""      - type: {kind}
        id: b
        at: {{column: 2, span: {span}, line: 3, lines: {lines}}}
        items: {json.dumps(items, ensure_ascii=False)}
"""
    doc, report, pages = render(tmp_path, book, blocks, chars)
    block = block_report(report, "b")
    issue, _ = clean_issue(load_issue(tmp_path / "t.yaml"))
    copy = sum(len(i.text.replace(" ", "")) for i in issue.pages[0].blocks[0].items)
    extra = sum(len(f"第{k + 1}版") for k in range(len(texts))) if kind == "index" else 3 * len(texts)
    assert block.chars_set + block.overset_chars == copy + extra
    r = region(doc, "b")
    drawn = [c for c in pages[0][0] if c["top"] >= r.y - 1]  # (the running head is above the block)
    assert inside(drawn, r) == drawn


@pytest.mark.expect_warnings  # overset
def test_sidebar_overset_is_reported(tmp_path: Path, book: FontBook) -> None:
    para = "2025年，昆明新能源电池产业产值突破300亿元，较2024年的187亿元增长60.4%。"
    blocks = f"""      - {{type: article, id: a, at: {{column: 1, span: 2, line: 1, lines: 10}}, body: ["{STORY}"]}}
      - {{type: sidebar, id: s, of: a, at: {{column: 3, span: 1, line: 1, lines: 5}}, body: ["{para}", "{para}"]}}
"""
    _, report, _pages = render(tmp_path, book, blocks)
    block = block_report(report, "s")
    assert block.overset_lines > 0
    assert block.chars_set - len("相关链接") + block.overset_chars == 2 * len(para)


@pytest.mark.parametrize(("extra", "where", "words"), [
    ("body_size: 16pt", "blocks[0].body_size", "outside the range"),
    ("body_font: serif", "blocks[0].body_font", "commentary"),
])
def test_bad_body_keys_name_their_key(tmp_path: Path, book: FontBook, extra: str, where: str, words: str) -> None:
    blocks = f"""      - type: article
        id: a
        at: {{column: 1, span: 2, line: 1, lines: 10}}
        {extra}
        body: [正文。]
"""
    with pytest.raises(IssueError) as err:
        render(tmp_path, book, blocks)
    assert where in str(err.value) and words in str(err.value)


def test_a_quote_outside_any_article_must_say_wrap_false(tmp_path: Path, book: FontBook) -> None:
    quote = "      - {type: quote, id: q, at: {column: 1, span: 2, line: 1, lines: 6}, text: 一句话。%s}\n"
    with pytest.raises(IssueError) as err:
        render(tmp_path, book, quote % "")
    assert "wrap" in str(err.value)
    doc, _report, pages = render(tmp_path, book, quote % ", wrap: false")
    assert text(inside(pages[0][0], region(doc, "q"))) == "“一句话。”"


@pytest.mark.parametrize("copy, printed", [
    ("他说，要把“链主”企业留在昆明。", "“他说，要把‘链主’企业留在昆明。”"),  # curly marks typed
    ('他说，要把"链主"企业留在昆明。', "“他说，要把‘链主’企业留在昆明。”"),  # straight ones, curled by the cleaning
    ("“链主”里有‘龙头’的意思", "“‘链主’里有‘龙头’的意思”"),  # opens with a mark that closes before its end; its
    # single marks beside the double ones, not in them, stay single (raised, “龙头” stood double in the double)
    ("“要把链主企业留在昆明。”", "“要把链主企业留在昆明。”"),  # wholly in marks of its own: left as typed
    ("所谓‘链主’，就是龙头企业", "“所谓‘链主’，就是龙头企业”"),  # single marks already, for the block's double
    ("他说：“‘链主’要留下。”", "“他说：‘“链主”要留下。’”"),  # two levels inside
])
def test_a_quote_s_own_marks_go_a_level_down_inside_the_marks_the_block_adds(
        tmp_path: Path, book: FontBook, copy: str, printed: str) -> None:
    """GB/T 15834 4.1.3.3: inside the double quotation marks the block puts round a pull quote, the copy's own
    double marks become single ones (and single ones inside those double)."""
    quote = ("      - type: quote\n        id: q\n        wrap: false\n"
             "        at: {column: 1, span: 3, line: 1, lines: 8}\n        text: '%s'\n")
    doc, _report, pages = render(tmp_path, book, quote % copy.replace("'", "''"))
    assert text(inside(pages[0][0], region(doc, "q"))) == printed


@pytest.mark.expect_warnings  # overset
def test_a_caption_that_leaves_no_room_for_its_picture_says_so_apart_from_its_copy(
        tmp_path: Path, book: FontBook, caplog: pytest.LogCaptureFixture) -> None:
    """A caption as tall as its slot leaves no picture: the overset is the copy that did not fit (quoted in the
    warning) and a note saying why, never the note pasted into the copy and cut off with it."""
    caption = "滇池东岸的观鸟栈道上，来自各地的摄影爱好者正在拍摄越冬的红嘴鸥。" * 3
    photo = ("      - type: photo\n        id: p\n        at: {column: 1, span: 1, line: 1, lines: 4}\n"
             f"        caption: {caption}\n        credit: 本报记者 欧阳明 摄\n")
    _doc, report, _pages = render(tmp_path, book, photo)
    block = block_report(report, "p")
    assert block.overset_notes == ["no room for the picture above its caption"]
    assert "(" not in block.overset_text and block.overset_text.endswith("欧阳明 摄")
    said = [r.getMessage() for r in caplog.records if "overset" in r.getMessage()]
    assert len(said) == 1 and said[0].endswith("no room for the picture above its caption)"), said


@pytest.mark.parametrize("copy, printed", [
    ("（记者）要把“链主”留下", "“（记者）要把‘链主’留下”"),  # opens with a bracket that closes inside it
    ("《政府工作报告》提出“链主”", "“《政府工作报告》提出‘链主’”"),
    ("“发展”与“安全”", "“‘发展’与‘安全’”"),  # two quotes, not one: the block's marks round both
    ("「一句话」", "「一句话」"),
    ("库克说“China’s market is key”", "“库克说‘China’s market is key’”"),  # an apostrophe stays one
    ("’90年代的“老街”", "“’90年代的‘老街’”"),
    ("库克说“我们的‘iPhone’卖得最好”", "“库克说‘我们的“iPhone”卖得最好’”"),  # a ’ after a word closing a quote
    ("“要把‘链主’留下”。", "“要把‘链主’留下”。"),  # wholly in its own marks, a full stop after them
    ("“测试”不是目的，要的是‘更好’。", "“‘测试’不是目的，要的是‘更好’。”"),  # single marks beside the double: kept
    ("’90年代的‘老街’与“新城”", "“’90年代的‘老街’与‘新城’”"),  # (an audit: ‘更好’ was raised to “更好”)
    ("他说‘要把“链主”留下’", "“他说‘要把“链主”留下’”"),  # written a level down already: as typed (a review)
    ("他说‘我们的“iPhone”最好’，又说“好”", "“他说‘我们的“iPhone”最好’，又说‘好’”"),
    ("他说“今年‘双11’1小时成交破千亿”", "“他说‘今年“双11”1小时成交破千亿’”"),  # a ’ before a digit closes an open ‘
    ("“Jones’ 家”与“老街”", "“‘Jones’ 家’与‘老街’”"),  # … and with none open is an apostrophe
])
def test_which_quotes_get_the_block_s_marks_and_their_own_a_level_down(copy: str, printed: str) -> None:
    from layout.blocks.quote import marked, nested

    text, added = marked(copy)
    assert (nested(text) if added else text) == printed
