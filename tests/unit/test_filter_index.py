"""Flag-set filtering gives what filtering article by article gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from store.filter_index import FilterIndex, flags_of_positions, flags_of_range
from store.text_index import ShardWriter, TextIndex

BASE = dt.date(2024, 1, 1).toordinal()
CODES = ["CN-HK", "CN-CQ", "CN-SD"]


def index_of(
    dates: list[int],
    ends: list[int],
    regions: list[tuple[int, ...]],
    texts: list[str],
    ids: list[str] | None = None,
    dates_sorted: bool = False,
) -> FilterIndex[int]:
    items = list(range(len(dates)))
    return FilterIndex(
        items,
        dates=dates,
        date_ends=ends,
        region_ids=regions,
        region_codes=CODES,
        ids=lambda: ids if ids is not None else [f"a{i}" for i in items],
        scan_text=lambda item: texts[item],
        dates_sorted=dates_sorted,
    )


def test_flag_helpers() -> None:
    assert flags_of_positions([0, 2], 4) == 0x010001
    assert flags_of_range(1, 3) == 0x010100
    assert flags_of_range(3, 3) == 0


def test_select_keeps_library_order() -> None:
    index = index_of([3, 2, 1], [0, 0, 0], [(), (), ()], ["", "", ""])
    assert index.select(flags_of_positions([2, 0], 3)) == [0, 2]
    assert index.select(0) == []


def test_ids_that_two_files_share_select_both() -> None:
    index = index_of([3, 2, 1], [0, 0, 0], [(), (), ()], ["", "", ""], ids=["x", "y", "x"])
    assert index.select(index.id_flags({"x", "unknown"})) == [0, 2]


def test_pool_of_foreign_items_is_refused() -> None:
    index = index_of([2, 1], [0, 0], [(), ()], ["", ""])
    assert index.pool_flags(index.items[1:]) == flags_of_positions([1], 2)
    assert index.pool_flags([object()]) is None  # type: ignore[list-item]


def test_text_results_are_remembered_per_needle() -> None:
    calls: list[int] = []
    items = [0, 1]
    index: FilterIndex[int] = FilterIndex(
        items, dates=[1, 1], date_ends=[0, 0], region_ids=[(), ()], region_codes=[], ids=lambda: ["a", "b"],
        scan_text=lambda item: calls.append(item) or ["香港", "重庆"][item],
    )
    assert index.select(index.text_flags("港")) == [0]
    assert index.select(index.text_flags("港")) == [0]
    assert calls == [0, 1]


def test_a_needle_whose_prefix_was_in_at_most_half_is_searched_without_a_count(tmp_path: Path) -> None:
    texts = ["香港科技", "香港", "深圳科技", "重庆", "香港科"]
    shard = tmp_path / "shard.sqlite"
    writer = ShardWriter(shard)
    for docid, text in enumerate(texts, start=1):
        writer.add(docid, text)
    writer.commit()
    writer.close()
    asked: list[tuple[str, bool]] = []

    class RecordingIndex(TextIndex):
        def search_sparse(self, needle: str, rare: bool = False) -> tuple[bool, list[int]]:
            asked.append((needle, rare))
            return super().search_sparse(needle, rare)

    items = list(range(len(texts)))
    index: FilterIndex[int] = FilterIndex(
        items, dates=[1] * len(items), date_ends=[0] * len(items), region_ids=[()] * len(items), region_codes=[],
        ids=lambda: [f"a{i}" for i in items], docids=[i + 1 for i in items], text_index=RecordingIndex([shard]),
    )
    for needle in ("深", "深圳", "香", "香港", "香港科", "科技"):
        assert index.select(index.text_flags(needle)) == [i for i, text in enumerate(texts) if needle in text]
    # 深 is in one article of five, so 深圳 is in no more; 香 and 香港 are in three, so 香港科 is counted.
    assert asked == [("深", False), ("深圳", True), ("香", False), ("香港", False), ("香港科", False), ("科技", False)]


@st.composite
def libraries(draw: st.DrawFn) -> tuple[list[int], list[int], list[tuple[int, ...]], bool]:
    count = draw(st.integers(min_value=0, max_value=30))
    # Mostly a few months, sometimes far apart (an article dated 1887 among this decade's).
    day = st.integers(min_value=0, max_value=90) | st.integers(min_value=-50_000, max_value=3_000)
    dated = draw(st.lists(day, min_size=count, max_size=count))
    undated = draw(st.integers(min_value=0, max_value=5))
    in_order = draw(st.booleans())
    days = sorted(dated, reverse=True) if in_order else dated
    dates = [BASE + d for d in days] + [0] * undated
    ends = [
        (date + draw(st.integers(min_value=1, max_value=5))) if date and draw(st.booleans()) else 0 for date in dates
    ]
    regions = [
        tuple(draw(st.lists(st.integers(min_value=0, max_value=2), unique=True, max_size=2))) for _ in dates
    ]
    return dates, ends, regions, in_order


def overlaps(date: int, end: int, since: int | None, until: int | None) -> bool:
    if not date:
        return since is None and until is None
    return (since is None or (end or date) >= since) and (until is None or date <= until)


@settings(max_examples=200, deadline=None)
@given(
    library=libraries(),
    since=st.one_of(st.none(), st.integers(min_value=-5, max_value=95)),
    until=st.one_of(st.none(), st.integers(min_value=-5, max_value=95)),
)
def test_dates_match_one_by_one(
    library: tuple[list[int], list[int], list[tuple[int, ...]], bool], since: int | None, until: int | None
) -> None:
    dates, ends, regions, in_order = library
    low = dt.date.fromordinal(BASE + since) if since is not None else None
    high = dt.date.fromordinal(BASE + until) if until is not None else None
    expected = [
        i for i, (d, e) in enumerate(zip(dates, ends))
        if overlaps(d, e, None if since is None else BASE + since, None if until is None else BASE + until)
    ]
    for known_in_order in {False, in_order}:  # found in order, or said to be (as a cache's are)
        index = index_of(dates, ends, regions, [""] * len(dates), dates_sorted=known_in_order)
        assert index.select(index.date_flags(low, high)) == expected


@settings(max_examples=100, deadline=None)
@given(library=libraries(), chosen=st.sets(st.sampled_from(CODES + ["CN-XX"])))
def test_regions_and_counts_match_one_by_one(
    library: tuple[list[int], list[int], list[tuple[int, ...]], bool], chosen: set[str]
) -> None:
    dates, ends, regions, _ = library
    index = index_of(dates, ends, regions, [""] * len(dates))
    expected = [i for i, ids in enumerate(regions) if any(CODES[r] in chosen for r in ids)]
    assert index.select(index.region_flags(chosen)) == expected
    subset = flags_of_positions(range(0, len(dates), 2), len(dates))
    counts = index.region_counts(subset)
    for k, code in enumerate(CODES):
        named = sum(1 for i in range(0, len(dates), 2) if k in regions[i])
        assert counts.get(code, 0) == named


@settings(max_examples=100, deadline=None)
@given(library=libraries())
def test_month_counts_match_one_by_one(library: tuple[list[int], list[int], list[tuple[int, ...]], bool]) -> None:
    dates, ends, regions, in_order = library
    subset = flags_of_positions(range(1, len(dates), 3), len(dates))
    expected: dict[tuple[int, int], int] = {}
    for i in range(1, len(dates), 3):
        if dates[i]:
            day = dt.date.fromordinal(dates[i])
            expected[(day.year, day.month)] = expected.get((day.year, day.month), 0) + 1
    for known_in_order in {False, in_order}:
        index = index_of(dates, ends, regions, [""] * len(dates), dates_sorted=known_in_order)
        assert index.month_counts(subset) == expected


@settings(max_examples=50, deadline=None)
@given(library=libraries(), chosen=st.sets(st.integers(min_value=0, max_value=40)))
def test_index_in_a_selection_is_its_list_index(
    library: tuple[list[int], list[int], list[tuple[int, ...]], bool], chosen: set[int]
) -> None:
    dates, ends, regions, _ = library
    index = index_of(dates, ends, regions, [""] * len(dates))
    selected = index.select(flags_of_positions([p for p in chosen if p < len(dates)], len(dates)))
    for position in range(len(dates)):
        expected = selected.index(position) if position in selected else -1
        assert index.index_in(selected, f"a{position}") == expected
    assert index.index_in(selected, "unknown") == -1
    assert index.index_in(list(selected), "a0") is None  # not a list it returned: it cannot tell


def test_index_in_cannot_tell_for_an_id_two_items_share() -> None:
    index = index_of([3, 2, 1], [0, 0, 0], [(), (), ()], ["", "", ""], ids=["x", "y", "x"])
    selected = index.select(index.all)
    assert index.index_in(selected, "y") == 1
    assert index.index_in(selected, "x") is None
