"""The filter bar: search as you type, region and date buttons, the month chart, bookmarked only."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input

from tui.filters import Filters
from tui.widgets.month_chart import MonthChart


def _button(label: str, id: str) -> Button:
    button = Button(Content(label), id=id, compact=True)
    # Reached by their keys (r, d, B) or the mouse; tab moves between panes only.
    button.can_focus = False
    return button


class FilterBar(Horizontal):
    """One row of filters; the main screen reacts to its Input and Button messages."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search (/)", id="search", compact=True)
        yield _button("Regions: all", "regions-button")
        yield _button("Dates: all", "dates-button")
        yield MonthChart(id="month-chart")
        yield _button("☆ All", "bookmarked-button")

    def show_filters(self, filters: Filters) -> None:
        """Label the buttons with the active filters (the search box holds its own text)."""
        self.query_one("#regions-button", Button).label = Content(f"Regions: {filters.describe_regions()}")
        self.query_one("#dates-button", Button).label = Content(f"Dates: {filters.describe_dates()}")
        bookmarked = self.query_one("#bookmarked-button", Button)
        bookmarked.label = Content("★ Bookmarked" if filters.bookmarked_only else "☆ All")
        bookmarked.set_class(filters.bookmarked_only, "-active")
        self.query_one("#regions-button").set_class(bool(filters.regions), "-active")
        self.query_one("#dates-button").set_class(bool(filters.since or filters.until), "-active")
