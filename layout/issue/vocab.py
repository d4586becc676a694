"""The words the issue format takes for font roles, alignments, photo fits and box styles.

In:  nothing.
Out: tuples of the allowed words (``layout.issue.spec`` and the block types read them).
"""

from __future__ import annotations

FONT_ROLES = ("song", "song_bold", "hei", "hei_bold", "kai")
ALIGNS = ("left", "center", "right")
FITS = ("cover", "contain")
BOX_STYLES = ("single", "thick", "double", "dotted", "pattern", "wenwu", "dashed", "beads", "zigzag", "checker")
