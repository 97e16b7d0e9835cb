"""Scoring a ledger against a labelled one (guidelines §5): yearly and five-year rows, and malformed files."""

from __future__ import annotations

import json

import pytest

from govdoc_nlp.data_files import DataFileError
from govdoc_nlp.evaluate.ledger_scorer import (PLAN_KEYS, GoldTarget, ledger_documents, read_labelled_ledger,
                                               score_ledger)
from conftest import SHARED

REPORT_2016 = "national/national_中国_2016_政府工作报告.txt"


def gold(year, indicator: str, qualifier: str, low, high, outcome) -> GoldTarget:
    return GoldTarget("中国", year, indicator, qualifier, low, high, outcome, REPORT_2016, None)


def test_yearly_and_five_year_rows_are_scored_against_their_tables(ledger_2015_2017) -> None:
    (ledger, _, plans), _ = ledger_2015_2017
    rows = [
        gold(2016, "gdp_growth", "range", 6.5, 7, 6.7),  # 国内生产总值增长6.5%－7%; the 2017 report: 增长6.7%
        # the 2016 report: “十三五”时期…国内生产总值年均增长6.5%以上; its review of 2011-2015: 年均增长7.8%
        gold("2016-2020", "gdp_growth", "at_least", 6.5, 6.5, None),
        gold("2011-2015", "gdp_growth", None, None, None, 7.8),
        gold(2016, "cpi_growth", "about", 3, 3, 9.9),  # a wrong outcome: counted, and listed
    ]
    report = score_ledger(rows, ledger, plans)
    assert report["rows"] == 4
    assert report["targets_exact"] == 1.0
    assert report["outcomes_exact"] == 0.75
    assert [(e["year"], e["indicator"]) for e in report["errors"]] == [(2016, "cpi_growth")]
    # without the plans table the five-year rows are not found
    alone = score_ledger(rows, ledger)
    assert (alone["targets_exact"], alone["outcomes_exact"]) == (0.75, 0.5)


def write_rows(path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def plan_row(**changes) -> dict:
    row = {"place": "中国", "period": "2016-2020", "indicator": "gdp_growth", "unit": "%", "qualifier": "at_least",
           "target_low": 6.5, "target_high": 6.5, "target_note": "", "target_doc": REPORT_2016,
           "target_quote": "年均增长6.5%以上", "outcome_value": None, "outcome_doc": None, "outcome_quote": None}
    return {**row, **changes}


def test_a_five_year_set_is_read_and_finds_its_reports(tmp_path) -> None:
    path = tmp_path / "plans.jsonl"
    write_rows(path, [plan_row(), plan_row(period="2011-2015", indicator="cpi_growth")])
    rows = read_labelled_ledger(path)
    assert [r.year for r in rows] == ["2016-2020", "2011-2015"]
    names = {p.name for p in ledger_documents(rows, SHARED / "corpora")}
    # the target's report, and those of the next plans' first years, where outcomes are reported
    assert names == {"national_中国_2016_政府工作报告.txt", "national_中国_2021_政府工作报告.txt"}
    assert list(PLAN_KEYS)[1] == "period"


@pytest.mark.parametrize("changes, message", [
    ({"period": "2016"}, "period '2016' is not of the form 2006-2010"),
    ({"year": 2016}, "unknown key(s) ['year']"),
])
def test_a_malformed_five_year_row_is_an_error_naming_it(tmp_path, changes, message) -> None:
    path = tmp_path / "plans.jsonl"
    write_rows(path, [plan_row(), plan_row(indicator="cpi_growth", **changes)])
    with pytest.raises(DataFileError) as err:
        read_labelled_ledger(path)
    assert str(path) in str(err.value) and message in str(err.value)
