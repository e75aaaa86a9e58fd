"""The reader: script cycling, pinyin modes, text as data, selection back to paragraph text."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pilot_support import main_screen, make_app, settle, write_library
from rich.cells import cell_len
from textual.geometry import Offset
from textual.selection import Selection

from tui.widgets.paragraph_view import ParagraphView

CHONGQING = "000_cd5ba6057e19a2ed"


def shown_paragraphs(pilot) -> list[str]:
    return [view.paragraph.shown for view in main_screen(pilot).reader.paragraph_views]


def painted(pilot) -> str:
    """Every row the reader's paragraphs paint, as text."""
    return "\n".join(row for view in main_screen(pilot).reader.paragraph_views for row in view.rows())


def status_view(pilot) -> str:
    return str(main_screen(pilot).query_one("#status-view").render())


def test_s_cycles_original_simplified_traditional(seeds_dir: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(seeds_dir, data_dir, open_id=CHONGQING).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            reader = main_screen(pilot).reader
            assert reader.article.id == CHONGQING
            assert pilot.app.focused is reader
            assert "重慶造" in reader.title_text
            original = shown_paragraphs(pilot)
            await pilot.press("s")
            await settle(pilot)
            assert "重庆造" in reader.title_text
            assert "重庆造" in painted(pilot)
            assert "script simplified" in status_view(pilot)
            assert any("产品" in p for p in shown_paragraphs(pilot))
            await pilot.press("s")
            await settle(pilot)
            assert "重慶造" in reader.title_text
            assert "script traditional (Hong Kong)" in status_view(pilot)
            await pilot.press("s")
            await settle(pilot)
            assert "script original" in status_view(pilot)
            assert shown_paragraphs(pilot) == original
            # The list follows the script too.
            await pilot.press("s")
            await settle(pilot)
            rows = [main_screen(pilot).article_list.row_text(i) for i in range(5)]
            assert any("重庆" in row and "“重庆造”" in row for row in rows)

    asyncio.run(scenario())


def test_p_cycles_ruby_inline_off_and_ruby_is_aligned(seeds_dir: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(seeds_dir, data_dir, open_id=CHONGQING).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            await pilot.press("p")
            await settle(pilot)
            assert "pinyin above, tone marks" in status_view(pilot)
            title = screen.reader.paragraph_views[0]
            pinyin_row, text_row = title.rows()[:2]
            # chóng stands over 重: its cells cover the character's cells.
            char_start = cell_len(text_row[: text_row.index("重")])
            syllable_start = pinyin_row.index("chóng")
            assert syllable_start <= char_start and char_start + 2 <= syllable_start + len("chóng")
            assert "qìng" in pinyin_row and "zhòng" not in pinyin_row  # 重慶 read on its simplified form
            await pilot.press("p")
            await settle(pilot)
            assert "pinyin inline" in status_view(pilot)
            assert "重慶(chóngqìng)" in painted(pilot)
            await pilot.press("p")
            await settle(pilot)
            assert "pinyin off" in status_view(pilot)
            assert "chóng" not in painted(pilot)

    asyncio.run(scenario())


def test_no_line_starts_with_closing_punctuation(seeds_dir: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(seeds_dir, data_dir, open_id=CHONGQING).run_test(size=(83, 40)) as pilot:
            await settle(pilot)
            for mode in ("off", "ruby", "inline"):
                for view in main_screen(pilot).reader.paragraph_views:
                    for line in view.lines(view.content_size.width):
                        assert line.text.lstrip()[:1] not in set("，。、；：？！”」』）》")
                        assert cell_len(line.text) <= view.content_size.width
                await pilot.press("p")
                await settle(pilot)

    asyncio.run(scenario())


def test_markup_and_escape_sequences_are_shown_as_text(tmp_path: Path, data_dir: Path) -> None:
    library = write_library(
        tmp_path / "odd",
        {
            "odd": (
                "title: 标记[/]测试\ndate: 2024-01-02",
                "正文里有[/]和[bold red]不是标记[/bold red]。\n\n控制\x1b[31m字符\x07在此。",
            )
        },
    )

    async def scenario() -> None:
        async with make_app(library, data_dir, open_id="odd").run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            reader = main_screen(pilot).reader
            assert reader.title_text == "标记[/]测试"
            text = painted(pilot)
            assert "正文里有[/]和[bold red]不是标记[/bold red]。" in text
            assert "\x1b" not in text and "\x07" not in text
            for mode in ("ruby", "inline"):
                await pilot.press("p")
                await settle(pilot)
                assert "[/]" in painted(pilot)
            screenshot = pilot.app.export_screenshot()
            assert "[bold red]" in screenshot.replace("&#160;", " ")

    asyncio.run(scenario())


def test_selection_gives_paragraph_text_without_pinyin(seeds_dir: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(seeds_dir, data_dir, open_id=CHONGQING).run_test(size=(100, 36)) as pilot:
            await settle(pilot)
            await pilot.press("p")
            await settle(pilot)
            screen = main_screen(pilot)
            first = next(v for v in screen.reader.paragraph_views if v.index == 0)
            assert isinstance(first, ParagraphView)
            # From the start of the first text row to the end of the second text row (rows 1 and 3).
            screen.selections = {first: Selection(Offset(0, 1), Offset(len(first.rows()[3]), 3))}
            selected = screen.get_selected_text()
            paragraph = first.paragraph.shown
            assert selected and paragraph.startswith(selected)
            assert "\n" not in selected and "yuè" not in selected
            assert len(selected) > 20
            assert first.selected_span() == (0, len(selected))

    asyncio.run(scenario())


def test_tone_numbers_and_colours_from_the_palette_commands(seeds_dir: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(seeds_dir, data_dir, open_id=CHONGQING).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            await pilot.press("p")
            await screen.run_action("toggle_tone_style")
            await settle(pilot)
            assert "chong2" in painted(pilot)
            assert "tone numbers" in status_view(pilot)
            await screen.run_action("toggle_tone_colours")
            await settle(pilot)
            title = screen.reader.paragraph_views[0]
            content = title.render()
            coloured = {
                content.plain[span.start : span.end]
                for span in content.spans
                if span.style == screen.reader.get_visual_style("reader--tone-2", partial=True)
            }
            assert "chong2" in coloured
            await screen.run_action("toggle_forms")
            await pilot.press("s", "s")
            await settle(pilot)
            assert "script traditional (Taiwan)" in status_view(pilot)

    asyncio.run(scenario())


def test_mouse_drag_selects_paragraph_text(seeds_dir: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(seeds_dir, data_dir, open_id=CHONGQING).run_test(size=(100, 36)) as pilot:
            await settle(pilot)
            await pilot.press("p")
            await settle(pilot)
            screen = main_screen(pilot)
            first = next(v for v in screen.reader.paragraph_views if v.index == 0)
            await pilot.mouse_down(first, offset=(0, 1))
            await pilot.hover(first, offset=(20, 3))
            await pilot.mouse_up(first, offset=(20, 3))
            await pilot.pause()
            selected = screen.get_selected_text()
            assert selected and first.paragraph.shown.startswith(selected)
            assert first.selected_span() == (0, len(selected))
            assert not any(ch.isascii() and ch.isalpha() for ch in selected)  # no pinyin in it

    asyncio.run(scenario())
