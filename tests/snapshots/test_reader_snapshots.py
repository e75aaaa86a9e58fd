"""SVG snapshots of the reader at fixed terminal sizes (update with `pytest --snapshot-update`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

import store.annotations as annotations_module
from store.anchors import anchor_paragraph, anchor_quote
from store.annotations import Annotations
from store.library import load_library
from tui.app import ZhReaderApp

CHONGQING = "000_cd5ba6057e19a2ed"
WIDE = (120, 36)
NARROW = (80, 24)


def reader_app(seeds_dir: Path, tmp_path: Path, open_id: str | None = CHONGQING) -> ZhReaderApp:
    return ZhReaderApp(seeds_dir, tmp_path / "data", open_id, today=lambda: dt.date(2024, 5, 20))


async def settle(pilot: Pilot) -> None:
    """Wait until the library is loaded, the list filtered and the article rendered."""
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def test_main_screen(snap_compare, seeds_dir: Path, tmp_path: Path) -> None:
    assert snap_compare(reader_app(seeds_dir, tmp_path), terminal_size=WIDE, run_before=settle)


def test_pinyin_above_the_characters(snap_compare, seeds_dir: Path, tmp_path: Path) -> None:
    async def ruby(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)

    assert snap_compare(reader_app(seeds_dir, tmp_path), terminal_size=WIDE, run_before=ruby)


def test_pinyin_inline_in_simplified(snap_compare, seeds_dir: Path, tmp_path: Path) -> None:
    async def inline(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("s", "p", "p")
        await settle(pilot)

    assert snap_compare(reader_app(seeds_dir, tmp_path), terminal_size=WIDE, run_before=inline)


def test_pinyin_with_tone_numbers_and_colours(snap_compare, seeds_dir: Path, tmp_path: Path) -> None:
    async def colours(pilot: Pilot) -> None:
        await settle(pilot)
        screen = pilot.app.screen
        await pilot.press("p")
        await screen.run_action("toggle_tone_style")
        await screen.run_action("toggle_tone_colours")
        await settle(pilot)

    assert snap_compare(reader_app(seeds_dir, tmp_path), terminal_size=WIDE, run_before=colours)


def test_help_screen(snap_compare, seeds_dir: Path, tmp_path: Path) -> None:
    async def help_screen(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(reader_app(seeds_dir, tmp_path), terminal_size=WIDE, run_before=help_screen)


def test_narrow_terminal_list(snap_compare, seeds_dir: Path, tmp_path: Path) -> None:
    assert snap_compare(reader_app(seeds_dir, tmp_path, open_id=None), terminal_size=NARROW, run_before=settle)


def test_narrow_terminal_reader_with_pinyin(snap_compare, seeds_dir: Path, tmp_path: Path) -> None:
    async def ruby(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)

    assert snap_compare(reader_app(seeds_dir, tmp_path), terminal_size=NARROW, run_before=ruby)


def test_region_picker(snap_compare, seeds_dir: Path, tmp_path: Path) -> None:
    async def regions(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)

    assert snap_compare(reader_app(seeds_dir, tmp_path, open_id=None), terminal_size=WIDE, run_before=regions)


def test_date_dialog_with_a_bad_date(snap_compare, seeds_dir: Path, tmp_path: Path) -> None:
    async def dates(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press(*"2024-02-30")
        await pilot.press("tab")
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would make the snapshot flaky
        await settle(pilot)

    assert snap_compare(reader_app(seeds_dir, tmp_path, open_id=None), terminal_size=WIDE, run_before=dates)


def test_notes_panel_and_marked_passages(snap_compare, seeds_dir: Path, tmp_path: Path, monkeypatch) -> None:
    # Notes carry the time they were made; a fixed one keeps the panel the same on every run.
    monkeypatch.setattr(annotations_module, "_now", lambda: "2024-05-20T09:30:00.000+08:00")
    article = load_library(seeds_dir).get(CHONGQING)
    with Annotations(tmp_path / "data") as annotations:
        annotations.add_note(CHONGQING, anchor_paragraph(article.paragraphs, 0), "The fair in one line.", ["展会"])
        quote = anchor_quote(article.paragraphs, 3, "香港特別行政區政府")
        annotations.add_note(CHONGQING, quote, "Who organised it.\nSecond line, not in the panel.")

    async def panel(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)

    assert snap_compare(reader_app(seeds_dir, tmp_path), terminal_size=WIDE, run_before=panel)
