"""Automatic make-up (自动组版): from a plan (pages and stories without positions) to an issue.

In:  a plan file (``layout.makeup.plan``) and the fonts.
Out: ``Makeup``: the best layout of every page (``layout.makeup.search``), its rule checks
     (``layout.makeup.checks``) and copy-fit advice (``layout.makeup.advice``), and the issue's YAML text
     (``layout.makeup.write``), which ``banmian render`` sets like any hand-made issue.

    >>> from pathlib import Path
    >>> made = make_up(Path("issue/plan-sample.yaml"), Path("/dev/null/x.yaml"))  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from layout.makeup import store
from layout.makeup.advice import advice
from layout.makeup.checks import Finding, findings
from layout.makeup.pages import page_layouts
from layout.makeup.plan import Plan, read_plan
from layout.makeup.search import Layout
from layout.makeup.widen import widened
from layout.makeup.write import issue_text

if TYPE_CHECKING:
    from layout.text.font import FontBook


@dataclass
class Makeup:
    """A made-up issue: each page's solution, the findings and the issue's YAML."""

    plan: Plan
    solutions: dict[int, Layout]
    findings: list[Finding] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)
    widened: list[str] = field(default_factory=list)  # the fixed articles widened over a well (``widen``)
    text: str = ""

    @property
    def cost(self) -> float:
        """The layouts' total cost (empty lines + weighted overset and rule violations)."""
        return sum(s.cost for s in self.solutions.values())


def make_up(plan_path: Path, target: Path, book: FontBook | None = None, safe: bool = False,
            jobs: int = 1) -> Makeup:
    """Read the plan, lay out each page's stories, check the rules and write the issue's text
    (file names in it relative to ``target``'s folder; nothing is written here). The variants are
    measured in ``jobs`` processes."""
    return alternatives(plan_path, [target], book, safe, jobs)[0]


def alternatives(plan_path: Path, targets: list[Path], book: FontBook | None = None, safe: bool = False,
                 jobs: int = 1) -> list[Makeup]:
    """Up to ``len(targets)`` made-up issues of the plan, best first: each next one is the best
    layout in which the page's first story (its lead, with its photo) takes a shape none before it
    took: another first column or span, not the same lead a few lines taller. Fewer when no other
    shape is possible. The variants are measured once; those measured and pages searched in earlier runs come
    from the cache (``layout.makeup.store``, unless ``store.use(False)``)."""
    from layout.flow import words
    from layout.text.font import default_book

    book = book or default_book()
    plan = read_plan(plan_path, safe)
    words.prefetch([t for s in plan.stories for t in _head_texts(s.data)])
    pages = [(page, stories) for page in plan.issue.pages
             if (stories := [s for s in plan.stories if s.page == page.number])]
    layouts = page_layouts(plan, plan_path.parent, pages, book, len(targets), jobs)
    store.save()  # the variants measured and pages searched, for the next run (``layout.makeup.store``)
    out: list[Makeup] = []
    for k, target in enumerate(targets):
        solutions = {number: found[k] for number, found in layouts.items()}
        if out and any(not s.pieces for s in solutions.values()):
            break  # no other layout
        out.append(_made(plan, plan_path, solutions, target))
    return out


def _made(plan: Plan, plan_path: Path, solutions: dict[int, Layout], target: Path) -> Makeup:
    """A made-up issue: findings, advice and text of the pages' layouts, its fixed articles beside a well
    no story took widened across it first (``widen``)."""
    plan, wider = widened(plan, solutions)
    made = Makeup(plan, solutions, widened=wider)
    made.findings = findings(plan, solutions)
    made.advice = advice(solutions)
    cut = sum(a.split(": ", 1)[1].startswith("cut") for a in made.advice)
    placed = f"every story placed, {cut} with text that does not fit (see copy-fit)" if cut else "every story placed"
    header = [f"Made up by `banmian makeup` from {plan_path.name}: {placed}; edit freely.",
              *(f"make-up: {line}" for line in made.widened), *(f"make-up: {f.text}" for f in made.findings),
              *(f"copy-fit: {a}" for a in made.advice)]
    made.text = issue_text(plan, solutions, target, header)
    return made


def _head_texts(data: dict[str, object]) -> list[str]:
    """A story's display texts (kicker, headline, subhead, byline) for the word dictionary."""
    out = []
    for key in ("kicker", "headline", "subhead", "byline"):
        value = data.get(key)
        text = value.get("text") if isinstance(value, dict) else value
        if isinstance(text, str):
            out.append(text)
    return out
