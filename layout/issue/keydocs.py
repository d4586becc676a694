"""What every key of the issue format means: one table, read by the JSON Schema (its
``description``s) and written into the README's key reference (``key_reference``).

In:  nothing.
Out: ``DESCRIPTIONS``: (mapping, key) → one line for a designer; ``MAPPINGS``: what each
     mapping is and where it appears. ``tests/test_schema.py`` checks that every key of
     ``layout.issue.spec.KEYS`` has a line and that the README carries the generated table.
"""

from __future__ import annotations

from layout.blocks import NAMES
from layout.issue.style import style_tables

#: Where each mapping appears, as a key path, and what it is.
MAPPINGS: dict[str, str] = {
    "issue_file": "the top level of an issue file",
    "issue": "`issue:` the edition",
    "print": "`print:` how photos and logos are prepared for the press",
    "typography": "`typography:` at the top, in a page or in an article (the innermost wins)",
    "page": "`pages[]`: one 版",
    "paper": "`pages[].paper` when it is a mapping instead of a size name",
    "margins": "`pages[].margins`",
    "grid": "`pages[].grid`: the page's columns and baseline grid",
    "at": "`blocks[].at`: the place of a block on the grid (column and line are 1-based)",
}

_COMMON = {
    "type": "the kind of block: " + ", ".join(NAMES[:-1]) + " or " + NAMES[-1],
    "id": "the block's name, unique in the issue (used in messages, overlays and jump:)",
    "at": "where the block sits on the page grid: column, span, line, and lines or height",
}

#: One line per key.
DESCRIPTIONS: dict[tuple[str, str], str] = {
    ("issue_file", "banmian"): "format version; must be 1",
    ("issue_file", "issue"): "the edition: paper name, date, issue number",
    ("issue_file", "typography"): "typesetting rules for the whole issue (all optional)",
    ("issue_file", "print"): "photo preparation for the press: ICC profile, ink limit, resolution",
    ("issue_file", "pages"): "the pages (版), in order",
    ("issue", "paper"): "the paper's name, for the running head and the PDF metadata",
    ("issue", "date"): "the edition's date, a real calendar date: 2026-01-20 (or 2026年1月20日); "
                       "printed as 2026年1月20日 星期二",
    ("issue", "number"): "the issue number (第N期), optional",
    ("print", "profile"): "the output condition: newsprint (default: coldset newsprint, CGATS TR 002), "
                          "fogra39 (coated offset), or the print shop's CMYK ICC profile, relative to the issue file",
    ("print", "ink_limit"): "total ink of photos in % (newsprint is typically about 240), applied and reported",
    ("print", "ppi"): "target resolution of photos at their placed size; never upsampled (default 300)",
    ("page", "number"): "the page's number (版次), 1–999, unique",
    ("page", "name"): "the page's name (版名), e.g. 要闻, in the running head",
    ("page", "paper"): "broadsheet (390×545 mm), tabloid (270×390 mm), or {width, height}",
    ("page", "margins"): "top, bottom, left, right; left and right default to centring the grid",
    ("page", "grid"): "columns, characters per column, gutter, body size and leading",
    ("page", "blocks"): "the page's blocks: articles, photos, banners, a masthead",
    ("page", "typography"): "typesetting rules for this page (override the issue's)",
    ("page", "editor"): "责任编辑, named in the running head",
    ("page", "designer"): "美术编辑, named in the running head",
    ("page", "mono"): "true: a black-only page; its photos go out on the black plate alone. Any other colour "
                      "on it (the masthead's red, a box tint with C, M or Y) is a warning at render time naming "
                      "page and block",
    ("paper", "width"): "paper width, a length such as 390mm",
    ("paper", "height"): "paper height, a length such as 545mm",
    ("margins", "top"): "space above the grid, a length",
    ("margins", "bottom"): "space below the grid, a length",
    ("margins", "left"): "space left of the grid, a length (default: centred)",
    ("margins", "right"): "space right of the grid, a length (default: centred)",
    ("grid", "columns"): "number of base columns (栏)",
    ("grid", "chars"): "characters per column at the body size",
    ("grid", "gutter"): "space between columns, in characters (default 1)",
    ("grid", "body_size"): "body type size: a 号 name (小五) or pt (9pt)",
    ("grid", "leading"): "baseline pitch, a length (default 1.5 × the body size)",
    ("at", "column"): "first column of the block, 1-based",
    ("at", "span"): "columns the block spans (default 1)",
    ("at", "line"): "first grid line of the block, 1-based",
    ("at", "lines"): "height in grid lines",
    ("at", "height"): "height as a length instead of lines (rounded to whole lines)",
    **{(kind, key): text for kind in NAMES for key, text in _COMMON.items()},
    ("typography", "punctuation"): "quanjiao | line_end_half (GB/T 15834, default) | kaiming | banjiao",
    ("typography", "prohibition"): "line-start/line-end rules: none | basic | gb (default) | strict",
    ("typography", "dash_at_line_start"): "let —— and …… start a line (default false, a house rule)",
    ("typography", "relax_start"): "let ？ and ！ start a line (very short columns)",
    ("typography", "breaking"): "optimal (over the whole paragraph, default) or greedy",
    ("typography", "loose_limit_em"): "a justified line widening a gap by more is reported (default 0.25)",
    ("typography", "fullwidth_punct"): ", ( ) : ; ? ! touching Chinese become full width (default true); a mark at "
                                       "the edge of a quotation goes by the quotation's text, one between quotations "
                                       "by the sentence around them (“We will win,” said keeps its comma; "
                                       "包括“Apple”,“Google”等 becomes 包括“Apple”，“Google”等)",
    ("typography", "smart_quotes"): "straight \" ' touching Chinese become “ ” ‘ ’ (default true)",
    ("typography", "fix_dashes"): "-- ―― ... 。。。 in Chinese become —— and …… (default true)",
    ("typography", "latin_font"): "a face file stem for letters and digits, e.g. DejaVuSerif (default none)",
    ("typography", "latin_gap_em"): "the Han–Latin gap in em (default 0.25, clreq)",
    ("typography", "indent_chars"): "first-line indent of body paragraphs, in characters (default 2)",
    ("typography", "line_start_open_half"): "an opening bracket starting a line gives up its blank half",
    ("typography", "char_grid"): "strict character grid (字格): every ideograph on the column's em grid",
    ("issue_file", "house"): "the paper's house-style file (sizes, faces, colours, rules), relative to the issue",
    ("issue_file", "style"): "house-style changes for this issue (over the house file)",
    ("page", "style"): "house-style changes for this page (over the issue's)",
}
MAPPINGS.update(style_tables()[2])  # the house-style mappings: from the fields of ``layout.issue.style``
DESCRIPTIONS.update(style_tables()[3])


def _add_block_types() -> None:
    """Each registered block type's mappings and key lines (``layout.blocks``: its ``Format``)."""
    from layout.blocks import block_type

    for name in NAMES:
        form = block_type(name).format
        MAPPINGS.update(form.mappings)
        DESCRIPTIONS.update({(mapping, key): line for mapping, keys in form.keys.items()
                             for key, (_, line) in keys.items()})


_add_block_types()


def key_reference() -> str:
    """The README's key reference: one Markdown table per mapping, from ``DESCRIPTIONS``."""
    from layout.issue import spec

    out = []
    for mapping, keys in spec.KEYS.items():
        required = spec.REQUIRED.get(mapping, ())
        out.append(f"**{MAPPINGS[mapping]}**\n\n| key | meaning |\n|---|---|")
        out += [f"| `{key}`{' (required)' if key in required else ''} | "
                f"{DESCRIPTIONS[mapping, key].replace('|', chr(92) + '|')} |" for key in keys]
        out.append("")
    return "\n".join(out)
