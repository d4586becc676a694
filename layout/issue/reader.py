"""A typed reader over one YAML document: plain data with the line of every key path,
mappings read key by key with messages that name the file, line and key.

In:  a composed YAML node tree (``Doc.build``) and the format's key tables.
Out: plain values (text, numbers, lengths, choices, files) or an ``IssueError``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.errors import IssueError
from layout.issue.model import Typography
from layout.logger import LOGGER

if TYPE_CHECKING:
    import yaml
MAX_NODES = 200_000  # YAML values in one issue file
MAX_DIGITS = 4000  # of a whole number written with leading zeros (``whole``; Python's int() refuses past 4 300)
_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
#: The numbers a plain scalar is read as: whole numbers and decimal fractions as written in copy (a fraction with
#: its point, as PyYAML reads one: 1e3 stays text). YAML 1.1's other forms, which PyYAML reads as numbers, are the
#: text as typed: base 60 (a time, 12:30, is not 750), a leading 0 (007, 010: not octal 8), 0x and 0b, digits
#: grouped by _ (1_000).
_PLAIN_NUMBER = re.compile(r"[-+]?(?:0|[1-9][0-9]*|[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
                           r"|\.(?:nan|NaN|NAN)")
_ZEROS = re.compile(r"[-+]?0[0-9]+")  # a whole number written with leading zeros (read as text: ``_PLAIN_NUMBER``)
#: The tags of scalars read as the text typed: text, a date (kept as written), and YAML 1.1's ``=`` ("value") and
#: ``<<`` ("merge"), which no data of an issue is: a cell or a paragraph of ``=`` is the sign.
_TEXT_TAGS = (":str", ":timestamp", ":value", ":merge")
#: Why a copy key or item written as ``null``, ``~`` or nothing holds no text, and how to print the word.
_NO_TEXT = "YAML reads null, ~ or nothing after the colon or dash as no text"


class Doc:
    """Plain YAML data plus the line of every key path."""

    def __init__(self, file: str, jail: Path | None = None) -> None:
        self.file = file
        self.jail = jail  # safe mode: referenced files must lie inside this folder
        self.lines: dict[str, int] = {}
        self.typed: dict[str, str] = {}  # a plain scalar read as a number or true/false: its text as typed
        self.nodes = 0

    def local_file(self, key: str, base: Path, name: str, what: str) -> Path:
        """A file named relative to the issue; it must exist (and, in safe mode, stay in the folder)."""
        path = (base / name).resolve()
        if self.jail is not None and not path.is_relative_to(self.jail):
            raise self.error(key, f"{what} {name!r} is outside the issue's folder (not allowed with --safe)")
        if path.exists() and not path.is_file():
            kind = "a folder" if path.is_dir() else "a device, FIFO or socket"
            raise self.error(key, f"{what} {name!r} is not a regular file ({kind}); name the file itself")
        if not path.is_file():
            raise self.error(key, f"{what} {name!r} not found (looked in {base})")
        return path

    def error(self, path: str, message: str) -> IssueError:
        """An IssueError at ``path`` (its line, or its nearest parent's)."""
        probe = path
        while probe and probe not in self.lines:
            probe = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", probe)
        return IssueError(self.file, self.lines.get(probe), path, message)

    def build(self, node: yaml.Node, path: str, seen: set[int]) -> Any:
        """Node tree → plain data, recording lines; refuses aliases and duplicate keys. (PyYAML is
        imported here, not with the module: most files are read without it, ``plainyaml``.)"""
        import yaml

        if id(node) in seen:
            raise self.error(path, "YAML aliases (*name) are not supported in issue files")
        seen.add(id(node))
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.error(path, f"the file has more than {MAX_NODES} values; split the issue")
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _COLLECTION_TAGS:
            raise self.error(path, f"the tag {node.tag} cannot be used here")
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                sub = f"{path}.{key}" if path else key
                if key in out:
                    self.lines[sub] = key_node.start_mark.line + 1
                    raise self.error(sub, "this key appears twice in the same mapping")
                out[key] = self.build(value_node, sub, seen)
                self.lines[sub] = key_node.start_mark.line + 1
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, f"{path}[{i}]", seen) for i, item in enumerate(node.value)]
        if node.tag.endswith(_TEXT_TAGS) or (
                node.tag.endswith((":int", ":float")) and not _PLAIN_NUMBER.fullmatch(node.value)):
            if any(0xD800 <= ord(ch) <= 0xDFFF for ch in node.value):
                raise self.error(path, "the text has an unpaired surrogate (a broken \\u escape)")
            return node.value
        try:
            value = _constructor().construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, KeyError, TypeError) as exc:
            raise self.error(path, f"cannot read the value {node.value!r} with tag {node.tag} "
                                   f"({exc.__class__.__name__})") from None
        if isinstance(value, (bool, int, float)):
            self.typed[path] = node.value
        return value

    def as_typed(self, path: str, value: bool | float) -> str:
        """A number or true/false at ``path`` as the text it was typed as (12.50, +4, NO: not 12.5, 4, False),
        for a key or cell that takes text; ``str(value)`` when nothing was typed there or the data was changed
        since (make-up widens a block: its ``at`` is no longer what the file says)."""
        typed = self.typed.get(path)
        return typed if typed is not None and _reads_as(typed, value) else str(value)


def _reads_as(text: str, value: bool | float) -> bool:
    """Whether the plain scalar ``text`` (one ``Doc.typed`` holds) is read as ``value``."""
    if isinstance(value, bool):
        return text.lower() in (("true", "yes", "on") if value else ("false", "no", "off"))
    if value != value:  # NaN is no number equal to itself
        return text.lower() == ".nan"
    try:
        return float(text.lower().replace(".inf", "inf")) == value
    except ValueError:
        return False


def _constructor() -> Any:
    """PyYAML's safe constructor (one per process)."""
    global _CONSTRUCT
    if _CONSTRUCT is None:
        import yaml

        _CONSTRUCT = yaml.constructor.SafeConstructor()
    return _CONSTRUCT


_CONSTRUCT: Any = None


class Reader:
    """Typed access to one mapping of the document, with path-aware errors."""

    def __init__(self, doc: Doc, data: Any, path: str, allowed: tuple[str, ...]) -> None:
        self.doc, self.path = doc, path
        if not isinstance(data, dict):
            raise doc.error(path, f"expected a mapping (key: value lines), got {kind_of(data)}")
        self.data = data
        for key in data:
            if key not in allowed:
                import difflib  # only for a misspelt key (its import is about 1 ms)

                hint = difflib.get_close_matches(key, allowed, n=1)
                more = f" (did you mean {hint[0]!r}?)" if hint else f" (known keys: {', '.join(allowed)})"
                raise doc.error(self.sub(key), f"unknown key {key!r}{more}{_split_hint(key)}")

    def sub(self, key: str) -> str:
        """The key path of ``key`` in this mapping."""
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        """Whether the key is present."""
        return key in self.data

    def raw(self, key: str, default: Any = None, required: bool = False) -> Any:
        """The plain value of ``key``; a required key must be present and not empty."""
        if key not in self.data:
            if required:
                raise self.doc.error(self.path, f"missing required key {key!r}")
            return default
        value = self.data[key]
        if required and (value is None or value == ""):
            raise self.doc.error(self.sub(key), "needs a value")
        return value

    def text(self, key: str, default: str | None = None, required: bool = False) -> str | None:
        """A string value (a number or a true/false word is the text it was typed as: ``Doc.as_typed``)."""
        value = self.raw(key, default, required)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, (int, float)):
            return self.doc.as_typed(self.sub(key), value)
        raise self.doc.error(self.sub(key), f"expected text, got {kind_of(value)}")

    def copy(self, key: str, default: str | None = None) -> str | None:
        """Copy that is printed (a head, a byline, a caption): ``text``, but a key written with no text (``null``,
        ``~``, nothing: YAML's null) is said, a warning naming its line (the copy is left out: the editor may
        not have meant the word), and read as None."""
        if key in self.data and self.data[key] is None:
            LOGGER.warning("%s", self.doc.error(self.sub(key), (
                f"is empty: no {key.replace('_', ' ')} is printed ({_NO_TEXT}); write the text, put a word "
                "meant as copy in quotes ('null'), or leave the key out")))
            return None
        return self.text(key, default)

    def integer(self, key: str, default: int | None = None, required: bool = False,
                low: int | None = None, high: int | None = None) -> int | None:
        """An integer value within [low, high]."""
        value = self.raw(key, default, required)
        if value is None:
            return None
        value = whole(value)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.doc.error(self.sub(key), f"expected a whole number, got {shown(value)}")
        if low is not None and value < low:
            raise self.doc.error(self.sub(key), f"{value} is less than {low}")
        if high is not None and value > high:
            raise self.doc.error(self.sub(key), f"{value} is more than {high}")
        return value

    def number(self, key: str, default: float, low: float = 0.0, high: float = 1e6) -> float:
        """A plain number within [low, high]."""
        value = self.raw(key, default)
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise self.doc.error(self.sub(key), f"expected a number, got {shown(value)}")
        if not low <= value <= high:
            raise self.doc.error(self.sub(key), f"{value} is outside {low}..{high}")
        return float(value)

    def boolean(self, key: str, default: bool) -> bool:
        """A true/false value."""
        value = self.raw(key, default)
        if not isinstance(value, bool):
            raise self.doc.error(self.sub(key), f"expected true or false, got {shown(value)}")
        return value

    def convert(self, key: str, parse: Callable[[str], float], default: float | None = None,
                required: bool = False, low: float = 0.0, high: float = 5000.0) -> float:
        """A length or size string parsed by ``parse`` into pt, within [low, high] pt."""
        value = self.raw(key, None, required)
        if value is None:
            assert default is not None
            return default
        if not isinstance(value, str) or value.isdigit():
            raise self.doc.error(self.sub(key), f"{value!r} has no unit: write it like 20mm or 9pt")
        try:
            result = parse(value)
        except ValueError as exc:
            raise self.doc.error(self.sub(key), str(exc)) from None
        if not low <= result <= high:
            raise self.doc.error(self.sub(key), f"{value} is outside the range {low:g}..{high:g} pt")
        return result

    def mapping(self, key: str, allowed: tuple[str, ...]) -> Reader:
        """A nested mapping (empty if absent)."""
        return Reader(self.doc, self.raw(key, {}), self.sub(key), allowed)

    def items(self, key: str, required: bool = False) -> list[Any]:
        """A list value."""
        value = self.raw(key, [], required)
        if not isinstance(value, list):
            raise self.doc.error(self.sub(key), f"expected a list (lines starting with -), got {kind_of(value)}")
        return value


def empty_item(doc: Doc, path: str, what: str) -> IssueError:
    """The error for an item of a list of copy (a paragraph, a line) that YAML reads as no text."""
    return doc.error(path, f"this {what} is empty ({_NO_TEXT}): write its text, put a word meant as copy in "
                           "quotes ('null'), or delete it")


def _split_hint(key: str) -> str:
    """A hint for a key that is no word but the rest of a text: inside ``{ }`` a half-width comma ends the
    value (``{text: 逾2,000次}``: ``000次`` became a key); else ''."""
    if key[:1].isdigit() or not key.isascii():
        return ("; if it is the rest of a text: a half-width comma inside { } ends the value there, so put "
                "the text in quotes ('…2,000次')")
    return ""


def ints(mapping: str, key: str) -> tuple[int, int]:
    """The (low, high) bounds of an integer key, from the format's tables."""
    from layout.issue.spec import RANGES  # (the tables import the block types, which import this module)

    low, high = RANGES[mapping, key]
    return int(low), int(high)


def whole(value: Any) -> Any:
    """``value``, or the whole number a text of digits with leading zeros reads as (0012: 12; YAML 1.1 read it
    as octal, ``Doc.build`` leaves it text: ``_PLAIN_NUMBER``), for a key that takes a whole number."""
    if isinstance(value, str) and len(value) <= MAX_DIGITS and _ZEROS.fullmatch(value):
        return int(value)
    return value


def shown(value: Any) -> str:
    """``kind_of`` a value, and a short text as it was typed (``got text '1:30'``)."""
    if isinstance(value, str) and len(value) <= 40:
        return f"{kind_of(value)} {value!r}"
    return kind_of(value)


def kind_of(value: Any) -> str:
    """A short description of a YAML value's type, for messages."""
    if value is None:
        return "nothing"
    names = {bool: "true/false", int: "a number", float: "a number", str: "text",
             list: "a list", dict: "a mapping"}
    return names.get(type(value), type(value).__name__)


def choice(doc: Doc, r: Reader, key: str, default: str | None,
            choices: tuple[str, ...] | None = None, null_ok: bool = True) -> str | None:
    """A key that takes one of the words ``choices`` (default ``CHOICES[key]``); ``default``
    when absent; None only if ``null_ok``."""
    from layout.issue.spec import CHOICES

    words = CHOICES[key] if choices is None else choices
    value = r.text(key, default)
    if (value is not None or not null_ok) and value not in words:
        raise doc.error(r.sub(key), f"{value!r} is not one of {', '.join(words)}")
    return value


def image(doc: Doc, r: Reader, base: Path) -> Path | None:
    """The block's ``image`` file, relative to the issue file; it must exist and decode."""
    image = r.text("image")
    if not image:
        return None
    path = doc.local_file(r.sub("image"), base, image, "image file")
    _checkimage(doc, r.sub("image"), path)
    return path


def _checkimage(doc: Doc, key: str, path: Path) -> None:
    """An image must be one Pillow can read and decode to the end. It is read and decoded
    here once for the whole render (``layout.photo.sources``: size and pixel count checked
    before decoding; with --safe, the file actually opened must be in the issue's folder);
    photo preparation reuses the decoded picture."""
    from layout.photo.sources import ImageError, open_image, read_source

    try:
        read_source(path, doc.jail)
        open_image(path)  # decodes: a truncated file fails here (verify() only checks the structure)
    except ImageError as exc:
        raise doc.error(key, f"{path.name} is not a readable image ({str(exc).removeprefix(f'{path}: ')})") from None


def read_typography(doc: Doc, owner: Reader, base: Typography) -> Typography:
    """``typography:`` of an issue, page or article: ``base`` with the keys given changed."""
    from layout.issue.spec import CHOICES, KEYS, RANGES

    r = owner.mapping("typography", KEYS["typography"])
    changes: dict[str, Any] = {}
    for key in r.data:
        default = getattr(base, key)
        if key in CHOICES:
            changes[key] = choice(doc, r, key, None, null_ok=False)
        elif ("typography", key) in RANGES:
            changes[key] = r.number(key, default, *RANGES["typography", key])
        elif key == "latin_font":
            changes[key] = font_name(doc, r, key)
        else:
            changes[key] = r.boolean(key, default)
    return replace(base, **changes)


def font_name(doc: Doc, r: Reader, key: str) -> str | None:
    """A font file stem that the font search path has (e.g. DejaVuSerif), or null."""
    from layout.text.font import find_font, is_font_name, search_path

    name = r.text(key)
    if name and not is_font_name(name):
        raise doc.error(r.sub(key), f"{name!r} is not a font name: give a font file's stem (letters, digits, "
                                    "space, - _ . +), e.g. DejaVuSerif, never a path")
    if name and find_font(name) is None:
        folders = ", ".join(map(str, search_path()))
        raise doc.error(r.sub(key), f"font {name}.ttf not found (looked in {folders})")
    return name
