"""Groupings written as runs of one-character province names (沪苏浙, 闽粤港澳, 晋冀鲁豫)."""

from __future__ import annotations

import re
from functools import lru_cache

MIN_GROUPING = 3  # two characters are too often a word of their own (辽宁, 新青年)


@lru_cache(maxsize=4)
def _grouping_pattern(chars: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(chars)}]{{{MIN_GROUPING},}}")


def province_groupings(text: str, chars: str, word_starts: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of three or more one-character province names in a row; a last character that starts the next word
    (``word_starts``: 台港澳青少年 → 台港澳) is left out."""
    spans = []
    for m in _grouping_pattern(chars).finditer(text):
        start, end = m.span()
        if text[end - 1:end + 1] in word_starts:
            end -= 1
        if end - start >= MIN_GROUPING:
            spans.append((start, end))
    return spans
