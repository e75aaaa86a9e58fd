"""Region picker, date range with presets, help screen and command palette."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pilot_support import TODAY, listed_ids, main_screen, make_app, settle, typed
from textual.command import CommandPalette
from textual.widgets import Input, SelectionList

from tui.keymap import SCREEN_BINDINGS
from tui.screens.date_screen import DateScreen
from tui.screens.help import HelpScreen
from tui.screens.region_screen import RegionScreen
from tui.widgets.month_chart import MonthChart


def region_counts(screen: RegionScreen) -> dict[str, int]:
    return {rc.code: rc.count for rc in screen.counts}


def test_region_picker_counts_under_other_filters_and_filters(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("r")
            await settle(pilot)
            picker = pilot.app.screen
            assert isinstance(picker, RegionScreen)
            assert region_counts(picker) == {"CN-HK": 2, "CN-SH": 1, "CN-GD": 1, "CN-BJ": 1, "CN-CQ": 1}
            options = picker.query_one(SelectionList)
            assert options.highlighted == 0  # Hong Kong first: most articles
            await pilot.press("space", "enter")
            await settle(pilot)
            assert not isinstance(pilot.app.screen, RegionScreen)
            assert listed_ids(pilot) == ["hk-shanghai", "beijing-old"]
            screen = main_screen(pilot)
            assert screen.filters.regions == frozenset({"CN-HK"})
            assert "香港" in str(screen.query_one("#status-filters").render())
            # Counts follow the other filters: with a search for 深圳 only Guangdong has one.
            await pilot.press("slash", *"深圳")
            await typed(pilot)
            assert listed_ids(pilot) == []
            await pilot.press("enter", "r")
            await settle(pilot)
            picker = pilot.app.screen
            assert isinstance(picker, RegionScreen)
            assert region_counts(picker)["CN-GD"] == 1 and region_counts(picker)["CN-HK"] == 0
            assert picker.query_one(SelectionList).selected == ["CN-HK"]
            # Choose Guangdong as well (two regions), then clear and cancel.
            gd = next(i for i, rc in enumerate(picker.counts) if rc.code == "CN-GD")
            picker.query_one(SelectionList).select(picker.counts[gd].code)
            await pilot.press("enter")
            await settle(pilot)
            assert screen.filters.regions == frozenset({"CN-HK", "CN-GD"})
            assert listed_ids(pilot) == ["shenzhen"]
            await pilot.press("r")
            await settle(pilot)
            await pilot.press("c", "escape")
            await settle(pilot)
            assert screen.filters.regions == frozenset({"CN-HK", "CN-GD"})

    asyncio.run(scenario())


def test_date_range_typed_validated_and_presets(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            await pilot.press("d")
            await settle(pilot)
            dialog = pilot.app.screen
            assert isinstance(dialog, DateScreen)
            assert dialog.counts.first is not None and dialog.counts.first.isoformat() == "2022-11-01"
            await pilot.press(*"2024-13-01")
            feedback = dialog.query_one("#date-feedback")
            assert feedback.has_class("-invalid")
            assert "not a real date" in str(feedback.render())
            await pilot.press("enter")
            assert pilot.app.screen is dialog  # a bad date is not applied
            dialog.query_one("#date-since", Input).value = "2024-01-01"
            dialog.query_one("#date-until", Input).value = "2023-01-01"
            await pilot.pause()
            assert "is after" in str(feedback.render())
            dialog.query_one("#date-until", Input).value = ""
            await pilot.pause()
            assert not feedback.has_class("-invalid")
            await pilot.press("enter")
            await settle(pilot)
            assert listed_ids(pilot) == ["hk-shanghai", "shenzhen"]
            assert "from 2024-01-01" in str(screen.query_one("#status-filters").render())

            await pilot.press("d")
            await settle(pilot)
            assert pilot.app.screen.query_one("#date-since", Input).value == "2024-01-01"
            await pilot.press("ctrl+t")  # last 30 days, up to the frozen today (2024-05-20)
            await settle(pilot)
            assert (screen.filters.since.isoformat(), screen.filters.until) == ("2024-04-21", TODAY)
            assert listed_ids(pilot) == ["hk-shanghai", "shenzhen"]
            await pilot.press("d")
            await settle(pilot)
            await pilot.press("ctrl+l")
            await settle(pilot)
            assert screen.filters.since is None and len(listed_ids(pilot)) == 4
            await pilot.press("d")
            await settle(pilot)
            await pilot.press("ctrl+y")
            await settle(pilot)
            assert screen.filters.since.isoformat() == "2024-01-01"
            assert listed_ids(pilot) == ["hk-shanghai", "shenzhen"]
            await pilot.press("d")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert pilot.app.screen is screen and screen.filters.since.isoformat() == "2024-01-01"

    asyncio.run(scenario())


def test_month_chart_counts_matching_articles(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            chart = main_screen(pilot).query_one("#month-chart", MonthChart)
            counts = chart.counts
            assert counts.first is not None and counts.first.isoformat() == "2022-11-01"
            assert len(counts.counts) == 19 and sum(counts.counts) == 4
            assert counts.counts[-1] == 1 and counts.counts[-2] == 1  # May and April 2024
            await pilot.press("slash", *"深圳")
            await typed(pilot)
            assert chart.counts.counts == (1,)
            assert chart.data == [0] * 5 + [1] + [0] * 6  # a spike, not a bar across the chart

    asyncio.run(scenario())


def test_help_lists_every_key(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("question_mark")
            help_screen = pilot.app.screen
            assert isinstance(help_screen, HelpScreen)
            text = str(help_screen.query_one("#help-text").render())
            for binding in SCREEN_BINDINGS:
                assert binding.description in text
            for needle in ("j / ↓", "Next article", "Scroll down", "Ctrl+P"):
                assert needle in text
            await pilot.press("escape")
            assert not isinstance(pilot.app.screen, HelpScreen)

    asyncio.run(scenario())


def test_every_binding_has_an_id() -> None:
    from tui.keymap import HELP_GROUPS

    ids = [binding.id for _, bindings in HELP_GROUPS for binding in bindings]
    assert all(ids) and len(ids) == len(set(ids))


def test_command_palette_runs_reader_commands(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            await pilot.press("ctrl+p")
            await settle(pilot)
            assert isinstance(pilot.app.screen, CommandPalette)
            await pilot.press(*"Script")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await settle(pilot)
            assert screen.view.script == "simplified"
            await pilot.press("ctrl+p")
            await pilot.press(*"tone colours")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await settle(pilot)
            assert screen.view.tone_colours

    asyncio.run(scenario())
