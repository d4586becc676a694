"""Damaged, foreign and hostile cache files: the code cache (marshal'd code objects), the
font-metrics cache and the word-segmentation cache are each corrupted at many byte
positions (fixed seeds) or rewritten well formed with wrong contents; the command must
still exit 0 with a PDF byte for byte the one a clean cache gives, rewrite the file, and
never run code a file it refused holds."""

from __future__ import annotations

import marshal
import os
import pickle
import random
import shutil
import subprocess
import sys
from array import array
from pathlib import Path
from typing import Any

import pytest

from layout import cache, codecache, sealed
from layout.text.font import MAX_ADVANCE_EM, _unpack

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "issue" / "sample-broadsheet.yaml"


def _render(folder: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The sample rendered to ``out`` with ``BANMIAN_CACHE`` = ``folder``."""
    env = {**os.environ, "BANMIAN_CACHE": str(folder)}
    return subprocess.run([sys.executable, "-m", "layout", "render", str(SAMPLE), "-o", str(out), "--quiet", *extra],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A cache folder a clean render filled, and the PDF a render with it warm gives."""
    folder = tmp_path_factory.mktemp("clean")
    assert _render(folder / "cache", folder / "first.pdf").returncode == 0
    done = _render(folder / "cache", folder / "clean.pdf")
    assert done.returncode == 0, done.stderr
    assert (folder / "first.pdf").read_bytes() == (folder / "clean.pdf").read_bytes()
    return folder / "cache", (folder / "clean.pdf").read_bytes()


def _copy(clean: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    shutil.copytree(clean, folder)
    return folder


def _one(folder: Path, pattern: str) -> Path:
    (path,) = folder.glob(pattern)
    return path


def _flip(data: bytes, seed: int, count: int = 3, start: int = 0) -> bytes:
    """``data`` with ``count`` bytes at positions from ``start`` on (seeded) changed."""
    rng = random.Random(seed)
    out = bytearray(data)
    for at in rng.sample(range(start, len(out)), count):
        out[at] ^= rng.randrange(1, 256)
    return bytes(out)


def _assert_rebuilt(folder: Path, tmp_path: Path, clean_pdf: bytes, path: Path, tag: bytes, damaged: bytes) -> None:
    """A render with the damaged file: exit 0, the clean PDF, and the file rewritten sealed."""
    done = _render(folder, tmp_path / "out.pdf")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert (tmp_path / "out.pdf").read_bytes() == clean_pdf
    rewritten = path.read_bytes()
    assert rewritten != damaged
    sealed.read(path, tag)  # a sound file again


HEADER = len(sealed.MAGIC) + 1 + sealed.DIGEST  # plus the tag's length


@pytest.mark.parametrize("seed", [1, 6, 12, 13, 14, 22])
def test_a_code_cache_damaged_anywhere_is_ignored_and_rewritten(seed: int, clean: tuple[Path, bytes],
                                                               tmp_path: Path) -> None:
    folder = _copy(clean[0], tmp_path)
    path = _one(folder, "code-*.marshal")
    # seed 1 hits the header (magic, tag, digest); the others the marshal bytes
    damaged = _flip(path.read_bytes(), seed, start=0 if seed == 1 else 64)
    if seed == 1:
        damaged = _flip(damaged[:HEADER], seed, count=2) + damaged[HEADER:]
    path.write_bytes(damaged)
    _assert_rebuilt(folder, tmp_path, clean[1], path, codecache._tag(), damaged)


def _sealed_code(path: Path, data: Any) -> bytes:
    """``data`` marshal'd and sealed as the code cache is (a well-formed file)."""
    sealed.write(path, codecache._tag(), marshal.dumps(data))
    return path.read_bytes()


def _code_entries(path: Path) -> dict[str, Any]:
    value = marshal.loads(sealed.read(path, codecache._tag()))
    assert isinstance(value, dict)
    return value


@pytest.mark.parametrize("kind", ["swapped", "not-a-dict", "cut-short", "not-code"])
def test_a_well_formed_code_cache_with_wrong_contents_is_not_used(kind: str, clean: tuple[Path, bytes],
                                                                  tmp_path: Path) -> None:
    folder = _copy(clean[0], tmp_path)
    path = _one(folder, "code-*.marshal")
    entries = _code_entries(path)
    keys = list(entries)
    if kind == "swapped":  # each text given the code of another (all code objects, correctly sealed)
        damaged = _sealed_code(path, dict(zip(keys, [entries[k] for k in keys[1:] + keys[:1]])))
    elif kind == "not-a-dict":
        damaged = _sealed_code(path, list(entries.values()))
    elif kind == "not-code":
        damaged = _sealed_code(path, {k: k for k in keys})
    else:  # marshal bytes cut in the middle, then sealed: marshal.loads raises
        payload = marshal.dumps(entries)
        sealed.write(path, codecache._tag(), payload[:len(payload) // 2])
        damaged = path.read_bytes()
    _assert_rebuilt(folder, tmp_path, clean[1], path, codecache._tag(), damaged)


def test_code_cache_damage_at_many_positions_never_reaches_marshal(clean: tuple[Path, bytes],
                                                                   tmp_path: Path) -> None:
    """Every single-byte change (300 seeded positions over the whole file) is refused by the seal."""
    good = _one(clean[0], "code-*.marshal").read_bytes()
    path = tmp_path / "code.marshal"
    rng = random.Random(2026)
    for at in [*range(HEADER + 16), *rng.sample(range(len(good)), 300)]:
        damaged = bytearray(good)
        damaged[at] ^= rng.randrange(1, 256)
        path.write_bytes(damaged)
        with pytest.raises(sealed.Refused):
            sealed.read(path, codecache._tag())
    path.write_bytes(good[:-1])
    with pytest.raises(sealed.Refused):
        sealed.read(path, codecache._tag())


HOSTILE = "import pathlib; pathlib.Path({!r}).write_text('ran')\n"


def _hostile(path: Path, flag: Path, how: str) -> None:
    """The code cache with every entry replaced by code that writes ``flag``: sealed with a
    wrong checksum, unsealed, sealed but writable by others, or sealed but not fitting its text."""
    entries = _code_entries(path)
    evil = {k: compile(HOSTILE.format(str(flag)), "<string>", "exec") for k in entries}
    payload = marshal.dumps(evil)
    if how == "bare":
        path.write_bytes(payload)
        return
    sealed.write(path, codecache._tag(), payload)
    if how == "wrong-checksum":
        data = bytearray(path.read_bytes())
        data[HEADER + len(codecache._tag()) - 1] ^= 1  # the digest's last byte
        path.write_bytes(bytes(data))
    elif how == "group-writable":
        path.chmod(0o664)


@pytest.mark.parametrize("how", ["bare", "wrong-checksum", "group-writable", "sealed"])
def test_a_hostile_code_cache_is_not_executed(how: str, clean: tuple[Path, bytes], tmp_path: Path) -> None:
    if how == "group-writable" and os.name != "posix":
        pytest.skip("owner and mode checks are POSIX only")
    folder = _copy(clean[0], tmp_path)
    path = _one(folder, "code-*.marshal")
    flag = tmp_path / "ran"
    _hostile(path, flag, how)
    env = {**os.environ, "BANMIAN_CACHE": str(folder)}
    done = subprocess.run([sys.executable, "-m", "layout", "--version"], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not flag.exists()
    assert _render(folder, tmp_path / "out.pdf").returncode == 0 and not flag.exists()
    assert (tmp_path / "out.pdf").read_bytes() == clean[1]


@pytest.mark.skipif(os.name != "posix" or os.getuid() != 0, reason="needs root to give a file to another user")
def test_a_cache_file_of_another_user_is_refused(clean: tuple[Path, bytes], tmp_path: Path) -> None:
    path = tmp_path / "f.pickle"
    cache.save(path, {"a": 1})
    assert cache.load(path) == {"a": 1}
    os.chown(path, 65534, -1)
    assert cache.load(path) is None
    with pytest.raises(sealed.Refused, match="another user"):
        sealed.read(path, cache.PICKLE_TAG)


METRICS = "metrics-BanmianSerifSC-Regular-*.pickle"  # the body face: every line of the sample uses it


@pytest.mark.parametrize("seed", [3, 7, 11, 19])
def test_a_metrics_cache_damaged_anywhere_is_rebuilt(seed: int, clean: tuple[Path, bytes], tmp_path: Path) -> None:
    folder = _copy(clean[0], tmp_path)
    path = _one(folder, METRICS)
    damaged = _flip(path.read_bytes(), seed, start=0 if seed == 3 else HEADER)
    path.write_bytes(damaged)
    _assert_rebuilt(folder, tmp_path, clean[1], path, cache.PICKLE_TAG, damaged)


def _reseal_metrics(path: Path, change: str) -> bytes:
    """The metrics file with one value damaged the way a flipped byte damages it (review:
    荷's glyph id 15459 → 15940707, 撳's advance 1000 → 1644168168), sealed again."""
    data = list(pickle.loads(sealed.read(path, cache.PICKLE_TAG)))
    points, advances, gids = array("I", data[3]), array("I", data[4]), array("I", data[5])
    if change == "gid":
        gids[points.index(ord("荷"))] = 15940707
    elif change == "gid-just-over":
        gids[points.index(ord("苰"))] = 34013
    elif change == "advance":
        advances[points.index(ord("撳"))] = 1644168168
    elif change == "short":
        advances = advances[:-1]
    elif change == "upem":
        data[2] = 0
    data[4], data[5] = advances.tobytes(), gids.tobytes()
    cache.save(path, tuple(data))
    return path.read_bytes()


@pytest.mark.parametrize("change", ["gid", "gid-just-over", "advance", "short", "upem"])
def test_well_formed_metrics_with_impossible_values_are_rebuilt(change: str, clean: tuple[Path, bytes],
                                                                tmp_path: Path) -> None:
    folder = _copy(clean[0], tmp_path)
    path = _one(folder, METRICS)
    good = pickle.loads(sealed.read(path, cache.PICKLE_TAG))
    damaged = _reseal_metrics(path, change)
    _assert_rebuilt(folder, tmp_path, clean[1], path, cache.PICKLE_TAG, damaged)
    assert pickle.loads(sealed.read(path, cache.PICKLE_TAG)) == good


def test_metrics_values_are_checked_against_the_font(clean: tuple[Path, bytes]) -> None:
    """``_unpack`` takes the sound tuple and refuses each impossible value (checked in process)."""
    path = _one(clean[0], METRICS)
    data = pickle.loads(sealed.read(path, cache.PICKLE_TAG))
    font, key = Path(data[1]), data[11]
    glyphs = cache.font_facts(font)[1]
    assert glyphs > 20000 and _unpack(data, font, key, glyphs) is not None
    top = max(*array("I", data[5]), *data[10].values(), *data[12].values())  # cmap, vertical forms, variants
    assert _unpack(data, font, key, top) is None  # one glyph id at the limit
    assert _unpack(data, font, key, top + 1) is not None
    advances = array("I", data[4])
    for value, sound in [(MAX_ADVANCE_EM * data[2], True), (MAX_ADVANCE_EM * data[2] + 1, False), (2**31, False)]:
        changed = array("I", advances)
        changed[len(changed) // 2] = value
        out = _unpack((*data[:4], changed.tobytes(), *data[5:]), font, key, glyphs)
        assert (out is not None) == sound, value


def test_a_damaged_word_cache_is_rebuilt(clean: tuple[Path, bytes], tmp_path: Path) -> None:
    folder = _copy(clean[0], tmp_path)
    path = _one(folder, "words-*.pickle")
    damaged = _flip(path.read_bytes(), 5, start=HEADER)
    path.write_bytes(damaged)
    _assert_rebuilt(folder, tmp_path, clean[1], path, cache.PICKLE_TAG, damaged)


def test_the_byte_wise_bound_check_agrees_with_a_loop() -> None:
    from layout.text.sound import all_below as _all_below

    rng = random.Random(17)
    for _ in range(2000):
        limit = rng.choice([1, 2, 255, 256, 257, 8001, 23337, 65535, 65536, 131073, 2**24])
        spread = limit + rng.choice([0, 0, 1, 300, 70000, 2**31])
        values = array("I", (rng.randrange(min(spread, 2**32)) for _ in range(rng.randrange(40))))
        assert _all_below(values.tobytes(), limit) == all(v < limit for v in values), (list(values), limit)


def test_a_cache_sealed_the_old_way_is_refused_and_rebuilt(tmp_path: Path) -> None:
    """A cache file sealed as before the seal was a CRC-32 (the old magic and a SHA-256 of the payload)
    is refused as another format, never read, and a cache write makes the file sound again."""
    import hashlib

    payload = pickle.dumps({"k": (1, 2)})
    tag = cache.PICKLE_TAG
    path = tmp_path / "old.pickle"
    path.write_bytes(b"BANMIAN-CACHE\n" + bytes((len(tag),)) + tag + hashlib.sha256(payload).digest() + payload)
    with pytest.raises(sealed.Refused, match="another format"):
        sealed.read(path, tag)
    assert cache.load(path) is None
    cache.save(path, {"k": (1, 2)})
    assert path.read_bytes().startswith(sealed.MAGIC) and cache.load(path) == {"k": (1, 2)}
