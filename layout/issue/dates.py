"""The issue's date: a real calendar date, written as a newspaper writes it.

In:  the ``issue.date`` text of an issue file (a YAML date reads as ``2026-01-20``).
Out: the date in ISO form (``2026-01-20``), from which the running head and the
     masthead set the house style ``2026年1月20日 星期二``; or a ``ValueError``
     saying what is wrong (an impossible month or day, a weekday that does not
     match, text that is not a date).

Accepted forms: ``2026-01-20``, ``2026/1/20``, ``2026.1.20``, ``2026年1月20日``, each
optionally followed by the weekday (``星期二``, ``周二``), which must be right.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime
else:  # the C part ``datetime`` re-exports: the same classes, without the module's pure-Python
    try:  # fallback it defines first and then replaces (about 4 M instructions at import)
        import _datetime as datetime
    except ImportError:  # an interpreter without it
        import datetime

WEEKDAYS = "一二三四五六日"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_FORM = re.compile(r"^\s*(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)"
                   r"\s*(?:(?:星期|周|礼拜)([一二三四五六日天]))?\s*$")


def parse_date(text: str) -> str:
    """The ISO form of an issue date (see the module docstring).

    >>> parse_date("2026年1月20日 星期二"), parse_date("2026/1/20")
    ('2026-01-20', '2026-01-20')
    >>> parse_date("2026-13-45")
    Traceback (most recent call last):
    ValueError: 2026-13-45 is not a date: month 13 does not exist (1–12)
    >>> parse_date("2026-02-30")
    Traceback (most recent call last):
    ValueError: 2026-02-30 is not a date: February 2026 has 28 days
    >>> parse_date("2026-01-20 星期一")
    Traceback (most recent call last):
    ValueError: 2026-01-20 星期一: 2026-01-20 is a 星期二
    """
    match = _FORM.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a date; write it as 2026-01-20 (or 2026年1月20日)")
    year, month, day = int(match[1]), int(match[2] or match[4]), int(match[3] or match[5])
    if not 1 <= month <= 12:
        raise ValueError(f"{text} is not a date: month {month} does not exist (1–12)")
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
        raise ValueError(f"{text} is not a date: {MONTHS[month - 1]} {year} has {last} days") from None
    if match[6]:
        weekday = WEEKDAYS[date.weekday()]
        if match[6] not in (weekday, "天" if weekday == "日" else weekday):
            raise ValueError(f"{text}: {date.isoformat()} is a 星期{weekday}")
    return date.isoformat()
