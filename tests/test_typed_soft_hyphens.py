"""Soft hyphens typed in the copy (U+00AD, a discretionary hyphen: where the designer or the
editor says a word may break) are the word's break points (issue 12, polish round).

Properties on the set glyphs and on the PDF, on the real fonts:
- a word holding typed soft hyphens breaks only there (never at a dictionary point), drawn as
  a hyphen glyph at the line's end; inside a line it is nothing (no glyph, no width: the letters
  on either side abut as in the word typed without it);
- copy cleaning keeps a soft hyphen typed inside a word of body copy and removes (and counts)
  any other: one in a headline, one beside a space or an ideograph;
- the PDF's text reads each word whole, and the lines copy out as the source.

Copy written for this test (placeholders, not news).
"""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pytest

from layout.frame import TextLine
from layout.issue.load import load_issue
from layout.issue.model import ArticleBlock, Paragraph, Typography
from layout.page import typeset
from layout.render.pdf import write_pdf
from layout.text.clean import clean_issue, clean_text
from layout.text.font import FontBook
from layout.text.paragraph import set_paragraph
from layout.text.prepare import TextStyle
from layout.text.wordbreak import hyphen_points
from tests.onepage import head

SIZE = 9.0
SHY = "\u00ad"
#: words with the editor's breaks, each unlike the dictionary's (cor-re-spon-dence, trans-con-ti-nen-tal)
WORDS = {"Transcontinental": (5,), "correspondence": (5,), "manufacturing": (4,), "photolithography": (5, 10)}
COPY = (
    "馆方表示，Trans\u00adcontinental railway archives与manu\u00adfacturing corre\u00adspondence均已扫描，"
    "研究者可在线申请查阅。",
    "The institute licensed its photo\u00adlitho\u00adgraphy process to three manu\u00adfacturing partners; "
    "their corre\u00adspondence is archived.",
    "据介绍，photo\u00adlitho\u00adgraphy设备的交付周期约为18个月，Trans\u00adcontinental物流公司负责运输。",
)
STYLES = {"line_end_half": Typography(), "quanjiao": Typography(punctuation="quanjiao"),
          "char_grid": Typography(char_grid=True)}


def test_the_editors_breaks_are_not_the_dictionarys() -> None:
    for word, typed in WORDS.items():  # (else the test could not tell the two apart)
        assert set(typed) != {p + 1 for p in hyphen_points(word)}, word


def _ends_inside(text: str, lines: list[str]) -> list[tuple[str, int]]:
    """(word, letters before the break) of each line end inside one of ``WORDS``: the lines'
    copy (``lines``, drawn hyphens dropped) read back against the copy typed."""
    plain = text.replace(SHY, "")
    out, at = [], 0
    for line in lines[:-1]:
        at += len(line.replace(" ", ""))
        squeezed = plain.replace(" ", "")
        for word in WORDS:
            start = squeezed.find(word, max(0, at - len(word)))
            while start >= 0 and start < at:
                if start < at < start + len(word):
                    out.append((word, at - start))
                start = squeezed.find(word, start + 1)
    return out


@pytest.mark.expect_warnings  # (narrow columns: loose lines, reported)
@pytest.mark.parametrize("style", list(STYLES))
def test_a_word_with_typed_soft_hyphens_breaks_only_there(book: FontBook, style: str) -> None:
    broken = 0
    for text in COPY:
        for chars in range(9, 19):
            para = set_paragraph([(text, TextStyle("song", SIZE))], book, STYLES[style], chars * SIZE, 2 * SIZE)
            texts = [line.text for line in para.lines]
            for line in texts:
                assert SHY not in line[:-1], (chars, line)  # never drawn inside a line
            assert "".join(t.replace(" ", "").removesuffix(SHY) for t in texts) == text.replace(SHY, "").replace(
                " ", "")  # nothing lost, nothing added
            ends = _ends_inside(text, [t.removesuffix(SHY) for t in texts])
            for word, k in ends:
                assert k in WORDS[word], (style, chars, word, k)
            hyphened = [t for t in texts[:-1] if t.endswith(SHY)]
            assert len(hyphened) >= len(ends)  # each such end drawn with its hyphen
            broken += len(ends)
    assert broken >= 8


def test_inside_a_line_a_typed_soft_hyphen_takes_no_room(book: FontBook) -> None:
    """Set on one wide line, the copy with soft hyphens is glyph for glyph the copy without."""
    for text in COPY:
        typed, plain = (set_paragraph([(t, TextStyle("song", SIZE))], book, Typography(), 80 * SIZE, 0.0, "left")
                        for t in (text, text.replace(SHY, "")))
        assert len(typed.lines) == len(plain.lines) == 1
        assert typed.lines[0].glyphs == plain.lines[0].glyphs


def test_copy_cleaning_keeps_them_in_body_copy_and_counts_the_rest() -> None:
    counts: Counter[str] = Counter()
    typo = Typography()
    assert clean_text("Trans\u00adcontinental", typo, counts, True) == "Trans\u00adcontinental"
    assert not counts
    assert clean_text("中\u00ad文 Trans\u00ad continental\u00ad", typo, counts, True) == "中文 Trans continental"
    assert counts == Counter({"U+00AD removed": 3})
    assert clean_text("Trans\u00adcontinental", typo, counts) == "Transcontinental"  # (not body copy)
    assert counts == Counter({"U+00AD removed": 4})


BLOCK = """      - type: article
        id: a
        at: {{column: 1, span: 1, line: 1, lines: 60}}
        headline: {{text: "Trans\\u00adcontinental 档案", size: 18pt}}
        body:
{body}
"""


@pytest.mark.expect_warnings
@pytest.mark.parametrize("grid", [False, True])
def test_the_pdf_reads_the_words_whole(book: FontBook, tmp_path: Path, grid: bool) -> None:
    body = "\n".join(f'          - "{text}"' for text in COPY).replace(SHY, "\\u00ad")
    source = head("{width: 300mm, height: 420mm}", "columns: 4, chars: 12, body_size: 9pt, leading: 14pt",
                  typography="char_grid: true" if grid else "") + BLOCK.format(body=body)
    path = tmp_path / "i.yaml"
    path.write_text(source, encoding="utf-8")
    issue, counts = clean_issue(load_issue(path))
    article = issue.pages[0].blocks[0]
    assert isinstance(article, ArticleBlock) and article.headline is not None
    assert article.headline.text == "Transcontinental 档案" and counts["U+00AD removed"] == 1  # heads: removed, counted
    runs = [run.text for p in article.body if isinstance(p, Paragraph) for run in p.runs]
    assert runs == list(COPY)  # body: kept
    doc, _ = typeset(issue, book)
    lines = [i for i in doc.pages[0].items if isinstance(i, TextLine) and i.block == "a" and i.kind == "body"]
    assert sum(i.text.endswith(SHY) for i in lines) >= 3
    assert all(SHY not in i.text.removesuffix(SHY) for i in lines)
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(write_pdf(doc, book.resources(doc.faces())))
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(raw.split())
    words = "".join("".join(COPY).replace(SHY, "").split())
    assert words in flat.replace(SHY, ""), flat  # (after the folio and the headline)
    for word in WORDS:  # whole in the copied text: a line-end hyphen is the soft one, no hard "-" in a word
        assert all(f"{word[:k]}-{word[k:]}" not in flat for k in range(1, len(word)))


@pytest.mark.expect_warnings
@pytest.mark.parametrize("style", sorted(STYLES))
def test_a_url_with_a_typed_soft_hyphen_takes_no_hyphen(book: FontBook, style: str) -> None:
    """Review Z1: a soft hyphen typed inside a URL or an e-mail address printed a hyphen at a line end
    (`https://exam-` / `ple.org`); an address breaks after its marks only, never with a hyphen."""
    copy = ("（占位稿）资料见https://archiv.stadt" + SHY + "verwaltung.example/bau" + SHY + "antrag/liste.html，"
            "或写信至bau" + SHY + "amt@ober" + SHY + "buergermeister.example询问。")
    for chars in range(6, 14):
        lines = [line.shown for line in set_paragraph([(clean_text(copy, STYLES[style], Counter(), True),
                                                       TextStyle("song", SIZE))], book, STYLES[style],
                                                     chars * SIZE, 2 * SIZE).lines]
        assert not any(line.endswith("-") for line in lines), (chars, lines)
        assert "".join(lines) == copy.replace(SHY, ""), (chars, lines)


def test_a_soft_hyphen_after_a_combining_accent_is_kept() -> None:
    """Review Z4: `e` + U+0301 + U+00AD (decomposed, as pasted) lost its break point."""
    changes: Counter[str] = Counter()
    assert clean_text("（占位稿）这份e\u0301" + SHY + "tude的作者", Typography(), changes, True) == \
        "（占位稿）这份\u00e9" + SHY + "tude的作者"
    assert "U+00AD removed" not in changes
