"""`zhreader list --json` output: one JSON array, one article per line, in UTF-8.

Each article is its ``to_json()`` object plus ``bookmarked`` and ``notes``.
For articles straight from the index cache (store.cached_article), each line
is made once from the cache's columns, as if the article were neither
bookmarked nor annotated, and kept beside the cache
(store.index_cache.SavedListing). Listing the whole library is then writing
large slices of that file, mapped into memory, with the few lines of marked
articles patched in: no copy, let alone 100,000 objects encoded. The lines
are made column by column: every value is encoded once per distinct value
(dates, sources, region lists) or by C-level ``map`` calls (ids, titles,
paths), and each line is one ``%`` formatting. Either way the text is the
same as encoding each article's dict (a test compares them).
"""

from __future__ import annotations

import datetime as dt
import json
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import accumulate, compress
from json.encoder import encode_basestring
from operator import attrgetter
from typing import Any, TypeVar

from store.article import Article
from store.cached_article import NAME_SEPARATOR, ArticleStore, CachedArticle
from store.index_cache import _collector_paused

K = TypeVar("K")

LISTING_FORMAT = 2  # of the saved lines: a change to the text of a line must change it
# The keys of every object, in order: Article.to_json's, then the reader's marks.
_KEYS = (
    "id", "title", "date", "date_end", "time", "source", "authors", "editors", "regions", "cities", "script",
    "path", "title_derived", "date_derived", "paragraphs", "characters", "bookmarked", "notes",
)
_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
_string = encode_basestring  # C: a str as a JSON string, non-ASCII kept
_FRAGMENT = "{" + ", ".join(f'"{key}": %s' for key in _KEYS[:-2])  # a line up to the marks
_MARKS = ', "bookmarked": %s, "notes": %d}'
_LINE_END = b",\n"  # after every line as written and kept; the last one's is cut off
_UNMARKED = (_MARKS % ("false", 0)).encode() + _LINE_END  # how every kept line ends
_BOOLEANS = ("false", "true")
_CHUNK = 2000  # articles per write: the whole text never sits in memory twice


def write_json_listing(
    articles: Sequence[Article], bookmarked: set[str], note_counts: Mapping[str, int], write: Callable[[bytes], Any]
) -> None:
    """Write ``articles`` as one JSON array (and a newline) in UTF-8 with ``write``, a line per article."""
    if not articles:
        write(b"[]\n")
        return
    with _collector_paused():
        runs = _cached_runs(articles, bookmarked, note_counts) or _plain_runs(articles, bookmarked, note_counts)
        write(b"[\n")
        pending = next(runs)
        for run in runs:
            write(pending)
            pending = run
        write(pending[: -len(_LINE_END)])
        write(b"\n]\n")


def _plain_runs(articles: Sequence[Article], bookmarked: set[str], note_counts: Mapping[str, int]) -> Iterator[bytes]:
    """Any articles: one dict each, encoded; lines joined by the chunk."""
    for start in range(0, len(articles), _CHUNK):
        yield b"".join(
            _encode({**a.to_json(), "bookmarked": a.id in bookmarked, "notes": note_counts.get(a.id, 0)}).encode()
            + _LINE_END
            for a in articles[start : start + _CHUNK]
        )


_PRISTINE_KEYS = frozenset({"id", "_index", "_store"})  # what a CachedArticle holds before a field is read


def _all_pristine(articles: Sequence[Article]) -> bool:
    """Whether each article is a CachedArticle none of whose fields has been decoded or assigned.

    Their columns are then the truth. Written as maps in C: a Python call per
    article took 33 ms of a listing of 100,000.
    """
    return set(map(type, articles)) == {CachedArticle} and all(
        map(_PRISTINE_KEYS.issuperset, map(attrgetter("__dict__"), articles))
    )


def _cached_runs(
    articles: Sequence[Article], bookmarked: set[str], note_counts: Mapping[str, int]
) -> Iterator[bytes | memoryview] | None:
    """The lines of articles from one index cache, in runs, from the kept lines; else None."""
    if not _all_pristine(articles):
        return None
    store: ArticleStore = articles[0]._store  # type: ignore[attr-defined]
    if any(a._store is not store for a in articles):  # type: ignore[attr-defined]
        return None
    rows: Sequence[int] = list(map(attrgetter("_index"), articles))
    ids = store.columns.ids.take(rows)
    marked_ids = bookmarked | {article_id for article_id, count in note_counts.items() if count}
    marks = {
        position: _marks(ids[position] in bookmarked, note_counts.get(ids[position], 0))
        for position in compress(range(len(ids)), map(marked_ids.__contains__, ids))
    }
    saved = _saved_lines(store) if 2 * len(rows) >= len(store.columns) else None
    if saved is None:  # a few articles: making theirs is quicker than making (and keeping) every one
        saved = _joined([line.encode() + _UNMARKED for line in _fragments(store, rows)])
        rows = range(len(rows))
    return _runs(*saved, rows, marks)


def _runs(
    blob: bytes | memoryview, ends: Sequence[int], rows: Sequence[int], marks: Mapping[int, bytes]
) -> Iterator[bytes | memoryview]:
    """Kept lines ``rows`` of ``blob`` (ending at ``ends``), with ``marks`` put in, in runs of whole lines.

    ``marks`` are the tails of the lines at those positions of ``rows`` whose
    marks are not the kept ones. Consecutive rows give slices of ``blob``;
    others, their lines joined by the chunk.
    """
    view = memoryview(blob)
    starts = [0, *ends]
    consecutive = isinstance(rows, range) or rows == list(range(rows[0], rows[0] + len(rows)))

    def unmarked(first: int, stop: int) -> list[memoryview]:
        if first >= stop:
            return []
        if consecutive:
            return [view[starts[rows[first]] : ends[rows[stop - 1]]]]
        chosen = rows[first:stop]
        return list(map(view.__getitem__, map(slice, map(starts.__getitem__, chosen), map(ends.__getitem__, chosen))))

    pending = sorted(marks, reverse=True)
    for chunk in range(0, len(rows), _CHUNK):
        first, stop = chunk, min(chunk + _CHUNK, len(rows))
        pieces: list[bytes | memoryview] = []
        while pending and pending[-1] < stop:
            position = pending.pop()
            pieces += unmarked(first, position)
            row = rows[position]
            pieces += (view[starts[row] : ends[row] - len(_UNMARKED)], marks[position])
            first = position + 1
        pieces += unmarked(first, stop)
        if consecutive:
            yield from pieces
        else:
            yield b"".join(pieces)


@lru_cache(maxsize=256)
def _marks(bookmarked: bool, notes: int) -> bytes:
    """The end of a line: its marks and `_LINE_END`."""
    return (_MARKS % (_BOOLEANS[bookmarked], notes)).encode() + _LINE_END


def _joined(lines: list[bytes]) -> tuple[bytes, array]:
    return b"".join(lines), array("q", accumulate(map(len, lines)))


def _saved_lines(store: ArticleStore) -> tuple[bytes | memoryview, Sequence[int]] | None:
    """Every article's line in UTF-8, joined, with the end of each: kept beside the cache, else made and kept."""
    saved = store.saved_listing
    if saved is None:
        return None
    count = len(store.columns)
    root = store.path_of("").encode("utf-8", "surrogateescape")
    found = saved.load(LISTING_FORMAT, count, root)
    if found is not None:
        return found
    blob, ends = _joined([line.encode() + _UNMARKED for line in _fragments(store, range(count))])
    saved.save(LISTING_FORMAT, root, blob, ends)
    return blob, ends


def _fragments(store: ArticleStore, rows: Sequence[int]) -> Iterator[str]:
    """The lines of these rows of the store's columns up to their marks, made column by column."""
    c = store.columns

    def column(values: Sequence[K]) -> Iterator[K]:
        return map(values.__getitem__, rows)

    return map(
        _FRAGMENT.__mod__,
        zip(
            map(_string, column(c.ids)),
            map(_string, column(c.titles)),
            _by_value(column(c.dates), _date_json),
            _by_value(column(c.date_ends), _date_json),
            _by_value(column(c.times), _optional_string),
            _by_value(column(c.sources), _optional_string),
            _by_value(column(c.authors), _names_json),
            _by_value(column(c.editors), _names_json),
            _by_value(column(c.regions), lambda indexes: _encode([store.regions[i].to_json() for i in indexes])),
            _by_value(column(c.cities), _names_json),
            _by_value(column(c.scripts), _string),
            map(_string, map(store.path_of, column(c.relpaths))),
            map(_BOOLEANS.__getitem__, column(c.title_derived)),
            map(_BOOLEANS.__getitem__, column(c.date_derived)),
            column(c.paragraph_counts),
            column(c.character_counts),
        ),
    )


def _by_value(values: Iterable[K], encode: Callable[[K], str]) -> Iterator[str]:
    """``encode`` applied to each value, once per distinct value."""
    values = list(values)
    table = {value: encode(value) for value in set(values)}
    return map(table.__getitem__, values)


def _date_json(ordinal: int) -> str:
    return f'"{dt.date.fromordinal(ordinal).isoformat()}"' if ordinal else "null"


def _optional_string(value: str | None) -> str:
    return "null" if value is None else _string(value)


def _names_json(joined: str) -> str:
    return f"[{', '.join(map(_string, joined.split(NAME_SEPARATOR)))}]" if joined else "[]"

