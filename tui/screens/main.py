"""The main screen: filters, the article list, the reader, and everything that ties them together.

Slow work never runs on the UI thread: loading the library, filtering,
converting and reading an article, and every write to the data file run in
thread workers and hand their results back with ``call_from_thread``.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer
from textual.widgets import Button, Input

from store.anchors import Anchor, anchor_paragraph, locate
from store.annotations import Annotations, Note, NoteNotFoundError, ReadingPosition
from store.article import Article
from store.durable_storage import DataFileError
from store.library import (
    ArticleQuery,
    CachedLibraryLoad,
    Library,
    LibraryError,
    index_in_result,
    load_cached_library,
    load_library,
    month_counts,
    month_counts_of,
    query_articles,
    region_counts,
)
from store.script import fold
from tui.article_notes import PlacedNote, PlacedNotes, first_line, passage_parts, place_notes, selection_anchor
from tui.article_render import TITLE_INDEX, RenderCache, RenderedArticle, screenful, shown_text, warm_up
from tui.filters import Filters
from tui.keymap import SCREEN_BINDINGS
from tui.safe_text import displayable
from tui.screens.confirm import ConfirmScreen
from tui.view_settings import TONE_STYLES, ViewSettings
from tui.widgets.article_list import ArticleList
from tui.widgets.filter_bar import FilterBar
from tui.widgets.loading_panel import LoadingPanel
from tui.widgets.month_chart import MonthChart, MonthCounts, months_from_counts
from tui.widgets.notes_panel import NotesPanel
from tui.widgets.reader_view import ReaderView
from tui.widgets.status_bar import StatusBar
from tui.widgets.steady_footer import SteadyFooter

# The dialogs, the note editor and the notes export are imported where they are first
# used: together 30-40 ms of every start (the editor's TextArea most), for screens many
# sessions never open.
if TYPE_CHECKING:
    from tui.screens.date_screen import DateRange
    from tui.screens.export_screen import ExportChoice
    from tui.screens.note_editor import NoteDraft, SaveNote
    from tui.screens.region_screen import RegionCount

WIDE_COLUMNS = 100  # from this width the list and the reader sit side by side
FILTER_SAVE_DELAY_S = 0.8
PROGRESS_INTERVAL_S = 0.05
FIRST_LIST_WAIT_S = 2.0  # the most that background loading work waits for the first list to be shown
# From this many articles a library is shown from its cache before its folder is checked,
# and its filter tables are built and the parser warmed up in the background.
LARGE_LIBRARY = 5_000

Pane = Literal["list", "reader", "notes"]
# Added to a note typed when the reader was ended by a signal (it is saved rather than lost).
UNSAVED_TAG = "unsaved"
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


@dataclass(frozen=True)
class FilterResult:
    """The articles a query matched, and their counts per month."""

    query: ArticleQuery
    matches: list[Article]
    months: MonthCounts


def article_query(filters: Filters, bookmarked: set[str], note_counts: dict[str, int]) -> ArticleQuery:
    """What ``filters`` ask of the library, given the bookmarks and notes."""
    with_notes = frozenset(article_id for article_id, count in note_counts.items() if count)
    return filters.query(bookmarked, with_notes)


def filter_library(library: Library, query: ArticleQuery, pool: list[Article] | None = None) -> FilterResult:
    """Run ``query`` (over ``pool``, a previous result it narrows, if given); slow: off the UI thread."""
    matches = query_articles(library, query, pool)
    return FilterResult(query, matches, months_from_counts(month_counts_of(library, matches)))


def narrows(old: ArticleQuery, new: ArticleQuery) -> bool:
    """True when every article matching ``new`` also matches ``old`` (so ``old``'s results can be searched)."""
    return (
        old.regions == new.regions
        and old.since == new.since
        and old.until == new.until
        and old.only_ids == new.only_ids
        and fold(old.text.strip()).casefold() in fold(new.text.strip()).casefold()
    )


def _large(library: Library | None) -> Library | None:
    """``library`` if it is large enough to be shown from its cache before its folder is checked, else None."""
    return library if library is not None and len(library.articles) >= LARGE_LIBRARY else None


def _keep_out_of_collections() -> None:
    """Leave every object alive now out of the garbage collector's full collections.

    The library and the dictionaries live as long as the reader; at 100,000
    articles a full collection that walks them takes over 100 ms, and lands on
    whatever key is being typed.
    """
    gc.freeze()


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
        cached: CachedLibraryLoad | None = None,
    ) -> None:
        super().__init__()
        self.library_root = library_root
        self.data_dir = data_dir
        self.open_id = open_id
        self.today = today
        self._cached = cached  # the library's cache, being read already: used by the first load only
        self._shown_cached: Library | None = None  # that cache, shown at mount: for the first load to check
        self.library: Library | None = None
        self.annotations: Annotations | None = None
        self.filters = Filters()
        self.view = ViewSettings()
        self.bookmarked: set[str] = set()
        self.note_counts: dict[str, int] = {}
        self.pane: Pane = "list"  # the focused pane (on a narrow terminal, the one shown)
        self.current: Article | None = None  # the article opened last (the reader may still be rendering it)
        self.open_notes: PlacedNotes | None = None  # the current article's notes, once read
        self.positions: dict[str, float] = {}  # scroll positions known this session, by article id
        self.export_folder: Path | None = None
        self._editing: tuple[Article, Anchor] | None = None  # what the open note editor annotates
        self._notes_generation = 0
        self.exiting = False
        self.matches: list[Article] = []
        self.month_counts = MonthCounts(None, ())
        self.render_cache = RenderCache()
        self._write_lock = threading.Lock()
        self._filter_generation = 0
        self._first_listed = threading.Event()  # set once the article list has been filled and painted
        self._render_generation = 0
        self._list_follows: str | None = None  # the article the list's cursor moves to once it is shown
        self._last_result: FilterResult | None = None
        self._filtering = False  # a filter's worker is running; what is typed meanwhile waits for it
        self._save_filters_timer: Timer | None = None

    # Layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield FilterBar(id="filter-bar")
        with Horizontal(id="panes"):
            yield ArticleList(id="article-list")
            yield ReaderView(id="reader")
            yield NotesPanel(id="notes-panel")
        yield LoadingPanel(id="loading")
        yield StatusBar(id="status-bar")
        yield SteadyFooter(compact=True, show_command_palette=False)

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
    def notes_panel(self) -> NotesPanel:
        return self.query_one(NotesPanel)

    @property
    def loaded(self) -> bool:
        return self.library is not None

    def on_mount(self) -> None:
        self.notes_panel.display = False
        # The keys change as the panes appear: built once, after the first list is painted,
        # rather than while the library loads in the same interpreter.
        self.query_one(SteadyFooter).hold()
        self._shown_cached = self._show_cached_now()
        if self._shown_cached is None:
            # Not set and unset around a library shown at once: each change restyles widgets.
            self.query_one(FilterBar).disabled = True
            self.query_one("#panes").display = False
            self.query_one(StatusBar).show_loading("Loading library…")
        self._load()

    def _show_cached_now(self) -> Library | None:
        """Show a large library at once if its cache has been read while the app started; the library, or None.

        Its first list is then in the first frame painted: handed over by the
        loading worker, it comes a frame later, after a paint of the loading
        screen and the worker's wait for the interpreter while the screen is
        mounted (about 20 ms later over 9 alternating starts at 100,000 articles).
        """
        started = self._cached
        if started is None or not started.done():
            return None
        cached = _large(started.result())
        if cached is None:
            return None  # the loading worker asks again, and is answered at once
        self._cached = None
        _keep_out_of_collections()
        self._loaded(cached, *self._first_view(cached))
        return cached

    def show_pane(self, pane: Pane) -> None:
        """Which pane has focus (and, on a narrow terminal, which one is shown)."""
        if pane == "notes":
            self.notes_panel.display = True
        elif pane == "list" or self.has_class("-narrow"):
            self.notes_panel.display = False  # the panel takes the list's place (on a narrow terminal, the reader's)
        self.pane = pane
        self._arrange_panes()
        {"reader": self.reader, "list": self.article_list}.get(pane, self.notes_panel.note_list).focus()

    def _arrange_panes(self) -> None:
        """Show the focused pane alone on a narrow terminal; else the list (or the notes panel) and the reader.

        Display styles, not classes on the screen: a class on the screen restyles every
        widget in it, a long article's hundreds of paragraphs too (50-100 ms at each tab).
        """
        narrow = self.has_class("-narrow")
        self.article_list.display = self.pane == "list" if narrow else not self.notes_panel.display
        self.reader.display = self.pane == "reader" or not narrow

    def on_resize(self) -> None:
        # After Screen's own handler has set the -narrow breakpoint class for the new width.
        self.call_next(self._arrange_panes)

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

        # A large library is shown as its cache last saw it, without first looking at every
        # file (a stat each: half a second at 100,000); the folder is checked right after.
        # Not an argument: the worker's description would hold its repr (100,000 articles).
        cached, self._shown_cached = self._shown_cached, None
        if cached is None:
            started, self._cached = self._cached, None
            cached = _large(started.result() if started is not None else load_cached_library(self.library_root))
            if cached is not None:
                _keep_out_of_collections()
                self._hand_over(cached)
        if cached is not None:
            self._prepare(cached)
        try:
            if cached is None:
                library = load_library(self.library_root, progress=progress)
            else:
                library = load_library(self.library_root, progress=progress, reuse=cached)
        except LibraryError as exc:
            self.app.call_from_thread(self._load_failed, str(exc))
            return
        except Exception as exc:  # a bug or an odd file system: a message, not a traceback
            self.app.call_from_thread(self._load_failed, f"{type(exc).__name__}: {exc}")
            return
        if cached is None:
            self._hand_over(library)
        elif library is not cached:
            self.app.call_from_thread(self._reloaded, library)
        if library is not cached and len(library.articles) >= LARGE_LIBRARY:
            self._prepare(library)
        _keep_out_of_collections()
        self._first_listed.wait(FIRST_LIST_WAIT_S)
        warm_up(self.view)  # after the first paint: loading the dictionaries would delay it
        _keep_out_of_collections()

    def _prepare(self, library: Library) -> None:
        """Build a large library's filter tables and warm the parser, once the list is on screen.

        Else the first search and the first article opened would wait for them;
        done sooner, they would slow the first paint (one interpreter runs both).
        """
        self._first_listed.wait(FIRST_LIST_WAIT_S)
        library.prepare()

    def _hand_over(self, library: Library) -> None:
        """Give the UI thread the library, the saved state and the list to show first, all found here.

        The first list comes with the library so that it is painted with it: asked
        for by the UI thread, it would come a frame later, after a layout and a
        paint of the screen without it (40-90 ms at start-up).
        """
        self.app.call_from_thread(self._loaded, library, *self._first_view(library))

    def _first_view(self, library: Library) -> tuple[SavedState, Filters, FilterResult]:
        """The saved state, the saved filters and the list they find in ``library``."""
        saved = self._saved_state_for_list()
        filters = Filters.from_settings(saved.settings.get("filters"))
        return saved, filters, filter_library(library, article_query(filters, set(saved.bookmarked), saved.note_counts))

    def _saved_state_for_list(self) -> SavedState:
        """The saved state, with the converter of the saved script loaded before the first list is painted.

        The list converts its titles as it paints them; OpenCC's first use takes about 0.1 s,
        which the loading worker spends off the UI thread (a library shown at mount cannot).
        """
        saved = self._read_saved_state()
        view = ViewSettings.from_settings(saved.settings)
        if view.script != "original":
            shown_text("香港", view.script, view.forms)
        return saved

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
        if self.library is not None:  # shown from the cache, then the folder could not be read
            self.notify(displayable(message), title="Library", severity="error", timeout=12)
            return
        self.query_one(LoadingPanel).show_error(displayable(message))
        self.query_one(StatusBar).show_loading("The library could not be loaded.")
        self.query_one(SteadyFooter).release()

    def _use_library(self, library: Library) -> None:
        self.library = library
        self.article_list.locate = partial(index_in_result, library)

    def _loaded(self, library: Library, saved: SavedState, filters: Filters, first: FilterResult) -> None:
        self._use_library(library)
        self.annotations = saved.annotations
        self.bookmarked = set(saved.bookmarked)
        self.note_counts = dict(saved.note_counts)
        self.view = ViewSettings.from_settings(saved.settings)
        self.filters = filters  # the saved ones, which found ``first``
        theme = saved.settings.get("theme")
        if isinstance(theme, str) and theme in self.app.available_themes:
            self.app.theme = theme
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        folder = saved.settings.get("export_folder")
        self.export_folder = Path(folder) if isinstance(folder, str) and folder else None
        if saved.last is not None:
            self.positions[saved.last.article_id] = saved.last.scroll

        self.query_one(LoadingPanel).display = False
        self.query_one(FilterBar).disabled = False
        self.query_one("#panes").display = True
        article_list = self.article_list
        self._say_if_empty(library)
        article_list.set_marks(self.bookmarked, self.note_counts)
        article_list.set_script(self.view.script, self.view.forms)
        self.query_one(FilterBar).show_filters(self.filters)
        if self.filters.text:
            self.search_input.value = self.filters.text
        self._filter_generation += 1
        self._show_matches(self._filter_generation, first)  # found from the same saved state
        self.show_pane("list")
        self.query_one(SteadyFooter).release()

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
            self.open_article(article)

    def _reloaded(self, library: Library) -> None:
        """The folder has changed since the cache shown first was written: show it as it is now."""
        self._use_library(library)
        self._last_result = None  # the old library's articles: not to be narrowed
        self._say_if_empty(library)
        self._request_filter()

    def _say_if_empty(self, library: Library) -> None:
        if not library.articles:
            self.article_list.empty_message = ("No articles in this library:", displayable(str(library.root)))

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
        self._filtering = True
        self._run_filter(self._filter_generation, self._query(self.filters))

    def _query(self, filters: Filters) -> ArticleQuery:
        return article_query(filters, self.bookmarked, self.note_counts)

    @work(thread=True, group="filter")
    def _run_filter(self, generation: int, query: ArticleQuery) -> None:
        library = self.library
        assert library is not None  # `_request_filter` starts none without one, and none is ever taken away
        last = self._last_result
        pool = last.matches if last is not None and narrows(last.query, query) else None
        self.app.call_from_thread(self._show_matches, generation, filter_library(library, query, pool))

    def _show_matches(self, generation: int, result: FilterResult) -> None:
        if generation != self._filter_generation:
            return  # a newer filter is on its way
        self._filtering = False
        self._list_result(result)
        self._follow_search_field()

    def _list_result(self, result: FilterResult) -> None:
        self._last_result = result
        if not self._first_listed.is_set():
            self.call_after_refresh(self._first_listed.set)  # once painted: the work it holds back would slow the paint
        self.matches = result.matches
        self.month_counts = result.months
        self.article_list.set_articles(result.matches)
        self.query_one("#month-chart", MonthChart).show_counts(result.months)
        self._show_status()

    def _show_status(self) -> None:
        total = len(self.library.articles) if self.library else 0
        self.query_one(StatusBar).show(len(self.matches), total, self.filters, self.view)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        # Filtered at once unless a filter is running: then when it is done, for whatever has
        # been typed by then. Each key answers as soon as it can, and keys typed faster than
        # the library is filtered are taken together, never queued.
        if not self._filtering:
            self._follow_search_field()

    def _follow_search_field(self) -> None:
        # The field's text now, not the event's: keys typed faster than their events are
        # handled are in the field already, and setting the filters sets the field to their text.
        text = self.search_input.value
        if text != self.filters.text:
            self.set_filters(replace(self.filters, text=text))

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.show_pane("list")

    @on(Button.Pressed, "#regions-button")
    def _regions_pressed(self) -> None:
        self.action_regions()

    @on(Button.Pressed, "#dates-button")
    def _dates_pressed(self) -> None:
        self.action_dates()

    @on(Button.Pressed, "#marked-button")
    def _marked_pressed(self) -> None:
        self.action_cycle_marked_filter()

    # Articles -------------------------------------------------------------------------

    @on(ArticleList.Chosen)
    def _article_chosen(self, event: ArticleList.Chosen) -> None:
        self.open_article(event.article)

    def open_article(self, article: Article, focus_reader: bool = True) -> None:
        """Show an article where it was left; remember where the previous one was left."""
        previous = self.current
        new = previous is None or previous.id != article.id
        if previous is not None and new:
            self._save_position(previous.id)
        self.current = article
        self.article_list.set_open(article.id)
        # The list's cursor follows once the reader shows the article: when the article is far
        # from the cursor, the list paints a whole screen of new rows (40-80 ms in traditional
        # script), which would hold back the article's first screen.
        self._list_follows = article.id
        scroll = self.positions.get(article.id) if new else None
        # An article not seen this session: its saved position is read with its text, off the UI thread.
        self._start_render(article, scroll=scroll, first_screen=new, read_position=new and scroll is None)
        if new:
            self.open_notes = None
            self._load_notes(article)
        if focus_reader:
            if new:
                self.query_one(SteadyFooter).hold()  # the reader's keys once its first screen is painted
            self.show_pane("reader")

    def _save_position(self, article_id: str) -> None:
        """Write where the reader is in ``article_id`` (when leaving it; not on every scroll)."""
        position = self.reader.position_in(article_id)
        if position is not None:
            self.positions[article_id] = position
            self._write(lambda a: a.set_reading_position(article_id, position))

    def _start_render(
        self,
        article: Article,
        scroll: float | None = None,
        keep_paragraph: int | None = None,
        first_screen: bool = False,
        read_position: bool = False,
    ) -> None:
        self._render_generation += 1
        generation = self._render_generation
        cached = self.render_cache.get(article, self.view)
        if cached is not None and not read_position:
            self.call_later(self._show_rendered, generation, article, cached, scroll, keep_paragraph)
            return
        # What fills the reader (the screen, while a narrow terminal still shows the list).
        region = self.reader.scrollable_content_region if self.reader.size.area else self.size
        chars = screenful(region.width, region.height, self.view.pinyin) if first_screen else 0
        self._render_worker(generation, article, self.view, scroll, keep_paragraph, chars, read_position)

    @work(thread=True, group="render")
    def _render_worker(
        self,
        generation: int,
        article: Article,
        view: ViewSettings,
        scroll: float | None,
        keep_paragraph: int | None,
        first_screen_chars: int,
        read_position: bool,
    ) -> None:
        def early(partial: RenderedArticle) -> None:
            self.app.call_from_thread(self._show_rendered, generation, article, partial, None, None)

        rendered = self.render_cache.render(article, view, early if first_screen_chars else None, first_screen_chars)
        # Read after the first screen is up: only the complete rendering scrolls to the position.
        if read_position and self.annotations is not None:
            scroll = self._read_position(self.annotations, article.id)
        self.app.call_from_thread(self._show_rendered, generation, article, rendered, scroll, keep_paragraph)

    def _read_position(self, annotations: Annotations, article_id: str) -> float | None:
        """The saved scroll position of an article (None if none, or the file cannot be read)."""
        try:
            with self._write_lock:
                position = annotations.reading_position(article_id)
        except (DataFileError, OSError):
            return None
        return position.scroll if position is not None else None

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
        try:
            await reader.show(article, rendered, self.view)
        finally:
            self.query_one(SteadyFooter).release()
        if self._list_follows == article.id:
            self._list_follows = None
            self.call_after_refresh(self.article_list.move_to, article.id)
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
        return self.current or self.article_list.highlighted

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
        """Tab: list <-> reader; with the notes panel open, reader <-> panel."""
        if self.focused is self.reader:
            self.show_pane("notes" if self.notes_panel.display else "list")
        else:
            self.show_pane("reader")

    def action_focus_search(self) -> None:
        self.pane = "list"
        self._arrange_panes()
        self.search_input.focus()

    def action_regions(self) -> None:
        if self.library is not None:
            self._count_regions(self._query(self.filters.without_regions()))

    @work(thread=True, exclusive=True, group="dialog")
    def _count_regions(self, query: ArticleQuery) -> None:
        library = self.library
        if library is None:
            return
        from tui.screens.region_screen import count_regions

        # Every region of the library is listed, with 0 if none of the matching articles names it.
        counts = count_regions(region_counts(library, query), region_counts(library, ArticleQuery()))
        self.app.call_from_thread(self._push_regions, counts)

    def _push_regions(self, counts: list[RegionCount]) -> None:
        from tui.screens.region_screen import RegionScreen

        if self.app.screen is not self:
            return
        self.app.push_screen(RegionScreen(counts, self.filters.regions, self.view.script), self._regions_chosen)

    def _regions_chosen(self, chosen: frozenset[str] | None) -> None:
        if chosen is not None and chosen != self.filters.regions:
            self.set_filters(replace(self.filters, regions=chosen))

    def action_dates(self) -> None:
        if self.library is not None:
            self._count_months(self._query(self.filters.without_dates()))

    @work(thread=True, exclusive=True, group="dialog")
    def _count_months(self, query: ArticleQuery) -> None:
        library = self.library
        if library is None:
            return
        counts = months_from_counts(month_counts(library, query))  # the query's dates are left out already
        self.app.call_from_thread(self._push_dates, counts)

    def _push_dates(self, counts: MonthCounts) -> None:
        from tui.screens.date_screen import DateScreen

        if self.app.screen is not self:
            return
        screen = DateScreen(self.filters.since, self.filters.until, counts, self.today())
        self.app.push_screen(screen, self._dates_chosen)

    def _dates_chosen(self, chosen: DateRange | None) -> None:
        if chosen is not None:
            since, until = chosen
            if (since, until) != (self.filters.since, self.filters.until):
                self.set_filters(replace(self.filters, since=since, until=until))

    def action_cycle_marked_filter(self) -> None:
        """All articles -> bookmarked -> with notes -> all."""
        if self.library is not None:
            self.set_filters(self.filters.next_marked())

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
        self._show_notes()
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
        from tui.screens.help import HelpScreen

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

    # Notes ----------------------------------------------------------------------------

    def _load_notes(self, article: Article, with_counts: bool = False) -> None:
        """Read ``article``'s notes (and, after a change, every article's count) in a worker."""
        self._notes_generation += 1
        if self.annotations is None:
            self._notes_loaded(self._notes_generation, place_notes(article, []), None)
            return
        self._notes_worker(self._notes_generation, self.annotations, article, with_counts)

    @work(thread=True, group="notes")
    def _notes_worker(self, generation: int, annotations: Annotations, article: Article, with_counts: bool) -> None:
        try:
            with self._write_lock:
                notes = annotations.notes(article.id)
                counts = annotations.note_counts() if with_counts else None
        except (DataFileError, OSError) as exc:
            self.app.call_from_thread(
                self.notify, displayable(f"Could not read the notes: {exc}"), title="Data file", severity="error"
            )
            return
        self.app.call_from_thread(self._notes_loaded, generation, place_notes(article, notes), counts)

    def _notes_loaded(self, generation: int, notes: PlacedNotes, counts: dict[str, int] | None) -> None:
        if generation != self._notes_generation:
            return  # a newer read is on its way
        counts = dict(self.note_counts if counts is None else counts)
        if notes:
            counts[notes.article_id] = len(notes)
        else:
            counts.pop(notes.article_id, None)
        if counts != self.note_counts:
            self.note_counts = counts
            self.article_list.set_marks(self.bookmarked, self.note_counts)
            if self.filters.with_notes_only:
                self._request_filter()
        if self.current is None or self.current.id != notes.article_id:
            return
        self.open_notes = notes
        self.reader.set_note_marks(notes.article_id, notes.marks())
        self._show_notes()

    def _shown(self, text: str) -> str:
        """Article text in the reader's script."""
        return shown_text(text, self.view.script, self.view.forms)

    def _show_notes(self) -> None:
        self.notes_panel.show_notes(self.open_notes if self.current is not None else None, self._shown)

    def _notes_unavailable(self) -> bool:
        if self.annotations is None:
            self.notify("Notes are unavailable: the data file could not be opened.", severity="error")
            return True
        return False

    def _draft(self, title: str, article: Article, anchor: Anchor, note: Note | None = None) -> NoteDraft:
        from tui.screens.note_editor import NoteDraft, passage_content

        before, passage, after = passage_parts(article.paragraphs, anchor, locate(anchor, article.paragraphs))
        whole = anchor.quote is None
        content = passage_content(self._shown(before), self._shown(passage), self._shown(after), whole)
        if note is None:
            return NoteDraft(title, content)
        return NoteDraft(title, content, note.text, note.tags)

    def _open_editor(self, draft: NoteDraft, article: Article, anchor: Anchor, note_id: str | None = None) -> None:
        from tui.screens.note_editor import NoteEditor

        self._editing = (article, anchor)
        self.app.push_screen(NoteEditor(draft, self._note_saver(article.id, anchor, note_id)), self._note_saved)

    def _note_saver(self, article_id: str, anchor: Anchor, note_id: str | None) -> SaveNote:
        """The editor's save: add the note, or update ``note_id`` (re-adding it if it was deleted meanwhile)."""
        annotations = self.annotations
        assert annotations is not None

        def save(text: str, tags: tuple[str, ...]) -> Note:
            with self._write_lock:
                if note_id is not None:
                    try:
                        return annotations.update_note(note_id, text=text, tags=tags)
                    except NoteNotFoundError:
                        pass  # deleted by another process while being edited: keep the text as a new note
                return annotations.add_note(article_id, anchor, text, tags)

        return save

    def _note_saved(self, note: Note | None) -> None:
        """The editor closed: with the note as saved (on disk already), or None when cancelled."""
        self._editing = None
        if note is None:
            return
        self.clear_selection()
        self.notify("Note saved." if self.notes_panel.display else "Note saved. N lists this article's notes.", timeout=4)
        if self.current is not None and self.current.id == note.article_id:
            self._load_notes(self.current, with_counts=True)
            self.call_after_refresh(self.notes_panel.highlight, note.id)

    def action_new_note(self) -> None:
        """A note on the text selected in the reader, else on the paragraph at the top of the reader."""
        article, rendered = self.current, self.reader.rendered
        if article is None or rendered is None or rendered.article_id != article.id:
            self.notify("Open an article first (enter in the list), then press n.", severity="warning")
            return
        if self._notes_unavailable():
            return
        if not article.paragraphs:
            self.notify("This article has no paragraphs to annotate.", severity="warning")
            return
        selected = [
            (view, span)
            for view in self.reader.paragraph_views
            if view.index != TITLE_INDEX and (span := view.selected_span()) is not None
        ]
        if selected:
            view, (start, end) = selected[0]
            anchor = selection_anchor(article.paragraphs, view.index, view.paragraph.shown, start, end)
            if len(selected) > 1:
                self.notify(f"A note covers one paragraph: using the selection in paragraph {view.index + 1}.")
        else:
            top = self.reader.top_paragraph()
            index = min(max(top if top is not None else 0, 0), len(article.paragraphs) - 1)
            anchor = anchor_paragraph(article.paragraphs, index)
        kind = "passage in paragraph" if anchor.quote is not None else "paragraph"
        self._open_editor(self._draft(f"New note · {kind} {anchor.paragraph + 1}", article, anchor), article, anchor)

    def action_toggle_notes_panel(self) -> None:
        """Show the notes panel (and focus it), or close it and go back to the reader."""
        if self.notes_panel.display:
            self.notes_panel.display = False
            self.show_pane("reader")
        else:
            self._show_notes()
            self.show_pane("notes")

    def _placed(self, note_id: str) -> tuple[Article, PlacedNote] | None:
        """The open article and one of its notes, as listed in the panel."""
        placed = self.open_notes.find(note_id) if self.open_notes is not None else None
        if placed is None or self.current is None:
            return None
        return self.current, placed

    @on(NotesPanel.GoTo)
    def _go_to_note(self, event: NotesPanel.GoTo) -> None:
        found = self._placed(event.note_id)
        if found is None:
            return
        _, placed = found
        if placed.location is None:
            self.notify("This note's passage is no longer in the article; the note is kept as saved.", timeout=5)
            return
        if self.has_class("-narrow"):
            self.show_pane("reader")
        self.reader.scroll_to_paragraph(placed.location.paragraph)

    @on(NotesPanel.EditNote)
    def _edit_note(self, event: NotesPanel.EditNote) -> None:
        found = self._placed(event.note_id)
        if found is None or self._notes_unavailable():
            return
        article, placed = found
        note = placed.note
        paragraph = placed.location.paragraph if placed.location is not None else note.paragraph
        title = f"Edit note · {'passage in ' if placed.is_passage else ''}paragraph {paragraph + 1}"
        self._open_editor(self._draft(title, article, note.anchor, note), article, note.anchor, note.id)

    @on(NotesPanel.DeleteNote)
    def _delete_note(self, event: NotesPanel.DeleteNote) -> None:
        found = self._placed(event.note_id)
        if found is None or self._notes_unavailable():
            return
        article, placed = found
        note = placed.note
        quote = f"「{self._shown(note.quote)}」\n" if note.quote is not None else ""
        detail = displayable(f"{quote}{first_line(note.text)}\n\nThe note is deleted for good.")

        def answered(delete: bool | None) -> None:
            if delete:
                self._write(
                    lambda a: _delete_if_there(a, note.id),
                    lambda deleted: self._note_deleted(article, deleted),
                    failure="Could not delete the note",
                )

        self.app.push_screen(ConfirmScreen("Delete this note?", detail, confirm="Delete"), answered)

    def _note_deleted(self, article: Article, deleted: bool) -> None:
        self.notify("Note deleted." if deleted else "That note had already been deleted.", timeout=3)
        if self.current is not None and self.current.id == article.id:
            self._load_notes(self.current, with_counts=True)

    @on(NotesPanel.Close)
    def _close_notes_panel(self) -> None:
        self.action_toggle_notes_panel()

    def action_export_notes(self) -> None:
        """Export the open (or highlighted) article's notes to a Markdown file chosen in a dialog."""
        article = self._target_article()
        if article is None:
            self.notify("No article to export.", severity="warning")
            return
        if self._notes_unavailable():
            return
        count = self.note_counts.get(article.id, 0)
        if not count:
            self.notify("This article has no notes to export (n adds one).", severity="warning")
            return
        summary = (
            f"{count} note{'s' if count != 1 else ''} of {displayable(article.id)}. "
            f"Titles and passages in {self.view.describe_script()}, as in the reader; note text exactly as written."
        )
        from tui.screens.export_screen import ExportScreen, default_export_path

        screen = ExportScreen(default_export_path(article.id, self.export_folder), summary, self.view.pinyin != "off")
        self.app.push_screen(screen, lambda choice: self._export_chosen(article, choice))

    def _export_chosen(self, article: Article, choice: ExportChoice | None) -> None:
        if choice is not None and self.annotations is not None:
            self._export_worker(self.annotations, article, choice, self.view)

    @work(thread=True, group="export")
    def _export_worker(self, annotations: Annotations, article: Article, choice: ExportChoice, view: ViewSettings) -> None:
        from tui.notes_file import ExportFailed, write_notes_file

        try:
            with self._write_lock:
                notes = annotations.notes(article.id)
            write_notes_file(article, notes, choice, view)
        except (ExportFailed, DataFileError, OSError) as exc:
            self.app.call_from_thread(self._export_failed, str(exc))
        else:
            self.app.call_from_thread(self._exported, choice.path, len(notes))

    def _export_failed(self, reason: str) -> None:
        self.notify(displayable(f"Nothing exported: {reason}"), title="Export", severity="error", timeout=10)

    def _exported(self, path: Path, count: int) -> None:
        self.notify(displayable(f"Exported {count} note{'s' if count != 1 else ''} to {path}"), title="Export", timeout=8)
        if path.parent != self.export_folder:
            self.export_folder = path.parent
            folder = str(path.parent)
            self._write(lambda a: a.set_setting("export_folder", folder))

    # Quitting -------------------------------------------------------------------------

    def action_quit_reader(self) -> None:
        self.save_and_exit()

    def save_and_exit(self, rescue_draft: bool = False, terminal_gone: bool = False) -> None:
        """Save where the reader is, then exit (q, ctrl+q, SIGTERM, SIGHUP).

        With ``rescue_draft`` (a signal: nobody is there to answer a question),
        text typed in an open note editor is saved as a note tagged "unsaved".
        With ``terminal_gone`` the process ends as soon as that is on disk,
        without waiting for the app (which may be stuck writing to no terminal).
        """
        if self.exiting:
            return
        self.exiting = True
        if self.annotations is None or self.library is None:
            self.app.exit()
            return
        position = None
        if self.current is not None and (scroll := self.reader.position_in(self.current.id)) is not None:
            position = (self.current.id, scroll)
        draft = self._unsaved_draft() if rescue_draft else None
        self._save_and_exit(self.annotations, position, self.filters.to_settings(), draft, terminal_gone)

    def _unsaved_draft(self) -> tuple[str, Anchor, str, tuple[str, ...]] | None:
        from tui.screens.note_editor import NoteEditor

        editor = next((s for s in self.app.screen_stack if isinstance(s, NoteEditor)), None)
        if editor is None or self._editing is None or not editor.has_unsaved_changes or not editor.text.strip():
            return None
        article, anchor = self._editing
        return article.id, anchor, editor.text, (*editor.tags, UNSAVED_TAG)

    @work(thread=True, group="write")
    def _save_and_exit(
        self,
        annotations: Annotations,
        position: tuple[str, float] | None,
        filters: dict[str, Any],
        draft: tuple[str, Anchor, str, tuple[str, ...]] | None,
        terminal_gone: bool,
    ) -> None:
        message = None
        try:
            with self._write_lock:
                if draft is not None:
                    article_id, anchor, text, tags = draft
                    annotations.add_note(article_id, anchor, text, tags)
                if position is not None:
                    annotations.set_reading_position(*position)
                annotations.set_setting("filters", filters)
        except (DataFileError, OSError) as exc:
            message = displayable(f"zhreader: could not save on the way out: {exc}")
        if terminal_gone:
            os._exit(0 if message is None else 1)  # every write above is already on disk
        self.app.call_from_thread(self.app.exit, None, 0, message)


def _delete_if_there(annotations: Annotations, note_id: str) -> bool:
    """Delete a note; False if another process already had."""
    try:
        annotations.delete_note(note_id)
    except NoteNotFoundError:
        return False
    return True
