"""The ledger's data: the indicator catalogue (``data/indicators.tsv``) and its phrases (``data/ledger_phrases.tsv``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from govdoc_nlp.data_files import DataFileError, package_text, parse_tsv, read_tsv
from govdoc_nlp.trie_pattern import trie_regex

MEASURES = ("growth", "change", "level", "rate")
BETTER = ("higher", "lower")
UNITS = ("%", "‰", "人", "元", "斤", "吨", "公斤", "-")  # "-": a figure written without a unit (1000万)
PHRASE_KINDS = ("target_passage", "no_target", "long_term", "soft_note", "verdict", "at_most_lead", "at_least_lead",
                "fall_lead", "share_lead", "multi_year", "past_year", "restated_target", "plan_target", "annual_average",
                "place_alias", "this_year", "year_summary", "from_lead", "not_this_year", "next_year", "plan_name",
                "long_span", "target_rationale")
THIS_YEAR_SCOPES = ("anywhere", "plan_part")
VERDICTS = ("met", "missed")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Indicator:
    """One row of the catalogue."""

    id: str
    units: tuple[str, ...]
    measure: str
    better: str
    names: tuple[str, ...]

    @property
    def unit(self) -> str:
        """The unit the ledger gives its figures in."""
        return self.units[0]

    def takes(self, unit: str | None) -> bool:
        """Whether a figure in ``unit`` can be a value of this indicator."""
        return (unit or "-") in self.units


@dataclass(frozen=True)
class Catalogue:
    """Indicators by id and by name, with a regex finding their names (longest first)."""

    indicators: dict[str, Indicator]
    by_name: dict[str, tuple[Indicator, ...]]
    names: re.Pattern[str]

    def find_names(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of every indicator name in ``text``, leftmost-longest, not overlapping."""
        return [(m.start(), m.end(), m.group()) for m in self.names.finditer(text)]


def _indicator(row: dict[str, str], where: str) -> Indicator:
    if not _ID.match(row["id"]):
        raise DataFileError(f"{where}: indicator id {row['id']!r} is not snake_case")
    units = tuple(row["units"].split("|"))
    if unknown := [u for u in units if u not in UNITS]:
        raise DataFileError(f"{where}: unknown unit(s) {unknown}; allowed: {list(UNITS)}")
    if row["measure"] not in MEASURES:
        raise DataFileError(f"{where}: measure {row['measure']!r} is not one of {list(MEASURES)}")
    if row["better"] not in BETTER:
        raise DataFileError(f"{where}: better {row['better']!r} is not one of {list(BETTER)}")
    names = tuple(n for n in row["names"].split("|") if n)
    if not names:
        raise DataFileError(f"{where}: no names")
    return Indicator(row["id"], units, row["measure"], row["better"], names)


@lru_cache(maxsize=1)
def indicator_catalogue() -> Catalogue:
    """The catalogue, validated: an unknown unit, measure or a repeated id is an error naming the row."""
    indicators: dict[str, Indicator] = {}
    by_name: dict[str, list[Indicator]] = {}
    for n, row in enumerate(read_tsv("indicators.tsv"), 1):
        indicator = _indicator(row, f"indicators.tsv row {n}")
        if indicator.id in indicators:
            raise DataFileError(f"indicators.tsv row {n}: indicator {indicator.id!r} appears twice")
        indicators[indicator.id] = indicator
        for name in indicator.names:
            by_name.setdefault(name, []).append(indicator)
    return Catalogue(indicators, {k: tuple(v) for k, v in by_name.items()}, re.compile(trie_regex(list(by_name))))


@lru_cache(maxsize=1)
def unit_factors() -> dict[str, tuple[str, float]]:
    """``ledger_units.tsv``: a unit to (base unit, how many of the base it is), validated."""
    factors = {}
    for n, row in enumerate(parse_tsv("ledger_units.tsv", package_text("ledger_units.tsv"), ("unit", "base", "factor"),
                                      {"unit": UNITS, "base": UNITS}), 1):
        try:
            factors[row["unit"]] = (row["base"], float(row["factor"]))
        except ValueError:
            raise DataFileError(f"ledger_units.tsv row {n}: factor {row['factor']!r} is not a number") from None
    return factors


def in_unit(value: float | None, unit: str | None, wanted: str | None) -> float | None:
    """``value`` (in ``unit``) in ``wanted`` where the two are units of one quantity (4350亿公斤 in 吨); as it
    is otherwise."""
    factors = unit_factors()
    if value is None or unit == wanted or unit not in factors or wanted not in factors:
        return value
    (base, factor), (wanted_base, wanted_factor) = factors[unit], factors[wanted]
    return value * factor / wanted_factor if base == wanted_base else value


@dataclass(frozen=True)
class LedgerPhrases:
    """The phrases of ``ledger_phrases.tsv``, compiled."""

    target_passage: re.Pattern[str]
    no_target: tuple[tuple[re.Pattern[str], str], ...]
    long_term: re.Pattern[str]
    soft_note: tuple[re.Pattern[str], ...]
    verdicts: tuple[tuple[re.Pattern[str], str], ...]
    at_most_lead: re.Pattern[str]
    at_least_lead: re.Pattern[str]
    fall_lead: re.Pattern[str]
    share_lead: re.Pattern[str]
    multi_year: re.Pattern[str]
    past_year: re.Pattern[str]
    year_summary: re.Pattern[str]
    from_lead: re.Pattern[str]
    not_this_year: re.Pattern[str]
    next_year: re.Pattern[str]
    restated_target: re.Pattern[str]
    plan_target: re.Pattern[str]
    plan_words: re.Pattern[str]
    this_year_in_plan: re.Pattern[str]
    annual_average: re.Pattern[str]
    place_aliases: dict[str, str]
    plan_name: re.Pattern[str]
    plan_starts: dict[str, int]
    long_span: re.Pattern[str]
    target_rationale: re.Pattern[str]


def _spaced(phrase: str) -> str:
    """A regex for ``phrase`` that also matches it broken by line breaks or spaces (PDF-extracted text)."""
    return r"\s*".join(re.escape(ch) for ch in phrase)


def _words(rows: list[dict[str, str]]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(r["phrase"]) for r in rows) or "(?!)")


@lru_cache(maxsize=1)
def ledger_phrases() -> LedgerPhrases:
    """The ledger's phrases, validated (an unknown kind, indicator or verdict is an error naming the row)."""
    rows: dict[str, list[dict[str, str]]] = {kind: [] for kind in PHRASE_KINDS}
    indicators = indicator_catalogue().indicators
    checked = parse_tsv("ledger_phrases.tsv", package_text("ledger_phrases.tsv"), ("kind", "phrase", "value"),
                        {"kind": PHRASE_KINDS})
    for n, row in enumerate(checked, 1):
        where = f"ledger_phrases.tsv row {n}"
        if row["kind"] == "no_target" and row["value"] not in indicators:
            raise DataFileError(f"{where}: unknown indicator {row['value']!r}")
        if row["kind"] == "this_year" and row["value"] not in THIS_YEAR_SCOPES:
            raise DataFileError(f"{where}: this_year scope {row['value']!r} is not one of {list(THIS_YEAR_SCOPES)}")
        if row["kind"] == "verdict" and row["value"] not in VERDICTS:
            raise DataFileError(f"{where}: verdict {row['value']!r} is not one of {list(VERDICTS)}")
        if row["kind"] == "plan_name" and not re.fullmatch(r"(?:19|20)\d\d", row["value"]):
            raise DataFileError(f"{where}: plan_name value {row['value']!r} is not a year")
        if row["kind"] in ("soft_note", "verdict", "from_lead", "long_span", "target_rationale"):
            try:
                re.compile(row["phrase"])
            except re.error as err:
                raise DataFileError(f"{where}: bad regular expression ({err})") from None
        rows[row["kind"]].append(row)
    plan_words = _words(rows["plan_target"]).pattern
    names = "|".join(re.escape(r["phrase"]) for r in sorted(rows["plan_name"], key=lambda r: -len(r["phrase"])))
    this_year = _words([r for r in rows["this_year"] if r["value"] == "anywhere"]).pattern
    passage = "|".join(_spaced(r["phrase"]) for r in sorted(rows["target_passage"], key=lambda r: -len(r["phrase"])))
    return LedgerPhrases(
        target_passage=re.compile(rf"(?:{passage})\s*(?:是|为|：|:)"),
        no_target=tuple((re.compile(_spaced(r["phrase"])), r["value"]) for r in rows["no_target"]),
        long_term=_words(rows["long_term"]),
        soft_note=tuple(re.compile(r["phrase"]) for r in rows["soft_note"]),
        verdicts=tuple((re.compile(r["phrase"]), r["value"]) for r in rows["verdict"]),
        at_most_lead=_words(rows["at_most_lead"]),
        at_least_lead=_words(rows["at_least_lead"]),
        fall_lead=_words(rows["fall_lead"]),
        share_lead=_words(rows["share_lead"]),
        multi_year=_words(rows["multi_year"]),
        past_year=_words(rows["past_year"]),
        year_summary=_words(rows["year_summary"]),
        not_this_year=_words(rows["not_this_year"]),
        next_year=_words(rows["next_year"]),
        from_lead=re.compile("|".join(r["phrase"] for r in rows["from_lead"]) or "(?!)"),
        restated_target=_words(rows["restated_target"]),
        annual_average=_words(rows["annual_average"]),
        place_aliases={r["phrase"]: r["value"] for r in rows["place_alias"]},
        # 二十五年 and 第十五个 hold 十五 but name no plan: unquoted names only before a word of a period
        plan_name=re.compile(rf"[“\"](?P<quoted>{names})[”\"]|(?<![一二三四五六七八九十第])(?P<bare>{names})"
                             r"(?=时期|期间|计划|规划|末|以来)" if names else "(?!)"),
        plan_starts={r["phrase"]: int(r["value"]) for r in rows["plan_name"]},
        long_span=re.compile("|".join(r["phrase"] for r in rows["long_span"]) or "(?!)"),
        target_rationale=re.compile("|".join(r["phrase"] for r in rows["target_rationale"]) or "(?!)"),
        plan_target=re.compile(rf"(?:{this_year})[^。]*(?:{plan_words})|(?:{plan_words})[^。]*(?:{this_year})"),
        plan_words=re.compile(plan_words),
        this_year_in_plan=_words(rows["this_year"]),
    )
