"""The preview's PNG encoder (layout/render/pngenc.py): decoded pixels, band reuse after an edit."""

from __future__ import annotations

import io
import random
import zlib

from PIL import Image, ImageDraw

from layout.render import pngenc


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


def test_derived_image_reuses_unchanged_bands() -> None:
    """A copy with some rows drawn again decodes to its own pixels (not its parent's), and
    the bands outside those rows are the parent's compressed bytes, the same objects."""
    parent = _noisy((200, 300), 1)
    pngenc.png_bytes(parent)
    child = parent.copy()
    ImageDraw.Draw(child).rectangle((10, 100, 150, 140), fill=(0, 0, 0))
    pngenc.derived(child, parent, [(100, 141)])
    back = _decoded(pngenc.png_bytes(child))
    assert back.tobytes() == child.tobytes() != parent.tobytes()
    first, second = pngenc._BANDS[id(parent)], pngenc._BANDS[id(child)]
    changed = [k for k in range(len(first)) if first[k] is not second[k]]
    assert changed == [k for k in range(len(first)) if k * pngenc.BAND < 141 and (k + 1) * pngenc.BAND > 100]


def test_other_modes_and_adler() -> None:
    """RGBA (overlay layers) goes through Pillow; the combined Adler-32 is zlib's."""
    layer = Image.new("RGBA", (40, 30), (255, 0, 0, 128))
    assert _decoded(pngenc.png_bytes(layer)).tobytes() == layer.tobytes()
    a, b = bytes(range(256)) * 300, b"\xff" * 70000
    assert pngenc.adler_combine(zlib.adler32(a), zlib.adler32(b), len(b)) == zlib.adler32(a + b)
