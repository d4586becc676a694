"""Reading the house style: a paper's house file and the ``style:`` overrides.

In:  a ``style:`` mapping of an issue, page or article (or a whole house-style file),
     and the style it overrides.
Out: the resolved ``HouseStyle`` (only the keys given change), or an ``IssueError``
     naming file, line and key; and the format tables of every style mapping
     (``style_tables``), from which the schema and the README key reference are made.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from layout.issue.reader import Doc, Reader, choice
from layout.issue.style import KEYS, HouseStyle, mapping_name, style_tables
from layout.units import parse_length, parse_size

CMYK4 = tuple[float, float, float, float]

MAX_SPAN = 20  # the widest grid the format allows (grid.columns)
MIN_STEP = 0.1  # pt: the least size step, dot or pattern a house may give (0 never ended a head's fitting)


def read_style(doc: Doc, owner: Reader, base: HouseStyle, key: str = "style") -> HouseStyle:
    """``base`` with the keys of ``owner``'s ``style:`` mapping changed."""
    if not owner.has(key):
        return base
    style: HouseStyle = _read(doc, owner.mapping(key, style_tables()[0]["style"]), base, "")
    return style


def _read(doc: Doc, r: Reader, base: Any, path: str, colors: Any = None) -> Any:
    """One style mapping over ``base`` (a style named tuple), recursively; ``colors`` are the
    house colours a ``color`` key may name (at the top: ``base.colors`` with this mapping's own)."""
    changes: dict[str, Any] = {}
    if colors is None:
        colors = _colors(doc, r, "colors", base.colors) if "colors" in r.data else base.colors
    for key in r.data:
        kind = KEYS[type(base)][key][0]
        default = getattr(base, key)
        if kind == "map":
            sub = f"{path}.{key}" if path else key
            changes[key] = _read(doc, r.mapping(key, style_tables()[0][mapping_name(sub)]), default, sub, colors)
        elif kind == "color":
            changes[key] = _named_color(doc, r, key, colors)
        else:
            changes[key] = _value(doc, r, key, kind, default)
    return base._replace(**changes)


def _named_color(doc: Doc, r: Reader, key: str, colors: Any) -> CMYK4 | None:
    """A style's colour: a house colour's name, [c, m, y, k], or false (none)."""
    value = r.raw(key)
    if value is False:
        return None
    if isinstance(value, str):
        found: CMYK4 | None = dict(colors).get(value.strip())
        if found is None:
            names = ", ".join(name for name, _ in colors)
            raise doc.error(r.sub(key), f"no house colour {value!r} (the house has {names})")
        return found
    colour = cmyk_value(value)
    if colour is None:
        raise doc.error(r.sub(key), CMYK_HINT)
    return colour


def _value(doc: Doc, r: Reader, key: str, kind: str, default: Any) -> Any:
    """One style value of ``kind``."""
    from layout.issue.vocab import ALIGNS, FONT_ROLES

    if kind == "font":
        return choice(doc, r, key, default, FONT_ROLES, null_ok=False)
    if kind == "align":
        return choice(doc, r, key, default, ALIGNS, null_ok=False)
    if kind == "size":
        return r.convert(key, parse_size, default, low=4.0, high=300.0)
    if kind == "length":
        return r.convert(key, parse_length, default, low=0.0, high=20.0)
    if kind == "step":  # a length things are counted in (a size step, a dot, a tooth): 0 would never end or divide
        return r.convert(key, parse_length, default, low=MIN_STEP, high=20.0)
    if kind == "jumptext":
        text = r.text(key, default) or ""
        if text.count("{page}") != 1 or set("{}") & set(text.replace("{page}", "")):
            raise doc.error(r.sub(key), "a jump line holds {page} once, where the page number goes, "
                                        "e.g. （下转第{page}版）")
        return text
    if kind == "int":
        return r.integer(key, default, False, 1, MAX_SPAN)
    if kind == "extent":
        return r.convert(key, parse_length, default, low=0.0, high=5000.0)
    if kind in ("bool", "text", "count", "number"):
        return _plain(r, key, kind, default)
    if kind == "cmyk":
        value = r.raw(key)
        if (not isinstance(value, list) or len(value) != 4
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1 for v in value)):
            raise doc.error(r.sub(key), "a colour is [c, m, y, k] with fractions from 0 to 1, e.g. [0, 1, 1, 0]")
        return tuple(float(v) for v in value)
    if kind == "percent":
        return r.integer(key, default, False, 50, 200)
    if kind == "em":
        return _em(doc, r, key, default)
    if kind in ("punct", "ratio"):
        return choice(doc, r, key, default, PUNCT_CHOICES[kind], null_ok=False)
    if kind == "colors":
        return _colors(doc, r, key, default)
    assert kind == "spans", kind
    return _spans(doc, r, key)


def _plain(r: Reader, key: str, kind: str, default: Any) -> Any:
    """A true/false, a text, a count (0 to 10 000) or a number (0 to 1 000) of the house style."""
    if kind == "bool":
        return r.boolean(key, default)
    if kind == "text":
        return r.text(key, default) or ""
    if kind == "count":
        return r.integer(key, default, False, 0, 10_000)
    return r.number(key, default, 0.0, 1000.0)


PUNCT_CHOICES = {"punct": ("half", "full"), "ratio": ("tight", "full")}
CMYK_HINT = "a colour is [c, m, y, k] in % (0–100, e.g. [0, 100, 100, 0]) or fractions (0–1), or a house colour name"


def _em(doc: Doc, r: Reader, key: str, default: float) -> float:
    """A bare number from 0 to 10 (em, or body lines)."""
    value = r.raw(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10:
        raise doc.error(r.sub(key), f"{value!r} is not a number from 0 to 10 (e.g. 0.3)")
    return float(value)


def cmyk_value(value: Any) -> tuple[float, float, float, float] | None:
    """``[c, m, y, k]`` as fractions: values in % when any is above 1, else fractions; None
    when ``value`` is not four numbers in range."""
    if (not isinstance(value, list) or len(value) != 4
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
        return None
    scale = 100.0 if any(v > 1 for v in value) else 1.0
    if not all(0 <= v <= scale for v in value):
        return None
    c, m, y, k = (round(float(v) / scale, 6) for v in value)
    return (c, m, y, k)


def _colors(doc: Doc, r: Reader, key: str, base: Any) -> tuple[tuple[str, Any], ...]:
    """``{name: [c, m, y, k]}`` over the house colours ``base`` (a name given again is changed)."""
    value = r.raw(key)
    if not isinstance(value, dict):
        raise doc.error(r.sub(key), "house colours are a mapping {name: [c, m, y, k]}, e.g. {报红: [0, 100, 100, 0]}")
    out = dict(base)
    for name, cmyk in value.items():
        colour = cmyk_value(cmyk)
        if not isinstance(name, str) or not name.strip() or colour is None:
            raise doc.error(f"{r.sub(key)}.{name}", CMYK_HINT)
        out[name.strip()] = colour
    return tuple(out.items())


def read_color(doc: Doc, r: Reader, key: str, style: HouseStyle) -> tuple[float, float, float, float] | None:
    """``color:`` of a head, banner or rule: a house colour's name (``style.colors``) or
    ``[c, m, y, k]``; None when absent."""
    value = r.raw(key)
    if value is None:
        return None
    if isinstance(value, str):
        colour = style.color(value.strip())
        if colour is None:
            names = ", ".join(name for name, _ in style.colors)
            raise doc.error(r.sub(key), f"no house colour {value!r} (the house has {names}; add it under "
                                        "style.colors)")
        return colour
    colour = cmyk_value(value)
    if colour is None:
        raise doc.error(r.sub(key), CMYK_HINT)
    return colour


def _spans(doc: Doc, r: Reader, key: str) -> tuple[tuple[int, float], ...]:
    """``{from span: size}``: each key a span from 1, each value a size; span 1 must be given."""
    value = r.raw(key)
    if not isinstance(value, dict) or not value:
        raise doc.error(r.sub(key), "sizes by span are a mapping {from span: size}, e.g. {1: 小二, 4: 小一}")
    out = []
    for span, size in value.items():
        where = f"{r.sub(key)}.{span}"
        if not str(span).isdigit() or not 1 <= int(span) <= MAX_SPAN:
            raise doc.error(where, f"{span!r} is not a span from 1 to {MAX_SPAN}")
        if not isinstance(size, str):
            raise doc.error(where, f"{size!r} has no unit: give a 号 name or a length like 24pt")
        try:
            pt = parse_size(size)
        except ValueError as exc:
            raise doc.error(where, str(exc)) from None
        if not 4.0 <= pt <= 300.0:
            raise doc.error(where, f"{size} is outside the range 4..300 pt")
        out.append((int(span), pt))
    if 1 not in dict(out):
        raise doc.error(r.sub(key), "give the size from span 1 (the narrowest articles) too")
    return tuple(sorted(out, reverse=True))


def house_file(doc: Doc, top: Reader, base: Path) -> tuple[HouseStyle, Path | None]:
    """The issue's ``house:`` file (relative to the issue; inside its folder with --safe),
    read as a ``style:`` mapping over the defaults, and its path; the defaults without one."""
    name = top.text("house")
    if not name:
        return HouseStyle(), None
    path = doc.local_file(top.sub("house"), base, name, "house-style file")
    return _house(path, path.stat().st_mtime_ns, doc.jail), path


@cache
def _house(path: Path, mtime: int, jail: Path | None) -> HouseStyle:
    """A house file read once per version of it (``mtime`` keys the cache)."""
    from layout.issue.load import compose

    doc, data = compose(path, jail)
    style: HouseStyle = _read(doc, Reader(doc, data, "", style_tables()[0]["style"]), HouseStyle(), "")
    return style
