"""Where a byline must not break: between a role label and the name it introduces.

In:  a display text (a byline as typed: 本报记者 王小明 李大伟 通讯员 赵春燕 实习生 孙一凡).
Out: the indices of the spaces that join a label to its name: after a role (本报记者, 通讯员, 实习生,
     摄影记者 …: ``ROLE``) when a name in Chinese follows, and before
     a credit that ends a name's part (王小明 摄, 张三 文/图).

Why: a credit line reads as pairs of role and name. A line ending on 通讯员 leaves the role without its
person (本报记者 王小明 / 李大伟 通讯员 / 赵春燕 …), which a copy editor sends back; a line break
between two names of one role (王小明 / 李大伟) reads well. The display breaker (``display._grades``)
grades a role's space as it grades a break beside an affix (``words.Fit.SUB``), a credit's as one inside a
quoted group (``words.Fit.GROUP``): each taken only where the alternative breaks inside a word (the credit's
first, where one of the two must go: 通讯员 郑国强 / 文/图 rather than 通讯员 / 郑国强 文/图), and
before the breaker takes an extra line.
"""

from __future__ import annotations

import re

from layout.flow.words import Fit
from layout.text.script import is_cjk

#: A role label: an outlet (本报, 本台, or a name ending in 报 社 台 网 视 刊, 新华社, 云南日报), a rank (特约, 首席,
#: 实习, 见习, 摄影, 驻 a place) and the role itself; a token that merely ends in one (致敬记者) is no label.
ROLE = re.compile(r"(?:本报|本台|本刊|本网|\S{1,8}[报社台网视刊])?(?:特约|首席|实习|见习|摄影|驻\S{1,4})?"
                  r"(?:记者|通讯员|实习生|摄影|撰稿人?|编辑|特派员|评论员)")
#: Credits typed after a name: 张三 摄, 李四 文/图.
AFTER = frozenset({"摄", "文", "图", "文/图", "图/文", "文／图", "图／文", "摄影", "报道", "整理", "制图"})
NAME_MAX = 4  # characters of a name in Chinese after a role (欧阳春晓)


def label_spaces(text: str) -> dict[int, Fit]:
    """Grades of breaks in a byline that its words alone do not give (module docstring), by index: a space
    (its index) that joins a role label to the name after it (``Fit.SUB``) or a name to the credit after it
    (``Fit.GROUP``), and a break before ``text[i]`` inside a name that follows a role (``Fit.INSIDE``: the
    dictionary may part a name it does not know, 李|明远).

    >>> {i: f.name for i, f in label_spaces("本报记者 马丽娟 通讯员 郑国强 文/图").items() if f < Fit.INSIDE}
    {4: 'SUB', 12: 'SUB', 16: 'GROUP'}
    >>> sorted(i for i, f in label_spaces("新华社记者 李明远 王芳").items() if f is Fit.INSIDE)
    [7, 8, 11]
    >>> label_spaces("稳增长 促改革 调结构"), label_spaces("致敬记者 节日快乐")
    ({}, {})
    """
    if " " not in text and "\u3000" not in text:
        return {}
    tokens = [(m.start(), m.end()) for m in re.finditer(r"[^\s]+", text)]
    out: dict[int, Fit] = {}
    names = False  # (the tokens after a role, while they are names)
    for k, (a, b) in enumerate(tokens):
        word = text[a:b]
        role = ROLE.fullmatch(word) is not None
        names = not role and names and _name(word)
        if names:
            out.update(dict.fromkeys(range(a + 1, b), Fit.INSIDE))
        if k + 1 == len(tokens):
            break
        c, d = tokens[k + 1]
        if role and _name(text[c:d]):
            out.update(dict.fromkeys(range(b, c), Fit.SUB))
            names = True
        elif text[c:d] in AFTER:
            out.update(dict.fromkeys(range(b, c), Fit.GROUP))
    return out


def _name(token: str) -> bool:
    """Whether ``token`` may be a person's name in Chinese: 2 to ``NAME_MAX`` characters, all Chinese."""
    return 2 <= len(token) <= NAME_MAX and all(is_cjk(ch) for ch in token)
