"""Look up spans by offset in logarithmic time, so no stage of extraction is
quadratic in the number of references on long or hostile text."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate
from typing import Generic, Protocol, TypeVar


class _Spanned(Protocol):
    # read-only, so frozen dataclasses match
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=_Spanned)


class SpanIndex(Generic[T]):
    """Items with ``start``/``end``, sorted by start."""

    def __init__(self, items: Iterable[T]):
        self.items = sorted(items, key=lambda i: (i.start, i.end))
        self._starts = [i.start for i in self.items]
        self._reach = list(accumulate((i.end for i in self.items), max))  # furthest end so far

    def starting_in(self, start: int, end: int) -> list[T]:
        """Items whose start lies in ``[start, end)``."""
        return self.items[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def within(self, start: int, end: int) -> list[T]:
        """Items wholly inside ``[start, end)``."""
        return [i for i in self.starting_in(start, end) if i.end <= end]

    def overlaps(self, start: int, end: int) -> bool:
        """Some item overlaps ``[start, end)``, however long the items are."""
        i = bisect_left(self._starts, end) - 1  # the last item starting before ``end``
        return i >= 0 and self._reach[i] > start

    def covers(self, offset: int) -> bool:
        """Some item holds ``offset`` (an earlier, longer item too, not only the last one)."""
        return self.overlaps(offset, offset + 1)

    def starting_at(self, offset: int) -> list[T]:
        return self.starting_in(offset, offset + 1)
