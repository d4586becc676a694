"""A byline breaks between one role's names or before a role, never between a role and its name.

The bylines are written for this test (placeholder names, not people in the news), each a run of
role labels and names as a copy editor types them; set in the byline's face at widths from 8 to 18
characters, no line may end on a role label (本报记者, 通讯员, 实习生 …) while a name follows it (but where
the two together are wider than the line: then the role stands over its names, 新华社记者 / 李明远 王芳),
nor start with a credit typed after a name (摄, 文/图) where the line before it has room, and no
name is parted (李|明远: the word dictionary does not know every name).
The roles are listed here by hand, not taken from the code.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from layout.flow.heads import balanced_head
from layout.flow.setting import Setting
from layout.issue.load import load_issue
from layout.issue.model import HeadText, Typography
from layout.page import typeset
from layout.text.clean import clean_issue
from layout.text.font import FontBook
from tests.onepage import head

BYLINES = [
    "本报记者 王小明 李大伟 通讯员 赵春燕 实习生 孙一凡",
    "本报记者 欧阳春晓 首席记者 司马相如 摄影记者 张三",
    "新华社记者 李明远 王芳 本报记者 陈晓东",
    "本报特约记者 周洁 通讯员 黄海波 李娜",
    "本报记者 马丽娟 通讯员 郑国强 文/图",
    "云南日报记者 杨文彬 实习记者 刘一鸣 通讯员 何春花",
    "本报评论员 吴思远 编辑 钱多多 实习生 冯晓",
    "记者 林木森 通讯员 许诺 王强 摄",
]
ROLES = ("本报记者", "首席记者", "摄影记者", "新华社记者", "本报特约记者", "云南日报记者", "实习记者", "通讯员",
         "实习生", "本报评论员", "编辑", "记者")
AFTER = ("摄", "文/图")


@pytest.mark.parametrize("byline", BYLINES)
@pytest.mark.parametrize("chars", [8, 10, 12, 14, 18])
def test_no_line_ends_on_a_role_or_starts_with_a_credit(book: FontBook, byline: str, chars: int) -> None:
    size = 10.5  # pt (五号)
    head = HeadText(byline, size, "kai", "left", credit=True)
    lines, _ = balanced_head(byline, head, Setting(book, Typography()), chars * size)
    drawn = [line.text.strip() for line in lines]
    assert "".join(drawn).replace(" ", "") == byline.replace(" ", "")  # (nothing lost)
    for line, after in pairwise(drawn):  # (a role and its name wider than the line together: stacked)
        role, name = line.split()[-1], after.split()[0]
        assert role not in ROLES or len(role) + len(name) + 0.25 > chars, drawn
    names = [t for t in byline.split() if t not in ROLES and t not in AFTER]
    assert all(any(name in line.split() for line in drawn) for name in names), drawn  # (no name parted)
    if chars >= 10:  # (at 8, 通讯员 郑国强 文/图 is wider than a line: one join must go, and the role's stays)
        for line in drawn[1:]:
            assert line.split()[0] not in AFTER, drawn


@pytest.mark.parametrize(("headline", "chars", "lines"), [
    ("致敬记者 节日快乐", 6, ["致敬记者", "节日快乐"]), ("最美通讯员 扎根基层", 6, ["最美通讯员", "扎根基层"]),
    ("跟着央视记者 走进三星堆", 5, ["跟着", "央视记者", "走进三星堆"]),  # (a review's: 跟着央 / 视记者 …)
    ("向人民日报社记者 致敬", 7, ["向人民日报社", "记者 致敬"]),
    ("致敬新华社记者 节日快乐", 5, ["致敬", "新华社记者", "节日快乐"]),
])
def test_a_headline_is_no_byline_and_breaks_between_its_words(book: FontBook, headline: str, chars: int,
                                                              lines: list[str]) -> None:
    """A headline whose phrase ends in 记者 or 通讯员 is no byline: it breaks where its words part (the byline's
    rules are the byline's: ``HeadText.credit``). Broken by hand, as a reader parts them."""
    size = 26.0  # pt (一号)
    head = HeadText(headline, size, "hei_bold", "left")
    found, _ = balanced_head(headline, head, Setting(book, Typography()), chars * size)
    assert [line.text.strip() for line in found] == lines, [line.text for line in found]


SIGN_OFFS = ["本报记者 尼格买提·热合曼 李明远", "本报记者 阿卜杜拉·买买提 实习生 Zhang Wei 摄",
             "新华社记者 欧阳春晓 司马相如 摄", "通讯员 Anna Smith Peter Brown"]


@pytest.mark.expect_warnings
@pytest.mark.parametrize("chars", [9, 11, 13])
def test_a_credit_and_a_sign_off_keep_roles_and_names_whole(tmp_path: Path, book: FontBook, chars: int) -> None:
    """A photo's credit and an article's ``byline_end`` (set as display copy, not as running text) break only
    between names, or after a role too long to share a line with its name; never inside a name (热合|曼,
    Zhang / Wei) or a role (本报 / 记者), never before the closing 摄."""
    blocks = "".join(
        f"      - type: photo\n        id: p{k}\n        at: {{column: {2 * k + 1}, span: 1, line: 1, lines: 12}}\n"
        f"        caption: （测试）图片说明。\n        credit: {text}\n"
        f"      - type: article\n        id: a{k}\n        at: {{column: {2 * k + 2}, span: 1, line: 1, lines: 12}}\n"
        f"        body:\n          - （测试）正文。\n          - byline_end: {text}\n"
        for k, text in enumerate(SIGN_OFFS))
    (tmp_path / "t.yaml").write_text(head("broadsheet", f"columns: 8, chars: {chars}, body_size: 小五") + blocks,
                                     encoding="utf-8")
    issue, _ = clean_issue(load_issue(tmp_path / "t.yaml"))
    doc, _ = typeset(issue, book)
    for k, text in enumerate(SIGN_OFFS):
        for block in (f"p{k}", f"a{k}"):
            lines = [i.text.replace("\u3000", " ").strip() for i in doc.pages[0].items
                     if getattr(i, "block", "") == block and hasattr(i, "glyphs")]
            drawn = [line.replace(" ", "") for line in lines]
            whole, solid = "".join(drawn), text.replace(" ", "")
            first = whole.index(solid)  # (a credit may start on its caption's last line)
            pieces = text.split()
            ends = {first + sum(len(p) for p in pieces[:n]) for n in range(len(pieces) + 1)}  # (the spaces' places)
            pos = 0
            for line in drawn[:-1]:
                pos += len(line)
                if first < pos < first + len(solid):
                    assert pos in ends, (block, lines)  # (only where a space was: no name nor role parted)
                    assert whole[pos:first + len(solid)] != "摄", (block, lines)  # (摄 not alone)


@pytest.mark.parametrize("room", [50, 60, 70, 80, 90, 100])
def test_a_vertical_byline_keeps_its_names_and_credits_whole(book: FontBook, room: int) -> None:
    """A 竖排 head's byline flowed into columns (``vertical._flow``) breaks between names or roles, never inside a
    name (李|明远, a review's) nor inside 文/图."""
    from layout.flow.vertical import _flow, set_column

    for text in ("新华社记者 李明远 欧阳春晓", "本报记者 马丽娟 通讯员 郑国强 文/图"):
        head = HeadText(text, 10.0, "kai", "left", credit=True)
        pieces = [piece.strip() for piece in _flow(text, frozenset(), set_column(text, head, book, "auto", 0.0), room,
                                                   True)]
        words = text.split()
        assert all(piece.split() and all(w in words for w in piece.split()) for piece in pieces), pieces
