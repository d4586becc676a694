"""CMYK output profiles: which one to use, and the printing condition it stands for.

In:  the environment (``$BANMIAN_CMYK_PROFILE``), an issue's ``print.profile`` (a
     file, or the name ``newsprint`` or ``fogra39``), or an ICC profile's bytes.
Out: the profile's path (``default_cmyk_profile``, ``named_profile``), its
     description, and the ``OutputCondition`` the PDF/X output intent names;
     ``press_summary`` for the render summary. Pure Python (no Pillow, no pikepdf),
     so the render summary can say which condition was used at no cost.

The default is **coldset newsprint**: ``layout/data/newsprint/Newsprint-TR002-GCR240.icc``,
built by ``layout/data/newsprint/build-profile.sh`` (ArgyllCMS ``colprof``, heavy
GCR, 240 % total ink, 95 % black) from ANSI CGATS/SNAP TR 002-2007 "Color
Characterization Data for Coldset Printing on Newsprint", the named source of its
data. FOGRA39 (coated sheet-fed offset) and the print shop's own profile stay
available. Mid-grey separates to about 14/7/7/49 (77 % ink) on newsprint, against
51/41/41/17 (150 %) through FOGRA39.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from layout.errors import BanmianError

_DATA = Path(__file__).resolve().parent / "data"
#: Environment variable naming the CMYK output profile to use.
PROFILE_ENV = "BANMIAN_CMYK_PROFILE"
#: The default output condition: coldset newsprint, built from ANSI CGATS/SNAP TR 002-2007
#: characterization data with heavy GCR and a 240 % total ink limit
#: (``layout/data/newsprint/build-profile.sh`` says how and names the source).
NEWSPRINT_PROFILE = _DATA / "newsprint" / "Newsprint-TR002-GCR240.icc"
#: FOGRA39L coated (ISO 12647-2, sheet-fed offset on coated paper), from CTAN's
#: colorprofiles (as in Debian texlive-base), "free of known copyright restrictions".
FOGRA39_PROFILE = _DATA / "FOGRA39L_coated.icc"
BUNDLED_PROFILE = NEWSPRINT_PROFILE
#: Output conditions an issue can name in ``print.profile`` instead of a file.
NAMED_PROFILES = {"newsprint": NEWSPRINT_PROFILE, "fogra39": FOGRA39_PROFILE}
#: Known CMYK profiles with a free licence, searched in this order (see ``default_cmyk_profile``).
SYSTEM_PROFILES: tuple[Path, ...] = (
    NEWSPRINT_PROFILE,
    FOGRA39_PROFILE,
    # Debian texlive-base (CTAN colorprofiles): "free of known copyright restrictions".
    Path("/usr/share/texlive/texmf-dist/tex/generic/colorprofiles/FOGRA39L_coated.icc"),
    # colord on distributions that keep its CMYK profiles (Fedora): CC0.
    Path("/usr/share/color/icc/colord/FOGRA39L_coated.icc"),
    # Debian scribus-data: ISO Coated v2 300 % by basICColor, zlib licence (1 MB).
    Path("/usr/share/scribus/profiles/ISOcoated_v2_300_bas.icc"),
)
#: The ICC registry, the RegistryName of every characterised printing condition.
ICC_REGISTRY = "http://www.color.org"
_ICC_HEADER = 128


class ProfileError(BanmianError):
    """No usable CMYK ICC output profile."""


@dataclass(frozen=True)
class OutputCondition:
    """The OutputIntent's names: ``identifier`` (a registered condition or ``Custom``) and ``info``."""

    identifier: str
    info: str
    registry: str = ICC_REGISTRY


#: Registered characterisation data for profile descriptions we know (substring → condition).
KNOWN_CONDITIONS = (
    ("CGATS TR 002", OutputCondition("CGATS TR 002", "Coldset offset on newsprint "
                                     "(ANSI CGATS/SNAP TR 002-2007 characterization data)")),
    ("FOGRA39", OutputCondition("FOGRA39", "Coated FOGRA39 (ISO 12647-2:2004)")),
    ("ISO Coated v2", OutputCondition("FOGRA39", "Coated FOGRA39 (ISO 12647-2:2004)")),
    ("newspaper", OutputCondition("IFRA26", "ISO 12647-3 coldset newsprint (IFRA26)")),
    ("SWOP", OutputCondition("CGATS TR 001", "SWOP (CGATS TR 001)")),
)


def default_cmyk_profile() -> Path:
    """The CMYK output profile to use when none is given.

    Order: the file named by ``$BANMIAN_CMYK_PROFILE`` (an error if it does not
    exist), then ``SYSTEM_PROFILES`` (the bundled newsprint profile first). Raises ``ProfileError`` naming the
    install command when none is found.
    """
    named = os.environ.get(PROFILE_ENV)
    if named:
        path = Path(named)
        if not path.is_file():
            raise ProfileError(f"{PROFILE_ENV}={named}: no such file")
        return path
    for path in SYSTEM_PROFILES:
        if path.is_file():
            return path
    raise ProfileError("no CMYK ICC profile found: install one (apt-get install --no-install-recommends "
                       f"texlive-base) or set {PROFILE_ENV} to the print shop's profile")


def named_profile(name: str) -> Path | None:
    """The bundled profile for ``newsprint`` or ``fogra39`` (any case), else ``None``."""
    return NAMED_PROFILES.get(name.strip().lower())


def _u32(data: bytes, at: int) -> int:
    """A big-endian 32-bit number."""
    return int.from_bytes(data[at:at + 4], "big")


def icc_description(data: bytes) -> str:
    """The profile's ``desc`` tag text (ICC v2 textDescription or v4 mluc), or ``""``."""
    for k in range(min(_u32(data, 128), 100)):  # the tag table follows the 128-byte header
        entry = 132 + 12 * k
        if data[entry:entry + 4] != b"desc":
            continue
        tag = data[_u32(data, entry + 4):_u32(data, entry + 4) + _u32(data, entry + 8)]
        if tag[:4] == b"desc":  # v2: ASCII count at 8, text at 12
            return tag[12:12 + _u32(tag, 8)].split(b"\0")[0].decode("latin-1").strip()
        if tag[:4] == b"mluc" and len(tag) >= 28:  # v4: first record's length at 20, offset at 24
            return tag[_u32(tag, 24):_u32(tag, 24) + _u32(tag, 20)].decode("utf-16-be", "replace").strip()
    return ""


def output_condition(data: bytes) -> OutputCondition:
    """The registered condition for a profile we recognise, else ``Custom`` with its description."""
    description = icc_description(data)
    for needle, condition in KNOWN_CONDITIONS:
        if needle.lower() in description.lower():
            return OutputCondition(condition.identifier, condition.info + f"; profile {description}")
    return OutputCondition("Custom", description or "CMYK output profile")


@lru_cache(maxsize=8)
def _summary(path: str) -> tuple[str, str, str]:
    """(identifier, info, description) of a profile file; ``Custom`` if unreadable."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return ("Custom", "unreadable profile", "")
    condition = output_condition(data)
    return condition.identifier, condition.info, icc_description(data)


def press_summary(profile: Path | None, ink_limit: float) -> dict[str, Any]:
    """What the render summary says about the output: condition, profile and ink limit."""
    try:
        path = profile if profile is not None else default_cmyk_profile()
    except ProfileError as exc:
        return {"output_condition": "none", "error": str(exc)}
    identifier, info, description = _summary(str(path))
    return {"output_condition": identifier, "condition_info": info, "profile": path.name,
            "profile_description": description, "ink_limit": ink_limit}
