"""The stages that propose PLACE candidates, in order: each takes the matches so far, as (start, end) character
offsets leftmost-longest without overlaps, and adds, moves or drops some. :class:`PlaceRecognizer` runs them as
listed in :func:`candidate_stages`; the decisions over the candidates come after them."""

from __future__ import annotations

import re
from typing import Protocol, Sequence

from govdoc_nlp.data_files import DataFileError
from govdoc_nlp.places.city_groups import city_groups, group_members, group_word_pattern
from govdoc_nlp.places.groupings import province_groupings
from govdoc_nlp.places.listed_features import FeatureKinds, listed_feature_names
from govdoc_nlp.places.listed_towns import counties_listed_together, towns_in_context
from govdoc_nlp.places.match_boundaries import Match, county_inside_word, inside_two_words, merge_matches
from govdoc_nlp.places.name_starts import not_before, rule_values, rule_words, whole_number
from govdoc_nlp.places.place_names import PlaceNames
from govdoc_nlp.places.reservoirs import unknown_reservoirs
from govdoc_nlp.places.routes import RouteWords, route_ends
from govdoc_nlp.places.unknown_names import FoundPlaces, NameFilter
from govdoc_nlp.places.water_bodies import unknown_water_bodies, water_body_pattern


def _one_character_each(kind: str, values: tuple[str, ...]) -> None:
    """Rows of ``kind`` must be one character each (a longer row would silently become several)."""
    if any(len(value) != 1 for value in values):
        raise DataFileError(f"place_rules.tsv: {kind} rows are one character each, not {values}")


class MatchStage(Protocol):
    """One step from the matches so far to the next."""

    def __call__(self, text: str, matches: list[Match], home_code: str) -> list[Match]: ...


class GazetteerNames:
    """Regions, provinces, cities and counties by full name, provinces and cities by short name: in any text."""

    def __init__(self, names: PlaceNames) -> None:
        self.names = names

    def __call__(self, text: str, matches: list[Match], home_code: str) -> list[Match]:
        return merge_matches(matches, self.names.global_index().find(text))


class NamesNearHome:
    """Short county names of the home province and towns of the home city (common words elsewhere)."""

    def __init__(self, names: PlaceNames) -> None:
        self.names = names

    def __call__(self, text: str, matches: list[Match], home_code: str) -> list[Match]:
        return merge_matches(matches, self.names.home_index(home_code).find(text)) if home_code else matches


class DistinctCountyNames:
    """County short forms long enough to name one division only (海拉尔, 满洲里, 格尔木), in any text: an excerpt
    without its title line keeps them. Shorter ones (衡东, 大方) are often words, and matched near home only."""

    def __init__(self, names: PlaceNames, min_chars: int) -> None:
        self.names, self.min_chars = names, min_chars

    def __call__(self, text: str, matches: list[Match], home_code: str) -> list[Match]:
        if not self.min_chars:
            return matches
        return merge_matches(matches, self.names.distinct_county_index(self.min_chars).find(text))


class TownsOfProvince:
    """In a provincial report, towns of the province where the text shows they are places (玉树东坝; a list of
    ports that holds a place; a town right before an ``area_word`` match, the area named after it: 良乡大学城,
    张江科学城, not 创新城市), and towns whose name is distinct enough to be one wherever it stands (甘其毛都, 闽宁镇,
    坎布拉: at least ``min_chars`` characters, one town of the province, not a word, not ending in ``not_ending``, and
    starting with no word more frequent than ``max_start_freq``)."""

    def __init__(self, names: PlaceNames, min_chars: int, area_word: re.Pattern[str] | None,
                 not_ending: tuple[str, ...], max_start_freq: int) -> None:
        _one_character_each("distinct_town_not_ending", not_ending)
        self.names, self.min_chars, self.area_word = names, min_chars, area_word
        self.not_ending, self.max_start_freq = frozenset(not_ending), max_start_freq
        self._distinct_words: dict[str, frozenset[str]] = {}

    def __call__(self, text: str, matches: list[Match], home_code: str) -> list[Match]:
        if not home_code.endswith("0000"):
            return matches
        province = home_code[:2]
        towns = self.names.province_town_index(province).find(text)
        if not towns:
            return matches
        kept = towns_in_context(text, matches, towns, lambda place, town: self.names.is_parent(place, town, province))
        words, freq = self._distinct_of(province), self.names.word_freq
        # A distinct name still needs a word boundary before it: not the end of the word before (提高城乡).
        distinct = [(s, e) for s, e in towns
                    if text[s:e] in words and not (s > 0 and freq.get(text[s - 1:s + 1], 0) > 0)]
        named_areas = [(s, e) for s, e in towns if self.area_word is not None and self.area_word.match(text, e)]
        return merge_matches(matches, list(set(kept) | set(distinct) | set(named_areas)))

    def _distinct_of(self, province: str) -> frozenset[str]:
        """The province's town names that need no context: long enough, one town of the province, no road or street
        (南京东路, 西长安街), holding no other place (新吉林) and not starting with a common word (民族团结, 中心镇,
        工业园区: 中心 is 23,969 in jieba's dictionary; a rare one may: 樟木镇, 樟木 47); built on first use."""
        found = self._distinct_words.get(province)
        if found is None:
            freq, index = self.names.word_freq, self.names.global_index()
            found = frozenset(
                word for word, recs in self.names.province_towns.get(province, {}).items()
                if self.min_chars and len(word) >= self.min_chars and word[-1] not in self.not_ending and len(recs) == 1
                and freq.get(word[:2], 0) <= self.max_start_freq and not index.find(word))
            self._distinct_words[province] = found
        return found


class CountiesListedTogether:
    """County short forms that a 、-list shows to be places, in any text: two of one city or three of one province
    (仙桃、潜江、宜都、大冶), though short forms are otherwise matched near home only."""

    def __init__(self, names: PlaceNames) -> None:
        self.names = names

    def __call__(self, text: str, matches: list[Match], home_code: str) -> list[Match]:
        if "、" not in text:
            return matches
        return merge_matches(matches, counties_listed_together(text, self._county_of))

    def _county_of(self, word: str) -> tuple[str, str] | None:
        recs = {r for r in self.names.short.get(word, ()) if r.level in ("county", "district")}
        if len(recs) != 1 or word in self.names.full:
            return None
        rec = recs.pop()
        return rec.city_code, rec.province_code


class CountyAfterItsParent:
    """A county's short form right after its own province or city is a place in any document (山西沁水,
    内蒙古鄂尔多斯准格尔), though short forms are otherwise matched near home only."""

    def __init__(self, names: PlaceNames) -> None:
        self.names = names

    def __call__(self, text: str, matches: list[Match], home_code: str) -> list[Match]:
        found = []
        for start, end in matches:
            for size in (4, 3, 2):
                recs = [r for r in self.names.short.get(text[end:end + size], ()) if r.level in ("county", "district")]
                if not recs:
                    continue
                code = self.names.resolve(text[start:end], None)["adcode"] or ""
                province = code.endswith("0000")
                if code and any((r.province_code if province else r.city_code) == code[:2 if province else 4]
                                for r in recs):
                    found.append((end, end + size))
                break
        return merge_matches(matches, found)


class UnknownReservoirs:
    """Names before 水库 that the gazetteer lacks and that are not common words (东嘎水库, not 兴修水库)."""

    def __init__(self, names: PlaceNames, stop_chars: str, modifiers: frozenset[str]) -> None:
        self.names, self.stop_chars, self.modifiers = names, stop_chars, modifiers

    def __call__(self, text: str, matches: list[Match], home_code: str) -> list[Match]:
        found = unknown_reservoirs(text, self.names.word_freq, {e for _, e in matches}, self.stop_chars,
                                   self.modifiers)
        return merge_matches(matches, found)


class UnknownWaterBodies:
    """Rivers and lakes the gazetteer lacks, after punctuation (、伊敏河堤防, 。亮马河风情水岸): water_suffix rows."""

    def __init__(self, names: PlaceNames, suffixes: tuple[str, ...], not_before: str, stop_chars: str,
                 numeral_followers: tuple[str, ...]) -> None:
        _one_character_each("water_suffix", suffixes)
        _one_character_each("numeral_follower", numeral_followers)
        self.names, self.stop_chars, self.numeral_followers = names, stop_chars, "".join(numeral_followers)
        self.pattern = water_body_pattern("".join(suffixes), not_before) if suffixes else None

    def __call__(self, text: str, matches: list[Match], home_code: str) -> list[Match]:
        if self.pattern is None:
            return matches
        found = unknown_water_bodies(text, self.pattern, self.stop_chars, self.names.word_freq, FoundPlaces(matches),
                                     self.numeral_followers)
        return merge_matches(matches, found)


class RouteEnds:
    """The ends of a route (将军庙至淖毛湖铁路, G314线喀什至塔什库尔干): places, in the gazetteer or not."""

    def __init__(self, names: PlaceNames, words: RouteWords, is_name: NameFilter) -> None:
        self.names, self.words, self.is_name = names, words, is_name

    def __call__(self, text: str, matches: list[Match], home_code: str) -> list[Match]:
        if "至" not in text:
            return matches
        found = route_ends(text, FoundPlaces(matches), self.words, self.is_name, self.names.word_freq,
                           self.names.knows, self.names.common_shorts.__contains__)
        return merge_matches(matches, found)


class ListedFeatureNames:
    """Names listed before a feature word (南湾、薄山、佛子岭、梅山等四个大型水库): places, in the gazetteer or not."""

    def __init__(self, names: PlaceNames, kinds: FeatureKinds, is_name: NameFilter) -> None:
        self.names, self.kinds, self.is_name = names, kinds, is_name
        self.patterns = (kinds.kind_pattern(), kinds.count_pattern())

    def __call__(self, text: str, matches: list[Match], home_code: str) -> list[Match]:
        if "、" not in text:
            return matches
        found = listed_feature_names(text, FoundPlaces(matches), self.kinds, self.patterns, self.is_name,
                                     self.names.word_freq, self.names.knows)
        return merge_matches(matches, found)


class PlaceAfterWordBeforePlace:
    """美丽江苏 is 美丽 + 江苏, not 美 + 丽江: a match starting on the last character of a word_before_place row
    gives way to a place right after it."""

    def __init__(self, names: PlaceNames, words: tuple[str, ...]) -> None:
        self.names, self.words = names, words

    def __call__(self, text: str, matches: list[Match], home_code: str) -> list[Match]:
        return [self._moved(text, match, home_code) for match in matches]

    def _moved(self, text: str, match: Match, home_code: str) -> Match:
        start, _ = match
        if not any(start >= len(w) - 1 and text.startswith(w, start - len(w) + 1) for w in self.words):
            return match
        window = text[start + 1:start + 13]
        found = self.names.global_index().find(window)
        if home_code:
            found += self.names.home_index(home_code).find(window)
        longest = max((e for s, e in found if s == 0), default=0)
        return (start + 1, start + 1 + longest) if longest else match


class NotAcrossTwoWords:
    """Drops a match made of the end of one common word and the start of the next (均衡水平 is not 衡水)."""

    def __init__(self, names: PlaceNames) -> None:
        self.names = names

    def __call__(self, text: str, matches: list[Match], home_code: str) -> list[Match]:
        return [m for m in matches if not inside_two_words(text, *m, self.names.word_freq)]


class NotCountyInsideWord:
    """Drops a two-character county that is part of a longer word (健康县城, 公社和县)."""

    def __call__(self, text: str, matches: list[Match], home_code: str) -> list[Match]:
        ends = {e for _, e in matches}
        return [m for m in matches if not county_inside_word(text, *m, ends)]


class AreaWordCut:
    """A name ending in 省, 市, 区 or 县 that runs into an area_word row (域) is the place before it and that word
    (山东省域 → 山东; 和县域 → nothing)."""

    def __init__(self, names: PlaceNames, area_words: frozenset[str]) -> None:
        self.names, self.area_words = names, area_words

    def __call__(self, text: str, matches: list[Match], home_code: str) -> list[Match]:
        return [m for m in (self._cut(text, match) for match in matches) if m is not None]

    def _cut(self, text: str, match: Match) -> Match | None:
        start, end = match
        if text[end:end + 1] not in self.area_words or text[end - 1] not in "省市区县":
            return match
        shorter = text[start:end - 1]
        return (start, end - 1) if len(shorter) >= 2 and self.names.knows(shorter) else None


class ProvinceGroupings:
    """Runs of one-character province names (沪苏浙, 闽粤港澳), from the grouping_chars rows."""

    def __init__(self, chars: str, word_starts: frozenset[str]) -> None:
        self.chars, self.word_starts = chars, word_starts

    def __call__(self, text: str, matches: list[Match], home_code: str) -> list[Match]:
        if not self.chars:
            return matches
        return merge_matches(matches, province_groupings(text, self.chars, self.word_starts))


class CityGroups:
    """City groups by their cities' first characters (福厦泉, “海满阿”), quoted or before a group_word row (a pair
    before a group word that is also a shared_region_suffix row, an area's word: 济青都市圈)."""

    def __init__(self, names: PlaceNames, group_words: tuple[str, ...], area_words: tuple[str, ...],
                 min_county_chars: int) -> None:
        self.names, self.group_words, self.min_county_chars = names, group_word_pattern(group_words), min_county_chars
        self.area_words = tuple(w for w in group_words if w in area_words)
        self._members: dict[str, dict[str, set[str]]] | None = None

    def __call__(self, text: str, matches: list[Match], home_code: str) -> list[Match]:
        if self._members is None:
            self._members = group_members(self.names.records, self.names.short, self.min_county_chars)
        found = city_groups(text, self._members, self.group_words, self.names.word_freq, FoundPlaces(matches),
                            self.area_words)
        return merge_matches(matches, found)


def candidate_stages(names: PlaceNames, rules: Sequence[dict]) -> tuple[MatchStage, ...]:
    """The candidate stages in the order they run, each given its rows of place_rules.tsv."""
    def values(kind: str) -> list[str]:
        return rule_values(rules, kind)

    name_stops = "".join(values("name_stop_chars"))
    # A town_area_word row, not where a town_area_word_not_before character makes it another word (创新城市).
    _one_character_each("town_area_word_not_before", tuple(values("town_area_word_not_before")))
    area_words = "(?:" + rule_words(rules, "town_area_word") + ")" + not_before(rules, "town_area_word_not_before")
    area_word = re.compile(area_words) if values("town_area_word") else None

    return (
        GazetteerNames(names),
        NamesNearHome(names),
        DistinctCountyNames(names, whole_number(rules, "distinct_short_min_chars")),
        TownsOfProvince(names, whole_number(rules, "distinct_town_min_chars"), area_word,
                        tuple(values("distinct_town_not_ending")), whole_number(rules, "distinct_town_start_max_freq")),
        CountiesListedTogether(names),
        CountyAfterItsParent(names),
        UnknownReservoirs(names, "".join(values("reservoir_stop_chars")), frozenset(values("reservoir_modifier"))),
        UnknownWaterBodies(names, tuple(values("water_suffix")), "".join(values("river_suffix_not_before")),
                           name_stops, tuple(values("numeral_follower"))),
        RouteEnds(names, RouteWords(tuple(values("route_word")), tuple(values("name_breaking_verb") + values("route_verb"))),
                  NameFilter(name_stops, tuple(values("org_suffix")))),
        ListedFeatureNames(names, FeatureKinds(tuple(values("feature_word")),
                                               tuple(values("feature_modifier") + values("reservoir_modifier")),
                                               "".join(values("count_word"))),
                           NameFilter(name_stops, tuple(values("org_suffix") + values("feature_word")))),
        PlaceAfterWordBeforePlace(names, tuple(values("word_before_place"))),
        NotAcrossTwoWords(names),
        NotCountyInsideWord(),
        AreaWordCut(names, frozenset(values("area_word"))),
        ProvinceGroupings("".join(values("grouping_chars")), frozenset(values("grouping_word_start"))),
        CityGroups(names, tuple(values("group_word")), tuple(values("shared_region_suffix")),
                   whole_number(rules, "distinct_short_min_chars")),
    )
