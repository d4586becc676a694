"""The house style: every size, face, colour and rule weight of a page's elements.

In:  nothing (plain data types and their defaults, which reproduce the pages the
     engine set before a paper had a house file).
Out: ``HouseStyle``: a tree of frozen dataclasses, sizes and weights in pt. A paper
     keeps its own in a house-style YAML file (``house:`` of an issue); an issue, a
     page or an article overrides any part (``style:``), read by ``layout.issue.house``.
     Each field's ``metadata`` gives its YAML kind and one line of documentation (the
     schema and the README key reference are generated from them).
"""

# ruff: noqa: RUF009  (``_f`` is ``dataclasses.field`` with metadata; every default is a frozen value)
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any

from layout.units import HAO_SIZES_PT

CMYK = tuple[float, float, float, float]


def _f(default: Any, kind: str, doc: str) -> Any:
    """A style field: its default, its YAML value kind (``font``, ``size``, ``length``,
    ``align``, ``cmyk``, ``spans``, ``int``) and its line in the key reference."""
    return field(default=default, metadata={"kind": kind, "doc": doc})


@dataclass(frozen=True)
class Headline:
    """`style.headline`: the 主题 of an article, sized by the article's span."""

    font: str = _f("hei_bold", "font", "font role of the headline")
    sizes: tuple[tuple[int, float], ...] = _f(
        ((6, HAO_SIZES_PT["小初"]), (4, HAO_SIZES_PT["小一"]), (3, HAO_SIZES_PT["二号"]), (1, HAO_SIZES_PT["小二"])),
        "spans", "size by span: {from span: size}, e.g. {1: 小二, 3: 二号, 4: 小一, 6: 小初}")
    continued: float = _f(HAO_SIZES_PT["小二"], "size", "size of the headline repeated over a continuation (转版)")
    wide_from: int = _f(4, "int", "from this span on, the head group is centred and kicker and subhead set larger")

    def size(self, span: int) -> float:
        """The headline size for an article ``span`` base columns wide."""
        for low, size in sorted(self.sizes, reverse=True):
            if span >= low:
                return size
        return min(self.sizes)[1] if self.sizes else HAO_SIZES_PT["小二"]


@dataclass(frozen=True)
class Deck:
    """`style.kicker`, `style.subhead`: 引题 and 副题, larger over a wide article."""

    font: str = _f("kai", "font", "font role")
    wide: float = _f(HAO_SIZES_PT["三号"], "size", "size over a wide article (span from headline.wide_from)")
    narrow: float = _f(HAO_SIZES_PT["四号"], "size", "size over a narrower article")


@dataclass(frozen=True)
class Type:
    """A one-face element: its font role and size."""

    font: str = _f("kai", "font", "font role")
    size: float = _f(10.5, "size", "type size (a 号 name or pt)")


@dataclass(frozen=True)
class Face:
    """An element set at the body size: its font role."""

    font: str = _f("kai", "font", "font role")


@dataclass(frozen=True)
class CrossHeads:
    """`style.crosshead`: the two lines of a 小标题."""

    first: Type = _f(Type("hei_bold", 10.5), "map", "the first (or only) line")
    second: Type = _f(Type("hei", 9.0), "map", "the second line")


@dataclass(frozen=True)
class RunningHead:
    """`style.running_head`: the 报眉 above the type area, over a rule."""

    font: str = _f("hei", "font", "font role")
    size: float = _f(9.0, "size", "type size")
    rule: float = _f(0.75, "length", "weight of the rule under it")


@dataclass(frozen=True)
class Masthead:
    """`style.masthead`: the 报头's name and small print."""

    font: str = _f("song_bold", "font", "font role of the name (a block's font wins)")
    size: float = _f(60.0, "size", "size of the name (a block's size wins)")
    colour: CMYK = _f((0.0, 1.0, 1.0, 0.0), "cmyk", "colour of the name, CMYK fractions (the customary red)")
    small_print: str = _f("hei", "font", "font role of the small print (at the body size)")


@dataclass(frozen=True)
class Banner:
    """`style.banner`: the 通栏标题 above its thick and thin rule."""

    font: str = _f("song_bold", "font", "font role")
    size: float = _f(36.0, "size", "size (a block's size wins)")
    thick: float = _f(2.0, "length", "weight of the upper, thick rule")
    thin: float = _f(0.5, "length", "weight of the lower, thin rule")


@dataclass(frozen=True)
class Photo:
    """`style.photo`: caption, credit and the placeholder label."""

    caption: Face = _f(Face("kai"), "map", "the caption (at the body size)")
    credit: Face = _f(Face("kai"), "map", "the credit after the caption (at the body size)")
    label: Type = _f(Type("hei", 12.0), "map", "the placeholder's label")


@dataclass(frozen=True)
class Rules:
    """`style.rules`: the hairlines between blocks that touch."""

    between: float = _f(0.5, "length", "weight of the rules between blocks")


@dataclass(frozen=True)
class Boxes:
    """`style.boxes`: the frames of boxed articles (花边框 and the rest)."""

    edge: float = _f(1.5, "length", "between the block's edge and the frame's outer stroke")
    single: float = _f(0.5, "length", "正线: the single frame's weight")
    thick: float = _f(2.0, "length", "反线: the thick frame's weight")
    double: float = _f(1.5, "length", "双线: the outer stroke (the inner is `inner`)")
    dotted: float = _f(1.0, "length", "点线: the dots' weight")
    pattern: float = _f(2.5, "length", "花边框: the dashed border's weight (the inner is `inner`)")
    inner: float = _f(0.5, "length", "the inner stroke of double and pattern frames")


@dataclass(frozen=True)
class HouseStyle:
    """`style:` (and a house file): the paper's sizes, faces, colours and rules."""

    headline: Headline = _f(Headline(), "map", "the headline (主题)")
    kicker: Deck = _f(Deck(), "map", "the kicker (引题)")
    subhead: Deck = _f(Deck(), "map", "the subhead (副题)")
    byline: Type = _f(Type("kai", 10.5), "map", "the byline under the headline")
    body: Face = _f(Face("song"), "map", "body text (at the grid's body size)")
    dateline: Face = _f(Face("hei_bold"), "map", "the dateline 本报讯（记者 …） opening a story")
    jump: Face = _f(Face("kai"), "map", "jump lines （下转第N版） （上接第M版）")
    crosshead: CrossHeads = _f(CrossHeads(), "map", "cross-heads (小标题)")
    photo: Photo = _f(Photo(), "map", "photo caption, credit and placeholder label")
    running_head: RunningHead = _f(RunningHead(), "map", "the running head (报眉)")
    masthead: Masthead = _f(Masthead(), "map", "the masthead (报头)")
    banner: Banner = _f(Banner(), "map", "the banner (通栏标题)")
    rules: Rules = _f(Rules(), "map", "rules between blocks")
    boxes: Boxes = _f(Boxes(), "map", "frames of boxed articles")


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
        keys[name] = tuple(f.name for f in fields(cls))
        where[name] = f"`style.{path}`: {doc}" if path else "`style:` of an issue, page or article, and a house file"
        for f in fields(cls):
            kind = f.metadata["kind"]
            sub = f"{path}.{f.name}" if path else f.name
            kinds[name, f.name] = f"map:{mapping_name(sub)}" if kind == "map" else f"style_{kind}"
            docs[name, f.name] = f.metadata["doc"]
            if kind == "map":
                walk(type(f.default), sub, f.metadata["doc"])

    walk(HouseStyle, "", "")
    return keys, kinds, where, docs
