"""Every sealed cache file carries the seal's version in its name, so that a change of seal renames
all of them at once: a render and a make-up under another seal (``layout.sealed.SEAL`` and its magic
changed in the process, as a checkout with a new seal has them) read and rewrite none of the files
the first seal wrote, say nothing about them, and give the same PDF."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from layout import sealed

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "issue" / "sample-broadsheet.yaml"
PLAN = ROOT / "issue" / "plan-sample.yaml"
KINDS = ("code-entries", "metrics-", "words-", "hyphen-", "makeup", "subsets/")  # the caches the two write

# Runs ``python -m layout ARGS`` with the seal's version given as the first argument.
RUN = """
import runpy, sys
from layout import sealed
sealed.SEAL = int(sys.argv[1])
sealed.MAGIC = b"BANMIAN-CACHE%d\\n" % sealed.SEAL
sys.argv = ["banmian", *sys.argv[2:]]
runpy.run_module("layout", run_name="__main__", alter_sys=True)
"""


def _both(folder: Path, seal: int, out: Path) -> str:
    """A render of the sample to ``out`` and a make-up of the sample plan, with the cache in
    ``folder`` and the seal ``seal``; their error output."""
    env = {**os.environ, "BANMIAN_CACHE": str(folder)}
    said = ""
    for args in (["render", str(SAMPLE), "-o", str(out)], ["makeup", str(PLAN), "-o", str(out.with_suffix(".yaml"))]):
        done = subprocess.run([sys.executable, "-c", RUN, str(seal), *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        said += done.stderr
    return said


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its path relative to it."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _sealed_as(files: dict[str, bytes], seal: int) -> set[str]:
    """The files sealed with ``seal``: they begin with its magic; each must carry it in its name, just
    before the suffix, and no other file may."""
    magic, mark = b"BANMIAN-CACHE%d\n" % seal, re.compile(rf"\.s{seal}\.[^./]+$")
    found = {name for name, data in files.items() if data.startswith(magic)}
    for name in found:
        assert mark.search(name), f"{name}: sealed with seal {seal}, not named for it"
    for name in set(files) - found:
        assert f".s{seal}." not in name, f"{name}: named for seal {seal}, not sealed with it"
    for kind in KINDS:
        assert any(name.startswith(kind) for name in found), f"no {kind} cache sealed with seal {seal}"
    return found


def test_a_new_seal_renames_every_sealed_cache_and_touches_none_of_the_old(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _both(folder, sealed.SEAL, tmp_path / "a.pdf")
    before = _files(folder)
    old = _sealed_as(before, sealed.SEAL)
    said = _both(folder, sealed.SEAL + 1, tmp_path / "b.pdf")
    after = _files(folder)
    new = _sealed_as(after, sealed.SEAL + 1)
    assert set(before) <= set(after), f"files of the first seal removed: {sorted(set(before) - set(after))}"
    assert {name: after[name] for name in before} == before, "a file of the first seal was rewritten"
    assert not old & new and new == set(after) - set(before) - {n for n in after if n.startswith("jieba-")}
    assert "unreadable" not in said, said
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
