"""Photo preparation for print: open safely, orient, fit, resample, convert to CMYK, limit ink.

In:  an image file (JPEG, PNG or TIFF), the size of its slot on the page in pt,
     a fit mode and focal point, a target resolution, a CMYK ICC output profile
     and a total ink limit.
Out: ``PreparedImage``: CMYK JPEG bytes (reportlab passes them through as
     DCT), the pixel size, the effective ppi, the drawn size, the crop box and
     the maximum ink before and after limiting.

Every function here is pure (no reportlab, nothing written to disk). This is the
photo stage: it runs at layout (``layout.flow.blocks``), and the frame's
``ImageItem`` carries its result, which the back ends only embed. The steps,
in order, with the reason for the order:

1. ``open_image`` (``layout.photo.sources``): the file is read and decoded once per
   render (size and pixel count checked before decoding; the loader's check decodes
   it, preparation reuses that picture); EXIF orientation is applied; 16-bit
   greyscale is scaled to 8 bits (``convert("L")`` would clip it); alpha is
   flattened on white (newsprint).
2. ``fit_box`` + resampling: crop and downsample first, so that the colour
   transform runs on as few pixels as possible. Never upsample.
3. ``to_cmyk``: ImageCms, relative colorimetric intent with black point
   compensation, from the embedded ICC profile or sRGB. A greyscale photo (mode
   ``L``, or RGB whose channels agree) goes out **on the black plate only**
   (``grey_to_k``, with the newsprint dot-gain curve of ``layout.photo.newsprint``).
4. ``limit_ink``: scale CMY (and K if needed) where C+M+Y+K is above the limit.
5. JPEG encode (quality 90): a CMYK JPEG stays DCT in the PDF. JPEG rounding
   pushes dark pixels back over the limit, so the encoded image is decoded and
   measured, and the limit tightened and the image encoded again until the
   *decoded* pixels hold it (``encode_within``); ``ink_after`` is that measure.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageCms, ImageMath

from layout.icc import (
    FOGRA39_PROFILE,
    NAMED_PROFILES,
    NEWSPRINT_PROFILE,
    PROFILE_ENV,
    ProfileError,
    default_cmyk_profile,
)
from layout.photo.newsprint import grey_to_k, is_grey
from layout.photo.sources import FORMATS, ImageError, open_image, to_8bit

__all__ = ["FOGRA39_PROFILE", "FORMATS", "NAMED_PROFILES", "NEWSPRINT_PROFILE", "PROFILE_ENV", "ImageError",
           "ProfileError", "default_cmyk_profile", "open_image", "to_8bit"]

#: Target resolution of a placed photo. A newspaper screen is 85–120 lpi; the usual
#: quality factor of 2 × lpi asks for at most 240 ppi, so 300 ppi leaves headroom
#: (and is what print shops ask for). Source: project brief.
DEFAULT_PPI = 300.0
#: Effective resolution (ppi) of a placed photo under which preflight warns: 2 × a
#: 100 lpi newspaper screen (the usual quality factor 1.5–2 × lpi). Source: project brief.
MIN_PPI_WARNING = 200.0
#: Under this a photo is a preflight error: 1.5 × 100 lpi, where pixels show. Source: project brief.
MIN_PPI_ERROR = 150.0
#: Maximum total area coverage (C+M+Y+K) in %: ISO 12647-3 (coldset offset on
#: newsprint) sets 240 %; the print shop may ask for less.
DEFAULT_INK_LIMIT = 240.0
#: JPEG quality of the CMYK image: visually lossless for halftoned newsprint.
JPEG_QUALITY = 90
#: Rounds of limit → encode → decode → measure before giving up (two are usually enough).
ENCODE_ROUNDS = 8
FIT_MODES = ("cover", "contain")
_PT_PER_INCH = 72.0


@dataclass(frozen=True)
class Fit:
    """Where the image goes: ``crop`` in source pixels (left, top, right, bottom),
    ``drawn`` size in pt (the slot for ``cover``, inside it for ``contain``)."""

    crop: tuple[float, float, float, float]
    drawn: tuple[float, float]


@dataclass(frozen=True)
class PreparedImage:
    """A photo ready to embed: CMYK JPEG bytes and what was done to it."""

    data: bytes  # CMYK JPEG
    size: tuple[int, int]  # pixels
    ppi: float  # effective resolution at the drawn size (the lower of x and y)
    drawn: tuple[float, float]  # pt
    crop: tuple[float, float, float, float]  # source pixels, after EXIF orientation
    ink_before: float  # maximum C+M+Y+K in %, before the ink limit
    ink_after: float  # maximum C+M+Y+K in %, measured on the decoded embedded JPEG
    profile: str  # description of the output profile
    inks: str = "CMYK"  # the plates the photo prints on: "CMYK", or "K" for a greyscale photo


# ---------------------------------------------------------------- profiles


@lru_cache(maxsize=8)
def _output_profile(path: str) -> ImageCms.ImageCmsProfile:
    """A CMYK output (printer) profile, loaded once. Raises ``ProfileError``."""
    try:
        profile = ImageCms.getOpenProfile(path)
    except (OSError, ImageCms.PyCMSError) as exc:
        raise ProfileError(f"{path}: not a readable ICC profile ({exc})") from None
    space = profile.profile.xcolor_space.strip()
    if space != "CMYK":
        raise ProfileError(f"{path}: an ICC profile for {space}, not CMYK")
    return profile


def profile_description(path: Path | str) -> str:
    """The description tag of a CMYK profile (for reports and the PDF/X output intent)."""
    return str(_output_profile(str(path)).profile.profile_description or Path(path).name).strip()


@lru_cache(maxsize=16)
def _transform(source_icc: bytes | None, in_mode: str, target: str) -> ImageCms.ImageCmsTransform:
    """A cached transform from the source profile (``None``: sRGB) to the CMYK target."""
    if source_icc is None:
        source = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    else:
        source = ImageCms.ImageCmsProfile(io.BytesIO(source_icc))
    return ImageCms.buildTransform(source, _output_profile(target), in_mode, "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                   flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


def _embedded_profile(im: Image.Image) -> bytes | None:
    """The image's own ICC profile if it is valid and matches the pixel mode, else ``None``."""
    icc = im.info.get("icc_profile")
    if not icc:
        return None
    wanted = {"RGB": "RGB", "L": "GRAY", "CMYK": "CMYK"}.get(im.mode)
    try:
        space = ImageCms.ImageCmsProfile(io.BytesIO(icc)).profile.xcolor_space.strip()
    except (OSError, ImageCms.PyCMSError):
        return None
    return bytes(icc) if space == wanted else None


# ---------------------------------------------------------------- geometry


def fit_box(size: tuple[int, int], slot: tuple[float, float], mode: str = "cover",
            focus: tuple[float, float] = (0.5, 0.5)) -> Fit:
    """Crop box and drawn size for an image of ``size`` pixels in a slot of ``slot`` pt.

    ``cover`` fills the slot and crops the overhang, keeping the focal point
    ``focus`` (fractions of width and height from the top-left) as central as
    the edges allow; ``contain`` keeps the whole image and shrinks the drawn size.

    >>> fit_box((3000, 2000), (100.0, 100.0)).crop
    (500.0, 0.0, 2500.0, 2000.0)
    >>> fit_box((3000, 2000), (100.0, 100.0), focus=(0.0, 0.5)).crop
    (0.0, 0.0, 2000.0, 2000.0)
    >>> fit_box((3000, 2000), (90.0, 90.0), "contain").drawn
    (90.0, 60.0)
    """
    iw, ih = size
    sw, sh = slot
    if mode == "contain":
        scale = min(sw / iw, sh / ih)
        return Fit((0.0, 0.0, float(iw), float(ih)), (iw * scale, ih * scale))
    aspect = sw / sh
    cw, ch = (ih * aspect, float(ih)) if iw / ih > aspect else (float(iw), iw / aspect)
    left = min(max(focus[0] * iw - cw / 2, 0.0), iw - cw)
    top = min(max(focus[1] * ih - ch / 2, 0.0), ih - ch)
    return Fit((left, top, left + cw, top + ch), (sw, sh))


def _resample(im: Image.Image, fit: Fit, ppi: float) -> tuple[Image.Image, tuple[float, float, float, float]]:
    """Crop to the fit and downsample to ``ppi`` at the drawn size (never up).
    Returns the image and the crop box actually used."""
    left, top, right, bottom = fit.crop
    want = (fit.drawn[0] / _PT_PER_INCH * ppi, fit.drawn[1] / _PT_PER_INCH * ppi)
    if right - left <= want[0] or bottom - top <= want[1]:  # at or below the target: crop only
        box = (round(left), round(top), round(right), round(bottom))
        return im.crop(box), (float(box[0]), float(box[1]), float(box[2]), float(box[3]))
    size = (max(1, math.ceil(want[0] - 1e-6)), max(1, math.ceil(want[1] - 1e-6)))  # never under the target
    return im.resize(size, Image.Resampling.LANCZOS, box=fit.crop, reducing_gap=3.0), fit.crop


def effective_ppi(pixels: tuple[int, int], drawn: tuple[float, float]) -> float:
    """Pixels per inch at the drawn size (pt): the lower of the two directions.

    >>> effective_ppi((600, 300), (144.0, 72.0))
    300.0
    """
    return min(pixels[0] / (drawn[0] / _PT_PER_INCH), pixels[1] / (drawn[1] / _PT_PER_INCH))


# ---------------------------------------------------------------- colour and ink


def to_cmyk(im: Image.Image, profile: Path | str, name: Path | str = "image") -> Image.Image:
    """``im`` (``RGB``, ``L`` or ``CMYK``) converted to the CMYK output ``profile``.

    The source profile is the embedded one, else sRGB (greyscale goes through
    sRGB grey). A CMYK image without a profile is taken to be in the output
    condition already and is returned unchanged. An embedded profile that cannot
    make a transform is an ``ImageError`` naming ``name``.
    """
    embedded = _embedded_profile(im)
    if im.mode == "CMYK" and embedded is None:
        return im
    if im.mode == "L" and embedded is None:
        im = im.convert("RGB")
    try:
        out = ImageCms.applyTransform(im, _transform(embedded, im.mode, str(profile)))
    except (ImageCms.PyCMSError, OSError, ValueError) as exc:
        raise ImageError(f"{name}: its embedded ICC profile cannot convert the picture to CMYK ({exc})") from None
    assert out is not None  # None only for inPlace=True
    return out


def _eval(expression: Callable[[dict], object], **images: Image.Image) -> Image.Image:
    """``ImageMath.lambda_eval`` with a typed result."""
    result = ImageMath.lambda_eval(expression, **images)
    assert isinstance(result, Image.Image)
    return result


def total_ink(im: Image.Image) -> Image.Image:
    """Per-pixel C+M+Y+K of a CMYK image, mode ``I``, 0…1020 (255 per ink)."""
    c, m, y, k = (band.convert("I") for band in im.split())
    return _eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)


def max_ink(im: Image.Image) -> float:
    """The highest C+M+Y+K of a CMYK image, in % (0…400)."""
    extrema = total_ink(im).getextrema()
    return round(float(extrema[1]) / 255 * 100, 1)  # type: ignore[arg-type]


def ink_over(im: Image.Image, limit: float) -> float:
    """The share (0…1) of a CMYK image's pixels whose C+M+Y+K is above ``limit`` %."""
    quarter = total_ink(im).point(lambda v: v * 0.25).convert("L")  # 0…255 for 0…400 %
    histogram = quarter.histogram()
    first = math.floor(limit / 400 * 255) + 1
    return sum(histogram[first:]) / max(1, im.width * im.height)


def limit_ink(im: Image.Image, limit: float = DEFAULT_INK_LIMIT) -> Image.Image:
    """A CMYK image whose C+M+Y+K is at most ``limit`` % everywhere (``im`` itself if it already is).

    Where the sum is over, K is kept (up to the limit) and C, M and Y are scaled
    by the same factor, which keeps the hue and the black plate's detail.
    Pixels under the limit are unchanged.

    >>> im = Image.new("CMYK", (1, 1), (255, 255, 255, 0))
    >>> limit_ink(im, 240).getpixel((0, 0))
    (204, 204, 204, 0)
    """
    return _scale_ink(im, limit) if max_ink(im) > limit else im


def _scale_ink(im: Image.Image, limit: float) -> Image.Image:
    """``limit_ink`` without the check: every pixel goes through the scaling."""
    cap = limit / 100 * 255
    c, m, y, k = (band.convert("F") for band in im.split())
    k2 = _eval(lambda a: a["min"](a["k"], cap), k=k)
    factor = _eval(lambda a: a["min"](a["max"]((cap - a["k2"]) / a["max"](a["c"] + a["m"] + a["y"], 1.0), 0.0), 1.0),
                   c=c, m=m, y=y, k2=k2)
    bands = [_eval(lambda a: a["band"] * a["f"], band=band, f=factor).convert("L") for band in (c, m, y)]
    return Image.merge("CMYK", (*bands, k2.convert("L")))


# ---------------------------------------------------------------- the whole step


def _check_args(width: float, height: float, fit: str, focus: tuple[float, float], ppi: float,
                ink_limit: float) -> None:
    """Raise ``ValueError`` for arguments outside their ranges."""
    if not (width > 0 and height > 0):
        raise ValueError(f"slot size must be positive, not {width} × {height} pt")
    if fit not in FIT_MODES:
        raise ValueError(f"fit must be one of {', '.join(FIT_MODES)}, not {fit!r}")
    if not all(0.0 <= f <= 1.0 for f in focus):
        raise ValueError(f"focus must be fractions in 0…1, not {focus}")
    if ppi <= 0 or not 0 < ink_limit <= 400:
        raise ValueError(f"ppi must be positive and ink_limit in (0, 400] %, not {ppi}, {ink_limit}")


def encode_within(im: Image.Image, limit: float, quality: int = JPEG_QUALITY,
                  dpi: float = DEFAULT_PPI) -> tuple[bytes, float]:
    """A CMYK JPEG of ``im`` whose *decoded* pixels stay within ``limit`` % total ink,
    and that measured maximum. JPEG rounding lifts dark pixels a few per cent over
    what was encoded, so the image is limited, encoded, decoded and measured, and
    the limit tightened by the overshoot until the decoded maximum holds."""
    target = limit
    for _ in range(ENCODE_ROUNDS):
        limited = _scale_ink(im, target) if max_ink(im) > target else im
        buffer = io.BytesIO()
        limited.save(buffer, "JPEG", quality=quality, dpi=(round(dpi), round(dpi)))
        data = buffer.getvalue()
        with Image.open(io.BytesIO(data)) as decoded:
            measured = max_ink(decoded)
        if measured <= limit:
            return data, measured
        target -= max(measured - limit, 0.5) + 0.5
    raise ImageError(f"cannot encode the photo within {limit:g} % ink (decoded {measured:.1f} %)")


def prepare_image(path: Path | str, width: float, height: float, *, fit: str = "cover",
                  focus: tuple[float, float] = (0.5, 0.5), ppi: float = DEFAULT_PPI,
                  profile: Path | str | None = None, ink_limit: float = DEFAULT_INK_LIMIT,
                  quality: int = JPEG_QUALITY, mono: bool = False) -> PreparedImage:
    """A photo file prepared for a slot of ``width`` × ``height`` pt.

    ``fit`` is ``cover`` (fill the slot, crop around ``focus``) or ``contain``
    (fit inside; see ``PreparedImage.drawn``). Resampled to ``ppi`` at the drawn
    size, never upsampled. ``profile`` is the CMYK output profile (default:
    ``default_cmyk_profile()``). A greyscale photo, and any photo with ``mono``
    (a page printed in black only), goes on the black plate only.
    ``ink_after`` is measured on the decoded JPEG. Raises ``ImageError`` or ``ProfileError``.
    """
    _check_args(width, height, fit, focus, ppi, ink_limit)
    target = Path(profile) if profile is not None else default_cmyk_profile()
    description = profile_description(target)  # validates the profile before any pixel work
    im = open_image(path)
    fitted = fit_box(im.size, (width, height), fit, focus)
    small, crop = _resample(im, fitted, ppi)
    small.info["icc_profile"] = im.info.get("icc_profile")
    grey = mono or is_grey(small)
    cmyk = grey_to_k(small.convert("L") if small.mode == "CMYK" else small) if grey else to_cmyk(small, target, path)
    before = max_ink(cmyk)
    ppi_used = effective_ppi(cmyk.size, fitted.drawn)
    try:
        data, after = encode_within(cmyk, ink_limit, quality, ppi_used)
    except ImageError as exc:
        raise ImageError(f"{path}: {exc}") from None
    left, top, right, bottom = (round(v, 2) for v in crop)
    return PreparedImage(data, cmyk.size, round(ppi_used, 1), fitted.drawn, (left, top, right, bottom), before,
                         after, description, "K" if grey else "CMYK")
