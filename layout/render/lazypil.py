"""Imported before reportlab (``layout.render.pdfcanvas``): registers Pillow's ``PIL.Image`` to
load on first use (``layout.render``), since reportlab imports it eagerly.

In:  nothing.  Out: ``PIL.Image`` in ``sys.modules``, not yet run (unless it was imported before).
"""

from __future__ import annotations

from layout.render import _defer

_defer("PIL.Image")
