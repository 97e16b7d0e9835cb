"""PlaceRecognizer: administrative divisions, short forms and regions, disambiguated by the document's own place.

Three phases, in :meth:`PlaceRecognizer.find`: candidate stages propose matches (``candidate_stages``, in the
order listed there); decisions keep each as a place, a longer named place or nothing (quoted names and titles,
not_inside words, suffixes, names of organisations and facilities); disambiguation gives each a reading by the
document's own place, then by the rest of the document (``discourse``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from govdoc_nlp.extensions import doc_text  # importing it registers Span._.place, Doc._.home_place
from govdoc_nlp.alignment import CharSpan, add_entities
from govdoc_nlp.data_files import parse_tsv
from govdoc_nlp.places.candidate_stages import MatchStage, candidate_stages
from govdoc_nlp.places.short_forms import WORD_LIST_FILES, read_word_lists, write_word_lists
from govdoc_nlp.places.gazetteer import PlaceRecord, read_gazetteer, write_gazetteer
from govdoc_nlp.places.discourse import settle_by_document
from govdoc_nlp.places.home_place import EXCERPT_MAX_CHARS, HOME_HEAD_CHARS, named_in_title, shared_city
from govdoc_nlp.places.longer_places import LongerPlaces
from govdoc_nlp.places.name_starts import NameStarts, rule_values, rule_words
from govdoc_nlp.places.place_names import PlaceNames
from govdoc_nlp.rule_files import DEFAULT, RuleFiles
from govdoc_nlp.saved_files import BytesFromFiles

# A quoted name (up to 20 characters) or a title (up to 80): places inside are part of the name.
_QUOTED_NAME = re.compile(r"“([^“”《》\n]{2,20})”|《([^《》\n]{2,80})》")
# The kinds of row place_rules.tsv may hold (its header comment says what each does).
PLACE_RULE_KINDS = ("stop_short", "stop_name", "not_inside", "org_suffix", "name_breaking_verb", "people_word",
                    "branch_suffix", "branch_owner", "facility_suffix", "facility_suffix_not_before", "region_suffix",
                    "shared_region_suffix", "lake_suffix", "part_suffix", "river_suffix", "river_suffix_not_before",
                    "word_before_place", "reservoir_modifier", "reservoir_stop_chars", "grouping_chars",
                    "grouping_word_start", "area_word", "product_suffix", "distinct_short_min_chars", "route_word",
                    "route_verb", "name_stop_chars", "group_word", "feature_word",
                    "feature_modifier", "water_suffix", "org_suffix_not_in", "org_suffix_not_before", "zone_suffix",
                    "count_word", "listed_name_word", "distinct_town_min_chars",
                    "direction_suffix", "disaster_word", "disaster_modifier",
                    "disaster_word_not_before", "town_area_word", "town_area_word_not_before",
                    "distinct_town_not_ending", "distinct_town_start_max_freq", "numeral_follower")
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
        names = self.names
        self.set_rules(RuleFiles.load(RULE_FILES, rules))
        self.set_records(names.records, frozenset(names.common_shorts), names.countries,
                         frozenset(names.common_town_words), names.word_freq)

    def set_rules(self, files: RuleFiles) -> None:
        """Use these rule files (call :meth:`set_records` after, to index the gazetteer by them)."""
        self.rule_files = files
        self.rules = parse_tsv("place_rules.tsv", files.texts["place_rules.tsv"], ("kind", "value"),
                               {"kind": PLACE_RULE_KINDS})
        self.starts_a_name = NameStarts(self.rules)
        self.longer_place = LongerPlaces(self.rules)
        not_inside = rule_words(self.rules, "not_inside")
        self.not_inside = re.compile(not_inside) if not_inside else None
        self.curated_regions = {r["name"]: r for r in parse_tsv("regions.tsv", files.texts["regions.tsv"])}

    def set_records(self, records: list[PlaceRecord], common_shorts: frozenset[str] | None = None,
                    countries: list[dict[str, str]] = (), common_town_words: frozenset[str] | None = None,
                    word_freq: dict[str, int] | None = None) -> None:
        """Install a gazetteer and a country list (from ``govdoc setup``; rows shaped like ``data/regions.tsv``,
        the curated regions file wins where both name a place), index their surface forms (:class:`PlaceNames`
        says what the word lists are) and set up the candidate stages over them."""
        # A development zone the gazetteer lists as a district (包头稀土高新技术产业开发区) is a name that keeps the
        # place it starts with (guidelines §4), as other zones do.
        zones = tuple(rule_values(self.rules, "zone_suffix"))
        zone_names = {r.name for r in records if zones and r.level in ("county", "district") and r.name.endswith(zones)}
        self.names = PlaceNames(records, countries, self.curated_regions,
                                frozenset(rule_values(self.rules, "stop_name")) | zone_names,
                                frozenset(rule_values(self.rules, "stop_short")),
                                common_shorts, common_town_words, word_freq)
        self.stages: tuple[MatchStage, ...] = candidate_stages(self.names, self.rules)

    def candidates(self, text: str, home_code: str) -> list[tuple[int, int]]:
        """The matches of every candidate stage in turn: leftmost-longest, without overlaps."""
        matches: list[tuple[int, int]] = []
        for stage in self.stages:
            matches = stage(text, matches, home_code)
        return matches

    def decide(self, text: str, matches: list[tuple[int, int]], home: PlaceRecord | None) -> list[CharSpan]:
        """The places among the candidate ``matches``, each read given the document's ``home`` place."""
        blocked: set[int] = set()
        if self.not_inside is not None:
            for m in self.not_inside.finditer(text):
                blocked.update(range(m.start(), m.end()))
        # A quote that is just a place is that place (“北京”); a title that is just a place is a title (《右玉》).
        inside_names = [(*m.span(1), False) if m.group(1) is not None else (*m.span(2), True)
                        for m in _QUOTED_NAME.finditer(text)]
        name_starts = [a for a, _, _ in inside_names]
        found = []
        swallowed = -1  # the end of a longer place that took in the matches before it (内蒙古东部地区)
        for k, (start, end) in enumerate(matches):
            if start < swallowed:
                continue
            q = bisect_right(name_starts, start) - 1
            name_start, name_end, is_title = inside_names[q] if q >= 0 else (0, -1, False)
            inside = end <= name_end and (is_title or (name_start, name_end) != (start, end))
            if start in blocked or inside:
                continue  # 《东北抗联》, “北京蓝”, “江门优品”: part of a quoted name or a title
            # The last of a 、-list of places shares the name word with them (府谷、定边机场; 南宁、百色、来宾、梧州泛铝件
            # 先进制造基地): listed, it names a place, as the items before it do — unless the word names each of
            # them (贺兰山、六盘山国家公园: listed_name_word rows), and then none of them is a place.
            listed = start > 0 and text[start - 1] == "、" and bool(found) and found[-1].end == start - 1
            longer = self.longer_place(text, matches, k, blocked)
            stop = longer[0] if longer is not None else end
            each = listed and self.starts_a_name.names_each_listed(text, stop)
            if each and self.starts_a_name(text, start, stop):
                _drop_listed_before(text, found, start)
                continue
            if longer is not None:
                level = longer[1]
                swallowed = stop
                if level == "river" and not listed and self.starts_a_name(text, start, stop):
                    continue  # 海拉尔河堤防工程: a river starting a project's name, as a place would
                found.append(CharSpan(start, stop, "PLACE", "place",
                                      {"name": text[start:stop], "adcode": None, "level": level, "parent": None}))
                continue
            if not listed and self.starts_a_name(text, start, end):
                continue
            found.append(CharSpan(start, end, "PLACE", "place", self.names.resolve(text[start:end], home)))
        return found

    def find(self, text: str, home: PlaceRecord | None) -> list[CharSpan]:
        """All PLACE spans in ``text``: candidates, decisions, then the document settles ambiguous readings."""
        matches = self.candidates(text, home.adcode if home is not None and home.adcode else "")
        return settle_by_document(self.decide(text, matches, home))

    def home_name(self, text: str) -> str | None:
        """The place a document's opening names as its own: in its title lines, else the city or province it names
        most (an excerpt: by full name or a short form that names only it), else the city its county names share."""
        if named := named_in_title(text):
            return named
        head = text[:HOME_HEAD_CHARS]
        full, short = self.names.full, self.names.short
        # A division counts by full name; in an excerpt also by a short form that names only it (天津 and 天津市
        # are one), as an excerpt has no title line (a long text's short forms are mostly lists of addressees).
        excerpt = len(text) <= EXCERPT_MAX_CHARS
        forms = (full, short) if excerpt else (full,)
        counts: Counter[str] = Counter()
        for s, e in self.names.global_index().find(head):
            surface = head[s:e]
            if surface not in full and (not excerpt or self.starts_a_name(head, s, e)):
                continue  # 新疆生产建设兵团 in a notice's addressees
            recs = {r.name for form in forms for r in form.get(surface, []) if r.level in ("city", "province")}
            if len(recs) == 1:
                counts[recs.pop()] += 1
        if counts:
            return counts.most_common(1)[0][0]
        counties = [head[s:e] for s, e in self.names.county_index().find(head)]
        return shared_city(counties, full, short)

    def home_record(self, doc: Doc) -> PlaceRecord | None:
        """The document's own place: ``doc._.home_place`` if set, else the place named in its title lines."""
        name = doc._.home_place or self.home_name(doc_text(doc))
        return self.names.record_of(name) if name else None

    def __call__(self, doc: Doc) -> Doc:
        """Add PLACE entities to ``doc``."""
        return add_entities(doc, self.find(doc_text(doc), self.home_record(doc)))

    def to_disk(self, path: Path, exclude: tuple = ()) -> None:
        """Write the gazetteer (TSV), the short forms dropped as common words and jieba's two-character words."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        write_gazetteer(self.names.records, path / "gazetteer.tsv")
        srsly.write_json(path / "countries.json", self.names.countries)
        write_word_lists(path, self.names.common_shorts, self.names.common_town_words, self.names.word_freq)
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


@Language.factory("govdoc_places", assigns=["doc.user_data"])
def make_place_recognizer(nlp: Language, name: str) -> PlaceRecognizer:
    """spaCy factory for :class:`PlaceRecognizer`."""
    return PlaceRecognizer(nlp, name)


def _drop_listed_before(text: str, found: list[CharSpan], start: int) -> None:
    """Remove from ``found`` the places of the 、-list that ends right before ``start`` (贺兰山 in 贺兰山、六盘山国家公园),
    back to an item that carries its own kind word (藻渡水库 in 藻渡水库、重庆站: a reservoir, not a station)."""
    while found and found[-1].end == start - 1 and text[start - 1] == "、":
        if (found[-1].value or {}).get("level") in ("lake", "river"):
            return
        start = found.pop().start
