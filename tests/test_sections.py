"""Report sections: review, the difficulties paragraph, plan, appendix, unknown; the headings; the weak labels."""

from __future__ import annotations

from conftest import PROVINCIAL, SHARED, read

from govdoc_nlp.cleaning import clean_text
from govdoc_nlp.evaluate.baselines import section_position_label
from govdoc_nlp.extensions import range_at
from govdoc_nlp.sections.splitter import find_sections


def section_at(text: str, phrase: str) -> str:
    return range_at(find_sections(text), text.index(phrase)).section


def heading_at(text: str, phrase: str) -> str:
    return range_at(find_sections(text), text.index(phrase)).heading


def national(year: int) -> str:
    return clean_text(read(SHARED / "corpora" / "national" / f"national_中国_{year}_政府工作报告.txt")).text


def test_sections_of_the_founding_document(jiangmen_raw: str) -> None:
    text = clean_text(jiangmen_raw).text
    assert section_at(text, "各位代表") == "preamble"
    assert section_at(text, "地区生产总值4210.18亿元") == "review"
    assert section_at(text, "我们也清醒地看到") == "problems"
    assert section_at(text, "规模以上工业增加值增长6%以上") == "plan"


def test_glossary_is_an_appendix() -> None:
    text = clean_text(read(PROVINCIAL / "广东省-2026.txt")).text
    assert section_at(text, "名词解释") == "appendix"
    assert section_at(text, "指世界一流大学和一流学科") == "appendix"
    assert section_at(text, "同时我们清醒地看到") == "problems"


def test_sentences_know_their_section_in_the_pipeline(nlp, jiangmen_raw: str) -> None:
    doc = nlp(jiangmen_raw)
    by_text = {s.text.strip(): s._.section for s in doc.sents}
    assert by_text["## 二、2025年工作安排"] == "plan"
    assert by_text["2024年是中华人民共和国成立75周年，也是江门改革发展历程中具有重要意义的一年。"] == "review"


def test_weak_labels_follow_the_section_and_the_other_cues() -> None:
    assert section_position_label("森林覆盖率达到13.52%。", "plan") == "target"
    assert section_position_label("森林覆盖率达到13.52%。", "review") == "achievement"
    assert section_position_label("新旧动能转换仍需加快。", "problems") == "problem"
    assert section_position_label("各位代表，请予审议。", "review") == "other"


def test_weak_labelled_sentences_of_the_founding_document(jiangmen_raw: str, tmp_path) -> None:
    from conftest import JIANGMEN

    from govdoc_nlp.classify.weak_labels import weak_label_rows

    rows = weak_label_rows([JIANGMEN])
    labelled = dict(zip(rows["text"], rows["weak_label"]))
    assert labelled["规模以上工业增加值增长6%以上；"] == "target"
    assert labelled["进出口总额1917亿元、创历史新高，增长10.6%，出口增长14.4%，高于全国、全省平均水平。"] == "achievement"
    assert labelled["我们也清醒地看到，江门经济社会发展还面临不少困难和挑战。"] == "problem"
    assert set(rows["source"]) == {str(JIANGMEN)}
    assert weak_label_rows([JIANGMEN], exclude=[JIANGMEN])["text"] == []


def test_unnumbered_headings_are_placed_by_their_words() -> None:
    # Inner Mongolia 2026 heads its five-year review and its plan without numbers.
    text = clean_text(read(PROVINCIAL / "内蒙古自治区-2026.txt")).text
    assert section_at(text, "“十四五”时期发展成就和2025年工作回顾") == "review"
    assert section_at(text, "“十五五”时期主要目标和2026年重点工作") == "plan"


def test_five_year_review_headings_and_the_plan_after_them() -> None:
    text = clean_text(read(PROVINCIAL / "青海省-2026.txt")).text
    assert section_at(text, "一、2025年和“十四五”时期工作回顾") == "review"
    assert section_at(text, "二、“十五五”主要目标任务") == "plan"
    assert heading_at(text, "三、2026年重点工作任务") == "三、2026年重点工作任务"


def test_a_heading_with_no_telling_word_is_placed_by_its_year_or_its_position() -> None:
    text = national(1956)  # 一、1955年国家决算 / 二、1956年的国家预算
    assert section_at(text, "1955年国家决算的收支总数如下") == "review"
    assert section_at(text, "二、1956年的国家预算") == "plan"
    fujian = clean_text(read(PROVINCIAL / "福建省-2026.txt")).text  # its review heading names no review
    assert section_at(fujian, "一、一年接着一年干，新福建建设持续取得新进展新成效") == "review"


def test_an_excerpt_or_a_report_without_outline_is_unknown_not_preamble() -> None:
    assert {r.section for r in find_sections("地区生产总值4210.18亿元、增长3.4%。")} == {"unknown"}
    assert section_at(national(1975), "从三届人大以来") == "unknown"


def test_an_unplaced_part_after_the_review_opens_the_plan() -> None:
    text = national(1994)  # 一、1993年国内工作的回顾… 二、保持国民经济持续快速健康发展 (no plan words, no year)
    assert section_at(text, "一、1993年国内工作的回顾") == "review"
    assert section_at(text, "二、保持国民经济持续快速健康发展") == "plan"
    assert section_at(text, "根据这个要求，今年计划国内生产总值增长百分之九") == "plan"


def test_a_part_headed_by_a_review_and_a_plan_turns_where_the_plan_is_named() -> None:
    text = national(2021)  # 二、“十三五”时期发展成就和“十四五”时期主要目标任务
    assert section_at(text, "过去五年，我国经济社会发展取得新的历史性成就") == "review"
    assert section_at(text, "“十四五”时期是开启全面建设社会主义现代化国家新征程的第一个五年") == "plan"
    assert section_at(text, "全社会研发经费投入年均增长7%以上") == "plan"
    beijing = clean_text(read(PROVINCIAL / "北京市-2026.txt")).text  # 二、“十四五”…成就和“十五五”…目标任务
    assert section_at(beijing, "“十四五”时期是极不平凡的五年") == "review"  # the earlier plan: no turn
    assert section_at(beijing, "“十五五”时期是基本实现社会主义现代化夯实基础") == "plan"


def test_a_report_numbered_only_by_sub_heading_marks_has_them_as_its_parts() -> None:
    text = national(1958)  # （一）一九五七年经济战线上的胜利 … （五）…: no 一、 heading at all
    assert section_at(text, "一九五七年是我国在各个战线上取得伟大胜利的一年") == "review"
    assert section_at(text, "（二）争取一九五八年国民经济的新跃进") == "plan"  # its year, written in Han digits
    assert section_at(text, "（三）一九五八年国民经济各部门发展计划的安排") == "plan"


def test_a_turn_needs_two_quoted_terms_and_numbered_parts_stay_under_unnumbered_ones() -> None:
    from govdoc_nlp.sections.splitter import heading_turn, section_rules

    assert heading_turn("一、回顾“十三五”，展望“十四五”", section_rules()) == ("plan", "“十四五”")
    assert heading_turn("二、“十四五”发展成就和今后五年目标", section_rules()) is None
    body = "，规模以上工业增加值增长百分之六，效益持续改善，企业利润较快增长，高技术制造业占比提高，新动能加快成长。"
    text = f"过去一年工作回顾\n（一）工业生产稳定增长\n工业{body}\n（二）农业继续发展\n农业{body}\n今年的主要任务\n今年要继续努力。"
    assert section_at(text, "（二）农业继续发展") == "review"  # a sub-heading of the unnumbered review heading
    assert section_at(text, "今年要继续努力") == "plan"
