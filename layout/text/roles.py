"""Role chains: for each font role, the faces to try, first choice first.

In:  nothing (a table). Out: ``ROLES`` (role → face file stems), ``REQUIRED`` (the faces
a page cannot do without), ``EXTENSION`` (the optional faces ``banmian fonts`` builds for
the ideographs the main faces leave out) and ``EMOJI`` with ``is_emoji`` (the one
monochrome face emoji are drawn from).

A character the role's first face lacks comes from the first later face that has it. The
order keeps the role's style as long as a face of that style has the character:

* 黑体 roles (``hei``, ``hei_bold``): the Noto Sans extension face of the same weight
  (Extension A, 2 108 of Extension B…), then the other sans weight and its extension face;
* 宋体 roles (``song``, ``song_bold``): the Noto Serif extension face of the weight, then
  HanaMin A/B (a Ming face with Extensions A–F) for what Noto lacks;
* 楷体 (``kai``): LXGW WenKai alone has the style; its fallbacks are the Ming faces.

Only then a face of another style, which ``layout.text.restyle`` reports. An emoji is drawn
from ``EMOJI`` (Symbola, monochrome) whenever it has it, before the role's own faces
(``FaceChain.pick``): the Noto faces draw ⚽ ⚾, HanaMin A 👍, DejaVu 😀, each in its own design.
"""

from __future__ import annotations

#: Ming fallback with CJK Extensions A–F (Debian fonts-hanazono).
MING = ("HanaMinA", "HanaMinB")
#: The monochrome emoji face (Debian fonts-symbola, Unicode 9 emoji).
EMOJI = "Symbola_hint"
SERIF_EXT, SERIF_EXT_BOLD = "BanmianSerifSCExt-Regular", "BanmianSerifSCExt-Bold"
SANS_EXT, SANS_EXT_BOLD = "BanmianSansSCExt-Regular", "BanmianSansSCExt-Bold"
#: The extension faces (``layout.fontbuild.EXT_JOBS``): optional; a role without them falls
#: back as it would otherwise, with a warning naming the first character that needed one.
EXTENSION = (SERIF_EXT, SERIF_EXT_BOLD, SANS_EXT, SANS_EXT_BOLD)

ROLES: dict[str, tuple[str, ...]] = {
    "song": ("BanmianSerifSC-Regular", SERIF_EXT, *MING, "BanmianSansSC-Regular", "LXGWWenKai-Regular",
             "DejaVuSans", EMOJI),
    "song_bold": ("BanmianSerifSC-Bold", SERIF_EXT_BOLD, "BanmianSerifSC-Regular", *MING, "BanmianSansSC-Bold",
                  "DejaVuSans-Bold", EMOJI),
    "hei": ("BanmianSansSC-Regular", SANS_EXT, "BanmianSansSC-Bold", SANS_EXT_BOLD, "DejaVuSans",
            "BanmianSerifSC-Regular", "LXGWWenKai-Regular", *MING, EMOJI),
    "hei_bold": ("BanmianSansSC-Bold", SANS_EXT_BOLD, "BanmianSansSC-Regular", SANS_EXT, "DejaVuSans-Bold",
                 "BanmianSerifSC-Bold", *MING, EMOJI),
    "kai": ("LXGWWenKai-Regular", "BanmianSerifSC-Regular", SERIF_EXT, "BanmianSansSC-Regular", *MING,
            "DejaVuSans", EMOJI),
}
#: The faces a role cannot do without (the rest are optional fallbacks).
REQUIRED = ("BanmianSerifSC-Regular", "BanmianSerifSC-Bold", "BanmianSansSC-Regular",
            "BanmianSansSC-Bold", "LXGWWenKai-Regular")

#: Emoji by default (Unicode emoji presentation, UTS #51 ``Emoji_Presentation``): the
#: pictograph blocks (Miscellaneous Symbols and Pictographs, Emoticons, Transport and Map
#: Symbols, Supplemental Symbols and Pictographs, Symbols and Pictographs Extended-A) and the
#: BMP symbols with emoji presentation (⌚ ☕ ⚽ ✅ ❌ …).
EMOJI_BLOCKS = ((0x1F300, 0x1F5FF), (0x1F600, 0x1F64F), (0x1F680, 0x1F6FF), (0x1F900, 0x1F9FF),
                (0x1FA70, 0x1FAFF))
EMOJI_BMP = frozenset((
    0x231A, 0x231B, 0x23E9, 0x23EA, 0x23EB, 0x23EC, 0x23F0, 0x23F3, 0x25FD, 0x25FE, 0x2614, 0x2615,
    *range(0x2648, 0x2654), 0x267F, 0x2693, 0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5,
    0x26CE, 0x26D4, 0x26EA, 0x26F2, 0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A, 0x270B, 0x2728,
    0x274C, 0x274E, 0x2753, 0x2754, 0x2755, 0x2757, 0x2795, 0x2796, 0x2797, 0x27B0, 0x27BF, 0x2B1B,
    0x2B1C, 0x2B50, 0x2B55))


def is_emoji(ch: str) -> bool:
    """Whether the character ``ch`` is an emoji by default (``EMOJI_BLOCKS``, ``EMOJI_BMP``)."""
    cp = ord(ch)
    return cp in EMOJI_BMP or (cp >= 0x1F300 and any(lo <= cp <= hi for lo, hi in EMOJI_BLOCKS))
