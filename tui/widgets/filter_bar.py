"""The filter bar: search as you type, region and date buttons, the month chart, all / bookmarked / with notes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button

from tui.filters import Filters
from tui.widgets.month_chart import MonthChart
from tui.widgets.search_input import SearchInput


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
        yield SearchInput(placeholder="Search (/)", id="search", compact=True)
        yield _button("Regions: all", "regions-button")
        yield _button("Dates: all", "dates-button")
        yield MonthChart(id="month-chart")
        yield _button("☆ All", "marked-button")

    def show_filters(self, filters: Filters) -> None:
        """Label the buttons with the active filters (the search box holds its own text)."""
        self._label("#regions-button", f"Regions: {filters.describe_regions()}", bool(filters.regions))
        self._label("#dates-button", f"Dates: {filters.describe_dates()}", bool(filters.since or filters.until))
        self._label("#marked-button", marked_label(filters), filters.bookmarked_only or filters.with_notes_only)

    def _label(self, selector: str, label: str, active: bool) -> None:
        # Only a change: a new label lays the screen out again, and a search key changes none.
        button = self.query_one(selector, Button)
        button.set_class(active, "-active")
        if str(button.label) != label:
            button.label = Content(label)
            button.refresh(layout=True)  # a new label does not resize a button by itself
