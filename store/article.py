"""The parsed article: what every other layer reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Script = Literal["simplified", "traditional", "mixed"]


@dataclass(frozen=True)
class Region:
    """A province-level division named by an article."""

    code: str  # ISO 3166-2:CN, e.g. "CN-CQ"
    name: str  # in the article's own script, e.g. "重慶"
    name_en: str  # e.g. "Chongqing"

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "name": self.name, "name_en": self.name_en}


@dataclass
class Article:
    """One cleaned news article.

    ``id`` is the file's path relative to the library root, without extension,
    with ``/`` as separator. ``paragraphs`` hold clean body text only: no
    header lines, boilerplate or converter pinyin annotations.
    """

    id: str
    path: str
    title: str
    paragraphs: list[str]
    title_derived: bool = False
    date: date | None = None
    date_end: date | None = None  # last day of a date range, else None
    time: str | None = None  # "HH:MM:SS"
    date_derived: bool = False  # year or date inferred, not stated in the header
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    script: Script = "simplified"
    encoding: str = "utf-8"

    @property
    def primary_region(self) -> Region | None:
        return self.regions[0] if self.regions else None

    @property
    def text(self) -> str:
        """Title and body as one string, paragraphs separated by newlines."""
        return "\n".join([self.title, *self.paragraphs])

    def to_json(self) -> dict[str, Any]:
        """The object `zhreader list --json` prints (see DESIGN.md)."""
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "time": self.time,
            "source": self.source,
            "authors": list(self.authors),
            "editors": list(self.editors),
            "regions": [r.to_json() for r in self.regions],
            "cities": list(self.cities),
            "script": self.script,
            "path": self.path,
            "title_derived": self.title_derived,
            "date_derived": self.date_derived,
            "paragraphs": len(self.paragraphs),
            "characters": sum(len(p) for p in self.paragraphs),
        }
