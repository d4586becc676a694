"""The house style of the furniture and of the block types beyond the article: placed rules
and 栏线, the 地脚, ad sizes, tables, the 导读, 简讯, pull quotes, sidebars and named body faces.

In:  nothing (plain data types and their defaults).
Out: the style classes ``layout.issue.style.HouseStyle`` holds (``rule``, ``footer``, ``ads``,
     ``table``, ``contents``, ``briefs``, ``quote``, ``sidebar``, ``body_faces``), each
     registered in ``KEYS`` with its keys.
"""

from __future__ import annotations

from typing import NamedTuple

from layout.issue.style_types import KEYS, Face, Type
from layout.units import HAO_SIZES_PT


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
    "dotted": ("step", "点线 (dotted): the dots' diameter (0.1 pt at least)"),
    "dashed": ("length", "虚线 (dashed): weight"),
    "flower": ("step", "花线 (flower): the height of the pattern (0.1 pt at least)"),
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
