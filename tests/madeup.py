"""A plan made up afresh (the make-up cache across runs off) and its made issue rendered, for the
make-up tests that read the made page."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import yaml

from layout.makeup import make_up, store
from layout.page import typeset_file
from layout.text.font import FontBook

ROOT = Path(__file__).resolve().parents[1]


def heldout_bench() -> Any:
    """The held-out plan generator and evaluator (``bench/makeup_heldout.py``) loaded as a module."""
    spec = importlib.util.spec_from_file_location("makeup_heldout", ROOT / "bench" / "makeup_heldout.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def made_afresh(plan: Path, target: Path, book: FontBook) -> tuple[Any, Any, Any]:
    """``plan`` made up into ``target`` with nothing taken from the cache; (the make-up's result,
    the rendered document, its render report)."""
    was = store.enabled()
    store.use(False)
    try:
        result = make_up(plan, target, book)
    finally:
        store.use(was)
    target.write_text(result.text, encoding="utf-8")
    _, document, report = typeset_file(target, book)
    return result, document, report


def cut_as_told(data: dict[str, Any], told: dict[str, int]) -> None:
    """Each story of the plan ``data`` cut by ``told[id]`` characters from the end of its body, as a desk
    cuts (whole paragraphs, then the last one shortened, ending in a full stop)."""
    for story in data["stories"]:
        cut = told.get(story["id"], 0)
        while cut > 0 and story["body"]:
            last = story["body"][-1]
            if len(last) <= cut:
                cut -= len(last)
                story["body"].pop()
            else:
                story["body"][-1], cut = last[:len(last) - cut - 1] + "。", 0


def made_and_read(plan: Path, target: Path, book: FontBook) -> tuple[Any, dict[str, Any], Any]:
    """``made_afresh``, with the written issue read back as YAML in the place of the document:
    (the make-up's result, the made issue's data, the render report)."""
    result, _, report = made_afresh(plan, target, book)
    return result, yaml.safe_load(result.text), report
