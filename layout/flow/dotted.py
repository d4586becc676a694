"""Foreign names joined by 间隔号 in display type: where a headline may break inside one.

In:  a display text, its words as the dictionary cut and tagged them ((length, part of speech), from
     ``layout.flow.words``) and how often the dictionary lists a word (None: not at all).
Out: ``name_breaks``: the positions (a break before ``text[i]``) inside such a name, where a headline is to
     break only where no break between words fits (``words.Fit.SUB``).

Why: a transliterated name's parts are mostly no words of the dictionary, which cuts them where it likes
(马克龙·埃马纽埃尔 as 马克|龙·埃马|纽埃|尔), so a headline broke 马克龙·埃马 / 纽埃尔抵达北京 (an audit of new
copy). A part between two interpuncts of at most ``NAME_PART`` ideographs is kept whole so, as body text keeps
it (拉赫曼 of 阿卜杜勒·拉赫曼·本·阿卜杜拉, GB/T 15834-2011 4.15); a name longer than the line breaks once,
inside one of its parts, not twice (the interpunct neither starts nor ends a line). From each interpunct
outwards, past the word that touches it, the pieces the dictionary cut from the name (``_piece``) are joined
so too. A word of another kind or one the dictionary knows well ends the name (…埃马纽埃尔 / 抵达, 马克龙 /
昆明, 托尔斯泰 / 莫斯科, 库里 / 金州勇士): without knowing every name, a break there stays a break between words,
and one inside a long stretch between two interpuncts (会见普京) is no part of a name.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from layout.text.candidates import NAME_PART
from layout.text.script import is_ideograph

DOTS = "·・‧"  # 间隔号, and the forms copy types it in
NAME_TAGS = ("nr", "ns", "nz")  # the dictionary's tags of names: a person's (nr, nrt, nrfg), a place's, another's
FRAGMENT = 100  # a two-character place or other name the dictionary lists less often than this is a piece of a
# transliterated name it cut (纽埃 31 of 埃马纽埃尔), not a word of its own (昆明 1 419, 米兰 607, 普京 171)

Span = tuple[int, int, str]  # a tagged word: start, end, part of speech


def name_breaks(text: str, tagged: tuple[tuple[int, str], ...], frequency: Callable[[str], int | None]) -> set[int]:
    """The positions inside a name part between two interpuncts and between the pieces of a name the dictionary
    cut next to an interpunct (module docstring)."""
    spans: list[Span] = []
    pos = 0
    for length, tag in tagged:
        spans.append((pos, pos + length, tag))
        pos += length
    dots = [k for k, (a, b, _) in enumerate(spans) if text[a:b] in DOTS]
    joined: set[int] = set()
    for first, last in pairwise(dots):  # a middle part
        a, b = spans[first][1], spans[last][0]
        if 0 < b - a <= NAME_PART and all(map(is_ideograph, text[a:b])):
            joined.update(range(a + 1, b))
    def piece(j: int, after: int) -> str:  # (``after``: the word between it and the interpunct)
        if not 0 <= j < len(spans) or j in dots:
            return "end" if not 0 <= j < len(spans) else ""
        return _piece(text, spans[j], spans[after][2], frequency)

    for k in dots:
        for step in (-1, 1):
            j = k + 2 * step  # (past the word that touches the interpunct)
            while (kind := piece(j, j - step)) in ("name", "rare") and (kind == "name" or piece(j + step, j)):
                joined.add(spans[j][0] if step > 0 else spans[j][1])  # (between it and the name; a rare place name
                j += step  # ends no name, 库里 / 金州勇士, though 纽埃 of 埃马|纽埃|尔 does)
    return joined


def _piece(text: str, span: Span, after: str, frequency: Callable[[str], int | None]) -> str:
    """What a tagged word is as a piece of a transliterated name the dictionary cut (module docstring), ``after``
    the tag of the word next to it on the interpunct's side: "name" (a single ideograph tagged a name or not
    known, or a noun after a piece of a person's name, 龙 of 马克|龙; two tagged a person's name, or another name
    the dictionary lacks, 埃马), "rare" (two tagged another name that the dictionary hardly lists: a piece only
    where more of the name follows, 纽埃 of 埃马|纽埃|尔, not 金州 of 库里金州勇士), or "" (no piece of a name)."""
    start, end, tag = span
    word = text[start:end]
    if not all(map(is_ideograph, word)) or len(word) > 2:
        return ""
    if len(word) == 1:  # (not a noun the dictionary cut from a word of its own: 步 of 滇池步道)
        return "name" if tag.startswith("nr") or tag == "x" or (tag == "n" and after.startswith("nr")) else ""
    if tag.startswith("nr"):  # (马克 of 马克|龙)
        return "name"
    if not tag.startswith(NAME_TAGS):
        return ""
    known = frequency(word)
    return "name" if known is None else "rare" if known < FRAGMENT else ""  # (埃马: none the dictionary has)
