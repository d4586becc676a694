"""A reader for the plain subset of YAML that issue and house files are written in, so that a
render need not import PyYAML (about 10 ms: its reader compiles a large character-class
pattern at import).

In:  the text of a YAML file.
Out: ``(data, lines, typed)``, exactly what ``Doc.build`` makes of PyYAML's safe composition:
     plain data (mappings with text keys, lists, text, int, float, bool, None; a date stays
     the text it was written as), the line of every key path (a key's line, a list item's
     first line) and the text as typed of every value read as a number or true/false (12.50,
     NO: ``Doc.typed``); or ``None`` for anything outside the subset, which the caller then
     reads with PyYAML, errors and all (so every message, and its line, is PyYAML's).

The subset: block mappings with plain keys (letters, digits, ``_``, ``-``, ``.``) and block
lists (``- item``, a mapping started on the dash's line included); one-line plain and quoted
scalars (no escapes, no line folding); flow mappings and lists (``{a: 1, b: x}``, ``[0, 1]``),
which may run over several lines; comments. Anything else (block scalars ``|``/``>``,
anchors, aliases, tags, ``---`` documents, tabs, control characters, a plain scalar
continued on the next line, a duplicate key, a value whose type is not plain from its
first characters) is refused as a whole, never half read.

Scalars are typed as YAML 1.1's implicit types, which PyYAML's safe loader applies, type
them (https://yaml.org/type/): integers and decimal fractions in their plain forms,
``true``/``yes``/``on`` and their opposites, ``null`` and ``~``; any other text that one
of those types (or a date, ``bool``, ``float``, ``int``, ``null``, ``merge``, ``value``)
could claim by its first character is outside the subset unless it is plainly a length
such as ``13.5pt``.
"""

from __future__ import annotations

import re
from typing import Any

MAX_NODES = 200_000  # as layout.issue.reader: more and the file is left to the full reader
MAX_KEY = 1000  # characters of a key: longer ones are left to PyYAML (its simple keys end at 1024)
MAX_DIGITS = 4000  # of an integer: Python's int() refuses more than 4300 digits; PyYAML reports it

_KEY = re.compile(r"([\w.-]+):(?: +|$)")
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff\u2028\u2029\ud800-\udfff]")
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+")
_LENGTH = re.compile(r"-?[0-9]+(?:\.[0-9]+)?[A-Za-z%]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")  # a date (or not quite one): its text either way
_BOOL = {**dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
         **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False)}
_NULL = ("~", "null", "Null", "NULL")
_TYPED_START = set("-+0123456789.~<=")  # first characters of int, float, null, merge, value (and dates)
_WORD_START = set("yYnNtTfFoO")  # of bool and null words
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


class Refused(Exception):
    """The text is outside the subset."""


def read(text: str) -> tuple[Any, dict[str, int], dict[str, str]] | None:
    """``(data, lines, typed)`` of a YAML text in the subset, or None (see module docstring)."""
    if _UNSAFE.search(text):
        return None
    try:
        return _Parser(text).document()
    except (Refused, RecursionError):
        return None


def scalar(value: str) -> Any:
    """A plain scalar's value (YAML 1.1 implicit types, as PyYAML's safe loader types it)."""
    if not value.isascii():  # the implicit types' patterns are all ASCII: a text with any other character is text
        return value
    first = value[0]
    if first in _WORD_START:
        if value in _BOOL:
            return _BOOL[value]
        return None if value in _NULL else value
    if first not in _TYPED_START:
        return value
    if _INT.fullmatch(value) and len(value) <= MAX_DIGITS:
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    if value == "~":
        return None
    if value.lstrip("-")[:2] in ("0x", "0b", "0o"):  # 0xA is an int to YAML 1.1 (0b, 0o: left to PyYAML too)
        raise Refused(value)
    if _LENGTH.fullmatch(value) or _DATE.fullmatch(value):
        return value
    raise Refused(value)


class _Parser:
    """Recursive descent over the text's lines (see module docstring)."""

    def __init__(self, text: str) -> None:
        self.rows: list[tuple[int, int, str]] = []  # (line number, indent, content without comment)
        self.text_lines = text.split("\n")
        self.lines: dict[str, int] = {}
        self.typed: dict[str, str] = {}
        self.nodes = 0
        for number, line in enumerate(self.text_lines, 1):
            body = line.lstrip(" ")
            if not body or body.startswith("#"):
                continue
            if line.startswith(("---", "...", "%")):
                raise Refused(line)
            self.rows.append((number, len(line) - len(body), body))
        self.k = 0

    def document(self) -> tuple[Any, dict[str, int], dict[str, str]]:
        """The whole text: one block mapping (an issue or house file)."""
        if not self.rows:
            raise Refused("empty")
        _, indent, body = self.rows[0]
        if indent or _KEY.match(body) is None:
            raise Refused("not a mapping")
        data = self.mapping(indent, "")
        if self.k != len(self.rows):
            raise Refused("trailing text")
        return data, self.lines, self.typed

    def scalar(self, value: str, path: str) -> Any:
        """``scalar``, its text recorded in ``typed`` when it is read as a number or true/false."""
        out = scalar(value)
        if isinstance(out, (bool, int, float)):
            self.typed[path] = value
        return out

    def count(self, path: str, line: int) -> None:
        """One more value, at ``line`` (as Doc.build counts and records them)."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise Refused("too many values")
        self.lines[path] = line

    def block(self, indent: int, path: str) -> Any:
        """The block node whose first row is the next one, at ``indent``."""
        body = self.rows[self.k][2]
        if body == "-" or body.startswith("- "):
            return self.sequence(indent, path)
        if _KEY.match(body) is None:
            raise Refused(body)
        return self.mapping(indent, path)

    def mapping(self, indent: int, path: str) -> dict[str, Any]:
        """A block mapping whose keys stand at ``indent``."""
        out: dict[str, Any] = {}
        self.count(path, self.rows[self.k][0])
        while self.k < len(self.rows):
            number, at, body = self.rows[self.k]
            if at < indent:
                break
            match = _KEY.match(body)
            if at > indent or match is None:
                raise Refused(body)
            key = _key(match)
            if key in out:
                raise Refused("duplicate key")
            sub = f"{path}.{key}" if path else key
            rest = _uncomment(body[match.end():])
            self.k += 1
            if rest:
                out[key] = self.inline(rest, number, indent + match.end(), sub, indent)
            elif self.k < len(self.rows) and (self.rows[self.k][1] > indent or (
                    self.rows[self.k][1] == indent and _is_item(self.rows[self.k][2]))):
                out[key] = self.block(self.rows[self.k][1], sub)
            else:
                self.count(sub, number)
                out[key] = None
            self.lines[sub] = number
        return out

    def sequence(self, indent: int, path: str) -> list[Any]:
        """A block list whose dashes stand at ``indent``."""
        out: list[Any] = []
        self.count(path, self.rows[self.k][0])
        while self.k < len(self.rows):
            number, at, body = self.rows[self.k]
            if at < indent or (at == indent and not _is_item(body)):
                break
            if at > indent:
                raise Refused(body)
            sub = f"{path}[{len(out)}]"
            rest = body[1:].lstrip(" ")
            column = at + len(body) - len(rest)
            if not _uncomment(rest):
                self.k += 1
                if self.k >= len(self.rows) or self.rows[self.k][1] <= indent:
                    raise Refused("empty item")
                out.append(self.block(self.rows[self.k][1], sub))
            elif _KEY.match(rest):  # a mapping started on the dash's line
                self.rows[self.k] = (number, column, rest)
                out.append(self.mapping(column, sub))
            elif _is_item(rest):
                raise Refused("nested list on one line")
            else:
                self.k += 1
                out.append(self.inline(_uncomment(rest), number, column, sub, indent))
        return out

    def inline(self, rest: str, number: int, column: int, path: str, indent: int) -> Any:
        """A value written on its key's or dash's line: flow, quoted or plain; ``indent`` the
        enclosing block's (a following row deeper than it would continue a plain scalar)."""
        if rest[0] in "{[":
            return self.flow(number, column, path)
        if self.k < len(self.rows) and self.rows[self.k][1] > indent:
            raise Refused("continued")
        self.count(path, number)
        if rest[0] in "'\"":
            value, end = _quoted(rest, 0)
            after = rest[end:].lstrip(" ")
            if after and not (after[0] == "#" and rest[end] == " "):
                raise Refused(rest)
            return value
        if rest[0] in _INDICATORS and not (rest[0] == "-" and len(rest) > 1 and rest[1] != " "):
            raise Refused(rest)
        if ": " in rest or rest.endswith(":") or " #" in rest:
            raise Refused(rest)
        return self.scalar(rest, path)

    def flow(self, number: int, column: int, path: str) -> Any:
        """A flow collection starting at ``column`` of line ``number`` (it may run over lines)."""
        scan = _Flow(self.text_lines, number - 1, column, self)
        value = scan.node(path)
        scan.skip()
        if scan.pos < len(scan.line):  # text after the collection on its last line
            raise Refused("after flow")
        while self.k < len(self.rows) and self.rows[self.k][0] <= scan.row + 1:  # the rows it ran over
            self.k += 1
        return value


class _Flow:
    """A scanner over the characters of a flow collection, across lines."""

    def __init__(self, lines: list[str], row: int, pos: int, parser: _Parser) -> None:
        self.lines, self.row, self.pos, self.parser = lines, row, pos, parser
        self.line = lines[row]

    def skip(self) -> None:
        """Past spaces, comments and line ends (within the collection; not past the last line's end)."""
        while True:
            while self.pos < len(self.line) and self.line[self.pos] == " ":
                self.pos += 1
            if self.pos < len(self.line) and self.line[self.pos] == "#":
                if self.pos and self.line[self.pos - 1] != " ":
                    raise Refused("#")
                self.pos = len(self.line)
            if self.pos < len(self.line):
                return
            if self.row + 1 >= len(self.lines) or self.depth == 0:
                return
            self.row += 1
            self.line, self.pos = self.lines[self.row], 0

    depth = 0

    def node(self, path: str) -> Any:
        """The value at the scanner: a flow mapping, list, quoted or plain scalar."""
        self.skip()
        if self.pos >= len(self.line):
            raise Refused("end")
        ch = self.line[self.pos]
        line = self.row + 1
        self.parser.count(path, line)
        if ch == "{":
            return self.collection(path, "}", True)
        if ch == "[":
            return self.collection(path, "]", False)
        if ch in "'\"":
            value, self.pos = _quoted(self.line, self.pos)
            return value
        return self.parser.scalar(self.plain(), path)

    def plain(self) -> str:
        """A plain scalar in flow context (ends at , ] } or the line's end; no : [ { inside)."""
        start = self.pos
        while self.pos < len(self.line) and self.line[self.pos] not in ",]}":
            if self.line[self.pos] in ":[{" or (self.line[self.pos] == "#" and self.line[self.pos - 1] == " "):
                raise Refused(":")
            self.pos += 1
        value = self.line[start:self.pos].rstrip(" ")
        if not value or (value[0] in _INDICATORS and not (value[0] == "-" and len(value) > 1 and value[1] != " ")):
            raise Refused(value)
        if self.pos >= len(self.line) and self.row + 1 < len(self.lines):
            rest = self.lines[self.row + 1].lstrip(" ")
            if rest and rest[0] not in ",]}#":  # a plain scalar folded onto the next line
                raise Refused("folded")
        return value

    def collection(self, path: str, close: str, mapping: bool) -> Any:
        """A flow mapping (``mapping``) or list, from its opening bracket to ``close``."""
        self.pos += 1
        self.depth += 1
        out: Any = {} if mapping else []
        while True:
            self.skip()
            if self.pos >= len(self.line):
                raise Refused("unclosed")
            if self.line[self.pos] == close:
                self.pos += 1
                self.depth -= 1
                return out
            if mapping:
                match = _KEY.match(self.line, self.pos)
                if match is None or (not match.group(0).endswith(" ") and match.end() < len(self.line)):
                    raise Refused("flow key")
                key, line = _key(match), self.row + 1
                if key in out:
                    raise Refused("duplicate key")
                sub = f"{path}.{key}" if path else key
                self.pos = match.end()
                out[key] = self.node(sub)
                self.parser.lines[sub] = line
            else:
                out.append(self.node(f"{path}[{len(out)}]"))
            self.skip()
            if self.pos < len(self.line) and self.line[self.pos] == ",":
                self.pos += 1
            elif self.pos >= len(self.line) or self.line[self.pos] != close:
                raise Refused("separator")


def _key(match: re.Match[str]) -> str:
    """The key ``_KEY`` matched; a key near PyYAML's 1024-character limit of a simple key is left
    to PyYAML (which refuses it)."""
    if len(match.group(1)) > MAX_KEY:
        raise Refused("long key")
    return match.group(1)


def _is_item(body: str) -> bool:
    """Whether a row starts a list item (``-`` then a space or nothing)."""
    return body == "-" or body.startswith("- ")


def _uncomment(rest: str) -> str:
    """``rest`` without a trailing comment and spaces (a comment starts at `` #``); quoted
    text holding `` #`` is left whole (and refused later if it does not end cleanly)."""
    if rest.startswith("#"):
        return ""
    if rest[:1] in "'\"{[":
        return rest.rstrip(" ")
    cut = rest.find(" #")
    return (rest if cut < 0 else rest[:cut]).rstrip(" ")


def _quoted(line: str, pos: int) -> tuple[str, int]:
    """A quoted scalar that ends on its line: its text and the position after it (no escapes:
    a backslash in double quotes is refused; ``''`` in single quotes is one quote)."""
    quote = line[pos]
    if quote == '"':
        end = line.find('"', pos + 1)
        if end < 0 or "\\" in line[pos:end]:
            raise Refused("quoted")
        return line[pos + 1:end], end + 1
    out, k = [], pos + 1
    while True:
        end = line.find("'", k)
        if end < 0:
            raise Refused("quoted")
        out.append(line[k:end])
        if line[end + 1:end + 2] != "'":
            return "".join(out), end + 1
        out.append("'")
        k = end + 2
