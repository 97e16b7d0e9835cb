"""What the stages that find names the gazetteer lacks (route ends, listed features, water bodies, city groups) share:
the places found so far, and whether a string can be a place's name."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from govdoc_nlp.places.match_boundaries import Match

MIN_NAME, MAX_NAME = 2, 5


class FoundPlaces:
    """The places found so far (sorted (start, end) without overlaps), looked up by start, end or span."""

    def __init__(self, spans: list[Match]) -> None:
        self.spans = spans
        self.by_start = {s: e for s, e in spans}
        self.by_end = {e: s for s, e in spans}
        self._starts = [s for s, _ in spans]

    def __contains__(self, span: Match) -> bool:
        return self.by_start.get(span[0]) == span[1]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``start:end`` shares a character with a place found."""
        k = bisect_right(self._starts, end - 1) - 1
        return k >= 0 and self.spans[k][1] > start


@dataclass(frozen=True)
class NameFilter:
    """Whether a string can be a place's name: ``stop_chars`` (the name_stop_chars rows: 的, 和, 等, 以) never in
    one, nor any of ``words`` (facility and kind words: 机场, 水库), and a two-character name is not a common word."""

    stop_chars: str
    words: tuple[str, ...] = ()

    def __call__(self, name: str, word_freq: dict[str, int]) -> bool:
        if not MIN_NAME <= len(name) <= MAX_NAME or any(c in self.stop_chars for c in name):
            return False
        if len(name) == 2 and word_freq.get(name, 0) > 0:
            return False
        return not any(w in name for w in self.words)
