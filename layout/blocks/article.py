"""The article block type (稿件): headline group and body flowing through columns.

In:  a YAML ``type: article`` mapping; later the article model and a ``LayoutContext``.
Out: an ``ArticleBlock`` (kicker, headline, subhead by span; paragraphs with inline runs,
     cross-heads, jump lines); its copy cleaned by its own typography; its frame items.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.blocks import BlockType, Format, of
from layout.blocks.display_keys import DISPLAY_KEYS, display_look
from layout.errors import IssueError
from layout.issue import model as m
from layout.issue.house import read_style
from layout.issue.inline import parse_inline
from layout.issue.reader import Doc, Reader, choice, empty_item, ints, read_typography
from layout.issue.style import Face, HouseStyle
from layout.issue.vocab import ALIGNS, BOX_STYLES, FONT_ROLES
from layout.logger import LOGGER
from layout.text.clean import clean_text, unbalanced
from layout.units import parse_size

if TYPE_CHECKING:
    from layout.blocks.context import LayoutContext
    from layout.flow.article import Obstacle, Placed

BOXED_SPAN = 2  # a boxed article without ``columns`` sets one body column per this many base columns
#: A dateline (电头) opening a paragraph: the paper's own (本报讯, 本报北京3月5日电) or a news agency's (新华社, 中新社
#: and 中新网, each …电), with its reporters in brackets.
_DATELINE = re.compile(r"^((?:本报讯|本报[^（(，。]{0,24}电|(?:新华社|中新社|中新网)[^（(，。]{0,24}电)"
                       r"\s*[（(][^）)]{0,40}[）)])")


def _keys(mapping: str) -> tuple[str, ...]:
    """The keys a nested mapping of an article may have (``FORMAT``)."""
    return tuple(FORMAT.keys[mapping])


def read(doc: Doc, r: Reader, common: dict[str, Any], page: m.PageSpec, base: Path) -> m.ArticleBlock:
    """An article block: headline group (sizes by span) and body items."""
    span = common["at"].span
    style = read_style(doc, r, page.style)
    if r.has("column_rules"):  # 栏线: the article's own choice over the house default
        style = style._replace(rule=style.rule._replace(column_rules=r.boolean("column_rules", False)))
    big = span >= style.headline.wide_from
    kicker, subhead, align = style.kicker, style.subhead, "center" if big else "left"
    style = _body_face(doc, r, style)
    body = _attach_jumps(doc, r, style.jump.down, tuple(_body_item(doc, item, f"{r.sub('body')}[{i}]")
                                       for i, item in enumerate(r.items("body"))))
    return m.ArticleBlock(
        **common,
        kicker=_head(doc, r, "kicker", kicker.wide if big else kicker.narrow, kicker.font, align, style, base),
        headline=_head(doc, r, "headline", style.headline.size(span), style.headline.font, align, style, base),
        subhead=_head(doc, r, "subhead", subhead.wide if big else subhead.narrow, subhead.font, align, style, base),
        byline=r.copy("byline"),
        body=body,
        columns=_body_columns(doc, r, common["at"], page.grid, r.raw("box") not in (None, False)),
        continues=r.text("continues"),
        jump_head=(r.text("jump_head") or "").strip() or None,
        box=_box(doc, r),
        typography=read_typography(doc, r, page.typography),
        head_vertical=choice(doc, r, "head_vertical", None),
        head_digits=choice(doc, r, "head_digits", m.ArticleBlock.head_digits) or m.ArticleBlock.head_digits,
        style=style,
        body_size=_body_size(doc, r, page.grid),
        corner=_corner(doc, r, common["at"]),
    )


def _corner(doc: Doc, r: Reader, at: m.Placement) -> m.Placement | None:
    """``corner: {side, span, lines}`` (拐弯, the L-shaped story): the lower-left or lower-right
    corner of the article's rectangle, ``span`` base columns wide and ``lines`` lines tall,
    reaching its foot, left to other blocks; its body columns there end above it. Only an
    unboxed article with a horizontal head group turns a corner; the corner leaves at least
    one base column and one line of the article."""
    if not r.has("corner"):
        return None
    c = r.mapping("corner", _keys("corner"))
    side = choice(doc, c, "side", None, ("left", "right"), null_ok=False)
    span = c.integer("span", None, True, *ints("corner", "span")) or 1
    lines = c.integer("lines", None, True, *ints("corner", "lines")) or 1
    if span >= at.span:
        raise doc.error(c.sub("span"), f"the corner is {span} columns wide; the article spans {at.span}: "
                                       "a corner leaves the article at least one column")
    if lines >= at.lines:
        raise doc.error(c.sub("lines"), f"the corner is {lines} lines tall; the article has {at.lines}: "
                                        "a corner leaves the article at least its head")
    for key, why in (("box", "a boxed article's frame"), ("head_vertical", "a vertical head's strip")):
        if r.raw(key) not in (None, False):
            raise doc.error(r.sub("corner"), f"an article with {key} cannot turn a corner ({why} runs the "
                                             "article's full height): leave out corner or " + key)
    _corner_columns(doc, r, at, span)
    column = at.column if side == "left" else at.last_column - span + 1
    return m.Placement(column=column, span=span, line=at.end_line - lines, lines=lines)


def _corner_columns(doc: Doc, r: Reader, at: m.Placement, span: int) -> None:
    """A 破栏 L (``columns`` with ``corner``) is set only where the corner's edge falls on a gutter
    between two of its body columns: the side beside the corner then holds whole body columns.
    Any other corner would cut a body column, which would stop above the corner and leave its
    part beside it blank; refused, naming the corner widths that fit."""
    columns = r.raw("columns")
    if not isinstance(columns, int) or isinstance(columns, bool) or columns in (at.span, 0):
        return
    if (at.span - span) * columns % at.span == 0:
        return
    fits = [k for k in range(1, at.span) if (at.span - k) * columns % at.span == 0]
    raise doc.error(r.sub("corner") + ".span", (
        f"the corner is {span} columns wide, but {columns} body columns over the article's {at.span} base columns "
        f"(columns: {columns}, 破栏) do not meet its edge: a body column would run into the corner and stand "
        "blank beside it; ") + (f"make the corner {' or '.join(map(str, fits))} columns wide, " if fits else "")
        + "or leave out columns")


def _body_face(doc: Doc, r: Reader, style: HouseStyle) -> HouseStyle:
    """``body_font``: a font role (kai) or a named body face of the house style
    (``style.body_faces``: commentary, notice) → the article's ``style.body``."""
    name = choice(doc, r, "body_font", None)
    if name is None:
        return style
    face = Face(name) if name in FONT_ROLES else getattr(style.body_faces, name)
    return style._replace(body=face)


def _body_size(doc: Doc, r: Reader, grid: m.Grid) -> float | None:
    """``body_size``: the body's type size; at most the grid's line pitch (its lines stay on the grid)."""
    if not r.has("body_size"):
        return None
    return r.convert("body_size", parse_size, None, low=4.0, high=grid.pitch_pt)


def _head(doc: Doc, r: Reader, key: str, size: float, role: str, align: str, style: HouseStyle,
          base: Path) -> m.HeadText | None:
    """A kicker, headline or subhead: plain text (a number as typed: ``Reader.text``) or {text, size, font,
    align, color, scale, reverse, ornament} (``layout.blocks.display_keys``)."""
    value = r.raw(key)
    if value is None:
        r.copy(key)  # (written with no text: said)
        return None
    if isinstance(value, (str, int, float)):
        return m.HeadText(text=(r.text(key) or "").strip(), size_pt=size, role=role, align=align)
    h = Reader(doc, value, r.sub(key), _keys("head"))
    font = choice(doc, h, "font", role, FONT_ROLES) or role
    how = choice(doc, h, "align", align, ALIGNS) or align
    return m.HeadText(text=(h.text("text", required=True) or "").strip(),
                      size_pt=h.convert("size", parse_size, size, low=5.0, high=200.0),
                      role=font, align=how, **display_look(doc, h, style, base))


def _box(doc: Doc, r: Reader) -> m.BoxStyle | None:
    """``box: true``, a style name, or ``{style, tint: [c, m, y, k]}``; None when absent or false."""
    value = r.raw("box")
    if value is None or value is False:
        return None
    if value is True:
        return m.BoxStyle()
    if isinstance(value, str):
        value = {"style": value}
    b = Reader(doc, value, r.sub("box"), _keys("box"))
    style = choice(doc, b, "style", "single", BOX_STYLES) or "single"
    tint = b.raw("tint")
    if tint is not None and (not isinstance(tint, list) or len(tint) != 4 or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1 for v in tint)):
        raise doc.error(b.sub("tint"), "a tint is [c, m, y, k] with fractions from 0 to 1, e.g. [0, 0, 0, 0.1]")
    return m.BoxStyle(style, (float(tint[0]), float(tint[1]), float(tint[2]), float(tint[3])) if tint else None)


def _body_columns(doc: Doc, r: Reader, at: m.Placement, grid: m.Grid, boxed: bool = False) -> int | None:
    """``columns``: how many body columns the article's span is broken into (三破二: span 3,
    columns 2); each must hold at least 4 characters. A boxed article without ``columns``
    (the 报眼) sets one body column for every two base columns (``BOXED_SPAN``): one in a box
    of one or two, two in a box of three or four."""
    columns = r.integer("columns", None, False, *ints("article", "columns"))
    if columns is None and boxed:
        columns = max(1, -(-at.span // BOXED_SPAN))
    if columns is None or columns == at.span:
        return None
    total = at.span * grid.chars + (at.span - 1) * grid.gutter_chars
    if (total - (columns - 1) * grid.gutter_chars) / columns < 4:
        raise doc.error(r.sub("columns"), f"{columns} columns over {at.span} base columns leave fewer than 4 "
                                          "characters a column")
    return columns


def _body_item(doc: Doc, item: Any, path: str) -> m.BodyItem | tuple[str, int | str] | None:
    """A paragraph (text), {crosshead: [...]}, {byline_end: text} or {jump: page}; None for a
    ``byline_end`` with no text (said by ``Reader.copy``)."""
    if isinstance(item, str):
        return _paragraph(doc, item, path)
    if item is None:
        raise empty_item(doc, path, "paragraph")
    r = Reader(doc, item, path, _keys("body_item"))
    if len(r.data) != 1:
        raise doc.error(path, "a body item has exactly one of crosshead, jump, byline_end (or is plain text)")
    if r.has("crosshead"):
        lines = r.raw("crosshead")
        lines = [lines] if isinstance(lines, str) else lines
        if not isinstance(lines, list) or not 1 <= len(lines) <= 2 or not all(isinstance(x, str) for x in lines):
            raise doc.error(r.sub("crosshead"), "a cross-head is one or two lines of text")
        return m.CrossHead(lines=tuple(x.strip() for x in lines))
    if r.has("byline_end"):
        byline = r.copy("byline_end")
        if byline is None:
            return None  # (written with no text: said, and left out)
        return m.Paragraph(runs=(m.Run(byline, "kai"),), align="right", indent=False)
    target = r.raw("jump", None, required=True)
    if isinstance(target, str):
        return ("jump", target)
    return ("jump", r.integer("jump", None, True, *ints("body_item", "jump")) or 1)


def _attach_jumps(doc: Doc, r: Reader, wording: str, items: tuple[Any, ...]) -> tuple[m.BodyItem, ...]:
    """Append each ``{jump: N}`` to the paragraph before it as （下转第N版） (the house style's
    ``wording``); a ``{jump: id}`` gets its page number once every page is read (``link_jumps``)."""
    out: list[m.BodyItem] = []
    for i, item in enumerate(items):
        if item is None:  # (a byline_end with no text: said, left out)
            continue
        if isinstance(item, tuple):
            if not out or not isinstance(out[-1], m.Paragraph):
                raise doc.error(f"{r.sub('body')}[{i}]", "a jump line must follow a paragraph")
            last = out[-1]
            run = (m.Run(wording.format(page="?"), "jump", item[1]) if isinstance(item[1], str)
                   else m.Run(wording.format(page=item[1]), "jump"))
            out[-1] = m.Paragraph(runs=(*last.runs, run), align=last.align, indent=last.indent)
        else:
            out.append(item)
    return tuple(out)


def _paragraph(doc: Doc, text: str, path: str) -> m.Paragraph:
    """Paragraph text → runs: inline markup ({hei:…} {kai:…} {em:…}); a leading dateline
    (``_DATELINE``: 本报讯（记者 X）, 新华社北京3月5日电（记者 X）…) becomes bold Hei. Line breaks and
    runs of spaces in the YAML become one space (an ideographic space U+3000 is kept)."""
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()
    try:
        runs = parse_inline(text)
    except ValueError as exc:
        raise doc.error(path, str(exc)) from None
    match = _DATELINE.match(runs[0].text) if runs and runs[0].style == "body" else None
    if match:
        head = match.group(1)
        rest = runs[0].text[len(head):]
        runs = (m.Run(head, "dateline"), *((m.Run(rest, "body"),) if rest else ()), *runs[1:])
    return m.Paragraph(runs=runs)


def clean(b: m.ArticleBlock, typo: m.Typography, counts: Counter[str], page: int) -> m.ArticleBlock:
    """Every text of the article cleaned by its own typography; unbalanced marks warned about."""
    t = b.typography

    def head(h: m.HeadText | None) -> m.HeadText | None:
        return replace(h, text=clean_text(h.text, t, counts)) if h else None

    def item(it: m.BodyItem) -> m.BodyItem:
        if isinstance(it, m.CrossHead):
            return m.CrossHead(tuple(clean_text(x, t, counts) for x in it.lines))
        return replace(it, runs=tuple(m.Run(clean_text(r.text, t, counts, True), r.style) for r in it.runs))

    out = replace(b, kicker=head(b.kicker), headline=head(b.headline), subhead=head(b.subhead),
                  byline=clean_text(b.byline, t, counts) if b.byline else None, body=tuple(item(i) for i in b.body))
    _check_pairs(page, out)
    return out


def _check_pairs(page: int, b: m.ArticleBlock) -> None:
    """Warn about unbalanced brackets, quotes and 《》 in an article."""
    texts = [(h.text, False) for h in (b.kicker, b.headline, b.subhead) if h]
    for it in b.body:
        if isinstance(it, m.Paragraph):
            jumps = any(r.style == "jump" for r in it.runs)
            texts.append(("".join(r.text for r in it.runs if r.style != "jump"), jumps))
    for fault in unbalanced(texts):
        LOGGER.warning("unbalanced marks: page %d, block %r: %s", page, b.id, fault)


def _wrapped(article: m.ArticleBlock, ctx: LayoutContext) -> tuple[Obstacle, ...]:
    """The blocks with text wrap (photos with ``wrap``) inside an article, and the corner it leaves to
    other blocks (``corner``, 拐弯), as obstacles its text flows around."""
    from layout.flow.article import Obstacle, wrapped_rect

    out = []
    corner = article.corner
    for b in ctx.page.blocks:
        if of(b).wraps(b) and b.at.within(article.at) and not (corner and b.at.within(corner)):
            rect = wrapped_rect(b, ctx.page.blocks, ctx.grid)  # on the body columns of a 破栏 article
            out.append(Obstacle(rect.x, rect.x + rect.w, b.at.line, b.at.end_line))
    if corner is not None:  # 拐弯: the corner's blocks touch the text above them as blocks do (no white line)
        rect = ctx.grid.rect(corner)
        out.append(Obstacle(rect.x, rect.x + rect.w, corner.line, corner.end_line, gap=0))
    return tuple(out)


def layout(block: m.ArticleBlock, ctx: LayoutContext) -> Placed:
    """The article set by its own typography, around the wrapped photos inside it."""
    from layout.flow.article import layout_article
    from layout.flow.copyfit import HeadInCorner

    try:
        return layout_article(block, ctx, obstacles=_wrapped(block, ctx))
    except HeadInCorner as exc:
        raise _head_in_corner(block, ctx, exc.need, exc.room) from None


def _head_in_corner(block: m.ArticleBlock, ctx: LayoutContext, need: int, room: int) -> IssueError:
    """The error for an L whose head group does not fit across above its corner, at ``corner.lines``
    of the issue file (read again for its line: this happens once, when the page is refused)."""
    from layout.issue.load import compose

    assert block.corner is not None
    key = f"{block.yaml_path}.corner.lines"
    message = (f"the head group of article {block.id!r} takes {need} lines across its {block.at.span} columns, "
               f"but the corner leaves {room} above it (from the head's top, below any wrapped photo): the head "
               "would be set beside the corner and meet the blocks there (撞题); make the corner at most "
               f"{block.corner.lines - (need - room)} lines tall")
    try:
        doc, _ = compose(ctx.issue.source, None)
    except IssueError:
        return IssueError(str(ctx.issue.source), None, key, message)
    return doc.error(key, message)


def _ruled(block: m.ArticleBlock) -> bool:
    """A boxed article has its frame instead of hairlines."""
    return block.box is None


#: The keys of its YAML mappings: value kind and one line for the key reference.
FORMAT = Format(
    keys={
        "article": {
            "columns": ("int", 'body columns over the span (变栏/破栏: span 3, columns 2 = 三破二)'),
            "continues": ("text", 'the id of the article this one continues (转版): starts with （上接第M版）'),
            "jump_head": ("text", "the headline's short form repeated over each continuation (转版), "
                                  "instead of the headline itself; on a continuation, the head it is set under"),
            "box": ("box", 'a boxed article: true, a style (single, thick, double, wenwu, dotted, dashed, pattern, '
                           'beads, zigzag, checker) or {style, tint}'),
            "kicker": ("head", '引题 above the headline (Kai): text or {text, size, font, align}'),
            "headline": ("head", '主题: text or {text, size, font, align}; \\n forces a line break'),
            "subhead": ("head", '副题 below the headline (Kai): text or {text, size, font, align}'),
            "byline": ("text", 'the byline under the headline, e.g. 本报记者 尹朝平'),
            "body": ("body", 'paragraphs (text), and {crosshead}, {jump}, {byline_end} items'),
            "typography": ("map:typography", "typesetting rules for this article (override the page's)"),
            "style": ("map:style", "house-style changes for this article (over the page's)"),
            "head_vertical": ("choice", '竖排标题: right or left; the heads are set top to bottom in a strip'),
            "head_digits": ("choice", 'digits in a vertical head: auto (纵中横), upright or rotated'),
            "column_rules": ("bool", '栏线: hairlines in the gutters between the body columns, as tall as the text '
                                     '(default: the house style\'s rule.column_rules)'),
            "body_font": ("choice", 'the body face: a font role (kai …) or a body face the house style names '
                                    '(commentary: 评论 in 楷体, notice); datelines, jump lines and inline '
                                    'markup keep their own faces'),
            "body_size": ("size", "the body's type size (default the grid's; at most the line pitch): the lines "
                                  "stay on the page's baseline grid"),
            "corner": ("map:corner", '拐弯 (L-shaped story): {side, span, lines}, the lower-left or lower-right '
                                     'corner of the article left to other blocks; its body columns there end '
                                     'above them'),
        },
        "corner": {
            "side": ("choice", "left or right: the lower corner left to other blocks"),
            "span": ("int", "the corner's width in base columns (less than the article's span)"),
            "lines": ("int", "the corner's height in grid lines, up from the article's foot (less than its lines)"),
        },
        "head": {
            "text": ("text", 'the text; \\n forces a line break'),
            "size": ("size", 'a 号 name (初号 … 八号) or pt; the default depends on the span'),
            "font": ("font", 'a font role: song, song_bold, hei, hei_bold, kai'),
            "align": ("align", 'left, center or right'),
            **DISPLAY_KEYS,
        },
        "box": {
            "style": ("boxstyle", 'single 正线, thick 反线, double 双线 (two thin lines), wenwu 文武线 (thick and '
                                  'thin), dotted 点线, dashed 虚线; 花边框: pattern, beads, zigzag, checker'),
            "tint": ("cmyk", 'a background tint in CMYK fractions, e.g. [0, 0, 0, 0.08]. A tint (or any colour '
                             'on the page) whose total ink is over `print.ink_limit` is a warning at render time '
                             'naming page and block; preflight makes it an error in the press PDF'),
        },
        "body_item": {
            "crosshead": ("crosshead", '小标题: one line, or a list of two'),
            "jump": ("jump", '转版: the page number or the id of the block that continues the story; '
                             'appends （下转第N版） to the paragraph before'),
            "byline_end": ("text", 'a byline after the story, right-aligned'),
        },
    },
    mappings={
        "article": '`blocks[]` with `type: article`',
        "head": '`kicker`, `headline`, `subhead` when given as a mapping instead of text',
        "box": '`box` of an article when given as a mapping',
        "body_item": '`body[]` items that are not plain paragraphs',
        "corner": '`corner` of an article (拐弯)',
    },
    required={'head': ('text',), 'corner': ('side', 'span', 'lines')},
    ranges={('body_item', 'jump'): (1, 999), ('article', 'columns'): (1, 40), ('corner', 'span'): (1, 39),
            ('corner', 'lines'): (1, 999)},
    choices={'corner.side': ('left', 'right'),
             'head_vertical': ('right', 'left'), 'head_digits': ('auto', 'upright', 'rotated'),
             'body_font': (*FONT_ROLES, *HouseStyle._field_defaults['body_faces']._fields)},
)


def _texts(block: m.ArticleBlock) -> list[str]:
    """The head group, cross-heads, datelines, and the paragraphs of a boxed article (导读)."""
    out = [head.text for head in (block.kicker, block.headline, block.subhead) if head]
    out.extend([block.byline] if block.byline else [])
    out.extend(line for item in block.body if isinstance(item, m.CrossHead) for line in item.lines)
    out.extend(run.text for item in block.body if isinstance(item, m.Paragraph) for run in item.runs
               if block.box is not None or run.style == "dateline")
    return out


def _work(block: m.ArticleBlock) -> int:
    """The characters it sets: its head group, byline, body paragraphs and cross-heads."""
    heads = sum(len(head.text) for head in (block.kicker, block.headline, block.subhead) if head)
    return heads + len(block.byline or "") + sum(
        len(item.text) if isinstance(item, m.Paragraph) else sum(map(len, item.lines)) for item in block.body)


TYPE = BlockType("article", m.ArticleBlock, read, clean, layout, colour=(0, 90, 200, 255), ruled=_ruled,
                 holds_wraps=True, display_texts=_texts, format=FORMAT, work=_work)
