"""Bad input an audit found taken without a word: each is now read as the editor meant it, or said
with its file, line and key. Placeholder copy written for the tests (not news)."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.issue.load import load_issue
from tests.test_hostile import run

HEAD = """banmian: 1
issue: {paper: 测试报, date: 2026-01-20}
pages:
  - number: 1
    blocks:
"""
TABLE = """      - type: table
        id: t
        at: {column: 1, span: 3, line: 1, lines: 30}
        columns: [项目, =]
        rows:
          - [甲, =]
          - - 乙
            - =
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "i.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_equals_sign_in_a_cell_is_the_text_typed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A lone ``=`` (YAML 1.1's "value" type, which the reader could not build: a jargon error naming a tag)
    is text, as typed, in a table's heads and cells and wherever text is taken."""
    table = load_issue(_write(tmp_path, HEAD + TABLE)).pages[0].blocks[0]
    assert [c.head for c in table.columns] == ["项目", "="]  # type: ignore[attr-defined]
    assert table.rows == (("甲", "="), ("乙", "="))  # type: ignore[attr-defined]
    code, err = run(tmp_path, HEAD + TABLE, capsys)
    assert code == 0 and "tag" not in err, err


def _jumped(headline: str, own: str = "", jump: str = "") -> str:
    """An issue whose article ``a`` (``headline``) jumps to ``b`` on page 2 (``own``: ``b``'s keys besides
    ``continues``; ``jump``: the item after its paragraph), up to ``b``'s last line."""
    return HEAD + f"""      - type: article
        id: a
        at: {{column: 1, span: 3, line: 1, lines: 30}}
        headline: {headline}
        body: ["正文第一段。", {{jump: b}}]
  - number: 2
    blocks:
      - type: article
        id: b
        at: {{column: 1, span: 3, line: 1, lines: 30}}
        continues: a
{own}        body: ["正文第二段。"{jump}]
"""


TWO_PAGES = _jumped("标题") + """      - type: article
        id: a
        at: {column: 4, span: 3, line: 1, lines: 30}
        headline: 另一篇
        body: ["正文。"]
"""


def test_a_block_id_used_on_two_pages_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Ids name one block in the issue (``continues: a`` and ``{jump: b}`` find blocks by them): a second
    page's ``a`` was taken, and ``continues: a`` found whichever came first."""
    code, err = run(tmp_path, TWO_PAGES, capsys)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert "i.yaml:19 pages[1].blocks[1].id: block id 'a' is already used on page 1 (line 7)" in err, err
    assert run(tmp_path, TWO_PAGES.replace("id: a\n        at: {column: 4", "id: a2\n        at: {column: 4"),
               capsys)[0] == 0


def _legs(tmp_path: Path, own: str) -> list[str | None]:
    """The headline each leg of a three-page story is set under, leg 2 given ``own`` keys."""
    text = _jumped("第一部分的长标题", own, ", {jump: c}") + """  - number: 3
    blocks:
      - type: article
        id: c
        at: {column: 1, span: 3, line: 1, lines: 30}
        continues: b
        body: ["正文第三段。"]
"""
    issue = load_issue(_write(tmp_path, text))
    return [getattr(p.blocks[0].headline, "text", None) for p in issue.pages]


def test_a_continuation_s_own_jump_head_is_its_head(tmp_path: Path) -> None:
    """``jump_head`` on a continuation (转版续文) was not read: it was set under the first part's head."""
    assert _legs(tmp_path, "") == ["第一部分的长标题"] * 3
    assert _legs(tmp_path, "        jump_head: 续：短标题\n") == ["第一部分的长标题", "续：短标题", "第一部分的长标题"]


@pytest.mark.expect_warnings
def test_a_jump_head_under_a_continuation_s_own_headline_is_said(tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    assert _legs(tmp_path, "        headline: 续篇\n        jump_head: 续：短标题\n")[1] == "续篇"
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and "i.yaml:18 pages[1].blocks[0].jump_head: " in said[0], said
    assert "not printed" in said[0] and "headline" in said[0], said


def test_preview_removes_its_own_pages_no_longer_in_the_issue(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """A page taken out of the issue left its old ``page-3.png`` beside the new previews, as if current.
    Only the preview's own page files of pages not in the issue go: nothing else in the folder."""
    from layout import cli

    page = """  - number: N
    blocks:
      - type: article
        id: aN
        at: {column: 1, span: 3, line: 1, lines: 30}
        body: ["正文。"]
"""
    issue, out = tmp_path / "i.yaml", tmp_path / "prev"
    head = HEAD.split("  - number", 1)[0]
    issue.write_text(head + "".join(page.replace("N", str(n)) for n in (1, 2, 3)), encoding="utf-8")
    assert cli.main(["preview", str(issue), "-o", str(out), "--dpi", "20", "--quiet"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["page-1.png", "page-2.png", "page-3.png"]
    keep = ["page-3.png.bak", "page-03.png", "page-x.png", "notes.txt", "page-7.PNG"]
    for name in keep:
        (out / name).write_text("mine", encoding="utf-8")
    (out / "page-9.png").mkdir()
    (out / "page-8.png").symlink_to(tmp_path / "i.yaml")
    issue.write_text(head + "".join(page.replace("N", str(n)) for n in (1, 2)), encoding="utf-8")
    assert cli.main(["preview", str(issue), "-o", str(out), "--dpi", "20", "--page", "1"]) == 0
    assert "page-3.png" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == sorted(["page-1.png", "page-2.png", "page-8.png", "page-9.png",
                                                            *keep])
    assert issue.exists() and all((out / name).read_text(encoding="utf-8") == "mine" for name in keep)


ARTICLE = HEAD + """      - type: article
        id: a
        at: {column: 1, span: 3, line: 1, lines: 20}
        kicker: 引题
        headline: 标题
        subhead: 副题
        byline: 本报记者 张三
        body:
          - 正文第一段。
          - byline_end: 本报记者 李四
      - type: photo
        id: p
        at: {column: 4, span: 3, line: 1, lines: 20}
        label: 照片
        caption: 图片说明。
        credit: 本报记者 摄
      - type: quote
        id: q
        at: {column: 1, span: 3, line: 21, lines: 8}
        text: 引语。
        attribution: 某某
        wrap: false
      - type: sidebar
        id: s
        of: a
        at: {column: 4, span: 3, line: 21, lines: 12}
        heading: 相关链接
        body: [链接正文。]
      - type: briefs
        id: b
        at: {column: 1, span: 3, line: 29, lines: 12}
        heading: 简讯
        items: [{lead: 甲地, text: 简讯正文。}]
      - type: table
        id: t
        at: {column: 4, span: 3, line: 33, lines: 12}
        title: 表题
        columns: [项目, {head: 数值}]
        rows: [[甲, 1]]
        source: 资料来源：某处
      - type: index
        id: i
        at: {column: 1, span: 3, line: 41, lines: 8}
        heading: 导读
        items: [导读一]
"""
#: Every key that takes one text that is printed: the text it holds above, and its line.
COPY_KEYS = ["kicker: 引题", "headline: 标题", "subhead: 副题", "byline: 本报记者 张三", "byline_end: 本报记者 李四",
             "label: 照片", "caption: 图片说明。", "credit: 本报记者 摄", "attribution: 某某", "heading: 相关链接",
             "heading: 简讯", "lead: 甲地", "title: 表题", "{head: 数值}", "source: 资料来源：某处", "heading: 导读"]


@pytest.mark.expect_warnings
@pytest.mark.parametrize("typed", ["null", "~", "", "Null"])
@pytest.mark.parametrize("copy", COPY_KEYS)
def test_a_copy_key_written_with_no_text_is_said(tmp_path: Path, caplog: pytest.LogCaptureFixture, copy: str,
                                                  typed: str) -> None:
    """``headline: null`` (or ``~``, or nothing after the colon) is no text to YAML: the head was left out
    and nothing said. It is now a warning naming the file, line and key, and saying how to print the word."""
    key, text = copy.strip("{}").split(": ")
    line = next(i for i, x in enumerate(ARTICLE.split("\n"), 1) if copy in x)
    at_end = ARTICLE.split("\n")[line - 1].endswith(copy)  # (no space left after a colon at a line's end)
    typed_in = copy.replace(text, typed).rstrip() if at_end else copy.replace(text, typed)
    issue = load_issue(_write(tmp_path, ARTICLE.replace(copy, typed_in, 1)))
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and f"i.yaml:{line} pages[0].blocks[" in said[0], said
    assert f".{key}: is empty: no " in said[0] and "is printed" in said[0] and "('null')" in said[0], said
    whole = load_issue(_write(tmp_path, ARTICLE))
    assert repr(issue.pages[0]).count(text) == repr(whole.pages[0]).count(text) - 1  # (left out)
    caplog.clear()
    load_issue(_write(tmp_path, ARTICLE.replace(copy, copy.replace(text, "'null'"), 1)))
    assert caplog.records == []  # (quoted: the word, printed)


@pytest.mark.parametrize("typed", ["null", "~", "", "NULL"])
@pytest.mark.parametrize(("item", "path"), [
    ("          - 正文第一段。", "blocks[0].body[0]"), ("[链接正文。]", "blocks[3].body[0]"),
    ("[导读一]", "blocks[6].items[0]"), ("items: [{lead: 甲地, text: 简讯正文。}]", "blocks[4].items[0]")])
def test_an_item_of_a_list_of_copy_with_no_text_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            item: str, path: str, typed: str) -> None:
    """A paragraph ``- null`` (or ``- ~``, or a dash alone) was a message in jargon (expected a mapping, got
    nothing), or in a sidebar or masthead none naming the item."""
    line = next(i for i, x in enumerate(ARTICLE.split("\n"), 1) if x.endswith(item))
    if item.startswith("          - "):
        changed = f"          - {typed}".rstrip() + "\n          - 第二段。"
    elif item.startswith("items: [{"):
        changed = "items:\n          - " + typed
    elif typed:
        changed = f"[{typed}, 第二段。]"
    else:  # (a flow list has no empty item: [a, ] is [a])
        changed, path, line = "\n          - 第二段。\n          -", path.replace("[0]", "[1]"), line + 2
    code, err = run(tmp_path, ARTICLE.replace(item, changed, 1), capsys)
    assert code == 2 and err.count("\n") == 1, err
    assert f"i.yaml:{line + (1 if item.startswith('items: [{') else 0)} pages[0].{path}: " in err, err
    assert "is empty" in err and "('null')" in err and "delete" in err, err


def test_a_masthead_note_with_no_text_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    masthead = HEAD + """      - type: masthead
        id: m
        at: {column: 1, span: 3, line: 1, lines: 12}
        notes:
          - 本报地址
          - ~
"""
    code, err = run(tmp_path, masthead, capsys)
    assert code == 2 and "i.yaml:11 pages[0].blocks[0].notes[1]: this line is empty" in err, err


SEPARATED = HEAD + """      - type: article
        id: a
        at: {column: 1, span: 3, line: 1, lines: 30}
        headline: 第一行\u2028第二行
        kicker: "引题\u2029第二行"
        subhead: "副题\\u2028第二行"
        body: [正文\u2028第一段。, "第二\\u2029段。"]
        byline: 本报记者
"""


def test_a_line_separator_is_a_line_break_and_keeps_every_line_number(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """U+2028 and U+2029 (typed raw or as an escape) are line breaks, as ``\\n`` is: a forced break in a head,
    a space in a paragraph. Typed raw, they were line ends to the YAML reader: each line number below one was
    off, and a plain value holding one was a syntax error."""
    article = load_issue(_write(tmp_path, SEPARATED)).pages[0].blocks[0]
    heads = [article.headline, article.kicker, article.subhead]  # type: ignore[attr-defined]
    assert [h.text for h in heads] == ["第一行\n第二行", "引题\n第二行", "副题\n第二行"]
    assert [p.runs[0].text for p in article.body] == ["正文 第一段。", "第二 段。"]  # type: ignore[attr-defined]
    code, err = run(tmp_path, SEPARATED + "        byline: 又一个\n", capsys)
    assert code == 2 and "i.yaml:14 pages[0].blocks[0].byline: this key appears twice" in err, err


@pytest.mark.expect_warnings
@pytest.mark.parametrize("char", ["\x07", "\x0b", "\x1f", "\x7f", "\x85", "\x9c"])
def test_a_control_character_is_removed_and_said_with_its_line(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                               capsys: pytest.CaptureFixture[str], char: str) -> None:
    """A control character (a word processor's line break U+000B, a C1 character from text read in the wrong
    encoding) typed raw made the whole file refused with a position, not a line; typed as an escape it was
    removed and only counted. Either way it is now removed and said: file, line, key, code point."""
    code = f"U+{ord(char):04X}"
    text = SEPARATED.replace("byline: 本报记者", f"byline: 本报{char}记者") + f"        # a note{char}\n"
    text = text.replace('"第二\\u2029段。"', f'"第二\\x{ord(char):02x}段。"')
    article = load_issue(_write(tmp_path, text)).pages[0].blocks[0]
    assert article.byline == "本报记者" and article.body[1].runs[0].text == "第二段。"  # type: ignore[attr-defined]
    said = sorted(r.getMessage() for r in caplog.records)
    assert len(said) == 3, said
    assert f"/i.yaml:12 pages[0].blocks[0].body[1]: control character {code} removed" in said[0], said
    assert f"/i.yaml:13 pages[0].blocks[0].byline: control character {code} removed" in said[1], said
    assert f"/i.yaml:14: control character {code} removed" in said[2], said  # (in a comment)
    assert "type what was meant" in said[0]
    caplog.clear()
    assert run(tmp_path, text, capsys)[0] == 0


def test_a_plan_s_story_with_no_byline_text_is_said_once(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Make-up reads a story again for each width it tries, in each process: the warning is the plan's, once
    (and the written issue's, when it is checked)."""
    from layout import cli
    from tests.test_makeup_plan import PLAN

    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.replace("    priority: 1\n", "    priority: 1\n    byline: ~\n"), encoding="utf-8")
    assert cli.main(["makeup", str(plan), "-o", str(tmp_path / "out.yaml"), "--jobs", "2"]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "byline: is empty" in line]
    where = [line.split(" ", 2)[1].rsplit("/", 1)[1] for line in said]
    assert len(where) == 2 and where[0] == "plan.yaml:10" and where[1].startswith("out.yaml:"), said


@pytest.mark.expect_warnings
def test_a_key_that_is_another_once_its_control_character_is_removed_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``"te\\x07xt"`` beside ``text``: cleaned, it replaced the first key's value, silently (a review): refused as a
    key written twice, at its line."""
    quote = HEAD + ("      - type: quote\n        id: q\n        at: {column: 1, span: 3, line: 1, lines: 8}\n"
                    "        text: 第一段引语\n        \"te\\x07xt\": 第二段引语\n")
    code, err = run(tmp_path, quote, capsys)
    assert code == 2 and "i.yaml:10 pages[0].blocks[0].te" in err and "this key appears twice: 'text'" in err, err
