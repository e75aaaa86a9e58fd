"""The bundled library parses to what a reader of the pages would write down.

These check the whole pipeline on real pages; the rules themselves are tested
one by one with small inputs in test_parse.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from store.library import Library, load_library


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(Path(__file__).resolve().parents[2] / "seeds")


def test_all_five_load_without_warnings(library: Library) -> None:
    assert len(library.articles) == 5
    assert library.warnings == []


@pytest.mark.parametrize(
    ("article_id", "day", "source", "regions"),
    [
        ("000_cd5ba6057e19a2ed", dt.date(2024, 4, 18), "重慶日報", ["CN-CQ", "CN-HK"]),
        ("001_ecf0cfb806ff8ffd", dt.date(2023, 5, 30), "香港商報網", ["CN-BJ", "CN-HK"]),
        ("002_bc07126ef046bbd8", dt.date(2024, 3, 27), "大众网", ["CN-SD", "CN-HK"]),
        ("003_2750e7e006748f8d", dt.date(2025, 7, 3), "湖北日报", ["CN-HB"]),
        ("004_6bb9f26cce05989c", dt.date(2024, 10, 31), None, ["CN-GD", "CN-HK"]),
    ],
)
def test_seed_metadata(library: Library, article_id: str, day: dt.date, source: str | None, regions: list[str]) -> None:
    article = library.get(article_id)
    assert article is not None
    assert article.date == day
    assert article.source == source
    assert [r.code for r in article.regions][: len(regions)] == regions


def test_qingdao_related_reading_regions_are_noise(library: Library) -> None:
    article = library.get("002_bc07126ef046bbd8")
    assert article is not None
    assert {r.code for r in article.regions} == {"CN-SD", "CN-HK"}
    assert not any("推荐阅读" in p or "06-06" in p for p in article.paragraphs)


def test_zhongshan_converter_pinyin_removed(library: Library) -> None:
    article = library.get("004_6bb9f26cce05989c")
    assert article is not None
    text = "\n".join([article.title, *article.paragraphs])
    assert "企業家" in text and "(yè)" not in text
    assert article.title_derived and len(article.title) <= 30
    assert article.date_end == dt.date(2024, 11, 1)
    assert article.editors == ["龍慧", "陳吉春", "周亞平"]


def test_no_boilerplate_left(library: Library) -> None:
    for article in library.articles:
        for paragraph in article.paragraphs:
            assert "版權" not in paragraph and "版权" not in paragraph, article.id
            assert not paragraph.endswith(".jpg"), article.id
            assert "電話" not in paragraph and "电话" not in paragraph, article.id
