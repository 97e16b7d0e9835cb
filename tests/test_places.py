"""PLACE: gazetteer codes, short forms, regions, disambiguation by the document's place, names excluded."""

from __future__ import annotations

from conftest import annotate, places


def test_short_form_gets_the_district_code(nlp) -> None:
    found = places(nlp, "新会获评首批全国医养结合示范区。", "江门市")
    assert found["新会"] == {"adcode": "440705", "level": "district", "name": "新会区", "parent": "江门市"}


def test_city_and_province(nlp) -> None:
    found = places(nlp, "江门市、广东省和香港。")
    assert found["江门市"]["adcode"] == "440700"
    assert found["广东省"]["level"] == "province"
    assert found["香港"]["adcode"] == "810000"


def test_regions_and_groupings(nlp) -> None:
    found = places(nlp, "粤港澳大湾区、珠三角、大广海湾经济区、深江经济合作区和拉美。")
    assert set(found) == {"粤港澳大湾区", "珠三角", "大广海湾经济区", "深江经济合作区", "拉美"}
    assert found["粤港澳大湾区"]["level"] == "region"


def test_named_region_starting_with_a_place(nlp) -> None:
    found = places(nlp, "湖北省推进武汉都市圈和长江中游城市群建设。")
    assert set(found) == {"湖北省", "武汉都市圈", "长江中游城市群"}
    # Shanxi 2026: the region word after a part of the place takes the part in, though 中部 alone is a region.
    assert set(places(nlp, "稳妥有序推动山西中部城市群一体化发展。", "山西省")) == {"山西中部城市群"}


def test_the_east_and_the_centre_of_china_are_regions(nlp) -> None:
    # Hunan and Guizhou 2026, the national report 2023 (guidelines §4: 中部 and 东部 as parts of the country, as
    # 西部); Inner Mongolia 2026: its eastern leagues and cities are one region.
    assert "中部" in places(nlp, "上市公司达162家、居中部前列。", "湖南省")
    assert "东部" in places(nlp, "积极承接东部产业转移。", "贵州省")
    assert {"中部地区", "东部"} <= set(places(nlp, "东北全面振兴、中部地区崛起、东部率先发展。"))
    assert set(places(nlp, "推动东部盟市全面振兴。", "内蒙古自治区")) == {"东部盟市"}
    assert places(nlp, "在推进过程中部分地区出现新情况。") == {}  # 中 + 部分: no region
    # Shanxi 2026, the seventh five-year plan: a valley floor and a delta area are one place each (as 伊犁河谷).
    assert {"汾河谷地", "太原盆地"} <= set(places(nlp, "实施汾河谷地、太原盆地大气污染提质增效。", "山西省"))
    assert "闽南三角区" in places(nlp, "长江三角洲、珠江三角洲和闽南三角区等开放地区。", "中国")


def test_disambiguation_by_the_documents_own_place(nlp) -> None:
    text = "赤坎华侨古镇正式开业。"
    assert places(nlp, text, "江门市")["赤坎"]["name"] == "赤坎镇"
    assert places(nlp, text, "湛江市")["赤坎"]["name"] == "赤坎区"


def test_home_place_is_read_from_the_report_title(nlp, jiangmen_raw: str) -> None:
    doc = nlp(jiangmen_raw)
    found = {e.text: e._.place for e in doc.ents if e.label_ == "PLACE"}
    assert found["新会"]["adcode"] == "440705"


def test_no_place_inside_names_of_organisations_projects_and_titles(nlp) -> None:
    text = "江门发展集团、深中通道和江门中微子实验室建成，纪录片《东北抗联》热播，“北京蓝”成为常态。"
    assert places(nlp, text, "江门市") == {}


def test_common_words_that_are_also_short_county_names_are_not_places(nlp) -> None:
    assert set(places(nlp, "向为辽宁振兴发展作出贡献的各类经营主体表示感谢。", "辽宁省")) == {"辽宁"}
    assert set(places(nlp, "大力发展新兴产业。", "广东省")) == set()
    assert places(nlp, "2024年是中华人民共和国成立75周年。")["中华人民共和国"]["level"] == "country"


def test_rivers_and_lakes_win_over_the_county_inside_them(nlp) -> None:
    # Guizhou 2026 report.
    found = places(nlp, "全面推进乌江、清水江、赤水河、都柳江、草海等重点河湖环境污染综合治理。", "贵州省")
    assert set(found) == {"乌江", "清水江", "赤水河", "都柳江", "草海"}
    assert found["赤水河"]["level"] == "river" and found["草海"]["level"] == "lake"


def test_a_reservoir_named_after_a_place_is_one_place(nlp) -> None:
    found = places(nlp, "落实密云水库水源保护条例。", "北京市")  # Beijing 2026 report
    assert found == {"密云水库": {"name": "密云水库", "adcode": None, "level": "lake", "parent": None}}


def test_countries_come_from_the_setup_country_list_with_official_names(nlp) -> None:
    found = places(nlp, "我国同哈萨克斯坦共和国、乌兹别克斯坦和卢森堡加强合作。")
    assert {k: v["name"] for k, v in found.items()} == {
        "哈萨克斯坦共和国": "哈萨克斯坦", "乌兹别克斯坦": "乌兹别克斯坦", "卢森堡": "卢森堡"}
    assert all(v["level"] == "country" for v in found.values())
    assert places(nlp, "沿海地区和中非合作论坛。") == {}  # 海地 and 中非 (countries) are not read here


def test_a_place_listed_before_a_region_word_stays_a_place(nlp) -> None:
    found = places(nlp, "支持晋北、晋南、晋东南城镇圈高质量发展。", "山西省")  # Shanxi 2026 report
    assert set(found) == {"晋北", "晋南", "晋东南"}


def test_a_verb_right_before_an_event_word_is_part_of_the_name(nlp) -> None:
    # Beijing and Fujian 2026: the place starts an event's name; a verb further back keeps the place.
    assert "中国" not in places(nlp, "成功举办第八届数字中国建设峰会。")
    assert "中国" not in places(nlp, "用好中国国际服务贸易交易会平台。")
    recognizer = nlp.get_pipe("govdoc_places")
    assert recognizer.starts_a_name("数字中国建设峰会", 2, 4)
    assert not recognizer.starts_a_name("江门建设侨乡文化工程", 0, 2)  # place_rules.tsv's own example


def test_towns_of_a_provincial_reports_province_where_the_text_shows_them(nlp) -> None:
    # Towns are looked up across the province only after their own county or city, or in a 、-list with a place.
    found = places(nlp, "全面完成玉树东坝、尕羊、吉曲3乡大电网延伸工程。", "青海省")
    assert found["东坝"] == {"name": "东坝乡", "adcode": None, "level": "town", "parent": "囊谦县"}
    assert found["尕羊"]["parent"] == "囊谦县" and found["玉树"]["level"] == "city"
    found = places(nlp, "实施满洲里、二连浩特、甘其毛都、策克、满都拉等重点口岸提升工程。", "内蒙古自治区")
    assert {"甘其毛都", "满都拉"} <= set(found) and found["满都拉"]["level"] == "town"
    # In the report of a province that has no such towns, they stay unmatched.
    assert set(places(nlp, "全面完成玉树东坝、尕羊、吉曲3乡大电网延伸工程。", "福建省")) == {"玉树"}


def test_town_names_that_are_common_words_are_not_looked_up_across_a_province(nlp) -> None:
    text = "我们更加深刻地感受到习近平总书记对广东人民山高水长的关怀厚爱。"
    assert set(places(nlp, text, "广东省")) == {"广东"}  # 人民 (人民街道) is a word jieba knows as a noun
    text = "喀什古城、伊犁六星街、库车龟兹小巷等，成为各族人民共享融合发展的亮丽名片。"
    assert "古城" not in places(nlp, text, "新疆维吾尔自治区")  # a generic word, in the rules' stop_short list


def test_ports_and_roads_named_after_a_place_are_not_places(nlp) -> None:
    text = "上海港集装箱吞吐量达到5506.3万标准箱，推进南京东路、陆家嘴、徐家汇等重点商圈改造提升。"
    found = places(nlp, text, "上海市")
    assert "上海" not in found and "南京" not in found
    assert {"陆家嘴", "徐家汇"} <= set(found)  # subdistricts of the home municipality, in a list with a place
    assert "江门" in places(nlp, "探索具有江门特色的发展路径。", "江门市")  # 路径 is not a road


def test_a_part_of_a_place_and_each_listed_region_are_one_place(nlp) -> None:
    text = "加强丹江口库区、三峡库区水质安全保障，长江上游重要生态屏障全面筑牢。"
    assert {"丹江口库区", "三峡库区", "长江上游"} <= set(places(nlp, text, "湖北省"))
    text = "深入对接和服务长三角一体化发展、粤港澳大湾区、海西经济区建设。"
    assert set(places(nlp, text, "江西省")) == {"长三角", "粤港澳大湾区", "海西经济区"}
    # A region word after a list of places still names the whole list (the places stay places).
    assert {"晋北", "晋南"} <= set(places(nlp, "推动晋北、晋南、晋东南城镇圈协同发展。", "山西省"))


def test_a_district_or_county_name_running_into_a_word_with_yu_is_cut_back(nlp) -> None:
    assert "西安" in places(nlp, "落实西安区域科技创新中心建设重点任务。", "陕西省")
    assert not places(nlp, "推动各市主导产业和县域特色产业高质量发展。", "河北省")  # 和县 (Anhui) is not meant


def test_rare_words_jieba_mistags_stay_place_names(nlp) -> None:
    # jieba tags 垦利 as a verb, with frequency 4: too rare to count as a common word.
    assert places(nlp, "烟台丁字湾、垦利经开区入选首批国家级零碳园区。", "山东省")["垦利"]["adcode"] == "370505"
    assert "固安" not in places(nlp, "在发展中固安全，在安全中谋发展。", "河北省")  # the formula, not 固安县


def test_no_country_inside_developing_countries(nlp) -> None:
    text = "同主要大国关系取得新进展，同发展中国家友好合作不断拓展，香港、澳门保持长期繁荣稳定。"
    assert set(places(nlp, text, "中国")) == {"香港", "澳门"}


def test_places_a_route_joins_are_places_and_hotels_and_schools_are_names(nlp) -> None:
    found = places(nlp, "开工南宁至百色高速、合浦至湛江铁路等项目。", "广西壮族自治区")
    assert {"南宁", "百色", "合浦", "湛江"} <= set(found)
    text = "包商银行培训中心、呼伦贝尔大饭店等酒店主体完工，扩大海拉尔现代产业技术学校办学规模。"
    assert not places(nlp, text, "内蒙古自治区呼伦贝尔市海拉尔区")


def test_listed_towns_are_whole_items_of_a_list_holding_a_place() -> None:
    from govdoc_nlp.places.listed_towns import towns_in_context

    text = "实施满洲里、二连浩特、甘其毛都、策克、满都拉等重点口岸提升工程。"
    places_, towns = [(2, 5), (6, 10)], [(11, 15), (19, 22)]
    assert towns_in_context(text, places_, towns, lambda place, town: False) == towns
    assert towns_in_context(text, [], towns, lambda place, town: False) == []  # no place in the list
    text = "开工黔江至吉首高铁重庆段、福寿岩水库、川渝特高压交流加强工程。"
    assert towns_in_context(text, [(2, 4), (9, 11)], [(13, 15)], lambda place, town: False) == []  # 福寿 of 福寿岩


def test_a_part_of_a_place_named_by_a_direction_or_a_landform_is_one_place(nlp) -> None:
    # The twelfth five-year plan: a basin and a direction after a place; a region inside the part is taken in;
    # 中部 alone is a region (places4 marks it here).
    found = places(nlp, "建设山西、鄂尔多斯盆地、内蒙古东部地区、西南地区和新疆五大国家综合能源基地，"
                        "重点在东部沿海和中部部分地区发展核电", "中国")
    assert set(found) == {"山西", "鄂尔多斯盆地", "内蒙古东部地区", "西南地区", "新疆", "东部沿海", "中部"}
    assert found["内蒙古东部地区"]["level"] == "region"
    # A place found running past the part word stays whole (北部湾, not 广西北部 + 湾), and a region word after a
    # part word takes in no other place (黄河上游湟水流域 is two).
    assert set(places(nlp, "深化广西北部湾经济区开放开发。", "中国")) == {"广西", "北部湾经济区"}
    assert set(places(nlp, "推进黄河上游湟水流域综合治理。", "青海省")) == {"黄河上游", "湟水流域"}
    assert "朝鲜半岛" in places(nlp, "中国历来积极维护朝鲜半岛的和平与稳定，高度重视东盟在维护地区和平与发展方面所发挥的作用。")


def test_party_clinic_and_community_names_hold_no_place_but_residents_do(nlp) -> None:
    assert places(nlp, "在中国共产党领导下，我们的国家这几年执行了一系列正确政策。", "中国") == {}
    hailar = "内蒙古自治区呼伦贝尔市海拉尔区"
    assert places(nlp, "加快卫生急救中心、哈克卫生院扩建等项目建设。", hailar) == {}
    assert "松山" not in places(nlp, "爱民社区荣获“全国人口和计划生育基层群众自治示范村居”、松山社区被授予“全国家庭教育工作示范社区”。", hailar)
    assert "台湾" in places(nlp, "落地签证服务中心投入使用，台湾居民口岸签注业务启动实施。", hailar)


def test_classical_name_of_a_province(nlp) -> None:
    assert "齐鲁" in places(nlp, "培养培训新型高素质农民和农村实用人才，助力打造乡村振兴齐鲁样板。", "山东省")


def test_a_river_named_after_a_place_unless_it_starts_a_projects_name(nlp) -> None:
    hailar = "内蒙古自治区呼伦贝尔市海拉尔区"
    found = places(nlp, "保护好海拉尔河湿地、西山湿地和黑羊站水源地，启动投资1.3亿元的海拉尔河、伊敏河堤防工程。", hailar)
    assert found["海拉尔河"]["level"] == "river" and "海拉尔" not in found
    assert places(nlp, "加快实施海拉尔河堤防工程。", hailar) == {}
    assert "甘肃河" not in places(nlp, "改建甘肃河口到青海西宁公路。", "中国")  # 河口 is a place of its own


def test_relic_event_plaza_and_generic_zone_words_hold_no_place(nlp) -> None:
    hailar = "内蒙古自治区呼伦贝尔市海拉尔区"
    assert places(nlp, "加大文物保护力度，做好谢尔塔拉墓地、哈克遗址等文物保护区规划。", hailar) == {}
    assert "内蒙古" not in places(nlp, "集中打造了第五届内蒙古青年歌手大奖赛、全国青少年航海模型总决赛。", hailar)
    assert "成吉思汗" not in places(nlp, "集中打造机场路等主要街道、成吉思汗广场、伊敏河等重点区域的亮化。", hailar)
    found = places(nlp, "推进中国（山东）自由贸易试验区、中国—上海合作组织地方经贸合作示范区、省级以上高新区发展。", "山东省")
    assert "上海" not in found and "高新区" not in found and "山东" in found


def test_islands_and_reaches_are_one_place(nlp) -> None:
    found = places(nlp, "积极推进港珠澳大桥等大型跨境基础设施建设和珠海横琴岛开发，深化粤港澳合作。", "中国")
    assert {"珠海", "横琴岛", "粤港澳"} <= set(found)
    assert "黄河上中游" in places(nlp, "加大长江上游、黄河上中游天然林保护工程的实施力度。", "中国")


def test_meili_before_a_province_and_two_character_counties_inside_words(nlp) -> None:
    found = places(nlp, "林木覆盖率、湿地保护率分别达24.1%和50.2%，美丽江苏画卷徐徐铺展。", "江苏省")
    assert "江苏" in found and "丽江" not in found
    assert places(nlp, "开展3轮爱国卫生“7个专项行动”，建成31个健康县城示范县。", "云南省") == {}
    assert places(nlp, "基本完成乡镇机构、农村义务教育和县乡财政管理体制等改革任务。", "中国") == {}
    found = places(nlp, "山西岚县尖山铁矿，甘肃岷县漳县灾后重建。", "中国")  # not 漳县地震: a disaster's name
    assert {"岚县", "岷县", "漳县"} <= set(found)


def test_branches_bureaus_and_corps_are_names(nlp) -> None:
    text = "（牵头单位：人民银行济南分行，参加单位：省地方金融监管局、山东银保监局、山东证监局）"
    assert places(nlp, text, "山东省") == {}
    doc = annotate(nlp, "继续实行支持西藏、新疆及新疆生产建设兵团发展的政策", "中国")
    assert [e.text for e in doc.ents if e.label_ == "PLACE"] == ["西藏", "新疆"]
    assert places(nlp, "服务保障中央企业迁入雄安。", "北京市")["雄安"]["name"] == "雄安新区"


def test_a_base_keeps_its_place_unless_it_is_an_organisations_branch(nlp) -> None:
    # Inner Mongolia 2026, places sets (Tibet 2026).
    assert set(places(nlp, "支持包头老工业基地、乌海资源枯竭型城市绿色转型、创新发展。", "内蒙古自治区")) == {"包头", "乌海"}
    assert places(nlp, "加快建设国家重大工程技术创新中心林芝基地。", "西藏自治区") == {}
    # Inner Mongolia, Jiangxi and Shandong 2026: a laboratory's base or platform, an academy's science city.
    assert "内蒙古" not in places(nlp, "推动怀柔国家实验室内蒙古基地建设。", "内蒙古自治区")
    assert places(nlp, "崖州湾国家实验室南昌物种创新平台成功落地。", "江西省") == {}
    assert places(nlp, "加快中科院济南科创城等重大载体建设。", "山东省") == {}
    # A company at the end of the line before is no owner: the next line's platform keeps its place.
    assert "陕西" in places(nlp, "西安某供应链管理有限公司\n陕西供应链协作信息服务平台", "陕西省")


def test_a_place_starting_or_bracketed_in_a_company_name_is_not_a_place(nlp) -> None:
    # A ministry's list of digital-service providers (policy document 2020_088).
    for name in ("东云睿连（武汉）计算技术有限公司", "上海至数企业发展有限公司", "航天云网数据研究院（广东）有限公司"):
        assert places(nlp, name, "中国") == {}
    assert "山东" in places(nlp, "以中国（山东）自贸试验区济南片区为依托。", "山东省")


def test_a_county_right_after_its_province_is_a_place_in_a_national_document(nlp) -> None:
    # The sixth five-year plan and the 1992 national report.
    found = places(nlp, "把内蒙古鄂尔多斯、山西沁水等巨型成煤盆地作为勘探重点", "中国")
    assert found["沁水"]["name"] == "沁水县" and found["沁水"]["adcode"].startswith("14")
    found = places(nlp, "通过上海浦东的开放开发带动长江三角洲", "中国")
    assert "上海" in found and found["浦东"]["name"] == "浦东新区"
    assert "沁水" not in places(nlp, "沁水等巨型成煤盆地", "中国")


def test_two_places_joined_by_a_dash_before_a_region_word_are_one_region(nlp) -> None:
    found = places(nlp, "兰西“1小时经济圈”初步成型，西宁—海东都市圈一体化发展提速。", "青海省")
    assert found["西宁—海东都市圈"]["level"] == "region" and "西宁" not in found


def test_the_war_of_resistance_and_compass_regions(nlp) -> None:
    assert places(nlp, "我们隆重纪念中国人民抗日战争暨世界反法西斯战争胜利80周年。", "中国") == {}
    assert set(places(nlp, "推进西南及北部湾区综合科考。东西南北大通道全面贯通。", "广西壮族自治区")) == {"西南", "北部湾"}


def test_a_place_made_of_the_ends_of_two_common_words_is_not_a_place(nlp) -> None:
    # National reports (1998–2024) and the Hubei 2026 report.
    assert places(nlp, "保持人民币汇率在合理均衡水平上的基本稳定。", "中国") == {}
    assert places(nlp, "加强对重大理论和实践问题的研究，有关中央企业按期推进。", "中国") == {}
    assert places(nlp, "聚焦“提效能”积极稳妥创新乡村治理。", "湖北省") == {}
    assert set(places(nlp, "我们将继续从中国人民和世界各国人民的根本利益出发。", "中国")) == {"中国"}


def test_titles_plans_slogans_and_the_soviet_union(nlp) -> None:
    # Shanxi 2026, Hubei 2026, national reports 2017 and 2010, the first five-year plan.
    assert places(nlp, "话剧《右玉》《于成龙》、歌曲《瓷魂》等获国家奖项。", "山西省") == {}
    assert places(nlp, "顺应城市发展从增量扩张阶段转向存量提质增效为主阶段的演变趋势。", "湖北省") == {}
    assert places(nlp, "坚持用中国梦和社会主义核心价值观凝聚共识。", "中国") == {}
    assert places(nlp, "要认真实施珠江三角洲地区改革发展规划纲要。", "中国") == {}
    found = places(nlp, "经过全国人民的积极努力，在苏联的兄弟般的援助下，许多过去没有的工业建立起来了。", "中国")
    assert list(found) == ["苏联"] and found["苏联"]["level"] == "country"
    assert "贵州" in places(nlp, "贵州运动健儿在巴黎奥运会、东京残奥会上取得佳绩。", "贵州省")


def test_reservoirs_the_gazetteer_lacks_are_named_features(nlp) -> None:
    # Tibet 2026, Hebei 2026, Chongqing 2026, Guangdong 2026.
    found = places(nlp, "开工建设东嘎水库。", "西藏自治区")
    assert found["东嘎水库"]["level"] == "lake"
    assert "娄里水库" in places(nlp, "加快娄里水库等重点项目建设。", "河北省")
    assert places(nlp, "加快推进重点流域防洪工程建设和病险水库除险加固，兴修水库。", "中国") == {}
    assert "龙颈水库" in places(nlp, "做好粤东水资源优化配置工程（含龙颈水库扩建）前期工作。", "广东省")
    # Qinghai and Yunnan 2026, scored alone: hydropower sites listed before 等水电站.
    assert set(places(nlp, "争取茨哈峡、尔多等水电站纳入国家规划。")) == {"茨哈峡", "尔多"}
    assert {"旭龙", "奔子栏", "古水", "橄榄坝"} <= set(places(nlp, "加快旭龙、奔子栏、古水、橄榄坝等水电站建设。"))


def test_a_town_naming_a_science_or_university_city_is_a_place(nlp) -> None:
    # Beijing, Shanghai and Anhui 2026 (guidelines §4: 良乡大学城, 东湖科学城 keep their places; a city's national
    # science centre is a role it is given).
    assert {"良乡", "沙河"} <= set(places(nlp, "推动良乡大学城、沙河高教园高质量发展。", "北京市"))
    assert "张江" in places(nlp, "推动张江科学城、“大零号湾”功能提升。", "上海市")
    assert "合肥" in places(nlp, "提升合肥综合性国家科学中心能级。", "安徽省")
    assert "吴淞" in places(nlp, "推动吴淞创新城开发提速。", "上海市")
    assert "良乡" not in places(nlp, "推动良乡高质量发展。", "北京市")  # no area word: a town needs context
    assert places(nlp, "建设吴淞创新城市。", "上海市") == {}  # town_area_word_not_before: 创新城 + 市 is 创新城市


def test_world_regions_short_country_names_and_leaders_meetings(nlp) -> None:
    # Guangxi 2026, Shaanxi 2026 (places34); a meeting named after a region is an event (guidelines §4).
    assert set(places(nlp, "与印尼、泰国、老挝等建立政府间合作机制。")) == {"印尼", "泰国", "老挝"}
    assert places(nlp, "发挥联接东亚和中亚的区位优势。")["东亚"]["level"] == "region"
    assert places(nlp, "出席东亚合作领导人系列会议。") == {}
    assert places(nlp, "出席第五次中国—东盟领导人会议。") == {}
    # A city's metropolitan area is one PLACE, as a 都市圈 is (Anhui 2026).
    assert "阜阳城市圈" in places(nlp, "提升阜阳城市圈综合承载能力。", "安徽省")
    # Inner Mongolia 2026 (places36): the central leagues, as the eastern and western ones, and a four-city group.
    assert set(places(nlp, "发挥中部盟市挑大梁作用，加快呼包鄂乌一体化发展。", "内蒙古自治区")) == {"中部盟市", "呼包鄂乌"}
    assert places(nlp, "推进11号线延伸线、东北角“一站两区间”建设。", "天津市") == {}  # a corner, not the Northeast


def test_agreements_bids_and_historical_regions(nlp) -> None:
    # National reports 1959 and 1993.
    assert set(places(nlp, "作为日内瓦协议和朝鲜停战协定的有关方面，我们不能容许美国破坏这些协议。", "中国")) == {"美国"}
    assert set(places(nlp, "中国政府支持北京市申办2000年奥运会。", "中国")) == {"中国", "北京市"}
    found = places(nlp, "西藏，包括昌都、前藏、后藏三部分地方，还包括一部分由金沙江以东原西康省地区逃跑去的叛乱分子。", "中国")
    assert {"前藏", "后藏", "金沙江"} <= set(found)


def test_foreign_cities_oceans_and_occupied_territories(nlp) -> None:
    # Inner Mongolia (Hailar) 2019, national reports 1964 and 1988.
    found = places(nlp, "海拉尔至俄罗斯赤塔、蒙古国乌兰巴托定期航线运行稳定。", "内蒙古自治区")
    assert found["乌兰巴托"]["level"] == "foreign_city" and found["蒙古国"]["level"] == "country"
    assert "莫斯科" in places(nlp, "我们主动倡议派党政代表团去莫斯科参加庆祝。", "中国")
    found = places(nlp, "谴责以色列当局在约旦河西岸和加沙地带残酷镇压巴勒斯坦人民的暴行。", "中国")
    assert {"以色列", "约旦河西岸", "加沙地带", "巴勒斯坦"} <= set(found)
    assert places(nlp, "开发生物基多元醇制造技术，办好酒博会，继续推进汉堡等快餐连锁。", "中国") == {}


def test_generic_zone_words_are_not_short_forms_and_hubei_city_groups_are_regions(nlp) -> None:
    # Shanxi 2026, Hubei 2026, the sixth five-year plan.
    assert places(nlp, "13个县被命名为国家生态文明建设示范区，建设化工园区和产业园。", "山西省") == {}
    found = places(nlp, "切实增强汉襄宜省内大空间协同，带动“襄十随神”城市群协同发展。", "湖北省")
    assert {"汉襄宜", "襄十随神"} <= set(found)
    assert "长江中上游" in places(nlp, "重点是继续开发黄河上游、长江中上游和红水河流域的水力资源。", "中国")


def test_autonomous_prefecture_short_forms_and_half_as_common_crossing_words(nlp) -> None:
    # Hunan 2026, Yunnan 2026, Ningxia 2026.
    found = places(nlp, "湘西州“四好农村路”建设经验获全国推介。", "湖南省")
    assert found["湘西州"]["name"] == "湘西土家族苗族自治州" and found["湘西州"]["level"] == "city"
    assert "大理州" in places(nlp, "大理州、丽江市入选国家碳达峰试点。", "云南省")
    assert places(nlp, "“黄河水甜、共产党亲、总书记好”成为全区各族人民的共同心声。", "宁夏回族自治区") == {}


def test_a_mistyped_rule_kind_is_an_error_naming_file_and_line() -> None:
    import pytest

    from govdoc_nlp.data_files import DataFileError, parse_tsv
    from govdoc_nlp.places.recognizer import PLACE_RULE_KINDS

    text = "# comment\nkind\tvalue\nstop_short\t振兴\nstop_shrot\t新兴\n"
    with pytest.raises(DataFileError, match=r"test_rules.tsv:4: unknown kind 'stop_shrot'"):
        parse_tsv("test_rules.tsv", text, ("kind", "value"), {"kind": PLACE_RULE_KINDS})
    with pytest.raises(DataFileError, match="columns kind, value; expected kind, word"):
        parse_tsv("test_rules.tsv", text, ("kind", "word"))


def test_each_recogniser_keeps_its_own_indexes() -> None:
    import spacy

    from govdoc_nlp.places.gazetteer import PlaceRecord
    from govdoc_nlp.places.recognizer import PlaceRecognizer

    def recogniser(name: str, adcode: str) -> PlaceRecognizer:
        made = PlaceRecognizer(spacy.blank("zh"))
        made.set_records([PlaceRecord(name, name[:-1], adcode, "city", None, adcode[:2], adcode[:4])],
                         common_shorts=frozenset(), common_town_words=frozenset(), word_freq={})
        return made

    first, second = recogniser("江门市", "440700"), recogniser("佛山市", "440600")
    index = first.names.global_index()
    assert second.names.global_index() is not index and first.names.global_index() is index  # not rebuilt at a switch
    assert [s.value["name"] for s in first.find("江门和佛山", None)] == ["江门市"]
    assert [s.value["name"] for s in second.find("江门和佛山", None)] == ["佛山市"]


def test_an_excerpt_without_its_title_takes_the_city_its_county_names_share(nlp) -> None:
    excerpt = "新会GDP突破千亿，蓬江达955亿，台山、开平、鹤山超500亿，恩平工业投资四年翻番"
    found = [(e.text, e._.place["adcode"]) for e in nlp(excerpt).ents if e.label_ == "PLACE"]
    assert found == [("新会", "440705"), ("蓬江", "440703"), ("台山", "440781"), ("开平", "440783"),
                     ("鹤山", "440784"), ("恩平", "440785")]
    # One county name alone, or names that point to several cities, give no home: 开平 is also Tangshan's.
    assert not [e for e in nlp("台山、开平两地加快发展。").ents if e.label_ == "PLACE"]


def test_shared_city_needs_two_county_names_of_one_city_only() -> None:
    from govdoc_nlp.places.gazetteer import PlaceRecord
    from govdoc_nlp.places.home_place import shared_city

    def county(name: str, short: str, city: str, code: str) -> PlaceRecord:
        return PlaceRecord(name, short, code, "county", city, code[:2], code[:4])

    full = {"台山市": [county("台山市", "台山", "江门市", "440781")], "恩平市": [county("恩平市", "恩平", "江门市", "440785")],
            "江门市": [PlaceRecord("江门市", "江门", "440700", "city", "广东省", "44", "4407")],
            "开平区": [county("开平区", "开平", "唐山市", "130205")], "开平市": [county("开平市", "开平", "江门市", "440783")]}
    short = {"台山": full["台山市"], "恩平": full["恩平市"], "开平": full["开平区"] + full["开平市"]}
    assert shared_city(["台山", "恩平"], full, short) == "江门市"
    assert shared_city(["台山", "台山"], full, short) is None  # one name twice
    assert shared_city(["台山", "开平"], full, short) is None  # 开平 names two counties


def test_a_name_left_ambiguous_is_a_place_with_its_candidates_until_the_document_settles_it(nlp) -> None:
    [alone] = [e._.place for e in nlp("朝阳区加快发展。").ents if e.label_ == "PLACE"]
    assert alone["adcode"] is None and {c["adcode"] for c in alone["candidates"]} == {"110105", "220104"}
    with_city = {e.text: e._.place for e in nlp("吉林省长春市、朝阳区加快发展。").ents if e.label_ == "PLACE"}
    assert with_city["朝阳区"] == {"name": "朝阳区", "adcode": "220104", "level": "district", "parent": "长春市"}


def test_settle_by_document_takes_the_one_candidate_in_a_named_city_or_province() -> None:
    from govdoc_nlp.alignment import CharSpan
    from govdoc_nlp.places.discourse import settle_by_document

    def place(name: str, adcode: str | None, **extra) -> CharSpan:
        return CharSpan(0, 1, "PLACE", "place", {"name": name, "adcode": adcode, "level": "district", **extra})

    gulou = [{"name": "鼓楼区", "adcode": code, "level": "district", "parent": None}
             for code in ("320106", "350102", "410204")]
    spans = settle_by_document([place("鼓楼区", None, candidates=gulou), place("福建省", "350000")])
    assert spans[0].value["adcode"] == "350102"
    two_named = settle_by_document([place("鼓楼区", None, candidates=gulou), place("江苏省", "320000"),
                                    place("福建省", "350000")])
    assert two_named[0].value["adcode"] is None  # two candidates in named provinces: still ambiguous


def test_a_former_name_is_a_place_with_todays_code_and_is_marked_historical(nlp) -> None:
    # jionlp's china_location_change.txt: 襄樊市 became 襄阳市 in 2010; 柳州地区 was split in 2002.
    found = places(nlp, "湖北襄樊、宜昌两市加快发展，撤销柳州地区，宁乡县撤县设市。")
    assert found["襄樊"]["adcode"] == "420600" and found["襄樊"]["historical"] is True
    assert (found["襄樊"]["current_name"], found["襄樊"]["changed"]) == ("襄阳市", "2010-12-09")
    assert found["柳州地区"]["adcode"] is None and found["柳州地区"]["current_name"] == "来宾市、柳州市"
    assert found["宁乡县"]["adcode"] == "430182" and found["宁乡县"]["current_name"] == "宁乡市"
    assert "historical" not in found["宜昌"]  # a current name reads as before


def test_products_idioms_and_societies_named_after_places_hold_no_place(nlp) -> None:
    # The leaks: a product or regional brand (guidelines §4: 吉林大米, 杞县大蒜), an idiom, a society.
    assert not places(nlp, "打响绍兴黄酒、金华火腿、西湖龙井茶等区域公用品牌。")
    assert not places(nlp, "培育内蒙古牛羊肉、奶酪、马铃薯等区域公用品牌。", "内蒙古自治区")
    # Henan, Shaanxi and Jilin 2026: produce, crafts and time-honoured brands named after their places.
    assert not places(nlp, "杞县大蒜、柘城辣椒、清丰食用菌等越来越多的“豫农优品”摆上世界餐桌。", "河南省")
    assert not places(nlp, "扩大中华老字号、陕西老字号品牌影响力。", "陕西省")
    assert not places(nlp, "吉林鲜食玉米全产业链产值保持增长。", "吉林省")
    # Xinjiang 2026: an ancient town is a name (乌拉泊古城, as places and places3 read it), but a county or district
    # named 古城/故城 is a place after its city (the review's cases).
    assert "乌拉泊" not in places(nlp, "加强乌拉泊古城、交河故城保护利用。", "新疆维吾尔自治区")
    assert {"丽江市", "古城区"} <= set(places(nlp, "推进丽江市古城区棚户区改造。", "云南省"))
    assert {"衡水市", "故城县"} <= set(places(nlp, "支持衡水市故城县发展。", "河北省"))
    # Hailar, Qinghai and Hubei: theme towns named after places, two companies.
    assert places(nlp, "加快推进哈克文化特色小镇建设。", "内蒙古自治区呼伦贝尔市海拉尔区") == {}
    assert places(nlp, "阿里云全国产芯片万卡绿算集群建成投运。", "青海省") == {}
    assert places(nlp, "长江存储三期等项目加快建设。", "湖北省") == {}
    assert not places(nlp, "让人民群众生活更加幸福安康。")
    assert not places(nlp, "首艘国产大型邮轮入级中国船级社。")
    # The same places elsewhere in the sentence stay places; 龙井 before 市 is the city, not the tea.
    text = "绍兴、金华两市打响绍兴黄酒品牌。"
    found = [(e.start_char, e.text) for e in annotate(nlp, text).ents if e.label_ == "PLACE"]
    assert found == [(0, "绍兴"), (3, "金华")]
    assert "龙井市" in places(nlp, "支持延边州龙井市发展特色产业。")
    assert set(places(nlp, "支持安康建设陕南绿色循环发展示范区。")) == {"安康", "陕南"}


def test_a_long_county_short_form_naming_one_division_is_a_place_without_a_home(nlp) -> None:
    # places16's excerpts, scored alone: 海拉尔 names only Hailar district, so no home place is needed.
    found = places(nlp, "为建设和谐美好幸福海拉尔而努力奋斗！")
    assert found["海拉尔"]["adcode"] == "150702"
    assert places(nlp, "开工建设富裕至加格达奇铁路。")["加格达奇"]["name"] == "加格达奇区"
    # Two-character short forms stay near home: 大方 (大方县) is first of all a word; an excerpt naming 贵州 is
    # at home there (places16 gold marks 大方).
    assert "大方" not in places(nlp, "大方燃煤发电等12个百亿项目开工。")
    assert "大方" in places(nlp, "贵州能源大方燃煤发电等12个百亿项目开工。")
    # A form that starts with a province (河南县, Qinghai) does not take the province out of 河南县城.
    assert places(nlp, "支持河南县城建设。")["河南"]["adcode"] == "410000"


def test_the_distinct_short_form_length_is_one_whole_number() -> None:
    import pytest

    from govdoc_nlp.data_files import DataFileError
    from govdoc_nlp.places.name_starts import whole_number

    assert whole_number([{"kind": "distinct_short_min_chars", "value": "3"}], "distinct_short_min_chars") == 3
    assert whole_number([], "distinct_short_min_chars") == 0
    for bad in ("three", "²"):
        with pytest.raises(DataFileError, match="distinct_short_min_chars takes one row whose value is a whole number"):
            whole_number([{"kind": "distinct_short_min_chars", "value": bad}], "distinct_short_min_chars")


def test_a_bracketed_place_inside_an_event_name_is_not_a_place(nlp) -> None:
    # Anhui 2026, Shanxi 2026; the zone keeps its places (Shandong 2026), and a list of plants its cities (1958).
    assert places(nlp, "举办地方政府暨友城合作（黄山）论坛、徽商大会等活动。", "安徽省") == {}
    assert places(nlp, "办好中国（太原）国际能源产业博览会。", "山西省") == {}
    assert {"中国", "山东"} <= set(places(nlp, "推进中国（山东）自由贸易试验区建设。", "山东省"))
    assert "吉林" in places(nlp, "由中央建设的兰州、太原、吉林（二期）等肥料厂。", "中国")


def test_an_excerpt_names_its_place_by_a_short_form(nlp) -> None:
    # Tianjin 2026, a sentence scored alone: 天津 (no 市) makes 宝坻, 武清 and 宁河 its districts.
    text = ("推动天津滨海—中关村科技园、宝坻京津中关村科技城、武清京津产业新城等既有平台特色化差异化发展，"
            "协同做好宁河京津合作示范区资源导入和公共服务。")
    found = places(nlp, text)
    assert {k: found[k]["adcode"] for k in ("宝坻", "武清", "宁河")} == {"宝坻": "120115", "武清": "120114",
                                                                       "宁河": "120117"}
    # A short form starting an organisation's name does not: 新疆生产建设兵团 among a notice's addressees.
    assert nlp.get_pipe("govdoc_places").home_name("各省、自治区、直辖市及新疆生产建设兵团发展改革委：") is None


def test_a_place_starting_an_event_named_dahui_is_not_a_place(nlp) -> None:
    # Yunnan, Fujian 2026; the congress of a place, the report to it and an enlarged meeting keep theirs.
    assert places(nlp, "承办3届中国户外运动产业大会。", "云南省") == {}
    assert places(nlp, "办好中国侨智发展大会。", "福建省") == {}
    assert "江门市" in places(nlp, "——2025年1月在江门市第十六届人民代表大会第五次会议上")
    assert "海拉尔区" in places(nlp, "现在，我代表海拉尔区人民政府向大会报告工作。")
    assert "西藏自治区" in places(nlp, "最近，在西藏自治区筹委会第七次扩大会议上。", "中国")


def test_a_development_zone_in_the_gazetteer_keeps_its_place(nlp) -> None:
    # Inner Mongolia 2026 (places20 gold marks 包头), Jiangsu 2026: zones jionlp lists as districts are names.
    found = places(nlp, "鄂尔多斯蒙苏经济开发区、包头稀土高新技术产业开发区入选首批国家级零碳园区。", "内蒙古自治区")
    assert set(found) == {"鄂尔多斯", "包头"} and found["包头"]["adcode"] == "150200"
    assert set(places(nlp, "支持苏州工业园区深化开放创新综合试验。", "江苏省")) == {"苏州"}
