"""PhraseIndex: leftmost-longest search for many literal phrases at once (Aho-Corasick, via pyahocorasick)."""

from __future__ import annotations

from typing import Iterable

import ahocorasick


class PhraseIndex:
    """An immutable set of phrases searchable in one pass over a text."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.automaton = ahocorasick.Automaton()
        count = 0
        for phrase in phrases:
            if phrase and self.automaton.add_word(phrase, len(phrase)):
                count += 1
        self.size = count
        if count:
            self.automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) matches, scanning left to right and taking the longest at each start."""
        if not self.size or not text:
            return []
        return [(end + 1 - length, end + 1) for end, length in self.automaton.iter_long(text)]
