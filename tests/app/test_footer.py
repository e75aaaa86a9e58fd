"""The footer follows the keys of the focused pane, and rebuilds only when they change."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pilot_support import main_screen, make_app, settle
from textual.widgets._footer import FooterKey

from tui.widgets.steady_footer import SteadyFooter


def footer_descriptions(footer: SteadyFooter) -> list[str]:
    return [key.description for key in footer.query(FooterKey)]


def test_footer_follows_focus_and_skips_rebuilds_that_change_nothing(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(160, 40)) as pilot:
            await settle(pilot)
            footer = main_screen(pilot).query_one(SteadyFooter)
            assert "Open" in footer_descriptions(footer)  # the list has focus: enter opens
            await pilot.press("tab")
            await settle(pilot)
            assert "Open" not in footer_descriptions(footer)
            assert "Bookmark" in footer_descriptions(footer)
            keys_before = list(footer.query(FooterKey))
            for _ in range(3):
                main_screen(pilot).refresh_bindings()
            await settle(pilot)
            assert list(footer.query(FooterKey)) == keys_before  # same widgets: nothing was rebuilt

    asyncio.run(scenario())


def test_a_held_footer_keeps_its_keys_until_released(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(160, 40)) as pilot:
            await settle(pilot)
            footer = main_screen(pilot).query_one(SteadyFooter)
            footer.hold()
            await pilot.press("tab")
            await settle(pilot)
            assert "Open" in footer_descriptions(footer)  # the reader has focus, the list's keys are still shown
            footer.release()
            await settle(pilot)
            assert "Open" not in footer_descriptions(footer) and "Bookmark" in footer_descriptions(footer)

    asyncio.run(scenario())


def test_opening_an_article_shows_the_readers_keys_once_it_is_shown(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(160, 40)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            footer = screen.query_one(SteadyFooter)
            await pilot.press("enter")
            await settle(pilot)
            assert screen.reader.article is not None and screen.focused is screen.reader
            assert "Open" not in footer_descriptions(footer) and "Bookmark" in footer_descriptions(footer)

    asyncio.run(scenario())


def test_the_footer_is_built_once_the_library_is_shown_or_could_not_be(tmp_path: Path, library: Path, data_dir: Path) -> None:
    async def scenario(root: Path, shown: str) -> None:
        async with make_app(root, data_dir).run_test(size=(160, 40)) as pilot:
            await settle(pilot)
            assert shown in footer_descriptions(main_screen(pilot).query_one(SteadyFooter))

    asyncio.run(scenario(library, "Open"))
    asyncio.run(scenario(tmp_path / "no-such-folder", "Quit"))
