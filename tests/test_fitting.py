"""Display type fitted, coloured and knocked out, checked on the PDF, the plates and the PNG.

The heads below were written for these tests (numbers, Latin, quotes, names; placeholders,
not news). Properties: a head that does not fit is condensed (长体) within the house's
limits, then stepped down in size to its floor, then set on one more line; nothing is
lost and nothing passes its block; every step is reported; the PDF draws the scale with
``Tz`` (pdfplumber's glyph widths) and the PNG narrows its glyphs; 报红 inks only the M
and Y plates, black text only K, and 反白 text no plate at all.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from layout.errors import IssueError
from layout.flow import display
from layout.flow.setting import Setting
from layout.frame import Document, Glyph, PageFrame, TextLine
from layout.issue.load import load_issue
from layout.issue.model import Typography
from layout.page import typeset
from layout.render.pdf import write_pdf
from layout.text.font import FontBook
from layout.text.prepare import TextStyle

HEAD = """banmian: 1
issue: {paper: 测试报, date: 2026-01-20}
pages:
  - number: 1
    name: 测试
    paper: broadsheet
    margins: {top: 24mm, bottom: 16mm}
    grid: {columns: 8, chars: 13, gutter: 1, body_size: 小五, leading: 13.5pt}
    blocks:
"""
BODY = "        body: [占位正文，用于测试标题的排版。占位正文，用于测试标题的排版。]\n"

#: Banners of several lengths at 小初 over 4 columns (495 pt, about 13¾ characters).
BANNERS = [
    "滇池绿道130公里今日全线贯通",
    "“春城花开”摄影展在昆明美术馆展出300幅作品",
    "王晓梅与李国强获评2026年度全国优秀乡村教师称号",
    "昆明至丽江高铁提速后每日开行G字头列车增至48对",
    "iPhone用户可通过“一部手机游云南”App预约景区",
]


def _issue(tmp_path: Path, blocks: str, style: str = "") -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(HEAD.replace("pages:\n", f"{style}pages:\n") + blocks, encoding="utf-8")
    return path


def _render(tmp_path: Path, book: FontBook, blocks: str, style: str = "") -> tuple[Document, object, Path]:
    doc, report = typeset(load_issue(_issue(tmp_path, blocks, style)), book)
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(write_pdf(doc, book.resources(doc.faces())))
    return doc, report, pdf


def _lines(doc: Document, block: str, kind: str) -> list[TextLine]:
    return [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == block and i.kind == kind]


def _region(doc: Document, block: str):  # type: ignore[no-untyped-def]
    return next(r for r in doc.pages[0].regions if r.block == block)


def _lines_at(text: str, book: FontBook, size: float, width: float, role: str = "song_bold") -> int:
    """How many lines the display breaker sets ``text`` on at ``size`` in ``width`` pt (99: not at all)."""
    found = display.set_display(text, TextStyle(role, size), Setting(book, Typography()), width, "center")
    return 99 if found is None else len(found[0])


@pytest.mark.parametrize("text", BANNERS)
def test_banner_is_fitted_within_the_house_limits_and_nothing_is_lost(tmp_path: Path, book: FontBook,
                                                                      text: str) -> None:
    doc, report, pdf = _render(tmp_path, book, f"""      - type: banner
        id: b
        at: {{column: 1, span: 4, line: 1, lines: 9}}
        text: {text}
        size: 小初
""")
    region = _region(doc, "b")
    lines = _lines(doc, "b", "banner")
    block = next(b for b in report.blocks if b.block == "b")  # type: ignore[attr-defined]
    assert "".join(line.text for line in lines) == text.replace(" ", "") and not block.overset_lines
    def one_line(size: float, pct: float) -> bool:  # whether the text is set on one line at size and scale
        return _lines_at(text, book, size, region.w * 100 / pct) == 1

    for line in lines:
        assert 85 <= line.scale <= 100 and all(27.0 - 1e-6 <= g.size <= 36.0 for g in line.glyphs)
    size, scale = lines[0].glyphs[0].size, lines[0].scale
    if one_line(36.0, 100):
        assert not block.display_fit and len(lines) == 1 and scale == 100
    else:
        step = block.display_fit[0]
        assert step["fitted_scale"] == scale and step["fitted_size"] == size
        if one_line(36.0, 85):  # condensing alone is enough: the same size, as wide as it can stay
            assert len(lines) == 1 and size == 36.0 and scale < 100 and not one_line(36.0, scale + 1)
        elif one_line(27.0, 85):  # a smaller size, still one line: the largest that fits
            assert len(lines) == 1 and size < 36.0 and not one_line(size + 1.0, 85)
        else:  # another line
            assert len(lines) == 2 and step["lines"] == 2 and step["lines_wanted"] == 1
    with pdfplumber.open(pdf) as pdf_doc:
        chars = [c for c in pdf_doc.pages[0].chars if region.y <= c["top"] <= region.y + region.h
                 and region.x - c["size"] <= c["x0"] <= region.x + region.w]
    assert "".join(c["text"] for c in chars) == text.replace(" ", "")
    for c in chars:  # the line fits: no glyph's advance passes the block's edges (a half-width mark's
        if c["text"] not in "“”‘’《》（）":  # blank half may: its ink is inside)
            assert region.x - 0.05 <= c["x0"] and c["x1"] <= region.x + region.w + 0.05, c
    scale = lines[0].scale / 100
    for c in chars:
        if "\u4e00" <= c["text"] <= "\u9fff":  # an ideograph's advance: its em, scaled (Tz)
            assert c["width"] == pytest.approx(c["size"] * scale, abs=0.02)


def test_a_banner_1_3_times_too_long_fits_and_is_reported_on_the_render_line(tmp_path: Path, book: FontBook) -> None:
    text = "昆明美术馆“春城花开”摄影展今日开幕"
    natural = display.set_display(text, TextStyle("song_bold", 36.0), Setting(book, Typography()), 1e5, "left")
    assert natural is not None and 1.28 < natural[0][0].width / 495.0 < 1.34  # 4 columns of 13 + 3 gutters, 9 pt
    path = _issue(tmp_path, f"""      - type: banner
        id: b
        at: {{column: 1, span: 4, line: 1, lines: 9}}
        text: {text}
        size: 小初
""")
    out = subprocess.run([sys.executable, "-m", "layout", "render", str(path), "-o", str(tmp_path / "t.pdf"),
                          "--summary", str(tmp_path / "s.json")], capture_output=True, text=True, check=True)
    line = next(x for x in out.stdout.splitlines() if "第1版 b:" in x)
    assert "fitted" in line and ("长体" in line or " pt" in line) and text in line
    summary = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    step = next(b for b in summary["blocks"] if b["block"] == "b")["display_fit"][0]
    assert step["fits"] and 85 <= step["fitted_scale"] < 100 and 27 <= step["fitted_size"] <= 36


def test_size_step_is_reported_in_the_report_json(tmp_path: Path) -> None:
    head = "国家统计局：2026年1—3月CPI同比上涨0.8%"
    path = _issue(tmp_path, f"""      - type: article
        id: a
        at: {{column: 1, span: 2, line: 1, lines: 20}}
        headline: {{text: {head}, size: 一号}}
{BODY}""", "style: {fit: {lines: 1}}\n")
    subprocess.run([sys.executable, "-m", "layout", "render", str(path), "-o", str(tmp_path / "t.pdf"),
                    "--report", str(tmp_path / "r.json")], capture_output=True, text=True, check=True)
    fit = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    article = fit["articles"][0]
    step = article["display_fit"][0]
    assert fit["display_fit"] == [{"page": 1, "block": "a", **step}]
    assert step["text"] == head and step["size"] == 26.0 and step["fitted_size"] < 26.0
    assert step["fitted_scale"] >= 85 and step["fitted_size"] >= 26.0 * 0.75 - 1e-6


def test_explicit_scale_draws_with_tz_in_the_pdf(tmp_path: Path, book: FontBook) -> None:
    doc, _, pdf = _render(tmp_path, book, f"""      - type: article
        id: a
        at: {{column: 1, span: 4, line: 1, lines: 20}}
        headline: {{text: 张伟：AI让“慢病”管理更精准, scale: 90}}
{BODY}""")
    head = _lines(doc, "a", "head")
    assert [line.scale for line in head] == [90.0]
    with pdfplumber.open(pdf) as pdf_doc:
        chars = [c for c in pdf_doc.pages[0].chars if c["size"] > 20]  # the 小一 headline, not the body
    ideographs = [c for c in chars if "\u4e00" <= c["text"] <= "\u9fff"]
    assert ideographs and all(c["width"] == pytest.approx(0.9 * c["size"], abs=0.02) for c in ideographs)
    assert b"90 Tz" in _content(pdf)


def test_no_tz_when_nothing_is_scaled(tmp_path: Path, book: FontBook) -> None:
    _, _, pdf = _render(tmp_path, book, f"""      - type: article
        id: a
        at: {{column: 1, span: 4, line: 1, lines: 20}}
        headline: 短标题
{BODY}""")
    assert b" Tz" not in _content(pdf)


def _content(pdf: Path) -> bytes:
    import pikepdf

    with pikepdf.open(pdf) as p:
        return b"".join(page.Contents.read_bytes() if not isinstance(page.Contents, pikepdf.Array)
                        else b"".join(c.read_bytes() for c in page.Contents) for page in p.pages)


def test_png_back_end_narrows_a_scaled_line(book: FontBook) -> None:
    from layout.render.png import render_page

    face = book.chain("hei_bold").first
    glyphs = tuple(Glyph(ch, face.name, 40.0, 40.0 * k, gid=face.gid(ch)) for k, ch in enumerate("测试标题"))

    def ink_width(scale: float) -> int:
        page = PageFrame(1, "t", 300.0, 100.0, (TextLine(10.0, 60.0, glyphs, "a", "head", scale=scale),))
        image = render_page(page, book.resources(page.faces()), 72).convert("L")
        box = Image.eval(image, lambda v: 255 - v).getbbox()
        assert box is not None
        return box[2] - box[0]

    assert ink_width(50.0) == pytest.approx(ink_width(100.0) / 2, abs=3)


def _plates(pdf: Path, tmp_path: Path, dpi: int = 72) -> dict[str, Image.Image]:
    """The page's separations from Ghostscript's tiffsep: each plate, 0 = full ink, 255 = none."""
    subprocess.run(["gs", "-q", "-dSAFER", "-sDEVICE=tiffsep", f"-r{dpi}", "-o", str(tmp_path / "sep.tif"), str(pdf)],
                   check=True)
    return {name: Image.open(tmp_path / f"sep({name}).tif").convert("L") for name in ("Cyan", "Magenta", "Yellow",
                                                                                       "Black")}


def _inked(plate: Image.Image, box: tuple[float, float, float, float], dpi: int = 72) -> int:
    """Pixels with ink on ``plate`` inside ``box`` (pt: x0, y0, x1, y1)."""
    k = dpi / 72
    crop = plate.crop(tuple(round(v * k) for v in box))  # type: ignore[arg-type]
    return sum(1 for v in crop.tobytes() if v < 128)


def test_separations_red_reverse_and_black_heads(tmp_path: Path, book: FontBook) -> None:
    doc, _, pdf = _render(tmp_path, book, f"""      - type: article
        id: red
        at: {{column: 1, span: 4, line: 1, lines: 12}}
        headline: {{text: “红色”标题 No.1, color: 报红}}
{BODY}      - type: article
        id: rev
        at: {{column: 5, span: 4, line: 1, lines: 12}}
        headline: {{text: 反白标题 2026, reverse: true}}
{BODY}      - type: article
        id: black
        at: {{column: 1, span: 4, line: 13, lines: 12}}
        headline: 黑色标题 ABC
{BODY}""")
    assert b"0 1 1 0 k" in _content(pdf)  # 报红 as DeviceCMYK 0/100/100/0
    plates = _plates(pdf, tmp_path)

    def head_box(block: str) -> tuple[float, float, float, float]:
        lines = _lines(doc, block, "head")
        size = lines[0].glyphs[0].size
        right = max(line.x + line.drawn()[-1].x + size for line in lines)
        return (lines[0].x, lines[0].baseline - size, right, lines[-1].baseline + 0.2 * size)

    red = head_box("red")
    assert _inked(plates["Magenta"], red) > 200 and _inked(plates["Yellow"], red) > 200
    assert _inked(plates["Cyan"], red) == 0 and _inked(plates["Black"], red) == 0
    black = head_box("black")
    assert _inked(plates["Black"], black) > 200
    assert sum(_inked(plates[p], black) for p in ("Cyan", "Magenta", "Yellow")) == 0
    bar = next(i for i in doc.pages[0].items if type(i).__name__ == "Box" and getattr(i, "fill", None))
    inner = (bar.x + 1, bar.y + 1, bar.x + bar.w - 1, bar.y + bar.h - 1)  # type: ignore[attr-defined]
    k = plates["Black"].crop(tuple(round(v) for v in inner))  # type: ignore[arg-type]
    knocked = sum(1 for v in k.tobytes() if v >= 128)  # no ink on K inside the bar: the text's shapes
    assert knocked > 100 and sum(_inked(plates[p], inner) for p in ("Cyan", "Magenta", "Yellow")) == 0
    text = _lines(doc, "rev", "head")
    assert all(line.color == (0.0, 0.0, 0.0, 0.0) for line in text)


def test_house_colour_names_and_errors(tmp_path: Path, book: FontBook) -> None:
    doc, _, _ = _render(tmp_path, book, f"""      - type: article
        id: a
        at: {{column: 1, span: 4, line: 1, lines: 12}}
        kicker: {{text: 引题, color: 深蓝}}
        headline: {{text: 主题, color: [0, 1, 1, 0]}}
        subhead: {{text: 副题, color: [0, 100, 100, 0]}}
{BODY}""", "style: {colors: {深蓝: [100, 60, 0, 20]}}\n")
    colours = [line.color for line in _lines(doc, "a", "head")]
    assert colours[:3] == [(1.0, 0.6, 0.0, 0.2), (0.0, 1.0, 1.0, 0.0), (0.0, 1.0, 1.0, 0.0)]
    with pytest.raises(IssueError, match=r"color.*no house colour '紫'"):
        load_issue(_issue(tmp_path, f"""      - type: article
        id: a
        at: {{column: 1, span: 4, line: 1, lines: 12}}
        headline: {{text: 主题, color: 紫}}
{BODY}"""))
    with pytest.raises(IssueError, match="scale"):
        load_issue(_issue(tmp_path, f"""      - type: article
        id: a
        at: {{column: 1, span: 4, line: 1, lines: 12}}
        headline: {{text: 主题, scale: 60}}
{BODY}"""))


def test_display_punctuation_is_a_house_choice(tmp_path: Path, book: FontBook) -> None:
    head = "“春城”来信"
    widths = {}
    for marks in ("half", "full"):
        doc, _, _ = _render(tmp_path, book, f"""      - type: article
        id: a
        at: {{column: 1, span: 4, line: 1, lines: 12}}
        headline: {{text: {head}, align: left}}
{BODY}""", f"style: {{display_punct: {{marks: {marks}}}}}\n")
        line = _lines(doc, "a", "head")[0]
        size = line.glyphs[0].size
        widths[marks] = line.glyphs[1].x / size  # the opening quote's advance, em
    assert widths["half"] == pytest.approx(0.5, abs=0.02) and widths["full"] == pytest.approx(1.0, abs=0.02)


@pytest.mark.parametrize(("span", "spacing"),
                         [(2, ""), (4, ""), (6, ""), (6, "{kicker: 0.5, subhead: 0.6, byline: 0.4}")])
def test_head_group_spacing_from_the_house_measured_on_em_boxes(tmp_path: Path, book: FontBook, span: int,
                                                               spacing: str) -> None:
    style = f"style: {{head_spacing: {spacing}}}\n" if spacing else ""
    doc, _, _ = _render(tmp_path, book, f"""      - type: article
        id: a
        at: {{column: 1, span: {span}, line: 1, lines: 40}}
        kicker: 记者从市交通运输局获悉——
        headline: 5号线“北延段”年底通车
        subhead: 沿线设站7座，全长约12.6公里
        byline: 本报记者 欧阳晓峰
{BODY}""", style)
    from layout.issue.style import HeadSpacing

    house = HeadSpacing() if not spacing else HeadSpacing(kicker=0.5, subhead=0.6, byline=0.4)
    wanted = [house.kicker, house.subhead, house.byline]
    grid = doc.pages[0].grid
    assert grid is not None
    lines = _lines(doc, "a", "head")
    assert lines[0].text == "记者从市交通运输局获悉——" and len(lines) >= 4
    heads = [lines[0], next(x for x in lines if x.text.startswith("5号线")), next(x for x in lines if
             x.text.startswith("沿线")), lines[-1]]
    for k, (upper, lower) in enumerate(itertools.pairwise(heads)):
        up = max(g.size for g in upper.glyphs)
        low = max(g.size for g in lower.glyphs)
        top = lower.baseline - grid.ascent_em * low  # the em box's top, and the foot of the line above
        last = max((x for x in lines if x.baseline < lower.baseline), key=lambda x: x.baseline)
        bottom = last.baseline + (1 - grid.ascent_em) * max(g.size for g in last.glyphs)
        assert top - bottom >= wanted[k] * max(up, low) - 0.01, (upper.text, lower.text, top - bottom)
    body = [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == "a" and i.kind == "body"]
    first_body_top = min(b.baseline for b in body) - grid.ascent_em * grid.body_size
    assert first_body_top - (lines[-1].baseline + (1 - grid.ascent_em) * lines[-1].glyphs[0].size) >= 0.5 * grid.pitch


def test_a_boxed_head_is_set_at_the_top_of_its_box(tmp_path: Path, book: FontBook) -> None:
    doc, _, _ = _render(tmp_path, book, f"""      - type: article
        id: a
        at: {{column: 1, span: 3, line: 1, lines: 30}}
        box: double
        headline: 滇池“蓝藻”监测站投入使用
{BODY}""")
    grid = doc.pages[0].grid
    assert grid is not None
    head = _lines(doc, "a", "head")[0]
    region = _region(doc, "a")
    em_top = head.baseline - grid.ascent_em * head.glyphs[0].size
    # one line of the box's padding, and the house's half line of air (at most one line more: the grid)
    assert em_top - region.y <= 2.5 * grid.pitch


@pytest.mark.expect_warnings  # the short test copy leaves a paragraph line alone in a column (a widow warning)
def test_cross_heads_knocked_out_of_one_house_red_bar(tmp_path: Path, book: FontBook) -> None:
    doc, _, pdf = _render(tmp_path, book, """      - type: article
        id: a
        at: {column: 1, span: 2, line: 1, lines: 30}
        headline: 占位标题
        body:
          - 占位正文，用于测试标题的排版。占位正文，用于测试标题的排版。
          - crosshead: [“双十一”快递量创新高, 全市日均处理包裹超过120万件]
          - 占位正文，用于测试标题的排版。占位正文，用于测试标题的排版。
""", "style: {crosshead: {reverse: 报红}}\n")
    grid = doc.pages[0].grid
    assert grid is not None
    heads = _lines(doc, "a", "crosshead")
    bars = [i for i in doc.pages[0].items if type(i).__name__ == "Box"]
    assert "".join(h.text for h in heads) == "“双十一”快递量创新高全市日均处理包裹超过120万件"
    assert len(bars) == 1 and bars[0].fill == (0.0, 1.0, 1.0, 0.0)  # type: ignore[attr-defined]
    bar = bars[0]
    for h in heads:  # white, and every em box inside the one bar
        size = h.glyphs[0].size
        assert h.color == (0.0, 0.0, 0.0, 0.0)
        assert bar.y <= h.baseline - grid.ascent_em * size and h.baseline + (1 - grid.ascent_em) * size <= bar.y + bar.h  # type: ignore[attr-defined]
    plates = _plates(pdf, tmp_path)
    inner = (bar.x + 1, bar.y + 1, bar.x + bar.w - 1, bar.y + bar.h - 1)  # type: ignore[attr-defined]
    assert _inked(plates["Cyan"], inner) == 0 and _inked(plates["Black"], inner) == 0
    magenta = plates["Magenta"].crop(tuple(round(v) for v in inner))  # type: ignore[arg-type]
    assert sum(1 for v in magenta.tobytes() if v >= 128) > 50  # the knocked-out letters: no ink on M either


@pytest.mark.expect_warnings  # the banner is overset
def test_a_banner_that_fits_nowhere_is_overset_and_reported(tmp_path: Path, book: FontBook) -> None:
    text = "占位：这是一条远远超出通栏宽度的横幅标题用于检验在任何缩放和字号下都排不下时的处理"
    doc, report, _ = _render(tmp_path, book, f"""      - type: banner
        id: b
        at: {{column: 1, span: 2, line: 1, lines: 4}}
        text: {text}
""")
    block = next(b for b in report.blocks if b.block == "b")  # type: ignore[attr-defined]
    step = block.display_fit[0]
    assert not step["fits"] and step["fitted_scale"] == 85 and step["fitted_size"] == pytest.approx(27.0)
    set_text = "".join(line.text for line in _lines(doc, "b", "banner"))
    assert block.overset_lines > 0 and set_text + block.overset_text == text  # nothing lost


def test_house_banner_colour_and_rule_colour(tmp_path: Path, book: FontBook) -> None:
    doc, _, _ = _render(tmp_path, book, """      - type: banner
        id: b
        at: {column: 1, span: 4, line: 1, lines: 9}
        text: 占位通栏
      - type: banner
        id: c
        at: {column: 5, span: 4, line: 1, lines: 9}
        text: 占位通栏
        color: 黑
""", "style: {banner: {color: 报红, rule_color: [0, 100, 100, 0]}}\n")
    red, black = (0.0, 1.0, 1.0, 0.0), (0.0, 0.0, 0.0, 1.0)
    assert [line.color for line in _lines(doc, "b", "banner")] == [red]
    assert [line.color for line in _lines(doc, "c", "banner")] == [black]  # the block's own colour wins
    region = _region(doc, "b")
    rules = [i for i in doc.pages[0].items if type(i).__name__ == "Rule"
             and region.y < i.y0 <= region.y + region.h and i.x0 < region.x + region.w]  # type: ignore[attr-defined]
    assert len(rules) == 2 and all(r.color == red for r in rules)  # type: ignore[attr-defined]


@pytest.mark.expect_warnings  # the short test copy leaves a paragraph line alone in a column (a widow warning)
def test_a_cross_head_too_wide_for_its_column_is_fitted_never_below_the_body_size(tmp_path: Path,
                                                                                  book: FontBook) -> None:
    head = "“十四五”规划收官之年GDP增长5.2%"
    doc, report, _ = _render(tmp_path, book, f"""      - type: article
        id: a
        at: {{column: 1, span: 2, line: 1, lines: 30}}
        headline: 占位标题
        body:
          - 占位正文，用于测试标题的排版。占位正文，用于测试标题的排版。
          - crosshead: [{head}]
          - 占位正文，用于测试标题的排版。占位正文，用于测试标题的排版。
""")
    lines = _lines(doc, "a", "crosshead")
    width = 13 * 9.0  # one body column of 13 characters of 小五
    assert "".join(line.text for line in lines) == head and len(lines) <= 2
    for line in lines:
        drawn = line.drawn()
        assert 85 <= line.scale <= 100 and all(g.size >= 9.0 for g in drawn)  # 小五: the body size
        assert min(g.x for g in drawn if g.ch not in "“”") >= -0.01  # (a half-width quote's blank half hangs out)
        last = drawn[-1]
        face = book.face(last.face)
        assert face is not None
        assert last.x + face.advance_em(last.ch) * last.size * last.scale <= width + 0.01
    block = next(b for b in report.blocks if b.block == "a")  # type: ignore[attr-defined]
    assert [s["text"] for s in block.display_fit] == [head]


def test_ornament_sits_left_of_the_head_as_tall_as_its_lines(tmp_path: Path, book: FontBook) -> None:
    Image.new("RGB", (60, 60), (200, 0, 0)).save(tmp_path / "flower.png")
    doc, _, _ = _render(tmp_path, book, f"""      - type: article
        id: a
        at: {{column: 1, span: 2, line: 1, lines: 30}}
        headline: {{text: 小城故事：洱海边的“咖啡村”迎来第100家小店, ornament: flower.png}}
{BODY}""")
    grid = doc.pages[0].grid
    assert grid is not None
    heads = _lines(doc, "a", "head")
    image = next(i for i in doc.pages[0].items if type(i).__name__ == "ImageItem")
    size = heads[0].glyphs[0].size
    top = heads[0].baseline - grid.ascent_em * size
    bottom = heads[-1].baseline + (1 - grid.ascent_em) * size
    assert image.h == pytest.approx(min(image.w, bottom - top), abs=0.5)  # type: ignore[attr-defined]
    assert top - 0.5 <= image.y and image.y + image.h <= bottom + 0.5  # type: ignore[attr-defined]
    left_ink = min(h.x + h.drawn()[0].x for h in heads)
    assert image.x + image.w <= left_ink + 0.01 and image.x >= _region(doc, "a").x - 0.01  # type: ignore[attr-defined]
    assert len(heads) >= 2 and image.h > 1.5 * size  # type: ignore[attr-defined]
