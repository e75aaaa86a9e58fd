"""The article list: loading, keys, mouse, search, bookmarked only, empty state, narrow layout."""

from __future__ import annotations

import asyncio
import gc
import threading
from pathlib import Path

import pytest
from pilot_support import listed_ids, main_screen, make_app, settle, typed

import tui.screens.main as main_module
from tui.widgets.article_list import ArticleList
from tui.widgets.reader_view import ReaderView

SEED_IDS_NEWEST_FIRST = [
    "003_2750e7e006748f8d",
    "004_6bb9f26cce05989c",
    "000_cd5ba6057e19a2ed",
    "002_bc07126ef046bbd8",
    "001_ecf0cfb806ff8ffd",
]


def status_text(pilot) -> str:
    return str(main_screen(pilot).query_one("#status-filters").render())


def test_seeds_are_listed_newest_first(seeds_dir: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(seeds_dir, data_dir).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert listed_ids(pilot) == SEED_IDS_NEWEST_FIRST
            assert status_text(pilot).startswith("5 of 5 articles")
            screen = main_screen(pilot)
            assert pilot.app.focused is screen.article_list
            row = screen.article_list.row_text(2)
            assert "2024-04-18" in row and "重慶" in row and "“重慶造”硬核成果" in row

    asyncio.run(scenario())


def test_cursor_keys_enter_tab_and_escape(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            article_list = screen.article_list
            assert listed_ids(pilot) == ["hk-shanghai", "shenzhen", "beijing-old", "chongqing"]
            await pilot.press("j", "down")
            assert article_list.cursor == 2
            await pilot.press("k")
            assert article_list.highlighted.id == "shenzhen"
            await pilot.press("G")
            assert article_list.cursor == 3
            await pilot.press("g", "down", "enter")
            await settle(pilot)
            assert screen.reader.article.id == "shenzhen"
            assert screen.reader.title_text == "深圳企业出海"
            assert pilot.app.focused is screen.reader
            await pilot.press("tab")
            assert pilot.app.focused is article_list
            await pilot.press("tab")
            assert pilot.app.focused is screen.reader
            await pilot.press("escape")
            assert pilot.app.focused is article_list

    asyncio.run(scenario())


def test_click_opens_an_article(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert await pilot.click(ArticleList, offset=(20, 2))
            await settle(pilot)
            screen = main_screen(pilot)
            assert screen.article_list.cursor == 2
            assert screen.reader.article.id == "beijing-old"

    asyncio.run(scenario())


def test_search_as_you_type_is_script_insensitive(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            await pilot.press("slash")
            assert pilot.app.focused is screen.search_input
            await pilot.press(*"深圳")
            await typed(pilot)
            assert listed_ids(pilot) == ["shenzhen"]
            assert status_text(pilot).startswith("1 of 4 articles")
            assert "“深圳”" in status_text(pilot)
            # Traditional query, simplified text; and simplified query, traditional text.
            await pilot.press("escape")
            await typed(pilot)
            assert listed_ids(pilot) == ["hk-shanghai", "shenzhen", "beijing-old", "chongqing"]
            await pilot.press(*"滬港")
            await typed(pilot)
            assert listed_ids(pilot) == ["hk-shanghai"]
            screen.search_input.value = ""
            await pilot.press(*"银行")
            await typed(pilot)
            assert listed_ids(pilot) == ["beijing-old"]
            # Keys that reach the field before the first one's Changed event is handled are all kept.
            await pilot.press("escape")
            screen.search_input.insert_text_at_cursor("深")
            screen.search_input.insert_text_at_cursor("圳")
            await typed(pilot)
            assert (screen.search_input.value, screen.filters.text) == ("深圳", "深圳")
            assert listed_ids(pilot) == ["shenzhen"]
            await pilot.press("enter")
            assert pilot.app.focused is screen.article_list

    asyncio.run(scenario())


def held_filter(monkeypatch: pytest.MonkeyPatch, held_text: str) -> tuple[list[str], threading.Event]:
    """The texts the reader filters for, in order; the filter for ``held_text`` waits for the event."""
    filtered: list[str] = []
    release = threading.Event()
    real_filter = main_module.filter_library

    def slow_filter(*args, **kwargs):
        query = args[1]
        filtered.append(query.text)
        if query.text == held_text:
            release.wait(10)
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(main_module, "filter_library", slow_filter)
    return filtered, release


async def start_held_search(pilot, filtered: list[str], key: str) -> None:
    await settle(pilot)
    filtered.clear()
    await pilot.press("slash", key)
    for _ in range(100):
        if filtered:
            break
        await pilot.pause(0.01)
    assert filtered == [key]


@pytest.mark.parametrize(
    ("keys", "while_held", "after", "search", "listed"),
    [
        # Typed while the filter for 深 runs: no second filter beside it, then one for both keys.
        (("圳", "x"), ["深"], ["深", "深圳x"], "深圳x", 0),
        # Escape clears the search at once, and what was typed before it stays gone.
        (("圳", "escape"), ["深", ""], ["深", ""], "", 4),
    ],
)
def test_keys_typed_while_a_filter_runs(
    library: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
    keys: tuple[str, ...], while_held: list[str], after: list[str], search: str, listed: int,
) -> None:
    filtered, release = held_filter(monkeypatch, "深")

    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(120, 36)) as pilot:
            await start_held_search(pilot, filtered, "深")
            await pilot.press(*keys)
            await pilot.pause(0.3)
            assert filtered == while_held
            release.set()
            await typed(pilot)
            screen = main_screen(pilot)
            assert filtered == after
            assert (screen.search_input.value, screen.filters.text) == (search, search)
            assert len(listed_ids(pilot)) == listed

    asyncio.run(scenario())


def test_no_match_shows_an_empty_state_and_escape_clears(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            await pilot.press("slash", *"不存在的词")
            await typed(pilot)
            assert listed_ids(pilot) == []
            assert status_text(pilot).startswith("0 of 4 articles")
            assert "No articles match these filters." in screen.article_list.render_line(1).text
            assert "Press escape to clear them." in screen.article_list.render_line(2).text
            await pilot.press("enter", "escape")
            await typed(pilot)
            assert len(listed_ids(pilot)) == 4
            assert screen.search_input.value == ""

    asyncio.run(scenario())


def test_bookmark_and_bookmarked_only(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            await pilot.press("j", "b")
            await settle(pilot)
            assert screen.bookmarked == {"shenzhen"}
            assert screen.article_list.row_text(1).startswith("★")
            await pilot.press("B")
            await settle(pilot)
            assert listed_ids(pilot) == ["shenzhen"]
            assert "★ only" in status_text(pilot)
            await pilot.press("b")
            await settle(pilot)
            assert listed_ids(pilot) == []
            await pilot.press("B")  # all -> bookmarked -> with notes -> all
            await settle(pilot)
            assert "✎ only" in status_text(pilot) and listed_ids(pilot) == []
            await pilot.press("B")
            await settle(pilot)
            assert len(listed_ids(pilot)) == 4

    asyncio.run(scenario())


def test_narrow_terminal_shows_one_pane_at_a_time(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            assert screen.has_class("-narrow")
            reader = screen.query_one(ReaderView)
            assert screen.article_list.display and not reader.display
            assert screen.article_list.size.width >= 78
            await pilot.press("enter")
            await settle(pilot)
            assert reader.display and not screen.article_list.display
            assert reader.size.width >= 70
            assert pilot.app.focused is reader
            await pilot.press("escape")
            assert screen.article_list.display and not reader.display
            assert pilot.app.focused is screen.article_list

    asyncio.run(scenario())


def test_resizing_keeps_the_focused_pane_on_screen(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(140, 36)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            reader = screen.query_one(ReaderView)
            await pilot.press("enter")
            await settle(pilot)
            assert reader.display and screen.article_list.display  # wide: side by side
            await pilot.resize_terminal(80, 24)
            await settle(pilot)
            assert screen.has_class("-narrow")
            assert reader.display and not screen.article_list.display
            await pilot.press("N")  # the notes panel, alone
            await settle(pilot)
            assert screen.notes_panel.display and not reader.display and not screen.article_list.display
            await pilot.press("N")
            await settle(pilot)
            assert reader.display and not screen.notes_panel.display
            await pilot.resize_terminal(140, 36)
            await settle(pilot)
            assert not screen.has_class("-narrow")
            assert reader.display and screen.article_list.display
            assert pilot.app.focused is reader

    asyncio.run(scenario())


def test_the_loaded_library_is_left_out_of_full_collections(seeds_dir: Path, data_dir: Path) -> None:
    # A full collection walking 100,000 articles would land on a key being typed.
    async def scenario() -> None:
        before = gc.get_freeze_count()
        try:
            async with make_app(seeds_dir, data_dir).run_test(size=(120, 36)) as pilot:
                await settle(pilot)
                library = main_screen(pilot).library
                for _ in range(200):
                    if gc.get_freeze_count() > before:
                        break
                    await asyncio.sleep(0.01)
                assert library is not None and gc.get_freeze_count() > before + len(library.articles)
        finally:
            gc.unfreeze()

    asyncio.run(scenario())
