"""How many articles fall in each month, as a small Sparkline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.widgets import Sparkline

from store.article import Article
from store.library import months_of


@dataclass(frozen=True)
class MonthCounts:
    """Articles per month from ``first`` to ``last`` (inclusive), no month skipped."""

    first: dt.date | None  # the first day of the first month, None when no article is dated
    counts: tuple[int, ...]

    @property
    def last(self) -> dt.date | None:
        if self.first is None:
            return None
        return _add_months(self.first, len(self.counts) - 1)

    def busiest(self) -> tuple[dt.date, int] | None:
        """The month with the most articles (the earliest on a tie) and its count."""
        if self.first is None or not self.counts:
            return None
        best = max(range(len(self.counts)), key=lambda i: (self.counts[i], -i))
        return _add_months(self.first, best), self.counts[best]

    def describe(self) -> str:
        busiest = self.busiest()
        if self.first is None or self.last is None or busiest is None:
            return "no dated articles"
        month, count = busiest
        return (
            f"{self.first:%Y-%m} – {self.last:%Y-%m}, busiest {month:%Y-%m} "
            f"({count} article{'s' if count != 1 else ''})"
        )


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_counts(articles: Iterable[Article]) -> MonthCounts:
    """Count dated articles per month (by their first day)."""
    return months_from_counts(months_of(articles))


def months_from_counts(counts: Mapping[tuple[int, int], int]) -> MonthCounts:
    """MonthCounts from (year, month) -> count, as the library's month counts give them (empty months left out)."""
    per_month = {year * 12 + month - 1: count for (year, month), count in counts.items() if count}
    if not per_month:
        return MonthCounts(None, ())
    low, high = min(per_month), max(per_month)
    first = dt.date(low // 12, low % 12 + 1, 1)
    return MonthCounts(first, tuple(per_month.get(i, 0) for i in range(low, high + 1)))


CHART_MONTHS_AT_LEAST = 12


def chart_data(counts: MonthCounts) -> list[int]:
    """The counts to draw: a span of under a year in the middle of a year of months, the others empty.

    The sparkline stretches whatever it is given over its width: one month
    alone would be a full-width bar, as if every month were busy.
    """
    data = list(counts.counts)
    missing = CHART_MONTHS_AT_LEAST - len(data)
    if not data or missing <= 0:
        return data
    return [0] * (missing // 2) + data + [0] * (missing - missing // 2)


class MonthChart(Sparkline):
    """A sparkline of articles per month; its tooltip names the span and the busiest month."""

    counts = MonthCounts(None, ())

    def show_counts(self, counts: MonthCounts) -> None:
        self.counts = counts
        self.data = chart_data(counts)
        self.tooltip = f"Articles per month: {counts.describe()}"
