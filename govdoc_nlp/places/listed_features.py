"""Names in a 、-list of features of one kind (南湾、薄山、佛子岭、梅山等四个大型水库; 洪河、汝河、濉河、北淝河等主要支流):
places the gazetteer may lack, which the kind after the list shows to be names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from govdoc_nlp.han import CHINESE_NUMERALS, is_han
from govdoc_nlp.places.match_boundaries import Match
from govdoc_nlp.places.unknown_names import FoundPlaces, NameFilter

MAX_ITEM = 4  # characters of a listed name
MAX_ITEM_RUN = 5  # characters of an item after the first (上海外高桥: a place and a name)
MAX_FIRST_RUN = 12  # characters the first item's run is read back over, before its name is cut from it


@dataclass(frozen=True)
class FeatureKinds:
    """The place_rules.tsv rows a feature list is read by: ``feature_word`` (the kind: 水库, 支流, 口岸, 电站),
    ``feature_modifier`` and ``reservoir_modifier`` (words between a list and its kind: 大型, 主要, 抽水蓄能) and
    ``count_word`` (what a count counts: 个, 座, 处)."""

    words: tuple[str, ...]
    modifiers: tuple[str, ...]
    count_words: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "modifiers", tuple(sorted(self.modifiers, key=len, reverse=True)))  # longest first

    def kind_pattern(self) -> re.Pattern[str]:
        """Any feature word (longest first)."""
        return re.compile("|".join(map(re.escape, sorted(self.words, key=len, reverse=True))))

    def count_pattern(self) -> re.Pattern[str]:
        """A count right before what follows it (四个, 4座)."""
        return re.compile(f"[0-9{CHINESE_NUMERALS}]+[{re.escape(self.count_words)}]$")


def listed_feature_names(text: str, found: FoundPlaces, kinds: FeatureKinds, patterns: tuple[re.Pattern[str], ...],
                         is_name: NameFilter, word_freq: dict[str, int], knows: Callable[[str], bool]) -> list[Match]:
    """Spans of the names in every 、-list of two or more items followed by 等, a count or a modifier and then a
    feature word (``patterns``: :meth:`FeatureKinds.kind_pattern` and :meth:`FeatureKinds.count_pattern`); without
    one of those the list is of kinds (航空口岸, 虚拟电厂). A name is 2–4 characters, not a place ``found``, a
    division's name (``knows``: 常熟) or a name to ``is_name``; four characters ending in a common word are not one
    (保税仓库). An item that starts with a place found keeps what follows (上海外高桥 → 外高桥); the first item
    starts after the last common word before it (建成南湾 → 南湾)."""
    kind_pattern, count_pattern = patterns
    spans = []
    for hit in kind_pattern.finditer(text):
        list_end = _list_end(text, hit.start(), kinds, count_pattern)
        items = _items(text, list_end, is_name.stop_chars) if list_end < hit.start() else []
        for k, (start, end) in enumerate(items if len(items) >= 2 else ()):
            if k == 0:
                start = _after_last_word(text, start, end, found, word_freq)
            while start in found.by_start and found.by_start[start] < end:
                start = found.by_start[start]
            name = text[start:end]
            if (start, end) in found or not 2 <= len(name) <= MAX_ITEM:
                continue
            if len(name) == 4 and word_freq.get(name[2:], 0) > 0:
                continue  # 保税仓库: a kind, not a name
            if knows(name) or is_name(name, word_freq):
                spans.append((start, end))
    return sorted(set(spans))


def _list_end(text: str, kind_start: int, kinds: FeatureKinds, count_pattern: re.Pattern[str]) -> int:
    """Where the list before a feature word ends: before a modifier, a count and 等, each optional (等四个大型)."""
    pos = kind_start
    modifier = next((m for m in kinds.modifiers if text.endswith(m, 0, pos)), "")
    pos -= len(modifier)
    count = count_pattern.search(text, max(0, pos - 8), pos)
    if count is not None:
        pos = count.start()
    return pos - 1 if text[pos - 1:pos] == "等" else pos


def _items(text: str, end: int, stop_chars: str) -> list[Match]:
    """The items of the 、-list ending at ``end``, first to last: each a run of characters; one longer than a name
    is the list's first (its name is cut from it later)."""
    items: list[Match] = []
    while True:
        start = end
        while start > 0 and end - start < MAX_FIRST_RUN and is_han(text[start - 1]) and text[start - 1] not in stop_chars:
            start -= 1
        if start == end:
            return items[::-1]  # （60万千瓦）、云南小龙潭: no name before the 、
        items.append((start, end))
        if end - start > MAX_ITEM_RUN or start == 0 or text[start - 1] != "、":
            return items[::-1]
        end = start - 1


def _after_last_word(text: str, start: int, end: int, found: FoundPlaces, word_freq: dict[str, int]) -> int:
    """Where the first item's name starts: the shortest tail of two to four characters that follows a common
    word, punctuation or a place found (or the whole item when none does)."""
    for size in range(2, min(MAX_ITEM, end - start) + 1):
        begin = end - size
        if (begin == start or begin in found.by_end or not is_han(text[begin - 1])
                or word_freq.get(text[begin - 2:begin], 0) > 0):
            return begin
    return start
