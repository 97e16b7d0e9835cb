"""Reservoirs the gazetteer does not know: the name before 水库 (东嘎水库, 大兴寨水库), told from a word (兴修水库)."""

from __future__ import annotations

import re
from govdoc_nlp.han import is_han

_RESERVOIR = re.compile("水库")
MAX_NAME = 4


def unknown_reservoirs(text: str, word_freq: dict[str, int], place_ends: set[int], stop_chars: str,
                       modifiers: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of the names before 水库 that are not common words (东嘎 in 开工建设东嘎水库, not 兴修 or 病险).

    The name runs back from 水库 to punctuation, a character no name holds (``stop_chars``: 的, 等, 座…), the end
    of a common word that is not a place name (建设 in 建设东嘎水库), or the end of a place found (``place_ends``:
    湖南椒花水库 → 椒花); ``word_freq`` is jieba's two-character words, negative for names; ``modifiers`` are words
    that say what kind of reservoir it is (病险, 小型), which jieba may not hold.
    """
    spans = []
    for m in _RESERVOIR.finditer(text):
        end = start = m.start()
        if word_freq.get(text[end - 2:end], 0) > 0 or text[end - 2:end] in modifiers:
            continue  # 兴修水库, 病险水库: a common word, not a name
        while (end - start < MAX_NAME and start > 0 and start not in place_ends and is_han(text[start - 1])
               and text[start - 1] not in stop_chars and word_freq.get(text[start - 2:start], 0) <= 0):
            start -= 1
        if end - start >= 2:
            spans.append((start, end))
    return spans
