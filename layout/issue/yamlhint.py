"""Hints for YAML syntax errors caused by full-width characters, the commonest slip when typing Chinese.

In:  the issue file's text and the line (1-based) where PyYAML reported a syntax error.
Out: ``(line, hint)`` when a nearby line holds a full-width colon ``：`` after a key, an
     ideographic space (U+3000, 全角空格) in its indentation, or full-width quotes “”
     around a value that YAML therefore does not see as quoted; else ``None``.

PyYAML reports these on the line after the culprit (it only notices when the next
key arrives), so the hint also names the right line.
"""

from __future__ import annotations

import re

_KEY_FULLWIDTH_COLON = re.compile(r"^[ \t\u3000]*(?:-[ \t\u3000]+)?[A-Za-z_][\w-]*[ \t]*：")
_IDEOGRAPHIC_INDENT = re.compile(r"^[ \t]*\u3000")
_FULLWIDTH_QUOTED = re.compile(r":[ \t]+[“”‘’].*:[ \t]")


def syntax_hint(text: str, line: int | None) -> tuple[int, str] | None:
    """The line and a hint for a full-width character near ``line`` (see the module docstring).

    >>> syntax_hint("issue:\\n  paper： 昆明日报\\n  date: 2026-01-20\\n", 3)
    (2, 'the key is followed by a full-width colon ：; YAML needs an ASCII colon and a space (paper: …)')
    >>> syntax_hint("a: 1\\n", 1) is None
    True
    """
    if line is None:
        return None
    lines = text.splitlines()
    for number in range(min(line, len(lines)), max(0, line - 3), -1):
        found = _hint(lines[number - 1])
        if found:
            return number, found
    return None


def _hint(source: str) -> str | None:
    """What full-width character spoils one line, if any."""
    if _KEY_FULLWIDTH_COLON.match(source):
        key = source.split("：", 1)[0].strip(" \t\u3000-")
        return f"the key is followed by a full-width colon ：; YAML needs an ASCII colon and a space ({key}: …)"
    if _IDEOGRAPHIC_INDENT.match(source):
        return "the line is indented with an ideographic space (U+3000, 全角空格); YAML indents with ASCII spaces only"
    if _FULLWIDTH_QUOTED.search(source):
        return ("full-width quotes “” do not quote a value in YAML, so the ': ' inside it starts a key; "
                "put the value in ASCII quotes: \"“…: …”\"")
    return None
