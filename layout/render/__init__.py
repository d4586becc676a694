"""Back ends: PDF (``pdf``, ``cidfont``, ``pdfx``) and PNG previews (``png``).

reportlab imports Pillow's ``PIL.Image`` as soon as it is imported (about 10 ms), though
a page draws with Pillow only when it has a photo. So before reportlab is imported (by
``pdfcanvas``, the writer of pages with photos) ``layout.render.lazypil`` registers
``PIL.Image`` as a lazily loaded module (``importlib.util.LazyLoader``, the standard
library's way): the name is bound at once, the module runs on first use of one of its
attributes (a photo drawn, a preview rastered), and then behaves as if imported normally. A
page without photos imports neither reportlab nor Pillow (finding ``PIL.Image``'s spec
imports the ``PIL`` package). A command that starts threads (``preview``, ``serve``) loads
what was registered first (``load_deferred``): a lazily loaded module must not run for the
first time in two threads at once.
"""

from __future__ import annotations

import importlib.util
import sys

_DEFERRED: list[str] = []


def _defer(name: str) -> None:
    """Register module ``name`` to load on first attribute access (nothing if it is already
    imported or not installed)."""
    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
    except ModuleNotFoundError:  # its package is not installed: reportlab's own import will say so
        return
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    setattr(sys.modules[parent], child, module)
    _DEFERRED.append(name)


def load_deferred() -> None:
    """Register what a render defers (``lazypil``: ``PIL.Image``, unless imported already) and run the
    modules registered by ``_defer`` now (any attribute read loads one), before a command's threads
    start: registered later, by a thread importing the PDF writer, it could run in two at once."""
    import layout.render.lazypil  # noqa: F401

    for name in _DEFERRED:
        getattr(sys.modules[name], "__doc__", None)

