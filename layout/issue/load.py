"""YAML text → ``Issue``, with errors that name the file, line and key path.

In:  the path of an issue file (YAML, format version 1, see README).
Out: a validated ``Issue`` whose lengths are in pt; or an ``IssueError`` such as
     ``issue/x.yaml:42 pages[0].blocks[3].span: 9 is more than the 8 columns``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from layout.errors import IssueError
from layout.files import InputRefused, read_input
from layout.issue import model as m
from layout.issue.dates import parse_date
from layout.issue.inline import parse_inline
from layout.issue.spec import (
    ALIGNS,
    BLOCK_TYPES,
    BOX_STYLES,
    CHOICES,
    FITS,
    FONT_ROLES,
    FORMAT_VERSION,
    KEYS,
    PAPER_SIZES_MM,
    RANGES,
)
from layout.issue.yamlhint import syntax_hint
from layout.units import mm, parse_length, parse_size

try:  # the C parser is much faster on large files
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_CONSTRUCT = yaml.constructor.SafeConstructor()
MAX_BYTES = 5_000_000
MAX_NODES = 200_000  # YAML values in one issue file
_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_DATELINE = re.compile(r"^((?:本报讯|本报[^（(，。]{0,24}电|新华社[^（(，。]{0,24}电)\s*[（(][^）)]{0,40}[）)])")


class _Doc:
    """Plain YAML data plus the line of every key path."""

    def __init__(self, file: str, jail: Path | None = None) -> None:
        self.file = file
        self.jail = jail  # safe mode: referenced files must lie inside this folder
        self.lines: dict[str, int] = {}
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
        """Node tree → plain data, recording lines; refuses aliases and duplicate keys."""
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
        if node.tag.endswith((":str", ":timestamp")):
            if any(0xD800 <= ord(ch) <= 0xDFFF for ch in node.value):
                raise self.error(path, "the text has an unpaired surrogate (a broken \\u escape)")
            return node.value
        try:
            return _CONSTRUCT.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, KeyError, TypeError) as exc:
            raise self.error(path, f"cannot read the value {node.value!r} with tag {node.tag} "
                                   f"({exc.__class__.__name__})") from None


class _Reader:
    """Typed access to one mapping of the document, with path-aware errors."""

    def __init__(self, doc: _Doc, data: Any, path: str, allowed: tuple[str, ...]) -> None:
        self.doc, self.path = doc, path
        if not isinstance(data, dict):
            raise doc.error(path, f"expected a mapping (key: value lines), got {_kind(data)}")
        self.data = data
        for key in data:
            if key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1)
                more = f" (did you mean {hint[0]!r}?)" if hint else f" (known keys: {', '.join(allowed)})"
                raise doc.error(self.sub(key), f"unknown key {key!r}{more}")

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
        """A string value (numbers are accepted and turned into text)."""
        value = self.raw(key, default, required)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        raise self.doc.error(self.sub(key), f"expected text, got {_kind(value)}")

    def integer(self, key: str, default: int | None = None, required: bool = False,
                low: int | None = None, high: int | None = None) -> int | None:
        """An integer value within [low, high]."""
        value = self.raw(key, default, required)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.doc.error(self.sub(key), f"expected a whole number, got {_kind(value)}")
        if low is not None and value < low:
            raise self.doc.error(self.sub(key), f"{value} is less than {low}")
        if high is not None and value > high:
            raise self.doc.error(self.sub(key), f"{value} is more than {high}")
        return value

    def number(self, key: str, default: float, low: float = 0.0, high: float = 1e6) -> float:
        """A plain number within [low, high]."""
        value = self.raw(key, default)
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise self.doc.error(self.sub(key), f"expected a number, got {_kind(value)}")
        if not low <= value <= high:
            raise self.doc.error(self.sub(key), f"{value} is outside {low}..{high}")
        return float(value)

    def boolean(self, key: str, default: bool) -> bool:
        """A true/false value."""
        value = self.raw(key, default)
        if not isinstance(value, bool):
            raise self.doc.error(self.sub(key), f"expected true or false, got {_kind(value)}")
        return value

    def convert(self, key: str, parse: Callable[[str], float], default: float | None = None,
                required: bool = False, low: float = 0.0, high: float = 5000.0) -> float:
        """A length or size string parsed by ``parse`` into pt, within [low, high] pt."""
        value = self.raw(key, None, required)
        if value is None:
            assert default is not None
            return default
        if not isinstance(value, str):
            raise self.doc.error(self.sub(key), f"{value!r} has no unit: write it like 20mm or 9pt")
        try:
            result = parse(value)
        except ValueError as exc:
            raise self.doc.error(self.sub(key), str(exc)) from None
        if not low <= result <= high:
            raise self.doc.error(self.sub(key), f"{value} is outside the range {low:g}..{high:g} pt")
        return result

    def mapping(self, key: str, allowed: tuple[str, ...]) -> _Reader:
        """A nested mapping (empty if absent)."""
        return _Reader(self.doc, self.raw(key, {}), self.sub(key), allowed)

    def items(self, key: str, required: bool = False) -> list[Any]:
        """A list value."""
        value = self.raw(key, [], required)
        if not isinstance(value, list):
            raise self.doc.error(self.sub(key), f"expected a list (lines starting with -), got {_kind(value)}")
        return value


def _ints(mapping: str, key: str) -> tuple[int, int]:
    """The (low, high) bounds of an integer key, from the format's tables."""
    low, high = RANGES[mapping, key]
    return int(low), int(high)


def _kind(value: Any) -> str:
    """A short description of a YAML value's type, for messages."""
    if value is None:
        return "nothing"
    names = {bool: "true/false", int: "a number", float: "a number", str: "text",
             list: "a list", dict: "a mapping"}
    return names.get(type(value), type(value).__name__)


def load_issue(path: Path, safe: bool = False) -> m.Issue:
    """Read and validate an issue file (see module docstring). With ``safe`` (for a
    server), image and profile paths must stay inside the issue file's folder."""
    file = str(path)
    try:
        raw = read_input(path, MAX_BYTES)
    except OSError as exc:
        raise IssueError(file, None, "", f"cannot read the file: {exc.strerror}") from None
    except InputRefused as exc:
        raise IssueError(file, None, "", str(exc)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IssueError(file, None, "", f"not UTF-8 text (byte {exc.start})") from None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        hint = syntax_hint(text, line)
        if hint:
            raise IssueError(file, hint[0], "", f"YAML syntax error: {hint[1]}") from None
        raise IssueError(file, line, "", f"YAML syntax error: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise IssueError(file, None, "", f"YAML error: {exc}") from None
    if node is None:
        raise IssueError(file, None, "", "the file is empty")
    doc = _Doc(file, path.resolve().parent if safe else None)
    try:
        data = doc.build(node, "", set())
    except RecursionError:
        raise IssueError(file, None, "", "the YAML is nested too deeply") from None
    return _issue(doc, data, path)


def _date(doc: _Doc, meta: _Reader) -> str:
    """``issue.date``: a real calendar date, in ISO form (``layout.issue.dates``)."""
    text = meta.text("date", required=True) or ""
    try:
        return parse_date(text)
    except ValueError as exc:
        raise doc.error(meta.sub("date"), str(exc)) from None


def _issue(doc: _Doc, data: Any, path: Path) -> m.Issue:
    """Top level: format version, issue metadata, typography, pages."""
    top = _Reader(doc, data, "", KEYS["issue_file"])
    version = top.integer("banmian", required=True)
    if version != FORMAT_VERSION:
        raise doc.error("banmian", f"format version {version} is not supported (this is version {FORMAT_VERSION})")
    meta = top.mapping("issue", KEYS["issue"])
    issue_meta = m.IssueMeta(
        paper=meta.text("paper", required=True) or "",
        date=_date(doc, meta),
        number=meta.integer("number", low=int(RANGES["issue", "number"][0]), high=int(RANGES["issue", "number"][1])),
    )
    typography = _typography(doc, top, m.Typography())
    pages = top.items("pages", required=True)
    if not pages:
        raise doc.error("pages", "an issue needs at least one page")
    specs = tuple(_page(doc, item, f"pages[{i}]", path.parent, typography) for i, item in enumerate(pages))
    numbers = [p.number for p in specs]
    for i, number in enumerate(numbers):
        if number in numbers[:i]:
            raise doc.error(f"pages[{i}].number", f"page number {number} is used twice")
    return m.Issue(source=path, meta=issue_meta, typography=typography, pages=_link_jumps(doc, specs),
                   press=_press(doc, top, path.parent))


def _link_jumps(doc: _Doc, pages: tuple[m.PageSpec, ...]) -> tuple[m.PageSpec, ...]:
    """Fill in page numbers of jumps (转版): a ``{jump: id}`` gets （下转第N版） with the page
    of the block ``id`` on a later page; an article that ``continues`` another gets
    （上接第M版） as its first line and, without a headline of its own, the first part's
    headline repeated short."""
    where = {(block.id, k): (page, block) for k, page in enumerate(pages) for block in page.blocks}

    def later(ident: str, *, k: int, key: str) -> int:
        for j in range(k + 1, len(pages)):
            if (ident, j) in where:
                return where[ident, j][0].number
        raise doc.error(key, f"no block {ident!r} on a later page to jump to")

    def earlier(ident: str, k: int, key: str) -> tuple[m.PageSpec, m.ArticleBlock]:
        for j in range(k - 1, -1, -1):
            page, block = where.get((ident, j), (None, None))
            if page is not None and isinstance(block, m.ArticleBlock):
                return page, block
        raise doc.error(key, f"no article {ident!r} on an earlier page to continue")

    out = []
    for k, page in enumerate(pages):
        blocks: list[m.PageBlock] = []
        for block in page.blocks:
            if isinstance(block, m.ArticleBlock):
                block = _resolve_jumps(block, partial(later, k=k, key=f"{block.yaml_path}.body"))
                if block.continues:
                    first_page, first = earlier(block.continues, k, f"{block.yaml_path}.continues")
                    block = _continuation(block, first_page.number, first)
            blocks.append(block)
        out.append(replace(page, blocks=tuple(blocks)))
    return tuple(out)


def _resolve_jumps(block: m.ArticleBlock, page_of: Callable[[str], int]) -> m.ArticleBlock:
    """The article with every ``{jump: id}`` run given its page number."""
    def fix(item: m.BodyItem) -> m.BodyItem:
        if not isinstance(item, m.Paragraph) or not any(run.target for run in item.runs):
            return item
        runs = tuple(m.Run(f"（下转第{page_of(run.target)}版）", "jump") if run.target else run for run in item.runs)
        return replace(item, runs=runs)
    return replace(block, body=tuple(fix(item) for item in block.body))


def _continuation(block: m.ArticleBlock, page: int, first: m.ArticleBlock) -> m.ArticleBlock:
    """（上接第M版） on its own first line; the first part's headline repeated if there is none."""
    back = m.Paragraph(runs=(m.Run(f"（上接第{page}版）", "jump"),), indent=False, align="left")
    headline = block.headline
    if headline is None and first.headline is not None:
        headline = m.HeadText(first.headline.text, parse_size("小二"), first.headline.role, "left")
    return replace(block, headline=headline, body=(back, *block.body))




def _typography(doc: _Doc, owner: _Reader, base: m.Typography) -> m.Typography:
    """``typography:`` of an issue, page or article: ``base`` with the keys given changed."""
    r = owner.mapping("typography", KEYS["typography"])
    changes: dict[str, Any] = {}
    for key in r.data:
        default = getattr(base, key)
        if key in CHOICES:
            changes[key] = _choice(doc, r, key, None, null_ok=False)
        elif ("typography", key) in RANGES:
            changes[key] = r.number(key, default, *RANGES["typography", key])
        elif key == "latin_font":
            changes[key] = _font_name(doc, r, key)
        else:
            changes[key] = r.boolean(key, default)
    return replace(base, **changes)


def _font_name(doc: _Doc, r: _Reader, key: str) -> str | None:
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


def _page(doc: _Doc, data: Any, path: str, base: Path, typography: m.Typography) -> m.PageSpec:
    """One page: paper size, margins, grid, blocks."""
    page = _Reader(doc, data, path, KEYS["page"])
    typography = _typography(doc, page, typography)
    width, height = _paper(doc, page)
    grid_r = page.mapping("grid", KEYS["grid"])
    body = grid_r.convert("body_size", parse_size, 9.0, low=4.0, high=30.0)
    grid = m.Grid(
        columns=grid_r.integer("columns", 8, False, *_ints("grid", "columns")) or 8,
        chars=grid_r.integer("chars", 13, False, *_ints("grid", "chars")) or 13,
        gutter_chars=grid_r.number("gutter", 1.0, *RANGES["grid", "gutter"]),
        body_size_pt=body,
        pitch_pt=grid_r.convert("leading", parse_length, round(body * 1.5, 3), low=body, high=body * 4),
    )
    margins = _margins(doc, page.mapping("margins", KEYS["margins"]), width, height, grid)
    if margins.top + margins.bottom + grid.pitch_pt * 4 > height:
        raise doc.error(page.sub("margins"), "the margins leave no room for text")
    spec = m.PageSpec(
        number=page.integer("number", None, True, *_ints("page", "number")) or 1,
        name=page.text("name", "") or "",
        width_pt=width, height_pt=height, margins=margins, grid=grid, blocks=(), typography=typography,
        editor=page.text("editor", "") or "", designer=page.text("designer", "") or "",
        mono=page.boolean("mono", False),
    )
    blocks = tuple(_block(doc, item, f"{page.sub('blocks')}[{i}]", spec, base)
                   for i, item in enumerate(page.items("blocks")))
    _check_overlaps(doc, blocks)
    return replace(spec, blocks=blocks)


def _paper(doc: _Doc, page: _Reader) -> tuple[float, float]:
    """Named paper size or {width, height} → pt."""
    paper = page.raw("paper", "broadsheet")
    if isinstance(paper, str):
        if paper not in PAPER_SIZES_MM:
            raise doc.error(page.sub("paper"), f"unknown paper {paper!r}: use broadsheet, tabloid or width/height")
        w, h = PAPER_SIZES_MM[paper]
        return mm(w), mm(h)
    size = _Reader(doc, paper, page.sub("paper"), KEYS["paper"])
    return (size.convert("width", parse_length, required=True, low=72, high=5000),
            size.convert("height", parse_length, required=True, low=72, high=5000))


def _margins(doc: _Doc, r: _Reader, width: float, height: float, grid: m.Grid) -> m.Margins:
    """Margins; left/right default to centring the grid's type area."""
    spare = width - grid.width_pt
    if spare < 0:
        raise doc.error(r.path.rsplit(".", 1)[0] + ".grid",
                        f"the grid is {grid.width_pt:.1f} pt wide, more than the {width:.1f} pt page")
    left = r.convert("left", parse_length, spare / 2, high=width)
    right = r.convert("right", parse_length, width - left - grid.width_pt, low=-width, high=width)
    if left + grid.width_pt + right > width + 0.01 or right < -0.01:
        key = r.sub("left" if r.has("left") else "right")
        raise doc.error(key, f"left margin + grid ({grid.width_pt:.1f} pt) + right margin exceed the "
                             f"{width:.1f} pt page width")
    return m.Margins(top=r.convert("top", parse_length, mm(20), high=height),
                     bottom=r.convert("bottom", parse_length, mm(20), high=height), left=left, right=right)


def _block(doc: _Doc, data: Any, path: str, page: m.PageSpec, base: Path) -> m.PageBlock:
    """One block of a page, by its ``type``."""
    if not isinstance(data, dict):
        raise doc.error(path, f"expected a block mapping, got {_kind(data)}")
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in BLOCK_TYPES:
        raise doc.error(f"{path}.type", f"unknown block type {kind!r}: use {', '.join(BLOCK_TYPES)}")
    r = _Reader(doc, data, path, KEYS[kind])
    common: dict[str, Any] = {"id": r.text("id", required=True) or "", "at": _placement(doc, r, page),
                              "yaml_path": path, "yaml_line": doc.lines.get(path)}
    if kind == "article":
        return _article(doc, r, common, page)
    if kind == "photo":
        return _photo(doc, r, common, base)
    if kind == "masthead":
        return _masthead(doc, r, common, base)
    return m.BannerBlock(**common, text=r.text("text", required=True) or "",
                         size_pt=r.convert("size", parse_size, 36.0, low=6.0, high=200.0))


def _masthead(doc: _Doc, r: _Reader, common: dict[str, Any], base: Path) -> m.MastheadBlock:
    """报头: the name (default: the issue's paper), or a logo image, and the small print."""
    path = _image(doc, r, base)
    font = _choice(doc, r, "font", "song_bold", FONT_ROLES) or "song_bold"
    notes = r.raw("notes", [])
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise doc.error(r.sub("notes"), "notes are a list of lines of small print")
    return m.MastheadBlock(**common, name=r.text("name", "") or "", role=font, image=path,
                           size_pt=r.convert("size", parse_size, 60.0, low=12.0, high=300.0),
                           lunar=r.text("lunar", "") or "", cn=r.text("cn", "") or "", notes=tuple(notes))


def _placement(doc: _Doc, r: _Reader, page: m.PageSpec) -> m.Placement:
    """``at: {column, span, line, lines | height}`` checked against the grid."""
    at = r.mapping("at", KEYS["at"])
    if not r.has("at"):
        raise doc.error(r.path, "missing required key 'at' (column, span, line, lines)")
    cols, total = page.grid.columns, page.lines
    column = at.integer("column", None, True, *_ints("at", "column")) or 1
    if column > cols:
        raise doc.error(at.sub("column"), f"{column} is more than the {cols} columns")
    span = at.integer("span", 1, False, *_ints("at", "span")) or 1
    if column + span - 1 > cols:
        raise doc.error(at.sub("span"), f"{span} is more than the {cols} columns"
                        + (f" (column {column} + {span} ends at {column + span - 1})" if column > 1 else ""))
    line = at.integer("line", None, True, *_ints("at", "line")) or 1
    if line > total:
        raise doc.error(at.sub("line"), f"{line} is below the {total} lines of the page")
    if at.has("height"):
        if at.has("lines"):
            raise doc.error(at.sub("height"), "give either lines or height, not both")
        height = at.convert("height", parse_length, low=1.0)
        lines = max(1, round(height / page.grid.pitch_pt))
    else:
        lines = at.integer("lines", None, True, *_ints("at", "lines")) or 1
    if line + lines - 1 > total:
        raise doc.error(at.sub("lines" if at.has("lines") else "height"),
                        f"the block ends at line {line + lines - 1}, below the {total} lines of the page")
    return m.Placement(column=column, span=span, line=line, lines=lines)


def _head(doc: _Doc, r: _Reader, key: str, size: str, role: str, align: str) -> m.HeadText | None:
    """A kicker, headline or subhead: plain text or {text, size, font, align}."""
    value = r.raw(key)
    if value is None:
        return None
    if isinstance(value, str):
        return m.HeadText(text=value.strip(), size_pt=parse_size(size), role=role, align=align)
    h = _Reader(doc, value, r.sub(key), KEYS["head"])
    font = _choice(doc, h, "font", role, FONT_ROLES) or role
    how = _choice(doc, h, "align", align, ALIGNS) or align
    return m.HeadText(text=(h.text("text", required=True) or "").strip(),
                      size_pt=h.convert("size", parse_size, parse_size(size), low=5.0, high=200.0),
                      role=font, align=how)


def _article(doc: _Doc, r: _Reader, common: dict[str, Any], page: m.PageSpec) -> m.ArticleBlock:
    """An article block: headline group and body items."""
    span = common["at"].span
    big = span >= 4
    head_size = "小初" if span >= 6 else "小一" if span >= 4 else "二号" if span >= 3 else "小二"
    body = _attach_jumps(doc, r, tuple(_body_item(doc, item, f"{r.sub('body')}[{i}]")
                                       for i, item in enumerate(r.items("body"))))
    return m.ArticleBlock(
        **common,
        kicker=_head(doc, r, "kicker", "三号" if big else "四号", "kai", "center" if big else "left"),
        headline=_head(doc, r, "headline", head_size, "hei_bold", "center" if big else "left"),
        subhead=_head(doc, r, "subhead", "三号" if big else "四号", "kai", "center" if big else "left"),
        byline=r.text("byline"),
        body=body,
        columns=_body_columns(doc, r, common["at"], page.grid),
        continues=r.text("continues"),
        box=_box(doc, r),
        typography=_typography(doc, r, page.typography),
        head_vertical=_choice(doc, r, "head_vertical", None),
        head_digits=_choice(doc, r, "head_digits", "auto") or "auto",
    )


def _choice(doc: _Doc, r: _Reader, key: str, default: str | None,
            choices: tuple[str, ...] | None = None, null_ok: bool = True) -> str | None:
    """A key that takes one of the words ``choices`` (default ``CHOICES[key]``); ``default``
    when absent; None only if ``null_ok``."""
    words = CHOICES[key] if choices is None else choices
    value = r.text(key, default)
    if (value is not None or not null_ok) and value not in words:
        raise doc.error(r.sub(key), f"{value!r} is not one of {', '.join(words)}")
    return value


def _box(doc: _Doc, r: _Reader) -> m.BoxStyle | None:
    """``box: true``, a style name, or ``{style, tint: [c, m, y, k]}``; None when absent or false."""
    value = r.raw("box")
    if value is None or value is False:
        return None
    if value is True:
        return m.BoxStyle()
    if isinstance(value, str):
        value = {"style": value}
    b = _Reader(doc, value, r.sub("box"), KEYS["box"])
    style = _choice(doc, b, "style", "single", BOX_STYLES) or "single"
    tint = b.raw("tint")
    if tint is not None and (not isinstance(tint, list) or len(tint) != 4 or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1 for v in tint)):
        raise doc.error(b.sub("tint"), "a tint is [c, m, y, k] with fractions from 0 to 1, e.g. [0, 0, 0, 0.1]")
    return m.BoxStyle(style, (float(tint[0]), float(tint[1]), float(tint[2]), float(tint[3])) if tint else None)


def _body_columns(doc: _Doc, r: _Reader, at: m.Placement, grid: m.Grid) -> int | None:
    """``columns``: how many body columns the article's span is broken into (三破二: span 3,
    columns 2); each must hold at least 4 characters."""
    columns = r.integer("columns", None, False, *_ints("article", "columns"))
    if columns is None or columns == at.span:
        return None
    total = at.span * grid.chars + (at.span - 1) * grid.gutter_chars
    if (total - (columns - 1) * grid.gutter_chars) / columns < 4:
        raise doc.error(r.sub("columns"), f"{columns} columns over {at.span} base columns leave fewer than 4 "
                                          "characters a column")
    return columns


def _body_item(doc: _Doc, item: Any, path: str) -> m.BodyItem | tuple[str, int | str]:
    """A paragraph (text), {crosshead: [...]}, {byline_end: text} or {jump: page}."""
    if isinstance(item, str):
        return _paragraph(doc, item, path)
    r = _Reader(doc, item, path, KEYS["body_item"])
    if len(r.data) != 1:
        raise doc.error(path, "a body item has exactly one of crosshead, jump, byline_end (or is plain text)")
    if r.has("crosshead"):
        lines = r.raw("crosshead")
        lines = [lines] if isinstance(lines, str) else lines
        if not isinstance(lines, list) or not 1 <= len(lines) <= 2 or not all(isinstance(x, str) for x in lines):
            raise doc.error(r.sub("crosshead"), "a cross-head is one or two lines of text")
        return m.CrossHead(lines=tuple(x.strip() for x in lines))
    if r.has("byline_end"):
        return m.Paragraph(runs=(m.Run(r.text("byline_end") or "", "kai"),), align="right", indent=False)
    target = r.raw("jump", None, required=True)
    if isinstance(target, str):
        return ("jump", target)
    return ("jump", r.integer("jump", None, True, *_ints("body_item", "jump")) or 1)


def _attach_jumps(doc: _Doc, r: _Reader, items: tuple[Any, ...]) -> tuple[m.BodyItem, ...]:
    """Append each ``{jump: N}`` to the paragraph before it as （下转第N版）; a ``{jump: id}``
    gets its page number once every page is read (``_link_jumps``)."""
    out: list[m.BodyItem] = []
    for i, item in enumerate(items):
        if isinstance(item, tuple):
            if not out or not isinstance(out[-1], m.Paragraph):
                raise doc.error(f"{r.sub('body')}[{i}]", "a jump line must follow a paragraph")
            last = out[-1]
            run = (m.Run("（下转第?版）", "jump", item[1]) if isinstance(item[1], str)
                   else m.Run(f"（下转第{item[1]}版）", "jump"))
            out[-1] = m.Paragraph(runs=(*last.runs, run), align=last.align, indent=last.indent)
        else:
            out.append(item)
    return tuple(out)


def _paragraph(doc: _Doc, text: str, path: str) -> m.Paragraph:
    """Paragraph text → runs: inline markup ({hei:…} {kai:…} {em:…}); a leading
    本报讯（记者 X） dateline becomes bold Hei. Line breaks and runs of spaces in the
    YAML become one space (an ideographic space U+3000 is kept)."""
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


def _press(doc: _Doc, top: _Reader, base: Path) -> m.PrintSpec:
    """``print: {profile, ink_limit, ppi}``: the print shop's ICC profile must be a CMYK profile;
    ``newsprint`` (the default) and ``fogra39`` name the bundled output conditions."""
    from layout.render.icc import named_profile

    r = top.mapping("print", KEYS["print"])
    profile = None
    name = r.text("profile")
    if name:
        profile = named_profile(name) or doc.local_file(r.sub("profile"), base, name, "ICC profile")
        from layout.render.images import ProfileError, profile_description

        try:
            profile_description(profile)
        except ProfileError as exc:
            raise doc.error(r.sub("profile"), str(exc)) from None
    return m.PrintSpec(profile=profile, ink_limit=r.number("ink_limit", 240.0, *RANGES["print", "ink_limit"]),
                       ppi=r.number("ppi", 300.0, *RANGES["print", "ppi"]))


def _photo(doc: _Doc, r: _Reader, common: dict[str, Any], base: Path) -> m.PhotoBlock:
    """A photo slot; a given image path must exist."""
    path = _image(doc, r, base)
    fit = _choice(doc, r, "fit", "cover", FITS) or "cover"
    focus = r.raw("focus", [0.5, 0.5])
    if (not isinstance(focus, list) or len(focus) != 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1 for v in focus)):
        raise doc.error(r.sub("focus"), "focus is [x, y] with fractions from 0 to 1, e.g. [0.5, 0.3]")
    return m.PhotoBlock(**common, image=path, label=r.text("label", "") or "",
                        caption=r.text("caption", "") or "", credit=r.text("credit", "") or "",
                        fit=fit, focus=(float(focus[0]), float(focus[1])), wrap=r.boolean("wrap", False))


def _image(doc: _Doc, r: _Reader, base: Path) -> Path | None:
    """The block's ``image`` file, relative to the issue file; it must exist and decode."""
    image = r.text("image")
    if not image:
        return None
    path = doc.local_file(r.sub("image"), base, image, "image file")
    _check_image(doc, r.sub("image"), path)
    return path


def _check_image(doc: _Doc, key: str, path: Path) -> None:
    """An image must be one Pillow can read and decode to the end. It is read here once
    for the whole render (``layout.render.sources``: size and pixel count checked before
    decoding; with --safe, the file actually opened must be in the issue's folder)."""
    import io

    from PIL import Image, UnidentifiedImageError

    from layout.render.sources import ImageError, read_source

    try:
        data = read_source(path, doc.jail).data
        with Image.open(io.BytesIO(data)) as im:
            im.load()  # decodes: a truncated file fails here (verify() only checks the structure)
    except ImageError as exc:
        raise doc.error(key, f"{path.name} is not a readable image ({str(exc).removeprefix(f'{path}: ')})") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise doc.error(key, f"{path.name} is not a readable image ({exc.__class__.__name__})") from None


def _check_overlaps(doc: _Doc, blocks: tuple[m.PageBlock, ...]) -> None:
    """Blocks may not share a grid cell, except a photo with ``wrap`` placed wholly
    inside an article (the article's text flows around it)."""
    for i, b in enumerate(blocks):
        for a in blocks[:i]:
            cols = a.at.column <= b.at.last_column and b.at.column <= a.at.last_column
            rows = a.at.line < b.at.end_line and b.at.line < a.at.end_line
            if not (cols and rows):
                continue
            pair = {type(a), type(b)}
            photo = a if isinstance(a, m.PhotoBlock) else b
            article = b if photo is a else a
            if pair == {m.PhotoBlock, m.ArticleBlock} and isinstance(photo, m.PhotoBlock) and photo.wrap:
                if photo.at.within(article.at):
                    continue
                raise doc.error(f"{photo.yaml_path}.at", f"photo {photo.id!r} wraps into article {article.id!r} "
                                "but does not lie wholly inside it")
            raise doc.error(f"{b.yaml_path}.at", f"block {b.id!r} overlaps block {a.id!r} ({a.yaml_path})"
                            + ("; to have the text flow around the photo, give it wrap: true"
                               if pair == {m.PhotoBlock, m.ArticleBlock} else ""))
    for photo in blocks:
        if isinstance(photo, m.PhotoBlock) and photo.wrap and not any(
                isinstance(a, m.ArticleBlock) and photo.at.within(a.at) for a in blocks):
            raise doc.error(f"{photo.yaml_path}.wrap", f"photo {photo.id!r} has wrap: true but lies inside no "
                            "article: place it over an article's text, or leave wrap out")
    ids = [b.id for b in blocks]
    for i, ident in enumerate(ids):
        if ident in ids[:i]:
            raise doc.error(f"{blocks[i].yaml_path}.id", f"block id {ident!r} is used twice on this page")
