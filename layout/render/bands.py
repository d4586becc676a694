"""A kept page raster in horizontal bands, so that an edit copies only the bands it draws on.

In:  an RGB page image (``Banded.of``), or a kept one and pixel boxes drawn again (``patched``).
Out: ``Banded``: the page as bands of ``pngenc.BAND`` rows (the PNG encoder's bands), its
     PNG bytes (each band compressed once, however many rasters share it) and, when asked,
     the whole image.

A ``Banded`` is never drawn on once made: ``patched`` copies the bands its boxes touch
(150 KB each on a broadsheet at 100 dpi), draws into the copies and shares the others with
the raster it came from, so a one-paragraph edit copies a few bands, not the whole page
(about 10 MB), and an image handed out earlier (a page still being served) stays as it was.
"""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image

from layout.render.pngenc import BAND, png_of_bands

Box4 = tuple[int, int, int, int]


class Banded:
    """A page raster as a tuple of RGB bands, ``BAND`` rows each (the last may be shorter)."""

    def __init__(self, size: tuple[int, int], bands: tuple[Image.Image, ...]) -> None:
        self.size, self.bands = size, bands

    @classmethod
    def of(cls, image: Image.Image) -> Banded:
        """An image cut into bands."""
        w, h = image.size
        return cls(image.size, tuple(image.crop((0, y, w, min(h, y + BAND))) for y in range(0, h, BAND)))

    def patched(self, patches: Sequence[tuple[Box4, Image.Image]]) -> Banded:
        """A new raster: this one with each image of ``patches`` pasted at its box's corner
        (x0, y0); only the bands the boxes reach are copied."""
        bands = list(self.bands)
        copied: set[int] = set()
        for box, image in patches:
            for k in range(max(0, box[1] // BAND), min(len(bands), -(-box[3] // BAND))):
                if k not in copied:
                    bands[k] = bands[k].copy()
                    copied.add(k)
                bands[k].paste(image, (box[0], box[1] - k * BAND))
        return Banded(self.size, tuple(bands))

    def image(self) -> Image.Image:
        """The whole page as one new image."""
        whole = Image.new("RGB", self.size, "white")
        for k, band in enumerate(self.bands):
            whole.paste(band, (0, k * BAND))
        return whole

    def tobytes(self) -> bytes:
        """The pixels, as ``Image.tobytes`` of the whole page gives them."""
        return b"".join(band.tobytes() for band in self.bands)

    def png(self) -> bytes:
        """PNG bytes, the same as ``pngenc.png_bytes`` of the whole image."""
        return png_of_bands(self.size, self.bands)
