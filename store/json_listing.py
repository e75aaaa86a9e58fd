"""`zhreader list --json` output: one JSON array, one article per line, in UTF-8.

Each article is its ``to_json()`` object plus ``bookmarked`` and ``notes``.
For articles straight from the index cache (store.cached_article), each line
is a fragment made once from the cache's columns (everything but the
library root in ``path`` and the reader's marks) and kept beside the cache
(store.index_cache.SavedListing): listing 100,000 articles is then slicing
and joining bytes in C, not encoding 100,000 objects. The fragments are made
column by column: every value is encoded once per distinct value (dates,
sources, region lists) or by C-level ``map`` calls (ids, titles, paths), and
each fragment is one ``%`` formatting. Either way the text is the same as
encoding each article's dict (a test compares them).
"""

from __future__ import annotations

import datetime as dt
import json
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import accumulate, islice, repeat
from json.encoder import encode_basestring
from operator import attrgetter, methodcaller
from typing import Any, TypeVar

from store.article import Article
from store.cached_article import NAME_SEPARATOR, ArticleStore, CachedArticle
from store.index_cache import _collector_paused

K = TypeVar("K")

LISTING_FORMAT = 1  # of the saved fragments: a change to the text of a line must change it
# The keys of every object, in order: Article.to_json's, then the reader's marks.
_KEYS = (
    "id", "title", "date", "date_end", "time", "source", "authors", "editors", "regions", "cities", "script",
    "path", "title_derived", "date_derived", "paragraphs", "characters", "bookmarked", "notes",
)
_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
_string = encode_basestring  # C: a str as a JSON string, non-ASCII kept
_FRAGMENT = "{" + ", ".join(f'"{key}": %s' for key in _KEYS[:-2])  # a line without the marks
_MARKS = ', "bookmarked": %s, "notes": %d}'
_ROOT = "\x00"  # where a fragment's path takes the library root: encoded JSON never holds a NUL
_BOOLEANS = ("false", "true")
_CHUNK = 2000  # articles per write: the whole text never sits in memory at once


def write_json_listing(
    articles: Sequence[Article], bookmarked: set[str], note_counts: Mapping[str, int], write: Callable[[bytes], Any]
) -> None:
    """Write ``articles`` as one JSON array (and a newline) in UTF-8 with ``write``, a line per article."""
    if not articles:
        write(b"[]\n")
        return
    with _collector_paused():
        lines = _cached_lines(articles, bookmarked, note_counts) or _plain_lines(articles, bookmarked, note_counts)
        write(b"[\n")
        for start in range(0, len(articles), _CHUNK):
            write(b",\n".join(islice(lines, _CHUNK)))
            write(b",\n" if start + _CHUNK < len(articles) else b"\n]\n")


def _plain_lines(articles: Sequence[Article], bookmarked: set[str], note_counts: Mapping[str, int]) -> Iterator[bytes]:
    """Any articles: one dict each, encoded."""
    return (
        _encode({**a.to_json(), "bookmarked": a.id in bookmarked, "notes": note_counts.get(a.id, 0)}).encode()
        for a in articles
    )


def _pristine(article: Article) -> bool:
    """A CachedArticle none of whose fields has been decoded or assigned: its columns are the truth."""
    return type(article) is CachedArticle and len(article.__dict__) == 3  # id, _index, _store


def _cached_lines(
    articles: Sequence[Article], bookmarked: set[str], note_counts: Mapping[str, int]
) -> Iterator[bytes] | None:
    """The lines of articles from one index cache, from its fragments; else None."""
    if not all(map(_pristine, articles)):
        return None
    store: ArticleStore = articles[0]._store  # type: ignore[attr-defined]
    if any(a._store is not store for a in articles):  # type: ignore[attr-defined]
        return None
    rows = list(map(attrgetter("_index"), articles))
    saved = _saved_fragments(store) if 2 * len(rows) >= len(store.columns) else None
    if saved is None:  # a few articles: making theirs is quicker than making (and keeping) every one
        fragments: Iterable[bytes] = map(methodcaller("encode"), _fragments(store, rows))
    else:
        blob, ends = saved
        starts = [0, *ends]
        fragments = map(blob.__getitem__, map(slice, map(starts.__getitem__, rows), map(ends.__getitem__, rows)))
    ids = list(map(store.columns.ids.__getitem__, rows))
    root = _string(store.path_of(""))[1:-1].encode()
    return map(
        bytes.__add__,
        map(methodcaller("replace", _ROOT.encode(), root), fragments),
        map(_marks, map(bookmarked.__contains__, ids), map(note_counts.get, ids, repeat(0))),
    )


@lru_cache(maxsize=256)
def _marks(bookmarked: bool, notes: int) -> bytes:
    return (_MARKS % (_BOOLEANS[bookmarked], notes)).encode()


def _saved_fragments(store: ArticleStore) -> tuple[bytes, Sequence[int]] | None:
    """Every article's fragment in UTF-8, joined, with the end of each: kept beside the cache, else made and kept."""
    saved = store.saved_listing
    if saved is None:
        return None
    count = len(store.columns)
    found = saved.load(LISTING_FORMAT, count)
    if found is not None:
        return found
    texts = [fragment.encode() for fragment in _fragments(store, range(count))]
    blob, ends = b"".join(texts), array("q", accumulate(map(len, texts)))
    saved.save(LISTING_FORMAT, blob, ends)
    return blob, ends


def _fragments(store: ArticleStore, rows: Sequence[int]) -> Iterator[str]:
    """The fragments of these rows of the store's columns, made column by column."""
    c = store.columns
    prefix = len(store.path_of(""))

    def column(values: Sequence[K]) -> Iterator[K]:
        return map(values.__getitem__, rows)

    def path(relpath: str) -> str:
        return '"' + _ROOT + _string(store.path_of(relpath)[prefix:])[1:]

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
            map(path, column(c.relpaths)),
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

