"""The search field repaints as its text grows, without laying out the screen, and still scrolls its text."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult

from tui.widgets.search_input import SearchInput


class SearchApp(App[None]):
    def compose(self) -> ComposeResult:
        yield SearchInput(id="search", compact=True)


def test_typing_lays_out_nothing_and_the_text_scrolls_to_the_cursor() -> None:
    async def scenario() -> None:
        app = SearchApp()
        async with app.run_test(size=(20, 3)) as pilot:
            search = app.query_one(SearchInput)
            search.focus()
            await pilot.pause()
            layouts: list[object] = []
            app.screen.screen_layout_refresh_signal.subscribe(search, layouts.append)

            await pilot.press(*"香港科技园区的合作与发展")  # 12 characters, 24 cells: wider than the field
            await pilot.pause()

            assert layouts == []
            assert search.value == "香港科技园区的合作与发展"
            assert search.scroll_offset.x > 0  # scrolled to keep the cursor in view
            shown = "".join(segment.text for segment in search.render_line(0))
            assert "与发展" in shown and "香港" not in shown

    asyncio.run(scenario())
