"""A dateline (电头) in a narrow column: its names whole, its date let break between its units
when the whole words would leave a gappy line (``display._words_cached``, ``_date_joint``).

Read from the glyphs of the rendered article: which characters each line holds, and how far apart
two ideographs of the dateline are set (a full-width ideograph advances one em, so what is more is
the line's spread)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from layout.flow.display import set_words, words_pulled_back
from layout.flow.setting import Setting
from layout.frame import TextLine
from layout.issue.load import load_issue
from layout.issue.model import Typography
from layout.page import typeset
from layout.text.font import FontBook
from layout.text.prepare import TextStyle
from layout.text.script import is_ideograph
from tests.onepage import head
from tests.test_pullback import COPY as PULL_COPIES

SIZE = 9.0  # pt: the body size of the grid below
#: Datelines and copy written for this test: agencies, places, dates with and without the year, names of
#: two to four characters, a 通讯员 and an 实习生 among them.
DATELINES = (
    ("新华社广州12月3日电（记者 诸葛亮亮）", ("诸葛亮亮",)),
    ("本报上海2025年6月18日电（记者 上官婉儿 实习生 欧阳修文）", ("上官婉儿", "欧阳修文")),
    ("新华社拉萨10月9日电（记者 次仁 扎西顿珠）", ("次仁", "扎西顿珠")),
    ("本报杭州11月30日电（记者 方芳 通讯员 钱塘）", ("方芳", "钱塘")),
    ("本报重庆１２月２８日电（记者 周杰）", ("周杰",)),
    ("新华社南京3月15日电（记者 王小波 顾城）", ("王小波", "顾城")),
    ("本报杭州第19届亚运会主新闻中心9月23日电（记者 何勇）", ("何勇",)),
)
COPY = ("从市农业农村局获悉，今年全市粮食播种面积稳定在120万亩以上，总产量达到48.6万吨，"
        "同比增长3.2%；其中，高标准农田新建和改造提升9.5万亩，机耕道、灌溉渠系同步配套。")
PULL_COPY = PULL_COPIES[0]  # copy dense in marks, written for the pull-back tests
DIGITS = "0123456789０１２３４５６７８９"
UNITS = "年月日"


def _issue(tmp_path: Path, chars: int, dateline: str) -> Path:
    """One article, one column of ``chars`` characters, whose one paragraph opens with ``dateline``."""
    path = tmp_path / f"dated-{chars}-{len(dateline)}-{dateline[2:4]}.yaml"
    path.write_text(head("broadsheet", f"columns: 4, chars: {chars}, body_size: 9pt, leading: 13.5pt")
                    + "      - type: article\n        id: a\n        at: {column: 1, span: 1, line: 10, lines: 60}\n"
                    + f"        body: [\"{dateline}{COPY}\"]\n", encoding="utf-8")
    return path


def _lines(book: FontBook, path: Path) -> list[TextLine]:
    """The article's body lines as drawn."""
    doc, _ = typeset(load_issue(path), book)
    return [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == "a" and i.kind == "body"]


def _widest(book: FontBook, path: Path) -> float:
    """The widest spread (``_spread``) of the article's rendered lines."""
    return max(_spread(line) for line in _lines(book, path))


def _spread(line: TextLine) -> float:
    """The widest gap between two ideographs next to each other on ``line``, past their one-em advance (em)."""
    return max(((b.x - a.x - SIZE) / SIZE for a, b in pairwise(line.glyphs)  # (a word space between: not a pair)
                if is_ideograph(a.ch) and is_ideograph(b.ch)), default=0.0)


@pytest.mark.expect_warnings
@pytest.mark.parametrize("dateline,names", DATELINES)
def test_a_dateline_keeps_its_names_and_figures_whole_and_is_not_gappy(tmp_path: Path, book: FontBook,
                                                                       dateline: str, names: tuple[str, ...]) -> None:
    """At 10–19 characters a column: every character set in order; each name on one line; no number split
    from the unit after it (28|日) or broken inside (1|8, full-width １|２ too), 第 never left at a line's
    end; and no line of the dateline spread more than 0.8 em between two ideographs. With the date kept whole,
    each of these datelines had a line spread 1 em or more at 10–11 characters (本报上海 alone on its first
    line at 10–14, spread 1.3–2.7 em; 新华社广州, 新华社拉萨 and 新华社南京 at 11, 1 em)."""
    worst = []
    for chars in range(10, 20):
        lines = _lines(book, _issue(tmp_path, chars, dateline))
        text = ["".join(g.ch for g in line.glyphs if g.ch != " ") for line in lines]
        assert "".join(text) == "".join((dateline + COPY).split()), chars
        for name in names:
            assert any(name in t for t in text), (chars, name, text[:4])
        for a, b in pairwise(text):
            assert not (a[-1] in DIGITS and (b[0] in UNITS or b[0] in DIGITS)), (chars, a, b)
            assert a[-1] != "第", (chars, a, b)  # (第 stays with its figure: 第19届)
        head_lines = []  # the lines holding some of the dateline
        count = 0
        for line, t in zip(lines, text):
            if count < len(dateline.replace(" ", "")):
                head_lines.append(line)
            count += len(t)
        worst.append(max(_spread(line) for line in head_lines))
    assert max(worst) <= 0.8, worst


@pytest.mark.expect_warnings
def test_a_date_breaks_between_its_units_not_its_figures(tmp_path: Path, book: FontBook) -> None:
    """本报上海2025年6月18日电 at 11 characters (9 on its first, indented line): whole, the date would leave
    本报上海 alone on the first line; the first line takes the date up to one of its units instead."""
    text = ["".join(g.ch for g in line.glyphs if g.ch != " ")
            for line in _lines(book, _issue(tmp_path, 11, DATELINES[1][0]))]
    assert text[0].startswith("本报上海2025年") and text[0][-1] in UNITS, text[:2]


def test_a_dateline_pulled_back_breaks_its_date_as_its_setting_does(book: FontBook) -> None:
    """本报上海2025年6月18日电（记者 …） before mark-dense copy at 12 characters (10 on the indented first
    line), set with its date let break: pulled back (``words_pulled_back``) a line shorter through that same
    setting, the first line still taking the date up to a unit, every character kept, the names whole. Kept
    whole there, the date would leave 本报上海 alone on a gappy line, which no pulled-back setting may have."""
    dateline, names = DATELINES[1]
    runs = [(dateline, TextStyle("hei_bold", SIZE)), (PULL_COPY, TextStyle("song", SIZE))]
    setting, protect = Setting(book, Typography()), (True, False)
    plain = set_words(runs, setting, 12 * SIZE, 2 * SIZE, "justify", protect)
    pulled = words_pulled_back(runs, setting, 12 * SIZE, 2 * SIZE, "justify", protect)
    assert pulled is not None and len(pulled.lines) == len(plain.lines) - 1
    text = ["".join(g.ch for g in line.glyphs if g.ch != " ") for line in pulled.lines]
    assert "".join(text) == "".join((dateline + PULL_COPY).split())
    assert text[0].startswith("本报上海2025年") and text[0][-1] in UNITS, text[:2]
    assert all(any(name in t for t in text) for name in names)


@pytest.mark.expect_warnings
def test_a_date_is_not_broken_where_that_leaves_a_wider_gap(tmp_path: Path, book: FontBook,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Each dateline at 9–19 characters, rendered with its date let break and with it kept whole (no unit
    a line may end on, ``display.DATE_UNITS`` empty): letting it break never leaves a line of the paragraph
    spread wider, and on several it leaves the widest line narrower by more than a tenth of an em."""
    from layout.flow import display

    gains = 0
    for dateline, _ in DATELINES:
        for chars in range(9, 20):
            path = _issue(tmp_path, chars, dateline)
            opened = _widest(book, path)
            with monkeypatch.context() as patch:
                patch.setattr(display, "DATE_UNITS", "")
                display._words_cached.cache_clear()
                whole = _widest(book, path)
            display._words_cached.cache_clear()
            assert opened <= whole + 1e-6, (dateline, chars, opened, whole)
            gains += opened < whole - 0.1
    assert gains >= 5, gains


@pytest.mark.expect_warnings
@pytest.mark.parametrize("agency", ["中新社", "中新网"])
def test_a_china_news_dateline_is_a_dateline(tmp_path: Path, book: FontBook, agency: str) -> None:
    """A paragraph opening with 中新社 or 中新网 …电（记者 …） is read as opening with a dateline, as one of
    新华社 is: its 电头 drawn in the dateline's face (not the body's), and at 10–19 characters its name
    stands whole on one line and 10月 stays with its figure (no 10|月)."""
    dateline = f"{agency}成都10月21日电（记者 司马云帆）"
    faces = set()
    for chars in range(10, 20):
        lines = _lines(book, _issue(tmp_path, chars, dateline))
        text = ["".join(g.ch for g in line.glyphs if g.ch != " ") for line in lines]
        assert "".join(text) == "".join((dateline + COPY).split()), chars
        assert any("司马云帆" in t for t in text), (chars, text[:3])
        assert not any(a[-1] in DIGITS and b[0] in UNITS for a, b in pairwise(text)), (chars, text[:3])
        faces |= {(g.ch in "成都司马云帆", g.face) for line in lines for g in line.glyphs if g.ch in "成都司马云帆以今"}
    assert {face for head, face in faces if head}.isdisjoint({face for head, face in faces if not head}), faces
