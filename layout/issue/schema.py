"""JSON Schema of the issue format, generated from ``layout.issue.spec``.

In:  the format's tables (keys, value kinds, choices, ranges, required keys).
Out: a JSON Schema (draft 2020-12) as a dict, and ``python -m layout.issue.schema``
     prints it. ``layout/data/issue.schema.json`` is the same text, shipped for
     editors. Point a YAML editor at it (for example with a
     ``# yaml-language-server: $schema=…`` first line) for completion and
     validation while typing. The loader remains the judge: the schema cannot
     know, for example, that a block must fit the page's own grid.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from layout.issue import spec

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "data" / "issue.schema.json"
_LENGTH = {"type": "string", "pattern": spec.LENGTH_PATTERN, "description": "a length: 20mm, 9pt, 1.5cm, 0.5in"}
_SIZE = {"anyOf": [{"enum": list(spec.SIZE_NAMES)}, _LENGTH], "description": "a 号 size (小五, 一号 …) or a length"}


def _value(mapping: str, key: str) -> dict[str, Any]:
    """The schema of one key's value."""
    kind = spec.FIELDS[mapping, key]
    if kind in ("int", "number"):
        out: dict[str, Any] = {"type": "integer" if kind == "int" else "number"}
        if (mapping, key) in spec.RANGES:
            low, high = spec.RANGES[mapping, key]
            out.update(minimum=low, maximum=high)
        return out
    if kind.startswith("map:"):
        return _mapping(kind[4:])
    if kind == "choice":
        return {"enum": list(spec.CHOICES[key])}
    return _KINDS[kind]()


_KINDS: dict[str, Callable[[], dict[str, Any]]] = {
    "text": lambda: {"type": ["string", "number"]},
    "bool": lambda: {"type": "boolean"},
    "length": lambda: _LENGTH,
    "size": lambda: _SIZE,
    "font": lambda: {"enum": list(spec.FONT_ROLES)},
    "align": lambda: {"enum": list(spec.ALIGNS)},
    "fit": lambda: {"enum": list(spec.FITS)},
    "version": lambda: {"const": spec.FORMAT_VERSION},
    "boxstyle": lambda: {"enum": list(spec.BOX_STYLES)},
    "lines": lambda: {"type": "array", "items": {"type": "string"}},
    "cmyk": lambda: {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 1},
                     "minItems": 4, "maxItems": 4, "description": "a CMYK tint, fractions: [0, 0, 0, 0.1]"},
    "box": lambda: {"anyOf": [{"type": "boolean"}, {"enum": list(spec.BOX_STYLES)}, _mapping("box")]},
    "jump": lambda: {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 999}, {"type": "string"}],
                     "description": "the page the story continues on, or the id of the block that continues it"},
    "head": lambda: {"anyOf": [{"type": "string"}, _mapping("head")]},
    "paper": lambda: {"anyOf": [{"enum": list(spec.PAPER_SIZES_MM)}, _mapping("paper")]},
    "focus": lambda: {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 1},
                      "minItems": 2, "maxItems": 2},
    "crosshead": lambda: {"anyOf": [{"type": "string"},
                                    {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 2}]},
    "body": lambda: {"type": "array", "items": {"anyOf": [{"type": "string"}, _body_item()]}},
    "blocks": lambda: {"type": "array", "items": {"oneOf": [_block(name) for name in spec.BLOCK_TYPES]}},
    "pages": lambda: {"type": "array", "minItems": 1, "items": _mapping("page")},
}


def _mapping(name: str) -> dict[str, Any]:
    """A mapping with exactly the keys the format allows."""
    return {"type": "object", "additionalProperties": False,
            "properties": {key: _value(name, key) for key in spec.KEYS[name]},
            "required": list(spec.REQUIRED.get(name, ()))}


def _body_item() -> dict[str, Any]:
    """A body item that is not plain text: one of crosshead, jump, byline_end."""
    item = _mapping("body_item")
    item["minProperties"] = item["maxProperties"] = 1
    return item


def _block(kind: str) -> dict[str, Any]:
    """A block of one type: its ``type`` is fixed, ``at`` is the grid placement."""
    properties: dict[str, Any] = {key: _value(kind, key) for key in spec.KEYS[kind]
                                  if spec.FIELDS[kind, key] != "block_common"}
    properties.update(type={"const": kind}, id={"type": ["string", "number"]}, at=_placement())
    return {"type": "object", "additionalProperties": False, "required": list(spec.REQUIRED[kind]),
            "properties": properties}


def _placement() -> dict[str, Any]:
    """``at``: column and line, and either lines or height."""
    at = _mapping("at")
    at["anyOf"] = [{"required": ["lines"]}, {"required": ["height"]}]
    return at


def schema() -> dict[str, Any]:
    """The JSON Schema of an issue file."""
    root = _mapping("issue_file")
    root.update({"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Banmian issue",
                 "description": "One edition of a newspaper for Banmian (版面), format version "
                                f"{spec.FORMAT_VERSION}."})
    return root


def schema_text() -> str:
    """The schema as stable, indented JSON text."""
    return json.dumps(schema(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(schema_text())
