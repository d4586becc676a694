"""Benchmark: time to prepare, break and set one long paragraph (issue 16, item 2).

Sets one paragraph of N characters (the seed's body copy repeated) in a 13-character
column and prints the time per size and per 1000 characters; a linear engine keeps
the per-1000 figure flat as N grows.

    python bench/long_paragraph.py [N ...]     (default: 16000 64000 200000)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(sizes: list[int]) -> None:
    """Print seconds and seconds per 1000 characters for each paragraph length."""
    from layout.issue.model import Typography
    from layout.text.font import default_book
    from layout.text.paragraph import set_paragraph
    from layout.text.prepare import TextStyle

    copy = (ROOT / "tests" / "data" / "seed-page.txt").read_text(encoding="utf-8").replace("\n", "")
    book = default_book()
    book.chain("song")  # load the face before timing
    for n in sizes:
        text = (copy * (n // len(copy) + 1))[:n]
        start = time.perf_counter()
        para = set_paragraph([(text, TextStyle("song", 9.0))], book, Typography(), 13 * 9.0, 18.0)
        took = time.perf_counter() - start
        print(f"{n:>8} characters  {took:7.2f} s  {1000 * took / n:6.3f} s per 1000  {len(para.lines)} lines")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [16000, 64000, 200000])
