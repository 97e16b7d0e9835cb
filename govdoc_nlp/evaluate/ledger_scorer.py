"""Score a ledger against a labelled ledger (guidelines §5): targets (bounds and qualifier) and outcomes exactly right."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from govdoc_nlp.data_files import DataFileError, first_json_line, parse_jsonl_rows
from govdoc_nlp.evaluate.scorer import same_number

GOLD_KEYS = ("place", "year", "indicator", "unit", "qualifier", "target_low", "target_high", "target_note",
             "target_doc", "target_quote", "outcome_value", "outcome_doc", "outcome_quote")
PLAN_KEYS = tuple("period" if k == "year" else k for k in GOLD_KEYS)
PERIOD = re.compile(r"(\d{4})-(\d{4})")


@dataclass(frozen=True)
class GoldTarget:
    """One labelled row: a year's target, or a five-year plan's (``year`` is then its period, ``2006-2010``)."""

    place: str
    year: int | str
    indicator: str
    qualifier: str
    low: float | None
    high: float | None
    outcome: float | None
    target_doc: str
    outcome_doc: str | None


def read_labelled_ledger(path: Path) -> list[GoldTarget]:
    """The rows of a labelled ledger, checked: a missing or unknown key or a repeated (place, year, indicator) is
    an error."""
    rows, seen = [], set()
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    keys = PLAN_KEYS if "period" in (first_json_line(path) or {}) else GOLD_KEYS
    for lineno, row in enumerate(parse_jsonl_rows(lines, str(path), frozenset(keys), frozenset(keys)), 1):
        where = f"{path} row {lineno}"
        if keys is PLAN_KEYS and not PERIOD.fullmatch(str(row["period"])):
            raise DataFileError(f"{where}: period {row['period']!r} is not of the form 2006-2010")
        year = row["period"] if keys is PLAN_KEYS else int(row["year"])
        key = (row["place"], year, row["indicator"])
        if key in seen:
            raise DataFileError(f"{where}: {key} appears twice")
        seen.add(key)
        rows.append(GoldTarget(row["place"], year, row["indicator"], row["qualifier"], row["target_low"],
                               row["target_high"], row["outcome_value"], row["target_doc"], row["outcome_doc"]))
    return rows


def is_ledger_set(path: Path) -> bool:
    """Whether a JSONL labelled set is a ledger (its first row has an ``indicator``)."""
    row = first_json_line(path)
    return isinstance(row, dict) and "indicator" in row


def _value(row: dict | None, column: str):
    """A cell of a ledger row, None where the row or the value is missing."""
    if row is None or pd.isna(row[column]):
        return None
    return row[column]


def score_ledger(gold: list[GoldTarget], ledger: pd.DataFrame, plans: pd.DataFrame | None = None) -> dict:
    """Share of labelled targets (qualifier and bounds) and outcomes (value, or none where the label has none)
    exactly right, overall and per indicator; with the targets found for labelled place-years but not labelled.
    Five-year rows are looked up in ``plans`` (keyed by period)."""
    rows = {(r["place"], int(r["year"]), r["indicator"]): r for r in ledger.to_dict("records")}
    if plans is not None:
        rows.update({(r["place"], r["period"], r["indicator"]): r for r in plans.to_dict("records")})
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    errors = []
    for g in gold:
        row = rows.get((g.place, g.year, g.indicator))
        found = [_value(row, c) for c in ("qualifier", "target_low", "target_high", "outcome_value")]
        target_ok = found[0] == g.qualifier and same_number(g.low, found[1]) and same_number(g.high, found[2])
        outcome_ok = same_number(g.outcome, found[3])
        for key in ("all", g.indicator):
            counts[key][0] += target_ok
            counts[key][1] += outcome_ok
            counts[key][2] += 1
        if not (target_ok and outcome_ok):
            errors.append({"place": g.place, "year": g.year, "indicator": g.indicator,
                           "gold": [g.qualifier, g.low, g.high, g.outcome], "found": found})
    labelled = {(g.place, g.year) for g in gold}
    gold_keys = {(g.place, g.year, g.indicator) for g in gold}
    unlabelled = sorted(f"{k[0]} {k[1]} {k[2]}" for k, r in rows.items()
                        if (k[0], k[1]) in labelled and k not in gold_keys and _value(r, "qualifier") is not None)
    per = {name: {"targets": round(c[0] / c[2], 4), "outcomes": round(c[1] / c[2], 4), "rows": c[2]}
           for name, c in sorted(counts.items())}
    return {"targets_exact": per["all"]["targets"], "outcomes_exact": per["all"]["outcomes"],
            "rows": per["all"]["rows"], "per_indicator": {k: v for k, v in per.items() if k != "all"},
            "targets_not_labelled": unlabelled, "errors": errors}


def _outcome_year(g: GoldTarget) -> int:
    """The year of the report that gives a labelled row's outcome: the next year's, or the next plan's first."""
    return int(PERIOD.fullmatch(g.year).group(2)) + 1 if isinstance(g.year, str) else g.year + 1


def ledger_documents(gold: list[GoldTarget], documents: Path) -> list[Path]:
    """The documents a labelled ledger needs, under ``documents``: each labelled target's document, the reports
    of the same place and year, and of the year its outcome would be reported (found by their metadata), from
    the folders its target and outcome documents are in."""
    from govdoc_nlp.io.document_meta import document_meta

    wanted = {(g.place, year) for g in gold for year in (g.year, _outcome_year(g)) if isinstance(year, int)}
    named = {Path(documents) / g.target_doc for g in gold}
    folders = sorted({p.parent for p in named} | {(Path(documents) / g.outcome_doc).parent for g in gold
                                                   if g.outcome_doc})
    paths = []
    for folder in folders:
        if not folder.is_dir():
            raise FileNotFoundError(f"{folder}: no such folder (is --documents the folder target_doc is under?)")
        for path in sorted(folder.glob("*.txt")):
            meta = document_meta(path)
            if path in named or (meta.get("place"), meta.get("year")) in wanted:
                paths.append(path)
    missing = sorted({str(Path(documents) / g.target_doc) for g in gold} - {str(p) for p in paths})
    if missing:
        raise FileNotFoundError(f"labelled target reports not found or without matching metadata: {missing[:3]}")
    return paths


def run_ledger_benchmark(gold_path: Path, documents: Path, segmenter: str = "pkuseg") -> dict:
    """Build the ledger of the reports a labelled ledger names and score it (``score_ledger``)."""
    from govdoc_nlp.target_ledger.build import build_ledger

    gold = read_labelled_ledger(gold_path)
    paths = ledger_documents(gold, documents)
    tables = build_ledger(paths, segmenter)
    return {"gold": str(gold_path), "documents": len(paths), **score_ledger(gold, tables.ledger, tables.plans)}
