"""The compact word dictionary that ``layout.flow.segment`` reads: built once from jieba's
data, read block by block.

In:  jieba's data (the ``jieba`` package, MIT licence): ``dict.txt`` (about 350 000 words
     with frequency and part of speech), the word model's start, transition and emission
     log probabilities, and the tagger's (joint position and part of speech).
Out: ``dictionary()``: a ``Dictionary`` over ``jieba-<key>.dict`` beside the font metrics
     (``$BANMIAN_CACHE``; about 8.5 MB; built on first use or by ``banmian fonts``, about 0.65 s; the key follows the
     package's files and this format): ``lookup(fragment)`` says whether a word begins with
     the fragment and the word's frequency and tag; ``emission``, ``tag_states`` and
     ``tagger`` give the models' numbers. Only the blocks of the characters asked about are
     read (one ``os.pread`` each), and a word or a word's beginning is one ``find`` in a block.

Damage (a disk error, a copy cut short) is caught before a byte is used: the header and
the index carry a CRC-32 of their own, every block and the tagger's tables one each, checked
as they are read (a whole-file hash would read all 8.5 MB for the few blocks a page needs).
A damaged file, or one another user owns or could write, is built again, also in the middle
of a run (the blocks already read are the same in the new file).
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import struct
import threading
import zlib
from array import array
from functools import lru_cache
from pathlib import Path

from layout import digests, sealed
from layout.errors import EXIT_FONT, BanmianError

FORMAT = 2  # 2: CRC-32 of the header, index, tables and each block
MAGIC = b"BANMIAN-WORDS\n"
MIN_FLOAT = -3.14e100  # jieba's log probability of an emission the model lacks
STATES = "BMES"
META = "\x01"  # starts the lines of a block that are not words (never a word's first character)


DATA_FILES = ("dict.txt", "finalseg/prob_start.py", "finalseg/prob_trans.py", "finalseg/prob_emit.py",
              "posseg/char_state_tab.py", "posseg/prob_start.py", "posseg/prob_trans.py", "posseg/prob_emit.py")


class DictionaryError(BanmianError):
    """The word dictionary cannot be had (jieba missing or unreadable)."""

    exit_code = EXIT_FONT  # a resource of the installation, as a font is


def _source() -> Path:
    """The folder of the ``jieba`` package (found without importing it)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise DictionaryError("display type breaks between words from jieba's dictionary, and the jieba "
                              "package is not installed: run install.sh, or pip install jieba")
    return Path(spec.origin).parent


def _key(folder: Path) -> str:
    """The dictionary file's key: this format and the size and time of jieba's data files."""
    parts = [str(FORMAT)]
    for name in DATA_FILES:
        stat = (folder / name).stat()
        parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return digests.sha1("|".join(parts).encode()).hexdigest()[:12]


def _table(folder: Path, name: str) -> dict:
    """The table ``P`` of one of jieba's model modules, run from its file (importing the
    ``jieba.posseg`` package would first read the whole dictionary, about 0.5 s)."""
    spec = importlib.util.spec_from_file_location(f"_banmian_jieba_{name.replace('/', '_')}", folder / f"{name}.py")
    if spec is None or spec.loader is None:
        raise DictionaryError(f"jieba's {name}.py cannot be read")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table: dict = module.P
    return table


def _tables(folder: Path) -> tuple[dict, dict]:
    """jieba's two character models: the word model's start, transition and emission
    tables, and the tagger's (with each character's states)."""
    return ({key: _table(folder, f"finalseg/prob_{key}") for key in ("start", "trans", "emit")},
            {"states": _table(folder, "posseg/char_state_tab"),
             **{key: _table(folder, f"posseg/prob_{key}") for key in ("start", "trans", "emit")}})


def _read_words(folder: Path) -> tuple[list[str], int]:
    """jieba's ``dict.txt`` as lines ``word<TAB>frequency<TAB>tag`` sorted by word (a word
    before the longer words it begins: no word holds a character below the space), and the
    sum of the frequencies. A word listed twice keeps one line (jieba 0.42.1 lists one word,
    B超, twice, the same both times)."""
    lines = (folder / "dict.txt").read_text(encoding="utf-8").split("\n")
    total = 0
    for k, line in enumerate(lines):
        parts = line.split()
        total += int(parts[1]) if len(parts) >= 2 else 0
        lines[k] = "\t".join(parts[:3]) + "\t" * (3 - len(parts)) if len(parts) >= 2 else ""
    lines.sort()
    return [line for k, line in enumerate(lines) if line and not (
        k + 1 < len(lines) and lines[k + 1].startswith(line.split("\t", 1)[0] + "\t"))], total


def _meta(ch: str, model: dict, tagger: dict, emitted: dict[str, list[str]]) -> str:
    """The three ``META`` lines of the block of ``ch``: the word model's emission log
    probabilities in B M E S, the tagger's states of the character, its emissions there."""
    emit = model["emit"]
    meta = [" ".join(repr(emit[s][ch]) if ch in emit[s] else "" for s in STATES),
            " ".join(f"{state}/{pos}" for state, pos in tagger["states"].get(ch, ())),
            " ".join(emitted.get(ch, ()))]
    return "".join(f"{META}{line}\n" for line in meta)


def _blocks(lines: list[str], model: dict, tagger: dict) -> tuple[list[str], bytearray, array]:
    """The characters that have a block, in code point order; their blocks, as one run of
    UTF-8 bytes; and the offsets of the blocks' ends (after a leading 0). A block is its three ``META`` lines
    and then the words beginning with its character, sorted, one line each."""
    emitted: dict[str, list[str]] = {}
    for (state, pos), probs in sorted(tagger["emit"].items()):
        for ch, p in probs.items():
            emitted.setdefault(ch, []).append(f"{state}/{pos}={p!r}")
    spans: dict[str, list[int]] = {}
    for k, line in enumerate(lines):
        spans.setdefault(line[0], [k, k])[1] = k + 1
    chars = sorted(set(spans) | set(emitted) | set(tagger["states"])
                   | {c for table in model["emit"].values() for c in table})
    data, offsets = bytearray(), array("I", [0])
    for ch in chars:
        first, last = spans.get(ch, (0, 0))
        data += (_meta(ch, model, tagger, emitted) + "".join(f"{line}\n" for line in lines[first:last])).encode()
        offsets.append(len(data))
    return chars, data, offsets


def build(folder: Path, dest: Path) -> None:
    """Write the compact dictionary file ``dest`` from jieba's data in ``folder``: the magic
    line, the header's length and CRC-32, the header (JSON: word total, character count, the
    word model's start and transition tables, the length and CRC-32 of the tagger's tables and
    of the index), the tagger's start and transition tables (JSON), the index (the characters'
    code points, the blocks' offsets, the blocks' CRC-32s; 32-bit each), and the blocks (UTF-8)."""
    lines, total = _read_words(folder)
    model, tagger = _tables(folder)
    chars, data, offsets = _blocks(lines, model, tagger)
    del lines
    tables = json.dumps({"start": {f"{s}/{p}": v for (s, p), v in tagger["start"].items()},
                         "trans": {f"{s}/{p}": {f"{s2}/{p2}": v for (s2, p2), v in row.items()}
                                   for (s, p), row in tagger["trans"].items()}}, sort_keys=True).encode()
    crcs = array("I", (zlib.crc32(data[offsets[k]:offsets[k + 1]]) for k in range(len(chars))))
    index = array("I", map(ord, chars)).tobytes() + offsets.tobytes() + crcs.tobytes()
    header = json.dumps({"total": total, "count": len(chars), "tagger": len(tables),
                         "tagger_crc": zlib.crc32(tables), "index_crc": zlib.crc32(index),
                         "start": model["start"], "trans": model["trans"]}, sort_keys=True).encode()
    dest.parent.mkdir(parents=True, exist_ok=True)
    temp = dest.with_name(f"{dest.name}.{os.getpid()}-{threading.get_ident()}.tmp")  # (no thread shares it)
    try:
        temp.write_bytes(MAGIC + struct.pack("<II", len(header), zlib.crc32(header)) + header + tables + index
                         + bytes(data))
        os.chmod(temp, 0o644)  # readable by all, writable by its owner only, whatever the umask (002 is common)
        os.replace(temp, dest)
    except BaseException:  # a full disk, Ctrl-C: no half-written file stays behind
        temp.unlink(missing_ok=True)
        raise


def dictionary_path() -> Path:
    """Where the compact dictionary lives (built there on first use)."""
    folder = _source()
    return sealed.folder() / f"jieba-{_key(folder)}.dict"  # (not a sealed file: it checks itself)


class Dictionary:
    """The compact dictionary file, read block by block as characters are asked about,
    with words added in memory (the house word list)."""

    def __init__(self, path: Path) -> None:
        """Read the header and index of ``path``; ``ValueError`` if it is not a whole, undamaged
        dictionary file of this format that belongs to the user."""
        self._path = path
        header = self._read_index(path)
        self.total: int = header["total"]
        self.start: dict[str, float] = header["start"]
        self.trans: dict[str, dict[str, float]] = header["trans"]
        self._tagger: dict[str, dict] | None = None
        self._blocks: dict[str, str] = {}
        self._added: dict[str, tuple[int, str]] = {}
        self._added_prefixes: set[str] = set()

    def _read_index(self, path: Path) -> dict:
        """Open ``path`` and read its header and index (checked); the header."""
        self._fd = os.open(path, os.O_RDONLY)  # a descriptor kept open for the process (reads: os.pread)
        try:
            info = os.fstat(self._fd)
            if os.name == "posix" and (info.st_uid != os.getuid() or info.st_mode & 0o022):
                raise ValueError(f"{path}: not the user's own file")
            head = os.pread(self._fd, len(MAGIC) + 8, 0)
            if head[:len(MAGIC)] != MAGIC or len(head) < len(MAGIC) + 8:
                raise ValueError(f"{path}: not a Banmian word dictionary of this format")
            size, crc = struct.unpack("<II", head[len(MAGIC):])
            raw = os.pread(self._fd, size, len(MAGIC) + 8)
            if zlib.crc32(raw) != crc:
                raise ValueError(f"{path}: damaged header")
            header: dict = json.loads(raw)
            count = header["count"]
            self._tagger_at, self._tagger_size = len(MAGIC) + 8 + size, header["tagger"]
            self._tagger_crc = header["tagger_crc"]
            at = self._tagger_at + self._tagger_size
            index = os.pread(self._fd, 12 * count + 4, at)
            if zlib.crc32(index) != header["index_crc"]:
                raise ValueError(f"{path}: damaged index")
            self._chars = array("I", index[:4 * count])
            self._offsets = array("I", index[4 * count:8 * count + 4])
            self._crcs = array("I", index[8 * count + 4:])
            self._base = at + len(index)
            if info.st_size != self._base + self._offsets[-1]:
                raise ValueError(f"{path}: incomplete word dictionary")
        except (ValueError, KeyError, TypeError, struct.error):
            os.close(self._fd)
            raise
        return header

    def _read(self, size: int, at: int, crc: int) -> bytes:
        """``size`` bytes at ``at`` whose CRC-32 must be ``crc``; a damaged file is built again
        first (``DictionaryError`` if the new one fails too)."""
        data = os.pread(self._fd, size, at)
        if zlib.crc32(data) == crc:
            return data
        old = self._fd
        fresh = _build_and_open(self._path)
        self._fd, self._chars, self._offsets, self._crcs = fresh._fd, fresh._chars, fresh._offsets, fresh._crcs
        self._base, self._tagger_at, self._tagger_size = fresh._base, fresh._tagger_at, fresh._tagger_size
        self._tagger_crc = fresh._tagger_crc
        os.close(old)
        data = os.pread(self._fd, size, at)
        if zlib.crc32(data) != crc:
            raise DictionaryError(f"the word dictionary {self._path} is damaged and could not be built again")
        return data

    def close(self) -> None:
        """Close the file (a dictionary kept for the process is never closed)."""
        os.close(self._fd)

    def _block(self, ch: str) -> str:
        """The block of words beginning with ``ch`` (its first line: the emission probabilities)."""
        block = self._blocks.get(ch)
        if block is None:
            from bisect import bisect_left

            k = bisect_left(self._chars, ord(ch))
            block = "\n"
            if k < len(self._chars) and self._chars[k] == ord(ch):
                size = self._offsets[k + 1] - self._offsets[k]
                block = self._read(size, self._base + self._offsets[k], self._crcs[k]).decode("utf-8")
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
            self._tagger = json.loads(self._read(self._tagger_size, self._tagger_at, self._tagger_crc))
        return self._tagger

    def add_word(self, word: str) -> None:
        """Add ``word`` with the frequency that makes it one word (jieba's suggested frequency)."""
        logtotal = math.log(self.total)
        logfreq = 0.0
        from layout.flow.segment import cut

        for part in cut(self, word, hmm=False):
            entry = self.lookup(part)[1]
            logfreq += math.log(entry[0] if entry else 1) - logtotal
        old = self.lookup(word)[1]
        freq = max(int(math.exp(logfreq + logtotal)) + 1, old[0] if old else 1)
        self._added[word] = (freq, "")
        self._added_prefixes.update(word[:k] for k in range(1, len(word) + 1))
        self.total += freq - (old[0] if old else 0)


def _open() -> Dictionary:
    """The compact dictionary, built first if it is missing or damaged."""
    path = dictionary_path()
    try:
        return Dictionary(path)
    except (OSError, ValueError):  # not built yet, or damaged: (re)build it
        return _build_and_open(path)


def _build_and_open(path: Path) -> Dictionary:
    """Build the compact dictionary at ``path`` and open it (a file of this process only when
    the cache folder cannot be written)."""
    folder = _source()
    try:
        build(folder, path)
        return Dictionary(path)
    except (OSError, ValueError):  # the cache folder cannot be written (or what is there cannot be used):
        # a file of this process only
        import tempfile

        fd, name = tempfile.mkstemp(suffix=".dict")
        os.close(fd)
        try:
            build(folder, Path(name))
            return Dictionary(Path(name))  # stays readable through its open descriptor
        finally:
            os.unlink(name)


def ensure() -> Path:
    """Build the compact dictionary now if it is missing (``banmian fonts`` does, so that
    the first page with new display copy does not); its path."""
    _open().close()
    return dictionary_path()


@lru_cache(maxsize=1)
def dictionary(extra: tuple[str, ...] = ()) -> Dictionary:
    """The compact dictionary (built on first use) with the words ``extra`` added in order."""
    found = _open()
    for word in extra:
        found.add_word(word)
    return found
