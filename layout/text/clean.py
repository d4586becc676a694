"""Copy cleaning that the engine does before setting text, with counts of each change.

In:  paragraph text as typed or extracted (half-width , ( ) : ; ? ! between Chinese).
Out: the text with those marks set full width (GB/T 15834: Chinese text uses
     full-width punctuation), and a count per kind of change, for the summary.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from layout.issue.model import ArticleBlock, BodyItem, CrossHead, HeadText, Issue, PageBlock, PhotoBlock, Run
from layout.logger import LOGGER
from layout.text.punct import CLOSE, FULLWIDTH_OF, PAUSE, STOP
from layout.text.script import is_cjk, is_space

_CJK_END = CLOSE + STOP + PAUSE


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest non-space character before (step -1) or after (+1) index i, or ''."""
    j = i + step
    while 0 <= j < len(text) and is_space(text[j]):
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _chinese_side(ch: str) -> bool:
    """Whether a neighbour makes the context Chinese."""
    return bool(ch) and (is_cjk(ch) or ch in _CJK_END)


def fullwidth_punct(text: str) -> tuple[str, Counter[str]]:
    """Set half-width , ( ) : ; ? ! that touch Chinese text full width.

    Digit separators (1,000 and 10:30) and marks inside Latin text stay.

    >>> fullwidth_punct("本报讯(记者 龙舟) 围绕,五华区")[0]
    '本报讯（记者 龙舟） 围绕，五华区'
    >>> fullwidth_punct("1,000 and (a) 10:30")[0]
    '1,000 and (a) 10:30'
    """
    out = list(text)
    counts: Counter[str] = Counter()
    open_converted: list[bool] = []
    for i, ch in enumerate(text):
        if ch not in FULLWIDTH_OF:
            continue
        before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if ch == "(":
            convert = _chinese_side(before) or _chinese_side(after)
            open_converted.append(convert)
        elif ch == ")":
            convert = (open_converted.pop() if open_converted else False) or _chinese_side(before)
        else:
            digits = before.isdigit() and after.isdigit()
            convert = not digits and (_chinese_side(before) or _chinese_side(after))
        if convert:
            out[i] = FULLWIDTH_OF[ch]
            counts[f"{ch} → {FULLWIDTH_OF[ch]}"] += 1
    return "".join(out), counts


def clean_issue(issue: Issue) -> tuple[Issue, Counter[str]]:
    """Apply the issue's copy cleaning to every text of every page; count the changes."""
    counts: Counter[str] = Counter()
    if not issue.typography.fullwidth_punct:
        return issue, counts

    def fix(text: str) -> str:
        new, changed = fullwidth_punct(text)
        counts.update(changed)
        return new

    def head(h: HeadText | None) -> HeadText | None:
        return replace(h, text=fix(h.text)) if h else None

    def item(it: BodyItem) -> BodyItem:
        if isinstance(it, CrossHead):
            return CrossHead(tuple(fix(x) for x in it.lines))
        return replace(it, runs=tuple(Run(fix(r.text), r.style) for r in it.runs))

    def block(b: PageBlock) -> PageBlock:
        if isinstance(b, ArticleBlock):
            return replace(b, kicker=head(b.kicker), headline=head(b.headline), subhead=head(b.subhead),
                           byline=fix(b.byline) if b.byline else None, body=tuple(item(i) for i in b.body))
        if isinstance(b, PhotoBlock):
            return replace(b, caption=fix(b.caption), credit=fix(b.credit))
        return replace(b, text=fix(b.text))

    pages = tuple(replace(p, blocks=tuple(block(b) for b in p.blocks)) for p in issue.pages)
    for change, count in sorted(counts.items()):
        LOGGER.info("copy change: %s ×%d", change, count)
    return replace(issue, pages=pages), counts
