"""Display type: headlines and cross-heads break between words, balanced; display punctuation.

The headlines below were written for this test (not taken from the sample) with
their word boundaries marked by hand (``/``): names, places, numbers with their
units and 《》/“” groups are single words. They are set in one to three columns at
二号 to 初号; wherever every word fits the measure, every line break must fall on a
marked boundary.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from layout.flow.heads import balanced_head, head_lines
from layout.flow.setting import Setting
from layout.issue.model import HeadText, Typography
from layout.text.font import FontBook
from layout.units import HAO_SIZES_PT as SIZES

HEADLINES = [
    "新能源/产业/集群/蓄势/崛起/昆明",
    "呈贡/新区/建成/西南/地区/最大/物流/枢纽",
    "昆明医科大学/附属/医院/开通/夜间/门诊",
    "地铁/5号线/年底/前/全线/贯通",
    "127所/中小学/用上/“智慧课堂”",
    "2026年/春运/首日/发送/旅客/38万人次",
    "人工智能/走进/“春城”/课堂",
    "《云南省乡村振兴促进条例》/正式/施行",
    "张建国：/把/论文/写/在/高原/大地/上",
    "滇池/水质/连续/三年/保持/Ⅳ类",
    "宁德时代/昆明/基地/首批/电池/下线",
    "长水/国际/机场/新增/12条/国际/航线",
    "“陪群众走流程”/成为/工作/新常态",
    "抚仙湖/畔/迎来/首批/越冬/红嘴鸥",
    "王丽萍/当选/省/劳动/模范",
    "大理/古城/游客/同比/增长/15%",
    "西双版纳/热带/雨林/发现/新/物种",
    "翠湖/公园/海鸥/季/开启",
    "高铁/昆明/至/丽江/段/提速/运营",
    "全省/粮食/总产量/达/1958万吨",
    "斗南/花市/鲜切花/日/交易量/破/千万枝",
    "“一部手机游云南”/上线/新/版本",
    "五华区/翠湖/片区/城市/更新/启动",
    "盘龙区/第三/产业/增加值/逾/千亿元",
    "阳宗海/水质/创/十余年/来/最优",
    "普洱/茶/产业/综合/产值/突破/千亿",
    "东川/泥石流/防治/经验/走向/世界",
    "红河州/哈尼/梯田/入选/《世界灌溉工程遗产》",
    "李明华/获评/全国/优秀/乡村/医生",
    "滇中/引水/工程/昆明段/隧洞/全线/贯通",
    "老旧/小区/改造/惠及/3.2万户/居民",
    "石林/景区/推出/夜游/项目",
    "云南/咖啡/首次/亮相/《国家地理》/专题",
    "开放/创新/引领/昆明/经济/迈向/高质量/新/阶段",
]
COLUMN_PT, GUTTER_PT = 108.0, 9.0  # 12 body characters of 9 pt, a 1-character gutter
SIZES_TESTED = ("二号", "小一", "一号", "小初", "初号")
ROOT = Path(__file__).resolve().parent.parent


def boundaries(marked: str) -> tuple[str, set[int], list[str]]:
    """The text, the character positions between words, and the words."""
    words = marked.split("/")
    cuts, pos = set(), 0
    for word in words[:-1]:
        pos += len(word)
        cuts.add(pos)
    return "".join(words), cuts, words


def widest_word_em(words: list[str]) -> float:
    """Width of the widest word in em, counting a mark at its ends half (display punctuation)."""
    return max(len(w) - 0.5 * (w[0] in "“《（") - 0.5 * (w[-1] in "”》）：") for w in words)


def line_breaks(lines: list[str]) -> set[int]:
    """Character positions of the line breaks."""
    out, pos = set(), 0
    for line in lines[:-1]:
        pos += len(line)
        out.add(pos)
    return out


def cases() -> list[tuple[str, str, int]]:
    """Every headline at every size in 1–3 columns."""
    return [(marked, size, span) for marked in HEADLINES for size in SIZES_TESTED for span in (1, 2, 3)]


def test_the_set_is_large_enough() -> None:
    assert len(HEADLINES) >= 30
    assert all(len(set(h.split("/"))) >= 3 for h in HEADLINES)


def test_every_line_break_falls_between_words(book: FontBook, typo: Typography) -> None:
    checked, failures = 0, []
    for marked, size, span in cases():
        text, cuts, words = boundaries(marked)
        width = span * COLUMN_PT + (span - 1) * GUTTER_PT
        if widest_word_em(words) * SIZES[size] > width:
            continue  # a word wider than the measure must be broken somewhere
        lines, _ = balanced_head(text, HeadText(text, SIZES[size], "hei_bold", "left"), Setting(book, typo), width)
        texts = [line.text for line in lines]
        assert "".join(texts) == text
        checked += 1
        if not line_breaks(texts) <= cuts:
            failures.append(f"{size} {span} col: {' | '.join(texts)}")
    assert checked >= 200
    assert not failures, "\n".join(failures)


def test_lines_are_balanced_and_no_line_is_one_character(book: FontBook, typo: Typography) -> None:
    for marked, size, span in cases():
        text, _, words = boundaries(marked)
        width = span * COLUMN_PT + (span - 1) * GUTTER_PT
        if widest_word_em(words) * SIZES[size] > width or width < 4 * SIZES[size]:
            continue  # under 4 characters a line, words can leave a character alone (鲜切花 | 日 | 交易量)
        lines, _ = balanced_head(text, HeadText(text, SIZES[size], "hei_bold", "center"), Setting(book, typo), width)
        if len(lines) < 2:
            continue
        lengths = [len(line.text) for line in lines]
        assert min(lengths) >= 2, (text, size, span, [line.text for line in lines])
        # no line much shorter than the others: by no more than the longest word, or half the longest line
        assert max(lengths) - min(lengths) <= max(max(len(w) for w in words) + 1, max(lengths) / 2), \
            [line.text for line in lines]


def test_fewest_lines_words_permitting(book: FontBook, typo: Typography) -> None:
    text = "昆明基地首批电池下线"  # 10 characters of 22 pt fit 225 pt: one line, not two balanced ones
    lines, _ = balanced_head(text, HeadText(text, 22.0, "hei_bold", "left"), Setting(book, typo), 225.0)
    assert [line.text for line in lines] == [text]
    text = "宁德时代昆明基地首批电池下线"  # 14: two lines, at words
    lines, _ = balanced_head(text, HeadText(text, 22.0, "hei_bold", "left"), Setting(book, typo), 225.0)
    assert [line.text for line in lines] in (["宁德时代昆明基地", "首批电池下线"], ["宁德时代昆明", "基地首批电池下线"])


@pytest.mark.parametrize("text", ["新能源产业集群¦蓄势崛起", "新能源¦产业集群蓄势崛起"])
def test_the_editors_break_mark_is_taken_and_never_printed(book: FontBook, typo: Typography, text: str) -> None:
    lines, _ = balanced_head(text, HeadText(text, 36.0, "hei_bold", "left"), Setting(book, typo), 342.0)
    assert [line.text for line in lines] == text.split("¦")


def test_a_forced_newline_still_breaks(book: FontBook, typo: Typography) -> None:
    head = HeadText("新能源\n产业集群蓄势崛起", 36.0, "hei_bold", "left")
    lines, _, _ = head_lines([head], 800.0, Setting(book, typo))
    assert [line.text for line, _, _ in lines] == ["新能源", "产业集群蓄势崛起"]


def test_a_word_wider_than_the_measure_is_still_set_whole(book: FontBook, typo: Typography) -> None:
    text = "昆明医科大学附属医院"
    lines, _ = balanced_head(text, HeadText(text, 42.0, "hei_bold", "left"), Setting(book, typo), 100.0)
    assert "".join(line.text for line in lines) == text
    assert all(line.width <= 100.0 + 1e-6 for line in lines)


# -- display punctuation ---------------------------------------------------------------------------------

MARKS = "“”《》：（）‘’，"


def mark_slots(text: str, size: float, book: FontBook, typo: Typography) -> list[tuple[str, float]]:
    """For each run of marks in a one-line headline: its marks and the room they take
    (pt): from the end of the character before (or the line start) to the start of the
    character after (or the line's end). Ideographs and digits are measured by their
    advance."""
    lines, _ = balanced_head(text, HeadText(text, size, "hei_bold", "left"), Setting(book, typo), 2000.0)
    (line,) = lines
    out, marks, edge = [], "", 0.0
    for g in line.glyphs:
        if g.ch in MARKS:
            marks += g.ch
            continue
        if marks:
            out.append((marks, g.x - edge))
            marks = ""
        face = book.chain("hei_bold").pick(g.ch)
        assert face is not None
        edge = g.x + face.advance_em(g.ch) * g.size
    if marks:
        out.append((marks, line.width - edge))
    return out


@pytest.mark.parametrize("text", ["人工智能走进“春城”课堂", "“陪群众走流程”成为工作新常态",
                                  "张建国：“把论文写在大地上”", "《云南省乡村振兴促进条例》施行",
                                  "（上接第1版）“一部手机游云南”"])
def test_marks_at_a_heads_ends_and_beside_marks_are_half_width(book: FontBook, typo: Typography, text: str) -> None:
    size = 36.0
    slots = mark_slots(text, size, book, typo)
    assert slots
    for marks, room in slots:
        if text.startswith(marks) or text.endswith(marks) or len(marks) > 1:
            assert room <= 0.5 * size * len(marks) + 0.01, (text, marks, room)


def test_a_mark_between_words_keeps_its_full_width(book: FontBook, typo: Typography) -> None:
    slots = mark_slots("人工智能走进“春城”课堂", 36.0, book, typo)
    assert [round(room, 2) for _, room in slots] == [36.0, 36.0]


def test_ratio_colon_is_tight(book: FontBook, typo: Typography) -> None:
    for colon in "∶：":
        text = f"两队以3{colon}2晋级"
        lines, _ = balanced_head(text, HeadText(text, 36.0, "hei_bold", "left"), Setting(book, typo), 2000.0)
        glyphs = lines[0].glyphs
        three = next(g for g in glyphs if g.ch == "3")
        two = next(g for g in glyphs if g.ch == "2")
        face = book.chain("hei_bold").pick("3")
        assert face is not None
        # 3∶2 takes at most the digit and half an em: no hole either side of the colon
        assert two.x - three.x <= face.advance_em("3") * 36.0 + 0.5 * 36.0, colon


# -- the dictionary is loaded lazily and its answers cached ----------------------------------------------

PROBE = """
import sys
from pathlib import Path
from layout.flow import words
from layout.page import typeset_file
from layout.text.font import default_book
typeset_file(Path(sys.argv[1]), default_book())
from layout.flow import segment
print("loaded" if segment.dictionary.cache_info().currsize else "not loaded")
"""


def probe(issue: Path, cache: Path) -> str:
    """Lay out ``issue`` in a new process with the cache ``cache``: was the word dictionary opened there?"""
    env = {**os.environ, "BANMIAN_CACHE": str(cache)}
    done = subprocess.run([sys.executable, "-c", PROBE, str(issue)], env=env, capture_output=True, text=True,
                          cwd=ROOT, check=True)
    return done.stdout.strip()


def test_a_page_set_before_does_not_load_the_dictionary(tmp_path: Path) -> None:
    sample = ROOT / "issue" / "sample-broadsheet.yaml"
    cache = tmp_path / "cache"
    first = probe(sample, cache)
    assert any(p.name.startswith("words-") for p in cache.iterdir())
    assert first == "loaded"  # new display copy: the dictionary answered
    assert probe(sample, cache) == "not loaded"  # the same copy again: the cache answered


def test_headlines_that_fit_on_one_line_never_ask_the_dictionary(book: FontBook, typo: Typography,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from layout.flow import display

    def refuse(text: str) -> None:
        raise AssertionError(f"segmented {text!r}")

    monkeypatch.setattr(display, "breaks", refuse)
    text = "翠湖边的海鸥又回来了"
    lines, _ = balanced_head(text, HeadText(text, 36.0, "hei_bold", "left"), Setting(book, typo), 400.0)
    assert [line.text for line in lines] == [text]


CAPTIONS = [
    "昆明/市民/在/翠湖/公园/观赏/红嘴鸥，/滇池/沿岸/迎来/越冬/高峰。",
    "2026年/1月/19日，/游客/在/石林/景区/参观/新/开放/的/“阿诗玛/文化/展厅”。",
    "呈贡/新区/的/宁德时代/锂电池/绿色/智造/基地/施工/现场，/工人/正在/安装/钢结构。",
    "地铁/5号线/首列车/驶出/车辆段，/全线/计划/于/年底/开通/运营。",
]


@pytest.mark.parametrize("width", [90.0, 108.0, 135.0, 171.0, 225.0])
def test_captions_break_between_words(book: FontBook, typo: Typography, width: float) -> None:
    from layout.flow.display import set_words
    from layout.text.prepare import TextStyle

    for marked in CAPTIONS:
        text, cuts, _ = boundaries(marked)
        para = set_words([(text, TextStyle("kai", 9.0))], Setting(book, typo), width)
        texts = [line.text for line in para.lines]
        assert "".join(texts) == text
        assert all(line.width <= width + 0.01 for line in para.lines)
        if not line_breaks(texts) <= cuts:  # only where whole words would leave a gappy line
            whole = set_words([(text, TextStyle("kai", 9.0))], Setting(book, typo), width, protect=(True,))
            assert line_breaks([line.text for line in whole.lines]) <= cuts
            assert max(line.spread_em for line in whole.lines) > typo.loose_limit_em, texts


def test_a_datelines_reporter_names_are_never_split(book: FontBook, typo: Typography) -> None:
    from layout.flow.display import set_body
    from layout.text.paragraph import set_paragraph
    from layout.text.prepare import TextStyle

    dateline = "本报讯（记者 王琼梅 李建华）"
    body = "近日，昆明市呈贡区新建的三所中小学陆续投入使用，新增学位五千余个。"
    runs = [(dateline, TextStyle("hei_bold", 9.0)), (body, TextStyle("song", 9.0))]
    for chars in range(8, 30):
        width = chars * 9.0
        para = set_body(runs, ["dateline", "body"], False, Setting(book, typo), width, 18.0, "justify")
        texts = [line.text.replace(" ", "") for line in para.lines]
        assert "".join(texts) == (dateline + body).replace(" ", "")
        for name in ("王琼梅", "李建华"):
            assert any(name in t for t in texts), (width, texts)
        plain = [line.text.replace(" ", "") for line in set_paragraph(runs, book, typo, width, 18.0).lines]
        assert all(any(name in t for t in plain) for name in ("王琼梅", "李建华")), (width, plain)  # the engine too


def test_a_boxed_articles_paragraphs_break_between_words(book: FontBook, typo: Typography) -> None:
    from layout.flow.display import set_body
    from layout.text.prepare import TextStyle

    text, cuts, _ = boundaries("全球/动力/电池/巨头/宁德时代/落子/昆明，/新能源/产业/集群/蓄势/崛起。")
    for chars in range(16, 25):  # narrower, whole words can leave gappy lines: then body text breaking
        para = set_body([(text, TextStyle("song", 9.0))], ["body"], True, Setting(book, typo), chars * 9.0, 18.0,
                        "justify")
        texts = [line.text for line in para.lines]
        assert line_breaks(texts) <= cuts, texts


def test_the_word_cache_keeps_the_most_recent_texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from layout.cache import load
    from layout.flow import words

    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path))
    monkeypatch.setattr(words, "CACHE_MAX", 3)
    monkeypatch.setattr(words, "_memo", {})
    monkeypatch.setattr(words, "_used", set())
    monkeypatch.setattr(words, "_loaded", False)
    for text in ("昆明地铁", "滇池水质", "翠湖海鸥", "石林景区", "滇池水质"):
        words.words(text)
    words.flush()  # as at the end of the process
    stored = load(words._cache_path())
    assert isinstance(stored, dict) and len(stored) == 3
    assert "滇池水质" in stored and "石林景区" in stored
    found = words._decode(stored["石林景区"])  # each answer is kept encoded
    assert found is not None and found[0] == (2, 2)  # 石林 / 景区



def test_a_damaged_word_cache_entry_is_segmented_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache file keeps each answer encoded; an entry whose bytes hold no answer (damaged, or a
    value of another shape) is not used: the text is segmented again, and the file is mended."""
    import pickle

    from layout.cache import load, save
    from layout.flow import words

    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path))
    for name, value in (("_memo", {}), ("_stored", {}), ("_used", set()), ("_loaded", False)):
        monkeypatch.setattr(words, name, value)
    save(words._cache_path(), {"石林景区": b"\x80\x05garbage", "滇池水质": pickle.dumps(("x", 1, 2)),
                               "翠湖海鸥": words.encode(((4,), frozenset(), ((4, "n"),), frozenset()))})
    assert words.words("石林景区")[0] == (2, 2)  # 石林 / 景区, from the dictionary
    assert words.words("滇池水质")[0] == (2, 2)
    assert words.words("翠湖海鸥") == ((4,), frozenset(), ((4, "n"),), frozenset())  # a sound entry is used as stored
    words.flush()
    stored = load(words._cache_path())
    assert words._decode(stored["石林景区"]) == words.words("石林景区")

CROSSHEADS = [
    "从无到有/构建/全链条/新能源/生态圈",
    "开放/创新/引领/昆明/经济/迈向/高质量/发展/新/阶段",
    "系统/谋划/与/精准/发力/构筑/产业/发展/强/磁场",
    "地铁/5号线/沿线/127所/学校/错峰/放学",
    "“一部手机游云南”/带动/2026年/春节/假日/消费",
    "呈贡/大学城/建成/西南/地区/首个/《智慧校园/标准》/示范区",
    "王丽萍/带领/团队/攻克/高原/蔬菜/冷链/运输/难题",
    "斗南/花卉/拍卖/交易/中心/日/成交/鲜切花/逾/千万枝",
]


@pytest.mark.parametrize("chars", [10, 11, 12, 13])
def test_cross_heads_break_between_words(book: FontBook, typo: Typography, chars: int) -> None:
    from layout.flow.article import CROSSHEAD_STYLES

    width = chars * 9.0  # a body column of 9 pt characters
    for marked in CROSSHEADS:
        text, cuts, _ = boundaries(marked)
        for role, size in CROSSHEAD_STYLES:
            lines, _, _ = head_lines([HeadText(text, size, role, "center")], width, Setting(book, typo))
            texts = [line.text for line, _, _ in lines]
            assert "".join(texts) == text
            assert len(texts) >= 2
            assert line_breaks(texts) <= cuts, texts


#: Headlines written for this test (placeholders, not news), each with the names and dates
#: (``[…]``) that must stay on one line wherever they fit the measure.
WHOLE_UNITS = [
    "副省长[上官文华]调研滇中引水工程",
    "记者[司马云帆]从省教育厅获悉",
    "[诸葛明远]当选市人大常委会主任",
    "[欧阳志远]夫妇捐建乡村图书室",
    "春城花卉博览会[5月18日]开幕",
    "市民[王建军]：公交夜班车开到[12月31日]",
    "《滇池保护治理规划（[2026—2030年]）》发布",
    "[皇甫晓云]获评全国三八红旗手",
    "[夏侯明]带队赴老挝考察",
    "气温将回升到[18～22度]",
]


def _units(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text, and the (start, end) of each bracketed unit in it."""
    text, spans, start = "", [], 0
    for ch in marked:
        if ch == "[":
            start = len(text)
        elif ch == "]":
            spans.append((start, len(text)))
        else:
            text += ch
    return text, spans


@pytest.mark.parametrize("marked", WHOLE_UNITS)
def test_names_and_dates_are_never_split(book: FontBook, typo: Typography, marked: str) -> None:
    text, spans = _units(marked)
    assert spans and all(text[a:b] for a, b in spans)
    checked = 0
    for size in ("二号", "小一", "一号", "小初"):
        for chars in range(4, 16):
            width = chars * SIZES[size]
            if max(b - a for a, b in spans) > chars - 1:
                continue  # a unit wider than the line (with room for a mark) may have to break
            lines, _ = balanced_head(text, HeadText(text, SIZES[size], "hei_bold", "left"), Setting(book, typo), width)
            texts = [line.text for line in lines]
            assert "".join(texts) == text
            for cut in line_breaks(texts):
                assert not any(a < cut < b for a, b in spans), (size, chars, texts)
            checked += 1
    assert checked >= 20


@pytest.mark.parametrize("text, chars, expected", [
    # two lines, parting the compound 水环境治理 between its words, rather than three whole-word lines
    ("滇池流域水环境治理成效明显", 7, ["滇池流域水环境", "治理成效明显"]),
    # four lines parting 工程进度, rather than five that split 燃气管道 after 管 (an affix break)
    ("老城区燃气管道改造工程进度过半", 5, ["老城区", "燃气管道", "改造工程", "进度过半"]),
])
@pytest.mark.parametrize("size", [22.0, 36.0])
def test_a_compound_break_between_its_words_costs_no_extra_line(book: FontBook, typo: Typography, text: str,
                                                                  chars: int, expected: list[str],
                                                                  size: float) -> None:
    lines, _ = balanced_head(text, HeadText(text, size, "hei_bold", "left"), Setting(book, typo), chars * size + 3.0)
    assert [line.text for line in lines] == expected


@pytest.mark.parametrize("size,width", [(22.0, 117.0), (26.0, 171.0), (36.0, 243.0), (22.0, 90.0)])
def test_head_lines_ending_in_a_closing_mark_are_drawn(book: FontBook, typo: Typography, size: float,
                                                      width: float) -> None:
    """A line the breaker fitted (a closing mark at its end counted half) is drawn, never
    reported overset because the mark's blank right half passes the measure."""
    from types import SimpleNamespace

    from layout.flow.display import set_display
    from layout.flow.heads import place_head
    from layout.report import BlockReport
    from layout.text.prepare import TextStyle

    for text in ("《云南日报》创刊80周年座谈会在昆举行", "“一部手机游云南”上线三年服务游客过亿",
                 "滇池治理（2021—2035年）规划发布", "（受权发布）昆明市政府工作报告全文"):
        found = set_display(text, TextStyle("hei_bold", size), Setting(book, typo), width, "left")
        assert found is not None
        lines = found[0]
        report = BlockReport(1, "h")
        grid = SimpleNamespace(ascent_em=0.88)
        items = place_head([(line, i * size * 1.2, size) for i, line in enumerate(lines)], 0.0, 0.0, 1e6,
                           grid, "h", "head", report, width)  # type: ignore[arg-type]
        assert len(items) == len(lines) and report.overset_lines == 0, [line.text for line in lines]


@pytest.mark.parametrize("text", ["本报记者从https://www.example.gov.cn/xxgk/2026/content_12.html获悉——",
                                  "详情请登录www.km.gov.cn/zwgk/index.html查询", "来信请寄news-desk@example.com.cn"])
def test_a_url_in_display_type_breaks_where_chicago_breaks_it(book: FontBook, typo: Typography, text: str) -> None:
    """A URL in a kicker or deck breaks after // and before a single slash or a period, never leaving a line on a
    period, comma, hyphen or underscore (The Chicago Manual of Style, as body text does: ``wordbreak``); it was broken
    at every mark, https://www. / example. / gov.cn."""
    checked = 0
    for size in ("小四", "四号", "小三"):
        for chars in range(6, 14):
            lines, _ = balanced_head(text, HeadText(text, SIZES[size], "kai", "left"), Setting(book, typo),
                                     chars * SIZES[size])
            texts = [line.text for line in lines]
            assert "".join(texts) == text
            assert not [t for t in texts[:-1] if t[-1:] in ".,-_"], (size, chars, texts)
            checked += len(texts) > 1
    assert checked >= 10


@pytest.mark.parametrize("marked", [
    "列夫·托尔斯泰|莫斯科故居开放", "埃马纽埃尔·马克龙|昆明之行圆满结束", "斯蒂芬·库里|金州勇士夺冠",
    "马克龙·埃马纽埃尔|会见|普京·弗拉基米尔", "中国·东盟|博览会与中国·南亚|博览会",
    "翠湖·老街|改造完成后昆明·滇池|步道开放",
])
def test_a_name_joined_by_an_interpunct_ends_where_a_known_word_begins(marked: str) -> None:
    """A word the dictionary knows well after a name joined by an interpunct (莫斯科, 昆明, 金州勇士), or a long
    stretch between two interpuncts (会见普京), is no piece of the name: a break there is a break between words
    (a rule that kept such names whole by the dictionary's tags ran on over these: measured, left out)."""
    from layout.flow.words import Fit, breaks

    text = marked.replace("|", "")
    fits = breaks(text)
    cuts = [k - i for i, k in enumerate(k for k, ch in enumerate(marked) if ch == "|")]
    assert all(fits[cut - 1] <= Fit.WEAK for cut in cuts), [(text[:cut], fits[cut - 1]) for cut in cuts]


#: Names of bodies and places, with the only points inside each where a line may part it (between its own words).
SOLID_NAMES = {"中华人民共和国": {2, 4}, "中国人民解放军": {2, 4}, "中国人民政治协商会议": {2, 4, 6, 8},
               "全国人民代表大会": {2, 4, 6}, "国际标准化组织": {2, 5}}


@pytest.mark.parametrize("text", [
    "庆祝中华人民共和国成立七十七周年文艺晚会", "中国人民解放军南部战区组织海上联合演练",
    "中国人民政治协商会议云南省委员会开幕", "全国人民代表大会常务委员会召开会议", "国际标准化组织技术委员会年会闭幕",
])
def test_a_name_of_several_words_is_parted_only_between_its_words(book: FontBook, typo: Typography,
                                                                   text: str) -> None:
    """A long name is parted, where a line must part it, only between its own words (中国人民|解放军, never
    中国人|民解放军 nor 共和|国): the dictionary's shorter words inside it that overlap (国人, 华人) or leave one
    character (共和 of 共和国) are no places to break."""
    for size in ("小初", "一号", "二号"):
        for chars in range(4, 13):
            lines, _ = balanced_head(text, HeadText(text, SIZES[size], "hei_bold", "left"), Setting(book, typo),
                                     chars * SIZES[size])
            cuts = set(itertools.accumulate(len(line.text) for line in lines[:-1]))
            for name, points in SOLID_NAMES.items():
                start = text.find(name)
                inside = {cut - start for cut in cuts if start < cut < start + len(name)} if start >= 0 else set()
                assert inside <= points, (size, chars, "/".join(line.text for line in lines))
