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


KEYS[RunningHead] = {
    "font": ("font", "font role"),
    "size": ("size", "type size"),
    "rule": ("length", "weight of the rule under it"),
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


KEYS[Boxes] = {
    "edge": ("length", "between the block's edge and the frame's outer stroke"),
    "single": ("length", "正线: the single frame's weight"),
    "thick": ("length", "反线: the thick frame's weight"),
    "double": ("length", "双线: the outer stroke (the inner is `inner`)"),
    "dotted": ("length", "点线: the dots' weight"),
    "pattern": ("length", "花边框: the dashed border's weight (the inner is `inner`)"),
    "inner": ("length", "the inner stroke of double and pattern frames"),
}


class IndexStyle(NamedTuple):
    """`style.contents`: the 导读 (`type: index`) — its heading, item text, dot leaders and page references."""

    heading: Type = Type("hei_bold", HAO_SIZES_PT["小四"])
    text: Face = Face("song")
    ref: Face = Face("hei")
    leader: float = 4.5
    dot: float = 1.0


KEYS[IndexStyle] = {
    "heading": ("map", "the heading (导读, 要闻导读)"),
    "text": ("map", "an item's text (at the body size)"),
    "ref": ("map", "the page reference at the right (第2版), at the body size"),
    "leader": ("length", "the dot leaders' pitch: the distance from one dot to the next"),
    "dot": ("length", "the diameter of a leader dot"),
}


class BriefsStyle(NamedTuple):
    """`style.briefs`: 简讯/短讯 — heading, bold lead-in, item text, the rules between items."""

    heading: Type = Type("hei_bold", HAO_SIZES_PT["小四"])
    lead: Face = Face("hei_bold")
    text: Face = Face("song")
    bullet: Face = Face("hei")
    rule: float = 0.5


KEYS[BriefsStyle] = {
    "heading": ("map", "the heading (简讯, 短讯)"),
    "lead": ("map", "an item's lead-in (at the body size)"),
    "text": ("map", "an item's text (at the body size)"),
    "bullet": ("map", "the ■ bullet before an item (`bullet: true` on the block)"),
    "rule": ("length", "weight of the rules between items (`rules: true` on the block)"),
}


class QuoteStyle(NamedTuple):
    """`style.quote`: 引语 — the pull quote's display type, attribution and rules."""

    font: str = "kai"
    size: float = HAO_SIZES_PT["小三"]
    align: str = "left"
    attribution: Type = Type("kai", HAO_SIZES_PT["五号"])
    above: float = 1.5
    below: float = 0.5


KEYS[QuoteStyle] = {
    "font": ("font", "font role of the quote"),
    "size": ("size", "size of the quote (a block's size wins)"),
    "align": ("align", "alignment of the quote's lines"),
    "attribution": ("map", "the attribution under the quote (——某某), set right"),
    "above": ("length", "weight of the rule above the quote"),
    "below": ("length", "weight of the rule below the quote"),
}


class SidebarStyle(NamedTuple):
    """`style.sidebar`: 相关链接 — heading and body of a boxed companion, in smaller type."""

    heading: Type = Type("hei_bold", HAO_SIZES_PT["小五"])
    text: Type = Type("song", HAO_SIZES_PT["六号"])
    leading: float = 11.0
    rule: float = 0.5


KEYS[SidebarStyle] = {
    "heading": ("map", "the heading (相关链接)"),
    "text": ("map", "the body text: smaller than the page's body"),
    "leading": ("length", "the body's baseline pitch"),
    "rule": ("length", "weight of the rule under the heading"),
}


class BodyFaces(NamedTuple):
    """`style.body_faces`: body faces an article names with `body_font:` (a 评论 in 楷体)."""

    commentary: Face = Face("kai")
    notice: Face = Face("hei")


KEYS[BodyFaces] = {
    "commentary": ("map", "`body_font: commentary` (评论, 评论员文章): the face of its body"),
    "notice": ("map", "`body_font: notice` (公告, 启事): the face of its body"),
}


class HouseStyle(NamedTuple):
    """`style:` (and a house file): the paper's sizes, faces, colours and rules."""

    headline: Headline = Headline()
    kicker: Deck = Deck()
    subhead: Deck = Deck()
    byline: Type = Type("kai", 10.5)
    body: Face = Face("song")
    dateline: Face = Face("hei_bold")
    jump: Face = Face("kai")
    crosshead: CrossHeads = CrossHeads()
    photo: Photo = Photo()
    running_head: RunningHead = RunningHead()
    masthead: Masthead = Masthead()
    banner: Banner = Banner()
    rules: Rules = Rules()
    boxes: Boxes = Boxes()
    contents: IndexStyle = IndexStyle()  # (a field called index would hide tuple.index)
    briefs: BriefsStyle = BriefsStyle()
    quote: QuoteStyle = QuoteStyle()
    sidebar: SidebarStyle = SidebarStyle()
    body_faces: BodyFaces = BodyFaces()


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
    "contents": ("map", "the 导读 block (`type: index`)"),
    "briefs": ("map", "the 简讯 block (`type: briefs`)"),
    "quote": ("map", "the pull quote (`type: quote`, 引语)"),
    "sidebar": ("map", "the boxed companion of a story (`type: sidebar`, 相关链接)"),
    "body_faces": ("map", "named body faces for `body_font:` of an article"),
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
