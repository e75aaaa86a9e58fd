"""Dates as news pages write them: 2024-04-18 09:16:32, 2024/05/20,
2024年10月31日-11月1日, 7月3日 (year elsewhere), 《人民日报》(2025年11月20日第10页)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_SEP = r"\s*[-—–~～至到]\s*"
_FULL = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日?"
    r"|[-/.](?P<m2>\d{1,2})[-/.](?P<d2>\d{1,2})(?!\d))"
    r"(?:\s*(?P<H>\d{1,2})[:：](?P<M>\d{2})(?:[:：](?P<S>\d{2}))?)?"
)
_MONTH_DAY = re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
# The end of a range: 11月1日, 2024年11月1日, or just 2日 (same month).
_RANGE_END = re.compile(
    _SEP + r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日"
)
# A number before a measure word or unit is a count, not a year (1956家企业, 2000公里).
_MEASURE_WORDS = "家个名人位万亿千百件项场支台辆元吨次条篇所座户套张只头匹本部间米里公斤亩倍多余分秒天周号度"
_YEAR = re.compile(rf"(?<!\d)((?:19|20)\d{{2}})(?=\s*年|(?![{_MEASURE_WORDS}])[\u4e00-\u9fff])")
# A year among a file's folders or in its name: 2015/10/…, 2015-10-29_…, 20151029.txt. Letters
# may not touch it (an id such as a2015f is no year); a month and a day may follow it.
_PATH_YEAR = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d{2})(?=(?:[01]\d(?:[0-3]\d)?)?(?![0-9A-Za-z]))")
_PRINT_FOOTER = re.compile(
    r"《\s*(?P<paper>[^》]{2,16}?)\s*》\s*[（(]\s*(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"\s*(?:第?\s*\d+\s*[版页頁])?\s*[）)]"
)


@dataclass(frozen=True)
class FoundDate:
    """A date found in text; ``year_given`` is False when the year was supplied."""

    start: dt.date
    end: dt.date | None
    time: str | None
    year_given: bool
    position: int


def _make(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _range_end(text: str, pos: int, start: dt.date) -> dt.date | None:
    m = _RANGE_END.match(text, pos)
    if not m:
        return None
    end = _make(
        int(m["y"]) if m["y"] else start.year,
        int(m["m"]) if m["m"] else start.month,
        int(m["d"]),
    )
    if end is not None and end < start and not m["y"]:
        end = _make(end.year + 1, end.month, end.day)  # 12月30日-1月2日
    return end if end is not None and end > start else None


def _clock(h: str | None, mi: str | None, s: str | None) -> str | None:
    if h is None or mi is None:
        return None
    if int(h) > 23 or int(mi) > 59 or (s is not None and int(s) > 59):
        return None
    return f"{int(h):02d}:{mi}:{s or '00'}"


def find_full_dates(text: str) -> list[FoundDate]:
    """Every valid date with a year in ``text``, in order, with time and range end."""
    found = []
    for m in _FULL.finditer(text):
        month, day = (m["m1"], m["d1"]) if m["m1"] else (m["m2"], m["d2"])
        start = _make(int(m["y"]), int(month), int(day))
        if start is None:
            continue
        clock = _clock(m["H"], m["M"], m["S"])
        found.append(FoundDate(start, _range_end(text, m.end(), start), clock, True, m.start()))
    return found


def find_month_day_dates(text: str, year: int) -> list[FoundDate]:
    """Dates written without a year (7月3日), given the year to assume."""
    found = []
    full_spans = [(m.start(), m.end()) for m in _FULL.finditer(text)]
    for m in _MONTH_DAY.finditer(text):
        if any(a <= m.start() < b for a, b in full_spans):
            continue
        start = _make(year, int(m["m"]), int(m["d"]))
        if start is not None:
            found.append(FoundDate(start, _range_end(text, m.end(), start), None, False, m.start()))
    return found


def years_mentioned(text: str) -> list[int]:
    """Four-digit years written as 2025年 or 2025 directly before a Han character that is no measure word."""
    return [int(y) for y in _YEAR.findall(text)]


def year_in_path(relpath: str) -> int | None:
    """The year a file's path below its library names (2015/10/a.txt, 2015-10-29_b.md), if it names exactly one."""
    years = set(_PATH_YEAR.findall(relpath))
    return int(years.pop()) if len(years) == 1 else None


@dataclass(frozen=True)
class PrintFooter:
    paper: str
    date: dt.date


def find_print_footer(text: str) -> PrintFooter | None:
    """The print edition line 《人民日报》(2025年11月20日第10页), if present."""
    m = _PRINT_FOOTER.search(text)
    if not m:
        return None
    day = _make(int(m["y"]), int(m["m"]), int(m["d"]))
    return PrintFooter(m["paper"].strip(), day) if day else None


def is_print_footer(line: str) -> bool:
    """True when the line is only a print edition stamp."""
    m = _PRINT_FOOTER.search(line)
    return bool(m) and len(line) - (m.end() - m.start()) <= 4


def parse_user_date(value: str) -> dt.date:
    """Parse a YYYY-MM-DD date typed by a user; ValueError with a clear message if not."""
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", value)
    if not m:
        raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD")
    day = _make(int(m[1]), int(m[2]), int(m[3]))
    if day is None:
        raise ValueError(f"{value!r} is not a real date")
    return day
