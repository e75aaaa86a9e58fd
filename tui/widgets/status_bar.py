"""The status line: how many articles match, the active filters, the script and the pinyin mode."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from tui.filters import Filters
from tui.safe_text import displayable
from tui.view_settings import ViewSettings


def filters_summary(shown: int, total: int, filters: Filters) -> Content:
    """'3 of 5 articles · 重庆 · 2024-01-01 – 2024-12-31 · “科技” · ★ only'."""
    parts: list[str | tuple[str, str]] = [(f"{shown:,} of {total:,} articles", "bold")]
    if filters.regions:
        parts.append(f" · {filters.describe_regions()}")
    if filters.since or filters.until:
        parts.append(f" · {filters.describe_dates()}")
    if filters.text.strip():
        parts.append(f" · “{displayable(filters.text.strip())}”")
    if filters.bookmarked_only:
        parts.append(" · ★ only")
    if filters.with_notes_only:
        parts.append(" · ✎ only")
    return Content.assemble(*parts)


def view_summary(view: ViewSettings) -> Content:
    """'script simplified  pinyin above, tone marks'.

    Each space ends a run of text rather than starting one: screenshot
    renderers (rsvg) drop a run's leading spaces, which showed "scriptoriginal".
    """
    return Content.assemble(
        ("script ", "dim"), f"{view.describe_script()}  ", ("pinyin ", "dim"), view.describe_pinyin()
    )


class StatusBar(Horizontal):
    """Filters on the left, script and pinyin on the right."""

    def compose(self) -> ComposeResult:
        yield Static(id="status-filters")
        yield Static(id="status-view")

    def show(self, shown: int, total: int, filters: Filters, view: ViewSettings) -> None:
        # The filters' side is one line as wide as what the view's side leaves (see the
        # stylesheet), whatever it says: a new summary is painted without a layout.
        self._update("#status-filters", filters_summary(shown, total, filters), layout=False)
        self._update("#status-view", view_summary(view), layout=True)

    def _update(self, selector: str, content: Content, layout: bool) -> None:
        # Only a change: a layout costs a full repaint of the screen, and a search key changes one side.
        status = self.query_one(selector, Static)
        if status.visual != content:
            status.update(content, layout=layout)

    def show_loading(self, message: str) -> None:
        self.query_one("#status-filters", Static).update(Content(message))
