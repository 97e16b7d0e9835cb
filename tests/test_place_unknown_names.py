"""The stages for names the gazetteer lacks, as functions: no pipeline, a few words of jieba's dictionary."""

from __future__ import annotations

import pytest

from govdoc_nlp.data_files import DataFileError, package_text, parse_tsv
from govdoc_nlp.places.candidate_stages import UnknownWaterBodies
from govdoc_nlp.places.city_groups import is_group
from govdoc_nlp.places.listed_features import FeatureKinds, listed_feature_names
from govdoc_nlp.places.listed_towns import counties_listed_together
from govdoc_nlp.places.name_starts import rule_values
from govdoc_nlp.places.recognizer import PLACE_RULE_KINDS
from govdoc_nlp.places.routes import RouteWords, route_ends
from govdoc_nlp.places.unknown_names import FoundPlaces, NameFilter
from govdoc_nlp.places.water_bodies import unknown_water_bodies, water_body_pattern

# jieba's two-character words, negative for names (a handful, as two_character_words() gives them).
WORD_FREQ = {"截至": 900, "目前": 5000, "阶段": 3000, "试点": 800, "推广": 900, "建成": 700, "农村": 9000,
             "母亲": 8000, "湖泊": -3000, "续建": 10, "大型": 4000, "仓库": 600, "机场": 3000, "开工": 900}
STOPS = "的和与及或等各该此本在为对是了把从向于其个以使沿"
# The package's numeral_follower rows: deleting them fails the count test below.
NUMERAL_FOLLOWERS = "".join(rule_values(parse_tsv("place_rules.tsv", package_text("place_rules.tsv"), ("kind", "value"),
                                                  {"kind": PLACE_RULE_KINDS}), "numeral_follower"))
ROUTE = RouteWords(("铁路", "高速", "公路", "航线", "段"), ("续建", "建成", "开工", "推进"))
ROUTE_NAMES = NameFilter(STOPS, ("机场",))


def ends(text: str, found: list[tuple[int, int]] = ()) -> list[str]:
    spans = route_ends(text, FoundPlaces(sorted(found)), ROUTE, ROUTE_NAMES, WORD_FREQ, lambda w: False,
                       lambda w: False)
    return [text[s:e] for s, e in spans]


def test_route_ends_with_a_route_word_or_a_road_number() -> None:
    assert ends("将军庙至淖毛湖铁路增建二线") == ["将军庙", "淖毛湖"]
    assert ends("续建黄桶至百色铁路") == ["黄桶", "百色"]
    assert ends("G219线禾木（吉克普林）至喀纳斯，") == ["禾木", "吉克普林", "喀纳斯"]
    assert ends("加快推进海拉尔至宝日希勒、特尼河农村公路建设", found=[(4, 7)]) == ["宝日希勒", "特尼河"]
    assert ends("推进加卡至邦达机场段建设") == ["加卡"]  # the airport makes the route, and is no place


def test_no_route_in_words_phrases_or_brackets_that_are_not_names() -> None:
    assert ends("统计数据截至目前全省高速公路通车里程") == []  # 截至 is a word
    assert ends("由试点阶段至全面推广阶段") == []  # 段 closes 阶段
    assert ends("从现在至本世纪中叶") == []  # no route word
    assert ends("将军庙（）至淖毛湖铁路") == ["将军庙", "淖毛湖"]
    assert ends("兰州（二期）至西宁铁路") == ["兰州", "西宁"]  # a phase is no other name


def listed(text: str, found: list[tuple[int, int]] = ()) -> list[str]:
    kinds = FeatureKinds(("水库", "支流", "火电", "电厂", "口岸"), ("大型", "主要"), "个座条处")
    spans = listed_feature_names(text, FoundPlaces(sorted(found)), kinds, (kinds.kind_pattern(), kinds.count_pattern()),
                                 NameFilter(STOPS, ("水库", "口岸")), WORD_FREQ, lambda w: w == "常熟")
    return [text[s:e] for s, e in spans]


def test_names_listed_before_their_kind() -> None:
    assert listed("计划建成南湾、薄山、佛子岭、梅山等四个大型水库") == ["南湾", "薄山", "佛子岭", "梅山"]
    assert listed("对洪河、汝河、濉河等主要支流") == ["洪河", "汝河", "濉河"]
    assert listed("绥中、上海外高桥、常熟等火电厂", found=[(3, 5)]) == ["绥中", "外高桥", "常熟"]


def test_lists_of_kinds_and_single_items_give_no_names() -> None:
    assert listed("提升综合保税区、航空口岸") == []  # no 等, count or modifier: 航空口岸 is a kind
    assert listed("加快海关监管库、保税仓库等口岸建设") == []  # 保税仓库 ends in a word
    assert listed("德厚大型水库") == []  # one item is no list
    assert listed("盘县（60万千瓦）、云南小龙潭等火电厂") == []  # nothing before the 、


def test_water_bodies_after_punctuation() -> None:
    pattern = water_body_pattern("河江湖", "道长湖口内泊")
    found = unknown_water_bodies("，亮马河风情水岸、母亲河、江河湖泊。“护城河”", pattern, STOPS, WORD_FREQ, FoundPlaces([]),
                                 NUMERAL_FOLLOWERS)
    assert found == [(1, 4)]
    # A numeral and a numeral_follower row make a count; a numeral and another character may start a name.
    for count in ("，七大江河", "，三条河"):
        assert unknown_water_bodies(count, pattern, STOPS, WORD_FREQ, FoundPlaces([]), NUMERAL_FOLLOWERS) == []
    assert unknown_water_bodies("，九洲江", pattern, STOPS, WORD_FREQ, FoundPlaces([]), NUMERAL_FOLLOWERS) == [(1, 4)]


def test_one_character_rule_kinds_refuse_a_longer_row() -> None:
    with pytest.raises(DataFileError, match="numeral_follower rows are one character each"):
        UnknownWaterBodies(None, ("河",), "", STOPS, ("大条",))


def test_city_groups_need_different_cities_of_one_province() -> None:
    members = {"35": {"福": {"福州市"}, "厦": {"厦门市"}, "泉": {"泉州市"}}, "42": {"襄": {"襄阳市"}, "十": {"十堰市"}}}
    assert is_group("福厦泉", members) and is_group("襄十", members)
    assert not is_group("福襄", members)  # two provinces
    assert not is_group("福福", members)  # one city twice


def test_counties_listed_together() -> None:
    county = {"仙桃": ("4290", "42"), "潜江": ("4290", "42"), "宜都": ("4205", "42"), "大冶": ("4202", "42"),
              "台山": ("4407", "44")}.get
    text = "新增仙桃、潜江、宜都、大冶4个千亿县"
    assert [text[s:e] for s, e in counties_listed_together(text, county)] == ["仙桃", "潜江", "宜都", "大冶"]
    assert counties_listed_together("台山、大米、蔬菜", county) == []


def test_found_places_overlap() -> None:
    found = FoundPlaces([(2, 4), (8, 11)])
    assert found.overlaps(3, 6) and found.overlaps(10, 12) and not found.overlaps(4, 8)
    assert (2, 4) in found and (2, 5) not in found
