"""Queries over a library: narrowing a previous result, counts per region and per month."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from store.article import Article, Region
from store.library import (
    ArticleQuery,
    Library,
    index_in_result,
    load_library,
    month_counts,
    query_articles,
    region_counts,
)

HK = Region("CN-HK", "香港", "Hong Kong")
CQ = Region("CN-CQ", "重庆", "Chongqing")
SD = Region("CN-SD", "山东", "Shandong")


def article(article_id: str, day: dt.date | None, regions: list[Region], body: str, end: dt.date | None = None) -> Article:
    return Article(
        id=article_id, path=f"{article_id}.txt", title=f"{article_id} 标题", paragraphs=[body],
        date=day, date_end=end, regions=regions,
    )


@pytest.fixture
def by_hand() -> Library:
    return Library(
        root=Path("."),
        articles=[
            article("may", dt.date(2024, 5, 2), [CQ, HK], "重慶企業赴港參展。"),
            article("april", dt.date(2024, 4, 28), [SD, HK], "青岛与香港合作。", end=dt.date(2024, 5, 1)),
            article("march", dt.date(2024, 3, 1), [CQ], "重庆银行发债。"),
            article("undated", None, [HK], "香港的科技企业。"),
        ],
    )


def on_disk(tmp_path: Path, library: Library) -> Library:
    """The same articles as files, loaded through the index cache."""
    root = tmp_path / "lib"
    root.mkdir()
    for a in library.articles:
        front = [f"title: {a.title}", f"regions: [{', '.join(r.name for r in a.regions)}]"]
        if a.date:
            front.append(f"date: {a.date.isoformat()}")
        (root / f"{a.id}.md").write_text("---\n" + "\n".join(front) + "\n---\n" + "\n".join(a.paragraphs) + "\n", "utf-8")
    return load_library(root)


@pytest.mark.parametrize("loaded", [False, True])
@pytest.mark.parametrize("prepared", [False, True])
def test_counts_leave_their_own_filter_out(by_hand: Library, tmp_path: Path, loaded: bool, prepared: bool) -> None:
    library = on_disk(tmp_path, by_hand) if loaded else by_hand
    if prepared:
        library.prepare()
    query = ArticleQuery(regions=frozenset({"CN-SD"}), text="香港")
    assert region_counts(library, query) == {"CN-CQ": 0, "CN-HK": 2, "CN-SD": 1}
    assert region_counts(library, ArticleQuery(regions=frozenset({"CN-SD"}))) == {"CN-CQ": 2, "CN-HK": 3, "CN-SD": 1}
    assert month_counts(library, query) == {(2024, 4): 1}
    assert month_counts(library, ArticleQuery(since=dt.date(2024, 5, 1))) == {(2024, 3): 1, (2024, 4): 1, (2024, 5): 1}
    assert [a.id for a in query_articles(library, query)] == ["april"]


def test_a_range_that_ends_in_the_window_matches(by_hand: Library) -> None:
    found = query_articles(by_hand, ArticleQuery(since=dt.date(2024, 4, 30), until=dt.date(2024, 5, 31)))
    assert [a.id for a in found] == ["may", "april"]


def test_narrowing_a_previous_result(by_hand: Library) -> None:
    first = query_articles(by_hand, ArticleQuery(text="港"))
    assert [a.id for a in first] == ["may", "april", "undated"]
    narrowed = query_articles(by_hand, ArticleQuery(text="香港"), first)
    assert [a.id for a in narrowed] == ["april", "undated"]
    foreign = [article("other", dt.date(2024, 1, 1), [HK], "香港")]
    assert [a.id for a in query_articles(by_hand, ArticleQuery(text="香港"), foreign)] == ["other"]


def test_only_ids_and_an_empty_result(by_hand: Library) -> None:
    assert [a.id for a in query_articles(by_hand, ArticleQuery(only_ids=frozenset({"march", "nope"})))] == ["march"]
    assert query_articles(by_hand, ArticleQuery(only_ids=frozenset())) == []
    assert query_articles(by_hand, ArticleQuery(text="不存在的词")) == []


def test_index_in_a_result_or_any_list(by_hand: Library) -> None:
    found = query_articles(by_hand, ArticleQuery(text="港"))
    assert [index_in_result(by_hand, found, i) for i in ("may", "april", "undated", "march", "nope")] == [0, 1, 2, -1, -1]
    copied = list(reversed(found))  # not a result: searched
    assert [index_in_result(by_hand, copied, i) for i in ("may", "undated", "march")] == [2, 0, -1]
