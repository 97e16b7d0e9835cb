"""PlaceRecognizer: administrative divisions, short forms and regions, disambiguated by the document's own place."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from govdoc_nlp import extensions  # noqa: F401  (registers Span._.place, Doc._.home_place)
from govdoc_nlp.alignment import CharSpan, add_entities
from govdoc_nlp.data_files import read_tsv
from govdoc_nlp.places.gazetteer import PlaceRecord, read_gazetteer, write_gazetteer
from govdoc_nlp.trie_pattern import trie_regex

_HOME_HINT = re.compile(r"在(\S{2,12}?(?:省|市|自治区|区|县|旗))第[一二三四五六七八九十]+届人民代表大会")


class PlaceRecognizer:
    """Finds PLACE spans and sets ``span._.place = {"name", "adcode", "level", "parent"}``."""

    def __init__(self, nlp: Language, name: str = "govdoc_places") -> None:
        self.name = name
        rules = read_tsv("place_rules.tsv")
        self.stop_short = {r["value"] for r in rules if r["kind"] == "stop_short"}
        self.org_suffix = re.compile(
            "^[\u4e00-\u9fff]{0,4}?(?:" + "|".join(re.escape(r["value"]) for r in rules if r["kind"] == "org_suffix") + ")"
        )
        self.regions = {r["name"]: r for r in read_tsv("regions.tsv")}
        self.set_records([])

    def set_records(self, records: list[PlaceRecord]) -> None:
        """Install a gazetteer (from ``govdoc setup``) and index its surface forms."""
        self.records = list(records)
        self.full: dict[str, list[PlaceRecord]] = {}
        self.short: dict[str, list[PlaceRecord]] = {}
        for rec in self.records:
            self.full.setdefault(rec.name, []).append(rec)
            if rec.short and len(rec.short) >= 2 and rec.short not in self.stop_short and rec.short != rec.name:
                self.short.setdefault(rec.short, []).append(rec)
        self._pattern_for.cache_clear()

    @lru_cache(maxsize=64)
    def _pattern_for(self, home_code: str) -> re.Pattern[str]:
        words = set(self.regions)
        for name, recs in self.full.items():
            if any(r.level != "town" or (home_code and r.city_code == home_code[:4]) for r in recs):
                words.add(name)
        for short, recs in self.short.items():
            if any(self._short_allowed(r, home_code) for r in recs):
                words.add(short)
        return re.compile(trie_regex(words))

    @staticmethod
    def _short_allowed(rec: PlaceRecord, home_code: str) -> bool:
        if rec.level in ("province", "city"):
            return True
        return bool(home_code) and rec.province_code == home_code[:2]

    def home_record(self, doc: Doc) -> PlaceRecord | None:
        """The document's own place: ``doc._.home_place`` if set, else the place named in its title lines."""
        name = doc._.home_place
        if not name:
            m = _HOME_HINT.search(doc.text[:2000])
            name = m.group(1) if m else None
            if name is None:
                counts = Counter(m.group() for m in self._pattern_for("").finditer(doc.text[:20000]))
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
            same_city = bool(home_code) and rec.city_code == home_code[:4] and home.level != "province"
            same_prov = bool(home_code) and rec.province_code == home_code[:2]
            return (not same_city, not same_prov, rec.name != surface, LEVEL_RANK.get(rec.level, 9), rec.adcode or "~")

        return min(cands, key=rank).as_reading()

    def find(self, text: str, home: PlaceRecord | None) -> list[CharSpan]:
        """All PLACE spans in ``text``."""
        found = []
        for m in self._pattern_for(home.adcode if home and home.adcode else "").finditer(text):
            if self.org_suffix.match(text, m.end()):
                continue
            found.append(CharSpan(m.start(), m.end(), "PLACE", "place", self.resolve(m.group(), home)))
        return found

    def __call__(self, doc: Doc) -> Doc:
        """Add PLACE entities to ``doc``."""
        add_entities(doc, self.find(doc.text, self.home_record(doc)))
        return doc

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
