"""The Typst twin of an issue's first page, for the side-by-side benchmark row.

In:  an issue file (YAML), loaded and cleaned by Banmian (so both engines set the
     same characters: full-width punctuation, resolved jumps).
Out: Typst markup that sets that page on the same grid: the same paper size and
     margins, every block at the same place (column, span, line, lines of the
     grid), the same faces (the Banmian Serif/Sans SC fonts, 霞鹜文楷 for captions),
     the body at the grid's size and line pitch, first lines indented two
     characters, justified, in the same number of body columns. Photo slots are
     grey placeholders with their captions, as Banmian draws them without an image.

    python bench/typst_page.py ISSUE.yaml > page.typ
    python -I bench/typst_page.py --compile page.typ out.pdf FONTS   # what the benchmark times

The compile form imports only the ``typst`` wheel (PyPI), whose compiler is the
same Rust code as the ``typst`` command line; ``-I`` keeps Python's start small.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAMILY = {"song": "Banmian SerifSC", "song_bold": "Banmian SerifSC", "hei": "Banmian SansSC",
          "hei_bold": "Banmian SansSC", "kai": "LXGW WenKai"}
BOLD = {"song_bold", "hei_bold"}
#: the font files the page uses (Banmian's own search path finds them)
FACES = ("BanmianSerifSC-Regular", "BanmianSerifSC-Bold", "BanmianSansSC-Regular", "BanmianSansSC-Bold",
         "LXGWWenKai-Regular")


def _string(text: str) -> str:
    """A Typst string literal (code mode: no markup characters to escape)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _styled(text: str, role: str, size: float | None = None, fill: str | None = None) -> str:
    """``#text(...)[#"text"]`` in the face of a Banmian role."""
    args = [f'font: "{FAMILY.get(role, FAMILY["song"])}"']
    if role in BOLD:
        args.append('weight: "bold"')
    if size:
        args.append(f"size: {size:g}pt")
    if fill:
        args.append(f"fill: {fill}")
    return f"#text({', '.join(args)})[#{_string(text)}]"


def _head(head: object, width: float) -> str:
    """A kicker, headline or subhead: one centred (or aligned) paragraph."""
    from layout.issue.model import HeadText

    assert isinstance(head, HeadText)
    align = {"center": "center", "left": "left", "right": "right"}.get(head.align, "center")
    leading = head.size_pt * 0.25
    return (f"#block(width: {width:g}pt, above: 0pt, below: {leading:g}pt)[#set par(first-line-indent: 0pt, "
            f"justify: false, leading: {leading:g}pt)\n"
            f"#align({align})[{_styled(head.text, head.role, head.size_pt)}]]\n")


def _body(article: object) -> str:
    """The body paragraphs, crossheads and trailing bylines of an article."""
    from layout.issue.model import ArticleBlock, CrossHead, Paragraph

    assert isinstance(article, ArticleBlock)
    out = []
    for item in article.body:
        if isinstance(item, CrossHead):
            lines = "\\ ".join(_styled(line, "hei_bold", 10.5) for line in item.lines)
            out.append(f"#block(above: 13.5pt, below: 13.5pt)[#set par(first-line-indent: 0pt)\n"
                       f"#align(center)[{lines}]]")
        elif isinstance(item, Paragraph):
            text = "".join(_styled(r.text, "hei" if r.style in ("hei", "jump") else
                                   "kai" if r.style == "kai" else "song") for r in item.runs)
            if item.align == "right":
                out.append(f"#align(right)[{text}]")
            else:
                out.append(text if item.indent else f"#par(first-line-indent: 0pt)[{text}]")
    return "\n\n".join(out) + "\n"


def _article(block: object, x: float, y: float, w: float, h: float, gutter: float) -> str:
    """An article: heads over its span, the body in its columns, a frame if boxed."""
    from layout.issue.model import ArticleBlock

    assert isinstance(block, ArticleBlock)
    columns = block.columns or block.at.span
    inset = 9.0 if block.box else 0.0
    heads = "".join(_head(head, w - 2 * inset) for head in (block.kicker, block.headline, block.subhead) if head)
    if block.byline:
        heads += f"#align(center)[{_styled(block.byline, 'kai')}]\n"
    frame = ", stroke: 0.5pt" if block.box else ""
    return (f"#place(top + left, dx: {x:g}pt, dy: {y:g}pt, block(width: {w:g}pt, height: {h:g}pt, "
            f"inset: {inset:g}pt{frame})[\n{heads}#columns({columns}, gutter: {gutter:g}pt)[\n{_body(block)}]])\n")


def _block(block: object, grid: object, paper: str = "", date: str = "") -> str:
    """One block of the page at its place on the grid."""
    from layout.flow.grid import PageGrid
    from layout.issue.model import ArticleBlock, BannerBlock, MastheadBlock, PhotoBlock

    assert isinstance(grid, PageGrid)
    rect = grid.rect(block.at)  # type: ignore[attr-defined]
    x, y, w, h = rect.x, rect.y, rect.w, rect.h
    at = f"#place(top + left, dx: {x:g}pt, dy: {y:g}pt, "
    if isinstance(block, ArticleBlock):
        return _article(block, x, y, w, h, grid.gutter)
    if isinstance(block, PhotoBlock):
        caption = _styled(block.caption + ("\u3000" + block.credit if block.credit else ""), "kai")
        return (f"{at}block(width: {w:g}pt, height: {h:g}pt)[#rect(width: 100%, height: {h - 2 * grid.pitch:g}pt, "
                f"fill: cmyk(0%, 0%, 0%, 8%), stroke: 0.5pt)[#align(center + horizon)[{_styled(block.label, 'hei')}]]\n"
                f"#par(first-line-indent: 0pt)[{caption}]])\n")
    if isinstance(block, BannerBlock):
        return (f"{at}block(width: {w:g}pt, height: {h:g}pt)[#align(center + horizon)"
                f"[{_styled(block.text, block.role, block.size_pt)}]])\n")
    if isinstance(block, MastheadBlock):
        small = "\\ ".join(_styled(t, "song") for t in (date, block.lunar, *block.notes) if t)
        name = _styled(block.name or paper, block.role, block.size_pt, "cmyk(0%, 100%, 100%, 0%)")
        return (f"{at}block(width: {w:g}pt, height: {h:g}pt)[#align(center)[{name}"
                f"\\ {small}]])\n")
    return ""


def typst_source(issue_path: Path) -> str:
    """Typst markup for the first page of the issue (see module docstring)."""
    from layout.flow.grid import PageGrid
    from layout.issue.load import load_issue
    from layout.text.clean import clean_issue

    issue, _ = clean_issue(load_issue(issue_path))
    page = issue.pages[0]
    grid = PageGrid.of(page)
    size, pitch = grid.body_size, grid.pitch
    setup = (f"#set page(width: {page.width_pt:g}pt, height: {page.height_pt:g}pt, margin: 0pt)\n"
             f'#set text(font: ("{FAMILY["song"]}", "{FAMILY["hei"]}"), size: {size:g}pt, lang: "zh", region: "cn", '
             f"top-edge: 0.88em, bottom-edge: -0.12em)\n"
             f"#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: {pitch - size:g}pt, "
             f"spacing: {pitch - size:g}pt)\n"
             f"#set columns(gutter: {grid.gutter:g}pt)\n")
    head = _styled(f"{issue.meta.paper}　{issue.meta.date}　第{page.number}版　{page.name}", "hei")
    folio = (f"#place(top + left, dx: {grid.left:g}pt, dy: {grid.top - 3 * pitch:g}pt, block(width: "
             f"{grid.span_width(grid.columns):g}pt)[{head}"
             f"#line(length: 100%, stroke: 0.75pt)])\n")
    return setup + folio + "".join(_block(block, grid, issue.meta.paper, issue.meta.date)
                                         for block in page.blocks)


def link_fonts(folder: Path) -> Path:
    """A folder of links to the five faces, so that Typst reads those and no others
    (its best case: no scan of the system's fonts)."""
    from layout.text.font import find_font

    folder.mkdir(parents=True, exist_ok=True)
    for stem in FACES:
        path = find_font(stem)
        if path is None:
            raise SystemExit(f"{stem}.ttf not found: run the font install in README.md")
        link = folder / path.name
        if not link.exists():
            link.symlink_to(path.resolve())
    return folder


def compile_pdf(source: str, output: str, fonts: str) -> None:
    """Compile a Typst file to PDF with only the fonts in the folder ``fonts``."""
    import typst

    typst.compile(source, output=output, font_paths=[fonts], ignore_system_fonts=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--compile"]:
        compile_pdf(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.path.insert(0, str(ROOT))
        sys.stdout.write(typst_source(Path(sys.argv[1])))
