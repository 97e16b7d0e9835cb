"""Five-year targets and outcomes: a plan's annual averages (年均增长7.5%) against those the report after it gives."""

from __future__ import annotations

from govdoc_nlp.io.document_meta import parse_year
from govdoc_nlp.target_ledger.readings import Figure, figures_in, first_each, review_sentences, sentence_ranges

FIRST_REGULAR_PLAN = 1981  # the sixth plan (1981-1985); plans start every five years since
PLAN_YEARS = 5


def starts_plan(year: int) -> bool:
    """Whether a five-year plan starts in ``year`` (1981, 1986, … 2026)."""
    return year >= FIRST_REGULAR_PLAN and (year - FIRST_REGULAR_PLAN) % PLAN_YEARS == 0


def period_label(start: int, end: int) -> str:
    """``2006-2010``."""
    return f"{start}-{end}"


def plan_targets(record: dict) -> tuple[str | None, dict[str, Figure]]:
    """(period, annual-average targets by indicator) of a plan document (its metadata gives a period, year
    ``2006-2010``), or of a report in a plan's first year (its plan part: “十五五”时期…年均增长5%左右)."""
    meta = record.get("meta") or {}
    year, end = parse_year(meta.get("year")), meta.get("period_end")
    if year is None:
        return None, {}
    if end is not None:
        return period_label(year, int(end)), first_each(figures_in(record, 0, len(record["text"]), average=True))
    if not starts_plan(year):
        return None, {}
    plan = [s for s in record.get("sents", ()) if s.get("section") == "plan"]
    figures = [f for a, b in sentence_ranges(plan) for f in figures_in(record, a, b, average=True)]
    return period_label(year, year + PLAN_YEARS - 1), first_each(figures)


def plan_outcomes(record: dict) -> tuple[str | None, dict[str, Figure]]:
    """(period, annual-average outcomes by indicator) of the plan that ended the year before a report: its review
    part's annual averages (国内生产总值…年均增长11.2%), when the report's year starts a new plan."""
    meta = record.get("meta") or {}
    year = parse_year(meta.get("year"))
    if year is None or meta.get("period_end") is not None or not starts_plan(year):
        return None, {}
    figures = [f for a, b in sentence_ranges(review_sentences(record)) for f in figures_in(record, a, b, average=True)]
    return period_label(year - PLAN_YEARS, year - 1), first_each(figures)
