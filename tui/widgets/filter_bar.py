"""The filter bar: search as you type, region and date buttons, the month chart, all / bookmarked / with notes."""

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


def marked_label(filters: Filters) -> str:
    """The label of the button that `B` cycles."""
    if filters.bookmarked_only and filters.with_notes_only:
        return "★✎ Bookmarked, with notes"
    if filters.bookmarked_only:
        return "★ Bookmarked"
    if filters.with_notes_only:
        return "✎ With notes"
    return "☆ All"


class FilterBar(Horizontal):
    """One row of filters; the main screen reacts to its Input and Button messages."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search (/)", id="search", compact=True)
        yield _button("Regions: all", "regions-button")
        yield _button("Dates: all", "dates-button")
        yield MonthChart(id="month-chart")
        yield _button("☆ All", "marked-button")

    def show_filters(self, filters: Filters) -> None:
        """Label the buttons with the active filters (the search box holds its own text)."""
        self.query_one("#regions-button", Button).label = Content(f"Regions: {filters.describe_regions()}")
        self.query_one("#dates-button", Button).label = Content(f"Dates: {filters.describe_dates()}")
        marked = self.query_one("#marked-button", Button)
        marked.label = Content(marked_label(filters))
        marked.set_class(filters.bookmarked_only or filters.with_notes_only, "-active")
        self.query_one("#regions-button").set_class(bool(filters.regions), "-active")
        self.query_one("#dates-button").set_class(bool(filters.since or filters.until), "-active")
        # A new label does not resize a button by itself (the width is measured at layout time).
        for button in self.query(Button):
            button.refresh(layout=True)
