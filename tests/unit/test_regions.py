"""Region detection: one small text per rule."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store import regions
from store.gazetteer import CITIES, PROVINCES
from store.regions import RISKY_CITY_NAMES, RegionDetection, detect_regions

FILLER = "双方表示将继续加强交流。"


def codes(detection: RegionDetection) -> list[str]:
    return [p.code for p in detection.provinces]


def city_names(detection: RegionDetection) -> list[str]:
    return [c.name for c in detection.cities]


def in_body(text: str) -> RegionDetection:
    """Detect in a body paragraph, past the lead."""
    return detect_regions("", [FILLER, FILLER, text])


def test_empty_input() -> None:
    detection = detect_regions("", [])
    assert detection.provinces == () and detection.cities == ()
    assert dict(detection.scores) == {}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("北京举行发布会", "CN-BJ"),
        ("北京市科委主办", "CN-BJ"),
        ("广东省政府", "CN-GD"),
        ("内蒙古草原", "CN-NM"),
        ("内蒙古自治区", "CN-NM"),
        ("广西壮族自治区", "CN-GX"),
        ("宁夏回族自治区", "CN-NX"),
        ("新疆维吾尔自治区", "CN-XJ"),
    ],
)
def test_province_short_and_full_names(text: str, code: str) -> None:
    assert codes(detect_regions(text, [])) == [code]


@pytest.mark.parametrize(
    ("text", "code", "city"),
    [
        ("青岛举行交流会", "CN-SD", "青岛"),
        ("中山市企业家", "CN-GD", "中山"),
        ("武汉开幕", "CN-HB", "武汉"),
        ("延边州的企业", "CN-JL", "延边"),
        ("延边朝鲜族自治州", "CN-JL", "延边"),
        ("阿里地区", "CN-XZ", "阿里"),
        ("高雄港", "CN-TW", "高雄"),
    ],
)
def test_city_names_count_for_city_and_province(text: str, code: str, city: str) -> None:
    detection = detect_regions(text, [])
    assert codes(detection) == [code]
    assert city_names(detection) == [city]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("渝港合作", {"CN-CQ", "CN-HK"}),
        ("京港洽谈会", {"CN-BJ", "CN-HK"}),
        ("鲁港科技合作", {"CN-SD", "CN-HK"}),
        ("沪港合作会议", {"CN-SH", "CN-HK"}),
        ("川港合作", {"CN-SC", "CN-HK"}),
        ("粤港合作", {"CN-GD", "CN-HK"}),
        ("闽港交流", {"CN-FJ", "CN-HK"}),
        ("粤港澳合作", {"CN-GD", "CN-HK", "CN-MO"}),
        ("港澳居民", {"CN-HK", "CN-MO"}),
        ("京津冀", {"CN-BJ", "CN-TJ", "CN-HE"}),
        ("川渝", {"CN-SC", "CN-CQ"}),
        ("港澳台同胞", {"CN-HK", "CN-MO", "CN-TW"}),
        ("深港科技", {"CN-GD", "CN-HK"}),
        ("穗港合作", {"CN-GD", "CN-HK"}),
        ("港珠澳大桥", {"CN-HK", "CN-GD", "CN-MO"}),
        ("鲁豫合作", {"CN-SD", "CN-HA"}),
        ("京冀协同", {"CN-BJ", "CN-HE"}),
    ],
)
def test_abbreviation_pairs_and_groups(text: str, expected: set[str]) -> None:
    assert set(codes(detect_regions(text, []))) == expected


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("深港合作", "深圳"), ("穗港合作", "广州"), ("珠澳合作", "珠海"), ("港深合作", "深圳"), ("港穗两地", "广州"),
        ("港深创科园", "深圳"), ("河套港深创新及科技园", "深圳"),
    ],
)
def test_city_abbreviation_in_pair_counts_for_city(text: str, city: str) -> None:
    assert city_names(detect_regions(text, [])) == [city]


@pytest.mark.parametrize(
    "text",
    [
        "鲁先生说",  # 鲁 alone: a surname
        "论坛在京举行",  # 京 alone
        "企业赴港上市",  # 港 alone
        "港股和港元",
        "鲁豫主持节目",  # two abbreviations without a cooperation word: a name
        "在港深耕多年",  # 深 after 港 is Shenzhen only before a pair word (港深合作)
    ],
)
def test_lone_abbreviations_do_not_count(text: str) -> None:
    assert detect_regions(text, []).scores == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("深港合作", ["CN-GD", "CN-HK"]),
        ("粤港合作", ["CN-GD", "CN-HK"]),
        ("港粤合作", ["CN-HK", "CN-GD"]),
        ("川渝合作", ["CN-SC", "CN-CQ"]),
    ],
)
def test_pair_ranks_the_side_named_first(text: str, expected: list[str]) -> None:
    detection = detect_regions(text, [])
    assert codes(detection) == expected
    first, second = expected
    assert detection.scores[first] > detection.scores[second]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("香港", "CN-HK"),
        ("中国香港的客户", "CN-HK"),
        ("香港特别行政区政府", "CN-HK"),
        ("香港特区政府", "CN-HK"),
        ("澳门", "CN-MO"),
        ("澳门特别行政区", "CN-MO"),
        ("台湾", "CN-TW"),
        ("中国台湾的客户", "CN-TW"),
    ],
)
def test_hong_kong_macau_taiwan(text: str, code: str) -> None:
    assert codes(detect_regions(text, [])) == [code]


@pytest.mark.parametrize(
    "text",
    [
        "会议在上合示范区举行",
        "上海合作组织峰会",
        "中山大学的教授",
        "北京大学和清华大学的代表",
        "吉林大学",
        "香港理工大学的专家",
        "北京航空航天大学",
        "孙中山先生",
        "中山路上的商店",
        "中山公园",
        "中山东路",
        "据湖北日报报道",
        "北京时间7月3日",
        "三明治和咖啡",
        "未开封的包裹",
        "日照充足",
        "与会来宾",
        "黄河南岸",
        "长江西岸",
        "沿海南部",
        "泰山东麓",
        "美国德州",
        "美国马里兰州",
        "东京港",
        "资深港股分析师",
        "经济复苏港股回暖",
        "隆重庆祝",
        "其中卫生条件",
        "确定西部目标",
        "重大理论创新",
        "在平台中展示",
        "朝阳产业",
        "朝阳市场",
    ],
)
def test_false_hits_are_avoided(text: str) -> None:
    assert detect_regions(text, []).scores == {}


def test_chaoyang_district_is_beijing_not_liaoning() -> None:
    detection = detect_regions("北京朝阳区", [])
    assert codes(detection) == ["CN-BJ"]
    assert city_names(detection) == []
    assert city_names(detect_regions("辽宁朝阳市", [])) == ["朝阳"]


def test_risky_city_names_need_their_suffix() -> None:
    for city in CITIES:
        if city.name not in RISKY_CITY_NAMES:
            continue
        assert detect_regions(city.name, []).scores == {}, city
        assert city_names(detect_regions(city.full, [])) == [city.name], city


def test_city_short_name_equal_to_province_counts_as_province_only() -> None:
    assert city_names(detect_regions("吉林", [])) == []
    assert city_names(detect_regions("吉林市", [])) == ["吉林"]
    detection = detect_regions("海南", [])
    assert codes(detection) == ["CN-HI"] and city_names(detection) == []
    detection = detect_regions("海南州", [])
    assert codes(detection) == ["CN-QH"] and city_names(detection) == ["海南"]


def test_every_gazetteer_name_is_detected() -> None:
    for province in PROVINCES:
        for name in (province.short, province.full):
            assert codes(detect_regions(name, [])) == [province.code], name
    province_shorts = {p.short for p in PROVINCES}
    for city in CITIES:
        names = [city.full]
        if city.name not in RISKY_CITY_NAMES | province_shorts:
            names.append(city.name)
        for name in names:
            detection = detect_regions(name, [])
            assert codes(detection) == [city.province_code], name
            assert city_names(detection) == [city.name], name


def test_title_outweighs_lead_outweighs_body() -> None:
    detection = detect_regions("重庆企业赴港", [FILLER, FILLER, "香港。香港。"])
    assert codes(detection) == ["CN-CQ", "CN-HK"]
    detection = detect_regions("", ["福建企业。", FILLER, "浙江企业。"])
    assert codes(detection)[0] == "CN-FJ"
    assert detection.scores["CN-FJ"] > detection.scores["CN-ZJ"]


def test_more_mentions_rank_higher_in_the_same_section() -> None:
    detection = in_body("湖南。湖南。湖南。湖北。湖北。")
    assert codes(detection) == ["CN-HN", "CN-HB"]


def test_weak_regions_are_dropped_but_scored() -> None:
    body = [FILLER, FILLER] + ["青岛与香港的企业。"] * 3 + ["一家公司总部在广州。"]
    detection = detect_regions("鲁港合作", ["青岛举行鲁港对接会", *body])
    assert codes(detection) == ["CN-SD", "CN-HK"]
    assert detection.scores["CN-GD"] > 0
    assert city_names(detection) == ["青岛"]  # 广州 goes with Guangdong


def test_greater_bay_area_is_a_weak_signal() -> None:
    detection = detect_regions(
        "鲁港合作",
        ["青岛与香港举行对接会", "青岛企业赴港", "位于粤港澳大湾区的香港是金融中心。"],
    )
    assert codes(detection) == ["CN-SD", "CN-HK"]
    assert 0 < detection.scores["CN-GD"] < 1
    assert 0 < detection.scores["CN-MO"] < 1


def test_weak_signals_alone_list_nothing() -> None:
    detection = in_body("大湾区建设。长三角一体化。")
    assert detection.provinces == ()
    assert set(detection.scores) == {"CN-GD", "CN-HK", "CN-MO", "CN-SH", "CN-JS", "CN-ZJ", "CN-AH"}


def test_cities_ranked_by_score() -> None:
    detection = in_body("苏州。苏州。苏州。南京。南京。")
    assert city_names(detection) == ["苏州", "南京"]


def test_scores_cover_every_region_seen() -> None:
    detection = detect_regions("重庆", [FILLER, FILLER, "重庆。重庆。重庆。重庆。四川。"])
    assert codes(detection) == ["CN-CQ"]
    assert set(detection.scores) == {"CN-CQ", "CN-SC"}


@given(st.text(), st.lists(st.text(), max_size=5))
def test_never_raises_and_ranks_consistently(title: str, paragraphs: list[str]) -> None:
    detection = detect_regions(title, paragraphs)
    scores = [detection.scores[p.code] for p in detection.provinces]
    assert scores == sorted(scores, reverse=True)
    listed = {p.code for p in detection.provinces}
    assert all(city.province_code in listed for city in detection.cities)


@given(
    st.lists(
        st.sampled_from(["香港", "渝港", "青岛", "中山大学", "上合", "大湾区", "鲁", "。", "的"]),
        max_size=30,
    )
)
def test_listed_regions_pass_the_threshold(pieces: list[str]) -> None:
    detection = in_body("".join(pieces))
    if detection.provinces:
        top = detection.scores[detection.provinces[0].code]
        assert all(detection.scores[p.code] >= 0.2 * top for p in detection.provinces)


# Pieces that start, end or join the detector's terms and pairs, and filler between them.
_TERM_PIECES = sorted({*regions._TERMS, *regions._PAIR_CHARACTERS, "合作", "大学", "市场", "的", "。", "在", "深耕"})


@given(st.lists(st.sampled_from(_TERM_PIECES), max_size=12))
def test_the_second_character_lookahead_loses_no_match(pieces: list[str]) -> None:
    text = "".join(pieces)
    # The same pattern with every character of the text allowed second: no pruning by it.
    unpruned = re.compile(
        f"({regions._trie_pattern(regions._TERMS, regions._pair_tails(), text)})"
        f"(?:(?=({regions._INSTITUTION}|{regions._MARKET}))|)"
    )
    assert regions._PATTERN.findall(text) == unpruned.findall(text)
