"""LongerPlaces: a named place that a matched place starts (长江中游城市群, 密云水库, 长江上游, 海拉尔河,
西宁—海东都市圈), from the suffix rows of place_rules.tsv."""

from __future__ import annotations

import re
from typing import Sequence

from govdoc_nlp.places.listed_towns import ITEM_ENDS
from govdoc_nlp.places.match_boundaries import Match
from govdoc_nlp.places.name_starts import not_before, rule_values, rule_words

# Up to 6 characters between a place and a region word, none of them a link or a count: not 长江的流域,
# 海河等流域, 鲁南三大经济圈.
REGION_GAP = "[^\\W的等和与及一二三四五六七八九十两A-Za-z0-9_]{0,6}?"
_DASHES = "—－-"


class LongerPlaces:
    """Finds where a longer named place that starts with a match ends, and its level."""

    def __init__(self, rules: Sequence[dict]) -> None:
        def words(*kinds: str) -> str:
            return rule_words(rules, *kinds)

        # A place followed by these words starts a longer named place: 长江中游城市群 (a region, up to 6 characters
        # between), 密云水库 (a reservoir, right after the place), 长江上游 (a part of it, right after).
        self.shared_region_suffix = set(rule_values(rules, "shared_region_suffix"))
        self.part_words = frozenset(rule_values(rules, "part_suffix"))
        self.name_suffixes = [
            (re.compile(gap + "(" + words(*kinds) + ")"), level, not gap)
            for kinds, gap, level in ((("region_suffix", "shared_region_suffix"), REGION_GAP, "region"),
                                      (("lake_suffix",), "", "lake"), (("part_suffix",), "", "region"))
        ]
        river = re.compile("(" + words("river_suffix") + ")" + not_before(rules, "river_suffix_not_before"))
        self.name_suffixes.append((river, "river", True))
        # 格尔木东、海南清洁能源基地, 大同至天津南等特高压工程: a direction that ends a list's item is part of the place.
        directions = words("direction_suffix")
        if directions:
            self.name_suffixes.append((re.compile(f"({directions})(?=[{ITEM_ENDS}])"), "region", True))

    def __call__(self, text: str, matches: list[Match], k: int, blocked: set[int]) -> tuple[int, str] | None:
        """End and level of the longer place match ``k`` starts: a region joined by a dash to the next match, or a
        named place that continues it; None when there is none."""
        return self._joined_region(text, matches, k, blocked) or self._continued(text, matches, k, blocked)

    def _continued(self, text: str, matches: list[Match], k: int, blocked: set[int]) -> tuple[int, str] | None:
        """End and level of a named place that continues match ``k`` (长江中游城市群, 密云水库), if one ends before
        the next match — or, for a word right after the place, takes in whole places only (内蒙古东部地区, not
        广西北部湾)."""
        start, end = matches[k]
        listed = text[start - 1:start] == "、"
        limit = matches[k + 1][0] if k + 1 < len(matches) else len(text)
        # A region word may run past the next match when that match is a part word right after the place and the
        # only one it passes (山西中部城市群: 中部, a region alone, is taken in; not 黄河上游湟水流域).
        part = matches[k + 1] if k + 1 < len(matches) else None
        part_next = part is not None and part[0] == end and text[part[0]:part[1]] in self.part_words
        for pattern, level, adjacent in self.name_suffixes:
            m = pattern.match(text, end)
            if m is None or not blocked.isdisjoint(range(end, m.end())):
                continue  # 江门地区生产总值: the suffix starts a not_inside word
            over_part = part_next and (k + 2 >= len(matches) or matches[k + 2][0] >= m.end())
            if m.end() > limit and not ((adjacent or over_part) and _takes_in_whole(matches, k + 1, m.end())):
                continue
            if listed and m.group(1) in self.shared_region_suffix:
                return None  # 晋北、晋南、晋东南城镇圈: the suffix names the whole list, so a listed place stays a place
            return m.end(), level
        return None

    def _joined_region(self, text: str, matches: list[Match], k: int, blocked: set[int]) -> tuple[int, str] | None:
        """End and level of a region named by match ``k``, a dash and the next match (西宁—海东都市圈)."""
        end = matches[k][1]
        if k + 1 >= len(matches) or text[end:end + 1] not in _DASHES or matches[k + 1][0] != end + 1:
            return None
        longer = self._continued(text, matches, k + 1, blocked)
        return longer if longer is not None and longer[1] == "region" else None


def _takes_in_whole(matches: list[Match], first: int, stop: int) -> bool:
    """Whether every match from index ``first`` that starts before ``stop`` also ends by it."""
    for s, e in matches[first:first + 8]:  # a suffix is a few characters: a few matches at most
        if s >= stop:
            return True
        if e > stop:
            return False
    return True
