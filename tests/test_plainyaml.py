"""The plain-subset YAML reader gives exactly what PyYAML's safe composition gives (data,
types and the line of every key path), or refuses the text; PyYAML is the oracle."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from layout.issue.plainyaml import read
from layout.issue.reader import Doc

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted([*ROOT.glob("issue/*.yaml"), *ROOT.glob("tests/data/**/*.yaml")])
SAMPLE = ROOT / "issue" / "sample-broadsheet.yaml"


def by_pyyaml(text: str) -> tuple[Any, dict[str, int], dict[str, str]] | None:
    """What the loader makes of ``text`` through PyYAML (None where it refuses the text)."""
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
        doc = Doc("x.yaml")
        return doc.build(node, "", set()), doc.lines, doc.typed
    except Exception:  # any refusal: a syntax error, an alias, a bad value
        return None


def same(text: str) -> bool:
    """The plain reader refuses ``text`` or agrees with PyYAML on it (values, their types, lines)."""
    got = read(text)
    if got is None:
        return True
    want = by_pyyaml(text)
    return want is not None and got == want and repr(got[0]) == repr(want[0])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_shipped_files_are_read_plainly_and_as_pyyaml_reads_them(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    got = read(text)
    assert got is not None, f"{path.name} left to PyYAML"
    want = by_pyyaml(text)
    assert want is not None
    assert got[0] == want[0] and repr(got[0]) == repr(want[0])
    assert got[1] == want[1]  # the line of every key path
    assert got[2] == want[2]  # the text as typed of every number and true/false


@pytest.mark.parametrize("value", [
    "1", "0", "01", "-2", "+1", "1_000", "0x1F", "0b11", "0o7", "1:30", "1.5", "-1.5", "01.5", "1.", ".5", "1e5",
    "1.5e+3", "1.5e", ".inf", ".NaN", "yes", "No", "ON", "off", "y", "n", "true", "False", "null", "Null", "~",
    "~x", "nULL", "2026-01-20", "2026-1-2", "2026-01-20 10:00:00", "13.5pt", "-2mm", "50%", "3.2万", "=", "<<",
    "true_x", "noon", "http://a.b/c", "a: b", "a #b", "a#b", "a:", "'q'", '"d"', "'it''s'", '"a\\tb"', "[1, 2]",
    "{a: 1}", "{}", "[]", "[a, [b]]", "{a: {b: c}}", "- x", "&a x", "*a", "!!str 1", "|", ">", "@x", "`x`",
    "%x", "?x", "? x", ":x", "{a: 1} x", "'a' # c", "'a'x", "[1, 2] # c", "{a: http://x}", "{a: b #c}",
    "{1: 小二, 3: 二号}", "[0, 1, 1, 0]", "“引号”", "《书名》: 注", "记者 王芳",
])
def test_scalars_and_flow_values_agree_with_pyyaml(value: str) -> None:
    for text in (f"k: {value}\n", f"k:\n  - {value}\n  - x\n", f"k: {{a: 1, b: {value}}}\n",
                 f"a: 1\nk: {value}  # c\n"):
        assert same(text), text


def test_typed_values_come_out_typed() -> None:
    data, lines, typed = read("a: 1\nb: 1.50\nc: NO\nd: ~\ne: 13.5pt\nf: 2026-01-20\ng: [0, x]\nh:\n") or (
        None, None, None)
    assert data == {"a": 1, "b": 1.5, "c": False, "d": None, "e": "13.5pt", "f": "2026-01-20", "g": [0, "x"],
                    "h": None}
    assert lines is not None and lines["g[1]"] == 7 and lines["h"] == 8
    assert typed == {"a": "1", "b": "1.50", "c": "NO", "g[0]": "0"}


MUTATIONS = [":", ": ", " #", "#", "-", "- ", "{", "}", "[", "]", ",", "'", '"', "&", "*", "!", "|", ">", "\t",
             "~", "%", "?", "\n", "\n  ", "  ", "1", "x", "1.5", "yes", "\\", "@", "`"]


def test_mutated_sample_files_are_refused_or_read_as_pyyaml_reads_them() -> None:
    """Random edits of the sample (YAML's special characters, indentation, line breaks) at
    random places: the plain reader never reads a text otherwise than PyYAML does."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    rng = random.Random(17)
    read_plainly = 0
    for _ in range(300):
        edited = list(lines)
        for _ in range(rng.randint(1, 3)):
            k = rng.randrange(len(edited))
            line = edited[k]
            spot = rng.randint(0, len(line))
            choice = rng.random()
            if choice < 0.6:
                edited[k] = line[:spot] + rng.choice(MUTATIONS) + line[spot:]
            elif choice < 0.8 and line:
                edited[k] = line[:spot] + line[spot + 1:]
            elif choice < 0.9:
                edited.insert(k, line)
            else:
                edited[k] = line[2:] if line.startswith("  ") else "  " + line
        text = "\n".join(edited)
        assert same(text), text
        read_plainly += read(text) is not None
    assert read_plainly > 50  # most small edits stay in the subset: the comparison is not vacuous


def test_a_render_does_not_import_pyyaml() -> None:
    code = ("import sys; from pathlib import Path; from layout.issue.load import load_issue; "
            f"load_issue(Path({str(SAMPLE)!r})); print('yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("text", ["a: 0xA", "a: -0xCAFE", "a: 0xff", "a: 0b101", "a: " + "9" * 5000,
                                  "k" * 1030 + ": 1", "a: {" + "k" * 1030 + ": 1}"])
def test_hex_long_integers_and_long_keys_are_left_to_pyyaml(text: str) -> None:
    """0xA was read as text (PyYAML: 10), a 5000-digit integer raised from int(), a 1030-character
    key was accepted (PyYAML refuses it): each is outside the subset (review S, F2-F4)."""
    assert read(text) is None
