"""City groups written as the first characters of their cities (福厦泉 = 福州, 厦门, 泉州; “海满阿” = 海拉尔, 满洲里,
阿尔山): places, where the text sets the run apart as a name."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from govdoc_nlp.han import HAN_RANGES
from govdoc_nlp.places.gazetteer import PlaceRecord
from govdoc_nlp.places.match_boundaries import Match
from govdoc_nlp.places.unknown_names import FoundPlaces

MIN_GROUP, MAX_GROUP = 2, 4
MIN_UNQUOTED = 3  # two unquoted characters are a pair's abbreviation (芜马同城化, 沈抚), not marked,
MIN_BEFORE_AREA = 2  # unless an area word follows: the pair names the area (济青都市圈, as 西安都市圈)
_HAN_RUN = re.compile(f"[{HAN_RANGES}]+")
_QUOTED_RUN = re.compile(f"“([{HAN_RANGES}]{{{MIN_GROUP},{MAX_GROUP}}})”")


def group_members(records: Iterable[PlaceRecord], short: dict[str, list[PlaceRecord]],
                  min_county_chars: int) -> dict[str, dict[str, set[str]]]:
    """By province code, by first character: the cities a group's character may stand for — prefecture cities,
    county-level cities and county short forms of at least ``min_county_chars`` characters that name one
    division (a group names places a reader knows by one character)."""
    members: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for rec in records:
        name = rec.short or rec.name
        if rec.level == "city" or (rec.level == "county" and rec.name.endswith("市")):
            members[rec.province_code][name[0]].add(rec.name)
        elif rec.level in ("county", "district") and min_county_chars and len(rec.short) >= min_county_chars \
                and len(short.get(rec.short, ())) == 1:
            members[rec.province_code][rec.short[0]].add(rec.name)
    return {code: dict(chars) for code, chars in members.items()}


def is_group(run: str, members: dict[str, dict[str, set[str]]]) -> bool:
    """Whether each character of ``run`` stands for a different member (:func:`group_members`) of one province:
    a character used twice needs two members starting with it (members are keyed by their first character, so
    different characters never share one)."""
    return any(all(len(chars.get(c, ())) >= run.count(c) for c in set(run)) for chars in members.values())


def group_word_pattern(group_words: tuple[str, ...]) -> re.Pattern[str] | None:
    """Where any group word starts (a lookahead: every start, as a search for each word in turn finds)."""
    return re.compile("(?=" + "|".join(map(re.escape, group_words)) + ")") if group_words else None


def city_groups(text: str, members: dict[str, dict[str, set[str]]], group_words: re.Pattern[str] | None,
                word_freq: dict[str, int], found: FoundPlaces, area_words: tuple[str, ...] = ()) -> list[Match]:
    """Spans of city groups: a quoted run (“襄十”), or the longest run of three or four characters right before
    a group word (``group_words``: :func:`group_word_pattern`; 福厦泉要素市场化, 安池铜跨江) — of two or more before one of
    ``area_words``, which names an area (济青都市圈) — that starts after punctuation or a common word; each a group
    (:func:`is_group`), not a common two-character word (``word_freq``: jieba's, negative for names) and overlapping no place
    ``found``."""

    def kept(start: int, end: int) -> bool:
        run = text[start:end]
        return not found.overlaps(start, end) and word_freq.get(run, 0) <= 0 and is_group(run, members)

    groups = {m.span(1) for m in _QUOTED_RUN.finditer(text) if kept(*m.span(1))}
    for m in group_words.finditer(text) if group_words is not None else ():
        shortest = MIN_BEFORE_AREA if text.startswith(area_words, m.start()) else MIN_UNQUOTED
        for start in range(m.start() - MAX_GROUP, m.start() - shortest + 1):
            if start < 0 or not _HAN_RUN.fullmatch(text, start, m.start()):
                continue
            set_apart = start == 0 or not _HAN_RUN.match(text[start - 1]) or word_freq.get(text[start - 2:start], 0) > 0
            if set_apart and kept(start, m.start()):
                groups.add((start, m.start()))
                break
    return sorted(groups)
