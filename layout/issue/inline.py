"""Inline markup in body text: a few styles inside a paragraph.

In:  paragraph text from the YAML, e.g. ``本报讯 {hei:重点} 和 {em:着重} 与 {kai:楷体}``.
Out: ``Run``s. ``{hei:…}`` sets bold Hei (黑体), ``{kai:…}`` Kai (楷体), ``{em:…}``
     puts 着重号 emphasis dots under the characters (not under punctuation).
     ``{{`` and ``}}`` are literal braces. Anything else in braces is an error.
"""

from __future__ import annotations

import re

from layout.issue.model import Run

#: Markup name → run style.
STYLES = {"hei": "bold", "kai": "kai", "em": "emphasis"}
_TOKEN = re.compile(r"\{\{|\}\}|\{([a-z]+):([^{}]*)\}|[{}]")


def parse_inline(text: str) -> tuple[Run, ...]:
    """Split ``text`` into styled runs (see module docstring); ValueError on bad markup.

    >>> [(r.text, r.style) for r in parse_inline("甲{hei:乙}丙{em:丁戊}{{x}}")]
    [('甲', 'body'), ('乙', 'bold'), ('丙', 'body'), ('丁戊', 'emphasis'), ('{x}', 'body')]
    """
    runs: list[Run] = []
    plain: list[str] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        plain.append(text[pos:match.start()])
        pos = match.end()
        token = match.group(0)
        if token in ("{{", "}}"):
            plain.append(token[0])
            continue
        name = match.group(1)
        if name is None:
            raise ValueError(f"unpaired {token!r} at character {match.start() + 1}: write {{{{ or }}}} for a brace, "
                             f"or {{hei:…}}, {{kai:…}}, {{em:…}}")
        if name not in STYLES:
            raise ValueError(f"unknown inline style {{{name}:…}}: use {', '.join(STYLES)}")
        _flush(runs, "".join(plain))
        plain = []
        runs.append(Run(match.group(2), STYLES[name]))
    _flush(runs, "".join(plain) + text[pos:])
    return tuple(runs)


def _flush(runs: list[Run], text: str) -> None:
    """Append plain text as a body run (nothing if empty)."""
    if text:
        runs.append(Run(text, "body"))
