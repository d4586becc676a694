"""Preflight's inputs besides the PDF: the ink limit, the safe area and the render summary.

In:  the command line's text for ``--ink-limit`` and ``--safe-area``; the JSON of a
     render summary (``banmian render --summary``, ``RenderReport.to_json()``).
Out: the checked numbers (argparse types, so a bad value is a usage error, exit 2,
     naming the option), and ``summary_problem``: what is wrong with a summary's shape,
     or ``""``, so the tool never trips over a wrong file and calls it the PDF's damage.
"""

from __future__ import annotations

import argparse
import math
from typing import Any

#: Total area coverage is at most 400 % (four inks at 100 %).
MAX_INK = 400.0
#: Larger than any newspaper page's half width: a safe area beyond it is a typo.
MAX_SAFE_MM = 200.0
#: Keys of a render summary that preflight reads, each a list: of objects or of text.
OBJECT_LISTS = ("overset", "blocks", "photos")
TEXT_LISTS = ("placeholders", "missing_glyphs")


def _number(text: str) -> float:
    """A finite number, or a usage error."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text} is not a finite number")
    return value


def ink_limit(text: str) -> float:
    """``--ink-limit``: a total ink in % above 0 and at most 400.

    >>> ink_limit("240"), ink_limit("400")
    (240.0, 400.0)
    """
    value = _number(text)
    if not 0 < value <= MAX_INK:
        raise argparse.ArgumentTypeError(f"{text} % is outside the possible total ink (above 0, at most 400)")
    return value


def safe_area(text: str) -> float:
    """``--safe-area``: a distance in mm from 0 (not checked) to 200.

    >>> safe_area("0"), safe_area("5")
    (0.0, 5.0)
    """
    value = _number(text)
    if not 0 <= value <= MAX_SAFE_MM:
        raise argparse.ArgumentTypeError(f"{text} mm is outside 0–{MAX_SAFE_MM:g} mm (0: not checked)")
    return value


def summary_problem(summary: Any) -> str:
    """What makes ``summary`` unlike a render summary, in words, or ``""`` when its shape is right.

    >>> summary_problem([1, 2]), summary_problem({"photos": 5}), summary_problem({"overset": [], "blocks": []})
    ('it is a JSON list, not the object banmian render --summary writes', 'its "photos" is a number, not a list', '')
    """
    if not isinstance(summary, dict):
        return f"it is a JSON {_kind(summary)}, not the object banmian render --summary writes"
    if not any(key in summary for key in (*OBJECT_LISTS, *TEXT_LISTS)):
        return "it has none of the keys a render summary has (overset, blocks, missing_glyphs, …)"
    for key in (*OBJECT_LISTS, *TEXT_LISTS):
        value = summary.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            return f'its "{key}" is a {_kind(value)}, not a list'
        wanted = dict if key in OBJECT_LISTS else str
        bad = next((k for k, item in enumerate(value) if not isinstance(item, wanted)), None)
        if bad is not None:
            return f'its "{key}"[{bad}] is a {_kind(value[bad])}, not {"an object" if wanted is dict else "text"}'
    for k, block in enumerate(summary.get("blocks") or []):
        rect = block.get("rect")
        if rect is not None and not (isinstance(rect, (list, tuple)) and len(rect) == 4 and all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in rect)):
            return f'its "blocks"[{k}].rect is not four numbers (x, y, width, height in pt)'
    return ""


def _kind(value: Any) -> str:
    """A JSON value's kind in words."""
    kinds = ((bool, "true/false"), (int, "number"), (float, "number"), (str, "text"), (list, "list"),
             (dict, "object"))
    return next((word for cls, word in kinds if isinstance(value, cls)), "null")
