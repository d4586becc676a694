"""The house style: every size, face, colour and rule weight of a page's elements.

In:  nothing (plain data types and their defaults, which reproduce the pages the
     engine set before a paper had a house file).
Out: ``HouseStyle``: a tree of immutable named tuples (cheap to define at import, which
     every render pays), sizes and weights in pt. A paper
     keeps its own in a house-style YAML file (``house:`` of an issue); an issue, a
     page or an article overrides any part (``style:``), read by ``layout.issue.house``.
     ``KEYS`` gives each key's YAML kind and one line of documentation (the schema and
     the README key reference are generated from them).
"""

from __future__ import annotations

from functools import cache
from typing import Any, NamedTuple

from layout.issue.style_blocks import (
    Ads,
    BodyFaces,
    BriefsStyle,
    Footer,
    IndexStyle,
    QuoteStyle,
    RuleStyle,
    SidebarStyle,
    TableStyle,
)
from layout.issue.style_types import CMYK, KEYS, Face, Type
from layout.units import HAO_SIZES_PT


class Headline(NamedTuple):
    """`style.headline`: the 主题 of an article, sized by the article's span."""

    font: str = "hei_bold"
    sizes: tuple[tuple[int, float], ...] = ((6, HAO_SIZES_PT["小初"]), (4, HAO_SIZES_PT["小一"]),
                                            (3, HAO_SIZES_PT["二号"]), (1, HAO_SIZES_PT["小二"]))
    continued: float = HAO_SIZES_PT["小二"]
    wide_from: int = 4

    def size(self, span: int) -> float:
        """The headline size for an article ``span`` base columns wide."""
        for low, size in sorted(self.sizes, reverse=True):
            if span >= low:
                return size
        return min(self.sizes)[1] if self.sizes else HAO_SIZES_PT["小二"]


KEYS[Headline] = {
    "font": ("font", "font role of the headline"),
    "sizes": ("spans", "size by span: {from span: size}, e.g. {1: 小二, 3: 二号, 4: 小一, 6: 小初}"),
    "continued": ("size", "size of the headline repeated over a continuation (转版)"),
    "wide_from": ("int", "from this span on, the head group is centred and kicker and subhead set larger"),
}


class Deck(NamedTuple):
    """`style.kicker`, `style.subhead`: 引题 and 副题, larger over a wide article."""

    font: str = "kai"
    wide: float = HAO_SIZES_PT["三号"]
    narrow: float = HAO_SIZES_PT["四号"]


KEYS[Deck] = {
    "font": ("font", "font role"),
    "wide": ("size", "size over a wide article (span from headline.wide_from)"),
    "narrow": ("size", "size over a narrower article"),
}


class Jump(NamedTuple):
    """`style.jump`: the jump lines (转版): their face (at the body size) and wording; ``{page}``
    stands for the page number. A jump line is never broken; （下转） ends the story's last
    line flush right, or takes a line of its own, flush right, where it does not fit there."""

    font: str = "kai"
    down: str = "（下转第{page}版）"
    up: str = "（上接第{page}版）"
    up_align: str = "right"


KEYS[Jump] = {
    "font": ("font", "font role"),
    "down": ("jumptext", "the jump line at the end of a part, {page} the page it continues on"),
    "up": ("jumptext", "the line opening a continuation, {page} the page it comes from"),
    "up_align": ("align", "where the （上接） line stands on its own first line: left, center or right"),
}


class CrossHeads(NamedTuple):
    """`style.crosshead`: the two lines of a 小标题, their colour and 反白 bar."""

    first: Type = Type("hei_bold", 10.5)
    second: Type = Type("hei", 9.0)
    color: CMYK | None = None
    reverse: CMYK | None = None


KEYS[CrossHeads] = {
    "first": ("map", "the first (or only) line"),
    "second": ("map", "the second line"),
    "color": ("color", "their colour: a house colour's name (报红) or [c, m, y, k]; false: black"),
    "reverse": ("color", "反白: the bar (a house colour's name or [c, m, y, k]) the cross-heads are knocked out "
                         "of; false: none"),
}


class RunningHead(NamedTuple):
    """`style.running_head`: the 报眉 above the type area, over a rule."""

    font: str = "hei"
    size: float = 9.0
    rule: float = 0.75
    mirror: bool = True


KEYS[RunningHead] = {
    "font": ("font", "font role"),
    "size": ("size", "type size"),
    "rule": ("length", "weight of the rule under it"),
    "mirror": ("bool", "mirrored on even pages: the page number and name on the left, the date on the right"),
}


class Masthead(NamedTuple):
    """`style.masthead`: the 报头's name and small print."""

    font: str = "song_bold"
    size: float = 60.0
    colour: CMYK = (0.0, 1.0, 1.0, 0.0)
    small_print: str = "hei"


KEYS[Masthead] = {
    "font": ("font", "font role of the name (a block's font wins)"),
    "size": ("size", "size of the name (a block's size wins)"),
    "colour": ("cmyk", "colour of the name, CMYK fractions (the customary red)"),
    "small_print": ("font", "font role of the small print (at the body size)"),
}


class Banner(NamedTuple):
    """`style.banner`: the 通栏标题 above its thick and thin rule."""

    font: str = "song_bold"
    size: float = 36.0
    thick: float = 2.0
    thin: float = 0.5
    color: CMYK | None = None
    rule_color: CMYK | None = None


KEYS[Banner] = {
    "font": ("font", "font role"),
    "size": ("size", "size (a block's size wins)"),
    "thick": ("length", "weight of the upper, thick rule"),
    "thin": ("length", "weight of the lower, thin rule"),
    "color": ("color", "the banners' colour: a house colour's name (报红) or [c, m, y, k]; false: black (a "
                       "block's `color` wins)"),
    "rule_color": ("color", "the colour of their rules (a block's `rule_color` wins)"),
}


class Photo(NamedTuple):
    """`style.photo`: caption, credit and the placeholder label."""

    caption: Face = Face("kai")
    credit: Face = Face("kai")
    label: Type = Type("hei", 12.0)


KEYS[Photo] = {
    "caption": ("map", "the caption (at the body size)"),
    "credit": ("map", "the credit after the caption (at the body size)"),
    "label": ("map", "the placeholder's label"),
}


class Rules(NamedTuple):
    """`style.rules`: the hairlines between blocks that touch."""

    between: float = 0.5


KEYS[Rules] = {
    "between": ("length", "weight of the rules between blocks"),
}


class Boxes(NamedTuple):
    """`style.boxes`: the frames of boxed articles (花边框 and the rest)."""

    edge: float = 1.5
    single: float = 0.5
    thick: float = 2.0
    double: float = 1.5
    dotted: float = 1.0
    pattern: float = 2.5
    inner: float = 0.5
    air: float = 6.0
    gap: float = 1.5
    max_span: int = 3


KEYS[Boxes] = {
    "edge": ("length", "air between the block's grid rectangle and the frame's outer stroke, on every side"),
    "single": ("length", "正线: the single frame's weight"),
    "thick": ("length", "反线: the thick frame's weight"),
    "double": ("length", "文武线 frame (wenwu): the thick outer stroke (the inner is `inner`)"),
    "dotted": ("length", "点线: the dots' weight"),
    "pattern": ("length", "花边框: the dashed border's weight (the inner is `inner`)"),
    "inner": ("length", "the inner stroke of double and pattern frames"),
    "air": ("length", "more air above and below the frame (besides `edge`): stacked boxes stand 2 × (edge + air) "
                      "apart (15 pt), side-by-side boxes a gutter + 2 × edge (12 pt on the default grid)"),
    "gap": ("length", "between the two thin lines of a double frame (and of 文武线)"),
    "max_span": ("int", "make-up: the widest a boxed story (评论 …) is set, in base columns; each column wider "
                        "costs the search as much as 100 empty lines (a plan's max_span still bounds it)"),
}


class Fit(NamedTuple):
    """`style.fit`: how headlines, banners and cross-heads that do not fit are fitted: first
    by horizontal scaling (长体) down to ``condense`` %, then in ``step`` pt smaller sizes down
    to ``floor`` % of their size, then on one more line."""

    condense: int = 85
    expand: int = 115
    floor: int = 75
    step: float = 1.0
    lines: int = 3


KEYS[Fit] = {
    "condense": ("percent", "narrowest 长体 (horizontal scale, %) a head may be condensed to, to fit"),
    "expand": ("percent", "widest 扁体 (%) a head's own `scale:` may ask for (and narrowest: `condense`)"),
    "floor": ("percent", "smallest size a head may be stepped down to, % of its size"),
    "step": ("step", "size step when stepping down, pt (0.1 at least)"),
    "lines": ("int", "lines a headline (主题) may take before it is fitted (banners and cross-heads: 1)"),
}


class HeadSpacing(NamedTuple):
    """`style.head_spacing`: the space between the lines of a head group (引题, 主题, 副题,
    byline), each in em of the larger of the two neighbours, and the air above and below
    the group, in body lines (the group takes whole body lines)."""

    kicker: float = 0.25
    subhead: float = 0.3
    byline: float = 0.3
    crosshead: float = 0.2
    above: float = 0.5
    below: float = 0.5


KEYS[HeadSpacing] = {
    "kicker": ("em", "between 引题 and 主题, em of the larger size"),
    "subhead": ("em", "between 主题 and 副题, em of the larger size"),
    "byline": ("em", "between the head and the byline, em of the larger size"),
    "crosshead": ("em", "between the two lines of a cross-head, em of the larger size"),
    "above": ("em", "air above the head group, in body lines (at least; a balanced article may add more below)"),
    "below": ("em", "air below the head group, in body lines"),
}


class DisplayPunct(NamedTuple):
    """`style.display_punct`: punctuation in display type (headlines, banners, cross-heads)."""

    marks: str = "half"
    ratio: str = "tight"


KEYS[DisplayPunct] = {
    "marks": ("punct", "half: a mark at a head's start or end and next to another mark is set half width "
                       "(clreq); full: as in body text"),
    "ratio": ("ratio", "tight: a colon between digits (3∶2) is set as its ink plus a hair; full: as a mark"),
}


class GlyphScaling(NamedTuple):
    """`style.glyph_scaling`: how far justification may narrow the letters and digits of a
    body line (英文/数字压缩, InDesign's glyph scaling) so that a code, an address or a number
    that cannot be broken fits its line instead of leaving the line loose or overfull. Only
    Latin letters, digits and the Latin marks inside such runs, never ideographs or Chinese
    marks; only after every other compression; 100 turns it off."""

    latin_narrowest: int = 92


KEYS[GlyphScaling] = {
    "latin_narrowest": ("percent", "narrowest horizontal scale (%) of Latin letters and digits on a justified "
                                   "line that cannot fit otherwise (100: never narrowed; above 100 counts as 100)"),
}


class Squeeze(NamedTuple):
    """`style.squeeze`: how far a justified body line may compress its punctuation. A line
    that must tighten gives up blank from at most this many mid-line marks (、，；：。？！
    brackets, quotes, middle dots), so marks do not touch the next ideograph all along a line;
    the breaker takes this into account, and a line that can only be set by squeezing more is
    reported like a loose line. An article whose body overruns its block by a few lines is
    pulled back (缩行) when that makes it fit: the fewest paragraphs set shorter by tightening
    within these limits, by at most ``pull_back`` lines (``layout.flow.pullback``)."""

    marks_per_line: int = 2
    pull_back: int = 3


KEYS[Squeeze] = {
    "marks_per_line": ("count", "most mid-line marks one justified body line may set narrower than full width "
                                "to fit (0: no limit); a line that needs more is set so and reported"),
    "pull_back": ("count", "most body lines an article that overruns its block may be pulled back by (缩行): its "
                           "fewest paragraphs set shorter, squeezing within these limits, when that makes all of its "
                           "copy fit (reported; 0: never)"),
}


class Hyphenation(NamedTuple):
    """`style.hyphenation`: the house's limits on hyphenated line ends in body text."""

    max_consecutive: int = 2


KEYS[Hyphenation] = {
    "max_consecutive": ("count", "most consecutive body lines that may end in a hyphen (a hyphen ladder), "
                                 "0: no limit"),
}


#: The house colours every style has (CMYK fractions): 报红 is the spot red of Chinese
#: dailies, printed as process 0/100/100/0 on the M and Y plates.
COLORS: tuple[tuple[str, CMYK], ...] = (("报红", (0.0, 1.0, 1.0, 0.0)), ("黑", (0.0, 0.0, 0.0, 1.0)),
                                        ("白", (0.0, 0.0, 0.0, 0.0)))


def color_named(colors: tuple[tuple[str, CMYK], ...], name: str) -> CMYK | None:
    """The CMYK of a house colour ``name`` (None if the house has no such colour)."""
    return dict(colors).get(name)


class HouseStyle(NamedTuple):
    """`style:` (and a house file): the paper's sizes, faces, colours and rules."""

    headline: Headline = Headline()
    kicker: Deck = Deck()
    subhead: Deck = Deck()
    byline: Type = Type("kai", 10.5)
    body: Face = Face("song")
    dateline: Face = Face("hei_bold")
    jump: Jump = Jump()
    crosshead: CrossHeads = CrossHeads()
    photo: Photo = Photo()
    running_head: RunningHead = RunningHead()
    masthead: Masthead = Masthead()
    banner: Banner = Banner()
    rules: Rules = Rules()
    boxes: Boxes = Boxes()
    rule: RuleStyle = RuleStyle()
    footer: Footer = Footer()
    ads: Ads = Ads()
    table: TableStyle = TableStyle()
    contents: IndexStyle = IndexStyle()  # (a field called index would hide tuple.index)
    briefs: BriefsStyle = BriefsStyle()
    quote: QuoteStyle = QuoteStyle()
    sidebar: SidebarStyle = SidebarStyle()
    body_faces: BodyFaces = BodyFaces()
    fit: Fit = Fit()
    head_spacing: HeadSpacing = HeadSpacing()
    display_punct: DisplayPunct = DisplayPunct()
    colors: tuple[tuple[str, CMYK], ...] = COLORS
    glyph_scaling: GlyphScaling = GlyphScaling()
    squeeze: Squeeze = Squeeze()
    hyphenation: Hyphenation = Hyphenation()

    def color(self, name: str) -> CMYK | None:
        """A house colour by name (``colors``), or None."""
        return color_named(self.colors, name)


KEYS[HouseStyle] = {
    "headline": ("map", "the headline (主题)"),
    "kicker": ("map", "the kicker (引题)"),
    "subhead": ("map", "the subhead (副题)"),
    "byline": ("map", "the byline under the headline"),
    "body": ("map", "body text (at the grid's body size)"),
    "dateline": ("map", "the dateline 本报讯（记者 …） opening a story"),
    "jump": ("map", "jump lines （下转第N版） （上接第M版）"),
    "crosshead": ("map", "cross-heads (小标题)"),
    "photo": ("map", "photo caption, credit and placeholder label"),
    "running_head": ("map", "the running head (报眉)"),
    "masthead": ("map", "the masthead (报头)"),
    "banner": ("map", "the banner (通栏标题)"),
    "rules": ("map", "rules between blocks"),
    "boxes": ("map", "frames of boxed articles"),
    "rule": ("map", "rules a designer places (type: rule) and 栏线"),
    "footer": ("map", "the 地脚 under the type area"),
    "ads": ("map", "ad sizes (通栏, 半通栏, 报眼, 半版, 整版) and the 广告 label"),
    "table": ("map", "数据表 (type: table)"),
    "contents": ("map", "the 导读 block (`type: index`)"),
    "briefs": ("map", "the 简讯 block (`type: briefs`)"),
    "quote": ("map", "the pull quote (`type: quote`, 引语)"),
    "sidebar": ("map", "the boxed companion of a story (`type: sidebar`, 相关链接)"),
    "body_faces": ("map", "named body faces for `body_font:` of an article"),
    "fit": ("map", "fitting headlines, banners and cross-heads (长体, size steps, another line)"),
    "head_spacing": ("map", "space in and around head groups"),
    "display_punct": ("map", "punctuation of display type"),
    "colors": ("colors", "house colours by name, {名: [c, m, y, k]} in % (0–100) or fractions; "
                         "报红 [0, 100, 100, 0], 黑 and 白 are always there; `color:` of a head, banner or rule "
                         "names one"),
    "glyph_scaling": ("map", "narrowing Latin and digit runs of running text to fit a line (英文/数字压缩)"),
    "squeeze": ("map", "compressing the punctuation of a body line to fit it (标点挤压)"),
    "hyphenation": ("map", "hyphenated line ends of Latin words in body text"),
}


HOUSE = HouseStyle()  # the defaults


def mapping_name(path: str) -> str:
    """The key-table name of the style mapping at ``path`` (``style``, ``style_headline`` …)."""
    return "style" + "".join(f"_{part}" for part in path.split(".") if part)


@cache
def style_tables() -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, str], str], dict[str, str],
                            dict[tuple[str, str], str]]:
    """KEYS, FIELDS, MAPPINGS and DESCRIPTIONS of every style mapping (see ``layout.issue.spec``)."""
    keys: dict[str, tuple[str, ...]] = {}
    kinds: dict[tuple[str, str], str] = {}
    where: dict[str, str] = {}
    docs: dict[tuple[str, str], str] = {}

    def walk(cls: Any, path: str, doc: str) -> None:
        name = mapping_name(path)
        keys[name] = cls._fields
        where[name] = f"`style.{path}`: {doc}" if path else "`style:` of an issue, page or article, and a house file"
        for key in cls._fields:
            kind, line = KEYS[cls][key]
            sub = f"{path}.{key}" if path else key
            kinds[name, key] = f"map:{mapping_name(sub)}" if kind == "map" else f"style_{kind}"
            docs[name, key] = line
            if kind == "map":
                walk(type(cls._field_defaults[key]), sub, line)

    walk(HouseStyle, "", "")
    return keys, kinds, where, docs
