"""Break opportunities inside Latin words, numbers, URLs and e-mail addresses.

In:  the paragraph's atoms (one character each) and the gap kinds between them
     (``"none"`` joins a word; see ``prepare``).
Out: ``{gap index: hyphenate}``: a line may end after atom i; ``True`` if the line
     then ends with a drawn hyphen.

Rules (newspaper practice; clreq leaves Latin to Western rules):

- A URL, an e-mail address or a DOI (doi:10.1038/…) breaks with no hyphen added (so none is mistaken
  for part of the address), as the Chicago Manual of Style breaks one (15th ed., 7.44 and 17.11): after
  a scheme's colon (``doi:``, ``mailto:``; not a time's or a port's), a slash (``//`` whole) or an
  ``@``; before ``. , - _ ? ~ # %``, so that no line ends on what reads as a period, a comma, a
  question mark or a hyphen of the text; before or after ``=`` and ``&``. (The 17th edition, 14.18,
  breaks before a single slash instead.) After ``. , - _ ?`` only at a price (``address_marks``,
  ``candidates.ADDRESS_BREAK``: the breakers take it only to spare a looser line). Never inside
  ``://``, never between two digits (``1.5``), never between a doubled mark, never before its last
  character alone.
- A word breaks at the hyphenation points of the dictionary of a maintained
  hyphenation library (pyphen, with the LibreOffice ``en_US`` patterns), with at
  least two letters before and three after the hyphen; words in capitals
  (acronyms), words with a capital inside (brand names: OpenAI, iPhone, DeepMind)
  and words with digits are never hyphenated. A word of fewer than ``MIN_WORD``
  letters (Copilot, Kunming) is hyphenated only as a last resort (``LAST_RESORT``:
  the breaker takes it only where every other break sequence leaves a line looser
  than the limit); one of fewer than ``MIN_SHORT`` letters never. A code or a number
  with hard hyphens (PNAS-2026-0412789, 0871-6598-2210) breaks after a hyphen, no hyphen
  added, rather than leave lines parting ideographs past ``CODE_LIMIT_EM`` (house rule), never
  inside its digits. After a hard hyphen a word
  may break with no hyphen added, and a compound with a hard hyphen (heat-recovery) breaks only
  there: its parts are hyphenated as a last resort (Chicago Manual of Style 7.42: never a second
  hyphen in a hyphenated compound where it can be avoided; ``heat-re-covery`` reads as a typo).
- A number breaks only after a thousands separator (``12,345,678``), with no hyphen, and
  only a long one (``MIN_GROUPED`` characters or more): ``3,|600`` would leave a lone
  digit and a comma at a line's end. Like a code's hard hyphen, a separator is a last resort
  (GB/T 15835-2011: a number in digits is kept on one line where possible): taken only where
  keeping the number whole leaves lines parting ideographs past ``CODE_LIMIT_EM``, and reported.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from layout.text.punct import Prohibition
from layout.text.script import is_cjk

LEFT_MIN = 2  # letters before a hyphen
RIGHT_MIN = 3  # letters after it
SOFT_HYPHEN = "\u00ad"  # typed in the copy: a discretionary hyphen (``typed_breaks``)
MIN_WORD = 8  # shorter words are hyphenated only as a last resort
MIN_SHORT = 6  # and shorter still, never
CODE_LIMIT_EM = 0.5  # a code breaks after a hard hyphen (0871-6598-|2210) rather than leave lines parting ideographs
# past this: the breaker prices that break as one such line (``linebreak.CODE_BREAK``), a house rule
MIN_GROUPED = 9  # a number with thousands separators breaks at them from 1,234,567 on
#: ``word_breaks`` values: a break with no hyphen added, a hyphenation point, one of a short word (a last
#: resort), and a last-resort break with no hyphen added (after a hard hyphen in a code: PNAS-2026-|0412789)
PLAIN, HYPHEN, LAST_RESORT, LAST_RESORT_PLAIN = 0, 1, 2, 3
URL_BREAK_AFTER = ":/@=&"  # a URL may break after these (Chicago 15th ed. 7.44, 17.11; a scheme's colon only) …
URL_BREAK_BEFORE = ".,-_?~#%=&"  # … and before these: never a line ending on a period, comma, hyphen or query mark
URL_MARK_AFTER = ".,-_?"  # … and after these at a price (``address_marks``), where breaking before them leaves a
# line looser: "www.|example" reads as a sentence's end, but less badly than a line parting its ideographs
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)|^[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
_DOMAIN_PATH = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+/|^(?:[a-z0-9-]+\.)+(?:com|cn|net|org|edu|gov)(?:\.cn)?$",
                          re.IGNORECASE)  # example.cn/path; a bare domain of the commonest endings (m.example.com.cn)
_PATH = re.compile(r"^/[^/\s]+/")  # /v2/accounts/...: a path on its own
_DOI = re.compile(r"^(?:doi:)?10\.\d{4,9}/\S", re.IGNORECASE)  # DOI:10.1038/s41467-…: a DOI breaks as a URL
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")  # 12,345,678.9


@lru_cache(maxsize=1)
def _dictionary() -> object | None:
    """The pyphen English dictionary (None if pyphen is not installed: no hyphenation). Its
    patterns, parsed from the pattern file (some 11 000 lines: about 0.1 s, most of a render's
    Latin), are kept parsed in the cache folder (``layout.cache``: sealed, keyed by pyphen's
    version and the file's path, size and modification time) and read back in a few milliseconds."""
    try:
        import pyphen
    except ImportError:  # pragma: no cover - pyphen is a declared dependency
        return None
    with contextlib.suppress(AttributeError, KeyError, TypeError):  # (another pyphen: it parses them itself)
        path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
        if path not in pyphen.hdcache:
            pyphen.hdcache[path] = _patterns(pyphen, Path(path))
    return pyphen.Pyphen(lang="en_US", left=LEFT_MIN, right=RIGHT_MIN)


def _patterns(pyphen: Any, path: Path) -> object:
    """pyphen's parsed patterns of ``path`` (a ``HyphDict``), from the cache when they are there."""
    from layout import cache

    try:
        st = path.stat()
        where = cache.cache_file(path, "hyphen", f"{pyphen.__version__}|{st.st_size}|{st.st_mtime_ns}")
    except OSError:
        return pyphen.HyphDict(path)
    kept = cache.load(where)
    if isinstance(kept, pyphen.HyphDict) and isinstance(getattr(kept, "patterns", None), dict):
        return kept
    parsed = pyphen.HyphDict(path)
    cache.save(where, parsed)
    return parsed


@lru_cache(maxsize=8192)
def hyphen_points(word: str) -> tuple[int, ...]:
    """Positions inside ``word`` (letters only) after which it may be hyphenated.

    >>> hyphen_points("newspaper"), hyphen_points("NATO"), hyphen_points("Copilot"), hyphen_points("DeepMind")
    ((4, 6), (), (4,), ())
    """
    if len(word) < MIN_SHORT or not word.isalpha() or any(ch.isupper() for ch in word[1:]):
        return ()
    dic = _dictionary()
    if dic is None:
        return ()
    return tuple(p for p in dic.positions(word.lower()) if LEFT_MIN <= p <= len(word) - RIGHT_MIN)  # type: ignore[attr-defined]


def tokens(chars: Sequence[str], kinds: Sequence[str], cjk: Sequence[bool] | None = None) -> list[tuple[int, int]]:
    """Atom ranges [start, end) of the solid non-CJK runs (words, numbers, URLs); ``cjk``:
    ``is_cjk`` of each character, when the caller has it."""
    out = []
    start = None
    for i, ch in enumerate(chars):
        solid = not (is_cjk(ch) if cjk is None else cjk[i])
        if solid and start is None:
            start = i
        if start is not None and (not solid or (i > start and kinds[i - 1] != "none")):
            out.append((start, i))
            start = i if solid else None
    if start is not None:
        out.append((start, len(chars)))
    return out


def word_breaks(chars: Sequence[str], kinds: Sequence[str], cjk: Sequence[bool] | None = None) -> dict[int, int]:
    """Break opportunities inside solid runs (see module docstring): after atom i with no
    hyphen added (``PLAIN``), with a hyphen (``HYPHEN``), or as a last resort, with a hyphen
    (``LAST_RESORT``) or without (``LAST_RESORT_PLAIN``); ``cjk`` as for ``tokens``."""
    found: dict[int, int] = {}
    for start, end in tokens(chars, kinds, cjk):
        if end - start < 2:
            continue
        text = "".join(chars[start:end])
        if _address(text):
            marks = _url_points(text, URL_MARK_AFTER, "")  # (at a price: ``address_marks``)
            found.update((start + k, PLAIN) for k in sorted({*_url_points(text), *marks}))
        elif _GROUPED.match(text.rstrip(".,;:!?")):
            if len(text.rstrip(".,;:!?")) < MIN_GROUPED:
                continue  # 3,600 and 12,500 are never split
            found.update((start + k, LAST_RESORT_PLAIN) for k, ch in enumerate(text[:-1])
                         if ch == "," and text[k + 1].isdigit())  # priced and reported as a code's break
        else:
            found.update((start + k, h) for k, h in _word_points(text).items())
    return found


def _address(text: str) -> bool:
    """Whether a solid run is a URL, e-mail address, domain with a path, file path or DOI (broken
    only at its marks, never with a hyphen: ``_url_points``)."""
    return bool(_URL.match(text) or _DOMAIN_PATH.match(text) or _PATH.match(text) or _DOI.match(text))


def typed_breaks(found: dict[int, int], typed: set[int], chars: Sequence[str], kinds: Sequence[str],
                 joins: Sequence[bool], cjk: Sequence[bool]) -> dict[int, int]:
    """``found`` (``word_breaks``) with the soft hyphens the copy typed (U+00AD, a discretionary
    hyphen: the designer's or editor's say where a word may break) after the atoms in ``typed``:
    each inside a word (between two letters or digits, no space or cluster between) is a
    hyphenation point (``HYPHEN``: a hyphen drawn at a line end, whatever the two-and-three-letter
    minimum), and a word that holds one breaks only there, as InDesign and TeX treat a
    discretionary hyphen: the dictionary's points inside it go (a plain break, after a hard hyphen
    or a URL's /, is not the word's and stays). One typed elsewhere (between ideographs, beside a
    space) adds nothing: copy cleaning drops and counts those (``clean.sanitize``); nor does one
    inside a URL or e-mail address (``_address``), which never takes a hyphen (review Z1).

    >>> chars = list("Tele\u00adcommunication"[:4] + "communication")
    >>> sorted(typed_breaks({5: HYPHEN, 8: HYPHEN}, {3}, chars, ["none"] * 16, [False] * 16, [False] * 17))
    [3]
    """
    out = dict(found)
    solid = lambda k: chars[k].isalnum() and not cjk[k]  # noqa: E731 - a letter or digit of a word
    addresses = [(a, b) for a, b in tokens(chars, kinds, cjk) if b - a > 1 and _address("".join(chars[a:b]))]
    for i in sorted(typed):
        if i + 1 >= len(chars) or kinds[i] != "none" or joins[i] or not (solid(i) and solid(i + 1)) \
                or any(a <= i < b for a, b in addresses):
            continue
        lo, hi = i, i + 1
        while lo > 0 and kinds[lo - 1] == "none" and solid(lo - 1):
            lo -= 1
        while hi + 1 < len(chars) and kinds[hi] == "none" and solid(hi + 1):
            hi += 1
        for k in range(lo, hi):
            if out.get(k) in (HYPHEN, LAST_RESORT) and k not in typed:
                del out[k]
        out[i] = HYPHEN
    return out


def _url_points(text: str, after_marks: str = URL_BREAK_AFTER, before_marks: str = URL_BREAK_BEFORE) -> list[int]:
    """Indices k such that a URL or address may break after text[k] (one of ``after_marks`` at k, or
    of ``before_marks`` at k + 1).

    >>> [("https://a.cn/b?id=12"[:k + 1]) for k in _url_points("https://a.cn/b?id=12")]
    ['https://', 'https://a', 'https://a.cn/', 'https://a.cn/b', 'https://a.cn/b?id', 'https://a.cn/b?id=']
    >>> [("doi:10.1016/j.x"[:k + 1]) for k in _url_points("doi:10.1016/j.x")]
    ['doi:', 'doi:10.1016/', 'doi:10.1016/j']
    >>> [("a.cn:8080/t=10:30"[:k + 1]) for k in _url_points("a.cn:8080/t=10:30")]
    ['a', 'a.cn:8080/', 'a.cn:8080/t', 'a.cn:8080/t=']
    """
    out = []
    for k, ch in enumerate(text[:-2]):  # (never one character alone after the break: …01234|-5)
        after = text[k + 1]
        if not (ch in after_marks or after in before_marks) or ch == after:
            continue  # (not between doubled marks: //)
        if ch == ":" and (after == "/" or not text[:k].isalpha()):
            continue  # after a scheme's colon only (doi:|10.1016, mailto:|): never inside ://, 10:|30 or a port
        if (after in ".," and ch.isdigit() and text[k + 2].isdigit()) or (
                ch in ".," and text[k - 1:k].isdigit() and after.isdigit()):
            continue  # never inside a number (1.5, 3,000)
        out.append(k)
    return out


def address_points(text: str) -> list[int] | None:
    """Indices k after which a solid run that is a URL, e-mail address, path or DOI (``_address``) may break
    (``_url_points``: Chicago's); None for a run of another kind."""
    return _url_points(text) if _address(text) else None


def address_marks(chars: Sequence[str], kinds: Sequence[str]) -> set[int]:
    """Atom indices i inside a URL or address after which a line may end only at a price: its
    ``. , - _ ?`` where Chicago's breaks (``_url_points``) do not also fall (``candidates.mild_breaks``).

    >>> sorted(address_marks(list("见www.a-b.cn/x。"), ["cjk"] + ["none"] * 12 + ["cjk"]))
    [4, 6, 8]
    """
    out: set[int] = set()
    for start, end in tokens(chars, kinds):
        text = "".join(chars[start:end])
        if end - start > 2 and _address(text):
            out.update(start + k for k in set(_url_points(text, URL_MARK_AFTER, "")) - set(_url_points(text)))
    return out


def _word_points(text: str) -> dict[int, int]:
    """Hyphenation points of each alphabetic part of a word (``LAST_RESORT`` in a short
    word or a compound with a hard hyphen between letters), and a plain break after a hard hyphen
    between letters (state-of-the-art), or, as a last resort, between a letter or digit and a digit
    (PNAS-2026-0412789)."""
    out: dict[int, int] = {}
    compound = re.search(r"[^\W\d_]{2}[-‐][^\W\d_]", text) is not None  # heat-recovery (LEFT_MIN letters)
    for match in re.finditer(r"[^\W\d_]+", text):
        if _capital_inside(text, match.start()):
            continue  # O’Connor, D’Artagnan: a capital inside the word, across its apostrophe
        long = len(match.group()) >= MIN_WORD and not compound  # (a compound breaks at its own hyphen)
        base, kind = match.start(), HYPHEN if long else LAST_RESORT
        for p in hyphen_points(match.group()):
            out[base + p - 1] = kind
    for k, ch in enumerate(text[:-1]):
        if ch in "-‐" and k >= LEFT_MIN and text[k - 1].isalnum() and text[k + 1].isalnum():
            out[k] = PLAIN if text[k - 1].isalpha() and text[k + 1].isalpha() else LAST_RESORT_PLAIN
    return out


def _capital_inside(text: str, start: int) -> bool:
    """Whether the word that the letters at ``start`` belong to (its parts joined by
    apostrophes: O’Connor, rock’n’roll) has a capital after its first letter."""
    lo = start
    while lo >= 2 and text[lo - 1] in "'’" and text[lo - 2].isalpha():
        lo -= 2
        while lo > 0 and text[lo - 1].isalpha():
            lo -= 1
    word = re.match(r"[^\W\d_]+(?:['’][^\W\d_]+)*", text[lo:])
    letters = [ch for ch in word.group() if ch.isalpha()] if word else []
    return any(ch.isupper() for ch in letters[1:])


def forced_what(line: str, after: str, rules: Prohibition) -> str:
    """What a forced break broke, for its warning: ``line`` the copy of the forced line (an
    added hyphen left out), ``after`` the text of the line after it ('' at the end).

    >>> from layout.text.punct import prohibition
    >>> rules = prohibition()
    >>> forced_what("号530102199001", "011234，有效", rules)[:52]
    "'号530102199001|011234' is broken inside a word or nu"
    >>> forced_what("号530102199001011234", "，有效", rules)[26:94]
    "breaks against the punctuation rules: the next line starts with '，' "
    """
    last, first = line.rstrip()[-1:], after.lstrip()[:1]
    shown = f"{line.rstrip()}|{after.lstrip()[:6]}"
    if last in "-‐" and _solid(line.rstrip()[-2:-1]) and _solid(first):
        return (f"{shown!r} is broken after a hard hyphen of a code or number (kept whole, a line would part "
                f"its characters past the house limit)")
    if last == "," and line.rstrip()[-2:-1].isdigit() and first.isdigit():
        return (f"{shown!r} is broken at a thousands separator (kept whole, a line would part its "
                f"characters past the house limit)")
    if _solid(last) and _solid(first):
        return f"{shown!r} is broken inside a word or number (no word, URL or number break fits the column)"
    what = [f"the next line starts with {first!r}"] if first in rules.no_start else []
    what += [f"the line ends with {last!r}"] if last in rules.no_end else []
    whole = "; the number is whole" if any(ch.isdigit() for ch in line[-3:] + after[:3]) else ""
    return (f"{shown!r} breaks against the punctuation rules: {' and '.join(what) or 'a mark is parted'} "
            f"(no break the rules allow fits the column{whole})")


def _solid(ch: str) -> bool:
    """A character of a Latin word, number or URL (not CJK, not a space)."""
    return bool(ch) and not ch.isspace() and not is_cjk(ch)
