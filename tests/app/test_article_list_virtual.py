"""The article list paints only visible rows, whatever the number of articles."""

from __future__ import annotations

import asyncio
import datetime as dt

from textual.app import App, ComposeResult
from textual.pilot import Pilot

from store.article import Article, Region
from tui.widgets.article_list import ArticleList

MANY = 100_000


class CountingList(ArticleList):
    """Counts the rows it paints."""

    painted = 0

    def _paint_row(self, article: Article, width: int, is_cursor: bool):
        CountingList.painted += 1
        return super()._paint_row(article, width, is_cursor)


class ListApp(App[None]):
    CSS = "CountingList > .article-list--open { text-style: underline; }"

    def compose(self) -> ComposeResult:
        yield CountingList(id="article-list")


def many_articles(n: int) -> list[Article]:
    start = dt.date(2015, 1, 1)
    region = Region("CN-SH", "上海", "Shanghai")
    return [
        Article(
            id=f"a{i:06d}",
            path="",
            title=f"第{i}篇文章",
            paragraphs=[],
            date=start + dt.timedelta(days=i % 4000),
            regions=[region],
        )
        for i in range(n)
    ]


async def listed(pilot: Pilot[None], articles: list[Article]) -> CountingList:
    """The app's list, focused and showing ``articles``."""
    article_list = pilot.app.query_one(CountingList)
    article_list.focus()
    article_list.set_articles(articles)
    await pilot.pause()
    return article_list


def test_a_hundred_thousand_articles_paint_only_the_screen() -> None:
    articles = many_articles(MANY)

    async def scenario() -> None:
        app = ListApp()
        async with app.run_test(size=(80, 24)) as pilot:
            article_list = app.query_one(CountingList)
            article_list.focus()
            CountingList.painted = 0
            article_list.set_articles(articles)
            await pilot.pause()
            assert article_list.virtual_size.height == MANY
            assert len(article_list.children) == 0
            assert 0 < CountingList.painted <= 2 * 24
            assert article_list.render_line(0).text.lstrip().startswith("2015-01-01")

            CountingList.painted = 0
            await pilot.press("end")
            await pilot.pause()
            assert article_list.cursor == MANY - 1
            assert article_list.scroll_offset.y == MANY - article_list.scrollable_content_region.height
            assert "第99999篇文章" in article_list.render_line(article_list.scrollable_content_region.height - 1).text
            assert CountingList.painted <= 2 * 24

            CountingList.painted = 0
            article_list.set_articles(articles[::2])  # a filter: the list is replaced, not rebuilt
            await pilot.pause()
            assert article_list.virtual_size.height == MANY // 2
            assert CountingList.painted <= 2 * 24

    asyncio.run(scenario())


def test_rows_are_painted_again_only_when_they_change() -> None:
    articles = many_articles(100)

    async def scenario() -> None:
        app = ListApp()
        async with app.run_test(size=(80, 24)) as pilot:
            article_list = await listed(pilot, articles)
            CountingList.painted = 0
            await pilot.press("down")
            await pilot.pause()
            assert CountingList.painted == 2  # the row left and the row reached
            CountingList.painted = 0
            article_list.blur()
            await pilot.pause()
            assert CountingList.painted == 1  # the cursor row, in its unfocused colour
            CountingList.painted = 0
            article_list.set_open(articles[5].id)
            article_list.set_marks({articles[6].id}, {articles[7].id: 2})
            await pilot.pause()
            assert CountingList.painted == 3
            assert article_list.render_line(6).text.startswith("★")
            assert article_list.render_line(7).text.rstrip().endswith("✎2")
            CountingList.painted = 0
            article_list.set_open(articles[8].id)
            await pilot.pause()
            assert CountingList.painted == 1  # the row opened; the one no longer open is a kept row
            assert any(segment.style and segment.style.underline for segment in article_list.render_line(8))
            assert not any(segment.style and segment.style.underline for segment in article_list.render_line(5))

            before = article_list.render_line(3)
            app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
            await pilot.pause()
            after = article_list.render_line(3)
            assert after.text == before.text
            assert list(after)[0].style != list(before)[0].style  # painted again in the new theme's colours

    asyncio.run(scenario())


def test_a_new_length_moves_the_scroll_bar_and_lays_out_only_when_the_bar_comes_or_goes() -> None:
    articles = many_articles(1000)

    async def scenario() -> None:
        app = ListApp()
        async with app.run_test(size=(80, 24)) as pilot:
            article_list = await listed(pilot, articles)
            await pilot.press("end")
            await pilot.pause()
            layouts: list[object] = []
            app.screen.screen_layout_refresh_signal.subscribe(article_list, layouts.append)
            height = article_list.scrollable_content_region.height

            article_list.set_articles([*articles[:99], articles[-1]])  # still longer than the screen
            await pilot.pause()
            assert layouts == []
            assert article_list.show_vertical_scrollbar
            assert article_list.vertical_scrollbar.window_virtual_size == 100
            assert article_list.cursor == 99  # on the same article
            assert article_list.scroll_offset.y == 100 - height  # no longer past the end
            assert "第999篇文章" in article_list.render_line(height - 1).text

            article_list.set_articles(articles[:5])  # fits: the bar goes, the list widens
            await pilot.pause()
            assert layouts
            assert not article_list.show_vertical_scrollbar
            assert article_list.scroll_offset.y == 0
            assert "第4篇文章" in article_list.render_line(4).text

            article_list.set_articles(articles)
            await pilot.pause()
            assert article_list.show_vertical_scrollbar
            assert article_list.vertical_scrollbar.window_virtual_size == 1000

    asyncio.run(scenario())


def test_the_scroll_bar_is_painted_again_only_when_a_new_length_changes_its_look() -> None:
    articles = many_articles(1000)

    async def scenario() -> None:
        app = ListApp()
        async with app.run_test(size=(80, 24)) as pilot:
            article_list = await listed(pilot, articles)
            bar = article_list.vertical_scrollbar
            drawn: list[int] = []
            render = bar.render

            def counting_render():
                renderable = render()
                drawn.append(renderable.virtual_size)
                return renderable

            bar.render = counting_render  # type: ignore[method-assign]

            # At the top of 1,000 or 900 rows the thumb is the same single cell.
            article_list.set_articles(articles[:900])
            await pilot.pause()
            assert drawn == []
            assert bar.window_virtual_size == 900  # kept for scrolling and dragging all the same

            article_list.set_articles(articles[:100])  # a thumb five cells long
            await pilot.pause()
            assert drawn and drawn[-1] == 100

    asyncio.run(scenario())
