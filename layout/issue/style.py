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

from layout.units import HAO_SIZES_PT

CMYK = tuple[float, float, float, float]


#: Each style class's keys: the YAML value kind (``font``, ``size``, ``length``, ``cmyk``,
#: ``spans``, ``int``, or ``map`` for a nested style) and the key's line in the key reference.
KEYS: dict[type, dict[str, tuple[str, str]]] = {}


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


class Type(NamedTuple):
    """A one-face element: its font role and size."""

    font: str = "kai"
    size: float = 10.5


KEYS[Type] = {
    "font": ("font", "font role"),
    "size": ("size", "type size (a 号 name or pt)"),
}


class Face(NamedTuple):
    """An element set at the body size: its font role."""

    font: str = "kai"


KEYS[Face] = {
    "font": ("font", "font role"),
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
    """`style.crosshead`: the two lines of a 小标题."""

    first: Type = Type("hei_bold", 10.5)
    second: Type = Type("hei", 9.0)


KEYS[CrossHeads] = {
    "first": ("map", "the first (or only) line"),
    "second": ("map", "the second line"),
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


KEYS[Banner] = {
    "font": ("font", "font role"),
    "size": ("size", "size (a block's size wins)"),
    "thick": ("length", "weight of the upper, thick rule"),
    "thin": ("length", "weight of the lower, thin rule"),
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
}


class RuleStyle(NamedTuple):
    """`style.rule`: the weights of rules a designer places (``type: rule``) and of 栏线."""

    thin: float = 0.5
    thick: float = 2.0
    gap: float = 1.5
    dotted: float = 1.0
    dashed: float = 0.75
    flower: float = 4.0
    column: float = 0.25
    column_rules: bool = False


KEYS[RuleStyle] = {
    "thin": ("length", "细线 (thin): weight; also the thin line of 文武线 and each line of a double rule"),
    "thick": ("length", "粗线 (thick): weight; also the thick line of 文武线"),
    "gap": ("length", "the space between the two lines of 文武线 and of a double rule"),
    "dotted": ("length", "点线 (dotted): the dots' diameter"),
    "dashed": ("length", "虚线 (dashed): weight"),
    "flower": ("length", "花线 (flower): the height of the pattern"),
    "column": ("length", "栏线: weight of the rules between a story's body columns"),
    "column_rules": ("bool", "栏线 in every article (an article's `column_rules` wins)"),
}


class Footer(NamedTuple):
    """`style.footer`: the 地脚, a line under the type area (nothing printed while all parts are empty)."""

    left: str = ""
    center: str = ""
    right: str = ""
    font: str = "hei"
    size: float = 7.5
    rule: float = 0.5


KEYS[Footer] = {
    "left": ("text", "the outer part on an odd page (on an even page it goes right), e.g. 本报地址 …"),
    "center": ("text", "the middle part, e.g. the paper's name"),
    "right": ("text", "the inner part on an odd page (left on an even page), e.g. 零售价 …"),
    "font": ("font", "font role"),
    "size": ("size", "type size"),
    "rule": ("length", "weight of the rule above it (0: none)"),
}


class AdSize(NamedTuple):
    """One standard ad size: base columns (0: the full width) and its height: ``lines``, else
    ``height`` (pt, to the nearest line), else ``share`` of the type area's lines."""

    span: int = 0
    lines: int = 0
    share: float = 0.0
    height: float = 0.0


KEYS[AdSize] = {
    "span": ("count", "base columns (0: every column of the page)"),
    "lines": ("count", "body lines (0: by `height`, else `share`)"),
    "share": ("number", "a fraction of the type area's lines (rounded down), when lines and height are 0"),
    "height": ("extent", "a height (e.g. 100mm), to the nearest body line, when lines is 0"),
}


class Ads(NamedTuple):
    """`style.ads`: the ad sizes the paper sells and the 广告 label."""

    tonglan: AdSize = AdSize(0, 0, 0.2)
    ban_tonglan: AdSize = AdSize(0, 0, 0.1)
    baoyan: AdSize = AdSize(2, 0, 0.1)
    banban: AdSize = AdSize(0, 0, 0.5)
    zhengban: AdSize = AdSize(0, 0, 1.0)
    label: bool = True
    label_font: str = "hei"
    label_size: float = 7.5


KEYS[Ads] = {
    "tonglan": ("map", "通栏: the full width, a fifth of the height"),
    "ban_tonglan": ("map", "半通栏: the full width, a tenth of the height"),
    "baoyan": ("map", "报眼: the ear beside the masthead"),
    "banban": ("map", "半版: half a page"),
    "zhengban": ("map", "整版: the whole type area"),
    "label": ("bool", "print 广告 above every ad (an ad's own `label` wins)"),
    "label_font": ("font", "font role of the 广告 label"),
    "label_size": ("size", "size of the 广告 label"),
}


class TableStyle(NamedTuple):
    """`style.table`: 数据表 faces and rules."""

    font: str = "song"
    head_font: str = "hei_bold"
    title_font: str = "hei_bold"
    source_font: str = "kai"
    thick: float = 1.5
    thin: float = 0.5
    row: float = 0.25
    pad: float = 0.5


KEYS[TableStyle] = {
    "font": ("font", "font role of the cells (at the body size)"),
    "head_font": ("font", "font role of the header row"),
    "title_font": ("font", "font role of the title above the table"),
    "source_font": ("font", "font role of the source line under it"),
    "thick": ("length", "the rules above and below the table"),
    "thin": ("length", "the rule under the header row"),
    "row": ("length", "the rules between rows (with `row_rules: true`)"),
    "pad": ("number", "cell padding left and right, in characters"),
}


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
