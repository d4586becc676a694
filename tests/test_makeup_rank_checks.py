"""What a made page says of its stories' rank: photos of two stories touching, a lesser story's larger
photo, the 二条 low (``layout.makeup.rank_checks``), told to the desk as findings.

Pages are laid out by hand here (rectangles on an 8-column page of 106 lines, as an audit of new plans
found them: the 二条 under its own photo at line 79, two stories' photos edge to edge, the least important
story's photo nearly three times the lead's), and each finding is checked to appear where the page
breaks the rule and not where it keeps it (a column of text between the photos, the 二条 beside the lead).
"""

from __future__ import annotations

from typing import Any

from layout.issue.model import Placement
from layout.makeup.checks import Finding
from layout.makeup.plan import Story
from layout.makeup.rank_checks import rank_findings
from layout.makeup.search import Piece

ARTICLE = object()  # (a variant: the checks read only whether a piece is an article)


def _story(sid: str, priority: int) -> Story:
    return Story(sid, priority, f"stories[{priority}]", {}, priority, 1, lead=priority == 1, second=priority == 2)


def _article(story: Story, column: int, span: int, line: int, lines: int) -> Piece:
    return Piece(story, Placement(column, span, line, lines), ARTICLE)  # type: ignore[arg-type]


def _photo(story: Story, column: int, span: int, line: int, lines: int) -> Piece:
    return Piece(story, Placement(column, span, line, lines))


def _rules(pieces: list[Piece]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in rank_findings(1, tuple(pieces)):
        out.setdefault(f.rule, []).append(f)
    return out


def _page(second_line: int, fifth_photo: tuple[int, int]) -> list[Any]:
    """A lead across columns 1–4 with its photo, a 二条 in columns 5–6 from ``second_line`` under its photo
    (from line 10), a 三条 in 7–8 and a 五条 under the lead with its photo."""
    lead, second, third, fifth = _story("a", 1), _story("b", 2), _story("c", 3), _story("e", 5)
    return [_photo(lead, 1, 2, 10, 14), _article(lead, 1, 4, 24, 40),
            _photo(second, 5, 2, 10, second_line - 10), _article(second, 5, 2, second_line, 106 - second_line),
            _article(third, 7, 2, 10, 96),
            _photo(fifth, 1, fifth_photo[0], 64, fifth_photo[1]), _article(fifth, 1, 4, 64 + fifth_photo[1], 20)]


def test_a_page_that_keeps_the_ranks_has_no_finding() -> None:
    assert _rules(_page(second_line=30, fifth_photo=(2, 14))) == {}


def test_the_second_low_under_its_own_photo_is_found() -> None:
    found = _rules(_page(second_line=79, fifth_photo=(2, 14)))
    assert [f.text.split(":")[0] for f in found["second"]] == ["第1版 b"]
    assert "line 79" in found["second"][0].text


def test_the_second_right_under_a_deep_lead_is_not_low() -> None:
    """A lead running lines 10–63 with the 二条 under it from line 64 (a review found the check flagging the
    project's own plan-overfill so, and advising "under the lead")."""
    lead, second, third = _story("a", 1), _story("b", 2), _story("c", 3)
    pieces = [_article(lead, 1, 6, 10, 54), _article(second, 1, 6, 64, 43), _article(third, 7, 2, 10, 97)]
    assert "second" not in _rules(pieces)
    pieces[1] = _article(second, 1, 6, 67, 40)  # (three lines under it: a story between, or white)
    assert "second" in _rules(pieces)
    pieces = [_article(lead, 1, 3, 10, 54), _article(third, 4, 1, 10, 97), _article(second, 5, 4, 64, 43)]
    assert "second" in _rules(pieces)  # (under the lead's foot but in other columns: not under the lead)


def test_a_photo_s_width_is_its_widest() -> None:
    """A lead with a 4-column photo and a 1-column head shot, a 五条 with a 2-column photo larger than both
    together: not larger out of rank, the lead's picture being the wider (a second review: the last photo's
    width was read)."""
    lead, fifth = _story("a", 1), _story("e", 5)
    pieces = [_photo(lead, 1, 4, 10, 10), _photo(lead, 5, 1, 10, 4), _article(lead, 1, 5, 20, 30),
              _photo(fifth, 1, 2, 50, 35), _article(fifth, 3, 3, 50, 35)]
    assert "photo sizes" not in _rules(pieces)


def test_two_stories_photos_edge_to_edge_are_found_and_apart_are_not() -> None:
    lead, second = _story("a", 1), _story("b", 2)
    touching = [_photo(lead, 1, 2, 10, 14), _photo(second, 3, 2, 10, 14)]  # side by side
    under = [_photo(lead, 1, 2, 10, 14), _photo(second, 2, 2, 24, 10)]  # one over the other
    apart = [_photo(lead, 1, 2, 10, 14), _photo(second, 4, 2, 10, 14)]  # a column between them
    own = [_photo(lead, 1, 2, 10, 14), _photo(lead, 3, 2, 10, 14)]  # two photos of one story
    assert len(_rules(touching)["photos"]) == 1 and len(_rules(under)["photos"]) == 1
    assert "photos" not in _rules(apart) and "photos" not in _rules(own)


def test_a_lesser_storys_photo_much_larger_than_the_leads_is_found() -> None:
    found = _rules(_page(second_line=30, fifth_photo=(4, 20)))  # 80 cells, the lead's 28
    assert [f.text.split(":")[0] for f in found["photo sizes"]] == ["第1版 e"]
    assert "than that of a, b, more important" in found["photo sizes"][0].text
    assert "photo sizes" not in _rules(_page(second_line=30, fifth_photo=(3, 13)))  # 39
    assert "photo sizes" not in _rules(_page(second_line=30, fifth_photo=(2, 40)))  # as wide: its picture's aspect
