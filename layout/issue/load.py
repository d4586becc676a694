"""YAML text → ``Issue``, with errors that name the file, line and key path.

In:  the path of an issue file (YAML, format version 1, see README).
Out: a validated ``Issue`` whose lengths are in pt; or an ``IssueError`` such as
     ``issue/x.yaml:42 pages[0].blocks[3].span: 9 is more than the 8 columns``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from layout.blocks import block_type, of
from layout.errors import IssueError
from layout.files import InputRefused, read_input
from layout.issue import model as m
from layout.issue.comments import lost_comments
from layout.issue.controls import protect, restore
from layout.issue.dates import parse_date
from layout.issue.house import house_file, read_style
from layout.issue.jumps import link_jumps
from layout.issue.plainyaml import read as read_plain
from layout.issue.reader import Doc, Reader, ints, kind_of, read_typography
from layout.issue.spec import (
    BLOCK_TYPES,
    FORMAT_VERSION,
    KEYS,
    PAPER_SIZES_MM,
    RANGES,
)
from layout.issue.style import HouseStyle
from layout.logger import LOGGER
from layout.units import mm, parse_length, parse_size

MAX_BYTES = 5_000_000


def load_issue(path: Path, safe: bool = False) -> m.Issue:
    """Read and validate an issue file (see module docstring). With ``safe`` (for a
    server), image, profile and house-style paths must stay inside the issue file's folder."""
    doc, data = compose(path, path.resolve().parent if safe else None)
    return _issue(doc, data, path)


def compose(path: Path, jail: Path | None) -> tuple[Doc, Any]:
    """A YAML file (an issue or a house style) → its ``Doc`` (lines of every key path) and plain data."""
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
    text, found = protect(text)  # (line separators and control characters: read as text, then restored)
    for line, comment in lost_comments(text):
        LOGGER.warning("%s:%d: %r is read as a YAML comment (a # at a value's start or after a space starts one) "
                       "and is not printed: quote the value to keep it", path.name, line, comment[:30])
    plain = read_plain(text)
    if plain is not None:  # the plain subset issue files are written in: read without PyYAML
        doc = Doc(file, jail)
        doc.lines, doc.typed, doc.nodes = plain[1], plain[2], len(plain[1])
        return doc, restore(doc, plain[0], found, False)
    doc, data = _compose_yaml(file, text, jail)
    return doc, restore(doc, data, found, "\\" in text)


def _compose_yaml(file: str, text: str, jail: Path | None) -> tuple[Doc, Any]:
    """``compose`` by PyYAML (its C parser where built): any YAML, and its syntax errors."""
    import yaml

    from layout.issue.yamlhint import syntax_hint

    try:  # the C parser is much faster on large files
        from yaml import CSafeLoader as Loader
    except ImportError:  # pragma: no cover - depends on the PyYAML build
        from yaml import SafeLoader as Loader  # type: ignore[assignment]
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        hint = syntax_hint(text, line)
        if hint is None and exc.context_mark is not None:  # a quote left open: the problem is far below it
            hint = syntax_hint(text, exc.context_mark.line + 1)
        if hint:
            raise IssueError(file, hint[0], "", f"YAML syntax error: {hint[1]}") from None
        raise IssueError(file, line, "", f"YAML syntax error: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise IssueError(file, None, "", f"YAML error: {exc}") from None
    if node is None:
        raise IssueError(file, None, "", "the file is empty")
    doc = Doc(file, jail)
    try:
        data = doc.build(node, "", set())
    except RecursionError:
        raise IssueError(file, None, "", "the YAML is nested too deeply") from None
    return doc, data


def _date(doc: Doc, meta: Reader) -> str:
    """``issue.date``: a real calendar date, in ISO form (``layout.issue.dates``)."""
    text = meta.text("date", required=True) or ""
    try:
        return parse_date(text)
    except ValueError as exc:
        raise doc.error(meta.sub("date"), str(exc)) from None


def issue_of(doc: Doc, data: Any, path: Path) -> m.Issue:
    """An issue from its parsed top-level mapping ``data`` (read from ``doc`` at ``path``), checked key
    by key as ``load`` checks a file (automatic make-up reads a plan's pages with it)."""
    return _issue(doc, data, path)


def _issue(doc: Doc, data: Any, path: Path) -> m.Issue:
    """Top level: format version, issue metadata, typography, pages."""
    top = Reader(doc, data, "", KEYS["issue_file"])
    version = top.integer("banmian", required=True)
    if version != FORMAT_VERSION:
        raise doc.error("banmian", f"format version {version} is not supported (this is version {FORMAT_VERSION})")
    meta = top.mapping("issue", KEYS["issue"])
    issue_meta = m.IssueMeta(
        paper=meta.text("paper", required=True) or "",
        date=_date(doc, meta),
        number=meta.integer("number", low=int(RANGES["issue", "number"][0]), high=int(RANGES["issue", "number"][1])),
    )
    typography = read_typography(doc, top, m.Typography())
    house, house_path = house_file(doc, top, path.parent)
    style = read_style(doc, top, house)
    pages = top.items("pages", required=True)
    if not pages:
        raise doc.error("pages", "an issue needs at least one page")
    specs = tuple(_page(doc, item, f"pages[{i}]", path.parent, typography, style) for i, item in enumerate(pages))
    numbers = [p.number for p in specs]
    for i, number in enumerate(numbers):
        if number in numbers[:i]:
            raise doc.error(f"pages[{i}].number", f"page number {number} is used twice")
    _check_ids(doc, specs)
    return m.Issue(source=path, meta=issue_meta, typography=typography, style=style, house=house_path,
                   pages=link_jumps(doc, specs),
                   press=_press(doc, top, path.parent))


def _check_ids(doc: Doc, pages: tuple[m.PageSpec, ...]) -> None:
    """A block id names one block in the issue (``continues:``, ``{jump: id}``, an index's ``ref`` find blocks
    by it); one used again on a later page is refused at its second use (a page's own are ``_check_overlaps``')."""
    first: dict[str, tuple[m.PageSpec, m.PageBlock]] = {}
    for page in pages:
        for block in page.blocks:
            seen = first.setdefault(block.id, (page, block))
            if seen[0] is not page:
                at = doc.lines.get(f"{seen[1].yaml_path}.id", seen[1].yaml_line)
                line = f" (line {at})" if at else ""
                raise doc.error(f"{block.yaml_path}.id", f"block id {block.id!r} is already used on page "
                                f"{seen[0].number}{line}: an id names one block in the issue (continues:, "
                                "jump: and an index's ref: find blocks by it); give this block another")


def _page(doc: Doc, data: Any, path: str, base: Path, typography: m.Typography, style: HouseStyle) -> m.PageSpec:
    """One page: paper size, margins, grid, blocks."""
    page = Reader(doc, data, path, KEYS["page"])
    typography = read_typography(doc, page, typography)
    width, height = _paper(doc, page)
    grid_r = page.mapping("grid", KEYS["grid"])
    default = m.Grid()  # the defaults are written once, in the model
    body = grid_r.convert("body_size", parse_size, default.body_size_pt, low=4.0, high=30.0)
    grid = m.Grid(
        columns=grid_r.integer("columns", default.columns, False, *ints("grid", "columns")) or default.columns,
        chars=grid_r.integer("chars", default.chars, False, *ints("grid", "chars")) or default.chars,
        gutter_chars=grid_r.number("gutter", default.gutter_chars, *RANGES["grid", "gutter"]),
        body_size_pt=body,
        pitch_pt=grid_r.convert("leading", parse_length, round(body * 1.5, 3), low=body, high=body * 4),
    )
    margins = _margins(doc, page.mapping("margins", KEYS["margins"]), width, height, grid)
    if margins.top + margins.bottom + grid.pitch_pt * 4 > height:
        raise doc.error(page.sub("margins"), "the margins leave no room for text")
    spec = m.PageSpec(
        number=page.integer("number", None, True, *ints("page", "number")) or 1,
        name=page.copy("name", "") or "",
        width_pt=width, height_pt=height, margins=margins, grid=grid, blocks=(), typography=typography,
        editor=page.copy("editor", "") or "", designer=page.copy("designer", "") or "",
        mono=page.boolean("mono", False), style=read_style(doc, page, style),
    )
    blocks = tuple(_block(doc, item, f"{page.sub('blocks')}[{i}]", spec, base)
                   for i, item in enumerate(page.items("blocks")))
    _check_overlaps(doc, blocks)
    return replace(spec, blocks=blocks)


def _paper(doc: Doc, page: Reader) -> tuple[float, float]:
    """Named paper size or {width, height} → pt."""
    paper = page.raw("paper", "broadsheet")
    if isinstance(paper, str):
        if paper not in PAPER_SIZES_MM:
            raise doc.error(page.sub("paper"), f"unknown paper {paper!r}: use broadsheet, tabloid or width/height")
        w, h = PAPER_SIZES_MM[paper]
        return mm(w), mm(h)
    size = Reader(doc, paper, page.sub("paper"), KEYS["paper"])
    return (size.convert("width", parse_length, required=True, low=72, high=5000),
            size.convert("height", parse_length, required=True, low=72, high=5000))


def _margins(doc: Doc, r: Reader, width: float, height: float, grid: m.Grid) -> m.Margins:
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


def _block(doc: Doc, data: Any, path: str, page: m.PageSpec, base: Path) -> m.PageBlock:
    """One block of a page, read by its ``type``'s reader (``layout.blocks``)."""
    if not isinstance(data, dict):
        raise doc.error(path, f"expected a block mapping, got {kind_of(data)}")
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in BLOCK_TYPES:
        raise doc.error(f"{path}.type", f"unknown block type {kind!r}: use {', '.join(BLOCK_TYPES)}")
    r = Reader(doc, data, path, KEYS[kind])
    common: dict[str, Any] = {"id": r.text("id", required=True) or "", "at": _placement(doc, r, page),
                              "yaml_path": path, "yaml_line": doc.lines.get(path)}
    return block_type(kind).read(doc, r, common, page, base)


def _placement(doc: Doc, r: Reader, page: m.PageSpec) -> m.Placement:
    """``at: {column, span, line, lines | height}`` checked against the grid."""
    at = r.mapping("at", KEYS["at"])
    if not r.has("at"):
        raise doc.error(r.path, "missing required key 'at' (column, span, line, lines)")
    cols, total = page.grid.columns, page.lines
    column = at.integer("column", None, True, *ints("at", "column")) or 1
    if column > cols:
        raise doc.error(at.sub("column"), f"{column} is more than the {cols} columns")
    span = at.integer("span", 1, False, *ints("at", "span")) or 1
    if column + span - 1 > cols:
        raise doc.error(at.sub("span"), f"{span} is more than the {cols} columns"
                        + (f" (column {column} + {span} ends at {column + span - 1})" if column > 1 else ""))
    line = at.integer("line", None, True, *ints("at", "line")) or 1
    if line > total:
        raise doc.error(at.sub("line"), f"{line} is below the {total} lines of the page")
    if at.has("height"):
        if at.has("lines"):
            raise doc.error(at.sub("height"), "give either lines or height, not both")
        height = at.convert("height", parse_length, low=1.0)
        lines = max(1, round(height / page.grid.pitch_pt))
    else:
        lines = at.integer("lines", None, True, *ints("at", "lines")) or 1
    if line + lines - 1 > total:
        raise doc.error(at.sub("lines" if at.has("lines") else "height"),
                        f"the block ends at line {line + lines - 1}, below the {total} lines of the page")
    return m.Placement(column=column, span=span, line=line, lines=lines)


def _press(doc: Doc, top: Reader, base: Path) -> m.PrintSpec:
    """``print: {profile, ink_limit, ppi}``: the print shop's ICC profile must be a CMYK profile;
    ``newsprint`` (the default) and ``fogra39`` name the bundled output conditions."""
    from layout.icc import named_profile

    r = top.mapping("print", KEYS["print"])
    profile = None
    name = r.text("profile")
    if name:
        profile = named_profile(name) or doc.local_file(r.sub("profile"), base, name, "ICC profile")
        from layout.photo.prepare import ProfileError, profile_description

        try:
            profile_description(profile)
        except ProfileError as exc:
            raise doc.error(r.sub("profile"), str(exc)) from None
    default = m.PrintSpec()
    return m.PrintSpec(profile=profile,
                       ink_limit=r.number("ink_limit", default.ink_limit, *RANGES["print", "ink_limit"]),
                       ppi=r.number("ppi", default.ppi, *RANGES["print", "ppi"]))


def _in_corner(inner: m.PageBlock, host: m.PageBlock) -> bool:
    """Whether ``inner`` lies wholly in the corner an article leaves to other blocks (``corner``, 拐弯)."""
    corner = getattr(host, "corner", None)
    return isinstance(corner, m.Placement) and inner.at.within(corner)


def _touches_corner(inner: m.PageBlock, host: m.PageBlock) -> bool:
    """Whether ``inner`` shares a grid cell with the corner an L-shaped article leaves to other blocks."""
    c = getattr(host, "corner", None)
    return (isinstance(c, m.Placement) and inner.at.column <= c.last_column and c.column <= inner.at.last_column
            and inner.at.line < c.end_line and c.line < inner.at.end_line)


def _holds_wrap(inner: m.PageBlock, host: m.PageBlock) -> bool:
    """Whether a wrapped block lies wholly in the text of ``host``: inside its placement, clear of its corner."""
    return of(host).holds_wraps and inner.at.within(host.at) and not _touches_corner(inner, host)


def _corner_hint(a: m.PageBlock, b: m.PageBlock) -> str:
    """Where the corner of an L-shaped article of the two is (the only place another block may overlap it)."""
    for host in (a, b):
        corner = getattr(host, "corner", None)
        if isinstance(corner, m.Placement):
            return (f"; the corner {host.id!r} leaves to other blocks is columns {corner.column}-"
                    f"{corner.last_column}, lines {corner.line}-{corner.end_line - 1}")
    return ""


def _check_overlaps(doc: Doc, blocks: tuple[m.PageBlock, ...]) -> None:
    """Blocks may not share a grid cell, except a block with text wrap (a photo with
    ``wrap``) placed wholly inside a block whose text flows around it (an article)."""
    for i, b in enumerate(blocks):
        for a in blocks[:i]:
            cols = a.at.column <= b.at.last_column and b.at.column <= a.at.last_column
            rows = a.at.line < b.at.end_line and b.at.line < a.at.end_line
            if not (cols and rows) or of(a).overlays(a) or of(b).overlays(b):
                continue
            if _in_corner(a, b) or _in_corner(b, a):
                continue
            inner, host = (a, b) if "wrap" in of(a).format.keys.get(of(a).name, {}) else (b, a)
            could_wrap = "wrap" in of(inner).format.keys.get(of(inner).name, {}) and of(host).holds_wraps
            if could_wrap and of(inner).wraps(inner):
                if inner.at.within(host.at) and not _touches_corner(inner, host):
                    continue
                if inner.at.within(host.at):  # (an L: its text is its placement less the corner)
                    raise doc.error(f"{inner.yaml_path}.at", f"{of(inner).name} {inner.id!r} wraps into "
                                    f"{of(host).name} {host.id!r} but reaches into its corner"
                                    + _corner_hint(host, host))
                raise doc.error(f"{inner.yaml_path}.at", f"{of(inner).name} {inner.id!r} wraps into "
                                f"{of(host).name} {host.id!r} but does not lie wholly inside it")
            raise doc.error(f"{b.yaml_path}.at", f"block {b.id!r} overlaps block {a.id!r} ({a.yaml_path})"
                            + (f"; to have the text flow around the {of(inner).name}, give it wrap: true"
                               if could_wrap else "") + _corner_hint(a, b))
    for inner in blocks:
        if of(inner).wraps(inner) and not any(_holds_wrap(inner, a) for a in blocks):
            raise doc.error(f"{inner.yaml_path}.wrap", f"{of(inner).name} {inner.id!r} has wrap: true but lies "
                            "inside no article: place it over an article's text, or leave wrap out"
                            + next((_corner_hint(a, a) + " (its text does not run there)"
                                    for a in blocks if _touches_corner(inner, a)), ""))
    ids = [b.id for b in blocks]
    for i, ident in enumerate(ids):
        if ident in ids[:i]:
            raise doc.error(f"{blocks[i].yaml_path}.id", f"block id {ident!r} is used twice on this page")
