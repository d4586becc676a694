"""Copy cleaning that the engine does before setting text, with counts of each change.

In:  an ``Issue`` whose text is as typed or pasted: half-width , ( ) : ; ? !
     between Chinese, straight quotes, -- or ――, ... or a lone …
Out: the issue with those set as GB/T 15834 wants them (full-width marks, “ ” ‘ ’
     by nesting, —— and ……), a count per kind of change for the render summary
     (nothing changes silently), and a warning for each unbalanced bracket,
     quote or 《》 in an article, naming the block and the place. Each article's
     own ``typography`` settings decide which cleanings apply.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace

from layout.issue.model import Issue, Typography
from layout.logger import LOGGER
from layout.text.punct import CLOSE, FULLWIDTH_OF, PAUSE, STOP
from layout.text.script import is_cjk, is_cluster_tail, is_space

_CJK_END = CLOSE + STOP + PAUSE


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest non-space character before (step -1) or after (+1) index i, or ''."""
    j = i + step
    while 0 <= j < len(text) and is_space(text[j]):
        j += step
    return text[j] if 0 <= j < len(text) else ""


_OPENS = {"”": "“", "’": "‘"}  # a closing quote → its opening one (shared by Chinese and English copy)
_CLOSES = {"“": "”", "‘": "’"}


def _side(text: str, i: int, step: int) -> str:
    """The neighbour (``_neighbour``) whose script decides mark ``text[i]``'s width on one side. A curly
    quote tells nothing of it: a mark inside a quotation, at its edge (“We will win,” said), is decided by
    the quotation's own text, and this side gives '' (does not count); a mark outside one is decided by the
    sentence around the quotation, so the whole quotation is looked past (包括“Apple”,“Google”等: the
    comma is Chinese by 包括 and 等), and so is a run of quotations and the marks between them (包括“甲”,“乙”,
    “丙”等); where that run reaches the text's edge, the nearest quotation's own text decides (“两会”,“双碳”).
    A ’ after a Latin letter is an apostrophe (players’, it’s), not a quotation's end."""
    j, inner = i + step, ""
    while True:
        while 0 <= j < len(text) and is_space(text[j]):
            j += step
        if not 0 <= j < len(text):
            return inner
        ch = text[j]
        if ch == "’" and step < 0 and _apostrophe(text, j):
            j -= 1
            continue
        if (step < 0 and ch in _CLOSES) or (step > 0 and ch in _OPENS):
            return inner  # (the mark stands at the quotation's own edge, inside it)
        if ch in _OPENS or ch in _CLOSES:  # a quotation the mark is outside of: looked past, as a whole
            k = text.rfind(_OPENS[ch], 0, j) if step < 0 else _closing(text, j + 1, _CLOSES[ch])
            if k < 0:
                return inner
            inner = inner or _neighbour(text, j, step)  # (its own text, next to the mark)
            j = k + step
        elif inner and ch in FULLWIDTH_OF:  # a mark between quotations of a run: past it too
            j += step
        else:
            return ch


def _apostrophe(text: str, j: int) -> bool:
    """Whether the ’ at ``text[j]`` follows a Latin letter (players’, it’s): an apostrophe."""
    return j > 0 and _latin_letter(text[j - 1])


def _latin_letter(ch: str) -> bool:
    """Whether ``ch`` is one basic Latin letter (not an ideograph, which ``isalpha`` also takes)."""
    return ch.isascii() and ch.isalpha()


def _closing(text: str, start: int, close: str) -> int:
    """The index of the quote ``close`` that ends a quotation opened before ``start`` (a ’ that is an
    apostrophe, it’s, is not one), or -1."""
    k = text.find(close, start)
    while k >= 0 and close == "’" and _apostrophe(text, k) and k + 1 < len(text) and text[k + 1].isalpha():
        k = text.find(close, k + 1)
    return k


def _chinese_side(ch: str) -> bool:
    """Whether a neighbour makes the context Chinese."""
    return bool(ch) and (is_cjk(ch) or ch in _CJK_END)


def fullwidth_punct(text: str) -> tuple[str, Counter[str]]:
    """Set half-width , ( ) : ; ? ! that touch Chinese text full width.

    Digit separators (1,000 and 10:30) and marks inside Latin text stay; a mark at the edge of a
    quotation goes by the quotation's text, one outside it by the sentence around it (``_side``).

    >>> fullwidth_punct("本报讯(记者 龙舟) 围绕,五华区")[0]
    '本报讯（记者 龙舟） 围绕，五华区'
    >>> fullwidth_punct("1,000 and (a) 10:30")[0]
    '1,000 and (a) 10:30'
    """
    if not any(ch in text for ch in FULLWIDTH_OF):  # (most copy: nothing to look at)
        return text, Counter()
    out = list(text)
    counts: Counter[str] = Counter()
    open_converted: list[bool] = []
    for found in _HALF_MARKS.finditer(text):  # (each mark of FULLWIDTH_OF, in order)
        i, ch = found.start(), found.group()
        before, after = _side(text, i, -1), _side(text, i, 1)
        if ch == "(":
            convert = _chinese_side(before) or _chinese_side(after)
            open_converted.append(convert)
        elif ch == ")":
            convert = (open_converted.pop() if open_converted else False) or _chinese_side(before)
        else:
            digits = before.isdigit() and after.isdigit()
            convert = not digits and (_chinese_side(before) or _chinese_side(after))
        if convert:
            out[i] = FULLWIDTH_OF[ch]
            counts[f"{ch} → {FULLWIDTH_OF[ch]}"] += 1
    return "".join(out), counts


_HALF_MARKS = re.compile("[" + re.escape("".join(FULLWIDTH_OF)) + "]")
_FW_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ]")


def _fw_alnum(ch: str) -> bool:
    """A full-width Latin letter or digit (Ａ–Ｚ, ａ–ｚ, ０–９)."""
    cp = ord(ch)
    return 0xFF10 <= cp <= 0xFF19 or 0xFF21 <= cp <= 0xFF3A or 0xFF41 <= cp <= 0xFF5A


def _fw_digit(ch: str) -> bool:
    return "０" <= ch <= "９"


def _number_mark(text: str, i: int) -> bool:
    """Whether the full-width mark ``text[i]`` belongs to the full-width number or Latin word
    around it, and so goes half width with it: ．－／ inside a run (５０．５, Ｗｉ－Ｆｉ,
    ０８７１－６３, １／２), ： between digits (１２：３０), ， between digits as a thousands
    separator (before exactly three digits: １，２３４, not the list １２，１５), ％ after
    digits, ＋ after a run or another such ＋ (Ｃ＋＋, ６＋) or before digits (＋８６).
    A ， or ： beside Chinese is punctuation of the sentence and stays."""
    ch, before = text[i], text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if ch in "．－／":
        return bool(before) and _fw_alnum(before) and bool(after) and _fw_alnum(after)
    if ch == "：":
        return bool(before) and _fw_digit(before) and bool(after) and _fw_digit(after)
    if ch == "，":
        group = text[i + 1:i + 5]
        return (bool(before) and _fw_digit(before) and len(group) >= 3 and all(map(_fw_digit, group[:3]))
                and (len(group) == 3 or not _fw_digit(group[3])))
    if ch == "％":
        return bool(before) and _fw_digit(before)
    if ch == "＋":
        joined = bool(before) and (_fw_alnum(before) or (before == "＋" and _number_mark(text, i - 1)))
        return joined or (bool(after) and _fw_digit(after))
    return False


def halfwidth_alnum(text: str) -> tuple[str, Counter[str]]:
    """Full-width Latin letters and digits (Ａ–Ｚ, ａ–ｚ, ０–９) → their ordinary forms:
    in horizontal text numbers and Latin are set in half-width forms (GB/T 15834—2011
    practice, GB/T 15835—2011 §5), so ０１２ reads as one number and breaks like one.
    The full-width marks of such a number or word go with it (``_number_mark``:
    ５０．５％ → 50.5%, １，２３４ → 1,234, Ｗｉ－Ｆｉ６ → Wi-Fi6).

    >>> halfwidth_alnum("ＡＢＣ１２３型，第０１２号")
    ('ABC123型，第012号', Counter({'full-width letters and digits → half width': 9}))
    >>> halfwidth_alnum("增长５０．５％，达１，２３４亿元")[0]
    '增长50.5%，达1,234亿元'
    """
    if _FW_ALNUM.search(text) is None:  # (each mark that changes has a full-width letter or digit beside it)
        return text, Counter()
    out = []
    changed = marks = 0
    for i, ch in enumerate(text):
        if _fw_alnum(ch):
            out.append(chr(ord(ch) - 0xFEE0))
            changed += 1
        elif ch in "．，－％＋／：" and _number_mark(text, i):
            out.append(chr(ord(ch) - 0xFEE0))
            marks += 1
        else:
            out.append(ch)
    counts: Counter[str] = Counter()
    if changed:
        counts["full-width letters and digits → half width"] = changed
    if marks:
        counts["full-width marks in numbers and Latin → half width"] = marks
    return "".join(out), counts


_DASHES = (("--", "——"), ("――", "——"), ("...", "……"), ("。。。", "……"))


def _in_chinese(text: str, start: int, end: int) -> bool:
    """Whether the span text[start:end] touches Chinese on either side."""
    return _chinese_side(_neighbour(text, start, -1)) or _chinese_side(_neighbour(text, end - 1, 1))


def fix_dashes(text: str) -> tuple[str, Counter[str]]:
    """In Chinese text, ``--`` and ``――`` → the 破折号 ——; ``...``, ``。。。`` and a lone
    … → the 省略号 …… (GB/T 15834 §4.14, §4.15). Latin text keeps its marks.

    >>> fix_dashes("他说--好...走…了, ok... a--b")[0]
    '他说——好……走……了, ok... a--b'
    """
    if "…" not in text and not any(old in text for old, _ in _DASHES):  # (most copy)
        return text, Counter()
    counts: Counter[str] = Counter()
    for old, new in _DASHES:
        start = text.find(old)
        while start >= 0:
            if _in_chinese(text, start, start + len(old)):
                text = text[:start] + new + text[start + len(old):]
                counts[f"{old} → {new}"] += 1
            start = text.find(old, start + 1)
    out = []
    for i, ch in enumerate(text):
        out.append(ch)
        if ch == "…" and text[i - 1:i] != "…" and text[i + 1:i + 2] != "…" and _in_chinese(text, i, i + 1):
            out.append("…")
            counts["… → ……"] += 1
    return "".join(out), counts


def smart_quotes(text: str) -> tuple[str, Counter[str]]:
    r"""Straight quotes touching Chinese → “ ” (outer) and ‘ ’ (inner), by nesting.

    >>> smart_quotes('他说"好的\'真的\'"。')[0]
    '他说“好的‘真的’”。'
    """
    if '"' not in text and "'" not in text:  # (most copy)
        return text, Counter()
    counts: Counter[str] = Counter()
    out = list(text)
    depth_double = depth_single = 0
    for i, ch in enumerate(text):
        if ch not in "\"'" or not (_chinese_side(_neighbour(text, i, -1)) or _chinese_side(_neighbour(text, i, 1))):
            continue
        if ch == '"':
            out[i] = "“" if depth_double % 2 == 0 else "”"
            depth_double += 1
        else:
            out[i] = "‘" if depth_single % 2 == 0 else "’"
            depth_single += 1
        counts[f"{ch} → {out[i]}"] += 1
    return "".join(out), counts


_PAIRS = {"（": "）", "《": "》", "“": "”", "‘": "’", "【": "】", "〔": "〕", "「": "」", "『": "』"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_MARKS = re.compile("[" + "".join(_PAIRS) + "".join(_CLOSERS) + "]")


def unbalanced(paragraphs: list[tuple[str, bool]]) -> list[str]:
    """Places where brackets, quotes or 《》 do not pair up, as short excerpts.

    ``paragraphs`` are (text, jumps) pairs; a mark left open at the end of a
    paragraph that jumps to another page, or of one whose next paragraph opens with
    the same quote (a quotation running over paragraphs), is not a fault; nor is a ’ after
    a Latin letter that closes no ‘ (an apostrophe: it’s, McDonald’s, players’).

    >>> unbalanced([("他说“好。", False), ("出台《全市", True), ("（甲）乙）", False)])
    ['“ not closed: …他说“好。', '） without （ : …（甲）乙）']
    """
    faults = []
    for k, (text, jumps) in enumerate(paragraphs):
        stack: list[tuple[str, int]] = []
        for found in _MARKS.finditer(text):  # (each opening or closing mark, in order)
            i, ch = found.start(), found.group()
            if ch in _PAIRS:
                stack.append((ch, i))
            elif ch == "’" and _apostrophe(text, i) and (
                    _latin_letter(text[i + 1:i + 2]) or not stack or stack[-1][0] != "‘"):
                continue  # an apostrophe (it’s, McDonald’s; players’ with no ‘ open), not a quotation's end
            elif ch in _CLOSERS:
                if stack and stack[-1][0] == _CLOSERS[ch]:
                    stack.pop()
                else:
                    faults.append(f"{ch} without {_CLOSERS[ch]} : …{text[max(0, i - 8):i + 1]}")
        following = paragraphs[k + 1][0][:1] if k + 1 < len(paragraphs) else ""
        for ch, i in stack:
            if jumps or ch == following:
                continue
            faults.append(f"{ch} not closed: …{text[max(0, i - 4):i + 8]}")
    return faults


_KEEP_CONTROLS = "\t\n\r"


def _in_emoji(text: str, i: int) -> bool:
    """Whether text[i] is a zero-width joiner between two pictographs (👨‍👩‍👧) or a tag
    character of an emoji flag (🏴 + tags): part of one emoji (UTS #51), kept."""
    ch, before, after = text[i], text[i - 1:i], text[i + 1:i + 2]
    if ch == "\u200d":
        return bool(before) and bool(after) and not is_space(after) and (
            unicodedata.category(before) == "So" or is_cluster_tail(before)) and unicodedata.category(after) == "So"
    tag = 0xE0020 <= ord(ch) <= 0xE007F
    return tag and bool(before) and (before == "\U0001F3F4" or 0xE0020 <= ord(before) <= 0xE007F)


def typed_soft(text: str, i: int) -> bool:
    """Whether text[i] is a soft hyphen (U+00AD) typed inside a word: between two letters or
    digits of a Latin word or number (Tele\u00adcom; not beside a space or an ideograph); a letter
    typed with a combining accent after it (e + U+0301, composed later) counts as a letter (review Z4)."""
    k = i - 1
    while k > 0 and unicodedata.combining(text[k]):
        k -= 1
    before, after = text[k:k + 1] if k >= 0 else "", text[i + 1:i + 2]
    return (text[i] == "\u00ad" and before.isalnum() and after.isalnum() and not is_cjk(before)
            and not is_cjk(after))


def sanitize(text: str, soft_hyphens: bool = False) -> tuple[str, Counter[str]]:
    """Characters that cannot be set: control and invisible format characters are
    removed (zero-width space, soft hyphen, byte-order mark, C0/C1 controls; the joiner
    and tags inside an emoji sequence stay), and the
    text is put in Unicode NFC (é typed as e + combining accent becomes é). Each kind
    of change is counted by code point. With ``soft_hyphens`` (text the body engine sets),
    a soft hyphen typed inside a word (between two letters or digits, ``typed_soft``) stays: the
    editor's break point (``wordbreak.typed_breaks``); one anywhere else is removed and counted.

    >>> sanitize("中\u200b文\x07e\u0301")
    ('中文é', Counter({'U+200B removed': 1, 'U+0007 removed': 1, 'NFC: 1 character composed': 1}))
    >>> sanitize("Tele\u00adcom\u00ad 中\u00ad文", soft_hyphens=True)
    ('Tele\xadcom 中文', Counter({'U+00AD removed': 2}))
    """
    counts: Counter[str] = Counter()
    kept = []
    if text.isprintable() or not any(unicodedata.category(ch) in ("Cc", "Cf") for ch in set(text)):  # (most copy)
        kept.append(text)
    else:
        for i, ch in enumerate(text):
            if unicodedata.category(ch) in ("Cc", "Cf") and ch not in _KEEP_CONTROLS and not _in_emoji(text, i) \
                    and not (soft_hyphens and typed_soft(text, i)):
                counts[f"U+{ord(ch):04X} removed"] += 1
            else:
                kept.append(ch)
    joined = "".join(kept)
    normal = joined if unicodedata.is_normalized("NFC", joined) else unicodedata.normalize("NFC", joined)
    if normal != joined:
        counts[f"NFC: {len(joined) - len(normal)} character composed"] += 1
    return normal, counts


def right_to_left(text: str) -> bool:
    """Whether the text has Hebrew or Arabic letters (set left to right here: reported)."""
    if _RTL_BLOCKS.search(text) is None:  # (most copy: no character of a right-to-left script's blocks)
        return False
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in set(text))


#: every character whose bidirectional class is R or AL is in one of these (tested against unicodedata)
_RTL_BLOCKS = re.compile("[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff"
                         "\U0001e800-\U0001efff]")


#: texts cleaned in this process, by (text, typography): the clean text and its changes (a live
#: preview cleans the whole issue again after each save; most texts did not change)
_CLEANED: dict[tuple[str, Typography, bool], tuple[str, Counter[str]]] = {}
_CLEANED_MAX = 20_000  # entries kept (then the table starts again)


def clean_text(text: str, typo: Typography, counts: Counter[str], soft_hyphens: bool = False) -> str:
    """One text through ``sanitize`` and the cleanings its typography asks for; changes added to
    ``counts``. ``soft_hyphens``: the text is body copy the text engine breaks (an article's body,
    a sidebar's or a brief's text), where a soft hyphen typed inside a word is kept as the
    editor's break point (``sanitize``); elsewhere (heads, captions, tables) it is removed and counted."""
    key = (text, typo, soft_hyphens)
    done = _CLEANED.get(key)
    if done is None:
        if len(_CLEANED) >= _CLEANED_MAX:
            _CLEANED.clear()
        changes: Counter[str] = Counter()
        done = _CLEANED[key] = (_clean(text, typo, changes, soft_hyphens), changes)
    if done[1]:
        counts.update(done[1])
    return done[0]


def _clean(text: str, typo: Typography, counts: Counter[str], soft_hyphens: bool = False) -> str:
    """``clean_text`` itself."""
    text, changed = sanitize(text, soft_hyphens)
    counts.update(changed)
    text, changed = halfwidth_alnum(text)
    counts.update(changed)
    if right_to_left(text):
        counts["right-to-left text set left to right (not supported)"] += 1
    steps = [(typo.fix_dashes, fix_dashes), (typo.smart_quotes, smart_quotes), (typo.fullwidth_punct, fullwidth_punct)]
    for wanted, step in steps:
        if wanted:
            text, changed = step(text)
            counts.update(changed)
    return text


def clean_issue(issue: Issue) -> tuple[Issue, Counter[str]]:
    """Clean every text of every page, each block by its type (``layout.blocks``; see module
    docstring); count and log the changes."""
    from layout.blocks import of  # the block modules use ``clean_text`` from here

    counts: Counter[str] = Counter()
    pages = []
    for page in issue.pages:
        blocks = tuple(of(b).clean(b, page.typography, counts, page.number) for b in page.blocks)
        pages.append(replace(page, blocks=blocks))
    for change, count in sorted(counts.items()):
        if change.startswith("right-to-left"):
            LOGGER.warning("copy: %s ×%d", change, count)
        else:
            LOGGER.info("copy change: %s ×%d", change, count)
    return replace(issue, pages=tuple(pages)), counts
