"""Word segmentation (``layout.flow.segment``): jieba's method over the compact dictionary
gives the words, parts of speech and inner words that jieba-rs (rjieba) gives, reading
only the blocks of the characters asked about."""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

import pytest

from layout.flow import lexicon, segment, words
from tests.conftest import SEED

#: Headline- and caption-like lines written for this test (names, places, numbers with
#: units, dates, ranges, Latin, quotes); not news.
LINES_TEXT = """
欧阳晓峰当选市人大代表
王明辉在昆明调研新能源产业
司马相宜出席第12届中国—南亚博览会
张伟：让滇池水更清
李娜获澳网女单冠军
习近平会见马克龙
地铁5号线首列车驶出车辆段
2026年春节前全线贯通
3月1日8时30分起实行新时刻表
气温8～10度 局地有雨
2021—2035年国土空间规划获批
比分3∶2 云南队逆转取胜
GDP增长5.2% CPI同比上涨0.3%
iPhone 17在华销量同比增长20%
华为Mate 70系列发布
《昆明市滇池保护条例》修订通过
“春城计划”启动 首批50个项目签约
翠湖·老街迎来游客高峰
新华社记者刘冬摄
云南日报记者 杨之辉 李继洪
昆明长水国际机场T2航站楼投用
中老铁路开行国际旅客列车超过3000列
大理洱海流域生态修复工程进度达85%
普洱茶产业年产值突破1000亿元
国家统计局：11月CPI同比上涨0.2%
楚雄彝族自治州举办火把节
西双版纳野生亚洲象种群达300头
昆明至丽江高铁每天开行42对
诸葛亮文化旅游节在保山开幕
上官婉儿研究论坛在西安召开
东方明珠电视塔游客量创新高
端木蕻良纪念馆开馆
赵丽颖主演新剧开播
刘德华昆明演唱会门票售罄
马云回国后首次公开露面
陈晓东获评全国劳动模范
腾讯QQ用户突破10亿
阿里巴巴集团发布2025财年财报
北京冬奥会志愿者代表座谈
上海浦东新区建设引领区
粤港澳大湾区建设提速
长江经济带生态保护修复
第十四届全国人民代表大会第三次会议开幕
滇中引水工程进度达2.5%
呈贡新区的宁德时代锂电池绿色智造基地
全市共有各类市场主体120万户
每百户拥有汽车48辆
新能源汽车产量同比增长35.6%
神舟二十号载人飞船发射成功
嫦娥六号带回月背样品1935.3克
C919大飞机商业首航
5G基站总数达425万个
海拔4500米以上的高原
首届南博会吸引80个国家参展
云南白药集团营收突破400亿
昆明市五华区人民法院
玉溪市新平县嘎洒镇
怒江州贡山县独龙江乡
丽江古城区大研街道
滇池草海湿地公园
石林彝族自治县撒尼人
红河哈尼梯田申遗成功十周年
曲靖市麒麟区沿江街道
普者黑景区游客接待量
腾冲市和顺古镇
建水县临安镇紫陶街
巍山古城拱辰楼修复
香格里拉独克宗古城
德宏州瑞丽市姐告口岸
文山州砚山县三七种植基地
林毅夫谈中国经济增长潜力
钟南山：流感高峰已过
屠呦呦获国家最高科学技术奖
袁隆平杂交水稻亩产再创新高
杨振宁百岁生日
莫言新作出版
周杰伦新专辑发布
姚明出任篮协主席
黄旭华院士逝世
孙杨复出参赛
苏炳添退役
谷爱凌夺得金牌
王楚钦樊振东晋级决赛
全红婵跳水再夺冠
郑钦文获得奥运网球金牌
潘展乐打破世界纪录
易建联宣布退役
范志毅评论国足
郎平回国执教
马龙第六次参加世乒赛
张艺谋执导开幕式
李子柒复出更新视频
董宇辉直播带货
雷军发布小米SU7
任正非接受采访
曹德旺捐赠福耀科技大学
宗庆后追思会举行
刘强东返乡发红包
俞敏洪谈教育转型
黄仁勋访问北京
马斯克宣布新计划
特朗普签署行政令
拜登发表讲话
普京会见外国领导人
联合国秘书长古特雷斯呼吁停火
世界卫生组织发布新指南
国际货币基金组织上调增长预期
欧洲央行宣布降息25个基点
美联储维持利率不变
日经225指数收涨1.2%
沪深300指数上涨0.8%
人民币对美元汇率中间价报7.1
布伦特原油期货价格每桶75美元
黄金价格突破每盎司2700美元
比特币价格突破10万美元
昆明—大理动车票价145元
1.5万名选手参加昆明马拉松
3.2万吨咖啡豆出口
第31届世界大学生夏季运动会
十四五规划收官之年
二〇二六年全国两会
春运首日发送旅客1.2亿人次
国庆假期国内出游8.26亿人次
12月1日起施行
零下5摄氏度
PM2.5浓度下降12%
CO2排放强度下降18%
5月20日至22日
上午9时至下午5时
每人每月补贴300元
年均增长6.5%以上
总投资约120亿元
占地面积约2000亩
建筑面积3.6万平方米
全长158公里
设计时速350公里
日均客流量超过100万人次
全省共有A级景区500余家
5A级景区9家
昆明市第一人民医院
云南大学附属医院
中国科学院昆明植物研究所
西南联大旧址
陆军讲武堂历史博物馆
云南省博物馆新馆
昆明市委书记刘洪建调研
省长王予波主持召开省政府常务会议
副省长张治中出席
市长刘佳晨讲话
记者 王菲菲 摄
通讯员 李小龙 张三丰
实习生 欧阳娜娜
本报讯（记者 赵勇）
据新华社北京12月1日电
"""


def corpus() -> list[str]:
    """The lines above, and the clauses and sentences of the customer's page."""
    out = [line for line in LINES_TEXT.splitlines() if line]
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = line.strip("# ")
        for sentence in re.split(r"(?<=[。；！？])", line):
            out += [sentence] if len(sentence) >= 4 else []
            out += [p for p in re.split(r"[，,、：]", sentence.strip("。；！？ ")) if 4 <= len(p) <= 30]
    return list(dict.fromkeys(out))


@pytest.fixture(scope="module")
def reference() -> object:
    """jieba-rs with the house words, as Banmian used it before (the oracle)."""
    rjieba = pytest.importorskip("rjieba")
    found = rjieba.Jieba()
    for word in words._house_words():
        found.add_word(word, None, None)
    return found


def test_cut_and_tags_match_jieba_rs(reference: object) -> None:
    d = segment.dictionary(words._house_words())
    texts = corpus()
    assert len(texts) >= 300
    cut_differ = [t for t in texts if segment.cut(d, t) != reference.cut(t, True)]  # type: ignore[attr-defined]
    tag_differ = [t for t in texts
                  if segment.tag(d, segment.cut(d, t)) != reference.tag(t, True)]  # type: ignore[attr-defined]
    assert not cut_differ, cut_differ[:5]
    assert not tag_differ, tag_differ[:5]


def test_inner_words_match_jieba_rs(reference: object) -> None:
    """Search mode: the same inner words, but for the few words the two dictionaries
    hold differently (jieba-rs adds a few Latin entries such as PM2)."""
    d = segment.dictionary(words._house_words())
    texts = corpus()
    same = sum(sorted(segment.search_spans(d, segment.cut(d, t)))
               == sorted((s, e) for _, s, e in reference.tokenize(t, "search", True))  # type: ignore[attr-defined]
               for t in texts)
    assert same >= 0.99 * len(texts)


def test_names_numbers_and_house_words() -> None:
    d = segment.dictionary(words._house_words())
    assert segment.cut(d, "本报记者 尹朝平") == ["本报记者", " ", "尹朝平"]
    assert segment.tag(d, ["尹朝平"]) == [("尹朝平", "nr")]  # a name the character model finds
    assert "宁德时代" in segment.cut(d, "全球动力电池巨头宁德时代落子昆明")
    assert segment.cut(d, "GDP增长5.2%") == ["GDP", "增长", "5.2%"]


def test_only_the_blocks_of_the_characters_asked_about_are_read(tmp_path: Path) -> None:
    d = lexicon.Dictionary(lexicon.ensure())
    text = "滇池沿岸迎来越冬高峰"
    segment.cut(d, text)
    d.close()
    assert set(d._blocks) <= set(text)
    size = lexicon.dictionary_path().stat().st_size
    assert sum(len(b.encode()) for b in d._blocks.values()) < size / 50


def test_a_damaged_dictionary_file_is_built_again_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = lexicon.ensure().read_bytes()
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path))
    path = lexicon.dictionary_path()
    path.write_bytes(good[:len(good) // 2])  # a copy cut short
    with pytest.raises(ValueError):
        lexicon.Dictionary(path)
    assert lexicon.ensure() == path
    assert path.read_bytes() == good  # rebuilt, byte for byte the same
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_a_damaged_block_is_caught_by_its_checksum_and_the_file_built_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = lexicon.ensure().read_bytes()
    text = "滇池沿岸迎来越冬高峰"
    expected = segment.cut(lexicon.Dictionary(lexicon.dictionary_path()), text)
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path))
    path = lexicon.dictionary_path()
    d = lexicon.Dictionary(lexicon.ensure())
    k = d._chars.index(ord("池"))
    at = d._base + d._offsets[k] + (d._offsets[k + 1] - d._offsets[k]) // 2
    d.close()
    bad = bytearray(good)
    bad[at] ^= 0x04  # one bit flipped inside the block of 池: still valid UTF-8, a different word
    path.write_bytes(bytes(bad))
    d = lexicon.Dictionary(path)  # the header and index are whole: it opens
    try:
        assert segment.cut(d, text) == expected  # the block failed its CRC: rebuilt, then read
    finally:
        d.close()
    assert path.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX file modes")
def test_a_dictionary_others_could_write_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = lexicon.ensure().read_bytes()
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path))
    path = lexicon.dictionary_path()
    path.write_bytes(good)
    path.chmod(0o666)
    with pytest.raises(ValueError, match="user's own"):
        lexicon.Dictionary(path)
    assert lexicon.ensure() == path
    assert path.stat().st_mode & 0o022 == 0 and path.read_bytes() == good


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX file modes")
def test_a_group_writable_umask_still_gives_a_usable_dictionary(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """With umask 002 (the default of many desktops) the file was written 0664, refused as not the
    user's own, rebuilt, refused again: a traceback on every render with new display copy."""
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path))
    old = os.umask(0o002)
    try:
        path = lexicon.ensure()
        d = lexicon.Dictionary(path)
    finally:
        os.umask(old)
    try:
        assert segment.cut(d, "滇池沿岸迎来越冬高峰") == segment.cut(segment.dictionary(), "滇池沿岸迎来越冬高峰")
    finally:
        d.close()
    assert path.stat().st_mode & 0o777 == 0o644


def test_without_jieba_the_error_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from layout.errors import BanmianError

    monkeypatch.setattr(importlib.util, "find_spec", lambda name, package=None: None)
    with pytest.raises(BanmianError, match="jieba package is not installed"):
        lexicon._source()


def test_a_cache_folder_that_cannot_be_written_still_segments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "file" / "cache"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    d = lexicon._open()
    try:
        assert segment.cut(d, "滇池沿岸迎来越冬高峰") == segment.cut(segment.dictionary(), "滇池沿岸迎来越冬高峰")
    finally:
        d.close()
    assert not list((tmp_path / "tmp").iterdir())  # the file of this process is already unlinked


POOL = """
import multiprocessing
from layout.flow import words
def job(text):
    return words.words(text)[0]
if __name__ == "__main__":
    with multiprocessing.get_context("fork").Pool(1) as pool:
        print(pool.map(job, ["滇池沿岸迎来越冬高峰"]))
"""


def test_a_pool_worker_writes_what_it_segmented_to_the_cache(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from layout.cache import load
    from tests.conftest import ROOT

    (tmp_path / "pool.py").write_text(POOL, encoding="utf-8")
    env = {**os.environ, "BANMIAN_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, str(tmp_path / "pool.py")], env=env, cwd=ROOT, check=True, timeout=120)
    stored = [load(path) for path in (tmp_path / "cache").glob("words-*.pickle")]
    assert len(stored) == 1 and "滇池沿岸迎来越冬高峰" in stored[0]


@pytest.mark.parametrize("marked", [
    "中华|人民|共和国|成立", "中国|人民|解放军", "长江|三角洲", "全国|人民|代表|大会|常务|委员会", "普洱|茶|产业",
    "社会|主义|核心|价值|观", "增加|值", "西双版纳|傣族|自治州", "奥林匹克|运动会", "武汉|东湖|新|技术|开发区",
    "诺贝尔|物理学奖", "内蒙古|自治区|呼和浩特|市", "粤|港澳|大湾|区", "联合国|教科文|组织", "苏格拉底",
    "宾夕法尼亚大学", "上海市|政府", "武当山|风景区", "张家港|市", "维多利亚|州", "诺贝尔|化学奖", "上海|音乐学院",
])
def test_a_word_parts_only_into_whole_inner_words(marked: str) -> None:
    """Where a long word may part (``parts``): between the inner words of the dictionary's most probable reading of
    it (中华|人民|共和国, 西双版纳 whole, 上海市|政府, not also 上海|市政府), not where they overlap (中|华 beside
    华人) nor to leave one character where a reading needs none (共和|国, 运动|会), and where a word of that reading
    parts into two (代表|大会), unless it is a name (音乐学院, 维多利亚); a character no inner word covers stands alone
    (新 in 东湖|新|技术|开发区, 普洱|茶), but not two in four (苏格拉底), and a place's 市 or 州 is none (张家港|市,
    not 张家|港市); a dictionary's truncated entry (宾夕法尼, 3 times) is no inner word."""
    d = segment.dictionary(words._house_words())
    text = marked.replace("|", "")
    want = {0, len(text), *itertools.accumulate(len(piece) for piece in marked.split("|")[:-1])}
    assert segment.parts(d, segment.cut(d, text), words.SUFFIXES) == want
