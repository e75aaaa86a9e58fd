"""The date filter: from and to typed as YYYY-MM-DD, quick presets, and articles per month."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from store.dates import parse_user_date
from tui.filters import last_30_days, this_year
from tui.widgets.month_chart import MonthChart, MonthCounts

DateRange = tuple[dt.date | None, dt.date | None]


def read_range(since_text: str, until_text: str) -> tuple[DateRange | None, str]:
    """The typed range, or None and a message saying what is wrong (empty means open-ended)."""
    values: list[dt.date | None] = []
    for label, text in (("From", since_text), ("To", until_text)):
        if not text.strip():
            values.append(None)
            continue
        try:
            values.append(parse_user_date(text))
        except ValueError as exc:
            return None, f"{label}: {exc}"
    since, until = values
    if since and until and since > until:
        return None, f"From ({since.isoformat()}) is after To ({until.isoformat()})"
    return (since, until), ""


class DateScreen(ModalScreen[DateRange | None]):
    """Dismisses with (since, until), either may be None; or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dates.cancel"),
        Binding("ctrl+t", "preset('30')", "Last 30 days", id="dates.last-30-days"),
        Binding("ctrl+y", "preset('year')", "This year", id="dates.this-year"),
        Binding("ctrl+l", "preset('all')", "All dates", id="dates.all"),
    ]

    def __init__(self, since: dt.date | None, until: dt.date | None, counts: MonthCounts, today: dt.date) -> None:
        super().__init__()
        self.since = since
        self.until = until
        self.counts = counts
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="date-dialog") as dialog:
            dialog.border_title = "Dates"
            with Horizontal(classes="date-row"):
                yield Label("From ")
                yield Input(
                    self.since.isoformat() if self.since else "",
                    placeholder="YYYY-MM-DD",
                    id="date-since",
                    compact=True,
                    max_length=10,
                )
                yield Label("  To ")
                yield Input(
                    self.until.isoformat() if self.until else "",
                    placeholder="YYYY-MM-DD",
                    id="date-until",
                    compact=True,
                    max_length=10,
                )
            yield Static(Content("Empty means no limit. Enter applies, escape cancels."), id="date-feedback")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content("Last 30 days ^T"), id="preset-30", compact=True)
                yield Button(Content("This year ^Y"), id="preset-year", compact=True)
                yield Button(Content("All dates ^L"), id="preset-all", compact=True)
            yield MonthChart(id="date-chart")
            yield Static(Content(self.counts.describe()), id="date-chart-label")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content("Apply"), id="date-apply", variant="primary", compact=True)
                yield Button(Content("Cancel"), id="date-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#date-chart", MonthChart).show_counts(self.counts)
        self.query_one("#date-since", Input).focus()

    def _typed(self) -> tuple[DateRange | None, str]:
        return read_range(self.query_one("#date-since", Input).value, self.query_one("#date-until", Input).value)

    @on(Input.Changed)
    def _check(self) -> None:
        found, problem = self._typed()
        feedback = self.query_one("#date-feedback", Static)
        feedback.set_class(found is None, "-invalid")
        feedback.update(Content(problem or "Empty means no limit. Enter applies, escape cancels."))

    @on(Input.Submitted)
    @on(Button.Pressed, "#date-apply")
    def action_apply(self) -> None:
        found, problem = self._typed()
        if found is None:
            self.app.bell()
            self.notify(problem, severity="error", timeout=4)
            return
        self.dismiss(found)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_preset(self, name: str) -> None:
        if name == "30":
            self.dismiss(last_30_days(self.today))
        elif name == "year":
            self.dismiss(this_year(self.today))
        else:
            self.dismiss((None, None))

    @on(Button.Pressed, "#preset-30")
    def _last_30_days(self) -> None:
        self.action_preset("30")

    @on(Button.Pressed, "#preset-year")
    def _this_year(self) -> None:
        self.action_preset("year")

    @on(Button.Pressed, "#preset-all")
    def _all_dates(self) -> None:
        self.action_preset("all")

    @on(Button.Pressed, "#date-cancel")
    def _cancel(self) -> None:
        self.action_cancel()
