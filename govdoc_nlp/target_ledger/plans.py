"""Five-year targets and outcomes: a plan's annual averages (年均增长7.5%) against those the report after it gives."""

from __future__ import annotations

from bisect import bisect_right

from govdoc_nlp.io.document_meta import parse_year
from govdoc_nlp.target_ledger.catalogue import ledger_phrases
from govdoc_nlp.target_ledger.readings import Figure, figures_in, first_each, paragraph_around, review_sentences
from govdoc_nlp.years import WRITTEN_YEAR, year_value

FIRST_REGULAR_PLAN = 1981  # the sixth plan (1981-1985); plans start every five years since
PLAN_YEARS = 5


def starts_plan(year: int) -> bool:
    """Whether a five-year plan starts in ``year`` (1981, 1986, … 2026)."""
    return year >= FIRST_REGULAR_PLAN and (year - FIRST_REGULAR_PLAN) % PLAN_YEARS == 0


def period_label(start: int, end: int) -> str:
    """``2006-2010``."""
    return f"{start}-{end}"


def _plans_named(text: str) -> list[tuple[int, int]]:
    """(position, first year) of each five-year plan ``text`` names (“八五”期间, 十四五时期)."""
    phrases = ledger_phrases()
    return [(m.start(), phrases.plan_starts[m.group("quoted") or m.group("bare")])
            for m in phrases.plan_name.finditer(text)]


OTHER_SPAN = -1  # a figure of a longer or later span than a plan document's own (十年平均每年增长6%)


class PlanPeriods:
    """Which plan a figure of a document speaks of: the plan its sentence names last before it (“八五”期间…年均增长
    百分之十二), else, in a report, the one its heading names; under a heading that names two (二、“十三五”时期
    发展成就和“十四五”时期主要目标任务) the later where the sentence stands in the plan part (the sections turn
    there), the earlier elsewhere. A plan document's headings are not read (their text runs into a chapter's first
    sentence there); instead a figure in a paragraph that names a year after the plan's end or a longer span (十年)
    is ``OTHER_SPAN``'s."""

    def __init__(self, record: dict) -> None:
        self.text = record["text"]
        self.sents = record.get("sents", ())
        self._starts = [s["start"] for s in self.sents]
        self.plan_end = (record.get("meta") or {}).get("period_end")

    def _sentence(self, figure: Figure) -> dict | None:
        k = bisect_right(self._starts, figure.start) - 1
        return self.sents[k] if k >= 0 and figure.start < self.sents[k]["end"] else None

    def sentence_start(self, figure: Figure) -> int | None:
        """Where the sentence holding ``figure`` starts."""
        sentence = self._sentence(figure)
        return sentence["start"] if sentence else None

    def period_of(self, figure: Figure) -> int | None:
        """The first year of the plan ``figure`` speaks of (``OTHER_SPAN``: a longer or later one), or None where
        its sentence and heading do not say."""
        sentence = self._sentence(figure)
        if sentence is None:
            return None
        before = [start for _, start in _plans_named(self.text[sentence["start"]:figure.start])]
        if before:
            return before[-1]
        if self.plan_end is not None:
            paragraph = paragraph_around(self.text, figure.start)
            later = any(year_value(m.group(1)) > int(self.plan_end) for m in WRITTEN_YEAR.finditer(paragraph))
            return OTHER_SPAN if later or ledger_phrases().long_span.search(paragraph) else None
        heading = sentence.get("heading") or ""
        named = sorted({start for _, start in _plans_named(heading)})
        if len(named) > 1:
            return named[-1] if sentence.get("section") == "plan" else named[0]
        return named[0] if named else None


def _figures_of(record: dict, first_year: int, part: set[int] | None) -> list[Figure]:
    """The annual-average figures of ``record`` that speak of the plan starting in ``first_year``: by name, or,
    where none is named, by standing in ``part`` (sentence starts; None: anywhere)."""
    periods = PlanPeriods(record)
    figures = figures_in(record, 0, len(record["text"]), average=True)
    return [f for f in figures
            if (periods.period_of(f) or (first_year if part is None or periods.sentence_start(f) in part else None))
            == first_year]


def plan_targets(record: dict) -> tuple[str | None, dict[str, Figure]]:
    """(period, annual-average targets by indicator) of a plan document (its metadata gives a period, year
    ``2006-2010``), less the figures of another plan it names (“八五”期间…年均增长百分之十二); or of a report in a
    plan's first year: the figures that speak of the new plan, by name or by standing in the plan part."""
    meta = record.get("meta") or {}
    year, end = parse_year(meta.get("year")), meta.get("period_end")
    if year is None:
        return None, {}
    if end is not None:
        return period_label(year, int(end)), first_each(_figures_of(record, year, None))
    if not starts_plan(year):
        return None, {}
    plan = {s["start"] for s in record.get("sents", ()) if s.get("section") == "plan"}
    return period_label(year, year + PLAN_YEARS - 1), first_each(_figures_of(record, year, plan))


def plan_outcomes(record: dict) -> tuple[str | None, dict[str, Figure]]:
    """(period, annual-average outcomes by indicator) of the plan that ended the year before a report in a new
    plan's first year: the figures that speak of the ended plan, by name (“十一五”…年均增长11.2%) or by standing
    in the review part."""
    meta = record.get("meta") or {}
    year = parse_year(meta.get("year"))
    if year is None or meta.get("period_end") is not None or not starts_plan(year):
        return None, {}
    review = {s["start"] for s in review_sentences(record)}
    return period_label(year - PLAN_YEARS, year - 1), first_each(_figures_of(record, year - PLAN_YEARS, review))
