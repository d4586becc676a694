"""Stage boundaries, read from the code's own imports (every ``import``, at the top or
inside a function, parsed with ``ast``): what each stage may not import, and module size."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "layout"
#: Modules longer than about 450 lines that issue 10's split (part B) still has to cut.
#: Remove a name once its module is split; no new module may join this set.
SPLIT_PENDING: set[str] = set()  # modules being split (none now)
MAX_LINES = 460  # "about 450"

#: stage (a folder or module of ``layout``) → module prefixes it must not import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    # the frame and the back ends read plain data only: no text engine, issue model, flow,
    # page make-up, preview or photo preparation
    "frame.py": ("layout.text", "layout.issue", "layout.flow", "layout.page", "layout.preview", "layout.photo",
                 "layout.render"),
    "render": ("layout.text", "layout.issue", "layout.flow", "layout.page", "layout.preview", "layout.photo"),
    # the text engine and the flow import no back end, preview, press hand-off or preflight
    "text": ("layout.render", "layout.preview", "layout.handoff", "layout.preflight", "layout.page", "layout.flow"),
    "flow": ("layout.render", "layout.preview", "layout.handoff", "layout.preflight", "layout.page"),
    # the loader reads YAML and checks inputs: no back end, flow or preview
    "issue": ("layout.render", "layout.preview", "layout.flow", "layout.page"),
    # the photo stage: files → prepared bytes, nothing of layout or drawing
    "photo": ("layout.render", "layout.text", "layout.issue", "layout.flow", "layout.page", "layout.preview"),
}
#: Only the PDF back end (and the PDF/X step beside it) may import reportlab.
REPORTLAB_ONLY_IN = "render"


def modules() -> list[Path]:
    """Every Python module of the package."""
    return sorted(PACKAGE.rglob("*.py"))


def imported(path: Path) -> set[str]:
    """The modules ``path`` (a module of the package) imports: see ``imports_of``."""
    return imports_of(path.read_text(encoding="utf-8"), ".".join(("layout", *path.relative_to(PACKAGE).parent.parts)))


def imports_of(source: str, package: str) -> set[str]:
    """The modules a module's ``source`` imports, absolute (``from layout import icc`` →
    ``layout.icc``; relative imports resolved against its ``package``)."""
    tree = ast.parse(source)
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
            out.add(base)
            out.update(f"{base}.{alias.name}" for alias in node.names)  # a submodule, or a name in it
    return out


def stage(path: Path) -> str:
    """The stage a module belongs to: its folder under ``layout``, or its own file name at the top."""
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.name


def breaches(path: Path) -> list[str]:
    """The imports of ``path`` that its stage forbids."""
    return forbidden(imported(path), stage(path))


def forbidden(names: set[str], where: str) -> list[str]:
    """Those of ``names`` that stage ``where`` may not import."""
    banned = FORBIDDEN.get(where, ())
    return sorted(name for name in names if any(name == prefix or name.startswith(prefix + ".") for prefix in banned))


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_stage_imports_nothing_its_boundary_forbids(path: Path) -> None:
    assert breaches(path) == [], f"{path.relative_to(PACKAGE)} imports {breaches(path)}"


def test_only_the_pdf_back_end_imports_reportlab() -> None:
    users = [str(p.relative_to(PACKAGE)) for p in modules()
             if any(n == "reportlab" or n.startswith("reportlab.") for n in imported(p))]
    assert users and all(u.startswith(REPORTLAB_ONLY_IN + "/") for u in users), users


def test_the_checker_sees_imports_inside_functions_and_relative_ones() -> None:
    # the oracle of the tests above, on a module written for it: a lazy import and a relative one count
    source = ("import os\nimport layout.issue.model\nfrom layout import frame\n"
              "def f():\n    from layout.text.font import FontBook\n    from ..flow import blocks\n")
    names = imports_of(source, "layout.render")
    assert {"os", "layout.frame", "layout.flow.blocks", "layout.text.font"} <= names
    assert forbidden(names, "render") == ["layout.flow", "layout.flow.blocks", "layout.issue.model",
                                          "layout.text.font", "layout.text.font.FontBook"]
    assert forbidden(names, "photo") == forbidden(names, "render")
    assert forbidden({"layout.frame", "layout.icc", "PIL.Image"}, "render") == []


def test_modules_are_small() -> None:
    long = {str(p.relative_to(PACKAGE)): n for p in modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert set(long) <= SPLIT_PENDING, {k: v for k, v in long.items() if k not in SPLIT_PENDING}


def test_frames_and_back_ends_load_without_the_text_engine() -> None:
    # in a fresh interpreter: importing the frame and both back ends loads no layout.text,
    # layout.issue, layout.flow or layout.photo module
    import subprocess
    import sys

    code = ("import sys, layout.frame, layout.render.pdf, layout.render.png, layout.render.dump;"
            "print(sorted(m for m in sys.modules if m.startswith(('layout.text', 'layout.issue', 'layout.flow',"
            " 'layout.photo', 'layout.page'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=PACKAGE.parent).stdout
    assert out.strip() == "[]"
