"""Cleaning on real report text: line-wrap spaces, page-jump markers, web furniture, punctuation."""

from __future__ import annotations

from conftest import PROVINCIAL, SHARED, read

from govdoc_nlp.cleaning import clean_text


def test_line_wrap_spaces_of_the_founding_document_are_joined(jiangmen_raw: str) -> None:
    text = clean_text(jiangmen_raw).text
    assert "75周年" in text and "75周 年" not in text
    assert "重要意义" in text and "重要意 义" not in text
    assert "1216亿元" in text  # digit, line-wrap space, Chinese


def test_page_jump_marker_is_dropped_and_offsets_still_point_into_the_raw_text(jiangmen_raw: str) -> None:
    cleaned = clean_text(jiangmen_raw)
    assert "▶下转A04版" in jiangmen_raw
    assert "下转" not in cleaned.text
    i = cleaned.text.index("4210.18亿元")
    s, e = cleaned.offsets.span_to_raw(i, i + len("4210.18亿元"))
    assert jiangmen_raw[s:e] == "4210.18亿元"


def test_a_sentence_broken_by_a_page_break_is_joined(jiangmen_raw: str) -> None:
    text = clean_text(jiangmen_raw).text
    assert "推进“港澳药械通”扩面提质" in text
    assert "生态优势加快转化为发展优势" in text


def test_half_width_punctuation_becomes_full_width_but_ratios_keep_their_colon(jiangmen_raw: str) -> None:
    text = clean_text(jiangmen_raw).text
    assert "各位代表：" in text
    assert "地区生产总值4210.18亿元、全省第7，增长3.4%" in text
    assert "省委“1310”具体部署以及市委“1+6+3”工作安排" in text
    assert "1.81:1" in text


def test_web_page_furniture_is_removed_from_a_provincial_report() -> None:
    raw = read(PROVINCIAL / "上海市-2026.txt")
    text = clean_text(raw).text
    head = text[:200]
    for furniture in ("打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小"):
        assert furniture not in head
    assert head.startswith("2026年上海市政府工作报告")


def test_full_width_comma_between_digits_is_a_list_separator_and_stays() -> None:
    assert clean_text("效率稳居中部地区第1，7家企业上榜").text == "效率稳居中部地区第1，7家企业上榜"


def test_text_without_anything_to_clean_is_unchanged() -> None:
    raw = "现在，我代表省人民政府，向大会报告工作，请予审议。"
    cleaned = clean_text(raw)
    assert cleaned.text == raw
    assert cleaned.offsets.span_to_raw(0, len(raw)) == (0, len(raw))


def test_words_and_spaces_agrees_with_spacy_on_real_text(jiangmen_raw: str) -> None:
    from spacy.util import get_words_and_spaces

    from govdoc_nlp.cleaning.tokenizer import words_and_spaces

    text = clean_text(jiangmen_raw).text[:3000] + "  两个 空格\n\n 和换行 "
    words = [w for w in text.replace("\n", " \n ").split(" ")]
    words = [w for w in words if w]
    assert words_and_spaces(words, text) == get_words_and_spaces(words, text)


def test_form_feeds_of_a_pdf_are_page_breaks_joined_inside_a_sentence_and_kept_between_paragraphs() -> None:
    raw = read(SHARED / "corpora" / "five-year-plans" / "national_国民经济和社会发展_2011-2015_第十二个五年规划纲要.txt")
    cleaned = clean_text(raw)
    assert "\x0c" in raw and "\x0c" not in cleaned.text
    assert "基础设施日益完善，体制活力显著增强" in cleaned.text  # a page ended inside the sentence
    assert "村庄规划管理水平\n" in cleaned.text  # …and here before an indented paragraph
    i = cleaned.text.index("体制活力")
    s, e = cleaned.offsets.span_to_raw(i, i + 4)
    assert raw[s:e] == "体制\x0c活力"


def test_letter_spaced_digits_are_joined_so_their_metric_is_found(nlp) -> None:
    raw = read(SHARED / "corpora" / "national" / "national_中国_1998_政府工作报告.txt")
    assert "产量达到4 9 2 5 0 万吨" in raw
    cleaned = clean_text(raw)
    assert "1997年粮食产量达到49250万吨" in cleaned.text
    i = cleaned.text.index("49250万吨")
    s, e = cleaned.offsets.span_to_raw(i, i + len("49250万吨"))
    assert raw[s:e] == "4 9 2 5 0 万吨"
    doc = nlp("1 9 9 7年粮食产量达到4 9 2 5 0万吨，比五年前增加5 0 0 0万吨。")
    values = [e._.metric["value"] for e in doc.ents if e.label_ == "METRIC"]
    assert 492500000 in values and 50000000 in values


def test_spaces_inside_a_number_are_joined_with_offsets_kept() -> None:
    raw = "去年经济增长8 ．8 ％，商品零售价格涨幅控制在3 ％以内"  # the 1998 national report, as extracted
    cleaned = clean_text(raw)
    assert cleaned.text == "去年经济增长8.8%，商品零售价格涨幅控制在3%以内"
    start = cleaned.text.index("8.8%")
    assert raw[slice(*cleaned.offsets.span_to_raw(start, start + 4))] == "8 ．8 ％"


def test_a_percentages_middle_dot_is_its_decimal_point(nlp) -> None:
    # the first five-year plan prints 百分之一四·七; the sixth's text has OCR spaces around the dot
    raw = "工业总产值平均每年递增百分之一四·七，进出口总额比1980年增长51 · 8，平均每年增长8 · 7％。“5·12”地震"
    cleaned = clean_text(raw)
    assert "递增百分之一四点七" in cleaned.text and "平均每年增长8.7%" in cleaned.text
    assert "增长51 · 8" in cleaned.text and "“5·12”" in cleaned.text  # no percentage: kept as written
    start = cleaned.text.index("8.7%")
    assert raw[slice(*cleaned.offsets.span_to_raw(start, start + 4))] == "8 · 7％"
    values = [e._.metric["value"] for e in nlp(raw).ents if e.label_ == "METRIC"]
    assert 14.7 in values and 8.7 in values


def test_a_two_digit_percentage_split_by_a_space_is_joined() -> None:
    raw = "全社会固定资产投资年均增长1 2%左右 ，城镇登记失业率控制在5%以内"  # Yunnan's tenth plan, as extracted
    assert clean_text(raw).text.startswith("全社会固定资产投资年均增长12%左右，")


def test_a_hard_wrapped_policy_document_reads_as_whole_sentences(nlp) -> None:
    # the ministries' 2023 digital China report: a PDF's lines cut at 27 characters
    raw = read(SHARED / "corpora" / "policy-documents" / "national_中央部委_2023_025.txt")
    assert "截至2022\n年底" in raw and "资源1.5\n万类" in raw and "北京、上海、广东、\n浙江" in raw
    cleaned = clean_text(raw)
    text = cleaned.text
    assert "截至2022年底，我国数据存储量达724.5EB，同比增长21.1%，全球占比达14.4%。" in text
    assert "北京、上海、广东、浙江等地区" in text
    assert "。\n数字经济成为稳增长促转型的重要引擎。" in text  # a paragraph still starts its line
    i = text.index("1.5万类")
    assert raw[slice(*cleaned.offsets.span_to_raw(i, i + 5))] == "1.5\n万类"
    sentence = next(s for s in nlp(raw).sents if s.text.startswith("全国一体化政务数据共享枢纽发布"))
    assert sentence.text == "全国一体化政务数据共享枢纽发布各类数据资源1.5万类，累计支撑共享调用超过5000亿次。"
    readings = [(e._.metric["value"], e._.metric["unit"]) for e in sentence.ents if e.label_ == "METRIC"]
    assert (15000, "类") in readings


def test_table_rows_and_listed_fields_keep_their_lines() -> None:
    table = read(SHARED / "corpora" / "policy-documents" / "national_中央部委_2018_121.txt")
    assert "30MHz-1GHz -36dBm 100kHz 峰值检波\n1 GHz" in clean_text(table).text
    listing = read(SHARED / "corpora" / "policy-documents" / "national_中央部委_2020_088.txt")
    assert "西安时代光华企业管理咨询服务有限公司\n西安时代光华网络学院" in clean_text(listing).text
