"""Articles as the index cache keeps them: metadata in columns, paragraphs in the files.

The cache stores the metadata of a library as one column per field
(`ArticleColumns`), made of strings, numbers and arrays only: marshal reads
100,000 articles' worth in about a tenth of a second and the garbage collector
has almost nothing to track. A `CachedArticle` is an Article that points into
the columns: creating one costs three attribute assignments, its fields are
decoded the first time they are read, and its paragraphs are read from its
file only when asked for, so memory holds metadata only, whatever the size of
the library.

While a cache is updated, articles travel as rows (one tuple per article, the
``R_*`` positions), which are easy to merge and sort.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from itertools import accumulate
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from store.article import Article, Region
from store.article_files import read_article
from store.encoding import UnreadableArticle

if TYPE_CHECKING:
    from store.index_cache import SavedListing  # which imports this module

RECENT_PARAGRAPHS = 16  # articles whose paragraphs are kept after being read
_FIELDS = frozenset(f.name for f in fields(Article)) - {"id"}
NAME_SEPARATOR = "\x1f"  # joins the names of a list field (authors, editors, cities) into one string

(
    R_DOCID, R_ID, R_RELPATH, R_TITLE, R_TITLE_DERIVED, R_DATE, R_DATE_END, R_TIME, R_DATE_DERIVED,
    R_SOURCE, R_AUTHORS, R_EDITORS, R_REGIONS, R_CITIES, R_SCRIPT, R_ENCODING, R_PARAGRAPHS, R_CHARACTERS,
) = range(18)
Row = tuple[Any, ...]
# As parsed, a row's regions are RegionKeys; in the cache, indexes into the library's region table.
RegionKey = tuple[str, str, str]  # code, name, name_en
MAX_REGION_KEYS = 256  # region indexes are stored as bytes (34 regions, in two scripts, at most)


def row_of(docid: int, relpath: str, article: Article) -> Row:
    """The row of a freshly parsed article; its regions are still RegionKeys."""
    return (
        docid,
        article.id,
        relpath,
        article.title,
        article.title_derived,
        article.date.toordinal() if article.date else 0,
        article.date_end.toordinal() if article.date_end else 0,
        article.time,
        article.date_derived,
        article.source,
        tuple(article.authors),
        tuple(article.editors),
        tuple((r.code, r.name, r.name_en) for r in article.regions),
        tuple(article.cities),
        article.script,
        article.encoding,
        len(article.paragraphs),
        sum(len(p) for p in article.paragraphs),
    )


def _names(joined: str) -> tuple[str, ...]:
    return tuple(joined.split(NAME_SEPARATOR)) if joined else ()


class PackedStrings(Sequence[str]):
    """A column of strings kept as one buffer with the end of each, in code points.

    marshal reads it as two objects rather than 100,000 strings: titles,
    authors, editors and cities took about half of marshal's time reading a
    100,000-article cache (44 of 79 ms), and ids and paths 18 ms more, for
    strings nothing reads until a row is painted. A string is decoded when it
    is read. The buffer is ASCII, a byte per character, when every string is
    (ids and paths mostly are: UTF-32 paths nearly doubled the cache file that
    every start reads), else UTF-32, which holds any string.
    """

    __slots__ = ("_data", "_ends", "_width")
    _CODECS = {1: ("ascii", "strict"), 4: ("utf-32-le", "surrogatepass")}  # by bytes per character

    def __init__(self, data: bytes, ends: array, width: int) -> None:
        self._data = data
        self._ends = ends  # "q"
        self._width = width

    @classmethod
    def of(cls, values: Iterable[str]) -> PackedStrings:
        values = list(values)
        text = "".join(values)
        width = 1 if text.isascii() else 4
        return cls(text.encode(*cls._CODECS[width]), array("q", accumulate(map(len, values))), width)

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        ends = self._ends
        end = ends[index]  # IndexError past the end, as a list
        if index < 0:
            index += len(ends)
        start = ends[index - 1] if index else 0
        width = self._width
        return self._data[start * width : end * width].decode(*self._CODECS[width])

    def __iter__(self) -> Iterator[str]:
        text = self._data.decode(*self._CODECS[self._width])
        return map(text.__getitem__, map(slice, [0, *self._ends], self._ends))

    def take(self, positions: Sequence[int]) -> list[str]:
        """The strings at ``positions``; many of them are decoded in one pass over the buffer."""
        if 4 * len(positions) < len(self):
            return list(map(self.__getitem__, positions))
        return list(map(list(self).__getitem__, positions))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedStrings):
            return (self._data, self._ends, self._width) == (other._data, other._ends, other._width)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable-looking like a list; never a key

    def __repr__(self) -> str:
        return f"PackedStrings({len(self)} strings)"

    def to_marshal(self) -> tuple[bytes, bytes, int]:
        return self._data, self._ends.tobytes(), self._width

    @classmethod
    def from_marshal(cls, value: Sequence[Any]) -> PackedStrings:
        data, ends_bytes, width = value
        ends = array("q", ends_bytes)
        if width not in cls._CODECS or len(data) % width or (ends[-1] if ends else 0) * width != len(data):
            raise ValueError("packed strings of the wrong length")
        return cls(data, ends, width)


@dataclass
class ArticleColumns:
    """The metadata of a library's articles, one sequence per field, in library order."""

    docids: array  # "q": the article's document id in the text index
    ids: PackedStrings
    relpaths: PackedStrings
    titles: PackedStrings
    title_derived: bytes  # 0 or 1 per article
    dates: array  # "l": date ordinal, 0 when undated
    date_ends: array  # "l": ordinal of the last day of a range, 0 when none
    times: list[str | None]
    date_derived: bytes
    sources: list[str | None]
    authors: PackedStrings  # names joined by NAME_SEPARATOR
    editors: PackedStrings
    regions: list[bytes]  # indexes into the region table, most salient first
    cities: PackedStrings
    scripts: list[str]
    encodings: list[str]
    paragraph_counts: array  # "l"
    character_counts: array  # "l"
    # Per region-table index, one byte per article: 1 if the article names that region.
    # Derived from ``regions`` when the cache is written, so that opening a
    # library does not loop over every article to build the region filters.
    region_marks: list[bytes]

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_rows(cls, rows: Sequence[Row], region_count: int) -> ArticleColumns:
        """Columns of rows whose regions are already indexes into a table of ``region_count`` regions."""

        def column(position: int) -> list[Any]:
            return list(map(itemgetter(position), rows))

        join = NAME_SEPARATOR.join
        return cls(
            docids=array("q", column(R_DOCID)),
            ids=PackedStrings.of(column(R_ID)),
            relpaths=PackedStrings.of(column(R_RELPATH)),
            titles=PackedStrings.of(column(R_TITLE)),
            title_derived=bytes(column(R_TITLE_DERIVED)),
            dates=array("l", column(R_DATE)),
            date_ends=array("l", column(R_DATE_END)),
            times=column(R_TIME),
            date_derived=bytes(column(R_DATE_DERIVED)),
            sources=column(R_SOURCE),
            authors=PackedStrings.of(map(join, column(R_AUTHORS))),
            editors=PackedStrings.of(map(join, column(R_EDITORS))),
            regions=list(map(bytes, column(R_REGIONS))),
            cities=PackedStrings.of(map(join, column(R_CITIES))),
            scripts=column(R_SCRIPT),
            encodings=column(R_ENCODING),
            paragraph_counts=array("l", column(R_PARAGRAPHS)),
            character_counts=array("l", column(R_CHARACTERS)),
            region_marks=_region_marks(column(R_REGIONS), region_count),
        )

    def rows(self) -> list[Row]:
        """One row per article (regions as table indexes), to merge and sort."""
        return list(
            zip(
                self.docids,
                self.ids,
                self.relpaths,
                self.titles,
                map(bool, self.title_derived),
                self.dates,
                self.date_ends,
                self.times,
                map(bool, self.date_derived),
                self.sources,
                map(_names, self.authors),
                map(_names, self.editors),
                map(tuple, self.regions),
                map(_names, self.cities),
                self.scripts,
                self.encodings,
                self.paragraph_counts,
                self.character_counts,
            )
        )

    def to_marshal(self) -> tuple[Any, ...]:
        """The columns as marshal-able values (arrays as bytes, packed strings as two bytes)."""
        values = (getattr(self, f.name) for f in fields(self))
        return tuple(
            value.tobytes() if isinstance(value, array)
            else value.to_marshal() if isinstance(value, PackedStrings)
            else value
            for value in values
        )

    @classmethod
    def from_marshal(cls, values: Sequence[Any]) -> ArticleColumns:
        kinds = {f.name: f.type for f in fields(cls)}
        decoded: dict[str, Any] = {}
        for (name, kind), value in zip(kinds.items(), values):
            if kind == "array":
                decoded[name] = array("q" if name == "docids" else "l", value)
            elif kind == "PackedStrings":
                decoded[name] = PackedStrings.from_marshal(value)
            else:
                decoded[name] = value
        columns = cls(**decoded)
        if len({len(getattr(columns, name)) for name in kinds if name != "region_marks"}) != 1:
            raise ValueError("columns of different lengths")
        if any(len(marks) != len(columns) for marks in columns.region_marks):
            raise ValueError("region marks of the wrong length")
        return columns


def _region_marks(regions: Sequence[Sequence[int]], region_count: int) -> list[bytes]:
    marks = [bytearray(len(regions)) for _ in range(region_count)]
    for position, indexes in enumerate(regions):
        for index in indexes:
            marks[index][position] = 1
    return [bytes(m) for m in marks]


class ArticleStore:
    """What the cached articles of one library share: their columns, file locations, recent paragraphs."""

    def __init__(
        self, root: Path, columns: ArticleColumns, regions: Sequence[Region], saved_listing: SavedListing | None = None
    ) -> None:
        self.root = root
        self.columns = columns
        self.regions = tuple(regions)
        self.saved_listing = saved_listing  # for `list --json`
        self._prefix = os.path.join(str(root), "")  # the root with a trailing separator
        self._recent: OrderedDict[str, list[str]] = OrderedDict()
        # Held while a file is read: the reader's render and notes workers ask for the same
        # article at once, and the second should get the first's paragraphs, not parse again.
        self._lock = threading.Lock()
        self._dates: dict[int, dt.date] = {}

    def path_of(self, relpath: str) -> str:
        """The file's path: the root as given, joined with the path below it."""
        return self._prefix + (relpath if os.sep == "/" else relpath.replace("/", os.sep))

    def date(self, ordinal: int) -> dt.date | None:
        if not ordinal:
            return None
        day = self._dates.get(ordinal)
        if day is None:
            day = self._dates[ordinal] = dt.date.fromordinal(ordinal)
        return day

    def articles(self) -> list[CachedArticle]:
        """One CachedArticle per row of the columns, in library order."""
        new = object.__new__
        articles = []
        append = articles.append
        for index in range(len(self.columns)):
            article = new(CachedArticle)
            article._index = index
            article._store = self
            append(article)
        return articles

    def paragraphs(self, relpath: str) -> list[str]:
        """The clean paragraphs of a file, parsed again (or recalled if read lately); [] if it is gone."""
        with self._lock:
            found = self._recent.get(relpath)
            if found is not None:
                self._recent.move_to_end(relpath)
                return found
            try:
                found = read_article(Path(self.path_of(relpath)), self.root).paragraphs
            except UnreadableArticle:
                found = []
            self._recent[relpath] = found
            while len(self._recent) > RECENT_PARAGRAPHS:
                self._recent.popitem(last=False)
            return found


class _ColumnField:
    """A field of a CachedArticle, decoded from its column the first time it is read.

    A non-data descriptor: once decoded (or assigned) the value sits in the
    instance and wins over the descriptor, so later reads are plain lookups.
    Each field decodes alone: a loop over every article's regions does not pay
    for titles and paths.
    """

    def __init__(self, decode: Callable[[ArticleStore, int], Any]) -> None:
        self._decode = decode

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, article: CachedArticle | None, owner: type | None = None) -> Any:
        if article is None:
            return self
        value = self._decode(article._store, article._index)
        return article.__dict__.setdefault(self.name, value)


class _Paragraphs:
    """CachedArticle.paragraphs: read from the file when not at hand (the store keeps the last few)."""

    def __get__(self, article: CachedArticle | None, owner: type | None = None) -> Any:
        if article is None:
            return self
        return article._store.paragraphs(article._store.columns.relpaths[article._index])


class CachedArticle(Article):
    """An Article from the index cache: metadata from the library's columns, paragraphs from its file.

    Every field reads as in a plain Article. A metadata field is decoded into
    the instance the first time it is read; ``paragraphs``
    parses the file again unless assigned (the store keeps the last few);
    ``paragraph_count`` and ``character_count`` come from the cache, so
    ``to_json`` never reads the file. Pickling or copying one gives a plain Article.
    """

    _index: int
    _store: ArticleStore

    id = _ColumnField(lambda s, i: s.columns.ids[i])
    path = _ColumnField(lambda s, i: s.path_of(s.columns.relpaths[i]))
    title = _ColumnField(lambda s, i: s.columns.titles[i])
    title_derived = _ColumnField(lambda s, i: bool(s.columns.title_derived[i]))
    date = _ColumnField(lambda s, i: s.date(s.columns.dates[i]))
    date_end = _ColumnField(lambda s, i: s.date(s.columns.date_ends[i]))
    time = _ColumnField(lambda s, i: s.columns.times[i])
    date_derived = _ColumnField(lambda s, i: bool(s.columns.date_derived[i]))
    source = _ColumnField(lambda s, i: s.columns.sources[i])
    authors = _ColumnField(lambda s, i: list(_names(s.columns.authors[i])))
    editors = _ColumnField(lambda s, i: list(_names(s.columns.editors[i])))
    regions = _ColumnField(lambda s, i: [s.regions[r] for r in s.columns.regions[i]])
    cities = _ColumnField(lambda s, i: list(_names(s.columns.cities[i])))
    script = _ColumnField(lambda s, i: s.columns.scripts[i])
    encoding = _ColumnField(lambda s, i: s.columns.encodings[i])
    paragraphs = _Paragraphs()

    def _paragraphs_from_file(self) -> bool:
        """Whether the paragraphs are still the file's (not assigned, not from a copy)."""
        return "_store" in self.__dict__ and "paragraphs" not in self.__dict__

    @property
    def paragraph_count(self) -> int:
        if self._paragraphs_from_file():
            return self._store.columns.paragraph_counts[self._index]
        return len(self.paragraphs)

    @property
    def character_count(self) -> int:
        if self._paragraphs_from_file():
            return self._store.columns.character_counts[self._index]
        return sum(len(p) for p in self.paragraphs)

    def to_json(self) -> dict[str, Any]:
        """As Article.to_json, with the paragraph and character counts taken from the cache.

        `zhreader list --json` calls this for every article, so fields not yet
        decoded are read straight from the columns, without decoding them into
        the instance.
        """
        if not _FIELDS.isdisjoint(self.__dict__) or "_store" not in self.__dict__:  # a field decoded or assigned
            return self._to_json_from_fields()
        store, i = self._store, self._index
        c = store.columns
        date, date_end = store.date(c.dates[i]), store.date(c.date_ends[i])
        return {
            "id": c.ids[i],
            "title": c.titles[i],
            "date": date.isoformat() if date else None,
            "date_end": date_end.isoformat() if date_end else None,
            "time": c.times[i],
            "source": c.sources[i],
            "authors": list(_names(c.authors[i])),
            "editors": list(_names(c.editors[i])),
            "regions": [store.regions[r].to_json() for r in c.regions[i]],
            "cities": list(_names(c.cities[i])),
            "script": c.scripts[i],
            "path": store.path_of(c.relpaths[i]),
            "title_derived": bool(c.title_derived[i]),
            "date_derived": bool(c.date_derived[i]),
            "paragraphs": c.paragraph_counts[i],
            "characters": c.character_counts[i],
        }

    def _to_json_from_fields(self) -> dict[str, Any]:
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
            "paragraphs": self.paragraph_count,
            "characters": self.character_count,
        }

    def __repr__(self) -> str:
        # Not the dataclass repr: that reads every field, the paragraphs too (a file parsed
        # again), and Textual writes the repr of a worker's arguments on the UI thread.
        return f"CachedArticle(id={self.id!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Article, tuple(getattr(self, f.name) for f in fields(Article)))
