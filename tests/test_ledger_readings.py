"""Years as the old national reports write them, read by the target ledger."""

from __future__ import annotations

from govdoc_nlp.years import WRITTEN_YEAR, names_other_year, own_year_pattern, year_value

from conftest import SHARED

NATIONAL = SHARED / "corpora" / "national"


def test_years_in_arabic_full_width_and_han_digits_read_as_numbers() -> None:
    text = (NATIONAL / "national_中国_1959_政府工作报告.txt").read_text(encoding="utf-8")
    sentence = next(s for s in text.split("。") if "计划规定，一九五九年的工业和手工业总产值" in s)
    assert [year_value(y) for y in WRITTEN_YEAR.findall(sentence)] == [1959, 1958, 1958]
    assert year_value("１９５６") == 1956 and year_value("一九八○") == 1980 and year_value("二〇二四") == 2024


def test_the_report_year_names_this_year_except_as_the_base_of_a_comparison() -> None:
    text = (NATIONAL / "national_中国_1964_政府工作报告.txt").read_text(encoding="utf-8")
    own = own_year_pattern(1964)
    plan = next(s for s in text.split("。") if "计划草案拟定，工业总产值比一九六四年增长" in s)
    assert own.search(plan) is None  # 比一九六四年: the 1965 plan measured against 1964
    assert own.search("一九六四年全国工业总产值") and own_year_pattern(None) is None


def test_a_base_year_after_bi_is_not_another_year_where_the_clause_names_its_own() -> None:
    text = (NATIONAL / "national_中国_1959_政府工作报告.txt").read_text(encoding="utf-8")
    clause = next(c for c in text.replace("。", "，").split("，") if "一九五九年的工业和手工业总产值比一九五八年" in c)
    assert not names_other_year(clause, 1959)  # the 1959 plan, measured against 1958
    assert names_other_year(clause, 1958)
    assert names_other_year("2025年总量比2020年增加超7400亿元", 2026)
    assert names_other_year("比2002年增长65.5%", 2007)  # no year of its own: a five-year change, not the year's


def test_a_base_year_is_the_year_before_named_in_the_clause_or_the_sentence_before_it() -> None:
    assert not names_other_year("一九五九年的工业总产值比一九五八年增长百分之四十一", 1959)
    assert names_other_year("我国1957年的农业计划如果完成，农业总产值比1952年将增长26%", 1957)  # five years' growth
    assert names_other_year("2025年总量比2020年增加超7400亿元", 2025)
    # the year named earlier in the sentence (计划规定一九五九年的社会商品零售总额将达到六百五十亿元，…)
    assert not names_other_year("比一九五八年的五百四十八亿元增长百分之十九", 1959, "计划规定一九五九年的社会商品零售总额，")
    assert names_other_year("比一九五八年的五百四十八亿元增长百分之十九", 1959)


def test_names_joined_before_their_figures_share_them_out(nlp) -> None:
    from govdoc_nlp import to_record
    from govdoc_nlp.target_ledger.readings import figures_in

    def read(text: str) -> list[tuple[str, float]]:
        return [(f.indicator.id, f.low) for f in figures_in(to_record(nlp(text)), 0, len(text), average=True)]

    assert read("地区生产总值、一般公共预算收入年均增长7%和8%。") == [("gdp_growth", 7), ("public_budget_revenue_growth", 8)]
    # one figure for both; the next line's figure is not theirs (the tenth five-year plan)
    assert read("城镇居民人均可支配收入和农村居民人均纯收入年均增长5%左右\n全国有线电视入户率达到40%") == [
        ("urban_resident_income_growth", 5), ("rural_resident_income_growth", 5)]
