"""The ledger and statements tables: each target of a report against the outcome the next report gives."""

from __future__ import annotations

from typing import Callable, Iterable, NamedTuple

import pandas as pd

from govdoc_nlp.io.document_meta import parse_year
from govdoc_nlp.target_ledger.catalogue import Indicator, in_unit, ledger_phrases
from govdoc_nlp.target_ledger.plans import plan_outcomes, plan_targets
from govdoc_nlp.target_ledger.sources import source_context
from govdoc_nlp.target_ledger.readings import Figure, report_outcomes, report_targets
from govdoc_nlp.target_ledger.verdicts import report_verdicts

LEDGER_COLUMNS = ["place", "adcode", "level", "year", "indicator", "unit", "target_low", "target_high", "qualifier",
                  "target_note", "target_text", "target_doc", "target_raw_start", "target_raw_end", "outcome_value",
                  "outcome_text", "outcome_doc", "outcome_raw_start", "outcome_raw_end", "gap", "status"]
STATEMENT_COLUMNS = ["place", "adcode", "level", "year", "verdict", "scope", "text", "doc", "raw_start", "raw_end"]
PLAN_COLUMNS = [c if c != "year" else "period" for c in LEDGER_COLUMNS]

PlaceCodes = Callable[[str], "str | None"]


def target_met(indicator: Indicator, qualifier: str, low: float, high: float, outcome: float) -> bool:
    """Whether ``outcome`` meets the target (docs/ledger.md): a higher-is-better indicator at or above its lower
    bound (at or below a ceiling, for ``at_most``); a lower-is-better one at or below its upper bound."""
    if indicator.better == "lower" or qualifier == "at_most":
        return outcome <= high
    return outcome >= low


def status_and_gap(indicator: Indicator, qualifier: str | None, low: float | None, high: float | None,
                   outcome: float | None) -> tuple[str, float | None]:
    """The row's status and its gap (outcome minus the nearer bound)."""
    if low is None or high is None:
        return "no_target", None
    if outcome is None:
        return "no_outcome", None
    bound = low if abs(outcome - low) <= abs(outcome - high) else high
    gap = round(outcome - bound, 6)
    return ("met" if target_met(indicator, qualifier or "exact", low, high, outcome) else "missed"), gap


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _doc_fields(record: dict) -> tuple[str, str | None, int | None]:
    meta = record.get("meta") or {}
    place = meta.get("place") or ""
    return ledger_phrases().place_aliases.get(place, place), meta.get("level"), parse_year(meta.get("year"))


class LedgerTables(NamedTuple):
    """The ledger (one row per place, year and indicator), the reports' verdicts, and the five-year plans' rows
    (one per place, period and indicator)."""

    ledger: pd.DataFrame
    statements: pd.DataFrame
    plans: pd.DataFrame


def _row(key: tuple, targets: dict, outcomes: dict, codes: dict, levels: dict) -> dict:
    place, period, _ = key
    target, target_doc = targets.get(key, (None, None))
    outcome, outcome_doc = outcomes.get(key, (None, None))
    indicator = (target or outcome).indicator
    low = target.low if target else None
    high = target.high if target else None
    # The unit as the target writes it (grain in 斤 or 吨), the outcome converted into it.
    unit = next((f.unit for f in (target, outcome) if f and indicator.takes(f.unit) and f.unit), indicator.unit)
    value = in_unit(outcome.value, outcome.unit, unit) if outcome else None
    status, gap = status_and_gap(indicator, target.qualifier if target else None, low, high, value)
    return {
        "place": place, "adcode": codes.get(place), "level": levels.get(place), "period": period,
        "indicator": indicator.id, "unit": unit, "target_low": _number(low),
        "target_high": _number(high), "qualifier": target.qualifier if target else None,
        "target_note": target.note if target else None, "target_text": target.text if target else None,
        "target_doc": target_doc, "target_raw_start": target.raw_start if target else None,
        "target_raw_end": target.raw_end if target else None, "outcome_value": _number(value),
        "outcome_text": outcome.text if outcome else None, "outcome_doc": outcome_doc,
        "outcome_raw_start": outcome.raw_start if outcome else None,
        "outcome_raw_end": outcome.raw_end if outcome else None, "gap": gap, "status": status,
    }


def ledger_tables(records: Iterable[dict], place_code: PlaceCodes | None = None,
                  sources: dict | None = None) -> LedgerTables:
    """The ledger, statements and plans tables from annotated records; a record without a year in its ``meta``
    is left out.

    A report of year t gives targets for t and outcomes (and verdicts) for t - 1; rows are keyed by (place, year,
    indicator), the first report of a place and year winning. A plan document (or, where none is given, a report
    in the plan's first year) gives the plan's annual-average targets; the report after the plan gives its
    outcomes (``plans.py``).
    ``place_code``: a place name to its division code. ``sources``: filled, when given, with each figure's
    context (``sources.source_context``) keyed by (doc, raw_start, raw_end) as the rows give them.
    """
    targets: dict[tuple, tuple[Figure, str]] = {}
    outcomes: dict[tuple, tuple[Figure, str]] = {}
    levels: dict[str, str | None] = {}
    from_plans: set[tuple] = set()  # targets a plan document gave: a report's plan part does not replace them
    statements = []
    for record in records:
        place, level, year = _doc_fields(record)
        if year is None:
            continue
        levels.setdefault(place, level)
        doc = record.get("source") or record.get("id") or ""
        found = []
        is_plan = (record.get("meta") or {}).get("period_end") is not None
        if not is_plan:
            found += [(targets, (place, year, i), f) for i, f in report_targets(record).items()]
            found += [(outcomes, (place, year - 1, i), f) for i, f in report_outcomes(record).items()]
        for table, (period, figures) in ((targets, plan_targets(record)), (outcomes, plan_outcomes(record))):
            found += [(table, (place, period, i), f) for i, f in figures.items()]
        for table, key, figure in found:
            if key in table and not (is_plan and key not in from_plans):
                continue
            table[key] = (figure, doc)
            if is_plan:
                from_plans.add(key)
            if sources is not None:
                sources[(doc, figure.raw_start, figure.raw_end)] = source_context(record, figure.start, figure.end, doc)
        for verdict in report_verdicts(record):
            statements.append({"place": place, "level": level, "year": year - 1, "verdict": verdict.verdict,
                               "scope": verdict.scope, "text": verdict.text, "doc": doc, "raw_start": verdict.raw_start,
                               "raw_end": verdict.raw_end})
    codes: dict[str, str | None] = {p: (place_code(p) if place_code and p else None) for p in levels}
    keys = sorted(set(targets) | set(outcomes), key=lambda k: (k[0], str(k[1]), k[2]))
    annual = [_row(k, targets, outcomes, codes, levels) for k in keys if isinstance(k[1], int)]
    plans = [_row(k, targets, outcomes, codes, levels) for k in keys if isinstance(k[1], str)]
    for row in statements:
        row["adcode"] = codes.get(row["place"])
    ledger = pd.DataFrame([{**r, "year": r["period"]} for r in annual], columns=LEDGER_COLUMNS)
    plan_table = pd.DataFrame(plans, columns=PLAN_COLUMNS)
    for frame in (ledger, plan_table):
        for column in ("target_raw_start", "target_raw_end", "outcome_raw_start", "outcome_raw_end"):
            frame[column] = frame[column].astype("Int64")
    ledger["year"] = ledger["year"].astype("Int64")
    table = pd.DataFrame(statements, columns=STATEMENT_COLUMNS)
    for column in ("year", "raw_start", "raw_end"):
        table[column] = table[column].astype("Int64")
    return LedgerTables(ledger, table, plan_table)
