"""What survives a restart, what is written to the data file, and failures shown in the app."""

from __future__ import annotations

import argparse
import asyncio
import threading
from pathlib import Path

import pytest
from textual.widgets import ProgressBar
from pilot_support import listed_ids, main_screen, make_app, saved, settle, typed

from store.annotations import Annotations
import store.library as store_library
from store.library import CachedLibraryLoad, load_library
import tui.screens.main as main_module
from tui.app import ZhReaderApp, run_reader
from tui.screens.help import HelpScreen
from tui.widgets.loading_panel import LoadingPanel
from tui.widgets.status_bar import StatusBar

CHONGQING = "000_cd5ba6057e19a2ed"


def test_bookmark_is_on_disk(seeds_dir: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(seeds_dir, data_dir, open_id=CHONGQING).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("b")
            await settle(pilot)
            assert Annotations(data_dir).is_bookmarked(CHONGQING)
            await pilot.press("b")
            await settle(pilot)
            assert not Annotations(data_dir).is_bookmarked(CHONGQING)

    asyncio.run(scenario())


def test_view_filters_theme_and_position_survive_a_restart(seeds_dir: Path, data_dir: Path) -> None:
    async def first_session() -> float:
        async with make_app(seeds_dir, data_dir, open_id=CHONGQING).run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            await pilot.press("s", "p")
            await settle(pilot)
            for _ in range(12):
                await pilot.press("j")
            scroll = screen.reader.scroll_y
            assert scroll == 12
            pilot.app.theme = "textual-light"
            await pilot.press("slash", *"香港")
            await typed(pilot)
            await saved(pilot)
            await pilot.press("enter", "q")
            await settle(pilot)
            return scroll

    async def second_session(scroll: float) -> None:
        async with make_app(seeds_dir, data_dir).run_test(size=(100, 30)) as pilot:
            await settle(pilot, 0.2)
            screen = main_screen(pilot)
            assert screen.view.script == "simplified" and screen.view.pinyin == "ruby"
            assert screen.filters.text == "香港"
            assert screen.search_input.value == "香港"
            assert pilot.app.theme == "textual-light"
            assert screen.reader.article.id == CHONGQING
            assert screen.reader.scroll_y == scroll
            assert "重庆造" in screen.reader.title_text

    scroll = asyncio.run(first_session())
    last = Annotations(data_dir).last_article()
    assert last is not None and last.article_id == CHONGQING and last.scroll == scroll
    asyncio.run(second_session(scroll))


def test_damaged_saved_settings_fall_back_to_defaults(seeds_dir: Path, data_dir: Path) -> None:
    Annotations(data_dir).update_settings(
        {"script": "klingon", "pinyin": 3, "filters": {"regions": ["XX"], "since": "2024-99-01", "text": 5}}
    )

    async def scenario() -> None:
        async with make_app(seeds_dir, data_dir).run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            assert screen.view.script == "original" and screen.view.pinyin == "off"
            assert not screen.filters.is_active()
            assert len(listed_ids(pilot)) == 5

    asyncio.run(scenario())


def test_a_library_that_fails_to_load_shows_a_message(tmp_path: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(tmp_path / "missing", data_dir).run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            panel = main_screen(pilot).query_one(LoadingPanel)
            assert panel.display and panel.has_class("-error")
            message = str(panel.query_one("#loading-message").render())
            assert "Could not open the library" in message and "not found" in message
            await pilot.press("q")
            await settle(pilot)
        assert pilot.app.return_code == 0

    asyncio.run(scenario())


def test_open_unknown_id_exits_2_before_the_app(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(library=str(seeds_dir), open="no_such_article")
    assert run_reader(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no article with id 'no_such_article'" in err[0]


def said_loading(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the status bar will be told to say about loading, from now on."""
    said: list[str] = []
    show_loading = StatusBar.show_loading

    def noted(self: StatusBar, message: str) -> None:
        said.append(message)
        show_loading(self, message)

    monkeypatch.setattr(StatusBar, "show_loading", noted)
    return said


def test_a_large_library_is_shown_from_the_cache_read_before_the_app_started(
    library: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(main_module, "LARGE_LIBRARY", 1)  # these four articles are a large library
    load_library(library)  # the cache
    started = CachedLibraryLoad(library)

    cached = started.result()  # read before the screen is mounted, as it is at 100,000 articles
    loading_said = said_loading(monkeypatch)

    async def scenario() -> None:
        app = ZhReaderApp(library, data_dir, cached=started)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = main_screen(pilot)
            assert screen.library is cached and len(screen.article_list.articles) == 4
            assert not loading_said  # shown as the screen was mounted: no loading screen first
            await settle(pilot)
            assert screen.library is cached  # no file changed since: kept
            assert len(listed_ids(pilot)) == 4

    asyncio.run(scenario())


def test_a_cache_still_being_read_when_the_screen_mounts_is_shown_once_read(
    library: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(main_module, "LARGE_LIBRARY", 1)
    load_library(library)
    release = threading.Event()
    real_load = store_library.load_cached_library

    def slow_load(root: Path):
        release.wait(10)
        return real_load(root)

    monkeypatch.setattr(store_library, "load_cached_library", slow_load)
    started = CachedLibraryLoad(library)
    loading_said = said_loading(monkeypatch)

    async def scenario() -> None:
        async with ZhReaderApp(library, data_dir, cached=started).run_test(size=(100, 30)) as pilot:
            screen = main_screen(pilot)
            await pilot.pause(0.1)
            assert screen.library is None and screen.query_one(LoadingPanel).display
            assert loading_said == ["Loading library…"]
            release.set()
            await settle(pilot)
            assert screen.library is started.result()
            assert len(listed_ids(pilot)) == 4 and not screen.query_one(LoadingPanel).display

    asyncio.run(scenario())


def test_recovered_data_file_is_reported(seeds_dir: Path, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "zhreader.json").write_text("{ not json", encoding="utf-8")

    async def scenario() -> None:
        async with make_app(seeds_dir, data_dir).run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            messages = [n.message for n in pilot.app._notifications]
            assert any("zhreader.json" in m for m in messages)
            assert len(listed_ids(pilot)) == 5

    asyncio.run(scenario())


def test_loading_shows_progress_and_keeps_the_app_responsive(
    library: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real_load = main_module.load_library

    reported = threading.Event()

    def slow_load(root: Path, progress=None):
        reported.wait(10)
        progress(2, 4)
        release.wait(10)
        return real_load(root, progress)

    monkeypatch.setattr(main_module, "load_library", slow_load)

    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(100, 30)) as pilot:
            await pilot.pause(0.2)
            panel = main_screen(pilot).query_one(LoadingPanel)
            bar = panel.query_one(ProgressBar)
            assert not bar.display  # no animation before there is progress to show
            reported.set()
            await pilot.pause(0.2)
            assert bar.display and bar.percentage == 0.5
            assert "2 of 4 files" in str(panel.query_one("#loading-message").render())
            await pilot.press("question_mark")  # input still handled while the library loads
            assert isinstance(pilot.app.screen, HelpScreen)
            await pilot.press("escape")
            release.set()
            await settle(pilot)
            assert not panel.display
            assert len(listed_ids(pilot)) == 4

    asyncio.run(scenario())
