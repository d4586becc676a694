"""Chinese word segmentation for a few short texts, cheap to start: jieba's method over a
compact dictionary file read only where the texts need it.

In:  a short text (a headline, a caption, a paragraph of a 导读 box).
Out: ``cut(d, text)``: its words (jieba's dictionary words along the most probable route,
     runs of unknown single characters grouped by jieba's hidden Markov model, as names
     mostly are); ``tag(d, words)``: those words with their part of speech (``nr`` a
     person's name): the dictionary's, for an ideograph word it lacks the tagger model's,
     else ``x``, ``m`` or ``eng``); ``search_spans(d, words)``: (start, end) of each
     word and of the dictionary words of two and three characters inside the longer
     ones (jieba's search mode); ``parts(d, words)``: the words' boundaries and the
     points of each word's most probable reading as shorter words (中华|人民|共和国).

The method is jieba's (and its Rust port jieba-rs, whose answers these match; see the
tests): a graph of every dictionary word starting at each character, the route of highest
summed log frequency through it, and a Viterbi pass of the four-state (begin, middle, end,
single) character model over each run of single characters that is not itself a word.

The dictionary and the models' numbers come from ``layout.flow.lexicon`` (jieba's data,
read only for the characters of the texts at hand). ``d`` below is its ``Dictionary``.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator

from layout.flow.lexicon import MIN_FLOAT, STATES, Dictionary, dictionary

__all__ = ["Dictionary", "cut", "dictionary", "parts", "search_spans", "tag"]

PREVIOUS = {"B": "ES", "M": "MB", "E": "BM", "S": "SE"}  # the states that may come before each
#: Blocks of text the dictionary route applies to (ideographs, Latin letters, digits and the
#: signs jieba keeps inside a word); everything else is cut per character, blank runs whole.
HAN_BLOCK = re.compile("([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
                       "a-zA-Z0-9+#&._%\\-]+)")
BLANK = re.compile(r"(\r\n|\s)")
MODEL_HAN = re.compile("([\u4e00-\u9fd5]+)")  # runs the character model segments
MODEL_SKIP = re.compile(r"([a-zA-Z0-9]+(?:.\d+)?%?)")


def _route(d: Dictionary, text: str) -> list[int]:
    """For each position, the end of the word the most probable route takes from there."""
    n = len(text)
    logtotal = math.log(d.total)
    best = [0.0] * (n + 1)
    ends = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        edges: list[tuple[int, int]] = []
        for j in range(i + 1, n + 1):
            prefix, entry = d.lookup(text[i:j])
            if not prefix:
                break
            if entry is not None:
                edges.append((j, entry[0]))
        if not edges:
            edges = [(i + 1, 1)]
        score, end = -math.inf, i + 1
        for j, freq in edges:
            value = math.log(freq) - logtotal + best[j]
            if value >= score:
                score, end = value, j
        best[i], ends[i] = score, end
    return ends


def _viterbi(d: Dictionary, text: str) -> Iterator[str]:
    """Words of a run of ideographs by the character model."""
    emits = [d.emission(ch) for ch in text]
    v = [{s: d.start[s] + emits[0][k] for k, s in enumerate(STATES)}]
    back: list[dict[str, str]] = []
    for t in range(1, len(text)):
        row, came = {}, {}
        for k, s in enumerate(STATES):
            score, state = -math.inf, ""
            for p in PREVIOUS[s]:
                value = v[t - 1][p] + d.trans[p].get(s, MIN_FLOAT) + emits[t][k]
                if value >= score:
                    score, state = value, p
            row[s], came[s] = score, state
        v.append(row)
        back.append(came)
    state = "S" if v[-1]["S"] >= v[-1]["E"] else "E"
    path = [state]
    for came in reversed(back):
        state = came[state]
        path.append(state)
    path.reverse()
    start = following = 0
    for i, s in enumerate(path):
        if s == "B":
            start = i
        elif s == "E":
            yield text[start:i + 1]
            following = i + 1
        elif s == "S":
            yield text[i]
            following = i + 1
    if following < len(text):
        yield text[following:]


def _model_cut(d: Dictionary, text: str) -> Iterator[str]:
    """Words of a run of characters no dictionary word covers, by the character model."""
    for k, part in enumerate(MODEL_HAN.split(text)):
        if not part:
            continue
        if k % 2:
            yield from _viterbi(d, part)
        else:
            yield from (x for x in MODEL_SKIP.split(part) if x)


def _route_cut(d: Dictionary, text: str, hmm: bool) -> Iterator[str]:
    """Words of one block along the most probable route (single characters between words
    regrouped by the character model, or runs of Latin letters and digits joined, without it)."""
    ends = _route(d, text)
    i, left = 0, -1
    while i < len(text):
        j = ends[i]
        single = j - i == 1 and (hmm or (text[i].isascii() and text[i].isalnum()))
        if single:
            left = i if left < 0 else left
        else:
            if left >= 0:
                yield from _flush(d, text[left:i], hmm)
                left = -1
            yield text[i:j]
        i = j
    if left >= 0:
        yield from _flush(d, text[left:], hmm)


def _flush(d: Dictionary, run: str, hmm: bool) -> Iterator[str]:
    """A run of single characters: one word, the model's words, or its characters."""
    if not hmm or len(run) == 1:
        yield run
    elif d.lookup(run)[1] is None:
        yield from _model_cut(d, run)
    else:
        yield from run


def cut(d: Dictionary, text: str, hmm: bool = True) -> list[str]:
    """The words of ``text`` (jieba's default mode)."""
    out: list[str] = []
    for k, block in enumerate(HAN_BLOCK.split(text)):
        if not block:
            continue
        if k % 2:
            out.extend(_route_cut(d, block, hmm))
        else:
            for piece in BLANK.split(block):
                if piece:
                    out.extend([piece] if BLANK.fullmatch(piece) else list(piece))
    return out


def _guess_tag(d: Dictionary, word: str) -> str:
    """The part of speech of an ideograph word the dictionary lacks, by jieba's joint
    position and part-of-speech character model: the tag of the state at the last character
    that ends a word (E), else at the last character."""
    model = d.tagger()
    start, trans = model["start"], model["trans"]
    every = list(trans)
    states, emits = d.tag_states(word[0])
    v = [{y: start[y] + emits.get(y, MIN_FLOAT) for y in (states or every)}]
    back: list[dict[str, str]] = [{}]
    for ch in word[1:]:
        before = [x for x in v[-1] if trans[x]]
        expected = {y for x in before for y in trans[x]}
        states, emits = d.tag_states(ch)
        here = (set(states) & expected) or expected or set(every)
        row, came = {}, {}
        for y in sorted(here):
            score, state = -math.inf, ""
            for x in before:
                value = v[-1][x] + trans[x].get(y, -math.inf) + emits.get(y, MIN_FLOAT)
                if (value, x) > (score, state):
                    score, state = value, x
            row[y], came[y] = score, state
        v.append(row)
        back.append(came)
    finals = [(p, y) for y, p in v[-1].items() if y[0] in "ES"] or [(p, y) for y, p in v[-1].items()]
    state = max(finals)[1]
    path = [state]
    for came in reversed(back[1:]):
        state = came[state]
        path.append(state)
    ends = [y for y in path if y[0] == "E"]  # path is last character first
    return (ends[0] if ends else path[0]).split("/", 1)[1]


def tag(d: Dictionary, words: list[str]) -> list[tuple[str, str]]:
    """Each word with its part of speech: the dictionary's; for an ideograph word it lacks,
    the character model's (``_guess_tag``); else ``x`` (no ASCII letter or digit), ``m``
    (ASCII digits only) or ``eng``."""
    out = []
    for word in words:
        entry = d.lookup(word)[1]
        if entry is None and MODEL_HAN.fullmatch(word):
            out.append((word, _guess_tag(d, word)))
        elif entry is None:
            latin = sum(ch.isascii() and ch.isalnum() for ch in word)
            digits = sum(ch.isascii() and ch.isdigit() for ch in word)
            out.append((word, "x" if latin == 0 else "m" if latin == digits else "eng"))
        else:
            out.append((word, entry[1]))
    return out


def search_spans(d: Dictionary, words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each word and of the dictionary words of two and three characters
    inside words longer than them (jieba's search mode)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for word in words:
        spans.extend((start + a, start + b) for a, b in _inner(d, word))
        spans.append((start, start + len(word)))
        start += len(word)
    return spans


#: The least frequency at which a dictionary word of four characters counts as a part of a longer word: jieba's
#: dictionary holds truncated pieces of longer names and sayings at 2–3 (宾夕法尼, 大百科全, 退而求其).
FOUR_FLOOR = 5


def parts(d: Dictionary, words: list[str], suffixes: str = "") -> frozenset[int]:
    """The boundaries of ``words`` and the points inside each word where it parts into its inner words (the
    dictionary's words of two to four characters inside it), by ``_reading``; a word's last character among
    ``suffixes`` (市, 州, 区 …) is no character left alone. 中华人民共和国: 中华|人民|共和国, not 中|华 (华人
    overlaps 中华) nor 共和|国; 人民|代表|大会; 东湖|新|技术|开发区; 普洱|茶; 上海市|政府; 张家港|市;
    苏格拉底 whole."""
    out: set[int] = set()
    start = 0
    for word in words:
        out.update(start + p for p in _reading(d, word, suffixes))
        out.update((start, start + len(word)))
        start += len(word)
    return frozenset(out)


def _reading(d: Dictionary, word: str, suffixes: str = "") -> set[int]:
    """The points inside ``word`` where it parts: the dictionary's most probable reading of it as inner words and
    single characters that takes the fewest single characters (at most one in four, or one: else none), as
    ``_route`` reads a text; each point between two of its pieces, one an inner word, and each point where one of
    its inner words, not a name, parts into two inner words (代表大会 at 代表|大会)."""
    n, inner = len(word), _inner(d, word, (2, 3, 4))
    if not inner:
        return set()
    logtotal = math.log(d.total)
    edges: dict[int, list[tuple[int, float, int]]] = {}  # start: (end, -log probability, single characters)
    for (a, b), (freq, _) in inner.items():
        edges.setdefault(a, []).append((b, logtotal - math.log(freq), 0))
    for i in range(n):
        entry = d.lookup(word[i])[1]
        alone = 0 if i == n - 1 and word[i] in suffixes else 1
        edges.setdefault(i, []).append((i + 1, logtotal - math.log(entry[0] if entry else 1), alone))
    best: list[tuple[int, float]] = [(0, 0.0)] * (n + 1)
    ends = [0] * (n + 1)
    for i in range(n - 1, -1, -1):  # (fewest single characters, then the most probable)
        best[i], ends[i] = min(((single + best[j][0], cost + best[j][1]), j) for j, cost, single in edges[i])
    if best[0][0] > max(1, n // 4):
        return set()
    pieces, i = [], 0
    while i < n:
        pieces.append((i, ends[i]))
        i = ends[i]
    out = {b for (a, b), nxt in itertools.pairwise(pieces) if (a, b) in inner or nxt in inner}
    out.update(p for a, b in pieces if (a, b) in inner and inner[a, b][1][:2] not in NAMES
               for p in range(a + 1, b) if (a, p) in inner and (p, b) in inner)
    return out


#: The dictionary's tags of names (of a person, place, body or other): a name in a word's reading does not part
#: (维多利亚 not as 维多|利亚, where 代表大会 parts as 代表|大会).
NAMES = ("nr", "ns", "nt", "nz")


def _inner(d: Dictionary, word: str, sizes: tuple[int, ...] = (2, 3)) -> dict[tuple[int, int], tuple[int, str]]:
    """(start, end) in ``word`` of the dictionary words of ``sizes`` characters inside it, when it is longer (one of
    four characters only from ``FOUR_FLOOR``), each with its dictionary entry (frequency, tag)."""
    out = {}
    for size in sizes:
        for i in range(len(word) - size + 1 if len(word) > size else 0):
            entry = d.lookup(word[i:i + size])[1]
            if entry is not None and (size < 4 or entry[0] >= FOUR_FLOOR):
                out[i, i + size] = entry
    return out
