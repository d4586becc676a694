"""A code point table read lazily from two sorted arrays (a face's advances or glyph ids).

In:  two arrays of machine integers, code points (sorted) and their values, as the metrics
cache stores them (``layout.text.font._pack``). Out: ``CodeTable``, a dict that reads an
entry from the arrays the first time it is asked for.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any


class CodeTable(dict[int, int]):
    """Code point → int (an advance or a glyph id), read lazily from two arrays sorted by
    code point: the dict holds the code points asked for so far, so loading a face costs
    two array copies instead of building dicts of some 23 000 entries (a page asks for
    about 1 500). ``in``, ``[]``, ``get`` answer as the full dict would; iterating,
    ``len`` and comparing read the whole table first."""

    __slots__ = ("_keys", "_values", "_whole", "sibling")

    def __init__(self, keys: array[int], values: array[int]) -> None:
        super().__init__()
        self._keys, self._values, self._whole = keys, values, False
        self.sibling: CodeTable | None = None  # a table of the same code points (a face's advances and glyph ids)

    def _find(self, cp: int) -> int | None:
        """The value of ``cp`` from the arrays (remembered, and in ``sibling`` its own), or None."""
        k = bisect_left(self._keys, cp)
        if k < len(self._keys) and self._keys[k] == cp:
            value: int = self._values[k]
            dict.__setitem__(self, cp, value)
            if self.sibling is not None:  # (the glyph id of a character measured is asked for when it is drawn)
                dict.__setitem__(self.sibling, cp, self.sibling._values[k])
            return value
        return None

    def __missing__(self, cp: int) -> int:
        value = self._find(cp)
        if value is None:
            raise KeyError(cp)
        return value

    def __contains__(self, cp: object) -> bool:
        return dict.__contains__(self, cp) or (isinstance(cp, int) and self._find(cp) is not None)

    def get(self, cp: int, default: Any = None) -> Any:
        value = dict.get(self, cp)
        if value is None:
            value = self._find(cp)
        return default if value is None else value

    def any_in(self, low: int, high: int) -> bool:
        """Whether some code point from ``low`` to ``high`` (inclusive) is in the table,
        answered from the sorted code points without reading the table."""
        k = bisect_left(self._keys, low)
        return k < len(self._keys) and self._keys[k] <= high

    def whole(self) -> CodeTable:
        """The table with every entry read (for iterating over it)."""
        if not self._whole:
            self.update(zip(self._keys, self._values))
            self._whole = True
        return self

    def __iter__(self) -> Iterator[int]:
        return dict.__iter__(self.whole())

    def __len__(self) -> int:
        return dict.__len__(self.whole())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CodeTable):
            other = other.whole()
        return dict.__eq__(self.whole(), other)

    __hash__ = None

    def items(self) -> Any:
        return dict.items(self.whole())

    def keys(self) -> Any:
        return dict.keys(self.whole())

    def values(self) -> Any:
        return dict.values(self.whole())

    def __reduce__(self) -> Any:
        return dict, (dict(self.whole()),)
