"""What every key of the issue format means: one table, read by the JSON Schema (its
``description``s) and written into the README's key reference (``key_reference``).

In:  nothing.
Out: ``DESCRIPTIONS``: (mapping, key) → one line for a designer; ``MAPPINGS``: what each
     mapping is and where it appears. ``tests/test_schema.py`` checks that every key of
     ``layout.issue.spec.KEYS`` has a line and that the README carries the generated table.
"""

from __future__ import annotations

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
    "article": "`blocks[]` with `type: article`",
    "head": "`kicker`, `headline`, `subhead` when given as a mapping instead of text",
    "box": "`box` of an article when given as a mapping",
    "body_item": "`body[]` items that are not plain paragraphs",
    "photo": "`blocks[]` with `type: photo`",
    "banner": "`blocks[]` with `type: banner`",
    "masthead": "`blocks[]` with `type: masthead`",
}

_COMMON = {
    "type": "the kind of block: article, photo, banner or masthead",
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
    ("page", "mono"): "true: a black-only page; its photos go out on the black plate alone",
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
    **{(kind, key): text for kind in ("article", "photo", "banner", "masthead") for key, text in _COMMON.items()},
    ("article", "columns"): "body columns over the span (变栏/破栏: span 3, columns 2 = 三破二)",
    ("article", "continues"): "the id of the article this one continues (转版): starts with （上接第M版）",
    ("article", "box"): "a boxed article: true, a style (single, thick, double, dotted, pattern) or {style, tint}",
    ("article", "kicker"): "引题 above the headline (Kai): text or {text, size, font, align}",
    ("article", "headline"): "主题: text or {text, size, font, align}; \\n forces a line break",
    ("article", "subhead"): "副题 below the headline (Kai): text or {text, size, font, align}",
    ("article", "byline"): "the byline under the headline, e.g. 本报记者 尹朝平",
    ("article", "body"): "paragraphs (text), and {crosshead}, {jump}, {byline_end} items",
    ("article", "typography"): "typesetting rules for this article (override the page's)",
    ("article", "head_vertical"): "竖排标题: right or left; the heads are set top to bottom in a strip",
    ("article", "head_digits"): "digits in a vertical head: auto (纵中横), upright or rotated",
    ("head", "text"): "the text; \\n forces a line break",
    ("head", "size"): "a 号 name (初号 … 八号) or pt; the default depends on the span",
    ("head", "font"): "a font role: song, song_bold, hei, hei_bold, kai",
    ("head", "align"): "left, center or right",
    ("box", "style"): "single 正线, thick 反线, double 双线, dotted 点线, pattern 花边框",
    ("box", "tint"): "a background tint in CMYK fractions, e.g. [0, 0, 0, 0.08]",
    ("body_item", "crosshead"): "小标题: one line, or a list of two",
    ("body_item", "jump"): "转版: the page number or the id of the block that continues the story; "
                           "appends （下转第N版） to the paragraph before",
    ("body_item", "byline_end"): "a byline after the story, right-aligned",
    ("photo", "image"): "JPEG, PNG or TIFF, relative to the issue file; without it the slot shows a placeholder",
    ("photo", "label"): "the placeholder's label when there is no image",
    ("photo", "caption"): "the caption under the photo",
    ("photo", "credit"): "the photographer's credit, after the caption",
    ("photo", "fit"): "cover (crop to fill the slot) or contain (fit inside, centred)",
    ("photo", "focus"): "cover: the point of the photo to keep in view, as fractions [x, y]",
    ("photo", "wrap"): "true: the photo sits inside an article, whose text flows around it (图文互斥)",
    ("banner", "text"): "the banner headline across the page",
    ("banner", "size"): "its size: a 号 name or pt",
    ("masthead", "name"): "the paper's name (default: issue.paper), set large in red",
    ("masthead", "size"): "the name's size: a 号 name or pt",
    ("masthead", "font"): "the name's font role (default song_bold)",
    ("masthead", "image"): "the paper's logo instead of the set name, relative to the issue file",
    ("masthead", "lunar"): "the 农历 date, after the date on the first small-print line",
    ("masthead", "cn"): "国内统一刊号, after 第N期",
    ("masthead", "notes"): "more small-print lines (address, telephone) at the foot of the block",
    ("typography", "punctuation"): "quanjiao | line_end_half (GB/T 15834, default) | kaiming | banjiao",
    ("typography", "prohibition"): "line-start/line-end rules: none | basic | gb (default) | strict",
    ("typography", "dash_at_line_start"): "let —— and …… start a line (default false, a house rule)",
    ("typography", "relax_start"): "let ？ and ！ start a line (very short columns)",
    ("typography", "breaking"): "optimal (over the whole paragraph, default) or greedy",
    ("typography", "loose_limit_em"): "a justified line widening a gap by more is reported (default 0.25)",
    ("typography", "fullwidth_punct"): ", ( ) : ; ? ! touching Chinese become full width (default true)",
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
    ("article", "style"): "house-style changes for this article (over the page's)",
}
MAPPINGS.update(style_tables()[2])  # the house-style mappings: from the fields of ``layout.issue.style``
DESCRIPTIONS.update(style_tables()[3])


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
