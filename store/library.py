"""A library: a folder of article files, loaded into Articles and queried.

`load_library` goes through the index cache (store.index_cache): the first open
parses every file, later opens parse only what changed. Queries run on flag sets
(store.filter_index) and, for text, on the on-disk text index
(store.text_index), so they stay fast at 100,000 articles. A Library built
directly from a list of Articles works too; it filters the same way and searches
by scanning its articles' text.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress, count
from operator import attrgetter
from pathlib import Path

from store.article import Article
from store.article_files import (
    ARTICLE_SUFFIXES,
    MAX_ARTICLE_BYTES,
    FileListing,
    LoadWarning,
    article_files,
    article_id_for,
    read_article,
    scan_article_files,
    warm_up_parser,
)
from store.encoding import UnreadableArticle
from store.filter_index import FilterIndex
from store.index_cache import IndexedLibrary, open_cached_library, open_indexed_library
from store.text_index import TextIndexError, article_search_text, search_form

__all__ = [
    "ARTICLE_SUFFIXES",
    "MAX_ARTICLE_BYTES",
    "ArticleQuery",
    "CachedLibraryLoad",
    "Library",
    "LibraryError",
    "LoadWarning",
    "ProgressCallback",
    "article_files",
    "article_id_for",
    "bundled_library_path",
    "index_in_result",
    "index_of_id",
    "load_cached_library",
    "load_library",
    "matches_dates",
    "month_counts",
    "month_counts_of",
    "months_of",
    "query_articles",
    "read_article",
    "region_counts",
    "sort_newest_first",
]

ProgressCallback = Callable[[int, int], None]
_ID = attrgetter("id")


class LibraryError(Exception):
    """The library folder itself cannot be used (missing, not a folder, unreadable)."""


def bundled_library_path() -> Path:
    """The seeds shipped with zhreader: inside the wheel, or beside the source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise LibraryError("the bundled library is missing from this installation")


def sort_newest_first(articles: Iterable[Article]) -> list[Article]:
    """Newest first; undated articles last; ties by id for a stable order."""
    by_id = sorted(articles, key=lambda a: a.id)
    dated = sorted((a for a in by_id if a.date), key=lambda a: (a.date, a.time or ""), reverse=True)
    return dated + [a for a in by_id if not a.date]


@dataclass
class Library:
    """The loaded articles of one folder, newest first, plus what was skipped."""

    root: Path
    articles: list[Article]
    warnings: list[LoadWarning] = field(default_factory=list)
    _filters: FilterIndex[Article] | None = field(default=None, repr=False, compare=False)
    _files: FileListing | None = field(default=None, repr=False, compare=False)  # what the index cache saw
    _by_id: dict[str, Article] | None = field(default=None, repr=False, compare=False)
    _folded: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def get(self, article_id: str) -> Article | None:
        if self._by_id is None:
            self._by_id = dict(zip(map(_ID, self.articles), self.articles))
        return self._by_id.get(article_id)

    def search_text(self, article: Article) -> str:
        """Title, people, source and body folded to simplified, for script-insensitive search."""
        folded = self._folded.get(article.id)
        if folded is None:
            folded = article_search_text(article.title, article.source, article.authors, article.paragraphs)
            self._folded[article.id] = folded
        return folded

    def prepare(self) -> None:
        """Get ready for a reader: build the filter tables, warm the search index and the parser.

        The first query and the first article opened would do it otherwise,
        and take tens of milliseconds longer at 100,000 articles (the parser
        reads an article's paragraphs from its file). Worth calling in a
        background thread right after loading; pointless for a one-off command.
        """
        self.filters.prepare()
        warm_up_parser()

    @property
    def filters(self) -> FilterIndex[Article]:
        """The flag-set index that answers queries (built on first use for a library made by hand)."""
        with self._lock:
            if self._filters is None:
                self._filters = _scanning_filter_index(self)
            return self._filters


def _scanning_filter_index(library: Library) -> FilterIndex[Article]:
    articles = library.articles
    codes: dict[str, int] = {}
    region_ids = [tuple(codes.setdefault(r.code, len(codes)) for r in a.regions) for a in articles]
    return FilterIndex(
        articles,
        dates=[a.date.toordinal() if a.date else 0 for a in articles],
        date_ends=[a.date_end.toordinal() if a.date_end else 0 for a in articles],
        region_ids=region_ids,
        region_codes=list(codes),
        ids=lambda: map(_ID, articles),
        scan_text=library.search_text,
    )


def _indexed_library(root: Path, indexed: IndexedLibrary) -> Library:
    articles: list[Article] = list(indexed.articles)
    columns = indexed.columns
    filters: FilterIndex[Article] = FilterIndex(
        articles,
        dates=columns.dates,
        date_ends=columns.date_ends,
        region_ids=columns.regions,
        region_codes=[r.code for r in indexed.regions],
        region_marks=columns.region_marks,
        ids=lambda: columns.ids,
        docids=columns.docids,
        text_index=indexed.text_index,
        dates_sorted=True,  # the cache keeps its rows in library order (index_cache.sort_rows)
    )
    return Library(root=root, articles=articles, warnings=indexed.warnings, _filters=filters, _files=indexed.files)


def load_library(root: Path, progress: ProgressCallback | None = None, reuse: Library | None = None) -> Library:
    """Load every article file below ``root``, through the index cache.

    ``progress(done, total)`` is called as files are parsed (none are when the
    cache is up to date). Unreadable files become LoadWarnings; the rest of the
    library still loads. Raises LibraryError if ``root`` is not a readable folder.
    Without a usable cache folder the library is parsed in memory instead.

    ``reuse`` is a library from `load_cached_library`: when no file has changed
    since, it is returned as it is (so a screen that shows it need not change).
    """
    root = Path(root).expanduser()
    if not root.exists():
        raise LibraryError(f"library folder not found: {root}")
    if not root.is_dir():
        raise LibraryError(f"library is not a folder: {root}")
    try:
        files = scan_article_files(root)
    except OSError as exc:
        raise LibraryError(f"cannot read library folder {root}: {exc.strerror}") from exc
    if reuse is not None and reuse.root == root and reuse._files is not None and reuse._files.same_as(files):
        return reuse
    try:
        return _indexed_library(root, open_indexed_library(root, files, progress))
    except (OSError, TextIndexError, sqlite3.Error):
        return _load_in_memory(root, files, progress)


def load_cached_library(root: Path) -> Library | None:
    """The library as its index cache last saw it, without looking at the folder; None if there is no usable cache.

    For showing a large library at once (it skips the stat of every file that
    `load_library` makes): files changed since are not reflected, so follow it
    with ``load_library(root, reuse=cached)``, which returns the same object if
    nothing changed.
    """
    root = Path(root).expanduser()
    try:
        indexed = open_cached_library(root)
    except (OSError, TextIndexError, sqlite3.Error):
        return None
    return _indexed_library(root, indexed) if indexed is not None else None


class CachedLibraryLoad:
    """`load_cached_library` run in a thread of its own from the moment this is made.

    The reader starts it before it imports Textual: reading the cache of a
    large library (a fifth of a second at 100,000 articles) then overlaps the
    imports and the start of the app: about 30 ms sooner on screen, measured
    (the interpreter runs one thread at a time; reading the file and its
    checksum do not need it).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._library: Library | None = None
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._load, name="cached-library-load", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        try:
            self._library = load_cached_library(self.root)
        except Exception as exc:  # raised where the result is asked for, as a direct call would
            self._error = exc

    def done(self) -> bool:
        """Whether the cache has been read (`result` then returns at once)."""
        return not self._thread.is_alive()

    def result(self) -> Library | None:
        """What `load_cached_library` returned (or raised), once it has."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._library


def _load_in_memory(root: Path, files: FileListing, progress: ProgressCallback | None) -> Library:
    """Parse every file into a plain Article (no cache: slow for a large library, but it works)."""
    articles: list[Article] = []
    warnings: list[LoadWarning] = []
    for done, relpath in enumerate(files.relpaths, start=1):
        path = root / relpath
        try:
            articles.append(read_article(path, root))
        except UnreadableArticle as exc:
            warnings.append(LoadWarning(str(path), str(exc)))
        if progress is not None:
            progress(done, len(files))
    return Library(root=root, articles=sort_newest_first(articles), warnings=warnings)


@dataclass(frozen=True)
class ArticleQuery:
    """What the reader wants to see. Empty fields do not filter."""

    regions: frozenset[str] = frozenset()  # region codes; an article matches if it has any
    since: dt.date | None = None
    until: dt.date | None = None
    text: str = ""
    only_ids: frozenset[str] | None = None  # e.g. the bookmarked articles

    def is_empty(self) -> bool:
        return not (self.regions or self.since or self.until or self.text.strip() or self.only_ids is not None)


def matches_dates(article: Article, since: dt.date | None, until: dt.date | None) -> bool:
    """True when the article's date (or date range) overlaps [since, until], both inclusive."""
    if since is None and until is None:
        return True
    if article.date is None:
        return False
    end = article.date_end or article.date
    return (since is None or end >= since) and (until is None or article.date <= until)


def _query_flags(library: Library, query: ArticleQuery, *, regions: bool = True, dates: bool = True) -> int:
    index = library.filters
    flags = index.all
    if query.only_ids is not None:
        flags &= index.id_flags(query.only_ids)
    if regions and query.regions:
        flags &= index.region_flags(query.regions)
    if dates and (query.since is not None or query.until is not None):
        flags &= index.date_flags(query.since, query.until)
    needle = search_form(query.text.strip())
    if needle and flags:
        flags &= index.text_flags(needle)
    return flags


def _matches(library: Library, query: ArticleQuery, article: Article, needle: str) -> bool:
    if query.only_ids is not None and article.id not in query.only_ids:
        return False
    if query.regions and not any(r.code in query.regions for r in article.regions):
        return False
    if not matches_dates(article, query.since, query.until):
        return False
    return not needle or needle in library.search_text(article)


def query_articles(library: Library, query: ArticleQuery, articles: Sequence[Article] | None = None) -> list[Article]:
    """The articles matching every filter of ``query``, in the library's order.

    With ``articles``, only those are considered (a previous result to narrow,
    for example); they come back in the library's order.
    """
    flags = _query_flags(library, query)
    if articles is None:
        return library.filters.select(flags)
    pool = library.filters.pool_flags(articles)
    if pool is None:  # articles that are not this library's own objects
        needle = search_form(query.text.strip())
        return [a for a in articles if _matches(library, query, a, needle)]
    return library.filters.select(flags & pool)


def region_counts(library: Library, query: ArticleQuery) -> dict[str, int]:
    """For each region the library names, how many articles match ``query`` and name it.

    The query's own region filter is left out, so the counts say what choosing
    a region would give under the other filters.
    """
    return library.filters.region_counts(_query_flags(library, query, regions=False))


def month_counts(library: Library, query: ArticleQuery) -> dict[tuple[int, int], int]:
    """How many articles matching ``query`` (its dates left out) start in each (year, month)."""
    return library.filters.month_counts(_query_flags(library, query, dates=False))


def index_of_id(articles: Sequence[Article], article_id: str) -> int:
    """Index of the first article with id ``article_id`` in ``articles``, or -1.

    A loop in C: 100,000 articles take 5-15 ms.
    """
    return next(compress(count(), map(article_id.__eq__, map(_ID, articles))), -1)


def index_in_result(library: Library, articles: Sequence[Article], article_id: str) -> int:
    """Where the article with id ``article_id`` is in ``articles`` (a result of `query_articles` on ``library``), or -1.

    A fresh result answers from its flag set in well under a millisecond; any
    other list is searched (at 100,000 articles, 5-15 ms).
    """
    found = library.filters.index_in(articles, article_id)
    return found if found is not None else index_of_id(articles, article_id)


def month_counts_of(library: Library, articles: Sequence[Article]) -> dict[tuple[int, int], int]:
    """How many of ``articles`` (a result of `query_articles` on ``library``) start in each (year, month).

    A fresh result costs no loop over its articles: its flag set is remembered.
    """
    flags = library.filters.pool_flags(articles)
    return library.filters.month_counts(flags) if flags is not None else months_of(articles)


def months_of(articles: Iterable[Article]) -> dict[tuple[int, int], int]:
    """How many dated ``articles`` start in each (year, month), counted one by one."""
    counts: dict[tuple[int, int], int] = {}
    for article in articles:
        if article.date is not None:
            key = (article.date.year, article.date.month)
            counts[key] = counts.get(key, 0) + 1
    return counts
