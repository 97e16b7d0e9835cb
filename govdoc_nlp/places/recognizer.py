"""PlaceRecognizer: administrative divisions, short forms and regions, disambiguated by the document's own place."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from pathlib import Path
from typing import Callable, TypeVar

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from govdoc_nlp.extensions import doc_text  # importing it registers Span._.place, Doc._.home_place
from govdoc_nlp.alignment import CharSpan, add_entities
from govdoc_nlp.data_files import parse_tsv
from govdoc_nlp.places.short_forms import (WORD_LIST_FILES, common_non_nouns, common_non_places, read_word_lists,
                                           two_character_words, write_word_lists)
from govdoc_nlp.places.gazetteer import PlaceRecord, read_gazetteer, write_gazetteer
from govdoc_nlp.places.groupings import province_groupings
from govdoc_nlp.places.discourse import settle_by_document
from govdoc_nlp.places.home_place import HOME_HEAD_CHARS, county_words, named_in_title, shared_city
from govdoc_nlp.places.listed_towns import towns_in_context
from govdoc_nlp.places.match_boundaries import county_inside_word, inside_two_words, merge_matches
from govdoc_nlp.places.name_starts import NameStarts, not_before, rule_words
from govdoc_nlp.places.reservoirs import unknown_reservoirs
from govdoc_nlp.phrase_index import PhraseIndex
from govdoc_nlp.rule_files import DEFAULT, RuleFiles
from govdoc_nlp.saved_files import BytesFromFiles

# A quoted name (up to 20 characters) or a title (up to 80): places inside are part of the name.
_QUOTED_NAME = re.compile(r"“([^“”《》\n]{2,20})”|《([^《》\n]{2,80})》")
_TOWN_SUFFIXES = ("街道办事处", "街道", "镇", "乡", "苏木")
_AUTONOMOUS = ("自治州", "自治县", "自治旗")
# The kinds of row place_rules.tsv may hold (its header comment says what each does).
PLACE_RULE_KINDS = ("stop_short", "stop_name", "not_inside", "org_suffix", "name_breaking_verb", "people_word",
                    "branch_suffix", "branch_owner", "facility_suffix", "facility_suffix_not_before", "region_suffix",
                    "shared_region_suffix", "lake_suffix", "part_suffix", "river_suffix", "river_suffix_not_before",
                    "word_before_place", "reservoir_modifier", "reservoir_stop_chars", "grouping_chars",
                    "grouping_word_start")
T = TypeVar("T")
RULE_FILES = ("place_rules.tsv", "regions.tsv")


class PlaceRecognizer(BytesFromFiles):
    """Finds PLACE spans and sets ``span._.place = {"name", "adcode", "level", "parent"}``. Rules: the package's
    place_rules.tsv and regions.tsv, or a folder of one's own given to :meth:`initialize`; saved with the
    pipeline, beside the gazetteer."""

    def __init__(self, nlp: Language, name: str = "govdoc_places") -> None:
        self.name = name
        self.set_rules(RuleFiles.load(RULE_FILES))
        self.set_records([])

    def initialize(self, get_examples=None, *, nlp: Language | None = None, rules: str = DEFAULT) -> None:
        """Read the rules again, from the package ("default") or a folder, and index the gazetteer with them."""
        self.set_rules(RuleFiles.load(RULE_FILES, rules))
        self.set_records(self.records, frozenset(self.common_shorts), self.countries,
                         frozenset(self.common_town_words), self.word_freq)

    def set_rules(self, files: RuleFiles) -> None:
        """Use these rule files (call :meth:`set_records` after, to index the gazetteer by them)."""
        self.rule_files = files
        rules = parse_tsv("place_rules.tsv", files.texts["place_rules.tsv"], ("kind", "value"),
                          {"kind": PLACE_RULE_KINDS})
        self.stop_short = {r["value"] for r in rules if r["kind"] == "stop_short"}

        def words(*kinds: str) -> str:
            return rule_words(rules, *kinds)

        self.starts_a_name = NameStarts(rules)
        self.stop_name = {r["value"] for r in rules if r["kind"] == "stop_name"}
        # A place followed by these words starts a longer named place: 长江中游城市群 (a region, up to 6 characters
        # between), 密云水库 (a reservoir, right after the place), 长江上游 (a part of it, right after).
        self.shared_region_suffix = {r["value"] for r in rules if r["kind"] == "shared_region_suffix"}
        self.name_suffixes = [
            (re.compile(gap + "(" + words(*kinds) + ")"), level, not gap)
            for kinds, gap, level in ((("region_suffix", "shared_region_suffix"), REGION_GAP, "region"),
                                      (("lake_suffix",), "", "lake"), (("part_suffix",), "", "region"))
        ]
        river = re.compile("(" + words("river_suffix") + ")" + not_before(rules, "river_suffix_not_before"))
        self.name_suffixes.append((river, "river", True))
        self.words_before_place = tuple(r["value"] for r in rules if r["kind"] == "word_before_place")
        not_inside = words("not_inside")
        self.not_inside = re.compile(not_inside) if not_inside else None
        self.curated_regions = {r["name"]: r for r in parse_tsv("regions.tsv", files.texts["regions.tsv"])}
        self.grouping_chars = "".join(r["value"] for r in rules if r["kind"] == "grouping_chars")
        self.reservoir_stop_chars = "".join(r["value"] for r in rules if r["kind"] == "reservoir_stop_chars")
        self.reservoir_modifiers = frozenset(r["value"] for r in rules if r["kind"] == "reservoir_modifier")
        self.grouping_word_starts = frozenset(r["value"] for r in rules if r["kind"] == "grouping_word_start")

    def set_records(self, records: list[PlaceRecord], common_shorts: frozenset[str] | None = None,
                    countries: list[dict[str, str]] = (), common_town_words: frozenset[str] | None = None,
                    word_freq: dict[str, int] | None = None) -> None:
        """Install a gazetteer and a country list (from ``govdoc setup``) and index their surface forms.

        ``common_shorts``: short forms known to be common words; found from jieba's dictionary when not given
        (at setup), then saved with the pipeline so that loading does not read that dictionary.
        ``countries``: rows shaped like ``data/regions.tsv``; the curated regions file wins where both name a place.
        ``common_town_words``: town names and short forms that are words other than place names (stricter, for
        towns looked up across a province); found and saved like ``common_shorts``.
        ``word_freq``: jieba's two-character words and their frequencies (negative for names), to tell a place
        from the ends of two words (均衡水平); found and saved like ``common_shorts``.
        """
        self.word_freq = word_freq if word_freq is not None else two_character_words() if records else {}
        self.countries = list(countries)
        self.regions = {r["name"]: r for r in self.countries if r["name"] not in self.stop_name}
        self.regions.update(self.curated_regions)
        self.records = list(records)
        self.full: dict[str, list[PlaceRecord]] = {}
        self.short: dict[str, list[PlaceRecord]] = {}
        common = common_shorts if common_shorts is not None else common_non_nouns() if self.records else frozenset()
        # Towns by province, for provincial reports (matched only where the text shows they are places).
        town_common = (common_town_words if common_town_words is not None
                       else common_non_places() if self.records else frozenset())
        self.common_shorts: set[str] = set()
        self.common_town_words: set[str] = set()
        self.province_towns: dict[str, dict[str, list[PlaceRecord]]] = {}
        for rec in self.records:
            if rec.name in self.stop_name:
                continue
            self.full.setdefault(rec.name, []).append(rec)
            short = _town_short(rec.name) if rec.level == "town" else rec.short
            if rec.level == "town" and short != rec.name:
                self._add_province_town(rec, short, town_common)
            if short == rec.name and rec.name.endswith("地区") and rec.level == "city":
                short = rec.name[:-2]  # 阿里地区 → 阿里 (jionlp gives no short form)
            if len(short) < 2 or short == rec.name or short in self.stop_short:
                continue
            if rec.level not in ("province", "city") and short in common:
                self.common_shorts.add(short)
                continue  # 振兴 (振兴区), 新兴 (新兴县): a common verb or adjective first
            self.short.setdefault(short, []).append(rec)
            if rec.name.endswith(_AUTONOMOUS):
                self.short.setdefault(short + rec.name[-1], []).append(rec)  # 湘西州, 峨边县: short + 州/县/旗
        # Words matched only near home: county short forms by province code, towns by city code.
        self.near_home: dict[str, set[str]] = {}
        for short, recs in self.short.items():
            for rec in recs:
                if rec.level not in ("province", "city"):
                    key = rec.city_code if rec.level == "town" else rec.province_code
                    self.near_home.setdefault(key, set()).add(short)
        for name, recs in self.full.items():
            for rec in recs:
                if rec.level == "town":
                    self.near_home.setdefault(rec.city_code, set()).add(name)
        # Indexes built on first use, for this gazetteer only (each instance owns its own).
        self._indexes: dict[tuple[str, str], object] = {}

    def _cached(self, kind: str, key: str, build: Callable[[], T]) -> T:
        """The index ``kind`` for ``key``, built by ``build`` on first use and kept by this recogniser."""
        found = self._indexes.get((kind, key))
        if found is None:
            found = self._indexes[(kind, key)] = build()
        return found

    def _add_province_town(self, rec: PlaceRecord, short: str, common_words: frozenset[str]) -> None:
        """Index a town (a name with a town suffix) by full and short name for its province's reports."""
        for word in (rec.name, short):
            if len(word) < 2 or word in self.stop_short:
                continue
            if word in common_words:
                self.common_town_words.add(word)
                continue
            self.province_towns.setdefault(rec.province_code, {}).setdefault(word, []).append(rec)

    def _global_index(self) -> PhraseIndex:
        """Regions and provinces, cities and counties, searched in every document."""
        return self._cached("global", "", lambda: PhraseIndex(self._global_words()))

    def _home_index(self, home_code: str) -> PhraseIndex:
        """Short county names and towns near the document's home place (small, built per home)."""
        return self._cached("home", home_code,
                            lambda: PhraseIndex(self._home_words(home_code) - self._global_words()))

    def _province_town_index(self, province_code: str) -> PhraseIndex:
        """Towns of a province (full and short names), for its provincial reports."""
        def build() -> PhraseIndex:
            words = set(self.province_towns.get(province_code, ()))
            return PhraseIndex(words - self._global_words() - self._home_words(province_code + "0000"))

        return self._cached("province towns", province_code, build)

    def _matches(self, text: str, home_code: str) -> list[tuple[int, int]]:
        """Leftmost-longest matches of both indexes, without overlaps; in a provincial report, towns of the
        province where the text shows they are places; groupings of one-character province names (沪苏浙)."""
        matches = self._global_index().find(text)
        if home_code:
            matches = merge_matches(matches, self._home_index(home_code).find(text))
        if home_code.endswith("0000"):
            towns = self._province_town_index(home_code[:2]).find(text)
            if towns:
                province = home_code[:2]
                kept = towns_in_context(text, matches, towns, lambda place, town: self._is_parent(place, town, province))
                matches = merge_matches(matches, kept)
        matches = merge_matches(matches, self._counties_after_parent(text, matches))
        matches = merge_matches(matches, unknown_reservoirs(text, self.word_freq, {e for _, e in matches},
                                                            self.reservoir_stop_chars, self.reservoir_modifiers))
        matches = [self._after_word_before_place(text, m, home_code) for m in matches]
        matches = [m for m in matches if not inside_two_words(text, *m, self.word_freq)]
        ends = {e for _, e in matches}
        matches = [m for m in matches if not county_inside_word(text, *m, ends)]
        matches = [m for m in (self._without_area_word(text, match) for match in matches) if m is not None]
        if self.grouping_chars:
            matches = merge_matches(matches, province_groupings(text, self.grouping_chars, self.grouping_word_starts))
        return matches

    def _counties_after_parent(self, text: str, matches: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A county's short form right after its own province or city is a place in any document (山西沁水,
        内蒙古鄂尔多斯准格尔), though short forms are otherwise matched near home only."""
        found = []
        for start, end in matches:
            for size in (4, 3, 2):
                recs = [r for r in self.short.get(text[end:end + size], ()) if r.level in ("county", "district")]
                if not recs:
                    continue
                code = self.resolve(text[start:end], None)["adcode"] or ""
                province = code.endswith("0000")
                if code and any((r.province_code if province else r.city_code) == code[:2 if province else 4] for r in recs):
                    found.append((end, end + size))
                break
        return found

    def _after_word_before_place(self, text: str, match: tuple[int, int], home_code: str) -> tuple[int, int]:
        """美丽江苏 is 美丽 + 江苏, not 美 + 丽江: a match starting on the last character of a word_before_place
        row gives way to a place right after it."""
        start, end = match
        if not any(start >= len(w) - 1 and text.startswith(w, start - len(w) + 1) for w in self.words_before_place):
            return match
        window = text[start + 1:start + 13]
        found = self._global_index().find(window) + (self._home_index(home_code).find(window) if home_code else [])
        longest = max((e for s, e in found if s == 0), default=0)
        return (start + 1, start + 1 + longest) if longest else match

    def _without_area_word(self, text: str, match: tuple[int, int]) -> tuple[int, int] | None:
        """A name ending in 省, 市, 区 or 县 that runs into 域 is a place and 省域/区域… (山东省域 → 山东; 和县域 → nothing)."""
        start, end = match
        if text[end:end + 1] != "域" or text[end - 1] not in "省市区县":
            return match
        shorter = text[start:end - 1]
        known = len(shorter) >= 2 and (shorter in self.full or shorter in self.short or shorter in self.regions)
        return (start, end - 1) if known else None

    def _is_parent(self, place: str, town: str, province_code: str) -> bool:
        """Whether ``place`` names the county or city of a town called ``town`` in the province."""
        reading = self.resolve(place, None)
        recs = self.province_towns.get(province_code, {}).get(town, [])
        names = {reading["name"], place}
        return any(rec.parent in names or (reading["adcode"] or "")[:4] == rec.city_code for rec in recs)

    def _global_words(self) -> frozenset[str]:
        """Regions, and provinces, cities and counties by full name; provinces and cities by short name too."""
        def build() -> frozenset[str]:
            words = set(self.regions)
            words.update(name for name, recs in self.full.items() if any(r.level != "town" for r in recs))
            words.update(short for short, recs in self.short.items()
                         if any(r.level in ("province", "city") for r in recs))
            return frozenset(words)

        return self._cached("global words", "", build)

    def _home_words(self, home_code: str) -> frozenset[str]:
        """Short county names in the home province; towns (full and short) in the home city."""
        words = set(self.near_home.get(home_code[:2], ()))
        if not home_code.endswith("0000"):
            words.update(self.near_home.get(home_code[:4], ()))
        return frozenset(words)

    def _longer_place(self, text: str, matches: list[tuple[int, int]], k: int,
                      blocked: set[int] = frozenset()) -> tuple[int, str] | None:
        """End and level of a named place that continues match ``k`` (长江中游城市群, 密云水库), if one ends before
        the next match — or, for a word right after the place, takes in whole places only (内蒙古东部地区, not
        广西北部湾)."""
        start, end = matches[k]
        listed = text[start - 1:start] == "、"
        limit = matches[k + 1][0] if k + 1 < len(matches) else len(text)
        for pattern, level, adjacent in self.name_suffixes:
            m = pattern.match(text, end)
            if m is None or not blocked.isdisjoint(range(end, m.end())):
                continue  # 江门地区生产总值: the suffix starts a not_inside word
            if m.end() > limit and not (adjacent and self._takes_in_whole(matches, k + 1, m.end())):
                continue
            if listed and m.group(1) in self.shared_region_suffix:
                return None  # 晋北、晋南、晋东南城镇圈: the suffix names the whole list, so a listed place stays a place
            return m.end(), level
        return None

    def _joined_region(self, text: str, matches: list[tuple[int, int]], k: int,
                       blocked: set[int]) -> tuple[int, str] | None:
        """End and level of a region named by match ``k``, a dash and the next match (西宁—海东都市圈)."""
        end = matches[k][1]
        if k + 1 >= len(matches) or text[end:end + 1] not in "—－-" or matches[k + 1][0] != end + 1:
            return None
        longer = self._longer_place(text, matches, k + 1, blocked)
        return longer if longer is not None and longer[1] == "region" else None

    @staticmethod
    def _takes_in_whole(matches: list[tuple[int, int]], first: int, stop: int) -> bool:
        """Whether every match from index ``first`` that starts before ``stop`` also ends by it."""
        for s, e in matches[first:first + 8]:  # a suffix is a few characters: a few matches at most
            if s >= stop:
                return True
            if e > stop:
                return False
        return True

    def home_name(self, text: str) -> str | None:
        """The place a document's opening names as its own: in its title lines, else the city or province it names
        most, else the city its county names share (an excerpt)."""
        if named := named_in_title(text):
            return named
        head = text[:HOME_HEAD_CHARS]
        counts = Counter(head[s:e] for s, e in self._global_index().find(head))
        cities = [n for n, _ in counts.most_common() if any(r.level in ("city", "province") for r in self.full.get(n, []))]
        if cities:
            return cities[0]
        return shared_city([head[s:e] for s, e in self._county_index().find(head)], self.full, self.short)

    def _county_index(self) -> PhraseIndex:
        """County and district names, full and short (for an excerpt's shared city)."""
        return self._cached("counties", "", lambda: PhraseIndex(county_words(self.full, self.short)))

    def home_record(self, doc: Doc) -> PlaceRecord | None:
        """The document's own place: ``doc._.home_place`` if set, else the place named in its title lines."""
        name = doc._.home_place or self.home_name(doc_text(doc))
        if not name:
            return None
        recs = self.full.get(name) or self.short.get(name) or []
        if not recs:
            # A chain such as 内蒙古自治区呼伦贝尔市海拉尔区: its most specific known division.
            recs = next((self.full[name[i:]] for i in range(1, len(name) - 1) if name[i:] in self.full), [])
        recs = [r for r in recs if r.adcode]
        return min(recs, key=lambda r: LEVEL_RANK.get(r.level, 9)) if recs else None

    def resolve(self, surface: str, home: PlaceRecord | None) -> dict:
        """The reading for ``surface``: regions first, then the best gazetteer candidate given ``home``."""
        if surface in self.regions:
            row = self.regions[surface]
            return {"name": row["canonical"], "adcode": row["adcode"] or None, "level": row["kind"], "parent": None}
        cands = self.full.get(surface, []) + [r for r in self.short.get(surface, [])]
        if not cands:  # a grouping of province names (沪苏浙)
            return {"name": surface, "adcode": None, "level": "region", "parent": None}
        home_code = home.adcode if home and home.adcode else ""

        def rank(rec: PlaceRecord) -> tuple:
            same_city = bool(home_code) and rec.city_code == home_code[:4] and not home_code.endswith("0000")
            same_prov = bool(home_code) and rec.province_code == home_code[:2]
            if rec.name == surface:
                tier = 0 if same_city else 1 if same_prov else 2
            elif rec.level in ("province", "city"):
                tier = 3  # 长沙 is the city before it is a street in a home county
            else:
                tier = 4 if same_city else 5 if same_prov else 6
            return (tier, LEVEL_RANK.get(rec.level, 9), rec.adcode or "~")

        ranked = sorted(cands, key=rank)
        best = rank(ranked[0])[:2]
        tied = list({(r.name, r.adcode, r.parent): r for r in ranked if rank(r)[:2] == best}.values())
        if len(tied) == 1:
            return tied[0].as_reading()
        # Equally likely places (朝阳区 of Beijing and of Changchun, with no home place to choose): still a PLACE,
        # with no code and every candidate.
        names, levels = {r.name for r in tied}, {r.level for r in tied}
        return {"name": names.pop() if len(names) == 1 else surface, "adcode": None,
                "level": levels.pop() if len(levels) == 1 else None, "parent": None,
                "candidates": [r.as_reading() for r in tied]}

    def find(self, text: str, home: PlaceRecord | None) -> list[CharSpan]:
        """All PLACE spans in ``text``."""
        blocked: set[int] = set()
        if self.not_inside is not None:
            for m in self.not_inside.finditer(text):
                blocked.update(range(m.start(), m.end()))
        # A quote that is just a place is that place (“北京”); a title that is just a place is a title (《右玉》).
        inside_names = [(*m.span(1), False) if m.group(1) is not None else (*m.span(2), True)
                        for m in _QUOTED_NAME.finditer(text)]
        name_starts = [a for a, _, _ in inside_names]
        found = []
        matches = self._matches(text, home.adcode if home is not None and home.adcode else "")
        swallowed = -1  # the end of a longer place that took in the matches before it (内蒙古东部地区)
        for k, (start, end) in enumerate(matches):
            if start < swallowed:
                continue
            q = bisect_right(name_starts, start) - 1
            inside = q >= 0 and end <= inside_names[q][1] and (inside_names[q][2] or inside_names[q][:2] != (start, end))
            if start in blocked or inside:
                continue  # 《东北抗联》, “北京蓝”, “江门优品”: part of a quoted name or a title
            longer = self._joined_region(text, matches, k, blocked) or self._longer_place(text, matches, k, blocked)
            if longer is not None:
                stop, level = longer
                swallowed = stop
                if level == "river" and self.starts_a_name(text, start, stop):
                    continue  # 海拉尔河堤防工程: a river starting a project's name, as a place would
                found.append(CharSpan(start, stop, "PLACE", "place",
                                      {"name": text[start:stop], "adcode": None, "level": level, "parent": None}))
                continue
            if self.starts_a_name(text, start, end):
                continue
            found.append(CharSpan(start, end, "PLACE", "place", self.resolve(text[start:end], home)))
        return settle_by_document(found)

    def __call__(self, doc: Doc) -> Doc:
        """Add PLACE entities to ``doc``."""
        return add_entities(doc, self.find(doc_text(doc), self.home_record(doc)))

    def to_disk(self, path: Path, exclude: tuple = ()) -> None:
        """Write the gazetteer (TSV), the short forms dropped as common words and jieba's two-character words."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        write_gazetteer(self.records, path / "gazetteer.tsv")
        srsly.write_json(path / "countries.json", self.countries)
        write_word_lists(path, self.common_shorts, self.common_town_words, self.word_freq)
        self.rule_files.to_disk(path)

    def from_disk(self, path: Path, exclude: tuple = ()) -> "PlaceRecognizer":
        """Read what :meth:`to_disk` wrote."""
        path = Path(path)
        needed = ("gazetteer.tsv", "countries.json", *WORD_LIST_FILES)
        if not all((path / name).exists() for name in needed):
            raise FileNotFoundError(f"{path}: no {' or '.join(needed)} (a pipeline saved by an older "
                                    "govdoc-nlp?); run `govdoc setup --force`")
        common, town_common, word_freq = read_word_lists(path)
        self.set_rules(RuleFiles.from_disk(path, RULE_FILES))
        self.set_records(read_gazetteer(path / "gazetteer.tsv"), common, srsly.read_json(path / "countries.json"),
                         town_common, word_freq)
        return self


def _town_short(name: str) -> str:
    """新会城街道 → 新会城 (a plain loop: 43,000 towns are read at every load)."""
    for suffix in _TOWN_SUFFIXES:
        if name.endswith(suffix):
            return name[:-len(suffix)]
    return name


# Up to 6 characters between a place and a region word, none of them a link or a count: not 长江的流域,
# 海河等流域, 鲁南三大经济圈.
REGION_GAP = "[^\\W的等和与及一二三四五六七八九十两A-Za-z0-9_]{0,6}?"
LEVEL_RANK = {"province": 0, "city": 1, "district": 2, "county": 2, "town": 3}


@Language.factory("govdoc_places", assigns=["doc.user_data"])
def make_place_recognizer(nlp: Language, name: str) -> PlaceRecognizer:
    """spaCy factory for :class:`PlaceRecognizer`."""
    return PlaceRecognizer(nlp, name)
