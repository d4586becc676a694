"""Copy that YAML reads as a comment: a value followed by `` #`` and more, which is never printed.

In:  the text of a YAML file (an issue, a house style, a make-up plan).
Out: ``lost_comments``: (line, what follows the ``#``) for each line whose value is followed by a
     comment that reads as copy: ``#`` after a space, directly followed by more than a space.

YAML starts a comment at a ``#`` after a space, so ``body: 网友在微博发起 #春城花开# 话题`` prints
``网友在微博发起`` and nothing else, and the reader says nothing: a Weibo topic (#话题#), a hashtag
or an issue number (#12) typed in copy is cut. A comment a person writes to a reader of the file
is ``# note`` (a space after the mark) or stands on its own line; those are left alone. The rest is
told, with the line, so that the value is quoted (``"网友在微博发起 #春城花开# 话题"``). A ``#`` inside
quotes, in a block scalar (``|``, ``>``) or with no value before it is not a comment of a value.
"""

from __future__ import annotations

import re

_BLOCK = re.compile(r"(?:^|[:\-]\s)[|>][0-9+-]*\s*(?:#.*)?$")  # a line that opens a block scalar
_SUSPECT = re.compile(r"[ \t]#[^\s#]")
_LEAD = re.compile(r"\s*(?:-\s+)*(?:[^\s:#'\"{}\[\],][^:#]*:(?:\s+|$))?")  # indentation, dashes and a plain key


def lost_comments(text: str) -> list[tuple[int, str]]:
    """(line, the comment from ``#``) of each value followed by a comment that reads as copy."""
    if not _SUSPECT.search(text):  # (most files: no ``#`` after a space but before one, or a line's end)
        return []
    out: list[tuple[int, str]] = []
    block = -1  # the indentation a block scalar's lines run deeper than (-1: none open)
    for number, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" "))
        if block >= 0:
            if not line.strip() or indent > block:
                continue
            block = -1
        cut = _comment_at(line)
        if cut is not None:
            value = line[len(_LEAD.match(line[:cut]).group()):cut].strip()  # type: ignore[union-attr]
            after = line[cut + 1:cut + 2]
            if value and after and not after.isspace() and after != "#":
                out.append((number, line[cut:].rstrip()))
        if _BLOCK.search(line[:cut] if cut is not None else line):
            block = indent
    return out


def _comment_at(line: str) -> int | None:
    """Where ``line``'s comment starts (a ``#`` at its start or after a space or tab, outside quotes), or None."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"" and (i == 0 or line[i - 1] in " \t:[{,-"):
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return i
    return None
