"""Chinese word segmentation for a few short texts, cheap to start: jieba's method over a
compact dictionary file read only where the texts need it.

In:  a short text (a headline, a caption, a paragraph of a 导读 box).
Out: ``cut(text)``: its words (jieba's dictionary words along the most probable route,
     runs of unknown single characters grouped by jieba's hidden Markov model, as names
     mostly are); ``tag(text)``: those words with the dictionary's part of speech
     (``nr`` a person's name; ``x``, ``m``, ``eng`` for words it lacks: no digit or
     Latin letter, digits only, other); ``search_spans(text)``: (start, end) of each
     word and of the dictionary words of two and three characters inside the longer
     ones (jieba's search mode).

The method is jieba's (and its Rust port jieba-rs, whose answers these match; see the
tests): a graph of every dictionary word starting at each character, the route of highest
summed log frequency through it, and a Viterbi pass of the four-state (begin, middle, end,
single) character model over each run of single characters that is not itself a word.

The data is jieba's (MIT licence; the ``jieba`` package): ``dict.txt`` (about 350 000
words with frequency and part of speech) and the model's start, transition and emission
log probabilities. ``build`` turns it once into ``jieba-<key>.dict`` beside the font
metrics (``$BANMIAN_CACHE``; about 6 MB; the key follows the package's files and this
format): a header (word total, start and transition tables), an index of first
characters, and per first character a block holding the character's emission
probabilities and its words, sorted. A lookup reads the blocks of the characters of the
text at hand (one seek each) and finds a word or a word's beginning with one ``find``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
import os
import re
import struct
from array import array
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

FORMAT = 1
MAGIC = b"BANMIAN-WORDS\n"
MIN_FLOAT = -3.14e100  # jieba's log probability of an emission the model lacks
STATES = "BMES"
META = "\x01"  # starts the lines of a block that are not words (never a word's first character)
PREVIOUS = {"B": "ES", "M": "MB", "E": "BM", "S": "SE"}  # the states that may come before each
#: Blocks of text the dictionary route applies to (ideographs, Latin letters, digits and the
#: signs jieba keeps inside a word); everything else is cut per character, blank runs whole.
HAN_BLOCK = re.compile("([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
                       "a-zA-Z0-9+#&._%\\-]+)")
BLANK = re.compile(r"(\r\n|\s)")
MODEL_HAN = re.compile("([\u4e00-\u9fd5]+)")  # runs the character model segments
MODEL_SKIP = re.compile(r"([a-zA-Z0-9]+(?:.\d+)?%?)")


DATA_FILES = ("dict.txt", "finalseg/prob_start.py", "finalseg/prob_trans.py", "finalseg/prob_emit.py",
              "posseg/char_state_tab.py", "posseg/prob_start.py", "posseg/prob_trans.py", "posseg/prob_emit.py")


def _source() -> Path:
    """The folder of the ``jieba`` package (found without importing it)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise RuntimeError("the jieba package (its word dictionary) is not installed: pip install jieba")
    return Path(spec.origin).parent


def _key(folder: Path) -> str:
    """The dictionary file's key: this format and the size and time of jieba's data files."""
    parts = [str(FORMAT)]
    for name in DATA_FILES:
        stat = (folder / name).stat()
        parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def _tables() -> tuple[dict, dict]:
    """jieba's two character models, as its package holds them: the word model's start,
    transition and emission tables, and the tagger's (with each character's states)."""
    from jieba import finalseg, posseg

    return ({"start": finalseg.start_P, "trans": finalseg.trans_P, "emit": finalseg.emit_P},
            {"start": posseg.start_P, "trans": posseg.trans_P, "emit": posseg.emit_P,
             "states": posseg.char_state_tab_P})


def _read_words(folder: Path) -> tuple[dict[str, tuple[int, str]], int]:
    """jieba's ``dict.txt``: each word's (frequency, part of speech), and the sum of the
    frequencies (later lines of a word win, as in jieba)."""
    entries: dict[str, tuple[int, str]] = {}
    total = 0
    with (folder / "dict.txt").open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) >= 2:
                entries[parts[0]] = (int(parts[1]), parts[2] if len(parts) > 2 else "")
                total += int(parts[1])
    return entries, total


def _blocks(entries: dict[str, tuple[int, str]], model: dict, tagger: dict) -> dict[str, str]:
    """Per first character, its block: three ``META`` lines (the word model's emission log
    probabilities in B M E S; the tagger's states of the character; its emissions there)
    and then its words as ``word<TAB>frequency<TAB>tag``, sorted (a word before the longer
    words it begins)."""
    words: dict[str, list[str]] = {}
    for word in sorted(entries):
        freq, tag = entries[word]
        words.setdefault(word[0], []).append(f"{word}\t{freq}\t{tag}")
    emitted: dict[str, list[str]] = {}
    for (state, pos), probs in sorted(tagger["emit"].items()):
        for ch, p in probs.items():
            emitted.setdefault(ch, []).append(f"{state}/{pos}={p!r}")
    emit, states = model["emit"], tagger["states"]
    chars = set(words) | set(emitted) | set(states) | {c for table in emit.values() for c in table}
    out = {}
    for ch in sorted(chars):
        meta = [" ".join(repr(emit[s][ch]) if ch in emit[s] else "" for s in STATES),
                " ".join(f"{state}/{pos}" for state, pos in states.get(ch, ())),
                " ".join(emitted.get(ch, ()))]
        out[ch] = "\n".join([*(META + line for line in meta), *words.get(ch, ())]) + "\n"
    return out


def build(folder: Path, dest: Path) -> None:
    """Write the compact dictionary file ``dest`` from jieba's data in ``folder``: the magic
    line, the header's length and the header (JSON: word total, character count, the word
    model's start and transition tables, the length of the tagger's tables), the tagger's
    start and transition tables (JSON), the index (the characters' code points, then the
    blocks' offsets, 32-bit), and the blocks (UTF-8)."""
    entries, total = _read_words(folder)
    model, tagger = _tables()
    blocks = _blocks(entries, model, tagger)
    data, offsets = bytearray(), array("I", [0])
    for block in blocks.values():
        data += block.encode("utf-8")
        offsets.append(len(data))
    tables = json.dumps({"start": {f"{s}/{p}": v for (s, p), v in tagger["start"].items()},
                         "trans": {f"{s}/{p}": {f"{s2}/{p2}": v for (s2, p2), v in row.items()}
                                   for (s, p), row in tagger["trans"].items()}}, sort_keys=True).encode()
    header = json.dumps({"total": total, "count": len(blocks), "tagger": len(tables),
                         "start": model["start"], "trans": model["trans"]}, sort_keys=True).encode()
    index = array("I", map(ord, blocks)).tobytes() + offsets.tobytes()
    dest.parent.mkdir(parents=True, exist_ok=True)
    temp = dest.with_name(f"{dest.name}.{os.getpid()}.tmp")
    try:
        temp.write_bytes(MAGIC + struct.pack("<I", len(header)) + header + tables + index + bytes(data))
        os.replace(temp, dest)
    except BaseException:  # a full disk, Ctrl-C: no half-written file stays behind
        temp.unlink(missing_ok=True)
        raise


def dictionary_path() -> Path:
    """Where the compact dictionary lives (built there on first use)."""
    folder = _source()
    cache = Path(os.environ.get("BANMIAN_CACHE", Path.home() / ".cache" / "banmian"))
    return cache / f"jieba-{_key(folder)}.dict"


class Dictionary:
    """The compact dictionary file, read block by block as characters are asked about,
    with words added in memory (the house word list)."""

    def __init__(self, path: Path) -> None:
        """Read the header and index of ``path``; ``ValueError`` if it is not a whole dictionary file."""
        self._fd = os.open(path, os.O_RDONLY)  # a descriptor kept open for the process (reads: os.pread)
        try:
            head = os.pread(self._fd, len(MAGIC) + 4, 0)
            if head[:len(MAGIC)] != MAGIC or len(head) < len(MAGIC) + 4:
                raise ValueError(f"{path}: not a Banmian word dictionary")
            (size,) = struct.unpack("<I", head[len(MAGIC):])
            header = json.loads(os.pread(self._fd, size, len(MAGIC) + 4))
            count = header["count"]
            self._tagger_at, self._tagger_size = len(MAGIC) + 4 + size, header["tagger"]
            at = self._tagger_at + self._tagger_size
            self._chars = array("I", os.pread(self._fd, 4 * count, at))
            self._offsets = array("I", os.pread(self._fd, 4 * (count + 1), at + 4 * count))
            self._base = at + 8 * count + 4
            if len(self._offsets) != count + 1 or os.fstat(self._fd).st_size != self._base + self._offsets[-1]:
                raise ValueError(f"{path}: incomplete word dictionary")
        except (ValueError, KeyError, struct.error):
            os.close(self._fd)
            raise
        self.total: int = header["total"]
        self.start: dict[str, float] = header["start"]
        self.trans: dict[str, dict[str, float]] = header["trans"]
        self._tagger: dict[str, dict] | None = None
        self._blocks: dict[str, str] = {}
        self._added: dict[str, tuple[int, str]] = {}
        self._added_prefixes: set[str] = set()

    def _block(self, ch: str) -> str:
        """The block of words beginning with ``ch`` (its first line: the emission probabilities)."""
        block = self._blocks.get(ch)
        if block is None:
            from bisect import bisect_left

            k = bisect_left(self._chars, ord(ch))
            block = "\n"
            if k < len(self._chars) and self._chars[k] == ord(ch):
                size = self._offsets[k + 1] - self._offsets[k]
                block = os.pread(self._fd, size, self._base + self._offsets[k]).decode("utf-8")
            self._blocks[ch] = block
        return block

    def lookup(self, frag: str) -> tuple[bool, tuple[int, str] | None]:
        """Whether some word begins with ``frag``, and (frequency, tag) if it is a word."""
        added = self._added.get(frag)
        block = self._block(frag[0])
        at = block.find("\n" + frag)
        if at < 0:
            return frag in self._added_prefixes, added
        if added is not None:
            return True, added
        end = at + 1 + len(frag)
        if block[end] != "\t":
            return True, None
        _, freq, tag = block[at + 1:block.index("\n", end)].split("\t")
        return True, (int(freq), tag)

    def emission(self, ch: str) -> tuple[float, ...]:
        """The log probabilities of ``ch`` in the states B, M, E, S."""
        first = self._meta(ch, 0).split(" ")
        return tuple(float(p) if p else MIN_FLOAT for p in first) if len(first) == 4 else (MIN_FLOAT,) * 4

    def _meta(self, ch: str, k: int) -> str:
        """Line ``k`` of the block of ``ch`` before its words (0: emissions of the word model,
        1: the tagger's states of the character, 2: their emissions), or ''."""
        lines = self._block(ch).split("\n", 3)
        return lines[k][1:] if len(lines) > k and lines[k].startswith(META) else ""

    def tag_states(self, ch: str) -> tuple[list[str], dict[str, float]]:
        """The tagger's states (position/part of speech) ``ch`` may take, and its emission
        log probabilities in each state the model has for it."""
        emits = {}
        for item in self._meta(ch, 2).split(" "):
            if item:
                state, p = item.split("=")
                emits[state] = float(p)
        return [x for x in self._meta(ch, 1).split(" ") if x], emits

    def tagger(self) -> dict[str, dict]:
        """The tagger's start and transition log probabilities (read on first use)."""
        if self._tagger is None:
            self._tagger = json.loads(os.pread(self._fd, self._tagger_size, self._tagger_at))
        return self._tagger

    def add_word(self, word: str) -> None:
        """Add ``word`` with the frequency that makes it one word (jieba's suggested frequency)."""
        logtotal = math.log(self.total)
        logfreq = 0.0
        for part in cut(self, word, hmm=False):
            entry = self.lookup(part)[1]
            logfreq += math.log(entry[0] if entry else 1) - logtotal
        old = self.lookup(word)[1]
        freq = max(int(math.exp(logfreq + logtotal)) + 1, old[0] if old else 1)
        self._added[word] = (freq, "")
        self._added_prefixes.update(word[:k] for k in range(1, len(word) + 1))
        self.total += freq - (old[0] if old else 0)


@lru_cache(maxsize=1)
def dictionary(extra: tuple[str, ...] = ()) -> Dictionary:
    """The compact dictionary (built on first use) with the words ``extra`` added in order."""
    path = dictionary_path()
    try:
        found = Dictionary(path)
    except (OSError, ValueError):  # not built yet, or damaged: (re)build it
        build(_source(), path)
        found = Dictionary(path)
    for word in extra:
        found.add_word(word)
    return found


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
        n = len(word)
        for size in (2, 3):
            if n > size:
                spans.extend((start + i, start + i + size) for i in range(n - size + 1)
                             if d.lookup(word[i:i + size])[1] is not None)
        spans.append((start, start + n))
        start += n
    return spans
