"""The target ledger: targets and outcomes read from real national and Hailar reports, status rules, the CLI."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import SHARED
from typer.testing import CliRunner

from govdoc_nlp.cli import app
from govdoc_nlp.data_files import DataFileError
from govdoc_nlp.target_ledger.build import build_ledger, place_code_lookup
from govdoc_nlp.target_ledger.catalogue import _indicator, indicator_catalogue
from govdoc_nlp.target_ledger.table import LEDGER_COLUMNS, STATEMENT_COLUMNS, status_and_gap

NATIONAL = SHARED / "corpora" / "national"
HAILAR = SHARED / "corpora" / "county-hailar"
runner = CliRunner()


def national(year: int):
    return NATIONAL / f"national_中国_{year}_政府工作报告.txt"


def hailar(year: int):
    return HAILAR / f"county_内蒙古自治区呼伦贝尔市海拉尔区_{year}_政府工作报告.txt"


@pytest.fixture(scope="module")
def national_2015_2017(ledger_2015_2017):
    return ledger_2015_2017[0]


def row(ledger: pd.DataFrame, place: str, year: int, indicator: str) -> pd.Series:
    found = ledger[(ledger.place == place) & (ledger.year == year) & (ledger.indicator == indicator)]
    assert len(found) == 1, f"{place} {year} {indicator}: {len(found)} rows"
    return found.iloc[0]


def test_the_columns_are_exactly_the_documented_ones(national_2015_2017) -> None:
    ledger, statements, _ = national_2015_2017
    assert list(ledger.columns) == LEDGER_COLUMNS
    assert list(statements.columns) == STATEMENT_COLUMNS


def test_a_target_list_gives_each_indicator_its_bounds_and_qualifier(national_2015_2017) -> None:
    ledger, *_ = national_2015_2017
    # 2016: 国内生产总值增长6.5%－7%，居民消费价格涨幅3%左右，城镇新增就业1000万人以上，城镇登记失业率4.5%以内 … 单位国内生产总值能耗下降3.4%以上
    expected = {"gdp_growth": ("range", 6.5, 7.0), "cpi_growth": ("about", 3.0, 3.0),
                "urban_new_jobs": ("at_least", 1e7, 1e7), "registered_unemployment_rate": ("at_most", 4.5, 4.5),
                "energy_intensity_change": ("at_least", -3.4, -3.4)}
    for indicator, (qualifier, low, high) in expected.items():
        r = row(ledger, "中国", 2016, indicator)
        assert (r.qualifier, r.target_low, r.target_high) == (qualifier, low, high), indicator
    assert row(ledger, "中国", 2016, "gdp_growth").target_doc.endswith("national_中国_2016_政府工作报告.txt")


def test_the_outcome_comes_from_the_next_report_even_across_a_broken_line(national_2015_2017) -> None:
    ledger, *_ = national_2015_2017
    # 2017 report: 国内生产总值达到74.4\n万亿元，增长6.7% — the line breaks inside the figure's sentence.
    gdp = row(ledger, "中国", 2016, "gdp_growth")
    assert gdp.outcome_value == 6.7 and gdp.status == "met" and gdp.gap == pytest.approx(0.2)
    assert gdp.outcome_doc.endswith("national_中国_2017_政府工作报告.txt")
    text = national(2017).read_text(encoding="utf-8")
    assert text[gdp.outcome_raw_start:gdp.outcome_raw_end].endswith("6.7%")
    # 2015: about 7 %, 6.9 % reached — missed by 0.1 (the 2016 report's 增长6.9%).
    missed = row(ledger, "中国", 2015, "gdp_growth")
    assert (missed.outcome_value, missed.status, missed.gap) == (6.9, "missed", pytest.approx(-0.1))


def test_a_unit_is_turned_into_base_units_and_a_soft_note_is_kept(national_2015_2017) -> None:
    ledger, *_ = national_2015_2017
    jobs = row(ledger, "中国", 2016, "urban_new_jobs")
    assert jobs.unit == "人" and jobs.outcome_value == 13140000  # 城镇新增就业1314万人 (2017 report)
    note = row(ledger, "中国", 2017, "gdp_growth").target_note
    assert "争取更好结果" in note  # 国内生产总值增长6.5%左右，在实际工作中争取更好结果


def test_no_target_and_a_reports_own_verdict(nlp) -> None:
    ledger, statements, _ = build_ledger([national(2020), national(2021)], nlp=nlp)
    gdp = row(ledger, "中国", 2020, "gdp_growth")  # 我们没有提出全年经济增速具体目标
    assert (gdp.qualifier, gdp.status, gdp.outcome_value) == ("none", "no_target", 2.3)
    assert pd.isna(gdp.target_low) and "没有提出" in gdp.target_text
    verdicts = statements[statements.year == 2020]
    assert {"met"} == set(verdicts.verdict)  # 全年发展主要目标任务较好完成; “十三五”规划主要目标任务胜利完成
    assert {"year", "plan"} == set(verdicts["scope"])


def test_targets_stated_outside_the_list_and_in_a_plan_part_the_sections_miss(nlp) -> None:
    ledger, *_ = build_ledger([national(1994), national(1998)], nlp=nlp)
    gdp = row(ledger, "中国", 1994, "gdp_growth")  # 今年计划国内生产总值增长百分之九
    assert (gdp.qualifier, gdp.target_low, gdp.target_high) == ("exact", 9, 9)
    prices = row(ledger, "中国", 1998, "retail_price_growth")  # 商品零售价格涨幅控制在3 ％以内 (spaced digits)
    assert (prices.qualifier, prices.target_high) == ("at_most", 3)


def test_a_county_report_with_levels_and_a_joint_income_target(nlp) -> None:
    ledger, *_ = build_ledger([hailar(2015), hailar(2016)], nlp=nlp)
    place = "内蒙古自治区呼伦贝尔市海拉尔区"
    # 2015: 地区生产总值增长8%，达到296亿元 … (2016 report: 城乡居民人均可支配收入分别增长8.7%和8.6%)
    assert (row(ledger, place, 2015, "gdp").target_low, row(ledger, place, 2015, "gdp_growth").target_low) == (
        2.96e10, 8.0)
    assert row(ledger, place, 2015, "urban_resident_income_growth").outcome_value == 8.7
    assert row(ledger, place, 2015, "rural_resident_income_growth").outcome_value == 8.6
    # 2016: 城镇常住居民人均可支配收入、农村常住居民人均可支配收入均增长8%
    assert row(ledger, place, 2016, "urban_resident_income_growth").target_low == 8.0
    assert row(ledger, place, 2016, "rural_resident_income_growth").target_low == 8.0
    assert row(ledger, place, 2015, "gdp").adcode == "150702"


@pytest.mark.parametrize("indicator,qualifier,low,high,outcome,status", [
    ("gdp_growth", "about", 7.0, 7.0, 6.9, "missed"),
    ("gdp_growth", "range", 6.5, 7.0, 6.7, "met"),
    ("gdp_growth", "at_least", 6.0, 6.0, 8.1, "met"),
    ("registered_unemployment_rate", "at_most", 4.5, 4.5, 4.02, "met"),
    ("surveyed_unemployment_rate", "about", 5.5, 5.5, 5.6, "missed"),
    ("cpi_growth", "about", 3.0, 3.0, 2.0, "met"),
    ("energy_intensity_change", "at_least", -3.4, -3.4, -5.0, "met"),
    ("energy_intensity_change", "about", -2.5, -2.5, -1.2, "missed"),
    ("gdp_growth", None, None, None, 2.3, "no_target"),
    ("gdp_growth", "about", 5.0, 5.0, None, "no_outcome"),
])
def test_status_rules(indicator, qualifier, low, high, outcome, status) -> None:
    found, _ = status_and_gap(indicator_catalogue().indicators[indicator], qualifier, low, high, outcome)
    assert found == status


def test_a_malformed_catalogue_row_is_an_error_naming_it() -> None:
    row_ = {"id": "gdp_growth", "units": "%|dollars", "measure": "growth", "better": "higher", "names": "GDP"}
    with pytest.raises(DataFileError, match="row 3: unknown unit"):
        _indicator(row_, "indicators.tsv row 3")


def test_place_codes_from_metadata_names() -> None:
    code = place_code_lookup()
    assert code("四川省") == "510000"
    assert code("内蒙古自治区呼伦贝尔市海拉尔区") == "150702"
    assert code("中国") is None


def test_cli_writes_csv_parquet_and_statements(tmp_path) -> None:
    out = tmp_path / "ledger"
    result = runner.invoke(app, ["ledger", str(national(2023)), str(national(2024)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    csv = pd.read_csv(out / "ledger.csv")
    parquet = pd.read_parquet(out / "ledger.parquet")
    assert list(csv.columns) == LEDGER_COLUMNS and len(csv) == len(parquet) > 5
    gdp = parquet[(parquet.year == 2023) & (parquet.indicator == "gdp_growth")].iloc[0]
    assert (gdp.target_low, gdp.outcome_value, gdp.status) == (5.0, 5.2, "met")
    assert (out / "statements.csv").exists()
    assert not list(out.glob("*.tmp"))


def test_cli_missing_input_is_an_error_naming_it(tmp_path) -> None:
    result = runner.invoke(app, ["ledger", str(tmp_path / "nowhere.txt"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "nowhere.txt" in result.output
    assert not (tmp_path / "o").exists()


def test_annotated_records_are_read_as_they_are(tmp_path, nlp) -> None:
    from govdoc_nlp.annotate import annotate_documents
    from govdoc_nlp.io.readers import read_text_file

    records = list(annotate_documents(nlp, [read_text_file(national(2018)), read_text_file(national(2019))]))
    path = tmp_path / "annotated.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    from_records = build_ledger([path]).ledger
    from_text = build_ledger([national(2018), national(2019)], nlp=nlp).ledger
    pd.testing.assert_frame_equal(from_records.drop(columns=["target_doc", "outcome_doc"]),
                                  from_text.drop(columns=["target_doc", "outcome_doc"]))
    assert row(from_records, "中国", 2018, "gdp_growth").outcome_value == 6.6


def test_an_old_report_without_a_target_list_and_a_written_out_percentage(nlp) -> None:
    ledger, *_ = build_ledger([national(1990), national(1991)], nlp=nlp)
    gnp = row(ledger, "中国", 1990, "gnp_growth")  # 国家计划要求今年的国民生产总值比上年增长百分之五
    assert (gnp.qualifier, gnp.target_low, gnp.outcome_value, gnp.status) == ("exact", 5.0, 5.0, "met")
    # target 粮食产量达到４１２５０万吨, outcome 全国粮食总产量达到四千三百五十亿公斤: the outcome in the target's unit
    grain = row(ledger, "中国", 1990, "grain_output")
    assert (grain.unit, grain.target_low, grain.outcome_value, grain.status) == ("吨", 412500000.0, 435000000.0, "met")
    # 主要目标是：\n--农业总产值…\n--发展经济…\n--…全社会固定资产投资总规模五千亿元: every marked item is the list
    assert row(ledger, "中国", 1991, "fixed_asset_investment").target_low == 500000000000.0


def test_a_past_year_summed_up_outside_the_review_and_a_starting_value(nlp) -> None:
    ledger, *_ = build_ledger([national(1995), national(1996)], nlp=nlp)
    # 1996: its first part reviews five years; 过去的一年，…国内生产总值比上年增长10.2%，零售物价涨幅从21.7%回落到
    # 14.8% opens the plan part. 21.7% is where prices started from.
    gdp, prices = row(ledger, "中国", 1995, "gdp_growth"), row(ledger, "中国", 1995, "retail_price_growth")
    assert (gdp.qualifier, gdp.target_low, gdp.target_high, gdp.outcome_value) == ("range", 8.0, 9.0, 10.2)
    # 1995: 这是今年宏观调控的首要任务…。宏观调控的目标是，…力争控制在百分之十五左右 (the year in the paragraph)
    assert (prices.qualifier, prices.target_low, prices.outcome_value, prices.status) == ("about", 15.0, 14.8, "met")


def test_a_hedge_at_the_end_of_a_list_covers_the_list(nlp) -> None:
    ledger, *_ = build_ledger([SHARED / "corpora" / "provincial-2026" / "江西省-2026.txt"], nlp=nlp)
    # 城镇、农村居民人均可支配收入分别增长4.5%、5.5%左右
    urban = row(ledger, "江西省", 2026, "urban_resident_income_growth")
    rural = row(ledger, "江西省", 2026, "rural_resident_income_growth")
    assert (urban.qualifier, urban.target_low, rural.qualifier, rural.target_low) == ("about", 4.5, "about", 5.5)
    assert row(ledger, "江西省", 2026, "gdp_growth").qualifier == "range"  # 地区生产总值增长5%-5.5%
    assert urban.status == "no_outcome" and urban.adcode == "360000"


def test_a_five_year_plan_against_the_report_after_it(nlp) -> None:
    plan = SHARED / "corpora" / "five-year-plans" / "national_国民经济和社会发展_2006-2010_第十一个五年规划纲要.txt"
    # the 2006 report, read first, sets the plan's targets in its plan part too: the plan document wins
    tables = build_ledger([national(2006), plan, national(2011)], nlp=nlp)
    plans = tables.plans.set_index(["place", "period", "indicator"])
    # the plan: 国内生产总值年均增长7.5%; the 2011 report: 国内生产总值达到39.8万亿元，年均增长11.2%
    gdp = plans.loc[("中国", "2006-2010", "gdp_growth")]  # the plan's 中华人民共和国 is the reports' 中国
    assert (gdp.target_low, gdp.outcome_value, gdp.status) == (7.5, 11.2, "met")
    assert gdp.target_doc == str(plan)
    # 城镇居民人均可支配收入和农村居民人均纯收入年均分别实际增长9.7%和8.9%
    assert plans.loc[("中国", "2006-2010", "urban_resident_income_growth")].outcome_value == 9.7
    assert plans.loc[("中国", "2006-2010", "rural_resident_income_growth")].outcome_value == 8.9
    assert (tables.ledger[tables.ledger.target_doc == str(plan)].empty)  # a plan document gives no yearly targets
    # the 2006 report reviews the tenth plan in its plan part, under （二）“十五”期间国民经济和社会发展主要情况:
    # 2005年与2000年相比，国内生产总值增长57.3%，年均增长9.5%
    assert plans.loc[("中国", "2001-2005", "gdp_growth")].outcome_value == 9.5


PLANS = SHARED / "corpora" / "five-year-plans"


def test_which_plan_a_five_year_figure_speaks_of(nlp) -> None:
    first, eighth, ninth, tenth = (next(PLANS.glob(f"national_*_{period}_*.txt")) for period in
                                   ("1953-1957", "1991-1995", "1996-2000", "2001-2005"))
    plans = build_ledger([first, eighth, ninth, tenth, national(1986), national(2021)], nlp=nlp).plans
    plans = plans.set_index(["place", "period", "indicator"])

    def target(period: str, indicator: str) -> tuple:
        found = plans.loc[("中国", period, indicator)]
        return found.qualifier, found.target_low

    # old print: 平均每年递增百分之一四·七 (平均每年 is an annual average, its 均 no 分别, its · a decimal point)
    assert target("1953-1957", "industrial_output_growth") == ("exact", 14.7)
    # not the ten-year programme's paragraph (10年平均每年增长6%。…工业总产值平均每年增长6、8%) but the plan's own
    assert target("1991-1995", "industrial_output_growth") == ("exact", 6.5)
    # not the eighth plan's result it reviews (“八五”期间国民生产总值年均增长百分之十二), nor a figure of a name the
    # catalogue knows under its 1990s form (“九五”期间，城镇居民人均生活费收入实际年均增长百分之五)
    assert target("1996-2000", "gnp_growth") == ("about", 8)
    assert target("1996-2000", "urban_resident_income_growth") == ("exact", 5)
    # names joined before one figure: 城镇居民人均可支配收入和农村居民人均纯收入年均增长5％左右
    assert target("2001-2005", "urban_resident_income_growth") == target("2001-2005", "rural_resident_income_growth")
    assert target("2001-2005", "urban_resident_income_growth") == ("about", 5)
    # the 1986 report reviews the sixth plan: its average increases (粮食…平均每年增产…万吨) are not levels
    assert ("中国", "1981-1985", "grain_output") not in plans.index
    assert plans.loc[("中国", "1981-1985", "industrial_output_growth")].outcome_value == 12
    # the 2021 report sets the next plan's targets under 二、“十三五”时期发展成就和“十四五”时期主要目标任务,
    # a part the sections place in the review: 全社会研发经费投入年均增长7%以上
    assert ("中国", "2021-2025", "rd_expenditure_growth") in plans.index
    assert target("2021-2025", "rd_expenditure_growth") == ("at_least", 7)


def test_a_name_running_into_its_figure_and_one_soft_note(nlp) -> None:
    tables = build_ledger([SHARED / "corpora" / "provincial-2026" / "湖北省-2026.txt"], nlp=nlp)
    # 经济社会发展主要预期目标是：经济增长5.5%左右，在实际工作中努力争取更好结果；… (METRIC: 增长5.5%左右)
    gdp = row(tables.ledger, "湖北省", 2026, "gdp_growth")
    assert (gdp.qualifier, gdp.target_low, gdp.target_note) == ("about", 5.5, "在实际工作中努力争取更好结果")


def test_a_target_list_read_on_through_its_paragraph(nlp) -> None:
    tables = build_ledger([SHARED / "corpora" / "provincial-2026" / "宁夏回族自治区-2026.txt"], nlp=nlp)
    # 经济主要预期目标是：地区生产总值增长5%左右，力争取得更好结果。一产、二产、三产增加值分别增长…。规模以上工业
    # 增加值增长6%左右，…城镇调查失业率控制在5.5%左右，居民消费价格涨幅2%左右。 (one paragraph)
    industry = row(tables.ledger, "宁夏回族自治区", 2026, "industrial_value_added_growth")
    assert (industry.qualifier, industry.target_low) == ("about", 6.0)
    assert row(tables.ledger, "宁夏回族自治区", 2026, "cpi_growth").target_low == 2.0


def test_a_decimal_is_not_a_list_marker_nor_last_year_a_target(nlp, tmp_path) -> None:
    # 为6.5%: "6." is not an item marker; a sentence on last year in the list's paragraph does not continue it.
    text = ("今年全市经济增长的预期目标为6.5%左右。去年全市城镇新增就业1.3万人，一般公共预算收入增长8%。\n"
            "二、今年的工作\n要扎实做好各项工作。")
    source = tmp_path / "reports.jsonl"
    source.write_text(json.dumps({"id": "r", "text": text, "place": "测试市", "year": 2030},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    ledger = build_ledger([source], nlp=nlp).ledger
    gdp = row(ledger, "测试市", 2030, "gdp_growth")
    assert (gdp.qualifier, gdp.target_low) == ("about", 6.5)
    assert not ((ledger.year == 2030) & ledger.indicator.isin(["urban_new_jobs", "public_budget_revenue_growth"])
                & ledger.target_low.notna()).any()


def test_a_target_restated_with_its_reason_is_read_where_the_list_is_missing(nlp) -> None:
    # The corpus copy of the 2026 national report lacks its list of targets; the plan part restates three of them
    # with their reasons: 城镇调查失业率5.5%左右，体现了…；居民消费价格涨幅2%左右，考虑了…
    ledger = build_ledger([national(2026)], nlp=nlp).ledger
    assert (row(ledger, "中国", 2026, "surveyed_unemployment_rate").qualifier,
            row(ledger, "中国", 2026, "surveyed_unemployment_rate").target_low) == ("about", 5.5)
    assert row(ledger, "中国", 2026, "cpi_growth").target_high == 2
    assert row(ledger, "中国", 2026, "carbon_intensity_change").target_low == -3.8


def test_a_1950s_plan_figure_in_running_text(nlp) -> None:
    ledger = build_ledger([national(1956)], nlp=nlp).ledger
    # 1956年工业生产总值比1955年将增长19.7%。 (将增长 states the plan)
    assert row(ledger, "中国", 1956, "industrial_output_growth").target_low == 19.7
    # 国家计划规定，1956年农业和副业总产值将比1955年增长9.3%。 (the name of agricultural output then)
    assert row(ledger, "中国", 1956, "agricultural_output_growth").target_low == 9.3
