"""Control characters and line separators in an issue's copy: read, never printed as nothing, never
silently dropped, never throwing off a line number.

In:  the text of a YAML file before it is read (``protect``); then the plain data read from it and
     its ``Doc`` (``restore``).
Out: ``protect``: the text with each line separator (U+2028, U+2029) and control character (C0 but
     tab, line feed and carriage return; DEL; C1, U+0085 included) typed raw replaced by a stand-in
     (a Unicode noncharacter, which no copy holds) that the YAML readers take as text: PyYAML counts
     U+2028, U+2029 and U+0085 as line ends (every line number below one was off by one, and a plain
     value holding one was a syntax error) and refuses a file with any other control character (with
     a position, not a line); and the places found. ``restore``: the data with each line separator a
     line break, as a ``\\n`` is (a forced break in a head, a space in a paragraph), and each control
     character, raw or typed as an escape ("\\x07"), removed, with a warning naming the file, line,
     key and code point (the character prints as nothing, or as a box: the editor types what was meant).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from layout.errors import IssueError
from layout.issue.reader import Doc
from layout.logger import LOGGER

_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")  # what ``protect`` replaces
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # removed (tab, line feed, carriage return kept)
_SEPARATORS = "\u2028\u2029"
_LINE, _GONE = "\ufdd0", "\ufdd1"  # stand-ins: a line separator, a control character (noncharacters)
Found = list[tuple[int, str]]  # (line, character) of each raw character ``protect`` replaced


def protect(text: str) -> tuple[str, Found]:
    """The text with its raw line separators and control characters replaced by stand-ins, and where they
    were (see module docstring); the text as it is when it has none (or already holds a stand-in)."""
    if _RAW.search(text) is None or _LINE in text or _GONE in text:
        return text, []
    found: Found = []
    line, at = 1, 0
    for match in _RAW.finditer(text):
        line += text.count("\n", at, match.start())
        at = match.start()
        found.append((line, match.group()))
    return _RAW.sub(lambda m: _LINE if m.group() in _SEPARATORS else _GONE, text), found


def restore(doc: Doc, data: Any, found: Found, escapes: bool) -> Any:
    """The data with line separators as line breaks and control characters removed, each control
    character said (see module docstring). ``escapes``: the file has a backslash (a double-quoted
    value may hold an escaped control character); without it and with nothing ``found``, the data
    as it is."""
    if not found and not escapes:
        return data
    hits: list[tuple[int, str, int]] = []  # (line, key path, stand-ins) of each text a raw control was in

    def text(value: str, path: str) -> str:
        if _GONE in value:
            hits.append((doc.lines.get(path, 0), path, value.count(_GONE)))
            value = value.replace(_GONE, "")
        typed = _CONTROL.findall(value)
        if typed:
            LOGGER.warning("%s", doc.error(path, _removed(typed)))
            value = _CONTROL.sub("", value)
        return value.replace(_LINE, "\n").replace("\u2028", "\n").replace("\u2029", "\n")

    out = _walk(doc, data, "", text)
    _say_raw(doc, found, hits)
    return out


def _walk(doc: Doc, value: Any, path: str, text: Callable[[str, str], str]) -> Any:
    """``value`` with ``text`` applied to every text in it (by its key path); a key too (a control character
    typed in one, removed and said), refused when it is then another key of its mapping written twice."""
    if isinstance(value, str):
        return text(value, path)
    if isinstance(value, list):
        return [_walk(doc, item, f"{path}[{i}]", text) for i, item in enumerate(value)]
    if not isinstance(value, dict):
        return value
    out: dict[Any, Any] = {}
    for key, item in value.items():
        where = f"{path}.{key}" if path else str(key)
        clean = text(key, where) if isinstance(key, str) else key
        if clean in out:
            raise doc.error(where, f"this key appears twice: {clean!r}, once with a control character in it")
        out[clean] = _walk(doc, item, where, text)
    return out


def _say_raw(doc: Doc, found: Found, hits: list[tuple[int, str, int]]) -> None:
    """A warning for the raw control characters of each text, at the line of the first: each is the
    next text's that holds one, if that text starts on or above its line (one in a comment or a key is
    said by its line alone)."""
    said: dict[str, tuple[int, list[str]]] = {}
    k = 0
    for line, char in found:
        if char in _SEPARATORS:
            continue
        path = ""
        if k < len(hits) and hits[k][0] <= line:
            path = hits[k][1]
            hits[k] = (hits[k][0], path, hits[k][2] - 1)
            k += hits[k][2] == 0
        said.setdefault(path or f"line {line}", (line, []))[1].append(char)
    for key, (line, chars) in said.items():
        path = "" if key.startswith("line ") else key
        LOGGER.warning("%s", IssueError(doc.file, line, path, _removed(chars)))


def _removed(chars: list[str]) -> str:
    """What a warning says of the control characters ``chars`` removed from one text."""
    codes = ", ".join(dict.fromkeys(f"U+{ord(ch):04X}" for ch in chars))
    many = len(set(chars)) > 1
    return (f"control character{'s' if many else ''} {codes} removed: {'they print' if many else 'it prints'} "
            "nothing, or a box (pasted from another program?); type what was meant there")
