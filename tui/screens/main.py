"""The main screen: filters, the article list, the reader, and everything that ties them together.

Slow work never runs on the UI thread: loading the library, filtering,
converting and reading an article, and every write to the data file run in
thread workers and hand their results back with ``call_from_thread``.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer
from textual.widgets import Button, Footer, Input

from store.annotations import Annotations, ReadingPosition
from store.article import Article
from store.durable_storage import DataFileError
from store.library import ArticleQuery, Library, LibraryError, load_library, query_articles
from store.script import fold
from tui.article_render import RenderCache, RenderedArticle
from tui.filters import Filters
from tui.keymap import SCREEN_BINDINGS
from tui.safe_text import displayable
from tui.screens.date_screen import DateRange, DateScreen
from tui.screens.help import HelpScreen
from tui.screens.region_screen import RegionCount, RegionScreen, count_regions, regions_in_library
from tui.view_settings import TONE_STYLES, ViewSettings
from tui.widgets.article_list import ArticleList
from tui.widgets.filter_bar import FilterBar
from tui.widgets.loading_panel import LoadingPanel
from tui.widgets.month_chart import MonthChart, MonthCounts, month_counts
from tui.widgets.reader_view import ReaderView
from tui.widgets.status_bar import StatusBar

WIDE_COLUMNS = 100  # from this width the list and the reader sit side by side
SEARCH_DEBOUNCE_S = 0.15
FILTER_SAVE_DELAY_S = 0.8
PROGRESS_INTERVAL_S = 0.05

Pane = Literal["list", "reader"]
T = TypeVar("T")


@dataclass(frozen=True)
class SavedState:
    """What the data file holds for the reader, read once at startup."""

    annotations: Annotations | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    bookmarked: set[str] = field(default_factory=set)
    note_counts: dict[str, int] = field(default_factory=dict)
    last: ReadingPosition | None = None
    problem: str | None = None  # a recovery, or why the file cannot be used


def narrows(old: ArticleQuery, new: ArticleQuery) -> bool:
    """True when every article matching ``new`` also matches ``old`` (so ``old``'s results can be searched)."""
    return (
        old.regions == new.regions
        and old.since == new.since
        and old.until == new.until
        and old.only_ids == new.only_ids
        and fold(old.text.strip()).casefold() in fold(new.text.strip()).casefold()
    )


class MainScreen(Screen[None]):
    """Article list beside (or, when narrow, instead of) the reader."""

    BINDINGS = SCREEN_BINDINGS
    AUTO_FOCUS = None  # nothing to type into until the library has loaded
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_COLUMNS, "-wide")]

    def __init__(
        self,
        library_root: Path,
        data_dir: Path,
        open_id: str | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__()
        self.library_root = library_root
        self.data_dir = data_dir
        self.open_id = open_id
        self.today = today
        self.library: Library | None = None
        self.annotations: Annotations | None = None
        self.filters = Filters()
        self.view = ViewSettings()
        self.bookmarked: set[str] = set()
        self.note_counts: dict[str, int] = {}
        self.library_regions: dict[str, int] = {}
        self.matches: list[Article] = []
        self.month_counts = MonthCounts(None, ())
        self.render_cache = RenderCache()
        self._write_lock = threading.Lock()
        self._filter_generation = 0
        self._render_generation = 0
        self._last_result: tuple[ArticleQuery, list[Article]] | None = None
        self._search_timer: Timer | None = None
        self._save_filters_timer: Timer | None = None

    # Layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield FilterBar(id="filter-bar")
        with Horizontal(id="panes"):
            yield ArticleList(id="article-list")
            yield ReaderView(id="reader")
        yield LoadingPanel(id="loading")
        yield StatusBar(id="status-bar")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> ReaderView:
        return self.query_one(ReaderView)

    @property
    def search_input(self) -> Input:
        return self.query_one("#search", Input)

    @property
    def loaded(self) -> bool:
        return self.library is not None

    def on_mount(self) -> None:
        self.query_one(FilterBar).disabled = True
        self.query_one("#panes").display = False
        self.query_one(StatusBar).show_loading("Loading library…")
        self._load()

    def show_pane(self, pane: Pane) -> None:
        """Which pane has focus (and, on a narrow terminal, which one is shown)."""
        self.set_class(pane == "reader", "-reader")
        (self.reader if pane == "reader" else self.article_list).focus()

    # Loading --------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        last_report = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last_report
            now = time.monotonic()
            if done == total or now - last_report >= PROGRESS_INTERVAL_S:
                last_report = now
                self.app.call_from_thread(self.query_one(LoadingPanel).set_progress, done, total)

        try:
            library = load_library(self.library_root, progress=progress)
        except LibraryError as exc:
            self.app.call_from_thread(self._load_failed, str(exc))
            return
        except Exception as exc:  # a bug or an odd file system: a message, not a traceback
            self.app.call_from_thread(self._load_failed, f"{type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._loaded, library, self._read_saved_state())

    def _read_saved_state(self) -> SavedState:
        """Everything the data file remembers; without it the reader still works, unsaved."""
        try:
            annotations = Annotations(self.data_dir)
            return SavedState(
                annotations,
                annotations.settings(),
                annotations.bookmarked_ids(),
                annotations.note_counts(),
                annotations.last_article(),
                annotations.recovery_message,
            )
        except (DataFileError, OSError) as exc:
            return SavedState(problem=f"Bookmarks and settings are unavailable: {exc}")

    def _load_failed(self, message: str) -> None:
        self.query_one(LoadingPanel).show_error(displayable(message))
        self.query_one(StatusBar).show_loading("The library could not be loaded.")

    def _loaded(self, library: Library, saved: SavedState) -> None:
        self.library = library
        self.annotations = saved.annotations
        self.bookmarked = set(saved.bookmarked)
        self.note_counts = dict(saved.note_counts)
        self.library_regions = dict(regions_in_library(library.articles))
        self.view = ViewSettings.from_settings(saved.settings)
        self.filters = Filters.from_settings(saved.settings.get("filters"))
        theme = saved.settings.get("theme")
        if isinstance(theme, str) and theme in self.app.available_themes:
            self.app.theme = theme
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

        self.query_one(LoadingPanel).display = False
        self.query_one(FilterBar).disabled = False
        self.query_one("#panes").display = True
        article_list = self.article_list
        if not library.articles:
            article_list.empty_message = ("No articles in this library:", displayable(str(library.root)))
        article_list.set_marks(self.bookmarked, self.note_counts)
        article_list.set_script(self.view.script, self.view.forms)
        self.query_one(FilterBar).show_filters(self.filters)
        if self.filters.text:
            self.search_input.value = self.filters.text
        self._request_filter()
        self.show_pane("list")

        if saved.problem:
            self.notify(displayable(saved.problem), title="Data file", severity="warning", timeout=12)
        if library.warnings:
            first = library.warnings[0]
            more = f" and {len(library.warnings) - 1} more" if len(library.warnings) > 1 else ""
            self.notify(displayable(f"{first}{more}"), title="Files skipped", severity="warning", timeout=8)

        if self.open_id is not None:
            article = library.get(self.open_id.strip().removesuffix(".txt").removesuffix(".md"))
            if article is None:
                self.notify(
                    displayable(f"No article with id {self.open_id!r} in this library."),
                    severity="error",
                    timeout=10,
                )
            else:
                self.open_article(article)
        elif saved.last is not None and (article := library.get(saved.last.article_id)) is not None:
            self.open_article(article, scroll=saved.last.scroll, focus_reader=True, save=False)

    # Filtering ------------------------------------------------------------------------

    def set_filters(self, filters: Filters) -> None:
        """Apply new filters: relabel, refilter, and save them a moment later."""
        self.filters = filters
        self.query_one(FilterBar).show_filters(filters)
        if self.search_input.value != filters.text:
            self.search_input.value = filters.text
        self._request_filter()
        if self._save_filters_timer is not None:
            self._save_filters_timer.stop()
        self._save_filters_timer = self.set_timer(FILTER_SAVE_DELAY_S, self._save_filters)

    def _save_filters(self) -> None:
        saved = self.filters.to_settings()
        self._write(lambda a: a.set_setting("filters", saved))

    def _request_filter(self) -> None:
        if self.library is None:
            return
        self._filter_generation += 1
        self._run_filter(self._filter_generation, self.filters.query(self.bookmarked))

    @work(thread=True, group="filter")
    def _run_filter(self, generation: int, query: ArticleQuery) -> None:
        library = self.library
        if library is None:
            return
        pool = None
        last = self._last_result
        if last is not None and narrows(last[0], query):
            pool = last[1]
        matches = query_articles(library, query, pool)
        counts = month_counts(matches)
        self.app.call_from_thread(self._show_matches, generation, query, matches, counts)

    def _show_matches(self, generation: int, query: ArticleQuery, matches: list[Article], counts: MonthCounts) -> None:
        if generation != self._filter_generation:
            return  # a newer filter is on its way
        self._last_result = (query, matches)
        self.matches = matches
        self.month_counts = counts
        self.article_list.set_articles(matches)
        self.query_one("#month-chart", MonthChart).show_counts(counts)
        self._show_status()

    def _show_status(self) -> None:
        total = len(self.library.articles) if self.library else 0
        self.query_one(StatusBar).show(len(self.matches), total, self.filters, self.view)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if event.value == self.filters.text:
            return
        if self._search_timer is not None:
            self._search_timer.stop()
        value = event.value
        self._search_timer = self.set_timer(SEARCH_DEBOUNCE_S, lambda: self.set_filters(replace(self.filters, text=value)))

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.show_pane("list")

    @on(Button.Pressed, "#regions-button")
    def _regions_pressed(self) -> None:
        self.action_regions()

    @on(Button.Pressed, "#dates-button")
    def _dates_pressed(self) -> None:
        self.action_dates()

    @on(Button.Pressed, "#bookmarked-button")
    def _bookmarked_pressed(self) -> None:
        self.action_bookmarked_only()

    # Articles -------------------------------------------------------------------------

    @on(ArticleList.Chosen)
    def _article_chosen(self, event: ArticleList.Chosen) -> None:
        self.open_article(event.article)

    def open_article(
        self, article: Article, scroll: float | None = None, focus_reader: bool = True, save: bool = True
    ) -> None:
        """Show an article in the reader; remember where the previous one was left."""
        previous = self.reader.article
        if previous is not None and previous.id != article.id:
            previous_id, previous_scroll = previous.id, self.reader.scroll_y
            self._write(lambda a: a.set_reading_position(previous_id, previous_scroll))
        self.article_list.set_open(article.id)
        self.article_list.move_to(article.id)
        self._start_render(article, scroll=scroll, first_screen=previous is None or previous.id != article.id)
        if save:
            self._write(lambda a: a.set_reading_position(article.id, scroll or 0.0))
        if focus_reader:
            self.show_pane("reader")

    def _start_render(
        self,
        article: Article,
        scroll: float | None = None,
        keep_paragraph: int | None = None,
        first_screen: bool = False,
    ) -> None:
        self._render_generation += 1
        generation = self._render_generation
        cached = self.render_cache.get(article, self.view)
        if cached is not None:
            self.call_later(self._show_rendered, generation, article, cached, scroll, keep_paragraph)
            return
        self._render_worker(generation, article, self.view, scroll, keep_paragraph, first_screen)

    @work(thread=True, group="render")
    def _render_worker(
        self,
        generation: int,
        article: Article,
        view: ViewSettings,
        scroll: float | None,
        keep_paragraph: int | None,
        first_screen: bool,
    ) -> None:
        def early(partial: RenderedArticle) -> None:
            self.app.call_from_thread(self._show_rendered, generation, article, partial, None, None)

        rendered = self.render_cache.render(article, view, early if first_screen else None)
        self.app.call_from_thread(self._show_rendered, generation, article, rendered, scroll, keep_paragraph)

    async def _show_rendered(
        self,
        generation: int,
        article: Article,
        rendered: RenderedArticle,
        scroll: float | None,
        keep_paragraph: int | None,
    ) -> None:
        if generation != self._render_generation:
            return  # the reader has moved on to another article or mode
        reader = self.reader
        await reader.show(article, rendered, self.view)
        if rendered.complete and scroll:
            reader.restore_scroll(scroll)
        elif rendered.complete and keep_paragraph is not None:
            reader.call_after_refresh(reader.scroll_to_paragraph, keep_paragraph)

    def _rerender(self) -> None:
        """Show the open article again in the current view, keeping the paragraph at the top."""
        article = self.reader.article
        if article is not None:
            self._start_render(article, keep_paragraph=self.reader.top_paragraph())

    def _target_article(self) -> Article | None:
        """The article a command acts on: the highlighted one in the list, else the open one."""
        if self.focused is self.article_list and self.article_list.highlighted is not None:
            return self.article_list.highlighted
        return self.reader.article or self.article_list.highlighted

    # Saving ---------------------------------------------------------------------------

    def _write(
        self,
        change: Callable[[Annotations], T],
        done: Callable[[T], None] | None = None,
        failure: str = "Could not save",
    ) -> None:
        """Run one change to the data file in a worker thread; report failure in the app."""
        if self.annotations is not None:
            self._write_worker(self.annotations, change, done, failure)

    @work(thread=True, group="write")
    def _write_worker(
        self,
        annotations: Annotations,
        change: Callable[[Annotations], T],
        done: Callable[[T], None] | None,
        failure: str,
    ) -> None:
        try:
            with self._write_lock:
                result = change(annotations)
        except (DataFileError, OSError) as exc:
            self.app.call_from_thread(
                self.notify, displayable(f"{failure}: {exc}"), title="Data file", severity="error", timeout=10
            )
            return
        if done is not None:
            self.app.call_from_thread(done, result)

    def _save_view(self) -> None:
        saved = self.view.to_settings()
        self._write(lambda a: a.update_settings(saved))

    def _theme_changed(self, theme: Theme) -> None:
        self._write(lambda a: a.set_setting("theme", theme.name))

    # Actions --------------------------------------------------------------------------

    def action_switch_pane(self) -> None:
        if self.focused is self.reader:
            self.show_pane("list")
        else:
            self.show_pane("reader")

    def action_focus_search(self) -> None:
        self.set_class(False, "-reader")
        self.search_input.focus()

    def action_regions(self) -> None:
        if self.library is not None:
            self._count_regions(self.filters, frozenset(self.bookmarked))

    @work(thread=True, exclusive=True, group="dialog")
    def _count_regions(self, filters: Filters, bookmarked: frozenset[str]) -> None:
        library = self.library
        if library is None:
            return
        pool = query_articles(library, filters.without_regions().query(bookmarked))
        counts = count_regions(pool, self.library_regions)
        self.app.call_from_thread(self._push_regions, counts)

    def _push_regions(self, counts: list[RegionCount]) -> None:
        if self.app.screen is not self:
            return
        self.app.push_screen(RegionScreen(counts, self.filters.regions, self.view.script), self._regions_chosen)

    def _regions_chosen(self, chosen: frozenset[str] | None) -> None:
        if chosen is not None and chosen != self.filters.regions:
            self.set_filters(replace(self.filters, regions=chosen))

    def action_dates(self) -> None:
        if self.library is not None:
            self._count_months(self.filters, frozenset(self.bookmarked))

    @work(thread=True, exclusive=True, group="dialog")
    def _count_months(self, filters: Filters, bookmarked: frozenset[str]) -> None:
        library = self.library
        if library is None:
            return
        counts = month_counts(query_articles(library, filters.without_dates().query(bookmarked)))
        self.app.call_from_thread(self._push_dates, counts)

    def _push_dates(self, counts: MonthCounts) -> None:
        if self.app.screen is not self:
            return
        screen = DateScreen(self.filters.since, self.filters.until, counts, self.today())
        self.app.push_screen(screen, self._dates_chosen)

    def _dates_chosen(self, chosen: DateRange | None) -> None:
        if chosen is not None:
            since, until = chosen
            if (since, until) != (self.filters.since, self.filters.until):
                self.set_filters(replace(self.filters, since=since, until=until))

    def action_bookmarked_only(self) -> None:
        if self.library is not None:
            self.set_filters(replace(self.filters, bookmarked_only=not self.filters.bookmarked_only))

    def action_cycle_script(self) -> None:
        self._change_view(self.view.next_script())

    def action_cycle_pinyin(self) -> None:
        self._change_view(self.view.next_pinyin())

    def action_toggle_tone_style(self) -> None:
        tones = TONE_STYLES[(TONE_STYLES.index(self.view.tones) + 1) % len(TONE_STYLES)]
        self._change_view(replace(self.view, tones=tones))

    def action_toggle_tone_colours(self) -> None:
        self._change_view(replace(self.view, tone_colours=not self.view.tone_colours))

    def action_toggle_forms(self) -> None:
        self._change_view(replace(self.view, forms="tw" if self.view.forms == "hk" else "hk"))

    def action_toggle_dark(self) -> None:
        self.app.theme = "textual-light" if self.app.current_theme.dark else "textual-dark"

    def _change_view(self, view: ViewSettings) -> None:
        self.view = view
        self.article_list.set_script(view.script, view.forms)
        self._show_status()
        self._rerender()
        if self.loaded:
            self._save_view()

    def action_toggle_bookmark(self) -> None:
        article = self._target_article()
        if article is None:
            self.notify("No article to bookmark.", severity="warning")
            return
        if self.annotations is None:
            self.notify("Bookmarks are unavailable: the data file could not be opened.", severity="error")
            return
        article_id = article.id
        self._write(
            lambda a: a.toggle_bookmark(article_id),
            lambda now: self._bookmark_changed(article_id, now),
            failure="Could not save the bookmark",
        )

    def _bookmark_changed(self, article_id: str, bookmarked: bool) -> None:
        if bookmarked:
            self.bookmarked.add(article_id)
        else:
            self.bookmarked.discard(article_id)
        self.article_list.set_marks(self.bookmarked, self.note_counts)
        self.notify("Bookmarked." if bookmarked else "Bookmark removed.", timeout=2)
        if self.filters.bookmarked_only:
            self._request_filter()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_back(self) -> None:
        """Escape: clear the search box, leave the reader, or clear the filters, in that order."""
        focused = self.focused
        if focused is self.search_input:
            if self.search_input.value:
                self.set_filters(replace(self.filters, text=""))
            else:
                self.show_pane("list")
        elif focused is self.reader:
            self.show_pane("list")
        elif self.filters.is_active():
            self.set_filters(Filters())
            self.notify("Filters cleared.", timeout=2)

    def action_quit_reader(self) -> None:
        article = self.reader.article
        if self.annotations is None or self.library is None:
            self.app.exit()
            return
        position = (article.id, self.reader.scroll_y) if article is not None else None
        self._save_and_exit(self.annotations, position, self.filters.to_settings())

    @work(thread=True, group="write")
    def _save_and_exit(
        self, annotations: Annotations, position: tuple[str, float] | None, filters: dict[str, Any]
    ) -> None:
        message = None
        try:
            with self._write_lock:
                if position is not None:
                    annotations.set_reading_position(*position)
                annotations.set_setting("filters", filters)
        except (DataFileError, OSError) as exc:
            message = displayable(f"zhreader: could not save the reading position: {exc}")
        self.app.call_from_thread(self.app.exit, None, 0, message)
