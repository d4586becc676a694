"""Pulling lines back (缩行): a paragraph set shorter within the house's limits, and an
article that overruns its block by a few lines made to fit that way (``paragraph.set_pulled_back``,
``layout/flow/pullback.py``, ``style.squeeze.pull_back``).

Read from the glyphs: a mark inside a line is squeezed when the glyph after it starts closer than in
the same paragraph set on one unjustified line (its natural advance)."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest

from layout.flow.display import set_words, words_pulled_back
from layout.flow.distribute import Unit, distribute, with_stubs
from layout.flow.plans import plan
from layout.flow.pullback import Plain, line_units, pull_back
from layout.flow.setting import Setting
from layout.frame import TextLine
from layout.issue.load import load_issue
from layout.issue.model import Typography
from layout.page import typeset
from layout.text.font import FontBook
from layout.text.line import SetLine
from layout.text.paragraph import set_paragraph, set_pulled_back
from layout.text.prepare import TextStyle
from layout.text.script import is_ideograph
from tests.onepage import head

SIZE = 9.0
MARKS = "、，；：。？！“”‘’（）《》·"
COPY = (  # copy written for this test: lists, quotes, numbers and Latin among the marks
    "会上，区里通报了三件事：一是老旧小区改造，涉及楼栋86栋、住户2300余户；二是背街小巷整治，"
    "共清理“蜘蛛网”线缆12公里；三是便民服务点建设，新增早餐点、修鞋摊、配钥匙铺等40余处。",
    "“以前下雨，门口就是一片泥塘；现在，路平了、灯亮了，孩子上学也放心了。”家住西坝的老李说，"
    "他最盼的是加装电梯，“腿脚不好，爬六楼太难。”社区回应：今年先试点两栋，明年再推开。",
    "据统计，1至10月，全市接待游客1.2亿人次，同比增长9.6%；旅游收入1580亿元，增长11.3%。"
    "其中，入境游客增幅最大，来自东南亚（泰国、越南、老挝等）的客源占比超过四成。",
)
PLAIN = "人工智能大模型与新型工业化深度融合推动制造业数字化转型取得明显成效一批重点企业" * 3  # no marks at all


def _natural(book: FontBook, text: str, typo: Typography) -> list[float]:
    """The advance of each glyph to the next, set on one unjustified line."""
    glyphs = [g for g in set_paragraph([(text, TextStyle("song", SIZE))], book, typo, 400 * SIZE).lines[0].glyphs
              if g.ch != " "]
    return [b.x - a.x for a, b in pairwise(glyphs)]


def _check(lines: tuple[SetLine, ...], text: str, advance: list[float], measure: float, cap: int) -> None:
    """The properties every pulled-back setting keeps: nothing lost, every glyph inside the measure, at
    most ``cap`` marks squeezed a line, no two ideographs spread past the loose limit, no 孤字 last line."""
    k = 0
    for line in lines:
        glyphs = [g for g in line.glyphs if g.ch != " "]
        assert "".join(g.ch for g in glyphs) == "".join(text.split())[k:k + len(glyphs)]  # nothing lost
        assert all(g.x + (0.5 if g.ch in MARKS else 1.0) * SIZE * g.scale <= measure + 1e-6 or (
            not is_ideograph(g.ch) and g.x + 0.4 * SIZE <= measure) for g in glyphs), line.shown
        squeezed = sum(1 for i, (a, b) in enumerate(pairwise(glyphs)) if i > 0 and a.ch in MARKS
                       and b.x - a.x < advance[k + i] - 0.05 * SIZE)
        assert squeezed <= cap, (line.shown, squeezed)
        assert max([(b.x - a.x - SIZE) / SIZE for a, b in pairwise(glyphs)
                    if is_ideograph(a.ch) and is_ideograph(b.ch)], default=0.0) <= 0.25 + 1e-6, line.shown
        k += len(glyphs)
    assert k == len("".join(text.split()))
    assert sum(is_ideograph(g.ch) or g.ch.isalnum() for g in lines[-1].glyphs) >= 2, lines[-1].shown


@pytest.mark.parametrize("cap", [1, 2])
def test_a_paragraph_pulled_back_is_a_line_shorter_within_the_house_limits(book: FontBook, cap: int) -> None:
    """In 8- to 24-character columns, each pulled-back setting has fewer lines than the plain one and
    keeps the house's limits (``_check``); it is found where the plain setting's last line is short and
    its lines have marks to squeeze (some widths of each text), and a lower cap finds it less often."""
    found: dict[int, int] = {}
    for c in (1, 2):
        typo = Typography(squeeze_marks=c)
        for text in COPY:
            advance = _natural(book, text, typo)
            for chars in range(8, 25):
                runs, measure = [(text, TextStyle("song", SIZE))], chars * SIZE
                plain = set_paragraph(runs, book, typo, measure, 2 * SIZE)
                pulled = set_pulled_back(runs, book, typo, measure, 2 * SIZE)
                if pulled is None:
                    continue
                found[c] = found.get(c, 0) + 1
                assert len(pulled.lines) < len(plain.lines)
                if c == cap:
                    _check(pulled.lines, text, advance, measure, c)
    assert found.get(2, 0) >= 6 and found.get(1, 0) < found[2], found


def test_copy_with_nothing_to_squeeze_is_not_pulled_back(book: FontBook) -> None:
    """Ideographs with no mark, space or Latin between them cannot tighten: no width pulls them back."""
    typo = Typography()
    assert all(set_pulled_back([(PLAIN, TextStyle("song", SIZE))], book, typo, chars * SIZE, 2 * SIZE) is None
               for chars in range(8, 25))


def _issue(tmp_path: Path, lines: int, most: int | None, span: int = 1) -> Path:
    """One article of ``COPY`` ``lines`` deep, ``span`` columns of 10 characters wide (two of its paragraphs
    end in a short line there), with a cross-head before its last paragraph, under a house style that pulls
    back by ``most`` lines at most (None: the default)."""
    style = "" if most is None else f"style: {{squeeze: {{pull_back: {most}}}}}\n"
    path = tmp_path / f"pull-{lines}-{most}-{span}.yaml"
    body = ", ".join([f'"{text}"' for text in COPY[:2]] + ["{crosshead: [区里答复]}", f'"{COPY[2]}"'])
    block = f"      - type: article\n        id: a\n        at: {{column: 1, span: {span}, line: 10, lines: {lines}}}\n"
    path.write_text(style + head("broadsheet", "columns: 8, chars: 10, body_size: 9pt, leading: 13.5pt") + block +
                    f"        body: [{body}]\n", encoding="utf-8")
    return path


def _body(book: FontBook, path: Path):  # type: ignore[no-untyped-def]
    doc, report = typeset(load_issue(path), book)
    lines = [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == "a" and i.kind == "body"]
    return lines, next(b for b in report.blocks if b.block == "a")


def _chars(lines: list[TextLine]) -> str:
    """The characters of ``lines`` in order, spaces left out."""
    return "".join(g.ch for line in lines for g in line.glyphs if g.ch != " ")


def _placed(lines: list[TextLine]) -> list[tuple[float, float, list[tuple[str, float]]]]:
    """Where each line and each of its glyphs is drawn."""
    return [(line.x, line.baseline, [(g.ch, g.x) for g in line.glyphs]) for line in lines]


def _depth(book: FontBook, tmp_path: Path, span: int) -> int:
    """The fewest lines deep the article is set in whole without pulling back."""
    return next(depth for depth in range(8, 60) if _body(book, _issue(tmp_path, depth, 0, span))[1].overset_lines
                == 0)


@pytest.mark.expect_warnings
def test_an_article_a_line_over_is_pulled_back_to_fit(tmp_path: Path, book: FontBook,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    """The article in the depth its copy needs, less one and less two lines: with ``pull_back`` off it is
    overset by those lines; with it on, where any of its paragraphs can lose a line, it fits, every
    character set in order, its lines on the block's baselines, its report counting the lines and
    characters drawn, and it says so; the depth it needs anyway is set the same either way."""
    full, report = _body(book, _issue(tmp_path, 60, 0))
    need = _depth(book, tmp_path, 1)
    text = "".join("".join(t.split()) for t in COPY)
    assert report.overset_lines == 0 and _chars(full) == text and need < 60
    assert _placed(_body(book, _issue(tmp_path, need, None))[0]) == _placed(_body(book, _issue(tmp_path, need, 0))[0])
    for short in (1, 2):
        _, off = _body(book, _issue(tmp_path, need - short, 0))
        assert off.overset_lines == short
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="banmian"):
            lines, on = _body(book, _issue(tmp_path, need - short, None))
        assert on.overset_lines == 0, short
        assert _chars(lines) == text
        assert lines[-1].baseline == max(line.baseline for line in lines)
        assert on.fit is not None and on.fit.lines_set == len(lines) + 2 and on.chars_set == len(text) + 4  # (区里答复)
        assert _body(book, _issue(tmp_path, need - short, short - 1))[1].overset_lines == short  # (past its limit)
        assert any("pulled back: page 1, block 'a'" in r.getMessage() for r in caplog.records)


@pytest.mark.expect_warnings
def test_an_article_that_cannot_fit_keeps_its_plain_setting(tmp_path: Path, book: FontBook) -> None:
    """Ten lines short, more than its paragraphs can give and the house allows: the article is set as
    with ``pull_back`` off, line for line, and overset by as much."""
    need = _depth(book, tmp_path, 1)
    off_lines, off = _body(book, _issue(tmp_path, need - 10, 0))
    on_lines, on = _body(book, _issue(tmp_path, need - 10, 20))
    assert on.overset_lines == off.overset_lines >= 10
    assert _placed(on_lines) == _placed(off_lines)


Shape = tuple[list[Unit], list[Plain], int, int, tuple[frozenset[int], ...], int, int]


def _shapes(book: FontBook) -> list[Shape]:
    """Bodies of ``COPY``'s paragraphs and parts of them, 9–14 characters wide, with cross-heads of 1–2 lines
    between some, in 1–3 columns a few lines shallower than they need, some columns' lines taken by a photo,
    some with headline air, that no balanced plan fits (seeded): (units, paragraphs, columns, height, lines
    taken, air, greedy overset)."""
    rnd, typo, out = random.Random(7), Typography(), []
    texts = [*COPY, COPY[0][:40], COPY[2][:30], COPY[1][:25]]
    while len(out) < 150:
        chars, units, plain = rnd.randint(9, 14), [], []
        for n, text in enumerate(rnd.choice(texts) for _ in range(rnd.randint(2, 6))):
            runs = [(text, TextStyle("song", SIZE))]
            lines = set_paragraph(runs, book, typo, chars * SIZE, 2 * SIZE).lines
            if n and rnd.random() < 0.3:  # a cross-head (its line a stand-in: the plan reads only its height)
                units.append(Unit([(lines[0], 0.0)], rnd.randint(1, 2), crosshead=True))
            plain.append(Plain(len(units), len(lines), tuple(runs), chars * SIZE, 2 * SIZE, "justify", 10.0))
            units += line_units(lines, 10.0)
        columns, lines = rnd.randint(1, 3), sum(u.height for u in units)
        size = rnd.randint(2, 6) if rnd.random() < 0.4 else 0  # a photo's lines in the last column
        height = max(size + 3, -(-(lines + size) // columns) - rnd.randint(0, 2))  # (a line or a few too shallow)
        top = rnd.randint(0, height - size)
        photo = frozenset(range(top, top + size))
        taken = tuple(photo if c == columns - 1 else frozenset[int]() for c in range(columns))
        air = rnd.choice([0, 0, 2])
        if plan(units, columns, height, taken, air) is None:
            stop = distribute(units, columns, height, with_stubs(taken, height))[1]
            out.append((units, plain, columns, height, taken, air, sum(u.height for u in units[stop:])))
    return out


@pytest.mark.parametrize("most", [1, 3])
def test_the_fewest_paragraphs_in_order_whose_plan_fits(book: FontBook, most: int) -> None:
    """On bodies no plan fits (cross-heads, a photo's lines, headline air among them): ``pull_back`` takes the
    shortest run of paragraphs, in the order of their plain last lines' characters then reading order, that
    gives up at most ``most`` lines and whose plan fits (found here by trying every run from the first),
    with every character kept in order and a plan for what it gives; None when no run does. Its lower
    bound skips no run that fits: on some bodies the greedy overset (what the report would say) is more
    lines than the plan needed pulled back."""
    setting, counts = Setting(book, Typography()), {"pulled": 0, "below_greedy": 0, "beside": 0}
    for units, plain, columns, height, taken, air, over in _shapes(book):
        fits = lambda body, c=columns, h=height, t=taken, a=air: plan(body, c, h, t, a)  # noqa: E731
        got = pull_back(units, plain, setting, fits, columns * height - sum(map(len, taken)), most)
        pulled = [(units[p.start + p.lines - 1].lines[0][0].chars, k, p, line_units(q.lines, p.offset))
                  for k, p in enumerate(plain) if (q := set_pulled_back(list(p.runs), setting.book, setting.typo,
                                                                         p.measure, p.indent, p.align)) is not None]
        pulled.sort(key=lambda c: c[:2])
        want = None
        for count in range(1, len(pulled) + 1):
            if sum(p.lines - len(new) for _, _, p, new in pulled[:count]) > most:
                break
            body = list(units)
            for _, _, p, new in sorted(pulled[:count], key=lambda c: -c[2].start):
                body[p.start:p.start + p.lines] = new
            if fits(body) is not None:
                want = (count, body)
                break
        assert (got is None) == (want is None)
        if got is not None and want is not None:
            assert got[2] == want[0] and [u.text for u in got[0]] == [u.text for u in want[1]]
            assert "".join(u.text for u in got[0]) == "".join(u.text for u in units)
            assert fits(got[0]) is not None and 0 < len(units) - len(got[0]) <= most
            counts["beside"] += any(taken) or any(u.crosshead for u in units)
            counts["pulled"] += 1
            counts["below_greedy"] += len(units) - len(got[0]) < over
    assert counts["pulled"] >= 10 and counts["below_greedy"] >= 1 and counts["beside"] >= 5, counts


def _one_column(tmp_path: Path, name: str, text: str, chars: int) -> Callable[[int, int | None], Path]:
    """A writer of one-article issues: one paragraph ``text`` in a column of ``chars`` characters, ``lines``
    deep, under a house style that pulls back by ``most`` lines at most (None: the default)."""
    def issue(lines: int, most: int | None) -> Path:
        style = "" if most is None else f"style: {{squeeze: {{pull_back: {most}}}}}\n"
        path = tmp_path / f"{name}-{chars}-{lines}-{most}.yaml"
        path.write_text(style + head("broadsheet", f"columns: 6, chars: {chars}, body_size: 9pt, leading: 13.5pt")
                        + f"      - type: article\n        id: a\n        at: {{column: 1, span: 1, line: 10, "
                        f"lines: {lines}}}\n        body: [\"{text}\"]\n", encoding="utf-8")
        return path

    return issue


DATED = ("本报讯（记者 李晓梅）11月28日，记者从市交通运输局获悉：今年以来，全市新改建农村公路1260公里，完成危桥"
         "改造38座；其中，“四好农村路”示范县达到5个，通达率、满意度均居全省前列，群众出行更便捷、更安全。")


@pytest.mark.expect_warnings
def test_a_paragraph_opening_with_a_dateline_is_pulled_back_its_names_whole(tmp_path: Path, book: FontBook) -> None:
    """A story of one paragraph opening with 本报讯（记者 李晓梅） (set as display copy, the names kept whole),
    at 9–19 characters a column, a line shallower than it needs: with ``pull_back`` off it is a line over;
    where it fits with it on (at 17 characters: nowhere else do its lines have marks enough to squeeze),
    every character is set in order, the name 李晓梅 stands whole on one line and no line squeezes more
    than two marks."""
    fitted = 0
    for chars in range(9, 20):
        issue = _one_column(tmp_path, "dated", DATED, chars)
        need = next(depth for depth in range(3, 40) if _body(book, issue(depth, 0))[1].overset_lines == 0)
        assert _body(book, issue(need - 1, 0))[1].overset_lines == 1
        lines, report = _body(book, issue(need - 1, None))
        if report.overset_lines:
            continue
        fitted += 1
        assert _chars(lines) == "".join(DATED.split()) and len(lines) == need - 1
        assert any("李晓梅" in "".join(g.ch for g in line.glyphs) for line in lines)
        advance = _natural(book, DATED, Typography())
        k = 0
        for line in lines:
            glyphs = [g for g in line.glyphs if g.ch != " "]
            assert sum(1 for i, (a, b) in enumerate(pairwise(glyphs)) if i > 0 and a.ch in MARKS
                       and b.x - a.x < advance[k + i] - 0.05 * SIZE) <= 2, line
            k += len(glyphs)
    assert fitted >= 1, fitted


def test_a_dateline_pulled_back_keeps_its_words_whole(book: FontBook) -> None:
    """新华社昆明11月28日电（记者 欧阳晓梅） before mark-dense copy, 10 characters a line: the paragraph as
    ``set_words`` sets it (the dateline's words whole) is pulled back a line through that same setting, its
    first line still ending before 电, not inside 28日电 as running text's pull-back breaks it; nothing lost."""
    head = "新华社昆明11月28日电（记者 欧阳晓梅）"
    runs = [(head, TextStyle("hei_bold", SIZE)), (COPY[2], TextStyle("song", SIZE))]
    setting, protect = Setting(book, Typography()), (True, False)
    plain = set_words(runs, setting, 10 * SIZE, 0.0, "justify", protect)
    pulled = words_pulled_back(runs, setting, 10 * SIZE, 0.0, "justify", protect)
    assert pulled is not None and len(pulled.lines) == len(plain.lines) - 1
    text = ["".join(g.ch for g in line.glyphs if g.ch != " ") for line in pulled.lines]
    assert "".join(text) == "".join((head + COPY[2]).split())
    assert text[0].endswith("28日") and text[1].startswith("电")
    running = set_pulled_back(runs, book, Typography(), 10 * SIZE, 0.0)
    assert running is not None and not "".join(g.ch for g in running.lines[0].glyphs).endswith("28日")


@pytest.mark.expect_warnings
def test_an_article_pulls_a_dateline_back_through_its_own_setting(tmp_path: Path, book: FontBook) -> None:
    """One paragraph opening with 新华社昆明11月28日电（记者 欧阳晓梅） before ``COPY[0]``, a line shallower
    than it needs, at 9–19 characters a column: wherever pulling back makes it fit, every character is
    set in order, 欧阳晓梅 stands whole on one line and no line ends inside a figure and its unit (28|日).
    At 12 characters it fits, and running text's pull-back (the dateline's words not kept) would end
    the first line 新华社昆明11月28 there."""
    dated = "新华社昆明11月28日电（记者 欧阳晓梅）" + COPY[0]
    fitted = []
    for chars in range(9, 20):
        issue = _one_column(tmp_path, "xinhua", dated, chars)
        need = next(depth for depth in range(3, 60) if _body(book, issue(depth, 0))[1].overset_lines == 0)
        lines, report = _body(book, issue(need - 1, None))
        if report.overset_lines:
            continue
        fitted.append(chars)
        text = ["".join(g.ch for g in line.glyphs if g.ch != " ") for line in lines]
        assert "".join(text) == "".join(dated.split()) and len(lines) == need - 1
        assert any("欧阳晓梅" in t for t in text), text[:3]
        assert not any(a[-1].isdigit() and b[0] in "年月日电" for a, b in pairwise(text)), text[:3]
    assert 12 in fitted, fitted
