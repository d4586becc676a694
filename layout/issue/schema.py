"""JSON Schema of the issue format, generated from ``layout.issue.spec``.

In:  the format's tables (keys, value kinds, choices, ranges, required keys).
Out: a JSON Schema (draft 2020-12) as a dict, and ``python -m layout.issue.schema``
     prints it (so does ``banmian schema``). ``layout/data/issue.schema.json`` is the
     same text, shipped for editors. Every key has the ``description`` of
     ``layout.issue.keydocs`` (the README's key reference); blocks are told apart by
     their ``type`` (``if``/``then``), so a misspelt key is reported on its own block;
     ``issue.date`` takes text or a YAML date as ``yaml.safe_load`` reads it. Point a
     YAML editor at it (for example with a ``# yaml-language-server: $schema=…`` first
     line) for completion and validation while typing. The loader remains the judge: the schema cannot
     know, for example, that a block must fit the page's own grid.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from layout.issue import spec, vocab
from layout.issue.keydocs import DESCRIPTIONS, MAPPINGS

SCHEMA_ID = f"urn:banmian:schema:issue:{spec.FORMAT_VERSION}"  # stable: changes only with the format version
#: issue.date as text (the forms ``layout.issue.dates`` reads); a YAML date read by yaml.safe_load is no JSON
#: type, so it meets no ``pattern`` and passes (the loader checks the calendar).
_DATE = {"pattern": r"^\s*\d{4}\s*([-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
                    r"\s*((星期|周|礼拜)[一二三四五六日天])?\s*$",
         "not": {"type": ["number", "boolean", "null", "array", "object"]}}

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "data" / "issue.schema.json"
_LENGTH = {"type": "string", "pattern": spec.LENGTH_PATTERN, "description": "a length: 20mm, 9pt, 1.5cm, 0.5in"}
_SIZE = {"anyOf": [{"enum": list(spec.SIZE_NAMES)}, _LENGTH], "description": "a 号 size (小五, 一号 …) or a length"}


def _value(mapping: str, key: str) -> dict[str, Any]:
    """The schema of one key's value, with its description."""
    return {**_kind(mapping, key), "description": DESCRIPTIONS[mapping, key]}


def _kind(mapping: str, key: str) -> dict[str, Any]:
    """The schema of one key's value kind."""
    if (mapping, key) == ("issue", "date"):
        return dict(_DATE)
    if (mapping, key) == ("typography", "latin_font"):
        return {"type": ["string", "null"]}  # null: no Latin face (the default)
    kind = spec.FIELDS[mapping, key]
    if kind in ("int", "number"):
        out: dict[str, Any] = {"type": "integer" if kind == "int" else "number"}
        if (mapping, key) in spec.RANGES:
            low, high = spec.RANGES[mapping, key]
            out.update(minimum=low, maximum=high)
        return out
    if kind == "map:style":
        return {"$ref": "#/$defs/style"}  # the house style: defined once, used by an issue, page and article
    if kind.startswith("map:"):
        return _mapping(kind[4:])
    if kind.startswith("items:"):  # a list of texts or mappings (an index's or briefs' items)
        return {"type": "array", "minItems": 1, "items": {"anyOf": [{"type": "string"}, _mapping(kind[6:])]}}
    if kind == "choice":
        return {"enum": list(spec.CHOICES.get(f"{mapping}.{key}") or spec.CHOICES[key])}  # mapping's own first
    return _KINDS[kind]()


_COLOR = {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 100}, "minItems": 4, "maxItems": 4,
          "description": "[c, m, y, k] in % (0–100) or fractions (0–1)"}

_KINDS: dict[str, Callable[[], dict[str, Any]]] = {
    "color": lambda: {"anyOf": [{"type": "string"}, _COLOR]},
    "reverse": lambda: {"anyOf": [{"type": "boolean"}, {"type": "string"}, _COLOR]},
    "percent": lambda: {"type": "integer", "minimum": 50, "maximum": 200},
    "text": lambda: {"type": ["string", "number", "boolean"]},  # (a number or true/false: the text typed)
    "bool": lambda: {"type": "boolean"},
    "length": lambda: _LENGTH,
    "size": lambda: _SIZE,
    "font": lambda: {"enum": list(vocab.FONT_ROLES)},
    "align": lambda: {"enum": list(vocab.ALIGNS)},
    "fit": lambda: {"enum": list(vocab.FITS)},
    "version": lambda: {"const": spec.FORMAT_VERSION},
    "boxstyle": lambda: {"enum": list(vocab.BOX_STYLES)},
    "lines": lambda: {"type": "array", "items": {"type": "string"}},
    "cmyk": lambda: {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 1},
                     "minItems": 4, "maxItems": 4, "description": "a CMYK tint, fractions: [0, 0, 0, 0.1]"},
    "colour": lambda: {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "number", "minimum": 0,
                                                                               "maximum": 1},
                                                      "minItems": 4, "maxItems": 4}]},
    "table_columns": lambda: {"type": "array", "minItems": 1,
                              "items": {"anyOf": [{"type": ["string", "number", "boolean"]},
                                                  _mapping("table_column")]}},
    "table_rows": lambda: {"type": "array", "items": {"type": "array", "items": {"type": ["string", "number",
                                                                                          "boolean", "null"]}}},
    "box": lambda: {"anyOf": [{"type": "boolean"}, {"enum": list(vocab.BOX_STYLES)}, _mapping("box")]},
    "jump": lambda: {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 999}, {"type": "string"}],
                     "description": "the page the story continues on, or the id of the block that continues it"},
    "head": lambda: {"anyOf": [{"type": ["string", "number", "boolean"]}, _mapping("head")]},
    "paper": lambda: {"anyOf": [{"enum": list(spec.PAPER_SIZES_MM)}, _mapping("paper")]},
    "focus": lambda: {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 1},
                      "minItems": 2, "maxItems": 2},
    "crosshead": lambda: {"anyOf": [{"type": "string"},
                                    {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 2}]},
    "body": lambda: {"type": "array", "items": {"anyOf": [{"type": "string"}, _body_item()]}},
    "blocks": lambda: {"type": "array", "items": _blocks()},
    "pages": lambda: {"type": "array", "minItems": 1, "items": _mapping("page")},
    "style_font": lambda: {"enum": list(vocab.FONT_ROLES)},
    "style_align": lambda: {"enum": list(vocab.ALIGNS)},
    "style_size": lambda: _SIZE,
    "style_length": lambda: _LENGTH,
    "style_step": lambda: _LENGTH,
    "style_jumptext": lambda: {"type": "string", "pattern": "^[^{}]*\\{page\\}[^{}]*$"},
    "style_int": lambda: {"type": "integer", "minimum": 1, "maximum": 20},
    "style_bool": lambda: {"type": "boolean"},
    "style_extent": lambda: _LENGTH,
    "style_text": lambda: {"type": ["string", "number"]},
    "style_count": lambda: {"type": "integer", "minimum": 0, "maximum": 10000},
    "style_number": lambda: {"type": "number", "minimum": 0, "maximum": 1000},
    "style_cmyk": lambda: {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 1},
                           "minItems": 4, "maxItems": 4},
    "style_percent": lambda: {"type": "integer", "minimum": 50, "maximum": 200},
    "style_em": lambda: {"type": "number", "minimum": 0, "maximum": 10},
    "style_punct": lambda: {"enum": ["half", "full"]},
    "style_ratio": lambda: {"enum": ["tight", "full"]},
    "style_color": lambda: {"anyOf": [{"type": "string"}, {"const": False}, _COLOR]},
    "style_colors": lambda: {"type": "object", "additionalProperties": _COLOR},
    "style_spans": lambda: {"type": "object", "minProperties": 1, "required": ["1"],
                            "propertyNames": {"pattern": "^[1-9][0-9]?$"}, "additionalProperties": _SIZE},
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


def _blocks() -> dict[str, Any]:
    """A block: its ``type`` chooses the keys it may have (``if``/``then``, so errors name the key)."""
    return {"type": "object", "required": ["type"],
            "properties": {"type": {"enum": list(spec.BLOCK_TYPES), "description": DESCRIPTIONS["article", "type"]}},
            "allOf": [{"if": {"properties": {"type": {"const": kind}}, "required": ["type"]}, "then": _block(kind)}
                      for kind in spec.BLOCK_TYPES]}


def _block(kind: str) -> dict[str, Any]:
    """A block of one type: its ``type`` is fixed, ``at`` is the grid placement."""
    properties: dict[str, Any] = {key: _value(kind, key) for key in spec.KEYS[kind]
                                  if spec.FIELDS[kind, key] != "block_common"}
    properties.update(type={"const": kind, "description": DESCRIPTIONS[kind, "type"]},
                      id={"type": ["string", "number"], "description": DESCRIPTIONS[kind, "id"]},
                      at={**_placement(), "description": DESCRIPTIONS[kind, "at"]})
    return {"type": "object", "additionalProperties": False, "required": list(spec.REQUIRED[kind]),
            "properties": properties, "description": MAPPINGS[kind]}


def _placement() -> dict[str, Any]:
    """``at``: column and line, and either lines or height."""
    at = _mapping("at")
    at["anyOf"] = [{"required": ["lines"]}, {"required": ["height"]}]
    return at


def schema() -> dict[str, Any]:
    """The JSON Schema of an issue file."""
    root = _mapping("issue_file")
    root.update({"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
                 "title": "Banmian issue",
                 "description": "One edition of a newspaper for Banmian (版面), format version "
                                f"{spec.FORMAT_VERSION}.", "$defs": {"style": _mapping("style")}})
    return root


def schema_text() -> str:
    """The schema as stable, indented JSON text."""
    return json.dumps(schema(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(schema_text())
