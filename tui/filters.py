"""The reader's list filters: what they hold, how they become a query, how they are saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from store.gazetteer import PROVINCES
from store.library import ArticleQuery

_KNOWN_CODES = frozenset(p.code for p in PROVINCES)
_SHORT_NAMES = {p.code: p.short for p in PROVINCES}


@dataclass(frozen=True)
class Filters:
    """Region codes, a date range, search text, and whether only bookmarked or annotated articles show."""

    regions: frozenset[str] = frozenset()
    since: dt.date | None = None
    until: dt.date | None = None
    text: str = ""
    bookmarked_only: bool = False
    with_notes_only: bool = False

    def is_active(self) -> bool:
        return bool(
            self.regions
            or self.since
            or self.until
            or self.text.strip()
            or self.bookmarked_only
            or self.with_notes_only
        )

    def query(self, bookmarked: Iterable[str], with_notes: Iterable[str] = ()) -> ArticleQuery:
        """The library query; ``bookmarked`` and ``with_notes`` (article ids) matter only with their flags."""
        only: frozenset[str] | None = None
        if self.bookmarked_only:
            only = frozenset(bookmarked)
        if self.with_notes_only:
            only = frozenset(with_notes) if only is None else only & frozenset(with_notes)
        return ArticleQuery(regions=self.regions, since=self.since, until=self.until, text=self.text, only_ids=only)

    def next_marked(self) -> Filters:
        """The cycle of `B`: all articles -> bookmarked -> with notes -> all."""
        if self.bookmarked_only:
            return replace(self, bookmarked_only=False, with_notes_only=True)
        if self.with_notes_only:
            return replace(self, with_notes_only=False)
        return replace(self, bookmarked_only=True)

    def without_regions(self) -> Filters:
        return replace(self, regions=frozenset())

    def without_dates(self) -> Filters:
        return replace(self, since=None, until=None)

    def describe_regions(self) -> str:
        if not self.regions:
            return "all"
        return " ".join(_SHORT_NAMES.get(code, code) for code in sorted(self.regions))

    def describe_dates(self) -> str:
        if self.since and self.until:
            return f"{self.since.isoformat()} – {self.until.isoformat()}"
        if self.since:
            return f"from {self.since.isoformat()}"
        if self.until:
            return f"until {self.until.isoformat()}"
        return "all"

    def to_settings(self) -> dict[str, Any]:
        return {
            "regions": sorted(self.regions),
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "text": self.text,
            "bookmarked_only": self.bookmarked_only,
            "with_notes_only": self.with_notes_only,
        }

    @classmethod
    def from_settings(cls, saved: Any) -> Filters:
        """Filters as saved; anything damaged or unknown is dropped, never fatal."""
        if not isinstance(saved, Mapping):
            return cls()
        regions = saved.get("regions")
        text = saved.get("text")
        return cls(
            regions=frozenset(
                code for code in (regions if isinstance(regions, list) else []) if code in _KNOWN_CODES
            ),
            since=_date_or_none(saved.get("since")),
            until=_date_or_none(saved.get("until")),
            text=text if isinstance(text, str) else "",
            bookmarked_only=saved.get("bookmarked_only") is True,
            with_notes_only=saved.get("with_notes_only") is True,
        )


def _date_or_none(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def last_30_days(today: dt.date) -> tuple[dt.date, dt.date]:
    """The date-range preset ending today."""
    return today - dt.timedelta(days=29), today


def this_year(today: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
