"""The reading pane: title, metadata and one ParagraphView per paragraph.

One widget per paragraph keeps mouse selection per paragraph (a selection
maps to a paragraph index and its exact text, which notes anchor to) while
Textual paints only what is on screen.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from store.article import Article
from tui.article_notes import ParagraphMarks
from tui.article_render import RenderedArticle
from tui.keymap import READER_BINDINGS
from tui.safe_text import displayable
from tui.view_settings import ViewSettings
from tui.widgets.paragraph_view import NO_MARKS, NOTE_STYLE, PINYIN_STYLE, READING_STYLE, TONE_STYLES, ParagraphView

EMPTY_MESSAGE = "No article open. Choose one in the list and press enter."


def metadata_content(article: Article, rendered: RenderedArticle) -> Content:
    """Date, source, people and regions as plain data (never markup)."""
    parts: list[str | tuple[str, str]] = []

    def field(label: str, value: str) -> None:
        if parts:
            parts.append("\n")
        parts.append((f"{label} ", "dim"))
        parts.append(value)

    if article.date:
        when = article.date.isoformat()
        if article.date_end:
            when += f" – {article.date_end.isoformat()}"
        if article.time:
            when += f" {article.time}"
        if article.date_derived:
            when += " (derived)"
        field("Date", when)
    if rendered.source:
        field("Source", rendered.source)
    if rendered.authors:
        field("By", "、".join(rendered.authors))
    if rendered.editors:
        field("Editors", "、".join(rendered.editors))
    if article.regions:
        field(
            "Regions",
            "  ".join(f"{name} {region.code}" for name, region in zip(rendered.regions, article.regions)),
        )
    field("ID", displayable(article.id))
    return Content.assemble(*parts)


class ReaderView(VerticalScroll, can_focus=True):
    """Shows one rendered article; keeps its widgets when only the mode changes."""

    BINDINGS = READER_BINDINGS
    COMPONENT_CLASSES = {PINYIN_STYLE, READING_STYLE, NOTE_STYLE, *TONE_STYLES.values()}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.rendered: RenderedArticle | None = None
        self._pending_scroll: float | None = None
        # Note marks and the article they belong to (they may arrive before or after its text).
        self._marks: tuple[str | None, dict[int, ParagraphMarks]] = (None, {})
        # The paragraph widgets of the shown article, including any still being mounted.
        self._views: list[ParagraphView] = []

    def compose(self):
        yield Static(Content(EMPTY_MESSAGE), id="reader-empty")
        yield Static(id="reader-meta")

    def on_mount(self) -> None:
        self.query_one("#reader-meta").display = False

    @property
    def paragraph_views(self) -> list[ParagraphView]:
        return list(self.query_children(ParagraphView))

    @property
    def title_text(self) -> str:
        """The title as shown (in the current script), or '' when nothing is open."""
        return self.rendered.title.shown if self.rendered else ""

    async def show(self, article: Article, rendered: RenderedArticle, view: ViewSettings) -> None:
        """Show ``rendered``; reuse paragraph widgets when the same article is shown again."""
        same_article = self.article is not None and self.article.id == article.id
        self.article = article
        self.rendered = rendered
        self.query_one("#reader-empty").display = False
        meta = self.query_one("#reader-meta", Static)
        meta.update(metadata_content(article, rendered))
        meta.display = True
        wanted = [rendered.title, *rendered.paragraphs]
        views = self.paragraph_views
        if not same_article:
            self._pending_scroll = None
            self._views = []
            await self.remove_children(ParagraphView)
            views = []
            self.scroll_home(animate=False)
        for paragraph_view, paragraph in zip(views, wanted):
            paragraph_view.update_paragraph(paragraph, view.pinyin, view.tone_colours)
        if len(views) > len(wanted):
            await self.remove_children(views[len(wanted) :])
        new = [ParagraphView(p, view.pinyin, view.tone_colours, styles_from=self) for p in wanted[len(views) :]]
        self._views = [*views[: len(wanted)], *new]
        marks = self._marks_for(article.id)
        for paragraph_view in self._views:
            paragraph_view.set_marks(marks.get(paragraph_view.index, NO_MARKS))
        if new:
            title_first = not views
            if title_first:
                await self.mount(new[0], before=meta)
                new = new[1:]
            if new:
                await self.mount_all(new)

    def set_note_marks(self, article_id: str, marks: dict[int, ParagraphMarks]) -> None:
        """Mark notes of article ``article_id`` (now if it is shown, else when it is)."""
        self._marks = (article_id, marks)
        if self.article is not None and self.article.id == article_id:
            for paragraph_view in self._views:
                paragraph_view.set_marks(marks.get(paragraph_view.index, NO_MARKS))

    def _marks_for(self, article_id: str) -> dict[int, ParagraphMarks]:
        marked_id, marks = self._marks
        return marks if marked_id == article_id else {}

    async def clear(self) -> None:
        """Back to the empty state."""
        self.article = None
        self.rendered = None
        self._views = []
        await self.remove_children(ParagraphView)
        self.query_one("#reader-meta").display = False
        self.query_one("#reader-empty").display = True

    def restore_scroll(self, y: float) -> None:
        """Scroll to ``y`` as soon as the article is laid out that far (paragraphs mount over a few frames)."""
        self._pending_scroll = y
        self.call_after_refresh(self._apply_pending_scroll)

    def _apply_pending_scroll(self) -> None:
        if self._pending_scroll is not None and self.max_scroll_y >= self._pending_scroll:
            self.scroll_to(y=self._pending_scroll, animate=False, immediate=True)
            self._pending_scroll = None

    def watch_virtual_size(self) -> None:
        if self._pending_scroll is not None:
            self.call_after_refresh(self._apply_pending_scroll)

    def position_in(self, article_id: str) -> float | None:
        """The scroll position to remember for ``article_id``: where the reader is, or is about to be.

        None when another article is shown (or none).
        """
        if self.article is None or self.article.id != article_id:
            return None
        if self._pending_scroll is not None and self.scroll_y == 0:
            return self._pending_scroll  # not laid out that far yet, and not moved by the reader
        return self.scroll_y

    def top_paragraph(self) -> int | None:
        """Index of the first paragraph visible at the top of the pane (None before any)."""
        top = self.scroll_offset.y
        for paragraph_view in self.paragraph_views:
            if paragraph_view.virtual_region.bottom > top:
                return paragraph_view.index
        return None

    def scroll_to_paragraph(self, index: int) -> None:
        """Put paragraph ``index`` at the top of the pane."""
        for paragraph_view in self.paragraph_views:
            if paragraph_view.index == index:
                self.scroll_to_widget(paragraph_view, animate=False, top=True)
                return

    # Keys scroll without animation: a burst of key repeats must add up, line for line.
    def action_scroll_down(self) -> None:
        self.scroll_to(y=self.scroll_target_y + 1, animate=False, immediate=True)

    def action_scroll_up(self) -> None:
        self.scroll_to(y=self.scroll_target_y - 1, animate=False, immediate=True)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)
