"""YAML front matter at the top of a Markdown or text article."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import yaml

# libyaml's loader when PyYAML was built with it: ten times faster than the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_FENCE = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


@dataclass
class FrontMatter:
    """The fields zhreader reads from front matter; all optional."""

    title: str | None = None
    date: dt.date | None = None
    time: str | None = None
    source: str | None = None
    regions: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    problem: str | None = None  # why a fenced block was not usable, if it was not


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in re.split(r"[,，、;；]\s*", value.strip()) if part]
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value)]


def _as_date(value: object) -> tuple[dt.date | None, str | None]:
    if isinstance(value, dt.datetime):
        return value.date(), value.time().strftime("%H:%M:%S")
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?", value)
        if m:
            try:
                day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None, None
            clock = f"{int(m[4]):02d}:{m[5]}:{m[6] or '00'}" if m[4] else None
            return day, clock
    return None, None


def split_front_matter(text: str) -> tuple[FrontMatter | None, str]:
    """Return the front matter (None if there is none) and the text after it.

    A fenced block that is not a YAML mapping is reported in ``problem`` with
    its fields left empty; the library then skips the file, naming the line.
    """
    m = _FENCE.match(text)
    if not m:
        return None, text
    rest = text[m.end():]
    try:
        data = yaml.load(m.group(1), Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        return FrontMatter(problem=f"front matter is not valid YAML{where}"), rest
    if not isinstance(data, dict):
        return FrontMatter(problem="front matter is not a mapping of fields"), rest
    fields = {str(k).lower(): v for k, v in data.items()}
    day, clock = _as_date(fields.get("date"))
    title = fields.get("title")
    source = fields.get("source")
    return (
        FrontMatter(
            title=str(title).strip() or None if title is not None else None,
            date=day,
            time=clock,
            source=str(source).strip() or None if source is not None else None,
            regions=_as_list(fields.get("regions") or fields.get("region")),
            authors=_as_list(fields.get("authors") or fields.get("author")),
        ),
        rest,
    )
