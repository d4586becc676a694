"""The issue format's vocabulary, in one place: the loader checks against it and the
JSON Schema is generated from it.

In:  nothing.
Out: the keys of every mapping, the value kind of every key, and the allowed choices
     and ranges. ``layout.issue.load`` validates with these tables;
     ``layout.issue.schema`` turns them into a JSON Schema. ``tests/test_schema.py``
     feeds the loader every key of the schema to keep the two in step.
"""

from __future__ import annotations

from layout.blocks import NAMES
from layout.issue.style import style_tables
from layout.units import HAO_SIZES_PT

FORMAT_VERSION = 1
PAPER_SIZES_MM = {"broadsheet": (390.0, 545.0), "tabloid": (270.0, 390.0)}

#: Keys of every mapping of the format, by the mapping's name.
KEYS: dict[str, tuple[str, ...]] = {
    "issue_file": ("banmian", "issue", "house", "style", "typography", "print", "pages"),
    "issue": ("paper", "date", "number"),
    "print": ("profile", "ink_limit", "ppi"),
    "page": ("number", "name", "paper", "margins", "grid", "blocks", "typography", "style", "editor", "designer",
             "mono"),
    "paper": ("width", "height"),
    "margins": ("top", "bottom", "left", "right"),
    "grid": ("columns", "chars", "gutter", "body_size", "leading"),
    "at": ("column", "span", "line", "lines", "height"),
    "typography": ("fullwidth_punct", "latin_gap_em", "indent_chars", "line_start_open_half", "punctuation",
                   "prohibition", "dash_at_line_start", "relax_start", "breaking", "loose_limit_em", "char_grid",
                   "latin_font", "smart_quotes", "fix_dashes"),
}
BLOCK_TYPES = NAMES  # the registry (layout.blocks)

#: Choices of the keys that take one of a few words (typography; block types add their own).
CHOICES: dict[str, tuple[str, ...]] = {
    "punctuation": ("quanjiao", "line_end_half", "kaiming", "banjiao"),
    "prohibition": ("none", "basic", "gb", "strict"),
    "breaking": ("optimal", "greedy"),
}
#: Ranges of the numeric keys: (mapping, key) → (low, high).
RANGES: dict[tuple[str, str], tuple[float, float]] = {
    ("typography", "latin_gap_em"): (0.0, 1.0),
    ("typography", "indent_chars"): (0.0, 4.0),
    ("typography", "loose_limit_em"): (0.05, 2.0),
    ("print", "ink_limit"): (100.0, 400.0),
    ("print", "ppi"): (72.0, 1200.0),
    ("issue", "number"): (0, 10**9),
    ("page", "number"): (1, 999),
    ("grid", "columns"): (1, 20),
    ("grid", "chars"): (4, 120),
    ("grid", "gutter"): (0.0, 10.0),
    ("at", "column"): (1, 20),
    ("at", "span"): (1, 20),
    ("at", "line"): (1, 10**4),
    ("at", "lines"): (1, 10**4),
}

#: The kind of value of each key: text, int, number, bool, length ("20mm"), size
#: (a 号 name or a length), a choice list, a nested mapping (its KEYS name), or one
#: of a few special forms named below.
FIELDS: dict[tuple[str, str], str] = {
    ("issue_file", "banmian"): "version", ("issue_file", "issue"): "map:issue",
    ("issue_file", "typography"): "map:typography", ("issue_file", "print"): "map:print",
    ("issue_file", "pages"): "pages",
    ("issue", "paper"): "text", ("issue", "date"): "text", ("issue", "number"): "int",
    ("print", "profile"): "text", ("print", "ink_limit"): "number", ("print", "ppi"): "number",
    ("page", "number"): "int", ("page", "name"): "text", ("page", "paper"): "paper",
    ("page", "margins"): "map:margins", ("page", "grid"): "map:grid", ("page", "blocks"): "blocks",
    ("page", "typography"): "map:typography",
    ("paper", "width"): "length", ("paper", "height"): "length",
    **{("margins", side): "length" for side in KEYS["margins"]},
    ("grid", "columns"): "int", ("grid", "chars"): "int", ("grid", "gutter"): "number",
    ("grid", "body_size"): "size", ("grid", "leading"): "length",
    ("at", "column"): "int", ("at", "span"): "int", ("at", "line"): "int", ("at", "lines"): "int",
    ("at", "height"): "length",
    ("page", "editor"): "text", ("page", "designer"): "text", ("page", "mono"): "bool",
    **{("typography", key): "bool" for key in ("fullwidth_punct", "line_start_open_half", "dash_at_line_start",
                                              "relax_start", "char_grid", "smart_quotes", "fix_dashes")},
    **{("typography", key): "number" for key in ("latin_gap_em", "indent_chars", "loose_limit_em")},
    **{("typography", key): "choice" for key in CHOICES},
    ("typography", "latin_font"): "text",
}
#: Keys that must be present.
REQUIRED: dict[str, tuple[str, ...]] = {
    "issue_file": ("banmian", "issue", "pages"), "issue": ("paper", "date"), "page": ("number",),
    "paper": ("width", "height"), "at": ("column", "line"),
}
LENGTH_PATTERN = r"^\s*-?\d+(\.\d+)?\s*(pt|mm|cm|in)\s*$"
SIZE_NAMES = tuple(HAO_SIZES_PT)

#: The house-style mappings (``style:`` and a house file), generated from ``layout.issue.style``.
_STYLE = style_tables()
KEYS.update(_STYLE[0])
FIELDS.update(_STYLE[1])
FIELDS.update({("issue_file", "house"): "text", ("issue_file", "style"): "map:style", ("page", "style"): "map:style"})


def _add_block_types() -> None:
    """Each registered block type's keys (``layout.blocks``: its ``Format``), after ``typography``."""
    from layout.blocks import COMMON, block_type

    for name in BLOCK_TYPES:
        form = block_type(name).format
        for mapping, keys in form.keys.items():
            own = mapping == name
            KEYS[mapping] = (*COMMON, *keys) if own else tuple(keys)
            FIELDS.update({(mapping, key): kind for key, (kind, _) in keys.items()})
            if own:
                FIELDS.update({(mapping, key): "block_common" for key in COMMON})
                REQUIRED[mapping] = (*COMMON, *form.required.get(mapping, ()))
            elif mapping in form.required:
                REQUIRED[mapping] = form.required[mapping]
        RANGES.update(form.ranges)
        CHOICES.update(form.choices)


_add_block_types()
