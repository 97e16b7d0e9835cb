"""Names in a 、-list of features of one kind (南湾、薄山、佛子岭、梅山等四个大型水库; 洪河、汝河、濉河、北淝河等主要支流):
places the gazetteer may lack, which the feature word after the list shows to be names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from govdoc_nlp.han import is_han

MAX_ITEM = 5
COUNT = r"(?:[0-9一二三四五六七八九十两几]+[个座条处])?"


@dataclass(frozen=True)
class FeatureWords:
    """The place_rules.tsv rows a feature list is read by: ``feature_word`` (the kind: 水库, 支流, 口岸, 电站),
    ``feature_modifier`` (words between the list and its kind: 大型, 主要, 抽水蓄能); ``route_stop_chars``
    (characters no name holds) and ``org_suffix`` (words no name holds) as for routes."""

    words: tuple[str, ...]
    modifiers: tuple[str, ...]
    stop_chars: str
    facility_words: tuple[str, ...] = ()

    def pattern(self) -> re.Pattern[str]:
        """A list of two or more items, then 等, a count or a modifier (group 2), then the feature word (the
        first item is cut later)."""
        item = f"[^\\W\\d_、{re.escape(self.stop_chars)}]"
        alternatives = lambda rows: "|".join(map(re.escape, sorted(rows, key=len, reverse=True)))
        modifier = f"(?:{alternatives(self.modifiers)})?" if self.modifiers else ""
        return re.compile(f"({item}{{2,12}}(?:、{item}{{2,{MAX_ITEM}}}?)+)(等?{COUNT}{modifier})"
                          f"(?:{alternatives(self.words)})")


def listed_feature_names(text: str, place_spans: list[tuple[int, int]], words: FeatureWords,
                         pattern: re.Pattern[str], word_freq: dict[str, int],
                         knows: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Spans of the list items that are names not already among ``place_spans``: 2–4 characters, a division's
    name (``knows``: 常熟) or not a common two-character word (``word_freq``: jieba's, negative for names) nor,
    with four characters, ending in one (保税仓库), no stop character or facility word; an item
    that starts with a place found keeps what follows it (上海外高桥 → 外高桥); the first item starts after the
    last common word before it (建成南湾 → 南湾)."""
    ends = {e: s for s, e in place_spans}
    starts = {s: e for s, e in place_spans}
    found = []
    for m in pattern.finditer(text):
        if not m.group(2):
            continue  # 航空口岸, 江河湿地: an item of its own, not a list's kind
        pos = m.start(1)
        for k, item in enumerate(m.group(1).split("、")):
            start, end = pos, pos + len(item)
            pos = end + 1
            if k == 0:
                start = _after_last_word(text, start, end, ends, word_freq)
            while start in starts and starts[start] < end:
                start = starts[start]
            if (start, end) in place_spans or not 2 <= end - start <= 4:
                continue
            name = text[start:end]
            if (word_freq.get(name[-2:] if len(name) == 4 else name, 0) > 0 and len(name) != 3 and not knows(name)) or any(c in words.stop_chars for c in name) \
                    or any(w in name for w in words.facility_words + words.words):
                continue
            found.append((start, end))
    return found


def _after_last_word(text: str, start: int, end: int, ends: dict[int, int], word_freq: dict[str, int]) -> int:
    """Where the first item's name starts: the shortest tail of two to four characters that follows a common
    word, punctuation or a place found (or the whole item when none does)."""
    for size in range(2, min(4, end - start) + 1):
        begin = end - size
        if begin == start or begin in ends or not is_han(text[begin - 1]) or word_freq.get(text[begin - 2:begin], 0) > 0:
            return begin
    return start
