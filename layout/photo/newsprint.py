"""Greyscale photos on the black plate, with a newsprint dot-gain curve.

In:  an 8-bit ``L`` or ``RGB`` image.
Out: ``is_grey``: whether it is a greyscale photo (``L``, or RGB whose channels
     agree); ``grey_to_k``: a CMYK image with C, M and Y empty and K carrying the
     tones, so that a mono photo needs one plate, not four (an ICC conversion of
     grey to a CMYK profile puts some C, M and Y under every grey).

The tone curve. A grey value ``v`` (0 black … 255 white) asks for the printed tone
``t = 1 − v/255`` (the share of the paper covered). On a coldset web press a dot
prints larger than on the plate: the tone value increase (dot gain) on newsprint is
about 26 % at the 50 % tone (ISO 12647-3, coldset offset on newsprint; WAN-IFRA's
newspaper guidance uses the same order), and it falls to zero at paper white and
solid. We model the printed tone of a plate tone ``a`` as ``1 − (1 − a)^γ``, with
``γ`` chosen so that 50 % prints as 50 % + G (``G = 0.26``, ``γ ≈ 2.06``; smooth,
monotonic, exact at white and solid), and put on the plate the tone that prints as
``t``: ``a = 1 − (1 − t)^(1/γ)``. So a 50 % grey goes out as 29 % K, 25 % as 13 %,
75 % as 49 %; white and solid black are unchanged. ``DOT_GAIN`` can be lowered for a heatset or
improved-newsprint press.
"""

from __future__ import annotations

import math

from PIL import Image, ImageChops

#: Tone value increase at the 50 % tone (fraction): coldset newsprint (see module docstring).
DOT_GAIN = 0.26
#: RGB channels that differ by at most this (0…255) count as grey (JPEG noise in a mono photo).
GREY_TOLERANCE = 6
#: Share of pixels that may differ more (specks, a coloured dust mark) in a grey photo.
GREY_OUTLIERS = 0.001


def plate_tone(printed: float, gain: float = DOT_GAIN) -> float:
    """The plate tone (0…1) that prints as ``printed`` (0…1) with ``gain`` at 50 %.

    >>> round(plate_tone(0.5), 3)
    0.286
    >>> plate_tone(0.0), plate_tone(1.0)
    (0.0, 1.0)
    """
    if gain <= 0:
        return printed
    gamma = math.log(0.5 - gain) / math.log(0.5)  # 1 − (1 − 0.5)^γ = 0.5 + gain
    return 1 - (1 - min(max(printed, 0.0), 1.0)) ** (1 / gamma)


def k_curve(gain: float = DOT_GAIN) -> list[int]:
    """The 256-entry table from grey value (0 black … 255 white) to K (0…255)."""
    return [round(255 * plate_tone(1 - v / 255, gain)) for v in range(256)]


def is_grey(im: Image.Image) -> bool:
    """Whether ``im`` is a greyscale photo: mode ``L``, or ``RGB`` whose channels agree
    within ``GREY_TOLERANCE`` on all but ``GREY_OUTLIERS`` of its pixels."""
    if im.mode == "L":
        return True
    if im.mode != "RGB":
        return False
    r, g, b = im.split()
    spread = ImageChops.lighter(ImageChops.difference(r, g), ImageChops.difference(g, b))
    histogram = spread.histogram()
    return sum(histogram[GREY_TOLERANCE + 1:]) <= GREY_OUTLIERS * im.width * im.height


def grey_to_k(im: Image.Image, gain: float = DOT_GAIN) -> Image.Image:
    """A greyscale image (``L`` or grey ``RGB``) as CMYK on the black plate only, through ``k_curve``."""
    grey = im if im.mode == "L" else im.convert("L")
    k = grey.point(k_curve(gain))
    empty = Image.new("L", grey.size, 0)
    return Image.merge("CMYK", (empty, empty, empty, k))
