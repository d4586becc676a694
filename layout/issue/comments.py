"""Copy that YAML reads as a comment: a value followed by `` #`` and more, which is never printed.

In:  the text of a YAML file (an issue, a house style, a make-up plan).
Out: ``lost_comments``: (line, what follows the ``#``) for each line whose value is followed by a
     comment that reads as copy (``#`` after a space, directly followed by more than a space), or whose
     whole value is one (``headline: #春城花开# 话题``: YAML reads no value at all).

YAML starts a comment at a ``#`` after a space, so ``body: 网友在微博发起 #春城花开# 话题`` prints
``网友在微博发起`` and nothing else, and the reader says nothing: a Weibo topic (#话题#), a hashtag
or an issue number (#12) typed in copy is cut. A comment a person writes to a reader of the file
is ``# note`` (a space after the mark) or stands on its own line; those are left alone. The rest is
told, with the line, so that the value is quoted (``"网友在微博发起 #春城花开# 话题"``). A ``#`` inside
quotes, after a quoted value, in a block scalar (``|``, ``>``) or after a key whose value stands under it is
not a comment of a value.
"""

from __future__ import annotations

import re

_BLOCK = re.compile(r"(?:^|[:\-]\s+)[|>][0-9+-]*\s*(?:#.*)?$")  # a line that opens a block scalar
_SUSPECT = re.compile(r"(?m)(?:^|[ \t])#[^\s#]")  # a ``#`` at a line's start or after a space, then more than one
#: indentation, dashes and a key (plain or quoted)
_LEAD = re.compile(r"\s*(?:-\s+)*(?:(?:\"[^\"]*\"|'[^']*'|[^\s:#'\"{}\[\],][^:#]*):(?:\s+|$))?")


def lost_comments(text: str) -> list[tuple[int, str]]:
    """(line, the comment from ``#``) of each value followed by a comment that reads as copy, and of each key
    or list item whose whole value reads as one (``headline: #春城花开# 话题``: no value at all)."""
    if not _SUSPECT.search(text):  # (most files: nothing to look at)
        return []
    out: list[tuple[int, str]] = []
    lines = text.splitlines()
    block = -1  # the column a block scalar's lines run deeper than (-1: none open)
    for number, line in enumerate(lines, 1):
        indent = len(line) - len(line.lstrip(" "))
        if block >= 0:
            if not line.strip() or indent > block:
                continue
            block = -1
        cut = _comment_at(line)
        if cut is not None and line[cut + 1:cut + 2] not in ("", " ", "\t", "#"):
            value = line[len(_LEAD.match(line[:cut]).group()):cut].strip()  # type: ignore[union-attr]
            if value[:1] not in ("'", '"', "|", ">") and value != "---" and (value or _bare(lines, number, cut)):
                out.append((number, line[cut:].rstrip()))
        if _BLOCK.search(line[:cut] if cut is not None else line):
            block = _column(line)  # (its key's column; ``- |``: the dash's)
            block = indent if line[block:block + 1] in ("|", ">") else block
    return out


def _bare(lines: list[str], number: int, cut: int) -> bool:
    """Whether line ``number`` (1-based), a key or a list item whose comment starts at ``cut`` with nothing
    before it, has no value under it either (the next line with text is no deeper): its value is the
    comment, and YAML reads it as none."""
    line = lines[number - 1]
    if not line[:cut].strip():
        return False  # (a comment on a line of its own)
    column = _column(line)
    for after in lines[number:]:
        if after.strip() and not after.lstrip().startswith("#"):
            deeper = len(after) - len(after.lstrip(" ")) - column
            return deeper < 0 or (deeper == 0 and not re.match(r"-(?:\s|$)", after.lstrip()))  # (a list at that
    return True  # column is its value)


def _column(line: str) -> int:
    """The column a line's key or list item starts at, past its indentation and dashes."""
    return len(line) - len(line.lstrip(" -"))


def _comment_at(line: str) -> int | None:
    """Where ``line``'s comment starts (a ``#`` at its start or after a space or tab, outside quotes), or None."""
    quote, skip = "", False
    for i, ch in enumerate(line):
        if skip:
            skip = False
        elif quote:
            if ch == quote:
                if quote == "'" and line[i + 1:i + 2] == "'":
                    skip = True  # (``''``: a quote inside a single-quoted value)
                else:
                    quote = ""
        elif ch in "'\"" and (i == 0 or line[i - 1] in " \t:[{,-"):
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return i
    return None
