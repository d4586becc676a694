"""Which fields of a dataclass are ``ClassVar``, ``InitVar`` or ``KW_ONLY``, answered as
``dataclasses`` answers, with each annotation text parsed once a process.

In:  nothing (``install`` is called by ``layout.codecache.install``, before the modules a
     command needs are imported).
Out: ``dataclasses._is_type`` replaced by ``is_type``. With ``from __future__ import
     annotations`` every annotation is a string, and ``dataclasses`` asks three times a field
     (``ClassVar``? ``InitVar``? ``KW_ONLY``?) by matching the text against a regular expression:
     some 1 600 matches for the 85 dataclasses a render creates, about 1 % of a one-page render's
     instructions. ``is_type`` keeps each text's match (the optional module name and the first
     name) and does the rest as ``dataclasses`` does: the names are looked up in the class's
     module (or the asked module) at the time of asking, so a rebound name answers as before.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import Any

_PARSED: dict[str, tuple[str | None, str] | None] = {}  # annotation text → (module name or None, name)
_ORIGINAL: Any = getattr(dataclasses, "_is_type", None)  # the standard library's own, as it was
#: ``dataclasses``' predicates (ClassVar? InitVar? KW_ONLY?), each of which answers no for ``None``.
_NONE_IS_NO = tuple(getattr(dataclasses, name) for name in ("_is_classvar", "_is_initvar", "_is_kw_only")
                    if hasattr(dataclasses, name))


def _parsed(annotation: str) -> tuple[str | None, str] | None:
    """The module name (None without one) and the name an annotation text begins with, as
    ``dataclasses``' pattern reads them; None where the pattern does not match."""
    match = dataclasses._MODULE_IDENTIFIER_RE.match(annotation)  # type: ignore[attr-defined]
    parts = None if match is None else (match.group(1), match.group(2))
    _PARSED[annotation] = parts
    return parts


def is_type(annotation: str, cls: type, a_module: Any, a_type: Any, is_type_predicate: Any) -> bool:
    """``dataclasses._is_type``: whether the annotation text names ``a_type`` of ``a_module``
    (``typing.ClassVar``, ``dataclasses.InitVar``, ``dataclasses.KW_ONLY``), looked up in the
    module of ``cls`` (or, for ``module.Name``, in ``a_type``'s module when ``module`` is
    ``a_module`` there) and judged by ``is_type_predicate``. A name the module lacks is judged
    without calling the predicate when it is one of ``dataclasses``' own three, which answer
    no for ``None``."""
    parts = _PARSED[annotation] if annotation in _PARSED else _parsed(annotation)
    if parts is None:
        return False
    module_name, name = parts
    if not module_name:
        ns = sys.modules.get(cls.__module__).__dict__
    else:
        module = sys.modules.get(cls.__module__)
        if not (module and module.__dict__.get(module_name) is a_module):
            return False
        ns = sys.modules.get(a_type.__module__).__dict__
    if not ns:
        return False
    value = ns.get(name)
    if value is None and is_type_predicate in _NONE_IS_NO:
        return False
    return bool(is_type_predicate(value, a_module))


#: The shape of the ``_is_type`` this module re-implements (CPython 3.11–3.13): its local
#: names, the global and attribute names it reads, and the pattern text it matches with.
_KNOWN_LOCALS = ("annotation", "cls", "a_module", "a_type", "is_type_predicate", "match", "ns",
                 "module_name", "module")
_KNOWN_NAMES = ("_MODULE_IDENTIFIER_RE", "match", "group", "sys", "modules", "get", "__module__",
                "__dict__")
_KNOWN_PATTERN = r"^(?:\s*(\w+)\s*\.)?\s*(\w+)"


def known(function: Any, pattern: Any) -> bool:
    """Whether ``function`` (``dataclasses._is_type``) and ``pattern`` (its compiled regular
    expression) are the ones ``is_type`` re-implements: same locals, same names read, same
    pattern text. A Python whose ``dataclasses`` differs keeps its own function."""
    code = getattr(function, "__code__", None)
    return (code is not None and code.co_varnames == _KNOWN_LOCALS and code.co_names == _KNOWN_NAMES
            and getattr(pattern, "pattern", None) == _KNOWN_PATTERN)


def install() -> None:
    """Route ``dataclasses``' annotation checks through ``is_type``, only where this Python's
    ``dataclasses._is_type`` is the one this module knows (``known``)."""
    if known(_ORIGINAL, getattr(dataclasses, "_MODULE_IDENTIFIER_RE", None)):
        dataclasses._is_type = is_type  # type: ignore[attr-defined]
