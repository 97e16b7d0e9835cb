"""Which short county and town names are too common as words to be matched alone.

A short form such as 振兴 (振兴区) or 新兴 (新兴县) is first of all a verb or an adjective. jieba's general
dictionary tags every word with a part of speech; a short form it tags as anything but a noun is dropped
(the full name, 振兴区, is still matched).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

NON_NOUN_TAGS = frozenset({"v", "vn", "vd", "a", "ad", "an", "b", "d", "s", "f", "m", "q", "r", "p", "c", "u", "l", "i"})


@lru_cache(maxsize=1)
def common_non_nouns() -> frozenset[str]:
    """Two-to-three-character words jieba's dictionary tags as verbs, adjectives, adverbs and the like."""
    words = set()
    with resources.files("jieba").joinpath("dict.txt").open(encoding="utf-8") as src:
        for line in src:
            parts = line.split()
            if len(parts) == 3 and 2 <= len(parts[0]) <= 3 and parts[2] in NON_NOUN_TAGS:
                words.add(parts[0])
    return frozenset(words)
