"""Photo preparation: safe opening, orientation, 16-bit, fitting, CMYK conversion, ink limit."""

from __future__ import annotations

import io
import math
import os
import struct
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from layout import icc
from layout.photo import prepare as images
from layout.photo.prepare import (
    ImageError,
    ProfileError,
    default_cmyk_profile,
    fit_box,
    ink_over,
    limit_ink,
    max_ink,
    open_image,
    prepare_image,
)

MM = 72 / 25.4


@pytest.fixture(scope="module")
def profile() -> Path:
    """The CMYK output profile (the package ships FOGRA39L, so there always is one)."""
    return default_cmyk_profile()


def gradient(size: tuple[int, int] = (3000, 2000)) -> Image.Image:
    """An RGB photo stand-in: red across, green down, blue constant."""
    w, h = size
    red = Image.linear_gradient("L").rotate(90).resize((w, h))
    green = Image.linear_gradient("L").resize((w, h))
    return Image.merge("RGB", (red, green, Image.new("L", (w, h), 90)))


def halves(size: tuple[int, int], left: str, right: str) -> Image.Image:
    """An image whose left half is one colour and right half another."""
    im = Image.new("RGB", size, right)
    im.paste(Image.new("RGB", (size[0] // 2, size[1]), left), (0, 0))
    return im


def save(im: Image.Image, path: Path, **options: object) -> Path:
    """Write ``im`` and return the path."""
    im.save(path, **options)
    return path


# ---------------------------------------------------------------- opening


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    path = save(halves((200, 100), "red", "blue"), tmp_path / "rotated.jpg", exif=exif.tobytes())
    im = open_image(path)
    assert im.size == (100, 200)
    top, bottom = im.getpixel((50, 10)), im.getpixel((50, 190))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[0] > 200 and top[2] < 60  # the left (red) half is now on top
    assert bottom[2] > 200 and bottom[0] < 60


def test_16_bit_greyscale_tiff_is_scaled_not_clipped(tmp_path: Path) -> None:
    raw = b"".join(struct.pack("<H", x * 257) for x in range(256)) * 8
    path = save(Image.frombytes("I;16", (256, 8), raw), tmp_path / "grey16.tif")
    im = open_image(path)
    assert im.mode == "L"
    assert im.getextrema() == (0, 255)
    assert [im.getpixel((x, 0)) for x in (0, 64, 128, 255)] == [0, 64, 128, 255]


def test_transparency_is_flattened_on_white(tmp_path: Path) -> None:
    path = save(Image.new("RGBA", (10, 10), (255, 0, 0, 0)), tmp_path / "clear.png")
    im = open_image(path)
    assert im.mode == "RGB" and im.getpixel((5, 5)) == (255, 255, 255)


def test_truncated_file_is_a_clear_error(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    gradient((400, 300)).save(buffer, "JPEG")
    path = tmp_path / "cut.jpg"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(ImageError, match=r"cut\.jpg: cannot read"):
        open_image(path)


@pytest.mark.parametrize("name, content", [("notes.jpg", b"not an image at all"), ("x.gif", None)])
def test_non_image_or_other_format_is_refused(tmp_path: Path, name: str, content: bytes | None) -> None:
    path = tmp_path / name
    if content is None:
        Image.new("P", (4, 4)).save(path, "GIF")
    else:
        path.write_bytes(content)
    with pytest.raises(ImageError, match=rf"{name}: not a JPEG, PNG or TIFF"):
        open_image(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match="no such file"):
        open_image(tmp_path / "absent.jpg")


@pytest.mark.parametrize("size", [(150, 100), (300, 300)])  # over the limit, and over twice the limit
def test_decompression_bomb_limit_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          size: tuple[int, int]) -> None:
    path = save(Image.new("L", size), tmp_path / "big.png")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10_000)
    with pytest.raises(ImageError, match=r"big\.png: too many pixels"):
        open_image(path)


def test_image_error_is_a_value_error_with_exit_code_2() -> None:
    assert issubclass(ImageError, ValueError) and ImageError.exit_code == 2


# ---------------------------------------------------------------- geometry


def test_cover_crops_around_the_focal_point() -> None:
    assert fit_box((3000, 2000), (100, 100), focus=(1.0, 0.5)).crop == (1000.0, 0.0, 3000.0, 2000.0)
    assert fit_box((2000, 3000), (100, 50), focus=(0.5, 0.0)).crop == (0.0, 0.0, 2000.0, 1000.0)
    assert fit_box((2000, 3000), (100, 50), focus=(0.5, 0.5)).crop == (0.0, 1000.0, 2000.0, 2000.0)


def test_contain_reports_the_drawn_size() -> None:
    fit = fit_box((1000, 2000), (100, 100), "contain")
    assert fit.drawn == (50.0, 100.0) and fit.crop == (0.0, 0.0, 1000.0, 2000.0)


# ---------------------------------------------------------------- ink


def test_ink_limit_scales_cmy_and_keeps_k() -> None:
    im = Image.new("CMYK", (3, 1))
    im.putpixel((0, 0), (255, 255, 255, 255))  # 400 %
    im.putpixel((1, 0), (255, 255, 255, 0))  # 300 %
    im.putpixel((2, 0), (100, 50, 50, 200))  # 157 %: untouched
    assert max_ink(im) == 400.0
    assert ink_over(im, 240) == pytest.approx(2 / 3)
    out = limit_ink(im, 240)
    assert out.getpixel((0, 0)) == (119, 119, 119, 255)  # K kept, CMY share the remaining 140 %
    assert out.getpixel((1, 0)) == (204, 204, 204, 0)
    assert out.getpixel((2, 0)) == (100, 50, 50, 200)
    assert max_ink(out) <= 240.0


def test_image_under_the_limit_is_returned_as_is() -> None:
    im = Image.new("CMYK", (2, 2), (50, 50, 50, 50))
    assert limit_ink(im, 240) is im


# ---------------------------------------------------------------- profiles


def test_profile_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "shop.icc"
    path.write_bytes(b"x")
    monkeypatch.setenv(images.PROFILE_ENV, str(path))
    assert default_cmyk_profile() == path
    monkeypatch.setenv(images.PROFILE_ENV, str(tmp_path / "absent.icc"))
    with pytest.raises(ProfileError, match="no such file"):
        default_cmyk_profile()


def test_no_profile_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(images.PROFILE_ENV, raising=False)
    monkeypatch.setattr(icc, "SYSTEM_PROFILES", ())
    with pytest.raises(ProfileError, match="texlive-base"):
        default_cmyk_profile()


def test_an_rgb_profile_is_refused(tmp_path: Path) -> None:
    srgb = tmp_path / "srgb.icc"
    srgb.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    photo = save(gradient((30, 20)), tmp_path / "p.jpg")
    with pytest.raises(ProfileError, match="not CMYK"):
        prepare_image(photo, 72, 48, profile=srgb)


def test_bad_arguments(tmp_path: Path) -> None:
    photo = tmp_path / "p.jpg"
    for kwargs in ({"fit": "stretch"}, {"focus": (1.5, 0.5)}, {"ink_limit": 500}):
        with pytest.raises(ValueError):
            prepare_image(photo, 72, 72, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        prepare_image(photo, 0, 72)


# ---------------------------------------------------------------- the whole step


def decoded(data: bytes) -> Image.Image:
    """The prepared JPEG, decoded."""
    with Image.open(io.BytesIO(data)) as im:
        assert im.format == "JPEG" and im.mode == "CMYK"
        im.load()
        return im.copy()


def test_photo_is_cropped_resampled_converted_and_limited(tmp_path: Path, profile: Path) -> None:
    photo = save(gradient(), tmp_path / "photo.jpg", quality=92)
    out = prepare_image(photo, 60 * MM, 40 * MM, profile=profile)
    assert out.size == (709, 473)  # 60 × 40 mm at 300 ppi: 708.7 × 472.4 px, rounded up (never under 300 ppi)
    assert 300 <= out.ppi < 301
    assert out.crop == (0.0, 0.0, 3000.0, 2000.0)
    assert out.ink_after <= 240.0
    assert max_ink(decoded(out.data)) <= 250.0  # JPEG rounding only
    assert out.profile


def test_never_upsampled_and_effective_ppi_reported(tmp_path: Path, profile: Path) -> None:
    photo = save(gradient((300, 200)), tmp_path / "small.png")
    out = prepare_image(photo, 4 * 72, 4 * 72, fit="contain", profile=profile)
    assert out.size == (300, 200)
    assert out.drawn == (288.0, 192.0)
    assert out.ppi == pytest.approx(75.0)


def test_cover_uses_the_focal_point(tmp_path: Path, profile: Path) -> None:
    photo = save(halves((400, 100), "red", "blue"), tmp_path / "halves.png")
    left = prepare_image(photo, 72, 72, focus=(0.0, 0.5), profile=profile)
    right = prepare_image(photo, 72, 72, focus=(1.0, 0.5), profile=profile)
    assert left.crop == (0.0, 0.0, 100.0, 100.0) and right.crop == (300.0, 0.0, 400.0, 100.0)
    c, m, y, _ = decoded(left.data).getpixel((50, 50))  # type: ignore[misc]
    assert m > 200 and y > 200 and c < 40  # red is magenta + yellow
    c, m, y, _ = decoded(right.data).getpixel((50, 50))  # type: ignore[misc]
    assert c > 200 and y < 40  # blue is cyan + magenta


def test_black_is_brought_under_the_ink_limit(tmp_path: Path) -> None:
    photo = save(Image.new("RGB", (600, 600), (8, 4, 20)), tmp_path / "black.jpg")  # a blue-black, not grey
    coated = images.FOGRA39_PROFILE
    out = prepare_image(photo, 144, 144, profile=coated, ink_limit=240)
    assert out.ink_before > 260  # a rich black from the coated profile
    assert out.ink_after <= 240 and max_ink(decoded(out.data)) == out.ink_after
    tight = prepare_image(photo, 144, 144, profile=coated, ink_limit=200)
    assert max_ink(decoded(tight.data)) <= 200


def textured(size: tuple[int, int] = (900, 600)) -> Image.Image:
    """A dark, busy photo stand-in: noise over deep colours (JPEG rounding is worst on it)."""
    noise = Image.effect_noise(size, 80).convert("L")
    dark = Image.merge("RGB", tuple(noise.point(lambda v, d=d: v // d) for d in (6, 8, 5)))
    return Image.blend(dark, gradient(size), 0.15)


@pytest.mark.parametrize("limit", [240.0, 220.0, 260.0])
def test_ink_limit_holds_on_the_decoded_jpeg(tmp_path: Path, limit: float) -> None:
    """The limit applied before encoding used to come back at 242–252 % after quality-90 JPEG."""
    photo = save(textured(), tmp_path / "dark.jpg", quality=95)
    for profile in (images.FOGRA39_PROFILE, images.NEWSPRINT_PROFILE):
        out = prepare_image(photo, 200, 130, profile=profile, ink_limit=limit)
        measured = max_ink(decoded(out.data))  # every pixel, as embedded
        assert measured <= limit and measured == out.ink_after


def test_greyscale_photo_goes_on_the_black_plate_only(tmp_path: Path, profile: Path) -> None:
    for im in (gradient((400, 300)).convert("L"), gradient((400, 300)).convert("L").convert("RGB")):
        path = save(im, tmp_path / "mono.jpg", quality=90)
        out = prepare_image(path, 100, 75, profile=profile)
        c, m, y, k = decoded(out.data).split()
        assert out.inks == "K" and c.getextrema() == m.getextrema() == y.getextrema() == (0, 0)
        assert k.getextrema()[1] > 150
    colour = prepare_image(save(gradient((400, 300)), tmp_path / "colour.jpg"), 100, 75, profile=profile)
    assert colour.inks == "CMYK"


def test_newsprint_dot_gain_curve() -> None:
    from layout.photo.newsprint import k_curve, plate_tone

    curve = k_curve()
    assert curve[0] == 255 and curve[255] == 0 and curve == sorted(curve, reverse=True)
    a = plate_tone(0.5)  # a 50 % tone prints from a smaller dot: 26 % gain at mid-tone on newsprint
    assert 0.25 < a < 0.33
    gamma = math.log(0.24) / math.log(0.5)
    assert 1 - (1 - 0.5) ** gamma == pytest.approx(0.76)  # the model: a 50 % dot prints as 76 %
    assert all(1 - (1 - plate_tone(t)) ** gamma == pytest.approx(t) for t in (0.1, 0.3, 0.7, 0.9))


def test_bad_embedded_icc_profile_is_a_clean_error(tmp_path: Path, profile: Path) -> None:
    """An RGB ICC profile whose header opens but whose tags are garbage: no transform (was PyCMSError)."""
    raw = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    raw[200:] = b"\xff" * (len(raw) - 200)
    path = save(gradient((60, 40)), tmp_path / "badicc.jpg", icc_profile=bytes(raw))
    with pytest.raises(ImageError, match=r"badicc\.jpg: its embedded ICC profile cannot"):
        prepare_image(path, 30, 20, profile=profile)


def test_huge_png_is_refused_before_decoding(tmp_path: Path, profile: Path) -> None:
    """12000 × 12000 (144 MP) compresses to a few hundred KB; refused from its header, no warning."""
    import tracemalloc
    import warnings

    path = save(Image.new("1", (12000, 12000)), tmp_path / "bomb.png")
    tracemalloc.start()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ImageError, match=r"bomb\.png: too many pixels"):
            prepare_image(path, 100, 100, profile=profile)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20_000_000


def test_a_file_is_read_once_per_render(tmp_path: Path, profile: Path) -> None:
    from layout.photo import sources

    path = save(halves((200, 100), "red", "red"), tmp_path / "photo.png")
    first = sources.read_source(path)
    save(halves((200, 100), "blue", "blue"), path)  # replaced after the loader read it
    c, m, _, _ = decoded(prepare_image(path, 72, 36, profile=profile).data).getpixel((10, 10))  # type: ignore[misc]
    assert m > 200 and c < 40  # still the red that was read
    assert sources.read_source(path).sha256 != first.sha256


def test_a_photo_is_decoded_once_per_render(monkeypatch: pytest.MonkeyPatch) -> None:
    # the loader's check decodes each image; preparing it for its slot reuses that picture
    from layout import clean_issue, default_book, load_issue, typeset
    from layout.photo import sources

    calls: list[str] = []
    decode = sources._decode

    def counted(data: bytes, path: Path) -> Image.Image:
        calls.append(path.name)
        return decode(data, path)

    monkeypatch.setattr(sources, "_DECODED", type(sources._DECODED)())
    monkeypatch.setattr(sources, "_decode", counted)
    issue, _ = clean_issue(load_issue(Path(__file__).resolve().parents[1] / "issue" / "handoff-demo.yaml"))
    loaded = sorted(calls)
    _, report = typeset(issue, default_book())
    photos = sorted({r.photo.file for r in report.blocks if r.photo and r.photo.file})
    assert len(photos) >= 3 and sorted(set(loaded)) == photos  # every photo checked (decoded) at load
    assert sorted(calls) == loaded and len(loaded) == len(set(loaded))  # and never decoded again


def test_safe_mode_checks_the_file_actually_read(tmp_path: Path) -> None:
    from layout.photo import sources

    jail = tmp_path / "issue"
    jail.mkdir()
    outside = save(halves((20, 10), "red", "red"), tmp_path / "secret.png")
    (jail / "photo.png").symlink_to(outside)
    with pytest.raises(ImageError, match=r"outside the issue's folder|cannot open"):
        sources.read_source(jail / "photo.png", jail)
    fifo = jail / "fifo.png"
    os.mkfifo(fifo)
    with pytest.raises(ImageError, match="not a regular file"):
        sources.read_source(fifo, jail)


def test_embedded_profile_and_greyscale_and_cmyk_inputs(tmp_path: Path, profile: Path) -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    tagged = save(gradient((300, 200)), tmp_path / "tagged.jpg", icc_profile=srgb)
    untagged = save(gradient((300, 200)), tmp_path / "untagged.jpg")
    a = decoded(prepare_image(tagged, 72, 48, profile=profile).data)
    b = decoded(prepare_image(untagged, 72, 48, profile=profile).data)
    assert a.getpixel((100, 100)) == pytest.approx(b.getpixel((100, 100)), abs=3)
    grey = save(Image.new("L", (200, 200), 128), tmp_path / "grey.png")
    assert decoded(prepare_image(grey, 48, 48, profile=profile).data).size == (200, 200)
    cmyk = save(Image.new("CMYK", (100, 100), (255, 255, 255, 255)), tmp_path / "cmyk.tif")
    out = prepare_image(cmyk, 24, 24, profile=profile)
    assert out.ink_before == 400.0 and out.ink_after <= 240.0


def test_output_is_deterministic(tmp_path: Path, profile: Path) -> None:
    photo = save(gradient((800, 600)), tmp_path / "photo.jpg")
    first = prepare_image(photo, 100, 80, profile=profile)
    assert prepare_image(photo, 100, 80, profile=profile) == first


def test_a_mono_page_puts_a_colour_photo_on_the_black_plate(tmp_path: Path, profile: Path) -> None:
    path = save(gradient((400, 300)), tmp_path / "colour.jpg")
    out = prepare_image(path, 100, 75, profile=profile, mono=True)
    c, m, y, k = decoded(out.data).split()
    assert out.inks == "K" and c.getextrema() == m.getextrema() == y.getextrema() == (0, 0)
    assert k.getextrema()[1] > 100
