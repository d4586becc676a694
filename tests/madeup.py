"""A plan made up afresh (the make-up cache across runs off) and its made issue rendered, for the
make-up tests that read the made page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from layout.makeup import make_up, store
from layout.page import typeset_file
from layout.text.font import FontBook


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
