"""METRIC spans and readings on real sentences and on the guidelines' own examples."""

from __future__ import annotations

import pytest
from conftest import annotate


def metrics(nlp, text: str) -> dict[str, dict]:
    return {e.text: e._.metric for e in annotate(nlp, text).ents if e.label_ == "METRIC"}


def test_the_guidelines_example_sentence(nlp) -> None:
    found = metrics(nlp, "地区生产总值4210.18亿元、增长3.4%。")
    assert set(found) == {"4210.18亿元", "增长3.4%"}
    assert found["4210.18亿元"] == {"value": 421018000000.0, "unit": "元", "kind": "amount", "direction": None,
                                   "qualifier": None, "scope": None, "subject": "地区生产总值"}
    assert found["增长3.4%"]["kind"] == "change" and found["增长3.4%"]["direction"] == "up"
    assert found["增长3.4%"]["subject"] == "地区生产总值"


@pytest.mark.parametrize("text,span,value,unit,kind,qualifier", [
    ("完成撂荒耕地复耕复种面积超5.3万亩。", "超5.3万亩", 53000.0, "亩", "count", "over"),
    ("压减非急需、非刚性支出近40亿元。", "近40亿元", 4e9, "元", "amount", "about"),
    ("地区生产总值增长5.5%左右。", "增长5.5%左右", 5.5, "%", "change", "about"),
    ("城乡居民收入比缩小至1.81:1。", "1.81:1", 1.81, "ratio", "ratio", None),
    ("制造业占比超7成。", "超7成", 70.0, "%", "share", "over"),
    ("工业投资连续两年超千亿。", "超千亿", 1e11, None, "amount", "over"),
    ("每千人口托位数达5.8个。", "5.8个", 5.8, "个", "count", None),
    ("刑事治安警情下降29.2%。", "下降29.2%", 29.2, "%", "change", None),
    ("占比提升6.1个百分点。", "提升6.1个百分点", 6.1, "百分点", "change", None),
    ("新建2—3家省级制造业创新中心。", "2—3家", 2.0, "家", "count", None),
])
def test_guideline_examples(nlp, text, span, value, unit, kind, qualifier) -> None:
    found = metrics(nlp, text)
    assert span in found, found
    reading = found[span]
    assert (reading["value"], reading["unit"], reading["kind"], reading["qualifier"]) == (value, unit, kind, qualifier)


def test_ranks_carry_their_scope(nlp) -> None:
    found = metrics(nlp, "建筑业总产值增长11%、全省第5，新会位列全国综合实力百强区第46位。")
    assert found["全省第5"]["scope"] == "全省" and found["全省第5"]["value"] == 5.0
    assert found["第46位"]["unit"] == "rank" and found["第46位"]["scope"] is None


def test_respectively_lists_carry_the_direction(nlp) -> None:
    found = metrics(nlp, "接待游客、旅游收入分别增长12.5%、17.2%。")
    assert set(found) == {"增长12.5%", "17.2%"}
    assert found["17.2%"]["direction"] == "up" and found["17.2%"]["kind"] == "change"


@pytest.mark.parametrize("text", [
    "2024年是中华人民共和国成立75周年。",
    "深入实施“百千万工程”，奋力实现“三年初见成效”目标。",
    "加快推动一二三次产业协调融合发展。",
    "（一）锚定“一点两地”全新定位。",
    "“十四五”规划圆满收官。",
    "限上网络消费实现两位数增长。",
])
def test_years_ordinals_slogans_and_enumerations_are_not_metrics(nlp, text) -> None:
    assert metrics(nlp, text) == {}


def test_super_long_term_bonds_have_no_hedge(nlp) -> None:
    found = metrics(nlp, "争取地方政府专项债券、超长期特别国债180亿元。")
    assert set(found) == {"180亿元"}
    assert found["180亿元"]["qualifier"] is None


def test_a_verb_before_a_count_is_not_a_change(nlp) -> None:
    found = metrics(nlp, "高质量打造50条精品村，重点提升100条薄弱村。")
    assert set(found) == {"50条", "100条"}


def test_metric_entities_do_not_depend_on_the_segmenter(nlp, nlp_jieba) -> None:
    text = "规上工业增加值增长6%、高于全省平均水平1.8个百分点，建筑业总产值增长11%、全省第5。"
    assert metrics(nlp, text) == metrics(nlp_jieba, text)


@pytest.mark.parametrize("text,span,value,value_max,unit,qualifier", [
    # national targets as the reports write them (2016, Guangdong 2026, 2010, 2023)
    ("国内生产总值增长6.5%－7%，居民消费价格涨幅3%左右。", "增长6.5%－7%", 6.5, 7.0, "%", None),
    ("地区生产总值增长4.5%—5%，在实际工作中全力争取更好结果。", "增长4.5%—5%", 4.5, 5.0, "%", None),
    ("城镇登记失业率控制在4.6%以内。", "4.6%以内", 4.6, None, "%", "under"),
    ("粮食产量保持在1.3万亿斤以上。", "1.3万亿斤以上", 1.3e12, None, "斤", "over"),
    ("种植树木73万株。", "73万株", 730000.0, None, "株", None),
])
def test_target_forms(nlp, text, span, value, value_max, unit, qualifier) -> None:
    reading = metrics(nlp, text)[span]
    assert (reading["value"], reading.get("value_max"), reading["unit"], reading["qualifier"]) == (
        value, value_max, unit, qualifier)


def test_figures_joined_by_he_share_the_direction() -> None:
    found = metrics_of("地区生产总值、固定资产投资分别增长7%和8%左右。")
    assert found["8%左右"]["direction"] == "up" and found["8%左右"]["kind"] == "change"


def metrics_of(text: str) -> dict[str, dict]:
    from govdoc_nlp.metrics.recognizer import find_metrics

    return {text[s.start:s.end]: s.value for s in find_metrics(text)}


@pytest.mark.parametrize("text,span,value", [
    ("１９８９年国民生产总值１５６７７亿元，比上年增长百分之三点九。", "增长百分之三点九", 3.9),
    ("去年全年零售物价总水平比上年上升百分之十七点八。", "上升百分之十七点八", 17.8),
    ("占公司总数的百分之二十四点五。", "百分之二十四点五", 24.5),
    ("今年经济增长速度的宏观调控目标，定为百分之八至九。", "百分之八至九", 8.0),
])
def test_percentages_written_out(text, span, value) -> None:
    reading = metrics_of(text)[span]
    assert (reading["value"], reading["unit"]) == (value, "%")
    assert reading.get("value_max") == (9.0 if "至九" in span else None)


@pytest.mark.parametrize("text,span,value,unit,qualifier", [
    # national reports of 1979: a rate per mille written out, and a count with 多 before its scale
    ("今年我们要力争使全国人口增长率降到千分之十左右。", "千分之十左右", 10.0, "‰", "about"),
    ("今年计划在全民所有制和集体所有制单位安排七百多万人就业。", "七百多万人", 7000000.0, "人", "over"),
    ("中央财政安排2000余亿元。", "2000余亿元", 200000000000.0, "元", "over"),
    ("农村贫困人口减少1000多万。", "减少1000多万", 10000000.0, None, "over"),
    # national 1956: a full-width comma between thousands
    ("粮食产量将要达到3，989亿斤，比1955年增长8.4%。", "3，989亿斤", 398900000000.0, "斤", None),
])
def test_per_mille_and_scales_after_duo(text, span, value, unit, qualifier) -> None:
    reading = metrics_of(text)[span]
    assert (reading["value"], reading["unit"], reading["qualifier"]) == (value, unit, qualifier)


@pytest.mark.parametrize("text,span,subject", [
    # the founding document, cleaned (its line-wrap spaces joined)
    ("新增623家外资企业、增长12.3%，12家外资企业上榜广东外资企业百强。", "623家", "外资企业"),
    ("新增623家外资企业、增长12.3%，12家外资企业上榜广东外资企业百强。", "增长12.3%", "外资企业"),
    ("新增623家外资企业、增长12.3%，12家外资企业上榜广东外资企业百强。", "12家", "外资企业"),
    ("“园区技校”培训技能人才5.6万人次，建成8个零工市场和80个就业驿站。", "8个", "零工市场"),
    ("全市县镇村新增绿化面积约760公顷，种植树木73万株。", "73万株", "树木"),
    ("建筑业总产值558亿元，四年增长66.7%、全省第3。", "增长66.7%", "建筑业总产值"),
    ("建筑业总产值558亿元，四年增长66.7%、全省第3。", "全省第3", "建筑业总产值"),
    ("73个镇街中72个实现GDP正增长，9个镇入选全国千强镇。", "72个", "镇街"),
    ("家电等大宗消费超32亿元。", "超32亿元", "大宗消费"),
])
def test_subjects_name_the_quantity_not_a_verb(text, span, subject) -> None:
    assert metrics_of(text)[span]["subject"] == subject
