"""Which town-name matches in a provincial report are places: the text must show it (towns are common words).

A town counts right after its own county or city (玉树东坝), or as a whole item of a 、-list that holds a place
or such a town (满洲里、二连浩特、甘其毛都、策克、满都拉等口岸). Matches are (start, end) character offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Callable, Iterator

from govdoc_nlp.places.match_boundaries import Match

# A 、-list of short items (a town in one is a place when another item is).
LIST_PATTERN = re.compile(r"[^、，。；：！？,.;:!?\s“”\"（）()《》]{1,12}(?:、[^、，。；：！？,.;:!?\s“”\"（）()《》]{1,12})+")
SENTENCE_STOPS = ("。", "；", "！", "？", "\n")
ITEM_ENDS = "、等和及"  # what follows the end of a list's item (满洲里、二连浩特等口岸; 格尔木东、海南)


def towns_in_context(text: str, places: list[Match], towns: list[Match],
                     is_parent: Callable[[str, str], bool]) -> list[Match]:
    """The ``towns`` (sorted, without overlaps) the text shows to be places, given the other ``places`` and
    ``is_parent(place, town)``: whether a place names the town's county or city."""
    place_ends = {end: start for start, end in places}
    kept = {(start, end) for start, end in towns
            if start in place_ends and is_parent(text[place_ends[start]:start], text[start:end])}
    place_starts = sorted(start for start, _ in places)
    town_starts = [start for start, _ in towns]
    for region in list_regions(text, towns):
        first, last = bisect_left(town_starts, region.start()), bisect_left(town_starts, region.end())
        # A whole item: 、, the list's start or a place (武汉东湖) before it, and 、, 等, 和, 及 or the list's end
        # after it.
        inside = [t for t in towns[first:last] if t[1] <= region.end()
                  and "、" in (text[t[0] - 1:t[0]], text[t[1]:t[1] + 1])
                  and (t[0] == region.start() or text[t[0] - 1] == "、" or t[0] in place_ends)
                  and (t[1] == region.end() or text[t[1]] in ITEM_ENDS)]
        if not inside:
            continue
        k = bisect_right(place_starts, region.start() - 1)
        has_place = k < len(place_starts) and place_starts[k] < region.end()
        if has_place or any(t in kept for t in inside):
            kept.update(inside)
    return sorted(kept)


def list_regions(text: str, towns: list[Match]) -> Iterator[re.Match]:
    """The 、-lists of the sentences holding a town (a list never crosses 。；！？ or a line break, so these are
    the lists a search of the whole text finds there, for a fraction of its cost)."""
    last_end = 0
    for start, end in towns:
        if start < last_end:
            continue
        begin = max(text.rfind(stop, 0, start) for stop in SENTENCE_STOPS) + 1
        stops = [k for k in (text.find(stop, end) for stop in SENTENCE_STOPS) if k >= 0]
        last_end = min(stops, default=len(text))
        yield from LIST_PATTERN.finditer(text, begin, last_end)


def counties_listed_together(text: str, county_of: Callable[[str], tuple[str, str] | None],
                             min_same_city: int = 2, min_same_province: int = 3) -> list[Match]:
    """County short forms listed together (新增仙桃、潜江、宜都、大冶4个千亿县): where at least ``min_same_city`` items of
    one 、-list are counties of one city, or ``min_same_province`` of one province, those items are places in any
    text. ``county_of(word)``: the (city code, province code) of the one county or district ``word`` names, else
    None. An item is the whole item, the end of the first (新增仙桃) or the start of the last (大冶4个)."""
    found: list[Match] = []
    for region in LIST_PATTERN.finditer(text):
        items, pos = [], region.start()
        parts = region.group().split("、")
        for k, part in enumerate(parts):
            sizes = (len(part),) if 0 < k < len(parts) - 1 else (3, 2)
            for size in sizes:
                start = pos + len(part) - size if k == 0 else pos
                word = text[start:start + size]
                if len(word) == size and (where := county_of(word)):
                    items.append(((start, start + size), where))
                    break
            pos += len(part) + 1
        kept: list[Match] = []
        for key, minimum in ((0, min_same_city), (1, min_same_province)):
            counts: dict[str, int] = {}
            for _, where in items:
                counts[where[key]] = counts.get(where[key], 0) + 1
            shared = [span for span, where in items if counts[where[key]] >= minimum]
            kept = max(kept, shared, key=len)  # the city's or, holding more, the province's
        found.extend(kept)
    return sorted(set(found))
