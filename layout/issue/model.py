"""The validated issue: a tree of frozen dataclasses, lengths already in pt.

In:  nothing (plain data types).
Out: ``Issue``, produced by ``layout.issue.load``; every later stage reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from layout.issue.style import HOUSE, HouseStyle


@dataclass(frozen=True)
class Typography:
    """Text settings an issue may set, and a page or an article override."""

    fullwidth_punct: bool = True  # , ( ) : ; ? ! between Chinese → full width
    latin_gap_em: float = 0.25  # Han–Latin gap (clreq)
    indent_chars: float = 2.0
    line_start_open_half: bool = False  # an opening bracket starting a line gives up its blank ½ em
    punctuation: str = "line_end_half"  # quanjiao | line_end_half | kaiming | banjiao
    prohibition: str = "gb"  # none | basic | gb | strict
    dash_at_line_start: bool = False  # house rule: —— and …… do not start a line
    relax_start: bool = False  # ？ and ！ may start a line (very short columns)
    breaking: str = "optimal"  # optimal (total fit) | greedy
    loose_limit_em: float = 0.25  # a justified line spreading a gap by more is reported
    char_grid: bool = False  # strict character grid: every ideograph of a body line on the em grid
    latin_font: str | None = None  # composite font: a Latin face for letters and digits
    smart_quotes: bool = True  # straight quotes → “ ” ‘ ’ by nesting
    fix_dashes: bool = True  # -- — ―― ... → —— and ……
    latin_narrowest: float = HOUSE.glyph_scaling.latin_narrowest / 100  # style.glyph_scaling (``Setting.of``)
    squeeze_marks: int = HOUSE.squeeze.marks_per_line  # style.squeeze (``Setting.of``; 0: no limit)
    hyphen_ladder: int = HOUSE.hyphenation.max_consecutive  # style.hyphenation (``Setting.of``; 0: no limit)


@dataclass(frozen=True)
class Run:
    """A piece of paragraph text in one inline style.

    Styles: ``body`` (Song), ``dateline`` (bold Hei), ``kai`` (Kai), ``jump``
    (a jump line such as （下转第2版）, in Kai).
    """

    text: str
    style: str = "body"
    target: str = ""  # a jump run: the id of the block it points to ("" once resolved or for a page number)


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: runs, set with the 2-character first-line indent."""

    runs: tuple[Run, ...]
    align: str = "justify"  # justify | right (a trailing byline)
    indent: bool = True

    @property
    def text(self) -> str:
        """The paragraph's characters, all runs joined."""
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class CrossHead:
    """A 小标题 of one or two lines between paragraphs."""

    lines: tuple[str, ...]


BodyItem = Paragraph | CrossHead


@dataclass(frozen=True)
class HeadText:
    """One line-group of a headline: its text, size, face role and alignment."""

    text: str
    size_pt: float
    role: str
    align: str = "center"
    color: tuple[float, float, float, float] | None = None  # CMYK fractions; None: black
    scale: float | None = None  # the designer's horizontal scale, % (长体 < 100 < 扁体); None: fitted
    reverse: tuple[float, float, float, float] | None = None  # 反白: the bar's colour (the text knocked out)
    ornament: Path | None = None  # 题花: a small image left of the head, as tall as its lines
    credit: bool = False  # a byline: its roles kept with their names (``layout.flow.credits``)


@dataclass(frozen=True)
class Placement:
    """Where a block sits on the page grid (columns and lines are 1-based)."""

    column: int
    span: int
    line: int
    lines: int

    @property
    def last_column(self) -> int:
        """The last base column the block covers."""
        return self.column + self.span - 1

    @property
    def end_line(self) -> int:
        """The first line below the block."""
        return self.line + self.lines

    def within(self, outer: Placement) -> bool:
        """Whether this placement lies wholly within ``outer``."""
        return (outer.column <= self.column and self.last_column <= outer.last_column
                and outer.line <= self.line and self.end_line <= outer.end_line)


@dataclass(frozen=True)
class Block:
    """Common fields of every block: an id, its placement and its YAML path."""

    id: str
    at: Placement
    yaml_path: str
    yaml_line: int | None


@dataclass(frozen=True)
class BoxStyle:
    """The frame of a boxed article: ``single`` 正线, ``thick`` 反线, ``double`` 双线,
    ``dotted`` 点线 or ``pattern`` 花边框, and an optional CMYK tint behind the text."""

    style: str = "single"
    tint: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class ArticleBlock(Block):
    """A story: headline group and body flowing through the block's columns."""

    kicker: HeadText | None = None
    headline: HeadText | None = None
    subhead: HeadText | None = None
    byline: str | None = None
    body: tuple[BodyItem, ...] = ()
    typography: Typography = Typography()
    columns: int | None = None  # 变栏/破栏: body columns over the block's span (None: one per base column)
    continues: str | None = None  # the id of the article (on an earlier page) this one continues
    box: BoxStyle | None = None  # a boxed article (text one character and one line inside the frame)
    head_vertical: str | None = None  # 竖排标题: the headline group in a strip on the "right" or "left"
    head_digits: str = "auto"  # digits and Latin in a vertical head: upright, rotated, or auto (≤ 2 digits upright)
    style: HouseStyle = HOUSE  # the house style with the issue's, page's and article's overrides
    jump_head: str | None = None  # the headline's short form over the continuations (转版)
    body_size: float | None = None  # the body's type size (None: the grid's); its lines stay on the grid
    corner: Placement | None = None  # 拐弯: the lower corner of ``at`` left to other blocks (its body ends above it)


@dataclass(frozen=True)
class PhotoBlock(Block):
    """A photo slot: an image (or a placeholder) with a caption and credit."""

    image: Path | None = None
    label: str = ""
    caption: str = ""
    credit: str = ""
    fit: str = "cover"  # cover (crop to fill, around ``focus``) | contain (fit inside)
    focus: tuple[float, float] = (0.5, 0.5)  # the point of the photo to keep, as fractions
    wrap: bool = False  # sits inside an article, whose body text flows around it (图文互斥)


@dataclass(frozen=True)
class PrintSpec:
    """How photos are prepared for the press (issue-wide)."""

    profile: Path | None = None  # the CMYK output profile (None: the bundled newsprint profile)
    ink_limit: float = 240.0  # total area coverage of photos, % (newsprint ~240)
    ppi: float = 300.0  # target resolution of photos at their placed size (never upsampled)
    mono: bool = False  # photos on the black plate only (set for the blocks of a page with mono: true)


@dataclass(frozen=True)
class BannerBlock(Block):
    """A page banner (版面通栏标题) with a rule below it."""

    text: str = ""
    size_pt: float = 36.0
    role: str = "song_bold"
    color: tuple[float, float, float, float] | None = None  # CMYK fractions of the text; None: black
    rule_color: tuple[float, float, float, float] | None = None  # of the thick–thin rule; None: black
    scale: float | None = None  # the designer's horizontal scale, %; None: fitted
    reverse: tuple[float, float, float, float] | None = None  # 反白: the bar's colour
    style: HouseStyle = HOUSE  # the page's house style (fitting limits)


@dataclass(frozen=True)
class MastheadBlock(Block):
    """The 报头 of page 1: the paper's name set large (or its logo image), and under it
    the date with the weekday, the 农历 date, the issue number and the small print."""

    name: str = ""
    size_pt: float = 60.0
    role: str = "song_bold"
    image: Path | None = None
    lunar: str = ""
    cn: str = ""  # 国内统一刊号, e.g. CN 00-0000 (two-digit region, four-digit serial)
    notes: tuple[str, ...] = ()  # other small print lines


#: A block of any registered type (``layout.blocks``); built in: ArticleBlock, PhotoBlock,
#: BannerBlock, MastheadBlock.
PageBlock = Block


@dataclass(frozen=True)
class Grid:
    """The page's column grid, counted in body characters."""

    columns: int = 8
    chars: int = 13
    gutter_chars: float = 1.0
    body_size_pt: float = 9.0
    pitch_pt: float = 13.5

    @property
    def column_width_pt(self) -> float:
        """Width of one base column."""
        return self.chars * self.body_size_pt

    @property
    def gutter_pt(self) -> float:
        """Width of the space between columns."""
        return self.gutter_chars * self.body_size_pt

    @property
    def width_pt(self) -> float:
        """Width of the whole type area."""
        return self.columns * self.column_width_pt + (self.columns - 1) * self.gutter_pt


@dataclass(frozen=True)
class Margins:
    """Page margins in pt."""

    top: float
    bottom: float
    left: float
    right: float


@dataclass(frozen=True)
class PageSpec:
    """One page (版)."""

    number: int
    name: str
    width_pt: float
    height_pt: float
    margins: Margins
    grid: Grid
    blocks: tuple[PageBlock, ...]
    typography: Typography = Typography()
    editor: str = ""  # 责任编辑, in the running head
    designer: str = ""  # 美术编辑
    mono: bool = False  # printed in black only: its photos go out on the black plate
    style: HouseStyle = HOUSE  # the house style with the issue's and page's overrides

    @property
    def lines(self) -> int:
        """How many body lines the type area holds."""
        return int((self.height_pt - self.margins.top - self.margins.bottom) / self.grid.pitch_pt + 1e-6)


@dataclass(frozen=True)
class IssueMeta:
    """The edition: paper name, date, issue number."""

    paper: str
    date: str
    number: int | None = None


@dataclass(frozen=True)
class Issue:
    """A whole edition as read from one YAML file."""

    source: Path
    meta: IssueMeta
    typography: Typography
    pages: tuple[PageSpec, ...] = field(default_factory=tuple)
    press: PrintSpec = PrintSpec()
    style: HouseStyle = HOUSE  # the house file with the issue's overrides
    house: Path | None = None  # the house-style file it was read with (previews watch it)
