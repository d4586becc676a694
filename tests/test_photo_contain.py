"""A photo fitted whole (``fit: contain``) stands at the top of its slot with its caption right under it (an
audit: in a slot 2 columns × 30 lines a landscape picture was centred and its caption set at the slot's foot,
35 mm below it, with no word said). The white left under the caption is warned of. The pictures are made here
(flat colour); read from the frame's image and caption positions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from layout.frame import ImageItem, TextLine
from layout.page import typeset_file
from layout.text.font import FontBook
from tests.onepage import head


def _page(tmp_path: Path, book: FontBook, size: tuple[int, int], lines: int, fit: str = "contain") -> tuple[
        ImageItem, list[TextLine], float]:
    """A photo of ``size`` pixels in a slot 2 columns × ``lines`` with a caption: its image, caption lines, pitch."""
    Image.new("RGB", size, (90, 120, 150)).save(tmp_path / "p.png")
    (tmp_path / "t.yaml").write_text(
        head("tabloid", "columns: 6, chars: 11, body_size: 小五, leading: 13.5pt")
        + f"      - type: photo\n        id: ph\n        image: p.png\n        fit: {fit}\n"
          f"        at: {{column: 1, span: 2, line: 3, lines: {lines}}}\n"
          "        caption: （测试）图片说明文字，不是新闻。\n        credit: 本报记者 龙舟 摄\n", encoding="utf-8")
    _, doc, _ = typeset_file(tmp_path / "t.yaml", book)
    items = doc.pages[0].items
    image = next(i for i in items if isinstance(i, ImageItem))
    caption = [i for i in items if isinstance(i, TextLine) and i.block == "ph" and i.kind == "caption"]
    return image, caption, 13.5


@pytest.mark.expect_warnings
def test_a_landscape_picture_in_a_deep_slot_has_its_caption_right_under_it(
        tmp_path: Path, book: FontBook, caplog: pytest.LogCaptureFixture) -> None:
    image, caption, pitch = _page(tmp_path, book, (1200, 500), 30)
    first = min(line.baseline for line in caption)
    assert first - (image.y + image.h) < 2 * pitch  # (the caption's first baseline a line under the picture)
    said = [r.getMessage() for r in caplog.records if "fit: contain" in r.getMessage()]
    assert len(said) == 1 and "stay white under the caption" in said[0], said


@pytest.mark.parametrize(("size", "lines"), [((500, 1200), 24), ((1000, 1000), 13)])
def test_a_picture_that_fills_its_slot_keeps_its_caption_at_the_foot(tmp_path: Path, book: FontBook,
                                                                      size: tuple[int, int], lines: int) -> None:
    image, caption, pitch = _page(tmp_path, book, size, lines)
    first = min(line.baseline for line in caption)
    assert first - (image.y + image.h) < 2 * pitch
    last = max(line.baseline for line in caption)
    assert last > image.y + (lines - 3) * pitch  # (at the slot's foot, nothing moved: no warning either)
