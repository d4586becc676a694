"""The made-up issue as YAML: the plan's pages with every story placed, for a person to edit.

In:  the ``Plan`` and the ``Layout`` of each page; the file the issue will be written to.
Out: the issue's YAML text: the plan's keys in their order, each page's fixed blocks as the
     plan gives them, then its stories (photo first) from top to bottom and left to right, each
     an ordinary article block with ``at`` (flow style, one line), ``columns`` when broken
     (破栏), ``box`` when boxed and its headline's size written out. Files the plan names
     (house style, images, heads' 题花, profile) are made relative to the issue's folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from layout.blocks.article import BOXED_SPAN
from layout.issue.model import Placement
from layout.issue.reader import Doc
from layout.makeup.measure import Variant
from layout.makeup.plan import Plan
from layout.makeup.search import Layout, Piece
from layout.units import HAO_SIZES_PT

NAMED_PROFILES = ("newsprint", "fogra39")


class _Flow(dict[str, Any]):
    """A mapping written on one line (``at: {column: 1, span: 3, …}``)."""


class _FlowList(list[Any]):
    """A short list written on one line (``crosshead: [招商引资组合拳, 系统谋划…]``)."""


class _Dumper(yaml.SafeDumper):
    """Block style, with ``_Flow`` mappings and ``_FlowList`` lists in flow style. PyYAML's own
    emitter, not libyaml's (``CSafeDumper``): libyaml writes a character past U+FFFF (an Extension B
    ideograph in a name) as an escape (``"\\U00021484"``), unreadable in the file a desk edits."""


class _Typed(str):
    """A number or true/false word of the plan (``Doc.typed``), written back plain as it was typed (12.50, +4, NO:
    not 12.5, 4, false), so that the issue reads back as the plan did: the same value, the same text."""

    tag = "tag:yaml.org,2002:str"


def _as_typed(value: Any, path: str, doc: Doc) -> Any:
    """``value`` (plain data read at ``path`` of ``doc``) with each number and true/false typed otherwise than
    PyYAML writes it (``Doc.as_typed``) a ``_Typed``."""
    if isinstance(value, dict):
        return {k: _as_typed(x, f"{path}.{k}" if path else k, doc) for k, x in value.items()}
    if isinstance(value, list):
        return [_as_typed(x, f"{path}[{i}]", doc) for i, x in enumerate(value)]
    if isinstance(value, (int, float)) and (text := doc.as_typed(path, value)) != str(value):
        typed = _Typed(text)
        typed.tag = f"tag:yaml.org,2002:{type(value).__name__}"  # bool, int or float: plain, not quoted
        return typed
    return value


_Dumper.add_representer(_Typed, lambda d, v: d.represent_scalar(v.tag, str(v)))
_Dumper.add_representer(_Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))
_Dumper.add_representer(_FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def issue_text(plan: Plan, solutions: dict[int, Layout], target: Path, header: list[str]) -> str:
    """The made-up issue (see module docstring); ``header`` lines become comments at the top."""
    data = _as_typed(plan.data, "", plan.doc)  # (a copy: every mapping and list is new)
    src, dst = plan.source.resolve().parent, target.resolve().parent
    if isinstance(data.get("house"), str):
        data["house"] = _rel(data["house"], src, dst)
    profile = data.get("print", {}).get("profile") if isinstance(data.get("print"), dict) else None
    if isinstance(profile, str) and profile not in NAMED_PROFILES:
        data["print"]["profile"] = _rel(profile, src, dst)
    for page in data["pages"]:
        for key in ("margins", "grid", "paper"):
            if isinstance(page.get(key), dict):
                page[key] = _Flow(page[key])
        blocks = page.setdefault("blocks", []) or []
        page["blocks"] = blocks
        for block in blocks:
            if isinstance(block, dict):
                _fixed_files(block, src, dst)
                if isinstance(block.get("at"), dict):
                    block["at"] = _Flow(block["at"])
        solution = solutions.get(int(page.get("number", 1)))
        if solution is not None:
            pieces = sorted(solution.pieces, key=lambda p: (p.at.line, p.at.column, p.variant is not None))
            blocks.extend(_block(p, src, dst, plan.doc) for p in pieces)
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2)
    return "".join(f"# {line}\n" for line in header) + body


def _block(piece: Piece, src: Path, dst: Path, doc: Doc) -> dict[str, Any]:
    """One placed piece as an issue block mapping (its story's values as typed in the plan ``doc``)."""
    story, at = piece.story, _Flow(_at(piece.at))
    if piece.variant is None:
        photo = story.photo
        assert photo is not None
        out: dict[str, Any] = {"type": "photo", "id": photo.id, "at": at}
        if photo.image_text:
            out["image"] = _rel(photo.image_text, src, dst)
        for key, value in (("label", photo.label), ("caption", photo.caption), ("credit", photo.credit)):
            if value:
                out[key] = value
        if photo.fit != "cover":
            out["fit"] = photo.fit
        if photo.focus != (0.5, 0.5):
            out["focus"] = list(photo.focus)
        if piece.wrap:
            out["wrap"] = True  # inside its story, under the headline: the text flows under it
        return out
    v = piece.variant
    out = {"type": "article", "id": story.id, "at": at}
    boxed = story.boxed or story.data.get("box") not in (None, False)
    if v.columns != (-(-piece.at.span // BOXED_SPAN) if boxed else piece.at.span) and "columns" not in story.data:
        out["columns"] = v.columns  # (the reader sets a box without it in one column per two: not what was measured)
    if story.boxed and "box" not in story.data:
        out["box"] = "single"
    if v.vertical:
        out["head_vertical"] = v.vertical  # 竖排标题 (the plan allowed or asked for it)
    if piece.corner is not None:  # 拐弯: the corner the story leaves to others (``layout.makeup.ell``)
        side = "left" if piece.corner.column == piece.at.column else "right"
        out["corner"] = _Flow({"side": side, "span": piece.corner.span, "lines": piece.corner.lines})
    for key, given in story.data.items():
        if key in ("type", "id"):
            continue
        given = _as_typed(given, f"{story.path}.{key}", doc)
        item_value: Any = _headline(given, v) if key == "headline" and not story.explicit_size else given
        if isinstance(item_value, dict) and isinstance(item_value.get("ornament"), str):  # a head's 题花 image
            item_value = {**item_value, "ornament": _rel(item_value["ornament"], src, dst)}
        if key == "body" and isinstance(item_value, list):
            item_value = [{k: _FlowList(x) if isinstance(x, list) else x for k, x in item.items()}
                          if isinstance(item, dict) else item for item in item_value]
        out[key] = _Flow(item_value) if key == "headline" and isinstance(item_value, dict) else item_value
    return out


def _headline(value: Any, v: Variant) -> Any:
    """The plan's headline with the size make-up chose written out."""
    if v.block.headline is None:
        return value
    head: dict[str, Any] = dict(value) if isinstance(value, dict) else {"text": value}  # (text, or a number as typed)
    return {**head, "size": size_name(v.block.headline.size_pt)}


def size_name(pt: float) -> str:
    """A size as its 号 name when it is one, else in pt.

    >>> size_name(26.0), size_name(11.0)
    ('一号', '11pt')
    """
    for name, size in HAO_SIZES_PT.items():
        if abs(size - pt) < 0.01:
            return name
    return f"{pt:g}pt"


def _at(at: Placement) -> dict[str, int]:
    """``at:`` of a placement."""
    return {"column": at.column, "span": at.span, "line": at.line, "lines": at.lines}


#: The keys of a block that name a file: a photo's or masthead's ``image``, an ad's ``file``.
FILE_KEYS = ("image", "file")


def _fixed_files(block: dict[str, Any], src: Path, dst: Path) -> None:
    """A fixed block's files (``FILE_KEYS``, and a head's 题花 ``ornament`` one level down) named
    relative to the issue's folder, in place."""
    for key in FILE_KEYS:
        if isinstance(block.get(key), str):
            block[key] = _rel(block[key], src, dst)
    for value in block.values():
        if isinstance(value, dict) and isinstance(value.get("ornament"), str):
            value["ornament"] = _rel(value["ornament"], src, dst)


def _rel(name: str, src: Path, dst: Path) -> str:
    """A file the plan names (relative to its folder) named relative to the issue's folder."""
    path = Path(name)
    if path.is_absolute():
        return name
    return Path(os.path.relpath(src / path, dst)).as_posix()
