"""Issue input a desk gets wrong: impossible dates, full-width characters in YAML syntax."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from layout.errors import IssueError
from layout.issue.load import load_issue
from tests.conftest import SAMPLE


def variant(tmp_path: Path, old: str, new: str) -> Path:
    """The sample issue with one piece of text replaced, in a copy of its folder (photos included)."""
    text = SAMPLE.read_text(encoding="utf-8")
    assert old in text
    folder = tmp_path / "issue"
    shutil.copytree(SAMPLE.parent, folder, dirs_exist_ok=True)
    path = folder / "variant.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first occurrence of ``needle``."""
    return 1 + path.read_text(encoding="utf-8").split(needle)[0].count("\n")


@pytest.mark.parametrize(("date", "words"), [("2026-13-45", "month 13 does not exist"),
                                             ("2026-02-30", "February 2026 has 28 days"),
                                             ("2026年1月32日", "January 2026 has 31 days"),
                                             ("2026-01-20 星期一", "is a 星期二"),
                                             ("下周二", "is not a date")])
def test_impossible_dates_are_refused_with_file_line_and_key(tmp_path: Path, date: str,
                                                             words: str) -> None:
    path = variant(tmp_path, "date: 2026-01-20", f"date: {date}")
    with pytest.raises(IssueError) as caught:
        load_issue(path)
    assert caught.value.line == line_of(path, "date: ") and caught.value.path == "issue.date"
    assert words in str(caught.value)


@pytest.mark.parametrize("date", ["2026-01-20", "2026/1/20", "2026年1月20日", "2026年1月20日 星期二", "'2026-01-20'"])
def test_real_dates_in_the_usual_forms_are_read(tmp_path: Path, date: str) -> None:
    assert load_issue(variant(tmp_path, "date: 2026-01-20", f"date: {date}")).meta.date == "2026-01-20"


@pytest.mark.parametrize(("old", "new", "words"), [
    ("  paper: 昆明日报", "  paper： 昆明日报", "full-width colon"),
    ("  paper: 昆明日报", "\u3000 paper: 昆明日报", "ideographic space"),
    ("byline: 本报记者 尹朝平", "byline: “本报记者: 尹朝平”", "full-width quotes"),
    ("  number: 21876", "  number:21876", "ASCII colon and a space (number: …)"),
    ("  number: 21876", "  number, 21876", "ASCII colon and a space (number: …)"),
    ("        headline: 五华区全力推进", "        headline: \"五华区全力推进”", "not closed on this line"),
    ("      - type: banner", "      － type: banner", "full-width dash"),
])
def test_full_width_slips_get_the_right_line_and_a_hint(tmp_path: Path, old: str, new: str,
                                                        words: str) -> None:
    path = variant(tmp_path, old, new)
    with pytest.raises(IssueError) as caught:
        load_issue(path)
    assert caught.value.line == line_of(path, new) and words in str(caught.value)


def test_the_readmes_complete_example_is_shipped_and_renders(tmp_path: Path) -> None:
    from layout import cli
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```yaml\n", readme.index("A complete example, with all keys")) + len("```yaml\n")
    shipped = ROOT / "issue" / "readme-example.yaml"
    assert readme[start:readme.index("```\n", start)] == shipped.read_text(encoding="utf-8")
    assert cli.main(["render", str(shipped), "-o", str(tmp_path / "example.pdf")]) == 0
    issue = load_issue(shipped)
    assert issue.press.profile is not None and issue.press.profile.is_file()
