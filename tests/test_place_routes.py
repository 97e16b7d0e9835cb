"""PLACE: the ends of routes and city groups by their cities' first characters, names the gazetteer lacks."""

from __future__ import annotations

from conftest import places


def test_the_ends_of_a_route_are_places(nlp) -> None:
    # Xinjiang 2026, scored alone: villages, scenic spots, the long form of 塔县 (伊宁机场 is an airport).
    text = ("推动伊宁机场迁建、G679线乌拉斯台至奇台、G219线禾木（吉克普林）至喀纳斯、G314线喀什至塔什库尔干等一批重大项目"
            "开工建设，加快推进“疆电外送”第四通道、将军庙至淖毛湖铁路增建二线等一批重点项目建设。")
    assert set(places(nlp, text)) == {"乌拉斯台", "奇台", "禾木", "吉克普林", "喀纳斯", "喀什", "塔什库尔干",
                                      "将军庙", "淖毛湖"}
    found = places(nlp, "续建黄桶至百色、合浦至湛江等7个铁路项目。", "广西壮族自治区")  # a verb before the first end
    assert {"黄桶", "百色", "合浦", "湛江"} <= set(found)
    assert found["黄桶"]["adcode"] is None
    # Guangdong 2026, scored alone: the route's kind before a short first end; a long run after it is no name.
    assert set(places(nlp, "开工建设广珠（澳）高铁鹤洲至横琴段。")) == {"鹤洲", "横琴"}
    assert places(nlp, "高铁通车里程进至全国第5位、实现市市通高铁。", "湖北省") == {}


def test_a_route_end_replaces_the_place_inside_it(nlp) -> None:
    found = places(nlp, "建成尖扎至贵德、小柴旦湖至老茫崖等公路，推进扁都口至峨堡等省际大通道建设。", "青海省")
    assert set(found) - {"大通"} == {"尖扎", "贵德", "小柴旦湖", "老茫崖", "扁都口", "峨堡"}  # 大通: 大通道, a known error


def test_routes_need_a_route_word_or_a_road_number(nlp) -> None:
    assert places(nlp, "从现在至本世纪中叶，甚至更长时间。") == {}
    assert places(nlp, "推动企业至海外设厂。") == {}
    assert places(nlp, "统计数据截至目前全省高速公路通车里程。") == {}  # 截至 is a word
    assert places(nlp, "由试点阶段至全面推广阶段。") == {}  # 段 closes 阶段, no route word
    assert set(places(nlp, "兰州（二期）至西宁铁路。")) == {"兰州", "西宁"}  # a phase is no other name
    found = places(nlp, "开工周至至乾县、改扩建西安至永寿等高速公路。", "陕西省")  # the 至 of 周至 links nothing
    assert {"周至", "乾县", "西安", "永寿"} <= set(found) and "至乾县" not in found


def test_a_facility_at_the_end_of_a_route_is_not_a_place(nlp) -> None:
    found = places(nlp, "推进G214加卡至邦达机场段建设。", "西藏自治区")
    assert "加卡" in found and "邦达机场" not in found and "邦达" not in found


def test_city_groups_by_first_characters(nlp) -> None:
    # Fujian, Anhui, Guangxi 2026 and Hailar 2018, 2019: unquoted before a group word, or quoted.
    assert "福厦泉" in places(nlp, "福厦泉要素市场化配置综合改革试点获批。")
    assert "安池铜" in places(nlp, "加快芜马同城化、安池铜跨江一体发展。")
    assert "北钦防" in places(nlp, "推进北钦防一体化发展。")
    assert "海满阿" in places(nlp, "发挥“海满阿”区域旅游资源优势。")
    assert "乌阿海满" in places(nlp, "主动融入“乌阿海满”旅游一体化发展进程。")


def test_a_pair_before_an_area_word_names_the_area(nlp) -> None:
    # Shandong 2026: 济青 (济南, 青岛) before 都市圈 is one region, as 西安都市圈 is; 芜马 before 同城化 is not.
    found = places(nlp, "完善济青都市圈联动发展机制，推进芜马同城化。", "山东省")
    assert found["济青都市圈"]["level"] == "region" and "芜马" not in found


def test_words_and_pairs_are_not_city_groups(nlp) -> None:
    assert "芜马" not in places(nlp, "加快芜马同城化。")  # an unquoted pair is an abbreviation (guidelines §4)
    assert places(nlp, "坚持“四个全面”，推进“两山”转化和“三农”工作。") == {}
    assert places(nlp, "推动产学研协同发展，促进区域一体化。") == {}


def test_names_listed_before_their_kind_are_places(nlp) -> None:
    # The first five-year plan (1953), Yunnan and Qinghai 2026: reservoirs, tributaries, power stations.
    text = "五年内计划建成南湾、薄山、佛子岭、梅山等四个大型水库，并对洪河、汝河、濉河、北淝河等主要支流进行防洪排涝工程。"
    assert set(places(nlp, text, "中国")) == {"南湾", "薄山", "佛子岭", "梅山", "洪河", "汝河", "濉河", "北淝河"}
    assert set(places(nlp, "德厚、阿岗、车马碧大型水库建成投用。", "云南省")) == {"德厚", "阿岗", "车马碧"}
    found = places(nlp, "加快建设南山口、哇让、同德、德令哈4个抽水蓄能电站。", "青海省")
    assert {"南山口", "哇让", "同德", "德令哈"} <= set(found) and found["哇让"]["adcode"] is None


def test_a_list_of_kinds_is_not_a_list_of_names(nlp) -> None:
    # No 等, count or modifier before the kind: each item is a kind of its own (Shanxi 2026, a 2024 ministries'
    # document, the 1991 plan).
    assert places(nlp, "提升综合保税区、航空口岸、国际陆港等平台能级。", "山西省") == {}
    assert places(nlp, "开展微电网、虚拟电厂、源网荷储一体化建设。") == {}
    assert places(nlp, "加快海关监管库、保税仓库等口岸基础设施建设。") == {}


def test_rivers_and_lakes_the_gazetteer_lacks(nlp) -> None:
    # Beijing, Jiangsu 2026 and Hailar 2018, scored alone.
    assert "亮马河" in places(nlp, "新增绿道1000公里，亮马河风情水岸成为城市靓丽风景线。")
    assert "吴淞江" in places(nlp, "支持紫金山创新带、吴淞江科创带建设。")
    assert "特尼河" in places(nlp, "加快推进海拉尔至宝日希勒、特尼河农村公路建设。")


def test_phrases_before_jiang_and_he_are_not_rivers(nlp) -> None:
    # National reports 1998, 2014; Tianjin 2026: a phrase, a word and a figure of speech.
    assert places(nlp, "在以江泽民同志为核心的党中央领导下。") == {}
    assert places(nlp, "支持引水调水、骨干水源、江河湖泊治理。") == {}
    assert places(nlp, "坚决筑牢首都政治、安全“护城河”。") == {}


def test_ends_listed_after_a_route(nlp) -> None:
    # Hailar 2016 and 2018: flights to several places, a road to two (特尼河农村公路: a kind of road after it).
    found = places(nlp, "开通了海拉尔至乌兰巴托、赤塔、韩国、台湾、香港等航线。")
    assert {"海拉尔", "乌兰巴托", "赤塔", "韩国", "台湾", "香港"} <= set(found)
    assert set(places(nlp, "加快推进海拉尔至宝日希勒、特尼河农村公路建设。")) == {"海拉尔", "宝日希勒", "特尼河"}
    # The next item starting another route is that route's (合浦至湛江), not a listed end.
    assert {"黄桶", "百色", "合浦", "湛江"} == set(places(nlp, "续建黄桶至百色、合浦至湛江等7个铁路项目。"))


def test_county_short_forms_listed_together_are_places(nlp) -> None:
    # Hubei 2026, scored alone: four county-level cities of one province; the 1958 report: old counties of Shantou.
    found = places(nlp, "新增仙桃、潜江、宜都、大冶4个千亿县。")
    assert {k: v["adcode"] for k, v in found.items()} == {"仙桃": "429004", "潜江": "429005", "宜都": "420581",
                                                          "大冶": "420281"}
    assert {"澄海", "潮阳", "南澳"} <= set(places(nlp, "而广东省的澄海、潮安、揭阳、潮阳、普宁、南澳，福建省的龙溪、海澄。", "中国"))
    assert places(nlp, "仙桃、大米、蔬菜等特色产品。") == {}  # one county name is not a list of counties
