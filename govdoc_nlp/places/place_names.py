"""PlaceNames: the gazetteer's names indexed for search (full names, short forms, regions, towns by province and
the words matched only near a document's own place), and the reading each name gives."""

from __future__ import annotations

from typing import Callable, Iterable, TypeVar

from govdoc_nlp.phrase_index import PhraseIndex
from govdoc_nlp.places.gazetteer import PlaceRecord
from govdoc_nlp.places.home_place import county_words
from govdoc_nlp.places.short_forms import common_non_nouns, common_non_places, two_character_words

T = TypeVar("T")
# 地区: Beijing names many towns by their 地区办事处 (南口地区 is 南口镇 of 昌平区).
_TOWN_SUFFIXES = ("街道办事处", "街道", "镇", "乡", "苏木", "地区")
_AUTONOMOUS = ("自治州", "自治县", "自治旗")
LEVEL_RANK = {"province": 0, "city": 1, "district": 2, "county": 2, "town": 3}


class PlaceNames:
    """A gazetteer, a country list and curated regions, indexed by every surface form a text may use.

    ``common_shorts``: short forms known to be common words; found from jieba's dictionary when not given (at
    setup), then saved with the pipeline so that loading does not read that dictionary.
    ``common_town_words``: town names and short forms that are words other than place names (stricter, for towns
    looked up across a province); found and saved like ``common_shorts``.
    ``word_freq``: jieba's two-character words and their frequencies (negative for names), to tell a place from the
    ends of two words (均衡水平); found and saved like ``common_shorts``.
    ``stop_name``, ``stop_short``: names and short forms never matched (place_rules.tsv).
    """

    def __init__(self, records: Iterable[PlaceRecord], countries: Iterable[dict[str, str]] = (),
                 curated_regions: dict[str, dict[str, str]] | None = None, stop_name: frozenset[str] = frozenset(),
                 stop_short: frozenset[str] = frozenset(), common_shorts: frozenset[str] | None = None,
                 common_town_words: frozenset[str] | None = None, word_freq: dict[str, int] | None = None) -> None:
        self.records = list(records)
        self.word_freq = word_freq if word_freq is not None else two_character_words() if self.records else {}
        self.countries = list(countries)
        self.regions = {r["name"]: r for r in self.countries if r["name"] not in stop_name}
        self.regions.update(curated_regions or {})
        self.stop_short = stop_short
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
            if rec.name in stop_name:
                continue
            self.full.setdefault(rec.name, []).append(rec)
            short = _town_short(rec.name) if rec.level == "town" else rec.short
            if rec.level == "town" and short != rec.name:
                self._add_province_town(rec, short, town_common)
            if short == rec.name and rec.name.endswith("地区") and rec.level == "city":
                short = rec.name[:-2]  # 阿里地区 → 阿里 (jionlp gives no short form)
            if len(short) < 2 or short == rec.name or short in stop_short:
                continue
            if rec.level not in ("province", "city") and short in common:
                self.common_shorts.add(short)
                continue  # 振兴 (振兴区), 新兴 (新兴县): a common verb or adjective first
            self.short.setdefault(short, []).append(rec)
            if rec.name.endswith(_AUTONOMOUS) and not short.endswith(rec.name[-1]):
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
        # Indexes built on first use, for these names only (each instance owns its own).
        self._indexes: dict[tuple[str, str], object] = {}

    def _add_province_town(self, rec: PlaceRecord, short: str, common_words: frozenset[str]) -> None:
        """Index a town (a name with a town suffix) by full and short name for its province's reports."""
        for word in (rec.name, short):
            if len(word) < 2 or word in self.stop_short:
                continue
            if word in common_words:
                self.common_town_words.add(word)
                continue
            self.province_towns.setdefault(rec.province_code, {}).setdefault(word, []).append(rec)

    def _cached(self, kind: str, key: str, build: Callable[[], T]) -> T:
        """The index ``kind`` for ``key``, built by ``build`` on first use and kept by this instance."""
        found = self._indexes.get((kind, key))
        if found is None:
            found = self._indexes[(kind, key)] = build()
        return found

    def knows(self, surface: str) -> bool:
        """Whether ``surface`` is a division's name or short form or a region."""
        return surface in self.full or surface in self.short or surface in self.regions

    def global_index(self) -> PhraseIndex:
        """Regions and provinces, cities and counties, searched in every document."""
        return self._cached("global", "", lambda: PhraseIndex(self.global_words()))

    def home_index(self, home_code: str) -> PhraseIndex:
        """Short county names and towns near the document's home place (small, built per home)."""
        return self._cached("home", home_code, lambda: PhraseIndex(self.home_words(home_code) - self.global_words()))

    def province_town_index(self, province_code: str) -> PhraseIndex:
        """Towns of a province (full and short names), for its provincial reports."""
        def build() -> PhraseIndex:
            words = set(self.province_towns.get(province_code, ()))
            return PhraseIndex(words - self.global_words() - self.home_words(province_code + "0000"))

        return self._cached("province towns", province_code, build)

    def distinct_county_index(self, min_chars: int) -> PhraseIndex:
        """County short forms of at least ``min_chars`` characters that name one division only and do not start
        with a province's or city's name (海拉尔, 满洲里, 格尔木): safe to match in any document, as full names are."""
        def build() -> PhraseIndex:
            common = self.global_words()
            # A form that starts with a province or city (河南县, 本溪县) would take 河南 out of 河南县城.
            words = {short for short, recs in self.short.items()
                     if len(short) >= min_chars and len(recs) == 1 and recs[0].level in ("county", "district")
                     and not any(short[:k] in common for k in range(2, len(short) + 1))}
            return PhraseIndex(words)

        return self._cached("distinct counties", str(min_chars), build)

    def county_index(self) -> PhraseIndex:
        """County and district names, full and short (for an excerpt's shared city)."""
        return self._cached("counties", "", lambda: PhraseIndex(county_words(self.full, self.short)))

    def global_words(self) -> frozenset[str]:
        """Regions, and provinces, cities and counties by full name; provinces and cities by short name too."""
        def build() -> frozenset[str]:
            words = set(self.regions)
            words.update(name for name, recs in self.full.items() if any(r.level != "town" for r in recs))
            words.update(short for short, recs in self.short.items()
                         if any(r.level in ("province", "city") for r in recs))
            return frozenset(words)

        return self._cached("global words", "", build)

    def home_words(self, home_code: str) -> frozenset[str]:
        """Short county names in the home province; towns (full and short) in the home city."""
        words = set(self.near_home.get(home_code[:2], ()))
        if not home_code.endswith("0000"):
            words.update(self.near_home.get(home_code[:4], ()))
        return frozenset(words)

    def is_parent(self, place: str, town: str, province_code: str) -> bool:
        """Whether ``place`` names the county or city of a town called ``town`` in the province."""
        reading = self.resolve(place, None)
        recs = self.province_towns.get(province_code, {}).get(town, [])
        names = {reading["name"], place}
        return any(rec.parent in names or (reading["adcode"] or "")[:4] == rec.city_code for rec in recs)

    def record_of(self, name: str) -> PlaceRecord | None:
        """The division ``name`` names (the highest level where several do), or, for a chain such as
        内蒙古自治区呼伦贝尔市海拉尔区, its most specific known division."""
        recs = self.full.get(name) or self.short.get(name) or []
        if not recs:
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


def _town_short(name: str) -> str:
    """新会城街道 → 新会城 (a plain loop: 43,000 towns are read at every load)."""
    for suffix in _TOWN_SUFFIXES:
        if name.endswith(suffix):
            return name[:-len(suffix)]
    return name
