"""Hints for YAML syntax errors caused by full-width characters, the commonest slip when typing Chinese.

In:  the issue file's text and the line (1-based) where PyYAML reported a syntax error.
Out: ``(line, hint)`` when a nearby line holds a full-width colon ``：`` after a key, an
     ideographic space (U+3000, 全角空格) in its indentation, full-width quotes “”
     around a value that YAML therefore does not see as quoted, an ASCII quote opened and
     closed by a full-width one (or not closed), a full-width dash ``－`` or ``—`` starting
     a list item, or a key with no space (``number:1``) or a comma (``number, 1``) after
     it; else ``None``.

PyYAML reports these on the line after the culprit (it only notices when the next
key arrives), so the hint also names the right line.
"""

from __future__ import annotations

import re

_KEY_FULLWIDTH_COLON = re.compile(r"^[ \t\u3000]*(?:-[ \t\u3000]+)?[A-Za-z_][\w-]*[ \t]*：")
_IDEOGRAPHIC_INDENT = re.compile(r"^[ \t]*\u3000")
_FULLWIDTH_QUOTED = re.compile(r":[ \t]+[“”‘’].*:[ \t]")
_HALF_QUOTED = re.compile(r"""^[^#"']*:[ \t]+(["'])(?:(?!\1).)*$""")  # an ASCII quote opened, never closed
_FULLWIDTH_DASH_ITEM = re.compile(r"^[ \t]*[－—–][ \t]*[A-Za-z_][\w-]*[ \t]*:")
_KEY_NO_SPACE = re.compile(r"^[ \t]*(?:-[ \t]+)?([A-Za-z_][\w-]*)(?::[^ \t/\n]|[ \t]*[,，][ \t]*\S)")


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
    return _hint_more(source)


def _hint_more(source: str) -> str | None:
    """The ASCII slips of one line: a quote left open, a dash item, a key without ': '."""
    quoted = _HALF_QUOTED.match(source)
    if quoted:
        return (f"the value opens with an ASCII quote {quoted.group(1)} that is not closed on this line "
                "(a full-width ” or ’ does not close it); close it with the same ASCII quote")
    if _FULLWIDTH_DASH_ITEM.match(source):
        return "a list item starts with an ASCII hyphen and a space (- …), not a full-width dash － or —"
    key = _KEY_NO_SPACE.match(source)
    if key:
        return f"a key is followed by an ASCII colon and a space ({key.group(1)}: …)"
    return None
