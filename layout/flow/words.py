"""Chinese word boundaries for display type, from a word-segmentation dictionary.

In:  a line of display text (headline, cross-head, banner, caption …).
Out: ``breaks(text)``: for each position ``i`` (a break between ``text[i-1]`` and
     ``text[i]``) how acceptable a line break there is (``Fit``): ``WORD`` between
     words, ``WEAK`` between words where one is a single character (写在|高原),
     ``GROUP`` between words inside a 《》 or “” group, ``SUB`` inside a compound
     where it parts into its shorter words (全线|贯通, 中华|人民|共和国: not 中|华, where
     华人 overlaps, nor 共和|国: ``segment.parts``) or between a one-character prefix or
     suffix and its word (全|链条, 昆明|段), ``NEAR`` inside a word at the edge of one of
     the shorter words the dictionary holds in it, where its reading does not part it and
     neither side is a character alone (可望而|不可及, 西双|版纳: a saying or a name without
     parts; a break there is still a break inside a word, but where its own words meet rather
     than anywhere), ``INSIDE`` anywhere else inside a word or between a number and its unit.
     Position 0 and ``len(text)`` are not listed.

Words come from jieba's dictionary (about 350 000 words with frequencies and parts of
speech) and its character models for words not in it, such as most names, by jieba's own
method in ``layout.flow.segment``, which reads only the parts of a compact copy of the
dictionary (built once beside the font metrics) that the texts at hand need. What it says
about a string is kept in the on-disk cache beside the font metrics (``words-*.pickle``
under ``$BANMIAN_CACHE``), so a page set before never opens the dictionary; each text's
answer is stored as its own pickle bytes and decoded only when the text is asked about
(reading the 4 000 texts the file keeps then costs 2–3 ms, not 25–50). The house
word list ``layout/data/words.txt`` adds names the dictionary lacks (宁德时代). On top of the dictionary's words:

- a number is never parted from the word after it or from a 第 before it
  (5号线, 127所, 2026年, 第12届), nor from 3∶2's colon; a date's 年月日时 ends its
  word even where the dictionary joins it to the next (2026年|春节);
- a date is one unit from its first number to its last unit (3月1日, 2026年3月,
  1日8时: ``INSIDE``), and so is a range of numbers joined by a connecting dash
  (2021—2035年, 8～10度; GB/T 15834—2011 §4.13: 一字线, 短横线, 浪纹线);
- a person's name is one unit (``INSIDE``): a word the dictionary tags as a person's
  name (jieba's ``nr``) that begins with a surname, and a surname followed by a
  given name of one or two characters where the dictionary has cut it in two
  (欧阳|晓峰, 王明|辉, 司马|相宜). Surnames: the compound surnames of the 百家姓 and
  the most common single surnames (``SURNAMES``: the hundred commonest of the national
  household register, Ministry of Public Security name report 2020, and a few more);
- a 《》, “”, ‘’, 「」 or 『』 group is one unit while it is short enough to be
  (``GROUP`` inside it), and so is a word joined by · (翠湖·老街).
"""

from __future__ import annotations

import atexit
import contextlib
import re
import sys
from collections.abc import Iterable
from enum import IntEnum
from functools import lru_cache
from pathlib import Path

from layout import digests, sealed
from layout.cache import load, pickled, save, unpickle
from layout.issue.model import Issue
from layout.text.script import is_cjk, is_ideograph
from layout.text.wordbreak import address_points

#: The editor's preferred break in display text (U+00A6 BROKEN BAR): never printed,
#: not a character of Chinese copy; it marks where a headline should break if it must.
BREAK_MARK = "¦"
_SOLID = re.compile(r"[!-~]+")  # a run of printable ASCII without a space: a word, a number, a URL
GROUPS = {"《": "》", "“": "”", "‘": "’", "「": "」", "『": "』"}
GROUP_MAX = 12  # a quoted group longer than this many characters may break between its words
#: 10: … a place's 市/州/区 not alone, a name not parted; 9: a compound's inner points those
#: of its most probable reading as inner words of 2–4 characters (``segment.parts``); 8: of all its tilings; 7: of
#: 2–3 without overlap; 6: sealed with CRC-32 (``layout.sealed``);
#: 5: each text's answer pickled on its own
CACHE_VERSION = 10
HOUSE_WORDS = Path(__file__).resolve().parent.parent / "data" / "words.txt"
#: One-character words that bind to the word after (prefixes) or before (suffixes)
#: them in headlines: a break there parts an affix from its word.
PREFIXES = "全新老总副各每首非超准多"
SUFFIXES = "段区市县州镇乡村路街站港湾岛桥所院馆园厂局处队组化性者家员型式率届期"
DATE_UNITS = "年月日时"  # a number and one of these is a word of its own
DATE_NEXT = {"年": "月", "月": "日", "日": "时", "时": "分"}  # 2026年3月1日8时30分 is one date
RANGE_DASHES = "—–-~～"  # a connecting dash between two numbers (GB/T 15834—2011 §4.13)
_COMPOUND = ("欧阳司马诸葛上官东方皇甫尉迟公孙慕容长孙宇文司徒司空夏侯令狐澹台端木轩辕独孤"
             "南宫西门呼延闻人万俟钟离公羊濮阳太史申屠百里东郭拓跋完颜赫连淳于单于")
COMPOUND_SURNAMES = frozenset(_COMPOUND[i:i + 2] for i in range(0, len(_COMPOUND), 2))
#: Compound surnames that are also common words (东方 east, 百里 a hundred li): taken as a
#: surname only where the dictionary tags the surname or the given name as a name.
AMBIGUOUS_SURNAMES = frozenset({"东方", "西门", "南宫", "东郭", "百里", "长孙", "太史", "司空", "公羊", "单于", "完颜"})
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任"
    "卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付傅方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严"
    "莫孔向常汤康易乔赖文施洪牛葛")


class Fit(IntEnum):
    """How acceptable a line break at a position is (lower is better)."""

    WORD = 0
    WEAK = 1
    GROUP = 2
    SUB = 3
    NEAR = 4
    INSIDE = 5


#: A text's words: their lengths, the boundaries of every inner word (jieba's search mode), the tagged words
#: (length, part of speech) and the points where the words part into their inner words (``segment.parts``).
Words = tuple[tuple[int, ...], frozenset[int], tuple[tuple[int, str], ...], frozenset[int]]
CACHE_MAX = 4000  # texts kept in the cache file: the most recently used
_memo: dict[str, Words] = {}
_stored: dict[str, bytes] = {}  # the cache file's answers, each decoded when first asked for
_used: set[str] = set()  # texts this process asked about
_fresh: set[str] = set()  # texts this process segmented (a forked process hands them back: ``learned``)
_loaded = False
_dirty = False


@lru_cache(maxsize=1)
def _house_words() -> tuple[str, ...]:
    """The house word list (``layout/data/words.txt``): names the dictionary lacks."""
    try:
        lines = HOUSE_WORDS.read_text(encoding="utf-8").splitlines()
    except OSError:
        return ()
    return tuple(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _cache_path() -> Path:
    """The segmentation cache file, beside the font metrics; its name changes with the
    house word list."""
    key = digests.sha1(f"{CACHE_VERSION}|{'|'.join(_house_words())}".encode()).hexdigest()[:12]
    return sealed.place(f"words-{key}.pickle")


def words(text: str) -> Words:
    """The dictionary's words of ``text`` as their lengths, the positions between the
    shorter words found inside its compounds, and its tagged words as (length, part of
    speech) (from the cache, or the dictionary; new answers are written to the cache
    when the process ends)."""
    global _dirty
    _load()
    _used.add(text)
    cached = _memo.get(text)
    if cached is not None:
        return cached
    raw = _stored.get(text)
    if raw is not None:
        cached = _decode(raw)
        if cached is not None:
            _memo[text] = cached
            return cached
        del _stored[text]  # not an answer: asked again below, and written anew
    _memo[text] = found = _segment(text)
    _fresh.add(text)
    if not _dirty:
        atexit.register(flush)
    _dirty = True
    if _in_worker():
        flush()  # a pool's worker process ends without running exit handlers
    return found


def learned() -> tuple[dict[str, Words], set[str]]:
    """The texts this process segmented (not read from the cache file), with their words, and the texts
    it asked about: what a forked process hands back (``adopt``), since it ends without writing the cache."""
    return {text: _memo[text] for text in _fresh if text in _memo}, set(_used)


def adopt(found: dict[str, Words], used: set[str]) -> None:
    """A forked process's words (``learned``) as this process's own: those it lacks kept (a damaged cache
    entry replaced by them) and written to the cache when this process ends, as if segmented here."""
    global _dirty
    _used.update(used)
    new = {text: answer for text, answer in found.items() if text not in _memo}
    for text in new:
        _stored.pop(text, None)
    _memo.update(new)
    _fresh.update(new)
    if new and not _dirty:
        atexit.register(flush)
    _dirty = _dirty or bool(new)


def _in_worker() -> bool:
    """Whether this is a worker process of a ``multiprocessing`` pool (parallel pages)."""
    module = sys.modules.get("multiprocessing")
    return module is not None and module.parent_process() is not None


def _segment(text: str) -> Words:
    """Ask the dictionary (``Words``): word lengths, the boundaries of the shorter words inside them (jieba's
    search mode), the tagged words (length, part of speech: ``nr`` a person's name) and the points where
    the words part into their inner words (``segment.parts``)."""
    from layout.flow import segment  # imported here: a page set before never needs it

    d = segment.dictionary(_house_words())
    cut = segment.cut(d, text)
    fine = frozenset(p for span in segment.search_spans(d, cut) for p in span)
    tagged = tuple((len(word), tag) for word, tag in segment.tag(d, cut))
    return tuple(map(len, cut)), fine, tagged, segment.parts(d, cut, SUFFIXES)


def _load() -> None:
    """Read the cache file into memory (once); its answers stay encoded until asked for."""
    global _loaded
    if not _loaded:
        _loaded = True
        _stored.clear()
        _stored.update(_read())


def _read() -> dict[str, bytes]:
    """The cache file's texts and their encoded answers ({} when it has none usable)."""
    stored = load(_cache_path())
    return stored if isinstance(stored, dict) else {}


def _decode(raw: bytes) -> Words | None:
    """A stored answer, or None when its bytes do not hold one (it is then asked again)."""
    try:
        value = unpickle(raw)
    except Exception:  # damaged bytes: asked again
        return None
    if (type(value) is tuple and len(value) == 4 and type(value[0]) is tuple and type(value[1]) is frozenset
            and type(value[2]) is tuple and type(value[3]) is frozenset and all(type(n) is int for n in value[0])
            and all(type(n) is int for n in value[1]) and all(type(n) is int for n in value[3])
            and all(type(t) is tuple and len(t) == 2 and type(t[0]) is int and type(t[1]) is str
                    for t in value[2])):
        return value
    return None


def encode(found: Words) -> bytes:
    """The bytes an answer is stored as in the cache file (``_decode`` reads them)."""
    return pickled(found)


def prefetch(texts: Iterable[str]) -> None:
    """Read the segmentation cache before typesetting (the texts are segmented when a line
    must break: a few new ones cost milliseconds)."""
    _load()


def flush() -> None:
    """Write new segmentations to the cache file (merged with what is there)."""
    global _dirty
    if not _dirty:
        return
    with contextlib.suppress(OSError):
        save(_cache_path(), _merged())
    _dirty = False


def _merged() -> dict[str, bytes]:
    """What the cache file should hold: what it holds and what this process found, the
    texts used here last, cut to the ``CACHE_MAX`` most recent (so it stays quick to read)."""
    merged = _read()
    merged.update((text, _stored.get(text) or encode(found)) for text, found in _memo.items())
    recent = {text: merged.pop(text) for text in sorted(_used) if text in merged}
    merged.update(recent)
    return dict(list(merged.items())[-CACHE_MAX:])


def _is_digit(ch: str) -> bool:
    """Digits, ASCII or full width."""
    return ch.isdigit()


def _glued(text: str, i: int) -> bool:
    """Whether a break before ``text[i]`` would part a number from its unit, its 第, its
    ratio colon, or a ·-joined word."""
    a, b = text[i - 1], text[i]
    if "·" in (a, b) or "・" in (a, b):
        return True
    if _is_digit(b) and (a == "第" or a in "∶:：" or _is_digit(a)):
        return True
    if _is_digit(b) and a in RANGE_DASHES and i >= 2 and _is_digit(text[i - 2]):
        return True  # 2021—|2035
    if a in DATE_NEXT and i >= 2 and _is_digit(text[i - 2]) and _is_digit(b):
        end = i
        while end < len(text) and _is_digit(text[end]):
            end += 1
        if end < len(text) and text[end] == DATE_NEXT[a]:
            return True  # 3月|1日, 2026年|3月
    return _is_digit(a) and not b.isspace()  # 5号线, 2026年, 5%, 3∶2


@lru_cache(maxsize=4096)
def breaks(text: str) -> tuple[Fit, ...]:
    """Per position 1 … len(text) - 1: how acceptable a break before ``text[i]`` is
    (index ``i - 1`` of the result).

    >>> [int(f) for f in breaks("地铁5号线开通")]
    [5, 0, 5, 5, 0, 5]
    """
    lengths, fine, tagged, parted = words(text)
    fits = [Fit.SUB if i in parted else Fit.INSIDE for i in range(len(text) + 1)]
    pos, before = 0, 0
    for length in lengths:
        if pos:
            fits[pos] = _between(text, pos, before, length)
        for i in range(pos + 2, pos + length - 1):  # (not a character alone: 醉翁之意|不在酒, not 不在|酒)
            if i in fine and fits[i] is Fit.INSIDE:
                fits[i] = Fit.NEAR
        pos, before = pos + length, length
    for i in _inside_names(text, tagged):
        fits[i] = Fit.INSIDE
    for i in range(1, len(text)):
        if fits[i] < Fit.GROUP and _glued(text, i):
            fits[i] = Fit.INSIDE
        elif text[i - 1] in DATE_UNITS and i >= 2 and _is_digit(text[i - 2]) and not _is_digit(text[i]):
            fits[i] = Fit.WORD  # 2026年|春节, 1月|19日: the dictionary may join a date's unit to the next word
    for run in _SOLID.finditer(text):  # a URL or address: only where Chicago breaks it (never a line ending on
        points = address_points(run.group())  # a period: ``wordbreak``), as in body text
        if points is not None:
            start = run.start()
            for i in range(start + 1, run.end()):
                fits[i] = Fit.INSIDE
            for k in points:
                fits[start + k + 1] = Fit.WORD
    for start, end in _groups(text):
        for i in range(start + 1, end):
            if fits[i] < Fit.GROUP:
                fits[i] = Fit.GROUP
    return tuple(fits[1:len(text)])


@lru_cache(maxsize=4096)
def joints(text: str) -> frozenset[int]:
    """The ``SUB`` positions of ``breaks(text)`` that part a compound of exactly two words, of
    two or more characters each (工程|进度 in 工程进度, 全线|贯通): a designer breaks a headline
    there sooner than take another line, unlike a break beside a one-character affix (昆明|段,
    交易|量) or across overlapping words (增|加值).

    >>> sorted(joints("滇中引水工程进度达2.5%"))
    [6]
    """
    lengths, fine, _, _ = words(text)
    fits = breaks(text)
    grouped = {i for start, end in _groups(text) for i in range(start + 1, end)}  # a group's own rule holds
    out: set[int] = set()
    pos = 0
    for length in lengths:
        inner = [i for i in range(pos + 1, pos + length) if i in fine]
        if (len(inner) == 1 and pos + 2 <= inner[0] <= pos + length - 2 and fits[inner[0] - 1] is Fit.SUB
                and inner[0] not in grouped):
            out.add(inner[0])
        pos += length
    return frozenset(out)


def _inside_names(text: str, tagged: tuple[tuple[int, str], ...]) -> set[int]:
    """Positions inside a person's name (see the module docstring), from the tagged words."""
    spans, pos = [], 0
    for length, tag in tagged:
        spans.append((pos, pos + length, tag))
        pos += length
    inside: set[int] = set()
    for k, (start, end, tag) in enumerate(spans):
        word = text[start:end]
        if tag.startswith("nr") and 2 <= len(word) <= 4 and _has_surname(word) and all(map(is_ideograph, word)):
            inside.update(range(start + 1, end))
        if k + 1 < len(spans):
            after, after_end, after_tag = spans[k + 1]
            if _name_pair(word, tag, text[after:after_end], after_tag):
                inside.update(range(start + 1, after_end))
    return inside


def _has_surname(word: str) -> bool:
    """Whether ``word`` begins with a surname (compound or single)."""
    return word[:2] in COMPOUND_SURNAMES or word[0] in SURNAMES


def _name_pair(a: str, a_tag: str, b: str, b_tag: str) -> bool:
    """Whether the dictionary words ``a`` and ``b`` are one name cut in two: a compound surname
    and a given name (for an ambiguous surname, one of them tagged a name: jieba's ``nr``,
    ``nrfg``, ``nrt``), a single surname and a name-tagged given name, or a surname and given
    name and the given name's last character, both tagged names (王明|辉)."""
    if not all(map(is_ideograph, a + b)) or len(b) > 2 or len(a + b) > 4:
        return False
    named = a_tag.startswith("nr"), b_tag.startswith("nr")
    if a in COMPOUND_SURNAMES:
        return a not in AMBIGUOUS_SURNAMES or any(named)
    if len(a) == 1:
        return a in SURNAMES and named[1]
    return len(a) == 2 and len(b) == 1 and a[0] in SURNAMES and all(named)


def _between(text: str, pos: int, before: int, after: int) -> Fit:
    """The grade of a boundary between dictionary words of lengths ``before`` and ``after``."""
    a, b = text[pos - 1], text[pos]
    if not (is_ideograph(a) and is_ideograph(b)) or (before > 1 and after > 1):
        return Fit.WORD
    if (before == 1 and a in PREFIXES) or (after == 1 and b in SUFFIXES):
        return Fit.SUB
    return Fit.WEAK


def _groups(text: str) -> list[tuple[int, int]]:
    """(start, end) of each short quoted or 《》 group, end after its closing mark."""
    out: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in GROUPS:
            stack.append((GROUPS[ch], i))
        elif stack and ch == stack[-1][0]:
            _, start = stack.pop()
            if i + 1 - start <= GROUP_MAX + 2:
                out.append((start, i + 1))
    return out


@lru_cache(maxsize=4096)
def phrase_spaces(text: str) -> frozenset[int]:
    """Indices of the spaces of a display text that part two phrases, as an editor types them in a
    headline (稳增长 促改革, 四十所　新增学位): a run of spaces (U+3000 too) with Chinese right beside it
    on both sides and three characters or more on each side before the next space (a label, 专访 or
    聚焦, is no phrase to set on a line of its own). A space beside Latin or a figure is a word space or
    the white a writer puts between Chinese and Latin (iPhone 17 Pro, 小米SU7 Ultra上市, 用好AI 赋能):
    none, though it may part phrases too (增长5.0% AI产业), which no rule of the text can tell.

    >>> sorted(phrase_spaces("稳增长 促改革　调结构")), sorted(phrase_spaces("用好AI 赋能千行百业"))
    ([3, 7], [])
    >>> sorted(phrase_spaces("聚焦 全省重点项目建设")), sorted(phrase_spaces("全省重点项目建设 聚焦"))
    ([], [])
    """
    runs = list(re.finditer(r"\s+", text))
    edges = [0, *(x for m in runs for x in m.span()), len(text)]
    out: set[int] = set()
    for k, m in enumerate(runs):
        if m.start() > 0 and m.end() < len(text) and is_cjk(text[m.start() - 1]) and is_cjk(text[m.end()]) \
                and edges[2 * k + 1] - edges[2 * k] >= 3 and edges[2 * k + 3] - edges[2 * k + 2] >= 3:
            out.update(range(m.start(), m.end()))
    return frozenset(out)


def strip_marks(text: str) -> tuple[str, frozenset[int]]:
    """``text`` without the editor's break marks, and the positions (in the stripped
    text) of the breaks they ask for.

    >>> strip_marks("新能源产业集群¦蓄势崛起")
    ('新能源产业集群蓄势崛起', frozenset({7}))
    """
    out: list[str] = []
    marks: set[int] = set()
    for ch in text:
        if ch == BREAK_MARK:
            marks.add(len(out))
        else:
            out.append(ch)
    return "".join(out), frozenset(marks)


def issue_texts(issue: Issue) -> list[str]:
    """The display texts of an issue that may have to break: kickers, headlines,
    subheads, bylines, cross-heads, banners, captions and credits, datelines and the
    paragraphs of boxed articles (导读)."""
    from layout.blocks import of

    return [text for page in issue.pages for block in page.blocks for text in of(block).display_texts(block)]
