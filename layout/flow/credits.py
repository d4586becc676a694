"""Where a byline or a credit must not break: between a role label and the name it introduces, inside a name.

In:  a display text (a byline as typed: 本报记者 王小明 李大伟 通讯员 赵春燕 实习生 孙一凡; a photo's credit,
     a ``byline_end``).
Out: ``label_spaces``: grades of its breaks by index: the spaces that join a label to its name (after a role,
     本报记者, 通讯员, 实习生, 摄影记者 …: ``ROLE``, when a name follows), the space before a credit that ends a
     name's part (王小明 摄, 张三 文/图), and the breaks inside a role or a name after one. ``credit_labels``:
     the same of a text whose first word is a role, none of other display copy.

Why: a credit line reads as pairs of role and name. A line ending on 通讯员 leaves the role without its
person (本报记者 王小明 / 李大伟 通讯员 / 赵春燕 …), which a copy editor sends back; a line break
between two names of one role (王小明 / 李大伟) reads well. The display breaker (``display._grades``, for a
byline only: ``HeadText.credit``) grades a role's space as it grades a break beside an affix (``words.Fit.SUB``),
a credit's as one inside a quoted group (``words.Fit.GROUP``): each taken only where the alternative breaks
inside a word (the credit's first, where one of the two must go: 通讯员 郑国强 / 文/图 rather than 通讯员 /
郑国强 文/图), and before the breaker takes an extra line. Small display copy (``display.set_words``: credits,
sign-offs) forbids those breaks, the role's join last (``display._again``); a vertical head's byline flows so
too (``vertical._flow``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from layout.flow.words import Fit
from layout.text.script import is_cjk

#: A role label: an outlet (本报, 本台, 新华社, 央视, or a name and its kind: 云南日报, 昆明电视台, 人民网), a rank
#: (特约, 首席, 实习, 见习, 摄影, 驻 a place) and the role itself; a token that merely ends in one (致敬记者,
#: 跟着央视记者) is no label.
ROLE = re.compile(r"(?:本报|本台|本刊|本网|新华社|中新社|央视|央广"
                  r"|\S{2,6}(?:日报|晚报|早报|时报|商报|报社|通讯社|新闻社|电视台|广播电视台|电台|新闻网)|\S{2,4}网)?"
                  r"(?:特约|首席|实习|见习|摄影|驻\S{1,4})?"
                  r"(?:记者|通讯员|实习生|摄影|撰稿人?|编辑|特派员|评论员)")
#: Credits typed after a name: 张三 摄, 李四 文/图.
AFTER = frozenset({"摄", "文", "图", "文/图", "图/文", "文／图", "图／文", "摄影", "报道", "整理", "制图"})
NAME_MAX = 4  # characters of a name in Chinese after a role (欧阳春晓)
DOTS = "·・"  # the middle dot between the parts of a transliterated name (GB/T 15834 4.15)
PART_MAX = 6  # characters of one part of such a name


@lru_cache(maxsize=4096)
def label_spaces(text: str) -> dict[int, Fit]:
    """Grades of breaks in a byline that its words alone do not give (module docstring), by index: a space
    (its index) that joins a role label to the name after it (``Fit.SUB``) or a name to the credit after it
    (``Fit.GROUP``), and a break before ``text[i]`` inside a role label (本报|记者) or inside a name that follows
    a role (``Fit.INSIDE``: the dictionary may part a name it does not know, 李|明远; the space between the
    two words of a name in Latin letters, Zhang Wei, too, but not in a run of more: in Anna Smith Peter
    Brown no rule of the text tells where one name ends). Cached: the same text asks again (each setting of
    a byline, each pass of small display copy); the answer is read, never changed.

    >>> {i: f.name for i, f in label_spaces("本报记者 马丽娟 通讯员 郑国强 文/图").items() if f < Fit.INSIDE}
    {4: 'SUB', 12: 'SUB', 16: 'GROUP'}
    >>> sorted(i for i, f in label_spaces("新华社记者 李明远 王芳").items() if f is Fit.INSIDE)
    [1, 2, 3, 4, 7, 8, 11]
    >>> {i: f.name for i, f in label_spaces("实习生 Zhang Wei 摄").items()}
    {1: 'INSIDE', 2: 'INSIDE', 3: 'SUB', 9: 'INSIDE', 13: 'GROUP'}
    >>> label_spaces("稳增长 促改革 调结构"), label_spaces("致敬记者 节日快乐")
    ({}, {})
    """
    if " " not in text and "\u3000" not in text:
        return {}
    tokens = [(m.start(), m.end()) for m in re.finditer(r"[^\s]+", text)]
    latin = [_latin(text[a:b]) for a, b in tokens]  # (a word in Latin letters, of a name: Zhang)
    out: dict[int, Fit] = {}
    names = False  # (the tokens after a role, while they are names)
    for k, (a, b) in enumerate(tokens):
        word = text[a:b]
        role = ROLE.fullmatch(word) is not None
        names = not role and names and _name(word)
        if role or (names and not latin[k]):
            out.update(dict.fromkeys(range(a + 1, b), Fit.INSIDE))
        if k + 1 == len(tokens):
            break
        c, d = tokens[k + 1]
        after = text[c:d]
        if role and _name(after):
            out.update(dict.fromkeys(range(b, c), Fit.SUB))
            names = True
        elif after in AFTER:
            out.update(dict.fromkeys(range(b, c), Fit.GROUP))
            out.update(dict.fromkeys(range(c + 1, d), Fit.INSIDE))  # (文/图 is one credit)
        elif names and latin[k] and latin[k + 1] and (k == 0 or not latin[k - 1]) and (
                k + 2 >= len(tokens) or not latin[k + 2]):
            out.update(dict.fromkeys(range(b, c), Fit.INSIDE))  # (one name: Zhang Wei; of more, which is whose?)
    return out


def credit_labels(text: str) -> dict[int, Fit]:
    """``label_spaces`` of a text that reads as a credit, its first word a role (本报记者 龙舟 摄, a ``byline_end``);
    none of other display copy (a caption, a 导读 paragraph: 图为跟着央视记者 走进…, whose words are its own).

    >>> bool(credit_labels("　本报记者 龙舟 摄")), credit_labels("图为跟着央视记者 走进三星堆的游客")
    (True, {})
    """
    first = text.split(maxsplit=1)[:1]
    return label_spaces(text) if first and ROLE.fullmatch(first[0]) else {}


def _name(token: str) -> bool:
    """Whether ``token`` may be a person's name or a part of one: 2 to ``NAME_MAX`` characters, all Chinese, a
    transliterated name of parts joined by a middle dot, or a capitalised word in Latin letters (Zhang, Wei)."""
    if any(dot in token for dot in DOTS):  # (a name of parts: 尼格买提·热合曼, 阿卜杜拉·买买提)
        parts = re.split("[" + DOTS + "]", token)
        return len(parts) <= 4 and all(1 <= len(part) <= PART_MAX and all(map(is_cjk, part)) for part in parts)
    return (2 <= len(token) <= NAME_MAX and all(is_cjk(ch) for ch in token)) or _latin(token)


def _latin(token: str) -> bool:
    """Whether ``token`` is a capitalised word in basic Latin letters (Zhang; Mc'Donald is not)."""
    return token.isascii() and token.isalpha() and token[0].isupper()
