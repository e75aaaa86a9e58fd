"""The article list: a virtual list on Textual's line API.

It holds the matching articles as a plain Python list and paints only the
rows on screen (``render_line``), so 100,000 articles cost no more widgets
than five. Changing the filter replaces the list and repaints what is visible.
"""

from __future__ import annotations

from collections.abc import Callable
from math import ceil

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from store.article import Article
from store.display_script import DisplayScript, TraditionalForms
from store.gazetteer import PROVINCES
from store.library import index_of_id
from tui.article_render import shown_title
from tui.keymap import LIST_BINDINGS
from tui.safe_text import displayable

_PROVINCES = {p.code: p for p in PROVINCES}

BOOKMARK_MARK = "★"
NOTE_MARK = "✎"
REGION_CELLS = 6
SOURCE_CELLS = 12
SOURCE_MIN_WIDTH = 70  # narrower lists leave the source out


def fit(text: str, width: int) -> str:
    """``text`` cut or padded to exactly ``width`` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    # A wide character that does not fit leaves a padding space: keep it after the ellipsis.
    cut = set_cell_size(text, width - 1).rstrip()
    return cut + "…" + " " * (width - 1 - cell_len(cut))


def bar_cells(bar: ScrollBar, virtual_size: int, window_size: int) -> list[Segment]:
    """The cells ``bar`` draws for a view of ``window_size`` rows of ``virtual_size``, at its position and colours."""
    # As ScrollBar._render_bar passes them (a window as large as the whole shows no thumb).
    return list(
        bar.renderer.render_bar(
            size=bar.size.height if bar.vertical else bar.size.width,
            virtual_size=ceil(virtual_size),
            window_size=ceil(window_size) if window_size < virtual_size else 0,
            position=bar.position,
            thickness=bar.thickness,
            vertical=bar.vertical,
        ).segments
    )


def region_label(article: Article, script: DisplayScript) -> str:
    """The primary region's short name in the displayed script."""
    region = article.primary_region
    if region is None:
        return ""
    province = _PROVINCES.get(region.code)
    if province is None or script == "original":
        return displayable(region.name)
    return province.short if script == "simplified" else province.short_traditional


class ArticleList(ScrollView, can_focus=True):
    """Date, primary region, title, source, bookmark mark and note count of each matching article."""

    BINDINGS = LIST_BINDINGS

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--cursor-blurred",
        "article-list--date",
        "article-list--region",
        "article-list--source",
        "article-list--mark",
        "article-list--notes",
        "article-list--open",
        "article-list--empty",
    }

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor moved to an article."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    class Chosen(Message):
        """An article was chosen with enter or a click."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.articles: list[Article] = []
        # Finds an article in the list by id (-1: not listed); the screen gives one that asks the
        # library, which knows a fresh result's members without a loop over 100,000 articles.
        self.locate: Callable[[list[Article], str], int] = index_of_id
        self.loaded = False  # False until the library has loaded: no empty-state message before
        self.empty_message: tuple[str, ...] = ("No articles match these filters.", "Press escape to clear them.")
        self.bookmarked: set[str] = set()
        self.note_counts: dict[str, int] = {}
        self.open_id: str | None = None
        self.script: DisplayScript = "original"
        self.forms: TraditionalForms = "hk"
        # Painted rows, by everything a row shows (see `_row_key`): moving the cursor, opening an
        # article or a new filter repaints the rows on screen from here, not from scratch.
        self._rows: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._styles_changed = True
        self._row_styles: tuple[Style, ...] = ()

    # Content -------------------------------------------------------------------------

    @property
    def highlighted(self) -> Article | None:
        if 0 <= self.cursor < len(self.articles):
            return self.articles[self.cursor]
        return None

    def set_articles(self, articles: list[Article]) -> None:
        """Show these articles; the cursor stays on the same article (or the open one) when it is listed.

        The list is kept, not copied (a copy of 100,000 takes milliseconds): do not change it afterwards.
        """
        current = self.highlighted
        keep = current.id if current is not None else self.open_id
        self.articles = articles
        self.loaded = True
        index = max(self.locate(articles, keep), 0) if keep is not None else 0
        self._set_length(len(self.articles))
        # The painted rows stay: a row depends on its article, not on the list (a new filter
        # mostly lists the same articles at the top).
        self.cursor = index
        self.refresh()

    def _set_length(self, rows: int) -> None:
        """Make the list ``rows`` long without laying out the screen, unless the scroll bar comes or goes.

        Setting ``virtual_size`` lays out the whole screen, and then paints all
        of it again (15-25 ms at 160x45, most of a search key's time). The list's
        own size does not depend on its length: updating the bar (which asks for
        a layout itself when it must appear or go) and repainting the list is enough
        (the caller repaints it). The bar is repainted only when it looks
        different: painting it took 4-8 ms of each search key, and with the
        cursor at the top of thousands of articles its thumb is the same one
        cell whatever their number.
        """
        size = Size(0, rows)
        if size == self.virtual_size:
            return
        self.set_reactive(ArticleList.virtual_size, size)
        # What Textual's `_scroll_update` does for a new virtual size, but for the repaint.
        self._refresh_scrollbars()
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            window = self.container_size.height - self.scrollbar_size_horizontal
            looks_different = bar_cells(bar, rows, window) != bar_cells(bar, bar.window_virtual_size, bar.window_size)
            bar.set_reactive(ScrollBar.window_virtual_size, rows)
            bar.set_reactive(ScrollBar.window_size, window)
            if looks_different:
                bar.refresh()
        self.scroll_y = self.validate_scroll_y(self.scroll_y)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Textual's layout passes a line-API widget its visible region as its virtual size, which
        # never equals the list's (its rows): every layout of the screen, one at each key typed in
        # the search field, would update the scroll bar and repaint it (5-10 ms, a frame later).
        # The list's length is handed to the bar by `_set_length`; a new size still updates it.
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def set_marks(self, bookmarked: set[str], note_counts: dict[str, int]) -> None:
        self.bookmarked = bookmarked
        self.note_counts = note_counts
        self.refresh()

    def set_script(self, script: DisplayScript, forms: TraditionalForms) -> None:
        self.script = script
        self.forms = forms
        self._rows.clear()
        self.refresh()

    def set_open(self, article_id: str | None) -> None:
        previous, self.open_id = self.open_id, article_id
        # Only the rows that change: a refresh of the whole list costs 10-15 ms of the
        # UI thread while the article being opened is parsed on another.
        for changed in {previous, article_id} - {None}:
            index = self.locate(self.articles, changed)
            if index >= 0:
                self.refresh_line(index)

    def move_to(self, article_id: str) -> bool:
        """Put the cursor on an article; False if it is not listed."""
        position = self.locate(self.articles, article_id)
        if position < 0:
            return False
        self.cursor = position
        return True

    # Cursor --------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.articles) - 1)) if self.articles else 0

    def watch_cursor(self, old: int, new: int) -> None:
        if self.articles:
            self.scroll_to_region(Region(0, new, 1, 1), animate=False, force=True, immediate=True)
            self.post_message(self.Highlighted(self.articles[new]))
        self.refresh()

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.cursor += max(self.scrollable_content_region.height - 1, 1)

    def action_page_up(self) -> None:
        self.cursor -= max(self.scrollable_content_region.height - 1, 1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.articles) - 1

    def action_open(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Chosen(self.highlighted))

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + self.scroll_offset.y
        if 0 <= index < len(self.articles):
            self.cursor = index
            self.post_message(self.Chosen(self.articles[index]))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles_changed = True

    # Painting ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        # The widget's style is read only where a row needs it: it is worked out again at every
        # read (through the ancestors), a quarter of the time of a painted row kept in `_rows`.
        if not self.articles:
            if self.loaded and 1 <= y <= len(self.empty_message):
                style = self.rich_style + self.get_component_rich_style("article-list--empty")
                return Strip([Segment(fit("  " + self.empty_message[y - 1], width), style)], width)
            return Strip.blank(width, self.rich_style)
        if index >= len(self.articles):
            return Strip.blank(width, self.rich_style)
        if self._styles_changed:
            self._check_row_styles()
        article = self.articles[index]
        is_cursor = index == self.cursor
        key = self._row_key(article, width, is_cursor)
        strip = self._rows.get(key)
        if strip is None:
            strip = self._paint_row(article, width, is_cursor)
            self._rows[key] = strip
        return strip

    def _row_key(self, article: Article, width: int, is_cursor: bool) -> tuple[object, ...]:
        """Everything ``_paint_row`` reads, but the styles (a change of those empties the cache)."""
        article_id = article.id
        return (
            article_id,
            width,
            is_cursor,
            is_cursor and self.has_focus,  # only the cursor row looks different with focus
            article_id == self.open_id,
            article_id in self.bookmarked,
            self.note_counts.get(article_id, 0),
        )

    def _check_row_styles(self) -> None:
        """Forget the painted rows if their styles changed (a theme); a change of focus changes only the border."""
        self._styles_changed = False
        styles = (self.rich_style, *map(self.get_component_rich_style, sorted(self.COMPONENT_CLASSES)))
        if styles != self._row_styles:
            self._row_styles = styles
            self._rows.clear()

    def _paint_row(self, article: Article, width: int, is_cursor: bool) -> Strip:
        base = self.rich_style
        if is_cursor:
            base += self.get_component_rich_style("article-list--cursor" if self.has_focus else "article-list--cursor-blurred")
        notes = self.note_counts.get(article.id, 0)
        show_source = width >= SOURCE_MIN_WIDTH
        title_cells = width - 2 - 11 - (REGION_CELLS + 1) - 5 - ((SOURCE_CELLS + 1) if show_source else 0)

        # The focused cursor row is one colour: column colours would fight its background.
        plain_row = is_cursor and self.has_focus

        def part(text: str, component: str | None = None) -> Segment:
            if component is None or (plain_row and component != "article-list--mark"):
                return Segment(text, base)
            return Segment(text, base + self._foreground(component))

        title_style = "article-list--open" if article.id == self.open_id and not is_cursor else None
        segments = [
            part(BOOKMARK_MARK if article.id in self.bookmarked else " ", "article-list--mark"),
            part(" "),
            part(fit(article.date.isoformat() if article.date else "", 10), "article-list--date"),
            part(" "),
            part(fit(region_label(article, self.script), REGION_CELLS), "article-list--region"),
            part(" "),
            part(fit(shown_title(article.title, self.script, self.forms), title_cells), title_style),
        ]
        if show_source:
            source = shown_title(article.source, self.script, self.forms) if article.source else ""
            segments += [part(" "), part(fit(source, SOURCE_CELLS), "article-list--source")]
        note_label = f"{NOTE_MARK}{notes}" if notes else ""
        segments.append(part(" " * (5 - cell_len(note_label)) + note_label, "article-list--notes"))
        return Strip(segments).adjust_cell_length(width, base)

    def _foreground(self, component: str) -> Style:
        """A component's colour and text style, without its background (the row keeps its own).

        The full style, not the partial one: colours such as $text-muted are
        translucent and only become a real colour blended over the background.
        """
        full = self.get_component_rich_style(component)
        return Style(color=full.color, bold=full.bold, italic=full.italic, underline=full.underline)

    def row_text(self, index: int) -> str:
        """The plain text of a row as painted (for tests and accessibility)."""
        width = self.scrollable_content_region.width
        return self._paint_row(self.articles[index], width, False).text
