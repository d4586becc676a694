"""Preflight's results: one ``Finding`` per problem, gathered in a ``PreflightReport``.

In:  findings made by the checks (``layout.preflight.scanner``, ``.static``).
Out: ``PreflightReport.summary()`` text (errors first, each with page and place)
     and ``to_json()``; ``Collector`` folds repeats of one finding into a count.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")
#: Codes that mean the file could not be checked at all (the command exits 2).
UNREADABLE = frozenset({"PDF_UNREADABLE", "PDF_DAMAGED", "ENCRYPTED", "PREFLIGHT_FAILED"})


@dataclass(frozen=True)
class Finding:
    """One problem or note: ``severity`` is error, warning or info; ``page`` is 1-based or ``None``;
    ``where`` says where on the page (position in mm from the trim's top left, block, photo file)."""

    severity: str
    code: str
    message: str
    page: int | None = None
    where: str = ""


def _count(n: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass
class PreflightReport:
    """Everything preflight found in one PDF."""

    source: str
    pages: int
    ink_limit: float
    findings: list[Finding] = field(default_factory=list)

    def of(self, severity: str) -> list[Finding]:
        """The findings of one severity, in page order."""
        return [f for f in self.findings if f.severity == severity]

    @property
    def errors(self) -> list[Finding]:
        """Findings that make the file unfit for print."""
        return self.of("error")

    @property
    def warnings(self) -> list[Finding]:
        """Findings a person should look at."""
        return self.of("warning")

    @property
    def ok(self) -> bool:
        """True when there is no error."""
        return not self.errors

    @property
    def unreadable(self) -> bool:
        """True when the file could not be checked (damaged, truncated, encrypted)."""
        return bool(self.codes() & UNREADABLE)

    def codes(self, severity: str | None = None) -> set[str]:
        """The codes found (of one severity, or all)."""
        return {f.code for f in self.findings if severity is None or f.severity == severity}

    def summary(self) -> str:
        """Human-readable text: one headline, then one line per finding, errors first."""
        numbers = ((self.pages, "page"), (len(self.errors), "error"), (len(self.warnings), "warning"),
                   (len(self.of("info")), "note"))
        counts = ", ".join(_count(n, word) for n, word in numbers)
        lines = [f"{self.source}: {counts} (ink limit {self.ink_limit:g} %)"]
        for severity in SEVERITIES:
            for f in self.of(severity):
                page = f" p{f.page}" if f.page else ""
                where = f" [{f.where}]" if f.where else ""
                lines.append(f"{severity.upper()} {f.code}{page}: {f.message}{where}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (stable order)."""
        return {"source": self.source, "pages": self.pages, "ink_limit": self.ink_limit, "ok": self.ok,
                "counts": {s: len(self.of(s)) for s in SEVERITIES},
                "findings": [dataclasses.asdict(f) for f in self.findings]}


class Collector:
    """Findings with repeats of the same (page, code, key) folded into a count."""

    def __init__(self) -> None:
        self.items: dict[tuple[Any, ...], tuple[Finding, int]] = {}

    def add(self, finding: Finding, key: Any = None) -> None:
        """Record ``finding``; a repeat of the same key only counts."""
        k = (finding.page, finding.code, key if key is not None else (finding.message, finding.where))
        first, count = self.items.get(k, (finding, 0))
        self.items[k] = (first, count + 1)

    def findings(self) -> list[Finding]:
        """The findings, with "(N times)" on repeated ones."""
        out = []
        for first, count in self.items.values():
            note = f" ({count} times)" if count > 1 else ""
            out.append(dataclasses.replace(first, message=first.message + note))
        return out
