"""Dates as news pages write them."""

from __future__ import annotations

import datetime as dt

import pytest

from store.dates import (
    find_full_dates,
    find_month_day_dates,
    find_print_footer,
    is_print_footer,
    parse_user_date,
    year_in_path,
    years_mentioned,
)


@pytest.mark.parametrize(
    ("text", "day", "clock"),
    [
        ("2024-04-18 09:16:32來源:重慶日報", dt.date(2024, 4, 18), "09:16:32"),
        ("2024/05/20", dt.date(2024, 5, 20), None),
        ("2024.5.2 8:05", dt.date(2024, 5, 2), "08:05:00"),
        ("发布时间:2023年5月30日 10:26", dt.date(2023, 5, 30), "10:26:00"),
    ],
)
def test_full_dates(text: str, day: dt.date, clock: str | None) -> None:
    found = find_full_dates(text)[0]
    assert (found.start, found.time, found.year_given) == (day, clock, True)


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("2024年10月31日-11月1日,圍繞", dt.date(2024, 11, 1)),
        ("2024年10月3日至5日", dt.date(2024, 10, 5)),
        ("2024年12月30日—2025年1月2日", dt.date(2025, 1, 2)),
        ("2024年12月30日-1月2日", dt.date(2025, 1, 2)),
    ],
)
def test_ranges(text: str, end: dt.date) -> None:
    assert find_full_dates(text)[0].end == end


def test_impossible_dates_are_skipped() -> None:
    assert find_full_dates("2024年2月30日 and 2023-13-01") == []


def test_time_out_of_range_is_dropped() -> None:
    assert find_full_dates("2024-04-18 25:61")[0].time is None


def test_month_day_takes_the_given_year() -> None:
    found = find_month_day_dates("7月3日,由湖北省科技厅主办", 2025)[0]
    assert (found.start, found.year_given) == (dt.date(2025, 7, 3), False)


def test_month_day_ignores_dates_with_a_year() -> None:
    assert find_month_day_dates("2024年7月3日", 2025) == []


def test_years_mentioned() -> None:
    assert years_mentioned("自2017年首届活动,2025湖北国际技术交流会,电话2025") == [2017, 2025]
    assert years_mentioned("来自两地的1956家企业，相距近2000公里，2024广东交流会") == [2024]


def test_print_footer() -> None:
    footer = find_print_footer("《人民日报》(2025年11月20日第10页)")
    assert footer is not None
    assert (footer.paper, footer.date) == ("人民日报", dt.date(2025, 11, 20))
    assert is_print_footer("《人民日报》（2025年11月20日 第 10 版）")
    assert not is_print_footer("据《人民日报》(2025年11月20日第10页)报道,今年全省经济稳中有进,发展势头良好。")


@pytest.mark.parametrize("bad", ["2024-02-30", "2024/01/01", "yesterday", "24-1-1", ""])
def test_user_dates_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_user_date(bad)


def test_user_date() -> None:
    assert parse_user_date("2024-3-7") == dt.date(2024, 3, 7)


@pytest.mark.parametrize(
    ("relpath", "year"),
    [
        ("2015/10/cqrb/abc", 2015),
        ("news/2024-03-27-qingdao", 2024),
        ("20151029_summit", 2015),
        ("2015年10月/稿件", 2015),
        ("2015/2015-10-01", 2015),
        ("000_cd5ba6057e19a2ed", None),  # digits inside an id are no year
        ("a/x2015f", None),
        ("archive/1999-2024/summit", None),  # two years: no telling
        ("x/12015/y", None),
        ("x/2015102/y", None),
    ],
)
def test_year_in_path(relpath: str, year: int | None) -> None:
    assert year_in_path(relpath) == year
