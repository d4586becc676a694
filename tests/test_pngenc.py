"""The preview's PNG encoder (layout/render/pngenc.py): decoded pixels, band reuse after an edit."""

from __future__ import annotations

import io
import random
import zlib

from PIL import Image, ImageDraw

from layout.render import pngenc
from layout.render.bands import Banded


def _decoded(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.copy()


def _noisy(size: tuple[int, int], seed: int) -> Image.Image:
    rng = random.Random(seed)
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        draw.rectangle((x, y, x + rng.randrange(40), y + rng.randrange(40)),
                       fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    return image


def test_pixels_survive_odd_sizes() -> None:
    """Heights that are and are not a multiple of the band, widths of one pixel: same pixels back."""
    for size in ((1, 1), (7, pngenc.BAND), (333, pngenc.BAND * 3 + 5), (120, 1)):
        image = _noisy(size, size[1])
        back = _decoded(pngenc.png_bytes(image))
        assert back.mode == "RGB" and back.size == size and back.tobytes() == image.tobytes(), size


def test_patched_raster_copies_and_encodes_only_the_bands_it_reaches() -> None:
    """A kept raster with a box pasted (partly off its edge, across band edges) is the image
    drawn whole: the same pixels and PNG bytes; the bands the box misses are the parent's
    own band objects, compressed once; the parent is unchanged."""
    whole = _noisy((200, 300), 1)
    parent = Banded.of(whole)
    assert parent.png() == pngenc.png_bytes(whole) and parent.tobytes() == whole.tobytes()
    before = parent.tobytes()
    patch = _noisy((150, 41), 2)
    child = parent.patched([((100, 100, 250, 141), patch)])
    expected = whole.copy()
    expected.paste(patch, (100, 100))
    assert child.tobytes() == expected.tobytes() == child.image().tobytes() != before
    assert child.png() == pngenc.png_bytes(expected) and _decoded(child.png()).tobytes() == expected.tobytes()
    assert parent.tobytes() == before
    changed = [k for k in range(len(parent.bands)) if parent.bands[k] is not child.bands[k]]
    assert changed == [k for k in range(len(parent.bands)) if k * pngenc.BAND < 141 and (k + 1) * pngenc.BAND > 100]
    assert all(pngenc._BANDS[id(parent.bands[k])] is pngenc._BANDS[id(child.bands[k])]
               for k in range(len(parent.bands)) if k not in changed)


def test_other_modes_and_adler() -> None:
    """RGBA (overlay layers) goes through Pillow; the combined Adler-32 is zlib's."""
    layer = Image.new("RGBA", (40, 30), (255, 0, 0, 128))
    assert _decoded(pngenc.png_bytes(layer)).tobytes() == layer.tobytes()
    a, b = bytes(range(256)) * 300, b"\xff" * 70000
    assert pngenc.adler_combine(zlib.adler32(a), zlib.adler32(b), len(b)) == zlib.adler32(a + b)


def test_pillow_truncates_line_and_rectangle_corners() -> None:
    """What ``_Raster.rule`` and ``_Raster.box`` rely on: Pillow draws a line or a rectangle
    at its corners truncated to whole pixels, so drawing at the truncated page pixel gives a
    whole page the same pixels (and a box drawn again, moved by whole pixels, too)."""
    rng = random.Random(7)
    for _ in range(500):
        width = rng.choice((1, 1, 2, 3, 5))
        x0, y0, x1, y1 = (rng.uniform(0, 60) for _ in range(4))
        left, top, right, bottom = min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
        for shape in ("line", "rectangle"):
            exact, whole = Image.new("L", (64, 64)), Image.new("L", (64, 64))
            for image, (a, b, c, d) in ((exact, (left, top, right, bottom)),
                                        (whole, (int(left), int(top), int(right), int(bottom)))):
                if shape == "line":
                    ImageDraw.Draw(image).line([(a, b), (c, d)], fill=255, width=width)
                else:
                    ImageDraw.Draw(image).rectangle([a, b, c, d], fill=90, outline=255, width=width)
            assert exact.tobytes() == whole.tobytes(), (shape, x0, y0, x1, y1, width)
