"""PLACE: groupings of one-character province names, bays, company names and clauses that are not names."""

from __future__ import annotations

from conftest import places

from govdoc_nlp.places.groupings import province_groupings


def test_runs_of_province_names_are_groupings(nlp) -> None:
    found = places(nlp, "推出12批1181项对照学习沪苏浙创新政策和举措，长三角创新共建形成一批重大成果。", "安徽省")
    assert found["沪苏浙"]["level"] == "region" and "长三角" in found
    found = places(nlp, "携手港澳“并船出海”，闽粤港澳“跨境一锁”快速通关模式正式启动。", "福建省")
    assert {"港澳", "闽粤港澳"} <= set(found) and "粤港澳" not in found


def test_a_grouping_stops_before_a_word_that_starts_with_a_province_character() -> None:
    chars = "京津冀沪苏浙港澳台青宁新"
    text = "增进台港澳青少年对祖国大陆的了解；陕甘青宁电网；辽宁。"
    assert [text[s:e] for s, e in province_groupings(text, chars, frozenset({"青少"}))] == ["台港澳"]
    # with 陕 and 甘 left out of this set, 青宁 and 辽宁 are two-character runs: too short to be groupings


def test_bays_classical_names_and_clauses_after_a_place(nlp) -> None:
    assert "泉州湾" in places(nlp, "深化三都澳、泉州湾等重点海湾综合整治。", "福建省")
    assert "三湘" in places(nlp, "我们要尽力、尽情守护好三湘灯火。", "湖南省")
    found = places(nlp, "沈白高铁、G331通车，通化、白山结束不通高铁历史。", "吉林省")
    assert {"通化", "白山"} <= set(found)  # 不 shows a clause, not a railway's name
    assert "北京" not in places(nlp, "做好北京冬奥会、冬残奥会筹办工作。", "中国")


def test_central_state_companies_hold_no_place(nlp) -> None:
    found = places(nlp, "全力支持雄安新区建设，服务保障中国中化、中国华能等一批中央企业迁入雄安。", "北京市")
    assert "中国" not in found and {"雄安新区", "雄安"} <= set(found)
    assert "中国" in places(nlp, "中国电商平台助力全球中小企业开拓中国市场。", "中国")


def test_memorial_reserve_dry_port_campus_and_market_names(nlp) -> None:
    assert "关中" not in places(nlp, "西安碑林博物馆新馆、关中革命纪念馆、秦岭博物馆等建成开放。", "陕西省")
    assert "大青山" not in places(nlp, "大青山国家级自然保护区成功入选世界生物圈保护区。", "内蒙古自治区")
    assert "石家庄" not in places(nlp, "唐山港沿海货物吞吐量稳居世界第二，石家庄国际陆港实现跨越式发展。", "河北省")
    assert "山东" not in places(nlp, "完成科技人才评价综合改革试点，山东科技大市场促成技术交易2000余项。", "山东省")
    assert "蒙古" not in places(nlp, "大力弘扬“吃苦耐劳、一往无前”的蒙古马精神。", "内蒙古自治区")
    assert "泛珠三角" in places(nlp, "加强中西部重点开发区建设，深化泛珠三角等区域合作。", "中国")


def test_province_wide_and_airport_zone_words(nlp) -> None:
    found = places(nlp, "有序推进建设，构建山东省域三维时空基础底座。", "山东省")
    assert "山东" in found and "山东省" not in found
    assert "航空港" not in places(nlp, "制定实施实现碳达峰行动方案，推进航空港国家级零碳园区建设。", "河南省")
