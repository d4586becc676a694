"""The code cache's patterns and forward references (``layout.codecache``): what a process gets
from the file is what compiling gives, an entry that does not fit its text is not used, and
patterns made from file names are not kept. Each case runs in fresh processes sharing a cache
folder: the first compiles and writes, the second reads."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from layout import codecache, sealed

ROOT = Path(__file__).resolve().parents[1]

#: Patterns of several kinds (named groups, flags inline and given, classes, look-behind, Han
#: ranges, verbose), with strings to try each on.
PATTERNS: list[tuple[str, int]] = [
    (r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})", 0),
    (r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)\s*$", 0),
    (r"（[^（）]{0,6}?(?:记者|通讯员)[^（）]{1,30}）", 0),
    (r"(?<=[\w!\"'&.,?]) -{2,} (?=\w)", re.VERBOSE),
    (r"kunming|DIANCHI", re.IGNORECASE),
    (r"(?i)[a-z]+(?:['’][a-z]+)*", 0),
    (r"[\u4e00-\u9fff]+|([A-Za-z0-9]+(?:\.\d+)?%?)", re.MULTILINE | re.DOTALL),
]
PROBES = ["2026-12-2 见报", " 12.5 mm ", "（本报记者 李明）", "a -- b", "Kunming dianchi", "it’s Yunnan's",
          "滇池 3.9% 水质\n第2段"]

#: Compile PATTERNS in a process with the cache installed; print what each pattern is and finds,
#: which of them came from the file, and whether the process compiled anything new.
PROBE = """
import json, re, sys, typing
import layout.codecache as c
c.install()
patterns, probes = json.loads(sys.argv[1]), json.loads(sys.argv[2])
read = {k for k in c._raw if k.startswith("re ")}
out = []
for text, flags in patterns:
    p = re.compile(text, flags)
    found = [[m.span(), m.groups(), m.groupdict()] for s in probes for m in p.finditer(s)]
    out.append([p.pattern, p.flags, p.groups, dict(p.groupindex), found, f"re {flags} {text}" in read])
class Row(typing.NamedTuple):
    when: "int"
    where: "list[str]"
from layout.frame import Document
out.append([Row.__annotations__ == {"when": typing.ForwardRef("int"), "where": typing.ForwardRef("list[str]")},
            typing.get_type_hints(Row) == {"when": int, "where": list[str]},
            {k: str(v) for k, v in Document.__init__.__annotations__.items()}, c._state["new"]])
print(json.dumps(out))
"""


def _probe(folder: Path, patterns: list[tuple[str, int]] = PATTERNS) -> list[Any]:
    env = {**os.environ, "BANMIAN_CACHE": str(folder)}
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(patterns), json.dumps(PROBES)], cwd=ROOT,
                          capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout)


def _expected(patterns: list[tuple[str, int]] = PATTERNS) -> list[list[Any]]:
    """What ``re`` itself makes of PATTERNS (this test process has no cache installed)."""
    rows = []
    for text, flags in patterns:
        p = re.compile(text, flags)
        found = [[list(m.span()), list(m.groups()), m.groupdict()] for s in PROBES for m in p.finditer(s)]
        rows.append([p.pattern, p.flags, p.groups, dict(p.groupindex), found])
    return rows


def _entries(folder: Path) -> dict[str, bytes]:
    path = next(folder.glob("code-*.marshal"))
    value = marshal.loads(sealed.read(path, codecache._tag()))
    assert isinstance(value, dict)
    return value


def test_patterns_and_forward_references_from_the_file_are_what_compiling_gives(tmp_path: Path) -> None:
    first, second = _probe(tmp_path), _probe(tmp_path)
    expected = _expected()
    for rows, from_file in ((first, False), (second, True)):
        assert [row[:5] for row in rows[:-1]] == expected
        assert all(row[5] is from_file for row in rows[:-1])  # the second process read every pattern
    assert first[-1][:2] == second[-1][:2] == [True, True]  # forward references work as compiled ones
    assert first[-1][3] is True and second[-1][3] is False  # nothing compiled anew the second time
    # the generated __init__'s annotations are the field types' texts, as without the cache (the
    # cache's code is compiled without the ``annotations`` future of layout/codecache.py)
    assert second[-1][2] == first[-1][2] == {"title": "str", "pages": "tuple[PageFrame, ...]",
                                             "meta": "dict[str, str]", "return": "None"}
    entries = _entries(tmp_path)
    assert {f"re {int(flags)} {text}" for text, flags in PATTERNS} <= set(entries)
    assert "evallist[str]" in entries  # the forward reference's expression


def test_a_pattern_entry_that_is_not_its_patterns_is_not_used(tmp_path: Path) -> None:
    """A sealed file whose pattern entries were swapped (each names another pattern), or hold a
    program the matcher refuses: the patterns are compiled anew, matching as ``re`` does."""
    _probe(tmp_path)
    path = next(tmp_path.glob("code-*.marshal"))
    entries = _entries(tmp_path)
    keys = [f"re {int(flags)} {text}" for text, flags in PATTERNS]
    for kind in ("swapped", "refused"):
        if kind == "swapped":
            damaged = {**entries, **dict(zip(keys, [entries[k] for k in keys[1:] + keys[:1]]))}
        else:
            value = list(marshal.loads(entries[keys[0]]))
            value[3] = [99999, 1, 2]  # no program
            damaged = {**entries, keys[0]: marshal.dumps(tuple(value))}
        sealed.write(path, codecache._tag(), marshal.dumps(damaged))
        rows = _probe(tmp_path)
        assert [row[:5] for row in rows[:-1]] == _expected()
        assert rows[-1][3] is True  # compiled anew, and the file rewritten
        assert _entries(tmp_path)[keys[1]] == entries[keys[1]]


def test_patterns_made_from_file_names_are_not_kept(tmp_path: Path) -> None:
    env = {**os.environ, "BANMIAN_CACHE": str(tmp_path / "cache")}
    code = ("import pathlib, fnmatch, layout.codecache as c\nc.install()\n"
            "list(pathlib.Path('.').glob('*.only-once-a7'))\nfnmatch.fnmatch('x', '*.only-once-b9')\n"
            "import re\nre.compile('kept-c3')\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env=env)
    keys = list(_entries(tmp_path / "cache"))
    assert "re 0 kept-c3" in keys
    assert not [k for k in keys if "only-once" in k]


def test_re_internals_other_than_known_fall_back_to_re(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another Python's ``re`` internals (here: ``_parse`` failing as a changed signature would):
    the probe says so before ``install`` routes ``re`` through the cache, and a pattern asked of
    ``_program`` anyway is compiled by ``re`` itself; a bad pattern still raises ``re.error``."""
    assert codecache._re_fits()  # (this Python's are known)

    def changed(pattern: str, flags: int) -> tuple[object, ...]:
        raise TypeError("compile() takes 5 positional arguments")

    monkeypatch.setattr(codecache, "_parse", changed)
    assert not codecache._re_fits()
    made = codecache._program(r"(?P<year>\d+)年", 0)
    assert made.match("2026年").group("year") == "2026"
    with pytest.raises(re.error):
        codecache._program("(未闭", 0)


def test_the_probes_yes_is_kept_and_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``re``'s internals are probed once for each file: a process that finds the yes in the file
    routes patterns through the cache without probing; a file without it probes again."""
    env = {**os.environ, "BANMIAN_CACHE": str(tmp_path)}
    code = ("import layout.codecache as c\nprobed = []\nfits = c._re_fits\n"
            "c._re_fits = lambda: probed.append(1) or fits()\nc.install()\n"
            "import re\nprint(len(probed), re._compiler.compile is c._program)")
    runs = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                           env=env).stdout.split() for _ in range(2)]
    assert runs == [["1", "True"], ["0", "True"]]
    (path,) = tmp_path.glob("code-*.marshal")
    entries = marshal.loads(sealed.read(path, codecache._tag()))
    assert entries[codecache._RE_PROBE_KEY] == marshal.dumps(True)
    monkeypatch.setattr(codecache, "_raw", {})
    monkeypatch.setattr(codecache, "_state", {"installed": False, "new": False, "re": False})
    monkeypatch.setattr(codecache, "_re_fits", lambda: False)
    assert not codecache._re_verdict() and not codecache._state["new"]  # a no: not kept, asked again next time


def test_each_command_keeps_its_texts_in_a_file_of_its_own(tmp_path: Path) -> None:
    """A render writes the render's file (and no other); the make-up's, a library's (no command) and a word
    that is no name of a file's part (a path, a space) each name their own file or the one with no command; a
    misspelt command writes none of its own, and ``cli.main`` called with its arguments (as the tests call it)
    writes the one with no command, not the render's."""
    env = {**os.environ, "BANMIAN_CACHE": str(tmp_path)}
    names = {cmd: codecache.cache_path(cmd).name for cmd in ("render", "makeup", "", "../x", "a b", "渲染")}
    assert len({names["render"], names["makeup"], names[""]}) == 3 and "-render-" in names["render"]
    assert names["../x"] == names["a b"] == names["渲染"] == names[""]
    issue = ROOT / "issue" / "readme-example.yaml"
    subprocess.run([sys.executable, "-m", "layout", "render", str(issue), "-o", str(tmp_path / "x.pdf"), "--quiet"],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    written = sorted(p.name for p in tmp_path.glob("**/code-entries*"))
    assert len(written) == 1 and "-render-" in written[0], written
    entries = marshal.loads(sealed.read(next(tmp_path.glob("**/code-entries*")), codecache._tag()))
    assert len(entries) > 100 and any("def __init__(" in key for key in entries)  # (its dataclasses' methods)
    render = next(tmp_path.glob("**/code-entries*")).read_bytes()
    misspelt = subprocess.run([sys.executable, "-m", "layout", "rendr", str(issue)], cwd=ROOT, env=env,
                              capture_output=True)
    called = "import sys\nfrom layout import cli\nsys.exit(cli.main(sys.argv[1:]))"  # (a call, as a test makes)
    subprocess.run([sys.executable, "-c", called, "render", str(issue), "-o", str(tmp_path / "y.pdf"), "--quiet"],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    files = {p.name: p for p in tmp_path.glob("**/code-entries*")}
    assert misspelt.returncode == 2 and set(files) == {written[0], codecache.cache_path().name}
    assert files[written[0]].read_bytes() == render  # (the render's file: neither wrote it)
