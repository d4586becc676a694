"""Code run in a new Python interpreter (nothing imported yet) from the repository's root, and the
sample's first page as an issue of its own, for the tests of what a command imports and runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def python(code: str, *args: str | Path, env: dict[str, str] | None = None) -> str:
    """What ``code`` prints, run by ``python -c`` with ``args`` as its ``sys.argv[1:]`` (and the
    environment with ``env`` added); a failed run raises ``CalledProcessError``."""
    done = subprocess.run([sys.executable, "-c", code, *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, check=True, env={**os.environ, **env} if env else None)
    return done.stdout


def one_page_issue(folder: Path) -> Path:
    """The sample issue's first page alone (its jump made plain text), written into ``folder`` with
    the house-style file it references; its path."""
    text = (ROOT / "issue" / "sample-broadsheet.yaml").read_text(encoding="utf-8").split("\n  - number: 2\n")[0]
    one = folder / "one.yaml"
    one.write_text(text.replace("jump: lead-2", "jump: 2 #"), encoding="utf-8")
    shutil.copy(ROOT / "issue" / "kunming.house.yaml", folder)
    return one
