"""``layout.fieldkinds``: the annotation checks ``dataclasses`` makes (``ClassVar``? ``InitVar``?
``KW_ONLY``?) answer as the standard library's own ``_is_type`` does, and a command uses them."""

from __future__ import annotations

import dataclasses
import inspect
import subprocess
import sys
import types
import typing
from pathlib import Path
from typing import Any

import pytest

from layout import fieldkinds

ROOT = Path(__file__).resolve().parents[1]

#: A module whose names the checks look up: aliases of ClassVar, InitVar and KW_ONLY, the
#: modules under other names, a name bound to None and ordinary names.
SOURCE = """
from __future__ import annotations
import dataclasses
import dataclasses as dc
import typing
import typing as t
from dataclasses import KW_ONLY, InitVar, dataclass, field
from typing import ClassVar
CV = ClassVar
IV = InitVar
NOTHING = None
Number = float

@dataclass(frozen=True)
class Sample:
    a: int
    b: ClassVar[int] = 3
    c: CV = 4
    d: InitVar[int] = 0
    e: t.ClassVar[str] = "x"
    _: KW_ONLY
    f: dc.InitVar[list[int]] = None
    g: Number = 1.5
    h: typing.ClassVar = 5
    i: NOTHING = None
    j: tuple[tuple[int, float], ...] = ()

    def __post_init__(self, d: int, f: Any) -> None:
        pass
"""
TEXTS = ["int", "ClassVar[int]", "CV", "InitVar[int]", "IV", "t.ClassVar[str]", "typing.ClassVar", "dc.InitVar[x]",
         "dataclasses.InitVar", "dataclasses.KW_ONLY", "KW_ONLY", " KW_ONLY", "NOTHING", "Number", "tuple[int, ...]",
         "", "3x", "'quoted'", "t . ClassVar", "missing.ClassVar", "Sample", "typing.Any",
         "dc.IV", "t.CV"]  # (the last two: aliases of the class's module, not names of the module named)


def _module(name: str) -> types.ModuleType:
    """SOURCE as the module ``name``, registered in ``sys.modules`` (the checks look it up there)."""
    module = types.ModuleType(name)
    sys.modules[name] = module
    exec(compile(SOURCE, name, "exec"), module.__dict__)
    return module


def _made(module: types.ModuleType) -> list[Any]:
    """What ``dataclasses`` made of ``Sample``: each field's name, kind and keyword-only flag,
    the ``__init__`` signature and the class attributes left."""
    cls = module.Sample
    kinds = [(name, f._field_type.name, f.kw_only is True) for name, f in cls.__dataclass_fields__.items()]
    return [kinds, str(inspect.signature(cls.__init__)), sorted(k for k in "bcdefghij" if k in vars(cls))]


@pytest.mark.parametrize("text", TEXTS)
def test_each_check_answers_as_the_standard_librarys(text: str) -> None:
    module = _module("fieldkinds_probe")
    try:
        original = fieldkinds._ORIGINAL
        for a_module, a_type, predicate in ((typing, typing.ClassVar, dataclasses._is_classvar),  # type: ignore[attr-defined]
                                            (dataclasses, dataclasses.InitVar, dataclasses._is_initvar),  # type: ignore[attr-defined]
                                            (dataclasses, dataclasses.KW_ONLY, dataclasses._is_kw_only)):  # type: ignore[attr-defined]
            for _ in range(2):  # the second time from the kept parse
                assert fieldkinds.is_type(text, module.Sample, a_module, a_type, predicate) == \
                    original(text, module.Sample, a_module, a_type, predicate)
    finally:
        del sys.modules["fieldkinds_probe"]


def test_a_dataclass_is_made_as_the_standard_library_makes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dataclasses, "_is_type", fieldkinds._ORIGINAL)
    before = _made(_module("fieldkinds_before"))
    monkeypatch.setattr(dataclasses, "_is_type", fieldkinds.is_type)
    after = _made(_module("fieldkinds_after"))
    del sys.modules["fieldkinds_before"], sys.modules["fieldkinds_after"]
    assert after == before
    assert [kind[7:] or "-" for _, kind, _ in after[0]] == ["-", "CLASSVAR", "CLASSVAR", "INITVAR", "CLASSVAR",
                                                             "INITVAR", "-", "CLASSVAR", "-", "-"]
    assert [name for name, _, keyword in after[0] if keyword] == ["f", "g", "i", "j"]  # after KW_ONLY
    assert after[1] == "(self, a: 'int', d: 'InitVar[int]' = 0, *, f: 'dc.InitVar[list[int]]' = None, " \
                       "g: 'Number' = 1.5, i: 'NOTHING' = None, j: 'tuple[tuple[int, float], ...]' = ()) -> None"


def test_a_command_routes_the_checks_through_the_kept_parse() -> None:
    code = ("import dataclasses, layout.codecache as c; c.install(); import layout.frame, layout.issue.model; "
            "from layout import fieldkinds as k; print(dataclasses._is_type is k.is_type, len(k._PARSED) > 10)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "True"]


def test_a_changed_standard_function_is_kept() -> None:
    """The replacement goes in only over the ``_is_type`` it re-implements: a function that
    reads other names, or another pattern, is left as it is."""
    assert fieldkinds.known(fieldkinds._ORIGINAL, dataclasses._MODULE_IDENTIFIER_RE)  # type: ignore[attr-defined]

    def _is_type(annotation: str, cls: type, a_module: Any, a_type: Any, is_type_predicate: Any) -> bool:
        return bool(typing.get_type_hints(cls))  # reads other names than the known function

    assert not fieldkinds.known(_is_type, dataclasses._MODULE_IDENTIFIER_RE)  # type: ignore[attr-defined]
    other = __import__("re").compile(r"^(\w+)")
    assert not fieldkinds.known(fieldkinds._ORIGINAL, other)
    assert not fieldkinds.known(None, dataclasses._MODULE_IDENTIFIER_RE)  # type: ignore[attr-defined]


def test_install_leaves_an_unknown_function(monkeypatch: pytest.MonkeyPatch) -> None:
    """``install`` under a ``dataclasses`` whose ``_is_type`` it does not know changes nothing."""
    def stranger(*args: Any) -> bool:
        return False

    monkeypatch.setattr(fieldkinds, "_ORIGINAL", stranger)
    monkeypatch.setattr(dataclasses, "_is_type", stranger)
    fieldkinds.install()
    assert dataclasses._is_type is stranger  # type: ignore[attr-defined]
