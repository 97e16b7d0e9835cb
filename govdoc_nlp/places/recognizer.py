"""PlaceRecognizer: administrative divisions, short forms and regions, disambiguated by the document's own place."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from govdoc_nlp.extensions import doc_text  # importing it registers Span._.place, Doc._.home_place
from govdoc_nlp.alignment import CharSpan, add_entities
from govdoc_nlp.data_files import read_tsv
from govdoc_nlp.places.short_forms import common_non_nouns
from govdoc_nlp.places.gazetteer import PlaceRecord, read_gazetteer, write_gazetteer
from govdoc_nlp.phrase_index import PhraseIndex

_QUOTED_NAME = re.compile(r"[“《]([^“”《》\n]{2,20})[”》]")
_TOWN_SUFFIX = re.compile(r"(?:街道办事处|街道|镇|乡|苏木)$")
_HOME_HINT = re.compile(r"在(\S{2,12}?(?:省|市|自治区|区|县|旗))第[一二三四五六七八九十]+届人民代表大会")


class PlaceRecognizer:
    """Finds PLACE spans and sets ``span._.place = {"name", "adcode", "level", "parent"}``."""

    def __init__(self, nlp: Language, name: str = "govdoc_places") -> None:
        self.name = name
        rules = read_tsv("place_rules.tsv")
        self.stop_short = {r["value"] for r in rules if r["kind"] == "stop_short"}
        self.org_suffix = re.compile(
            "[\u4e00-\u9fffA-Za-z0-9]{0,5}?(?:" + "|".join(re.escape(r["value"]) for r in rules if r["kind"] == "org_suffix") + ")"
        )
        self.stop_name = {r["value"] for r in rules if r["kind"] == "stop_name"}
        self.region_suffix = re.compile(
            "[\u4e00-\u9fff]{0,6}?(?:" + "|".join(re.escape(r["value"]) for r in rules if r["kind"] == "region_suffix") + ")"
        )
        not_inside = [r["value"] for r in rules if r["kind"] == "not_inside"]
        self.not_inside = re.compile("|".join(map(re.escape, not_inside))) if not_inside else None
        self.regions = {r["name"]: r for r in read_tsv("regions.tsv")}
        self.set_records([])

    def set_records(self, records: list[PlaceRecord]) -> None:
        """Install a gazetteer (from ``govdoc setup``) and index its surface forms."""
        self.records = list(records)
        self.full: dict[str, list[PlaceRecord]] = {}
        self.short: dict[str, list[PlaceRecord]] = {}
        common = common_non_nouns() if self.records else frozenset()
        for rec in self.records:
            if rec.name in self.stop_name:
                continue
            self.full.setdefault(rec.name, []).append(rec)
            short = _TOWN_SUFFIX.sub("", rec.name) if rec.level == "town" else rec.short
            if len(short) < 2 or short == rec.name or short in self.stop_short:
                continue
            if rec.level not in ("province", "city") and short in common:
                continue  # 振兴 (振兴区), 新兴 (新兴县): a common verb or adjective first
            self.short.setdefault(short, []).append(rec)
        self._global_words.cache_clear()
        self._index_for.cache_clear()

    @lru_cache(maxsize=256)
    def _index_for(self, home_code: str) -> PhraseIndex:
        """Everything the recogniser looks for in a document whose home place has ``home_code``."""
        words = self._global_words()
        if home_code:
            words = words | self._home_words(home_code)
        return PhraseIndex(words)

    @lru_cache(maxsize=1)
    def _global_words(self) -> frozenset[str]:
        """Regions, and provinces, cities and counties by full name; provinces and cities by short name too."""
        words = set(self.regions)
        words.update(name for name, recs in self.full.items() if any(r.level != "town" for r in recs))
        words.update(short for short, recs in self.short.items() if any(r.level in ("province", "city") for r in recs))
        return frozenset(words)

    def _home_words(self, home_code: str) -> frozenset[str]:
        """Short county names in the home province; towns (full and short) in the home city."""
        words = {short for short, recs in self.short.items()
                 if any(r.level not in ("province", "city") and self._near_home(r, home_code) for r in recs)}
        words.update(name for name, recs in self.full.items()
                     if any(r.level == "town" and self._near_home(r, home_code) for r in recs))
        return frozenset(words)

    @staticmethod
    def _near_home(rec: PlaceRecord, home_code: str) -> bool:
        if rec.level == "town":
            return rec.city_code == home_code[:4] and not home_code.endswith("0000")
        return rec.province_code == home_code[:2]

    def home_record(self, doc: Doc) -> PlaceRecord | None:
        """The document's own place: ``doc._.home_place`` if set, else the place named in its title lines."""
        name = doc._.home_place
        if not name:
            m = _HOME_HINT.search(doc_text(doc)[:2000])
            name = m.group(1) if m else None
            if name is None:
                head = doc_text(doc)[:20000]
                counts = Counter(head[s:e] for s, e in self._index_for("").find(head))
                cities = [(n, c) for n, c in counts.most_common() if any(r.level in ("city", "province") for r in self.full.get(n, []))]
                name = cities[0][0] if cities else None
        if not name:
            return None
        recs = self.full.get(name) or self.short.get(name) or []
        recs = [r for r in recs if r.adcode]
        return min(recs, key=lambda r: LEVEL_RANK.get(r.level, 9)) if recs else None

    def resolve(self, surface: str, home: PlaceRecord | None) -> dict:
        """The reading for ``surface``: regions first, then the best gazetteer candidate given ``home``."""
        if surface in self.regions:
            row = self.regions[surface]
            return {"name": row["canonical"], "adcode": row["adcode"] or None, "level": row["kind"], "parent": None}
        cands = self.full.get(surface, []) + [r for r in self.short.get(surface, [])]
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

        return min(cands, key=rank).as_reading()

    def find(self, text: str, home: PlaceRecord | None) -> list[CharSpan]:
        """All PLACE spans in ``text``."""
        index = self._index_for(home.adcode if home is not None and home.adcode else "")
        blocked: set[int] = set()
        if self.not_inside is not None:
            for m in self.not_inside.finditer(text):
                blocked.update(range(m.start(), m.end()))
        inside_names = [m.span(1) for m in _QUOTED_NAME.finditer(text)]
        name_starts = [a for a, _ in inside_names]
        found = []
        matches = index.find(text)
        for k, (start, end) in enumerate(matches):
            q = bisect_right(name_starts, start) - 1
            inside = q >= 0 and end <= inside_names[q][1] and inside_names[q] != (start, end)
            if start in blocked or inside:
                continue  # 《东北抗联》, “北京蓝”, “江门优品”: part of a quoted name or a title
            region = self.region_suffix.match(text, end)
            next_start = matches[k + 1][0] if k + 1 < len(matches) else len(text)
            if region is not None and region.end() <= next_start:
                # 长江中游城市群, 江淮生态经济区: a named region that starts with a place name.
                name = text[start:region.end()]
                found.append(CharSpan(start, region.end(), "PLACE", "place",
                                      {"name": name, "adcode": None, "level": "region", "parent": None}))
                continue
            if self.org_suffix.match(text, end):
                continue
            found.append(CharSpan(start, end, "PLACE", "place", self.resolve(text[start:end], home)))
        return found

    def __call__(self, doc: Doc) -> Doc:
        """Add PLACE entities to ``doc``."""
        return add_entities(doc, self.find(doc_text(doc), self.home_record(doc)))

    def to_disk(self, path: Path, exclude: tuple = ()) -> None:
        """Write the gazetteer as JSONL."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        write_gazetteer(self.records, path / "gazetteer.jsonl")

    def from_disk(self, path: Path, exclude: tuple = ()) -> "PlaceRecognizer":
        """Read the gazetteer written by :meth:`to_disk`."""
        file = Path(path) / "gazetteer.jsonl"
        self.set_records(read_gazetteer(file) if file.exists() else [])
        return self


LEVEL_RANK = {"province": 0, "city": 1, "district": 2, "county": 2, "town": 3}


@Language.factory("govdoc_places", assigns=["doc.ents", "span._.place"])
def make_place_recognizer(nlp: Language, name: str) -> PlaceRecognizer:
    """spaCy factory for :class:`PlaceRecognizer`."""
    return PlaceRecognizer(nlp, name)
