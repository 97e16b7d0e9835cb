"""PLACE: where a place starts the name of an institution, event, law or street, and where a list shows it does not
(sentences of the national and provincial reports; the readings the guidelines give)."""

from conftest import places


def test_a_place_before_an_institutions_centre_starts_its_name(nlp) -> None:
    # Shandong and Guangdong 2026, Shanghai 2026: institutions; Henan and Shaanxi 2026: roles a city is given.
    assert "济南" not in places(nlp, "依托国家超算济南中心、山东大学开展研究。", "山东省")
    assert "深圳" not in places(nlp, "高标准建设华南国家植物园和深圳国际红树林中心。", "广东省")
    assert "虹桥" not in places(nlp, "提升虹桥国际人才服务中心等平台能级。", "上海市")
    assert "郑州" in places(nlp, "加快郑州国家中心城市建设。", "河南省")
    assert "西安" in places(nlp, "加快西安区域科技创新中心建设。", "陕西省")
    assert "南阳" in places(nlp, "支持南阳做优中心城区。", "河南省")
    assert "郑州" in places(nlp, "加快郑州国际物流中心建设。", "河南省")


def test_laws_fairs_and_streets_named_after_places_hold_no_place(nlp) -> None:
    # National report 2004, Liaoning and Anhui 2026, Hailar 2018.
    assert places(nlp, "严格按照香港基本法和澳门基本法办事。", "中国") == {}
    assert places(nlp, "成功举办第六届中国辽洽会。", "辽宁省") == {}
    assert places(nlp, "办好中国（安徽）科交会。", "安徽省") == {}
    assert places(nlp, "打造温州城步行街。", "内蒙古自治区") == {}
    # Chongqing and Beijing 2026: a regulation named by its jurisdiction, also past a role word (城市副中心); the
    # test set's reservoir whose water a regulation protects stays a place.
    assert places(nlp, "落实重庆市停车管理条例。", "重庆市") == {}
    assert places(nlp, "实施北京城市副中心条例，保持千亿级投资强度。", "北京市") == {}
    assert "北京" in places(nlp, "高质量建设北京城市副中心。", "北京市")
    assert "密云水库" in places(nlp, "落实密云水库水源保护条例，提升农村污水处理水平。", "北京市")
    # A protection regulation keeps the feature it protects; past a role word only an organisation word right after
    # it ends the name (the review's cases: 北京城市副中心重大项目 keeps 北京).
    assert "洱海" in places(nlp, "贯彻洱海保护管理条例。", "云南省")
    assert "北京" in places(nlp, "加快北京城市副中心重大项目建设。", "北京市")
    assert "广州" in places(nlp, "高水平建设广州国际航运枢纽。", "广东省")
    # Shaanxi and Tianjin 2026: festivals and seasons named after their places.
    assert places(nlp, "办好汉中油菜花节、安康汉江龙舟节等特色文旅活动。", "陕西省") == {}
    assert "海河" not in places(nlp, "海河国际消费季、天津马拉松等活动成功举办。", "天津市")
    # Shaanxi 2026: a metro and an irrigation district named after their places.
    assert places(nlp, "西安地铁15号线通车运营。", "陕西省") == {}
    assert "宝鸡" not in places(nlp, "加快引汉济渭二期、宝鸡峡灌区改造等项目建设。", "陕西省")
    # Shaanxi and Guangxi 2026: a special train, a training ground and an information port named by two places.
    assert places(nlp, "中国—中亚国际人文旅游专列首发。", "陕西省") == {}
    assert places(nlp, "提升中国—东盟信息港能级。", "广西壮族自治区") == {}
    # Guangdong, Inner Mongolia, Chongqing and Shaanxi 2026: an air show, a matchmaking fair, a spot market, an
    # innovation port and a university's short name.
    assert "中国" not in places(nlp, "办好用好广交会、高交会、中国航展、中博会。", "广东省")
    assert places(nlp, "举办中国产业转移发展对接会。", "内蒙古自治区") == {}
    assert places(nlp, "重庆电力现货市场正式运行。", "重庆市") == {}
    assert places(nlp, "支持西部创新港建设。", "陕西省") == {}
    assert places(nlp, "西北农大绘制全球首张小麦抗条锈病基因图谱。", "陕西省") == {}


def test_a_lists_deng_ends_the_name_a_place_starts(nlp) -> None:
    # National report 1996 plan, Hubei 2026, Hunan 2026: the word after 等 is the kind of the list, so the place
    # before it names a listed work; 高等 is a word, not a list's 等 (Chongqing 2026).
    assert {"长江", "黄河", "四川"} <= set(places(nlp, "继续建设长江三峡、黄河小浪底、四川二滩等工程。", "中国"))
    assert "湖北" in places(nlp, "推进川气东送二线湖北段等重大项目建设。", "湖北省")
    assert "衡阳" in places(nlp, "湘潭半导体智造、衡阳绿色盐碱基地等一批百亿级项目落地。", "湖南省")
    assert "重庆" not in places(nlp, "建好教育部重庆高等研究院。", "重庆市")
    # A place may end in 同, 中 or 平: its 等 is a list's (a review's cases).
    assert "山西" in places(nlp, "建设山西大同等特高压工程。", "山西省")


def test_the_last_place_of_a_list_shares_the_name_word_with_the_others(nlp) -> None:
    # Inner Mongolia 2026, Hailar 2018: listed places before a name word are places, the last one too; a national
    # park or a station named right after the list names each item (Ningxia and Chongqing 2026).
    assert {"呼和浩特", "乌兰察布"} <= set(places(nlp, "推动呼和浩特、乌兰察布中欧班列节点城市建设。", "内蒙古自治区"))
    hailar = "内蒙古自治区呼伦贝尔市海拉尔区"
    assert {"海拉尔河", "伊敏河"} <= set(places(nlp, "启动投资1.3亿元的海拉尔河、伊敏河堤防工程。", hailar))
    assert places(nlp, "贺兰山、六盘山国家公园创建取得实质性进展。", "宁夏回族自治区") == {}
    assert {"伊敏河", "海拉尔河"} <= set(places(nlp, "启动伊敏河、海拉尔河堤防工程。", hailar))
    assert "重庆" not in places(nlp, "提速建设藻渡水库、重庆站。", "重庆市")
    assert places(nlp, "建好昆仑山、坎布拉世界地质公园。", "青海省") == {}  # Qinghai 2026: a geopark names each


def test_distinct_town_names_of_the_province_need_no_context(nlp) -> None:
    # Inner Mongolia and Ningxia 2026: long town names of the report's province are places wherever they stand;
    # a town named as a word or a street is not (Inner Mongolia 2026, 民族团结 is a town there too).
    assert "甘其毛都" in places(nlp, "深化“属地直通”模式改革，在甘其毛都实施数智化一站式快捷通关。", "内蒙古自治区")
    assert "闽宁镇" in places(nlp, "闽宁镇荣获全国脱贫攻坚楷模称号。", "宁夏回族自治区")
    assert places(nlp, "这五年民族团结局面持续巩固。", "内蒙古自治区") == {}
    # Tibet 2026: a town name may start with a rare word (樟木).
    assert "樟木镇" in places(nlp, "加快樟木镇恢复重建。", "西藏自治区")


def test_a_direction_ending_a_list_item_is_part_of_the_place(nlp) -> None:
    # Qinghai 2026 (guidelines §4, places17): 格尔木东 is one place; a product after a place holds none (Yunnan 2026).
    found = places(nlp, "总投资近2000亿元的格尔木东、海南清洁能源基地开工建设。", "青海省")
    assert "格尔木东" in found and "格尔木" not in found
    assert "昆明东" not in places(nlp, "从昆明东，经曲靖。", "云南省")  # a station, no list
    assert set(places(nlp, "巩固云南咖啡代表中国的产业地位。", "云南省")) == {"中国"}


def test_a_disaster_named_after_its_place_holds_no_place(nlp) -> None:
    # Yunnan and Tibet 2026: an earthquake or a fire named by its place is an event; the place after a disaster is
    # a place (Liaoning 2026, places22).
    assert places(nlp, "科学有效处置漾濞6.4级地震、江川“4·11”森林火灾。", "云南省") == {}
    assert places(nlp, "这一年，定日地震灾后恢复重建取得重大进展。", "西藏自治区") == {}
    assert "葫芦岛" in places(nlp, "葫芦岛“8·20”灾后恢复重建全面完成。", "辽宁省")
    assert places(nlp, "妥善处置泸定“9·5”6.8级地震。", "中国") == {}
    assert "四川" in places(nlp, "健全四川地震预警体系。", "中国")  # a field, not a disaster
