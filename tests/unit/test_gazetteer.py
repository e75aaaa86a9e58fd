"""The gazetteer: complete, consistent, and found by any of its names."""

from __future__ import annotations

from collections import Counter

import pytest
from opencc import OpenCC

from store.gazetteer import CITIES, PROVINCES, find_province

ISO_CODES = {
    f"CN-{suffix}"
    for suffix in (
        "BJ TJ HE SX NM LN JL HL SH JS ZJ AH FJ JX SD HA HB HN GD GX HI CQ SC GZ "
        "YN XZ SN GS QH NX XJ HK MO TW"
    ).split()
}


def test_every_province_level_division_once() -> None:
    assert len(PROVINCES) == 34
    assert {p.code for p in PROVINCES} == ISO_CODES


def test_province_names_are_unique() -> None:
    for field in ("name_en", "short", "full", "short_traditional", "full_traditional"):
        values = [getattr(p, field) for p in PROVINCES]
        assert len(set(values)) == len(values), field


def test_main_abbreviations_are_single_unique_characters() -> None:
    mains = [p.abbreviations[0] for p in PROVINCES]
    assert all(len(a) == 1 for p in PROVINCES for a in p.abbreviations)
    assert len(set(mains)) == len(mains)


@pytest.mark.parametrize(
    ("code", "abbreviations"),
    [
        ("CN-CQ", ("渝",)),
        ("CN-GZ", ("黔", "贵")),
        ("CN-SC", ("川", "蜀")),
        ("CN-SN", ("陕", "秦")),
        ("CN-GS", ("甘", "陇")),
        ("CN-YN", ("滇", "云")),
        ("CN-SD", ("鲁",)),
        ("CN-GD", ("粤",)),
        ("CN-HK", ("港",)),
    ],
)
def test_abbreviations_main_first(code: str, abbreviations: tuple[str, ...]) -> None:
    assert next(p for p in PROVINCES if p.code == code).abbreviations == abbreviations


def test_every_city_belongs_to_a_mainland_or_taiwan_province() -> None:
    codes = Counter(c.province_code for c in CITIES)
    assert set(codes) <= ISO_CODES - {"CN-BJ", "CN-TJ", "CN-SH", "CN-CQ", "CN-HK", "CN-MO"}


def test_city_counts() -> None:
    # 333 prefecture-level divisions, plus Xiong'an, 21 county-level cities
    # under a province directly and Taiwan's 6 special municipalities.
    assert len(CITIES) == 333 + 1 + 21 + 6
    per_province = Counter(c.province_code for c in CITIES)
    assert per_province["CN-GD"] == 21
    assert per_province["CN-SD"] == 16
    assert per_province["CN-SC"] == 21
    assert per_province["CN-HB"] == 13 + 3  # 12 cities, Enshi, 3 direct cities


def test_city_names_are_unique() -> None:
    assert len({c.full for c in CITIES}) == len(CITIES)
    assert len({c.name for c in CITIES}) == len(CITIES)


def test_city_full_name_starts_with_its_short_name() -> None:
    for city in CITIES:
        assert city.full.startswith(city.name), city
        assert city.full.endswith(("市", "自治州", "地区", "盟", "新区")), city


@pytest.mark.parametrize(
    ("name", "traditional"),
    [
        ("沈阳", "瀋陽"),  # not 沈陽: the surname keeps 沈, the city does not
        ("新余", "新餘"),
        ("温州", "溫州"),
        ("赤峰", "赤峰"),  # the HK variant table would give 赤峯
        ("龙岩", "龍巖"),
        ("台州", "台州"),
        ("青岛", "青島"),
        ("中卫", "中衛"),
    ],
)
def test_city_traditional_pitfalls(name: str, traditional: str) -> None:
    assert next(c for c in CITIES if c.name == name).name_traditional == traditional


def test_traditional_names_fold_back_to_simplified() -> None:
    to_simplified = OpenCC("t2s").convert
    for city in CITIES:
        assert to_simplified(city.name_traditional) == city.name, city
    for province in PROVINCES:
        assert to_simplified(province.short_traditional) == province.short, province
        assert to_simplified(province.full_traditional) == province.full, province


@pytest.mark.parametrize(
    "query",
    [
        "CN-CQ", "cn-cq", "CQ", "cq", " CN-CQ ",
        "Chongqing", "chongqing", "CHONG QING",
        "重庆", "重庆市", "重慶", "重慶市", "渝",
    ],
)
def test_find_province_by_any_name(query: str) -> None:
    province = find_province(query)
    assert province is not None and province.code == "CN-CQ"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Inner Mongolia", "CN-NM"),
        ("innermongolia", "CN-NM"),
        ("內蒙古", "CN-NM"),
        ("内蒙古自治区", "CN-NM"),
        ("Hong Kong", "CN-HK"),
        ("hongkong", "CN-HK"),
        ("香港特別行政區", "CN-HK"),
        ("港", "CN-HK"),
        ("Macao", "CN-MO"),
        ("澳門", "CN-MO"),
        ("台灣", "CN-TW"),
        ("Shaanxi", "CN-SN"),
        ("Shanxi", "CN-SX"),
        ("广西壮族自治区", "CN-GX"),
        ("廣西", "CN-GX"),
        ("鲁", "CN-SD"),
        ("hb", "CN-HB"),
    ],
)
def test_find_province_examples(query: str, code: str) -> None:
    province = find_province(query)
    assert province is not None and province.code == code


@pytest.mark.parametrize("query", ["", "  ", "Atlantis", "CN-XX", "青岛", "蜀"])
def test_find_province_unknown(query: str) -> None:
    assert find_province(query) is None
